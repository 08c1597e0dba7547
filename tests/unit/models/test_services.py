"""client.services and Service over the fake engine: the requests each call makes, and
swarmctl's fixes of docker-py traps (no engine defaults written back, one retry after
"update out of sequence")."""
from __future__ import annotations

import copy

import pytest

from swarmctl import errors
from swarmctl.models.services import Service
from swarmctl.types import ServiceMode
from tests.helpers import IMAGE
from tests.unit.fake_engine import frame, service_json

OUT_OF_SEQUENCE = "rpc error: code = Unknown desc = update out of sequence"

# As stored (insertDefaults=false): no UpdateConfig, no RestartPolicy, no StopGracePeriod.
STORED = service_json(
    "svc1", 7, name="web", Labels={"keep": "me"},
    TaskTemplate={"ContainerSpec": {"Image": IMAGE, "Args": ["sleep", "600"],
                                    "Labels": {"c": "1"}},
                  "Placement": {"Constraints": ["node.role==manager"]}, "ForceUpdate": 2},
)


def _stored(version=7, **changes):
    """STORED at another version, with top-level spec fields replaced."""
    return service_json("svc1", version, **{**copy.deepcopy(STORED["Spec"]), **changes})


@pytest.fixture
def client(fake_engine):
    client = fake_engine.docker_client()
    yield client
    client.close()


@pytest.fixture
def service(fake_engine, client):
    fake_engine.reply("GET", "/v1.41/services/svc1", STORED)
    service = client.services.get("svc1")
    fake_engine.sent.clear()
    return service


# -- ServiceCollection ---------------------------------------------------------------------------

def test_create_posts_then_reads_back(fake_engine, client):
    fake_engine.reply("POST", "/v1.41/services/create", {"ID": "svc1"})
    fake_engine.reply("GET", "/v1.41/services/svc1", STORED)
    service = client.services.create(
        IMAGE, ["sleep", "600"], name="web", labels={"a": "b"}, env={"X": "1"},
        container_labels={"c": "1"}, constraints=["node.role==manager"],
        mode=ServiceMode("replicated", 2), log_driver="json-file",
        log_driver_options={"max-size": "1m"})
    assert isinstance(service, Service)
    assert service.attrs == STORED
    assert fake_engine.routes == [("POST", "/v1.41/services/create"), ("GET", "/v1.41/services/svc1")]
    assert fake_engine.sent[1].query == {}
    assert fake_engine.sent[0].json == {
        "Name": "web",
        "Labels": {"a": "b"},
        "Mode": {"replicated": {"Replicas": 2}},
        "TaskTemplate": {
            "ContainerSpec": {"Image": IMAGE, "Command": ["sleep", "600"], "Args": None,
                              "Env": ["X=1"], "Labels": {"c": "1"}},
            "Placement": {"Constraints": ["node.role==manager"]},
            "LogDriver": {"Name": "json-file", "Options": {"max-size": "1m"}},
        },
    }


def test_create_with_docker_cli_defaults(fake_engine, client):
    fake_engine.reply("POST", "/v1.41/services/create", {"ID": "svc1"})
    fake_engine.reply("GET", "/v1.41/services/svc1", STORED)
    client.services.create(IMAGE, args=["sleep", "600"], docker_cli_defaults=True)
    assert fake_engine.sent[0].json == {
        "Labels": {},
        "Mode": {"Replicated": {}},
        "EndpointSpec": {"Mode": "vip"},
        "TaskTemplate": {
            "ContainerSpec": {"Image": IMAGE, "Command": None, "Args": ["sleep", "600"],
                              "Init": False, "DNSConfig": {}},
            "Resources": {"Limits": {}, "Reservations": {}},
            "Placement": {},
            "ForceUpdate": 0,
        },
    }


