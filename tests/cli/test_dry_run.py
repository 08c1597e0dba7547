"""create/update --dry-run: only read requests reach the engine (checked with a recording
proxy), the spec version stays, and what is shown is what would have been sent."""
from __future__ import annotations

import json
import urllib.parse

import pytest

from tests.helpers import IMAGE, NEVER, cli_env, invoke, stored_service, write_requests

pytestmark = pytest.mark.engine


@pytest.fixture
def proxied(engine, tmp_path):
    """Run swarmctl through a recording proxy: (run(*args), requests recorded)."""
    from tests.recproxy import RecordingProxy

    upstream = urllib.parse.urlparse(engine.host).path
    with RecordingProxy(upstream, str(tmp_path / "proxy.sock")) as proxy:
        env = cli_env(engine, host=f"unix://{proxy.path}", config=tmp_path)
        yield (lambda *args: invoke(args, env=env)), proxy


def create(engine, name, *flags):
    engine.docker("service", "create", "-d", "--no-resolve-image", "--name", name,
                  "--constraint", NEVER, *flags, IMAGE, "sleep", "600")


# -- create ---------------------------------------------------------------------------------------

def test_create_dry_run_shows_exactly_what_create_sends(engine, proxied, names):
    run, proxy = proxied
    name = names()
    flags = ["--name", name, "--replicas", "3", "--env", "A=1", "--label", "team=x",
             "--publish", "8089:80", "--update-delay", "2s", "--constraint", NEVER,
             "--no-resolve-image"]
    result = run("create", "--dry-run", *flags, IMAGE, "sleep", "60")
    assert result.code == 0, result.stderr
    assert write_requests(proxy) == []
    assert engine.docker("service", "inspect", name, check=False).returncode != 0  # not created
    assert result.stderr.splitlines()[-1] == "dry run: nothing was created"
    shown = json.loads(result.stdout)
    # The same command for real: its body is what the dry run printed.
    real = run("create", "-d", *flags, IMAGE, "sleep", "60")
    assert real.code == 0, real.stderr
    [post] = [r for r in proxy.requests if r.method == "POST"]
    assert post.path.endswith("/services/create")
    assert json.loads(post.body) == shown


def test_create_dry_run_refuses_a_taken_name(engine, proxied, names):
    run, proxy = proxied
    name = names()
    create(engine, name)
    result = run("create", "--dry-run", "--no-resolve-image", "--name", name, IMAGE)
    assert result.code == 1
    assert f"a service named {name} already exists" in result.stderr
    assert write_requests(proxy) == []


# -- update ---------------------------------------------------------------------------------------

def test_update_dry_run_shows_the_changes_and_changes_nothing(engine, proxied, names):
    run, proxy = proxied
    name = names()
    create(engine, name, "--env", "A=1", "--update-monitor", "1s")
    before = stored_service(engine, name)
    result = run("update", "--dry-run", "--env-add", "B=2", "--env-rm", "A", "--replicas", "2",
                 "--update-monitor", "3s", "--image", "busybox:other", "--no-resolve-image", name)
    assert result.code == 1, result.stderr   # kubectl diff: 1 = there are differences
    assert write_requests(proxy) == []
    after = stored_service(engine, name)
    assert after["Version"] == before["Version"] and after["Spec"] == before["Spec"]
    assert result.stdout.splitlines() == [
        '~ TaskTemplate.ContainerSpec.Image: "busybox:local" -> "busybox:other"',
        '~ TaskTemplate.ContainerSpec.Env[0]: "A=1" -> "B=2"',
        "~ Mode.Replicated.Replicas: 1 -> 2",
        "~ UpdateConfig.Monitor: 1000000000 (1s) -> 3000000000 (3s)",
        ("rolling update: yes, every task is replaced (changed: TaskTemplate.ContainerSpec.Image, "
         "TaskTemplate.ContainerSpec.Env)"),
    ]
    assert result.stderr.splitlines()[-1] == (
        f"dry run: nothing was changed (run without --dry-run to update {name})")


