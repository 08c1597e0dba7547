"""HTTP over the engine's unix socket, via requests-unixsocket.

requests-unixsocket keys its connection pools by the full request URL, so every distinct
path would open a new connection. We key by socket instead, which keeps one keep-alive
connection for a run that asks one thing at a time, and up to ``max_pool_size`` when
requests run side by side (``APIClient.concurrently``). requests-unixsocket's own pool
keeps a single connection and drops (with a logged warning) every other one it opened.
"""
from __future__ import annotations

import threading
from urllib.parse import quote

import requests_unixsocket
import urllib3.connectionpool
from requests_unixsocket.adapters import UnixHTTPConnection


class _SocketConnectionPool(urllib3.connectionpool.HTTPConnectionPool):
    """Keep-alive connections to one socket, at most ``maxsize`` of them kept for reuse."""

    def __init__(self, socket_url, timeout, maxsize):
        super().__init__("localhost", timeout=timeout, maxsize=maxsize)
        self.socket_url = socket_url
        self.socket_timeout = timeout

    def _new_conn(self):
        return UnixHTTPConnection(self.socket_url, self.socket_timeout)


class UnixSocketAdapter(requests_unixsocket.UnixAdapter):
    def __init__(self, socket_path, timeout=60, max_pool_size=10):
        super().__init__(timeout=timeout, pool_connections=max_pool_size)
        self.socket_path = socket_path
        self.max_pool_size = max_pool_size
        self._socket_url = "http+unix://" + quote(socket_path, safe="")
        self._pool = None
        self._pool_lock = threading.Lock()

    def get_connection(self, url, proxies=None):
        # Proxies never apply to a local socket; one pool serves every path.
        with self._pool_lock:
            if self._pool is None:
                self._pool = _SocketConnectionPool(self._socket_url, self.timeout, self.max_pool_size)
            return self._pool

    def close(self):
        with self._pool_lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.close()
        super().close()
