"""The low-level APIClient against a real swarm: every method, version handling, errors."""

import pytest

import swarmctl
from swarmctl import errors
from swarmctl.types import ContainerSpec, ServiceMode, TaskTemplate
from tests.helpers import IMAGE, fresh_name, wait_for

SLEEPER = ContainerSpec(IMAGE, command=["sleep", "600"])


def _create(api, cleanup, container_spec=SLEEPER, **kwargs):
    name = kwargs.pop("name", fresh_name("api"))
    result = api.create_service(TaskTemplate(container_spec), name=name, **kwargs)
    cleanup.append(result["ID"])
    return name, result


# -- version negotiation and gates ------------------------------------------------------------

def test_auto_version_negotiates_down_to_the_engine(api, engine):
    server = api.version(api_version=False)["ApiVersion"]
    assert api.api_version == server == "1.41"
    assert swarmctl.APIClient(base_url=engine.host, version="auto").api_version == "1.41"


def test_explicit_version_is_used_as_given(engine):
    old = swarmctl.APIClient(base_url=engine.host, version="1.30")
    assert old.api_version == "1.30"
    assert old._url("/services") .endswith("/v1.30/services")
    assert isinstance(old.services(), list)


def test_explicit_version_above_the_engine_fails_on_first_call(engine):
    too_new = swarmctl.APIClient(base_url=engine.host, version="1.45")
    with pytest.raises(errors.APIError) as info:
        too_new.services()
    assert info.value.status_code == 400
    assert "is too new" in info.value.explanation


def test_versions_below_minimum_are_refused(engine):
    with pytest.raises(errors.InvalidVersion, match="below 1.24"):
        swarmctl.APIClient(base_url=engine.host, version="1.23")


@pytest.mark.parametrize("call, message", [
    (lambda c: c.services(status=True), "status is not supported in API version < 1.41"),
    (lambda c: c.inspect_service("x", insert_defaults=True), "insert_defaults is not supported"),
    (lambda c: c.create_service(TaskTemplate(ContainerSpec(IMAGE, init=True))),
     "ContainerSpec.init is not supported in API version < 1.38"),
])
def test_version_gates_raise_before_any_request(engine, call, message):
    old = swarmctl.APIClient(base_url="unix:///nonexistent/never.sock", version="1.28")
    with pytest.raises(errors.InvalidVersion, match=message):
        call(old)


def test_service_logs_gate(engine):
    old = swarmctl.APIClient(base_url=engine.host, version="1.24")
    with pytest.raises(errors.InvalidVersion, match="service_logs is not available for version < 1.25"):
        old.service_logs("x", stdout=True)


# -- services -------------------------------------------------------------------------------

def test_create_inspect_list_remove(api, cleanup):
    name, created = _create(api, cleanup, labels={"team": "a"}, mode=ServiceMode("replicated", 2))
    assert set(created) >= {"ID"}
    by_dict = api.inspect_service(created)
    by_name = api.inspect_service(name)
    assert by_dict["ID"] == by_name["ID"] == created["ID"]
    assert by_name["Spec"]["Labels"] == {"team": "a"}
    assert by_name["Spec"]["Mode"] == {"Replicated": {"Replicas": 2}}
    listed = api.services(filters={"name": name})
    assert [s["ID"] for s in listed] == [created["ID"]]
    assert api.services(filters={"label": "team=a", "id": created["ID"]})[0]["ID"] == created["ID"]
    assert api.remove_service(created) is True
    with pytest.raises(errors.NotFound):
        api.inspect_service(created["ID"])


def test_services_with_status(api, cleanup):
    name, created = _create(api, cleanup, mode=ServiceMode("replicated", 2))
    wait_for(lambda: api.services(filters={"id": created["ID"]}, status=True)[0]
             ["ServiceStatus"]["RunningTasks"] == 2, message="2 running tasks")
    status = api.services(filters={"id": created["ID"]}, status=True)[0]["ServiceStatus"]
    assert status["DesiredTasks"] == 2


