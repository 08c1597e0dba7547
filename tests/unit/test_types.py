"""swarmctl.types against docker-py's documented JSON, validation and swarmctl's extensions.

Expected JSON strings marked "reference" are copied from
/work/shared/reference/docker-py-services-api.md §9 (docker-py's documented output) and are
compared as compact JSON text, so key order counts.
"""
import json
import subprocess
import sys
from pathlib import Path

import pytest

import swarmctl as docker
from swarmctl.errors import InvalidArgument, NullResource
from swarmctl.types import (
    ConfigReference,
    ContainerSpec,
    DNSConfig,
    DriverConfig,
    EndpointSpec,
    Healthcheck,
    Mount,
    NetworkAttachmentConfig,
    Placement,
    PlacementPreference,
    Privileges,
    Resources,
    RestartPolicy,
    RollbackConfig,
    SecretReference,
    ServiceMode,
    TaskTemplate,
    Ulimit,
    UpdateConfig,
)
from swarmctl.types import services as services_module
from swarmctl.types.base import DictType


def compact(obj):
    return json.dumps(obj, separators=(",", ":"))


# (build, expected compact JSON)
JSON_CASES = [
    # reference
    pytest.param(
        lambda: TaskTemplate(
            ContainerSpec("x"),
            placement=["node.role==manager"],
            networks=["n1", {"Target": "n2"}],
            force_update=0,
            log_driver=DriverConfig("json-file", {"max-size": "1m"}),
            restart_policy=RestartPolicy("on-failure", 5, 3, 10),
            resources=Resources(cpu_limit=10**9, mem_limit=2**20),
        ),
        '{"ContainerSpec":{"Image":"x","Command":null,"Args":null},"Resources":{"Limits":{"NanoCPUs":1000000000,"MemoryBytes":1048576}},"RestartPolicy":{"Condition":"on-failure","Delay":5,"MaxAttempts":3,"Window":10},"Placement":{"Constraints":["node.role==manager"]},"LogDriver":{"Name":"json-file","Options":{"max-size":"1m"}},"Networks":[{"Target":"n1"},{"Target":"n2"}],"ForceUpdate":0}',
        id="TaskTemplate-full",
    ),
    pytest.param(
        lambda: TaskTemplate(
            ContainerSpec("x"), resources=Resources(), placement=Placement(), networks=[]
        ),
        '{"ContainerSpec":{"Image":"x","Command":null,"Args":null}}',
        id="TaskTemplate-falsy-parts-left-out",
    ),
    pytest.param(
        lambda: TaskTemplate(ContainerSpec("x"), force_update=True),
        '{"ContainerSpec":{"Image":"x","Command":null,"Args":null},"ForceUpdate":true}',
        id="TaskTemplate-force_update-bool-is-int",
    ),
    # reference
    pytest.param(
        lambda: ContainerSpec("busybox"),
        '{"Image":"busybox","Command":null,"Args":null}',
        id="ContainerSpec-minimal",
    ),
    # reference
    pytest.param(
        lambda: ContainerSpec(
            "busybox",
            'sh -c "echo hi"',
            args=["x"],
            env={"A": 1, "B": None},
            hosts={"h": "1.2.3.4"},
            workdir="/w",
            user="u",
            groups=["g"],
            labels={"l": "v"},
            mounts=["/a:/b:ro", "vol:/c"],
            stop_grace_period=5,
            tty=True,
            open_stdin=True,
            read_only=True,
            stop_signal="SIGINT",
            init=True,
            isolation="default",
            cap_add=["CAP_SYSLOG"],
            cap_drop=["CAP_NET_RAW"],
            sysctls={"net.core.somaxconn": "1024"},
            hostname="h",
        ),
        '{"Image":"busybox","Command":["sh","-c","echo hi"],"Args":["x"],"Hostname":"h","Env":["A=1","B"],"Dir":"/w","User":"u","Groups":["g"],"StopSignal":"SIGINT","StopGracePeriod":5,"Labels":{"l":"v"},"Hosts":["1.2.3.4 h"],"Mounts":[{"Target":"/b","Source":"/a","Type":"bind","ReadOnly":true},{"Target":"/c","Source":"vol","Type":"volume","ReadOnly":false}],"TTY":true,"OpenStdin":true,"ReadOnly":true,"Isolation":"default","Init":true,"CapabilityAdd":["CAP_SYSLOG"],"CapabilityDrop":["CAP_NET_RAW"],"Sysctls":{"net.core.somaxconn":"1024"}}',
        id="ContainerSpec-full",
    ),
    pytest.param(
        lambda: ContainerSpec(
            "b",
            secrets=[{"s": 1}],
            configs=[{"c": 1}],
            dns_config=DNSConfig(["8.8.8.8"]),
            privileges={"p": 1},
            healthcheck={"Test": ["NONE"]},
            tty=False,
        ),
        '{"Image":"b","Command":null,"Args":null,"Secrets":[{"s":1}],"Configs":[{"c":1}],"DNSConfig":{"Nameservers":["8.8.8.8"],"Search":null,"Options":null},"Privileges":{"p":1},"Healthcheck":{"Test":["NONE"]},"TTY":false}',
        id="ContainerSpec-secrets-to-tty-order",
    ),
    pytest.param(
        lambda: ContainerSpec(
            "b", command=["a", "b"], env=["K=v"], hosts={"web": "10.0.0.2", "db": "10.0.0.1"}
        ),
        '{"Image":"b","Command":["a","b"],"Args":null,"Env":["K=v"],"Hosts":["10.0.0.1 db","10.0.0.2 web"]}',
        id="ContainerSpec-list-command-env-list-hosts-sorted",
    ),
    pytest.param(
        lambda: ContainerSpec("b", env={"U": "\u00e9".encode()}),
        '{"Image":"b","Command":null,"Args":null,"Env":["U=\\u00e9"]}',
        id="ContainerSpec-env-bytes-decoded",
    ),
    # reference
    pytest.param(
        lambda: Mount("/t", "vol"),
        '{"Target":"/t","Source":"vol","Type":"volume","ReadOnly":false}',
        id="Mount-volume",
    ),
    # reference (the elided keys filled in)
    pytest.param(
        lambda: Mount("/t", None, type="tmpfs", tmpfs_size="64m", tmpfs_mode=0o1777),
        '{"Target":"/t","Source":null,"Type":"tmpfs","ReadOnly":false,"TmpfsOptions":{"Mode":1023,"SizeBytes":67108864}}',
        id="Mount-tmpfs",
    ),
    pytest.param(
        lambda: Mount(
            "/t", "/s", type="bind", read_only=True, consistency="cached", propagation="rshared"
        ),
        '{"Target":"/t","Source":"/s","Type":"bind","ReadOnly":true,"Consistency":"cached","BindOptions":{"Propagation":"rshared"}}',
        id="Mount-bind-propagation",
    ),
    pytest.param(
        lambda: Mount(
            "/t",
            "v",
            no_copy=True,
            labels={"a": "b"},
            driver_config=DriverConfig("local", {"o": "x"}),
            subpath="sub",
        ),
        '{"Target":"/t","Source":"v","Type":"volume","ReadOnly":false,"VolumeOptions":{"NoCopy":true,"Labels":{"a":"b"},"DriverConfig":{"Name":"local","Options":{"o":"x"}},"Subpath":"sub"}}',
        id="Mount-volume-options",
    ),
    pytest.param(
        lambda: Mount("/t", "v", type="npipe", propagation="x", labels={"a": "b"}),
        '{"Target":"/t","Source":"v","Type":"npipe","ReadOnly":false}',
        id="Mount-npipe-ignores-options",
    ),
    pytest.param(lambda: Resources(), "{}", id="Resources-empty"),
    pytest.param(
        lambda: Resources(
            cpu_limit=1, mem_limit=2, cpu_reservation=3, mem_reservation=0, generic_resources={"gpu": 2, "ssd": "a"}
        ),
        '{"Limits":{"NanoCPUs":1,"MemoryBytes":2},"Reservations":{"NanoCPUs":3,"MemoryBytes":0,"GenericResources":[{"DiscreteResourceSpec":{"Kind":"gpu","Value":2}},{"NamedResourceSpec":{"Kind":"ssd","Value":"a"}}]}}',
        id="Resources-full",
    ),
    pytest.param(
        lambda: Resources(generic_resources=[{"DiscreteResourceSpec": {"Kind": "g", "Value": 1}}]),
        '{"Reservations":{"GenericResources":[{"DiscreteResourceSpec":{"Kind":"g","Value":1}}]}}',
        id="Resources-generic-list-kept",
    ),
    # reference
    pytest.param(
        lambda: UpdateConfig(), '{"Parallelism":0,"FailureAction":"continue"}', id="UpdateConfig-default"
    ),
    pytest.param(
        lambda: UpdateConfig(2, 10, "rollback", 5000000000, 0.5, "start-first"),
        '{"Parallelism":2,"Delay":10,"FailureAction":"rollback","Monitor":5000000000,"MaxFailureRatio":0.5,"Order":"start-first"}',
        id="UpdateConfig-full",
    ),
    pytest.param(
        lambda: RollbackConfig(1, failure_action="pause", max_failure_ratio=1, order="stop-first"),
        '{"Parallelism":1,"FailureAction":"pause","MaxFailureRatio":1,"Order":"stop-first"}',
        id="RollbackConfig",
    ),
    pytest.param(
        lambda: RestartPolicy(),
        '{"Condition":"none","Delay":0,"MaxAttempts":0,"Window":0}',
        id="RestartPolicy-default",
    ),
    pytest.param(lambda: DriverConfig("x", {}), '{"Name":"x"}', id="DriverConfig-empty-options"),
    pytest.param(lambda: EndpointSpec(), "{}", id="EndpointSpec-empty"),
    pytest.param(
        lambda: EndpointSpec("dnsrr", {80: 8080}),
        '{"Ports":[{"Protocol":"tcp","PublishedPort":80,"TargetPort":8080}],"Mode":"dnsrr"}',
        id="EndpointSpec-ports-before-mode",
    ),
    # reference
    pytest.param(
        lambda: EndpointSpec(
            ports={12357: (1990, "udp"), 12562: (678,), 53243: 8080, 80: (8080, None, "host")}
        ),
        '{"Ports":[{"Protocol":"udp","PublishedPort":12357,"TargetPort":1990},{"Protocol":"tcp","PublishedPort":12562,"TargetPort":678},{"Protocol":"tcp","PublishedPort":53243,"TargetPort":8080},{"Protocol":"tcp","PublishedPort":80,"TargetPort":8080,"PublishMode":"host"}]}',
        id="EndpointSpec-port-tuples",
    ),
    pytest.param(lambda: ServiceMode("replicated"), '{"replicated":{}}', id="ServiceMode-replicated"),
    pytest.param(
        lambda: ServiceMode("replicated", 0), '{"replicated":{"Replicas":0}}', id="ServiceMode-zero-kept"
    ),
    pytest.param(
        lambda: ServiceMode("replicated", 3, concurrency=2),
        '{"replicated":{"Replicas":3}}',
        id="ServiceMode-replicated-ignores-concurrency",
    ),
    pytest.param(lambda: ServiceMode("global"), '{"global":{}}', id="ServiceMode-global"),
    pytest.param(
        lambda: ServiceMode("replicated-job", 5),
        '{"ReplicatedJob":{"MaxConcurrent":1,"TotalCompletions":5}}',
        id="ServiceMode-replicated-job",
    ),
    pytest.param(
        lambda: ServiceMode("replicated-job", 5, concurrency=2),
        '{"ReplicatedJob":{"MaxConcurrent":2,"TotalCompletions":5}}',
        id="ServiceMode-replicated-job-concurrency",
    ),
    pytest.param(
        lambda: ServiceMode("replicated-job", concurrency=2),
        '{"ReplicatedJob":{}}',
        id="ServiceMode-replicated-job-no-replicas",
    ),
    pytest.param(lambda: ServiceMode("global-job"), '{"GlobalJob":{}}', id="ServiceMode-global-job"),
    pytest.param(
        lambda: SecretReference("sid", "sname"),
        '{"SecretName":"sname","SecretID":"sid","File":{"Name":"sname","UID":"0","GID":"0","Mode":292}}',
        id="SecretReference-defaults",
    ),
    pytest.param(
        lambda: SecretReference({"ID": "sid"}, "sname", "f", "1", "2", 0o400),
        '{"SecretName":"sname","SecretID":"sid","File":{"Name":"f","UID":"1","GID":"2","Mode":256}}',
        id="SecretReference-dict-id",
    ),
    pytest.param(
        lambda: SecretReference(secret_name="sname", secret_id={"Id": "a", "ID": "b"}),
        '{"SecretName":"sname","SecretID":"a","File":{"Name":"sname","UID":"0","GID":"0","Mode":292}}',
        id="SecretReference-Id-wins",
    ),
    pytest.param(
        lambda: ConfigReference({"ID": "cid"}, "cname"),
        '{"ConfigName":"cname","ConfigID":"cid","File":{"Name":"cname","UID":"0","GID":"0","Mode":292}}',
        id="ConfigReference",
    ),
    pytest.param(lambda: Placement(), "{}", id="Placement-empty"),
    pytest.param(
        lambda: Placement(
            ["a==b"], [("spread", "node.labels.z"), {"Spread": {}}, "s"], [("x86_64", "linux")], 2
        ),
        '{"Constraints":["a==b"],"Preferences":[{"Spread":{"SpreadDescriptor":"node.labels.z"}},{"Spread":{}},"s"],"MaxReplicas":2,"Platforms":[{"Architecture":"x86_64","OS":"linux"}]}',
        id="Placement-full",
    ),
    pytest.param(
        lambda: Placement([], [], [], 0),
        '{"Constraints":[],"Preferences":[],"MaxReplicas":0}',
        id="Placement-empty-values",
    ),
    pytest.param(
        lambda: PlacementPreference("spread", "d"),
        '{"Spread":{"SpreadDescriptor":"d"}}',
        id="PlacementPreference",
    ),
    pytest.param(
        lambda: DNSConfig(), '{"Nameservers":null,"Search":null,"Options":null}', id="DNSConfig-empty"
    ),
    pytest.param(
        lambda: Privileges(),
        '{"SELinuxContext":{"Disable":null,"User":null,"Role":null,"Type":null,"Level":null}}',
        id="Privileges-empty",
    ),
    pytest.param(
        lambda: Privileges(None, "reg", True, "u", "r", "t", "l"),
        '{"CredentialSpec":{"Registry":"reg"},"SELinuxContext":{"Disable":true,"User":"u","Role":"r","Type":"t","Level":"l"}}',
        id="Privileges-registry",
    ),
    pytest.param(
        lambda: Privileges(credentialspec_file="spec.json"),
        '{"CredentialSpec":{"File":"spec.json"},"SELinuxContext":{"Disable":null,"User":null,"Role":null,"Type":null,"Level":null}}',
        id="Privileges-file",
    ),
    pytest.param(
        lambda: NetworkAttachmentConfig("n"),
        '{"Target":"n","Aliases":null,"DriverOpts":null}',
        id="NetworkAttachmentConfig-minimal",
    ),
    # reference
    pytest.param(
        lambda: Healthcheck(
            test="true", interval=500000000, timeout=10**9, retries=3, start_period=3 * 10**9
        ),
        '{"Test":["CMD-SHELL","true"],"Interval":500000000,"Timeout":1000000000,"Retries":3,"StartPeriod":3000000000}',
        id="Healthcheck",
    ),
    pytest.param(
        lambda: Healthcheck(),
        '{"Test":null,"Interval":null,"Timeout":null,"Retries":null,"StartPeriod":null}',
        id="Healthcheck-empty",
    ),
    pytest.param(
        lambda: Healthcheck(Test=["CMD", "true"], Interval=1, Timeout=2, Retries=3, StartPeriod=4),
        '{"Test":["CMD","true"],"Interval":1,"Timeout":2,"Retries":3,"StartPeriod":4}',
        id="Healthcheck-api-spelling",
    ),
    pytest.param(
        lambda: Ulimit(name="nofile", soft=1024, hard=2048),
        '{"Name":"nofile","Soft":1024,"Hard":2048}',
        id="Ulimit",
    ),
    pytest.param(
        lambda: Ulimit("core", 0), '{"Name":"core","Soft":0,"Hard":null}', id="Ulimit-positional"
    ),
    pytest.param(
        lambda: Ulimit(Name="nproc", Soft=1, Hard=2),
        '{"Name":"nproc","Soft":1,"Hard":2}',
        id="Ulimit-api-spelling",
    ),
]


