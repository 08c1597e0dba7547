"""swarmctl ls (alias list): list services, byte-exact with ``docker service ls`` when piped.

One ``GET /services?status=true`` (``-q``: plain ``GET /services``); the engine computes
the REPLICAS numbers. Engines older than API 1.41 send no ``ServiceStatus``: then, like
docker, one ``GET /tasks`` for all services and one ``GET /nodes`` fill it in.
"""
from __future__ import annotations

import click

from swarmctl.cli.completion import candidates
from swarmctl.cli.errors import CliError, require_arguments
from swarmctl.cli.filters import filter_option, parse_filters
from swarmctl.cli.options import quiet_option, template_format_option


class _Command(click.Command):
    """``ls`` takes no arguments; the catch-all one only exists for docker's message."""

    def collect_usage_pieces(self, ctx):
        return [self.options_metavar] if self.options_metavar else []


@click.command("ls", cls=_Command, short_help="List services")
@filter_option
@template_format_option(help="Format output using a custom template: 'table', 'table TEMPLATE', "
                            "'json', 'raw', or a Go template",
                        shell_complete=candidates.template_formats(
                            "servicesFormat", ("table", "json", "raw")))
@quiet_option(help="Only display IDs")
@click.option("--watch", is_flag=True,
              help="Keep the list on screen and redraw it when a service changes (swarmctl; "
                   "piped: one list per change)")
@click.argument("args", nargs=-1)
@click.pass_context
def command(ctx, filters, format_, quiet, watch, args):
    """List services.

    On a terminal the default table is drawn with colour; piped, and with any
    --format, the output is exactly docker's. --watch keeps it up to date until
    Ctrl-C (exit 0).
    """
    require_arguments(ctx, args, none=True)
    from swarmctl.output import formatting, tables

    api = ctx.obj.api
    engine_filters = parse_filters(filters).as_engine()
    status = None if quiet else _status_param(api)

    source = format_
    if not source:  # the config file's format, unless -q
        source = (formatting.config_format("servicesFormat", ctx.obj.config_dir)
                  if not quiet else "") or "table"
    fmt = formatting.list_format(source, quiet)

    def service_rows():
        services = api.services(filters=engine_filters, status=status)
        if not quiet and any(s.get("ServiceStatus") is None for s in services):
            _append_service_status(api, services)
        return tables.service_rows(services)

    if watch:
        from swarmctl.cli import watch as watching

        def snapshot(_refresh):
            rows = service_rows()
            text = _render(fmt, rows)  # no clock in any column: the text is the state
            kind = "services" if fmt == tables.LS_DEFAULT_TABLE_FORMAT else None
            return kind, rows, text, text, text

        return watching.run(api, snapshot, "swarmctl ls --watch")

    rows = service_rows()
    if fmt == tables.LS_DEFAULT_TABLE_FORMAT:
        from swarmctl.output import richtables

        if richtables.wanted():
            richtables.print_services(rows)
            return 0
    formatting.write_stdout(_render(fmt, rows))
    return 0


def _render(fmt, rows):
    from swarmctl.output import formatting, tables

    try:
        return formatting.render_rows(fmt, rows, tables.ServiceRow)
    except formatting.FormatError as error:
        raise CliError(str(error)) from None


def _status_param(api):
    from swarmctl.utils.versions import version_lt

    # ``status`` needs API 1.41; older engines get the task-based fallback below
    return None if version_lt(api.api_version, "1.41") else True


def _append_service_status(api, services):
    """docker's ``AppendServiceStatus`` for engines that send no ``ServiceStatus``."""
    status = {}
    wanted = []
    for service in services:
        if service.get("ServiceStatus") is not None:
            continue
        mode = (service.get("Spec") or {}).get("Mode") or {}
        if mode.get("Replicated") is not None:
            replicas = (mode.get("Replicated") or {}).get("Replicas") or 0
            service["ServiceStatus"] = {"RunningTasks": 0, "DesiredTasks": replicas, "CompletedTasks": 0}
            status[service["ID"]] = {"RunningTasks": 0, "DesiredTasks": 0, "CompletedTasks": 0}
        elif mode.get("Global") is not None:
            service["ServiceStatus"] = {"RunningTasks": 0, "DesiredTasks": 0, "CompletedTasks": 0}
            status[service["ID"]] = {"RunningTasks": 0, "DesiredTasks": 0, "CompletedTasks": 0}
        wanted.append(service["ID"])
    if not status:
        return
    tasks = api.tasks(filters={"service": wanted})
    if not tasks:
        return
    active = {n.get("ID") for n in api.nodes() if ((n.get("Status") or {}).get("State")) != "down"}
    for task in tasks:
        counts = status.get(task.get("ServiceID"))
        if counts is None:
            continue
        if task.get("DesiredState") != "shutdown":
            counts["DesiredTasks"] += 1
        if task.get("NodeID") in active and (task.get("Status") or {}).get("State") == "running":
            counts["RunningTasks"] += 1
    for service in services:
        counts = status.get(service.get("ID"))
        if counts is not None:
            service["ServiceStatus"] = counts
