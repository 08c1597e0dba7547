"""Faults the CLI meets without a real engine: an engine that stops answering, signals,
a full disk, malformed settings. Each ends with one clear line and a documented exit code.

A small HTTP server on a unix socket stands in for a hung engine: it answers the version
handshake, records every other request and never answers it.
"""
from __future__ import annotations

import http.server
import json
import os
import re
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import threading
import time

import pytest
import requests

from swarmctl.config.errors import DockerException
from swarmctl.config.hosts import parse_docker_host
from tests.helpers import IN_CI, invoke


class _HungEngine(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True

    def __init__(self, path):
        self.requests = []
        self.release = threading.Event()
        self.answer_version = True
        # Begin the answer (head and a few bytes of body), then stall: not even an answer.
        self.stall_body = False
        super().__init__(path, _Handler)


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _answer(self):
        if self.path.endswith("/version") and self.server.answer_version:
            body = json.dumps({"ApiVersion": "1.41", "MinAPIVersion": "1.24",
                               "Version": "28.2.0", "Os": "linux", "Arch": "amd64"}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        self.server.requests.append((self.command, self.path))
        if self.server.stall_body:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "100")
            self.end_headers()
            self.wfile.write(b'[{"ID":')
            self.wfile.flush()
        self.server.release.wait(30)  # hung: no answer until the test ends
        self.close_connection = True

    do_GET = do_POST = do_DELETE = do_HEAD = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def hung_engine(tmp_path):
    path = str(tmp_path / "hung.sock")
    server = _HungEngine(path)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, f"unix://{path}"
    finally:
        server.release.set()
        server.shutdown()
        server.server_close()


def _env(host, **extra):
    env = dict(os.environ, DOCKER_HOST=host, NO_COLOR="1")
    for key in ("DOCKER_CONTEXT", "DOCKER_API_VERSION", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH"):
        env.pop(key, None)
    env.update(extra)
    return env


def _swarmctl(args, env, **kwargs):
    return subprocess.Popen([sys.executable, "-m", "swarmctl", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


# -- --timeout bounds every request --------------------------------------------------------------

NO_ANSWER = ("timed out after 1s: the engine did not answer in time "
             "(what was sent may still take effect)")


@pytest.mark.parametrize("args, message", [
    (("wait", "--timeout", "1s", "web"), NO_ANSWER),
    (("update", "--timeout", "1s", "--env-add", "A=1", "web"), NO_ANSWER),
    (("scale", "--timeout", "1s", "web=2"), NO_ANSWER),
    (("restart", "--timeout", "1s", "web"), NO_ANSWER),
    (("rollback", "--timeout", "1s", "web"), NO_ANSWER),
    (("wait", "--for", "removed", "--timeout", "1s", "web"),
     "timed out after 1s waiting for web to be removed"),
])
def test_timeout_holds_when_the_engine_hangs(hung_engine, args, message):
    server, host = hung_engine
    started = time.monotonic()
    process = _swarmctl(args, _env(host))
    out, err = process.communicate(timeout=30)
    elapsed = time.monotonic() - started
    assert process.returncode == 124, err
    assert elapsed < 10, elapsed
    assert err.splitlines() == [message]
    assert out == "" and server.requests  # the request was made, and cut at the deadline


def test_timeout_holds_when_even_the_version_handshake_hangs(hung_engine):
    server, host = hung_engine
    server.answer_version = False
    started = time.monotonic()
    process = _swarmctl(("wait", "--timeout", "1s", "web"), _env(host))
    out, err = process.communicate(timeout=30)
    assert (process.returncode, out, err) == (124, "", NO_ANSWER + "\n")
    assert time.monotonic() - started < 10
    assert server.requests == [("GET", "/version")]


def test_a_request_timeout_is_one_docker_style_line():
    from swarmctl.cli.errors import unexpected_error_message

    request = requests.Request("GET", "http+docker://localhost/v1.41/services/web").prepare()
    error = requests.exceptions.ReadTimeout(
        "UnixHTTPConnectionPool(host='localhost', port=None): Read timed out. (read timeout=60)",
        request=request)
    assert unexpected_error_message(error, debug=False) == (
        'error during connect: Get "http+docker://localhost/v1.41/services/web": '
        "the engine did not answer in time")


# The request timeout, shortened for the test (60 s as shipped).
_SHORT_REQUEST_TIMEOUT = ("import sys, swarmctl.constants; swarmctl.constants.DEFAULT_TIMEOUT_SECONDS = 1; "
                          "from swarmctl.cli.main import console_main; sys.argv[0] = 'swarmctl'; "
                          "console_main()")


@pytest.mark.parametrize("stall_body, reason", [
    (False, "the engine did not answer in time"),
    (True, "the engine stopped answering in the middle of its answer (read timeout 1s)"),
])
def test_a_read_that_times_out_says_so_not_cannot_connect(hung_engine, stall_body, reason):
    server, host = hung_engine
    server.stall_body = stall_body
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", _SHORT_REQUEST_TIMEOUT, "ls"], env=_env(host),
                            capture_output=True, text=True, timeout=30)
    assert time.monotonic() - started < 10
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f'error during connect: Get "http+docker://localhost/v1.41/services?status=True": '
        f"{reason}\n")


def test_api_client_raises_answer_stalled_for_a_stalled_body(hung_engine):
    import swarmctl
    from swarmctl.errors import AnswerStalled

    server, host = hung_engine
    server.stall_body = True
    api = swarmctl.APIClient(base_url=host, version="1.41", timeout=0.5)
    try:
        with pytest.raises(AnswerStalled) as raised:
            api.services()
    finally:
        api.close()
    # What docker-py lets through for this (a ConnectionError) still catches it.
    assert isinstance(raised.value, requests.exceptions.ConnectionError)
    assert isinstance(raised.value, requests.exceptions.ReadTimeout)
    assert raised.value.timeout == 0.5
    assert str(raised.value).endswith("in the middle of its answer (read timeout 0.5s)")


def test_api_client_deadline_cuts_a_hung_request(hung_engine):
    import swarmctl
    from swarmctl.errors import DeadlineExceeded

    _, host = hung_engine
    api = swarmctl.APIClient(base_url=host, version="1.41")
    try:
        started = time.monotonic()
        with api.requests_deadline(time.monotonic() + 0.5), pytest.raises(DeadlineExceeded):
            api.inspect_service("web")
        assert time.monotonic() - started < 5
        with api.requests_deadline(time.monotonic() - 1), pytest.raises(DeadlineExceeded):
            api.inspect_service("web")  # past the deadline: not even sent
        assert api.request_deadline is None
    finally:
        api.close()


# -- signals ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGHUP, 129),
                                          (signal.SIGINT, 130)])
