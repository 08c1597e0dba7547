"""The same docker-py calls through docker-py itself and through swarmctl, against one engine.

What is compared is what the engine *stored*: ``GET /services/ID?insertDefaults=false``,
``Spec`` without ``Name``. Every kwargs set is built twice, once from ``docker.types`` and
once from ``swarmctl.types``, so the types are part of what is compared.

swarmctl's deliberate differences are asserted here, not hidden:

* ``Service.update`` (and so ``scale``/``force_update``) merges into the spec as stored, so
  the engine's display defaults (UpdateConfig, RollbackConfig, RestartPolicy,
  StopGracePeriod...) are not written back; docker-py reads the spec with
  ``insertDefaults=true`` and writes them all into the stored spec.
* ``Service.logs()`` with no stream chosen returns both streams; docker-py passes the
  engine's 500 "you must choose at least one stream" through.
* ``Service.update`` retries once after "update out of sequence" (re-reading the service);
  docker-py raises the 500. (Documented in swarmctl's models docstring, not in the brief.)
* ``from_env()`` honours ``DOCKER_API_VERSION`` (as the Docker CLI does); docker-py ignores
  it and negotiates.
"""
import copy
import random
import types as _pytypes

import pytest

import swarmctl
from tests.helpers import IMAGE, fresh_name, raised, wait_for

docker = pytest.importorskip("docker")

pytestmark = pytest.mark.engine

SLEEP = ["sleep", "600"]
GIB = 1024 ** 3
MIB = 1024 ** 2
SECOND = 1_000_000_000
# Published ports for this run: the engine is shared with other suites.
PORT = random.randint(20000, 29000)


# -- fixtures -------------------------------------------------------------------------------

def _remove_when_released(remove):
    def attempt():
        try:
            remove()
        except swarmctl.errors.NotFound:
            pass
        except swarmctl.errors.APIError:
            return False  # still in use by tasks that are going away
        return True
    wait_for(attempt, timeout=40, message="the engine to release a shared object")


@pytest.fixture(scope="module")
def shared(engine):
    """A secret, a config and an overlay network some kwargs sets refer to."""
    api = swarmctl.APIClient(base_url=engine.host)
    secret_name, config_name, net_name = fresh_name("secret"), fresh_name("config"), fresh_name("net")
    secret = api.create_secret(secret_name, b"s3cr3t")
    config = api.create_config(config_name, b"key=value\n")
    network = api.create_network(net_name, driver="overlay", attachable=True)
    try:
        yield _pytypes.SimpleNamespace(secret=secret, secret_name=secret_name, config=config,
                                       config_name=config_name, network=network,
                                       net_name=net_name)
    finally:
        try:
            _remove_when_released(lambda: api.remove_network(network["Id"]))
        finally:
            try:
                _remove_when_released(lambda: api.remove_secret(secret))
            finally:
                _remove_when_released(lambda: api.remove_config(config))
                api.close()


def _stored_spec(api, service_id):
    """The spec exactly as the engine stored it, without the (per-run) name."""
    spec = api.inspect_service(service_id, insert_defaults=False)["Spec"]
    spec.pop("Name")
    return spec


def _spec_with_defaults(api, service_id):
    spec = api.inspect_service(service_id, insert_defaults=True)["Spec"]
    spec.pop("Name")
    return spec


# -- the create table -----------------------------------------------------------------------
# Each builder gets the library's ``types`` module and the shared objects and returns
# (command, kwargs) for ``client.services.create(IMAGE, command, **kwargs)``.

