"""``swarmctl logs`` against the real Docker CLI (``docker service logs``) on the same services.

stdout and stderr are compared separately, byte for byte. The engine interleaves the
tasks of a service in a different order from one request to the next (per-task blocks,
not time order), so for services with several tasks the outputs are compared as per-task
sequences: the output is cut at every task prefix and the pieces are grouped by prefix
(``by_task``); each task's sequence must be identical, and together they must make up the
whole output. Single-task services and task targets are compared as whole byte strings.

Engine quirk (moby 20.10.24) met here: a non-follow log request on a service whose tasks
logged lines longer than 16 KiB sometimes stalls forever after the first task (docker
hangs the same way). Long lines therefore live in a one-task service, and every
non-follow run is retried after a timeout (``run_logs``).
"""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from urllib.parse import parse_qs, urlparse

import pytest

from tests.helpers import IMAGE, wait_for

pytestmark = pytest.mark.engine

CONTENT_REPLICAS = 10
CONTENT = r"""
echo "first line of task $SLOT"
echo "  two leading blanks"
echo
printf '%s\n' 'ünïcödé ✓ 日本語 — 🐳'
echo "stderr line of task $SLOT" >&2
printf 'tab\there\tand a \\ backslash\n'
printf 'multi\nline\nblock\n'
echo "second stderr line" >&2
printf 'no newline at end'
"""
LONG = r"""
echo before
head -c 70000 /dev/zero | tr '\0' x; echo
head -c 20000 /dev/zero | tr '\0' y >&2; echo >&2
echo after
printf 'tail without newline'
"""
TICKER = 'trap "exit 0" TERM; i=0; while true; do i=$((i+1)); echo "tick $i"; echo "tock $i" >&2; sleep 0.2; done'
BIG_LINES = 200_000
TS = rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z "


# -- running the two CLIs ---------------------------------------------------------------------

@dataclass
class Result:
    code: int
    stdout: bytes
    stderr: bytes


def swarmctl(*args):
    return [sys.executable, "-m", "swarmctl", *args]


def docker(*args):
    return ["docker", "service", *args]


def run(cmd, env, timeout=60):
    done = subprocess.run(cmd, env=env, capture_output=True, timeout=timeout, check=False)
    return Result(done.returncode, done.stdout, done.stderr)


def run_logs(env, cmd, timeout=40, attempts=3):
    """A non-follow ``logs``; retried when the engine stalls (see the module docstring)."""
    for attempt in range(attempts):
        try:
            return run(cmd, env, timeout=timeout)
        except subprocess.TimeoutExpired:
            if attempt == attempts - 1:
                raise


def both(env, *args, timeout=40):
    return run_logs(env, docker("logs", *args), timeout), run_logs(env, swarmctl("logs", *args), timeout)


def as_swarmctl(text: bytes) -> bytes:
    """docker's messages with swarmctl's program name (the only intended difference)."""
    return text.replace(b"docker service logs", b"swarmctl logs").replace(b"docker:", b"swarmctl:")


def by_task(output: bytes, labels, timestamps=False):
    """{task prefix: [piece, ...]}: the output cut at every prefix of a task of ``labels``
    (service names or IDs). Asserts the prefixes cover the whole output."""
    names = b"|".join(re.escape(label.encode()) for label in labels)
    pattern = re.compile((b"(" + TS + b")?" if timestamps else b"()")
                         + rb"((?:" + names + rb")\.\d+(?:\.[0-9a-z]+)?@\S+ *    \| )")
    matches = list(pattern.finditer(output))
    assert output == b"" or (matches and matches[0].start() == 0), output[:200]
    groups = {}
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(output)
        groups.setdefault(match.group(2), []).append((match.group(1) or b"") + output[match.end():end])
    return groups


def by_details_token(output: bytes, first_key: bytes):
    """``--raw --details`` output grouped by the details token (it names the task); the
    token starts with ``first_key`` (the first attribute in key order)."""
    pattern = re.compile(b"(?:" + TS + b")?(" + re.escape(first_key) + rb"\S*) ")
    matches = list(pattern.finditer(output))
    assert output == b"" or (matches and matches[0].start() == 0), output[:200]
    groups = {}
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(output)
        groups.setdefault(match.group(1), []).append(output[match.start():end])
    return groups


