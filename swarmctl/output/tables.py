"""Row models and table layout for ``service ls`` / ``service ps``, byte-exact
with the Docker CLI 28.2 when output is not a terminal.

Stdlib only (this module is on the piped-output path).

Pieces:

* :func:`render_table_text` — a ``table`` format through Go's ``text/tabwriter`` as
  forked by the Docker CLI (:mod:`swarmctl.golang.tabwriter`, cell widths from
  :mod:`swarmctl.golang.runewidth`).
* :class:`ServiceRow` / :func:`service_rows` — ``service ls`` rows
  (placeholders ``ID Name Mode Replicas Image Ports``), sorted by name.
* :class:`TaskRow` / :func:`task_rows` — ``service ps`` rows (placeholders
  ``ID Name Image Node DesiredState CurrentState Error Ports``), sorted and
  with the `` \\_ `` history prefix for table formats.
* :func:`render_default_table`, :func:`render_quiet`, :func:`render_raw`,
  :func:`render_json_lines` — the exact bytes of the built-in formats.
* helpers: :func:`natural_less`, :func:`familiar_image`, :func:`truncate_id`,
  :func:`pretty_print`, :func:`ellipsis`,
  :func:`service_ports`, :func:`task_ports`, :func:`node_display_name`.

Row objects expose the placeholders as plain string attributes, so a Go
template engine can evaluate ``{{.Name}}`` with ``getattr`` and a terminal
renderer can use the same objects.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # typing is not imported at run time: this module is on the hot path
    from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from swarmctl.golang.json import marshal
from swarmctl.golang.runewidth import display_width, x_text_width
from swarmctl.golang.tabwriter import TabWriter
from swarmctl.golang.time import ZERO_TIME_NS, clamp_duration, now_ns as _now_ns, parse_rfc3339_nano
from swarmctl.golang.units import human_duration
from swarmctl.utils.reference import familiar_image
from swarmctl.utils.stringid import truncate_id

__all__ = [
    "render_table_text",
    "ellipsis",
    "natural_less",
    "natural_sort",
    "truncate_id",
    "pretty_print",
    "familiar_image",
    "service_mode",
    "service_replicas",
    "service_ports",
    "task_ports",
    "task_name",
    "task_current_state",
    "task_error",
    "node_display_name",
    "ServiceRow",
    "TaskRow",
    "service_rows",
    "task_rows",
    "sort_tasks",
    "LS_COLUMNS",
    "PS_COLUMNS",
    "LS_HEADERS",
    "PS_HEADERS",
    "LS_DEFAULT_TABLE_FORMAT",
    "PS_DEFAULT_TABLE_FORMAT",
    "render_default_table",
    "render_quiet",
    "render_raw",
    "render_json_lines",
]


def ellipsis(s: str, max_display_width: int) -> str:
    """Docker's ``formatter.Ellipsis``: cut ``s`` to ``max_display_width``
    columns, the last one being ``…``."""
    if max_display_width <= 0:
        return ""
    if max_display_width == 1:
        return s[:1]
    if s.isascii():
        if len(s) <= max_display_width:
            return s
        return s[: max_display_width - 1] + "\u2026"
    display = []
    total = 0
    for ch in s:
        total += x_text_width(ch)
        display.append(total)
    if total <= max_display_width:
        return s
    for i in range(len(display)):
        if display[i] <= max_display_width - 1 and display[i + 1] > max_display_width - 1:
            return s[: i + 1] + "\u2026"
    return s


# docker's table parameters (formatter.Context): columns at least 10 wide, 3 blanks after
# the widest cell
_TABLE_MINWIDTH = 10
_TABLE_PADDING = 3


def render_table_text(header: str, rows: Iterable[str]) -> str:
    """What ``formatter.Context`` does for a ``table …`` format: the header
    line, then each rendered row followed by ``\\n``, all through the
    tabwriter. ``header`` and ``rows`` are template outputs containing TABs."""
    tw = TabWriter(minwidth=_TABLE_MINWIDTH, padding=_TABLE_PADDING)
    tw.write(header)
    tw.write("\n")
    tw.write("".join(r + "\n" for r in rows))
    return tw.flush()


# ---------------------------------------------------------------------------
# Small value helpers


def _isdigit(b: int) -> bool:
    return 48 <= b <= 57


def natural_less(s1: str, s2: str) -> bool:
    """fvbommel/sortorder ``NaturalLess``: byte-wise, except digit runs
    compare numerically (fewer leading zeros first on a tie) and digits sort
    before non-digits."""
    b1 = s1.encode("utf-8", "surrogatepass")
    b2 = s2.encode("utf-8", "surrogatepass")
    n1, n2 = len(b1), len(b2)
    i1 = i2 = 0
    while i1 < n1 and i2 < n2:
        c1, c2 = b1[i1], b2[i2]
        d1, d2 = _isdigit(c1), _isdigit(c2)
        if d1 != d2:
            return d1
        if not d1:
            if c1 != c2:
                return c1 < c2
            i1 += 1
            i2 += 1
            continue
        while i1 < n1 and b1[i1] == 48:
            i1 += 1
        while i2 < n2 and b2[i2] == 48:
            i2 += 1
        nz1, nz2 = i1, i2
        while i1 < n1 and _isdigit(b1[i1]):
            i1 += 1
        while i2 < n2 and _isdigit(b2[i2]):
            i2 += 1
        l1, l2 = i1 - nz1, i2 - nz2
        if l1 != l2:
            return l1 < l2
        r1, r2 = b1[nz1:i1], b2[nz2:i2]
        if r1 != r2:
            return r1 < r2
        if nz1 != nz2:
            return nz1 < nz2
    return n1 < n2


# Splits UTF-8 bytes into [text, zeros, digits, text, zeros, digits, ..., text]: a bytes
# pattern, so only ASCII digits count, as in natural_less.
_DIGIT_RUN = re.compile(rb"(?=[0-9])(0*)([0-9]*)")


def natural_key(s: str) -> tuple:
    """A sort key with ``natural_less``'s order: bytes compare as bytes, digit runs by value
    (then fewer leading zeros first), digits before other bytes, a prefix first.

    The key alternates text runs and digit runs, so equal positions hold the same kind: a
    text run that is a prefix of the other's sorts first, as the other has either ended or
    goes on with a digit at that point. A digit run is (length without its leading zeros,
    those digits, number of leading zeros): by value, then fewer zeros first."""
    parts = _DIGIT_RUN.split(s.encode("utf-8", "surrogatepass"))
    if len(parts) == 1:
        return (parts[0],)
    key = [parts[0]]
    for i in range(1, len(parts), 3):
        digits = parts[i + 1]
        key += (len(digits), digits, len(parts[i]), parts[i + 2])
    return tuple(key)


def slot_key(service_key: tuple, slot: int) -> tuple:
    """``natural_key("NAME.%d" % slot)`` for a slot above 0, from ``service_key``, the
    natural key of ``"NAME."``: that key ends in a text run (the dot), so the slot's
    digits (no leading zero) are one more digit run, and an empty text run after them.
    Thousands of tasks of one service share their prefix's key instead of each being
    tokenised."""
    digits = ("%d" % slot).encode("ascii")
    return service_key + (len(digits), digits, 0, b"")


def natural_sort(items: Iterable[Any], key=lambda x: x) -> List[Any]:
    """Stable sort of ``items`` by ``key(item)`` in natural order."""
    return sorted(items, key=lambda item: natural_key(key(item)))


def pretty_print(s: Any) -> str:
    """``formatter.PrettyPrint``: first letter upper-cased, rest lower-cased
    (a single letter is lower-cased; ``None`` gives ``"None"``)."""
    if s is None:
        return "None"
    s = str(s)
    if not s:
        return s
    if len(s) == 1:
        return s.lower()
    return s[0].upper() + s[1:].lower()


# -- JSON access helpers -----------------------------------------------------


def _get(obj: Any, *path: str, default: Any = None) -> Any:
    for key in path:
        # decoded JSON is made of dicts: skip the slower ABC check for them
        if type(obj) is not dict and not isinstance(obj, Mapping):
            return default
        obj = obj.get(key)
        if obj is None:
            return default
    return obj


def _uint(v: Any) -> int:
    try:
        return int(v or 0)
    except (TypeError, ValueError):
        return 0


def _time_ns(v: Any) -> int:
    if not v:
        return ZERO_TIME_NS
    try:
        return parse_rfc3339_nano(v)
    except (TypeError, ValueError):
        return ZERO_TIME_NS


# ---------------------------------------------------------------------------
# service ls


def service_mode(service: Mapping) -> str:
    """MODE column: ``replicated``, ``global``, ``replicated job``,
    ``global job`` or empty."""
    mode = _get(service, "Spec", "Mode", default={}) or {}
    if mode.get("Global") is not None:
        return "global"
    if mode.get("Replicated") is not None:
        return "replicated"
    if mode.get("ReplicatedJob") is not None:
        return "replicated job"
    if mode.get("GlobalJob") is not None:
        return "global job"
    return ""


def service_replicas(service: Mapping) -> str:
    """REPLICAS column, from the engine's ``ServiceStatus``."""
    status = service.get("ServiceStatus") or {}
    running = _uint(status.get("RunningTasks"))
    desired = _uint(status.get("DesiredTasks"))
    completed = _uint(status.get("CompletedTasks"))
    mode = _get(service, "Spec", "Mode", default={}) or {}
    if mode.get("ReplicatedJob") is not None:
        total = _uint((mode.get("ReplicatedJob") or {}).get("TotalCompletions"))
        return "%d/%d (%d/%d completed)" % (running, desired, completed, total)
    if mode.get("GlobalJob") is not None:
        return "%d/%d (%d/%d completed)" % (running, desired, completed, desired + completed)
    if mode.get("Global") is None and mode.get("Replicated") is not None:  # service_mode's "replicated"
        max_replicas = _uint(_get(service, "Spec", "TaskTemplate", "Placement", "MaxReplicas"))
        if max_replicas > 0:
            return "%d/%d (max %d per node)" % (running, desired, max_replicas)
    return "%d/%d" % (running, desired)


