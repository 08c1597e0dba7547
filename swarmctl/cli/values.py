"""Pure parsers for the scalar value syntaxes of ``docker service create/update``.

Every function here reproduces what the Docker CLI 28.2 (built with Go 1.24)
does for one value syntax, including the text of its error messages.

Errors
------
* :class:`FlagValueError` -- the value is refused while the flags are parsed.
  ``str(err)`` is the message docker prints *after* its
  ``invalid argument "X" for "--flag" flag: `` prefix (pflag adds that
  prefix, with ``X`` quoted by :func:`go_quote`).  Docker exits with 125.
* :class:`GoNumError` -- a :class:`FlagValueError` raised by the ``strconv``
  look-alikes; it also carries Go's ``NumError`` fields (``func``, ``num``,
  ``err``), because some docker messages embed only ``err``.
* :class:`SpecError` -- a validation error that docker reports after flag
  parsing, without any prefix (exit 1).
* :class:`GoPanic` -- docker itself panics (exit 2).

This module uses the standard library only and imports nothing from swarmctl.
"""

from __future__ import annotations

import os
import re
import unicodedata
from fractions import Fraction
from typing import Iterable, Mapping, Optional

__all__ = [
    "FlagValueError", "GoNumError", "SpecError", "GoPanic",
    "go_quote", "go_lower", "go_upper", "go_trim_space", "go_fields",
    "parse_go_int", "parse_go_bool", "parse_go_float",
    "parse_go_float32", "float32_repr", "float32_json_value", "float32_json_text",
    "parse_go_duration", "parse_positive_duration", "format_go_duration",
    "parse_ram_in_bytes", "parse_nano_cpus",
    "validate_label", "validate_env", "kv_list_to_map", "parse_key_value_list",
    "make_env", "read_env_file", "parse_shell_words", "read_csv_record",
]


# ---------------------------------------------------------------------------
# errors


class FlagValueError(ValueError):
    """A flag value refused by docker while parsing flags (exit status 125).

    ``str()`` is docker's message without the
    ``invalid argument "X" for "--flag" flag: `` prefix.
    """


class GoNumError(FlagValueError):
    """Go's ``*strconv.NumError``: ``strconv.<func>: parsing "<num>": <err>``.

    ``err`` is ``"invalid syntax"`` or ``"value out of range"`` (what
    ``errors.As(err, &numErr); numErr.Err`` yields in docker's code).
    """

    SYNTAX = "invalid syntax"
    RANGE = "value out of range"

    def __init__(self, func: str, num: str, err: str):
        self.func = func
        self.num = num
        self.err = err
        super().__init__("strconv.%s: parsing %s: %s" % (func, go_quote(num), err))


class SpecError(ValueError):
    """A validation error docker reports after flag parsing (exit status 1).

    ``str()`` is the complete message docker prints (no prefix is added).
    """


class GoPanic(RuntimeError):
    """The Docker CLI panics on this input (exit status 2).

    ``str()`` is the panic value as Go prints it after ``panic: ``, e.g.
    ``runtime error: slice bounds out of range [2:1]``; :attr:`stderr_line`
    is the first line docker writes to stderr.
    """

    @property
    def stderr_line(self) -> str:
        return "panic: " + str(self)


def _slice_panic(low: int, length: int) -> GoPanic:
    return GoPanic("runtime error: slice bounds out of range [%d:%d]" % (low, length))


# ---------------------------------------------------------------------------
# Go string helpers

_ESCAPES = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r",
            "\t": "\\t", "\v": "\\v"}


def _go_isprint(ch: str) -> bool:
    # strconv.IsPrint: letters, marks, numbers, punctuation, symbols, and ' '.
    return ch == " " or unicodedata.category(ch)[0] in "LMNPS"


def go_quote(s: str) -> str:
    """Go's ``strconv.Quote`` (and so ``%q``) for a string.

    Raw bytes smuggled in by ``surrogateescape`` (invalid UTF-8 on the command
    line) come out as ``\\xNN`` like Go prints invalid bytes.
    """
    out = ['"']
    for ch in s:
        o = ord(ch)
        if 0xD800 <= o <= 0xDFFF:
            raw = ch.encode("utf-8", "surrogateescape") if o >= 0xDC80 and o <= 0xDCFF \
                else ch.encode("utf-8", "surrogatepass")
            out.extend("\\x%02x" % b for b in raw)
        elif ch == '"' or ch == "\\":
            out.append("\\" + ch)
        elif _go_isprint(ch):
            out.append(ch)
        elif ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif o < 0x20 or o == 0x7F:
            out.append("\\x%02x" % o)
        elif o < 0x10000:
            out.append("\\u%04x" % o)
        else:
            out.append("\\U%08x" % o)
    out.append('"')
    return "".join(out)


