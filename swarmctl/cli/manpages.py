"""Man pages from the click command definitions: ``swarmctl.1`` and ``swarmctl-<command>.1``.

click-man cannot be used: it walks ``group.commands``, which the lazy group leaves empty, so
it would write the top page alone. This walks the command table (loading each module), and reads
what ``--help`` reads: each command's help text, its parameters' help records, the docker
usage line and the exit codes it can return. ``scripts/gen-man`` writes the pages into ``man/``;
tests/unit/test_manpages.py fails when they are stale or when ``man`` warns about them.

Nothing here depends on the machine or the date, so the pages are reproducible.
"""
from __future__ import annotations

import inspect
import re

import click

from swarmctl import __version__
from swarmctl.cli import exitcodes
from swarmctl.cli.app import cli
from swarmctl.cli.commandtable import ALIASES, COMMANDS, EXAMPLES
from swarmctl.cli.options import DockerCommand, grouped_help_records

PROG = "swarmctl"
SECTION = "1"
MANUAL = "swarmctl manual"

ENVIRONMENT = (
    ("DOCKER_HOST", "Daemon socket to connect to when no -H is given "
                    "(default unix:///var/run/docker.sock)."),
    ("DOCKER_CONTEXT", "Name of the context to use when neither -H, --context nor "
                       "DOCKER_HOST is set."),
    ("DOCKER_CONFIG", "Location of the client configuration folder (default ~/.docker): "
                      "config.json and the context store."),
    ("DOCKER_API_VERSION", "Engine API version to use instead of negotiating it."),
    ("DOCKER_TLS", "Use TLS without verifying the remote (as --tls)."),
    ("DOCKER_TLS_VERIFY", "Use TLS and verify the remote (as --tlsverify)."),
    ("DOCKER_CERT_PATH", "Folder of ca.pem, cert.pem and key.pem for TLS."),
    ("NO_COLOR", "Draw terminal output without colour."),
    ("_SWARMCTL_COMPLETE", "Set by the shell completion scripts: bash_complete, zsh_complete "
                           "or fish_complete answer a Tab press; bash_source, zsh_source or "
                           "fish_source print the script."),
    ("SWARMCTL_COMPLETION_TIMEOUT", "Seconds a Tab press may wait for the engine while "
                                    "completing names (default 0.3)."),
)


