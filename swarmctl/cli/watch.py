"""``ps --watch`` and ``ls --watch``: the table kept up to date until Ctrl-C.

What changes is found two ways: the engine's event stream (``service`` and ``node`` events,
read by a thread) wakes the loop at once, and the tasks are polled every
``POLL_SECONDS``, since the engine emits no event when a task changes state. Each wake-up
asks the engine for one fresh snapshot; only a snapshot that differs from the last one
shown is drawn.

- On a terminal the table is redrawn in place (:mod:`swarmctl.output.live`).
- Otherwise one table per change, each exactly what a plain ``ps``/``ls`` would print at
  that moment, separated by a blank line; the first at once. A change means a change in
  what the engine reports (a task's state, node, error; a service's replicas...), not a
  "5 seconds ago" that became "6 seconds ago".

Ctrl-C ends it with exit 0; SIGTERM/SIGHUP as everywhere (129, 143: see
:mod:`swarmctl.cli.signals`). A reader that went away (``| head``) ends it with 0 as soon as
it is noticed, idle or not. An engine that goes away: the request that fails says so in one
line (exit 1).
"""
from __future__ import annotations

import os
import select
import stat
import sys
import threading

from swarmctl.cli import signals

POLL_SECONDS = 1.0
# What the event stream is asked for: the objects whose change a table shows.
EVENT_FILTERS = {"type": ["service", "node"]}


class _EventWaker:
    """Reads the engine's events in a thread and sets ``wake`` on each one. The stream is
    opened by the caller's thread (an engine that refuses it fails the command there)."""

    def __init__(self, api, wake):
        self._api = api
        self._wake = wake
        self._stream = None
        self.ended = True

    def open(self):
        self._stream = self._api.events(filters=EVENT_FILTERS, decode=True)
        self.ended = False
        threading.Thread(target=self._read, args=(self._stream,), daemon=True,
                         name="swarmctl-events").start()

    def _read(self, stream):
        try:
            for _event in stream:
                self._wake.set()
        except Exception:  # noqa: BLE001 - the next poll meets the engine and says what is wrong
            pass
        finally:
            self.ended = True
            self._wake.set()

    def close(self):
        if self._stream is not None:
            self._stream.close()


def _reader_gone(fd):
    """Whether the reading end of the pipe on ``fd`` was closed (POLLERR on a pipe)."""
    try:
        if not stat.S_ISFIFO(os.fstat(fd).st_mode):
            return False
        poller = select.poll()
        poller.register(fd, 0)  # errors are reported whatever the mask
        return any(events & (select.POLLERR | select.POLLHUP) for _fd, events in poller.poll(0))
    except (OSError, ValueError, AttributeError):
        return False


def run(api, snapshot, title):
    """Show ``snapshot(refresh)`` until interrupted; returns the exit code (0 on Ctrl-C).

    ``snapshot(refresh)`` returns ``(kind, rows, text, key, shown_key)``: ``kind``
    ``'tasks'``/``'services'`` for the default table (``rows`` for the terminal) or None;
    ``text`` the piped bytes; ``key`` what the engine reported (a new piped table when it
    changes); ``shown_key`` what a terminal frame shows. ``refresh`` is True after an
    event (names may have changed)."""
    from swarmctl.output import formatting, richtables

    wake = threading.Event()
    events = _EventWaker(api, wake)
    try:
        events.open()
        if richtables.wanted():
            from swarmctl.output.live import LiveScreen

            with LiveScreen(title) as screen:
                _loop(events, wake, snapshot, lambda snap: screen.show(*snap[:3], snap[4]))
        else:
            last = []

            def write(snap):
                if last and last[0] == snap[3]:
                    return
                formatting.write_stdout(("\n" if last else "") + snap[2])
                last[:] = [snap[3]]

            _loop(events, wake, snapshot, write)
    except KeyboardInterrupt as interrupt:
        if isinstance(interrupt, signals.Terminated):
            raise
        return 0  # Ctrl-C is how a watch ends
    finally:
        events.close()


def _loop(events, wake, snapshot, show):
    stdout_fd = _fileno(sys.stdout)
    refresh = False
    while True:
        show(snapshot(refresh))
        if stdout_fd is not None and _reader_gone(stdout_fd):
            raise BrokenPipeError
        wake.wait(POLL_SECONDS)
        refresh = wake.is_set()
        wake.clear()
        if events.ended:
            events.open()  # the engine closed it: open again, or fail saying why


def _fileno(stream):
    try:
        return stream.fileno()
    except (AttributeError, ValueError, OSError):
        return None
