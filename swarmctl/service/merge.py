"""The list merges ``docker service update`` applies to a stored spec.

Pure functions on stored values (Engine-API shape, as :mod:`swarmctl.service.parsers`
returns them): each takes what is stored and the values of the ``--X-add``/``--X-rm`` flags
and returns what docker would post back, following the Docker CLI 28.2
(``cli/command/service/update.go``) rule by rule, its quirks included.

Errors are those of :mod:`swarmctl.service.errors`: :class:`SpecError` (docker's message,
exit 1) and :class:`GoPanic` (docker panics, exit 2).
"""

from __future__ import annotations

from typing import Iterable, Optional, Sequence, Tuple

from swarmctl.golang import strings as gostrings
from swarmctl.service.errors import GoPanic, SpecError
from swarmctl.service.parsers import capability_set, parse_generic_resources, ulimits_list
from swarmctl.service.values import kv_list_to_map

__all__ = [
    "merge_capabilities",
    "update_env", "update_labels", "update_sysctls", "update_mounts",
    "update_ports", "update_constraints", "update_groups",
    "update_placement_prefs", "update_dns_config", "update_hosts",
    "update_ulimits", "update_generic_resources", "update_secrets",
    "update_configs", "port_config_key",
]


def _caps_list(caps: dict) -> list:
    if not caps:
        return []
    if caps.get("ALL"):
        return ["ALL"]
    return sorted(caps)


def merge_capabilities(stored_add: Optional[Iterable[str]], stored_drop: Optional[Iterable[str]],
                       add: Optional[Iterable[str]], drop: Optional[Iterable[str]]) -> Tuple[list, list]:
    """``updateCapabilities`` (``--cap-add``/``--cap-drop`` on update; call it
    only when at least one of them was given).

    ``add``/``drop`` are the flag values (None or empty: flag not given).
    ``RESET`` empties the stored list first; dropping a stored-added
    capability only removes it from the add list (and vice versa); when a
    capability is both added and dropped the add wins.  Returns the new
    ``(CapabilityAdd, CapabilityDrop)`` (sorted, ``["ALL"]`` if ALL is in a
    list; empty means omitted).
    """
    cap_drop = capability_set(stored_drop)
    cap_add = capability_set(stored_add)
    to_add: dict = {}
    to_drop: dict = {}
    if add:
        to_add = capability_set(add)
        if to_add.get("RESET"):
            cap_add = {}
            del to_add["RESET"]
    if drop:
        to_drop = capability_set(drop)
        if to_drop.get("RESET"):
            cap_drop = {}
            del to_drop["RESET"]
    for c in to_drop:
        if not to_add.get(c):
            if cap_add.get(c):
                del cap_add[c]
            else:
                cap_drop[c] = True
    for c in to_add:
        if cap_drop.get(c):
            del cap_drop[c]
        else:
            cap_add[c] = True
    return _caps_list(cap_add), _caps_list(cap_drop)


def _env_key(v: str) -> str:
    return v.split("=", 1)[0]


def update_env(current: Optional[Sequence[str]], rm: Sequence[str] = (),
               add: Sequence[str] = ()) -> list:
    """``updateEnvironment`` (runs on every update).

    ``--env-rm`` keys are removed first (every entry whose text before ``=``
    matches; order of the rest kept).  When ``--env-add`` values are given
    (already validated/expanded by :func:`values.validate_env`), entries are
    collected in a map by key -- existing first, then added, so an added key
    replaces an existing one -- and the list is rebuilt.  Docker rebuilds it
    in random Go map order; this function uses first-seen key order (an
    added key that replaces an existing one takes the existing position, a
    new key goes to the end).  An empty result means no ``Env`` is sent.
    """
    to_remove = set(rm)
    env = [e for e in (current or []) if _env_key(e) not in to_remove]
    if add:
        env_set: dict = {}
        for v in env:
            env_set[_env_key(v)] = v
        for v in add:
            env_set[_env_key(v)] = v
        env = list(env_set.values())
    return env


