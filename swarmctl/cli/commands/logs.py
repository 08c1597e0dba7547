"""swarmctl logs SERVICE|TASK: ``docker service logs``, byte for byte when piped.

What happens, in docker's order (Docker CLI 28.2.2, see the module docstring of
``swarmctl.output.logprefix`` for the line format):

1. ``GET /services/<ref>?insertDefaults=false`` (ref trimmed of white space); on 404
   ``GET /tasks/<ref>``; on 404 again ``no such task or service: <ref as typed>``.
2. A TTY service (or task) without ``--raw`` -> ``tty service logs only supported with
   --raw``, before any log request.
3. ``--since`` is converted (docker's ``GetTimestamp``: Go durations, RFC 3339 and
   shorter date/time forms, Unix timestamps); a bad value fails here, with the
   ``invalid value for "since": `` prefix for a service and without it for a task (the
   two client calls differ, and so do their messages).
4. ``GET /services/<ref>/logs`` (trimmed) or ``GET /tasks/<ref>/logs`` (as typed, like
   docker) with ``stdout=1&stderr=1&tail=..`` and ``details=1`` unless ``--raw``.
5. The multiplexed stream is copied frame by frame: stdout frames to stdout, stderr
   frames to stderr, each with the task prefix unless ``--raw``; a TTY body is copied as
   is. Nothing accumulates: a frame is written as soon as it is decoded.

Name look-ups: one ``GET /nodes/<id>``, ``GET /services/<id>`` and ``GET /tasks/<id>``
per distinct node, service and task that logged, each made once per invocation, never
per line (the service and task the target resolved to are not fetched again).

Output buffering: without ``-f``, writes are buffered (fast for huge logs); the other
stream is flushed whenever the stream switches, so ``2>&1`` keeps docker's interleaving.
With ``-f`` (or a terminal on stdout) everything received is flushed before waiting for
more data from the engine. Ctrl-C ends with exit 130 and no message; a closed pipe
(``| head -1``) ends quietly with exit 0 (both handled in ``swarmctl.cli.main``).

swarmctl extensions (without them, behaviour and bytes are docker's):

* Colour on a terminal: when stdout (stderr) is a terminal, ``NO_COLOR`` is unset or empty
  and ``TERM`` is not ``dumb``, the prefixes of the lines written there are coloured, one
  colour per task, and a stderr line's ``|`` is bold red (``swarmctl.output.logprefix``).
  The message bytes are never touched; piped output is docker's, byte for byte.

* ``--sort``: lines of all tasks in timestamp order (docker/cli#4976). The engine is asked
  for ``timestamps=1``; they are stripped again without ``-t``. Without ``-f``: each
  task's own stream (``GET /tasks/<id>/logs``, tasks never scheduled skipped) merged
  exactly (``swarmctl.service.logmerge.merge_sorted``, one frame per task in memory). With ``-f``:
  the service stream through a 1 s reorder window (at most 10,000 lines held).
  Refused for a TTY service or task.
* ``--until-removed`` (with ``-f``): the engine's follow stream already carries the lines
  of tasks that replace failed ones (observed on 20.10), but stays open forever after
  ``service rm`` (docker waits forever). The service is looked up every second; once it
  is gone, what was received is written, ``service NAME has been removed`` goes to
  stderr, exit 0. Not the default: docker's endless wait is pinned by the differential
  tests, and a removal check costs one request a second.
"""
from __future__ import annotations

import queue
import sys
import threading
import time
from contextlib import contextmanager

import click

from swarmctl.cli import exitcodes
from swarmctl.cli.completion import candidates
from swarmctl.cli.errors import CliError, require_arguments
from swarmctl.cli.options import DockerCommand, DockerOption, PflagBoolOption
from swarmctl.golang.strings import trim_space
from swarmctl.output import console
from swarmctl.service.flags import Flag

_LOGS = frozenset(("logs",))


def _option(name, kind, help, short=None, default=None):
    flag = Flag(name=name, kind=kind, help=help, commands=_LOGS, short=short, default=default)
    cls = PflagBoolOption if kind == "bool" else DockerOption
    return cls(flag, "logs")


