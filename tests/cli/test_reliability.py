"""Faults against a real engine: closed pipes, signals, a frozen engine, a full disk.

Each waiting command is bounded (--timeout, services that can never converge), so every
test ends in seconds whatever happens; each owns its services (the ``names`` fixture).
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from tests.helpers import FAST, IMAGE, NEVER, cli_process_env, docker_create, wait_for

pytestmark = pytest.mark.engine


def _spec(engine, name):
    return json.loads(engine.docker("service", "inspect", name).stdout)[0]["Spec"]


def _exists(engine, name):
    return engine.docker("service", "inspect", name, check=False).returncode == 0


def _piped(engine, args, reader="head -1", timeout=60):
    """Run ``swarmctl ARGS 2>&1 | READER``: swarmctl's exit code and what the reader printed."""
    command = " ".join(["exec_swarmctl", *(_quote(a) for a in args)])
    script = (f'exec_swarmctl() {{ "{sys.executable}" -m swarmctl "$@"; }}\n'
              f"{command} 2>&1 | {reader}\nexit ${{PIPESTATUS[0]}}\n")
    result = subprocess.run(["bash", "-c", script], env=cli_process_env(engine), capture_output=True,
                            text=True, timeout=timeout)
    return result.returncode, result.stdout


def _quote(text):
    return "'" + text.replace("'", "'\\''") + "'"


