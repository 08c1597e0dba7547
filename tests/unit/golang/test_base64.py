"""Go's base64.StdEncoding decoder: what it accepts and the offset it blames."""
from __future__ import annotations

import base64
import os

import pytest

from swarmctl.golang.base64 import CorruptInputError, std_decode


@pytest.mark.parametrize("size", range(0, 20))
def test_what_python_encodes_decodes_back(size):
    data = os.urandom(size)
    assert std_decode(base64.b64encode(data)) == data


@pytest.mark.parametrize("text, expected", [
    (b"dTpw\r\nZA==\n", b"u:pd"),   # newlines anywhere are skipped
    (b"dT==", b"u"),
    (b"dTq=", b"u:"),                # unused bits are not checked (not strict)
])
def test_accepted(text, expected):
    assert std_decode(text) == expected


@pytest.mark.parametrize("text, offset", [
    (b"%%%", 0), (b"dTpwZA", 4), (b"dTpwZ", 4), (b"dTpwZA=", 7), (b"dTpwZA==x", 8),
    (b"dTpw=", 4), (b"d===", 1), (b"=", 0), (b"dT=x", 2), (b"dT=\n", 4), (b"dTpw\n\n%", 6),
])
def test_go_offsets(text, offset):
    with pytest.raises(CorruptInputError) as caught:
        std_decode(text)
    assert str(caught.value) == f"illegal base64 data at input byte {offset}"
