#!/usr/bin/env python3
"""The docker-py peer: the reads of ``swarmctl ls``, ``ps SERVICE`` and ``inspect SERVICE``
written as a Python user would write them with docker-py 7 (``pip install docker``).

    dockerpy_peer.py ls | ps SERVICE | inspect SERVICE     (engine from DOCKER_HOST)

bench/run.py times swarmctl against this script: it is the yardstick of the start-up
targets ("each at most 0.9x the docker-py script"). It does the same requests as swarmctl
(API version negotiation, then the reads below) and prints a line per service or task, but
none of docker's exact table formatting, which swarmctl does on top.
"""
import json
import sys

import docker


def list_services(client):
    # the same request as `swarmctl ls`: GET /services?status=true
    for service in client.services.list(status=True):
        status = service.attrs.get("ServiceStatus") or {}
        print(f"{service.name}\t{status.get('RunningTasks', 0)}/{status.get('DesiredTasks', 0)}")


def list_tasks(client, name):
    service = client.services.get(name)
    tasks = service.tasks()
    node_ids = sorted({task["NodeID"] for task in tasks if task.get("NodeID")})
    hostnames = {}
    if node_ids:  # one list call for the NODE column, as swarmctl does
        hostnames = {node.id: node.attrs["Description"]["Hostname"]
                     for node in client.nodes.list(filters={"id": node_ids})}
    image = service.attrs["Spec"]["TaskTemplate"]["ContainerSpec"]["Image"].split("@")[0]
    for task in tasks:
        status = task.get("Status") or {}
        slot = task.get("Slot") or task.get("NodeID")
        print("\t".join([
            task["ID"][:12], f"{service.name}.{slot}", image,
            hostnames.get(task.get("NodeID"), ""), task.get("DesiredState", ""),
            status.get("State", ""), status.get("Timestamp", ""), status.get("Err", ""),
        ]))


def inspect_service(client, name):
    # the same request as `swarmctl inspect`: GET /services/NAME?insertDefaults=true
    service = client.services.get(name, insert_defaults=True)
    print(json.dumps([service.attrs], indent=4))


def main():
    command, *args = sys.argv[1:]
    client = docker.from_env()
    if command == "ls":
        list_services(client)
    elif command == "ps":
        list_tasks(client, args[0])
    elif command == "inspect":
        inspect_service(client, args[0])
    else:
        sys.exit(f"unknown command {command!r}: ls, ps SERVICE or inspect SERVICE")


if __name__ == "__main__":
    main()
