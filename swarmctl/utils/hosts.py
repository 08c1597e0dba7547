"""Engine addresses: docker-py's ``parse_host``/``kwargs_from_env`` and the Docker CLI's
``ParseHost`` (``-H``/``DOCKER_HOST`` for the CLI and ``from_env``), stdlib only."""
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
        cert_path = os.path.join(os.path.expanduser("~"), ".docker")
    from swarmctl.tls import TLSConfig

    params["tls"] = TLSConfig(
        client_cert=(os.path.join(cert_path, "cert.pem"), os.path.join(cert_path, "key.pem")),
        ca_cert=os.path.join(cert_path, "ca.pem"),
        verify=tls_verify,
    )
    return params


# -- the Docker CLI's reading of -H / DOCKER_HOST (docker/cli opts/hosts.go) -----------------

DOCKER_DEFAULT_HOST = "unix:///var/run/docker.sock"
DOCKER_DEFAULT_HTTP_HOST = "localhost"
DOCKER_DEFAULT_HTTP_PORT = "2375"
DOCKER_DEFAULT_TLS_HTTP_PORT = "2376"
DOCKER_DEFAULT_TCP_HOST = f"tcp://{DOCKER_DEFAULT_HTTP_HOST}:{DOCKER_DEFAULT_HTTP_PORT}"
DOCKER_DEFAULT_TLS_HOST = f"tcp://{DOCKER_DEFAULT_HTTP_HOST}:{DOCKER_DEFAULT_TLS_HTTP_PORT}"
_DOCKER_DEFAULT_NAMED_PIPE = "//./pipe/docker_engine"


def parse_docker_host(value, default_to_tls=False):
    """What the Docker CLI makes of ``-H``/``DOCKER_HOST`` (``opts.ParseHost``).

    Empty means the default socket (``tcp://localhost:2376`` when TLS is on); ``host:port``
    means tcp; tcp without a port gets 2375; ``ssh://`` and ``fd://`` pass through unchanged.
    Errors use docker's words: ``invalid bind address format: ...``.
    """
    host = (value or "").strip()
    if not host:
        return DOCKER_DEFAULT_TLS_HOST if default_to_tls else DOCKER_DEFAULT_HOST
    proto, sep, rest = host.partition("://")
    if not sep:
        proto, rest = "tcp", host
    if proto == "tcp":
        return _parse_tcp_addr(rest, DOCKER_DEFAULT_TCP_HOST, host)
    if proto == "unix":
        return _parse_simple_proto_addr(proto, rest, DOCKER_DEFAULT_HOST[len("unix://"):])
    if proto == "npipe":
        return _parse_simple_proto_addr(proto, rest, _DOCKER_DEFAULT_NAMED_PIPE)
    if proto in ("fd", "ssh"):
        return host
    raise _error(f"invalid bind address format: {host}")


def _parse_simple_proto_addr(proto, addr, default_addr):
    if "://" in addr:
        raise _error(f"invalid proto, expected {proto}: {addr}")
    return f"{proto}://{addr or default_addr}"


def _split_host_port(hostport):
    """Go's ``net.SplitHostPort``: ValueError when there is no port part."""
    if hostport.startswith("["):
        end = hostport.find("]")
        if end < 0:
            raise ValueError("missing ']' in address")
        host, rest = hostport[1:end], hostport[end + 1:]
        if not rest.startswith(":"):
            raise ValueError("missing port in address")
        port = rest[1:]
    else:
        head, sep, port = hostport.rpartition(":")
        if not sep:
            raise ValueError("missing port in address")
        if ":" in head:
            raise ValueError("too many colons in address")
        host = head
    if "[" in port or "]" in port:
        raise ValueError("unexpected bracket in address")
    return host, port


def _join_host_port(host, port):
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _parse_tcp_addr(try_addr, default_addr, original):
    if try_addr in ("", "tcp://"):
        return default_addr
    addr = try_addr[len("tcp://"):] if try_addr.startswith("tcp://") else try_addr
    if "://" in addr or not addr:
        raise _error(f"invalid proto, expected tcp: {try_addr}")
    default_host, default_port = _split_host_port(default_addr[len("tcp://"):])
    if addr.endswith("]:"):
        addr += default_port
    netloc, slash, path = addr.partition("/")
    path = slash + path
    netloc = netloc.rpartition("@")[2]
    _check_go_url_host(netloc, f"tcp://{addr}")
    try:
        host, port = _split_host_port(netloc)
    except ValueError:
        try:
            host, port = _split_host_port(_join_host_port(netloc, default_port))
        except ValueError:
            raise _error(f"invalid bind address format: {try_addr}") from None
    host = host or default_host
    port = port or default_port
    if not port.isdigit():
        raise _error(f"invalid bind address format: {try_addr}")
    return f"tcp://{_join_host_port(host, port)}{path}"


def _check_go_url_host(netloc, url):
    """The two host errors of Go's ``url.Parse`` that a mistyped -H meets, in its words."""
    colon_port = ""
    if netloc.startswith("["):
        end = netloc.find("]")
        colon_port = netloc[end + 1:] if end >= 0 else ""
    elif ":" in netloc:
        colon_port = netloc[netloc.rfind(":"):]
    if colon_port and (not colon_port.startswith(":") or not colon_port[1:].isdigit()):
        if colon_port != ":":
            raise _error(f'parse "{url}": invalid port "{colon_port}" after host')
    for char in netloc:
        if char.isspace() or char in '<>"{}|\\^`':
            raise _error(f'parse "{url}": invalid character "{char}" in host name')
