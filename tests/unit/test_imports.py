"""Start-up cost guards: which heavy modules each entry point imports (not a timing test)."""
import subprocess
import sys

import pytest

HEAVY = ("requests", "urllib3", "rich", "requests_unixsocket", "docker")


def _imported_after(code):
    """The heavy modules loaded after running code, reported on the last line of stdout."""
    report = f"print('HEAVY=' + ','.join(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    script = f"import sys\n{code}\n{report}"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return result.stdout.rstrip("\n").splitlines()[-1].removeprefix("HEAVY=")


@pytest.mark.parametrize("code", [
    "import swarmctl",
    "import swarmctl.types",
    "import swarmctl.utils.convert",
    "import swarmctl.cli.app",
    "from swarmctl.cli.main import run\ntry:\n    run(['--help'])\nexcept SystemExit:\n    pass",
])
def test_light_entry_points_import_nothing_heavy(code):
    assert _imported_after(code) == ""


CONFIG_MODULES = ("swarmctl.config", "swarmctl.config.configfile", "swarmctl.config.contextstore",
                  "swarmctl.config.endpoint", "swarmctl.config.errors", "swarmctl.config.hosts")


@pytest.mark.parametrize("module", CONFIG_MODULES)
def test_config_layer_is_stdlib_only(module):
    # Completion resolves the engine with it: no HTTP stack, no terminal, no click, and
    # nothing of swarmctl outside the layer.
    script = (f"import sys\nimport {module}\n"
              "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in "
              "('requests', 'urllib3', 'rich', 'click') or m.startswith('swarmctl.') "
              "and not m.startswith('swarmctl.config'))))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_lazy_attributes_resolve():
    import swarmctl

    assert swarmctl.APIClient.__name__ == "APIClient"
    assert swarmctl.from_env == swarmctl.DockerClient.from_env
    assert swarmctl.errors.NotFound.__mro__[1] is swarmctl.errors.APIError
    assert swarmctl.types.ServiceMode("global") == {"global": {}}
    with pytest.raises(AttributeError):
        swarmctl.no_such_thing


# -- swarmctl --help, swarmctl ls | cat, and a Tab press, as separate processes ---------------
#
# Each runs the real entry point (swarmctl.cli.main.main) in a fresh interpreter whose stdout
# is a pipe, and reports the modules it loaded beyond what the interpreter had at start.

_ENTRY = """
import os, sys
_before = set(sys.modules)
from swarmctl.cli.main import main
try:
    main()
except SystemExit:
    pass
sys.stdout.flush()
_new = sorted(set(sys.modules) - _before)
sys.stdout.write("\\nMODULES=" + ",".join(_new) + "\\n")
"""

# Loaded only to draw on a terminal, or to make a request with requests.
RICH = ("rich",)
REQUESTS = ("requests", "urllib3", "requests_unixsocket", "charset_normalizer", "idna", "certifi")
STDLIB_HTTP = ("http.client", "email", "ssl")


def _run_entry(argv, env):
    import os

    environment = {k: v for k, v in os.environ.items()
                   if not k.startswith(("DOCKER_", "COMP_", "_SWARMCTL", "SWARMCTL_", "TTY_"))}
    environment.update(env)
    result = subprocess.run([sys.executable, "-c", _ENTRY, *argv], capture_output=True,
                            text=True, env=environment, timeout=60)
    output, _, modules = result.stdout.rpartition("\nMODULES=")
    return output, result.stderr, set(filter(None, modules.strip().split(",")))


def _top(modules):
    return {name.split(".")[0] for name in modules}


class _FakeEngine:
    """A unix-socket engine that answers /version and lists no services, tasks or nodes."""

    def __init__(self, path):
        import http.server
        import socketserver
        import threading

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802 - http.server's name
                if self.path.endswith("/version"):
                    body = b'{"ApiVersion":"1.41","MinAPIVersion":"1.12","Version":"20.10.24"}'
                elif self.path.endswith("/_ping"):
                    body = b"OK"
                else:
                    body = b"[]"
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Api-Version", "1.41")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def address_string(self):
                return "unix"

            def log_message(self, *args):
                pass

        self.server = socketserver.ThreadingUnixStreamServer(str(path), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake_engine(tmp_path):
    engine = _FakeEngine(tmp_path / "engine.sock")
    yield f"unix://{tmp_path / 'engine.sock'}"
    engine.close()


def test_help_loads_no_subcommand_and_nothing_heavy():
    output, _, modules = _run_entry(["--help"], {})
    assert "Commands:" in output
    assert not _top(modules) & {*HEAVY, *REQUESTS}
    assert not {m for m in modules if m.startswith("swarmctl.cli.commands.")}


def test_ls_piped_loads_no_rich(fake_engine):
    output, stderr, modules = _run_entry(["ls"], {"DOCKER_HOST": fake_engine})
    assert output.split() == ["ID", "NAME", "MODE", "REPLICAS", "IMAGE", "PORTS"], stderr
    assert not _top(modules) & {*RICH, "docker"}
    # requests loads because a request is made (swarmctl's transport); nothing else heavy.
    assert {m for m in modules if m.startswith("swarmctl.cli.commands.")} == {"swarmctl.cli.commands.ls"}


@pytest.mark.parametrize("line, command, asks_engine", [
    ("swarmctl ", None, False),                   # command names: from the lazy table
    ("swarmctl update --", "update", False),      # flag names
    ("swarmctl create --mode ", "create", False), # a fixed list
    ("swarmctl rm ", "rm", True),                 # live names: one request, bare socket
    ("swarmctl create --secret ", "create", True),
])
def test_completion_loads_nothing_heavy(fake_engine, line, command, asks_engine):
    output, stderr, modules = _run_entry([], {"DOCKER_HOST": fake_engine, "COMP_LINE": line,
                                              "_SWARMCTL_COMPLETE": "bash_complete"})
    assert stderr == ""
    assert output.strip() or asks_engine
    assert not _top(modules) & {*HEAVY, *REQUESTS, *RICH}
    assert not {m for m in modules if m.startswith(STDLIB_HTTP)}
    assert not {m for m in modules if m.startswith(("swarmctl.context", "swarmctl.errors",
                                                     "swarmctl.client", "swarmctl.api",
                                                     "swarmctl.output.richtables"))}
    # only the module of the command being completed
    commands = {m for m in modules if m.startswith("swarmctl.cli.commands.")}
    assert commands == ({f"swarmctl.cli.commands.{command}"} if command else set())
    if not asks_engine:
        assert "socket" not in modules, "completing a fixed word must not talk to the engine"


# What each entry point may load of the heavy modules, piped (rich only draws on a terminal).
# requests and its family load for exactly the commands that ask the engine something.
_WITH_REQUESTS = {"requests", "urllib3", "requests_unixsocket"}


@pytest.mark.parametrize("argv, heavy", [
    (["--help"], set()),
    (["ls", "--help"], set()),
    (["create", "--help"], set()),
    (["ls"], _WITH_REQUESTS),
    (["ps", "nosuchservice"], _WITH_REQUESTS),
    (["inspect", "nosuchservice"], _WITH_REQUESTS),
    (["logs", "nosuchservice"], _WITH_REQUESTS),
    (["create", "--dry-run", "busybox:local"], _WITH_REQUESTS),
])
def test_heavy_modules_per_entry_point(fake_engine, argv, heavy):
    _output, stderr, modules = _run_entry(argv, {"DOCKER_HOST": fake_engine})
    assert "Traceback" not in stderr
    assert _top(modules) & {*HEAVY, *REQUESTS} - {"charset_normalizer", "idna", "certifi"} == heavy
