"""Many services in one command (issue #14): inspect, ps, scale, rm, wait and restart send
their per-service requests side by side (``APIClient.concurrently``). With some services
missing and some failing, stdout, stderr and the exit code are docker's byte for byte
(``docker service ...`` on a twin set of services, names mapped), or, for swarmctl's own
commands, those of the one-by-one path; each comparison runs three times (ordering).

Services have ``--replicas 0`` (a global one is held by an unsatisfiable constraint): no
container ever starts.
"""
from __future__ import annotations

import re
import subprocess

import pytest

from swarmctl import constants
from tests.cli._readlab import docker_to_swarmctl
from tests.helpers import IMAGE, Outcome, cli_env, invoke

pytestmark = pytest.mark.engine

COUNT = 9  # replicated services per set: three rounds of rm take three each
ROUNDS = 3


def _create(engine, name, *flags):
    engine.docker("service", "create", "-d", "-q", "--no-resolve-image", "--name", name, *flags,
                  IMAGE, "sleep", "600")


@pytest.fixture(scope="module")
def twins(engine):
    """Two sets of like services, ``P-a-N`` for docker and ``P-b-N`` for swarmctl, plus a
    global service in each (scale refuses it)."""
    prefix = f"many-{subprocess.os.urandom(3).hex()}"
    made = []
    for side in ("a", "b"):
        for index in range(COUNT):
            name = f"{prefix}-{side}-{index}"
            _create(engine, name, "--replicas", "0")
            made.append(name)
        name = f"{prefix}-{side}-glob"
        _create(engine, name, "--mode", "global", "--constraint", "node.hostname==nosuchnode")
        made.append(name)
    try:
        yield prefix
    finally:
        engine.docker("service", "rm", *made, check=False)


def _docker(engine, *args):
    env = engine.env()
    env.pop("DOCKER_API_VERSION", None)
    result = subprocess.run(["docker", "service", *args], env=env, capture_output=True, text=True,
                            timeout=60)
    return Outcome(result.returncode, result.stdout, docker_to_swarmctl(result.stderr))


def _ours(engine, *args):
    return invoke(args, env=cli_env(engine))


def _as_side(args, prefix, side):
    return [re.sub(rf"^{prefix}-x-", f"{prefix}-{side}-", arg) for arg in args]


def _like_docker(engine, prefix, *args):
    """docker on side a, swarmctl on side b (``P-x-`` names either side); both outcomes with
    side b's names written as side a's."""
    theirs = _docker(engine, *_as_side(args, prefix, "a"))
    ours = _ours(engine, *_as_side(args, prefix, "b"))
    back = f"{prefix}-b-", f"{prefix}-a-"
    ours = Outcome(ours.code, ours.stdout.replace(*back), ours.stderr.replace(*back))
    return theirs, ours


def _one_by_one(monkeypatch, engine, *args):
    """swarmctl's outcome side by side (the default) and one by one."""
    together = _ours(engine, *args)
    with monkeypatch.context() as patch:
        patch.setattr(constants, "CONCURRENT_REQUESTS", 1)
        alone = _ours(engine, *args)
    return together, alone


def test_inspect_of_many_with_missing_ones_is_dockers(engine, twins):
    names = [f"{twins}-x-{i}" for i in range(COUNT)]
    mixed = [names[0], "nosuch-1", *names[1:5], f"{twins}-x-glob", "nosuch-2", *names[5:], "nosuch-3"]
    for _ in range(ROUNDS):
        for args in (mixed, ["--format", "{{.Spec.Name}} {{json .Spec.Mode}}", *mixed],
                     ["--pretty", *names[:4], "nosuch-4", *names[4:]]):
            theirs, ours = _like_docker(engine, twins, "inspect", *args)
            # IDs and times differ between the twins; names, order, errors and codes may not
            mask = re.compile(r'"(ID|CreatedAt|UpdatedAt)": "[^"]*"|"Index": \d+|'
                              r"^(ID|Created at|Updated at):.*$", re.M)
            assert (ours.code, mask.sub("", ours.stdout), ours.stderr) == \
                (theirs.code, mask.sub("", theirs.stdout), theirs.stderr)
            assert ours.code == 1 and "nosuch" in ours.stderr


def test_ps_of_many_with_missing_ones_is_dockers(engine, twins):
    args = ["--format", "{{.Name}} {{.DesiredState}} {{.Error}}", "nosuch-1",
            *[f"{twins}-x-{i}" for i in range(COUNT)], f"{twins}-x-glob", "nosuch-2"]
    for _ in range(ROUNDS):
        theirs, ours = _like_docker(engine, twins, "ps", *args)
        assert ours == theirs
        assert ours.code == 1


def test_scale_of_many_with_missing_and_failing_ones_is_dockers(engine, twins):
    for round_ in range(ROUNDS):
        args = ["-d", f"{twins}-x-0=0", "nosuch-1=2", f"{twins}-x-glob=2", f"{twins}-x-1=0",
                f"{twins}-x-2=bad", f"{twins}-x-3=0", f"{twins}-x-4=0", "nosuch-2=1",
                f"{twins}-x-3=0"]  # named twice: scaled twice, one after the other
        theirs, ours = _like_docker(engine, twins, "scale", *args)
        assert ours == theirs, round_
        assert ours.code == 1 and ours.stdout.count("scaled to") == 5


def test_rm_of_many_with_missing_and_repeated_ones_is_dockers(engine, twins):
    for round_ in range(ROUNDS):
        mine = [f"{twins}-x-{i}" for i in range(round_ * 3, round_ * 3 + 3)]
        for args in ([mine[0], "nosuch-1", mine[1], "nosuch-2"], [mine[2], mine[2]]):
            theirs, ours = _like_docker(engine, twins, "rm", *args)
            assert ours == theirs, round_
            assert ours.code == 1


def test_wait_and_restart_of_many_with_missing_ones_match_one_by_one(engine, unique_name, monkeypatch):
    names = [unique_name("many") for _ in range(4)]
    for name in names:
        _create(engine, name, "--replicas", "0")
    try:
        for _ in range(ROUNDS):
            for args in (["wait", names[0], "nosuch-1", *names[1:], "nosuch-2"],
                         ["restart", "-d", "nosuch-1", *names, "nosuch-2"]):
                together, alone = _one_by_one(monkeypatch, engine, *args)
                assert together == alone
                assert together.code == 1 and together.stdout == ""
                assert together.stderr.index("nosuch-1") < together.stderr.index("nosuch-2")
        together, alone = _one_by_one(monkeypatch, engine, "wait", *names)
        assert together == alone
        assert (together.code, together.stdout) == (0, "".join(f"{n}\n" for n in names))
    finally:
        engine.docker("service", "rm", *names, check=False)
