"""docker-py's documented services API, used through ``import swarmctl as docker``.

Every test here is written the way a docker-py user writes scripts: only documented calls
(``docker.from_env``/``DockerClient``, ``client.services.*``, the ``Service`` model,
``APIClient`` service, secret, config and network methods, ``docker.types``,
``docker.errors``), then checks of what the engine stored and did. Nothing swarmctl-specific
is called: with ``import docker`` (and docker-py fixtures) these scripts pass on docker-py
7.1.0 too, except where a documented swarmctl difference is asserted (marked in comments:
``Service.logs()`` with no stream chosen, and the stored spec after an update with
``fetch_current_spec``).
"""
import random

import pytest
import requests

import swarmctl as docker
from tests.helpers import IMAGE, fresh_name, wait_for

pytestmark = pytest.mark.engine

# Long-running services use init=True: "sleep" as PID 1 ignores SIGTERM and would hold each
# removal for the 10 s grace period; docker-init forwards the signal, so removed services
# (and the networks they use) are released in about a second.
SLEEP = ["sleep", "600"]


def _free_port():
    # Other suites share this engine: a random high port, not a fixed one.
    return random.randint(20000, 29999)


def _running_tasks(service):
    return [t for t in service.tasks(filters={"desired-state": "running"})
            if t["Status"]["State"] == "running"]


def _wait_running(service, count, timeout=40):
    return wait_for(lambda: len(_running_tasks(service)) == count and _running_tasks(service),
                    timeout=timeout, message=f"{count} running task(s) of {service.name}")


def _wait_update_completed(service):
    def completed():
        service.reload()
        return (service.attrs.get("UpdateStatus") or {}).get("State") == "completed"
    wait_for(completed, timeout=40, message=f"the rolling update of {service.name}")


def _log_text(service, **kwargs):
    return b"".join(service.logs(**kwargs)).decode()


def _wait_log(service, text, timeout=40, **kwargs):
    kwargs = kwargs or {"stdout": True}
    return wait_for(lambda: text in _log_text(service, **kwargs) and _log_text(service, **kwargs),
                    timeout=timeout, message=f"{text!r} in the logs of {service.name}")


@pytest.fixture
def undo():
    """Register clean-up callables; they run last-registered-first, even if a test fails."""
    actions = []
    yield actions.append
    failures = []
    for action in reversed(actions):
        try:
            action()
        except Exception as error:  # keep cleaning; report at the end
            failures.append(error)
    if failures:
        raise failures[0]


def _until_released(remove):
    """Keep trying ``remove`` until the engine lets go of the object: a network stays "in
    use" until the removed services' task containers are gone."""
    def run():
        def attempt():
            try:
                remove()
            except docker.errors.NotFound:
                pass
            except docker.errors.APIError:
                return False
            return True
        wait_for(attempt, timeout=40, message="the engine to release an object")
    return run


# -- connecting ---------------------------------------------------------------------------

def test_from_env_uses_docker_host(engine, monkeypatch):
    monkeypatch.setenv("DOCKER_HOST", engine.host)
    for var in ("DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH", "DOCKER_CONTEXT", "DOCKER_API_VERSION"):
        monkeypatch.delenv(var, raising=False)

    client = docker.from_env()
    try:
        assert isinstance(client, docker.DockerClient)
        assert isinstance(client.api, docker.APIClient)
        assert client.api.api_version == "1.41"  # auto-negotiated with the 20.10 engine
        assert client.api.base_url == "http+docker://localhost"
        assert client.ping() is True
        assert client.version()["ApiVersion"] == "1.41"
        assert isinstance(client.services.list(), list)
    finally:
        client.close()

    pinned = docker.DockerClient.from_env(version="1.40", timeout=7)
    try:
        assert pinned.api.api_version == "1.40"
        assert pinned.api.timeout == 7
        assert isinstance(pinned.services.list(), list)
    finally:
        pinned.close()