class RecordingProxy:
    """A unix-socket proxy in front of the engine that records every request line."""

    _REQUEST = re.compile(rb"(GET|HEAD|POST|DELETE|PUT) (\S+) HTTP/1\.[01]")

    def __init__(self, upstream):
        self.upstream = upstream
        self.dir = tempfile.mkdtemp(prefix="swarmctl-logs-proxy-")
        self.path = os.path.join(self.dir, "docker.sock")
        self.host = "unix://" + self.path
        self.requests = []
        self._lock = threading.Lock()
        self._server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._server.bind(self.path)
        self._server.listen(64)
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            upstream.connect(self.upstream)
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, source, sink, record):
        pending = b""
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                if record:
                    *lines, pending = (pending + data).split(b"\r\n")
                    pending = pending[-4096:]
                    with self._lock:
                        for line in lines:
                            match = self._REQUEST.fullmatch(line)
                            if match:
                                self.requests.append((match.group(1).decode(), match.group(2).decode()))
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (sink, source):
                try:
                    end.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def take(self):
        with self._lock:
            taken, self.requests = self.requests, []
        return taken

    def close(self):
        self._server.close()
        try:
            os.unlink(self.path)
            os.rmdir(self.dir)
        except OSError:
            pass


class Follower:
    """A ``logs -f`` subprocess whose stdout/stderr lines are collected as they arrive."""

    def __init__(self, cmd, env):
        self.proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.out, self.err = [], []
        self.count = 0
        self._threads = [threading.Thread(target=self._read, args=(self.proc.stdout, self.out), daemon=True),
                         threading.Thread(target=self._read, args=(self.proc.stderr, self.err), daemon=True)]
        for thread in self._threads:
            thread.start()

    def _read(self, stream, into):
        for line in stream:
            into.append((time.monotonic(), line))

    def wait_lines(self, n, timeout=30, stream="out"):
        lines = self.out if stream == "out" else self.err
        wait_for(lambda: len(lines) >= n, timeout=timeout, interval=0.05,
                 message=f"{n} lines on {stream}")
        return [line for _, line in lines]

    def interrupt(self, timeout=15):
        self.proc.send_signal(signal.SIGINT)
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise
        for thread in self._threads:
            thread.join(timeout=5)
        return code

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


# -- the services -----------------------------------------------------------------------------

@dataclass
class Lab:
    env: dict
    content: str
    content_id: str
    long: str
    big: str
    tick: str
    doomed: str
    tty: str
    glob: str


def _create(engine, name, *flags_and_command):
    engine.docker("service", "create", "-d", "-q", "--name", name, *flags_and_command)


def _states(engine, name):
    out = engine.docker("service", "ps", name, "--format", "{{.CurrentState}}", check=False).stdout
    return out.split("\n")[:-1]


def _all_complete(engine, name, count):
    states = _states(engine, name)
    return len(states) == count and all(state.startswith("Complete") for state in states)


def _ticking(engine, name):
    logged = engine.docker("service", "logs", "--tail", "10", name, check=False, timeout=20)
    return logged.stdout.count("tick") >= 2


