"""Help that helps: -h wherever --help works, `help [COMMAND]`, a bare `swarmctl`, the
closest name for a mistyped command or flag, `completion SHELL`, and per-command exit codes."""
from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from swarmctl.cli.app import cli
from swarmctl.cli.commandtable import COMMANDS
from swarmctl.cli.completion.scripts import SCRIPT_FILES
from swarmctl.cli.manpages import pages
from tests.helpers import invoke

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("command", [[], *([name] for name in COMMANDS)],
                         ids=["swarmctl", *COMMANDS])
def test_h_is_help_everywhere(command):
    long = invoke([*command, "--help"])
    short = invoke([*command, "-h"])
    assert (short.code, short.stderr) == (0, "")
    assert short.stdout == long.stdout
    assert short.stdout.startswith(f"Usage: swarmctl {' '.join(command)}".rstrip())


def test_help_command_is_the_commands_help():
    assert invoke(["help"]).stdout == invoke(["--help"]).stdout
    for name in ("ps", "create", "help"):
        result = invoke(["help", name])
        assert (result.code, result.stdout) == (0, invoke([name, "--help"]).stdout)
    assert invoke(["help", "list"]).stdout == invoke(["ls", "--help"]).stdout


def test_bare_swarmctl_prints_help_and_exits_0():
    result = invoke([])
    assert (result.code, result.stdout, result.stderr) == (0, invoke(["--help"]).stdout, "")
    assert "Commands:" in result.stdout


def test_unknown_command_suggests_the_closest_and_exits_1():
    result = invoke(["lss"])
    assert (result.code, result.stdout) == (1, "")
    assert result.stderr == ('unknown command "lss" for "swarmctl"\n\nDid you mean this?\n'
                             "\tls\n\nRun 'swarmctl --help' for more information\n")
    nothing_close = invoke(["frobnicate"])
    assert nothing_close.code == 1
    assert "Did you mean" not in nothing_close.stderr
    assert invoke(["help", "scael"]).stderr.startswith(
        'unknown command "scael" for "swarmctl"\n\nDid you mean this?\n\tscale\n')


def test_unknown_flag_keeps_dockers_line_then_suggests():
    result = invoke(["create", "--replica", "3", "img"])
    assert result.code == 125
    lines = result.stderr.splitlines()
    assert lines[:4] == ["unknown flag: --replica", "", "Did you mean this?", "\t--replicas"]
    assert lines[-1] == "Run 'swarmctl create --help' for more information"
    plain = invoke(["ls", "--bogus"])
    assert (plain.code, plain.stderr.splitlines()[:2]) == (125, ["unknown flag: --bogus", ""])
    assert "Did you mean" not in plain.stderr


@pytest.mark.parametrize("shell", sorted(SCRIPT_FILES))
def test_completion_prints_the_checked_in_script(shell):
    result = invoke(["completion", shell])
    assert (result.code, result.stderr) == (0, "")
    assert result.stdout == (ROOT / "completions" / SCRIPT_FILES[shell]).read_text()


def test_completion_of_an_unknown_shell_is_one_line_and_exit_1():
    result = invoke(["completion", "csh"])
    assert (result.code, result.stdout) == (1, "")
    assert result.stderr == ('invalid argument "csh" for "swarmctl completion": '
                             "choose bash, zsh or fish\n")


def _exit_codes(page):
    section = page.split(".SH EXIT STATUS\n", 1)[1].split(".SH ", 1)[0]
    return [int(line[3:-3]) for line in section.splitlines() if line.startswith("\\fB")]


