"""swarmctl.output.inspect: Go JSON round trip of swarm.Service and --pretty.

Expected outputs:

* "golden": docker/cli v28.2.2 cli/command/service/testdata/service-inspect-pretty.golden
  with the service built in inspect_test.go;
* "docker 28.2.2": what the real ``docker`` binary (28.2.2) printed for the
  engine-shaped fixtures below (``GET /services/{id}?insertDefaults=true``
  bodies, served by a stub engine speaking API 1.41; UpdateStatus times
  relative to the capture time, in the middle of HumanDuration's buckets);
* "reference": /work/shared/reference/read-commands.md §4.
"""
from __future__ import annotations

import copy
import json

import pytest

from swarmctl.output import inspect as I
from swarmctl.golang.time import SECOND, format_rfc3339_nano

NOW = 1795000000 * SECOND + 987654321

DIGEST = "sha256:" + "0123456789abcdef" * 4
NET_ID = "5vpyomhb6ievnk0i0o60gcnei"
NET_UNKNOWN = "w3m7n1dckr2tsq6lkh3y5b0vx"

NETWORKS = {
    NET_ID: {"Name": "scen-net", "Id": NET_ID, "Scope": "swarm", "Driver": "overlay"},
}


def _ago(now, seconds):
    return format_rfc3339_nano(now - int(seconds * SECOND))


def _defaults_task_template():
    return {
        "ContainerSpec": {
            "Image": "busybox:local@" + DIGEST,
            "Init": False,
            "StopGracePeriod": 10000000000,
            "DNSConfig": {},
            "Isolation": "default",
        },
        "Resources": {"Limits": {}, "Reservations": {}},
        "RestartPolicy": {"Condition": "any", "Delay": 5000000000, "MaxAttempts": 0},
        "Placement": {},
        "ForceUpdate": 0,
        "Runtime": "container",
    }


def _update_config(parallelism=1, **kw):
    cfg = {"Parallelism": parallelism, "FailureAction": "pause", "Monitor": 5000000000,
           "MaxFailureRatio": 0, "Order": "stop-first"}
    cfg.update(kw)
    return cfg


