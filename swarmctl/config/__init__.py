"""The Docker CLI's client configuration, read the way docker reads it: stdlib only.

- :mod:`swarmctl.config.configfile`: the configuration folder (``--config``,
  ``DOCKER_CONFIG``, ``~/.docker``) and its ``config.json``,
- :mod:`swarmctl.config.contextstore`: the contexts ``docker context create`` stores,
- :mod:`swarmctl.config.hosts`: what the Docker CLI makes of ``-H`` / ``DOCKER_HOST``,
- :mod:`swarmctl.config.endpoint`: which engine to talk to, and how (the one implementation,
  used by the CLI, ``from_env()`` and shell completion),
- :mod:`swarmctl.config.errors`: the exceptions all of this raises.

Nothing here imports requests, urllib3, rich or click, nor anything from swarmctl outside
this package, so a Tab press can resolve the engine without paying for the HTTP stack. This
``__init__`` imports no submodule: each caller loads only the part it needs.
"""
