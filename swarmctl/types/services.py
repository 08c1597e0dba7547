"""Service spec building blocks, the same objects docker-py has in ``docker.types.services``.

Each class is a ``dict`` holding the Engine API JSON for its part of a ServiceSpec, so an
object can be put straight into a request body. Constructors, key order, validation and
error messages follow docker-py 7.2.0, so a docker-py call gives a byte-identical body.

Keywords marked "swarmctl extension" cover fields ``docker service create`` can set but
docker-py cannot. They come after docker-py's parameters, default to None, and add nothing
to the JSON while left at None.
"""
from __future__ import annotations

import sys

from swarmctl.types.base import DictType, invalid_argument, null_resource
from swarmctl.utils.convert import (
    convert_service_networks,
    convert_service_ports,
    format_environment,
    format_extra_hosts,
    parse_bytes,
    split_command,
)

__all__ = [
    "ConfigReference",
    "ContainerSpec",
    "DNSConfig",
    "DriverConfig",
    "EndpointSpec",
    "IS_WINDOWS_PLATFORM",
    "Mount",
    "NetworkAttachmentConfig",
    "Placement",
    "PlacementPreference",
    "Privileges",
    "Resources",
    "RestartConditionTypesEnum",
    "RestartPolicy",
    "RollbackConfig",
    "SecretReference",
    "ServiceMode",
    "TaskTemplate",
    "Ulimit",
    "UpdateConfig",
    "convert_service_ports",
]

# Names for type checkers only: typing itself stays out of start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from swarmctl.types.healthcheck import Healthcheck

# Read at call time by Mount.parse_mount_string; docker-py's tests patch this name here.
IS_WINDOWS_PLATFORM = sys.platform == "win32"


class TaskTemplate(dict):
    """What each task of a service runs, and where and how (``ServiceSpec.TaskTemplate``).

    Args:
        container_spec (ContainerSpec): The container every task runs.
        resources (Resources): CPU and memory limits and reservations.
        restart_policy (RestartPolicy): When failed or exited tasks are restarted.
        placement (Placement or list): Scheduling rules; a list means constraints.
        log_driver (DriverConfig): The log driver of the task containers.
        networks (list): Network names or ids, or NetworkAttachmentConfig dicts.
        force_update (int): A counter; changing it redeploys the tasks even when nothing
            else changed.

    Raises:
        TypeError
            If ``force_update`` is not an int.
    """

    def __init__(
        self,
        container_spec: ContainerSpec | dict[str, Any],
        resources: Resources | dict[str, Any] | None = None,
        restart_policy: RestartPolicy | dict[str, Any] | None = None,
        placement: Placement | dict[str, Any] | list[str] | None = None,
        log_driver: DriverConfig | dict[str, Any] | None = None,
        networks: list[str | dict[str, Any]] | None = None,
        force_update: int | None = None,
    ) -> None:
        self["ContainerSpec"] = container_spec
        if resources:
            self["Resources"] = resources
        if restart_policy:
            self["RestartPolicy"] = restart_policy
        if placement:
            if isinstance(placement, list):
                placement = Placement(constraints=placement)
            self["Placement"] = placement
        if log_driver:
            self["LogDriver"] = log_driver
        if networks:
            self["Networks"] = convert_service_networks(networks)
        if force_update is not None:
            if not isinstance(force_update, int):
                raise TypeError("force_update must be an integer")
            self["ForceUpdate"] = force_update

    @property
    def container_spec(self) -> dict[str, Any] | None:
        """The ``ContainerSpec``."""
        return self.get("ContainerSpec")

    @property
    def resources(self) -> dict[str, Any] | None:
        """The ``Resources``, or None when not set."""
        return self.get("Resources")

    @property
    def restart_policy(self) -> dict[str, Any] | None:
        """The ``RestartPolicy``, or None when not set."""
        return self.get("RestartPolicy")

    @property
    def placement(self) -> dict[str, Any] | None:
        """The ``Placement``, or None when not set."""
        return self.get("Placement")


