"""Go's ``time``: durations, RFC 3339 and layout parsing/formatting, the one ``Time`` type.

Times are integer nanoseconds since the Unix epoch plus the zone offset they were written
with, so ordering is exact; the calendar is the proleptic Gregorian one Go uses.
"""

from __future__ import annotations

import functools
import re
import time as _time
from typing import Optional, Union

NANOSECOND = 1
MICROSECOND = 1000 * NANOSECOND
MILLISECOND = 1000 * MICROSECOND
SECOND = 1000 * MILLISECOND
MINUTE = 60 * SECOND
HOUR = 60 * MINUTE

MIN_DURATION = -(1 << 63)
MAX_DURATION = (1 << 63) - 1
_U64 = 1 << 64


# ---------------------------------------------------------------------------
# Go integer helpers (Go's / and % truncate toward zero)


def _go_quo(a: int, b: int) -> int:
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def _go_rem(a: int, b: int) -> int:
    return a - _go_quo(a, b) * b


def clamp_duration(d: int) -> int:
    """Saturate to the int64 range, as Go's ``Time.Sub`` does."""
    if d > MAX_DURATION:
        return MAX_DURATION
    if d < MIN_DURATION:
        return MIN_DURATION
    return d


def duration_seconds(d: int) -> float:
    """Go's ``Duration.Seconds``."""
    sec, nsec = _go_quo(d, SECOND), _go_rem(d, SECOND)
    return float(sec) + float(nsec) / 1e9


def duration_minutes(d: int) -> float:
    """Go's ``Duration.Minutes``."""
    m, nsec = _go_quo(d, MINUTE), _go_rem(d, MINUTE)
    return float(m) + float(nsec) / (60 * 1e9)


def duration_hours(d: int) -> float:
    """Go's ``Duration.Hours``."""
    h, nsec = _go_quo(d, HOUR), _go_rem(d, HOUR)
    return float(h) + float(nsec) / (60 * 60 * 1e9)


# ---------------------------------------------------------------------------
# ParseDuration / Duration.String


class DurationError(ValueError):
    """An error of Go's ``time.ParseDuration``; ``str()`` is Go's message."""


def quote(s: str) -> str:
    """The private ``quote`` of Go's time package (used by ParseDuration):
    every byte of a non-ASCII or control character is written as ``\\xNN``."""
    out = ['"']
    for ch in s:
        o = ord(ch)
        if o >= 0x80 or o < 0x20:
            raw = ch.encode("utf-8", "surrogateescape") if 0xDC80 <= o <= 0xDCFF \
                else ch.encode("utf-8", "surrogatepass")
            out.extend("\\x%02x" % b for b in raw)
        else:
            if ch in '"\\':
                out.append("\\")
            out.append(ch)
    out.append('"')
    return "".join(out)


_UNITS = {"ns": NANOSECOND, "us": MICROSECOND, "\u00b5s": MICROSECOND, "\u03bcs": MICROSECOND,
          "ms": MILLISECOND, "s": SECOND, "m": MINUTE, "h": HOUR}


