"""swarmctl.golang.time / units / strconv / json (and output.humanize) against the Go functions the Docker CLI uses.

Every expected value below was produced by the Go code itself: go-units
v0.5.0 (``HumanDuration``, ``BytesSize``, ``HumanSize``, copied from
docker/cli v28.2.2's vendor tree) and the Go standard library
(``time.Duration.String``, ``time.Parse(time.RFC3339Nano)``, ``fmt``'s ``%v``
and ``encoding/json`` for floats). The HumanDuration rows are go-units' own
test table plus edge cases.
"""
from __future__ import annotations

import random

import pytest

from swarmctl.golang import json as gojson
from swarmctl.golang import strconv, units
from swarmctl.golang import time as gotime
from swarmctl.golang.time import HOUR, MINUTE, SECOND
from swarmctl.output import humanize

DAY = 24 * HOUR
WEEK = 7 * DAY
MONTH = 30 * DAY
YEAR = 365 * DAY


@pytest.mark.parametrize("d,text", [
    (450 * 10**6, "Less than a second"),
    (SECOND, "1 second"),
    (45 * SECOND, "45 seconds"),
    (46 * SECOND, "46 seconds"),
    (59 * SECOND, "59 seconds"),
    (60 * SECOND, "About a minute"),
    (MINUTE, "About a minute"),
    (3 * MINUTE, "3 minutes"),
    (35 * MINUTE, "35 minutes"),
    (35 * MINUTE + 40 * SECOND, "35 minutes"),
    (45 * MINUTE, "45 minutes"),
    (45 * MINUTE + 40 * SECOND, "45 minutes"),
    (46 * MINUTE, "46 minutes"),
    (59 * MINUTE, "59 minutes"),
    (HOUR, "About an hour"),
    (HOUR + 29 * MINUTE, "About an hour"),
    (HOUR + 31 * MINUTE, "2 hours"),
    (HOUR + 59 * MINUTE, "2 hours"),
    (3 * HOUR, "3 hours"),
    (3 * HOUR + 29 * MINUTE, "3 hours"),
    (3 * HOUR + 31 * MINUTE, "4 hours"),
    (3 * HOUR + 59 * MINUTE, "4 hours"),
    (3 * HOUR + 60 * MINUTE, "4 hours"),
    (24 * HOUR, "24 hours"),
    (DAY + 12 * HOUR, "36 hours"),
    (2 * DAY, "2 days"),
    (7 * DAY, "7 days"),
    (13 * DAY + 5 * HOUR, "13 days"),
    (2 * WEEK, "2 weeks"),
    (2 * WEEK + 4 * DAY, "2 weeks"),
    (3 * WEEK, "3 weeks"),
    (4 * WEEK, "4 weeks"),
    (4 * WEEK + 3 * DAY, "4 weeks"),
    (MONTH, "4 weeks"),
    (MONTH + 2 * WEEK, "6 weeks"),
    (2 * MONTH, "2 months"),
    (2 * MONTH + 2 * WEEK, "2 months"),
    (3 * MONTH, "3 months"),
    (3 * MONTH + WEEK, "3 months"),
    (5 * MONTH + 2 * WEEK, "5 months"),
    (13 * MONTH, "13 months"),
    (23 * MONTH, "23 months"),
    (24 * MONTH, "24 months"),
    (24 * MONTH + 2 * WEEK, "2 years"),
    (3 * YEAR + 2 * MONTH, "3 years"),
    (0, "Less than a second"),
    (-5 * SECOND, "Less than a second"),  # clock skew: a timestamp in the future
    (2**63 - 1, "292 years"),
    (89 * MINUTE + 59 * SECOND, "About an hour"),
    (90 * MINUTE, "2 hours"),
])
def test_human_duration(d, text):
    assert units.human_duration(d) == text


NOW = 1795000000 * SECOND + 500_000_000


@pytest.mark.parametrize("seconds_ago,lower,text", [
    (0.5, True, "less than a second ago"),  # ps wording (reference §1.6)
    (1.5, True, "1 second ago"),
    (65, True, "about a minute ago"),
    (330, True, "5 minutes ago"),
    (3 * 3600 + 600, True, "3 hours ago"),
    (0.5, False, "Less than a second ago"),  # inspect --pretty wording
    (70, False, "About a minute ago"),
    (-30, False, "Less than a second ago"),
])
def test_ago(seconds_ago, lower, text):
    ts = gotime.format_rfc3339_nano(NOW - int(seconds_ago * SECOND))
    assert humanize.ago(ts, NOW, lower=lower) == text
    assert humanize.ago(gotime.parse_rfc3339(ts), NOW, lower=lower) == text
    assert humanize.ago(gotime.parse_rfc3339_nano(ts), NOW, lower=lower) == text


