"""swarmctl ps SERVICE...: list the tasks of services, byte-exact with ``docker service ps``
when piped.

Services are resolved client side as docker does: two list calls with every argument
(``id`` and ``name`` filters), then per argument full ID, exact name, unique ID prefix.
All tasks come from one ``GET /tasks``. Names for the SERVICE and NODE columns come from
what the two service lists already returned plus at most one ``GET /services`` and one
``GET /nodes`` (filtered by ID) for the rest: the number of requests does not grow with
the number of tasks, services or nodes (docker makes one request per service and node).
"""
from __future__ import annotations

import click

from swarmctl.cli.completion import candidates
from swarmctl.cli.errors import CliError, require_arguments
from swarmctl.cli.filters import filter_option, parse_filters
from swarmctl.cli.options import quiet_option, template_format_option


@click.command("ps", short_help="List the tasks of one or more services")
@filter_option
@template_format_option(help="Pretty-print tasks using a Go template ('table', 'json', 'raw' "
                            "also work)",
                        shell_complete=candidates.template_formats(
                            "tasksFormat", ("table", "json", "raw")))
@click.option("--no-resolve", is_flag=True, help="Do not map IDs to Names")
@click.option("--no-trunc", is_flag=True, help="Do not truncate output")
@quiet_option(help="Only display task IDs")
@click.option("--watch", is_flag=True,
              help="Keep the table on screen and redraw it when a task changes (swarmctl; "
                   "piped: one table per change)")
@click.argument("services", nargs=-1, metavar="SERVICE [SERVICE...]",
                shell_complete=candidates.services)
@click.pass_context
def command(ctx, filters, format_, no_resolve, no_trunc, quiet, watch, services):
    """List the tasks of one or more services.

    On a terminal the default table is drawn with colour; piped, and with any
    --format, the output is exactly docker's. --watch keeps it up to date until
    Ctrl-C (exit 0).
    """
    require_arguments(ctx, services, at_least=1)
    from swarmctl.output import formatting, tables

    api = ctx.obj.api
    task_filters = parse_filters(filters)
    found, notfound = _resolve_services(api, services, task_filters)
    if watch and notfound:
        raise CliError("\n".join(notfound))  # nothing to watch for a name that is wrong
    _resolve_node_filter(api, task_filters)

    source = format_
    if not source:  # the config file's format, unless -q
        source = (formatting.config_format("tasksFormat", ctx.obj.config_dir)
                  if not quiet else "") or "table"
    fmt = formatting.task_format(source, quiet)
    trunc = not (no_trunc or quiet)
    names_needed = not no_resolve
    nodes_needed = fmt not in (formatting.QUIET_FORMAT, formatting.QUIET_RAW_FORMAT)

    service_names, node_names = {}, {}

    def task_rows(refresh=False):
        tasks = api.tasks(filters=task_filters.as_engine())
        if names_needed:
            # A watch asks for names again only after an event or for IDs it has not seen.
            if refresh or not _known(tasks, "ServiceID", service_names):
                service_names.clear()
                service_names.update(_service_names(api, tasks, found))
            if nodes_needed and (refresh or not _known(tasks, "NodeID", node_names)):
                node_names.clear()
                node_names.update(_node_names(api, tasks))
        rows = tables.task_rows(tasks, service_names, node_names, no_resolve=no_resolve,
                                trunc=trunc, table=formatting.is_table(fmt))
        return tasks, rows

    if watch:
        from swarmctl.cli import watch as watching

        def snapshot(refresh):
            tasks, rows = task_rows(refresh)
            text = _render(fmt, rows)
            seen = (_tasks_key(tasks), sorted(service_names.items()), sorted(node_names.items()))
            shown = (text, seen)  # the times ("5 seconds ago") too
            kind = "tasks" if fmt == tables.PS_DEFAULT_TABLE_FORMAT else None
            return kind, rows, text, seen, shown

        return watching.run(api, snapshot, "swarmctl ps --watch " + " ".join(services))

    _tasks, rows = task_rows()
    _print(fmt, rows)
    if notfound:
        raise CliError("\n".join(notfound))
    return 0


def _known(tasks, field, names):
    return all(t.get(field) in names for t in tasks if t.get(field))


