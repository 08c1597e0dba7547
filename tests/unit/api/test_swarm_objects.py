"""APIClient's node, network, secret, config and swarm methods over the fake engine.

Each call runs twice, through swarmctl's APIClient and through docker-py's, both wired to
one FakeEngine: the requests they send (method, path, query, body bytes, content type), what
they return, and what they raise (class and message) must be the same. docker-py is a
test-only dependency; without it the differential tests are skipped and the rest still run.
"""
from __future__ import annotations

import json

import pytest

import swarmctl.types
from swarmctl import errors
from tests.unit.fake_engine import FAKE_HOST

try:
    import docker as docker_py
except ImportError:  # pragma: no cover - docker-py is in the test extra
    docker_py = None

needs_docker_py = pytest.mark.skipif(docker_py is None, reason="docker-py is not installed")

NODE = {"ID": "node1", "Version": {"Index": 7}, "Spec": {"Role": "manager",
                                                         "Availability": "active"}}
NETWORK = {"Id": "net1", "Name": "backend", "Scope": "swarm", "Driver": "overlay"}
SWARM = {"ID": "swarm1", "Version": {"Index": 11}, "Spec": {"Name": "default"}}


def _docker_py_client(engine, version):
    client = docker_py.APIClient(base_url=FAKE_HOST, version=version)
    client.mount("http+docker://", engine)
    return client


def _sent(engine):
    return [(s.method, s.path, s.query, s.body, s.headers.get("Content-Type"))
            for s in engine.sent]


def _outcome(call, client, types):
    try:
        return "returned", call(client, types)
    except Exception as error:  # noqa: BLE001 - compared by class name and message
        return "raised", (type(error).__name__, str(error))


def _both(fake_engine, call, version="1.41", answers=()):
    """(swarmctl's outcome and requests, docker-py's outcome and requests) for one call."""
    results = []
    for make_client, types in ((fake_engine.api_client, swarmctl.types),
                               (None, getattr(docker_py, "types", None))):
        fake_engine.sent.clear()
        fake_engine._answers.clear()
        for answer in answers:
            fake_engine.reply(*answer[:2], **answer[2])
        client = make_client(version=version) if make_client else _docker_py_client(fake_engine, version)
        results.append((_outcome(call, client, types), _sent(fake_engine)))
        client.close()
    return results


def _ok(method, path, body=None, status=200):
    if body is None:
        return (method, path, {"text": "", "status": status or 200})
    return (method, path, {"json_body": body, "status": status})


# -- requests, bodies and answers -----------------------------------------------------------------
# (id, call(client, types), answers queued)

