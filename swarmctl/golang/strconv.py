"""Go's ``strconv``: integer, bool and float parsing, shortest float formatting, quoting.

Byte-exact copies of Go 1.24 behaviour, error texts included.  Raw bytes smuggled into a
``str`` by ``surrogateescape`` (invalid UTF-8) stand for Go's invalid bytes.
"""

from __future__ import annotations

import math
import re
import struct
import unicodedata

# ``fractions`` (which loads ``decimal``) is imported inside the functions doing exact
# arithmetic: parsing and float32 digits are off the output path, which only formats float64.


class NumError(ValueError):
    """Go's ``*strconv.NumError``: ``strconv.<func>: parsing "<num>": <err>``.

    ``err`` is :attr:`SYNTAX` or :attr:`RANGE` (what ``numErr.Err`` yields in Go).
    """

    SYNTAX = "invalid syntax"
    RANGE = "value out of range"

    def __init__(self, func: str, num: str, err: str):
        self.func = func
        self.num = num
        self.err = err
        super().__init__("strconv.%s: parsing %s: %s" % (func, quote(num), err))


# ---------------------------------------------------------------------------
# Quote / Unquote

_ESCAPES = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r",
            "\t": "\\t", "\v": "\\v"}


def is_print(ch: str) -> bool:
    """Go's ``strconv.IsPrint``: letters, marks, numbers, punctuation, symbols and ' '."""
    return ch == " " or unicodedata.category(ch)[0] in "LMNPS"


def is_raw_byte(ch: str) -> bool:
    """True for a raw invalid byte carried by ``surrogateescape``."""
    return 0xDC80 <= ord(ch) <= 0xDCFF


def quote(s: str, ascii_only: bool = False, quote_char: str = '"',
          surrogate_as_replacement: bool = False) -> str:
    """Go's ``strconv.Quote`` (``%q``); ``ascii_only`` is ``QuoteToASCII``.

    Raw bytes from ``surrogateescape`` come out as ``\\xNN`` like Go's invalid bytes.  Other
    lone surrogates are written as their UTF-8 bytes, or, with ``surrogate_as_replacement``
    (the template engine, whose strings Go would hold as U+FFFD), as ``\\ufffd``.
    """
    if s.isascii() and s.isprintable() and quote_char not in s and "\\" not in s:
        return quote_char + s + quote_char
    out = [quote_char]
    for ch in s:
        o = ord(ch)
        if ch == quote_char or ch == "\\":
            out.append("\\" + ch)
        elif 0xDC80 <= o <= 0xDCFF:
            out.append("\\x%02x" % (o - 0xDC00))
        elif 0xD800 <= o <= 0xDFFF:
            if surrogate_as_replacement:
                out.append("\\ufffd")
            else:
                out.extend("\\x%02x" % b for b in ch.encode("utf-8", "surrogatepass"))
        elif (o < 0x80 or not ascii_only) and is_print(ch):
            out.append(ch)
        elif ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif o < 0x20 or o == 0x7F:
            out.append("\\x%02x" % o)
        elif o < 0x10000:
            out.append("\\u%04x" % o)
        else:
            out.append("\\U%08x" % o)
    out.append(quote_char)
    return "".join(out)


def _byte_char(b):
    # a byte value as the str character that stands for it (raw bytes via surrogateescape)
    return chr(b) if b < 0x80 else chr(0xDC00 + b)


def unquote_char(s: str, i: int, quote: str):
    """Go's ``strconv.UnquoteChar`` at ``s[i]``: returns (text, new index) or raises ValueError."""
    c = s[i]
    if c == quote and quote in "'\"":
        raise ValueError
    if c != "\\":
        # A raw byte that is not UTF-8 decodes as utf8.RuneError (U+FFFD).
        return ("\ufffd" if "\udc80" <= c <= "\udcff" else c), i + 1
    i += 1
    if i >= len(s):
        raise ValueError
    c = s[i]
    i += 1
    simple = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t",
              "v": "\v", "\\": "\\"}
    if c in simple:
        return simple[c], i
    if c in "xuU":
        size = {"x": 2, "u": 4, "U": 8}[c]
        h = s[i:i + size]
        if len(h) < size or any(ch not in "0123456789abcdefABCDEF" for ch in h):
            raise ValueError
        v = int(h, 16)
        if c == "x":
            return _byte_char(v), i + size
        if v > 0x10FFFF or 0xD800 <= v <= 0xDFFF:
            raise ValueError
        return chr(v), i + size
    if "0" <= c <= "7":
        o = s[i - 1:i + 2]
        if len(o) < 3 or any(ch not in "01234567" for ch in o):
            raise ValueError
        v = int(o, 8)
        if v > 255:
            raise ValueError
        return _byte_char(v), i + 2
    if c in "'\"":
        if c != quote:
            raise ValueError
        return c, i
    raise ValueError


