"""From a stored ServiceSpec back to the ``create`` command that stores it.

``create_arguments(spec, names)`` reads the spec as the engine stores it (``GET
/services/ID?insertDefaults=false``) and returns the arguments of ``swarmctl create`` /
``docker service create`` (flags, then IMAGE and ARGs) that make the same spec, and the spec
fields no flag can express. It is driven by the flag table (``swarmctl.service.flags``):
each create flag names the spec field it sets (``Flag.spec``) and, where its kind does not
say it, how a stored value comes back (``Flag.export``). What ``docker service create``
sends when a flag is absent never comes out as a flag.

``object_names(api, specs)`` resolves the network, secret and config IDs a spec refers to
into names, so the command says ``--network web`` rather than an ID.
"""
from __future__ import annotations

import copy
import shlex
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Iterable, Mapping, Optional

from swarmctl.golang.time import format_duration
from swarmctl.service import edit, parsers
from swarmctl.service.errors import GoPanic
from swarmctl.service.flags import CREATE, FLAGS_BY_NAME, flags_for
from swarmctl.service.values import make_env

CS = "TaskTemplate.ContainerSpec."
_MISSING = object()
NANO = 10**9
# What docker service create sends when no flag asks for anything (its baseline body):
# a stored spec without these cannot come back from a create.
_BASELINE_OBJECTS = ("Labels", CS + "DNSConfig", "TaskTemplate.Resources.Limits",
                     "TaskTemplate.Resources.Reservations", "TaskTemplate.Resources",
                     "TaskTemplate.Placement", "EndpointSpec")
# The config groups create sends whole as soon as one of their flags is given, with these
# values for the flags not given (a missing key reads as Go's zero value where Go omits it).
_GROUP_DEFAULTS = {
    "UpdateConfig": dict(edit.DEFAULT_UPDATE_CONFIG, Delay=0),
    "RollbackConfig": dict(edit.DEFAULT_UPDATE_CONFIG, Delay=0),
    "TaskTemplate.RestartPolicy": dict(edit.DEFAULT_RESTART_POLICY),
    CS + "Healthcheck": {},
}
# Keys of those groups that are pointers in Go: missing is not zero, and create always
# sends them (RestartPolicy's Window only when given).
_GROUP_POINTERS = {"TaskTemplate.RestartPolicy": ("Condition", "Delay", "MaxAttempts")}


@dataclass
class ExportedCommand:
    """The create arguments for one stored spec.

    ``arguments``: flags, then IMAGE and the ARGs (no ``--detach``). ``unexpressible``: the
    spec fields (dotted paths, list items by index) that no flag can set as stored.
    """

    arguments: list = field(default_factory=list)
    unexpressible: list = field(default_factory=list)


def create_arguments(spec: Mapping[str, Any],
                     names: Optional[Mapping[str, str]] = None) -> ExportedCommand:
    """The ``create`` arguments that store ``spec``.

    Args:
        spec (dict): a ServiceSpec as the engine stores it (read without
            ``insertDefaults``).
        names (dict): network, secret and config IDs to names (``object_names``); an ID
            without a name is used as it is.

    Returns:
        (ExportedCommand): the arguments and the fields no flag can express.
    """
    return _Exporter(spec, names or {}).run()


def object_names(api: Any, specs: Iterable[Mapping[str, Any]]) -> dict:
    """The names of the networks, secrets and configs the specs refer to, by ID.

    Args:
        api (APIClient): the low-level client.
        specs (list): ServiceSpecs.

    Returns:
        (dict): ID -> name, for every referred object the engine knows (one list request per
        kind of object referred to).

    Raises:
        :py:class:`swarmctl.errors.APIError`
            If the server returns an error.
    """
    wanted = {"network": set(), "secret": set(), "config": set()}
    for spec in specs:
        task = spec.get("TaskTemplate") or {}
        container = task.get("ContainerSpec") or {}
        for attachment in (task.get("Networks") or []) + (spec.get("Networks") or []):
            wanted["network"].add(attachment.get("Target"))
        for ref in container.get("Secrets") or []:
            wanted["secret"].add(ref.get("SecretID"))
        for ref in container.get("Configs") or []:
            wanted["config"].add(ref.get("ConfigID"))
    names = {}
    if wanted["network"]:
        for network in api.networks():
            names[network["Id"]] = network["Name"]
    if wanted["secret"]:
        for secret in api.secrets():
            names[secret["ID"]] = secret["Spec"]["Name"]
    if wanted["config"]:
        for config in api.configs():
            names[config["ID"]] = config["Spec"]["Name"]
    return names


