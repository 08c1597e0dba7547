"""The template executor (mirrors Go's text/template/exec.go) and the public Template."""

from .fmt import sprint_value
from .funcs import (
    T_ANY,
    T_INT,
    T_RAW,
    T_STR,
    T_VAL,
    _BUILTINS,
    _BuiltinMethodType,
    Func,
    _IfaceArg,
    _MethodType,
    _TYPE_NAMES,
    _spec_from_callable,
)
from .parser import (
    N_ACTION,
    N_BOOL,
    N_BREAK,
    N_CHAIN,
    N_COMMENT,
    N_CONTINUE,
    N_DOT,
    N_FIELD,
    N_IDENT,
    N_IF,
    N_LIST,
    N_NIL,
    N_NUMBER,
    N_PIPE,
    N_RANGE,
    N_STRING,
    N_TEMPLATE,
    N_TEXT,
    N_VARIABLE,
    N_WITH,
    _Parser,
)
from .values import (
    FuncError,
    MISSING,
    OrderedFields,
    StringMap,
    TemplateError,
    _Break,
    _Continue,
    _NOFINAL,
    gotype,
    is_map,
    _sorted_keys,
    _truth,
    to_utf8,
    quote,
)


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
            col = len(to_utf8(before[nl + 1:])) if not before.isascii() else pos - (nl + 1)
            text = 'template: %s:%d:%d: executing %s at <%s>: %s' % (
                self.tmpl.name, line, col, quote(self.tname), node, msg)
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
                    self.out.append(sprint_value(val))
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
            elif is_map(val):
                for key in _sorted_keys(val):
                    ran = True
                    one(key, val[key])
            elif type(val) is int or (isinstance(val, int) and not isinstance(val, bool)):
                if ndecl > 1:
                    self.errorf("can't use %s to iterate over more than one variable"
                                % sprint_value(val))
                for i in range(val):
                    ran = True
                    one(MISSING, i)
            elif val is MISSING or val is None:
                pass
            else:
                self.errorf("range can't iterate over %s" % sprint_value(val))
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
            self.errorf("template %s not defined" % quote(t.name))
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
        self.errorf("can't evaluate command %s" % quote(str(first)))

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
                self.errorf("%s is not a defined function" % quote(name))
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
                self.errorf("nil data; no entry for key %s" % quote(name))
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
                    % (name, "interface {}" if iface else gotype(receiver)))

    def _missing_key(self, receiver, name):
        mk = self.tmpl.missingkey
        if mk == "error":
            self.errorf("map has no entry for key %s" % quote(name))
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
                        % ("interface {}" if value is None else gotype(value)))
        if typ == T_INT:
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            self.errorf("wrong type for value; expected int; got %s"
                        % ("interface {}" if value is None else gotype(value)))
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
        """Go's ``template.New(name).Delims(...).Funcs(funcs).Parse(text)``."""
        if not isinstance(text, str):
            raise TypeError("template text must be str")
        table = {}
        if funcs:
            for k, fn in funcs.items():
                if fn is None:
                    continue
                if isinstance(fn, Func):
                    table[k] = fn
                else:
                    spec = _spec_from_callable(fn)
                    table[k] = Func(fn, spec.params, spec.variadic)

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
            if isinstance(fn, Func):
                table[k] = fn
            else:
                spec = _spec_from_callable(fn)
                table[k] = Func(fn, spec.params, spec.variadic)
        c.funcs = table
        return c

    def execute(self, data=None):
        """Go's ``Template.Execute`` into a string; raises :class:`TemplateError`."""
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
