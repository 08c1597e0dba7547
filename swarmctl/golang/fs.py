"""Go's ``io/fs``: the file mode type and how it prints."""
from __future__ import annotations


class FileMode:
    """``fs.FileMode`` (``os.FileMode``): prints as ``-r--r--r--``, marshals as a number."""

    __slots__ = ("mode",)
    __gotype__ = "fs.FileMode"

    def __init__(self, mode):
        self.mode = mode

    def String(self):
        """``FileMode.String``: the type letters of the high bits, then ``rwx`` three times."""
        m = self.mode & 0xFFFFFFFF
        out = [c for i, c in enumerate("dalTLDpSugct?") if m & (1 << (31 - i))]
        if not out:
            out.append("-")
        out.extend(c if m & (1 << (8 - i)) else "-" for i, c in enumerate("rwxrwxrwx"))
        return "".join(out)
