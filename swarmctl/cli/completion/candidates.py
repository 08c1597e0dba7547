"""The ``shell_complete=`` callbacks: service and task names, flag values, contexts, files.

Live names (services, tasks, networks, secrets, configs, nodes, images) come from the engine
the command would use, through :mod:`.engine`; the other candidates are fixed lists, the
context store, or the shell's own file and directory completion.
"""
from __future__ import annotations

import os

from swarmctl.cli.commandtable import COMMANDS
from swarmctl.cli.completion.engine import Engine

_environ = None  # the environment of the Tab press being answered (os.environ by default)
_shell = None    # the shell asking (bash, zsh, fish), when known


def set_environment(environ, shell=None):
    """Complete from ``environ`` for ``shell`` until the next call (None: ``os.environ``
    again)."""
    global _environ, _shell
    _environ = environ
    _shell = shell


def _env():
    return os.environ if _environ is None else _environ


def _item(value, help=None, nospace=False):
    from click.shell_completion import CompletionItem

    return CompletionItem(value, type="nospace" if nospace else "plain", help=help)


def _matching(candidates, incomplete, nospace=False):
    """Items for (value, help) pairs that start with ``incomplete``, in order, without repeats."""
    seen = set()
    items = []
    for value, help_text in candidates:
        if value in seen or not value.startswith(incomplete):
            continue
        seen.add(value)
        items.append(_item(value, help_text, nospace))
    return items


def _engine(ctx):
    """The Engine for this completion (made once per Tab press, kept on the root context)."""
    root = ctx.find_root()
    meta = root.meta
    if "swarmctl.completion_engine" not in meta:
        meta["swarmctl.completion_engine"] = Engine.for_context(ctx, _env())
    return meta["swarmctl.completion_engine"]


def _get(ctx, path, filters=None):
    engine = _engine(ctx)
    if engine is None:
        return None
    result = engine.get(path, filters)
    return result if isinstance(result, list) else None


def looks_like_id(text):
    """Engine object IDs are lowercase letters and digits (25 for swarm objects)."""
    return bool(text) and len(text) <= 64 and all("a" <= c <= "z" or "0" <= c <= "9" for c in text)


def _name(obj):
    return str(((obj.get("Spec") or {}).get("Name")) or "")


# -- callbacks: services, tasks ---------------------------------------------------------------

def _service_candidates(ctx, incomplete, exclude=()):
    """(value, help) for services whose name starts with ``incomplete``; when none does and
    it looks like an ID prefix, the services whose ID starts with it. One request (the
    engine matches name prefixes), two for an ID."""
    filters = {"name": [incomplete]} if incomplete else None
    found = _get(ctx, "/services", filters) or []
    candidates = [(_name(s), _service_help(s)) for s in found if _name(s).startswith(incomplete)]
    if not candidates and looks_like_id(incomplete):
        by_id = _get(ctx, "/services", {"id": [incomplete]}) or []
        candidates = [(str(s.get("ID") or ""), _name(s)) for s in by_id if s.get("ID")]
    excluded = set(exclude)
    return sorted((c for c in candidates if c[0] not in excluded), key=lambda c: c[0])


def _service_help(service):
    spec = service.get("Spec") or {}
    mode = spec.get("Mode") or {}
    image = str(((spec.get("TaskTemplate") or {}).get("ContainerSpec") or {}).get("Image") or "")
    image = image.partition("@")[0]
    if "Replicated" in mode:
        what = f"replicated ({(mode.get('Replicated') or {}).get('Replicas', 0)})"
    elif "Global" in mode:
        what = "global"
    elif "ReplicatedJob" in mode:
        what = "replicated job"
    elif "GlobalJob" in mode:
        what = "global job"
    else:
        what = "service"
    return f"{what} {image}".strip()


def _given(ctx, param):
    value = ctx.params.get(param.name) if param is not None and param.name else None
    if not value:
        return ()
    return tuple(value) if isinstance(value, (list, tuple)) else (value,)


def services(ctx, param, incomplete):
    """SERVICE arguments of ps, inspect and rm: names (IDs for an ID-like prefix that no
    name starts with); services already on the command line are not offered again."""
    given = _given(ctx, param)
    return _matching(_service_candidates(ctx, incomplete, given), incomplete)


def service(ctx, param, incomplete):
    """The one SERVICE argument of update and rollback: nothing once it is given."""
    if _given(ctx, param):
        return []
    return _matching(_service_candidates(ctx, incomplete), incomplete)


def service_pair(ctx, param, incomplete):
    """The SERVICE arguments of diff: two (one with --previous), each other than the first."""
    given = _given(ctx, param)
    if len(given) >= (1 if ctx.params.get("previous") else 2):
        return []
    return _matching(_service_candidates(ctx, incomplete, given), incomplete)


