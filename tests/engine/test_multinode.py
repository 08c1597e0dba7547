"""The library against a real 3-node swarm: global services, placement, logs from workers."""
import secrets

import pytest

import swarmctl
from tests.helpers import IMAGE, wait_for

pytestmark = pytest.mark.multinode

# Every service this module creates is named MODULE_PREFIX + something (unique per run).
MODULE_PREFIX = f"mn{secrets.token_hex(3)}-"


@pytest.fixture(scope="module")
def client3(swarm3):
    client = swarmctl.DockerClient(base_url=swarm3.manager.host)
    yield client
    # Only this module's services: the 3-node swarm is shared with other test modules.
    for service in client.services.list(filters={"name": MODULE_PREFIX}):
        service.remove()
    client.close()


def _running_tasks(service):
    return [t for t in service.tasks(filters={"desired-state": "running"})
            if t["Status"]["State"] == "running"]


def _node_names(client):
    return {n["ID"]: n["Description"]["Hostname"] for n in client.api.nodes()}


def test_three_nodes_are_ready(client3):
    names = sorted(_node_names(client3).values())
    assert names == ["swarmctl-node1", "swarmctl-node2", "swarmctl-node3"]


def test_global_service_runs_one_task_per_node(client3):
    service = client3.services.create(
        IMAGE, ["sh", "-c", "echo hello from $(hostname); sleep 600"],
        name=f"{MODULE_PREFIX}glob", mode="global")
    tasks = wait_for(lambda: (lambda t: t if len(t) == 3 else None)(_running_tasks(service)),
                     timeout=60, message="3 running global tasks")
    names = _node_names(client3)
    assert sorted(names[t["NodeID"]] for t in tasks) == ["swarmctl-node1", "swarmctl-node2", "swarmctl-node3"]
    # Logs of tasks on workers come back through the manager.
    lines = wait_for(lambda: (lambda got: got if len(got) == 3 else None)(list(service.logs(stdout=True))),
                     timeout=60, message="logs from 3 nodes")
    assert len(set(lines)) == 3 and all(line.startswith(b"hello from ") for line in lines)
    service.remove()


def test_constraint_places_tasks_on_the_named_node(client3):
    service = client3.services.create(
        IMAGE, ["sleep", "600"], name=f"{MODULE_PREFIX}pin",
        constraints=["node.hostname==swarmctl-node3"], mode=swarmctl.types.ServiceMode("replicated", 2))
    tasks = wait_for(lambda: (lambda t: t if len(t) == 2 else None)(_running_tasks(service)),
                     timeout=60, message="2 running tasks")
    names = _node_names(client3)
    assert {names[t["NodeID"]] for t in tasks} == {"swarmctl-node3"}
    service.remove()
