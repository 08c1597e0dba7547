"""``ps --watch`` and ``ls --watch`` when their engine goes away: each ends within a bounded
time with one line on stderr and exit 1, and the tables already written stay whole.

Stopping an engine would break every other test, so this uses a private single-node lab
(the one tests/cli/test_faults.py defines, started once for this module).
"""
from __future__ import annotations

import os
import re
import signal
import time

import pytest

from tests import swarmlab
from tests.cli.test_faults import _ENGINE_GONE, ENDS_WITHIN, lab  # noqa: F401 - fixture
from tests.cli.test_watch import Watch, _running, whole_tables
from tests.helpers import docker_create, wait_for

pytestmark = pytest.mark.engine


def test_a_watch_ends_with_one_line_when_its_engine_stops(lab):  # noqa: F811 - the fixture
    engine = lab.manager
    name = f"gonewatch-{time.monotonic_ns() % 10**8}"
    docker_create(engine, name)
    watches = {"ps": Watch(engine, "ps", "--watch", name), "ls": Watch(engine, "ls", "--watch")}
    try:
        for key, watch in watches.items():
            watch.wait_for_table(lambda t: _running(t, name, 1) if key == "ps"
                                 else f" {name} " in t and " 1/1 " in t,
                                 f"{key} --watch to show the running service")
        before = {key: watch.text for key, watch in watches.items()}
        os.kill(engine.pid, signal.SIGTERM)  # the engine stops, as `systemctl stop docker` does
        stopped = time.monotonic()
        for key, watch in watches.items():
            wait_for(lambda: watch.process.poll() is not None,
                     timeout=max(0.1, ENDS_WITHIN - (time.monotonic() - stopped)),
                     message=f"{key} --watch to end after its engine stopped")
    finally:
        for watch in watches.values():
            watch.kill()
        # The engine's shutdown can take its whole 15 s grace and nothing here needs it to
        # end cleanly: the lab goes with the module, so end what is left of it now.
        for pid in swarmlab._processes_under(lab.dir):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
    for key, watch in watches.items():
        watch.finish()
        stderr = watch.process.stderr.read().decode()
        assert watch.process.returncode == 1, (key, stderr)
        lines = stderr.splitlines()
        assert len(lines) == 1 and stderr.endswith("\n"), (key, stderr)
        assert any(re.fullmatch(pattern, lines[0]) for pattern in _ENGINE_GONE), (key, stderr)
        # What was written stays, whole: complete tables, one blank line between them.
        assert watch.text.startswith(before[key]), key
        assert whole_tables(watch.text), (key, watch.text)
