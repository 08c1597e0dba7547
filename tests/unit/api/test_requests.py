"""What APIClient sends: method, versioned path, query, JSON body and headers of each call,
and what it makes of the answer."""
from __future__ import annotations

import base64
import json

import pytest

from swarmctl import auth, constants, errors
from swarmctl.types import ContainerSpec, EndpointSpec, ServiceMode, TaskTemplate, UpdateConfig
from tests.helpers import IMAGE
from tests.unit.fake_engine import frame, service_json

SLEEPER = {"Image": IMAGE, "Command": ["sleep", "600"], "Args": None}


def _template():
    return TaskTemplate(ContainerSpec(IMAGE, command=["sleep", "600"]))


def _filters(sent):
    return json.loads(sent.param("filters"))


# -- every request ------------------------------------------------------------------------------

def test_user_agent_and_versioned_url(fake_engine):
    fake_engine.reply("GET", "/v1.41/info", {"Swarm": {}})
    assert fake_engine.api_client().info() == {"Swarm": {}}
    sent = fake_engine.sent[0]
    assert sent.headers["User-Agent"] == constants.DEFAULT_USER_AGENT == "swarmctl/0.1.0"
    assert sent.query == {}


@pytest.mark.parametrize("call, route", [
    (lambda c: c.version(), ("GET", "/v1.41/version")),
    (lambda c: c.version(api_version=False), ("GET", "/version")),
    (lambda c: c.inspect_swarm(), ("GET", "/v1.41/swarm")),
    (lambda c: c.inspect_container("c1"), ("GET", "/v1.41/containers/c1/json")),
    (lambda c: c.inspect_task("t1"), ("GET", "/v1.41/tasks/t1")),
    (lambda c: c.inspect_node("n1"), ("GET", "/v1.41/nodes/n1")),
    (lambda c: c.inspect_secret("s1"), ("GET", "/v1.41/secrets/s1")),
    (lambda c: c.inspect_config({"ID": "c1"}), ("GET", "/v1.41/configs/c1")),
    (lambda c: c.inspect_service("web"), ("GET", "/v1.41/services/web")),
    (lambda c: c.inspect_service({"ID": "svc1"}), ("GET", "/v1.41/services/svc1")),
    (lambda c: c.inspect_service(service="svc1"), ("GET", "/v1.41/services/svc1")),
    # arguments are quoted into the path; '/' and ':' are kept (image references)
    (lambda c: c.inspect_service("a b"), ("GET", "/v1.41/services/a%20b")),
    (lambda c: c.inspect_distribution("example.com:5000/app:1"),
     ("GET", "/v1.41/distribution/example.com:5000/app:1/json")),
])
def test_lookup_paths(fake_engine, call, route):
    fake_engine.reply(*route, {"ID": "x"})
    assert call(fake_engine.api_client()) == {"ID": "x"}
    assert fake_engine.routes == [route]


@pytest.mark.parametrize("call", [
    lambda c: c.inspect_service(None),
    lambda c: c.inspect_service(""),
    lambda c: c.remove_service({"Name": "no id"}),
    lambda c: c.update_service(None, 1),
    lambda c: c.inspect_task(None),
])
def test_missing_resource_id_is_refused_locally(fake_engine, call):
    with pytest.raises(errors.NullResource, match="Resource ID was not provided"):
        call(fake_engine.api_client())
    assert fake_engine.sent == []


def test_ping(fake_engine):
    fake_engine.reply("GET", "/v1.41/_ping", text="OK")
    assert fake_engine.api_client().ping() is True


# -- create_service ------------------------------------------------------------------------------

def test_create_service_body(fake_engine):
    fake_engine.reply("POST", "/v1.41/services/create", {"ID": "new1", "Warnings": None})
    answer = fake_engine.api_client().create_service(
        _template(), name="web", labels={"a": "b"}, mode=ServiceMode("replicated", 2),
        update_config=UpdateConfig(parallelism=2), endpoint_spec=EndpointSpec(ports={8080: 80}),
        networks=["front"])
    assert answer == {"ID": "new1", "Warnings": None}
    sent = fake_engine.sent[0]
    assert (sent.method, sent.path, sent.query) == ("POST", "/v1.41/services/create", {})
    assert sent.headers["Content-Type"] == "application/json"
    assert "X-Registry-Auth" not in sent.headers  # no credentials configured
    assert sent.json == {
        "Name": "web",
        "Labels": {"a": "b"},
        "TaskTemplate": {"ContainerSpec": SLEEPER},  # nested None is sent as null
        "Mode": {"replicated": {"Replicas": 2}},
        "Networks": [{"Target": "front"}],
        "EndpointSpec": {"Ports": [{"Protocol": "tcp", "PublishedPort": 8080, "TargetPort": 80}]},
        "UpdateConfig": {"Parallelism": 2, "FailureAction": "continue"},
    }


