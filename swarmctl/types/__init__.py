"""Request-body building blocks, as in docker-py's ``docker.types`` (the swarm part:
services, networks, the swarm itself).

Every type is a ``dict`` holding Engine API JSON. ``Ulimit`` is here, as in docker-py, for
the swarmctl ``ContainerSpec(ulimits=...)`` extension.
"""
from swarmctl.types.base import DictType
from swarmctl.types.healthcheck import Healthcheck
from swarmctl.types.networks import EndpointConfig, IPAMConfig, IPAMPool
from swarmctl.types.services import (
    ConfigReference,
    ContainerSpec,
    DNSConfig,
    DriverConfig,
    EndpointSpec,
    Mount,
    NetworkAttachmentConfig,
    Placement,
    PlacementPreference,
    Privileges,
    Resources,
    RestartConditionTypesEnum,
    RestartPolicy,
    RollbackConfig,
    SecretReference,
    ServiceMode,
    TaskTemplate,
    Ulimit,
    UpdateConfig,
)
from swarmctl.types.swarm import SwarmExternalCA, SwarmSpec

__all__ = [
    "ConfigReference",
    "ContainerSpec",
    "DNSConfig",
    "DictType",
    "DriverConfig",
    "EndpointConfig",
    "EndpointSpec",
    "Healthcheck",
    "IPAMConfig",
    "IPAMPool",
    "Mount",
    "NetworkAttachmentConfig",
    "Placement",
    "PlacementPreference",
    "Privileges",
    "Resources",
    "RestartConditionTypesEnum",
    "RestartPolicy",
    "RollbackConfig",
    "SecretReference",
    "ServiceMode",
    "SwarmExternalCA",
    "SwarmSpec",
    "TaskTemplate",
    "Ulimit",
    "UpdateConfig",
]