def parse_duration(s: str) -> int:
    """Go's ``time.ParseDuration``; returns integer nanoseconds (int64).

    Units ``ns us µs μs ms s m h``, fractions (``1.5h``), several terms
    (``1h2m3.5s``), optional sign; a bare ``0`` (or ``-0``/``+0``) is zero.
    Errors (:class:`DurationError`):
    ``time: invalid duration "x"``, ``time: missing unit in duration "5"``,
    ``time: unknown unit "x" in duration "5x"``.
    """
    orig = s
    d = 0
    neg = False
    if s:
        if s[0] in "+-":
            neg = s[0] == "-"
            s = s[1:]
    if s == "0":
        return 0
    if s == "":
        raise DurationError("time: invalid duration " + quote(orig))
    while s:
        if not (s[0] == "." or "0" <= s[0] <= "9"):
            raise DurationError("time: invalid duration " + quote(orig))
        # leadingInt
        pl = len(s)
        v = 0
        i = 0
        while i < len(s) and "0" <= s[i] <= "9":
            if v > (1 << 63) // 10:
                raise DurationError("time: invalid duration " + quote(orig))
            v = v * 10 + ord(s[i]) - 48
            if v > 1 << 63:
                raise DurationError("time: invalid duration " + quote(orig))
            i += 1
        s = s[i:]
        pre = pl != len(s)
        post = False
        f = 0
        scale = 1.0
        if s and s[0] == ".":
            s = s[1:]
            pl = len(s)
            i = 0
            overflow = False
            while i < len(s) and "0" <= s[i] <= "9":
                if not overflow:
                    if f > ((1 << 63) - 1) // 10:
                        overflow = True
                    else:
                        y = f * 10 + ord(s[i]) - 48
                        if y > 1 << 63:
                            overflow = True
                        else:
                            f = y
                            scale *= 10
                i += 1
            s = s[i:]
            post = pl != len(s)
        if not pre and not post:
            raise DurationError("time: invalid duration " + quote(orig))
        i = 0
        while i < len(s) and not (s[i] == "." or "0" <= s[i] <= "9"):
            i += 1
        if i == 0:
            raise DurationError("time: missing unit in duration " + quote(orig))
        u = s[:i]
        s = s[i:]
        unit = _UNITS.get(u)
        if unit is None:
            raise DurationError("time: unknown unit %s in duration %s"
                                 % (quote(u), quote(orig)))
        if v > (1 << 63) // unit:
            raise DurationError("time: invalid duration " + quote(orig))
        v *= unit
        if f > 0:
            v += int(float(f) * (float(unit) / scale))
            if v > 1 << 63:
                raise DurationError("time: invalid duration " + quote(orig))
        d = (d + v) % _U64  # uint64 arithmetic, as in Go
        if d > 1 << 63:
            raise DurationError("time: invalid duration " + quote(orig))
    if neg:
        r = (-d) % _U64
        return r - _U64 if r > MAX_DURATION else r
    if d > MAX_DURATION:
        raise DurationError("time: invalid duration " + quote(orig))
    return d


def _fmt_frac(v: int, prec: int):
    digits = []
    printing = False
    for _ in range(prec):
        digit = v % 10
        printing = printing or digit != 0
        if printing:
            digits.append(chr(48 + digit))
        v //= 10
    frac = ("." + "".join(reversed(digits))) if printing else ""
    return frac, v


def format_duration(d: int) -> str:
    """Go's ``time.Duration(d).String()``: ``0s``, ``1.5µs``, ``10s``,
    ``1m30s``, ``2h0m0s``."""
    d = min(max(int(d), -(1 << 63)), (1 << 63) - 1)  # Go int64
    neg = d < 0
    u = -d if neg else d
    if u < SECOND:
        if u == 0:
            return "0s"
        if u < MICROSECOND:
            prec, unit = 0, "ns"
        elif u < MILLISECOND:
            prec, unit = 3, "\u00b5s"
        else:
            prec, unit = 6, "ms"
        frac, u = _fmt_frac(u, prec)
        out = "%d%s%s" % (u, frac, unit)
    else:
        frac, u = _fmt_frac(u, 9)
        out = "%d%ss" % (u % 60, frac)
        u //= 60
        if u > 0:
            out = "%dm" % (u % 60) + out
            u //= 60
            if u > 0:
                out = "%dh" % u + out
    return "-" + out if neg else out


# ---------------------------------------------------------------------------
# the calendar


def days_from_civil(y: int, m: int, d: int) -> int:
    """Days since 1970-01-01 of a proleptic Gregorian date (Go's ``daysSinceEpoch``)."""
    y -= 1 if m <= 2 else 0
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def civil_from_days(z: int):
    """(year, month, day) of a day count since 1970-01-01."""
    z += 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return y + (1 if m <= 2 else 0), m, d


def days_in_month(y: int, m: int) -> int:
    """Go's ``daysIn``: days of month ``m`` in year ``y``."""
    if m == 2:
        leap = (y % 4 == 0 and y % 100 != 0) or y % 400 == 0
        return 29 if leap else 28
    return 30 if m in (4, 6, 9, 11) else 31


#: Go's zero ``time.Time`` (0001-01-01T00:00:00Z) in Unix nanoseconds.
ZERO_TIME_NS = days_from_civil(1, 1, 1) * 86400 * SECOND


def now_ns() -> int:
    """Go's ``time.Now()`` as Unix nanoseconds."""
    return _time.time_ns()


# ---------------------------------------------------------------------------
# Time, Month, Weekday, Duration as templates see them


class Month:
    """Go's ``time.Month``: prints as its English name."""

    __slots__ = ("n",)
    __gotype__ = "time.Month"
    NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")

    def __init__(self, n):
        self.n = n

    def String(self):
        return self.NAMES[self.n - 1]


