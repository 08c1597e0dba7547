"""The same docker-py calls for nodes, networks, secrets, configs and the swarm, through
docker-py itself and through swarmctl, against one engine: what the engine stored must be
the same, and so must the errors (class, message, status).

Each object is created twice (one per library, with its own name, and for networks its own
subnet) from kwargs built once per library's ``types``; the stored objects are compared
without the fields that identify one object (ID, name, timestamps, version, subnet).
"""
import copy

import pytest

import swarmctl
from tests.helpers import IMAGE, fresh_name, overlay_subnet, raised, wait_for

docker = pytest.importorskip("docker")

pytestmark = pytest.mark.engine

IDENTITY = ("ID", "Id", "Name", "Created", "CreatedAt", "UpdatedAt", "Version")


@pytest.fixture
def undo():
    actions = []
    yield actions.append
    for action in reversed(actions):
        try:
            action()
        except (docker.errors.NotFound, swarmctl.errors.NotFound):
            pass


def _assert_same_error(dp_error, sw_error, label):
    assert type(sw_error).__name__ == type(dp_error).__name__, label
    assert str(sw_error) == str(dp_error), label
    if isinstance(dp_error, docker.errors.APIError):
        assert isinstance(sw_error, swarmctl.errors.APIError), label
        assert sw_error.status_code == dp_error.status_code, label
        assert sw_error.explanation == dp_error.explanation, label


def _without_identity(attrs, subnet="<none>"):
    attrs = copy.deepcopy(attrs)
    for key in IDENTITY:
        attrs.pop(key, None)
    spec = attrs.get("Spec") or {}
    spec.pop("Name", None)
    # Per network: the subnet (given, or allocated from the swarm's pool), its gateway and
    # the VXLAN id.
    for pool in (attrs.get("IPAM") or {}).get("Config") or []:
        if pool.get("Subnet"):
            pool["Subnet"] = "<given>" if pool["Subnet"] == subnet else "<allocated>"
        if pool.get("Gateway"):
            pool["Gateway"] = "<gateway>"
    (attrs.get("Options") or {}).pop("com.docker.network.driver.overlay.vxlanid_list", None)
    return attrs


def _allocated(lib_client, network_id):
    """The network once the swarm has allocated it: until then the engine reports it with an
    empty Driver and no IPAM config."""
    def read():
        network = lib_client.networks.get(network_id)
        return network if network.attrs["Driver"] else None
    return wait_for(read, timeout=20, message="the swarm to allocate the network")


# -- networks -------------------------------------------------------------------------------

NETWORK_CASES = {
    "overlay-minimal": lambda t, subnet: {"driver": "overlay"},
    "overlay-everything": lambda t, subnet: {
        "driver": "overlay", "attachable": True, "internal": True, "labels": {"a": "1", "b": ""},
        "options": {"com.docker.network.driver.mtu": "1400"}, "scope": "swarm",
        "ipam": t.IPAMConfig(pool_configs=[t.IPAMPool(subnet=subnet)], options={"o": "v"})},
    "overlay-check-duplicate": lambda t, subnet: {"driver": "overlay", "check_duplicate": True,
                                                  "enable_ipv6": False},
}


@pytest.mark.parametrize("case", sorted(NETWORK_CASES))
def test_networks_stored_alike(dp_client, client, undo, case):
    stored = []
    for library, lib_client in ((docker, dp_client), (swarmctl, client)):
        subnet = overlay_subnet()
        network = lib_client.networks.create(fresh_name("diffnet"), **NETWORK_CASES[case](library.types, subnet))
        undo(network.remove)
        stored.append(_without_identity(_allocated(lib_client, network.id).attrs, subnet))
        listed = lib_client.networks.list(names=[network.name])
        assert [n.id for n in listed] == [network.id]
    assert stored[1] == stored[0]


def test_network_prune_alike(dp_client, client, undo):
    results = []
    for library, lib_client in ((docker, dp_client), (swarmctl, client)):
        label = fresh_name("prune")
        network = lib_client.networks.create(fresh_name("diffnet"), driver="overlay", labels={label: ""})
        undo(network.remove)
        assert lib_client.networks.prune(filters={"label": label}) == {"NetworksDeleted": [network.name]}
        results.append(lib_client.networks.prune(filters={"label": label}))
        with pytest.raises(library.errors.NotFound):
            lib_client.networks.get(network.id)
    assert results[1] == results[0]
    assert not results[0]["NetworksDeleted"]


# -- secrets and configs --------------------------------------------------------------------

@pytest.mark.parametrize("kind, extra", [
    ("secrets", {}),
    ("configs", {}),
    ("configs", {"templating": {"Name": "golang"}}),
])
def test_secrets_and_configs_stored_alike(dp_client, client, undo, kind, extra):
    stored, created = [], []
    for lib_client in (dp_client, client):
        collection = getattr(lib_client, kind)
        obj = collection.create(name=fresh_name(f"diff{kind[:3]}"), data="k=v\n", labels={"a": "b"}, **extra)
        undo(obj.remove)
        created.append(set(obj.attrs) - {"ID"})
        stored.append(_without_identity(collection.get(obj.id).attrs))
    assert stored[1] == stored[0]
    assert created[1] == created[0] == {"Spec"}


# -- nodes and the swarm --------------------------------------------------------------------

