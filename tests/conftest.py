"""Shared fixtures: real swarm engines started by the suite itself (see tests/swarmlab.py).

- ``engine``: a single-node swarm, or the engine named by SWARMCTL_TEST_DOCKER_HOST.
- ``swarm3``: a 3-node swarm (manager swarmctl-node1, workers swarmctl-node2/3).
- With CI=true an engine that cannot start fails the tests instead of skipping them.

Every test that uses ``engine`` or ``swarm3`` (directly or through other fixtures) is marked
``engine``, and ``swarm3`` users also ``multinode``: ``pytest -m "not engine"`` runs the
engine-free tests and starts nothing. Helpers that test modules import live in tests/helpers.py.
"""
from __future__ import annotations

import os
import signal

import pytest

from tests import swarmlab
from tests.helpers import fresh_name, remove_services, running_lab

# Fixtures that start (or connect to) engines, and the markers their users get.
ENGINE_FIXTURE_MARKS = {
    "engine": ("engine",),
    "swarm3": ("engine", "multinode"),
}


def pytest_configure(config):
    # A suite started in the background (`nohup`, `cmd &` in a script) has SIGINT and SIGHUP
    # ignored, and every command the tests start inherits that: a test that sends them would
    # wait for a process that cannot hear it. swarmctl keeps an ignored signal ignored, as it
    # should, so the suite gives its children the usual dispositions instead.
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    if signal.getsignal(signal.SIGHUP) is signal.SIG_IGN:
        signal.signal(signal.SIGHUP, signal.SIG_DFL)


def pytest_collection_modifyitems(config, items):
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        marks = {mark for fixture, names in ENGINE_FIXTURE_MARKS.items() if fixture in used
                 for mark in names}
        for mark in sorted(marks):
            item.add_marker(mark)


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


@pytest.fixture(scope="session")
def engine():
    external = os.environ.get("SWARMCTL_TEST_DOCKER_HOST")
    if external:
        yield ExternalEngine(external)
        return
    with running_lab(nodes=1) as lab:
        yield lab.manager


@pytest.fixture(scope="session")
def swarm3():
    with running_lab(nodes=3) as lab:
        yield lab


@pytest.fixture
def cleanup(engine):
    """Append service names/IDs to the returned list; they are removed after the test."""
    created = []
    yield created
    remove_services(engine, created)


@pytest.fixture
def unique_name():
    """A function giving fresh names that identify this test run's objects."""
    return fresh_name
