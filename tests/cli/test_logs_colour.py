"""``swarmctl logs`` in colour on a terminal, through a pseudo-terminal, on the real swarm:
each task's prefix in its own colour, stderr lines marked, the message bytes untouched; and
not one escape sequence of ours when piped or with NO_COLOR (the bytes are docker's)."""
from __future__ import annotations

import os
import pty
import re
import secrets
import subprocess
import tty

import pytest

from tests.cli.test_logs import docker, run_logs, swarmctl
from tests.helpers import completed_service

pytestmark = pytest.mark.engine

# ANSI escapes, a tab and non-ASCII inside the message itself: they must come out as they are.
MESSAGE = "slot %s \\033[32mgreen\\033[0m\\ttab ünï ✓ [bold]x[/bold]\\n"
SCRIPT = f"printf '{MESSAGE}' $SLOT; echo \"oops $SLOT\" >&2"
LINE = re.compile(rb"\x1b\[(\d+)m(\S+)\.(\d)\.(\w{12})@\S+ *    "
                  rb"(\|\x1b\[0m|\x1b\[0m\x1b\[1;31m\|\x1b\[0m) (.*\n)")


def expected_message(slot):
    return f"slot {slot} \x1b[32mgreen\x1b[0m\ttab ünï ✓ [bold]x[/bold]\n".encode()


@pytest.fixture(scope="module")
def service(engine):
    with completed_service(engine, f"lcol-{secrets.token_hex(3)}", 2, SCRIPT) as name:
        yield name


def terminal_env(engine, **extra):
    env = engine.env()
    env.pop("NO_COLOR", None)
    env.update({"TERM": "xterm-256color", **extra})
    return env


def on_a_terminal(cmd, env, timeout=40):
    """Run ``cmd`` with stdout and stderr on one pseudo-terminal (raw: no \\r added); return
    what it wrote there and its exit code."""
    master, slave = pty.openpty()
    tty.setraw(slave)
    try:
        proc = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=slave,
                                stderr=slave)
    finally:
        os.close(slave)
    data = b""
    try:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: every writer closed the terminal
                break
            if not chunk:
                break
            data += chunk
        code = proc.wait(timeout=timeout)
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return code, data


def test_each_task_has_its_colour_and_stderr_is_marked(engine, service):
    code, data = on_a_terminal(swarmctl("logs", service), terminal_env(engine))
    assert code == 0, data
    lines = data.splitlines(keepends=True)
    parsed = [LINE.fullmatch(line) for line in lines]
    assert len(lines) == 4 and all(parsed), data
    colour = {}
    for match in parsed:
        colour_code, name, slot, mark, message = (match.group(1), match.group(2),
                                                  match.group(3).decode(), match.group(5),
                                                  match.group(6))
        assert name == service.encode()
        assert colour.setdefault(slot, colour_code) == colour_code  # a task keeps its colour
        if mark.startswith(b"|"):  # stdout: the message exactly as the task printed it
            assert message == expected_message(slot)
        else:
            assert message == f"oops {slot}\n".encode()
    assert sorted(colour) == ["1", "2"] and colour["1"] != colour["2"]
    assert b"\x1b[31m" not in {c for c in colour.values()}


def test_piped_and_no_color_carry_no_escape_of_ours(engine, service):
    env = engine.env()
    env.pop("NO_COLOR", None)
    theirs = run_logs(env, docker("logs", service))
    ours = run_logs(env, swarmctl("logs", service))
    assert (ours.code, theirs.code) == (0, 0)
    for stream in ("stdout", "stderr"):  # piped: docker's bytes (lines in the engine's order)
        assert sorted(getattr(ours, stream).splitlines()) == sorted(
            getattr(theirs, stream).splitlines())
    assert b"\x1b" not in ours.stderr
    assert ours.stdout.count(b"\x1b") == 2 * 2  # the messages' own escapes only
    for variant in ({"NO_COLOR": "1"}, {"TERM": "dumb"}):
        code, data = on_a_terminal(swarmctl("logs", service), terminal_env(engine, **variant))
        assert code == 0
        assert sorted(data.splitlines()) == sorted(ours.stdout.splitlines()
                                                   + ours.stderr.splitlines()), variant


def test_raw_and_no_trunc_on_a_terminal(engine, service):
    code, data = on_a_terminal(swarmctl("logs", "--raw", service), terminal_env(engine))
    assert code == 0
    assert sorted(data.splitlines(keepends=True)) == sorted(
        [expected_message(1), expected_message(2), b"oops 1\n", b"oops 2\n"])
    code, data = on_a_terminal(swarmctl("logs", "--no-trunc", "--no-task-ids", service),
                               terminal_env(engine))
    assert code == 0
    heads = [line.split(b"    ")[0] for line in data.splitlines()]
    assert len(heads) == 4 and all(re.fullmatch(rb"\x1b\[\d+m\S+\.\d@\S+", h) for h in heads)
