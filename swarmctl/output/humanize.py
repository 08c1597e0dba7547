"""Human-readable values exactly as the Docker CLI (28.2) prints them.

Everything here is stdlib-only and cheap to import: it sits on the piped
(script) output path.

* :func:`human_duration` is go-units ``HumanDuration`` ("About a minute",
  "5 minutes", ...); :func:`human_duration_since` adds Go's ``time.Since``
  (with its int64 saturation) and :func:`ago` the ``"... ago"`` wording.
* :func:`parse_go_time` / :func:`parse_rfc3339_nano` read engine timestamps
  (RFC 3339 with up to nanosecond fractions) into integer nanoseconds since
  the Unix epoch, so ordering is exact; :func:`format_rfc3339_nano` writes
  them back the way Go's ``time.Time`` JSON encoding does.
* :func:`bytes_size` / :func:`human_size` are go-units ``BytesSize`` (binary,
  used by ``inspect --pretty``) and ``HumanSize`` (decimal).
* ``_format_go_duration`` is Go's ``time.Duration.String``; ``_format_go_float``
  is Go's ``%v`` / ``strconv.FormatFloat`` for float64 and float32 values.
"""

from __future__ import annotations

import re
import struct
import time as _time
from typing import NamedTuple, Optional, Union

__all__ = [
    "GoTime",
    "ZERO_TIME_NS",
    "NANOSECOND",
    "MICROSECOND",
    "MILLISECOND",
    "SECOND",
    "MINUTE",
    "HOUR",
    "human_duration",
    "human_duration_since",
    "ago",
    "since_ns",
    "now_ns",
    "parse_go_time",
    "parse_rfc3339_nano",
    "format_rfc3339_nano",
    "bytes_size",
    "human_size",
    "custom_size",
]

NANOSECOND = 1
MICROSECOND = 1000 * NANOSECOND
MILLISECOND = 1000 * MICROSECOND
SECOND = 1000 * MILLISECOND
MINUTE = 60 * SECOND
HOUR = 60 * MINUTE

_MIN_DURATION = -(1 << 63)
_MAX_DURATION = (1 << 63) - 1


# ---------------------------------------------------------------------------
# Go integer helpers (Go's / and % truncate toward zero)


def _go_quo(a: int, b: int) -> int:
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def _go_rem(a: int, b: int) -> int:
    return a - _go_quo(a, b) * b


def _clamp_duration(d: int) -> int:
    if d > _MAX_DURATION:
        return _MAX_DURATION
    if d < _MIN_DURATION:
        return _MIN_DURATION
    return d


def _dur_seconds(d: int) -> float:
    # time.Duration.Seconds()
    sec, nsec = _go_quo(d, SECOND), _go_rem(d, SECOND)
    return float(sec) + float(nsec) / 1e9


def _dur_minutes(d: int) -> float:
    m, nsec = _go_quo(d, MINUTE), _go_rem(d, MINUTE)
    return float(m) + float(nsec) / (60 * 1e9)


def _dur_hours(d: int) -> float:
    h, nsec = _go_quo(d, HOUR), _go_rem(d, HOUR)
    return float(h) + float(nsec) / (60 * 60 * 1e9)


# ---------------------------------------------------------------------------
# go-units HumanDuration