@pytest.mark.parametrize("build, expected", JSON_CASES)
def test_json(build, expected):
    assert compact(build()) == expected


# (build, exception type, exact message)
ERROR_CASES = [
    pytest.param(
        lambda: TaskTemplate(ContainerSpec("x"), force_update="1"),
        TypeError,
        "force_update must be an integer",
        id="TaskTemplate-force_update",
    ),
    pytest.param(
        lambda: TaskTemplate(ContainerSpec("x"), networks="n1"),
        TypeError,
        "networks parameter must be a list.",
        id="TaskTemplate-networks",
    ),
    pytest.param(lambda: ContainerSpec("b", secrets="s"), TypeError, "secrets must be a list", id="secrets"),
    pytest.param(lambda: ContainerSpec("b", configs="c"), TypeError, "configs must be a list", id="configs"),
    pytest.param(lambda: ContainerSpec("b", cap_add="X"), TypeError, "cap_add must be a list", id="cap_add"),
    pytest.param(lambda: ContainerSpec("b", cap_drop="X"), TypeError, "cap_drop must be a list", id="cap_drop"),
    pytest.param(lambda: ContainerSpec("b", sysctls=["a=b"]), TypeError, "sysctls must be a dict", id="sysctls"),
    pytest.param(
        lambda: ContainerSpec("b", mounts=["a:b:c:d"]),
        InvalidArgument,
        'Invalid mount format "a:b:c:d"',
        id="ContainerSpec-mount-string",
    ),
    pytest.param(
        lambda: Mount("/t", "v", type="image"),
        InvalidArgument,
        'Unsupported mount type: "image"',
        id="Mount-type",
    ),
    *[
        pytest.param(
            lambda kwargs=kwargs: Mount("/t", "/s", type="bind", **kwargs),
            InvalidArgument,
            "Incompatible options have been provided for the bind type mount.",
            id=f"Mount-bind-{next(iter(kwargs))}",
        )
        for kwargs in (
            {"labels": {"a": "b"}},
            {"driver_config": DriverConfig("d")},
            {"no_copy": True},
            {"tmpfs_size": 1},
            {"tmpfs_mode": 0o700},
            {"subpath": "s"},
        )
    ],
    *[
        pytest.param(
            lambda kwargs=kwargs: Mount("/t", "v", type="volume", **kwargs),
            InvalidArgument,
            "Incompatible options have been provided for the volume type mount.",
            id=f"Mount-volume-{next(iter(kwargs))}",
        )
        for kwargs in ({"propagation": "rshared"}, {"tmpfs_size": 1}, {"tmpfs_mode": 0o700})
    ],
    *[
        pytest.param(
            lambda kwargs=kwargs: Mount("/t", None, type="tmpfs", **kwargs),
            InvalidArgument,
            "Incompatible options have been provided for the tmpfs type mount.",
            id=f"Mount-tmpfs-{next(iter(kwargs))}",
        )
        for kwargs in (
            {"propagation": "rshared"},
            {"labels": {"a": "b"}},
            {"driver_config": DriverConfig("d")},
            {"no_copy": True},
        )
    ],
    pytest.param(
        lambda: Mount("/t", None, type="tmpfs", tmpfs_mode="1777"),
        InvalidArgument,
        "tmpfs_mode must be an integer",
        id="Mount-tmpfs-mode-type",
    ),
    *[
        pytest.param(
            lambda value=value: Resources(generic_resources={"gpu": value}),
            InvalidArgument,
            f"Unsupported generic resource reservation type: {({'gpu': value})}",
            id=f"Resources-generic-{type(value).__name__}",
        )
        for value in (1.0, {1}, None)
    ],
    pytest.param(
        lambda: Resources(generic_resources="1"),
        InvalidArgument,
        "generic_resources must be a dict or a list (found <class 'str'>)",
        id="Resources-generic-str",
    ),
    pytest.param(
        lambda: Resources(generic_resources={"gpu"}),
        InvalidArgument,
        "generic_resources must be a dict or a list (found <class 'set'>)",
        id="Resources-generic-set",
    ),
    pytest.param(
        lambda: UpdateConfig(failure_action="stop"),
        InvalidArgument,
        "failure_action must be one of `pause`, `continue`, `rollback`",
        id="UpdateConfig-failure_action",
    ),
    pytest.param(
        lambda: UpdateConfig(monitor=1.5), TypeError, "monitor must be an integer", id="UpdateConfig-monitor"
    ),
    pytest.param(
        lambda: UpdateConfig(monitor="5s"), TypeError, "monitor must be an integer", id="UpdateConfig-monitor-str"
    ),
    pytest.param(
        lambda: UpdateConfig(max_failure_ratio="0.5"),
        TypeError,
        "max_failure_ratio must be a float",
        id="UpdateConfig-ratio-type",
    ),
    *[
        pytest.param(
            lambda ratio=ratio: UpdateConfig(max_failure_ratio=ratio),
            InvalidArgument,
            "max_failure_ratio must be a number between 0 and 1",
            id=f"UpdateConfig-ratio-{ratio}",
        )
        for ratio in (1.5, -0.1)
    ],
    pytest.param(
        lambda: RollbackConfig(order="first"),
        InvalidArgument,
        "order must be either `start-first` or `stop-first`",
        id="RollbackConfig-order",
    ),
    pytest.param(
        lambda: RestartPolicy("always"),
        TypeError,
        "Invalid RestartPolicy condition always",
        id="RestartPolicy-condition",
    ),
    pytest.param(
        lambda: EndpointSpec(ports={80: (1, "tcp", "host", "x")}),
        ValueError,
        "Service port configuration can have at most 3 elements: (target_port, protocol, mode)",
        id="EndpointSpec-4-tuple",
    ),
    pytest.param(
        lambda: EndpointSpec(ports="80:80"),
        TypeError,
        "Invalid type for ports, expected dict or list",
        id="EndpointSpec-ports-type",
    ),
    pytest.param(
        lambda: ServiceMode("Replicated"),
        InvalidArgument,
        'mode must be either "replicated", "global", "replicated-job" or "global-job"',
        id="ServiceMode-mode",
    ),
    *[
        pytest.param(
            lambda mode=mode: ServiceMode(mode, replicas=1),
            InvalidArgument,
            'replicas can only be used for "replicated" or "replicated-job" mode',
            id=f"ServiceMode-{mode}-replicas",
        )
        for mode in ("global", "global-job")
    ],
    *[
        pytest.param(
            lambda mode=mode: ServiceMode(mode, concurrency=1),
            InvalidArgument,
            'concurrency can only be used for "replicated-job" mode',
            id=f"ServiceMode-{mode}-concurrency",
        )
        for mode in ("global", "global-job")
    ],
    *[
        pytest.param(
            lambda make=make, resource_id=resource_id: make(resource_id, "name"),
            NullResource,
            "Resource ID was not provided",
            id=f"{make.__name__}-{resource_id!r}",
        )
        for make in (SecretReference, ConfigReference)
        for resource_id in (None, "", {}, {"ID": ""})
    ],
    pytest.param(
        lambda: PlacementPreference("pack", "d"),
        InvalidArgument,
        'PlacementPreference strategy value is invalid (pack): must be "spread".',
        id="PlacementPreference-strategy",
    ),
    pytest.param(
        lambda: Privileges(credentialspec_file="f", credentialspec_registry="r"),
        InvalidArgument,
        "credentialspec_file and credentialspec_registry are mutually exclusive",
        id="Privileges-file-and-registry",
    ),
    pytest.param(lambda: Ulimit(name=None), ValueError, "Ulimit.name must be a string", id="Ulimit-name"),
    pytest.param(
        lambda: Ulimit(name="n", soft="1"), ValueError, "Ulimit.soft must be an integer", id="Ulimit-soft"
    ),
    pytest.param(
        lambda: Ulimit(name="n", hard=1.5), ValueError, "Ulimit.hard must be an integer", id="Ulimit-hard"
    ),
    pytest.param(
        lambda: Ulimit(name="n", limit=1),
        TypeError,
        "Ulimit() got unexpected keyword arguments: limit",
        id="Ulimit-unknown-keyword",
    ),
]


