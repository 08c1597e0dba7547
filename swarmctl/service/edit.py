"""Editing a stored ServiceSpec the way ``docker service update`` does.

``apply_update(spec, flags, lookups)`` takes the spec *as stored* (``GET
/services/ID?insertDefaults=false``), the update flags that were given (docker's flag
names mapped to parsed values, see ``swarmctl.cli.options.given_flags``) and returns the spec to post
back. It follows the Docker CLI 28.2 (``cli/command/service/update.go``) rule by rule,
including what it does on *every* update whatever the flags: mounts re-sorted by
(Source, Target), ulimits rebuilt sorted by name, secrets and configs rebuilt, the image
re-tagged to its familiar form.

Nothing here prints or talks HTTP. Names that must become IDs (networks, secrets,
configs) are resolved through the ``lookups`` object the caller passes (see
``Lookups``), at the point docker resolves them, so errors come in docker's order.

Errors: ``SpecError`` (docker's message, exit 1) and ``GoPanic`` (input on which the
Docker CLI itself crashes), both from ``swarmctl.service.errors``.
"""
from __future__ import annotations

import copy

from swarmctl.service import merge
from swarmctl.service.errors import SpecError
from swarmctl.service.values import kv_list_to_map
from swarmctl.utils.reference import normalized_image, pinned_image  # noqa: F401 (re-exported)

SECOND = 10**9

# swarmkit's defaults, which docker fills in when a flag group touches a missing object.
DEFAULT_RESTART_POLICY = {"Condition": "any", "Delay": 5 * SECOND, "MaxAttempts": 0}
DEFAULT_UPDATE_CONFIG = {"Parallelism": 1, "FailureAction": "pause", "Monitor": 5 * SECOND,
                         "MaxFailureRatio": 0, "Order": "stop-first"}

# Flags that may accompany --rollback (docker: detach and quiet; swarmctl adds nothing
# here because --timeout is not a table flag).
ROLLBACK_COMPANIONS = frozenset(("rollback", "detach", "quiet"))

HEALTH_VALUE_FLAGS = ("health-cmd", "health-interval", "health-retries", "health-timeout",
                      "health-start-period")


class Lookups:
    """What ``apply_update`` asks the engine; the CLI passes an engine-backed subclass.

    ``network_id(name_or_id)`` returns a swarm network's ID; ``secret_references(refs)`` and
    ``config_references(refs)`` take parsed references
    (``swarmctl.service.parsers.parse_secret_or_config``, plus Runtime config references) and
    return them with IDs filled in, failing like docker's ``ParseSecrets``/``ParseConfigs``.
    """

    def network_id(self, name_or_id):
        raise NotImplementedError

    def secret_references(self, refs):
        raise NotImplementedError

    def config_references(self, refs):
        raise NotImplementedError


# -- image references -------------------------------------------------------------------------

def resolved_platforms(distribution):
    """``Placement.Platforms`` from a ``GET /distribution/IMAGE/json`` answer.

    docker clears the architecture of ``arm`` images (nodes report ``armv7l``...).
    """
    platforms = []
    for platform in _get_ci(distribution, "Platforms") or []:
        architecture = _get_ci(platform, "architecture") or ""
        if architecture.lower() == "arm":
            architecture = ""
        platforms.append({"Architecture": architecture, "OS": _get_ci(platform, "os") or ""})
    return platforms


def distribution_digest(distribution):
    return _get_ci(_get_ci(distribution, "Descriptor") or {}, "digest") or ""


def _get_ci(mapping, key):
    # Go decodes JSON keys case-insensitively; the engine writes these in lower case.
    if not isinstance(mapping, dict):
        return None
    if key in mapping:
        return mapping[key]
    lowered = key.lower()
    for name, value in mapping.items():
        if name.lower() == lowered:
            return value
    return None


# -- --rollback -------------------------------------------------------------------------------

def rollback_requested(flags):
    return bool(flags.get("rollback"))


def check_rollback(flags):
    """docker: only --detach and --quiet may accompany --rollback."""
    if rollback_requested(flags) and any(name not in ROLLBACK_COMPANIONS for name in flags):
        raise SpecError("other flags may not be combined with --rollback")


# -- small helpers ----------------------------------------------------------------------------

def _set_or_drop(obj, key, value):
    """Go's omitempty: an empty value is not sent, so the key goes away."""
    if value in (None, "", [], {}, 0, False):
        obj.pop(key, None)
    else:
        obj[key] = value


def _any(flags, *names):
    return any(name in flags for name in names)


# -- the update -------------------------------------------------------------------------------