CREATE_CASES = {
    "minimal": lambda t, s: (None, {}),
    "command-string-and-args": lambda t, s: ('sh -c "echo hi; exec sleep 600"',
                                             {"args": ["ignored-extra"]}),
    "labels": lambda t, s: (SLEEP, {"labels": {"com.example.team": "a", "empty": ""},
                                    "container_labels": {"com.example.role": "worker"}}),
    "env-dict-and-list": lambda t, s: (SLEEP, {"env": {"A": 1, "B": None, "C": b"bytes"}}),
    "env-list": lambda t, s: (SLEEP, {"env": ["X=1", "Y"]}),
    "replicated-zero": lambda t, s: (SLEEP, {"mode": t.ServiceMode("replicated", replicas=0)}),
    "replicated-without-count": lambda t, s: (SLEEP, {"mode": t.ServiceMode("replicated"),
                                                      "init": True}),
    "global-string": lambda t, s: (SLEEP, {"mode": "global", "init": True}),
    "replicated-job": lambda t, s: (["true"], {
        "mode": t.ServiceMode("replicated-job", replicas=3, concurrency=2),
        "restart_policy": t.RestartPolicy("none")}),
    "global-job-string": lambda t, s: (["true"], {"mode": "global-job"}),
    "ingress-ports": lambda t, s: (SLEEP, {"endpoint_spec": t.EndpointSpec(
        mode="vip", ports={PORT: 80, PORT + 1: (53, "udp"), PORT + 2: (443, None)})}),
    "host-publish-mode": lambda t, s: (SLEEP, {"endpoint_spec": t.EndpointSpec(
        ports={PORT + 3: (8080, "tcp", "host")}), "mode": t.ServiceMode("replicated", 0)}),
    "dnsrr-on-overlay": lambda t, s: (SLEEP, {
        "endpoint_spec": t.EndpointSpec(mode="dnsrr"), "init": True,
        "networks": [t.NetworkAttachmentConfig(s.net_name, aliases=["db", "primary"])]}),
    "network-by-name": lambda t, s: (SLEEP, {"networks": [s.net_name], "init": True}),
    "resources": lambda t, s: (SLEEP, {"resources": t.Resources(
        cpu_limit=SECOND // 2, mem_limit=GIB, cpu_reservation=SECOND // 10,
        mem_reservation=64 * MIB)}),
    "generic-resources": lambda t, s: (SLEEP, {
        "resources": t.Resources(generic_resources={"gpu": 1, "ssd": "fast"}),
        "mode": t.ServiceMode("replicated", 0)}),
    "restart-policy": lambda t, s: (SLEEP, {"restart_policy": t.RestartPolicy(
        t.RestartPolicy.condition_types.ON_FAILURE, delay=5 * SECOND, max_attempts=3,
        window=30 * SECOND)}),
    "update-and-rollback-config": lambda t, s: (SLEEP, {
        "update_config": t.UpdateConfig(parallelism=2, delay=SECOND, failure_action="rollback",
                                        monitor=5 * SECOND, max_failure_ratio=0.25,
                                        order="start-first"),
        "rollback_config": t.RollbackConfig(parallelism=1, failure_action="pause",
                                            order="stop-first")}),
    "healthcheck": lambda t, s: (SLEEP, {"healthcheck": t.Healthcheck(
        test="test -e /proc/self", interval=2 * SECOND, timeout=SECOND, retries=3,
        start_period=5 * SECOND)}),
    "healthcheck-disabled": lambda t, s: (SLEEP, {"healthcheck": t.Healthcheck(test=["NONE"])}),
    "placement": lambda t, s: (SLEEP, {
        "constraints": ["node.role==manager", "node.labels.env!=prod"],
        "preferences": [("spread", "node.labels.zone"),
                        t.PlacementPreference("spread", "node.labels.rack")],
        "maxreplicas": 2, "platforms": [("amd64", "linux")]}),
    "mount-strings-and-objects": lambda t, s: (SLEEP, {
        "mode": t.ServiceMode("replicated", 0),  # no task, so no volume is ever created
        "mounts": ["/tmp:/host-tmp:ro", "/var/log:/logs:rw", "cache:/cache", "/anonymous",
                   t.Mount("/scratch", None, type="tmpfs", tmpfs_size="64m",
                           tmpfs_mode=0o1777),
                   t.Mount("/data", "data-vol", labels={"backup": "yes"}, no_copy=True,
                           driver_config=t.DriverConfig("local", {"type": "tmpfs"})),
                   t.Mount("/src", "/srv", type="bind", read_only=True,
                           propagation="rslave", consistency="cached")]}),
    "secrets-and-configs": lambda t, s: (SLEEP, {
        "init": True,
        "secrets": [t.SecretReference(s.secret, s.secret_name),
                    t.SecretReference(s.secret["ID"], s.secret_name, filename="pw",
                                      uid="1000", gid="1000", mode=0o400)],
        "configs": [t.ConfigReference(s.config, s.config_name, filename="/etc/app.conf")]}),
    "log-driver-without-options": lambda t, s: (SLEEP, {"log_driver": "none"}),
    "config-dicts": lambda t, s: (SLEEP, {
        # plain dicts pass through untouched; Go's JSON decoding ignores key case
        "update_config": {"Parallelism": 3, "MaxFailureRatio": 0.1},
        "rollback_config": {"order": "start-first", "parallelism": 2}}),
    "log-driver": lambda t, s: (SLEEP, {"log_driver": "json-file",
                                        "log_driver_options": {"max-size": "1m",
                                                               "max-file": "3"}}),
    "container-knobs": lambda t, s: (SLEEP, {
        "hostname": "{{.Service.Name}}-{{.Task.Slot}}", "workdir": "/tmp", "user": "nobody",
        "groups": ["users"], "stop_grace_period": 3 * SECOND, "stop_signal": "SIGINT",
        "tty": True, "open_stdin": True, "read_only": True, "init": True,
        "hosts": {"b.example": "10.0.0.2", "a.example": "10.0.0.1"},
        "dns_config": t.DNSConfig(nameservers=["10.0.0.53"], search=["example.org"],
                                  options=["ndots:2"]),
        "cap_add": ["CAP_SYSLOG"], "cap_drop": ["CAP_NET_RAW", "CAP_MKNOD"],
        "sysctls": {"net.ipv4.ip_unprivileged_port_start": "0"},
        "isolation": "default"}),
    "privileges": lambda t, s: (SLEEP, {
        "mode": t.ServiceMode("replicated", 0),
        "privileges": t.Privileges(selinux_disable=False, selinux_user="system_u",
                                   selinux_role="system_r", selinux_type="svirt_lxc_net_t",
                                   selinux_level="s0:c1,c2")}),
}