def go_time_quote(s: str) -> str:
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


def _is_raw_byte(ch: str) -> bool:
    return 0xDC80 <= ord(ch) <= 0xDCFF


def go_lower(s: str) -> str:
    """Go's ``strings.ToLower``: simple (one rune to one rune) case mapping.

    Differences from ``str.lower``: characters whose Python lowering is
    several characters keep Go's single-rune mapping (``İ`` -> ``i``) and raw
    invalid bytes become U+FFFD, as ``strings.Map`` does.
    """
    if s.isascii():
        return s.lower()
    out = []
    for ch in s:
        if _is_raw_byte(ch):
            out.append("\ufffd")
            continue
        low = ch.lower()
        if len(low) != 1:
            low = "i" if ch == "\u0130" else ch
        out.append(low)
    return "".join(out)


def go_upper(s: str) -> str:
    """Go's ``strings.ToUpper`` (simple case mapping; ``ß`` stays ``ß``)."""
    if s.isascii():
        return s.upper()
    out = []
    for ch in s:
        if _is_raw_byte(ch):
            out.append("\ufffd")
            continue
        up = ch.upper()
        out.append(up if len(up) == 1 else ch)
    return "".join(out)


# unicode.IsSpace: '\t', '\n', '\v', '\f', '\r', ' ', U+0085, U+00A0 and
# category Zs (Z is for separators; Zl/Zp line and paragraph separators too).
_GO_SPACE_LATIN1 = "\t\n\v\f\r \x85\xa0"


def _go_isspace(ch: str) -> bool:
    o = ord(ch)
    if o <= 0xFF:
        return ch in _GO_SPACE_LATIN1
    return unicodedata.category(ch) in ("Zs", "Zl", "Zp")


def go_trim_space(s: str) -> str:
    """Go's ``strings.TrimSpace`` (Unicode white space, both ends)."""
    i, j = 0, len(s)
    while i < j and _go_isspace(s[i]):
        i += 1
    while j > i and _go_isspace(s[j - 1]):
        j -= 1
    return s[i:j]


def go_fields(s: str) -> list:
    """Go's ``strings.Fields``: split around runs of Unicode white space."""
    out, cur = [], []
    for ch in s:
        if _go_isspace(ch):
            if cur:
                out.append("".join(cur))
                cur = []
        else:
            cur.append(ch)
    if cur:
        out.append("".join(cur))
    return out


# ---------------------------------------------------------------------------
# strconv.ParseInt / ParseUint / ParseBool


def _lower_byte(c: str) -> str:
    return c.lower() if "A" <= c <= "Z" else c


def _underscore_ok(s: str) -> bool:
    # strconv.underscoreOK
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
        raise GoNumError(func, num, GoNumError.SYNTAX)
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
            raise GoNumError(func, num, GoNumError.SYNTAX)
        if d >= base:
            raise GoNumError(func, num, GoNumError.SYNTAX)
        if n >= cutoff:
            raise GoNumError(func, num, GoNumError.RANGE)
        n = n * base
        n1 = n + d
        if n1 < n or n1 > max_val:
            raise GoNumError(func, num, GoNumError.RANGE)
        n = n1
    if underscores and not _underscore_ok(s0):
        raise GoNumError(func, num, GoNumError.SYNTAX)
    return n


def parse_go_int(s: str, bits: int = 64, signed: bool = True, base: int = 0) -> int:
    """Go's ``strconv.ParseInt(s, base, bits)`` / ``ParseUint`` (``signed=False``).

    With ``base=0`` (what pflag and docker use for int/uint flags) the
    prefixes ``0x``, ``0o``, ``0b`` and a leading ``0`` (octal) are honoured,
    and ``_`` may separate digits as in Go literals (``1_000``, ``0x_ff``).
    A sign is accepted only when ``signed``.

    Errors (:class:`GoNumError`), e.g.
    ``strconv.ParseUint: parsing "-1": invalid syntax``,
    ``strconv.ParseInt: parsing "x": invalid syntax``,
    ``strconv.ParseInt: parsing "9223372036854775808": value out of range``.
    """
    if bits == 0:
        bits = 64
    if not signed:
        return _parse_uint(s, base, bits, "ParseUint", s)
    if s == "":
        raise GoNumError("ParseInt", s, GoNumError.SYNTAX)
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
        raise GoNumError("ParseInt", s, GoNumError.RANGE)
    if neg and un > cutoff:
        raise GoNumError("ParseInt", s, GoNumError.RANGE)
    return -un if neg else un


_BOOLS = {"1": True, "t": True, "T": True, "TRUE": True, "true": True, "True": True,
          "0": False, "f": False, "F": False, "FALSE": False, "false": False,
          "False": False}


