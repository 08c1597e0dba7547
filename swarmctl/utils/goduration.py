"""Go's time.Duration.String(), shared by flag parsing messages and output formatting."""
from __future__ import annotations

_MICROSECOND = 1_000
_MILLISECOND = 1_000_000
_SECOND = 1_000_000_000


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


def format_go_duration(d: int) -> str:
    """Go's ``time.Duration(d).String()``: ``0s``, ``1.5µs``, ``10s``,
    ``1m30s``, ``2h0m0s``."""
    d = min(max(int(d), -(1 << 63)), (1 << 63) - 1)  # Go int64
    neg = d < 0
    u = -d if neg else d
    if u < _SECOND:
        if u == 0:
            return "0s"
        if u < _MICROSECOND:
            prec, unit = 0, "ns"
        elif u < _MILLISECOND:
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
