"""Inputs for the fuzz tests: arbitrary text and text built from a syntax's own pieces.

Arbitrary text alone rarely gets past a parser's first check, so each syntax also gets
strings assembled from its keywords, separators and edge values, mixed with arbitrary text.
"""
from __future__ import annotations

from hypothesis import strategies as st

# What a command line can carry: any Unicode but surrogates, plus the lone surrogates Python
# uses for bytes of argv that are not UTF-8 (surrogateescape); no other surrogate can occur.
_CHARACTERS = st.one_of(
    st.characters(exclude_categories=["Cs"]),
    st.characters(min_codepoint=0xDC80, max_codepoint=0xDCFF),
    st.sampled_from(" \t\n\r\x00\x7f=,:;/\\\"'`$-+.@[]{}%#"),
)
ANY_TEXT = st.text(_CHARACTERS, max_size=40)

# Edge values that break number, size and duration parsers.
NUMBERS = ["0", "1", "-1", "+1", "00", "0x1f", "0o17", "0b101", "_1", "1_000", "1e3", "1e309",
           "-0", "0.5", ".5", "5.", "NaN", "nan", "inf", "-Inf", "Infinity", "9" * 25,
           "18446744073709551616", "9223372036854775808", "-9223372036854775809", "4294967296",
           "65535", "65536", "1.5e-9", "0x", "1p3", "0x1p-2", "1/3", "½", "٣", "１"]
UNITS = ["ns", "us", "µs", "μs", "ms", "s", "m", "h", "d", "b", "k", "kb", "KiB", "m", "MB",
         "g", "G", "GiB", "t", "p", "E", "i"]


def built_from(pieces, max_size=12):
    """Strings concatenated from ``pieces`` and bits of arbitrary text."""
    part = st.one_of(st.sampled_from(list(pieces)), st.text(_CHARACTERS, max_size=4))
    return st.lists(part, max_size=max_size).map("".join)


def syntax(pieces, max_size=12):
    """Arbitrary text or text built from the syntax's pieces (three times in four)."""
    return st.one_of(ANY_TEXT, built_from(pieces, max_size), built_from(pieces, max_size),
                     built_from(pieces, max_size))


NUMBER_TEXT = syntax(NUMBERS + UNITS + [".", "-", "+", "e", " "], max_size=4)
