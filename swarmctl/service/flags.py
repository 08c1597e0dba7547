"""The flags of ``docker service create`` / ``docker service update``: one table, as data.

``FLAGS`` has one entry per flag of ``docker service create`` / ``docker service update``
(Docker CLI 28.2): its name, shorthand, value kind, docker's help text, the commands that
have it, the API version it needs, docker's type word (the metavar) and what shell
completion should offer. ``EXTENSION_FLAGS`` are swarmctl's own flags on the same commands.
``value_parser(kind)`` is the docker parser for one kind of value; a value it refuses raises
:class:`swarmctl.service.errors.FlagValueError`.

The CLI binds the table to click (``swarmctl.cli.options``); completion and man pages read it
too. Only the standard library is imported at the top: the table is read on every ``--help``
and Tab press of create/update.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

CREATE = "create"
UPDATE = "update"
BOTH = frozenset((CREATE, UPDATE))
CREATE_ONLY = frozenset((CREATE,))
UPDATE_ONLY = frozenset((UPDATE,))

# value kind -> docker's type word, shown as the metavar (pflag's Value.Type()).
TYPE_WORDS = {
    "bool": "",
    "string": "string",
    "list": "list",
    "label": "list",
    "env": "list",
    "log-opt": "list",
    "dns-ip": "list",
    "dns-search": "list",
    "extra-host": "list",
    "generic-resource": "list",
    "mount": "mount",
    "port": "port",
    "network": "network",
    "secret": "secret",
    "config": "config",
    "pref": "pref",
    "ulimit": "ulimit",
    "credential-spec": "credential-spec",
    "command": "command",
    "duration": "duration",
    "positive-duration": "duration",
    "uint": "uint",
    "int": "int",
    "float": "float",
    "decimal": "decimal",
    "bytes": "bytes",
}

# Kinds whose flag may be repeated; the command receives a list (in command-line order).
REPEATABLE_KINDS = frozenset((
    "list", "label", "env", "log-opt", "dns-ip", "dns-search", "extra-host",
    "generic-resource", "mount", "port", "network", "secret", "config", "pref", "ulimit",
))


@dataclass(frozen=True)
class Flag:
    """One flag of docker service create/update."""

    name: str
    kind: str
    help: str
    commands: frozenset
    short: str | None = None
    min_api: str | None = None
    # docker's "(default X)" suffix; create shows it, update does not (docker passes no
    # defaults to update's flag set)...
    create_default: str | None = None
    # ...except where pflag shows the empty value of the flag's own type (ulimits: "[]").
    default: str | None = None
    completion: str | None = None
    choices: tuple = field(default=())
    # The reverse mapping, read by ``swarmctl.service.export``: the ServiceSpec field the
    # flag sets on create (dotted, from the spec's root) and, where the flag's kind does not
    # say it, how a stored value comes back as the flag (see export.py for the styles).
    spec: str | None = None
    export: str | None = None

    @property
    def metavar(self):
        return TYPE_WORDS[self.kind]

    @property
    def repeatable(self):
        return self.kind in REPEATABLE_KINDS

    @property
    def dest(self):
        return self.name.replace("-", "_")

    @property
    def docker_name(self):
        """How pflag names the flag in errors: ``--env`` or ``-e, --env``."""
        return f"-{self.short}, --{self.name}" if self.short else f"--{self.name}"

    def help_for(self, command):
        default = self.create_default if command == CREATE else None
        default = default if default is not None else self.default
        if default is not None:
            return f"{self.help} (default {default})"
        return self.help


def _flag(name, kind, help, commands=BOTH, **extra):
    return Flag(name=name, kind=kind, help=help, commands=commands, **extra)


_MODES = ("replicated", "global", "replicated-job", "global-job")
_RESTART_CONDITIONS = ("none", "on-failure", "any")
_ORDERS = ("start-first", "stop-first")

FLAGS = (
    # -- shared by create and update (docker's addServiceFlags) --------------------------
    _flag("detach", "bool", "Exit immediately instead of waiting for the service to converge",
          short="d", min_api="1.29"),
    _flag("quiet", "bool", "Suppress progress output", short="q"),
    _flag("workdir", "string", "Working directory inside the container", short="w",
          spec="TaskTemplate.ContainerSpec.Dir"),
    _flag("user", "string", "Username or UID (format: <name|uid>[:<group|gid>])", short="u",
          spec="TaskTemplate.ContainerSpec.User"),
    _flag("credential-spec", "credential-spec",
          "Credential spec for managed service account (Windows only)", min_api="1.29",
          spec="TaskTemplate.ContainerSpec.Privileges.CredentialSpec"),
    _flag("hostname", "string", "Container hostname", min_api="1.25",
          spec="TaskTemplate.ContainerSpec.Hostname"),
    _flag("entrypoint", "command", "Overwrite the default ENTRYPOINT of the image",
          spec="TaskTemplate.ContainerSpec.Command"),
    _flag("cap-add", "list", "Add Linux capabilities", min_api="1.41", completion="capability",
          spec="TaskTemplate.ContainerSpec.CapabilityAdd", export="capabilities"),
    _flag("cap-drop", "list", "Drop Linux capabilities", min_api="1.41", completion="capability",
          spec="TaskTemplate.ContainerSpec.CapabilityDrop", export="capabilities"),
    _flag("limit-cpu", "decimal", "Limit CPUs", spec="TaskTemplate.Resources.Limits.NanoCPUs"),
    _flag("limit-memory", "bytes", "Limit Memory",
          spec="TaskTemplate.Resources.Limits.MemoryBytes"),
    _flag("reserve-cpu", "decimal", "Reserve CPUs",
          spec="TaskTemplate.Resources.Reservations.NanoCPUs"),
    _flag("reserve-memory", "bytes", "Reserve Memory",
          spec="TaskTemplate.Resources.Reservations.MemoryBytes"),
    _flag("limit-pids", "int", "Limit maximum number of processes (default 0 = unlimited)",
          min_api="1.41", spec="TaskTemplate.Resources.Limits.Pids"),
    _flag("stop-grace-period", "duration",
          "Time to wait before force killing a container (ns|us|ms|s|m|h)", create_default="10s",
          spec="TaskTemplate.ContainerSpec.StopGracePeriod", export="explicit"),
    _flag("replicas", "uint", "Number of tasks", spec="Mode", export="mode"),
    _flag("max-concurrent", "uint",
          "Number of job tasks to run concurrently (default equal to --replicas)", min_api="1.41",
          spec="Mode", export="mode"),
    _flag("replicas-max-per-node", "uint",
          "Maximum number of tasks per node (default 0 = unlimited)", min_api="1.40",
          spec="TaskTemplate.Placement.MaxReplicas"),
    _flag("restart-condition", "string",
          'Restart when condition is met ("none", "on-failure", "any")', create_default='"any"',
          completion="restart-condition", choices=_RESTART_CONDITIONS,
          spec="TaskTemplate.RestartPolicy.Condition", export="group"),
    _flag("restart-delay", "duration", "Delay between restart attempts (ns|us|ms|s|m|h)",
          create_default="5s", spec="TaskTemplate.RestartPolicy.Delay", export="group"),
    _flag("restart-max-attempts", "uint", "Maximum number of restarts before giving up",
          spec="TaskTemplate.RestartPolicy.MaxAttempts", export="group"),
    _flag("restart-window", "duration",
          "Window used to evaluate the restart policy (ns|us|ms|s|m|h)",
          spec="TaskTemplate.RestartPolicy.Window", export="group"),
    _flag("update-parallelism", "uint",
          "Maximum number of tasks updated simultaneously (0 to update all at once)",
          create_default="1", spec="UpdateConfig.Parallelism", export="group"),
    _flag("update-delay", "duration", "Delay between updates (ns|us|ms|s|m|h)", create_default="0s",
          spec="UpdateConfig.Delay", export="group"),
    _flag("update-monitor", "duration",
          "Duration after each task update to monitor for failure (ns|us|ms|s|m|h)",
          min_api="1.25", create_default="5s", spec="UpdateConfig.Monitor", export="group"),
    _flag("update-failure-action", "string",
          'Action on update failure ("pause", "continue", "rollback")', create_default='"pause"',
          completion="update-failure-action", choices=("pause", "continue", "rollback"),
          spec="UpdateConfig.FailureAction", export="group"),
    _flag("update-max-failure-ratio", "float", "Failure rate to tolerate during an update",
          min_api="1.25", create_default="0", spec="UpdateConfig.MaxFailureRatio", export="group"),
    _flag("update-order", "string", 'Update order ("start-first", "stop-first")', min_api="1.29",
          create_default='"stop-first"', completion="order", choices=_ORDERS,
          spec="UpdateConfig.Order", export="group"),
    _flag("rollback-parallelism", "uint",
          "Maximum number of tasks rolled back simultaneously (0 to roll back all at once)",
          min_api="1.28", create_default="1", spec="RollbackConfig.Parallelism", export="group"),
    _flag("rollback-delay", "duration", "Delay between task rollbacks (ns|us|ms|s|m|h)",
          min_api="1.28", create_default="0s", spec="RollbackConfig.Delay", export="group"),
    _flag("rollback-monitor", "duration",
          "Duration after each task rollback to monitor for failure (ns|us|ms|s|m|h)",
          min_api="1.28", create_default="5s", spec="RollbackConfig.Monitor", export="group"),
    _flag("rollback-failure-action", "string", 'Action on rollback failure ("pause", "continue")',
          min_api="1.28", create_default='"pause"', completion="rollback-failure-action",
          choices=("pause", "continue"), spec="RollbackConfig.FailureAction", export="group"),
    _flag("rollback-max-failure-ratio", "float", "Failure rate to tolerate during a rollback",
          min_api="1.28", create_default="0",
          spec="RollbackConfig.MaxFailureRatio", export="group"),
    _flag("rollback-order", "string", 'Rollback order ("start-first", "stop-first")',
          min_api="1.29", create_default='"stop-first"', completion="order", choices=_ORDERS,
          spec="RollbackConfig.Order", export="group"),
    _flag("endpoint-mode", "string", "Endpoint mode (vip or dnsrr)", create_default='"vip"',
          completion="endpoint-mode", choices=("vip", "dnsrr"),
          spec="EndpointSpec.Mode", export="endpoint-mode"),
    _flag("with-registry-auth", "bool", "Send registry authentication details to swarm agents"),
    _flag("no-resolve-image", "bool",
          "Do not query the registry to resolve image digest and supported platforms",
          min_api="1.30"),
    _flag("log-driver", "string", "Logging driver for service", completion="log-driver",
          spec="TaskTemplate.LogDriver.Name"),
    _flag("log-opt", "log-opt", "Logging driver options",
          spec="TaskTemplate.LogDriver.Options", export="map"),
    _flag("health-cmd", "string", "Command to run to check health", min_api="1.25",
          spec="TaskTemplate.ContainerSpec.Healthcheck.Test", export="health-test"),
    _flag("health-interval", "positive-duration", "Time between running the check (ms|s|m|h)",
          min_api="1.25", spec="TaskTemplate.ContainerSpec.Healthcheck.Interval", export="group"),
    _flag("health-timeout", "positive-duration",
          "Maximum time to allow one check to run (ms|s|m|h)", min_api="1.25",
          spec="TaskTemplate.ContainerSpec.Healthcheck.Timeout", export="group"),
    _flag("health-retries", "int", "Consecutive failures needed to report unhealthy",
          min_api="1.25", spec="TaskTemplate.ContainerSpec.Healthcheck.Retries", export="group"),
    _flag("health-start-period", "positive-duration",
          "Start period for the container to initialize before counting retries towards "
          "unstable (ms|s|m|h)", min_api="1.29",
          spec="TaskTemplate.ContainerSpec.Healthcheck.StartPeriod", export="group"),
    _flag("health-start-interval", "positive-duration",
          "Time between running the check during the start period (ms|s|m|h)", min_api="1.44",
          spec="TaskTemplate.ContainerSpec.Healthcheck.StartInterval", export="group"),
    _flag("no-healthcheck", "bool", "Disable any container-specified HEALTHCHECK", min_api="1.25",
          spec="TaskTemplate.ContainerSpec.Healthcheck.Test", export="health-test"),
    _flag("tty", "bool", "Allocate a pseudo-TTY", short="t", min_api="1.25",
          spec="TaskTemplate.ContainerSpec.TTY"),
    _flag("read-only", "bool", "Mount the container's root filesystem as read only",
          min_api="1.28", spec="TaskTemplate.ContainerSpec.ReadOnly"),
    _flag("stop-signal", "string", "Signal to stop the container", min_api="1.28",
          completion="signal", spec="TaskTemplate.ContainerSpec.StopSignal"),
    _flag("isolation", "string", "Service container isolation mode", min_api="1.35",
          completion="isolation", choices=("default", "process", "hyperv"),
          spec="TaskTemplate.ContainerSpec.Isolation", export="isolation"),
    _flag("init", "bool",
          "Use an init inside each service container to forward signals and reap processes",
          min_api="1.37", spec="TaskTemplate.ContainerSpec.Init", export="always-sent"),
    # docker's help text ends with a blank here.
    _flag("oom-score-adj", "int", "Tune host's OOM preferences (-1000 to 1000) ", min_api="1.46",
          spec="TaskTemplate.ContainerSpec.OomScoreAdj"),

    # -- create only -------------------------------------------------------------------------
    _flag("mode", "string", 'Service mode ("replicated", "global", "replicated-job", "global-job")',
          CREATE_ONLY, create_default='"replicated"', completion="mode", choices=_MODES,
          spec="Mode", export="mode"),
    _flag("name", "string", "Service name", CREATE_ONLY, spec="Name"),
    _flag("label", "label", "Service labels", CREATE_ONLY, short="l", spec="Labels", export="map"),
    _flag("container-label", "label", "Container labels", CREATE_ONLY,
          spec="TaskTemplate.ContainerSpec.Labels", export="map"),
    _flag("env", "env", "Set environment variables", CREATE_ONLY, short="e", completion="env",
          spec="TaskTemplate.ContainerSpec.Env", export="env"),
    _flag("env-file", "list", "Read in a file of environment variables", CREATE_ONLY,
          completion="file"),
    _flag("mount", "mount", "Attach a filesystem mount to the service", CREATE_ONLY,
          spec="TaskTemplate.ContainerSpec.Mounts"),
    _flag("constraint", "list", "Placement constraints", CREATE_ONLY, completion="constraint",
          spec="TaskTemplate.Placement.Constraints"),
    _flag("placement-pref", "pref", "Add a placement preference", CREATE_ONLY, min_api="1.28",
          spec="TaskTemplate.Placement.Preferences"),
    _flag("network", "network", "Network attachments", CREATE_ONLY, completion="network",
          spec="TaskTemplate.Networks"),
    _flag("secret", "secret", "Specify secrets to expose to the service", CREATE_ONLY,
          min_api="1.25", completion="secret", spec="TaskTemplate.ContainerSpec.Secrets"),
    _flag("config", "config", "Specify configurations to expose to the service", CREATE_ONLY,
          min_api="1.30", completion="config", spec="TaskTemplate.ContainerSpec.Configs"),
    _flag("publish", "port", "Publish a port as a node port", CREATE_ONLY, short="p",
          spec="EndpointSpec.Ports"),
    _flag("group", "list", "Set one or more supplementary user groups for the container",
          CREATE_ONLY, min_api="1.25", spec="TaskTemplate.ContainerSpec.Groups"),
    _flag("dns", "dns-ip", "Set custom DNS servers", CREATE_ONLY, min_api="1.25",
          spec="TaskTemplate.ContainerSpec.DNSConfig.Nameservers"),
    _flag("dns-option", "list", "Set DNS options", CREATE_ONLY, min_api="1.25",
          spec="TaskTemplate.ContainerSpec.DNSConfig.Options"),
    _flag("dns-search", "dns-search", "Set custom DNS search domains", CREATE_ONLY, min_api="1.25",
          spec="TaskTemplate.ContainerSpec.DNSConfig.Search"),
    _flag("host", "extra-host", "Set one or more custom host-to-IP mappings (host:ip)",
          CREATE_ONLY, min_api="1.25", spec="TaskTemplate.ContainerSpec.Hosts"),
    _flag("sysctl", "list", "Sysctl options", CREATE_ONLY, min_api="1.40",
          spec="TaskTemplate.ContainerSpec.Sysctls", export="map"),
    _flag("ulimit", "ulimit", "Ulimit options", CREATE_ONLY, min_api="1.41", default="[]",
          spec="TaskTemplate.ContainerSpec.Ulimits"),
    # No version annotation: docker's SetAnnotation meant for it hits --host-add (see below).
    _flag("generic-resource", "generic-resource", "User defined resources", CREATE_ONLY,
          spec="TaskTemplate.Resources.Reservations.GenericResources"),

    # -- update only -------------------------------------------------------------------------
    _flag("image", "string", "Service image tag", UPDATE_ONLY, completion="image",
          spec="TaskTemplate.ContainerSpec.Image", export="positional"),
    _flag("args", "command", "Service command args", UPDATE_ONLY,
          spec="TaskTemplate.ContainerSpec.Args", export="positional"),
    _flag("rollback", "bool", "Rollback to previous specification", UPDATE_ONLY, min_api="1.25"),
    _flag("force", "bool", "Force update even if no changes require it", UPDATE_ONLY,
          min_api="1.25"),
    _flag("env-rm", "list", "Remove an environment variable", UPDATE_ONLY),
    _flag("env-add", "env", "Add or update an environment variable", UPDATE_ONLY,
          completion="env"),
    _flag("group-add", "list", "Add an additional supplementary user group to the container",
          UPDATE_ONLY, min_api="1.25"),
    _flag("group-rm", "list",
          "Remove a previously added supplementary user group from the container",
          UPDATE_ONLY, min_api="1.25"),
    _flag("label-add", "label", "Add or update a service label", UPDATE_ONLY),
    _flag("label-rm", "list", "Remove a label by its key", UPDATE_ONLY),
    _flag("container-label-add", "label", "Add or update a container label", UPDATE_ONLY),
    _flag("container-label-rm", "list", "Remove a container label by its key", UPDATE_ONLY),
    _flag("mount-add", "mount", "Add or update a mount on a service", UPDATE_ONLY),
    _flag("mount-rm", "list", "Remove a mount by its target path", UPDATE_ONLY),
    _flag("publish-add", "port", "Add or update a published port", UPDATE_ONLY),
    _flag("publish-rm", "port", "Remove a published port by its target port", UPDATE_ONLY),
    _flag("constraint-add", "list", "Add or update a placement constraint", UPDATE_ONLY,
          completion="constraint"),
    _flag("constraint-rm", "list", "Remove a constraint", UPDATE_ONLY),
    _flag("placement-pref-add", "pref", "Add a placement preference", UPDATE_ONLY,
          min_api="1.28"),
    _flag("placement-pref-rm", "pref", "Remove a placement preference", UPDATE_ONLY,
          min_api="1.28"),
    _flag("network-add", "network", "Add a network", UPDATE_ONLY, min_api="1.29",
          completion="network"),
    _flag("network-rm", "list", "Remove a network", UPDATE_ONLY, min_api="1.29",
          completion="network"),
    _flag("secret-add", "secret", "Add or update a secret on a service", UPDATE_ONLY,
          min_api="1.25", completion="secret"),
    _flag("secret-rm", "list", "Remove a secret", UPDATE_ONLY, min_api="1.25",
          completion="secret"),
    _flag("config-add", "config", "Add or update a config file on a service", UPDATE_ONLY,
          min_api="1.30", completion="config"),
    _flag("config-rm", "list", "Remove a configuration file", UPDATE_ONLY, min_api="1.30",
          completion="config"),
    _flag("dns-add", "dns-ip", "Add or update a custom DNS server", UPDATE_ONLY, min_api="1.25"),
    _flag("dns-rm", "list", "Remove a custom DNS server", UPDATE_ONLY, min_api="1.25"),
    _flag("dns-option-add", "list", "Add or update a DNS option", UPDATE_ONLY, min_api="1.25"),
    _flag("dns-option-rm", "list", "Remove a DNS option", UPDATE_ONLY, min_api="1.25"),
    _flag("dns-search-add", "dns-search", "Add or update a custom DNS search domain",
          UPDATE_ONLY, min_api="1.25"),
    _flag("dns-search-rm", "list", "Remove a DNS search domain", UPDATE_ONLY, min_api="1.25"),
    # docker annotates 1.25, then overwrites it with 1.32 (a SetAnnotation meant for the
    # generic-resource flags).
    _flag("host-add", "extra-host", 'Add a custom host-to-IP mapping ("host:ip")', UPDATE_ONLY,
          min_api="1.32"),
    _flag("host-rm", "list", 'Remove a custom host-to-IP mapping ("host:ip")', UPDATE_ONLY,
          min_api="1.25"),
    _flag("sysctl-add", "list", "Add or update a Sysctl option", UPDATE_ONLY, min_api="1.40"),
    _flag("sysctl-rm", "list", "Remove a Sysctl option", UPDATE_ONLY, min_api="1.40"),
    _flag("ulimit-add", "ulimit", "Add or update a ulimit option", UPDATE_ONLY, min_api="1.41",
          default="[]"),
    _flag("ulimit-rm", "list", "Remove a ulimit option", UPDATE_ONLY, min_api="1.41"),
    _flag("generic-resource-add", "generic-resource", "Add a Generic resource", UPDATE_ONLY),
    _flag("generic-resource-rm", "list", "Remove a Generic resource", UPDATE_ONLY),
)

FLAGS_BY_NAME = {flag.name: flag for flag in FLAGS}

# swarmctl's own flags on create/update: not docker's (FLAGS stays docker's table, which the
# tests compare with `docker service create/update --help`), but parsed, listed in --help
# and reported by given_flags() the same way.
EXTENSION_FLAGS = (
    _flag("dry-run", "bool", "Change nothing: show the spec create would send, or the changes "
          "update would make and whether they restart tasks (update exits 0 without "
          "changes, 1 with changes, 2 or more on error)"),
)


def extension_flags_for(command):
    """swarmctl's own flags of one command (``--dry-run``), sorted by name."""
    return sorted((flag for flag in EXTENSION_FLAGS if command in flag.commands),
                  key=lambda f: f.name)


