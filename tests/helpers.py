"""Helpers shared by test modules (import as ``from tests.helpers import ...``)."""
from tests.conftest import remove_services, wait_for  # noqa: F401

IMAGE = "busybox:local"
# A constraint no node satisfies: tasks stay pending, nothing starts.
NEVER = "node.labels.swarmctl-never==1"
# Short verification and quick stops keep every wait in seconds.
FAST = ["--update-monitor", "1s", "--stop-grace-period", "1s"]


def docker_create(engine, name, *flags, args=("sleep", "600")):
    """Create a service with the real Docker CLI (-d, no image resolution)."""
    engine.docker("service", "create", "-d", "--no-resolve-image", "--name", name, *flags,
                  IMAGE, *args)
