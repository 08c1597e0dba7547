"""specedit.apply_update: docker service update's merge rules on plain spec dicts."""
from __future__ import annotations

import copy

import pytest

from swarmctl.service import edit as specedit
from swarmctl.service.errors import GoPanic, SpecError

S = 10**9


class FakeLookups(specedit.Lookups):
    NETWORKS = {"front": "n2", "back": "n1", "n1": "n1", "n2": "n2", "db": "n3"}

    def __init__(self):
        self.asked = []

    def network_id(self, name_or_id):
        self.asked.append(("network", name_or_id))
        if name_or_id not in self.NETWORKS:
            raise SpecError(f"network {name_or_id} not found")
        return self.NETWORKS[name_or_id]

    def secret_references(self, refs):
        self.asked.append(("secrets", [r["SecretName"] for r in refs]))
        return [dict(r, SecretID="id-" + r["SecretName"]) for r in refs]

    def config_references(self, refs):
        self.asked.append(("configs", [r["ConfigName"] for r in refs]))
        return [dict(r, ConfigID="id-" + r["ConfigName"]) for r in refs]


def base_spec():
    return {
        "Name": "web",
        "Labels": {"a": "1", "b": "2"},
        "TaskTemplate": {
            "ContainerSpec": {
                "Image": "busybox:local",
                "Args": ["sleep", "600"],
                "Env": ["A=1", "B=2", "C=3"],
                "Mounts": [
                    {"Type": "volume", "Source": "z", "Target": "/z"},
                    {"Type": "tmpfs", "Target": "/t"},
                    {"Type": "bind", "Source": "/a", "Target": "/b"},
                ],
                "Ulimits": [{"Name": "nproc", "Hard": 5, "Soft": 5},
                            {"Name": "core", "Hard": 1, "Soft": 1}],
                "Init": False,
                "DNSConfig": {},
            },
            "Resources": {"Limits": {}, "Reservations": {}},
            "Placement": {"Constraints": ["b==1", "a==1"]},
            "ForceUpdate": 2,
        },
        "Mode": {"Replicated": {"Replicas": 1}},
        "EndpointSpec": {"Mode": "vip"},
    }


def bare_spec():
    return {"Name": "bare", "TaskTemplate": {"ContainerSpec": {"Image": "busybox:local"}},
            "Mode": {"Replicated": {"Replicas": 1}}}


def apply(flags, spec=None):
    return specedit.apply_update(spec if spec is not None else base_spec(), flags, FakeLookups())


def container(spec):
    return spec["TaskTemplate"]["ContainerSpec"]


def test_the_stored_spec_is_not_modified():
    spec = base_spec()
    kept = copy.deepcopy(spec)
    apply({"env-add": ["D=4"], "force": True, "mount-rm": ["/b"]}, spec)
    assert spec == kept


def test_every_update_normalises():
    """No flags at all: mounts sorted by (Source, Target), ulimits by name, image re-tagged."""
    spec = base_spec()
    container(spec)["Image"] = "docker.io/library/busybox"
    result = apply({}, spec)
    assert [m.get("Source", "") for m in container(result)["Mounts"]] == ["", "/a", "z"]
    assert [u["Name"] for u in container(result)["Ulimits"]] == ["core", "nproc"]
    assert container(result)["Image"] == "busybox:latest"
    assert container(result)["Env"] == ["A=1", "B=2", "C=3"]
    assert result["TaskTemplate"]["Placement"]["Constraints"] == ["b==1", "a==1"]  # untouched