def make_inspect_services(now):
    """``GET /services/{id}?insertDefaults=true`` bodies (engine 20.10 shape,
    plus a few oddities: unknown fields, a zone offset, trailing zeros)."""
    web_spec = {
        "Name": "web",
        "Labels": {"tier": "front", "html": "<a&b>", "empty": "", "h\u00e9llo": "\u2713 ok"},
        "TaskTemplate": {
            "ContainerSpec": {
                "Image": "nginx:1.25@" + DIGEST,
                "Labels": {"com.example.c": "1"},
                "Command": ["/bin/sh", "-c"],
                "Args": ["echo hi; sleep 1d", "two"],
                "Hostname": "{{.Service.Name}}-{{.Task.Slot}}",
                "Env": ["A=1", "B=two words"],
                "Dir": "/tmp",
                "User": "65534:65534",
                "Groups": ["wheel"],
                "Privileges": {"CredentialSpec": None, "SELinuxContext": None, "NoNewPrivileges": False},
                "Init": True,
                "StopSignal": "SIGTERM",
                "ReadOnly": True,
                "Mounts": [
                    {"Type": "volume", "Source": "longdata", "Target": "/data",
                     "VolumeOptions": {"Labels": {"v": "1"}, "DriverConfig": {"Name": "local"}}},
                    {"Type": "bind", "Source": "/srv", "Target": "/srv", "ReadOnly": True,
                     "BindOptions": {"Propagation": "rprivate"}},
                    {"Type": "tmpfs", "Target": "/scratch",
                     "TmpfsOptions": {"SizeBytes": 1048576, "Mode": 448}},
                ],
                "StopGracePeriod": 20000000000,
                "Healthcheck": {"Test": ["CMD-SHELL", "true"], "Interval": 30000000000,
                                "Timeout": 5000000000, "StartPeriod": 1000000000, "Retries": 3},
                "Hosts": ["10.0.0.9 db"],
                "DNSConfig": {"Nameservers": ["10.0.0.2"], "Search": ["example.com"], "Options": ["ndots:2"]},
                "Secrets": [{"File": {"Name": "db_pass", "UID": "0", "GID": "0", "Mode": 292},
                             "SecretID": "3hv39ehbbb4hdozo7spod9ftn", "SecretName": "db_pass"}],
                "Configs": [{"File": {"Name": "/etc/app.conf", "UID": "0", "GID": "0", "Mode": 292},
                             "ConfigID": "mtc3i44r1awdoziy2iceg73z8", "ConfigName": "app.conf"}],
                "Isolation": "default",
                "Sysctls": {"net.core.somaxconn": "1024", "net.ipv4.tcp_syncookies": "0"},
                "CapabilityAdd": ["CAP_NET_ADMIN", "CAP_SYS_TIME"],
                "CapabilityDrop": ["CAP_MKNOD"],
                "Ulimits": [{"Name": "nofile", "Soft": 1024, "Hard": 2048},
                            {"Name": "core", "Soft": 0, "Hard": 0}],
                "NewEngineField": "dropped by the CLI",
            },
            "Resources": {
                "Limits": {"NanoCPUs": 500000000, "MemoryBytes": 67108864, "Pids": 100},
                "Reservations": {"NanoCPUs": 100000000, "MemoryBytes": 16777216,
                                 "GenericResources": [{"DiscreteResourceSpec": {"Kind": "gpu", "Value": 2}}]},
            },
            "RestartPolicy": {"Condition": "on-failure", "Delay": 5000000000, "MaxAttempts": 3,
                              "Window": 60000000000},
            "Placement": {
                "Constraints": ["node.role==manager", "node.labels.zone != z1"],
                "Preferences": [{"Spread": {"SpreadDescriptor": "node.labels.zone"}}],
                "MaxReplicas": 2,
                "Platforms": [{"Architecture": "amd64", "OS": "linux"}],
            },
            "Networks": [{"Target": NET_ID, "Aliases": ["web"]}],
            "LogDriver": {"Name": "json-file", "Options": {"max-size": "10m", "max-file": "2", "flag": ""}},
            "ForceUpdate": 1,
            "Runtime": "container",
        },
        "Mode": {"Replicated": {"Replicas": 3}},
        "UpdateConfig": _update_config(2, Delay=10000000000, MaxFailureRatio=0.2),
        "RollbackConfig": _update_config(1, FailureAction="continue", Monitor=0, Order="start-first"),
        "EndpointSpec": {"Mode": "vip", "Ports": [
            {"Protocol": "tcp", "TargetPort": 80, "PublishedPort": 8080, "PublishMode": "ingress"},
            {"Protocol": "udp", "TargetPort": 90, "PublishedPort": 9090, "PublishMode": "host"},
        ]},
    }
    previous = copy.deepcopy(web_spec)
    previous["TaskTemplate"]["ContainerSpec"]["Image"] = "nginx:1.24"
    previous["TaskTemplate"]["ForceUpdate"] = 0
    web = {
        "ID": "rdx9dqpfbtipk1pn5o4bq8v3e",
        "Version": {"Index": 1234},
        "CreatedAt": "2026-11-27T00:01:02.120000000Z",
        "UpdatedAt": "2026-11-27T01:01:03.5+01:00",
        "Spec": web_spec,
        "PreviousSpec": previous,
        "Endpoint": {
            "Spec": web_spec["EndpointSpec"],
            "Ports": web_spec["EndpointSpec"]["Ports"],
            "VirtualIPs": [{"NetworkID": "ingressnetworkid000000000", "Addr": "10.0.0.5/24"},
                           {"NetworkID": NET_ID, "Addr": "10.0.1.5/24"}],
        },
        "UpdateStatus": {"State": "completed", "StartedAt": _ago(now, 5.5 * 60),
                         "CompletedAt": _ago(now, 4.5 * 60), "Message": "update completed"},
        "FutureTopLevel": {"x": 1},
    }

    glob_tt = _defaults_task_template()
    glob_tt["ContainerSpec"].update({"Args": ["sh", "-c", "echo 'a b' && sleep 1d"], "Env": ["X=<y>"]})
    glob_tt["ContainerSpec"]["Healthcheck"] = {"Interval": 1500000}
    del glob_tt["ContainerSpec"]["Init"]
    del glob_tt["Resources"]
    glob = {
        "ID": "85evnm0ckivyx2z2optfqfa6p",
        "Version": {"Index": 77},
        "CreatedAt": "2026-11-27T00:02:00Z",
        "UpdatedAt": "2026-11-27T00:02:00.000000001Z",
        "Spec": {
            "Name": "glob",
            "Labels": None,
            "TaskTemplate": glob_tt,
            "Mode": {"Global": {}},
            "UpdateConfig": _update_config(),
            "RollbackConfig": _update_config(),
        },
        "Endpoint": {"Spec": {}},
    }

    job_tt = _defaults_task_template()
    job_tt["Placement"] = {"Constraints": ["node.platform.os==linux"]}
    job_tt["LogDriver"] = {"Name": "json-file"}
    job = {
        "ID": "jhhborsqlt2g6nncv8juklimt",
        "Version": {"Index": 88},
        "CreatedAt": "2026-11-27T00:03:00.5Z",
        "UpdatedAt": "2026-11-27T00:03:01Z",
        "Spec": {
            "Name": "job",
            "Labels": {},
            "TaskTemplate": job_tt,
            "Mode": {"ReplicatedJob": {"MaxConcurrent": 2, "TotalCompletions": 3}},
            "EndpointSpec": {"Mode": "dnsrr"},
        },
        "Endpoint": {"Spec": {"Mode": "dnsrr"}},
        "UpdateStatus": {"State": "updating", "StartedAt": _ago(now, 30.5), "Message": "update in progress"},
        "JobStatus": {"JobIteration": {"Index": 12}, "LastExecution": "2026-11-27T00:03:00.5Z"},
    }

    caps_tt = _defaults_task_template()
    caps_tt["ContainerSpec"].update({
        "Image": "busybox",
        "CapabilityDrop": ["CAP_NET_RAW"],
        "Sysctls": {"kernel.msgmax": ""},
        "Ulimits": [{"Name": "nproc", "Soft": 10, "Hard": 20}],
        "Secrets": [{"File": {"Name": "s1", "UID": "0", "GID": "0", "Mode": 256}, "SecretID": "x", "SecretName": "s1"}],
        "Healthcheck": {"Test": ["NONE"]},
    })
    caps_tt["Resources"] = {"Limits": {"Pids": 7}, "Reservations": {"MemoryBytes": 1536 * 1024 * 1024}}
    caps_tt["Networks"] = [{"Target": NET_UNKNOWN}, {"Target": NET_ID}]
    caps_tt["LogDriver"] = {"Options": {"tag": "{{.Name}}"}}
    caps = {
        "ID": "e74un9v3upb6an1op4eja58x6",
        "Version": {"Index": 99},
        "CreatedAt": "2026-11-27T00:04:00Z",
        "UpdatedAt": "2026-11-27T00:04:00Z",
        "Spec": {
            "Name": "caps",
            "Labels": {"only-key": ""},
            "TaskTemplate": caps_tt,
            "Mode": {"Replicated": {"Replicas": 0}},
            "UpdateConfig": _update_config(0, MaxFailureRatio=0.1, Monitor=1500000000),
            "RollbackConfig": _update_config(1, Delay=90000000000, MaxFailureRatio=1),
            "Networks": [{"Target": NET_ID}],
            "EndpointSpec": {"Mode": "vip"},
        },
        "Endpoint": {"Spec": {"Mode": "vip"}},
        "UpdateStatus": {"State": "rollback_completed", "StartedAt": _ago(now, 3 * 3600),
                         "CompletedAt": _ago(now, 2 * 3600), "Message": "rollback completed"},
        "ServiceStatus": {"RunningTasks": 0, "DesiredTasks": 0},
    }
    return [web, glob, job, caps]


# ---------------------------------------------------------------------------
# Expected bytes, docker 28.2.2 (see module docstring)

