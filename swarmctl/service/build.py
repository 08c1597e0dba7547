"""From the flags of ``swarmctl create`` / ``swarmctl update`` to what the library needs.

create: ``create_service(client, flags, image, args)`` validates the flags the way
``docker service create`` does (in its order), resolves names through the engine, builds
the keyword arguments of ``client.services.create(image, command=..., **kwargs,
docker_cli_defaults=True)`` out of ``swarmctl.types`` objects and creates the service.

update: ``update_service(client, reference, flags)`` reads the stored spec, applies
``swarmctl.edit.apply_update`` and posts the whole spec back, as ``docker service
update`` does; when another client wrote the service meanwhile ("update out of sequence")
it reads and applies again instead of failing.

``flags`` maps docker flag names to parsed values (``swarmctl.cli.options.given_flags``):
only the flags given on the command line are present. Both functions refuse bad input
before anything is sent: ``SpecError`` with docker's message, or ``GoPanic`` where the
Docker CLI crashes (``swarmctl.service.errors``; the CLI turns them into its exit codes).
Warnings (the image digest one) are returned for the caller to print.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests

from swarmctl import auth
from swarmctl.errors import (
    OUT_OF_SEQUENCE_ATTEMPTS,
    APIError,
    DockerException,
    InvalidArgument,
    WriteIntercepted,
    is_out_of_sequence,
    out_of_sequence_pause,
)
from swarmctl.golang.strings import to_lower, trim_space
from swarmctl.service import edit, parsers
from swarmctl.service.errors import SpecError
from swarmctl.service.flags import version_gate_errors
from swarmctl.service.values import kv_list_to_map, make_env, read_env_file
from swarmctl.types import (
    ConfigReference,
    DNSConfig,
    DriverConfig,
    EndpointSpec,
    Healthcheck,
    Mount,
    NetworkAttachmentConfig,
    Privileges,
    Resources,
    RestartPolicy,
    RollbackConfig,
    SecretReference,
    ServiceMode,
    Ulimit,
    UpdateConfig,
)
from swarmctl.utils.versions import version_lt

SECOND = 10**9

UPDATE_FLAG_NAMES = ("parallelism", "delay", "monitor", "failure-action", "max-failure-ratio",
                     "order")
HEALTH_DURATION_FLAGS = ("health-interval", "health-timeout", "health-start-period",
                         "health-start-interval")


@dataclass
class Outcome:
    """What a create/update did: the service ID and the warnings docker prints."""

    service_id: str
    warnings: list = field(default_factory=list)


def digest_warning(image):
    """docker's warning when the registry cannot be asked for the image digest."""
    return (f"image {image} could not be accessed on a registry to record\n"
            f"its digest. Each node will access {image} independently,\n"
            "possibly leading to different nodes running different\n"
            "versions of the image.\n")


def check_api_version(api, flags):
    """Refuse flags newer than the engine's API, before anything is sent (docker: exit 1)."""
    errors = version_gate_errors(flags, api.api_version)
    if errors:
        raise SpecError("\n".join(errors))


def check_json_values(flags):
    """Refuse the ratios JSON cannot carry (NaN, infinities) before anything is sent, with
    the error Go's encoding/json gives the Docker CLI when it builds the request (exit 1)."""
    for prefix in ("update", "rollback"):
        ratio = flags.get(f"{prefix}-max-failure-ratio")
        if isinstance(ratio, float) and not math.isfinite(ratio):
            text = "NaN" if math.isnan(ratio) else ("+Inf" if ratio > 0 else "-Inf")
            raise SpecError(f"json: unsupported value: {text}")


class EngineLookups(edit.Lookups):
    """Name to ID look-ups through the engine, with docker's requests and messages."""

    def __init__(self, api):
        self.api = api

    def network_id(self, name_or_id):
        # docker's client trims the name (and refuses an empty one) before its
        # GET /networks/NAME?scope=swarm; a 404 is the engine's "network X not found".
        name_or_id = trim_space(name_or_id)
        if not name_or_id:
            raise SpecError("invalid network name or ID: value is empty")
        return self.api.inspect_network(name_or_id, scope="swarm")["Id"]

    def secret_references(self, refs):
        return self._resolve(refs, "secret", "SecretName", "SecretID", self.api.secrets)

    def config_references(self, refs):
        return self._resolve(refs, "config", "ConfigName", "ConfigID", self.api.configs)

    @staticmethod
    def _resolve(refs, kind, name_key, id_key, list_objects):
        """docker's ParseSecrets/ParseConfigs: duplicate targets refused, then every name
        looked up with one list call (the engine's name filter matches prefixes, so the
        answer is matched exactly)."""
        if not refs:
            return []
        unique = parsers.dedupe_references([dict(ref) for ref in refs], kind=kind)
        names = sorted({ref[name_key] for ref in unique})
        found = {obj["Spec"]["Name"]: obj["ID"] for obj in list_objects(filters={"name": names})}
        resolved = []
        for ref in unique:
            if ref[name_key] not in found:
                raise SpecError(f"{kind} not found: {ref[name_key]}")
            resolved.append(dict(ref, **{id_key: found[ref[name_key]]}))
        return resolved


