"""API version comparison, with docker-py's (inverted) sign convention kept for compatibility."""
from __future__ import annotations


def _version_parts(version: str) -> list[int]:
    return [int(part) for part in str(version).split(".")]


def compare_version(v1: str, v2: str) -> int:
    """Compare two API versions such as ``'1.41'``, part by part as numbers.

    Args:
        v1 (str): A version.
        v2 (str): Another version.

    Returns:
        ``1`` if ``v1`` is older than ``v2``, ``-1`` if newer, ``0`` if equal (docker-py's
        convention: the sign is the inverse of the usual ``cmp``).
    """
    a, b = _version_parts(v1), _version_parts(v2)
    width = max(len(a), len(b))
    a += [0] * (width - len(a))
    b += [0] * (width - len(b))
    if a == b:
        return 0
    return 1 if a < b else -1


def version_lt(v1: str, v2: str) -> bool:
    """Whether API version ``v1`` is older than ``v2``."""
    return compare_version(v1, v2) > 0


def version_gte(v1: str, v2: str) -> bool:
    """Whether API version ``v1`` is ``v2`` or newer."""
    return not version_lt(v1, v2)
