"""The ``swarmctl`` click group: global options and lazily loaded subcommands.

Subcommand modules are imported only when that subcommand runs: ``--help`` and shell
completion of command names read the short help from the command table instead.
"""
from __future__ import annotations

import gc
import importlib
import os
import sys

import click

from swarmctl.cli import exitcodes
from swarmctl.cli.commandtable import ALIASES, COMMANDS, EXAMPLES
from swarmctl.cli.completion import candidates
from swarmctl.cli.errors import CliError, suggestions
from swarmctl.golang.strings import to_lower


class AppContext:
    """What every command needs: where the engine is, and a client made on first use."""

    def __init__(self, host=None, debug=False, hosts=None, context=None, config_dir=None,
                 tls_options=None):
        self.hosts = tuple(hosts) if hosts else ((host,) if host else ())
        self.host = self.hosts[-1] if self.hosts else None
        self.context = context
        self.config_dir = config_dir
        self.tls_options = tls_options
        self.debug = debug
        self._client = None
        # --timeout of a waiting command: when it expires (time.monotonic()) and how long it
        # was; every request the command makes is bounded by it.
        self.deadline = None
        self.timeout_ns = None

    def start_deadline(self, timeout_ns):
        """Bound the whole command, each of its requests included, by ``--timeout``."""
        if timeout_ns is None:
            return
        import time

        self.timeout_ns = timeout_ns
        self.deadline = time.monotonic() + timeout_ns / 1e9
        if self._client is not None:
            self._client.api.request_deadline = self.deadline

    @property
    def client(self):
        if self._client is None:
            from swarmctl.client import DockerClient
            from swarmctl.context import resolve_endpoint

            # The Docker CLI's rules: -H / DOCKER_HOST / --context / DOCKER_CONTEXT /
            # currentContext, TLS flags and variables (see swarmctl.context).
            tls_options = self.tls_options
            if isinstance(tls_options, dict):
                from swarmctl.context import TLSOptions

                tls_options = TLSOptions(**tls_options)
            endpoint = resolve_endpoint(context=self.context, hosts=self.hosts,
                                        tls_options=tls_options,
                                        config_directory=self.config_dir, warn=_warn)
            version = os.environ.get("DOCKER_API_VERSION") or None
            if version is not None:
                _check_pinned_version(version)
            self._client = self._connect(DockerClient, version, endpoint.client_kwargs())
            _resume_garbage_collection()
        return self._client

    def _connect(self, client_class, version, kwargs):
        """Make the client; under --timeout the version handshake is bounded too."""
        if self.deadline is None:
            return client_class(version=version, **kwargs)
        import time

        from swarmctl import constants
        from swarmctl.errors import DeadlineExceeded

        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise DeadlineExceeded("the deadline passed before connecting")
        try:
            client = client_class(version=version, timeout=min(constants.DEFAULT_TIMEOUT_SECONDS,
                                                               remaining), **kwargs)
        except Exception as error:
            if time.monotonic() >= self.deadline - 0.05:
                raise DeadlineExceeded("no answer to the version handshake") from error
            raise
        client.api.timeout = constants.DEFAULT_TIMEOUT_SECONDS
        client.api.request_deadline = self.deadline
        return client

    @property
    def api(self):
        return self.client.api

    def api_or_failure(self):
        """``(api, None)``, or ``(None, line)`` when the engine cannot be reached at all.

        For commands that act on each of several objects: docker goes on after its version
        handshake fails, and every object then fails with the same line of its own.
        """
        from swarmctl.cli.errors import unexpected_error_message
        from swarmctl.errors import DaemonUnreachable

        try:
            return self.api, None
        except DaemonUnreachable as error:
            return None, unexpected_error_message(error, debug=False)

    def close(self):
        if self._client is not None:
            self._client.close()


LOG_LEVELS = ("panic", "fatal", "error", "warn", "warning", "info", "debug", "trace")

# Every `docker service` command needs this API version at least.
MIN_API_VERSION = "1.24"


def _go_version_parts(version):
    """docker's API version comparison: each dot-separated part as a number, 0 when it is
    not one (Go's strconv.Atoi with its error ignored)."""
    parts = []
    for part in version.split("."):
        digits = part[1:] if part[:1] in ("+", "-") else part
        parts.append(int(part) if digits.isascii() and digits.isdigit() else 0)
    return parts


