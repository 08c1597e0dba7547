"""client.nodes, client.networks, client.secrets, client.configs and client.swarm over the
fake engine: the requests each call makes and what it gives back, compared with docker-py's
DockerClient on the same fake engine where docker-py is installed."""
from __future__ import annotations

import pytest

from swarmctl import errors
from swarmctl.models.configs import Config
from swarmctl.models.networks import Network
from swarmctl.models.nodes import Node
from swarmctl.models.secrets import Secret
from swarmctl.models.swarm import Swarm
from tests.unit.fake_engine import FAKE_HOST

try:
    import docker as docker_py
except ImportError:  # pragma: no cover - docker-py is in the test extra
    docker_py = None

NODE = {"ID": "node1abcdefghijk", "Version": {"Index": 7},
        "Spec": {"Role": "manager", "Availability": "active", "Labels": {}},
        "Description": {"Hostname": "swarmctl-node1"}}
NETWORK = {"Id": "net1abcdefghijk", "Name": "backend", "Scope": "swarm", "Driver": "overlay"}
SWARM = {"ID": "swarm1abcdefghij", "Version": {"Index": 11}, "Spec": {"Name": "default"}}
NOT_IN_SWARM = ("This node is not a swarm manager. Use \"docker swarm init\" or \"docker swarm "
                "join\" to connect this node to swarm and try again.")


@pytest.fixture
def client(fake_engine):
    client = fake_engine.docker_client()
    yield client
    client.close()


# -- nodes ----------------------------------------------------------------------------------------

def test_nodes_list_get_update_remove(fake_engine, client):
    fake_engine.reply("GET", "/v1.41/nodes", [NODE])
    fake_engine.reply("GET", "/v1.41/nodes/swarmctl-node1", NODE)
    fake_engine.reply("POST", "/v1.41/nodes/node1abcdefghijk/update", text="")
    fake_engine.reply("DELETE", "/v1.41/nodes/node1abcdefghijk", text="")

    nodes = client.nodes.list(filters={"role": "manager"})
    assert [type(n) for n in nodes] == [Node] and nodes[0].id == NODE["ID"]
    assert fake_engine.sent[-1].param("filters") == '{"role": ["manager"]}'
    node = client.nodes.get("swarmctl-node1")
    assert (node.id, node.short_id, node.version) == (NODE["ID"], "node1abcdefg", 7)
    assert node == nodes[0] and repr(node) == "<Node: node1abcdefg>"

    spec = {"Availability": "drain", "Role": "manager", "Labels": {"zone": "a"}}
    assert node.update(spec) is True
    update = fake_engine.sent[-1]
    assert update.query == {"version": ["7"]} and update.json == spec
    assert node.remove(force=True) is True
    assert fake_engine.sent[-1].query == {"force": ["True"]}


def test_node_reload_and_not_found(fake_engine, client):
    fake_engine.reply("GET", "/v1.41/nodes/node1abcdefghijk", NODE)
    node = Node(attrs={"ID": NODE["ID"]}, client=client, collection=client.nodes)
    node.reload()
    assert node.attrs == NODE
    fake_engine.error("GET", "/v1.41/nodes/nosuch", 404, "node nosuch not found")
    with pytest.raises(errors.NotFound, match="node nosuch not found"):
        client.nodes.get("nosuch")


def test_nodes_are_not_created_through_the_api(client):
    with pytest.raises(NotImplementedError, match="client.swarm.join"):
        client.nodes.create()


# -- networks -------------------------------------------------------------------------------------

def test_network_create_reads_it_back(fake_engine, client):
    fake_engine.reply("POST", "/v1.41/networks/create", {"Id": NETWORK["Id"], "Warning": ""}, status=201)
    fake_engine.reply("GET", f"/v1.41/networks/{NETWORK['Id']}", NETWORK)
    network = client.networks.create("backend", driver="overlay", attachable=True)
    assert isinstance(network, Network) and network.name == "backend" and network.attrs == NETWORK
    assert fake_engine.routes == [("POST", "/v1.41/networks/create"),
                                  ("GET", f"/v1.41/networks/{NETWORK['Id']}")]
    assert fake_engine.sent[0].json == {"Name": "backend", "Driver": "overlay", "Attachable": True}


