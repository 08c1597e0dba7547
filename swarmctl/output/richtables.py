"""``ls`` and ``ps`` default tables on a terminal, drawn with rich.

Same columns, same values, same order as the piped (docker) form: the rows are the
``tables.ServiceRow``/``TaskRow`` objects that form renders. On a terminal too narrow for
the whole table, rather than wrap every line, the columns that matter least go and long
values (image, error) are cut with "…", step by step (``FIT_LS``/``FIT_PS``: an empty PORTS
first, then ID, ...); piped output is never touched (it is not drawn here). Colour only adds
information: task states (running green, failed/rejected red, everything else yellow),
errors red, replicas short of their target yellow (red when nothing runs), history rows
dim. ``NO_COLOR`` removes colour (rich honours it); ``TERM=dumb`` and a stdout that is not
a terminal get docker's plain output instead (decided by :func:`wanted`).
``TTY_COMPATIBLE=1`` / ``0`` (rich's own switch) forces the terminal / plain form.

rich is imported only here, and this module only when a terminal rendering is drawn.
"""
from __future__ import annotations

import os

from swarmctl.output import console

__all__ = ["wanted", "print_services", "print_tasks", "services_table", "tasks_table",
           "task_state_style", "replicas_style"]

_COLUMN_GAP = 3  # docker's tabwriter padding


def wanted():
    """Whether stdout gets the rich rendering (a real, non-dumb terminal)."""
    forced = os.environ.get("TTY_COMPATIBLE", "")
    if forced == "0":
        return False
    terminal = forced == "1" or console.stdout_is_terminal()
    return console.wants_rich(terminal)


def task_state_style(state):
    state = (state or "").lower()
    if state == "running":
        return "green"
    if state in ("failed", "rejected"):
        return "red"
    return "yellow"


def replicas_style(service):
    """Style for a REPLICAS cell, from the engine's ``ServiceStatus``: None when the
    service is at its target."""
    status = service.get("ServiceStatus") or {}
    running = int(status.get("RunningTasks") or 0)
    desired = int(status.get("DesiredTasks") or 0)
    completed = int(status.get("CompletedTasks") or 0)
    mode = ((service.get("Spec") or {}).get("Mode")) or {}
    if mode.get("ReplicatedJob") is not None:
        total = int((mode.get("ReplicatedJob") or {}).get("TotalCompletions") or 0)
        if completed >= total or running >= desired:
            return None
    elif mode.get("GlobalJob") is not None:
        if running >= desired:
            return None
    elif running == desired:
        return None
    return "bold red" if running == 0 else "bold yellow"


# What gives way, step by step, when a table is wider than the terminal: a column dropped
# ("Ports?": only when empty), or a column's values cut with "…" down to a width.
FIT_LS = (("drop", "Ports?"), ("drop", "ID"), ("cut", "Image", 30), ("drop", "Mode"),
          ("drop", "Ports"), ("cut", "Image", 12), ("cut", "Name", 12))
FIT_PS = (("drop", "Ports?"), ("drop", "ID"), ("drop", "DesiredState"), ("cut", "Error", 30),
          ("drop", "Ports"), ("drop", "Image"), ("drop", "Node"), ("cut", "Error", 12),
          ("cut", "Name", 12))


def _table(headers, max_widths=None):
    from rich.table import Table

    max_widths = max_widths or {}
    table = Table(box=None, show_header=True, header_style="bold", show_edge=False,
                  pad_edge=False, padding=(0, _COLUMN_GAP, 0, 0), collapse_padding=True)
    for header in headers:
        table.add_column(header, no_wrap=True, overflow="ellipsis",
                         max_width=max_widths.get(header))
    return table


