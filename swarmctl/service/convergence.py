"""Following a service until it converges, the way ``docker service create/update`` waits.

``watch()`` polls the engine (service, its up-to-date tasks, nodes) and yields a
:class:`Progress` snapshot per poll. The last snapshot has ``outcome`` set. It never prints:
the CLI's renderers turn snapshots into docker's lines or a live display.

Rules follow the Docker CLI (cli/command/service/progress): one task per replica slot (or
per node for global services); tasks on nodes that are down are ignored; after converging,
tasks must stay up for the update monitor period (5 s by default) before the service counts
as converged; jobs are done when their tasks complete. Unlike docker, a replicated service
always has exactly rows 1..N (N its replica count), in that order, each kept by one slot;
slots the engine is removing after a scale-down are never shown.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from swarmctl.golang.time import parse_rfc3339_nano

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
    since: str = ""   # the task's Status.Timestamp (when it reached ``state``)
    last_error: str = ""  # while the slot's task is not running: its last failed task's error


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
    update_state: str = ""         # the engine's UpdateStatus.State ("" for a new service)


def mode_word(spec):
    """The ``--mode`` word of a ServiceSpec: replicated, global, replicated-job, global-job.

    (The MODE column of ``ls`` words it differently: ``output.tables.service_mode``.)"""
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


def _slot(key, task, last_failure=None):
    status = task.get("Status") or {}
    slot = Slot(key, status.get("State", ""), _slot_error(task), task["ID"],
                status.get("Timestamp", "") or "")
    if last_failure is not None and last_failure is not task and not slot.error \
            and slot.state != "running":
        # A crash loop: the replacement waits out the restart delay, the failure says why.
        slot.last_error = _slot_error(last_failure)
    return slot


def _last_failures(tasks, key):
    """The most recent failed (or rejected) task with an error, per slot or node."""
    latest = {}
    for task in tasks:
        status = task.get("Status") or {}
        if status.get("State") not in ("failed", "rejected") or not status.get("Err"):
            continue
        current = latest.get(key(task))
        if current is None or _when(task) > _when(current):
            latest[key(task)] = task
    return latest


def _when(task):
    try:
        return parse_rfc3339_nano((task.get("Status") or {}).get("Timestamp") or "")
    except (ValueError, TypeError, IndexError):
        return 0


class _Tracker:
    """Keeps what must stay put between polls: which row each replica slot has, and the
    node set of a global job as first seen."""

    def __init__(self):
        self.rows = {}        # engine slot number -> row 1..N
        self.job_nodes = None

    def assign_rows(self, slots, total):
        """Give each engine slot a row in 1..``total`` and keep it there.

        A slot keeps its row while it has tasks; slot k takes row k when that row is free
        (the usual case, so row k is task NAME.k of ``ps``), else the lowest free row.
        Slots beyond ``total`` rows (scaling down, before the engine has removed the
        surplus) get none and are not shown."""
        self.rows = {slot: row for slot, row in self.rows.items() if slot in slots and row <= total}
        taken = set(self.rows.values())
        waiting = []
        for slot in sorted(slots):
            if slot in self.rows:
                continue
            if 1 <= slot <= total and slot not in taken:
                self.rows[slot] = slot
                taken.add(slot)
            else:
                waiting.append(slot)
        free = (row for row in range(1, total + 1) if row not in taken)
        for slot, row in zip(waiting, free):
            self.rows[slot] = row
        return {row: slot for slot, row in self.rows.items()}

    def label(self, slot, total):
        """Row labels for jobs: first come, first numbered, as docker does."""
        if slot not in self.rows:
            self.rows[slot] = len(self.rows) + 1
        return f"{self.rows[slot]}/{total}"


def _representatives(tasks, key, counts):
    """The task that stands for each slot (or node): among the tasks ``counts`` keeps."""
    chosen = {}
    for task in tasks:
        if counts(task):
            chosen[key(task)] = _pick(chosen.get(key(task)), task)
    return chosen


def _runs(task):
    return (task.get("DesiredState") not in TERMINAL_STATES
            and task["Status"].get("State") == "running")


def _removed(task):
    """The engine is removing this task's slot (scaled down) or the task itself."""
    return task.get("DesiredState") in ("remove", "orphaned")


def _add_slots(progress, chosen, label):
    """Append a Slot per representative task, in key order; return how many run."""
    running = 0
    for key in sorted(chosen):
        task = chosen[key]
        if _runs(task):
            running += 1
        progress.slots.append(_slot(label(key), task))
    return running


