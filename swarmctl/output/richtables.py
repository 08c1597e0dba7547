"""``ls`` and ``ps`` default tables on a terminal, drawn with rich.

Same columns, same values, same order as the piped (docker) form: the rows are the
``tables.ServiceRow``/``TaskRow`` objects that form renders, so nothing the piped form
shows is dropped or cut: the table is drawn at its natural width and a narrow terminal
wraps the lines, as it does docker's. Colour only adds
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


def _table(headers):
    from rich.table import Table

    table = Table(box=None, show_header=True, header_style="bold", show_edge=False,
                  pad_edge=False, padding=(0, _COLUMN_GAP, 0, 0), collapse_padding=True)
    for header in headers:
        table.add_column(header, no_wrap=True)
    return table


def services_table(rows):
    """A rich Table of ``ls`` rows (``tables.ServiceRow``)."""
    from rich.text import Text

    from swarmctl.output.tables import ServiceRow

    table = _table([ServiceRow.HEADERS[f] for f in ServiceRow.FIELDS])
    for row in rows:
        cells = []
        for field in ServiceRow.FIELDS:
            value = getattr(row, field)
            style = ""
            if field == "Replicas":
                style = replicas_style(row.raw) or ""
            elif field == "Name":
                style = "bold"
            cells.append(Text(value, style=style))
        table.add_row(*cells)
    return table


def tasks_table(rows, full_errors=True):
    """A rich Table of ``ps`` rows (``tables.TaskRow``).

    On a terminal the ERROR column shows the whole error (docker cuts it to 30 columns,
    which usually hides the part that says why); the piped form keeps docker's cut."""
    from rich.text import Text

    from swarmctl.output.tables import TaskRow

    table = _table([TaskRow.HEADERS[f] for f in TaskRow.FIELDS])
    for row in rows:
        history = row.Name != row.plain_name
        state = ((row.raw.get("Status") or {}).get("State")) or ""
        cells = []
        for field in TaskRow.FIELDS:
            value = getattr(row, field)
            style = ""
            if field == "CurrentState":
                style = task_state_style(state)
            elif field == "DesiredState":
                style = task_state_style(row.raw.get("DesiredState"))
            elif field == "Error" and value:
                style = "red"
                full = ((row.raw.get("Status") or {}).get("Err")) or ""
                if full_errors and full:
                    value = f'"{" ".join(full.split())}"'  # one line, like docker's quoting
            if history:
                style = (style + " dim").strip()
            cells.append(Text(value, style=style))
        table.add_row(*cells)
    return table


def _print(table, out=None):
    """Print at the table's natural width: on a narrow terminal the lines wrap as
    docker's do, instead of rich folding or cutting cells."""
    from rich.measure import Measurement

    target = out if out is not None else console.rich_console()
    natural = Measurement.get(target, target.options.update(max_width=1 << 16), table).maximum
    if natural > target.width:
        target.width = natural  # Console.print never draws wider than the console
    target.print(table, crop=False)


def print_services(rows, out=None):
    _print(services_table(rows), out)


def print_tasks(rows, out=None, full_errors=True):
    _print(tasks_table(rows, full_errors=full_errors), out)
