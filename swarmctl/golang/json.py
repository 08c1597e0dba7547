"""Go's ``encoding/json`` encoder: string escaping, number text, compact and indented output.

One encoder serves ``inspect`` (``json.MarshalIndent``, HTML escaping on) and the template
``json`` function (an ``Encoder`` with ``SetEscapeHTML(false)``); what differs between them
(map key order, values only the template knows) is passed in.
"""

from __future__ import annotations

from collections.abc import Mapping

from swarmctl.golang.strconv import format_float as _strconv_format_float, to_float32

_HEX = "0123456789abcdef"


class Float32(float):
    """A float that Go holds as ``float32`` (encoded with 32-bit shortest formatting)."""

    __slots__ = ()


class UnsupportedValueError(ValueError):
    """Go's ``*json.UnsupportedValueError`` (NaN, infinities); ``str()`` is Go's message."""


def quote_string(s: str, escape_html: bool = True) -> str:
    """A JSON string literal as Go's ``encoding/json`` writes it (Go 1.22+):
    ``\\b \\f \\n \\r \\t`` short escapes, other control bytes as
    ``\\u00XX``, ``<>&`` as ``\\u003c`` … when ``escape_html``, U+2028/2029
    always escaped, lone surrogates as U+FFFD, everything else raw UTF-8."""
    if (s.isascii() and s.isprintable() and '"' not in s and "\\" not in s
            and not (escape_html and ("<" in s or ">" in s or "&" in s))):
        return '"' + s + '"'
    out = ['"']
    start = 0
    for i, ch in enumerate(s):
        o = ord(ch)
        if o < 0x80:
            if o >= 0x20 and ch not in '"\\' and not (escape_html and ch in "<>&"):
                continue
            out.append(s[start:i])
            if ch in '"\\':
                out.append("\\" + ch)
            elif ch == "\b":
                out.append("\\b")
            elif ch == "\f":
                out.append("\\f")
            elif ch == "\n":
                out.append("\\n")
            elif ch == "\r":
                out.append("\\r")
            elif ch == "\t":
                out.append("\\t")
            else:
                out.append("\\u00" + _HEX[o >> 4] + _HEX[o & 0xF])
            start = i + 1
        elif o in (0x2028, 0x2029):
            out.append(s[start:i])
            out.append("\\u202" + _HEX[o & 0xF])
            start = i + 1
        elif 0xD800 <= o <= 0xDFFF:
            # lone surrogate: Go would hold U+FFFD here
            out.append(s[start:i])
            out.append("\ufffd")
            start = i + 1
    out.append(s[start:])
    out.append('"')
    return "".join(out)


# float32(1e-6) and float32(1e21): Go compares a float32 in float32 arithmetic.
_F32_1E_6 = to_float32(1e-6)
_F32_1E21 = to_float32(1e21)


def format_float(f: float, bits: int = 64) -> str:
    """The number text ``encoding/json`` writes for a float64/float32: shortest digits, ``'f'``
    form unless ``|f| < 1e-6`` or ``|f| >= 1e21`` (then ``'e'`` with ``e-09`` cut to ``e-9``).
    NaN and infinities raise :class:`UnsupportedValueError`."""
    f = float(f)
    if f != f or f in (float("inf"), float("-inf")):
        raise UnsupportedValueError("json: unsupported value: " + _strconv_format_float(f, "g", bits))
    if bits == 32:
        f = to_float32(f)
    a = abs(f)
    if bits == 32:
        use_e = a != 0 and (a < _F32_1E_6 or a >= _F32_1E21)
    else:
        use_e = a != 0 and (a < 1e-6 or a >= 1e21)
    if not use_e:
        return _strconv_format_float(f, "f", bits)
    s = _strconv_format_float(f, "e", bits)
    if len(s) >= 4 and s[-4] == "e" and s[-3] == "-" and s[-2] == "0":
        s = s[:-2] + s[-1]
    return s