def command_line(arguments: Iterable[str], docker: bool = False) -> str:
    """One shell-quoted command line: ``swarmctl create ...`` or ``docker service create ...``.

    Args:
        arguments (list): the create arguments (``ExportedCommand.arguments``).
        docker (bool): the Docker CLI's command instead of swarmctl's.

    Returns:
        (str): the command line, without a newline.
    """
    program = ["docker", "service", "create"] if docker else ["swarmctl", "create"]
    return " ".join(shlex.quote(word) for word in program + list(arguments))


# -- value words --------------------------------------------------------------------------------

def duration_word(nanoseconds: int) -> str:
    """A duration as the flag takes it (Go's ``Duration.String``: ``1m30s``, ``500ms``)."""
    return format_duration(nanoseconds)


def nano_cpus_word(nano_cpus: int) -> str:
    """NanoCPUs as the decimal ``--limit-cpu`` takes (``1500000000`` -> ``1.5``)."""
    value = Fraction(nano_cpus, NANO)
    if value.denominator == 1:
        return str(value.numerator)
    whole, rest = divmod(abs(nano_cpus), NANO)
    sign = "-" if nano_cpus < 0 else ""
    return f"{sign}{whole}." + f"{rest:09d}".rstrip("0")


def csv_field(text: str) -> str:
    """One field of docker's CSV values (Go's encoding/csv), quoted when it must be."""
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_value(fields: Iterable[str]) -> str:
    return ",".join(csv_field(f) for f in fields)


def shell_words(words: Iterable[str]) -> str:
    """A word list as ``--entrypoint`` splits it back (google/shlex)."""
    out = []
    for word in words:
        if word and all(c.isalnum() or c in "@%+=:,./-_" for c in word):
            out.append(word)
        else:
            # Inside double quotes shlex honours \\ and \" only; everything else is literal.
            out.append('"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"')
    return " ".join(out)


def env_flags(env: list) -> Optional[list]:
    """The ``--env`` values that create turns into ``env`` through docker's de-duplication
    (``makeEnv``, quirks included), or None when none of the forms tried does."""
    if not env or any(entry.startswith("=") for entry in env):
        return None
    later_keys = [{e.split("=", 1)[0] for e in env[i + 1:]} for i in range(len(env))]
    candidates = (
        list(env),
        # makeEnv keeps identical duplicates and lets a later KEY=x remove one earlier
        # entry of KEY: an entry given twice survives a later one of its key.
        [e for i, e in enumerate(env)
         for _ in range(2 if e.split("=", 1)[0] in later_keys[i] else 1)],
    )
    for candidate in candidates:
        try:
            if make_env(candidate) == list(env):
                return candidate
        except GoPanic:
            continue
    return None


def _octal(mode: int) -> str:
    return "0" + format(mode, "o") if mode else "0"


# -- the exporter ---------------------------------------------------------------------------------