# -- image --------------------------------------------------------------------------------------

def registry_auth_for(api, image):
    """The auth config docker sends with --with-registry-auth: credentials for the image's
    registry from $DOCKER_CONFIG/config.json, or ``{}`` (sent as ``e30=``)."""
    return auth.resolve_authconfig_for_image(api, image) or {}


def resolve_image(api, image, auth_config=None):
    """Ask the registry (through the engine) for the image digest, as docker does unless
    --no-resolve-image. Returns ``(image, platforms, warning)``: the image pinned to
    ``name:tag@digest`` and its platforms, or unchanged with docker's warning."""
    try:
        distribution = api.inspect_distribution(image, auth_config=auth_config)
    except (DockerException, requests.exceptions.RequestException):
        return image, [], digest_warning(image)
    digest = edit.distribution_digest(distribution)
    return edit.pinned_image(image, digest), edit.resolved_platforms(distribution), None


def _should_resolve(api, flags):
    return not flags.get("no-resolve-image") and not version_lt(api.api_version, "1.30")


# -- create -------------------------------------------------------------------------------------

def create_service(client, flags, image, args):
    """Create the service ``docker service create <flags> IMAGE ARGS...`` would create."""
    api = client.api
    check_api_version(api, flags)
    check_json_values(flags)
    lookups = EngineLookups(api)
    build = _create_arguments(api, lookups, flags, image, args)
    service = client.services.create(build.image, command=build.command, **build.kwargs)
    return Outcome(service.id, build.warnings)


@dataclass
class CreateArguments:
    image: str
    command: list | None
    kwargs: dict
    warnings: list


