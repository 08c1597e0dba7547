"""The screen of ``ps --watch`` and ``ls --watch`` on a terminal: the table redrawn in place.

rich's Live draws each frame over the last one in a single write (cursor up, rewrite, clear
what is left), so nothing flickers, and puts the cursor back when it stops: the last table
stays on screen and the shell prompt comes after it. Taller than the terminal, the frame is
cut with an ellipsis (a redraw can only reach the lines still on screen). Colour follows the
tables' rules (``NO_COLOR``); ``TERM=dumb`` never gets here (see
:func:`swarmctl.output.richtables.wanted`).

rich is imported only here, and this module only when a watch draws on a terminal.
"""
from __future__ import annotations

from rich.console import Console, Group
from rich.live import Live
from rich.text import Text

from swarmctl.output import richtables

__all__ = ["LiveScreen"]


class LiveScreen:
    """A table kept on screen; ``show`` draws a new frame when what it shows changed."""

    def __init__(self, title):
        # Lines never wider than the terminal: one the terminal wrapped would throw the
        # next redraw's count of lines to go back over.
        self.console = Console(highlight=False)
        self._title = title
        self._live = Live(console=self.console, auto_refresh=False, transient=False,
                          redirect_stdout=False, redirect_stderr=False)
        self._shown = None

    def __enter__(self):
        self._live.start()
        return self

    def __exit__(self, *exc):
        self._live.stop()

    @property
    def width(self):
        return self.console.width

    def show(self, kind, rows, text, key):
        """Draw ``rows`` (``'tasks'``/``'services'`` rows for the default table) or, for any
        other format, ``text`` as it is; ``key`` says what is shown: an equal key (and
        width) keeps the frame on screen untouched."""
        key = (key, self.console.size)
        if key == self._shown:
            return
        self._shown = key
        if kind == "tasks":
            body = richtables.tasks_table(rows, width=self.width)
        elif kind == "services":
            body = richtables.services_table(rows, width=self.width)
        else:
            body = Text(text.rstrip("\n"), no_wrap=True, overflow="crop")
        heading = Text(self._title + "   (Ctrl-C to quit)", style="dim")
        self._live.update(Group(heading, body), refresh=True)
