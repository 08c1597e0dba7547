"""HTTP to an engine behind ssh: ``ssh [-l USER] [-p PORT] -- HOST docker system dial-stdio``.

What the Docker CLI does (docker/cli ``cli/connhelper``), with the process kept for the
whole client instead of one per request (docker-py's known cost, docker-py#2966):

- One ssh process is one HTTP/1.1 keep-alive connection. The process's stdin and stdout
  are one end of a ``socketpair``; our end is a real socket, so http.client, urllib3's
  liveness checks, timeouts and streaming responses (``logs -f``) work unchanged.
- Connections live in a pool: requests made one after another reuse the same process.
  Only a request made while another response is still being read (a stream left open)
  needs, and starts, a second process.
- The system ``ssh`` runs with the user's own configuration (``~/.ssh/config``, agent,
  known hosts): only ``-o ConnectTimeout=30 -T`` are added, ``-l``/``-p`` only when the URL
  names a user/port, and ``docker --host unix://PATH`` when the URL has a path.
- ssh runs in its own session (Ctrl-C in a terminal goes to swarmctl, which then closes it)
  and, on Linux, dies with the thread that started it. Each process is ended on
  ``close()``, when its connection is dropped, and at interpreter exit.
- When ssh exits on its own (host key, authentication, no docker on the remote), the
  request fails with :class:`SSHConnectError`, in docker's words: ``command [ssh ...] has
  exited with exit status 255, make sure the URL is valid, and Docker 18.09 or later is
  installed on the remote host: stderr=...``.
"""
from __future__ import annotations

import atexit
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import weakref
from urllib.parse import urlsplit

import requests.adapters
import requests.exceptions
import urllib3.connection
import urllib3.connectionpool
from urllib3.exceptions import NewConnectionError

SSH_BINARY = "ssh"
_STDERR_LIMIT = 4096


class SSHConnectError(requests.exceptions.ConnectionError):
    """The ssh command ended before the engine answered. ``detail`` is docker's sentence."""

    def __init__(self, detail, request=None):
        super().__init__(detail, request=request)
        self.detail = detail


class SSHSpec:
    """An ``ssh://[user@]host[:port][/socket/path]`` URL, checked as the Docker CLI does."""

    def __init__(self, url):
        from swarmctl.errors import DockerException

        def invalid(reason):
            return DockerException(f"ssh host connection is not valid: invalid SSH URL: {reason}")

        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as error:
            raise invalid(error) from None
        if parts.scheme != "ssh":
            raise invalid(f"incorrect scheme: {parts.scheme}" if parts.scheme else "no scheme provided")
        if parts.password is not None:
            raise invalid("plain-text password is not supported")
        if not parts.hostname:
            raise invalid("hostname is empty")
        if parts.query:
            raise invalid(f'query parameters are not allowed: "{parts.query}"')
        if parts.fragment:
            raise invalid(f'fragments are not allowed: "{parts.fragment}"')
        self.url = url
        self.user = parts.username or ""
        # Keep the host as written (urlsplit lower-cases it; ssh config Host patterns care).
        netloc_host = parts.netloc.rpartition("@")[2]
        if netloc_host.startswith("["):
            netloc_host = netloc_host[1:netloc_host.index("]")]
        elif port is not None:
            netloc_host = netloc_host.rpartition(":")[0]
        self.host = netloc_host
        self.port = str(port) if port is not None else ""
        self.path = parts.path

    def args(self):
        """The full command line, ``ssh`` first (docker/cli ``connhelper`` + ``ssh.Spec``)."""
        args = [SSH_BINARY, "-o", "ConnectTimeout=30", "-T"]
        if self.user:
            args += ["-l", self.user]
        if self.port:
            args += ["-p", self.port]
        args += ["--", self.host, "docker"]
        if self.path:
            args += ["--host", f"unix://{self.path}"]
        args += ["system", "dial-stdio"]
        return args


# -- processes -------------------------------------------------------------------------------

_LIVE = weakref.WeakSet()
_LIVE_LOCK = threading.Lock()


@atexit.register
def _end_all():
    with _LIVE_LOCK:
        connections = list(_LIVE)
    for connection in connections:
        connection._end_process()


_PRCTL = []


def _parent_death_signal_setter():
    """A preexec_fn that makes the child get SIGTERM when its parent thread dies (Linux).

    ctypes is loaded here, in the parent: importing in the forked child could deadlock on
    the import lock of another thread.
    """
    if not _PRCTL:
        try:
            import ctypes

            _PRCTL.append(ctypes.CDLL(None, use_errno=True).prctl)
        except (OSError, AttributeError, ImportError):
            _PRCTL.append(None)
    prctl = _PRCTL[0]
    if prctl is None:
        return None

    def set_pdeathsig():
        prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG

    return set_pdeathsig


def _describe_exit(returncode):
    if returncode is not None and returncode < 0:
        try:
            return "signal: " + signal.strsignal(-returncode).lower()
        except (ValueError, AttributeError):
            return f"signal {-returncode}"
    return f"exit status {returncode}"


def _clean_stderr(text):
    """ssh's stderr as one line, without the chatter of a successful connection."""
    lines = [line.strip() for line in text.replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line and not line.startswith("Warning: Permanently added")]
    return "; ".join(lines)


class ProcessFailure:
    def __init__(self, args, returncode, stderr):
        self.args = args
        self.returncode = returncode
        self.stderr = stderr

    def __str__(self):
        return (f"command [{' '.join(self.args)}] has exited with {_describe_exit(self.returncode)}, "
                "make sure the URL is valid, and Docker 18.09 or later is installed on the remote "
                f"host: stderr={_clean_stderr(self.stderr)}")


