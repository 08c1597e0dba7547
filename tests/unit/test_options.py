"""The click options made from the flag table: pflag's syntax, docker's parsers and messages."""
from __future__ import annotations

import re

import click
import pytest

from swarmctl.cli.options import DockerCommand, FlagError, flag_options, given_flags


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
    # pflag converts every occurrence, in order: a later good value does not hide a bad one,
    # and a bad value before an unknown flag is the error (found by tests/fuzz/differential.py)
    (["--reserve-cpu=1/3", "--reserve-cpu=1"],
     'invalid argument "1/3" for "--reserve-cpu" flag: value is too precise'),
    (["--tty=yes", "--tty=1"],
     'invalid argument "yes" for "-t, --tty" flag: strconv.ParseBool: parsing "yes": invalid syntax'),
    (["--restart-window=", "--restart-window=1s"],
     'invalid argument "" for "--restart-window" flag: time: invalid duration ""'),
    (["--replicas=2", "--replicas=x"],
     'invalid argument "x" for "--replicas" flag: strconv.ParseUint: parsing "x": invalid syntax'),
    (["--replicas=x", "--bogus"],
     'invalid argument "x" for "--replicas" flag: strconv.ParseUint: parsing "x": invalid syntax'),
    (["-dt=yes"],
     'invalid argument "yes" for "-t, --tty" flag: strconv.ParseBool: parsing "yes": invalid syntax'),
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


def test_mount_deprecation_is_warned_before_a_later_check_refuses(capsys):
    # docker warns as it reads the field, then refuses the mount (tests/fuzz/differential.py)
    with pytest.raises(FlagError) as raised:
        parse(["--mount", "type=volume,dst=/b,bind-nonrecursive=true", "img"])
    assert raised.value.docker_message.endswith("cannot mix 'bind-*' options with mount type 'volume'")
    assert "level=warning msg=\"bind-nonrecursive is deprecated" in capsys.readouterr().err


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