EXPECTED_JSON_GLOB_JOB = (
    '[\n'
    '    {\n'
    '        "ID": "85evnm0ckivyx2z2optfqfa6p",\n'
    '        "Version": {\n'
    '            "Index": 77\n'
    '        },\n'
    '        "CreatedAt": "2026-11-27T00:02:00Z",\n'
    '        "UpdatedAt": "2026-11-27T00:02:00.000000001Z",\n'
    '        "Spec": {\n'
    '            "Name": "glob",\n'
    '            "Labels": null,\n'
    '            "TaskTemplate": {\n'
    '                "ContainerSpec": {\n'
    '                    "Image": "busybox:local@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",\n'
    '                    "Args": [\n'
    '                        "sh",\n'
    '                        "-c",\n'
    '                        "echo \'a b\' \\u0026\\u0026 sleep 1d"\n'
    '                    ],\n'
    '                    "Env": [\n'
    '                        "X=\\u003cy\\u003e"\n'
    '                    ],\n'
    '                    "StopGracePeriod": 10000000000,\n'
    '                    "Healthcheck": {\n'
    '                        "Interval": 1500000\n'
    '                    },\n'
    '                    "DNSConfig": {},\n'
    '                    "Isolation": "default"\n'
    '                },\n'
    '                "RestartPolicy": {\n'
    '                    "Condition": "any",\n'
    '                    "Delay": 5000000000,\n'
    '                    "MaxAttempts": 0\n'
    '                },\n'
    '                "Placement": {},\n'
    '                "ForceUpdate": 0,\n'
    '                "Runtime": "container"\n'
    '            },\n'
    '            "Mode": {\n'
    '                "Global": {}\n'
    '            },\n'
    '            "UpdateConfig": {\n'
    '                "Parallelism": 1,\n'
    '                "FailureAction": "pause",\n'
    '                "Monitor": 5000000000,\n'
    '                "MaxFailureRatio": 0,\n'
    '                "Order": "stop-first"\n'
    '            },\n'
    '            "RollbackConfig": {\n'
    '                "Parallelism": 1,\n'
    '                "FailureAction": "pause",\n'
    '                "Monitor": 5000000000,\n'
    '                "MaxFailureRatio": 0,\n'
    '                "Order": "stop-first"\n'
    '            }\n'
    '        },\n'
    '        "Endpoint": {\n'
    '            "Spec": {}\n'
    '        }\n'
    '    },\n'
    '    {\n'
    '        "ID": "jhhborsqlt2g6nncv8juklimt",\n'
    '        "Version": {\n'
    '            "Index": 88\n'
    '        },\n'
    '        "CreatedAt": "2026-11-27T00:03:00.5Z",\n'
    '        "UpdatedAt": "2026-11-27T00:03:01Z",\n'
    '        "Spec": {\n'
    '            "Name": "job",\n'
    '            "Labels": {},\n'
    '            "TaskTemplate": {\n'
    '                "ContainerSpec": {\n'
    '                    "Image": "busybox:local@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",\n'
    '                    "Init": false,\n'
    '                    "StopGracePeriod": 10000000000,\n'
    '                    "DNSConfig": {},\n'
    '                    "Isolation": "default"\n'
    '                },\n'
    '                "Resources": {\n'
    '                    "Limits": {},\n'
    '                    "Reservations": {}\n'
    '                },\n'
    '                "RestartPolicy": {\n'
    '                    "Condition": "any",\n'
    '                    "Delay": 5000000000,\n'
    '                    "MaxAttempts": 0\n'
    '                },\n'
    '                "Placement": {\n'
    '                    "Constraints": [\n'
    '                        "node.platform.os==linux"\n'
    '                    ]\n'
    '                },\n'
    '                "LogDriver": {\n'
    '                    "Name": "json-file"\n'
    '                },\n'
    '                "ForceUpdate": 0,\n'
    '                "Runtime": "container"\n'
    '            },\n'
    '            "Mode": {\n'
    '                "ReplicatedJob": {\n'
    '                    "MaxConcurrent": 2,\n'
    '                    "TotalCompletions": 3\n'
    '                }\n'
    '            },\n'
    '            "EndpointSpec": {\n'
    '                "Mode": "dnsrr"\n'
    '            }\n'
    '        },\n'
    '        "Endpoint": {\n'
    '            "Spec": {\n'
    '                "Mode": "dnsrr"\n'
    '            }\n'
    '        },\n'
    '        "UpdateStatus": {\n'
    '            "State": "updating",\n'
    '            "StartedAt": "2026-11-18T11:06:10.487654321Z",\n'
    '            "Message": "update in progress"\n'
    '        },\n'
    '        "JobStatus": {\n'
    '            "JobIteration": {\n'
    '                "Index": 12\n'
    '            },\n'
    '            "LastExecution": "2026-11-27T00:03:00.5Z"\n'
    '        }\n'
    '    }\n'
    ']\n'
)

