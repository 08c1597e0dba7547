"""tests/helpers.cli_env (in-process overrides) and cli_process_env (a subprocess's whole
environment) must give swarmctl the same environment, whatever the machine running the tests set."""
import os
import pathlib

import pytest
from click.testing import CliRunner

from tests import swarmlab
from tests.conftest import ExternalEngine
from tests.helpers import AMBIENT_OUTPUT_VARIABLES, cli_env, cli_process_env


class _LabDir:
    run_id = "0"
    dir = pathlib.Path("/nonexistent/lab")


ENGINES = {"lab": lambda: swarmlab.Engine(_LabDir(), "node1", "swarmctl-node1"),
           "external": lambda: ExternalEngine("unix:///nonexistent/external.sock")}


@pytest.mark.parametrize("host", [None, "unix:///nonexistent/proxy.sock"])
@pytest.mark.parametrize("which", sorted(ENGINES))
def test_in_process_and_subprocess_environments_agree(monkeypatch, which, host):
    for key in (*AMBIENT_OUTPUT_VARIABLES, "DOCKER_CONTEXT"):
        monkeypatch.setenv(key, "1")
    monkeypatch.setenv("DOCKER_CONFIG", "/nonexistent/outside-config")
    engine = ENGINES[which]()
    with CliRunner().isolation(env=cli_env(engine, host)):
        in_process = dict(os.environ)
    whole = cli_process_env(engine, host)
    assert in_process == whole
    assert whole["DOCKER_HOST"] == (host or engine.host)
    assert whole["DOCKER_CONFIG"] == engine.env()["DOCKER_CONFIG"]
    assert whole["NO_COLOR"] == "1"
    assert not {"DOCKER_CONTEXT", *AMBIENT_OUTPUT_VARIABLES} & set(whole)
