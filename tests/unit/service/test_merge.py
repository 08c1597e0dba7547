"""Table-driven tests for swarmctl.service.merge.

The update tables were checked against the Docker CLI 28.2.2 with ``docker service update``
on a stored spec (a stub engine recording the request body; the lists Go leaves in random map
order compared as sets). Inputs are built with swarmctl.service.parsers.
"""

import pytest

from swarmctl.service import merge as S
from swarmctl.service import parsers as P
from swarmctl.service.errors import GoPanic, SpecError


ENV_UPDATES = [
    (['A=1', 'B=2', 'A=3', 'C', 'D=4'], ['A'], [], ['B=2', 'C', 'D=4']),
    (['A=1', 'B=2', 'A=3', 'C', 'D=4'], [], ['B=9', 'E=1'], ['A=3', 'B=9', 'C', 'D=4', 'E=1']),
    (['A=1', 'B=2', 'A=3', 'C', 'D=4'], ['C'], ['C=5'], ['A=3', 'B=2', 'D=4', 'C=5']),
    (['A=1', 'B=2', 'A=3', 'C', 'D=4'], [], [], ['A=1', 'B=2', 'A=3', 'C', 'D=4']),
    (['A=1', 'B=2', 'A=3', 'C', 'D=4'], ['A', 'B', 'C', 'D'], [], []),
    (['A=1', 'B=2', 'A=3', 'C', 'D=4'], [], ['A=7'], ['A=7', 'B=2', 'C', 'D=4']),
    (None, [], ['X=1'], ['X=1']),
]

MOUNT_UPDATES = [
    ([{'Type': 'volume', 'Source': 'z', 'Target': '/a'}, {'Type': 'bind', 'Source': '/b', 'Target': '/b'}, {'Type': 'volume', 'Target': '/c'}], [], [], [{'Type': 'volume', 'Target': '/c'}, {'Type': 'bind', 'Source': '/b', 'Target': '/b'}, {'Type': 'volume', 'Source': 'z', 'Target': '/a'}]),
    ([{'Type': 'volume', 'Source': 'z', 'Target': '/a'}, {'Type': 'bind', 'Source': '/b', 'Target': '/b'}, {'Type': 'volume', 'Target': '/c'}], ['type=bind,src=/x,dst=/a', 'src=v,dst=/d'], ['/b'], [{'Type': 'volume', 'Target': '/c'}, {'Type': 'bind', 'Source': '/x', 'Target': '/a'}, {'Type': 'volume', 'Source': 'v', 'Target': '/d'}]),
    (None, ['dst=/z', 'src=a,dst=/y'], [], [{'Type': 'volume', 'Target': '/z'}, {'Type': 'volume', 'Source': 'a', 'Target': '/y'}]),
    ([{'Type': 'volume', 'Source': 'z', 'Target': '/a'}, {'Type': 'bind', 'Source': '/b', 'Target': '/b'}, {'Type': 'volume', 'Target': '/c'}], [], ['/nope', '/c'], [{'Type': 'bind', 'Source': '/b', 'Target': '/b'}, {'Type': 'volume', 'Source': 'z', 'Target': '/a'}]),
]

STORED_PORTS = [{'Protocol': 'tcp', 'TargetPort': 80, 'PublishedPort': 30210, 'PublishMode': 'ingress'}, {'Protocol': 'udp', 'TargetPort': 81, 'PublishedPort': 9999, 'PublishMode': 'ingress'}, {'Protocol': 'tcp', 'TargetPort': 82, 'PublishedPort': 82, 'PublishMode': 'host'}, {'Protocol': 'tcp', 'TargetPort': 80, 'PublishedPort': 30210, 'PublishMode': 'ingress'}]