def test_network_list_greedy_reads_each(fake_engine, client):
    fake_engine.reply("GET", "/v1.41/networks", [{"Id": "n1", "Name": "a"}, {"Id": "n2", "Name": "b"}])
    fake_engine.reply("GET", "/v1.41/networks/n1", {"Id": "n1", "Name": "a", "Containers": {}})
    fake_engine.reply("GET", "/v1.41/networks/n2", {"Id": "n2", "Name": "b", "Containers": {}})
    plain = client.networks.list(names=["a", "b"])
    assert [n.name for n in plain] == ["a", "b"] and len(fake_engine.sent) == 1
    greedy = client.networks.list(greedy=True)
    assert [n.attrs.get("Containers") for n in greedy] == [{}, {}]
    assert fake_engine.routes[1:] == [("GET", "/v1.41/networks"), ("GET", "/v1.41/networks/n1"),
                                      ("GET", "/v1.41/networks/n2")]


def test_network_get_connect_disconnect_remove_prune(fake_engine, client):
    fake_engine.reply("GET", "/v1.41/networks/backend", NETWORK)
    fake_engine.reply("POST", f"/v1.41/networks/{NETWORK['Id']}/connect", text="")
    fake_engine.reply("POST", f"/v1.41/networks/{NETWORK['Id']}/disconnect", text="")
    fake_engine.reply("DELETE", f"/v1.41/networks/{NETWORK['Id']}", status=204, text="")
    fake_engine.reply("POST", "/v1.41/networks/prune", {"NetworksDeleted": ["old"]})

    network = client.networks.get("backend", scope="swarm")
    assert fake_engine.sent[-1].query == {"scope": ["swarm"]}
    assert network.connect("ctr1", aliases=["db"]) is None
    assert fake_engine.sent[-1].json == {"Container": "ctr1", "EndpointConfig": {"Aliases": ["db"]}}
    assert network.disconnect({"Id": "ctr1"}, force=True) is None
    assert fake_engine.sent[-1].json == {"Container": "ctr1", "Force": True}
    assert network.remove() is None
    assert client.networks.prune(filters={"label": "tmp"}) == {"NetworksDeleted": ["old"]}
    assert fake_engine.sent[-1].param("filters") == '{"label": ["tmp"]}'


# -- secrets and configs --------------------------------------------------------------------------

@pytest.mark.parametrize("kind, model", [("secret", Secret), ("config", Config)])
def test_secret_and_config_collections(fake_engine, client, kind, model):
    collection = getattr(client, f"{kind}s")
    item = {"ID": "x1abcdefghijklm", "Version": {"Index": 3}, "Spec": {"Name": "pw", "Labels": {}}}
    fake_engine.reply("POST", f"/v1.41/{kind}s/create", {"ID": item["ID"]}, status=201)
    fake_engine.reply("GET", f"/v1.41/{kind}s", [item])
    fake_engine.reply("GET", f"/v1.41/{kind}s/pw", item)
    fake_engine.reply("DELETE", f"/v1.41/{kind}s/{item['ID']}", status=204, text="")

    created = collection.create(name="pw", data=b"s3cr3t", labels={"k": "v"})
    # docker-py's shape: the engine's answer plus the name it was created with
    assert type(created) is model and created.attrs == {"ID": item["ID"], "Spec": {"Name": "pw"}}
    assert repr(created) == f"<{model.__name__}: 'pw'>"
    assert [i.name for i in collection.list(filters={"name": "pw"})] == ["pw"]
    got = collection.get("pw")
    assert got == created and got.attrs == item
    assert got.remove() is True
    assert fake_engine.routes[-1] == ("DELETE", f"/v1.41/{kind}s/{item['ID']}")


def test_secret_not_found(fake_engine, client):
    fake_engine.error("GET", "/v1.41/secrets/nosuch", 404, "secret nosuch not found")
    with pytest.raises(errors.NotFound):
        client.secrets.get("nosuch")


# -- the swarm ------------------------------------------------------------------------------------