# (flags, path in the result, expected value) -- one rule per row.
RULES = [
    # labels: rm first (only when labels exist), then add
    ({"label-rm": ["a"], "label-add": ["a=9", "c"]}, ("Labels",), {"a": "9", "b": "2", "c": ""}),
    ({"container-label-add": ["x=1"]}, ("TaskTemplate", "ContainerSpec", "Labels"), {"x": "1"}),
    # image, args, entrypoint
    ({"image": "docker.io/library/busybox:1"}, ("TaskTemplate", "ContainerSpec", "Image"),
     "busybox:1"),
    ({"args": ["echo", "hi"]}, ("TaskTemplate", "ContainerSpec", "Args"), ["echo", "hi"]),
    ({"args": []}, ("TaskTemplate", "ContainerSpec", "Args"), None),
    ({"entrypoint": ["sh", "-c"]}, ("TaskTemplate", "ContainerSpec", "Command"), ["sh", "-c"]),
    # env: rm before add; add rebuilds by key
    ({"env-rm": ["B", "nosuch"]}, ("TaskTemplate", "ContainerSpec", "Env"), ["A=1", "C=3"]),
    ({"env-rm": ["A"], "env-add": ["A=new", "D"]}, ("TaskTemplate", "ContainerSpec", "Env"),
     ["B=2", "C=3", "A=new", "D"]),
    # scalars
    ({"user": "nobody"}, ("TaskTemplate", "ContainerSpec", "User"), "nobody"),
    ({"workdir": ""}, ("TaskTemplate", "ContainerSpec", "Dir"), None),
    ({"init": False}, ("TaskTemplate", "ContainerSpec", "Init"), False),
    ({"init": True}, ("TaskTemplate", "ContainerSpec", "Init"), True),
    ({"stop-grace-period": 0}, ("TaskTemplate", "ContainerSpec", "StopGracePeriod"), 0),
    ({"tty": True}, ("TaskTemplate", "ContainerSpec", "TTY"), True),
    ({"tty": False}, ("TaskTemplate", "ContainerSpec", "TTY"), None),
    ({"read-only": True}, ("TaskTemplate", "ContainerSpec", "ReadOnly"), True),
    ({"stop-signal": "SIGHUP"}, ("TaskTemplate", "ContainerSpec", "StopSignal"), "SIGHUP"),
    ({"isolation": "process"}, ("TaskTemplate", "ContainerSpec", "Isolation"), "process"),
    ({"hostname": "h"}, ("TaskTemplate", "ContainerSpec", "Hostname"), "h"),
    # mounts: add replaces by target, rm after add, sorted
    ({"mount-add": [{"Type": "volume", "Source": "new", "Target": "/t"}], "mount-rm": ["/b"]},
     ("TaskTemplate", "ContainerSpec", "Mounts"),
     [{"Type": "volume", "Source": "new", "Target": "/t"},
      {"Type": "volume", "Source": "z", "Target": "/z"}]),
    # sysctls and ulimits
    ({"sysctl-add": ["k=v"], "sysctl-rm": ["x=1"]}, ("TaskTemplate", "ContainerSpec", "Sysctls"),
     {"k": "v"}),
    ({"ulimit-rm": ["nproc"], "ulimit-add": [{"Name": "nofile", "Hard": 2, "Soft": 1}]},
     ("TaskTemplate", "ContainerSpec", "Ulimits"),
     [{"Name": "core", "Hard": 1, "Soft": 1}, {"Name": "nofile", "Hard": 2, "Soft": 1}]),
    ({"ulimit-rm": ["nproc", "core"]}, ("TaskTemplate", "ContainerSpec", "Ulimits"), None),
    # resources
    ({"limit-cpu": 1500000000, "limit-pids": 0}, ("TaskTemplate", "Resources", "Limits"),
     {"NanoCPUs": 1500000000}),
    ({"reserve-memory": 1024}, ("TaskTemplate", "Resources", "Reservations"), {"MemoryBytes": 1024}),
    ({"generic-resource-add": ["gpu=2"]},
     ("TaskTemplate", "Resources", "Reservations", "GenericResources"),
     [{"DiscreteResourceSpec": {"Kind": "gpu", "Value": 2}}]),
    # restart policy from swarmkit's defaults
    ({"restart-max-attempts": 3}, ("TaskTemplate", "RestartPolicy"),
     {"Condition": "any", "Delay": 5 * S, "MaxAttempts": 3}),
    ({"restart-window": 0}, ("TaskTemplate", "RestartPolicy"),
     {"Condition": "any", "Delay": 5 * S, "MaxAttempts": 0, "Window": 0}),
    # placement
    ({"constraint-add": ["a==1", "c==1"], "constraint-rm": ["b==1"]},
     ("TaskTemplate", "Placement", "Constraints"), ["a==1", "a==1", "c==1"]),
    ({"constraint-rm": ["a==1", "b==1"]}, ("TaskTemplate", "Placement", "Constraints"), None),
    ({"placement-pref-add": [{"Spread": {"SpreadDescriptor": "z"}}]},
     ("TaskTemplate", "Placement", "Preferences"), [{"Spread": {"SpreadDescriptor": "z"}}]),
    ({"replicas-max-per-node": 3}, ("TaskTemplate", "Placement", "MaxReplicas"), 3),
    # mode
    ({"replicas": 0}, ("Mode",), {"Replicated": {"Replicas": 0}}),
    ({"max-concurrent": 5}, ("Mode",), {"Replicated": {"Replicas": 1}}),
    # update/rollback configs from swarmkit's defaults
    ({"update-delay": 3 * S}, ("UpdateConfig",),
     {"Parallelism": 1, "FailureAction": "pause", "Monitor": 5 * S, "MaxFailureRatio": 0,
      "Order": "stop-first", "Delay": 3 * S}),
    ({"rollback-parallelism": 0, "rollback-max-failure-ratio": 0.5}, ("RollbackConfig",),
     {"Parallelism": 0, "FailureAction": "pause", "Monitor": 5 * S, "MaxFailureRatio": 0.5,
      "Order": "stop-first"}),
    # endpoint: mode not lower-cased; ports sorted by their string key
    ({"endpoint-mode": "DNSRR"}, ("EndpointSpec", "Mode"), "DNSRR"),
    ({"publish-add": [[{"Protocol": "tcp", "TargetPort": 81, "PublishedPort": 9999,
                        "PublishMode": "ingress"}],
                      [{"Protocol": "tcp", "TargetPort": 81, "PublishedPort": 30211,
                        "PublishMode": "ingress"}]]},
     ("EndpointSpec", "Ports"),
     [{"Protocol": "tcp", "TargetPort": 81, "PublishedPort": 30211, "PublishMode": "ingress"},
      {"Protocol": "tcp", "TargetPort": 81, "PublishedPort": 9999, "PublishMode": "ingress"}]),
    # groups, dns, hosts
    ({"group-add": ["b", "a", "b"], "group-rm": ["x"]}, ("TaskTemplate", "ContainerSpec", "Groups"),
     ["a", "b", "b"]),
    ({"dns-add": ["9.9.9.9", "1.1.1.1"], "dns-option-add": ["b", "a"]},
     ("TaskTemplate", "ContainerSpec", "DNSConfig"),
     {"Nameservers": ["1.1.1.1", "9.9.9.9"], "Options": ["a", "b"]}),
    ({"host-add": ["1.2.3.4 a", "1.2.3.4 a"]}, ("TaskTemplate", "ContainerSpec", "Hosts"),
     ["1.2.3.4 a"]),
    # log driver: replaced only with a non-empty name; options from --log-opt alone
    ({"log-driver": "syslog", "log-opt": ["tag=x"]}, ("TaskTemplate", "LogDriver"),
     {"Name": "syslog", "Options": {"tag": "x"}}),
    ({"log-opt": ["tag=x"]}, ("TaskTemplate", "LogDriver"), None),
    ({"log-driver": ""}, ("TaskTemplate", "LogDriver"), None),
    # force
    ({"force": True}, ("TaskTemplate", "ForceUpdate"), 3),
    ({"force": False}, ("TaskTemplate", "ForceUpdate"), 2),
    # health
    ({"health-retries": 3}, ("TaskTemplate", "ContainerSpec", "Healthcheck"), {"Retries": 3}),
    ({"no-healthcheck": True}, ("TaskTemplate", "ContainerSpec", "Healthcheck"), {"Test": ["NONE"]}),
    ({"no-healthcheck": False}, ("TaskTemplate", "ContainerSpec", "Healthcheck"), {}),
    ({"health-start-interval": S}, ("TaskTemplate", "ContainerSpec", "Healthcheck"), None),
    # capabilities
    ({"cap-add": ["net_admin"]}, ("TaskTemplate", "ContainerSpec", "CapabilityAdd"),
     ["CAP_NET_ADMIN"]),
    # secrets
    ({"secret-add": [{"File": {"Name": "s", "UID": "0", "GID": "0", "Mode": 292},
                      "SecretID": "", "SecretName": "s"}]},
     ("TaskTemplate", "ContainerSpec", "Secrets"),
     [{"File": {"Name": "s", "UID": "0", "GID": "0", "Mode": 292}, "SecretID": "id-s",
       "SecretName": "s"}]),
]