PORT_UPDATES = [
    ([], ['80'], [{'Protocol': 'tcp', 'TargetPort': 82, 'PublishedPort': 82, 'PublishMode': 'host'}, {'Protocol': 'udp', 'TargetPort': 81, 'PublishedPort': 9999, 'PublishMode': 'ingress'}]),
    ([], ['82'], [{'Protocol': 'tcp', 'TargetPort': 80, 'PublishedPort': 30210, 'PublishMode': 'ingress'}, {'Protocol': 'tcp', 'TargetPort': 82, 'PublishedPort': 82, 'PublishMode': 'host'}, {'Protocol': 'udp', 'TargetPort': 81, 'PublishedPort': 9999, 'PublishMode': 'ingress'}]),
    ([], ['target=82,mode=host'], [{'Protocol': 'tcp', 'TargetPort': 80, 'PublishedPort': 30210, 'PublishMode': 'ingress'}, {'Protocol': 'udp', 'TargetPort': 81, 'PublishedPort': 9999, 'PublishMode': 'ingress'}]),
    (['30211:81/udp'], [], [{'Protocol': 'tcp', 'TargetPort': 80, 'PublishedPort': 30210, 'PublishMode': 'ingress'}, {'Protocol': 'udp', 'TargetPort': 81, 'PublishedPort': 30211, 'PublishMode': 'ingress'}, {'Protocol': 'tcp', 'TargetPort': 82, 'PublishedPort': 82, 'PublishMode': 'host'}, {'Protocol': 'udp', 'TargetPort': 81, 'PublishedPort': 9999, 'PublishMode': 'ingress'}]),
    (['30210:80'], ['30210:80'], [{'Protocol': 'tcp', 'TargetPort': 82, 'PublishedPort': 82, 'PublishMode': 'host'}, {'Protocol': 'udp', 'TargetPort': 81, 'PublishedPort': 9999, 'PublishMode': 'ingress'}]),
    (['1:2', '1:2'], [], [{'Protocol': 'tcp', 'TargetPort': 2, 'PublishedPort': 1, 'PublishMode': 'ingress'}, {'Protocol': 'tcp', 'TargetPort': 2, 'PublishedPort': 1, 'PublishMode': 'ingress'}, {'Protocol': 'tcp', 'TargetPort': 80, 'PublishedPort': 30210, 'PublishMode': 'ingress'}, {'Protocol': 'tcp', 'TargetPort': 82, 'PublishedPort': 82, 'PublishMode': 'host'}, {'Protocol': 'udp', 'TargetPort': 81, 'PublishedPort': 9999, 'PublishMode': 'ingress'}]),
    (['5000-5001:500-501'], ['81/udp'], [{'Protocol': 'tcp', 'TargetPort': 80, 'PublishedPort': 30210, 'PublishMode': 'ingress'}, {'Protocol': 'tcp', 'TargetPort': 500, 'PublishedPort': 5000, 'PublishMode': 'ingress'}, {'Protocol': 'tcp', 'TargetPort': 501, 'PublishedPort': 5001, 'PublishMode': 'ingress'}, {'Protocol': 'tcp', 'TargetPort': 82, 'PublishedPort': 82, 'PublishMode': 'host'}]),
]


# checked with docker service update --cap-add/--cap-drop
@pytest.mark.parametrize("stored_add,stored_drop,add,drop,expected", [
    (["CAP_A"], ["CAP_B"], ["b"], ["a"], ([], [])),
    (["CAP_A"], [], ["RESET", "c"], [], (["CAP_C"], [])),
    ([], ["CAP_X"], [], ["reset"], ([], [])),
    (["CAP_A"], [], ["x"], ["x"], (["CAP_A", "CAP_X"], [])),
    ([], [], ["all", "b"], [], (["ALL"], [])),
    (["ALL"], [], [], ["z"], (["ALL"], ["CAP_Z"])),
    (None, None, ["a"], None, (["CAP_A"], [])),
    (["CAP_A"], None, None, ["a"], ([], [])),
    (["cap_a"], ["b"], None, ["c"], (["CAP_A"], ["CAP_B", "CAP_C"])),
])
def test_merge_capabilities(stored_add, stored_drop, add, drop, expected):
    assert S.merge_capabilities(stored_add, stored_drop, add, drop) == expected


# ---------------------------------------------------------------------------
# update merges (checked with docker service update against stored specs)


@pytest.mark.parametrize("current,rm,add,expected", ENV_UPDATES)
def test_update_env(current, rm, add, expected):
    got = S.update_env(current, rm, add)
    assert got == expected
    if add:
        # docker rebuilds the list in Go map order: only the set is fixed
        assert sorted(got) == sorted(expected)


