"""Timestamp-ordered merging of log lines from several tasks (``swarmctl logs --sort``).

The engine interleaves the tasks of a service in per-task blocks, not in time order
(moby/moby#33866, docker/cli#4976). With ``timestamps=1`` every frame payload starts with
the engine's RFC 3339 timestamp (``2026-11-27T03:14:32.980306140Z ``), which is the key
used here. Two tools, both pure (no I/O, no clock: the caller passes the time):

* :func:`merge_sorted` -- an exact k-way merge of streams that are each in time order
  (one task's log is). Memory: one pending item per stream.
* :class:`ReorderWindow` -- for one live stream whose lines arrive roughly, but not
  exactly, in time order (``--follow``): each line is held for ``window_ns`` after it
  arrived and released in timestamp order; at most ``limit`` lines are held (the oldest
  is released early when more arrive). A line arriving later than the window allows is
  released in arrival position (it cannot be placed before lines already written).

A line without a readable timestamp takes the key of the line before it (in its stream),
so it stays next to its neighbour instead of failing.
"""
from __future__ import annotations

import calendar
import heapq

_NS = 1_000_000_000


def timestamp_ns(token) -> int | None:
    """RFC 3339 ``YYYY-MM-DDTHH:MM:SS[.frac](Z|±hh:mm)`` -> nanoseconds since the epoch (UTC),
    or None when ``token`` (bytes or str) is not such a timestamp."""
    try:
        s = token.decode("ascii") if isinstance(token, (bytes, bytearray)) else token
    except UnicodeDecodeError:
        return None
    if (len(s) < 20 or s[4] != "-" or s[7] != "-" or s[10] not in "Tt"
            or s[13] != ":" or s[16] != ":"):
        return None
    fields = (s[0:4], s[5:7], s[8:10], s[11:13], s[14:16], s[17:19])
    if not all(f.isdigit() and f.isascii() for f in fields):
        return None
    year, month, day, hour, minute, second = (int(f) for f in fields)
    if not (1 <= month <= 12 and 1 <= day <= 31 and hour < 24 and minute < 60 and second < 61):
        return None
    fraction = 0
    i = 19
    if i < len(s) and s[i] == ".":
        j = i + 1
        while j < len(s) and "0" <= s[j] <= "9":
            j += 1
        digits = s[i + 1:j]
        if not digits:
            return None
        fraction = int(digits[:9].ljust(9, "0"))
        i = j
    zone = s[i:]
    if zone in ("Z", "z"):
        offset = 0
    elif (len(zone) == 6 and zone[0] in "+-" and zone[3] == ":"
          and zone[1:3].isdigit() and zone[4:6].isdigit()):
        offset = (int(zone[1:3]) * 60 + int(zone[4:6])) * 60
        if zone[0] == "-":
            offset = -offset
    else:
        return None
    seconds = calendar.timegm((year, month, day, hour, minute, second, 0, 0, 0))
    return (seconds - offset) * _NS + fraction


def split_timestamp(payload: bytes):
    """``b"<timestamp> rest"`` -> ``(ns, b"rest")``; ``(None, payload)`` when the payload does
    not start with a timestamp and a blank."""
    cut = payload.find(b" ")
    if cut < 0:
        return None, payload
    ns = timestamp_ns(payload[:cut])
    if ns is None:
        return None, payload
    return ns, payload[cut + 1:]


def merge_sorted(streams, key):
    """Merge iterables that are each ordered by ``key(item)`` into one ordered iterator.

    Ties go to the stream given first; ``key`` may return None (the item then takes the
    previous key of its stream, or sorts first when it is the stream's first item).
    Lazy: each stream is advanced only when its current item has been yielded.
    """
    heap = []
    for index, stream in enumerate(streams):
        iterator = iter(stream)
        for item in iterator:
            k = key(item)
            heap.append([-1 if k is None else k, index, item, iterator])
            break
    heapq.heapify(heap)
    while heap:
        entry = heap[0]
        yield entry[2]
        for item in entry[3]:
            k = key(item)
            if k is not None:
                entry[0] = k
            entry[2] = item
            heapq.heapreplace(heap, entry)
            break
        else:
            heapq.heappop(heap)


class ReorderWindow:
    """A bounded reorder buffer: push ``(key, item)`` as lines arrive, take what is ready.

    ``window_ns``: how long a line is held after it arrived (the ``now_ns`` given to
    :meth:`push`), so lines that arrive up to that much later can still go before it.
    ``limit``: the most lines held; beyond it the lowest keys are released at once.
    """

    def __init__(self, window_ns: int, limit: int = 10_000):
        if window_ns < 0 or limit < 1:
            raise ValueError("window_ns must be >= 0 and limit >= 1")
        self.window_ns = window_ns
        self.limit = limit
        self._heap = []
        self._seq = 0
        self._last_key = -1

    def __len__(self):
        return len(self._heap)

    def push(self, key, item, now_ns: int):
        if key is None:
            key = self._last_key
        else:
            self._last_key = key
        self._seq += 1
        heapq.heappush(self._heap, (key, self._seq, now_ns + self.window_ns, item))

    def pop_ready(self, now_ns: int) -> list:
        """The items due at ``now_ns`` (or over the limit), lowest key first."""
        heap = self._heap
        ready = []
        while heap and (len(heap) > self.limit or heap[0][2] <= now_ns):
            ready.append(heapq.heappop(heap)[3])
        return ready

    def next_due(self):
        """When the first held item is due (the caller's wake-up time), or None if empty."""
        return self._heap[0][2] if self._heap else None

    def drain(self) -> list:
        """Everything held, lowest key first (the stream ended)."""
        heap = self._heap
        ready = []
        while heap:
            ready.append(heapq.heappop(heap)[3])
        return ready
