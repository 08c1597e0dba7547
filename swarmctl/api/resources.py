"""Look-ups the service commands need: nodes, networks, secrets, configs."""
from __future__ import annotations

import base64
from typing import TYPE_CHECKING

from swarmctl.utils.convert import convert_filters
from swarmctl.utils.decorators import check_resource, minimum_version

if TYPE_CHECKING:
    from typing import Any


def _filter_params(filters):
    return {"filters": convert_filters(filters)} if filters else {}


class ResourcesApiMixin:
    # -- nodes -------------------------------------------------------------------------------
    @minimum_version("1.24")
    def nodes(self, filters: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """List the swarm's nodes (``GET /nodes``).

        Args:
            filters (dict): Engine filters: ``id``, ``name``, ``label``, ``membership``
                and ``role``.

        Returns:
            A list of nodes as dicts.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        return self._result(self._get(self._url("/nodes"), params=_filter_params(filters)), json=True)

    @check_resource("node_id")
    @minimum_version("1.24")
    def inspect_node(self, node_id: str | dict[str, Any]) -> dict[str, Any]:
        """Read one node (``GET /nodes/ID``).

        Args:
            node_id (str or dict): The node's id or name, or a dict with ``ID``.

        Returns:
            The node as the engine reports it.

        Raises:
            :py:class:`swarmctl.errors.NotFound`
                If it does not exist.
            :py:class:`swarmctl.errors.APIError`
                If the server returns another error.
        """
        return self._result(self._get(self._url("/nodes/{0}", node_id)), json=True)

    # -- networks ----------------------------------------------------------------------------
    def networks(self, names: list[str] | None = None, ids: list[str] | None = None,
                 filters: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """List networks (``GET /networks``).

        Args:
            names (list): Only networks with these names (added to ``filters``).
            ids (list): Only networks with these ids (added to ``filters``).
            filters (dict): Engine filters, e.g. ``driver``, ``label``, ``scope``.

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
        return self._result(self._get(self._url("/networks"), params=_filter_params(filters)), json=True)

    @check_resource("net_id")
    def inspect_network(self, net_id: str | dict[str, Any], verbose: bool | None = None,
                        scope: str | None = None) -> dict[str, Any]:
        """Read one network (``GET /networks/ID``).

        Args:
            net_id (str or dict): The network's id or name, or a dict with ``Id``.
            verbose (bool): Include the network's services and tasks across the swarm.
            scope (str): Only a network of this scope (``swarm``, ``global`` or ``local``).

        Returns:
            The network as the engine reports it.

        Raises:
            :py:class:`swarmctl.errors.NotFound`
                If it does not exist.
            :py:class:`swarmctl.errors.APIError`
                If the server returns another error.
        """
        params = {}
        if verbose is not None:
            params["verbose"] = verbose
        if scope is not None:
            params["scope"] = scope
        return self._result(self._get(self._url("/networks/{0}", net_id), params=params), json=True)

    def create_network(self, name: str, driver: str | None = None,
                       options: dict[str, str] | None = None, ipam: dict[str, Any] | None = None,
                       check_duplicate: bool | None = None, internal: bool = False,
                       labels: dict[str, str] | None = None, enable_ipv6: bool = False,
                       attachable: bool | None = None, scope: str | None = None,
                       ingress: bool | None = None) -> dict[str, Any]:
        """Create a network (``POST /networks/create``).

        Args:
            name (str): The network's name.
            driver (str): The driver, e.g. ``overlay`` for a swarm network.
            options (dict): Driver options.
            ipam (dict): IP address management settings, in the API's shape.
            check_duplicate (bool): Ask the engine to refuse a name already in use.
            internal (bool): No access to the outside world. Default: ``False``.
            labels (dict): Network labels.
            enable_ipv6 (bool): Enable IPv6. Default: ``False``.
            attachable (bool): Let standalone containers join (overlay networks).
            scope (str): ``local``, ``global`` or ``swarm``.
            ingress (bool): Make this the swarm's routing-mesh network.

        Returns:
            The engine's answer: a dict with the network's ``Id``.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        data = {
            "Name": name, "Driver": driver, "Options": options, "IPAM": ipam,
            "CheckDuplicate": check_duplicate, "Internal": internal or None, "Labels": labels,
            "EnableIPv6": enable_ipv6 or None, "Attachable": attachable, "Scope": scope,
            "Ingress": ingress,
        }
        return self._result(self._post_json(self._url("/networks/create"), data), json=True)

    @check_resource("net_id")
    def remove_network(self, net_id: str | dict[str, Any]) -> None:
        """Remove a network (``DELETE /networks/ID``).

        Args:
            net_id (str or dict): The network's id or name, or a dict with ``Id``.

        Raises:
            :py:class:`swarmctl.errors.NotFound`
                If it does not exist.
            :py:class:`swarmctl.errors.APIError`
                If the server returns another error.
        """
        self._raise_for_status(self._delete(self._url("/networks/{0}", net_id)))

    # -- secrets and configs -----------------------------------------------------------------
    @minimum_version("1.25")
    def secrets(self, filters: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """List secrets (``GET /secrets``); the engine never returns their data.

        Args:
            filters (dict): Engine filters: ``id``, ``label``, ``name`` and ``names``.

        Returns:
            A list of secrets as dicts.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        return self._result(self._get(self._url("/secrets"), params=_filter_params(filters)), json=True)

    @check_resource("id")
    @minimum_version("1.25")
    def inspect_secret(self, id: str | dict[str, Any]) -> dict[str, Any]:
        """Read one secret's metadata (``GET /secrets/ID``).

        Args:
            id (str or dict): The secret's id or name, or a dict with ``ID``.

        Returns:
            The secret as the engine reports it (without its data).

        Raises:
            :py:class:`swarmctl.errors.NotFound`
                If it does not exist.
            :py:class:`swarmctl.errors.APIError`
                If the server returns another error.
        """
        return self._result(self._get(self._url("/secrets/{0}", id)), json=True)

    @minimum_version("1.25")
    def create_secret(self, name: str, data: bytes | str, labels: dict[str, str] | None = None,
                      driver: dict[str, Any] | None = None) -> dict[str, Any]:
        """Create a secret (``POST /secrets/create``).

        Args:
            name (str): The secret's name.
            data (bytes or str): The secret's content; a str is encoded as UTF-8.
            labels (dict): Secret labels.
            driver (dict): A secret store driver, as a DriverConfig dict.

        Returns:
            The engine's answer: a dict with the secret's ``ID``.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        if isinstance(data, str):
            data = data.encode("utf-8")
        body = {"Data": base64.b64encode(data).decode("ascii"), "Name": name, "Labels": labels}
        if driver is not None:
            body["Driver"] = driver
        return self._result(self._post_json(self._url("/secrets/create"), body), json=True)

    @check_resource("id")
    @minimum_version("1.25")
    def remove_secret(self, id: str | dict[str, Any]) -> bool:
        """Remove a secret (``DELETE /secrets/ID``).

        Args:
            id (str or dict): The secret's id or name, or a dict with ``ID``.

        Returns:
            ``True``.

        Raises:
            :py:class:`swarmctl.errors.NotFound`
                If it does not exist.
            :py:class:`swarmctl.errors.APIError`
                If the server returns another error.
        """
        self._raise_for_status(self._delete(self._url("/secrets/{0}", id)))
        return True

    @minimum_version("1.30")
    def configs(self, filters: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """List configs (``GET /configs``).

        Args:
            filters (dict): Engine filters: ``id``, ``label``, ``name`` and ``names``.

        Returns:
            A list of configs as dicts.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        return self._result(self._get(self._url("/configs"), params=_filter_params(filters)), json=True)

    @check_resource("id")
    @minimum_version("1.30")
    def inspect_config(self, id: str | dict[str, Any]) -> dict[str, Any]:
        """Read one config (``GET /configs/ID``).

        Args:
            id (str or dict): The config's id or name, or a dict with ``ID``.

        Returns:
            The config as the engine reports it, its data base64-encoded in ``Spec.Data``.

        Raises:
            :py:class:`swarmctl.errors.NotFound`
                If it does not exist.
            :py:class:`swarmctl.errors.APIError`
                If the server returns another error.
        """
        return self._result(self._get(self._url("/configs/{0}", id)), json=True)

    @minimum_version("1.30")
    def create_config(self, name: str, data: bytes | str, labels: dict[str, str] | None = None,
                      templating: dict[str, Any] | None = None) -> dict[str, Any]:
        """Create a config (``POST /configs/create``).

        Args:
            name (str): The config's name.
            data (bytes or str): The config's content; a str is encoded as UTF-8.
            labels (dict): Config labels.
            templating (dict): A templating driver, as a DriverConfig dict.

        Returns:
            The engine's answer: a dict with the config's ``ID``.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        if isinstance(data, str):
            data = data.encode("utf-8")
        body = {"Data": base64.b64encode(data).decode("ascii"), "Name": name, "Labels": labels,
                "Templating": templating}
        return self._result(self._post_json(self._url("/configs/create"), body), json=True)

    @check_resource("id")
    @minimum_version("1.30")
    def remove_config(self, id: str | dict[str, Any]) -> bool:
        """Remove a config (``DELETE /configs/ID``).

        Args:
            id (str or dict): The config's id or name, or a dict with ``ID``.

        Returns:
            ``True``.

        Raises:
            :py:class:`swarmctl.errors.NotFound`
                If it does not exist.
            :py:class:`swarmctl.errors.APIError`
                If the server returns another error.
        """
        self._raise_for_status(self._delete(self._url("/configs/{0}", id)))
        return True
