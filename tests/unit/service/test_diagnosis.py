"""swarmctl.service.diagnosis on engine-shaped answers (no engine): failing slots, grouping, hints."""
from __future__ import annotations

import json

from swarmctl.service import diagnosis as diagnose
from swarmctl.output import diagnosis as render
from swarmctl.golang.time import parse_rfc3339_nano

NOW = "2026-01-01T12:00:00Z"
NOW_NS = parse_rfc3339_nano(NOW)
NODES = [
    {"ID": "n1", "Description": {"Hostname": "node1"}, "Status": {"State": "ready"}},
    {"ID": "n2", "Description": {"Hostname": "node2"}, "Status": {"State": "ready"}},
    {"ID": "n3", "Description": {"Hostname": "node3"}, "Status": {"State": "down"}},
]


def at(seconds_ago):
    from swarmctl.golang.time import format_rfc3339_nano

    return format_rfc3339_nano(NOW_NS - int(seconds_ago * 1e9))


def service(name="web", replicas=2, mode=None, **template):
    container = {"Image": "busybox:1", "Args": ["sh", "-c", "exit 3"]}
    container.update(template.pop("container", {}))
    return {"ID": f"{name}-id", "Spec": {
        "Name": name, "Mode": mode or {"Replicated": {"Replicas": replicas}},
        "TaskTemplate": dict({"ContainerSpec": container}, **template)}}


def task(task_id, slot, state, ago, desired="shutdown", err="", exit_code=0, node="n1",
         container="c"):
    status = {"State": state, "Timestamp": at(ago), "Err": err,
              "ContainerStatus": {"ContainerID": f"{container}-{task_id}" if container else "",
                                  "ExitCode": exit_code}}
    return {"ID": task_id, "Slot": slot, "NodeID": node, "DesiredState": desired,
            "Status": status}


def run(svc, tasks, nodes=NODES, containers=None, window_ns=diagnose.RECENT_NS):
    # As the engine: a task carries the spec it was made from (here: the current one;
    # the engine leaves Runtime out of it).
    for one in tasks:
        one.setdefault("Spec", dict(json.loads(json.dumps(svc["Spec"]["TaskTemplate"])),
                                    Runtime=None))
        one["Spec"].pop("Runtime", None)
    return diagnose.diagnose(svc, tasks, nodes, containers=containers, now_ns=NOW_NS,
                             window_ns=window_ns)


def test_healthy_service():
    result = run(service(), [task("a", 1, "running", 300, "running"),
                             task("b", 2, "running", 300, "running")])
    assert result.healthy and result.running == 2 and result.desired == 2
    assert result.failing_slots == [] and result.errors == []
    assert render.render_text(result, NOW_NS).endswith("Nothing is failing.\n")
    assert json.loads(render.render_json(result))["healthy"] is True


def test_crash_loop_groups_errors_and_exit_codes():
    tasks = [task("c1", 1, "failed", 30, err="task: non-zero exit (3)", exit_code=3),
             task("c2", 1, "failed", 20, err="task: non-zero exit (3)", exit_code=3, node="n2"),
             task("c3", 1, "ready", 1, "running"),
             task("ok", 2, "running", 500, "running")]
    result = run(service(), tasks)
    assert not result.healthy and result.running == 1
    [slot] = result.failing_slots
    assert (slot.name, slot.state, slot.failures, slot.exit_codes) == ("web.1", "ready", 2, [3, 3])
    assert slot.error == "task: non-zero exit (3)"
    [group] = result.errors
    assert (group.count, group.last_node, group.slots, group.exit_codes) == (2, "node2", ["web.1"], [3])
    assert group.category == "crash" and "`swarmctl logs web`" in group.hint
    text = render.render_text(result, NOW_NS)
    assert "web.1" in text and "2 times, last 20 seconds ago on node2" in text


def test_running_again_after_a_recent_failure_is_still_reported():
    tasks = [task("c1", 1, "failed", 40, err="task: non-zero exit (1)", exit_code=1),
             task("c2", 1, "running", 30, "running")]
    [slot] = run(service(replicas=1), tasks).failing_slots
    assert slot.running and slot.state == "running"
    assert "running (restarted)" in render.render_text(run(service(replicas=1), tasks), NOW_NS)


def test_an_old_failure_of_a_slot_running_since_is_not_failing():
    tasks = [task("c1", 1, "failed", 3600, err="task: non-zero exit (1)", exit_code=1),
             task("c2", 1, "running", 3590, "running")]
    result = run(service(replicas=1), tasks)
    assert result.failing_slots == [] and result.healthy
    assert len(result.errors) == 1  # still listed as history
    assert "earlier failures" in render.render_text(result, NOW_NS)


def test_ids_do_not_make_errors_distinct():
    one = "starting container failed: " + "a" * 64 + " gone"
    two = "starting container failed: " + "b" * 64 + " gone"
    tasks = [task("x", 1, "failed", 10, err=one), task("y", 1, "failed", 5, err=two),
             task("z", 1, "pending", 1, "running")]
    [group] = run(service(replicas=1), tasks).errors
    assert group.count == 2 and group.message == two