class ContainerSpec(dict):
    """The container a service's tasks run (``TaskTemplate.ContainerSpec``).

    ``Image``, ``Command`` and ``Args`` are always present; every other key only when its
    argument is not None.

    Args:
        image (str): The image reference.
        command (str or list): Replaces the image's ENTRYPOINT; a string is shell-split.
        args (list): Replaces the image's CMD.
        hostname (str): The container's hostname.
        env (dict or list): ``{'KEY': 'value'}`` (None gives a bare ``KEY``) or
            ``['KEY=value']``.
        workdir (str): The working directory (``Dir``).
        user (str): The user the process runs as.
        labels (dict): Container labels.
        mounts (list): Mount objects, dicts, or ``'source:target[:mode]'`` strings.
        stop_grace_period (int): Nanoseconds to wait after the stop signal before killing.
        secrets (list): SecretReference objects.
        tty (bool): Allocate a pseudo-TTY.
        groups (list): Extra groups of the process.
        open_stdin (bool): Keep stdin open.
        read_only (bool): Mount the root filesystem read-only.
        stop_signal (str): The signal that stops the container.
        healthcheck (Healthcheck): The health test.
        hosts (dict): ``{hostname: ip}`` for ``/etc/hosts``, stored as ``'ip hostname'``
            sorted by host name. swarmctl extension: a list of ``'ip hostname'`` strings is
            kept as given, so order and repeats survive (docker-py accepts dicts only).
        dns_config (DNSConfig): Resolver settings.
        configs (list): ConfigReference objects.
        privileges (Privileges): Credential spec and SELinux context.
        isolation (str): Isolation technology (Windows); the engine stores ``default``.
        init (bool): Run an init process as PID 1.
        cap_add (list): Kernel capabilities to add.
        cap_drop (list): Kernel capabilities to drop.
        sysctls (dict): Namespaced kernel parameters.
        ulimits (list): swarmctl extension. Ulimit objects or ``{'Name', 'Soft', 'Hard'}``
            dicts, kept as given (``Ulimits``, engine API 1.41).
        oom_score_adj (int): swarmctl extension. The OOM killer score adjustment
            (``OomScoreAdj``, engine API 1.46).

    Raises:
        TypeError
            If ``secrets``, ``configs``, ``cap_add``, ``cap_drop`` or ``ulimits`` is not a
            list, ``sysctls`` not a dict, or ``oom_score_adj`` not an int.
        :py:class:`swarmctl.errors.InvalidArgument`
            If a mount string is malformed.
    """

    def __init__(
        self,
        image: str,
        command: str | list[str] | None = None,
        args: list[str] | None = None,
        hostname: str | None = None,
        env: dict[str, Any] | list[str] | None = None,
        workdir: str | None = None,
        user: str | None = None,
        labels: dict[str, str] | None = None,
        mounts: list[Mount | dict[str, Any] | str] | None = None,
        stop_grace_period: int | None = None,
        secrets: list[SecretReference | dict[str, Any]] | None = None,
        tty: bool | None = None,
        groups: list[str] | None = None,
        open_stdin: bool | None = None,
        read_only: bool | None = None,
        stop_signal: str | None = None,
        healthcheck: Healthcheck | dict[str, Any] | None = None,
        hosts: dict[str, str] | list[str] | None = None,
        dns_config: DNSConfig | dict[str, Any] | None = None,
        configs: list[ConfigReference | dict[str, Any]] | None = None,
        privileges: Privileges | dict[str, Any] | None = None,
        isolation: str | None = None,
        init: bool | None = None,
        cap_add: list[str] | None = None,
        cap_drop: list[str] | None = None,
        sysctls: dict[str, str] | None = None,
        ulimits: list[Ulimit | dict[str, Any]] | None = None,
        oom_score_adj: int | None = None,
    ) -> None:
        self["Image"] = image
        if isinstance(command, str):
            command = split_command(command)
        self["Command"] = command
        self["Args"] = args

        if hostname is not None:
            self["Hostname"] = hostname
        if env is not None:
            self["Env"] = format_environment(env) if isinstance(env, dict) else env
        if workdir is not None:
            self["Dir"] = workdir
        if user is not None:
            self["User"] = user
        if groups is not None:
            self["Groups"] = groups
        if stop_signal is not None:
            self["StopSignal"] = stop_signal
        if stop_grace_period is not None:
            self["StopGracePeriod"] = stop_grace_period
        if labels is not None:
            self["Labels"] = labels
        if hosts is not None:
            if isinstance(hosts, list):
                self["Hosts"] = list(hosts)
            else:
                self["Hosts"] = format_extra_hosts(hosts, task=True)
        if mounts is not None:
            self["Mounts"] = [
                Mount.parse_mount_string(mount) if isinstance(mount, str) else mount
                for mount in mounts
            ]
        if secrets is not None:
            if not isinstance(secrets, list):
                raise TypeError("secrets must be a list")
            self["Secrets"] = secrets
        if configs is not None:
            if not isinstance(configs, list):
                raise TypeError("configs must be a list")
            self["Configs"] = configs
        if dns_config is not None:
            self["DNSConfig"] = dns_config
        if privileges is not None:
            self["Privileges"] = privileges
        if healthcheck is not None:
            self["Healthcheck"] = healthcheck
        if tty is not None:
            self["TTY"] = tty
        if open_stdin is not None:
            self["OpenStdin"] = open_stdin
        if read_only is not None:
            self["ReadOnly"] = read_only
        if isolation is not None:
            self["Isolation"] = isolation
        if init is not None:
            self["Init"] = init
        if cap_add is not None:
            if not isinstance(cap_add, list):
                raise TypeError("cap_add must be a list")
            self["CapabilityAdd"] = cap_add
        if cap_drop is not None:
            if not isinstance(cap_drop, list):
                raise TypeError("cap_drop must be a list")
            self["CapabilityDrop"] = cap_drop
        if sysctls is not None:
            if not isinstance(sysctls, dict):
                raise TypeError("sysctls must be a dict")
            self["Sysctls"] = sysctls

        # swarmctl extensions, after every docker-py key.
        if ulimits is not None:
            if not isinstance(ulimits, list):
                raise TypeError("ulimits must be a list")
            self["Ulimits"] = ulimits
        if oom_score_adj is not None:
            if isinstance(oom_score_adj, bool) or not isinstance(oom_score_adj, int):
                raise TypeError("oom_score_adj must be an integer")
            self["OomScoreAdj"] = oom_score_adj


