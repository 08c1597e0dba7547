"""Table-driven tests for swarmctl.service.parsers (its update merges: test_merge.py).

Every parse table below was checked against the Docker CLI 28.2.2: each value
was given to ``docker service create`` (with a stub engine recording the
request body) and the body or the flag error compared.
"""

import json

import pytest

from swarmctl.service import parsers as S
from swarmctl.service.errors import FlagValueError, SpecError

CWD = "/home/u/proj"

MOUNT_OK = [
    ('type=bind,src=./x,dst=/a', {'Type': 'bind', 'Source': '/home/u/proj/x', 'Target': '/a'}),
    ('type=bind,source=/s,target=/t,readonly,bind-propagation=RSHARED', {'Type': 'bind', 'Source': '/s', 'Target': '/t', 'ReadOnly': True, 'BindOptions': {'Propagation': 'rshared'}}),
    ('type=BIND,src=/s,dst=/t,ro=1', {'Type': 'bind', 'Source': '/s', 'Target': '/t', 'ReadOnly': True}),
    ('src=v,dst=/t', {'Type': 'volume', 'Source': 'v', 'Target': '/t'}),
    ('dst=/t,volume-driver=local,volume-opt=a=b,volume-opt=c,volume-label=x=y,volume-label==z,volume-nocopy', {'Type': 'volume', 'Target': '/t', 'VolumeOptions': {'NoCopy': True, 'Labels': {'x': 'y'}, 'DriverConfig': {'Name': 'local', 'Options': {'a': 'b', 'c': ''}}}}),
    ('type=tmpfs,dst=/t,tmpfs-size=1g,tmpfs-mode=1770', {'Type': 'tmpfs', 'Target': '/t', 'TmpfsOptions': {'SizeBytes': 1073741824, 'Mode': 1016}}),
    ('type=bind,src=/a,dst=/t,bind-recursive=readonly,ro,bind-propagation=rprivate', {'Type': 'bind', 'Source': '/a', 'Target': '/t', 'ReadOnly': True, 'BindOptions': {'Propagation': 'rprivate', 'ReadOnlyForceRecursive': True}}),
    ('type=bind,src=/a,dst=/t,bind-recursive=disabled', {'Type': 'bind', 'Source': '/a', 'Target': '/t', 'BindOptions': {'NonRecursive': True}}),
    ('type=bind,src=/a,dst=/t,bind-nonrecursive', {'Type': 'bind', 'Source': '/a', 'Target': '/t', 'BindOptions': {'NonRecursive': True}}),
    ('type=bind,src=/a,dst=/t,bind-nonrecursive=false', {'Type': 'bind', 'Source': '/a', 'Target': '/t', 'BindOptions': {}}),
    ('TYPE=npipe,DST=/t,Consistency=CACHED', {'Type': 'npipe', 'Target': '/t', 'Consistency': 'cached'}),
    ('type=image,src=img,dst=/t,image-subpath=/x', {'Type': 'image', 'Source': 'img', 'Target': '/t', 'ImageOptions': {'Subpath': '/x'}}),
    ('type=volume,dst=/t,volume-subpath=sp', {'Type': 'volume', 'Target': '/t', 'VolumeOptions': {'Subpath': 'sp', 'DriverConfig': {}}}),
    ('dst=/t,"src=a,b"', {'Type': 'volume', 'Source': 'a,b', 'Target': '/t'}),
    ('type=cluster,dst=/t,src=x', {'Type': 'cluster', 'Source': 'x', 'Target': '/t'}),
    ('src=../up/./x,dst=/t', {'Type': 'volume', 'Source': '/home/u/up/x', 'Target': '/t'}),
    ('src=.,dst=/t', {'Type': 'volume', 'Source': '/home/u/proj', 'Target': '/t'}),
    ('src=.hidden,dst=/t', {'Type': 'volume', 'Source': '/home/u/proj/.hidden', 'Target': '/t'}),
    ('type=tmpfs,dst=/t,tmpfs-size=0', {'Type': 'tmpfs', 'Target': '/t', 'TmpfsOptions': {}}),
    ('type=bind,src=/s,dst=/t,readonly=false', {'Type': 'bind', 'Source': '/s', 'Target': '/t'}),
]
MOUNT_ERR = [
    ('type=bind,src=/s,dst=/t,ro=x', 'invalid value for ro: x'),
    ('src=v', 'target is required'),
    ('type=tmpfs,dst=/t,tmpfs-mode=999', 'invalid value for tmpfs-mode: 999'),
    ('type=tmpfs,dst=/t,tmpfs-size=12x', 'invalid value for tmpfs-size: 12x'),
    ('type=tmpfs,dst=/t,volume-nocopy', "cannot mix 'volume-*' options with mount type 'tmpfs'"),
    ('type=bind,src=/a,dst=/t,bind-recursive=readonly', "option 'bind-recursive=readonly' requires 'readonly' to be specified in conjunction"),
    ('type=bind,src=/a,dst=/t,bind-recursive=readonly,ro', "option 'bind-recursive=readonly' requires 'bind-propagation=rprivate' to be specified in conjunction"),
    ('type=bind,src=/a,dst=/t,bind-recursive=writable', "option 'bind-recursive=writable' requires 'readonly' to be specified in conjunction"),
    ('type=bind,src=/a,dst=/t,bind-recursive=Enabled', 'invalid value for bind-recursive: Enabled (must be "enabled", "disabled", "writable", or "readonly")'),
    ('type=volume,dst=/t,bind-nonrecursive', "cannot mix 'bind-*' options with mount type 'volume'"),
    ('foo=bar,dst=/t', "unexpected key 'foo' in 'foo=bar'"),
    ('dst=/t,foo', "invalid field 'foo' must be a key=value pair"),
    ('dst=/t,', "invalid field '' must be a key=value pair"),
    ('', 'EOF'),
    ('type=,dst=/t', 'type is required'),
    ('type=volume,dst=/t,image-subpath=/x', "cannot mix 'image-*' options with mount type 'volume'"),
    ('dst=/t,src=a"b', 'parse error on line 1, column 13: bare " in non-quoted-field'),
    ('dst=/t,volume-nocopy=maybe', 'invalid value for volume-nocopy: maybe'),
]

