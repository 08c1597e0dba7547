"""The template parse tree and parser (mirror Go's text/template/parse/node.go and parse.go)."""

from swarmctl.golang.strconv import underscore_ok, unquote, unquote_char
from .lexer import (
    I_ASSIGN,
    I_BLOCK,
    I_BOOL,
    I_BREAK,
    I_CHAR,
    I_CHARCONST,
    I_COMPLEX,
    I_CONTINUE,
    I_DECLARE,
    I_DEFINE,
    I_DOT,
    I_ELSE,
    I_END,
    I_EOF,
    I_ERROR,
    I_FIELD,
    I_IDENT,
    I_IF,
    I_LDELIM,
    I_LPAREN,
    I_NIL,
    I_NUMBER,
    I_PIPE,
    I_RANGE,
    I_RAWSTRING,
    I_RDELIM,
    I_RPAREN,
    I_SPACE,
    I_STRING,
    I_TEMPLATE,
    I_TEXT,
    I_VARIABLE,
    I_WITH,
    _Item,
    _lex,
)
from .values import TemplateError, quote


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
            return "{{template %s}}" % quote(self.name)
        return "{{template %s %s}}" % (quote(self.name), self.pipe)


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
            self.errorf("template: multiple definition of template %s" % quote(name))

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
            name = unquote(tok.val)
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
                return unquote(tok.val)
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
                self.errorf("unexpected . after term %s" % quote(str(node)))
            else:
                node = chain
        return node

    def term(self):
        tok = self.next_non_space()
        t = tok.typ
        if t == I_IDENT:
            if not self.has_func(tok.val):
                self.errorf("function %s not defined" % quote(tok.val))
            return _Ident(tok.pos, tok.val)
        if t == I_DOT:
            return _Dot(tok.pos)
        if t == I_NIL:
            return _Nil(tok.pos)
        if t == I_VARIABLE:
            v = _Variable(tok.pos, tok.val)
            if v.ident[0] not in self.vars:
                self.errorf("undefined variable %s" % quote(v.ident[0]))
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
                s = unquote(tok.val)
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
                ch, i = unquote_char(text, 1, "'")
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
                    self.errorf("integer overflow: %s" % quote(text))
                n.is_float = True
                n.float_val = fv
                if fv == fv and fv not in (float("inf"), float("-inf")) and fv == int(fv):
                    iv = int(fv)
                    if -(1 << 63) <= iv < 1 << 63:
                        n.is_int, n.int_val = True, iv
                    if 0 <= iv < 1 << 64:
                        n.is_uint = True
        if not (n.is_int or n.is_uint or n.is_float):
            self.errorf("illegal number syntax: %s" % quote(text))
        return n


def _parse_go_int(text):
    """strconv.ParseInt(text, 0, 64) without the range check."""
    if "_" in text and not underscore_ok(text):
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
    if "_" in text and not underscore_ok(text):
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
