"""Field-level differences between two ServiceSpecs, and what the engine would do about them.

``diff(old, new)`` lists :class:`Change` objects (added, removed, changed) with a path
such as ``("TaskTemplate", "ContainerSpec", "Env", 1)``, shown as
``TaskTemplate.ContainerSpec.Env[1]``. Lists are compared as sequences (an element
inserted in the middle shows as one addition, not as every later element changed); two
elements at the same place that are both objects are compared field by field.

``rollout(old, new)`` says whether posting ``new`` over ``old`` makes the engine replace
running tasks. swarmkit's orchestrator (``IsTaskDirty``) replaces a task when the
service's ``TaskTemplate`` differs from the task's (``ForceUpdate`` is part of it) or when
the ``EndpointSpec`` (published ports, endpoint mode) differs; when only
``TaskTemplate.Placement.Constraints`` changed, tasks on nodes that still satisfy them are
kept. Other fields (``Mode``/replicas, ``Labels``, ``UpdateConfig``, ``RollbackConfig``,
``Name``) change no running task (scaling adds or removes tasks, it does not restart any).

Nothing here prints or talks to the engine.
"""
from __future__ import annotations

import difflib
import json
from dataclasses import dataclass

from swarmctl.golang.time import format_duration

_MISSING = object()

ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"

# Fields holding Go durations (integer nanoseconds): shown with a readable form too.
DURATION_FIELDS = frozenset((
    "Delay", "Monitor", "StopGracePeriod", "Interval", "Timeout", "StartPeriod",
    "StartInterval", "Window",
))


@dataclass(frozen=True)
class Change:
    path: tuple
    kind: str              # ADDED, REMOVED, CHANGED
    old: object = None
    new: object = None

    @property
    def dotted(self):
        return format_path(self.path)


def format_path(path):
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def _is_empty(value):
    return value is None or value == {} or value == []


def diff(old, new, path=()):
    """The changes from ``old`` to ``new`` (specs as the engine stores them).

    A key that is missing on one side and empty (``None``, ``{}``, ``[]``) on the other is
    not a change: the engine stores both the same way.
    """
    changes = []
    _diff(old, new, tuple(path), changes)
    return changes


def between_services(spec_a, spec_b):
    """The changes from one service's stored spec to another's (``swarmctl diff A B``).

    ``Name`` is left out: it is what tells two services apart, and the two are named
    anyway; every other field, labels included, is compared as ``diff`` does.
    """
    return diff(_without_name(spec_a), _without_name(spec_b))


def _without_name(spec):
    return {key: value for key, value in (spec or {}).items() if key != "Name"}


def _diff(old, new, path, changes):
    if isinstance(old, dict) and isinstance(new, dict):
        for key in list(old) + [k for k in new if k not in old]:
            a, b = old.get(key, _MISSING), new.get(key, _MISSING)
            if a is _MISSING and _is_empty(b) or b is _MISSING and _is_empty(a):
                continue
            if a is _MISSING:
                changes.append(Change(path + (key,), ADDED, new=b))
            elif b is _MISSING:
                changes.append(Change(path + (key,), REMOVED, old=a))
            else:
                _diff(a, b, path + (key,), changes)
        return
    if isinstance(old, list) and isinstance(new, list):
        _diff_lists(old, new, path, changes)
        return
    if old != new or type(old) is not type(new) and not _same_number(old, new):
        changes.append(Change(path, CHANGED, old=old, new=new))


def _same_number(a, b):
    return (isinstance(a, (int, float)) and isinstance(b, (int, float))
            and not isinstance(a, bool) and not isinstance(b, bool) and a == b)


def _key(value):
    return json.dumps(value, sort_keys=True, default=str)


def _diff_lists(old, new, path, changes):
    matcher = difflib.SequenceMatcher(a=[_key(v) for v in old], b=[_key(v) for v in new],
                                      autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace":
            pairs = min(i2 - i1, j2 - j1)
            for k in range(pairs):
                a, b = old[i1 + k], new[j1 + k]
                if isinstance(a, (dict, list)) and type(a) is type(b):
                    _diff(a, b, path + (j1 + k,), changes)
                else:
                    changes.append(Change(path + (j1 + k,), CHANGED, old=a, new=b))
            for k in range(i1 + pairs, i2):
                changes.append(Change(path + (k,), REMOVED, old=old[k]))
            for k in range(j1 + pairs, j2):
                changes.append(Change(path + (k,), ADDED, new=new[k]))
        elif tag == "delete":
            for k in range(i1, i2):
                changes.append(Change(path + (k,), REMOVED, old=old[k]))
        elif tag == "insert":
            for k in range(j1, j2):
                changes.append(Change(path + (k,), ADDED, new=new[k]))


# -- what the engine does -----------------------------------------------------------------------

@dataclass(frozen=True)
class Rollout:
    """Whether an update replaces running tasks."""

    restarts: str          # "all": a rolling update of every task; "some": constraints only
    #                        (tasks on nodes that no longer match move); "none"
    reasons: tuple = ()    # the changed fields that decide it (dotted paths)

    @property
    def rolling_update(self):
        return self.restarts != "none"


def rollout(old, new):
    """What posting spec ``new`` over the stored ``old`` does to running tasks."""
    template = [c for c in diff(old.get("TaskTemplate") or {}, new.get("TaskTemplate") or {},
                                ("TaskTemplate",))]
    endpoint = diff(old.get("EndpointSpec") or {}, new.get("EndpointSpec") or {},
                    ("EndpointSpec",))
    reasons = tuple(dict.fromkeys(_reason(c.path) for c in template + endpoint))
    if not template and not endpoint:
        return Rollout("none")
    constraints_only = not endpoint and all(
        c.path[:3] == ("TaskTemplate", "Placement", "Constraints") for c in template)
    return Rollout("some" if constraints_only else "all", reasons)


def _reason(path):
    # Enough of the path to say what changed: TaskTemplate.ContainerSpec.Env, not Env[3].
    named = [p for p in path if not isinstance(p, int)]
    depth = 3 if named[:2] == ["TaskTemplate", "ContainerSpec"] else 2
    return format_path(tuple(named[:depth]))


def summary(changes, effect):
    """One line saying what the engine would do."""
    if not changes:
        return "no changes"
    if effect.restarts == "all":
        return ("rolling update: yes, every task is replaced (changed: "
                f"{', '.join(effect.reasons)})")
    if effect.restarts == "some":
        return ("rolling update: only tasks on nodes that no longer satisfy the placement "
                "constraints are moved")
    scaled = any(c.path[:1] == ("Mode",) for c in changes)
    return ("rolling update: no, running tasks are kept"
            + (" (the replica count changes: tasks are added or removed)" if scaled else ""))


# -- text ---------------------------------------------------------------------------------------

def format_value(value, field=None):
    """A value as compact JSON; durations also in Go's notation (``5000000000 (5s)``)."""
    text = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    if field in DURATION_FIELDS and isinstance(value, int) and not isinstance(value, bool):
        text += f" ({format_duration(value)})"
    return text


def format_change(change):
    """``~ TaskTemplate.ContainerSpec.Image: "a" -> "b"``, ``+ path: value``, ``- path: value``."""
    field = next((p for p in reversed(change.path) if isinstance(p, str)), None)
    if change.kind == ADDED:
        return f"+ {change.dotted}: {format_value(change.new, field)}"
    if change.kind == REMOVED:
        return f"- {change.dotted}: {format_value(change.old, field)}"
    return (f"~ {change.dotted}: {format_value(change.old, field)} -> "
            f"{format_value(change.new, field)}")
