"""Go's ``fmt`` printing (Sprint, Sprintf, Sprintln) of template values."""

from swarmctl.golang.strconv import format_float
from .values import MISSING, OrderedFields, gotype, _sorted_keys, to_utf8, quote


# ---------------------------------------------------------------------------
# fmt (Sprint / Sprintf) subset


class _Flags:
    __slots__ = ("plus", "minus", "sharp", "space", "zero", "plus_v", "sharp_v",
                 "wid", "prec")

    def __init__(self):
        self.plus = self.minus = self.sharp = self.space = self.zero = False
        self.plus_v = self.sharp_v = False
        self.wid = None
        self.prec = None


_PLAIN = _Flags()


def _pad(s, f, zero_ok=True):
    # fmt's pad: to the width, on the right with "-", else on the left with blanks (or
    # zeros with the 0 flag, where the verb allows them)
    if not f.wid:
        return s
    w = f.wid - len(s)
    if w <= 0:
        return s
    if f.minus:
        return s + " " * w
    return ("0" if f.zero and zero_ok else " ") * w + s


def _pad_spaces(s, f):
    return _pad(s, f, zero_ok=False)


def sprint_value(v):
    """fmt.Sprint(v) for one operand (the default action printing)."""
    t = type(v)
    if t is str:
        return v
    if t is int:
        return str(v)
    if t is bool:
        return "true" if v else "false"
    if t is float:
        return format_float(v)
    if v is None:
        return "<nil>"
    return _fmt_value(v, "v", _PLAIN, 0)


def _bad_verb(v, verb, f):
    if v is None or v is MISSING:
        return "%!" + verb + "(<nil>)"
    return "%!" + verb + "(" + gotype(v) + "=" + _fmt_value(v, "v", f, 0) + ")"


def _fmt_integer(n, verb, f):
    if verb == "c":
        try:
            return _pad(chr(n), f)
        except (ValueError, OverflowError):
            return _pad("\ufffd", f)
    if verb == "q":
        try:
            ch = chr(n)
        except (ValueError, OverflowError):
            ch = "\ufffd"
        return _pad(quote(ch, f.plus, "'"), f)
    if verb == "U":
        s = "U+%04X" % n if n >= 0 else "U+%04X" % (n & 0xFFFFFFFFFFFFFFFF)
        if f.prec is not None and len(s) - 2 < f.prec:
            s = "U+" + s[2:].rjust(f.prec, "0")
        if f.sharp and 0 <= n <= 0x10FFFF and chr(n).isprintable():
            s += " '" + chr(n) + "'"
        return _pad_spaces(s, f)
    base = {"d": 10, "v": 10, "b": 2, "o": 8, "O": 8, "x": 16, "X": 16}[verb]
    neg = n < 0
    u = -n if neg else n
    if base == 10:
        digits = str(u)
    elif base == 16:
        digits = "%x" % u if verb == "x" else "%X" % u
    elif base == 8:
        digits = "%o" % u
    else:
        digits = format(u, "b")
    prec = None
    if f.prec is not None:
        prec = f.prec
        if prec == 0 and u == 0:
            return " " * f.wid if f.wid else ""
    elif f.zero and not f.minus and f.wid:
        prec = f.wid
        if neg or f.plus or f.space:
            prec -= 1
    if prec is not None and len(digits) < prec:
        digits = "0" * (prec - len(digits)) + digits
    if f.sharp:
        if base == 2:
            digits = "0b" + digits
        elif base == 8 and digits[0] != "0":
            digits = "0" + digits
        elif base == 16:
            digits = ("0x" if verb == "x" else "0X") + digits
    if verb == "O":
        digits = "0o" + digits
    if neg:
        digits = "-" + digits
    elif f.plus:
        digits = "+" + digits
    elif f.space:
        digits = " " + digits
    return _pad_spaces(digits, f)


def _fmt_float(v, verb, f):
    if verb == "v":
        fmt, prec = "g", -1
    elif verb in "bgGxX":
        fmt, prec = verb, -1
    else:  # f F e E
        fmt, prec = verb, 6
    if f.prec is not None:
        prec = f.prec
    if fmt in "xX":
        num = format_float(v, fmt)
    elif fmt == "b":
        num = format_float(v, "g")  # %b (binary exponent) is not supported
    elif prec < 0:
        num = format_float(v, fmt)
    else:
        num = format_float(v, fmt, 64, prec)
    if num[0] in "+-":
        sign, body = num[0], num[1:]
    else:
        sign, body = "+", num
    if f.space and sign == "+" and not f.plus:
        sign = " "
    if body[0] in "IN":  # Inf, NaN: no zero padding
        s = sign + body
        if body[0] == "N" and not f.space and not f.plus:
            s = body
        return _pad_spaces(s, f)
    if f.plus or sign != "+":
        s = sign + body
        if f.zero and not f.minus and f.wid and f.wid > len(s):
            return sign + "0" * (f.wid - len(s)) + body
        return _pad(s, f)
    return _pad(body, f)


