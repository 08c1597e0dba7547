"""``swarmctl logs`` beyond docker, on the real swarm: ``--sort`` (timestamp order across
tasks) and ``-f --until-removed`` (follows replacement tasks, ends when the service goes).

Observed on the engine (20.10): ``GET /services/ID/logs?follow=1`` already delivers the
lines of tasks created after the request (a crash loop's replacements); after
``service rm`` it keeps the stream open forever (docker waits; so does plain ``-f``).
"""
from __future__ import annotations

import itertools
import os
import re
import sys

import pytest

from tests.cli.test_logs import TS, Follower, run, swarmctl
from tests.helpers import IMAGE, completed_service, wait_for

pytestmark = pytest.mark.engine

LINES = 12
# every task prints numbered lines, 0.1 s apart: the tasks' lines interleave in time
NUMBERED = f'i=0; while [ $i -lt {LINES} ]; do i=$((i+1)); echo "$SLOT $i"; echo "err $SLOT $i" >&2; sleep 0.1; done'
CRASH = "echo start $(hostname); sleep 1; exit 1"
LINE = re.compile(rb"(" + TS + rb")?(\S+)\.(\d+)\.(\w{12})@\S+ *    \| (.*)\n")


def _parse(output):
    lines = output.splitlines(keepends=True)
    parsed = [LINE.fullmatch(line) for line in lines]
    assert all(parsed), output[:500]
    return parsed


@pytest.fixture(scope="module")
def multi(engine):
    with completed_service(engine, f"lbs-{os.urandom(3).hex()}", 3, NUMBERED) as name:
        yield name


def test_sort_orders_all_tasks_by_timestamp(engine, multi):
    env = engine.env()
    stamped = run(swarmctl("logs", "--sort", "-t", multi), env)
    plain = run(swarmctl("logs", "--sort", multi), env)
    unsorted = run(swarmctl("logs", multi), env)
    assert (stamped.code, plain.code, unsorted.code) == (0, 0, 0), stamped.stderr
    for stream in ("stdout", "stderr"):
        lines = _parse(getattr(stamped, stream))
        assert len(lines) == 3 * LINES
        stamps = [m.group(1) for m in lines]
        assert stamps == sorted(stamps)  # globally ordered (fixed-width UTC timestamps)
        assert len({m.group(3) for m in lines}) == 3
        # the tasks really interleave: the slot changes far more often than per-task blocks
        slots = [m.group(3) for m in lines]
        assert sum(a != b for a, b in itertools.pairwise(slots)) > 6
        # without -t: the same lines in the same order, timestamps stripped
        assert getattr(plain, stream) == re.sub(rb"(?m)^" + TS, b"", getattr(stamped, stream))
        # the same lines as docker's order, only reordered
        assert sorted(getattr(plain, stream).splitlines()) == sorted(getattr(unsorted, stream).splitlines())
    for slot in (b"1", b"2", b"3"):  # each task's own order is kept
        numbers = [int(m.group(5).split()[1]) for m in _parse(plain.stdout) if m.group(3) == slot]
        assert numbers == list(range(1, LINES + 1))


def test_sort_raw_strips_only_the_timestamp(engine, multi):
    result = run(swarmctl("logs", "--sort", "--raw", multi), engine.env())
    assert result.code == 0
    assert sorted(result.stdout.splitlines()) == sorted(
        f"{slot} {i}".encode() for slot in (1, 2, 3) for i in range(1, LINES + 1))


def test_sort_follow_orders_the_backlog_and_ctrl_c_exits_130(engine, multi):
    follower = Follower(swarmctl("logs", "--sort", "-f", "-t", multi), engine.env())
    try:
        follower.wait_lines(3 * LINES, timeout=20)
        code = follower.interrupt()
    finally:
        follower.kill()
    assert code == 130
    stamps = [LINE.fullmatch(line).group(1) for _, line in follower.out]
    assert stamps == sorted(stamps)


@pytest.fixture
def crashloop(engine):
    name = f"lbc-{os.urandom(3).hex()}"
    engine.docker("service", "create", "-d", "-q", "--name", name, "--restart-delay", "1s",
                  IMAGE, "sh", "-c", CRASH)
    try:
        yield name
    finally:
        engine.docker("service", "rm", name, check=False)


def _task_ids(follower):
    return {LINE.fullmatch(line).group(4) for _, line in follower.out}


def test_follow_crash_loop_then_end_on_removal(engine, crashloop):
    env = engine.env()
    followers = [Follower(swarmctl("logs", "-f", "--until-removed", crashloop), env),
                 Follower(swarmctl("logs", "-f", "--sort", "--until-removed", crashloop), env)]
    try:
        for follower in followers:
            wait_for(lambda f=follower: len(_task_ids(f)) >= 2, timeout=30, interval=0.1,
                     message="lines of two tasks")
        for follower in followers:
            assert follower.proc.poll() is None  # one run followed the replacement
            assert all(b"| start " in line for _, line in follower.out)
        engine.docker("service", "rm", crashloop)
        codes = [follower.proc.wait(timeout=8) for follower in followers]
        for follower in followers:
            for thread in follower._threads:
                thread.join(timeout=5)
    finally:
        for follower in followers:
            follower.kill()
    assert codes == [0, 0]
    for follower in followers:
        assert [line for _, line in follower.err] == [f"service {crashloop} has been removed\n".encode()]


def test_sort_follow_into_head_ends_quietly(engine, crashloop):
    cmd = f"{sys.executable} -m swarmctl logs -f --sort {crashloop} | head -1"
    result = run(["sh", "-c", cmd], engine.env(), timeout=40)
    assert result.code == 0
    assert re.fullmatch(rb"lbc-\w+\.1\.\w{12}@\S+    \| start \w+\n", result.stdout)
    assert result.stderr == b""


def test_sort_refuses_tty(engine, cleanup):
    name = f"lby-{os.urandom(3).hex()}"
    engine.docker("service", "create", "-d", "-q", "--name", name, "--tty",
                  "--restart-condition", "none", IMAGE, "true")
    cleanup.append(name)
    result = run(swarmctl("logs", "--sort", "--raw", name), engine.env())
    assert result.code == 1
    assert b"--sort is not supported for a TTY service or task" in result.stderr


def test_sort_opens_task_streams_side_by_side_with_the_one_by_one_result(engine, multi, monkeypatch):
    """--sort opens one stream per task, several at once (APIClient.concurrently): the
    merged output is the one the one-by-one path gives, every time."""
    from swarmctl import constants
    from tests.helpers import invoke

    env = {"DOCKER_HOST": engine.host, "DOCKER_CONTEXT": None, "NO_COLOR": "1"}
    with monkeypatch.context() as patch:
        patch.setattr(constants, "CONCURRENT_REQUESTS", 1)
        alone = invoke(["logs", "--sort", "-t", multi], env=env)
    assert alone.code == 0 and alone.stdout.count("\n") == 3 * LINES
    for _ in range(3):
        assert invoke(["logs", "--sort", "-t", multi], env=env) == alone
