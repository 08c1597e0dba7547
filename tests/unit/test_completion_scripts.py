"""The checked-in completion scripts, the completion protocol, and the completion engine
client, without a real engine (tests/cli/test_completion_shells.py drives the shells
against one).
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import _socket

import pytest

from swarmctl.cli.app import cli
from swarmctl.cli.completion import SHELLS, protocol
from swarmctl.cli.completion.candidates import looks_like_id
from swarmctl.cli.completion.engine import DEFAULT_TIMEOUT, Engine, resolve_host
from swarmctl.cli.completion.protocol import WORD_SEPARATOR
from swarmctl.cli.completion.scripts import SCRIPT_FILES, script
from swarmctl.config.contextstore import context_id

ROOT = Path(__file__).resolve().parents[2]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _clean_env(**extra):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DOCKER_", "COMP_", "_SWARMCTL", "SWARMCTL_"))}
    env["PYTHONPATH"] = str(ROOT)
    env.update({k: str(v) for k, v in extra.items()})
    return env


def _complete(shell, env, timeout=30):
    """Run one Tab press as the script does: (stdout lines, stderr)."""
    result = subprocess.run([sys.executable, "-m", "swarmctl"], capture_output=True, text=True,
                            env=dict(env, _SWARMCTL_COMPLETE=f"{shell}_complete"), timeout=timeout)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines(), result.stderr


class _SocketWaits:
    """Where the completion's time goes, without a stopwatch.

    The completion client talks to the engine through ``_socket``. Every socket it opens
    here records the timeouts it is given and each blocking call that ran out of time; the
    monotonic clock it reads moves only when such a call gives up, by the timeout it had.
    So the clock shows exactly how long a Tab press waits on the engine, on any machine.
    """

    def __init__(self, monkeypatch):
        self.now = 1000.0
        self.timeouts = []  # every timeout set on a socket, in order
        self.expired = []  # (call, seconds) of every blocking call that timed out
        self.connects = []  # the outcome of every connect: "ok" or the error's class name
        waits = self

        class RecordingSocket(_socket.socket):
            def settimeout(self, seconds):
                waits.timeouts.append(seconds)
                super().settimeout(seconds)

            def connect(self, address):
                try:
                    super().connect(address)
                except TimeoutError:
                    waits._expire("connect", self.gettimeout())
                    raise
                except OSError as error:
                    waits.connects.append(type(error).__name__)
                    raise
                waits.connects.append("ok")

            def recv(self, size):
                try:
                    return super().recv(size)
                except TimeoutError:
                    waits._expire("recv", self.gettimeout())
                    raise

        monkeypatch.setattr(_socket, "socket", RecordingSocket)
        monkeypatch.setattr(time, "monotonic", lambda: waits.now)

    def _expire(self, call, seconds):
        self.expired.append((call, seconds))
        self.now += seconds

    @property
    def waited(self):
        return self.now - 1000.0


# -- the checked-in files ---------------------------------------------------------------------

@pytest.mark.parametrize("shell", SHELLS)
def test_checked_in_script_is_what_the_generator_writes(shell):
    path = ROOT / "completions" / SCRIPT_FILES[shell]
    assert path.read_text() == script(shell), (
        f"{path.relative_to(ROOT)} is stale: run scripts/gen-completions")


def test_generator_check_mode_agrees():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen-completions"), "--check"],
                            capture_output=True, text=True, env=_clean_env())
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("shell", SHELLS)
def test_source_instruction_prints_the_same_script(shell):
    result = subprocess.run([sys.executable, "-m", "swarmctl"], capture_output=True, text=True,
                            env=_clean_env(_SWARMCTL_COMPLETE=f"{shell}_source"))
    assert result.returncode == 0
    assert result.stdout == script(shell)
    assert result.stderr == ""


@pytest.mark.parametrize("shell", SHELLS)
def test_script_parses_in_its_shell(shell):
    binary = shutil.which(shell)
    if binary is None:
        if IN_CI:
            pytest.fail(f"{shell} is needed (scripts/bootstrap installs it)")
        pytest.skip(f"{shell} is not installed")
    path = ROOT / "completions" / SCRIPT_FILES[shell]
    result = subprocess.run([binary, "-n", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_unknown_instruction_exits_1_quietly():
    result = subprocess.run([sys.executable, "-m", "swarmctl"], capture_output=True, text=True,
                            env=_clean_env(_SWARMCTL_COMPLETE="tcsh_complete"))
    assert (result.returncode, result.stdout, result.stderr) == (1, "", "")


# -- the protocol (no engine needed) ----------------------------------------------------------

NO_ENGINE = {"DOCKER_HOST": "unix:///nonexistent/swarmctl-test.sock"}


def _answer(shell, environ):
    """The lines a Tab press gets, answered against the swarmctl group."""
    return protocol.answer(shell, environ, cli)


def _bash(line, **env):
    return _answer("bash", dict(NO_ENGINE, COMP_LINE=line, **env))


def test_bash_command_names_carry_short_help():
    assert _bash("swarmctl ro") == ["plain\trollback\tRevert changes to a service's configuration"]
    lines = _bash("swarmctl ")
    assert "plain\trm\tRemove one or more services" in lines
    assert [line.split("\t")[1] for line in lines][:3] == ["create", "update", "scale"]


def test_bash_option_names():
    values = [line.split("\t")[1] for line in _bash("swarmctl update --rollback-m")]
    assert values == ["--rollback-max-failure-ratio", "--rollback-monitor"]


def test_bash_fixed_lists():
    assert [line.split("\t")[1] for line in _bash("swarmctl create --mode ")] == [
        "replicated", "global", "replicated-job", "global-job"]
    assert [line.split("\t")[1] for line in _bash("swarmctl update --restart-condition o")] == [
        "on-failure"]


def test_bash_gets_only_the_text_after_the_last_word_break():
    # readline replaces the text after the last "=" or ":"; the answer starts there.
    assert [line.split("\t")[1] for line in _bash("swarmctl create --mode=repl")] == [
        "replicated", "replicated-job"]
    assert [line.split("\t")[1] for line in _bash("swarmctl create --constraint node.ro")] == [
        "node.role=="]
    assert [line.split("\t")[1] for line in
            _bash("swarmctl create --constraint node.role==m")] == ["manager"]
    assert [line.split("\t")[1] for line in
            _bash("swarmctl create --constraint node.role!=")] == ["manager", "worker"]


def test_zsh_and_fish_get_whole_words():
    zsh = _answer("zsh", dict(NO_ENGINE, COMP_WORDS="create", COMP_CUR="--mode=g"))
    assert zsh == ["plain\t--mode=global:one task on every node",
                   "plain\t--mode=global-job:run one task to completion on every node"]
    fish = _answer("fish", dict(NO_ENGINE, COMP_WORDS=WORD_SEPARATOR.join(
        ["create", "--constraint"]), COMP_CUR="'node.ro"))
    assert fish == ["nospace\tnode.role==\tmanager or worker"]


def test_zsh_escapes_colons_in_values():
    lines = _answer("zsh", dict(NO_ENGINE, COMP_WORDS="-H", COMP_CUR="unix:"))
    assert lines[0].startswith("plain\tunix\\:///var/run/docker.sock:")


def test_nospace_items():
    lines = _bash("swarmctl create --constraint node.")
    assert {line.split("\t")[0] for line in lines} == {"nospace"}
    assert "nospace\tnode.labels.\tnode label (node update --label-add)" in lines


def test_file_values_are_left_to_the_shell():
    assert _bash("swarmctl --tlscacert ") == ["file\t\t"]
    assert _bash("swarmctl create --env-file ./x") == ["file\t./x\t"]
    assert _bash("swarmctl --config ") == ["dir\t\t"]


def test_contexts_from_the_store(tmp_path):
    _write_context(tmp_path, "staging", "unix:///run/staging.sock", description="the stage")
    lines = _bash("swarmctl --context ", DOCKER_CONFIG=str(tmp_path))
    assert lines == ["plain\tdefault\tthe -H / DOCKER_HOST engine",
                     "plain\tstaging\tthe stage"]


def test_no_engine_completes_nothing_fast_and_silently(monkeypatch):
    lines, stderr = _complete("bash", _clean_env(COMP_LINE="swarmctl rm ", **NO_ENGINE))
    assert lines == [] and stderr == ""
    # the same Tab press in this process: the one connect fails at once, nothing waited on
    waits = _SocketWaits(monkeypatch)
    assert _answer("bash", dict(NO_ENGINE, COMP_LINE="swarmctl rm ")) == []
    assert waits.connects == ["FileNotFoundError"]
    assert waits.expired == [] and waits.waited == 0


class _SilentEngine:
    """A unix socket that accepts connections and never answers (a hung daemon)."""

    def __init__(self, path):
        self.path = str(path)
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(self.path)
        self.server.listen(8)
        self.connections = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            self.connections.append(conn)

    def close(self):
        self.server.close()
        for conn in self.connections:
            conn.close()


def test_slow_engine_costs_one_short_timeout_and_completes_nothing(tmp_path, monkeypatch):
    engine = _SilentEngine(tmp_path / "hung.sock")
    try:
        base = _clean_env(DOCKER_HOST=f"unix://{engine.path}")
        lines, stderr = _complete("bash", dict(base, COMP_LINE="swarmctl rm "))
        assert lines == [] and stderr == ""
        assert engine.connections, "the completion never asked the engine"
        # The same Tab presses in this process, their waits on the engine measured exactly.
        # An ID-like prefix asks twice (names, IDs): still one budget for the Tab press.
        environ = {"DOCKER_HOST": f"unix://{engine.path}"}
        for line, requests in (("swarmctl rm ", 1), ("swarmctl rm a1", 2)):
            waits = _SocketWaits(monkeypatch)
            assert _answer("bash", dict(environ, COMP_LINE=line)) == [], line
            assert waits.connects, line
            assert waits.expired, line  # the silent engine was waited for ...
            assert waits.waited == pytest.approx(DEFAULT_TIMEOUT), line  # ... once
            assert all(0 < t <= DEFAULT_TIMEOUT for t in waits.timeouts), line
            assert len(waits.connects) <= requests, line
    finally:
        engine.close()


def test_flag_completion_does_not_talk_to_the_engine(tmp_path):
    engine = _SilentEngine(tmp_path / "watch.sock")
    try:
        env = _clean_env(DOCKER_HOST=f"unix://{engine.path}")
        for line in ("swarmctl update --", "swarmctl create --mode ", "swarmctl ", "swarmctl sc"):
            lines, _ = _complete("bash", dict(env, COMP_LINE=line))
            assert lines
        assert engine.connections == []
    finally:
        engine.close()


def test_tls_and_ssh_engines_complete_nothing_without_connecting():
    ctx = _FakeCtx({"hosts": ("ssh://user@example.invalid",)})
    assert Engine.for_context(ctx, {}) is None
    ctx = _FakeCtx({"hosts": ("tcp://127.0.0.1:1",), "tlsverify": True})
    assert Engine.for_context(ctx, {}) is None
    ctx = _FakeCtx({"hosts": ("tcp://127.0.0.1:2375",)})
    assert Engine.for_context(ctx, {}).address == ("tcp", "127.0.0.1", 2375)
    ctx = _FakeCtx({"hosts": ("tcp://[::1]:2375",)})
    assert Engine.for_context(ctx, {}).address == ("tcp", "::1", 2375)
    # a host name would need a lookup, which has no timeout: nothing rather than a hang
    ctx = _FakeCtx({"hosts": ("tcp://engine.example:2375",)})
    assert Engine.for_context(ctx, {}) is None


def test_plain_tcp_engine(tmp_path):
    import socket as socket_module

    server = socket_module.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    body = b'[{"ID":"x1","Spec":{"Name":"tcp-web"}}]'

    def serve():
        conn, _ = server.accept()
        with conn:
            conn.recv(4096)
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        lines = _answer("bash", {"COMP_LINE": f"swarmctl -H tcp://127.0.0.1:{port} rm tcp"})
        assert lines == ["plain\ttcp-web\tservice"]
    finally:
        server.close()


class _FakeCtx:
    def __init__(self, params):
        self.params = params
        self.meta = {}

    def find_root(self):
        return self


# -- the engine the completion talks to is the one the command would use ---------------------

def _write_context(config, name, host, skip_tls_verify=False, tls_files=(), description=""):
    meta_dir = config / "contexts" / "meta" / context_id(name)
    meta_dir.mkdir(parents=True, exist_ok=True)
    (meta_dir / "meta.json").write_text(json.dumps({
        "Name": name, "Metadata": {"Description": description},
        "Endpoints": {"docker": {"Host": host, "SkipTLSVerify": skip_tls_verify}}}))
    if tls_files:
        tls_dir = config / "contexts" / "tls" / context_id(name) / "docker"
        tls_dir.mkdir(parents=True, exist_ok=True)
        for file_name in tls_files:
            (tls_dir / file_name).write_text("pem")


@pytest.fixture
def config(tmp_path):
    folder = tmp_path / "config"
    _write_context(folder, "beta", "unix:///run/beta.sock")
    _write_context(folder, "alpha", "tcp://alpha.example:2376", tls_files=("ca.pem", "cert.pem", "key.pem"))
    _write_context(folder, "gamma", "tcp://gamma.example:2375", skip_tls_verify=True)
    _write_context(folder, "plain", "tcp://plain.example:2375")
    _write_context(folder, "remote", "ssh://deploy@build.example:2222")
    certs = tmp_path / "certs"
    certs.mkdir()
    for file_name in ("ca.pem", "cert.pem", "key.pem"):
        (certs / file_name).write_text("pem")
    return folder, certs


def test_resolve_host_reads_the_config_flag(config):
    folder, _ = config
    (folder / "config.json").write_text(json.dumps({"currentContext": "beta"}))
    assert resolve_host({"config_dir": str(folder)}, {}) == ("unix:///run/beta.sock", False)


# -- the tiny HTTP client ---------------------------------------------------------------------

class _CannedEngine:
    """A unix socket HTTP server with canned answers (chunked or not)."""

    def __init__(self, path, body, status=b"200 OK", chunked=False):
        self.path = str(path)
        self.requests = []
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(self.path)
        self.server.listen(4)
        self.body, self.status, self.chunked = body, status, chunked
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                data = b""
                while b"\r\n\r\n" not in data:
                    data += conn.recv(4096)
                self.requests.append(data.split(b"\r\n")[0].decode())
                if self.chunked:
                    half = len(self.body) // 2
                    payload = b"".join(b"%x\r\n%s\r\n" % (len(part), part)
                                       for part in (self.body[:half], self.body[half:]))
                    payload += b"0\r\n\r\n"
                    headers = b"Transfer-Encoding: chunked\r\n"
                else:
                    payload, headers = self.body, b"Content-Length: %d\r\n" % len(self.body)
                conn.sendall(b"HTTP/1.1 " + self.status + b"\r\nContent-Type: application/json\r\n"
                             + headers + b"\r\n" + payload)

    def close(self):
        self.server.close()


@pytest.mark.parametrize("chunked", [False, True])
def test_engine_client_reads_json(tmp_path, chunked):
    body = json.dumps([{"ID": "abc", "Spec": {"Name": "web"}}]).encode()
    server = _CannedEngine(tmp_path / "e.sock", body, chunked=chunked)
    try:
        engine = Engine(("unix", server.path), 2.0)
        assert engine.get("/services", {"name": ["w"]}) == [{"ID": "abc", "Spec": {"Name": "web"}}]
        assert server.requests == ['GET /services?filters=%7B%22name%22%3A%5B%22w%22%5D%7D HTTP/1.0']
    finally:
        server.close()


def test_engine_client_error_answer_is_nothing(tmp_path):
    server = _CannedEngine(tmp_path / "e.sock", b'{"message":"This node is not a swarm manager."}',
                           status=b"503 Service Unavailable")
    try:
        assert Engine(("unix", server.path), 2.0).get("/services") is None
    finally:
        server.close()


def test_looks_like_id():
    assert looks_like_id("v4lxphlu419i")
    assert not looks_like_id("")
    assert not looks_like_id("web-1")
    assert not looks_like_id("Web")


def _values(lines):
    return [line.split("\t")[1] for line in lines]


def test_format_offers_table_json_and_the_configured_format(tmp_path):
    (tmp_path / "config.json").write_text(json.dumps({
        "servicesFormat": "{{.Name}} {{.Mode}}", "tasksFormat": "{{.Name}}\t{{.ID}}",
        "serviceInspectFormat": "{{json .}}"}))
    env = {"DOCKER_CONFIG": str(tmp_path)}
    # bash inserts a candidate as it is: the configured format comes escaped for it
    assert _values(_bash("swarmctl ls --format ", **env)) == [
        "table", "json", "raw", "{{.Name}}\\ {{.Mode}}"]
    assert _values(_bash("swarmctl ls --format {", **env)) == ["{{.Name}}\\ {{.Mode}}"]
    assert _values(_bash("swarmctl ps --format ", **env)) == [
        "table", "json", "raw", "$'{{.Name}}\\t{{.ID}}'"]
    assert _values(_bash("swarmctl inspect --format ", **env)) == ["json", "{{json\\ .}}"]
    assert _values(_bash("swarmctl ls --format j", **env)) == ["json"]
    # zsh and fish quote what they insert; a tab cannot travel in the protocol
    zsh = _answer("zsh", dict(NO_ENGINE, COMP_WORDS="ls\n--format", COMP_CUR="{", **env))
    assert zsh == ["plain\t{{.Name}} {{.Mode}}:servicesFormat from config.json"]
    fish = _answer("fish", dict(NO_ENGINE, COMP_WORDS=WORD_SEPARATOR.join(["ps", "--format"]),
                                COMP_CUR="", **env))
    assert _values(fish) == ["table", "json", "raw"]


def test_format_without_a_config_file(tmp_path):
    assert _values(_bash("swarmctl ps --format ", DOCKER_CONFIG=str(tmp_path))) == [
        "table", "json", "raw"]
    assert _values(_bash("swarmctl ls --config " + str(tmp_path) + " --format t")) == ["table"]
