"""Field-level spec changes on stdout, as ``update --dry-run`` and ``diff`` print them.

One line per change (``swarmctl.service.diff.format_change``), coloured by kind on a
terminal that takes colour (added green, removed red, changed yellow); piped, the plain text.
"""
from __future__ import annotations

import click

from swarmctl.output import console

_STYLES = {"+": "green", "-": "red", "~": "yellow"}


def print_changes(changes):
    """Write one line per change (``swarmctl.service.diff.Change``) to stdout."""
    # Here, not at the top: completing a command that imports this module stays light.
    from swarmctl.service import diff

    colour = console.wants_colour(console.stdout_is_terminal())
    for change in changes:
        line = diff.format_change(change)
        console.out(click.style(line, fg=_STYLES[line[0]]) if colour else line)
