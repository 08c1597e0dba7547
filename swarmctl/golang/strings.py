"""Go's ``strings`` (and the ``unicode`` predicates it uses): case mapping, white space, fields.

Go maps case one rune to one rune, where Python's ``str.lower``/``upper`` may produce several
characters; these functions keep Go's results.  Raw bytes smuggled in by ``surrogateescape``
stand for Go's invalid UTF-8 bytes.
"""

from __future__ import annotations

import unicodedata


def _is_raw_byte(ch: str) -> bool:
    return 0xDC80 <= ord(ch) <= 0xDCFF


def _map_runes(s: str, case, invalid_as_replacement: bool) -> str:
    # strings.Map with a simple case mapping: where Python maps a rune to several
    # characters, Go keeps the rune (İ, whose simple lowering is i, aside)
    out = []
    for ch in s:
        if invalid_as_replacement and _is_raw_byte(ch):
            out.append("\ufffd")
            continue
        mapped = case(ch)
        out.append(mapped if len(mapped) == 1 else _SPECIAL_CASES.get((case, ch), ch))
    return "".join(out)


# Runes Python maps to several characters but Go's simple mapping changes.
_SPECIAL_CASES = {(str.lower, "\u0130"): "i"}


def to_lower(s: str, invalid_as_replacement: bool = True) -> str:
    """Go's ``strings.ToLower``: simple (one rune to one rune) case mapping.

    ``İ`` lowers to ``i``; raw invalid bytes become U+FFFD as ``strings.Map`` does, unless
    ``invalid_as_replacement`` is false (the template functions keep them).
    """
    if s.isascii():
        return s.lower()
    return _map_runes(s, str.lower, invalid_as_replacement)


def to_upper(s: str, invalid_as_replacement: bool = True) -> str:
    """Go's ``strings.ToUpper`` (simple case mapping; ``ß`` stays ``ß``)."""
    if s.isascii():
        return s.upper()
    return _map_runes(s, str.upper, invalid_as_replacement)


# unicode.IsSpace: '\t', '\n', '\v', '\f', '\r', ' ', U+0085, U+00A0 and
# category Zs (Z is for separators; Zl/Zp line and paragraph separators too).
_SPACE_LATIN1 = "\t\n\v\f\r \x85\xa0"


def is_space(ch: str) -> bool:
    """Go's ``unicode.IsSpace``."""
    o = ord(ch)
    if o <= 0xFF:
        return ch in _SPACE_LATIN1
    return unicodedata.category(ch) in ("Zs", "Zl", "Zp")


def trim_space(s: str) -> str:
    """Go's ``strings.TrimSpace`` (Unicode white space, both ends)."""
    i, j = 0, len(s)
    while i < j and is_space(s[i]):
        i += 1
    while j > i and is_space(s[j - 1]):
        j -= 1
    return s[i:j]


def trim_left_space(s: str) -> str:
    """Go's ``strings.TrimLeftFunc(s, unicode.IsSpace)``."""
    i = 0
    while i < len(s) and is_space(s[i]):
        i += 1
    return s[i:]


def fields(s: str) -> list:
    """Go's ``strings.Fields``: split around runs of Unicode white space."""
    out, cur = [], []
    for ch in s:
        if is_space(ch):
            if cur:
                out.append("".join(cur))
                cur = []
        else:
            cur.append(ch)
    if cur:
        out.append("".join(cur))
    return out


def cut(s: str, sep: str):
    """Go's ``strings.Cut``: (before, after, found)."""
    i = s.find(sep)
    if i < 0:
        return s, "", False
    return s[:i], s[i + len(sep):], True


def _is_separator(c: str) -> bool:
    # strings.isSeparator: ASCII alphanumerics and '_' are not; letters and digits are not;
    # otherwise white space is.
    if c <= "\x7f":
        return not (c.isalnum() or c == "_")
    if c.isalpha() or c.isdecimal():
        return False
    return c.isspace()


def title(s: str) -> str:
    """Go's (deprecated) ``strings.Title``: upper-case the first letter of each word."""
    out = []
    prev = " "
    for c in s:
        if _is_separator(prev):
            t = c.title()
            out.append(t if len(t) == 1 else c)
        else:
            out.append(c)
        prev = c
    return "".join(out)