def update_labels(current: Optional[dict], rm: Sequence[str] = (),
                  add: Sequence[str] = ()) -> Optional[dict]:
    """``updateLabels`` / ``updateContainerLabels``: ``--label-rm`` keys
    (verbatim) are deleted when labels exist, then ``--label-add`` values
    (``k[=v]``, validated) are set, creating the map if needed.  Returns the
    map (sorted keys), or ``current`` (None) when there was none and nothing
    was added."""
    labels = None if current is None else dict(current)
    if labels is not None and rm:
        for key in rm:
            labels.pop(key, None)
    if add:
        if labels is None:
            labels = {}
        labels.update(kv_list_to_map(add))
    if labels is None:
        return None
    return dict(sorted(labels.items()))


def update_sysctls(current: Optional[dict], rm: Sequence[str] = (),
                   add: Sequence[str] = ()) -> Optional[dict]:
    """``updateSysCtls``: like :func:`update_labels`, except that
    ``--sysctl-rm`` values are split at ``=`` (``k=v`` removes ``k``)."""
    return update_labels(current, [_env_key(r) for r in rm], add)


def update_mounts(current: Optional[Sequence[dict]], add: Sequence[dict] = (),
                  rm: Sequence[str] = ()) -> list:
    """``updateMounts`` (runs on every update).

    Added mounts (from :func:`parse_mount`) are keyed by ``Target`` and
    replace stored mounts with the same target; two added mounts with the
    same target raise :class:`SpecError` ``duplicate mount target``.  Mounts
    whose target is in ``rm`` are removed.  The result is sorted by
    (Source, Target).
    """
    by_target: dict = {}
    for m in add:
        t = m.get("Target", "")
        if t in by_target:
            raise SpecError("duplicate mount target")
        by_target[t] = m
    for m in current or []:
        t = m.get("Target", "")
        if t not in by_target:
            by_target[t] = m
    to_remove = set(rm)
    out = [m for m in by_target.values() if m.get("Target", "") not in to_remove]
    out.sort(key=lambda m: (m.get("Source", ""), m.get("Target", "")))
    return out


def port_config_key(p: dict) -> str:
    """``portConfigToString``: ``"published:target/protocol/mode"``."""
    return "%d:%d/%s/%s" % (p.get("PublishedPort", 0) or 0, p.get("TargetPort", 0) or 0,
                            p.get("Protocol", "") or "", p.get("PublishMode", "") or "")


def _equal_default(a: str, b: str, default: str) -> bool:
    return a == b or (a == "" and b == default) or (b == "" and a == default)


def update_ports(current: Optional[Sequence[dict]], add: Sequence[dict] = (),
                 rm: Sequence[dict] = ()) -> list:
    """``updatePorts`` (call when ``--publish-add`` or ``--publish-rm`` was
    given).

    Stored ports are de-duplicated by :func:`port_config_key`.  A stored port
    is removed when an ``rm`` entry has the same TargetPort, Protocol (empty
    equals ``tcp``) and PublishMode (empty equals ``ingress``); the published
    port is ignored.  An added port is skipped when its key was among the
    *stored* keys, even if it was just removed (so rm+add of the same port
    removes it); added ports are not de-duplicated among themselves.  The
    result is sorted by the key string.
    """
    port_set: dict = {}
    for p in current or []:
        port_set.setdefault(port_config_key(p), p)
    out = []
    for p in port_set.values():
        removed = False
        for r in rm:
            if (_equal_default(p.get("Protocol", ""), r.get("Protocol", ""), "tcp")
                    and (p.get("TargetPort", 0) or 0) == (r.get("TargetPort", 0) or 0)
                    and _equal_default(p.get("PublishMode", ""), r.get("PublishMode", ""), "ingress")):
                removed = True
                break
        if not removed:
            out.append(p)
    for p in add:
        if port_config_key(p) in port_set:
            continue
        out.append(p)
    out.sort(key=port_config_key)
    return out


def _append_remove_sort(current: Optional[Sequence[str]], add: Sequence[str],
                        rm: Sequence[str]) -> list:
    items = list(current or []) + list(add)
    to_remove = set(rm)
    return sorted(i for i in items if i not in to_remove)


def update_constraints(current: Optional[Sequence[str]], add: Sequence[str] = (),
                       rm: Sequence[str] = ()) -> list:
    """``updatePlacementConstraints`` (call when ``--constraint-add`` or
    ``--constraint-rm`` was given): append the adds, drop exact matches of
    ``rm``, sort.  No de-duplication."""
    return _append_remove_sort(current, add, rm)