def unquote(tok: str) -> str:
    """Go's ``strconv.Unquote`` for a string token; raises ValueError ("invalid syntax")."""
    q = tok[0]
    if q == "`":
        return tok[1:-1].replace("\r", "")
    body = tok[1:-1]
    if "\\" not in body and not any("\udc80" <= c <= "\udcff" for c in body):
        return body   # Go's fast path: no escapes and valid UTF-8
    out = []
    i = 0
    while i < len(body):
        t, i = unquote_char(body, i, q)
        out.append(t)
    return "".join(out)


# ---------------------------------------------------------------------------
# ParseInt / ParseUint / ParseBool


def _lower_byte(c: str) -> str:
    return c.lower() if "A" <= c <= "Z" else c


def underscore_ok(s: str) -> bool:
    """Go's ``strconv.underscoreOK``: ``_`` only between digits or after a base prefix."""
    saw = "^"
    i = 0
    if s[:1] in ("-", "+"):
        s = s[1:]
    hexa = False
    if len(s) >= 2 and s[0] == "0" and _lower_byte(s[1]) in "box":
        i = 2
        saw = "0"
        hexa = _lower_byte(s[1]) == "x"
    while i < len(s):
        c = s[i]
        if "0" <= c <= "9" or (hexa and "a" <= _lower_byte(c) <= "f"):
            saw = "0"
        elif c == "_":
            if saw != "0":
                return False
            saw = "_"
        else:
            if saw == "_":
                return False
            saw = "!"
        i += 1
    return saw != "_"


def _parse_uint(s: str, base: int, bits: int, func: str, num: str) -> int:
    """strconv.ParseUint core; errors name ``func`` and ``num``."""
    if s == "":
        raise NumError(func, num, NumError.SYNTAX)
    base0 = base == 0
    s0 = s
    if 2 <= base <= 36:
        pass
    elif base == 0:
        base = 10
        if s[0] == "0":
            if len(s) >= 3 and _lower_byte(s[1]) == "b":
                base, s = 2, s[2:]
            elif len(s) >= 3 and _lower_byte(s[1]) == "o":
                base, s = 8, s[2:]
            elif len(s) >= 3 and _lower_byte(s[1]) == "x":
                base, s = 16, s[2:]
            else:
                base, s = 8, s[1:]
    else:
        raise ValueError("invalid base %d" % base)
    max_val = (1 << bits) - 1
    cutoff = (1 << 64) // base + 1  # Go: maxUint64/base + 1
    n = 0
    underscores = False
    for c in s:
        if c == "_" and base0:
            underscores = True
            continue
        if "0" <= c <= "9":
            d = ord(c) - 48
        elif "a" <= _lower_byte(c) <= "z":
            d = ord(_lower_byte(c)) - 87
        else:
            raise NumError(func, num, NumError.SYNTAX)
        if d >= base:
            raise NumError(func, num, NumError.SYNTAX)
        if n >= cutoff:
            raise NumError(func, num, NumError.RANGE)
        n = n * base
        n1 = n + d
        if n1 < n or n1 > max_val:
            raise NumError(func, num, NumError.RANGE)
        n = n1
    if underscores and not underscore_ok(s0):
        raise NumError(func, num, NumError.SYNTAX)
    return n


def parse_int(s: str, bits: int = 64, signed: bool = True, base: int = 0) -> int:
    """Go's ``strconv.ParseInt(s, base, bits)`` / ``ParseUint`` (``signed=False``).

    With ``base=0`` (what pflag and docker use for int/uint flags) the
    prefixes ``0x``, ``0o``, ``0b`` and a leading ``0`` (octal) are honoured,
    and ``_`` may separate digits as in Go literals (``1_000``, ``0x_ff``).
    A sign is accepted only when ``signed``.

    Errors (:class:`NumError`), e.g.
    ``strconv.ParseUint: parsing "-1": invalid syntax``,
    ``strconv.ParseInt: parsing "x": invalid syntax``,
    ``strconv.ParseInt: parsing "9223372036854775808": value out of range``.
    """
    if bits == 0:
        bits = 64
    if not signed:
        return _parse_uint(s, base, bits, "ParseUint", s)
    if s == "":
        raise NumError("ParseInt", s, NumError.SYNTAX)
    neg = False
    body = s
    if s[0] == "+":
        body = s[1:]
    elif s[0] == "-":
        neg = True
        body = s[1:]
    un = _parse_uint(body, base, bits, "ParseInt", s)
    cutoff = 1 << (bits - 1)
    if not neg and un >= cutoff:
        raise NumError("ParseInt", s, NumError.RANGE)
    if neg and un > cutoff:
        raise NumError("ParseInt", s, NumError.RANGE)
    return -un if neg else un