def _with_closed_stdout(engine, args, timeout=60):
    """Run swarmctl with a stdout whose reader has already gone: every write to it fails."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run([sys.executable, "-m", "swarmctl", *args], env=cli_process_env(engine),
                                stdout=write_end, stderr=subprocess.PIPE, text=True,
                                timeout=timeout)
    finally:
        os.close(write_end)
    return result.returncode, result.stderr


# -- a closed pipe never reports success -------------------------------------------------------

def test_scale_with_the_progress_pipe_closed_still_times_out(engine, names):
    name = names("pipe")
    docker_create(engine, name, "--replicas", "0", "--constraint", NEVER)
    code, seen = _piped(engine, ["scale", "--timeout", "2s", f"{name}=2"])
    assert (code, seen) == (124, f"{name} scaled to 2\n")


def test_update_with_the_progress_pipe_closed_still_times_out(engine, names):
    name = names("pipe")
    docker_create(engine, name, "--constraint", NEVER, *FAST)
    code, seen = _piped(engine, ["update", "--timeout", "2s", "--env-add", "P=1", name],
                        reader="head -2")
    assert code == 124
    assert seen.splitlines()[0] == name
    assert "P=1" in _spec(engine, name)["TaskTemplate"]["ContainerSpec"]["Env"]


def test_create_with_the_progress_pipe_closed_still_times_out(engine, names):
    name = names("pipe")
    code, seen = _piped(engine, ["create", "--timeout", "2s", "--no-resolve-image", "--name", name,
                                 "--constraint", NEVER, IMAGE, "sleep", "600"])
    assert code == 124
    assert len(seen.strip()) == 25  # the service ID, the one line head took
    assert _exists(engine, name)


@pytest.mark.parametrize("command", [
    ("create", "-d", "--no-resolve-image", "--name", "{name}", "--constraint", NEVER, IMAGE,
     "sleep", "600"),
    ("create", "--timeout", "5s", "--no-resolve-image", "--name", "{name}", "--constraint", NEVER,
     IMAGE, "sleep", "600"),
    ("update", "-d", "--env-add", "Q=1", "{name}"),
    ("scale", "-d", "{name}=0"),
])
def test_stdout_closed_before_the_result_exits_141(engine, names, command):
    name = names("gone")
    if command[0] != "create":
        docker_create(engine, name, "--constraint", NEVER, *FAST)
    started = time.monotonic()
    code, stderr = _with_closed_stdout(engine, [part.format(name=name) for part in command])
    assert code == 141, stderr
    assert "Traceback" not in stderr
    assert time.monotonic() - started < 5  # at once, not after the wait
    assert _exists(engine, name)  # the engine did what was asked


def test_restart_with_stdout_closed_restores_its_update_config(engine, names):
    name = names("gone")
    docker_create(engine, name, "--constraint", NEVER, *FAST)
    original = _spec(engine, name)["UpdateConfig"]
    code, stderr = _with_closed_stdout(engine, ["restart", "--parallelism", "2", "--delay", "6s",
                                                name])
    assert code == 141, stderr
    spec = _spec(engine, name)
    assert spec["UpdateConfig"] == original and spec["TaskTemplate"]["ForceUpdate"] == 1


def test_restart_with_the_progress_pipe_closed_waits_then_restores(engine, names):
    name = names("pipe")
    docker_create(engine, name, *FAST)
    wait_for(lambda: "Running" in engine.docker("service", "ps", "--format", "{{.CurrentState}}",
                                                name).stdout, timeout=60, message="a running task")
    original = _spec(engine, name)["UpdateConfig"]
    code, seen = _piped(engine, ["restart", "--parallelism", "2", "--delay", "1s", "--timeout",
                                 "60s", name])
    assert (code, seen) == (0, f"{name}\n")
    spec = _spec(engine, name)
    assert spec["UpdateConfig"] == original and spec["TaskTemplate"]["ForceUpdate"] == 1


# -- SIGTERM and SIGHUP as Ctrl-C ----------------------------------------------------------------

@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_signals_end_restart_and_restore_its_update_config(engine, names, signum, code):
    name = names("sig")
    docker_create(engine, name, "--constraint", NEVER, *FAST)
    original = _spec(engine, name)["UpdateConfig"]
    process = subprocess.Popen([sys.executable, "-m", "swarmctl", "restart", "--parallelism", "2",
                                "--delay", "9s", name], env=cli_process_env(engine),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_for(lambda: _spec(engine, name)["TaskTemplate"].get("ForceUpdate"), timeout=30,
                 message="the restart")
        time.sleep(0.5)
        process.send_signal(signum)
        stdout, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == code, stderr
    assert stdout == f"{name}\n"
    assert f"{name}: update config restored; the rollout continues in the background with it" \
        in stderr.splitlines()
    assert "Traceback" not in stderr
    assert _spec(engine, name)["UpdateConfig"] == original


# -- a frozen engine ---------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [("wait", "--timeout", "2s", "{name}"),
                                     ("update", "--timeout", "2s", "--env-add", "F=1", "{name}")])
def test_timeout_holds_when_the_engine_is_frozen(engine, names, command):
    pid = getattr(engine, "pid", None)
    if pid is None:
        pytest.skip("needs an engine started by the suite (its dockerd pid)")
    name = names("frozen")
    docker_create(engine, name, "--replicas", "0")
    os.kill(pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        result = subprocess.run([sys.executable, "-m", "swarmctl",
                                 *(part.format(name=name) for part in command)],
                                env=cli_process_env(engine), capture_output=True, text=True, timeout=60)
        elapsed = time.monotonic() - started
    finally:
        os.kill(pid, signal.SIGCONT)
    assert result.returncode == 124, result.stderr
    assert elapsed < 8, elapsed
    assert result.stderr == ("timed out after 2s: the engine did not answer in time "
                             "(what was sent may still take effect)\n")


# -- a full disk -------------------------------------------------------------------------------------

@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_create_to_a_full_disk_says_the_service_was_created(engine, names):
    name = names("full")
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "swarmctl", "create", "-d",
                                 "--no-resolve-image", "--name", name, "--constraint", NEVER,
                                 IMAGE, "sleep", "600"], env=cli_process_env(engine),
                                stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
        listing = subprocess.run([sys.executable, "-m", "swarmctl", "ls", "--filter",
                                  f"name={name}"], env=cli_process_env(engine), stdout=full,
                                 stderr=subprocess.PIPE, text=True, timeout=60)
    service_id = json.loads(engine.docker("service", "inspect", name).stdout)[0]["ID"]
    assert (result.returncode, result.stderr) == (
        1, f"write error: No space left on device (service {service_id} was created)\n")
    assert (listing.returncode, listing.stderr) == (1, "write error: No space left on device\n")


# -- references with dot segments ------------------------------------------------------------------

def test_dot_segments_in_a_reference_are_cleaned_as_docker_does(engine, names):
    ours, theirs = names("dot"), names("dot")
    for name in (ours, theirs):
        docker_create(engine, name, "--replicas", "0")
    result = subprocess.run([sys.executable, "-m", "swarmctl", "rm", f"x/../{ours}", "./nosuch"],
                            env=cli_process_env(engine), capture_output=True, text=True, timeout=60)
    docker = engine.docker("service", "rm", f"x/../{theirs}", "./nosuch", check=False)
    assert result.returncode == docker.returncode == 1
    assert result.stdout == f"x/../{ours}\n" and docker.stdout == f"x/../{theirs}\n"
    assert result.stderr == docker.stderr == "Error response from daemon: service nosuch not found\n"
    assert not _exists(engine, ours) and not _exists(engine, theirs)