def test_tasks_and_inspect_task(api, cleanup):
    name, created = _create(api, cleanup)
    tasks = wait_for(lambda: api.tasks(filters={"service": name}), message="a task")
    assert all(t["ServiceID"] == created["ID"] for t in tasks)
    task = api.inspect_task(tasks[0]["ID"])
    assert task["ID"] == tasks[0]["ID"]
    with pytest.raises(errors.NotFound):
        api.inspect_task("nosuchtask0000")


def test_insert_defaults(api, cleanup):
    name, _ = _create(api, cleanup)
    plain = api.inspect_service(name, insert_defaults=False)["Spec"]
    with_defaults = api.inspect_service(name, insert_defaults=True)["Spec"]
    assert "UpdateConfig" not in plain
    assert "UpdateConfig" in with_defaults


def test_update_keeps_stored_spec_free_of_inserted_defaults(api, cleanup):
    name, _ = _create(api, cleanup)
    before = api.inspect_service(name)
    api.update_service(name, before["Version"]["Index"], labels={"x": "1"}, fetch_current_spec=True)
    after = api.inspect_service(name, insert_defaults=False)
    assert after["Spec"]["Labels"] == {"x": "1"}
    assert after["Version"]["Index"] > before["Version"]["Index"]
    for key in ("UpdateConfig", "RollbackConfig"):
        assert key not in after["Spec"]
    container = after["Spec"]["TaskTemplate"]["ContainerSpec"]
    assert "StopGracePeriod" not in container
    assert "RestartPolicy" not in after["Spec"]["TaskTemplate"]
    assert container["Command"] == ["sleep", "600"]


def test_update_without_fetch_replaces_the_spec(api, cleanup):
    name, created = _create(api, cleanup, labels={"keep": "no"})
    version = api.inspect_service(name)["Version"]["Index"]
    answer = api.update_service(created, version, task_template=TaskTemplate(SLEEPER), name=name)
    assert answer  # the engine answers {'Warnings': None}, a truthy dict
    assert api.inspect_service(name)["Spec"].get("Labels") in (None, {})


def test_stale_version_is_out_of_sequence(api, cleanup):
    name, _ = _create(api, cleanup)
    version = api.inspect_service(name)["Version"]["Index"]
    api.update_service(name, version, labels={"a": "1"}, fetch_current_spec=True)
    with pytest.raises(errors.APIError) as info:
        api.update_service(name, version, labels={"a": "2"}, fetch_current_spec=True)
    assert info.value.status_code == 500
    assert info.value.explanation.endswith("update out of sequence")
    assert info.value.is_server_error() and not info.value.is_client_error()


def test_name_conflict(api, cleanup):
    name, _ = _create(api, cleanup)
    with pytest.raises(errors.APIError) as info:
        api.create_service(TaskTemplate(SLEEPER), name=name)
    assert info.value.status_code == 409
    assert "name conflicts" in info.value.explanation


@pytest.mark.parametrize("call", [
    lambda api: api.inspect_service("nosuchservice"),
    lambda api: api.remove_service("nosuchservice"),
    lambda api: api.update_service("nosuchservice", 1, labels={}, fetch_current_spec=True),
    lambda api: list(api.service_logs("nosuchservice", stdout=True)),
])
def test_unknown_service_is_not_found(api, call):
    with pytest.raises(errors.NotFound) as info:
        call(api)
    assert info.value.status_code == 404
    assert info.value.is_client_error()
    assert "not found" in info.value.explanation
    assert str(info.value).startswith("404 Client Error for http+docker://localhost/v1.41/")


def test_unknown_filter_is_a_client_error(api):
    with pytest.raises(errors.APIError) as info:
        api.services(filters={"bogus": "x"})
    assert info.value.status_code == 400
    assert "Invalid filter" in info.value.explanation


