"""DOCKER_HOST parsing and environment-derived client settings (docker-py's rules)."""
from __future__ import annotations

import os
from urllib.parse import urlparse

from swarmctl.constants import DEFAULT_HTTP_HOST, DEFAULT_UNIX_SOCKET

_DEFAULT_NPIPE = "npipe:////./pipe/docker_engine"


def _error(message):
    from swarmctl.errors import DockerException

    return DockerException(message)


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
        raise _error("fd protocol is not implemented")
    if scheme in ("http", "https"):
        tls = tls or scheme == "https"
        proto = "tcp"
    elif scheme == "http+unix":
        proto = "unix"
    elif scheme in ("tcp", "unix", "npipe", "ssh"):
        proto = scheme
    else:
        raise _error(f"Invalid bind address protocol: {addr}")
    if proto == "tcp" and not addr.partition("://")[2]:
        raise _error(f"Invalid bind address format: {addr}")

    rest = addr.partition("://")[2]
    if proto in ("unix", "npipe"):
        # docker-py's legacy reading: unix://relative/path means /relative/path.
        path = rest if rest.startswith("/") else "/" + rest
        if proto == "npipe":
            return f"npipe://{path}"
        return "http+unix://" + path.rstrip("/") if path != "/" else DEFAULT_UNIX_SOCKET

    parsed = urlparse(f"{proto}://{rest}")
    if parsed.query or parsed.params or parsed.fragment or parsed.password:
        raise _error(f"Invalid bind address format: {addr}")
    if proto == "ssh" and parsed.path not in ("", "/"):
        raise _error(f"Invalid bind address format: no path allowed for this protocol: {addr}")

    host = parsed.hostname or DEFAULT_HTTP_HOST
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parsed.port
    except ValueError:
        raise _error(f"Invalid port: {addr}") from None
    if port is None:
        if proto == "ssh":
            port = 22
        else:
            raise _error(f"Invalid bind address format: port is required: {addr}")
    if proto == "ssh":
        user = f"{parsed.username}@" if parsed.username else ""
        return f"ssh://{user}{host}:{port}"
    path = parsed.path.rstrip("/")
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
        cert_path = os.path.join(os.path.expanduser("~"), ".docker")
    from swarmctl.tls import TLSConfig

    params["tls"] = TLSConfig(
        client_cert=(os.path.join(cert_path, "cert.pem"), os.path.join(cert_path, "key.pem")),
        ca_cert=os.path.join(cert_path, "ca.pem"),
        verify=tls_verify,
    )
    return params
