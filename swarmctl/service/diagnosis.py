"""Why is a service not running? Failure analysis from its tasks, nodes and spec.

``diagnose(service, tasks, nodes)`` is pure (no I/O, no printing): it takes the engine's
answers (``GET /services/ID?insertDefaults=false``, ``GET /tasks?filters=service=ID`` with
the retained history, ``GET /nodes``) and returns a :class:`Diagnosis`:

* the slots (replica numbers, or nodes for global services) that are failing now: their
  current task is not running, or it replaced a task that failed on its own in the window
  (``RECENT_NS``, 10 minutes, by default; a crash loop looks "running" half of the time);
* which failures count: only tasks that *failed* (state failed or rejected) running the
  service's current spec, in the window, and not removed by a scale-down. The orchestrator
  makes every new task from the service's current spec, so the current spec is the
  ``Spec`` of the newest task (a task's ``Spec`` is not the service's ``TaskTemplate`` byte
  for byte: the engine leaves ``Runtime`` out of it and may fill in defaults); a
  ``restart`` changes ``ForceUpdate``, so it starts a new spec too. The ends of old tasks stopped by an update (exit 137 after the
  stop grace period), failures of a previous spec and older ones are only counted in
  ``earlier_failures``;
* each distinct error of the current spec (IDs in the message do not make errors
  distinct) with how often it happened in the retained history, when and on which node it last happened, the slots it
  hit and the exit codes seen;
* a hint for the common causes: image not found / registry auth, no suitable node
  (constraints, resources, ports, per-node limits, platform), published port in use, out of
  memory (exit 137), failing health check, command not found, missing bind source, plain
  crashes.

``collect(api, reference)`` makes those reads (plus, best effort, ``GET
/containers/ID/json`` for a few killed containers on the engine we talk to, to tell an
out-of-memory kill from another SIGKILL) and returns ``diagnose(...)``'s answer.

The engine keeps only ``TaskHistoryRetentionLimit`` tasks per slot (5 by default), so counts
are "in the retained history", not since the service was created.
"""
from __future__ import annotations

import json
import re
import time
from dataclasses import asdict, dataclass, field

from swarmctl.golang.time import now_ns as local_now
from swarmctl.golang.time import parse_rfc3339_nano
from swarmctl.golang.units import bytes_size
from swarmctl.service.convergence import mode_word

RECENT_NS = 10 * 60 * 10**9  # failures older than this are over (why --window)
# The inline output of failing slots: for this many slots, their last lines, bounded.
OUTPUT_SLOTS = 5
OUTPUT_LINES = 10
OUTPUT_BYTES = 2048
FAILED_STATES = frozenset(("failed", "rejected"))
TERMINAL_STATES = frozenset(("complete", "shutdown", "failed", "rejected", "remove", "orphaned"))
_STATE_ORDER = ("new", "pending", "assigned", "accepted", "preparing", "ready", "starting",
                "running", "complete", "shutdown", "failed", "rejected", "remove", "orphaned")
_RANK = {state: rank for rank, state in enumerate(_STATE_ORDER)}
_EXIT = re.compile(r"non-zero exit \((\d+)\)")
_HEX_ID = re.compile(r"\b[0-9a-f]{64}\b|\b[0-9a-z]{25}\b")


@dataclass
class ErrorGroup:
    """One distinct error and where and when it happened."""

    message: str                 # as the engine wrote it (its last occurrence)
    count: int = 0               # tasks that ended with it, in the retained history
    last_seen: str = ""          # engine timestamp of the last occurrence
    last_node: str = ""          # node (hostname) of the last occurrence
    slots: list = field(default_factory=list)       # task names hit ("web.2")
    exit_codes: list = field(default_factory=list)  # distinct exit codes, latest first
    category: str = ""           # image, placement, resources, port, oom, health, command,
    #                              mount, node, crash, other
    hint: str = ""


