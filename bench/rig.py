#!/usr/bin/env python3
"""The scale rig (issue #14): thousands of swarm objects without a single container.

- services with ``--replicas 0``: a service, no task;
- tasks held pending: a replicated service whose placement constraint no node meets
  (``node.hostname==nosuchnode``) gets all its tasks, every one ``Pending`` for ever.

Everything the rig makes carries the label ``swarmctl.bench=rig`` and a name prefix; making
is idempotent (what exists is kept, what is missing is created, several requests at once)
and ``down`` removes every labelled service. Against the engine of DOCKER_HOST:

    python bench/rig.py up --prefix rig- --services 2000 [--tasks 3000 --task-service rig-tasks]
    python bench/rig.py down

bench/many.py uses the same functions against its private lab engine.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from swarmctl.api.client import APIClient  # noqa: E402

LABEL = "swarmctl.bench"
IMAGE = "busybox:local"
NOWHERE = "node.hostname==nosuchnode"


def client(host=None):
    return APIClient(base_url=host or os.environ.get("DOCKER_HOST"), version="auto", timeout=300)


def _create(api, name, replicas, mode="replicated"):
    template = {"ContainerSpec": {"Image": IMAGE, "Args": ["sleep", "600"]},
                "Placement": {"Constraints": [NOWHERE]}}
    mode_spec = {"Global": {}} if mode == "global" else {"Replicated": {"Replicas": replicas}}
    return api.create_service(template, name=name, labels={LABEL: "rig"}, mode=mode_spec)


def names(prefix, count):
    return [f"{prefix}{index:05d}" for index in range(count)]


def ensure_services(api, prefix, count, replicas=0):
    """Services PREFIX00000 ... with ``replicas`` pending tasks each; returns their names."""
    wanted = names(prefix, count)
    have = {(s.get("Spec") or {}).get("Name") for s in api.services(filters={"name": prefix})}
    missing = [name for name in wanted if name not in have]
    for _, error in api.concurrently(lambda name: _create(api, name, replicas), missing):
        if error is not None and error.status_code != 409:  # 409: made meanwhile
            raise error
    return wanted


def ensure_pending_tasks(api, name, count, timeout=600):
    """One service with ``count`` tasks, all pending; returns once the engine lists them."""
    found = [s for s in api.services(filters={"name": name}) if s["Spec"]["Name"] == name]
    if not found:
        _create(api, name, count)
    deadline = time.monotonic() + timeout
    while len(api.tasks(filters={"service": name, "desired-state": "running"})) < count:
        if time.monotonic() > deadline:
            raise RuntimeError(f"{name}: fewer than {count} tasks after {timeout}s")
        time.sleep(1)
    return name


def remove(api, references):
    for _, error in api.concurrently(api.remove_service, references):
        if error is not None and error.status_code != 404:
            raise error


def down(api, prefix=""):
    """Remove every rig service (label ``swarmctl.bench=rig``) whose name starts with prefix."""
    rig = api.services(filters={"label": f"{LABEL}=rig"})
    remove(api, [s["ID"] for s in rig if s["Spec"]["Name"].startswith(prefix)])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("up", "down"))
    parser.add_argument("--prefix", default="rig-")
    parser.add_argument("--services", type=int, default=0)
    parser.add_argument("--tasks", type=int, default=0)
    parser.add_argument("--task-service", default="rig-tasks")
    args = parser.parse_args()
    api = client()
    start = time.monotonic()
    if args.action == "down":
        down(api)
    else:
        if args.services:
            ensure_services(api, args.prefix, args.services)
        if args.tasks:
            ensure_pending_tasks(api, args.task_service, args.tasks)
    print(f"rig {args.action}: {time.monotonic() - start:.1f}s")


if __name__ == "__main__":
    main()