EXPECTED_COMPACT_ALL = (
    '[{"ID":"rdx9dqpfbtipk1pn5o4bq8v3e","Version":{"Index":1234},"CreatedAt":"2026-11-27T00:01:02.12Z","UpdatedAt":"2026-11-27T01:01:03.5+01:00","Spec":{"Name":"web","Labels":{"empty":"","html":"\\u003ca\\u0026b\\u003e","héllo":"✓ ok","tier":"front"},"TaskTemplate":{"ContainerSpec":{"Image":"nginx:1.25@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef","Labels":{"com.example.c":"1"},"Command":["/bin/sh","-c"],"Args":["echo hi; sleep 1d","two"],"Hostname":"{{.Service.Name}}-{{.Task.Slot}}","Env":["A=1","B=two words"],"Dir":"/tmp","User":"65534:65534","Groups":["wheel"],"Privileges":{"CredentialSpec":null,"SELinuxContext":null,"NoNewPrivileges":false},"Init":true,"StopSignal":"SIGTERM","ReadOnly":true,"Mounts":[{"Type":"volume","Source":"longdata","Target":"/data","VolumeOptions":{"Labels":{"v":"1"},"DriverConfig":{"Name":"local"}}},{"Type":"bind","Source":"/srv","Target":"/srv","ReadOnly":true,"BindOptions":{"Propagation":"rprivate"}},{"Type":"tmpfs","Target":"/scratch","TmpfsOptions":{"SizeBytes":1048576,"Mode":448}}],"StopGracePeriod":20000000000,"Healthcheck":{"Test":["CMD-SHELL","true"],"Interval":30000000000,"Timeout":5000000000,"StartPeriod":1000000000,"Retries":3},"Hosts":["10.0.0.9 db"],"DNSConfig":{"Nameservers":["10.0.0.2"],"Search":["example.com"],"Options":["ndots:2"]},"Secrets":[{"File":{"Name":"db_pass","UID":"0","GID":"0","Mode":292},"SecretID":"3hv39ehbbb4hdozo7spod9ftn","SecretName":"db_pass"}],"Configs":[{"File":{"Name":"/etc/app.conf","UID":"0","GID":"0","Mode":292},"ConfigID":"mtc3i44r1awdoziy2iceg73z8","ConfigName":"app.conf"}],"Isolation":"default","Sysctls":{"net.core.somaxconn":"1024","net.ipv4.tcp_syncookies":"0"},"CapabilityAdd":["CAP_NET_ADMIN","CAP_SYS_TIME"],"CapabilityDrop":["CAP_MKNOD"],"Ulimits":[{"Name":"nofile","Hard":2048,"Soft":1024},{"Name":"core","Hard":0,"Soft":0}]},"Resources":{"Limits":{"NanoCPUs":500000000,"MemoryBytes":67108864,"Pids":100},"Reservations":{"NanoCPUs":100000000,"MemoryBytes":16777216,"GenericResources":[{"DiscreteResourceSpec":{"Kind":"gpu","Value":2}}]}},"RestartPolicy":{"Condition":"on-failure","Delay":5000000000,"MaxAttempts":3,"Window":60000000000},"Placement":{"Constraints":["node.role==manager","node.labels.zone != z1"],"Preferences":[{"Spread":{"SpreadDescriptor":"node.labels.zone"}}],"MaxReplicas":2,"Platforms":[{"Architecture":"amd64","OS":"linux"}]},"Networks":[{"Target":"5vpyomhb6ievnk0i0o60gcnei","Aliases":["web"]}],"LogDriver":{"Name":"json-file","Options":{"flag":"","max-file":"2","max-size":"10m"}},"ForceUpdate":1,"Runtime":"container"},"Mode":{"Replicated":{"Replicas":3}},"UpdateConfig":{"Parallelism":2,"Delay":10000000000,"FailureAction":"pause","Monitor":5000000000,"MaxFailureRatio":0.2,"Order":"stop-first"},"RollbackConfig":{"Parallelism":1,"FailureAction":"continue","MaxFailureRatio":0,"Order":"start-first"},"EndpointSpec":{"Mode":"vip","Ports":[{"Protocol":"tcp","TargetPort":80,"PublishedPort":8080,"PublishMode":"ingress"},{"Protocol":"udp","TargetPort":90,"PublishedPort":9090,"PublishMode":"host"}]}},"PreviousSpec":{"Name":"web","Labels":{"empty":"","html":"\\u003ca\\u0026b\\u003e","héllo":"✓ ok","tier":"front"},"TaskTemplate":{"ContainerSpec":{"Image":"nginx:1.24","Labels":{"com.example.c":"1"},"Command":["/bin/sh","-c"],"Args":["echo hi; sleep 1d","two"],"Hostname":"{{.Service.Name}}-{{.Task.Slot}}","Env":["A=1","B=two words"],"Dir":"/tmp","User":"65534:65534","Groups":["wheel"],"Privileges":{"CredentialSpec":null,"SELinuxContext":null,"NoNewPrivileges":false},"Init":true,"StopSignal":"SIGTERM","ReadOnly":true,"Mounts":[{"Type":"volume","Source":"longdata","Target":"/data","VolumeOptions":{"Labels":{"v":"1"},"DriverConfig":{"Name":"local"}}},{"Type":"bind","Source":"/srv","Target":"/srv","ReadOnly":true,"BindOptions":{"Propagation":"rprivate"}},{"Type":"tmpfs","Target":"/scratch","TmpfsOptions":{"SizeBytes":1048576,"Mode":448}}],"StopGracePeriod":20000000000,"Healthcheck":{"Test":["CMD-SHELL","true"],"Interval":30000000000,"Timeout":5000000000,"StartPeriod":1000000000,"Retries":3},"Hosts":["10.0.0.9 db"],"DNSConfig":{"Nameservers":["10.0.0.2"],"Search":["example.com"],"Options":["ndots:2"]},"Secrets":[{"File":{"Name":"db_pass","UID":"0","GID":"0","Mode":292},"SecretID":"3hv39ehbbb4hdozo7spod9ftn","SecretName":"db_pass"}],"Configs":[{"File":{"Name":"/etc/app.conf","UID":"0","GID":"0","Mode":292},"ConfigID":"mtc3i44r1awdoziy2iceg73z8","ConfigName":"app.conf"}],"Isolation":"default","Sysctls":{"net.core.somaxconn":"1024","net.ipv4.tcp_syncookies":"0"},"CapabilityAdd":["CAP_NET_ADMIN","CAP_SYS_TIME"],"CapabilityDrop":["CAP_MKNOD"],"Ulimits":[{"Name":"nofile","Hard":2048,"Soft":1024},{"Name":"core","Hard":0,"Soft":0}]},"Resources":{"Limits":{"NanoCPUs":500000000,"MemoryBytes":67108864,"Pids":100},"Reservations":{"NanoCPUs":100000000,"MemoryBytes":16777216,"GenericResources":[{"DiscreteResourceSpec":{"Kind":"gpu","Value":2}}]}},"RestartPolicy":{"Condition":"on-failure","Delay":5000000000,"MaxAttempts":3,"Window":60000000000},"Placement":{"Constraints":["node.role==manager","node.labels.zone != z1"],"Preferences":[{"Spread":{"SpreadDescriptor":"node.labels.zone"}}],"MaxReplicas":2,"Platforms":[{"Architecture":"amd64","OS":"linux"}]},"Networks":[{"Target":"5vpyomhb6ievnk0i0o60gcnei","Aliases":["web"]}],"LogDriver":{"Name":"json-file","Options":{"flag":"","max-file":"2","max-size":"10m"}},"ForceUpdate":0,"Runtime":"container"},"Mode":{"Replicated":{"Replicas":3}},"UpdateConfig":{"Parallelism":2,"Delay":10000000000,"FailureAction":"pause","Monitor":5000000000,"MaxFailureRatio":0.2,"Order":"stop-first"},"RollbackConfig":{"Parallelism":1,"FailureAction":"continue","MaxFailureRatio":0,"Order":"start-first"},"EndpointSpec":{"Mode":"vip","Ports":[{"Protocol":"tcp","TargetPort":80,"PublishedPort":8080,"PublishMode":"ingress"},{"Protocol":"udp","TargetPort":90,"PublishedPort":9090,"PublishMode":"host"}]}},"Endpoint":{"Spec":{"Mode":"vip","Ports":[{"Protocol":"tcp","TargetPort":80,"PublishedPort":8080,"PublishMode":"ingress"},{"Protocol":"udp","TargetPort":90,"PublishedPort":9090,"PublishMode":"host"}]},"Ports":[{"Protocol":"tcp","TargetPort":80,"PublishedPort":8080,"PublishMode":"ingress"},{"Protocol":"udp","TargetPort":90,"PublishedPort":9090,"PublishMode":"host"}],"VirtualIPs":[{"NetworkID":"ingressnetworkid000000000","Addr":"10.0.0.5/24"},{"NetworkID":"5vpyomhb6ievnk0i0o60gcnei","Addr":"10.0.1.5/24"}]},"UpdateStatus":{"State":"completed","StartedAt":"2026-11-18T11:01:10.987654321Z","CompletedAt":"2026-11-18T11:02:10.987654321Z","Message":"update completed"}},{"ID":"85evnm0ckivyx2z2optfqfa6p","Version":{"Index":77},"CreatedAt":"2026-11-27T00:02:00Z","UpdatedAt":"2026-11-27T00:02:00.000000001Z","Spec":{"Name":"glob","Labels":null,"TaskTemplate":{"ContainerSpec":{"Image":"busybox:local@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef","Args":["sh","-c","echo \'a b\' \\u0026\\u0026 sleep 1d"],"Env":["X=\\u003cy\\u003e"],"StopGracePeriod":10000000000,"Healthcheck":{"Interval":1500000},"DNSConfig":{},"Isolation":"default"},"RestartPolicy":{"Condition":"any","Delay":5000000000,"MaxAttempts":0},"Placement":{},"ForceUpdate":0,"Runtime":"container"},"Mode":{"Global":{}},"UpdateConfig":{"Parallelism":1,"FailureAction":"pause","Monitor":5000000000,"MaxFailureRatio":0,"Order":"stop-first"},"RollbackConfig":{"Parallelism":1,"FailureAction":"pause","Monitor":5000000000,"MaxFailureRatio":0,"Order":"stop-first"}},"Endpoint":{"Spec":{}}},{"ID":"jhhborsqlt2g6nncv8juklimt","Version":{"Index":88},"CreatedAt":"2026-11-27T00:03:00.5Z","UpdatedAt":"2026-11-27T00:03:01Z","Spec":{"Name":"job","Labels":{},"TaskTemplate":{"ContainerSpec":{"Image":"busybox:local@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef","Init":false,"StopGracePeriod":10000000000,"DNSConfig":{},"Isolation":"default"},"Resources":{"Limits":{},"Reservations":{}},"RestartPolicy":{"Condition":"any","Delay":5000000000,"MaxAttempts":0},"Placement":{"Constraints":["node.platform.os==linux"]},"LogDriver":{"Name":"json-file"},"ForceUpdate":0,"Runtime":"container"},"Mode":{"ReplicatedJob":{"MaxConcurrent":2,"TotalCompletions":3}},"EndpointSpec":{"Mode":"dnsrr"}},"Endpoint":{"Spec":{"Mode":"dnsrr"}},"UpdateStatus":{"State":"updating","StartedAt":"2026-11-18T11:06:10.487654321Z","Message":"update in progress"},"JobStatus":{"JobIteration":{"Index":12},"LastExecution":"2026-11-27T00:03:00.5Z"}},{"ID":"e74un9v3upb6an1op4eja58x6","Version":{"Index":99},"CreatedAt":"2026-11-27T00:04:00Z","UpdatedAt":"2026-11-27T00:04:00Z","Spec":{"Name":"caps","Labels":{"only-key":""},"TaskTemplate":{"ContainerSpec":{"Image":"busybox","Init":false,"StopGracePeriod":10000000000,"Healthcheck":{"Test":["NONE"]},"DNSConfig":{},"Secrets":[{"File":{"Name":"s1","UID":"0","GID":"0","Mode":256},"SecretID":"x","SecretName":"s1"}],"Isolation":"default","Sysctls":{"kernel.msgmax":""},"CapabilityDrop":["CAP_NET_RAW"],"Ulimits":[{"Name":"nproc","Hard":20,"Soft":10}]},"Resources":{"Limits":{"Pids":7},"Reservations":{"MemoryBytes":1610612736}},"RestartPolicy":{"Condition":"any","Delay":5000000000,"MaxAttempts":0},"Placement":{},"Networks":[{"Target":"w3m7n1dckr2tsq6lkh3y5b0vx"},{"Target":"5vpyomhb6ievnk0i0o60gcnei"}],"LogDriver":{"Options":{"tag":"{{.Name}}"}},"ForceUpdate":0,"Runtime":"container"},"Mode":{"Replicated":{"Replicas":0}},"UpdateConfig":{"Parallelism":0,"FailureAction":"pause","Monitor":1500000000,"MaxFailureRatio":0.1,"Order":"stop-first"},"RollbackConfig":{"Parallelism":1,"Delay":90000000000,"FailureAction":"pause","Monitor":5000000000,"MaxFailureRatio":1,"Order":"stop-first"},"Networks":[{"Target":"5vpyomhb6ievnk0i0o60gcnei"}],"EndpointSpec":{"Mode":"vip"}},"Endpoint":{"Spec":{"Mode":"vip"}},"UpdateStatus":{"State":"rollback_completed","StartedAt":"2026-11-18T08:06:40.987654321Z","CompletedAt":"2026-11-18T09:06:40.987654321Z","Message":"rollback completed"},"ServiceStatus":{"RunningTasks":0,"DesiredTasks":0,"CompletedTasks":0}}]\n'
)

