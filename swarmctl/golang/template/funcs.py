"""The template builtin functions (mirror Go's text/template/funcs.go) and Go-like signatures
of Python callables."""

from swarmctl.golang.json import UnsupportedValueError, marshal
from .fmt import _PLAIN, _fmt_value, _go_sprint, _go_sprintf, _go_sprintln, sprint_value
from .values import (
    FuncError,
    MISSING,
    OrderedFields,
    StringList,
    StringMap,
    from_utf8,
    gotype,
    is_map,
    _truth,
    to_utf8,
)


# ---------------------------------------------------------------------------
# encoding/json of template values


def _json_members(m):
    # a struct keeps its field order; a Go map is written with its keys sorted
    if isinstance(m, OrderedFields):
        return ((str(k), e) for k, e in m.items())
    keys = {(k if isinstance(k, str) else sprint_value(k)): k for k in m}
    return ((sk, m[keys[sk]]) for sk in sorted(keys))


def _json_value(v):
    # what encoding/json sees for a value that is not a plain JSON type
    if v is MISSING:
        return None
    hook = getattr(v, "__gojson__", None)
    if hook is not None:
        return hook()
    fields = OrderedFields()
    for k, e in getattr(v, "__dict__", {}).items():
        if k[:1].isupper():
            fields[k] = e
    return fields


def marshal_json(v):
    """Go's ``json.Encoder`` with ``SetEscapeHTML(false)`` on a template value (without the
    trailing newline); unsupported values fail as a :class:`FuncError`."""
    try:
        return marshal(v, escape_html=False, members=_json_members, fallback=_json_value)
    except UnsupportedValueError as error:
        raise FuncError(str(error)) from None


# ---------------------------------------------------------------------------
# Builtin functions (text/template funcs.go)

# parameter type codes (Go parameter types)
T_RAW, T_VAL, T_ANY, T_STR, T_INT = range(5)
_TYPE_NAMES = {T_ANY: "interface {}", T_VAL: "reflect.Value", T_STR: "string", T_INT: "int"}


class Func:
    """A template function with Go's parameter types (``T_*`` codes), as ``reflect`` sees it."""

    __slots__ = ("fn", "params", "variadic")

    def __init__(self, fn, params=(), variadic=None):
        self.fn = fn
        self.params = params
        self.variadic = variadic


def _deref(v):
    """indirectInterface: nil interface -> invalid."""
    return MISSING if v is None else v


class _Uint8(int):
    """A Go byte (indexing a string yields uint8)."""

    __slots__ = ()
    __gotype__ = "uint8"


