"""go-runewidth v0.0.16 ``StringWidth``: terminal columns of a string, per grapheme cluster.

Approximated with Python's unicodedata tables; exact for ASCII, Latin, CJK and common emoji.
The East-Asian mode follows the locale like go-runewidth (``RUNEWIDTH_EASTASIAN``, ``LC_ALL``,
``LC_CTYPE``, ``LANG``).
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # typing is not imported at run time: this module is on the hot path
    from typing import Dict, List, Optional


# go-runewidth "combining" table (zero width)
_COMBINING = (
    (0x0300, 0x036F), (0x0483, 0x0489), (0x07EB, 0x07F3), (0x0C00, 0x0C00),
    (0x0C04, 0x0C04), (0x0CF3, 0x0CF3), (0x0D00, 0x0D01), (0x135D, 0x135F),
    (0x1A7F, 0x1A7F), (0x1AB0, 0x1ACE), (0x1B6B, 0x1B73), (0x1DC0, 0x1DFF),
    (0x20D0, 0x20F0), (0x2CEF, 0x2CF1), (0x2DE0, 0x2DFF), (0x3099, 0x309A),
    (0xA66F, 0xA672), (0xA674, 0xA67D), (0xA69E, 0xA69F), (0xA6F0, 0xA6F1),
    (0xA8E0, 0xA8F1), (0xFE20, 0xFE2F), (0x101FD, 0x101FD), (0x10376, 0x1037A),
    (0x10EAB, 0x10EAC), (0x10F46, 0x10F50), (0x10F82, 0x10F85), (0x11300, 0x11301),
    (0x1133B, 0x1133C), (0x11366, 0x1136C), (0x11370, 0x11374), (0x16AF0, 0x16AF4),
    (0x1CF00, 0x1CF2D), (0x1CF30, 0x1CF46), (0x1D165, 0x1D169), (0x1D16D, 0x1D172),
    (0x1D17B, 0x1D182), (0x1D185, 0x1D18B), (0x1D1AA, 0x1D1AD), (0x1D242, 0x1D244),
    (0x1E000, 0x1E006), (0x1E008, 0x1E018), (0x1E01B, 0x1E021), (0x1E023, 0x1E024),
    (0x1E026, 0x1E02A), (0x1E08F, 0x1E08F), (0x1E8D0, 0x1E8D6),
)
# go-runewidth "nonprint" table (zero width)
_NONPRINT = (
    (0x0000, 0x001F), (0x007F, 0x009F), (0x00AD, 0x00AD), (0x070F, 0x070F),
    (0x180B, 0x180E), (0x200B, 0x200F), (0x2028, 0x202E), (0x206A, 0x206F),
    (0xD800, 0xDFFF), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0xFFFE, 0xFFFF),
)


def _in_table(cp: int, table) -> bool:
    lo, hi = 0, len(table) - 1
    if cp < table[0][0]:
        return False
    while lo <= hi:
        mid = (lo + hi) >> 1
        first, last = table[mid]
        if last < cp:
            lo = mid + 1
        elif first > cp:
            hi = mid - 1
        else:
            return True
    return False


def _locale_is_east_asian() -> bool:
    env = os.environ.get("RUNEWIDTH_EASTASIAN", "")
    if env:
        return env == "1"
    locale = os.environ.get("LC_ALL") or os.environ.get("LC_CTYPE") or os.environ.get("LANG") or ""
    if locale in ("POSIX", "C"):
        return False
    if len(locale) > 1 and locale[0] == "C" and locale[1] in ".-":
        return False
    charset = locale.lower()
    m = re.match(r"^[a-z][a-z][a-z]?(?:_[A-Z][A-Z])?\.(.+)", locale, re.ASCII)
    if m:
        charset = m.group(1).lower()
    if charset.endswith("@cjk_narrow"):
        return False
    charset = charset.split("@", 1)[0]
    mblen = {
        "utf-8": 6, "utf8": 6, "jis": 8, "eucjp": 3, "euckr": 2, "euccn": 2,
        "sjis": 2, "cp932": 2, "cp51932": 2, "cp936": 2, "cp949": 2, "cp950": 2,
        "big5": 2, "gbk": 2, "gb2312": 2,
    }.get(charset, 1)
    return mblen > 1 and (
        charset[:1] != "u" or locale.startswith(("ja", "ko", "zh"))
    )


_EAST_ASIAN: Optional[bool] = None


def _east_asian() -> bool:
    global _EAST_ASIAN
    if _EAST_ASIAN is None:
        _EAST_ASIAN = _locale_is_east_asian()
    return _EAST_ASIAN


_CJK_DEFAULT_WIDE = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FFFD), (0x30000, 0x3FFFD))


def _ea_width(cp: int) -> str:
    ch = chr(cp)
    if unicodedata.category(ch) == "Cn":
        # CPython reports unassigned code points oddly; EastAsianWidth.txt
        # gives them N, except the CJK blocks reserved as W
        return "W" if any(a <= cp <= b for a, b in _CJK_DEFAULT_WIDE) else "N"
    return unicodedata.east_asian_width(ch)


def _rune_width(cp: int, east_asian: bool) -> int:
    if not east_asian:
        if cp < 0x20:
            return 0
        if 0x7F <= cp <= 0x9F or cp == 0xAD:
            return 0
        if cp < 0x300:
            return 1
        ea = _ea_width(cp)
        if ea == "Na":
            return 1
        if _in_table(cp, _NONPRINT) or _in_table(cp, _COMBINING):
            return 0
        if ea in ("W", "F"):
            return 2
        return 1
    if _in_table(cp, _NONPRINT) or _in_table(cp, _COMBINING):
        return 0
    ea = _ea_width(cp)
    if ea == "Na":
        return 1
    if ea in ("A", "W", "F"):
        return 2
    return 1


def _hangul_type(cp: int) -> str:
    if 0x1100 <= cp <= 0x115F or 0xA960 <= cp <= 0xA97C:
        return "L"
    if 0x1160 <= cp <= 0x11A7 or 0xD7B0 <= cp <= 0xD7C6:
        return "V"
    if 0x11A8 <= cp <= 0x11FF or 0xD7CB <= cp <= 0xD7FB:
        return "T"
    if 0xAC00 <= cp <= 0xD7A3:
        return "LV" if (cp - 0xAC00) % 28 == 0 else "LVT"
    return ""


def _is_extend(cp: int) -> bool:
    if cp in (0x200C, 0x200D, 0x0E33, 0x0EB3) or 0xFE00 <= cp <= 0xFE0F or 0x1F3FB <= cp <= 0x1F3FF:
        return True
    if 0xE0020 <= cp <= 0xE007F or 0xE0100 <= cp <= 0xE01EF:
        return True
    return unicodedata.category(chr(cp)) in ("Mn", "Me", "Mc")


def _is_pictographic(cp: int) -> bool:
    return (
        0x1F000 <= cp <= 0x1FAFF
        or 0x2600 <= cp <= 0x27BF
        or 0x2190 <= cp <= 0x21FF
        or 0x2300 <= cp <= 0x23FF
        or 0x2B00 <= cp <= 0x2BFF
        or cp in (0x00A9, 0x00AE, 0x203C, 0x2049, 0x2122, 0x2139, 0x3030, 0x303D, 0x3297, 0x3299)
    )


def _graphemes(s: str):
    """Simplified extended grapheme clusters (UAX #29): enough to treat
    combining marks, emoji sequences, flags and Hangul jamo as one cell."""
    cluster: List[int] = []
    ri_count = 0
    prev = -1
    for ch in s:
        cp = ord(ch)
        join = False
        if cluster:
            cat = unicodedata.category(ch)
            if prev == 0x0D and cp == 0x0A:
                join = True
            elif prev in (0x0D, 0x0A) or unicodedata.category(chr(prev)) in ("Cc", "Zl", "Zp"):
                join = False
            elif cat in ("Cc", "Zl", "Zp"):
                join = False
            elif _is_extend(cp):
                join = True
            elif prev == 0x200D and _is_pictographic(cp):
                join = True
            elif 0x1F1E6 <= cp <= 0x1F1FF and ri_count % 2 == 1 and 0x1F1E6 <= prev <= 0x1F1FF:
                join = True
            else:
                hp, hc = _hangul_type(prev), _hangul_type(cp)
                if hp == "L" and hc in ("L", "V", "LV", "LVT"):
                    join = True
                elif hp in ("LV", "V") and hc in ("V", "T"):
                    join = True
                elif hp in ("LVT", "T") and hc == "T":
                    join = True
        if cluster and not join:
            yield cluster
            cluster = []
            ri_count = 0
        cluster.append(cp)
        if 0x1F1E6 <= cp <= 0x1F1FF:
            ri_count += 1
        prev = cp
    if cluster:
        yield cluster


def display_width(s: str) -> int:
    """Terminal columns of ``s`` as the Docker CLI's tabwriter counts them
    (go-runewidth ``StringWidth``: East-Asian wide/full-width = 2, combining
    and control characters = 0, per grapheme cluster)."""
    if s.isascii():
        if s.isprintable():
            return len(s)
        return sum(1 for c in s if " " <= c < "\x7f")
    return _non_ascii_width(s, _east_asian())


# A table repeats its non-ASCII cells (a cut error message ends in `…`) over many rows.
@functools.lru_cache(maxsize=1024)
def _non_ascii_width(s: str, ea: bool) -> int:
    widths = _SINGLE_CLUSTER_WIDTHS.setdefault(ea, {})
    width = 0
    for ch in s:
        w = widths.get(ch)
        if w is None:
            cp = ord(ch)
            if _joins_neighbours(cp):
                return _cluster_width(s, ea)
            w = widths[ch] = _rune_width(cp, ea)
        width += w
    return width


# Characters that are always a grapheme cluster of their own, by East-Asian mode: a string
# made only of them needs no segmentation (a `…` in a cut cell is the common case).
_SINGLE_CLUSTER_WIDTHS: "Dict[bool, Dict[str, int]]" = {}


def _joins_neighbours(cp: int) -> bool:
    """Whether ``cp`` can join a cluster with a neighbour in ``_graphemes``."""
    return (cp in (0x0D, 0x0A) or _is_extend(cp) or 0x1F1E6 <= cp <= 0x1F1FF
            or bool(_hangul_type(cp)))


def _cluster_width(s: str, ea: bool) -> int:
    width = 0
    for cluster in _graphemes(s):
        w = 0
        for cp in cluster:
            w = _rune_width(cp, ea)
            if w > 0:
                break
        width += w
    return width


def x_text_width(ch: str) -> int:
    """golang.org/x/text/width: 2 for East-Asian Wide / Fullwidth, else 1."""
    return 2 if _ea_width(ord(ch)) in ("W", "F") else 1