@dataclass
class SlotReport:
    """A failing slot: its current task and its recent past."""

    name: str                    # docker's task name: web.2, or web.<node ID> (global)
    state: str                   # observed state of the current task
    since: str = ""              # when it got there (engine timestamp)
    node: str = ""
    error: str = ""              # the current task's error, else the last failure's
    failures: int = 0            # failed/rejected tasks of this slot in the history
    exit_codes: list = field(default_factory=list)  # last exit codes, latest first
    running: bool = False        # up right now (but restarted after a recent failure)
    failed_task: str = ""        # ID of the last counted failure whose container ran
    output: list = field(default_factory=list)  # its last lines of output (see collect)


@dataclass
class Diagnosis:
    service: str
    service_id: str
    mode: str
    desired: int | None          # replicas / nodes with a task / job completions
    running: int
    image: str = ""
    update_state: str = ""
    update_message: str = ""
    failing_slots: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    notes: list = field(default_factory=list)   # service-level findings (update paused...)
    earlier_failures: int = 0    # failures that do not count (previous spec, old, scaled away)
    window_ns: int = RECENT_NS   # how far back a failure counts

    @property
    def healthy(self):
        return not self.failing_slots and not self.notes

    @property
    def failing(self):
        """A slot is failing now (``swarmctl why`` exits 5)."""
        return bool(self.failing_slots)

    def to_dict(self):
        data = asdict(self)
        data["healthy"] = self.healthy
        data["failing"] = self.failing
        return data


# -- pure analysis ----------------------------------------------------------------------------