def parse_go_bool(s: str) -> bool:
    """Go's ``strconv.ParseBool``.

    Error: ``strconv.ParseBool: parsing "x": invalid syntax``.
    """
    try:
        return _BOOLS[s]
    except KeyError:
        raise GoNumError("ParseBool", s, GoNumError.SYNTAX) from None


# ---------------------------------------------------------------------------
# strconv.ParseFloat


def _read_go_float(s: str):
    """Syntax of strconv.readFloat/special.

    Returns ``("special", float)`` or ``("num", Fraction)`` (exact value,
    sign included; ``-0`` is returned as ``("num", None)`` meaning negative
    zero), or None when the syntax is invalid.
    """
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
    if underscores and not _underscore_ok(s[:i]):
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


def _round_to_binary(value: Fraction, mant_bits: int, min_exp: int, max_exp: int):
    """Round a positive exact value to the nearest binary float with
    ``mant_bits`` bits of mantissa (implicit bit included), ties to even.

    Returns (float value as Fraction, overflowed).  ``min_exp``/``max_exp``
    are the exponents e of the normal range 2**e <= x < 2**(e+1).
    """
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


def _go_parse_float_exact(s: str, bits: int):
    """Parse like Go's ParseFloat; return (python float, exact Fraction or None)."""
    parsed = _read_go_float(s)
    if parsed is None:
        raise GoNumError("ParseFloat", s, GoNumError.SYNTAX)
    kind, val = parsed
    if kind == "special":
        return val, None
    if val is None:
        return -0.0, Fraction(0)
    if val == 0:
        return 0.0, Fraction(0)
    params = _F32 if bits == 32 else _F64
    neg = val < 0
    rounded, overflow = _round_to_binary(abs(val), *params)
    if overflow:
        raise GoNumError("ParseFloat", s, GoNumError.RANGE)
    f = float(rounded)  # exact: a float32/float64 value fits in a double
    if neg:
        f = -f
        rounded = -rounded
    if f == 0.0 and neg:
        f = -0.0
    return f, rounded


def parse_go_float(s: str, bits: int = 64) -> float:
    """Go's ``strconv.ParseFloat(s, bits)``.

    Accepts decimal and hexadecimal (``0x1.8p1``) forms, ``_`` digit
    separators as in Go literals, ``inf``/``infinity``/``nan`` (any case).
    Values are rounded correctly (directly to float32 when ``bits=32``).
    Errors: ``strconv.ParseFloat: parsing "x": invalid syntax`` and
    ``strconv.ParseFloat: parsing "1e400": value out of range``.
    """
    return _go_parse_float_exact(s, bits)[0]


def parse_go_float32(s: str) -> float:
    """``strconv.ParseFloat(s, 32)`` as used by docker's ``floatValue``
    (``--update-max-failure-ratio``, ``--rollback-max-failure-ratio``).

    Returns the float32 value as a Python float (exactly representable).
    NaN and infinities parse, but docker then fails to marshal the request
    (Go's ``json: unsupported value: NaN``).
    """
    return parse_go_float(s, 32)


def _shortest_digits(x: float, bits: int):
    """Shortest decimal digits that round-trip to ``x`` as float32/float64.

    Returns (digit string without leading zeros, dp) meaning 0.DIGITS * 10**dp,
    like Go's decimalSlice.  ``x`` must be finite, positive.
    """
    exact = Fraction(x)
    params = _F32 if bits == 32 else _F64

    def round_trips(frac: Fraction) -> bool:
        r, ovf = _round_to_binary(frac, *params)
        return not ovf and r == exact

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


def _fmt_e(neg: bool, digits: str, dp: int, prec: int) -> str:
    out = "-" if neg else ""
    out += digits[0] if digits else "0"
    if prec > 0:
        out += "." + (digits[1:prec + 1]).ljust(prec, "0")
    exp = dp - 1 if digits else 0
    sign = "+" if exp >= 0 else "-"
    exp = abs(exp)
    out += "e" + sign + ("%02d" % exp)
    return out


def _fmt_f(neg: bool, digits: str, dp: int, prec: int) -> str:
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


def _go_format_float(x: float, fmt: str, bits: int) -> str:
    if x != x:
        return "NaN"
    if x in (float("inf"), float("-inf")):
        return "+Inf" if x > 0 else "-Inf"
    neg = x < 0 or (x == 0 and str(x).startswith("-"))
    ax = abs(x)
    if ax == 0:
        digits, dp = "", 0
    else:
        digits, dp = _shortest_digits(ax, bits)
    nd = len(digits)
    if fmt == "e":
        return _fmt_e(neg, digits, dp, max(nd - 1, 0))
    if fmt == "f":
        return _fmt_f(neg, digits, dp, max(nd - dp, 0))
    # 'g' shortest
    prec = nd
    exp = dp - 1
    if exp < -4 or exp >= 6:
        return _fmt_e(neg, digits, dp, prec - 1)
    if prec > dp:
        prec = nd
    return _fmt_f(neg, digits, dp, max(prec - dp, 0))


