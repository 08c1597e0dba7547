"""``client.services``: docker-py's ``ServiceCollection`` and ``Service``.

Where docker-py has a known trap we do the useful thing (and say so in the docstring):
``Service.update`` never writes the engine's inserted defaults back, and (as ``scale``) re-reads
and re-applies when the engine says "update out of sequence", a bounded number of times; ``Service.logs`` with no stream
chosen returns both streams instead of the engine's error.
"""
from __future__ import annotations

import copy
import time

from swarmctl.models.resource import Collection, Model

# Names for type checkers only: typing itself stays out of start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

# docker-py's keyword lists, in its order, plus swarmctl's extensions at the end.
CONTAINER_SPEC_KWARGS = [
    "args", "cap_add", "cap_drop", "command", "configs", "dns_config", "env", "groups",
    "healthcheck", "hostname", "hosts", "image", "init", "isolation", "labels", "mounts",
    "open_stdin", "privileges", "read_only", "secrets", "stop_grace_period", "stop_signal",
    "tty", "user", "workdir", "sysctls",
    # swarmctl extensions (docker service create can set these; docker-py cannot)
    "ulimits", "oom_score_adj",
]
TASK_TEMPLATE_KWARGS = ["networks", "resources", "restart_policy"]
CREATE_SERVICE_KWARGS = ["name", "labels", "mode", "update_config", "rollback_config", "endpoint_spec"]
PLACEMENT_KWARGS = ["constraints", "preferences", "platforms", "maxreplicas"]
# Keywords passed straight to the low-level call (swarmctl extensions).
CREATE_PASSTHROUGH_KWARGS = ["registry_auth"]
UPDATE_PASSTHROUGH_KWARGS = ["rollback", "registry_auth", "registry_auth_from"]

def _get_create_service_kwargs(func_name, kwargs):
    """Sort flat keyword arguments into ``create_service``/``update_service`` arguments."""
    from swarmctl.errors import create_unexpected_kwargs_error
    from swarmctl.types import ContainerSpec, Placement, TaskTemplate

    create_kwargs = {}
    for key in copy.copy(kwargs):
        if key in CREATE_SERVICE_KWARGS:
            create_kwargs[key] = kwargs.pop(key)
    container_spec_kwargs = {}
    for key in copy.copy(kwargs):
        if key in CONTAINER_SPEC_KWARGS:
            container_spec_kwargs[key] = kwargs.pop(key)
    task_template_kwargs = {}
    for key in copy.copy(kwargs):
        if key in TASK_TEMPLATE_KWARGS:
            task_template_kwargs[key] = kwargs.pop(key)

    if "container_labels" in kwargs:
        container_spec_kwargs["labels"] = kwargs.pop("container_labels")

    placement = {}
    for key in copy.copy(kwargs):
        if key in PLACEMENT_KWARGS:
            placement[key] = kwargs.pop(key)
    task_template_kwargs["placement"] = Placement(**placement)

    if "log_driver" in kwargs:
        task_template_kwargs["log_driver"] = {
            "Name": kwargs.pop("log_driver"),
            "Options": kwargs.pop("log_driver_options", {}),
        }

    passthrough = UPDATE_PASSTHROUGH_KWARGS if func_name == "update" else CREATE_PASSTHROUGH_KWARGS
    for key in passthrough:
        if key in kwargs:
            create_kwargs[key] = kwargs.pop(key)

    if func_name == "update":
        if "force_update" in kwargs:
            task_template_kwargs["force_update"] = kwargs.pop("force_update")
        create_kwargs["fetch_current_spec"] = kwargs.pop("fetch_current_spec", True)

    cli_defaults = func_name == "create" and kwargs.pop("docker_cli_defaults", False)

    if kwargs:
        raise create_unexpected_kwargs_error(func_name, kwargs)

    container_spec = ContainerSpec(**container_spec_kwargs)
    create_kwargs["task_template"] = TaskTemplate(container_spec=container_spec, **task_template_kwargs)
    if cli_defaults:
        _add_docker_cli_defaults(create_kwargs)
    return create_kwargs


def _add_docker_cli_defaults(create_kwargs):
    """Fill in what `docker service create` sends even when no flag asks for it.

    The engine stores these as given (an empty Placement, Init false, ...), so without them
    a service created here would differ from one created by the Docker CLI.
    """
    create_kwargs.setdefault("labels", {})
    if create_kwargs.get("mode") is None:
        create_kwargs["mode"] = {"Replicated": {}}
    endpoint_spec = dict(create_kwargs.get("endpoint_spec") or {})
    endpoint_spec.setdefault("Mode", "vip")
    create_kwargs["endpoint_spec"] = endpoint_spec
    template = create_kwargs["task_template"]
    container = template["ContainerSpec"]
    container.setdefault("Init", False)
    container.setdefault("DNSConfig", {})
    resources = dict(template.get("Resources") or {})
    resources.setdefault("Limits", {})
    resources.setdefault("Reservations", {})
    template["Resources"] = resources
    template.setdefault("Placement", {})
    template.setdefault("ForceUpdate", 0)


