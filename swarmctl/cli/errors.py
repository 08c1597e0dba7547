"""Errors the CLI reports as one clean message and an exit code, never a traceback."""
from __future__ import annotations

from contextlib import contextmanager

from swarmctl.cli import exitcodes


class CliError(Exception):
    """Print ``message`` on stderr and exit with ``exit_code``."""

    def __init__(self, message, exit_code=exitcodes.ERROR):
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


@contextmanager
def service_refusals():
    """docker's refusals from swarmctl.service as CLI errors: its message, exit 1, or exit 2
    with Go's ``panic:`` line where the Docker CLI crashes."""
    # Imported here, not at the top: every run imports this module (--help too), and the
    # rules' errors bring Go's strconv along.
    from swarmctl.service.errors import GoPanic, SpecError

    try:
        yield
    except SpecError as error:
        raise CliError(str(error)) from None
    except GoPanic as error:
        raise CliError(error.stderr_line, exitcodes.GO_PANIC) from None


class ArgumentCountError(CliError):
    """Wrong number of positional arguments: docker's three-part message, exit 1."""

    def __init__(self, ctx, problem, hint="Run"):
        path = ctx.command_path
        usage = getattr(ctx.command, "docker_usage", None) or f"{ctx.command.name} [OPTIONS]"
        prog = ctx.find_root().info_name or "swarmctl"
        message = (
            f"{prog}: '{path}' {problem}\n\n"
            f"Usage:  {_usage_prefix(ctx)} {usage}\n\n"
            f"{hint} '{path} --help' for more information"
        )
        super().__init__(message, exitcodes.ERROR)


def _usage_prefix(ctx):
    parent = ctx.parent
    return parent.command_path if parent is not None else ctx.find_root().info_name


def usage_block(ctx):
    """The block docker appends to flag errors (exit 125)."""
    usage = getattr(ctx.command, "docker_usage", None) or f"{ctx.command.name} [OPTIONS]"
    return (
        f"\nUsage:  {_usage_prefix(ctx)} {usage}\n\n"
        f"Run '{ctx.command_path} --help' for more information"
    )


def require_arguments(ctx, args, at_least=None, exactly=None, none=False):
    """Check positional argument counts the way docker does (its words, exit 1)."""
    if none and args:
        raise ArgumentCountError(ctx, "accepts no arguments")
    if exactly is not None and len(args) != exactly:
        noun = "argument" if exactly == 1 else "arguments"
        raise ArgumentCountError(ctx, f"requires {exactly} {noun}")
    if at_least is not None and len(args) < at_least:
        noun = "argument" if at_least == 1 else "arguments"
        raise ArgumentCountError(ctx, f"requires at least {at_least} {noun}", hint="See")
