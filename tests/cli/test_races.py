"""Races against a real engine: concurrent writers of one service lose nothing, and a service
that vanishes or appears between a client's decision and its request gets docker's words.

The concurrent updates are real races (parallel subprocesses, many rounds), each racer
through a proxy of its own that counts the engine's "update out of sequence" refusals (so
the test cannot pass without a race); in every other round the proxies hold the racers'
first writes and release them together, so that round certainly collides. The rm/create
races are made deterministic by a proxy that lets "another client" act just before our
request reaches the engine, and the real Docker CLI goes through the same proxy as oracle.
"""
from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import threading
import urllib.parse

import pytest

from tests.helpers import IMAGE, NEVER, cli_process_env, docker_create
from tests.recproxy import RecordingProxy

pytestmark = pytest.mark.engine

ROUNDS = 20


def _start(engine, *args, host=None):
    env = cli_process_env(engine, host)
    return subprocess.Popen([sys.executable, "-m", "swarmctl", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finish(process):
    stdout, stderr = process.communicate(timeout=60)
    return process.returncode, stderr


def _spec(engine, name):
    return json.loads(engine.docker("service", "inspect", name).stdout)[0]["Spec"]


def _out_of_sequence(proxy):
    """The writes the engine refused as out of sequence: each one made swarmctl re-read
    and try again."""
    return sum(1 for r in proxy.requests if r.method == "POST" and r.status == 500
               and b"update out of sequence" in r.answer)


class StartingGun:
    """Holds each racer's first write of an armed round until every racer has sent one, so
    that all of them read the same version and write at once: the engine takes one write and
    refuses the others as out of sequence, every time. Retries are not held."""

    def __init__(self, racers):
        self._barrier = threading.Barrier(len(racers), timeout=30)
        self._fired = set()
        self._lock = threading.Lock()
        self._armed = True

    def next_round(self, armed):
        """``armed`` False: this round's writes go as they come."""
        self._fired.clear()
        self._barrier.reset()
        self._armed = armed

    def hold(self, racer):
        def answer(request):
            write = request.method == "POST" and request.path.split("?")[0].endswith("/update")
            if self._armed and write:
                with self._lock:
                    first = racer not in self._fired
                    self._fired.add(racer)
                if first:
                    self._barrier.wait()
            return None  # forwarded
        return answer


def test_concurrent_updates_and_scales_lose_no_change(engine, names, tmp_path):
    name = names("race")
    docker_create(engine, name, "--replicas", "0", "--constraint", NEVER)
    upstream = urllib.parse.urlparse(engine.host).path
    racers = ("env", "label", "scale")
    gun = StartingGun(racers)
    # one proxy per racer: the engine's refusals are counted per racer
    with contextlib.ExitStack() as stack:
        proxies = {racer: stack.enter_context(RecordingProxy(
            upstream, str(tmp_path / f"{racer}.sock"), answer=gun.hold(racer))) for racer in racers}
        hosts = {racer: f"unix://{proxy.path}" for racer, proxy in proxies.items()}
        for round_ in range(ROUNDS):
            gun.next_round(armed=round_ % 2 == 0)  # every other round: as the racers come
            started = [
                _start(engine, "update", "-d", "--env-add", f"A{round_}={round_}", name,
                       host=hosts["env"]),
                _start(engine, "update", "-d", "--label-add", f"B{round_}={round_}", name,
                       host=hosts["label"]),
                _start(engine, "scale", "-d", f"{name}={round_ % 2}", host=hosts["scale"]),
            ]
            assert [_finish(racer) for racer in started] == [(0, "")] * 3
            assert _spec(engine, name)["Mode"]["Replicated"].get("Replicas", 0) == round_ % 2
    spec = _spec(engine, name)
    env = spec["TaskTemplate"]["ContainerSpec"].get("Env") or []
    assert sorted(env) == sorted(f"A{i}={i}" for i in range(ROUNDS))
    assert spec.get("Labels") == {f"B{i}": str(i) for i in range(ROUNDS)}
    # Not vacuous: in every armed round two of the three first writes were refused and
    # retried, and the scale lost to an update, and an update to the scale, in some rounds.
    refused = {racer: _out_of_sequence(proxy) for racer, proxy in proxies.items()}
    assert sum(refused.values()) >= 2 * (ROUNDS // 2), refused
    assert min(refused.values()) >= 1, refused


# -- a service that goes or comes between our decision and our request ------------------------

@pytest.fixture
def interloper(engine, tmp_path):
    """Run swarmctl or docker through a proxy where ``act(request)`` runs first for every
    write: (run, act setter); run(program, *args) gives (exit code, stderr)."""
    upstream = urllib.parse.urlparse(engine.host).path
    hooks = {}

    def answer(request):
        if request.method not in ("GET", "HEAD") and "act" in hooks:
            hooks["act"](request)
        return None  # always forwarded

    with RecordingProxy(upstream, str(tmp_path / "p.sock"), answer=answer) as proxy:
        def run(program, *args):
            env = cli_process_env(engine, f"unix://{proxy.path}")
            command = [program] if program == "docker" else [sys.executable, "-m", "swarmctl"]
            if program == "docker":
                command.append("service")
            result = subprocess.run([*command, *args], env=env, capture_output=True, text=True,
                                    timeout=60)
            return result.returncode, result.stderr

        yield run, (lambda act: hooks.__setitem__("act", act))


def test_rm_of_a_service_another_client_removes_meanwhile(engine, names, interloper):
    run, before_write = interloper
    before_write(lambda request: engine.docker(
        "service", "rm", urllib.parse.unquote(request.path.rsplit("/", 1)[1]), check=False))
    outcomes = {}
    for program in ("docker", "swarmctl"):
        name = names("gone")
        docker_create(engine, name, "--replicas", "0")
        code, stderr = run(program, "rm", name)
        outcomes[program] = (code, stderr.replace(name, "NAME"))
    assert outcomes["swarmctl"] == outcomes["docker"]
    assert outcomes["docker"][0] == 1 and "NAME" in outcomes["docker"][1]
    assert "Traceback" not in outcomes["swarmctl"][1]


def test_create_of_a_name_another_client_takes_meanwhile(engine, names, interloper):
    run, before_write = interloper

    def take_the_name(request):
        if request.path.endswith("/services/create"):
            name = json.loads(request.body)["Name"]
            docker_create(engine, name, "--replicas", "0")

    before_write(take_the_name)
    outcomes = {}
    for program in ("docker", "swarmctl"):
        name = names("taken")
        code, stderr = run(program, "create", "-d", "--no-resolve-image", "--replicas", "0",
                           "--name", name, IMAGE)
        outcomes[program] = (code, stderr.replace(name, "NAME"))
        # exactly one service of that name: the other client's
        listed = engine.docker("service", "ls", "-q", "--filter", f"name={name}").stdout.split()
        assert len(listed) == 1
    assert outcomes["swarmctl"] == outcomes["docker"]
    assert outcomes["docker"][0] == 1 and "already exists" in outcomes["docker"][1]
