"""swarmctl.output.tables: tabwriter, ls/ps row models and the default table bytes.

Expected outputs come from three places:

* "golden": docker/cli v28.2.2's own test goldens (cli/command/service and
  cli/command/task testdata and formatter_test.go);
* "reference": /work/shared/reference/read-commands.md §1.3, §1.6, §2, §3;
* "docker 28.2.2": what the real ``docker`` binary (28.2.2) printed for the
  fixtures below, served to it by a stub engine speaking API 1.41 (timestamps
  relative to the capture time, chosen in the middle of HumanDuration's
  buckets, so the CURRENT STATE words are stable).
"""
from __future__ import annotations

import functools
import json
import random

import pytest

from swarmctl.output import tables as T
from swarmctl.golang.time import SECOND, format_rfc3339_nano

NOW = 1795000000 * SECOND + 123456789  # a fixed "now" for CURRENT STATE

DIGEST = "sha256:" + "0123456789abcdef" * 4

NODE_VM = "uyyztkjvjn24oauj3t2py75sc"
NODE_N2 = "sakengumsqcl4752t21wunjdl"
NODE_N3 = "qjs2h8n9ve397c4wycgwa5oa7"
NODE_GONE = "yziffp539zrb7g81cl19s97xm"

SVC_WEB = "rdx9dqpfbtipk1pn5o4bq8v3e"
SVC_PORTS = "3abt18wh586c577wf7am9lss9"
SVC_GJOB = "hm4qnetyv6gkjhhborsqlt2g6"
SVC_JOB = "jhhborsqlt2g6nncv8juklimt"
SVC_GLOB = "85evnm0ckivyx2z2optfqfa6p"
SVC_CAPPED = "e74un9v3upb6an1op4eja58x6"
SVC_SVC2 = "g4xkw50zsbjp503ux9undqjn5"
SVC_SVC10 = "uhboh1igbn1xvqle5no96itnb"
SVC_SVC02 = "9t22bee7jx3g3rvto44u78wxr"
SVC_CRASHY = "pg0cchexo7addl2oa8o725tz2"
SVC_GONE = "v7gflk3cbn0ic8thfcx13bc6q"


def _ts(now, seconds_ago):
    return format_rfc3339_nano(now - int(seconds_ago * SECOND))


def _service(sid, name, mode, image, status, ports=None, placement=None, labels=None):
    """An engine-shaped (API 1.41, ``status=true``) service list entry."""
    spec_ports = [
        {k: v for k, v in p.items() if k != "PublishedPort" or p.get("PublishMode") == "host"}
        for p in (ports or [])
    ]
    svc = {
        "ID": sid,
        "Version": {"Index": 100 + len(name)},
        "CreatedAt": "2026-11-27T00:01:02.123456789Z",
        "UpdatedAt": "2026-11-27T00:01:03.5Z",
        "Spec": {
            "Name": name,
            "Labels": labels or {},
            "TaskTemplate": {
                "ContainerSpec": {
                    "Image": image,
                    "Args": ["sleep", "infinity"],
                    "Init": False,
                    "StopGracePeriod": 10000000000,
                    "DNSConfig": {},
                    "Isolation": "default",
                },
                "Resources": {"Limits": {}, "Reservations": {}},
                "RestartPolicy": {"Condition": "any", "Delay": 5000000000, "MaxAttempts": 0},
                "Placement": placement or {},
                "ForceUpdate": 0,
                "Runtime": "container",
            },
            "Mode": mode,
            "EndpointSpec": {"Mode": "vip"},
        },
        "Endpoint": {"Spec": {}},
        "ServiceStatus": status,
    }
    if ports:
        svc["Spec"]["EndpointSpec"]["Ports"] = spec_ports
        svc["Endpoint"] = {
            "Spec": {"Mode": "vip", "Ports": spec_ports},
            "Ports": ports,
            "VirtualIPs": [{"NetworkID": "5vpyomhb6ievnk0i0o60gcnei", "Addr": "10.0.0.5/24"}],
        }
    return svc


def _port(published, target, proto="tcp", mode="ingress"):
    return {"Protocol": proto, "TargetPort": target, "PublishedPort": published, "PublishMode": mode}


def _status(running, desired, completed=0):
    return {"RunningTasks": running, "DesiredTasks": desired, "CompletedTasks": completed}


def make_services():
    return [
        _service(SVC_WEB, "web", {"Replicated": {"Replicas": 3}}, "nginx:1.25@" + DIGEST,
                 _status(3, 3), ports=[_port(8080, 80)], labels={"html": "<a&b>"}),
        _service(SVC_PORTS, "ports", {"Replicated": {"Replicas": 1}}, "busybox:local", _status(1, 1),
                 ports=[_port(8083, 80), _port(8082, 82, "udp"), _port(8081, 81), _port(8080, 80),
                        _port(9999, 99, "tcp", "host")]),
        _service(SVC_GJOB, "gjob", {"GlobalJob": {}}, "busybox:local", _status(0, 0, 1)),
        _service(SVC_JOB, "job", {"ReplicatedJob": {"MaxConcurrent": 2, "TotalCompletions": 3}},
                 "busybox:local", _status(0, 2, 3)),
        _service(SVC_GLOB, "glob", {"Global": {}}, "docker.io/library/busybox:local", _status(1, 1),
                 ports=[_port(9090, 90, "tcp", "host")]),
        _service(SVC_CAPPED, "capped", {"Replicated": {"Replicas": 2}},
                 "registry.example.com:5000/team/app:v1.2@" + DIGEST, _status(2, 2),
                 placement={"MaxReplicas": 2}),
        _service(SVC_SVC2, "svc2", {"Replicated": {"Replicas": 0}}, "busybox@" + DIGEST, _status(0, 0)),
        _service(SVC_SVC10, "svc10", {"Replicated": {"Replicas": 1}}, "Busybox:Latest", _status(1, 1)),
        _service(SVC_SVC02, "svc02", {"Replicated": {"Replicas": 1}}, "localhost/img:2", _status(0, 1)),
        _service(SVC_CRASHY, "crashy", {"Replicated": {"Replicas": 1}}, "busybox:local", _status(0, 1)),
    ]


NODES = {
    NODE_VM: {"ID": NODE_VM, "Spec": {"Labels": {}, "Role": "manager", "Availability": "active"},
              "Description": {"Hostname": "vm"}},
    NODE_N2: {"ID": NODE_N2, "Spec": {"Name": "named-node", "Labels": {}, "Role": "worker"},
              "Description": {"Hostname": "host2"}},
    NODE_N3: {"ID": NODE_N3, "Spec": {"Labels": {}, "Role": "worker"},
              "Description": {"Hostname": "\u30ce\u30fc\u30c93"}},
}


def _task(tid, sid, slot, node, desired, state, seconds_ago, created_ago, now, err="", ports=None,
          image="busybox:local@" + DIGEST):
    status = {
        "Timestamp": _ts(now, seconds_ago),
        "State": state,
        "Message": state,
        "PortStatus": {"Ports": ports} if ports else {},
    }
    if err:
        status["Err"] = err
    if state in ("running", "failed", "complete", "shutdown"):
        status["ContainerStatus"] = {"ContainerID": "c" * 64, "PID": 0, "ExitCode": 0}
    task = {
        "ID": tid,
        "Version": {"Index": 500},
        "CreatedAt": _ts(now, created_ago),
        "UpdatedAt": _ts(now, seconds_ago),
        "Labels": {},
        "Spec": {
            "ContainerSpec": {"Image": image, "Init": False, "DNSConfig": {}, "Isolation": "default"},
            "Resources": {"Limits": {}, "Reservations": {}},
            "Placement": {},
            "ForceUpdate": 0,
        },
        "ServiceID": sid,
        "NodeID": node,
        "Status": status,
        "DesiredState": desired,
    }
    if slot:
        task["Slot"] = slot
    if not node:
        del task["NodeID"]
    return task


LONG_ERR = 'invalid mount config for type "bind": bind source path does not exist: /nonexistent'
CJK_ERR = "\u30a4\u30e1\u30fc\u30b8\u304c\u898b\u3064\u304b\u308a\u307e\u305b\u3093: no such image abcdefghijkl"


