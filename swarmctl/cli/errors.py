"""Errors the CLI reports as one clean message and an exit code, never a traceback, and
the words docker uses for them.

``swarmctl.errors`` (and requests) load only once a client is made, so the exceptions of
the library are looked up in ``sys.modules`` instead of imported: an error of a module that
was never loaded cannot be the one being reported.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager

import click

from swarmctl.cli import exitcodes


class CliError(Exception):
    """Print ``message`` on stderr and exit with ``exit_code``."""

    def __init__(self, message, exit_code=exitcodes.ERROR, verbatim=False):
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
        # Printed as it is, then a newline, as docker prints it (an engine's message may
        # end in a newline of its own, which docker keeps).
        self.verbatim = verbatim


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


@contextmanager
def errors_exit_with(code):
    """Errors leave with ``code`` instead of 1, for commands whose exit 1 says something
    else (``update --dry-run`` and ``diff``: there are differences): a CLI error of exit 1,
    and engine and connection errors, in the words the entry point would use."""
    try:
        yield
    except CliError as error:
        if error.exit_code == exitcodes.ERROR:
            error.exit_code = code
        raise
    except Exception as error:
        config_errors = sys.modules.get("swarmctl.config.errors")
        requests = sys.modules.get("requests")
        if (config_errors is not None and isinstance(error, config_errors.DockerException)
                or requests is not None
                and isinstance(error, requests.exceptions.RequestException)):
            raise CliError(unexpected_error_message(error, debug=False), code) from None
        raise


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


def suggestions(typed, names):
    """The names a mistyped ``typed`` most likely meant, closest first (at most three).

    A name counts when it begins with what was typed, or when it is among the fewest edits
    away and that is at most one (two for words of five letters or more); an edit is a
    letter added, dropped or changed, or two neighbours swapped. Leading dashes are not
    compared: difflib's ratio counted them and offered ``--host`` for ``--bogus``.
    """
    word = typed.lstrip("-").lower()
    limit = 1 if len(word) < 5 else 2
    near, prefixed = [], []
    for name in set(names):
        bare = name.lstrip("-").lower()
        distance = _edit_distance(word, bare, limit)
        if distance <= limit:
            near.append((distance, name))
        elif len(word) >= 3 and bare.startswith(word):
            prefixed.append((distance, name))
    fewest = min((distance for distance, _ in near), default=0)
    ranked = sorted(pair for pair in near if pair[0] == fewest) + sorted(prefixed)
    return [name for _, name in ranked[:3]]


def _edit_distance(a, b, limit):
    """Optimal string alignment distance of a and b; any value above ``limit`` is limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before, previous = None, list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        row = [i]
        for j, other in enumerate(b, 1):
            cost = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (char != other))
            if i > 1 and j > 1 and char == b[j - 2] and a[i - 2] == other:
                cost = min(cost, before[j - 2] + 1)
            row.append(cost)
        before, previous = previous, row
    return min(previous[-1], limit + 1)


def _long_flags(ctx):
    """Every visible ``--name`` of ctx's command."""
    return [opt for param in ctx.command.get_params(ctx)
            if isinstance(param, click.Option) and not param.hidden
            for opt in (*param.opts, *param.secondary_opts) if opt.startswith("--")]


def usage_error_message(error):
    """docker's text for a flag or argument error click raised (exit 125)."""
    ctx = error.ctx
    if isinstance(error, click.NoSuchOption):
        name = error.option_name
        if name.startswith("--"):
            text = f"unknown flag: {name}"
        else:
            text = f"unknown shorthand flag: '{name[1:2]}' in {name}"
        close = suggestions(name, _long_flags(ctx)) if name.startswith("--") and ctx else []
        if close:  # docker's line first, then the closest flags
            text += "\n\nDid you mean this?\n" + "\n".join(f"\t{flag}" for flag in close)
    elif isinstance(error, click.BadOptionUsage) and "requires an argument" in error.message:
        name = error.option_name
        if name.startswith("--"):
            text = f"flag needs an argument: {name}"
        else:
            text = f"flag needs an argument: '{name[1:2]}' in {name}"
    else:
        text = error.format_message() if not hasattr(error, "docker_message") else error.docker_message
    if ctx is not None and ctx.command is not None and ctx.parent is not None:
        text += "\n" + usage_block(ctx)
    elif ctx is not None:
        text += f"\nSee '{ctx.command_path} --help'."
    return text


def unexpected_error_message(error, debug):
    """The line for an exception no command turned into a message: docker's words for engine,
    endpoint and connection errors, else an internal error (its traceback first, on stderr,
    under --debug)."""
    # DockerException lives in the stdlib-only config layer: endpoint resolution raises it
    # before anything has loaded swarmctl.errors (and requests).
    config_errors = sys.modules.get("swarmctl.config.errors")
    if config_errors is not None and isinstance(error, config_errors.DockerException):
        return format_docker_error(error)
    requests = sys.modules.get("requests")
    if requests is not None and isinstance(error, requests.exceptions.Timeout):
        # urllib3's text names its pool classes; say it the way docker words a failed request.
        request = getattr(error, "request", None)
        method = (getattr(request, "method", None) or "GET").capitalize()
        url = getattr(request, "url", None) or ""
        return f'error during connect: {method} "{url}": the engine did not answer in time'
    if requests is not None and isinstance(error, requests.exceptions.ChunkedEncodingError):
        # The connection closed in the middle of an answer (the engine went away, a proxy
        # dropped it): docker reads the body to its end and says so in Go's words.
        return "unexpected EOF"
    if requests is not None and isinstance(error, requests.exceptions.RequestException):
        return f"error during connect: {error}"
    if debug:
        import traceback  # only under --debug: it would cost every run a millisecond

        traceback.print_exc()
    return f"swarmctl: internal error: {type(error).__name__}: {error} (run with --debug for details)"


def write_error_message(error, done=None):
    """One line for output that could not be written (a full disk), and what ``done``
    already happened all the same (e.g. "service x was created")."""
    import os

    reason = os.strerror(error.errno) if error.errno else str(error)
    return f"write error: {reason}" + (f" ({done})" if done else "")


def format_docker_error(error):
    """How docker prints an error: engine answers as 'Error response from daemon: ...'."""
    errors = sys.modules.get("swarmctl.errors")  # not loaded when no client was made
    if errors is not None and isinstance(error, errors.APIError):
        return f"Error response from daemon: {error.explanation or error}"
    config_errors = sys.modules.get("swarmctl.config.errors")
    if config_errors is not None and isinstance(error, config_errors.EndpointResolutionError):
        # A context, -H or TLS file that cannot be used (docker's start-up failure).
        return f"Failed to initialize: {error}"
    cause = error.__cause__
    if errors is not None and isinstance(cause, errors.APIError) and "HTTP request to an HTTPS server" in str(cause.explanation):
        # Plain HTTP to a TLS port, found while negotiating the version: docker's words.
        return f"Error response from daemon: {cause.explanation}"
    return str(error)