@pytest.fixture(scope="module")
def lab(engine):
    tag = os.urandom(3).hex()
    prefixes = {"content": "lgc", "long": "lgl", "big": "lgb", "tick": "lgt", "doomed": "lgd",
                "tty": "lgy", "glob": "lgg"}
    names = {key: f"{prefix}-{tag}" for key, prefix in prefixes.items()}
    once = ("--restart-condition", "none")
    try:
        _create(engine, names["content"], "--replicas", str(CONTENT_REPLICAS), *once,
                "--env", "SLOT={{.Task.Slot}}", "--env", "GREETING=hello",
                "--container-label", "com.example.log=yes, really",
                "--log-driver", "json-file", "--log-opt", "env=GREETING",
                "--log-opt", "labels=com.example.log", IMAGE, "sh", "-c", CONTENT)
        _create(engine, names["long"], *once, IMAGE, "sh", "-c", LONG)
        _create(engine, names["big"], *once, IMAGE, "seq", "1", str(BIG_LINES))
        _create(engine, names["tick"], IMAGE, "sh", "-c", TICKER)
        _create(engine, names["doomed"], IMAGE, "sh", "-c", TICKER)
        _create(engine, names["tty"], *once, "--tty", IMAGE, "sh", "-c",
                "echo tty line; printf 'second line\\n'")
        _create(engine, names["glob"], *once, "--mode", "global", IMAGE, "sh", "-c",
                "echo global hello; echo global err >&2")
        for key, count in (("content", CONTENT_REPLICAS), ("long", 1), ("big", 1), ("tty", 1), ("glob", 1)):
            wait_for(lambda name=names[key], count=count: _all_complete(engine, name, count),
                     timeout=90, message=f"{names[key]} complete")
        for key in ("tick", "doomed"):
            wait_for(lambda name=names[key]: _ticking(engine, name), timeout=60,
                     message=f"{names[key]} ticking")
        content_id = engine.docker("service", "inspect", "-f", "{{.ID}}", names["content"]).stdout.strip()
        yield Lab(env=engine.env(), content_id=content_id, **names)
    finally:
        engine.docker("service", "rm", *names.values(), check=False)


def _task_ids(engine, service):
    return engine.docker("service", "ps", "-q", "--no-trunc", service).stdout.split()


# -- whole output, several tasks --------------------------------------------------------------

FLAG_SETS = [
    (),
    ("--no-trunc",),
    ("--no-task-ids",),
    ("--no-resolve",),
    ("--details",),
    ("-t",),
    ("-t", "--details"),
    ("--tail", "2"),
    ("-n", "1"),
    ("--tail", "0"),
    ("--since", "2000-01-01"),
    ("--since", "2000-01-01T00:00:00Z"),
    ("--since", "946684800"),
    ("--since", "24h"),
    ("--no-trunc", "--no-task-ids", "--no-resolve", "--details", "-t"),
    ("--follow=false", "--raw=false"),
]


@pytest.mark.parametrize("flags", FLAG_SETS, ids=lambda f: " ".join(f) or "default")
def test_several_tasks_match_docker_per_task(lab, flags):
    theirs, ours = both(lab.env, *flags, lab.content)
    assert (ours.code, theirs.code) == (0, 0), ours.stderr
    labels = [lab.content, lab.content_id]
    timestamps = "-t" in flags
    for stream in ("stdout", "stderr"):
        expected = by_task(getattr(theirs, stream), labels, timestamps)
        got = by_task(getattr(ours, stream), labels, timestamps)
        assert got == expected, stream
        assert len(getattr(ours, stream)) == len(getattr(theirs, stream))
    if flags == ():
        assert len(by_task(ours.stdout, labels)) == CONTENT_REPLICAS
        # padding: 10 replicas -> slots 1-9 get one more blank than slot 10
        prefixes = set(by_task(ours.stdout, labels))
        assert any(re.match(rb".*\.10\.\w{12}@\S+    \| $", p) for p in prefixes)
        assert any(re.match(rb".*\.3\.\w{12}@\S+     \| $", p) for p in prefixes)


def test_details_are_decoded_and_sorted_like_docker(lab):
    theirs, ours = both(lab.env, "--details", "--tail", "1", lab.content)
    assert ours.stdout.count(b"| GREETING=hello,com.example.log=yes, really ") == CONTENT_REPLICAS
    assert by_task(ours.stdout, [lab.content]) == by_task(theirs.stdout, [lab.content])


@pytest.mark.parametrize("flags", [("--raw", "--details"), ("--raw", "--details", "-t")],
                         ids=lambda f: " ".join(f))
def test_raw_details_match_docker_per_task(lab, flags):
    theirs, ours = both(lab.env, *flags, lab.content)
    assert (ours.code, theirs.code) == (0, 0)
    for stream in ("stdout", "stderr"):
        got = by_details_token(getattr(ours, stream), b"GREETING=hello,")
        assert got == by_details_token(getattr(theirs, stream), b"GREETING=hello,")
        assert len(got) == CONTENT_REPLICAS
        assert all(b"com.example.log=yes%2C+really" in key for key in got)


