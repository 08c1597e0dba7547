"""Bad input to `swarmctl create` / `swarmctl update`: docker's message and exit code, nothing
on stdout, no traceback, and nothing created or changed.

Each case runs the real Docker CLI with the same arguments first and takes its exit code
and first stderr line as the expectation (with `docker service` read as `swarmctl`).
"""
from __future__ import annotations

import pytest

from tests.cli.test_create_spec import (  # noqa: F401  (module fixtures)
    format_flags,
    lab,
    objects,
    stored_service,
)
from tests.cli.test_update_spec import engine_post
from tests.helpers import IMAGE, NEVER

pytestmark = pytest.mark.engine


def docker_first_line(stderr):
    line = stderr.splitlines()[0] if stderr else ""
    return line.replace("docker: 'docker service ", "swarmctl: 'swarmctl ")


def bad(case_id, *args, code=None):
    return pytest.param(list(args), code, id=case_id)


# {name} is the service the case must not create.
CREATE_ERRORS = [
    bad("no-image", "--name", "{name}"),
    bad("unknown-flag", "--name", "{name}", "--bogus", IMAGE),
    bad("unknown-shorthand", "--name", "{name}", "-z", IMAGE),
    bad("unknown-shorthand-in-group", "--name", "{name}", "-dz", IMAGE),
    bad("update-only-flag", "--name", "{name}", "--env-add", "A=1", IMAGE),
    bad("flag-needs-argument", "--name", "{name}", "--replicas"),
    bad("shorthand-needs-argument", "--name", "{name}", "-e"),
    bad("bool-bad-value", "--name", "{name}", "--init=maybe", IMAGE),
    bad("replicas-negative", "--name", "{name}", "--replicas", "-1", IMAGE),
    bad("replicas-not-a-number", "--name", "{name}", "--replicas", "abc", IMAGE),
    bad("replicas-out-of-range", "--name", "{name}", "--replicas", "99999999999999999999", IMAGE),
    bad("parallelism-bad", "--name", "{name}", "--update-parallelism", "1.5", IMAGE),
    bad("health-retries-bad", "--name", "{name}", "--health-retries", "x", IMAGE),
    bad("limit-pids-bad", "--name", "{name}", "--limit-pids", "1e3", IMAGE),
    bad("ratio-bad", "--name", "{name}", "--update-max-failure-ratio", "half", IMAGE),
    bad("cpu-not-rational", "--name", "{name}", "--limit-cpu", "abc", IMAGE),
    bad("cpu-too-precise", "--name", "{name}", "--reserve-cpu", "0.0000000001", IMAGE),
    bad("memory-bad-suffix", "--name", "{name}", "--limit-memory", "12x", IMAGE),
    bad("memory-negative", "--name", "{name}", "--reserve-memory", "-1m", IMAGE),
    bad("duration-missing-unit", "--name", "{name}", "--stop-grace-period", "5", IMAGE),
    bad("duration-unknown-unit", "--name", "{name}", "--restart-delay", "5x", IMAGE),
    bad("health-duration-negative", "--name", "{name}", "--health-interval", "-1s", IMAGE),
    bad("env-empty-key", "--name", "{name}", "-e", "=x", IMAGE),
    bad("label-empty-name", "--name", "{name}", "--label", "=x", IMAGE),
    bad("label-whitespace", "--name", "{name}", "--container-label", "a b=c", IMAGE),
    bad("dns-not-ip", "--name", "{name}", "--dns", "1.2.3", IMAGE),
    bad("dns-search-bad", "--name", "{name}", "--dns-search", "bad_domain", IMAGE),
    bad("host-no-separator", "--name", "{name}", "--host", "nocolon", IMAGE),
    bad("host-bad-ip", "--name", "{name}", "--host", "a:notanip", IMAGE),
    bad("mount-no-target", "--name", "{name}", "--mount", "type=bind,src=/x", IMAGE),
    bad("mount-mixed-options", "--name", "{name}", "--mount", "type=tmpfs,dst=/x,volume-nocopy",
        IMAGE),
    bad("mount-unknown-key", "--name", "{name}", "--mount", "foo=bar,dst=/x", IMAGE),
    bad("mount-bad-recursive", "--name", "{name}", "--mount",
        "type=bind,src=/x,dst=/x,bind-recursive=bogus", IMAGE),
    bad("mount-csv-quote", "--name", "{name}", "--mount", 'type=bi"nd,dst=/x', IMAGE),
    bad("mount-bad-tmpfs-mode", "--name", "{name}", "--mount", "type=tmpfs,dst=/x,tmpfs-mode=999",
        IMAGE),
    bad("publish-host-ip", "--name", "{name}", "-p", "1.2.3.4:80:80", IMAGE),
    bad("publish-bad-target", "--name", "{name}", "--publish", "target=x", IMAGE),
    bad("publish-bad-protocol", "--name", "{name}", "--publish", "target=80,protocol=icmp", IMAGE),
    bad("publish-bad-mode", "--name", "{name}", "--publish", "target=80,mode=bogus", IMAGE),
    bad("publish-no-target", "--name", "{name}", "--publish", "published=80", IMAGE),
    bad("publish-bad-range", "--name", "{name}", "-p", "80-81:90-92", IMAGE),
    bad("network-no-name", "--name", "{name}", "--network", "alias=x", IMAGE),
    # docker's client trims the name and refuses an empty one (tests/fuzz/differential.py)
    bad("network-empty", "--name", "{name}", "--network", "", IMAGE),
    bad("network-blank", "--name", "{name}", "--network", " \t", IMAGE),
    bad("network-padded-unknown", "--name", "{name}", "--network", "sc-nosuch-net\n", IMAGE),
    bad("secret-no-source", "--name", "{name}", "--secret", "target=x", IMAGE),
    bad("secret-bad-mode", "--name", "{name}", "--secret", "source=a,mode=abc", IMAGE),
    bad("config-bad-key", "--name", "{name}", "--config", "source=a,owner=x", IMAGE),
    bad("placement-pref-format", "--name", "{name}", "--placement-pref", "spread", IMAGE),
    bad("placement-pref-strategy", "--name", "{name}", "--placement-pref", "pack=x", IMAGE),
    bad("ulimit-no-value", "--name", "{name}", "--ulimit", "nofile", IMAGE),
    bad("ulimit-unknown", "--name", "{name}", "--ulimit", "bogus=1", IMAGE),
    bad("ulimit-soft-above-hard", "--name", "{name}", "--ulimit", "nofile=5:4", IMAGE),
    bad("credential-spec-prefix", "--name", "{name}", "--credential-spec", "bogus", IMAGE),
    bad("entrypoint-quote", "--name", "{name}", "--entrypoint", "'unterminated", IMAGE),
    bad("generic-resource-format", "--name", "{name}", "--generic-resource", "gpu", IMAGE),
    # every occurrence is checked, in order (found by tests/fuzz/differential.py)
    bad("repeated-flag-first-bad", "--name", "{name}", "--reserve-cpu=1/3", "--reserve-cpu=1",
        IMAGE),
    bad("repeated-bool-first-bad", "--name", "{name}", "--tty=yes", "--tty=1", IMAGE),
    bad("bad-value-before-unknown-flag", "--name", "{name}", "--replicas=x", "--bogus", IMAGE),
    # refused after flag parsing (exit 1)
    bad("mode-unknown", "--name", "{name}", "--mode", "bogus", IMAGE),
    bad("global-replicas", "--name", "{name}", "--mode", "global", "--replicas", "2", IMAGE),
    bad("global-max-per-node", "--name", "{name}", "--mode", "global",
        "--replicas-max-per-node", "2", IMAGE),
    bad("replicated-max-concurrent", "--name", "{name}", "--max-concurrent", "2", IMAGE),
    bad("global-job-replicas", "--name", "{name}", "--mode", "global-job", "--replicas", "1",
        IMAGE),
    bad("job-update-config", "--name", "{name}", "--mode", "replicated-job", "--update-delay",
        "1s", IMAGE),
    bad("job-rollback-config", "--name", "{name}", "--mode", "global-job", "--rollback-order",
        "start-first", IMAGE),
    bad("healthcheck-conflict", "--name", "{name}", "--no-healthcheck", "--health-cmd", "true",
        IMAGE),
    bad("env-file-missing", "--name", "{name}", "--env-file", "/nonexistent/env", IMAGE),
    bad("env-file-bad-line", "--name", "{name}", "--env-file", "{badenv}", IMAGE),
    bad("env-panic", "--name", "{name}", "-e", "K=v", "-e", "K=v", "-e", "K=w", IMAGE),
    bad("generic-resource-named", "--name", "{name}", "--generic-resource", "gpu=a", IMAGE),
    bad("generic-resource-twice", "--name", "{name}", "--generic-resource", "gpu=1",
        "--generic-resource", "gpu=2", IMAGE),
    bad("api-version-start-interval", "--name", "{name}", "--health-start-interval", "1s", IMAGE),
    bad("api-version-oom", "--name", "{name}", "--oom-score-adj", "10", IMAGE),
    bad("api-version-both", "--name", "{name}", "--oom-score-adj", "10",
        "--health-start-interval", "1s", IMAGE),
    # engine look-ups
    bad("network-unknown", "--name", "{name}", "--network", "sc-nosuch-net", IMAGE),
    bad("secret-unknown", "--name", "{name}", "--secret", "sc-nosuch-secret", IMAGE),
    bad("config-unknown", "--name", "{name}", "--config", "sc-nosuch-config", IMAGE),
    bad("credential-spec-config-unknown", "--name", "{name}", "--credential-spec",
        "config://sc-nosuch-config", IMAGE),
    bad("secret-duplicate-target", "--name", "{name}", "--secret", "{secret1}", "--secret",
        "source={secret2},target={secret1}", IMAGE),
    # refused by the engine
    bad("restart-condition", "--name", "{name}", "--restart-condition", "bogus", IMAGE),
    bad("update-failure-action", "--name", "{name}", "--update-failure-action", "bogus", IMAGE),
    bad("update-order", "--name", "{name}", "--update-order", "bogus", IMAGE),
    bad("update-ratio-above-one", "--name", "{name}", "--update-max-failure-ratio", "2", IMAGE),
    # JSON has no NaN or infinities: docker's client fails to encode the request
    bad("update-ratio-nan", "--name", "{name}", "--update-max-failure-ratio", "nan", IMAGE),
    bad("rollback-ratio-inf", "--name", "{name}", "--rollback-max-failure-ratio", "inf", IMAGE),
    bad("endpoint-mode", "--name", "{name}", "--endpoint-mode", "bogus", IMAGE),
    bad("constraint-syntax", "--name", "{name}", "--constraint", "node.role", IMAGE),
    bad("mount-type-image", "--name", "{name}", "--mount", "type=image,src=x,dst=/x", IMAGE),
    bad("memory-below-minimum", "--name", "{name}", "--limit-memory", "1k", IMAGE),
    bad("restart-delay-negative", "--name", "{name}", "--restart-delay", "-1s", IMAGE),
    bad("credential-spec-empty-file", "--name", "{name}", "--credential-spec", "file://", IMAGE),
    bad("name-taken", "--name", "{existing}", IMAGE),
]


