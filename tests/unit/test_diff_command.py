"""swarmctl diff without an engine: what is refused before a request, and an engine that
cannot be reached, all exit 2 (1 says "the specs differ"); the colours of the change lines
it shares with update --dry-run. With an engine: tests/cli/test_diff.py."""
from __future__ import annotations

import pytest

from tests.helpers import invoke

NO_ENGINE = {"DOCKER_HOST": "unix:///nonexistent/docker.sock", "DOCKER_CONTEXT": None,
             "DOCKER_API_VERSION": None, "NO_COLOR": "1"}


@pytest.mark.parametrize("args, problem", [
    ([], "requires 2 arguments (or 1 with --previous)"),
    (["a"], "requires 2 arguments (or 1 with --previous)"),
    (["a", "b", "c"], "requires 2 arguments (or 1 with --previous)"),
    (["--previous"], "requires 1 argument with --previous"),
    (["--previous", "a", "b"], "requires 1 argument with --previous"),
])
def test_argument_counts_exit_2_before_any_request(args, problem):
    result = invoke(["diff", *args], env=NO_ENGINE)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        f"swarmctl: 'swarmctl diff' {problem}", "",
        "Usage:  swarmctl diff [OPTIONS] SERVICE_A [SERVICE_B]", "",
        "Run 'swarmctl diff --help' for more information"]


def test_an_unknown_flag_is_125():
    result = invoke(["diff", "--prev", "a"], env=NO_ENGINE)
    assert result.code == 125
    assert result.stderr.startswith("unknown flag: --prev\n")


@pytest.mark.parametrize("args", [["a", "b"], ["--previous", "a"]])
def test_an_engine_that_cannot_be_reached_is_one_line_and_exit_2(args):
    result = invoke(["diff", *args], env=NO_ENGINE)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == ("Cannot connect to the Docker daemon at "
                             "unix:///nonexistent/docker.sock. Is the docker daemon running?\n")


@pytest.mark.parametrize("term, no_color, coloured", [
    ("xterm-256color", None, True), ("xterm-256color", "1", False), ("dumb", None, False)])
def test_change_lines_are_coloured_only_on_a_terminal_that_takes_colour(
        monkeypatch, capsys, term, no_color, coloured):
    from swarmctl.cli.changes import print_changes
    from swarmctl.output import console
    from swarmctl.service.diff import diff

    monkeypatch.setattr(console, "stdout_is_terminal", lambda: True)
    monkeypatch.setenv("TERM", term)
    if no_color is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", no_color)
    print_changes(diff({"A": 1, "B": [1]}, {"A": 2, "C": "x"}))
    plain = ["~ A: 1 -> 2", "- B: [1]", '+ C: "x"']
    lines = capsys.readouterr().out.splitlines()
    if coloured:  # changed yellow, removed red, added green
        assert lines == [f"\x1b[{code}m{line}\x1b[0m" for code, line in zip((33, 31, 32), plain)]
    else:
        assert lines == plain
