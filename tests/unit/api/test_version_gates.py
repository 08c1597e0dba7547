"""API version handling of APIClient: negotiation, and the gates that refuse a call or an
argument the negotiated version cannot carry, before anything is sent."""
from __future__ import annotations

import pytest

from swarmctl import constants, errors
from swarmctl.client import DockerClient
from swarmctl.types import (
    ContainerSpec,
    EndpointSpec,
    Placement,
    Resources,
    RollbackConfig,
    TaskTemplate,
    UpdateConfig,
)
from tests.helpers import IMAGE
from tests.unit.fake_engine import FAKE_HOST


def _template(**container):
    return TaskTemplate(ContainerSpec(IMAGE, **container))


# -- negotiation --------------------------------------------------------------------------------

@pytest.mark.parametrize("version", [None, "auto", "AUTO"])
def test_auto_takes_the_engine_version_when_it_is_older(fake_engine, version):
    fake_engine.api_version = "1.41"
    client = fake_engine.api_client(version=version)
    assert client.api_version == "1.41"
    # one unversioned GET /version, nothing else
    assert fake_engine.routes == [("GET", "/version")]


def test_auto_stays_at_our_maximum_when_the_engine_is_newer(fake_engine):
    fake_engine.api_version = "1.99"
    assert fake_engine.api_client(version="auto").api_version == constants.DEFAULT_DOCKER_API_VERSION


def test_explicit_version_is_used_without_asking(fake_engine):
    client = fake_engine.api_client(version="1.30")
    assert client.api_version == "1.30"
    assert fake_engine.sent == []
    fake_engine.reply("GET", "/v1.30/services", [])
    client.services()
    assert fake_engine.routes == [("GET", "/v1.30/services")]


def test_negotiation_without_api_version_is_refused(fake_engine):
    fake_engine.reply("GET", "/version", {"Version": "27.0"})
    with pytest.raises(errors.DockerException, match='key "ApiVersion" is missing'):
        fake_engine.api_client(version=None)


def test_negotiation_error_answer_is_wrapped(fake_engine):
    fake_engine.error("GET", "/version", 500, "boom")
    with pytest.raises(errors.DockerException, match="Error while fetching server API version: .*boom"):
        fake_engine.api_client(version=None)


@pytest.mark.parametrize("version", ["1.23", "1.12"])
def test_versions_below_the_minimum_are_refused(fake_engine, version):
    with pytest.raises(errors.InvalidVersion,
                       match="API versions below 1.24 are no longer supported by this library."):
        fake_engine.api_client(version=version)
    assert fake_engine.sent == []


def test_non_string_version_is_refused(fake_engine):
    with pytest.raises(errors.DockerException, match="Version parameter must be a string or None. Found float"):
        fake_engine.api_client(version=1.41)


def test_from_env_takes_docker_api_version_without_asking():
    client = DockerClient.from_env(environment={"DOCKER_HOST": FAKE_HOST, "DOCKER_API_VERSION": "1.30"})
    try:
        assert client.api.api_version == "1.30"
    finally:
        client.close()


def test_from_env_version_argument_wins_over_the_environment():
    client = DockerClient.from_env(environment={"DOCKER_HOST": FAKE_HOST, "DOCKER_API_VERSION": "1.30"},
                                   version="1.35")
    try:
        assert client.api.api_version == "1.35"
    finally:
        client.close()


# -- gates on whole methods (docker-py's minimum_version wording) --------------------------------

METHOD_GATES = [
    # (version just below, version that passes, call, (method, path) once allowed, message)
    ("1.24", "1.25", lambda c: list(c.service_logs("svc1", stdout=True, is_tty=False)),
     ("GET", "/services/svc1/logs"), "service_logs is not available for version < 1.25"),
    ("1.28", "1.29", lambda c: list(c.task_logs("task1", stdout=True, is_tty=False)),
     ("GET", "/tasks/task1/logs"), "task_logs is not available for version < 1.29"),
    ("1.24", "1.25", lambda c: c.secrets(), ("GET", "/secrets"),
     "secrets is not available for version < 1.25"),
    ("1.24", "1.25", lambda c: c.remove_secret("s1"), ("DELETE", "/secrets/s1"),
     "remove_secret is not available for version < 1.25"),
    ("1.29", "1.30", lambda c: c.inspect_config("c1"), ("GET", "/configs/c1"),
     "inspect_config is not available for version < 1.30"),
    ("1.29", "1.30", lambda c: c.remove_config("c1"), ("DELETE", "/configs/c1"),
     "remove_config is not available for version < 1.30"),
]


