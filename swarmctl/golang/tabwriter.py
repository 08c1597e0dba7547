"""Go's ``text/tabwriter`` as forked by the Docker CLI: cell widths in terminal columns
(go-runewidth), Docker's table parameters as defaults (minwidth 10, tabwidth 1, padding 3,
blank padding, no flags)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from swarmctl.golang.runewidth import display_width

if TYPE_CHECKING:  # typing is not imported at run time: this module is on the hot path
    from typing import List, Tuple

FILTER_HTML = 1 << 0  # not implemented: Docker never sets it
STRIP_ESCAPE = 1 << 1  # not implemented: Docker never sets it
ALIGN_RIGHT = 1 << 2
DISCARD_EMPTY_COLUMNS = 1 << 3
TAB_INDENT = 1 << 4
DEBUG = 1 << 5


# The characters that end a cell; split() keeps them, to tell the cell's ending.
_CELL_END = re.compile(r"([\t\v\n\f])")


class TabWriter:
    """Go's ``text/tabwriter.Writer`` (cells are tab-terminated; the text
    after the last tab of a line is not part of any column and is never
    padded). Defaults are the Docker table parameters."""

    def __init__(self, minwidth: int = 10, tabwidth: int = 1, padding: int = 3,
                 padchar: str = " ", flags: int = 0):
        if minwidth < 0 or tabwidth < 0 or padding < 0:
            raise ValueError("negative minwidth, tabwidth, or padding")
        self.minwidth = minwidth
        self.tabwidth = tabwidth
        self.padding = padding
        self.padchar = padchar
        self.flags = flags
        if padchar == "\t":
            # Go: tab padding implies left alignment, ignoring AlignRight
            self.flags &= ~ALIGN_RIGHT
        self._out: List[str] = []
        self._reset()

    def _reset(self) -> None:
        self._cell: List[str] = []
        # a cell is a tuple (text, width in terminal columns, ended by a horizontal tab):
        # cheaper than an object, and tables have thousands of them
        self._lines: List[List[Tuple[str, int, bool]]] = [[]]
        self._widths: List[int] = []

    # -- output -----------------------------------------------------------

    def _write_padding(self, textw: int, cellw: int, use_tabs: bool) -> None:
        if self.padchar == "\t" or use_tabs:
            if self.tabwidth == 0:
                return
            cellw = (cellw + self.tabwidth - 1) // self.tabwidth * self.tabwidth
            n = cellw - textw
            if n < 0:
                raise RuntimeError("internal error")
            self._out.append("\t" * ((n + self.tabwidth - 1) // self.tabwidth))
            return
        if cellw - textw > 0:
            self._out.append(self.padchar * (cellw - textw))

    def _write_lines(self, line0: int, line1: int) -> None:
        out = self._out
        widths = self._widths
        nwidths = len(widths)
        lines = self._lines
        nlines = len(lines)
        # No flags and blank padding (Docker's tables): every cell is its text, then
        # padding up to its column's width; cells past the last column are bare text.
        plain = not self.flags and self.padchar != "\t"
        padchar = self.padchar
        for i in range(line0, line1):
            line = lines[i]
            if plain:
                for j, (text, width, _) in enumerate(line):
                    out.append(text)
                    if j < nwidths and widths[j] > width:
                        out.append(padchar * (widths[j] - width))
            else:
                self._write_cells(line)
            if i + 1 == nlines:
                # last buffered line: no newline, just the pending cell text
                out.append("".join(self._cell))
            else:
                out.append("\n")

    def _write_cells(self, line: List[Tuple[str, int, bool]]) -> None:
        out = self._out
        widths = self._widths
        use_tabs = bool(self.flags & TAB_INDENT)
        for j, (text, width, _) in enumerate(line):
            if j > 0 and self.flags & DEBUG:
                out.append("|")
            if not text:
                if j < len(widths):
                    self._write_padding(width, widths[j], use_tabs)
            else:
                use_tabs = False
                if not self.flags & ALIGN_RIGHT:
                    out.append(text)
                    if j < len(widths):
                        self._write_padding(width, widths[j], False)
                else:
                    if j < len(widths):
                        self._write_padding(width, widths[j], False)
                    out.append(text)

    def _format(self, line0: int, line1: int) -> None:
        column = len(self._widths)
        lines = self._lines
        this = line0
        while this < line1:
            if column >= len(lines[this]) - 1:
                this += 1
                continue
            # a cell exists in this column: print the lines before the block
            self._write_lines(line0, this)
            line0 = this
            width = self.minwidth
            discardable = True
            while this < line1:
                line = lines[this]
                if column >= len(line) - 1:
                    break
                _, cell_width, htab = line[column]
                w = cell_width + self.padding
                if w > width:
                    width = w
                if cell_width > 0 or htab:
                    discardable = False
                this += 1
            if discardable and self.flags & DISCARD_EMPTY_COLUMNS:
                width = 0
            self._widths.append(width)
            self._format(line0, this)
            self._widths.pop()
            line0 = this
            this += 1  # the Go loop's post statement
        self._write_lines(line0, line1)

    # -- input ------------------------------------------------------------

    def _flush_internal(self) -> None:
        if self._cell:
            pending = "".join(self._cell)
            if pending:
                self._lines[-1].append((pending, display_width(pending), False))
                self._cell = []
        self._format(0, len(self._lines))
        self._reset()

    def write(self, text: str) -> None:
        """Go's ``Writer.Write``: buffer ``text``, formatting completed column blocks."""
        if "\v" in text or "\f" in text:
            self._write_any(text)
            return
        # only tabs and newlines end cells (a table): split by lines, then by tabs
        rows = text.split("\n")
        tail = rows.pop()
        for row in rows:
            line = self._add_cells(row.split("\t"), False)
            self._lines.append([])
            if len(line) == 1:
                # a line with a single cell cannot influence the
                # layout of later lines: Go flushes here
                self._flush_internal()
        if tail:
            cells = tail.split("\t")
            pending = cells.pop()
            if cells:
                self._add_cells(cells, True)
            if pending:
                self._cell.append(pending)

    def _add_cells(self, cells: List[str], tab_ended: bool) -> List[Tuple[str, int, bool]]:
        """Append ``cells`` to the last line: all but the last end with a tab, the last with
        a tab if ``tab_ended``, else with a newline. Returns the line."""
        if self._cell:
            self._cell.append(cells[0])
            cells[0] = "".join(self._cell)
            self._cell = []
        line = self._lines[-1]
        last = len(cells) - 1
        for k, cell in enumerate(cells):
            # display_width's ASCII case inline: this runs once per cell
            width = len(cell) if cell.isascii() and cell.isprintable() else display_width(cell)
            line.append((cell, width, tab_ended or k != last))
        return line

    def _write_any(self, text: str) -> None:
        # pieces alternate: cell text, the character that ends it, ..., unterminated text
        pieces = _CELL_END.split(text)
        last = len(pieces) - 1
        line = self._lines[-1]
        for k in range(0, last, 2):
            cell = pieces[k]
            if self._cell:
                self._cell.append(cell)
                cell = "".join(self._cell)
                self._cell = []
            end = pieces[k + 1]
            # display_width's ASCII case inline: this runs once per cell
            width = len(cell) if cell.isascii() and cell.isprintable() else display_width(cell)
            line.append((cell, width, end == "\t"))
            if end == "\n" or end == "\f":
                ncells = len(line)
                line = []
                self._lines.append(line)
                if end == "\f" or ncells == 1:
                    # a line with a single cell cannot influence the
                    # layout of later lines: Go flushes here
                    self._flush_internal()
                    line = self._lines[-1]
                    if end == "\f" and self.flags & DEBUG:
                        self._out.append("---\n")
        if pieces[last]:
            self._cell.append(pieces[last])

    def flush(self) -> str:
        """Format everything buffered; return all output produced so far
        (and forget it)."""
        self._flush_internal()
        out = "".join(self._out)
        self._out = []
        return out


def tabwrite(text: str, minwidth: int = 10, tabwidth: int = 1, padding: int = 3,
             padchar: str = " ", flags: int = 0) -> str:
    """Run ``text`` through a :class:`TabWriter` (Docker's table
    parameters by default) and return the formatted output."""
    tw = TabWriter(minwidth, tabwidth, padding, padchar, flags)
    tw.write(text)
    return tw.flush()
