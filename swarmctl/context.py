"""Which engine to talk to, decided the way the Docker CLI decides it.

Shared by ``from_env()`` and the command line. The rules (docker/cli ``cli/command/cli.go``
``resolveContextName``, ``cli/flags/options.go``, ``cli/context/docker/load.go``):

1. ``--context`` together with ``-H`` is an error (``conflicting options: ...``).
2. The context is ``--context``; else ``default`` when ``-H`` or a non-empty ``DOCKER_HOST``
   is given; else ``DOCKER_CONTEXT``; else ``currentContext`` of ``config.json``; else
   ``default``. A named context that is not in the store is an error, even when
   ``config.json`` names it.
3. The ``default`` context is ``-H``, else ``DOCKER_HOST``, else ``unix:///var/run/docker.sock``
   (``tcp://localhost:2376`` when TLS is on), with TLS from the flags and environment:
   ``--tls``/``DOCKER_TLS`` turn it on without verification, ``--tlsverify``/
   ``DOCKER_TLS_VERIFY`` turn it on with verification; the files are ``--tlscacert``/
   ``--tlscert``/``--tlskey``, by default ``ca.pem``/``cert.pem``/``key.pem`` in
   ``DOCKER_CERT_PATH`` or else the configuration folder (``DOCKER_CONFIG``, else
   ``~/.docker``). The CA must exist; a missing default cert or key is skipped.
4. A named context takes its host, ``SkipTLSVerify`` and TLS files from the store
   (``contexts/meta/<sha256(name)>/meta.json``, ``contexts/tls/<sha256(name)>/docker/``);
   TLS flags and variables do not apply to it.
5. A tcp endpoint uses TLS when it has TLS material or skips verification; it verifies
   unless told to skip, trusting only its CA when it has one. unix, npipe and ssh endpoints
   ignore TLS.

Everything here is stdlib-only except the exceptions, and the library never prints: a
broken ``config.json`` is reported through the ``warn`` callback (the CLI prints it, as
docker does).
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field

from swarmctl.errors import ContextException, ContextNotFound

DEFAULT_CONTEXT_NAME = "default"
DOCKER_ENDPOINT = "docker"
CONFIG_FILE_NAME = "config.json"
CA_FILE, CERT_FILE, KEY_FILE = "ca.pem", "cert.pem", "key.pem"


class EndpointResolutionError(ContextException):
    """The endpoint to use could not be worked out (docker: ``unable to resolve docker
    endpoint: ...``). The CLI prints it as ``Failed to initialize: <message>``."""

    def __init__(self, msg):
        super().__init__(f"unable to resolve docker endpoint: {msg}")


class StoreContextNotFound(ContextNotFound, EndpointResolutionError):
    """A context name that is not in the store (``DOCKER_CONTEXT``, ``--context`` or
    ``currentContext``)."""

    def __init__(self, name, meta_path):
        ContextNotFound.__init__(self, name)
        self.meta_path = meta_path
        self.msg = (f'unable to resolve docker endpoint: context "{name}": context not found: '
                    f"open {meta_path}: no such file or directory")

    def __str__(self):
        return self.msg


class ConflictingOptions(ContextException):
    """``-H`` and ``--context`` together."""

    def __init__(self):
        super().__init__("conflicting options: cannot specify both --host and --context")


# -- the configuration folder and config.json ------------------------------------------------

def config_dir(environment=None):
    """``DOCKER_CONFIG``, else ``~/.docker`` (docker/cli ``config.Dir``)."""
    environment = os.environ if environment is None else environment
    return environment.get("DOCKER_CONFIG") or os.path.join(os.path.expanduser("~"), ".docker")


def load_config_file(directory, warn=None):
    """The parsed ``config.json`` of a configuration folder, ``{}`` when absent.

    A file that cannot be read or parsed counts as empty; ``warn`` gets docker's line for it
    (``WARNING: Error parsing config file (PATH): ...``).
    """
    path = os.path.join(directory, CONFIG_FILE_NAME)
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        return {}
    except OSError as error:
        if warn:
            warn(f"WARNING: Error loading config file: {path}: {error.strerror or error}")
        return {}
    try:
        config = json.loads(data) if data.strip() else {}
    except ValueError as error:
        if warn:
            reason = "unexpected EOF" if "Expecting" in str(error) and error.pos >= len(data.rstrip()) \
                else str(error)
            warn(f"WARNING: Error parsing config file ({path}): {reason}")
        return {}
    return config if isinstance(config, dict) else {}


# -- the context store -----------------------------------------------------------------------

def context_id(name):
    """The folder name docker uses for a context: the hex SHA-256 of its name."""
    return hashlib.sha256(name.encode("utf-8")).hexdigest()


@dataclass
class ContextMetadata:
    """One context of the store, with the paths of its docker endpoint's TLS files."""

    name: str
    host: str = ""
    skip_tls_verify: bool = False
    description: str = ""
    tls_files: dict = field(default_factory=dict)  # "ca.pem" -> absolute path
    meta_path: str = ""