def scale_specifiers(ctx, param, incomplete):
    """``SERVICE=`` for scale (no space after it); nothing once ``=`` is typed."""
    if "=" in incomplete:
        return []
    given = {value.partition("=")[0] for value in _given(ctx, param)}
    return _matching([(name + "=", help_text) for name, help_text in
                      _service_candidates(ctx, incomplete, given)], incomplete, nospace=True)


def create_image(ctx, param, incomplete):
    """create's IMAGE: the engine's local image tags; nothing for the command after it."""
    if _given(ctx, param):
        return []
    return _matching(images(ctx, incomplete), incomplete)


def services_and_tasks(ctx, param, incomplete):
    """SERVICE|TASK for logs: service names; for an ID-like prefix that no name starts with,
    the IDs of services and tasks that start with it."""
    if _given(ctx, param):
        return []
    filters = {"name": [incomplete]} if incomplete else None
    found = _get(ctx, "/services", filters) or []
    # Sorted by name, as ps offers them.
    candidates = sorted(((_name(s), _service_help(s)) for s in found
                         if _name(s).startswith(incomplete)), key=lambda c: c[0])
    if not candidates and looks_like_id(incomplete):
        names = {}
        for service in _get(ctx, "/services") or []:
            names[service.get("ID")] = _name(service)
            if str(service.get("ID") or "").startswith(incomplete):
                candidates.append((service["ID"], _name(service)))
        tasks = _get(ctx, "/tasks", {"id": [incomplete]}) or []
        for task in sorted(tasks, key=lambda t: str(t.get("ID"))):
            service = names.get(task.get("ServiceID"), str(task.get("ServiceID") or "")[:12])
            slot = task.get("Slot")
            where = f"{service}.{slot}" if slot else f"{service}.{str(task.get('NodeID') or '')[:12]}"
            state = (task.get("Status") or {}).get("State") or ""
            candidates.append((str(task.get("ID") or ""), f"task {where} {state}".strip()))
    return _matching(candidates, incomplete)


# -- callbacks: flag values -------------------------------------------------------------------

def _named(ctx, path, incomplete, help_of, filters=None, prefix_filter=True):
    query = dict(filters or {})
    if incomplete and prefix_filter:
        query["name"] = [incomplete]  # a prefix match for swarm objects
    objects = _get(ctx, path, query or None) or []
    pairs = []
    for obj in objects:
        if obj.get("Ingress"):
            continue  # services cannot attach to the ingress network by hand
        name = str(obj.get("Name") or _name(obj))
        if name:
            pairs.append((name, help_of(obj)))
    return sorted(pairs)


def networks(ctx, incomplete):
    def help_of(net):
        return f"{net.get('Driver') or ''} network".strip()

    # The engine matches network names whole: filter here.
    return _named(ctx, "/networks", incomplete, help_of, {"scope": ["swarm"]},
                  prefix_filter=False)


def secrets(ctx, incomplete):
    return _named(ctx, "/secrets", incomplete, lambda s: "secret")


def configs(ctx, incomplete):
    return _named(ctx, "/configs", incomplete, lambda c: "config")


def _source_prefix(incomplete):
    """``--secret`` and friends take ``name`` or ``source=name,target=...``: the part before
    the name, or None when the cursor is past it."""
    if "," in incomplete:
        return None
    for key in ("source=", "src="):
        if incomplete.startswith(key):
            return key
    if "=" in incomplete:
        return None
    return ""


def _object_names(lister):
    def complete(ctx, incomplete):
        prefix = _source_prefix(incomplete)
        if prefix is None:
            return []
        rest = incomplete[len(prefix):]
        return [(prefix + name, help_text) for name, help_text in lister(ctx, rest)]

    return complete


_CONSTRAINT_KEYS = (
    ("node.id", "node ID"),
    ("node.hostname", "node hostname"),
    ("node.role", "manager or worker"),
    ("node.platform.os", "node operating system"),
    ("node.platform.arch", "node architecture"),
)
_CONSTRAINT_PREFIXES = (("node.labels.", "node label (node update --label-add)"),
                        ("engine.labels.", "engine label (daemon --label)"))


def constraints(ctx, incomplete):
    """``--constraint``: the keys, then the values the nodes have after ``==`` / ``!=``."""
    for op in ("==", "!="):
        if op in incomplete:
            key, _, value = incomplete.partition(op)
            return _matching([(key + op + v, h) for v, h in _constraint_values(ctx, key.strip())],
                             incomplete)
    lowered = incomplete.lower()
    for prefix, _help in _CONSTRAINT_PREFIXES:
        if lowered.startswith(prefix):
            labels = sorted({k for node in (_get(ctx, "/nodes") or [])
                             for k in _node_labels(node, prefix)})
            return _matching([(prefix + k + "==", f"{prefix}{k}") for k in labels], incomplete,
                             nospace=True)
    items = _matching([(k + "==", h) for k, h in _CONSTRAINT_KEYS], incomplete, nospace=True)
    items += _matching(_CONSTRAINT_PREFIXES, incomplete, nospace=True)
    return items