def _fmt_string(s, verb, f):
    if verb == "v":
        if f.sharp_v:
            return _pad(quote(s), f)
        verb = "s"
    if verb == "s":
        if f.prec is not None:
            s = s[:f.prec]
        return _pad(s, f)
    if verb == "q":
        if f.prec is not None:
            s = s[:f.prec]
        if f.sharp and "`" not in s and all(
                c == "\t" or (c.isprintable() and c != "\ufeff") for c in s):  # CanBackquote
            return _pad("`" + s + "`", f)
        return _pad(quote(s, f.plus), f)
    if verb in "xX":
        b = to_utf8(s)
        if f.prec is not None:
            b = b[:f.prec]
        hexfmt = "%02x" if verb == "x" else "%02X"
        parts = []
        for i, byte in enumerate(b):
            h = hexfmt % byte
            if f.space:
                if f.sharp:
                    h = ("0x" if verb == "x" else "0X") + h
                if i:
                    h = " " + h
            elif f.sharp and i == 0:
                h = ("0x" if verb == "x" else "0X") + h
            parts.append(h)
        return _pad("".join(parts), f)
    return None


def _fmt_value(v, verb, f, depth):
    """fmt printValue/printArg for one operand with a verb."""
    if v is None or v is MISSING:
        if depth > 0:
            return _pad("interface {}(nil)" if f.sharp_v else "<nil>", f)
        if verb == "v" or verb == "T":
            return _pad("<nil>", f)
        return _bad_verb(v, verb, f)
    if verb == "T":
        return _pad(gotype(v), f)
    t = type(v)
    if t is str or (isinstance(v, str) and t is not bool):
        r = _fmt_string(str(v), verb, f)
        return _bad_verb(v, verb, f) if r is None else r
    if t is bool:
        if verb == "t" or verb == "v":
            return _pad("true" if v else "false", f)
        return _bad_verb(v, verb, f)
    if t is int or (isinstance(v, int) and not isinstance(v, bool)):
        if verb in "vdboOxXcqU":
            return _fmt_integer(int(v), verb, f)
        return _bad_verb(v, verb, f)
    if t is float or isinstance(v, float):
        if verb in "vbgGxXfFeE":
            return _fmt_float(float(v), verb, f)
        return _bad_verb(v, verb, f)
    if isinstance(v, (list, tuple)):
        if f.sharp_v:
            return gotype(v) + "{" + ", ".join(_fmt_value(e, verb, f, depth + 1) for e in v) + "}"
        return "[" + " ".join(_fmt_value(e, verb, f, depth + 1) for e in v) + "]"
    if isinstance(v, OrderedFields):
        sep = ", " if f.sharp_v else " "
        parts = []
        for k, e in v.items():
            s = _fmt_value(e, verb, f, depth + 1)
            if f.plus_v or f.sharp_v:
                s = str(k) + ":" + s
            parts.append(s)
        return (v.gotype if f.sharp_v else "") + "{" + sep.join(parts) + "}"
    if isinstance(v, dict):
        parts = [_fmt_value(k, verb, f, depth + 1) + ":" + _fmt_value(v[k], verb, f, depth + 1)
                 for k in _sorted_keys(v)]
        if f.sharp_v:
            return gotype(v) + "{" + ", ".join(parts) + "}"
        return "map[" + " ".join(parts) + "]"
    # struct-like object: fmt.Stringer / error first
    if not f.sharp_v and verb in "vsxXq":
        for meth in ("Error", "String"):
            m = getattr(v, meth, None)
            if m is not None and callable(m):
                r = _fmt_string(str(m()), verb, f)
                if r is not None:
                    return r
    if verb in "vs":
        return _pad(str(v), f)
    return _bad_verb(v, verb, f)


def _arg_number(fmt, argnum, i, nargs):
    # fmt's argNumber: an explicit [n] index at i; returns (argnum, i, found, ok)
    if i >= len(fmt) or fmt[i] != "[":
        return argnum, i, False, True
    close = fmt.find("]", i + 1)
    if close < 0:
        return argnum, i, False, False
    num = fmt[i + 1:close]
    if not num.isdigit():
        return argnum, close + 1, True, False
    idx = int(num) - 1
    if not 0 <= idx <= nargs:
        return argnum, close + 1, True, False
    return idx, close + 1, True, True


