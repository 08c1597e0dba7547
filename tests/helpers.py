"""Helpers shared by test modules (import as ``from tests.helpers import ...``).

conftest.py files hold fixtures only; anything a test module imports by name lives here.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass

import pytest
from click.testing import CliRunner

from tests.swarmlab import IMAGE  # noqa: F401  (the one image every engine test runs)

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
# A constraint no node satisfies: tasks stay pending, nothing starts.
NEVER = "node.labels.swarmctl-never==1"
# Short verification and quick stops keep every wait in seconds.
FAST = ["--update-monitor", "1s", "--stop-grace-period", "1s"]


def engine_unavailable(reason):
    """Skip the test for want of an engine; with CI=true fail it instead."""
    if IN_CI:
        pytest.fail(f"cannot start a test engine in CI: {reason}", pytrace=False)
    pytest.skip(f"no test engine: {reason}")


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


def docker_create(engine, name, *flags, args=("sleep", "600")):
    """Create a service with the real Docker CLI (-d, no image resolution)."""
    engine.docker("service", "create", "-d", "--no-resolve-image", "--name", name, *flags,
                  IMAGE, *args)


# -- running the CLI two ways: in-process through click's CliRunner, and as a real subprocess --

@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str


def invoke(args, env=None):
    """Run swarmctl in this process (exactly what main() does, minus sys.exit)."""
    # Loaded on first use: modules that import these helpers but never run the CLI stay light.
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