def make_tasks(now):
    """Tasks as ``GET /tasks`` returns them (deliberately unsorted)."""
    return [
        _task("h4b9ch2l28xbkz1yq5n0xs7dw", SVC_CRASHY, 1, NODE_VM, "shutdown", "failed", 5.5 * 60, 6 * 60, now,
              err="task: non-zero exit (3)"),
        _task("snd4mfti363gwcn7ff3tq50di", SVC_CRASHY, 1, NODE_VM, "shutdown", "failed", 7.5 * 60, 8 * 60, now,
              err="task: non-zero exit (3)"),
        _task("a1crashy0newestw7ff3tq50d", SVC_CRASHY, 1, NODE_VM, "running", "starting", 1.5, 5, now),
        _task("webtask01xxxxxxxxxxxxxxxx", SVC_WEB, 1, NODE_VM, "running", "running", 330, 600, now,
              image="nginx:1.25@" + DIGEST),
        _task("webtask01oldxxxxxxxxxxxxx", SVC_WEB, 1, NODE_VM, "shutdown", "shutdown", 630, 1200, now,
              image="nginx:1.24"),
        _task("webtask02xxxxxxxxxxxxxxxx", SVC_WEB, 2, NODE_N2, "running", "running", 0.5, 600, now,
              image="nginx:1.25@" + DIGEST),
        _task("webtask03xxxxxxxxxxxxxxxx", SVC_WEB, 3, NODE_N3, "running", "running", 65, 600, now,
              image="nginx:1.25@" + DIGEST),
        _task("globtask1xxxxxxxxxxxxxxxx", SVC_GLOB, 0, NODE_VM, "running", "running", 3 * 3600 + 600, 4 * 3600,
              now, ports=[_port(9090, 90, "tcp", "host"), _port(9090, 90, "tcp", "host")]),
        _task("gjobtask1xxxxxxxxxxxxxxxx", SVC_GJOB, 0, NODE_VM, "complete", "complete", 2 * 86400 + 3600,
              3 * 86400, now),
        _task("jobtask02xxxxxxxxxxxxxxxx", SVC_JOB, 2, NODE_VM, "complete", "complete", 21 * 86400 + 3600,
              22 * 86400, now),
        _task("jobtask00xxxxxxxxxxxxxxxx", SVC_JOB, 0, NODE_VM, "complete", "complete", 70 * 86400,
              71 * 86400, now),
        _task("jobtask01xxxxxxxxxxxxxxxx", SVC_JOB, 1, NODE_VM, "complete", "complete", 800 * 86400,
              801 * 86400, now),
        _task("portsrej1xxxxxxxxxxxxxxxx", SVC_PORTS, 1, NODE_VM, "running", "rejected", 90, 95, now,
              err=LONG_ERR),
        _task("portspend1xxxxxxxxxxxxxxx", SVC_PORTS, 1, "", "running", "pending", 20.5, 21, now),
        _task("svc2task1xxxxxxxxxxxxxxxx", SVC_SVC2, 1, NODE_GONE, "running", "failed", 150, 160, now,
              err=CJK_ERR),
        _task("gonetask1xxxxxxxxxxxxxxxx", SVC_GONE, 1, NODE_VM, "shutdown", "complete", 45.5, 50, now),
        _task("svc02task1xxxxxxxxxxxxxxx", SVC_SVC02, 1, NODE_VM, "running", "failed", 9.5, 10, now,
              err="exit\tstatus\n2\x1b <&>"),
    ]


SERVICE_NAMES = {s["ID"]: s["Spec"]["Name"] for s in make_services()}
NODE_NAMES = {nid: T.node_display_name(n) for nid, n in NODES.items()}


def ps_rows(**kw):
    return T.task_rows(make_tasks(NOW), SERVICE_NAMES, NODE_NAMES, now=NOW, **kw)


# ---------------------------------------------------------------------------
# Expected bytes, docker 28.2.2 (see module docstring)

EXPECTED_LS = (
    'ID             NAME      MODE             REPLICAS               IMAGE                                                                             PORTS\n'
    'e74un9v3upb6   capped    replicated       2/2 (max 2 per node)   registry.example.com:5000/team/app:v1.2                                           \n'
    'pg0cchexo7ad   crashy    replicated       0/1                    busybox:local                                                                     \n'
    'hm4qnetyv6gk   gjob      global job       0/0 (1/1 completed)    busybox:local                                                                     \n'
    '85evnm0ckivy   glob      global           1/1                    busybox:local                                                                     \n'
    'jhhborsqlt2g   job       replicated job   0/2 (3/3 completed)    busybox:local                                                                     \n'
    '3abt18wh586c   ports     replicated       1/1                    busybox:local                                                                     *:8080-8081->80-81/tcp, *:8083->80/tcp, *:8082->82/udp\n'
    'g4xkw50zsbjp   svc2      replicated       0/0                    busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef   \n'
    '9t22bee7jx3g   svc02     replicated       0/1                    localhost/img:2                                                                   \n'
    'uhboh1igbn1x   svc10     replicated       1/1                    Busybox:Latest                                                                    \n'
    'rdx9dqpfbtip   web       replicated       3/3                    nginx:1.25                                                                        *:8080->80/tcp\n'
)

EXPECTED_LS_QUIET = (
    'e74un9v3upb6\n'
    'pg0cchexo7ad\n'
    'hm4qnetyv6gk\n'
    '85evnm0ckivy\n'
    'jhhborsqlt2g\n'
    '3abt18wh586c\n'
    'g4xkw50zsbjp\n'
    '9t22bee7jx3g\n'
    'uhboh1igbn1x\n'
    'rdx9dqpfbtip\n'
)

EXPECTED_LS_JSON = (
    '{"ID":"e74un9v3upb6","Image":"registry.example.com:5000/team/app:v1.2","Mode":"replicated","Name":"capped","Ports":"","Replicas":"2/2 (max 2 per node)"}\n'
    '{"ID":"pg0cchexo7ad","Image":"busybox:local","Mode":"replicated","Name":"crashy","Ports":"","Replicas":"0/1"}\n'
    '{"ID":"hm4qnetyv6gk","Image":"busybox:local","Mode":"global job","Name":"gjob","Ports":"","Replicas":"0/0 (1/1 completed)"}\n'
    '{"ID":"85evnm0ckivy","Image":"busybox:local","Mode":"global","Name":"glob","Ports":"","Replicas":"1/1"}\n'
    '{"ID":"jhhborsqlt2g","Image":"busybox:local","Mode":"replicated job","Name":"job","Ports":"","Replicas":"0/2 (3/3 completed)"}\n'
    '{"ID":"3abt18wh586c","Image":"busybox:local","Mode":"replicated","Name":"ports","Ports":"*:8080-8081-\\u003e80-81/tcp, *:8083-\\u003e80/tcp, *:8082-\\u003e82/udp","Replicas":"1/1"}\n'
    '{"ID":"g4xkw50zsbjp","Image":"busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef","Mode":"replicated","Name":"svc2","Ports":"","Replicas":"0/0"}\n'
    '{"ID":"9t22bee7jx3g","Image":"localhost/img:2","Mode":"replicated","Name":"svc02","Ports":"","Replicas":"0/1"}\n'
    '{"ID":"uhboh1igbn1x","Image":"Busybox:Latest","Mode":"replicated","Name":"svc10","Ports":"","Replicas":"1/1"}\n'
    '{"ID":"rdx9dqpfbtip","Image":"nginx:1.25","Mode":"replicated","Name":"web","Ports":"*:8080-\\u003e80/tcp","Replicas":"3/3"}\n'
)

EXPECTED_LS_RAW = (
    'id: e74un9v3upb6\n'
    'name: capped\n'
    'mode: replicated\n'
    'replicas: 2/2 (max 2 per node)\n'
    'image: registry.example.com:5000/team/app:v1.2\n'
    'ports: \n'
    '\n'
    'id: pg0cchexo7ad\n'
    'name: crashy\n'
    'mode: replicated\n'
    'replicas: 0/1\n'
    'image: busybox:local\n'
    'ports: \n'
    '\n'
    'id: hm4qnetyv6gk\n'
    'name: gjob\n'
    'mode: global job\n'
    'replicas: 0/0 (1/1 completed)\n'
    'image: busybox:local\n'
    'ports: \n'
    '\n'
    'id: 85evnm0ckivy\n'
    'name: glob\n'
    'mode: global\n'
    'replicas: 1/1\n'
    'image: busybox:local\n'
    'ports: \n'
    '\n'
    'id: jhhborsqlt2g\n'
    'name: job\n'
    'mode: replicated job\n'
    'replicas: 0/2 (3/3 completed)\n'
    'image: busybox:local\n'
    'ports: \n'
    '\n'
    'id: 3abt18wh586c\n'
    'name: ports\n'
    'mode: replicated\n'
    'replicas: 1/1\n'
    'image: busybox:local\n'
    'ports: *:8080-8081->80-81/tcp, *:8083->80/tcp, *:8082->82/udp\n'
    '\n'
    'id: g4xkw50zsbjp\n'
    'name: svc2\n'
    'mode: replicated\n'
    'replicas: 0/0\n'
    'image: busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n'
    'ports: \n'
    '\n'
    'id: 9t22bee7jx3g\n'
    'name: svc02\n'
    'mode: replicated\n'
    'replicas: 0/1\n'
    'image: localhost/img:2\n'
    'ports: \n'
    '\n'
    'id: uhboh1igbn1x\n'
    'name: svc10\n'
    'mode: replicated\n'
    'replicas: 1/1\n'
    'image: Busybox:Latest\n'
    'ports: \n'
    '\n'
    'id: rdx9dqpfbtip\n'
    'name: web\n'
    'mode: replicated\n'
    'replicas: 3/3\n'
    'image: nginx:1.25\n'
    'ports: *:8080->80/tcp\n'
    '\n'
)