def apply_update(spec, flags, lookups=None):
    """The spec ``docker service update <flags>`` posts for the stored ``spec``.

    ``flags`` maps docker flag names to parsed values (only flags given on the command
    line). ``spec`` is not modified.
    """
    spec = copy.deepcopy(spec)
    task = spec.setdefault("TaskTemplate", {})
    cspec = task.get("ContainerSpec")
    if cspec is None:
        cspec = task["ContainerSpec"] = {}

    _update_labels(spec, "Labels", flags, "label-add", "label-rm")
    _update_labels(cspec, "Labels", flags, "container-label-add", "container-label-rm")
    if "image" in flags:
        cspec["Image"] = flags["image"]
    if "args" in flags:
        _set_or_drop(cspec, "Args", list(flags["args"]))
    if "entrypoint" in flags:
        _set_or_drop(cspec, "Command", list(flags["entrypoint"]))
    _set_or_drop(cspec, "Env", merge.update_env(cspec.get("Env"), flags.get("env-rm", ()),
                                                  flags.get("env-add", ())))
    for flag, key in (("workdir", "Dir"), ("user", "User"), ("hostname", "Hostname")):
        if flag in flags:
            _set_or_drop(cspec, key, flags[flag])
    if "init" in flags:
        cspec["Init"] = flags["init"]  # a pointer in docker: false is kept
    if "isolation" in flags:
        _set_or_drop(cspec, "Isolation", flags["isolation"])
    _set_or_drop(cspec, "Mounts", merge.update_mounts(
        cspec.get("Mounts"), flags.get("mount-add", ()), flags.get("mount-rm", ())))
    _update_sysctls(cspec, flags)
    _set_or_drop(cspec, "Ulimits", merge.update_ulimits(
        cspec.get("Ulimits"), flags.get("ulimit-add", ()), flags.get("ulimit-rm", ())))
    _update_resources(task, flags)
    if "oom-score-adj" in flags:
        _set_or_drop(cspec, "OomScoreAdj", flags["oom-score-adj"])
    _update_generic_resources(task, flags)
    if "stop-grace-period" in flags:
        cspec["StopGracePeriod"] = flags["stop-grace-period"]  # a pointer: 0 is kept
    _update_restart_policy(task, flags)
    if _any(flags, "constraint-add", "constraint-rm"):
        placement = _placement(task)
        _set_or_drop(placement, "Constraints", merge.update_constraints(
            placement.get("Constraints"), flags.get("constraint-add", ()),
            flags.get("constraint-rm", ())))
    if _any(flags, "placement-pref-add", "placement-pref-rm"):
        placement = _placement(task)
        _set_or_drop(placement, "Preferences", merge.update_placement_prefs(
            placement.get("Preferences"), flags.get("placement-pref-add", ()),
            flags.get("placement-pref-rm", ())))
    if _any(flags, "network-add", "network-rm"):
        _update_networks(spec, flags, lookups)
    if "replicas" in flags:
        replicated = (spec.get("Mode") or {}).get("Replicated")
        if replicated is None:
            raise SpecError("replicas can only be used with replicated mode")
        replicated["Replicas"] = flags["replicas"]
    if "replicas-max-per-node" in flags:
        # docker dereferences Placement here (a nil Placement would crash it).
        _set_or_drop(_placement(task), "MaxReplicas", flags["replicas-max-per-node"])
    _update_update_config(spec, "UpdateConfig", "update", flags)
    _update_update_config(spec, "RollbackConfig", "rollback", flags)
    if "endpoint-mode" in flags:
        endpoint = spec.get("EndpointSpec")
        if endpoint is None:
            endpoint = spec["EndpointSpec"] = {}
        _set_or_drop(endpoint, "Mode", flags["endpoint-mode"])  # not lower-cased on update
    if _any(flags, "group-add", "group-rm"):
        _set_or_drop(cspec, "Groups", merge.update_groups(
            cspec.get("Groups"), flags.get("group-add", ()), flags.get("group-rm", ())))
    if _any(flags, "publish-add", "publish-rm"):
        endpoint = spec.get("EndpointSpec")
        if endpoint is None:
            endpoint = spec["EndpointSpec"] = {}
        _set_or_drop(endpoint, "Ports", merge.update_ports(
            endpoint.get("Ports"), _flatten(flags.get("publish-add", ())),
            _flatten(flags.get("publish-rm", ()))))
    if _any(flags, "dns-add", "dns-rm", "dns-option-add", "dns-option-rm", "dns-search-add",
            "dns-search-rm"):
        cspec["DNSConfig"] = merge.update_dns_config(
            cspec.get("DNSConfig"),
            nameservers_add=flags.get("dns-add", ()), nameservers_rm=flags.get("dns-rm", ()),
            search_add=flags.get("dns-search-add", ()), search_rm=flags.get("dns-search-rm", ()),
            options_add=flags.get("dns-option-add", ()), options_rm=flags.get("dns-option-rm", ()))
    if _any(flags, "host-add", "host-rm"):
        _set_or_drop(cspec, "Hosts", merge.update_hosts(
            cspec.get("Hosts"), flags.get("host-add", ()), flags.get("host-rm", ())))
    if flags.get("log-driver"):
        # The options come from --log-opt alone; the stored ones are dropped.
        driver = {"Name": flags["log-driver"]}
        options = kv_list_to_map(flags.get("log-opt", ()))
        if options:
            driver["Options"] = options
        task["LogDriver"] = driver
    if flags.get("force"):
        task["ForceUpdate"] = int(task.get("ForceUpdate") or 0) + 1
    _update_healthcheck(cspec, flags)
    if "tty" in flags:
        _set_or_drop(cspec, "TTY", flags["tty"])
    if "read-only" in flags:
        _set_or_drop(cspec, "ReadOnly", flags["read-only"])
    if "stop-signal" in flags:
        _set_or_drop(cspec, "StopSignal", flags["stop-signal"])
    if _any(flags, "cap-add", "cap-drop"):
        cap_add, cap_drop = merge.merge_capabilities(
            cspec.get("CapabilityAdd"), cspec.get("CapabilityDrop"),
            flags.get("cap-add"), flags.get("cap-drop"))
        _set_or_drop(cspec, "CapabilityAdd", cap_add)
        _set_or_drop(cspec, "CapabilityDrop", cap_drop)

    # What runUpdate does after updateService.
    added_secrets = []
    if "secret-add" in flags:
        added_secrets = lookups.secret_references(flags["secret-add"])
    _set_or_drop(cspec, "Secrets", merge.update_secrets(
        cspec.get("Secrets"), flags.get("secret-rm", ()), added_secrets))
    _update_configs(cspec, flags, lookups)
    _update_credential_spec(cspec, flags)
    if cspec.get("Image"):
        cspec["Image"] = normalized_image(cspec["Image"])
    return spec


