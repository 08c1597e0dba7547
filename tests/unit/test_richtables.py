"""The terminal (rich) tables: same values as the piped form, plus whole errors for ps; fitted
to a narrow terminal by dropping the least useful columns and cutting long values."""
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


# -- a terminal narrower than the table: least useful columns go, long values are cut -----------

SERVICE = {"ID": "x" * 25, "Spec": {"Name": "web", "Mode": {"Replicated": {"Replicas": 2}},
                                    "TaskTemplate": {"ContainerSpec": {
                                        "Image": "registry.example.com/team/application:1.2.3"}}},
           "ServiceStatus": {"RunningTasks": 2, "DesiredTasks": 2}}


def _screen(print_rows, rows, width):
    console = Console(width=width, force_terminal=True, no_color=True, record=True)
    print_rows(rows, out=console)
    return console.export_text().splitlines()


def test_wide_terminal_shows_every_column_whole():
    rows = tables.task_rows([TASK], {"s": "web"}, {"n": "node1"})
    header = _screen(richtables.print_tasks, rows, 300)[0].split()
    assert header == ["ID", "NAME", "IMAGE", "NODE", "DESIRED", "STATE", "CURRENT", "STATE",
                      "ERROR", "PORTS"]


def test_narrow_terminal_ps_fits_without_wrapping():
    rows = tables.task_rows([TASK, dict(TASK, ID="b" * 25, Slot=2)], {"s": "web"}, {"n": "node1"})
    for width, header in [(120, ["NAME", "IMAGE", "NODE", "CURRENT", "STATE", "ERROR"]),
                          (80, ["NAME", "NODE", "CURRENT", "STATE", "ERROR"]),
                          (50, ["NAME", "CURRENT", "STATE", "ERROR"])]:
        lines = _screen(richtables.print_tasks, rows, width)
        assert len(lines) == 3, lines  # header and two rows: nothing wrapped
        assert all(len(line.rstrip()) <= width for line in lines), lines
        assert lines[0].split() == header
        assert lines[1].startswith("web.1 ") and "Rejected" in lines[1]
        assert lines[1].rstrip().endswith("…")  # the error, cut


def test_narrow_terminal_ls_drops_id_and_mode_and_cuts_the_image():
    rows = tables.service_rows([SERVICE])
    wide = _screen(richtables.print_services, rows, 200)
    assert wide[0].split() == ["ID", "NAME", "MODE", "REPLICAS", "IMAGE", "PORTS"]
    narrow = _screen(richtables.print_services, rows, 50)
    assert narrow[0].split() == ["NAME", "REPLICAS", "IMAGE"]
    assert narrow[1].split()[:2] == ["web", "2/2"]
    medium = _screen(richtables.print_services, rows, 80)
    # ID and the empty PORTS gave way
    assert medium[0].split() == ["NAME", "MODE", "REPLICAS", "IMAGE"]
    assert "registry.example.com/team/application:1.2.3" in medium[1]
    assert narrow[1].rstrip().endswith("…") and len(narrow[1].rstrip()) <= 50
