"""A worker lost in the middle of a rolling update on a 3-node swarm: what `update`, `wait`
and `logs -f` (swarmctl's and docker's) do while the engine reschedules its tasks.

Stopping a worker would disturb every other test on the shared 3-node swarm, so this module
starts a private one (about 3 s; 3 s more to take it down), with a 1 s dispatcher heartbeat
(5 s by default) so the manager marks the lost worker Down within seconds.
The scenario runs once, in a module fixture, and each test checks one side of it; the
worker is started again, and Ready, before the fixture ends. Every wait is bounded.
"""
from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

import pytest

import swarmctl
from swarmctl.golang.time import parse_rfc3339_nano
from tests.helpers import IMAGE, cli_process_env, running_lab, wait_for

pytestmark = [pytest.mark.engine, pytest.mark.multinode]

SWARMCTL = [sys.executable, "-m", "swarmctl"]
SERVICE = "roll"  # the lab is this module's own: no other test sees its names
LOST = "swarmctl-node3"
# --timeout of the update and wait that follow the rollout while the worker is lost.
FOLLOW_FOR = 20


@dataclass
class Stream:
    """A running `logs -f`, its lines timestamped as they arrive."""
    process: subprocess.Popen
    lines: list = field(default_factory=list)

    def read(self):
        for line in self.process.stdout:
            self.lines.append((time.monotonic(), line.rstrip("\n")))

    def since(self, moment):
        return [line for at, line in self.lines if at >= moment]


@dataclass
class Scenario:
    lost_at: float = 0.0  # when the manager saw the worker Down
    status_when_lost: dict = field(default_factory=dict)
    results: dict = field(default_factory=dict)  # command: (code, stdout, stderr)
    seen: dict = field(default_factory=dict)  # command: (UpdateStatus, running) as it ended
    streams: dict = field(default_factory=dict)  # "swarmctl"/"docker": (Stream, code, stderr)
    down_after: float = 0.0  # seconds from the worker's engine stop to Down
    ended_before_down: set = field(default_factory=set)  # commands done before that
    ended_after: dict = field(default_factory=dict)  # command: seconds after the stop
    seen_at: dict = field(default_factory=dict)  # command: wall clock (ns) it was seen ended
    node_states: dict = field(default_factory=dict)  # once the worker is back
    after_return: tuple = ()  # (code, stdout, stderr) of a wait once the worker is back
    status_after_return: dict = field(default_factory=dict)


def _node_states(engine):
    out = engine.docker("node", "ls", "--format", "{{.Hostname}} {{.Status}}").stdout
    return dict(line.split() for line in out.splitlines())


def _running(api, hostnames):
    tasks = api.tasks(filters={"service": SERVICE, "desired-state": "running"})
    return [(hostnames[t["NodeID"]], t["Spec"]["ContainerSpec"].get("Env") or [])
            for t in tasks if t["Status"]["State"] == "running"]


@pytest.fixture(scope="module")
def node_lost():
    with running_lab(nodes=3, init_args=("--dispatcher-heartbeat", "1s")) as lab:
        yield _lose_a_worker_mid_update(lab)


def _lose_a_worker_mid_update(lab):
    manager, worker = lab.manager, lab.engines[2]
    api = swarmctl.APIClient(base_url=manager.host)
    hostnames = {n["ID"]: n["Description"]["Hostname"] for n in api.nodes()}
    # One task per node (the scheduler spreads them); a rollout of one task every 4 s, so
    # the worker is Down (about 4 s after its engine stops) before the rollout could end.
    manager.docker("service", "create", "-d", "--no-resolve-image", "--name", SERVICE,
                   "--replicas", "3", "--stop-signal", "KILL", "--update-parallelism", "1",
                   "--update-delay", "4s", "--update-monitor", "1s", IMAGE, "sh", "-c",
                   "while true; do echo tick $(hostname); sleep 0.2; done")
    wait_for(lambda: len({node for node, _ in _running(api, hostnames)}) == 3, timeout=60,
             message="one running task on each node")
    env = cli_process_env(manager)

    def start(argv):
        return subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)

    streams = {"swarmctl": Stream(start([*SWARMCTL, "logs", "-f", SERVICE])),
               "docker": Stream(start(["docker", "service", "logs", "-f", SERVICE]))}
    for stream in streams.values():
        threading.Thread(target=stream.read, daemon=True).start()
    commands = {"update": start([*SWARMCTL, "update", "--timeout", f"{FOLLOW_FOR}s",
                                 "--env-add", "X=1", SERVICE])}
    scenario = Scenario()
    try:
        # The rollout is under way: one task of the new spec runs, the others are to come.
        wait_for(lambda: any("X=1" in env for _, env in _running(api, hostnames)), timeout=60,
                 message="the first updated task")
        commands["wait"] = start([*SWARMCTL, "wait", "--timeout", f"{FOLLOW_FOR}s", SERVICE])
        scenario.status_when_lost = api.inspect_service(SERVICE).get("UpdateStatus") or {}
        stopped_at = time.monotonic()
        worker.stop()

        def collect():
            """Record each command that has ended, with what the engine says then."""
            status = api.inspect_service(SERVICE).get("UpdateStatus") or {}
            for key, process in commands.items():
                if key not in scenario.results and process.poll() is not None:
                    scenario.results[key] = (process.returncode, *process.communicate())
                    scenario.seen[key] = (status, _running(api, hostnames))
                    scenario.ended_after[key] = time.monotonic() - stopped_at
                    scenario.seen_at[key] = time.time_ns()
            return all(key in scenario.results for key in commands)

        wait_for(lambda: [collect(), _node_states(manager).get(LOST) == "Down"][1],
                 timeout=30, message=f"{LOST} Down")
        scenario.lost_at = time.monotonic()
        scenario.down_after = scenario.lost_at - stopped_at
        scenario.ended_before_down = set(scenario.results)
        deadline = time.monotonic() + FOLLOW_FOR + 20
        while not collect() and time.monotonic() < deadline:
            time.sleep(0.2)
        for key, process in commands.items():
            if key not in scenario.results:
                process.kill()
                scenario.results[key] = (None, *process.communicate())
        for key, stream in streams.items():
            stream.process.send_signal(signal.SIGINT)  # as a user ends it
            try:
                _, stderr = stream.process.communicate(timeout=20)
            except subprocess.TimeoutExpired:
                stream.process.kill()
                _, stderr = stream.process.communicate()
            scenario.streams[key] = (stream, stream.process.returncode, stderr)
    finally:
        for process in [*commands.values(), *(s.process for s in streams.values())]:
            if process.poll() is None:
                process.kill()
        # The worker comes back and rejoins: the swarm is whole again.
        worker.start(extra_args=lab.engine_args)
        lab._wait_for_nodes_ready()
    scenario.node_states = _node_states(manager)
    # What the engine makes of the rollout once the worker is back, and what wait says.
    result = subprocess.run([*SWARMCTL, "wait", "--timeout", "30s", SERVICE], env=env,
                            capture_output=True, text=True, timeout=60)
    scenario.after_return = (result.returncode, result.stdout, result.stderr)
    scenario.status_after_return = api.inspect_service(SERVICE).get("UpdateStatus") or {}
    api.close()
    return scenario


