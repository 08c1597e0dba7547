"""Service and task calls (docker-py's ``ServiceApiMixin``, plus what ``docker service`` needs).

Deliberate differences from docker-py, each because docker-py's behaviour corrupts specs:
``update_service(fetch_current_spec=True)`` reads the spec as stored
(``insertDefaults=false``), so the engine's display defaults are never written back.
"""
from __future__ import annotations

from swarmctl.errors import DockerException, InvalidVersion
from swarmctl.utils.convert import convert_filters, convert_service_networks
from swarmctl.utils.decorators import check_resource, minimum_version
from swarmctl.utils.versions import version_lt

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
    def create_service(self, task_template, name=None, labels=None, mode=None, update_config=None,
                       networks=None, endpoint_config=None, endpoint_spec=None,
                       rollback_config=None, registry_auth=None):
        """``POST /services/create``; returns the engine's answer, e.g. ``{'ID': ...}``.

        ``registry_auth`` is a swarmctl extension (see ``_registry_auth_headers``).
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
    def inspect_service(self, service, insert_defaults=None):
        params = {}
        if insert_defaults is not None:
            if version_lt(self._version, "1.29"):
                raise InvalidVersion("insert_defaults is not supported in API version < 1.29")
            params["insertDefaults"] = insert_defaults
        return self._result(self._get(self._url("/services/{0}", service), params=params), json=True)

    @check_resource("task")
    @minimum_version("1.24")
    def inspect_task(self, task):
        return self._result(self._get(self._url("/tasks/{0}", task)), json=True)

    @check_resource("service")
    @minimum_version("1.24")
    def remove_service(self, service):
        self._raise_for_status(self._delete(self._url("/services/{0}", service)))
        return True

    @minimum_version("1.24")
    def services(self, filters=None, status=None):
        params = {}
        if filters:
            params["filters"] = convert_filters(filters)
        if status is not None:
            if version_lt(self._version, "1.41"):
                raise InvalidVersion("status is not supported in API version < 1.41")
            params["status"] = status
        return self._result(self._get(self._url("/services"), params=params), json=True)

    @minimum_version("1.24")
    def tasks(self, filters=None):
        params = {"filters": convert_filters(filters) if filters else None}
        return self._result(self._get(self._url("/tasks"), params=params), json=True)

    @check_resource("service")
    @minimum_version("1.25")
    def service_logs(self, service, details=False, follow=False, stdout=False, stderr=False,
                     since=0, timestamps=False, tail="all", is_tty=None, demux=False):
        """A generator of log bytes (docker-py), or of ``(stdout, stderr)`` tuples with
        ``demux=True`` (swarmctl extension) so the two streams stay apart."""
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
        return self._stream_log_response(response, is_tty, demux)

    @check_resource("task")
    @minimum_version("1.29")
    def task_logs(self, task, details=False, follow=False, stdout=False, stderr=False, since=0,
                  timestamps=False, tail="all", is_tty=None, demux=False):
        """The logs of one task, like ``service_logs`` (swarmctl extension; the engine's
        ``GET /tasks/ID/logs``)."""
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
        return self._stream_log_response(response, is_tty, demux)

    def log_chunks(self, kind, reference, details=False, follow=False, stdout=True, stderr=True,
                   since=None, timestamps=False, tail="all"):
        """The raw log stream of a service or task (``kind`` 'services' or 'tasks') as an
        iterator of byte chunks as they arrive: multiplexed frames, or raw bytes for a TTY.

        swarmctl extension for callers that decode frames themselves (the CLI). Query
        parameters are encoded like the Docker CLI's (only what is set, booleans as '1');
        ``since`` is passed through as given (docker's 'seconds.nanoseconds' string). No
        read timeout: the engine may stay silent for as long as a task does.
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
    def _stream_log_response(response, is_tty, demux):
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
            finally:
                response.close()

        return generate()

    @check_resource("service")
    @minimum_version("1.24")
    def update_service(self, service, version, task_template=None, name=None, labels=None,
                       mode=None, update_config=None, networks=None, endpoint_config=None,
                       endpoint_spec=None, fetch_current_spec=False, rollback_config=None,
                       rollback=None, registry_auth_from=None, registry_auth=False):
        """``POST /services/ID/update?version=N``.

        With ``fetch_current_spec`` the given fields are merged into the spec *as stored*
        (docker-py reads it with inserted defaults and so writes them back; we do not).
        swarmctl extensions: ``rollback='previous'`` asks the engine to restore the previous
        spec; ``registry_auth_from`` ('spec' or 'previous-spec') and ``registry_auth``
        (see ``_registry_auth_headers``; default: no header).
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
    def update_service_spec(self, service, version, spec, rollback=None, registry_auth_from=None,
                            registry_auth=False):
        """Post a whole ServiceSpec as the new spec (swarmctl extension, used by the CLI's
        lossless ``update``: read the stored spec, change only what was asked, post it back)."""
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

    def __init__(self, response):
        self._response = response
        self._chunks = response.iter_content(chunk_size=None)

    def __iter__(self):
        try:
            yield from self._chunks
        finally:
            self.close()

    def close(self):
        self._response.close()

    def abort(self):
        """Close from another thread than the one reading: a reader blocked in recv() holds
        the response's buffer lock, so shut the socket down first to wake it up."""
        import socket

        try:
            sock = self._response.raw._fp.fp.raw._sock  # urllib3 -> http.client -> socket
            sock.shutdown(socket.SHUT_RDWR)
        except (AttributeError, OSError):  # another transport, or already closed
            pass
        self.close()
