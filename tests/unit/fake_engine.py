"""A fake Engine API for unit tests of ``swarmctl.api`` and ``swarmctl.models``.

:class:`FakeEngine` is a requests transport adapter. The client under test is the real
``APIClient`` (or ``DockerClient``); only the adapter that requests hands each prepared
request to is replaced, so URL building, query encoding, JSON bodies, headers and the
status-to-exception mapping all run as they do against an engine. Each request is recorded;
each answer is one that a test queued with :meth:`FakeEngine.reply`. A request nobody
queued an answer for fails the test.
"""
from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

from swarmctl.api.client import APIClient
from swarmctl.client import DockerClient

# Where the clients think the engine is; nothing ever connects there.
FAKE_HOST = "unix:///fake-engine/docker.sock"
REASONS = {200: "OK", 201: "Created", 204: "No Content", 400: "Bad Request", 404: "Not Found",
           409: "Conflict", 500: "Internal Server Error", 501: "Not Implemented",
           503: "Service Unavailable"}


@dataclass
class Sent:
    """One request as it reached the transport."""

    method: str
    path: str  # with the /vX.Y prefix, without the query
    query: dict  # name -> list of values, as the engine would parse it
    headers: CaseInsensitiveDict
    body: bytes | None
    timeout: object = None
    stream: bool = False

    @property
    def json(self):
        return None if self.body is None else json.loads(self.body)

    def param(self, name):
        """The single value of a query parameter (None if absent)."""
        values = self.query.get(name)
        if values is None:
            return None
        assert len(values) == 1, f"{name} sent {len(values)} times"
        return values[0]


@dataclass
class _Answer:
    status: int
    body: bytes
    headers: dict = field(default_factory=dict)
    served: bool = False


class FakeEngine(BaseAdapter):
    """Records requests and answers them from per-route queues.

    ``reply(method, path, ...)`` queues an answer for requests whose method and path
    (query excluded) match; several answers for one route are given out in order, and the
    last one keeps answering until a new one is queued.
    """

    def __init__(self, api_version="1.41"):
        super().__init__()
        self.api_version = api_version  # what GET /version reports
        self.sent: list[Sent] = []
        self._answers: dict[tuple[str, str], list[_Answer]] = {}

    # -- what a test sets up -------------------------------------------------------------

    def reply(self, method, path, json_body=None, status=200, text=None, raw=None, headers=None):
        """Queue an answer: a JSON document, a text body, or raw bytes (log streams)."""
        headers = dict(headers or {})
        if raw is not None:
            body = raw
        elif text is not None:
            body = text.encode()
            headers.setdefault("Content-Type", "text/plain; charset=utf-8")
        else:
            body = json.dumps(json_body).encode()
            headers.setdefault("Content-Type", "application/json")
        queue = self._answers.setdefault((method, path), [])
        if len(queue) == 1 and queue[0].served:
            queue.clear()  # the answer that kept answering gives way to the new one
        queue.append(_Answer(status, body, headers))
        return self

    def error(self, method, path, status, message):
        """Queue the engine's error answer: ``{"message": ...}`` with the status."""
        return self.reply(method, path, {"message": message}, status=status)

    # -- clients wired to this engine ----------------------------------------------------

    def api_client(self, version="1.41", **kwargs):
        """A real APIClient whose every request reaches this engine (version=None or
        'auto' negotiates against it, as the constructor does against an engine)."""
        return _FakeTransportAPIClient(self, base_url=FAKE_HOST, version=version, **kwargs)

    def docker_client(self, version="1.41"):
        """A real DockerClient talking to this engine."""
        client = DockerClient(base_url=FAKE_HOST, version=version)
        client.api.mount("http+docker://", self)  # replaces the unix-socket adapter
        return client

    # -- what a test checks ----------------------------------------------------------------

    def requests_to(self, method, path):
        return [sent for sent in self.sent if (sent.method, sent.path) == (method, path)]

    @property
    def routes(self):
        """(method, path) of every request so far, in order."""
        return [(sent.method, sent.path) for sent in self.sent]

    # -- the transport adapter -------------------------------------------------------------

    def send(self, request, stream=False, timeout=None, verify=True, cert=None, proxies=None):
        url = urlsplit(request.url)
        body = request.body.encode() if isinstance(request.body, str) else request.body
        sent = Sent(request.method, url.path, parse_qs(url.query, keep_blank_values=True),
                    CaseInsensitiveDict(request.headers), body, timeout, stream)
        self.sent.append(sent)
        if (request.method, url.path) == ("GET", "/version") and ("GET", "/version") not in self._answers:
            answer = _Answer(200, json.dumps({"ApiVersion": self.api_version}).encode(),
                             {"Content-Type": "application/json"})
        else:
            queue = self._answers.get((request.method, url.path))
            if not queue:
                raise AssertionError(f"the fake engine has no answer for {request.method} {url.path}")
            answer = queue.pop(0) if len(queue) > 1 else queue[0]
            answer.served = True
        return _response(request, answer)

    def close(self):
        pass


class _FakeTransportAPIClient(APIClient):
    """APIClient whose requests all go to one FakeEngine, from the constructor on (so
    version negotiation is covered too)."""

    def __init__(self, engine, **kwargs):
        self._fake_engine = engine
        super().__init__(**kwargs)

    def get_adapter(self, url):
        return self._fake_engine


def _response(request, answer):
    response = requests.Response()
    response.status_code = answer.status
    response.reason = REASONS.get(answer.status, "")
    response.headers = CaseInsensitiveDict(answer.headers)
    response.raw = io.BytesIO(answer.body)  # read as a stream, like urllib3's body
    response.url = request.url
    response.request = request
    response.encoding = "utf-8"
    return response


def frame(stream, payload):
    """One frame of the engine's multiplexed log stream (1 stdout, 2 stderr)."""
    return bytes([stream, 0, 0, 0]) + len(payload).to_bytes(4, "big") + payload


def service_json(service_id="svc1", version=7, name="web", image="busybox:local", **spec):
    """A service as GET /services/ID answers it (insertDefaults=false)."""
    full_spec = {"Name": name, "TaskTemplate": {"ContainerSpec": {"Image": image}},
                 "Mode": {"Replicated": {"Replicas": 1}}}
    full_spec.update(spec)
    return {"ID": service_id, "Version": {"Index": version}, "Spec": full_spec}