def _node_labels(node, prefix):
    if prefix == "node.labels.":
        return (node.get("Spec") or {}).get("Labels") or {}
    return ((node.get("Description") or {}).get("Engine") or {}).get("Labels") or {}


def _constraint_values(ctx, key):
    if key == "node.role":
        return [("manager", "manager nodes"), ("worker", "worker nodes")]
    nodes = _get(ctx, "/nodes") or []
    values = []
    for node in nodes:
        description = node.get("Description") or {}
        hostname = str(description.get("Hostname") or "")
        if key == "node.hostname":
            values.append((hostname, f"node {str(node.get('ID') or '')[:12]}"))
        elif key == "node.id":
            values.append((str(node.get("ID") or ""), hostname))
        elif key == "node.platform.os":
            values.append((str((description.get("Platform") or {}).get("OS") or ""), hostname))
        elif key == "node.platform.arch":
            values.append((str((description.get("Platform") or {}).get("Architecture") or ""),
                           hostname))
        else:
            for prefix, _help in _CONSTRAINT_PREFIXES:
                if key.lower().startswith(prefix):
                    label = key[len(prefix):]
                    labels = _node_labels(node, prefix)
                    if label in labels:
                        values.append((str(labels[label]), hostname))
    seen = {}
    for value, help_text in values:
        if value and value not in seen:
            seen[value] = help_text
    return sorted(seen.items())


def images(ctx, incomplete):
    engine = _engine(ctx)
    found = engine.get("/images/json") if engine is not None else None
    tags = []
    for image in found if isinstance(found, list) else []:
        for tag in image.get("RepoTags") or []:
            if tag and tag != "<none>:<none>":
                tags.append((tag, "local image"))
    return sorted(tags)


_CAPABILITIES = (
    "ALL", "CAP_AUDIT_CONTROL", "CAP_AUDIT_READ", "CAP_AUDIT_WRITE", "CAP_BLOCK_SUSPEND",
    "CAP_BPF", "CAP_CHECKPOINT_RESTORE", "CAP_CHOWN", "CAP_DAC_OVERRIDE",
    "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_IPC_LOCK", "CAP_IPC_OWNER",
    "CAP_KILL", "CAP_LEASE", "CAP_LINUX_IMMUTABLE", "CAP_MAC_ADMIN", "CAP_MAC_OVERRIDE",
    "CAP_MKNOD", "CAP_NET_ADMIN", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_RAW",
    "CAP_PERFMON", "CAP_SETFCAP", "CAP_SETGID", "CAP_SETPCAP", "CAP_SETUID", "CAP_SYSLOG",
    "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_CHROOT", "CAP_SYS_MODULE", "CAP_SYS_NICE",
    "CAP_SYS_PACCT", "CAP_SYS_PTRACE", "CAP_SYS_RAWIO", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
    "CAP_SYS_TTY_CONFIG", "CAP_WAKE_ALARM",
)
_SIGNALS = (
    "SIGABRT", "SIGALRM", "SIGBUS", "SIGCHLD", "SIGCONT", "SIGFPE", "SIGHUP", "SIGILL", "SIGINT",
    "SIGIO", "SIGKILL", "SIGPIPE", "SIGPROF", "SIGPWR", "SIGQUIT", "SIGSEGV", "SIGSTKFLT",
    "SIGSTOP", "SIGSYS", "SIGTERM", "SIGTRAP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG",
    "SIGUSR1", "SIGUSR2", "SIGVTALRM", "SIGWINCH", "SIGXCPU", "SIGXFSZ",
)
_LOG_DRIVERS = ("awslogs", "etwlogs", "fluentd", "gcplogs", "gelf", "journald", "json-file",
                "local", "logentries", "none", "splunk", "syslog")
CHOICE_HELP = {
    "replicated": "a fixed number of tasks (--replicas)",
    "global": "one task on every node",
    "replicated-job": "run --replicas tasks to completion",
    "global-job": "run one task to completion on every node",
    "none": "never restart",
    "on-failure": "restart when a task exits non-zero",
    "any": "always restart",
    "pause": "pause the update",
    "continue": "carry on",
    "rollback": "roll back to the previous spec",
    "start-first": "start the new task, then stop the old one",
    "stop-first": "stop the old task, then start the new one",
    "vip": "a virtual IP for the service",
    "dnsrr": "DNS round robin over the task IPs",
}


def _static(values, help_text=None):
    def complete(ctx, incomplete):
        return [(v, help_text) for v in values]

    return complete


def _environment_names(ctx, incomplete):
    return sorted((name, "from the environment") for name in _env())