class Mount(dict):
    """A bind mount, volume, tmpfs or named pipe in a task's container.

    Args:
        target (str): The path inside the container.
        source (str): The host path (bind), volume name (volume), or None (tmpfs).
        type (str): ``volume`` (default), ``bind``, ``tmpfs`` or ``npipe``.
        read_only (bool): Mount read-only.
        consistency (str): ``default``, ``consistent``, ``cached`` or ``delegated``.
        propagation (str): Bind propagation mode, e.g. ``rprivate``. Bind only.
        no_copy (bool): Do not copy image content into a new volume. Volume only.
        labels (dict): Labels of a new volume. Volume only.
        driver_config (DriverConfig): The volume driver and its options. Volume only.
        tmpfs_size (int or str): The tmpfs size; strings such as ``'64m'`` are accepted.
        tmpfs_mode (int): The tmpfs permission bits, e.g. ``0o1777``.
        subpath (str): A path inside the volume to mount instead of its root. Volume only.
        non_recursive (bool): swarmctl extension. Do not bind submounts
            (``BindOptions.NonRecursive``). Bind only.
        read_only_non_recursive (bool): swarmctl extension. Leave submounts writable in a
            read-only bind (``BindOptions.ReadOnlyNonRecursive``, API 1.44). Bind only.
        read_only_force_recursive (bool): swarmctl extension. Make submounts read-only too,
            or fail (``BindOptions.ReadOnlyForceRecursive``, API 1.44). Bind only.

    Raises:
        :py:class:`swarmctl.errors.InvalidArgument`
            For an unknown type, an option the type does not take, or a tmpfs_mode that is
            not an int.
        :py:class:`swarmctl.errors.DockerException`
            If ``tmpfs_size`` is a string that is not a size.
    """

    def __init__(
        self,
        target: str,
        source: str | None,
        type: str = "volume",
        read_only: bool = False,
        consistency: str | None = None,
        propagation: str | None = None,
        no_copy: bool = False,
        labels: dict[str, str] | None = None,
        driver_config: DriverConfig | dict[str, Any] | None = None,
        tmpfs_size: int | str | None = None,
        tmpfs_mode: int | None = None,
        subpath: str | None = None,
        non_recursive: bool | None = None,
        read_only_non_recursive: bool | None = None,
        read_only_force_recursive: bool | None = None,
    ) -> None:
        self["Target"] = target
        self["Source"] = source
        if type not in ("bind", "volume", "tmpfs", "npipe"):
            raise invalid_argument(f'Unsupported mount type: "{type}"')
        self["Type"] = type
        self["ReadOnly"] = read_only
        if consistency:
            self["Consistency"] = consistency

        bind_extensions = {
            key: value
            for key, value in (
                ("NonRecursive", non_recursive),
                ("ReadOnlyNonRecursive", read_only_non_recursive),
                ("ReadOnlyForceRecursive", read_only_force_recursive),
            )
            if value is not None
        }

        if type == "bind":
            bind_options = {}
            if propagation is not None:
                bind_options["Propagation"] = propagation
            bind_options.update(bind_extensions)
            if bind_options:
                self["BindOptions"] = bind_options
            if any([labels, driver_config, no_copy, tmpfs_size, tmpfs_mode, subpath]):
                raise _incompatible_mount_options("bind")
        elif type == "volume":
            volume_options = {}
            if no_copy:
                volume_options["NoCopy"] = True
            if labels:
                volume_options["Labels"] = labels
            if driver_config:
                volume_options["DriverConfig"] = driver_config
            if subpath:
                volume_options["Subpath"] = subpath
            if volume_options:
                self["VolumeOptions"] = volume_options
            if any([propagation, tmpfs_size, tmpfs_mode]) or bind_extensions:
                raise _incompatible_mount_options("volume")
        elif type == "tmpfs":
            tmpfs_options = {}
            if tmpfs_mode:
                if not isinstance(tmpfs_mode, int):
                    raise invalid_argument("tmpfs_mode must be an integer")
                tmpfs_options["Mode"] = tmpfs_mode
            if tmpfs_size:
                tmpfs_options["SizeBytes"] = parse_bytes(tmpfs_size)
            if tmpfs_options:
                self["TmpfsOptions"] = tmpfs_options
            if any([propagation, labels, driver_config, no_copy]) or bind_extensions:
                raise _incompatible_mount_options("tmpfs")
        elif bind_extensions:
            # npipe: docker-py checks none of its own options here; only ours are refused.
            raise _incompatible_mount_options("npipe")

    @classmethod
    def parse_mount_string(cls, string: str) -> Mount:
        """Build a Mount from ``'target'`` or ``'source:target[:mode]'``.

        A source starting with ``/`` is a bind mount, anything else a volume name. The
        mount is read-only unless there is no mode or the mode is ``rw``.

        Args:
            string (str): The mount in the short form.

        Returns:
            A :class:`Mount`.

        Raises:
            :py:class:`swarmctl.errors.InvalidArgument`
                If the string has more than three parts.
        """
        parts = string.split(":")
        if len(parts) > 3:
            raise invalid_argument(f'Invalid mount format "{string}"')
        if len(parts) == 1:
            return cls(target=parts[0], source=None)

        source, target = parts[0], parts[1]
        # Splitting on ':' already broke a 'C:\...' source apart, so the drive-letter test
        # cannot match today (docker-py has the same limitation); it is kept for parity.
        is_windows_drive = (
            IS_WINDOWS_PLATFORM and len(source) > 1 and source[0].isalpha() and source[1] == ":"
        )
        mount_type = "bind" if source.startswith("/") or is_windows_drive else "volume"
        read_only = not (len(parts) == 2 or parts[2] == "rw")
        return cls(target, source, read_only=read_only, type=mount_type)


