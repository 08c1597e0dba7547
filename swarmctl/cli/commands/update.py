"""swarmctl update [OPTIONS] SERVICE: docker service update, flag for flag."""
from __future__ import annotations

import click

from swarmctl.cli import exitcodes
from swarmctl.cli.converge import follow, timeout_option
from swarmctl.cli.errors import require_arguments
from swarmctl.cli.flags import DockerCommand, flag_options, given_flags
from swarmctl.output import console


@click.command("update", cls=DockerCommand, short_help="Update a service",
               epilog=exitcodes.epilog())
@flag_options("update")
@timeout_option
@click.argument("services", nargs=-1, metavar="SERVICE")
@click.pass_context
def command(ctx, services, timeout, **_options):
    """Update a service.

    The service is printed on stdout as typed; warnings and progress go to stderr.
    """
    require_arguments(ctx, services, exactly=1)
    reference = services[0]
    flags = given_flags(ctx)
    from swarmctl.cli.servicebuild import update_service
    from swarmctl.specedit import rollback_requested
    from swarmctl.utils.versions import version_lt

    outcome = update_service(ctx.obj.client, reference, flags)
    for warning in outcome.warnings:
        console.err(warning)
    console.out(reference)
    if flags.get("detach") or version_lt(ctx.obj.api.api_version, "1.29"):
        return exitcodes.OK
    return follow(ctx.obj, outcome.service_id, reference, quiet=bool(flags.get("quiet")),
                  timeout_ns=timeout, rollback_requested=rollback_requested(flags))