def float32_repr(f: float) -> str:
    """Go's ``strconv.FormatFloat(float64(f32), 'g', -1, 32)`` for a float32
    value ``f`` (what ``floatValue.String()`` shows): ``0.3``, ``1e+06``."""
    return _go_format_float(f, "g", 32)


def float32_json_text(s: str) -> str:
    """The JSON text Go's encoding/json writes for the float32 parsed from
    ``s`` (``--update-max-failure-ratio 0.3`` is sent as ``0.3``).

    encoding/json writes float32 fields with the shortest float32 digits,
    in ``'f'`` form unless ``|v| < 1e-6`` or ``|v| >= 1e21`` (then ``'e'``
    form with ``e-09`` shortened to ``e-9``).
    """
    f = parse_go_float32(s)
    if f != f or f in (float("inf"), float("-inf")):
        raise ValueError("json: unsupported value: " + float32_repr(f))
    a = abs(f)
    fmt = "f"
    if a != 0 and (a < _F32_1E_6 or a >= 1e21):
        fmt = "e"
    out = _go_format_float(f, fmt, 32)
    if fmt == "e":
        m = re.search(r"e-0(\d)$", out)
        if m:
            out = out[:-4] + "e-" + m.group(1)
    return out


# float32(1e-6): Go compares float32(abs) < 1e-6 in float32 arithmetic, so the
# constant is rounded to float32 as well.
_F32_1E_6 = float(_round_to_binary(Fraction(1, 10 ** 6), *_F32)[0])


def float32_json_value(s: str) -> float:
    """A Python float for ``json.dumps`` standing in for the float32 parsed
    from ``s``.

    What the Docker CLI sends for ``--update-max-failure-ratio 0.3`` is the
    float32 nearest to 0.3 (0.30000001192092896...), which Go marshals with
    the *shortest float32* digits: ``"MaxFailureRatio":0.3``.  Sending the
    float32 value itself from Python would print
    ``0.30000001192092896``; this function returns ``float("0.3")`` instead,
    whose ``repr`` is Go's text.  (The engine parses the text back into a
    float32, so both denote the same stored value.)  Integral values are
    returned as ``int`` (Go writes ``1``, ``json.dumps(1.0)`` would write
    ``1.0``).

    ``json.dumps`` of the result equals Go's JSON text for integral values
    below 1e21 and other values whose magnitude is in [1e-4, 1e16); outside
    that range Python switches to exponent notation at other thresholds (see
    :func:`float32_json_text` for Go's exact text).
    """
    f = parse_go_float32(s)
    if f != f or f in (float("inf"), float("-inf")):
        return f
    if f == 0:
        return f if str(f).startswith("-") else 0
    text = _go_format_float(f, "f", 32)
    if "." not in text and abs(f) < 1e21:
        # Go writes integral values without a fraction ("1"); a Python int
        # is written the same way by json.dumps.
        return int(text)
    return float(text)


# ---------------------------------------------------------------------------
# time.ParseDuration / Duration.String

_NS = 1
_US = 1000
_MS = 1000 * _US
_S = 1000 * _MS
_MIN = 60 * _S
_H = 60 * _MIN
_UNITS = {"ns": _NS, "us": _US, "\u00b5s": _US, "\u03bcs": _US, "ms": _MS,
          "s": _S, "m": _MIN, "h": _H}
_U64 = 1 << 64
_MAXI64 = (1 << 63) - 1