def _incompatible_mount_options(mount_type):
    return invalid_argument(
        f"Incompatible options have been provided for the {mount_type} type mount."
    )


class Resources(dict):
    """CPU, memory and other resource limits and reservations of each task.

    Args:
        cpu_limit (int): Limit in nano-CPUs (10**9 is one CPU).
        mem_limit (int): Memory limit in bytes.
        cpu_reservation (int): Reservation in nano-CPUs.
        mem_reservation (int): Memory reservation in bytes.
        generic_resources (dict or list): ``{kind: int}`` (discrete) or ``{kind: str}``
            (named) reservations, or a list already in the API's shape.
        pids_limit (int): swarmctl extension. The maximum number of processes
            (``Limits.Pids``, engine API 1.41).

    Raises:
        :py:class:`swarmctl.errors.InvalidArgument`
            If ``generic_resources`` is neither a dict nor a list, or holds a value that is
            neither an int nor a str.
    """

    def __init__(
        self,
        cpu_limit: int | None = None,
        mem_limit: int | None = None,
        cpu_reservation: int | None = None,
        mem_reservation: int | None = None,
        generic_resources: dict[str, int | str] | list[dict[str, Any]] | None = None,
        pids_limit: int | None = None,
    ) -> None:
        limits = {}
        reservations = {}
        if cpu_limit is not None:
            limits["NanoCPUs"] = cpu_limit
        if mem_limit is not None:
            limits["MemoryBytes"] = mem_limit
        if pids_limit is not None:
            limits["Pids"] = pids_limit
        if cpu_reservation is not None:
            reservations["NanoCPUs"] = cpu_reservation
        if mem_reservation is not None:
            reservations["MemoryBytes"] = mem_reservation
        if generic_resources is not None:
            reservations["GenericResources"] = _convert_generic_resources(generic_resources)
        if limits:
            self["Limits"] = limits
        if reservations:
            self["Reservations"] = reservations