def test_each_page_lists_the_codes_its_command_can_return():
    generated = pages()
    assert _exit_codes(generated["swarmctl.1"]) == [0, 1, 2, 3, 4, 5, 6, 124, 125, 129, 130, 141,
                                                    143]
    assert _exit_codes(generated["swarmctl-export.1"]) == [0, 1, 6, 125, 130]
    assert _exit_codes(generated["swarmctl-diff.1"]) == [0, 1, 2, 125, 130]  # kubectl diff's
    assert _exit_codes(generated["swarmctl-why.1"]) == [0, 1, 5, 125, 130]
    assert _exit_codes(generated["swarmctl-ls.1"]) == [0, 1, 125, 129, 130, 143]  # ls --watch
    assert _exit_codes(generated["swarmctl-create.1"]) == [0, 1, 2, 124, 125, 129, 130, 141, 143]
    assert _exit_codes(generated["swarmctl-update.1"]) == [0, 1, 2, 3, 4, 124, 125, 129, 130, 141, 143]
    assert _exit_codes(generated["swarmctl-rollback.1"]) == [0, 1, 3, 124, 125, 129, 130, 141, 143]
    assert _exit_codes(generated["swarmctl-logs.1"]) == [0, 1, 125, 129, 130, 143]
    assert "  124  " not in invoke(["why", "--help"]).stdout
    assert "    5  a slot is failing now" in invoke(["why", "--help"]).stdout
    assert "    5  " not in invoke(["wait", "--help"]).stdout
    assert "  124  " in invoke(["wait", "--help"]).stdout


@pytest.mark.parametrize("name", ["create", "update"])
def test_create_and_update_help_in_groups_ending_with_examples(name):
    text = invoke([name, "--help"]).stdout
    sections = [line[:-1] for line in text.splitlines() if line.endswith("options:")]
    assert sections == ["Service options", "Container options", "Resources options",
                        "Placement options", "Networking options", "Restart policy options",
                        "Update and rollback policy options", "Logging options",
                        "Command options"]
    command_section = text.split("Command options:\n", 1)[1].split("\n\n", 1)[0]
    assert "--timeout duration" in command_section and "-d, --detach" in command_section
    policy = text.split("Update and rollback policy options:\n", 1)[1].split("\n\n", 1)[0]
    assert "--rollback-delay" in policy and "--update-parallelism" in policy
    assert "  --rollback " not in policy
    # Every option is still there, once.
    command = cli.get_command(click.Context(cli), name)
    for param in command.params:
        if isinstance(param, click.Option):
            assert re.search(rf"{re.escape(param.opts[-1])}[ \n]", text), param.opts
    examples = text.split("Examples:\n", 1)[1].split("Exit codes:", 1)[0]
    assert examples.count(f"swarmctl {name} ") >= 2
    page = pages()[f"swarmctl-{name}.1"]
    assert ".SH EXAMPLES" in page and ".SS Placement options" in page


@pytest.mark.parametrize("typed, names, expected", [
    ("--replica", ["--replicas", "--replicas-max-per-node", "--restart-delay"],
     ["--replicas", "--replicas-max-per-node"]),
    ("--quite", ["--quiet", "--filter", "--format"], ["--quiet"]),       # two letters swapped
    ("--bogus", ["--host", "--help", "--debug"], []),  # difflib offered --host: the dashes matched
    ("--env-ad", ["--env-add", "--env-rm"], ["--env-add"]),              # the nearest only
    ("--fil", ["--filter", "--format"], ["--filter"]),                   # a beginning
    ("lss", ["ls", "ps", "rm"], ["ls"]),
    ("scael", ["scale", "create"], ["scale"]),
    ("rollbak", ["rollback", "remove"], ["rollback"]),
    ("frobnicate", ["ls", "ps", "create", "update"], []),
    ("LS", ["ls"], ["ls"]),
    ("x", ["ls", "ps"], []),
])
def test_suggestions_are_few_and_near(typed, names, expected):
    from swarmctl.cli.errors import suggestions

    assert suggestions(typed, names) == expected


@pytest.mark.parametrize("argv, suggested", [
    (["--bogus", "ls"], None),
    (["ls", "--quite"], ["--quiet"]),
    (["update", "--publish-ad", "80", "x"], ["--publish-add"]),
    (["ps", "--no-trnc", "x"], ["--no-trunc"]),
    (["--hots", "x", "ls"], ["--host"]),
])
def test_unknown_flags_suggest_only_near_flags(argv, suggested):
    result = invoke(argv)
    assert result.code == 125
    lines = result.stderr.splitlines()
    if suggested is None:
        assert "Did you mean" not in result.stderr
    else:
        assert lines[1:3] == ["", "Did you mean this?"]
        assert [line[1:] for line in lines[3:] if line.startswith("\t")] == suggested
