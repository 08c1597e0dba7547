"""The live progress display's layout, drawn for terminals 160, 80 and 50 columns wide."""
from __future__ import annotations

import io

import pytest
from rich.console import Console

from swarmctl.output.progress import LiveProgress, PlainProgress
from swarmctl.service.convergence import Progress, Slot

REASON = "update rolled back due to failure or early termination of task abcdef"


def _progress(error="task: non-zero exit (3)", **kwargs):
    slots = [Slot("1/3", "running", task_id="a"),
             Slot("2/3", "preparing", error=error, task_id="b"),
             Slot("3/3", "")]
    return Progress(service_id="s", mode="replicated", running=1, desired=3, slots=slots,
                    **kwargs)


def _display(width):
    console = Console(file=io.StringIO(), width=width, force_terminal=True, color_system=None)
    display = LiveProgress("web", console=console)
    display.stop()
    return display


@pytest.mark.parametrize("width", [160, 80, 50])
def test_rows_in_fixed_columns_cut_to_the_width(width):
    display = _display(width)
    display.progress = _progress(verify_remaining_ns=4 * 10**9)
    lines = [line.plain for line in display.lines(width)]
    assert all(len(line) <= width for line in lines), lines
    rows = [line for line in lines if line[:1].isdigit()]
    assert [row[:4] for row in rows] == ["1/3:", "2/3:", "3/3:"]
    assert len({row.index("━") if "━" in row else row.index("─") for row in rows}) == 1
    assert lines[-1].startswith("verify: ")
    if width < 80:
        assert lines[0] == "overall: 1 out of 3 tasks"
        assert lines[lines.index(rows[1]) + 1].startswith("  task: non-zero exit (3)")
    else:
        assert lines[0] == "overall progress: 1 out of 3 tasks"
        assert rows[1].endswith(" task: non-zero exit (3)")


def test_an_error_too_long_for_its_row_gets_a_line_of_its_own():
    display = _display(80)
    display.progress = _progress(error="task: non-zero exit (3): a long story " * 3)
    lines = [line.plain for line in display.lines(80)]
    row = next(line for line in lines if line.startswith("2/3:"))
    assert "task:" not in row
    below = lines[lines.index(row) + 1]
    assert below.startswith("  task: non-zero exit (3): a long story") and below.endswith("…")
    assert len(below) == 80


def test_a_crash_loop_row_shows_the_last_failure():
    display = _display(160)
    progress = _progress(error="")
    progress.slots[1].state, progress.slots[1].last_error = "ready", "task: non-zero exit (3)"
    display.progress = progress
    row = next(line.plain for line in display.lines(160) if line.plain.startswith("2/3:"))
    assert row.endswith(" last failure: task: non-zero exit (3)")


def test_the_rollback_reason_is_said_once_and_gone_at_the_end():
    display = _display(80)
    display.progress = _progress(rollback=True, rollback_message=REASON)
    assert [line.plain for line in display.lines(80)].count(f"rollback: {REASON}") == 1
    display.finish(_progress(rollback=True, rollback_message=REASON, outcome="rolled_back"),
                   [("verify", "Service web converged"), ("rollback", REASON)])
    text = "\n".join(line.plain for line in display.lines(80))
    assert REASON not in text  # the error line printed after the display says it
    assert text.endswith("verify: Service web converged")


def test_plain_lines_skip_rows_with_no_task():
    stream = io.StringIO()
    PlainProgress("web", stream).update(_progress())
    assert "3/3" not in stream.getvalue()
    assert "1/3: running\n" in stream.getvalue()
