"""swarmctl wait: converged / paused / rolled back / timed out / removed, on the real swarm,
plus the convergence rules it adds to watch() (without an engine)."""
from __future__ import annotations

import json
import re
import time

import pytest

from tests.helpers import (FAST, IMAGE, NEVER, cli_process_env, docker_create, invoke, run_interrupted,
                           wait_for)


def service(engine, name):
    return json.loads(engine.docker("service", "inspect", name).stdout)[0]


def update_state(engine, name):
    return (service(engine, name).get("UpdateStatus") or {}).get("State")


# -- on the engine ------------------------------------------------------------------------------

@pytest.mark.engine
def test_fresh_service_converges_then_a_stable_one_returns_at_once(engine, cli, names):
    name = names()
    docker_create(engine, name, "--replicas", "2", "--update-monitor", "2s",
                  "--stop-grace-period", "1s")
    assert "UpdateStatus" not in service(engine, name)  # create: no UpdateStatus to wait for
    result = cli("wait", name)
    assert result.code == 0, result.stderr
    assert result.stdout == name + "\n"
    lines = result.stderr.splitlines()
    assert "overall progress: 2 out of 2 tasks" in lines
    assert lines[-1] == f"verify: Service {name} converged"
    # The tasks have now been up longer than the monitor: no second verification period.
    started = time.monotonic()
    again = cli("wait", name)
    assert again.code == 0 and time.monotonic() - started < 1.5
    assert "verify: Waiting" not in again.stderr


@pytest.mark.engine
def test_completed_update_is_judged_by_its_tasks(engine, cli, names):
    """UpdateStatus 'completed' stays forever; wait must not take it for convergence."""
    name = names()
    docker_create(engine, name, *FAST)
    assert cli("wait", name).code == 0
    engine.docker("service", "update", "-d", "--env-add", "A=1", name)
    wait_for(lambda: update_state(engine, name) == "completed", timeout=30, message="completed")
    engine.docker("service", "update", "-d", "--constraint-add", NEVER, name)  # now unschedulable
    result = cli("wait", "--timeout", "2s", name)
    assert result.code == 124, result.stderr
    assert result.stderr.splitlines()[-1] == (f"timed out after 2s waiting for {name} to converge: "
                                              "0/1 tasks running")
    assert result.stdout == ""


@pytest.mark.engine
def test_paused_update_exits_3(engine, cli, names):
    name = names()
    docker_create(engine, name, "--update-failure-action", "pause", *FAST)
    engine.docker("service", "update", "-d", "--args", "sh -c 'exit 1'", name)
    result = cli("wait", "--timeout", "60s", name)
    assert result.code == 3, result.stderr
    assert result.stderr.splitlines()[-1].startswith("service update paused: update paused due to")
    assert update_state(engine, name) == "paused"


@pytest.mark.engine
def test_automatic_rollback_exits_4_unless_rollback_ok(engine, cli, names):
    name = names()
    docker_create(engine, name, "--update-failure-action", "rollback", "--update-monitor", "2s",
                  "--rollback-monitor", "500ms", "--stop-grace-period", "1s")
    engine.docker("service", "update", "-d", "--args", "sh -c 'exit 1'", name)
    result = cli("wait", "--timeout", "90s", name)
    assert result.code == 4, result.stderr
    last_line = result.stderr.splitlines()[-1]
    # The engine's reason seen while it happened ("update rolled back: ..."); or only its end,
    # when the failed task of the rolled-back spec is named instead (or, without one, the
    # generic words).
    assert (last_line.startswith("service update rolled back: update rolled back")
            or re.fullmatch(r"service update rolled back: task [0-9a-z]{12} failed \(.+\)", last_line)
            or last_line == "service update rolled back: the engine rolled the last update back "
                            "automatically"), last_line
    assert update_state(engine, name) == "rollback_completed"
    assert service(engine, name)["Spec"]["TaskTemplate"]["ContainerSpec"]["Args"] == ["sleep", "600"]
    ok = cli("wait", "--rollback-ok", name)
    assert ok.code == 0, ok.stderr
    assert ok.stdout == name + "\n"
    assert "rollback: " in ok.stderr


@pytest.mark.engine
def test_requested_rollback_is_success(engine, cli, names):
    name = names()
    docker_create(engine, name, *FAST)
    engine.docker("service", "update", "-d", "--env-add", "A=1", name)
    engine.docker("service", "rollback", "-d", name)
    result = cli("wait", "--timeout", "60s", name)
    assert result.code == 0, result.stderr
    assert "rollback: manually requested rollback" in result.stderr