def diagnose(service, tasks, nodes, containers=None, now_ns=None, window_ns=RECENT_NS):
    """Analyse a service's tasks; ``containers`` maps container IDs to ``GET
    /containers/ID/json`` answers (optional); ``now_ns`` is the engine's clock (Unix ns);
    failures older than ``window_ns`` do not count."""
    now_ns = local_now() if now_ns is None else now_ns
    containers = containers or {}
    spec = service.get("Spec") or {}
    name = spec.get("Name", service.get("ID", ""))
    mode = mode_word(spec)
    node_names = {n["ID"]: _node_name(n) for n in nodes}
    down = {n["ID"] for n in nodes if (n.get("Status") or {}).get("State") == "down"}
    container_spec = (spec.get("TaskTemplate") or {}).get("ContainerSpec") or {}
    status = service.get("UpdateStatus") or {}
    diagnosis = Diagnosis(service=name, service_id=service.get("ID", ""), mode=mode,
                          desired=None, running=0, image=container_spec.get("Image", ""),
                          update_state=status.get("State", ""),
                          update_message=status.get("Message", ""), window_ns=window_ns)
    newest = max(tasks, key=_created_ns, default=None)
    template = _canonical((newest or {}).get("Spec"))

    def of_this_spec(task):
        """A failure of the current spec, not of a task a scale-down removed."""
        return (_is_failure(task) and task.get("DesiredState") != "remove"
                and _canonical(task.get("Spec")) == template)

    def counts(task):
        return of_this_spec(task) and _recent(task, now_ns, window_ns)

    # Slots: replica number, or node for global services (docker's task naming).
    by_slot = {}
    for task in tasks:
        by_slot.setdefault(_slot_key(task), []).append(task)
    for history in by_slot.values():
        history.sort(key=_timestamp)

    current_tasks = {}
    for key, history in by_slot.items():
        candidates = [t for t in history if t.get("DesiredState") not in TERMINAL_STATES]
        if candidates:
            current_tasks[key] = min(candidates, key=lambda t: (
                _RANK.get(t.get("DesiredState"), 99), _RANK.get(_state(t), 99)))
    diagnosis.running = sum(1 for t in current_tasks.values()
                            if _state(t) == "running" and t.get("NodeID") not in down)
    if mode == "replicated":
        diagnosis.desired = ((spec.get("Mode") or {}).get("Replicated") or {}).get("Replicas", 1)
    elif mode == "global":
        diagnosis.desired = len(current_tasks) or None
    elif mode == "replicated-job":
        diagnosis.desired = (spec["Mode"]["ReplicatedJob"] or {}).get("TotalCompletions", 1)
        diagnosis.running = sum(1 for h in by_slot.values() if any(_state(t) == "complete" for t in h))
    else:
        diagnosis.desired = len(by_slot) or None
        diagnosis.running = sum(1 for h in by_slot.values() if any(_state(t) == "complete" for t in h))

    # Errors, grouped; failing slots.
    groups = {}
    for key, history in sorted(by_slot.items(), key=lambda item: _slot_sort(item[0])):
        task_label = _task_name(history[-1], name)
        failures = [t for t in history if counts(t)]
        diagnosis.earlier_failures += sum(1 for t in history if _is_failure(t) and not counts(t))
        current = current_tasks.get(key)
        for task in history:
            # Errors: the current spec's (older ones as history), and the current task's.
            if not of_this_spec(task) and not (task is current and _error(task)):
                continue
            message = _error(task) or f"task: non-zero exit ({_exit_code(task)})"
            group = groups.setdefault(_normalize(message), ErrorGroup(message=message))
            group.count += 1
            if _timestamp(task) >= group.last_seen:
                group.last_seen = _timestamp(task)
                group.last_node = node_names.get(task.get("NodeID") or "", task.get("NodeID") or "")
                group.message = message
            if task_label not in group.slots:
                group.slots.append(task_label)
            code = _exit_code(task)
            if code and code not in group.exit_codes:
                group.exit_codes.append(code)
        report = _slot_report(history, failures, current, name, node_names, down, mode)
        if report is not None:
            diagnosis.failing_slots.append(report)

    for group in groups.values():
        group.exit_codes.sort(key=lambda code: -_last_time_of_code(tasks, code))
        group.category, group.hint = hint_for(group, spec, nodes, tasks, containers)
    diagnosis.errors = sorted(groups.values(), key=lambda g: g.last_seen, reverse=True)

    if mode == "replicated" and diagnosis.desired and not current_tasks:
        diagnosis.notes.append("no tasks: the orchestrator has not created any yet")
    state = diagnosis.update_state
    if state in ("paused", "rollback_paused"):
        diagnosis.notes.append(
            f"update {state.replace('_', ' ')}: {diagnosis.update_message} — a new update "
            f"(`swarmctl update`) or `swarmctl rollback {name}` resumes it")
    elif state == "rollback_completed" and diagnosis.update_message != "manually requested rollback":
        diagnosis.notes.append(f"the last update was rolled back: {diagnosis.update_message}")
    return diagnosis


def _slot_report(history, failures, current, service_name, node_names, down, mode):
    """``failures``: the slot's failures that count (current spec, in the window)."""
    job = mode.endswith("job")
    last_failure = failures[-1] if failures else None
    if current is None:
        if not failures or (job and any(_state(t) == "complete" for t in history)):
            return None
        shown = last_failure
    else:
        shown = current
    state = _state(shown)
    on_down_node = shown.get("NodeID") in down
    good = "complete" if job else "running"
    # Up now: still worth showing when it replaced a task that failed recently.
    if state == good and not on_down_node and not (
            last_failure and _timestamp(last_failure) <= _timestamp(shown)):
        return None
    if job and state == "running" and not failures:
        return None
    error = _error(shown) or (_error(last_failure) if last_failure else "")
    if on_down_node and not error:
        error = "node is down"
    ran = [t for t in reversed(failures) if _had_container(t)]
    return SlotReport(
        name=_task_name(shown, service_name), state=state, since=_timestamp(shown),
        node=node_names.get(shown.get("NodeID") or "", shown.get("NodeID") or ""),
        error=error, failures=len(failures), exit_codes=[_exit_code(t) for t in ran[:5]],
        running=state == good and not on_down_node,
        failed_task=ran[0].get("ID", "") if ran else "")


# -- hints ------------------------------------------------------------------------------------

