"""Following a service until it converges, the way ``docker service create/update`` waits.

``watch()`` polls the engine (service, its up-to-date tasks, nodes) and yields a
:class:`Progress` snapshot per poll. The last snapshot has ``outcome`` set. It never prints:
the CLI's renderers turn snapshots into docker's lines or a live display.

Rules follow the Docker CLI (cli/command/service/progress): one task per replica slot (or
per node for global services); tasks on nodes that are down are ignored; after converging,
tasks must stay up for the update monitor period (5 s by default) before the service counts
as converged; jobs are done when their tasks complete.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

TASK_STATES = (
    "new", "pending", "assigned", "accepted", "preparing", "ready", "starting", "running",
    "complete", "shutdown", "failed", "rejected", "remove", "orphaned",
)
_STATE_RANK = {state: rank for rank, state in enumerate(TASK_STATES)}
TERMINAL_STATES = frozenset(TASK_STATES[TASK_STATES.index("complete"):])
DEFAULT_MONITOR_NS = 5 * 10**9

# Outcomes
CONVERGED = "converged"
JOB_COMPLETE = "job_complete"
UPDATE_PAUSED = "update_paused"
ROLLBACK_PAUSED = "rollback_paused"
ROLLED_BACK = "rolled_back"
TIMED_OUT = "timed_out"
UPDATE_COMPLETED = "update_completed"


def state_rank(state):
    return _STATE_RANK.get(state, len(TASK_STATES))


@dataclass
class Slot:
    """One replica slot (or node, for global services) and its current task."""

    key: str          # '1/3' style label for replicated, node ID for global
    state: str
    error: str = ""
    task_id: str = ""


@dataclass
class Progress:
    service_id: str
    mode: str                      # replicated, global, replicated-job, global-job
    running: int = 0               # running (or completed, for jobs) tasks
    desired: int | None = None     # None while a global service has no tasks yet
    slots: list = field(default_factory=list)
    rollback: bool = False         # the engine is rolling back
    rollback_message: str = ""     # UpdateStatus message once a rollback started
    converged: bool = False
    verify_remaining_ns: int | None = None  # set while verifying stability
    verify_lost: bool = False      # convergence was lost while verifying
    outcome: str | None = None
    message: str = ""              # engine's UpdateStatus message for paused / rolled back
    active_jobs: int | None = None  # replicated jobs: tasks currently running
    max_concurrent: int | None = None


def service_mode(spec):
    mode = spec.get("Mode") or {}
    if "Global" in mode:
        return "global"
    if "ReplicatedJob" in mode:
        return "replicated-job"
    if "GlobalJob" in mode:
        return "global-job"
    return "replicated"


def _active_nodes(nodes):
    return {n["ID"] for n in nodes if (n.get("Status") or {}).get("State") != "down"}


def _pick(current, candidate):
    """docker's choice of the task that represents a slot: lowest desired state, then the
    least advanced observed state."""
    if current is None:
        return candidate
    key_current = (state_rank(current.get("DesiredState")), state_rank(current["Status"].get("State")))
    key_candidate = (state_rank(candidate.get("DesiredState")), state_rank(candidate["Status"].get("State")))
    return candidate if key_candidate < key_current else current


def _slot_error(task):
    status = task.get("Status") or {}
    return status.get("Err", "") or ""


class _Tracker:
    """Keeps what docker keeps between polls: slot numbering, first-seen node sets."""

    def __init__(self):
        self.slot_labels = {}
        self.job_nodes = None

    def label(self, slot, total):
        if slot not in self.slot_labels:
            self.slot_labels[slot] = len(self.slot_labels) + 1
        return f"{self.slot_labels[slot]}/{total}"


def snapshot(service, tasks, nodes, tracker=None):
    """Compute one Progress from the engine's current answers (pure; no I/O)."""
    tracker = tracker or _Tracker()
    spec = service["Spec"]
    mode = service_mode(spec)
    progress = Progress(service_id=service["ID"], mode=mode)
    active = _active_nodes(nodes)
    if mode == "replicated":
        replicas = (spec["Mode"].get("Replicated") or {}).get("Replicas", 1)
        by_slot = {}
        for task in tasks:
            if task.get("NodeID") and task["NodeID"] not in active:
                continue
            by_slot[task.get("Slot", 0)] = _pick(by_slot.get(task.get("Slot", 0)), task)
        running = 0
        for slot_number in sorted(by_slot):
            task = by_slot[slot_number]
            state = task["Status"].get("State", "")
            if task.get("DesiredState") not in TERMINAL_STATES and state == "running":
                running += 1
            progress.slots.append(Slot(tracker.label(slot_number, replicas), state,
                                       _slot_error(task), task["ID"]))
        progress.running, progress.desired = running, replicas
        progress.converged = running == replicas
    elif mode == "global":
        by_node = {}
        for task in tasks:
            if task.get("NodeID") not in active:
                continue
            by_node[task["NodeID"]] = _pick(by_node.get(task["NodeID"]), task)
        running = 0
        for node_id in sorted(by_node):
            task = by_node[node_id]
            state = task["Status"].get("State", "")
            if task.get("DesiredState") not in TERMINAL_STATES and state == "running":
                running += 1
            progress.slots.append(Slot(node_id[:12], state, _slot_error(task), task["ID"]))
        progress.running = running
        progress.desired = len(by_node) if by_node else None
        progress.converged = bool(by_node) and running == len(by_node)
    else:
        iteration = ((service.get("JobStatus") or {}).get("JobIteration") or {}).get("Index")
        current = [t for t in tasks
                   if ((t.get("JobIteration") or {}).get("Index") == iteration or iteration is None)]
        if mode == "replicated-job":
            job = spec["Mode"]["ReplicatedJob"]
            total = job.get("TotalCompletions", 1)
            progress.max_concurrent = job.get("MaxConcurrent", 1)
            by_slot = {}
            for task in current:
                by_slot[task.get("Slot", 0)] = _pick(by_slot.get(task.get("Slot", 0)), task)
            keyed = [(tracker.label(slot, total), task) for slot, task in sorted(by_slot.items())]
        else:
            if tracker.job_nodes is None and current:
                tracker.job_nodes = {t.get("NodeID") for t in current if t.get("NodeID")}
            nodes_for_job = tracker.job_nodes or set()
            total = len(nodes_for_job) if nodes_for_job else None
            by_node = {}
            for task in current:
                if task.get("NodeID") in nodes_for_job:
                    by_node[task["NodeID"]] = _pick(by_node.get(task["NodeID"]), task)
            keyed = sorted(by_node.items())
        completed = 0
        running = 0
        for key, task in keyed:
            state = task["Status"].get("State", "")
            if state == "complete":
                completed += 1
            elif state == "running":
                running += 1
            progress.slots.append(Slot(key, state, _slot_error(task), task["ID"]))
        progress.running, progress.desired = completed, total
        progress.active_jobs = running
        progress.converged = total is not None and completed >= total
    return progress


