"""swarmctl.service.logmerge: timestamp parsing, the exact k-way merge and the reorder window."""
from __future__ import annotations

import pytest

from swarmctl.service.logmerge import ReorderWindow, merge_sorted, split_timestamp, timestamp_ns

S = 1_000_000_000
BASE = 1_795_749_872 * S  # 2026-11-27T03:24:32Z


@pytest.mark.parametrize("token, expected", [
    (b"2026-11-27T03:24:32.980306140Z", BASE + 980306140),
    ("2026-11-27T03:24:32.980306140Z", BASE + 980306140),
    (b"2026-11-27T03:24:32Z", BASE),
    (b"2026-11-27T03:24:32.5Z", BASE + 500_000_000),
    (b"2026-11-27T03:24:32.1234567891Z", BASE + 123_456_789),  # beyond ns: cut
    (b"2026-11-27T04:24:32.000000001+01:00", BASE + 1),
    (b"2026-11-27T01:54:32-01:30", BASE),
    (b"2026-11-27t03:24:32z", BASE),
    (b"1970-01-01T00:00:00.000000000Z", 0),
    (b"", None),
    (b"hello", None),
    (b"2026-11-27 03:24:32Z", None),
    (b"2026-11-27T03:24:32", None),
    (b"2026-11-27T03:24:32.Z", None),
    (b"2026-13-27T03:24:32Z", None),
    (b"2026-11-27T03:24:32+0100", None),
    (b"2026-1a-27T03:24:32Z", None),
    (b"\xff026-11-27T03:24:32Z", None),
])
def test_timestamp_ns(token, expected):
    assert timestamp_ns(token) == expected


@pytest.mark.parametrize("payload, expected", [
    (b"2026-11-27T03:24:32.000000001Z a=b hello\n", (BASE + 1, b"a=b hello\n")),
    (b"2026-11-27T03:24:32Z \n", (BASE, b"\n")),
    (b"no timestamp here\n", (None, b"no timestamp here\n")),
    (b"2026-11-27T03:24:32Z", (None, b"2026-11-27T03:24:32Z")),  # no blank after it
])
def test_split_timestamp(payload, expected):
    assert split_timestamp(payload) == expected


def _key(item):
    return item[0]


@pytest.mark.parametrize("streams, expected", [
    ([], []),
    ([[]], []),
    ([[(1, "a")], []], ["a"]),
    ([[(1, "a1"), (4, "a4")], [(2, "b2"), (3, "b3")]], ["a1", "b2", "b3", "a4"]),
    # ties: the stream given first wins, and each stream keeps its own order
    ([[(1, "a"), (1, "a'")], [(1, "b")]], ["a", "a'", "b"]),
    ([[(5, "a5")], [(1, "b1"), (9, "b9")], [(3, "c3")]], ["b1", "c3", "a5", "b9"]),
    # no key: stays behind the previous line of its stream
    ([[(1, "a1"), (None, "a?"), (6, "a6")], [(2, "b2")]], ["a1", "a?", "b2", "a6"]),
    # no key on a first line: first
    ([[(3, "a3")], [(None, "b?"), (4, "b4")]], ["b?", "a3", "b4"]),
])
def test_merge_sorted(streams, expected):
    assert [item[1] for item in merge_sorted(streams, _key)] == expected


def test_merge_sorted_is_lazy():
    pulled = []

    def stream(name, keys):
        for k in keys:
            pulled.append((name, k))
            yield (k, f"{name}{k}")

    merged = merge_sorted([stream("a", [1, 3]), stream("b", [2, 4])], _key)
    assert next(merged) == (1, "a1")
    assert pulled == [("a", 1), ("b", 2)]  # one pending item per stream, no more
    assert [i[1] for i in merged] == ["b2", "a3", "b4"]


# (operation, argument, now, expected result): push takes (key, item)
@pytest.mark.parametrize("window, limit, steps", [
    # held for the window, then released in key order
    (10, 100, [("push", (5, "b"), 0, None), ("push", (3, "a"), 2, None),
               ("pop", None, 9, []), ("pop", None, 10, []),  # "a" (lowest) is due at 12
               ("pop", None, 12, ["a", "b"])]),
    # a late line (lower key than something already released) comes out when due
    (10, 100, [("push", (5, "b"), 0, None), ("pop", None, 10, ["b"]),
               ("push", (1, "late"), 11, None), ("pop", None, 21, ["late"])]),
    # over the limit: the lowest keys go at once
    (10, 2, [("push", (3, "c"), 0, None), ("push", (1, "a"), 0, None),
             ("push", (2, "b"), 0, None), ("pop", None, 0, ["a"]),
             ("drain", None, 0, ["b", "c"])]),
    # equal keys keep their arrival order; a key-less line takes the previous key
    (0, 100, [("push", (7, "x"), 0, None), ("push", (None, "y"), 0, None),
              ("push", (7, "z"), 0, None), ("push", (2, "w"), 0, None),
              ("pop", None, 0, ["w", "x", "y", "z"])]),
    # empty
    (10, 5, [("pop", None, 100, []), ("drain", None, 100, [])]),
])
def test_reorder_window(window, limit, steps):
    buffer = ReorderWindow(window, limit)
    for operation, argument, now, expected in steps:
        if operation == "push":
            buffer.push(argument[0], argument[1], now)
        elif operation == "pop":
            assert buffer.pop_ready(now) == expected
        else:
            assert buffer.drain() == expected
    assert len(buffer) == 0 or steps[-1][0] == "push"


def test_reorder_window_next_due_and_len():
    buffer = ReorderWindow(10)
    assert buffer.next_due() is None
    buffer.push(4, "a", 3)
    buffer.push(1, "b", 5)
    assert len(buffer) == 2
    assert buffer.next_due() == 15  # the lowest key decides
    with pytest.raises(ValueError):
        ReorderWindow(-1)
    with pytest.raises(ValueError):
        ReorderWindow(1, limit=0)
