"""The progress display as a user sees it: the CLI runs in a real terminal (tmux) at 160, 80
and 50 columns, and every test looks at the screen, frame after frame, while it runs.

What must hold on every frame: only rows 1/N..N/N (N the target), in order, all of them
from the first frame on; the bars of all rows start in one column that never moves; no line
of the display is wider than the terminal (nothing wraps); the verify text on a line of its
own. The piped form gets the same promise about rows: no slot above the target, ever.
"""
from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import FAST, IMAGE, docker_create, wait_for

pytestmark = pytest.mark.engine

ROOT = Path(__file__).resolve().parents[2]
WIDTHS = [160, 80, 50]
ROW = re.compile(r"^(\d+)/(\d+):")
BAR = re.compile(r"[━─]")
DONE = "swarmctl exited "


class Screen:
    """One command in its own tmux server, the pane ``width`` columns wide; ``frames`` are
    the screens captured while it ran (wrapped lines joined, so a wrap shows as a long line)."""

    def __init__(self, engine, width, args):
        tmux = shutil.which("tmux")
        if tmux is None:
            pytest.fail("tmux is needed for the terminal tests (scripts/bootstrap installs it)")
        self.width = width
        self.tmux = [tmux, "-L", f"swarmctl-test-{os.getpid()}-{secrets.token_hex(3)}", "-f",
                     "/dev/null"]
        self.env = {k: v for k, v in engine.env().items()
                    if k not in ("NO_COLOR", "COLUMNS", "LINES", "TTY_COMPATIBLE", "TMUX")}
        self.env.update({"TERM": "xterm-256color", "PYTHONPATH": str(ROOT)})
        self.env.pop("DOCKER_API_VERSION", None)
        command = " ".join(_quote(word) for word in [sys.executable, "-m", "swarmctl", *args])
        # The shell reports the exit code and keeps the pane open for the last capture.
        script = f"{command}; echo \"{DONE}$?\"; sleep 600"
        self.frames = []
        subprocess.run([*self.tmux, "new-session", "-d", "-x", str(width), "-y", "45", "--",
                        "sh", "-c", script], env=self.env, check=True, timeout=30)

    def capture(self):
        return subprocess.run([*self.tmux, "capture-pane", "-p", "-J", "-t", "0"], env=self.env,
                              capture_output=True, text=True, check=True, timeout=30).stdout

    def run(self, timeout=90):
        """Capture frames until the command is done; return its exit code."""
        deadline = time.monotonic() + timeout
        try:
            while True:
                frame = self.capture()
                self.frames.append(frame)
                done = [line for line in frame.splitlines() if line.startswith(DONE)]
                if done:
                    return int(done[0][len(DONE):])
                if time.monotonic() > deadline:
                    raise AssertionError(f"still running after {timeout}s; screen:\n{frame}")
                time.sleep(0.05)
        finally:
            subprocess.run([*self.tmux, "kill-server"], env=self.env, check=False, timeout=30,
                           capture_output=True)

    @property
    def last(self):
        return self.frames[-1]


def _quote(word):
    return "'" + word.replace("'", "'\\''") + "'"


def check_frames(screen, replicas):
    """The promises every frame keeps; returns the frames that showed rows."""
    with_rows = []
    bar_columns = set()
    for frame in screen.frames:
        lines = frame.splitlines()
        for line in lines:
            # The display's own lines never wrap (the rollback reason may: it is said whole;
            # the error printed after the display is an ordinary stderr line).
            if ROW.match(line) or line.startswith(("overall", "verify:", "  ")):
                assert len(line) <= screen.width, f"a line wider than the terminal:\n{frame}"
        rows = [(index, line) for index, line in enumerate(lines) if ROW.match(line)]
        if not rows:
            continue
        with_rows.append(frame)
        labels = [ROW.match(line).groups() for _index, line in rows]
        # All rows, in order, from the first frame that shows any; none above the target.
        assert labels == [(str(k), str(replicas)) for k in range(1, replicas + 1)], frame
        for _index, line in rows:
            bar = BAR.search(line)
            assert bar, f"a row without its bar:\n{frame}"
            bar_columns.add(bar.start())
        # The verify text never shares a line with a row.
        assert not any("verify" in line for _index, line in rows), frame
    assert len(bar_columns) <= 1, f"the bars moved: columns {sorted(bar_columns)}"
    return with_rows


