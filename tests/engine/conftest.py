"""Library clients bound to the test engine."""
import pytest

import swarmctl
from tests.helpers import remove_services


@pytest.fixture
def api(engine):
    client = swarmctl.APIClient(base_url=engine.host)
    yield client
    client.close()


@pytest.fixture
def client(engine):
    client = swarmctl.DockerClient(base_url=engine.host)
    yield client
    client.close()


@pytest.fixture
def cleanup(engine):
    """Append service names/IDs to the returned list; they are removed after the test."""
    created = []
    yield created
    remove_services(engine, created)
