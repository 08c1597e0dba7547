"""The Docker CLI's reading of -H / DOCKER_HOST (docker/cli opts/hosts_test.go)."""
from __future__ import annotations

import pytest

from swarmctl.config.hosts import parse_docker_host


@pytest.mark.parametrize("value, expected", [
    ("", "unix:///var/run/docker.sock"),
    ("  ", "unix:///var/run/docker.sock"),
    ("fd://", "fd://"),
    ("fd://something", "fd://something"),
    ("tcp://host:", "tcp://host:2375"),
    ("tcp://", "tcp://localhost:2375"),
    ("tcp://:2375", "tcp://localhost:2375"),
    ("tcp://:2376", "tcp://localhost:2376"),
    ("tcp://0.0.0.0:8080", "tcp://0.0.0.0:8080"),
    ("tcp://192.168:8080", "tcp://192.168:8080"),
    (" tcp://:7777/path ", "tcp://localhost:7777/path"),
    ("tcp://docker.com:2375", "tcp://docker.com:2375"),
    ("tcp://docker.com", "tcp://docker.com:2375"),
    ("unix://", "unix:///var/run/docker.sock"),
    ("unix://path/to/socket", "unix://path/to/socket"),
    ("npipe://", "npipe:////./pipe/docker_engine"),
    ("0.0.0.1:", "tcp://0.0.0.1:2375"),
    ("0.0.0.1:5555/path", "tcp://0.0.0.1:5555/path"),
    ("[::1]:", "tcp://[::1]:2375"),
    ("[::1]:5555/path", "tcp://[::1]:5555/path"),
    ("[0:0:0:0:0:0:0:1]:", "tcp://[0:0:0:0:0:0:0:1]:2375"),
    (":6666/path", "tcp://localhost:6666/path"),
    ("localhost:5555", "tcp://localhost:5555"),
    ("ssh://me@example.com", "ssh://me@example.com"),
    ("ssh://example.com:2222/run/docker.sock", "ssh://example.com:2222/run/docker.sock"),
])
def test_parse_docker_host(value, expected):
    assert parse_docker_host(value) == expected


def test_parse_docker_host_defaults_to_tls_port_only_when_empty():
    assert parse_docker_host("", default_to_tls=True) == "tcp://localhost:2376"
    assert parse_docker_host("tcp://h", default_to_tls=True) == "tcp://h:2375"


@pytest.mark.parametrize("value, message", [
    ("udp://127.0.0.1", "invalid bind address format: udp://127.0.0.1"),
    ("://", "invalid bind address format: ://"),
    ("https://h:2376", "invalid bind address format: https://h:2376"),
    ("tcp://unix:///run/docker.sock", "invalid proto, expected tcp: unix:///run/docker.sock"),
    ("tcp://invalid:port", 'parse "tcp://invalid:port": invalid port ":port" after host'),
    ("tcp:a.b.c.d", 'parse "tcp://tcp:a.b.c.d": invalid port ":a.b.c.d" after host'),
    ("something with spaces", 'parse "tcp://something with spaces": invalid character " " in host name'),
])
def test_parse_docker_host_errors(value, message):
    from swarmctl.errors import DockerException

    with pytest.raises(DockerException) as info:
        parse_docker_host(value)
    assert str(info.value) == message
