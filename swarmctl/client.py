"""The high-level client (docker-py's ``DockerClient`` and ``from_env``)."""
from __future__ import annotations

import os

from swarmctl import constants

# Names for type checkers only: typing itself stays out of start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from swarmctl.api.client import APIClient
    from swarmctl.models.configs import ConfigCollection
    from swarmctl.models.networks import NetworkCollection
    from swarmctl.models.nodes import NodeCollection
    from swarmctl.models.secrets import SecretCollection
    from swarmctl.models.services import ServiceCollection
    from swarmctl.models.swarm import Swarm


class DockerClient:
    """A client for one engine with the object API on top (docker-py's ``DockerClient``).

    ``client.services``, ``nodes``, ``networks``, ``secrets`` and ``configs`` give model
    objects, ``client.swarm`` the swarm; ``client.api`` is the low-level
    :class:`~swarmctl.api.client.APIClient` underneath. docker-py's containers, images,
    volumes and plugins are out of swarmctl's scope: asking for them raises
    :py:class:`swarmctl.errors.OutOfScope` (an ``AttributeError``) saying so.

    Args:
        *args: Passed to :class:`~swarmctl.api.client.APIClient`.
        **kwargs: Passed to :class:`~swarmctl.api.client.APIClient`: ``base_url``,
            ``version``, ``timeout``, ``tls``, ``user_agent``, ``max_pool_size`` and the
            rest of its arguments.

    Raises:
        :py:class:`swarmctl.errors.DockerException`
            As :class:`~swarmctl.api.client.APIClient` does, e.g. when the API version
            cannot be negotiated.
    """

    api: APIClient

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from swarmctl.api.client import APIClient

        self.api = APIClient(*args, **kwargs)

    @classmethod
    def from_env(cls, **kwargs: Any) -> DockerClient:
        """Connect to the engine the Docker CLI would use in this environment.

        The engine is chosen by the same rules as ``docker`` without flags (see
        :mod:`swarmctl.context`): ``DOCKER_HOST`` (with ``DOCKER_TLS``,
        ``DOCKER_TLS_VERIFY`` and ``DOCKER_CERT_PATH``), else ``DOCKER_CONTEXT``, else
        ``currentContext`` in ``$DOCKER_CONFIG/config.json``, else the default socket.
        ``DOCKER_API_VERSION`` pins the API version.

        Args:
            timeout (int): Seconds to wait on a connection or a read. Default: 60.
            max_pool_size (int): Connections kept open per engine. Default: 10.
            version (str): The API version; ``None`` (the default) negotiates it.
            use_ssh_client (bool): Accepted for docker-py compatibility.
            use_context (bool): ``False`` skips Docker contexts, as in docker-py.
                Default: ``True``.
            environment (Mapping): Read instead of ``os.environ``.
            ssl_version: Accepted for older docker-py callers and ignored; TLS follows
                the Docker CLI.
            assert_hostname: Accepted for older docker-py callers and ignored.

        Returns:
            A :class:`DockerClient`.

        Raises:
            TypeError
                For any other keyword argument.
            :py:class:`swarmctl.errors.DockerException`
                If the configuration is invalid, e.g. an unknown context, or the engine's
                API version cannot be negotiated.
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
    def services(self) -> ServiceCollection:
        """The services on the swarm, a new :class:`~swarmctl.models.services.ServiceCollection`
        on each access."""
        from swarmctl.models.services import ServiceCollection

        return ServiceCollection(client=self)

    @property
    def nodes(self) -> NodeCollection:
        """The swarm's nodes, a new :class:`~swarmctl.models.nodes.NodeCollection` on each
        access."""
        from swarmctl.models.nodes import NodeCollection

        return NodeCollection(client=self)

    @property
    def networks(self) -> NetworkCollection:
        """The engine's networks, a new
        :class:`~swarmctl.models.networks.NetworkCollection` on each access."""
        from swarmctl.models.networks import NetworkCollection

        return NetworkCollection(client=self)

    @property
    def secrets(self) -> SecretCollection:
        """The swarm's secrets, a new :class:`~swarmctl.models.secrets.SecretCollection`
        on each access."""
        from swarmctl.models.secrets import SecretCollection

        return SecretCollection(client=self)

    @property
    def configs(self) -> ConfigCollection:
        """The swarm's configs, a new :class:`~swarmctl.models.configs.ConfigCollection`
        on each access."""
        from swarmctl.models.configs import ConfigCollection

        return ConfigCollection(client=self)

    @property
    def swarm(self) -> Swarm:
        """The swarm this engine belongs to, read now: a new
        :class:`~swarmctl.models.swarm.Swarm` on each access (empty on an engine in no
        swarm)."""
        from swarmctl.models.swarm import Swarm

        return Swarm(client=self)

    def info(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """Read the engine's system-wide information; see :meth:`APIClient.info`.

        Returns:
            The engine's answer as a dict.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        return self.api.info(*args, **kwargs)

    def events(self, *args: Any, **kwargs: Any) -> Any:
        """Stream the engine's events; see :meth:`APIClient.events`.

        Args:
            since (datetime or int): Replay the events after this time.
            until (datetime or int): Stop the stream at this time.
            filters (dict): Filters to apply, e.g. ``{'type': ['service', 'node']}``.
            decode (bool): Yield each event as a dict instead of bytes.

        Returns:
            A ``CancellableStream`` of events.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        return self.api.events(*args, **kwargs)

    def ping(self, *args: Any, **kwargs: Any) -> bool:
        """Check that the engine answers; see :meth:`APIClient.ping`.

        Returns:
            ``True`` when the engine answers ``OK``.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        return self.api.ping(*args, **kwargs)

    def version(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """Read the engine's version; see :meth:`APIClient.version`.

        Args:
            api_version (bool): Use the versioned path. Default: ``True``.

        Returns:
            The engine's answer as a dict.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        return self.api.version(*args, **kwargs)

    def close(self) -> None:
        """Close the connections to the engine."""
        return self.api.close()

    def __enter__(self) -> DockerClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __getattr__(self, name: str) -> Any:
        from swarmctl.api.client import APIClient
        from swarmctl.errors import out_of_scope_error

        error = out_of_scope_error("DockerClient", name)
        if error is not None:
            raise error
        message = f"'DockerClient' object has no attribute '{name}'"
        if not name.startswith("_") and hasattr(APIClient, name):
            message += f"; it is a method of the low-level client: client.api.{name}"
        raise AttributeError(message)

from_env = DockerClient.from_env
