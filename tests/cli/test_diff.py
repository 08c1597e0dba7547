"""swarmctl diff against the engine: two services' stored specs (the Name left out), a
service's PreviousSpec against its Spec (the same lines update --dry-run printed before the
update), and the exit codes: 0 equal, 1 different, 2 an error (one line on stderr).

Services are created with the Docker CLI under a constraint no node satisfies: no task ever
starts, so nothing here waits.
"""
from __future__ import annotations

import pytest

from tests.helpers import NEVER, docker_create, invoke

pytestmark = pytest.mark.engine

UPDATE_CONFIG = ('{"Parallelism": 1, "Delay": 5000000000, "FailureAction": "pause", '
                 '"Monitor": 5000000000, "MaxFailureRatio": 0, "Order": "stop-first"}')


@pytest.fixture
def run(engine):
    env = {"DOCKER_HOST": engine.host, "DOCKER_CONTEXT": None, "NO_COLOR": "1",
           "DOCKER_API_VERSION": None}
    return lambda *args: invoke(args, env=env)


@pytest.fixture
def services(engine, unique_name):
    """Three services: ``same`` made with the flags of ``base``, ``other`` with more."""
    made = {"base": unique_name("diff-base"), "same": unique_name("diff-same"),
            "other": unique_name("diff-other")}
    try:
        for key in ("base", "same"):
            docker_create(engine, made[key], "--constraint", NEVER, "--env", "A=1")
        docker_create(engine, made["other"], "--constraint", NEVER, "--env", "A=1",
                      "--env", "B=2", "--replicas", "2", "--label", "tier=web",
                      "--update-delay", "5s")
        yield made
    finally:
        engine.docker("service", "rm", *made.values(), check=False)


def test_two_services_with_the_same_flags_are_equal(run, services):
    result = run("diff", services["base"], services["same"])
    assert (result.code, result.stdout, result.stderr) == (0, "", "")


def test_two_different_services_show_each_field_and_exit_1(run, services):
    result = run("diff", services["base"], services["other"])
    assert (result.code, result.stderr) == (1, ""), result.stderr
    assert result.stdout.splitlines() == [
        '+ Labels.tier: "web"',
        '+ TaskTemplate.ContainerSpec.Env[1]: "B=2"',
        "~ Mode.Replicated.Replicas: 1 -> 2",
        # create sends the whole group as soon as one of its flags is given
        "+ UpdateConfig: " + UPDATE_CONFIG,
    ]
    # The other way round: the same fields, the other way.
    back = run("diff", services["other"], services["base"])
    assert back.code == 1
    assert back.stdout.splitlines() == [
        '- Labels.tier: "web"',
        '- TaskTemplate.ContainerSpec.Env[1]: "B=2"',
        "~ Mode.Replicated.Replicas: 2 -> 1",
        "- UpdateConfig: " + UPDATE_CONFIG,
    ]


def test_previous_shows_what_the_last_update_changed(run, services):
    name = services["base"]
    flags = ["--env-add", "C=3", "--env-rm", "A", "--replicas", "3", "--label-add", "x=y"]
    planned = run("update", "--dry-run", *flags, name)
    assert planned.code == 1, planned.stderr
    updated = run("update", "-d", *flags, name)
    assert updated.code == 0, updated.stderr
    result = run("diff", "--previous", name)
    assert (result.code, result.stderr) == (1, ""), result.stderr
    # update --dry-run's lines, then its rolling-update summary, which diff does not print.
    assert result.stdout.splitlines() == planned.stdout.splitlines()[:-1]
    assert result.stdout.splitlines() == [
        '+ Labels.x: "y"',
        '~ TaskTemplate.ContainerSpec.Env[0]: "A=1" -> "C=3"',
        "~ Mode.Replicated.Replicas: 1 -> 3",
    ]
    # An update that changes nothing leaves a PreviousSpec equal to the Spec.
    again = run("update", "-d", name)
    assert again.code == 0, again.stderr
    assert run("diff", "--previous", name).code == 0


@pytest.mark.parametrize("args, message", [
    (["diff", "{base}", "nope-{base}"], "Error: no such service: nope-{base}"),
    (["diff", "nope-{base}", "{base}"], "Error: no such service: nope-{base}"),
    (["diff", "--previous", "{same}"],
     "service {same} has no previous spec: it has not been updated since it was created"),
    (["diff", "--previous", "nope-{base}"], "Error: no such service: nope-{base}"),
], ids=["unknown-second", "unknown-first", "never-updated", "previous-unknown"])
def test_errors_are_one_line_and_exit_2(run, services, args, message):
    result = run(*(arg.format(**services) for arg in args))
    assert (result.code, result.stdout, result.stderr) == (2, "", message.format(**services) + "\n")