def parse_go_duration(s: str) -> int:
    """Go's ``time.ParseDuration``; returns integer nanoseconds (int64).

    Units ``ns us µs μs ms s m h``, fractions (``1.5h``), several terms
    (``1h2m3.5s``), optional sign; a bare ``0`` (or ``-0``/``+0``) is zero.
    Errors, as docker prints them after its prefix:
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
        raise FlagValueError("time: invalid duration " + go_time_quote(orig))
    while s:
        if not (s[0] == "." or "0" <= s[0] <= "9"):
            raise FlagValueError("time: invalid duration " + go_time_quote(orig))
        # leadingInt
        pl = len(s)
        v = 0
        i = 0
        while i < len(s) and "0" <= s[i] <= "9":
            if v > (1 << 63) // 10:
                raise FlagValueError("time: invalid duration " + go_time_quote(orig))
            v = v * 10 + ord(s[i]) - 48
            if v > 1 << 63:
                raise FlagValueError("time: invalid duration " + go_time_quote(orig))
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
            raise FlagValueError("time: invalid duration " + go_time_quote(orig))
        i = 0
        while i < len(s) and not (s[i] == "." or "0" <= s[i] <= "9"):
            i += 1
        if i == 0:
            raise FlagValueError("time: missing unit in duration " + go_time_quote(orig))
        u = s[:i]
        s = s[i:]
        unit = _UNITS.get(u)
        if unit is None:
            raise FlagValueError("time: unknown unit %s in duration %s"
                                 % (go_time_quote(u), go_time_quote(orig)))
        if v > (1 << 63) // unit:
            raise FlagValueError("time: invalid duration " + go_time_quote(orig))
        v *= unit
        if f > 0:
            v += int(float(f) * (float(unit) / scale))
            if v > 1 << 63:
                raise FlagValueError("time: invalid duration " + go_time_quote(orig))
        d = (d + v) % _U64  # uint64 arithmetic, as in Go
        if d > 1 << 63:
            raise FlagValueError("time: invalid duration " + go_time_quote(orig))
    if neg:
        r = (-d) % _U64
        return r - _U64 if r > _MAXI64 else r
    if d > _MAXI64:
        raise FlagValueError("time: invalid duration " + go_time_quote(orig))
    return d


def parse_positive_duration(s: str) -> int:
    """docker's ``PositiveDurationOpt`` (the ``--health-*`` durations):
    ParseDuration, then ``duration cannot be negative`` for values < 0."""
    v = parse_go_duration(s)
    if v < 0:
        raise FlagValueError("duration cannot be negative")
    return v


from swarmctl.utils.goduration import format_go_duration  # noqa: E402,F401 (re-exported)


# ---------------------------------------------------------------------------
# go-units RAMInBytes

_BINARY = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40, "p": 1 << 50}
_MIN_I64 = -(1 << 63)


def _float_to_int64(x: float) -> int:
    """Go's int64(float64) conversion as compiled for amd64 (CVTTSD2SQ):
    truncation, and 0x8000000000000000 for NaN and out-of-range values."""
    if x != x or x >= 2.0 ** 63 or x < -(2.0 ** 63):
        return _MIN_I64
    return int(x)


def parse_ram_in_bytes(s: str) -> int:
    """go-units ``RAMInBytes`` (v0.5.0), as used by ``--limit-memory``,
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
        raise FlagValueError("invalid size: '%s'" % s)
    if s[sep] != " ":
        num, sfx = s[:sep + 1], s[sep + 1:]
    else:
        num, sfx = s[:sep], s[sep + 1:]
    size = parse_go_float(num, 64)
    if size < 0:
        raise FlagValueError("invalid size: '%s'" % s)
    if len(sfx) == 0:
        return _float_to_int64(size)
    # Go measures the suffix in bytes.
    if len(sfx.encode("utf-8", "surrogateescape")) > 3:
        raise FlagValueError("invalid suffix: '%s'" % sfx)
    low = go_lower(sfx)
    if low[0] == "b":
        if len(low) > 1:
            raise FlagValueError("invalid suffix: '%s'" % low)
        return _float_to_int64(size)
    mul = _BINARY.get(low[0])
    if mul is None:
        raise FlagValueError("invalid suffix: '%s'" % low)
    size *= float(mul)
    if (len(low) == 2 and low[1] != "b") or (len(low) == 3 and low[1:] != "ib"):
        raise FlagValueError("invalid suffix: '%s'" % low)
    return _float_to_int64(size)


# ---------------------------------------------------------------------------
# big.Rat.SetString and docker's NanoCPUs


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


def _rat_set_string(s: str) -> Optional[Fraction]:
    """Go's ``(*big.Rat).SetString`` (Go 1.24); None when it fails."""
    if s == "":
        return None
    sep = s.find("/")
    if sep >= 0:
        # numerator: Int.SetString(s[:sep], 0) -- optional sign, base prefix
        num_s = s[:sep]
        r = _Reader(num_s)
        c = r.read()
        if c is None:
            return None
        neg = False
        if c == "-":
            neg = True
        elif c != "+":
            r.unread()
        try:
            a, _, _ = _nat_scan(r, 0, False)
        except ValueError:
            return None
        if not r.at_eof():
            return None
        r = _Reader(s[sep + 1:])
        try:
            b, _, _ = _nat_scan(r, 0, False)
        except ValueError:
            return None
        if not r.at_eof():
            return None
        if b == 0:
            return None
        return Fraction(-a if neg else a, b)
    r = _Reader(s)
    c = r.read()
    neg = False
    if c == "-":
        neg = True
    elif c != "+":
        r.unread()
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