def test_raw_has_no_prefix_and_same_lines(lab):
    # Without the details nothing names the task, and the unterminated last line of one
    # task runs into the first line of whichever task the engine sends next: compare the
    # lines as multisets after cutting after that known text (docker's order varies too).
    theirs, ours = both(lab.env, "--raw", lab.content)
    assert (ours.code, theirs.code) == (0, 0)

    def lines(data):
        return sorted(data.replace(b"no newline at end", b"no newline at end\n").splitlines())

    assert lines(ours.stdout) == lines(theirs.stdout)
    assert lines(ours.stderr) == lines(theirs.stderr)
    assert b"@" not in ours.stdout and ours.stdout.count(b"first line of task") == CONTENT_REPLICAS


# -- one task: byte for byte ------------------------------------------------------------------

@pytest.mark.parametrize("flags", [(), ("-t",), ("--details",), ("--raw",), ("--raw", "-t"),
                                   ("--no-trunc", "--no-resolve"), ("--tail", "3")],
                         ids=lambda f: " ".join(f) or "default")
def test_long_lines_are_byte_identical(lab, flags):
    theirs, ours = both(lab.env, *flags, lab.long)
    assert (ours.code, ours.stdout, ours.stderr) == (theirs.code, theirs.stdout, theirs.stderr)
    if flags == ():
        # the engine cut the 70000-byte line in 16 KiB pieces: one prefix per piece
        assert ours.stdout.count(b"    | ") == 1 + 5 + 2
        assert ours.stdout.endswith(b"| tail without newline")


def test_combined_streams_keep_dockers_order(lab):
    command = "{} logs {} 2>&1"
    theirs = run_logs(lab.env, ["sh", "-c", command.format("docker service", lab.long)])
    ours = run_logs(lab.env, ["sh", "-c", command.format(f"{sys.executable} -m swarmctl", lab.long)])
    assert ours.stdout == theirs.stdout
    assert b"y" * 100 in ours.stdout


def test_in_process_run_is_identical(lab, cli):
    theirs = run_logs(lab.env, docker("logs", lab.glob))
    ours = cli("logs", lab.glob)
    assert (ours.code, ours.stdout.encode(), ours.stderr.encode()) == (0, theirs.stdout, theirs.stderr)


def test_global_service_prints_slot_zero(lab):
    theirs, ours = both(lab.env, lab.glob)
    assert (ours.code, ours.stdout, ours.stderr) == (theirs.code, theirs.stdout, theirs.stderr)
    assert re.fullmatch(rb"lgg-\w+\.0\.\w{12}@\S+    \| global hello\n", ours.stdout)


def test_task_targets_are_byte_identical(engine, lab):
    task_id = _task_ids(engine, lab.content)[0]
    slot = engine.docker("inspect", "-f", "{{.Slot}}", task_id).stdout.strip()
    task_name = f"{lab.content}.{slot}.{task_id}"
    outputs = []
    for target in (task_id, task_id[:10], task_name):
        for flags in ((), ("-t", "--details"), ("--raw",)):
            theirs, ours = both(lab.env, *flags, target)
            assert (ours.code, ours.stdout, ours.stderr) == (theirs.code, theirs.stdout, theirs.stderr)
            assert ours.code == 0
            outputs.append(ours.stdout)
    # a task target gets no padding, whatever the service's replica count
    prefix = f"{lab.content}.{slot}.{task_id[:12]}@".encode()
    assert outputs[0].startswith(prefix)
    assert re.match(rb"\S+@\S+    \| first line of task", outputs[0])


def test_tty_service_needs_raw_and_raw_is_byte_identical(lab):
    theirs, ours = both(lab.env, "--raw", lab.tty)
    assert (ours.code, ours.stdout, ours.stderr) == (theirs.code, theirs.stdout, theirs.stderr)
    assert ours.stdout == b"tty line\r\nsecond line\r\n"
    theirs, ours = both(lab.env, lab.tty)
    assert (ours.code, ours.stdout) == (theirs.code, theirs.stdout) == (1, b"")
    assert ours.stderr == theirs.stderr == b"tty service logs only supported with --raw\n"


# -- errors -----------------------------------------------------------------------------------

