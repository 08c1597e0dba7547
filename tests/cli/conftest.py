"""Fixtures running the CLI against the test engine (the runners live in tests/helpers.py)."""
from __future__ import annotations

import secrets

import pytest

from tests.helpers import invoke, remove_services, run_subprocess


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
def cleanup(engine):
    created = []
    yield created
    remove_services(engine, created)


@pytest.fixture
def names(engine):
    """A function giving fresh service names; those services are removed after the test."""
    created = []

    def make(prefix="t"):
        name = f"{prefix}-{secrets.token_hex(4)}"
        created.append(name)
        return name

    yield make
    if created:
        engine.docker("service", "rm", *created, check=False)
