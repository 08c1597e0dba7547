"""Entry point: run the click app and turn every failure into one line and an exit code."""
from __future__ import annotations

import os
import sys

from swarmctl.cli import exitcodes


def _write_err(message):
    if sys.stderr is None:  # started with 2>&-: nowhere to say it, the exit code still tells
        return
    try:
        sys.stderr.write(message.rstrip("\n") + "\n")
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass


def _silence_stdout():
    """After EPIPE, point stdout at /dev/null so the interpreter's final flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _usage_error(error):
    import click

    from swarmctl.cli.errors import usage_block

    ctx = error.ctx
    if isinstance(error, click.NoSuchOption):
        name = error.option_name
        if name.startswith("--"):
            text = f"unknown flag: {name}"
        else:
            text = f"unknown shorthand flag: '{name[1:2]}' in {name}"
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


def run(argv=None, prog_name="swarmctl"):
    """Run the CLI and return its exit code (main() exits with it)."""
    import click

    from swarmctl.cli.app import CommandInterrupted, OutputClosed, cli
    from swarmctl.cli.errors import CliError

    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        result = cli.main(args=argv, prog_name=prog_name, standalone_mode=False)
        return result if isinstance(result, int) else exitcodes.OK
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.UsageError as error:
        _write_err(_usage_error(error))
        return exitcodes.USAGE
    except click.Abort:
        # Ctrl-C while click was still parsing (click has printed a newline already).
        return exitcodes.INTERRUPTED
    except CliError as error:
        _write_err(error.message)
        return error.exit_code
    except (KeyboardInterrupt, CommandInterrupted):
        return exitcodes.INTERRUPTED
    except (BrokenPipeError, OutputClosed):
        # `swarmctl ... | head`: the reader has all it wanted; docker exits 0 here too.
        _silence_stdout()
        return exitcodes.OK
    except Exception as error:  # noqa: BLE001 - the one place that turns errors into lines
        return _report_unexpected(error, debug)


def _report_unexpected(error, debug):
    # DockerException lives in the stdlib-only config layer: endpoint resolution raises it
    # before anything has loaded swarmctl.errors (and requests).
    config_errors = sys.modules.get("swarmctl.config.errors")
    if config_errors is not None and isinstance(error, config_errors.DockerException):
        _write_err(format_docker_error(error))
        return exitcodes.ERROR
    requests = sys.modules.get("requests")
    if requests is not None and isinstance(error, requests.exceptions.RequestException):
        _write_err(f"error during connect: {error}")
        return exitcodes.ERROR
    if debug:
        import traceback

        traceback.print_exc()
    _write_err(f"swarmctl: internal error: {type(error).__name__}: {error} (run with --debug for details)")
    return exitcodes.ERROR


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


def main(argv=None):
    # A Tab press: answer before anything else loads (see swarmctl.cli.complete).
    instruction = os.environ.get("_SWARMCTL_COMPLETE") if argv is None else None
    if instruction:
        from swarmctl.cli.complete import respond

        sys.exit(respond(instruction))
    sys.exit(run(argv))


if __name__ == "__main__":
    main()