def _says_what_the_engine_did(key, code, stderr, status, running, seen_at):
    """The exit code and last line agree with the engine's state when the command ended
    (read at ``seen_at``, up to a poll after it ended)."""
    last = stderr.splitlines()[-1]
    if code == 0:
        assert last == f"verify: Service {SERVICE} converged", (key, stderr)
        # The lost worker's tasks run elsewhere, on the new spec.
        assert len(running) == 3 and all("X=1" in env and node != LOST
                                         for node, env in running), (key, running)
        if key == "wait":  # wait also waits for the engine to call the rollout done
            assert status.get("State") == "completed", (key, status)
    elif code == 3:
        assert status.get("State") == "paused", (key, status)
        assert last == f"service update paused: {status.get('Message')}", (key, stderr)
    else:
        assert code == 124, (key, code, stderr)
        assert last.startswith(f"timed out after {FOLLOW_FOR}s waiting for {SERVICE} to "
                               "converge"), (key, stderr)
        converged = len(running) == 3 and all("X=1" in env for _, env in running)
        # The engine may have settled the rollout between the deadline and our look: then
        # only just (its engine and this test share the clock).
        settled_before = status.get("State") != "updating" and "CompletedAt" in status and (
            seen_at - parse_rfc3339_nano(status["CompletedAt"]) > 1e9)
        assert not settled_before and (key == "wait" or not converged), (key, status, running)


def test_update_and_wait_report_what_the_engine_does_with_a_lost_worker(node_lost):
    assert node_lost.status_when_lost.get("State") == "updating", node_lost.status_when_lost
    # The worker was lost in the middle: nothing had ended before the manager saw it Down.
    assert node_lost.ended_before_down == set(), node_lost.results
    for key, (code, stdout, stderr) in node_lost.results.items():
        assert code is not None, (key, "did not end", stderr)
        # update prints the service first; wait prints it once it has converged
        assert stdout == (f"{SERVICE}\n" if key == "update" or code == 0 else ""), (key, stdout)
        assert "Traceback" not in stderr and "internal error" not in stderr, (key, stderr)
        _says_what_the_engine_did(key, code, stderr, *node_lost.seen[key],
                                  node_lost.seen_at[key])
    assert node_lost.node_states == {"swarmctl-node1": "Ready", "swarmctl-node2": "Ready",
                                     LOST: "Ready"}
    # Once the worker is back the engine settles the rollout (it paused it, in every run
    # measured: the task it had given the lost worker "failed"), and wait says which.
    # The measurements README's "A worker lost" quotes (pytest -rP shows them).
    print(f"Down {node_lost.down_after:.1f}s after the stop; ended after the stop: "
          + ", ".join(f"{key} {node_lost.results[key][0]} at {seconds:.1f}s"
                      for key, seconds in node_lost.ended_after.items())
          + f"; engine {node_lost.seen.get('update', ({},))[0].get('State')}, after the "
          f"worker's return {node_lost.status_after_return.get('State')}")
    code, stdout, stderr = node_lost.after_return
    assert stdout == (f"{SERVICE}\n" if code == 0 else "") and "Traceback" not in stderr, \
        (code, stdout, stderr)
    status = node_lost.status_after_return
    assert (status.get("State"), code) in (("completed", 0), ("paused", 3)), (status, stderr)
    if code == 3:
        assert stderr.splitlines()[-1] == f"service update paused: {status['Message']}"


def test_logs_follow_keeps_streaming_from_the_other_nodes_as_docker_does(node_lost):
    # docker's `service logs -f` does not end when a node goes: it goes on with the tasks
    # left and those the engine starts instead. swarmctl's does the same, and both end on
    # Ctrl-C with 130 and nothing on stderr.
    for key, (stream, code, stderr) in node_lost.streams.items():
        assert (code, stderr) == (130, ""), (key, code, stderr)
        after = stream.since(node_lost.lost_at)
        nodes = {line.split("@", 1)[1].split()[0] for line in after if "@" in line}
        assert nodes and LOST not in nodes, (key, nodes, after[-5:])
        assert all(line.split("|", 1)[1].startswith(" tick ") for line in after), (key, after[-5:])