def test_create_service_drops_top_level_nones(fake_engine):
    fake_engine.reply("POST", "/v1.41/services/create", {"ID": "new1"})
    fake_engine.api_client().create_service(_template())
    assert fake_engine.sent[0].json == {"TaskTemplate": {"ContainerSpec": SLEEPER}}


@pytest.mark.parametrize("mode, sent", [
    ("global", {"global": {}}),
    ("replicated", {"replicated": {}}),
    ({"Replicated": {"Replicas": 0}}, {"Replicated": {"Replicas": 0}}),  # a dict goes as given
])
def test_create_service_mode(fake_engine, mode, sent):
    fake_engine.reply("POST", "/v1.41/services/create", {"ID": "new1"})
    fake_engine.api_client().create_service(_template(), mode=mode)
    assert fake_engine.sent[0].json["Mode"] == sent


def test_create_service_without_image_is_refused_locally(fake_engine):
    with pytest.raises(errors.DockerException, match="Missing mandatory Image key in ContainerSpec"):
        fake_engine.api_client().create_service({"ContainerSpec": {}})
    assert fake_engine.sent == []


def test_create_service_before_1_25_sends_networks_at_the_top(fake_engine):
    fake_engine.reply("POST", "/v1.24/services/create", {"ID": "new1"})
    template = TaskTemplate(ContainerSpec(IMAGE), networks=["front"])
    fake_engine.api_client(version="1.24").create_service(template)
    body = fake_engine.sent[0].json
    assert body["Networks"] == [{"Target": "front"}]
    assert "Networks" not in body["TaskTemplate"]


REGISTRY_AUTH = {"username": "u", "password": "p", "serveraddress": "https://index.docker.io/v1/"}


@pytest.mark.parametrize("registry_auth, header", [
    (False, None),
    (None, None),  # looked up in the (empty) config file
    (REGISTRY_AUTH, auth.encode_header(REGISTRY_AUTH)),
    ("e30=", "e30="),
    (b"e30=", "e30="),
])
def test_create_service_registry_auth_header(fake_engine, registry_auth, header):
    fake_engine.reply("POST", "/v1.41/services/create", {"ID": "new1"})
    fake_engine.api_client().create_service(_template(), registry_auth=registry_auth)
    assert fake_engine.sent[0].headers.get("X-Registry-Auth") == header


def test_registry_auth_header_is_base64url_of_compact_json():
    encoded = auth.encode_header({"username": "u?>", "password": "p"})
    assert base64.urlsafe_b64decode(encoded) == b'{"username":"u?>","password":"p"}'


def test_registry_auth_from_the_config_file(fake_engine, tmp_path, monkeypatch):
    config = tmp_path / "with-creds"
    config.mkdir()
    token = base64.b64encode(b"me:secret").decode()
    (config / "config.json").write_text(json.dumps({"auths": {"registry.example:5000": {"auth": token}}}))
    monkeypatch.setenv("DOCKER_CONFIG", str(config))
    fake_engine.reply("POST", "/v1.41/services/create", {"ID": "new1"})
    template = TaskTemplate(ContainerSpec("registry.example:5000/app:1"))
    fake_engine.api_client().create_service(template)
    header = json.loads(base64.urlsafe_b64decode(fake_engine.sent[0].headers["X-Registry-Auth"]))
    assert (header["username"], header["password"]) == ("me", "secret")


# -- inspect / remove / list -------------------------------------------------------------------

@pytest.mark.parametrize("version, insert_defaults, query", [
    ("1.41", None, {}),
    ("1.41", True, {"insertDefaults": ["True"]}),
    ("1.41", False, {"insertDefaults": ["False"]}),
    ("1.29", False, {"insertDefaults": ["False"]}),
])
def test_inspect_service_insert_defaults(fake_engine, version, insert_defaults, query):
    fake_engine.reply("GET", f"/v{version}/services/svc1", service_json())
    client = fake_engine.api_client(version=version)
    assert client.inspect_service("svc1", insert_defaults=insert_defaults) == service_json()
    assert fake_engine.sent[0].query == query


