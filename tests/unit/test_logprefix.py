"""Table-driven tests for the pieces of ``swarmctl logs`` that need no engine.

* ``swarmctl.output.logprefix``: the task prefix, the details token, docker's error texts;
* ``swarmctl.cli.commands.logs``: the frame copier (chunk boundaries, stream ids, flush
  order).

``--since`` parsing is tested in tests/unit/service/test_timestamps.py. The expected values
were taken from the Docker CLI 28.2.2 itself: the error texts are what it printed.
"""
import io
import struct

import pytest

from swarmctl.cli.commands import logs
from swarmctl.errors import DaemonStreamError
from swarmctl.output import logprefix as P
from swarmctl.output.logprefix import LogFormatError

NODE = "4vu63jt553d0qw3ue1t23sehl"
SERVICE = "s33osacib29ejekzmw7lcii5j"
TASK = "18jv4hz2z6bxhosgi65dj1p0i"
TOKEN = (f"com.docker.swarm.node.id={NODE},com.docker.swarm.service.id={SERVICE},"
         f"com.docker.swarm.task.id={TASK}").encode()


# -- the context label --------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, slot, expected", [
    ({}, 1, "web.1.18jv4hz2z6bx@node1"),
    ({"width": 2}, 2, "web.2.18jv4hz2z6bx@node1 "),       # 10 replicas: slots line up
    ({"width": 2}, 10, "web.10.18jv4hz2z6bx@node1"),
    ({"width": 3}, 7, "web.7.18jv4hz2z6bx@node1  "),
    ({"width": 1}, 12, "web.12.18jv4hz2z6bx@node1"),       # never negative
    ({"width": 1}, 0, "web.0.18jv4hz2z6bx@node1"),         # global / job: slot 0 printed
    ({"no_trunc": True}, 1, f"web.1.{TASK}@node1"),
    ({"no_task_ids": True}, 1, "web.1@node1"),
    ({"no_task_ids": True, "no_trunc": True, "width": 2}, 3, "web.3@node1 "),
])
def test_context_label(kwargs, slot, expected):
    assert P.context_label("web", slot, TASK, "node1", **kwargs) == expected


@pytest.mark.parametrize("task_id, expected", [
    (TASK, "18jv4hz2z6bx"),
    ("short", "short"),
    ("sha256:0123456789abcdef0123", "0123456789ab"),
    ("", ""),
])
def test_truncate_id(task_id, expected):
    assert P.truncate_id(task_id) == expected


@pytest.mark.parametrize("spec, width", [
    ({"Mode": {"Replicated": {"Replicas": 3}}}, 1),
    ({"Mode": {"Replicated": {"Replicas": 10}}}, 2),
    ({"Mode": {"Replicated": {"Replicas": 0}}}, 1),
    ({"Mode": {"Replicated": {"Replicas": 100}}}, 3),
    ({"Mode": {"Replicated": {}}}, 1),
    ({"Mode": {"Global": {}}}, 1),
    ({"Mode": {"ReplicatedJob": {"MaxConcurrent": 20, "TotalCompletions": 20}}}, 1),
    ({}, 1),
])
def test_service_width(spec, width):
    assert P.service_width(spec) == width


# -- details ------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    (b"plain", b"plain"),
    (b"a+b", b"a b"),
    (b"yes%2C+really", b"yes, really"),
    (b"%41%62%7e", b"Ab~"),
    (b"%c3%bc", "ü".encode()),
    (b"%2b", b"+"),
    (b"", b""),
])
def test_query_unescape(raw, expected):
    assert P.query_unescape(raw) == expected


@pytest.mark.parametrize("raw, message", [
    (b"%zz", 'invalid URL escape "%zz"'),
    (b"ab%4", 'invalid URL escape "%4"'),
    (b"%", 'invalid URL escape "%"'),
    (b"x%g12", 'invalid URL escape "%g1"'),
])
def test_query_unescape_errors(raw, message):
    with pytest.raises(LogFormatError) as info:
        P.query_unescape(raw)
    assert str(info.value) == message


def test_parse_log_details():
    details = P.parse_log_details(b"GREETING=hello,com.example.log=yes%2C+really,a=,a=2")
    assert details == {b"GREETING": b"hello", b"com.example.log": b"yes, really", b"a": b"2"}


@pytest.mark.parametrize("token", [b"", b"novalue", b"a=1,", b"=x", b"a=1,,b=2"])
def test_parse_log_details_errors(token):
    with pytest.raises(LogFormatError) as info:
        P.parse_log_details(token)
    assert str(info.value) == "invalid details format"


@pytest.mark.parametrize("details, expected", [
    ({}, b" "),
    ({b"GREETING": b"hello", b"com.example.log": b"yes, really"},
     b"GREETING=hello,com.example.log=yes, really "),
    ({b"b": b"1", b"B": b"2", b"a": b"3"}, b"B=2,a=3,b=1 "),   # upper case first (bytes)
])
def test_format_details(details, expected):
    assert P.format_details(details) == expected


