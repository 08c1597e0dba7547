"""moby's ``pkg/stringid``: how docker shortens object IDs for display."""
from __future__ import annotations

SHORT_LENGTH = 12


def truncate_id(object_id: str) -> str:
    """``stringid.TruncateID``: drop anything up to a ``:``, keep the first 12 bytes.

    Go slices the string's bytes; engine IDs are ASCII, where bytes and characters agree.
    """
    _, colon, rest = object_id.partition(":")
    if colon:
        object_id = rest
    data = object_id.encode("utf-8", "surrogatepass")
    if len(data) > SHORT_LENGTH:
        return data[:SHORT_LENGTH].decode("utf-8", "replace")
    return object_id