_BOOLS = {"1": True, "t": True, "T": True, "TRUE": True, "true": True, "True": True,
          "0": False, "f": False, "F": False, "FALSE": False, "false": False,
          "False": False}


def parse_bool(s: str) -> bool:
    """Go's ``strconv.ParseBool``.

    Error: ``strconv.ParseBool: parsing "x": invalid syntax``.
    """
    try:
        return _BOOLS[s]
    except KeyError:
        raise NumError("ParseBool", s, NumError.SYNTAX) from None


# ---------------------------------------------------------------------------
# strconv.ParseFloat


def _read_go_float(s: str):
    """Syntax of strconv.readFloat/special.

    Returns ``("special", float)`` or ``("num", Fraction)`` (exact value,
    sign included; ``-0`` is returned as ``("num", None)`` meaning negative
    zero), or None when the syntax is invalid.
    """
    from fractions import Fraction

    # special(): inf / infinity / nan
    if s:
        c = s[0]
        rest = s
        sign = 1.0
        if c in "+-":
            sign = -1.0 if c == "-" else 1.0
            rest = s[1:]
            low = rest.lower() if rest.isascii() else None
            if low in ("inf", "infinity"):
                return ("special", sign * float("inf"))
        elif c in "iI":
            if s.isascii() and s.lower() in ("inf", "infinity"):
                return ("special", float("inf"))
        elif c in "nN":
            if s.isascii() and s.lower() == "nan":
                return ("special", float("nan"))
    i = 0
    n = len(s)
    neg = False
    underscores = False
    if i >= n:
        return None
    if s[i] == "+":
        i += 1
    elif s[i] == "-":
        neg = True
        i += 1
    base = 10
    exp_char = "e"
    if i + 2 < n and s[i] == "0" and _lower_byte(s[i + 1]) == "x":
        base = 16
        i += 2
        exp_char = "p"
    sawdot = False
    sawdigits = False
    digits = []      # all mantissa digits
    frac_digits = 0  # digits after the dot
    while i < n:
        c = s[i]
        if c == "_":
            underscores = True
        elif c == ".":
            if sawdot:
                break
            sawdot = True
        elif "0" <= c <= "9":
            sawdigits = True
            digits.append(ord(c) - 48)
            if sawdot:
                frac_digits += 1
        elif base == 16 and "a" <= _lower_byte(c) <= "f":
            sawdigits = True
            digits.append(ord(_lower_byte(c)) - 87)
            if sawdot:
                frac_digits += 1
        else:
            break
        i += 1
    if not sawdigits:
        return None
    exp = 0
    if i < n and _lower_byte(s[i]) == exp_char:
        i += 1
        if i >= n:
            return None
        esign = 1
        if s[i] == "+":
            i += 1
        elif s[i] == "-":
            i += 1
            esign = -1
        if i >= n or not ("0" <= s[i] <= "9"):
            return None
        e = 0
        while i < n and ("0" <= s[i] <= "9" or s[i] == "_"):
            if s[i] == "_":
                underscores = True
            elif e < 10000:
                e = e * 10 + ord(s[i]) - 48
            i += 1
        exp = e * esign
    elif base == 16:
        return None
    if underscores and not underscore_ok(s[:i]):
        return None
    if i != n:
        return None
    mant = 0
    for d in digits:
        mant = mant * base + d
    if mant == 0:
        return ("num", None if neg else Fraction(0))
    if base == 16:
        value = Fraction(mant) * Fraction(2) ** (exp - 4 * frac_digits)
    else:
        value = Fraction(mant) * Fraction(10) ** (exp - frac_digits)
    return ("num", -value if neg else value)


