"""Fuzzing the structured flag values of create/update (swarmctl.service.parsers):
--mount, --publish, --secret/--config, --network, --placement-pref, --ulimit,
--generic-resource, --host, --dns, --dns-search, --sysctl, --cap-add/--cap-drop,
--credential-spec."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from swarmctl.service import parsers
from tests.fuzz.checks import rule_value
from tests.fuzz.strategies import ANY_TEXT, NUMBERS, syntax

COMMON = [",", "=", '"', " ", "\n", "\x00", "\udcff", "é", "true", "false", "1", "0", "-1",
          "0755", "x"]

MOUNT = syntax(COMMON + [
    "type=", "bind", "volume", "tmpfs", "image", "npipe", "cluster", "source=", "src=",
    "target=", "dst=", "destination=", "/a", "./rel", "..", "readonly", "ro", "consistency=",
    "bind-propagation=", "rshared", "bind-nonrecursive=", "bind-recursive=", "enabled",
    "disabled", "writable", "bind-create-host-path=", "volume-driver=", "volume-label=",
    "volume-nocopy", "volume-opt=", "volume-subpath=", "image-subpath=", "tmpfs-size=",
    "tmpfs-mode=", "1m", "-5", "1e3", "TYPE=", "Target="])


@given(MOUNT)
def test_mounts(value):
    warnings = []
    result = rule_value(parsers.parse_mount, value, "/work", warnings)
    if isinstance(result, dict):
        assert result["Type"]
    assert all(isinstance(w, str) for w in warnings)


PORTS = syntax(COMMON + [
    "80", "8080", ":", "-", "/", "tcp", "udp", "sctp", "published=", "target=", "mode=",
    "protocol=", "host", "ingress", "127.0.0.1", "[::1]", "::", "65535", "65536", "0-",
    "1-2", "99999999999999999999"] + NUMBERS[:12])


@given(PORTS)
def test_ports(value):
    result = rule_value(parsers.parse_port_specs, value)
    if isinstance(result, list):
        for port in result:
            assert 0 <= port.get("TargetPort", 0) <= 65535
            assert 0 <= port.get("PublishedPort", 0) <= 65535
    rule_value(parsers.parse_publish_rm, value)


REFERENCES = syntax(COMMON + ["source=", "src=", "target=", "uid=", "gid=", "mode=", "name",
                              "0400", "0x1ff", "4294967296", "0b1", "/etc/x", "../x"])


@given(st.lists(REFERENCES, max_size=3), st.sampled_from(["secret", "config"]))
def test_secrets_and_configs(values, kind):
    parsed = []
    for value in values:
        result = rule_value(parsers.parse_secret_or_config, value, kind)
        if isinstance(result, dict):
            parsed.append(result)
    rule_value(parsers.dedupe_references, parsed, kind)


NETWORKS = syntax(COMMON + ["name=", "alias=", "driver-opt=", "ip=", "ip6=", "mac-address=",
                            "link-local-ip=", "gw-priority=", "net", "a=b", "NAME=", "10.0.0.1",
                            "fe80::1", "00:11:22:33:44:55", "9223372036854775808"])


@given(NETWORKS)
def test_networks(value):
    result = rule_value(parsers.parse_network, value)
    if isinstance(result, dict):
        assert isinstance(result["Target"], str)


@given(syntax(COMMON + ["spread=", "node.labels.az", "Spread="]))
def test_placement_preferences(value):
    rule_value(parsers.parse_placement_pref, value)


@given(st.lists(syntax(COMMON + ["nofile=", "nproc=", "core", ":", "-1", "1024:2048",
                                 "unlimited", "9223372036854775808", "memlock="]), max_size=3))
def test_ulimits(values):
    parsed = []
    for value in values:
        result = rule_value(parsers.parse_ulimit, value)
        if isinstance(result, dict):
            parsed.append(result)
    rule_value(parsers.ulimits_list, parsed)


@given(st.lists(syntax(COMMON + ["gpu=", "ssd", "=2", "NVIDIA-GPU=", "uuid", "99999999999999999999",
                                 "0x10", " "]), max_size=3))
def test_generic_resources(values):
    for value in values:
        rule_value(parsers.parse_generic_resource, value)
    rule_value(parsers.parse_generic_resources, values)


HOSTS = syntax(COMMON + [":", "[", "]", "::1", "host-gateway", "10.0.0.1", "a.example", "%eth0",
                         "1.2.3.4.5", "::ffff:1.2.3.4", "0:0::1", "fe80::1%lo"])


@given(HOSTS)
def test_hosts_and_dns(value):
    rule_value(parsers.validate_extra_host, value)
    rule_value(parsers.parse_host_entry, value)
    rule_value(parsers.parse_dns_ip, value)
    rule_value(parsers.parse_dns_search, value)


@given(ANY_TEXT)
def test_sysctls(value):
    key, val = rule_value(parsers.parse_sysctl, value)
    assert isinstance(key, str) and isinstance(val, str)


@given(st.lists(syntax(COMMON + ["ALL", "all", "RESET", "cap_", "CAP_NET_ADMIN", "net_raw", " "]),
                max_size=3),
       st.lists(syntax(COMMON + ["ALL", "RESET", "CAP_", "chown"]), max_size=3))
def test_capabilities(add, drop):
    for cap in add + drop:
        rule_value(parsers.normalize_capability, cap)
    rule_value(parsers.capability_set, add)
    rule_value(parsers.normalize_capabilities, add, drop)


@given(syntax(COMMON + ["config://", "file://", "registry://", "://", "spec.json", "HKLM\\x"]))
def test_credential_specs(value):
    rule_value(parsers.parse_credential_spec, value)
