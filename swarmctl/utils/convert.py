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

# Binary multipliers understood by parse_bytes (docker-py's BYTE_UNITS).
_BYTE_UNITS = {"b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def parse_bytes(s):
    """Turn a size such as ``'64m'``, ``'1.5k'``, ``'10KB'`` or ``'512'`` into bytes.

    Numbers are returned unchanged and ``''`` means 0. A trailing ``b``/``B`` after a unit
    letter is ignored, units are ``b``, ``k``, ``m`` and ``g`` in either case, digits alone
    mean bytes, and fractions are allowed (the result is truncated to an int). Anything else
    raises ``DockerException``.
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


def convert_filters(filters):
    """Encode a filters dict as the JSON string the engine expects in ``?filters=``.

    Booleans become ``'true'``/``'false'``, a single value becomes a one-item list, and
    every item is turned into a string.
    """
    encoded = {}
    for key, value in filters.items():
        if isinstance(value, bool):
            value = "true" if value else "false"
        if not isinstance(value, list):
            value = [value]
        encoded[key] = [item if isinstance(item, str) else str(item) for item in value]
    return json.dumps(encoded)


def convert_service_networks(networks):
    """Normalise a service's network list: a name or id ``s`` becomes ``{'Target': s}``.

    Dicts (already NetworkAttachmentConfig-shaped) are kept. A falsy value is returned as
    is; anything that is not a list raises ``TypeError``.
    """
    if not networks:
        return networks
    if not isinstance(networks, list):
        raise TypeError("networks parameter must be a list.")
    return [{"Target": network} if isinstance(network, str) else network for network in networks]


def format_environment(environment):
    """Turn an env dict into ``['KEY=value', ...]``; a ``None`` value gives a bare ``KEY``."""

    def format_variable(key, value):
        if value is None:
            return key
        if isinstance(value, bytes):
            value = value.decode("utf-8")
        return f"{key}={value}"

    return [format_variable(key, value) for key, value in environment.items()]


def format_extra_hosts(extra_hosts, task=False):
    """Turn ``{host: ip}`` into a list sorted by host name.

    Containers use ``'host:ip'``; swarm tasks (``task=True``) use the ``'ip host'`` form
    of ``/etc/hosts``, which is what ``ContainerSpec.Hosts`` stores.
    """
    if task:
        return [f"{ip} {host}" for host, ip in sorted(extra_hosts.items())]
    return [f"{host}:{ip}" for host, ip in sorted(extra_hosts.items())]


def split_command(command):
    """Split a command line into words with POSIX shell quoting rules."""
    return shlex.split(command)


def convert_service_ports(ports):
    """Turn docker-py's ``{published: target}`` port dict into ``EndpointSpec.Ports``.

    A value may be a tuple ``(target[, protocol[, publish_mode]])``; a ``None`` protocol
    means tcp and ``PublishMode`` appears only for a 3-tuple. A list is assumed to be in
    the API's shape already and is returned unchanged.
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