EXPECTED_PRETTY_WEB = (
    '\n'
    'ID:\t\trdx9dqpfbtipk1pn5o4bq8v3e\n'
    'Name:\t\tweb\n'
    'Labels:\n'
    ' empty\n'
    ' html=<a&b>\n'
    ' héllo=✓ ok\n'
    ' tier=front\n'
    'Service Mode:\tReplicated\n'
    ' Replicas:\t3\n'
    'UpdateStatus:\n'
    ' State:\t\tcompleted\n'
    ' Started:\t5 minutes ago\n'
    ' Completed:\t4 minutes ago\n'
    ' Message:\tupdate completed\n'
    'Placement:\n'
    ' Constraints:\t[node.role==manager node.labels.zone != z1]\n'
    ' Preferences:   [spread=node.labels.zone]\n'
    ' Max Replicas Per Node:   2\n'
    'UpdateConfig:\n'
    ' Parallelism:\t2\n'
    ' Delay:\t\t10s\n'
    ' On failure:\tpause\n'
    ' Monitoring Period: 5s\n'
    ' Max failure ratio: 0.2\n'
    ' Update order:      stop-first\n'
    'RollbackConfig:\n'
    ' Parallelism:\t1\n'
    ' On failure:\tcontinue\n'
    ' Max failure ratio: 0\n'
    ' Rollback order:    start-first\n'
    'ContainerSpec:\n'
    ' Image:\t\tnginx:1.25@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n'
    ' Args:\t\techo hi; sleep 1d two \n'
    ' Env:\t\tA=1 B=two words \n'
    ' Dir:\t\t/tmp\n'
    ' Init:\t\ttrue\n'
    ' User: 65534:65534\n'
    'Capabilities:\n'
    ' Add: CAP_NET_ADMIN, CAP_SYS_TIME\n'
    ' Drop: CAP_MKNOD\n'
    'SysCtls:\n'
    ' net.core.somaxconn: 1024\n'
    ' net.ipv4.tcp_syncookies: 0\n'
    'Ulimits:\n'
    ' core: 0:0\n'
    ' nofile: 1024:2048\n'
    'Mounts:\n'
    ' Target:\t/data\n'
    '  Source:\tlongdata\n'
    '  ReadOnly:\tfalse\n'
    '  Type:\t\tvolume\n'
    ' Target:\t/srv\n'
    '  Source:\t/srv\n'
    '  ReadOnly:\ttrue\n'
    '  Type:\t\tbind\n'
    ' Target:\t/scratch\n'
    '  Source:\t\n'
    '  ReadOnly:\tfalse\n'
    '  Type:\t\ttmpfs\n'
    'Configs:\n'
    ' Target:\t/etc/app.conf\n'
    '  Source:\tapp.conf\n'
    'Secrets:\n'
    ' Target:\tdb_pass\n'
    '  Source:\tdb_pass\n'
    'Log Driver:\n'
    ' Name:\t\tjson-file\n'
    ' LogOpts:\n'
    '  flag\n'
    '  max-file:       2\n'
    '  max-size:       10m\n'
    '\n'
    'Resources:\n'
    ' Reservations:\n'
    '  CPU:\t\t0.1\n'
    '  Memory:\t16MiB\n'
    ' Limits:\n'
    '  CPU:\t\t0.5\n'
    '  Memory:\t64MiB\n'
    '  PIDs:\t\t100\n'
    'Networks: scen-net \n'
    'Endpoint Mode:\tvip\n'
    'Ports:\n'
    ' PublishedPort = 8080\n'
    '  Protocol = tcp\n'
    '  TargetPort = 80\n'
    '  PublishMode = ingress\n'
    ' PublishedPort = 9090\n'
    '  Protocol = udp\n'
    '  TargetPort = 90\n'
    '  PublishMode = host \n'
    ' Healthcheck:\n'
    '  Interval = 30s\n'
    '  Retries = 3\n'
    '  StartPeriod =\t1s\n'
    '  Timeout =\t5s\n'
    '  Tests:\n'
    '\t Test = CMD-SHELL\n'
    '\t Test = true \n'
    '\n'
)

