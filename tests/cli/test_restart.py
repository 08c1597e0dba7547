"""swarmctl restart: ForceUpdate + 1 followed to convergence; --parallelism/--delay for this
rollout only (restored afterwards, on Ctrl-C and on timeout; kept, and said so, on pause)."""
from __future__ import annotations

import json
import secrets
import time

import pytest

from tests.helpers import (FAST, IMAGE, NEVER, cli_process_env, docker_create, invoke, run_interrupted,
                           stored_service, wait_for)


def service(docker, name):
    return json.loads(docker("service", "inspect", name).stdout)[0]


def running_tasks(docker, name):
    out = docker("service", "ps", "-q", "--filter", "desired-state=running", name).stdout
    return set(out.split())


def wait_running(docker, name, count):
    return wait_for(lambda: len(running_tasks(docker, name)) == count and all(
        line.startswith("Running") for line in docker(
            "service", "ps", "--format", "{{.CurrentState}}", "--filter", "desired-state=running",
            name).stdout.splitlines()), timeout=60, message=f"{name} running")


@pytest.mark.engine
def test_restart_replaces_every_task(engine, cli, names):
    name = names()
    docker_create(engine, name, "--replicas", "2", *FAST)
    wait_running(engine.docker, name, 2)
    before = running_tasks(engine.docker, name)
    result = cli("restart", name)
    assert result.code == 0, result.stderr
    assert result.stdout == name + "\n"
    assert result.stderr.splitlines()[-1] == f"verify: Service {name} converged"
    after = running_tasks(engine.docker, name)
    assert len(after) == 2 and not before & after
    spec = service(engine.docker, name)["Spec"]
    assert spec["TaskTemplate"]["ForceUpdate"] == 1
    assert spec["UpdateConfig"]["Monitor"] == 10**9  # untouched


@pytest.mark.engine
def test_override_is_used_for_the_rollout_and_restored(engine, cli, names):
    name = names()
    docker_create(engine, name, "--replicas", "2", *FAST)
    original = service(engine.docker, name)["Spec"]["UpdateConfig"]
    result = cli("restart", "--parallelism", "2", "--delay", "2s", name)
    assert result.code == 0, result.stderr
    current = service(engine.docker, name)
    assert current["Spec"]["UpdateConfig"] == original
    assert current["Spec"]["TaskTemplate"]["ForceUpdate"] == 1
    # The restart's own spec (now PreviousSpec, after the restoring write) carried the override.
    used = current["PreviousSpec"]["UpdateConfig"]
    assert (used["Parallelism"], used["Delay"]) == (2, 2 * 10**9)
    assert current["PreviousSpec"]["TaskTemplate"]["ForceUpdate"] == 1


@pytest.mark.engine
def test_override_without_a_stored_update_config_leaves_none(engine, cli, names):
    name = names()
    docker_create(engine, name, "--stop-grace-period", "1s")
    assert "UpdateConfig" not in stored_service(engine, name)["Spec"]
    result = cli("restart", "--parallelism", "0", name)
    assert result.code == 0, result.stderr
    spec = stored_service(engine, name)["Spec"]
    assert "UpdateConfig" not in spec and spec["TaskTemplate"]["ForceUpdate"] == 1


@pytest.mark.engine
def test_timeout_restores_the_update_config_at_once(engine, cli, names):
    name = names()
    docker_create(engine, name, "--update-parallelism", "1", *FAST)
    engine.docker("service", "update", "-d", "--constraint-add", NEVER, name)  # cannot converge
    original = service(engine.docker, name)["Spec"]["UpdateConfig"]
    result = cli("restart", "--parallelism", "3", "--timeout", "1500ms", name)
    assert result.code == 124, result.stderr
    assert f"{name}: update config restored; the rollout continues in the background with it" \
        in result.stderr.splitlines()
    spec = service(engine.docker, name)["Spec"]
    assert spec["UpdateConfig"] == original and spec["TaskTemplate"]["ForceUpdate"] == 1


@pytest.mark.engine
def test_ctrl_c_restores_the_update_config(engine, names):
    name = names()
    docker_create(engine, name, "--constraint", NEVER, *FAST)
    original = service(engine.docker, name)["Spec"]["UpdateConfig"]
    result = run_interrupted(["restart", "--delay", "5s", name], cli_process_env(engine),
                             ready=lambda: wait_for(
        lambda: service(engine.docker, name)["Spec"]["TaskTemplate"].get("ForceUpdate"),
        timeout=30, message="the restart"))
    assert result.code == 130, result.stderr
    assert "Operation continuing in background." in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == name + "\n"
    assert service(engine.docker, name)["Spec"]["UpdateConfig"] == original


