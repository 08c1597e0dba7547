"""The high-level client (docker-py's ``DockerClient`` and ``from_env``)."""
from __future__ import annotations

import os

from swarmctl import constants


class DockerClient:
    """An engine connection with the object API on top: ``client.services``."""

    def __init__(self, *args, **kwargs):
        from swarmctl.api.client import APIClient

        self.api = APIClient(*args, **kwargs)

    @classmethod
    def from_env(cls, **kwargs):
        """A client for the engine the Docker CLI would use in this environment.

        The same rules as ``docker`` without flags (see :mod:`swarmctl.context`):
        ``DOCKER_HOST`` (with ``DOCKER_TLS``/``DOCKER_TLS_VERIFY``/``DOCKER_CERT_PATH``), else
        ``DOCKER_CONTEXT``, else ``currentContext`` in ``$DOCKER_CONFIG/config.json``, else
        the default socket. ``use_context=False`` skips contexts (docker-py's switch);
        ``environment`` replaces ``os.environ``; ``DOCKER_API_VERSION`` pins the version.
        """
        from swarmctl.context import resolve_endpoint

        timeout = kwargs.pop("timeout", constants.DEFAULT_TIMEOUT_SECONDS)
        max_pool_size = kwargs.pop("max_pool_size", constants.DEFAULT_MAX_POOL_SIZE)
        version = kwargs.pop("version", None)
        use_ssh_client = kwargs.pop("use_ssh_client", False)
        use_context = kwargs.pop("use_context", True)
        environment = kwargs.pop("environment", None)
        # Accepted by older docker-py kwargs_from_env; TLS here follows the Docker CLI.
        kwargs.pop("ssl_version", None)
        kwargs.pop("assert_hostname", None)
        if kwargs:
            from swarmctl.errors import create_unexpected_kwargs_error

            raise create_unexpected_kwargs_error("from_env", kwargs)
        if environment is None:
            environment = os.environ
        if version is None and environment.get("DOCKER_API_VERSION"):
            version = environment["DOCKER_API_VERSION"]
        endpoint = resolve_endpoint(environment=environment, use_context=use_context)
        return cls(timeout=timeout, max_pool_size=max_pool_size, version=version,
                   use_ssh_client=use_ssh_client, **endpoint.client_kwargs())

    @property
    def services(self):
        from swarmctl.models.services import ServiceCollection

        return ServiceCollection(client=self)

    def info(self, *args, **kwargs):
        return self.api.info(*args, **kwargs)

    def ping(self, *args, **kwargs):
        return self.api.ping(*args, **kwargs)

    def version(self, *args, **kwargs):
        return self.api.version(*args, **kwargs)

    def close(self):
        return self.api.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __getattr__(self, name):
        from swarmctl.api.client import APIClient

        message = f"'DockerClient' object has no attribute '{name}'"
        if hasattr(APIClient, name):
            message += (
                "\nIn docker-py 2.0 this method is now on the object APIClient. See the low-level "
                "API section of the documentation for more details."
            )
        raise AttributeError(message)


from_env = DockerClient.from_env
