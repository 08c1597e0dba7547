"""swarmctl update [OPTIONS] SERVICE: docker service update, flag for flag."""
from __future__ import annotations

import click

from swarmctl.cli import exitcodes
from swarmctl.cli.changes import print_changes
from swarmctl.cli.completion import candidates
from swarmctl.cli.converge import deliver, follow
from swarmctl.cli.errors import errors_exit_with, require_arguments, service_refusals
from swarmctl.cli.options import DockerCommand, flag_options, given_flags, timeout_option
from swarmctl.output import console


@click.command("update", cls=DockerCommand, short_help="Update a service",
               epilog=exitcodes.epilog())
@flag_options("update")
@timeout_option()
@click.argument("services", nargs=-1, metavar="SERVICE", shell_complete=candidates.service)
@click.pass_context
def command(ctx, services, timeout, **_options):
    """Update a service.

    The service is printed on stdout as typed; warnings and progress go to stderr.
    """
    flags = given_flags(ctx)
    if flags.pop("dry-run", False):
        return _dry_run(ctx, services, flags)
    require_arguments(ctx, services, exactly=1)
    ctx.obj.start_deadline(timeout)
    reference = services[0]
    from swarmctl.service.build import update_service
    from swarmctl.service.edit import rollback_requested
    from swarmctl.utils.versions import version_lt

    with service_refusals():
        outcome = update_service(ctx.obj.client, reference, flags)
    for warning in outcome.warnings:
        console.err(warning)
    deliver(reference, done=f"service {reference} was updated")
    if flags.get("detach") or version_lt(ctx.obj.api.api_version, "1.29"):
        return exitcodes.OK
    return follow(ctx.obj, outcome.service_id, reference, quiet=bool(flags.get("quiet")),
                  timeout_ns=timeout, rollback_requested=rollback_requested(flags))


# --dry-run follows kubectl diff's convention: 0 no changes, 1 changes, >1 an error.
DRY_RUN_ERROR = 2


def _dry_run(ctx, services, flags):
    """--dry-run: the field-level changes on stdout and whether they restart tasks."""
    with errors_exit_with(DRY_RUN_ERROR):  # engine and connection errors too: 2, not 1
        return _show_changes(ctx, services, flags)


def _show_changes(ctx, services, flags):
    from swarmctl.service import diff
    from swarmctl.service.build import dry_run_update

    require_arguments(ctx, services, exactly=1)
    reference = services[0]
    with service_refusals():
        result = dry_run_update(ctx.obj.client, reference, flags)
    for warning in result.warnings:
        console.err(warning)
    if result.sends_credentials:
        console.err("registry credentials for the image would be sent with it (not shown)")
    changes = diff.diff(result.current, result.spec)
    if not changes:
        console.err(f"dry run: no changes to {reference}")
        return exitcodes.OK
    effect = diff.rollout(result.current, result.spec)
    print_changes(changes)
    console.out(diff.summary(changes, effect))
    what = "roll back" if result.rollback else "update"
    console.err(f"dry run: nothing was changed (run without --dry-run to {what} {reference})")
    return exitcodes.ERROR  # 1: there are differences