@pytest.mark.parametrize("args", [("wait", "web"), ("logs", "-f", "web")])
def test_sigterm_and_sighup_end_a_waiting_command_like_ctrl_c(hung_engine, signum, code, args):
    server, host = hung_engine
    process = _swarmctl(args, _env(host))
    deadline = time.monotonic() + 20
    while not server.requests and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.requests, "the command never reached the engine"
    process.send_signal(signum)
    out, err = process.communicate(timeout=20)
    assert process.returncode == code, err
    assert "Traceback" not in err and "internal error" not in err


def test_exit_code_of_a_terminating_signal():
    from swarmctl.cli import exitcodes, signals

    with pytest.raises(KeyboardInterrupt):
        signals._raise_terminated(signal.SIGTERM, None)
    try:
        assert signals.exit_code(exitcodes.INTERRUPTED) == exitcodes.TERMINATED
        assert signals.exit_code(exitcodes.OK) == exitcodes.OK  # ended anyway: the truth
    finally:
        signals._received = None
    assert signals.exit_code(exitcodes.INTERRUPTED) == exitcodes.INTERRUPTED


# -- refused before anything is sent -------------------------------------------------------------

@pytest.mark.parametrize("value, text", [("nan", "NaN"), ("inf", "+Inf"), ("-Inf", "-Inf")])
@pytest.mark.parametrize("command", [("create", "--update-max-failure-ratio", "{v}", "busybox"),
                                     ("create", "--rollback-max-failure-ratio", "{v}", "busybox"),
                                     ("update", "--update-max-failure-ratio", "{v}", "web"),
                                     ("update", "--rollback-max-failure-ratio", "{v}", "web")])
def test_ratios_json_cannot_carry_are_refused_before_sending(hung_engine, command, value, text):
    server, host = hung_engine
    args = [part.format(v=value) for part in command]
    result = invoke(args, env={"DOCKER_HOST": host, "DOCKER_CONTEXT": None,
                               "DOCKER_API_VERSION": None})
    assert (result.code, result.stdout) == (1, "")
    assert result.stderr == f"json: unsupported value: {text}\n"
    assert server.requests == []