EXPECTED_PRETTY_GLOB = (
    '\n'
    'ID:\t\t85evnm0ckivyx2z2optfqfa6p\n'
    'Name:\t\tglob\n'
    'Service Mode:\tGlobal\n'
    'Placement:\n'
    'UpdateConfig:\n'
    ' Parallelism:\t1\n'
    ' On failure:\tpause\n'
    ' Monitoring Period: 5s\n'
    ' Max failure ratio: 0\n'
    ' Update order:      stop-first\n'
    'RollbackConfig:\n'
    ' Parallelism:\t1\n'
    ' On failure:\tpause\n'
    ' Monitoring Period: 5s\n'
    ' Max failure ratio: 0\n'
    ' Rollback order:    stop-first\n'
    'ContainerSpec:\n'
    ' Image:\t\tbusybox:local@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n'
    " Args:\t\tsh -c echo 'a b' && sleep 1d \n"
    ' Env:\t\tX=<y> \n'
    'Endpoint Mode:\t\n'
    ' Healthcheck:\n'
    '  Interval = 1.5ms\n'
    '  Retries = 0\n'
    '  StartPeriod =\t0s\n'
    '  Timeout =\t0s\n'
    '\n'
)

EXPECTED_PRETTY_JOB = (
    '\n'
    'ID:\t\tjhhborsqlt2g6nncv8juklimt\n'
    'Name:\t\tjob\n'
    'Service Mode:\n'
    'UpdateStatus:\n'
    ' State:\t\tupdating\n'
    ' Started:\t30 seconds ago\n'
    ' Message:\tupdate in progress\n'
    'Placement:\n'
    ' Constraints:\t[node.platform.os==linux]\n'
    'ContainerSpec:\n'
    ' Image:\t\tbusybox:local@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n'
    ' Init:\t\tfalse\n'
    'Log Driver:\n'
    ' Name:\t\tjson-file\n'
    '\n'
    'Resources:\n'
    'Endpoint Mode:\tdnsrr\n'
    '\n'
)