_IMAGE_MARKERS = ("no such image", "pull access denied", "manifest unknown", "not found: manifest",
                  "repository does not exist", "unauthorized", "authentication required",
                  "no basic auth credentials", "invalid reference format", "error pulling image",
                  "failed to resolve reference", "denied: requested access")
_PORT_MARKERS = ("port is already allocated", "address already in use", "port already in use")


def hint_for(group, spec, nodes=(), tasks=(), containers=None):
    """``(category, hint)`` for one error group, using the spec for specifics."""
    text = group.message.lower()
    template = spec.get("TaskTemplate") or {}
    container = template.get("ContainerSpec") or {}
    placement = template.get("Placement") or {}
    image = container.get("Image", "")
    if any(marker in text for marker in _PORT_MARKERS):
        ports = _published_ports(spec)
        return "port", (
            f"a published port{' (' + ports + ')' if ports else ''} is already in use on the node: "
            "another service or a container publishes it. With mode=host only one task per node "
            "can publish a port: lower --replicas, add --replicas-max-per-node 1, or publish "
            "through the ingress (mode=ingress)")
    if "no suitable node" in text:
        return _placement_hint(text, placement, template)
    if any(marker in text for marker in _IMAGE_MARKERS) or text.startswith("no such image"):
        return "image", (
            f"the nodes cannot get the image {image or '(unknown)'}: check its name and tag; "
            "for a private registry run `docker login` and pass --with-registry-auth to "
            "create/update so the nodes receive your credentials; an image built on one node "
            "must be pushed to a registry (or loaded on every node)")
    if "unhealthy" in text:
        health = container.get("Healthcheck") or {}
        test = " ".join((health.get("Test") or [])[1:]) or "(the image's HEALTHCHECK)"
        retries = health.get("Retries")
        return "health", (
            f"the health check failed{_in_a_row(retries)} and the "
            f"container was killed: check `{test}` inside the container (`docker exec`), or give "
            "it more time with --health-start-period / --health-timeout / --health-retries")
    if "executable file not found" in text or ("no such file or directory" in text
                                               and "starting container failed" in text):
        command = " ".join((container.get("Command") or []) + (container.get("Args") or []))
        return "command", (
            f"the command{' `' + command + '`' if command else ''} cannot be started: it does not "
            "exist in the image (or is not executable); fix the entrypoint/arguments "
            "(--entrypoint, --args) or the image")
    if "invalid mount config" in text or "bind source path does not exist" in text:
        return "mount", ("a bind-mount source is missing on the node: the source path must exist "
                         "on every node that can run the task (or use a volume, or a "
                         "--constraint that keeps the task on nodes that have it)")
    if "node is down" in text or "orphaned" in text:
        return "node", "the task's node is down or left the swarm; its tasks are rescheduled elsewhere"
    codes = group.exit_codes
    if 137 in codes:
        limit = (template.get("Resources") or {}).get("Limits", {}).get("MemoryBytes")
        oom = _oom_confirmed(group, tasks, containers or {})
        start = ("the kernel killed it for running out of memory (OOMKilled)" if oom else
                 "the container was killed (SIGKILL, exit 137), most often for running out of memory")
        limit_text = (f"; its memory limit is {bytes_size(limit)}: raise --limit-memory" if limit
                      else "; without --limit-memory the node itself ran out of memory")
        return "oom", (start + limit_text + ". Other causes: a stop that outlived "
                       "--stop-grace-period, a `docker kill`")
    if codes:
        code = codes[0]
        meaning = {126: "the command is not executable", 127: "the command was not found",
                   139: "it crashed (segmentation fault)", 134: "it aborted (SIGABRT)",
                   143: "it was stopped (SIGTERM)"}.get(code)
        return "crash", (
            f"the process exits with status {code}"
            + (f": {meaning}" if meaning else "")
            + f"; its output says why: `swarmctl logs {spec.get('Name') or 'SERVICE'}` (or "
              "`docker logs` of a failed task's container on its node)")
    return "other", ""


