"""The configuration layer's exceptions are docker-py's names in swarmctl.errors."""
from __future__ import annotations

import pytest

from swarmctl.config import errors as config_errors

SHARED = ("DockerException", "ContextException", "ContextNotFound", "MissingContextParameter",
          "ContextAlreadyExists", "TLSParameterError", "InvalidConfigFile",
          "EndpointResolutionError", "StoreContextNotFound", "ConflictingOptions")


@pytest.mark.parametrize("name", SHARED)
def test_same_classes_as_swarmctl_errors(name):
    import swarmctl.errors

    assert getattr(swarmctl.errors, name) is getattr(config_errors, name)


def test_every_error_is_a_docker_exception():
    import swarmctl.errors

    for name in SHARED:
        assert issubclass(getattr(config_errors, name), config_errors.DockerException)
    assert issubclass(swarmctl.errors.APIError, config_errors.DockerException)
    assert issubclass(config_errors.StoreContextNotFound, swarmctl.errors.ContextNotFound)
    assert issubclass(config_errors.EndpointResolutionError, swarmctl.errors.ContextException)
