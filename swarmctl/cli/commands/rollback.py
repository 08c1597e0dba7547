"""swarmctl rollback SERVICE: ask the engine to restore the previous spec."""
from __future__ import annotations

import click

from swarmctl.cli import exitcodes
from swarmctl.cli.completion import candidates
from swarmctl.cli.converge import deliver, follow
from swarmctl.cli.errors import require_arguments
from swarmctl.cli.options import wait_options
from swarmctl.output import console


@click.command("rollback", short_help="Revert changes to a service's configuration",
               epilog=exitcodes.epilog())
@wait_options
@click.argument("services", nargs=-1, shell_complete=candidates.service)
@click.pass_context
def command(ctx, detach, quiet, timeout, services):
    """Revert changes to a service's configuration.

    The service name is printed on stdout; progress goes to stderr.
    """
    require_arguments(ctx, services, exactly=1)
    ctx.obj.start_deadline(timeout)
    reference = services[0]
    api = ctx.obj.api
    service = api.inspect_service(reference, insert_defaults=False)
    answer = api.update_service_spec(service["ID"], service["Version"]["Index"], service["Spec"],
                                     rollback="previous")
    for warning in (answer or {}).get("Warnings") or []:
        console.err(warning)
    deliver(reference, done=f"the rollback of service {reference} was started")
    if detach:
        return exitcodes.OK
    return follow(ctx.obj, service["ID"], reference, quiet=quiet, timeout_ns=timeout,
                  rollback_requested=True)