@pytest.mark.parametrize("version, message", [
    ("junk", "swarmctl ls requires API version 1.24, but the Docker daemon API version is junk"),
    ("1.23", "swarmctl ls requires API version 1.24, but the Docker daemon API version is 1.23"),
    ("1.x", "swarmctl ls requires API version 1.24, but the Docker daemon API version is 1.x"),
    ("2.junk", 'invalid API version "2.junk" (DOCKER_API_VERSION): expected numbers such as 1.41'),
])
def test_a_malformed_api_version_is_one_line(version, message):
    result = invoke(["ls"], env={"DOCKER_HOST": "unix:///nonexistent/docker.sock",
                                 "DOCKER_CONTEXT": None, "DOCKER_API_VERSION": version})
    assert (result.code, result.stdout, result.stderr) == (1, "", message + "\n")


@pytest.mark.parametrize("host, message", [
    ("tcp://[::1", 'parse "tcp://[::1": missing \']\' in host'),
    ("[::1", 'parse "tcp://[::1": missing \']\' in host'),
    ("tcp://a[b", "invalid bind address format: a[b"),
    ("tcp://]", "invalid bind address format: ]"),
    ("tcp://[a]]:1", "invalid bind address format: [a]]:1"),
])
def test_hosts_go_cannot_parse(host, message):
    with pytest.raises(DockerException) as raised:
        parse_docker_host(host)
    assert str(raised.value) == message
    result = invoke(["ls"], env={"DOCKER_HOST": host, "DOCKER_CONTEXT": None})
    assert result.code == 1
    assert result.stderr == f"Failed to initialize: unable to resolve docker endpoint: {message}\n"


def test_bracketed_hosts_still_parse():
    assert parse_docker_host("tcp://[::1]:2376") == "tcp://[::1]:2376"
    assert parse_docker_host("[::1]:") == "tcp://[::1]:2375"


# An IPv6 zone (RFC 6874) in a host: Go's url.Parse takes it only escaped as %25, and the
# Docker CLI parses the host twice (opts.ParseTCPAddr, then its client, after the first parse
# has decoded the %25), so docker refuses every zone, in two wordings. Checked with docker 28.2.
RESOLVING = "Failed to initialize: unable to resolve docker endpoint: "
CONNECTING = "Failed to initialize: "
ZONE_HOSTS = [
    ("tcp://[fe80::1%eth0]:2375", RESOLVING + 'parse "tcp://[fe80::1%eth0]:2375": invalid URL escape "%et"'),
    ("[fe80::1%eth0]:2375", RESOLVING + 'parse "tcp://[fe80::1%eth0]:2375": invalid URL escape "%et"'),
    ("tcp://[fe80::1%eth0]", RESOLVING + 'parse "tcp://[fe80::1%eth0]": invalid URL escape "%et"'),
    ("tcp://[::1%lo]:2375/v", RESOLVING + 'parse "tcp://[::1%lo]:2375/v": invalid URL escape "%lo"'),
    ("tcp://[fe80::1%]:2375", RESOLVING + 'parse "tcp://[fe80::1%]:2375": invalid URL escape "%]:"'),
    ("tcp://[fe80::1%25e%0a]:1", RESOLVING + 'parse "tcp://[fe80::1%25e%0a]:1": invalid URL escape "%0a"'),
    ("tcp://[fe80::1%25eth0]", RESOLVING + "invalid bind address format: [fe80::1%25eth0]"),
    # escaped, the zone passes the first parse and fails the client's
    ("tcp://[fe80::1%25eth0]:2375", CONNECTING + 'parse "tcp://[fe80::1%eth0]:2375": invalid URL escape "%et"'),
    ("tcp://[fe80::1%25%65n0]:2375", CONNECTING + 'parse "tcp://[fe80::1%en0]:2375": invalid URL escape "%en"'),
    ("ssh://[fe80::1%eth0]:22", CONNECTING + 'parse "ssh://[fe80::1%eth0]:22": invalid URL escape "%et"'),
    # the same two parses refuse other hosts Go cannot read
    ("tcp://host%x:2375", RESOLVING + 'parse "tcp://host%x:2375": invalid URL escape "%x:"'),
    ("tcp://h%41:2375", RESOLVING + 'parse "tcp://h%41:2375": invalid URL escape "%41"'),
    ("tcp://a b:1", RESOLVING + 'parse "tcp://a b:1": invalid character " " in host name'),
    ("tcp://u{@h:1", RESOLVING + 'parse "tcp://u{@h:1": net/url: invalid userinfo'),
    ("tcp://h:1#%zz", RESOLVING + 'parse "tcp://h:1#%zz": invalid URL escape "%zz"'),
    ("unix:///tmp/a%zz.sock", CONNECTING + 'parse "unix:///tmp/a%zz.sock": invalid URL escape "%zz"'),
    ("fd://%zz", CONNECTING + 'parse "fd://%zz": invalid URL escape "%zz"'),
]


