"""Go's ``path/filepath`` on Unix: ``Clean`` and ``Abs``."""

from __future__ import annotations

import os
from typing import List, Optional


def clean(path: str) -> str:
    """Go's ``path/filepath.Clean`` on Unix."""
    if path == "":
        return "."
    rooted = path.startswith("/")
    out: List[str] = []
    for part in path.split("/"):
        if part == "" or part == ".":
            continue
        if part == "..":
            if out and out[-1] != "..":
                out.pop()
            elif not rooted:
                out.append("..")
            continue
        out.append(part)
    res = "/".join(out)
    if rooted:
        return "/" + res
    return res or "."


def abs_path(path: str, cwd: Optional[str] = None) -> str:
    """Go's ``filepath.Abs`` with the working directory ``cwd``."""
    if path.startswith("/"):
        return clean(path)
    if cwd is None:
        cwd = os.getcwd()
    return clean(cwd + "/" + path)
