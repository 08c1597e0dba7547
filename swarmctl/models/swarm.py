"""``client.swarm``: docker-py's ``Swarm``, the one swarm this engine belongs to."""
from __future__ import annotations

from swarmctl.models.resource import Model

# Names for type checkers only: typing itself stays out of start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from swarmctl.models.clientview import DockerClient
    from swarmctl.models.resource import Collection

# What GET /swarm answers on an engine that is in no swarm (503) or is a worker (503; 406
# on old engines): the Swarm object is then empty until init or join.
_NO_SWARM_HERE = (406, 503)
# docker-py's Swarm.update sends this when node_cert_expiry is not given: 90 days, the
# engine's default, in nanoseconds.
_DEFAULT_NODE_CERT_EXPIRY = 7776000000000000


class Swarm(Model):
    """The swarm this engine belongs to, as last read (docker-py's ``Swarm``).

    It is read when made; on an engine in no swarm (or a worker) :attr:`attrs` is
    empty until :meth:`init` or :meth:`join`. Call :meth:`reload` to read it again.

    Args:
        attrs (dict): The swarm as the engine reported it.
        client (DockerClient): The client it is read through.
        collection (Collection): Unused; there is no collection of swarms.

    Raises:
        :py:class:`swarmctl.errors.APIError`
            If reading the swarm fails for another reason than there being none.
    """

    id_attribute = "ID"

    def __init__(self, attrs: dict[str, Any] | None = None, client: DockerClient | None = None,
                 collection: Collection | None = None) -> None:
        super().__init__(attrs=attrs, client=client, collection=collection)
        if self.client:
            from swarmctl.errors import APIError

            try:
                self.reload()
            except APIError as error:
                if error.response is None or error.response.status_code not in _NO_SWARM_HERE:
                    raise

    @property
    def version(self) -> int:
        """The swarm's version as last read; :meth:`update` sends it, so after someone
        else changed the swarm, :meth:`reload` first."""
        return self.attrs.get("Version").get("Index")

    def get_unlock_key(self) -> dict[str, Any]:
        """The key that unlocks this manager after a restart when autolock is on.

        Returns:
            A dict with ``UnlockKey`` (empty when autolock is off).

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        return self.client.api.get_unlock_key()

    def init(self, advertise_addr: str | None = None, listen_addr: str = "0.0.0.0:2377",
             force_new_cluster: bool = False, default_addr_pool: list[str] | None = None,
             subnet_size: int | None = None, data_path_addr: str | None = None,
             data_path_port: int | None = None, **kwargs: Any) -> str:
        """Make this engine the first manager of a new swarm, like ``docker swarm init``,
        and read the swarm.

        Args:
            advertise_addr (str): The address other nodes reach this one at
                (``192.168.1.1:4567`` or ``eth0:4567``). Detected when not given.
            listen_addr (str): Where managers talk to each other.
                Default: ``'0.0.0.0:2377'``.
            force_new_cluster (bool): Make a new swarm from this manager's state even if
                it is in one. Default: ``False``.
            default_addr_pool (list): CIDR pools for global-scope networks.
            subnet_size (int): The size of each network's subnet from those pools.
            data_path_addr (str): Address or interface for data traffic.
            data_path_port (int): Port for data traffic; 4789 when not given.
            **kwargs: The swarm's configuration, as
                :py:meth:`APIClient.create_swarm_spec` takes it
                (``task_history_retention_limit``, ``snapshot_interval``, ``name``,
                ``labels``, ``autolock_managers``...).

        Returns:
            The new node's id.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error, e.g. the engine already is in a swarm.
        """
        node_id = self.client.api.init_swarm(
            advertise_addr=advertise_addr, listen_addr=listen_addr,
            force_new_cluster=force_new_cluster, default_addr_pool=default_addr_pool,
            subnet_size=subnet_size, data_path_addr=data_path_addr,
            data_path_port=data_path_port,
            swarm_spec=self.client.api.create_swarm_spec(**kwargs))
        self.reload()
        return node_id

    def join(self, *args: Any, **kwargs: Any) -> bool:
        """Make this engine join an existing swarm, like ``docker swarm join``.

        Args:
            remote_addrs (list): Addresses of managers of that swarm.
            join_token (str): The swarm's worker or manager join token.
            listen_addr (str): Where this node listens as a manager.
                Default: ``'0.0.0.0:2377'``.
            advertise_addr (str): The address other nodes reach this one at.
            data_path_addr (str): Address or interface for data traffic.

        Returns:
            ``True``.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error, e.g. a wrong token.
        """
        return self.client.api.join_swarm(*args, **kwargs)

    def leave(self, *args: Any, **kwargs: Any) -> bool:
        """Make this engine leave its swarm, like ``docker swarm leave``.

        Args:
            force (bool): Leave even if this node is a manager. With ``force``, an
                engine in no swarm is not an error. Default: ``False``.

        Returns:
            ``True``.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error, e.g. a manager leaving without ``force``.
        """
        return self.client.api.leave_swarm(*args, **kwargs)

    def reload(self) -> None:
        """Read the swarm again and replace :attr:`attrs`.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error, e.g. 503 on an engine in no swarm.
        """
        self.attrs = self.client.api.inspect_swarm()

    def unlock(self, key: str | dict[str, str]) -> bool:
        """Unlock this manager when its swarm is locked, like ``docker swarm unlock``.

        Args:
            key (str or dict): The unlock key, or :meth:`get_unlock_key`'s answer.

        Returns:
            ``True``.

        Raises:
            :py:class:`swarmctl.errors.InvalidArgument`
                If ``key`` is a dict without ``UnlockKey``.
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error, e.g. when the swarm is not locked.
        """
        return self.client.api.unlock_swarm(key)

    def update(self, rotate_worker_token: bool = False, rotate_manager_token: bool = False,
               rotate_manager_unlock_key: bool = False, **kwargs: Any) -> bool:
        """Replace the swarm's configuration with the one the keywords describe.

        As in docker-py, the spec sent is built from the keywords alone: settings not
        given go back to the engine's defaults, and ``node_cert_expiry`` is 90 days unless
        given. Read :attr:`attrs` first to keep what you do not mean to change.

        Args:
            rotate_worker_token (bool): Issue a new worker join token. Default: ``False``.
            rotate_manager_token (bool): Issue a new manager join token.
                Default: ``False``.
            rotate_manager_unlock_key (bool): Issue a new unlock key. Default: ``False``.
            **kwargs: The configuration, as :meth:`init` takes it (without the
                addresses and ``force_new_cluster``).

        Returns:
            ``True``.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error, e.g. "update out of sequence".
        """
        if kwargs.get("node_cert_expiry") is None:
            kwargs["node_cert_expiry"] = _DEFAULT_NODE_CERT_EXPIRY
        return self.client.api.update_swarm(
            version=self.version, swarm_spec=self.client.api.create_swarm_spec(**kwargs),
            rotate_worker_token=rotate_worker_token,
            rotate_manager_token=rotate_manager_token,
            rotate_manager_unlock_key=rotate_manager_unlock_key)
