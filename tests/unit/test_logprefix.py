"""Table-driven tests for the pieces of ``swarmctl logs`` that need no engine.

* ``swarmctl.output.logprefix``: the task prefix, the details token, docker's error texts;
* ``swarmctl.cli.commands.logs``: the frame copier (chunk boundaries, stream ids, flush
  order) and ``--since`` parsing (docker's ``GetTimestamp``).

The expected values were taken from the Docker CLI 28.2.2 itself: the ``since`` values are
what it sent to the engine (recorded by a proxy on the engine socket, with TZ=UTC,
Asia/Kolkata and America/New_York), the error texts are what it printed.
"""
import io
import struct

import pytest

from swarmctl.service import timestamps
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


# -- --since ------------------------------------------------------------------------------

UTC, KOLKATA, NEW_YORK = 0, 19800, -18000

SINCE_OK = [
    ("2013-01-02", UTC, "1357084800.000000000"),
    ("2013-01-02T13:23:37Z", UTC, "1357133017.000000000"),
    ("2013-01-02T13:23:37", UTC, "1357133017.000000000"),
    ("2013-01-02T13:23", UTC, "1357132980.000000000"),
    ("2013-01-02T13", UTC, "1357131600.000000000"),
    ("2013-01-02T13:23:37.123456789Z", UTC, "1357133017.123456789"),
    ("2013-01-02T13:23:37.5", UTC, "1357133017.500000000"),
    ("2013-01-02T13:23:37,5", UTC, "1357133017.500000000"),
    ("2013-01-02T13:23:37,5Z", UTC, "1357133017.500000000"),
    ("2013-01-02T13:23:37.1234567891234Z", UTC, "1357133017.123456789"),
    ("2013-01-02T13:23:37+01:00", UTC, "1357129417.000000000"),
    ("2013-01-02T13:23:37-01:30", UTC, "1357138417.000000000"),
    ("2013-01-02T13:23+02:00", UTC, "1357125780.000000000"),
    ("2013-01-02T13+02:00", UTC, "1357124400.000000000"),
    ("2013-01-02Z", UTC, "1357084800.000000000"),
    ("2013-01-02+01:00", UTC, "1357081200.000000000"),
    ("2013-01-02T10:00:00+01:60", UTC, "1357113600.000000000"),
    ("2013-01-02T10:00:00+24:00", UTC, "1357034400.000000000"),
    ("0001-01-01", UTC, "-62135596800.000000000"),
    ("0000-01-01T00:00:00Z", UTC, "-62167219200.000000000"),
    ("9999-12-31T23:59:59.999999999Z", UTC, "253402300799.999999999"),
    ("2012-02-29", UTC, "1330473600.000000000"),
    ("1136073600", UTC, "1136073600"),
    ("1136073600.000000001", UTC, "1136073600.000000001"),
    ("+5", UTC, "+5"),
    ("0", UTC, "0"),
    ("1.5", UTC, "1.5"),
    ("2013-01-02", KOLKATA, "1357065000.000000000"),
    ("2013-01-02T13:23:37", KOLKATA, "1357113217.000000000"),
    ("2013-01-02T13:23", KOLKATA, "1357113180.000000000"),
    ("2013-01-02T13", KOLKATA, "1357111800.000000000"),
    ("2013-01-02T13:23:37.5", KOLKATA, "1357113217.500000000"),
    ("2013-01-02T13:23:37,5", KOLKATA, "1357113217.500000000"),
    ("2013-01-02T13:23:37Z", KOLKATA, "1357133017.000000000"),
    ("2013-01-02+01:00", KOLKATA, "1357081200.000000000"),
    ("2012-02-29", KOLKATA, "1330453800.000000000"),
    ("2013-01-02", NEW_YORK, "1357102800.000000000"),
    ("2013-01-02T13:23:37", NEW_YORK, "1357151017.000000000"),
    ("0001-01-01", NEW_YORK, "-62135578800.000000000"),
    ("2013-01-02T13:23:37-01:30", NEW_YORK, "1357138417.000000000"),
]


@pytest.mark.parametrize("value, offset, expected", SINCE_OK)
def test_since_values(value, offset, expected):
    assert timestamps.get_timestamp(value, 1_795_745_687_000_000_000, local_offset=offset) == expected


@pytest.mark.parametrize("value, seconds_ago", [
    ("10m", 600), ("1h30m", 5400), ("42m", 2520), ("1.5s", 1.5), ("-10m", -600), ("-0", 0),
    ("0s", 0), ("1us", 0.000001),
])
def test_since_durations_are_now_minus_d_in_whole_seconds(value, seconds_ago):
    now = 1_795_745_687_250_000_000
    expected = (now - int(seconds_ago * 1_000_000_000)) // 1_000_000_000
    assert timestamps.get_timestamp(value, now) == str(expected)


