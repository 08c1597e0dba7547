"""Faults against a private engine: the engine stopped under every waiting command, SIGINT
and SIGTERM during them, and answers cut or stalled mid-response by a proxy.

Stopping an engine would break every other test, so this module starts its own single-node
lab (about 2 s) and shares it between its tests; the engine is started again after the test
that stops it. Every subprocess has a timeout: nothing here can hang.
"""
from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time

import pytest

from tests.helpers import FAST, IMAGE, NEVER, cli_process_env, docker_create, running_lab, wait_for
from tests.recproxy import Fault, RecordingProxy

pytestmark = pytest.mark.engine

SWARMCTL = [sys.executable, "-m", "swarmctl"]
# How long a command may take to end once its engine has gone.
ENDS_WITHIN = 20


@pytest.fixture(scope="module")
def lab():
    with running_lab(nodes=1) as lab:
        yield lab


@pytest.fixture
def fresh(lab):
    """Fresh service names on the private engine (removed after the test)."""
    made = []

    def make(prefix):
        made.append(f"{prefix}-{len(made)}-{time.monotonic_ns() % 10**8}")
        return made[-1]

    yield make
    if made:
        lab.manager.docker("service", "rm", *made, check=False)


def _spec(engine, name):
    return json.loads(engine.docker("service", "inspect", name).stdout)[0]["Spec"]


def _start(argv, env):
    return subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def _finish(processes, timeout):
    """{key: (code, stdout, stderr, seconds)} once each has ended (killed after timeout)."""
    started, results = time.monotonic(), {}
    for key, process in processes.items():
        try:
            stdout, stderr = process.communicate(
                timeout=max(0.1, timeout - (time.monotonic() - started)))
        except subprocess.TimeoutExpired:
            process.kill()
            stdout, stderr = process.communicate()
            results[key] = (None, stdout, stderr, None)
            continue
        results[key] = (process.returncode, stdout, stderr, time.monotonic() - started)
    return results


def _following(engine, name, flags=()):
    """Commands that follow convergence, each on a service of its own (never converging)."""
    never = ("--constraint", NEVER, *FAST)
    return {
        "create": (["create", "--timeout", "60s", "--no-resolve-image", "--name", f"{name}-c",
                    *never, IMAGE, "sleep", "600"], None),
        "update": (["update", "--timeout", "60s", "--env-add", "F=1", f"{name}-u"], f"{name}-u"),
        "scale": (["scale", "--timeout", "60s", f"{name}-s=2"], f"{name}-s"),
        "rollback": (["rollback", "--timeout", "60s", f"{name}-r"], f"{name}-r"),
        "wait": (["wait", "--timeout", "60s", f"{name}-w"], f"{name}-w"),
    }


def _prepare(engine, commands, fresh_names):
    never = ("--constraint", NEVER, *FAST)
    for key, (_, existing) in commands.items():
        if existing:
            fresh_names.append(existing)
            docker_create(engine, existing, *never)
    for key, (argv, existing) in commands.items():
        if key == "rollback":  # something to roll back to
            engine.docker("service", "update", "-d", "--env-add", "R=1", existing)
        if key == "create":
            fresh_names.append(argv[argv.index("--name") + 1])


# -- the engine goes away --------------------------------------------------------------------

# What docker itself says when its engine stops under it, depending on how far the shutdown
# got: the swarm leaves first, then the API; a log stream is cancelled. In between, a request
# that reaches the API after the swarm's control socket has gone gets gRPC's Unavailable
# (`... dial unix .../control.sock: connect: no such file or directory`), which docker prints
# as it comes (seen from `docker service update` in 1 run of 5).
_ENGINE_GONE = (
    r'Error response from daemon: This node is not a swarm manager\. Use "docker swarm init" or '
    r'"docker swarm join" to connect this node to swarm and try again\.',
    r"Error response from daemon: rpc error: code = Unavailable desc = .+",
    r"Cannot connect to the Docker daemon at unix://\S+\. Is the docker daemon running\?",
    r"error from daemon in stream: Error grabbing logs: rpc error: code = Unknown desc = "
    r"context canceled",
    r"unexpected EOF",
    # What the engine itself answers to a request that reaches it while it shuts down.
    r"Error response from daemon: rpc error: code = Canceled desc = grpc: the client "
    r"connection is closing",
)


