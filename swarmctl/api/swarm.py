"""The swarm and its nodes (docker-py's ``SwarmApiMixin``): init, join, leave, update,
unlock, and listing, updating and removing nodes."""
from __future__ import annotations

from typing import TYPE_CHECKING

from swarmctl import constants
from swarmctl.api.gates import require_version
from swarmctl.errors import InvalidArgument
from swarmctl.types.swarm import SwarmSpec
from swarmctl.utils.convert import convert_filters
from swarmctl.utils.decorators import check_resource, minimum_version

if TYPE_CHECKING:
    from typing import Any

# leave_swarm(force=True) on an engine that is in no swarm: the engine answers 503 (406 on
# old engines); the node is out of any swarm either way, which is what was asked.
_NOT_IN_A_SWARM = (406, 503)


class SwarmApiMixin:
    def create_swarm_spec(self, *args: Any, **kwargs: Any) -> SwarmSpec:
        """Build a :py:class:`swarmctl.types.SwarmSpec` for this client's API version, for
        :meth:`init_swarm` and :meth:`update_swarm`.

        Args:
            *args: Passed to :py:class:`~swarmctl.types.SwarmSpec` after the version.
            **kwargs: :py:class:`~swarmctl.types.SwarmSpec`'s keywords:
                ``task_history_retention_limit``, ``snapshot_interval``,
                ``keep_old_snapshots``, ``log_entries_for_slow_followers``,
                ``heartbeat_tick``, ``election_tick``, ``dispatcher_heartbeat_period``,
                ``node_cert_expiry``, ``external_cas`` (or one ``external_ca``), ``name``,
                ``labels``, ``signing_ca_cert``, ``signing_ca_key``, ``ca_force_rotate``,
                ``autolock_managers`` and ``log_driver``.

        Returns:
            A :py:class:`~swarmctl.types.SwarmSpec`.

        Raises:
            :py:class:`swarmctl.errors.InvalidVersion`
                If a field needs a newer API version than this client's.
        """
        external_ca = kwargs.pop("external_ca", None)
        if external_ca:
            kwargs["external_cas"] = [external_ca]
        return SwarmSpec(self._version, *args, **kwargs)

    @minimum_version("1.24")
    def get_unlock_key(self) -> dict[str, Any]:
        """Read the key that unlocks this manager after a restart (``GET /swarm/unlockkey``).

        Returns:
            A dict with ``UnlockKey`` (empty when autolock is off).

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        return self._result(self._get(self._url("/swarm/unlockkey")), json=True)

    @minimum_version("1.24")
    def init_swarm(self, advertise_addr: str | None = None, listen_addr: str = "0.0.0.0:2377",
                   force_new_cluster: bool = False, swarm_spec: dict[str, Any] | None = None,
                   default_addr_pool: list[str] | None = None, subnet_size: int | None = None,
                   data_path_addr: str | None = None,
                   data_path_port: int | None = None) -> str:
        """Make this engine the first manager of a new swarm (``POST /swarm/init``).

        Args:
            advertise_addr (str): The address other nodes reach this one at:
                ``192.168.1.1:4567``, or an interface and port like ``eth0:4567``; without
                a port, the listen port. Detected when not given.
            listen_addr (str): Where managers talk to each other, and the interface of
                the overlay tunnel endpoint. Default: ``'0.0.0.0:2377'``.
            force_new_cluster (bool): Make a new swarm from this manager's state even if
                it is in one. Default: ``False``.
            swarm_spec (dict): The swarm's configuration; see
                :meth:`create_swarm_spec`.
            default_addr_pool (list): CIDR pools for global-scope networks (API 1.39);
                with only ``subnet_size``, ``['10.0.0.0/8']``.
            subnet_size (int): The size of each network's subnet from those pools
                (API 1.39); with only ``default_addr_pool``, 24.
            data_path_addr (str): Address or interface for data traffic (API 1.30).
            data_path_port (int): Port for data traffic, 1024 to 49151; 4789 when
                ``None`` or 0 (API 1.40).

        Returns:
            The new node's id.

        Raises:
            TypeError
                If ``swarm_spec`` is not a dict; nothing is sent.
            :py:class:`swarmctl.errors.InvalidVersion`
                If an argument needs a newer API version; nothing is sent.
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error, e.g. when it already is in a swarm.
        """
        if swarm_spec is not None and not isinstance(swarm_spec, dict):
            raise TypeError("swarm_spec must be a dictionary")
        if default_addr_pool is not None:
            require_version(self._version, "1.39",
                            "Address pool is only available for API version >= 1.39")
            if subnet_size is None:  # the engine would read a missing size as 0
                subnet_size = constants.DEFAULT_SWARM_SUBNET_SIZE
        if subnet_size is not None:
            require_version(self._version, "1.39",
                            "Subnet size is only available for API version >= 1.39")
            if default_addr_pool is None:  # the engine ignores a size without pools
                default_addr_pool = list(constants.DEFAULT_SWARM_ADDR_POOL)
        body = {"AdvertiseAddr": advertise_addr, "ListenAddr": listen_addr,
                "DefaultAddrPool": default_addr_pool, "SubnetSize": subnet_size,
                "ForceNewCluster": force_new_cluster, "Spec": swarm_spec}
        if data_path_addr is not None:
            require_version(self._version, "1.30",
                            "Data address path is only available for API version >= 1.30")
            body["DataPathAddr"] = data_path_addr
        if data_path_port is not None:
            require_version(self._version, "1.40",
                            "Data path port is only available for API version >= 1.40")
            body["DataPathPort"] = data_path_port
        return self._result(self._post_json(self._url("/swarm/init"), body), json=True)

    @minimum_version("1.24")
    def inspect_swarm(self) -> dict[str, Any]:
        """Read the swarm this engine belongs to (``GET /swarm``).

        Returns:
            The swarm's id, version, spec, join tokens and so on.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error, e.g. 503 when the node is not a manager.
        """
        return self._result(self._get(self._url("/swarm")), json=True)

    @minimum_version("1.24")
    def join_swarm(self, remote_addrs: list[str], join_token: str,
                   listen_addr: str = "0.0.0.0:2377", advertise_addr: str | None = None,
                   data_path_addr: str | None = None) -> bool:
        """Make this engine join an existing swarm (``POST /swarm/join``).

        Args:
            remote_addrs (list): Addresses of managers of that swarm.
            join_token (str): The swarm's worker or manager join token.
            listen_addr (str): Where this node listens if it is (or becomes) a manager,
                and the interface of the overlay tunnel endpoint.
                Default: ``'0.0.0.0:2377'``.
            advertise_addr (str): The address other nodes reach this one at (see
                :meth:`init_swarm`). Detected when not given.
            data_path_addr (str): Address or interface for data traffic (API 1.30).

        Returns:
            ``True``.

        Raises:
            :py:class:`swarmctl.errors.InvalidVersion`
                If an argument needs a newer API version; nothing is sent.
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error, e.g. a wrong token.
        """
        body = {"RemoteAddrs": remote_addrs, "ListenAddr": listen_addr,
                "JoinToken": join_token, "AdvertiseAddr": advertise_addr}
        if data_path_addr is not None:
            require_version(self._version, "1.30",
                            "Data address path is only available for API version >= 1.30")
            body["DataPathAddr"] = data_path_addr
        self._raise_for_status(self._post_json(self._url("/swarm/join"), body))
        return True

    @minimum_version("1.24")
    def leave_swarm(self, force: bool = False) -> bool:
        """Make this engine leave its swarm (``POST /swarm/leave``).

        Args:
            force (bool): Leave even if this node is a manager (which can break the
                swarm's quorum). With ``force``, an engine in no swarm is not an error.
                Default: ``False``.

        Returns:
            ``True``.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error, e.g. a manager leaving without ``force``.
        """
        response = self._post(self._url("/swarm/leave"), params={"force": force})
        if force and response.status_code in _NOT_IN_A_SWARM:
            return True
        self._raise_for_status(response)
        return True

    @minimum_version("1.24")
    def unlock_swarm(self, key: str | dict[str, str]) -> bool:
        """Unlock a manager whose swarm is locked (``POST /swarm/unlock``).

        Args:
            key (str or dict): The unlock key, or :meth:`get_unlock_key`'s answer.

        Returns:
            ``True``.

        Raises:
            :py:class:`swarmctl.errors.InvalidArgument`
                If ``key`` is a dict without ``UnlockKey``; nothing is sent.
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error, e.g. when the swarm is not locked.
        """
        if isinstance(key, dict):
            if "UnlockKey" not in key:
                raise InvalidArgument("Invalid unlock key format")
        else:
            key = {"UnlockKey": key}
        self._raise_for_status(self._post_json(self._url("/swarm/unlock"), key))
        return True

    @minimum_version("1.24")
    def update_swarm(self, version: int, swarm_spec: dict[str, Any] | None = None,
                     rotate_worker_token: bool = False, rotate_manager_token: bool = False,
                     rotate_manager_unlock_key: bool = False) -> bool:
        """Replace the swarm's configuration (``POST /swarm/update``).

        Args:
            version (int): The swarm's ``Version.Index`` as last read; the engine refuses
                the update if the swarm changed since.
            swarm_spec (dict): The whole new configuration: what it leaves out is reset.
                See :meth:`create_swarm_spec`.
            rotate_worker_token (bool): Issue a new worker join token. Default: ``False``.
            rotate_manager_token (bool): Issue a new manager join token.
                Default: ``False``.
            rotate_manager_unlock_key (bool): Issue a new unlock key (API 1.25).
                Default: ``False``.

        Returns:
            ``True``.

        Raises:
            :py:class:`swarmctl.errors.InvalidVersion`
                If an argument needs a newer API version; nothing is sent.
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error, e.g. "update out of sequence".
        """
        params = {"rotateWorkerToken": rotate_worker_token,
                  "rotateManagerToken": rotate_manager_token, "version": version}
        if rotate_manager_unlock_key:
            require_version(self._version, "1.25",
                            "Rotate manager unlock key is only available for API version >= 1.25")
            params["rotateManagerUnlockKey"] = rotate_manager_unlock_key
        self._raise_for_status(self._post_json(self._url("/swarm/update"), swarm_spec,
                                               params=params))
        return True

    # -- nodes -------------------------------------------------------------------------------

    @minimum_version("1.24")
    def nodes(self, filters: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """List the swarm's nodes (``GET /nodes``), like ``docker node ls``.

        Args:
            filters (dict): Engine filters: ``id``, ``name``, ``label``, ``membership``
                and ``role``.

        Returns:
            A list of nodes as dicts.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        params = {"filters": convert_filters(filters)} if filters else {}
        return self._result(self._get(self._url("/nodes"), params=params), json=True)

    @check_resource("node_id")
    @minimum_version("1.24")
    def inspect_node(self, node_id: str | dict[str, Any]) -> dict[str, Any]:
        """Read one node (``GET /nodes/ID``).

        Args:
            node_id (str or dict): The node's id or hostname, or a dict with ``ID``.

        Returns:
            The node as the engine reports it.

        Raises:
            :py:class:`swarmctl.errors.NotFound`
                If it does not exist.
            :py:class:`swarmctl.errors.APIError`
                If the server returns another error.
        """
        return self._result(self._get(self._url("/nodes/{0}", node_id)), json=True)

    @check_resource("node_id")
    @minimum_version("1.24")
    def remove_node(self, node_id: str | dict[str, Any], force: bool = False) -> bool:
        """Remove a node from the swarm (``DELETE /nodes/ID``), like ``docker node rm``.

        Args:
            node_id (str or dict): The node's id or hostname, or a dict with ``ID``.
            force (bool): Remove it even if it is still up. Default: ``False``.

        Returns:
            ``True``.

        Raises:
            :py:class:`swarmctl.errors.NotFound`
                If it does not exist.
            :py:class:`swarmctl.errors.APIError`
                If the server returns another error, e.g. the node is still up.
        """
        response = self._delete(self._url("/nodes/{0}", node_id), params={"force": force})
        self._raise_for_status(response)
        return True

    @check_resource("node_id")
    @minimum_version("1.24")
    def update_node(self, node_id: str | dict[str, Any], version: int,
                    node_spec: dict[str, Any] | None = None) -> bool:
        """Replace a node's spec (``POST /nodes/ID/update``), like ``docker node update``.

        Args:
            node_id (str or dict): The node's id or hostname, or a dict with ``ID``.
            version (int): The node's ``Version.Index`` as last read; the engine refuses
                the update if the node changed since.
            node_spec (dict): The whole new spec (``Availability``, ``Role``, ``Name``,
                ``Labels``): what it leaves out is reset.

        Returns:
            ``True``.

        Raises:
            :py:class:`swarmctl.errors.NotFound`
                If it does not exist.
            :py:class:`swarmctl.errors.APIError`
                If the server returns another error, e.g. "update out of sequence".
        """
        url = self._url("/nodes/{0}/update?version={1}", node_id, str(version))
        self._raise_for_status(self._post_json(url, node_spec))
        return True