def _at(spec, path):
    for key in path:
        if not isinstance(spec, dict) or key not in spec:
            return None
        spec = spec[key]
    return spec


@pytest.mark.parametrize("flags, path, expected", RULES,
                         ids=[",".join(sorted(r[0])) + f"#{i}" for i, r in enumerate(RULES)])
def test_rule(flags, path, expected):
    assert _at(apply(flags), path) == expected


# Objects docker creates when the stored spec lacks them.
BARE_RULES = [
    ({"limit-memory": 64}, ("TaskTemplate", "Resources"),
     {"Limits": {"MemoryBytes": 64}, "Reservations": {}}),
    ({"generic-resource-add": ["gpu=1"]}, ("TaskTemplate", "Resources"),
     {"Reservations": {"GenericResources": [{"DiscreteResourceSpec": {"Kind": "gpu", "Value": 1}}]}}),
    ({"constraint-add": ["a==1"]}, ("TaskTemplate", "Placement"), {"Constraints": ["a==1"]}),
    ({"replicas-max-per-node": 2}, ("TaskTemplate", "Placement"), {"MaxReplicas": 2}),
    ({"endpoint-mode": "dnsrr"}, ("EndpointSpec",), {"Mode": "dnsrr"}),
    ({"publish-add": [[{"Protocol": "tcp", "TargetPort": 80, "PublishMode": "ingress"}]]},
     ("EndpointSpec",), {"Ports": [{"Protocol": "tcp", "TargetPort": 80,
                                    "PublishMode": "ingress"}]}),
    ({"dns-search-add": ["x.example"]}, ("TaskTemplate", "ContainerSpec", "DNSConfig"),
     {"Search": ["x.example"]}),
    ({"health-cmd": "true"}, ("TaskTemplate", "ContainerSpec", "Healthcheck"),
     {"Test": ["CMD-SHELL", "true"]}),
    ({"label-rm": ["x"]}, ("Labels",), None),
    ({"label-add": ["x"]}, ("Labels",), {"x": ""}),
    ({"credential-spec": None}, ("TaskTemplate", "ContainerSpec", "Privileges"), None),
    ({"network-add": [{"Target": "front"}]}, ("TaskTemplate", "Networks"), [{"Target": "n2"}]),
]


