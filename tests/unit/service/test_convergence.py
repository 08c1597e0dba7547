"""Progress snapshots show only what is there: rows 1..N of a replicated service, each kept
by one engine slot, empty until its slot has a task; never a slot the engine is removing."""
from __future__ import annotations

from swarmctl.service.convergence import _Tracker, snapshot

NODES = [{"ID": "n1", "Status": {"State": "ready"}}, {"ID": "n2", "Status": {"State": "down"}}]


def _service(replicas):
    return {"ID": "s", "Spec": {"Mode": {"Replicated": {"Replicas": replicas}}}}


def _task(slot, state, desired="running", node="n1"):
    return {"ID": f"t{slot}-{state}-{desired}", "Slot": slot, "NodeID": node,
            "DesiredState": desired, "Status": {"State": state}}


def _rows(progress):
    return [(slot.key, slot.state) for slot in progress.slots]


def test_scaling_down_shows_only_the_target_rows():
    tasks = [_task(1, "running"), _task(2, "running", "remove"), _task(3, "running", "remove"),
             _task(4, "shutdown", "remove")]
    progress = snapshot(_service(1), tasks, NODES)
    assert _rows(progress) == [("1/1", "running")]
    assert (progress.running, progress.desired, progress.converged) == (1, 1, True)


def test_before_the_engine_marks_the_surplus_no_row_above_the_target_appears():
    tasks = [_task(slot, "running") for slot in (1, 2, 3, 4)]
    assert _rows(snapshot(_service(2), tasks, NODES)) == [("1/2", "running"), ("2/2", "running")]


def test_a_kept_slot_above_the_target_takes_a_free_row():
    # The engine kept slots 1 and 4 when scaling 4 -> 2.
    tasks = [_task(1, "running"), _task(4, "running"), _task(2, "running", "remove")]
    assert _rows(snapshot(_service(2), tasks, NODES)) == [("1/2", "running"), ("2/2", "running")]


def test_rows_in_order_from_the_first_snapshot_and_they_stay_put():
    tracker = _Tracker()
    first = snapshot(_service(3), [_task(3, "preparing")], NODES, tracker)
    assert _rows(first) == [("1/3", ""), ("2/3", ""), ("3/3", "preparing")]
    later = snapshot(_service(3), [_task(3, "running"), _task(1, "starting")], NODES, tracker)
    assert _rows(later) == [("1/3", "starting"), ("2/3", ""), ("3/3", "running")]


def test_a_slot_keeps_its_row_when_its_number_is_not_a_row():
    tracker = _Tracker()
    snapshot(_service(2), [_task(7, "running")], NODES, tracker)
    progress = snapshot(_service(2), [_task(7, "running"), _task(1, "running")], NODES, tracker)
    # Slot 7 took row 1 first; slot 1 gets the free row 2 rather than moving slot 7.
    assert [(slot.key, slot.task_id) for slot in progress.slots] == [
        ("1/2", "t7-running-running"), ("2/2", "t1-running-running")]


def test_tasks_on_down_nodes_and_failed_tasks_of_live_slots():
    tasks = [_task(1, "failed", "shutdown"), _task(2, "running", node="n2")]
    progress = snapshot(_service(2), tasks, NODES)
    assert _rows(progress) == [("1/2", "failed"), ("2/2", "")]
    assert progress.running == 0


def test_global_rows_are_the_current_nodes_in_a_stable_order():
    service = {"ID": "s", "Spec": {"Mode": {"Global": {}}}}
    nodes = [{"ID": "b" * 25, "Status": {"State": "ready"}},
             {"ID": "a" * 25, "Status": {"State": "ready"}}]
    tasks = [_task(0, "running", node="b" * 25), _task(0, "starting", node="a" * 25),
             _task(0, "running", "remove", node="c" * 25)]
    progress = snapshot(service, tasks, nodes)
    assert _rows(progress) == [("a" * 12, "starting"), ("b" * 12, "running")]
    assert progress.desired == 2


def test_a_crash_loop_row_keeps_the_last_failure_while_the_replacement_waits():
    failed = _task(1, "failed", "shutdown")
    failed["Status"].update(Err="task: non-zero exit (3)", Timestamp="2026-01-01T12:00:01Z")
    older = _task(1, "failed", "shutdown")
    older.update(ID="older")
    older["Status"].update(Err="task: non-zero exit (2)", Timestamp="2026-01-01T12:00:00.5Z")
    waiting = _task(1, "ready", "ready")
    slot = snapshot(_service(1), [older, failed, waiting], NODES).slots[0]
    assert (slot.state, slot.error, slot.last_error) == ("ready", "", "task: non-zero exit (3)")
    running = snapshot(_service(1), [failed, _task(1, "running")], NODES).slots[0]
    assert running.last_error == ""  # it runs now: the past failure is over