class SSHConnection(urllib3.connection.HTTPConnection):
    """One HTTP connection = one ssh process running ``docker system dial-stdio``."""

    def __init__(self, host="localhost", port=None, *, ssh_spec=None, on_failure=None, **kwargs):
        for unused in ("socket_options", "source_address"):
            kwargs.pop(unused, None)
        super().__init__("localhost", port=None, **kwargs)
        self.ssh_spec = ssh_spec
        self._on_failure = on_failure
        self._process = None
        self._stderr = None

    @property
    def process(self):
        return self._process

    def _new_conn(self):
        args = self.ssh_spec.args()
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        stderr = tempfile.TemporaryFile()
        # Only from the main thread: the signal comes when the *thread* that forked ends.
        in_main_thread = threading.current_thread() is threading.main_thread()
        preexec = _parent_death_signal_setter() if in_main_thread and sys.platform == "linux" else None
        try:
            process = subprocess.Popen(
                args, stdin=theirs.fileno(), stdout=theirs.fileno(), stderr=stderr.fileno(),
                start_new_session=True, close_fds=True, preexec_fn=preexec,
            )
        except OSError as error:
            ours.close()
            stderr.close()
            if isinstance(error, FileNotFoundError):
                reason = f'exec: "{args[0]}": executable file not found in $PATH'
            else:
                reason = f'exec: "{args[0]}": {error.strerror or error}'
            if self._on_failure:
                self._on_failure(reason)
            raise NewConnectionError(self, reason) from error
        finally:
            theirs.close()
        self._process, self._stderr = process, stderr
        with _LIVE_LOCK:
            _LIVE.add(self)
        ours.settimeout(self.timeout if isinstance(self.timeout, (int, float)) else None)
        return ours

    def close(self):
        sock = self.sock
        exited_by_itself = sock is not None and self._process is not None and _peer_closed(sock)
        super().close()
        if exited_by_itself:
            self._collect_exit()
        else:
            self._end_process()

    def _collect_exit(self):
        """ssh closed its end: wait for it and report a failure with its stderr."""
        process = self._process
        try:
            returncode = process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._end_process()
            return
        if returncode != 0 and self._on_failure:
            self._on_failure(ProcessFailure(process.args, returncode, self._read_stderr()))
        self._release()

    def _read_stderr(self):
        try:
            self._stderr.seek(0)
            return self._stderr.read()[-_STDERR_LIMIT:].decode("utf-8", "replace")
        except (OSError, ValueError, AttributeError):
            return ""

    def _end_process(self):
        process = self._process
        if process is None:
            return
        if process.poll() is None:
            try:
                process.terminate()
                process.wait(timeout=3)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            except OSError:
                pass
        self._release()

    def _release(self):
        if self._stderr is not None:
            try:
                self._stderr.close()
            except OSError:
                pass
        self._process = self._stderr = None
        with _LIVE_LOCK:
            _LIVE.discard(self)


def _peer_closed(sock):
    """True when the other end of the socketpair is gone (ssh exited or closed stdout)."""
    try:
        timeout = sock.gettimeout()
        sock.setblocking(False)
        try:
            return sock.recv(1, socket.MSG_PEEK) == b""
        finally:
            sock.settimeout(timeout)
    except BlockingIOError:
        return False
    except OSError:
        return True


class SSHConnectionPool(urllib3.connectionpool.HTTPConnectionPool):
    scheme = "http"
    ConnectionCls = SSHConnection

    def __init__(self, ssh_spec, timeout=60, maxsize=10):
        self._failures = []
        self._failures_lock = threading.Lock()
        super().__init__("localhost", timeout=timeout, maxsize=maxsize, block=False,
                         ssh_spec=ssh_spec, on_failure=self._record_failure)

    def _record_failure(self, failure):
        with self._failures_lock:
            self._failures.append(failure)
            del self._failures[:-4]

    def take_failure(self):
        with self._failures_lock:
            failure = self._failures[-1] if self._failures else None
            self._failures.clear()
        return failure


class SSHHTTPAdapter(requests.adapters.HTTPAdapter):
    """A requests adapter sending every request through ssh + ``docker system dial-stdio``."""

    def __init__(self, base_url, timeout=60, max_pool_size=10):
        self.ssh_spec = SSHSpec(base_url)
        self.timeout = timeout
        self.pool = SSHConnectionPool(self.ssh_spec, timeout=timeout, maxsize=max_pool_size)
        super().__init__(max_retries=0)

    def get_connection_with_tls_context(self, request, verify, proxies=None, cert=None):
        return self.pool

    def get_connection(self, url, proxies=None):
        return self.pool

    def request_url(self, request, proxies):
        # The engine wants a path, never an absolute (proxy-style) URL.
        return request.path_url

    def send(self, request, *args, **kwargs):
        self.pool.take_failure()  # forget failures of connections dropped while idle
        try:
            return super().send(request, *args, **kwargs)
        except requests.exceptions.ConnectionError as error:
            failure = self.pool.take_failure()
            if failure is not None:
                raise SSHConnectError(str(failure), request=request) from error
            raise

    def close(self):
        self.pool.close()
        super().close()

    @property
    def processes(self):
        """The ssh processes alive now (for tests and diagnostics)."""
        with _LIVE_LOCK:
            return [c.process for c in _LIVE if c.ssh_spec is self.ssh_spec and c.process]