def _u32(v: int) -> int:
    return v & 0xFFFFFFFF


def _port_range_str(p_start: int, p_end: int, t_start: int, t_end: int, proto: str) -> str:
    pub = "%d-%d" % (p_start, p_end) if p_end > p_start else "%d" % p_start
    tgt = "%d-%d" % (t_start, t_end) if t_end > t_start else "%d" % t_start
    return "*:%s->%s/%s" % (pub, tgt, proto)


def service_ports(service: Mapping) -> str:
    """PORTS column of ``ls``: ingress-published ``Endpoint.Ports``, sorted by
    protocol then published port, merged into ranges, joined by ``", "``."""
    ports = _get(service, "Endpoint", "Ports")
    if ports is None:
        return ""
    items = sorted(
        (
            (
                str(p.get("Protocol") or ""),
                _u32(_uint(p.get("PublishedPort"))),
                _u32(_uint(p.get("TargetPort"))),
                str(p.get("PublishMode") or ""),
            )
            for p in ports
            if isinstance(p, Mapping)
        ),
        key=lambda t: (t[0].encode("utf-8", "surrogatepass"), t[1]),
    )
    out: List[str] = []
    p_start = p_end = t_start = t_end = 0
    proto = ""
    for p_proto, published, target, mode in items:
        if mode != "ingress":
            continue
        is_range = t_end != t_start
        overlaps = target <= t_end
        if (
            p_proto != proto
            or _u32(published - p_end) > 1
            or _u32(target - t_end) > 1
            or (is_range and overlaps)
        ):
            if p_start > 0:
                out.append(_port_range_str(p_start, p_end, t_start, t_end, proto))
            p_start = p_end = published
            t_start = t_end = target
            proto = p_proto
            continue
        p_end = published
        t_end = target
    if p_start > 0:
        out.append(_port_range_str(p_start, p_end, t_start, t_end, proto))
    return ", ".join(out)