def test_from_env_with_a_dead_docker_host_fails_with_a_connection_error(monkeypatch, tmp_path):
    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/missing.sock")
    for var in ("DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH", "DOCKER_API_VERSION"):
        monkeypatch.delenv(var, raising=False)
    # docker-py lets requests' ConnectionError through (wrapped in DockerException while
    # negotiating the version); a script that catches DockerException must catch this.
    with pytest.raises(docker.errors.DockerException):
        docker.from_env()


# -- a full-featured service through client.services.create ------------------------------

def test_create_full_featured_service(client, api, cleanup):
    name = fresh_name("web")
    port = _free_port()
    healthcheck = docker.types.Healthcheck(
        test=["CMD-SHELL", "test -d /proc"], interval=500_000_000, timeout=2_000_000_000,
        retries=3, start_period=1_000_000_000,
    )
    service = client.services.create(
        IMAGE,
        ["sh", "-c", "echo web-ready $APP_ENV; echo web-warning >&2; exec sleep 600"],
        name=name,
        labels={"com.example.team": "payments", "tier": "web"},
        container_labels={"com.example.container": "yes"},
        env={"APP_ENV": "staging", "EMPTY": None},
        mode=docker.types.ServiceMode("replicated", replicas=2),
        endpoint_spec=docker.types.EndpointSpec(ports={port: 8080, port + 1: (5353, "udp")}),
        resources=docker.types.Resources(cpu_limit=500_000_000, mem_limit=64 * 1024 * 1024,
                                         mem_reservation=8 * 1024 * 1024),
        restart_policy=docker.types.RestartPolicy(condition="on-failure", delay=1_000_000_000,
                                                  max_attempts=3, window=10_000_000_000),
        update_config=docker.types.UpdateConfig(parallelism=1, delay=1_000_000_000,
                                                failure_action="rollback", monitor=2_000_000_000,
                                                max_failure_ratio=0.5, order="start-first"),
        rollback_config=docker.types.RollbackConfig(parallelism=2, failure_action="pause",
                                                    order="stop-first"),
        healthcheck=healthcheck,
        constraints=["node.role==manager"],
        preferences=[("spread", "node.labels.zone")],
        maxreplicas=2,
        mounts=["/tmp:/host-tmp:ro",
                docker.types.Mount("/scratch", None, type="tmpfs", tmpfs_size="16m")],
        hosts={"db.internal": "10.11.12.13"},
        dns_config=docker.types.DNSConfig(options=["ndots:2"]),
        hostname="web-{{.Task.Slot}}",
        workdir="/tmp",
        stop_grace_period=2_000_000_000,
        stop_signal="SIGTERM",
        init=True,
        read_only=True,
        cap_drop=["CAP_NET_RAW"],
        log_driver="json-file",
        log_driver_options={"max-size": "1m", "max-file": "2"},
    )
    cleanup.append(service.id)

    assert isinstance(service, docker.models.services.Service)
    assert service.name == name
    assert len(service.id) == 25 and service.short_id == service.id[:12]
    assert repr(service) == f"<Service: {service.short_id}>"
    assert isinstance(service.version, int)

    spec = service.attrs["Spec"]
    assert spec["Labels"] == {"com.example.team": "payments", "tier": "web"}
    assert spec["Mode"] == {"Replicated": {"Replicas": 2}}
    assert spec["UpdateConfig"] == {"Parallelism": 1, "Delay": 1_000_000_000,
                                    "FailureAction": "rollback", "Monitor": 2_000_000_000,
                                    "MaxFailureRatio": 0.5, "Order": "start-first"}
    # The engine stores MaxFailureRatio as a plain float: 0 when not given.
    assert spec["RollbackConfig"] == {"Parallelism": 2, "FailureAction": "pause",
                                      "MaxFailureRatio": 0, "Order": "stop-first"}
    assert spec["EndpointSpec"]["Ports"] == [
        {"Protocol": "tcp", "PublishedPort": port, "TargetPort": 8080, "PublishMode": "ingress"},
        {"Protocol": "udp", "PublishedPort": port + 1, "TargetPort": 5353,
         "PublishMode": "ingress"},
    ]
    template = spec["TaskTemplate"]
    assert template["Resources"] == {"Limits": {"NanoCPUs": 500_000_000,
                                                "MemoryBytes": 64 * 1024 * 1024},
                                     "Reservations": {"MemoryBytes": 8 * 1024 * 1024}}
    assert template["RestartPolicy"] == {"Condition": "on-failure", "Delay": 1_000_000_000,
                                         "MaxAttempts": 3, "Window": 10_000_000_000}
    assert template["Placement"] == {
        "Constraints": ["node.role==manager"],
        "Preferences": [{"Spread": {"SpreadDescriptor": "node.labels.zone"}}],
        "MaxReplicas": 2,
    }
    assert template["LogDriver"] == {"Name": "json-file",
                                     "Options": {"max-size": "1m", "max-file": "2"}}
    container = template["ContainerSpec"]
    assert container["Image"] == IMAGE
    assert container["Labels"] == {"com.example.container": "yes"}
    assert container["Env"] == ["APP_ENV=staging", "EMPTY"]
    assert container["Healthcheck"] == healthcheck
    assert container["Mounts"] == [
        {"Type": "bind", "Source": "/tmp", "Target": "/host-tmp", "ReadOnly": True},
        {"Type": "tmpfs", "Target": "/scratch", "TmpfsOptions": {"SizeBytes": 16 * 1024 * 1024}},
    ]
    assert container["Hosts"] == ["10.11.12.13 db.internal"]
    assert container["DNSConfig"] == {"Options": ["ndots:2"]}
    assert container["Hostname"] == "web-{{.Task.Slot}}"
    assert container["Dir"] == "/tmp"
    assert container["StopGracePeriod"] == 2_000_000_000
    assert container["StopSignal"] == "SIGTERM"
    assert container["Init"] is True and container["ReadOnly"] is True
    assert container["CapabilityDrop"] == ["CAP_NET_RAW"]

    # What the engine shows for the published ports, and the same spec via the API client.
    assert api.inspect_service(service.id)["Spec"] == spec

    def published():
        service.reload()  # the engine allocates the ports just after create answers
        ports = service.attrs["Endpoint"].get("Ports") or []
        return {(p["PublishedPort"], p["Protocol"]) for p in ports}
    wait_for(lambda: published() == {(port, "tcp"), (port + 1, "udp")}, timeout=20,
             message="the published ports")

    tasks = _wait_running(service, 2)
    assert {t["Slot"] for t in tasks} == {1, 2}
    assert all(t["ServiceID"] == service.id for t in tasks)
    logs = _wait_log(service, "web-ready staging")
    assert logs.count("web-ready staging") == 2
    assert "web-warning" not in logs
    assert "web-warning" in _wait_log(service, "web-warning", stderr=True)