class ContextStore:
    """Read-only view of a Docker CLI context store (``<config dir>/contexts``)."""

    def __init__(self, directory):
        self.config_dir = directory
        self.root = os.path.join(directory, "contexts")

    def meta_path(self, name):
        return os.path.join(self.root, "meta", context_id(name), "meta.json")

    def tls_dir(self, name, endpoint=DOCKER_ENDPOINT):
        return os.path.join(self.root, "tls", context_id(name), endpoint)

    def get(self, name):
        """The context called ``name``; StoreContextNotFound when it is not there."""
        path = self.meta_path(name)
        try:
            with open(path, "rb") as handle:
                raw = json.loads(handle.read())
        except FileNotFoundError:
            raise StoreContextNotFound(name, path) from None
        except ValueError as error:
            raise EndpointResolutionError(f"parsing {path}: {error}") from None
        except OSError as error:
            raise EndpointResolutionError(f'context "{name}": {error}') from None
        return self._from_raw(raw if isinstance(raw, dict) else {}, name, path)

    def list(self):
        """Every context in the store, sorted by name (the default context is not stored)."""
        meta_root = os.path.join(self.root, "meta")
        found = []
        for dirpath, _dirs, files in os.walk(meta_root):
            if "meta.json" not in files:
                continue
            path = os.path.join(dirpath, "meta.json")
            try:
                with open(path, "rb") as handle:
                    raw = json.loads(handle.read())
            except (OSError, ValueError):
                continue
            if isinstance(raw, dict) and raw.get("Name"):
                found.append(self._from_raw(raw, raw["Name"], path))
        return sorted(found, key=lambda c: c.name)

    def _from_raw(self, raw, name, path):
        endpoint = (raw.get("Endpoints") or {}).get(DOCKER_ENDPOINT)
        if not isinstance(endpoint, dict):
            raise EndpointResolutionError("cannot find docker endpoint in context")
        metadata = raw.get("Metadata") or {}
        tls_dir = self.tls_dir(name)
        files = {}
        try:
            entries = sorted(os.listdir(tls_dir))
        except OSError:
            entries = []
        for entry in entries:
            if entry in (CA_FILE, CERT_FILE, KEY_FILE):
                files[entry] = os.path.join(tls_dir, entry)
        return ContextMetadata(
            name=raw.get("Name") or name,
            host=endpoint.get("Host") or "",
            skip_tls_verify=bool(endpoint.get("SkipTLSVerify")),
            description=metadata.get("Description", "") if isinstance(metadata, dict) else "",
            tls_files=files,
            meta_path=path,
        )


# -- resolution ------------------------------------------------------------------------------

@dataclass
class TLSOptions:
    """The CLI's TLS flags; None means "not given" (the environment decides)."""

    tls: bool | None = None
    verify: bool | None = None
    ca_cert: str | None = None
    cert: str | None = None
    key: str | None = None


@dataclass
class Endpoint:
    """Where to connect and how: what the Docker CLI calls a docker endpoint."""

    host: str
    context: str = DEFAULT_CONTEXT_NAME
    skip_tls_verify: bool = False
    ca_cert: str | None = None
    cert: str | None = None
    key: str | None = None

    @property
    def has_tls_material(self):
        return bool(self.ca_cert or self.cert or self.key)

    @property
    def uses_tls(self):
        """TLS applies to tcp endpoints with TLS material or with verification skipped."""
        proto = self.host.partition("://")[0] if "://" in self.host else "tcp"
        if proto in ("unix", "npipe", "fd", "ssh"):
            return False
        return self.has_tls_material or self.skip_tls_verify

    def tls_config(self):
        """A :class:`swarmctl.tls.TLSConfig` for this endpoint, or False for plain HTTP."""
        if not self.uses_tls:
            return False
        from swarmctl.tls import TLSConfig

        client_cert = (self.cert, self.key) if self.cert and self.key else None
        return TLSConfig(client_cert=client_cert, ca_cert=self.ca_cert,
                         verify=not self.skip_tls_verify)

    def client_kwargs(self):
        """``base_url``/``tls`` keyword arguments for APIClient and DockerClient."""
        return {"base_url": self.host or None, "tls": self.tls_config()}


