"""Go's ``text/tabwriter`` as forked by the Docker CLI: cell widths in terminal columns
(go-runewidth), Docker's table parameters as defaults (minwidth 10, tabwidth 1, padding 3,
blank padding, no flags)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from swarmctl.golang.runewidth import display_width

if TYPE_CHECKING:  # typing is not imported at run time: this module is on the hot path
    from typing import List

FILTER_HTML = 1 << 0  # not implemented: Docker never sets it
STRIP_ESCAPE = 1 << 1  # not implemented: Docker never sets it
ALIGN_RIGHT = 1 << 2
DISCARD_EMPTY_COLUMNS = 1 << 3
TAB_INDENT = 1 << 4
DEBUG = 1 << 5


class _Cell:
    __slots__ = ("text", "width", "htab")

    def __init__(self, text: str, htab: bool):
        self.text = text
        self.width = display_width(text) if text else 0
        self.htab = htab


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
        self._lines: List[List[_Cell]] = [[]]
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
        nlines = len(self._lines)
        for i in range(line0, line1):
            line = self._lines[i]
            use_tabs = bool(self.flags & TAB_INDENT)
            for j, c in enumerate(line):
                if j > 0 and self.flags & DEBUG:
                    out.append("|")
                if not c.text:
                    if j < len(widths):
                        self._write_padding(c.width, widths[j], use_tabs)
                else:
                    use_tabs = False
                    if not self.flags & ALIGN_RIGHT:
                        out.append(c.text)
                        if j < len(widths):
                            self._write_padding(c.width, widths[j], False)
                    else:
                        if j < len(widths):
                            self._write_padding(c.width, widths[j], False)
                        out.append(c.text)
            if i + 1 == nlines:
                # last buffered line: no newline, just the pending cell text
                out.append("".join(self._cell))
            else:
                out.append("\n")

    def _format(self, line0: int, line1: int) -> None:
        column = len(self._widths)
        this = line0
        while this < line1:
            line = self._lines[this]
            if column >= len(line) - 1:
                this += 1
                continue
            # a cell exists in this column: print the lines before the block
            self._write_lines(line0, this)
            line0 = this
            width = self.minwidth
            discardable = True
            while this < line1:
                line = self._lines[this]
                if column >= len(line) - 1:
                    break
                c = line[column]
                w = c.width + self.padding
                if w > width:
                    width = w
                if c.width > 0 or c.htab:
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

    def _terminate_cell(self, htab: bool) -> int:
        line = self._lines[-1]
        line.append(_Cell("".join(self._cell), htab))
        self._cell = []
        return len(line)

    def _flush_internal(self) -> None:
        if self._cell and "".join(self._cell):
            self._terminate_cell(False)
        self._format(0, len(self._lines))
        self._reset()

    def write(self, text: str) -> None:
        """Go's ``Writer.Write``: buffer ``text``, formatting completed column blocks."""
        start = 0
        for i, ch in enumerate(text):
            if ch in "\t\v\n\f":
                self._cell.append(text[start:i])
                start = i + 1
                ncells = self._terminate_cell(ch == "\t")
                if ch in "\n\f":
                    self._lines.append([])
                    if ch == "\f" or ncells == 1:
                        # a line with a single cell cannot influence the
                        # layout of later lines: Go flushes here
                        self._flush_internal()
                        if ch == "\f" and self.flags & DEBUG:
                            self._out.append("---\n")
        if start < len(text):
            self._cell.append(text[start:])

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