EXPECTED_LS_QUIET_RAW = (
    'id: e74un9v3upb6\n'
    'id: pg0cchexo7ad\n'
    'id: hm4qnetyv6gk\n'
    'id: 85evnm0ckivy\n'
    'id: jhhborsqlt2g\n'
    'id: 3abt18wh586c\n'
    'id: g4xkw50zsbjp\n'
    'id: 9t22bee7jx3g\n'
    'id: uhboh1igbn1x\n'
    'id: rdx9dqpfbtip\n'
)

EXPECTED_PS = (
    'ID             NAME                             IMAGE           NODE                        DESIRED STATE   CURRENT STATE                 ERROR                              PORTS\n'
    'a1crashy0new   crashy.1                         busybox:local   vm                          Running         Starting 1 second ago                                            \n'
    'h4b9ch2l28xb    \\_ crashy.1                     busybox:local   vm                          Shutdown        Failed 5 minutes ago          "task: non-zero exit (3)"          \n'
    'snd4mfti363g    \\_ crashy.1                     busybox:local   vm                          Shutdown        Failed 7 minutes ago          "task: non-zero exit (3)"          \n'
    'gjobtask1xxx   gjob.uyyztkjvjn24oauj3t2py75sc   busybox:local   vm                          Complete        Complete 2 days ago                                              \n'
    'globtask1xxx   glob.uyyztkjvjn24oauj3t2py75sc   busybox:local   vm                          Running         Running 3 hours ago                                              *:9090->90/tcp,*:9090->90/tcp\n'
    'jobtask01xxx   job.1                            busybox:local   vm                          Complete        Complete 2 years ago                                             \n'
    'jobtask02xxx   job.2                            busybox:local   vm                          Complete        Complete 3 weeks ago                                             \n'
    'jobtask00xxx   job.uyyztkjvjn24oauj3t2py75sc    busybox:local   vm                          Complete        Complete 2 months ago                                            \n'
    'portspend1xx   ports.1                          busybox:local                               Running         Pending 20 seconds ago                                           \n'
    'portsrej1xxx    \\_ ports.1                      busybox:local   vm                          Running         Rejected about a minute ago   "invalid mount config for type…"   \n'
    'svc2task1xxx   svc2.1                           busybox:local   yziffp539zrb7g81cl19s97xm   Running         Failed 2 minutes ago          "イメージが見つかりません: no …"   \n'
    'svc02task1xx   svc02.1                          busybox:local   vm                          Running         Failed 9 seconds ago          "exit                              status\n'
    '2\x1b <&>"         \n'
    'gonetask1xxx   v7gflk3cbn0ic8thfcx13bc6q.1   busybox:local   vm           Shutdown   Complete 45 seconds ago                    \n'
    'webtask01xxx   web.1                         nginx:1.25      vm           Running    Running 5 minutes ago                      \n'
    'webtask01old    \\_ web.1                     nginx:1.24      vm           Shutdown   Shutdown 10 minutes ago                    \n'
    'webtask02xxx   web.2                         nginx:1.25      named-node   Running    Running less than a second ago             \n'
    'webtask03xxx   web.3                         nginx:1.25      ノード3      Running    Running about a minute ago                 \n'
)

EXPECTED_PS_NO_TRUNC = (
    'ID                          NAME                             IMAGE                                                                                   NODE                        DESIRED STATE   CURRENT STATE                 ERROR                                                                                   PORTS\n'
    'a1crashy0newestw7ff3tq50d   crashy.1                         busybox:local@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef   vm                          Running         Starting 1 second ago                                                                                                 \n'
    'h4b9ch2l28xbkz1yq5n0xs7dw    \\_ crashy.1                     busybox:local@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef   vm                          Shutdown        Failed 5 minutes ago          "task: non-zero exit (3)"                                                               \n'
    'snd4mfti363gwcn7ff3tq50di    \\_ crashy.1                     busybox:local@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef   vm                          Shutdown        Failed 7 minutes ago          "task: non-zero exit (3)"                                                               \n'
    'gjobtask1xxxxxxxxxxxxxxxx   gjob.uyyztkjvjn24oauj3t2py75sc   busybox:local@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef   vm                          Complete        Complete 2 days ago                                                                                                   \n'
    'globtask1xxxxxxxxxxxxxxxx   glob.uyyztkjvjn24oauj3t2py75sc   busybox:local@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef   vm                          Running         Running 3 hours ago                                                                                                   *:9090->90/tcp,*:9090->90/tcp\n'
    'jobtask01xxxxxxxxxxxxxxxx   job.1                            busybox:local@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef   vm                          Complete        Complete 2 years ago                                                                                                  \n'
    'jobtask02xxxxxxxxxxxxxxxx   job.2                            busybox:local@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef   vm                          Complete        Complete 3 weeks ago                                                                                                  \n'
    'jobtask00xxxxxxxxxxxxxxxx   job.uyyztkjvjn24oauj3t2py75sc    busybox:local@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef   vm                          Complete        Complete 2 months ago                                                                                                 \n'
    'portspend1xxxxxxxxxxxxxxx   ports.1                          busybox:local@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef                               Running         Pending 20 seconds ago                                                                                                \n'
    'portsrej1xxxxxxxxxxxxxxxx    \\_ ports.1                      busybox:local@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef   vm                          Running         Rejected about a minute ago   "invalid mount config for type "bind": bind source path does not exist: /nonexistent"   \n'
    'svc2task1xxxxxxxxxxxxxxxx   svc2.1                           busybox:local@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef   yziffp539zrb7g81cl19s97xm   Running         Failed 2 minutes ago          "イメージが見つかりません: no such image abcdefghijkl"                                  \n'
    'svc02task1xxxxxxxxxxxxxxx   svc02.1                          busybox:local@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef   vm                          Running         Failed 9 seconds ago          "exit                                                                                   status\n'
    '2\x1b <&>"                      \n'
    'gonetask1xxxxxxxxxxxxxxxx   v7gflk3cbn0ic8thfcx13bc6q.1   busybox:local@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef   vm           Shutdown   Complete 45 seconds ago                    \n'
    'webtask01xxxxxxxxxxxxxxxx   web.1                         nginx:1.25@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef      vm           Running    Running 5 minutes ago                      \n'
    'webtask01oldxxxxxxxxxxxxx    \\_ web.1                     nginx:1.24                                                                              vm           Shutdown   Shutdown 10 minutes ago                    \n'
    'webtask02xxxxxxxxxxxxxxxx   web.2                         nginx:1.25@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef      named-node   Running    Running less than a second ago             \n'
    'webtask03xxxxxxxxxxxxxxxx   web.3                         nginx:1.25@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef      ノード3      Running    Running about a minute ago                 \n'
)