class Weekday(Month):
    """Go's ``time.Weekday``: prints as its English name."""

    __slots__ = ()
    __gotype__ = "time.Weekday"
    NAMES = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")

    def String(self):
        return self.NAMES[self.n]


class Duration:
    """Go's ``time.Duration``: prints as ``10s``, marshals as nanoseconds."""

    __slots__ = ("ns",)
    __gotype__ = "time.Duration"

    def __init__(self, ns):
        self.ns = ns

    def String(self):
        return format_duration(self.ns)

    def Seconds(self):
        return self.ns / 1e9

    def Minutes(self):
        return self.ns / 6e10

    def Hours(self):
        return self.ns / 3.6e12

    def Nanoseconds(self):
        return self.ns

    def __eq__(self, other):
        return isinstance(other, Duration) and other.ns == self.ns

    __hash__ = None


class GoTime:
    """Go's ``time.Time``: Unix nanoseconds plus the zone offset it was written with (seconds
    east of UTC). Compare ``unix_ns`` for ordering; the capitalised methods are Go's."""

    __slots__ = ("unix_ns", "offset")
    __gotype__ = "time.Time"

    def __init__(self, unix_ns, offset=0):
        self.unix_ns = unix_ns
        self.offset = offset

    def __eq__(self, other):
        if not isinstance(other, GoTime):
            return NotImplemented
        return (self.unix_ns, self.offset) == (other.unix_ns, other.offset)

    def __hash__(self):
        return hash((self.unix_ns, self.offset))

    def __repr__(self):
        return "GoTime(unix_ns=%d, offset=%d)" % (self.unix_ns, self.offset)

    @classmethod
    def parse(cls, value):
        """An engine timestamp, or Go's zero time when ``value`` is not one."""
        if isinstance(value, str):
            try:
                return parse_rfc3339(value)
            except ValueError:
                pass
        return cls(ZERO_TIME_NS, 0)

    def rfc3339_nano(self) -> str:
        """Go's ``t.Format(time.RFC3339Nano)``."""
        return format_rfc3339_nano(self.unix_ns, self.offset)

    # -- fields of the wall clock --------------------------------------------
    def _civil(self):
        local = self.unix_ns + self.offset * 10**9
        secs, nanos = divmod(local, 10**9)
        days, rem = divmod(secs, 86400)
        y, mo, d = civil_from_days(days)
        hh, rem = divmod(rem, 3600)
        mm, ss = divmod(rem, 60)
        return y, mo, d, hh, mm, ss, nanos, days

    def _zone(self):
        if self.offset == 0:
            return "UTC"
        sign = "-" if self.offset < 0 else "+"
        o = abs(self.offset) // 60
        h, m = divmod(o, 60)
        return "%s%02d%s" % (sign, h, "%02d" % m if m else "")

    def String(self):
        return self.Format("2006-01-02 15:04:05.999999999 -0700 MST")

    def Year(self):
        return self._civil()[0]

    def Month(self):
        return Month(self._civil()[1])

    def Day(self):
        return self._civil()[2]

    def Hour(self):
        return self._civil()[3]

    def Minute(self):
        return self._civil()[4]

    def Second(self):
        return self._civil()[5]

    def Nanosecond(self):
        return self._civil()[6]

    def Weekday(self):
        return Weekday((self._civil()[7] + 4) % 7)

    def YearDay(self):
        y, _, _, _, _, _, _, days = self._civil()
        return days - days_from_civil(y, 1, 1) + 1

    def Unix(self):
        return self.unix_ns // 10**9

    def UnixMilli(self):
        return self.unix_ns // 10**6

    def UnixMicro(self):
        return self.unix_ns // 10**3

    def UnixNano(self):
        return self.unix_ns

    def IsZero(self):
        return self.unix_ns == ZERO_TIME_NS

    def UTC(self):
        return GoTime(self.unix_ns, 0)

    def Before(self, other):
        return self.unix_ns < other.unix_ns

    def After(self, other):
        return self.unix_ns > other.unix_ns

    def Equal(self, other):
        return self.unix_ns == other.unix_ns

    def Format(self, layout):
        return format_layout(self, layout)


TimeLike = Union[str, int, GoTime, None]


def _to_unix_ns(t: TimeLike) -> int:
    if t is None or t == "":
        return ZERO_TIME_NS
    if isinstance(t, GoTime):
        return t.unix_ns
    if isinstance(t, int):
        return t
    return parse_rfc3339_nano(t)