def test_missing_context_messages_are_dockers():
    with pytest.raises(LogFormatError) as info:
        P.take_context({b"x": b"1", b"a": b"b"})
    assert str(info.value) == "missing node id in details: map[a:b x:1]"
    details = {P.NODE_KEY: b"n", P.SERVICE_KEY: b"s", b"k": b"v"}
    with pytest.raises(LogFormatError) as info:
        P.take_context(details)
    assert str(info.value) == "missing task id in details: map[k:v]"


# -- the line formatter -------------------------------------------------------------------

class Lookups:
    def __init__(self):
        self.calls = []

    def __call__(self, node_id, service_id, task_id):
        self.calls.append((node_id, service_id, task_id))
        return P.context_label("web", 2, task_id, "node-" + node_id[:3], width=2)


PREFIX = b"web.2.18jv4hz2z6bx@node-4vu     | "


@pytest.mark.parametrize("timestamps, details, payload, expected", [
    (False, False, TOKEN + b" hello\n", PREFIX + b"hello\n"),
    (False, False, TOKEN + b"  two  blanks \n", PREFIX + b" two  blanks \n"),
    (False, False, TOKEN + b" \n", PREFIX + b"\n"),
    (False, False, TOKEN + b" no newline", PREFIX + b"no newline"),
    (False, False, TOKEN + " ünï ✓\n".encode(), PREFIX + "ünï ✓\n".encode()),
    (False, True, TOKEN + b" hello\n", PREFIX + b" hello\n"),
    (False, True, b"GREETING=hello," + TOKEN + b",com.example.log=yes%2C+really line\n",
     PREFIX + b"GREETING=hello,com.example.log=yes, really line\n"),
    (True, False, b"2026-11-27T00:03:55.371158437Z " + TOKEN + b" hello\n",
     b"2026-11-27T00:03:55.371158437Z " + PREFIX + b"hello\n"),
    (True, True, b"2026-11-27T00:03:55.371158437Z " + TOKEN + b" hello\n",
     b"2026-11-27T00:03:55.371158437Z " + PREFIX + b" hello\n"),
])
def test_line_formatter(timestamps, details, payload, expected):
    lookups = Lookups()
    formatter = P.LineFormatter(lookups, timestamps=timestamps, details=details)
    assert formatter.format(payload) == expected
    assert formatter.format(payload) == expected
    assert lookups.calls == [(NODE, SERVICE, TASK)]  # once per task, not per line


def test_line_formatter_looks_up_each_task_once():
    lookups = Lookups()
    formatter = P.LineFormatter(lookups, details=True)
    other = TOKEN.replace(TASK.encode(), b"othertask0000000000000000")
    for _ in range(1000):
        formatter.format(TOKEN + b" a\n")
        formatter.format(other + b" b\n")
        formatter.format(b"X=1," + other + b" c\n")  # other attributes: same task
    assert len(lookups.calls) == 2


@pytest.mark.parametrize("timestamps, payload, message", [
    (False, b"nospace\n", "invalid context in log message: nospace\n"),
    (True, TOKEN + b" x\n", "invalid context in log message: " + TOKEN.decode() + " x\n"),
    (False, b"", "invalid context in log message: "),
    (False, b"garbage line\n", "invalid details format"),
    (False, b"a=%zz line\n", 'invalid URL escape "%zz"'),
    (False, b"a=1 line\n", "missing node id in details: map[a:1]"),
])
def test_line_formatter_errors(timestamps, payload, message):
    formatter = P.LineFormatter(Lookups(), timestamps=timestamps)
    with pytest.raises(LogFormatError) as info:
        formatter.format(payload)
    assert str(info.value) == message


# -- the frame copier ---------------------------------------------------------------------

def frame(stream, payload):
    return struct.pack(">BxxxL", stream, len(payload)) + payload


class Recorder(io.BytesIO):
    """A sink that logs writes and flushes into a shared journal."""

    def __init__(self, name, journal):
        super().__init__()
        self.name = name
        self.journal = journal

    def write(self, data):
        self.journal.append((self.name, bytes(data)))
        return super().write(data)

    def flush(self):
        self.journal.append((self.name, "flush"))


def copy(chunks, formatter=None, live=False):
    journal = []
    out, err = Recorder("out", journal), Recorder("err", journal)
    logs._copy_frames(iter(chunks), out, err, formatter, live)
    return out.getvalue(), err.getvalue(), journal


STREAM = (frame(1, b"one\n") + frame(2, b"two\n") + frame(1, b"x" * 70000)
          + frame(0, b"stdin goes to stdout\n") + frame(1, b"") + frame(2, b"last"))


@pytest.mark.parametrize("size", [1, 3, 7, 8, 9, 100, 4096, 65536, len(STREAM)])
def test_frames_survive_any_chunking(size):
    chunks = [STREAM[i:i + size] for i in range(0, len(STREAM), size)]
    out, err, _ = copy(chunks)
    assert out == b"one\n" + b"x" * 70000 + b"stdin goes to stdout\n"
    assert err == b"two\nlast"


