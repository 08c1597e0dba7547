"""google/shlex, the shell-like word splitting docker uses for command lines."""

from __future__ import annotations


class SplitError(ValueError):
    """A string google/shlex cannot split; ``str()`` is its message."""


def split(s: str) -> list:
    """google/shlex ``Split`` (docker splits ``--entrypoint`` and ``--args`` with it).

    Differences from Python's ``shlex.split``:

    * ``#`` at the start of a word starts a comment that runs to the end of
      the line (Python's ``shlex.split`` disables comments by default); a
      ``#`` inside a word is literal (``a#b``).
    * Inside double quotes a backslash escapes *any* character
      (``"a\\b"`` -> ``ab``; POSIX keeps ``a\\b``).
    * Outside quotes ``\\<newline>`` yields a newline instead of joining lines.
    * Only space, tab, CR and LF separate words.

    Errors: ``EOF found when expecting closing quote`` and
    ``EOF found after escape character``.
    """
    words = []
    i = 0
    n = len(s)
    SPACE = " \t\r\n"
    while True:
        # startState
        state = "start"
        value = []
        is_comment = False
        while True:
            c = s[i] if i < n else None
            i += 1
            if state == "start" or state == "word":
                if c is None or c in SPACE:
                    if state == "word":
                        break  # the end of a word
                    if c is None:
                        return words
                    continue  # blanks before a word
                if c == '"':
                    state = "dq"
                elif c == "'":
                    state = "sq"
                elif c == "\\":
                    state = "esc"
                elif c == "#" and state == "start":
                    state = "comment"
                    is_comment = True
                else:
                    value.append(c)
                    state = "word"
            elif state == "esc" or state == "dqesc":
                if c is None:
                    raise SplitError("EOF found after escape character")
                value.append(c)
                state = "word" if state == "esc" else "dq"
            elif state == "dq" or state == "sq":
                if c is None:
                    raise SplitError("EOF found when expecting closing quote")
                if c == ('"' if state == "dq" else "'"):
                    state = "word"
                elif c == "\\" and state == "dq":
                    state = "dqesc"
                else:
                    value.append(c)
            elif state == "comment":
                if c is None:
                    break
                if c == "\n":
                    break
                value.append(c)
        if not is_comment:
            words.append("".join(value))
        if i > n:
            return words
