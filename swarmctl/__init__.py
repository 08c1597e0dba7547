"""swarmctl: Docker Swarm services from Python and the shell.

The public surface mirrors docker-py's (``from_env``, ``DockerClient``, ``APIClient``,
``errors``, ``types``) so ``import swarmctl as docker`` works for services code. Everything is
loaded on first use: ``import swarmctl`` alone must stay cheap because the CLI pays for it on
every run, including each Tab press.
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"
__title__ = "swarmctl"

_LAZY_ATTRIBUTES = {
    "APIClient": ("swarmctl.api.client", "APIClient"),
    "DockerClient": ("swarmctl.client", "DockerClient"),
    "from_env": ("swarmctl.client", "from_env"),
}
_LAZY_SUBMODULES = {"api", "client", "constants", "errors", "models", "types", "utils", "transport"}


def __getattr__(name):
    if name in _LAZY_ATTRIBUTES:
        module_name, attribute = _LAZY_ATTRIBUTES[name]
        value = getattr(importlib.import_module(module_name), attribute)
        globals()[name] = value
        return value
    if name in _LAZY_SUBMODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY_ATTRIBUTES) | _LAZY_SUBMODULES)