@pytest.mark.parametrize("build, error, message", ERROR_CASES)
def test_validation_errors(build, error, message):
    with pytest.raises(error) as raised:
        build()
    assert str(raised.value) == message


# ---- swarmctl extensions -------------------------------------------------------------

# (build with the extension, expected compact JSON)
EXTENSION_CASES = [
    pytest.param(
        lambda: ContainerSpec(
            "b", sysctls={"k": "v"}, ulimits=[Ulimit(name="nofile", soft=1, hard=2), {"Name": "core"}], oom_score_adj=-500
        ),
        '{"Image":"b","Command":null,"Args":null,"Sysctls":{"k":"v"},"Ulimits":[{"Name":"nofile","Soft":1,"Hard":2},{"Name":"core"}],"OomScoreAdj":-500}',
        id="ContainerSpec-ulimits-oom_score_adj",
    ),
    pytest.param(
        lambda: ContainerSpec("b", ulimits=[]),
        '{"Image":"b","Command":null,"Args":null,"Ulimits":[]}',
        id="ContainerSpec-empty-ulimits-sent",
    ),
    pytest.param(
        lambda: ContainerSpec("b", oom_score_adj=0),
        '{"Image":"b","Command":null,"Args":null,"OomScoreAdj":0}',
        id="ContainerSpec-oom_score_adj-zero",
    ),
    pytest.param(
        lambda: ContainerSpec("b", hosts=["10.0.0.2 web", "10.0.0.1 db", "10.0.0.2 web"]),
        '{"Image":"b","Command":null,"Args":null,"Hosts":["10.0.0.2 web","10.0.0.1 db","10.0.0.2 web"]}',
        id="ContainerSpec-hosts-list-kept",
    ),
    pytest.param(
        lambda: Resources(cpu_limit=1, mem_limit=2, pids_limit=100, cpu_reservation=3),
        '{"Limits":{"NanoCPUs":1,"MemoryBytes":2,"Pids":100},"Reservations":{"NanoCPUs":3}}',
        id="Resources-pids_limit",
    ),
    pytest.param(
        lambda: Resources(pids_limit=-1), '{"Limits":{"Pids":-1}}', id="Resources-pids_limit-only"
    ),
    pytest.param(
        lambda: Healthcheck(test=["CMD", "true"], start_interval=10**9),
        '{"Test":["CMD","true"],"Interval":null,"Timeout":null,"Retries":null,"StartPeriod":null,"StartInterval":1000000000}',
        id="Healthcheck-start_interval",
    ),
    pytest.param(
        lambda: Healthcheck(StartInterval=0),
        '{"Test":null,"Interval":null,"Timeout":null,"Retries":null,"StartPeriod":null,"StartInterval":0}',
        id="Healthcheck-StartInterval-zero",
    ),
    pytest.param(
        lambda: Privileges(credentialspec_config="cfg-id"),
        '{"CredentialSpec":{"Config":"cfg-id"},"SELinuxContext":{"Disable":null,"User":null,"Role":null,"Type":null,"Level":null}}',
        id="Privileges-credentialspec_config",
    ),
    pytest.param(
        lambda: Mount("/t", "/s", type="bind", non_recursive=True),
        '{"Target":"/t","Source":"/s","Type":"bind","ReadOnly":false,"BindOptions":{"NonRecursive":true}}',
        id="Mount-non_recursive",
    ),
    pytest.param(
        lambda: Mount(
            "/t",
            "/s",
            type="bind",
            read_only=True,
            propagation="rprivate",
            non_recursive=False,
            read_only_non_recursive=False,
            read_only_force_recursive=True,
        ),
        '{"Target":"/t","Source":"/s","Type":"bind","ReadOnly":true,"BindOptions":{"Propagation":"rprivate","NonRecursive":false,"ReadOnlyNonRecursive":false,"ReadOnlyForceRecursive":true}}',
        id="Mount-bind-all-extensions",
    ),
    pytest.param(
        lambda: Mount("/t", "/s", type="bind", read_only=True, read_only_non_recursive=True),
        '{"Target":"/t","Source":"/s","Type":"bind","ReadOnly":true,"BindOptions":{"ReadOnlyNonRecursive":true}}',
        id="Mount-read_only_non_recursive",
    ),
]