class _Exporter:
    def __init__(self, spec, names):
        self.spec = spec
        self.rest = copy.deepcopy(dict(spec))
        self.names = names
        self.out = ExportedCommand()
        self.positional = []
        self.handled = set()

    # spec access ----------------------------------------------------------------------------
    def get(self, path, default=_MISSING):
        node = self.spec
        for key in path.split("."):
            if not isinstance(node, Mapping) or key not in node:
                return default
            node = node[key]
        return node

    def consume(self, path):
        node = self.rest
        keys = path.split(".")
        for key in keys[:-1]:
            node = node.get(key) if isinstance(node, dict) else None
            if node is None:
                return
        if isinstance(node, dict):
            node.pop(keys[-1], None)

    def emit(self, flag_name, value=None):
        if value is None:
            self.out.arguments.append(f"--{flag_name}")
        elif str(value).startswith("-"):
            # A value that looks like a flag stays attached to its own.
            self.out.arguments.append(f"--{flag_name}={value}")
        else:
            self.out.arguments += [f"--{flag_name}", str(value)]

    def report(self, path):
        if path not in self.out.unexpressible:
            self.out.unexpressible.append(path)

    # the walk ---------------------------------------------------------------------------------
    def run(self):
        name = self.get("Name", "")
        if name:
            self.emit("name", name)
        self.consume("Name")
        table = [f for f in flags_for(CREATE) if f.spec and f.name != "name"]
        table += [FLAGS_BY_NAME["image"], FLAGS_BY_NAME["args"]]
        for flag in table:
            style = flag.export or flag.kind
            handler = getattr(self, "_" + style.replace("-", "_"))
            handler(flag)
        self._engine_defaults()
        self._image_resolution()
        self.out.arguments += self.positional
        self._leftovers(self.rest, "", self.spec)
        return self.out

    def _engine_defaults(self):
        for path, value in (("TaskTemplate.Runtime", "container"), ("TaskTemplate.ForceUpdate", 0)):
            if self.get(path, value) == value:
                self.consume(path)
        for path in _BASELINE_OBJECTS:
            stored = self.get(path)
            if stored is _MISSING or stored is None:
                if path != "Labels" or stored is _MISSING:
                    self.report(path)
                self.consume(path)
        if self.get("Labels", None) is None:
            self.consume("Labels")

    def _image_resolution(self):
        platforms = self.get("TaskTemplate.Placement.Platforms", None)
        if platforms:
            # Only create's registry look-up sets them: left to it (no flag says them).
            self.consume("TaskTemplate.Placement.Platforms")
        else:
            self.emit("no-resolve-image")

    def _leftovers(self, node, prefix, original):
        for key, value in node.items():
            path = f"{prefix}{key}"
            before = original.get(key) if isinstance(original, Mapping) else None
            if isinstance(value, dict) and value and path in _flag_spec_prefixes():
                self._leftovers(value, path + ".", before)
            elif isinstance(value, dict) and not value:
                if before == {} and path not in _BASELINE_OBJECTS:
                    self.report(path)
            else:
                self.report(path)

    # styles: one per flag kind, or per Flag.export ---------------------------------------------
    def _scalar(self, flag, word=str):
        value = self.get(flag.spec)
        if value is _MISSING:
            return
        self.consume(flag.spec)
        if value in ("", 0, None, False):
            if value == "" or value is None:
                self.report(flag.spec)  # create sends nothing for an empty value
            return
        self.emit(flag.name, word(value))

    def _string(self, flag):
        self._scalar(flag)

    def _int(self, flag):
        self._scalar(flag)

    def _uint(self, flag):
        self._scalar(flag)

    def _bytes(self, flag):
        self._scalar(flag)

    def _decimal(self, flag):
        self._scalar(flag, nano_cpus_word)

    def _bool(self, flag):
        value = self.get(flag.spec)
        self.consume(flag.spec)
        if value is True:
            self.emit(flag.name)
        elif value not in (_MISSING, False):
            self.report(flag.spec)

    def _always_sent(self, flag):
        """A bool create always sends (``Init``): false must be stored, not missing."""
        value = self.get(flag.spec)
        self.consume(flag.spec)
        if value is True:
            self.emit(flag.name)
        elif value is not False:
            self.report(flag.spec)

    def _explicit(self, flag):
        """A duration create sends only when given, even when 0 (``--stop-grace-period``)."""
        value = self.get(flag.spec)
        if value is _MISSING:
            return
        self.consume(flag.spec)
        self.emit(flag.name, duration_word(value))

    def _isolation(self, flag):
        value = self.get(flag.spec)
        self.consume(flag.spec)
        if value not in (_MISSING, "default", ""):
            self.emit(flag.name, value)

    def _endpoint_mode(self, flag):
        value = self.get(flag.spec)
        self.consume(flag.spec)
        if value is _MISSING:
            if self.get("EndpointSpec", None) is not None:
                self.report(flag.spec)
        elif value != "vip":
            self.emit(flag.name, value)

    def _command(self, flag):
        value = self.get(flag.spec)
        if value is _MISSING or value is None:
            self.consume(flag.spec)
            return
        self.consume(flag.spec)
        if not value:
            self.report(flag.spec)
            return
        self.emit(flag.name, shell_words(value))

    def _positional(self, flag):
        value = self.get(flag.spec)
        self.consume(flag.spec)
        if flag.name == "image":
            if not value or value is _MISSING:
                self.report(flag.spec)
                value = ""
            self.positional.insert(0, value)
        elif value is not _MISSING and value is not None:
            if not value:
                self.report(flag.spec)
            self.positional += list(value)

    def _list(self, flag):
        value = self.get(flag.spec)
        self.consume(flag.spec)
        if value is _MISSING or value is None:
            return
        if not value:
            self.report(flag.spec)
        for item in value:
            self.emit(flag.name, item)

    _dns_ip = _list
    _dns_search = _list

    def _map(self, flag):
        value = self.get(flag.spec)
        self.consume(flag.spec)
        if value is _MISSING or value is None:
            return
        if flag.name == "log-opt" and value and not self.get("TaskTemplate.LogDriver.Name", ""):
            self.report(flag.spec)  # create drops --log-opt without --log-driver
            return
        for key, item in value.items():
            if not key or any(c.isspace() for c in key) or "=" in key:
                self.report(f"{flag.spec}.{key}")
                continue
            self.emit(flag.name, f"{key}={item}")

    def _env(self, flag):
        value = self.get(flag.spec)
        self.consume(flag.spec)
        if value is _MISSING or value is None:
            return
        entries = env_flags(value)
        if entries is None:
            self.report(flag.spec)  # create's de-duplication cannot give this list
            return
        for entry in entries:
            self.emit(flag.name, entry)

    def _capabilities(self, flag):
        if "capabilities" in self.handled:
            return
        self.handled.add("capabilities")
        add_path, drop_path = CS + "CapabilityAdd", CS + "CapabilityDrop"
        add, drop = self.get(add_path, None) or [], self.get(drop_path, None) or []
        self.consume(add_path)
        self.consume(drop_path)
        if parsers.normalize_capabilities(add, drop) != (list(add), list(drop)):
            self.report(add_path if add else drop_path)
            return
        for cap in add:
            self.emit("cap-add", cap)
        for cap in drop:
            self.emit("cap-drop", cap)

    def _mode(self, flag):
        if "mode" in self.handled:
            return
        self.handled.add("mode")
        mode = self.get("Mode", None)
        self.consume("Mode")
        if not isinstance(mode, Mapping) or len(mode) != 1:
            self.report("Mode")
            return
        kind, settings = next(iter(mode.items()))
        settings = settings or {}
        if kind == "Replicated":
            replicas = settings.get("Replicas", 1)
            if replicas != 1:
                self.emit("replicas", replicas)
        elif kind == "ReplicatedJob":
            self.emit("mode", "replicated-job")
            self.emit("replicas", settings.get("TotalCompletions", 0))
            self.emit("max-concurrent", settings.get("MaxConcurrent", 0))
        elif kind in ("Global", "GlobalJob"):
            self.emit("mode", "global" if kind == "Global" else "global-job")
        else:
            self.report(f"Mode.{kind}")

    def _health_test(self, flag):
        if "health-test" in self.handled:
            return
        self.handled.add("health-test")
        test = self.get(flag.spec, None)
        self.consume(flag.spec)
        if test is None:
            return
        others = {k for k in self.get(CS + "Healthcheck", {}) if k != "Test"}
        if test == ["NONE"] and not others:
            self.emit("no-healthcheck")
        elif len(test) == 2 and test[0] == "CMD-SHELL" and test[1]:
            self.emit("health-cmd", test[1])
        else:
            self.report(flag.spec)

    def _group(self, flag):
        """A config create sends whole once one flag of it is given: the flags whose value
        differs from what create fills in; one flag at least when the config is stored."""
        parent = flag.spec.rsplit(".", 1)[0]
        if parent in self.handled:
            return
        self.handled.add(parent)
        stored = self.get(parent, None)
        if stored is None:
            self.consume(parent)
            return
        members = [f for f in flags_for(CREATE)
                   if f.export == "group" and f.spec.rsplit(".", 1)[0] == parent]
        defaults = _GROUP_DEFAULTS[parent]
        pointers = _GROUP_POINTERS.get(parent, ())
        emitted = False
        for member in members:
            key = member.spec.rsplit(".", 1)[1]
            self.consume(member.spec)
            if key not in stored:
                if key in pointers:
                    self.report(member.spec)
                    continue
                if key not in defaults or not defaults[key]:
                    continue
                value = 0 if member.kind != "string" else ""
            else:
                value = stored[key]
            if key in defaults and value == defaults[key] and key not in ("Window",):
                continue
            if member.kind == "string" and not value:
                self.report(member.spec)
                continue
            if parent == CS + "Healthcheck" and not value:
                continue  # create leaves zero health settings out; they are not stored
            word = duration_word(value) if "duration" in member.kind else value
            self.emit(member.name, word)
            emitted = True
        if parent == CS + "Healthcheck" and "Test" in stored:
            return  # --health-cmd / --no-healthcheck already make the object
        if not emitted:
            if not stored:
                self.consume(parent)
            first = members[0]
            key = first.spec.rsplit(".", 1)[1]
            value = stored.get(key, defaults.get(key, 0))
            word = duration_word(value) if "duration" in first.kind else value
            self.emit(first.name, word)

    def _mount(self, flag):
        mounts = self.get(flag.spec, None)
        self.consume(flag.spec)
        for index, mount in enumerate(mounts or []):
            words = _mount_words(mount)
            if words is None:
                self.report(f"{flag.spec}.{index}")
            else:
                self.emit(flag.name, csv_value(words))

    def _port(self, flag):
        for index, port in enumerate(self.get(flag.spec, None) or []):
            words = []
            for key, word in (("TargetPort", "target"), ("PublishedPort", "published"),
                              ("Protocol", "protocol"), ("PublishMode", "mode")):
                if port.get(key) not in (None, "", 0):
                    words.append(f"{word}={port[key]}")
            if "TargetPort" not in port or set(port) - {"TargetPort", "PublishedPort", "Protocol",
                                                        "PublishMode", "Name"} or port.get("Name"):
                self.report(f"{flag.spec}.{index}")
                continue
            self.emit(flag.name, ",".join(words))
        self.consume(flag.spec)

    def _network(self, flag):
        attachments = self.get(flag.spec, None) or []
        self.consume(flag.spec)
        if [a.get("Target") for a in attachments] != sorted(a.get("Target") for a in attachments):
            self.report(flag.spec)  # create sorts them by ID
        for index, attachment in enumerate(attachments):
            name = self.names.get(attachment.get("Target"), attachment.get("Target"))
            aliases = attachment.get("Aliases") or []
            options = attachment.get("DriverOpts") or {}
            if not aliases and not options:
                self.emit(flag.name, name)
                continue
            words = [f"name={name}"] + [f"alias={a}" for a in aliases]
            words += [f"driver-opt={k}={v}" for k, v in options.items()]
            text = csv_value(words)
            if text.lower() != text or text.strip() != text:
                self.report(f"{flag.spec}.{index}")  # the CSV form lower-cases everything
                continue
            self.emit(flag.name, text)

    def _secret(self, flag):
        self._references(flag, "Secret")

    def _config(self, flag):
        self._references(flag, "Config")

    def _references(self, flag, kind):
        refs = self.get(flag.spec, None) or []
        self.consume(flag.spec)
        credential_config = self.get(CS + "Privileges.CredentialSpec.Config", None)
        for index, ref in enumerate(refs):
            ref_id = ref.get(f"{kind}ID")
            if "Runtime" in ref and kind == "Config" and ref_id == credential_config:
                credential_config = None  # a second one (update adds it again) is no flag's
                continue  # --credential-spec config://NAME adds it
            file = ref.get("File")
            name = self.names.get(ref_id, ref.get(f"{kind}Name"))
            if not file or "Runtime" in ref or not name:
                self.report(f"{flag.spec}.{index}")
                continue
            target, uid, gid, mode = file.get("Name"), file.get("UID"), file.get("GID"), file.get(
                "Mode", 0)
            if (target, uid, gid, mode) == (name, "0", "0", 0o444) and "=" not in name:
                self.emit(flag.name, name)
                continue
            words = [f"source={name}", f"target={target}", f"uid={uid}", f"gid={gid}",
                     f"mode={_octal(mode)}"]
            if not target or uid == "" or gid == "":
                self.report(f"{flag.spec}.{index}")
                continue
            self.emit(flag.name, csv_value(words))

    def _credential_spec(self, flag):
        stored = self.get(flag.spec, None)
        self.consume(flag.spec)
        privileges = self.get(flag.spec.rsplit(".", 1)[0], None)
        if stored is None:
            if privileges is not None and not any(privileges.values()):
                self.report(flag.spec.rsplit(".", 1)[0])  # an object create never makes
            return
        values = [(k, v) for k, v in stored.items() if v]
        if len(values) != 1:
            self.report(flag.spec)
            return
        if privileges.get("SELinuxContext", _MISSING) is None:
            self.consume(flag.spec.rsplit(".", 1)[0] + ".SELinuxContext")  # create sends null
        key, value = values[0]
        if key == "Config":
            value = self.names.get(value, value)
        self.emit(flag.name, f"{key.lower()}://{value}")

    def _pref(self, flag):
        for index, pref in enumerate(self.get(flag.spec, None) or []):
            descriptor = ((pref or {}).get("Spread") or {}).get("SpreadDescriptor")
            if set(pref) != {"Spread"} or not descriptor:
                self.report(f"{flag.spec}.{index}")
                continue
            self.emit(flag.name, f"spread={descriptor}")
        self.consume(flag.spec)

    def _ulimit(self, flag):
        ulimits = self.get(flag.spec, None) or []
        self.consume(flag.spec)
        if [u.get("Name") for u in ulimits] != sorted({u.get("Name") for u in ulimits}):
            if ulimits:
                self.report(flag.spec)  # create keeps one per name, sorted
            return
        for ulimit in ulimits:
            self.emit(flag.name, f"{ulimit['Name']}={ulimit.get('Soft', 0)}:{ulimit.get('Hard', 0)}")

    def _extra_host(self, flag):
        for index, entry in enumerate(self.get(flag.spec, None) or []):
            fields = entry.split()
            if len(fields) != 2:
                self.report(f"{flag.spec}.{index}")
                continue
            ip, host = fields
            self.emit(flag.name, f"{host}={ip}" if ":" in ip else f"{host}:{ip}")
        self.consume(flag.spec)

    def _generic_resource(self, flag):
        resources = self.get(flag.spec, None) or []
        self.consume(flag.spec)
        for index, resource in enumerate(resources):
            discrete = resource.get("DiscreteResourceSpec")
            if not discrete or set(resource) != {"DiscreteResourceSpec"}:
                self.report(f"{flag.spec}.{index}")
                continue
            self.emit(flag.name, f"{discrete['Kind']}={discrete.get('Value', 0)}")


