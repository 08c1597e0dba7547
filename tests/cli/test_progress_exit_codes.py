"""create/update without --detach: progress on stderr, the result on stdout, and exit codes
that say what happened (converged 0, paused 3, rolled back 4, --timeout 124, Ctrl-C 130).

The CLI runs as a real subprocess (`python -m swarmctl`), the way a script runs it.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from tests.helpers import FAST, IMAGE, NEVER, cli_process_env, run_interrupted, wait_for

pytestmark = pytest.mark.engine


def run(engine, *args, timeout=90):
    env = engine.env()
    env.pop("DOCKER_API_VERSION", None)
    return subprocess.run([sys.executable, "-m", "swarmctl", *args], env=env,
                          capture_output=True, text=True, timeout=timeout)


def spec(engine, name):
    return json.loads(engine.docker("service", "inspect", name).stdout)[0]


def docker_create(engine, name, *flags, args=("sleep", "600")):
    engine.docker("service", "create", "-d", "--no-resolve-image", "--name", name, *FAST, *flags,
                  IMAGE, *args)


# -- converged ----------------------------------------------------------------------------------

def test_create_replicated_waits_until_converged(engine, names):
    name = names()
    result = run(engine, "create", "--no-resolve-image", "--name", name, "--replicas", "2", *FAST,
                 IMAGE, "sleep", "600")
    assert result.returncode == 0, result.stderr
    service_id = spec(engine, name)["ID"]
    assert result.stdout == service_id + "\n"
    lines = result.stderr.splitlines()
    assert "overall progress: 2 out of 2 tasks" in lines
    assert lines[-1] == f"verify: Service {service_id} converged"


def test_create_global_waits_until_converged(engine, names):
    name = names()
    result = run(engine, "create", "--no-resolve-image", "--name", name, "--mode", "global",
                 *FAST, IMAGE, "sleep", "600")
    assert result.returncode == 0, result.stderr
    service_id = spec(engine, name)["ID"]
    assert result.stdout == service_id + "\n"
    assert "overall progress: 1 out of 1 tasks" in result.stderr.splitlines()
    assert result.stderr.splitlines()[-1] == f"verify: Service {service_id} converged"


@pytest.mark.parametrize("mode_flags", [["--mode", "replicated-job", "--replicas", "2"],
                                        ["--mode", "global-job"]], ids=["replicated-job",
                                                                        "global-job"])
def test_create_job_waits_until_complete(engine, names, mode_flags):
    name = names()
    result = run(engine, "create", "--no-resolve-image", "--name", name, *mode_flags, IMAGE, "true")
    assert result.returncode == 0, result.stderr
    assert result.stdout == spec(engine, name)["ID"] + "\n"
    assert result.stderr.splitlines()[-1] == "job complete"


def test_update_waits_and_prints_the_name_as_typed(engine, names):
    name = names()
    docker_create(engine, name)
    service_id = spec(engine, name)["ID"]
    result = run(engine, "update", "--env-add", "X=1", service_id[:10])
    assert result.returncode == 0, result.stderr
    assert result.stdout == service_id[:10] + "\n"
    assert result.stderr.splitlines()[-1] == f"verify: Service {service_id[:10]} converged"


def test_update_global_service(engine, names):
    name = names()
    docker_create(engine, name, "--mode", "global")
    result = run(engine, "update", "--force", name)
    assert result.returncode == 0, result.stderr
    assert result.stdout == name + "\n"
    assert result.stderr.splitlines()[-1] == f"verify: Service {name} converged"


def test_update_job_reruns_to_completion(engine, names):
    name = names()
    engine.docker("service", "create", "-d", "--no-resolve-image", "--name", name, "--mode",
                  "replicated-job", IMAGE, "true")
    result = run(engine, "update", "--force", name)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[-1] == "job complete"


def test_requested_rollback_is_success(engine, names):
    name = names()
    docker_create(engine, name)
    engine.docker("service", "update", "-d", "--env-add", "X=1", name)
    result = run(engine, "update", "--rollback", name)
    assert result.returncode == 0, result.stderr
    assert result.stdout == name + "\n"
    assert f"verify: Service {name} converged" in result.stderr
    assert "Env" not in spec(engine, name)["Spec"]["TaskTemplate"]["ContainerSpec"]


# -- quiet and detach ---------------------------------------------------------------------------

def test_quiet_waits_silently(engine, names):
    name = names()
    result = run(engine, "create", "-q", "--no-resolve-image", "--name", name, *FAST, IMAGE,
                 "sleep", "600")
    assert result.returncode == 0
    assert (result.stdout, result.stderr) == (spec(engine, name)["ID"] + "\n", "")
    tasks = engine.docker("service", "ps", "-q", "--filter", "desired-state=running", name).stdout
    assert tasks.strip()  # it did wait: the task is up


def test_update_quiet(engine, names):
    name = names()
    docker_create(engine, name)
    result = run(engine, "update", "-q", "--env-add", "Y=2", name)
    assert (result.returncode, result.stdout, result.stderr) == (0, name + "\n", "")


def test_detach_returns_at_once(engine, names):
    name = names()
    started = time.monotonic()
    # A task that can never be scheduled: waiting would never end.
    result = run(engine, "create", "-d", "--no-resolve-image", "--name", name, "--constraint",
                 NEVER, IMAGE)
    assert result.returncode == 0
    assert (result.stdout, result.stderr) == (spec(engine, name)["ID"] + "\n", "")
    update = run(engine, "update", "-d", "--env-add", "Z=1", name)
    assert (update.returncode, update.stdout, update.stderr) == (0, name + "\n", "")
    assert time.monotonic() - started < 10


# -- failures -----------------------------------------------------------------------------------

def test_paused_update_exits_3(engine, names):
    name = names()
    docker_create(engine, name, "--update-failure-action", "pause", "--update-monitor", "2s")
    result = run(engine, "update", "--args", "sh -c 'exit 1'", name)
    assert result.returncode == 3, result.stderr
    assert result.stdout == name + "\n"
    assert result.stderr.splitlines()[-1].startswith(
        "service update paused: update paused due to failure or early termination of task")
    assert spec(engine, name)["UpdateStatus"]["State"] == "paused"


def test_automatic_rollback_exits_4(engine, names):
    name = names()
    # The engine's rollback monitor is shorter than the verification period (the update
    # monitor), so the engine reports rollback_completed before verification ends: see
    # test_automatic_rollback_still_in_progress_when_verified for the other order.
    docker_create(engine, name, "--update-failure-action", "rollback", "--update-monitor", "3s",
                  "--rollback-monitor", "500ms")
    result = run(engine, "update", "--args", "sh -c 'exit 1'", name, timeout=120)
    assert result.returncode == 4, result.stderr
    assert result.stdout == name + "\n"
    assert result.stderr.splitlines()[-1].startswith("service update rolled back:")
    assert spec(engine, name)["Spec"]["TaskTemplate"]["ContainerSpec"]["Args"] == ["sleep", "600"]


MODES = [[], ["--mode", "global"], ["--mode", "replicated-job"], ["--mode", "global-job"]]
MODE_IDS = ["replicated", "global", "replicated-job", "global-job"]


@pytest.mark.parametrize("mode_flags", MODES, ids=MODE_IDS)
def test_timeout_exits_124_and_leaves_the_service(engine, names, mode_flags):
    name = names()
    started = time.monotonic()
    # No node meets the constraint: nothing ever runs, so nothing converges.
    result = run(engine, "create", "--timeout", "2s", "--no-resolve-image", "--name", name,
                 "--constraint", NEVER, *mode_flags, IMAGE)
    assert result.returncode == 124, result.stderr
    assert time.monotonic() - started < 20
    assert result.stdout == spec(engine, name)["ID"] + "\n"
    assert result.stderr.splitlines()[-1].startswith("timed out after 2s waiting for")


def test_update_timeout_exits_124(engine, names):
    name = names()
    docker_create(engine, name, "--constraint", NEVER)
    result = run(engine, "update", "--timeout", "1500ms", "--env-add", "A=1", name)
    assert result.returncode == 124, result.stderr
    assert result.stdout == name + "\n"


@pytest.mark.parametrize("command, mode_flags", [
    ("create", []), ("create", ["--mode", "global"]), ("create", ["--mode", "replicated-job"]),
    ("update", [])], ids=["create-replicated", "create-global", "create-job", "update"])
def test_ctrl_c_exits_130_and_the_engine_carries_on(engine, names, command, mode_flags):
    name = names()
    if command == "create":
        args = ["create", "--no-resolve-image", "--name", name, "--constraint", NEVER,
                *mode_flags, IMAGE]
    else:
        docker_create(engine, name, "--constraint", NEVER)
        args = ["update", "--env-add", "B=2", name]
    # Interrupt once the command has printed its result and is following progress.
    result = run_interrupted(args, cli_process_env(engine), ready=lambda: wait_for(
        lambda: _service_has(engine, name, command), timeout=30, message="the service"))
    assert result.code == 130, result.stderr
    assert "Operation continuing in background." in result.stderr.splitlines()
    assert "Traceback" not in result.stderr
    assert result.stdout.strip() in (spec(engine, name)["ID"], name)
    assert spec(engine, name)["Spec"]["Name"] == name


def _service_has(engine, name, command):
    result = engine.docker("service", "inspect", name, check=False)
    if result.returncode != 0:
        return False
    service = json.loads(result.stdout)[0]
    if command == "update":
        return "B=2" in (service["Spec"]["TaskTemplate"]["ContainerSpec"].get("Env") or [])
    return True


# -- an automatic rollback still in progress when verification ends, without an engine ---------------------------------

class _RollingBackApi:
    """The engine midway through an automatic rollback: tasks back up, UpdateStatus still
    rollback_started (its own rollback monitor has not elapsed yet)."""

    def inspect_service(self, service_id, insert_defaults=None):
        return {"ID": "svc", "Spec": {"Mode": {"Replicated": {"Replicas": 1}},
                                      "UpdateConfig": {"Monitor": 300_000_000}},
                "UpdateStatus": {"State": "rollback_started", "Message":
                                 "update rolled back due to failure or early termination of "
                                 "task t0"}}

    def tasks(self, filters=None):
        return [{"ID": "t1", "Slot": 1, "NodeID": "n1", "DesiredState": "running",
                 "Status": {"State": "running"}}]

    def nodes(self, filters=None):
        return [{"ID": "n1", "Status": {"State": "ready"}}]


def test_automatic_rollback_still_in_progress_when_verified():
    from types import SimpleNamespace

    from swarmctl.cli.converge import follow

    app = SimpleNamespace(api=_RollingBackApi())
    assert follow(app, "svc", "svc", quiet=True) == 4
