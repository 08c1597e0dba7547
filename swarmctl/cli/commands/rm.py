"""swarmctl rm SERVICE [SERVICE...]: remove services; every failure reported, the rest removed."""
from __future__ import annotations

import click

from swarmctl.cli.completion import candidates
from swarmctl.cli.errors import (CliError, format_docker_error, require_arguments,
                                 unexpected_error_message)
from swarmctl.output import console


@click.command("rm", short_help="Remove one or more services")
@click.argument("services", nargs=-1, shell_complete=candidates.services)
@click.pass_context
def command(ctx, services):
    """Remove one or more services.

    Each name, ID or ID prefix is printed as typed once the engine accepted its removal;
    errors are collected and printed at the end (exit 1 if any).
    """
    require_arguments(ctx, services, at_least=1)
    import requests

    from swarmctl.errors import APIError

    api, unreachable = ctx.obj.api_or_failure()
    if unreachable is not None:
        raise CliError("\n".join(unreachable for _ in services))
    failures = []
    # Several removals in flight at once, reported in argument order. A name given twice
    # must fail the second time, as it does for docker: then they go one after another.
    # (Two spellings of one service, name and ID, race as two `docker service rm` would.)
    # The engine lost half-way fails the services not yet removed, each with its line.
    workers = None if len(set(services)) == len(services) else 1
    removals = api.concurrently(api.remove_service, services,
                                catch=(APIError, requests.exceptions.RequestException),
                                max_workers=workers)
    for reference, (_, error) in zip(services, removals):
        if isinstance(error, APIError):
            failures.append(format_docker_error(error))
        elif error is not None:
            failures.append(unexpected_error_message(error, debug=False))
        else:
            console.out(reference)
    if failures:
        console.flush()
        raise CliError("\n".join(failures))
