"""The task prefix ``docker service logs`` puts in front of every log line (Docker CLI 28.2).

Pure functions on bytes; the command (``swarmctl.cli.commands.logs``) supplies the name
look-ups. What docker does, and so what this module reproduces byte for byte:

* The engine is asked for ``details=1``; every frame payload then reads
  ``[<timestamp> ]<details> <message>`` where ``<details>`` is ``k=v`` pairs joined by
  ``,``, keys and values URL-query-escaped, including the three swarm keys
  ``com.docker.swarm.{node,service,task}.id``.
* The payload is split on the first one (two with ``-t``) blanks; the details are
  decoded with Go's ``url.QueryUnescape`` (``+`` is a blank); the swarm keys give the
  context, ``<service>.<slot>[.<task id>]@<node><padding>``.
* Output: ``[<timestamp> ]<context>    | [<other details sorted, joined by ",">␠]<message>``.
  The message bytes are copied unchanged: one output piece per frame, so a line the
  engine split into 16 KiB pieces gets a prefix per piece, and a piece without a final
  newline runs into the next prefix (docker does exactly that).
* ``<padding>``: blanks so slots line up, ``width - digits(slot)`` (never negative), where
  width is the number of digits of the service's replica count (1 for global services
  and jobs, the target task's own slot for a task target).

On a terminal (swarmctl, not docker): each task's prefix in its own colour, assigned in
the order tasks first log (``PALETTE``, cycling, as compose colours containers; no red), and
on stderr lines the ``|`` in bold red. Only the prefix is coloured and the colour is reset
before the message: its bytes (escape sequences included) are copied as they are. Which
stream gets colours is the caller's choice (a terminal, no ``NO_COLOR``, no ``TERM=dumb``);
without colours the formatter is the one above, byte for byte.

Errors carry docker's message text (``invalid context in log message: ...``,
``invalid details format``, ``invalid URL escape "%zz"``, ``missing node id in details:
map[...]``).
"""
from __future__ import annotations

from swarmctl.golang import url
from swarmctl.utils.stringid import truncate_id

NODE_KEY = b"com.docker.swarm.node.id"
SERVICE_KEY = b"com.docker.swarm.service.id"
TASK_KEY = b"com.docker.swarm.task.id"

SEPARATOR = b"    | "

# SGR colours for task prefixes: cyan, yellow, green, magenta, blue, then their bright forms.
PALETTE = (b"36", b"33", b"32", b"35", b"34", b"96", b"93", b"92", b"95", b"94")
RESET = b"\x1b[0m"
STDERR_MARK = b"\x1b[1;31m|" + RESET  # the separator of a stderr line

# A details token names one task (plus its log attributes): a few per task at most.
# The bound only protects a follow that runs for months over thousands of restarts.
_CACHE_LIMIT = 4096


class LogFormatError(ValueError):
    """A frame docker's CLI refuses; ``str(error)`` is docker's message (exit 1)."""


def _text(raw):
    return raw.decode("utf-8", "surrogateescape") if isinstance(raw, (bytes, bytearray)) else raw


def query_unescape(raw: bytes) -> bytes:
    """Go's ``url.QueryUnescape`` on bytes; a bad escape is docker's ``invalid URL escape "%zz"``."""
    try:
        return url.query_unescape(raw)
    except url.EscapeError as error:
        raise LogFormatError(str(error)) from None


def parse_log_details(token: bytes) -> dict:
    """docker's ``logs.ParseLogDetails``: ``k=v,l=w`` -> {k: v} (bytes, unescaped).

    Later duplicates win (a Go map); a pair without ``=`` or with an empty key (before
    unescaping) is ``invalid details format``.
    """
    details = {}
    for pair in token.split(b","):
        key, sep, value = pair.partition(b"=")
        if not sep or not key:
            raise LogFormatError("invalid details format")
        details[query_unescape(key)] = query_unescape(value)
    return details


def go_map_string(details: dict) -> str:
    """Go's ``%v`` of a ``map[string]string``: ``map[k1:v1 k2:v2]``, keys sorted."""
    items = " ".join(f"{_text(k)}:{_text(v)}" for k, v in sorted(details.items()))
    return f"map[{items}]"


def take_context(details: dict):
    """docker's ``parseContext``: pop the three swarm keys, in docker's order and words."""
    ids = []
    for key, what in ((NODE_KEY, "node"), (SERVICE_KEY, "service"), (TASK_KEY, "task")):
        if key not in details:
            raise LogFormatError(f"missing {what} id in details: {go_map_string(details)}")
        ids.append(_text(details.pop(key)))
    return tuple(ids)


def format_details(details: dict) -> bytes:
    """The ``--details`` part after ``| ``: the remaining pairs as ``k=v`` sorted byte-wise
    (Go's sort.Strings), joined by ``,``, then a blank -- also when there are none."""
    return b",".join(sorted(k + b"=" + v for k, v in details.items())) + b" "


