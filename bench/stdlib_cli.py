#!/usr/bin/env python3
"""Prototype of the proposed fix, for bench/run.py: swarmctl's own CLI code (click app,
commands, formatting) with the engine reads of ``ls`` and ``ps`` done by ``http.client``
over the unix socket instead of requests + requests-unixsocket.

    stdlib_cli.py [--bare-socket] ls | ps SERVICE...   (DOCKER_HOST=unix:///path/to/docker.sock)

Two transports: ``http.client`` (default), or with ``--bare-socket`` one HTTP/1.0 GET per
request on the socket, as the completion path does
(``swarmctl.cli.completion.engine.Engine``), which also saves importing http.client (email,
ssl). Only what ``ls`` and ``ps`` call is here (version negotiation, services, tasks, nodes,
info); anything else, or a non-unix DOCKER_HOST, falls through to the real client;
``swarmctl.errors`` is replaced by stand-ins that do not import requests (see
``_errors_without_requests``). A measurement aid, not part of swarmctl.
"""
import json
import os
import sys
from urllib.parse import urlencode

OUR_MAX_API = "1.47"


def _http_client_get(socket_path):
    import http.client
    import socket

    class UnixConnection(http.client.HTTPConnection):
        def connect(self):
            self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self.sock.connect(socket_path)

    connection = UnixConnection("localhost")

    def get(url):
        connection.request("GET", url)
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            sys.exit(f"Error response from daemon: {body.decode(errors='replace')}")
        return json.loads(body)

    return get


def _bare_socket_get(socket_path):
    from swarmctl.cli.completion.engine import Engine

    engine = Engine(("unix", socket_path), 60.0)

    def get(url):
        engine.deadline = None  # a fresh budget per request
        answer = engine.get(url)
        if answer is None:
            sys.exit("Error response from daemon")
        return answer

    return get


def _version_tuple(version):
    return tuple(int(part) for part in version.split("."))


class StdlibAPI:
    """The few APIClient methods ``ls`` and ``ps`` use, same answers, stdlib only."""

    def __init__(self, socket_path, bare_socket=False):
        self.get = (_bare_socket_get if bare_socket else _http_client_get)(socket_path)
        server = self._get("/version", versioned=False)["ApiVersion"]
        self.api_version = min(server, OUR_MAX_API, key=_version_tuple)

    def _get(self, path, params=None, versioned=True):
        url = (f"/v{self.api_version}{path}" if versioned else path)
        query = {k: v for k, v in (params or {}).items() if v is not None}
        if query:
            url += "?" + urlencode(query)
        return self.get(url)

    @staticmethod
    def _filters(filters):
        return json.dumps({k: v if isinstance(v, list) else [v] for k, v in filters.items()}) \
            if filters else None

    def services(self, filters=None, status=None):
        return self._get("/services", {"filters": self._filters(filters),
                                       "status": "true" if status else None})

    def tasks(self, filters=None):
        return self._get("/tasks", {"filters": self._filters(filters)})

    def nodes(self, filters=None):
        return self._get("/nodes", {"filters": self._filters(filters)})

    def info(self):
        return self._get("/info")


def _errors_without_requests():
    """The other half of the proposal: swarmctl.errors imports requests at module level
    (APIError subclasses requests.HTTPError), and ps imports it for its except clauses.
    Stand-in exception classes of the same names, made on first use, show what the CLI
    costs once its errors no longer import requests."""
    import types

    module = types.ModuleType("swarmctl.errors")

    class DockerException(Exception):
        pass

    class APIError(DockerException):
        explanation = None

    module.DockerException, module.APIError = DockerException, APIError

    def __getattr__(name):
        if name.startswith("__"):
            raise AttributeError(name)
        made = type(name, (APIError,), {})
        setattr(module, name, made)
        return made

    module.__getattr__ = __getattr__
    sys.modules["swarmctl.errors"] = module


def main():
    bare_socket = sys.argv[1:2] == ["--bare-socket"]
    if bare_socket:
        del sys.argv[1]
    host = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
    if host.startswith("unix://"):
        _errors_without_requests()
        from swarmctl.cli import app

        path = host[len("unix://"):]
        made = []

        def api(_app):
            if not made:
                made.append(StdlibAPI(path, bare_socket))
            return made[0]

        app.AppContext.api = property(api)
    from swarmctl.cli.main import main as swarmctl_main

    swarmctl_main()


if __name__ == "__main__":
    main()
