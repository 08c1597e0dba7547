"""The flag table against docker's own --help, and the click options made from it."""
from __future__ import annotations

import os
import re
import shutil
import subprocess

import click
import pytest

from swarmctl.cli.options import DockerCommand, FlagError, flag_options, given_flags
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


# -- click options ------------------------------------------------------------------------------

def _command(name, interspersed=True):
    @click.command(name, cls=DockerCommand,
                   context_settings={"allow_interspersed_args": interspersed})
    @flag_options(name)
    @click.argument("rest", nargs=-1)
    def command(rest, **_):
        pass

    return command


def parse(args, command="create"):
    ctx = _command(command, interspersed=command != "create").make_context(command, list(args))
    return given_flags(ctx), list(ctx.params["rest"])


def test_defaults_are_not_given():
    assert parse([IMAGE := "busybox:local"]) == ({}, [IMAGE])


@pytest.mark.parametrize("args, value", [
    (["--init"], True),
    (["--init=true"], True),
    (["--init=false"], False),
    (["--init=0"], False),
    (["--init=T"], True),
])
def test_pflag_bools(args, value):
    assert parse([*args, "img"]) == ({"init": value}, ["img"])


def test_a_separate_false_is_not_a_bool_value():
    # pflag: "false" is the image here (docker creates a service running image false).
    assert parse(["--init", "false"]) == ({"init": True}, ["false"])


@pytest.mark.parametrize("args, expected", [
    (["-dq", "img"], {"detach": True, "quiet": True}),
    (["-e=A=1", "img"], {"env": ["A=1"]}),
    (["-eA=1", "img"], {"env": ["A=1"]}),
    (["-e", "A=1", "img"], {"env": ["A=1"]}),
    (["-de", "A=1", "img"], {"detach": True, "env": ["A=1"]}),
    (["-t=false", "img"], {"tty": False}),
    (["--env=A=1", "--env", "B", "img"], {"env": ["A=1", "B"]}),
])
def test_shorthands_and_values(args, expected):
    assert parse(args)[0] == expected


def test_lists_keep_order_and_commas():
    flags, _ = parse(["--constraint", "b==1", "--constraint", "a==1,c==2", "img"])
    assert flags == {"constraint": ["b==1", "a==1,c==2"]}


def test_values_are_parsed_with_dockers_parsers():
    flags, rest = parse(["--replicas", "010", "--limit-cpu", "1/2", "--limit-memory", "1.5g",
                         "--stop-grace-period", "1m", "--update-max-failure-ratio", "0.3",
                         "--publish", "8080:80", "--mount", "type=tmpfs,dst=/t",
                         "--entrypoint", "sh -c 'a b'", "img", "--not-a-flag"])
    assert flags == {
        "replicas": 8, "limit-cpu": 500_000_000, "limit-memory": 1610612736,
        "stop-grace-period": 60 * 10**9, "update-max-failure-ratio": 0.3,
        "publish": [[{"Protocol": "tcp", "TargetPort": 80, "PublishedPort": 8080,
                      "PublishMode": "ingress"}]],
        "mount": [{"Type": "tmpfs", "Target": "/t"}],
        "entrypoint": ["sh", "-c", "a b"],
    }
    assert rest == ["img", "--not-a-flag"]  # nothing after IMAGE is a flag


def test_update_is_interspersed():
    flags, rest = parse(["svc", "--force", "--image", "x"], command="update")
    assert (flags, rest) == ({"force": True, "image": "x"}, ["svc"])


def test_env_bare_key_is_expanded_at_parse_time(monkeypatch):
    monkeypatch.setenv("SWARMCTL_FLAGS_T", "v")
    monkeypatch.delenv("SWARMCTL_FLAGS_UNSET", raising=False)
    flags, _ = parse(["-e", "SWARMCTL_FLAGS_T", "-e", "SWARMCTL_FLAGS_UNSET", "img"])
    assert flags == {"env": ["SWARMCTL_FLAGS_T=v", "SWARMCTL_FLAGS_UNSET"]}


@pytest.mark.parametrize("args, message", [
    (["--replicas", "-1"],
     'invalid argument "-1" for "--replicas" flag: strconv.ParseUint: parsing "-1": invalid syntax'),
    (["-e", "=x"], 'invalid argument "=x" for "-e, --env" flag: invalid environment variable: =x'),
    (["--init=maybe"],
     'invalid argument "maybe" for "--init" flag: strconv.ParseBool: parsing "maybe": '
     "invalid syntax"),
    (["--health-interval", "-1s"],
     'invalid argument "-1s" for "--health-interval" flag: duration cannot be negative'),
    (["--limit-cpu", "x"],
     'invalid argument "x" for "--limit-cpu" flag: failed to parse x as a rational number'),
    (["--label", "a\tb"], 'invalid argument "a\\tb" for "-l, --label" flag: '
                          "label 'a\tb' contains whitespaces"),
    (["-z"], "unknown shorthand flag: 'z' in -z"),
    (["-dz"], "unknown shorthand flag: 'z' in -z"),
    (["-e"], "flag needs an argument: 'e' in -e"),
    (["--name"], "flag needs an argument: --name"),
])
def test_bad_values_give_dockers_message(args, message):
    with pytest.raises(FlagError) as raised:
        parse(args)
    assert raised.value.docker_message == message


def test_mount_deprecation_is_warned_like_docker(capsys):
    flags, _ = parse(["--mount", "type=bind,src=/a,dst=/b,bind-nonrecursive=true", "img"])
    assert flags["mount"] == [{"Type": "bind", "Source": "/a", "Target": "/b",
                               "BindOptions": {"NonRecursive": True}}]
    err = capsys.readouterr().err
    assert re.fullmatch(r'time="[^"]+" level=warning msg="bind-nonrecursive is deprecated, '
                        r'use bind-recursive=disabled instead"\n', err)


def test_help_shows_dockers_words():
    from click.testing import CliRunner

    from swarmctl.cli.commands.create import command

    result = CliRunner().invoke(command, ["--help"], prog_name="create")
    text = " ".join(result.output.split())
    assert "IMAGE [COMMAND] [ARG...]" in text
    assert "--init Use an init inside" in text
    assert "--limit-memory bytes Limit Memory" in text
    assert '(default "replicated")' in text
    assert "--timeout duration" in text