# -- the Service model --------------------------------------------------------------------

def test_service_model_lifecycle(client, cleanup):
    name = fresh_name("model")
    # A short monitor period: each rolling update below completes in well under a second.
    service = client.services.create(
        IMAGE, ["sh", "-c", "echo model-out; exec sleep 600"], name=name,
        labels={"stage": "one"}, init=True,
        update_config=docker.types.UpdateConfig(parallelism=0, monitor=100_000_000))
    cleanup.append(service.id)

    # get / list / equality / hashing, as the docs use them
    assert client.services.get(name) == service
    assert client.services.get(service.id).attrs["Spec"] == service.attrs["Spec"]
    assert service in client.services.list()
    assert client.services.list(filters={"name": name}) == [service]
    assert client.services.list(filters={"label": "stage=one", "id": service.id}) == [service]
    assert {service, client.services.get(service.id)} == {service}
    status = client.services.list(filters={"id": service.id}, status=True)[0]
    assert status.attrs["ServiceStatus"]["DesiredTasks"] == 1
    with_defaults = client.services.get(service.id, insert_defaults=True)
    assert "RollbackConfig" in with_defaults.attrs["Spec"]
    assert "RollbackConfig" not in service.attrs["Spec"]

    # tasks(): the service filter is added to the caller's dict, as docker-py does
    _wait_running(service, 1)
    filters = {"desired-state": "running"}
    tasks = service.tasks(filters=filters)
    assert filters == {"desired-state": "running", "service": service.id}
    assert len(tasks) == 1 and tasks[0]["ServiceID"] == service.id
    assert _wait_log(service, "model-out") == "model-out\n"

    # update(): returns the engine's truthy dict; the cached version only moves on reload()
    version = service.version
    answer = service.update(labels={"stage": "two"}, env={"COLOR": "blue"})
    assert answer and isinstance(answer, dict)
    assert service.version == version
    assert service.attrs["Spec"]["Labels"] == {"stage": "one"}
    service.reload()
    assert service.version > version
    spec = service.attrs["Spec"]
    assert spec["Labels"] == {"stage": "two"}
    container = spec["TaskTemplate"]["ContainerSpec"]
    assert container["Env"] == ["COLOR=blue"]
    assert container["Command"] == ["sh", "-c", "echo model-out; exec sleep 600"]
    assert container["Image"] == IMAGE and container["Init"] is True
    # The rolling update bumps the version again when it completes; a docker-py script waits
    # for that before it sends the next change with the cached version.
    _wait_update_completed(service)

    # scale(): a replicated service gets the new count
    assert service.scale(3)
    service.reload()
    assert service.attrs["Spec"]["Mode"] == {"Replicated": {"Replicas": 3}}
    _wait_running(service, 3)

    # force_update(): ForceUpdate counts up, tasks are replaced
    before = {t["ID"] for t in _running_tasks(service)}
    assert service.force_update()
    service.reload()
    assert service.attrs["Spec"]["TaskTemplate"]["ForceUpdate"] == 1
    wait_for(lambda: len(_running_tasks(service)) == 3
             and not ({t["ID"] for t in _running_tasks(service)} & before),
             timeout=60, message="force_update to replace all three tasks")

    # remove()
    assert service.remove() is True
    with pytest.raises(docker.errors.NotFound) as info:
        client.services.get(service.id)
    assert info.value.status_code == 404
    assert service not in client.services.list()


