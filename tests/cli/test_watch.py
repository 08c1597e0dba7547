"""``ps --watch`` and ``ls --watch`` against a real engine: piped, one table per change, each
what a plain ps/ls prints; on a terminal (tmux, 80 columns), the table redrawn in place and
Ctrl-C ending it with 0 and the cursor back. Every wait is for a condition, never a sleep."""
from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import threading

import pytest

from tests.cli.test_progress_screen import DONE, ROOT, Screen, _quote
from tests.helpers import FAST, docker_create, wait_for

pytestmark = pytest.mark.engine

# The one part of a ps table that moves with the clock, not with the engine.
_AGO = re.compile(r"(Less than a second|About a minute|About an hour|\d+ (seconds|minutes|hours))"
                  r" ago", re.IGNORECASE)


# swarmctl with SIGINT and SIGHUP at their default, as a terminal starts it: a test run
# started in the background (`nohup scripts/test &`) has them ignored, and swarmctl keeps a
# signal ignored at start-up ignored, so the signals these tests send would do nothing.
SWARMCTL_SIGNALS_DEFAULT = [
    sys.executable, "-c",
    "import os, signal, sys\n"
    "for signum in (signal.SIGINT, signal.SIGHUP):\n"
    "    signal.signal(signum, signal.SIG_DFL)\n"
    "os.execv(sys.executable, [sys.executable, '-m', 'swarmctl', *sys.argv[1:]])"]


class TerminalWatch(Screen):
    """A Screen whose shell survives the Ctrl-C sent to the command (``trap :`` runs a
    command on SIGINT, so the child still gets the default disposition and swarmctl its own
    handler), to report the exit code and leave the pane to look at."""

    def __init__(self, engine, width, args):  # noqa: D107 - Screen's, with the trap
        self.width = width
        self.tmux = [shutil.which("tmux") or "tmux", "-L",
                     f"swarmctl-watch-{os.getpid()}-{secrets.token_hex(3)}", "-f", "/dev/null"]
        self.env = {k: v for k, v in engine.env().items()
                    if k not in ("NO_COLOR", "COLUMNS", "LINES", "TTY_COMPATIBLE", "TMUX")}
        self.env.update({"TERM": "xterm-256color", "PYTHONPATH": str(ROOT)})
        self.env.pop("DOCKER_API_VERSION", None)
        command = " ".join(_quote(word) for word in [sys.executable, "-m", "swarmctl", *args])
        script = f"trap : INT; {command}; echo \"{DONE}$?\"; sleep 600"
        self.frames = []
        subprocess.run([*self.tmux, "new-session", "-d", "-x", str(width), "-y", "45", "--",
                        "sh", "-c", script], env=self.env, check=True, timeout=30)


class Watch:
    """``swarmctl ARGS`` running with stdout on a pipe; ``text`` is what it wrote so far."""

    def __init__(self, engine, *args):
        # faulthandler: a process that does not end when told to shows where it is (SIGABRT)
        self.process = subprocess.Popen([*SWARMCTL_SIGNALS_DEFAULT, *args],
                                        env={**engine.env(), "PYTHONFAULTHANDLER": "1"},
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self._chunks = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self):
        # Whole reads, not lines: a table is written at once, so it arrives at once.
        fd = self.process.stdout.fileno()
        for chunk in iter(lambda: os.read(fd, 1 << 16), b""):
            self._chunks.append(chunk)

    @property
    def text(self):
        return b"".join(self._chunks).decode()

    def tables(self):
        """The tables written so far, each with its own final newline."""
        parts = self.text.split("\n\n")
        return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])

    def wait_for_table(self, predicate, message, timeout=60):
        return wait_for(lambda: next((t for t in reversed(self.tables()) if predicate(t)), None),
                        timeout=timeout, message=message)

    def interrupt(self, signum=signal.SIGINT):
        self.process.send_signal(signum)
        try:
            code = self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.send_signal(signal.SIGABRT)  # every thread's stack to stderr
            self.process.wait(timeout=30)
            raise AssertionError(f"still running 30 s after signal {signum}:\n"
                                 + self.process.stderr.read().decode()) from None
        self.finish()
        return code

    def finish(self):
        """Once the process has ended: wait until all it wrote has been read."""
        self._reader.join(timeout=10)

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)


def whole_tables(text):
    """Whether ``text`` is whole tables only: each starting with its heading and ending in a
    newline, one blank line between two, none at the end."""
    tables = text.split("\n\n")
    return (text.endswith("\n") and not text.endswith("\n\n")
            and all(table.startswith("ID ") for table in tables))


def _clockless(table):
    return _AGO.sub("<ago>", re.sub(r" {2,}", "  ", table))


def _running(table, name, count):
    rows = [line for line in table.splitlines() if re.search(rf"\b{re.escape(name)}\.\d+ ", line)]
    # desired state Running, then current state Running
    return len(rows) == count and all(re.search(r" Running +Running ", row) for row in rows)


