"""``--format`` for ``ls``, ``ps`` and ``inspect``, byte-exact with the Docker CLI 28.2.

Stdlib only, and nothing heavy at import: this module is on the piped-output path.
The Go template engine is imported only when a custom template is given.

Row formats (``ls``/``ps``), docker's ``formatter.Context`` rules:

* ``table`` is the command's default table, ``table TEMPLATE`` a header plus one row per
  item through the tabwriter (any format *starting* with ``table`` is a table);
  ``json`` is ``{{json .}}`` per row; ``raw`` a ``key: value`` block per row; anything
  else a Go template executed once per row, each followed by ``\\n``;
* before parsing, the template (``table`` removed) is stripped of leading and trailing
  blanks and the two-character sequences ``\\t`` and ``\\n`` become TAB and newline;
* the header is the template executed on the map of column titles with docker's
  ``HeaderFunctions``; an error while rendering the header is ignored (docker keeps what
  was written before the error);
* a parse or execution error is one line ``template parsing error: ...``, exit 1, with
  nothing on stdout.

``inspect -f TEMPLATE`` executes the template on the service as the Docker CLI holds it:
a Go ``swarm.Service`` value. :func:`go_view` builds that view from the engine's JSON
(Go struct field order and zero values, durations and times printed with Go's
``String()`` methods, ``{{json X}}`` not HTML-escaped); see :func:`render_inspect_template`.

Formats can also come from ``$DOCKER_CONFIG/config.json`` (default ``~/.docker``):
``servicesFormat`` (ls), ``tasksFormat`` (ps), ``serviceInspectFormat`` (inspect); the
first two are ignored with ``-q``.
"""
from __future__ import annotations

import sys

from swarmctl.config.configfile import load_config_file
from swarmctl.output import tables

__all__ = [
    "FormatError",
    "config_format",
    "write_stdout",
    "LS_RAW_FORMAT",
    "PS_RAW_FORMAT",
    "QUIET_FORMAT",
    "list_format",
    "task_format",
    "is_table",
    "render_rows",
    "QUIET_RAW_FORMAT",
    "go_view",
    "parse_inspect_template",
    "render_inspect_template",
]

QUIET_FORMAT = "{{.ID}}"
LS_RAW_FORMAT = (
    "id: {{.ID}}\\nname: {{.Name}}\\nmode: {{.Mode}}\\nreplicas: {{.Replicas}}"
    "\\nimage: {{.Image}}\\nports: {{.Ports}}\\n"
)
PS_RAW_FORMAT = (
    "id: {{.ID}}\\nname: {{.Name}}\\nimage: {{.Image}}\\nnode: {{.Node}}"
    "\\ndesired_state: {{.DesiredState}}\\ncurrent_state: {{.CurrentState}}"
    "\\nerror: {{.Error}}\\nports: {{.Ports}}\\n"
)
QUIET_RAW_FORMAT = "id: {{.ID}}"


class FormatError(Exception):
    """A template that cannot be parsed or executed; ``str()`` is docker's line."""

    def __init__(self, template_error):
        super().__init__("template parsing error: %s" % template_error)
        self.template_error = template_error


# ---------------------------------------------------------------------------
# Output


def write_stdout(text):
    """Write ``text`` as the UTF-8 bytes Go would write (lone surrogates from a
    template cutting a multi-byte character are written as the original bytes)."""
    if not text:
        return
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(text)
        return
    stream.flush()
    buffer.write(text.encode("utf-8", "surrogateescape"))
    buffer.flush()


# ---------------------------------------------------------------------------
# Client configuration file

def _load_config(directory=None):
    # The configuration layer's loader: parsed once, again only when the file changes.
    # (A broken file yields {}: the endpoint resolution already warned about it, as docker does.)
    return load_config_file(directory)


def config_format(key, directory=None):
    """A format from the client config file (``servicesFormat`` …), or ``""``.
    ``directory`` is the ``--config`` folder (default ``$DOCKER_CONFIG``, else
    ``~/.docker``). Keys match case-insensitively, as Go's JSON decoding does."""
    config = _load_config(directory)
    value = config.get(key)
    if value is None:
        lowered = key.lower()
        for k, v in config.items():
            if isinstance(k, str) and k.lower() == lowered:
                value = v
                break
    return value if isinstance(value, str) else ""