@pytest.mark.parametrize("current,rm,add,expected", [
    ({"a": "1", "b": "2"}, ["a"], ["c=3", "b"], {"b": "", "c": "3"}),
    (None, ["a"], [], None),
    (None, [], ["z=1", "a"], {"a": "", "z": "1"}),
    ({"a": "1"}, ["a=1"], [], {"a": "1"}),
    ({"a": "1"}, [], [], {"a": "1"}),
    ({}, ["x"], [], {}),
])
def test_update_labels(current, rm, add, expected):
    got = S.update_labels(current, rm, add)
    assert got == expected
    if got:
        assert list(got) == sorted(got)


def test_update_labels_does_not_mutate():
    cur = {"a": "1"}
    S.update_labels(cur, ["a"], ["b=2"])
    assert cur == {"a": "1"}


@pytest.mark.parametrize("current,rm,add,expected", [
    ({"net.a": "1", "net.b": "2"}, ["net.a=5"], ["net.c"], {"net.b": "2", "net.c": ""}),
    (None, [], ["k=v"], {"k": "v"}),
    (None, ["k"], [], None),
])
def test_update_sysctls(current, rm, add, expected):
    assert S.update_sysctls(current, rm, add) == expected


@pytest.mark.parametrize("current,add,rm,expected", MOUNT_UPDATES)
def test_update_mounts(current, add, rm, expected):
    assert S.update_mounts(current, [P.parse_mount(a) for a in add], rm) == expected


def test_update_mounts_duplicate_target():
    with pytest.raises(SpecError) as exc:
        S.update_mounts([], [P.parse_mount("dst=/q"), P.parse_mount("src=v,dst=/q")])
    assert str(exc.value) == "duplicate mount target"


@pytest.mark.parametrize("add,rm,expected", PORT_UPDATES)
def test_update_ports(add, rm, expected):
    adds = [p for a in add for p in P.parse_port_specs(a)]
    rms = [p for r in rm for p in P.parse_publish_rm(r)]
    assert S.update_ports(STORED_PORTS, adds, rms) == expected


@pytest.mark.parametrize("port,key", [
    ({"Protocol": "tcp", "TargetPort": 80, "PublishedPort": 30210, "PublishMode": "ingress"}, "30210:80/tcp/ingress"),
    ({"Protocol": "udp", "TargetPort": 81}, "0:81/udp/"),
    ({}, "0:0//"),
])
def test_port_config_key(port, key):
    assert S.port_config_key(port) == key


def test_update_ports_string_sort_and_empty_defaults():
    stored = [{"TargetPort": 80, "PublishedPort": 9999}, {"Protocol": "tcp", "TargetPort": 81, "PublishedPort": 30211, "PublishMode": "ingress"}]
    # string order: "30211:..." < "9999:..."
    assert S.update_ports(stored) == [stored[1], stored[0]]
    # empty protocol/mode match tcp/ingress
    assert S.update_ports(stored, [], P.parse_publish_rm("80")) == [stored[1]]
    assert S.update_ports(None, P.parse_port_specs("1:2"), []) == P.parse_port_specs("1:2")


@pytest.mark.parametrize("current,add,rm,expected", [
    (["node.role==manager", "a!=b"], ["a!=b", "z==1"], ["node.role==manager"], ["a!=b", "a!=b", "z==1"]),
    (None, ["b==1", "a==1"], [], ["a==1", "b==1"]),
    (["x==1"], [], ["x==1"], []),
])
def test_update_constraints(current, add, rm, expected):
    assert S.update_constraints(current, add, rm) == expected


@pytest.mark.parametrize("current,add,rm,expected", [
    (["b", "a"], ["c"], ["a"], ["b", "c"]),
    (["b"], ["b"], [], ["b", "b"]),
    (None, [], ["x"], []),
])
def test_update_groups(current, add, rm, expected):
    assert S.update_groups(current, add, rm) == expected


def _spread(d):
    return {"Spread": {"SpreadDescriptor": d}}


