"""docker-py's API for what services stand on (nodes, networks, secrets, configs, the swarm),
used through ``import swarmctl as docker`` against the single-node test swarm.

Written the way a docker-py user writes scripts: only documented docker-py calls, then
checks of what the engine stored. Node operations that need more than one node (leave, join,
remove, init on a spare engine) are in test_multinode_swarm_objects.py.

The engine is shared with the other suites, so everything changed here (the node's spec, the
swarm's configuration) is put back, and every object has a unique name and is removed.
"""
import base64

import pytest

import swarmctl as docker
from tests.helpers import IMAGE, fresh_name, overlay_subnet, wait_for

pytestmark = pytest.mark.engine


@pytest.fixture
def undo():
    """Register clean-up callables; they run last-registered-first, even if a test fails."""
    actions = []
    yield actions.append
    for action in reversed(actions):
        try:
            action()
        except docker.errors.NotFound:
            pass


# -- nodes ----------------------------------------------------------------------------------

def test_nodes_list_get_and_update(client, undo):
    nodes = client.nodes.list()
    assert len(nodes) == 1
    node = nodes[0]
    assert node.attrs["Spec"]["Role"] == "manager"
    assert client.nodes.list(filters={"role": "worker"}) == []
    assert client.nodes.get(node.attrs["Description"]["Hostname"]) == node
    assert client.nodes.get(node.short_id).id == node.id

    original = node.attrs["Spec"]
    undo(lambda: client.nodes.get(node.id).update(original))
    label = fresh_name("dropin")
    assert node.update({**original, "Labels": {**original.get("Labels", {}), label: "yes"}}) is True
    node.reload()
    assert node.attrs["Spec"]["Labels"][label] == "yes"
    assert node.attrs["Spec"]["Availability"] == original["Availability"]

    # The version read before the update is stale now: the engine refuses, nothing changes.
    stale = type(node)(attrs={**node.attrs, "Version": {"Index": 1}}, client=client,
                       collection=client.nodes)
    with pytest.raises(docker.errors.APIError, match="update out of sequence"):
        stale.update(original)
    assert client.nodes.get(node.id).attrs["Spec"]["Labels"][label] == "yes"

    with pytest.raises(docker.errors.NotFound):
        client.nodes.get("nosuchnode")


# -- networks -------------------------------------------------------------------------------

def test_overlay_network_create_get_list_remove(client, undo):
    name, subnet = fresh_name("net"), overlay_subnet()
    ipam = docker.types.IPAMConfig(pool_configs=[docker.types.IPAMPool(subnet=subnet)])
    network = client.networks.create(name, driver="overlay", attachable=True, ipam=ipam,
                                     labels={"app": "dropin"}, options={"encrypted": ""})
    undo(network.remove)
    assert type(network).__name__ == "Network"
    assert network.name == name
    attrs = _allocated(client, network.id).attrs
    assert (attrs["Driver"], attrs["Scope"], attrs["Attachable"]) == ("overlay", "swarm", True)
    assert attrs["Labels"] == {"app": "dropin"}
    assert [c["Subnet"] for c in attrs["IPAM"]["Config"]] == [subnet]
    assert "encrypted" in attrs["Options"]

    assert client.networks.get(name) == network
    assert client.networks.get(network.id, scope="swarm", verbose=True).attrs["Name"] == name
    assert [n.id for n in client.networks.list(names=[name])] == [network.id]
    assert network.id in [n.id for n in client.networks.list(filters={"label": "app=dropin"})]
    assert [n.name for n in client.networks.list(ids=[network.id], greedy=True)] == [name]

    network.remove()
    with pytest.raises(docker.errors.NotFound):
        client.networks.get(network.id)
    with pytest.raises(docker.errors.NotFound):
        network.remove()


def test_network_in_use_cannot_be_removed_and_prune_keeps_it(client, undo):
    network = client.networks.create(fresh_name("net"), driver="overlay")
    undo(lambda: wait_for(lambda: _removed(network), timeout=40, message="network released"))
    service = client.services.create(IMAGE, ["sleep", "600"], name=fresh_name("user"), init=True,
                                     networks=[network.name],
                                     mode=docker.types.ServiceMode("replicated", replicas=0))
    undo(service.remove)
    with pytest.raises(docker.errors.APIError, match="in use"):
        network.remove()
    label = fresh_name("prune")
    unused = client.networks.create(fresh_name("unused"), driver="overlay", labels={label: "me"})
    undo(unused.remove)
    pruned = client.networks.prune(filters={"label": f"{label}=me"})
    assert unused.name in pruned["NetworksDeleted"]
    assert network.name not in pruned["NetworksDeleted"]
    assert client.networks.get(network.id).name == network.name


def _allocated(client, network_id):
    """The network once the swarm has allocated it: until then the engine reports it with an
    empty Driver and no IPAM config (with docker-py just the same)."""
    def read():
        network = client.networks.get(network_id)
        return network if network.attrs["Driver"] else None
    return wait_for(read, timeout=20, message="the swarm to allocate the network")


def _removed(network):
    try:
        network.remove()
    except docker.errors.NotFound:
        return True
    except docker.errors.APIError:
        return False
    return True