# ---------------------------------------------------------------------------
# Row formats (ls, ps)


def list_format(source, quiet):
    """docker's ``NewListFormat``: the template text ``ls`` uses for ``source``."""
    if source == "table":
        return QUIET_FORMAT if quiet else tables.LS_DEFAULT_TABLE_FORMAT
    if source == "raw":
        return QUIET_RAW_FORMAT if quiet else LS_RAW_FORMAT
    return source


def task_format(source, quiet):
    """docker's ``NewTaskFormat``: the template text ``ps`` uses for ``source``."""
    if source == "table":
        return QUIET_FORMAT if quiet else tables.PS_DEFAULT_TABLE_FORMAT
    if source == "raw":
        return QUIET_RAW_FORMAT if quiet else PS_RAW_FORMAT
    return source


def is_table(fmt):
    return fmt.startswith("table")


def _final_template(fmt):
    """docker's ``Context.preFormat``."""
    if fmt.startswith("table"):
        text = fmt[len("table"):]
    elif fmt == "json":
        text = "{{json .}}"
    else:
        text = fmt
    text = text.strip(" ")
    return text.replace("\\t", "\t").replace("\\n", "\n")


_CONTEXT_CLASSES = {}


def _context_class(row_cls):
    """The Go row context a template sees (``*service.serviceContext`` …): only the
    placeholders, as attributes."""
    cls = _CONTEXT_CLASSES.get(row_cls)
    if cls is None:
        fields = tuple(row_cls.FIELDS)

        def __init__(self, row):
            for field in fields:
                setattr(self, field, getattr(row, field))
            self._row = row

        cls = type(
            row_cls.GO_TYPE.lstrip("*").split(".")[-1],
            (),
            {"__slots__": fields + ("_row",), "__gotype__": row_cls.GO_TYPE, "__init__": __init__},
        )
        _CONTEXT_CLASSES[row_cls] = cls
    return cls


def _row_json(value):
    # A row marshals through docker's formatter.MarshalJSON: sorted keys, HTML-escaped.
    row = getattr(value, "_row", None)
    if row is not None and isinstance(row, tables._Row):
        return row.json()
    from swarmctl.output.gotemplate import DOCKER_FUNCS

    return DOCKER_FUNCS["json"].fn(value)


def render_rows(fmt, rows, row_cls):
    """The output of ``rows`` (``ServiceRow``/``TaskRow`` objects, already in display
    order) for the resolved format text ``fmt`` (see :func:`list_format`). Raises
    :class:`FormatError`."""
    columns = tuple((f, row_cls.HEADERS[f]) for f in row_cls.FIELDS)
    default_table = "table " + "\t".join("{{.%s}}" % f for f in row_cls.FIELDS)
    # built-in formats without the template engine (same bytes, less work)
    if is_table(fmt) and _final_template(fmt) == _final_template(default_table):
        return tables.render_default_table(rows, columns)
    if fmt == QUIET_FORMAT:
        return tables.render_quiet(rows)
    if fmt == "json":
        return tables.render_json_lines(rows)
    if fmt == QUIET_RAW_FORMAT:
        return tables.render_raw(rows, quiet=True)
    if fmt == (LS_RAW_FORMAT if row_cls is tables.ServiceRow else PS_RAW_FORMAT):
        return tables.render_raw(rows)
    return _render_template_rows(fmt, rows, row_cls)


