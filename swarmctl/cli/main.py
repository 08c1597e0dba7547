"""Entry point: run the click app and turn every failure into one line and an exit code.

``console_main`` is the installed ``swarmctl`` command and ``python -m swarmctl``; ``main``
and ``run`` are the same without the process-level start-up and exit savings, for callers
that stay in the process afterwards (tests, embedding).
"""
from __future__ import annotations

import atexit
import errno
import gc
import os
import sys

from swarmctl.cli import exitcodes


def _write_err(message, verbatim=False):
    if sys.stderr is None:  # started with 2>&-: nowhere to say it, the exit code still tells
        return
    try:
        sys.stderr.write((message if verbatim else message.rstrip("\n")) + "\n")
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
    # click loads in _run rather than at the top: main() prints a completion script without it.
    from swarmctl.cli import signals

    code = _flush_output(_run(argv, prog_name))
    return signals.exit_code(code)


def _flush_output(code):
    """Write what is still buffered for stdout now, while a failure can be reported."""
    if sys.stdout is None:
        return code
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()  # the reader has gone: as at any other moment (see _run)
    except OSError as error:
        from swarmctl.cli.errors import write_error_message

        _silence_stdout()
        _write_err(write_error_message(error))
        return code or exitcodes.ERROR
    except ValueError:
        pass  # stdout was closed by the embedding program
    return code


def _run(argv, prog_name):
    import click

    from swarmctl.cli.app import CommandInterrupted, OutputClosed, ResultLost, cli
    from swarmctl.cli.errors import (CliError, unexpected_error_message, usage_error_message,
                                     write_error_message)

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
        _write_err(error.message, getattr(error, "verbatim", False))
        return error.exit_code
    except (KeyboardInterrupt, CommandInterrupted):
        return exitcodes.INTERRUPTED
    except ResultLost:
        # `swarmctl update ... | true`: nobody received the result, so this is no success.
        _silence_stdout()
        return exitcodes.RESULT_LOST
    except (BrokenPipeError, OutputClosed):
        # `swarmctl ... | head`: the reader has all it wanted; docker exits 0 here too.
        _silence_stdout()
        return exitcodes.OK
    except OSError as error:
        if not _is_write_error(error):
            _write_err(unexpected_error_message(error, debug))
            return exitcodes.ERROR
        # `swarmctl ls > /dev/full`: what went wrong, in one line.
        _silence_stdout()
        _write_err(write_error_message(error))
        return exitcodes.ERROR
    except Exception as error:  # noqa: BLE001 - the one place that turns errors into lines
        _write_err(unexpected_error_message(error, debug))
        return exitcodes.ERROR


# errno values only writing can give: the output could not take what we wrote.
_WRITE_ERRNOS = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


def _is_write_error(error):
    requests = sys.modules.get("requests")
    if requests is not None and isinstance(error, requests.exceptions.RequestException):
        return False
    return error.errno in _WRITE_ERRNOS


def _click_group():
    from swarmctl.cli.app import cli

    return cli


def _write_argv_bytes_as_given():
    """A byte of argv that is not UTF-8 reaches our messages as a lone surrogate (Python's
    surrogateescape); write it back as that byte, as docker echoes its input, rather than
    as the text "\\udcff" (stderr) or a UnicodeEncodeError (stdout)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="surrogateescape")
        except (AttributeError, ValueError):
            pass  # not a text file of our own (an embedding program's stream)


def _run_or_complete(argv=None):
    if argv is None:
        _write_argv_bytes_as_given()
    # A Tab press: answer before anything else loads (see swarmctl.cli.completion).
    instruction = os.environ.get("_SWARMCTL_COMPLETE") if argv is None else None
    if instruction:
        from swarmctl.cli.completion.protocol import respond

        return respond(instruction, _click_group)
    return run(argv)


def main(argv=None):
    """Run the CLI and exit the interpreter the ordinary way."""
    from swarmctl.cli import signals

    signals.install()
    sys.exit(_run_or_complete(argv))


def console_main():
    """The ``swarmctl`` command: ``main()`` without the two costs a short run pays for nothing.

    - The cyclic garbage collector stays off while click, requests and our modules load
      (tens of thousands of long-lived objects, dozens of collections that free almost
      nothing); ``swarmctl.cli.app`` turns it back on once the engine client exists, so
      long-running commands (``logs -f``, ``wait``) collect their own garbage.
    - The interpreter's teardown (freeing every module and object one by one) is skipped:
      exit functions run (the ssh transport's clean-up), the output is flushed, then the
      process ends with ``os._exit``. bench/RESULTS.md has the measurements.
    """
    gc.disable()
    from swarmctl.cli import signals

    signals.install()
    try:
        code = _run_or_complete()
    except SystemExit as done:
        code = _exit_status(done)
    _exit_without_teardown(code)


def _exit_status(done):
    """The status the interpreter would give this SystemExit (a message goes to stderr)."""
    code = done.code
    if code is None or isinstance(code, int):
        return code or 0
    _write_err(str(code))
    return exitcodes.ERROR


def _exit_without_teardown(code):
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        if stream is None:
            continue
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):
            # The reader left: as in run(), a closed pipe is not a failure.
            pass
    os._exit(code)


if __name__ == "__main__":
    console_main()