def _error_cases(lab, task_id):
    return [
        (),
        (lab.content, "extra"),
        ("nosuch-service-xyz",),
        ("",),
        ("  ",),
        ("--bogus", lab.content),
        ("-z", lab.content),
        ("--tail",),
        ("--raw=maybe", lab.content),
        ("--tail", "x", lab.content),
        ("--tail", "-1", lab.content),
        ("--since", "yesterday", lab.content),
        ("--since", "2013-13-01", lab.content),
        ("--since", "2013-1-02", lab.content),
        ("--since", "2013-01-02T10:00:00+1:00", lab.content),
        ("--since", "yesterday", "nosuch-service-xyz"),   # resolution fails first
        ("--since", "yesterday", lab.tty),                # then the TTY check
        ("--since", "yesterday", task_id),                # a task: no 'invalid value' prefix
        ("--since", "2013-13-01", task_id),
        (" " + task_id,),                                  # inspect trims, the log call does not
        ("--since", "0000-01-01T00:00:00Z", lab.glob),    # refused by the engine
    ]


def test_errors_match_docker(engine, lab):
    task_id = _task_ids(engine, lab.content)[0]
    for args in _error_cases(lab, task_id):
        theirs, ours = both(lab.env, *args)
        assert ours.code == theirs.code, args
        assert ours.stdout == theirs.stdout, args
        assert ours.stderr == as_swarmctl(theirs.stderr), args
        assert b"Traceback" not in ours.stderr


# -- --since and requests, seen on the wire ---------------------------------------------------

@pytest.fixture
def proxy(engine):
    recorder = RecordingProxy(engine.host[len("unix://"):])
    yield recorder
    recorder.close()


def _logs_query(requests):
    paths = [path for method, path in requests if method == "GET" and "/logs" in path]
    assert len(paths) == 1, requests
    return parse_qs(urlparse(paths[0]).query)


SINCE_VALUES = ["2013-01-02", "2013-01-02T13:23:37Z", "2013-01-02T13:23:37", "2013-01-02T13",
                "2013-01-02T13:23:37.123456789Z", "2013-01-02T13:23:37,5", "2013-01-02T13:23:37-01:30",
                "2013-01-02+01:00", "1136073600.000000001", "+5", "0", "1.5"]


@pytest.mark.parametrize("tz", ["UTC", "Asia/Kolkata"])
def test_since_sends_what_docker_sends(lab, proxy, tz):
    env = dict(lab.env, DOCKER_HOST=proxy.host, TZ=tz)
    for value in SINCE_VALUES + ["10m", "1h30m", "-10m"]:
        sent = []
        for cmd in (docker("logs", "--since", value, lab.glob), swarmctl("logs", "--since", value, lab.glob)):
            result = run_logs(env, cmd)
            assert result.code == 0, (value, result.stderr)
            query = _logs_query(proxy.take())
            sent.append(query["since"][0])
            assert {k: v for k, v in query.items() if k != "since"} == {
                "details": ["1"], "stderr": ["1"], "stdout": ["1"], "tail": ["all"]}
        theirs, ours = sent
        if value[-1] in "mh":  # relative: now - d, whole seconds, taken a moment apart
            assert abs(int(ours) - int(theirs)) <= 5, value
        else:
            assert ours == theirs, value


def test_query_flags_match_docker(lab, proxy):
    env = dict(lab.env, DOCKER_HOST=proxy.host)
    for flags in (("--raw",), ("--raw", "--details", "-t"), ("-n", "5"), ("--tail", "all")):
        queries = []
        for cmd in (docker("logs", *flags, lab.glob), swarmctl("logs", *flags, lab.glob)):
            assert run_logs(env, cmd).code == 0
            queries.append(_logs_query(proxy.take()))
        assert queries[1] == queries[0], flags


def _lookups(requests):
    gets = [path.split("?")[0] for method, path in requests if method == "GET"]
    return {kind: [p for p in gets if re.search(rf"/{kind}/[^/]+$", p)] for kind in ("tasks", "nodes", "services")}


