"""The terminal (rich) tables: same values as the piped form, plus whole errors for ps."""
from rich.console import Console

from swarmctl.output import richtables, tables

LONG_ERROR = 'invalid mount config for type "bind": bind source path does not exist: /nope/at/all'
TASK = {
    "ID": "abcdefghijklmnopqrstuvwxy", "Slot": 1, "ServiceID": "s", "NodeID": "n",
    "DesiredState": "shutdown", "CreatedAt": "2026-11-27T00:00:00Z",
    "Status": {"State": "rejected", "Timestamp": "2026-11-27T00:00:00Z", "Err": LONG_ERROR},
    "Spec": {"ContainerSpec": {"Image": "busybox:local"}},
}


def _render(**kwargs):
    rows = tables.task_rows([TASK], {"s": "web"}, {"n": "node1"})
    console = Console(width=300, force_terminal=True, no_color=True, record=True)
    richtables.print_tasks(rows, out=console, **kwargs)
    return console.export_text()


def test_terminal_ps_shows_the_whole_error():
    assert f'"{LONG_ERROR}"' in _render()


def test_cut_error_on_request_matches_the_piped_value():
    piped = tables.task_rows([TASK], {"s": "web"}, {"n": "node1"})[0].Error
    assert piped.endswith('…"') and piped in _render(full_errors=False)
