"""swarmctl.utils.convert: docker-py's value converters, edge cases included.

Cases marked "reference" come from /work/shared/reference/docker-py-services-api.md §9-10.
"""
import subprocess
import sys
from pathlib import Path

import pytest

from swarmctl.errors import DockerException
from swarmctl.types.services import convert_service_ports as convert_service_ports_from_types
from swarmctl.utils.convert import (
    convert_filters,
    convert_service_networks,
    convert_service_ports,
    format_environment,
    format_extra_hosts,
    parse_bytes,
    split_command,
)


@pytest.mark.parametrize(
    "value, expected",
    [
        (512, 512),
        (1.5, 1.5),
        ("", 0),
        ("512", 512),
        ("1b", 1),
        ("1B", 1),
        ("10k", 10240),
        ("10K", 10240),
        ("10kb", 10240),
        ("10KB", 10240),
        ("10kB", 10240),
        ("1.5k", 1536),  # reference
        ("64m", 67108864),  # reference (Mount tmpfs_size)
        ("2g", 2147483648),
        ("2.5G", 2684354560),
        ("10 k", 10240),
        ("1.5", 1),  # bytes, truncated to an int
        ("-1m", -1048576),
    ],
)
def test_parse_bytes(value, expected):
    assert parse_bytes(value) == expected


@pytest.mark.parametrize(
    "value, message",
    [
        (
            "12x",
            "The specified value for memory (12x) should specify the units. "
            "The postfix should be one of the `b` `k` `m` `g` characters",
        ),
        (
            "1tb",
            "The specified value for memory (1t) should specify the units. "
            "The postfix should be one of the `b` `k` `m` `g` characters",
        ),
        ("kb", "Failed converting the string value for memory () to an integer."),
        ("b", "Failed converting the string value for memory () to an integer."),
        ("1.2.3k", "Failed converting the string value for memory (1.2.3) to an integer."),
    ],
)
def test_parse_bytes_errors(value, message):
    with pytest.raises(DockerException) as raised:
        parse_bytes(value)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({"exited": [0, 1]}, '{"exited": ["0", "1"]}'),  # reference
        ({}, "{}"),
        ({"dangling": True, "all": False}, '{"dangling": ["true"], "all": ["false"]}'),
        ({"name": "web"}, '{"name": ["web"]}'),
        ({"replicas": 3}, '{"replicas": ["3"]}'),
        ({"id": ["a", 1, None]}, '{"id": ["a", "1", "None"]}'),
        ({"label": ["a=b", "c"]}, '{"label": ["a=b", "c"]}'),
    ],
)
def test_convert_filters(filters, expected):
    assert convert_filters(filters) == expected


@pytest.mark.parametrize(
    "networks, expected",
    [
        (None, None),
        ([], []),
        ("", ""),
        (["n1", {"Target": "n2", "Aliases": ["a"]}], [{"Target": "n1"}, {"Target": "n2", "Aliases": ["a"]}]),
    ],
)
def test_convert_service_networks(networks, expected):
    assert convert_service_networks(networks) == expected


@pytest.mark.parametrize("networks", ["n1", ("n1",), {"Target": "n1"}])
def test_convert_service_networks_needs_a_list(networks):
    with pytest.raises(TypeError) as raised:
        convert_service_networks(networks)
    assert str(raised.value) == "networks parameter must be a list."


@pytest.mark.parametrize(
    "environment, expected",
    [
        ({"A": 1, "B": None}, ["A=1", "B"]),  # reference (ContainerSpec env)
        ({"A": "x=y", "B": ""}, ["A=x=y", "B="]),
        ({"U": "\u00e9".encode()}, ["U=\u00e9"]),
        ({}, []),
    ],
)
def test_format_environment(environment, expected):
    assert format_environment(environment) == expected


@pytest.mark.parametrize(
    "hosts, task, expected",
    [
        ({"h": "1.2.3.4"}, True, ["1.2.3.4 h"]),  # reference (ContainerSpec hosts)
        ({"web": "10.0.0.2", "db": "10.0.0.1"}, True, ["10.0.0.1 db", "10.0.0.2 web"]),
        ({"web": "10.0.0.2", "db": "10.0.0.1"}, False, ["db:10.0.0.1", "web:10.0.0.2"]),
        ({"v6": "::1"}, False, ["v6:::1"]),
        ({}, True, []),
    ],
)
def test_format_extra_hosts(hosts, task, expected):
    assert format_extra_hosts(hosts, task=task) == expected


def test_format_extra_hosts_defaults_to_container_form():
    assert format_extra_hosts({"h": "1.2.3.4"}) == ["h:1.2.3.4"]


@pytest.mark.parametrize(
    "command, expected",
    [
        ('sh -c "echo hi"', ["sh", "-c", "echo hi"]),  # reference
        ("echo 'a b' c\\ d", ["echo", "a b", "c d"]),
        ("echo \u00e9", ["echo", "\u00e9"]),
        ("", []),
    ],
)
def test_split_command(command, expected):
    assert split_command(command) == expected


@pytest.mark.parametrize(
    "ports, expected",
    [
        # reference
        (
            {12357: (1990, "udp"), 12562: (678,), 53243: 8080, 80: (8080, None, "host")},
            [
                {"Protocol": "udp", "PublishedPort": 12357, "TargetPort": 1990},
                {"Protocol": "tcp", "PublishedPort": 12562, "TargetPort": 678},
                {"Protocol": "tcp", "PublishedPort": 53243, "TargetPort": 8080},
                {"Protocol": "tcp", "PublishedPort": 80, "TargetPort": 8080, "PublishMode": "host"},
            ],
        ),
        ({8080: (80, "tcp", "ingress")}, [{"Protocol": "tcp", "PublishedPort": 8080, "TargetPort": 80, "PublishMode": "ingress"}]),
        ({None: 80}, [{"Protocol": "tcp", "PublishedPort": None, "TargetPort": 80}]),
        ({}, []),
        ([{"TargetPort": 80}], [{"TargetPort": 80}]),
    ],
)
def test_convert_service_ports(ports, expected):
    assert convert_service_ports(ports) == expected


def test_convert_service_ports_keeps_a_list_object():
    ports = [{"TargetPort": 80}]
    assert convert_service_ports(ports) is ports


def test_convert_service_ports_key_order():
    [port] = convert_service_ports({80: (8080, None, "host")})
    assert list(port) == ["Protocol", "PublishedPort", "TargetPort", "PublishMode"]


@pytest.mark.parametrize(
    "ports, error, message",
    [
        ("80:80", TypeError, "Invalid type for ports, expected dict or list"),
        (None, TypeError, "Invalid type for ports, expected dict or list"),
        ((80, 80), TypeError, "Invalid type for ports, expected dict or list"),
        (
            {80: (8080, "tcp", "host", "extra")},
            ValueError,
            "Service port configuration can have at most 3 elements: (target_port, protocol, mode)",
        ),
    ],
)
def test_convert_service_ports_errors(ports, error, message):
    with pytest.raises(error) as raised:
        convert_service_ports(ports)
    assert str(raised.value) == message


def test_convert_service_ports_is_reexported_by_types():
    assert convert_service_ports_from_types is convert_service_ports


def test_convert_imports_only_the_standard_library():
    code = "import sys, swarmctl.utils.convert; sys.exit('requests' in sys.modules)"
    repo_root = Path(__file__).resolve().parents[2]
    assert subprocess.run([sys.executable, "-c", code], cwd=repo_root).returncode == 0