def _create_arguments(api, lookups, flags, image, args):
    """docker's ToService + runCreate, step by step and in its order."""
    env = make_env([line for path in flags.get("env-file", ()) for line in read_env_file(path)]
                   + flags.get("env", []))
    healthcheck = _create_healthcheck(flags)
    mode = _create_mode(flags)
    update_config = _update_config(flags, "update", UpdateConfig)
    rollback_config = _update_config(flags, "rollback", RollbackConfig)
    if ("ReplicatedJob" in mode or "GlobalJob" in mode) and (update_config or rollback_config):
        raise SpecError("update and rollback configuration is not supported for jobs")

    networks = []
    for network in flags.get("network", ()):
        networks.append(NetworkAttachmentConfig(
            lookups.network_id(network["Target"]), aliases=network.get("Aliases"),
            options=network.get("DriverOpts")))
    networks.sort(key=lambda n: n["Target"])

    generic = parsers.parse_generic_resources(flags.get("generic-resource", []))
    resources = Resources(
        cpu_limit=flags.get("limit-cpu") or None, mem_limit=flags.get("limit-memory") or None,
        pids_limit=flags.get("limit-pids") or None,
        cpu_reservation=flags.get("reserve-cpu") or None,
        mem_reservation=flags.get("reserve-memory") or None,
        generic_resources=generic or None)
    cap_add, cap_drop = parsers.normalize_capabilities(flags.get("cap-add"), flags.get("cap-drop"))
    ports = [port for ports in flags.get("publish", ()) for port in ports]
    ulimits = parsers.ulimits_list(flags.get("ulimit", ()))

    kwargs = {
        "name": flags.get("name") or None,
        "labels": kv_list_to_map(flags.get("label", ())),
        "mode": mode,
        "update_config": update_config,
        "rollback_config": rollback_config,
        "endpoint_spec": EndpointSpec(mode=to_lower(flags.get("endpoint-mode", "vip")),
                                      ports=ports or None),
        "args": list(args) or None,
        "env": env or None,
        "hostname": flags.get("hostname") or None,
        "container_labels": kv_list_to_map(flags.get("container-label", ())) or None,
        "workdir": flags.get("workdir") or None,
        "user": flags.get("user") or None,
        "groups": flags.get("group") or None,
        "stop_signal": flags.get("stop-signal") or None,
        "tty": flags.get("tty") or None,
        "read_only": flags.get("read-only") or None,
        "mounts": [_mount(m) for m in flags.get("mount", ())] or None,
        "init": bool(flags.get("init", False)),  # a pointer in docker: false is sent
        "dns_config": DNSConfig(nameservers=flags.get("dns") or None,
                                search=flags.get("dns-search") or None,
                                options=flags.get("dns-option") or None),
        "hosts": flags.get("host") or None,
        "stop_grace_period": flags.get("stop-grace-period"),
        "healthcheck": healthcheck,
        "isolation": flags.get("isolation") or None,
        "sysctls": kv_list_to_map(flags.get("sysctl", ())) or None,
        "cap_add": cap_add or None,
        "cap_drop": cap_drop or None,
        "ulimits": [Ulimit(name=u["Name"], soft=u["Soft"], hard=u["Hard"]) for u in ulimits] or None,
        "networks": networks or None,
        "resources": resources,
        "restart_policy": _restart_policy(flags),
        "constraints": flags.get("constraint") or None,
        "preferences": flags.get("placement-pref") or None,
        "maxreplicas": flags.get("replicas-max-per-node") or None,
        "docker_cli_defaults": True,
    }
    if flags.get("oom-score-adj"):
        kwargs["oom_score_adj"] = flags["oom-score-adj"]
    if flags.get("log-driver"):
        kwargs["log_driver"] = flags["log-driver"]
        kwargs["log_driver_options"] = kv_list_to_map(flags.get("log-opt", ()))
    credential_spec = flags.get("credential-spec")
    if credential_spec:
        kwargs["privileges"] = _privileges(credential_spec)

    # runCreate: secrets, then configs (with the credential spec's config), then auth.
    if flags.get("secret"):
        kwargs["secrets"] = [_secret_reference(ref)
                             for ref in lookups.secret_references(flags["secret"])]
    config_refs = list(flags.get("config", ()))
    if credential_spec and credential_spec.get("Config"):
        config_refs.append({"ConfigID": "", "ConfigName": credential_spec["Config"], "Runtime": {}})
    if config_refs:
        configs = lookups.config_references(config_refs)
        kwargs["configs"] = [_config_reference(ref) for ref in configs]
        if credential_spec and credential_spec.get("Config"):
            config_id = next((c["ConfigID"] for c in configs
                              if c["ConfigName"] == credential_spec["Config"]), None)
            if config_id is not None:
                kwargs["privileges"] = _privileges(dict(credential_spec, Config=config_id))

    auth_config = None
    if flags.get("with-registry-auth"):
        auth_config = registry_auth_for(api, image)
    kwargs["registry_auth"] = auth_config if auth_config is not None else False

    warnings = []
    tagged = edit.normalized_image(image)
    if _should_resolve(api, flags):
        tagged, platforms, warning = resolve_image(api, tagged, auth_config)
        if warning:
            warnings.append(warning)
        if platforms:
            kwargs["platforms"] = [(p["Architecture"], p["OS"]) for p in platforms]
    return CreateArguments(tagged, flags.get("entrypoint") or None, kwargs, warnings)


def _create_healthcheck(flags):
    """docker's toHealthConfig: only the settings given (zeros left out), or NONE."""
    command = flags.get("health-cmd", "")
    have_settings = (command != "" or any(f in flags for f in HEALTH_DURATION_FLAGS)
                     or flags.get("health-retries", 0) != 0)
    if flags.get("no-healthcheck"):
        if have_settings:
            raise SpecError("--no-healthcheck conflicts with --health-* options")
        return Healthcheck(test=["NONE"])
    if not have_settings:
        return None
    return Healthcheck(
        test=["CMD-SHELL", command] if command else None,
        interval=flags.get("health-interval") or None,
        timeout=flags.get("health-timeout") or None,
        retries=flags.get("health-retries") or None,
        start_period=flags.get("health-start-period") or None,
        start_interval=flags.get("health-start-interval") or None,
    )


