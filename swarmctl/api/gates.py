"""Refusing an argument the negotiated API version cannot carry, before anything is sent."""
from __future__ import annotations

from swarmctl.errors import InvalidVersion
from swarmctl.utils.versions import version_lt


def require_version(api_version: str, needed: str, message: str) -> None:
    """Raise ``InvalidVersion(message)`` when ``api_version`` is older than ``needed``."""
    if version_lt(api_version, needed):
        raise InvalidVersion(message)
