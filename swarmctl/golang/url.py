"""Go's ``net/url``: ``QueryUnescape`` and ``Parse``."""

from __future__ import annotations


def _quote(text: str) -> str:
    """Go's ``%q``. strconv is imported here, for error messages only: it takes milliseconds
    to load, and the config layer parses every engine host with this module (a Tab press
    included)."""
    from swarmctl.golang.strconv import quote

    return quote(text)


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
                raise EscapeError("invalid URL escape " + _quote(bad.decode("utf-8", "surrogateescape")))
            out.append(_unhex(raw[i + 1]) << 4 | _unhex(raw[i + 2]))
            i += 3
            continue
        out.append(0x20 if c == 0x2B else c)
        i += 1
    return bytes(out)


# -- url.Parse ---------------------------------------------------------------------------------
# What Go 1.24's url.Parse accepts, and its error texts: the Docker CLI parses every daemon
# host with it, so a host Go refuses is refused by docker (an IPv6 zone written ``%eth0``).

_HOST, _ZONE, _USER_PASSWORD, _PATH, _FRAGMENT = "host", "zone", "userpassword", "path", "fragment"
_HOST_SUB_DELIMS = "!$&'()*+,;=:[]<>\""


class URLError(ValueError):
    """Go's ``*url.Error`` for Parse: ``str()`` is ``parse "<url>": <reason>``."""

    def __init__(self, url: str, reason: str):
        self.url = url
        self.reason = reason
        super().__init__(f"parse {_quote(url)}: {reason}")


class URL:
    """The parts of a parsed URL that callers here use (decoded, as Go's ``url.URL`` has them)."""

    def __init__(self, scheme="", opaque="", user=None, host="", path="", raw_query="",
                 fragment=""):
        self.scheme, self.opaque, self.user, self.host = scheme, opaque, user, host
        self.path, self.raw_query, self.fragment = path, raw_query, fragment


def _should_escape(c: str, mode: str) -> bool:
    """Go's ``shouldEscape`` for the modes Parse checks (an ASCII ``c``)."""
    if c.isascii() and c.isalnum():
        return False
    if mode in (_HOST, _ZONE) and c in _HOST_SUB_DELIMS:
        return False
    if c in "-_.~":
        return False
    if c in "$&+,/:;=?@":
        if mode == _PATH:
            return c == "?"
        if mode == _USER_PASSWORD:
            return c in "@/?:"
        if mode == _FRAGMENT:
            return False
    if mode == _FRAGMENT and c in "!()*":
        return False
    return True


def _unescape(s: str, mode: str) -> str:
    """Go's ``unescape``: the checks, and the decoded text (invalid UTF-8 kept by
    surrogateescape). Raises ValueError with Go's reason."""
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c == "%":
            if i + 2 >= n or s[i + 1] not in "0123456789abcdefABCDEF" or \
                    s[i + 2] not in "0123456789abcdefABCDEF":
                raise ValueError("invalid URL escape " + _quote(s[i:i + 3]))
            # RFC 3986: a host %-encodes only non-ASCII bytes; RFC 6874: %25 starts a zone.
            if mode == _HOST and _unhex(ord(s[i + 1])) < 8 and s[i:i + 3] != "%25":
                raise ValueError("invalid URL escape " + _quote(s[i:i + 3]))
            if mode == _ZONE:
                value = chr(_unhex(ord(s[i + 1])) << 4 | _unhex(ord(s[i + 2])))
                if s[i:i + 3] != "%25" and value != " " and _should_escape(value, _HOST):
                    raise ValueError("invalid URL escape " + _quote(s[i:i + 3]))
            i += 3
            continue
        if mode in (_HOST, _ZONE) and c < "\x80" and _should_escape(c, mode):
            raise ValueError(f"invalid character {_quote(c)} in host name")
        i += 1
    if "%" not in s:
        return s
    raw = s.encode("utf-8", "surrogateescape")
    return query_unescape(raw.replace(b"+", b"%2B")).decode("utf-8", "surrogateescape")


def _valid_optional_port(port: str) -> bool:
    return port == "" or (port[0] == ":" and all("0" <= c <= "9" for c in port[1:]))


def _parse_host(host: str) -> str:
    if host.startswith("["):
        end = host.rfind("]")
        if end < 0:
            raise ValueError("missing ']' in host")
        colon_port = host[end + 1:]
        if not _valid_optional_port(colon_port):
            raise ValueError(f"invalid port {_quote(colon_port)} after host")
        zone = host.find("%25", 0, end)
        if zone >= 0:
            return (_unescape(host[:zone], _HOST) + _unescape(host[zone:end], _ZONE)
                    + _unescape(host[end:], _HOST))
    elif ":" in host:
        colon_port = host[host.rfind(":"):]
        if not _valid_optional_port(colon_port):
            raise ValueError(f"invalid port {_quote(colon_port)} after host")
    return _unescape(host, _HOST)


_USERINFO_PUNCTUATION = "-._:~!$&'()*+,;=%@"


def _parse_authority(authority: str):
    at = authority.rfind("@")
    host = _parse_host(authority[at + 1:])
    if at < 0:
        return None, host
    userinfo = authority[:at]
    if not all((c.isascii() and c.isalnum()) or c in _USERINFO_PUNCTUATION for c in userinfo):
        raise ValueError("net/url: invalid userinfo")
    name, _, password = userinfo.partition(":")
    return (_unescape(name, _USER_PASSWORD), _unescape(password, _USER_PASSWORD)), host


def _get_scheme(raw: str):
    for i, c in enumerate(raw):
        if c.isascii() and c.isalpha():
            continue
        if (c.isascii() and c.isdigit()) or c in "+-.":
            if i == 0:
                return "", raw
            continue
        if c == ":":
            if i == 0:
                raise ValueError("missing protocol scheme")
            return raw[:i], raw[i + 1:]
        return "", raw
    return "", raw


def parse(raw: str) -> URL:
    """Go's ``url.Parse``: the URL's parts, decoded.

    Raises:
        URLError: What Go refuses, in Go's words (``parse "tcp://[fe80::1%eth0]:2375":
            invalid URL escape "%et"``).
    """
    without_fragment, _, fragment = raw.partition("#")
    try:
        url = _parse(without_fragment)
    except ValueError as error:
        raise URLError(without_fragment, str(error)) from None
    if fragment:
        try:
            url.fragment = _unescape(fragment, _FRAGMENT)
        except ValueError as error:
            raise URLError(raw, str(error)) from None
    return url


def _parse(raw: str) -> URL:
    if any(c < " " or c == "\x7f" for c in raw):
        raise ValueError("net/url: invalid control character in URL")
    scheme, rest = _get_scheme(raw)
    url = URL(scheme=scheme.lower())
    if rest.endswith("?") and rest.count("?") == 1:
        rest = rest[:-1]
    else:
        rest, _, url.raw_query = rest.partition("?")
    if not rest.startswith("/"):
        if url.scheme:
            url.opaque = rest  # a rootless path is opaque: Go checks nothing more
            return url
        if ":" in rest.partition("/")[0]:
            raise ValueError("first path segment in URL cannot contain colon")
    if (url.scheme or not rest.startswith("///")) and rest.startswith("//"):
        authority, slash, path = rest[2:].partition("/")
        rest = slash + path
        url.user, url.host = _parse_authority(authority)
    url.path = _unescape(rest, _PATH)
    return url