def _create_mode(flags):
    """docker's ToServiceMode, with its checks and messages."""
    mode = flags.get("mode", "replicated")
    replicas = flags.get("replicas")
    max_concurrent = flags.get("max-concurrent")
    max_per_node = flags.get("replicas-max-per-node", 0)
    if mode in ("global", "global-job"):
        if mode == "global" and replicas is not None:
            raise SpecError("replicas can only be used with replicated or replicated-job mode")
        if max_per_node > 0:
            raise SpecError("replicas-max-per-node can only be used with replicated or "
                            "replicated-job mode")
        if max_concurrent is not None:
            raise SpecError("max-concurrent can only be used with replicated-job mode")
        if replicas is not None:
            raise SpecError("replicas can only be used with replicated or replicated-job mode")
        return ServiceMode(mode)
    if mode == "replicated":
        if max_concurrent is not None:
            raise SpecError("max-concurrent can only be used with replicated-job mode")
        return ServiceMode(mode, replicas)
    if mode == "replicated-job":
        concurrent = max_concurrent if max_concurrent is not None else replicas
        if replicas is None and concurrent is None:
            return ServiceMode(mode)
        if replicas is not None and concurrent:
            return ServiceMode(mode, replicas, concurrent)
        # ServiceMode cannot send MaxConcurrent without TotalCompletions, nor a 0
        # MaxConcurrent (it turns that into 1): docker's body as a plain dict.
        job = {}
        if concurrent is not None:
            job["MaxConcurrent"] = concurrent
        if replicas is not None:
            job["TotalCompletions"] = replicas
        return {"ReplicatedJob": job}
    raise SpecError(f"Unknown mode: {mode}, only replicated and global supported")


def _update_config(flags, prefix, config_type):
    """docker sends a whole UpdateConfig/RollbackConfig (swarmkit's defaults plus the flags
    given) as soon as one flag of the group is given."""
    names = [f"{prefix}-{name}" for name in UPDATE_FLAG_NAMES]
    if not any(name in flags for name in names):
        return None
    defaults = edit.DEFAULT_UPDATE_CONFIG
    values = {
        "parallelism": flags.get(f"{prefix}-parallelism", defaults["Parallelism"]),
        "delay": flags.get(f"{prefix}-delay", 0),
        "failure_action": flags.get(f"{prefix}-failure-action", defaults["FailureAction"]),
        "monitor": flags.get(f"{prefix}-monitor", defaults["Monitor"]),
        "max_failure_ratio": flags.get(f"{prefix}-max-failure-ratio", defaults["MaxFailureRatio"]),
        "order": flags.get(f"{prefix}-order", defaults["Order"]),
    }

    try:
        return config_type(**dict(values, delay=values["delay"] or None))
    except InvalidArgument:
        # The type refuses values docker leaves to the engine to refuse ("bogus" actions,
        # ratios above 1): send docker's body so the engine answers with its own message.
        raw = {"Parallelism": values["parallelism"], "Delay": values["delay"],
               "FailureAction": values["failure_action"], "Monitor": values["monitor"],
               "MaxFailureRatio": values["max_failure_ratio"], "Order": values["order"]}
        return {key: value for key, value in raw.items()
                if value or key in ("Parallelism", "MaxFailureRatio")}


def _restart_policy(flags):
    """docker's ToRestartPolicy: swarmkit's default policy plus the flags given; Window only
    when given."""
    names = ("restart-condition", "restart-delay", "restart-max-attempts", "restart-window")
    if not any(name in flags for name in names):
        return None
    defaults = edit.DEFAULT_RESTART_POLICY
    condition = flags.get("restart-condition", defaults["Condition"])
    delay = flags.get("restart-delay", defaults["Delay"])
    max_attempts = flags.get("restart-max-attempts", defaults["MaxAttempts"])
    window = flags.get("restart-window")
    try:
        policy = RestartPolicy(condition=condition, delay=delay, max_attempts=max_attempts,
                               window=window or 0)
    except TypeError:
        # An unknown condition: docker leaves it to the engine ("invalid RestartCondition").
        policy = {"Delay": delay, "MaxAttempts": max_attempts, "Window": window or 0}
        if condition:
            policy["Condition"] = condition
    if window is None:
        # RestartPolicy always has Window; docker sends it only when given, and the
        # engine stores an explicit 0.
        del policy["Window"]
    return policy


def _privileges(credential_spec):
    privileges = Privileges(
        credentialspec_file=credential_spec.get("File") or None,
        credentialspec_registry=credential_spec.get("Registry") or None,
        credentialspec_config=credential_spec.get("Config") or None)
    if "CredentialSpec" not in privileges:
        # file:// or registry:// with nothing after it: docker sends the empty
        # CredentialSpec and the engine refuses it.
        privileges["CredentialSpec"] = {}
    # docker sends "SELinuxContext": null; Privileges' empty context would be stored.
    privileges["SELinuxContext"] = None
    return privileges