class _Row:
    __slots__ = ("raw",)
    FIELDS: Tuple[str, ...] = ()
    HEADERS: Dict[str, str] = {}
    RAW_KEYS: Dict[str, str] = {}
    GO_TYPE = ""

    def as_dict(self) -> Dict[str, str]:
        """Placeholder → value, in column order."""
        return {f: getattr(self, f) for f in self.FIELDS}

    def json(self) -> str:
        """``{{json .}}``: compact, keys sorted, ``<>&`` escaped."""
        return marshal(dict(sorted(self.as_dict().items())))

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return "%s(%s)" % (
            type(self).__name__,
            ", ".join("%s=%r" % (f, getattr(self, f)) for f in self.FIELDS),
        )

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and self.as_dict() == other.as_dict()  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]


class ServiceRow(_Row):
    """One ``service ls`` row. Attributes are the ``--format`` placeholders;
    ``raw`` is the engine's service object."""

    __slots__ = ("ID", "Name", "Mode", "Replicas", "Image", "Ports")
    FIELDS = ("ID", "Name", "Mode", "Replicas", "Image", "Ports")
    HEADERS = {
        "ID": "ID",
        "Name": "NAME",
        "Mode": "MODE",
        "Replicas": "REPLICAS",
        "Image": "IMAGE",
        "Ports": "PORTS",
    }
    RAW_KEYS = {
        "ID": "id",
        "Name": "name",
        "Mode": "mode",
        "Replicas": "replicas",
        "Image": "image",
        "Ports": "ports",
    }
    GO_TYPE = "*service.serviceContext"

    def __init__(self, service: Mapping):
        self.raw = service
        self.ID = truncate_id(str(service.get("ID") or ""))
        self.Name = str(_get(service, "Spec", "Name", default="") or "")
        self.Mode = service_mode(service)
        self.Replicas = service_replicas(service)
        self.Image = familiar_image(
            str(_get(service, "Spec", "TaskTemplate", "ContainerSpec", "Image", default="") or "")
        )
        self.Ports = service_ports(service)