def snapshot(service, tasks, nodes, tracker=None):
    """Compute one Progress from the engine's current answers (pure; no I/O)."""
    tracker = tracker or _Tracker()
    spec = service["Spec"]
    mode = mode_word(spec)
    progress = Progress(service_id=service["ID"], mode=mode)
    active = _active_nodes(nodes)
    if mode == "replicated":
        replicas = (spec["Mode"].get("Replicated") or {}).get("Replicas", 1)
        # Tasks not yet assigned have no node: they count, those on down nodes do not, nor
        # those of slots the engine is removing (scaled down).
        by_slot = _representatives(tasks, lambda t: t.get("Slot", 0),
                                   lambda t: (not t.get("NodeID") or t["NodeID"] in active)
                                   and not _removed(t))
        slot_of_row = tracker.assign_rows(set(by_slot), replicas)
        running = sum(1 for slot in slot_of_row.values() if _runs(by_slot[slot]))
        failures = _last_failures(tasks, lambda t: t.get("Slot", 0))
        for row in range(1, replicas + 1):
            label = f"{row}/{replicas}"
            slot = slot_of_row.get(row)
            task = by_slot.get(slot)
            # A row with no task yet is shown empty: the rows never move.
            progress.slots.append(_slot(label, task, failures.get(slot)) if task
                                  else Slot(label, ""))
        progress.running, progress.desired = running, replicas
        progress.converged = running == replicas
    elif mode == "global":
        by_node = _representatives(tasks, lambda t: t["NodeID"],
                                   lambda t: t.get("NodeID") in active and not _removed(t))
        running = _add_slots(progress, by_node, lambda node_id: node_id[:12])
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
            by_slot = _representatives(current, lambda t: t.get("Slot", 0), lambda t: True)
            keyed = [(tracker.label(slot, total), task) for slot, task in sorted(by_slot.items())]
        else:
            if tracker.job_nodes is None and current:
                tracker.job_nodes = {t.get("NodeID") for t in current if t.get("NodeID")}
            nodes_for_job = tracker.job_nodes or set()
            total = len(nodes_for_job) if nodes_for_job else None
            by_node = _representatives(current, lambda t: t["NodeID"],
                                       lambda t: t.get("NodeID") in nodes_for_job)
            keyed = sorted(by_node.items())
        completed = 0
        running = 0
        for key, task in keyed:
            state = task["Status"].get("State", "")
            if state == "complete":
                completed += 1
            elif state == "running":
                running += 1
            progress.slots.append(_slot(key, task))
        progress.running, progress.desired = completed, total
        progress.active_jobs = running
        progress.converged = total is not None and completed >= total
    return progress


