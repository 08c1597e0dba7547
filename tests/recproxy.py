"""A recording HTTP proxy between a client and the engine's unix socket (tests only).

``RecordingProxy(upstream_socket, listen_socket)`` forwards every request unchanged and
records its method, path, headers, body and when it arrived, so a test can check what a
CLI *sent* (headers such as X-Registry-Auth, query strings, the JSON body) and how often,
and the status and body of the engine's answer (``status`` and ``answer``; 0 and empty for a
request answered by the ``answer`` function below). Keep-alive connections and chunked
bodies are handled; answers are passed on as they come, chunk by chunk, so a stream that
never ends (``/events``, ``logs -f``) reaches the client live.

``answer``: an optional function of a recorded ``Request`` returning ``(status, body)``
to answer a request itself instead of forwarding it (a registry the engine cannot reach).

``fault``: an optional function of a recorded ``Request`` returning a ``Fault`` for the
engine's answer to it (or None to forward it whole): ``Fault("cut", n)`` forwards the head
and the first ``n`` bytes of the body, then closes the connection (a connection dropped
mid-response); ``Fault("stall", n)`` forwards as much, then sends nothing more and keeps the
connection open until the proxy closes (an engine that stops answering mid-response).
"""
from __future__ import annotations

import os
import socket
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Request:
    method: str
    path: str
    headers: dict = field(default_factory=dict)
    body: bytes = b""
    status: int = 0  # the engine's answer
    answer: bytearray = field(default_factory=bytearray)  # filled as it is passed on
    at: float = field(default_factory=time.monotonic)  # when it arrived (time.monotonic)


@dataclass(frozen=True)
class Fault:
    kind: str  # "cut" or "stall"
    after: int  # body bytes forwarded before the fault


class _CaseInsensitive(dict):
    def get(self, key, default=None):
        for name, value in self.items():
            if name.lower() == key.lower():
                return value
        return default

    def __contains__(self, key):
        return any(name.lower() == key.lower() for name in self)


def _read_head(stream):
    """The start line and headers of one message, or None at end of stream."""
    lines = []
    while True:
        line = stream.readline(65537)
        if not line:
            return None
        if line in (b"\r\n", b"\n"):
            if not lines:
                continue
            return lines
        lines.append(line)


def _read_body(stream, headers, until_close=False):
    encoding = headers.get("Transfer-Encoding", "").lower()
    if "chunked" in encoding:
        raw = b""
        while True:
            size_line = stream.readline()
            raw += size_line
            size = int(size_line.split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while True:
                    trailer = stream.readline()
                    raw += trailer
                    if trailer in (b"\r\n", b"\n", b""):
                        return raw
            raw += stream.read(size + 2)
    length = headers.get("Content-Length")
    if length is not None:
        return stream.read(int(length))
    return stream.read() if until_close else b""


def _relay_body(stream, headers, send, until_close=False, keep=None):
    """Pass a body on as it arrives: each chunk of a chunked body as soon as it is read.

    ``keep``: a bytearray that gets the body (without the chunk framing) before it is sent.
    """
    keep = bytearray() if keep is None else keep
    encoding = headers.get("Transfer-Encoding", "").lower()
    if "chunked" in encoding:
        while True:
            size_line = stream.readline()
            if not size_line:
                return
            size = int(size_line.split(b";")[0].strip() or b"0", 16)
            if size == 0:
                trailer = size_line
                while trailer not in (b"\r\n", b"\n", b""):
                    trailer = stream.readline()
                    size_line += trailer
                send(size_line)
                return
            data = stream.read(size + 2)
            keep += data[:size]
            send(size_line + data)
    length = headers.get("Content-Length")
    if length is not None:
        data = stream.read(int(length))
        keep += data
        send(data)
    elif until_close:
        for data in iter(lambda: stream.read1(65536), b""):
            keep += data
            send(data)


def _parse_headers(lines):
    headers = _CaseInsensitive()
    for line in lines[1:]:
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip()] = value.strip()
    return headers


class RecordingProxy:
    def __init__(self, upstream, path, answer=None, fault=None):
        self.upstream = upstream
        self.answer = answer
        self.fault = fault
        self._closed = threading.Event()
        self.path = path
        self.requests = []
        self._lock = threading.Lock()
        self._server = None
        self._threads = []
        self._closing = False

    def __enter__(self):
        if os.path.exists(self.path):
            os.unlink(self.path)
        self._server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._server.bind(self.path)
        self._server.listen(16)
        thread = threading.Thread(target=self._accept, daemon=True)
        thread.start()
        return self

    def __exit__(self, *exc):
        self._closing = True
        self._closed.set()  # ends every stalled answer
        try:
            self._server.close()
        finally:
            if os.path.exists(self.path):
                os.unlink(self.path)

    def _accept(self):
        while not self._closing:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(client,), daemon=True)
            thread.start()

    def _serve(self, client):
        upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            upstream.connect(self.upstream)
            from_client = client.makefile("rb")
            from_upstream = upstream.makefile("rb")
            while True:
                head = _read_head(from_client)
                if head is None:
                    return
                headers = _parse_headers(head)
                body = _read_body(from_client, headers)
                method, path, _ = head[0].decode("latin-1").split(" ", 2)
                request = Request(method, path, headers, body)
                with self._lock:
                    self.requests.append(request)
                canned = self.answer(request) if self.answer else None
                if canned is not None:
                    status, payload = canned
                    client.sendall(
                        f"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n"
                        f"Content-Length: {len(payload)}\r\n\r\n".encode() + payload)
                    continue
                upstream.sendall(b"".join(head) + b"\r\n" + body)
                answer = _read_head(from_upstream)
                if answer is None:
                    return
                answer_headers = _parse_headers(answer)
                status = int(answer[0].split()[1])
                no_body = method == "HEAD" or status in (204, 304) or 100 <= status < 200
                closing = answer_headers.get("Connection", "").lower() == "close"
                request.status = status
                fault = self.fault(request) if self.fault else None
                if fault is not None:
                    answer_body = b"" if no_body else _read_body(from_upstream, answer_headers,
                                                                   until_close=closing)
                    request.answer += answer_body
                    client.sendall(b"".join(answer) + b"\r\n" + answer_body[:fault.after])
                    if fault.kind == "stall":
                        self._closed.wait()
                    return
                client.sendall(b"".join(answer) + b"\r\n")
                if not no_body:
                    _relay_body(from_upstream, answer_headers, client.sendall,
                                until_close=closing, keep=request.answer)
                if closing:
                    return
        except OSError:
            return
        finally:
            client.close()
            upstream.close()