EXPECTED_PRETTY_CAPS = (
    '\n'
    'ID:\t\te74un9v3upb6an1op4eja58x6\n'
    'Name:\t\tcaps\n'
    'Labels:\n'
    ' only-key\n'
    'Service Mode:\tReplicated\n'
    ' Replicas:\t0\n'
    'UpdateStatus:\n'
    ' State:\t\trollback_completed\n'
    ' Started:\t3 hours ago\n'
    ' Message:\trollback completed\n'
    'Placement:\n'
    'UpdateConfig:\n'
    ' Parallelism:\t0\n'
    ' On failure:\tpause\n'
    ' Monitoring Period: 1.5s\n'
    ' Max failure ratio: 0.1\n'
    ' Update order:      stop-first\n'
    'RollbackConfig:\n'
    ' Parallelism:\t1\n'
    ' Delay:\t\t1m30s\n'
    ' On failure:\tpause\n'
    ' Monitoring Period: 5s\n'
    ' Max failure ratio: 1\n'
    ' Rollback order:    stop-first\n'
    'ContainerSpec:\n'
    ' Image:\t\tbusybox\n'
    ' Init:\t\tfalse\n'
    'Capabilities:\n'
    ' Drop: CAP_NET_RAW\n'
    'SysCtls:\n'
    ' kernel.msgmax\n'
    'Ulimits:\n'
    ' nproc: 10:20\n'
    'Secrets:\n'
    ' Target:\ts1\n'
    '  Source:\ts1\n'
    'Log Driver:\n'
    ' LogOpts:\n'
    '  tag:       {{.Name}}\n'
    '\n'
    'Resources:\n'
    ' Reservations:\n'
    '  Memory:\t1.5GiB\n'
    ' Limits:\n'
    '  PIDs:\t\t7\n'
    'Networks: w3m7n1dckr2tsq6lkh3y5b0vx scen-net \n'
    'Endpoint Mode:\tvip\n'
    ' Healthcheck:\n'
    '  Interval = 0s\n'
    '  Retries = 0\n'
    '  StartPeriod =\t0s\n'
    '  Timeout =\t0s\n'
    '  Tests:\n'
    '\t Test = NONE \n'
    '\n'
)

EXPECTED_PRETTY_GLOB_JOB = (
    '\n'
    'ID:\t\t85evnm0ckivyx2z2optfqfa6p\n'
    'Name:\t\tglob\n'
    'Service Mode:\tGlobal\n'
    'Placement:\n'
    'UpdateConfig:\n'
    ' Parallelism:\t1\n'
    ' On failure:\tpause\n'
    ' Monitoring Period: 5s\n'
    ' Max failure ratio: 0\n'
    ' Update order:      stop-first\n'
    'RollbackConfig:\n'
    ' Parallelism:\t1\n'
    ' On failure:\tpause\n'
    ' Monitoring Period: 5s\n'
    ' Max failure ratio: 0\n'
    ' Rollback order:    stop-first\n'
    'ContainerSpec:\n'
    ' Image:\t\tbusybox:local@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n'
    " Args:\t\tsh -c echo 'a b' && sleep 1d \n"
    ' Env:\t\tX=<y> \n'
    'Endpoint Mode:\t\n'
    ' Healthcheck:\n'
    '  Interval = 1.5ms\n'
    '  Retries = 0\n'
    '  StartPeriod =\t0s\n'
    '  Timeout =\t0s\n'
    '\n'
    '\n'
    'ID:\t\tjhhborsqlt2g6nncv8juklimt\n'
    'Name:\t\tjob\n'
    'Service Mode:\n'
    'UpdateStatus:\n'
    ' State:\t\tupdating\n'
    ' Started:\t30 seconds ago\n'
    ' Message:\tupdate in progress\n'
    'Placement:\n'
    ' Constraints:\t[node.platform.os==linux]\n'
    'ContainerSpec:\n'
    ' Image:\t\tbusybox:local@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n'
    ' Init:\t\tfalse\n'
    'Log Driver:\n'
    ' Name:\t\tjson-file\n'
    '\n'
    'Resources:\n'
    'Endpoint Mode:\tdnsrr\n'
    '\n'
)


# ---------------------------------------------------------------------------
# Tests


def _services(*names, now=NOW):
    by_name = {s["Spec"]["Name"]: s for s in make_inspect_services(now)}
    return [by_name[n] for n in names]


NET_NAMES = {k: v["Name"] for k, v in NETWORKS.items()}


@pytest.mark.parametrize(
    "name,render,expected",
    [
        ("inspect glob job", lambda: I.render_inspect_json(_services("glob", "job")), EXPECTED_JSON_GLOB_JOB),
        ("inspect --format json", lambda: I.render_inspect_json(_services("web", "glob", "job", "caps"), compact=True),
         EXPECTED_COMPACT_ALL),
        ("--pretty web", lambda: I.render_inspect_pretty(_services("web"), NET_NAMES, NOW), EXPECTED_PRETTY_WEB),
        ("--pretty glob", lambda: I.render_inspect_pretty(_services("glob"), NET_NAMES, NOW), EXPECTED_PRETTY_GLOB),
        ("--pretty job", lambda: I.render_inspect_pretty(_services("job"), NET_NAMES, NOW), EXPECTED_PRETTY_JOB),
        ("--pretty caps", lambda: I.render_inspect_pretty(_services("caps"), NET_NAMES, NOW), EXPECTED_PRETTY_CAPS),
        ("--pretty glob job", lambda: I.render_inspect_pretty(_services("glob", "job"), NET_NAMES, NOW),
         EXPECTED_PRETTY_GLOB_JOB),
    ],
)
def test_matches_docker(name, render, expected):
    assert render() == expected


def test_indented_equals_compact_reindented():
    # the indented output is json.Indent of the compact one: same document
    services = make_inspect_services(NOW)
    indented = I.render_inspect_json(services)
    compact = I.render_inspect_json(services, compact=True)
    assert json.loads(indented) == json.loads(compact) == json.loads(EXPECTED_COMPACT_ALL)
    assert indented.startswith("[\n    {\n        \"ID\": \"rdx9dqpfbtipk1pn5o4bq8v3e\",\n")
    assert indented.endswith("\n]\n") and compact.endswith("}]\n")


def test_empty_inspect_is_empty_array():
    assert I.render_inspect_json([]) == "[]\n"
    assert I.render_inspect_json([], compact=True) == "[]\n"
    assert I.render_inspect_pretty([]) == ""