def service_rows(services: Iterable[Mapping]) -> List[ServiceRow]:
    """``service ls`` rows, sorted by service name (natural order)."""
    rows = [ServiceRow(s) for s in services]
    return natural_sort(rows, key=lambda r: r.Name)


# ---------------------------------------------------------------------------
# service ps


def node_display_name(node: Mapping) -> str:
    """How ``ps`` shows a node: ``Spec.Name``, else ``Description.Hostname``,
    else the ID."""
    name = _get(node, "Spec", "Name", default="")
    if name:
        return str(name)
    host = _get(node, "Description", "Hostname", default="")
    if host:
        return str(host)
    return str(node.get("ID") or "")


def task_name(task: Mapping, service_name: str) -> str:
    """``<service>.<slot>``, or ``<service>.<node ID>`` when the slot is 0."""
    slot = _uint(task.get("Slot"))
    if slot != 0:
        return "%s.%d" % (service_name, slot)
    return "%s.%s" % (service_name, task.get("NodeID") or "")


def task_ports(task: Mapping) -> str:
    """PORTS column of ``ps``: the task's host-published ports, joined by
    ``","`` (no blank)."""
    ports = _get(task, "Status", "PortStatus", "Ports") or []
    return ",".join(
        "*:%d->%d/%s"
        % (_uint(p.get("PublishedPort")), _uint(p.get("TargetPort")), p.get("Protocol") or "")
        for p in ports
        if isinstance(p, Mapping)
    )


def task_current_state(task: Mapping, now: Optional[int] = None) -> str:
    """``"Running 5 minutes ago"``."""
    status = _get(task, "Status")
    if type(status) is not dict:  # what the engine sends is a dict; anything else the long way
        status = {"State": _get(status, "State"), "Timestamp": _get(status, "Timestamp")}
    state = _pretty_state(status.get("State") or "")
    ts = status.get("Timestamp") or ""
    if now is None:
        now = _now_ns()
    # humanize.human_duration_since of an engine time, its steps inline (once per task)
    return "%s %s" % (state, human_duration(clamp_duration(now - _time_ns(ts))).lower() + " ago")


# A list of thousands of tasks holds a handful of states and errors: each is worked out once.
_PRETTY_STATES: Dict[str, str] = {}
_TASK_ERRORS: Dict[Tuple[str, bool], str] = {}


def _pretty_state(value: Any) -> str:
    if type(value) is not str:
        return pretty_print(value)
    shown = _PRETTY_STATES.get(value)
    if shown is None:
        if len(_PRETTY_STATES) > 256:  # bounded for a long ``ps --watch``
            _PRETTY_STATES.clear()
        shown = _PRETTY_STATES[value] = pretty_print(value)
    return shown


def task_error(task: Mapping, trunc: bool = True) -> str:
    err = str(_get(task, "Status", "Err", default="") or "")
    shown = _TASK_ERRORS.get((err, trunc))
    if shown is None:
        if len(_TASK_ERRORS) > 1024:  # bounded for a long ``ps --watch``
            _TASK_ERRORS.clear()
        cut = ellipsis(err, 30) if trunc else err
        shown = _TASK_ERRORS[(err, trunc)] = '"%s"' % cut if cut else ""
    return shown


