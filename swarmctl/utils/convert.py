"""Pure value converters shared by the service types and the API client.

Each helper behaves like its namesake in docker-py's ``docker.utils`` (and
``docker.types.services`` for ``convert_service_ports``), including the odd corners, so
that code written against docker-py builds the same request bodies.

This module imports only the standard library. ``swarmctl.errors`` pulls in requests, so it
is imported inside the one function that raises from it.
"""
from __future__ import annotations

import json
import shlex

# Names for type checkers only: typing itself stays out of start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# Binary multipliers understood by parse_bytes (docker-py's BYTE_UNITS).
_BYTE_UNITS = {"b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def parse_bytes(s: str | int | float) -> int | float:
    """Turn a size such as ``'64m'``, ``'1.5k'``, ``'10KB'`` or ``'512'`` into bytes.

    Numbers are returned unchanged and ``''`` means 0. A trailing ``b``/``B`` after a unit
    letter is ignored, units are ``b``, ``k``, ``m`` and ``g`` in either case, digits alone
    mean bytes, and fractions are allowed (the result is truncated to an int).

    Args:
        s (str, int or float): The size.

    Returns:
        The number of bytes; a number given is returned unchanged.

    Raises:
        :py:class:`swarmctl.errors.DockerException`
            If the unit is unknown or the number cannot be read.
    """
    if isinstance(s, (int, float)):
        return s
    if len(s) == 0:
        return 0

    # "10kb" / "10KB": drop the byte marker so the unit letter is last.
    if s[-2:-1].isalpha() and s[-1].isalpha() and s[-1] in ("b", "B"):
        s = s[:-1]

    unit = s[-1].lower()
    if unit.isdigit():
        number_text, unit = s, "b"
    else:
        number_text = s[:-1]

    if unit not in _BYTE_UNITS:
        from swarmctl.errors import DockerException

        raise DockerException(
            f"The specified value for memory ({s}) should specify the units. "
            "The postfix should be one of the `b` `k` `m` `g` characters"
        )
    try:
        number = float(number_text)
    except ValueError as exc:
        from swarmctl.errors import DockerException

        raise DockerException(
            f"Failed converting the string value for memory ({number_text}) to an integer."
        ) from exc
    return int(number * _BYTE_UNITS[unit])


def convert_filters(filters: dict[str, Any]) -> str:
    """Encode a filters dict as the JSON string the engine expects in ``?filters=``.

    Booleans become ``'true'``/``'false'``, a single value becomes a one-item list, and
    every item is turned into a string.

    Args:
        filters (dict): Filter names to a value or a list of values.

    Returns:
        The JSON text.
    """
    encoded = {}
    for key, value in filters.items():
        if isinstance(value, bool):
            value = "true" if value else "false"
        if not isinstance(value, list):
            value = [value]
        encoded[key] = [item if isinstance(item, str) else str(item) for item in value]
    return json.dumps(encoded)


def convert_service_networks(
    networks: list[str | dict[str, Any]] | None,
) -> list[dict[str, Any]] | None:
    """Normalise a service's network list: a name or id ``s`` becomes ``{'Target': s}``.

    Args:
        networks (list): Names or ids, or dicts already shaped like
            NetworkAttachmentConfig (kept as they are).

    Returns:
        The list of attachment dicts; a falsy ``networks`` is returned as it is.

    Raises:
        TypeError
            If ``networks`` is not a list.
    """
    if not networks:
        return networks
    if not isinstance(networks, list):
        raise TypeError("networks parameter must be a list.")
    return [{"Target": network} if isinstance(network, str) else network for network in networks]


def format_environment(environment: dict[str, str | bytes | None]) -> list[str]:
    """Turn an env dict into ``['KEY=value', ...]``; a ``None`` value gives a bare ``KEY``.

    Args:
        environment (dict): Variable names to values; bytes values are UTF-8 decoded.

    Returns:
        The list of ``KEY=value`` strings, in the dict's order.
    """

    def format_variable(key, value):
        if value is None:
            return key
        if isinstance(value, bytes):
            value = value.decode("utf-8")
        return f"{key}={value}"

    return [format_variable(key, value) for key, value in environment.items()]


def format_extra_hosts(extra_hosts: dict[str, str], task: bool = False) -> list[str]:
    """Turn ``{host: ip}`` into a list sorted by host name.

    Args:
        extra_hosts (dict): Host names to IP addresses.
        task (bool): Use the ``'ip host'`` form of ``/etc/hosts``, which is what
            ``ContainerSpec.Hosts`` stores, instead of the containers' ``'host:ip'``.

    Returns:
        The list of entries.
    """
    if task:
        return [f"{ip} {host}" for host, ip in sorted(extra_hosts.items())]
    return [f"{host}:{ip}" for host, ip in sorted(extra_hosts.items())]


def split_command(command: str) -> list[str]:
    """Split a command line into words with POSIX shell quoting rules.

    Args:
        command (str): The command line.

    Returns:
        The words.

    Raises:
        ValueError
            If a quote is not closed.
    """
    return shlex.split(command)


def convert_service_ports(
    ports: dict[int, Any] | list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """Turn docker-py's ``{published: target}`` port dict into ``EndpointSpec.Ports``.

    Args:
        ports (dict or list): A value may be a target port or a tuple
            ``(target[, protocol[, publish_mode]])``; a ``None`` protocol means tcp and
            ``PublishMode`` appears only for a 3-tuple. A list is taken to be in the API's
            shape already.

    Returns:
        The list of port configs; a list given is returned unchanged.

    Raises:
        TypeError
            If ``ports`` is neither a dict nor a list.
        ValueError
            If a tuple has more than three items.
    """
    if isinstance(ports, list):
        return ports
    if not isinstance(ports, dict):
        raise TypeError("Invalid type for ports, expected dict or list")

    port_configs = []
    for published_port, target in ports.items():
        port_config = {"Protocol": "tcp", "PublishedPort": published_port}
        if isinstance(target, tuple):
            port_config["TargetPort"] = target[0]
            if len(target) >= 2 and target[1] is not None:
                port_config["Protocol"] = target[1]
            if len(target) == 3:
                port_config["PublishMode"] = target[2]
            if len(target) > 3:
                raise ValueError(
                    "Service port configuration can have at most 3 elements: "
                    "(target_port, protocol, mode)"
                )
        else:
            port_config["TargetPort"] = target
        port_configs.append(port_config)
    return port_configs
