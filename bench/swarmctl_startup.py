#!/usr/bin/env python3
"""bench/swarmctl with the two start-up changes proposed for the console entry point
(issue #10), prototyped outside the package so that they can be measured before they land:

1. No cyclic garbage collection while the modules load. Importing click, requests and our
   own modules creates some 26,000 objects the collector tracks, and with the default
   thresholds it runs about 70 times on the way (and frees a few hundred). It is switched
   off at entry and switched back on (after ``gc.freeze()``, which parks everything loaded
   so far where no collection looks) once the engine client exists, so long-running
   commands (``logs -f``, ``wait``) still collect their own garbage.
2. No interpreter teardown. Once the command has returned and the exit functions have run,
   the output is flushed and the process ends with ``os._exit``: freeing every module and
   object one by one costs a short command about a sixth of its time and changes nothing
   outside the process (the exit functions, e.g. the ssh transport's clean-up, still run).

Same arguments, output and exit codes as bench/swarmctl.
"""
import atexit
import gc
import os
import sys

gc.disable()

from swarmctl.cli import app  # noqa: E402
from swarmctl.cli.main import main  # noqa: E402

_make_client = app.AppContext.client.fget


def _client_then_collector_back(self):
    client = _make_client(self)
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
    return client


app.AppContext.client = property(_client_then_collector_back)


def _exit_code(done):
    """What the interpreter would exit with for this SystemExit (message to stderr)."""
    code = done.code
    if code is None or isinstance(code, int):
        return code or 0
    print(code, file=sys.stderr)
    return 1


def _exit_without_teardown(code):
    atexit._run_exitfuncs()  # what the interpreter runs first (ssh transport clean-up)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):
            pass  # the reader is gone: docker exits 0 there too (swarmctl.cli.main)
    os._exit(code)


if __name__ == "__main__":
    try:
        main()
        status = 0
    except SystemExit as done:
        status = _exit_code(done)
    _exit_without_teardown(status)