def _create_read_remove(lib_client, api, command, kwargs, cleanup):
    service = lib_client.services.create(IMAGE, command, name=fresh_name("diff"), **kwargs)
    cleanup.append(service.id)
    try:
        return service, _stored_spec(api, service.id)
    finally:
        # Removed at once: the next library's twin may publish the same ports.
        api.remove_service(service.id)


@pytest.mark.parametrize("case", list(CREATE_CASES))
def test_create_stores_the_same_spec(case, dp_client, client, api, shared, cleanup):
    build = CREATE_CASES[case]
    dp_command, dp_kwargs = build(docker.types, shared)
    sw_command, sw_kwargs = build(swarmctl.types, shared)
    assert dp_kwargs == sw_kwargs  # the types build equal dicts before anything is sent

    dp_service, dp_spec = _create_read_remove(dp_client, api, dp_command, dp_kwargs, cleanup)
    sw_service, sw_spec = _create_read_remove(client, api, sw_command, sw_kwargs, cleanup)

    assert sw_spec == dp_spec
    assert set(sw_service.attrs) == set(dp_service.attrs)
    assert set(sw_service.attrs["Spec"]) == set(dp_service.attrs["Spec"])


API_CASES = {
    # APIClient.create_service with hand-built TaskTemplates, as docker-py's docs show.
    "task-template-everything": lambda t, s: dict(
        task_template=t.TaskTemplate(
            t.ContainerSpec(IMAGE, command=["sleep"], args=["600"], env={"K": "v"},
                            labels={"c": "1"}, mounts=["/tmp:/t:ro"], init=True),
            resources=t.Resources(mem_limit=128 * MIB),
            restart_policy=t.RestartPolicy("any", delay=SECOND),
            placement=["node.role==manager"],
            log_driver=t.DriverConfig("json-file", {"max-size": "5m"}),
            networks=[s.net_name],
            force_update=3),
        labels={"svc": "1"}, mode="replicated",
        update_config=t.UpdateConfig(parallelism=1),
        rollback_config=t.RollbackConfig(parallelism=1, order="start-first"),
        endpoint_spec=t.EndpointSpec(ports=[{"Protocol": "tcp", "PublishedPort": PORT + 4,
                                             "TargetPort": 80}])),
    "placement-object-and-job-string": lambda t, s: dict(
        task_template=t.TaskTemplate(
            t.ContainerSpec(IMAGE, command="true"),
            placement=t.Placement(constraints=["node.role==manager"], maxreplicas=1)),
        mode="replicated-job"),
    "top-level-networks-and-dict-mode": lambda t, s: dict(
        task_template=t.TaskTemplate(t.ContainerSpec(IMAGE, command=SLEEP, init=True)),
        networks=[{"Target": s.net_name, "Aliases": ["legacy"]}],
        mode={"Replicated": {"Replicas": 0}}, endpoint_config={"ignored": True}),
}


