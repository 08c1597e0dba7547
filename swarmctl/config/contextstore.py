"""The Docker CLI's context store (``<config folder>/contexts``), read-only.

``docker context create NAME`` writes ``contexts/meta/<sha256(NAME)>/meta.json`` (name,
metadata, endpoints) and the endpoint's TLS files under
``contexts/tls/<sha256(NAME)>/docker/`` (``ca.pem``, ``cert.pem``, ``key.pem``).
"""
from __future__ import annotations

import os
from types import SimpleNamespace

from swarmctl.config.configfile import parse_json
from swarmctl.config.errors import EndpointResolutionError, StoreContextNotFound

DEFAULT_CONTEXT_NAME = "default"
DOCKER_ENDPOINT = "docker"
CA_FILE, CERT_FILE, KEY_FILE = "ca.pem", "cert.pem", "key.pem"


def context_id(name):
    """The folder name docker uses for a context.

    Args:
        name (str): The context's name.

    Returns:
        (str): The hex SHA-256 of the name.
    """
    # hashlib loads OpenSSL (a few ms): only named contexts need it, not every Tab press.
    import hashlib

    return hashlib.sha256(name.encode("utf-8")).hexdigest()


class ContextMetadata(SimpleNamespace):
    """One context of the store, with the paths of its docker endpoint's TLS files.

    Args:
        name (str): The context's name.
        host (str): Its docker endpoint's address (``""`` when it has none).
        skip_tls_verify (bool): Whether the endpoint skips TLS verification.
        description (str): The ``--description`` it was created with.
        tls_files (dict): ``"ca.pem"`` (etc.) to the file's absolute path, for the files the
            store holds.
        meta_path (str): The path of its ``meta.json``.
    """

    def __init__(self, name, host="", skip_tls_verify=False, description="", tls_files=None,
                 meta_path=""):
        super().__init__(name=name, host=host, skip_tls_verify=skip_tls_verify,
                         description=description,
                         tls_files={} if tls_files is None else tls_files, meta_path=meta_path)


class ContextStore:
    """Read-only view of a Docker CLI context store.

    Args:
        directory (str): The configuration folder that holds ``contexts/``.
    """

    def __init__(self, directory):
        self.config_dir = directory
        self.root = os.path.join(directory, "contexts")

    def meta_path(self, name):
        """The path of the ``meta.json`` of context ``name`` (which may not exist)."""
        return os.path.join(self.root, "meta", context_id(name), "meta.json")

    def tls_dir(self, name, endpoint=DOCKER_ENDPOINT):
        """The folder of the TLS files of one endpoint of context ``name``."""
        return os.path.join(self.root, "tls", context_id(name), endpoint)

    def get(self, name):
        """The context called ``name``.

        Args:
            name (str): The context's name.

        Returns:
            (ContextMetadata): Its docker endpoint and TLS files.

        Raises:
            StoreContextNotFound: If the store has no such context.
            EndpointResolutionError: If its ``meta.json`` cannot be read or parsed, or it
                has no docker endpoint.
        """
        path = self.meta_path(name)
        try:
            with open(path, "rb") as handle:
                raw = parse_json(handle.read())
        except FileNotFoundError:
            raise StoreContextNotFound(name, path) from None
        except ValueError as error:
            raise EndpointResolutionError(f'context "{name}": parsing {path}: {error}') from None
        except OSError as error:
            raise EndpointResolutionError(f'context "{name}": {error}') from None
        mismatch = _type_mismatch(raw)
        if mismatch:
            raise EndpointResolutionError(f'context "{name}": parsing {path}: {mismatch}')
        return self._from_raw(raw if isinstance(raw, dict) else {}, name, path)

    def list(self):
        """Every context in the store (the default context is not stored).

        Unreadable entries are skipped; a context without a docker endpoint is listed with
        an empty host.

        Returns:
            (list of ContextMetadata): Sorted by name.
        """
        meta_root = os.path.join(self.root, "meta")
        found = []
        for dirpath, _dirs, files in os.walk(meta_root):
            if "meta.json" not in files:
                continue
            path = os.path.join(dirpath, "meta.json")
            try:
                with open(path, "rb") as handle:
                    raw = parse_json(handle.read())
            except (OSError, ValueError):
                continue
            if isinstance(raw, dict) and raw.get("Name") and isinstance(raw["Name"], str):
                # The folder is already named by the context's ID: no hashing (and no
                # hashlib) to list the store, as a --context Tab press does.
                found.append(self._from_raw(raw, raw["Name"], path, need_endpoint=False,
                                            ident=os.path.basename(dirpath)))
        return sorted(found, key=lambda c: c.name)

    def _from_raw(self, raw, name, path, need_endpoint=True, ident=None):
        endpoints = raw.get("Endpoints")
        endpoint = endpoints.get(DOCKER_ENDPOINT) if isinstance(endpoints, dict) else None
        if not isinstance(endpoint, dict):
            if need_endpoint:
                raise EndpointResolutionError("cannot find docker endpoint in context")
            endpoint = {}
        metadata = raw.get("Metadata") or {}
        tls_dir = os.path.join(self.root, "tls", ident or context_id(name), DOCKER_ENDPOINT)
        files = {}
        try:
            entries = sorted(os.listdir(tls_dir))
        except OSError:
            entries = []
        for entry in entries:
            if entry in (CA_FILE, CERT_FILE, KEY_FILE):
                files[entry] = os.path.join(tls_dir, entry)
        description = metadata.get("Description") if isinstance(metadata, dict) else None
        return ContextMetadata(
            name=raw.get("Name") or name,
            # get() has refused other types; a listing shows them as absent.
            host=endpoint.get("Host") if isinstance(endpoint.get("Host"), str) else "",
            skip_tls_verify=endpoint.get("SkipTLSVerify") is True,
            description=description if isinstance(description, str) else "",
            tls_files=files,
            meta_path=path,
        )


