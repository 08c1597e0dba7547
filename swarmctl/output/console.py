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


def out(text="", end="\n"):
    """Write to stdout (data: IDs, names, tables)."""
    sys.stdout.write(text + end)


def err(text="", end="\n"):
    """Write to stderr (messages, progress, warnings)."""
    sys.stderr.write(text + end)
    sys.stderr.flush()


def flush():
    sys.stdout.flush()


def rich_console(stderr=False):
    """A rich Console bound to stdout or stderr; honours NO_COLOR and TERM=dumb itself."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)
