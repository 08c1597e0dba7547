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
"""
from __future__ import annotations

import sys
import time

import click

from swarmctl.cli import complete, exitcodes
from swarmctl.cli.errors import CliError, require_arguments
from swarmctl.cli.flags import DockerCommand, DockerOption, Flag, PflagBoolOption

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
]


@click.command("logs", cls=DockerCommand, params=_PARAMS,
               short_help="Fetch the logs of a service or task")
@click.argument("target", nargs=-1, metavar="SERVICE|TASK", shell_complete=complete.services_and_tasks)
@click.pass_context
def command(ctx, details, follow, no_resolve, no_task_ids, no_trunc, raw, since, tail,
            timestamps, target):
    """Fetch the logs of a service or task.

    Container stdout goes to stdout and container stderr to stderr, each line prefixed
    with SERVICE.SLOT.TASK@NODE unless --raw. With -f the command runs until Ctrl-C
    (exit 130) or until the reader of a pipe goes away (exit 0).
    """
    require_arguments(ctx, target, exactly=1)
    options = LogsOptions(
        target=target[0], details=bool(details), follow=bool(follow),
        no_resolve=bool(no_resolve), no_task_ids=bool(no_task_ids), no_trunc=bool(no_trunc),
        raw=bool(raw), since=since or "", tail="all" if tail is None else tail,
        timestamps=bool(timestamps),
    )
    try:
        return run_logs(ctx.obj.api, options)
    except KeyboardInterrupt:
        # docker: exit 130 and not a byte more (click's Abort path would add blank lines).
        ctx.exit(exitcodes.INTERRUPTED)


class LogsOptions:
    def __init__(self, target, details=False, follow=False, no_resolve=False,
                 no_task_ids=False, no_trunc=False, raw=False, since="", tail="all",
                 timestamps=False):
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


def run_logs(api, opts):
    from swarmctl.cli.timestamps import SinceError, get_timestamp
    from swarmctl.cli.values import go_trim_space
    from swarmctl.errors import NotFound
    from swarmctl.output import logprefix

    ref = go_trim_space(opts.target)
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

    params = {"timestamps": opts.timestamps, "follow": opts.follow, "tail": opts.tail,
              # The prefix is built from the details the engine adds, so ask for them.
              "details": opts.details or not opts.raw}
    if opts.since != "":
        try:
            params["since"] = get_timestamp(opts.since, time.time_ns())
        except SinceError as error:
            # ServiceLogs wraps the error, TaskLogs does not (docker's client).
            prefix = 'invalid value for "since": ' if service is not None else ""
            raise CliError(prefix + str(error)) from None

    formatter = None
    if not tty and not opts.raw:
        resolver = _Resolver(api, opts, width, service, task)
        formatter = logprefix.LineFormatter(resolver.context, timestamps=opts.timestamps,
                                            details=opts.details)
    # docker's client trims the reference to look a service up, but not a task.
    kind, reference = ("services", ref) if service is not None else ("tasks", opts.target)
    stream = api.log_chunks(kind, reference, **params)
    try:
        _copy(stream, tty, formatter, opts.follow)
    finally:
        stream.close()
    return 0


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
    from swarmctl.errors import DaemonStreamError
    from swarmctl.output.logprefix import LogFormatError

    out = _binary_stream(sys.stdout)
    err = _binary_stream(sys.stderr)
    try:
        live = follow or sys.stdout.isatty()
    except (AttributeError, ValueError):
        live = follow
    done = False
    try:
        if tty:
            for chunk in chunks:
                out.write(chunk)
                if live:
                    out.flush()
        else:
            try:
                _copy_frames(chunks, out, err, formatter, live)
            except (LogFormatError, DaemonStreamError) as error:
                raise CliError(str(error)) from None
        done = True
    finally:
        if done:
            out.flush()  # a closed pipe raises here, main turns it into exit 0
            err.flush()
        else:
            # Leaving on an error or Ctrl-C: keep what was received, report the cause.
            for stream in (out, err):
                try:
                    stream.flush()
                except (OSError, ValueError):
                    pass


def _copy_frames(chunks, out, err, formatter, live):
    """Write each frame to the stream it came from; flush once per chunk when live."""
    from swarmctl.transport.multiplex import STDERR, iter_frame_batches

    fmt = formatter.format if formatter is not None else None
    last = None
    for frames in iter_frame_batches(chunks):
        for stream_id, payload in frames:
            sink = err if stream_id == STDERR else out
            if sink is not last:
                if last is not None:
                    last.flush()  # keep docker's stdout/stderr interleaving
                last = sink
            sink.write(fmt(payload) if fmt is not None else payload)
        if live and last is not None:
            last.flush()