def test_image_not_found():
    tasks = [task(f"r{i}", slot, "rejected", 10 - i, "shutdown", "No such image: nosuch/image:1",
                  container="") for i, slot in enumerate((1, 2, 1, 2))]
    tasks[-1]["DesiredState"] = "ready"   # the engine keeps the last one desired "ready"
    tasks[-2]["DesiredState"] = "ready"
    svc = service(container={"Image": "nosuch/image:1"})
    result = run(svc, tasks)
    assert [s.name for s in result.failing_slots] == ["web.1", "web.2"]
    assert all(s.exit_codes == [] for s in result.failing_slots)   # never ran
    [group] = result.errors
    assert group.category == "image" and group.count == 4
    assert "nosuch/image:1" in group.hint and "--with-registry-auth" in group.hint


def test_no_suitable_node_names_the_constraints():
    err = "no suitable node (scheduling constraints not satisfied on 3 nodes)"
    svc = service(replicas=1, Placement={"Constraints": ["node.labels.zone==x"]})
    result = run(svc, [task("p", 1, "pending", 60, "running", err, node="", container="")])
    [slot] = result.failing_slots
    assert slot.state == "pending" and slot.node == ""
    [group] = result.errors
    assert group.category == "placement" and "node.labels.zone==x" in group.hint


def test_resources_and_host_ports():
    err = "no suitable node (insufficient resources on 2 nodes)"
    svc = service(replicas=1, Resources={"Reservations": {"MemoryBytes": 2 * 1024**3}})
    [group] = run(svc, [task("p", 1, "pending", 5, "running", err, node="")]).errors
    assert group.category == "resources" and "2GiB" in group.hint
    err = "no suitable node (host-mode port already in use on 1 node)"
    [group] = run(service(replicas=1), [task("p", 1, "pending", 5, "running", err, node="")]).errors
    assert group.category == "port"
    err = 'driver failed programming external connectivity: Bind for 0.0.0.0:80 failed: port is already allocated'
    svc = service(replicas=1)
    svc["Spec"]["EndpointSpec"] = {"Ports": [{"PublishedPort": 80, "TargetPort": 8080,
                                              "Protocol": "tcp"}]}
    [group] = run(svc, [task("p", 1, "failed", 5, "shutdown", err)]).errors
    assert group.category == "port" and "80:8080/tcp" in group.hint


def test_out_of_memory():
    svc = service(replicas=1, Resources={"Limits": {"MemoryBytes": 8 * 1024**2}})
    tasks = [task("k", 1, "failed", 5, err="task: non-zero exit (137)", exit_code=137),
             task("n", 1, "starting", 1, "running")]
    [group] = run(svc, tasks).errors
    assert group.category == "oom" and "8MiB" in group.hint and "most often" in group.hint
    containers = {"c-k": {"State": {"OOMKilled": True, "ExitCode": 137}}}
    [group] = run(svc, tasks, containers=containers).errors
    assert "OOMKilled" in group.hint


def test_failing_health_check():
    svc = service(replicas=1, container={"Healthcheck": {"Test": ["CMD-SHELL", "curl -f localhost"],
                                                         "Retries": 3}})
    err = "task: non-zero exit (137): dockerexec: unhealthy container"
    [group] = run(svc, [task("h", 1, "failed", 5, err=err, exit_code=137),
                        task("n", 1, "starting", 1, "running")]).errors
    assert group.category == "health"
    assert "curl -f localhost" in group.hint and "3 times in a row" in group.hint


def test_command_not_found_and_missing_bind_source():
    err = ('starting container failed: OCI runtime create failed: exec: "nosuch": '
           "executable file not found in $PATH: unknown")
    [group] = run(service(replicas=1, container={"Args": ["nosuch"]}),
                  [task("x", 1, "failed", 5, err=err, exit_code=127)]).errors
    assert group.category == "command" and "`nosuch`" in group.hint
    err = 'invalid mount config for type "bind": bind source path does not exist: /data'
    [group] = run(service(replicas=1), [task("x", 1, "rejected", 5, err=err)]).errors
    assert group.category == "mount"


def test_global_service_slots_are_nodes_and_down_nodes_do_not_count():
    svc = service(mode={"Global": {}})
    tasks = [task("g1", 0, "running", 100, "running", node="n1"),
             task("g2", 0, "failed", 5, err="task: non-zero exit (2)", exit_code=2, node="n2"),
             task("g3", 0, "starting", 1, "running", node="n2"),
             task("g4", 0, "running", 100, "running", node="n3")]
    result = run(svc, tasks)
    assert result.desired == 3 and result.running == 1
    names = [s.name for s in result.failing_slots]
    assert names == ["web.n2", "web.n3"]
    assert result.failing_slots[1].error == "node is down"


def test_paused_update_is_a_note():
    svc = service(replicas=1)
    svc["UpdateStatus"] = {"State": "paused", "Message": "update paused due to failure"}
    result = run(svc, [task("a", 1, "running", 300, "running")])
    assert not result.healthy
    assert result.notes[0].startswith("update paused: update paused due to failure")
    data = json.loads(render.render_json(result))
    assert data["update_state"] == "paused" and data["healthy"] is False