def test_go_round_trip_rules():
    web = I.normalize_service(_services("web")[0])
    # Go struct order, not the engine's key order; unknown fields dropped
    assert list(web) == ["ID", "Version", "CreatedAt", "UpdatedAt", "Spec", "PreviousSpec", "Endpoint", "UpdateStatus"]
    assert "NewEngineField" not in web["Spec"]["TaskTemplate"]["ContainerSpec"]
    # map keys sorted, times re-formatted (trailing zeros dropped, offset kept)
    assert list(web["Spec"]["Labels"]) == ["empty", "html", "h\u00e9llo", "tier"]
    assert web["CreatedAt"] == "2026-11-27T00:01:02.12Z"
    assert web["UpdatedAt"] == "2026-11-27T01:01:03.5+01:00"
    # float32 values stay float32
    assert isinstance(web["Spec"]["UpdateConfig"]["MaxFailureRatio"], I.Float32)
    glob = I.normalize_service(_services("glob")[0])
    assert glob["Spec"]["Labels"] is None  # "Labels" has no omitempty
    assert "Resources" not in glob["Spec"]["TaskTemplate"]  # nil pointer + omitempty
    # a missing struct field is filled with Go zero values
    bare = I.normalize_service({"ID": "x"})
    assert bare == {
        "ID": "x", "Version": {}, "CreatedAt": "0001-01-01T00:00:00Z", "UpdatedAt": "0001-01-01T00:00:00Z",
        "Spec": {"Labels": None, "TaskTemplate": {"ForceUpdate": 0}, "Mode": {}}, "Endpoint": {"Spec": {}},
    }
    # Go matches JSON keys case-insensitively when there is no exact match
    assert I.normalize_service({"id": "y", "spec": {"name": "n"}})["Spec"]["Name"] == "n"
    # omitempty drops zero values the engine sent; pointers keep them
    n = I.normalize_service({"Spec": {"Mode": {"Replicated": {"Replicas": 0}},
                                       "TaskTemplate": {"ContainerSpec": {"TTY": False, "Init": False}}}})
    assert n["Spec"]["Mode"] == {"Replicated": {"Replicas": 0}}
    assert n["Spec"]["TaskTemplate"]["ContainerSpec"] == {"Init": False}


def test_pretty_golden():
    # docker/cli v28.2.2 cli/command/service/testdata/service-inspect-pretty.golden
    svc = {
        "ID": "de179gar9d0o7ltdybungplod", "Version": {"Index": 315},
        "CreatedAt": "2026-11-27T00:00:00Z", "UpdatedAt": "2026-11-27T00:00:00Z",
        "Spec": {
            "Name": "my_service", "Labels": {"com.label": "foo"},
            "TaskTemplate": {
                "LogDriver": {"Name": "driver", "Options": {"max-file": "5"}},
                "ContainerSpec": {
                    "Image": "foo/bar@sha256:this_is_a_test",
                    "Configs": [{"ConfigID": "mtc3i44r1awdoziy2iceg73z8", "ConfigName": "configtest.conf",
                                 "File": {"Name": "/configtest.conf"}}],
                    "Secrets": [{"SecretID": "3hv39ehbbb4hdozo7spod9ftn", "SecretName": "secrettest.conf",
                                 "File": {"Name": "/secrettest.conf"}}],
                    "Healthcheck": {"Test": ["CMD-SHELL", "curl"], "Interval": 4, "Retries": 3,
                                    "StartPeriod": 2, "Timeout": 1},
                },
                "Resources": {"Limits": {"NanoCPUs": 100000000000, "MemoryBytes": 10490000, "Pids": 20}},
                "Networks": [{"Target": "5vpyomhb6ievnk0i0o60gcnei", "Aliases": ["web"]}],
            },
            "Mode": {"Replicated": {"Replicas": 2}},
            "EndpointSpec": {"Mode": "vip", "Ports": [{"Protocol": "tcp", "TargetPort": 5000}]},
        },
        "Endpoint": {
            "Spec": {"Mode": "vip", "Ports": [{"Protocol": "tcp", "TargetPort": 5000}]},
            "Ports": [{"Protocol": "tcp", "TargetPort": 5000, "PublishedPort": 30000}],
            "VirtualIPs": [{"NetworkID": "6o4107cj2jx9tihgb0jyts6pj", "Addr": "10.255.0.4/16"}],
        },
        "UpdateStatus": {"StartedAt": "2026-11-27T00:00:00Z", "CompletedAt": "2026-11-27T00:00:00Z"},
    }
    assert I.render_inspect_pretty([svc], {"5vpyomhb6ievnk0i0o60gcnei": "mynetwork"}) == (
        "\n"
        "ID:\t\tde179gar9d0o7ltdybungplod\n"
        "Name:\t\tmy_service\n"
        "Labels:\n"
        " com.label=foo\n"
        "Service Mode:\tReplicated\n"
        " Replicas:\t2\n"
        "Placement:\n"
        "ContainerSpec:\n"
        " Image:\t\tfoo/bar@sha256:this_is_a_test\n"
        "Configs:\n"
        " Target:\t/configtest.conf\n"
        "  Source:\tconfigtest.conf\n"
        "Secrets:\n"
        " Target:\t/secrettest.conf\n"
        "  Source:\tsecrettest.conf\n"
        "Log Driver:\n"
        " Name:\t\tdriver\n"
        " LogOpts:\n"
        "  max-file:       5\n"
        "\n"
        "Resources:\n"
        " Limits:\n"
        "  CPU:\t\t100\n"
        "  Memory:\t10MiB\n"
        "  PIDs:\t\t20\n"
        "Networks: mynetwork \n"
        "Endpoint Mode:\tvip\n"
        "Ports:\n"
        " PublishedPort = 30000\n"
        "  Protocol = tcp\n"
        "  TargetPort = 5000\n"
        "  PublishMode =  \n"
        " Healthcheck:\n"
        "  Interval = 4ns\n"
        "  Retries = 3\n"
        "  StartPeriod =\t2ns\n"
        "  Timeout =\t1ns\n"
        "  Tests:\n"
        "\t Test = CMD-SHELL\n"
        "\t Test = curl \n"
        "\n"
    )


def test_pretty_update_status_wording():
    svc = {"ID": "x", "Spec": {"Name": "n", "Mode": {"Global": {}}},
           "UpdateStatus": {"State": "completed", "StartedAt": format_rfc3339_nano(NOW - SECOND // 2),
                            "CompletedAt": format_rfc3339_nano(NOW - 70 * SECOND)}}
    out = I.render_inspect_pretty([svc], now=NOW)
    # not lower-cased, unlike ps (reference §1.6)
    assert " Started:\tLess than a second ago\n Completed:\tAbout a minute ago\n Message:\t\n" in out