@pytest.mark.parametrize("flags, path, expected", BARE_RULES,
                         ids=[",".join(sorted(r[0])) for r in BARE_RULES])
def test_rule_on_a_bare_spec(flags, path, expected):
    assert _at(apply(flags, bare_spec()), path) == expected


def test_ports_rm_then_add_of_the_same_port_removes_it():
    spec = base_spec()
    port = {"Protocol": "tcp", "TargetPort": 80, "PublishedPort": 30210, "PublishMode": "ingress"}
    spec["EndpointSpec"]["Ports"] = [port]
    result = apply({"publish-rm": [[{"Protocol": "tcp", "TargetPort": 80,
                                     "PublishMode": "ingress"}]],
                    "publish-add": [[dict(port)]]}, spec)
    assert "Ports" not in result["EndpointSpec"]


def test_networks_sorted_by_id_and_top_level_networks_migrated():
    spec = base_spec()
    spec["Networks"] = [{"Target": "n3"}]
    lookups = FakeLookups()
    result = specedit.apply_update(spec, {"network-add": [{"Target": "front", "Aliases": ["w"]},
                                                          {"Target": "back"}]}, lookups)
    assert "Networks" not in result
    assert result["TaskTemplate"]["Networks"] == [
        {"Target": "n1"}, {"Target": "n2", "Aliases": ["w"]}, {"Target": "n3"}]
    assert lookups.asked == [("network", "front"), ("network", "back")]


