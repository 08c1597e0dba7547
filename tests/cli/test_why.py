"""swarmctl why on real failing services: crash loop, missing image, no suitable node, failing
health check, port in use, and a healthy one; text when piped, JSON for scripts."""
from __future__ import annotations

import json
import secrets

import pytest

from tests.helpers import IMAGE, NEVER, cli_env, invoke, wait_for

pytestmark = pytest.mark.engine

RUN = secrets.token_hex(3)
PORT = 20000 + secrets.randbelow(20000)

SERVICES = {
    "crash": ["--restart-delay", "200ms", IMAGE, "sh", "-c",
              "echo starting; sleep 0.1; echo 'config: KEY is missing' >&2; exit 3"],
    "image": ["--replicas", "2", "nosuch/image:1"],
    "pending": ["--constraint", NEVER, IMAGE, "sleep", "600"],
    "health": ["--health-cmd", "false", "--health-interval", "500ms", "--health-retries", "1",
               "--restart-delay", "200ms", "--stop-grace-period", "1s", IMAGE, "sleep", "600"],
    "port": ["--replicas", "2", "--publish", f"mode=host,published={PORT},target=80", IMAGE,
             "sleep", "600"],
    "ok": ["--stop-grace-period", "1s", IMAGE, "sleep", "600"],
}


def name(which):
    return f"why-{RUN}-{which}"


def diagnosis(engine, which, *flags):
    result = invoke(["why", "--format", "json", *flags, name(which)], env=cli_env(engine))
    found = json.loads(result.stdout)
    assert result.code == (5 if found["failing"] else 0), result.stderr
    return found


@pytest.fixture(scope="module")
def failing(engine):
    for which, args in SERVICES.items():
        engine.docker("service", "create", "-d", "--no-resolve-image", "--name", name(which), *args)
    try:
        def ready():
            found = {which: diagnosis(engine, which) for which in SERVICES}
            return (all(e["count"] >= 2 for e in found["crash"]["errors"][:1])
                    and found["crash"]["errors"]
                    and found["image"]["errors"] and found["image"]["errors"][0]["count"] >= 2
                    and found["pending"]["errors"] and found["port"]["errors"]
                    and found["health"]["errors"] and found["ok"]["running"] == 1 and found)
        yield wait_for(ready, timeout=60, interval=0.5, message="the services to fail")
    finally:
        engine.docker("service", "rm", *[name(which) for which in SERVICES], check=False)


def test_crash_loop(failing, engine):
    found = failing["crash"]
    assert found["healthy"] is False
    [slot] = found["failing_slots"]
    assert slot["name"] == f"{name('crash')}.1" and slot["failures"] >= 2
    assert slot["exit_codes"][:2] == [3, 3]
    group = found["errors"][0]
    assert group["message"] == "task: non-zero exit (3)" and group["category"] == "crash"
    assert group["exit_codes"] == [3] and group["last_node"]
    assert f"swarmctl logs {name('crash')}" in group["hint"]
    assert slot["output"][-2:] == ["starting", "config: KEY is missing"]
    text = invoke(["why", name("crash")], env=cli_env(engine))
    assert text.code == 5  # a slot is failing now
    lines = text.stdout.splitlines()
    assert lines[0] == f"Service {name('crash')} (replicated): " + lines[0].split(": ", 1)[1]
    assert "Failing slots:" in lines and "Errors:" in lines
    assert "  task: non-zero exit (3)" in lines
    assert any(line.startswith("    hint: the process exits with status 3") for line in lines)
    assert "\x1b[" not in text.stdout   # piped: no colours
    # (the loop goes on: by now the last failed task may be a newer one)
    [shown] = [i for i, line in enumerate(lines)
               if line.startswith(f"Last output of {name('crash')}.1 (task ")]
    assert lines[shown + 1:shown + 3] == ["    starting", "    config: KEY is missing"]


def test_image_not_found(failing):
    found = failing["image"]
    assert [s["name"] for s in found["failing_slots"]] == [f"{name('image')}.1", f"{name('image')}.2"]
    assert all(s["exit_codes"] == [] for s in found["failing_slots"])
    group = found["errors"][0]
    assert group["message"] == "No such image: nosuch/image:1" and group["category"] == "image"
    assert sorted(group["slots"]) == [f"{name('image')}.1", f"{name('image')}.2"]
    assert "--with-registry-auth" in group["hint"]


def test_no_suitable_node(failing):
    found = failing["pending"]
    [slot] = found["failing_slots"]
    assert slot["state"] == "pending"
    group = found["errors"][0]
    assert group["message"].startswith("no suitable node (scheduling constraints not satisfied")
    assert group["category"] == "placement" and NEVER in group["hint"]


def test_failing_health_check(failing):
    group = failing["health"]["errors"][0]
    assert "unhealthy container" in group["message"]
    assert group["category"] == "health" and "`false`" in group["hint"]
    assert group["exit_codes"] == [137]


def test_host_port_in_use(failing):
    found = failing["port"]
    assert found["running"] == 1 and found["desired"] == 2
    group = found["errors"][0]
    assert "host-mode port already in use" in group["message"] and group["category"] == "port"