def test_swarm_is_read_when_made(fake_engine, client):
    fake_engine.reply("GET", "/v1.41/swarm", SWARM)
    swarm = client.swarm
    assert isinstance(swarm, Swarm) and swarm.attrs == SWARM
    assert (swarm.id, swarm.version) == (SWARM["ID"], 11)


@pytest.mark.parametrize("status", [406, 503])
def test_swarm_of_an_engine_in_no_swarm_is_empty(fake_engine, client, status):
    fake_engine.error("GET", "/v1.41/swarm", status, NOT_IN_SWARM)
    assert client.swarm.attrs == {}


def test_swarm_other_errors_are_raised(fake_engine, client):
    fake_engine.error("GET", "/v1.41/swarm", 500, "boom")
    with pytest.raises(errors.APIError, match="boom"):
        client.swarm  # noqa: B018


def test_swarm_init_join_leave_unlock(fake_engine, client):
    fake_engine.error("GET", "/v1.41/swarm", 503, NOT_IN_SWARM)
    swarm = client.swarm
    fake_engine.reply("POST", "/v1.41/swarm/init", "node9")
    fake_engine.reply("GET", "/v1.41/swarm", SWARM)
    assert swarm.init(advertise_addr="10.0.0.1", snapshot_interval=5000, name="default") == "node9"
    init = fake_engine.requests_to("POST", "/v1.41/swarm/init")[0]
    assert init.json == {"AdvertiseAddr": "10.0.0.1", "ListenAddr": "0.0.0.0:2377",
                         "ForceNewCluster": False,
                         "Spec": {"Raft": {"SnapshotInterval": 5000, "KeepOldSnapshots": None,
                                           "LogEntriesForSlowFollowers": None,
                                           "HeartbeatTick": None, "ElectionTick": None},
                                  "Name": "default"}}
    assert swarm.attrs == SWARM  # read again after init

    fake_engine.reply("POST", "/v1.41/swarm/join", text="")
    fake_engine.reply("POST", "/v1.41/swarm/leave", text="")
    fake_engine.reply("POST", "/v1.41/swarm/unlock", text="")
    fake_engine.reply("GET", "/v1.41/swarm/unlockkey", {"UnlockKey": "SWMKEY-1-x"})
    assert swarm.join(remote_addrs=["10.0.0.1:2377"], join_token="tok") is True
    assert swarm.leave(force=True) is True
    assert fake_engine.sent[-1].query == {"force": ["True"]}
    assert swarm.get_unlock_key() == {"UnlockKey": "SWMKEY-1-x"}
    assert swarm.unlock("SWMKEY-1-x") is True
    assert fake_engine.sent[-1].json == {"UnlockKey": "SWMKEY-1-x"}


def test_swarm_update_sends_only_the_keywords_and_the_version(fake_engine, client):
    fake_engine.reply("GET", "/v1.41/swarm", SWARM)
    fake_engine.reply("POST", "/v1.41/swarm/update", text="")
    assert client.swarm.update(task_history_retention_limit=7, rotate_worker_token=True) is True
    update = fake_engine.sent[-1]
    assert update.query == {"rotateWorkerToken": ["True"], "rotateManagerToken": ["False"],
                            "version": ["11"]}
    # docker-py's rule: node_cert_expiry is always sent, 90 days unless given
    assert update.json == {"Orchestration": {"TaskHistoryRetentionLimit": 7},
                           "CAConfig": {"NodeCertExpiry": 7776000000000000}}


# -- what swarmctl leaves to docker-py ------------------------------------------------------------

@pytest.mark.parametrize("name", ["containers", "images", "volumes", "plugins", "df", "login"])
def test_out_of_scope_collections_say_to_use_docker_py(fake_engine, client, name):
    with pytest.raises(errors.OutOfScope) as info:
        getattr(client, name)
    message = str(info.value)
    assert message.startswith(f"'DockerClient' object has no attribute '{name}': swarmctl covers")
    assert "use docker-py" in message and "2.0" not in message
    assert isinstance(info.value, AttributeError) and not hasattr(client, name)
    assert fake_engine.sent == []


