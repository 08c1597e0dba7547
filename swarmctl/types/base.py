"""The base of the keyword-built types, plus lazy access to the error classes.

``swarmctl.errors`` imports requests, which the CLI should not pay for just to build a
spec, so the types fetch error classes only when they are about to raise.
"""
from __future__ import annotations


class DictType(dict):
    """A dict whose keys are the API's field names, filled from one mapping at once."""

    def __init__(self, init):
        for key, value in init.items():
            self[key] = value


def invalid_argument(message):
    """Build ``swarmctl.errors.InvalidArgument(message)`` for the caller to raise."""
    from swarmctl.errors import InvalidArgument

    return InvalidArgument(message)


def null_resource(message):
    """Build ``swarmctl.errors.NullResource(message)`` for the caller to raise."""
    from swarmctl.errors import NullResource

    return NullResource(message)