def test_ps_watch_piped_prints_a_table_per_change(engine, cli, names):
    name = names("watch")
    docker_create(engine, name, *FAST, "--replicas", "1")
    wait_for(lambda: _running(cli("ps", name).stdout, name, 1), message="1 task running")
    watch = Watch(engine, "ps", "--watch", name)
    try:
        first = watch.wait_for_table(lambda t: _running(t, name, 1), "the first table")
        assert watch.text.startswith(first)  # at once, nothing before it
        assert _clockless(first) == _clockless(cli("ps", name).stdout)
        engine.docker("service", "scale", "-d", f"{name}=2")
        last = watch.wait_for_table(lambda t: _running(t, name, 2), "a table with 2 running")
        assert _clockless(last) == _clockless(cli("ps", name).stdout)
        tables = watch.tables()
        assert len(tables) >= 2
        for table in tables:  # blank line between tables, never inside one
            assert table.startswith("ID ") and "\n\n" not in table
        assert watch.text.endswith("\n") and not watch.text.endswith("\n\n")
    finally:
        code = watch.interrupt() if watch.process.poll() is None else watch.process.returncode
        watch.kill()
    assert code == 0, watch.process.stderr.read().decode()


def test_ls_watch_piped_shows_a_service_come_and_go(engine, cli, names):
    prefix = names("lswatch")
    watch = Watch(engine, "ls", "--watch", "--filter", f"name={prefix}")
    try:
        empty = watch.wait_for_table(lambda t: t.startswith("ID "), "the first (empty) list")
        assert empty.count("\n") == 1
        name = f"{prefix}-a"
        docker_create(engine, name, *FAST, "--replicas", "1")
        watch.wait_for_table(lambda t: f" {name} " in t and " 1/1 " in t, "the new service")
        # the latest table is what a plain ls prints now, byte for byte
        wait_for(lambda: watch.tables()[-1] == cli("ls", "--filter", f"name={prefix}").stdout,
                 message="the watch to show what ls shows")
        engine.docker("service", "rm", name)
        watch.wait_for_table(lambda t: f" {name} " not in t and t.count("\n") == 1,
                             "the list without the removed service")
        assert len(watch.tables()) >= 3
    finally:
        code = watch.interrupt() if watch.process.poll() is None else watch.process.returncode
        watch.kill()
    assert code == 0, watch.process.stderr.read().decode()


def test_sigterm_and_sighup_end_a_watch_with_143_and_129(engine, names):
    name = names("sigwatch")
    docker_create(engine, name, *FAST, "--replicas", "1")
    commands = {"ps": ("ps", "--watch", name),
                "ls": ("ls", "--watch", "--filter", f"name={name}")}
    watches = {(key, signum): Watch(engine, *args) for key, args in commands.items()
               for signum in (signal.SIGTERM, signal.SIGHUP)}
    try:
        for (key, _), watch in watches.items():
            watch.wait_for_table(lambda t: f" {name}" in t, f"the first table of {key} --watch")
        codes = {case: watch.interrupt(case[1]) for case, watch in watches.items()}
    finally:
        for watch in watches.values():
            watch.kill()
    for case, watch in watches.items():
        stderr = watch.process.stderr.read().decode()
        assert (codes[case], stderr) == (128 + case[1], ""), case
        assert whole_tables(watch.text), (case, watch.text)


def test_ps_watch_on_a_terminal_redraws_and_ctrl_c_exits_0(engine, cli, names):
    name = names("tty")
    docker_create(engine, name, *FAST, "--replicas", "1")
    screen = TerminalWatch(engine, 80, ["ps", "--watch", name])
    try:
        def showing(count):
            frame = screen.capture()
            rows = [line for line in frame.splitlines() if re.match(rf"{re.escape(name)}\.\d ", line)]
            return frame if len(rows) == count and all("Running" in r for r in rows) else None

        frame = wait_for(lambda: showing(1), timeout=60, message="1 running task on screen")
        assert f"swarmctl ps --watch {name}" in frame
        assert all(len(line) <= 80 for line in frame.splitlines())
        engine.docker("service", "scale", "-d", f"{name}=2")
        frame = wait_for(lambda: showing(2), timeout=60, message="2 running tasks on screen")
        assert frame.count("NAME") == 1  # redrawn in place: one table on screen, not two
        subprocess.run([*screen.tmux, "send-keys", "-t", "0", "C-c"], env=screen.env, check=True,
                       timeout=30)
        frame = wait_for(lambda: (lambda f: f if DONE in f else None)(screen.capture()),
                         timeout=30, message="the watch to end")
        assert f"{DONE}0" in frame
        assert "Traceback" not in frame and "^C" not in frame.split(DONE)[0].splitlines()[-1:]
        cursor = subprocess.run([*screen.tmux, "display", "-p", "-t", "0", "#{cursor_flag}"],
                                env=screen.env, capture_output=True, text=True, timeout=30)
        assert cursor.stdout.strip() == "1"  # the cursor is shown again
    finally:
        subprocess.run([*screen.tmux, "kill-server"], env=screen.env, check=False, timeout=30,
                       capture_output=True)