class TaskRow(_Row):
    """One ``service ps`` row. Attributes are the ``--format`` placeholders;
    ``raw`` is the engine's task object, ``plain_name`` the name without the
    history prefix."""

    __slots__ = ("ID", "Name", "Image", "Node", "DesiredState", "CurrentState",
                 "Error", "Ports", "plain_name")
    FIELDS = ("ID", "Name", "Image", "Node", "DesiredState", "CurrentState", "Error", "Ports")
    HEADERS = {
        "ID": "ID",
        "Name": "NAME",
        "Image": "IMAGE",
        "Node": "NODE",
        "DesiredState": "DESIRED STATE",
        "CurrentState": "CURRENT STATE",
        "Error": "ERROR",
        "Ports": "PORTS",
    }
    RAW_KEYS = {
        "ID": "id",
        "Name": "name",
        "Image": "image",
        "Node": "node",
        "DesiredState": "desired_state",
        "CurrentState": "current_state",
        "Error": "error",
        "Ports": "ports",
    }
    GO_TYPE = "*task.taskContext"

    def __init__(self, task: Mapping, name: str, node: str, *, trunc: bool = True,
                 now: Optional[int] = None):
        self.raw = task
        self.plain_name = name
        tid = str(task.get("ID") or "")
        self.ID = truncate_id(tid) if trunc else tid
        self.Name = name
        image = str(_get(task, "Spec", "ContainerSpec", "Image", default="") or "")
        self.Image = familiar_image(image) if trunc else image
        self.Node = node
        self.DesiredState = _pretty_state(task.get("DesiredState") or "")
        self.CurrentState = task_current_state(task, now)
        self.Error = task_error(task, trunc)
        self.Ports = task_ports(task)


def sort_tasks(tasks: Iterable[Mapping], names: Sequence[str],
               keys: Optional[Dict[str, tuple]] = None) -> List[int]:
    """Indices of ``tasks`` in ``ps`` order: stable, by generated task name
    (natural order), then newest ``CreatedAt`` first. ``keys`` may hold the
    ``natural_key`` of some names already."""
    tasks = list(tasks)
    created = [_time_ns(t.get("CreatedAt")) for t in tasks]

    keys = {} if keys is None else keys
    for name in names:
        if name not in keys:
            keys[name] = natural_key(name)
    return sorted(range(len(tasks)), key=lambda i: (keys[names[i]], -created[i]))


def task_rows(
    tasks: Iterable[Mapping],
    service_names: Optional[Mapping[str, str]] = None,
    node_names: Optional[Mapping[str, str]] = None,
    *,
    no_resolve: bool = False,
    trunc: bool = True,
    table: bool = True,
    now: Optional[int] = None,
) -> List[TaskRow]:
    """``service ps`` rows in display order.

    ``service_names`` maps service ID → name and ``node_names`` node ID →
    display name (see :func:`node_display_name`); an ID missing from a map
    is shown as the ID itself (Docker's resolver falls back silently).
    ``no_resolve`` ignores both maps. ``trunc=False`` is ``--no-trunc``
    (and ``-q``). ``table`` adds the `` \\_ `` prefix to history rows, as
    Docker does for ``table`` formats only. ``now`` (Unix ns) fixes the
    clock for CURRENT STATE.
    """
    tasks = list(tasks)
    if now is None:
        now = _now_ns()
    snames = {} if no_resolve or service_names is None else service_names
    nnames = {} if no_resolve or node_names is None else node_names
    names = []
    keys: Dict[str, tuple] = {}  # name -> natural_key(name), for the sort
    service_keys: Dict[str, tuple] = {}  # service name -> natural_key(service name + ".")
    for t in tasks:
        sid = str(t.get("ServiceID") or "")
        service_name = snames.get(sid, sid)
        slot = _uint(t.get("Slot"))
        if slot <= 0:
            names.append(task_name(t, service_name))
            continue
        name = "%s.%d" % (service_name, slot)  # task_name's
        names.append(name)
        if name not in keys:
            base = service_keys.get(service_name)
            if base is None:
                base = service_keys[service_name] = natural_key(service_name + ".")
            keys[name] = slot_key(base, slot)
    order = sort_tasks(tasks, names, keys)
    rows: List[TaskRow] = []
    prev = None
    indent = " \\_ " if table else ""
    for i in order:
        t = tasks[i]
        name = names[i]
        shown = indent + name if (prev is not None and name == prev) else name
        prev = name
        nid = str(t.get("NodeID") or "")
        row = TaskRow(t, shown, nnames.get(nid, nid), trunc=trunc, now=now)
        row.plain_name = name
        rows.append(row)
    return rows


# ---------------------------------------------------------------------------
# Built-in formats

