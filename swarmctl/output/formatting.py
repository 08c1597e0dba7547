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
from swarmctl.golang.fs import FileMode
from swarmctl.golang.strconv import format_float
from swarmctl.golang.time import Duration, GoTime, Month
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
    from swarmctl.golang.template import marshal_json

    return marshal_json(value)


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
    # the template engine is loaded only for custom formats (start-up of the common case)
    from swarmctl.golang.template import StringMap, TemplateError
    from swarmctl.output import templates

    text = _final_template(fmt)
    try:
        template = templates.parse(text, funcs={"json": _row_json})
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
        header = template.with_funcs(templates.HEADER_FUNCS).execute(StringMap(row_cls.HEADERS))
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
    from swarmctl.golang.template import StringMap

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
                return FileMode(n)
            return n
        if spec == _DUR:
            n = int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0
            return Duration(n)
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
        from swarmctl.golang.template import StringMap

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
        return format_float(value, "g", 32 if spec == _F32 else 64)
    if isinstance(value, (Duration, GoTime, FileMode, Month)):
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
    from swarmctl.golang.template import MISSING
    from swarmctl.output.inspect import normalize

    if value is None or value is MISSING or isinstance(value, _NilPtr):
        return None
    if isinstance(value, _GoStruct):
        return normalize(value._raw, value._go_name)
    if isinstance(value, Duration):
        return value.ns
    if isinstance(value, FileMode):
        return value.mode
    if isinstance(value, (Month,)):
        return value.n
    if isinstance(value, GoTime):
        return value.rfc3339_nano()
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
    from swarmctl.golang.json import marshal

    return marshal(_to_plain(value), escape_html=False)


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
    """A field read through a nil pointer: the template engine says ``can't evaluate field X in
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
    from swarmctl.golang.template import TemplateError
    from swarmctl.output import templates

    try:
        return templates.parse(text, funcs={"json": _inspect_json})
    except TemplateError as error:
        raise FormatError(error) from None


def render_inspect_template(template, service):
    """One service through a parsed ``inspect -f`` template: the text (without the
    ``\\n`` docker adds). Raises :class:`FormatError` on an execution error."""
    from swarmctl.golang.template import TemplateError

    view = go_view(service)
    try:
        return template.execute(view)
    except TemplateError as error:
        raise FormatError(_fix_nil_pointer_message(str(error), view)) from None
