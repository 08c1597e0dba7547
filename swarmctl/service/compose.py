"""Stored ServiceSpecs as a compose file that ``docker stack deploy`` turns back into them.

The mapping is the inverse of docker/cli's ``cli/compose/convert`` (``service.go``,
``volume.go``) as the Docker CLI 28.x runs it, limited to the keys its v3 schemas accept.
Every field the mapping does not consume is reported in ``ComposeFile.unexpressible``
with its dotted path, so nothing is dropped silently. What ``docker stack deploy`` adds
on its own (the ``com.docker.stack.namespace`` label, the ``com.docker.stack.image``
service label and the ``STACK_`` prefix) is not part of the file.

Networks, secrets, configs and named volumes are written as top-level ``external: true``
references by ``name:``: the stack uses the objects that exist and creates none.

The YAML is written by a small emitter (no PyYAML at run time): every string is
double-quoted with YAML escapes, and ``$`` is doubled because compose interpolates
variables in every string value.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from swarmctl.golang.time import format_duration

# The lowest version that has every key we write; 3.13 (the highest Docker CLI 28.x
# reads) only when a field needs it, so older CLIs read the rest.
BASE_VERSION = "3.9"
LATEST_VERSION = "3.13"

_USER_DEFINED_NETWORK_EXCEPTIONS = ("default", "bridge", "host", "none")


@dataclass
class ComposeFile:
    """A compose file and what it could not say.

    Attributes:
        text (str): the compose file (YAML).
        unexpressible (list): ``(service_name, dotted field path, reason)`` for every set
            field of a spec that ``docker stack deploy`` cannot reproduce exactly.
        version (str): the compose file format version written.
    """

    text: str
    unexpressible: list = field(default_factory=list)
    version: str = BASE_VERSION


def compose_file(entries: list, names: dict | None = None) -> ComposeFile:
    """Build a compose file (v3, as ``docker stack deploy`` reads it) from stored specs.

    Args:
        entries (list): ``(service_name, spec)`` pairs; ``spec`` is a ServiceSpec as the
            engine stores it (read without ``insertDefaults``). ``service_name`` becomes
            the key under ``services:`` (the stack prefixes it with ``STACK_``).
        names (dict): network, secret and config IDs mapped to their names. An ID that is
            missing is written as it is (secrets and configs fall back to the name the
            reference carries).

    Returns:
        (ComposeFile): ``.text`` is the file; ``.unexpressible`` lists
        ``(service_name, field, reason)`` for every field the file cannot reproduce.

    Raises:
        ValueError: when two entries have the same service name.
    """
    names = names or {}
    builder = _Builder(names)
    seen = set()
    for service_name, spec in entries:
        if service_name in seen:
            raise ValueError(f"service {service_name!r} is given twice")
        seen.add(service_name)
        builder.add_service(service_name, spec or {})
    document = {"version": builder.version, "services": builder.services}
    for section in ("networks", "volumes", "secrets", "configs"):
        if builder.top[section]:
            document[section] = dict(sorted(builder.top[section].items()))
    return ComposeFile(dump_yaml(document), builder.unexpressible, builder.version)


# -- the mapping ----------------------------------------------------------------------------------

class _Builder:
    def __init__(self, names):
        self.names = names
        self.version = BASE_VERSION
        self.services = {}
        self.top = {"networks": {}, "volumes": {}, "secrets": {}, "configs": {}}
        self.unexpressible = []

    def need_latest(self):
        self.version = LATEST_VERSION

    def add_service(self, service_name, spec):
        work = _Service(self, service_name, copy.deepcopy(spec))
        self.services[service_name] = work.build()


class _Service:
    """One spec, consumed field by field: what is left at the end is unexpressible."""

    def __init__(self, builder, name, spec):
        self.builder = builder
        self.name = name
        self.spec = spec
        self.out = {}
        self.deploy = {}

    def lost(self, path, reason):
        self.builder.unexpressible.append((self.name, path, reason))

    def build(self):
        spec = self.spec
        spec.pop("Name", None)
        task = spec.get("TaskTemplate") or {}
        container = task.get("ContainerSpec") or {}
        if container and task.get("Runtime") == "container":
            del task["Runtime"]   # what the engine stores for every container task
        self._container(container)
        self._mode(spec)
        if spec.get("Labels"):
            self.deploy["labels"] = dict(spec.pop("Labels"))
        self._update_config(spec, "UpdateConfig", "update_config")
        self._update_config(spec, "RollbackConfig", "rollback_config")
        self._resources(task)
        self._restart_policy(task)
        self._placement(task)
        self._endpoint(spec)
        self._networks(task, spec)
        self._logging(task)
        if self.deploy:
            self.out["deploy"] = self.deploy
        for path in _leftovers(spec):
            self.lost(path, "no compose key for it in docker stack deploy")
        return self.out

    # -- ContainerSpec --

    def _container(self, c):
        out = self.out
        simple = (("Image", "image"),)
        for key, name in simple:
            if c.get(key):
                out[name] = c.pop(key)
        if c.get("Command"):
            out["entrypoint"] = list(c.pop("Command"))
        if c.get("Args"):
            out["command"] = list(c.pop("Args"))
        if c.get("Labels"):
            out["labels"] = dict(c.pop("Labels"))
        for key, name in (("Hostname", "hostname"), ("Dir", "working_dir"), ("User", "user"),
                          ("StopSignal", "stop_signal"), ("Isolation", "isolation")):
            if c.get(key):
                out[name] = c.pop(key)
        for key, name in (("Init", "init"), ("TTY", "tty"), ("OpenStdin", "stdin_open"),
                          ("ReadOnly", "read_only")):
            value = c.pop(key, None)
            # Init is a pointer (false is a choice); the others are plain bools.
            if value is True or key == "Init" and value is False:
                out[name] = value
        if c.get("StopGracePeriod") is not None:
            out["stop_grace_period"] = format_duration(c.pop("StopGracePeriod"))
        if c.get("OomScoreAdj"):
            out["oom_score_adj"] = c.pop("OomScoreAdj")
            self.builder.need_latest()
        self._env(c)
        self._hosts(c)
        self._dns(c)
        self._healthcheck(c)
        for key, name in (("CapabilityAdd", "cap_add"), ("CapabilityDrop", "cap_drop")):
            if c.get(key):
                caps = list(c[key])
                if caps != sorted(set(caps)):
                    self.lost(f"TaskTemplate.ContainerSpec.{key}",
                              "docker stack deploy sorts capabilities and drops repeats")
                out[name] = caps
                del c[key]
        if c.get("Sysctls"):
            out["sysctls"] = dict(c.pop("Sysctls"))
        self._ulimits(c)
        self._credential_spec(c)
        self._file_refs(c, "Secrets", "secrets", "SecretID", "SecretName")
        self._file_refs(c, "Configs", "configs", "ConfigID", "ConfigName")
        self._mounts(c)

    def _env(self, c):
        env = c.get("Env")
        if not env:
            return
        names = [entry.split("=", 1)[0] for entry in env]
        if list(env) != sorted(env) or len(set(names)) != len(names):
            self.lost("TaskTemplate.ContainerSpec.Env",
                      "docker stack deploy sorts the environment and keeps one value a name")
        self.out["environment"] = list(env)
        del c["Env"]

    def _hosts(self, c):
        hosts = c.get("Hosts")
        if not hosts:
            return
        extra = []
        for entry in hosts:
            parts = entry.split(None, 1)
            if len(parts) != 2 or ":" in parts[1] or f"{parts[0]} {parts[1]}" != entry:
                self.lost("TaskTemplate.ContainerSpec.Hosts",
                          f"{entry!r} is not 'IP hostname' as extra_hosts writes it")
                return
            extra.append(f"{parts[1]}:{parts[0]}")
        self.out["extra_hosts"] = extra
        del c["Hosts"]

    def _dns(self, c):
        dns = c.get("DNSConfig")
        if not dns:
            return
        if dns.get("Nameservers"):
            self.out["dns"] = list(dns.pop("Nameservers"))
        if dns.get("Search"):
            self.out["dns_search"] = list(dns.pop("Search"))

    def _healthcheck(self, c):
        check = c.get("Healthcheck")
        if not check:
            return
        out = {}
        if check.get("Test"):
            out["test"] = list(check.pop("Test"))
        for key, name in (("Interval", "interval"), ("Timeout", "timeout"),
                          ("StartPeriod", "start_period"), ("StartInterval", "start_interval")):
            if check.get(key):
                out[name] = format_duration(check.pop(key))
                if key == "StartInterval":
                    self.builder.need_latest()
        if check.get("Retries"):
            out["retries"] = check.pop("Retries")
        if out:
            self.out["healthcheck"] = out

    def _ulimits(self, c):
        ulimits = c.get("Ulimits")
        if not ulimits:
            return
        names = [u.get("Name", "") for u in ulimits]
        if names != sorted(set(names)):
            self.lost("TaskTemplate.ContainerSpec.Ulimits",
                      "docker stack deploy sorts ulimits by name and keeps one a name")
        out = {}
        for u in ulimits:
            if not re.fullmatch(r"[a-z]+", u.get("Name", "")):
                self.lost("TaskTemplate.ContainerSpec.Ulimits",
                          f"ulimit name {u.get('Name')!r} is not a compose ulimits key")
                continue
            out[u["Name"]] = {"soft": u.get("Soft", 0), "hard": u.get("Hard", 0)}
        self.out["ulimits"] = out
        del c["Ulimits"]

    def _credential_spec(self, c):
        privileges = c.get("Privileges") or {}
        cred = privileges.get("CredentialSpec")
        if not cred:
            return
        out = {}
        for key in ("File", "Registry"):
            if cred.get(key):
                out[key.lower()] = cred.pop(key)
        if out:
            self.out["credential_spec"] = out

    def _file_refs(self, c, key, section, id_key, name_key):
        refs = c.get(key)
        if not refs:
            return
        path = f"TaskTemplate.ContainerSpec.{key}"
        out, kept, order = [], [], []
        for ref in refs:
            target = ref.get("File")
            if not target:
                kept.append(ref)   # a runtime config (credential spec): no compose form
                continue
            name = self.builder.names.get(ref.get(id_key)) or ref.get(name_key) or ref.get(id_key)
            order.append(ref.get(name_key) or name)
            entry = {"source": name, "target": target.get("Name", ""),
                     "uid": target.get("UID", "0") or "0", "gid": target.get("GID", "0") or "0",
                     "mode": target.get("Mode", 0o444)}
            out.append(entry)
            self.builder.top[section][name] = {"external": True, "name": name}
        if order != sorted(order):
            self.lost(path, "docker stack deploy sorts them by name")
        if kept:
            c[key] = kept
        else:
            del c[key]
        if out:
            self.out[section] = out

    def _mounts(self, c):
        mounts = c.get("Mounts")
        if not mounts:
            return
        out = []
        for index, mount in enumerate(mounts):
            path = f"TaskTemplate.ContainerSpec.Mounts[{index}]"
            kind = mount.get("Type") or "volume"
            if kind not in ("volume", "bind", "tmpfs"):
                self.lost(path, f"docker stack deploy's compose schema has no {kind} mounts")
                continue
            entry = {"type": mount.pop("Type", kind)}
            if mount.get("Source"):
                entry["source"] = mount.pop("Source")
            entry["target"] = mount.pop("Target", "")
            if mount.get("ReadOnly"):
                entry["read_only"] = mount.pop("ReadOnly")
            if mount.get("Consistency"):
                entry["consistency"] = mount.pop("Consistency")
            if kind == "bind":
                bind = mount.get("BindOptions") or {}
                if bind.get("Propagation"):
                    entry["bind"] = {"propagation": bind.pop("Propagation")}
            elif kind == "tmpfs":
                tmpfs = mount.get("TmpfsOptions") or {}
                if tmpfs.get("SizeBytes"):
                    entry["tmpfs"] = {"size": tmpfs.pop("SizeBytes")}
            elif "source" in entry:
                options = mount.get("VolumeOptions") or {}
                if options.get("NoCopy"):
                    entry["volume"] = {"nocopy": options.pop("NoCopy")}
                self.builder.top["volumes"][entry["source"]] = {
                    "external": True, "name": entry["source"]}
            for leftover in _leftovers(mount, path):
                self.lost(leftover, "no compose key for it in docker stack deploy")
            out.append(entry)
        del c["Mounts"]
        if out:
            self.out["volumes"] = out

    # -- deploy --

    def _mode(self, spec):
        mode = spec.get("Mode")
        if not mode:
            return
        if "Replicated" in mode:
            replicas = (mode.pop("Replicated") or {}).get("Replicas")
            if replicas is not None:
                self.deploy["replicas"] = replicas
        elif "Global" in mode:
            mode.pop("Global")
            self.deploy["mode"] = "global"
        elif "ReplicatedJob" in mode:
            job = mode.pop("ReplicatedJob") or {}
            total, concurrent = job.get("TotalCompletions"), job.get("MaxConcurrent")
            self.deploy["mode"] = "replicated-job"
            if total is not None:
                self.deploy["replicas"] = total
            if concurrent != total:
                self.lost("Mode.ReplicatedJob.MaxConcurrent",
                          "docker stack deploy sets MaxConcurrent to the replicas")
        elif "GlobalJob" in mode:
            mode.pop("GlobalJob")
            self.deploy["mode"] = "global-job"

    def _update_config(self, spec, key, name):
        config = spec.get(key)
        if config is None:
            return
        out = {"parallelism": config.pop("Parallelism", 0)}
        for field_key, field_name in (("Delay", "delay"), ("Monitor", "monitor")):
            if config.get(field_key):
                out[field_name] = format_duration(config.pop(field_key))
        if config.get("FailureAction"):
            out["failure_action"] = config.pop("FailureAction")
        if config.get("MaxFailureRatio"):
            out["max_failure_ratio"] = config.pop("MaxFailureRatio")
        if config.get("Order"):
            out["order"] = config.pop("Order")
        self.deploy[name] = out

    def _resources(self, task):
        resources = task.get("Resources") or {}
        out = {}
        limits = resources.get("Limits") or {}
        if limits:
            entry = {}
            if limits.get("NanoCPUs"):
                entry["cpus"] = _cpus(limits.pop("NanoCPUs"))
            if limits.get("MemoryBytes"):
                entry["memory"] = str(limits.pop("MemoryBytes"))
            if limits.get("Pids"):
                entry["pids"] = limits.pop("Pids")
            if entry:
                out["limits"] = entry
        reservations = resources.get("Reservations") or {}
        if reservations:
            entry = {}
            if reservations.get("NanoCPUs"):
                entry["cpus"] = _cpus(reservations.pop("NanoCPUs"))
            if reservations.get("MemoryBytes"):
                entry["memory"] = str(reservations.pop("MemoryBytes"))
            generic = reservations.get("GenericResources") or []
            discrete = [g for g in generic if set(g) == {"DiscreteResourceSpec"}]
            if discrete:
                entry["generic_resources"] = [
                    {"discrete_resource_spec": {"kind": g["DiscreteResourceSpec"].get("Kind", ""),
                                                "value": g["DiscreteResourceSpec"].get("Value", 0)}}
                    for g in discrete]
                rest = [g for g in generic if set(g) != {"DiscreteResourceSpec"}]
                if rest:
                    reservations["GenericResources"] = rest
                else:
                    del reservations["GenericResources"]
            if entry:
                out["reservations"] = entry
        if out:
            self.deploy["resources"] = out

    def _restart_policy(self, task):
        policy = task.get("RestartPolicy")
        if policy is None:
            return
        out = {}
        if policy.get("Condition"):
            out["condition"] = policy.pop("Condition")
        if policy.get("Delay") is not None:
            out["delay"] = format_duration(policy.pop("Delay"))
        if policy.get("MaxAttempts") is not None:
            out["max_attempts"] = policy.pop("MaxAttempts")
        if policy.get("Window") is not None:
            out["window"] = format_duration(policy.pop("Window"))
        self.deploy["restart_policy"] = out

    def _placement(self, task):
        placement = task.get("Placement") or {}
        out = {}
        if placement.get("Constraints"):
            out["constraints"] = list(placement.pop("Constraints"))
        preferences = placement.get("Preferences") or []
        spreads = [p for p in preferences if set(p) == {"Spread"}]
        if preferences and len(spreads) == len(preferences):
            out["preferences"] = [{"spread": (p["Spread"] or {}).get("SpreadDescriptor", "")}
                                  for p in spreads]
            del placement["Preferences"]
        if placement.get("MaxReplicas"):
            out["max_replicas_per_node"] = placement.pop("MaxReplicas")
        if out:
            self.deploy["placement"] = out

    def _endpoint(self, spec):
        endpoint = spec.get("EndpointSpec") or {}
        if endpoint.get("Mode"):
            self.deploy["endpoint_mode"] = endpoint.pop("Mode")
        ports = endpoint.get("Ports") or []
        if not ports:
            return
        out = []
        for index, port in enumerate(ports):
            entry = {"target": port.pop("TargetPort", 0)}
            if port.get("PublishedPort"):
                entry["published"] = port.pop("PublishedPort")
            if port.get("Protocol"):
                entry["protocol"] = port.pop("Protocol")
            if port.get("PublishMode"):
                entry["mode"] = port.pop("PublishMode")
            for leftover in _leftovers(port, f"EndpointSpec.Ports[{index}]"):
                self.lost(leftover, "no compose key for it in docker stack deploy")
            out.append(entry)
        published = [p.get("published", 0) for p in out]
        if published != sorted(published):
            self.lost("EndpointSpec.Ports", "docker stack deploy sorts ports by published port")
        self.out["ports"] = out
        del endpoint["Ports"]

    def _networks(self, task, spec):
        attachments = task.get("Networks") or spec.get("Networks") or []
        if not attachments:
            self.lost("TaskTemplate.Networks", "docker stack deploy attaches a service that "
                      "names no network to the stack's default network")
            return
        out, order = {}, []
        for index, attachment in enumerate(attachments):
            target = attachment.get("Target", "")
            name = self.builder.names.get(target, target)
            order.append(name)
            aliases = list(attachment.get("Aliases") or [])
            entry = {}
            if name not in _USER_DEFINED_NETWORK_EXCEPTIONS:
                # The stack adds the compose service name as the last alias.
                if aliases and aliases[-1] == self.name:
                    aliases.pop()
                else:
                    self.lost(f"TaskTemplate.Networks[{index}].Aliases",
                              f"docker stack deploy adds the alias {self.name!r}")
            if aliases:
                entry["aliases"] = aliases
            if attachment.get("DriverOpts"):
                entry["driver_opts"] = dict(attachment["DriverOpts"])
                self.builder.need_latest()
            out[name] = entry or None
            self.builder.top["networks"][name] = {"external": True, "name": name}
        if order != sorted(order):
            self.lost("TaskTemplate.Networks", "docker stack deploy sorts networks by name")
        self.out["networks"] = out
        task.pop("Networks", None)
        spec.pop("Networks", None)

    def _logging(self, task):
        driver = task.get("LogDriver")
        if not driver:
            return
        out = {}
        if driver.get("Name"):
            out["driver"] = driver.pop("Name")
        if driver.get("Options"):
            out["options"] = dict(driver.pop("Options"))
        if out:
            self.out["logging"] = out


def _cpus(nano):
    # Exact decimal, as opts.ParseCPUs reads it back (big.Rat, no rounding).
    whole, frac = divmod(int(nano), 10 ** 9)
    text = str(whole)
    if frac:
        text += "." + f"{frac:09d}".rstrip("0")
    return text


def _is_empty(value):
    # Go's zero values: the wire omits them, so nothing is lost by not writing them.
    return value is None or value in ({}, [], "", 0) or value is False


def _leftovers(value, path=""):
    """Dotted paths of the set (non-empty) fields left in a consumed spec."""
    if isinstance(value, dict) and all(str(key)[:1].isupper() for key in value):
        found = []
        for key, item in value.items():
            found += _leftovers(item, f"{path}.{key}" if path else str(key))
        return found
    if isinstance(value, (list, dict)):
        # a list, or a map of the user's (labels, options): reported whole
        return [path] if value else []
    return [] if _is_empty(value) else [path]


# -- YAML -----------------------------------------------------------------------------------------

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*\Z")
# Words a YAML 1.1 reader (the Docker CLI used yaml.v2 for years) takes for non-strings.
_RESERVED = frozenset(
    w for word in ("y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf")
    for w in (word, word.capitalize(), word.upper()))


def dump_yaml(value) -> str:
    """Block-style YAML for dicts, lists, strings, ints, floats, bools and None.

    Args:
        value: the document.

    Returns:
        (str): the YAML text, ending in a newline.

    Raises:
        TypeError: for a value of another type.
    """
    lines = []
    _emit(value, 0, lines)
    return "\n".join(lines) + "\n"


def _emit(value, indent, lines):
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            lines.append(pad + "{}")
        for key, item in value.items():
            head = f"{pad}{_key_text(key)}:"
            if isinstance(item, (dict, list)) and item:
                lines.append(head)
                _emit(item, indent + 2, lines)
            else:
                lines.append(f"{head} {_scalar(item)}")
        return
    if isinstance(value, list):
        if not value:
            lines.append(pad + "[]")
        for item in value:
            if isinstance(item, (dict, list)) and item:
                nested = []
                _emit(item, indent + 2, nested)
                lines.append(f"{pad}- {nested[0][indent + 2:]}")
                lines.extend(nested[1:])
            else:
                lines.append(f"{pad}- {_scalar(item)}")
        return
    lines.append(pad + _scalar(value))


def _key_text(key):
    key = str(key)
    if _PLAIN_KEY.match(key) and key not in _RESERVED:
        return key
    return quote(key, interpolate=False)


def _scalar(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise TypeError(f"no YAML number for {value!r}")
        return repr(value)
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    if isinstance(value, str):
        return quote(value)
    raise TypeError(f"cannot write {type(value).__name__} as YAML")


_ESCAPES = {"\0": "\\0", "\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v",
            "\f": "\\f", "\r": "\\r", "\x1b": "\\e", '"': '\\"', "\\": "\\\\",
            "\x85": "\\N", "\xa0": "\\_", "\u2028": "\\L", "\u2029": "\\P"}


def quote(text: str, interpolate: bool = True) -> str:
    """A YAML double-quoted scalar that reads back as ``text``.

    Args:
        text (str): any string.
        interpolate (bool): double every ``$``, as compose reads ``$$`` as ``$`` in values.

    Returns:
        (str): the quoted scalar.
    """
    if interpolate:
        text = text.replace("$", "$$")
    out = ['"']
    for char in text:
        code = ord(char)
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif code < 0x20 or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF \
                or code in (0xFEFF, 0xFFFE, 0xFFFF):
            out.append(f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)