LS_COLUMNS: Tuple[Tuple[str, str], ...] = tuple((f, ServiceRow.HEADERS[f]) for f in ServiceRow.FIELDS)
PS_COLUMNS: Tuple[Tuple[str, str], ...] = tuple((f, TaskRow.HEADERS[f]) for f in TaskRow.FIELDS)
LS_HEADERS: Dict[str, str] = dict(ServiceRow.HEADERS)
PS_HEADERS: Dict[str, str] = dict(TaskRow.HEADERS)
LS_DEFAULT_TABLE_FORMAT = "table {{.ID}}\t{{.Name}}\t{{.Mode}}\t{{.Replicas}}\t{{.Image}}\t{{.Ports}}"
PS_DEFAULT_TABLE_FORMAT = (
    "table {{.ID}}\t{{.Name}}\t{{.Image}}\t{{.Node}}\t{{.DesiredState}}"
    "\t{{.CurrentState}}\t{{.Error}}\t{{.Ports}}"
)


def _columns_for(rows: Sequence[_Row], columns) -> Sequence[Tuple[str, str]]:
    if columns is not None:
        return columns
    if rows:
        cls = type(rows[0])
        return tuple((f, cls.HEADERS[f]) for f in cls.FIELDS)
    raise ValueError("columns are required when there are no rows")


def render_default_table(rows: Sequence[_Row], columns: Optional[Sequence[Tuple[str, str]]] = None) -> str:
    """The default ``table`` output: header + one line per row through the
    tabwriter. ``columns`` is a sequence of (placeholder, header), e.g.
    :data:`LS_COLUMNS` / :data:`PS_COLUMNS` (needed when ``rows`` is empty)."""
    cols = _columns_for(rows, columns)
    header = "\t".join(h for _, h in cols)
    fields = [f for f, _ in cols]
    if len(fields) < 2:  # attrgetter gives a tuple only for two names or more
        lines = ("\t".join(getattr(r, f) for f in fields) for r in rows)
    else:
        cells_of = operator.attrgetter(*fields)  # a tuple of the row's cells
        table = [cells_of(r) for r in rows]
        aligned = _aligned(tuple(h for _, h in cols), table)
        if aligned is not None:
            return aligned
        lines = ("\t".join(cells) for cells in table)
    return render_table_text(header, lines)


_CELL_ENDS = ("\t", "\n", "\v", "\f")


def _aligned(header: Tuple[str, ...], table: List[Tuple[str, ...]]) -> Optional[str]:
    """What the tabwriter makes of a header and rows of the same number of cells when no
    cell holds a character that ends a cell: each column is then a single block, as wide
    as its widest cell plus the padding (at least the minimum width), and the last cell
    of a line is written as it is. Widths are the tabwriter's own (terminal columns);
    a column of printable ASCII is padded by a ``%-Ns`` of one format per line. None when
    a cell ends a cell (the tabwriter then does the general case)."""
    columns = list(zip(header, *table))
    formats = []
    padded = False
    for index, column in enumerate(columns):
        text = "".join(column)
        if any(end in text for end in _CELL_ENDS):
            return None
        if index == len(columns) - 1:
            formats.append("%s\n")
        elif text.isascii() and text.isprintable():
            formats.append("%%-%ds" % max(_TABLE_MINWIDTH, max(map(len, column)) + _TABLE_PADDING))
        else:
            cell_widths = [len(c) if c.isascii() and c.isprintable() else display_width(c)
                           for c in column]
            width = max(_TABLE_MINWIDTH, max(cell_widths) + _TABLE_PADDING)
            columns[index] = [c + " " * (width - w) for c, w in zip(column, cell_widths)]
            formats.append("%s")
            padded = True
    if padded:
        header, *table = zip(*columns)
    line = "".join(formats)
    return "".join([line % cells for cells in (header, *table)])


def render_quiet(rows: Iterable[_Row]) -> str:
    """``-q``: ``{{.ID}}`` per row (ls rows carry 12-char IDs, ps rows built
    with ``trunc=False`` full IDs)."""
    return "".join(r.ID + "\n" for r in rows)


def render_raw(rows: Iterable[_Row], quiet: bool = False) -> str:
    """``--format raw``: ``key: value`` lines then an empty line per row
    (``-q``: only ``id: …`` lines)."""
    out = []
    for r in rows:
        if quiet:
            out.append("id: %s\n" % r.ID)
            continue
        out.append("".join("%s: %s\n" % (r.RAW_KEYS[f], getattr(r, f)) for f in r.FIELDS))
        out.append("\n")
    return "".join(out)


def render_json_lines(rows: Iterable[_Row]) -> str:
    """``--format json``: one compact JSON object per row."""
    return "".join(r.json() + "\n" for r in rows)