def test_create_without_image_is_refused_locally(api):
    with pytest.raises(errors.DockerException, match="Missing mandatory Image key"):
        api.create_service({"ContainerSpec": {}})


def test_string_modes_and_job_modes(api, cleanup):
    _, glob = _create(api, cleanup, mode="global")
    assert "Global" in api.inspect_service(glob)["Spec"]["Mode"]
    job_spec = ContainerSpec(IMAGE, command=["true"])
    _, job = _create(api, cleanup, container_spec=job_spec, mode=ServiceMode("replicated-job", 3, 2))
    mode = api.inspect_service(job)["Spec"]["Mode"]
    assert mode == {"ReplicatedJob": {"MaxConcurrent": 2, "TotalCompletions": 3}}
    _, gjob = _create(api, cleanup, container_spec=job_spec, mode="global-job")
    assert api.inspect_service(gjob)["Spec"]["Mode"] == {"GlobalJob": {}}


# -- logs -----------------------------------------------------------------------------------

def _wait_for_log(api, name, expected, **kwargs):
    def have():
        chunks = list(api.service_logs(name, stdout=True, stderr=True, **kwargs))
        return chunks if len(chunks) >= expected else None
    return wait_for(have, timeout=40, message=f"{expected} log lines from {name}")


def test_multiplexed_logs_keep_stdout_and_stderr_apart(api, cleanup):
    spec = ContainerSpec(IMAGE, command=[
        "sh", "-c", "echo out-1; echo err-1 >&2; echo out-2; echo err-2 >&2; sleep 600"])
    name, _ = _create(api, cleanup, container_spec=spec)
    _wait_for_log(api, name, 4)
    pairs = list(api.service_logs(name, stdout=True, stderr=True, demux=True))
    stdout = [out for out, _ in pairs if out is not None]
    stderr = [err for _, err in pairs if err is not None]
    assert stdout == [b"out-1\n", b"out-2\n"]
    assert stderr == [b"err-1\n", b"err-2\n"]
    # docker-py's view: payloads only, both streams.
    plain = list(api.service_logs(name, stdout=True, stderr=True))
    assert sorted(plain) == sorted(stdout + stderr)
    only_err = list(api.service_logs(name, stderr=True))
    assert only_err == [b"err-1\n", b"err-2\n"]


def test_log_options(api, cleanup):
    spec = ContainerSpec(IMAGE, command=["sh", "-c", "seq 1 5; sleep 600"])
    name, created = _create(api, cleanup, container_spec=spec)
    _wait_for_log(api, name, 5)
    assert list(api.service_logs(name, stdout=True, tail=2)) == [b"4\n", b"5\n"]
    stamped = list(api.service_logs(name, stdout=True, timestamps=True, tail=1))
    assert stamped[0].split(b" ", 1)[1] == b"5\n" and stamped[0][:4].isdigit()
    detailed = list(api.service_logs(name, stdout=True, details=True, tail=1))
    assert f"com.docker.swarm.service.id={created['ID']}".encode() in detailed[0]
    future = list(api.service_logs(name, stdout=True, since=4102444800))
    assert future == []


def test_follow_streams_lines_as_they_arrive(api, cleanup):
    spec = ContainerSpec(IMAGE, command=[
        "sh", "-c", "i=0; while true; do i=$((i+1)); echo line-$i; sleep 0.2; done"])
    name, _ = _create(api, cleanup, container_spec=spec)
    stream = api.service_logs(name, stdout=True, follow=True, tail=0)
    seen = []
    for chunk in stream:
        seen.append(chunk)
        if len(seen) == 3:
            break
    stream.close()
    numbers = [int(c.decode().strip().split("-")[1]) for c in seen]
    assert numbers == sorted(numbers) and len(set(numbers)) == 3