CALLS = [
    ("nodes", lambda c, t: c.nodes(), [_ok("GET", "/v1.41/nodes", [NODE])]),
    ("nodes-filters", lambda c, t: c.nodes(filters={"role": "manager", "label": ["a=b", "c"]}),
     [_ok("GET", "/v1.41/nodes", [NODE])]),
    ("inspect-node", lambda c, t: c.inspect_node("node1"), [_ok("GET", "/v1.41/nodes/node1", NODE)]),
    ("inspect-node-dict", lambda c, t: c.inspect_node({"ID": "node1"}),
     [_ok("GET", "/v1.41/nodes/node1", NODE)]),
    ("update-node", lambda c, t: c.update_node("node1", 7, {"Availability": "drain", "Role": "worker",
                                                           "Labels": {"zone": "a"}, "Name": None}),
     [_ok("POST", "/v1.41/nodes/node1/update")]),
    ("update-node-no-spec", lambda c, t: c.update_node("node1", 7),
     [_ok("POST", "/v1.41/nodes/node1/update")]),
    ("remove-node", lambda c, t: c.remove_node("node1"), [_ok("DELETE", "/v1.41/nodes/node1")]),
    ("remove-node-force", lambda c, t: c.remove_node("node1", force=True),
     [_ok("DELETE", "/v1.41/nodes/node1")]),

    ("networks", lambda c, t: c.networks(), [_ok("GET", "/v1.41/networks", [NETWORK])]),
    ("networks-filters", lambda c, t: c.networks(names=["backend"], ids=["net1"],
                                                 filters={"driver": "overlay", "scope": "swarm"}),
     [_ok("GET", "/v1.41/networks", [NETWORK])]),
    ("create-network-minimal", lambda c, t: c.create_network("backend"),
     [_ok("POST", "/v1.41/networks/create", {"Id": "net1", "Warning": ""}, 201)]),
    ("create-network-everything", lambda c, t: c.create_network(
        "backend", driver="overlay", options={"com.docker.network.driver.mtu": "1400"},
        ipam=t.IPAMConfig(driver="default", options={"o": "1"}, pool_configs=[
            t.IPAMPool(subnet="10.77.0.0/24", iprange="10.77.0.0/25", gateway="10.77.0.1",
                       aux_addresses={"reserved": "10.77.0.2"}),
            t.IPAMPool(subnet="10.78.0.0/24")]),
        check_duplicate=True, internal=True, labels={"team": "a"}, enable_ipv6=True,
        attachable=True, scope="swarm", ingress=False),
     [_ok("POST", "/v1.41/networks/create", {"Id": "net1", "Warning": ""}, 201)]),
    ("create-network-false-flags", lambda c, t: c.create_network(
        "backend", internal=False, enable_ipv6=False, attachable=False, labels={}),
     [_ok("POST", "/v1.41/networks/create", {"Id": "net1"}, 201)]),
    ("inspect-network", lambda c, t: c.inspect_network("backend", verbose=True, scope="swarm"),
     [_ok("GET", "/v1.41/networks/backend", NETWORK)]),
    ("inspect-network-dict", lambda c, t: c.inspect_network({"Id": "net1"}),
     [_ok("GET", "/v1.41/networks/net1", NETWORK)]),
    ("remove-network", lambda c, t: c.remove_network("net1"),
     [_ok("DELETE", "/v1.41/networks/net1", status=204)]),
    ("prune-networks", lambda c, t: c.prune_networks(),
     [_ok("POST", "/v1.41/networks/prune", {"NetworksDeleted": None})]),
    ("prune-networks-filters", lambda c, t: c.prune_networks(filters={"label": ["a=b"]}),
     [_ok("POST", "/v1.41/networks/prune", {"NetworksDeleted": ["old"]})]),
    ("connect", lambda c, t: c.connect_container_to_network(
        "ctr1", "net1", ipv4_address="10.77.0.9", ipv6_address="fd00::9", aliases=["db"],
        links={"b": "bee", "a": None}, link_local_ips=["169.254.1.1"],
        driver_opt={"k": "v"}, mac_address="02:42:ac:11:00:09"),
     [_ok("POST", "/v1.41/networks/net1/connect")]),
    ("connect-minimal", lambda c, t: c.connect_container_to_network("ctr1", "net1"),
     [_ok("POST", "/v1.41/networks/net1/connect")]),
    ("disconnect", lambda c, t: c.disconnect_container_from_network("ctr1", "net1"),
     [_ok("POST", "/v1.41/networks/net1/disconnect")]),
    ("disconnect-force", lambda c, t: c.disconnect_container_from_network("ctr1", "net1", force=True),
     [_ok("POST", "/v1.41/networks/net1/disconnect")]),

    ("secrets", lambda c, t: c.secrets(filters={"names": ["pw"]}),
     [_ok("GET", "/v1.41/secrets", [{"ID": "s1"}])]),
    ("create-secret", lambda c, t: c.create_secret("pw", "s3cr3t\u00e9", labels={"k": "v"},
                                                   driver=t.DriverConfig("vault", {"a": "b"})),
     [_ok("POST", "/v1.41/secrets/create", {"ID": "s1"}, 201)]),
    ("inspect-secret", lambda c, t: c.inspect_secret("s1"), [_ok("GET", "/v1.41/secrets/s1", {"ID": "s1"})]),
    ("remove-secret", lambda c, t: c.remove_secret("s1"), [_ok("DELETE", "/v1.41/secrets/s1", status=204)]),
    ("configs", lambda c, t: c.configs(filters={"label": "a"}),
     [_ok("GET", "/v1.41/configs", [{"ID": "c1"}])]),
    ("create-config", lambda c, t: c.create_config("cfg", b"\x00k=v", labels={"k": "v"},
                                                   templating={"Name": "golang"}),
     [_ok("POST", "/v1.41/configs/create", {"ID": "c1"}, 201)]),
    ("inspect-config", lambda c, t: c.inspect_config("c1"), [_ok("GET", "/v1.41/configs/c1", {"ID": "c1"})]),
    ("remove-config", lambda c, t: c.remove_config("c1"), [_ok("DELETE", "/v1.41/configs/c1", status=204)]),

    ("inspect-swarm", lambda c, t: c.inspect_swarm(), [_ok("GET", "/v1.41/swarm", SWARM)]),
    ("get-unlock-key", lambda c, t: c.get_unlock_key(),
     [_ok("GET", "/v1.41/swarm/unlockkey", {"UnlockKey": "SWMKEY-1-x"})]),
    ("init-swarm-minimal", lambda c, t: c.init_swarm(),
     [_ok("POST", "/v1.41/swarm/init", "node1")]),
    ("init-swarm-everything", lambda c, t: c.init_swarm(
        advertise_addr="eth0:4567", listen_addr="0.0.0.0:5000", force_new_cluster=True,
        swarm_spec=c.create_swarm_spec(
            task_history_retention_limit=3, snapshot_interval=5000,
            log_entries_for_slow_followers=1200, dispatcher_heartbeat_period=5_000_000_000,
            node_cert_expiry=3600_000_000_000, name="default", labels={"a": "b"},
            external_ca=t.SwarmExternalCA("https://ca.example:8443", protocol="cfssl"),
            signing_ca_cert="CERT", signing_ca_key="KEY", ca_force_rotate=2,
            autolock_managers=False, log_driver=t.DriverConfig("json-file", {"max-size": "1m"})),
        default_addr_pool=["10.20.0.0/16"], subnet_size=26, data_path_addr="eth0"),
     [_ok("POST", "/v1.41/swarm/init", "node1")]),
    ("init-swarm-pool-only", lambda c, t: c.init_swarm(default_addr_pool=["10.20.0.0/16"]),
     [_ok("POST", "/v1.41/swarm/init", "node1")]),
    ("init-swarm-size-only", lambda c, t: c.init_swarm(subnet_size=26),
     [_ok("POST", "/v1.41/swarm/init", "node1")]),
    ("init-swarm-data-path-port", lambda c, t: c.init_swarm(data_path_port=4790),
     [_ok("POST", "/v1.41/swarm/init", "node1")]),
    ("join-swarm", lambda c, t: c.join_swarm(["10.0.0.1:2377"], "SWMTKN-1-x",
                                             advertise_addr="10.0.0.2", data_path_addr="eth0"),
     [_ok("POST", "/v1.41/swarm/join")]),
    ("leave-swarm", lambda c, t: c.leave_swarm(), [_ok("POST", "/v1.41/swarm/leave")]),
    ("leave-swarm-force", lambda c, t: c.leave_swarm(force=True), [_ok("POST", "/v1.41/swarm/leave")]),
    ("update-swarm", lambda c, t: c.update_swarm(
        11, swarm_spec=c.create_swarm_spec(heartbeat_tick=2, election_tick=20, keep_old_snapshots=1,
                                           external_cas=[t.SwarmExternalCA("https://a"),
                                                         t.SwarmExternalCA("https://b")]),
        rotate_worker_token=True, rotate_manager_token=True, rotate_manager_unlock_key=True),
     [_ok("POST", "/v1.41/swarm/update")]),
    ("update-swarm-no-spec", lambda c, t: c.update_swarm(11), [_ok("POST", "/v1.41/swarm/update")]),
    ("unlock-swarm", lambda c, t: c.unlock_swarm("SWMKEY-1-x"), [_ok("POST", "/v1.41/swarm/unlock")]),
    ("unlock-swarm-dict", lambda c, t: c.unlock_swarm({"UnlockKey": "SWMKEY-1-x"}),
     [_ok("POST", "/v1.41/swarm/unlock")]),
]