def test_name_lookups_do_not_grow_with_lines(lab, proxy):
    env = dict(lab.env, DOCKER_HOST=proxy.host)
    run_logs(env, docker("logs", lab.content))
    theirs = _lookups(proxy.take())
    run_logs(env, swarmctl("logs", lab.content))
    ours = _lookups(proxy.take())
    # docker: 1 GET /tasks/<id> per task that logged, 1 per node, 1 per service (+ target)
    assert len(theirs["tasks"]) == len(set(theirs["tasks"])) == CONTENT_REPLICAS
    assert sorted(ours["tasks"]) == sorted(theirs["tasks"])
    assert len(ours["nodes"]) == 1 and len(ours["services"]) <= len(theirs["services"])
    # 200,000 lines: still one look-up per task/node (the service is the target itself)
    result = run_logs(env, swarmctl("logs", "--tail", "all", lab.big), timeout=120)
    assert result.code == 0
    big = _lookups(proxy.take())
    assert (len(big["tasks"]), len(big["nodes"]), len(big["services"])) == (1, 1, 1)


# -- 200,000 lines ----------------------------------------------------------------------------

def test_big_log_is_identical_and_fast(lab):
    started = time.monotonic()
    theirs = run_logs(lab.env, docker("logs", "--tail", "all", lab.big), timeout=120)
    docker_seconds = time.monotonic() - started
    started = time.monotonic()
    ours = run_logs(lab.env, swarmctl("logs", "--tail", "all", lab.big), timeout=120)
    our_seconds = time.monotonic() - started
    print(f"\n200,000 lines: docker {docker_seconds:.2f} s, swarmctl {our_seconds:.2f} s")
    assert (ours.code, ours.stderr) == (0, b"")
    assert ours.stdout.count(b"\n") == BIG_LINES
    assert ours.stdout == theirs.stdout
    assert our_seconds < max(60.0, 5 * docker_seconds)  # not a benchmark: a sanity bound


def test_piped_into_head_ends_quietly(lab):
    for follow in ((), ("-f",)):
        cmd = f"{sys.executable} -m swarmctl logs {' '.join(follow)} {lab.big} | head -1"
        result = run(["sh", "-c", cmd], lab.env, timeout=60)
        assert result.code == 0
        assert re.fullmatch(rb"lgb-\w+\.1\.\w{12}@\S+    \| 1\n", result.stdout)
        assert result.stderr == b""


# -- -f ---------------------------------------------------------------------------------------

def _tick_number(line):
    return int(line.rsplit(b" ", 1)[1])


def test_follow_streams_new_lines_as_they_come(lab):
    follower = Follower(swarmctl("logs", "-f", "--tail", "1", lab.tick), lab.env)
    try:
        lines = follower.wait_lines(8)
        errs = follower.wait_lines(3, stream="err")
        stamps = [stamp for stamp, _ in follower.out[:8]]
        numbers = [_tick_number(line) for line in lines[:8]]
        assert numbers == list(range(numbers[0], numbers[0] + 8))  # nothing lost, in order
        assert stamps[-1] - stamps[1] > 0.8  # lines arrived one by one (0.2 s apart)
        assert all(b"    | tick " in line for line in lines)
        assert all(b"    | tock " in line for line in errs)
        reference = run_logs(lab.env, docker("logs", "--tail", "4", lab.tick)).stdout
        assert lines[0].split(b"| ")[0] == reference.split(b"| ")[0]  # same prefix as docker
    finally:
        code = follower.interrupt()
    assert code == 130


@pytest.mark.parametrize("tool", ["docker", "swarmctl"])
def test_follow_ctrl_c_exits_130_without_a_traceback(lab, tool):
    cmd = (docker if tool == "docker" else swarmctl)("logs", "-f", "--tail", "1", lab.tick)
    follower = Follower(cmd, lab.env)
    try:
        follower.wait_lines(3)
        code = follower.interrupt()
    finally:
        follower.kill()
    assert code == 130
    assert all(re.fullmatch(rb"lgt-\w+\.1\.\w{12}@\S+    \| tock \d+\n", line) for _, line in follower.err), follower.err


@pytest.mark.parametrize("tool", ["docker", "swarmctl"])
def test_follow_into_head_ends_with_head(lab, tool):
    program = "docker service" if tool == "docker" else f"{sys.executable} -m swarmctl"
    result = run(["sh", "-c", f"{program} logs -f --tail 1 {lab.tick} | head -1"], lab.env, timeout=30)
    assert result.code == 0
    assert re.fullmatch(rb"lgt-\w+\.1\.\w{12}@\S+    \| tick \d+\n", result.stdout)
    for line in result.stderr.splitlines():
        assert re.fullmatch(rb"lgt-\w+\.1\.\w{12}@\S+    \| tock \d+", line), result.stderr


