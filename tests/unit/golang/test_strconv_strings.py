"""Go's strconv.Quote and strings case mapping / TrimSpace (checked against Go)."""

import pytest

from swarmctl.golang import strconv, strings

QUOTE = [
    ('', '""'),
    ('abc', '"abc"'),
    ('a"b', '"a\\"b"'),
    ('a\\b', '"a\\\\b"'),
    ('a\nb', '"a\\nb"'),
    ('\t', '"\\t"'),
    ('\x00', '"\\x00"'),
    ('\x7f', '"\\x7f"'),
    ('é', '"é"'),
    ('\xad', '"\\u00ad"'),
    ('\u200b', '"\\u200b"'),
    ('😀', '"😀"'),
    ('\u2028', '"\\u2028"'),
    ('a b', '"a b"'),
    ('\udcff', '"\\xff"'),
    ('\x07\x08\x0c\x0b\r', '"\\a\\b\\f\\v\\r"'),
]


# ---------------------------------------------------------------------------
# Go string helpers


@pytest.mark.parametrize("s,expected", QUOTE)
def test_go_quote(s, expected):
    assert strconv.quote(s) == expected


@pytest.mark.parametrize("s,lower,upper", [
    ("AbC", "abc", "ABC"),
    ("\u0130x", "ix", "\u0130X"),
    ("stra\u00dfe", "stra\u00dfe", "STRA\u00dfE"),
    ("\u03a3\u03c2", "\u03c3\u03c2", "\u03a3\u03a3"),
])
def test_go_case_mapping(s, lower, upper):
    assert strings.to_lower(s) == lower
    assert strings.to_upper(s) == upper


@pytest.mark.parametrize("s,expected", [
    ("  a b  ", "a b"), ("\t\n\v\f\r a\u00a0", "a"), ("\u2003x\u3000", "x"), ("\u200bx", "\u200bx"),
])
def test_go_trim_space(s, expected):
    assert strings.trim_space(s) == expected