def _render_template_rows(fmt, rows, row_cls):
    from swarmctl.output.gotemplate import HEADER_FUNCS, StringMap, Template, TemplateError

    text = _final_template(fmt)
    try:
        template = Template.parse(text, funcs={"json": _row_json})
    except TemplateError as error:
        raise FormatError(error) from None
    context = _context_class(row_cls)
    out = []
    for row in rows:
        try:
            out.append(template.execute(context(row)))
        except TemplateError as error:
            raise FormatError(error) from None
    if not is_table(fmt):
        return "".join(line + "\n" for line in out)
    try:
        header = template.with_funcs(HEADER_FUNCS).execute(StringMap(row_cls.HEADERS))
    except TemplateError as error:
        header = error.partial
    except Exception:  # noqa: BLE001 - docker ignores header errors
        header = ""
    return tables.render_table_text(header, out)


# ---------------------------------------------------------------------------
# inspect -f: the Go view of a service

from swarmctl.output.inspect import GO_STRUCTS  # noqa: E402  (stdlib-only module)

_STR, _BOOL, _INT, _F32, _F64, _DUR, _TIME, _BYTES = (
    "str", "bool", "int", "f32", "f64", "dur", "time", "bytes")

# Go package of each struct (default "swarm"), and fields whose Go type is not the
# table's name (the tables reuse one shape for several Go types).
_PACKAGES = {
    "Mount": "mount", "BindOptions": "mount", "VolumeOptions": "mount", "ImageOptions": "mount",
    "TmpfsOptions": "mount", "HealthConfig": "container", "Ulimit": "units",
    "PluginSpec": "runtime", "PluginPrivilege": "runtime",
}
_FIELD_TYPES = {
    ("ServiceMode", "Global"): "swarm.GlobalService",
    ("ServiceMode", "GlobalJob"): "swarm.GlobalJob",
    ("ConfigReference", "Runtime"): "swarm.ConfigReferenceRuntimeTarget",
    ("Mount", "ClusterOptions"): "mount.ClusterOptions",
    ("VolumeOptions", "DriverConfig"): "mount.Driver",
}
_FILE_MODES = {("SecretReferenceFileTarget", "Mode"), ("ConfigReferenceFileTarget", "Mode"),
               ("TmpfsOptions", "Mode")}
_FAKE_ADDRESS = "0xc000010000"  # Go prints a nested non-nil pointer as its (random) address


def _go_type_name(struct, owner=None, field=None):
    name = _FIELD_TYPES.get((owner, field))
    if name:
        return name
    return "%s.%s" % (_PACKAGES.get(struct, "swarm"), struct)


def _go_field(json_name):
    return json_name[:1].upper() + json_name[1:]


class GoDuration:
    """A Go ``time.Duration``: prints as ``10s``, marshals as nanoseconds."""

    __slots__ = ("ns",)
    __gotype__ = "time.Duration"

    def __init__(self, ns):
        self.ns = ns

    def String(self):
        from swarmctl.utils.goduration import format_go_duration

        return format_go_duration(self.ns)

    def Seconds(self):
        return self.ns / 1e9

    def Minutes(self):
        return self.ns / 6e10

    def Hours(self):
        return self.ns / 3.6e12

    def Nanoseconds(self):
        return self.ns

    def __eq__(self, other):
        return isinstance(other, GoDuration) and other.ns == self.ns

    __hash__ = None


class GoFileMode:
    """A Go ``os.FileMode``: prints as ``-r--r--r--``, marshals as a number."""

    __slots__ = ("mode",)
    __gotype__ = "fs.FileMode"

    def __init__(self, mode):
        self.mode = mode

    def String(self):
        m = self.mode & 0xFFFFFFFF
        out = [c for i, c in enumerate("dalTLDpSugct?") if m & (1 << (31 - i))]
        if not out:
            out.append("-")
        out.extend(c if m & (1 << (8 - i)) else "-" for i, c in enumerate("rwxrwxrwx"))
        return "".join(out)


class GoMonth:
    __slots__ = ("n",)
    __gotype__ = "time.Month"
    NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")

    def __init__(self, n):
        self.n = n

    def String(self):
        return self.NAMES[self.n - 1]


class GoWeekday(GoMonth):
    __slots__ = ()
    __gotype__ = "time.Weekday"
    NAMES = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")

    def String(self):
        return self.NAMES[self.n]