def all_flags_for(command):
    """docker's flags and swarmctl's own, in --help order (for completion and man pages)."""
    return sorted(flags_for(command) + extension_flags_for(command), key=lambda f: f.name)


def flags_for(command):
    """The flags of one command, sorted by name as docker's --help lists them."""
    return sorted((flag for flag in FLAGS if command in flag.commands), key=lambda f: f.name)


def version_gate_errors(given, api_version):
    """docker's refusal of flags newer than the engine: one line per flag, in name order."""
    # Imported when an engine is asked, not with the table: swarmctl.utils loads its
    # docker-py helpers too.
    from swarmctl.utils.versions import version_lt

    errors = []
    for name in sorted(given):
        flag = FLAGS_BY_NAME.get(name)
        if flag is not None and flag.min_api and version_lt(api_version, flag.min_api):
            errors.append(f'"--{name}" requires API version {flag.min_api}, '
                          f"but the Docker daemon API version is {api_version}")
    return errors


# -- value parsing ----------------------------------------------------------------------------

def _parse_mount(parse_mount, value, warn):
    warnings = []
    try:
        return parse_mount(value, cwd=os.getcwd(), warnings=warnings)
    finally:
        # docker warns as it reads the field, so also when a later check refuses the value
        for warning in warnings:
            warn(warning)