@pytest.mark.parametrize("kwargs, message", [
    ({"bogus": 1}, r"create\(\) got an unexpected keyword argument 'bogus'"),
    ({"replicas": 2, "cpus": 1}, r"create\(\) got unexpected keyword arguments 'cpus', 'replicas'"),
])
def test_create_refuses_unknown_keywords_before_sending(fake_engine, client, kwargs, message):
    with pytest.raises(TypeError, match=message):
        client.services.create(IMAGE, **kwargs)
    assert fake_engine.sent == []


@pytest.mark.parametrize("insert_defaults, query", [
    (None, {}), (True, {"insertDefaults": ["True"]}), (False, {"insertDefaults": ["False"]}),
])
def test_get(fake_engine, client, insert_defaults, query):
    fake_engine.reply("GET", "/v1.41/services/web", STORED)
    service = client.services.get("web", insert_defaults=insert_defaults)
    assert (service.id, service.name, service.version) == ("svc1", "web", 7)
    assert service.short_id == "svc1"
    assert repr(service) == "<Service: svc1>"
    assert fake_engine.sent[0].query == query


def test_get_unknown_is_not_found(fake_engine, client):
    fake_engine.error("GET", "/v1.41/services/nosuch", 404, "service nosuch not found")
    with pytest.raises(errors.NotFound):
        client.services.get("nosuch")


def test_list(fake_engine, client):
    other = service_json("svc2", 3, name="db")
    fake_engine.reply("GET", "/v1.41/services", [STORED, other])
    services = client.services.list(filters={"name": "web"}, status=True)
    assert [s.id for s in services] == ["svc1", "svc2"]
    assert all(s.client is client and s.collection is not None for s in services)
    assert fake_engine.sent[0].query == {"filters": ['{"name": ["web"]}'], "status": ["True"]}


def test_list_refuses_unknown_keywords(fake_engine, client):
    with pytest.raises(TypeError):
        client.services.list(bogus=1)
    assert fake_engine.sent == []


def test_models_compare_by_id(fake_engine, client):
    fake_engine.reply("GET", "/v1.41/services/svc1", STORED)
    fake_engine.reply("GET", "/v1.41/services/web", _stored(version=9))
    by_id, by_name = client.services.get("svc1"), client.services.get("web")
    assert by_id == by_name and hash(by_id) == hash(by_name)
    assert by_id in [by_name]


# -- Service.update ------------------------------------------------------------------------------

def test_update_merges_into_the_stored_spec(fake_engine, service):
    fake_engine.reply("GET", "/v1.41/services/svc1", STORED)
    fake_engine.reply("POST", "/v1.41/services/svc1/update", {"Warnings": None})
    assert service.update(args=["sleep", "700"]) == {"Warnings": None}
    read, update = fake_engine.sent
    assert (read.path, read.query) == ("/v1.41/services/svc1", {"insertDefaults": ["False"]})
    assert (update.method, update.path, update.query) == (
        "POST", "/v1.41/services/svc1/update", {"version": ["7"]})
    expected = _stored()["Spec"]
    expected["TaskTemplate"]["ContainerSpec"]["Args"] = ["sleep", "700"]
    # exactly the stored spec with the one change: no engine defaults written back
    assert update.json == expected


def test_update_keeps_the_version_until_reload(fake_engine, service):
    fake_engine.reply("GET", "/v1.41/services/svc1", STORED)
    fake_engine.reply("POST", "/v1.41/services/svc1/update", {})
    service.update(labels={"v": "2"})
    assert service.version == 7
    fake_engine.reply("GET", "/v1.41/services/svc1", _stored(version=8, Labels={"v": "2"}))
    service.reload()
    assert service.version == 8 and service.attrs["Spec"]["Labels"] == {"v": "2"}