@pytest.fixture(scope="module")
def existing(lab):
    name = lab.name("err-existing")
    lab.services.append(name)
    lab.docker("service", "create", "-d", "--no-resolve-image", "--constraint", NEVER,
               "--name", name, IMAGE, "sleep", "600")
    return name


@pytest.fixture(scope="module")
def bad_env_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("badenv") / "bad.env"
    path.write_text("GOOD=1\nBAD KEY=2\n")
    return str(path)


def service_exists(lab, name):
    # the name filter matches prefixes: keep only the exact name
    listed = lab.docker("service", "ls", "--format", "{{.Name}}",
                        "--filter", f"name={name}").stdout.split()
    listed = [n for n in listed if n == name]
    status = lab.docker("service", "inspect", name, check=False).returncode
    return bool(listed) and status == 0


@pytest.mark.parametrize("args, code", CREATE_ERRORS)
def test_create_refuses_like_docker(lab, objects, existing, bad_env_file, args, code):
    names = dict(objects, existing=existing, badenv=bad_env_file)
    docker_name, our_name = lab.name("err-d"), lab.name("err-s")
    lab.services += [docker_name, our_name]  # removed at the end should either exist
    docker_args = format_flags(args, dict(names, name=docker_name))
    docker = lab.docker("service", "create", "-d", "--constraint", NEVER, *docker_args,
                        check=False)
    ours = lab.swarmctl("create", "-d", "--constraint", NEVER,
                        *format_flags(args, dict(names, name=our_name)))
    assert docker.returncode != 0, docker.stdout
    assert ours.code == (code or docker.returncode), ours.stderr
    assert ours.stdout == ""
    assert "Traceback" not in ours.stderr and "internal error" not in ours.stderr
    assert ours.stderr.splitlines()[0] == docker_first_line(docker.stderr)
    if ours.code == 125:
        assert "Usage:  swarmctl create [OPTIONS] IMAGE [COMMAND] [ARG...]" in ours.stderr
    if our_name in ours.stderr or "{name}" in args:
        assert not service_exists(lab, our_name)


