"""Networks (docker-py's ``NetworkApiMixin``): list, create, inspect, remove, prune, and
connecting containers to them."""
from __future__ import annotations

from typing import TYPE_CHECKING

from swarmctl.api.gates import require_version
from swarmctl.types.networks import EndpointConfig
from swarmctl.utils.convert import convert_filters
from swarmctl.utils.decorators import check_resource, minimum_version

if TYPE_CHECKING:
    from typing import Any


class NetworkApiMixin:
    def networks(self, names: list[str] | None = None, ids: list[str] | None = None,
                 filters: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """List networks (``GET /networks``), like ``docker network ls``.

        Args:
            names (list): Only networks with these names (added to ``filters``).
            ids (list): Only networks with these ids (added to ``filters``).
            filters (dict): Engine filters: ``driver``, ``label`` (``key`` or
                ``key=value``, or a list of them), ``scope``, ``type`` (``custom`` or
                ``builtin``) and so on.

        Returns:
            A list of networks as dicts.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        filters = dict(filters or {})
        if names:
            filters["name"] = names
        if ids:
            filters["id"] = ids
        # The filters parameter is always sent, "{}" when empty, as docker-py does.
        params = {"filters": convert_filters(filters)}
        return self._result(self._get(self._url("/networks"), params=params), json=True)

    def create_network(self, name: str, driver: str | None = None,
                       options: dict[str, str] | None = None, ipam: dict[str, Any] | None = None,
                       check_duplicate: bool | None = None, internal: bool = False,
                       labels: dict[str, str] | None = None, enable_ipv6: bool = False,
                       attachable: bool | None = None, scope: str | None = None,
                       ingress: bool | None = None) -> dict[str, Any]:
        """Create a network (``POST /networks/create``), like ``docker network create``.

        Args:
            name (str): The network's name.
            driver (str): The driver, e.g. ``overlay`` for a swarm-scoped network.
            options (dict): Driver options.
            ipam (IPAMConfig): IP address management:
                :py:class:`swarmctl.types.IPAMConfig` with
                :py:class:`swarmctl.types.IPAMPool` entries.
            check_duplicate (bool): Ask the engine to refuse a name already in use.
                Default: ``None``.
            internal (bool): No access to the outside world. Default: ``False``.
            labels (dict): Network labels. Default: ``None``.
            enable_ipv6 (bool): Enable IPv6. Default: ``False``.
            attachable (bool): Let standalone containers join an overlay network.
            scope (str): ``local``, ``global`` or ``swarm``.
            ingress (bool): Make this the swarm's routing-mesh network.

        Returns:
            The engine's answer: a dict with the network's ``Id`` (and ``Warning``).

        Raises:
            TypeError
                If ``options`` or ``labels`` is not a dict; nothing is sent.
            :py:class:`swarmctl.errors.InvalidVersion`
                If an argument needs a newer API version; nothing is sent.
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        if options is not None and not isinstance(options, dict):
            raise TypeError("options must be a dictionary")
        body = {"Name": name, "Driver": driver, "Options": options, "IPAM": ipam,
                "CheckDuplicate": check_duplicate}
        if labels is not None:
            require_version(self._version, "1.23", "network labels were introduced in API 1.23")
            if not isinstance(labels, dict):
                raise TypeError("labels must be a dictionary")
            body["Labels"] = labels
        if enable_ipv6:
            require_version(self._version, "1.23", "enable_ipv6 was introduced in API 1.23")
            body["EnableIPv6"] = True
        if internal:
            require_version(self._version, "1.22", "Internal networks are not supported in API version < 1.22")
            body["Internal"] = True
        if attachable is not None:
            require_version(self._version, "1.24", "attachable is not supported in API version < 1.24")
            body["Attachable"] = attachable
        if ingress is not None:
            require_version(self._version, "1.29", "ingress is not supported in API version < 1.29")
            body["Ingress"] = ingress
        if scope is not None:
            require_version(self._version, "1.30", "scope is not supported in API version < 1.30")
            body["Scope"] = scope
        return self._result(self._post_json(self._url("/networks/create"), body), json=True)

    @minimum_version("1.25")
    def prune_networks(self, filters: dict[str, Any] | None = None) -> dict[str, Any]:
        """Remove every network no container or service uses (``POST /networks/prune``).

        Args:
            filters (dict): Engine filters: ``until`` and ``label``.

        Returns:
            The engine's answer: ``NetworksDeleted``, the names removed (``None`` when
            none were).

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        params = {"filters": convert_filters(filters)} if filters else {}
        return self._result(self._post(self._url("/networks/prune"), params=params), json=True)

    @check_resource("net_id")
    def remove_network(self, net_id: str | dict[str, Any]) -> None:
        """Remove a network (``DELETE /networks/ID``), like ``docker network rm``.

        Args:
            net_id (str or dict): The network's id or name, or a dict with ``Id``.

        Raises:
            :py:class:`swarmctl.errors.NotFound`
                If it does not exist.
            :py:class:`swarmctl.errors.APIError`
                If the server returns another error, e.g. when a service still uses it.
        """
        self._raise_for_status(self._delete(self._url("/networks/{0}", net_id)))

    @check_resource("net_id")
    def inspect_network(self, net_id: str | dict[str, Any], verbose: bool | None = None,
                        scope: str | None = None) -> dict[str, Any]:
        """Read one network (``GET /networks/ID``).

        Args:
            net_id (str or dict): The network's id or name, or a dict with ``Id``.
            verbose (bool): Include the network's services and tasks across the swarm
                (API 1.28 and later).
            scope (str): Only a network of this scope: ``swarm``, ``global`` or ``local``.
                Engines before API 1.31 ignore it; docker-py refuses it there.

        Returns:
            The network as the engine reports it.

        Raises:
            :py:class:`swarmctl.errors.InvalidVersion`
                If an argument needs a newer API version; nothing is sent.
            :py:class:`swarmctl.errors.NotFound`
                If it does not exist.
            :py:class:`swarmctl.errors.APIError`
                If the server returns another error.
        """
        params = {}
        if verbose is not None:
            require_version(self._version, "1.28", "verbose was introduced in API 1.28")
            params["verbose"] = verbose
        if scope is not None:
            # Sent at any API version, unlike docker-py (which refuses it below 1.31): the
            # Docker CLI's --network look-ups send it so, and an older engine ignores it.
            params["scope"] = scope
        return self._result(self._get(self._url("/networks/{0}", net_id), params=params), json=True)

    def create_endpoint_config(self, *args: Any, **kwargs: Any) -> EndpointConfig:
        """Build a :py:class:`swarmctl.types.EndpointConfig` for this client's API version.

        Args:
            *args: Passed to :py:class:`~swarmctl.types.EndpointConfig` after the version.
            **kwargs: Its keywords: ``aliases``, ``links``, ``ipv4_address``,
                ``ipv6_address``, ``link_local_ips``, ``driver_opt`` and ``mac_address``.

        Returns:
            An :py:class:`~swarmctl.types.EndpointConfig`.

        Raises:
            :py:class:`swarmctl.errors.InvalidVersion`
                If a field needs a newer API version than this client's.
        """
        return EndpointConfig(self._version, *args, **kwargs)

    @check_resource("container")
    def connect_container_to_network(self, container: str | dict[str, Any], net_id: str,
                                     ipv4_address: str | None = None,
                                     ipv6_address: str | None = None,
                                     aliases: list[str] | None = None,
                                     links: dict[str, str] | list[Any] | None = None,
                                     link_local_ips: list[str] | None = None,
                                     driver_opt: dict[str, str] | None = None,
                                     mac_address: str | None = None) -> None:
        """Connect a container to a network (``POST /networks/ID/connect``).

        For a swarm-scoped (overlay) network the engine only allows this when the
        network was created ``attachable``.

        Args:
            container (str or dict): The container's id or name, or a dict with ``Id``.
            net_id (str): The network's id or name.
            ipv4_address (str): The container's IPv4 address on the network.
            ipv6_address (str): The container's IPv6 address on the network.
            aliases (list): Names the container is also reachable by on the network.
            links (dict or list): Links to other containers (``{name: alias}`` or
                ``[(name, alias)]``).
            link_local_ips (list): Link-local IPv4/IPv6 addresses.
            driver_opt (dict): Options for the network driver.
            mac_address (str): The container's MAC address on the network.

        Raises:
            :py:class:`swarmctl.errors.InvalidVersion`
                If an argument needs a newer API version; nothing is sent.
            :py:class:`swarmctl.errors.NotFound`
                If the container or the network does not exist.
            :py:class:`swarmctl.errors.APIError`
                If the server returns another error.
        """
        body = {
            "Container": container,
            "EndpointConfig": self.create_endpoint_config(
                aliases=aliases, links=links, ipv4_address=ipv4_address,
                ipv6_address=ipv6_address, link_local_ips=link_local_ips,
                driver_opt=driver_opt, mac_address=mac_address),
        }
        self._raise_for_status(self._post_json(self._url("/networks/{0}/connect", net_id), body))

    @check_resource("container")
    def disconnect_container_from_network(self, container: str | dict[str, Any], net_id: str,
                                          force: bool = False) -> None:
        """Disconnect a container from a network (``POST /networks/ID/disconnect``).

        Args:
            container (str or dict): The container's id or name, or a dict with ``Id``.
            net_id (str): The network's id or name.
            force (bool): Disconnect even if the container is not running.
                Default: ``False``.

        Raises:
            :py:class:`swarmctl.errors.NotFound`
                If the container or the network does not exist.
            :py:class:`swarmctl.errors.APIError`
                If the server returns another error.
        """
        body = {"Container": container}
        if force:
            require_version(self._version, "1.22", "Forced disconnect was introduced in API 1.22")
            body["Force"] = force
        self._raise_for_status(self._post_json(self._url("/networks/{0}/disconnect", net_id), body))