def test_update_retries_once_after_out_of_sequence(fake_engine, service):
    fresh = _stored(version=9, Labels={"first": "1"})
    # the read for the first try, the reload, the read for the retry
    fake_engine.reply("GET", "/v1.41/services/svc1", STORED)
    fake_engine.reply("GET", "/v1.41/services/svc1", fresh)
    fake_engine.error("POST", "/v1.41/services/svc1/update", 500, OUT_OF_SEQUENCE)
    fake_engine.reply("POST", "/v1.41/services/svc1/update", {"Warnings": None})
    assert service.update(container_labels={"second": "2"}) == {"Warnings": None}
    assert fake_engine.routes == [
        ("GET", "/v1.41/services/svc1"),          # stored spec, first try
        ("POST", "/v1.41/services/svc1/update"),  # 500 update out of sequence
        ("GET", "/v1.41/services/svc1"),          # reload
        ("GET", "/v1.41/services/svc1"),          # stored spec, second try
        ("POST", "/v1.41/services/svc1/update"),
    ]
    assert [s.query for s in fake_engine.sent if s.method == "GET"] == [
        {"insertDefaults": ["False"]}, {}, {"insertDefaults": ["False"]}]
    retry = fake_engine.sent[-1]
    assert retry.query == {"version": ["9"]}
    assert retry.json["Labels"] == {"first": "1"}
    assert retry.json["TaskTemplate"]["ContainerSpec"]["Labels"] == {"second": "2"}
    assert service.version == 9


def test_update_out_of_sequence_every_time_raises_after_the_bounded_tries(
        fake_engine, service, monkeypatch):
    pauses = []
    monkeypatch.setattr("swarmctl.models.services.time.sleep", pauses.append)
    fake_engine.reply("GET", "/v1.41/services/svc1", STORED)
    fake_engine.error("POST", "/v1.41/services/svc1/update", 500, OUT_OF_SEQUENCE)
    with pytest.raises(errors.APIError) as info:
        service.update(labels={})
    assert info.value.explanation == OUT_OF_SEQUENCE
    posts = [route[0] for route in fake_engine.routes].count("POST")
    assert posts == errors.OUT_OF_SEQUENCE_ATTEMPTS
    # a growing, bounded pause between tries
    assert len(pauses) == posts - 1 and all(0 < pause <= 0.75 for pause in pauses)


def test_scale_rereads_and_retries_after_out_of_sequence(fake_engine, service, monkeypatch):
    monkeypatch.setattr("swarmctl.models.services.time.sleep", lambda seconds: None)
    fresh = _stored(version=9, Labels={"first": "1"})
    fake_engine.reply("GET", "/v1.41/services/svc1", STORED)
    fake_engine.reply("GET", "/v1.41/services/svc1", fresh)
    fake_engine.error("POST", "/v1.41/services/svc1/update", 500, OUT_OF_SEQUENCE)
    fake_engine.reply("POST", "/v1.41/services/svc1/update", {"Warnings": None})
    assert service.scale(3) == {"Warnings": None}
    retry = fake_engine.sent[-1]
    assert retry.query == {"version": ["9"]}
    assert retry.json["Labels"] == {"first": "1"}
    assert retry.json["Mode"] == {"replicated": {"Replicas": 3}}  # docker-py's ServiceMode key


@pytest.mark.parametrize("status, message", [
    (500, "rpc error: code = Unknown desc = something else"),
    (501, "rpc error: code = Unimplemented desc = service mode change is not allowed"),
    (409, OUT_OF_SEQUENCE),  # the retry is for the engine's 500 only
])
def test_other_update_errors_are_not_retried(fake_engine, service, status, message):
    fake_engine.reply("GET", "/v1.41/services/svc1", STORED)
    fake_engine.error("POST", "/v1.41/services/svc1/update", status, message)
    with pytest.raises(errors.APIError) as info:
        service.update(mode=ServiceMode("global"))
    assert info.value.status_code == status
    assert fake_engine.routes == [("GET", "/v1.41/services/svc1"), ("POST", "/v1.41/services/svc1/update")]


def test_update_without_fetch_sends_only_the_given_fields(fake_engine, service):
    fake_engine.reply("POST", "/v1.41/services/svc1/update", {})
    service.update(labels={"x": "1"}, fetch_current_spec=False)
    assert fake_engine.routes == [("POST", "/v1.41/services/svc1/update")]
    # only the image the service already has; unset keys are not sent as nulls
    assert fake_engine.sent[0].json == {"Labels": {"x": "1"},
                                        "TaskTemplate": {"ContainerSpec": {"Image": IMAGE}}}


