"""Where output goes, and in which form: docker's exact bytes when piped, rich on a terminal.

rich is imported only when a terminal rendering is actually drawn.
"""
from __future__ import annotations

import os
import sys


def stdout_is_terminal():
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def stderr_is_terminal():
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def wants_rich(stream_is_terminal):
    """Rich rendering only on a real terminal that is not dumb."""
    if not stream_is_terminal:
        return False
    return os.environ.get("TERM", "") not in ("dumb", "unknown")


def wants_colour(stream_is_terminal):
    """Escape sequences only on a terminal that is not dumb, and not with NO_COLOR set
    (to anything but the empty string, as no-color.org says)."""
    return wants_rich(stream_is_terminal) and not os.environ.get("NO_COLOR")


def out(text="", end="\n"):
    """Write to stdout (data: IDs, names, tables)."""
    sys.stdout.write(text + end)


# The stderr stream whose reader has gone (see stderr_lost); None while it works.
_lost_stderr = None


def err(text="", end="\n"):
    """Write to stderr (messages, progress, warnings).

    Once the reader of stderr has gone (``2>&1 | head -1``), messages are dropped: losing
    the progress stream never changes what a command does or its exit code."""
    if sys.stderr is None or sys.stderr is _lost_stderr:
        return
    try:
        sys.stderr.write(text + end)
        sys.stderr.flush()
    except (OSError, ValueError):
        stderr_lost()


def stderr_lost():
    """Stop writing to stderr for good, quietly. Where stderr is a real file descriptor it
    is pointed at /dev/null, so that nothing else writing there (rich, click, the final
    flush) fails either."""
    global _lost_stderr
    _lost_stderr = sys.stderr
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stderr.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # not a file descriptor (output captured in-process): err() drops the lines


def stderr_is_lost():
    return sys.stderr is None or sys.stderr is _lost_stderr


def flush():
    sys.stdout.flush()


def rich_console(stderr=False):
    """A rich Console bound to stdout or stderr; honours NO_COLOR and TERM=dumb itself."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)