def _mount(parsed):
    """A ``types.Mount`` carrying exactly docker's mount, or docker's dict where Mount
    cannot say it (types it refuses, image options, empty tmpfs options)."""
    mount_type = parsed.get("Type", "volume")
    tmpfs = parsed.get("TmpfsOptions")
    if (mount_type not in ("bind", "volume", "tmpfs", "npipe") or "ImageOptions" in parsed
            or (tmpfs is not None and not tmpfs)):
        return parsed
    bind = parsed.get("BindOptions")
    volume = parsed.get("VolumeOptions")
    kwargs = {}
    if bind is not None:
        kwargs.update(propagation=bind.get("Propagation"),
                      non_recursive=bind.get("NonRecursive", False if not bind else None),
                      read_only_non_recursive=bind.get("ReadOnlyNonRecursive"),
                      read_only_force_recursive=bind.get("ReadOnlyForceRecursive"))
    if volume is not None:
        driver = volume.get("DriverConfig") or {}
        # docker always sends DriverConfig with volume options; Name "" keeps it present.
        kwargs.update(no_copy=volume.get("NoCopy", False), labels=volume.get("Labels"),
                      driver_config=DriverConfig(driver.get("Name", ""), driver.get("Options")),
                      subpath=volume.get("Subpath"))
    if tmpfs:
        kwargs.update(tmpfs_size=tmpfs.get("SizeBytes"), tmpfs_mode=tmpfs.get("Mode"))
    return Mount(parsed["Target"], parsed.get("Source"), type=mount_type,
                 read_only=parsed.get("ReadOnly", False),
                 consistency=parsed.get("Consistency"), **kwargs)


def _secret_reference(ref):
    file = ref["File"]
    if file["UID"] == "" or file["GID"] == "":
        # SecretReference turns an empty uid/gid into "0"; docker sends it empty.
        return ref
    return SecretReference(ref["SecretID"], ref["SecretName"], filename=file["Name"],
                           uid=file["UID"], gid=file["GID"], mode=file["Mode"])


def _config_reference(ref):
    file = ref.get("File")
    if ref.get("Runtime") is not None or file is None or file["UID"] == "" or file["GID"] == "":
        # A credential spec's config has a Runtime target, which ConfigReference cannot
        # express (it always writes a File); likewise an empty uid/gid.
        return ref
    return ConfigReference(ref["ConfigID"], ref["ConfigName"], filename=file["Name"],
                           uid=file["UID"], gid=file["GID"], mode=file["Mode"])


# -- update -------------------------------------------------------------------------------------

def update_service(client, reference, flags):
    """Update the service as ``docker service update <flags> SERVICE`` would.

    Unlike docker, which reports "update out of sequence" when another client wrote the
    service between our read and our write, the spec is read again and the same flags are
    applied to it again (a bounded number of times), so neither client's change is lost.
    """
    attempt = 1
    while True:
        try:
            return _update_service_once(client, reference, flags)
        except APIError as error:
            if attempt == OUT_OF_SEQUENCE_ATTEMPTS or not is_out_of_sequence(error):
                raise
        time.sleep(out_of_sequence_pause(attempt))
        attempt += 1


def _update_service_once(client, reference, flags):
    api = client.api
    check_api_version(api, flags)
    check_json_values(flags)
    service = api.inspect_service(reference, insert_defaults=False)
    edit.check_rollback(flags)
    rollback = edit.rollback_requested(flags)
    spec = service["Spec"]
    registry_auth_from = "spec"
    server_side_rollback = None
    if rollback:
        if version_lt(api.api_version, "1.28"):
            # Before 1.28 the client rolls back by posting the previous spec itself.
            spec = service.get("PreviousSpec")
            if spec is None:
                raise SpecError("service does not have a previous specification to roll back to")
            registry_auth_from = "previous-spec"
        else:
            server_side_rollback = "previous"

    lookups = EngineLookups(api)
    spec = edit.apply_update(spec, flags, lookups)
    container = spec["TaskTemplate"]["ContainerSpec"]

    auth_config = None
    if flags.get("with-registry-auth"):
        # The image as given (or the stored one), before the client library re-tags it.
        auth_config = registry_auth_for(api, flags.get("image") or container.get("Image", ""))
        registry_auth_from = None

    warnings = []
    if "image" in flags and _should_resolve(api, flags):
        image, platforms, warning = resolve_image(api, container["Image"], auth_config)
        container["Image"] = image
        if warning:
            warnings.append(warning)
        if platforms:
            spec["TaskTemplate"].setdefault("Placement", {})["Platforms"] = platforms

    answer = api.update_service_spec(
        service["ID"], service["Version"]["Index"], spec, rollback=server_side_rollback,
        registry_auth_from=registry_auth_from,
        registry_auth=auth_config if auth_config is not None else False)
    warnings = list((answer or {}).get("Warnings") or []) + warnings
    return Outcome(service["ID"], warnings)


