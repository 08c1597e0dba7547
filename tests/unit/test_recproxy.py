"""The recording proxy of the test rig passes a streamed answer on as it comes: a client
reading ``/events`` through it sees each event while the stream is still open."""
from __future__ import annotations

import socket
import threading

from tests.recproxy import Fault, RecordingProxy


def _upstream(path, release):
    """A one-connection server answering with a chunked stream: one chunk at once, the
    next only after ``release`` is set, then the end."""
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(1)

    def serve():
        connection, _ = server.accept()
        with connection:
            connection.recv(65536)
            connection.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                               b"6\r\nfirst\n\r\n")
            release.wait(10)
            connection.sendall(b"7\r\nsecond\n\r\n0\r\n\r\n")
        server.close()

    threading.Thread(target=serve, daemon=True).start()


def _get(path):
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    client.settimeout(5)
    client.connect(path)
    client.sendall(b"GET /v1.41/events HTTP/1.1\r\nHost: docker\r\n\r\n")
    return client


def _read_until(client, marker):
    data = b""
    while marker not in data:
        chunk = client.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


def test_a_streamed_answer_reaches_the_client_before_it_ends(tmp_path):
    release = threading.Event()
    _upstream(str(tmp_path / "engine.sock"), release)
    with RecordingProxy(str(tmp_path / "engine.sock"), str(tmp_path / "proxy.sock")) as proxy:
        client = _get(proxy.path)
        try:
            first = _read_until(client, b"first\n\r\n")
            assert first == (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                             b"6\r\nfirst\n\r\n")
            assert b"second" not in first  # the upstream has not sent it yet
            release.set()
            rest = _read_until(client, b"0\r\n\r\n")
            assert rest == b"7\r\nsecond\n\r\n0\r\n\r\n"
        finally:
            client.close()
    assert [(r.method, r.path) for r in proxy.requests] == [("GET", "/v1.41/events")]
    assert proxy.requests[0].at > 0


def test_a_cut_answer_still_ends_after_n_bytes(tmp_path):
    release = threading.Event()
    release.set()
    _upstream(str(tmp_path / "engine.sock"), release)
    with RecordingProxy(str(tmp_path / "engine.sock"), str(tmp_path / "proxy.sock"),
                        fault=lambda request: Fault("cut", 4)) as proxy:
        client = _get(proxy.path)
        try:
            data = _read_until(client, b"never")
        finally:
            client.close()
    assert data.endswith(b"\r\n\r\n6\r\nf")