def human_duration(d: int) -> str:
    """go-units ``HumanDuration`` of a duration given in nanoseconds."""
    d = _clamp_duration(int(d))
    seconds = int(_dur_seconds(d))
    if seconds < 1:
        return "Less than a second"
    if seconds == 1:
        return "1 second"
    if seconds < 60:
        return "%d seconds" % seconds
    minutes = int(_dur_minutes(d))
    if minutes == 1:
        return "About a minute"
    if minutes < 60:
        return "%d minutes" % minutes
    hours = int(_dur_hours(d) + 0.5)
    if hours == 1:
        return "About an hour"
    if hours < 48:
        return "%d hours" % hours
    if hours < 24 * 7 * 2:
        return "%d days" % (hours // 24)
    if hours < 24 * 30 * 2:
        return "%d weeks" % (hours // 24 // 7)
    if hours < 24 * 365 * 2:
        return "%d months" % (hours // 24 // 30)
    return "%d years" % (int(_dur_hours(d)) // 24 // 365)


def now_ns() -> int:
    """Current wall-clock time in nanoseconds since the Unix epoch."""
    return _time.time_ns()


TimeLike = Union[str, int, "GoTime", None]


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
    the saturated maximum (shown as "292 years").
    """
    if now is None:
        now = now_ns()
    return _clamp_duration(now - _to_unix_ns(t))


def human_duration_since(t: TimeLike, now: Optional[int] = None) -> str:
    """``units.HumanDuration(time.Since(t))``."""
    return human_duration(since_ns(t, now))


def ago(t: TimeLike, now: Optional[int] = None, lower: bool = False) -> str:
    """``"<HumanDuration> ago"``; ``lower=True`` gives the ``ps`` wording
    (``"less than a second ago"``, ``"about a minute ago"``)."""
    s = human_duration_since(t, now)
    if lower:
        s = s.lower()
    return s + " ago"


# ---------------------------------------------------------------------------
# RFC 3339 timestamps


class GoTime(NamedTuple):
    """A parsed timestamp: Unix nanoseconds plus the zone offset it was
    written with (seconds east of UTC). Compare ``unix_ns`` for ordering."""

    unix_ns: int
    offset: int = 0

    def rfc3339_nano(self) -> str:
        return format_rfc3339_nano(self.unix_ns, self.offset)


_RFC3339_RE = re.compile(  # small: cheap to compile at import
    r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})"
    r"(?:[.,](\d+))?"
    r"(?:([Zz])|([+-])(\d{2}):(\d{2}))$"
)


def days_from_civil(y: int, m: int, d: int) -> int:
    y -= 1 if m <= 2 else 0
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _civil_from_days(z: int):
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
    if m == 2:
        leap = (y % 4 == 0 and y % 100 != 0) or y % 400 == 0
        return 29 if leap else 28
    return 30 if m in (4, 6, 9, 11) else 31


#: Go's zero ``time.Time`` (0001-01-01T00:00:00Z) in Unix nanoseconds.
ZERO_TIME_NS = days_from_civil(1, 1, 1) * 86400 * SECOND


def parse_go_time(s: str) -> GoTime:
    """Parse an RFC 3339 timestamp (Go's ``time.RFC3339Nano`` layout, as the
    engine writes them) keeping nanosecond precision.

    Digits past the ninth fractional one are dropped, as Go does.
    Raises ``ValueError`` for anything else.
    """
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
    """Unix nanoseconds of an RFC 3339 timestamp (see :func:`parse_go_time`)."""
    return parse_go_time(s).unix_ns


def format_rfc3339_nano(unix_ns: int, offset: int = 0) -> str:
    """Go's ``t.Format(time.RFC3339Nano)``: fraction without trailing zeros,
    ``Z`` for a zero offset."""
    local = unix_ns + offset * SECOND
    secs, nanos = divmod(local, SECOND)
    days, rem = divmod(secs, 86400)
    y, mo, d = _civil_from_days(days)
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
# go-units sizes

_DECIMAL_ABBRS = ("B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB")
_BINARY_ABBRS = ("B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB")


def _size_and_unit(size: float, base: float, units) -> tuple:
    i = 0
    limit = len(units) - 1
    while size >= base and i < limit:
        size = size / base
        i += 1
    return size, units[i]


def custom_size(fmt: str, size: float, base: float, units) -> str:
    """go-units ``CustomSize`` (``fmt`` takes the number then the unit)."""
    size, unit = _size_and_unit(float(size), base, units)
    return fmt % (size, unit)


def bytes_size(size: float) -> str:
    """go-units ``BytesSize``: binary units, 4 significant digits
    (``16MiB``, ``1.5GiB``) — what ``inspect --pretty`` prints for memory."""
    return custom_size("%.4g%s", size, 1024.0, _BINARY_ABBRS)


def human_size(size: float) -> str:
    """go-units ``HumanSize``: decimal units, 4 significant digits (``2.746MB``)."""
    return custom_size("%.4g%s", size, 1000.0, _DECIMAL_ABBRS)


# ---------------------------------------------------------------------------
# Go's time.Duration.String()


from swarmctl.utils.goduration import format_go_duration as _format_go_duration  # noqa: E402,F401


# ---------------------------------------------------------------------------
# Go float formatting (strconv.FormatFloat / fmt %v)


def _to_float32(x: float) -> float:
    return struct.unpack("<f", struct.pack("<f", x))[0]


def _shortest_digits(x: float, bits: int):
    """Shortest decimal digits that read back as ``x`` (as float64 or
    float32): returns (digits, dp) with value = 0.DIGITS * 10**dp."""
    x = abs(x)
    if bits == 32:
        x32 = _to_float32(x)
        text = None
        for p in range(1, 10):
            cand = "%.*e" % (p - 1, x32)
            if _to_float32(float(cand)) == x32:
                text = cand
                break
        if text is None:  # pragma: no cover - 9 digits always round-trip
            text = "%.8e" % x32
    else:
        text = repr(float(x))
    from decimal import Decimal

    _, digits, exp = Decimal(text).as_tuple()
    all_digits = "".join(str(c) for c in digits)
    ds = all_digits.rstrip("0")
    if not ds:
        return "", 0
    exp += len(all_digits) - len(ds)
    return ds, len(ds) + exp


def _fmt_e(neg: bool, ds: str, dp: int, prec: int) -> str:
    # prec: digits after the point (-1 = all of ds)
    if not ds:
        ds, dp = "0", 1
    if prec < 0:
        prec = len(ds) - 1
    mant = ds[0]
    if prec > 0:
        mant += "." + ds[1:1 + prec].ljust(prec, "0")
    exp = dp - 1 if ds != "0" else 0
    esign = "-" if exp < 0 else "+"
    exp = abs(exp)
    return ("-" if neg else "") + mant + "e" + esign + ("%02d" % exp)


def _fmt_f(neg: bool, ds: str, dp: int, prec: int) -> str:
    if dp > 0:
        ip = ds[:dp].ljust(dp, "0")
    else:
        ip = "0"
    out = ip
    if prec > 0:
        frac = []
        for i in range(prec):
            j = dp + i
            frac.append(ds[j] if 0 <= j < len(ds) else "0")
        out += "." + "".join(frac)
    return ("-" if neg else "") + out


def _format_go_float(x: float, verb: str = "v", bits: int = 64) -> str:
    """``fmt.Sprint`` of a float64/float32 (``verb='v'``, Go's shortest
    ``%g``), or the ``encoding/json`` number text (``verb='json'``)."""
    x = float(x)
    if x != x:
        return "NaN"
    if x in (float("inf"), float("-inf")):
        return "+Inf" if x > 0 else "-Inf"
    if bits == 32:
        x = _to_float32(x)
    neg = x < 0 or (x == 0 and str(x).startswith("-"))
    ds, dp = _shortest_digits(x, bits)
    if verb == "json":
        a = abs(x)
        use_e = a != 0 and (a < 1e-6 or a >= 1e21)
        if bits == 32 and a != 0:
            use_e = _to_float32(a) < _to_float32(1e-6) or a >= _to_float32(1e21)
        if use_e:
            s = _fmt_e(neg, ds, dp, -1)
            # clean up e-09 to e-9
            if len(s) >= 4 and s[-4] == "e" and s[-3] == "-" and s[-2] == "0":
                s = s[:-2] + s[-1]
            return s
        if not ds:
            return "-0" if neg else "0"
        return _fmt_f(neg, ds, dp, max(len(ds) - dp, 0))
    # %v -> 'g' with the shortest precision; Go then picks %e when the
    # exponent is < -4 or >= 6 (the precision used for shortest output).
    if not ds:
        return "-0" if neg else "0"
    exp = dp - 1
    if exp < -4 or exp >= 6:
        return _fmt_e(neg, ds, dp, -1)
    return _fmt_f(neg, ds, dp, max(len(ds) - dp, 0))
