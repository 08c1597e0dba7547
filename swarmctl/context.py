"""Which engine to talk to, for the library and the command line (docker-py's face).

The rules are the Docker CLI's and live in the stdlib-only configuration layer
(:mod:`swarmctl.config.endpoint`, where they are written down); this module adds what a
client needs on top: :meth:`Endpoint.tls_config` and :meth:`Endpoint.client_kwargs` build
the :class:`swarmctl.tls.TLSConfig` and keyword arguments for ``APIClient`` and
``DockerClient``. The names the library has always exported from here stay importable.
"""
from __future__ import annotations

from swarmctl.config import endpoint as resolution
from swarmctl.config.configfile import CONFIG_FILE_NAME, config_dir, load_config_file
from swarmctl.config.contextstore import (
    CA_FILE,
    CERT_FILE,
    DEFAULT_CONTEXT_NAME,
    DOCKER_ENDPOINT,
    KEY_FILE,
    ContextMetadata,
    ContextStore,
    context_id,
)
from swarmctl.config.endpoint import TLSOptions, resolve_context_name
from swarmctl.config.errors import (
    ConflictingOptions,
    EndpointResolutionError,
    StoreContextNotFound,
)
from swarmctl.tls import TLSConfig

__all__ = [
    "CA_FILE", "CERT_FILE", "CONFIG_FILE_NAME", "ConflictingOptions", "ContextMetadata",
    "ContextStore", "DEFAULT_CONTEXT_NAME", "DOCKER_ENDPOINT", "Endpoint",
    "EndpointResolutionError", "KEY_FILE", "StoreContextNotFound", "TLSOptions", "config_dir",
    "context_id", "load_config_file", "resolve_context_name", "resolve_endpoint",
]


class Endpoint(resolution.Endpoint):
    """A resolved endpoint that can make its client settings."""

    def tls_config(self):
        """The TLS settings of this endpoint.

        Returns:
            (TLSConfig or bool): A :class:`swarmctl.tls.TLSConfig`, or False for plain HTTP.

        Raises:
            TLSParameterError: If a certificate or key file is missing.
        """
        if not self.uses_tls:
            return False
        client_cert = (self.cert, self.key) if self.cert and self.key else None
        return TLSConfig(client_cert=client_cert, ca_cert=self.ca_cert,
                         verify=not self.skip_tls_verify)

    def client_kwargs(self):
        """``base_url``/``tls`` keyword arguments for APIClient and DockerClient.

        Returns:
            (dict): ``{"base_url": ..., "tls": ...}``.
        """
        return {"base_url": self.host or None, "tls": self.tls_config()}


def resolve_endpoint(context=None, hosts=(), tls_options=None, environment=None,
                     config_directory=None, use_context=True, warn=None):
    """The endpoint the Docker CLI would use with these flags in this environment.

    Args and rules as :func:`swarmctl.config.endpoint.resolve_endpoint`.

    Returns:
        (Endpoint): The endpoint, able to make its client settings.

    Raises:
        ConflictingOptions: If both ``context`` and ``hosts`` are given.
        StoreContextNotFound: If the named context is not in the store.
        EndpointResolutionError: If the context, the host or a TLS file cannot be used.
    """
    found = resolution.resolve_endpoint(
        context=context, hosts=hosts, tls_options=tls_options, environment=environment,
        config_directory=config_directory, use_context=use_context, warn=warn)
    return Endpoint(**vars(found))