def update_groups(current: Optional[Sequence[str]], add: Sequence[str] = (),
                  rm: Sequence[str] = ()) -> list:
    """``updateGroups`` (call when ``--group-add`` or ``--group-rm`` was
    given): append, remove exact matches, sort; no de-duplication."""
    return _append_remove_sort(current, add, rm)


def update_placement_prefs(current: Optional[Sequence[dict]], add: Sequence[dict] = (),
                           rm: Sequence[dict] = ()) -> list:
    """``updatePlacementPreferences`` (call when ``--placement-pref-add`` or
    ``-rm`` was given); ``add``/``rm`` come from :func:`parse_placement_pref`.
    Stored preferences whose spread descriptor matches an ``rm`` entry are
    dropped, then the adds are appended."""
    if rm:
        rm_desc = [r["Spread"]["SpreadDescriptor"] for r in rm if r.get("Spread") is not None]
        prefs = [p for p in (current or [])
                 if not (p.get("Spread") is not None
                         and p["Spread"].get("SpreadDescriptor", "") in rm_desc)]
    else:
        prefs = list(current or [])
    prefs.extend(add)
    return prefs


def _dedupe(entries: Iterable[str]) -> list:
    seen = set()
    out = []
    for e in entries:
        if e not in seen:
            seen.add(e)
            out.append(e)
    return out


def update_dns_config(current: Optional[dict], nameservers_add: Sequence[str] = (),
                      nameservers_rm: Sequence[str] = (), search_add: Sequence[str] = (),
                      search_rm: Sequence[str] = (), options_add: Sequence[str] = (),
                      options_rm: Sequence[str] = ()) -> dict:
    """``updateDNSConfig`` (call when any ``--dns*-add``/``-rm`` flag was
    given).  For each of Nameservers, Search and Options: stored + added,
    de-duplicated (first wins), exact matches removed, sorted.  Returns a new
    DNSConfig with only the non-empty lists (so any DNS flag also sorts the
    other two lists)."""
    cur = current or {}
    out: dict = {}
    for key, add, rm in (("Nameservers", nameservers_add, nameservers_rm),
                         ("Search", search_add, search_rm),
                         ("Options", options_add, options_rm)):
        items = _dedupe(list(cur.get(key) or []) + list(add))
        to_remove = set(rm)
        kept = sorted(i for i in items if i not in to_remove)
        if kept:
            out[key] = kept
    return out


def update_hosts(current: Optional[Sequence[str]], add: Sequence[str] = (),
                 rm: Sequence[str] = ()) -> list:
    """``updateHosts`` (call when ``--host-add`` or ``--host-rm`` was given).

    ``add``: entries already in ``"IP host"`` form (:func:`parse_host_entry`).
    ``rm``: raw ``--host-rm`` values, ``host`` (removed from every entry) or
    ``host:ip`` (only from entries with that IP).  Entries left without
    names are dropped, the adds are appended and duplicates removed (first
    kept).  Not sorted.

    Docker deletes host names from a slice while ranging over it; the quirks
    are reproduced: of two adjacent equal names only one is removed, and an
    entry whose *last two* names both match panics
    (:class:`GoPanic` ``runtime error: slice bounds out of range [3:2]``).
    """
    to_remove = []
    for entry in rm:
        host, ip, _ = gostrings.cut(entry, ":")
        to_remove.append((ip, host))
    new_hosts = []
    for entry in current or []:
        parts = gostrings.fields(entry)
        if not parts:
            continue
        ip = parts[0]
        arr = parts[1:]  # backing array of hostNames
        n = len(arr)
        for rm_ip, rm_host in to_remove:
            if rm_ip != "" and rm_ip != ip:
                continue
            length = n  # range evaluates the slice once
            for i in range(length):
                h = arr[i]
                if h == rm_host:
                    if i + 1 > n:
                        raise GoPanic("runtime error: slice bounds out of range [%d:%d]" % (i + 1, n))
                    arr[i:n - 1] = arr[i + 1:n]
                    n -= 1
        if n > 0:
            new_hosts.append("%s %s" % (ip, " ".join(arr[:n])))
    new_hosts.extend(add)
    return _dedupe(new_hosts)