def parse_nano_cpus(s: str) -> int:
    """docker's ``NanoCPUs.Set`` (``--limit-cpu``, ``--reserve-cpu``).

    The value is read with ``big.Rat.SetString`` -- so ``1.5``, ``1e-3``,
    ``1/2`` (a fraction, each part may use base prefixes, ``010/1`` is 8),
    ``0x1p-1`` -- and multiplied by 1e9.  Errors:
    ``failed to parse X as a rational number`` and ``value is too precise``.
    Negative values are accepted here (the engine refuses them); very large
    ones wrap around like Go's ``big.Int.Int64``.
    """
    cpu = _rat_set_string(s)
    if cpu is None:
        raise FlagValueError("failed to parse %s as a rational number" % s)
    nano = cpu * 10 ** 9
    if nano.denominator != 1:
        raise FlagValueError("value is too precise")
    n = nano.numerator
    low = abs(n) % _U64
    if low >= 1 << 63:
        low -= _U64
    if n < 0:
        low = -low
        if low == 1 << 63:
            low = _MIN_I64
    return low


# ---------------------------------------------------------------------------
# labels, env, key=value lists

_WHITESPACES = " \t"


def validate_label(value: str) -> str:
    """docker's ``ValidateLabel`` (``--label``, ``--container-label``,
    ``--label-add``, ``--container-label-add``); returns the value unchanged.

    Errors: ``invalid label 'X': empty name`` and
    ``label 'KEY' contains whitespaces`` (KEY with leading blanks removed).
    """
    key = value.split("=", 1)[0].lstrip(_WHITESPACES)
    if key == "":
        raise FlagValueError("invalid label '%s': empty name" % value)
    if any(c in _WHITESPACES for c in key):
        raise FlagValueError("label '%s' contains whitespaces" % key)
    return value


def validate_env(value: str, environ: Optional[Mapping[str, str]] = None) -> str:
    """docker's ``ValidateEnv`` (``-e/--env``, ``--env-add``, ``--log-opt``).

    A bare ``KEY`` becomes ``KEY=<value>`` when ``KEY`` is set in ``environ``
    (default ``os.environ``); otherwise it stays bare.
    Error: ``invalid environment variable: =x`` (empty key).
    """
    if environ is None:
        environ = os.environ
    key, sep, _ = value.partition("=")
    if key == "":
        raise FlagValueError("invalid environment variable: " + value)
    if sep:
        return value
    if key in environ:
        return key + "=" + environ[key]
    return value


def kv_list_to_map(values: Iterable[str]) -> dict:
    """docker's ``ConvertKVStringsToMap``: split each entry at the first ``=``
    (a bare key maps to ``""``); later entries win.  The dict is returned with
    sorted keys, the order in which Go marshals a map."""
    result = {}
    for v in values:
        k, _, val = v.partition("=")
        result[k] = val
    return dict(sorted(result.items()))


def parse_key_value_list(values: Iterable[str], kind: str = "label",
                         environ: Optional[Mapping[str, str]] = None) -> dict:
    """Validate a repeatable ``key[=value]`` flag and build its map.

    ``kind``: ``"label"`` (--label, --container-label: :func:`validate_label`),
    ``"env"`` (--log-opt: :func:`validate_env`, bare keys expanded from
    ``environ``) or ``"plain"`` (--sysctl: no validation).
    Raises :class:`FlagValueError` for the first bad value.
    """
    checked = []
    for v in values:
        if kind == "label":
            checked.append(validate_label(v))
        elif kind == "env":
            checked.append(validate_env(v, environ))
        elif kind == "plain":
            checked.append(v)
        else:
            raise ValueError("unknown kind %r" % kind)
    return kv_list_to_map(checked)


def make_env(entries: Iterable[str]) -> list:
    """docker's ``serviceOptions.makeEnv`` de-duplication loop, exactly.

    ``entries`` = env-file lines (files in order) followed by the validated
    ``-e`` values.  The Go code deletes from a slice while ranging over it;
    this reproduces its results, the stale reads and the panic
    (``-e K=v -e K=v -e K=w`` raises :class:`GoPanic`
    ``runtime error: slice bounds out of range [2:1]``).
    """
    arr: list = []  # Go backing array
    n = 0           # slice length
    for env in entries:
        key = env.split("=", 1)[0]
        prefix = key + "="
        for i in range(n):  # range evaluates len once
            cur = arr[i]    # may be a stale element past the new length
            if cur == env:
                continue
            if cur.startswith(prefix):
                if i + 1 > n:
                    raise _slice_panic(i + 1, n)
                arr[i:n - 1] = arr[i + 1:n]
                n -= 1
        if n < len(arr):
            arr[n] = env
        else:
            arr.append(env)
        n += 1
    return arr[:n]