@pytest.mark.engine
def test_never_converging_times_out_with_124(engine, cli, names):
    name = names()
    docker_create(engine, name, "--constraint", NEVER)
    started = time.monotonic()
    result = cli("wait", "--timeout", "1500ms", name)
    assert result.code == 124
    assert 1.4 < time.monotonic() - started < 10
    assert result.stderr.splitlines()[-1] == (f"timed out after 1.5s waiting for {name} to "
                                              "converge: 0/1 tasks running")


@pytest.mark.engine
def test_jobs_and_global_and_several_services(engine, cli, names):
    job, glob, web = names(), names(), names()
    engine.docker("service", "create", "-d", "--no-resolve-image", "--name", job, "--mode",
                  "replicated-job", "--replicas", "2", IMAGE, "true")
    docker_create(engine, glob, "--mode", "global", *FAST)
    docker_create(engine, web, *FAST)
    result = cli("wait", "--timeout", "60s", job, glob, web)
    assert result.code == 0, result.stderr
    assert result.stdout.splitlines() == [job, glob, web]
    assert "job complete" in result.stderr.splitlines()
    assert f"verify: Service {glob} converged" in result.stderr.splitlines()
    assert f"waiting for {web}" in result.stderr.splitlines()


@pytest.mark.engine
def test_unknown_service_fails_before_waiting(engine, cli, names):
    name = names()
    docker_create(engine, name, "--constraint", NEVER)
    started = time.monotonic()
    result = cli("wait", "--timeout", "30s", name, "no-such-service-xyz")
    assert result.code == 1
    assert result.stderr == "Error response from daemon: service no-such-service-xyz not found\n"
    assert time.monotonic() - started < 5


@pytest.mark.engine
def test_removed_waits_for_the_tasks_to_shut_down(engine, cli, names):
    name = names()
    # busybox sleep as PID 1 ignores SIGTERM: the task takes the whole grace period to stop.
    docker_create(engine, name, "--stop-grace-period", "3s")
    assert cli("wait", "--timeout", "30s", name).code == 0
    engine.docker("service", "rm", name)
    started = time.monotonic()
    result = cli("wait", "--for", "removed", "--timeout", "30s", name)
    assert result.code == 0, result.stderr
    assert time.monotonic() - started > 1
    assert result.stdout == name + "\n"
    assert f"{name}: removed, waiting for 1 task to shut down" in result.stderr.splitlines()
    assert result.stderr.splitlines()[-1] == f"{name}: removed"
    left = engine.docker("ps", "-q", "--filter", f"label=com.docker.swarm.service.name={name}").stdout
    assert left.strip() == ""   # no container of it is running any more


@pytest.mark.engine
def test_removed_of_a_present_service_times_out_and_unknown_is_removed(engine, cli, names):
    name = names()
    docker_create(engine, name, "--constraint", NEVER)
    result = cli("wait", "--for", "removed", "--timeout", "1s", name)
    assert result.code == 124
    assert result.stderr.splitlines() == [f"{name}: waiting for the service to be removed",
                                          f"timed out after 1s waiting for {name} to be removed"]
    gone = cli("wait", "--for", "removed", "no-such-service-xyz")
    assert (gone.code, gone.stdout) == (0, "no-such-service-xyz\n")


@pytest.mark.engine
def test_ctrl_c_exits_130(engine, names):
    name = names()
    docker_create(engine, name, "--constraint", NEVER)
    result = run_interrupted(["wait", name], cli_process_env(engine), settle=1.5)
    assert result.code == 130, result.stderr
    assert result.stderr.splitlines()[-1] == f"Stopped waiting for {name}."
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_usage():
    result = invoke(["wait"])
    assert result.code == 1 and "requires at least 1 argument" in result.stderr
    result = invoke(["wait", "--for", "running", "x"])
    assert result.code == 125
    result = invoke(["wait", "--timeout", "soon", "x"])
    assert result.code == 125 and 'invalid argument "soon" for "--timeout" flag' in result.stderr


# -- watch() in wait mode, without an engine ------------------------------------------------------

class FakeApi:
    """An engine whose answers a test scripts: one (service, tasks) pair per poll."""

    def __init__(self, polls):
        self.polls = list(polls)
        self.current = None

    def inspect_service(self, service_id, insert_defaults=None):
        if self.polls:
            self.current = self.polls.pop(0)
        return self.current[0]

    def tasks(self, filters=None):
        return self.current[1]

    def nodes(self, filters=None):
        return [{"ID": "n1", "Status": {"State": "ready"}}]


def _service(state=None, message=""):
    service = {"ID": "s", "Spec": {"Mode": {"Replicated": {"Replicas": 1}},
                                   "UpdateConfig": {"Monitor": 10**9}}}
    if state:
        service["UpdateStatus"] = {"State": state, "Message": message}
    return service


def _task(state, since="2026-01-01T12:00:00Z"):
    return [{"ID": "t", "Slot": 1, "NodeID": "n1", "DesiredState": "running",
             "Status": {"State": state, "Timestamp": since}}]


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