def test_network_rm_by_name_and_already_attached():
    spec = base_spec()
    spec["TaskTemplate"]["Networks"] = [{"Target": "n1"}, {"Target": "n2"}]
    assert apply({"network-rm": ["back"]}, spec)["TaskTemplate"]["Networks"] == [{"Target": "n2"}]
    with pytest.raises(SpecError, match="^service is already attached to network front$"):
        apply({"network-add": [{"Target": "front"}]}, spec)
    with pytest.raises(SpecError, match="network nosuch not found"):
        apply({"network-rm": ["nosuch"]}, spec)


@pytest.mark.parametrize("flags, spec, message", [
    ({"replicas": 2}, {"Mode": {"Global": {}}, "TaskTemplate": {"ContainerSpec": {}}},
     "replicas can only be used with replicated mode"),
    ({"no-healthcheck": True, "health-cmd": "x"}, None,
     "--no-healthcheck conflicts with --health-* options"),
    ({"mount-add": [{"Target": "/d"}, {"Target": "/d", "Type": "tmpfs"}]}, None,
     "duplicate mount target"),
    ({"generic-resource-rm": ["gpu"]}, None, "could not find generic-resource `gpu` to remove it"),
])
def test_refusals(flags, spec, message):
    with pytest.raises(SpecError) as raised:
        apply(flags, spec)
    assert str(raised.value) == message


def test_host_rm_reproduces_dockers_crash():
    spec = base_spec()
    container(spec)["Hosts"] = ["1.2.3.4 x a a"]
    with pytest.raises(GoPanic):
        apply({"host-rm": ["a"]}, spec)


def test_health_flags_clear_a_stored_none():
    spec = base_spec()
    container(spec)["Healthcheck"] = {"Test": ["NONE"]}
    assert container(apply({"health-interval": S}, spec))["Healthcheck"] == {"Interval": S}
    container(spec)["Healthcheck"] = {"Test": ["CMD-SHELL", "x"], "Retries": 2}
    assert container(apply({"health-cmd": "", "health-retries": 0}, spec))["Healthcheck"] == {}


def test_capabilities_three_way_merge():
    spec = base_spec()
    container(spec).update(CapabilityAdd=["CAP_NET_ADMIN"], CapabilityDrop=["CAP_MKNOD"])
    result = container(apply({"cap-add": ["mknod"], "cap-drop": ["net_admin"]}, spec))
    assert "CapabilityAdd" not in result and "CapabilityDrop" not in result
    result = container(apply({"cap-add": ["RESET", "chown"]}, spec))
    assert (result["CapabilityAdd"], result["CapabilityDrop"]) == (["CAP_CHOWN"], ["CAP_MKNOD"])


