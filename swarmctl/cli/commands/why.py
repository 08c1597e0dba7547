"""swarmctl why SERVICE...: which slots are failing, with which errors, and what to try.

Reads the service, all its retained tasks and the nodes (see swarmctl.service.diagnosis) and prints
the failing slots, each distinct error (how often, when and where it last happened, exit
codes) and a hint for the common causes. Plain text when stdout is not a terminal, a rich
rendering on one, one JSON object per service (one line each) with ``--format json``.

The exit status is 0 whenever the diagnosis could be made, healthy or not (the JSON has
``"healthy"``); 1 when a service cannot be read.
"""
from __future__ import annotations

import click

from swarmctl.cli import exitcodes
from swarmctl.cli.completion import candidates
from swarmctl.cli.errors import CliError, format_docker_error, require_arguments
from swarmctl.output import console


@click.command("why", short_help="Explain why a service's tasks are failing",
               epilog=exitcodes.epilog())
# Not the template --format of ls, ps and inspect: a choice of two renderings.
@click.option("--format", "text_or_json", type=click.Choice(["text", "json"]), default=None,
              help="Output format: text (the default; rich on a terminal) or json (one object "
                   "per service and line)")
@click.argument("services", nargs=-1, shell_complete=candidates.services)
@click.pass_context
def command(ctx, text_or_json, services):
    """Explain why the tasks of each SERVICE are failing, with hints for common causes."""
    require_arguments(ctx, services, at_least=1)
    from swarmctl.service import diagnosis
    from swarmctl.errors import APIError
    from swarmctl.output import diagnosis as render
    from swarmctl.golang.time import now_ns

    api = ctx.obj.api
    rich = text_or_json is None and console.wants_rich(console.stdout_is_terminal())
    failures = []
    first = True
    for reference in services:
        try:
            result = diagnosis.collect(api, reference)
        except APIError as error:
            failures.append(format_docker_error(error))
            continue
        now = now_ns()
        if text_or_json == "json":
            console.out(render.render_json(result))
            continue
        if not first:
            console.out()
        first = False
        if rich:
            console.flush()
            render.print_rich(result, now)
        else:
            console.out(render.render_text(result, now), end="")
    if failures:
        console.flush()
        raise CliError("\n".join(failures))
    return exitcodes.OK