_KINDS = {
    "network": _object_names(networks),
    "secret": _object_names(secrets),
    "config": _object_names(configs),
    "constraint": None,  # handled apart: it builds its own items
    "image": images,
    "capability": _static(_CAPABILITIES),
    "signal": _static(_SIGNALS),
    "log-driver": _static(_LOG_DRIVERS, "log driver"),
    "env": _environment_names,
}


def flag_value(flag):
    """The ``shell_complete`` callback for one flag of the create/update table (or None)."""
    kind = flag.completion
    if flag.choices:
        choices = tuple(flag.choices)

        def complete_choice(ctx, param, incomplete):
            return _matching([(c, CHOICE_HELP.get(c)) for c in choices], incomplete)

        return complete_choice
    if kind == "file":
        return files
    if kind == "constraint":
        return lambda ctx, param, incomplete: constraints(ctx, incomplete)
    lister = _KINDS.get(kind)
    if lister is None:
        return None

    def complete(ctx, param, incomplete):
        return _matching(lister(ctx, incomplete), incomplete)

    return complete


# -- callbacks: global options ----------------------------------------------------------------

def files(ctx, param, incomplete):
    from click.shell_completion import CompletionItem

    return [CompletionItem(incomplete, type="file")]


def directories(ctx, param, incomplete):
    from click.shell_completion import CompletionItem

    return [CompletionItem(incomplete, type="dir")]


def contexts(ctx, param, incomplete):
    """Context names from the store (``--context``), with their descriptions or hosts."""
    from swarmctl.config.configfile import config_dir
    from swarmctl.config.contextstore import DEFAULT_CONTEXT_NAME, ContextStore

    directory = config_dir(_env(), override=ctx.params.get("config_dir"))
    found = [(DEFAULT_CONTEXT_NAME, "the -H / DOCKER_HOST engine")]
    found += [(stored.name, str(stored.description or stored.host))
              for stored in ContextStore(directory).list()]
    return _matching(sorted(found), incomplete)


def engine_hosts(ctx, param, incomplete):
    """``-H``: the address forms (and the default socket)."""
    return (_matching([("unix:///var/run/docker.sock", "the default socket")], incomplete)
            + _matching([("unix://", "a unix socket: unix:///path"),
                         ("tcp://", "tcp://host:port"), ("ssh://", "ssh://user@host")],
                        incomplete, nospace=True))


def template_formats(config_key, builtin):
    """A ``--format`` callback: the ``builtin`` words (``table``, ``json``...) and the format
    config.json sets for the command (``config_key``: ``servicesFormat``, ``tasksFormat``,
    ``serviceInspectFormat``)."""
    words = tuple(builtin)

    def complete(ctx, param, incomplete):
        found = [(word, _FORMAT_HELP.get(word)) for word in words]
        configured = _configured_format(ctx, config_key)
        if configured:
            found.append((configured, f"{config_key} from config.json"))
        return _matching(found, incomplete)

    return complete


_FORMAT_HELP = {"table": "docker's table", "json": "one JSON object per line",
                "raw": "key: value blocks"}


# Characters bash would read as syntax in a word (braces only matter with a comma).
_BASH_SPECIAL = frozenset(" \"'\\$`<>|&;()*?[]!#~")


def _configured_format(ctx, key):
    """config.json's ``key`` as a word for the command line: zsh and fish quote what they
    insert, bash inserts it as it is, so bash gets it with backslashes before its special
    characters (``$'...'`` when it holds a tab or newline), which keeps ``{{.Name}} x``
    completing from ``{``. The protocol's lines cannot carry a tab or newline, so zsh and
    fish are not offered such a format."""
    from swarmctl.config.configfile import config_dir, load_config_file

    root = ctx.find_root()
    config = load_config_file(config_dir(_env(), override=root.params.get("config_dir")))
    value = next((v for k, v in config.items()
                  if isinstance(k, str) and k.lower() == key.lower()), None)
    if not isinstance(value, str) or not value.strip():
        return ""
    if _shell == "bash":
        if any(ord(c) < 32 for c in value):
            escaped = value.encode("unicode_escape").decode("ascii").replace("'", "\\'")
            return "$'" + escaped + "'"
        special = _BASH_SPECIAL | (frozenset("{}") if "," in value else frozenset())
        return "".join("\\" + c if c in special else c for c in value)
    return "" if any(ord(c) < 32 for c in value) else value


def log_levels(ctx, param, incomplete):
    """``-l/--log-level``: the levels docker's help names."""
    return _matching([(level, None) for level in ("debug", "info", "warn", "error", "fatal")],
                     incomplete)


def command_names(incomplete):
    """Subcommand names with their short help, read from the command table (no imports)."""
    return _matching([(name, entry[1]) for name, entry in COMMANDS.items()], incomplete)