EXPECTED_PS_NO_RESOLVE = (
    'ID             NAME                              IMAGE           NODE                        DESIRED STATE   CURRENT STATE                 ERROR                              PORTS\n'
    'portspend1xx   3abt18wh586c577wf7am9lss9.1       busybox:local                               Running         Pending 20 seconds ago                                           \n'
    'portsrej1xxx    \\_ 3abt18wh586c577wf7am9lss9.1   busybox:local   uyyztkjvjn24oauj3t2py75sc   Running         Rejected about a minute ago   "invalid mount config for type…"   \n'
    'svc02task1xx   9t22bee7jx3g3rvto44u78wxr.1       busybox:local   uyyztkjvjn24oauj3t2py75sc   Running         Failed 9 seconds ago          "exit                              status\n'
    '2\x1b <&>"         \n'
    'globtask1xxx   85evnm0ckivyx2z2optfqfa6p.uyyztkjvjn24oauj3t2py75sc   busybox:local   uyyztkjvjn24oauj3t2py75sc   Running    Running 3 hours ago                                                 *:9090->90/tcp,*:9090->90/tcp\n'
    'svc2task1xxx   g4xkw50zsbjp503ux9undqjn5.1                           busybox:local   yziffp539zrb7g81cl19s97xm   Running    Failed 2 minutes ago             "イメージが見つかりません: no …"   \n'
    'gjobtask1xxx   hm4qnetyv6gkjhhborsqlt2g6.uyyztkjvjn24oauj3t2py75sc   busybox:local   uyyztkjvjn24oauj3t2py75sc   Complete   Complete 2 days ago                                                 \n'
    'jobtask01xxx   jhhborsqlt2g6nncv8juklimt.1                           busybox:local   uyyztkjvjn24oauj3t2py75sc   Complete   Complete 2 years ago                                                \n'
    'jobtask02xxx   jhhborsqlt2g6nncv8juklimt.2                           busybox:local   uyyztkjvjn24oauj3t2py75sc   Complete   Complete 3 weeks ago                                                \n'
    'jobtask00xxx   jhhborsqlt2g6nncv8juklimt.uyyztkjvjn24oauj3t2py75sc   busybox:local   uyyztkjvjn24oauj3t2py75sc   Complete   Complete 2 months ago                                               \n'
    'a1crashy0new   pg0cchexo7addl2oa8o725tz2.1                           busybox:local   uyyztkjvjn24oauj3t2py75sc   Running    Starting 1 second ago                                               \n'
    'h4b9ch2l28xb    \\_ pg0cchexo7addl2oa8o725tz2.1                       busybox:local   uyyztkjvjn24oauj3t2py75sc   Shutdown   Failed 5 minutes ago             "task: non-zero exit (3)"          \n'
    'snd4mfti363g    \\_ pg0cchexo7addl2oa8o725tz2.1                       busybox:local   uyyztkjvjn24oauj3t2py75sc   Shutdown   Failed 7 minutes ago             "task: non-zero exit (3)"          \n'
    'webtask01xxx   rdx9dqpfbtipk1pn5o4bq8v3e.1                           nginx:1.25      uyyztkjvjn24oauj3t2py75sc   Running    Running 5 minutes ago                                               \n'
    'webtask01old    \\_ rdx9dqpfbtipk1pn5o4bq8v3e.1                       nginx:1.24      uyyztkjvjn24oauj3t2py75sc   Shutdown   Shutdown 10 minutes ago                                             \n'
    'webtask02xxx   rdx9dqpfbtipk1pn5o4bq8v3e.2                           nginx:1.25      sakengumsqcl4752t21wunjdl   Running    Running less than a second ago                                      \n'
    'webtask03xxx   rdx9dqpfbtipk1pn5o4bq8v3e.3                           nginx:1.25      qjs2h8n9ve397c4wycgwa5oa7   Running    Running about a minute ago                                          \n'
    'gonetask1xxx   v7gflk3cbn0ic8thfcx13bc6q.1                           busybox:local   uyyztkjvjn24oauj3t2py75sc   Shutdown   Complete 45 seconds ago                                             \n'
)

EXPECTED_PS_QUIET = (
    'a1crashy0newestw7ff3tq50d\n'
    'h4b9ch2l28xbkz1yq5n0xs7dw\n'
    'snd4mfti363gwcn7ff3tq50di\n'
    'gjobtask1xxxxxxxxxxxxxxxx\n'
    'globtask1xxxxxxxxxxxxxxxx\n'
    'jobtask01xxxxxxxxxxxxxxxx\n'
    'jobtask02xxxxxxxxxxxxxxxx\n'
    'jobtask00xxxxxxxxxxxxxxxx\n'
    'portspend1xxxxxxxxxxxxxxx\n'
    'portsrej1xxxxxxxxxxxxxxxx\n'
    'svc2task1xxxxxxxxxxxxxxxx\n'
    'svc02task1xxxxxxxxxxxxxxx\n'
    'gonetask1xxxxxxxxxxxxxxxx\n'
    'webtask01xxxxxxxxxxxxxxxx\n'
    'webtask01oldxxxxxxxxxxxxx\n'
    'webtask02xxxxxxxxxxxxxxxx\n'
    'webtask03xxxxxxxxxxxxxxxx\n'
)

EXPECTED_PS_JSON = (
    '{"CurrentState":"Starting 1 second ago","DesiredState":"Running","Error":"","ID":"a1crashy0new","Image":"busybox:local","Name":"crashy.1","Node":"vm","Ports":""}\n'
    '{"CurrentState":"Failed 5 minutes ago","DesiredState":"Shutdown","Error":"\\"task: non-zero exit (3)\\"","ID":"h4b9ch2l28xb","Image":"busybox:local","Name":"crashy.1","Node":"vm","Ports":""}\n'
    '{"CurrentState":"Failed 7 minutes ago","DesiredState":"Shutdown","Error":"\\"task: non-zero exit (3)\\"","ID":"snd4mfti363g","Image":"busybox:local","Name":"crashy.1","Node":"vm","Ports":""}\n'
    '{"CurrentState":"Complete 2 days ago","DesiredState":"Complete","Error":"","ID":"gjobtask1xxx","Image":"busybox:local","Name":"gjob.uyyztkjvjn24oauj3t2py75sc","Node":"vm","Ports":""}\n'
    '{"CurrentState":"Running 3 hours ago","DesiredState":"Running","Error":"","ID":"globtask1xxx","Image":"busybox:local","Name":"glob.uyyztkjvjn24oauj3t2py75sc","Node":"vm","Ports":"*:9090-\\u003e90/tcp,*:9090-\\u003e90/tcp"}\n'
    '{"CurrentState":"Complete 2 years ago","DesiredState":"Complete","Error":"","ID":"jobtask01xxx","Image":"busybox:local","Name":"job.1","Node":"vm","Ports":""}\n'
    '{"CurrentState":"Complete 3 weeks ago","DesiredState":"Complete","Error":"","ID":"jobtask02xxx","Image":"busybox:local","Name":"job.2","Node":"vm","Ports":""}\n'
    '{"CurrentState":"Complete 2 months ago","DesiredState":"Complete","Error":"","ID":"jobtask00xxx","Image":"busybox:local","Name":"job.uyyztkjvjn24oauj3t2py75sc","Node":"vm","Ports":""}\n'
    '{"CurrentState":"Pending 20 seconds ago","DesiredState":"Running","Error":"","ID":"portspend1xx","Image":"busybox:local","Name":"ports.1","Node":"","Ports":""}\n'
    '{"CurrentState":"Rejected about a minute ago","DesiredState":"Running","Error":"\\"invalid mount config for type…\\"","ID":"portsrej1xxx","Image":"busybox:local","Name":"ports.1","Node":"vm","Ports":""}\n'
    '{"CurrentState":"Failed 2 minutes ago","DesiredState":"Running","Error":"\\"イメージが見つかりません: no …\\"","ID":"svc2task1xxx","Image":"busybox:local","Name":"svc2.1","Node":"yziffp539zrb7g81cl19s97xm","Ports":""}\n'
    '{"CurrentState":"Failed 9 seconds ago","DesiredState":"Running","Error":"\\"exit\\tstatus\\n2\\u001b \\u003c\\u0026\\u003e\\"","ID":"svc02task1xx","Image":"busybox:local","Name":"svc02.1","Node":"vm","Ports":""}\n'
    '{"CurrentState":"Complete 45 seconds ago","DesiredState":"Shutdown","Error":"","ID":"gonetask1xxx","Image":"busybox:local","Name":"v7gflk3cbn0ic8thfcx13bc6q.1","Node":"vm","Ports":""}\n'
    '{"CurrentState":"Running 5 minutes ago","DesiredState":"Running","Error":"","ID":"webtask01xxx","Image":"nginx:1.25","Name":"web.1","Node":"vm","Ports":""}\n'
    '{"CurrentState":"Shutdown 10 minutes ago","DesiredState":"Shutdown","Error":"","ID":"webtask01old","Image":"nginx:1.24","Name":"web.1","Node":"vm","Ports":""}\n'
    '{"CurrentState":"Running less than a second ago","DesiredState":"Running","Error":"","ID":"webtask02xxx","Image":"nginx:1.25","Name":"web.2","Node":"named-node","Ports":""}\n'
    '{"CurrentState":"Running about a minute ago","DesiredState":"Running","Error":"","ID":"webtask03xxx","Image":"nginx:1.25","Name":"web.3","Node":"ノード3","Ports":""}\n'
)

