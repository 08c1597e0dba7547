"""Service and task calls (docker-py's ``ServiceApiMixin``, plus what ``docker service`` needs).

Deliberate differences from docker-py, each because docker-py's behaviour corrupts specs:
``update_service(fetch_current_spec=True)`` reads the spec as stored
(``insertDefaults=false``), so the engine's display defaults are never written back.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import requests

from swarmctl.errors import DockerException, InvalidVersion, stalled_answer
from swarmctl.utils.convert import convert_filters, convert_service_networks
from swarmctl.utils.decorators import check_resource, minimum_version
from swarmctl.utils.versions import version_lt

if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any, Literal

    from swarmctl.types import (
        EndpointSpec,
        RollbackConfig,
        ServiceMode,
        TaskTemplate,
        UpdateConfig,
    )

    # What the registry_auth argument of create/update accepts (see _registry_auth_headers).
    RegistryAuth = dict[str, Any] | str | bytes | bool | None
    # One item of a decoded log stream: bytes, or (stdout, stderr) with demux=True.
    LogItem = bytes | tuple[bytes | None, bytes | None]

# Only the top-level keys; the engine accepts either casing, but we send its own.
_UPDATE_CONFIG_GATES = (("MaxFailureRatio", "1.25"), ("Monitor", "1.25"), ("Order", "1.29"))


def _gate(version, needed, param):
    if version_lt(version, needed):
        raise InvalidVersion(f"{param} is not supported in API version < {needed}")


def _check_api_features(version, task_template, update_config, endpoint_spec, rollback_config):
    """Refuse, before any I/O, fields the negotiated API version cannot carry (docker-py's gates)."""
    if update_config is not None:
        for key, needed in _UPDATE_CONFIG_GATES:
            if key in update_config:
                _gate(version, needed, f"update_config.{_snake(key)}")
        if update_config.get("FailureAction") == "rollback":
            _gate(version, "1.28", "update_config.failure_action rollback")
    if rollback_config is not None:
        _gate(version, "1.28", "rollback_config")
        if update_config is not None and "Order" in update_config:
            _gate(version, "1.29", "rollback_config.order")
    if endpoint_spec is not None:
        for port in endpoint_spec.get("Ports") or []:
            if isinstance(port, dict) and port.get("PublishMode"):
                _gate(version, "1.32", "EndpointSpec.Ports[].PublishMode")
    if task_template is None:
        return
    if "ForceUpdate" in task_template:
        _gate(version, "1.25", "force_update")
    placement = task_template.get("Placement") or {}
    if isinstance(placement, dict):
        if placement.get("Platforms"):
            _gate(version, "1.30", "Placement.platforms")
        if placement.get("Preferences"):
            _gate(version, "1.27", "Placement.preferences")
    container_spec = task_template.get("ContainerSpec") or {}
    if container_spec.get("TTY"):
        _gate(version, "1.25", "ContainerSpec.tty")
    for key, name in (("Hostname", "hostname"), ("Hosts", "hosts"), ("Groups", "groups"),
                      ("DNSConfig", "dns_config"), ("Healthcheck", "healthcheck")):
        if container_spec.get(key) is not None:
            _gate(version, "1.25", f"ContainerSpec.{name}")
    for key, name, needed in (("ReadOnly", "read_only", "1.28"), ("StopSignal", "stop_signal", "1.28"),
                              ("Configs", "configs", "1.30"), ("Privileges", "privileges", "1.30"),
                              ("Isolation", "isolation", "1.35"), ("Init", "init", "1.38")):
        if container_spec.get(key) is not None:
            _gate(version, needed, f"ContainerSpec.{name}")
    resources = task_template.get("Resources") or {}
    if isinstance(resources, dict) and (resources.get("Reservations") or {}).get("GenericResources"):
        _gate(version, "1.32", "Resources.generic_resources")


def _snake(name):
    return "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")


def _merge_task_template(current, override):
    """docker-py's merge: ContainerSpec key by key (None keeps the stored value), else replace."""
    merged = dict(current)
    if override is None:
        return merged
    for key, value in override.items():
        if key == "ContainerSpec" and value is not None:
            spec = dict(merged.get("ContainerSpec") or {})
            for spec_key, spec_value in value.items():
                if spec_value is not None:
                    spec[spec_key] = spec_value
            merged["ContainerSpec"] = spec
        elif value is not None:
            merged[key] = value
    return merged