def _flag_spec_prefixes():
    """Every spec path some flag sets, and the objects on the way to it."""
    prefixes = set()
    for flag in flags_for(CREATE):
        parts = (flag.spec or "").split(".")
        prefixes.update(".".join(parts[:n]) for n in range(1, len(parts) + 1))
    return prefixes


def _mount_words(mount):
    """The ``--mount`` fields of one stored mount, or None when no flag makes it."""
    mount = dict(mount)
    mount_type = mount.pop("Type", "volume") or "volume"
    words = [f"type={mount_type}"]
    source = mount.pop("Source", "")
    if source:
        if source.startswith("."):
            return None  # create makes such a source absolute
        words.append(f"source={source}")
    words.append(f"target={mount.pop('Target', '')}")
    if mount.pop("ReadOnly", False):
        words.append("readonly")
    mount.pop("Consistency", None)
    bind = mount.pop("BindOptions", None)
    if bind is not None:
        bind = dict(bind)
        propagation = bind.pop("Propagation", "")
        if propagation:
            words.append(f"bind-propagation={propagation}")
        if bind.pop("NonRecursive", False):
            words.append("bind-recursive=disabled")
        if bind or not propagation:
            return None
    volume = mount.pop("VolumeOptions", None)
    if volume is not None:
        volume = dict(volume)
        driver = volume.pop("DriverConfig", None)
        if driver is None:
            return None
        before = len(words)
        if driver.get("Name"):
            words.append(f"volume-driver={driver['Name']}")
        for key, value in (driver.get("Options") or {}).items():
            words.append(f"volume-opt={key}={value}")
        for key, value in (volume.pop("Labels", None) or {}).items():
            words.append(f"volume-label={key}={value}")
        if volume.pop("NoCopy", False):
            words.append("volume-nocopy")
        if len(words) == before:
            words.append("volume-nocopy=false")  # makes the (empty) options, as stored
        volume.pop("Subpath", None)
        if volume or set(driver) - {"Name", "Options"}:
            return None
    tmpfs = mount.pop("TmpfsOptions", None)
    if tmpfs is not None:
        tmpfs = dict(tmpfs)
        size, mode = tmpfs.pop("SizeBytes", 0), tmpfs.pop("Mode", 0)
        if size or not mode:
            words.append(f"tmpfs-size={size}")
        if mode:
            words.append(f"tmpfs-mode={format(mode, 'o')}")
        if tmpfs:
            return None
    if mount:
        return None
    return words
