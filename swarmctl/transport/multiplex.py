"""Decoding of the engine's multiplexed stdout/stderr stream (non-TTY logs and attach).

Each frame is an 8-byte header -- stream id (1 stdout, 2 stderr), three pad bytes, a
big-endian uint32 length -- followed by that many bytes. Frames can straddle the chunks
the HTTP layer hands us, so we keep a buffer and cut whole frames out of it.
"""
from __future__ import annotations

import struct

STDOUT = 1
STDERR = 2
SYSTEM_ERROR = 3  # the engine's own error, ending the stream
_HEADER = struct.Struct(">BxxxL")


def iter_frame_batches(chunks):
    """Yield, per chunk received, the list of complete ``(stream_id, payload)`` frames.

    Batches let a consumer write a whole chunk's frames and flush once (fast), while still
    seeing every chunk as soon as it arrives (live). An engine error frame or an unknown
    stream id raises :class:`swarmctl.errors.DaemonStreamError` with docker's wording.
    """
    buffer = bytearray()
    header_size = _HEADER.size
    for chunk in chunks:
        if not chunk:
            continue
        buffer += chunk
        offset = 0
        available = len(buffer)
        frames = []
        while available - offset >= header_size:
            stream_id, length = _HEADER.unpack_from(buffer, offset)
            if stream_id > SYSTEM_ERROR:
                _raise_stream_error(f"Unrecognized input header: {stream_id}")
            end = offset + header_size + length
            if end > available:
                break
            payload = bytes(buffer[offset + header_size:end])
            offset = end
            if stream_id == SYSTEM_ERROR:
                yield frames
                _raise_stream_error("error from daemon in stream: "
                                    + payload.decode("utf-8", "surrogateescape"))
            if length:
                frames.append((stream_id, payload))
        if offset:
            del buffer[:offset]
        yield frames


def _raise_stream_error(message):
    from swarmctl.errors import DaemonStreamError

    raise DaemonStreamError(message)


def iter_frames(chunks):
    """Yield ``(stream_id, payload)`` for every frame in an iterable of byte chunks."""
    for frames in iter_frame_batches(chunks):
        yield from frames


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