EXPECTED_PS_RAW = (
    'id: a1crashy0new\n'
    'name: crashy.1\n'
    'image: busybox:local\n'
    'node: vm\n'
    'desired_state: Running\n'
    'current_state: Starting 1 second ago\n'
    'error: \n'
    'ports: \n'
    '\n'
    'id: h4b9ch2l28xb\n'
    'name: crashy.1\n'
    'image: busybox:local\n'
    'node: vm\n'
    'desired_state: Shutdown\n'
    'current_state: Failed 5 minutes ago\n'
    'error: "task: non-zero exit (3)"\n'
    'ports: \n'
    '\n'
    'id: snd4mfti363g\n'
    'name: crashy.1\n'
    'image: busybox:local\n'
    'node: vm\n'
    'desired_state: Shutdown\n'
    'current_state: Failed 7 minutes ago\n'
    'error: "task: non-zero exit (3)"\n'
    'ports: \n'
    '\n'
    'id: gjobtask1xxx\n'
    'name: gjob.uyyztkjvjn24oauj3t2py75sc\n'
    'image: busybox:local\n'
    'node: vm\n'
    'desired_state: Complete\n'
    'current_state: Complete 2 days ago\n'
    'error: \n'
    'ports: \n'
    '\n'
    'id: globtask1xxx\n'
    'name: glob.uyyztkjvjn24oauj3t2py75sc\n'
    'image: busybox:local\n'
    'node: vm\n'
    'desired_state: Running\n'
    'current_state: Running 3 hours ago\n'
    'error: \n'
    'ports: *:9090->90/tcp,*:9090->90/tcp\n'
    '\n'
    'id: jobtask01xxx\n'
    'name: job.1\n'
    'image: busybox:local\n'
    'node: vm\n'
    'desired_state: Complete\n'
    'current_state: Complete 2 years ago\n'
    'error: \n'
    'ports: \n'
    '\n'
    'id: jobtask02xxx\n'
    'name: job.2\n'
    'image: busybox:local\n'
    'node: vm\n'
    'desired_state: Complete\n'
    'current_state: Complete 3 weeks ago\n'
    'error: \n'
    'ports: \n'
    '\n'
    'id: jobtask00xxx\n'
    'name: job.uyyztkjvjn24oauj3t2py75sc\n'
    'image: busybox:local\n'
    'node: vm\n'
    'desired_state: Complete\n'
    'current_state: Complete 2 months ago\n'
    'error: \n'
    'ports: \n'
    '\n'
    'id: portspend1xx\n'
    'name: ports.1\n'
    'image: busybox:local\n'
    'node: \n'
    'desired_state: Running\n'
    'current_state: Pending 20 seconds ago\n'
    'error: \n'
    'ports: \n'
    '\n'
    'id: portsrej1xxx\n'
    'name: ports.1\n'
    'image: busybox:local\n'
    'node: vm\n'
    'desired_state: Running\n'
    'current_state: Rejected about a minute ago\n'
    'error: "invalid mount config for type…"\n'
    'ports: \n'
    '\n'
    'id: svc2task1xxx\n'
    'name: svc2.1\n'
    'image: busybox:local\n'
    'node: yziffp539zrb7g81cl19s97xm\n'
    'desired_state: Running\n'
    'current_state: Failed 2 minutes ago\n'
    'error: "イメージが見つかりません: no …"\n'
    'ports: \n'
    '\n'
    'id: svc02task1xx\n'
    'name: svc02.1\n'
    'image: busybox:local\n'
    'node: vm\n'
    'desired_state: Running\n'
    'current_state: Failed 9 seconds ago\n'
    'error: "exit\tstatus\n'
    '2\x1b <&>"\n'
    'ports: \n'
    '\n'
    'id: gonetask1xxx\n'
    'name: v7gflk3cbn0ic8thfcx13bc6q.1\n'
    'image: busybox:local\n'
    'node: vm\n'
    'desired_state: Shutdown\n'
    'current_state: Complete 45 seconds ago\n'
    'error: \n'
    'ports: \n'
    '\n'
    'id: webtask01xxx\n'
    'name: web.1\n'
    'image: nginx:1.25\n'
    'node: vm\n'
    'desired_state: Running\n'
    'current_state: Running 5 minutes ago\n'
    'error: \n'
    'ports: \n'
    '\n'
    'id: webtask01old\n'
    'name: web.1\n'
    'image: nginx:1.24\n'
    'node: vm\n'
    'desired_state: Shutdown\n'
    'current_state: Shutdown 10 minutes ago\n'
    'error: \n'
    'ports: \n'
    '\n'
    'id: webtask02xxx\n'
    'name: web.2\n'
    'image: nginx:1.25\n'
    'node: named-node\n'
    'desired_state: Running\n'
    'current_state: Running less than a second ago\n'
    'error: \n'
    'ports: \n'
    '\n'
    'id: webtask03xxx\n'
    'name: web.3\n'
    'image: nginx:1.25\n'
    'node: ノード3\n'
    'desired_state: Running\n'
    'current_state: Running about a minute ago\n'
    'error: \n'
    'ports: \n'
    '\n'
)

EXPECTED_PS_TABLE_NAME_NODE = (
    'NAME                             NODE\n'
    'crashy.1                         vm\n'
    ' \\_ crashy.1                     vm\n'
    ' \\_ crashy.1                     vm\n'
    'gjob.uyyztkjvjn24oauj3t2py75sc   vm\n'
    'glob.uyyztkjvjn24oauj3t2py75sc   vm\n'
    'job.1                            vm\n'
    'job.2                            vm\n'
    'job.uyyztkjvjn24oauj3t2py75sc    vm\n'
    'ports.1                          \n'
    ' \\_ ports.1                      vm\n'
    'svc2.1                           yziffp539zrb7g81cl19s97xm\n'
    'svc02.1                          vm\n'
    'v7gflk3cbn0ic8thfcx13bc6q.1      vm\n'
    'web.1                            vm\n'
    ' \\_ web.1                        vm\n'
    'web.2                            named-node\n'
    'web.3                            ノード3\n'
)

EXPECTED_PS_TABLE_ID = (
    'ID\n'
    'a1crashy0new\n'
    'h4b9ch2l28xb\n'
    'snd4mfti363g\n'
    'gjobtask1xxx\n'
    'globtask1xxx\n'
    'jobtask01xxx\n'
    'jobtask02xxx\n'
    'jobtask00xxx\n'
    'portspend1xx\n'
    'portsrej1xxx\n'
    'svc2task1xxx\n'
    'svc02task1xx\n'
    'gonetask1xxx\n'
    'webtask01xxx\n'
    'webtask01old\n'
    'webtask02xxx\n'
    'webtask03xxx\n'
)

EXPECTED_PS_TABLE_NAME_ERROR_TAB = (
    'NAME                             ERROR                              \n'
    'crashy.1                                                            \n'
    ' \\_ crashy.1                     "task: non-zero exit (3)"          \n'
    ' \\_ crashy.1                     "task: non-zero exit (3)"          \n'
    'gjob.uyyztkjvjn24oauj3t2py75sc                                      \n'
    'glob.uyyztkjvjn24oauj3t2py75sc                                      \n'
    'job.1                                                               \n'
    'job.2                                                               \n'
    'job.uyyztkjvjn24oauj3t2py75sc                                       \n'
    'ports.1                                                             \n'
    ' \\_ ports.1                      "invalid mount config for type…"   \n'
    'svc2.1                           "イメージが見つかりません: no …"   \n'
    'svc02.1                          "exit                              status\n'
    '2\x1b <&>"                           \n'
    'v7gflk3cbn0ic8thfcx13bc6q.1                \n'
    'web.1                                      \n'
    ' \\_ web.1                                  \n'
    'web.2                                      \n'
    'web.3                                      \n'
)

EXPECTED_PS_TABLE_ERROR_NAME = (
    'ERROR                              NAME\n'
    '                                   crashy.1\n'
    '"task: non-zero exit (3)"           \\_ crashy.1\n'
    '"task: non-zero exit (3)"           \\_ crashy.1\n'
    '                                   gjob.uyyztkjvjn24oauj3t2py75sc\n'
    '                                   glob.uyyztkjvjn24oauj3t2py75sc\n'
    '                                   job.1\n'
    '                                   job.2\n'
    '                                   job.uyyztkjvjn24oauj3t2py75sc\n'
    '                                   ports.1\n'
    '"invalid mount config for type…"    \\_ ports.1\n'
    '"イメージが見つかりません: no …"   svc2.1\n'
    '"exit                              status\n'
    '2\x1b <&>"                             svc02.1\n'
    '                                   v7gflk3cbn0ic8thfcx13bc6q.1\n'
    '                                   web.1\n'
    '                                    \\_ web.1\n'
    '                                   web.2\n'
    '                                   web.3\n'
)