def test_logs_streams(client, cleanup):
    service = client.services.create(
        IMAGE, ["sh", "-c", "echo to-stdout; echo to-stderr >&2; exec sleep 600"],
        name=fresh_name("logs"), init=True)
    cleanup.append(service.id)
    _wait_log(service, "to-stderr", stdout=True, stderr=True)
    chunks = list(service.logs(stdout=True))
    assert chunks == [b"to-stdout\n"]
    assert list(service.logs(stderr=True)) == [b"to-stderr\n"]
    both = list(service.logs(stdout=True, stderr=True, timestamps=True))
    assert sorted(c.split(b" ", 1)[1] for c in both) == [b"to-stderr\n", b"to-stdout\n"]
    # Documented swarmctl difference: with no stream chosen docker-py gets the engine's
    # "you must choose at least one stream" (APIError 500); swarmctl returns both streams.
    assert sorted(service.logs()) == [b"to-stderr\n", b"to-stdout\n"]


def test_tty_service_logs(client, cleanup):
    service = client.services.create(IMAGE, ["sh", "-c", "echo tty-line; exec sleep 600"],
                                     name=fresh_name("tty"), tty=True, init=True)
    cleanup.append(service.id)
    assert service.attrs["Spec"]["TaskTemplate"]["ContainerSpec"]["TTY"] is True
    text = _wait_log(service, "tty-line")
    assert text.replace("\r", "") == "tty-line\n"


