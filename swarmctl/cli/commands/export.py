"""swarmctl export SERVICE...: the command that creates each service as it is stored now.

One ``GET /services/REF?insertDefaults=false`` per argument, then one list request per kind
of object the specs refer to (networks, secrets, configs) for their names; the mapping
itself is ``swarmctl.service.export``. One shell-quoted line per service on stdout.
Unknown services are reported on stderr after the others are printed (exit 1); spec
fields no flag can express, one stderr line each (exit 6).
"""
from __future__ import annotations

import click

from swarmctl.cli import exitcodes
from swarmctl.cli.completion import candidates
from swarmctl.cli.errors import CliError, format_docker_error, require_arguments
from swarmctl.output import console


@click.command("export", short_help="Print the command that creates a service as it is now",
               epilog=exitcodes.epilog())
@click.option("--format", "format_", type=click.Choice(["cli"]), default="cli",
              show_default=True,
              help="Output format: cli (one shell-quoted create command per service and line)")
@click.option("--docker", is_flag=True,
              help="Print docker service create instead of swarmctl create (the same flags)")
@click.argument("services", nargs=-1, shell_complete=candidates.services)
@click.pass_context
def command(ctx, format_, docker, services):
    """Print, for each SERVICE, the create command that stores the spec it has now.

    The command never includes --detach. Fields of the spec that no flag can set (made
    through the API) are named on stderr, one line each, and the exit code is 6.
    """
    require_arguments(ctx, services, at_least=1)
    from swarmctl.errors import APIError, NotFound
    from swarmctl.service import export

    api = ctx.obj.api
    found, failures = [], []
    for reference in services:
        try:
            service = api.inspect_service(reference, insert_defaults=False)
        except NotFound:
            failures.append(f"Error: no such service: {reference}")
            continue
        except APIError as error:
            failures.append(format_docker_error(error))
            continue
        found.append((service["Spec"].get("Name") or service["ID"], service["Spec"]))
    try:
        names = export.object_names(api, [spec for _, spec in found]) if found else {}
    except APIError as error:
        raise CliError(format_docker_error(error)) from None

    incomplete = False
    for name, spec in found:
        # The one format so far; --format compose becomes a second branch here.
        exported = export.create_arguments(spec, names)
        console.out(export.command_line(exported.arguments, docker=docker))
        for path in exported.unexpressible:
            incomplete = True
            console.err(f"{name}: no flag can express {path}")
    if failures:
        console.flush()
        raise CliError("\n".join(failures))
    return exitcodes.EXPORT_INCOMPLETE if incomplete else exitcodes.OK
