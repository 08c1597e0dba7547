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


def test_lazy_attributes_resolve():
    import swarmctl

    assert swarmctl.APIClient.__name__ == "APIClient"
    assert swarmctl.from_env == swarmctl.DockerClient.from_env
    assert swarmctl.errors.NotFound.__mro__[1] is swarmctl.errors.APIError
    assert swarmctl.types.ServiceMode("global") == {"global": {}}
    with pytest.raises(AttributeError):
        swarmctl.no_such_thing