class GoTime:
    """A Go ``time.Time`` decoded from an engine timestamp (UTC)."""

    __slots__ = ("unix_ns", "offset")
    __gotype__ = "time.Time"

    def __init__(self, unix_ns, offset=0):
        self.unix_ns = unix_ns
        self.offset = offset

    @classmethod
    def parse(cls, value):
        from swarmctl.output.humanize import ZERO_TIME_NS, parse_go_time

        if isinstance(value, str):
            try:
                t = parse_go_time(value)
                return cls(t.unix_ns, t.offset)
            except ValueError:
                pass
        return cls(ZERO_TIME_NS, 0)

    # -- fields of the wall clock --------------------------------------------
    def _civil(self):
        from swarmctl.output.humanize import _civil_from_days

        local = self.unix_ns + self.offset * 10**9
        secs, nanos = divmod(local, 10**9)
        days, rem = divmod(secs, 86400)
        y, mo, d = _civil_from_days(days)
        hh, rem = divmod(rem, 3600)
        mm, ss = divmod(rem, 60)
        return y, mo, d, hh, mm, ss, nanos, days

    def _zone(self):
        if self.offset == 0:
            return "UTC"
        sign = "-" if self.offset < 0 else "+"
        o = abs(self.offset) // 60
        h, m = divmod(o, 60)
        return "%s%02d%s" % (sign, h, "%02d" % m if m else "")

    def String(self):
        return self.Format("2006-01-02 15:04:05.999999999 -0700 MST")

    def Year(self):
        return self._civil()[0]

    def Month(self):
        return GoMonth(self._civil()[1])

    def Day(self):
        return self._civil()[2]

    def Hour(self):
        return self._civil()[3]

    def Minute(self):
        return self._civil()[4]

    def Second(self):
        return self._civil()[5]

    def Nanosecond(self):
        return self._civil()[6]

    def Weekday(self):
        return GoWeekday((self._civil()[7] + 4) % 7)

    def YearDay(self):
        from swarmctl.output.humanize import days_from_civil

        y, _, _, _, _, _, _, days = self._civil()
        return days - days_from_civil(y, 1, 1) + 1

    def Unix(self):
        return self.unix_ns // 10**9

    def UnixMilli(self):
        return self.unix_ns // 10**6

    def UnixMicro(self):
        return self.unix_ns // 10**3

    def UnixNano(self):
        return self.unix_ns

    def IsZero(self):
        from swarmctl.output.humanize import ZERO_TIME_NS

        return self.unix_ns == ZERO_TIME_NS

    def UTC(self):
        return GoTime(self.unix_ns, 0)

    def Before(self, other):
        return self.unix_ns < other.unix_ns

    def After(self, other):
        return self.unix_ns > other.unix_ns

    def Equal(self, other):
        return self.unix_ns == other.unix_ns

    def Format(self, layout):
        return _go_time_format(self, layout)

    def rfc3339(self):
        from swarmctl.output.humanize import format_rfc3339_nano

        return format_rfc3339_nano(self.unix_ns, self.offset)