def since_ns(t: TimeLike, now: Optional[int] = None) -> int:
    """Go's ``time.Since(t)`` in nanoseconds, saturated to the int64 range.

    ``t`` is an engine timestamp string, a :class:`GoTime` or Unix
    nanoseconds; a missing timestamp is Go's zero time (year 1), which gives
    the saturated maximum.
    """
    if now is None:
        now = now_ns()
    return clamp_duration(now - _to_unix_ns(t))


# ---------------------------------------------------------------------------
# RFC 3339


_RFC3339_RE = re.compile(  # small: cheap to compile at import
    r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})"
    r"(?:[.,](\d+))?"
    r"(?:([Zz])|([+-])(\d{2}):(\d{2}))$"
)

# The shape the engine writes (UTC, ASCII digits, at most nine fractional digits): parsed
# by _parse_engine_utc; every other string takes the general path of parse_rfc3339.
_ENGINE_UTC_RE = re.compile(r"(\d{4}-\d\d-\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?Z", re.ASCII)
_FRACTION_SCALE = (0, 10**8, 10**7, 10**6, 10**5, 10**4, 10**3, 10**2, 10, 1)


@functools.lru_cache(maxsize=256)
def _midnight_seconds(date: str) -> Optional[int]:
    """Unix seconds of the start of ``YYYY-MM-DD`` (a listing's timestamps share a few
    dates), None for a day or month out of range."""
    year, month, day = int(date[:4]), int(date[5:7]), int(date[8:])
    if not (1 <= month <= 12) or not (1 <= day <= days_in_month(year, month)):
        return None
    return days_from_civil(year, month, day) * 86400


def _parse_engine_utc(s: str) -> Optional[int]:
    """Unix nanoseconds of a timestamp in the engine's shape, or None when ``s`` has
    another shape or is out of range (the general path then decides)."""
    m = _ENGINE_UTC_RE.fullmatch(s)
    if m is None:
        return None
    date, hour, minute, sec, fraction = m.groups()
    midnight = _midnight_seconds(date)
    hour, minute, sec = int(hour), int(minute), int(sec)
    if midnight is None or hour > 23 or minute > 59 or sec > 59:
        return None
    unix_ns = (midnight + hour * 3600 + minute * 60 + sec) * SECOND
    if fraction:
        unix_ns += int(fraction) * _FRACTION_SCALE[len(fraction)]
    return unix_ns


def parse_rfc3339(s: str) -> GoTime:
    """Parse an RFC 3339 timestamp (Go's ``time.RFC3339Nano`` layout, as the
    engine writes them) keeping nanosecond precision.

    Digits past the ninth fractional one are dropped, as Go does.
    Raises ``ValueError`` for anything else.
    """
    if isinstance(s, str):
        unix_ns = _parse_engine_utc(s)
        if unix_ns is not None:
            return GoTime(unix_ns, 0)
    return _parse_rfc3339_general(s)


def _parse_rfc3339_general(s: str) -> GoTime:
    m = _RFC3339_RE.match(s)
    if not m:
        raise ValueError("cannot parse %r as RFC 3339 time" % (s,))
    year, month, day, hour, minute, sec = (int(g) for g in m.group(1, 2, 3, 4, 5, 6))
    frac = m.group(7) or ""
    if not (1 <= month <= 12) or not (1 <= day <= days_in_month(year, month)):
        raise ValueError("day or month out of range in %r" % (s,))
    if hour > 23 or minute > 59 or sec > 59:
        raise ValueError("time out of range in %r" % (s,))
    offset = 0
    if m.group(9):
        oh, om = int(m.group(10)), int(m.group(11))
        if oh > 23 or om > 59:
            raise ValueError("time zone offset out of range in %r" % (s,))
        offset = (oh * 3600 + om * 60) * (-1 if m.group(9) == "-" else 1)
    nanos = int((frac[:9]).ljust(9, "0")) if frac else 0
    secs = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + sec - offset
    return GoTime(secs * SECOND + nanos, offset)


def parse_rfc3339_nano(s: str) -> int:
    """Unix nanoseconds of an RFC 3339 timestamp (see :func:`parse_rfc3339`)."""
    if isinstance(s, str):
        unix_ns = _parse_engine_utc(s)
        if unix_ns is not None:
            return unix_ns
    return _parse_rfc3339_general(s).unix_ns