def value_parser(kind, warn):
    """The function that turns one command-line value of ``kind`` into what the command uses.

    ``warn(message)`` receives the warnings docker prints while parsing (``--mount``'s).
    """
    # Imported on the first value, not with the table: the parsers (their regular expressions,
    # Go's time and units) cost more to import than a Tab press may take.
    from swarmctl.service import parsers, values

    return {
        "bool": values.parse_go_bool,
        "string": str,
        "list": str,
        "label": values.validate_label,
        "env": values.validate_env,
        "log-opt": values.validate_env,
        "dns-ip": parsers.parse_dns_ip,
        "dns-search": parsers.parse_dns_search,
        "extra-host": parsers.parse_host_entry,
        "generic-resource": parsers.parse_generic_resource,
        "mount": lambda v: _parse_mount(parsers.parse_mount, v, warn),
        "port": parsers.parse_port_specs,
        "network": parsers.parse_network,
        "secret": lambda v: parsers.parse_secret_or_config(v, kind="secret"),
        "config": lambda v: parsers.parse_secret_or_config(v, kind="config"),
        "pref": parsers.parse_placement_pref,
        "ulimit": parsers.parse_ulimit,
        "credential-spec": parsers.parse_credential_spec,
        "command": values.parse_shell_words,
        "duration": values.parse_go_duration,
        "positive-duration": values.parse_positive_duration,
        "uint": lambda v: values.parse_go_int(v, 64, signed=False, base=0),
        "int": lambda v: values.parse_go_int(v, 64, signed=True, base=0),
        "float": values.float32_json_value,
        "decimal": values.parse_nano_cpus,
        "bytes": values.parse_ram_in_bytes,
    }[kind]
