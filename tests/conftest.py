"""Shared fixtures: real swarm engines started by the suite itself (see tests/swarmlab.py).

- ``engine``: a single-node swarm, or the engine named by SWARMCTL_TEST_DOCKER_HOST.
- ``swarm3``: a 3-node swarm (manager swarmctl-node1, workers swarmctl-node2/3).
- With CI=true an engine that cannot start fails the tests instead of skipping them.
"""
from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import swarmlab  # noqa: E402

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


class ExternalEngine:
    """An engine someone else runs (SWARMCTL_TEST_DOCKER_HOST); same face as swarmlab.Engine."""

    def __init__(self, host):
        self.host = host
        self.hostname = None

    def env(self):
        env = dict(os.environ)
        env["DOCKER_HOST"] = self.host
        env.pop("DOCKER_CONTEXT", None)
        return env

    def docker(self, *args, check=True, timeout=120, input=None):
        return swarmlab._run(["docker", *args], check=check, env=self.env(), timeout=timeout, input=input)


def _unavailable(reason):
    if IN_CI:
        pytest.fail(f"cannot start a test engine in CI: {reason}", pytrace=False)
    pytest.skip(f"no test engine: {reason}")


@pytest.fixture(scope="session")
def engine():
    external = os.environ.get("SWARMCTL_TEST_DOCKER_HOST")
    if external:
        yield ExternalEngine(external)
        return
    reason = swarmlab.preflight()
    if reason:
        _unavailable(reason)
    lab = swarmlab.Lab(nodes=1)
    try:
        lab.up()
    except (swarmlab.LabError, OSError, subprocess.SubprocessError) as err:
        lab.down()
        _unavailable(str(err))
    try:
        yield lab.manager
    finally:
        lab.down()


@pytest.fixture(scope="session")
def swarm3():
    reason = swarmlab.preflight()
    if reason:
        _unavailable(reason)
    lab = swarmlab.Lab(nodes=3)
    try:
        lab.up()
    except (swarmlab.LabError, OSError, subprocess.SubprocessError) as err:
        lab.down()
        _unavailable(str(err))
    try:
        yield lab
    finally:
        lab.down()


@pytest.fixture
def unique_name():
    """A function giving fresh names that identify this test run's objects."""
    def make(prefix="t"):
        return f"{prefix}-{secrets.token_hex(4)}"
    return make


def remove_services(engine, names):
    """Best-effort removal of services a test created (by name or ID)."""
    if names:
        engine.docker("service", "rm", *names, check=False)


def wait_for(predicate, timeout=30.0, interval=0.2, message="condition"):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {message}")
        time.sleep(interval)
