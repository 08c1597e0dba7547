"""The flag table against docker's own --help (its click binding: tests/unit/test_options.py)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from swarmctl.service import flags as flagtable
from swarmctl.service.flags import FLAGS, flags_for, version_gate_errors

_OPTION_LINE = re.compile(r"^  (?:-(\w), |    )--([a-z0-9-]+)(?: (\S+))?\s{2,}(.*)$")


def docker_help(command):
    """Flags of `docker service COMMAND --help`: {name: (short, type word, help text)}.

    The Docker CLI hides flags newer than the engine; pointed at no engine it shows all.
    """
    if shutil.which("docker") is None:
        pytest.skip("the Docker CLI is not installed")
    env = dict(os.environ, DOCKER_HOST="unix:///nonexistent/docker.sock")
    env.pop("DOCKER_API_VERSION", None)
    env.pop("DOCKER_CONTEXT", None)
    text = subprocess.run(["docker", "service", command, "--help"], env=env, capture_output=True,
                          text=True, check=True).stdout
    found = {}
    current = None
    for line in text.splitlines():
        match = _OPTION_LINE.match(line)
        if match:
            short, name, word, help_text = match.groups()
            assert name not in found, f"--{name} listed twice by docker"
            found[name] = [short, word or "", help_text.strip()]
            current = name
        elif current and line.startswith(" " * 20) and line.strip():
            found[current][2] += " " + line.strip()
        elif not line.strip():
            current = None
    return {name: tuple(value) for name, value in found.items()}


@pytest.mark.parametrize("command", ["create", "update"])
def test_table_has_exactly_dockers_flags(command):
    docker = docker_help(command)
    ours = {flag.name: flag for flag in flags_for(command)}
    assert sorted(ours) == sorted(docker)
    for name, (short, word, help_text) in docker.items():
        flag = ours[name]
        assert (flag.short, flag.metavar) == (short, word), name
        assert " ".join(flag.help_for(command).split()) == " ".join(help_text.split()), name


def test_flag_counts_and_uniqueness():
    names = [flag.name for flag in FLAGS]
    assert len(names) == len(set(names))
    shorts = [flag.short for flag in FLAGS if flag.short]
    assert len(shorts) == len(set(shorts))
    assert len(flags_for("create")) == 73  # docker shows 71 at API 1.41 (2 need 1.44/1.46)
    assert len(flags_for("update")) == 92  # 90 at API 1.41
    for flag in FLAGS:
        assert flag.commands and flag.commands <= {"create", "update"}
        assert flag.kind in flagtable.TYPE_WORDS


def test_flags_only_update_has_and_only_create_has():
    create = {f.name for f in flags_for("create")}
    update = {f.name for f in flags_for("update")}
    assert {"mode", "name", "env", "mount", "network", "secret", "publish"} <= create - update
    assert {"image", "args", "force", "rollback", "env-add", "publish-rm"} <= update - create
    assert {"init", "detach", "quiet", "replicas", "cap-add", "oom-score-adj"} <= create & update


def test_version_gates():
    assert version_gate_errors({"oom-score-adj": 1, "health-start-interval": 1, "init": True},
                               "1.41") == [
        '"--health-start-interval" requires API version 1.44, but the Docker daemon API '
        "version is 1.41",
        '"--oom-score-adj" requires API version 1.46, but the Docker daemon API version is 1.41',
    ]
    assert version_gate_errors({"host-add": ["1.2.3.4 a"]}, "1.31") == [
        '"--host-add" requires API version 1.32, but the Docker daemon API version is 1.31']
    assert version_gate_errors({"generic-resource": ["gpu=1"], "name": "x"}, "1.24") == []