def _replicas_running(engine, name, count):
    out = engine.docker("service", "ps", "-q", "--filter", "desired-state=running", name).stdout
    states = engine.docker("service", "ls", "--filter", f"name={name}", "--format",
                           "{{.Replicas}}").stdout.split()
    return len(out.split()) == count and states == [f"{count}/{count}"]


@pytest.mark.parametrize("width", WIDTHS)
def test_scale_up_then_down_shows_only_the_target_rows(engine, names, width):
    name = names("scr")
    docker_create(engine, name, "--replicas", "1", *FAST)
    wait_for(lambda: _replicas_running(engine, name, 1), message="1 replica")

    up = Screen(engine, width, ["scale", f"{name}=3"])
    assert up.run() == 0, up.last
    assert check_frames(up, 3), up.last
    assert f"verify: Service {name} converged" in up.last.splitlines()

    down = Screen(engine, width, ["scale", f"{name}=1"])
    assert down.run() == 0, down.last
    assert check_frames(down, 1), down.last
    assert f"verify: Service {name} converged" in down.last.splitlines()


@pytest.mark.parametrize("width", WIDTHS)
def test_update_with_parallelism_1_keeps_rows_in_place(engine, names, width):
    name = names("scu")
    docker_create(engine, name, "--replicas", "3", "--update-parallelism", "1",
                  "--update-delay", "0s", *FAST)
    wait_for(lambda: _replicas_running(engine, name, 3), message="3 replicas")
    screen = Screen(engine, width, ["update", "--env-add", "X=1", name])
    assert screen.run() == 0, screen.last
    frames = check_frames(screen, 3)
    # Rows with no new task yet are there, empty, while the first slot updates.
    assert any(re.search(r"^[23]/3: +[━─]", frame, re.M) for frame in frames), frames[0]
    assert f"verify: Service {name} converged" in screen.last.splitlines()


@pytest.mark.parametrize("width", WIDTHS)
def test_automatic_rollback_says_its_reason_once(engine, names, width):
    name = names("scb")
    docker_create(engine, name, "--replicas", "2", "--update-failure-action", "rollback",
                  "--update-monitor", "2s", "--rollback-monitor", "500ms",
                  "--stop-grace-period", "1s")
    wait_for(lambda: _replicas_running(engine, name, 2), message="2 replicas")
    screen = Screen(engine, width, ["update", "--args", "sh -c 'exit 1'", name])
    assert screen.run() == 4, screen.last
    check_frames(screen, 2)
    # The reason: the engine's words when a poll saw them, else the task that failed.
    error = next(line for line in screen.last.splitlines()
                 if line.startswith("service update rolled back: "))
    reason = error[len("service update rolled back: "):]
    assert "rolled back due to" in reason or "failed (task: non-zero exit (1))" in reason, error
    assert screen.last.count(reason) == 1, screen.last


@pytest.mark.parametrize("width", WIDTHS)
def test_crash_loop_shows_the_error_without_moving_the_bars(engine, names, width):
    name = names("scc")
    screen = Screen(engine, width, ["create", "--timeout", "4s", "--no-resolve-image", "--name",
                                    name, "--replicas", "2", *FAST, IMAGE, "sh", "-c", "exit 3"])
    assert screen.run() == 124, screen.last
    frames = check_frames(screen, 2)
    error = "non-zero exit (3)"
    assert any(error in frame for frame in frames), screen.last
    if width < 80:
        # Compact: the error on a line of its own under the row.
        assert any(re.search(rf"^\d/2: .*\n  .*{re.escape(error)}", frame, re.M)
                   for frame in frames), screen.last
    assert "timed out after 4s waiting for" in screen.last


def test_piped_scale_down_never_shows_a_slot_above_the_target(engine, names):
    name = names("scp")
    docker_create(engine, name, "--replicas", "4", *FAST)
    wait_for(lambda: _replicas_running(engine, name, 4), message="4 replicas")
    env = engine.env()
    env.pop("DOCKER_API_VERSION", None)
    result = subprocess.run([sys.executable, "-m", "swarmctl", "scale", f"{name}=1"], env=env,
                            capture_output=True, text=True, timeout=90)
    assert result.returncode == 0, result.stderr
    rows = [ROW.match(line).groups() for line in result.stderr.splitlines() if ROW.match(line)]
    assert rows and set(rows) == {("1", "1")}, result.stderr
    assert result.stderr.splitlines()[-1] == f"verify: Service {name} converged"