@pytest.mark.parametrize("current,add,rm,expected", [
    ([_spread("x"), _spread("y")], ["spread=z"], ["spread=x"], [_spread("y"), _spread("z")]),
    ([_spread("x"), _spread("y")], [], ["spread=x", "spread=y"], []),
    ([_spread("x")], ["spread=x"], [], [_spread("x"), _spread("x")]),
    (None, ["spread=a"], [], [_spread("a")]),
])
def test_update_placement_prefs(current, add, rm, expected):
    got = S.update_placement_prefs(current, [P.parse_placement_pref(a) for a in add],
                                   [P.parse_placement_pref(r) for r in rm])
    assert got == expected


DNS0 = {"Nameservers": ["8.8.8.8", "1.1.1.1", "8.8.8.8"], "Search": ["b.com", "a.com"], "Options": ["ndots:2"]}


@pytest.mark.parametrize("kwargs,expected", [
    (dict(nameservers_add=["9.9.9.9"], nameservers_rm=["1.1.1.1"]),
     {"Nameservers": ["8.8.8.8", "9.9.9.9"], "Search": ["a.com", "b.com"], "Options": ["ndots:2"]}),
    (dict(options_rm=["ndots:2"], search_add=["c.com"]),
     {"Nameservers": ["1.1.1.1", "8.8.8.8"], "Search": ["a.com", "b.com", "c.com"]}),
    (dict(search_rm=["a.com", "b.com"], nameservers_rm=["8.8.8.8", "1.1.1.1"], options_rm=["ndots:2"]), {}),
])
def test_update_dns_config(kwargs, expected):
    got = S.update_dns_config(DNS0, **kwargs)
    assert got == expected
    assert list(got) == [k for k in ("Nameservers", "Search", "Options") if k in got]


def test_update_dns_config_from_nothing():
    assert S.update_dns_config(None, nameservers_add=["1.1.1.1", "1.1.1.1"]) == {"Nameservers": ["1.1.1.1"]}


@pytest.mark.parametrize("current,add,rm,expected", [
    (["127.0.0.1 a b", "10.0.0.1 a"], [], ["a:10.0.0.1"], ["127.0.0.1 a b"]),
    (["127.0.0.1 a a b"], [], ["a"], ["127.0.0.1 a b"]),
    (["127.0.0.1 a"], ["x:1.1.1.1", "x=1.1.1.1"], ["a"], ["1.1.1.1 x"]),
    (["  ", "1.1.1.1 c"], ["c:1.1.1.1"], [], ["1.1.1.1 c"]),
    (["127.0.0.1 a a x", "1.1.1.1 b"], ["c:1.2.3.4", "b:1.1.1.1"], ["a"], ["127.0.0.1 a x", "1.1.1.1 b", "1.2.3.4 c"]),
    (["1.1.1.1   b\tc"], [], [], ["1.1.1.1 b c"]),
    (None, ["h:::1"], [], ["::1 h"]),
    (["1.1.1.1 a"], [], ["a:2.2.2.2", "b"], ["1.1.1.1 a"]),
])
def test_update_hosts(current, add, rm, expected):
    assert S.update_hosts(current, [P.parse_host_entry(a) for a in add], rm) == expected


@pytest.mark.parametrize("current,message", [
    (["127.0.0.1 x a a"], "runtime error: slice bounds out of range [3:2]"),
    (["127.0.0.1 b a a"], "runtime error: slice bounds out of range [3:2]"),
    (["127.0.0.1 a a"], "runtime error: slice bounds out of range [2:1]"),
])
def test_update_hosts_panics(current, message):
    with pytest.raises(GoPanic) as exc:
        S.update_hosts(current, [], ["a"])
    assert str(exc.value) == message


U0 = [{"Name": "nproc", "Hard": 5, "Soft": 5}, {"Name": "core", "Hard": 1, "Soft": 1}]


@pytest.mark.parametrize("current,add,rm,expected", [
    (U0, ["nofile=10:20", "nofile=1"], ["nproc"],
     [{"Name": "core", "Hard": 1, "Soft": 1}, {"Name": "nofile", "Hard": 1, "Soft": 1}]),
    (U0, [], [], [U0[1], U0[0]]),
    (U0, [], ["nproc=1", "core"], None),
    (None, [], [], None),
    (None, ["core=2"], [], [{"Name": "core", "Hard": 2, "Soft": 2}]),
])
def test_update_ulimits(current, add, rm, expected):
    assert S.update_ulimits(current, [P.parse_ulimit(a) for a in add], rm) == expected