class Service(Model):
    """A service on the swarm, as the engine last reported it (docker-py's ``Service``).

    Get one from :class:`ServiceCollection`; :attr:`attrs` holds the engine's JSON.
    """

    id_attribute = "ID"

    @property
    def name(self) -> str:
        """The service's name."""
        return self.attrs["Spec"]["Name"]

    @property
    def version(self) -> int:
        """The spec version as last read; ``update`` sends it for optimistic concurrency."""
        return self.attrs.get("Version").get("Index")

    def remove(self) -> bool:
        """Remove the service. Its tasks stop afterwards, within their stop grace period.

        Returns:
            ``True``.

        Raises:
            :py:class:`swarmctl.errors.NotFound`
                If the service no longer exists.
            :py:class:`swarmctl.errors.APIError`
                If the server returns another error.
        """
        return self.client.api.remove_service(self.id)

    def tasks(self, filters: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """List the service's tasks.

        Args:
            filters (dict): More task filters (``id``, ``name``, ``node``, ``label``,
                ``desired-state``). As in docker-py, a given dict gets a ``service`` key
                added in place.

        Returns:
            A list of tasks as dicts.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        if filters is None:
            filters = {}
        filters["service"] = self.id
        return self.client.api.tasks(filters=filters)

    def update(self, **kwargs: Any) -> dict[str, Any]:
        """Change the service; fields not named keep their stored values.

        The change is based on the spec version last read (:attr:`version`); call
        :meth:`reload` to see the result. Unlike docker-py, the stored spec is read without
        the engine's inserted defaults, so they never become stored values, and a
        concurrent change ("update out of sequence") is met by re-reading the service and
        applying the same change again (up to ``OUT_OF_SEQUENCE_ATTEMPTS`` tries), so no
        field written by the other client is lost.

        Args:
            **kwargs: The keywords of :meth:`ServiceCollection.create` (except
                ``docker_cli_defaults``), plus:
            force_update (int or bool): Redeploy the tasks even if nothing else changed;
                ``True`` adds one to the stored counter.
            fetch_current_spec (bool): Merge into the stored spec. Default: ``True``;
                ``False`` replaces the whole spec with what is given.
            rollback (str): swarmctl extension. ``'previous'`` restores the previous spec.
            registry_auth_from (str): swarmctl extension. ``'spec'`` or
                ``'previous-spec'``.
            registry_auth (dict, str, bytes or bool): swarmctl extension; see
                :meth:`APIClient.update_service`.

        Returns:
            The engine's answer, e.g. ``{'Warnings': None}``.

        Raises:
            TypeError
                For an unknown keyword argument.
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        return self._retried(lambda: self._update_once(dict(kwargs)))

    def _retried(self, write):
        """Run ``write`` (based on :attr:`attrs`); on "update out of sequence" reload and run
        it again, up to ``OUT_OF_SEQUENCE_ATTEMPTS`` tries in all."""
        from swarmctl.errors import OUT_OF_SEQUENCE_ATTEMPTS, is_out_of_sequence, out_of_sequence_pause

        for attempt in range(1, OUT_OF_SEQUENCE_ATTEMPTS + 1):
            try:
                return write()
            except Exception as error:
                if attempt == OUT_OF_SEQUENCE_ATTEMPTS or not is_out_of_sequence(error):
                    raise
            time.sleep(out_of_sequence_pause(attempt))
            self.reload()
        raise AssertionError("unreachable")

    def _update_once(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        spec = self.attrs["Spec"]
        if "image" not in kwargs:
            kwargs["image"] = spec["TaskTemplate"]["ContainerSpec"]["Image"]
        if kwargs.get("force_update") is True:
            kwargs["force_update"] = int(spec["TaskTemplate"].get("ForceUpdate", 0)) + 1
        create_kwargs = _get_create_service_kwargs("update", kwargs)
        return self.client.api.update_service(self.id, self.version, **create_kwargs)

    def logs(self, **kwargs: Any) -> Iterator[Any]:
        """Stream the logs of the service's tasks.

        With neither ``stdout`` nor ``stderr`` given both streams are returned; docker-py
        passes the engine's "choose at least one stream" error through instead.

        Args:
            **kwargs: The keywords of :meth:`APIClient.service_logs`: ``details``,
                ``follow``, ``stdout``, ``stderr``, ``since``, ``timestamps``, ``tail`` and
                ``demux`` (``is_tty`` is taken from the service's spec).

        Returns:
            A generator of ``bytes`` chunks, or ``(stdout, stderr)`` tuples with
            ``demux=True``.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        if not kwargs.get("stdout") and not kwargs.get("stderr"):
            if "stdout" not in kwargs and "stderr" not in kwargs:
                kwargs["stdout"] = kwargs["stderr"] = True
        is_tty = self.attrs["Spec"]["TaskTemplate"]["ContainerSpec"].get("TTY", False)
        return self.client.api.service_logs(self.id, is_tty=is_tty, **kwargs)

    def scale(self, replicas: int) -> dict[str, Any]:
        """Set the replica count of a replicated service.

        Args:
            replicas (int): The new number of tasks.

        Returns:
            The engine's answer, e.g. ``{'Warnings': None}``.

        Raises:
            :py:class:`swarmctl.errors.InvalidArgument`
                If the service is global.
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error, e.g. 501 for a job (its mode kind cannot
                change).
        """
        from swarmctl.errors import InvalidArgument
        from swarmctl.types import ServiceMode

        if "Global" in self.attrs["Spec"]["Mode"]:
            raise InvalidArgument("Cannot scale a global container")
        mode = ServiceMode("replicated", replicas)
        return self._retried(lambda: self.client.api.update_service(
            self.id, self.version, mode=mode, fetch_current_spec=True))

    def force_update(self) -> dict[str, Any]:
        """Redeploy every task without changing anything else in the spec.

        Returns:
            The engine's answer, e.g. ``{'Warnings': None}``.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        return self.update(force_update=True, fetch_current_spec=True)


class ServiceCollection(Collection):
    """The services on the swarm (docker-py's ``ServiceCollection``, ``client.services``)."""

    model = Service

    def create(self, image: str, command: str | list[str] | None = None,
               **kwargs: Any) -> Service:
        """Create a service and read it back.

        Args:
            image (str): The image the tasks run.
            command (str or list): Replaces the image's ENTRYPOINT; a str is shell-split.
            **kwargs: Flat keywords, sorted into the spec as in docker-py:
            args (list): Replaces the image's CMD.
            name (str), labels (dict), mode (ServiceMode or str), update_config
                (UpdateConfig), rollback_config (RollbackConfig), endpoint_spec
                (EndpointSpec): The service-level fields.
            networks (list), resources (Resources), restart_policy (RestartPolicy):
                Task template fields.
            constraints (list), preferences (list), platforms (list), maxreplicas (int):
                The task's Placement.
            log_driver (str), log_driver_options (dict): The task's log driver.
            container_labels (dict): Labels of the task containers.
            env, hostname, hosts, user, workdir, mounts, secrets, configs, groups,
                healthcheck, dns_config, privileges, stop_grace_period, stop_signal,
                tty, open_stdin, read_only, init, isolation, cap_add, cap_drop, sysctls:
                :class:`~swarmctl.types.ContainerSpec` fields.
            ulimits (list), oom_score_adj (int): swarmctl extensions, ContainerSpec fields.
            registry_auth (dict, str, bytes or bool): swarmctl extension; see
                :meth:`APIClient.create_service`.
            docker_cli_defaults (bool): swarmctl extension. Also send the values
                ``docker service create`` always sends (empty Placement, ``Init: false``,
                ``vip`` endpoint mode, ...), so the stored spec is identical to the
                Docker CLI's. Default: ``False``.

        Returns:
            The new :class:`Service`.

        Raises:
            TypeError
                For an unknown keyword argument.
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        kwargs["image"] = image
        kwargs["command"] = command
        create_kwargs = _get_create_service_kwargs("create", kwargs)
        service_id = self.client.api.create_service(**create_kwargs)
        return self.get(service_id)

    def get(self, service_id: str | dict[str, Any],
            insert_defaults: bool | None = None) -> Service:
        """Read one service.

        Args:
            service_id (str or dict): The service's id or name, or a dict with ``ID``.
            insert_defaults (bool): Ask the engine to fill in the defaults of unset fields
                (API 1.29 and later).

        Returns:
            The :class:`Service`.

        Raises:
            :py:class:`swarmctl.errors.NotFound`
                If the service does not exist.
            :py:class:`swarmctl.errors.InvalidVersion`
                If ``insert_defaults`` is given below API 1.29.
            :py:class:`swarmctl.errors.APIError`
                If the server returns another error.
        """
        return self.prepare_model(self.client.api.inspect_service(service_id, insert_defaults))

    def list(self, **kwargs: Any) -> list[Service]:
        """List services.

        Args:
            filters (dict): Engine filters: ``id``, ``name`` (a prefix), ``label`` and
                ``mode``.
            status (bool): Include task counts in each service's ``ServiceStatus`` (API
                1.41 and later).

        Returns:
            A list of :class:`Service`.

        Raises:
            TypeError
                For any other keyword argument.
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        # Unknown keywords must fail (TypeError), not widen the listing to every service.
        return [self.prepare_model(s) for s in self.client.api.services(**kwargs)]
