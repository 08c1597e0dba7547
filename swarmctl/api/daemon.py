"""Engine-wide calls (version, info, ping, events) and the container and distribution
look-ups."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from swarmctl.utils.convert import convert_filters

if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

    import requests


class DaemonApiMixin:
    def version(self, api_version: bool = True) -> dict[str, Any]:
        """Read the engine's version (``GET /version``).

        Args:
            api_version (bool): Use the versioned path (``/vX.Y/version``). ``False``
                asks on the unversioned path, which any engine answers whatever its API
                version. Default: ``True``.

        Returns:
            The engine's answer: ``Version``, ``ApiVersion``, ``MinAPIVersion``, ``Os``,
            ``Arch``, ``Components`` and so on.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        return self._result(self._get(self._url("/version", versioned_api=api_version)), json=True)

    def info(self) -> dict[str, Any]:
        """Read the engine's system-wide information (``GET /info``).

        Returns:
            The engine's answer, including its ``Swarm`` state.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        return self._result(self._get(self._url("/info")), json=True)

    def ping(self) -> bool:
        """Check that the engine answers (``GET /_ping``).

        Returns:
            ``True`` when the engine answers ``OK``.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        return self._result(self._get(self._url("/_ping"))) == "OK"

    def events(self, since: datetime | int | float | None = None,
               until: datetime | int | float | None = None,
               filters: dict[str, Any] | None = None,
               decode: bool | None = None) -> CancellableStream:
        """Stream the engine's events as they happen (``GET /events``).

        The stream stays open until ``until`` passes or it is closed; there is no read
        timeout, since an engine may stay silent for hours. Swarm objects (``service``,
        ``node``, ``secret``, ``config``) are reported by managers only, and tasks emit no
        events at all.

        Args:
            since (datetime or int): Replay the events after this time (the engine keeps
                the last 256). Default: ``None`` (only new events).
            until (datetime or int): Stop the stream at this time. Default: ``None``.
            filters (dict): Filters to apply, e.g. ``{'type': ['service', 'node']}``,
                ``{'scope': 'swarm'}``, ``{'event': 'update'}``.
            decode (bool): Yield each event as a dict instead of the raw bytes.

        Returns:
            A :py:class:`CancellableStream` of events (dicts with ``decode=True``, else
            one ``bytes`` JSON object each); ``close()`` ends it, also from another thread.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        params = {"since": _event_time(since), "until": _event_time(until),
                  "filters": convert_filters(filters) if filters else None}
        response = self._get(self._url("/events"), params=params, stream=True,
                             timeout=(self.timeout, None))
        try:
            self._raise_for_status(response)
        except BaseException:
            response.close()
            raise
        return CancellableStream(response, decode=bool(decode))

    def inspect_container(self, container: str) -> dict[str, Any]:
        """Read one container on the node this client talks to (``GET /containers/ID/json``).

        Args:
            container (str): The container's id or name.

        Returns:
            The container as the engine reports it.

        Raises:
            :py:class:`swarmctl.errors.NotFound`
                If there is no such container on this node.
            :py:class:`swarmctl.errors.APIError`
                If the server returns another error.
        """
        return self._result(self._get(self._url("/containers/{0}/json", container)), json=True)

    def inspect_distribution(self, image: str,
                             auth_config: dict[str, Any] | None = None) -> dict[str, Any]:
        """Ask the engine what a registry reports for an image (``GET /distribution/IMAGE/json``).

        Args:
            image (str): The image reference.
            auth_config (dict): Registry credentials, sent as ``X-Registry-Auth``.
                Default: ``None`` (no header).

        Returns:
            The image's ``Descriptor`` (with its digest) and ``Platforms``.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error, e.g. when the registry cannot be reached.
        """
        headers = {}
        if auth_config is not None:
            from swarmctl import auth

            headers["X-Registry-Auth"] = auth.encode_header(auth_config)
        url = self._url("/distribution/{0}/json", image)
        return self._result(self._get(url, headers=headers), json=True)


def _event_time(value):
    """A ``since``/``until`` value as the engine's Unix seconds (docker-py's conversion)."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return int(value.timestamp())
    return value


class CancellableStream:
    """The events of a streaming ``GET /events`` response, one JSON object each (docker-py's
    ``CancellableStream``): iterate it, ``close()`` it to stop, also from another thread.

    Args:
        response (requests.Response): The streaming response.
        decode (bool): Yield dicts instead of the bytes of each object.
    """

    def __init__(self, response: requests.Response, decode: bool = False) -> None:
        self._response = response
        self._decode = decode
        self._closed = False
        self._iterator = self._objects()

    def __iter__(self) -> Iterator[Any]:
        return self

    def __next__(self) -> Any:
        return next(self._iterator)

    def next(self) -> Any:
        """The next event (docker-py's spelling of ``next(stream)``)."""
        return next(self._iterator)

    def _objects(self):
        # The engine writes one JSON object per line; a chunk may end inside one.
        pending = b""
        try:
            for chunk in self._response.iter_content(chunk_size=None):
                pending += chunk
                *lines, pending = pending.split(b"\n")
                for line in lines:
                    if self._closed:
                        return
                    if line.strip():
                        yield json.loads(line) if self._decode else line
            if pending.strip() and not self._closed:
                yield json.loads(pending) if self._decode else pending
        except (ValueError, AttributeError, OSError):
            # Closed under the reader (close() from another thread): the stream has ended.
            if not self._closed:
                raise
        finally:
            self._response.close()

    def close(self) -> None:
        """End the stream: iteration stops, in another thread too (the socket is shut
        down first, which wakes a reader blocked on it)."""
        import socket

        self._closed = True
        try:
            sock = self._response.raw._fp.fp.raw._sock  # urllib3 -> http.client -> socket
            sock.shutdown(socket.SHUT_RDWR)
        except (AttributeError, OSError):  # another transport, or already closed
            pass
        self._response.close()