def test_global_service_cannot_be_scaled(client, cleanup):
    service = client.services.create(IMAGE, SLEEP, name=fresh_name("global"), mode="global",
                                     init=True)
    cleanup.append(service.id)
    assert service.attrs["Spec"]["Mode"] == {"Global": {}}
    version = service.version
    with pytest.raises(docker.errors.InvalidArgument, match="Cannot scale a global container"):
        service.scale(2)
    service.reload()
    assert service.version == version  # nothing was sent
    _wait_running(service, 1)  # one task per node, and this swarm has one node


# -- jobs -----------------------------------------------------------------------------------

def _completed(service):
    return [t for t in service.tasks() if t["Status"]["State"] == "complete"]


def test_replicated_and_global_jobs(client, cleanup):
    job = client.services.create(
        IMAGE, ["sh", "-c", "echo job-done"], name=fresh_name("job"),
        mode=docker.types.ServiceMode("replicated-job", replicas=3, concurrency=2),
        restart_policy=docker.types.RestartPolicy(condition="none"))
    cleanup.append(job.id)
    global_job = client.services.create(IMAGE, ["sh", "-c", "echo global-job-done"],
                                        name=fresh_name("gjob"), mode="global-job")
    cleanup.append(global_job.id)

    assert job.attrs["Spec"]["Mode"] == {"ReplicatedJob": {"MaxConcurrent": 2,
                                                           "TotalCompletions": 3}}
    assert global_job.attrs["Spec"]["Mode"] == {"GlobalJob": {}}
    wait_for(lambda: len(_completed(job)) == 3, timeout=40, message="3 completed job tasks")
    wait_for(lambda: len(_completed(global_job)) == 1, timeout=40, message="global job done")
    assert _wait_log(job, "job-done").count("job-done") == 3
    assert _wait_log(global_job, "global-job-done") == "global-job-done\n"
    status = client.services.list(filters={"id": job.id}, status=True)[0].attrs["ServiceStatus"]
    assert status["CompletedTasks"] == 3

    # scale() is only refused locally for 'Global'; the engine refuses changing a job's mode.
    with pytest.raises(docker.errors.APIError) as info:
        job.scale(5)
    assert info.value.status_code == 501
    assert "service mode change is not allowed" in info.value.explanation
    with pytest.raises(docker.errors.APIError) as info:
        global_job.scale(2)
    assert info.value.status_code == 501


# -- secrets, configs, networks -------------------------------------------------------------

def test_secrets_and_configs_reach_the_containers(client, api, cleanup, undo):
    secret_name, config_name = fresh_name("secret"), fresh_name("config")
    secret = api.create_secret(secret_name, b"hunter2", labels={"app": "dropin"})
    undo(_until_released(lambda: api.remove_secret(secret)))
    config = api.create_config(config_name, b"listen=8080\n")
    undo(_until_released(lambda: api.remove_config(config)))

    secret_ref = docker.types.SecretReference(secret, secret_name, filename="db-password",
                                              mode=0o400)
    config_ref = docker.types.ConfigReference(config, config_name, filename="/etc/app.conf")
    service = client.services.create(
        IMAGE, ["sh", "-c", "cat /run/secrets/db-password; echo; cat /etc/app.conf; "
                            "exec sleep 600"],
        name=fresh_name("with-secrets"), secrets=[secret_ref], configs=[config_ref], init=True)
    cleanup.append(service.id)
    undo(service.remove)  # runs before the secret and config are removed

    container = service.attrs["Spec"]["TaskTemplate"]["ContainerSpec"]
    assert container["Secrets"] == [secret_ref]
    assert container["Configs"] == [config_ref]
    assert container["Secrets"][0]["File"] == {"Name": "db-password", "UID": "0", "GID": "0",
                                               "Mode": 0o400}
    logs = _wait_log(service, "listen=8080")
    assert logs == "hunter2\nlisten=8080\n"

    # A secret in use cannot go away.
    with pytest.raises(docker.errors.APIError) as info:
        api.remove_secret(secret)
    assert info.value.status_code == 400
    assert "in use" in info.value.explanation


