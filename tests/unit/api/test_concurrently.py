"""APIClient.concurrently: bounded, results in argument order, errors in place, ssh one by
one; and the unix socket pool keeps (and reuses) one connection per request in flight."""
from __future__ import annotations

import http.server
import json
import os
import socketserver
import tempfile
import threading
import time

import pytest

from swarmctl import constants
from swarmctl.api.client import APIClient
from swarmctl.errors import APIError, NotFound


@pytest.fixture
def client():
    api = APIClient(base_url="unix:///nonexistent/docker.sock", version="1.41")
    yield api
    api.close()


class _Gauge:
    """How many calls are inside at once, and the most there ever were."""

    def __init__(self):
        self.lock = threading.Lock()
        self.inside = 0
        self.most = 0

    def __enter__(self):
        with self.lock:
            self.inside += 1
            self.most = max(self.most, self.inside)

    def __exit__(self, *exc):
        with self.lock:
            self.inside -= 1


def test_results_come_back_in_argument_order_and_the_pool_is_bounded(client):
    gauge = _Gauge()

    def slow_echo(item):
        with gauge:
            time.sleep(0.002 * (40 - item))  # later items finish first
            return item * 10

    results = list(client.concurrently(slow_echo, range(40)))
    assert results == [(item * 10, None) for item in range(40)]
    assert 1 < gauge.most <= constants.CONCURRENT_REQUESTS

    gauge = _Gauge()
    list(client.concurrently(slow_echo, range(40), max_workers=3))
    assert gauge.most <= 3


def test_caught_errors_stay_in_place_and_others_raise_at_their_turn(client):
    def lookup(item):
        if item % 3 == 0:
            raise NotFound(f"no such service: s{item}")
        if item == 7:
            raise RuntimeError("boom")
        return f"s{item}"

    seen = []
    with pytest.raises(RuntimeError, match="boom"):
        for result, error in client.concurrently(lookup, range(10), catch=(APIError,)):
            seen.append(result if error is None else str(error))
    assert seen == ["no such service: s0", "s1", "s2", "no such service: s3", "s4", "s5",
                    "no such service: s6"]


def test_one_item_or_one_worker_runs_in_the_callers_thread(client):
    caller = threading.get_ident()
    threads = [ident for ident, _ in client.concurrently(lambda _: threading.get_ident(), range(5),
                                                          max_workers=1)]
    assert threads == [caller] * 5
    assert list(client.concurrently(lambda _: threading.get_ident(), ["x"])) == [(caller, None)]


def test_ssh_engines_go_one_by_one():
    api = APIClient(base_url="ssh://nobody@localhost", version="1.41")
    try:
        caller = threading.get_ident()
        assert {ident for ident, _ in api.concurrently(lambda _: threading.get_ident(), range(8))} \
            == {caller}
    finally:
        api.close()


class _UnixHTTPServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


def _engine_counting_connections(path, connections, delay):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self):
            super().setup()
            connections.append(self.connection)

        def address_string(self):
            return "unix"

        def log_message(self, *args):
            pass

        def do_GET(self):  # noqa: N802 - http.server's name
            time.sleep(delay)
            body = json.dumps({"path": self.path}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = _UnixHTTPServer(path, Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_unix_socket_requests_in_flight_each_get_a_kept_connection():
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "engine.sock")
        connections = []
        server = _engine_counting_connections(path, connections, delay=0.05)
        api = APIClient(base_url=f"unix://{path}", version="1.41")
        try:
            def get(item):
                return api._result(api._get(api._url("/services/{0}", f"s{item}")), json=True)

            first = list(api.concurrently(get, range(12)))
            assert [result["path"] for result, _ in first] == [f"/v1.41/services/s{i}" for i in range(12)]
            opened = len(connections)
            assert 1 < opened <= constants.CONCURRENT_REQUESTS
            list(api.concurrently(get, range(12)))
            get(0)
            assert len(connections) == opened  # every one kept alive and reused
        finally:
            api.close()
            server.shutdown()
            server.server_close()
