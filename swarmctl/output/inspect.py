"""``service inspect`` output, byte-exact with the Docker CLI 28.2.

Stdlib only (this module is on the piped-output path).

The CLI decodes each engine response into its Go type ``swarm.Service`` and
re-encodes it, so what it prints is the *Go* view of the object: fields in Go
struct order, ``omitempty`` fields dropped when empty, fields unknown to the
CLI's types dropped, fields it knows but the engine did not send filled with
their zero value, map keys sorted, timestamps re-formatted, and ``<``, ``>``,
``&`` escaped as ``\\u003c`` etc. :func:`normalize_service` reproduces that
round trip from the order tables in :data:`GO_STRUCTS` (docker/cli v28.2.2's
vendored ``api/types``); :func:`swarmctl.golang.json.marshal` is Go's ``encoding/json``
encoder (``json.Marshal`` / ``json.MarshalIndent``).

* :func:`render_inspect_json` — the default output (4-blank indented array)
  and ``--format json`` (compact array).
* :func:`render_inspect_pretty` — ``--pretty`` / ``--format pretty``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # typing is not imported at run time: this module is on the hot path
    from typing import Any, Dict, Iterable, List, Optional, Tuple

from swarmctl.golang.json import Float32, marshal
from swarmctl.golang.strconv import format_float, to_float32
from swarmctl.golang.time import ZERO_TIME_NS, format_duration, format_rfc3339_nano, parse_rfc3339
from swarmctl.golang.units import bytes_size

from .humanize import ago

__all__ = [
    "GO_STRUCTS",
    "normalize",
    "normalize_service",
    "render_inspect_json",
    "render_inspect_pretty",
    "render_pretty_service",
]


# ---------------------------------------------------------------------------
# Go type tables (docker/cli v28.2.2 vendor/github.com/docker/docker/api/types)
#
# A type is one of the scalar codes below, ("P", T) pointer, ("L", T) slice,
# ("M", T) map[string]T, ("S", "Name") struct. A struct is a tuple of
# (json name, type, omitempty); json name None with ("E", "Name") is an
# embedded struct whose fields are promoted.

STR, BOOL, INT, F32, F64, DUR, TIME, BYTES = "str", "bool", "int", "f32", "f64", "dur", "time", "bytes"


def _P(t):
    return ("P", t)


def _L(t):
    return ("L", t)


def _M(t):
    return ("M", t)


def _S(name):
    return ("S", name)


def _E(name):
    return ("E", name)


GO_STRUCTS: Dict[str, Tuple[Tuple[Optional[str], Any, bool], ...]] = {
    "Service": (
        ("ID", STR, False),
        (None, _E("Meta"), False),
        ("Spec", _S("ServiceSpec"), True),
        ("PreviousSpec", _P(_S("ServiceSpec")), True),
        ("Endpoint", _S("Endpoint"), True),
        ("UpdateStatus", _P(_S("UpdateStatus")), True),
        ("ServiceStatus", _P(_S("ServiceStatus")), True),
        ("JobStatus", _P(_S("JobStatus")), True),
    ),
    "Meta": (
        ("Version", _S("Version"), True),
        ("CreatedAt", TIME, True),
        ("UpdatedAt", TIME, True),
    ),
    "Version": (("Index", INT, True),),
    "Annotations": (
        ("Name", STR, True),
        ("Labels", _M(STR), False),
    ),
    "ServiceSpec": (
        (None, _E("Annotations"), False),
        ("TaskTemplate", _S("TaskSpec"), True),
        ("Mode", _S("ServiceMode"), True),
        ("UpdateConfig", _P(_S("UpdateConfig")), True),
        ("RollbackConfig", _P(_S("UpdateConfig")), True),
        ("Networks", _L(_S("NetworkAttachmentConfig")), True),
        ("EndpointSpec", _P(_S("EndpointSpec")), True),
    ),
    "ServiceMode": (
        ("Replicated", _P(_S("ReplicatedService")), True),
        ("Global", _P(_S("Empty")), True),
        ("ReplicatedJob", _P(_S("ReplicatedJob")), True),
        ("GlobalJob", _P(_S("Empty")), True),
    ),
    "Empty": (),
    "ReplicatedService": (("Replicas", _P(INT), True),),
    "ReplicatedJob": (
        ("MaxConcurrent", _P(INT), True),
        ("TotalCompletions", _P(INT), True),
    ),
    "UpdateConfig": (
        ("Parallelism", INT, False),
        ("Delay", DUR, True),
        ("FailureAction", STR, True),
        ("Monitor", DUR, True),
        ("MaxFailureRatio", F32, False),
        ("Order", STR, False),
    ),
    "UpdateStatus": (
        ("State", STR, True),
        ("StartedAt", _P(TIME), True),
        ("CompletedAt", _P(TIME), True),
        ("Message", STR, True),
    ),
    "ServiceStatus": (
        ("RunningTasks", INT, False),
        ("DesiredTasks", INT, False),
        ("CompletedTasks", INT, False),
    ),
    "JobStatus": (
        ("JobIteration", _S("Version"), False),
        ("LastExecution", TIME, True),
    ),
    "TaskSpec": (
        ("ContainerSpec", _P(_S("ContainerSpec")), True),
        ("PluginSpec", _P(_S("PluginSpec")), True),
        ("NetworkAttachmentSpec", _P(_S("NetworkAttachmentSpec")), True),
        ("Resources", _P(_S("ResourceRequirements")), True),
        ("RestartPolicy", _P(_S("RestartPolicy")), True),
        ("Placement", _P(_S("Placement")), True),
        ("Networks", _L(_S("NetworkAttachmentConfig")), True),
        ("LogDriver", _P(_S("Driver")), True),
        ("ForceUpdate", INT, False),
        ("Runtime", STR, True),
    ),
    "NetworkAttachmentSpec": (("ContainerID", STR, False),),
    "PluginSpec": (
        ("name", STR, True),
        ("remote", STR, True),
        ("privileges", _L(_P(_S("PluginPrivilege"))), True),
        ("disabled", BOOL, True),
        ("env", _L(STR), True),
    ),
    "PluginPrivilege": (
        ("name", STR, True),
        ("description", STR, True),
        ("value", _L(STR), True),
    ),
    "ResourceRequirements": (
        ("Limits", _P(_S("Limit")), True),
        ("Reservations", _P(_S("Resources")), True),
    ),
    "Limit": (
        ("NanoCPUs", INT, True),
        ("MemoryBytes", INT, True),
        ("Pids", INT, True),
    ),
    "Resources": (
        ("NanoCPUs", INT, True),
        ("MemoryBytes", INT, True),
        ("GenericResources", _L(_S("GenericResource")), True),
    ),
    "GenericResource": (
        ("NamedResourceSpec", _P(_S("NamedGenericResource")), True),
        ("DiscreteResourceSpec", _P(_S("DiscreteGenericResource")), True),
    ),
    "NamedGenericResource": (("Kind", STR, True), ("Value", STR, True)),
    "DiscreteGenericResource": (("Kind", STR, True), ("Value", INT, True)),
    "RestartPolicy": (
        ("Condition", STR, True),
        ("Delay", _P(DUR), True),
        ("MaxAttempts", _P(INT), True),
        ("Window", _P(DUR), True),
    ),
    "Placement": (
        ("Constraints", _L(STR), True),
        ("Preferences", _L(_S("PlacementPreference")), True),
        ("MaxReplicas", INT, True),
        ("Platforms", _L(_S("Platform")), True),
    ),
    "PlacementPreference": (("Spread", _P(_S("SpreadOver")), False),),
    "SpreadOver": (("SpreadDescriptor", STR, False),),
    "Platform": (("Architecture", STR, True), ("OS", STR, True)),
    "Driver": (("Name", STR, True), ("Options", _M(STR), True)),
    "NetworkAttachmentConfig": (
        ("Target", STR, True),
        ("Aliases", _L(STR), True),
        ("DriverOpts", _M(STR), True),
    ),
    "EndpointSpec": (
        ("Mode", STR, True),
        ("Ports", _L(_S("PortConfig")), True),
    ),
    "PortConfig": (
        ("Name", STR, True),
        ("Protocol", STR, True),
        ("TargetPort", INT, True),
        ("PublishedPort", INT, True),
        ("PublishMode", STR, True),
    ),
    "Endpoint": (
        ("Spec", _S("EndpointSpec"), True),
        ("Ports", _L(_S("PortConfig")), True),
        ("VirtualIPs", _L(_S("EndpointVirtualIP")), True),
    ),
    "EndpointVirtualIP": (("NetworkID", STR, True), ("Addr", STR, True)),
    "ContainerSpec": (
        ("Image", STR, True),
        ("Labels", _M(STR), True),
        ("Command", _L(STR), True),
        ("Args", _L(STR), True),
        ("Hostname", STR, True),
        ("Env", _L(STR), True),
        ("Dir", STR, True),
        ("User", STR, True),
        ("Groups", _L(STR), True),
        ("Privileges", _P(_S("Privileges")), True),
        ("Init", _P(BOOL), True),
        ("StopSignal", STR, True),
        ("TTY", BOOL, True),
        ("OpenStdin", BOOL, True),
        ("ReadOnly", BOOL, True),
        ("Mounts", _L(_S("Mount")), True),
        ("StopGracePeriod", _P(DUR), True),
        ("Healthcheck", _P(_S("HealthConfig")), True),
        ("Hosts", _L(STR), True),
        ("DNSConfig", _P(_S("DNSConfig")), True),
        ("Secrets", _L(_P(_S("SecretReference"))), True),
        ("Configs", _L(_P(_S("ConfigReference"))), True),
        ("Isolation", STR, True),
        ("Sysctls", _M(STR), True),
        ("CapabilityAdd", _L(STR), True),
        ("CapabilityDrop", _L(STR), True),
        ("Ulimits", _L(_P(_S("Ulimit"))), True),
        ("OomScoreAdj", INT, True),
    ),
    "Privileges": (
        ("CredentialSpec", _P(_S("CredentialSpec")), False),
        ("SELinuxContext", _P(_S("SELinuxContext")), False),
        ("Seccomp", _P(_S("SeccompOpts")), True),
        ("AppArmor", _P(_S("AppArmorOpts")), True),
        ("NoNewPrivileges", BOOL, False),
    ),
    "CredentialSpec": (("Config", STR, False), ("File", STR, False), ("Registry", STR, False)),
    "SELinuxContext": (
        ("Disable", BOOL, False),
        ("User", STR, False),
        ("Role", STR, False),
        ("Type", STR, False),
        ("Level", STR, False),
    ),
    "SeccompOpts": (("Mode", STR, True), ("Profile", BYTES, True)),
    "AppArmorOpts": (("Mode", STR, True),),
    "Mount": (
        ("Type", STR, True),
        ("Source", STR, True),
        ("Target", STR, True),
        ("ReadOnly", BOOL, True),
        ("Consistency", STR, True),
        ("BindOptions", _P(_S("BindOptions")), True),
        ("VolumeOptions", _P(_S("VolumeOptions")), True),
        ("ImageOptions", _P(_S("ImageOptions")), True),
        ("TmpfsOptions", _P(_S("TmpfsOptions")), True),
        ("ClusterOptions", _P(_S("Empty")), True),
    ),
    "BindOptions": (
        ("Propagation", STR, True),
        ("NonRecursive", BOOL, True),
        ("CreateMountpoint", BOOL, True),
        ("ReadOnlyNonRecursive", BOOL, True),
        ("ReadOnlyForceRecursive", BOOL, True),
    ),
    "VolumeOptions": (
        ("NoCopy", BOOL, True),
        ("Labels", _M(STR), True),
        ("Subpath", STR, True),
        ("DriverConfig", _P(_S("Driver")), True),
    ),
    "ImageOptions": (("Subpath", STR, True),),
    "TmpfsOptions": (
        ("SizeBytes", INT, True),
        ("Mode", INT, True),
        ("Options", _L(_L(STR)), True),
    ),
    "HealthConfig": (
        ("Test", _L(STR), True),
        ("Interval", DUR, True),
        ("Timeout", DUR, True),
        ("StartPeriod", DUR, True),
        ("StartInterval", DUR, True),
        ("Retries", INT, True),
    ),
    "DNSConfig": (
        ("Nameservers", _L(STR), True),
        ("Search", _L(STR), True),
        ("Options", _L(STR), True),
    ),
    "SecretReference": (
        ("File", _P(_S("SecretReferenceFileTarget")), False),
        ("SecretID", STR, False),
        ("SecretName", STR, False),
    ),
    "SecretReferenceFileTarget": (
        ("Name", STR, False),
        ("UID", STR, False),
        ("GID", STR, False),
        ("Mode", INT, False),
    ),
    "ConfigReference": (
        ("File", _P(_S("ConfigReferenceFileTarget")), True),
        ("Runtime", _P(_S("Empty")), True),
        ("ConfigID", STR, False),
        ("ConfigName", STR, False),
    ),
    "ConfigReferenceFileTarget": (
        ("Name", STR, False),
        ("UID", STR, False),
        ("GID", STR, False),
        ("Mode", INT, False),
    ),
    "Ulimit": (("Name", STR, False), ("Hard", INT, False), ("Soft", INT, False)),
}

_MISSING = object()
_FIELD_INDEX: Dict[str, Tuple[Dict[str, Tuple[str, Any, bool]], Dict[str, str]]] = {}


def _fields_of(name: str):
    """Flattened (json name → (name, type, omitempty)) and folded-name index
    of a struct, embedded structs promoted; cached."""
    idx = _FIELD_INDEX.get(name)
    if idx is None:
        exact: Dict[str, Tuple[str, Any, bool]] = {}
        for fname, ftype, omit in GO_STRUCTS[name]:
            if fname is None:
                sub, _ = _fields_of(ftype[1])
                for k, v in sub.items():
                    exact.setdefault(k, v)
            else:
                exact[fname] = (fname, ftype, omit)
        folded = {}
        for k in exact:
            folded.setdefault(k.lower(), k)
        idx = (exact, folded)
        _FIELD_INDEX[name] = idx
    return idx


def _utf8_key(s: str) -> bytes:
    return s.encode("utf-8", "surrogatepass")


def _fix_str(s: str) -> str:
    if s.isascii():  # no surrogates to replace
        return s
    if any(0xD800 <= ord(c) <= 0xDFFF for c in s):
        return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in s)
    return s


def _norm_scalar(v: Any, t: str) -> Tuple[Any, bool]:
    if t == STR:
        s = _fix_str(v) if isinstance(v, str) else ""
        return s, s == ""
    if t == BOOL:
        b = v if isinstance(v, bool) else False
        return b, not b
    if t in (INT, DUR):
        n = int(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else 0
        return n, n == 0
    if t == F32:
        f = Float32(to_float32(float(v))) if isinstance(v, (int, float)) and not isinstance(v, bool) else Float32(0.0)
        return f, f == 0
    if t == F64:
        f = float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else 0.0
        return f, f == 0
    if t == TIME:
        if isinstance(v, str):
            try:
                return parse_rfc3339(v).rfc3339_nano(), False
            except ValueError:
                return v, False
        return format_rfc3339_nano(ZERO_TIME_NS), False
    if t == BYTES:
        if not isinstance(v, str):
            return None, True
        import base64
        import binascii

        try:
            raw = base64.b64decode(v, validate=True)
        except (binascii.Error, ValueError):
            return v, v == ""
        return base64.b64encode(raw).decode("ascii"), len(raw) == 0
    raise ValueError("unknown type %r" % (t,))


# One normalizer function per Go type, made on first use: a service has ~130 fields, an
# inspect of 500 services normalizes 65,000 values, so the type table is read once, not
# once per value. Each takes the JSON value (None when absent) and returns
# (value to encode, is-empty for omitempty).
_NORMALIZERS: Dict[Any, Any] = {}


def _normalizer(t: Any):
    fn = _NORMALIZERS.get(t)
    if fn is None:
        fn = _NORMALIZERS[t] = _make_normalizer(t)
    return fn


def _norm_str(v: Any) -> Tuple[Any, bool]:
    if type(v) is str and v.isascii():
        return v, v == ""
    s = _fix_str(v) if isinstance(v, str) else ""
    return s, s == ""


def _norm_int(v: Any) -> Tuple[Any, bool]:
    if type(v) is int:
        return v, v == 0
    n = int(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else 0
    return n, n == 0


def _norm_bool(v: Any) -> Tuple[Any, bool]:
    b = v if isinstance(v, bool) else False
    return b, not b


def _make_normalizer(t: Any):
    if isinstance(t, str):
        if t == STR:
            return _norm_str
        if t in (INT, DUR):
            return _norm_int
        if t == BOOL:
            return _norm_bool
        if t not in (F32, F64, TIME, BYTES):
            raise ValueError("unknown type %r" % (t,))
        return lambda v: _norm_scalar(v, t)
    kind = t[0]
    if kind == "P":
        target = t[1]

        def pointer(v):
            if v is None:
                return None, True
            return _normalizer(target)(v)[0], False
        return pointer
    if kind == "L":
        target = t[1]

        def slice_(v):
            if not isinstance(v, list):
                return None, True
            item = _normalizer(target)
            items = [item(x)[0] for x in v]
            return items, not items
        return slice_
    if kind == "M":
        target = t[1]

        def map_(v):
            if not isinstance(v, Mapping):
                return None, True
            item = _normalizer(target)
            d = {}
            src = {_fix_str(str(k)): x for k, x in v.items()}
            for k in sorted(src, key=_utf8_key):
                d[k] = item(src[k])[0]
            return d, not d
        return map_
    if kind == "S":
        name = t[1]
        return lambda v: (_norm_struct(v if isinstance(v, Mapping) else {}, name), False)
    raise ValueError("unknown type %r" % (t,))


def _norm(v: Any, t: Any) -> Tuple[Any, bool]:
    """Go's decode-then-encode of JSON value ``v`` (``_MISSING`` = absent)
    as type ``t``. Returns (value to encode, is-empty for omitempty)."""
    return _normalizer(t)(None if v is _MISSING else v)


# name -> (exact field names, folded names, [(json name, normalizer, omitempty)] in the
# order Go writes them, embedded structs' fields in place)
_STRUCT_PLANS: Dict[str, Any] = {}


def _struct_plan(name: str):
    plan = _STRUCT_PLANS.get(name)
    if plan is None:
        exact, folded = _fields_of(name)
        fields: List[Tuple[str, Any, bool]] = []
        seen = set()

        def flatten(struct):
            for fname, ftype, omit in GO_STRUCTS[struct]:
                if fname is None:
                    flatten(ftype[1])
                elif fname not in seen:  # shadowed by an outer field
                    seen.add(fname)
                    fields.append((fname, _normalizer(ftype), omit))
        flatten(name)
        plan = _STRUCT_PLANS[name] = (exact, folded, fields)
    return plan


def _norm_struct(v: Mapping, name: str) -> Dict[str, Any]:
    exact, folded, fields = _struct_plan(name)
    if type(v) is dict and v.keys() <= exact.keys():
        given = v  # every key is a field's own name (what the engine sends)
    else:
        given = {}
        for k, x in v.items():
            if k in exact:
                given[k] = x
            else:
                target = folded.get(str(k).lower())
                if target is not None:
                    given[target] = x
    out: Dict[str, Any] = {}
    for fname, normalizer, omit in fields:
        val = given.get(fname)
        # strings and integers as the engine sends them, inline: most fields are
        if normalizer is _norm_str and type(val) is str and val.isascii():
            if val or not omit:
                out[fname] = val
            continue
        if normalizer is _norm_int and type(val) is int:
            if val or not omit:
                out[fname] = val
            continue
        val, empty = normalizer(val)
        if omit and empty:
            continue
        out[fname] = val
    return out


def normalize(obj: Mapping, type_name: str) -> Dict[str, Any]:
    """The Go round trip of ``obj`` as struct ``type_name`` (a key of
    :data:`GO_STRUCTS`): an ordered dict ready for :func:`swarmctl.golang.json.marshal`."""
    return _norm_struct(obj, type_name)


def normalize_service(service: Mapping) -> Dict[str, Any]:
    """What the Docker CLI holds after decoding a service into
    ``swarm.Service``, as an ordered dict (see module doc)."""
    return _norm_struct(service, "Service")


def render_inspect_json(services: Iterable[Mapping], compact: bool = False) -> str:
    """``docker service inspect`` without ``--format`` (``compact=False``) or
    with ``--format json`` (``compact=True``): the array of services and
    ``\\n``; ``[]\\n`` when there is none."""
    items = [normalize_service(s) for s in services]
    if not items:
        return "[]\n"
    return marshal(items, indent=None if compact else "    ") + "\n"


# ---------------------------------------------------------------------------
# --pretty


def _go_v_strings(items: Iterable[str]) -> str:
    # fmt's %v of a []string
    return "[" + " ".join(items) + "]"


def _cpus(nano: int) -> float:
    if nano == 0:
        return 0.0
    return float(nano) / 1e9


def render_pretty_service(service: Mapping, network_names: Optional[Mapping[str, str]] = None,
                          now: Optional[int] = None) -> str:
    """One service as the ``--pretty`` template renders it (starting with an
    empty line, ending with ``\\n\\n``: the template's own last newline plus
    the one the formatter adds)."""
    n = normalize_service(service)
    names = network_names or {}
    o: List[str] = []
    w = o.append

    spec = n["Spec"]
    tt = spec["TaskTemplate"]
    cs = tt.get("ContainerSpec") or {}

    w("\nID:\t\t%s" % n["ID"])
    w("\nName:\t\t%s" % spec.get("Name", ""))
    labels = spec.get("Labels")
    if labels:
        w("\nLabels:")
        for k, v in labels.items():
            w("\n %s%s" % (k, "=" + v if v else ""))
    w("\nService Mode:")
    mode = spec["Mode"]
    if "Global" in mode:
        w("\tGlobal")
    elif "Replicated" in mode:
        w("\tReplicated")
        if "Replicas" in mode["Replicated"]:
            w("\n Replicas:\t%d" % mode["Replicated"]["Replicas"])
    us = n.get("UpdateStatus")
    if us and us.get("State"):
        w("\nUpdateStatus:")
        w("\n State:\t\t%s" % us["State"])
        if "StartedAt" in us:
            w("\n Started:\t%s" % ago(us["StartedAt"], now))
        if us["State"] == "completed" and "CompletedAt" in us:
            w("\n Completed:\t%s" % ago(us["CompletedAt"], now))
        w("\n Message:\t%s" % us.get("Message", ""))
    w("\nPlacement:")
    placement = tt.get("Placement")
    if placement is not None:
        if placement.get("Constraints"):
            w("\n Constraints:\t%s" % _go_v_strings(placement["Constraints"]))
        prefs = [
            "spread=" + p["Spread"]["SpreadDescriptor"]
            for p in placement.get("Preferences") or []
            if p.get("Spread") is not None
        ]
        if prefs:
            w("\n Preferences:   %s" % _go_v_strings(prefs))
        if placement.get("MaxReplicas"):
            w("\n Max Replicas Per Node:   %d" % placement["MaxReplicas"])
    for key, title, order_label in (
        ("UpdateConfig", "UpdateConfig", " Update order:      "),
        ("RollbackConfig", "RollbackConfig", " Rollback order:    "),
    ):
        uc = spec.get(key)
        if uc is None:
            continue
        w("\n%s:" % title)
        w("\n Parallelism:\t%d" % uc["Parallelism"])
        if uc.get("Delay", 0) > 0:
            w("\n Delay:\t\t%s" % format_duration(uc["Delay"]))
        w("\n On failure:\t%s" % uc.get("FailureAction", ""))
        if uc.get("Monitor", 0) > 0:
            w("\n Monitoring Period: %s" % format_duration(uc["Monitor"]))
        w("\n Max failure ratio: %s" % format_float(uc["MaxFailureRatio"], "g", 32))
        w("\n%s%s" % (order_label, uc.get("Order", "")))
    w("\nContainerSpec:")
    w("\n Image:\t\t%s" % cs.get("Image", ""))
    if cs.get("Args"):
        w("\n Args:\t\t" + "".join(a + " " for a in cs["Args"]))
    if cs.get("Env"):
        w("\n Env:\t\t" + "".join(e + " " for e in cs["Env"]))
    if cs.get("Dir"):
        w("\n Dir:\t\t%s" % cs["Dir"])
    if cs.get("Init") is not None:
        w("\n Init:\t\t%s" % ("true" if cs["Init"] else "false"))
    if cs.get("User"):
        w("\n User: %s" % cs["User"])
    cap_add = cs.get("CapabilityAdd") or []
    cap_drop = cs.get("CapabilityDrop") or []
    if cap_add or cap_drop:
        w("\nCapabilities:")
        if cap_add:
            w("\n Add: %s" % ", ".join(cap_add))
        if cap_drop:
            w("\n Drop: %s" % ", ".join(cap_drop))
    sysctls = cs.get("Sysctls")
    if sysctls:
        w("\nSysCtls:")
        for k, v in sysctls.items():
            w("\n %s%s" % (k, ": " + v if v else ""))
    ulimits: Dict[str, str] = {}
    for u in cs.get("Ulimits") or []:
        u = u or {"Name": "", "Hard": 0, "Soft": 0}
        ulimits[u["Name"]] = "%d:%d" % (u["Soft"], u["Hard"])
    if ulimits:
        w("\nUlimits:")
        for k in sorted(ulimits, key=_utf8_key):
            w("\n %s: %s" % (k, ulimits[k]))
    mounts = cs.get("Mounts") or []
    if mounts:
        w("\nMounts:")
    for m in mounts:
        w("\n Target:\t%s" % m.get("Target", ""))
        w("\n  Source:\t%s" % m.get("Source", ""))
        w("\n  ReadOnly:\t%s" % ("true" if m.get("ReadOnly") else "false"))
        w("\n  Type:\t\t%s" % m.get("Type", ""))
    for key, title, name_key in (("Configs", "Configs", "ConfigName"), ("Secrets", "Secrets", "SecretName")):
        refs = cs.get(key)
        if refs:
            w("\n%s:" % title)
            for r in refs:
                r = r or {}
                f = r.get("File") or {}
                w("\n Target:\t%s" % f.get("Name", ""))
                w("\n  Source:\t%s" % r.get(name_key, ""))
    log_driver = tt.get("LogDriver")
    if log_driver is not None:
        w("\nLog Driver:")
        if log_driver.get("Name"):
            w("\n Name:\t\t%s" % log_driver["Name"])
        opts = log_driver.get("Options")
        if opts:
            w("\n LogOpts:")
            for k, v in opts.items():
                w("\n  %s%s" % (k, ":       " + v if v else ""))
        w("\n")
    res = tt.get("Resources")
    limits = (res or {}).get("Limits")
    if res is not None:
        w("\nResources:")
        resv = res.get("Reservations")
        if resv is not None and (resv.get("NanoCPUs", 0) > 0 or resv.get("MemoryBytes", 0) > 0):
            w("\n Reservations:")
            cpu = _cpus(resv.get("NanoCPUs", 0))
            if cpu > 0.0:
                w("\n  CPU:\t\t%s" % format_float(cpu))
            if resv.get("MemoryBytes", 0) != 0:
                w("\n  Memory:\t%s" % bytes_size(resv["MemoryBytes"]))
        if limits is not None and (
            limits.get("NanoCPUs", 0) > 0 or limits.get("MemoryBytes", 0) > 0 or limits.get("Pids", 0) > 0
        ):
            w("\n Limits:")
            cpu = float(limits.get("NanoCPUs", 0)) / 1e9
            if cpu > 0.0:
                w("\n  CPU:\t\t%s" % format_float(cpu))
            if limits.get("MemoryBytes", 0) != 0:
                w("\n  Memory:\t%s" % bytes_size(limits["MemoryBytes"]))
    pids = limits.get("Pids", 0) if limits is not None else 0
    if pids > 0:
        w("\n  PIDs:\t\t%d" % pids)
    networks = tt.get("Networks") or []
    if networks:
        w("\nNetworks:" + "".join(" " + names.get(nw.get("Target", ""), nw.get("Target", "")) for nw in networks) + " ")
    endpoint_spec = spec.get("EndpointSpec")
    w("\nEndpoint Mode:\t%s" % ((endpoint_spec or {}).get("Mode", "") if endpoint_spec is not None else ""))
    ports = n["Endpoint"].get("Ports") or []
    if ports:
        w("\nPorts:")
        for p in ports:
            w("\n PublishedPort = %d" % p.get("PublishedPort", 0))
            w("\n  Protocol = %s" % p.get("Protocol", ""))
            w("\n  TargetPort = %d" % p.get("TargetPort", 0))
            w("\n  PublishMode = %s" % p.get("PublishMode", ""))
        w(" ")
    hc = cs.get("Healthcheck")
    if hc is not None:
        w("\n Healthcheck:")
        w("\n  Interval = %s" % format_duration(hc.get("Interval", 0)))
        w("\n  Retries = %d" % hc.get("Retries", 0))
        w("\n  StartPeriod =\t%s" % format_duration(hc.get("StartPeriod", 0)))
        w("\n  Timeout =\t%s" % format_duration(hc.get("Timeout", 0)))
        if hc.get("Test"):
            w("\n  Tests:")
            for test in hc["Test"]:
                w("\n\t Test = %s" % test)
            w(" ")
    w("\n")
    return "".join(o) + "\n"


def render_inspect_pretty(services: Iterable[Mapping], network_names: Optional[Mapping[str, str]] = None,
                          now: Optional[int] = None) -> str:
    """``docker service inspect --pretty``: every service block, in order.

    ``network_names`` maps the targets in ``Spec.TaskTemplate.Networks`` (the
    network IDs) to names; a target missing from it is printed as is.
    ``now`` (Unix ns) fixes the clock for the UpdateStatus times."""
    return "".join(render_pretty_service(s, network_names, now) for s in services)
