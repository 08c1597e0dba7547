"""Pure parsers for the structured flags of ``docker service create/update``
(the list merges ``docker service update`` applies are in :mod:`swarmctl.service.merge`).

Values are returned in Engine-API shape: dicts with the keys, the casing and
the key order the Docker CLI 28.2 marshals, with the fields Go leaves out
(``omitempty``) left out.  Go maps are returned as dicts with sorted keys
(the order ``encoding/json`` writes them).

Errors are those of :mod:`swarmctl.service.errors`: :class:`FlagValueError`
(docker refuses the value while parsing flags, exit 125; ``str()`` is the
message after docker's ``invalid argument "X" for "--flag" flag: `` prefix) and
:class:`SpecError` (reported later without prefix, exit 1).

Imports only the standard library, swarmctl.golang and this package's values and errors.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Iterable, List, Optional, Sequence, Tuple

from swarmctl.golang import path as gopath
from swarmctl.golang import strings as gostrings
from swarmctl.golang.strconv import quote
from swarmctl.service.errors import FlagValueError, GoNumError, SpecError
from swarmctl.service.values import parse_go_bool, parse_go_int, parse_ram_in_bytes, read_csv_record

__all__ = [
    "parse_mount", "parse_port_specs", "parse_publish_rm",
    "parse_secret_or_config", "dedupe_references", "parse_network",
    "parse_placement_pref", "parse_ulimit", "ulimits_list",
    "parse_generic_resource", "parse_generic_resources",
    "validate_extra_host", "parse_host_entry", "parse_dns_ip",
    "parse_dns_search", "parse_sysctl", "normalize_capability",
    "normalize_capabilities", "capability_set", "parse_credential_spec",
]

# \w+=\w+(,\w+=\w+)* found anywhere (Go's regexp.MatchString); \w is ASCII.
_LONG_SYNTAX = re.compile(r"\w+=\w+", re.ASCII)


def _is_long_syntax(value: str) -> bool:
    return _LONG_SYNTAX.search(value) is not None


# ---------------------------------------------------------------------------
# --mount


_MOUNT_KEY_ORDER = ("Type", "Source", "Target", "ReadOnly", "Consistency",
                    "BindOptions", "VolumeOptions", "ImageOptions", "TmpfsOptions")
_BIND_KEY_ORDER = ("Propagation", "NonRecursive", "CreateMountpoint",
                   "ReadOnlyNonRecursive", "ReadOnlyForceRecursive")


def parse_mount(value: str, cwd: Optional[str] = None,
                warnings: Optional[list] = None) -> dict:
    """docker's ``MountOpt.Set`` (``--mount``, ``--mount-add``).

    Returns the ``mount.Mount`` as the CLI marshals it, e.g.
    ``{"Type": "bind", "Source": "/src", "Target": "/dst", "ReadOnly": True,
    "BindOptions": {"Propagation": "rshared"}}``.  Every field is
    ``omitempty``: ``ReadOnly`` appears only when true, ``BindOptions`` /
    ``TmpfsOptions`` appear (possibly ``{}``) once any key of their family was
    given, and any ``volume-*`` key yields ``VolumeOptions`` with
    ``"DriverConfig": {}`` (an empty ``Labels`` map is omitted).

    Observed request body for
    ``--mount type=volume,src=./x,dst=/a,volume-opt=a=b`` run in ``/w``::

        {"Type":"volume","Source":"/w/x","Target":"/a",
         "VolumeOptions":{"DriverConfig":{"Options":{"a":"b"}}}}

    Keys are case-insensitive; ``type``, ``consistency`` and
    ``bind-propagation`` values are lower-cased.  A source starting with
    ``.`` is made absolute against ``cwd`` (default: the process cwd) and
    cleaned.  ``bind-nonrecursive=<bool>`` appends docker's deprecation
    warning to ``warnings`` when a list is given.

    Errors (:class:`FlagValueError`): CSV errors (``EOF``,
    ``parse error on line 1, column N: ...``),
    ``invalid field 'x' must be a key=value pair``,
    ``unexpected key 'foo' in 'foo=bar'``,
    ``invalid value for readonly: x`` (also bind-nonrecursive,
    volume-nocopy, tmpfs-size, tmpfs-mode),
    ``invalid value for bind-recursive: x (must be "enabled", "disabled",
    "writable", or "readonly")``, ``type is required``,
    ``target is required``, ``cannot mix 'volume-*' options with mount type
    'bind'`` (likewise bind-*, tmpfs-*, image-*) and the
    ``option 'bind-recursive=...' requires ...`` errors.
    """
    fields = read_csv_record(value)
    mount: dict = {"Type": "volume"}
    bind: Optional[dict] = None
    volume: Optional[dict] = None
    image: Optional[dict] = None
    tmpfs: Optional[dict] = None

    def volume_options() -> dict:
        nonlocal volume
        if volume is None:
            volume = {"NoCopy": False, "Labels": {}, "Subpath": "", "DriverConfig": None}
        if volume["DriverConfig"] is None:
            volume["DriverConfig"] = {"Name": "", "Options": None}
        return volume

    def bind_options() -> dict:
        nonlocal bind
        if bind is None:
            bind = {"Propagation": "", "NonRecursive": False, "CreateMountpoint": False,
                    "ReadOnlyNonRecursive": False, "ReadOnlyForceRecursive": False}
        return bind

    def image_options() -> dict:
        nonlocal image
        if image is None:
            image = {"Subpath": ""}
        return image

    def tmpfs_options() -> dict:
        nonlocal tmpfs
        if tmpfs is None:
            tmpfs = {"SizeBytes": 0, "Mode": 0}
        return tmpfs

    def set_on_map(target: dict, val: str) -> None:
        k, v, _ = gostrings.cut(val, "=")
        if k != "":
            target[k] = v

    def parse_bool(key: str, val: str, msg_key: Optional[str] = None) -> bool:
        try:
            return parse_go_bool(val)
        except FlagValueError:
            raise FlagValueError("invalid value for %s: %s" % (msg_key or key, val)) from None

    read_only = False
    for field in fields:
        key, val, ok = gostrings.cut(field, "=")
        key = gostrings.to_lower(key)
        if not ok:
            if key in ("readonly", "ro"):
                read_only = True
                continue
            if key == "volume-nocopy":
                volume_options()["NoCopy"] = True
                continue
            if key == "bind-nonrecursive":
                bind_options()["NonRecursive"] = True
                continue
            raise FlagValueError("invalid field '%s' must be a key=value pair" % field)

        if key == "type":
            mount["Type"] = gostrings.to_lower(val)
        elif key in ("source", "src"):
            src = val
            if not val.startswith("/") and val.startswith("."):
                src = gopath.abs_path(val, cwd)
            mount["Source"] = src
        elif key in ("target", "dst", "destination"):
            mount["Target"] = val
        elif key in ("readonly", "ro"):
            read_only = parse_bool(key, val)
        elif key == "consistency":
            mount["Consistency"] = gostrings.to_lower(val)
        elif key == "bind-propagation":
            bind_options()["Propagation"] = gostrings.to_lower(val)
        elif key == "bind-nonrecursive":
            bind_options()["NonRecursive"] = parse_bool(key, val)
            if warnings is not None:
                warnings.append("bind-nonrecursive is deprecated, use bind-recursive=disabled instead")
        elif key == "bind-recursive":
            if val == "enabled":
                pass
            elif val == "disabled":
                bind_options()["NonRecursive"] = True
            elif val == "writable":
                bind_options()["ReadOnlyNonRecursive"] = True
            elif val == "readonly":
                bind_options()["ReadOnlyForceRecursive"] = True
            else:
                raise FlagValueError(
                    'invalid value for %s: %s (must be "enabled", "disabled", "writable", or "readonly")'
                    % (key, val))
        elif key == "volume-subpath":
            volume_options()["Subpath"] = val
        elif key == "volume-nocopy":
            volume_options()["NoCopy"] = parse_bool(key, val, "volume-nocopy")
        elif key == "volume-label":
            set_on_map(volume_options()["Labels"], val)
        elif key == "volume-driver":
            volume_options()["DriverConfig"]["Name"] = val
        elif key == "volume-opt":
            drv = volume_options()["DriverConfig"]
            if drv["Options"] is None:
                drv["Options"] = {}
            set_on_map(drv["Options"], val)
        elif key == "image-subpath":
            image_options()["Subpath"] = val
        elif key == "tmpfs-size":
            try:
                size = parse_ram_in_bytes(val)
            except FlagValueError:
                raise FlagValueError("invalid value for %s: %s" % (key, val)) from None
            tmpfs_options()["SizeBytes"] = size
        elif key == "tmpfs-mode":
            try:
                mode = parse_go_int(val, 32, signed=False, base=8)
            except FlagValueError:
                raise FlagValueError("invalid value for %s: %s" % (key, val)) from None
            tmpfs_options()["Mode"] = mode
        else:
            raise FlagValueError("unexpected key '%s' in '%s'" % (key, field))

    mtype = mount["Type"]
    if mtype == "":
        raise FlagValueError("type is required")
    if mount.get("Target", "") == "":
        raise FlagValueError("target is required")
    if volume is not None and mtype != "volume":
        raise FlagValueError("cannot mix 'volume-*' options with mount type '%s'" % mtype)
    if image is not None and mtype != "image":
        raise FlagValueError("cannot mix 'image-*' options with mount type '%s'" % mtype)
    if bind is not None and mtype != "bind":
        raise FlagValueError("cannot mix 'bind-*' options with mount type '%s'" % mtype)
    if tmpfs is not None and mtype != "tmpfs":
        raise FlagValueError("cannot mix 'tmpfs-*' options with mount type '%s'" % mtype)
    if bind is not None:
        if bind["ReadOnlyNonRecursive"] and not read_only:
            raise FlagValueError("option 'bind-recursive=writable' requires 'readonly' to be specified in conjunction")
        if bind["ReadOnlyForceRecursive"]:
            if not read_only:
                raise FlagValueError("option 'bind-recursive=readonly' requires 'readonly' to be specified in conjunction")
            if bind["Propagation"] != "rprivate":
                raise FlagValueError("option 'bind-recursive=readonly' requires 'bind-propagation=rprivate' to be specified in conjunction")

    out: dict = {}
    parts = {
        "Type": mtype,
        "Source": mount.get("Source", ""),
        "Target": mount["Target"],
        "ReadOnly": read_only,
        "Consistency": mount.get("Consistency", ""),
    }
    for k in ("Type", "Source", "Target", "ReadOnly", "Consistency"):
        if parts[k]:
            out[k] = parts[k]
    if bind is not None:
        out["BindOptions"] = {k: bind[k] for k in _BIND_KEY_ORDER if bind[k]}
    if volume is not None:
        vo: dict = {}
        if volume["NoCopy"]:
            vo["NoCopy"] = True
        if volume["Labels"]:
            vo["Labels"] = dict(sorted(volume["Labels"].items()))
        if volume["Subpath"]:
            vo["Subpath"] = volume["Subpath"]
        drv = volume["DriverConfig"]
        d: dict = {}
        if drv["Name"]:
            d["Name"] = drv["Name"]
        if drv["Options"]:
            d["Options"] = dict(sorted(drv["Options"].items()))
        vo["DriverConfig"] = d
        out["VolumeOptions"] = vo
    if image is not None:
        out["ImageOptions"] = {"Subpath": image["Subpath"]} if image["Subpath"] else {}
    if tmpfs is not None:
        out["TmpfsOptions"] = {k: tmpfs[k] for k in ("SizeBytes", "Mode") if tmpfs[k]}
    return out


# ---------------------------------------------------------------------------
# --publish


def _parse_port(s: str) -> int:
    # strconv.ParseUint(s, 10, 16)
    return parse_go_int(s, 16, signed=False, base=10)


def _parse_port_range(ports: str) -> Tuple[int, int]:
    """nat.ParsePortRange; raises FlagValueError (message unused by callers)."""
    if ports == "":
        raise FlagValueError("empty string specified for ports")
    if "-" not in ports:
        v = _parse_port(ports)
        return v, v
    parts = ports.split("-")
    start = _parse_port(parts[0])
    end = _parse_port(parts[1])
    if end < start:
        raise FlagValueError("invalid range specified for port: %s" % ports)
    return start, end


def _split_proto_port(raw: str) -> Tuple[str, str]:
    parts = raw.split("/")
    if raw == "" or parts[0] == "":
        return "", ""
    if len(parts) == 1:
        return "tcp", raw
    if parts[1] == "":
        return "tcp", parts[0]
    return parts[1], parts[0]


def _split_host_port(hostport: str) -> str:
    """net.SplitHostPort for ``ip + ":"``; returns the host or raises the
    AddrError text."""
    i = hostport.rfind(":")
    if i < 0:
        raise FlagValueError("address %s: missing port in address" % hostport)
    j = k = 0
    if hostport[0] == "[":
        end = hostport.find("]")
        if end < 0:
            raise FlagValueError("address %s: missing ']' in address" % hostport)
        if end + 1 == len(hostport):
            raise FlagValueError("address %s: missing port in address" % hostport)
        if end + 1 != i:
            if hostport[end + 1] == ":":
                raise FlagValueError("address %s: too many colons in address" % hostport)
            raise FlagValueError("address %s: missing port in address" % hostport)
        host = hostport[1:end]
        j, k = 1, end + 1
    else:
        host = hostport[:i]
        if ":" in host:
            raise FlagValueError("address %s: too many colons in address" % hostport)
    if "[" in hostport[j:]:
        raise FlagValueError("address %s: unexpected '[' in address" % hostport)
    if "]" in hostport[k:]:
        raise FlagValueError("address %s: unexpected ']' in address" % hostport)
    return host


def _go_parse_ip(s: str):
    """Go's ``net.ParseIP``: an ipaddress object, or None."""
    if not s or "%" in s or not s.isascii():
        return None
    try:
        if ":" in s:
            return ipaddress.IPv6Address(s)
        return ipaddress.IPv4Address(s)
    except ValueError:
        return None


