"""The base of the keyword-built types, plus lazy access to the error classes.

``swarmctl.errors`` imports requests, which the CLI should not pay for just to build a
spec, so the types fetch error classes only when they are about to raise.
"""
from __future__ import annotations

# Names for type checkers only: typing itself stays out of start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

    from swarmctl.errors import InvalidArgument, InvalidVersion, NullResource


class DictType(dict):
    """A dict whose keys are the API's field names, filled from one mapping at once.

    Args:
        init (dict): The fields, by their API names.
    """

    def __init__(self, init: Mapping[str, Any]) -> None:
        for key, value in init.items():
            self[key] = value


def invalid_argument(message: str) -> InvalidArgument:
    """Build ``swarmctl.errors.InvalidArgument(message)`` for the caller to raise."""
    from swarmctl.errors import InvalidArgument

    return InvalidArgument(message)


def invalid_version(message: str) -> InvalidVersion:
    """Build ``swarmctl.errors.InvalidVersion(message)`` for the caller to raise."""
    from swarmctl.errors import InvalidVersion

    return InvalidVersion(message)


def null_resource(message: str) -> NullResource:
    """Build ``swarmctl.errors.NullResource(message)`` for the caller to raise."""
    from swarmctl.errors import NullResource

    return NullResource(message)