def test_healthy_service_and_several_at_once(failing, engine):
    assert failing["ok"]["healthy"] is True and failing["ok"]["failing_slots"] == []
    assert invoke(["why", name("ok")], env=cli_env(engine)).code == 0
    result = invoke(["why", name("ok"), name("pending")], env=cli_env(engine))
    assert result.code == 5  # one of them is failing
    blocks = result.stdout.split("\n\n")
    assert blocks[0].splitlines()[-1] == "Nothing is failing."
    assert f"Service {name('pending')} (replicated): 0 of 1 tasks running" in result.stdout
    result = invoke(["why", "--format", "json", name("ok"), name("pending")], env=cli_env(engine))
    assert [json.loads(line)["service"] for line in result.stdout.splitlines()] == [
        name("ok"), name("pending")]


def test_unknown_service(engine, failing):
    result = invoke(["why", "no-such-service-xyz", name("ok")], env=cli_env(engine))
    assert result.code == 1
    assert result.stderr == "Error response from daemon: service no-such-service-xyz not found\n"
    assert "Nothing is failing." in result.stdout
    assert invoke(["why"], env=cli_env(engine)).code == 1


def test_rich_rendering_on_a_terminal(failing, engine):
    """The terminal rendering draws the same findings (rendered to a string here)."""
    import io

    from rich.console import Console

    import swarmctl
    from swarmctl.service import diagnosis as diagnose
    from swarmctl.output.diagnosis import print_rich

    client = swarmctl.APIClient(base_url=engine.host)
    try:
        result = diagnose.collect(client, name("crash"))
    finally:
        client.close()
    buffer = io.StringIO()
    print_rich(result, console=Console(file=buffer, width=100, force_terminal=True))
    text = buffer.getvalue()
    assert "Failing slots" in text and "task: non-zero exit (3)" in text and "hint:" in text


# -- failures that are over do not count ----------------------------------------------------

def _task_exit_codes(engine, service):
    ids = engine.docker("service", "ps", "-q", service).stdout.split()
    codes = engine.docker("inspect", "--format", "{{.Status.ContainerStatus.ExitCode}}",
                          *ids).stdout.split()
    return [int(code) for code in codes]


@pytest.fixture(scope="module")
def over(engine):
    """Three services whose failures are over: old tasks an update stopped (exit 137), a
    crash loop fixed by an update (failures of the previous spec), and one that failed for
    its first seconds and runs since."""
    import time

    deadline = int(time.time()) + 4
    made = {
        "updated": ["--replicas", "2", "--stop-grace-period", "500ms", "--update-parallelism",
                    "2", "--update-monitor", "500ms", IMAGE, "sleep", "600"],
        "fixed": ["--restart-delay", "200ms", "--update-monitor", "500ms", IMAGE, "sh", "-c",
                  "exit 3"],
        "recovered": ["--restart-delay", "200ms", IMAGE, "sh", "-c",
                      f"[ $(date +%s) -ge {deadline} ] || exit 3; sleep 600"],
    }
    for which, args in made.items():
        engine.docker("service", "create", "-d", "--no-resolve-image", "--name", name(which), *args)
    try:
        wait_for(lambda: diagnosis(engine, "updated")["running"] == 2
                 and sum(s["failures"] for s in diagnosis(engine, "fixed")["failing_slots"]) >= 2,
                 timeout=60, interval=0.5, message="the services to run and to fail")
        engine.docker("service", "update", "-d", "--env-add", "AFTER=1", name("updated"))
        engine.docker("service", "update", "-d", "--args", "sleep 600", name("fixed"))

        def settled():
            found = {which: diagnosis(engine, which) for which in made}
            return (all(found[w]["update_state"] == "completed" and found[w]["running"] >= 1
                        for w in ("updated", "fixed"))
                    and found["updated"]["running"] == 2
                    and 137 in _task_exit_codes(engine, name("updated"))
                    and found["recovered"]["running"] == 1
                    and time.time() > deadline + 3 and found)
        yield wait_for(settled, timeout=90, interval=0.5, message="the services to settle")
    finally:
        engine.docker("service", "rm", *[name(which) for which in made], check=False)


def test_old_tasks_stopped_by_an_update_do_not_count(over, engine):
    found = over["updated"]
    assert found["failing"] is False and found["failing_slots"] == []
    result = invoke(["why", name("updated")], env=cli_env(engine))
    assert result.code == 0, result.stdout
    assert "Failing slots" not in result.stdout and "137" not in result.stdout
    assert result.stdout.endswith("Nothing is failing.\n")


def test_failures_of_a_previous_spec_do_not_count(over, engine):
    found = over["fixed"]
    assert found["failing"] is False and found["earlier_failures"] >= 2
    result = invoke(["why", name("fixed")], env=cli_env(engine))
    assert result.code == 0
    assert "Earlier failures (not counted): " in result.stdout


def test_failures_older_than_the_window_do_not_count(over, engine):
    # failed for its first seconds; running for more than 2 s since
    assert diagnosis(engine, "recovered", "--window", "2s")["failing"] is False
    found = diagnosis(engine, "recovered")  # within the default 10 minutes: still counts
    [slot] = found["failing_slots"]
    assert slot["running"] is True and slot["state"] == "running" and slot["failures"] >= 1
    assert invoke(["why", "--window", "2s", name("recovered")], env=cli_env(engine)).code == 0
    bad = invoke(["why", "--window", "soon", name("recovered")], env=cli_env(engine))
    assert bad.code == 125 and bad.stdout == ""
    assert bad.stderr.startswith('invalid argument "soon" for "--window" flag')
