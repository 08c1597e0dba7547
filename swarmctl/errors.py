"""Exceptions, shaped like docker-py's ``docker.errors`` so callers can catch the same names.

``APIError`` subclasses ``requests.exceptions.HTTPError`` exactly as docker-py's does, so code
that catches either keeps working. Importing this module therefore imports requests; the rest
of swarmctl imports it only on paths that talk to an engine or raise.

The exceptions that need no requests (``DockerException`` and the configuration, context and
TLS ones) are defined in :mod:`swarmctl.config.errors` and re-exported here: they are the same
classes, so the stdlib-only configuration layer raises what docker-py users catch.
"""
from __future__ import annotations

import random

import requests

from swarmctl.config.errors import (  # noqa: F401 - re-exported (docker.errors' names)
    ConflictingOptions,
    ContextAlreadyExists,
    ContextException,
    ContextNotFound,
    DockerException,
    EndpointResolutionError,
    InvalidConfigFile,
    MissingContextParameter,
    StoreContextNotFound,
    TLSParameterError,
    UnparsableHost,
)

_NOT_FOUND_IMAGE_MARKERS = (
    "no such image",
    "not found: does not exist or no pull access",
    "repository does not exist",
    "was found but does not match the specified platform",
)


def create_api_error_from_http_exception(e):
    """Turn a ``requests.HTTPError`` into the matching :class:`APIError` and raise it."""
    response = e.response
    try:
        explanation = response.json()["message"]
    except ValueError:
        explanation = (response.text or "").strip()
    cls = APIError
    if response.status_code == 404:
        lowered = (explanation or "").lower()
        if any(marker in lowered for marker in _NOT_FOUND_IMAGE_MARKERS):
            cls = ImageNotFound
        else:
            cls = NotFound
    raise cls(e, response=response, explanation=explanation) from e


class APIError(requests.exceptions.HTTPError, DockerException):
    """An error answer from the engine."""

    def __init__(self, message, response=None, explanation=None):
        # requests' HTTPError keeps the response for us.
        super().__init__(message)
        self.response = response
        self.explanation = explanation

    def __str__(self):
        message = super().__str__()
        if self.is_client_error():
            message = (
                f"{self.response.status_code} Client Error for {self.response.url}: "
                f"{self.response.reason}"
            )
        elif self.is_server_error():
            message = (
                f"{self.response.status_code} Server Error for {self.response.url}: "
                f"{self.response.reason}"
            )
        if self.explanation:
            message = f'{message} ("{self.explanation}")'
        return message

    @property
    def status_code(self):
        if self.response is not None:
            return self.response.status_code
        return None

    def is_error(self):
        return self.is_client_error() or self.is_server_error()

    def is_client_error(self):
        if self.status_code is None:
            return False
        return 400 <= self.status_code < 500

    def is_server_error(self):
        if self.status_code is None:
            return False
        return 500 <= self.status_code < 600


class NotFound(APIError):
    pass


class ImageNotFound(NotFound):
    pass


class InvalidVersion(DockerException):
    pass


class InvalidRepository(DockerException):
    pass


class InvalidArgument(DockerException):
    pass


class DeprecatedMethod(DockerException):
    pass


class NullResource(DockerException, ValueError):
    pass


class OutOfScope(DockerException, AttributeError):
    """A docker-py name for something swarmctl leaves to docker-py (containers, images,
    volumes, plugins, exec, build). It is an ``AttributeError``, so ``hasattr`` is False."""


# docker-py's DockerClient and APIClient names for what is out of swarmctl's scope.
_OUT_OF_SCOPE_NAMES = {
    "DockerClient": frozenset({"containers", "images", "volumes", "plugins", "df",
                               "login"}),
    "APIClient": frozenset({
        # containers
        "attach", "attach_socket", "commit", "containers", "create_container",
        "create_container_config", "create_container_from_config", "create_host_config",
        "create_networking_config", "diff", "export", "get_archive", "kill", "logs", "pause",
        "port", "prune_containers", "put_archive", "remove_container", "rename", "resize",
        "restart", "start", "stats", "stop", "top", "unpause", "update_container", "wait",
        # images
        "get_image", "history", "images", "import_image", "import_image_from_data",
        "import_image_from_file", "import_image_from_stream", "import_image_from_url",
        "import_image_from_image", "inspect_image", "load_image", "prune_images", "pull",
        "push", "remove_image", "search", "tag",
        # volumes, exec, build, plugins, engine-wide
        "volumes", "create_volume", "inspect_volume", "prune_volumes", "remove_volume",
        "exec_create", "exec_inspect", "exec_resize", "exec_start", "build", "prune_builds",
        "configure_plugin", "create_plugin", "disable_plugin", "enable_plugin",
        "inspect_plugin", "pull_plugin", "plugins", "plugin_privileges", "push_plugin",
        "remove_plugin", "upgrade_plugin", "df", "login",
    }),
}