@needs_docker_py
@pytest.mark.parametrize("call, answers", [c[1:] for c in CALLS], ids=[c[0] for c in CALLS])
def test_same_requests_and_results_as_docker_py(fake_engine, call, answers):
    (ours, our_requests), (theirs, their_requests) = _both(fake_engine, call, answers=answers)
    assert ours[0] == "returned", ours
    assert ours == theirs
    assert our_requests == their_requests
    assert len(our_requests) == 1


def test_bodies_hold_the_api_json(fake_engine):
    """A few bodies spelled out, so the differential above cannot agree on nonsense."""
    client = fake_engine.api_client()
    fake_engine.reply("POST", "/v1.41/networks/create", {"Id": "net1"}, status=201)
    ipam = swarmctl.types.IPAMConfig(pool_configs=[swarmctl.types.IPAMPool(subnet="10.77.0.0/24")])
    assert client.create_network("backend", driver="overlay", attachable=True, ipam=ipam) == {"Id": "net1"}
    assert fake_engine.sent[-1].json == {
        "Name": "backend", "Driver": "overlay",
        "IPAM": {"Driver": "default", "Config": [{"Subnet": "10.77.0.0/24", "IPRange": None,
                                                   "Gateway": None, "AuxiliaryAddresses": None}]},
        "Attachable": True}

    fake_engine.reply("POST", "/v1.41/swarm/update", text="")
    spec = client.create_swarm_spec(snapshot_interval=5000, autolock_managers=True)
    assert client.update_swarm(11, spec, rotate_worker_token=True) is True
    sent = fake_engine.sent[-1]
    assert sent.json == {"Raft": {"SnapshotInterval": 5000, "KeepOldSnapshots": None,
                                  "LogEntriesForSlowFollowers": None, "HeartbeatTick": None,
                                  "ElectionTick": None},
                         "EncryptionConfig": {"AutoLockManagers": True}}
    assert sent.query == {"rotateWorkerToken": ["True"], "rotateManagerToken": ["False"],
                          "version": ["11"]}

    fake_engine.reply("POST", "/v1.41/swarm/update", text="")
    client.update_swarm(12)
    assert fake_engine.sent[-1].body == b"{}"

    fake_engine.reply("POST", "/v1.41/swarm/init", "node9")
    assert client.init_swarm(subnet_size=26) == "node9"
    assert fake_engine.sent[-1].json == {"ListenAddr": "0.0.0.0:2377", "DefaultAddrPool": ["10.0.0.0/8"],
                                         "SubnetSize": 26, "ForceNewCluster": False}

    fake_engine.reply("POST", "/v1.41/networks/n/connect", text="")
    client.connect_container_to_network("ctr1", "n", aliases=["db"], links=[("a", "b")])
    assert fake_engine.sent[-1].json == {"Container": "ctr1",
                                         "EndpointConfig": {"Aliases": ["db"], "Links": ["a:b"]}}


