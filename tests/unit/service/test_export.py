"""swarmctl.service.export without an engine: the flags a stored spec comes back as, and each
tricky value read back through the parser the flag goes through on create.

The round trip against the engine (every create/update differential case, both CLIs as the
executor) is tests/cli/test_create_spec.py's assert_round_trip.
"""
from __future__ import annotations

import copy
import shlex

import pytest

from swarmctl.service import parsers, values
from swarmctl.service.export import (
    command_line,
    create_arguments,
    env_flags,
    nano_cpus_word,
    shell_words,
)

CS = ("TaskTemplate", "ContainerSpec")
S = 10**9


def stored(**changes):
    """The spec the engine stores for ``create --name web busybox:local sleep 1`` plus
    ``changes`` (dotted path -> value; None removes)."""
    spec = {
        "Name": "web", "Labels": {},
        "TaskTemplate": {
            "ContainerSpec": {"Image": "busybox:local", "Args": ["sleep", "1"], "Init": False,
                              "DNSConfig": {}, "Isolation": "default"},
            "Resources": {"Limits": {}, "Reservations": {}}, "Placement": {},
            "ForceUpdate": 0, "Runtime": "container"},
        "Mode": {"Replicated": {"Replicas": 1}}, "EndpointSpec": {"Mode": "vip"}}
    for path, value in changes.items():
        keys = path.replace("CS.", "TaskTemplate.ContainerSpec.").split(".")
        node = spec
        for key in keys[:-1]:
            node = node.setdefault(key, {})
        if value is None:
            node.pop(keys[-1], None)
        else:
            node[keys[-1]] = copy.deepcopy(value)
    return spec


def flags_of(spec, names=None):
    exported = create_arguments(spec, names)
    assert exported.unexpressible == []
    args = exported.arguments
    assert args[:2] == ["--name", "web"] and args[-3:] == ["busybox:local", "sleep", "1"]
    assert args[-4] == "--no-resolve-image"
    return args[2:-4]


