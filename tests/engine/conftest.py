"""Library clients bound to the test engine."""
import pytest

import swarmctl


@pytest.fixture(scope="module")
def dp_client(engine):
    """docker-py's own client (7.1.0 is installed) on the same engine, API version negotiated:
    the differential tests' reference."""
    docker = pytest.importorskip("docker")
    client = docker.DockerClient(base_url=engine.host)
    yield client
    client.close()


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