def read_env_file(path: str, environ: Optional[Mapping[str, str]] = None) -> list:
    """docker's ``kvfile.Parse`` for one ``--env-file`` (relative paths are
    relative to the process cwd).

    Lines are split like ``bufio.ScanLines`` (a trailing ``\\r`` dropped),
    a UTF-8 BOM on line 1 is dropped, leading Unicode white space is trimmed,
    empty lines and ``#`` lines are skipped, ``KEY=VALUE`` lines are kept
    verbatim (quotes included, trailing blanks kept), and a bare ``KEY`` is
    replaced by ``KEY=<value>`` from ``environ`` (default ``os.environ``) or
    dropped when unset.

    Errors (:class:`SpecError`, docker exits 1):
    ``open PATH: no such file or directory`` (any ``OSError``: Go's
    ``*PathError`` text), ``invalid env file (PATH): no variable name on line
    '=x'``, ``invalid env file (PATH): variable 'A B' contains whitespaces``,
    ``invalid env file (PATH): invalid utf8 bytes at line N: [..bytes..]``,
    ``invalid env file (PATH): bufio.Scanner: token too long`` (line >= 64 KiB).
    """
    if environ is None:
        environ = os.environ

    def fail(msg):
        return SpecError("invalid env file (%s): %s" % (path, msg))

    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except IsADirectoryError:
        # os.Open succeeds on a directory; the first read fails.
        raise fail("read %s: is a directory" % path) from None
    except OSError as exc:
        msg = exc.strerror or str(exc)
        msg = msg[:1].lower() + msg[1:]
        raise SpecError("open %s: %s" % (path, msg)) from None

    lines = []
    pos = 0
    lineno = 0
    while pos < len(data):
        lineno += 1
        nl = data.find(b"\n", pos)
        raw = data[pos:] if nl < 0 else data[pos:nl]
        if len(raw) >= 65536:  # bufio.MaxScanTokenSize
            raise fail("bufio.Scanner: token too long")
        pos = len(data) if nl < 0 else nl + 1
        if raw.endswith(b"\r"):
            raw = raw[:-1]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise fail("invalid utf8 bytes at line %d: [%s]"
                       % (lineno, " ".join(str(b) for b in raw))) from None
        if lineno == 1 and text.startswith("\ufeff"):
            text = text[1:]
        i = 0
        while i < len(text) and _go_isspace(text[i]):
            i += 1
        line = text[i:]
        if line == "" or line[0] == "#":
            continue
        key, sep, _ = line.partition("=")
        if key == "":
            raise fail("no variable name on line '%s'" % line)
        if any(c in _WHITESPACES for c in key):
            raise fail("variable '%s' contains whitespaces" % key)
        if sep:
            lines.append(line)
            continue
        if line in environ:
            lines.append(key + "=" + environ[line])
    return lines


# ---------------------------------------------------------------------------
# google/shlex


def parse_shell_words(s: str) -> list:
    """google/shlex ``Split`` (``--entrypoint``, ``--args``, also
    ``--health-cmd`` is *not* split).

    Differences from Python's ``shlex.split``:

    * ``#`` at the start of a word starts a comment that runs to the end of
      the line (Python's ``shlex.split`` disables comments by default); a
      ``#`` inside a word is literal (``a#b``).
    * Inside double quotes a backslash escapes *any* character
      (``"a\\b"`` -> ``ab``; POSIX keeps ``a\\b``).
    * Outside quotes ``\\<newline>`` yields a newline instead of joining lines.
    * Only space, tab, CR and LF separate words.

    Errors: ``EOF found when expecting closing quote`` and
    ``EOF found after escape character``.
    """
    words = []
    i = 0
    n = len(s)
    SPACE = " \t\r\n"
    while True:
        # startState
        state = "start"
        value = []
        is_comment = False
        while True:
            c = s[i] if i < n else None
            i += 1
            if state == "start":
                if c is None:
                    return words
                if c in SPACE:
                    continue
                if c == '"':
                    state = "dq"
                elif c == "'":
                    state = "sq"
                elif c == "\\":
                    state = "esc"
                elif c == "#":
                    state = "comment"
                    is_comment = True
                else:
                    value.append(c)
                    state = "word"
            elif state == "word":
                if c is None or c in SPACE:
                    break
                if c == '"':
                    state = "dq"
                elif c == "'":
                    state = "sq"
                elif c == "\\":
                    state = "esc"
                else:
                    value.append(c)
            elif state == "esc":
                if c is None:
                    raise FlagValueError("EOF found after escape character")
                value.append(c)
                state = "word"
            elif state == "dqesc":
                if c is None:
                    raise FlagValueError("EOF found after escape character")
                value.append(c)
                state = "dq"
            elif state == "dq":
                if c is None:
                    raise FlagValueError("EOF found when expecting closing quote")
                if c == '"':
                    state = "word"
                elif c == "\\":
                    state = "dqesc"
                else:
                    value.append(c)
            elif state == "sq":
                if c is None:
                    raise FlagValueError("EOF found when expecting closing quote")
                if c == "'":
                    state = "word"
                else:
                    value.append(c)
            elif state == "comment":
                if c is None:
                    break
                if c == "\n":
                    break
                value.append(c)
        if not is_comment:
            words.append("".join(value))
        if i > n:
            return words