def _in_a_row(retries):
    if not retries:
        return ""
    return " once" if retries == 1 else f" {retries} times in a row"


def _placement_hint(text, placement, template):
    if "host-mode port" in text:
        return "port", ("a host-mode published port is already in use on every eligible node: "
                        "only one task per node can publish it; lower --replicas, add nodes, or "
                        "publish through the ingress (mode=ingress)")
    if "scheduling constraints" in text:
        constraints = placement.get("Constraints") or []
        shown = ", ".join(constraints) if constraints else "(none set)"
        return "placement", (f"no node satisfies the placement constraints {shown}: check the "
                             "node labels (`docker node inspect`, `docker node update "
                             "--label-add`) or change them (--constraint-rm/--constraint-add)")
    if "insufficient resources" in text:
        reserved = (template.get("Resources") or {}).get("Reservations") or {}
        parts = []
        if reserved.get("NanoCPUs"):
            parts.append(f"{reserved['NanoCPUs'] / 1e9:g} CPUs")
        if reserved.get("MemoryBytes"):
            parts.append(bytes_size(reserved["MemoryBytes"]))
        what = " (" + ", ".join(parts) + ")" if parts else ""
        return "resources", (f"no node has the reserved resources{what} free: lower "
                             "--reserve-cpu/--reserve-memory, or free or add nodes")
    if "max replicas per node" in text:
        return "placement", ("--replicas-max-per-node allows too few tasks per node for the "
                             "replica count: raise it, lower --replicas, or add nodes")
    if "platform" in text:
        return "placement", ("no node runs a platform (OS/architecture) the image supports: "
                             "use a multi-platform image, or --no-resolve-image if the recorded "
                             "platforms are wrong")
    if "not available for new tasks" in text:
        return "placement", ("nodes are drained or paused (`docker node ls`): make them active "
                             "(`docker node update --availability active`)")
    return "placement", ("no node can run the task; the message lists why per node (constraints, "
                         "resources, ports, availability)")


def _oom_confirmed(group, tasks, containers):
    for task in tasks:
        container_id = ((task.get("Status") or {}).get("ContainerStatus") or {}).get("ContainerID")
        state = (containers.get(container_id) or {}).get("State") or {}
        if state.get("OOMKilled"):
            return True
    return False


def _published_ports(spec):
    ports = ((spec.get("EndpointSpec") or {}).get("Ports")) or []
    return ", ".join(f"{p.get('PublishedPort')}:{p.get('TargetPort')}/{p.get('Protocol', 'tcp')}"
                     f"{' host' if p.get('PublishMode') == 'host' else ''}"
                     for p in ports if p.get("PublishedPort"))


# -- reading the engine -----------------------------------------------------------------------

def collect(api, reference, inspect_killed=3, window_ns=RECENT_NS, output_slots=OUTPUT_SLOTS):
    """Read what ``diagnose`` needs and return its Diagnosis.

    ``inspect_killed``: how many exit-137 containers to inspect (``GET /containers/ID/json``,
    only those on the engine we talk to) to tell an out-of-memory kill from another SIGKILL.
    ``window_ns``: how far back a failure counts. For the first ``output_slots`` failing
    slots, the last lines of their last failed task's output (``GET /tasks/ID/logs``,
    ``OUTPUT_LINES`` lines and ``OUTPUT_BYTES`` bytes at most).
    """
    service = api.inspect_service(reference, insert_defaults=False)
    tasks = api.tasks(filters={"service": service["ID"]})
    nodes = api.nodes()
    now_ns = None
    containers = {}
    local_node = None
    try:
        info = api.info()
        local_node = ((info.get("Swarm") or {}).get("NodeID")) or None
        now_ns = parse_rfc3339_nano(info.get("SystemTime"))
    except Exception:  # noqa: BLE001 - the engine's clock and node are a refinement
        now_ns = time.time_ns()
    killed = [t for t in sorted(tasks, key=_timestamp, reverse=True)
              if _exit_code(t) == 137 and t.get("NodeID") == local_node]
    for task in killed[:inspect_killed]:
        container_id = task["Status"]["ContainerStatus"].get("ContainerID")
        if not container_id:
            continue
        try:
            containers[container_id] = api.inspect_container(container_id)
        except Exception:  # noqa: BLE001, S112 - removed containers simply give no answer
            continue
    result = diagnose(service, tasks, nodes, containers=containers, now_ns=now_ns,
                      window_ns=window_ns)
    for slot in [s for s in result.failing_slots if s.failed_task][:output_slots]:
        slot.output = last_output(api, slot.failed_task)
    return result


