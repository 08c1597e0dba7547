"""The ``swarmctl`` click group: global options and lazily loaded subcommands.

Subcommand modules are imported only when that subcommand runs: ``--help`` and shell
completion of command names read the short help from ``COMMANDS`` instead.
"""
from __future__ import annotations

import importlib
import os

import click

from swarmctl.cli import exitcodes

# name -> (module, short help, docker-style usage line)
COMMANDS = {
    "create": ("swarmctl.cli.commands.create", "Create a new service",
               "create [OPTIONS] IMAGE [COMMAND] [ARG...]"),
    "update": ("swarmctl.cli.commands.update", "Update a service", "update [OPTIONS] SERVICE"),
    "scale": ("swarmctl.cli.commands.scale", "Scale one or multiple replicated services",
              "scale SERVICE=REPLICAS [SERVICE=REPLICAS...]"),
    "rollback": ("swarmctl.cli.commands.rollback", "Revert changes to a service's configuration",
                 "rollback [OPTIONS] SERVICE"),
    "rm": ("swarmctl.cli.commands.rm", "Remove one or more services", "rm SERVICE [SERVICE...]"),
    "ls": ("swarmctl.cli.commands.ls", "List services", "ls [OPTIONS]"),
    "ps": ("swarmctl.cli.commands.ps", "List the tasks of one or more services",
           "ps [OPTIONS] SERVICE [SERVICE...]"),
    "inspect": ("swarmctl.cli.commands.inspect", "Display detailed information on one or more services",
                "inspect [OPTIONS] SERVICE [SERVICE...]"),
    "logs": ("swarmctl.cli.commands.logs", "Fetch the logs of a service or task",
             "logs [OPTIONS] SERVICE|TASK"),
}
ALIASES = {"list": "ls", "remove": "rm"}


class AppContext:
    """What every command needs: where the engine is, and a client made on first use."""

    def __init__(self, host=None, debug=False):
        self.host = host
        self.debug = debug
        self._client = None

    @property
    def client(self):
        if self._client is None:
            from swarmctl.client import DockerClient

            version = os.environ.get("DOCKER_API_VERSION") or None
            if self.host:
                self._client = DockerClient(base_url=self.host, version=version)
            else:
                self._client = DockerClient.from_env(version=version)
        return self._client

    @property
    def api(self):
        return self.client.api

    def close(self):
        if self._client is not None:
            self._client.close()


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return list(COMMANDS)

    def get_command(self, ctx, cmd_name):
        name = ALIASES.get(cmd_name, cmd_name)
        if name not in COMMANDS:
            return None
        module_name, _help, usage = COMMANDS[name]
        command = importlib.import_module(module_name).command
        command.docker_usage = usage
        return command

    def resolve_command(self, ctx, args):
        # Keep the alias typed by the user out of error messages: docker shows the real name.
        name, command, rest = super().resolve_command(ctx, args)
        return (command.name if command else name), command, rest

    def format_commands(self, ctx, formatter):
        rows = [(name, short) for name, (_m, short, _u) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["--help"]},
    epilog=exitcodes.epilog(),
)
@click.option("-H", "--host", metavar="HOST", envvar=None,
              help="Daemon socket to connect to (default: $DOCKER_HOST or unix:///var/run/docker.sock)")
@click.option("-D", "--debug", is_flag=True, help="Enable debug mode (tracebacks on internal errors)")
@click.version_option(None, "-v", "--version", package_name="swarmctl", prog_name="swarmctl",
                      message="%(prog)s version %(version)s")
@click.pass_context
def cli(ctx, host, debug):
    """Manage Docker Swarm services: everything `docker service` does, for shells and scripts."""
    app = AppContext(host=host, debug=debug)
    ctx.obj = app
    ctx.call_on_close(app.close)
