"""docker's --since values (timetypes.GetTimestamp): RFC 3339 times, dates, Unix times and
durations back from now, with Go's time.Parse semantics and error texts.
"""
from __future__ import annotations

import re
import time

class SinceError(ValueError):
    """``str(error)`` is the message docker prints (before its ``invalid value`` prefix)."""


_RFC3339_LOCAL = "2006-01-02T15:04:05"
_RFC3339_NANO_LOCAL = "2006-01-02T15:04:05.999999999"
_DATE_WITH_ZONE = "2006-01-02Z07:00"
_DATE_LOCAL = "2006-01-02"
_RFC3339 = "2006-01-02T15:04:05Z07:00"
_RFC3339_NANO = "2006-01-02T15:04:05.999999999Z07:00"

# The layout elements Go's nextStdChunk finds in the layouts above.
_STD = re.compile(r"(2006|01|02|15|04|05|\.999999999|Z07:00)")


def _layout_chunks(layout):
    """[(literal prefix, std element or None, ...)] -- Go's nextStdChunk loop, for our layouts."""
    pieces = _STD.split(layout)
    chunks = []
    for i in range(0, len(pieces) - 1, 2):
        chunks.append((pieces[i].encode(), pieces[i + 1]))
    chunks.append((pieces[-1].encode(), None))
    return chunks


def _isdigit(b, i):
    return i < len(b) and 48 <= b[i] <= 57


def _getnum(b, fixed):
    if not _isdigit(b, 0):
        return 0, b, True
    if not _isdigit(b, 1):
        if fixed:
            return 0, b, True
        return b[0] - 48, b[1:], False
    return (b[0] - 48) * 10 + b[1] - 48, b[2:], False


def _parse_nanoseconds(b, nbytes):
    if b[0] not in b".,":
        return 0, "", True
    if nbytes > 10:
        b = b[:10]
        nbytes = 10
    ns = int(b[1:nbytes])  # digits only, counted by the caller
    return ns * 10 ** (10 - nbytes), "", False


# The proleptic Gregorian calendar arithmetic that engine timestamps are parsed with.
from swarmctl.output.humanize import days_from_civil, days_in_month  # noqa: E402,F401


class _GoParseError(Exception):
    def __init__(self, layout, value, layout_elem, value_elem, message):
        from swarmctl.cli.values import go_time_quote as quote

        def text(raw):
            return quote(raw.decode("utf-8", "surrogateescape"))

        if message:
            msg = "parsing time " + text(value) + message
        else:
            msg = (f"parsing time {text(value)} as {quote(layout)}: "
                   f"cannot parse {text(value_elem)} as {text(layout_elem)}")
        super().__init__(msg)


def go_time_parse(layout, value, default_offset=0):
    """Go's ``time.Parse`` (``ParseInLocation`` with a fixed zone: ``default_offset``
    seconds east of UTC) for docker's since layouts. Returns Unix nanoseconds; raises
    ``_GoParseError`` with Go's message."""
    from swarmctl.cli.values import go_time_quote as quote

    avalue = value.encode("utf-8", "surrogateescape")
    v = avalue
    year, month, day, hour, minute, sec, nsec = 0, -1, -1, 0, 0, 0, 0
    utc = False
    zone_offset = None
    chunks = _layout_chunks(layout)
    for index, (prefix, std) in enumerate(chunks):
        # skip(): the literal must match byte for byte.
        p = prefix
        while p:
            if not v or v[0] != p[0]:
                raise _GoParseError(layout, avalue, prefix, v, "")
            p, v = p[1:], v[1:]
        if std is None:
            if v:
                extra = quote(v.decode("utf-8", "surrogateescape"))
                raise _GoParseError(layout, avalue, b"", v, ": extra text: " + extra)
            break
        hold = v
        bad = False
        range_error = ""
        if std == "2006":
            if len(v) < 4 or not _isdigit(v, 0) or not v[:4].isdigit():
                bad = True
            else:
                year, v = int(v[:4]), v[4:]
        elif std == "01":
            month, v, bad = _getnum(v, True)
            if not bad and not 1 <= month <= 12:
                range_error = "month"
        elif std == "02":
            day, v, bad = _getnum(v, True)
        elif std == "15":
            hour, v, bad = _getnum(v, False)
            if not 0 <= hour < 24:
                range_error = "hour"
        elif std == "04":
            minute, v, bad = _getnum(v, True)
            if not 0 <= minute < 60:
                range_error = "minute"
        elif std == "05":
            sec, v, bad = _getnum(v, True)
            if not bad:
                if not 0 <= sec < 60:
                    range_error = "second"
                elif len(v) >= 2 and v[0] in b".," and _isdigit(v, 1):
                    following = chunks[index + 1][1] if index + 1 < len(chunks) else None
                    if following != ".999999999":
                        n = 2
                        while n < len(v) and _isdigit(v, n):
                            n += 1
                        nsec, range_error, bad = _parse_nanoseconds(v, n)
                        v = v[n:]
        elif std == "Z07:00":
            if v[:1] == b"Z":
                v = v[1:]
                utc = True
            elif len(v) < 6 or v[3] != 0x3A:
                bad = True
            else:
                sign, hh, mm, v = v[0], v[1:3], v[4:6], v[6:]
                hr, _, bad = _getnum(hh, True)
                mi = 0
                if not bad:
                    mi, _, bad = _getnum(mm, True)
                if hr > 24:
                    range_error = "time zone offset hour"
                if mi > 60:
                    range_error = "time zone offset minute"
                zone_offset = (hr * 60 + mi) * 60
                if sign == 0x2D:
                    zone_offset = -zone_offset
                elif sign != 0x2B:
                    bad = True
        elif std == ".999999999" and len(v) >= 2 and v[0] in b".," and _isdigit(v, 1):
            # (otherwise the fraction is omitted)
            i = 0
            while i + 1 < len(v) and _isdigit(v, i + 1):
                i += 1
            nsec, range_error, bad = _parse_nanoseconds(v, 1 + i)
            v = v[1 + i:]
        if range_error:
            raise _GoParseError(layout, avalue, std.encode(), v, ": " + range_error + " out of range")
        if bad:
            raise _GoParseError(layout, avalue, std.encode(), hold, "")
    if month < 0:
        month = 1
    if day < 0:
        day = 1
    if day < 1 or day > days_in_month(year, month):
        raise _GoParseError(layout, avalue, b"", v, ": day out of range")
    if utc:
        offset = 0
    elif zone_offset is not None:
        offset = zone_offset
    else:
        offset = default_offset
    seconds = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + sec - offset
    return seconds * 1_000_000_000 + nsec


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
    from swarmctl.cli.values import (
        FlagValueError,
        go_quote,
        parse_go_duration,
        parse_go_int,
    )

    if value != "0":
        try:
            duration = parse_go_duration(value)
        except FlagValueError:
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
        unix_ns = go_time_parse(layout, value, default_offset)
    except _GoParseError as error:
        if "-" in value:
            raise SinceError(str(error)) from None
        seconds, dot, fraction = value.partition(".")
        try:
            parse_go_int(seconds, 64, True, 10)
            if dot:
                parse_go_int(fraction, 64, True, 10)
        except FlagValueError:
            raise SinceError("failed to parse value as time or duration: " + go_quote(value)) from None
        return value
    seconds, nanos = divmod(unix_ns, 1_000_000_000)
    return f"{seconds}.{nanos:09d}"