# -- dry runs -----------------------------------------------------------------------------------
#
# A dry run goes through exactly the code a real create/update runs, with every request
# other than GET/HEAD stopped before it leaves the process: the write that would have been
# sent is captured instead (so what is shown is what would be sent), and nothing else can
# slip through either.

def _sends_credentials(write):
    """Whether an intercepted write carries registry credentials (``e30=`` is ``{}``, none)."""
    value = write.headers.get("X-Registry-Auth")
    return bool(value) and value not in ("e30=", "e30")


@dataclass
class DryRun:
    """What a create/update would have done."""

    spec: dict                       # the ServiceSpec that would be stored
    sends_credentials: bool = False  # registry credentials would go with it (never shown)
    warnings: list = field(default_factory=list)
    current: dict | None = None      # update: the stored spec it would replace
    service: dict | None = None      # update: the service as read
    rollback: bool = False           # update: a server-side rollback to PreviousSpec


def _intercepted(call, expected_path):
    """Run ``call`` with writes blocked; return the write it tried (it must try one)."""
    try:
        call()
    except WriteIntercepted as write:
        if not urlsplit(write.url).path.endswith(expected_path):
            raise SpecError(f"internal error: a dry run tried {write.method} {write.url}") from None
        return write
    raise SpecError("internal error: the dry run sent no request to intercept")


def dry_run_create(client, flags, image, args):
    """What ``create_service`` would send, sending only read requests. A name that is taken
    is reported as the engine would refuse it."""
    api = client.api
    flags = {name: value for name, value in flags.items() if name != "dry-run"}
    with api.writes_intercepted():
        # create_service, step by step (its warnings are returned only after the POST).
        check_api_version(api, flags)
        check_json_values(flags)
        build = _create_arguments(api, EngineLookups(api), flags, image, args)
        write = _intercepted(lambda: client.services.create(
            build.image, command=build.command, **build.kwargs), "/services/create")
        spec = write.body
        name = spec.get("Name")
        if name:
            taken = [s for s in api.services(filters={"name": name})
                     if s["Spec"]["Name"] == name]
            if taken:
                raise SpecError(f"the engine would refuse this service: a service named {name} "
                               f"already exists ({taken[0]['ID']})")
    return DryRun(spec=spec, sends_credentials=_sends_credentials(write),
                  warnings=list(build.warnings))


def dry_run_update(client, reference, flags):
    """What ``update_service`` would change, sending only read requests."""
    api = client.api
    flags = {name: value for name, value in flags.items() if name != "dry-run"}
    for attempt in (1, 2):
        with api.writes_intercepted():
            write = _intercepted(lambda: update_service(client, reference, flags), "/update")
            service_id = write.url.rstrip("/").split("/")[-2]
            service = api.inspect_service(service_id, insert_defaults=False)
        if str(service["Version"]["Index"]) != str(write.params.get("version")) and attempt == 1:
            continue  # changed between the two reads: once more, against the new version
        rollback = write.params.get("rollback") == "previous"
        if rollback:
            spec = service.get("PreviousSpec")
            if spec is None:
                raise SpecError("the engine would refuse this rollback: the service has no "
                               "previous spec to roll back to")
        else:
            spec = write.body
        warnings = []
        image = (((write.body or {}).get("TaskTemplate") or {}).get("ContainerSpec") or {}).get(
            "Image", "")
        if "image" in flags and _should_resolve(api, flags) and "@" not in image:
            # update_service returns its warnings only after the write: an image left
            # unpinned is the one its registry could not be asked about.
            warnings.append(digest_warning(image))
        return DryRun(spec=spec, sends_credentials=_sends_credentials(write), warnings=warnings,
                      current=service["Spec"], service=service, rollback=rollback)
    raise AssertionError("unreachable")
