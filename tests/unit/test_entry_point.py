"""The installed command (``console_main``): same bytes and exit codes as ``main``, exit
functions still run, and the collector comes back once a client exists."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest


def _python(code, *args, env=None):
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env=env, timeout=60)


@pytest.mark.parametrize("args, status", [
    (["--help"], 0),
    (["ls", "--help"], 0),
    (["--bogus"], 125),
    (["-H", "unix:///nonexistent.sock", "ls", "extra"], 1),
    (["-H", "unix:///nonexistent.sock", "ls"], 1),
])
def test_console_main_matches_main(args, status):
    console = _python("from swarmctl.cli.main import console_main; console_main()", *args)
    plain = _python("import sys; from swarmctl.cli.main import main; sys.argv[0] = 'swarmctl'; main()",
                    *args)
    assert console.returncode == plain.returncode == status
    assert console.stdout == plain.stdout
    assert console.stderr == plain.stderr


def test_exit_functions_run_and_output_is_flushed():
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: sys.stdout.write('exit functions ran\\n'))\n"
        "from swarmctl.cli.main import console_main\n"
        "console_main()\n"
    )
    result = _python(code, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("Usage: ")
    assert result.stdout.endswith("exit functions ran\n")


def test_a_closed_pipe_is_not_a_failure():
    # `swarmctl --help | head -1`: the reader leaves before the help is written out.
    reader = subprocess.Popen(["head", "-c", "1"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    writer = subprocess.run([sys.executable, "-m", "swarmctl", "--help"], stdout=reader.stdin,
                            stderr=subprocess.PIPE, text=True, timeout=60)
    reader.stdin.close()
    reader.wait(timeout=60)
    assert writer.returncode == 0
    assert "Traceback" not in writer.stderr


def test_the_collector_comes_back_with_the_client():
    code = (
        "import gc\n"
        "gc.disable()\n"
        "from swarmctl.cli.app import AppContext\n"
        "app = AppContext(hosts=['unix:///nonexistent.sock'])\n"
        "before = gc.isenabled()\n"
        "app.client\n"
        "print(before, gc.isenabled(), gc.get_freeze_count() > 0)\n"
    )
    # A fixed API version: making the client asks the engine nothing.
    result = _python(code, env={**os.environ, "DOCKER_API_VERSION": "1.41"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "True"]


def test_bytes_of_argv_that_are_not_utf8_are_written_back_as_given():
    # docker echoes the value's own bytes; Python would write "\udcff" (tests/fuzz/differential.py)
    result = subprocess.run([sys.executable, "-m", "swarmctl", "create", "--dry-run",
                             b"--env==\xff", "busybox"], capture_output=True, timeout=60)
    assert result.returncode == 125
    assert result.stderr.splitlines()[0] == (
        b'invalid argument "=\\xff" for "-e, --env" flag: invalid environment variable: =\xff')