def test_low_level_names_point_to_client_api(client):
    with pytest.raises(AttributeError) as info:
        client.create_network  # noqa: B018
    assert str(info.value) == ("'DockerClient' object has no attribute 'create_network'; it is a "
                               "method of the low-level client: client.api.create_network")
    with pytest.raises(AttributeError) as info:
        client.no_such_thing  # noqa: B018
    assert str(info.value) == "'DockerClient' object has no attribute 'no_such_thing'"


# -- the same calls through docker-py -------------------------------------------------------------

MODEL_CALLS = [
    ("nodes.list", lambda c: [n.attrs for n in c.nodes.list()]),
    ("node.update", lambda c: c.nodes.get("node1").update({"Availability": "pause"})),
    ("node.remove", lambda c: c.nodes.get("node1").remove()),
    ("networks.create", lambda c: c.networks.create("backend", driver="overlay", scope="swarm").attrs),
    ("networks.list-greedy", lambda c: [n.attrs for n in c.networks.list(greedy=True)]),
    ("networks.prune", lambda c: c.networks.prune()),
    ("network.remove", lambda c: c.networks.get("backend").remove()),
    ("secrets.create", lambda c: c.secrets.create(name="pw", data="s3cr3t").attrs),
    ("configs.create", lambda c: c.configs.create(name="cfg", data=b"x", labels={"a": "b"}).attrs),
    ("swarm.attrs", lambda c: c.swarm.attrs),
    ("swarm.update", lambda c: c.swarm.update(snapshot_interval=5000, rotate_manager_token=True)),
    ("swarm.init", lambda c: c.swarm.init(advertise_addr="eth0", default_addr_pool=["10.9.0.0/16"],
                                          task_history_retention_limit=2)),
    ("swarm.leave", lambda c: c.swarm.leave(force=True)),
]


def _answers(fake_engine):
    fake_engine.reply("GET", "/v1.41/nodes", [NODE])
    fake_engine.reply("GET", "/v1.41/nodes/node1", NODE)
    fake_engine.reply("POST", f"/v1.41/nodes/{NODE['ID']}/update", text="")
    fake_engine.reply("DELETE", f"/v1.41/nodes/{NODE['ID']}", text="")
    fake_engine.reply("POST", "/v1.41/networks/create", {"Id": NETWORK["Id"]}, status=201)
    fake_engine.reply("GET", f"/v1.41/networks/{NETWORK['Id']}", NETWORK)
    fake_engine.reply("GET", "/v1.41/networks/backend", NETWORK)
    fake_engine.reply("GET", "/v1.41/networks", [NETWORK])
    fake_engine.reply("POST", "/v1.41/networks/prune", {"NetworksDeleted": None})
    fake_engine.reply("DELETE", f"/v1.41/networks/{NETWORK['Id']}", status=204, text="")
    fake_engine.reply("POST", "/v1.41/secrets/create", {"ID": "s1"}, status=201)
    fake_engine.reply("POST", "/v1.41/configs/create", {"ID": "c1"}, status=201)
    fake_engine.reply("GET", "/v1.41/swarm", SWARM)
    fake_engine.reply("POST", "/v1.41/swarm/update", text="")
    fake_engine.reply("POST", "/v1.41/swarm/init", "node9")
    fake_engine.reply("POST", "/v1.41/swarm/leave", text="")


@pytest.mark.skipif(docker_py is None, reason="docker-py is not installed")
@pytest.mark.parametrize("call", [m[1] for m in MODEL_CALLS], ids=[m[0] for m in MODEL_CALLS])
def test_same_requests_and_results_as_docker_py(fake_engine, call):
    outcomes = []
    for make in (lambda: fake_engine.docker_client(),
                 lambda: docker_py.DockerClient(base_url=FAKE_HOST, version="1.41")):
        fake_engine.sent.clear()
        fake_engine._answers.clear()
        _answers(fake_engine)
        client = make()
        client.api.mount("http+docker://", fake_engine)
        result = call(client)
        outcomes.append((result, [(s.method, s.path, s.query, s.body) for s in fake_engine.sent]))
        client.close()
    ours, theirs = outcomes
    assert ours == theirs
    assert ours[1], "no request was made"
