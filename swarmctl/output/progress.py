"""Convergence progress on stderr: plain lines when stderr is not a terminal, live on one.

The plain form prints one line per change (docker repeats every line five times a second,
which buries the one that matters in CI logs). The wording of each line is docker's.
"""
from __future__ import annotations

import sys

ERROR_WIDTH = 75


def _cut(text, width=ERROR_WIDTH):
    text = " ".join(text.split("\n"))
    return text if len(text) <= width else text[: width - 1] + "…"


def overall_line(progress):
    """docker's 'overall progress' / 'job progress' text for a snapshot."""
    if progress.mode in ("replicated-job", "global-job"):
        if progress.desired is None:
            return "job progress", "waiting for tasks"
        width = len(str(progress.desired))
        return "job progress", f"{progress.running:>{width}} out of {progress.desired} complete"
    if progress.desired is None:
        return "overall progress", "waiting for new tasks"
    prefix = "rolling back update: " if progress.rollback else ""
    return "overall progress", f"{prefix}{progress.running} out of {progress.desired} tasks"


def verify_text(progress):
    if progress.verify_remaining_ns is None:
        return None
    seconds = -(-progress.verify_remaining_ns // 10**9)  # whole seconds, rounded up
    return f"Waiting {seconds} seconds to verify that tasks are stable..."


def slot_text(slot):
    if slot.error:
        return _cut(slot.error)
    return slot.state


class PlainProgress:
    """One line per change, for logs and pipes."""

    def __init__(self, name, stream=None):
        self.name = name
        self.stream = stream or sys.stderr
        self.last = {}

    def _emit(self, key, text):
        if self.last.get(key) == text:
            return
        self.last[key] = text
        self.stream.write(f"{key}: {text}\n" if key else f"{text}\n")
        self.stream.flush()

    def update(self, progress):
        if progress.rollback and progress.rollback_message:
            self._emit("rollback", progress.rollback_message)
        key, text = overall_line(progress)
        self._emit(key, text)
        if progress.mode == "replicated-job" and progress.max_concurrent is not None and progress.desired:
            remaining = progress.desired - progress.running
            active_total = min(progress.max_concurrent, remaining)
            self._emit("active tasks", f"{progress.active_jobs} out of {active_total} tasks")
        for slot in progress.slots:
            self._emit(slot.key, slot_text(slot))
        if progress.verify_lost:
            self.last.pop("verify", None)
            self._emit("verify", "Detected task failure")
        text = verify_text(progress)
        if text:
            self._emit("verify", text)

    def finish(self, progress, final_lines):
        for key, text in final_lines:
            self._emit(key, text)

    def stop(self):
        pass


class LiveProgress:
    """A rich live display: the overall line, a bar per task slot, the verify line."""

    def __init__(self, name):
        from rich.console import Console
        from rich.live import Live

        self.name = name
        self.console = Console(stderr=True, highlight=False)
        self.live = Live(console=self.console, refresh_per_second=8, transient=False)
        self.live.start()
        self.progress = None
        self.final = []

    def _render(self):
        from rich.progress_bar import ProgressBar
        from rich.table import Table
        from rich.text import Text

        from swarmctl.service.convergence import state_rank

        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(no_wrap=True)
        grid.add_column()
        progress = self.progress
        if progress is not None:
            if progress.rollback and progress.rollback_message:
                grid.add_row("rollback:", Text(progress.rollback_message, style="yellow"), "")
            key, text = overall_line(progress)
            grid.add_row(f"{key}:", text, "")
            running_rank = state_rank("complete" if progress.mode.endswith("job") else "running")
            for slot in progress.slots[:20]:
                style = _state_style(slot)
                bar = ProgressBar(total=running_rank, completed=min(state_rank(slot.state), running_rank),
                                  width=40, complete_style=style, finished_style=style)
                label = Text(slot_text(slot), style=style)
                grid.add_row(f"{slot.key}:", label, bar)
            text = verify_text(progress)
            if text:
                grid.add_row("verify:", text, "")
        for key, text in self.final:
            grid.add_row(f"{key}:" if key else "", text, "")
        return grid

    def update(self, progress):
        self.progress = progress
        self.live.update(self._render())

    def finish(self, progress, final_lines):
        self.progress = progress
        self.final = list(final_lines)
        self.live.update(self._render())

    def stop(self):
        self.live.stop()


def _state_style(slot):
    if slot.error or slot.state in ("failed", "rejected", "orphaned"):
        return "red"
    if slot.state in ("running", "complete"):
        return "green"
    return "yellow"


def make_display(name, quiet=False):
    """The right renderer for stderr, or None with --quiet."""
    if quiet:
        return None
    from swarmctl.output.console import stderr_is_terminal, wants_rich

    if wants_rich(stderr_is_terminal()):
        return LiveProgress(name)
    return PlainProgress(name)