def _says_engine_gone(stderr):
    # The engine's log stream error ends in a newline of its own, which docker keeps.
    lines = stderr.rstrip("\n").splitlines()
    return bool(lines) and any(re.fullmatch(p, lines[-1]) for p in _ENGINE_GONE)


def _last_line_as_docker_prints_it(stderr):
    if "error from daemon in stream" in stderr:
        return stderr.endswith("\n\n")  # the engine's newline, then docker's
    return stderr.endswith("\n") and not stderr.endswith("\n\n")


def test_every_waiting_command_ends_when_the_engine_stops(lab, fresh):
    engine = lab.manager
    base = fresh("gone")
    made = []
    commands = _following(engine, base)
    commands["restart"] = (["restart", "--parallelism", "2", "--delay", "9s", "--timeout", "60s",
                            f"{base}-rs"], f"{base}-rs")
    _prepare(engine, commands, made)
    logs = fresh("gonelogs")
    # KILL as stop signal: a shell as PID 1 ignores SIGTERM, and the engine would wait for it.
    docker_create(engine, logs, "--stop-signal", "KILL", args=(
        "sh", "-c", "while true; do echo tick; sleep 0.2; done"))
    wait_for(lambda: "tick" in engine.docker("service", "logs", logs, check=False).stdout,
             timeout=30, message="the first log line")
    original = _spec(engine, f"{base}-rs")["UpdateConfig"]
    env = cli_process_env(engine)
    processes = {key: _start([*SWARMCTL, *argv], env) for key, (argv, _) in commands.items()}
    processes["logs -f"] = _start([*SWARMCTL, "logs", "-f", logs], env)
    processes["docker logs -f"] = _start(["docker", "service", "logs", "-f", logs], env)
    processes["docker update"] = _start(["docker", "service", "update", "--env-add", "D=1",
                                         f"{base}-u"], env)
    try:
        wait_for(lambda: _spec(engine, f"{base}-rs")["TaskTemplate"].get("ForceUpdate"),
                 timeout=30, message="the restart")
        time.sleep(2)  # every command is following by now
        engine.stop()
        results = _finish(processes, ENDS_WITHIN)
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.kill()
        engine.start(extra_args=lab.engine_args)
    for key, (code, _, stderr, _) in results.items():
        assert code == 1, (key, code, stderr)
        assert "Traceback" not in stderr and "internal error" not in stderr, (key, stderr)
        assert _says_engine_gone(stderr), (key, stderr)
        assert _last_line_as_docker_prints_it(stderr), (key, stderr)
    # restart could not put its update config back: it says so, with the command that does.
    restart_lines = results["restart"][2].splitlines()
    assert (f"{base}-rs: the engine could not be asked to put them back, so the rollout's "
            "--parallelism/--delay stay in the service's update config; restore them with "
            f"`swarmctl update --update-parallelism {original.get('Parallelism', 0)} "
            f"--update-delay 0s {base}-rs`") in restart_lines, restart_lines
    # The lab's engine is back for the next tests.
    wait_for(lambda: engine.docker("node", "ls", check=False).returncode == 0, timeout=30,
             message="the swarm after the restart")
    engine.docker("service", "rm", *made, check=False)


# -- SIGINT, SIGTERM and SIGHUP during every waiting command --------------------------------

# SIGINT for restart, wait, logs -f, create and update, and SIGTERM/SIGHUP for restart are
# in test_reliability, test_restart, test_wait, test_logs and test_progress_exit_codes.
_SIGNALLED = [*((key, signum) for signum in (signal.SIGTERM, signal.SIGHUP)
                for key in ("create", "update", "scale", "rollback", "wait", "logs -f")),
              ("scale", signal.SIGINT), ("rollback", signal.SIGINT)]


