"""swarmctl.service.compose without an engine: the compose keys each stored field becomes, the
fields reported as unexpressible, and the YAML emitter's quoting, read back by PyYAML (a
YAML 1.1 reader: the strictest about ``yes``/``on``) and by the Docker CLI's own compose
loader (``docker stack config``, which needs no engine).

The round trip through ``docker stack deploy`` on a real engine is tests/cli/test_compose.py.
"""
from __future__ import annotations

import copy
import os
import shutil
import subprocess

import pytest
import yaml

from swarmctl.service.compose import BASE_VERSION, LATEST_VERSION, compose_file, dump_yaml, quote
from tests.helpers import IN_CI

S = 10**9
NAMES = {"net-id": "front", "net-2": "back", "sec-id": "db-password", "cfg-id": "app-conf"}


def stored(**changes):
    """The spec the engine stores for ``create --name web --network name=front,alias=web
    busybox:local sleep 1`` plus ``changes`` (dotted path -> value; None removes)."""
    spec = {
        "Name": "web", "Labels": {},
        "TaskTemplate": {
            "ContainerSpec": {"Image": "busybox:local", "Args": ["sleep", "1"], "Init": False,
                              "DNSConfig": {}, "Isolation": "default"},
            "Resources": {"Limits": {}, "Reservations": {}}, "Placement": {},
            "Networks": [{"Target": "net-id", "Aliases": ["web"]}],
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


BASELINE = {"image": "busybox:local", "command": ["sleep", "1"], "init": False,
            "isolation": "default", "deploy": {"replicas": 1, "endpoint_mode": "vip"},
            "networks": {"front": None}}


def exported(spec, names=NAMES):
    """(the service's entry as a YAML reader sees it, the whole document, lost paths)."""
    result = compose_file([("web", spec)], names)
    document = yaml.safe_load(result.text)
    assert document["version"] == result.version
    lost = sorted({path for service, path, _ in result.unexpressible if service == "web"})
    return document["services"]["web"], document, lost


def expected(**keys):
    """BASELINE with ``keys`` changed (None removes); ``deploy`` is merged, not replaced."""
    want = copy.deepcopy(BASELINE)
    for key, value in keys.items():
        if key == "deploy":
            want["deploy"].update(value)
            want["deploy"] = {k: v for k, v in want["deploy"].items() if v is not None}
        elif value is None:
            want.pop(key, None)
        else:
            want[key] = value
    return want


# (case, stored-spec changes, the service entry, the paths reported lost)
MAPPING = [
    ("baseline", {}, expected(), []),
    ("replicas", {"Mode": {"Replicated": {"Replicas": 3}}}, expected(deploy={"replicas": 3}), []),
    ("global", {"Mode": {"Global": {}}},
     expected(deploy={"replicas": None, "mode": "global"}), []),
    ("replicated-job", {"Mode": {"ReplicatedJob": {"MaxConcurrent": 2, "TotalCompletions": 2}}},
     expected(deploy={"mode": "replicated-job", "replicas": 2}), []),
    ("job-concurrency-lost", {"Mode": {"ReplicatedJob": {"MaxConcurrent": 1,
                                                         "TotalCompletions": 3}}},
     expected(deploy={"mode": "replicated-job", "replicas": 3}),
     ["Mode.ReplicatedJob.MaxConcurrent"]),
    ("global-job", {"Mode": {"GlobalJob": {}}},
     expected(deploy={"replicas": None, "mode": "global-job"}), []),
    ("labels", {"Labels": {"tier": "web"}, "CS.Labels": {"role": "front"}},
     expected(labels={"role": "front"}, deploy={"labels": {"tier": "web"}}), []),
    ("entrypoint-user-dir", {"CS.Command": ["/bin/sh", "-c"], "CS.User": "nobody",
                             "CS.Dir": "/tmp", "CS.Hostname": "h-{{.Task.Slot}}",
                             "CS.StopSignal": "SIGUSR1"},
     expected(entrypoint=["/bin/sh", "-c"], user="nobody", working_dir="/tmp",
              hostname="h-{{.Task.Slot}}", stop_signal="SIGUSR1"), []),
    ("booleans", {"CS.Init": True, "CS.TTY": True, "CS.OpenStdin": True, "CS.ReadOnly": True},
     expected(init=True, tty=True, stdin_open=True, read_only=True), []),
    ("init-unset", {"CS.Init": None}, expected(init=None), []),
    ("stop-grace-period", {"CS.StopGracePeriod": 90 * S},
     expected(stop_grace_period="1m30s"), []),
    ("env-sorted", {"CS.Env": ["A=1", "B=x: #y $HOME"]},
     expected(environment=["A=1", "B=x: #y $$HOME"]), []),   # $$: compose reads it as $
    ("env-order-lost", {"CS.Env": ["B=1", "A=2"]}, expected(environment=["B=1", "A=2"]),
     ["TaskTemplate.ContainerSpec.Env"]),
    ("env-repeat-lost", {"CS.Env": ["A=1", "A=2"]}, expected(environment=["A=1", "A=2"]),
     ["TaskTemplate.ContainerSpec.Env"]),
    ("hosts", {"CS.Hosts": ["10.0.0.3 db", "::1 local"]},
     expected(extra_hosts=["db:10.0.0.3", "local:::1"]), []),
    ("hosts-spacing-lost", {"CS.Hosts": ["10.0.0.3  db"]}, expected(),
     ["TaskTemplate.ContainerSpec.Hosts"]),
    ("dns", {"CS.DNSConfig": {"Nameservers": ["10.0.0.2"], "Search": ["example.com"]}},
     expected(dns=["10.0.0.2"], dns_search=["example.com"]), []),
    ("dns-options-lost", {"CS.DNSConfig": {"Options": ["ndots:2"]}}, expected(),
     ["TaskTemplate.ContainerSpec.DNSConfig.Options"]),
    ("healthcheck", {"CS.Healthcheck": {"Test": ["CMD-SHELL", "curl -f localhost || exit 1"],
                                        "Interval": 5 * S, "Timeout": 2 * S,
                                        "StartPeriod": 1500 * 10**6, "Retries": 2}},
     expected(healthcheck={"test": ["CMD-SHELL", "curl -f localhost || exit 1"],
                           "interval": "5s", "timeout": "2s", "start_period": "1.5s",
                           "retries": 2}), []),
    ("caps", {"CS.CapabilityAdd": ["CAP_NET_ADMIN"], "CS.CapabilityDrop": ["CAP_CHOWN"]},
     expected(cap_add=["CAP_NET_ADMIN"], cap_drop=["CAP_CHOWN"]), []),
    ("caps-order-lost", {"CS.CapabilityAdd": ["CAP_SYS_TIME", "CAP_NET_ADMIN"]},
     expected(cap_add=["CAP_SYS_TIME", "CAP_NET_ADMIN"]),
     ["TaskTemplate.ContainerSpec.CapabilityAdd"]),
    ("sysctls-ulimits", {"CS.Sysctls": {"net.core.somaxconn": "1024"},
                         "CS.Ulimits": [{"Name": "core", "Soft": -1, "Hard": -1},
                                        {"Name": "nofile", "Soft": 1024, "Hard": 2048}]},
     expected(sysctls={"net.core.somaxconn": "1024"},
              ulimits={"core": {"soft": -1, "hard": -1},
                       "nofile": {"soft": 1024, "hard": 2048}}), []),
    ("secrets-configs", {
        "CS.Secrets": [{"File": {"Name": "app.key", "UID": "1", "GID": "2", "Mode": 0o400},
                        "SecretID": "sec-id", "SecretName": "db-password"}],
        "CS.Configs": [{"File": {"Name": "/etc/app.conf", "UID": "0", "GID": "0",
                                 "Mode": 0o440},
                        "ConfigID": "cfg-id", "ConfigName": "app-conf"}]},
     expected(secrets=[{"source": "db-password", "target": "app.key", "uid": "1", "gid": "2",
                        "mode": 0o400}],
              configs=[{"source": "app-conf", "target": "/etc/app.conf", "uid": "0",
                        "gid": "0", "mode": 0o440}]), []),
    ("mounts", {"CS.Mounts": [
        {"Type": "volume", "Source": "data", "Target": "/data",
         "VolumeOptions": {"NoCopy": True}},
        {"Type": "bind", "Source": "/tmp", "Target": "/host", "ReadOnly": True,
         "BindOptions": {"Propagation": "rslave"}},
        {"Type": "tmpfs", "Target": "/scratch", "TmpfsOptions": {"SizeBytes": 1048576}}]},
     expected(volumes=[
         {"type": "volume", "source": "data", "target": "/data", "volume": {"nocopy": True}},
         {"type": "bind", "source": "/tmp", "target": "/host", "read_only": True,
          "bind": {"propagation": "rslave"}},
         {"type": "tmpfs", "target": "/scratch", "tmpfs": {"size": 1048576}}]), []),
    ("mount-kind-lost", {"CS.Mounts": [{"Type": "npipe", "Source": r"\\.\pipe\x",
                                        "Target": r"\\.\pipe\x"}]},
     expected(), ["TaskTemplate.ContainerSpec.Mounts[0]"]),
    ("mount-label-lost", {"CS.Mounts": [{"Type": "volume", "Source": "data", "Target": "/v",
                                         "VolumeOptions": {"Labels": {"a": "b"}}}]},
     expected(volumes=[{"type": "volume", "source": "data", "target": "/v"}]),
     ["TaskTemplate.ContainerSpec.Mounts[0].VolumeOptions.Labels"]),
    ("resources", {"TaskTemplate.Resources": {
        "Limits": {"NanoCPUs": 1500000000, "MemoryBytes": 67108864, "Pids": 100},
        "Reservations": {"NanoCPUs": 250000000, "MemoryBytes": 33554432, "GenericResources": [
            {"DiscreteResourceSpec": {"Kind": "gpu", "Value": 2}}]}}},
     expected(deploy={"resources": {
         "limits": {"cpus": "1.5", "memory": "67108864", "pids": 100},
         "reservations": {"cpus": "0.25", "memory": "33554432", "generic_resources": [
             {"discrete_resource_spec": {"kind": "gpu", "value": 2}}]}}}), []),
    ("named-generic-resource-lost", {"TaskTemplate.Resources.Reservations": {
        "GenericResources": [{"NamedResourceSpec": {"Kind": "gpu", "Value": "a"}}]}},
     expected(), ["TaskTemplate.Resources.Reservations.GenericResources"]),
    ("policies", {
        "TaskTemplate.RestartPolicy": {"Condition": "on-failure", "Delay": 2 * S,
                                       "MaxAttempts": 3, "Window": 10 * S},
        "UpdateConfig": {"Parallelism": 2, "Delay": 3 * S, "FailureAction": "continue",
                         "MaxFailureRatio": 0.25, "Order": "start-first"},
        "RollbackConfig": {"Parallelism": 0, "Monitor": 2 * S}},
     expected(deploy={
         "restart_policy": {"condition": "on-failure", "delay": "2s", "max_attempts": 3,
                            "window": "10s"},
         "update_config": {"parallelism": 2, "delay": "3s", "failure_action": "continue",
                           "max_failure_ratio": 0.25, "order": "start-first"},
         "rollback_config": {"parallelism": 0, "monitor": "2s"}}), []),
    ("placement", {"TaskTemplate.Placement": {
        "Constraints": ["node.role==manager"], "MaxReplicas": 1,
        "Preferences": [{"Spread": {"SpreadDescriptor": "node.labels.zone"}}]}},
     expected(deploy={"placement": {"constraints": ["node.role==manager"],
                                    "preferences": [{"spread": "node.labels.zone"}],
                                    "max_replicas_per_node": 1}}), []),
    ("ports", {"EndpointSpec": {"Mode": "dnsrr", "Ports": [
        {"Protocol": "tcp", "TargetPort": 80, "PublishedPort": 8080, "PublishMode": "ingress"},
        {"Protocol": "udp", "TargetPort": 81, "PublishedPort": 8081, "PublishMode": "host"}]}},
     expected(deploy={"endpoint_mode": "dnsrr"}, ports=[
         {"target": 80, "published": 8080, "protocol": "tcp", "mode": "ingress"},
         {"target": 81, "published": 8081, "protocol": "udp", "mode": "host"}]), []),
    ("ports-order-lost", {"EndpointSpec": {"Mode": "vip", "Ports": [
        {"Protocol": "tcp", "TargetPort": 81, "PublishedPort": 9001},
        {"Protocol": "tcp", "TargetPort": 80, "PublishedPort": 9000}]}},
     expected(ports=[{"target": 81, "published": 9001, "protocol": "tcp"},
                     {"target": 80, "published": 9000, "protocol": "tcp"}]),
     ["EndpointSpec.Ports"]),
    ("network-aliases", {"TaskTemplate.Networks": [
        {"Target": "net-2", "Aliases": ["api", "web"]}, {"Target": "net-id", "Aliases": ["web"]}]},
     expected(networks={"back": {"aliases": ["api"]}, "front": None}), []),
    ("network-alias-lost", {"TaskTemplate.Networks": [{"Target": "net-id", "Aliases": ["x"]}]},
     expected(networks={"front": {"aliases": ["x"]}}), ["TaskTemplate.Networks[0].Aliases"]),
    ("network-order-lost", {"TaskTemplate.Networks": [
        {"Target": "net-id", "Aliases": ["web"]}, {"Target": "net-2", "Aliases": ["web"]}]},
     expected(networks={"front": None, "back": None}), ["TaskTemplate.Networks"]),
    ("no-network-lost", {"TaskTemplate.Networks": None}, expected(networks=None),
     ["TaskTemplate.Networks"]),
    ("unnamed-network-id", {"TaskTemplate.Networks": [{"Target": "zz-id", "Aliases": ["web"]}]},
     expected(networks={"zz-id": None}), []),
    ("logging", {"TaskTemplate.LogDriver": {"Name": "json-file",
                                            "Options": {"max-size": "1m"}}},
     expected(logging={"driver": "json-file", "options": {"max-size": "1m"}}), []),
    ("credential-spec", {"CS.Privileges": {"CredentialSpec": {"File": "spec.json"}}},
     expected(credential_spec={"file": "spec.json"}), []),
    ("api-only-fields-lost", {"CS.Groups": ["1234"], "TaskTemplate.ForceUpdate": 3,
                              "CS.Privileges": {"SELinuxContext": {"User": "system_u"}}},
     expected(), ["TaskTemplate.ContainerSpec.Groups",
                  "TaskTemplate.ContainerSpec.Privileges.SELinuxContext.User",
                  "TaskTemplate.ForceUpdate"]),
    ("runtime-other-lost", {"TaskTemplate.Runtime": "plugin"}, expected(),
     ["TaskTemplate.Runtime"]),
]


@pytest.mark.parametrize("case, changes, want, lost", MAPPING, ids=[c[0] for c in MAPPING])
def test_mapping(case, changes, want, lost):
    service, _, got_lost = exported(stored(**changes))
    assert service == want
    assert got_lost == lost


def test_objects_are_external_references_by_name():
    spec = stored(**{
        "TaskTemplate.Networks": [{"Target": "net-2", "Aliases": ["web"]},
                                  {"Target": "net-id", "Aliases": ["web"]}],
        "CS.Secrets": [{"File": {"Name": "k", "UID": "0", "GID": "0", "Mode": 0o444},
                        "SecretID": "sec-id", "SecretName": "db-password"}],
        "CS.Configs": [{"File": {"Name": "/c", "UID": "0", "GID": "0", "Mode": 0o444},
                        "ConfigID": "gone-id", "ConfigName": "old-conf"}],
        "CS.Mounts": [{"Type": "volume", "Source": "data", "Target": "/d"}]})
    _, document, lost = exported(spec)
    assert lost == []
    assert document["networks"] == {"back": {"external": True, "name": "back"},
                                    "front": {"external": True, "name": "front"}}
    assert document["secrets"] == {"db-password": {"external": True, "name": "db-password"}}
    # An ID the engine no longer names: the name the reference carries.
    assert document["configs"] == {"old-conf": {"external": True, "name": "old-conf"}}
    assert document["volumes"] == {"data": {"external": True, "name": "data"}}


@pytest.mark.parametrize("changes", [
    {"CS.OomScoreAdj": 100},
    {"CS.Healthcheck": {"Test": ["CMD-SHELL", "true"], "StartInterval": S}},
    {"TaskTemplate.Networks": [{"Target": "net-id", "Aliases": ["web"],
                                "DriverOpts": {"com.example": "1"}}]},
], ids=["oom-score-adj", "start-interval", "network-driver-opts"])
def test_latest_version_only_when_a_field_needs_it(changes):
    assert compose_file([("web", stored())], NAMES).version == BASE_VERSION
    result = compose_file([("web", stored(**changes))], NAMES)
    assert (result.version, result.unexpressible) == (LATEST_VERSION, [])
    assert yaml.safe_load(result.text)["version"] == LATEST_VERSION


def test_services_keep_their_order_and_a_name_twice_is_refused():
    result = compose_file([("b", stored(Name="b")), ("a", stored(Name="a"))], NAMES)
    assert list(yaml.safe_load(result.text)["services"]) == ["b", "a"]
    with pytest.raises(ValueError, match="'a' is given twice"):
        compose_file([("a", stored()), ("a", stored())], NAMES)


def test_the_spec_given_is_not_changed():
    spec = stored(**{"CS.Env": ["A=1"], "Labels": {"a": "b"}})
    before = copy.deepcopy(spec)
    compose_file([("web", spec)], NAMES)
    assert spec == before


# -- the YAML emitter -------------------------------------------------------------------------

# Strings a plain (unquoted) YAML scalar would turn into something else, or that would not
# parse at all: booleans of YAML 1.1 and 1.2, null, numbers, times, indicators, comments,
# significant spaces, escapes, line breaks, non-ASCII and compose's $ interpolation.
TRICKY = [
    "yes", "Yes", "YES", "no", "on", "ON", "off", "y", "n", "N", "true", "False", "null", "~",
    "", "1", "1.0", "-.5", "+1", "0x1F", "0o17", "1e3", ".inf", ".NaN", "2026-12-05", "12:30",
    ":", "a: b", "a:b", "#", "a #b", "- x", "-", "? q", "{a}", "[a]", "*ref", "&anc", "!tag",
    "%x", "@x", "`x", "|", ">", "=", "<<", "'s'", '"d"', "back\\slash", "  leading",
    "trailing  ", " ", "a\nb", "line\n", "\r\n", "tab\there", "\x00nul", "\x01ctl", "\x1bESC",
    "\x7fdel", "\x85nel", "\xa0nbsp", "\u2028ls", "\u2029ps", "\ufeffbom", "héllo", "日本語",
    "😀", "$HOME", "${X}", "$$", "a$", "{{.Task.Slot}}",
]


@pytest.mark.parametrize("text", TRICKY, ids=[repr(t) for t in TRICKY])
def test_every_string_reads_back_as_itself(text):
    document = yaml.safe_load(dump_yaml({"value": text, "list": [text], "map": {"k": text}}))
    # Values carry compose's $ escape ($$); PyYAML does not interpolate.
    escaped = text.replace("$", "$$")
    assert document == {"value": escaped, "list": [escaped], "map": {"k": escaped}}


@pytest.mark.parametrize("text", [t for t in TRICKY if t], ids=[repr(t) for t in TRICKY if t])
def test_keys_read_back_as_themselves(text):
    # compose does not interpolate keys: no $ escape there.
    assert yaml.safe_load(dump_yaml({text: 1})) == {text: 1}


@pytest.mark.parametrize("text, line", [
    ("plain", "value: plain"), ("yes", 'value: "yes"'), ("1.0", 'value: "1.0"'),
    ("", 'value: ""'), ("a\nb", r'value: "a\nb"'), ("\x00", r'value: "\0"'),
    ("\x1b", r'value: "\e"'), ("\x01", r'value: "\x01"'), ("\u2028", r'value: "\L"'),
    ("é", 'value: "é"'), ('say "hi"', r'value: "say \"hi\""'), ("$A", 'value: "$$A"'),
])
def test_how_strings_are_written(text, line):
    # Plain only for keys: every string value is double-quoted, control characters escaped.
    if text == "plain":
        assert dump_yaml({"value": text}) == 'value: "plain"\n'
        assert dump_yaml({text: 1}) == "plain: 1\n"
        return
    assert dump_yaml({"value": text}) == line + "\n"


@pytest.mark.parametrize("value, text", [
    ({"a": 1, "b": -2, "c": 0.25, "d": True, "e": False, "f": None},
     "a: 1\nb: -2\nc: 0.25\nd: true\ne: false\nf: null\n"),
    ({"empty_map": {}, "empty_list": []}, "empty_map: {}\nempty_list: []\n"),
    ({"list": [{"a": 1, "b": [2, 3]}, [4, 5], "x"]},
     'list:\n  - a: 1\n    b:\n      - 2\n      - 3\n  - - 4\n    - 5\n  - "x"\n'),
    ({"1": "a", "yes": "b", "a b": "c", "_x.y-z": "d"},
     '"1": "a"\n"yes": "b"\n"a b": "c"\n_x.y-z: "d"\n'),
])
def test_block_layout(value, text):
    assert dump_yaml(value) == text
    assert yaml.safe_load(text) == value


@pytest.mark.parametrize("value", [float("nan"), float("inf"), b"bytes", {1, 2}])
def test_values_yaml_cannot_hold_are_refused(value):
    with pytest.raises(TypeError):
        dump_yaml({"v": value})


def test_quote_without_interpolation_keeps_dollars():
    assert quote("$A") == '"$$A"'
    assert quote("$A", interpolate=False) == '"$A"'


def test_the_docker_cli_reads_every_string_back(tmp_path):
    """The real reader: docker's compose loader, with its interpolation, on one file holding
    every tricky string as a label key, a label value and an environment value."""
    docker = shutil.which("docker")
    if docker is None:
        if IN_CI:
            pytest.fail("the Docker CLI is needed (scripts/bootstrap installs it)")
        pytest.skip("the Docker CLI is not installed")
    labels = {f"v{index}": text for index, text in enumerate(TRICKY)}
    labels.update({text: f"k{index}" for index, text in enumerate(TRICKY) if text})
    environment = [f"E{index}={text}" for index, text in enumerate(TRICKY)]
    path = tmp_path / "stack.yml"
    path.write_text(dump_yaml({"version": BASE_VERSION, "services": {"web": {
        "image": "busybox:local", "environment": environment, "deploy": {"labels": labels}}}}),
        encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith("DOCKER_")}
    env.update(DOCKER_HOST="unix:///nonexistent/docker.sock",
               DOCKER_CONFIG=str(tmp_path / "config"), HOME=str(tmp_path))
    result = subprocess.run([docker, "stack", "config", "-c", str(path)], capture_output=True,
                            env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    # docker prints YAML 1.2 (yaml.v3): read it with no type resolution (everything here is
    # a string), so that 1.1's rules cannot add a difference of their own.
    service = yaml.load(result.stdout.decode(), Loader=yaml.BaseLoader)["services"]["web"]
    assert service["deploy"]["labels"] == labels
    assert service["environment"] == {f"E{index}": text for index, text in enumerate(TRICKY)}