F = 'failed to parse value as time or duration: '
SINCE_ERRORS = [
    ("yesterday", F + '"yesterday"'),
    ("1.5.3", F + '"1.5.3"'),
    ("1.", F + '"1."'),
    (".5", F + '".5"'),
    ("99999999999999999999", F + '"99999999999999999999"'),
    ("z", F + '"z"'),
    ("Z", F + '"Z"'),
    (" ", F + '" "'),
    ("1e5", F + '"1e5"'),
    ("0x10", F + '"0x10"'),
    ("ü", F + '"ü"'),
    ("tab\there", F + '"tab\\there"'),
    ("2013-13-01", 'parsing time "2013-13-01": month out of range'),
    ("2013-00-10", 'parsing time "2013-00-10": month out of range'),
    ("2013-02-30", 'parsing time "2013-02-30": day out of range'),
    ("2013-02-29", 'parsing time "2013-02-29": day out of range'),
    ("2013-01-00", 'parsing time "2013-01-00": day out of range'),
    ("2013-01-32", 'parsing time "2013-01-32": day out of range'),
    ("2013-1-02", 'parsing time "2013-1-02" as "2006-01-02": cannot parse "1-02" as "01"'),
    ("-5", 'parsing time "-5" as "2006-01-02": cannot parse "-5" as "2006"'),
    ("-", 'parsing time "-" as "2006-01-02": cannot parse "-" as "2006"'),
    ("20a3-01-02", 'parsing time "20a3-01-02" as "2006-01-02": cannot parse "20a3-01-02" as "2006"'),
    ("2013-ü", 'parsing time "2013-\\xc3\\xbc" as "2006-01-02": cannot parse "\\xc3\\xbc" as "01"'),
    ("2013-01-02T25:00", 'parsing time "2013-01-02T25:00": hour out of range'),
    ("2013-01-02T24:00", 'parsing time "2013-01-02T24:00": hour out of range'),
    ("2013-01-02T10:61", 'parsing time "2013-01-02T10:61": minute out of range'),
    ("2013-01-02T10:00:61", 'parsing time "2013-01-02T10:00:61": second out of range'),
    ("2013-01-02T10:00:60", 'parsing time "2013-01-02T10:00:60": second out of range'),
    ("2013-01-02T10:00:00+25:00",
     'parsing time "2013-01-02T10:00:00+25:00": time zone offset hour out of range'),
    ("2013-01-02T10:00:00+01:61",
     'parsing time "2013-01-02T10:00:00+01:61": time zone offset minute out of range'),
    ("2013-01-02T10:00:00+25:61",
     'parsing time "2013-01-02T10:00:00+25:61": time zone offset minute out of range'),
    ("2013-01-02x", 'parsing time "2013-01-02x": extra text: "x"'),
    ("2013-01-02\t", 'parsing time "2013-01-02\\x09": extra text: "\\x09"'),
    ("2013-01-02T", 'parsing time "2013-01-02T" as "2006-01-02T15": cannot parse "" as "15"'),
    ("2013-1-2T3", 'parsing time "2013-1-2T3" as "2006-01-02T15": cannot parse "1-2T3" as "01"'),
    ("2013-01-02T1:2:3",
     'parsing time "2013-01-02T1:2:3" as "2006-01-02T15:04:05": cannot parse "2:3" as "04"'),
    ("2013-01-02T10:00:00Zjunk", 'parsing time "2013-01-02T10:00:00Zjunk": extra text: "junk"'),
    ("2013-01-02 10:00", 'parsing time "2013-01-02 10:00": extra text: " 10:00"'),
    ("2013-01-02t10:00", 'parsing time "2013-01-02t10:00": extra text: "t10:00"'),
    ("2013-01-02T10:00:00.abc", 'parsing time "2013-01-02T10:00:00.abc": extra text: ".abc"'),
    ("2013-01-02T10:00:00x01:00", 'parsing time "2013-01-02T10:00:00x01:00": extra text: "x01:00"'),
    ("2013-01-02T10:00:00+01:00:00",
     'parsing time "2013-01-02T10:00:00+01:00:00": extra text: ":00"'),
    ("2013--01-02",
     'parsing time "2013--01-02" as "2006-01-02Z07:00": cannot parse "-01-02" as "01"'),
    ("2006-01-02T15:04:05.999Z07:00",
     'parsing time "2006-01-02T15:04:05.999Z07:00": extra text: "07:00"'),
    ("2013-01-02T10:00:00+1:00", ('parsing time "2013-01-02T10:00:00+1:00" as '
     '"2006-01-02T15:04:05Z07:00": cannot parse "+1:00" as "Z07:00"')),
    ("2013-01-02T10:00:00+ab:00", ('parsing time "2013-01-02T10:00:00+ab:00" as '
     '"2006-01-02T15:04:05Z07:00": cannot parse "+ab:00" as "Z07:00"')),
    ("2013-01-02T10:00:00+0100", ('parsing time "2013-01-02T10:00:00+0100" as '
     '"2006-01-02T15:04Z07:00": cannot parse ":00+0100" as "Z07:00"')),
    ("2013-01-02T10:00:00.-5Z", ('parsing time "2013-01-02T10:00:00.-5Z" as '
     '"2006-01-02T15:04:05.999999999Z07:00": cannot parse ".-5Z" as "Z07:00"')),
    ("2013-01-02T10:00:00.+5Z", ('parsing time "2013-01-02T10:00:00.+5Z" as '
     '"2006-01-02T15:04:05.999999999Z07:00": cannot parse ".+5Z" as "Z07:00"')),
    ("2013-01-02T13:23:37.Z", ('parsing time "2013-01-02T13:23:37.Z" as '
     '"2006-01-02T15:04:05.999999999Z07:00": cannot parse ".Z" as "Z07:00"')),
]


@pytest.mark.parametrize("value, message", SINCE_ERRORS)
def test_since_errors(value, message):
    with pytest.raises(timestamps.SinceError) as info:
        timestamps.get_timestamp(value, 1_795_745_687_000_000_000, local_offset=0)
    assert str(info.value) == message