# docker's flags, in its --help order.
_PARAMS = [
    _option("details", "bool", "Show extra details provided to logs"),
    _option("follow", "bool", "Follow log output", short="f"),
    _option("no-resolve", "bool", "Do not map IDs to Names in output"),
    _option("no-task-ids", "bool", "Do not include task IDs in output"),
    _option("no-trunc", "bool", "Do not truncate output"),
    _option("raw", "bool", "Do not neatly format logs"),
    _option("since", "string",
            'Show logs since timestamp (e.g. "2013-01-02T13:23:37Z") or relative '
            '(e.g. "42m" for 42 minutes)'),
    _option("tail", "string", "Number of lines to show from the end of the logs",
            short="n", default='"all"'),
    _option("timestamps", "bool", "Show timestamps", short="t"),
    # swarmctl extensions (not in docker): see the module docstring.
    _option("sort", "bool", "Merge the lines of all tasks in timestamp order"),
    _option("until-removed", "bool",
            "With --follow, end (exit 0) when the service is removed"),
]


@click.command("logs", cls=DockerCommand, params=_PARAMS,
               short_help="Fetch the logs of a service or task")
@click.argument("target", nargs=-1, metavar="SERVICE|TASK", shell_complete=candidates.services_and_tasks)
@click.pass_context
def command(ctx, details, follow, no_resolve, no_task_ids, no_trunc, raw, since, tail,
            timestamps, sort, until_removed, target):
    """Fetch the logs of a service or task.

    Container stdout goes to stdout and container stderr to stderr, each line prefixed
    with SERVICE.SLOT.TASK@NODE unless --raw. With -f the command runs until Ctrl-C
    (exit 130), until the reader of a pipe goes away (exit 0), or with --until-removed
    until the service is removed (exit 0). --sort orders the lines of all tasks by time.
    """
    require_arguments(ctx, target, exactly=1)
    options = LogsOptions(
        target=target[0], details=bool(details), follow=bool(follow),
        no_resolve=bool(no_resolve), no_task_ids=bool(no_task_ids), no_trunc=bool(no_trunc),
        raw=bool(raw), since=since or "", tail="all" if tail is None else tail,
        timestamps=bool(timestamps), sort=bool(sort), until_removed=bool(until_removed),
    )
    try:
        return run_logs(ctx.obj.api, options)
    except KeyboardInterrupt:
        # docker: exit 130 and not a byte more (click's Abort path would add blank lines).
        ctx.exit(exitcodes.INTERRUPTED)


class LogsOptions:
    def __init__(self, target, details=False, follow=False, no_resolve=False,
                 no_task_ids=False, no_trunc=False, raw=False, since="", tail="all",
                 timestamps=False, sort=False, until_removed=False):
        self.target = target
        self.details = details
        self.follow = follow
        self.no_resolve = no_resolve
        self.no_task_ids = no_task_ids
        self.no_trunc = no_trunc
        self.raw = raw
        self.since = since
        self.tail = tail
        self.timestamps = timestamps
        self.sort = sort
        self.until_removed = until_removed