PORT_OK = [
    ('80', [{'Protocol': 'tcp', 'TargetPort': 80, 'PublishMode': 'ingress'}]),
    ('80:8080', [{'Protocol': 'tcp', 'TargetPort': 8080, 'PublishedPort': 80, 'PublishMode': 'ingress'}]),
    ('8080-8082:80', [{'Protocol': 'tcp', 'TargetPort': 80, 'PublishedPort': 8080, 'PublishMode': 'ingress'}, {'Protocol': 'tcp', 'TargetPort': 80, 'PublishedPort': 8081, 'PublishMode': 'ingress'}, {'Protocol': 'tcp', 'TargetPort': 80, 'PublishedPort': 8082, 'PublishMode': 'ingress'}]),
    ('30100-30102:100-102', [{'Protocol': 'tcp', 'TargetPort': 100, 'PublishedPort': 30100, 'PublishMode': 'ingress'}, {'Protocol': 'tcp', 'TargetPort': 101, 'PublishedPort': 30101, 'PublishMode': 'ingress'}, {'Protocol': 'tcp', 'TargetPort': 102, 'PublishedPort': 30102, 'PublishMode': 'ingress'}]),
    ('80/udp', [{'Protocol': 'udp', 'TargetPort': 80, 'PublishMode': 'ingress'}]),
    ('80/UDP', [{'Protocol': 'udp', 'TargetPort': 80, 'PublishMode': 'ingress'}]),
    (':80', [{'Protocol': 'tcp', 'TargetPort': 80, 'PublishMode': 'ingress'}]),
    ('80-81:90', [{'Protocol': 'tcp', 'TargetPort': 90, 'PublishedPort': 80, 'PublishMode': 'ingress'}, {'Protocol': 'tcp', 'TargetPort': 90, 'PublishedPort': 81, 'PublishMode': 'ingress'}]),
    ('published=80,target=8080', [{'Protocol': 'tcp', 'TargetPort': 8080, 'PublishedPort': 80, 'PublishMode': 'ingress'}]),
    ('target=80,mode=HOST,protocol=UDP', [{'Protocol': 'udp', 'TargetPort': 80, 'PublishMode': 'host'}]),
    ('0', [{'Protocol': 'tcp', 'PublishMode': 'ingress'}]),
    ('0:80', [{'Protocol': 'tcp', 'TargetPort': 80, 'PublishMode': 'ingress'}]),
    ('80/tcp/x', [{'Protocol': 'tcp', 'TargetPort': 80, 'PublishMode': 'ingress'}]),
    ('::80', [{'Protocol': 'tcp', 'TargetPort': 80, 'PublishMode': 'ingress'}]),
    ('1-2-3:4-5-6', [{'Protocol': 'tcp', 'TargetPort': 4, 'PublishedPort': 1, 'PublishMode': 'ingress'}, {'Protocol': 'tcp', 'TargetPort': 5, 'PublishedPort': 2, 'PublishMode': 'ingress'}]),
    ('0:80', [{'Protocol': 'tcp', 'TargetPort': 80, 'PublishMode': 'ingress'}]),
    ('8080:80/sctp', [{'Protocol': 'sctp', 'TargetPort': 80, 'PublishedPort': 8080, 'PublishMode': 'ingress'}]),
    ('80-81', [{'Protocol': 'tcp', 'TargetPort': 80, 'PublishMode': 'ingress'}, {'Protocol': 'tcp', 'TargetPort': 81, 'PublishMode': 'ingress'}]),
]
PORT_ERR = [
    ('80/xyz', 'invalid proto: xyz'),
    ('1.2.3.4:80:80', 'hostip is not supported'),
    ('[::1]:80:80', 'hostip is not supported'),
    ('[::1:80:80', "invalid IP address [::1: address [::1:: missing ']' in address"),
    ('foo:80:80', 'invalid IP address: foo'),
    ('80:', 'no port specified: 80:<empty>'),
    ('70000', 'invalid containerPort: 70000'),
    ('x', 'invalid containerPort: x'),
    ('target=0', "missing mandatory field 'target'"),
    ('published=80', "missing mandatory field 'target'"),
    ('target=80,protocol=x', "invalid protocol value 'x'"),
    ('target=80,mode=x', "invalid publish mode value (x): must be either 'ingress' or 'host'"),
    ('target=x', 'invalid target port (x): value must be an integer: invalid syntax'),
    ('target=99999', 'invalid target port (99999): value must be an integer: value out of range'),
    ('target=80,foo=1', 'invalid field key: foo'),
    ('target=80,=1', 'invalid field: =1'),
    ('target=80,x', 'invalid field: x'),
    ('80-79', 'invalid containerPort: 80-79'),
    ('a=b', 'invalid field key: a'),
    ('target=80,published=-1', 'invalid published port (-1): value must be an integer: invalid syntax'),
    ('[1.2.3.4]:80:80', 'hostip is not supported'),
    ('1.2.3.4::80', 'hostip is not supported'),
]

