"""The low-level Engine API client, with docker-py's ``APIClient`` method names."""
from __future__ import annotations

import contextlib
import errno
import json as jsonlib
import os
import time
from typing import TYPE_CHECKING
from urllib.parse import quote

import requests

from swarmctl import constants
from swarmctl.api.config import ConfigApiMixin
from swarmctl.api.daemon import DaemonApiMixin
from swarmctl.api.network import NetworkApiMixin
from swarmctl.api.secret import SecretApiMixin
from swarmctl.api.service import ServiceApiMixin
from swarmctl.api.swarm import SwarmApiMixin
from swarmctl.errors import (
    APIError,
    DaemonUnreachable,
    DeadlineExceeded,
    DockerException,
    InvalidVersion,
    TLSParameterError,
    create_api_error_from_http_exception,
    out_of_scope_error,
    stalled_answer,
)
from swarmctl.utils.hosts import parse_host
from swarmctl.utils.versions import version_lt

# A request cut at the deadline may end a little before it (timer granularity).
_DEADLINE_SLACK = 0.05


def _cut_timeout(timeout, remaining):
    """A requests timeout (seconds, a (connect, read) pair, or None) no longer than
    ``remaining`` seconds in any part."""
    if isinstance(timeout, tuple):
        return tuple(remaining if part is None else min(part, remaining) for part in timeout)
    return remaining if timeout is None else min(timeout, remaining)


if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator
    from typing import Any

    from swarmctl.tls import TLSConfig