def run_logs(api, opts):
    from swarmctl.service.timestamps import SinceError, get_timestamp
    from swarmctl.errors import NotFound
    from swarmctl.output import logprefix
    from swarmctl.transport.multiplex import iter_frame_batches

    ref = trim_space(opts.target)
    if not ref:
        raise CliError("invalid service name or ID: value is empty")
    service = task = None
    try:
        service = api.inspect_service(ref, insert_defaults=False)
    except NotFound:
        try:
            task = api.inspect_task(ref)
        except NotFound:
            raise CliError(f"no such task or service: {opts.target}") from None

    if service is not None:
        spec = service.get("Spec") or {}
        container = (spec.get("TaskTemplate") or {}).get("ContainerSpec") or {}
        width = logprefix.service_width(spec)
    else:
        container = ((task.get("Spec") or {}).get("ContainerSpec")) or {}
        width = logprefix.digits(int(task.get("Slot") or 0))
    tty = bool(container.get("TTY"))
    if tty and not opts.raw:
        raise CliError("tty service logs only supported with --raw")

    if opts.sort and tty:
        raise CliError("--sort is not supported for a TTY service or task")

    # --sort orders by the engine's timestamps: ask for them, strip them again without -t.
    params = {"timestamps": opts.timestamps or opts.sort, "follow": opts.follow,
              "tail": opts.tail,
              # The prefix is built from the details the engine adds, so ask for them.
              "details": opts.details or not opts.raw}
    if opts.since != "":
        try:
            params["since"] = get_timestamp(opts.since, time.time_ns())
        except SinceError as error:
            # ServiceLogs wraps the error, TaskLogs does not (docker's client).
            prefix = 'invalid value for "since": ' if service is not None else ""
            raise CliError(prefix + str(error)) from None

    formatter = resolver = None
    if not tty and not opts.raw:
        resolver = _Resolver(api, opts, width, service, task)
        formatter = logprefix.LineFormatter(
            resolver.context, timestamps=opts.timestamps, details=opts.details,
            colour_stdout=console.wants_colour(console.stdout_is_terminal()),
            colour_stderr=console.wants_colour(console.stderr_is_terminal()))
    # docker's client trims the reference to look a service up, but not a task.
    kind, reference = ("services", ref) if service is not None else ("tasks", opts.target)
    exists = None
    if opts.follow and opts.until_removed:
        service_id = service.get("ID") if service is not None else task.get("ServiceID")
        exists = _service_exists(api, service_id or ref)
    if opts.sort and not opts.follow and service is not None:
        return _sorted_tasks(api, service, params, formatter, resolver, opts)
    stream = api.log_chunks(kind, reference, **params)
    follower = None
    try:
        if opts.sort:
            if opts.follow:
                follower = _Follower(iter_frame_batches(stream), exists, tick=_TICK)
                batches = _reordered(follower, _WINDOW_NS, _WINDOW_LIMIT)
            else:  # one task: its lines are in time order already
                batches = iter_frame_batches(stream)
            _copy_sorted(batches, formatter, strip=not opts.timestamps, live=opts.follow)
        elif exists is not None:
            follower = _Follower(stream, exists)
            _copy(follower, tty, formatter, opts.follow)
        else:
            _copy(stream, tty, formatter, opts.follow)
    finally:
        if follower is not None:
            follower.close()
            stream.abort()  # its reader thread may be blocked in recv()
        else:
            stream.close()
    if follower is not None and follower.removed:
        name = (service or {}).get("Spec", {}).get("Name") or ref
        sys.stderr.write(f"service {name} has been removed\n")
        sys.stderr.flush()
    return 0


# --sort while following: lines are held this long for lines of other tasks to catch up.
_WINDOW_NS = 1_000_000_000
_WINDOW_LIMIT = 10_000  # lines held at most (constant memory on a flood)
_TICK = 0.1  # seconds between looks at the reorder window when nothing arrives
_POLL = 1.0  # seconds between existence checks with --until-removed


def _service_exists(api, service_id):
    from swarmctl.errors import NotFound

    def exists():
        try:
            api.inspect_service(service_id, insert_defaults=False)
        except NotFound:
            return False
        except Exception:  # noqa: BLE001 - a passing engine hiccup is not a removal
            return True
        return True

    return exists