def test_tty_logs_are_raw(api, cleanup):
    spec = ContainerSpec(IMAGE, command=["sh", "-c", "echo tty-out; sleep 600"], tty=True)
    name, _ = _create(api, cleanup, container_spec=spec)
    def have():
        data = b"".join(api.service_logs(name, stdout=True, stderr=True))
        return data if b"tty-out" in data else None
    data = wait_for(have, timeout=40, message="tty log")
    assert b"\x01\x00\x00\x00" not in data  # no frame headers
    assert data.replace(b"\r", b"") == b"tty-out\n"


# -- look-ups -------------------------------------------------------------------------------

def test_nodes_networks_daemon(api):
    nodes = api.nodes()
    assert len(nodes) == 1
    assert api.inspect_node(nodes[0]["ID"])["ID"] == nodes[0]["ID"]
    assert api.nodes(filters={"role": "manager"})[0]["ID"] == nodes[0]["ID"]
    ingress = api.networks(names=["ingress"])
    assert ingress and ingress[0]["Name"] == "ingress"
    assert api.inspect_network("ingress", scope="swarm")["Name"] == "ingress"
    assert api.info()["Swarm"]["LocalNodeState"] == "active"
    assert api.ping() is True
    assert api.version()["ApiVersion"] == "1.41"
    assert api.inspect_swarm()["ID"]


def test_secrets_and_configs(api):
    name = fresh_name("api")
    secret = api.create_secret(name, b"s3cr3t", labels={"k": "v"})
    config = api.create_config(name, "cfg")
    try:
        assert [s["ID"] for s in api.secrets(filters={"name": name})] == [secret["ID"]]
        assert api.inspect_secret(secret["ID"])["Spec"]["Labels"] == {"k": "v"}
        assert [c["ID"] for c in api.configs(filters={"name": name})] == [config["ID"]]
        assert api.inspect_config(config)["Spec"]["Name"] == name
    finally:
        assert api.remove_secret(secret) is True
        assert api.remove_config(config) is True


# -- transport failures ---------------------------------------------------------------------

def test_missing_socket_names_the_host(tmp_path):
    host = f"unix://{tmp_path}/nope.sock"
    with pytest.raises(errors.DaemonUnreachable) as info:
        swarmctl.APIClient(base_url=host)
    assert str(info.value) == f"Cannot connect to the Docker daemon at {host}. Is the docker daemon running?"
    import requests
    assert isinstance(info.value, requests.exceptions.ConnectionError)


def test_negotiation_failure_on_a_non_engine(tmp_path):
    import socket
    import threading

    path = str(tmp_path / "fake.sock")
    server = socket.socket(socket.AF_UNIX)
    server.bind(path)
    server.listen(1)

    def answer():
        conn, _ = server.accept()
        conn.recv(65536)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
        conn.close()

    threading.Thread(target=answer, daemon=True).start()
    with pytest.raises(errors.DockerException, match='key "ApiVersion" is missing'):
        swarmctl.APIClient(base_url=f"unix://{path}")
    server.close()


def test_task_logs_and_inspect_container(api, cleanup):
    spec = ContainerSpec(IMAGE, command=[
        "sh", "-c", "echo task-out; echo task-err >&2; sleep 600"])
    name, _ = _create(api, cleanup, container_spec=spec)

    def running_task():
        tasks = [t for t in api.tasks(filters={"service": name})
                 if t["Status"].get("ContainerStatus", {}).get("ContainerID")]
        return tasks[0] if tasks else None

    task = wait_for(running_task, timeout=40, message="a task with a container")
    pairs = wait_for(lambda: (lambda p: p if len(p) >= 2 else None)(
        list(api.task_logs(task["ID"], stdout=True, stderr=True, demux=True))),
        timeout=40, message="task logs")
    assert (b"task-out\n", None) in pairs and (None, b"task-err\n") in pairs
    container_id = task["Status"]["ContainerStatus"]["ContainerID"]
    container = api.inspect_container(container_id)
    assert container["Id"] == container_id
    assert container["Config"]["Labels"]["com.docker.swarm.task.id"] == task["ID"]
    with pytest.raises(errors.NotFound):
        api.inspect_container("no-such-container")
