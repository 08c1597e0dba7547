"""docker/cli's ``templates`` package: the functions every ``--format`` template has.

docker's ``templates.Parse`` is Go's ``text/template`` (:mod:`swarmctl.golang.template`) with
these functions added (``json``, ``split``, ``join``, ``title``, ``lower``, ``upper``,
``pad``, ``truncate``); ``HEADER_FUNCS`` mirrors its ``HeaderFunctions``, used to render
table headers.
"""

from swarmctl.golang import strings
from swarmctl.golang.template import (
    MISSING,
    T_ANY,
    T_INT,
    T_STR,
    Func,
    FuncError,
    StringList,
    Template,
    from_utf8,
    gotype,
    is_map,
    marshal_json,
    sprint_value,
    to_utf8,
)

__all__ = ["DOCKER_FUNCS", "HEADER_FUNCS", "parse", "render"]


def _d_split(s, sep):
    if sep == "":
        return StringList(s)
    return StringList(s.split(sep))


def _d_join(elems, sep):
    if elems is None or elems is MISSING:
        return ""
    if isinstance(elems, (list, tuple)):
        if all(type(e) is str for e in elems):
            return sep.join(elems)
        return sep.join(sprint_value(e) for e in elems)
    if is_map(elems):
        return sep.join(sorted(sprint_value(e) for e in elems.values()))
    raise FuncError("expected slice, got %s" % gotype(elems))


# docker's title/lower/upper are strings.Title/ToLower/ToUpper; here raw invalid bytes in a
# template string have always been kept as they are.
def _d_lower(s):
    return strings.to_lower(s, invalid_as_replacement=False)


def _d_upper(s):
    return strings.to_upper(s, invalid_as_replacement=False)


def _d_pad(s, prefix, suffix):
    if s == "":
        return s
    if prefix < 0 or suffix < 0:
        raise FuncError("strings: negative Repeat count")
    return " " * prefix + s + " " * suffix


def _d_truncate(s, length):
    if s.isascii():
        if len(s) < length:
            return s
        if length < 0:
            raise FuncError("runtime error: slice bounds out of range [:%d]" % length)
        return s[:length]
    b = to_utf8(s)
    if len(b) < length:
        return s
    if length < 0:
        raise FuncError("runtime error: slice bounds out of range [:%d]" % length)
    return from_utf8(b[:length])


def _d_json(v):
    return marshal_json(v)


DOCKER_FUNCS = {
    "json": Func(_d_json, (T_ANY,)),
    "split": Func(_d_split, (T_STR, T_STR)),
    "join": Func(_d_join, (T_ANY, T_STR)),
    "title": Func(strings.title, (T_STR,)),
    "lower": Func(_d_lower, (T_STR,)),
    "upper": Func(_d_upper, (T_STR,)),
    "pad": Func(_d_pad, (T_STR, T_INT, T_INT)),
    "truncate": Func(_d_truncate, (T_STR, T_INT)),
}

#: docker/cli ``HeaderFunctions``: used to render table headers (identity
#: functions with the same arity; ``pad`` stays the real one).
HEADER_FUNCS = {
    "json": Func(lambda v: v, (T_STR,)),
    "split": Func(lambda v, _: v, (T_STR, T_STR)),
    "join": Func(lambda v, _: v, (T_STR, T_STR)),
    "title": Func(lambda v: v, (T_STR,)),
    "lower": Func(lambda v: v, (T_STR,)),
    "upper": Func(lambda v: v, (T_STR,)),
    "truncate": Func(lambda v, _: v, (T_STR, T_INT)),
}


def parse(text, funcs=None, name="", delims=("{{", "}}")):
    """docker's ``templates.Parse``: :meth:`Template.parse` with docker's functions, which
    ``funcs`` may add to or override."""
    table = dict(DOCKER_FUNCS)
    if funcs:
        table.update((key, fn) for key, fn in funcs.items() if fn is not None)
    return Template.parse(text, table, name, delims)


def render(text, data=None, funcs=None):
    """Parse ``text`` with docker's functions and execute it against ``data``."""
    return parse(text, funcs).execute(data)
