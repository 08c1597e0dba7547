"""Which engine to talk to, and how, decided the way the Docker CLI decides it.

The one implementation, used by the CLI, ``from_env()`` and shell completion. The rules
(docker/cli ``cli/command/cli.go`` ``resolveContextName``, ``cli/flags/options.go``,
``cli/context/docker/load.go``):

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
   (:mod:`swarmctl.config.contextstore`); TLS flags and variables do not apply to it.
5. A tcp endpoint uses TLS when it has TLS material or skips verification; it verifies
   unless told to skip, trusting only its CA when it has one. unix, npipe and ssh endpoints
   ignore TLS.

Nothing here prints: a broken ``config.json`` is reported through the ``warn`` callback
(the CLI prints it, as docker does). Turning an endpoint into client settings
(``TLSConfig``) is :mod:`swarmctl.context`'s job.
"""
from __future__ import annotations

import os
from types import SimpleNamespace

from swarmctl.config.configfile import config_dir, load_config_file
from swarmctl.config.contextstore import (
    CA_FILE,
    CERT_FILE,
    DEFAULT_CONTEXT_NAME,
    KEY_FILE,
    ContextStore,
)
from swarmctl.config.errors import (
    ConflictingOptions,
    DockerException,
    EndpointResolutionError,
    UnparsableHost,
)
from swarmctl.config.hosts import check_client_url, parse_docker_host


class TLSOptions(SimpleNamespace):
    """The CLI's TLS flags; None means "not given" (the environment decides).

    Args:
        tls (bool): ``--tls``.
        verify (bool): ``--tlsverify``.
        ca_cert (str): ``--tlscacert``.
        cert (str): ``--tlscert``.
        key (str): ``--tlskey``.
    """

    def __init__(self, tls=None, verify=None, ca_cert=None, cert=None, key=None):
        super().__init__(tls=tls, verify=verify, ca_cert=ca_cert, cert=cert, key=key)


class Endpoint(SimpleNamespace):
    """Where to connect and how: what the Docker CLI calls a docker endpoint.

    Args:
        host (str): The address (``unix://``, ``tcp://``, ``ssh://``, ``npipe://``).
        context (str): The context it comes from.
        skip_tls_verify (bool): Whether TLS verification is skipped.
        ca_cert (str): The CA file, if any.
        cert (str): The client certificate file, if any.
        key (str): The client key file, if any.
    """

    def __init__(self, host, context=DEFAULT_CONTEXT_NAME, skip_tls_verify=False, ca_cert=None,
                 cert=None, key=None):
        super().__init__(host=host, context=context, skip_tls_verify=skip_tls_verify,
                         ca_cert=ca_cert, cert=cert, key=key)

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


def resolve_context_name(context=None, hosts=(), environment=None, config=None):
    """Which context a run uses (docker/cli ``resolveContextName``); not checked to exist.

    Args:
        context (str): The ``--context`` value.
        hosts (list): The ``-H`` values.
        environment (dict): Default: ``os.environ``.
        config (dict): The parsed ``config.json`` (for ``currentContext``).

    Returns:
        (str): The context's name (``default`` for the flags and environment).
    """
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

    Args:
        context (str): The ``--context`` value.
        hosts (list or str): The ``-H`` values (at most one may be given).
        tls_options (TLSOptions): The TLS flags. Default: none given.
        environment (dict): Default: ``os.environ``.
        config_directory (str): The ``--config`` value.
        use_context (bool): False considers the default context only (docker-py's
            ``use_context`` switch), unless ``context`` is given.
        warn (callable): Gets docker's warning line for a broken ``config.json``.

    Returns:
        (Endpoint): The host, the context it came from and its TLS settings.

    Raises:
        ConflictingOptions: If both ``context`` and ``hosts`` are given.
        StoreContextNotFound: If the named context is not in the store.
        EndpointResolutionError: If the context, the host or a TLS file cannot be used
            (``UnparsableHost`` when the host is no URL Go's parser takes).
    """
    environment = os.environ if environment is None else environment
    if isinstance(hosts, str):
        hosts = [hosts]
    hosts = [h for h in (hosts or ()) if h is not None]
    if context and hosts:
        raise ConflictingOptions()
    directory = config_dir(environment, override=config_directory)
    name = DEFAULT_CONTEXT_NAME
    if use_context or context:
        config = load_config_file(directory, warn)
        name = resolve_context_name(context, hosts, environment, config)
    if name == DEFAULT_CONTEXT_NAME:
        endpoint = _default_endpoint(hosts, tls_options or TLSOptions(), environment)
    else:
        endpoint = _context_endpoint(ContextStore(directory).get(name), name)
    try:
        check_client_url(endpoint.host)
    except DockerException as error:
        raise UnparsableHost(str(error)) from None
    return endpoint


def _context_endpoint(meta, name):
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