def escape(text):
    """Text for a roff line: backslashes, hyphens (so options copy and paste) and quotes."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    # typographic quotes would not survive copy and paste either
    return text


def _line(text):
    """One roff text line: a leading dot or quote would be read as a request."""
    text = escape(text)
    if text.startswith((".", "'")):
        text = "\\&" + text
    return text


def _paragraphs(text):
    """Roff for a click help text: paragraphs, and ``\\b`` blocks kept as they are."""
    out = []
    for block in re.split(r"\n\s*\n", inspect.cleandoc(text or "")):
        lines = block.splitlines()
        if not lines:
            continue
        if lines[0].strip() == "\b":
            out += [".PP", ".nf"] + [_line(line) for line in lines[1:]] + [".fi"]
        else:
            out += [".PP", _line(" ".join(line.strip() for line in lines))]
    return out


def _option_lines(record):
    opts, help_text = record
    return [".TP", f"\\fB{escape(opts)}\\fR", _line(help_text or "")]


def _header(name, description):
    return [
        f'.TH "{name.upper()}" "{SECTION}" "" "swarmctl {__version__}" "{MANUAL}"',
        ".SH NAME",
        f"{escape(name)} \\- {escape(description)}",
    ]


def _exit_status(command=None):
    """The exit codes ``command`` can return (all of them on the main page)."""
    lines = [".SH EXIT STATUS"]
    for code, meaning in exitcodes.codes(command):
        lines += [".TP", f"\\fB{code}\\fR", _line(meaning[:1].upper() + meaning[1:] + ".")]
    return lines


def _main_page(group, ctx, commands, aliases):
    lines = _header(PROG, "manage Docker Swarm services: docker service for shells and scripts")
    lines += [".SH SYNOPSIS", f"\\fB{PROG}\\fR [\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIARG\\fR...]"]
    lines += [".SH DESCRIPTION"] + _paragraphs(group.help)
    lines += [".PP", _line(
        "Output is byte for byte what the Docker CLI prints when stdout is not a terminal; "
        "a terminal gets colour and live progress. Errors are one line on stderr in "
        "docker's words.")]
    lines += [".SH OPTIONS"]
    for param in group.get_params(ctx):
        record = param.get_help_record(ctx) if isinstance(param, click.Option) else None
        if record:
            lines += _option_lines(record)
    lines += [".SH COMMANDS"]
    for name, (_module, short_help, _usage) in commands.items():
        alias = [a for a, target in aliases.items() if target == name]
        extra = f" (alias: {', '.join(alias)})" if alias else ""
        lines += [".TP", f"\\fB{escape(name)}\\fR", _line(f"{short_help}{extra}."),
                  f"See \\fB{PROG}\\-{escape(name)}\\fR({SECTION})."]
    lines += _exit_status()
    lines += [".SH ENVIRONMENT"]
    for name, meaning in ENVIRONMENT:
        lines += [".TP", f"\\fB{escape(name)}\\fR", _line(meaning)]
    lines += [".SH FILES", ".TP", "\\fI~/.docker/config.json\\fR",
              _line("Client configuration: currentContext and the servicesFormat and "
                    "tasksFormat defaults."),
              ".TP", "\\fI~/.docker/contexts/\\fR", _line("The context store (docker context).")]
    lines += [".SH SEE ALSO"]
    refs = [f"\\fB{PROG}\\-{escape(name)}\\fR({SECTION})" for name in commands]
    refs.append("\\fBdocker\\fR(1)")
    lines.append(",\n".join(refs))
    return "\n".join(lines) + "\n"


def _command_page(name, command, ctx, aliases):
    usage = getattr(command, "docker_usage", None) or f"{name} [OPTIONS]"
    short_help = command.get_short_help_str(limit=200).rstrip(".")
    lines = _header(f"{PROG}-{name}", short_help[:1].lower() + short_help[1:])
    words = usage.split(" ", 1)
    synopsis = f"\\fB{PROG} {escape(words[0])}\\fR"
    if len(words) > 1:
        synopsis += " " + escape(words[1])
    lines += [".SH SYNOPSIS", synopsis]
    alias = [a for a, target in aliases.items() if target == name]
    lines += [".SH DESCRIPTION"] + _paragraphs(command.help)
    if alias:
        lines += [".PP", _line(f"Alias: {', '.join(f'{PROG} {a}' for a in alias)}.")]
    # Options only: click >= 8.5 also gives arguments a help record, which would make the
    # pages depend on the click version (the SYNOPSIS names the arguments).
    if isinstance(command, DockerCommand):  # create, update: in the groups of --help
        lines += [".SH OPTIONS"]
        for title, records in grouped_help_records(command, ctx):
            lines += [f".SS {escape(title)} options"]
            lines += [line for record in records for line in _option_lines(record)]
    else:
        records = [param.get_help_record(ctx) for param in command.get_params(ctx)
                   if isinstance(param, click.Option)]
        records = [record for record in records if record]
        if records:
            lines += [".SH OPTIONS"]
            lines += [line for record in records for line in _option_lines(record)]
    lines += [".PP", _line(f"The global options of {PROG}(1) (-H, --context, --config, TLS) "
                           "come before the command name.")]
    if name in EXAMPLES:
        lines += [".SH EXAMPLES"]
        for command_line, meaning in EXAMPLES[name]:
            lines += [".PP", _line(meaning[:1].upper() + meaning[1:] + ":"), ".PP", ".RS 4",
                      ".nf", _line(command_line), ".fi", ".RE"]
    lines += _exit_status(name)
    lines += [".SH SEE ALSO", f"\\fB{PROG}\\fR({SECTION})"]
    return "\n".join(lines) + "\n"


def pages():
    """{file name: roff text} for every page, in a stable order."""
    # Terminal width must not change the help records (click wraps nothing here, but be sure).
    root = click.Context(cli, info_name=PROG, terminal_width=80, max_content_width=80,
                         help_option_names=cli.context_settings["help_option_names"])
    result = {f"{PROG}.{SECTION}": _main_page(cli, root, COMMANDS, ALIASES)}
    for name in COMMANDS:
        command = cli.get_command(root, name)
        ctx = click.Context(command, info_name=name, parent=root)
        result[f"{PROG}-{name}.{SECTION}"] = _command_page(name, command, ctx, ALIASES)
    return result