@pytest.mark.parametrize("build, expected", EXTENSION_CASES)
def test_extension_json(build, expected):
    assert compact(build()) == expected


# (docker-py-style call, the same call with every extension keyword passed as None)
EXTENSION_DEFAULT_CASES = [
    pytest.param(
        lambda: ContainerSpec("b", "run", sysctls={"k": "v"}),
        lambda: ContainerSpec("b", "run", sysctls={"k": "v"}, ulimits=None, oom_score_adj=None),
        id="ContainerSpec",
    ),
    pytest.param(
        lambda: Resources(cpu_limit=1, mem_limit=2),
        lambda: Resources(cpu_limit=1, mem_limit=2, pids_limit=None),
        id="Resources",
    ),
    pytest.param(lambda: Resources(), lambda: Resources(pids_limit=None), id="Resources-empty"),
    pytest.param(
        lambda: Healthcheck(test="true", retries=3),
        lambda: Healthcheck(test="true", retries=3, start_interval=None),
        id="Healthcheck",
    ),
    pytest.param(
        lambda: Privileges(credentialspec_file="f"),
        lambda: Privileges(credentialspec_file="f", credentialspec_config=None),
        id="Privileges",
    ),
    *[
        pytest.param(
            lambda mount_type=mount_type: Mount("/t", "/s", type=mount_type),
            lambda mount_type=mount_type: Mount(
                "/t",
                "/s",
                type=mount_type,
                non_recursive=None,
                read_only_non_recursive=None,
                read_only_force_recursive=None,
            ),
            id=f"Mount-{mount_type}",
        )
        for mount_type in ("bind", "volume", "tmpfs", "npipe")
    ],
]