def watch(api, service_id, poll_interval=0.2, deadline=None, clock=time.monotonic, sleep=time.sleep,
          stop_when_completed=True, until_rollout_done=False, engine_now=None):
    """Yield Progress snapshots until the service converges, pauses, or the deadline passes.

    ``deadline`` is a ``clock()`` value; when it passes the last snapshot's outcome is
    ``TIMED_OUT``. Engine errors (the service removed meanwhile, ...) propagate.

    The defaults follow the Docker CLI after create/update. ``swarmctl wait`` asks for more:

    * ``stop_when_completed=False``: an ``UpdateStatus`` of ``completed`` ends nothing by
      itself (docker stops there even when tasks are not up; for a service updated long
      ago that state never changes, so only the tasks can tell);
    * ``until_rollout_done=True``: while the engine is still rolling out (``updating``,
      ``rollback_started``) the service has not converged, and verification starts only
      once the engine is done;
    * ``engine_now``: a function returning the engine's wall clock (Unix ns). Tasks that
      have already been running for a while count towards verification (their
      ``Status.Timestamp`` says since when), so a service that has been stable for longer
      than its monitor period converges at once instead of after another monitor period.
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
            # The reason the rollback started, once seen, stays the reason ("rollback
            # completed" says only that it is over).
            rollback_message = rollback_message or message
        progress.rollback = rollback
        progress.rollback_message = rollback_message
        progress.update_state = state or ""
        if progress.outcome:
            yield progress
            return

        if progress.mode in ("replicated-job", "global-job"):
            if progress.converged:
                progress.outcome = JOB_COMPLETE
                yield progress
                return
        elif (stop_when_completed and state == "completed" and not progress.converged
              and converged_at is None):
            # docker stops here: the engine finished the update even if tasks are not up.
            progress.outcome = UPDATE_COMPLETED
            yield progress
            return
        else:
            monitor = spec_monitor(service) or DEFAULT_MONITOR_NS
            now = clock()
            rolling_out = until_rollout_done and state in ("updating", "rollback_started")
            if progress.converged and not rolling_out:
                if converged_at is None:
                    converged_at = now
                    if engine_now is not None:
                        converged_at = now - _stable_for_ns(progress, engine_now()) / 1e9
                remaining = monitor - int((now - converged_at) * 1e9)
                if remaining <= 0:
                    # The engine's own rollback monitor may outlast ours: once tasks run
                    # the previous spec stably, the update has been rolled back either way.
                    rolled_back = state in ("rollback_started", "rollback_completed")
                    progress.outcome = ROLLED_BACK if rolled_back else CONVERGED
                    progress.message = message if rolled_back else ""
                    if rolled_back and rollback_message in ("", "rollback completed"):
                        # The engine's reason was gone before a poll saw it: say which
                        # task of the rolled-back spec failed instead.
                        progress.rollback_message = _failure_reason(api, service) \
                            or rollback_message
                    yield progress
                    return
                progress.verify_remaining_ns = remaining
            elif converged_at is not None:
                converged_at = None
                # (still converged: the engine started rolling out again; no failure)
                progress.verify_lost = not progress.converged

        if deadline is not None and clock() >= deadline:
            progress.outcome = TIMED_OUT
            yield progress
            return
        yield progress
        sleep(poll_interval)


def _failure_reason(api, service):
    """"task ID failed (error)" for the newest failed task of a spec other than the current
    one (the spec rolled back from), or None."""
    current = (service["Spec"].get("TaskTemplate") or {}).get("ContainerSpec")
    failed = [task for task in api.tasks(filters={"service": service["ID"]})
              if (task.get("Status") or {}).get("State") in ("failed", "rejected")
              and (task.get("Status") or {}).get("Err")
              and (task.get("Spec") or {}).get("ContainerSpec") != current]
    if not failed:
        return None
    task = max(failed, key=_when)
    return f"task {task['ID'][:12]} {task['Status']['State']} ({task['Status']['Err']})"


def _stable_for_ns(progress, engine_now_ns):
    """How long every slot's task has been running (by the engine's clock), 0 if unknown."""
    youngest = None
    for slot in progress.slots:
        if not slot.task_id:
            return 0  # a slot without a task: nothing is stable yet
        try:
            since = parse_rfc3339_nano(slot.since)
        except (ValueError, TypeError, IndexError):
            return 0
        youngest = since if youngest is None else max(youngest, since)
    if youngest is None:  # no tasks at all (0 replicas): nothing to verify
        return 1 << 62
    return max(0, engine_now_ns - youngest)


def spec_monitor(service):
    return ((service["Spec"].get("UpdateConfig") or {}).get("Monitor")) or None



# -- waiting for removal ----------------------------------------------------------------------

REMOVED = "removed"


@dataclass
class Removal:
    """One poll while waiting for a service to be gone."""

    reference: str
    service_id: str = ""           # "" when the service was already gone and left no tasks
    present: bool = False          # the service object still exists
    tasks_left: int = 0            # its tasks not yet shut down (on nodes that are not down)
    outcome: str | None = None     # REMOVED or TIMED_OUT


def _looks_like_id(reference):
    return len(reference) == 25 and reference.isalnum() and reference.islower()


def watch_removal(api, reference, poll_interval=0.2, deadline=None, clock=time.monotonic,
                  sleep=time.sleep):
    """Yield Removal snapshots until the service is gone *and* its tasks have shut down.

    "Gone" means ``GET /services/REF`` answers 404. The engine keeps a removed service's
    tasks (desired state ``remove``) until their containers have stopped, which takes up to
    the stop grace period; until then their ports, networks and volumes are still in use,
    so the wait goes on until none of them is in a state before ``complete``. Tasks on
    nodes that are down are not waited for (they cannot report). A service that does not
    exist when the wait starts is looked for by its tasks (task names start with
    ``NAME.``); with none left the wait ends at once.
    """
    # Here, not at the top: swarmctl.errors loads requests, and the rest of this module is
    # used without an engine (progress rendering, diagnosis).
    from swarmctl.errors import NotFound

    name = reference
    tracked = None          # the service IDs whose tasks we wait for
    present = True
    while True:
        removal = Removal(reference)
        if present:
            # Once known, by ID: a new service given the same name is another service.
            target = next(iter(tracked)) if tracked else reference
            try:
                service = api.inspect_service(target, insert_defaults=False)
            except NotFound:
                present = False
            else:
                name = service["Spec"]["Name"]
                tracked = {service["ID"]}
        removal.present = present
        if _looks_like_id(reference) and tracked is None and not present:
            tasks = api.tasks()
            tasks = [t for t in tasks if t.get("ServiceID") == reference]
        else:
            tasks = api.tasks(filters={"name": f"{name}."})
        if tracked is None:
            # Already gone when we started: the leftovers seen now are what we wait for (a
            # new service with the same name, created meanwhile, is not).
            tracked = {t.get("ServiceID") for t in tasks if t.get("ServiceID")}
        nodes = api.nodes() if tasks else []
        down = {n["ID"] for n in nodes if (n.get("Status") or {}).get("State") == "down"}
        left = [t for t in tasks if t.get("ServiceID") in tracked
                and (t.get("Status") or {}).get("State") not in TERMINAL_STATES
                and not (t.get("NodeID") and t["NodeID"] in down)]
        removal.service_id = next(iter(tracked), "") if len(tracked) == 1 else ""
        removal.tasks_left = len(left)
        if not present and not left:
            removal.outcome = REMOVED
            yield removal
            return
        if deadline is not None and clock() >= deadline:
            removal.outcome = TIMED_OUT
            yield removal
            return
        yield removal
        sleep(poll_interval)