def _flatten(port_lists):
    return [port for ports in port_lists for port in ports]


def _placement(task):
    placement = task.get("Placement")
    if placement is None:
        placement = task["Placement"] = {}
    return placement


def _update_labels(obj, key, flags, add_flag, rm_flag):
    if add_flag not in flags and rm_flag not in flags:
        return
    labels = merge.update_labels(obj.get(key), flags.get(rm_flag, ()), flags.get(add_flag, ()))
    if labels is None:
        obj.pop(key, None)
    else:
        obj[key] = labels


def _update_sysctls(cspec, flags):
    if "sysctl-add" not in flags and "sysctl-rm" not in flags:
        return
    sysctls = merge.update_sysctls(cspec.get("Sysctls"), flags.get("sysctl-rm", ()),
                                      flags.get("sysctl-add", ()))
    _set_or_drop(cspec, "Sysctls", sysctls)


def _task_resources(task):
    """docker's taskResources(): Resources, Limits and Reservations all exist afterwards."""
    resources = task.get("Resources")
    if resources is None:
        resources = task["Resources"] = {}
    if resources.get("Limits") is None:
        resources["Limits"] = {}
    if resources.get("Reservations") is None:
        resources["Reservations"] = {}
    return resources


def _update_resources(task, flags):
    if _any(flags, "limit-cpu", "limit-memory", "limit-pids"):
        limits = _task_resources(task)["Limits"]
        for flag, key in (("limit-cpu", "NanoCPUs"), ("limit-memory", "MemoryBytes"),
                          ("limit-pids", "Pids")):
            if flag in flags:
                _set_or_drop(limits, key, flags[flag])
    if _any(flags, "reserve-cpu", "reserve-memory"):
        reservations = _task_resources(task)["Reservations"]
        for flag, key in (("reserve-cpu", "NanoCPUs"), ("reserve-memory", "MemoryBytes")):
            if flag in flags:
                _set_or_drop(reservations, key, flags[flag])


def _update_generic_resources(task, flags):
    if not _any(flags, "generic-resource-add", "generic-resource-rm"):
        return
    # docker creates Resources and Reservations (not Limits) for these two flags.
    resources = task.get("Resources")
    if resources is None:
        resources = task["Resources"] = {}
    reservations = resources.get("Reservations")
    if reservations is None:
        reservations = resources["Reservations"] = {}
    generic = merge.update_generic_resources(
        reservations.get("GenericResources"), flags.get("generic-resource-add", ()),
        flags.get("generic-resource-rm", ()))
    _set_or_drop(reservations, "GenericResources", generic)


def _update_restart_policy(task, flags):
    if not _any(flags, "restart-condition", "restart-delay", "restart-max-attempts",
                "restart-window"):
        return
    policy = task.get("RestartPolicy")
    if policy is None:
        policy = task["RestartPolicy"] = dict(DEFAULT_RESTART_POLICY)
    if "restart-condition" in flags:
        _set_or_drop(policy, "Condition", flags["restart-condition"])
    # Pointers in docker: an explicit 0 is kept.
    for flag, key in (("restart-delay", "Delay"), ("restart-max-attempts", "MaxAttempts"),
                      ("restart-window", "Window")):
        if flag in flags:
            policy[key] = flags[flag]


