"""The relative times docker prints: ``units.HumanDuration(time.Since(t))`` and its "ago" wording.

The Go pieces underneath are :mod:`swarmctl.golang.units` and :mod:`swarmctl.golang.time`.
"""

from __future__ import annotations

from typing import Optional

from swarmctl.golang import time as gotime
from swarmctl.golang.units import human_duration

__all__ = ["human_duration_since", "ago"]


def human_duration_since(t: gotime.TimeLike, now: Optional[int] = None) -> str:
    """``units.HumanDuration(time.Since(t))``; a missing timestamp is Go's zero time, which
    saturates to "292 years"."""
    return human_duration(gotime.since_ns(t, now))


def ago(t: gotime.TimeLike, now: Optional[int] = None, lower: bool = False) -> str:
    """``"<HumanDuration> ago"``; ``lower=True`` gives the ``ps`` wording
    (``"less than a second ago"``, ``"about a minute ago"``)."""
    s = human_duration_since(t, now)
    if lower:
        s = s.lower()
    return s + " ago"