EXPECTED_PS_NAME_PLAIN = (
    'crashy.1\n'
    'crashy.1\n'
    'crashy.1\n'
    'gjob.uyyztkjvjn24oauj3t2py75sc\n'
    'glob.uyyztkjvjn24oauj3t2py75sc\n'
    'job.1\n'
    'job.2\n'
    'job.uyyztkjvjn24oauj3t2py75sc\n'
    'ports.1\n'
    'ports.1\n'
    'svc2.1\n'
    'svc02.1\n'
    'v7gflk3cbn0ic8thfcx13bc6q.1\n'
    'web.1\n'
    'web.1\n'
    'web.2\n'
    'web.3\n'
)


# ---------------------------------------------------------------------------
# Tests against the docker 28.2.2 captures


def _ls_rows():
    return T.service_rows(make_services())


def _custom_table(fields, trailing_tab=False, rows=None):
    """What ``--format 'table {{.A}}\\t{{.B}}'`` renders: header and rows
    joined by TABs, through the tabwriter (templates are not this module's
    job; these formats are plain field lists)."""
    rows = ps_rows() if rows is None else rows
    tail = "\t" if trailing_tab else ""
    header = "\t".join(T.PS_HEADERS[f] for f in fields) + tail
    return T.render_table_text(header, ["\t".join(getattr(r, f) for f in fields) + tail for r in rows])


@pytest.mark.parametrize(
    "name,render,expected",
    [
        ("ls", lambda: T.render_default_table(_ls_rows(), T.LS_COLUMNS), EXPECTED_LS),
        ("ls -q", lambda: T.render_quiet(_ls_rows()), EXPECTED_LS_QUIET),
        ("ls --format json", lambda: T.render_json_lines(_ls_rows()), EXPECTED_LS_JSON),
        ("ls --format raw", lambda: T.render_raw(_ls_rows()), EXPECTED_LS_RAW),
        ("ls -q --format raw", lambda: T.render_raw(_ls_rows(), quiet=True), EXPECTED_LS_QUIET_RAW),
        ("ps", lambda: T.render_default_table(ps_rows(), T.PS_COLUMNS), EXPECTED_PS),
        ("ps --no-trunc", lambda: T.render_default_table(ps_rows(trunc=False), T.PS_COLUMNS), EXPECTED_PS_NO_TRUNC),
        ("ps --no-resolve", lambda: T.render_default_table(ps_rows(no_resolve=True), T.PS_COLUMNS),
         EXPECTED_PS_NO_RESOLVE),
        ("ps -q", lambda: T.render_quiet(ps_rows(trunc=False, table=False)), EXPECTED_PS_QUIET),
        ("ps --format json", lambda: T.render_json_lines(ps_rows(table=False)), EXPECTED_PS_JSON),
        ("ps --format raw", lambda: T.render_raw(ps_rows(table=False)), EXPECTED_PS_RAW),
        ("ps table Name Node", lambda: _custom_table(["Name", "Node"]), EXPECTED_PS_TABLE_NAME_NODE),
        ("ps table ID", lambda: _custom_table(["ID"]), EXPECTED_PS_TABLE_ID),
        ("ps table Name Error trailing tab", lambda: _custom_table(["Name", "Error"], True),
         EXPECTED_PS_TABLE_NAME_ERROR_TAB),
        ("ps table Error Name", lambda: _custom_table(["Error", "Name"]), EXPECTED_PS_TABLE_ERROR_NAME),
        ("ps {{.Name}}", lambda: "".join(r.Name + "\n" for r in ps_rows(table=False)), EXPECTED_PS_NAME_PLAIN),
    ],
)
def test_matches_docker(name, render, expected):
    assert render() == expected


def test_ls_row_fields():
    rows = {r.Name: r for r in _ls_rows()}
    assert [r.Name for r in _ls_rows()] == [
        "capped", "crashy", "gjob", "glob", "job", "ports", "svc2", "svc02", "svc10", "web"]
    web = rows["web"]
    assert web.as_dict() == {
        "ID": "rdx9dqpfbtip", "Name": "web", "Mode": "replicated", "Replicas": "3/3",
        "Image": "nginx:1.25", "Ports": "*:8080->80/tcp"}
    assert rows["gjob"].Replicas == "0/0 (1/1 completed)"  # reference §2
    assert rows["job"].Replicas == "0/2 (3/3 completed)"  # reference §2
    assert rows["capped"].Replicas == "2/2 (max 2 per node)"
    assert rows["ports"].Ports == "*:8080-8081->80-81/tcp, *:8083->80/tcp, *:8082->82/udp"  # reference §2
    assert rows["glob"].Ports == ""  # host-mode ports are not shown by ls
    assert web.raw["ID"] == SVC_WEB
    assert web.json() == ('{"ID":"rdx9dqpfbtip","Image":"nginx:1.25","Mode":"replicated","Name":"web",'
                          '"Ports":"*:8080-\\u003e80/tcp","Replicas":"3/3"}')


def test_ps_row_fields():
    rows = ps_rows()
    first = rows[0]
    assert first.as_dict() == {
        "ID": "a1crashy0new", "Name": "crashy.1", "Image": "busybox:local", "Node": "vm",
        "DesiredState": "Running", "CurrentState": "Starting 1 second ago", "Error": "", "Ports": ""}
    hist = rows[1]
    assert hist.Name == " \\_ crashy.1" and hist.plain_name == "crashy.1"
    assert hist.Error == '"task: non-zero exit (3)"'
    assert T.TaskRow.GO_TYPE == "*task.taskContext" and T.ServiceRow.GO_TYPE == "*service.serviceContext"


def test_empty_tables_print_header_only():
    # reference §1.3
    assert T.render_default_table([], T.LS_COLUMNS) == (
        "ID        NAME      MODE      REPLICAS   IMAGE     PORTS\n")
    assert T.render_default_table([], T.PS_COLUMNS) == (
        "ID        NAME      IMAGE     NODE      DESIRED STATE   CURRENT STATE   ERROR     PORTS\n")
    assert T.render_quiet([]) == "" and T.render_raw([]) == "" and T.render_json_lines([]) == ""


# ---------------------------------------------------------------------------
# docker/cli v28.2.2 goldens and unit-test tables


def _golden_services():
    # cli/command/service/formatter_test.go TestServiceContextWrite
    return [
        {"ID": "01_baz", "Spec": {"Name": "baz", "Mode": {"Global": {}}},
         "Endpoint": {"Ports": [{"PublishMode": "ingress", "PublishedPort": 80, "TargetPort": 8080, "Protocol": "tcp"}]},
         "ServiceStatus": {"RunningTasks": 1, "DesiredTasks": 3}},
        {"ID": "02_bar", "Spec": {"Name": "bar", "Mode": {"Replicated": {}}},
         "Endpoint": {"Ports": [{"PublishMode": "ingress", "PublishedPort": 80, "TargetPort": 8090, "Protocol": "udp"}]},
         "ServiceStatus": {"RunningTasks": 2, "DesiredTasks": 4}},
        {"ID": "03_qux10", "Spec": {"Name": "qux10", "Mode": {"Replicated": {}},
                                     "TaskTemplate": {"Placement": {"MaxReplicas": 1}}},
         "ServiceStatus": {"RunningTasks": 2, "DesiredTasks": 3}},
        {"ID": "04_qux2", "Spec": {"Name": "qux2", "Mode": {"Replicated": {}},
                                    "TaskTemplate": {"Placement": {"MaxReplicas": 2}}},
         "ServiceStatus": {"RunningTasks": 3, "DesiredTasks": 3}},
        {"ID": "05_job1", "Spec": {"Name": "zarp1", "Mode": {"ReplicatedJob": {"MaxConcurrent": 3, "TotalCompletions": 10}}},
         "ServiceStatus": {"RunningTasks": 2, "DesiredTasks": 3, "CompletedTasks": 5}},
        {"ID": "06_job2", "Spec": {"Name": "zarp2", "Mode": {"GlobalJob": {}}},
         "ServiceStatus": {"RunningTasks": 1, "DesiredTasks": 1, "CompletedTasks": 3}},
    ]


