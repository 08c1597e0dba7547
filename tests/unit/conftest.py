"""Fixtures of the engine-free unit tier."""
from __future__ import annotations

import pytest

from tests.unit.fake_engine import FakeEngine


@pytest.fixture
def fake_engine(tmp_path, monkeypatch):
    """A FakeEngine; registry credentials are looked up in an empty config directory."""
    monkeypatch.setenv("DOCKER_CONFIG", str(tmp_path / "docker-config"))
    return FakeEngine()