@pytest.mark.parametrize("docker_py_call, with_none_extensions", EXTENSION_DEFAULT_CASES)
def test_extensions_left_none_change_nothing(docker_py_call, with_none_extensions):
    assert compact(with_none_extensions()) == compact(docker_py_call())


EXTENSION_ERROR_CASES = [
    *[
        pytest.param(
            lambda mount_type=mount_type, kwargs=kwargs: Mount("/t", "x", type=mount_type, **kwargs),
            InvalidArgument,
            f"Incompatible options have been provided for the {mount_type} type mount.",
            id=f"Mount-{mount_type}-{next(iter(kwargs))}",
        )
        for mount_type in ("volume", "tmpfs", "npipe")
        for kwargs in (
            {"non_recursive": True},
            {"read_only_non_recursive": False},
            {"read_only_force_recursive": True},
        )
    ],
    pytest.param(
        lambda: Privileges(credentialspec_file="f", credentialspec_config="c"),
        InvalidArgument,
        "credentialspec_file and credentialspec_config are mutually exclusive",
        id="Privileges-file-and-config",
    ),
    pytest.param(
        lambda: Privileges(credentialspec_registry="r", credentialspec_config="c"),
        InvalidArgument,
        "credentialspec_registry and credentialspec_config are mutually exclusive",
        id="Privileges-registry-and-config",
    ),
    pytest.param(
        lambda: Privileges(credentialspec_file="f", credentialspec_registry="r", credentialspec_config="c"),
        InvalidArgument,
        "credentialspec_file, credentialspec_registry and credentialspec_config are mutually exclusive",
        id="Privileges-all-three",
    ),
    pytest.param(
        lambda: ContainerSpec("b", ulimits=Ulimit(name="nofile")),
        TypeError,
        "ulimits must be a list",
        id="ContainerSpec-ulimits-type",
    ),
    *[
        pytest.param(
            lambda value=value: ContainerSpec("b", oom_score_adj=value),
            TypeError,
            "oom_score_adj must be an integer",
            id=f"ContainerSpec-oom_score_adj-{value!r}",
        )
        for value in ("500", 1.5, True)
    ],
]