def _update_networks(spec, flags, lookups):
    task = spec["TaskTemplate"]
    # TaskTemplate.Networks wins over the deprecated top-level Networks, which is migrated.
    current = task.get("Networks") or spec.get("Networks") or []
    spec.pop("Networks", None)
    ids_to_remove = set()
    for name in dict.fromkeys(flags.get("network-rm", ())):
        ids_to_remove.add(lookups.network_id(name))
    networks = []
    attached = set()
    for network in current:
        if network.get("Target") in ids_to_remove:
            continue
        networks.append(network)
        attached.add(network.get("Target"))
    for network in flags.get("network-add", ()):
        network_id = lookups.network_id(network["Target"])
        if network_id in attached:
            raise SpecError(f"service is already attached to network {network['Target']}")
        networks.append(dict(network, Target=network_id))
        attached.add(network_id)
    networks.sort(key=lambda n: n.get("Target", ""))
    _set_or_drop(task, "Networks", networks)


def _update_update_config(spec, key, prefix, flags):
    names = {f"{prefix}-parallelism": "Parallelism", f"{prefix}-delay": "Delay",
             f"{prefix}-monitor": "Monitor", f"{prefix}-failure-action": "FailureAction",
             f"{prefix}-max-failure-ratio": "MaxFailureRatio", f"{prefix}-order": "Order"}
    if not _any(flags, *names):
        return
    config = spec.get(key)
    if config is None:
        config = spec[key] = dict(DEFAULT_UPDATE_CONFIG)
    for flag, field in names.items():
        if flag in flags:
            config[field] = flags[flag]
    for field in ("Delay", "Monitor", "FailureAction", "Order"):
        _set_or_drop(config, field, config.get(field))


def _update_healthcheck(cspec, flags):
    if not _any(flags, "no-healthcheck", *HEALTH_VALUE_FLAGS):
        return
    health = cspec.get("Healthcheck")
    if health is None:
        health = cspec["Healthcheck"] = {}
    if flags.get("no-healthcheck"):
        if _any(flags, *HEALTH_VALUE_FLAGS):
            raise SpecError("--no-healthcheck conflicts with --health-* options")
        cspec["Healthcheck"] = {"Test": ["NONE"]}
        return
    test = health.get("Test") or []
    if test and test[0] == "NONE":
        health.pop("Test", None)
    for flag, key in (("health-interval", "Interval"), ("health-timeout", "Timeout"),
                      ("health-start-period", "StartPeriod"), ("health-retries", "Retries")):
        if flag in flags:
            _set_or_drop(health, key, flags[flag])
    if "health-cmd" in flags:
        command = flags["health-cmd"]
        _set_or_drop(health, "Test", ["CMD-SHELL", command] if command else None)


def _update_configs(cspec, flags, lookups):
    """docker's getUpdatedConfigs: a credential spec's Runtime config survives only while
    the credential spec still refers to it."""
    cred_spec_name = ""
    cred_spec_id = ""
    if "credential-spec" in flags:
        cred_spec_name = (flags["credential-spec"] or {}).get("Config", "")
    else:
        stored = (cspec.get("Privileges") or {}).get("CredentialSpec") or {}
        cred_spec_id = stored.get("Config", "") or ""
    to_resolve = list(flags.get("config-add", ()))
    if cred_spec_name:
        # docker always asks for it again, even when a reference is carried over.
        to_resolve.append({"ConfigID": "", "ConfigName": cred_spec_name, "Runtime": {}})
    added = lookups.config_references(to_resolve) if to_resolve else []
    configs = merge.update_configs(cspec.get("Configs"), flags.get("config-rm", ()), added,
                                      cred_spec_name=cred_spec_name, cred_spec_id=cred_spec_id)
    _set_or_drop(cspec, "Configs", configs)


def _update_credential_spec(cspec, flags):
    if "credential-spec" not in flags:
        return
    credential_spec = flags["credential-spec"]
    if credential_spec is None:
        # --credential-spec '': clear it, keeping the Privileges object.
        if cspec.get("Privileges") is not None:
            cspec["Privileges"]["CredentialSpec"] = None
        return
    credential_spec = {k: v for k, v in credential_spec.items() if v}
    config_name = credential_spec.get("Config")
    if config_name:
        for config in cspec.get("Configs") or []:
            if config.get("ConfigName") == config_name:
                credential_spec["Config"] = config.get("ConfigID", "")
                break
    privileges = cspec.get("Privileges")
    if privileges is None:
        privileges = cspec["Privileges"] = {}
    privileges["CredentialSpec"] = credential_spec