def resolve_context_name(context=None, hosts=(), environment=None, config=None):
    """docker/cli ``resolveContextName``: which context a run uses (not checked to exist)."""
    environment = os.environ if environment is None else environment
    if context:
        return context
    if hosts:
        return DEFAULT_CONTEXT_NAME
    if environment.get("DOCKER_HOST"):
        return DEFAULT_CONTEXT_NAME
    if environment.get("DOCKER_CONTEXT"):
        return environment["DOCKER_CONTEXT"]
    if config and isinstance(config.get("currentContext"), str) and config["currentContext"]:
        return config["currentContext"]
    return DEFAULT_CONTEXT_NAME


def resolve_endpoint(context=None, hosts=(), tls_options=None, environment=None,
                     config_directory=None, use_context=True, warn=None):
    """The endpoint the Docker CLI would use with these flags in this environment.

    ``hosts`` are the ``-H`` values (at most one), ``context`` the ``--context`` value,
    ``config_directory`` the ``--config`` value; ``environment`` defaults to ``os.environ``.
    With ``use_context=False`` only the default context is considered.
    """
    environment = os.environ if environment is None else environment
    if isinstance(hosts, str):
        hosts = [hosts]
    hosts = [h for h in (hosts or ()) if h is not None]
    if context and hosts:
        raise ConflictingOptions()
    directory = config_directory or config_dir(environment)
    name = DEFAULT_CONTEXT_NAME
    if use_context or context:
        config = load_config_file(directory, warn)
        name = resolve_context_name(context, hosts, environment, config)
    if name == DEFAULT_CONTEXT_NAME:
        return _default_endpoint(hosts, tls_options or TLSOptions(), environment)
    meta = ContextStore(directory).get(name)
    files = meta.tls_files
    return Endpoint(
        host=meta.host,
        context=name,
        skip_tls_verify=meta.skip_tls_verify,
        ca_cert=files.get(CA_FILE),
        cert=files.get(CERT_FILE),
        key=files.get(KEY_FILE),
    )


def _default_endpoint(hosts, options, environment):
    from swarmctl.utils.hosts import parse_docker_host

    tls_on = options.tls if options.tls is not None else bool(environment.get("DOCKER_TLS"))
    verify = options.verify if options.verify is not None else bool(environment.get("DOCKER_TLS_VERIFY"))
    # Giving --tlsverify at all (even =false) turns TLS on, as does DOCKER_TLS_VERIFY.
    if options.verify is not None or verify:
        tls_on = True

    if len(hosts) > 1:
        raise EndpointResolutionError("Specify only one -H")
    try:
        host = parse_docker_host(hosts[0] if hosts else environment.get("DOCKER_HOST"),
                                 default_to_tls=tls_on)
    except Exception as error:  # DockerException with docker's words
        raise EndpointResolutionError(str(error)) from None

    endpoint = Endpoint(host=host)
    if not tls_on:
        return endpoint
    # docker reads DOCKER_CERT_PATH (else the config folder from DOCKER_CONFIG, not --config).
    cert_dir = environment.get("DOCKER_CERT_PATH") or config_dir(environment)
    ca = options.ca_cert if options.ca_cert is not None else os.path.join(cert_dir, CA_FILE)
    cert = options.cert if options.cert is not None else os.path.join(cert_dir, CERT_FILE)
    key = options.key if options.key is not None else os.path.join(cert_dir, KEY_FILE)
    if options.cert is None and not os.path.exists(cert):
        cert = ""
    if options.key is None and not os.path.exists(key):
        key = ""
    for path in (ca, cert, key):
        if path and not os.path.isfile(path):
            reason = "no such file or directory" if not os.path.exists(path) else "is a directory"
            raise EndpointResolutionError(f"open {path}: {reason}")
    endpoint.skip_tls_verify = not verify
    endpoint.ca_cert, endpoint.cert, endpoint.key = ca or None, cert or None, key or None
    return endpoint