# fmt's tooLarge: widths and precisions beyond a million are refused, not allocated.
_TOO_LARGE = 1_000_000


def _int_from_arg(args, argnum):
    # fmt's intFromArg for a * width or precision: the int argument, or None (also when it
    # is too large)
    if argnum < len(args) and type(args[argnum]) is int and abs(args[argnum]) <= _TOO_LARGE:
        return args[argnum]
    return None


def _parse_number(fmt, i):
    # fmt's parsenum: the decimal number at i (None when there is none) and the next index.
    # Go checks the size before each further digit; a number grown too large is no number,
    # and the rest of the format is skipped (so the directive ends in %!(NOVERB)).
    num = None
    while i < len(fmt) and "0" <= fmt[i] <= "9":
        if num is not None and num > _TOO_LARGE:
            return None, len(fmt)
        num = (num or 0) * 10 + ord(fmt[i]) - ord("0")
        i += 1
    return num, i


def _go_sprintf(fmt, args):
    """fmt.Sprintf subset: flags, width, precision, *, [n] indexes, verbs."""
    out = []
    n = len(fmt)
    nargs = len(args)
    argnum = 0
    reordered = False
    i = 0
    while i < n:
        j = fmt.find("%", i)
        if j < 0:
            out.append(fmt[i:])
            break
        if j > i:
            out.append(fmt[i:j])
        i = j + 1
        f = _Flags()
        while i < n:
            c = fmt[i]
            if c == "#":
                f.sharp = True
            elif c == "0":
                f.zero = not f.minus
            elif c == "+":
                f.plus = True
            elif c == "-":
                f.minus = True
                f.zero = False
            elif c == " ":
                f.space = True
            else:
                break
            i += 1
        good_argnum = True
        after_index = False

        def scan_arg_number(argnum, i):
            # returns (argnum, i, found)
            nonlocal reordered, good_argnum
            argnum, i, found, ok = _arg_number(fmt, argnum, i, nargs)
            if found:
                reordered = True
            good_argnum = good_argnum and ok
            return argnum, i, found

        argnum, i, after_index = scan_arg_number(argnum, i)
        if i < n and fmt[i] == "*":
            i += 1
            width = _int_from_arg(args, argnum)
            if width is None:
                out.append("%!(BADWIDTH)")
            elif width < 0:
                f.wid, f.minus, f.zero = -width, True, False
            else:
                f.wid = width
            argnum += 1
            after_index = False
        else:
            width, i = _parse_number(fmt, i)
            if width is not None:
                f.wid = width
                if after_index:
                    good_argnum = False
        if i + 1 < n and fmt[i] == ".":
            i += 1
            if after_index:
                good_argnum = False
            argnum, i, after_index = scan_arg_number(argnum, i)
            if i < n and fmt[i] == "*":
                i += 1
                prec = _int_from_arg(args, argnum)
                if prec is not None and prec >= 0:
                    f.prec = prec
                else:
                    if prec is not None:
                        f.prec = None
                    out.append("%!(BADPREC)")
                argnum += 1
                after_index = False
            else:
                prec, i = _parse_number(fmt, i)
                f.prec = 0 if prec is None else prec
        if not after_index:
            argnum, i, after_index = scan_arg_number(argnum, i)
        if i >= n:
            out.append("%!(NOVERB)")
            break
        verb = fmt[i]
        i += 1
        if verb == "%":
            out.append("%")
        elif not good_argnum:
            out.append("%!" + verb + "(BADINDEX)")
        elif argnum >= nargs:
            out.append("%!" + verb + "(MISSING)")
        else:
            if verb == "v":
                f.sharp_v, f.sharp = f.sharp, False
                f.plus_v, f.plus = f.plus, False
            out.append(_fmt_value(args[argnum], verb, f, 0))
            argnum += 1
    if not reordered and argnum < nargs:
        extra = []
        for a in args[argnum:]:
            if a is None or a is MISSING:
                extra.append("<nil>")
            else:
                extra.append(gotype(a) + "=" + _fmt_value(a, "v", _PLAIN, 0))
        out.append("%!(EXTRA " + ", ".join(extra) + ")")
    return "".join(out)


def _go_sprint(args):
    out = []
    prev_string = False
    for i, a in enumerate(args):
        is_string = isinstance(a, str)
        if i > 0 and not is_string and not prev_string:
            out.append(" ")
        out.append(sprint_value(a))
        prev_string = is_string
    return "".join(out)


def _go_sprintln(args):
    return " ".join(sprint_value(a) for a in args) + "\n"