@pytest.mark.engine
def test_paused_rollout_keeps_the_override_and_says_how_to_restore(engine, cli, names):
    name = names()
    # Each task fails after a second: within the monitor period, so the update pauses.
    docker_create(engine, name, "--update-failure-action", "pause", "--update-monitor", "3s",
                  "--stop-grace-period", "1s", "--restart-delay", "10s",
                  args=("sh", "-c", "sleep 1; exit 1"))
    result = cli("restart", "--parallelism", "2", "--timeout", "60s", name)
    assert result.code == 3, result.stderr
    lines = result.stderr.splitlines()
    assert any(line.startswith("service update paused:") for line in lines)
    assert lines[-1].endswith(f"restore them with `swarmctl update --update-parallelism 1 {name}`")
    assert service(engine.docker, name)["Spec"]["UpdateConfig"]["Parallelism"] == 2


@pytest.mark.engine
def test_checks_come_before_any_restart(engine, cli, names):
    name, job = names(), names()
    docker_create(engine, name, *FAST)
    engine.docker("service", "create", "-d", "--no-resolve-image", "--name", job, "--mode",
                  "replicated-job", IMAGE, "true")
    result = cli("restart", name, "no-such-service-xyz")
    assert (result.code, result.stdout) == (1, "")
    assert result.stderr == "Error response from daemon: service no-such-service-xyz not found\n"
    result = cli("restart", "--delay", "1s", name, job)
    assert result.code == 1 and "do not apply to jobs" in result.stderr
    result = cli("restart", "-d", "--parallelism", "2", name)
    assert result.code == 1 and "drop --detach" in result.stderr
    assert service(engine.docker, name)["Spec"]["TaskTemplate"].get("ForceUpdate", 0) == 0
    # A job runs again, to completion.
    result = cli("restart", job)
    assert result.code == 0, result.stderr
    assert result.stderr.splitlines()[-1] == "job complete"


@pytest.mark.engine
def test_detach_returns_at_once(engine, cli, names):
    name = names()
    docker_create(engine, name, "--constraint", NEVER)
    started = time.monotonic()
    result = cli("restart", "-d", name)
    assert (result.code, result.stdout, result.stderr) == (0, name + "\n", "")
    assert time.monotonic() - started < 5
    assert service(engine.docker, name)["Spec"]["TaskTemplate"]["ForceUpdate"] == 1


def test_flag_values_are_checked_like_docker():
    result = invoke(["restart", "--parallelism", "-1", "x"])
    assert result.code == 125
    assert 'invalid argument "-1" for "--parallelism" flag' in result.stderr
    assert invoke(["restart"]).code == 1


# -- a global service on three nodes -------------------------------------------------------------

@pytest.mark.multinode
def test_global_service_on_three_nodes(swarm3):
    manager = swarm3.manager
    env = {"DOCKER_HOST": manager.host, "DOCKER_CONTEXT": None, "NO_COLOR": "1"}
    name = f"rsg-{secrets.token_hex(4)}"
    manager.docker("service", "create", "-d", "--no-resolve-image", "--name", name, "--mode",
                   "global", *FAST, IMAGE, "sleep", "600")
    try:
        wait_for(lambda: len(_global_running(manager, name)) == 3, timeout=60,
                 message="a task on each node")
        before = _global_running(manager, name)
        original = service(manager.docker, name)["Spec"]["UpdateConfig"]
        result = invoke(["restart", "--parallelism", "1", "--timeout", "90s", name], env=env)
        assert result.code == 0, result.stderr
        assert result.stderr.splitlines()[-1] == f"verify: Service {name} converged"
        after = _global_running(manager, name)
        assert len(after) == 3 and not set(before.values()) & set(after.values())
        assert set(after) == set(before)   # one new task on each of the same three nodes
        assert service(manager.docker, name)["Spec"]["UpdateConfig"] == original
    finally:
        manager.docker("service", "rm", name, check=False)


def _global_running(manager, name):
    """{node: task ID} of the running tasks."""
    out = manager.docker("service", "ps", "--filter", "desired-state=running", "--format",
                         "{{.Node}} {{.ID}} {{.CurrentState}}", name).stdout
    return {line.split()[0]: line.split()[1] for line in out.splitlines()
            if line.split()[2] == "Running"}