def test_job_that_completed_is_healthy():
    svc = service(mode={"ReplicatedJob": {"TotalCompletions": 2}})
    tasks = [task("j1", 1, "complete", 5, "complete"), task("j2", 2, "complete", 5, "complete")]
    result = run(svc, tasks)
    assert result.healthy and (result.running, result.desired) == (2, 2)


# -- what counts: current spec, failed on its own, in the window --------------------------------

def _old_spec(svc):
    spec = json.loads(json.dumps(svc["Spec"]["TaskTemplate"]))
    spec["ContainerSpec"]["Env"] = ["OLD=1"]
    return spec


def test_old_tasks_an_update_stopped_do_not_count():
    svc = service(replicas=2, container={"Args": ["sleep", "600"]})
    old = _old_spec(svc)
    tasks = [task("o1", 1, "failed", 20, err="task: non-zero exit (137)", exit_code=137),
             task("o2", 2, "failed", 15, err="task: non-zero exit (137)", exit_code=137),
             task("o3", 1, "shutdown", 60, exit_code=137),
             task("n1", 1, "running", 18, "running"), task("n2", 2, "running", 13, "running")]
    for one in tasks[:3]:
        one["Spec"] = old
    result = run(svc, tasks)
    assert result.failing_slots == [] and not result.failing and result.healthy
    assert result.errors == [] and result.earlier_failures == 2
    text = render.render_text(result, NOW_NS)
    assert "Failing slots" not in text and text.endswith("Nothing is failing.\n")
    assert "Earlier failures (not counted): 2 (a previous spec, older than 10m0s," in text
    data = json.loads(render.render_json(result))
    assert (data["failing"], data["earlier_failures"], data["window_ns"]) == (False, 2, 600 * 10**9)


def test_failures_older_than_the_window_do_not_count():
    tasks = [task("c1", 1, "failed", 30, err="task: non-zero exit (3)", exit_code=3),
             task("c2", 1, "running", 25, "running")]
    assert run(service(replicas=1), tasks).failing
    result = run(service(replicas=1), tasks, window_ns=10 * 10**9)
    assert not result.failing and result.earlier_failures == 1


def test_a_scale_down_is_not_a_failure():
    tasks = [task("a", 1, "running", 100, "running"),
             task("b", 2, "failed", 5, "remove", err="task: non-zero exit (137)", exit_code=137)]
    result = run(service(replicas=1), tasks)
    assert not result.failing and result.earlier_failures == 1


def test_exit_codes_are_those_of_counted_failures():
    svc = service(replicas=1)
    old = task("o", 1, "failed", 50, err="task: non-zero exit (137)", exit_code=137)
    old["Spec"] = _old_spec(svc)
    tasks = [old, task("c1", 1, "failed", 30, err="task: non-zero exit (3)", exit_code=3),
             task("c2", 1, "failed", 20, err="task: non-zero exit (3)", exit_code=3),
             task("c3", 1, "starting", 1, "running")]
    [slot] = run(svc, tasks).failing_slots
    assert (slot.failures, slot.exit_codes, slot.failed_task) == (2, [3, 3], "c2")


def test_the_last_output_is_shown_inline():
    tasks = [task("c1", 1, "failed", 20, err="task: non-zero exit (3)", exit_code=3),
             task("c2", 1, "starting", 1, "running")]
    result = run(service(replicas=1), tasks)
    result.failing_slots[0].output = ["config: missing KEY", "\x1b[31mbye\x1b[0m"]
    text = render.render_text(result, NOW_NS)
    assert "\nLast output of web.1 (task c1):\n    config: missing KEY\n    \x1b[31mbye\x1b[0m\n" in text
    assert json.loads(render.render_json(result))["failing_slots"][0]["output"][0] == \
        "config: missing KEY"


class _LogAPI:
    def __init__(self, payload=None, error=None):
        self.payload, self.error, self.asked = payload, error, []

    def log_chunks(self, kind, reference, **params):
        import struct

        self.asked.append((kind, reference, params))
        if self.error:
            raise self.error
        return _Stream([struct.pack(">BxxxL", 1, len(self.payload)) + self.payload])


class _Stream(list):
    def close(self):
        pass


def test_last_output_is_bounded():
    payload = b"".join(b"line %d " % i + b"x" * 300 + b"\n" for i in range(10))
    api = _LogAPI(payload)
    lines = diagnose.last_output(api, "t1")
    assert api.asked == [("tasks", "t1", {"tail": "10"})]
    assert len("\n".join(lines).encode()) <= diagnose.OUTPUT_BYTES and lines[-1].startswith("line 9 ")
    assert diagnose.last_output(_LogAPI(b"\xff\xfebad utf-8\n"), "t") == ["\ufffd\ufffdbad utf-8"]
    assert diagnose.last_output(_LogAPI(error=OSError("gone")), "t") == []