# -- version gates --------------------------------------------------------------------------------
# (id, version, call): each must be refused before anything is sent, in docker-py's words.

GATES = [
    ("secrets", "1.24", lambda c, t: c.secrets()),
    ("inspect-secret", "1.24", lambda c, t: c.inspect_secret("s1")),
    ("configs", "1.29", lambda c, t: c.configs()),
    ("create-config", "1.29", lambda c, t: c.create_config("c", b"x")),
    ("prune-networks", "1.24", lambda c, t: c.prune_networks()),
    ("secret-driver", "1.30", lambda c, t: c.create_secret("s", b"x", driver={"Name": "v"})),
    ("network-ingress", "1.28", lambda c, t: c.create_network("n", ingress=True)),
    ("network-scope", "1.29", lambda c, t: c.create_network("n", scope="swarm")),
    ("inspect-network-verbose", "1.27", lambda c, t: c.inspect_network("n", verbose=True)),
    ("connect-driver-opt", "1.31", lambda c, t: c.connect_container_to_network(
        "ctr", "n", driver_opt={"k": "v"})),
    ("init-pool", "1.38", lambda c, t: c.init_swarm(default_addr_pool=["10.20.0.0/16"])),
    ("init-subnet-size", "1.38", lambda c, t: c.init_swarm(subnet_size=24)),
    ("init-data-path-addr", "1.29", lambda c, t: c.init_swarm(data_path_addr="eth0")),
    ("init-data-path-port", "1.39", lambda c, t: c.init_swarm(data_path_port=4790)),
    ("join-data-path-addr", "1.29", lambda c, t: c.join_swarm(["a:2377"], "t", data_path_addr="eth0")),
    ("update-rotate-unlock-key", "1.24", lambda c, t: c.update_swarm(1, rotate_manager_unlock_key=True)),
    ("spec-signing-ca", "1.29", lambda c, t: c.create_swarm_spec(signing_ca_cert="CERT")),
    ("spec-autolock", "1.24", lambda c, t: c.create_swarm_spec(autolock_managers=True)),
    ("spec-external-cas", "1.24", lambda c, t: c.create_swarm_spec(
        external_cas=[t.SwarmExternalCA("https://a"), t.SwarmExternalCA("https://b")])),
]


@needs_docker_py
@pytest.mark.parametrize("version, call", [g[1:] for g in GATES], ids=[g[0] for g in GATES])
def test_version_gates_refuse_before_sending_as_docker_py(fake_engine, version, call):
    (ours, our_requests), (theirs, their_requests) = _both(fake_engine, call, version=version)
    assert ours[0] == "raised" and ours[1][0] == "InvalidVersion", ours
    assert ours == theirs
    assert our_requests == their_requests == []