# ---------------------------------------------------------------------------
# encoding/csv: the first record, as csv.NewReader(strings.NewReader(v)).Read()

_ERR_BARE_QUOTE = 'bare " in non-quoted-field'
_ERR_QUOTE = 'extraneous or missing " in quoted-field'


def read_csv_record(value: str) -> list:
    """The first record of ``value`` read by Go's ``encoding/csv`` with the
    default settings (comma ``,``, no comments, strict quotes) -- how docker
    reads ``--mount``, ``--publish``, ``--network``, ``--secret``/``--config``.

    Only the first line (or the first quoted multi-line record) is used; any
    later lines are ignored.  Empty lines before it are skipped.

    Errors: ``EOF`` (empty value), ``parse error on line 1, column 5: bare "
    in non-quoted-field``, ``parse error on line 1, column 5: extraneous or
    missing " in quoted-field`` and, for a record spanning lines,
    ``record on line 1; parse error on line 2, column 3: ...``.  Columns are
    1-based byte offsets.
    """
    data = value.encode("utf-8", "surrogateescape")
    pos_in = 0
    num_line = 0

    def read_line():
        nonlocal pos_in, num_line
        if pos_in >= len(data):
            num_line += 1
            return b"", True
        nl = data.find(b"\n", pos_in)
        if nl < 0:
            line = data[pos_in:]
            pos_in = len(data)
            eof = False  # a non-empty last line is returned without EOF
            if line.endswith(b"\r"):
                line = line[:-1]
        else:
            line = data[pos_in:nl + 1]
            pos_in = nl + 1
            eof = False
        num_line += 1
        if len(line) >= 2 and line[-2:] == b"\r\n":
            line = line[:-2] + b"\n"
        return line, eof

    def length_nl(b):
        return 1 if b.endswith(b"\n") else 0

    def error(start, line, col, msg):
        if start != line:
            return FlagValueError("record on line %d; parse error on line %d, column %d: %s"
                                  % (start, line, col, msg))
        return FlagValueError("parse error on line %d, column %d: %s" % (line, col, msg))

    err_read = False
    line = b""
    while not err_read:
        line, err_read = read_line()
        if not err_read and len(line) == length_nl(line):
            line = b""
            continue
        break
    if err_read:
        raise FlagValueError("EOF")

    rec_line = num_line
    buf = bytearray()
    field_idx = []
    pos_line, pos_col = num_line, 1
    while True:
        if len(line) == 0 or line[0:1] != b'"':
            i = line.find(b",")
            field = line[:i] if i >= 0 else line[:len(line) - length_nl(line)]
            j = field.find(b'"')
            if j >= 0:
                raise error(rec_line, num_line, pos_col + j, _ERR_BARE_QUOTE)
            buf += field
            field_idx.append(len(buf))
            if i >= 0:
                line = line[i + 1:]
                pos_col += i + 1
                continue
            break
        else:
            line = line[1:]
            pos_col += 1
            done = False
            while True:
                i = line.find(b'"')
                if i >= 0:
                    buf += line[:i]
                    line = line[i + 1:]
                    pos_col += i + 1
                    nxt = line[0:1]
                    if nxt == b'"':
                        buf += b'"'
                        line = line[1:]
                        pos_col += 1
                    elif nxt == b",":
                        line = line[1:]
                        pos_col += 1
                        field_idx.append(len(buf))
                        break
                    elif length_nl(line) == len(line):
                        field_idx.append(len(buf))
                        done = True
                        break
                    else:
                        raise error(rec_line, num_line, pos_col - 1, _ERR_QUOTE)
                elif len(line) > 0:
                    buf += line
                    if err_read:
                        done = True
                        field_idx.append(len(buf))
                        break
                    pos_col += len(line)
                    line, err_read = read_line()
                    if len(line) > 0:
                        pos_line += 1
                        pos_col = 1
                    if err_read:
                        err_read = False
                else:
                    raise error(rec_line, pos_line, pos_col, _ERR_QUOTE)
            if done:
                break
            continue
    text = bytes(buf)
    out = []
    prev = 0
    for idx in field_idx:
        out.append(text[prev:idx].decode("utf-8", "surrogateescape"))
        prev = idx
    return out