class APIClient(requests.Session, DaemonApiMixin, ServiceApiMixin, SwarmApiMixin, NetworkApiMixin,
                SecretApiMixin, ConfigApiMixin):
    """A low-level client for one engine, speaking one API version (docker-py's ``APIClient``).

    It is a ``requests.Session``; every method maps to one Engine API call, takes and
    returns the API's JSON as dicts, and raises :py:class:`swarmctl.errors.APIError` (or a
    subclass such as ``NotFound``) when the engine answers with an error.

    Unlike docker-py, ``version=None`` or ``'auto'`` uses the lower of the engine's API
    version and the newest one swarmctl knows, so a newer engine is not asked for fields
    this library cannot read. An explicit version is used as given, as docker-py does.

    Args:
        base_url (str): The engine's address: ``unix:///var/run/docker.sock`` (the
            default), ``tcp://host:2376`` or ``ssh://user@host``.
        version (str): The API version to use, or ``None``/``'auto'`` to negotiate it.
        timeout (int): Seconds to wait on a connection or a read. Default: 60.
        tls (bool or TLSConfig): ``True`` uses https checked against the default CA
            bundle; a :class:`swarmctl.tls.TLSConfig` sets client certificates and CA.
        user_agent (str): The ``User-Agent`` header.
        num_pools (int): Accepted for docker-py compatibility and ignored.
        credstore_env (dict): Extra environment variables for credential helpers.
        use_ssh_client (bool): Accepted for docker-py compatibility; ``ssh://`` always
            runs the ``ssh`` command (``docker system dial-stdio``).
        max_pool_size (int): Connections kept open per engine. Default: 10.

    Raises:
        :py:class:`swarmctl.errors.TLSParameterError`
            If ``tls`` is given without ``base_url``.
        :py:class:`swarmctl.errors.DaemonUnreachable`
            If the version is negotiated and the engine cannot be reached.
        :py:class:`swarmctl.errors.InvalidVersion`
            If the version is below the oldest one supported (1.24).
        :py:class:`swarmctl.errors.DockerException`
            If the version cannot be negotiated or is not a string.
    """

    def __init__(self, base_url: str | None = None, version: str | None = None,
                 timeout: int | float = constants.DEFAULT_TIMEOUT_SECONDS,
                 tls: bool | TLSConfig = False, user_agent: str = constants.DEFAULT_USER_AGENT,
                 num_pools: int | None = None, credstore_env: dict[str, str] | None = None,
                 use_ssh_client: bool = False,
                 max_pool_size: int = constants.DEFAULT_MAX_POOL_SIZE) -> None:
        super().__init__()
        if tls and not base_url:
            raise TLSParameterError("If using TLS, the base_url argument must be provided.")
        self.timeout = timeout
        # A time.monotonic() value no request may outlast, or None (swarmctl extension; see
        # requests_deadline).
        self.request_deadline = None
        self.headers["User-Agent"] = user_agent
        self.credstore_env = credstore_env
        self._auth_configs = None
        # What error messages name: what the user gave, the way the Docker CLI shows it.
        self.daemon_host = base_url or "unix:///var/run/docker.sock"

        parsed = parse_host(base_url, constants.IS_WINDOWS_PLATFORM, tls=bool(tls))
        if parsed.startswith("http+unix://"):
            from swarmctl.transport.unixconn import UnixSocketAdapter

            socket_path = parsed[len("http+unix://"):]
            if not base_url:
                self.daemon_host = f"unix://{socket_path}"
            self._unix_adapter = UnixSocketAdapter(socket_path, timeout, max_pool_size)
            self.mount("http+docker://", self._unix_adapter)
            self.base_url = "http+docker://localhost"
            # Proxies, .netrc and CA bundles from the environment never apply to a socket;
            # reading them costs requests a walk over os.environ on every request.
            self.trust_env = False
        elif parsed.startswith("ssh://"):
            # One `ssh ... docker system dial-stdio` process per connection, kept alive for
            # the client's life (see swarmctl.transport.sshconn); TLS does not apply.
            from swarmctl.transport.sshconn import SSHHTTPAdapter

            self._ssh_adapter = SSHHTTPAdapter(base_url.strip(), timeout, max_pool_size)
            self.mount("http+docker://", self._ssh_adapter)
            self.base_url = "http+docker://ssh"
            self.trust_env = False  # as for a socket: ssh carries the bytes, no proxy applies
        elif parsed.startswith("npipe://"):
            raise DockerException("named pipes are only available on Windows")
        else:
            if tls and not isinstance(tls, bool):
                tls.configure_client(self)
            # tls=True (docker-py): https, verified against the default CA bundle.
            self.base_url = parsed
            if not base_url.startswith(("tcp://", "http://", "https://")):
                self.daemon_host = "tcp://" + parsed.split("://", 1)[1]

        if version is None or (isinstance(version, str) and version.lower() == "auto"):
            try:
                self._version = self._negotiate_version()
            except BaseException:
                self.close()  # no ssh process outlives a client that failed to start
                raise
        else:
            self._version = version
        if not isinstance(self._version, str):
            raise DockerException(
                f"Version parameter must be a string or None. Found {type(version).__name__}"
            )
        if version_lt(self._version, constants.MINIMUM_DOCKER_API_VERSION):
            raise InvalidVersion(
                f"API versions below {constants.MINIMUM_DOCKER_API_VERSION} are no longer "
                "supported by this library."
            )

    # -- plumbing ---------------------------------------------------------------------------

    @property
    def api_version(self) -> str:
        """The API version every request uses, e.g. ``'1.41'``."""
        return self._version

    def _negotiate_version(self):
        try:
            response = self._send("GET", self._url("/version", versioned_api=False))
            self._raise_for_status(response)
            server = response.json()
        except DaemonUnreachable:
            raise
        except Exception as e:
            raise DockerException(f"Error while fetching server API version: {e}") from e
        if "ApiVersion" not in server:
            raise DockerException('Invalid response from docker daemon: key "ApiVersion" is missing.')
        server_version = server["ApiVersion"]
        if version_lt(constants.DEFAULT_DOCKER_API_VERSION, server_version):
            return constants.DEFAULT_DOCKER_API_VERSION
        return server_version

    def _url(self, pathfmt, *args, versioned_api=True):
        for arg in args:
            if not isinstance(arg, str):
                raise ValueError(f"Expected a string but found {arg} ({type(arg)}) instead")
        path = pathfmt.format(*(quote(arg, safe="/:") for arg in args))
        if versioned_api:
            return f"{self.base_url}/v{self._version}{path}"
        return f"{self.base_url}{path}"

    @contextlib.contextmanager
    def writes_intercepted(self) -> Iterator[APIClient]:
        """Let only reads reach the engine within a ``with`` block (swarmctl extension).

        For dry runs: the real code path runs, but any request other than GET or HEAD raises
        instead of being sent, so nothing on the engine changes.

        Returns:
            A context manager that gives this client.

        Raises:
            :py:class:`swarmctl.errors.WriteIntercepted`
                From a write inside the block, carrying the method, URL, query, headers and
                body it would have sent.
        """
        previous, self._intercept_writes = getattr(self, "_intercept_writes", False), True
        try:
            yield self
        finally:
            self._intercept_writes = previous

    @contextlib.contextmanager
    def requests_deadline(self, deadline: float | None) -> Iterator[APIClient]:
        """Bound every request made within a ``with`` block by ``deadline`` (swarmctl extension).

        For commands with a ``--timeout``: each request's timeout is cut to the time left,
        so an engine that stops answering cannot hold the caller past its deadline.

        Args:
            deadline (float): A ``time.monotonic()`` value; None lifts the bound.

        Returns:
            A context manager that gives this client.

        Raises:
            :py:class:`swarmctl.errors.DeadlineExceeded`
                From a request inside the block that the deadline cut short, or that would
                start after it.
        """
        previous, self.request_deadline = self.request_deadline, deadline
        try:
            yield self
        finally:
            self.request_deadline = previous

    def concurrently(self, function: Callable[[Any], Any], items: Iterable[Any],
                     catch: tuple[type[BaseException], ...] = (APIError,),
                     max_workers: int | None = None) -> Iterator[tuple[Any, BaseException | None]]:
        """Call ``function(item)`` for every item, several at a time (swarmctl extension).

        For commands that send one independent request per object (inspect, rm, scale
        of many services): up to ``max_workers`` calls run in threads, each request on
        its own keep-alive connection, and the results come back in the items' order,
        each as soon as it and every one before it are done. Over ssh the calls run one
        after another in the caller's thread: one ssh process carries one connection,
        and a second would cost a new ssh log-in, more than the round trips it saves.

        Args:
            function (callable): Called with one item; its requests go through this client
                (the ``writes_intercepted`` and ``requests_deadline`` bounds apply).
            items (iterable): The items, in the order their results are wanted.
            catch (tuple): Exception types given back as results. Any other exception is
                raised in the caller when its item's turn comes, as a loop would have.
            max_workers (int): Calls in flight at once. Default:
                ``swarmctl.constants.CONCURRENT_REQUESTS``, never more than the
                connection pool holds.

        Returns:
            An iterator of ``(result, None)`` or ``(None, error)`` pairs, one per item, in
            the items' order. Leaving it early cancels the calls not yet started.

        Raises:
            Whatever ``function`` raised that is not in ``catch``, at that item's turn.
        """
        items = list(items)
        workers = min(max_workers or constants.CONCURRENT_REQUESTS, self._pool_limit(), len(items))
        if workers <= 1:
            return self._one_by_one(function, items, catch)
        return self._side_by_side(function, items, catch, workers)

    def _pool_limit(self):
        if getattr(self, "_ssh_adapter", None) is not None:
            return 1  # see concurrently(): one ssh process, one connection
        adapter = getattr(self, "_unix_adapter", None)
        if adapter is not None:
            return adapter.max_pool_size
        return constants.DEFAULT_MAX_POOL_SIZE  # requests' HTTPAdapter keeps 10 per host

    @staticmethod
    def _one_by_one(function, items, catch):
        for item in items:
            try:
                result = function(item)
            except catch as error:
                yield None, error
            else:
                yield result, None

    @staticmethod
    def _side_by_side(function, items, catch, workers):
        from concurrent.futures import ThreadPoolExecutor

        executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="swarmctl-request")
        try:
            futures = [executor.submit(function, item) for item in items]
            for future in futures:
                try:
                    # The main thread waits here; Ctrl-C (KeyboardInterrupt) interrupts the wait.
                    result = future.result()
                except catch as error:
                    yield None, error
                else:
                    yield result, None
        finally:
            # On an early exit (an error not caught, Ctrl-C, a closed pipe) nothing new
            # starts and the caller does not wait for requests already on the wire: each
            # is bounded by the client's timeout and the process is on its way out.
            executor.shutdown(wait=False, cancel_futures=True)

    def _send(self, method, url, **kwargs):
        if getattr(self, "_intercept_writes", False) and method.upper() not in ("GET", "HEAD"):
            from swarmctl.errors import WriteIntercepted

            raise WriteIntercepted(method.upper(), url, kwargs.get("params"), kwargs.get("headers"),
                                   kwargs.get("data"))
        kwargs.setdefault("timeout", self.timeout)
        deadline = getattr(self, "request_deadline", None)
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise DeadlineExceeded(f"{method.upper()} {url}: the deadline has passed")
            kwargs["timeout"] = _cut_timeout(kwargs["timeout"], remaining)
        try:
            return self.request(method, url, **kwargs)
        except requests.exceptions.Timeout as e:
            if deadline is not None and time.monotonic() >= deadline - _DEADLINE_SLACK:
                raise DeadlineExceeded(f"{method.upper()} {url}: no answer before the deadline") from e
            if isinstance(e, requests.exceptions.ConnectionError):
                raise self._unreachable(e, method, url) from e
            raise
        except requests.exceptions.ConnectionError as e:
            if deadline is not None and time.monotonic() >= deadline - _DEADLINE_SLACK:
                raise DeadlineExceeded(f"{method.upper()} {url}: no answer before the deadline") from e
            # Connected, answered in part, then silent: not an engine we could not reach.
            request = getattr(e, "request", None)  # none when the body read failed
            full_url = getattr(request, "url", None) or requests.Request(
                method, url, params=kwargs.get("params")).prepare().url
            stalled = stalled_answer(e, method, full_url, kwargs["timeout"])
            if stalled is not None:
                raise stalled from e
            raise self._unreachable(e, method, url) from e

    def _unreachable(self, error, method=None, url=None):
        """One line in the Docker CLI's words for an engine we could not talk to."""
        request = getattr(error, "request", None)
        method = method or getattr(request, "method", None) or "GET"
        url = getattr(request, "url", None) or url or self.base_url
        # Go's url.Error: `Get "https://host:2376/v1.41/version": <reason>`.
        operation = f'{method[:1].upper()}{method[1:].lower()} "{url}"'

        detail = getattr(error, "detail", None)
        if detail is not None:  # the ssh command ended (sshconn.SSHConnectError)
            return DaemonUnreachable(f"error during connect: {operation}: {detail}",
                                     host=self.daemon_host)
        ssl_error = _find_ssl_error(error)
        if ssl_error is not None:
            return DaemonUnreachable(_tls_message(ssl_error, operation), host=self.daemon_host)

        cause = error
        while cause is not None:
            if isinstance(cause, PermissionError) or getattr(cause, "errno", None) == errno.EACCES:
                return DaemonUnreachable(self._permission_denied(cause, method, url),
                                         host=self.daemon_host)
            cause = _next_cause(cause)
        return DaemonUnreachable(
            f"Cannot connect to the Docker daemon at {self.daemon_host}. "
            "Is the docker daemon running?",
            host=self.daemon_host,
        )

    def _permission_denied(self, cause, method, url):
        """docker's line for a socket we may not open: the request and Go's dial error
        after it, as docker prints them (``Get "http://%2Fvar%2Frun%2Fdocker.sock/..."``)."""
        line = f"permission denied while trying to connect to the Docker daemon socket at {self.daemon_host}"
        adapter = getattr(self, "_unix_adapter", None)
        if adapter is None:
            return line  # a tcp engine's dial error names the resolved address: not known here
        path = adapter.socket_path
        # Go writes the socket path as the URL's host, %-encoded where a host must be.
        docker_url = "http://" + quote(path, safe="!$&'()*+,;=:[]<>\"") + url.removeprefix(self.base_url)
        reason = os.strerror(cause.errno) if getattr(cause, "errno", None) else "permission denied"
        reason = reason[:1].lower() + reason[1:]  # Go's syscall.Errno text
        operation = f'{method[:1].upper()}{method[1:].lower()} "{docker_url}"'
        return f"{line}: {operation}: dial unix {path}: connect: {reason}"

    def _get(self, url, **kwargs):
        return self._send("GET", url, **kwargs)

    def _post(self, url, **kwargs):
        return self._send("POST", url, **kwargs)

    def _delete(self, url, **kwargs):
        return self._send("DELETE", url, **kwargs)

    def _post_json(self, url, data, **kwargs):
        # Top-level None means "not given" (docker-py's rule); nested None is sent as null.
        # No body at all is sent as {} (update_swarm without a spec), again as docker-py.
        if isinstance(data, dict):
            body = {k: v for k, v in data.items() if v is not None}
        else:
            body = {} if data is None else data
        headers = dict(kwargs.pop("headers", None) or {})
        headers["Content-Type"] = "application/json"
        return self._post(url, data=jsonlib.dumps(body), headers=headers, **kwargs)

    @staticmethod
    def _raise_for_status(response):
        try:
            response.raise_for_status()
        except requests.exceptions.HTTPError as e:
            create_api_error_from_http_exception(e)

    def _result(self, response, json=False, binary=False):
        self._raise_for_status(response)
        if json:
            return response.json()
        if binary:
            return response.content
        return response.text

    def get_redirect_target(self, resp: requests.Response) -> str | None:
        """Where a redirect points, as an absolute URL (``requests.Session`` hook).

        The engine redirects a path with ``.``/``..`` segments to its cleaned form (a
        reference such as ``a/../b`` reaches ``/services/b``), and the Docker CLI follows,
        method kept. The target is a bare path, which requests cannot join with the
        ``http+docker://`` URLs of a unix socket or ssh engine: it is joined here.

        Args:
            resp (requests.Response): The redirecting response.

        Returns:
            The URL to follow, or None when ``resp`` is no redirect.

        Raises:
            Nothing of its own: it only reads the response's ``Location`` header.
        """
        location = super().get_redirect_target(resp)
        if location and location.startswith("/") and not location.startswith("//"):
            scheme, _, rest = resp.url.partition("://")
            return f"{scheme}://{rest.split('/', 1)[0]}{location}"
        return location

    def close(self) -> None:
        """Close the connections, and end the ssh process of an ``ssh://`` engine."""
        super().close()

    def __getattr__(self, name: str) -> Any:
        error = out_of_scope_error("APIClient", name)
        if error is not None:
            raise error
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")


