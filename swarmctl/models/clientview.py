"""What a model needs of the client it was read through, for type checkers.

Models are read through ``swarmctl.client.DockerClient``, but that module imports the models:
naming the client's shape here keeps the import arrows one way. Only ``if TYPE_CHECKING:``
blocks import this module, so ``typing`` stays out of start-up.
"""
from __future__ import annotations

from typing import Protocol

from swarmctl.api.client import APIClient


class DockerClient(Protocol):
    """The part of ``swarmctl.client.DockerClient`` the models use: its low-level client."""

    api: APIClient
