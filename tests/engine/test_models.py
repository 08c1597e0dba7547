"""client.services and Service against a real swarm, including swarmctl's fixes of docker-py traps."""
import secrets

import pytest

import swarmctl
from swarmctl import errors
from swarmctl.types import EndpointSpec, Healthcheck, Resources, ServiceMode, Ulimit
from tests.helpers import IMAGE, wait_for


def _create(client, cleanup, command=("sleep", "600"), **kwargs):
    kwargs.setdefault("name", f"mdl-{secrets.token_hex(4)}")
    service = client.services.create(IMAGE, list(command) or None, **kwargs)
    cleanup.append(service.id)
    return service


def test_create_get_list(client, cleanup):
    service = _create(client, cleanup, labels={"a": "b"}, env={"X": "1"},
                      mode=ServiceMode("replicated", 2), endpoint_spec=EndpointSpec(ports={18080: 80}))
    assert isinstance(service, swarmctl.models.services.Service)
    assert service.name.startswith("mdl-")
    assert service.short_id == service.id[:12]
    assert repr(service) == f"<Service: {service.short_id}>"
    assert service.attrs["Spec"]["Labels"] == {"a": "b"}
    assert service.attrs["Spec"]["TaskTemplate"]["ContainerSpec"]["Env"] == ["X=1"]
    again = client.services.get(service.name)
    assert again == service and hash(again) == hash(service)
    assert service in client.services.list()
    assert client.services.list(filters={"name": service.name}) == [service]
    with_status = client.services.list(filters={"id": service.id}, status=True)
    assert "ServiceStatus" in with_status[0].attrs
    assert "UpdateConfig" in client.services.get(service.id, insert_defaults=True).attrs["Spec"]


def test_unexpected_keyword_is_a_type_error(client):
    with pytest.raises(TypeError, match="create\\(\\) got an unexpected keyword argument 'bogus'"):
        client.services.create(IMAGE, bogus=1)


def test_get_unknown_is_not_found(client):
    with pytest.raises(errors.NotFound):
        client.services.get("no-such-service-here")


def test_tasks_and_reload(client, cleanup):
    service = _create(client, cleanup)
    tasks = wait_for(lambda: service.tasks(filters={"desired-state": "running"}), message="task")
    assert tasks[0]["ServiceID"] == service.id
    filters = {}
    service.tasks(filters=filters)
    assert filters == {"service": service.id}  # docker-py fills in the caller's dict
    old_version = service.version
    service.update(labels={"v": "2"})
    assert service.version == old_version  # cached until reload, as in docker-py
    service.reload()
    assert service.version > old_version
    assert service.attrs["Spec"]["Labels"] == {"v": "2"}


def test_update_is_lossless(client, cleanup):
    service = _create(client, cleanup, env=["A=1"], labels={"keep": "me"},
                      container_labels={"c": "1"}, constraints=["node.role==manager"])
    before = client.api.inspect_service(service.id, insert_defaults=False)["Spec"]
    service.update(args=["sleep", "700"])
    after = client.api.inspect_service(service.id, insert_defaults=False)["Spec"]
    assert after["TaskTemplate"]["ContainerSpec"]["Args"] == ["sleep", "700"]
    # Everything else is exactly as stored before, and no display defaults crept in.
    before["TaskTemplate"]["ContainerSpec"]["Args"] = ["sleep", "700"]
    assert after == before


def test_update_retries_once_when_out_of_sequence(client, cleanup):
    service = _create(client, cleanup)
    stale = client.services.get(service.id)
    service.update(labels={"first": "1"})
    # `stale` still carries the old version: docker-py would fail with "update out of sequence".
    assert stale.update(container_labels={"second": "2"})
    spec = client.api.inspect_service(service.id)["Spec"]
    assert spec["TaskTemplate"]["ContainerSpec"]["Labels"] == {"second": "2"}
    assert spec["Labels"] == {"first": "1"}