def watch(api, service_id, poll_interval=0.2, deadline=None, clock=time.monotonic, sleep=time.sleep):
    """Yield Progress snapshots until the service converges, pauses, or the deadline passes.

    ``deadline`` is a ``clock()`` value; when it passes the last snapshot's outcome is
    ``TIMED_OUT``. Engine errors (the service removed meanwhile, ...) propagate.
    """
    tracker = _Tracker()
    converged_at = None
    rollback_message = ""
    rollback = False
    while True:
        service = api.inspect_service(service_id, insert_defaults=False)
        tasks = api.tasks(filters={"service": service["ID"], "_up-to-date": "true"})
        nodes = api.nodes()
        progress = snapshot(service, tasks, nodes, tracker)
        status = service.get("UpdateStatus") or {}
        state = status.get("State")
        message = status.get("Message", "")
        if state == "updating":
            rollback = False
        elif state == "paused":
            progress.outcome, progress.message = UPDATE_PAUSED, message
        elif state == "rollback_started":
            rollback = True
            rollback_message = message
        elif state == "rollback_paused":
            progress.outcome, progress.message = ROLLBACK_PAUSED, message
        elif state == "rollback_completed":
            rollback = True
            rollback_message = message
        progress.rollback = rollback
        progress.rollback_message = rollback_message
        if progress.outcome:
            yield progress
            return

        if progress.mode in ("replicated-job", "global-job"):
            if progress.converged:
                progress.outcome = JOB_COMPLETE
                yield progress
                return
        elif state == "completed" and not progress.converged and converged_at is None:
            # docker stops here: the engine finished the update even if tasks are not up.
            progress.outcome = UPDATE_COMPLETED
            yield progress
            return
        else:
            monitor = spec_monitor(service) or DEFAULT_MONITOR_NS
            now = clock()
            if progress.converged:
                if converged_at is None:
                    converged_at = now
                remaining = monitor - int((now - converged_at) * 1e9)
                if remaining <= 0:
                    # The engine's own rollback monitor may outlast ours: once tasks run
                    # the previous spec stably, the update has been rolled back either way.
                    rolled_back = state in ("rollback_started", "rollback_completed")
                    progress.outcome = ROLLED_BACK if rolled_back else CONVERGED
                    progress.message = message if rolled_back else ""
                    yield progress
                    return
                progress.verify_remaining_ns = remaining
            elif converged_at is not None:
                converged_at = None
                progress.verify_lost = True

        if deadline is not None and clock() >= deadline:
            progress.outcome = TIMED_OUT
            yield progress
            return
        yield progress
        sleep(poll_interval)


def spec_monitor(service):
    return ((service["Spec"].get("UpdateConfig") or {}).get("Monitor")) or None