def test_sigint_sigterm_and_sighup_end_every_waiting_command_and_the_engine_goes_on(lab, fresh):
    engine = lab.manager
    made, processes, services = [], {}, {}
    env = cli_process_env(engine)
    logs = fresh("siglogs")
    docker_create(engine, logs, "--stop-signal", "KILL", args=(
        "sh", "-c", "while true; do echo tick; sleep 0.2; done"))
    wait_for(lambda: "tick" in engine.docker("service", "logs", logs, check=False).stdout,
             timeout=30, message="the first log line")
    for index, (key, signum) in enumerate(_SIGNALLED):
        if key == "logs -f":
            processes[key, signum] = _start([*SWARMCTL, "logs", "-f", logs], env)
            continue
        commands = _following(engine, fresh(f"sig{index}"))
        command = {key: commands[key]}
        _prepare(engine, command, made)
        argv, existing = command[key]
        services[key, signum] = existing or argv[argv.index("--name") + 1]
        processes[key, signum] = _start([*SWARMCTL, *argv], env)
    asked = {"create": lambda spec, name: spec["Name"] == name,
             "update": lambda spec, name: "F=1" in (
                 spec["TaskTemplate"]["ContainerSpec"].get("Env") or []),
             "scale": lambda spec, name: spec["Mode"]["Replicated"]["Replicas"] == 2,
             "rollback": lambda spec, name: "R=1" not in (
                 spec["TaskTemplate"]["ContainerSpec"].get("Env") or []),
             "wait": lambda spec, name: True}

    def all_written():
        found = engine.docker("service", "inspect", *services.values(), check=False)
        return found.returncode == 0 and all(
            asked[key](service["Spec"], name) for ((key, _), name), service in
            zip(services.items(), json.loads(found.stdout)))

    try:
        # 14 commands start at once on a busy box: signal them once each has written its spec.
        wait_for(all_written, timeout=60, message="every command's spec write")
        time.sleep(1.5)  # and is following
        for (_, signum), process in processes.items():
            process.send_signal(signum)
        results = _finish(processes, 30)
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.kill()
    try:
        for (key, signum), (code, stdout, stderr, _) in results.items():
            assert code == 128 + signum, (key, signum, code, stderr)
            assert "Traceback" not in stderr, (key, stderr)
            if key == "logs -f":
                assert "tick\n" in stdout, (key, signum, stdout)
                continue
            # What the command asked for stays asked: the engine goes on converging to it.
            name = services[key, signum]
            spec = _spec(engine, name)
            assert asked[key](spec, name), (key, spec)
            if key != "wait":
                assert "Operation continuing in background." in stderr.splitlines(), (key, stderr)
    finally:
        engine.docker("service", "rm", *made, check=False)


# -- answers cut or stalled mid-response -------------------------------------------------------

def _proxied(lab, fault):
    return RecordingProxy(str(lab.manager.socket), str(lab.dir / "fault.sock"), fault=fault)


def _on(path_part, kind, after):
    return lambda request: Fault(kind, after) if path_part in request.path.split("?")[0] else None


@pytest.mark.parametrize("ours, theirs, path_part", [
    (["ls"], ["service", "ls"], "/services"),
    (["ps", "{name}"], ["service", "ps", "{name}"], "/tasks"),
    (["inspect", "{name}"], ["service", "inspect", "{name}"], "/services/"),
    (["logs", "{name}"], ["service", "logs", "{name}"], "/logs"),
], ids=["ls", "ps", "inspect", "logs"])
def test_a_cut_answer_is_an_error_as_in_docker_never_a_partial_table(lab, fresh, ours, theirs,
                                                                     path_part):
    engine = lab.manager
    name = fresh("cut")
    docker_create(engine, name, "--stop-signal", "KILL",
            args=("sh", "-c", "echo one; echo two; sleep 600"))
    wait_for(lambda: "two" in engine.docker("service", "logs", name, check=False).stdout,
             timeout=30, message="the log lines")
    with _proxied(lab, _on(path_part, "cut", 30)) as proxy:
        env = cli_process_env(engine, host=f"unix://{proxy.path}")
        mine = subprocess.run([*SWARMCTL, *(a.format(name=name) for a in ours)], env=env,
                              capture_output=True, text=True, timeout=30)
        docker = subprocess.run(["docker", *(a.format(name=name) for a in theirs)], env=env,
                                capture_output=True, text=True, timeout=30)
    assert (mine.returncode, mine.stdout, mine.stderr) == \
        (docker.returncode, docker.stdout, docker.stderr) == \
        (1, "[]\n" if ours[0] == "inspect" else "", "unexpected EOF\n")


