"""swarmctl.service.diff: field-level differences between specs and their effect on tasks."""
from __future__ import annotations

import copy

from swarmctl.service import diff as specdiff
from swarmctl.service.diff import ADDED, CHANGED, REMOVED

SPEC = {
    "Name": "web",
    "Labels": {"team": "a"},
    "TaskTemplate": {
        "ContainerSpec": {"Image": "busybox:1", "Args": ["sleep", "60"], "Env": ["A=1", "B=2"],
                          "Init": False},
        "Placement": {"Constraints": ["node.role==worker"]},
        "Resources": {"Limits": {}, "Reservations": {}},
        "ForceUpdate": 0,
    },
    "Mode": {"Replicated": {"Replicas": 2}},
    "UpdateConfig": {"Parallelism": 1, "Monitor": 5_000_000_000},
    "EndpointSpec": {"Mode": "vip"},
}


def changed(**edits):
    spec = copy.deepcopy(SPEC)
    for path, value in edits.items():
        *parents, last = path.split("__")
        target = spec
        for part in parents:
            target = target.setdefault(part, {})
        if value is specdiff._MISSING:
            target.pop(last, None)
        else:
            target[last] = value
    return spec


def lines(old, new):
    return [specdiff.format_change(c) for c in specdiff.diff(old, new)]


def test_identical_specs_have_no_changes():
    assert specdiff.diff(SPEC, copy.deepcopy(SPEC)) == []
    effect = specdiff.rollout(SPEC, copy.deepcopy(SPEC))
    assert effect.restarts == "none" and not effect.rolling_update
    assert specdiff.summary([], effect) == "no changes"


def test_scalar_change_added_and_removed_keys():
    new = changed(TaskTemplate__ContainerSpec__Image="busybox:2", Labels={"env": "prod"})
    assert lines(SPEC, new) == [
        '- Labels.team: "a"',
        '+ Labels.env: "prod"',
        '~ TaskTemplate.ContainerSpec.Image: "busybox:1" -> "busybox:2"',
    ]


def test_list_insertion_is_one_addition_not_a_shift():
    new = changed(TaskTemplate__ContainerSpec__Env=["A=1", "X=9", "B=2"])
    changes = specdiff.diff(SPEC, new)
    assert changes == [specdiff.Change(("TaskTemplate", "ContainerSpec", "Env", 1), ADDED,
                                       new="X=9")]
    assert changes[0].dotted == "TaskTemplate.ContainerSpec.Env[1]"


def test_list_removal_and_replacement():
    new = changed(TaskTemplate__ContainerSpec__Env=["B=3"])
    kinds = [(c.dotted, c.kind) for c in specdiff.diff(SPEC, new)]
    assert ("TaskTemplate.ContainerSpec.Env[0]", CHANGED) in kinds or \
        ("TaskTemplate.ContainerSpec.Env[0]", REMOVED) in kinds
    assert len(kinds) == 2


def test_objects_in_lists_are_compared_field_by_field():
    old = {"Mounts": [{"Target": "/a", "Source": "x", "ReadOnly": False}]}
    new = {"Mounts": [{"Target": "/a", "Source": "x", "ReadOnly": True}]}
    assert lines(old, new) == ["~ Mounts[0].ReadOnly: false -> true"]


def test_missing_and_empty_are_the_same_but_false_and_zero_are_not():
    assert specdiff.diff({"a": {}}, {}) == []
    assert specdiff.diff({}, {"a": None, "b": []}) == []
    assert [c.kind for c in specdiff.diff({}, {"Init": False})] == [ADDED]
    assert [c.kind for c in specdiff.diff({"Replicas": 0}, {})] == [REMOVED]


def test_bool_is_not_an_int_but_int_and_float_may_be_equal():
    assert specdiff.diff({"a": 1}, {"a": True}) != []
    assert specdiff.diff({"a": 1}, {"a": 1.0}) == []


def test_durations_are_shown_readably():
    new = changed(UpdateConfig={"Parallelism": 1, "Monitor": 1_500_000_000, "Delay": 10**9})
    assert lines(SPEC, new) == [
        "~ UpdateConfig.Monitor: 5000000000 (5s) -> 1500000000 (1.5s)",
        "+ UpdateConfig.Delay: 1000000000 (1s)",
    ]


def test_template_change_restarts_every_task():
    new = changed(TaskTemplate__ContainerSpec__Env=["A=1"])
    effect = specdiff.rollout(SPEC, new)
    assert effect.restarts == "all"
    assert effect.reasons == ("TaskTemplate.ContainerSpec.Env",)
    assert specdiff.summary(specdiff.diff(SPEC, new), effect).startswith("rolling update: yes")


def test_force_update_restarts_every_task():
    effect = specdiff.rollout(SPEC, changed(TaskTemplate__ForceUpdate=1))
    assert (effect.restarts, effect.reasons) == ("all", ("TaskTemplate.ForceUpdate",))


def test_published_ports_restart_tasks_too():
    new = changed(EndpointSpec={"Mode": "vip", "Ports": [{"TargetPort": 80, "PublishedPort": 8080}]})
    assert specdiff.rollout(SPEC, new).reasons == ("EndpointSpec.Ports",)


def test_constraints_only_move_some_tasks():
    new = changed(TaskTemplate__Placement={"Constraints": ["node.role==manager"]})
    effect = specdiff.rollout(SPEC, new)
    assert effect.restarts == "some" and effect.rolling_update
    assert "placement constraints" in specdiff.summary(specdiff.diff(SPEC, new), effect)


def test_scaling_labels_and_update_config_keep_tasks():
    new = changed(Mode={"Replicated": {"Replicas": 5}}, Labels={"team": "b"},
                  UpdateConfig={"Parallelism": 3})
    changes = specdiff.diff(SPEC, new)
    effect = specdiff.rollout(SPEC, new)
    assert effect.restarts == "none" and effect.reasons == ()
    assert specdiff.summary(changes, effect) == (
        "rolling update: no, running tasks are kept (the replica count changes: tasks are "
        "added or removed)")


def test_values_are_compact_json():
    change = specdiff.Change(("EndpointSpec", "Ports"), ADDED,
                             new=[{"TargetPort": 80, "Protocol": "tcp"}])
    assert specdiff.format_change(change) == \
        '+ EndpointSpec.Ports: [{"TargetPort": 80, "Protocol": "tcp"}]'
    assert specdiff.format_path(("A", 0, "B", 2)) == "A[0].B[2]"
