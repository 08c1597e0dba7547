"""SIGTERM and SIGHUP end a command the way Ctrl-C does.

A waiting command (create, update, scale, rollback, restart, wait, logs -f) stopped by
``kill`` or by its terminal closing gets the same clean-up as Ctrl-C: progress stops, the
engine keeps converging, ``restart`` puts back the update config it changed for its rollout.
Only the exit code differs: 128 + the signal's number (143, 129), as a shell reports it.
"""
from __future__ import annotations

import signal

from swarmctl.cli import exitcodes

HANDLED = (signal.SIGTERM, signal.SIGHUP)

# The number of the last terminating signal received by this process (None: none).
_received = None


class Terminated(KeyboardInterrupt):
    """Raised in the main thread by SIGTERM or SIGHUP. A KeyboardInterrupt, so that every
    command's Ctrl-C path handles it."""

    def __init__(self, signum):
        super().__init__(signum)
        self.signum = signum


def _raise_terminated(signum, _frame):
    global _received
    _received = signum
    raise Terminated(signum)


def install():
    """Handle SIGTERM and SIGHUP like SIGINT for the rest of this process's life.

    For a process of our own only (``console_main``/``main``): a program that embeds
    ``run()`` keeps its own handlers. A signal that is ignored at start-up (``nohup``)
    stays ignored."""
    global _received
    _received = None
    for signum in HANDLED:
        if signal.getsignal(signum) is signal.SIG_IGN:
            continue
        signal.signal(signum, _raise_terminated)


def exit_code(code):
    """The exit code to report: an interruption caused by SIGTERM/SIGHUP is 128 + N."""
    if code == exitcodes.INTERRUPTED and _received is not None:
        return 128 + _received
    return code