def test_remove_service(fake_engine):
    fake_engine.reply("DELETE", "/v1.41/services/svc1", raw=b"", status=200)
    assert fake_engine.api_client().remove_service({"ID": "svc1"}) is True
    assert fake_engine.routes == [("DELETE", "/v1.41/services/svc1")]


@pytest.mark.parametrize("kwargs, query", [
    ({}, {}),
    ({"filters": {}}, {}),
    ({"filters": {"name": "web"}}, {"filters": ['{"name": ["web"]}']}),
    ({"filters": {"label": ["a=b", "c"], "id": "svc1"}},
     {"filters": ['{"label": ["a=b", "c"], "id": ["svc1"]}']}),
    ({"status": True}, {"status": ["True"]}),
])
def test_services_query(fake_engine, kwargs, query):
    fake_engine.reply("GET", "/v1.41/services", [service_json()])
    assert fake_engine.api_client().services(**kwargs) == [service_json()]
    assert fake_engine.sent[0].query == query


@pytest.mark.parametrize("filters, query", [
    (None, {}),
    ({"service": "web", "desired-state": "running"},
     {"filters": ['{"service": ["web"], "desired-state": ["running"]}']}),
])
def test_tasks_query(fake_engine, filters, query):
    fake_engine.reply("GET", "/v1.41/tasks", [])
    assert fake_engine.api_client().tasks(filters=filters) == []
    assert fake_engine.sent[0].query == query


def test_lookup_filters(fake_engine):
    client = fake_engine.api_client()
    for path in ("/v1.41/nodes", "/v1.41/networks", "/v1.41/secrets", "/v1.41/configs"):
        fake_engine.reply("GET", path, [])
    client.nodes(filters={"role": "manager"})
    client.networks(names=["ingress"], ids=["n1"])
    client.secrets(filters={"name": "s"})
    client.configs()
    assert [(s.path, s.query.get("filters")) for s in fake_engine.sent] == [
        ("/v1.41/nodes", ['{"role": ["manager"]}']),
        ("/v1.41/networks", ['{"name": ["ingress"], "id": ["n1"]}']),
        ("/v1.41/secrets", ['{"name": ["s"]}']),
        ("/v1.41/configs", None),
    ]


def test_inspect_network_query(fake_engine):
    fake_engine.reply("GET", "/v1.41/networks/ingress", {"Name": "ingress"})
    fake_engine.api_client().inspect_network("ingress", scope="swarm", verbose=True)
    assert fake_engine.sent[0].query == {"scope": ["swarm"], "verbose": ["True"]}


def test_create_secret_and_config_bodies(fake_engine):
    fake_engine.reply("POST", "/v1.41/secrets/create", {"ID": "s1"})
    fake_engine.reply("POST", "/v1.41/configs/create", {"ID": "c1"})
    client = fake_engine.api_client()
    assert client.create_secret("pw", "s3cr3t", labels={"k": "v"}) == {"ID": "s1"}
    assert client.create_config("cfg", b"\x00bin") == {"ID": "c1"}
    assert fake_engine.sent[0].json == {"Data": base64.b64encode(b"s3cr3t").decode(), "Name": "pw",
                                        "Labels": {"k": "v"}}
    assert fake_engine.sent[1].json == {"Data": base64.b64encode(b"\x00bin").decode(), "Name": "cfg"}


# -- update_service ----------------------------------------------------------------------------

STORED = service_json(
    "svc1", 7, name="web", Labels={"keep": "me"},
    TaskTemplate={"ContainerSpec": {"Image": IMAGE, "Args": ["sleep", "600"], "Env": ["A=1"]},
                  "Networks": [{"Target": "front"}], "ForceUpdate": 2},
    EndpointSpec={"Mode": "vip"},
)


def test_update_service_without_fetch_sends_only_what_is_given(fake_engine):
    fake_engine.reply("POST", "/v1.41/services/svc1/update", {"Warnings": None})
    answer = fake_engine.api_client().update_service("svc1", 7, task_template=_template(), name="web")
    assert answer == {"Warnings": None}
    sent = fake_engine.sent[0]
    assert fake_engine.routes == [("POST", "/v1.41/services/svc1/update")]
    assert sent.query == {"version": ["7"]}
    assert "X-Registry-Auth" not in sent.headers  # updates send credentials only when asked
    assert sent.json == {"Name": "web", "TaskTemplate": {"ContainerSpec": {
        "Image": IMAGE, "Command": ["sleep", "600"]}}}  # None keys are not merged in


