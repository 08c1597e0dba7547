"""Fixtures running the CLI against the test engine (the runners live in tests/helpers.py)."""
from __future__ import annotations

import pytest

from tests.helpers import fresh_name, invoke, remove_services, run_subprocess


@pytest.fixture
def cli(engine):
    """In-process CLI bound to the test engine: cli('ls', '-q')."""
    env = {"DOCKER_HOST": engine.host, "DOCKER_CONTEXT": None, "NO_COLOR": "1"}
    return lambda *args: invoke(args, env=env)


@pytest.fixture
def cli_process(engine):
    """The CLI as a subprocess bound to the test engine."""
    env = engine.env()
    return lambda *args, **kw: run_subprocess(args, env, **kw)


@pytest.fixture
def names(engine):
    """A function giving fresh service names; those services are removed after the test."""
    created = []

    def make(prefix="t"):
        created.append(fresh_name(prefix))
        return created[-1]

    yield make
    remove_services(engine, created)