def out_of_scope_error(owner, name):
    """The :class:`OutOfScope` to raise for ``owner.name`` if docker-py has that name for
    something swarmctl leaves out; ``None`` for any other name."""
    if name not in _OUT_OF_SCOPE_NAMES.get(owner, ()):
        return None
    return OutOfScope(
        f"'{owner}' object has no attribute '{name}': swarmctl covers Docker Swarm services "
        "and what they use (nodes, networks, secrets, configs, the swarm); for containers, "
        "images, volumes, plugins, exec and builds use docker-py (pip install docker)"
    )


class DaemonStreamError(DockerException):
    """The engine reported an error inside a log stream (frame stream id 3), or sent a frame
    header no decoder knows; ``str()`` is the Docker CLI's message for it."""


class WriteIntercepted(DockerException):
    """A request that was not sent because writes are intercepted (a dry run): its method,
    URL, query, headers and body, so the caller can show what would have happened."""

    def __init__(self, method, url, params=None, headers=None, data=None):
        super().__init__(f"{method} {url}")
        self.method = method
        self.url = url
        self.params = dict(params or {})
        self.headers = dict(headers or {})
        self.data = data

    @property
    def body(self):
        import json

        if self.data is None:
            return None
        return json.loads(self.data)


class StreamParseError(RuntimeError):
    def __init__(self, reason):
        self.msg = reason


class DeadlineExceeded(requests.exceptions.Timeout, DockerException):
    """A request was cut short by ``APIClient.requests_deadline``, or would have started
    after it (swarmctl extension). A ``requests.exceptions.Timeout``, as the timeout it is."""


class AnswerStalled(requests.exceptions.ConnectionError, requests.exceptions.ReadTimeout,
                    DockerException):
    """The engine took the request, began its answer and then sent nothing more for the
    client's read timeout (swarmctl extension).

    requests raises a bare ``ConnectionError`` when a body read times out, which reads as
    if the engine could not be reached; this says what happened. It is still that
    ``ConnectionError`` (what docker-py lets through) and also a ``ReadTimeout``."""

    def __init__(self, message, timeout=None):
        super().__init__(message)
        self.timeout = timeout


def stalled_answer(error: BaseException, method: str, url: str,
                   timeout: float | tuple | None) -> AnswerStalled | None:
    """``AnswerStalled`` for ``error`` when it is a read that timed out in the middle of an
    answer (requests raises those as a bare ``ConnectionError``), else None.

    Args:
        error (Exception): What requests raised.
        method (str): The request's method, for the message.
        url (str): The request's URL, for the message.
        timeout (float or tuple): The requests timeout the request was made with (seconds
            or a ``(connect, read)`` pair).

    Returns:
        The ``AnswerStalled`` to raise instead, or None.
    """
    from urllib3.exceptions import ReadTimeoutError

    if not isinstance(error, requests.exceptions.ConnectionError) or isinstance(error, AnswerStalled):
        return None
    cause, seen = error, 0
    while cause is not None and not isinstance(cause, ReadTimeoutError) and seen < 20:
        cause = cause.__cause__ or cause.__context__ or (
            cause.args[0] if cause.args and isinstance(cause.args[0], BaseException) else None)
        seen += 1
    if not isinstance(cause, ReadTimeoutError):
        return None
    read = timeout[1] if isinstance(timeout, tuple) else timeout
    after = f" (read timeout {read:g}s)" if isinstance(read, (int, float)) else ""
    # Docker has no read timeout (it waits), so no words of its own for this: Go's url.Error
    # shape, as for the other requests that fail.
    operation = f'{method[:1].upper()}{method[1:].lower()} "{url}"'
    return AnswerStalled(
        f"error during connect: {operation}: the engine stopped answering in the middle of "
        f"its answer{after}", timeout=read)


class DaemonUnreachable(requests.exceptions.ConnectionError, DockerException):
    """The engine could not be reached at all (socket missing, refused, no permission).

    It is also a ``requests.exceptions.ConnectionError``, which is what docker-py lets
    through in this case, so existing ``except`` clauses keep working."""

    def __init__(self, message, host=None):
        super().__init__(message)
        self.host = host


def create_unexpected_kwargs_error(name, kwargs):
    quoted = [f"'{k}'" for k in sorted(kwargs)]
    text = [f"{name}() "]
    if len(quoted) == 1:
        text.append(f"got an unexpected keyword argument {quoted[0]}")
    else:
        text.append(f"got unexpected keyword arguments {', '.join(quoted)}")
    return TypeError("".join(text))


# How many times a read-modify-write of a spec is tried when others keep writing it
# meanwhile. Each try costs one read and one write; ten outlasts any realistic burst of
# concurrent writers (the orchestrator's own UpdateStatus writes included).
OUT_OF_SEQUENCE_ATTEMPTS = 10


def is_out_of_sequence(error):
    """Whether ``error`` is the engine's "update out of sequence": the object was written by
    someone else between our read and our write (its version moved on), so reading it again
    and re-applying the same change is safe."""
    return (isinstance(error, APIError) and error.status_code == 500
            and str(error.explanation or "").endswith("update out of sequence"))


def out_of_sequence_pause(attempt):
    """Seconds to wait before try ``attempt + 1``: short, growing, jittered, so writers
    racing each other stop colliding."""
    return min(0.5, 0.02 * (2 ** attempt)) * (0.5 + random.random())
