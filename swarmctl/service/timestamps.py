"""docker's --since values (timetypes.GetTimestamp): RFC 3339 times, dates, Unix times and
durations back from now, with Go's time.Parse semantics and error texts.
"""
from __future__ import annotations

import time

from swarmctl.golang import time as gotime
from swarmctl.golang.strconv import NumError, parse_int, quote


class SinceError(ValueError):
    """``str(error)`` is the message docker prints (before its ``invalid value`` prefix)."""


_RFC3339_LOCAL = "2006-01-02T15:04:05"
_RFC3339_NANO_LOCAL = "2006-01-02T15:04:05.999999999"
_DATE_WITH_ZONE = "2006-01-02Z07:00"
_DATE_LOCAL = "2006-01-02"
_RFC3339 = gotime.RFC3339
_RFC3339_NANO = gotime.RFC3339_NANO


def _local_offset(now_ns):
    return time.localtime(now_ns // 1_000_000_000).tm_gmtoff or 0


def get_timestamp(value, now_ns, local_offset=None):
    """docker's ``timetypes.GetTimestamp(value, now)``: the ``since`` query value.

    * a Go duration (not ``"0"``) -> Unix seconds of now - d (``"1700000000"``);
    * an RFC 3339-like date/time -> ``"<seconds>.<9 digits>"`` (local zone when none);
    * a Unix timestamp ``S[.N]`` -> passed through unchanged;
    * otherwise ``SinceError`` with Go's parse error when the value contains ``-``, else
      ``failed to parse value as time or duration: "X"``.
    """
    if value != "0":
        try:
            duration = gotime.parse_duration(value)
        except gotime.DurationError:
            pass
        else:
            # Go: reference.Add(-d).Unix() (int64 negation wraps)
            minus = -duration if duration != -(1 << 63) else duration
            return str((now_ns + minus) // 1_000_000_000)

    in_location = not any(c in value for c in "zZ+") and value.count("-") != 3
    if "." in value:
        layout = _RFC3339_NANO_LOCAL if in_location else _RFC3339_NANO
    elif "T" in value:
        colons = value.count(":")
        if not in_location and not any(c in value for c in "zZ") and colons > 0:
            colons -= 1
        if in_location:
            layout = ("2006-01-02T15", "2006-01-02T15:04", _RFC3339_LOCAL)[min(colons, 2)]
        else:
            layout = ("2006-01-02T15Z07:00", "2006-01-02T15:04Z07:00", _RFC3339)[min(colons, 2)]
    else:
        layout = _DATE_LOCAL if in_location else _DATE_WITH_ZONE

    if in_location:
        default_offset = _local_offset(now_ns) if local_offset is None else local_offset
    else:
        default_offset = 0
    try:
        unix_ns = gotime.parse(layout, value, default_offset)
    except gotime.ParseError as error:
        if "-" in value:
            raise SinceError(str(error)) from None
        seconds, dot, fraction = value.partition(".")
        try:
            parse_int(seconds, 64, True, 10)
            if dot:
                parse_int(fraction, 64, True, 10)
        except NumError:
            raise SinceError("failed to parse value as time or duration: " + quote(value)) from None
        return value
    seconds, nanos = divmod(unix_ns, 1_000_000_000)
    return f"{seconds}.{nanos:09d}"