# -- connection-error wording -----------------------------------------------------------------

def _next_cause(error):
    return error.__cause__ or error.__context__ or (
        error.args[0] if error.args and isinstance(error.args[0], BaseException) else None
    )


def _find_ssl_error(error):
    import ssl

    cause, seen = error, 0
    while cause is not None and seen < 20:
        if isinstance(cause, ssl.SSLError):
            return cause
        reason = getattr(cause, "reason", None)  # urllib3's MaxRetryError keeps it here
        if isinstance(reason, ssl.SSLError):
            return reason
        cause, seen = _next_cause(cause) or (reason if isinstance(reason, BaseException) else None), seen + 1
    return None


def _ssl_text(ssl_error):
    """OpenSSL's words without the ``[SSL: CODE]`` prefix and ``(_ssl.c:NNN)`` suffix."""
    import re

    text = getattr(ssl_error, "strerror", None) or str(ssl_error)
    text = re.sub(r"^\[SSL: [A-Z0-9_]+\] ", "", text)
    return re.sub(r" \(_ssl\.c:\d+\)$", "", text)


def _tls_message(ssl_error, operation):
    import re
    import ssl

    text = _ssl_text(ssl_error)
    if isinstance(ssl_error, ssl.SSLCertVerificationError):
        # docker: tls: failed to verify certificate: x509: certificate signed by unknown authority
        return f"error during connect: {operation}: tls: failed to verify certificate: {text}"
    reason = (getattr(ssl_error, "reason", None) or "").upper()
    if any(alert in reason for alert in ("ALERT_BAD_CERTIFICATE", "ALERT_CERTIFICATE_REQUIRED",
                                         "ALERT_UNKNOWN_CA", "ALERT_CERTIFICATE_UNKNOWN")):
        # The engine refused our client certificate, or wanted one (dockerd --tlsverify).
        text = re.sub(r"^(sslv3|tlsv1[0-9]?) alert ", "", text)
        return ("the server probably has client authentication (--tlsverify) enabled; check your "
                f"TLS client certification settings: {operation}: remote error: tls: {text}")
    return f"error during connect: {operation}: tls: {text}"