def test_update_service_fetch_merges_into_the_stored_spec(fake_engine):
    fake_engine.reply("GET", "/v1.41/services/svc1", STORED)
    fake_engine.reply("POST", "/v1.41/services/svc1/update", {"Warnings": None})
    fake_engine.api_client().update_service(
        "svc1", 7, labels={"new": "1"},
        task_template=TaskTemplate(ContainerSpec(IMAGE, env=["B=2"])),
        fetch_current_spec=True)
    read, update = fake_engine.sent
    # the stored spec, read without the engine's display defaults
    assert (read.method, read.path, read.query) == ("GET", "/v1.41/services/svc1",
                                                    {"insertDefaults": ["False"]})
    assert update.query == {"version": ["7"]}
    assert update.json == {
        "Name": "web",
        "Labels": {"new": "1"},
        "Mode": {"Replicated": {"Replicas": 1}},
        "TaskTemplate": {
            "ContainerSpec": {"Image": IMAGE, "Args": ["sleep", "600"], "Env": ["B=2"]},
            "Networks": [{"Target": "front"}],
            "ForceUpdate": 2,
        },
        "EndpointSpec": {"Mode": "vip"},
    }


def test_update_service_fetch_before_1_29_reads_without_the_query(fake_engine):
    fake_engine.reply("GET", "/v1.28/services/svc1", STORED)
    fake_engine.reply("POST", "/v1.28/services/svc1/update", {})
    fake_engine.api_client(version="1.28").update_service("svc1", 7, labels={}, fetch_current_spec=True)
    assert fake_engine.sent[0].query == {}


@pytest.mark.parametrize("version, networks_at", [("1.41", "TaskTemplate"), ("1.24", "top")])
def test_update_service_networks(fake_engine, version, networks_at):
    fake_engine.reply("POST", f"/v{version}/services/svc1/update", {})
    fake_engine.api_client(version=version).update_service(
        "svc1", 7, task_template=TaskTemplate(ContainerSpec(IMAGE)), networks=["back"])
    body = fake_engine.sent[0].json
    where = body["TaskTemplate"] if networks_at == "TaskTemplate" else body
    assert where["Networks"] == [{"Target": "back"}]


@pytest.mark.parametrize("kwargs, query, header", [
    ({"rollback": "previous"}, {"version": ["7"], "rollback": ["previous"]}, None),
    ({"registry_auth_from": "spec"}, {"version": ["7"], "registryAuthFrom": ["spec"]}, None),
    ({"registry_auth": REGISTRY_AUTH}, {"version": ["7"]}, auth.encode_header(REGISTRY_AUTH)),
])
def test_update_service_extension_arguments(fake_engine, kwargs, query, header):
    fake_engine.reply("POST", "/v1.41/services/svc1/update", {})
    fake_engine.api_client().update_service("svc1", 7, task_template=_template(), **kwargs)
    assert fake_engine.sent[0].query == query
    assert fake_engine.sent[0].headers.get("X-Registry-Auth") == header


def test_update_service_spec_posts_the_spec_as_given(fake_engine):
    fake_engine.reply("POST", "/v1.41/services/svc1/update", {"Warnings": None})
    spec = dict(STORED["Spec"], Labels=None)
    fake_engine.api_client().update_service_spec("svc1", 7, spec, rollback="previous")
    sent = fake_engine.sent[0]
    assert sent.query == {"version": ["7"], "rollback": ["previous"]}
    assert sent.json == {k: v for k, v in spec.items() if v is not None}


# -- logs --------------------------------------------------------------------------------------

LOG_STREAM = frame(1, b"out-1\n") + frame(2, b"err-1\n") + frame(1, b"out-2\n")


