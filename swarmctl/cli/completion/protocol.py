"""Answering a Tab press: read the instruction and the words the script sent, ask click for
the candidates, and write them back in the form the script reads::

    TYPE <tab> VALUE <tab> HELP        TYPE: plain, nospace (no space after it), file, dir

click's ``ShellComplete.get_completions`` resolves the words against the group it is given,
so subcommand modules load only for the command being completed.
"""
from __future__ import annotations

import os
import sys

from swarmctl.cli.completion import COMPLETE_VAR, PROG_NAME, SHELLS, candidates
from swarmctl.cli.completion.scripts import script

DEBUG_VAR = "SWARMCTL_COMPLETION_DEBUG"
WORD_SEPARATOR = "\x1f"  # between the words fish sends


def respond(instruction, load_group, environ=None, out=None):
    """Handle ``_SWARMCTL_COMPLETE=<shell>_<source|complete>``; returns the exit code.

    ``load_group()`` returns the click group to complete against; it is called only for a
    Tab press, so printing a script loads no click.

    Never raises and never writes to stderr unless SWARMCTL_COMPLETION_DEBUG is set: a
    broken completion must not spill onto the user's command line.
    """
    environ = os.environ if environ is None else environ
    out = sys.stdout if out is None else out
    shell, _, action = instruction.partition("_")
    if shell not in SHELLS or action not in ("source", "complete"):
        return 1
    if action == "source":
        out.write(script(shell))
        return 0
    try:
        lines = answer(shell, environ, load_group())
    except Exception:  # noqa: BLE001 - a Tab press completes nothing rather than fail
        if environ.get(DEBUG_VAR):
            raise
        return 0
    if lines:
        out.write("\n".join(lines) + "\n")
    return 0


def completion_args(shell, environ):
    """(complete words after the program name, the incomplete word) from what the script sent."""
    from click.shell_completion import split_arg_string

    if shell == "bash":
        line = environ.get("COMP_LINE", "")
        words = split_arg_string(line)
        if not line or line[-1] in " \t\n" and not line.endswith("\\ "):
            incomplete = ""
        else:
            incomplete = words.pop() if words else ""
        return words[1:], incomplete
    separator = "\n" if shell == "zsh" else WORD_SEPARATOR
    raw = environ.get("COMP_WORDS", "")
    words = raw.split(separator) if raw else []
    incomplete = environ.get("COMP_CUR", "")
    if shell == "fish" and incomplete:
        # fish sends the token as typed: drop its quoting.
        parts = split_arg_string(incomplete)
        incomplete = parts[0] if parts else ""
    return words, incomplete


def answer(shell, environ, group):
    """The lines the script reads: one ``TYPE\\tVALUE\\tHELP`` per candidate of ``group``'s
    command line."""
    from click.shell_completion import ShellComplete

    args, incomplete = completion_args(shell, environ)
    candidates.set_environment(environ, shell)
    try:
        items = ShellComplete(group, {}, PROG_NAME, COMPLETE_VAR).get_completions(args, incomplete)
    finally:
        candidates.set_environment(None)
    # click completes the value of "--flag=VALUE" as VALUE: put the flag back, since the
    # shells replace the whole word.
    prefix = ""
    if incomplete.startswith("-") and "=" in incomplete:
        prefix = incomplete.partition("=")[0] + "="
    lines = []
    bash_cut = None
    if shell == "bash":
        bash_cut = _bash_cut(incomplete, environ.get("COMP_LINE", ""),
                             environ.get("COMP_WORDBREAKS"))
    for item in items:
        kind = item.type if item.type in ("plain", "nospace", "file", "dir") else "plain"
        value = str(item.value)
        if kind in ("plain", "nospace"):
            value = prefix + value
            if not value.startswith(incomplete):
                continue
        if bash_cut:
            value = value[bash_cut:]
        help_text = _clean(item.help or "")
        value = _clean(value)
        if shell == "zsh" and kind in ("plain", "nospace"):
            value = value.replace("\\", "\\\\").replace(":", "\\:")
            lines.append(f"{kind}\t{value}:{help_text}" if help_text else f"{kind}\t{value}")
        else:
            lines.append(f"{kind}\t{value}\t{help_text}")
    return lines


def _bash_cut(incomplete, line, wordbreaks):
    """How many leading characters of a candidate bash does not replace.

    readline replaces only the text after the last COMP_WORDBREAKS character (``=``, ``:``
    ...): in ``--constraint node.hostname==n`` that is ``n``, so the candidate
    ``node.hostname==n1`` is sent as ``n1``.
    """
    breaks = set(wordbreaks or " \t\n\"'><=;|&(:") | set(" \t\n")
    start = len(line)
    while start > 0 and line[start - 1] not in breaks:
        start -= 1
    word = line[start:]
    if len(word) < len(incomplete) and incomplete.endswith(word):
        return len(incomplete) - len(word)
    return 0


def _clean(text):
    return " ".join(str(text).split()) if any(c in text for c in "\t\n\r") else text