SECRET_OK = [
    ('a', {'File': {'Name': 'a', 'UID': '0', 'GID': '0', 'Mode': 292}, 'SecretID': '', 'SecretName': 'a'}),
    ('source=a,target=b,uid=1,gid=2,mode=0400', {'File': {'Name': 'b', 'UID': '1', 'GID': '2', 'Mode': 256}, 'SecretID': '', 'SecretName': 'a'}),
    ('src=a,mode=400', {'File': {'Name': 'a', 'UID': '0', 'GID': '0', 'Mode': 400}, 'SecretID': '', 'SecretName': 'a'}),
    ('src=a,mode=0x1ff', {'File': {'Name': 'a', 'UID': '0', 'GID': '0', 'Mode': 511}, 'SecretID': '', 'SecretName': 'a'}),
    ('SRC=a,TARGET=t', {'File': {'Name': 't', 'UID': '0', 'GID': '0', 'Mode': 292}, 'SecretID': '', 'SecretName': 'a'}),
    ('"a b"', {'File': {'Name': 'a b', 'UID': '0', 'GID': '0', 'Mode': 292}, 'SecretID': '', 'SecretName': 'a b'}),
]
SECRET_ERR = [
    ('src=a,mode=x', 'invalid mode specified: strconv.ParseUint: parsing "x": invalid syntax'),
    ('target=b', 'source is required'),
    ('src=a,foo=1', 'invalid field in secret request: foo'),
    ('a,b', "invalid field 'a' must be a key=value pair"),
    ('=a', "invalid field '=a' must be a key=value pair"),
    ('src=a,x', "invalid field 'x' must be a key=value pair"),
    ('src=a,mode=4294967296', 'invalid mode specified: strconv.ParseUint: parsing "4294967296": value out of range'),
]

CONFIG_OK = [
    ('a', {'File': {'Name': 'a', 'UID': '0', 'GID': '0', 'Mode': 292}, 'ConfigID': '', 'ConfigName': 'a'}),
    ('src=a,target=/t,mode=0o644', {'File': {'Name': '/t', 'UID': '0', 'GID': '0', 'Mode': 420}, 'ConfigID': '', 'ConfigName': 'a'}),
]
CONFIG_ERR = [
    ('src=a,foo=1', 'invalid field in config request: foo'),
    ('target=x', 'source is required'),
]