def test_service_logs_query_and_demuxing(fake_engine):
    fake_engine.reply("GET", "/v1.41/services/svc1/logs", raw=LOG_STREAM)
    client = fake_engine.api_client()
    chunks = list(client.service_logs("svc1", stdout=True, stderr=True, tail=2, is_tty=False))
    assert chunks == [b"out-1\n", b"err-1\n", b"out-2\n"]
    sent = fake_engine.sent[0]
    assert sent.query == {"details": ["False"], "follow": ["False"], "stdout": ["True"],
                          "stderr": ["True"], "since": ["0"], "timestamps": ["False"], "tail": ["2"]}
    assert sent.stream is True and sent.timeout == client.timeout
    pairs = list(client.service_logs("svc1", stdout=True, stderr=True, is_tty=False, demux=True))
    assert pairs == [(b"out-1\n", None), (None, b"err-1\n"), (b"out-2\n", None)]


def test_service_logs_asks_the_spec_for_tty_first(fake_engine):
    tty_service = service_json(TaskTemplate={"ContainerSpec": {"Image": IMAGE, "TTY": True}})
    fake_engine.reply("GET", "/v1.41/services/svc1", tty_service)
    fake_engine.reply("GET", "/v1.41/services/svc1/logs", raw=b"raw tty bytes\r\n")
    assert list(fake_engine.api_client().service_logs("svc1", stdout=True)) == [b"raw tty bytes\r\n"]
    assert fake_engine.routes == [("GET", "/v1.41/services/svc1"), ("GET", "/v1.41/services/svc1/logs")]


def test_following_logs_has_no_read_timeout(fake_engine):
    fake_engine.reply("GET", "/v1.41/services/svc1/logs", raw=b"")
    client = fake_engine.api_client(timeout=12)
    list(client.service_logs("svc1", stdout=True, follow=True, is_tty=False))
    assert fake_engine.sent[0].timeout == (12, None)
    assert fake_engine.sent[0].param("follow") == "True"


def test_task_logs(fake_engine):
    fake_engine.reply("GET", "/v1.41/tasks/t1", {"ID": "t1", "Spec": {"ContainerSpec": {"Image": IMAGE}}})
    fake_engine.reply("GET", "/v1.41/tasks/t1/logs", raw=frame(2, b"oops\n"))
    assert list(fake_engine.api_client().task_logs("t1", stderr=True, demux=True)) == [(None, b"oops\n")]
    assert fake_engine.routes == [("GET", "/v1.41/tasks/t1"), ("GET", "/v1.41/tasks/t1/logs")]


@pytest.mark.parametrize("kwargs, query", [
    ({}, {"stdout": ["1"], "stderr": ["1"], "tail": ["all"]}),
    ({"stderr": False, "follow": True, "timestamps": True, "since": "1700000000.5", "tail": "10"},
     {"stdout": ["1"], "timestamps": ["1"], "follow": ["1"], "since": ["1700000000.5"], "tail": ["10"]}),
    ({"details": True, "since": ""}, {"stdout": ["1"], "stderr": ["1"], "details": ["1"], "tail": ["all"]}),
])
def test_log_chunks_query_is_the_docker_clis(fake_engine, kwargs, query):
    fake_engine.reply("GET", "/v1.41/services/web/logs", raw=LOG_STREAM)
    client = fake_engine.api_client(timeout=9)
    assert b"".join(client.log_chunks("services", "web", **kwargs)) == LOG_STREAM
    assert fake_engine.sent[0].query == query
    assert fake_engine.sent[0].timeout == (9, None)


def test_log_chunks_kind_is_checked(fake_engine):
    with pytest.raises(ValueError, match="kind must be 'services' or 'tasks', not 'nodes'"):
        fake_engine.api_client().log_chunks("nodes", "n1")


# -- dry runs ----------------------------------------------------------------------------------

def test_writes_intercepted_sends_reads_and_stops_writes(fake_engine):
    fake_engine.reply("GET", "/v1.41/services/svc1", STORED)
    client = fake_engine.api_client()
    with client.writes_intercepted():
        with pytest.raises(errors.WriteIntercepted) as info:
            client.update_service("svc1", 7, labels={"x": "1"}, fetch_current_spec=True)
    assert fake_engine.routes == [("GET", "/v1.41/services/svc1")]
    intercepted = info.value
    assert (intercepted.method, intercepted.url) == (
        "POST", "http+docker://localhost/v1.41/services/svc1/update")
    assert intercepted.params == {"version": 7}
    assert intercepted.body["Labels"] == {"x": "1"}
    # outside the block writes go out again
    fake_engine.reply("DELETE", "/v1.41/services/svc1", raw=b"")
    assert client.remove_service("svc1") is True
