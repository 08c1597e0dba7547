"""Go's ``math/big``: ``Rat.SetString``, exact rationals read like Go reads them."""

from __future__ import annotations

from fractions import Fraction
from typing import Optional


class _Reader:
    def __init__(self, s: str):
        self.s = s
        self.i = 0

    def read(self) -> Optional[str]:
        if self.i >= len(self.s):
            self.i += 1  # keep unread symmetric
            return None
        c = self.s[self.i]
        self.i += 1
        return c

    def unread(self):
        self.i -= 1

    def at_eof(self) -> bool:
        return self.i >= len(self.s)


def _digit_val(c: str) -> int:
    if "0" <= c <= "9":
        return ord(c) - 48
    if "a" <= c <= "z":
        return ord(c) - 87
    if "A" <= c <= "Z":
        return ord(c) - 55
    return 99


def _nat_scan(r: _Reader, base: int, frac_ok: bool):
    """math/big nat.scan; returns (value, base, count) or raises ValueError."""
    prev = "."
    inval_sep = False
    ch = r.read()
    b, prefix = base, ""
    count = 0
    if base == 0:
        b = 10
        if ch == "0":
            prev = "0"
            count = 1
            ch = r.read()
            if ch is not None:
                if ch in "bB":
                    b, prefix = 2, "b"
                elif ch in "oO":
                    b, prefix = 8, "o"
                elif ch in "xX":
                    b, prefix = 16, "x"
                elif not frac_ok:
                    b, prefix = 8, "0"
                if prefix:
                    count = 0
                    if prefix != "0":
                        ch = r.read()
    value = 0
    dp = -1
    while ch is not None:
        if ch == "." and frac_ok:
            frac_ok = False
            if prev == "_":
                inval_sep = True
            prev = "."
            dp = count
        elif ch == "_" and base == 0:
            if prev != "0":
                inval_sep = True
            prev = "_"
        else:
            d = _digit_val(ch)
            if d >= b:
                r.unread()
                break
            prev = "0"
            count += 1
            value = value * b + d
        ch = r.read()
    if ch is None:
        r.i = len(r.s)
    if inval_sep or prev == "_":
        raise ValueError("invalid separator")
    if count == 0:
        if prefix == "0":
            return 0, 10, 1
        raise ValueError("no digits")
    if dp >= 0:
        count = dp - count
    return value, b, count


def _scan_exponent(r: _Reader):
    ch = r.read()
    if ch is None:
        r.i = len(r.s)
        return 0, 10
    if ch in "eE":
        base = 10
    elif ch in "pP":
        base = 2
    else:
        r.unread()
        return 0, 10
    digits = ""
    ch = r.read()
    if ch is not None and ch in "+-":
        if ch == "-":
            digits = "-"
        ch = r.read()
    prev = "."
    inval_sep = False
    has_digits = False
    while ch is not None:
        if "0" <= ch <= "9":
            digits += ch
            prev = "0"
            has_digits = True
        elif ch == "_":
            if prev != "0":
                inval_sep = True
            prev = "_"
        else:
            r.unread()
            break
        ch = r.read()
    if ch is None:
        r.i = len(r.s)
    if not has_digits:
        raise ValueError("no digits")
    exp = int(digits)
    if not (-(1 << 63) <= exp < (1 << 63)):
        raise ValueError("exponent out of range")
    if inval_sep or prev == "_":
        raise ValueError("invalid separator")
    return exp, base


def _read_sign(r: _Reader) -> bool:
    # an optional sign: True for "-"
    c = r.read()
    if c == "-":
        return True
    if c != "+":
        r.unread()
    return False


def _scan_integer(r: _Reader) -> Optional[int]:
    # nat.scan in base 0 without a fraction, and nothing may follow
    try:
        value, _, _ = _nat_scan(r, 0, False)
    except ValueError:
        return None
    return value if r.at_eof() else None


def rat_set_string(s: str) -> Optional[Fraction]:
    """Go's ``(*big.Rat).SetString`` (Go 1.24); None when it fails."""
    if s == "":
        return None
    sep = s.find("/")
    if sep >= 0:
        # numerator: Int.SetString(s[:sep], 0) -- optional sign, base prefix
        if sep == 0:
            return None
        r = _Reader(s[:sep])
        neg = _read_sign(r)
        a = _scan_integer(r)
        if a is None:
            return None
        b = _scan_integer(_Reader(s[sep + 1:]))
        if b is None or b == 0:
            return None
        return Fraction(-a if neg else a, b)
    r = _Reader(s)
    neg = _read_sign(r)
    try:
        mant, base, fcount = _nat_scan(r, 0, True)
        exp, ebase = _scan_exponent(r)
    except ValueError:
        return None
    if not r.at_eof():
        return None
    if mant == 0:
        return Fraction(0)
    exp2 = exp5 = 0
    if fcount < 0:
        d = fcount
        if base == 10:
            exp5 = d
            exp2 = d
        elif base == 2:
            exp2 = d
        elif base == 8:
            exp2 = d * 3
        else:
            exp2 = d * 4
    if ebase == 10:
        exp5 += exp
        exp2 += exp
    else:
        exp2 += exp
    value = Fraction(mant)
    if exp5 != 0:
        if abs(exp5) > 10 ** 6:
            return None
        value *= Fraction(5) ** exp5
    if exp2 < -10 ** 7 or exp2 > 10 ** 7:
        return None
    value *= Fraction(2) ** exp2
    return -value if neg else value
