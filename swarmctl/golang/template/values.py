"""How Python values stand for Go values in templates: maps, structs, the invalid Value, errors."""

from swarmctl.golang import strconv


# ---------------------------------------------------------------------------
# Public helper types


class TemplateError(Exception):
    """A Go template parse or execution error; ``str()`` is Go's message."""

    def __init__(self, message, kind="parse", partial=""):
        Exception.__init__(self, message)
        self.kind = kind
        self.partial = partial

    def __str__(self):
        return self.args[0]


class FuncError(Exception):
    """Raised by template functions; becomes ``error calling NAME: msg``."""


class OrderedFields(dict):
    """A Go struct: fields in declaration order (see module docstring)."""

    __slots__ = ("gotype",)

    def __init__(self, *args, gotype="struct", **kwargs):
        dict.__init__(self, *args, **kwargs)
        self.gotype = gotype

    def __repr__(self):
        return "OrderedFields(%s, gotype=%r)" % (dict.__repr__(self), self.gotype)


class StringList(list):
    """A Go []string (result of split)."""

    __slots__ = ()
    __gotype__ = "[]string"


class StringMap(dict):
    """A Go ``map[string]string`` (missing keys index to ``""``)."""

    __slots__ = ()


class _Missing:
    """Go's invalid reflect.Value (missing map key, nil data)."""

    __slots__ = ()

    def __repr__(self):
        return "<no value>"

    def __bool__(self):
        return False


MISSING = _Missing()
_NOFINAL = object()  # no pipeline value passed on ("missingVal" in Go)


class _Break(Exception):
    pass


class _Continue(Exception):
    pass



# ---------------------------------------------------------------------------
# Value helpers


def gotype(v):
    """The Go type name of a template value, as Go's error messages print it."""
    t = type(v)
    if t is str:
        return "string"
    if t is int:
        return "int"
    if t is bool:
        return "bool"
    if t is float:
        return "float64"
    if t is list or t is tuple:
        return "[]interface {}"
    if t is dict:
        return "map[string]interface {}"
    if t is StringMap:
        return "map[string]string"
    if t is OrderedFields:
        return v.gotype
    if v is None or v is MISSING:
        return "<nil>"
    name = getattr(t, "__gotype__", None)
    if name:
        return name
    if isinstance(v, str):
        return "string"
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float64"
    if isinstance(v, (list, tuple)):
        return "[]interface {}"
    if isinstance(v, OrderedFields):
        return v.gotype
    if isinstance(v, dict):
        return "map[string]interface {}"
    return t.__name__


def is_map(v):
    """Whether a template value is a Go map (a dict that is not a struct)."""
    return isinstance(v, dict) and not isinstance(v, OrderedFields)


def _truth(v):
    """Go's isTrue for template values."""
    t = type(v)
    if t is str or t is list or t is dict or t is tuple or t is StringMap:
        return len(v) > 0
    if t is bool:
        return v
    if v is None or v is MISSING:
        return False
    if t is int or t is float:
        return v != 0
    if isinstance(v, OrderedFields):
        return True
    if isinstance(v, (str, list, tuple, dict)):
        return len(v) > 0
    if isinstance(v, (int, float)):
        return v != 0
    return True


def _sorted_keys(d):
    try:
        return sorted(d)
    except TypeError:
        return sorted(d, key=lambda k: (type(k).__name__, str(k)))


def to_utf8(s):
    """The bytes of a Go string (raw bytes kept via surrogateescape)."""
    return s.encode("utf-8", "surrogateescape")


def from_utf8(b):
    """The Go string of some bytes (invalid bytes kept via surrogateescape)."""
    return b.decode("utf-8", "surrogateescape")


def quote(s, ascii_only=False, quote_char='"'):
    """Go's ``strconv.Quote`` (``QuoteToASCII`` with ``ascii_only``) of a template string: a
    lone surrogate stands for an invalid rune, printed as ``\\ufffd``."""
    return strconv.quote(s, ascii_only, quote_char, surrogate_as_replacement=True)