def test_since_zero_time_saturates():
    # Go's zero time (0001-01-01) is 2000 years ago: time.Since saturates
    assert gotime.since_ns("0001-01-01T00:00:00Z", NOW) == 2**63 - 1
    assert gotime.since_ns(None, NOW) == 2**63 - 1
    assert humanize.human_duration_since("", NOW) == "292 years"
    assert gotime.ZERO_TIME_NS == gotime.parse_rfc3339_nano("0001-01-01T00:00:00Z")


@pytest.mark.parametrize("text,unix_ns,formatted", [
    ("2026-11-27T01:02:03.123456789Z", 1795741323123456789, "2026-11-27T01:02:03.123456789Z"),
    ("2026-11-27T00:01:02.120000000Z", 1795737662120000000, "2026-11-27T00:01:02.12Z"),
    ("2026-11-27T01:01:03.5+01:00", 1795737663500000000, "2026-11-27T01:01:03.5+01:00"),
    ("2026-11-27T00:00:00+00:00", 1795737600000000000, "2026-11-27T00:00:00Z"),
    ("2026-11-26T16:30:00-07:30", 1795737600000000000, "2026-11-26T16:30:00-07:30"),
    ("1970-01-01T00:00:00Z", 0, "1970-01-01T00:00:00Z"),
    ("1969-12-31T23:59:59.999999999Z", -1, "1969-12-31T23:59:59.999999999Z"),
    ("2000-02-29T12:00:00.000000001Z", 951825600000000001, "2000-02-29T12:00:00.000000001Z"),
    ("0001-01-01T00:00:00Z", -62135596800 * SECOND, "0001-01-01T00:00:00Z"),
    # Go >= 1.20 (docker 28 is built with 1.24) truncates digits past the ninth
    ("2026-11-27T01:02:03.1234567891Z", 1795741323123456789, "2026-11-27T01:02:03.123456789Z"),
])
def test_parse_and_format_rfc3339(text, unix_ns, formatted):
    t = gotime.parse_rfc3339(text)
    assert t.unix_ns == unix_ns
    assert t.rfc3339_nano() == formatted
    assert gotime.parse_rfc3339_nano(text) == unix_ns


def test_parse_keeps_nanosecond_ordering():
    a = gotime.parse_rfc3339_nano("2026-11-27T01:02:03.000000001Z")
    b = gotime.parse_rfc3339_nano("2026-11-27T01:02:03.000000002Z")
    c = gotime.parse_rfc3339_nano("2026-11-27T02:02:03.000000001+01:00")  # same instant as a
    assert a < b and a == c


@pytest.mark.parametrize("text", [
    "", "2026-11-27", "2026-11-27 01:02:03Z", "2026-02-30T00:00:00Z", "2026-11-27T24:00:00Z",
    "2026-11-27T01:02:03", "garbage",
])
def test_parse_rejects(text):
    with pytest.raises(ValueError):
        gotime.parse_rfc3339(text)