def test_overlay_network_and_dnsrr(client, api, cleanup, undo):
    net_name = fresh_name("net")
    network = api.create_network(net_name, driver="overlay", attachable=True,
                                 labels={"app": "dropin"})
    undo(_until_released(lambda: api.remove_network(network["Id"])))

    db = client.services.create(
        IMAGE, SLEEP, name=fresh_name("db"), init=True, stop_grace_period=1_000_000_000,
        networks=[docker.types.NetworkAttachmentConfig(net_name, aliases=["database"])],
        endpoint_spec=docker.types.EndpointSpec(mode="dnsrr"))
    cleanup.append(db.id)
    undo(db.remove)
    probe = client.services.create(
        IMAGE, ["sh", "-c", "until nslookup database >/dev/null 2>&1; do sleep 0.2; done; "
                            "echo resolved-database; exec sleep 600"],
        name=fresh_name("probe"), init=True, networks=[net_name])
    cleanup.append(probe.id)
    undo(probe.remove)

    # The engine stores the network id, whatever name the caller used.
    assert probe.attrs["Spec"]["TaskTemplate"]["Networks"] == [{"Target": network["Id"]}]
    assert db.attrs["Spec"]["TaskTemplate"]["Networks"] == [
        {"Target": network["Id"], "Aliases": ["database"]}]
    assert db.attrs["Spec"]["EndpointSpec"] == {"Mode": "dnsrr"}

    def allocated(service):
        service.reload()  # endpoints are allocated just after create answers
        return service.attrs["Endpoint"].get("VirtualIPs")
    vips = wait_for(lambda: allocated(probe), timeout=20, message="the probe's virtual IP")
    assert [vip["NetworkID"] for vip in vips] == [network["Id"]]
    db.reload()
    assert "VirtualIPs" not in db.attrs["Endpoint"]  # dnsrr: no virtual IP at all

    _wait_running(db, 1)
    assert _wait_log(probe, "resolved-database") == "resolved-database\n"
    task = _running_tasks(probe)[0]
    assert network["Id"] in {a["Network"]["ID"] for a in task["NetworksAttachments"]}


# -- the low-level APIClient ----------------------------------------------------------------