@pytest.mark.parametrize("below, minimum, call, route, message", METHOD_GATES)
def test_method_gate(fake_engine, below, minimum, call, route, message):
    with pytest.raises(errors.InvalidVersion) as info:
        call(fake_engine.api_client(version=below))
    assert str(info.value) == message
    assert fake_engine.sent == []
    # at the minimum version the call goes out (an empty log stream, list or answer)
    method, path = route
    answer = b"{}" if method == "GET" and not path.endswith("/logs") else b""
    fake_engine.reply(method, f"/v{minimum}{path}", raw=answer)
    call(fake_engine.api_client(version=minimum))
    assert fake_engine.routes == [(method, f"/v{minimum}{path}")]


# -- gates on arguments ------------------------------------------------------------------------

ARGUMENT_GATES = [
    # (version refused, call, message) -- each raises before any request
    ("1.40", lambda c: c.services(status=True), "status is not supported in API version < 1.41"),
    ("1.28", lambda c: c.inspect_service("svc1", insert_defaults=True),
     "insert_defaults is not supported in API version < 1.29"),
    ("1.37", lambda c: c.create_service(_template(init=True)),
     "ContainerSpec.init is not supported in API version < 1.38"),
    ("1.34", lambda c: c.create_service(_template(isolation="default")),
     "ContainerSpec.isolation is not supported in API version < 1.35"),
    ("1.29", lambda c: c.create_service(_template(configs=[{"ConfigID": "c", "ConfigName": "c"}])),
     "ContainerSpec.configs is not supported in API version < 1.30"),
    ("1.27", lambda c: c.create_service(_template(read_only=True)),
     "ContainerSpec.read_only is not supported in API version < 1.28"),
    ("1.24", lambda c: c.create_service(_template(tty=True)),
     "ContainerSpec.tty is not supported in API version < 1.25"),
    ("1.24", lambda c: c.create_service(_template(hostname="h")),
     "ContainerSpec.hostname is not supported in API version < 1.25"),
    ("1.24", lambda c: c.create_service(_template(), update_config=UpdateConfig(monitor=10)),
     "update_config.monitor is not supported in API version < 1.25"),
    ("1.24", lambda c: c.create_service(_template(), update_config=UpdateConfig(max_failure_ratio=0.5)),
     "update_config.max_failure_ratio is not supported in API version < 1.25"),
    ("1.28", lambda c: c.create_service(_template(), update_config=UpdateConfig(order="start-first")),
     "update_config.order is not supported in API version < 1.29"),
    ("1.27", lambda c: c.create_service(_template(), update_config=UpdateConfig(failure_action="rollback")),
     "update_config.failure_action rollback is not supported in API version < 1.28"),
    ("1.27", lambda c: c.create_service(_template(), rollback_config=RollbackConfig(parallelism=1)),
     "rollback_config is not supported in API version < 1.28"),
    ("1.31", lambda c: c.create_service(_template(), endpoint_spec=EndpointSpec(
        ports={8080: (80, "tcp", "host")})),
     "EndpointSpec.Ports[].PublishMode is not supported in API version < 1.32"),
    ("1.29", lambda c: c.create_service(TaskTemplate(
        ContainerSpec(IMAGE), placement=Placement(platforms=[("x86_64", "linux")]))),
     "Placement.platforms is not supported in API version < 1.30"),
    ("1.26", lambda c: c.create_service(TaskTemplate(
        ContainerSpec(IMAGE), placement=Placement(preferences=[("spread", "node.labels.z")]))),
     "Placement.preferences is not supported in API version < 1.27"),
    ("1.31", lambda c: c.create_service(TaskTemplate(
        ContainerSpec(IMAGE), resources=Resources(generic_resources={"gpu": 2}))),
     "Resources.generic_resources is not supported in API version < 1.32"),
    ("1.24", lambda c: c.update_service("svc1", 3, task_template=TaskTemplate(
        ContainerSpec(IMAGE), force_update=1)),
     "force_update is not supported in API version < 1.25"),
    ("1.37", lambda c: c.update_service("svc1", 3, task_template=_template(init=True),
                                        fetch_current_spec=True),
     "ContainerSpec.init is not supported in API version < 1.38"),
]


@pytest.mark.parametrize("version, call, message", ARGUMENT_GATES)
def test_argument_gate_refuses_before_any_request(fake_engine, version, call, message):
    with pytest.raises(errors.InvalidVersion) as info:
        call(fake_engine.api_client(version=version))
    assert str(info.value) == message
    assert fake_engine.sent == []


def test_argument_gates_let_the_minimum_version_through(fake_engine):
    fake_engine.reply("POST", "/v1.38/services/create", {"ID": "new1"})
    client = fake_engine.api_client(version="1.38")
    assert client.create_service(_template(init=True, isolation="default")) == {"ID": "new1"}
    fake_engine.reply("GET", "/v1.41/services", [])
    assert fake_engine.api_client(version="1.41").services(status=True) == []
    assert fake_engine.sent[-1].param("status") == "True"
