"""docker-py's resource-id and version-gate decorators."""
import functools

from swarmctl.utils.versions import version_lt


def check_resource(resource_name):
    """Accept the id positionally, as ``resource_name=`` or as a dict with 'Id'/'ID'.

    Accepting the dict is what lets ``inspect_service(create_service(...))`` work.
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


def minimum_version(version):
    def decorator(f):
        @functools.wraps(f)
        def wrapper(self, *args, **kwargs):
            if version_lt(self._version, version):
                from swarmctl.errors import InvalidVersion

                raise InvalidVersion(f"{f.__name__} is not available for version < {version}")
            return f(self, *args, **kwargs)

        return wrapper

    return decorator