@pytest.mark.parametrize("case", list(API_CASES))
def test_api_create_service_stores_the_same_spec(case, dp_client, api, shared, cleanup):
    specs = []
    answers = []
    for low_level, types_module in ((dp_client.api, docker.types), (api, swarmctl.types)):
        kwargs = API_CASES[case](types_module, shared)
        answer = low_level.create_service(name=fresh_name("diff"), **kwargs)
        cleanup.append(answer["ID"])
        try:
            specs.append(_stored_spec(api, answer["ID"]))
        finally:
            api.remove_service(answer["ID"])
        answers.append(answer)
    dp_spec, sw_spec = specs
    assert sw_spec == dp_spec
    assert set(answers[0]) == set(answers[1]) == {"ID"}


# -- Service.update ------------------------------------------------------------------------

# Paths the engine fills in with insertDefaults=true; docker-py writes them back on update.
DEFAULT_PATHS = (
    ("UpdateConfig",),
    ("RollbackConfig",),
    ("TaskTemplate", "RestartPolicy"),
    ("TaskTemplate", "Resources"),
    ("TaskTemplate", "Placement"),
    ("TaskTemplate", "ContainerSpec", "StopGracePeriod"),
    ("TaskTemplate", "ContainerSpec", "DNSConfig"),
)


def _without(spec, paths):
    spec = copy.deepcopy(spec)
    for path in paths:
        node = spec
        for key in path[:-1]:
            node = node.get(key, {})
        node.pop(path[-1], None)
    return spec


def _get(spec, path):
    for key in path:
        spec = spec[key]
    return spec


def _has(spec, path):
    node = spec
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return False
        node = node[key]
    return True


UPDATE_CASES = {
    "labels-and-env": lambda t, s: {"labels": {"stage": "two"}, "env": {"COLOR": "blue"}},
    "image": lambda t, s: {"image": "busybox:latest"},
    "mode": lambda t, s: {"mode": t.ServiceMode("replicated", replicas=0)},
    "force-update": lambda t, s: {"force_update": True},
    "resources-and-placement": lambda t, s: {
        "resources": t.Resources(mem_limit=256 * MIB), "constraints": ["node.role==manager"],
        "container_labels": {"updated": "yes"}},
    "update-config": lambda t, s: {
        "update_config": t.UpdateConfig(parallelism=2, order="start-first")},
    "command-and-healthcheck": lambda t, s: {
        "command": ["sh", "-c", "exec sleep 300"],
        "healthcheck": t.Healthcheck(test=["CMD", "true"], interval=SECOND)},
    "clear-labels": lambda t, s: {"labels": {}, "container_labels": {}},
    "restart-policy-and-stop-grace": lambda t, s: {
        "restart_policy": t.RestartPolicy("on-failure", max_attempts=2),
        "stop_grace_period": 2 * SECOND},
    "networks-and-ports": lambda t, s: {
        "networks": [t.NetworkAttachmentConfig(s.net_name, aliases=["upd"])],
        # host mode: both twins may ask for the same port (ingress would refuse the second)
        "endpoint_spec": t.EndpointSpec(ports={PORT + 5: (80, "tcp", "host")})},
    "secrets": lambda t, s: {"secrets": [t.SecretReference(s.secret, s.secret_name)]},
}

# Which DEFAULT_PATHS each case sets itself.
UPDATE_GIVEN_PATHS = {
    "update-config": (("UpdateConfig",),),
    "resources-and-placement": (("TaskTemplate", "Resources"), ("TaskTemplate", "Placement")),
    "restart-policy-and-stop-grace": (("TaskTemplate", "RestartPolicy"),
                                      ("TaskTemplate", "ContainerSpec", "StopGracePeriod")),
}


def _twins(dp_client, client, cleanup, **kwargs):
    """The same service created through each library."""
    dp_service = dp_client.services.create(IMAGE, SLEEP, name=fresh_name("upd"), init=True,
                                           labels={"stage": "one"}, **kwargs)
    cleanup.append(dp_service.id)
    sw_service = client.services.create(IMAGE, SLEEP, name=fresh_name("upd"), init=True,
                                        labels={"stage": "one"}, **kwargs)
    cleanup.append(sw_service.id)
    # Start from the current version (the engine may have bumped it right after create).
    dp_service.reload()
    sw_service.reload()
    return dp_service, sw_service


