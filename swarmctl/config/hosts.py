"""What the Docker CLI makes of ``-H`` / ``DOCKER_HOST`` (docker/cli ``opts/hosts.go``).

Errors are :class:`~swarmctl.config.errors.DockerException` with docker's words.
"""
from __future__ import annotations

from swarmctl.config.errors import DockerException

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

    Args:
        value (str): The ``-H`` or ``DOCKER_HOST`` value; None or blank for the default.
        default_to_tls (bool): Whether TLS is on (it changes the default address only).

    Returns:
        (str): The address, e.g. ``tcp://host:2375`` or ``unix:///var/run/docker.sock``.

    Raises:
        DockerException: If the value is not an address, in docker's words
            (``invalid bind address format: ...``).
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
    raise DockerException(f"invalid bind address format: {host}")


def _parse_simple_proto_addr(proto, addr, default_addr):
    if "://" in addr:
        raise DockerException(f"invalid proto, expected {proto}: {addr}")
    return f"{proto}://{addr or default_addr}"


def _split_host_port(hostport):
    """Go's ``net.SplitHostPort``: ValueError when there is no port part."""
    # Brackets may only enclose the host: none may follow the opening one, nor the closing one.
    open_from, close_from = 0, 0
    if hostport.startswith("["):
        end = hostport.find("]")
        if end < 0:
            raise ValueError("missing ']' in address")
        host, rest = hostport[1:end], hostport[end + 1:]
        if not rest.startswith(":"):
            raise ValueError("missing port in address")
        port = rest[1:]
        open_from, close_from = 1, end + 1
    else:
        head, sep, port = hostport.rpartition(":")
        if not sep:
            raise ValueError("missing port in address")
        if ":" in head:
            raise ValueError("too many colons in address")
        host = head
    if "[" in hostport[open_from:] or "]" in hostport[close_from:]:
        raise ValueError("unexpected bracket in address")
    return host, port


def _join_host_port(host, port):
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _parse_tcp_addr(try_addr, default_addr, original):
    if try_addr in ("", "tcp://"):
        return default_addr
    addr = try_addr[len("tcp://"):] if try_addr.startswith("tcp://") else try_addr
    if "://" in addr or not addr:
        raise DockerException(f"invalid proto, expected tcp: {try_addr}")
    default_host, default_port = _split_host_port(default_addr[len("tcp://"):])
    if addr.endswith("]:"):
        addr += default_port
    # Imported here: completion loads this layer alone and must stay within it
    # (tests/unit/test_imports.py).
    from swarmctl.golang import url

    try:
        parsed = url.parse(f"tcp://{addr}")
    except url.URLError as error:
        raise DockerException(str(error)) from None
    netloc, path = parsed.host, parsed.path  # decoded, as Go's url.URL has them
    try:
        host, port = _split_host_port(netloc)
    except ValueError:
        try:
            host, port = _split_host_port(_join_host_port(netloc, default_port))
        except ValueError:
            raise DockerException(f"invalid bind address format: {try_addr}") from None
    host = host or default_host
    port = port or default_port
    if not port.isdigit():
        raise DockerException(f"invalid bind address format: {try_addr}")
    return f"tcp://{_join_host_port(host, port)}{path}"


def check_client_url(host):
    """The Docker CLI's client parses the host it was given as a URL (``url.Parse``) before
    it connects, whatever the scheme: a host Go cannot parse is refused there, in Go's words.
    So is a tcp host whose IPv6 zone came out of ``%25`` as a bare ``%`` (docker's
    ``ParseTCPAddr`` decodes it).

    Args:
        host (str): An address as :func:`parse_docker_host` or a context gives it.

    Raises:
        DockerException: ``parse "tcp://[fe80::1%eth0]:2375": invalid URL escape "%et"``.
    """
    from swarmctl.golang import url  # see _parse_tcp_addr

    try:
        url.parse(host)
    except url.URLError as error:
        raise DockerException(str(error)) from None