# -- update -------------------------------------------------------------------------------------

UPDATE_ERRORS = [
    bad("no-service"),
    bad("two-services", "{svc}", "{svc}"),
    bad("unknown-service", "sc-nosuch-service"),
    bad("unknown-flag", "--bogus", "{svc}"),
    bad("create-only-flag", "--mode", "global", "{svc}"),
    bad("create-only-env", "--env", "A=1", "{svc}"),
    bad("flag-needs-argument", "{svc}", "--image"),
    bad("bool-bad-value", "--force=yes", "{svc}"),
    bad("repeated-flag-first-bad", "--update-delay=1", "--update-delay=1s", "{svc}"),
    bad("env-add-empty-key", "--env-add", "=x", "{svc}"),
    bad("label-add-empty", "--label-add", "", "{svc}"),
    bad("dns-add-bad", "--dns-add", "999.1.1.1", "{svc}"),
    bad("host-add-bad", "--host-add", "a:b:c", "{svc}"),
    bad("publish-rm-bad", "--publish-rm", "target=0", "{svc}"),
    bad("placement-pref-rm-bad", "--placement-pref-rm", "x", "{svc}"),
    bad("ulimit-add-bad", "--ulimit-add", "nofile=a", "{svc}"),
    bad("args-bad-quote", "--args", '"open', "{svc}"),
    bad("generic-add-format", "--generic-resource-add", "gpu", "{svc}"),
    bad("api-version", "--health-start-interval", "2s", "{svc}"),
    bad("api-version-oom", "--oom-score-adj", "-5", "{svc}"),
    bad("rollback-combined", "--rollback", "--env-add", "X=1", "{svc}"),
    bad("rollback-no-previous", "--rollback", "{svc}"),
    bad("replicas-global", "--replicas", "3", "{global}"),
    bad("mount-duplicate-target", "--mount-add", "type=volume,dst=/d", "--mount-add",
        "type=tmpfs,dst=/d", "{svc}"),
    bad("network-already-attached", "--network-add", "{net1}", "{svc}"),
    bad("network-add-unknown", "--network-add", "sc-nosuch-net", "{svc}"),
    bad("network-rm-unknown", "--network-rm", "sc-nosuch-net", "{svc}"),
    bad("secret-add-unknown", "--secret-add", "sc-nosuch-secret", "{svc}"),
    bad("secret-add-duplicate", "--secret-add", "{secret2}", "--secret-add",
        "source={secret1},target={secret2}", "{svc}"),
    bad("config-add-unknown", "--config-add", "sc-nosuch-config", "{svc}"),
    bad("generic-rm-missing", "--generic-resource-rm", "nosuch", "{svc}"),
    bad("generic-add-named", "--generic-resource-add", "gpu=x", "{svc}"),
    bad("healthcheck-conflict", "--no-healthcheck", "--health-retries", "2", "{svc}"),
    bad("hosts-rm-panic", "--host-rm", "a", "{hosts}"),
    bad("engine-endpoint-upper", "--endpoint-mode", "DNSRR", "{svc}"),
    bad("engine-ratio", "--update-max-failure-ratio", "1.5", "{svc}"),
    bad("ratio-nan", "--update-max-failure-ratio", "NaN", "{svc}"),
    bad("rollback-ratio-minus-inf", "--rollback-max-failure-ratio", "-Inf", "{svc}"),
    bad("engine-restart-condition", "--restart-condition", "sometimes", "{svc}"),
]


