"""swarmctl export against the engine: fields only the API can set are named on stderr (exit
6), an unknown service among several is reported and the others still printed (exit 1).

The round trip of every create/update flag is in test_create_spec.py / test_update_spec.py
(``assert_round_trip``), on the services those differential cases already make.
"""
from __future__ import annotations

import shlex

import pytest
import yaml

from tests.cli.test_create_spec import stored_service
from tests.cli.test_update_spec import engine_post
from tests.helpers import IMAGE, NEVER, cli_env, invoke

pytestmark = pytest.mark.engine


@pytest.fixture
def api_service(engine, unique_name):
    """A service made through the API with fields no create flag sets."""
    name = unique_name("export-api")
    engine_post(engine, "/services/create", {
        "Name": name, "Labels": {},
        "TaskTemplate": {
            "ContainerSpec": {
                "Image": IMAGE, "Args": ["sleep", "600"], "Init": False, "DNSConfig": {},
                "OpenStdin": True,
                "Privileges": {"SELinuxContext": {"User": "system_u", "Role": "system_r"}},
                "Healthcheck": {"Test": ["CMD", "true"], "Retries": 2},
            },
            "Resources": {"Limits": {}, "Reservations": {}},
            "Placement": {"Constraints": [NEVER]},
        },
        "Mode": {"Replicated": {}}, "EndpointSpec": {"Mode": "vip"}})
    yield name
    engine.docker("service", "rm", name, check=False)


def test_api_only_fields_are_named_and_exit_6(engine, api_service):
    result = invoke(["export", api_service], env=cli_env(engine))
    assert result.code == 6, result.stderr
    prefix = f"{api_service}: no flag can express TaskTemplate.ContainerSpec."
    assert sorted(result.stderr.splitlines()) == [
        prefix + "Healthcheck.Test", prefix + "OpenStdin", prefix + "Privileges.SELinuxContext"]
    # Everything else still comes out: the retries, the constraint, image and args.
    words = shlex.split(result.stdout)
    assert words[:4] == ["swarmctl", "create", "--name", api_service]
    assert words[-3:] == [IMAGE, "sleep", "600"]
    assert "--health-retries" in words and NEVER in words
    stored = stored_service(engine, api_service)["Spec"]["TaskTemplate"]["ContainerSpec"]
    assert stored["Privileges"]["SELinuxContext"]["User"] == "system_u"


def test_compose_names_what_it_cannot_express_and_exits_6(engine, api_service):
    result = invoke(["export", "--format", "compose", api_service], env=cli_env(engine))
    assert result.code == 6, result.stderr
    prefix = f"{api_service}: compose cannot express "
    assert sorted(result.stderr.splitlines()) == [
        prefix + "TaskTemplate.ContainerSpec.Privileges.SELinuxContext.Role (no compose key "
                 "for it in docker stack deploy)",
        prefix + "TaskTemplate.ContainerSpec.Privileges.SELinuxContext.User (no compose key "
                 "for it in docker stack deploy)",
        prefix + "TaskTemplate.Networks (docker stack deploy attaches a service that names no "
                 "network to the stack's default network)"]
    # What compose can say comes out (OpenStdin and the CMD health check, which no create
    # flag sets, too).
    assert yaml.safe_load(result.stdout) == {"version": "3.9", "services": {api_service: {
        "image": IMAGE, "command": ["sleep", "600"], "isolation": "default", "init": False,
        "stdin_open": True,
        "healthcheck": {"test": ["CMD", "true"], "retries": 2},
        "deploy": {"replicas": 1, "placement": {"constraints": [NEVER]},
                   "endpoint_mode": "vip"}}}}, result.stdout


def test_compose_refuses_docker_before_asking_the_engine():
    # No engine at this address: the refusal comes first.
    result = invoke(["export", "--format", "compose", "--docker", "web"],
                    env={"DOCKER_HOST": "unix:///nonexistent/docker.sock", "DOCKER_CONTEXT": None})
    assert (result.code, result.stdout, result.stderr) == (
        125, "", "--docker cannot be used with --format compose\n")


def test_unknown_service_among_several(engine, unique_name):
    names = [unique_name("export-a"), unique_name("export-b")]
    for name in names:
        engine.docker("service", "create", "-d", "--no-resolve-image", "--constraint", NEVER,
                      "--name", name, IMAGE)
    try:
        missing = unique_name("export-nosuch")
        result = invoke(["export", "--docker", names[0], missing, names[1]], env=cli_env(engine))
        assert result.code == 1
        assert result.stderr == f"Error: no such service: {missing}\n"
        lines = result.stdout.splitlines()
        assert [shlex.split(line)[:5] for line in lines] == [
            ["docker", "service", "create", "--name", name] for name in names]
        # One compose file with the others, each once (by name and by ID), the error last.
        service_id = engine.docker("service", "inspect", "--format", "{{.ID}}",
                                   names[0]).stdout.strip()
        compose = invoke(["export", "--format", "compose", names[0], missing, names[1],
                          service_id], env=cli_env(engine))
        assert compose.code == 1
        assert list(yaml.safe_load(compose.stdout)["services"]) == names
        assert compose.stderr.splitlines()[-1] == f"Error: no such service: {missing}"
    finally:
        engine.docker("service", "rm", *names, check=False)