def _assert_update_difference(api, dp_service, sw_service, given_paths=()):
    """docker-py stores the engine's defaults; swarmctl stores only what was given. Apart
    from those defaults, the two stored specs are the same."""
    dp_plain = _stored_spec(api, dp_service.id)
    sw_plain = _stored_spec(api, sw_service.id)
    sw_defaults = _spec_with_defaults(api, sw_service.id)

    # docker-py's stored spec is swarmctl's spec plus everything insertDefaults adds
    # (outside what the caller gave: insertDefaults also fills gaps inside a given
    # UpdateConfig, which docker-py sends as given) ...
    assert _without(dp_plain, given_paths) == _without(sw_defaults, given_paths)
    for path in given_paths:
        assert _get(dp_plain, path) == _get(sw_plain, path), path
    # ... which swarmctl did not store (unless the caller gave it).
    written_back = [p for p in DEFAULT_PATHS if _has(dp_plain, p) and p not in given_paths]
    assert ("UpdateConfig",) in written_back or ("UpdateConfig",) in given_paths
    assert ("RollbackConfig",) in written_back
    assert (("TaskTemplate", "ContainerSpec", "StopGracePeriod") in written_back
            or ("TaskTemplate", "ContainerSpec", "StopGracePeriod") in given_paths)
    for path in written_back:
        assert not _has(sw_plain, path), path
    assert sw_plain != dp_plain
    assert _without(sw_plain, written_back) == _without(dp_plain, written_back)
    return dp_plain, sw_plain


@pytest.mark.parametrize("case", list(UPDATE_CASES))
def test_service_update_differs_only_by_written_back_defaults(case, dp_client, client, api,
                                                              shared, cleanup):
    dp_service, sw_service = _twins(dp_client, client, cleanup)
    dp_answer = dp_service.update(**UPDATE_CASES[case](docker.types, shared))
    sw_answer = sw_service.update(**UPDATE_CASES[case](swarmctl.types, shared))
    assert dp_answer == sw_answer == {"Warnings": None}

    given = UPDATE_GIVEN_PATHS.get(case, ())
    _, sw_plain = _assert_update_difference(api, dp_service, sw_service, given)
    # and swarmctl's stored spec is the create spec plus exactly the change
    if case == "labels-and-env":
        assert sw_plain["Labels"] == {"stage": "two"}
        assert sw_plain["TaskTemplate"]["ContainerSpec"]["Env"] == ["COLOR=blue"]
    elif case == "force-update":
        assert sw_plain["TaskTemplate"]["ForceUpdate"] == 1


def test_service_update_without_fetching_replaces_the_spec_alike(dp_client, client, api,
                                                                 cleanup):
    """With fetch_current_spec=False nothing is read back, so nothing differs: the body is
    the whole new spec (without a name the engine takes it for a rename)."""
    dp_service, sw_service = _twins(dp_client, client, cleanup)
    dp_error = raised(lambda: dp_service.update(env={"ONLY": "this"}, fetch_current_spec=False))
    sw_error = raised(lambda: sw_service.update(env={"ONLY": "this"}, fetch_current_spec=False))
    assert dp_error.status_code == sw_error.status_code == 501
    assert sw_error.explanation == dp_error.explanation
    assert sw_error.explanation.endswith("renaming services is not supported")

    for service in (dp_service, sw_service):
        assert service.update(name=service.name, env={"ONLY": "this"},
                              fetch_current_spec=False) == {"Warnings": None}
    dp_plain, sw_plain = _stored_spec(api, dp_service.id), _stored_spec(api, sw_service.id)
    assert sw_plain == dp_plain
    # the whole spec was replaced: labels, command and init are gone
    assert sw_plain["Labels"] == {}
    assert sw_plain["TaskTemplate"]["ContainerSpec"] == {
        "Image": IMAGE, "Env": ["ONLY=this"], "Isolation": "default"}