def _check_pinned_version(version):
    """A DOCKER_API_VERSION that is too old (``junk`` counts as 0.0, as in docker), or that
    is not made of numbers, is refused before anything is sent: docker's message for the
    first, a clear one for the second (docker would send ``2.x`` to the engine)."""
    pinned, needed = _go_version_parts(version), _go_version_parts(MIN_API_VERSION)
    width = max(len(pinned), len(needed))
    if pinned + [0] * (width - len(pinned)) < needed + [0] * (width - len(needed)):
        path = click.get_current_context().command_path
        raise CliError(f"{path} requires API version {MIN_API_VERSION}, but the Docker daemon "
                       f"API version is {version}")
    if not all(part.isascii() and part.isdigit() for part in version.split(".")):
        raise CliError(f'invalid API version "{version}" (DOCKER_API_VERSION): '
                       "expected numbers such as 1.41")


def _resume_garbage_collection():
    """console_main keeps the collector off while modules load; what is loaded by now lives
    as long as the process, so it is frozen out of every later collection."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _warn(message):
    click.echo(message, err=True)


def _attach_context_to_usage_errors(command):
    """click raises some parse errors (a flag missing its value) without a context, but
    docker's message ends with the command's usage block, so give them the command's."""
    if getattr(command, "_usage_errors_have_context", False):
        return
    parse_args = command.parse_args

    def parse_args_with_context(ctx, args):
        try:
            return parse_args(ctx, args)
        except click.UsageError as error:
            if error.ctx is None:
                error.ctx = ctx
            raise

    command.parse_args = parse_args_with_context
    command._usage_errors_have_context = True


HELP_NAMES = ["-h", "--help"]  # docker accepts both


class CommandInterrupted(Exception):
    """Ctrl-C inside a command. Not a KeyboardInterrupt, so that click's main() lets it
    through without printing its own newline (docker prints nothing)."""


class OutputClosed(Exception):
    """The reader of our output went away (`| head`). Not an OSError, so that click's main()
    does not turn it into exit 1: docker exits 0 here."""


class ResultLost(Exception):
    """stdout closed before a create/update/scale/rollback/restart/wait could write its
    result (``swarmctl update ... | true``): exit 141, as a process killed by SIGPIPE, never
    the 0 of success."""


def _help_width(max_width):
    """The width click's HelpFormatter picks (``shutil.get_terminal_size()``: ``COLUMNS``,
    else the terminal, else 80), worked out without importing shutil, which loads bz2 and
    lzma: 2 ms of every ``--help``."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return max(min(columns or 80, max_width or 80) - 2, 50)


class _Context(click.Context):
    """A context whose help width is known before click would import shutil to find it;
    subcommand contexts inherit it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.terminal_width is None:
            self.terminal_width = _help_width(self.max_content_width)


class LazyGroup(click.Group):
    context_class = _Context

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as interrupt:
            raise CommandInterrupted() from interrupt
        except BrokenPipeError as closed:
            raise OutputClosed() from closed
        except Exception as error:
            errors = sys.modules.get("swarmctl.errors")
            if errors is None or not isinstance(error, errors.DeadlineExceeded):
                raise
            # --timeout expired while the engine kept a request unanswered.
            from swarmctl.golang.time import format_duration

            app = ctx.obj
            raise CliError(f"timed out after {format_duration(app.timeout_ns)}: the engine did "
                           "not answer in time (what was sent may still take effect)",
                           exitcodes.TIMED_OUT) from None

    def list_commands(self, ctx):
        return list(COMMANDS)

    def get_command(self, ctx, cmd_name):
        name = ALIASES.get(cmd_name, cmd_name)
        if name not in COMMANDS:
            return None
        module_name, _help, usage = COMMANDS[name]
        command = importlib.import_module(module_name).command
        command.docker_usage = usage
        # Each command's --help ends with examples and the exit codes it can return.
        command.epilog = examples_epilog(name) + exitcodes.epilog(name)
        # -h, also when a command module is run on its own (tests, embedding); click keeps
        # the help option it made first, so one made with other names is dropped.
        command.context_settings = {**command.context_settings, "help_option_names": HELP_NAMES}
        made = getattr(command, "_help_option", None)
        if made is not None and list(made.opts) != HELP_NAMES:
            command._help_option = None
        _attach_context_to_usage_errors(command)
        return command

    def resolve_command(self, ctx, args):
        typed = args[0] if args else ""
        if (not ctx.resilient_parsing and typed and not typed.startswith("-")
                and ALIASES.get(typed, typed) not in COMMANDS):
            raise unknown_command(ctx, typed)
        # Keep the alias typed by the user out of error messages: docker shows the real name.
        name, command, rest = super().resolve_command(ctx, args)
        return (command.name if command else name), command, rest

    def shell_complete(self, ctx, incomplete):
        # click's Group.shell_complete calls get_command() for every name (importing every
        # subcommand module); the short help in COMMANDS is all a Tab press needs.
        items = candidates.command_names(incomplete)
        items.extend(click.Command.shell_complete(self, ctx, incomplete))
        return items

    def format_commands(self, ctx, formatter):
        rows = [(name, short) for name, (_m, short, _u) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def examples_epilog(name):
    """The examples of a command for its --help ("\\b" keeps click from re-wrapping them)."""
    if name not in EXAMPLES:
        return ""
    lines = ["\b", "Examples:"]
    for command_line, meaning in EXAMPLES[name]:
        lines += [f"  {command_line}", f"      {meaning}"]
    return "\n".join(lines) + "\n\n"


def unknown_command(ctx, typed):
    """cobra's words for a command that does not exist, with the closest names; exit 1 as
    ``docker service lss`` does."""
    prog = ctx.find_root().info_name or "swarmctl"
    message = f'unknown command "{typed}" for "{prog}"'
    close = suggestions(typed, [*COMMANDS, *ALIASES])
    if close:
        message += "\n\nDid you mean this?\n" + "".join(f"\t{name}\n" for name in close)
    else:
        message += "\n"
    return CliError(f"{message}\nRun '{prog} --help' for more information", exitcodes.ERROR)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": HELP_NAMES},
    epilog=exitcodes.epilog(),
    # Bare `swarmctl` prints the help and exits 0, as `docker service` does.
    invoke_without_command=True,
    no_args_is_help=False,
    subcommand_metavar="COMMAND [ARGS]...",
)
@click.option("--config", "config_dir", metavar="string", shell_complete=candidates.directories,
              help='Location of client config files (default "$DOCKER_CONFIG" or "~/.docker")')