G0 = [{"DiscreteResourceSpec": {"Kind": "gpu", "Value": 1}}, {"DiscreteResourceSpec": {"Kind": "fpga", "Value": 2}}]


@pytest.mark.parametrize("current,add,rm,expected", [
    (G0, ["gpu=3", "ssd=1"], ["fpga"],
     [{"DiscreteResourceSpec": {"Kind": "gpu", "Value": 3}}, {"DiscreteResourceSpec": {"Kind": "ssd", "Value": 1}}]),
    (G0, [], [], G0),
    (None, [], [], None),
    (None, ["gpu=1"], [], [{"DiscreteResourceSpec": {"Kind": "gpu", "Value": 1}}]),
    (G0, [], ["gpu", "fpga"], []),
])
def test_update_generic_resources(current, add, rm, expected):
    got = S.update_generic_resources(current, add, rm)
    assert got == expected


@pytest.mark.parametrize("current,add,rm,message", [
    (G0, [], ["nope"], "could not find generic-resource `nope` to remove it"),
    (G0 + G0[:1], [], ["gpu"], "duplicate generic-resource `gpu` for service task"),
    (G0, ["gpu=a"], [], "invalid generic-resource request `gpu=a`, Named Generic Resources is not supported for service create or update"),
    (G0, ["gpu=1", "gpu=2"], [], "invalid generic resource specification: could not parse GenericResource: mixed discrete and named resources in expression 'gpu=[1 2]'"),
])
def test_update_generic_resources_errors(current, add, rm, message):
    with pytest.raises(SpecError) as exc:
        S.update_generic_resources(current, add, rm)
    assert str(exc.value) == message


def _secret(name, target=None, sid=None):
    ref = P.parse_secret_or_config("source=%s,target=%s" % (name, target or name))
    ref["SecretID"] = sid or "sid-" + name
    return ref


def test_update_secrets():
    s0 = [_secret("a"), _secret("b")]
    assert S.update_secrets(s0, ["a"], [_secret("c", "b")]) == [_secret("b"), _secret("c", "b")]
    assert S.update_secrets(s0) == s0
    assert S.update_secrets(None, [], []) == []
    assert S.update_secrets(s0, ["a", "b", "zzz"]) == []


C0 = [{"File": {"Name": "a", "UID": "0", "GID": "0", "Mode": 292}, "ConfigID": "cid-a", "ConfigName": "a"},
      {"Runtime": {}, "ConfigID": "cid-cred", "ConfigName": "cred"}]
RT_OTHER = {"Runtime": {}, "ConfigID": "cid-other", "ConfigName": "other"}
RT_CRED = {"Runtime": {}, "ConfigID": "cid-cred", "ConfigName": "cred"}


# docker service update on a spec with Configs=C0 and
# Privileges.CredentialSpec.Config="cid-cred"
@pytest.mark.parametrize("rm,added,name,cid,expected", [
    ([], [], "", "cid-cred", C0),                         # --force
    ([], [], "", "", C0[:1]),                             # --credential-spec file://x  (or '')
    ([], [RT_CRED], "cred", "", C0 + [RT_CRED]),          # --credential-spec config://cred (docker duplicates it)
    (["a"], [RT_OTHER], "other", "", [RT_OTHER]),         # --credential-spec config://other --config-rm a
])
def test_update_configs(rm, added, name, cid, expected):
    assert S.update_configs(C0, rm, added, cred_spec_name=name, cred_spec_id=cid) == expected


# ---------------------------------------------------------------------------
# module hygiene


def test_module_imports_only_stdlib_and_rules():
    import ast
    tree = ast.parse(open(S.__file__).read())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module)
    assert names <= {"__future__", "typing", "swarmctl.golang", "swarmctl.service.errors",
                     "swarmctl.service.parsers", "swarmctl.service.values"}
