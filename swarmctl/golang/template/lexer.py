"""The template lexer (mirrors Go's text/template/parse/lex.go)."""

from .values import quote


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
            return quote(self.val[:10]) + "..."
        return quote(self.val)


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
                    return error("bad number syntax: %s" % quote(text[start:pos]), start)
                if pos < n and text[pos] in "+-":
                    ok, pos = scan_number(pos)
                    if not ok or text[pos - 1] != "i":
                        return error("bad number syntax: %s" % quote(text[start:pos]), start)
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