def format_rfc3339_nano(unix_ns: int, offset: int = 0) -> str:
    """Go's ``t.Format(time.RFC3339Nano)``: fraction without trailing zeros,
    ``Z`` for a zero offset."""
    local = unix_ns + offset * SECOND
    secs, nanos = divmod(local, SECOND)
    days, rem = divmod(secs, 86400)
    y, mo, d = civil_from_days(days)
    hh, rem = divmod(rem, 3600)
    mm, ss = divmod(rem, 60)
    out = "%04d-%02d-%02dT%02d:%02d:%02d" % (y, mo, d, hh, mm, ss)
    if nanos:
        out += "." + ("%09d" % nanos).rstrip("0")
    if offset == 0:
        out += "Z"
    else:
        sign = "-" if offset < 0 else "+"
        o = abs(offset) // 60
        out += "%s%02d:%02d" % (sign, o // 60, o % 60)
    return out


# ---------------------------------------------------------------------------
# Parse (the layout elements of the RFC 3339 family: what docker's --since uses)

RFC3339 = "2006-01-02T15:04:05Z07:00"
RFC3339_NANO = "2006-01-02T15:04:05.999999999Z07:00"

# The layout elements Go's nextStdChunk finds in RFC 3339-like layouts.
_STD = re.compile(r"(2006|01|02|15|04|05|\.999999999|Z07:00)")


def _parse_chunks(layout):
    """[(literal prefix, std element or None, ...)] -- Go's nextStdChunk loop, for RFC 3339-like layouts."""
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


class ParseError(ValueError):
    """Go's ``*time.ParseError``; ``str()`` is Go's message."""

    def __init__(self, layout, value, layout_elem, value_elem, message):
        def text(raw):
            return quote(raw.decode("utf-8", "surrogateescape"))

        if message:
            msg = "parsing time " + text(value) + message
        else:
            msg = (f"parsing time {text(value)} as {quote(layout)}: "
                   f"cannot parse {text(value_elem)} as {text(layout_elem)}")
        super().__init__(msg)


def parse(layout, value, default_offset=0):
    """Go's ``time.Parse`` (``ParseInLocation`` with a fixed zone: ``default_offset``
    seconds east of UTC) for RFC 3339-like layouts. Returns Unix nanoseconds; raises
    :class:`ParseError` with Go's message."""
    avalue = value.encode("utf-8", "surrogateescape")
    v = avalue
    year, month, day, hour, minute, sec, nsec = 0, -1, -1, 0, 0, 0, 0
    utc = False
    zone_offset = None
    chunks = _parse_chunks(layout)
    for index, (prefix, std) in enumerate(chunks):
        # skip(): the literal must match byte for byte.
        p = prefix
        while p:
            if not v or v[0] != p[0]:
                raise ParseError(layout, avalue, prefix, v, "")
            p, v = p[1:], v[1:]
        if std is None:
            if v:
                extra = quote(v.decode("utf-8", "surrogateescape"))
                raise ParseError(layout, avalue, b"", v, ": extra text: " + extra)
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
            raise ParseError(layout, avalue, std.encode(), v, ": " + range_error + " out of range")
        if bad:
            raise ParseError(layout, avalue, std.encode(), hold, "")
    if month < 0:
        month = 1
    if day < 0:
        day = 1
    if day < 1 or day > days_in_month(year, month):
        raise ParseError(layout, avalue, b"", v, ": day out of range")
    if utc:
        offset = 0
    elif zone_offset is not None:
        offset = zone_offset
    else:
        offset = default_offset
    seconds = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + sec - offset
    return seconds * 1_000_000_000 + nsec


# ---------------------------------------------------------------------------
# Format


def _layout_elements(layout):
    """Go's ``nextStdChunk`` over a whole layout: literal strings and (code, arg) pairs."""
    out = []
    i = 0
    start = 0
    n = len(layout)

    def emit(code, end, arg=None):
        out.append(layout[start:i])
        out.append((code, arg))
        return end

    while i < n:
        c = layout[i]
        rest = layout[i:]
        end = None
        if c == "J" and rest.startswith("Jan"):
            if rest.startswith("January"):
                end = emit("January", i + 7)
            elif not (len(rest) > 3 and "a" <= rest[3] <= "z"):
                end = emit("Jan", i + 3)
        elif c == "M" and len(rest) >= 3:
            if rest.startswith("Mon"):
                if rest.startswith("Monday"):
                    end = emit("Monday", i + 6)
                elif not (len(rest) > 3 and "a" <= rest[3] <= "z"):
                    end = emit("Mon", i + 3)
            if end is None and rest.startswith("MST"):
                end = emit("MST", i + 3)
        elif c == "0":
            if len(rest) >= 2 and "1" <= rest[1] <= "6":
                end = emit("0" + rest[1], i + 2)
            elif rest.startswith("002"):
                end = emit("002", i + 3)
        elif c == "1":
            end = emit("15", i + 2) if rest.startswith("15") else emit("1", i + 1)
        elif c == "2":
            end = emit("2006", i + 4) if rest.startswith("2006") else emit("2", i + 1)
        elif c == "_":
            if rest.startswith("_2"):
                if rest.startswith("_2006"):
                    i += 1  # a literal "_" then the year
                    end = emit("2006", i + 4)
                else:
                    end = emit("_2", i + 2)
            elif rest.startswith("__2"):
                end = emit("__2", i + 3)
        elif c in "345":
            end = emit(c, i + 1)
        elif c == "P" and rest.startswith("PM"):
            end = emit("PM", i + 2)
        elif c == "p" and rest.startswith("pm"):
            end = emit("pm", i + 2)
        elif c in "-Z":
            for token in ("070000", "07:00:00", "0700", "07:00", "07"):
                if rest[1:].startswith(token):
                    end = emit(c + token, i + 1 + len(token))
                    break
        elif c in ".," and len(rest) > 1 and rest[1] in "09":
            ch = rest[1]
            j = i + 1
            while j < n and layout[j] == ch:
                j += 1
            if not (j < n and layout[j].isdigit()):
                end = emit("frac" + ch, j, (c, j - i - 1))
        if end is None:
            i += 1
        else:
            i = start = end
    out.append(layout[start:])
    return out


_SHORT_DAYS = ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")

# Numeric layout elements: (printf pattern, index into (month, day, hour, hour12, minute, second)).
_NUMBER_ELEMENTS = {
    "01": ("%02d", 0), "1": ("%d", 0),
    "02": ("%02d", 1), "2": ("%d", 1), "_2": ("%2d", 1),
    "15": ("%02d", 2),
    "03": ("%02d", 3), "3": ("%d", 3),
    "04": ("%02d", 4), "4": ("%d", 4),
    "05": ("%02d", 5), "5": ("%d", 5),
}


def format_layout(t: GoTime, layout: str) -> str:
    """Go's ``Time.Format(layout)``."""
    y, mo, d, hh, mm, ss, nanos, days = t._civil()
    weekday = (days + 4) % 7
    numbers = (mo, d, hh, hh % 12 or 12, mm, ss)
    parts = []
    for chunk in _layout_elements(layout):
        if isinstance(chunk, str):
            parts.append(chunk)
            continue
        code, arg = chunk
        number = _NUMBER_ELEMENTS.get(code)
        if number is not None:
            pattern, field = number
            parts.append(pattern % numbers[field])
        elif code == "2006":
            parts.append("%04d" % y if y >= 0 else "-%04d" % -y)
        elif code == "06":
            parts.append("%02d" % (y % 100))
        elif code == "January":
            parts.append(Month.NAMES[mo - 1])
        elif code == "Jan":
            parts.append(Month.NAMES[mo - 1][:3])
        elif code == "Monday":
            parts.append(Weekday.NAMES[weekday])
        elif code == "Mon":
            parts.append(_SHORT_DAYS[weekday])
        elif code in ("002", "__2"):
            yday = t.YearDay()
            parts.append("%03d" % yday if code == "002" else "%3d" % yday)
        elif code == "PM":
            parts.append("PM" if hh >= 12 else "AM")
        elif code == "pm":
            parts.append("pm" if hh >= 12 else "am")
        elif code == "MST":
            parts.append(t._zone())
        elif code[0] in "-Z":
            off = t.offset
            if code[0] == "Z" and off == 0:
                parts.append("Z")
                continue
            sign = "-" if off < 0 else "+"
            off = abs(off)
            h, rem = divmod(off, 3600)
            m, s = divmod(rem, 60)
            token = code[1:]
            text = sign + "%02d" % h
            if token in ("0700", "070000"):
                text += "%02d" % m
            elif token in ("07:00", "07:00:00"):
                text += ":%02d" % m
            if token == "070000":
                text += "%02d" % s
            elif token == "07:00:00":
                text += ":%02d" % s
            parts.append(text)
        elif code.startswith("frac"):
            sep, digits = arg
            frac = ("%09d" % nanos)[:digits]
            if code == "frac9":
                frac = frac.rstrip("0")
                if frac:
                    parts.append(sep + frac)
            else:
                parts.append(sep + frac)
    return "".join(parts)