@pytest.mark.parametrize("version, call", [g[1:] for g in GATES], ids=[g[0] for g in GATES])
def test_version_gates_refuse_before_sending(fake_engine, version, call):
    with pytest.raises(errors.InvalidVersion):
        call(fake_engine.api_client(version=version), swarmctl.types)
    assert fake_engine.sent == []


def test_inspect_network_scope_is_sent_at_any_version(fake_engine):
    # A deliberate difference: docker-py refuses scope below 1.31; the CLI's --network
    # look-ups send it at any version, as the Docker CLI does.
    fake_engine.reply("GET", "/v1.30/networks/n", NETWORK)
    fake_engine.api_client(version="1.30").inspect_network("n", scope="swarm")
    assert fake_engine.sent[-1].query == {"scope": ["swarm"]}


def test_one_external_ca_is_sent_alone_below_1_25(fake_engine):
    spec = fake_engine.api_client(version="1.24").create_swarm_spec(
        external_ca=swarmctl.types.SwarmExternalCA("https://a"))
    assert spec == {"CAConfig": {"ExternalCA": {"URL": "https://a", "Protocol": None,
                                                "Options": None, "CACert": None}}}


# -- bad input and error answers ------------------------------------------------------------------

LOCAL_REFUSALS = [
    ("network-options", lambda c, t: c.create_network("n", options="mtu=1400")),
    ("network-labels", lambda c, t: c.create_network("n", labels=["a=b"])),
    ("init-spec", lambda c, t: c.init_swarm(swarm_spec="spec")),
    ("unlock-dict", lambda c, t: c.unlock_swarm({"Key": "x"})),
    ("inspect-node-none", lambda c, t: c.inspect_node(None)),
    ("remove-node-empty", lambda c, t: c.remove_node("")),
    ("inspect-network-none", lambda c, t: c.inspect_network(None)),
    ("remove-network-none", lambda c, t: c.remove_network(None)),
    ("inspect-secret-none", lambda c, t: c.inspect_secret(None)),
    ("remove-config-none", lambda c, t: c.remove_config(None)),
    ("connect-none", lambda c, t: c.connect_container_to_network(None, "n")),
    ("ipam-options", lambda c, t: t.IPAMConfig(options="x")),
    ("endpoint-driver-opt", lambda c, t: c.create_endpoint_config(driver_opt="x")),
]


@needs_docker_py
@pytest.mark.parametrize("call", [r[1] for r in LOCAL_REFUSALS], ids=[r[0] for r in LOCAL_REFUSALS])
def test_bad_input_is_refused_locally_as_docker_py(fake_engine, call):
    (ours, our_requests), (theirs, their_requests) = _both(fake_engine, call)
    assert ours[0] == "raised", ours
    assert ours == theirs
    assert our_requests == their_requests == []


def test_bad_input_raises_docker_py_exception_types(fake_engine):
    client = fake_engine.api_client()
    with pytest.raises(TypeError, match="options must be a dictionary"):
        client.create_network("n", options="x")
    with pytest.raises(errors.InvalidArgument, match="Invalid unlock key format"):
        client.unlock_swarm({"Key": "x"})
    with pytest.raises(errors.NullResource, match="Resource ID was not provided"):
        client.remove_node(None)
    assert fake_engine.sent == []