def _quiet_for(followers, seconds):
    now = time.monotonic()
    return all(not follower.out or now - follower.out[-1][0] >= seconds for follower in followers)


def test_follow_of_a_removed_service_waits_like_docker(engine, lab):
    # The engine keeps the stream open after the service is removed; docker keeps waiting
    # (until Ctrl-C, rc 130), and so does swarmctl.
    followers = [Follower(docker("logs", "-f", "--tail", "1", lab.doomed), lab.env),
                 Follower(swarmctl("logs", "-f", "--tail", "1", lab.doomed), lab.env)]
    try:
        for follower in followers:
            follower.wait_lines(2)
        engine.docker("service", "rm", lab.doomed)
        # the task stops within a moment (its shell exits on SIGTERM); then nothing comes
        wait_for(lambda: _quiet_for(followers, 1.5), timeout=20, interval=0.1,
                 message="the streams to go quiet")
        counts = [len(follower.out) for follower in followers]
        time.sleep(2.0)
        for follower, count in zip(followers, counts):
            assert follower.proc.poll() is None       # still waiting, like docker
            assert len(follower.out) == count
        codes = [follower.interrupt() for follower in followers]
    finally:
        for follower in followers:
            follower.kill()
    assert codes == [130, 130]
    for follower in followers:
        assert all(re.fullmatch(rb"lgd-\w+\.1\.\w{12}@\S+    \| tock \d+\n", line)
                   for _, line in follower.err), follower.err


def _rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS")


def test_follow_memory_stays_flat(lab):
    follower = Follower(swarmctl("logs", "-f", "--tail", "all", lab.big), lab.env)
    try:
        follower.wait_lines(20_000, timeout=60)
        early = _rss_kib(follower.proc.pid)
        follower.wait_lines(BIG_LINES - 5_000, timeout=120)
        late = _rss_kib(follower.proc.pid)
        follower.wait_lines(BIG_LINES, timeout=60)
    finally:
        code = follower.interrupt()
    print(f"\nlogs -f RSS: {early} KiB after 20,000 lines, {late} KiB after {BIG_LINES - 5_000}")
    assert code == 130
    # ~30 MB of frames (~10 MB of output) passed between the two samples.
    assert late - early < 6 * 1024


# -- 3-node swarm -----------------------------------------------------------------------------

@pytest.mark.multinode
def test_logs_from_worker_tasks(swarm3):
    manager = swarm3.manager
    name = f"lgw-{os.urandom(3).hex()}"
    manager.docker("service", "create", "-d", "-q", "--name", name, "--mode", "global",
                   "--restart-condition", "none", IMAGE, "sh", "-c",
                   "echo hello from $(hostname); echo err from $(hostname) >&2")
    try:
        wait_for(lambda: _all_complete(manager, name, 3), timeout=90, message="3 global tasks complete")
        env = manager.env()
        service_id = manager.docker("service", "inspect", "-f", "{{.ID}}", name).stdout.strip()
        for flags in ((), ("--no-resolve",), ("-t", "--no-trunc")):
            theirs, ours = both(env, *flags, name)
            assert (ours.code, theirs.code) == (0, 0), ours.stderr
            for stream in ("stdout", "stderr"):
                expected = by_task(getattr(theirs, stream), [name, service_id], "-t" in flags)
                got = by_task(getattr(ours, stream), [name, service_id], "-t" in flags)
                assert got == expected
                assert len(got) == 3
            if not flags:
                nodes = sorted(re.findall(rb"@(\S+)    \| hello from ", ours.stdout))
                assert nodes == [b"swarmctl-node1", b"swarmctl-node2", b"swarmctl-node3"]
            if flags == ("--no-resolve",):
                assert ours.stdout.count(service_id.encode() + b".0.") == 3
                assert b"swarmctl-node2    |" not in ours.stdout
    finally:
        manager.docker("service", "rm", name, check=False)