def _go_ip_string(ip) -> str:
    """Go's ``net.IP.String()``: IPv4-mapped IPv6 addresses print as IPv4."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ip)


def _port_config(proto: str, target: int, published: int, mode: str) -> dict:
    out: dict = {}
    if proto:
        out["Protocol"] = proto
    if target:
        out["TargetPort"] = target
    if published:
        out["PublishedPort"] = published
    if mode:
        out["PublishMode"] = mode
    return out


def parse_port_specs(value: str) -> list:
    """docker's ``PortOpt.Set`` (``--publish``, ``--publish-add``,
    ``--publish-rm``): a list of ``swarm.PortConfig`` dicts
    ``{"Protocol", "TargetPort", "PublishedPort", "PublishMode"}`` (that key
    order; every key ``omitempty``, so ``PublishedPort`` is absent when no
    published port was given).

    Long syntax (the value contains ``\\w+=\\w+`` anywhere): CSV, the whole
    field lower-cased, keys ``target`` (required), ``published``,
    ``protocol`` (tcp/udp/sctp, default tcp), ``mode`` (ingress/host,
    default ingress).  Otherwise the short syntax of ``nat.ParsePortSpecs``:
    ``[[ip:]published[-end]:]target[-end][/proto]``, always ``ingress``;
    a host IP is refused.  Ranges give one entry per port.  Docker emits the
    entries of a container-port range in random (Go map) order; this
    function returns them by ascending target port.

    Errors: ``invalid field: x``, ``invalid field key: foo``,
    ``invalid protocol value 'x'``, ``invalid publish mode value (x): must be
    either 'ingress' or 'host'``, ``invalid target port (x): value must be an
    integer: invalid syntax``, ``invalid published port (...)``,
    ``missing mandatory field 'target'``, ``hostip is not supported``,
    ``invalid IP address: x``, ``no port specified: :<empty>``,
    ``invalid containerPort: x``, ``invalid hostPort: x``,
    ``invalid ranges specified for container and host Ports: 80-81 and 90``,
    ``invalid proto: x``, and CSV errors.
    """
    if _is_long_syntax(value):
        fields = read_csv_record(value)
        proto = mode = ""
        target = published = 0
        for field in fields:
            key, val, ok = gostrings.cut(gostrings.to_lower(field), "=")
            if not ok or key == "":
                raise FlagValueError("invalid field: %s" % field)
            if key == "protocol":
                if val not in ("tcp", "udp", "sctp"):
                    raise FlagValueError("invalid protocol value '%s'" % val)
                proto = val
            elif key == "mode":
                if val not in ("ingress", "host"):
                    raise FlagValueError(
                        "invalid publish mode value (%s): must be either 'ingress' or 'host'" % val)
                mode = val
            elif key == "target":
                try:
                    target = _parse_port(val)
                except GoNumError as exc:
                    raise FlagValueError(
                        "invalid target port (%s): value must be an integer: %s" % (val, exc.err)) from None
            elif key == "published":
                try:
                    published = _parse_port(val)
                except GoNumError as exc:
                    raise FlagValueError(
                        "invalid published port (%s): value must be an integer: %s" % (val, exc.err)) from None
            else:
                raise FlagValueError("invalid field key: %s" % key)
        if target == 0:
            raise FlagValueError("missing mandatory field 'target'")
        return [_port_config(proto or "tcp", target, published, mode or "ingress")]

    # short syntax: nat.ParsePortSpec
    parts = value.split(":")
    n = len(parts)
    container = parts[-1]
    if n == 1:
        ip, host_port = "", ""
    elif n == 2:
        ip, host_port = "", parts[0]
    elif n == 3:
        ip, host_port = parts[0], parts[1]
    else:
        ip, host_port = ":".join(parts[:n - 2]), parts[n - 2]
    proto, container = _split_proto_port(container)
    if ip != "" and ip[0] == "[":
        try:
            ip = _split_host_port(ip + ":")
        except FlagValueError as exc:
            raise FlagValueError("invalid IP address %s: %s" % (ip, exc)) from None
    if ip != "" and _go_parse_ip(ip) is None:
        raise FlagValueError("invalid IP address: %s" % ip)
    if container == "":
        raise FlagValueError("no port specified: %s<empty>" % value)
    try:
        start, end = _parse_port_range(container)
    except FlagValueError:
        raise FlagValueError("invalid containerPort: %s" % container) from None
    hstart = hend = 0
    if host_port:
        try:
            hstart, hend = _parse_port_range(host_port)
        except FlagValueError:
            raise FlagValueError("invalid hostPort: %s" % host_port) from None
    if host_port != "" and (end - start) != (hend - hstart):
        if end != start:
            raise FlagValueError("invalid ranges specified for container and host Ports: %s and %s"
                                 % (container, host_port))
    lproto = gostrings.to_lower(proto)
    if lproto not in ("tcp", "udp", "sctp"):
        raise FlagValueError("invalid proto: %s" % proto)
    if ip != "":
        raise FlagValueError("hostip is not supported")
    out = []
    for i in range(end - start + 1):
        target = start + i
        if host_port:
            if start == end and hstart != hend:
                published = list(range(hstart, hend + 1))
            else:
                published = [hstart + i]
        else:
            published = [0]
        for p in published:
            out.append(_port_config(lproto, target, p, "ingress"))
    return out


def parse_publish_rm(value: str) -> list:
    """``--publish-rm`` is parsed by the same ``PortOpt`` as ``--publish``
    (so ``80``, ``80/udp`` and ``target=82,mode=host`` all work); see
    :func:`update_ports` for how the entries match."""
    return parse_port_specs(value)


# ---------------------------------------------------------------------------
# --secret / --config


def parse_secret_or_config(value: str, kind: str = "secret") -> dict:
    """docker's ``SecretOpt.Set`` / ``ConfigOpt.Set`` (``kind`` is
    ``"secret"`` or ``"config"``; the two differ only in their texts).

    Returns the reference the CLI sends, with the ID still empty for the
    caller to resolve from the name::

        {"File": {"Name": target, "UID": "0", "GID": "0", "Mode": 292},
         "SecretID": "", "SecretName": source}     # ConfigID/ConfigName

    ``NAME`` alone (one CSV field without ``=``) is the short form.  Long
    form keys (case-insensitive): ``source``/``src`` (required),
    ``target`` (default: the source), ``uid``, ``gid``, ``mode`` (parsed with
    base 0: ``0400`` is octal, ``400`` decimal).

    Errors: ``invalid field 'x' must be a key=value pair``,
    ``invalid mode specified: strconv.ParseUint: parsing "x": invalid
    syntax``, ``invalid field in secret request: KEY``,
    ``source is required``, and CSV errors.
    """
    if kind not in ("secret", "config"):
        raise ValueError("kind must be 'secret' or 'config'")
    fields = read_csv_record(value)
    name = target = ""
    uid = gid = "0"
    mode = 0o444
    if len(fields) == 1 and "=" not in fields[0]:
        name = target = fields[0]
    else:
        for field in fields:
            key, val, ok = gostrings.cut(field, "=")
            if not ok or key == "":
                raise FlagValueError("invalid field '%s' must be a key=value pair" % field)
            lkey = gostrings.to_lower(key)
            if lkey in ("source", "src"):
                name = val
            elif lkey == "target":
                target = val
            elif lkey == "uid":
                uid = val
            elif lkey == "gid":
                gid = val
            elif lkey == "mode":
                try:
                    mode = parse_go_int(val, 32, signed=False, base=0)
                except FlagValueError as exc:
                    raise FlagValueError("invalid mode specified: %s" % exc) from None
            else:
                raise FlagValueError("invalid field in %s request: %s" % (kind, key))
        if name == "":
            raise FlagValueError("source is required")
        if target == "":
            target = name
    ref = {"File": {"Name": target, "UID": uid, "GID": gid, "Mode": mode}}
    if kind == "secret":
        ref["SecretID"] = ""
        ref["SecretName"] = name
    else:
        ref["ConfigID"] = ""
        ref["ConfigName"] = name
    return ref


def dedupe_references(refs: Sequence[dict], kind: str = "secret") -> list:
    """The checks ``ParseSecrets``/``ParseConfigs`` make before resolving
    names: two references with the same ``File.Name`` raise
    :class:`SpecError` ``duplicate secret target for NAME not allowed``
    (NAME is the later reference's source name); config references with a
    ``Runtime`` target are de-duplicated by name and come after the file
    ones.  Docker returns the result in random (Go map) order; this returns
    first-seen order.
    """
    name_key = "SecretName" if kind == "secret" else "ConfigName"
    files: dict = {}
    runtime: dict = {}
    for ref in refs:
        if kind == "config" and ref.get("Runtime") is not None:
            runtime[ref.get(name_key, "")] = ref
            continue
        tgt = (ref.get("File") or {}).get("Name", "")
        if tgt in files:
            raise SpecError("duplicate %s target for %s not allowed" % (kind, ref.get(name_key, "")))
        files[tgt] = ref
    return list(files.values()) + list(runtime.values())


# ---------------------------------------------------------------------------
# --network


def _go_atoi(s: str) -> int:
    return parse_go_int(s, 64, signed=True, base=10)


def parse_network(value: str) -> dict:
    """docker's ``NetworkOpt.Set`` (``--network``, ``--network-add``).

    Returns ``swarm.NetworkAttachmentConfig`` with ``Target`` still the
    name or ID given (the caller resolves it to the network ID)::

        {"Target": "net", "Aliases": ["a"], "DriverOpts": {"k": "v"}}

    ``Aliases`` and ``DriverOpts`` are omitted when empty.  A value without
    ``\\w+=\\w+`` is a plain name, kept verbatim.  In the CSV form every field
    is lower-cased, keys and values are trimmed; ``alias`` and
    ``driver-opt`` repeat; ``ip``, ``ip6``, ``mac-address``,
    ``link-local-ip`` and ``gw-priority`` are checked but not sent.

    Errors: ``invalid field x``, ``invalid field key x``,
    ``invalid key value pair format in driver options``,
    ``invalid gw-priority (x): invalid syntax``,
    ``network name/id is not specified``, and CSV errors.
    """
    if not _is_long_syntax(value):
        return {"Target": value}
    fields = read_csv_record(value)
    target = ""
    aliases: List[str] = []
    driver_opts: Optional[dict] = None
    for field in fields:
        key, val, ok = gostrings.cut(gostrings.to_lower(field), "=")
        if not ok or key == "":
            raise FlagValueError("invalid field %s" % field)
        key = gostrings.trim_space(key)
        val = gostrings.trim_space(val)
        if key == "name":
            target = val
        elif key == "alias":
            aliases.append(val)
        elif key in ("ip", "ip6", "mac-address", "link-local-ip"):
            pass
        elif key == "driver-opt":
            k, v, ok2 = gostrings.cut(gostrings.to_lower(val), "=")
            if not ok2 or k == "":
                raise FlagValueError("invalid key value pair format in driver options")
            if driver_opts is None:
                driver_opts = {}
            driver_opts[gostrings.trim_space(k)] = gostrings.trim_space(v)
        elif key == "gw-priority":
            try:
                _go_atoi(val)
            except GoNumError as exc:
                raise FlagValueError("invalid gw-priority (%s): %s" % (val, exc.err)) from None
        else:
            raise FlagValueError("invalid field key " + key)
    if target == "":
        raise FlagValueError("network name/id is not specified")
    out: dict = {"Target": target}
    if aliases:
        out["Aliases"] = aliases
    if driver_opts:
        out["DriverOpts"] = dict(sorted(driver_opts.items()))
    return out


# ---------------------------------------------------------------------------
# small value syntaxes


def parse_placement_pref(value: str) -> dict:
    """``--placement-pref`` / ``--placement-pref-add`` / ``-rm``:
    ``spread=DESCRIPTOR`` -> ``{"Spread": {"SpreadDescriptor": DESCRIPTOR}}``
    (the descriptor may be empty).

    Errors: ``placement preference must be of the format
    "<strategy>=<arg>"`` and ``unsupported placement preference x (only
    spread is supported)``.
    """
    strategy, arg, ok = gostrings.cut(value, "=")
    if not ok or strategy == "":
        raise FlagValueError('placement preference must be of the format "<strategy>=<arg>"')
    if strategy != "spread":
        raise FlagValueError("unsupported placement preference %s (only spread is supported)" % strategy)
    return {"Spread": {"SpreadDescriptor": arg}}


_ULIMIT_NAMES = frozenset(["core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue",
                           "nice", "nofile", "nproc", "rss", "rtprio", "rttime",
                           "sigpending", "stack"])


def parse_ulimit(value: str) -> dict:
    """go-units ``ParseUlimit`` (``--ulimit``, ``--ulimit-add``):
    ``name=soft[:hard]`` -> ``{"Name": name, "Hard": hard, "Soft": soft}``
    (one value sets both; ``-1`` means unlimited).

    Errors: ``invalid ulimit argument: x``, ``invalid ulimit type: x``,
    ``too many limit value arguments - 1:2:3, can only have up to two,
    `soft[:hard]```, the ``strconv.ParseInt`` error of a bad number (the hard
    limit is parsed first), ``ulimit soft limit must be less than or equal to
    hard limit: 5 > 4`` and ``... soft: -1 (unlimited), hard: 4``.
    """
    name, sep, limits = value.partition("=")
    if not sep:
        raise FlagValueError("invalid ulimit argument: %s" % value)
    if name not in _ULIMIT_NAMES:
        raise FlagValueError("invalid ulimit type: %s" % name)
    vals = limits.split(":")
    if len(vals) == 2:
        hard = parse_go_int(vals[1], 64, True, 10)
        soft = parse_go_int(vals[0], 64, True, 10)
    elif len(vals) == 1:
        soft = parse_go_int(vals[0], 64, True, 10)
        hard = soft
    else:
        raise FlagValueError(
            "too many limit value arguments - %s, can only have up to two, `soft[:hard]`" % limits)
    if hard != -1:
        if soft == -1:
            raise FlagValueError(
                "ulimit soft limit must be less than or equal to hard limit: soft: -1 (unlimited), hard: %d" % hard)
        if soft > hard:
            raise FlagValueError(
                "ulimit soft limit must be less than or equal to hard limit: %d > %d" % (soft, hard))
    return {"Name": name, "Hard": hard, "Soft": soft}


def ulimits_list(ulimits: Iterable[dict]) -> list:
    """``UlimitOpt.GetList``: one entry per name (a later one replaces an
    earlier one), sorted by name.  Empty input gives ``[]`` (docker then
    sends no ``Ulimits``)."""
    by_name: dict = {}
    for u in ulimits:
        by_name[u["Name"]] = u
    return [by_name[k] for k in sorted(by_name)]


def parse_generic_resource(value: str) -> str:
    """The flag-time check of ``--generic-resource`` /
    ``--generic-resource-add`` (``ValidateSingleGenericResource``); returns
    the value.  Error: ``invalid generic-resource format `x` expected
    `name=value```.  The values are combined by
    :func:`parse_generic_resources` afterwards."""
    if "=" not in value:
        raise FlagValueError("invalid generic-resource format `%s` expected `name=value`" % value)
    return value


def _discrete(kind: str, value: int) -> dict:
    spec: dict = {}
    if kind:
        spec["Kind"] = kind
    if value:
        spec["Value"] = value
    return {"DiscreteResourceSpec": spec}


def parse_generic_resources(values: Sequence[str]) -> list:
    """``ParseGenericResources``: all ``--generic-resource`` values together
    -> ``[{"DiscreteResourceSpec": {"Kind": k, "Value": n}}, ...]``
    (``Value`` omitted when 0).  Keys and values are trimmed; only integer
    (discrete) values are allowed.

    Errors (:class:`SpecError`, exit 1): ``invalid generic resource
    specification: could not parse GenericResource: incorrect term a=b=c,
    missing '=' or malformed expression``, ``... cannot ask for negative
    resource gpu``, ``... mixed discrete and named resources in expression
    'gpu=[1 2]'`` (the same kind twice) and ``invalid generic-resource request
    `gpu=a`, Named Generic Resources is not supported for service create or
    update``.  Docker visits the kinds in random (Go map) order, which also
    decides which error is reported when several kinds are bad; this uses
    first-seen order.
    """
    if not values:
        return []
    prefix = "invalid generic resource specification: could not parse GenericResource: "
    tokens: dict = {}
    for term in values:
        kva = term.split("=")
        if len(kva) != 2:
            raise SpecError(prefix + "incorrect term %s, missing '=' or malformed expression" % term)
        key = gostrings.trim_space(kva[0])
        val = gostrings.trim_space(kva[1])
        tokens.setdefault(key, []).append(val)
    out = []
    named = []  # refused only after every kind was parsed, as docker does
    for kind, vals in tokens.items():
        discrete = None
        if len(vals) == 1:
            try:
                discrete = parse_go_int(vals[0], 64, True, 10)
            except FlagValueError:
                discrete = None
        if discrete is not None:
            if discrete < 0:
                raise SpecError(prefix + "cannot ask for negative resource %s" % kind)
            out.append(_discrete(kind, discrete))
            continue
        all_named = True
        for v in vals:
            try:
                parse_go_int(v, 64, True, 10)
                all_named = False
            except FlagValueError:
                pass
        if all_named:
            named.append((kind, vals[0]))
            continue
        raise SpecError(prefix + "mixed discrete and named resources in expression '%s=[%s]'"
                        % (kind, " ".join(vals)))
    if named:
        raise SpecError("invalid generic-resource request `%s=%s`, Named Generic Resources is "
                        "not supported for service create or update" % named[0])
    return out


def validate_extra_host(value: str) -> str:
    """docker's ``ValidateExtraHost``: ``host:ip`` or ``host=ip`` (IPv6 may
    be in brackets, ``host-gateway`` is accepted) -> ``host:ip``.

    Errors: ``bad format for add-host: "x"`` and
    ``invalid IP address in add-host: "x"`` (Go ``%q`` quoting).
    """
    k, v, ok = gostrings.cut(value, "=")
    if not ok:
        k, v, ok = gostrings.cut(value, ":")
    if not ok or k == "" or ":" in k:
        raise FlagValueError("bad format for add-host: %s" % quote(value))
    if v != "host-gateway":
        if len(v) > 2 and v[0] == "[" and v[-1] == "]":
            v = v[1:-1]
        if _go_parse_ip(gostrings.trim_space(v)) is None:
            raise FlagValueError("invalid IP address in add-host: %s" % quote(v))
    return k + ":" + v


def parse_host_entry(value: str) -> str:
    """``--host`` / ``--host-add``: validate like :func:`validate_extra_host`
    and return swarmkit's ``"IP host"`` form (``a:[::1]`` -> ``"::1 a"``;
    the address is kept as written, not canonicalised)."""
    host, ip, _ = gostrings.cut(validate_extra_host(value), ":")
    return ip + " " + host


def parse_dns_ip(value: str) -> str:
    """``--dns`` / ``--dns-add`` (``ValidateIPAddress``): the trimmed value
    parsed as an IP, in Go's canonical form (``0:0::1`` -> ``::1``,
    ``::ffff:1.2.3.4`` -> ``1.2.3.4``).
    Error: ``IP address is not correctly formatted: x``."""
    ip = _go_parse_ip(gostrings.trim_space(value))
    if ip is None:
        raise FlagValueError("IP address is not correctly formatted: %s" % value)
    return _go_ip_string(ip)


_ALPHA = re.compile(r"[a-zA-Z]")
# docker's domainRegexp; "(:?" is a typo for "(?:" in docker, so an optional
# colon is accepted at the start of each label group.  \s is Go's ASCII \s
# (no \v) and $ is the end of the text.
_DOMAIN = re.compile(
    r"^(:?(:?[a-zA-Z0-9]|(:?[a-zA-Z0-9][a-zA-Z0-9\-]*[a-zA-Z0-9]))"
    r"(:?\.(:?[a-zA-Z0-9]|(:?[a-zA-Z0-9][a-zA-Z0-9\-]*[a-zA-Z0-9])))*)\.?[\t\n\f\r ]*\Z")


def parse_dns_search(value: str) -> str:
    """``--dns-search`` / ``--dns-search-add`` (``ValidateDNSSearch``):
    spaces trimmed, ``.`` accepted, otherwise the value must contain a letter
    and match docker's domain pattern; a trailing dot is dropped.
    Error: ``x is not a valid domain``."""
    val = value.strip(" ")
    if val == ".":
        return val
    if not _ALPHA.search(val):
        raise FlagValueError("%s is not a valid domain" % val)
    m = _DOMAIN.match(val)
    if m and len(m.group(1).encode("utf-8", "surrogateescape")) < 255:
        return m.group(1)
    raise FlagValueError("%s is not a valid domain" % val)


def parse_sysctl(value: str) -> Tuple[str, str]:
    """``--sysctl`` / ``--sysctl-add``: not validated by docker; ``k=v`` ->
    ``(k, v)``, a bare ``k`` -> ``(k, "")``."""
    k, v, _ = gostrings.cut(value, "=")
    return k, v


def normalize_capability(cap: str) -> str:
    """``NormalizeCapability``: trim, upper-case, add ``CAP_`` (except for
    ``ALL`` and ``RESET``)."""
    cap = gostrings.to_upper(gostrings.trim_space(cap))
    if cap in ("ALL", "RESET"):
        return cap
    if not cap.startswith("CAP_"):
        cap = "CAP_" + cap
    return cap


def capability_set(caps: Optional[Iterable[str]]) -> dict:
    """Normalised capabilities as the map docker keeps them in (name -> True)."""
    return {normalize_capability(c): True for c in (caps or [])}


def normalize_capabilities(add: Optional[Iterable[str]],
                           drop: Optional[Iterable[str]]) -> Tuple[list, list]:
    """``EffectiveCapAddCapDrop`` (``--cap-add``/``--cap-drop`` on create).

    Returns ``(CapabilityAdd, CapabilityDrop)``, normalised, de-duplicated
    and sorted; ``ALL`` replaces a whole list, ``RESET`` is dropped and a
    capability both added and dropped is only added.  An empty list means
    docker sends nothing for that field.
    """
    add_caps = capability_set(add)
    drop_caps = capability_set(drop)
    if add_caps.get("ALL"):
        add_caps = {"ALL": True}
    if drop_caps.get("ALL"):
        drop_caps = {"ALL": True}
    cap_drop = sorted(c for c in drop_caps if not add_caps.get(c) and c != "RESET")
    cap_add = sorted(c for c in add_caps if c != "RESET")
    return cap_add, cap_drop


def parse_credential_spec(value: str) -> Optional[dict]:
    """``--credential-spec``: ``config://NAME``, ``file://X``,
    ``registry://X`` -> ``{"Config": .., "File": .., "Registry": ..}`` (all
    three keys, the CLI sends them all; ``Config`` holds the config *name*
    until the caller swaps in the ID), or None for ``''`` (no credential
    spec; on update it clears the stored one).

    Error: ``invalid credential spec: value must be prefixed with
    "config://", "file://", or "registry://"``.
    """
    spec = {"Config": "", "File": "", "Registry": ""}
    if value.startswith("config://"):
        spec["Config"] = value[len("config://"):]
    elif value.startswith("file://"):
        spec["File"] = value[len("file://"):]
    elif value.startswith("registry://"):
        spec["Registry"] = value[len("registry://"):]
    elif value == "":
        return None
    else:
        raise FlagValueError('invalid credential spec: value must be prefixed with '
                             '"config://", "file://", or "registry://"')
    return spec