@pytest.mark.parametrize("host, line", ZONE_HOSTS)
def test_hosts_docker_refuses_with_an_ipv6_zone(host, line):
    for args, env in [(["ls"], {"DOCKER_HOST": host}), (["-H", host, "ls"], {"DOCKER_HOST": None}),
                      (["-H", host, "create", "busybox"], {"DOCKER_HOST": None})]:
        result = invoke(args, env=dict(env, DOCKER_CONTEXT=None))
        assert (result.code, result.stdout, result.stderr) == (1, "", line + "\n"), args


def test_a_context_whose_host_has_an_ipv6_zone_is_refused_when_connecting(tmp_path):
    from swarmctl.config.contextstore import context_id

    meta = tmp_path / "contexts" / "meta" / context_id("zone")
    meta.mkdir(parents=True)
    (meta / "meta.json").write_text(json.dumps({
        "Name": "zone", "Metadata": {},
        "Endpoints": {"docker": {"Host": "tcp://[fe80::1%eth0]:2375", "SkipTLSVerify": False}}}))
    result = invoke(["--context", "zone", "ls"],
                    env={"DOCKER_CONFIG": str(tmp_path), "DOCKER_HOST": None, "DOCKER_CONTEXT": None})
    assert (result.code, result.stderr) == (
        1, CONNECTING + 'parse "tcp://[fe80::1%eth0]:2375": invalid URL escape "%et"\n')


@pytest.mark.parametrize("host, expected", [
    ("tcp://[fe80::1%25%32%35x]:1", "tcp://[fe80::1%25x]:1"),  # decoded once: a valid zone
    ("tcp://a<b:1", "tcp://a<b:1"),  # Go's host allows < > and "
    ("tcp://h%c3%a9:2375/p%41th", "tcp://h\u00e9:2375/pAth"),
    ("tcp://user:pw@h:1", "tcp://h:1"),
])
def test_hosts_go_takes_are_decoded_as_docker_does(host, expected):
    assert parse_docker_host(host) == expected