def _convert_generic_resources(generic_resources):
    if isinstance(generic_resources, list):
        return generic_resources
    if not isinstance(generic_resources, dict):
        raise invalid_argument(
            f"generic_resources must be a dict or a list (found {type(generic_resources)})"
        )
    converted = []
    for kind, value in generic_resources.items():
        if isinstance(value, int):
            spec_type = "DiscreteResourceSpec"
        elif isinstance(value, str):
            spec_type = "NamedResourceSpec"
        else:
            raise invalid_argument(
                f"Unsupported generic resource reservation type: {({kind: value})}"
            )
        converted.append({spec_type: {"Kind": kind, "Value": value}})
    return converted


class UpdateConfig(dict):
    """How a service's tasks are replaced on update (``ServiceSpec.UpdateConfig``).

    Args:
        parallelism (int): Tasks updated at once; 0 means all at once.
        delay (int): Nanoseconds between batches.
        failure_action (str): ``pause``, ``continue`` or ``rollback``.
        monitor (int): Nanoseconds to watch each task for failure after updating it.
        max_failure_ratio (float): Failure rate tolerated during an update, 0 to 1.
        order (str): ``start-first`` or ``stop-first``.

    Raises:
        :py:class:`swarmctl.errors.InvalidArgument`
            For an unknown ``failure_action`` or ``order``, or a ``max_failure_ratio``
            outside 0 to 1.
        TypeError
            If ``monitor`` is not an int or ``max_failure_ratio`` not a number.
    """

    def __init__(
        self,
        parallelism: int = 0,
        delay: int | None = None,
        failure_action: str = "continue",
        monitor: int | None = None,
        max_failure_ratio: float | None = None,
        order: str | None = None,
    ) -> None:
        self["Parallelism"] = parallelism
        if delay is not None:
            self["Delay"] = delay
        if failure_action not in ("pause", "continue", "rollback"):
            raise invalid_argument("failure_action must be one of `pause`, `continue`, `rollback`")
        self["FailureAction"] = failure_action

        if monitor is not None:
            if not isinstance(monitor, int):
                raise TypeError("monitor must be an integer")
            self["Monitor"] = monitor

        if max_failure_ratio is not None:
            if not isinstance(max_failure_ratio, (float, int)):
                raise TypeError("max_failure_ratio must be a float")
            if max_failure_ratio > 1 or max_failure_ratio < 0:
                raise invalid_argument("max_failure_ratio must be a number between 0 and 1")
            self["MaxFailureRatio"] = max_failure_ratio

        if order is not None:
            if order not in ("start-first", "stop-first"):
                raise invalid_argument("order must be either `start-first` or `stop-first`")
            self["Order"] = order


class RollbackConfig(UpdateConfig):
    """How a service's tasks are rolled back (``ServiceSpec.RollbackConfig``).

    Same arguments, checks and JSON as :class:`UpdateConfig`; ``failure_action`` and
    ``order`` apply to the rollback itself.

    Args:
        parallelism (int): Tasks rolled back at once; 0 means all at once.
        delay (int): Nanoseconds between batches.
        failure_action (str): ``pause``, ``continue`` or ``rollback``.
        monitor (int): Nanoseconds to watch each task for failure after rolling it back.
        max_failure_ratio (float): Failure rate tolerated during a rollback, 0 to 1.
        order (str): ``start-first`` or ``stop-first``.
    """


class RestartConditionTypesEnum:
    """The values ``RestartPolicy(condition=...)`` accepts: ``NONE``, ``ON_FAILURE``, ``ANY``."""

    _values = ("none", "on-failure", "any")
    NONE, ON_FAILURE, ANY = _values