def test_update_dry_run_shows_what_update_would_store(engine, proxied, names):
    """The diff against the real outcome: apply the same flags and compare."""
    run, proxy = proxied
    name = names()
    create(engine, name)
    flags = ["--label-add", "x=1", "--publish-add", "8091:80", "--force", "--no-resolve-image"]
    dry = run("update", "--dry-run", *flags, name)
    assert dry.code == 1 and write_requests(proxy) == []
    before = stored_service(engine, name)["Spec"]
    assert run("update", "-d", *flags, name).code == 0
    after = stored_service(engine, name)["Spec"]
    from swarmctl.service import diff as specdiff

    expected = [specdiff.format_change(c) for c in specdiff.diff(before, after)]
    assert dry.stdout.splitlines()[:-1] == expected
    assert dry.stdout.splitlines()[-1].startswith("rolling update: yes")


def test_update_dry_run_without_changes_exits_0(engine, proxied, names):
    run, proxy = proxied
    name = names()
    create(engine, name)
    version = stored_service(engine, name)["Version"]
    result = run("update", "--dry-run", name)
    assert (result.code, result.stdout) == (0, "")
    assert result.stderr == f"dry run: no changes to {name}\n"
    assert write_requests(proxy) == [] and stored_service(engine, name)["Version"] == version


def test_update_dry_run_that_keeps_tasks(engine, proxied, names):
    run, proxy = proxied
    name = names()
    create(engine, name)
    result = run("update", "--dry-run", "--replicas", "4", "--label-add", "a=b", name)
    assert result.code == 1
    assert result.stdout.splitlines()[-1] == (
        "rolling update: no, running tasks are kept (the replica count changes: tasks are added "
        "or removed)")
    result = run("update", "--dry-run", "--constraint-add", "node.role==manager", name)
    assert "only tasks on nodes that no longer satisfy" in result.stdout.splitlines()[-1]
    assert write_requests(proxy) == []


def test_rollback_dry_run_shows_what_would_be_restored(engine, proxied, names):
    run, proxy = proxied
    name = names()
    create(engine, name)
    engine.docker("service", "update", "-d", "--env-add", "X=1", name)
    version = stored_service(engine, name)["Version"]
    result = run("update", "--dry-run", "--rollback", name)
    assert result.code == 1, result.stderr
    assert result.stdout.splitlines()[0] == '- TaskTemplate.ContainerSpec.Env: ["X=1"]'
    assert "roll back" in result.stderr
    assert write_requests(proxy) == [] and stored_service(engine, name)["Version"] == version


def test_update_dry_run_errors_exit_2(engine, proxied, names):
    run, proxy = proxied
    result = run("update", "--dry-run", "--env-add", "A=1", "no-such-service-xyz")
    assert result.code == 2
    assert result.stderr == "Error response from daemon: service no-such-service-xyz not found\n"
    result = run("update", "--dry-run")
    assert result.code == 2 and "requires 1 argument" in result.stderr
    name = names()
    create(engine, name)
    result = run("update", "--dry-run", "--rollback", "--env-add", "A=1", name)
    assert result.code == 2  # docker's "other flags may not be combined with --rollback"
    result = run("update", "--dry-run", "--replicas", "x", name)
    assert result.code == 125  # a bad flag value stays a usage error
    assert write_requests(proxy) == []


def test_registry_credentials_never_appear(engine, proxied, names, tmp_path):
    run, proxy = proxied
    auth = {"auths": {"registry.example:5000": {"auth": "dXNlcjpzM2NyZXQ="}}}
    (tmp_path / "config.json").write_text(json.dumps(auth))
    name = names()
    create(engine, name)
    image = "registry.example:5000/app:1"
    results = [
        run("update", "--dry-run", "--with-registry-auth", "--no-resolve-image", "--image", image,
            name),
        run("create", "--dry-run", "--with-registry-auth", "--no-resolve-image", "--name", names(),
            image),
    ]
    for result in results:
        assert result.code in (0, 1), result.stderr
        output = result.stdout + result.stderr
        assert "s3cret" not in output and "dXNlcjpzM2NyZXQ" not in output
        assert "registry credentials for the image would be sent with it (not shown)" in output
    assert write_requests(proxy) == []


def test_dry_run_is_in_help_but_not_in_dockers_table():
    from swarmctl.service.flags import all_flags_for, flags_for

    assert "dry-run" not in {f.name for f in flags_for("create")}
    assert "dry-run" in {f.name for f in all_flags_for("update")}
    assert "--dry-run" in invoke(["create", "--help"]).stdout
