"""Convergence progress on stderr: plain lines when stderr is not a terminal, live on one.

The plain form prints one line per change (docker repeats every line five times a second,
which buries the one that matters in CI logs). The wording of each line is docker's. Both
show only what the snapshots hold: rows 1..N of a replicated service, the current nodes of
a global one.
"""
from __future__ import annotations

import sys

from swarmctl.service.convergence import TASK_STATES, state_rank

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
            if slot.state:  # a row with no task yet has nothing to say
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


STATE_WIDTH = max(len(state) for state in TASK_STATES)
WIDE_BAR = 40
COMPACT_BELOW = 80  # columns; narrower terminals get the compact layout
MAX_LIVE_ROWS = 20


class LiveProgress:
    """A live display on a terminal, laid out so that nothing moves:

    the overall line; while rolling back, the reason on its own line; one row per slot
    (label, state, bar, error) in columns of fixed width; the verify line. Every line is cut
    to the terminal's width rather than wrapped. A task's error follows its bar when it fits,
    else it has a line of its own under the row. Below ``COMPACT_BELOW`` columns the bar is
    short and the words shorter."""

    def __init__(self, name, console=None):
        from rich.console import Console
        from rich.live import Live

        self.name = name
        self.console = console or Console(stderr=True, highlight=False)
        self.progress = None
        self.final = []
        self.finished = False
        self.live = Live(console=self.console, refresh_per_second=8, transient=False,
                         get_renderable=self._render)
        self.live.start()

    def lines(self, width):
        """The display as rich Text lines for a terminal ``width`` columns wide."""
        from rich.text import Text

        lines = []
        progress = self.progress
        if progress is not None:
            compact = width < COMPACT_BELOW
            key, text = overall_line(progress)
            if compact:
                key = key.split()[0]  # "overall", "job"
                text = text.replace("rolling back update:", "rolling back:")
            lines.append(Text(f"{key}: {text}"))
            lines.extend(self._slot_lines(progress, width))
            text = None if self.finished else verify_text(progress)
            if text and compact:
                seconds = -(-progress.verify_remaining_ns // 10**9)
                text = f"waiting {seconds} s for tasks to stay up"
            if progress.verify_lost and not self.finished:
                text = "Detected task failure"
            if text:
                lines.append(Text(f"verify: {text}"))
        for key, text in self.final:
            lines.append(Text(f"{key}: {text}" if key else text))
        for line in lines:
            line.no_wrap = True
            line.truncate(width, overflow="ellipsis")
        if progress is not None and progress.rollback and progress.rollback_message \
                and not self.finished:
            # The reason, once, whole (it may wrap): at the end the error line says it.
            lines.insert(1, Text(f"rollback: {progress.rollback_message}", style="yellow"))
        return lines

    def _slot_lines(self, progress, width):
        from rich.text import Text

        slots = progress.slots
        if not slots:
            return []
        compact = width < COMPACT_BELOW
        label_width = max(len(slot.key) for slot in slots) + 1
        fixed = label_width + 1 + STATE_WIDTH + 1
        bar_width = WIDE_BAR if not compact else max(0, min(20, width - fixed - 1))
        done_rank = state_rank("complete" if progress.mode.endswith("job") else "running")
        lines = []
        for slot in slots[:MAX_LIVE_ROWS]:
            style = _state_style(slot)
            line = Text(f"{slot.key + ':':<{label_width}} ")
            line.append(f"{slot.state:<{STATE_WIDTH}}", style=style)
            if bar_width:
                filled = 0
                if slot.state:
                    filled = bar_width * min(state_rank(slot.state), done_rank) // done_rank
                line.append(" ")
                line.append("━" * filled, style=style)
                line.append("─" * (bar_width - filled), style="grey39")
            error = " ".join((slot.error or (slot.last_error and
                                             f"last failure: {slot.last_error}")).split())
            # After the bar when it fits, else on a line of its own under the row.
            beside = error and line.cell_len + 1 + len(error) <= width
            if beside:
                line.append(" " + error, style="red")
            lines.append(line)
            if error and not beside:
                lines.append(Text("  " + error, style="red"))
        hidden = len(slots) - MAX_LIVE_ROWS
        if hidden > 0:
            lines.append(Text(f"… and {hidden} more", style="dim"))
        return lines

    def _render(self):
        from rich.console import Group

        return Group(*self.lines(self.console.width))

    def update(self, progress):
        self.progress = progress
        self.live.refresh()

    def finish(self, progress, final_lines):
        self.progress = progress
        self.finished = True
        # A rollback's reason is said once, by the error line printed after the display.
        self.final = [(key, text) for key, text in final_lines
                      if not (key == "rollback" and text == progress.rollback_message)]
        self.live.refresh()

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
