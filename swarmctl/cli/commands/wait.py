"""swarmctl wait SERVICE...: block until services have converged (or are gone).

Convergence is judged as after ``create``/``update`` (one running task per replica slot or
per node, jobs run to completion, tasks stable for the update monitor period), with three
differences that matter for a service that was not just changed by this process:

* a freshly created service (no ``UpdateStatus``) is judged by its tasks alone;
* an ``UpdateStatus`` of ``completed`` ends nothing by itself: it stays ``completed``
  forever, also when the tasks crash later;
* while the engine is still rolling out (``updating``, ``rollback_started``) the service
  has not converged; tasks that have already been running longer than the monitor period
  count as verified, so waiting for a service that is stable returns at once.

Exit codes are the ones of create/update (see ``swarmctl --help``); the state a past
rollout left behind counts: an update that paused exits 3, one that the engine rolled back
automatically exits 4 (0 with ``--rollback-ok``; a rollback someone asked for is a success).
At ``--timeout`` (124) the last line says what the last look found missing: tasks not yet
running, the engine still rolling out, or the monitor period not yet over.

``--for removed`` waits until each service is gone and its tasks have shut down (their
containers stopped: ports, networks and volumes are free again). A service that is already
gone counts as removed.

stdout gets each service as typed once it reached the condition; progress goes to stderr.
"""
from __future__ import annotations

import time

import click

from swarmctl.cli import exitcodes
from swarmctl.cli.completion import candidates
from swarmctl.cli.converge import deadline_passed, deliver
from swarmctl.cli.options import quiet_option, timeout_option
from swarmctl.cli.errors import CliError, format_docker_error, require_arguments
from swarmctl.golang.time import format_duration, parse_rfc3339_nano
from swarmctl.output import console

MANUAL_ROLLBACK = "manually requested rollback"


@click.command("wait", short_help="Wait until services have converged or are removed",
               epilog=exitcodes.epilog())
@click.option("--for", "condition", type=click.Choice(["converged", "removed"]),
              default="converged", show_default=True,
              help="What to wait for: converged (tasks up and stable, jobs complete) or removed "
                   "(service gone and its tasks shut down)")
@click.option("--rollback-ok", is_flag=True,
              help="Treat an update the engine rolled back automatically as success (exit 0)")
@quiet_option()
@timeout_option(help="Give up after this long (exit 124); nothing is changed either way")
@click.argument("services", nargs=-1, shell_complete=candidates.services)
@click.pass_context
def command(ctx, condition, rollback_ok, quiet, timeout, services):
    """Wait until every SERVICE has converged (or, with --for removed, is gone).

    Services are waited for one after the other; --timeout bounds the whole wait.
    """
    require_arguments(ctx, services, at_least=1)
    ctx.obj.start_deadline(timeout)
    api = ctx.obj.api
    deadline = ctx.obj.deadline
    if condition == "removed":
        return _wait_all(services, lambda ref: _wait_removed(api, ref, deadline, quiet, timeout))

    from swarmctl.errors import APIError

    # Every name is checked first, several at once: a typo must not cost the whole timeout.
    resolved, failures = [], []
    lookups = api.concurrently(lambda ref: api.inspect_service(ref, insert_defaults=False),
                               services, catch=(APIError,))
    for reference, (service, error) in zip(services, lookups):
        if error is not None:
            failures.append(format_docker_error(error))
        else:
            resolved.append((reference, service["ID"]))
    if failures:
        raise CliError("\n".join(failures))
    engine_now = _engine_clock(api)
    ids = dict(resolved)
    return _wait_all(services, lambda ref: _wait_converged(
        ctx.obj, ids[ref], ref, deadline, quiet, timeout, rollback_ok, engine_now,
        several=len(services) > 1))


def _wait_all(references, wait_one):
    """Wait for each in turn; the first Ctrl-C ends everything; otherwise the worst code."""
    code = exitcodes.OK
    for reference in references:
        result = wait_one(reference)
        if result == exitcodes.OK:
            deliver(reference)
        elif result == exitcodes.INTERRUPTED:
            return result
        code = max(code, result)
    return code


def _engine_clock(api):
    """A function giving the engine's wall clock (Unix ns), from ``GET /info``; or None."""
    try:
        system_time = api.info().get("SystemTime")
        offset = parse_rfc3339_nano(system_time) - time.time_ns()
    except Exception:  # noqa: BLE001 - without it every wait simply verifies in full
        return None
    return lambda: time.time_ns() + offset


# -- converged ----------------------------------------------------------------------------------