def _watch(polls, **kwargs):
    from swarmctl.service import convergence

    clock = Clock()
    return list(convergence.watch(FakeApi(polls), "s", clock=clock, sleep=clock.sleep, **kwargs))


def test_docker_stops_at_completed_but_wait_does_not():
    polls = [(_service("completed"), _task("pending"))] * 3 + [(_service("completed"), _task("running"))]
    assert _watch(polls)[-1].outcome == "update_completed"
    snapshots = _watch(polls, stop_when_completed=False, deadline=100)
    assert snapshots[-1].outcome == "converged" and len(snapshots) > 4


def test_wait_verifies_only_once_the_engine_is_done():
    polls = [(_service("updating"), _task("running"))] * 10 + [(_service("completed"), _task("running"))]
    snapshots = _watch(polls, stop_when_completed=False, until_rollout_done=True)
    assert all(s.verify_remaining_ns is None for s in snapshots[:10])
    assert snapshots[-1].outcome == "converged" and len(snapshots) > 11


def test_tasks_running_longer_than_the_monitor_count_as_verified():
    from swarmctl.golang.time import parse_rfc3339_nano

    engine_now = parse_rfc3339_nano("2026-01-01T12:00:05Z")
    polls = [(_service(), _task("running", "2026-01-01T12:00:00Z"))]
    snapshots = _watch(polls, engine_now=lambda: engine_now)
    assert [s.outcome for s in snapshots] == ["converged"]
    # Up for 0.5 s of a 1 s monitor: half a period left to verify.
    half_a_second_later = parse_rfc3339_nano("2026-01-01T12:00:00.5Z")
    snapshots = _watch(polls * 10, engine_now=lambda: half_a_second_later)
    assert snapshots[0].verify_remaining_ns == 500_000_000
    assert snapshots[-1].outcome == "converged"


def test_requested_rollback_is_success_for_wait_an_automatic_one_is_not():
    from types import SimpleNamespace

    from swarmctl.service import convergence
    from swarmctl.cli.commands.wait import _wait_converged

    def polls(message, previous_spec=False):
        started = _service("rollback_started", message)
        completed = _service("rollback_completed", "rollback completed")
        if previous_spec:
            completed["PreviousSpec"] = {"Name": "s"}
        return [(started, _task("running"))] * 3 + [(completed, _task("running"))]

    def wait(poll_list, rollback_ok=False):
        app = SimpleNamespace(api=FakeApi(poll_list))
        return _wait_converged(app, "s", "s", 1000, True, 10**9, rollback_ok, None)

    original = convergence.watch

    def fake_clock_watch(*args, **kwargs):
        clock = Clock()
        return original(*args, **dict(kwargs, clock=clock, sleep=clock.sleep))

    convergence.watch = fake_clock_watch
    try:
        assert wait(polls("manually requested rollback")) == 0
        automatic = "update rolled back due to failure or early termination of task t"
        assert wait(polls(automatic)) == 4
        assert wait(polls(automatic), rollback_ok=True) == 0
        # Only the end seen: a requested rollback keeps PreviousSpec, an automatic one not.
        assert wait(polls(automatic)[-1:] * 2, rollback_ok=False) == 4
        assert wait(polls("x", previous_spec=True)[-1:] * 2) == 0
    finally:
        convergence.watch = original


def _global(state=None):
    service = _service(state)
    service["Spec"]["Mode"] = {"Global": {}}
    return service


def _job(total):
    service = _service()
    service["Spec"]["Mode"] = {"ReplicatedJob": {"MaxConcurrent": 1, "TotalCompletions": total}}
    return service


@pytest.mark.parametrize("poll, reason", [
    ((_service("updating"), _task("pending")), "0/1 tasks running"),
    ((_service(), _task("starting")), "0/1 tasks running"),
    # Every slot runs the new spec, but the engine has not called the rollout done (a lost
    # worker can keep it so for minutes): say that, or the 124 looks like a swarmctl bug.
    ((_service("updating"), _task("running")),
     "1/1 tasks running, but the engine still reports the update in progress"),
    ((_service("rollback_started"), _task("running")),
     "1/1 tasks running, but the engine still reports the rollback in progress"),
    ((_service("completed"), _task("running")), "1/1 tasks running, not yet for the update "
                                                "monitor period"),
    ((_global(), []), "no tasks yet"),
    ((_job(3), _task("running")), "0/3 tasks completed"),
])
def test_a_timeout_says_what_the_service_still_lacked(poll, reason):
    from swarmctl.cli.commands.wait import _not_yet

    # The deadline falls inside the 1 s monitor period, before anything could converge.
    last = _watch([poll], stop_when_completed=False, until_rollout_done=True, deadline=0.5)[-1]
    assert last.outcome == "timed_out"
    assert _not_yet(last) == reason
