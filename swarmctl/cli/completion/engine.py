"""The engine a Tab press asks for live names, and a small client for it.

The engine is the one the command would use (``-H``, ``--context``, ``DOCKER_HOST``,
``DOCKER_CONTEXT``, ``currentContext``: :func:`resolve_host` asks the stdlib-only
:mod:`swarmctl.config.endpoint`, as the command does). Each lookup is one bare HTTP/1.0 GET
on the unix socket (or plain tcp to an IP address), and one time budget covers the whole Tab
press (``SWARMCTL_COMPLETION_TIMEOUT``, default 0.3 s). An engine that is down, slow, behind
TLS or ssh, or answers an error completes nothing, silently. Neither requests nor
http.client is imported on this path, and the configuration layer (json) loads only when a
Tab press needs it.
"""
from __future__ import annotations

import os

TIMEOUT_VAR = "SWARMCTL_COMPLETION_TIMEOUT"
DEFAULT_TIMEOUT = 0.3


def resolve_host(params, environ=None):
    """(host, uses_tls) of the engine a command with these global options would use, or None
    when it cannot be worked out (the command itself will say what is wrong)."""
    from swarmctl.config.endpoint import TLSOptions, resolve_endpoint

    environ = os.environ if environ is None else environ
    tls_options = TLSOptions(tls=params.get("tls"), verify=params.get("tlsverify"))
    try:
        endpoint = resolve_endpoint(context=params.get("context"), hosts=params.get("hosts") or (),
                                    tls_options=tls_options, environment=environ,
                                    config_directory=params.get("config_dir"))
    except Exception:  # noqa: BLE001 - a Tab press completes nothing rather than fail
        return None
    return endpoint.host, endpoint.uses_tls


def _is_ip_literal(text):
    import _socket

    for family in (_socket.AF_INET, _socket.AF_INET6):
        try:
            _socket.inet_pton(family, text)
            return True
        except (OSError, ValueError):
            continue
    return False


class _Timeout(Exception):
    pass


class Engine:
    """GET requests to the engine with one time budget shared by every request of a Tab press."""

    def __init__(self, address, timeout):
        self.address = address  # ("unix", path) or ("tcp", host, port)
        self.timeout = timeout
        self.deadline = None

    @classmethod
    def for_context(cls, ctx, environ=None):
        environ = os.environ if environ is None else environ
        try:
            timeout = float(environ.get(TIMEOUT_VAR) or DEFAULT_TIMEOUT)
        except ValueError:
            timeout = DEFAULT_TIMEOUT
        resolved = resolve_host(ctx.find_root().params, environ)
        if resolved is None:
            return None
        host, uses_tls = resolved
        if uses_tls:
            return None  # tcp+TLS: optional here, complete nothing rather than pay a handshake
        proto, _, rest = host.partition("://")
        if proto == "unix":
            return cls(("unix", rest), timeout)
        if proto == "tcp":
            hostname, _, port = rest.partition("/")[0].rpartition(":")
            hostname = hostname.strip("[]")
            if hostname == "localhost":
                hostname = "127.0.0.1"
            if not _is_ip_literal(hostname):
                return None  # a name lookup has no timeout: it could hang the Tab press
            try:
                return cls(("tcp", hostname, int(port)), timeout)
            except ValueError:
                return None
        return None  # ssh (would spawn ssh per Tab), npipe, fd

    def get(self, path, filters=None):
        """The decoded JSON answer of ``GET path``, or None (error, timeout, no engine)."""
        import time

        now = time.monotonic()
        if self.deadline is None:
            self.deadline = now + self.timeout
        remaining = self.deadline - now
        if remaining <= 0:
            return None
        if filters:
            import json
            from urllib.parse import quote

            path += "?filters=" + quote(json.dumps(filters, separators=(",", ":")))
        try:
            return self._get(path)
        except (OSError, ValueError, _Timeout, EOFError):
            return None
        except Exception:  # noqa: BLE001 - a malformed answer, broken JSON, ...
            return None

    def _get(self, path):
        # A bare HTTP/1.0 GET on a socket: http.client would cost more to import (it loads
        # email and ssl) than the whole request takes, and so does the socket module
        # (selectors, enum): the C module underneath has all this needs. Every blocking
        # call gets what is left of the budget as its timeout, so a hung or slow engine
        # costs the budget and no more.
        import json
        import time

        try:
            import _socket as socket
        except ImportError:  # not CPython
            import socket

        def remaining():
            return max(0.001, self.deadline - time.monotonic())

        if self.address[0] == "unix":
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(remaining())
            try:
                sock.connect(self.address[1])
            except OSError:
                sock.close()
                raise
        else:
            host, port = self.address[1:]
            family, kind, proto, _name, address = socket.getaddrinfo(
                host, port, 0, socket.SOCK_STREAM)[0]
            sock = socket.socket(family, kind, proto)
            sock.settimeout(remaining())
            try:
                sock.connect(address)
            except OSError:
                sock.close()
                raise
        try:
            sock.sendall(f"GET {path} HTTP/1.0\r\nHost: docker\r\n"
                         "User-Agent: swarmctl-completion\r\n\r\n".encode("ascii"))
            data = bytearray()
            while True:
                sock.settimeout(remaining())
                chunk = sock.recv(1 << 16)
                if not chunk:
                    break
                data += chunk
                if time.monotonic() > self.deadline:
                    raise _Timeout()
        finally:
            sock.close()
        head, _, body = bytes(data).partition(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        status = lines[0].split(None, 2)
        if len(status) < 2 or status[1] != b"200":
            return None
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip().lower()
        if headers.get(b"transfer-encoding") == b"chunked":
            body = _dechunk(body)
        return json.loads(body)


def _dechunk(body):
    out = bytearray()
    while body:
        size_line, _, body = body.partition(b"\r\n")
        size = int(size_line.split(b";")[0] or b"0", 16)
        if size == 0:
            break
        out += body[:size]
        body = body[size + 2:]
    return bytes(out)
