"""Following convergence after create/update/scale/rollback, with truthful exit codes.

stdout carries only the command's result (printed before this runs); progress goes to
stderr. The outcome decides the exit code (see exitcodes.py), where docker exits 0 for an
automatic rollback and waits forever.
"""
from __future__ import annotations

import sys
import time

from swarmctl.cli import exitcodes
from swarmctl.cli.errors import CliError, write_error_message


def deliver(*lines, done=None):
    """Write a command's result lines on stdout now, before it waits or exits.

    A closed stdout (``create ... | true``) raises ResultLost (exit 141): a result nobody
    received is never a success. Any other write error (a full disk) is a CliError that
    says so, and what ``done`` already happened (e.g. "service x was created")."""
    from swarmctl.cli.app import ResultLost
    from swarmctl.output import console

    try:
        for line in lines:
            console.out(line)
        console.flush()
    except BrokenPipeError as closed:
        raise ResultLost() from closed
    except OSError as error:
        raise CliError(write_error_message(error, done)) from None


def _quietly(action):
    """Run a display action; if stderr has gone (``2>&1 | head -1``) stop writing there and
    tell the caller to go on without the display."""
    from swarmctl.output import console

    try:
        action()
        return True
    except OSError:
        console.stderr_lost()
        return False


def show_progress(snapshots, display_name, quiet=False, interrupted_lines=(), observe=None):
    """Render convergence snapshots on stderr until the last one.

    Returns ``(last snapshot, display)``, or ``(None, None)`` after Ctrl-C (or SIGTERM,
    SIGHUP), once ``interrupted_lines`` are printed. If stderr closes, the wait goes on
    without progress. Any other error stops the display and propagates.
    """
    from swarmctl.output import console
    from swarmctl.output.progress import make_display

    deliver()  # the result printed so far reaches its reader before the wait
    display = None
    if not console.stderr_is_lost():
        try:
            display = make_display(display_name, quiet=quiet)
        except OSError:
            console.stderr_lost()
    last = None
    try:
        for progress in snapshots:
            last = progress
            if observe is not None:
                observe(progress)
            if display is not None and not _quietly(lambda: display.update(progress)):
                _quietly(display.stop)
                display = None
    except KeyboardInterrupt:
        if display is not None:
            _quietly(display.stop)
        for line in interrupted_lines:
            console.err(line)
        return None, None
    except BaseException:
        if display is not None:
            _quietly(display.stop)
        raise
    return last, display


def finish_progress(display, last, final_lines, code, error=None):
    """Close the display with its final lines, print the error, return the exit code."""
    from swarmctl.output import console

    if display is not None:
        _quietly(lambda: display.finish(last, final_lines))
        _quietly(display.stop)
    if error:
        console.err(error)
    return code


def deadline_passed(error):
    """Whether ``error`` is a request cut short by the command's --timeout."""
    errors = sys.modules.get("swarmctl.errors")
    return errors is not None and isinstance(error, errors.DeadlineExceeded)


def follow(app, service_id, display_name, quiet=False, timeout_ns=None, rollback_requested=False):
    """Wait for the service to converge, rendering progress on stderr; return the exit code.

    The wait ends at the command's deadline (``app.start_deadline``) if it has one, else
    ``timeout_ns`` from now."""
    from swarmctl.output import console
    from swarmctl.service import convergence

    deadline = getattr(app, "deadline", None)
    if deadline is None and timeout_ns is not None:
        deadline = time.monotonic() + timeout_ns / 1e9
    if getattr(app, "timeout_ns", None) is not None:
        timeout_ns = app.timeout_ns
    snapshots = convergence.watch(app.api, service_id, deadline=deadline)
    try:
        last, display = show_progress(snapshots, display_name, quiet, interrupted_lines=(
            "Operation continuing in background.",
            f"Use `swarmctl ps {display_name}` to check progress.",
        ))
    except Exception as error:
        if not deadline_passed(error):
            raise
        console.err(_timed_out_message(timeout_ns, display_name))
        return exitcodes.TIMED_OUT
    if last is None:
        return exitcodes.INTERRUPTED

    outcome = last.outcome
    final = []
    code = exitcodes.OK
    error = None
    if outcome in (convergence.CONVERGED, convergence.UPDATE_COMPLETED):
        final.append(("verify", f"Service {display_name} converged"))
    elif outcome == convergence.JOB_COMPLETE:
        final.append(("", "job complete"))
    elif outcome == convergence.ROLLED_BACK:
        final.append(("verify", f"Service {display_name} converged"))
        final.append(("rollback", last.message or "rollback completed"))
        if not rollback_requested:
            code = exitcodes.ROLLED_BACK
            error = f"service update rolled back: {last.rollback_message or last.message}"
    elif outcome == convergence.UPDATE_PAUSED:
        code, error = exitcodes.UPDATE_PAUSED, f"service update paused: {last.message}"
    elif outcome == convergence.ROLLBACK_PAUSED:
        code, error = exitcodes.UPDATE_PAUSED, f"service rollback paused: {last.message}"
    elif outcome == convergence.TIMED_OUT:
        code, error = exitcodes.TIMED_OUT, _timed_out_message(timeout_ns, display_name)
    return finish_progress(display, last, final, code, error)


def _timed_out_message(timeout_ns, display_name):
    from swarmctl.golang.time import format_duration

    return (f"timed out after {format_duration(timeout_ns)} waiting for {display_name} "
            f"to converge; it keeps converging in the background "
            f"(`swarmctl ps {display_name}` shows progress)")
