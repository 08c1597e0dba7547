"""Engine addresses: docker-py's ``parse_host``/``kwargs_from_env``, stdlib only.

The Docker CLI's reading of ``-H``/``DOCKER_HOST`` (``parse_docker_host``) belongs to endpoint
resolution and lives in :mod:`swarmctl.config.hosts`; it is re-exported here.
"""
from __future__ import annotations

import os
from urllib.parse import urlparse

from swarmctl.config.configfile import config_dir
from swarmctl.config.errors import DockerException
from swarmctl.config.hosts import parse_docker_host  # noqa: F401 - re-exported
from swarmctl.constants import DEFAULT_HTTP_HOST, DEFAULT_UNIX_SOCKET

_DEFAULT_NPIPE = "npipe:////./pipe/docker_engine"


def parse_host(addr, is_win32=False, tls=False):
    """Normalise a DOCKER_HOST value into the URL the client talks to.

    ``unix://`` paths come back as ``http+unix:///path``; tcp as ``http[s]://host:port``;
    ssh as ``ssh://[user@]host:port``.
    """
    if not addr or addr.strip() == "unix://":
        return _DEFAULT_NPIPE if is_win32 else DEFAULT_UNIX_SOCKET
    addr = addr.strip()

    scheme, sep, _ = addr.partition("://")
    if not sep or any(not (c.isalpha() or c == "+") for c in scheme):
        addr = f"tcp://{addr}"
        scheme = "tcp"
    scheme = scheme.lower()
    if scheme == "fd":
        raise DockerException("fd protocol is not implemented")
    if scheme in ("http", "https"):
        tls = tls or scheme == "https"
        proto = "tcp"
    elif scheme == "http+unix":
        proto = "unix"
    elif scheme in ("tcp", "unix", "npipe", "ssh"):
        proto = scheme
    else:
        raise DockerException(f"Invalid bind address protocol: {addr}")
    if proto == "tcp" and not addr.partition("://")[2]:
        raise DockerException(f"Invalid bind address format: {addr}")

    rest = addr.partition("://")[2]
    if proto in ("unix", "npipe"):
        # docker-py's legacy reading: unix://relative/path means /relative/path.
        path = rest if rest.startswith("/") else "/" + rest
        if proto == "npipe":
            return f"npipe://{path}"
        return "http+unix://" + path.rstrip("/") if path != "/" else DEFAULT_UNIX_SOCKET

    parsed = urlparse(f"{proto}://{rest}")
    if parsed.query or parsed.params or parsed.fragment or parsed.password:
        raise DockerException(f"Invalid bind address format: {addr}")

    host = parsed.hostname or DEFAULT_HTTP_HOST
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parsed.port
    except ValueError:
        raise DockerException(f"Invalid port: {addr}") from None
    if port is None:
        if proto == "ssh":
            port = 22
        else:
            raise DockerException(f"Invalid bind address format: port is required: {addr}")
    path = parsed.path.rstrip("/")
    if proto == "ssh":
        # The Docker CLI (unlike docker-py) allows a path: the remote engine's socket.
        user = f"{parsed.username}@" if parsed.username else ""
        return f"ssh://{user}{host}:{port}{path}"
    return f"{'https' if tls else 'http'}://{host}:{port}{path}"


def kwargs_from_env(environment=None, ssl_version=None, assert_hostname=None):
    """``{'base_url': ..., 'tls': ...}`` from DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH."""
    environment = os.environ if environment is None else environment
    host = environment.get("DOCKER_HOST")
    cert_path = environment.get("DOCKER_CERT_PATH") or None
    tls_verify_value = environment.get("DOCKER_TLS_VERIFY")
    tls_verify = bool(tls_verify_value)
    enable_tls = bool(cert_path) or tls_verify
    params = {}
    if host:
        params["base_url"] = host
    if not enable_tls:
        return params
    if not cert_path:
        # docker-py looks in ~/.docker here, whatever DOCKER_CONFIG says.
        cert_path = config_dir(environment={})
    from swarmctl.tls import TLSConfig

    params["tls"] = TLSConfig(
        client_cert=(os.path.join(cert_path, "cert.pem"), os.path.join(cert_path, "key.pem")),
        ca_cert=os.path.join(cert_path, "ca.pem"),
        verify=tls_verify,
    )
    return params
