"""Running the CLI two ways: in-process through click's CliRunner, and as a real subprocess."""
from __future__ import annotations

import secrets
import subprocess
import sys
from dataclasses import dataclass

import pytest
from click.testing import CliRunner

from tests.conftest import remove_services


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str


def invoke(args, env=None):
    """Run swarmctl in this process (exactly what main() does, minus sys.exit)."""
    from swarmctl.cli.main import run

    runner = CliRunner()
    with runner.isolation(env=env) as streams:
        code = run(list(args))
        sys.stdout.flush()
        sys.stderr.flush()
        stdout, stderr = streams[0].getvalue(), streams[1].getvalue()
    return Outcome(code, stdout.decode(), stderr.decode())


def run_subprocess(args, env, timeout=120, input=None):
    result = subprocess.run([sys.executable, "-m", "swarmctl", *args], env=env, capture_output=True,
                            text=True, timeout=timeout, input=input)
    return Outcome(result.returncode, result.stdout, result.stderr)


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