def round_to_binary(value, mant_bits: int, min_exp: int, max_exp: int):
    """Round a positive exact value to the nearest binary float with
    ``mant_bits`` bits of mantissa (implicit bit included), ties to even.

    Returns (float value as Fraction, overflowed).  ``min_exp``/``max_exp``
    are the exponents e of the normal range 2**e <= x < 2**(e+1).
    """
    from fractions import Fraction

    num, den = value.numerator, value.denominator
    e = num.bit_length() - den.bit_length()
    if Fraction(2) ** e > value:
        e -= 1
    # now 2**e <= value < 2**(e+1)
    if e < min_exp:
        e = min_exp  # subnormal: fixed quantum
    shift = mant_bits - 1 - e  # value * 2**shift has mant_bits integer bits
    scaled = value * (Fraction(2) ** shift)
    q, r = divmod(scaled.numerator, scaled.denominator)
    twice = 2 * r
    if twice > scaled.denominator or (twice == scaled.denominator and q & 1):
        q += 1
    result = Fraction(q) / (Fraction(2) ** shift)
    limit = Fraction(2) ** (max_exp + 1)
    if result >= limit:
        return None, True
    return result, False


_F32 = (24, -126, 127)
_F64 = (53, -1022, 1023)


def _parse_float_exact(s: str, bits: int):
    """Parse like Go's ParseFloat; return (python float, exact Fraction or None)."""
    from fractions import Fraction

    parsed = _read_go_float(s)
    if parsed is None:
        raise NumError("ParseFloat", s, NumError.SYNTAX)
    kind, val = parsed
    if kind == "special":
        return val, None
    if val is None:
        return -0.0, Fraction(0)
    if val == 0:
        return 0.0, Fraction(0)
    params = _F32 if bits == 32 else _F64
    neg = val < 0
    rounded, overflow = round_to_binary(abs(val), *params)
    if overflow:
        raise NumError("ParseFloat", s, NumError.RANGE)
    f = float(rounded)  # exact: a float32/float64 value fits in a double
    if neg:
        f = -f
        rounded = -rounded
    if f == 0.0 and neg:
        f = -0.0
    return f, rounded


def parse_float(s: str, bits: int = 64) -> float:
    """Go's ``strconv.ParseFloat(s, bits)``.

    Accepts decimal and hexadecimal (``0x1.8p1``) forms, ``_`` digit
    separators as in Go literals, ``inf``/``infinity``/``nan`` (any case).
    Values are rounded correctly (directly to float32 when ``bits=32``).
    Errors: ``strconv.ParseFloat: parsing "x": invalid syntax`` and
    ``strconv.ParseFloat: parsing "1e400": value out of range``.
    """
    return _parse_float_exact(s, bits)[0]


def shortest_digits(x: float, bits: int):
    """Shortest decimal digits that round-trip to ``x`` as float32/float64.

    Returns (digit string without leading zeros, dp) meaning 0.DIGITS * 10**dp,
    like Go's decimalSlice.  ``x`` must be finite, positive.
    """
    if bits == 64:
        r = repr(x)
        # Python's repr is the shortest round-trip for doubles.
        m = re.match(r"^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$", r)
        intpart, fracpart, e = m.group(1), m.group(2) or "", int(m.group(3) or 0)
        digits = (intpart + fracpart).lstrip("0")
        lead = len(intpart + fracpart) - len((intpart + fracpart).lstrip("0"))
        dp = len(intpart) + e - lead
        digits = digits.rstrip("0")
        return digits, dp
    from fractions import Fraction

    exact = Fraction(x)

    def round_trips(frac: Fraction) -> bool:
        r, ovf = round_to_binary(frac, *_F32)
        return not ovf and r == exact

    for p in range(1, 18):
        # correctly rounded p-digit candidate and its neighbours
        base = "%.*e" % (p - 1, x)
        mant, e = base.split("e")
        mant_int = int(mant.replace(".", ""))
        e = int(e)
        best = None
        # ties between two shortest candidates go to the correctly rounded
        # (half-even) one, as Go's Ryu implementation does
        for cand in (mant_int, mant_int - 1, mant_int + 1):
            if cand <= 0:
                continue
            frac = Fraction(cand) * Fraction(10) ** (e - (p - 1))
            if round_trips(frac):
                dist = abs(frac - exact)
                if best is None or dist < best[0]:
                    best = (dist, cand)
        if best is not None:
            cand = best[1]
            digits = str(cand)
            dp = e + 1 + (len(digits) - p)
            return digits.rstrip("0"), dp
    raise AssertionError("no shortest representation")  # pragma: no cover


