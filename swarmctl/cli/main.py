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


def run(argv=None, prog_name="swarmctl"):
    """Run the CLI and return its exit code (main() exits with it)."""
    # click loads here rather than at the top: main() prints a completion script without it.
    import click

    from swarmctl.cli.app import CommandInterrupted, OutputClosed, cli
    from swarmctl.cli.errors import CliError, unexpected_error_message, usage_error_message

    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        result = cli.main(args=argv, prog_name=prog_name, standalone_mode=False)
        return result if isinstance(result, int) else exitcodes.OK
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.UsageError as error:
        _write_err(usage_error_message(error))
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
        _write_err(unexpected_error_message(error, debug))
        return exitcodes.ERROR


def _click_group():
    from swarmctl.cli.app import cli

    return cli


def main(argv=None):
    # A Tab press: answer before anything else loads (see swarmctl.cli.completion).
    instruction = os.environ.get("_SWARMCTL_COMPLETE") if argv is None else None
    if instruction:
        from swarmctl.cli.completion.protocol import respond

        sys.exit(respond(instruction, _click_group))
    sys.exit(run(argv))


if __name__ == "__main__":
    main()