@pytest.mark.parametrize("build, error, message", EXTENSION_ERROR_CASES)
def test_extension_errors(build, error, message):
    with pytest.raises(error) as raised:
        build()
    assert str(raised.value) == message


# ---- properties, helpers and module surface ------------------------------------------

# (mount string, expected compact JSON)
MOUNT_STRING_CASES = [
    ("/a:/b", '{"Target":"/b","Source":"/a","Type":"bind","ReadOnly":false}'),
    ("/a:/b:rw", '{"Target":"/b","Source":"/a","Type":"bind","ReadOnly":false}'),
    ("/a:/b:ro", '{"Target":"/b","Source":"/a","Type":"bind","ReadOnly":true}'),
    ("vol:/b:z", '{"Target":"/b","Source":"vol","Type":"volume","ReadOnly":true}'),
    ("vol:/b", '{"Target":"/b","Source":"vol","Type":"volume","ReadOnly":false}'),
    ("/only-target", '{"Target":"/only-target","Source":null,"Type":"volume","ReadOnly":false}'),
]


@pytest.mark.parametrize("string, expected", MOUNT_STRING_CASES)
def test_parse_mount_string(string, expected):
    mount = Mount.parse_mount_string(string)
    assert isinstance(mount, Mount)
    assert compact(mount) == expected


