"""The exceptions of the configuration layer, importable without requests.

These are the very classes :mod:`swarmctl.errors` exports (docker-py's names), so
``except swarmctl.errors.ContextNotFound`` catches what endpoint resolution raises. The HTTP
ones (``APIError`` and friends, which subclass requests' exceptions) live in
:mod:`swarmctl.errors` only.
"""
from __future__ import annotations


class DockerException(Exception):
    """Base of every error swarmctl raises on purpose."""


class InvalidConfigFile(DockerException):
    pass


class TLSParameterError(DockerException):
    def __init__(self, msg):
        self.msg = msg

    def __str__(self):
        return self.msg + (
            ". TLS configurations should map the Docker CLI "
            "client configurations. See "
            "https://docs.docker.com/engine/articles/https/ "
            "for API details."
        )


class ContextException(DockerException):
    def __init__(self, msg):
        self.msg = msg

    def __str__(self):
        return self.msg


class ContextNotFound(DockerException):
    def __init__(self, name):
        self.name = name

    def __str__(self):
        return f"context '{self.name}' not found"


class MissingContextParameter(DockerException):
    def __init__(self, param):
        self.param = param

    def __str__(self):
        return f"missing parameter: {self.param}"


class ContextAlreadyExists(DockerException):
    def __init__(self, name):
        self.name = name

    def __str__(self):
        return f"context {self.name} already exists"


class EndpointResolutionError(ContextException):
    """The endpoint to use could not be worked out (docker: ``unable to resolve docker
    endpoint: ...``). The CLI prints it as ``Failed to initialize: <message>``."""

    def __init__(self, msg):
        super().__init__(f"unable to resolve docker endpoint: {msg}")


class UnparsableHost(EndpointResolutionError):
    """A host the Docker CLI's client cannot parse as a URL (an IPv6 zone written ``%eth0``);
    docker says so after resolving the endpoint, so without the "unable to resolve" words:
    ``Failed to initialize: parse "...": ...``."""

    def __init__(self, msg):
        ContextException.__init__(self, msg)


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
