"""Go's ``text/template`` (stdlib only, no import-time work).

This re-implements the parts of Go's ``text/template`` (lexer, parser, executor, ``fmt``
printing, ``encoding/json``) closely enough that output and error messages match Go byte
for byte.  docker/cli's own template functions (``json``, ``split``, ``join``, ``title``,
``lower``, ``upper``, ``pad``, ``truncate``) are not Go's: :mod:`swarmctl.output.templates`
adds them, as docker's ``templates.Parse`` does.

Modules: :mod:`.lexer`, :mod:`.parser`, :mod:`.exec` (executor and :class:`Template`),
:mod:`.funcs` (Go's builtin functions), :mod:`.fmt` (Go's ``fmt`` printing of template
values) and :mod:`.values` (how Python values stand for Go values).

API
---
``Template.parse(text, funcs=None, name="", delims=("{{", "}}"))`` -> :class:`Template`
    Parse once (raises :class:`TemplateError`).  ``funcs`` adds or overrides
    functions (``name -> callable``), like Go's ``Template.Funcs``.
``template.execute(data)`` -> ``str``
    Execute against ``data`` (raises :class:`TemplateError`).  Parse once and
    execute many times (one call per table row is cheap).
``template.option("missingkey=error")``, ``template.with_funcs(funcs)``
    Cheap copies sharing the parsed tree.
``render(text, data, funcs=None)``
    ``Template.parse(text, funcs).execute(data)``.
``TemplateError``
    Single exception type.  ``str(err)`` is Go's one-line message, e.g.
    ``template: :1: function "foo" not defined`` (parse) or
    ``template: :1:2: executing "" at <.Bogus>: can't evaluate field Bogus in
    type ...`` (execution).  ``err.kind`` is ``"parse"`` or ``"exec"``;
    ``err.partial`` holds the output produced before an execution error.

Data model (how Python values map to Go values)
-----------------------------------------------
* ``dict`` is a Go map (``map[string]interface {}``): ``.Key`` looks the key
  up; a missing key yields "no value" (printed ``<no value>``).  Maps print,
  range and marshal to JSON in sorted key order, like Go.
* :class:`StringMap` (``dict`` subclass) is ``map[string]string``: as ``dict``
  but ``index`` of a missing key gives ``""`` (e.g. engine labels).
* :class:`OrderedFields` (``dict`` subclass) is a Go *struct*: ``.Field``
  reads the key, a missing field is an error (``can't evaluate field X in type
  T``; ``T`` is the ``gotype`` given to the constructor), ``json`` keeps the
  insertion (= struct field) order, ``%v`` prints ``{v1 v2}``.
* ``list``/``tuple`` are slices (``[]interface {}``); ``str``, ``int``,
  ``float`` (float64), ``bool`` as in Go; ``None`` is a nil interface value.
* Any other object is a struct pointer.  ``.Name`` on it (``Name`` must start
  with an upper-case letter, as Go only exports those) does ``getattr(obj,
  "Name")``: a *bound method* is called with the template arguments
  (``{{.Label "com.x"}}`` calls ``obj.Label("com.x")``; a zero-argument method
  is called with none), anything else (plain attribute, property) is the
  field value.  A missing attribute is Go's ``can't evaluate field Name in
  type T`` error where ``T`` is the class attribute ``__gotype__`` (e.g.
  ``"*formatter.serviceContext"``) or the class name.  An object printed with
  ``{{.}}``/``%v``/``%s`` uses its ``String()`` method if it has one
  (fmt.Stringer), else ``str(obj)``.  ``json`` of an object calls its
  ``__gojson__()`` method and marshals the returned value (return a ``dict``
  for Go-map semantics, i.e. sorted keys - docker's ``formatter.MarshalJSON``
  of ``ls``/``ps`` rows does exactly that - or an :class:`OrderedFields` to
  keep field order); without ``__gojson__`` its public upper-case instance
  attributes are marshalled in definition order.
* Extra functions passed in ``funcs`` receive Python values (a missing value
  arrives as ``None``) and are called with exactly the template arguments; to
  fail, raise :class:`FuncError` (or any exception) and the template fails
  with ``error calling NAME: message``.
* Strings are Go strings: ``len``, ``slice``, ``index``, ``truncate`` count
  UTF-8 bytes.  Cutting inside a multi-byte character yields lone surrogates
  (``surrogateescape``); write such output with ``errors="surrogateescape"``
  to get Go's exact bytes.
* ``execute(None)`` is Go's ``Execute(w, nil)``: dot has "no value".
* Error messages name Go types: ``string``, ``int``, ``float64``, ``bool``,
  ``[]interface {}``, ``map[string]interface {}``; a value read from a map (or
  ranged over in a slice/map) is reported as ``interface {}``, as Go does.

Semantics follow current Go (docker 29 is built with Go 1.25): ``break`` /
``continue``, ``range`` over an integer, ``{{else with}}``, ``\b``/``\f``
escapes in ``json``.  Not supported: complex-number constants (a parse
error), ``%b`` of floats (printed like ``%g``), Go's ``&{...}`` printing of
struct pointers (objects print via ``String()``/``str()``).
"""

from .exec import Template, render
from .funcs import T_ANY, T_INT, T_STR, Func, marshal_json
from .fmt import sprint_value
from .values import (
    MISSING,
    FuncError,
    OrderedFields,
    StringList,
    StringMap,
    TemplateError,
    from_utf8,
    gotype,
    is_map,
    to_utf8,
)

__all__ = [
    "Template",
    "TemplateError",
    "FuncError",
    "OrderedFields",
    "StringMap",
    "StringList",
    "MISSING",
    "Func",
    "T_ANY",
    "T_INT",
    "T_STR",
    "marshal_json",
    "sprint_value",
    "gotype",
    "is_map",
    "to_utf8",
    "from_utf8",
    "render",
]