def test_nodes_and_swarm_read_alike(dp_client, client):
    dp_nodes = [(n.id, n.attrs["Spec"], n.version) for n in dp_client.nodes.list()]
    sw_nodes = [(n.id, n.attrs["Spec"], n.version) for n in client.nodes.list()]
    assert sw_nodes == dp_nodes
    node_id = dp_nodes[0][0]
    assert client.nodes.get(node_id).attrs["Spec"] == dp_client.nodes.get(node_id).attrs["Spec"]
    dp_swarm, sw_swarm = dp_client.swarm, client.swarm
    assert (sw_swarm.id, sw_swarm.version, sw_swarm.attrs["Spec"]) == \
        (dp_swarm.id, dp_swarm.version, dp_swarm.attrs["Spec"])
    assert client.swarm.get_unlock_key() == dp_client.swarm.get_unlock_key()


SWARM_UPDATES = [
    {"task_history_retention_limit": 3},
    {"snapshot_interval": 5000, "dispatcher_heartbeat_period": 6_000_000_000,
     "labels": {"diff": "1"}},
    {"node_cert_expiry": 48 * 3600 * 1_000_000_000, "autolock_managers": False},
]


@pytest.mark.parametrize("kwargs", SWARM_UPDATES, ids=["history", "raft-dispatcher-labels", "ca"])
def test_swarm_update_stores_alike(dp_client, client, kwargs):
    original = client.swarm.attrs["Spec"]
    stored = []
    try:
        for lib_client in (dp_client, client):
            swarm = lib_client.swarm
            assert swarm.update(**kwargs) is True
            swarm.reload()
            stored.append(swarm.attrs["Spec"])
            client.api.update_swarm(swarm.version, original)  # back to the start for the next
    finally:
        client.api.update_swarm(client.swarm.version, original)
    assert stored[1] == stored[0]


def test_node_update_stores_alike(dp_client, client):
    node_id = client.nodes.list()[0].id
    original = client.nodes.get(node_id).attrs["Spec"]
    stored = []
    try:
        for lib_client in (dp_client, client):
            node = lib_client.nodes.get(node_id)
            assert node.update({**original, "Labels": {"diff": "1"}}) is True
            stored.append(lib_client.nodes.get(node_id).attrs["Spec"])
            client.nodes.get(node_id).update(original)
    finally:
        client.nodes.get(node_id).update(original)
    assert stored[1] == stored[0]


# -- errors ---------------------------------------------------------------------------------

def test_errors_alike(dp_client, client, undo, engine):
    taken_secret = client.secrets.create(name=fresh_name("taken"), data=b"x")
    undo(taken_secret.remove)
    taken_config = client.configs.create(name=fresh_name("taken"), data=b"x")
    undo(taken_config.remove)
    network = client.networks.create(fresh_name("inuse"), driver="overlay")
    service = client.services.create(IMAGE, ["sleep", "600"], name=fresh_name("user"), init=True,
                                     networks=[network.id],
                                     mode=swarmctl.types.ServiceMode("replicated", replicas=0))
    undo(lambda: _until_removed(network))
    undo(service.remove)
    node_id = client.nodes.list()[0].id

    calls = {
        "node-not-found": lambda c, t: c.nodes.get("nosuchnode"),
        "node-stale-version": lambda c, t: c.api.update_node(node_id, 1, {"Role": "manager",
                                                                          "Availability": "active"}),
        "node-remove-manager": lambda c, t: c.nodes.get(node_id).remove(),
        "network-not-found": lambda c, t: c.networks.get("nosuchnet"),
        "network-remove-in-use": lambda c, t: c.api.remove_network(network.id),
        "network-options-type": lambda c, t: c.networks.create("x", options="mtu"),
        "network-connect-no-container": lambda c, t: c.api.connect_container_to_network(
            "nosuchcontainer", network.id),
        "secret-not-found": lambda c, t: c.secrets.get("nosuchsecret"),
        "secret-taken": lambda c, t: c.secrets.create(name=taken_secret.name, data=b"y"),
        "config-not-found": lambda c, t: c.configs.get("nosuchconfig"),
        "config-taken": lambda c, t: c.configs.create(name=taken_config.name, data=b"y"),
        "config-remove-not-found": lambda c, t: c.api.remove_config("nosuchconfig"),
        "swarm-unlock-not-locked": lambda c, t: c.swarm.unlock("SWMKEY-1-bogus"),
        "swarm-unlock-bad-dict": lambda c, t: c.swarm.unlock({"Key": "x"}),
        "swarm-init-member": lambda c, t: c.swarm.init(),
        "swarm-leave-manager": lambda c, t: c.swarm.leave(),
        "swarm-update-stale": lambda c, t: c.api.update_swarm(1, {}),
        "swarm-spec-not-dict": lambda c, t: c.api.init_swarm(swarm_spec="x"),
        "null-resource": lambda c, t: c.api.inspect_node(None),
    }
    for label, call in calls.items():
        dp_error = raised(lambda: call(dp_client, docker.types))
        sw_error = raised(lambda: call(client, swarmctl.types))
        _assert_same_error(dp_error, sw_error, label)

    # Nothing was created or changed by the refused calls.
    assert len(client.secrets.list(filters={"name": taken_secret.name})) == 1
    assert len(client.configs.list(filters={"name": taken_config.name})) == 1
    assert client.networks.get(network.id).name == network.name
    assert [n.id for n in client.nodes.list()] == [node_id]


def _until_removed(network):
    def attempt():
        try:
            network.remove()
        except swarmctl.errors.NotFound:
            return True
        except swarmctl.errors.APIError:
            return False
        return True
    wait_for(attempt, timeout=40, message="the network to be released")