def test_hosts_docker_refuses_are_refused_before_anything_loads_requests():
    code = ("import sys; from swarmctl.cli.main import run; code = run(['ls']); "
            "print(code, 'requests' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                            env=_env("tcp://[fe80::1%eth0]:2375"))
    assert result.stdout.split() == ["1", "False"]


@pytest.mark.parametrize("level", ["debug", "info", "warn", "warning", "error", "fatal", "WARN",
                                   "trace", "panic"])
def test_log_level_takes_dockers_levels(level):
    result = invoke(["-l", level, "ls"], env={"DOCKER_HOST": "unix:///nonexistent/docker.sock",
                                              "DOCKER_CONTEXT": None})
    assert result.code == 1
    assert result.stderr.startswith("Cannot connect to the Docker daemon at ")
    long_form = invoke([f"--log-level={level}", "ls"],
                       env={"DOCKER_HOST": "unix:///nonexistent/docker.sock", "DOCKER_CONTEXT": None})
    assert long_form.stderr == result.stderr


def test_log_level_refuses_others_as_docker():
    result = invoke(["-l", "bogus", "ls"], env={"DOCKER_HOST": "unix:///nonexistent/docker.sock",
                                                "DOCKER_CONTEXT": None})
    assert (result.code, result.stdout, result.stderr) == (
        1, "", "Unable to parse logging level: bogus\n")


# `swarmctl --log-level ls`: the value is `ls`, as for docker, which refuses it before anything
# else (exit 1). No value at all is a flag error (125); an empty one is docker's default level.
@pytest.mark.parametrize("args, line", [
    (["--log-level", "ls"], "Unable to parse logging level: ls"),
    (["--log-level", "ls", "ls"], "Unable to parse logging level: ls"),
    (["-l", "ls"], "Unable to parse logging level: ls"),
    (["-lls"], "Unable to parse logging level: ls"),
    (["--log-level", "service", "ls"], "Unable to parse logging level: service"),
    (["--log-level", " debug", "ls"], "Unable to parse logging level:  debug"),
])
def test_log_level_that_swallowed_the_command_is_refused_as_docker(args, line):
    result = invoke(args, env={"DOCKER_HOST": "unix:///nonexistent/docker.sock",
                               "DOCKER_CONTEXT": None})
    assert (result.code, result.stdout, result.stderr) == (1, "", line + "\n")


@pytest.mark.parametrize("args, line", [
    (["--log-level"], "flag needs an argument: --log-level"),
    (["-l"], "flag needs an argument: 'l' in -l"),
])
def test_log_level_without_a_value_is_a_flag_error(args, line):
    result = invoke(args, env={"DOCKER_CONTEXT": None})
    assert (result.code, result.stdout, result.stderr.splitlines()[0]) == (125, "", line)


def test_an_empty_log_level_is_the_default_as_for_docker():
    result = invoke(["--log-level", "", "ls"], env={"DOCKER_HOST": "unix:///nonexistent/docker.sock",
                                                    "DOCKER_CONTEXT": None})
    assert result.code == 1
    assert result.stderr.startswith("Cannot connect to the Docker daemon at ")


# -- a socket the user may not open (EACCES) ------------------------------------------------------
# root opens any socket, so the test drops the capabilities that let it (setpriv); the socket
# belongs to another user. The Docker CLI runs the same way as the oracle.

DROP_FILE_CAPABILITIES = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
# docker names the request it was making; swarmctl's first request is another one (/version)
_REQUEST = re.compile(r': (Get|Head|Post|Delete) "http://%2F[^"]*/[^"]*": ')


@pytest.fixture
def forbidden_socket(tmp_path):
    if os.geteuid() != 0 or not shutil.which("setpriv") or not shutil.which("docker"):
        if IN_CI:
            pytest.fail("this test needs root, setpriv and the Docker CLI")
        pytest.skip("needs root, setpriv and the Docker CLI")
    path = tmp_path / "docker.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(path))
        server.listen()
        os.chown(path, 65534, 65534)
        os.chmod(path, 0o600)
        yield f"unix://{path}", str(path)


def _without_file_capabilities(command, host):
    return subprocess.run([*DROP_FILE_CAPABILITIES, *command], capture_output=True, text=True,
                          timeout=60, env=_env(host))


@pytest.mark.parametrize("args", [("ls",), ("ps", "web"), ("rm", "web"), ("logs", "web"),
                                  ("create", "--name", "web", "busybox")])
def test_a_socket_the_user_may_not_open_is_dockers_permission_denied_line(forbidden_socket, args):
    host, path = forbidden_socket
    docker = _without_file_capabilities(["docker", "service", *args], host)
    ours = _without_file_capabilities([sys.executable, "-m", "swarmctl", *args], host)
    line = (f"permission denied while trying to connect to the Docker daemon socket at {host}"
            f": REQUEST: dial unix {path}: connect: permission denied\n")
    assert (docker.returncode, docker.stdout, _REQUEST.sub(": REQUEST: ", docker.stderr)) == (1, "", line)
    assert (ours.returncode, ours.stdout, _REQUEST.sub(": REQUEST: ", ours.stderr)) == (1, "", line)
    quoted_path = path.replace("/", "%2F")
    assert f'"http://{quoted_path}/' in ours.stderr


# -- a full disk ---------------------------------------------------------------------------------

@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("args", [("--version",), ("--help",)])
def test_output_to_a_full_disk_is_one_line(args):
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "swarmctl", *args], stdout=full,
                                stderr=subprocess.PIPE, text=True, timeout=60)
    assert (result.returncode, result.stderr) == (1, "write error: No space left on device\n")


# -- restart finds the spec changed by someone else -------------------------------------------

class _StoredService:
    """Just enough of an APIClient for restore_update_config: one stored service."""

    def __init__(self, spec):
        self.service = {"ID": "svc1", "Version": {"Index": 5}, "Spec": spec}
        self.written = []

    def inspect_service(self, service_id, insert_defaults=False):
        return json.loads(json.dumps(self.service))

    def update_service_spec(self, service_id, version, spec, registry_auth_from=None):
        self.written.append(spec)


def _restarted(**spec_changes):
    from swarmctl.cli.commands.restart import Restarted

    override = {"Parallelism": 2, "Delay": 6_000_000_000, "Monitor": 5_000_000_000}
    spec = {"Name": "web", "TaskTemplate": {"ForceUpdate": 1}, "UpdateConfig": dict(override)}
    spec.update(spec_changes)
    restarted = Restarted("web", "svc1", 1, {"Parallelism": 1, "Monitor": 5_000_000_000},
                          override)
    return _StoredService(spec), restarted