def test_api_update_service_alike(dp_client, client, api, cleanup):
    # No tasks: the first update starts no rolling update that would bump the version again
    # before the second one.
    dp_service, sw_service = _twins(dp_client, client, cleanup,
                                    mode={"Replicated": {"Replicas": 0}})
    # fetch_current_spec=True: the same written-back-defaults difference as Service.update
    for low_level, types_module, service in ((dp_client.api, docker.types, dp_service),
                                            (api, swarmctl.types, sw_service)):
        answer = low_level.update_service(
            service.id, service.version, labels={"stage": "api"},
            task_template=types_module.TaskTemplate(
                types_module.ContainerSpec(IMAGE, env={"VIA": "api"})),
            fetch_current_spec=True)
        assert answer == {"Warnings": None}
    _, sw_plain = _assert_update_difference(api, dp_service, sw_service)
    assert sw_plain["Labels"] == {"stage": "api"}
    assert sw_plain["TaskTemplate"]["ContainerSpec"]["Command"] == SLEEP

    # without fetching: the body is the whole new spec, identical from both libraries
    dp_service.reload()
    sw_service.reload()
    for low_level, types_module, service in ((dp_client.api, docker.types, dp_service),
                                            (api, swarmctl.types, sw_service)):
        low_level.update_service(
            service.id, service.version, name=service.name,
            task_template=types_module.TaskTemplate(
                types_module.ContainerSpec(IMAGE, command=SLEEP, init=True)),
            mode=types_module.ServiceMode("replicated", 0))
    assert _stored_spec(api, sw_service.id) == _stored_spec(api, dp_service.id)


def test_scale_and_force_update_differ_the_same_way(dp_client, client, api, cleanup):
    dp_service, sw_service = _twins(dp_client, client, cleanup)
    assert dp_service.scale(2) == sw_service.scale(2) == {"Warnings": None}
    dp_plain, sw_plain = _assert_update_difference(api, dp_service, sw_service)
    assert dp_plain["Mode"] == sw_plain["Mode"] == {"Replicated": {"Replicas": 2}}

    dp_service.reload()
    sw_service.reload()
    assert dp_service.force_update() == sw_service.force_update() == {"Warnings": None}
    dp_plain, sw_plain = _assert_update_difference(api, dp_service, sw_service)
    assert dp_plain["TaskTemplate"]["ForceUpdate"] == sw_plain["TaskTemplate"]["ForceUpdate"] == 1


def test_second_update_without_reload(dp_client, client, api, cleanup):
    """docker-py sends the cached version and gets "update out of sequence"; swarmctl
    re-reads the service and applies the change once more."""
    dp_service, sw_service = _twins(dp_client, client, cleanup)
    dp_service.update(labels={"stage": "two"})
    sw_service.update(labels={"stage": "two"})
    stale = sw_service.version

    with pytest.raises(docker.errors.APIError) as info:
        dp_service.update(labels={"stage": "three"})
    assert info.value.status_code == 500
    assert info.value.explanation.endswith("update out of sequence")
    assert _stored_spec(api, dp_service.id)["Labels"] == {"stage": "two"}

    assert sw_service.update(labels={"stage": "three"}) == {"Warnings": None}
    assert _stored_spec(api, sw_service.id)["Labels"] == {"stage": "three"}
    assert sw_service.version > stale  # the retry reloaded the object


# -- logs ----------------------------------------------------------------------------------

def test_logs(dp_client, client, cleanup):
    service = client.services.create(
        IMAGE, ["sh", "-c", "echo out-1; echo err-1 >&2; echo out-2; exec sleep 600"],
        name=fresh_name("logs"), init=True)
    cleanup.append(service.id)
    dp_service = dp_client.services.get(service.id)

    wait_for(lambda: len(list(service.logs(stdout=True, stderr=True))) == 3, timeout=40,
             message="three log lines")
    for kwargs in ({"stdout": True}, {"stderr": True}, {"stdout": True, "tail": 1}):
        assert list(service.logs(**kwargs)) == list(dp_service.logs(**kwargs)), kwargs
    both = sorted(service.logs(stdout=True, stderr=True))
    assert both == sorted(dp_service.logs(stdout=True, stderr=True))
    assert both == [b"err-1\n", b"out-1\n", b"out-2\n"]

    # follow=True: a generator that then waits for more. (Not combined with tail: the
    # 20.10 engine sometimes sends nothing at all for follow+tail, with either library.)
    for lib_service in (service, dp_service):
        stream = lib_service.logs(stdout=True, follow=True)
        assert [next(stream), next(stream)] == [b"out-1\n", b"out-2\n"]
        stream.close()

    # Documented difference: no stream chosen.
    with pytest.raises(docker.errors.APIError) as info:
        dp_service.logs()
    assert info.value.status_code == 500
    assert info.value.explanation == "Bad parameters: you must choose at least one stream"
    assert sorted(service.logs()) == both