NETWORK_OK = [
    ('mynet', {'Target': 'mynet'}),
    ('name=DC-NET-A,alias=WebAlias', {'Target': 'dc-net-a', 'Aliases': ['webalias']}),
    ('name=n,driver-opt=A=B,driver-opt= c = d ', {'Target': 'n', 'DriverOpts': {'a': 'b', 'c': 'd'}}),
    ('name=n,ip=1.2.3.4,ip6=::1,mac-address=x,link-local-ip=y,gw-priority=5', {'Target': 'n'}),
    ('name=', {'Target': 'name='}),
    ('name=n, alias = A ', {'Target': 'n', 'Aliases': ['a']}),
    ('name=', {'Target': 'name='}),
    ('a b', {'Target': 'a b'}),
    ('name=n,alias=a,alias=b', {'Target': 'n', 'Aliases': ['a', 'b']}),
]
NETWORK_ERR = [
    ('name=n,driver-opt=x', 'invalid key value pair format in driver options'),
    ('name=n,gw-priority=x', 'invalid gw-priority (x): invalid syntax'),
    ('name=n,gw-priority=99999999999999999999', 'invalid gw-priority (99999999999999999999): value out of range'),
    ('alias=x', 'network name/id is not specified'),
    ('name=n,foo=bar', 'invalid field key foo'),
    ('name=n,x', 'invalid field x'),
]

PREF_OK = [
    ('spread=node.labels.az', {'Spread': {'SpreadDescriptor': 'node.labels.az'}}),
    ('spread=', {'Spread': {'SpreadDescriptor': ''}}),
]
PREF_ERR = [
    ('foo=bar', 'unsupported placement preference foo (only spread is supported)'),
    ('spread', 'placement preference must be of the format "<strategy>=<arg>"'),
    ('=x', 'placement preference must be of the format "<strategy>=<arg>"'),
]

ULIMIT_OK = [
    ('nofile=1024', {'Name': 'nofile', 'Hard': 1024, 'Soft': 1024}),
    ('nofile=1024:2048', {'Name': 'nofile', 'Hard': 2048, 'Soft': 1024}),
    ('nofile=-1', {'Name': 'nofile', 'Hard': -1, 'Soft': -1}),
    ('nofile=5:-1', {'Name': 'nofile', 'Hard': -1, 'Soft': 5}),
    ('nofile=-1:-1', {'Name': 'nofile', 'Hard': -1, 'Soft': -1}),
    ('core=0', {'Name': 'core', 'Hard': 0, 'Soft': 0}),
]
ULIMIT_ERR = [
    ('nofile=2048:1024', 'ulimit soft limit must be less than or equal to hard limit: 2048 > 1024'),
    ('nofile=-1:5', 'ulimit soft limit must be less than or equal to hard limit: soft: -1 (unlimited), hard: 5'),
    ('nofile=1:2:3', 'too many limit value arguments - 1:2:3, can only have up to two, `soft[:hard]`'),
    ('foo=1', 'invalid ulimit type: foo'),
    ('nofile', 'invalid ulimit argument: nofile'),
    ('nofile=x', 'strconv.ParseInt: parsing "x": invalid syntax'),
    ('nofile=5:x', 'strconv.ParseInt: parsing "x": invalid syntax'),
    ('nofile=x:y', 'strconv.ParseInt: parsing "y": invalid syntax'),
    ('nofile=0x10', 'strconv.ParseInt: parsing "0x10": invalid syntax'),
    ('as=1', 'invalid ulimit type: as'),
    ('nofile=5:x', 'strconv.ParseInt: parsing "x": invalid syntax'),
    ('nofile=x:5', 'strconv.ParseInt: parsing "x": invalid syntax'),
]

HOST_OK = [
    ('a:1.2.3.4', '1.2.3.4 a'),
    ('a=1.2.3.4', '1.2.3.4 a'),
    ('a:[::1]', '::1 a'),
    ('a:::1', '::1 a'),
    ('a:host-gateway', 'host-gateway a'),
    ('a:[1.2.3.4]', '1.2.3.4 a'),
    ('a: 1.2.3.4', ' 1.2.3.4 a'),
    ('a=[::1]', '::1 a'),
    ('a:0:0::1', '0:0::1 a'),
]
HOST_ERR = [
    ('a:b', 'invalid IP address in add-host: "b"'),
    (':1.2.3.4', 'bad format for add-host: ":1.2.3.4"'),
    ('a', 'bad format for add-host: "a"'),
    ('a:b:c=1.2.3.4', 'bad format for add-host: "a:b:c=1.2.3.4"'),
    ('a:[]', 'invalid IP address in add-host: "[]"'),
]