def test_golden_service_table():
    rows = T.service_rows(_golden_services())
    assert T.render_default_table(rows, T.LS_COLUMNS) == (
        "ID         NAME      MODE             REPLICAS               IMAGE     PORTS\n"
        "02_bar     bar       replicated       2/4                              *:80->8090/udp\n"
        "01_baz     baz       global           1/3                              *:80->8080/tcp\n"
        "04_qux2    qux2      replicated       3/3 (max 2 per node)             \n"
        "03_qux10   qux10     replicated       2/3 (max 1 per node)             \n"
        "05_job1    zarp1     replicated job   2/3 (5/10 completed)             \n"
        "06_job2    zarp2     global job       1/1 (3/4 completed)              \n"
    )
    assert T.render_quiet(rows) == "02_bar\n01_baz\n04_qux2\n03_qux10\n05_job1\n06_job2\n"
    assert T.render_raw(rows, quiet=True) == (
        "id: 02_bar\nid: 01_baz\nid: 04_qux2\nid: 03_qux10\nid: 05_job1\nid: 06_job2\n")
    header = "NAME\tMODE"
    assert T.render_table_text(header, [r.Name + "\t" + r.Mode for r in rows]) == (
        "NAME      MODE\nbar       replicated\nbaz       global\nqux2      replicated\n"
        "qux10     replicated\nzarp1     replicated job\nzarp2     global job\n"
    )
    assert T.render_table_text("NAME", [r.Name for r in rows]) == "NAME\nbar\nbaz\nqux2\nqux10\nzarp1\nzarp2\n"


def test_golden_service_raw():
    # cli/command/service/testdata/service-context-write-raw.golden
    assert T.render_raw(T.service_rows(_golden_services())) == (
        "id: 02_bar\nname: bar\nmode: replicated\nreplicas: 2/4\nimage: \nports: *:80->8090/udp\n\n"
        "id: 01_baz\nname: baz\nmode: global\nreplicas: 1/3\nimage: \nports: *:80->8080/tcp\n\n"
        "id: 04_qux2\nname: qux2\nmode: replicated\nreplicas: 3/3 (max 2 per node)\nimage: \nports: \n\n"
        "id: 03_qux10\nname: qux10\nmode: replicated\nreplicas: 2/3 (max 1 per node)\nimage: \nports: \n\n"
        "id: 05_job1\nname: zarp1\nmode: replicated job\nreplicas: 2/3 (5/10 completed)\nimage: \nports: \n\n"
        "id: 06_job2\nname: zarp2\nmode: global job\nreplicas: 1/1 (3/4 completed)\nimage: \nports: \n\n"
    )


def test_golden_service_list_sort():
    # cli/command/service/testdata/service-list-sort.golden
    svcs = [{"ID": n, "Spec": {"Name": n}} for n in ("service-10-foo", "service-2-foo", "service-1-foo")]
    assert [r.Name for r in T.service_rows(svcs)] == ["service-1-foo", "service-2-foo", "service-10-foo"]


def test_golden_ports_ranges():
    # formatter_test.go TestServiceContext_Ports
    spec = [("tcp", 80, 81), ("tcp", 80, 80), ("tcp", 95, 95), ("tcp", 90, 90), ("tcp", 91, 91), ("tcp", 92, 92),
            ("tcp", 93, 93), ("tcp", 94, 94), ("udp", 95, 95), ("udp", 90, 90), ("udp", 96, 96), ("udp", 91, 91),
            ("udp", 92, 92), ("udp", 93, 93), ("udp", 94, 94), ("tcp", 60, 60), ("tcp", 61, 61), ("tcp", 61, 62),
            ("sctp", 97, 97), ("sctp", 98, 98)]
    svc = {"Endpoint": {"Ports": [
        {"Protocol": p, "TargetPort": t, "PublishedPort": pub, "PublishMode": "ingress"} for p, t, pub in spec]}}
    assert T.service_ports(svc) == (
        "*:97-98->97-98/sctp, *:60-61->60-61/tcp, *:62->61/tcp, *:80-81->80/tcp, "
        "*:90-95->90-95/tcp, *:90-96->90-96/udp")


@pytest.mark.parametrize("ports,expected", [
    ([], ""),
    ([(8080, 80, "tcp", "host")], ""),
    ([(81, 80), (80, 80)], "*:80-81->80/tcp"),
    ([(80, 80), (81, 81), (82, 80)], "*:80-81->80-81/tcp, *:82->80/tcp"),
    ([(80, 81), (81, 80)], "*:80->81/tcp, *:81->80/tcp"),  # target going down: unsigned wrap
    ([(80, 80), (80, 81)], "*:80->80-81/tcp"),
    ([(30000, 80), (30001, 81), (30002, 82)], "*:30000-30002->80-82/tcp"),  # reference §1
])
def test_service_ports(ports, expected):
    def port(p):
        pub, tgt = p[0], p[1]
        proto = p[2] if len(p) > 2 else "tcp"
        mode = p[3] if len(p) > 3 else "ingress"
        return {"Protocol": proto, "TargetPort": tgt, "PublishedPort": pub, "PublishMode": mode}
    assert T.service_ports({"Endpoint": {"Ports": [port(p) for p in ports]}}) == expected


def _golden_tasks(now):
    two_hours = format_rfc3339_nano(now - 2 * 3600 * SECOND)
    return [
        {"ID": "id-foo", "ServiceID": "service-id-ten", "NodeID": "id-node", "Slot": 1,
         "Spec": {"ContainerSpec": {"Image": "myimage:mytag"}}, "DesiredState": "ready",
         "Status": {"State": "failed", "Timestamp": two_hours}},
        {"ID": "id-bar", "ServiceID": "service-id-one", "NodeID": "id-node", "Slot": 1,
         "Spec": {"ContainerSpec": {"Image": "myimage:mytag"}}, "DesiredState": "ready",
         "Status": {"State": "failed", "Timestamp": two_hours}},
    ]


def test_golden_task_print_sorted():
    # cli/command/task/testdata/task-print-sorted.golden (print_test.go TestTaskPrintSorted, trunc=false)
    names = {"service-id-one": "service-name-1", "service-id-ten": "service-name-10"}
    rows = T.task_rows(_golden_tasks(NOW), names, {}, trunc=False, now=NOW)
    assert T.render_default_table(rows, T.PS_COLUMNS) == (
        "ID        NAME                IMAGE           NODE      DESIRED STATE   CURRENT STATE        ERROR     PORTS\n"
        "id-bar    service-name-1.1    myimage:mytag   id-node   Ready           Failed 2 hours ago             \n"
        "id-foo    service-name-10.1   myimage:mytag   id-node   Ready           Failed 2 hours ago             \n"
    )


def test_golden_task_print_with_indentation():
    # cli/command/task/testdata/task-print-with-indentation.golden
    tasks = _golden_tasks(NOW)
    for t in tasks:
        t["ServiceID"] = "service-id-foo"
    rows = T.task_rows(tasks, {"service-id-foo": "service-name-foo"}, {"id-node": "node-name-bar"},
                       trunc=False, now=NOW)
    assert T.render_default_table(rows, T.PS_COLUMNS) == (
        "ID        NAME                     IMAGE           NODE            DESIRED STATE   CURRENT STATE        ERROR     PORTS\n"
        "id-foo    service-name-foo.1       myimage:mytag   node-name-bar   Ready           Failed 2 hours ago             \n"
        "id-bar     \\_ service-name-foo.1   myimage:mytag   node-name-bar   Ready           Failed 2 hours ago             \n"
    )


def test_golden_task_names():
    # task-print-with-global-service / -replicated-service / -quiet / -no-trunc goldens (--no-resolve)
    glob = {"ID": "x", "ServiceID": "service-id-foo", "NodeID": "node-id-bar", "Slot": 0}
    repl = {"ID": "id-foo-yov6omdek8fg3k5stosyp2m50", "ServiceID": "service-id-foo", "Slot": 1}
    assert T.task_rows([glob], no_resolve=True, table=False, now=NOW)[0].Name == "service-id-foo.node-id-bar"
    assert T.task_rows([repl], no_resolve=True, table=False, now=NOW)[0].Name == "service-id-foo.1"
    assert T.render_quiet(T.task_rows([repl], trunc=False, table=False, now=NOW)) == "id-foo-yov6omdek8fg3k5stosyp2m50\n"
    assert T.task_rows([repl], trunc=True, now=NOW)[0].ID == "id-foo-yov6o"
    # a task whose service name is missing from the map falls back to the ID, as does its node
    row = T.task_rows([glob], {"other": "x"}, {"other": "y"}, now=NOW)[0]
    assert (row.Name, row.Node) == ("service-id-foo.node-id-bar", "node-id-bar")


