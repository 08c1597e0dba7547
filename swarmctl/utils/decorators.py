"""docker-py's resource-id and version-gate decorators."""
from __future__ import annotations

import functools

from swarmctl.utils.versions import version_lt

# Names for type checkers only: typing itself stays out of start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeVar

    Method = TypeVar("Method", bound=Callable[..., Any])


def check_resource(resource_name: str) -> Callable[[Method], Method]:
    """Let a method take its resource id positionally, by keyword, or as a dict.

    Accepting the dict (its ``'Id'`` or ``'ID'``) is what lets
    ``inspect_service(create_service(...))`` work.

    Args:
        resource_name (str): The keyword the id may also be given as, e.g. ``'service'``.

    Returns:
        The decorator. The decorated method raises
        :py:class:`swarmctl.errors.NullResource` when no id is given.
    """

    def decorator(f):
        @functools.wraps(f)
        def wrapped(self, resource_id=None, *args, **kwargs):
            if resource_id is None and kwargs.get(resource_name):
                resource_id = kwargs.pop(resource_name)
            if isinstance(resource_id, dict):
                resource_id = resource_id.get("Id", resource_id.get("ID"))
            if not resource_id:
                from swarmctl.errors import NullResource

                raise NullResource("Resource ID was not provided")
            return f(self, resource_id, *args, **kwargs)

        return wrapped

    return decorator


def minimum_version(version: str) -> Callable[[Method], Method]:
    """Refuse a method, before any I/O, when the client's API version is older than ``version``.

    Args:
        version (str): The oldest API version the method works with, e.g. ``'1.25'``.

    Returns:
        The decorator. The decorated method raises
        :py:class:`swarmctl.errors.InvalidVersion` below that version.
    """

    def decorator(f):
        @functools.wraps(f)
        def wrapper(self, *args, **kwargs):
            if version_lt(self._version, version):
                from swarmctl.errors import InvalidVersion

                raise InvalidVersion(f"{f.__name__} is not available for version < {version}")
            return f(self, *args, **kwargs)

        return wrapper

    return decorator