DNS_OK = [
    ('1.2.3.4', '1.2.3.4'),
    (' 2001:db8::1 ', '2001:db8::1'),
    ('0:0::1', '::1'),
    ('::ffff:1.2.3.4', '1.2.3.4'),
    ('::ffff:102:304', '1.2.3.4'),
    ('1.2.3.4 ', '1.2.3.4'),
]
DNS_ERR = [
    ('x', 'IP address is not correctly formatted: x'),
    ('01.2.3.4', 'IP address is not correctly formatted: 01.2.3.4'),
    ('fe80::1%eth0', 'IP address is not correctly formatted: fe80::1%eth0'),
    ('[::1]', 'IP address is not correctly formatted: [::1]'),
]

SEARCH_OK = [
    ('example.com', 'example.com'),
    ('example.com.', 'example.com'),
    ('.', '.'),
    (' example.com ', 'example.com'),
    (':example', ':example'),
    ('a-b.c', 'a-b.c'),
    ('Example.COM', 'Example.COM'),
    ('a.b.c.', 'a.b.c'),
    ('a.b\n', 'a.b'),
]
SEARCH_ERR = [
    ('bad_domain', 'bad_domain is not a valid domain'),
    ('123', '123 is not a valid domain'),
    ('-a.com', '-a.com is not a valid domain'),
    ('a..b', 'a..b is not a valid domain'),
    ('xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.com', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.com is not a valid domain'),
]

CRED_OK = [
    ('file://x.json', {'Config': '', 'File': 'x.json', 'Registry': ''}),
    ('registry://r', {'Config': '', 'File': '', 'Registry': 'r'}),
    ('config://c', {'Config': 'c', 'File': '', 'Registry': ''}),
    ('', None),
]
CRED_ERR = [
    ('bogus', 'invalid credential spec: value must be prefixed with "config://", "file://", or "registry://"'),
]

GRES_FLAG_OK = [
    ('gpu=2', 'gpu=2'),
    ('a=b=c', 'a=b=c'),
    ('=', '='),
]
GRES_FLAG_ERR = [
    ('gpu', 'invalid generic-resource format `gpu` expected `name=value`'),
    ('', 'invalid generic-resource format `` expected `name=value`'),
]

GRES_OK = [
    (('gpu=2',), [{'DiscreteResourceSpec': {'Kind': 'gpu', 'Value': 2}}]),
    (('gpu=0',), [{'DiscreteResourceSpec': {'Kind': 'gpu'}}]),
    ((' gpu = 3 ',), [{'DiscreteResourceSpec': {'Kind': 'gpu', 'Value': 3}}]),
    (('gpu=2', 'fpga=1'), [{'DiscreteResourceSpec': {'Kind': 'gpu', 'Value': 2}}, {'DiscreteResourceSpec': {'Kind': 'fpga', 'Value': 1}}]),
]
GRES_ERR = [
    (('gpu=a',), 'invalid generic-resource request `gpu=a`, Named Generic Resources is not supported for service create or update'),
    (('gpu=-1',), 'invalid generic resource specification: could not parse GenericResource: cannot ask for negative resource gpu'),
    (('a=b=c',), "invalid generic resource specification: could not parse GenericResource: incorrect term a=b=c, missing '=' or malformed expression"),
    (('gpu=1', 'gpu=2'), "invalid generic resource specification: could not parse GenericResource: mixed discrete and named resources in expression 'gpu=[1 2]'"),
    (('gpu=a', 'gpu=b'), 'invalid generic-resource request `gpu=a`, Named Generic Resources is not supported for service create or update'),
    (('gpu=a', 'x=-1'), 'invalid generic resource specification: could not parse GenericResource: cannot ask for negative resource x'),
    (('gpu=1', 'gpu=a'), "invalid generic resource specification: could not parse GenericResource: mixed discrete and named resources in expression 'gpu=[1 a]'"),
]


# ---------------------------------------------------------------------------
# --mount


@pytest.mark.parametrize("value,expected", MOUNT_OK)
def test_parse_mount(value, expected):
    got = S.parse_mount(value, cwd=CWD)
    assert got == expected
    # key order is the order Go marshals the struct fields
    assert json.dumps(got) == json.dumps(expected)


@pytest.mark.parametrize("value,message", MOUNT_ERR)
def test_parse_mount_errors(value, message):
    with pytest.raises(FlagValueError) as exc:
        S.parse_mount(value, cwd=CWD)
    assert str(exc.value) == message


@pytest.mark.parametrize("value,expected", [
    ("src=./a/../b/,dst=/t", "/home/u/proj/b"),
    ("src=..,dst=/t", "/home/u"),
    ("src=.//x//y,dst=/t", "/home/u/proj/x/y"),
    ("src=a/../b,dst=/t", "a/../b"),
    ("src=/abs/../x,dst=/t", "/abs/../x"),
])
def test_parse_mount_relative_source(value, expected):
    assert S.parse_mount(value, cwd=CWD)["Source"] == expected


def test_parse_mount_root_cwd():
    assert S.parse_mount("src=./x,dst=/t", cwd="/")["Source"] == "/x"


def test_parse_mount_default_cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert S.parse_mount("src=./x,dst=/t")["Source"] == str(tmp_path / "x")


def test_parse_mount_bind_nonrecursive_warning():
    warnings = []
    S.parse_mount("type=bind,src=/a,dst=/t,bind-nonrecursive=true", warnings=warnings)
    assert warnings == ["bind-nonrecursive is deprecated, use bind-recursive=disabled instead"]
    warnings = []
    S.parse_mount("type=bind,src=/a,dst=/t,bind-nonrecursive", warnings=warnings)
    assert warnings == []


@pytest.mark.parametrize("value,expected", [
    ("DST=/t,ReadOnly", {"Type": "volume", "Target": "/t", "ReadOnly": True}),
    ("dst=/t,ro,ro=false", {"Type": "volume", "Target": "/t"}),
    ("destination=/t,type=volume,volume-label=a=1,volume-label=a=2", {"Type": "volume", "Target": "/t", "VolumeOptions": {"Labels": {"a": "2"}, "DriverConfig": {}}}),
    ("dst=/t,volume-opt==x", {"Type": "volume", "Target": "/t", "VolumeOptions": {"DriverConfig": {}}}),
    ("type=tmpfs,dst=/t,tmpfs-mode=0", {"Type": "tmpfs", "Target": "/t", "TmpfsOptions": {}}),
])
def test_parse_mount_more(value, expected):
    assert S.parse_mount(value, cwd=CWD) == expected


# ---------------------------------------------------------------------------
# --publish


@pytest.mark.parametrize("value,expected", PORT_OK)
def test_parse_port_specs(value, expected):
    got = S.parse_port_specs(value)
    assert got == expected
    for p in got:
        assert list(p) == [k for k in ("Protocol", "TargetPort", "PublishedPort", "PublishMode") if k in p]


@pytest.mark.parametrize("value,message", PORT_ERR)
def test_parse_port_specs_errors(value, message):
    with pytest.raises(FlagValueError) as exc:
        S.parse_port_specs(value)
    assert str(exc.value) == message


@pytest.mark.parametrize("value", ["80", "80/udp", "target=82,mode=host", "30210:80"])
def test_parse_publish_rm_is_port_syntax(value):
    assert S.parse_publish_rm(value) == S.parse_port_specs(value)


# ---------------------------------------------------------------------------
# --secret / --config


@pytest.mark.parametrize("value,expected", SECRET_OK)
def test_parse_secret(value, expected):
    got = S.parse_secret_or_config(value)
    assert got == expected
    assert list(got) == ["File", "SecretID", "SecretName"]
    assert list(got["File"]) == ["Name", "UID", "GID", "Mode"]


@pytest.mark.parametrize("value,message", SECRET_ERR)
def test_parse_secret_errors(value, message):
    with pytest.raises(FlagValueError) as exc:
        S.parse_secret_or_config(value, "secret")
    assert str(exc.value) == message


@pytest.mark.parametrize("value,expected", CONFIG_OK)
def test_parse_config(value, expected):
    got = S.parse_secret_or_config(value, "config")
    assert got == expected
    assert list(got) == ["File", "ConfigID", "ConfigName"]


@pytest.mark.parametrize("value,message", CONFIG_ERR)
def test_parse_config_errors(value, message):
    with pytest.raises(FlagValueError) as exc:
        S.parse_secret_or_config(value, "config")
    assert str(exc.value) == message


def test_parse_secret_or_config_bad_kind():
    with pytest.raises(ValueError):
        S.parse_secret_or_config("a", "volume")


def test_dedupe_references():
    a = S.parse_secret_or_config("source=a,target=x")
    b = S.parse_secret_or_config("source=b,target=y")
    assert S.dedupe_references([a, b]) == [a, b]
    c = S.parse_secret_or_config("source=c,target=x")
    with pytest.raises(SpecError) as exc:
        S.dedupe_references([a, b, c])
    assert str(exc.value) == "duplicate secret target for c not allowed"
    cfg1 = S.parse_secret_or_config("source=c1,target=t", "config")
    cfg2 = S.parse_secret_or_config("source=c2,target=t", "config")
    with pytest.raises(SpecError) as exc:
        S.dedupe_references([cfg1, cfg2], "config")
    assert str(exc.value) == "duplicate config target for c2 not allowed"
    rt = {"Runtime": {}, "ConfigID": "", "ConfigName": "cred"}
    assert S.dedupe_references([rt, cfg1, dict(rt)], "config") == [cfg1, rt]


# ---------------------------------------------------------------------------
# --network


@pytest.mark.parametrize("value,expected", NETWORK_OK)
def test_parse_network(value, expected):
    assert S.parse_network(value) == expected


@pytest.mark.parametrize("value,message", NETWORK_ERR)
def test_parse_network_errors(value, message):
    with pytest.raises(FlagValueError) as exc:
        S.parse_network(value)
    assert str(exc.value) == message


# ---------------------------------------------------------------------------
# small syntaxes


@pytest.mark.parametrize("value,expected", PREF_OK)
def test_parse_placement_pref(value, expected):
    assert S.parse_placement_pref(value) == expected


@pytest.mark.parametrize("value,message", PREF_ERR)
def test_parse_placement_pref_errors(value, message):
    with pytest.raises(FlagValueError) as exc:
        S.parse_placement_pref(value)
    assert str(exc.value) == message


@pytest.mark.parametrize("value,expected", ULIMIT_OK)
def test_parse_ulimit(value, expected):
    got = S.parse_ulimit(value)
    assert got == expected
    assert list(got) == ["Name", "Hard", "Soft"]


@pytest.mark.parametrize("value,message", ULIMIT_ERR)
def test_parse_ulimit_errors(value, message):
    with pytest.raises(FlagValueError) as exc:
        S.parse_ulimit(value)
    assert str(exc.value) == message


def test_ulimits_list_replaces_and_sorts():
    got = S.ulimits_list([S.parse_ulimit(v) for v in ["nproc=5", "core=1", "nproc=7:8"]])
    assert got == [{"Name": "core", "Hard": 1, "Soft": 1}, {"Name": "nproc", "Hard": 8, "Soft": 7}]
    assert S.ulimits_list([]) == []


@pytest.mark.parametrize("value,expected", GRES_FLAG_OK)
def test_parse_generic_resource_flag(value, expected):
    assert S.parse_generic_resource(value) == expected


@pytest.mark.parametrize("value,message", GRES_FLAG_ERR)
def test_parse_generic_resource_flag_errors(value, message):
    with pytest.raises(FlagValueError) as exc:
        S.parse_generic_resource(value)
    assert str(exc.value) == message


@pytest.mark.parametrize("values,expected", GRES_OK)
def test_parse_generic_resources(values, expected):
    assert S.parse_generic_resources(list(values)) == expected


@pytest.mark.parametrize("values,message", GRES_ERR)
def test_parse_generic_resources_errors(values, message):
    with pytest.raises(SpecError) as exc:
        S.parse_generic_resources(list(values))
    assert str(exc.value) == message


def test_parse_generic_resources_empty():
    assert S.parse_generic_resources([]) == []


@pytest.mark.parametrize("value,expected", HOST_OK)
def test_parse_host_entry(value, expected):
    assert S.parse_host_entry(value) == expected


@pytest.mark.parametrize("value,message", HOST_ERR)
def test_parse_host_entry_errors(value, message):
    with pytest.raises(FlagValueError) as exc:
        S.parse_host_entry(value)
    assert str(exc.value) == message


@pytest.mark.parametrize("value,expected", [
    ("a:1.2.3.4", "a:1.2.3.4"), ("a=::1", "a:::1"), ("a:[::1]", "a:::1"), ("h=host-gateway", "h:host-gateway"),
])
def test_validate_extra_host(value, expected):
    assert S.validate_extra_host(value) == expected


@pytest.mark.parametrize("value,expected", DNS_OK)
def test_parse_dns_ip(value, expected):
    assert S.parse_dns_ip(value) == expected


@pytest.mark.parametrize("value,message", DNS_ERR)
def test_parse_dns_ip_errors(value, message):
    with pytest.raises(FlagValueError) as exc:
        S.parse_dns_ip(value)
    assert str(exc.value) == message


# more forms, checked with docker service create --dns
@pytest.mark.parametrize("value,expected", [
    ("::ffff:0:1.2.3.4", "::ffff:0:102:304"),
    ("::1.2.3.4", "::102:304"),
    ("1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304"),
    ("::FFFF:1.2.3.4", "1.2.3.4"),
    ("1:0:0:1:0:0:0:1", "1:0:0:1::1"),
    ("2001:DB8:0:0:0:0:0:0", "2001:db8::"),
])
def test_parse_dns_ip_canonical_forms(value, expected):
    assert S.parse_dns_ip(value) == expected


@pytest.mark.parametrize("value", ["00001::1", "1.2.3.04", "1:2::3::4", "1.2.3", "256.1.1.1", ":::"])
def test_parse_dns_ip_refused(value):
    with pytest.raises(FlagValueError) as exc:
        S.parse_dns_ip(value)
    assert str(exc.value) == "IP address is not correctly formatted: " + value


@pytest.mark.parametrize("value,expected", SEARCH_OK)
def test_parse_dns_search(value, expected):
    assert S.parse_dns_search(value) == expected


@pytest.mark.parametrize("value,message", SEARCH_ERR)
def test_parse_dns_search_errors(value, message):
    with pytest.raises(FlagValueError) as exc:
        S.parse_dns_search(value)
    assert str(exc.value) == message


@pytest.mark.parametrize("value,expected", [
    ("net.ipv4.ip_forward=1", ("net.ipv4.ip_forward", "1")), ("k", ("k", "")),
    ("k=a=b", ("k", "a=b")), ("=v", ("", "v")), ("anything.goes=1", ("anything.goes", "1")),
])
def test_parse_sysctl(value, expected):
    assert S.parse_sysctl(value) == expected


@pytest.mark.parametrize("value,expected", CRED_OK)
def test_parse_credential_spec(value, expected):
    got = S.parse_credential_spec(value)
    assert got == expected
    if got is not None:
        assert list(got) == ["Config", "File", "Registry"]


@pytest.mark.parametrize("value,message", CRED_ERR)
def test_parse_credential_spec_errors(value, message):
    with pytest.raises(FlagValueError) as exc:
        S.parse_credential_spec(value)
    assert str(exc.value) == message


# ---------------------------------------------------------------------------
# capabilities


@pytest.mark.parametrize("cap,expected", [
    ("net_admin", "CAP_NET_ADMIN"), (" cap_sys_time ", "CAP_SYS_TIME"), ("CAP_X", "CAP_X"),
    ("all", "ALL"), ("Reset", "RESET"), ("", "CAP_"),
])
def test_normalize_capability(cap, expected):
    assert S.normalize_capability(cap) == expected


# checked with docker service create --cap-add/--cap-drop
@pytest.mark.parametrize("add,drop,expected", [
    (["net_admin"], [], (["CAP_NET_ADMIN"], [])),
    (["b", "a", "CAP_A"], [], (["CAP_A", "CAP_B"], [])),
    (["all", "b"], [], (["ALL"], [])),
    ([], ["all", "x"], ([], ["ALL"])),
    (["x"], ["x", "y"], (["CAP_X"], ["CAP_Y"])),
    (["RESET"], ["reset"], ([], [])),
    (["all"], ["all"], (["ALL"], [])),
    (None, None, ([], [])),
])
def test_normalize_capabilities(add, drop, expected):
    assert S.normalize_capabilities(add, drop) == expected


# ---------------------------------------------------------------------------
# module hygiene


def test_module_imports_only_stdlib_and_values():
    import ast
    tree = ast.parse(open(S.__file__).read())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module)
    assert names <= {"__future__", "ipaddress", "os", "re", "typing", "swarmctl.service.values",
                     "swarmctl.service.errors",
                     "swarmctl.golang", "swarmctl.golang.strconv"}  # Go behaviour: the golang leaf