def test_task_sort_newest_first_within_slot():
    now = NOW
    def t(tid, created):
        return {"ID": tid, "ServiceID": "s", "Slot": 1, "CreatedAt": format_rfc3339_nano(now - created)}
    rows = T.task_rows([t("old", 300), t("new", 1), t("mid", 60), t("mid2", 60)], {"s": "svc"}, now=now)
    assert [r.ID for r in rows] == ["new", "mid", "mid2", "old"]  # stable for equal CreatedAt
    assert [r.Name for r in rows] == ["svc.1", " \\_ svc.1", " \\_ svc.1", " \\_ svc.1"]
    # nanosecond ordering survives parsing
    a = {"ID": "a", "ServiceID": "s", "Slot": 1, "CreatedAt": "2026-11-27T00:00:00.000000001Z"}
    b = {"ID": "b", "ServiceID": "s", "Slot": 1, "CreatedAt": "2026-11-27T00:00:00.000000002Z"}
    assert [r.ID for r in T.task_rows([a, b], now=now)] == ["b", "a"]


# ---------------------------------------------------------------------------
# helpers


@pytest.mark.parametrize("a,b,less", [
    ("abc2", "abc12", True),
    ("abc12", "abc2", False),
    ("job.1", "job.uyyz", True),  # digits before non-digits (reference §1.6)
    ("logpad.2", "logpad.10", True),
    ("2", "02", True),  # fewer zeros first on a tie
    ("02", "2", False),
    ("a", "a", False),
    ("a", "a0", True),
    ("A", "a", True),  # byte-wise
    ("svc2", "svc02", True),
    ("svc02", "svc10", True),
    ("a01b", "a1c", False),
    ("\u00e9", "z", False),
])
def test_natural_less(a, b, less):
    assert T.natural_less(a, b) is less


def _random_names(seed, count):
    # few symbols, so equal prefixes, zero runs and digit/text boundaries are common
    rng = random.Random(seed)
    alphabet = ["0", "0", "1", "2", "9", "a", "b", "A", ".", "-", "_", "\u00e9", "\U0001f600", "\ud800"]
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8))) for _ in range(count)]


@pytest.mark.parametrize("seed", range(5))
def test_natural_key_orders_as_natural_less(seed):
    names = _random_names(seed, 400)
    for a, b in zip(names, names[1:] + names[:1]):
        assert (T.natural_key(a) < T.natural_key(b)) is T.natural_less(a, b), (a, b)
        assert (T.natural_key(b) < T.natural_key(a)) is T.natural_less(b, a), (a, b)
        assert (T.natural_key(a) == T.natural_key(b)) is (a == b), (a, b)


@pytest.mark.parametrize("seed", range(3))
def test_natural_sort_matches_a_sort_by_natural_less(seed):
    names = _random_names(100 + seed, 300)

    def compare(a, b):
        return -1 if T.natural_less(a, b) else 1 if T.natural_less(b, a) else 0

    assert T.natural_sort(names) == sorted(names, key=functools.cmp_to_key(compare))


@pytest.mark.parametrize("image,shown", [
    ("busybox:local@" + DIGEST, "busybox:local"),  # reference §1.6
    ("busybox:local", "busybox:local"),
    ("busybox", "busybox"),
    ("busybox@" + DIGEST, "busybox@" + DIGEST),  # digest-only: unchanged
    ("docker.io/library/nginx:1.25", "nginx:1.25"),
    ("index.docker.io/library/nginx:1.25", "nginx:1.25"),
    ("docker.io/foo/bar:1", "foo/bar:1"),
    ("library/nginx:1", "nginx:1"),
    ("docker.io/library/a/b:1", "library/a/b:1"),
    ("localhost:5000/img:2@" + DIGEST, "localhost:5000/img:2"),
    ("registry.example.com:5000/team/app:v1.2", "registry.example.com:5000/team/app:v1.2"),
    ("[::1]:5000/app:1", "[::1]:5000/app:1"),
    ("Busybox:Latest", "Busybox:Latest"),  # unparsable: unchanged
    ("busybox:tag@sha256:abc", "busybox:tag@sha256:abc"),  # bad digest: unparsable
    ("busybox:tag@md5:" + "a" * 32, "busybox:tag@md5:" + "a" * 32),  # unsupported digest
    ("a" * 64, "a" * 64),
    ("", ""),
])
def test_familiar_image(image, shown):
    assert T.familiar_image(image) == shown


@pytest.mark.parametrize("s,width,out", [
    ("task: non-zero exit (3)", 30, "task: non-zero exit (3)"),
    (LONG_ERR, 30, "invalid mount config for type\u2026"),
    ("x" * 30, 30, "x" * 30),
    ("x" * 31, 30, "x" * 29 + "\u2026"),
    (CJK_ERR, 30, "\u30a4\u30e1\u30fc\u30b8\u304c\u898b\u3064\u304b\u308a\u307e\u305b\u3093: no \u2026"),
    ("\u00e9" * 31, 30, "\u00e9" * 29 + "\u2026"),
    ("abc", 1, "a"),
    ("abc", 0, ""),
])
def test_ellipsis(s, width, out):
    assert T.ellipsis(s, width) == out


@pytest.mark.parametrize("s,out", [
    ("running", "Running"), ("SHUTDOWN", "Shutdown"), ("x", "x"), ("X", "x"), ("", ""), (None, "None"),
])
def test_pretty_print(s, out):
    assert T.pretty_print(s) == out


@pytest.mark.parametrize("tid,out", [
    ("rdx9dqpfbtipk1pn5o4bq8v3e", "rdx9dqpfbtip"), ("sha256:0123456789abcdef", "0123456789ab"), ("short", "short"),
])
def test_truncate_id(tid, out):
    assert T.truncate_id(tid) == out


def test_node_display_name():
    assert [T.node_display_name(NODES[n]) for n in (NODE_VM, NODE_N2, NODE_N3)] == ["vm", "named-node", "\u30ce\u30fc\u30c93"]
    assert T.node_display_name({"ID": "abc", "Spec": {}, "Description": {}}) == "abc"


def test_task_ports_and_errors():
    task = {"Status": {"PortStatus": {"Ports": [
        {"Protocol": "tcp", "TargetPort": 90, "PublishedPort": 9090, "PublishMode": "host"},
        {"Protocol": "udp", "TargetPort": 53, "PublishedPort": 5353, "PublishMode": "host"}]},
        "Err": "boom"}}
    assert T.task_ports(task) == "*:9090->90/tcp,*:5353->53/udp"
    assert T.task_error(task) == '"boom"'
    assert T.task_error({"Status": {}}) == ""


# Cells for the aligned-table shortcut: ASCII, wide and ambiguous characters, the ellipsis
# docker cuts with, control characters, and the ones that end a tabwriter cell.
_TABLE_CELLS = ("", "a", "web.1", "Pending 5 minutes ago", " \\_ web.1", '"no suitable node…"',
                "日本語", "é", "x\u0301", "\x1b[1m", "\r", "tab\there", "line\nbreak", "v\vt",
                "f\ff", "%s", "%d%%", "🐳", "a" * 40)


class _TableRow:
    HEADERS = {"A": "A", "B": "BEE", "C": "SEE"}
    FIELDS = ("A", "B", "C")

    def __init__(self, a, b, c):
        self.A, self.B, self.C = a, b, c


@pytest.mark.parametrize("seed", range(40))
def test_default_table_shortcut_is_the_tabwriter(seed):
    """render_default_table's one-format-per-line shortcut writes what the tabwriter writes
    for the same text, whatever the cells hold (it steps aside when a cell ends a cell)."""
    rng = random.Random(seed)
    pool = [c for c in _TABLE_CELLS if c.isascii()] if seed % 2 else list(_TABLE_CELLS)
    if seed % 4 != 3:  # mostly tables the shortcut takes
        pool = [c for c in pool if not any(end in c for end in "\t\n\v\f")]
    rows = [_TableRow(*(rng.choice(pool) for _ in range(3))) for _ in range(rng.randint(0, 12))]
    columns = (("A", "A"), ("B", "BEE"), ("C", "SEE"))
    expected = T.render_table_text("A\tBEE\tSEE", ("\t".join((r.A, r.B, r.C)) for r in rows))
    assert T.render_default_table(rows, columns) == expected


@pytest.mark.parametrize("seed", range(3))
def test_slot_key_is_the_natural_key_of_the_task_name(seed):
    rng = random.Random(seed)
    for name in _random_names(200 + seed, 200):
        slot = rng.choice([1, 2, 9, 10, 100, 1001, rng.randint(1, 10**6)])
        assert T.slot_key(T.natural_key(name + "."), slot) == T.natural_key("%s.%d" % (name, slot))
