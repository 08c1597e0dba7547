#!/usr/bin/env python3
"""In-process timing of the per-row work of ``ls``, ``ps`` and ``inspect`` (no engine).

Builds engine-shaped JSON in memory (500 tasks of one service, 1000 services, one
service for inspect) and times, median of --repeat runs with ``time.perf_counter``:

- ``ps``: ``task_rows`` (rows) and ``render_rows`` with the default table (rendering);
- ``ls``: ``service_rows`` and ``render_rows``;
- ``inspect``: ``render_inspect_json`` of one service.

    .venv/bin/python bench/rows.py [--repeat 31] [--profile ps|ls|inspect]

``--profile`` prints cProfile's top functions (by self time) for one case instead.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from swarmctl.golang.time import SECOND, format_rfc3339_nano  # noqa: E402
from swarmctl.output import formatting, tables  # noqa: E402
from swarmctl.output.inspect import render_inspect_json  # noqa: E402

NOW = 1795000000 * SECOND + 123_456_789
IMAGES = ("busybox:local", "nginx:1.27-alpine@sha256:" + "ab" * 32,
          "registry.example.com:5000/team/app:v2.3.1", "redis")


def _stamp(seconds_ago: float) -> str:
    return format_rfc3339_nano(NOW - int(seconds_ago * SECOND))


def make_tasks(count: int) -> list:
    """``count`` tasks of one replicated service, two tasks per slot (one a history row)."""
    tasks = []
    for index in range(count):
        slot = index // 2 + 1
        tasks.append({
            "ID": "%025x" % (0x1234567 * (index + 1)),
            "Version": {"Index": 100 + index},
            "CreatedAt": _stamp(3600 - index),
            "UpdatedAt": _stamp(60 + index % 7),
            "Spec": {"ContainerSpec": {"Image": IMAGES[index % 2], "Args": ["sleep", "1"]},
                     "Placement": {"Constraints": ["node.labels.bench==none"]}},
            "ServiceID": "svc0123456789abcdefghijkl",
            "Slot": slot,
            "NodeID": "" if index % 2 else "node0123456789abcdefghijk",
            "Status": {"Timestamp": _stamp(30 + index % 90),
                       "State": "pending" if index % 2 else "shutdown",
                       "Message": "pending task scheduling",
                       "Err": "no suitable node (scheduling constraints not satisfied on 1 node)"
                       if index % 2 else ""},
            "DesiredState": "running" if index % 2 else "shutdown",
        })
    return tasks


def make_service(index: int) -> dict:
    """A service as ``GET /services?status=true`` returns it."""
    spec = {
        "Name": "ls1000-%04d" % index,
        "Labels": {"com.example.team": "bench"},
        "TaskTemplate": {
            "ContainerSpec": {"Image": IMAGES[index % len(IMAGES)], "Args": ["sleep", "1"],
                              "Init": False, "StopGracePeriod": 10000000000,
                              "DNSConfig": {}, "Isolation": "default"},
            "Resources": {"Limits": {}, "Reservations": {}},
            "RestartPolicy": {"Condition": "any", "Delay": 5000000000, "MaxAttempts": 0},
            "Placement": {"Constraints": ["node.labels.bench==none"],
                          "Platforms": [{"Architecture": "amd64", "OS": "linux"}]},
            "ForceUpdate": 0, "Runtime": "container",
        },
        "Mode": {"Replicated": {"Replicas": 1 + index % 3}},
        "UpdateConfig": {"Parallelism": 1, "FailureAction": "pause", "Monitor": 5000000000,
                         "MaxFailureRatio": 0, "Order": "stop-first"},
        "RollbackConfig": {"Parallelism": 1, "FailureAction": "pause", "Monitor": 5000000000,
                           "MaxFailureRatio": 0, "Order": "stop-first"},
        "EndpointSpec": {"Mode": "vip"},
    }
    service = {
        "ID": "%025x" % (0x7654321 * (index + 1)),
        "Version": {"Index": 1000 + index},
        "CreatedAt": _stamp(7200 + index),
        "UpdatedAt": _stamp(3600 + index),
        "Spec": spec,
        "Endpoint": {"Spec": {"Mode": "vip"}},
        "ServiceStatus": {"RunningTasks": 0, "DesiredTasks": 1 + index % 3, "CompletedTasks": 0},
    }
    if index % 10 == 0:
        ports = [{"Protocol": "tcp", "TargetPort": 80 + k, "PublishedPort": 8080 + k,
                  "PublishMode": "ingress"} for k in range(3)]
        service["Endpoint"] = {"Spec": {"Mode": "vip", "Ports": ports}, "Ports": ports,
                               "VirtualIPs": [{"NetworkID": "ingress0123456789abcdefgh",
                                               "Addr": "10.0.0.%d/24" % (index % 250 + 2)}]}
    return service


def median_ms(function, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def cases(tasks, services, one_service):
    names = {"svc0123456789abcdefghijkl": "bench-ps"}
    nodes = {"node0123456789abcdefghijk": "swarm-node-1"}

    def ps_rows():
        return tables.task_rows(tasks, names, nodes, now=NOW)

    def ls_rows():
        return tables.service_rows(services)

    task_table, service_table = ps_rows(), ls_rows()
    return {
        "ps rows (500 tasks)": ps_rows,
        "ps rendering": lambda: formatting.render_rows(
            tables.PS_DEFAULT_TABLE_FORMAT, task_table, tables.TaskRow),
        "ls rows (1000 services)": ls_rows,
        "ls rendering": lambda: formatting.render_rows(
            tables.LS_DEFAULT_TABLE_FORMAT, service_table, tables.ServiceRow),
        "inspect (one service)": lambda: render_inspect_json([one_service], compact=False),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=31)
    parser.add_argument("--profile", choices=("ps", "ls", "inspect"))
    args = parser.parse_args()
    tasks = make_tasks(500)
    services = [make_service(index) for index in range(1000)]
    one_service = make_service(0)
    timed = cases(tasks, services, one_service)
    if args.profile:
        chosen = [f for name, f in timed.items() if name.startswith(args.profile)]
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.repeat):
            for function in chosen:
                function()
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(20)
        return
    for name, function in timed.items():
        function()  # warm-up: first-use caches and compiled regexes
        print(f"{name:28} {median_ms(function, args.repeat):7.2f} ms")


if __name__ == "__main__":
    main()
