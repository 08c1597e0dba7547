"""Go's ``encoding/base64`` ``StdEncoding.Decode``: what it accepts and where it says the
input is broken.

Python's decoder accepts and refuses other inputs and reports no offset; docker's config
file loader prints Go's ``illegal base64 data at input byte N``, so the offsets matter.
The standard alphabet with ``=`` padding, not strict (unused trailing bits are ignored);
``\\r`` and ``\\n`` anywhere are skipped.
"""
from __future__ import annotations

_ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_VALUES = {byte: index for index, byte in enumerate(_ALPHABET)}
_PAD = ord("=")
_NEWLINES = (ord("\n"), ord("\r"))


class CorruptInputError(ValueError):
    """Go's ``base64.CorruptInputError``: the byte offset where decoding failed."""

    def __init__(self, offset: int):
        super().__init__(offset)
        self.offset = offset

    def __str__(self):
        return f"illegal base64 data at input byte {self.offset}"


def std_decode(src: bytes) -> bytes:
    """Decode ``src`` as ``base64.StdEncoding.DecodeString`` does.

    Raises:
        CorruptInputError: Where Go's decoder stops, with Go's offset.
    """
    out = bytearray()
    position = 0
    while position < len(src):
        position = _decode_quantum(src, position, out)
    return bytes(out)


def _decode_quantum(src, position, out):
    """Decode one group of up to four symbols from ``position`` into ``out``; returns the
    position after it."""
    values = [0, 0, 0, 0]
    length = 4
    index = 0
    while index < 4:
        if position == len(src):
            if index == 0:
                return position
            # Padding is required: a short final group is broken where it began.
            raise CorruptInputError(position - index)
        byte = src[position]
        position += 1
        if byte in _VALUES:
            values[index] = _VALUES[byte]
            index += 1
            continue
        if byte in _NEWLINES:
            continue
        if byte != _PAD or index < 2:
            raise CorruptInputError(position - 1)
        if index == 2:
            # "==" is needed: the second "=" may follow newlines.
            while position < len(src) and src[position] in _NEWLINES:
                position += 1
            if position == len(src):
                raise CorruptInputError(len(src))
            if src[position] != _PAD:
                raise CorruptInputError(position - 1)
            position += 1
        while position < len(src) and src[position] in _NEWLINES:
            position += 1
        if position < len(src):
            raise CorruptInputError(position)   # something after the padding
        length = index
        break
    number = values[0] << 18 | values[1] << 12 | values[2] << 6 | values[3]
    out.extend(number.to_bytes(3, "big")[:length - 1])
    return position
