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

import re
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

    params = {"stdout": "1", "stderr": "1"}
    if opts.since != "":
        try:
            params["since"] = get_timestamp(opts.since, time.time_ns())
        except SinceError as error:
            # ServiceLogs wraps the error, TaskLogs does not (docker's client).
            prefix = 'invalid value for "since": ' if service is not None else ""
            raise CliError(prefix + str(error)) from None
    if opts.timestamps:
        params["timestamps"] = "1"
    if opts.details or not opts.raw:
        params["details"] = "1"
    if opts.follow:
        params["follow"] = "1"
    params["tail"] = opts.tail

    if service is not None:
        url = api._url("/services/{0}/logs", ref)
    else:
        url = api._url("/tasks/{0}/logs", opts.target)
    # No read timeout: a follow can sit idle for hours, and so can docker.
    response = api._get(url, params=params, stream=True, timeout=(api.timeout, None))
    try:
        api._raise_for_status(response)
        formatter = None
        if not tty and not opts.raw:
            resolver = _Resolver(api, opts, width, service, task)
            formatter = logprefix.LineFormatter(resolver.context, timestamps=opts.timestamps,
                                                details=opts.details)
        _copy(response, tty, formatter, opts.follow)
    finally:
        response.close()
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


def _copy(response, tty, formatter, follow):
    """Copy the body to our stdout/stderr as it arrives (docker's io.Copy / StdCopy)."""
    from swarmctl.output.logprefix import LogFormatError

    out = _binary_stream(sys.stdout)
    err = _binary_stream(sys.stderr)
    try:
        live = follow or sys.stdout.isatty()
    except (AttributeError, ValueError):
        live = follow
    chunks = response.iter_content(chunk_size=None)
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
            except LogFormatError as error:
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


_HEADER_SIZE = 8


def _copy_frames(chunks, out, err, formatter, live):
    """docker's stdcopy.StdCopy: 8-byte headers ([stream, 0, 0, 0, size BE32]), payloads
    written one frame at a time; stream 3 is an engine error that ends the copy."""
    fmt = formatter.format if formatter is not None else None
    last = None
    pending = bytearray()
    need = _HEADER_SIZE
    for chunk in chunks:
        if pending:
            pending += chunk
            if len(pending) < need:
                continue
            data = bytes(pending)
            pending.clear()
        else:
            if len(chunk) < need:
                pending += chunk
                continue
            data = chunk
        pos = 0
        size_all = len(data)
        while True:
            if size_all - pos < _HEADER_SIZE:
                need = _HEADER_SIZE
                break
            stream = data[pos]
            end = pos + _HEADER_SIZE + int.from_bytes(data[pos + 4:pos + 8], "big")
            if stream > 3:
                raise CliError(f"Unrecognized input header: {stream}")
            if end > size_all:
                need = end - pos
                break
            payload = data[pos + _HEADER_SIZE:end]
            pos = end
            if stream == 3:
                raise CliError("error from daemon in stream: "
                               + payload.decode("utf-8", "surrogateescape"))
            sink = err if stream == 2 else out
            if sink is not last:
                if last is not None:
                    last.flush()  # keep docker's stdout/stderr interleaving
                last = sink
            sink.write(fmt(payload) if fmt is not None else payload)
        if pos < size_all:
            pending += memoryview(data)[pos:]
        if live and last is not None:
            last.flush()


# -- --since: docker's timetypes.GetTimestamp ---------------------------------------------


class SinceError(ValueError):
    """``str(error)`` is the message docker prints (before its ``invalid value`` prefix)."""


_RFC3339_LOCAL = "2006-01-02T15:04:05"
_RFC3339_NANO_LOCAL = "2006-01-02T15:04:05.999999999"
_DATE_WITH_ZONE = "2006-01-02Z07:00"
_DATE_LOCAL = "2006-01-02"
_RFC3339 = "2006-01-02T15:04:05Z07:00"
_RFC3339_NANO = "2006-01-02T15:04:05.999999999Z07:00"

# The layout elements Go's nextStdChunk finds in the layouts above.
_STD = re.compile(r"(2006|01|02|15|04|05|\.999999999|Z07:00)")