def _fit(fields, headers, cells_by_field, width, steps):
    """The fields to show and the widest each may be (by header), for a terminal ``width``
    columns wide (``width`` None: everything, uncut)."""
    from rich.cells import cell_len

    widths = {field: max([cell_len(headers[field])] + [cell_len(c) for c in cells_by_field[field]])
              for field in fields}
    shown = list(fields)
    cut = {}

    def total():
        return sum(cut.get(f, widths[f]) for f in shown) + _COLUMN_GAP * (len(shown) - 1)

    for step in steps:
        if width is None or total() <= width:
            break
        field = step[1].rstrip("?")
        if field not in shown:
            continue
        if step[0] == "drop":
            if step[1].endswith("?") and any(cells_by_field[field]):
                continue
            shown.remove(field)
        else:
            narrowest = max(step[2], cell_len(headers[field]))
            current = cut.get(field, widths[field])
            cut[field] = max(narrowest, current - (total() - width))
            cut[field] = min(cut[field], current)
    return shown, {headers[field]: w for field, w in cut.items() if field in shown}


def _terminal_width(out):
    target = out if out is not None else console.rich_console()
    return target.width


def services_table(rows, width=None):
    """A rich Table of ``ls`` rows (``tables.ServiceRow``), fitted to ``width`` columns."""
    from rich.text import Text

    from swarmctl.output.tables import ServiceRow

    values = {field: [getattr(row, field) for row in rows] for field in ServiceRow.FIELDS}
    shown, max_widths = _fit(ServiceRow.FIELDS, ServiceRow.HEADERS, values, width, FIT_LS)
    table = _table([ServiceRow.HEADERS[f] for f in shown], max_widths)
    for row in rows:
        cells = []
        for field in shown:
            value = getattr(row, field)
            style = ""
            if field == "Replicas":
                style = replicas_style(row.raw) or ""
            elif field == "Name":
                style = "bold"
            cells.append(Text(value, style=style))
        table.add_row(*cells)
    return table


def tasks_table(rows, full_errors=True, width=None):
    """A rich Table of ``ps`` rows (``tables.TaskRow``), fitted to ``width`` columns.

    On a terminal the ERROR column shows the whole error (docker cuts it to 30 columns,
    which usually hides the part that says why) unless the terminal is too narrow for it;
    the piped form keeps docker's cut."""
    from rich.text import Text

    from swarmctl.output.tables import TaskRow

    values = {field: [_task_value(row, field, full_errors) for row in rows]
              for field in TaskRow.FIELDS}
    shown, max_widths = _fit(TaskRow.FIELDS, TaskRow.HEADERS, values, width, FIT_PS)
    table = _table([TaskRow.HEADERS[f] for f in shown], max_widths)
    for row in rows:
        history = row.Name != row.plain_name
        state = ((row.raw.get("Status") or {}).get("State")) or ""
        cells = []
        for field in shown:
            value = _task_value(row, field, full_errors)
            style = ""
            if field == "CurrentState":
                style = task_state_style(state)
            elif field == "DesiredState":
                style = task_state_style(row.raw.get("DesiredState"))
            elif field == "Error" and value:
                style = "red"
            if history:
                style = (style + " dim").strip()
            cells.append(Text(value, style=style))
        table.add_row(*cells)
    return table


def _task_value(row, field, full_errors):
    value = getattr(row, field)
    if field == "Error" and value and full_errors:
        full = ((row.raw.get("Status") or {}).get("Err")) or ""
        if full:
            value = f'"{" ".join(full.split())}"'  # one line, like docker's quoting
    return value


def _print(table, out=None):
    """Print the (fitted) table; one that still does not fit wraps its lines as docker's
    do, instead of rich folding cells."""
    from rich.measure import Measurement

    target = out if out is not None else console.rich_console()
    natural = Measurement.get(target, target.options.update(max_width=1 << 16), table).maximum
    if natural > target.width:
        target.width = natural  # Console.print never draws wider than the console
    target.print(table, crop=False)


def print_services(rows, out=None):
    _print(services_table(rows, width=_terminal_width(out)), out)


def print_tasks(rows, out=None, full_errors=True):
    _print(tasks_table(rows, full_errors=full_errors, width=_terminal_width(out)), out)