def test_container_spec_mount_strings_become_mount_objects():
    spec = ContainerSpec("b", mounts=["/a:/b", Mount("/t", "/s"), {"Target": "/d"}])
    assert [type(mount) for mount in spec["Mounts"]] == [Mount, Mount, dict]


@pytest.mark.parametrize(
    "mode, replicas, expected_key, expected_replicas",
    [
        ("replicated", None, "replicated", None),
        ("replicated", 3, "replicated", 3),
        ("replicated", 0, "replicated", 0),
        ("global", None, "global", None),
        ("replicated-job", 4, "ReplicatedJob", 4),
        ("replicated-job", None, "ReplicatedJob", None),
        ("global-job", None, "GlobalJob", None),
    ],
)
def test_service_mode_attributes(mode, replicas, expected_key, expected_replicas):
    service_mode = ServiceMode(mode, replicas)
    assert service_mode.mode == expected_key
    assert service_mode.replicas == expected_replicas


def test_task_template_properties():
    container_spec = ContainerSpec("x")
    resources = Resources(cpu_limit=1)
    restart_policy = RestartPolicy("any")
    template = TaskTemplate(
        container_spec, resources=resources, restart_policy=restart_policy, placement=["a==b"]
    )
    assert template.container_spec is container_spec
    assert template.resources is resources
    assert template.restart_policy is restart_policy
    assert isinstance(template.placement, Placement)
    assert template.placement == {"Constraints": ["a==b"]}
    assert TaskTemplate(container_spec).placement is None