def test_api_client_script(api, cleanup):
    name = fresh_name("lowlevel")
    port = _free_port()
    container_spec = docker.types.ContainerSpec(
        IMAGE, command=["sh", "-c", 'echo "hello from $GREETING"; exec sleep 600'],
        env={"GREETING": "api"}, init=True, labels={"role": "worker"})
    task_template = docker.types.TaskTemplate(
        container_spec,
        restart_policy=docker.types.RestartPolicy(docker.types.RestartPolicy.condition_types.ANY,
                                                  delay=500_000_000),
        resources=docker.types.Resources(mem_limit=32 * 1024 * 1024),
        placement=["node.role==manager"],
        log_driver=docker.types.DriverConfig("json-file", {"max-size": "2m"}),
    )
    created = api.create_service(
        task_template, name=name, labels={"owner": "api"},
        mode=docker.types.ServiceMode("replicated", replicas=1),
        update_config=docker.types.UpdateConfig(parallelism=1, order="start-first"),
        rollback_config=docker.types.RollbackConfig(parallelism=1),
        endpoint_spec=docker.types.EndpointSpec(ports={port: 80}),
    )
    cleanup.append(created["ID"])
    assert set(created) == {"ID"}

    # create_service's dict can be passed straight back in (check_resource)
    inspected = api.inspect_service(created)
    assert inspected["ID"] == created["ID"]
    spec = inspected["Spec"]
    assert spec["Name"] == name and spec["Labels"] == {"owner": "api"}
    assert spec["TaskTemplate"]["ContainerSpec"]["Labels"] == {"role": "worker"}
    assert spec["TaskTemplate"]["Placement"] == {"Constraints": ["node.role==manager"]}
    assert spec["TaskTemplate"]["LogDriver"] == {"Name": "json-file",
                                                 "Options": {"max-size": "2m"}}
    assert spec["TaskTemplate"]["RestartPolicy"]["Condition"] == "any"
    assert spec["UpdateConfig"] == {"Parallelism": 1, "FailureAction": "continue",
                                    "MaxFailureRatio": 0, "Order": "start-first"}
    assert spec["RollbackConfig"] == {"Parallelism": 1, "FailureAction": "continue",
                                      "MaxFailureRatio": 0, "Order": "stop-first"}
    assert [s["ID"] for s in api.services(filters={"name": name})] == [created["ID"]]

    tasks = wait_for(lambda: [t for t in api.tasks(filters={"service": name,
                                                          "desired-state": "running"})
                              if t["Status"]["State"] == "running"],
                     timeout=40, message="a running task")
    task = api.inspect_task(tasks[0]["ID"])
    assert task["ServiceID"] == created["ID"] and task["Slot"] == 1

    def log_text():
        return b"".join(api.service_logs(created, stdout=True)).decode()
    wait_for(lambda: "hello from api" in log_text(), timeout=40, message="the greeting")
    assert log_text() == "hello from api\n"

    # update_service with fetch_current_spec: only the given fields change. The version is
    # read again right before: allocating the published port already bumped it once.
    version = api.inspect_service(created)["Version"]["Index"]
    answer = api.update_service(
        created, version,
        task_template=docker.types.TaskTemplate(
            docker.types.ContainerSpec(IMAGE, env={"GREETING": "update"})),
        fetch_current_spec=True)
    assert answer
    updated = api.inspect_service(created)["Spec"]
    assert updated["TaskTemplate"]["ContainerSpec"]["Env"] == ["GREETING=update"]
    assert updated["TaskTemplate"]["ContainerSpec"]["Command"] == \
        spec["TaskTemplate"]["ContainerSpec"]["Command"]
    assert updated["Labels"] == {"owner": "api"}
    # Documented swarmctl difference: the stored UpdateConfig stays as given. (docker-py
    # fetches the spec with insertDefaults=true and would store Monitor: 5s here.)
    assert updated["UpdateConfig"] == spec["UpdateConfig"]
    assert "StopGracePeriod" not in updated["TaskTemplate"]["ContainerSpec"]
    assert updated["EndpointSpec"] == spec["EndpointSpec"]

    # re-using the old version is "update out of sequence"
    with pytest.raises(docker.errors.APIError) as info:
        api.update_service(created, version, labels={"owner": "late"}, fetch_current_spec=True)
    assert info.value.status_code == 500
    assert info.value.explanation.endswith("update out of sequence")

    assert api.remove_service(created) is True
    with pytest.raises(docker.errors.NotFound):
        api.inspect_service(created)


# -- errors a docker-py user catches --------------------------------------------------------

def test_engine_errors_have_docker_py_classes(client, api, cleanup):
    with pytest.raises(docker.errors.NotFound) as info:
        client.services.get("no-such-service-dropin")
    error = info.value
    assert isinstance(error, docker.errors.APIError)
    assert isinstance(error, docker.errors.DockerException)
    assert isinstance(error, requests.exceptions.HTTPError)
    assert error.status_code == 404 and error.is_client_error() and not error.is_server_error()
    assert error.explanation == "service no-such-service-dropin not found"
    assert str(error) == ("404 Client Error for http+docker://localhost/v1.41/services/"
                          'no-such-service-dropin: Not Found ("service no-such-service-dropin '
                          'not found")')

    for call in (lambda: api.inspect_task("no-such-task-dropin"),
                 lambda: api.remove_service("no-such-service-dropin"),
                 lambda: list(api.service_logs("no-such-service-dropin", stdout=True))):
        with pytest.raises(docker.errors.NotFound):
            call()

    name = fresh_name("conflict")
    service = client.services.create(IMAGE, SLEEP, name=name, init=True)
    cleanup.append(service.id)
    with pytest.raises(docker.errors.APIError) as info:
        client.services.create(IMAGE, SLEEP, name=name)
    assert info.value.status_code == 409
    assert not isinstance(info.value, docker.errors.NotFound)
    assert "name conflicts" in info.value.explanation

    with pytest.raises(docker.errors.APIError) as info:
        client.services.list(filters={"bogus": "x"})
    assert info.value.status_code == 400
    assert "Invalid filter 'bogus'" in info.value.explanation

    with pytest.raises(docker.errors.DockerException, match="Missing mandatory Image key"):
        api.create_service({"ContainerSpec": {}})
    with pytest.raises(docker.errors.NullResource):
        api.inspect_service("")
    with pytest.raises(ValueError):  # NullResource is also a ValueError
        api.remove_service(None)


