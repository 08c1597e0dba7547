"""go-units (github.com/docker/go-units v0.5.0): human durations and sizes, RAMInBytes."""

from __future__ import annotations

from swarmctl.golang.strconv import parse_float
from swarmctl.golang.strings import to_lower
from swarmctl.golang.time import (
    SECOND,
    clamp_duration,
    duration_hours,
    duration_minutes,
    duration_seconds,
)


class SizeError(ValueError):
    """A size go-units refuses; ``str()`` is its message (``invalid size: '-1m'``)."""


def human_duration(d: int) -> str:
    """go-units ``HumanDuration`` of a duration given in nanoseconds."""
    d = clamp_duration(int(d))
    if d >= 0:  # Duration.Seconds, where Go's truncating division is Python's
        seconds = int(float(d // SECOND) + float(d % SECOND) / 1e9)
    else:
        seconds = int(duration_seconds(d))
    if seconds < 1:
        return "Less than a second"
    if seconds == 1:
        return "1 second"
    if seconds < 60:
        return "%d seconds" % seconds
    minutes = int(duration_minutes(d))
    if minutes == 1:
        return "About a minute"
    if minutes < 60:
        return "%d minutes" % minutes
    hours = int(duration_hours(d) + 0.5)
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
    return "%d years" % (int(duration_hours(d)) // 24 // 365)


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


_BINARY = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40, "p": 1 << 50}
_MIN_I64 = -(1 << 63)


def _float_to_int64(x: float) -> int:
    """Go's int64(float64) conversion as compiled for amd64 (CVTTSD2SQ):
    truncation, and 0x8000000000000000 for NaN and out-of-range values."""
    if x != x or x >= 2.0 ** 63 or x < -(2.0 ** 63):
        return _MIN_I64
    return int(x)


def ram_in_bytes(s: str) -> int:
    """go-units ``RAMInBytes`` (v0.5.0), used by docker for ``--limit-memory``,
    ``--reserve-memory`` and ``tmpfs-size``.

    ``<number>[ ][k|m|g|t|p][i][b]``, case-insensitive, binary multiples,
    fractions allowed (``1.5g`` = 1610612736), result truncated to int64.
    Errors: ``invalid size: '-1m'`` (no digit at all, or negative),
    ``invalid suffix: 'x'`` (the lower-cased suffix; ``12x`` gives
    ``invalid suffix: 'x'``), or the ``strconv.ParseFloat`` error for a bad
    number part (``strconv.ParseFloat: parsing "1.2.3": invalid syntax``).
    """
    sep = -1
    for i in range(len(s) - 1, -1, -1):
        if s[i] in "0123456789. ":
            sep = i
            break
    if sep == -1:
        raise SizeError("invalid size: '%s'" % s)
    if s[sep] != " ":
        num, sfx = s[:sep + 1], s[sep + 1:]
    else:
        num, sfx = s[:sep], s[sep + 1:]
    size = parse_float(num, 64)
    if size < 0:
        raise SizeError("invalid size: '%s'" % s)
    if len(sfx) == 0:
        return _float_to_int64(size)
    # Go measures the suffix in bytes.
    if len(sfx.encode("utf-8", "surrogateescape")) > 3:
        raise SizeError("invalid suffix: '%s'" % sfx)
    low = to_lower(sfx)
    if low[0] == "b":
        if len(low) > 1:
            raise SizeError("invalid suffix: '%s'" % low)
        return _float_to_int64(size)
    mul = _BINARY.get(low[0])
    if mul is None:
        raise SizeError("invalid suffix: '%s'" % low)
    size *= float(mul)
    if (len(low) == 2 and low[1] != "b") or (len(low) == 3 and low[1:] != "ib"):
        raise SizeError("invalid suffix: '%s'" % low)
    return _float_to_int64(size)
