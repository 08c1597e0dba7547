"""HTTP over the engine's unix socket, via requests-unixsocket.

requests-unixsocket keys its connection pools by the full request URL, so every distinct
path would open a new connection. We key by socket instead, which keeps one keep-alive
connection for a whole CLI run.
"""
from __future__ import annotations

from urllib.parse import quote

import requests_unixsocket


class UnixSocketAdapter(requests_unixsocket.UnixAdapter):
    def __init__(self, socket_path, timeout=60, max_pool_size=10):
        super().__init__(timeout=timeout, pool_connections=max_pool_size)
        self.socket_path = socket_path
        self._socket_url = "http+unix://" + quote(socket_path, safe="")

    def get_connection(self, url, proxies=None):
        # Proxies never apply to a local socket.
        return super().get_connection(self._socket_url, None)
