"""swarmctl create [OPTIONS] IMAGE [COMMAND] [ARG...]: docker service create, flag for flag."""
from __future__ import annotations

import click

from swarmctl.cli import exitcodes
from swarmctl.cli.completion import candidates
from swarmctl.cli.converge import deliver, follow
from swarmctl.cli.errors import require_arguments, service_refusals
from swarmctl.cli.options import DockerCommand, flag_options, given_flags, timeout_option
from swarmctl.golang.json import marshal
from swarmctl.output import console


@click.command("create", cls=DockerCommand, short_help="Create a new service",
               epilog=exitcodes.epilog(),
               # docker: everything after IMAGE belongs to the container, even "--x".
               context_settings={"allow_interspersed_args": False})
@flag_options("create")
@timeout_option()
@click.argument("image_and_args", nargs=-1, metavar="IMAGE [COMMAND] [ARG...]",
                shell_complete=candidates.create_image)
@click.pass_context
def command(ctx, image_and_args, timeout, **_options):
    """Create a new service.

    The service ID is printed on stdout; warnings and progress go to stderr.
    """
    require_arguments(ctx, image_and_args, at_least=1)
    ctx.obj.start_deadline(timeout)
    flags = given_flags(ctx)
    image, args = image_and_args[0], list(image_and_args[1:])
    if flags.pop("dry-run", False):
        return _dry_run(ctx, flags, image, args)
    from swarmctl.service.build import create_service

    with service_refusals():
        outcome = create_service(ctx.obj.client, flags, image, args)
    for warning in outcome.warnings:
        console.err(warning)
    deliver(outcome.service_id, done=f"service {outcome.service_id} was created")
    if _detached(ctx, flags):
        return exitcodes.OK
    return follow(ctx.obj, outcome.service_id, outcome.service_id,
                  quiet=bool(flags.get("quiet")), timeout_ns=timeout)


def _detached(ctx, flags):
    from swarmctl.utils.versions import version_lt

    # Below API 1.29 docker never waits.
    return bool(flags.get("detach")) or version_lt(ctx.obj.api.api_version, "1.29")


def _dry_run(ctx, flags, image, args):
    """--dry-run: the ServiceSpec that would be sent, on stdout; nothing is created."""
    from swarmctl.service.build import dry_run_create

    with service_refusals():
        result = dry_run_create(ctx.obj.client, flags, image, args)
    for warning in result.warnings:
        console.err(warning)
    if result.sends_credentials:
        console.err("registry credentials for the image would be sent with it (not shown)")
    console.out(marshal(result.spec, indent="    "))
    console.err("dry run: nothing was created")
    return exitcodes.OK
