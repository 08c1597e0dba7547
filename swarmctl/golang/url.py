"""Go's ``net/url``: ``QueryUnescape``."""

from __future__ import annotations

from swarmctl.golang.strconv import quote


class EscapeError(ValueError):
    """Go's ``url.EscapeError``; ``str()`` is Go's message."""


_HEX = b"0123456789abcdefABCDEF"


def _unhex(c):
    if 48 <= c <= 57:
        return c - 48
    if 97 <= c <= 102:
        return c - 87
    return c - 55  # A-F


def query_unescape(raw: bytes) -> bytes:
    """Go's ``url.QueryUnescape`` on bytes: ``%XX`` decoded, ``+`` is a blank.

    A ``%`` not followed by two hex digits raises :class:`EscapeError` ``invalid URL escape "%zz"``
    (the quoted part is at most three bytes from the ``%``).
    """
    if b"%" not in raw:
        return raw.replace(b"+", b" ") if b"+" in raw else raw
    out = bytearray()
    i, n = 0, len(raw)
    while i < n:
        c = raw[i]
        if c == 0x25:  # %
            if i + 2 >= n or raw[i + 1] not in _HEX or raw[i + 2] not in _HEX:
                bad = raw[i:i + 3]
                raise EscapeError("invalid URL escape " + quote(bad.decode("utf-8", "surrogateescape")))
            out.append(_unhex(raw[i + 1]) << 4 | _unhex(raw[i + 2]))
            i += 3
            continue
        out.append(0x20 if c == 0x2B else c)
        i += 1
    return bytes(out)