def fmt_e(neg: bool, digits: str, dp: int, prec: int, exp_char: str = "e") -> str:
    """%e layout of the decimal 0.DIGITS * 10**dp with ``prec`` digits after the point."""
    out = "-" if neg else ""
    out += digits[0] if digits else "0"
    if prec > 0:
        out += "." + (digits[1:prec + 1]).ljust(prec, "0")
    exp = dp - 1 if digits else 0
    sign = "+" if exp >= 0 else "-"
    exp = abs(exp)
    out += exp_char + sign + ("%02d" % exp)
    return out


def fmt_f(neg: bool, digits: str, dp: int, prec: int) -> str:
    """%f layout of the decimal 0.DIGITS * 10**dp with ``prec`` digits after the point."""
    out = "-" if neg else ""
    if dp > 0:
        out += digits[:dp].ljust(dp, "0")
    else:
        out += "0"
    if prec > 0:
        frac = []
        for i in range(prec):
            j = dp + i
            frac.append(digits[j] if 0 <= j < len(digits) else "0")
        out += "." + "".join(frac)
    return out


def to_float32(x: float) -> float:
    """Go's ``float32(x)`` conversion (round to nearest even), as a Python float."""
    return struct.unpack("<f", struct.pack("<f", x))[0]


def _special(x: float):
    if x != x:
        return "NaN"
    if x in (float("inf"), float("-inf")):
        return "+Inf" if x > 0 else "-Inf"
    return None


def is_negative(x: float) -> bool:
    """The sign bit of ``x`` (true for -0 too)."""
    return x < 0 or (x == 0 and str(x).startswith("-"))


def format_float(x: float, fmt: str = "g", bits: int = 64, prec: int = -1) -> str:
    """Go's ``strconv.FormatFloat(x, fmt, prec, bits)`` for fmt in ``e E f F g G x X``.

    ``prec=-1`` is the shortest text that reads back as the same float64/float32; a float32
    is rounded from ``x`` first.  An explicit precision is supported for float64 only.
    """
    sp = _special(x)
    if sp is not None:
        return sp
    if fmt in "xX":
        return _format_hex(x, fmt == "X")
    if prec >= 0:
        return _format_prec(x, fmt, prec)
    if bits == 32:
        x = to_float32(x)
    neg = is_negative(x)
    ax = abs(x)
    if ax == 0:
        digits, dp = "", 0
    else:
        digits, dp = shortest_digits(ax, bits)
    nd = len(digits)
    exp_char = "E" if fmt in "EG" else "e"
    if fmt in "eE":
        return fmt_e(neg, digits, dp, max(nd - 1, 0), exp_char)
    if fmt in "fF":
        return fmt_f(neg, digits, dp, max(nd - dp, 0))
    # 'g' shortest: %e when the exponent is < -4 or >= 6
    exp = dp - 1
    if exp < -4 or exp >= 6:
        return fmt_e(neg, digits, dp, nd - 1, exp_char)
    return fmt_f(neg, digits, dp, max(nd - dp, 0))


def _format_prec(f: float, fmt: str, prec: int) -> str:
    # FormatFloat(f, fmt, prec, 64) with an explicit precision: C's printf rounds the same way.
    if fmt == "F":
        fmt = "f"
    if fmt in "gG" and prec == 0:
        prec = 1
    return ("%." + str(prec) + fmt) % f


def _format_hex(f: float, upper: bool = False) -> str:
    # FormatFloat(f, 'x', -1, 64): -0x1.8p+01
    neg = is_negative(f)
    if f == 0:
        s = "0x0p+00"
    else:
        m, e = math.frexp(abs(f))  # abs(f) = m * 2**e, 0.5 <= m < 1
        frac = int((m * 2 - 1) * (1 << 52))  # exact: 52 fraction bits
        exp = e - 1
        digits = ("%013x" % frac).rstrip("0")
        s = "0x1" + ("." + digits if digits else "")
        s += "p%s%02d" % ("-" if exp < 0 else "+", abs(exp))
    if neg:
        s = "-" + s
    return s.upper() if upper else s


def float32_repr(f: float) -> str:
    """Go's ``strconv.FormatFloat(float64(f32), 'g', -1, 32)`` (what ``fmt`` prints for a
    float32): ``0.3``, ``1e+06``."""
    return format_float(f, "g", 32)