def _encode(v, out, indent, level, escape_html, members, fallback):
    if v is None:
        out.append("null")
    elif v is True:
        out.append("true")
    elif v is False:
        out.append("false")
    elif isinstance(v, str):
        out.append(quote_string(v if type(v) is str else str(v), escape_html))
    elif isinstance(v, Float32):
        out.append(format_float(v, 32))
    elif isinstance(v, float):
        out.append(format_float(v, 64))
    elif isinstance(v, int):
        out.append(str(int(v)))
    elif isinstance(v, Mapping):
        first = True
        out.append("{")
        for k, val in (members(v) if members is not None else v.items()):
            if not first:
                out.append(",")
            first = False
            if indent is not None:
                out.append("\n" + indent * (level + 1))
            out.append(quote_string(k if type(k) is str else str(k), escape_html))
            out.append(": " if indent is not None else ":")
            _encode(val, out, indent, level + 1, escape_html, members, fallback)
        if indent is not None and not first:
            out.append("\n" + indent * level)
        out.append("}")
    elif isinstance(v, (list, tuple)):
        out.append("[")
        first = True
        for val in v:
            if not first:
                out.append(",")
            first = False
            if indent is not None:
                out.append("\n" + indent * (level + 1))
            _encode(val, out, indent, level + 1, escape_html, members, fallback)
        if indent is not None and not first:
            out.append("\n" + indent * level)
        out.append("]")
    elif fallback is not None:
        _encode(fallback(v), out, indent, level, escape_html, members, fallback)
    else:
        raise TypeError("cannot encode %r" % (type(v),))


def _encode_plain(v, out, indent, escape_html):
    """``_encode`` without ``members`` or ``fallback``, for big documents (``inspect`` of
    hundreds of services): plain dicts, lists, strings and ints are written here, with
    each key's quoted text and each level's line break made once; any other value goes
    to ``_encode`` at its level."""
    append = out.append
    breaks = ["\n" if indent is not None else ""]
    colon = ": " if indent is not None else ":"
    keys = {}

    def line_break(level):
        if indent is None:
            return ""
        while len(breaks) <= level:
            breaks.append(breaks[-1] + indent)
        return breaks[level]

    def encode(v, level):
        t = type(v)
        if t is str:
            if (v.isascii() and v.isprintable() and '"' not in v and "\\" not in v
                    and not (escape_html and ("<" in v or ">" in v or "&" in v))):
                append('"' + v + '"')
            else:
                append(quote_string(v, escape_html))
        elif t is dict:
            if not v:
                append("{}")
                return
            inner = line_break(level + 1)
            sep = "{" + inner
            for k, val in v.items():
                key = keys.get(k)
                if key is None:
                    key = keys[k] = quote_string(k if type(k) is str else str(k), escape_html) + colon
                append(sep + key)
                sep = "," + inner
                encode(val, level + 1)
            append(line_break(level) + "}")
        elif t is list:
            if not v:
                append("[]")
                return
            inner = line_break(level + 1)
            sep = "[" + inner
            for val in v:
                append(sep)
                sep = "," + inner
                encode(val, level + 1)
            append(line_break(level) + "]")
        elif t is int:
            append(str(v))
        else:
            _encode(v, out, indent, level, escape_html, None, None)

    encode(v, 0)


def marshal(v, indent=None, escape_html: bool = True, members=None, fallback=None) -> str:
    """Go's ``json.Marshal(v)`` (``indent=None``) or ``json.MarshalIndent(v, "", indent)``.

    Mappings are written in the order ``members(mapping)`` yields ``(key, value)`` pairs
    (default: their own order; Go sorts map keys and keeps struct field order).  A value of
    another type is replaced by ``fallback(value)`` (default: ``TypeError``).
    """
    out = []
    if members is None and fallback is None:
        _encode_plain(v, out, indent, escape_html)
    else:
        _encode(v, out, indent, 0, escape_html, members, fallback)
    return "".join(out)