# The Go types docker decodes meta.json into, for its "cannot unmarshal" errors.
_JSON_KINDS = {bool: "bool", int: "number", float: "number", str: "string", list: "array",
               dict: "object"}


def _type_mismatch(raw):
    """docker's ``json: cannot unmarshal ...`` for the first value of ``meta.json`` whose
    JSON type is not the one docker decodes it into (null is always accepted), or None."""

    def kind(value):
        return _JSON_KINDS.get(type(value), "value")

    if raw is None:
        return None
    if not isinstance(raw, dict):
        return f"json: cannot unmarshal {kind(raw)} into Go value of type store.untypedContextMetadata"
    for key, value in raw.items():
        if key == "Name" and value is not None and not isinstance(value, str):
            return (f"json: cannot unmarshal {kind(value)} into Go struct field "
                    "untypedContextMetadata.name of type string")
        if key == "Endpoints" and value is not None and not isinstance(value, dict):
            return (f"json: cannot unmarshal {kind(value)} into Go struct field "
                    "untypedContextMetadata.endpoints of type map[string]json.RawMessage")
    metadata = raw.get("Metadata")
    if metadata is not None and not isinstance(metadata, dict):
        return f"json: cannot unmarshal {kind(metadata)} into Go value of type map[string]interface {{}}"
    for endpoint_name, endpoint in (raw.get("Endpoints") or {}).items():
        if endpoint is None:
            continue
        if endpoint_name != DOCKER_ENDPOINT:
            if not isinstance(endpoint, dict):
                return (f"json: cannot unmarshal {kind(endpoint)} into Go value of type "
                        "map[string]interface {}")
            continue
        if not isinstance(endpoint, dict):
            return (f"json: cannot unmarshal {kind(endpoint)} into Go value of type "
                    "context.EndpointMetaBase")
        for key, value in endpoint.items():
            if key == "Host" and value is not None and not isinstance(value, str):
                return (f"json: cannot unmarshal {kind(value)} into Go struct field "
                        "EndpointMetaBase.Host of type string")
            if key == "SkipTLSVerify" and value is not None and not isinstance(value, bool):
                return (f"json: cannot unmarshal {kind(value)} into Go struct field "
                        "EndpointMetaBase.SkipTLSVerify of type bool")
    return None
