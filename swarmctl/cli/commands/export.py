"""swarmctl export SERVICE...: the command (or the compose file) that creates each service as it
is stored now.

One ``GET /services/REF?insertDefaults=false`` per argument, then one list request per kind
of object the specs refer to (networks, secrets, configs) for their names; the mappings
themselves are ``swarmctl.service.export`` (``--format cli``: one shell-quoted line per
service on stdout) and ``swarmctl.service.compose`` (``--format compose``: one compose file
holding every service). Unknown services are reported on stderr after the others are
printed (exit 1); spec fields the format cannot express, one stderr line each (exit 6).
"""
from __future__ import annotations

import click

from swarmctl.cli import exitcodes
from swarmctl.cli.completion import candidates
from swarmctl.cli.errors import CliError, format_docker_error, require_arguments
from swarmctl.output import console


@click.command("export", short_help="Print the command that creates a service as it is now",
               epilog=exitcodes.epilog())
@click.option("--format", "format_", type=click.Choice(["cli", "compose"]), default="cli",
              show_default=True,
              help="Output format: cli (one shell-quoted create command per service and line) "
                   "or compose (one compose file with every SERVICE, for docker stack deploy)")
@click.option("--docker", is_flag=True,
              help="Print docker service create instead of swarmctl create (the same flags; "
                   "--format cli only)")
@click.argument("services", nargs=-1, shell_complete=candidates.services)
@click.pass_context
def command(ctx, format_, docker, services):
    """Print, for each SERVICE, the create command that stores the spec it has now.

    The command never includes --detach. Fields of the spec that no flag can set (made
    through the API) are named on stderr, one line each, and the exit code is 6. With
    --format compose, one compose file holds every SERVICE; fields it cannot express are
    named the same way.
    """
    if docker and format_ == "compose":
        raise CliError("--docker cannot be used with --format compose", exitcodes.USAGE)
    require_arguments(ctx, services, at_least=1)
    from swarmctl.errors import APIError, NotFound
    from swarmctl.service import export

    api = ctx.obj.api
    found, failures, seen = [], [], set()
    for reference in services:
        try:
            service = api.inspect_service(reference, insert_defaults=False)
        except NotFound:
            failures.append(f"Error: no such service: {reference}")
            continue
        except APIError as error:
            failures.append(format_docker_error(error))
            continue
        if format_ == "compose" and service["ID"] in seen:
            continue  # by name and by ID: a compose file has each service once
        seen.add(service["ID"])
        found.append((service["Spec"].get("Name") or service["ID"], service["Spec"]))
    try:
        names = export.object_names(api, [spec for _, spec in found]) if found else {}
    except APIError as error:
        raise CliError(format_docker_error(error)) from None

    if format_ == "compose":
        incomplete = _print_compose(found, names)
    else:
        incomplete = _print_commands(found, names, docker)
    if failures:
        console.flush()
        raise CliError("\n".join(failures))
    return exitcodes.EXPORT_INCOMPLETE if incomplete else exitcodes.OK


def _print_commands(found, names, docker):
    """One create command per service on stdout, each field no flag can express on stderr;
    True when there was any."""
    from swarmctl.service import export

    incomplete = False
    for name, spec in found:
        exported = export.create_arguments(spec, names)
        console.out(export.command_line(exported.arguments, docker=docker))
        for path in exported.unexpressible:
            incomplete = True
            console.err(f"{name}: no flag can express {path}")
    return incomplete


def _print_compose(found, names):
    """The compose file of the services found on stdout, what it cannot say on stderr (one
    line per service and field, its reasons joined); True when there was any."""
    from swarmctl.service import compose

    if not found:
        return False
    result = compose.compose_file(found, names)
    console.out(result.text, end="")
    reasons = {}
    for name, path, reason in result.unexpressible:
        reasons.setdefault((name, path), []).append(reason)
    for (name, path), said in reasons.items():
        console.err(f"{name}: compose cannot express {path} ({'; '.join(dict.fromkeys(said))})")
    return bool(reasons)
