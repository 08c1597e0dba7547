"""swarmctl diff SERVICE_A SERVICE_B | --previous SERVICE: how two stored specs differ.

The field-level diff ``update --dry-run`` prints (``swarmctl.service.diff``), between two
services' specs as the engine stores them (A's is the old side, B's the new), or between a
service's PreviousSpec and its Spec (what its last update, or rollback, changed). Between
two services, ``Name`` is left out (``diff.between_services``): it always differs.

For scripts, kubectl diff's convention, as ``update --dry-run``: 0 the specs are equal
(nothing is printed), 1 they differ, 2 an error (an unknown service, no PreviousSpec, the
engine or the arguments): one line on stderr.
"""
from __future__ import annotations

import click

from swarmctl.cli import exitcodes
from swarmctl.cli.changes import print_changes
from swarmctl.cli.completion import candidates
from swarmctl.cli.errors import ArgumentCountError, CliError, errors_exit_with

DIFF_ERROR = exitcodes.GO_PANIC  # 2, as update --dry-run: 1 means "different"


@click.command("diff", short_help="Show how two services' specs differ")
@click.option("--previous", is_flag=True,
              help="Compare SERVICE's previous spec (the one rollback returns to) with its "
                   "current spec")
@click.argument("services", nargs=-1, metavar="SERVICE_A [SERVICE_B]",
                shell_complete=candidates.service_pair)
@click.pass_context
def command(ctx, previous, services):
    """Show the field-level changes from SERVICE_A's spec to SERVICE_B's, or with --previous
    from SERVICE's previous spec to its current one.

    One line per changed field, as update --dry-run prints them: "+ path: value",
    "- path: value", "~ path: old -> new". Specs are compared as the engine stores them;
    between two services, Name is left out (it always differs). Exit 0 when they are equal,
    1 when they differ, 2 on an error.
    """
    with errors_exit_with(DIFF_ERROR):
        old, new = _specs(ctx, previous, services)
        from swarmctl.service import diff

        changes = diff.diff(old, new) if previous else diff.between_services(old, new)
        print_changes(changes)
    return exitcodes.ERROR if changes else exitcodes.OK


def _specs(ctx, previous, services):
    """(old, new): the two stored specs to compare."""
    wanted = 1 if previous else 2
    if len(services) != wanted:
        problem = ("requires 1 argument with --previous" if previous
                   else "requires 2 arguments (or 1 with --previous)")
        raise ArgumentCountError(ctx, problem)
    if previous:
        service = _read(ctx, services[0])
        if not service.get("PreviousSpec"):
            raise CliError(f"service {services[0]} has no previous spec: it has not been "
                           "updated since it was created")
        return service["PreviousSpec"], service["Spec"]
    first, second = (_read(ctx, reference) for reference in services)
    return first["Spec"], second["Spec"]


def _read(ctx, reference):
    from swarmctl.errors import NotFound

    try:
        return ctx.obj.api.inspect_service(reference)
    except NotFound:
        raise CliError(f"Error: no such service: {reference}") from None