def test_tty_logs_same_bytes(dp_client, client, cleanup):
    service = client.services.create(IMAGE, ["sh", "-c", "echo tty-out; exec sleep 600"],
                                     name=fresh_name("tty"), tty=True, init=True)
    cleanup.append(service.id)
    dp_service = dp_client.services.get(service.id)
    wait_for(lambda: b"tty-out" in b"".join(service.logs(stdout=True)), timeout=40,
             message="the tty line")
    # docker-py yields 1-byte chunks for a TTY; the joined bytes are what matter.
    dp_chunks = list(dp_service.logs(stdout=True))
    assert {len(c) for c in dp_chunks} == {1}
    assert b"".join(service.logs(stdout=True)) == b"".join(dp_chunks)


# -- the objects ---------------------------------------------------------------------------

def test_model_objects_behave_alike(dp_client, client, cleanup):
    name = fresh_name("model")
    service = client.services.create(IMAGE, SLEEP, name=name, init=True,
                                     labels={"diff": name})
    cleanup.append(service.id)
    sw = client.services.get(service.id)
    dp = dp_client.services.get(service.id)

    assert sw.attrs == dp.attrs
    assert set(service.attrs) == set(dp.attrs)
    assert (sw.id, sw.short_id, sw.name, sw.version) == (dp.id, dp.short_id, dp.name, dp.version)
    assert repr(sw) == repr(dp) == f"<Service: {service.id[:12]}>"
    assert hash(sw) == hash(dp) == hash(service)
    assert sw == service and dp == dp_client.services.get(name)
    assert sw != dp and dp != sw  # equality needs the same class
    assert len({sw, service, client.services.get(name)}) == 1
    assert service in client.services.list() and dp in dp_client.services.list()

    [sw_listed] = client.services.list(filters={"label": f"diff={name}"})
    [dp_listed] = dp_client.services.list(filters={"label": f"diff={name}"})
    assert sw_listed.attrs == dp_listed.attrs
    [sw_status] = client.services.list(filters={"id": service.id}, status=True)
    [dp_status] = dp_client.services.list(filters={"id": service.id}, status=True)
    assert set(sw_status.attrs) == set(dp_status.attrs) and "ServiceStatus" in sw_status.attrs
    assert (client.services.get(name, insert_defaults=True).attrs
            == dp_client.services.get(name, insert_defaults=True).attrs)

    filters_sw, filters_dp = {"desired-state": "running"}, {"desired-state": "running"}
    sw_tasks, dp_tasks = sw.tasks(filters=filters_sw), dp.tasks(filters=filters_dp)
    assert filters_sw == filters_dp == {"desired-state": "running", "service": service.id}
    assert [t["ID"] for t in sw_tasks] == [t["ID"] for t in dp_tasks]


def test_from_env_alike(engine, monkeypatch):
    monkeypatch.setenv("DOCKER_HOST", engine.host)
    for var in ("DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH", "DOCKER_CONTEXT", "DOCKER_API_VERSION"):
        monkeypatch.delenv(var, raising=False)
    explicit = {"DOCKER_HOST": engine.host}
    dp_explicit = docker.from_env(environment=explicit, version="1.40", timeout=9)
    sw_explicit = swarmctl.from_env(environment=explicit, version="1.40", timeout=9)
    assert (sw_explicit.api.api_version, sw_explicit.api.timeout) == \
        (dp_explicit.api.api_version, dp_explicit.api.timeout) == ("1.40", 9)
    dp_explicit.close()
    sw_explicit.close()

    dp, sw = docker.from_env(), swarmctl.from_env()
    try:
        assert sw.api.api_version == dp.api.api_version == "1.41"
        assert sw.api.base_url == dp.api.base_url == "http+docker://localhost"
        assert sw.api.timeout == dp.api.timeout == 60
        assert ({s.id for s in sw.services.list()} == {s.id for s in dp.services.list()})
    finally:
        dp.close()
        sw.close()

    # Difference (swarmctl.client.DockerClient.from_env): DOCKER_API_VERSION pins the version,
    # as the Docker CLI does; docker-py ignores the variable and negotiates.
    monkeypatch.setenv("DOCKER_API_VERSION", "1.40")
    dp, sw = docker.from_env(), swarmctl.from_env()
    try:
        assert dp.api.api_version == "1.41"
        assert sw.api.api_version == "1.40"
    finally:
        dp.close()
        sw.close()


