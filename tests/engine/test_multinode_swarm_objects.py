"""docker-py's node and swarm membership calls through ``import swarmctl as docker`` on the
3-node swarm: a worker is updated, then leaves, starts a swarm of its own, leaves that, and
joins again; its old node entry is removed from the manager.

The 3-node swarm is shared by the session: whatever happens, the worker ends up a Ready
member again, with its spec as before.
"""
import secrets as _secrets

import pytest

import swarmctl as docker
from tests.helpers import wait_for

pytestmark = pytest.mark.multinode

WORKER = "swarmctl-node3"


@pytest.fixture(scope="module")
def manager(swarm3):
    client = docker.DockerClient(base_url=swarm3.manager.host)
    yield client
    client.close()


@pytest.fixture
def worker(swarm3):
    client = docker.DockerClient(base_url=swarm3.engines[2].host)
    yield client
    client.close()


def _ready_nodes(manager):
    return {n.attrs["Description"]["Hostname"]: n for n in manager.nodes.list()
            if n.attrs["Status"]["State"] == "ready"}


def test_nodes_list_filters_and_update_a_worker(manager):
    nodes = manager.nodes.list()
    assert sorted(n.attrs["Description"]["Hostname"] for n in nodes) == [
        "swarmctl-node1", "swarmctl-node2", "swarmctl-node3"]
    workers = manager.nodes.list(filters={"role": "worker"})
    assert sorted(n.attrs["Description"]["Hostname"] for n in workers) == [
        "swarmctl-node2", "swarmctl-node3"]

    node = manager.nodes.get(WORKER)
    original = node.attrs["Spec"]
    label = f"dropin-{_secrets.token_hex(3)}"
    try:
        assert node.update({"Availability": "drain", "Role": "worker",
                            "Labels": {label: "1"}}) is True
        node.reload()
        assert node.attrs["Spec"] == {"Availability": "drain", "Role": "worker", "Labels": {label: "1"}}
        # A node that is up is not removed without force.
        with pytest.raises(docker.errors.APIError, match="is not down"):
            node.remove()
    finally:
        manager.nodes.get(WORKER).update(original)
    assert manager.nodes.get(WORKER).attrs["Spec"] == original


def test_worker_leaves_inits_its_own_swarm_and_joins_again(swarm3, manager, worker):
    main_swarm = manager.swarm
    worker_engine, manager_engine = swarm3.engines[2], swarm3.manager
    old_node = manager.nodes.get(WORKER)
    assert worker.swarm.attrs == {}  # a worker cannot read the swarm: docker-py's empty Swarm
    try:
        assert worker.swarm.leave() is True
        wait_for(lambda: manager.nodes.get(old_node.id).attrs["Status"]["State"] == "down",
                 timeout=30, message="the manager to see the worker down")
        assert old_node.remove() is True
        with pytest.raises(docker.errors.NotFound):
            manager.nodes.get(old_node.id)

        # On its own now: a swarm of one, then out of it again.
        swarm = worker.swarm
        assert swarm.attrs == {}
        node_id = swarm.init(advertise_addr=worker_engine.address,
                             task_history_retention_limit=2, name="default")
        assert swarm.attrs["ID"] != main_swarm.id
        assert swarm.attrs["Spec"]["Orchestration"]["TaskHistoryRetentionLimit"] == 2
        assert worker.nodes.get(node_id).attrs["Spec"]["Role"] == "manager"
        assert worker.swarm.leave(force=True) is True
        assert worker.swarm.leave(force=True) is True  # in no swarm: forced leave is a no-op
        with pytest.raises(docker.errors.APIError, match="not part of a swarm"):
            worker.swarm.leave()
    finally:
        # Back into the main swarm, whatever happened above.
        worker.swarm.leave(force=True)
        assert worker.swarm.join(remote_addrs=[f"{manager_engine.address}:2377"],
                                 join_token=main_swarm.attrs["JoinTokens"]["Worker"],
                                 advertise_addr=worker_engine.address) is True
        wait_for(lambda: WORKER in _ready_nodes(manager), timeout=60,
                 message="the worker to be Ready again")
    assert set(_ready_nodes(manager)) == {"swarmctl-node1", "swarmctl-node2", "swarmctl-node3"}
    assert _ready_nodes(manager)[WORKER].id != old_node.id


def test_bad_join_token_is_refused(swarm3, manager, worker):
    with pytest.raises(docker.errors.APIError, match="already part of a swarm"):
        worker.swarm.join(remote_addrs=[f"{swarm3.manager.address}:2377"], join_token="SWMTKN-1-bogus")
    assert len(_ready_nodes(manager)) == 3
