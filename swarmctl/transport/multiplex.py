"""Decoding of the engine's multiplexed stdout/stderr stream (non-TTY logs and attach).

Each frame is an 8-byte header -- stream id (1 stdout, 2 stderr), three pad bytes, a
big-endian uint32 length -- followed by that many bytes. Frames can straddle the chunks
the HTTP layer hands us, so we keep a buffer and cut whole frames out of it.
"""
from __future__ import annotations

import struct

STDOUT = 1
STDERR = 2
_HEADER = struct.Struct(">BxxxL")


def iter_frames(chunks):
    """Yield ``(stream_id, payload)`` for every frame in an iterable of byte chunks."""
    buffer = bytearray()
    header_size = _HEADER.size
    for chunk in chunks:
        if not chunk:
            continue
        buffer += chunk
        offset = 0
        available = len(buffer)
        while available - offset >= header_size:
            stream_id, length = _HEADER.unpack_from(buffer, offset)
            end = offset + header_size + length
            if end > available:
                break
            if length:
                yield stream_id, bytes(buffer[offset + header_size:end])
            offset = end
        if offset:
            del buffer[:offset]


def iter_payloads(chunks):
    """docker-py's view: the payloads only, stdout and stderr interleaved."""
    for _stream, payload in iter_frames(chunks):
        yield payload


def iter_demuxed(chunks):
    """``(stdout, stderr)`` tuples with one side None, like docker-py's ``demux=True``."""
    for stream_id, payload in iter_frames(chunks):
        if stream_id == STDERR:
            yield None, payload
        else:
            yield payload, None