class RestartPolicy(dict):
    """When the tasks' containers are restarted (``TaskTemplate.RestartPolicy``).

    Args:
        condition (str): ``none``, ``on-failure`` or ``any``.
        delay (int): Nanoseconds between restart attempts.
        max_attempts (int): Attempts before giving up; 0 means no limit.
        window (int): Nanoseconds over which a restart is judged successful.

    Raises:
        TypeError
            For an unknown ``condition``.
    """

    condition_types = RestartConditionTypesEnum

    def __init__(self, condition: str = RestartConditionTypesEnum.NONE, delay: int = 0,
                 max_attempts: int = 0, window: int = 0) -> None:
        if condition not in self.condition_types._values:
            raise TypeError(f"Invalid RestartPolicy condition {condition}")
        self["Condition"] = condition
        self["Delay"] = delay
        self["MaxAttempts"] = max_attempts
        self["Window"] = window


class DriverConfig(dict):
    """A driver name and its options: log drivers, volume drivers and the like.

    Args:
        name (str): The driver.
        options (dict): Driver options; left out when empty.
    """

    def __init__(self, name: str, options: dict[str, str] | None = None) -> None:
        self["Name"] = name
        if options:
            self["Options"] = options


class EndpointSpec(dict):
    """How a service is reached: virtual IP or DNS round robin, and published ports.

    Args:
        mode (str): ``vip`` or ``dnsrr``.
        ports (dict or list): ``{published: target}`` or
            ``{published: (target[, protocol[, publish_mode]])}``, or a list of
            port configs in the API's shape.

    Raises:
        TypeError
            If ``ports`` is neither a dict nor a list.
        ValueError
            If a port tuple has more than three items.
    """

    def __init__(self, mode: str | None = None,
                 ports: dict[int, Any] | list[dict[str, Any]] | None = None) -> None:
        if ports:
            self["Ports"] = convert_service_ports(ports)
        if mode:
            self["Mode"] = mode


class ServiceMode(dict):
    """How many tasks a service runs (``ServiceSpec.Mode``).

    Args:
        mode (str): ``replicated``, ``global``, ``replicated-job`` or ``global-job``.
        replicas (int): Replicas (replicated) or total completions (replicated-job).
        concurrency (int): Tasks a replicated job runs at once; 1 when unset.

    Attributes:
        mode (str): The JSON key: ``replicated``, ``global``, ``ReplicatedJob`` or
            ``GlobalJob``.

    Raises:
        :py:class:`swarmctl.errors.InvalidArgument`
            For an unknown mode, or ``replicas``/``concurrency`` with a mode that does
            not take them.
    """

    _REPLICATED_MODES = ("replicated", "replicated-job")
    _JSON_KEYS = {"replicated-job": "ReplicatedJob", "global-job": "GlobalJob"}

    def __init__(self, mode: str, replicas: int | None = None,
                 concurrency: int | None = None) -> None:
        if mode not in self._REPLICATED_MODES + ("global", "global-job"):
            raise invalid_argument(
                'mode must be either "replicated", "global", "replicated-job" or "global-job"'
            )
        if mode not in self._REPLICATED_MODES:
            if replicas is not None:
                raise invalid_argument(
                    'replicas can only be used for "replicated" or "replicated-job" mode'
                )
            if concurrency is not None:
                raise invalid_argument('concurrency can only be used for "replicated-job" mode')

        # docker-py keeps the lower-case names for the two classic modes; the engine accepts
        # them and answers with "Replicated"/"Global".
        self.mode = self._JSON_KEYS.get(mode, mode)
        self[self.mode] = {}
        if replicas is not None:
            if mode == "replicated":
                self[self.mode]["Replicas"] = replicas
            elif mode == "replicated-job":
                self[self.mode]["MaxConcurrent"] = concurrency or 1
                self[self.mode]["TotalCompletions"] = replicas

    @property
    def replicas(self) -> int | None:
        """The replica count (replicated) or total completions (replicated job), else None."""
        if "replicated" in self:
            return self["replicated"].get("Replicas")
        if "ReplicatedJob" in self:
            return self["ReplicatedJob"].get("TotalCompletions")
        return None


def _resource_id(value):
    # Like docker-py's check_resource: accept the dict create_secret/create_config return.
    if isinstance(value, dict):
        value = value.get("Id", value.get("ID"))
    if not value:
        raise null_resource("Resource ID was not provided")
    return value