def digits(number: int) -> int:
    """``len(strconv.Itoa(n))``: the width docker gives a slot or replica count."""
    return len(str(number))


def service_width(spec: dict) -> int:
    """The slot width for a service target: digits of ``Mode.Replicated.Replicas`` when the
    spec has it, else 1 (global services, jobs)."""
    replicated = ((spec or {}).get("Mode") or {}).get("Replicated")
    if isinstance(replicated, dict) and replicated.get("Replicas") is not None:
        return digits(int(replicated["Replicas"]))
    return 1


def context_label(service_name: str, slot: int, task_id: str, node_name: str, *,
                  width: int = 1, no_trunc: bool = False, no_task_ids: bool = False) -> str:
    """``<service>.<slot>[.<task id>]@<node><padding>`` (docker's taskFormatter.format)."""
    name = f"{service_name}.{slot}"
    if not no_task_ids:
        name += "." + (task_id if no_trunc else truncate_id(task_id))
    return name + "@" + node_name + " " * max(0, width - digits(slot))


class LineFormatter:
    """Turns frame payloads into docker's output bytes.

    ``context_for(node_id, service_id, task_id)`` returns the context label (it does the
    name look-ups; called once per distinct context). Heads (context, separator and the
    ``--details`` text) are cached by the raw details token, so a frame costs two finds, a
    dict look-up and one concatenation.
    """

    def __init__(self, context_for, timestamps=False, details=False, colour_stdout=False,
                 colour_stderr=False):
        self._context_for = context_for
        self._timestamps = timestamps
        self._details = details
        self._heads = {}
        self._labels = {}
        self._colours = {}  # task ID -> SGR colour, in the order tasks first log
        #: format() for stdout and for stderr frames: the plain one unless coloured.
        self.format_stdout = self._coloured(stderr=False) if colour_stdout else self.format
        self.format_stderr = self._coloured(stderr=True) if colour_stderr else self.format

    def format(self, payload: bytes) -> bytes:
        if self._timestamps:
            first = payload.find(b" ")
            second = payload.find(b" ", first + 1) if first >= 0 else -1
            if second < 0:
                raise self._invalid(payload)
            token = payload[first + 1:second]
            head = self._heads.get(token)
            if head is None:
                head = self._head(token)
            return payload[:first + 1] + head + payload[second + 1:]
        cut = payload.find(b" ")
        if cut < 0:
            raise self._invalid(payload)
        token = payload[:cut]
        head = self._heads.get(token)
        if head is None:
            head = self._head(token)
        return head + payload[cut + 1:]

    @staticmethod
    def _invalid(payload):
        return LogFormatError(f"invalid context in log message: {_text(payload)}")

    def _parts(self, token: bytes):
        """(context, label, details text) of a details token."""
        details = parse_log_details(token)
        context = take_context(details)
        label = self._labels.get(context)
        if label is None:
            label = self._context_for(*context).encode("utf-8", "surrogateescape")
            if len(self._labels) >= _CACHE_LIMIT:
                self._labels.clear()
            self._labels[context] = label
        return context, label, format_details(details) if self._details else b""

    def _head(self, token: bytes) -> bytes:
        _context, label, details = self._parts(token)
        head = label + SEPARATOR + details
        if len(self._heads) >= _CACHE_LIMIT:
            self._heads.clear()
        self._heads[token] = head
        return head

    def colour_of(self, task_id) -> bytes:
        """The task's SGR colour: the next in PALETTE the first time it is seen."""
        colour = self._colours.get(task_id)
        if colour is None:
            colour = PALETTE[len(self._colours) % len(PALETTE)]
            self._colours[task_id] = colour
        return colour

    def _coloured(self, stderr):
        """A format() whose heads are coloured (their own cache: the other stream may be
        plain)."""
        heads = {}
        separator = SEPARATOR[:-2]  # the blanks before "|"

        def head_of(token):
            head = heads.get(token)
            if head is None:
                context, label, details = self._parts(token)
                start = b"\x1b[" + self.colour_of(context[2]) + b"m" + label + separator
                if stderr:
                    head = start + RESET + STDERR_MARK + b" " + details
                else:
                    head = start + b"|" + RESET + b" " + details
                if len(heads) >= _CACHE_LIMIT:
                    heads.clear()
                heads[token] = head
            return head

        def format_coloured(payload: bytes) -> bytes:
            if self._timestamps:
                first = payload.find(b" ")
                second = payload.find(b" ", first + 1) if first >= 0 else -1
                if second < 0:
                    raise self._invalid(payload)
                return (payload[:first + 1] + head_of(payload[first + 1:second])
                        + payload[second + 1:])
            cut = payload.find(b" ")
            if cut < 0:
                raise self._invalid(payload)
            return head_of(payload[:cut]) + payload[cut + 1:]

        return format_coloured