class _IfaceArg:
    """A slice() index argument that is an interface{}-typed Value in Go."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


def _index_arg(x, cap):
    if type(x) is _IfaceArg:
        if x.value is not MISSING:
            raise FuncError("cannot index slice/array with type interface {}")
        x = x.value
    if x is MISSING or x is None:
        raise FuncError("cannot index slice/array with nil")
    if type(x) is not int and not (isinstance(x, int) and not isinstance(x, bool)):
        raise FuncError("cannot index slice/array with type %s" % gotype(x))
    if x < 0 or x > cap:
        raise FuncError("index out of range: %d" % x)
    return x


def _b_index(item, *indexes):
    item = _deref(item)
    if item is MISSING:
        raise FuncError("index of untyped nil")
    for idx in indexes:
        idx = _deref(idx)
        if item is None:
            raise FuncError("index of nil pointer")
        if isinstance(item, str):
            b = item.encode("utf-8", "surrogateescape") if not item.isascii() else None
            size = len(b) if b is not None else len(item)
            x = _index_arg(idx, size)
            if x >= size:
                raise FuncError("reflect: string index out of range")
            item = _Uint8(b[x] if b is not None else ord(item[x]))
        elif isinstance(item, (list, tuple)):
            x = _index_arg(idx, len(item))
            if x >= len(item):
                raise FuncError("reflect: slice index out of range")
            item = item[x]
        elif is_map(item):
            if idx is MISSING:
                raise FuncError("value is nil; should be of type string")
            if not isinstance(item, StringMap) and not isinstance(idx, str):
                # keys of JSON maps are strings
                raise FuncError("value has type %s; should be string" % gotype(idx))
            if isinstance(item, StringMap) and not isinstance(idx, str):
                raise FuncError("value has type %s; should be string" % gotype(idx))
            if idx in item:
                item = item[idx]
            else:
                item = "" if isinstance(item, StringMap) else None
        else:
            raise FuncError("can't index item of type %s" % gotype(item))
    return item


def _b_slice(item, *indexes):
    item = _deref(item)
    if item is MISSING:
        raise FuncError("slice of untyped nil")
    if len(indexes) > 3:
        raise FuncError("too many slice indexes: %d" % len(indexes))
    if isinstance(item, str):
        if len(indexes) == 3:
            raise FuncError("cannot 3-index slice a string")
        seq = item if item.isascii() else to_utf8(item)
    elif isinstance(item, (list, tuple)):
        seq = item
    else:
        raise FuncError("can't slice item of type %s" % gotype(item))
    cap = len(seq)
    idx = [0, len(seq), 0]
    for i, x in enumerate(indexes):
        idx[i] = _index_arg(x if type(x) is _IfaceArg else _deref(x), cap)
    if idx[0] > idx[1]:
        raise FuncError("invalid slice index: %d > %d" % (idx[0], idx[1]))
    if len(indexes) == 3 and idx[1] > idx[2]:
        raise FuncError("invalid slice index: %d > %d" % (idx[1], idx[2]))
    r = seq[idx[0]:idx[1]]
    if isinstance(r, bytes):
        return from_utf8(r)
    if type(r) is tuple:
        return list(r)
    if type(seq) is StringList:
        return StringList(r)
    return r


def _b_len(item):
    if item is None:
        raise FuncError("len of nil pointer")
    if item is MISSING:
        raise FuncError("reflect: call of reflect.Value.Type on zero Value")
    if isinstance(item, str):
        return len(item) if item.isascii() else len(to_utf8(item))
    if isinstance(item, (list, tuple)) or is_map(item):
        return len(item)
    raise FuncError("len of type %s" % gotype(item))


def _b_not(v):
    return not _truth(v)


_K_INVALID, _K_BOOL, _K_INT, _K_FLOAT, _K_STRING = range(5)


def _basic_kind(v):
    t = type(v)
    if t is str:
        return _K_STRING
    if t is int:
        return _K_INT
    if t is bool:
        return _K_BOOL
    if t is float:
        return _K_FLOAT
    if isinstance(v, bool):
        return _K_BOOL
    if isinstance(v, str):
        return _K_STRING
    if isinstance(v, int):
        return _K_INT
    if isinstance(v, float):
        return _K_FLOAT
    return _K_INVALID


def _go_kind(v):
    if v is MISSING:
        return "invalid"
    if v is None:
        return "interface"
    if isinstance(v, (list, tuple)):
        return "slice"
    if isinstance(v, OrderedFields):
        return "struct"
    if isinstance(v, dict):
        return "map"
    return "ptr"


def _b_eq(arg1, *arg2):
    arg1 = _deref(arg1)
    if not arg2:
        raise FuncError("missing argument for comparison")
    k1 = _basic_kind(arg1)
    for arg in arg2:
        arg = _deref(arg)
        k2 = _basic_kind(arg)
        truth = False
        if k1 != k2:
            if arg1 is not MISSING and arg is not MISSING:
                raise FuncError("incompatible types for comparison: %s and %s"
                                % (gotype(arg1), gotype(arg)))
        elif k1 != _K_INVALID:
            truth = arg1 == arg
        else:
            if _go_kind(arg1) != _go_kind(arg) and arg1 is not MISSING and arg is not MISSING:
                raise FuncError("non-comparable types %s: %s, %s: %s" % (
                    _fmt_value(arg1, "s", _PLAIN, 0), gotype(arg1), gotype(arg),
                    _fmt_value(arg, "v", _PLAIN, 0)))
            if arg1 is MISSING or arg is MISSING:
                truth = arg1 is arg
            elif isinstance(arg, (list, tuple)) or is_map(arg):
                raise FuncError("non-comparable type %s: %s" % (
                    _fmt_value(arg, "s", _PLAIN, 0), gotype(arg)))
            elif isinstance(arg, OrderedFields):
                truth = arg1 == arg
            else:
                truth = arg1 is arg
        if truth:
            return True
    return False


def _b_ne(a, b):
    return not _b_eq(a, b)


def _b_lt(a, b):
    a = _deref(a)
    b = _deref(b)
    k1 = _basic_kind(a)
    if k1 == _K_INVALID:
        raise FuncError("invalid type for comparison")
    k2 = _basic_kind(b)
    if k2 == _K_INVALID:
        raise FuncError("invalid type for comparison")
    if k1 != k2:
        raise FuncError("incompatible types for comparison: %s and %s" % (gotype(a), gotype(b)))
    if k1 == _K_BOOL:
        raise FuncError("invalid type for comparison")
    return a < b


def _b_le(a, b):
    return _b_lt(a, b) or _b_eq(a, b)


def _b_gt(a, b):
    return not _b_le(a, b)


def _b_ge(a, b):
    return not _b_lt(a, b)


def _eval_args(args):
    if len(args) == 1 and isinstance(args[0], str):
        return args[0]
    return _go_sprint(["<no value>" if a is None or a is MISSING else a for a in args])


def _b_html(*args):
    s = _eval_args(args)
    if not any(c in s for c in "'\"&<>\0"):
        return s
    return (s.replace("&", "&amp;").replace("'", "&#39;").replace('"', "&#34;")
            .replace("<", "&lt;").replace(">", "&gt;").replace("\0", "\ufffd"))


_JS_ESC = {"\\": "\\\\", "'": "\\'", '"': '\\"', "<": "\\u003C", ">": "\\u003E",
           "&": "\\u0026", "=": "\\u003D"}


def _b_js(*args):
    s = _eval_args(args)
    out = []
    for ch in s:
        e = _JS_ESC.get(ch)
        if e is not None:
            out.append(e)
        elif ch < " ":
            out.append("\\u00%02X" % ord(ch))
        elif ch >= "\x80" and not ch.isprintable():
            out.append("\\u%04X" % ord(ch))
        else:
            out.append(ch)
    return "".join(out)


_URL_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")


def _b_urlquery(*args):
    s = _eval_args(args)
    out = []
    for byte in to_utf8(s):
        c = chr(byte)
        if c in _URL_SAFE:
            out.append(c)
        elif c == " ":
            out.append("+")
        else:
            out.append("%%%02X" % byte)
    return "".join(out)


def _b_call(fn, *args):
    fn = _deref(fn)
    if fn is MISSING:
        raise FuncError("call of nil")
    if not callable(fn):
        raise FuncError("non-function of type %s" % gotype(fn))
    return fn(*[None if a is MISSING else a for a in args])


def _b_and(*args):  # evaluated specially (short circuit) in _Exec.eval_call
    raise AssertionError("unreachable")


_BUILTINS = {
    "and": Func(_b_and, (T_VAL,), T_VAL),
    "or": Func(_b_and, (T_VAL,), T_VAL),
    "not": Func(_b_not, (T_VAL,)),
    "len": Func(_b_len, (T_VAL,)),
    "index": Func(_b_index, (T_VAL,), T_VAL),
    "slice": Func(_b_slice, (T_VAL,), T_VAL),
    "call": Func(_b_call, (T_VAL,), T_VAL),
    "print": Func(lambda *a: _go_sprint(a), (), T_ANY),
    "printf": Func(lambda fmt, *a: _go_sprintf(fmt, a), (T_STR,), T_ANY),
    "println": Func(lambda *a: _go_sprintln(a), (), T_ANY),
    "html": Func(_b_html, (), T_ANY),
    "js": Func(_b_js, (), T_ANY),
    "urlquery": Func(_b_urlquery, (), T_ANY),
    "eq": Func(_b_eq, (T_VAL,), T_VAL),
    "ne": Func(_b_ne, (T_VAL, T_VAL)),
    "lt": Func(_b_lt, (T_VAL, T_VAL)),
    "le": Func(_b_le, (T_VAL, T_VAL)),
    "gt": Func(_b_gt, (T_VAL, T_VAL)),
    "ge": Func(_b_ge, (T_VAL, T_VAL)),
}


_SPEC_CACHE = {}


def _spec_from_callable(fn):
    """Go-like signature for a Python callable: fixed interface{} params."""
    if isinstance(fn, Func):
        return fn
    func = getattr(fn, "__func__", fn)
    bound = func is not fn
    key = (func, bound)
    spec = _SPEC_CACHE.get(key)
    if spec is not None:
        return spec
    code = getattr(func, "__code__", None)
    if code is None:
        spec = Func(fn, (), T_ANY)
        spec.fn = None
    else:
        nargs = code.co_argcount - (1 if bound else 0)
        ndef = len(getattr(func, "__defaults__", None) or ())
        if code.co_flags & 0x04 or ndef:
            spec = Func(None, (T_ANY,) * (nargs - ndef), T_ANY)
        else:
            spec = Func(None, (T_ANY,) * nargs)
    if len(_SPEC_CACHE) < 4096:
        _SPEC_CACHE[key] = spec
    return spec


# types.MethodType / BuiltinMethodType without importing ``types``
_MethodType = type(Func(None).__init__)
_BuiltinMethodType = type([].append)