def test_update_passes_extension_keywords_through(fake_engine, service):
    fake_engine.reply("POST", "/v1.41/services/svc1/update", {})
    fake_engine.reply("GET", "/v1.41/services/svc1", STORED)
    service.update(rollback="previous", registry_auth_from="previous-spec")
    assert fake_engine.sent[-1].query == {"version": ["7"], "rollback": ["previous"],
                                          "registryAuthFrom": ["previous-spec"]}


# -- force_update, scale, tasks, logs, remove ----------------------------------------------------

def test_force_update_bumps_the_stored_counter(fake_engine, service):
    fake_engine.reply("GET", "/v1.41/services/svc1", STORED)
    fake_engine.reply("POST", "/v1.41/services/svc1/update", {})
    service.force_update()
    assert fake_engine.sent[-1].json["TaskTemplate"]["ForceUpdate"] == 3
    service.update(force_update=True)
    assert fake_engine.sent[-1].json["TaskTemplate"]["ForceUpdate"] == 3  # attrs not reloaded
    service.update(force_update=10)
    assert fake_engine.sent[-1].json["TaskTemplate"]["ForceUpdate"] == 10


def test_scale(fake_engine, service):
    fake_engine.reply("GET", "/v1.41/services/svc1", STORED)
    fake_engine.reply("POST", "/v1.41/services/svc1/update", {"Warnings": None})
    assert service.scale(3)
    update = fake_engine.sent[-1]
    assert update.query == {"version": ["7"]}
    assert update.json["Mode"] == {"replicated": {"Replicas": 3}}
    assert update.json["TaskTemplate"] == STORED["Spec"]["TaskTemplate"]


def test_scale_global_is_refused(fake_engine, client):
    fake_engine.reply("GET", "/v1.41/services/glob", _stored(Mode={"Global": {}}))
    glob = client.services.get("glob")
    fake_engine.sent.clear()
    with pytest.raises(errors.InvalidArgument, match="Cannot scale a global container"):
        glob.scale(2)
    assert fake_engine.sent == []


def test_tasks_filters_by_service(fake_engine, service):
    fake_engine.reply("GET", "/v1.41/tasks", [{"ID": "t1", "ServiceID": "svc1"}])
    filters = {"desired-state": "running"}
    assert service.tasks(filters=filters) == [{"ID": "t1", "ServiceID": "svc1"}]
    assert filters == {"desired-state": "running", "service": "svc1"}  # docker-py fills it in
    assert fake_engine.sent[0].param("filters") == '{"desired-state": ["running"], "service": ["svc1"]}'
    service.tasks()
    assert fake_engine.sent[1].param("filters") == '{"service": ["svc1"]}'


@pytest.mark.parametrize("kwargs, stdout, stderr", [
    ({}, "True", "True"),  # neither named: both (docker-py passes the engine's error through)
    ({"stderr": True}, "False", "True"),
    ({"stdout": False, "stderr": False}, "False", "False"),
])
def test_logs_streams(fake_engine, service, kwargs, stdout, stderr):
    fake_engine.reply("GET", "/v1.41/services/svc1/logs", raw=frame(1, b"o\n") + frame(2, b"e\n"))
    assert list(service.logs(**kwargs)) == [b"o\n", b"e\n"]
    sent = fake_engine.sent[0]
    assert (sent.param("stdout"), sent.param("stderr")) == (stdout, stderr)
    assert fake_engine.routes == [("GET", "/v1.41/services/svc1/logs")]  # TTY known from attrs


def test_remove(fake_engine, service):
    fake_engine.reply("DELETE", "/v1.41/services/svc1", raw=b"")
    assert service.remove() is True
    fake_engine.error("GET", "/v1.41/services/svc1", 404, "service svc1 not found")
    with pytest.raises(errors.NotFound):
        service.reload()