def _go_layout_chunks(layout):
    """Go's ``nextStdChunk`` over a whole layout: literal strings and (code, arg) pairs."""
    out = []
    i = 0
    start = 0
    n = len(layout)

    def emit(code, end, arg=None):
        out.append(layout[start:i])
        out.append((code, arg))
        return end

    while i < n:
        c = layout[i]
        rest = layout[i:]
        end = None
        if c == "J" and rest.startswith("Jan"):
            if rest.startswith("January"):
                end = emit("January", i + 7)
            elif not (len(rest) > 3 and "a" <= rest[3] <= "z"):
                end = emit("Jan", i + 3)
        elif c == "M" and len(rest) >= 3:
            if rest.startswith("Mon"):
                if rest.startswith("Monday"):
                    end = emit("Monday", i + 6)
                elif not (len(rest) > 3 and "a" <= rest[3] <= "z"):
                    end = emit("Mon", i + 3)
            if end is None and rest.startswith("MST"):
                end = emit("MST", i + 3)
        elif c == "0":
            if len(rest) >= 2 and "1" <= rest[1] <= "6":
                end = emit("0" + rest[1], i + 2)
            elif rest.startswith("002"):
                end = emit("002", i + 3)
        elif c == "1":
            end = emit("15", i + 2) if rest.startswith("15") else emit("1", i + 1)
        elif c == "2":
            end = emit("2006", i + 4) if rest.startswith("2006") else emit("2", i + 1)
        elif c == "_":
            if rest.startswith("_2"):
                if rest.startswith("_2006"):
                    i += 1  # a literal "_" then the year
                    end = emit("2006", i + 4)
                else:
                    end = emit("_2", i + 2)
            elif rest.startswith("__2"):
                end = emit("__2", i + 3)
        elif c in "345":
            end = emit(c, i + 1)
        elif c == "P" and rest.startswith("PM"):
            end = emit("PM", i + 2)
        elif c == "p" and rest.startswith("pm"):
            end = emit("pm", i + 2)
        elif c in "-Z":
            for token in ("070000", "07:00:00", "0700", "07:00", "07"):
                if rest[1:].startswith(token):
                    end = emit(c + token, i + 1 + len(token))
                    break
        elif c in ".," and len(rest) > 1 and rest[1] in "09":
            ch = rest[1]
            j = i + 1
            while j < n and layout[j] == ch:
                j += 1
            if not (j < n and layout[j].isdigit()):
                end = emit("frac" + ch, j, (c, j - i - 1))
        if end is None:
            i += 1
        else:
            i = start = end
    out.append(layout[start:])
    return out


_SHORT_DAYS = ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")


def _go_time_format(t, layout):
    y, mo, d, hh, mm, ss, nanos, days = t._civil()
    weekday = (days + 4) % 7
    parts = []
    for chunk in _go_layout_chunks(layout):
        if isinstance(chunk, str):
            parts.append(chunk)
            continue
        code, arg = chunk
        hour12 = hh % 12 or 12
        if code == "2006":
            parts.append("%04d" % y if y >= 0 else "-%04d" % -y)
        elif code == "06":
            parts.append("%02d" % (y % 100))
        elif code == "January":
            parts.append(GoMonth.NAMES[mo - 1])
        elif code == "Jan":
            parts.append(GoMonth.NAMES[mo - 1][:3])
        elif code == "01":
            parts.append("%02d" % mo)
        elif code == "1":
            parts.append("%d" % mo)
        elif code == "Monday":
            parts.append(GoWeekday.NAMES[weekday])
        elif code == "Mon":
            parts.append(_SHORT_DAYS[weekday])
        elif code == "02":
            parts.append("%02d" % d)
        elif code == "2":
            parts.append("%d" % d)
        elif code == "_2":
            parts.append("%2d" % d)
        elif code in ("002", "__2"):
            yday = t.YearDay()
            parts.append("%03d" % yday if code == "002" else "%3d" % yday)
        elif code == "15":
            parts.append("%02d" % hh)
        elif code == "03":
            parts.append("%02d" % hour12)
        elif code == "3":
            parts.append("%d" % hour12)
        elif code == "04":
            parts.append("%02d" % mm)
        elif code == "4":
            parts.append("%d" % mm)
        elif code == "05":
            parts.append("%02d" % ss)
        elif code == "5":
            parts.append("%d" % ss)
        elif code == "PM":
            parts.append("PM" if hh >= 12 else "AM")
        elif code == "pm":
            parts.append("pm" if hh >= 12 else "am")
        elif code == "MST":
            parts.append(t._zone())
        elif code[0] in "-Z":
            off = t.offset
            if code[0] == "Z" and off == 0:
                parts.append("Z")
                continue
            sign = "-" if off < 0 else "+"
            off = abs(off)
            h, rem = divmod(off, 3600)
            m, s = divmod(rem, 60)
            token = code[1:]
            text = sign + "%02d" % h
            if token in ("0700", "070000"):
                text += "%02d" % m
            elif token in ("07:00", "07:00:00"):
                text += ":%02d" % m
            if token == "070000":
                text += "%02d" % s
            elif token == "07:00:00":
                text += ":%02d" % s
            parts.append(text)
        elif code.startswith("frac"):
            sep, digits = arg
            frac = ("%09d" % nanos)[:digits]
            if code == "frac9":
                frac = frac.rstrip("0")
                if frac:
                    parts.append(sep + frac)
            else:
                parts.append(sep + frac)
    return "".join(parts)


