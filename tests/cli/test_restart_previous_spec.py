"""What restart --help and the README say about PreviousSpec: after restart --parallelism/
--delay, the engine's one PreviousSpec holds the temporary UpdateConfig, so a later rollback
returns to it (#12 item 9)."""
from __future__ import annotations

import json

import pytest

from tests.helpers import FAST, docker_create

pytestmark = pytest.mark.engine


def update_config(engine, name):
    spec = json.loads(engine.docker("service", "inspect", name).stdout)[0]["Spec"]
    config = spec["UpdateConfig"]
    return config["Parallelism"], config.get("Delay", 0)


def test_rollback_after_an_overriding_restart_returns_to_the_temporary_config(engine, cli, names):
    name = names("prev")
    # No replicas: the rollout converges at once, and the spec writes are what is tested.
    docker_create(engine, name, "--replicas", "0", "--update-parallelism", "1",
                  "--update-delay", "0s", *FAST)
    result = cli("restart", "--parallelism", "3", "--delay", "7s", name)
    assert result.code == 0, result.stderr
    assert update_config(engine, name) == (1, 0)            # put back after the rollout
    result = cli("rollback", "-d", name)
    assert result.code == 0, result.stderr
    assert update_config(engine, name) == (3, 7 * 10**9)    # PreviousSpec held the override
    help_text = cli("restart", "--help").stdout
    assert "a later `rollback` returns to them" in " ".join(help_text.split())
