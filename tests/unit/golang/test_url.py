"""swarmctl.golang.url.parse against Go 1.24's url.Parse (the outcomes the Docker CLI 28.2,
built with it, shows for DOCKER_HOST values)."""
from __future__ import annotations

import pytest

from swarmctl.golang import url


@pytest.mark.parametrize("raw, host, path", [
    ("tcp://[fe80::1%25en0]:2375", "[fe80::1%en0]:2375", ""),
    ("tcp://[fe80::1%25%65n0]:2375", "[fe80::1%en0]:2375", ""),
    ("tcp://[fe80::1%25%32%35x]:1", "[fe80::1%25x]:1", ""),
    ("tcp://h%c3%a9:2375/p%41th", "h\u00e9:2375", "/pAth"),
    ("tcp://a<b\">:1", "a<b\">:1", ""),
    ("unix:///tmp/a%41.sock", "", "/tmp/aA.sock"),
    ("unix:///tmp/a+b c.sock", "", "/tmp/a+b c.sock"),
    ("ssh://me@[::1]:22/run/docker.sock", "[::1]:22", "/run/docker.sock"),
    ("tcp://h:1?a=%zz", "h:1", ""),  # the query is kept raw, not checked
])
def test_what_go_takes(raw, host, path):
    parsed = url.parse(raw)
    assert (parsed.host, parsed.path) == (host, path)


@pytest.mark.parametrize("raw, message", [
    ("tcp://[fe80::1%eth0]:2375", 'parse "tcp://[fe80::1%eth0]:2375": invalid URL escape "%et"'),
    ("tcp://[fe80::1%]:2375", 'parse "tcp://[fe80::1%]:2375": invalid URL escape "%]:"'),
    ("tcp://[fe80::1%25e%0a]:1", 'parse "tcp://[fe80::1%25e%0a]:1": invalid URL escape "%0a"'),
    ("tcp://[::1", "parse \"tcp://[::1\": missing ']' in host"),
    ("tcp://[::1]x", 'parse "tcp://[::1]x": invalid port "x" after host'),
    ("tcp://h:x1", 'parse "tcp://h:x1": invalid port ":x1" after host'),
    ("tcp://h%41:1", 'parse "tcp://h%41:1": invalid URL escape "%41"'),
    ("tcp://a b:1", 'parse "tcp://a b:1": invalid character " " in host name'),
    ("tcp://a{b:1", 'parse "tcp://a{b:1": invalid character "{" in host name'),
    ("tcp://u{@h:1", 'parse "tcp://u{@h:1": net/url: invalid userinfo'),
    ("tcp://u%zz@h:1", 'parse "tcp://u%zz@h:1": invalid URL escape "%zz"'),
    ("tcp://h:1#%zz", 'parse "tcp://h:1#%zz": invalid URL escape "%zz"'),
    ("tcp://[::1%lo]:1#frag", 'parse "tcp://[::1%lo]:1": invalid URL escape "%lo"'),
    ("unix:///a%zz", 'parse "unix:///a%zz": invalid URL escape "%zz"'),
    ("tcp://h\n:1", 'parse "tcp://h\\n:1": net/url: invalid control character in URL'),
    (":x", 'parse ":x": missing protocol scheme'),
])
def test_what_go_refuses_in_its_words(raw, message):
    with pytest.raises(url.URLError) as refused:
        url.parse(raw)
    assert str(refused.value) == message