@pytest.fixture(scope="module")
def targets(lab, objects):
    """Services the update errors are tried on (none may change)."""
    svc, glob, hosts = lab.name("err-u"), lab.name("err-g"), lab.name("err-h")
    lab.services += [svc, glob, hosts]
    lab.docker("service", "create", "-d", "--no-resolve-image", "--constraint", NEVER, "--name",
               svc, "--network", objects["net1"], "--generic-resource", "gpu=1", IMAGE, "sleep",
               "600")
    lab.docker("service", "create", "-d", "--no-resolve-image", "--constraint", NEVER, "--mode",
               "global", "--name", glob, IMAGE, "sleep", "600")
    # Host entries only the API can make: docker's own loop crashes on "x a a".
    engine_post(lab.engine, "/services/create", {
        "Name": hosts,
        "TaskTemplate": {"ContainerSpec": {"Image": IMAGE, "Args": ["sleep", "600"],
                                           "Hosts": ["1.2.3.4 x a a"]},
                         "Placement": {"Constraints": [NEVER]}}})
    return {"svc": svc, "global": glob, "hosts": hosts}


def _state(lab, name):
    service = stored_service(lab.engine, name)
    return service["Spec"], service.get("PreviousSpec")


@pytest.mark.parametrize("args, code", UPDATE_ERRORS)
def test_update_refuses_like_docker_and_changes_nothing(lab, objects, targets, args, code):
    args = format_flags(args, {**objects, **targets})
    before = {name: _state(lab, name) for name in targets.values()}
    docker = lab.docker("service", "update", "-d", *args, check=False)
    assert docker.returncode != 0, docker.stdout
    assert {name: _state(lab, name) for name in targets.values()} == before
    ours = lab.swarmctl("update", "-d", *args)
    assert ours.code == (code or docker.returncode), ours.stderr
    assert ours.stdout == ""
    assert "Traceback" not in ours.stderr and "internal error" not in ours.stderr
    assert ours.stderr.splitlines()[0] == docker_first_line(docker.stderr)
    assert {name: _state(lab, name) for name in targets.values()} == before


def test_there_are_at_least_fifty_distinct_cases():
    assert len(CREATE_ERRORS) + len(UPDATE_ERRORS) >= 50


def test_api_version_from_the_environment_gates_like_docker(engine, lab):
    """DOCKER_API_VERSION=1.40: the 1.41 flags are refused, by both, before anything is sent."""
    from tests.cli.test_create_spec import Lab

    old = Lab(engine, {"DOCKER_API_VERSION": "1.40"})
    name = lab.name("err-api")
    lab.services.append(name)
    args = ["--name", name, "--cap-add", "NET_ADMIN", "--ulimit", "nofile=1", "--init", IMAGE]
    docker = old.docker("service", "create", "-d", *args, check=False)
    ours = old.swarmctl("create", "-d", *args)
    assert (ours.code, ours.stdout) == (docker.returncode, "") == (1, "")
    assert ours.stderr.splitlines() == docker.stderr.splitlines() == [
        '"--cap-add" requires API version 1.41, but the Docker daemon API version is 1.40',
        '"--ulimit" requires API version 1.41, but the Docker daemon API version is 1.40',
    ]
    assert not service_exists(lab, name)