def test_a_waiting_command_whose_answer_is_cut_ends_with_one_line(lab, fresh):
    engine = lab.manager
    name = fresh("cutwait")
    docker_create(engine, name, "--constraint", NEVER, *FAST)
    with _proxied(lab, _on("/tasks", "cut", 10)) as proxy:
        result = subprocess.run([*SWARMCTL, "wait", "--timeout", "30s", name],
                                env=cli_process_env(engine, host=f"unix://{proxy.path}"),
                                capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout, result.stderr.splitlines()[-1:]) == \
        (1, "", ["unexpected EOF"])


@pytest.mark.parametrize("command", [("wait", "--timeout", "2s", "{name}"),
                                     ("scale", "--timeout", "2s", "{name}=2")])
def test_a_stalled_answer_ends_a_waiting_command_at_its_timeout(lab, fresh, command):
    engine = lab.manager
    name = fresh("stall")
    docker_create(engine, name, "--constraint", NEVER, *FAST)
    with _proxied(lab, _on("/tasks", "stall", 10)) as proxy:
        started = time.monotonic()
        result = subprocess.run([*SWARMCTL, *(a.format(name=name) for a in command)],
                                env=cli_process_env(engine, host=f"unix://{proxy.path}"),
                                capture_output=True, text=True, timeout=60)
        elapsed = time.monotonic() - started
    assert result.returncode == 124, result.stderr
    assert elapsed < 8, elapsed
    # The deadline cuts the stalled request: the wait's own timeout line, or the one for a
    # request the engine did not answer, whichever the deadline met.
    assert result.stderr.splitlines()[-1].startswith("timed out after 2s"), result.stderr
    assert "Traceback" not in result.stderr


# The request timeout, shortened for these tests (60 s as shipped).
_SHORT_REQUEST_TIMEOUT = [
    sys.executable, "-c",
    "import sys, swarmctl.constants; swarmctl.constants.DEFAULT_TIMEOUT_SECONDS = 2; "
    "from swarmctl.cli.main import console_main; sys.argv[0] = 'swarmctl'; console_main()"]


@pytest.mark.parametrize("command, path_part, stdout", [
    (["ls"], "/services", ""),
    (["ps", "{name}"], "/tasks", ""),
    (["inspect", "{name}"], "/services/", "[]\n"),
], ids=["ls", "ps", "inspect"])
def test_a_stalled_read_says_it_timed_out_not_that_the_engine_is_unreachable(
        lab, fresh, command, path_part, stdout):
    engine = lab.manager
    name = fresh("stallread")
    docker_create(engine, name, "--replicas", "0")
    # One byte, then nothing: `ps` of a service without tasks is answered with `[]`.
    with _proxied(lab, _on(path_part, "stall", 1)) as proxy:
        started = time.monotonic()
        result = subprocess.run([*_SHORT_REQUEST_TIMEOUT, *(a.format(name=name) for a in command)],
                                env=cli_process_env(engine, host=f"unix://{proxy.path}"),
                                capture_output=True, text=True, timeout=60)
        elapsed = time.monotonic() - started
    assert (result.returncode, result.stdout) == (1, stdout), result.stderr
    assert elapsed < 10, elapsed
    # Connected, answered in part, then silent: the line says so (docker has no read
    # timeout, it would wait), never "Cannot connect to the Docker daemon".
    assert re.fullmatch(r'error during connect: Get "http\+docker://localhost/v[\d.]+/\S+": '
                        r"the engine stopped answering in the middle of its answer "
                        r"\(read timeout 2s\)\n", result.stderr), result.stderr