def test_configs_and_the_credential_spec():
    spec = base_spec()
    runtime = {"ConfigID": "id-cred", "ConfigName": "cred", "Runtime": {}}
    filed = {"File": {"Name": "f", "UID": "0", "GID": "0", "Mode": 292}, "ConfigID": "id-f",
             "ConfigName": "f"}
    container(spec).update(Configs=[filed, runtime],
                           Privileges={"CredentialSpec": {"Config": "id-cred"}})
    # Not touching the credential spec keeps its Runtime config.
    assert container(apply({}, spec))["Configs"] == [filed, runtime]
    # A file:// credential spec drops it.
    result = container(apply({"credential-spec": {"Config": "", "File": "x.json",
                                                  "Registry": ""}}, spec))
    assert result["Configs"] == [filed]
    assert result["Privileges"]["CredentialSpec"] == {"File": "x.json"}
    # config://NAME resolves NAME again and stores the config ID.
    lookups = FakeLookups()
    result = container(specedit.apply_update(
        spec, {"credential-spec": {"Config": "other", "File": "", "Registry": ""},
               "config-rm": ["f"]}, lookups))
    assert result["Configs"] == [{"ConfigID": "id-other", "ConfigName": "other", "Runtime": {}}]
    assert result["Privileges"]["CredentialSpec"] == {"Config": "id-other"}
    assert lookups.asked == [("configs", ["other"])]
    # '' clears it and keeps Privileges.
    result = container(apply({"credential-spec": None}, spec))
    assert result["Privileges"] == {"CredentialSpec": None}


def test_secrets_rm_then_add():
    spec = base_spec()
    old = {"File": {"Name": "s", "UID": "0", "GID": "0", "Mode": 292}, "SecretID": "i",
           "SecretName": "s"}
    container(spec)["Secrets"] = [old]
    new = {"File": {"Name": "t", "UID": "0", "GID": "0", "Mode": 256}, "SecretID": "",
           "SecretName": "s"}
    result = container(apply({"secret-rm": ["s"], "secret-add": [new]}, spec))
    assert result["Secrets"] == [dict(new, SecretID="id-s")]


def test_rollback_check():
    specedit.check_rollback({"rollback": True, "detach": True, "quiet": False})
    specedit.check_rollback({"rollback": False, "env-add": ["A=1"]})
    with pytest.raises(SpecError, match="^other flags may not be combined with --rollback$"):
        specedit.check_rollback({"rollback": True, "force": False})
    assert specedit.rollback_requested({"rollback": True})
    assert not specedit.rollback_requested({"rollback": False})


@pytest.mark.parametrize("image, expected", [
    ("busybox", "busybox:latest"),
    ("busybox:local", "busybox:local"),
    ("docker.io/library/busybox:1", "busybox:1"),
    ("index.docker.io/me/app", "me/app:latest"),
    ("localhost:5000/app", "localhost:5000/app:latest"),
    ("busybox@sha256:" + "a" * 64, "busybox@sha256:" + "a" * 64),
    ("busybox:1@sha256:" + "a" * 64, "busybox:1@sha256:" + "a" * 64),
    ("Not/Valid", "Not/Valid"),
])
def test_normalized_image(image, expected):
    assert specedit.normalized_image(image) == expected


def test_pinned_image_and_platforms():
    digest = "sha256:" + "b" * 64
    assert specedit.pinned_image("busybox:local", digest) == f"busybox:local@{digest}"
    assert specedit.pinned_image("me/app:1@" + digest, "sha256:" + "c" * 64) == "me/app:1@" + digest
    answer = {"Descriptor": {"digest": digest},
              "Platforms": [{"architecture": "amd64", "os": "linux"},
                            {"architecture": "arm", "os": "linux", "variant": "v7"}]}
    assert specedit.distribution_digest(answer) == digest
    assert specedit.resolved_platforms(answer) == [{"Architecture": "amd64", "OS": "linux"},
                                                   {"Architecture": "", "OS": "linux"}]