def test_attachable_overlay_connect_and_disconnect(engine, client, undo):
    network = client.networks.create(fresh_name("net"), driver="overlay", attachable=True)
    undo(network.remove)
    # Containers are out of swarmctl's scope: the Docker CLI starts one.
    container = fresh_name("ctr")
    engine.docker("run", "-d", "--init", "--name", container, IMAGE, "sleep", "600")
    undo(lambda: engine.docker("rm", "-f", container, check=False))

    network.connect(container, aliases=["db"])
    network.reload()
    # The engine also lists the network's own load-balancer endpoint ("<name>-endpoint").
    assert container in _attached(network)
    with pytest.raises(docker.errors.APIError):
        network.connect(container)  # already connected
    network.disconnect(container)
    network.reload()
    assert container not in _attached(network)
    with pytest.raises(docker.errors.NotFound):
        network.connect("nosuchcontainer")


def _attached(network):
    return [c["Name"] for c in (network.attrs.get("Containers") or {}).values()]


# -- secrets and configs --------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["secrets", "configs"])
def test_secret_and_config_create_get_list_remove(client, undo, kind):
    collection = getattr(client, kind)
    name = fresh_name(kind[:-1])
    created = collection.create(name=name, data="v\u00e4lue\n", labels={"app": "dropin"})
    undo(created.remove)
    assert created.name == name and created.id
    got = collection.get(created.id)
    assert got == created and collection.get(name) == created
    assert got.attrs["Spec"]["Labels"] == {"app": "dropin"}
    if kind == "configs":  # the engine gives a config's data back, never a secret's
        assert base64.b64decode(got.attrs["Spec"]["Data"]) == "v\u00e4lue\n".encode()
    else:
        assert "Data" not in got.attrs["Spec"]
    assert [item.id for item in collection.list(filters={"name": name})] == [created.id]
    assert created.id in [item.id for item in collection.list(filters={"label": "app=dropin"})]

    with pytest.raises(docker.errors.APIError) as taken:
        collection.create(name=name, data=b"other")
    assert taken.value.status_code == 409
    assert len(collection.list(filters={"name": name})) == 1

    created.remove()
    with pytest.raises(docker.errors.NotFound):
        collection.get(created.id)
    with pytest.raises(docker.errors.NotFound):
        created.remove()


# -- the swarm ------------------------------------------------------------------------------

@pytest.fixture
def restore_swarm(client):
    """Put the swarm's configuration back as it was, whatever the test changed."""
    before = client.swarm
    yield before
    now = client.swarm
    client.api.update_swarm(now.version, before.attrs["Spec"])


def test_swarm_attrs_version_reload(client, api):
    swarm = client.swarm
    assert swarm.id == api.inspect_swarm()["ID"]
    assert isinstance(swarm.version, int)
    assert swarm.attrs["JoinTokens"]["Worker"].startswith("SWMTKN-")
    swarm.attrs = {}
    swarm.reload()
    assert swarm.id == api.inspect_swarm()["ID"]


def test_swarm_update_rotate_and_unlock_key(client, restore_swarm):
    swarm = restore_swarm
    worker_token = swarm.attrs["JoinTokens"]["Worker"]
    assert swarm.update(task_history_retention_limit=7, snapshot_interval=5000,
                        rotate_worker_token=True) is True
    swarm.reload()
    spec = swarm.attrs["Spec"]
    assert spec["Orchestration"]["TaskHistoryRetentionLimit"] == 7
    assert spec["Raft"]["SnapshotInterval"] == 5000
    assert spec["CAConfig"]["NodeCertExpiry"] == 7776000000000000
    assert swarm.attrs["JoinTokens"]["Worker"] != worker_token

    # Autolock is off on the test swarm: the key is empty and unlocking is refused.
    assert swarm.get_unlock_key() == {"UnlockKey": ""}
    with pytest.raises(docker.errors.APIError, match="not locked"):
        swarm.unlock("SWMKEY-1-bogus")
    with pytest.raises(docker.errors.InvalidArgument):
        swarm.unlock({"Key": "x"})

    # A stale version is refused and changes nothing.
    version = swarm.version
    with pytest.raises(docker.errors.APIError, match="update out of sequence"):
        client.api.update_swarm(version - 1, swarm.attrs["Spec"])
    assert client.swarm.version == version


def test_swarm_init_and_join_on_a_member_are_refused(client):
    swarm = client.swarm
    with pytest.raises(docker.errors.APIError, match="already part of a swarm"):
        swarm.init()
    with pytest.raises(docker.errors.APIError, match="already part of a swarm"):
        swarm.join(remote_addrs=["127.0.0.1:2377"], join_token=swarm.attrs["JoinTokens"]["Worker"])
    # The only manager may not leave without force (we do not force it here).
    with pytest.raises(docker.errors.APIError, match="manager"):
        swarm.leave()
    assert client.swarm.id == swarm.id


# -- what swarmctl leaves to docker-py ------------------------------------------------------

def test_containers_images_volumes_point_to_docker_py(client):
    for name in ("containers", "images", "volumes"):
        with pytest.raises(AttributeError, match="use docker-py"):
            getattr(client, name)
    with pytest.raises(AttributeError, match="use docker-py"):
        client.api.create_container(IMAGE)