def _wait_converged(app, service_id, name, deadline, quiet, timeout_ns, rollback_ok, engine_now,
                    several=False):
    from swarmctl.service import convergence
    from swarmctl.cli.converge import finish_progress, show_progress
    from swarmctl.errors import NotFound

    console.flush()
    if several and not quiet:
        console.err(f"waiting for {name}")
    rollback_started = []
    latest = []  # the last snapshot seen, for the timeout line when a request hits the deadline

    def remember(progress):
        latest[:] = [progress]
        if progress.rollback_message not in ("", "rollback completed"):
            rollback_started[:] = [progress.rollback_message]  # what rollback_started said

    snapshots = convergence.watch(app.api, service_id, deadline=deadline, stop_when_completed=False,
                                  until_rollout_done=True, engine_now=engine_now)
    try:
        last, display = show_progress(snapshots, name, quiet,
                                      interrupted_lines=(f"Stopped waiting for {name}.",),
                                      observe=remember)
    except NotFound:
        console.err(f"service {name} was removed while waiting for it to converge")
        return exitcodes.ERROR
    except Exception as error:
        if not deadline_passed(error):
            raise
        message = _timeout_message(timeout_ns, name, "converge")
        console.err(f"{message}: {_not_yet(latest[0])}" if latest else message)
        return exitcodes.TIMED_OUT
    if last is None:
        return exitcodes.INTERRUPTED
    started_message = rollback_started[0] if rollback_started else ""

    outcome = last.outcome
    final, error, code = [], None, exitcodes.OK
    if outcome == convergence.CONVERGED:
        final.append(("verify", f"Service {name} converged"))
    elif outcome == convergence.JOB_COMPLETE:
        final.append(("", "job complete"))
    elif outcome == convergence.ROLLED_BACK:
        message = started_message or last.rollback_message or last.message or "rollback completed"
        final.append(("verify", f"Service {name} converged"))
        final.append(("rollback", last.message or "rollback completed"))
        if not rollback_ok and not _rollback_was_requested(app.api, service_id, message):
            if message in ("rollback completed", MANUAL_ROLLBACK):
                message = "the engine rolled the last update back automatically"
            code, error = exitcodes.ROLLED_BACK, f"service update rolled back: {message}"
    elif outcome == convergence.UPDATE_PAUSED:
        code, error = exitcodes.UPDATE_PAUSED, f"service update paused: {last.message}"
    elif outcome == convergence.ROLLBACK_PAUSED:
        code, error = exitcodes.UPDATE_PAUSED, f"service rollback paused: {last.message}"
    elif outcome == convergence.TIMED_OUT:
        code = exitcodes.TIMED_OUT
        error = f"{_timeout_message(timeout_ns, name, 'converge')}: {_not_yet(last)}"
    return finish_progress(display, last, final, code, error)


def _not_yet(progress):
    """What the last look at the service still lacked, in a few words (for the 124 line)."""
    if progress.desired is None:
        return "no tasks yet"
    if progress.mode in ("replicated-job", "global-job"):
        return f"{progress.running}/{progress.desired} tasks completed"
    tasks = f"{progress.running}/{progress.desired} tasks running"
    if not progress.converged:
        return tasks
    if progress.update_state == "updating":
        return f"{tasks}, but the engine still reports the update in progress"
    if progress.update_state == "rollback_started":
        return f"{tasks}, but the engine still reports the rollback in progress"
    return f"{tasks}, not yet for the update monitor period"


def _rollback_was_requested(api, service_id, message):
    """A rollback someone asked for (``rollback``, ``update --rollback``) is a success.

    The engine says "manually requested rollback" only until the rollback completes; after
    that both kinds read "rollback completed". What stays: a requested rollback swaps Spec
    and PreviousSpec, an automatic one clears PreviousSpec (swarmkit's updater).
    """
    if message == MANUAL_ROLLBACK:
        return True
    try:
        service = api.inspect_service(service_id, insert_defaults=False)
    except Exception:  # noqa: BLE001 - cannot tell: report the rollback
        return False
    return bool(service.get("PreviousSpec"))


def _timeout_message(timeout_ns, name, what):
    return (f"timed out after {format_duration(timeout_ns)} waiting for {name} to {what}")


# -- removed ------------------------------------------------------------------------------------

def _wait_removed(api, reference, deadline, quiet, timeout_ns):
    from swarmctl.service import convergence

    console.flush()
    shown = None

    def show(text):
        nonlocal shown
        if not quiet and text != shown:
            shown = text
            console.err(f"{reference}: {text}")

    last = None
    try:
        for removal in convergence.watch_removal(api, reference, deadline=deadline):
            last = removal
            if removal.outcome == convergence.REMOVED:
                break
            if removal.present:
                show("waiting for the service to be removed")
            else:
                noun = "task" if removal.tasks_left == 1 else "tasks"
                show(f"removed, waiting for {removal.tasks_left} {noun} to shut down")
    except KeyboardInterrupt:
        console.err(f"Stopped waiting for {reference}.")
        return exitcodes.INTERRUPTED
    except Exception as error:
        if not deadline_passed(error):
            raise
        last = None
    if last is None or last.outcome == convergence.TIMED_OUT:
        console.err(_timeout_message(timeout_ns, reference, "be removed"))
        return exitcodes.TIMED_OUT
    show("removed")
    return exitcodes.OK