class SecretReference(dict):
    """A secret given to a service's containers (an item of ``ContainerSpec.Secrets``).

    Args:
        secret_id (str or dict): The secret's id, or a dict with ``ID``/``Id``.
        secret_name (str): The secret's name.
        filename (str): The file name under ``/run/secrets``; the name by default.
        uid (str): The file's owner; ``'0'`` by default.
        gid (str): The file's group; ``'0'`` by default.
        mode (int): The file's permission bits; ``0o444`` by default.

    Raises:
        :py:class:`swarmctl.errors.NullResource`
            If ``secret_id`` is empty.
    """

    def __init__(self, secret_id: str | dict[str, Any], secret_name: str,
                 filename: str | None = None, uid: str | None = None, gid: str | None = None,
                 mode: int = 0o444) -> None:
        secret_id = _resource_id(secret_id)
        self["SecretName"] = secret_name
        self["SecretID"] = secret_id
        self["File"] = {
            "Name": filename or secret_name,
            "UID": uid or "0",
            "GID": gid or "0",
            "Mode": mode,
        }


class ConfigReference(dict):
    """A config given to a service's containers (an item of ``ContainerSpec.Configs``).

    Args:
        config_id (str or dict): The config's id, or a dict with ``ID``/``Id``.
        config_name (str): The config's name.
        filename (str): The file path in the container; the name by default.
        uid (str): The file's owner; ``'0'`` by default.
        gid (str): The file's group; ``'0'`` by default.
        mode (int): The file's permission bits; ``0o444`` by default.

    Raises:
        :py:class:`swarmctl.errors.NullResource`
            If ``config_id`` is empty.
    """

    def __init__(self, config_id: str | dict[str, Any], config_name: str,
                 filename: str | None = None, uid: str | None = None, gid: str | None = None,
                 mode: int = 0o444) -> None:
        config_id = _resource_id(config_id)
        self["ConfigName"] = config_name
        self["ConfigID"] = config_id
        self["File"] = {
            "Name": filename or config_name,
            "UID": uid or "0",
            "GID": gid or "0",
            "Mode": mode,
        }


class Placement(dict):
    """Where a service's tasks may run (``TaskTemplate.Placement``).

    Args:
        constraints (list): Expressions such as ``'node.role==manager'``.
        preferences (list): PlacementPreference objects, ``(strategy, descriptor)`` tuples,
            or dicts in the API's shape.
        platforms (list): ``(architecture, os)`` tuples.
        maxreplicas (int): Maximum tasks of this service per node.
    """

    def __init__(
        self,
        constraints: list[str] | None = None,
        preferences: list[PlacementPreference | tuple[str, str] | dict[str, Any]] | None = None,
        platforms: list[tuple[str, str]] | None = None,
        maxreplicas: int | None = None,
    ) -> None:
        if constraints is not None:
            self["Constraints"] = constraints
        if preferences is not None:
            self["Preferences"] = [
                PlacementPreference(*preference) if isinstance(preference, tuple) else preference
                for preference in preferences
            ]
        if maxreplicas is not None:
            self["MaxReplicas"] = maxreplicas
        if platforms:
            self["Platforms"] = [
                {"Architecture": platform[0], "OS": platform[1]} for platform in platforms
            ]


class PlacementPreference(dict):
    """A scheduling preference: spread tasks evenly over the values of a label.

    Args:
        strategy (str): Only ``spread`` exists.
        descriptor (str): What to spread over, e.g. ``'node.labels.zone'``.

    Raises:
        :py:class:`swarmctl.errors.InvalidArgument`
            If ``strategy`` is not ``spread``.
    """

    def __init__(self, strategy: str, descriptor: str) -> None:
        if strategy != "spread":
            raise invalid_argument(
                f'PlacementPreference strategy value is invalid ({strategy}): must be "spread".'
            )
        self["Spread"] = {"SpreadDescriptor": descriptor}


class DNSConfig(dict):
    """Resolver settings of the task containers (``/etc/resolv.conf``).

    Args:
        nameservers (list): Name server IP addresses.
        search (list): Search domains.
        options (list): Resolver options, e.g. ``['ndots:2']``.
    """

    def __init__(self, nameservers: list[str] | None = None, search: list[str] | None = None,
                 options: list[str] | None = None) -> None:
        self["Nameservers"] = nameservers
        self["Search"] = search
        self["Options"] = options