def _layout_chunks(layout):
    """[(literal prefix, std element or None, ...)] -- Go's nextStdChunk loop, for our layouts."""
    pieces = _STD.split(layout)
    chunks = []
    for i in range(0, len(pieces) - 1, 2):
        chunks.append((pieces[i].encode(), pieces[i + 1]))
    chunks.append((pieces[-1].encode(), None))
    return chunks


def _isdigit(b, i):
    return i < len(b) and 48 <= b[i] <= 57


def _getnum(b, fixed):
    if not _isdigit(b, 0):
        return 0, b, True
    if not _isdigit(b, 1):
        if fixed:
            return 0, b, True
        return b[0] - 48, b[1:], False
    return (b[0] - 48) * 10 + b[1] - 48, b[2:], False


def _parse_nanoseconds(b, nbytes):
    if b[0] not in b".,":
        return 0, "", True
    if nbytes > 10:
        b = b[:10]
        nbytes = 10
    ns = int(b[1:nbytes])  # digits only, counted by the caller
    return ns * 10 ** (10 - nbytes), "", False


def _days_in_month(year, month):
    if month == 2:
        return 29 if (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _days_from_civil(y, m, d):
    y -= 1 if m <= 2 else 0
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


class _GoParseError(Exception):
    def __init__(self, layout, value, layout_elem, value_elem, message):
        from swarmctl.cli.values import _time_quote as quote

        def text(raw):
            return quote(raw.decode("utf-8", "surrogateescape"))

        if message:
            msg = "parsing time " + text(value) + message
        else:
            msg = (f"parsing time {text(value)} as {quote(layout)}: "
                   f"cannot parse {text(value_elem)} as {text(layout_elem)}")
        super().__init__(msg)


def go_time_parse(layout, value, default_offset=0):
    """Go's ``time.Parse`` (``ParseInLocation`` with a fixed zone: ``default_offset``
    seconds east of UTC) for docker's since layouts. Returns Unix nanoseconds; raises
    ``_GoParseError`` with Go's message."""
    from swarmctl.cli.values import _time_quote as quote

    avalue = value.encode("utf-8", "surrogateescape")
    v = avalue
    year, month, day, hour, minute, sec, nsec = 0, -1, -1, 0, 0, 0, 0
    utc = False
    zone_offset = None
    chunks = _layout_chunks(layout)
    for index, (prefix, std) in enumerate(chunks):
        # skip(): the literal must match byte for byte.
        p = prefix
        while p:
            if not v or v[0] != p[0]:
                raise _GoParseError(layout, avalue, prefix, v, "")
            p, v = p[1:], v[1:]
        if std is None:
            if v:
                extra = quote(v.decode("utf-8", "surrogateescape"))
                raise _GoParseError(layout, avalue, b"", v, ": extra text: " + extra)
            break
        hold = v
        bad = False
        range_error = ""
        if std == "2006":
            if len(v) < 4 or not _isdigit(v, 0) or not v[:4].isdigit():
                bad = True
            else:
                year, v = int(v[:4]), v[4:]
        elif std == "01":
            month, v, bad = _getnum(v, True)
            if not bad and not 1 <= month <= 12:
                range_error = "month"
        elif std == "02":
            day, v, bad = _getnum(v, True)
        elif std == "15":
            hour, v, bad = _getnum(v, False)
            if not 0 <= hour < 24:
                range_error = "hour"
        elif std == "04":
            minute, v, bad = _getnum(v, True)
            if not 0 <= minute < 60:
                range_error = "minute"
        elif std == "05":
            sec, v, bad = _getnum(v, True)
            if not bad:
                if not 0 <= sec < 60:
                    range_error = "second"
                elif len(v) >= 2 and v[0] in b".," and _isdigit(v, 1):
                    following = chunks[index + 1][1] if index + 1 < len(chunks) else None
                    if following != ".999999999":
                        n = 2
                        while n < len(v) and _isdigit(v, n):
                            n += 1
                        nsec, range_error, bad = _parse_nanoseconds(v, n)
                        v = v[n:]
        elif std == "Z07:00":
            if v[:1] == b"Z":
                v = v[1:]
                utc = True
            elif len(v) < 6 or v[3] != 0x3A:
                bad = True
            else:
                sign, hh, mm, v = v[0], v[1:3], v[4:6], v[6:]
                hr, _, bad = _getnum(hh, True)
                mi = 0
                if not bad:
                    mi, _, bad = _getnum(mm, True)
                if hr > 24:
                    range_error = "time zone offset hour"
                if mi > 60:
                    range_error = "time zone offset minute"
                zone_offset = (hr * 60 + mi) * 60
                if sign == 0x2D:
                    zone_offset = -zone_offset
                elif sign != 0x2B:
                    bad = True
        elif std == ".999999999" and len(v) >= 2 and v[0] in b".," and _isdigit(v, 1):
            # (otherwise the fraction is omitted)
            i = 0
            while i + 1 < len(v) and _isdigit(v, i + 1):
                i += 1
            nsec, range_error, bad = _parse_nanoseconds(v, 1 + i)
            v = v[1 + i:]
        if range_error:
            raise _GoParseError(layout, avalue, std.encode(), v, ": " + range_error + " out of range")
        if bad:
            raise _GoParseError(layout, avalue, std.encode(), hold, "")
    if month < 0:
        month = 1
    if day < 0:
        day = 1
    if day < 1 or day > _days_in_month(year, month):
        raise _GoParseError(layout, avalue, b"", v, ": day out of range")
    if utc:
        offset = 0
    elif zone_offset is not None:
        offset = zone_offset
    else:
        offset = default_offset
    seconds = _days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + sec - offset
    return seconds * 1_000_000_000 + nsec


def _local_offset(now_ns):
    return time.localtime(now_ns // 1_000_000_000).tm_gmtoff or 0


def get_timestamp(value, now_ns, local_offset=None):
    """docker's ``timetypes.GetTimestamp(value, now)``: the ``since`` query value.

    * a Go duration (not ``"0"``) -> Unix seconds of now - d (``"1700000000"``);
    * an RFC 3339-like date/time -> ``"<seconds>.<9 digits>"`` (local zone when none);
    * a Unix timestamp ``S[.N]`` -> passed through unchanged;
    * otherwise ``SinceError`` with Go's parse error when the value contains ``-``, else
      ``failed to parse value as time or duration: "X"``.
    """
    from swarmctl.cli.values import (
        FlagValueError,
        go_quote,
        parse_go_duration,
        parse_go_int,
    )

    if value != "0":
        try:
            duration = parse_go_duration(value)
        except FlagValueError:
            pass
        else:
            # Go: reference.Add(-d).Unix() (int64 negation wraps)
            minus = -duration if duration != -(1 << 63) else duration
            return str((now_ns + minus) // 1_000_000_000)

    in_location = not any(c in value for c in "zZ+") and value.count("-") != 3
    if "." in value:
        layout = _RFC3339_NANO_LOCAL if in_location else _RFC3339_NANO
    elif "T" in value:
        colons = value.count(":")
        if not in_location and not any(c in value for c in "zZ") and colons > 0:
            colons -= 1
        if in_location:
            layout = ("2006-01-02T15", "2006-01-02T15:04", _RFC3339_LOCAL)[min(colons, 2)]
        else:
            layout = ("2006-01-02T15Z07:00", "2006-01-02T15:04Z07:00", _RFC3339)[min(colons, 2)]
    else:
        layout = _DATE_LOCAL if in_location else _DATE_WITH_ZONE

    if in_location:
        default_offset = _local_offset(now_ns) if local_offset is None else local_offset
    else:
        default_offset = 0
    try:
        unix_ns = go_time_parse(layout, value, default_offset)
    except _GoParseError as error:
        if "-" in value:
            raise SinceError(str(error)) from None
        seconds, dot, fraction = value.partition(".")
        try:
            parse_go_int(seconds, 64, True, 10)
            if dot:
                parse_go_int(fraction, 64, True, 10)
        except FlagValueError:
            raise SinceError("failed to parse value as time or duration: " + go_quote(value)) from None
        return value
    seconds, nanos = divmod(unix_ns, 1_000_000_000)
    return f"{seconds}.{nanos:09d}"