def test_restart_restores_its_own_rollout():
    from swarmctl.cli.commands.restart import restore_update_config

    api, restarted = _restarted()
    assert restore_update_config(api, restarted) == "restored"
    assert api.written[0]["UpdateConfig"] == {"Parallelism": 1, "Monitor": 5_000_000_000}


def test_restart_leaves_a_spec_someone_else_wrote_and_says_so(capsys):
    from swarmctl.cli import exitcodes
    from swarmctl.cli.commands.restart import _put_back, restore_update_config

    api, restarted = _restarted(TaskTemplate={"ForceUpdate": 2})  # `update --force` meanwhile
    assert restore_update_config(api, restarted) == "changed"
    _put_back(api, restarted, exitcodes.OK, quiet=False)
    assert api.written == []
    assert capsys.readouterr().err == (
        "web: the service was changed by someone else during the rollout, so the rollout's "
        "--parallelism/--delay stay in the service's update config; restore them with "
        "`swarmctl update --update-parallelism 1 --update-delay 0s web`\n")


def test_restart_is_silent_when_its_override_is_gone():
    from swarmctl.cli.commands.restart import restore_update_config

    api, restarted = _restarted(UpdateConfig={"Parallelism": 4})  # someone set their own
    assert restore_update_config(api, restarted) == "left"
    assert api.written == []


# -- references with dot segments ----------------------------------------------------------------

def test_the_engines_path_cleaning_redirect_is_followed_method_kept(fake_engine):
    # The engine answers /services/a/../b with a redirect to the cleaned path; docker follows
    # it (`docker service rm a/../b` removes b), and so does the client over a unix socket.
    fake_engine.reply("DELETE", "/v1.41/services/a/../b", status=301, text="",
                      headers={"Location": "/v1.41/services/b"})
    fake_engine.reply("DELETE", "/v1.41/services/b", text="")
    api = fake_engine.api_client()
    assert api.remove_service("a/../b") is True
    assert [(sent.method, sent.path) for sent in fake_engine.sent] == [
        ("DELETE", "/v1.41/services/a/../b"), ("DELETE", "/v1.41/services/b")]


# -- an engine that is not there at all ----------------------------------------------------------
# docker goes on when its version handshake fails, so each command meets the failure where it
# makes its first request: inspect still prints what finding nothing prints ("[]"), scale
# names each service. The Docker CLI is the oracle, with and without a pinned API version.

UNREACHABLE_CASES = [
    ("inspect", "a", "b"), ("inspect", "--format", "json", "a"), ("inspect", "-f", "{{.ID}}", "a", "b"),
    ("inspect", "-f", "{{.ID", "a"), ("inspect", "--pretty", "a", "b"), ("scale", "a=1", "b=2"),
    ("scale", "a=1", "b=x"), ("scale", "-d", "a=1", "a=2"), ("ls",), ("ps", "a", "b"), ("rm", "a", "b"),
    ("logs", "a"), ("create", "--name", "a", "busybox"), ("update", "--env-add", "A=1", "a"),
    ("rollback", "a"),
]


@pytest.mark.parametrize("pinned", [None, "1.41"], ids=["negotiated", "pinned"])
@pytest.mark.parametrize("args", UNREACHABLE_CASES, ids=" ".join)
def test_an_engine_that_is_not_there_reads_as_in_docker(tmp_path, args, pinned):
    if not shutil.which("docker"):
        if IN_CI:
            pytest.fail("this test needs the Docker CLI")
        pytest.skip("needs the Docker CLI")
    env = _env(f"unix://{tmp_path}/no-engine.sock")
    env.pop("DOCKER_API_VERSION", None)
    if pinned:
        env["DOCKER_API_VERSION"] = pinned
    docker = subprocess.run(["docker", "service", *args], capture_output=True, text=True,
                            timeout=60, env=env)
    ours = subprocess.run([sys.executable, "-m", "swarmctl", *args], capture_output=True,
                          text=True, timeout=60, env=env)
    # (a template that does not parse is refused before any request, by both)
    assert docker.returncode == 1 and ("Cannot connect to the Docker daemon" in docker.stderr
                                       or args[:2] == ("inspect", "-f"))
    assert (ours.returncode, ours.stdout, ours.stderr) == (docker.returncode, docker.stdout,
                                                           docker.stderr)
