"""Go's ``encoding/csv``: reading one record with the default settings."""

from __future__ import annotations


class ParseError(ValueError):
    """Go's ``*csv.ParseError`` (or ``io.EOF``); ``str()`` is Go's message."""


_ERR_BARE_QUOTE = 'bare " in non-quoted-field'
_ERR_QUOTE = 'extraneous or missing " in quoted-field'


def read_record(value: str) -> list:
    """The first record of ``value`` read by Go's ``encoding/csv`` with the
    default settings (comma ``,``, no comments, strict quotes).

    Only the first line (or the first quoted multi-line record) is used; any
    later lines are ignored.  Empty lines before it are skipped.

    Errors: ``EOF`` (empty value), ``parse error on line 1, column 5: bare "
    in non-quoted-field``, ``parse error on line 1, column 5: extraneous or
    missing " in quoted-field`` and, for a record spanning lines,
    ``record on line 1; parse error on line 2, column 3: ...``.  Columns are
    1-based byte offsets.
    """
    data = value.encode("utf-8", "surrogateescape")
    pos_in = 0
    num_line = 0

    def read_line():
        nonlocal pos_in, num_line
        if pos_in >= len(data):
            num_line += 1
            return b"", True
        nl = data.find(b"\n", pos_in)
        if nl < 0:
            line = data[pos_in:]
            pos_in = len(data)
            eof = False  # a non-empty last line is returned without EOF
            if line.endswith(b"\r"):
                line = line[:-1]
        else:
            line = data[pos_in:nl + 1]
            pos_in = nl + 1
            eof = False
        num_line += 1
        if len(line) >= 2 and line[-2:] == b"\r\n":
            line = line[:-2] + b"\n"
        return line, eof

    def length_nl(b):
        return 1 if b.endswith(b"\n") else 0

    def error(start, line, col, msg):
        if start != line:
            return ParseError("record on line %d; parse error on line %d, column %d: %s"
                                  % (start, line, col, msg))
        return ParseError("parse error on line %d, column %d: %s" % (line, col, msg))

    err_read = False
    line = b""
    while not err_read:
        line, err_read = read_line()
        if not err_read and len(line) == length_nl(line):
            line = b""
            continue
        break
    if err_read:
        raise ParseError("EOF")

    rec_line = num_line
    buf = bytearray()
    field_idx = []
    pos_line, pos_col = num_line, 1
    while True:
        if len(line) == 0 or line[0:1] != b'"':
            i = line.find(b",")
            field = line[:i] if i >= 0 else line[:len(line) - length_nl(line)]
            j = field.find(b'"')
            if j >= 0:
                raise error(rec_line, num_line, pos_col + j, _ERR_BARE_QUOTE)
            buf += field
            field_idx.append(len(buf))
            if i >= 0:
                line = line[i + 1:]
                pos_col += i + 1
                continue
            break
        else:
            line = line[1:]
            pos_col += 1
            done = False
            while True:
                i = line.find(b'"')
                if i >= 0:
                    buf += line[:i]
                    line = line[i + 1:]
                    pos_col += i + 1
                    nxt = line[0:1]
                    if nxt == b'"':
                        buf += b'"'
                        line = line[1:]
                        pos_col += 1
                    elif nxt == b",":
                        line = line[1:]
                        pos_col += 1
                        field_idx.append(len(buf))
                        break
                    elif length_nl(line) == len(line):
                        field_idx.append(len(buf))
                        done = True
                        break
                    else:
                        raise error(rec_line, num_line, pos_col - 1, _ERR_QUOTE)
                elif len(line) > 0:
                    buf += line
                    if err_read:
                        done = True
                        field_idx.append(len(buf))
                        break
                    pos_col += len(line)
                    line, err_read = read_line()
                    if len(line) > 0:
                        pos_line += 1
                        pos_col = 1
                    if err_read:
                        err_read = False
                else:
                    raise error(rec_line, pos_line, pos_col, _ERR_QUOTE)
            if done:
                break
            continue
    text = bytes(buf)
    out = []
    prev = 0
    for idx in field_idx:
        out.append(text[prev:idx].decode("utf-8", "surrogateescape"))
        prev = idx
    return out