def test_stream_switch_flushes_the_other_stream_first():
    _, _, journal = copy([STREAM])
    names = [entry for entry in journal if entry[1] != b""]
    assert names[:4] == [("out", b"one\n"), ("out", "flush"), ("err", b"two\n"), ("err", "flush")]


def test_live_mode_flushes_after_every_chunk():
    _, _, journal = copy([frame(1, b"a\n"), frame(1, b"b\n")], live=True)
    assert journal == [("out", b"a\n"), ("out", "flush"), ("out", b"b\n"), ("out", "flush")]


def test_engine_error_frame_ends_the_copy_like_docker():
    with pytest.raises(DaemonStreamError) as info:
        copy([frame(1, b"ok\n") + frame(3, b"Error grabbing logs: boom\n") + frame(1, b"never\n")])
    assert str(info.value).startswith("error from daemon in stream: Error grabbing logs: boom")


def test_unknown_stream_id_is_dockers_error():
    with pytest.raises(DaemonStreamError) as info:
        copy([frame(7, b"x")])
    assert str(info.value) == "Unrecognized input header: 7"


def test_formatter_is_applied_per_frame():
    formatter = P.LineFormatter(Lookups())
    out, err, _ = copy([frame(1, TOKEN + b" a" * 10000), frame(1, TOKEN + b" tail\n"),
                        frame(2, TOKEN + b" e\n")], formatter)
    assert out == PREFIX + b"a" + b" a" * 9999 + PREFIX + b"tail\n"
    assert err == PREFIX + b"e\n"


# -- colour on a terminal -----------------------------------------------------------------

LABEL = PREFIX[:-len(P.SEPARATOR)]
OTHER = TOKEN.replace(TASK.encode(), b"othertask0000000000000000")
OTHER_LABEL = b"web.2.othertask000@node-4vu "


def test_plain_formatter_is_the_uncoloured_one():
    formatter = P.LineFormatter(Lookups())
    assert formatter.format_stdout == formatter.format == formatter.format_stderr
    assert formatter.format_stdout(TOKEN + b" hi\n") == PREFIX + b"hi\n"


@pytest.mark.parametrize("message", [
    b"hello\n", b"\x1b[31mred in the message\x1b[0m\n", b"tab\there\n", " ünï ✓\n".encode(),
    b"[bold]not markup[/bold] \\x1b\n", b"no newline"])
def test_colour_touches_only_the_prefix(message):
    formatter = P.LineFormatter(Lookups(), colour_stdout=True, colour_stderr=True)
    out = formatter.format_stdout(TOKEN + b" " + message)
    err = formatter.format_stderr(TOKEN + b" " + message)
    assert out == b"\x1b[36m" + LABEL + b"    |\x1b[0m " + message
    assert err == b"\x1b[36m" + LABEL + b"    \x1b[0m\x1b[1;31m|\x1b[0m " + message


def test_each_task_keeps_its_own_colour_in_order_of_first_line():
    formatter = P.LineFormatter(Lookups(), colour_stdout=True)
    first = formatter.format_stdout(TOKEN + b" a\n")
    second = formatter.format_stdout(OTHER + b" b\n")
    again = formatter.format_stdout(b"X=1," + TOKEN + b" c\n")
    assert first.startswith(b"\x1b[36m" + LABEL) and again.startswith(b"\x1b[36m" + LABEL)
    assert second.startswith(b"\x1b[33m" + OTHER_LABEL)
    # stderr plain (piped) while stdout is coloured: its own, uncoloured heads
    assert formatter.format_stderr(TOKEN + b" e\n") == PREFIX + b"e\n"
    colours = [formatter.colour_of(f"task{i}") for i in range(len(P.PALETTE) + 1)]
    assert len(set(colours)) == len(P.PALETTE) and colours[0] == colours[-1]  # cycling
    assert b"31" not in P.PALETTE


def test_colour_with_timestamps_and_details():
    formatter = P.LineFormatter(Lookups(), timestamps=True, details=True, colour_stdout=True)
    stamp = b"2026-11-27T00:03:55.371158437Z "
    assert formatter.format_stdout(stamp + b"A=1," + TOKEN + b" hi\n") == (
        stamp + b"\x1b[36m" + LABEL + b"    |\x1b[0m A=1 hi\n")
    with pytest.raises(LogFormatError):
        formatter.format_stdout(b"nospace\n")


def test_copier_uses_each_streams_formatter():
    formatter = P.LineFormatter(Lookups(), colour_stderr=True)
    out, err, _ = copy([frame(1, TOKEN + b" o\n"), frame(2, TOKEN + b" e\n")], formatter)
    assert out == PREFIX + b"o\n"
    assert err == b"\x1b[36m" + LABEL + b"    \x1b[0m\x1b[1;31m|\x1b[0m e\n"