def _random_timestamps(seed, count):
    """Engine-shaped timestamps with random fields (some out of range) and random damage."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        year = rng.choice(["0001", "1969", "1970", "2000", "2024", "2026", "2100", "9999", "0000"])
        fields = [year]
        for top in (12, 31, 23, 59, 59):  # month, day, hour, minute, second
            value = rng.choice([0, 13, 24, 29, 30, 31, 60, 99]) if rng.random() < 0.1 else rng.randint(1, top)
            fields.append("%02d" % value)
        text = "%s-%s-%sT%s:%s:%s" % tuple(fields)
        digits = rng.randint(0, 9) if rng.random() < 0.9 else rng.randint(10, 12)
        if digits or rng.random() < 0.1:
            text += "," if rng.random() < 0.1 else "."
            text += "".join(rng.choice("0123456789") for _ in range(digits))
        text += rng.choice(["Z", "Z", "Z", "Z", "Z", "z", "+01:00", "-07:30", "+24:00", "", "Z\n", "ZZ"])
        roll = rng.random()
        if roll < 0.15:  # damage one character
            i = rng.randrange(len(text))
            text = text[:i] + rng.choice("0123456789T t:-.Z\u0663\uff11x") + text[i + 1:]
        elif roll < 0.2:
            text = text[:rng.randrange(len(text) + 1)]
        out.append(text)
    return out


def _outcome(parse, text):
    try:
        return ("ok", parse(text))
    except ValueError as error:
        return ("error", str(error))


@pytest.mark.parametrize("seed", range(5))
def test_parse_rfc3339_engine_shape_path_matches_general_path(seed):
    for text in _random_timestamps(seed, 2000):
        general = _outcome(gotime._parse_rfc3339_general, text)
        assert _outcome(gotime.parse_rfc3339, text) == general, text
        expected_ns = (general[0], general[1].unix_ns if general[0] == "ok" else general[1])
        assert _outcome(gotime.parse_rfc3339_nano, text) == expected_ns, text


def test_parse_rfc3339_engine_shape_keeps_general_answers():
    # shapes the engine's path leaves to the general one: the answers stay as they were
    assert gotime.parse_rfc3339_nano("2026-11-27T01:02:03.5Z\n") == 1795741323500000000
    assert gotime.parse_rfc3339_nano("2026-11-27t01:02:03,5z") == 1795741323500000000
    assert gotime.parse_rfc3339_nano("\u0662026-11-27T01:02:03Z") == 1795741323000000000
    with pytest.raises(TypeError):
        gotime.parse_rfc3339_nano(None)


@pytest.mark.parametrize("size,binary,decimal", [
    (0, "0B", "0B"),
    (1, "1B", "1B"),
    (999, "999B", "999B"),
    (1000, "1000B", "1kB"),
    (1023, "1023B", "1.023kB"),
    (1024, "1KiB", "1.024kB"),
    (1536, "1.5KiB", "1.536kB"),
    (10490000, "10MiB", "10.49MB"),
    (16777216, "16MiB", "16.78MB"),
    (67108864, "64MiB", "67.11MB"),
    (1610612736, "1.5GiB", "1.611GB"),
    (1024**4, "1TiB", "1.1TB"),
    (3 * 1024**5, "3PiB", "3.378PB"),
    (2048 * 1024**8, "2048YiB", "2476YB"),
    (5.5, "5.5B", "5.5B"),
    (1e6, "976.6KiB", "1MB"),
    (2746000, "2.619MiB", "2.746MB"),
])
def test_sizes(size, binary, decimal):
    assert units.bytes_size(size) == binary
    assert units.human_size(size) == decimal


@pytest.mark.parametrize("d,text", [
    (0, "0s"),
    (1, "1ns"),
    (999, "999ns"),
    (1000, "1\u00b5s"),
    (1500, "1.5\u00b5s"),
    (10**6, "1ms"),
    (1500000, "1.5ms"),
    (999999999, "999.999999ms"),
    (SECOND, "1s"),
    (10 * SECOND, "10s"),
    (90 * SECOND, "1m30s"),
    (HOUR, "1h0m0s"),
    (26 * HOUR + 3 * 10**6, "26h0m0.003s"),
    (-5 * SECOND, "-5s"),
    (2**63 - 1, "2562047h47m16.854775807s"),
    (-(2**63), "-2562047h47m16.854775808s"),
])
def test_go_duration_string(d, text):
    assert gotime.format_duration(d) == text


@pytest.mark.parametrize("x,v64,v32,json64,json32", [
    (0, "0", "0", "0", "0"),
    (1, "1", "1", "1", "1"),
    (0.1, "0.1", "0.1", "0.1", "0.1"),
    (0.2, "0.2", "0.2", "0.2", "0.2"),
    (100, "100", "100", "100", "100"),
    (123456, "123456", "123456", "123456", "123456"),
    (1e6, "1e+06", "1e+06", "1000000", "1000000"),
    (123456789, "1.23456789e+08", "1.2345679e+08", "123456789", "123456790"),
    (1e20, "1e+20", "1e+20", "100000000000000000000", "100000000000000000000"),
    (1e21, "1e+21", "1e+21", "1e+21", "1e+21"),
    (1e-4, "0.0001", "0.0001", "0.0001", "0.0001"),
    (1e-5, "1e-05", "1e-05", "0.00001", "0.00001"),
    (2.5e-7, "2.5e-07", "2.5e-07", "2.5e-7", "2.5e-7"),
    (100.5, "100.5", "100.5", "100.5", "100.5"),
    (-1.5, "-1.5", "-1.5", "-1.5", "-1.5"),
])
def test_go_float(x, v64, v32, json64, json32):
    assert strconv.format_float(x) == v64
    assert strconv.format_float(x, "g", 32) == v32
    assert gojson.format_float(x) == json64
    assert gojson.format_float(x, 32) == json32