CASES = [
    ("baseline", {}, []),
    ("replicas", {"Mode": {"Replicated": {"Replicas": 3}}}, ["--replicas", "3"]),
    ("global", {"Mode": {"Global": {}}}, ["--mode", "global"]),
    ("job", {"Mode": {"ReplicatedJob": {"MaxConcurrent": 2, "TotalCompletions": 5}}},
     ["--mode", "replicated-job", "--replicas", "5", "--max-concurrent", "2"]),
    ("durations", {"CS.StopGracePeriod": 90 * S, "TaskTemplate.RestartPolicy": {
        "Condition": "any", "Delay": 1500 * 10**6, "MaxAttempts": 0}},
     ["--restart-delay", "1.5s", "--stop-grace-period", "1m30s"]),
    ("stop-grace-zero", {"CS.StopGracePeriod": 0}, ["--stop-grace-period", "0s"]),
    ("restart-defaults-only", {"TaskTemplate.RestartPolicy": {
        "Condition": "any", "Delay": 5 * S, "MaxAttempts": 0}}, ["--restart-condition", "any"]),
    ("restart-window-zero", {"TaskTemplate.RestartPolicy": {
        "Condition": "any", "Delay": 5 * S, "MaxAttempts": 0, "Window": 0}},
     ["--restart-window", "0s"]),
    ("update-config", {"UpdateConfig": {"Parallelism": 0, "FailureAction": "pause",
                                        "MaxFailureRatio": 0.3, "Order": "start-first"}},
     ["--update-max-failure-ratio", "0.3", "--update-monitor", "0s", "--update-order",
      "start-first", "--update-parallelism", "0"]),
    ("resources", {"TaskTemplate.Resources": {
        "Limits": {"NanoCPUs": 1500000000, "MemoryBytes": 67108864, "Pids": 100},
        "Reservations": {"NanoCPUs": 500000000, "GenericResources": [
            {"DiscreteResourceSpec": {"Kind": "gpu", "Value": 2}}]}}},
     ["--generic-resource", "gpu=2", "--limit-cpu", "1.5", "--limit-memory", "67108864",
      "--limit-pids", "100", "--reserve-cpu", "0.5"]),
    ("placement", {"TaskTemplate.Placement": {
        "Constraints": ["node.role==manager"], "MaxReplicas": 2,
        "Preferences": [{"Spread": {"SpreadDescriptor": "node.labels.zone"}}]}},
     ["--constraint", "node.role==manager", "--placement-pref", "spread=node.labels.zone",
      "--replicas-max-per-node", "2"]),
    ("healthcheck", {"CS.Healthcheck": {"Test": ["CMD-SHELL", "curl -f localhost || exit 1"],
                                        "Interval": 5 * S, "Retries": 3}},
     ["--health-cmd", "curl -f localhost || exit 1", "--health-interval", "5s",
      "--health-retries", "3"]),
    ("healthcheck-empty", {"CS.Healthcheck": {}}, ["--health-interval", "0s"]),
    ("no-healthcheck", {"CS.Healthcheck": {"Test": ["NONE"]}}, ["--no-healthcheck"]),
    ("env-order-kept", {"CS.Env": ["Z=1", "A=2", "BARE", "Q=a=b"]},
     ["--env", "Z=1", "--env", "A=2", "--env", "BARE", "--env", "Q=a=b"]),
    ("env-stale-survivor", {"CS.Env": ["K=v", "Z=1", "K=w"]},
     ["--env", "K=v", "--env", "K=v", "--env", "Z=1", "--env", "K=w"]),
    ("labels", {"Labels": {"a": "", "b": "x=y"}, "CS.Labels": {"c": "1"}},
     ["--container-label", "c=1", "--label", "a=", "--label", "b=x=y"]),
    ("ports", {"EndpointSpec": {"Mode": "dnsrr", "Ports": [
        {"Protocol": "udp", "TargetPort": 81, "PublishedPort": 30311, "PublishMode": "host"},
        {"Protocol": "tcp", "TargetPort": 82, "PublishMode": "ingress"}]}},
     ["--endpoint-mode", "dnsrr", "--publish",
      "target=81,published=30311,protocol=udp,mode=host", "--publish",
      "target=82,protocol=tcp,mode=ingress"]),
    ("hosts", {"CS.Hosts": ["1.2.3.4 a.example", "::1 b"]},
     ["--host", "a.example:1.2.3.4", "--host", "b=::1"]),
    ("negative-value-attached", {"TaskTemplate.Resources.Limits": {"Pids": -1}},
     ["--limit-pids=-1"]),
    ("init-isolation", {"CS.Init": True, "CS.Isolation": "process"},
     ["--init", "--isolation", "process"]),
    ("caps", {"CS.CapabilityAdd": ["CAP_NET_ADMIN"], "CS.CapabilityDrop": ["CAP_MKNOD"]},
     ["--cap-add", "CAP_NET_ADMIN", "--cap-drop", "CAP_MKNOD"]),
    ("ulimits", {"CS.Ulimits": [{"Name": "core", "Soft": -1, "Hard": -1},
                                {"Name": "nofile", "Soft": 1024, "Hard": 2048}]},
     ["--ulimit", "core=-1:-1", "--ulimit", "nofile=1024:2048"]),
    ("log", {"TaskTemplate.LogDriver": {"Name": "json-file", "Options": {"max-size": "1m"}}},
     ["--log-driver", "json-file", "--log-opt", "max-size=1m"]),
]