class _GoStruct:
    """A Go struct value (or pointer): fields are attributes named like Go's."""

    _go_name = ""
    _fields = ()  # ((attribute, type spec, owner struct, json name), ...)

    def __str__(self):
        return _go_print_struct(self)

    def __repr__(self):
        return "<%s %s>" % (type(self).__gotype__, _go_print_struct(self))


class _GoVersion(_GoStruct):
    """``swarm.Version`` has a ``String()`` method (the index)."""

    def String(self):
        return str(self.Index)


class _GoUlimit(_GoStruct):
    """``*units.Ulimit`` has a ``String()`` method: ``nofile=1024:2048``."""

    def String(self):
        return "%s=%d:%d" % (self.Name, self.Soft, self.Hard)


_STRINGERS = {"Version": _GoVersion, "Ulimit": _GoUlimit}
_STRUCT_CLASSES = {}


def _struct_class(name, go_type, ptr):
    key = (name, go_type, ptr)
    cls = _STRUCT_CLASSES.get(key)
    if cls is None:
        fields = []
        for json_name, ftype, _omit in GO_STRUCTS[name]:
            if json_name is None:
                fields.append((ftype[1], ftype, name, None))
            else:
                fields.append((_go_field(json_name), ftype, name, json_name))
        base = _STRINGERS.get(name, _GoStruct)
        cls = type(go_type.split(".")[-1], (base,), {
            "__gotype__": ("*" if ptr else "") + go_type,
            "_go_name": name,
            "_fields": tuple(fields),
        })
        _STRUCT_CLASSES[key] = cls
    return cls


class _NilList(list):
    """A nil Go slice: prints ``[]``, marshals as ``null``."""

    __slots__ = ()


class _NilPtr(str):
    """A nil Go pointer: prints ``<nil>``, is false in ``if``/``with``, marshals as
    ``null``; reading a field through it fails (see :func:`_fix_nil_pointer_message`)."""

    __slots__ = ()
    _struct = None  # the pointed-to struct (a GO_STRUCTS name) or None for scalars

    def __new__(cls):
        return str.__new__(cls, "<nil>")

    def __len__(self):
        return 0

    def __repr__(self):
        return "<nil %s>" % type(self).__gotype__


_NIL_CLASSES = {}
_SCALAR_GO_TYPES = {_STR: "string", _BOOL: "bool", _INT: "uint64", _F32: "float32",
                    _F64: "float64", _DUR: "time.Duration", _TIME: "time.Time", _BYTES: "[]uint8"}


def _nil_pointer(spec, owner, field):
    inner = spec[1]
    if isinstance(inner, str):
        go_type, struct = _SCALAR_GO_TYPES[inner], None
    elif inner[0] in ("S", "E"):
        go_type, struct = _go_type_name(inner[1], owner, field), inner[1]
    else:
        go_type, struct = "interface {}", None
    key = (go_type, struct)
    cls = _NIL_CLASSES.get(key)
    if cls is None:
        cls = type("NilPointer", (_NilPtr,), {"__slots__": (), "__gotype__": "*" + go_type,
                                               "_struct": struct})
        _NIL_CLASSES[key] = cls
    return cls()


def _nil_map_class():
    from swarmctl.output.gotemplate import StringMap

    class _NilMap(StringMap):
        """A nil Go ``map[string]string``: prints ``map[]``, marshals as ``null``."""

        __slots__ = ()
        __gotype__ = "map[string]string"

    return _NilMap


_NIL_MAP = None


def _lookup(raw, json_name):
    if not isinstance(raw, dict):
        return None
    if json_name in raw:
        return raw[json_name]
    lowered = json_name.lower()
    for k, v in raw.items():
        if isinstance(k, str) and k.lower() == lowered:
            return v
    return None