# -- errors ----------------------------------------------------------------------------------

def test_list_rejects_unknown_keywords_alike(dp_client, client):
    dp_error = raised(lambda: dp_client.services.list(name="web"))
    assert isinstance(dp_error, TypeError)
    sw_error = raised(lambda: client.services.list(name="web"))
    assert isinstance(sw_error, TypeError)


def test_errors_alike(dp_client, client, cleanup):
    taken = client.services.create(IMAGE, SLEEP, name=fresh_name("taken"), init=True)
    cleanup.append(taken.id)
    job = client.services.create(IMAGE, ["true"], name=fresh_name("job"), mode="replicated-job")
    cleanup.append(job.id)
    glob = client.services.create(IMAGE, SLEEP, name=fresh_name("glob"), mode="global", init=True)
    cleanup.append(glob.id)
    removed = client.services.create(IMAGE, SLEEP, name=fresh_name("gone"), init=True)
    cleanup.append(removed.id)
    gone = {id(client): client.services.get(removed.id),
            id(dp_client): dp_client.services.get(removed.id)}
    removed.remove()
    stale_version = taken.version
    taken.update(labels={"bump": "1"})  # the cached version is now stale

    calls = {
        "get-unknown": lambda c, t: c.services.get("no-such-service-diff"),
        "reload-removed": lambda c, t: gone[id(c)].reload(),
        "logs-unknown-at-call-time": lambda c, t: c.api.service_logs("no-such-service-diff",
                                                                     stdout=True),
        "inspect-task-unknown": lambda c, t: c.api.inspect_task("no-such-task-diff"),
        "remove-unknown": lambda c, t: c.api.remove_service("no-such-service-diff"),
        "name-conflict": lambda c, t: c.services.create(IMAGE, SLEEP, name=taken.name),
        "bad-filter": lambda c, t: c.services.list(filters={"bogus": "1"}),
        "stale-version": lambda c, t: c.api.update_service(taken.id, stale_version,
                                                           labels={"x": "y"},
                                                           fetch_current_spec=True),
        "scale-job": lambda c, t: c.services.get(job.id).scale(2),
        "scale-global": lambda c, t: c.services.get(glob.id).scale(2),
        "unknown-kwarg": lambda c, t: c.services.create(IMAGE, replicas=2),
        "unknown-kwargs": lambda c, t: c.services.create(IMAGE, cpus=2, memory="1g"),
        "update-unknown-kwarg": lambda c, t: c.services.get(taken.id).update(replicas=2),
        "no-image": lambda c, t: c.api.create_service({"ContainerSpec": {}}),
        "null-resource": lambda c, t: c.api.inspect_service(""),
        "bad-mode": lambda c, t: t.ServiceMode("sharded"),
        "bad-failure-action": lambda c, t: t.UpdateConfig(failure_action="explode"),
        "bad-restart-condition": lambda c, t: t.RestartPolicy("sometimes"),
        "bad-mount": lambda c, t: t.Mount.parse_mount_string("a:b:c:d"),
        "collection-called": lambda c, t: c.services(),
        # swarmctl picks both streams only when neither is mentioned at all
        "logs-streams-turned-off": lambda c, t: c.services.get(taken.id).logs(stdout=False,
                                                                              stderr=False),
        "logs-stdout-off": lambda c, t: c.services.get(taken.id).logs(stdout=False),
    }
    for label, call in calls.items():
        dp_error = raised(lambda: call(dp_client, docker.types))
        sw_error = raised(lambda: call(client, swarmctl.types))
        assert type(sw_error).__name__ == type(dp_error).__name__, label
        assert str(sw_error) == str(dp_error), label
        if isinstance(dp_error, docker.errors.APIError):
            assert isinstance(sw_error, swarmctl.errors.APIError), label
            assert sw_error.status_code == dp_error.status_code, label
            assert sw_error.explanation == dp_error.explanation, label
        elif isinstance(dp_error, docker.errors.DockerException):
            assert isinstance(sw_error, swarmctl.errors.DockerException), label