def update_ulimits(current: Optional[Sequence[dict]], add: Sequence[dict] = (),
                   rm: Sequence[str] = ()) -> Optional[list]:
    """``updateUlimits`` (runs on every update): stored ulimits by name,
    ``--ulimit-rm`` names removed (a ``name=...`` value removes ``name``),
    ``--ulimit-add`` entries (:func:`parse_ulimit`) set, sorted by name.
    Returns None when nothing is left (no ``Ulimits`` sent)."""
    by_name: dict = {}
    for u in current or []:
        by_name[u["Name"]] = u
    for key in {_env_key(r) for r in rm}:
        by_name.pop(key, None)
    for u in ulimits_list(add):
        by_name[u["Name"]] = u
    if not by_name:
        return None
    return [by_name[k] for k in sorted(by_name)]


def _generic_map(resources: Optional[Sequence[dict]]) -> dict:
    m: dict = {}
    for res in resources or []:
        spec = res.get("DiscreteResourceSpec")
        if spec is None:
            # docker prints the Go struct with %+v, including a pointer
            # address that cannot be reproduced.
            named = res.get("NamedResourceSpec")
            raise SpecError("invalid generic-resource `{NamedResourceSpec:%s DiscreteResourceSpec:<nil>}` "
                            "for service task" % ("<nil>" if named is None else "0xc000000000"))
        kind = spec.get("Kind", "")
        if kind in m:
            raise SpecError("duplicate generic-resource `%s` for service task" % kind)
        m[kind] = res
    return m


def update_generic_resources(current: Optional[Sequence[dict]], add: Sequence[str] = (),
                             rm: Sequence[str] = ()) -> Optional[list]:
    """``addGenericResources`` then ``removeGenericResources``.

    ``add``: the ``--generic-resource-add`` values (parsed together with
    :func:`parse_generic_resources`), replacing stored kinds; ``rm``: kinds
    to remove, each must exist (:class:`SpecError` ``could not find
    generic-resource `gpu` to remove it``).  Returns ``current`` unchanged
    when neither is given.  Docker rebuilds the list in random (Go map)
    order; this keeps stored order and appends new kinds.
    """
    resources = None if current is None else list(current)
    if add:
        generic = parse_generic_resources(add)
        m = _generic_map(resources)
        for g in generic:
            m[g["DiscreteResourceSpec"].get("Kind", "")] = g
        resources = list(m.values())
    if rm:
        m = _generic_map(resources)
        for key in rm:
            if key not in m:
                raise SpecError("could not find generic-resource `%s` to remove it" % key)
            del m[key]
        resources = list(m.values())
    return resources


def update_secrets(current: Optional[Sequence[dict]], rm: Sequence[str] = (),
                   added: Sequence[dict] = ()) -> list:
    """``getUpdatedSecrets`` (runs on every update): stored references whose
    ``SecretName`` is in ``rm`` are dropped, then ``added`` (parsed with
    :func:`parse_secret_or_config`, checked with :func:`dedupe_references`
    and resolved to IDs by the caller) are appended."""
    to_remove = set(rm)
    kept = [s for s in (current or []) if s.get("SecretName", "") not in to_remove]
    return kept + list(added)


def update_configs(current: Optional[Sequence[dict]], rm: Sequence[str] = (),
                   added: Sequence[dict] = (), cred_spec_name: str = "",
                   cred_spec_id: str = "") -> list:
    """``getUpdatedConfigs``/``removeConfigs`` (runs on every update).

    File-target references whose ``ConfigName`` is in ``rm`` are dropped.
    A ``Runtime``-target reference (credential spec) is kept only when its
    ``ConfigName`` equals ``cred_spec_name`` or its ``ConfigID`` equals
    ``cred_spec_id``, where the caller passes: when ``--credential-spec`` is
    given, ``cred_spec_name`` = its ``config://`` name (else ``""``); when it
    is not given, ``cred_spec_id`` = the stored
    ``Privileges.CredentialSpec.Config`` (else ``""``).  ``added`` (resolved
    references, including a new Runtime reference for a new credential-spec
    config) is appended.
    """
    to_remove = set(rm)
    keep = []
    for c in current or []:
        if c.get("Runtime") is not None:
            if c.get("ConfigName", "") == cred_spec_name or c.get("ConfigID", "") == cred_spec_id:
                keep.append(c)
            continue
        if c.get("ConfigName", "") not in to_remove:
            keep.append(c)
    return keep + list(added)
