"""rm, scale and rollback through the CLI against the real swarm."""
import json
import secrets

import pytest

from tests.helpers import IMAGE, invoke

pytestmark = pytest.mark.engine


def _service(engine, cleanup, *flags, command=("sleep", "600")):
    name = f"cli-{secrets.token_hex(4)}"
    engine.docker("service", "create", "-d", "--name", name, *flags, IMAGE, *command)
    cleanup.append(name)
    return name


def _spec(engine, name):
    return json.loads(engine.docker("service", "inspect", name).stdout)[0]


# -- rm ---------------------------------------------------------------------------------------

def test_rm_reports_each_failure_and_removes_the_rest(engine, cli, cleanup):
    first = _service(engine, cleanup)
    second = _service(engine, cleanup)
    result = cli("rm", first, "nosuch-a", second, "nosuch-b")
    assert result.code == 1
    assert result.stdout == f"{first}\n{second}\n"
    assert result.stderr == ("Error response from daemon: service nosuch-a not found\n"
                             "Error response from daemon: service nosuch-b not found\n")
    listed = engine.docker("service", "ls", "-q", "--filter", f"name={first}").stdout
    assert listed == ""


def test_rm_alias_and_id_prefix(engine, cli, cleanup):
    name = _service(engine, cleanup)
    service_id = _spec(engine, name)["ID"]
    result = cli("remove", service_id[:8])
    assert (result.code, result.stdout, result.stderr) == (0, service_id[:8] + "\n", "")


@pytest.mark.parametrize("args, code, first_line", [
    (("rm",), 1, "swarmctl: 'swarmctl rm' requires at least 1 argument"),
    (("rm", "--bogus", "x"), 125, "unknown flag: --bogus"),
    (("rm", "-z", "x"), 125, "unknown shorthand flag: 'z' in -z"),
    (("scale",), 1, "swarmctl: 'swarmctl scale' requires at least 1 argument"),
    (("scale", "web"), 1, "invalid scale specifier 'web'."),
    (("scale", "web="), 1, "invalid scale specifier 'web='."),
    (("scale", "=3"), 1, "invalid scale specifier '=3'."),
    (("rollback",), 1, "swarmctl: 'swarmctl rollback' requires 1 argument"),
    (("rollback", "a", "b"), 1, "swarmctl: 'swarmctl rollback' requires 1 argument"),
    (("scale", "--timeout", "5x", "a=1"), 125,
     'invalid argument "5x" for "--timeout" flag: time: unknown unit "x" in duration "5x"'),
])
def test_bad_input_is_one_clean_message(cli, args, code, first_line):
    result = cli(*args)
    assert result.code == code
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == first_line
    assert "Traceback" not in result.stderr


# -- scale ------------------------------------------------------------------------------------

def test_scale_prints_result_on_stdout_and_progress_on_stderr(engine, cli_process, cleanup):
    name = _service(engine, cleanup)
    result = cli_process("scale", f"{name}=2")
    assert result.code == 0, result.stderr
    assert result.stdout == f"{name} scaled to 2\n"
    lines = result.stderr.splitlines()
    assert "overall progress: 2 out of 2 tasks" in lines
    assert lines[-1] == f"verify: Service {name} converged"
    assert _spec(engine, name)["Spec"]["Mode"]["Replicated"]["Replicas"] == 2


def test_scale_collects_errors_and_continues(engine, cli, cleanup):
    name = _service(engine, cleanup)
    glob = _service(engine, cleanup, "--mode", "global")
    result = cli("scale", "-d", "nosuch=1", f"{glob}=2", f"{name}=03", f"{name}=-1")
    assert result.code == 1
    assert result.stdout == f"{name} scaled to 3\n"
    assert result.stderr.splitlines() == [
        "nosuch: Error response from daemon: service nosuch not found",
        f"{glob}: scale can only be used with replicated or replicated-job mode",
        f'{name}: invalid replicas value -1: strconv.ParseUint: parsing "-1": invalid syntax',
    ]
    assert _spec(engine, name)["Spec"]["Mode"]["Replicated"]["Replicas"] == 3


def test_scale_quiet_waits_silently(engine, cli, cleanup):
    name = _service(engine, cleanup)
    result = cli("scale", "-q", f"{name}=2")
    assert (result.code, result.stdout, result.stderr) == (0, f"{name} scaled to 2\n", "")


def test_scale_timeout_exits_124(engine, cli, cleanup):
    # A constraint no node satisfies: the tasks stay pending forever.
    name = _service(engine, cleanup, "--constraint", "node.labels.nowhere==true")
    result = cli("scale", "--timeout", "1s", f"{name}=2")
    assert result.code == 124
    assert result.stdout == f"{name} scaled to 2\n"
    assert result.stderr.splitlines()[-1].startswith(f"timed out after 1s waiting for {name} to converge")


def test_scale_job_sets_total_completions(engine, cli, cleanup):
    name = _service(engine, cleanup, "--mode", "replicated-job", command=("true",))
    result = cli("scale", f"{name}=2")
    assert result.code == 0, result.stderr
    assert "job complete" in result.stderr
    assert _spec(engine, name)["Spec"]["Mode"]["ReplicatedJob"]["TotalCompletions"] == 2


# -- rollback ---------------------------------------------------------------------------------

def test_rollback_restores_the_previous_spec(engine, cli, cleanup):
    name = _service(engine, cleanup)
    engine.docker("service", "update", "-d", "--env-add", "X=1", name)
    result = cli("rollback", name)
    assert result.code == 0, result.stderr
    assert result.stdout == f"{name}\n"
    assert "Env" not in _spec(engine, name)["Spec"]["TaskTemplate"]["ContainerSpec"]
    assert f"verify: Service {name} converged" in result.stderr


def test_rollback_without_previous_spec(engine, cli, cleanup):
    name = _service(engine, cleanup)
    result = cli("rollback", "-d", name)
    assert result.code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error response from daemon: rpc error: code = FailedPrecondition")
    assert result.stderr.rstrip().endswith("does not have a previous spec")


def test_unreachable_daemon(tmp_path):
    host = f"unix://{tmp_path}/none.sock"
    result = invoke(["rm", "x"], env={"DOCKER_HOST": host})
    assert result.code == 1
    assert result.stderr == f"Cannot connect to the Docker daemon at {host}. Is the docker daemon running?\n"
