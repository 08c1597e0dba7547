"""swarmctl why SERVICE...: which slots are failing, with which errors, and what to try.

Reads the service, all its retained tasks and the nodes (see swarmctl.service.diagnosis) and prints
the failing slots, each distinct error (how often, when and where it last happened, exit
codes) and a hint for the common causes. Plain text when stdout is not a terminal, a rich
rendering on one, one JSON object per service (one line each) with ``--format json``.

For scripts: exit 0 when no slot is failing now, 5 (``exitcodes.FAILING``) when a slot of
a service is failing now (the JSON has ``"failing"``), 1 when a service cannot be read (that
wins). A failure counts when the task failed on its own, ran the service's current spec and
ended within ``--window`` (10 minutes by default); see ``swarmctl.service.diagnosis``.
"""
from __future__ import annotations

import click

from swarmctl.cli import exitcodes
from swarmctl.cli.completion import candidates
from swarmctl.cli.errors import CliError, format_docker_error, require_arguments
from swarmctl.cli.options import go_duration
from swarmctl.output import console


@click.command("why", short_help="Explain why a service's tasks are failing",
               epilog=exitcodes.epilog("why"))
# Not the template --format of ls, ps and inspect: a choice of two renderings.
@click.option("--format", "text_or_json", type=click.Choice(["text", "json"]), default=None,
              help="Output format: text (the default; rich on a terminal) or json (one object "
                   "per service and line)")
@click.option("--window", "window_ns", type=go_duration(), default=None, metavar="duration",
              help="Count failures that ended this recently (default 10m)")
@click.argument("services", nargs=-1, shell_complete=candidates.services)
@click.pass_context
def command(ctx, text_or_json, window_ns, services):
    """Explain why the tasks of each SERVICE are failing, with hints for common causes.

    Only failures that count: tasks that failed on their own, running the service's
    current spec, within --window. Exit 5 when a slot of a SERVICE is failing now.
    """
    require_arguments(ctx, services, at_least=1)
    from swarmctl.service import diagnosis
    from swarmctl.errors import APIError
    from swarmctl.output import diagnosis as render
    from swarmctl.golang.time import now_ns

    api = ctx.obj.api
    rich = text_or_json is None and console.wants_rich(console.stdout_is_terminal())
    failures = []
    failing = False
    first = True
    for reference in services:
        try:
            result = diagnosis.collect(api, reference, window_ns=(
                diagnosis.RECENT_NS if window_ns is None else window_ns))
        except APIError as error:
            failures.append(format_docker_error(error))
            continue
        failing = failing or result.failing
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
    return exitcodes.FAILING if failing else exitcodes.OK