ERROR_ANSWERS = [
    ("inspect-node-404", lambda c, t: c.inspect_node("nosuch"),
     ("GET", "/v1.41/nodes/nosuch", 404, "node nosuch not found")),
    ("remove-node-up", lambda c, t: c.remove_node("node2"),
     ("DELETE", "/v1.41/nodes/node2", 400,
      "rpc error: code = FailedPrecondition desc = node node2 is not down and can't be removed")),
    ("update-node-sequence", lambda c, t: c.update_node("node1", 3, {"Role": "worker"}),
     ("POST", "/v1.41/nodes/node1/update", 500, "rpc error: code = Unknown desc = update out of sequence")),
    ("create-network-409", lambda c, t: c.create_network("dup", driver="overlay"),
     ("POST", "/v1.41/networks/create", 409, "network with name dup already exists")),
    ("remove-network-in-use", lambda c, t: c.remove_network("net1"),
     ("DELETE", "/v1.41/networks/net1", 403,
      "rpc error: code = FailedPrecondition desc = network net1 is in use by service svc1")),
    ("connect-404", lambda c, t: c.connect_container_to_network("nosuch", "net1"),
     ("POST", "/v1.41/networks/net1/connect", 404, "No such container: nosuch")),
    ("create-secret-409", lambda c, t: c.create_secret("dup", b"x"),
     ("POST", "/v1.41/secrets/create", 409,
      "rpc error: code = AlreadyExists desc = secret dup already exists")),
    ("inspect-config-404", lambda c, t: c.inspect_config("nosuch"),
     ("GET", "/v1.41/configs/nosuch", 404, "config nosuch not found")),
    ("inspect-swarm-503", lambda c, t: c.inspect_swarm(),
     ("GET", "/v1.41/swarm", 503,
      "This node is not a swarm manager. Use \"docker swarm init\" or \"docker swarm join\" "
      "to connect this node to swarm and try again.")),
    ("init-swarm-503", lambda c, t: c.init_swarm(),
     ("POST", "/v1.41/swarm/init", 503,
      "This node is already part of a swarm. Use \"docker swarm leave\" to leave this swarm "
      "and join another one.")),
    ("leave-swarm-503", lambda c, t: c.leave_swarm(),
     ("POST", "/v1.41/swarm/leave", 503, "This node is not part of a swarm")),
    ("leave-swarm-manager", lambda c, t: c.leave_swarm(),
     ("POST", "/v1.41/swarm/leave", 503, "You are attempting to leave the swarm on a node that "
                                          "is participating as a manager.")),
    ("unlock-not-locked", lambda c, t: c.unlock_swarm("SWMKEY-1-x"),
     ("POST", "/v1.41/swarm/unlock", 503, "swarm is not locked")),
    ("update-swarm-400", lambda c, t: c.update_swarm(1, {"Raft": {"ElectionTick": 1}}),
     ("POST", "/v1.41/swarm/update", 400, "invalid election tick")),
]


@needs_docker_py
@pytest.mark.parametrize("call, answer", [e[1:] for e in ERROR_ANSWERS], ids=[e[0] for e in ERROR_ANSWERS])
def test_error_answers_raise_as_docker_py(fake_engine, call, answer):
    method, path, status, message = answer
    (ours, _), (theirs, _) = _both(
        fake_engine, call, answers=[(method, path, {"json_body": {"message": message}, "status": status})])
    assert ours[0] == "raised", ours
    assert ours == theirs


@pytest.mark.parametrize("status", [406, 503])
def test_forced_leave_of_an_engine_in_no_swarm_succeeds(fake_engine, status):
    fake_engine.error("POST", "/v1.41/swarm/leave", status, "This node is not part of a swarm")
    assert fake_engine.api_client().leave_swarm(force=True) is True
    assert fake_engine.sent[-1].query == {"force": ["True"]}


def test_not_found_is_not_found(fake_engine):
    fake_engine.error("GET", "/v1.41/networks/nosuch", 404, "network nosuch not found")
    with pytest.raises(errors.NotFound) as info:
        fake_engine.api_client().inspect_network("nosuch")
    assert info.value.explanation == "network nosuch not found"


# -- what swarmctl leaves to docker-py ------------------------------------------------------------

@pytest.mark.parametrize("name", ["create_container", "containers", "images", "pull", "build",
                                  "exec_create", "volumes", "create_volume", "plugins"])
def test_out_of_scope_methods_say_to_use_docker_py(fake_engine, name):
    client = fake_engine.api_client()
    with pytest.raises(errors.OutOfScope) as info:
        getattr(client, name)
    assert isinstance(info.value, AttributeError)
    assert f"'APIClient' object has no attribute '{name}'" in str(info.value)
    assert "use docker-py" in str(info.value)
    assert not hasattr(client, name)
    assert fake_engine.sent == []


def test_unknown_attribute_is_a_plain_attribute_error(fake_engine):
    client = fake_engine.api_client()
    with pytest.raises(AttributeError) as info:
        client.no_such_method  # noqa: B018
    assert type(info.value) is AttributeError
    assert str(info.value) == "'_FakeTransportAPIClient' object has no attribute 'no_such_method'"


def test_request_bodies_are_json(fake_engine):
    fake_engine.reply("POST", "/v1.41/swarm/join", text="")
    fake_engine.api_client().join_swarm(["10.0.0.1:2377"], "tok")
    sent = fake_engine.sent[-1]
    assert sent.headers["Content-Type"] == "application/json"
    assert json.loads(sent.body) == {"RemoteAddrs": ["10.0.0.1:2377"], "ListenAddr": "0.0.0.0:2377",
                                     "JoinToken": "tok"}
