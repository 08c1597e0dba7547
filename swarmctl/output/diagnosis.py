"""Rendering ``swarmctl why``: plain text when piped, rich on a terminal, JSON for scripts.

The plain form is stable, line-oriented text (no colours, no wrapping: errors are never
cut). rich is imported only when a terminal rendering is drawn.
"""
from __future__ import annotations

import json


def _ago(timestamp, now_ns):
    from swarmctl.output.humanize import ago

    if not timestamp:
        return ""
    try:
        return ago(timestamp, now_ns, lower=True)
    except (ValueError, TypeError, IndexError):
        return timestamp


def _times(count):
    return "once" if count == 1 else f"{count} times"


def _codes(codes):
    return ", ".join(str(code) for code in codes) if codes else "-"


def headline(diagnosis):
    if diagnosis.mode.endswith("job"):
        what = f"{diagnosis.running} of {diagnosis.desired if diagnosis.desired is not None else '?'} completed"
    else:
        total = diagnosis.desired if diagnosis.desired is not None else "?"
        what = f"{diagnosis.running} of {total} tasks running"
    return f"Service {diagnosis.service} ({diagnosis.mode}): {what}"


def window_text(window_ns):
    from swarmctl.golang.time import format_duration

    return format_duration(window_ns)


def earlier_line(diagnosis):
    return (f"Earlier failures (not counted): {diagnosis.earlier_failures} (a previous spec, "
            f"older than {window_text(diagnosis.window_ns)}, or stopped by an update or "
            "scale-down)")


def output_title(slot):
    return f"Last output of {slot.name} (task {slot.failed_task[:12]}):"


def render_json(diagnosis):
    """One JSON object per service (one line), for scripts."""
    return json.dumps(diagnosis.to_dict(), ensure_ascii=False)


def render_text(diagnosis, now_ns=None):
    lines = [headline(diagnosis)]
    if diagnosis.image:
        lines.append(f"Image: {diagnosis.image}")
    if diagnosis.update_state:
        update = diagnosis.update_state
        if diagnosis.update_message:
            update += f" ({diagnosis.update_message})"
        lines.append(f"Update: {update}")
    for note in diagnosis.notes:
        lines.append(f"Note: {note}")
    if diagnosis.earlier_failures:
        lines.append(earlier_line(diagnosis))
    if diagnosis.healthy and not diagnosis.errors:
        lines.append("Nothing is failing.")
        return "\n".join(lines) + "\n"
    if diagnosis.failing_slots:
        lines += ["", "Failing slots:"]
        rows = [("SLOT", "STATE", "SINCE", "NODE", "FAILURES", "LAST EXIT CODES")]
        for slot in diagnosis.failing_slots:
            state = slot.state + (" (restarted)" if slot.running else "")
            rows.append((slot.name, state, _ago(slot.since, now_ns), slot.node,
                         str(slot.failures), _codes(slot.exit_codes)))
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for row in rows:
            lines.append("  " + "   ".join(cell.ljust(widths[i]) for i, cell in
                                           enumerate(row)).rstrip())
        for slot in diagnosis.failing_slots:
            if slot.output:
                lines += ["", output_title(slot)]
                lines += ["    " + line for line in slot.output]
    elif diagnosis.healthy:
        lines += ["", "Nothing is failing now; earlier failures:"]
    if diagnosis.errors:
        lines += ["", "Errors:"]
        for group in diagnosis.errors:
            lines.append(f"  {group.message}")
            where = f" on {group.last_node}" if group.last_node else ""
            lines.append(f"    {_times(group.count)}, last {_ago(group.last_seen, now_ns)}{where}; "
                         f"slots: {', '.join(group.slots)}; exit codes: {_codes(group.exit_codes)}")
            if group.hint:
                lines.append(f"    hint: {group.hint}")
    return "\n".join(lines) + "\n"


def print_rich(diagnosis, now_ns=None, console=None):
    from rich.console import Console, Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text


    # Not the shared soft-wrapping console: a diagnosis wraps inside its panels.
    console = console or Console(highlight=False)
    parts = []
    title = Text(headline(diagnosis), style="bold")
    parts.append(title)
    if diagnosis.image:
        parts.append(Text(f"Image: {diagnosis.image}", style="dim"))
    if diagnosis.update_state:
        style = "red" if "paused" in diagnosis.update_state or "rollback" in diagnosis.update_state \
            else "dim"
        message = f" ({diagnosis.update_message})" if diagnosis.update_message else ""
        parts.append(Text(f"Update: {diagnosis.update_state}{message}", style=style))
    for note in diagnosis.notes:
        parts.append(Text(f"Note: {note}", style="yellow"))
    if diagnosis.earlier_failures:
        parts.append(Text(earlier_line(diagnosis), style="dim"))
    if diagnosis.healthy and not diagnosis.errors:
        parts.append(Text("Nothing is failing.", style="green"))
        console.print(Group(*parts))
        return
    if diagnosis.failing_slots:
        table = Table(title="Failing slots", title_justify="left", box=None, pad_edge=False,
                      header_style="bold")
        for column in ("SLOT", "STATE", "SINCE", "NODE", "FAILURES", "LAST EXIT CODES"):
            table.add_column(column, no_wrap=column in ("SLOT", "STATE", "FAILURES"))
        for slot in diagnosis.failing_slots:
            style = "yellow" if slot.running else "red"
            state = slot.state + (" (restarted)" if slot.running else "")
            table.add_row(slot.name, Text(state, style=style), _ago(slot.since, now_ns), slot.node,
                          str(slot.failures), _codes(slot.exit_codes))
        parts += [Text(""), table]
        for slot in diagnosis.failing_slots:
            if slot.output:
                # The task's own bytes: plain Text, never markup.
                parts += [Text(""), Text(output_title(slot), style="bold"),
                          Text("\n".join("    " + line for line in slot.output))]
    if diagnosis.errors:
        parts.append(Text(""))
        for group in diagnosis.errors:
            body = Text()
            body.append(group.message + "\n", style="bold red")
            where = f" on {group.last_node}" if group.last_node else ""
            body.append(f"{_times(group.count)}, last {_ago(group.last_seen, now_ns)}{where}\n",
                        style="dim")
            body.append(f"slots: {', '.join(group.slots)}; exit codes: {_codes(group.exit_codes)}",
                        style="dim")
            if group.hint:
                body.append("\nhint: ", style="bold cyan")
                body.append(group.hint)
            parts.append(Panel(body, title=group.category or "error", title_align="left",
                               border_style="red" if not diagnosis.healthy else "yellow"))
    console.print(Group(*parts))