def last_output(api, task_id, lines=OUTPUT_LINES, limit=OUTPUT_BYTES):
    """The last ``lines`` lines (stdout and stderr, as the engine interleaves them) of a
    task's output, as text; at most ``limit`` bytes, cut at the front. ``[]`` when the
    engine has none (a log driver without reading, the task gone)."""
    from requests.exceptions import RequestException

    from swarmctl.errors import DockerException
    from swarmctl.transport.multiplex import iter_frames

    data = b""
    try:
        stream = api.log_chunks("tasks", task_id, tail=str(lines))
        try:
            for _stream_id, payload in iter_frames(stream):
                data = (data + payload)[-limit * 2:]
        finally:
            stream.close()
    except (DockerException, RequestException, OSError, ValueError):
        return []  # the output is a help, not the diagnosis
    data = data[-limit:]
    text = data.decode("utf-8", "replace")
    return text.splitlines()[-lines:]


# -- small helpers ----------------------------------------------------------------------------

def _state(task):
    return (task.get("Status") or {}).get("State", "")


def _error(task):
    return ((task.get("Status") or {}).get("Err") or "").strip()


def _timestamp(task):
    return (task.get("Status") or {}).get("Timestamp") or task.get("UpdatedAt") or ""


def _exit_code(task):
    status = task.get("Status") or {}
    code = (status.get("ContainerStatus") or {}).get("ExitCode") or 0
    if not code:
        match = _EXIT.search(status.get("Err") or "")
        if match:
            code = int(match.group(1))
    return code


def _had_container(task):
    """A task whose container ran (rejected ones never got one: no exit code to show)."""
    status = task.get("Status") or {}
    return bool((status.get("ContainerStatus") or {}).get("ContainerID")) or bool(_EXIT.search(
        status.get("Err") or ""))


def _is_failure(task):
    return _state(task) in FAILED_STATES


def _slot_key(task):
    slot = task.get("Slot") or 0
    return ("slot", slot) if slot else ("node", task.get("NodeID") or "")


def _slot_sort(key):
    kind, value = key
    return (0, value, "") if kind == "slot" else (1, 0, value)


def _task_name(task, service_name):
    slot = task.get("Slot") or 0
    return f"{service_name}.{slot}" if slot else f"{service_name}.{task.get('NodeID') or ''}"


def _node_name(node):
    name = ((node.get("Spec") or {}).get("Name")) or ((node.get("Description") or {}).get("Hostname"))
    return name or node.get("ID", "")


def _normalize(message):
    return _HEX_ID.sub("…", message.strip())


def _canonical(task_spec):
    """A task spec as comparable text (two tasks run the same spec when these are equal)."""
    return json.dumps(task_spec or {}, sort_keys=True)


def _created_ns(task):
    try:
        return parse_rfc3339_nano(task.get("CreatedAt") or _timestamp(task))
    except (ValueError, TypeError, IndexError):
        return 0


def _recent(task, now_ns, window_ns=RECENT_NS):
    try:
        return now_ns - parse_rfc3339_nano(_timestamp(task)) < window_ns
    except (ValueError, TypeError, IndexError):
        return True


def _last_time_of_code(tasks, code):
    latest = 0
    for task in tasks:
        if _exit_code(task) == code:
            try:
                latest = max(latest, parse_rfc3339_nano(_timestamp(task)))
            except (ValueError, TypeError, IndexError):
                continue
    return latest