def test_restart_condition_types():
    types = RestartPolicy.condition_types
    assert (types.NONE, types.ON_FAILURE, types.ANY) == ("none", "on-failure", "any")
    assert types is services_module.RestartConditionTypesEnum


def test_healthcheck_properties():
    healthcheck = Healthcheck()
    healthcheck.test = "curl -f localhost"
    healthcheck.interval = 1
    healthcheck.timeout = 2
    healthcheck.retries = 3
    healthcheck.start_period = 4
    assert healthcheck.test == ["CMD-SHELL", "curl -f localhost"]
    assert (healthcheck.interval, healthcheck.timeout, healthcheck.retries, healthcheck.start_period) == (
        1,
        2,
        3,
        4,
    )
    assert healthcheck.start_interval is None
    assert "StartInterval" not in healthcheck

    healthcheck.start_interval = 5
    assert healthcheck["StartInterval"] == 5
    healthcheck.start_interval = None
    assert "StartInterval" not in healthcheck


def test_ulimit_properties():
    ulimit = Ulimit(name="nofile", soft=1)
    ulimit.hard = 2
    assert (ulimit.name, ulimit.soft, ulimit.hard) == ("nofile", 1, 2)
    assert isinstance(ulimit, DictType)


def test_every_type_is_a_dict():
    for name in docker.types.__all__:
        cls = getattr(docker.types, name)
        if name != "RestartConditionTypesEnum":
            assert issubclass(cls, dict), name


def test_docker_py_module_surface():
    # `import swarmctl as docker` code reaches these names, and patches IS_WINDOWS_PLATFORM.
    assert docker.types.ServiceMode is ServiceMode
    assert docker.types.services.ServiceMode is ServiceMode
    assert docker.types.services.IS_WINDOWS_PLATFORM is (sys.platform == "win32")
    assert callable(docker.types.services.convert_service_ports)
    expected = {
        "ConfigReference", "ContainerSpec", "DNSConfig", "DriverConfig", "EndpointSpec",
        "Healthcheck", "Mount", "NetworkAttachmentConfig", "Placement", "PlacementPreference",
        "Privileges", "Resources", "RestartPolicy", "RollbackConfig", "SecretReference",
        "ServiceMode", "TaskTemplate", "UpdateConfig", "Ulimit",
    }  # fmt: skip
    assert expected <= set(docker.types.__all__)


def test_types_import_without_requests():
    # The CLI builds specs before it knows whether it will talk to an engine.
    code = "import sys, swarmctl.types; sys.exit('requests' in sys.modules)"
    repo_root = Path(__file__).resolve().parents[2]
    assert subprocess.run([sys.executable, "-c", code], cwd=repo_root).returncode == 0