class _Follower:
    """Reads ``source`` (chunks or frame batches) in a daemon thread and hands its items to
    the caller's thread through a small queue, so the caller can wake up without data: to
    check that the service still exists (``exists``, every ``_POLL`` seconds; on removal
    ``removed`` is set and the iteration ends after what was already received), and, with
    ``tick``, to get ``None`` every ``tick`` seconds of silence. Ctrl-C and a closed pipe
    stay in the caller's thread, so they behave as before. Constant memory (queue of 64).
    """

    def __init__(self, source, exists=None, tick=None, poll=None):
        self._queue = queue.Queue(maxsize=64)
        self._exists = exists
        self._tick = tick
        self._poll = _POLL if poll is None else poll
        self._stop = threading.Event()
        self.removed = False
        threading.Thread(target=self._pump, args=(source,), daemon=True,
                         name="swarmctl-logs-reader").start()

    def _pump(self, source):
        try:
            for item in source:
                if not self._put(("item", item)):
                    return
            self._put(("end", None))
        except BaseException as error:  # noqa: BLE001 - handed to the caller's thread
            self._put(("error", error))

    def _put(self, message):
        while not self._stop.is_set():
            try:
                self._queue.put(message, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def close(self):
        self._stop.set()

    def __iter__(self):
        next_check = time.monotonic() + self._poll
        while True:
            timeout = self._tick
            if self._exists is not None:
                wait = max(0.0, next_check - time.monotonic())
                timeout = wait if timeout is None else min(timeout, wait)
            try:
                kind, value = self._queue.get(timeout=timeout)
            except queue.Empty:
                kind = value = None
            if kind == "item":
                yield value
            elif kind == "end":
                return
            elif kind == "error":
                raise value
            elif self._tick is not None:
                yield None
            if self._exists is not None and time.monotonic() >= next_check:
                if not self._exists():
                    self.removed = True
                    yield from self._drain()
                    return
                next_check = time.monotonic() + self._poll

    def _drain(self):
        while True:
            try:
                kind, value = self._queue.get_nowait()
            except queue.Empty:
                return
            if kind == "item":
                yield value
            elif kind == "error":
                raise value
            else:
                return


def _reordered(follower, window_ns, limit):
    """Frame batches from a live stream, reordered by timestamp within ``window_ns``."""
    from swarmctl.service.logmerge import ReorderWindow, split_timestamp

    window = ReorderWindow(window_ns, limit)
    for batch in follower:
        now = time.monotonic_ns()
        if batch:
            for frame in batch:
                window.push(split_timestamp(frame[1])[0], frame, now)
        ready = window.pop_ready(now)
        if ready:
            yield ready
    rest = window.drain()
    if rest:
        yield rest


def _sorted_tasks(api, service, params, formatter, resolver, opts):
    """--sort without -f: every task's own log stream (each in time order), merged exactly.

    Tasks never scheduled on a node have no logs (the engine answers with an error frame)
    and are skipped. Memory: one frame per task.
    """
    from swarmctl.errors import NotFound
    from swarmctl.service.logmerge import merge_sorted, split_timestamp
    from swarmctl.transport.multiplex import iter_frames

    tasks = [t for t in api.tasks(filters={"service": service["ID"]}) or [] if t.get("NodeID")]
    tasks.sort(key=lambda t: (int(t.get("Slot") or 0), t.get("CreatedAt") or "", t.get("ID") or ""))
    if resolver is not None:
        for task in tasks:  # already fetched: no per-task look-up while printing
            resolver.tasks.setdefault(task["ID"], task)
    streams = []
    try:
        # The streams open several at once (each holds its own connection); a task
        # removed meanwhile (NotFound) is skipped.
        opened = api.concurrently(lambda task: api.log_chunks("tasks", task["ID"], **params),
                                  tasks, catch=(NotFound,))
        streams.extend(stream for stream, missing in opened if missing is None)
        merged = merge_sorted((iter_frames(s) for s in streams),
                              key=lambda frame: split_timestamp(frame[1])[0])
        try:
            live = sys.stdout.isatty()
        except (AttributeError, ValueError):
            live = False
        _copy_sorted(([frame] for frame in merged), formatter, strip=not opts.timestamps,
                     live=live)
    finally:
        for stream in streams:
            stream.close()
    return 0


def _copy_sorted(batches, formatter, strip, live):
    """_copy for batches of timestamped frames: strip the timestamp unless -t, then as
    _copy_frames (stdout/stderr apart, flushed on a switch, and per batch when live)."""
    from swarmctl.transport.multiplex import STDERR

    out = _binary_stream(sys.stdout)
    err = _binary_stream(sys.stderr)
    fmt_out, fmt_err = _formats(formatter)
    last = None
    with _copying(out, err):
        for frames in batches:
            for stream_id, payload in frames:
                if strip:
                    cut = payload.find(b" ")
                    payload = payload[cut + 1:]
                if stream_id == STDERR:
                    sink, fmt = err, fmt_err
                else:
                    sink, fmt = out, fmt_out
                if sink is not last:
                    if last is not None:
                        last.flush()
                    last = sink
                sink.write(fmt(payload) if fmt is not None else payload)
            if live and last is not None:
                last.flush()


@contextmanager
def _copying(out, err):
    """Around a copy of the engine's stream to ``out``/``err``: its errors in docker's words,
    and both streams flushed at the end.

    After a whole copy a closed pipe raises from the flush (main turns it into exit 0).
    Leaving on an error or Ctrl-C, what was received is still written, and a flush that
    fails then must not hide the cause.
    """
    from swarmctl.errors import DaemonStreamError
    from swarmctl.output.logprefix import LogFormatError

    try:
        try:
            yield
        except LogFormatError as error:
            raise CliError(str(error)) from None
        except DaemonStreamError as error:  # the engine's text, its newline kept as docker does
            raise CliError(str(error), verbatim=True) from None
    except BaseException:
        for stream in (out, err):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        raise
    out.flush()
    err.flush()


class _Resolver:
    """docker's taskFormatter + IDResolver, with the same look-ups and the same caching."""

    def __init__(self, api, opts, width, service, task):
        self.api = api
        self.opts = opts
        self.width = width
        self.names = {}  # ID -> name, nodes and services together (docker's IDResolver)
        self.tasks = {}
        # What the target resolution already fetched is not fetched again.
        if service is not None and service.get("ID"):
            self.names[service["ID"]] = ((service.get("Spec") or {}).get("Name")) or ""
        if task is not None and task.get("ID"):
            self.tasks[task["ID"]] = task

    def _name(self, kind, object_id):
        if self.opts.no_resolve:
            return object_id
        name = self.names.get(object_id)
        if name is not None:
            return name
        # docker ignores every look-up error here and shows the ID.
        try:
            if kind == "node":
                node = self.api.inspect_node(object_id)
                name = ((node.get("Spec") or {}).get("Name")
                        or (node.get("Description") or {}).get("Hostname") or object_id)
            else:
                service = self.api.inspect_service(object_id, insert_defaults=False)
                name = (service.get("Spec") or {}).get("Name") or ""
        except Exception:  # noqa: BLE001 - docker's IDResolver: any error -> the ID
            name = object_id
        self.names[object_id] = name
        return name

    def context(self, node_id, service_id, task_id):
        from swarmctl.output import logprefix

        node_name = self._name("node", node_id)
        service_name = self._name("service", service_id)
        task = self.tasks.get(task_id)
        if task is None:
            if not task_id.strip():
                raise CliError("invalid task name or ID: value is empty")
            task = self.api.inspect_task(task_id)
            self.tasks[task_id] = task
        return logprefix.context_label(
            service_name, int(task.get("Slot") or 0), task.get("ID") or "", node_name,
            width=self.width, no_trunc=self.opts.no_trunc, no_task_ids=self.opts.no_task_ids,
        )


class _Discard:
    """Where frames go when the process has no such stream (``2>&-``)."""

    def write(self, data):
        return len(data)

    def flush(self):
        pass


def _binary_stream(stream):
    if stream is None:
        return _Discard()
    return getattr(stream, "buffer", stream)


def _copy(chunks, tty, formatter, follow):
    """Copy the stream to our stdout/stderr as it arrives (docker's io.Copy / StdCopy)."""
    out = _binary_stream(sys.stdout)
    err = _binary_stream(sys.stderr)
    try:
        live = follow or sys.stdout.isatty()
    except (AttributeError, ValueError):
        live = follow
    with _copying(out, err):
        if tty:
            for chunk in chunks:
                out.write(chunk)
                if live:
                    out.flush()
        else:
            _copy_frames(chunks, out, err, formatter, live)


def _copy_frames(chunks, out, err, formatter, live):
    """Write each frame to the stream it came from; flush once per chunk when live."""
    from swarmctl.transport.multiplex import STDERR, iter_frame_batches

    fmt_out, fmt_err = _formats(formatter)
    last = None
    for frames in iter_frame_batches(chunks):
        for stream_id, payload in frames:
            if stream_id == STDERR:
                sink, fmt = err, fmt_err
            else:
                sink, fmt = out, fmt_out
            if sink is not last:
                if last is not None:
                    last.flush()  # keep docker's stdout/stderr interleaving
                last = sink
            sink.write(fmt(payload) if fmt is not None else payload)
        if live and last is not None:
            last.flush()


def _formats(formatter):
    """The formatters of stdout and stderr frames (None, None with --raw)."""
    if formatter is None:
        return None, None
    return formatter.format_stdout, formatter.format_stderr