@pytest.mark.parametrize("changes, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_stored_fields_come_back_as_flags(changes, expected):
    assert flags_of(stored(**changes)) == expected


def test_ids_come_back_as_names():
    spec = stored(**{
        "TaskTemplate.Networks": [{"Target": "id-a"}, {"Target": "id-b", "Aliases": ["web"]}],
        "CS.Secrets": [{"SecretID": "id-s", "SecretName": "s1", "File": {
            "Name": "s1", "UID": "0", "GID": "0", "Mode": 0o444}}],
        "CS.Configs": [{"ConfigID": "id-c", "ConfigName": "c1", "File": {
            "Name": "/etc/c,1", "UID": "5", "GID": "0", "Mode": 0o600}},
                       {"ConfigID": "id-c", "ConfigName": "c1", "Runtime": {}}],
        "CS.Privileges": {"CredentialSpec": {"Config": "id-c", "File": "", "Registry": ""},
                          "SELinuxContext": None}})
    names = {"id-a": "front", "id-b": "back", "id-s": "s1", "id-c": "c1"}
    assert flags_of(spec, names) == [
        "--config", 'source=c1,"target=/etc/c,1",uid=5,gid=0,mode=0600',
        "--credential-spec", "config://c1",
        "--network", "front", "--network", "name=back,alias=web",
        "--secret", "s1"]


MOUNTS = [
    {"Type": "bind", "Source": "/tmp", "Target": "/a", "ReadOnly": True,
     "BindOptions": {"Propagation": "rshared"}},
    {"Type": "bind", "Source": "/tmp", "Target": "/b",
     "BindOptions": {"Propagation": "rprivate", "NonRecursive": True}},
    {"Type": "volume", "Source": "v2", "Target": "/v2", "VolumeOptions": {
        "NoCopy": True, "Labels": {"a": "b"},
        "DriverConfig": {"Name": "local", "Options": {"type": "tmpfs", "o": "size=1m,uid=0"}}}},
    {"Type": "volume", "Target": "/anon", "VolumeOptions": {"DriverConfig": {}}},
    {"Type": "tmpfs", "Target": "/t", "TmpfsOptions": {"SizeBytes": 67108864, "Mode": 0o1770}},
    {"Type": "tmpfs", "Target": "/t0", "TmpfsOptions": {}},
    {"Type": "npipe", "Source": "/pipe", "Target": "/pipe"},
    {"Type": "volume", "Source": "weird \"name\"", "Target": "/w x"},
]


@pytest.mark.parametrize("mount", MOUNTS, ids=[m["Target"] for m in MOUNTS])
def test_mounts_parse_back_to_the_stored_mount(mount):
    flags = flags_of(stored(**{"CS.Mounts": [mount]}))
    assert flags[0] == "--mount"
    assert parsers.parse_mount(flags[1]) == mount


@pytest.mark.parametrize("words", [
    ["/bin/sh"], ["sh", "-c", "echo \"hi there\" $HOME 'x'"], ["a\\b", ""], ["tab\there"]])
def test_entrypoint_words_split_back(words):
    assert values.parse_shell_words(shell_words(words)) == words
    assert flags_of(stored(**{"CS.Command": words}))[0] == "--entrypoint"


@pytest.mark.parametrize("nano_cpus", [1, 250000000, 1500000000, 2000000000, 123456789012])
def test_cpus_parse_back(nano_cpus):
    assert values.parse_nano_cpus(nano_cpus_word(nano_cpus)) == nano_cpus


def test_env_create_cannot_make_is_reported():
    assert env_flags(["A=1", "A=2"]) is None
    exported = create_arguments(stored(**{"CS.Env": ["A=1", "A=2"]}))
    assert exported.unexpressible == ["TaskTemplate.ContainerSpec.Env"]
    assert "--env" not in exported.arguments


@pytest.mark.parametrize("changes, fields", [
    ({"CS.Privileges": {"SELinuxContext": {"User": "u"}}},
     ["TaskTemplate.ContainerSpec.Privileges.SELinuxContext"]),
    ({"CS.OpenStdin": True}, ["TaskTemplate.ContainerSpec.OpenStdin"]),
    ({"CS.Healthcheck": {"Test": ["CMD", "true"]}}, ["TaskTemplate.ContainerSpec.Healthcheck.Test"]),
    ({"TaskTemplate.ForceUpdate": 2}, ["TaskTemplate.ForceUpdate"]),
    ({"CS.Init": None, "CS.DNSConfig": None}, ["TaskTemplate.ContainerSpec.Init",
                                               "TaskTemplate.ContainerSpec.DNSConfig"]),
    ({"EndpointSpec": {"Ports": [{"TargetPort": 80, "Name": "web"}], "Mode": "vip"}},
     ["EndpointSpec.Ports.0"]),
    ({"TaskTemplate.RestartPolicy": {"Condition": "any"}},
     ["TaskTemplate.RestartPolicy.Delay", "TaskTemplate.RestartPolicy.MaxAttempts"]),
    ({"TaskTemplate.LogDriver": {"Name": "", "Options": {"a": "b"}}},
     ["TaskTemplate.LogDriver.Name", "TaskTemplate.LogDriver.Options"]),
    ({"TaskTemplate.Networks": [{"Target": "n", "Aliases": ["Upper"]}]},
     ["TaskTemplate.Networks.0"]),
])
def test_fields_no_flag_sets_are_named(changes, fields):
    assert sorted(create_arguments(stored(**changes)).unexpressible) == sorted(fields)


def test_command_line_quotes_for_the_shell():
    spec = stored(**{"CS.Env": ["MSG=it's a \"test\"; rm -rf /"], "CS.Args": ["sleep", "1"]})
    exported = create_arguments(spec)
    for docker in (False, True):
        line = command_line(exported.arguments, docker=docker)
        words = shlex.split(line)
        program = ["docker", "service", "create"] if docker else ["swarmctl", "create"]
        assert words == program + exported.arguments
    assert "MSG=it's a \"test\"; rm -rf /" in exported.arguments