class Privileges(dict):
    """Security options of the task containers (``ContainerSpec.Privileges``).

    Args:
        credentialspec_file (str): A credential spec file (Windows).
        credentialspec_registry (str): A credential spec registry value (Windows).
        selinux_disable (bool): Disable SELinux labelling.
        selinux_user (str): SELinux user label.
        selinux_role (str): SELinux role label.
        selinux_type (str): SELinux type label.
        selinux_level (str): SELinux level label.
        credentialspec_config (str): swarmctl extension. The id of a swarm config that holds
            the credential spec (``CredentialSpec.Config``; what ``--credential-spec
            config://NAME`` sends). The config must also be in ``ContainerSpec.Configs``.

    At most one credentialspec_* argument may be given.

    Raises:
        :py:class:`swarmctl.errors.InvalidArgument`
            If more than one credentialspec_* argument is given.
    """

    def __init__(
        self,
        credentialspec_file: str | None = None,
        credentialspec_registry: str | None = None,
        selinux_disable: bool | None = None,
        selinux_user: str | None = None,
        selinux_role: str | None = None,
        selinux_type: str | None = None,
        selinux_level: str | None = None,
        credentialspec_config: str | None = None,
    ) -> None:
        credential_spec = {}
        if credentialspec_registry is not None:
            credential_spec["Registry"] = credentialspec_registry
        if credentialspec_file is not None:
            credential_spec["File"] = credentialspec_file
        if credentialspec_config is not None:
            credential_spec["Config"] = credentialspec_config
        if len(credential_spec) > 1:
            given = [
                name
                for name, value in (
                    ("credentialspec_file", credentialspec_file),
                    ("credentialspec_registry", credentialspec_registry),
                    ("credentialspec_config", credentialspec_config),
                )
                if value is not None
            ]
            # With file and registry this is docker-py's own message.
            raise invalid_argument(
                f"{', '.join(given[:-1])} and {given[-1]} are mutually exclusive"
            )

        if credential_spec:
            self["CredentialSpec"] = credential_spec
        self["SELinuxContext"] = {
            "Disable": selinux_disable,
            "User": selinux_user,
            "Role": selinux_role,
            "Type": selinux_type,
            "Level": selinux_level,
        }


class NetworkAttachmentConfig(dict):
    """A network a service joins, with aliases and driver options (an item of ``Networks``).

    Args:
        target (str): The network's name or id.
        aliases (list): Extra DNS names of the service on this network.
        options (dict): Driver options for the attachment.
    """

    def __init__(self, target: str, aliases: list[str] | None = None,
                 options: dict[str, str] | None = None) -> None:
        self["Target"] = target
        self["Aliases"] = aliases
        self["DriverOpts"] = options


class Ulimit(DictType):
    """A resource limit of the task containers (an item of ``ContainerSpec.Ulimits``).

    docker-py has this class for containers (keyword-only there); services need it for the
    swarmctl ``ContainerSpec(ulimits=...)`` extension. The API spellings ``Name``, ``Soft``
    and ``Hard`` are accepted too, so an inspected ulimit can be fed back in.

    Args:
        name (str): The limit, e.g. ``'nofile'``.
        soft (int): The soft limit.
        hard (int): The hard limit.
        **api_fields: ``Name``, ``Soft`` and ``Hard``, the API's spellings.

    Raises:
        TypeError
            For any other keyword argument.
        ValueError
            If the name is not a str or a limit not an int.
    """

    def __init__(self, name: str | None = None, soft: int | None = None, hard: int | None = None,
                 **api_fields: Any) -> None:
        unknown = set(api_fields) - {"Name", "Soft", "Hard"}
        if unknown:
            names = ", ".join(sorted(unknown))
            raise TypeError(f"Ulimit() got unexpected keyword arguments: {names}")
        name = name if name is not None else api_fields.get("Name")
        soft = soft if soft is not None else api_fields.get("Soft")
        hard = hard if hard is not None else api_fields.get("Hard")
        # Same checks and messages as docker-py's Ulimit.
        if not isinstance(name, str):
            raise ValueError("Ulimit.name must be a string")
        if soft and not isinstance(soft, int):
            raise ValueError("Ulimit.soft must be an integer")
        if hard and not isinstance(hard, int):
            raise ValueError("Ulimit.hard must be an integer")
        super().__init__({"Name": name, "Soft": soft, "Hard": hard})

    @property
    def name(self) -> str:
        """The limit's name (``Name``)."""
        return self["Name"]

    @name.setter
    def name(self, value: str) -> None:
        self["Name"] = value

    @property
    def soft(self) -> int | None:
        """The soft limit (``Soft``)."""
        return self.get("Soft")

    @soft.setter
    def soft(self, value: int | None) -> None:
        self["Soft"] = value

    @property
    def hard(self) -> int | None:
        """The hard limit (``Hard``)."""
        return self.get("Hard")

    @hard.setter
    def hard(self, value: int | None) -> None:
        self["Hard"] = value
