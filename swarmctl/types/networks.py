"""Network request parts, as in docker-py's ``docker.types.networks``: IP address management
for ``create_network`` and a container's endpoint for ``connect_container_to_network``."""
from __future__ import annotations

from swarmctl.types.base import invalid_version
from swarmctl.utils.versions import version_lt

# Names for type checkers only: typing itself stays out of start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = ["EndpointConfig", "IPAMConfig", "IPAMPool"]


class IPAMConfig(dict):
    """IP address management for a new network (the ``IPAM`` of ``create_network``).

    Args:
        driver (str): The IPAM driver. Default: ``'default'``.
        pool_configs (list): The address pools, :py:class:`IPAMPool` objects.
            Default: none.
        options (dict): Driver options.

    Raises:
        TypeError
            If ``options`` is not a dict.

    Example:
        >>> ipam = IPAMConfig(pool_configs=[IPAMPool(subnet="10.10.0.0/24")])
        >>> client.networks.create("backend", driver="overlay", ipam=ipam)
    """

    def __init__(self, driver: str = "default", pool_configs: list[IPAMPool] | None = None,
                 options: dict[str, str] | None = None) -> None:
        self["Driver"] = driver
        self["Config"] = pool_configs or []
        if options:
            if not isinstance(options, dict):
                raise TypeError("IPAMConfig options must be a dictionary")
            self["Options"] = options


class IPAMPool(dict):
    """One address pool of an :py:class:`IPAMConfig`. Unset fields are sent as ``null``
    (the engine reads them as empty), as docker-py does.

    Args:
        subnet (str): The pool's subnet in CIDR notation, e.g. ``'10.10.0.0/24'``.
        iprange (str): The part of the subnet endpoints get addresses from (CIDR).
        gateway (str): The gateway's address.
        aux_addresses (dict): Addresses the IPAM driver must not hand out, by name.
    """

    def __init__(self, subnet: str | None = None, iprange: str | None = None,
                 gateway: str | None = None, aux_addresses: dict[str, str] | None = None) -> None:
        self["Subnet"] = subnet
        self["IPRange"] = iprange
        self["Gateway"] = gateway
        self["AuxiliaryAddresses"] = aux_addresses


class EndpointConfig(dict):
    """A container's endpoint on one network (``EndpointConfig`` of a network connect).

    Args:
        version (str): The API version the request is for; it gates the fields.
        aliases (list): Other names the container has on the network.
        links (dict or list): Links to other containers, ``{name: alias}`` or a list of
            ``(name, alias)`` pairs; sent as ``"name:alias"`` strings.
        ipv4_address (str): The container's IPv4 address.
        ipv6_address (str): The container's IPv6 address.
        link_local_ips (list): Link-local addresses (API 1.24 and later).
        driver_opt (dict): Network driver options (API 1.32 and later).
        mac_address (str): The container's MAC address (API 1.25 and later).

    Raises:
        :py:class:`swarmctl.errors.InvalidVersion`
            If ``version`` is older than a given field needs.
        TypeError
            If ``driver_opt`` is not a dict.
    """

    def __init__(self, version: str, aliases: list[str] | None = None,
                 links: dict[str, str] | list[Any] | None = None,
                 ipv4_address: str | None = None, ipv6_address: str | None = None,
                 link_local_ips: list[str] | None = None,
                 driver_opt: dict[str, str] | None = None,
                 mac_address: str | None = None) -> None:
        if version_lt(version, "1.22"):
            raise invalid_version("Endpoint config is not supported for API version < 1.22")
        if aliases:
            self["Aliases"] = aliases
        if links:
            self["Links"] = _link_strings(links)
        ipam = {}
        if ipv4_address:
            ipam["IPv4Address"] = ipv4_address
        if ipv6_address:
            ipam["IPv6Address"] = ipv6_address
        if mac_address:
            if version_lt(version, "1.25"):
                raise invalid_version("mac_address is not supported for API version < 1.25")
            self["MacAddress"] = mac_address
        if link_local_ips is not None:
            if version_lt(version, "1.24"):
                raise invalid_version("link_local_ips is not supported for API version < 1.24")
            ipam["LinkLocalIPs"] = link_local_ips
        if ipam:
            self["IPAMConfig"] = ipam
        if driver_opt:
            if version_lt(version, "1.32"):
                raise invalid_version("DriverOpts is not supported for API version < 1.32")
            if not isinstance(driver_opt, dict):
                raise TypeError("driver_opt must be a dictionary")
            self["DriverOpts"] = driver_opt


def _link_strings(links):
    """``name:alias`` for each link (just ``name`` without an alias); a dict's in key order
    sorted, as docker-py sends them."""
    pairs = sorted(links.items()) if isinstance(links, dict) else links
    return [f"{name}:{alias}" if alias else name for name, alias in pairs]
