"""Go ``text/template`` engine for ``--format`` (stdlib only, no import-time work).

This re-implements the parts of Go's ``text/template`` (lexer, parser, executor,
``fmt`` printing, ``encoding/json``) plus docker/cli's template functions
(``templates/templates.go``) closely enough that ``--format`` output and error
messages match the Docker CLI byte for byte.

API
---
``Template.parse(text, funcs=None, name="", delims=("{{", "}}"))`` -> :class:`Template`
    Parse once (raises :class:`TemplateError`).  ``funcs`` adds or overrides
    functions (``name -> callable``).  Docker's functions (``json``, ``split``,
    ``join``, ``title``, ``lower``, ``upper``, ``pad``, ``truncate``) are always
    available, like ``templates.Parse`` in docker/cli.
``template.execute(data)`` -> ``str``
    Execute against ``data`` (raises :class:`TemplateError`).  Parse once and
    execute many times (one call per table row is cheap).
``template.option("missingkey=error")``, ``template.with_funcs(HEADER_FUNCS)``
    Cheap copies sharing the parsed tree (``HEADER_FUNCS`` mirrors docker's
    ``HeaderFunctions`` used for rendering table headers).
``render(text, data, funcs=None)``
    ``Template.parse(text, funcs).execute(data)``.
``TemplateError``
    Single exception type.  ``str(err)`` is Go's one-line message, e.g.
    ``template: :1: function "foo" not defined`` (parse) or
    ``template: :1:2: executing "" at <.Bogus>: can't evaluate field Bogus in
    type ...`` (execution).  ``err.kind`` is ``"parse"`` or ``"exec"``;
    ``err.partial`` holds the output produced before an execution error.
    Docker prints both kinds as ``template parsing error: `` + ``str(err)``.

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

__all__ = [
    "Template",
    "TemplateError",
    "FuncError",
    "OrderedFields",
    "StringMap",
    "HEADER_FUNCS",
    "render",
]

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
# Lexer (mirrors text/template/parse/lex.go)

# item types; keywords sort after _KEYWORD like Go's itemType
(I_ERROR, I_BOOL, I_CHAR, I_CHARCONST, I_COMMENT, I_COMPLEX, I_ASSIGN, I_DECLARE,
 I_EOF, I_FIELD, I_IDENT, I_LDELIM, I_LPAREN, I_NUMBER, I_PIPE, I_RAWSTRING,
 I_RDELIM, I_RPAREN, I_SPACE, I_STRING, I_TEXT, I_VARIABLE, _KEYWORD, I_BLOCK,
 I_BREAK, I_CONTINUE, I_DOT, I_DEFINE, I_ELSE, I_END, I_IF, I_NIL, I_RANGE,
 I_TEMPLATE, I_WITH) = range(35)

_KEYWORDS = {
    "block": I_BLOCK, "break": I_BREAK, "continue": I_CONTINUE,
    "define": I_DEFINE, "else": I_ELSE, "end": I_END, "if": I_IF,
    "range": I_RANGE, "nil": I_NIL, "template": I_TEMPLATE, "with": I_WITH,
}

_SPACE = " \t\r\n"


class _Item:
    __slots__ = ("typ", "pos", "val", "line")

    def __init__(self, typ, pos, val, line):
        self.typ = typ
        self.pos = pos
        self.val = val
        self.line = line

    def __str__(self):
        t = self.typ
        if t == I_EOF:
            return "EOF"
        if t == I_ERROR:
            return self.val
        if t > _KEYWORD:
            return "<%s>" % self.val
        if len(self.val.encode("utf-8", "surrogateescape")) > 10:
            return _go_quote(self.val[:10]) + "..."
        return _go_quote(self.val)


def _is_alnum(c):
    return c == "_" or c.isalpha() or c.isdecimal()


def _fmt_U(c):
    o = ord(c)
    if c.isprintable():
        return "U+%04X '%s'" % (o, c)
    return "U+%04X" % o


def _lex(text, ld, rd, break_ok=True, continue_ok=True):
    """Tokenize the whole input (the Go lexer is context free)."""
    items = []
    n = len(text)
    lrd = len(rd)
    nl = [0, 1]  # cache: position, line at that position

    def line_at(p):
        if p < nl[0]:
            nl[0], nl[1] = 0, 1
        nl[1] += text.count("\n", nl[0], p)
        nl[0] = p
        return nl[1]

    def emit(typ, s, e):
        items.append(_Item(typ, s, text[s:e], line_at(s)))

    def error(msg, s):
        items.append(_Item(I_ERROR, s, msg, line_at(s)))
        return items

    def has_left_trim(p):
        return p + 1 < n and text[p] == "-" and text[p + 1] in _SPACE

    def at_right_delim(p):
        if (p + 1 < n and text[p] in _SPACE and text[p + 1] == "-"
                and text.startswith(rd, p + 2)):
            return True, True
        if text.startswith(rd, p):
            return True, False
        return False, False

    def at_terminator(p):
        if p >= n:
            return True
        r = text[p]
        if r in _SPACE or r in ".,|:)(":
            return True
        return text.startswith(rd, p)

    def scan_number(p):
        def accept(valid):
            nonlocal p
            if p < n and text[p] in valid:
                p += 1
                return True
            return False

        def accept_run(valid):
            nonlocal p
            while p < n and text[p] in valid:
                p += 1

        accept("+-")
        digits = "0123456789_"
        if accept("0"):
            if accept("xX"):
                digits = "0123456789abcdefABCDEF_"
            elif accept("oO"):
                digits = "01234567_"
            elif accept("bB"):
                digits = "01_"
        accept_run(digits)
        if accept("."):
            accept_run(digits)
        if len(digits) == 11 and accept("eE"):
            accept("+-")
            accept_run("0123456789_")
        if len(digits) == 23 and accept("pP"):
            accept("+-")
            accept_run("0123456789_")
        accept("i")
        if p < n and _is_alnum(text[p]):
            return False, p + 1
        return True, p

    pos = 0
    while True:
        # lexText
        x = text.find(ld, pos)
        if x < 0:
            if pos < n:
                emit(I_TEXT, pos, n)
            items.append(_Item(I_EOF, n, "EOF", line_at(n)))
            return items
        delim_end = x + len(ld)
        if x > pos:
            end = x
            if has_left_trim(delim_end):
                while end > pos and text[end - 1] in _SPACE:
                    end -= 1
            if end > pos:
                emit(I_TEXT, pos, end)
        # lexLeftDelim
        pos = delim_end
        after = 2 if has_left_trim(pos) else 0
        if text.startswith("/*", pos + after):
            start = pos + after
            y = text.find("*/", start + 2)
            if y < 0:
                return error("unclosed comment", start)
            p = y + 2
            delim, tspace = at_right_delim(p)
            if not delim:
                return error("comment ends before closing delimiter", start)
            if tspace:
                p += 2
            p += lrd
            if tspace:
                while p < n and text[p] in _SPACE:
                    p += 1
            pos = p
            continue
        items.append(_Item(I_LDELIM, x, ld, line_at(x)))
        pos += after
        paren = 0
        # lexInsideAction
        while True:
            start = pos
            delim, tspace = at_right_delim(pos)
            if delim:
                if paren != 0:
                    return error("unclosed left paren", start)
                break
            if pos >= n:
                return error("unclosed action", start)
            c = text[pos]
            pos += 1
            if c in _SPACE:
                p = start
                count = 0
                while p < n and text[p] in _SPACE:
                    p += 1
                    count += 1
                if p < n and text[p] == "-" and text.startswith(rd, p + 1):
                    p -= 1
                    if count == 1:
                        pos = p
                        tspace = True
                        break  # straight to the right delimiter
                pos = p
                emit(I_SPACE, start, pos)
            elif c == "=":
                emit(I_ASSIGN, start, pos)
            elif c == ":":
                if pos < n and text[pos] == "=":
                    pos += 1
                    emit(I_DECLARE, start, pos)
                else:
                    return error("expected :=", start)
            elif c == "|":
                emit(I_PIPE, start, pos)
            elif c == '"' or c == "'":
                p = pos
                while True:
                    ch = text[p] if p < n else ""
                    p += 1
                    if ch == "\\":
                        ch2 = text[p] if p < n else ""
                        p += 1
                        if ch2 and ch2 != "\n":
                            continue
                        ch = ""
                    if ch == "" or ch == "\n":
                        if c == '"':
                            return error("unterminated quoted string", start)
                        return error("unterminated character constant", start)
                    if ch == c:
                        break
                pos = p
                emit(I_STRING if c == '"' else I_CHARCONST, start, pos)
            elif c == "`":
                y = text.find("`", pos)
                if y < 0:
                    return error("unterminated raw quoted string", start)
                pos = y + 1
                emit(I_RAWSTRING, start, pos)
            elif c == "$" or (c == "." and pos < n and not "0" <= text[pos] <= "9"):
                # lexVariable / lexField -> lexFieldOrVariable
                if at_terminator(pos):
                    emit(I_VARIABLE if c == "$" else I_DOT, start, pos)
                    continue
                while pos < n and _is_alnum(text[pos]):
                    pos += 1
                if not at_terminator(pos):
                    return error("bad character %s" % _fmt_U(text[pos]), start)
                emit(I_VARIABLE if c == "$" else I_FIELD, start, pos)
            elif c in "+-." or "0" <= c <= "9":
                ok, pos = scan_number(start)
                if not ok:
                    return error("bad number syntax: %s" % _go_quote(text[start:pos]), start)
                if pos < n and text[pos] in "+-":
                    ok, pos = scan_number(pos)
                    if not ok or text[pos - 1] != "i":
                        return error("bad number syntax: %s" % _go_quote(text[start:pos]), start)
                    emit(I_COMPLEX, start, pos)
                else:
                    emit(I_NUMBER, start, pos)
            elif _is_alnum(c):
                while pos < n and _is_alnum(text[pos]):
                    pos += 1
                if not at_terminator(pos):
                    return error("bad character %s" % _fmt_U(text[pos]), start)
                word = text[start:pos]
                kw = _KEYWORDS.get(word)
                if kw is not None:
                    if (kw == I_BREAK and not break_ok) or (kw == I_CONTINUE and not continue_ok):
                        kw = I_IDENT
                    emit(kw, start, pos)
                elif word == "true" or word == "false":
                    emit(I_BOOL, start, pos)
                else:
                    emit(I_IDENT, start, pos)
            elif c == "(":
                paren += 1
                emit(I_LPAREN, start, pos)
            elif c == ")":
                paren -= 1
                if paren < 0:
                    return error("unexpected right paren", start)
                emit(I_RPAREN, start, pos)
            elif c <= "\x7f" and c.isprintable():
                emit(I_CHAR, start, pos)
            else:
                return error("unrecognized character in action: %s" % _fmt_U(c), start)
        # lexRightDelim
        if tspace:
            pos += 2
        s = pos
        pos += lrd
        emit(I_RDELIM, s, pos)
        if tspace:
            while pos < n and text[pos] in _SPACE:
                pos += 1


# ---------------------------------------------------------------------------
# Parse tree (mirrors text/template/parse/node.go)

(N_TEXT, N_ACTION, N_BOOL, N_CHAIN, N_COMMAND, N_DOT, N_FIELD, N_IDENT, N_IF,
 N_LIST, N_NIL, N_NUMBER, N_PIPE, N_RANGE, N_STRING, N_TEMPLATE, N_VARIABLE,
 N_WITH, N_COMMENT, N_BREAK, N_CONTINUE, N_ELSE, N_END) = range(23)


class _Node:
    __slots__ = ("kind", "pos")


class _Text(_Node):
    __slots__ = ("text",)

    def __init__(self, pos, text):
        self.kind, self.pos, self.text = N_TEXT, pos, text

    def __str__(self):
        return self.text


class _List(_Node):
    __slots__ = ("nodes",)

    def __init__(self, pos):
        self.kind, self.pos, self.nodes = N_LIST, pos, []

    def __str__(self):
        return "".join(str(n) for n in self.nodes)


class _Pipe(_Node):
    __slots__ = ("line", "is_assign", "decl", "cmds")

    def __init__(self, pos, line):
        self.kind, self.pos, self.line = N_PIPE, pos, line
        self.is_assign = False
        self.decl = []
        self.cmds = []

    def __str__(self):
        s = ""
        if self.decl:
            s = ", ".join(str(v) for v in self.decl)
            s += " = " if self.is_assign else " := "
        return s + " | ".join(str(c) for c in self.cmds)


class _Action(_Node):
    __slots__ = ("line", "pipe")

    def __init__(self, pos, line, pipe):
        self.kind, self.pos, self.line, self.pipe = N_ACTION, pos, line, pipe

    def __str__(self):
        return "{{%s}}" % self.pipe


class _Command(_Node):
    __slots__ = ("args",)

    def __init__(self, pos):
        self.kind, self.pos, self.args = N_COMMAND, pos, []

    def __str__(self):
        return " ".join("(%s)" % a if a.kind == N_PIPE else str(a) for a in self.args)


class _Ident(_Node):
    __slots__ = ("ident",)

    def __init__(self, pos, ident):
        self.kind, self.pos, self.ident = N_IDENT, pos, ident

    def __str__(self):
        return self.ident


class _Variable(_Node):
    __slots__ = ("ident",)

    def __init__(self, pos, ident):
        self.kind, self.pos, self.ident = N_VARIABLE, pos, ident.split(".")

    def __str__(self):
        return ".".join(self.ident)


class _Dot(_Node):
    __slots__ = ()

    def __init__(self, pos):
        self.kind, self.pos = N_DOT, pos

    def __str__(self):
        return "."


class _Nil(_Node):
    __slots__ = ()

    def __init__(self, pos):
        self.kind, self.pos = N_NIL, pos

    def __str__(self):
        return "nil"


class _Field(_Node):
    __slots__ = ("ident",)

    def __init__(self, pos, ident):
        self.kind, self.pos = N_FIELD, pos
        self.ident = ident[1:].split(".")  # ".A.B" -> ["A", "B"]

    def __str__(self):
        return "".join("." + i for i in self.ident)


class _Chain(_Node):
    __slots__ = ("node", "field")

    def __init__(self, pos, node):
        self.kind, self.pos, self.node, self.field = N_CHAIN, pos, node, []

    def add(self, field):
        if not field or field[0] != ".":
            raise AssertionError("no dot in field")
        field = field[1:]
        if not field:
            raise AssertionError("empty field")
        self.field.append(field)

    def __str__(self):
        s = "(%s)" % self.node if self.node.kind == N_PIPE else str(self.node)
        return s + "".join("." + f for f in self.field)


class _Bool(_Node):
    __slots__ = ("value",)

    def __init__(self, pos, value):
        self.kind, self.pos, self.value = N_BOOL, pos, value

    def __str__(self):
        return "true" if self.value else "false"


class _Number(_Node):
    __slots__ = ("text", "is_int", "is_uint", "is_float", "int_val", "float_val")

    def __init__(self, pos, text):
        self.kind, self.pos, self.text = N_NUMBER, pos, text
        self.is_int = self.is_uint = self.is_float = False
        self.int_val = 0
        self.float_val = 0.0

    def __str__(self):
        return self.text


class _String(_Node):
    __slots__ = ("quoted", "text")

    def __init__(self, pos, quoted, text):
        self.kind, self.pos, self.quoted, self.text = N_STRING, pos, quoted, text

    def __str__(self):
        return self.quoted


class _Simple(_Node):
    """{{break}}, {{continue}}, {{else}}, {{end}}, comments."""

    __slots__ = ("label",)

    def __init__(self, kind, pos, label):
        self.kind, self.pos, self.label = kind, pos, label

    def __str__(self):
        return self.label


class _Branch(_Node):
    __slots__ = ("line", "pipe", "list", "else_list")

    def __init__(self, kind, pos, line, pipe, lst, else_list):
        self.kind, self.pos, self.line = kind, pos, line
        self.pipe, self.list, self.else_list = pipe, lst, else_list

    def __str__(self):
        name = {N_IF: "if", N_RANGE: "range", N_WITH: "with"}[self.kind]
        s = "{{%s %s}}%s" % (name, self.pipe, self.list)
        if self.else_list is not None:
            s += "{{else}}%s" % self.else_list
        return s + "{{end}}"


class _TemplateCall(_Node):
    __slots__ = ("line", "name", "pipe")

    def __init__(self, pos, line, name, pipe):
        self.kind, self.pos, self.line, self.name, self.pipe = N_TEMPLATE, pos, line, name, pipe

    def __str__(self):
        if self.pipe is None:
            return "{{template %s}}" % _go_quote(self.name)
        return "{{template %s %s}}" % (_go_quote(self.name), self.pipe)


def _is_empty_tree(n):
    if n is None:
        return True
    k = n.kind
    if k == N_COMMENT:
        return True
    if k == N_LIST:
        return all(_is_empty_tree(c) for c in n.nodes)
    if k == N_TEXT:
        return n.text.strip(" \t\n\v\f\r\x85\xa0") == ""
    return False


# ---------------------------------------------------------------------------
# Go string literal helpers (strconv.Quote / Unquote)

_ESCAPES = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r",
            "\t": "\\t", "\v": "\\v"}


def _go_quote(s, ascii_only=False, quote='"'):
    if s.isascii() and s.isprintable() and quote not in s and "\\" not in s:
        return quote + s + quote
    out = [quote]
    for ch in s:
        o = ord(ch)
        if ch == quote or ch == "\\":
            out.append("\\" + ch)
        elif 0xDC80 <= o <= 0xDCFF:  # raw byte smuggled via surrogateescape
            out.append("\\x%02x" % (o - 0xDC00))
        elif (o < 0x80 or not ascii_only) and ch.isprintable() and not 0xD800 <= o <= 0xDFFF:
            out.append(ch)
        elif ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif o < 0x20 or o == 0x7F:
            out.append("\\x%02x" % o)
        elif 0xD800 <= o <= 0xDFFF:
            out.append("\\ufffd")
        elif o < 0x10000:
            out.append("\\u%04x" % o)
        else:
            out.append("\\U%08x" % o)
    out.append(quote)
    return "".join(out)


def _byte_char(b):
    return chr(b) if b < 0x80 else chr(0xDC00 + b)


def _unquote_char(s, i, quote):
    """strconv.UnquoteChar: returns (text, new_index) or raises ValueError."""
    c = s[i]
    if c == quote and quote in "'\"":
        raise ValueError
    if c != "\\":
        return c, i + 1
    i += 1
    if i >= len(s):
        raise ValueError
    c = s[i]
    i += 1
    simple = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t",
              "v": "\v", "\\": "\\"}
    if c in simple:
        return simple[c], i
    if c in "xuU":
        size = {"x": 2, "u": 4, "U": 8}[c]
        h = s[i:i + size]
        if len(h) < size or any(ch not in "0123456789abcdefABCDEF" for ch in h):
            raise ValueError
        v = int(h, 16)
        if c == "x":
            return _byte_char(v), i + size
        if v > 0x10FFFF or 0xD800 <= v <= 0xDFFF:
            raise ValueError
        return chr(v), i + size
    if "0" <= c <= "7":
        o = s[i - 1:i + 2]
        if len(o) < 3 or any(ch not in "01234567" for ch in o):
            raise ValueError
        v = int(o, 8)
        if v > 255:
            raise ValueError
        return _byte_char(v), i + 2
    if c in "'\"":
        if c != quote:
            raise ValueError
        return c, i
    raise ValueError


def _unquote(tok):
    """strconv.Unquote for string tokens; raises ValueError ("invalid syntax")."""
    q = tok[0]
    if q == "`":
        return tok[1:-1].replace("\r", "")
    body = tok[1:-1]
    if "\\" not in body:
        return body
    out = []
    i = 0
    while i < len(body):
        t, i = _unquote_char(body, i, q)
        out.append(t)
    return "".join(out)


# ---------------------------------------------------------------------------
# Parser (mirrors text/template/parse/parse.go)


class _Parser:
    def __init__(self, name, text, has_func, ld, rd):
        self.name = name
        self.text = text
        self.has_func = has_func
        self.items = _lex(text, ld, rd, not has_func("break"), not has_func("continue"))
        self.idx = 0
        self.token = [None, None, None]
        self.peek_count = 0
        self.vars = ["$"]
        self.action_line = 0
        self.range_depth = 0
        self.trees = {}

    # -- token stream
    def _lex_next(self):
        items = self.items
        if self.idx < len(items):
            it = items[self.idx]
            self.idx += 1
            return it
        last = items[-1]
        return _Item(I_EOF, last.pos, "EOF", last.line)

    def next(self):
        if self.peek_count > 0:
            self.peek_count -= 1
        else:
            self.token[0] = self._lex_next()
        return self.token[self.peek_count]

    def backup(self):
        self.peek_count += 1

    def backup2(self, t1):
        self.token[1] = t1
        self.peek_count = 2

    def backup3(self, t2, t1):
        self.token[1] = t1
        self.token[2] = t2
        self.peek_count = 3

    def peek(self):
        if self.peek_count > 0:
            return self.token[self.peek_count - 1]
        self.peek_count = 1
        self.token[0] = self._lex_next()
        return self.token[0]

    def next_non_space(self):
        while True:
            tok = self.next()
            if tok.typ != I_SPACE:
                return tok

    def peek_non_space(self):
        tok = self.next_non_space()
        self.backup()
        return tok

    # -- errors
    def errorf(self, msg):
        line = self.token[0].line if self.token[0] is not None else 1
        raise TemplateError("template: %s:%d: %s" % (self.name, line, msg), "parse")

    def expect(self, typ, context):
        tok = self.next_non_space()
        if tok.typ != typ:
            self.unexpected(tok, context)
        return tok

    def unexpected(self, tok, context):
        if tok.typ == I_ERROR:
            extra = ""
            if self.action_line != 0 and self.action_line != tok.line:
                extra = " in action started at %s:%d" % (self.name, self.action_line)
                if tok.val.endswith(" action"):
                    extra = extra[len(" in action"):]
            self.errorf("%s%s" % (tok, extra))
        self.errorf("unexpected %s in %s" % (tok, context))

    # -- grammar
    def parse(self):
        root = _List(self.peek().pos)
        while self.peek().typ != I_EOF:
            if self.peek().typ == I_LDELIM:
                delim = self.next()
                if self.next_non_space().typ == I_DEFINE:
                    self.parse_definition()
                    continue
                self.backup2(delim)
            n = self.text_or_action()
            if n.kind == N_END or n.kind == N_ELSE:
                self.errorf("unexpected %s" % n)
            root.nodes.append(n)
        self.add(self.name, root)
        return root

    def add(self, name, root):
        old = self.trees.get(name)
        if old is None or _is_empty_tree(old):
            self.trees[name] = root
            return
        if not _is_empty_tree(root):
            self.errorf("template: multiple definition of template %s" % _go_quote(name))

    def _sub(self, fn):
        """Parse a nested template (define/block body) with fresh scope."""
        saved = (self.vars, self.range_depth, self.action_line)
        self.vars, self.range_depth = ["$"], 0
        try:
            return fn()
        finally:
            self.vars, self.range_depth, self.action_line = saved

    def parse_definition(self):
        context = "define clause"
        tok = self.next_non_space()
        if tok.typ not in (I_STRING, I_RAWSTRING):
            self.unexpected(tok, context)
        try:
            name = _unquote(tok.val)
        except ValueError:
            self.errorf("invalid syntax")

        def body():
            self.expect(I_RDELIM, context)
            root, end = self.item_list()
            if end.kind != N_END:
                self.errorf("unexpected %s in %s" % (end, context))
            return root

        self.add(name, self._sub(body))

    def item_list(self):
        lst = _List(self.peek_non_space().pos)
        while self.peek_non_space().typ != I_EOF:
            n = self.text_or_action()
            if n.kind == N_END or n.kind == N_ELSE:
                return lst, n
            lst.nodes.append(n)
        self.errorf("unexpected EOF")

    def text_or_action(self):
        tok = self.next_non_space()
        if tok.typ == I_TEXT:
            return _Text(tok.pos, tok.val)
        if tok.typ == I_LDELIM:
            self.action_line = tok.line
            try:
                return self.action()
            finally:
                self.action_line = 0
        self.unexpected(tok, "input")

    def action(self):
        tok = self.next_non_space()
        t = tok.typ
        if t == I_BLOCK:
            return self.block_control()
        if t == I_BREAK or t == I_CONTINUE:
            word = "break" if t == I_BREAK else "continue"
            nxt = self.next_non_space()
            if nxt.typ != I_RDELIM:
                self.unexpected(nxt, "{{%s}}" % word)
            if self.range_depth == 0:
                self.errorf("{{%s}} outside {{range}}" % word)
            return _Simple(N_BREAK if t == I_BREAK else N_CONTINUE, tok.pos, "{{%s}}" % word)
        if t == I_ELSE:
            return self.else_control()
        if t == I_END:
            e = self.expect(I_RDELIM, "end")
            return _Simple(N_END, e.pos, "{{end}}")
        if t == I_IF:
            return self.parse_control(N_IF, "if")
        if t == I_RANGE:
            return self.parse_control(N_RANGE, "range")
        if t == I_TEMPLATE:
            return self.template_control()
        if t == I_WITH:
            return self.parse_control(N_WITH, "with")
        self.backup()
        tok = self.peek()
        return _Action(tok.pos, tok.line, self.pipeline("command", I_RDELIM))

    def else_control(self):
        p = self.peek_non_space()
        if p.typ == I_IF or p.typ == I_WITH:
            return _Simple(N_ELSE, p.pos, "{{else}}")
        tok = self.expect(I_RDELIM, "else")
        return _Simple(N_ELSE, tok.pos, "{{else}}")

    def pipeline(self, context, end):
        tok = self.peek_non_space()
        pipe = _Pipe(tok.pos, tok.line)
        while True:  # decls
            v = self.peek_non_space()
            if v.typ != I_VARIABLE:
                break
            self.next()
            after = self.peek()
            nxt = self.peek_non_space()
            if nxt.typ == I_ASSIGN or nxt.typ == I_DECLARE:
                pipe.is_assign = nxt.typ == I_ASSIGN
                self.next_non_space()
                pipe.decl.append(_Variable(v.pos, v.val))
                self.vars.append(v.val)
            elif nxt.typ == I_CHAR and nxt.val == ",":
                self.next_non_space()
                pipe.decl.append(_Variable(v.pos, v.val))
                self.vars.append(v.val)
                if context == "range" and len(pipe.decl) < 2:
                    if self.peek_non_space().typ in (I_VARIABLE, I_RDELIM, I_RPAREN):
                        continue  # second variable of a range
                    self.errorf("range can only initialize variables")
                self.errorf("too many declarations in %s" % context)
            elif after.typ == I_SPACE:
                self.backup3(v, after)
            else:
                self.backup2(v)
            break
        while True:
            tok = self.next_non_space()
            t = tok.typ
            if t == end:
                self.check_pipeline(pipe, context)
                return pipe
            if t in (I_BOOL, I_CHARCONST, I_COMPLEX, I_DOT, I_FIELD, I_IDENT, I_NUMBER,
                     I_NIL, I_RAWSTRING, I_STRING, I_VARIABLE, I_LPAREN):
                self.backup()
                pipe.cmds.append(self.command())
            else:
                self.unexpected(tok, context)

    def check_pipeline(self, pipe, context):
        if not pipe.cmds:
            self.errorf("missing value for %s" % context)
        for i, c in enumerate(pipe.cmds[1:]):
            if c.args[0].kind in (N_BOOL, N_DOT, N_NIL, N_NUMBER, N_STRING):
                self.errorf("non executable command in pipeline stage %d" % (i + 2))

    def parse_control(self, kind, context):
        nvars = len(self.vars)
        try:
            pipe = self.pipeline(context, I_RDELIM)
            if kind == N_RANGE:
                self.range_depth += 1
            lst, nxt = self.item_list()
            if kind == N_RANGE:
                self.range_depth -= 1
            else_list = None
            if nxt.kind == N_ELSE:
                if kind == N_IF and self.peek().typ == I_IF:
                    self.next()
                    else_list = _List(nxt.pos)
                    else_list.nodes.append(self.parse_control(N_IF, "if"))
                elif kind == N_WITH and self.peek().typ == I_WITH:
                    self.next()
                    else_list = _List(nxt.pos)
                    else_list.nodes.append(self.parse_control(N_WITH, "with"))
                else:
                    else_list, nxt = self.item_list()
                    if nxt.kind != N_END:
                        self.errorf("expected end; found %s" % nxt)
            return _Branch(kind, pipe.pos, pipe.line, pipe, lst, else_list)
        finally:
            del self.vars[nvars:]

    def parse_template_name(self, tok, context):
        if tok.typ in (I_STRING, I_RAWSTRING):
            try:
                return _unquote(tok.val)
            except ValueError:
                self.errorf("invalid syntax")
        self.unexpected(tok, context)

    def block_control(self):
        context = "block clause"
        tok = self.next_non_space()
        name = self.parse_template_name(tok, context)
        pipe = self.pipeline(context, I_RDELIM)

        def body():
            root, end = self.item_list()
            if end.kind != N_END:
                self.errorf("unexpected %s in %s" % (end, context))
            return root

        self.add(name, self._sub(body))
        return _TemplateCall(tok.pos, tok.line, name, pipe)

    def template_control(self):
        context = "template clause"
        tok = self.next_non_space()
        name = self.parse_template_name(tok, context)
        pipe = None
        if self.next_non_space().typ != I_RDELIM:
            self.backup()
            pipe = self.pipeline(context, I_RDELIM)
        return _TemplateCall(tok.pos, tok.line, name, pipe)

    def command(self):
        cmd = _Command(self.peek_non_space().pos)
        while True:
            self.peek_non_space()
            operand = self.operand()
            if operand is not None:
                cmd.args.append(operand)
            tok = self.next()
            t = tok.typ
            if t == I_SPACE:
                continue
            if t == I_RDELIM or t == I_RPAREN:
                self.backup()
            elif t == I_PIPE:
                pass
            else:
                self.unexpected(tok, "operand")
            break
        if not cmd.args:
            self.errorf("empty command")
        return cmd

    def operand(self):
        node = self.term()
        if node is None:
            return None
        if self.peek().typ == I_FIELD:
            chain = _Chain(self.peek().pos, node)
            while self.peek().typ == I_FIELD:
                chain.add(self.next().val)
            k = node.kind
            if k == N_FIELD:
                node = _Field(chain.pos, str(chain))
            elif k == N_VARIABLE:
                node = _Variable(chain.pos, str(chain))
            elif k in (N_BOOL, N_STRING, N_NUMBER, N_NIL, N_DOT):
                self.errorf("unexpected . after term %s" % _go_quote(str(node)))
            else:
                node = chain
        return node

    def term(self):
        tok = self.next_non_space()
        t = tok.typ
        if t == I_IDENT:
            if not self.has_func(tok.val):
                self.errorf("function %s not defined" % _go_quote(tok.val))
            return _Ident(tok.pos, tok.val)
        if t == I_DOT:
            return _Dot(tok.pos)
        if t == I_NIL:
            return _Nil(tok.pos)
        if t == I_VARIABLE:
            v = _Variable(tok.pos, tok.val)
            if v.ident[0] not in self.vars:
                self.errorf("undefined variable %s" % _go_quote(v.ident[0]))
            return v
        if t == I_FIELD:
            return _Field(tok.pos, tok.val)
        if t == I_BOOL:
            return _Bool(tok.pos, tok.val == "true")
        if t in (I_CHARCONST, I_COMPLEX, I_NUMBER):
            return self.new_number(tok)
        if t == I_LPAREN:
            return self.pipeline("parenthesized pipeline", I_RPAREN)
        if t == I_STRING or t == I_RAWSTRING:
            try:
                s = _unquote(tok.val)
            except ValueError:
                self.errorf("invalid syntax")
            return _String(tok.pos, tok.val, s)
        self.backup()
        return None

    def new_number(self, tok):
        text = tok.val
        n = _Number(tok.pos, text)
        if tok.typ == I_CHARCONST:
            try:
                ch, i = _unquote_char(text, 1, "'")
            except (ValueError, IndexError):
                self.errorf("invalid syntax")
            if text[i:] != "'":
                self.errorf("malformed character constant: %s" % text)
            o = ord(ch)
            if 0xDC80 <= o <= 0xDCFF:
                o -= 0xDC00
            n.is_int = n.is_uint = n.is_float = True
            n.int_val, n.float_val = o, float(o)
            return n
        if tok.typ == I_COMPLEX or text.endswith("i"):
            self.errorf("complex constants are not supported: %s" % text)
        iv = _parse_go_int(text)
        if iv is not None:
            if iv >= 0 and iv < 1 << 64:
                n.is_uint = True
            if -(1 << 63) <= iv < 1 << 63:
                n.is_int = True
                n.int_val = iv
            if n.is_int or n.is_uint:
                n.is_float = True
                n.float_val = float(iv)
        if not (n.is_int or n.is_uint):
            fv = _parse_go_float(text)
            if fv is not None:
                if not any(c in text for c in ".eEpP"):
                    self.errorf("integer overflow: %s" % _go_quote(text))
                n.is_float = True
                n.float_val = fv
                if fv == fv and fv not in (float("inf"), float("-inf")) and fv == int(fv):
                    iv = int(fv)
                    if -(1 << 63) <= iv < 1 << 63:
                        n.is_int, n.int_val = True, iv
                    if 0 <= iv < 1 << 64:
                        n.is_uint = True
        if not (n.is_int or n.is_uint or n.is_float):
            self.errorf("illegal number syntax: %s" % _go_quote(text))
        return n


def _underscore_ok(s):
    """strconv.underscoreOK: '_' only between digits (or after a base prefix)."""
    if s[:1] in ("+", "-"):
        s = s[1:]
    saw = "^"
    i = 0
    hexa = False
    if len(s) >= 2 and s[0] == "0" and s[1] in "bBoOxX":
        i = 2
        saw = "0"
        hexa = s[1] in "xX"
    while i < len(s):
        c = s[i]
        if "0" <= c <= "9" or (hexa and c in "abcdefABCDEF"):
            saw = "0"
        elif c == "_":
            if saw != "0":
                return False
            saw = "_"
        else:
            if saw == "_":
                return False
            saw = "!"
        i += 1
    return saw != "_"


def _parse_go_int(text):
    """strconv.ParseInt(text, 0, 64) without the range check."""
    if "_" in text and not _underscore_ok(text):
        return None
    s = text.replace("_", "")
    sign = 1
    if s[:1] in ("+", "-"):
        sign = -1 if s[0] == "-" else 1
        s = s[1:]
    if not s:
        return None
    base = 10
    body = s
    if len(s) > 1 and s[0] == "0":
        p = s[1].lower()
        if p in "xob":
            base = {"x": 16, "o": 8, "b": 2}[p]
            body = s[2:]
        else:
            base = 8
            body = s[1:]
    if not body:
        return None
    digits = "0123456789abcdef"[:base]
    if any(c.lower() not in digits for c in body):
        return None
    return sign * int(body, base)


def _parse_go_float(text):
    if "_" in text and not _underscore_ok(text):
        return None
    s = text.replace("_", "")
    try:
        body = s.lstrip("+-")
        if body[:2].lower() == "0x":
            mant, p, exp = body[2:].lower().partition("p")
            if (not p or mant.strip(".") == "" or mant.count(".") > 1
                    or not exp.lstrip("+-").isdigit()
                    or any(ch not in "0123456789abcdef." for ch in mant)):
                return None
            return float.fromhex(s)
        if s.lower().lstrip("+-") in ("inf", "infinity", "nan"):
            return None
        return float(s)
    except ValueError:
        return None


# ---------------------------------------------------------------------------
# Value helpers


def _gotype(v):
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


def _is_map(v):
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


def _utf8(s):
    return s.encode("utf-8", "surrogateescape")


def _from_utf8(b):
    return b.decode("utf-8", "surrogateescape")


# ---------------------------------------------------------------------------
# Float formatting (strconv.FormatFloat)


def _float_digits(f):
    """Shortest decimal digits of finite f > 0: (digits, dp), value = 0.digits * 10**dp."""
    r = repr(f)
    e = r.find("e")
    if e >= 0:
        m, exp = r[:e], int(r[e + 1:])
    else:
        m, exp = r, 0
    dot = m.find(".")
    if dot >= 0:
        ip, fp = m[:dot], m[dot + 1:]
    else:
        ip, fp = m, ""
    digits = ip + fp
    dp = len(ip) + exp
    i = 0
    while i < len(digits) - 1 and digits[i] == "0":
        i += 1
    digits = digits[i:].rstrip("0")
    dp -= i
    if not digits:
        return "", 0
    return digits, dp


def _fmt_e(digits, dp, prec, ech="e"):
    first = digits[0] if digits else "0"
    s = first
    if prec > 0:
        frac = digits[1:prec + 1]
        s += "." + frac + "0" * (prec - len(frac))
    exp = dp - 1 if digits else 0
    sign = "-" if exp < 0 else "+"
    exp = abs(exp)
    return s + ech + sign + ("%02d" % exp)


def _fmt_f(digits, dp, prec):
    if dp > 0:
        ip = digits[:dp]
        s = ip + "0" * (dp - len(ip))
    else:
        s = "0"
    if prec > 0:
        frac = []
        for i in range(1, prec + 1):
            j = dp + i - 1
            frac.append(digits[j] if 0 <= j < len(digits) else "0")
        s += "." + "".join(frac)
    return s


def _special_float(f):
    if f != f:
        return "NaN"
    if f == float("inf"):
        return "+Inf"
    if f == float("-inf"):
        return "-Inf"
    return None


def _go_float_shortest(f, fmt="g"):
    """strconv.FormatFloat(f, fmt, -1, 64) for fmt in 'g', 'G', 'e', 'E', 'f'."""
    sp = _special_float(f)
    if sp is not None:
        return sp
    neg = f < 0 or (f == 0 and str(f)[0] == "-")
    digits, dp = _float_digits(abs(f)) if f != 0 else ("", 0)
    nd = len(digits)
    ech = "E" if fmt in "GE" else "e"
    if fmt in "eE":
        s = _fmt_e(digits, dp, max(nd - 1, 0), ech)
    elif fmt == "f":
        s = _fmt_f(digits, dp, max(nd - dp, 0))
    else:
        exp = dp - 1
        if nd and (exp < -4 or exp >= 6):
            s = _fmt_e(digits, dp, nd - 1, ech)
        else:
            s = _fmt_f(digits, dp, max(nd - dp, 0))
    return "-" + s if neg else s


def _go_float_prec(f, fmt, prec):
    """strconv.FormatFloat(f, fmt, prec, 64) with an explicit precision."""
    sp = _special_float(f)
    if sp is not None:
        return sp
    if fmt == "F":
        fmt = "f"
    if fmt in "gG" and prec == 0:
        prec = 1
    return ("%." + str(prec) + fmt) % f


def _go_float_hex(f, upper=False):
    """strconv.FormatFloat(f, 'x', -1, 64): -0x1.8p+01."""
    sp = _special_float(f)
    if sp is not None:
        return sp
    neg = f < 0 or (f == 0 and str(f)[0] == "-")
    if f == 0:
        s = "0x0p+00"
    else:
        from math import frexp

        m, e = frexp(abs(f))  # abs(f) = m * 2**e, 0.5 <= m < 1
        frac = int((m * 2 - 1) * (1 << 52))  # exact: 52 fraction bits
        exp = e - 1
        digits = ("%013x" % frac).rstrip("0")
        s = "0x1" + ("." + digits if digits else "")
        s += "p%s%02d" % ("-" if exp < 0 else "+", abs(exp))
    if neg:
        s = "-" + s
    return s.upper() if upper else s


# ---------------------------------------------------------------------------
# fmt (Sprint / Sprintf) subset


class _Flags:
    __slots__ = ("plus", "minus", "sharp", "space", "zero", "plus_v", "sharp_v",
                 "wid", "prec")

    def __init__(self):
        self.plus = self.minus = self.sharp = self.space = self.zero = False
        self.plus_v = self.sharp_v = False
        self.wid = None
        self.prec = None


_PLAIN = _Flags()


def _pad(s, f):
    if not f.wid:
        return s
    w = f.wid - len(s)
    if w <= 0:
        return s
    if f.minus:
        return s + " " * w
    return ("0" if f.zero else " ") * w + s


def _pad_spaces(s, f):
    if not f.wid:
        return s
    w = f.wid - len(s)
    if w <= 0:
        return s
    return s + " " * w if f.minus else " " * w + s


def _sprint_v(v):
    """fmt.Sprint(v) for one operand (the default action printing)."""
    t = type(v)
    if t is str:
        return v
    if t is int:
        return str(v)
    if t is bool:
        return "true" if v else "false"
    if t is float:
        return _go_float_shortest(v)
    if v is None:
        return "<nil>"
    return _fmt_value(v, "v", _PLAIN, 0)


def _bad_verb(v, verb, f):
    if v is None or v is MISSING:
        return "%!" + verb + "(<nil>)"
    return "%!" + verb + "(" + _gotype(v) + "=" + _fmt_value(v, "v", f, 0) + ")"


def _fmt_integer(n, verb, f):
    if verb == "c":
        try:
            return _pad(chr(n), f)
        except (ValueError, OverflowError):
            return _pad("\ufffd", f)
    if verb == "q":
        try:
            ch = chr(n)
        except (ValueError, OverflowError):
            ch = "\ufffd"
        return _pad(_go_quote(ch, f.plus, "'"), f)
    if verb == "U":
        s = "U+%04X" % n if n >= 0 else "U+%04X" % (n & 0xFFFFFFFFFFFFFFFF)
        if f.prec is not None and len(s) - 2 < f.prec:
            s = "U+" + s[2:].rjust(f.prec, "0")
        if f.sharp and 0 <= n <= 0x10FFFF and chr(n).isprintable():
            s += " '" + chr(n) + "'"
        return _pad_spaces(s, f)
    base = {"d": 10, "v": 10, "b": 2, "o": 8, "O": 8, "x": 16, "X": 16}[verb]
    neg = n < 0
    u = -n if neg else n
    if base == 10:
        digits = str(u)
    elif base == 16:
        digits = "%x" % u if verb == "x" else "%X" % u
    elif base == 8:
        digits = "%o" % u
    else:
        digits = format(u, "b")
    prec = None
    if f.prec is not None:
        prec = f.prec
        if prec == 0 and u == 0:
            return " " * f.wid if f.wid else ""
    elif f.zero and not f.minus and f.wid:
        prec = f.wid
        if neg or f.plus or f.space:
            prec -= 1
    if prec is not None and len(digits) < prec:
        digits = "0" * (prec - len(digits)) + digits
    if f.sharp:
        if base == 2:
            digits = "0b" + digits
        elif base == 8 and digits[0] != "0":
            digits = "0" + digits
        elif base == 16:
            digits = ("0x" if verb == "x" else "0X") + digits
    if verb == "O":
        digits = "0o" + digits
    if neg:
        digits = "-" + digits
    elif f.plus:
        digits = "+" + digits
    elif f.space:
        digits = " " + digits
    return _pad_spaces(digits, f)


def _fmt_float(v, verb, f):
    if verb == "v":
        fmt, prec = "g", -1
    elif verb in "bgGxX":
        fmt, prec = verb, -1
    else:  # f F e E
        fmt, prec = verb, 6
    if f.prec is not None:
        prec = f.prec
    if fmt in "xX":
        num = _go_float_hex(v, fmt == "X")
    elif fmt == "b":
        num = _go_float_shortest(v, "g")  # %b (binary exponent) is not supported
    elif prec < 0:
        num = _go_float_shortest(v, fmt)
    else:
        num = _go_float_prec(v, fmt, prec)
    if num[0] in "+-":
        sign, body = num[0], num[1:]
    else:
        sign, body = "+", num
    if f.space and sign == "+" and not f.plus:
        sign = " "
    if body[0] in "IN":  # Inf, NaN: no zero padding
        s = sign + body
        if body[0] == "N" and not f.space and not f.plus:
            s = body
        return _pad_spaces(s, f)
    if f.plus or sign != "+":
        s = sign + body
        if f.zero and not f.minus and f.wid and f.wid > len(s):
            return sign + "0" * (f.wid - len(s)) + body
        return _pad(s, f)
    return _pad(body, f)


def _fmt_string(s, verb, f):
    if verb == "v":
        if f.sharp_v:
            return _pad(_go_quote(s), f)
        verb = "s"
    if verb == "s":
        if f.prec is not None:
            s = s[:f.prec]
        return _pad(s, f)
    if verb == "q":
        if f.prec is not None:
            s = s[:f.prec]
        if f.sharp and "`" not in s and all(
                c == "\t" or (c.isprintable() and c != "\ufeff") for c in s):  # CanBackquote
            return _pad("`" + s + "`", f)
        return _pad(_go_quote(s, f.plus), f)
    if verb in "xX":
        b = _utf8(s)
        if f.prec is not None:
            b = b[:f.prec]
        hexfmt = "%02x" if verb == "x" else "%02X"
        parts = []
        for i, byte in enumerate(b):
            h = hexfmt % byte
            if f.space:
                if f.sharp:
                    h = ("0x" if verb == "x" else "0X") + h
                if i:
                    h = " " + h
            elif f.sharp and i == 0:
                h = ("0x" if verb == "x" else "0X") + h
            parts.append(h)
        return _pad("".join(parts), f)
    return None


def _fmt_value(v, verb, f, depth):
    """fmt printValue/printArg for one operand with a verb."""
    if v is None or v is MISSING:
        if depth > 0:
            return _pad("interface {}(nil)" if f.sharp_v else "<nil>", f)
        if verb == "v" or verb == "T":
            return _pad("<nil>", f)
        return _bad_verb(v, verb, f)
    if verb == "T":
        return _pad(_gotype(v), f)
    t = type(v)
    if t is str or (isinstance(v, str) and t is not bool):
        r = _fmt_string(str(v), verb, f)
        return _bad_verb(v, verb, f) if r is None else r
    if t is bool:
        if verb == "t" or verb == "v":
            return _pad("true" if v else "false", f)
        return _bad_verb(v, verb, f)
    if t is int or (isinstance(v, int) and not isinstance(v, bool)):
        if verb in "vdboOxXcqU":
            return _fmt_integer(int(v), verb, f)
        return _bad_verb(v, verb, f)
    if t is float or isinstance(v, float):
        if verb in "vbgGxXfFeE":
            return _fmt_float(float(v), verb, f)
        return _bad_verb(v, verb, f)
    if isinstance(v, (list, tuple)):
        if f.sharp_v:
            return _gotype(v) + "{" + ", ".join(_fmt_value(e, verb, f, depth + 1) for e in v) + "}"
        return "[" + " ".join(_fmt_value(e, verb, f, depth + 1) for e in v) + "]"
    if isinstance(v, OrderedFields):
        sep = ", " if f.sharp_v else " "
        parts = []
        for k, e in v.items():
            s = _fmt_value(e, verb, f, depth + 1)
            if f.plus_v or f.sharp_v:
                s = str(k) + ":" + s
            parts.append(s)
        return (v.gotype if f.sharp_v else "") + "{" + sep.join(parts) + "}"
    if isinstance(v, dict):
        parts = [_fmt_value(k, verb, f, depth + 1) + ":" + _fmt_value(v[k], verb, f, depth + 1)
                 for k in _sorted_keys(v)]
        if f.sharp_v:
            return _gotype(v) + "{" + ", ".join(parts) + "}"
        return "map[" + " ".join(parts) + "]"
    # struct-like object: fmt.Stringer / error first
    if not f.sharp_v and verb in "vsxXq":
        for meth in ("Error", "String"):
            m = getattr(v, meth, None)
            if m is not None and callable(m):
                r = _fmt_string(str(m()), verb, f)
                if r is not None:
                    return r
    if verb in "vs":
        return _pad(str(v), f)
    return _bad_verb(v, verb, f)


def _go_sprintf(fmt, args):
    """fmt.Sprintf subset: flags, width, precision, *, [n] indexes, verbs."""
    out = []
    n = len(fmt)
    nargs = len(args)
    argnum = 0
    reordered = False
    i = 0
    while i < n:
        j = fmt.find("%", i)
        if j < 0:
            out.append(fmt[i:])
            break
        if j > i:
            out.append(fmt[i:j])
        i = j + 1
        f = _Flags()
        while i < n:
            c = fmt[i]
            if c == "#":
                f.sharp = True
            elif c == "0":
                f.zero = not f.minus
            elif c == "+":
                f.plus = True
            elif c == "-":
                f.minus = True
                f.zero = False
            elif c == " ":
                f.space = True
            else:
                break
            i += 1
        good_argnum = True
        after_index = False

        def arg_number(argnum, i):
            # returns (argnum, i, found, ok)
            if i >= n or fmt[i] != "[":
                return argnum, i, False, True
            close = fmt.find("]", i + 1)
            if close < 0:
                return argnum, i, False, False
            num = fmt[i + 1:close]
            if not num.isdigit():
                return argnum, close + 1, True, False
            idx = int(num) - 1
            if not 0 <= idx <= nargs:
                return argnum, close + 1, True, False
            return idx, close + 1, True, True

        argnum, i, after_index, ok = arg_number(argnum, i)
        if after_index:
            reordered = True
        good_argnum = good_argnum and ok
        if i < n and fmt[i] == "*":
            i += 1
            if argnum < nargs and type(args[argnum]) is int:
                f.wid = args[argnum]
                if f.wid < 0:
                    f.wid = -f.wid
                    f.minus = True
                    f.zero = False
            else:
                out.append("%!(BADWIDTH)")
            argnum += 1
            after_index = False
        else:
            k = i
            while i < n and "0" <= fmt[i] <= "9":
                i += 1
            if i > k:
                f.wid = int(fmt[k:i])
                if after_index:
                    good_argnum = False
        if i + 1 < n and fmt[i] == ".":
            i += 1
            if after_index:
                good_argnum = False
            argnum, i, after_index, ok = arg_number(argnum, i)
            if after_index:
                reordered = True
            good_argnum = good_argnum and ok
            if i < n and fmt[i] == "*":
                i += 1
                if argnum < nargs and type(args[argnum]) is int:
                    f.prec = args[argnum]
                    if f.prec < 0:
                        f.prec = None
                        out.append("%!(BADPREC)")
                else:
                    out.append("%!(BADPREC)")
                argnum += 1
                after_index = False
            else:
                k = i
                while i < n and "0" <= fmt[i] <= "9":
                    i += 1
                f.prec = int(fmt[k:i]) if i > k else 0
        if not after_index:
            argnum, i, after_index, ok = arg_number(argnum, i)
            if after_index:
                reordered = True
            good_argnum = good_argnum and ok
        if i >= n:
            out.append("%!(NOVERB)")
            break
        verb = fmt[i]
        i += 1
        if verb == "%":
            out.append("%")
        elif not good_argnum:
            out.append("%!" + verb + "(BADINDEX)")
        elif argnum >= nargs:
            out.append("%!" + verb + "(MISSING)")
        else:
            if verb == "v":
                f.sharp_v, f.sharp = f.sharp, False
                f.plus_v, f.plus = f.plus, False
            out.append(_fmt_value(args[argnum], verb, f, 0))
            argnum += 1
    if not reordered and argnum < nargs:
        extra = []
        for a in args[argnum:]:
            if a is None or a is MISSING:
                extra.append("<nil>")
            else:
                extra.append(_gotype(a) + "=" + _fmt_value(a, "v", _PLAIN, 0))
        out.append("%!(EXTRA " + ", ".join(extra) + ")")
    return "".join(out)


def _go_sprint(args):
    out = []
    prev_string = False
    for i, a in enumerate(args):
        is_string = isinstance(a, str)
        if i > 0 and not is_string and not prev_string:
            out.append(" ")
        out.append(_sprint_v(a))
        prev_string = is_string
    return "".join(out)


def _go_sprintln(args):
    return " ".join(_sprint_v(a) for a in args) + "\n"


# ---------------------------------------------------------------------------
# encoding/json (Encoder with SetEscapeHTML(false), as docker's "json" func)

_JSON_ESC = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t",
             "\b": "\\b", "\f": "\\f", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _json_str(s):
    if s.isascii() and s.isprintable() and '"' not in s and "\\" not in s:
        return '"' + s + '"'
    out = ['"']
    for ch in s:
        e = _JSON_ESC.get(ch)
        if e is not None:
            out.append(e)
            continue
        o = ord(ch)
        if o < 0x20:
            out.append("\\u%04x" % o)
        elif 0xD800 <= o <= 0xDFFF:
            out.append("\ufffd")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _json_float(f):
    sp = _special_float(f)
    if sp is not None:
        raise FuncError("json: unsupported value: " + sp)
    if f == 0:
        return "-0" if str(f)[0] == "-" else "0"
    a = abs(f)
    if a < 1e-6 or a >= 1e21:
        s = _go_float_shortest(f, "e")
        if len(s) >= 4 and s[-4] == "e" and s[-3] == "-" and s[-2] == "0":
            s = s[:-2] + s[-1]
        return s
    return _go_float_shortest(f, "f")


def _json_encode(v, out):
    t = type(v)
    if t is str:
        out.append(_json_str(v))
    elif v is None or v is MISSING:
        out.append("null")
    elif t is bool:
        out.append("true" if v else "false")
    elif t is int:
        out.append(str(v))
    elif t is float:
        out.append(_json_float(v))
    elif t is list or t is tuple:
        out.append("[")
        for i, e in enumerate(v):
            if i:
                out.append(",")
            _json_encode(e, out)
        out.append("]")
    elif isinstance(v, OrderedFields):
        out.append("{")
        for i, (k, e) in enumerate(v.items()):
            if i:
                out.append(",")
            out.append(_json_str(str(k)))
            out.append(":")
            _json_encode(e, out)
        out.append("}")
    elif isinstance(v, dict):
        keys = {(k if isinstance(k, str) else _sprint_v(k)): k for k in v}
        out.append("{")
        for i, sk in enumerate(sorted(keys)):
            if i:
                out.append(",")
            out.append(_json_str(sk))
            out.append(":")
            _json_encode(v[keys[sk]], out)
        out.append("}")
    elif isinstance(v, bool):
        out.append("true" if v else "false")
    elif isinstance(v, str):
        out.append(_json_str(str(v)))
    elif isinstance(v, int):
        out.append(str(int(v)))
    elif isinstance(v, float):
        out.append(_json_float(float(v)))
    elif isinstance(v, (list, tuple)):
        _json_encode(list(v), out)
    else:
        hook = getattr(v, "__gojson__", None)
        if hook is not None:
            _json_encode(hook(), out)
            return
        fields = OrderedFields()
        for k, e in getattr(v, "__dict__", {}).items():
            if k[:1].isupper():
                fields[k] = e
        _json_encode(fields, out)


def _json(v):
    out = []
    _json_encode(v, out)
    return "".join(out)


# ---------------------------------------------------------------------------
# Builtin functions (text/template funcs.go)

# parameter type codes (Go parameter types)
T_RAW, T_VAL, T_ANY, T_STR, T_INT = range(5)
_TYPE_NAMES = {T_ANY: "interface {}", T_VAL: "reflect.Value", T_STR: "string", T_INT: "int"}


class _Fn:
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
        raise FuncError("cannot index slice/array with type %s" % _gotype(x))
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
        elif _is_map(item):
            if idx is MISSING:
                raise FuncError("value is nil; should be of type string")
            if not isinstance(item, StringMap) and not isinstance(idx, str):
                # keys of JSON maps are strings
                raise FuncError("value has type %s; should be string" % _gotype(idx))
            if isinstance(item, StringMap) and not isinstance(idx, str):
                raise FuncError("value has type %s; should be string" % _gotype(idx))
            if idx in item:
                item = item[idx]
            else:
                item = "" if isinstance(item, StringMap) else None
        else:
            raise FuncError("can't index item of type %s" % _gotype(item))
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
        seq = item if item.isascii() else _utf8(item)
    elif isinstance(item, (list, tuple)):
        seq = item
    else:
        raise FuncError("can't slice item of type %s" % _gotype(item))
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
        return _from_utf8(r)
    if type(r) is tuple:
        return list(r)
    if type(seq) is _StringList:
        return _StringList(r)
    return r


def _b_len(item):
    if item is None:
        raise FuncError("len of nil pointer")
    if item is MISSING:
        raise FuncError("reflect: call of reflect.Value.Type on zero Value")
    if isinstance(item, str):
        return len(item) if item.isascii() else len(_utf8(item))
    if isinstance(item, (list, tuple)) or _is_map(item):
        return len(item)
    raise FuncError("len of type %s" % _gotype(item))


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
                                % (_gotype(arg1), _gotype(arg)))
        elif k1 != _K_INVALID:
            truth = arg1 == arg
        else:
            if _go_kind(arg1) != _go_kind(arg) and arg1 is not MISSING and arg is not MISSING:
                raise FuncError("non-comparable types %s: %s, %s: %s" % (
                    _fmt_value(arg1, "s", _PLAIN, 0), _gotype(arg1), _gotype(arg),
                    _fmt_value(arg, "v", _PLAIN, 0)))
            if arg1 is MISSING or arg is MISSING:
                truth = arg1 is arg
            elif isinstance(arg, (list, tuple)) or _is_map(arg):
                raise FuncError("non-comparable type %s: %s" % (
                    _fmt_value(arg, "s", _PLAIN, 0), _gotype(arg)))
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
        raise FuncError("incompatible types for comparison: %s and %s" % (_gotype(a), _gotype(b)))
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
    for byte in _utf8(s):
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
        raise FuncError("non-function of type %s" % _gotype(fn))
    return fn(*[None if a is MISSING else a for a in args])


def _b_and(*args):  # evaluated specially (short circuit) in _Exec.eval_call
    raise AssertionError("unreachable")


_BUILTINS = {
    "and": _Fn(_b_and, (T_VAL,), T_VAL),
    "or": _Fn(_b_and, (T_VAL,), T_VAL),
    "not": _Fn(_b_not, (T_VAL,)),
    "len": _Fn(_b_len, (T_VAL,)),
    "index": _Fn(_b_index, (T_VAL,), T_VAL),
    "slice": _Fn(_b_slice, (T_VAL,), T_VAL),
    "call": _Fn(_b_call, (T_VAL,), T_VAL),
    "print": _Fn(lambda *a: _go_sprint(a), (), T_ANY),
    "printf": _Fn(lambda fmt, *a: _go_sprintf(fmt, a), (T_STR,), T_ANY),
    "println": _Fn(lambda *a: _go_sprintln(a), (), T_ANY),
    "html": _Fn(_b_html, (), T_ANY),
    "js": _Fn(_b_js, (), T_ANY),
    "urlquery": _Fn(_b_urlquery, (), T_ANY),
    "eq": _Fn(_b_eq, (T_VAL,), T_VAL),
    "ne": _Fn(_b_ne, (T_VAL, T_VAL)),
    "lt": _Fn(_b_lt, (T_VAL, T_VAL)),
    "le": _Fn(_b_le, (T_VAL, T_VAL)),
    "gt": _Fn(_b_gt, (T_VAL, T_VAL)),
    "ge": _Fn(_b_ge, (T_VAL, T_VAL)),
}


# ---------------------------------------------------------------------------
# docker/cli templates.go functions


class _StringList(list):
    """A Go []string (result of split)."""

    __slots__ = ()
    __gotype__ = "[]string"


def _d_split(s, sep):
    if sep == "":
        return _StringList(s)
    return _StringList(s.split(sep))


def _d_join(elems, sep):
    if elems is None or elems is MISSING:
        return ""
    if isinstance(elems, (list, tuple)):
        if all(type(e) is str for e in elems):
            return sep.join(elems)
        return sep.join(_sprint_v(e) for e in elems)
    if _is_map(elems):
        return sep.join(sorted(_sprint_v(e) for e in elems.values()))
    raise FuncError("expected slice, got %s" % _gotype(elems))


def _is_separator(c):
    if c <= "\x7f":
        return not (c.isalnum() or c == "_")
    if c.isalpha() or c.isdecimal():
        return False
    return c.isspace()


def _d_title(s):
    out = []
    prev = " "
    for c in s:
        if _is_separator(prev):
            t = c.title()
            out.append(t if len(t) == 1 else c)
        else:
            out.append(c)
        prev = c
    return "".join(out)


def _simple_case(s, fn):
    if s.isascii():
        return fn(s)
    out = []
    for c in s:
        m = fn(c)
        out.append(m if len(m) == 1 else c)
    return "".join(out)


def _d_lower(s):
    if s.isascii():
        return s.lower()
    # unicode.ToLower is a simple (1:1) mapping; only U+0130 has a longer
    # full lowercase mapping, whose first rune is the simple one.
    return "".join(m if len(m) == 1 else (m[0] if c == "\u0130" else c)
                   for c, m in ((c, c.lower()) for c in s))


def _d_upper(s):
    return _simple_case(s, str.upper)


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
    b = _utf8(s)
    if len(b) < length:
        return s
    if length < 0:
        raise FuncError("runtime error: slice bounds out of range [:%d]" % length)
    return _from_utf8(b[:length])


def _d_json(v):
    return _json(v)


DOCKER_FUNCS = {
    "json": _Fn(_d_json, (T_ANY,)),
    "split": _Fn(_d_split, (T_STR, T_STR)),
    "join": _Fn(_d_join, (T_ANY, T_STR)),
    "title": _Fn(_d_title, (T_STR,)),
    "lower": _Fn(_d_lower, (T_STR,)),
    "upper": _Fn(_d_upper, (T_STR,)),
    "pad": _Fn(_d_pad, (T_STR, T_INT, T_INT)),
    "truncate": _Fn(_d_truncate, (T_STR, T_INT)),
}

#: docker/cli ``HeaderFunctions``: used to render table headers (identity
#: functions with the same arity; ``pad`` stays the real one).
HEADER_FUNCS = {
    "json": _Fn(lambda v: v, (T_STR,)),
    "split": _Fn(lambda v, _: v, (T_STR, T_STR)),
    "join": _Fn(lambda v, _: v, (T_STR, T_STR)),
    "title": _Fn(lambda v: v, (T_STR,)),
    "lower": _Fn(lambda v: v, (T_STR,)),
    "upper": _Fn(lambda v: v, (T_STR,)),
    "truncate": _Fn(lambda v, _: v, (T_STR, T_INT)),
}

_SPEC_CACHE = {}


def _spec_from_callable(fn):
    """Go-like signature for a Python callable: fixed interface{} params."""
    if isinstance(fn, _Fn):
        return fn
    func = getattr(fn, "__func__", fn)
    bound = func is not fn
    key = (func, bound)
    spec = _SPEC_CACHE.get(key)
    if spec is not None:
        return spec
    code = getattr(func, "__code__", None)
    if code is None:
        spec = _Fn(fn, (), T_ANY)
        spec.fn = None
    else:
        nargs = code.co_argcount - (1 if bound else 0)
        ndef = len(getattr(func, "__defaults__", None) or ())
        if code.co_flags & 0x04 or ndef:
            spec = _Fn(None, (T_ANY,) * (nargs - ndef), T_ANY)
        else:
            spec = _Fn(None, (T_ANY,) * nargs)
    if len(_SPEC_CACHE) < 4096:
        _SPEC_CACHE[key] = spec
    return spec


# types.MethodType / BuiltinMethodType without importing ``types``
_MethodType = type(_Fn(None).__init__)
_BuiltinMethodType = type([].append)


# ---------------------------------------------------------------------------
# Executor (mirrors text/template/exec.go)


class _Exec:
    __slots__ = ("tmpl", "tname", "out", "vars", "node", "depth", "dot_iface", "last_iface")

    def __init__(self, tmpl):
        self.tmpl = tmpl
        self.tname = tmpl.name
        self.out = []
        self.vars = []  # [name, value, value-is-an-interface{}-element]
        self.node = None
        self.depth = 0
        # Whether dot is an element of a []interface{} / map[string]interface{}
        # being ranged over (Go then reports its type as "interface {}").
        self.dot_iface = False
        self.last_iface = False  # the last field lookup read a map[string]interface{}

    # -- errors
    def errorf(self, msg):
        node = self.node
        if node is None:
            text = "template: %s: %s" % (self.tname, msg)
        else:
            src = self.tmpl.text
            pos = node.pos
            before = src[:pos]
            nl = before.rfind("\n")
            line = 1 + before.count("\n")
            col = len(_utf8(before[nl + 1:])) if not before.isascii() else pos - (nl + 1)
            text = 'template: %s:%d:%d: executing %s at <%s>: %s' % (
                self.tmpl.name, line, col, _go_quote(self.tname), node, msg)
        raise TemplateError(text, "exec", "".join(self.out))

    # -- variables
    def set_var(self, name, value, iface=False):
        vs = self.vars
        for i in range(len(vs) - 1, -1, -1):
            if vs[i][0] == name:
                vs[i][1] = value
                vs[i][2] = iface
                return
        self.errorf("undefined variable: %s" % name)

    def var_entry(self, name):
        vs = self.vars
        for i in range(len(vs) - 1, -1, -1):
            if vs[i][0] == name:
                return vs[i]
        self.errorf("undefined variable: %s" % name)

    # -- walk
    def walk(self, dot, node):
        self.node = node
        k = node.kind
        if k == N_TEXT:
            self.out.append(node.text)
        elif k == N_ACTION:
            val = self.eval_pipeline(dot, node.pipe)
            if not node.pipe.decl:
                self.node = node
                if val is MISSING:
                    self.out.append("<no value>")
                elif type(val) is str:
                    self.out.append(val)
                else:
                    self.out.append(_sprint_v(val))
        elif k == N_LIST:
            for n in node.nodes:
                self.walk(dot, n)
        elif k == N_IF or k == N_WITH:
            mark = len(self.vars)
            val = self.eval_pipeline(dot, node.pipe)
            if _truth(val):
                if k == N_WITH:
                    saved = self.dot_iface
                    self.dot_iface = False
                    self.walk(val, node.list)
                    self.dot_iface = saved
                else:
                    self.walk(dot, node.list)
            elif node.else_list is not None:
                self.walk(dot, node.else_list)
            del self.vars[mark:]
        elif k == N_RANGE:
            self.walk_range(dot, node)
        elif k == N_TEMPLATE:
            self.walk_template(dot, node)
        elif k == N_BREAK:
            raise _Break()
        elif k == N_CONTINUE:
            raise _Continue()
        elif k == N_COMMENT:
            pass
        else:
            self.errorf("unknown node: %s" % node)

    def walk_range(self, dot, r):
        self.node = r
        mark0 = len(self.vars)
        val = self.eval_pipeline(dot, r.pipe)
        mark = len(self.vars)
        pipe = r.pipe
        ndecl = len(pipe.decl)
        vs = self.vars
        iface = type(val) is list or type(val) is tuple or type(val) is dict
        saved_iface = self.dot_iface

        def one(index, elem):
            if ndecl:
                if pipe.is_assign:
                    if ndecl > 1:
                        self.set_var(pipe.decl[0].ident[0], index)
                    else:
                        self.set_var(pipe.decl[0].ident[0], elem, iface)
                else:
                    vs[-1][1] = elem
                    vs[-1][2] = iface
            if ndecl > 1:
                if pipe.is_assign:
                    self.set_var(pipe.decl[1].ident[0], elem, iface)
                else:
                    vs[-2][1] = index
                    vs[-2][2] = False
            self.dot_iface = iface
            try:
                self.walk(elem, r.list)
            except _Continue:
                pass
            self.dot_iface = saved_iface
            del vs[mark:]

        ran = False
        try:
            if isinstance(val, (list, tuple)):
                for i, e in enumerate(val):
                    ran = True
                    one(i, e)
            elif _is_map(val):
                for key in _sorted_keys(val):
                    ran = True
                    one(key, val[key])
            elif type(val) is int or (isinstance(val, int) and not isinstance(val, bool)):
                if ndecl > 1:
                    self.errorf("can't use %s to iterate over more than one variable"
                                % _sprint_v(val))
                for i in range(val):
                    ran = True
                    one(MISSING, i)
            elif val is MISSING or val is None:
                pass
            else:
                self.errorf("range can't iterate over %s" % _sprint_v(val))
        except _Break:
            ran = True
            self.dot_iface = saved_iface
        if not ran and r.else_list is not None:
            self.walk(dot, r.else_list)
        del vs[mark0:]

    def walk_template(self, dot, t):
        self.node = t
        root = self.tmpl.trees.get(t.name)
        if root is None:
            self.errorf("template %s not defined" % _go_quote(t.name))
        if self.depth >= 1000:
            self.errorf("exceeded maximum template depth (%d)" % 1000)
        dot = self.eval_pipeline(dot, t.pipe)
        saved = (self.vars, self.tname, self.dot_iface)
        self.vars = [["$", dot, False]]
        self.tname = t.name
        self.dot_iface = False
        self.depth += 1
        try:
            self.walk(dot, root)
        finally:
            self.depth -= 1
            self.vars, self.tname, self.dot_iface = saved

    # -- evaluation
    def eval_pipeline(self, dot, pipe):
        if pipe is None:
            return MISSING
        self.node = pipe
        value = _NOFINAL
        for cmd in pipe.cmds:
            value = self.eval_command(dot, cmd, value)
            if value is None:
                value = MISSING  # interface{} holding nil -> no value
        if pipe.decl:
            for var in pipe.decl:
                if pipe.is_assign:
                    self.set_var(var.ident[0], value)
                else:
                    self.vars.append([var.ident[0], value, False])
        return value

    def not_a_function(self, args, final):
        if (args is not None and len(args) > 1) or final is not _NOFINAL:
            self.errorf("can't give argument to non-function %s" % args[0])

    def eval_command(self, dot, cmd, final):
        first = cmd.args[0]
        k = first.kind
        if k == N_FIELD:
            self.node = first
            return self.eval_field_chain(dot, dot, first, first.ident, cmd.args, final,
                                         self.dot_iface)
        if k == N_CHAIN:
            return self.eval_chain(dot, first, cmd.args, final)
        if k == N_IDENT:
            return self.eval_function(dot, first, cmd, cmd.args, final)
        if k == N_PIPE:
            self.not_a_function(cmd.args, final)
            return self.eval_pipeline(dot, first)
        if k == N_VARIABLE:
            return self.eval_variable(dot, first, cmd.args, final)
        self.node = first
        self.not_a_function(cmd.args, final)
        if k == N_BOOL:
            return first.value
        if k == N_DOT:
            return dot
        if k == N_NIL:
            self.errorf("nil is not a command")
        if k == N_NUMBER:
            return self.ideal_constant(first)
        if k == N_STRING:
            return first.text
        self.errorf("can't evaluate command %s" % _go_quote(str(first)))

    def ideal_constant(self, c):
        self.node = c
        text = c.text
        if (c.is_float and not (len(text) > 2 and text[0] == "0" and text[1] in "xX"
                                and "p" not in text and "P" not in text)
                and text[0] != "'" and any(ch in text for ch in ".eEpP")):
            return c.float_val
        if c.is_int:
            return c.int_val
        if c.is_uint:
            self.errorf("%s overflows int" % text)
        return MISSING

    def eval_chain(self, dot, chain, args, final):
        self.node = chain
        if chain.node.kind == N_NIL:
            self.errorf("indirection through explicit nil in %s" % chain)
        pipe = self.eval_arg(dot, T_RAW, chain.node)
        return self.eval_field_chain(dot, pipe, chain, chain.field, args, final, False)

    def eval_variable(self, dot, var, args, final):
        self.node = var
        entry = self.var_entry(var.ident[0])
        if len(var.ident) == 1:
            self.not_a_function(args, final)
            return entry[1]
        return self.eval_field_chain(dot, entry[1], var, var.ident[1:], args, final, entry[2])

    def eval_field_chain(self, dot, receiver, node, ident, args, final, iface=False):
        n = len(ident)
        for i in range(n - 1):
            nxt = self.eval_field(dot, ident[i], node, None, _NOFINAL, receiver, iface)
            iface = type(receiver) is dict
            receiver = nxt
        self.last_iface = type(receiver) is dict
        return self.eval_field(dot, ident[n - 1], node, args, final, receiver, iface)

    def eval_function(self, dot, node, cmd, args, final):
        self.node = node
        name = node.ident
        tmpl = self.tmpl
        spec = tmpl.funcs.get(name)
        builtin = False
        if spec is None:
            spec = _BUILTINS.get(name)
            builtin = True
            if spec is None:
                self.errorf("%s is not a defined function" % _go_quote(name))
        return self.eval_call(dot, spec, spec.fn, builtin, cmd, name, args, final)

    def eval_field(self, dot, name, node, args, final, receiver, iface=False):
        t = type(receiver)
        if t is dict or t is StringMap:
            if (args is not None and len(args) > 1) or final is not _NOFINAL:
                self.errorf("%s is not a method but has arguments" % name)
            try:
                return receiver[name]
            except KeyError:
                return self._missing_key(receiver, name)
        if receiver is MISSING:
            if self.tmpl.missingkey == "error":
                self.errorf("nil data; no entry for key %s" % _go_quote(name))
            return MISSING
        if receiver is None:
            self.errorf("nil pointer evaluating interface {}.%s" % name)
        has_args = (args is not None and len(args) > 1) or final is not _NOFINAL
        if isinstance(receiver, OrderedFields):
            if name in receiver:
                if has_args:
                    self.errorf("%s has arguments but cannot be invoked as function" % name)
                return receiver[name]
        elif isinstance(receiver, dict):
            if has_args:
                self.errorf("%s is not a method but has arguments" % name)
            try:
                return receiver[name]
            except KeyError:
                return self._missing_key(receiver, name)
        elif (t is not str and t is not int and t is not float and t is not bool
              and t is not list and t is not tuple and name[:1].isupper()):
            try:
                attr = getattr(receiver, name, _NOFINAL)
            except Exception as e:  # a failing property: like a panicking method
                self.errorf("error calling %s: %s" % (name, e))
            if attr is not _NOFINAL:
                at = type(attr)
                if at is _MethodType or at is _BuiltinMethodType:
                    spec = _spec_from_callable(attr)
                    return self.eval_call(dot, spec, attr, False, node, name, args, final)
                if has_args:
                    self.errorf("%s has arguments but cannot be invoked as function" % name)
                return attr
        self.errorf("can't evaluate field %s in type %s"
                    % (name, "interface {}" if iface else _gotype(receiver)))

    def _missing_key(self, receiver, name):
        mk = self.tmpl.missingkey
        if mk == "error":
            self.errorf("map has no entry for key %s" % _go_quote(name))
        if mk == "zero":
            return "" if isinstance(receiver, StringMap) else None
        return MISSING

    def eval_call(self, dot, spec, fn, builtin, node, name, args, final):
        args = args[1:] if args is not None else ()
        params = spec.params
        variadic = spec.variadic
        num_in = len(args) + (0 if final is _NOFINAL else 1)
        if variadic is not None:
            num_fixed = len(params)
            if num_in < num_fixed:
                self.errorf("wrong number of args for %s: want at least %d got %d"
                            % (name, num_fixed, len(args)))
        else:
            num_fixed = len(args)
            if num_in != len(params):
                self.errorf("wrong number of args for %s: want %d got %d"
                            % (name, len(params), num_in))
        if builtin and (name == "and" or name == "or"):
            want = name == "or"
            v = MISSING
            for arg in args:
                v = self.eval_arg(dot, T_VAL, arg)
                if _truth(v) == want:
                    return v
            if final is not _NOFINAL:
                v = final
            return v
        argv = []
        i = 0
        nargs = len(args)
        while i < num_fixed and i < nargs:
            argv.append(self.eval_arg(dot, params[i], args[i]))
            i += 1
        if variadic is not None:
            while i < nargs:
                argv.append(self.eval_arg(dot, variadic, args[i]))
                if builtin and name == "slice" and self._arg_is_iface(args[i]):
                    # Go's slice() does not unwrap interface{} index values
                    argv[-1] = _IfaceArg(argv[-1])
                i += 1
        if final is not _NOFINAL:
            if variadic is not None:
                t = params[num_in - 1] if num_in - 1 < num_fixed else variadic
            else:
                t = params[-1]
            argv.append(self.validate_type(final, t))
        try:
            return fn(*argv)
        except (TemplateError, _Break, _Continue):
            raise
        except FuncError as e:
            self.node = node
            self.errorf("error calling %s: %s" % (name, e))
        except RecursionError:
            raise
        except Exception as e:  # a Go panic in the function: recovered by safeCall
            self.node = node
            self.errorf("error calling %s: %s" % (name, e))

    def _arg_is_iface(self, n):
        k = n.kind
        if k == N_FIELD or k == N_CHAIN:
            return self.last_iface
        if k == N_VARIABLE:
            return self.last_iface if len(n.ident) > 1 else self.var_entry(n.ident[0])[2]
        if k == N_DOT:
            return self.dot_iface
        return False

    def validate_type(self, value, typ):
        if typ == T_RAW or typ == T_VAL:
            return value
        if value is MISSING:
            if typ == T_ANY:
                return None
            self.errorf("invalid value; expected %s" % _TYPE_NAMES[typ])
        if typ == T_STR:
            if isinstance(value, str):
                return value
            self.errorf("wrong type for value; expected string; got %s"
                        % ("interface {}" if value is None else _gotype(value)))
        if typ == T_INT:
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            self.errorf("wrong type for value; expected int; got %s"
                        % ("interface {}" if value is None else _gotype(value)))
        return value

    def eval_arg(self, dot, typ, n):
        self.node = n
        k = n.kind
        if k == N_DOT:
            return self.validate_type(dot, typ)
        if k == N_NIL:
            if typ == T_ANY or typ == T_RAW:
                return None
            if typ == T_VAL:
                return MISSING
            self.errorf("cannot assign nil to %s" % _TYPE_NAMES[typ])
        if k == N_FIELD:
            return self.validate_type(
                self.eval_field_chain(dot, dot, n, n.ident, (n,), _NOFINAL, self.dot_iface), typ)
        if k == N_VARIABLE:
            return self.validate_type(self.eval_variable(dot, n, None, _NOFINAL), typ)
        if k == N_PIPE:
            return self.validate_type(self.eval_pipeline(dot, n), typ)
        if k == N_IDENT:
            return self.validate_type(self.eval_function(dot, n, n, None, _NOFINAL), typ)
        if k == N_CHAIN:
            return self.validate_type(self.eval_chain(dot, n, None, _NOFINAL), typ)
        if typ == T_STR:
            if k == N_STRING:
                return n.text
            self.errorf("expected string; found %s" % n)
        if typ == T_INT:
            if k == N_NUMBER and n.is_int:
                return n.int_val
            self.errorf("expected integer; found %s" % n)
        # interface{} / reflect.Value: evalEmptyInterface
        if k == N_BOOL:
            return n.value
        if k == N_NUMBER:
            return self.ideal_constant(n)
        if k == N_STRING:
            return n.text
        self.errorf("can't handle assignment of %s to empty interface argument" % n)


# ---------------------------------------------------------------------------
# Template


class Template:
    """A parsed Go template (see module docstring)."""

    __slots__ = ("name", "text", "root", "trees", "funcs", "missingkey")

    def __init__(self):
        raise TypeError("use Template.parse(text)")

    @classmethod
    def parse(cls, text, funcs=None, name="", delims=("{{", "}}")):
        if not isinstance(text, str):
            raise TypeError("template text must be str")
        table = dict(DOCKER_FUNCS)
        if funcs:
            for k, fn in funcs.items():
                if fn is None:
                    continue
                if isinstance(fn, _Fn):
                    table[k] = fn
                else:
                    spec = _spec_from_callable(fn)
                    table[k] = _Fn(fn, spec.params, spec.variadic)

        def has_func(fname):
            return fname in table or fname in _BUILTINS

        ld, rd = delims
        parser = _Parser(name, text, has_func, ld or "{{", rd or "}}")
        try:
            root = parser.parse()
        except RecursionError:
            raise TemplateError("template: %s:%d: max expression depth exceeded"
                                % (name, parser.token[0].line if parser.token[0] else 1),
                                "parse") from None
        self = object.__new__(cls)
        self.name = name
        self.text = text
        self.root = root
        self.trees = parser.trees
        self.funcs = table
        self.missingkey = "default"
        return self

    def _copy(self):
        c = object.__new__(Template)
        for attr in Template.__slots__:
            setattr(c, attr, getattr(self, attr))
        return c

    def option(self, *opts):
        """Go's Template.Option: "missingkey=default|invalid|zero|error"."""
        c = self._copy()
        for opt in opts:
            key, _, val = opt.partition("=")
            if key != "missingkey" or val not in ("default", "invalid", "zero", "error"):
                raise ValueError("unrecognized option: " + opt)
            c.missingkey = "default" if val == "invalid" else val
        return c

    def with_funcs(self, funcs):
        """Copy with functions replaced (names must already be known)."""
        c = self._copy()
        table = dict(self.funcs)
        for k, fn in funcs.items():
            if isinstance(fn, _Fn):
                table[k] = fn
            else:
                spec = _spec_from_callable(fn)
                table[k] = _Fn(fn, spec.params, spec.variadic)
        c.funcs = table
        return c

    def execute(self, data=None):
        if data is None:
            data = MISSING  # reflect.ValueOf(nil) is the invalid Value
        ex = _Exec(self)
        ex.vars.append(["$", data, False])
        root = self.trees.get(self.name, self.root)
        try:
            ex.walk(data, root)
        except RecursionError:
            raise TemplateError("template: %s: exceeded maximum template depth" % self.name,
                                "exec", "".join(ex.out))
        return "".join(ex.out)

    def __repr__(self):
        return "Template.parse(%r)" % self.text


def render(text, data=None, funcs=None):
    """Parse ``text`` and execute it against ``data``."""
    return Template.parse(text, funcs).execute(data)