def _convert(value, spec, owner=None, field=None, ptr=False):
    global _NIL_MAP
    if isinstance(spec, str):
        if spec == _STR or spec == _BYTES:
            return value if isinstance(value, str) else ""
        if spec == _BOOL:
            return value if isinstance(value, bool) else False
        if spec == _INT:
            n = int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0
            if (owner, field) in _FILE_MODES:
                return GoFileMode(n)
            return n
        if spec == _DUR:
            n = int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0
            return GoDuration(n)
        if spec == _TIME:
            return GoTime.parse(value)
        if spec in (_F32, _F64):
            return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0
        raise ValueError("unknown type %r" % (spec,))
    kind = spec[0]
    if kind == "P":
        if value is None:
            return _nil_pointer(spec, owner, field)
        return _convert(value, spec[1], owner, field, ptr=True)
    if kind == "L":
        if not isinstance(value, list):
            return _NilList()
        return [_convert(v, spec[1], owner, field) for v in value]
    if kind == "M":
        from swarmctl.output.gotemplate import StringMap

        if not isinstance(value, dict):
            if _NIL_MAP is None:
                _NIL_MAP = _nil_map_class()
            return _NIL_MAP()
        return StringMap((str(k), _convert(v, spec[1], owner, field)) for k, v in value.items())
    if kind in ("S", "E"):
        return _build_struct(value if isinstance(value, dict) else {}, spec[1],
                             _go_type_name(spec[1], owner, field), ptr)
    raise ValueError("unknown type %r" % (spec,))


def _build_struct(raw, name, go_type, ptr=False):
    cls = _struct_class(name, go_type, ptr)
    obj = cls.__new__(cls)
    obj._raw = raw
    attrs = obj.__dict__
    for attr, ftype, owner, json_name in cls._fields:
        if json_name is None:
            # embedded struct: a field named after its type, whose fields are promoted
            # (an outer field of the same name wins, as in Go)
            sub = _convert(raw, ftype, owner, attr)
            attrs[attr] = sub
            for sattr, svalue in sub.__dict__.items():
                if sattr[:1] != "_" and sattr not in attrs:
                    attrs[sattr] = svalue
            continue
        attrs[attr] = _convert(_lookup(raw, json_name), ftype, owner, attr)
    return obj


def go_view(service):
    """The ``swarm.Service`` value a ``docker service inspect -f`` template sees."""
    return _build_struct(service if isinstance(service, dict) else {}, "Service", "swarm.Service")


def _go_print(value, spec, depth):
    """fmt's ``%v`` of a field value at ``depth`` > 0 (Go semantics for nested values)."""
    if isinstance(spec, tuple) and spec[0] == "P":
        if value is None or isinstance(value, _NilPtr):
            return "<nil>"
        inner = spec[1]
        if inner in (_DUR, _TIME) or (isinstance(inner, tuple) and inner[0] == "S"
                                      and inner[1] in _STRINGERS):
            return _go_print(value, inner, depth)  # a Stringer through the pointer
        return _FAKE_ADDRESS
    if value is None:
        return "<nil>"
    if isinstance(value, str):
        return value
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        from swarmctl.output.humanize import _format_go_float

        return _format_go_float(value, "v", 32 if spec == _F32 else 64)
    if isinstance(value, (GoDuration, GoTime, GoFileMode, GoMonth)):
        return value.String()
    if isinstance(value, (_GoVersion, _GoUlimit)):
        return value.String()
    if isinstance(value, _GoStruct):
        return _go_print_struct(value, depth)
    if isinstance(value, list):
        inner = spec[1] if isinstance(spec, tuple) and spec[0] == "L" else None
        return "[" + " ".join(_go_print(v, inner, depth + 1) for v in value) + "]"
    if isinstance(value, dict):
        inner = spec[1] if isinstance(spec, tuple) and spec[0] == "M" else None
        keys = sorted(value, key=lambda k: k.encode("utf-8", "surrogatepass"))
        return "map[" + " ".join("%s:%s" % (k, _go_print(value[k], inner, depth + 1)) for k in keys) + "]"
    return str(value)