@click.option("-c", "--context", metavar="string", shell_complete=candidates.contexts,
              help="Name of the context to use to connect to the daemon (overrides DOCKER_HOST "
                   'env var and default context set with "docker context use")')
@click.option("-D", "--debug", is_flag=True, help="Enable debug mode (tracebacks on internal errors)")
@click.option("-H", "--host", "hosts", metavar="HOST", multiple=True,
              shell_complete=candidates.engine_hosts,
              help="Daemon socket to connect to (default: $DOCKER_HOST or unix:///var/run/docker.sock)")
@click.option("-l", "--log-level", metavar="string", default="info",
              shell_complete=candidates.log_levels,
              help='Set the logging level ("debug", "info", "warn", "error", "fatal") '
                   '(default "info")')
@click.option("--tls", is_flag=True, default=None, help="Use TLS; implied by --tlsverify")
@click.option("--tlscacert", metavar="string", shell_complete=candidates.files,
              help='Trust certs signed only by this CA (default "$DOCKER_CERT_PATH/ca.pem")')
@click.option("--tlscert", metavar="string", shell_complete=candidates.files,
              help='Path to TLS certificate file (default "$DOCKER_CERT_PATH/cert.pem")')
@click.option("--tlskey", metavar="string", shell_complete=candidates.files,
              help='Path to TLS key file (default "$DOCKER_CERT_PATH/key.pem")')
@click.option("--tlsverify", is_flag=True, default=None, help="Use TLS and verify the remote")
@click.version_option(None, "-v", "--version", package_name="swarmctl", prog_name="swarmctl",
                      message="%(prog)s version %(version)s")
@click.pass_context
def cli(ctx, config_dir, context, debug, hosts, log_level, tls, tlscacert, tlscert, tlskey,
        tlsverify):
    """Manage Docker Swarm services: everything `docker service` does, for shells and scripts."""
    # docker's logging levels (logrus's names, any case). swarmctl writes no log lines at
    # any level, so a valid level changes nothing; an invalid one is refused as docker does,
    # and an empty one is docker's default (info).
    if log_level and to_lower(log_level) not in LOG_LEVELS:
        raise CliError(f"Unable to parse logging level: {log_level}")
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())
        ctx.exit(exitcodes.OK)
    if context and hosts:
        raise CliError("conflicting options: cannot specify both --host and --context")
    # Plain values: swarmctl.context (and requests) load only when a client is made.
    tls_options = {"tls": tls, "verify": tlsverify, "ca_cert": tlscacert, "cert": tlscert,
                   "key": tlskey}
    app = AppContext(hosts=hosts, debug=debug, context=context, config_dir=config_dir,
                     tls_options=tls_options)
    ctx.obj = app
    ctx.call_on_close(app.close)