def test_other_update_errors_are_not_retried(client, cleanup):
    service = _create(client, cleanup)
    with pytest.raises(errors.APIError) as info:
        service.update(mode=ServiceMode("global"))
    assert info.value.status_code == 501 or "mode change" in str(info.value.explanation)


def test_force_update_bumps_the_counter(client, cleanup):
    service = _create(client, cleanup)
    service.force_update()
    service.reload()
    assert service.attrs["Spec"]["TaskTemplate"]["ForceUpdate"] == 1
    service.update(force_update=True)
    service.reload()
    assert service.attrs["Spec"]["TaskTemplate"]["ForceUpdate"] == 2


def test_scale(client, cleanup):
    service = _create(client, cleanup)
    assert service.scale(3)
    service.reload()
    assert service.attrs["Spec"]["Mode"] == {"Replicated": {"Replicas": 3}}
    wait_for(lambda: len(service.tasks(filters={"desired-state": "running"})) == 3, message="3 tasks")


def test_scale_global_is_refused(client, cleanup):
    service = _create(client, cleanup, mode="global")
    with pytest.raises(errors.InvalidArgument, match="Cannot scale a global container"):
        service.scale(2)


def test_logs_default_to_both_streams(client, cleanup):
    service = _create(client, cleanup, command=("sh", "-c", "echo to-out; echo to-err >&2; sleep 600"))
    lines = wait_for(lambda: (lambda got: got if len(got) >= 2 else None)(list(service.logs())),
                     timeout=40, message="logs")
    assert sorted(lines) == [b"to-err\n", b"to-out\n"]
    assert list(service.logs(stderr=True)) == [b"to-err\n"]


def test_remove(client, cleanup):
    service = _create(client, cleanup)
    assert service.remove() is True
    with pytest.raises(errors.NotFound):
        service.reload()


def test_extension_keywords_reach_the_stored_spec(client, cleanup):
    service = _create(
        client, cleanup,
        ulimits=[Ulimit(name="nofile", soft=1024, hard=2048)],
        resources=Resources(mem_limit=64 * 1024 * 1024, pids_limit=100),
        healthcheck=Healthcheck(test=["CMD", "true"], interval=10**9),
        init=True, cap_add=["CAP_NET_ADMIN"], sysctls={"net.ipv4.ip_forward": "1"},
    )
    spec = client.api.inspect_service(service.id)["Spec"]["TaskTemplate"]
    container = spec["ContainerSpec"]
    assert container["Ulimits"] == [{"Name": "nofile", "Soft": 1024, "Hard": 2048}]
    assert spec["Resources"]["Limits"] == {"MemoryBytes": 64 * 1024 * 1024, "Pids": 100}
    assert container["Healthcheck"]["Test"] == ["CMD", "true"]
    assert container["Init"] is True
    assert container["CapabilityAdd"] == ["CAP_NET_ADMIN"]
    assert container["Sysctls"] == {"net.ipv4.ip_forward": "1"}


def test_job_modes(client, cleanup):
    job = _create(client, cleanup, command=("echo", "done"), mode=ServiceMode("replicated-job", 2))
    wait_for(lambda: len([t for t in job.tasks() if t["Status"]["State"] == "complete"]) == 2,
             timeout=40, message="2 completed job tasks")


def test_docker_cli_defaults_match_the_docker_cli(engine, client, cleanup):
    """The extension makes the stored spec identical to `docker service create`'s."""
    ours = _create(client, cleanup, command=(), args=["sleep", "600"], docker_cli_defaults=True)
    theirs = f"mdl-{secrets.token_hex(4)}"
    engine.docker("service", "create", "-d", "--name", theirs, IMAGE, "sleep", "600")
    cleanup.append(theirs)
    ours_spec = client.api.inspect_service(ours.id)["Spec"]
    theirs_spec = client.api.inspect_service(theirs)["Spec"]
    ours_spec.pop("Name"), theirs_spec.pop("Name")
    assert ours_spec == theirs_spec