def _go_print_struct(obj, depth=0):
    parts = []
    for attr, ftype, _owner, json_name in type(obj)._fields:
        parts.append(_go_print(getattr(obj, attr), ftype, depth + 1))
    return "{" + " ".join(parts) + "}"


def _to_plain(value):
    """The JSON value Go's ``encoding/json`` writes for a view value."""
    from swarmctl.output.gotemplate import MISSING
    from swarmctl.output.inspect import normalize

    if value is None or value is MISSING or isinstance(value, _NilPtr):
        return None
    if isinstance(value, _GoStruct):
        return normalize(value._raw, value._go_name)
    if isinstance(value, GoDuration):
        return value.ns
    if isinstance(value, GoFileMode):
        return value.mode
    if isinstance(value, (GoMonth,)):
        return value.n
    if isinstance(value, GoTime):
        return value.rfc3339()
    if isinstance(value, _NilList):
        return None
    if _NIL_MAP is not None and isinstance(value, _NIL_MAP):
        return None
    if isinstance(value, (list, tuple)):
        return [_to_plain(v) for v in value]
    if isinstance(value, dict):
        keys = sorted(value, key=lambda k: str(k).encode("utf-8", "surrogatepass"))
        return {str(k): _to_plain(value[k]) for k in keys}
    return value


def _inspect_json(value):
    from swarmctl.output.inspect import go_json_dumps

    return go_json_dumps(_to_plain(value), escape_html=False)


def _field_spec(struct, go_type, attr):
    """(type spec, owner struct) of field ``attr`` of a struct, promoted fields included."""
    fields = _struct_class(struct, go_type, False)._fields
    for cattr, ftype, owner, _json in fields:
        if cattr == attr and _json is not None:
            return ftype, owner
    for cattr, ftype, owner, json_name in fields:
        if cattr == attr:
            return ftype, owner
    for cattr, ftype, owner, json_name in fields:
        if json_name is None:
            found = _field_spec(ftype[1], _go_type_name(ftype[1]), attr)
            if found:
                return found
    return None


def _fix_nil_pointer_message(message, view):
    """A field read through a nil pointer: gotemplate says ``can't evaluate field X in
    type *T``; Go says ``nil pointer evaluating *T.X`` when ``T`` has a field ``X``.
    When the failing chain starts at the service, find the nil pointer in the view."""
    import re

    m = re.search(r"at <(\.[A-Za-z_][A-Za-z0-9_.]*)>: can't evaluate field (\w+) in type (\*[^ ]+)$",
                  message)
    if not m:
        return message
    failing, go_type = m.group(2), m.group(3)
    obj = view
    for attr in m.group(1)[1:].split("."):
        if attr == failing and isinstance(obj, _NilPtr):
            if type(obj).__gotype__ != go_type:
                return message
            struct = type(obj)._struct
            if struct is not None and _field_spec(struct, go_type[1:], failing) is None:
                return message
            return message[: m.start(2) - len("can't evaluate field ")] + \
                "nil pointer evaluating %s.%s" % (go_type, failing)
        if not isinstance(obj, _GoStruct):
            return message
        obj = obj.__dict__.get(attr)
    return message


def parse_inspect_template(text):
    """Parse an ``inspect -f`` template as docker's ``templates.Parse`` (no blank
    trimming, no ``\\t`` replacement). Raises :class:`FormatError`."""
    from swarmctl.output.gotemplate import Template, TemplateError

    try:
        return Template.parse(text, funcs={"json": _inspect_json})
    except TemplateError as error:
        raise FormatError(error) from None


def render_inspect_template(template, service):
    """One service through a parsed ``inspect -f`` template: the text (without the
    ``\\n`` docker adds). Raises :class:`FormatError` on an execution error."""
    from swarmctl.output.gotemplate import TemplateError

    view = go_view(service)
    try:
        return template.execute(view)
    except TemplateError as error:
        raise FormatError(_fix_nil_pointer_message(str(error), view)) from None
