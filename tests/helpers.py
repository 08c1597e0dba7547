"""Helpers shared by test modules (import as ``from tests.helpers import ...``).

conftest.py files hold fixtures only; anything a test module imports by name lives here.
"""
from __future__ import annotations

import contextlib
import os
import random
import secrets
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests import swarmlab
from tests.swarmlab import IMAGE  # noqa: F401  (the one image every engine test runs)

REPO = Path(__file__).resolve().parents[1]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
# A constraint no node satisfies: tasks stay pending, nothing starts.
NEVER = "node.labels.swarmctl-never==1"
# Short verification and quick stops keep every wait in seconds.
FAST = ["--update-monitor", "1s", "--stop-grace-period", "1s"]


def fresh_name(prefix="t"):
    """A name no earlier run used (what the unique_name fixture gives)."""
    return f"{prefix}-{secrets.token_hex(4)}"


def overlay_subnet():
    """A random /24 for an overlay network: overlay subnets may not overlap, and this range is
    one the engine's default pool does not use."""
    return f"10.{random.randint(200, 250)}.{random.randint(0, 255)}.0/24"


def engine_unavailable(reason):
    """Skip the test for want of an engine; with CI=true fail it instead."""
    if IN_CI:
        pytest.fail(f"cannot start a test engine in CI: {reason}", pytrace=False)
    pytest.skip(f"no test engine: {reason}")


@contextlib.contextmanager
def running_lab(nodes=1, **lab_args):
    """A started ``swarmlab.Lab(nodes, **lab_args)``, taken down on leaving the block.

    A lab that cannot start goes through engine_unavailable (skip; in CI, fail) after what it
    had started is taken down again.
    """
    reason = swarmlab.preflight()
    if reason:
        engine_unavailable(reason)
    lab = swarmlab.Lab(nodes=nodes, **lab_args)
    try:
        lab.up()
    except (swarmlab.LabError, OSError, subprocess.SubprocessError) as err:
        lab.down()
        engine_unavailable(str(err))
    try:
        yield lab
    finally:
        lab.down()


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


def stored_service(engine, name):
    """The service as the engine stored it (`docker service inspect` fills in the engine's
    defaults; this does not), read through swarmctl's APIClient at the negotiated API version.
    (test_create_spec's own stored_service reads /v1.41 over a raw socket instead: the
    differential spec tests want a reader independent of swarmctl, at one fixed version.)"""
    # Loaded on first use, as in invoke().
    import swarmctl

    client = swarmctl.APIClient(base_url=engine.host)
    try:
        return client.inspect_service(name, insert_defaults=False)
    finally:
        client.close()


def write_requests(proxy):
    """``METHOD path`` of every request a RecordingProxy saw that could change something."""
    return [f"{r.method} {r.path}" for r in proxy.requests if r.method not in ("GET", "HEAD")]


def docker_create(engine, name, *flags, args=("sleep", "600")):
    """Create a service with the real Docker CLI (-d, no image resolution)."""
    engine.docker("service", "create", "-d", "--no-resolve-image", "--name", name, *flags,
                  IMAGE, *args)


@contextlib.contextmanager
def completed_service(engine, name, replicas, script):
    """A service of ``replicas`` tasks that each ran ``sh -c script`` once (SLOT set to the
    task's slot) and have all completed: logs that no longer grow. Removed on leaving."""
    engine.docker("service", "create", "-d", "-q", "--name", name, "--replicas", str(replicas),
                  "--restart-condition", "none", "--env", "SLOT={{.Task.Slot}}",
                  IMAGE, "sh", "-c", script)
    try:
        def complete():
            states = engine.docker("service", "ps", "--format", "{{.CurrentState}}", name,
                                   check=False).stdout.splitlines()
            return len(states) == replicas and all(s.startswith("Complete") for s in states)
        wait_for(complete, timeout=60, message=f"{name} complete")
        yield name
    finally:
        engine.docker("service", "rm", name, check=False)


def raised(call):
    """The exception ``call()`` raised (whatever it is: the differential tests compare what
    swarmctl and docker-py raise); AssertionError if it raised none."""
    try:
        call()
    except Exception as error:  # noqa: BLE001
        return error
    raise AssertionError("no exception")


def one_error_line(result):
    """The single line a refused command wrote on stderr (asserting it is one, with no traceback)."""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


# -- the environment swarmctl runs in against a test engine --

# Set by whoever runs the tests, each of these would change what swarmctl (or docker) prints or
# asks, and no test expects them: DOCKER_API_VERSION pins an API version where the tests expect
# the one negotiated with the engine; TTY_COMPATIBLE (rich's switch) forces the terminal or the
# plain form whatever the stream is; FORCE_COLOR colours output that goes to a pipe.
AMBIENT_OUTPUT_VARIABLES = ("DOCKER_API_VERSION", "TTY_COMPATIBLE", "FORCE_COLOR")


def cli_env(engine, host=None, config=None):
    """Overrides (None = unset) that point swarmctl at ``engine``, for ``invoke(args, env=...)``.

    DOCKER_HOST is ``host`` (e.g. a recording proxy in front of the engine) or the engine's own;
    no DOCKER_CONTEXT; DOCKER_CONFIG is ``config`` or the engine's (as ``engine.env()`` has it,
    so swarmctl and ``engine.docker`` read the same config folder); none of
    AMBIENT_OUTPUT_VARIABLES (an API version pin or forced colour/terminal output from the
    machine running the tests would change what the tests compare); NO_COLOR=1.
    """
    overrides = {"DOCKER_HOST": host or engine.host, "DOCKER_CONTEXT": None,
                 "DOCKER_CONFIG": str(config) if config else engine.env().get("DOCKER_CONFIG"),
                 "NO_COLOR": "1"}
    overrides.update(dict.fromkeys(AMBIENT_OUTPUT_VARIABLES))
    return overrides


def cli_process_env(engine, host=None, config=None):
    """The environment cli_env() gives in-process, whole: for a swarmctl (or docker) subprocess."""
    return with_overrides(engine.env(), cli_env(engine, host, config))


def clean_env(config, **extra):
    """For a client that must see nothing of the machine's Docker setup (the remote ssh/tls
    tests): os.environ without any DOCKER_* variable, DOCKER_CONFIG ``config``, NO_COLOR=1 and
    this checkout first on PYTHONPATH (its subprocesses may run from elsewhere); then ``extra``
    (None = unset, other values made strings)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DOCKER_")}
    env["DOCKER_CONFIG"] = str(config)
    env["NO_COLOR"] = "1"
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return with_overrides(env, {key: None if value is None else str(value)
                                for key, value in extra.items()})


def with_overrides(env, overrides):
    """A copy of ``env`` with ``overrides`` applied, None meaning unset (as CliRunner does)."""
    merged = dict(env)
    for key, value in overrides.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    return merged


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


def run_interrupted(args, env, ready=None, settle=1.0):
    """Run swarmctl as a subprocess and press Ctrl-C (SIGINT) on it: once ``ready()`` has
    returned (it waits, e.g. with wait_for, for the command to have got somewhere) and
    ``settle`` more seconds have passed. The process is killed if anything goes wrong."""
    process = subprocess.Popen([sys.executable, "-m", "swarmctl", *args], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        if ready is not None:
            ready()
        time.sleep(settle)
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    return Outcome(process.returncode, stdout, stderr)