def test_unknown_keyword_arguments_raise_type_error(client, cleanup):
    name = fresh_name("typo")
    with pytest.raises(TypeError, match=r"^create\(\) got an unexpected keyword argument "
                                        r"'replicas'$"):
        client.services.create(IMAGE, SLEEP, name=name, replicas=3)
    with pytest.raises(TypeError, match=r"^create\(\) got unexpected keyword arguments "
                                        r"'cpus', 'memory'$"):
        client.services.create(IMAGE, SLEEP, name=name, memory="1g", cpus=2)
    with pytest.raises(TypeError, match="'log_driver_options'"):
        client.services.create(IMAGE, SLEEP, name=name, log_driver_options={"max-size": "1m"})
    assert client.services.list(filters={"name": name}) == []  # nothing reached the engine

    service = client.services.create(IMAGE, SLEEP, name=name, init=True)
    cleanup.append(service.id)
    with pytest.raises(TypeError, match=r"^update\(\) got an unexpected keyword argument "
                                        r"'replicas'$"):
        service.update(replicas=3)
    service.reload()
    assert service.attrs["Spec"]["Mode"] == {"Replicated": {"Replicas": 1}}


def test_list_with_a_misspelt_keyword_raises_type_error(client, cleanup):
    service = client.services.create(IMAGE, SLEEP, name=fresh_name("listed"), init=True)
    cleanup.append(service.id)
    # A realistic slip: name= instead of filters={"name": ...}. Acting on the result (e.g.
    # removing "the" matching services) would hit every service on the swarm.
    with pytest.raises(TypeError, match="unexpected keyword argument 'name'"):
        client.services.list(name="no-such-prefix")


def test_types_validate_like_docker_py():
    with pytest.raises(docker.errors.InvalidArgument):
        docker.types.ServiceMode("replicated-global")
    with pytest.raises(docker.errors.InvalidArgument):
        docker.types.ServiceMode("global", replicas=2)
    with pytest.raises(docker.errors.InvalidArgument):
        docker.types.UpdateConfig(failure_action="explode")
    with pytest.raises(docker.errors.InvalidArgument):
        docker.types.UpdateConfig(max_failure_ratio=1.5)
    with pytest.raises(TypeError):
        docker.types.UpdateConfig(monitor="5s")
    with pytest.raises(TypeError):
        docker.types.RestartPolicy(condition="sometimes")
    with pytest.raises(docker.errors.InvalidArgument):
        docker.types.Mount.parse_mount_string("a:b:c:d")
    with pytest.raises(docker.errors.InvalidArgument):
        docker.types.Mount("/t", "vol", type="nfs")
    with pytest.raises(docker.errors.InvalidArgument):
        docker.types.PlacementPreference("pack", "node.labels.zone")
    with pytest.raises(TypeError):
        docker.types.EndpointSpec(ports="8080:80")
    with pytest.raises(docker.errors.NullResource):
        docker.types.SecretReference({}, "nameless")
    mode = docker.types.ServiceMode("replicated-job", replicas=4)
    assert mode.mode == "ReplicatedJob" and mode.replicas == 4
    assert mode == {"ReplicatedJob": {"MaxConcurrent": 1, "TotalCompletions": 4}}
    assert docker.types.services.ServiceMode is docker.types.ServiceMode