class ServiceApiMixin:
    def _registry_auth_headers(self, image, registry_auth):
        """The X-Registry-Auth header: docker-py looks credentials up on its own (None);
        ``False`` sends none; a dict or pre-encoded string is sent as given."""
        if registry_auth is False:
            return {}
        from swarmctl import auth

        if registry_auth is None:
            if not image:
                return {}
            config = auth.resolve_authconfig_for_image(self, image)
            if config is None:
                return {}
            return {"X-Registry-Auth": auth.encode_header(config)}
        if isinstance(registry_auth, (bytes, str)):
            value = registry_auth.decode("ascii") if isinstance(registry_auth, bytes) else registry_auth
            return {"X-Registry-Auth": value}
        return {"X-Registry-Auth": auth.encode_header(registry_auth)}

    @minimum_version("1.24")
    def create_service(self, task_template: TaskTemplate | dict[str, Any], name: str | None = None,
                       labels: dict[str, str] | None = None,
                       mode: ServiceMode | dict[str, Any] | str | None = None,
                       update_config: UpdateConfig | dict[str, Any] | None = None,
                       networks: list[str | dict[str, Any]] | None = None,
                       endpoint_config: Any = None,
                       endpoint_spec: EndpointSpec | dict[str, Any] | None = None,
                       rollback_config: RollbackConfig | dict[str, Any] | None = None,
                       registry_auth: RegistryAuth = None) -> dict[str, Any]:
        """Create a service (``POST /services/create``).

        Args:
            task_template (TaskTemplate): What each task runs; its ``ContainerSpec`` must
                name an image.
            name (str): The service's name. Default: ``None`` (the engine picks one).
            labels (dict): Service labels.
            mode (ServiceMode or str): How many tasks run; a string such as ``'global'``
                is turned into a :class:`~swarmctl.types.ServiceMode`. Default: one replica.
            update_config (UpdateConfig): How tasks are replaced on update.
            networks (list): Network names or ids, or NetworkAttachmentConfig dicts.
            endpoint_config: Accepted and ignored, as in docker-py.
            endpoint_spec (EndpointSpec): Endpoint mode and published ports.
            rollback_config (RollbackConfig): How tasks are rolled back.
            registry_auth (dict, str, bytes or bool): swarmctl extension. ``None`` (the
                default) looks the image's registry credentials up like docker-py does;
                ``False`` sends no ``X-Registry-Auth`` header; a dict is encoded; a str or
                bytes value is sent as the already encoded header.

        Returns:
            The engine's answer: a dict with the new service's ``ID`` (and ``Warnings``
            when the engine has any). It can be passed to the calls that take a service.

        Raises:
            :py:class:`swarmctl.errors.InvalidVersion`
                If a field needs a newer API version than the one negotiated (checked before
                anything is sent).
            :py:class:`swarmctl.errors.DockerException`
                If the ContainerSpec has no image, or (``registry_auth`` None) the
                credential helper config.json names for the image's registry fails.
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        _check_api_features(self._version, task_template, update_config, endpoint_spec, rollback_config)
        image = (task_template.get("ContainerSpec") or {}).get("Image")
        if image is None:
            raise DockerException("Missing mandatory Image key in ContainerSpec")
        if mode and not isinstance(mode, dict):
            from swarmctl.types import ServiceMode

            mode = ServiceMode(mode)
        headers = self._registry_auth_headers(image, registry_auth)
        if version_lt(self._version, "1.25"):
            networks = networks or task_template.pop("Networks", None)
        data = {
            "Name": name,
            "Labels": labels,
            "TaskTemplate": task_template,
            "Mode": mode,
            "Networks": convert_service_networks(networks),
            "EndpointSpec": endpoint_spec,
        }
        if update_config is not None:
            data["UpdateConfig"] = update_config
        if rollback_config is not None:
            data["RollbackConfig"] = rollback_config
        url = self._url("/services/create")
        return self._result(self._post_json(url, data=data, headers=headers), json=True)

    @check_resource("service")
    @minimum_version("1.24")
    def inspect_service(self, service: str | dict[str, Any],
                        insert_defaults: bool | None = None) -> dict[str, Any]:
        """Read one service (``GET /services/ID``).

        Args:
            service (str or dict): The service's id or name, or a dict with ``ID``.
            insert_defaults (bool): Ask the engine to fill in the defaults it would use for
                unset fields (API 1.29 and later). Default: ``None`` (not sent).

        Returns:
            The service as the engine reports it: ``ID``, ``Version``, ``Spec``,
            ``Endpoint`` and so on.

        Raises:
            :py:class:`swarmctl.errors.NotFound`
                If the service does not exist.
            :py:class:`swarmctl.errors.InvalidVersion`
                If ``insert_defaults`` is given below API 1.29.
            :py:class:`swarmctl.errors.APIError`
                If the server returns another error.
        """
        params = {}
        if insert_defaults is not None:
            if version_lt(self._version, "1.29"):
                raise InvalidVersion("insert_defaults is not supported in API version < 1.29")
            params["insertDefaults"] = insert_defaults
        return self._result(self._get(self._url("/services/{0}", service), params=params), json=True)

    @check_resource("task")
    @minimum_version("1.24")
    def inspect_task(self, task: str | dict[str, Any]) -> dict[str, Any]:
        """Read one task (``GET /tasks/ID``).

        Args:
            task (str or dict): The task's id, or a dict with ``ID``.

        Returns:
            The task as the engine reports it.

        Raises:
            :py:class:`swarmctl.errors.NotFound`
                If the task does not exist.
            :py:class:`swarmctl.errors.APIError`
                If the server returns another error.
        """
        return self._result(self._get(self._url("/tasks/{0}", task)), json=True)

    @check_resource("service")
    @minimum_version("1.24")
    def remove_service(self, service: str | dict[str, Any]) -> bool:
        """Remove a service (``DELETE /services/ID``). The engine stops its tasks afterwards.

        Args:
            service (str or dict): The service's id or name, or a dict with ``ID``.

        Returns:
            ``True``.

        Raises:
            :py:class:`swarmctl.errors.NotFound`
                If the service does not exist.
            :py:class:`swarmctl.errors.APIError`
                If the server returns another error.
        """
        self._raise_for_status(self._delete(self._url("/services/{0}", service)))
        return True

    @minimum_version("1.24")
    def services(self, filters: dict[str, Any] | None = None,
                 status: bool | None = None) -> list[dict[str, Any]]:
        """List services (``GET /services``).

        Args:
            filters (dict): Engine filters: ``id``, ``name`` (a prefix), ``label``
                (``key`` or ``key=value``) and ``mode`` (``replicated`` or ``global``).
            status (bool): Add ``ServiceStatus`` (running, desired and completed task
                counts) to each service (API 1.41 and later).

        Returns:
            A list of services as dicts, as :meth:`inspect_service` gives them.

        Raises:
            :py:class:`swarmctl.errors.InvalidVersion`
                If ``status`` is given below API 1.41.
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        params = {}
        if filters:
            params["filters"] = convert_filters(filters)
        if status is not None:
            if version_lt(self._version, "1.41"):
                raise InvalidVersion("status is not supported in API version < 1.41")
            params["status"] = status
        return self._result(self._get(self._url("/services"), params=params), json=True)

    @minimum_version("1.24")
    def tasks(self, filters: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """List tasks (``GET /tasks``).

        Args:
            filters (dict): Engine filters: ``id``, ``name``, ``service``, ``node``,
                ``label`` and ``desired-state``.

        Returns:
            A list of tasks as dicts.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        params = {"filters": convert_filters(filters) if filters else None}
        return self._result(self._get(self._url("/tasks"), params=params), json=True)

    @check_resource("service")
    @minimum_version("1.25")
    def service_logs(self, service: str | dict[str, Any], details: bool = False,
                     follow: bool = False, stdout: bool = False, stderr: bool = False,
                     since: int | float = 0, timestamps: bool = False, tail: str | int = "all",
                     is_tty: bool | None = None, demux: bool = False) -> Iterator[LogItem]:
        """Stream the logs of a service's tasks (``GET /services/ID/logs``).

        Args:
            service (str or dict): The service's id or name, or a dict with ``ID``.
            details (bool): Prefix each line with the task's node, service and task ids.
            follow (bool): Keep the stream open for new output (no read timeout then).
            stdout (bool): Include standard output.
            stderr (bool): Include standard error. The engine refuses a request with
                neither stream.
            since (int or float): Only lines after this Unix time.
            timestamps (bool): Prefix each line with its timestamp.
            tail (str or int): ``'all'`` or the number of lines from the end.
            is_tty (bool): Whether the service's containers have a TTY, i.e. whether the
                stream is raw rather than multiplexed. Default: ``None``, read from the
                service's spec before the stream opens.
            demux (bool): swarmctl extension. Yield ``(stdout, stderr)`` tuples, with
                ``None`` for the stream a chunk does not belong to, so the two stay apart.

        Returns:
            A generator of ``bytes`` chunks (one per log line for a multiplexed stream),
            or of ``(stdout, stderr)`` tuples with ``demux=True``.

        Raises:
            :py:class:`swarmctl.errors.NotFound`
                If the service does not exist.
            :py:class:`swarmctl.errors.APIError`
                If the server returns another error.
        """
        params = {
            "details": details, "follow": follow, "stdout": stdout, "stderr": stderr,
            "since": since, "timestamps": timestamps, "tail": tail,
        }
        if is_tty is None:
            # Asked before the stream opens: over ssh a request made while a stream is
            # still open would need a second connection (a second ssh process).
            spec = self.inspect_service(service)["Spec"]
            is_tty = spec.get("TaskTemplate", {}).get("ContainerSpec", {}).get("TTY", False)
        url = self._url("/services/{0}/logs", service)
        # A follow can sit idle for hours: no read timeout on the stream.
        timeout = (self.timeout, None) if follow else self.timeout
        response = self._get(url, params=params, stream=True, timeout=timeout)
        self._raise_for_status(response)
        return self._stream_log_response(response, is_tty, demux, timeout)

    @check_resource("task")
    @minimum_version("1.29")
    def task_logs(self, task: str | dict[str, Any], details: bool = False, follow: bool = False,
                  stdout: bool = False, stderr: bool = False, since: int | float = 0,
                  timestamps: bool = False, tail: str | int = "all", is_tty: bool | None = None,
                  demux: bool = False) -> Iterator[LogItem]:
        """Stream the logs of one task (swarmctl extension; ``GET /tasks/ID/logs``).

        Args:
            task (str or dict): The task's id, or a dict with ``ID``.
            details (bool): Prefix each line with the task's node, service and task ids.
            follow (bool): Keep the stream open for new output (no read timeout then).
            stdout (bool): Include standard output.
            stderr (bool): Include standard error.
            since (int or float): Only lines after this Unix time.
            timestamps (bool): Prefix each line with its timestamp.
            tail (str or int): ``'all'`` or the number of lines from the end.
            is_tty (bool): Whether the task's container has a TTY. Default: ``None``, read
                from the task's spec before the stream opens.
            demux (bool): Yield ``(stdout, stderr)`` tuples instead of bytes.

        Returns:
            A generator like the one :meth:`service_logs` returns.

        Raises:
            :py:class:`swarmctl.errors.NotFound`
                If the task does not exist.
            :py:class:`swarmctl.errors.APIError`
                If the server returns another error.
        """
        if is_tty is None:
            spec = self.inspect_task(task).get("Spec") or {}
            is_tty = (spec.get("ContainerSpec") or {}).get("TTY", False)
        params = {
            "details": details, "follow": follow, "stdout": stdout, "stderr": stderr,
            "since": since, "timestamps": timestamps, "tail": tail,
        }
        timeout = (self.timeout, None) if follow else self.timeout
        response = self._get(self._url("/tasks/{0}/logs", task), params=params, stream=True,
                             timeout=timeout)
        self._raise_for_status(response)
        return self._stream_log_response(response, is_tty, demux, timeout)

    def log_chunks(self, kind: Literal["services", "tasks"], reference: str,
                   details: bool = False, follow: bool = False, stdout: bool = True,
                   stderr: bool = True, since: str | None = None, timestamps: bool = False,
                   tail: str = "all") -> _ChunkStream:
        """Open the raw log stream of a service or a task (swarmctl extension).

        For callers that decode frames themselves (the CLI): the chunks are the bytes as
        they arrive, multiplexed frames or raw TTY output. Query parameters are encoded like
        the Docker CLI's (only what is set, booleans as ``'1'``). There is no read timeout:
        the engine may stay silent for as long as a task does.

        Args:
            kind (str): ``'services'`` or ``'tasks'``.
            reference (str): The service's id or name, or the task's id.
            details (bool): Ask for the node, service and task ids with each line.
            follow (bool): Keep the stream open for new output.
            stdout (bool): Include standard output.
            stderr (bool): Include standard error.
            since (str): Passed through as given (docker's ``'seconds.nanoseconds'``
                string); ``None`` or ``''`` sends nothing.
            timestamps (bool): Ask for a timestamp with each line.
            tail (str): ``'all'`` or the number of lines from the end.

        Returns:
            An iterable of ``bytes`` chunks that closes the response when exhausted, and
            has ``close()`` and ``abort()`` (closing from another thread).

        Raises:
            ValueError
                If ``kind`` is neither ``'services'`` nor ``'tasks'``.
            :py:class:`swarmctl.errors.NotFound`
                If the service or task does not exist.
            :py:class:`swarmctl.errors.APIError`
                If the server returns another error.
        """
        if kind not in ("services", "tasks"):
            raise ValueError(f"kind must be 'services' or 'tasks', not {kind!r}")
        params = {}
        for name, value in (("stdout", stdout), ("stderr", stderr), ("timestamps", timestamps),
                            ("details", details), ("follow", follow)):
            if value:
                params[name] = "1"
        if since not in (None, ""):
            params["since"] = since
        params["tail"] = tail
        url = self._url(f"/{kind}/{{0}}/logs", reference)
        response = self._get(url, params=params, stream=True, timeout=(self.timeout, None))
        try:
            self._raise_for_status(response)
        except BaseException:
            response.close()
            raise
        return _ChunkStream(response)

    @staticmethod
    def _stream_log_response(response, is_tty, demux, timeout):
        from swarmctl.transport import multiplex

        chunks = response.iter_content(chunk_size=None)

        def generate():
            try:
                if is_tty:
                    for chunk in chunks:
                        yield (chunk, None) if demux else chunk
                elif demux:
                    yield from multiplex.iter_demuxed(chunks)
                else:
                    yield from multiplex.iter_payloads(chunks)
            except requests.exceptions.ConnectionError as error:
                stalled = stalled_answer(error, response.request.method, response.request.url,
                                         timeout)
                if stalled is None:
                    raise
                raise stalled from error
            finally:
                response.close()

        return generate()

    @check_resource("service")
    @minimum_version("1.24")
    def update_service(self, service: str | dict[str, Any], version: int,
                       task_template: TaskTemplate | dict[str, Any] | None = None,
                       name: str | None = None, labels: dict[str, str] | None = None,
                       mode: ServiceMode | dict[str, Any] | str | None = None,
                       update_config: UpdateConfig | dict[str, Any] | None = None,
                       networks: list[str | dict[str, Any]] | None = None,
                       endpoint_config: Any = None,
                       endpoint_spec: EndpointSpec | dict[str, Any] | None = None,
                       fetch_current_spec: bool = False,
                       rollback_config: RollbackConfig | dict[str, Any] | None = None,
                       rollback: str | None = None, registry_auth_from: str | None = None,
                       registry_auth: RegistryAuth = False) -> dict[str, Any]:
        """Change a service (``POST /services/ID/update?version=N``).

        Without ``fetch_current_spec`` the body replaces the whole spec: whatever is not
        given goes back to the engine's default. With it, the given fields are merged into
        the spec as stored. Unlike docker-py, the stored spec is read without the engine's
        inserted defaults, so those defaults are never written back as stored values.

        Args:
            service (str or dict): The service's id or name, or a dict with ``ID``.
            version (int): The spec version this change is based on
                (``Version.Index``); the engine refuses a stale one with "update out of
                sequence".
            task_template (TaskTemplate): The new task template. With
                ``fetch_current_spec``, ContainerSpec keys that are ``None`` keep their
                stored values and other template keys replace theirs.
            name (str): The new name.
            labels (dict): The new service labels; ``{}`` clears them.
            mode (ServiceMode or str): The new mode.
            update_config (UpdateConfig): The new update settings.
            networks (list): The new networks (names, ids or NetworkAttachmentConfig dicts).
            endpoint_config: Accepted and ignored, as in docker-py.
            endpoint_spec (EndpointSpec): The new endpoint settings.
            fetch_current_spec (bool): Merge into the stored spec instead of replacing it.
                Default: ``False``.
            rollback_config (RollbackConfig): The new rollback settings.
            rollback (str): swarmctl extension. ``'previous'`` asks the engine to restore
                the previous spec.
            registry_auth_from (str): swarmctl extension. ``'spec'`` or ``'previous-spec'``:
                which spec's registry credentials the engine should use.
            registry_auth (dict, str, bytes or bool): swarmctl extension, as in
                :meth:`create_service`, but the default ``False`` sends no header.

        Returns:
            The engine's answer, e.g. ``{'Warnings': None}`` (a non-empty dict).

        Raises:
            :py:class:`swarmctl.errors.InvalidVersion`
                If a field needs a newer API version than the one negotiated.
            :py:class:`swarmctl.errors.NotFound`
                If the service does not exist.
            :py:class:`swarmctl.errors.APIError`
                If the server returns another error, e.g. 500 "update out of sequence"
                for a stale ``version``.
        """
        _check_api_features(self._version, task_template, update_config, endpoint_spec, rollback_config)
        if fetch_current_spec:
            current = self.inspect_service(
                service, insert_defaults=None if version_lt(self._version, "1.29") else False
            )["Spec"]
        else:
            current = {}
        body = {}
        params = {"version": version}
        if rollback is not None:
            params["rollback"] = rollback
        if registry_auth_from is not None:
            params["registryAuthFrom"] = registry_auth_from

        body["Name"] = name if name is not None else current.get("Name")
        body["Labels"] = labels if labels is not None else current.get("Labels")
        if mode is not None:
            if not isinstance(mode, dict):
                from swarmctl.types import ServiceMode

                mode = ServiceMode(mode)
            body["Mode"] = mode
        else:
            body["Mode"] = current.get("Mode")

        merged_template = _merge_task_template(current.get("TaskTemplate", {}), task_template)
        body["TaskTemplate"] = merged_template
        image = (merged_template.get("ContainerSpec") or {}).get("Image")
        headers = self._registry_auth_headers(image, registry_auth)

        body["UpdateConfig"] = update_config if update_config is not None else current.get("UpdateConfig")
        body["RollbackConfig"] = (
            rollback_config if rollback_config is not None else current.get("RollbackConfig")
        )
        if networks is not None:
            converted = convert_service_networks(networks)
            if version_lt(self._version, "1.25"):
                body["Networks"] = converted
            else:
                merged_template["Networks"] = converted
        elif merged_template.get("Networks") is None:
            current_networks = (current.get("TaskTemplate") or {}).get("Networks") or current.get("Networks")
            if current_networks is not None:
                merged_template["Networks"] = current_networks
        body["EndpointSpec"] = endpoint_spec if endpoint_spec is not None else current.get("EndpointSpec")

        url = self._url("/services/{0}/update", service)
        return self._result(self._post_json(url, data=body, params=params, headers=headers), json=True)

    @check_resource("service")
    @minimum_version("1.24")
    def update_service_spec(self, service: str | dict[str, Any], version: int,
                            spec: dict[str, Any], rollback: str | None = None,
                            registry_auth_from: str | None = None,
                            registry_auth: RegistryAuth = False) -> dict[str, Any]:
        """Post a whole ServiceSpec as the service's new spec (swarmctl extension).

        Used by the CLI's lossless update: read the stored spec, change only what was
        asked, post it back. Nothing is merged or checked here.

        Args:
            service (str or dict): The service's id or name, or a dict with ``ID``.
            version (int): The spec version the new spec is based on.
            spec (dict): The complete ServiceSpec, as the engine stores it.
            rollback (str): ``'previous'`` asks the engine to restore the previous spec.
            registry_auth_from (str): ``'spec'`` or ``'previous-spec'``.
            registry_auth (dict, str, bytes or bool): As in :meth:`update_service`.

        Returns:
            The engine's answer, e.g. ``{'Warnings': None}``.

        Raises:
            :py:class:`swarmctl.errors.NotFound`
                If the service does not exist.
            :py:class:`swarmctl.errors.APIError`
                If the server returns another error.
        """
        params = {"version": version}
        if rollback is not None:
            params["rollback"] = rollback
        if registry_auth_from is not None:
            params["registryAuthFrom"] = registry_auth_from
        image = ((spec.get("TaskTemplate") or {}).get("ContainerSpec") or {}).get("Image")
        headers = self._registry_auth_headers(image, registry_auth)
        url = self._url("/services/{0}/update", service)
        return self._result(self._post_json(url, data=spec, params=params, headers=headers), json=True)


class _ChunkStream:
    """Chunks of a streaming response, closed when exhausted or on ``close()``."""

    def __init__(self, response: requests.Response) -> None:
        self._response = response
        self._chunks = response.iter_content(chunk_size=None)

    def __iter__(self) -> Iterator[bytes]:
        try:
            yield from self._chunks
        finally:
            self.close()

    def close(self) -> None:
        """Close the response; iteration stops."""
        self._response.close()

    def abort(self) -> None:
        """Close from another thread than the one reading: a reader blocked in recv() holds
        the response's buffer lock, so shut the socket down first to wake it up."""
        import socket

        try:
            sock = self._response.raw._fp.fp.raw._sock  # urllib3 -> http.client -> socket
            sock.shutdown(socket.SHUT_RDWR)
        except (AttributeError, OSError):  # another transport, or already closed
            pass
        self.close()