def _tasks_key(tasks):
    """What a change is: a task's state, its time, node, error, slot (not the clock)."""
    key = []
    for task in tasks:
        status = task.get("Status") or {}
        key.append((task.get("ID"), status.get("State"), status.get("Timestamp"),
                    status.get("Err"), task.get("DesiredState"), task.get("NodeID"),
                    task.get("Slot"), task.get("ServiceID")))
    return sorted(key, key=repr)


def _render(fmt, rows):
    from swarmctl.output import formatting, tables

    try:
        return formatting.render_rows(fmt, rows, tables.TaskRow)
    except formatting.FormatError as error:
        raise CliError(str(error)) from None


def _print(fmt, rows):
    from swarmctl.output import formatting, tables

    if fmt == tables.PS_DEFAULT_TABLE_FORMAT:
        from swarmctl.output import richtables

        if richtables.wanted():
            richtables.print_tasks(rows)
            return
    formatting.write_stdout(_render(fmt, rows))


def _resolve_services(api, references, task_filters):
    """docker's ``createFilter``: add a ``service`` filter per resolved argument. Returns
    ({service ID: service}, ["no such service: X", ...]); raises when nothing resolves or
    an ID prefix is ambiguous."""
    unique = list(dict.fromkeys(references))
    # The two list calls go out side by side; an error is raised as the first one's would.
    listed = []
    for services, error in api.concurrently(lambda key: api.services(filters={key: unique}),
                                            ("id", "name"), catch=()):
        listed.append(services)
    by_id, by_name = listed
    # Exact matches by dictionary (first one wins, as docker's loop finds it); prefixes
    # still scan by_id, which is what docker does too.
    exact_id, exact_name = {}, {}
    for service in by_id:
        exact_id.setdefault(service.get("ID"), service)
    for service in by_name:
        exact_name.setdefault(_name(service), service)
    found = {}
    notfound = []
    count = 0
    for reference in references:
        match = exact_id.get(reference)
        if match is None:
            match = exact_name.get(reference)
        if match is not None:
            task_filters.add("service", match["ID"])
            found[match["ID"]] = match
            count += 1
            continue
        hit = False
        for service in by_id:
            if str(service.get("ID") or "").startswith(reference):
                if hit:
                    raise CliError("multiple services found with provided prefix: " + reference)
                task_filters.add("service", service["ID"])
                found[service["ID"]] = service
                count += 1
                hit = True
        if not hit:
            notfound.append("no such service: " + reference)
    if count == 0:
        raise CliError("\n".join(notfound))
    for service in by_id + by_name:
        found.setdefault(service["ID"], service)  # names known for free
    return found, notfound


def _name(service):
    return ((service.get("Spec") or {}).get("Name")) or ""


def _resolve_node_filter(api, task_filters):
    """``node=self`` becomes this node's ID (``GET /info``); other values go to the engine."""
    if "self" not in task_filters.get("node"):
        return
    info = api.info()
    node_id = ((info.get("Swarm") or {}).get("NodeID")) or ""
    if not node_id:
        api.nodes()  # the engine's own error says why (not a manager, no swarm)
        raise CliError("node ID not found in /info")
    task_filters.remove("node", "self")
    task_filters.add("node", node_id)


def _service_names(api, tasks, known):
    """Service ID -> name for every service of ``tasks``: from the lists already fetched,
    the rest with one filtered list call. A service that cannot be found shows its ID."""
    from swarmctl.errors import APIError

    names = {sid: _name(s) for sid, s in known.items()}
    missing = sorted({t.get("ServiceID") for t in tasks if t.get("ServiceID")} - set(names))
    if missing:
        try:
            services = api.services(filters={"id": missing})
        except APIError:
            services = []
        for service in services:
            if service.get("ID") in missing:
                names[service["ID"]] = _name(service)
    return names


def _node_names(api, tasks):
    """Node ID -> display name for every node of ``tasks`` with one filtered list call;
    unknown nodes show their ID (docker ignores lookup failures too)."""
    from swarmctl.errors import APIError
    from swarmctl.output.tables import node_display_name

    ids = sorted({t.get("NodeID") for t in tasks if t.get("NodeID")})
    if not ids:
        return {}
    try:
        nodes = api.nodes(filters={"id": ids})
    except APIError:
        return {}
    wanted = set(ids)
    return {n["ID"]: node_display_name(n) for n in nodes if n.get("ID") in wanted}
