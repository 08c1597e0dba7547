"""Differential: `swarmctl create` stores exactly the spec `docker service create` stores.

Every case creates one service with the real Docker CLI and one with swarmctl, with the
same flags, and compares the stored specs (`GET /services/ID?insertDefaults=false`,
`Spec` minus `Name`). Lists the Docker CLI builds from Go maps (random order) are compared
as sets. Services are created with a constraint no node meets, so no task ever runs.

The harness at the top is shared with test_update_spec.py.
"""
from __future__ import annotations

import base64
import http.client
import json
import secrets
import shlex
import socket
import subprocess
import time
import urllib.parse

import pytest

from swarmctl.service.flags import flags_for
from tests.helpers import IMAGE, NEVER, invoke

pytestmark = pytest.mark.engine

RUN = secrets.token_hex(3)
ENV_VALUE = "from-the-cli-env"


# -- harness -----------------------------------------------------------------------------------

class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, path):
        super().__init__("localhost", timeout=30)
        self.socket_path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(self.socket_path)


def engine_get(engine, path):
    """A GET straight to the engine socket (independent of swarmctl's client)."""
    connection = _UnixConnection(urllib.parse.urlparse(engine.host).path)
    try:
        connection.request("GET", "/v1.41" + path)
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    return response.status, json.loads(body) if body else None


def stored_service(engine, name):
    status, service = engine_get(engine, f"/services/{urllib.parse.quote(name)}?insertDefaults=false")
    assert status == 200, service
    return service


def comparable_spec(service, unordered=()):
    """The stored spec minus Name, with docker's random-order lists sorted."""
    spec = json.loads(json.dumps(service["Spec"]))
    spec.pop("Name", None)
    task = spec.get("TaskTemplate", {})
    container = task.get("ContainerSpec", {})
    paths = {
        "Secrets": (container, "Secrets"),
        "Configs": (container, "Configs"),
        "GenericResources": ((task.get("Resources") or {}).get("Reservations") or {},
                             "GenericResources"),
        "Ports": (spec.get("EndpointSpec") or {}, "Ports"),
        "Env": (container, "Env"),
    }
    for key in ("Secrets", "Configs", "GenericResources") + tuple(unordered):
        obj, field = paths[key]
        if obj.get(field):
            obj[field] = sorted(obj[field], key=lambda item: json.dumps(item, sort_keys=True))
    return spec


class Lab:
    """Runs the two CLIs against the test engine and keeps track of what they made."""

    def __init__(self, engine, env):
        self.engine = engine
        self.env = env  # extra environment for both CLIs (bare -e KEY expansion)
        self.services = []
        self.counter = 0

    def name(self, prefix):
        self.counter += 1
        return f"{prefix}-{RUN}-{self.counter}"

    def docker(self, *args, check=True):
        env = self.engine.env()
        for key, value in self.env.items():
            if value is None:
                env.pop(key, None)
            else:
                env[key] = value

        return subprocess.run(["docker", *args], env=env, capture_output=True, text=True,
                              timeout=120, check=check)

    def swarmctl(self, *args):
        env = {"DOCKER_HOST": self.engine.host, "DOCKER_CONTEXT": None, "NO_COLOR": "1",
               "DOCKER_API_VERSION": None}
        env.update(self.env)
        return invoke(args, env=env)

    def remove(self, *names):
        names = [n for n in names if n]
        if names:
            self.docker("service", "rm", *names, check=False)
        for name in names:
            if name in self.services:
                self.services.remove(name)

    def cleanup(self):
        self.remove(*list(self.services))


def format_flags(flags, names):
    return [flag.format(**names) for flag in flags]


@pytest.fixture(scope="module")
def objects(engine):
    """Networks, secrets and configs the cases refer to as {net1}, {secret1}, ...

    Unique per module; removed after the module's services (``lab`` depends on this).
    """
    token = secrets.token_hex(3)
    names = {}
    made = []
    try:
        for i in (1, 2):
            for kind, key in (("network", "net"), ("secret", "secret"), ("config", "config")):
                name = names[f"{key}{i}"] = f"sc-{key}{i}-{token}"
                if kind == "network":
                    engine.docker("network", "create", "-d", "overlay", name)
                else:
                    engine.docker(kind, "create", name, "-", input=f"{key}{i}")
                made.append((kind, name))
        names["net1_upper"] = names["net1"].upper()
        yield names
    finally:
        for kind, name in reversed(made):
            # A network can stay "in use" for a moment after its services are gone.
            for _ in range(20):
                if engine.docker(kind, "rm", name, check=False).returncode == 0:
                    break
                time.sleep(0.25)


@pytest.fixture(scope="module")
def env_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("envfiles")
    first = folder / "first.env"
    first.write_text("# a comment\n\n  FROM_FILE=1\nQUOTED=\"kept\"\nSWARMCTL_T_SET\nSWARMCTL_T_UNSET\n")
    second = folder / "second.env"
    second.write_text("FROM_FILE=2\nOTHER=x\n")
    return {"envfile1": str(first), "envfile2": str(second)}


@pytest.fixture(scope="module")
def lab(engine, objects):
    lab = Lab(engine, {"SWARMCTL_T_SET": ENV_VALUE, "SWARMCTL_T_UNSET": None})
    yield lab
    lab.cleanup()


def create_pair(lab, flags, args=("sleep", "600"), exclusive=False, image=IMAGE):
    """Create with docker and with swarmctl; return both stored services.

    ``exclusive``: the two cannot exist together (same published ingress port), so the
    docker one is read and removed before swarmctl creates its own.
    """
    base = ["-d", "--constraint", NEVER]
    docker_name, swarmctl_name = lab.name("dc"), lab.name("sc")
    lab.services += [docker_name, swarmctl_name]
    docker = lab.docker("service", "create", *base, "--name", docker_name, *flags, image, *args,
                        check=False)
    assert docker.returncode == 0, docker.stderr
    docker_service = stored_service(lab.engine, docker_name)
    if exclusive:
        lab.remove(docker_name)
    ours = lab.swarmctl("create", *base, "--name", swarmctl_name, *flags, image, *args)
    assert ours.code == 0, ours.stderr
    assert ours.stdout.strip() == stored_service(lab.engine, swarmctl_name)["ID"]
    assert ours.stderr == docker.stderr.replace(docker_name, swarmctl_name)
    return docker_service, stored_service(lab.engine, swarmctl_name)


def assert_same_spec(docker_service, our_service, unordered=()):
    expected = comparable_spec(docker_service, unordered)
    actual = comparable_spec(our_service, unordered)
    assert actual == expected, (
        "spec differs\n docker:   " + json.dumps(expected, sort_keys=True)
        + "\n swarmctl: " + json.dumps(actual, sort_keys=True))


# -- round trip through `swarmctl export` --------------------------------------------------------

def _without(spec, path):
    """``spec`` without the field at ``path`` (a list item's path drops the whole list)."""
    keys = []
    for key in path.split("."):
        if key.isdigit():
            break
        keys.append(key)
    node = spec
    for key in keys[:-1]:
        node = node.get(key) if isinstance(node, dict) else None
        if node is None:
            return
    if isinstance(node, dict):
        node.pop(keys[-1], None)


def _exported(lab, service, docker):
    """The export of one stored service: (command words, fields reported on stderr)."""
    name = service["Spec"]["Name"]
    result = lab.swarmctl("export", *(["--docker"] if docker else []), name)
    assert result.code in (0, 6), result.stderr
    prefix = f"{name}: no flag can express "
    fields = [line[len(prefix):] for line in result.stderr.splitlines()]
    assert all(line.startswith(prefix) for line in result.stderr.splitlines()), result.stderr
    assert (result.code == 6) == bool(fields), result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.stdout
    words = shlex.split(lines[0])
    assert words[:3 if docker else 2] == (["docker", "service", "create"] if docker
                                          else ["swarmctl", "create"])
    words = words[3 if docker else 2:]
    args = (service["Spec"]["TaskTemplate"]["ContainerSpec"].get("Args") or [])
    flags = words[:len(words) - len(args) - 1]
    assert "--detach" not in flags and "-d" not in flags, words
    return words, fields


def _recreate(lab, name, words, docker):
    """Run an exported command (with -d appended, as the export leaves it out)."""
    lab.services.append(name)
    if docker:
        result = lab.docker("service", "create", "-d", *words, check=False)
        assert result.returncode == 0, (words, result.stderr)
    else:
        result = lab.swarmctl("create", "-d", *words)
        assert result.code == 0, (words, result.stderr)
    return stored_service(lab.engine, name)


def assert_round_trip(lab, docker_service, our_service, unordered=(), exclusive=False,
                      complete=True):
    """Export, remove, run the exported command, compare: the docker-made service comes
    back through `swarmctl create`, swarmctl's through `docker service create` (--docker).
    Exclusive services (one published ingress port) go one at a time, both through ours.

    Fields export reports are left out of the comparison; ``complete``: none may be.
    """
    runs = [(our_service, False), (our_service, True)] if exclusive else [
        (docker_service, False), (our_service, True)]
    exported = []
    for service, docker in runs:
        words, fields = _exported(lab, service, docker)
        assert not (complete and fields), fields
        exported.append((service, docker, words, fields))
    if not exclusive:
        lab.remove(*{service["Spec"]["Name"] for service, _, _, _ in exported})
    for service, docker, words, fields in exported:
        name = service["Spec"]["Name"]
        if exclusive:
            lab.remove(name)
        again = _recreate(lab, name, words, docker)
        original = json.loads(json.dumps(service))
        for path in fields:
            _without(original["Spec"], path)
            _without(again["Spec"], path)
        assert_same_spec(original, again, unordered)


# -- cases -------------------------------------------------------------------------------------

def case(case_id, *flags, args=("sleep", "600"), unordered=(), exclusive=False, image=IMAGE):
    return pytest.param(list(flags), args, unordered, exclusive, image, id=case_id)


CREATE_CASES = [
    # baseline and the image reference
    case("baseline"),
    case("no-args", args=()),
    case("args-pass-through-flags", args=("sh", "-c", "exit 0", "--not-a-flag", "-d")),
    case("image-familiar", image="docker.io/library/busybox:local"),
    case("image-latest-added", image="busybox"),
    case("no-resolve-image", "--no-resolve-image"),
    case("with-registry-auth", "--with-registry-auth"),
    case("quiet-and-detach", "-q", "--detach=true"),
    # container
    case("entrypoint", "--entrypoint", "sh -c 'echo \"hi there\"' x\\ y"),
    case("entrypoint-empty", "--entrypoint", ""),
    case("workdir-user-hostname", "-w", "/tmp", "-u", "nobody:nogroup", "--hostname",
         "{{.Node.Hostname}}-x"),
    case("empty-strings", "--user", "", "--workdir=", "--hostname", "", "--stop-signal", ""),
    case("init", "--init"),
    case("init-false", "--init=false"),
    case("init-true-explicit", "--init=true"),
    case("tty-read-only", "-t", "--read-only"),
    case("tty-false", "--tty=false", "--read-only=0"),
    case("stop-signal-grace", "--stop-signal", "SIGUSR1", "--stop-grace-period", "1m30s"),
    case("stop-grace-zero", "--stop-grace-period", "0s"),
    case("isolation-process", "--isolation", "process"),
    case("isolation-unknown", "--isolation", "bogus"),
    case("groups", "--group", "g2", "--group", "g1", "--group", "g2"),
    case("labels", "-l", "b=2", "--label", "a", "-l", "c=x=y", "-l", "b=3"),
    case("container-labels", "--container-label", "z=1", "--container-label", "y"),
    case("sysctls", "--sysctl", "net.core.somaxconn=1024", "--sysctl", "kernel.shmmax"),
    case("ulimits", "--ulimit", "nproc=10", "--ulimit", "nofile=1024:2048", "--ulimit",
         "core=-1", "--ulimit", "nproc=20:30"),
    case("caps", "--cap-add", "net_admin", "--cap-add", " CAP_SYS_TIME ", "--cap-drop", "mknod",
         "--cap-drop", "NET_ADMIN", "--cap-add", "sys_time"),
    case("caps-all-reset", "--cap-add", "ALL", "--cap-add", "chown", "--cap-drop", "RESET",
         "--cap-drop", "ALL"),
    case("hosts", "--host", "a.example:1.2.3.4", "--host", "b=[::1]", "--host",
         "a.example:1.2.3.4", "--host", "gw:host-gateway"),
    case("dns", "--dns", "8.8.8.8", "--dns", " 2001:db8:0::1 ", "--dns-search", "example.com",
         "--dns-search", ".", "--dns-option", "ndots:2", "--dns-option", "timeout:1"),
    case("credential-spec-file", "--credential-spec", "file://spec.json"),
    case("credential-spec-registry", "--credential-spec", "registry://HKLM\\x"),
    case("credential-spec-empty", "--credential-spec", ""),
    case("credential-spec-config", "--credential-spec", "config://{config1}"),
    case("credential-spec-config-and-configs", "--credential-spec", "config://{config1}",
         "--config", "{config1}", "--config", "source={config2},target=/c2"),
    # env
    case("env", "-e", "A=1", "--env", "B=", "-e", "SWARMCTL_T_SET", "-e", "SWARMCTL_T_UNSET"),
    case("env-dedupe", "-e", "A=1", "-e", "B=2", "-e", "A=3"),
    case("env-dedupe-bare", "-e", "B", "-e", "B=1", "-e", "B=2", "-e", "C=1", "-e", "C"),
    case("env-dedupe-stale", "-e", "K=v", "-e", "K=v", "-e", "Z=1", "-e", "K=w"),
    case("env-file", "--env-file", "{envfile1}", "--env-file", "{envfile2}", "-e", "OTHER=y"),
    # mounts
    case("mount-bind", "--mount", "type=bind,src=/tmp,dst=/host-tmp,readonly,"
         "bind-propagation=RSHARED"),
    case("mount-bind-options", "--mount", "type=bind,source=/tmp,target=/a,bind-recursive=disabled",
         "--mount", "type=bind,src=/tmp,dst=/b,ro=true,bind-recursive=readonly,"
         "bind-propagation=rprivate", "--mount", "type=bind,src=/tmp,dst=/c,ro,"
         "bind-recursive=writable", "--mount", "type=bind,src=/tmp,dst=/d,bind-nonrecursive=false"),
    case("mount-bind-deprecated", "--mount", "type=bind,src=/tmp,dst=/e,bind-nonrecursive"),
    case("mount-volume", "--mount", "src=vol1,dst=/v1", "--mount",
         "type=volume,source=vol2,destination=/v2,volume-driver=local,volume-opt=type=tmpfs,"
         "volume-opt=device=tmpfs,volume-label=a=b,volume-nocopy"),
    case("mount-volume-empty-options", "--mount", "type=volume,dst=/anon,volume-nocopy=false",
         "--mount", "Type=VOLUME,dst=/sub,volume-subpath=sub,consistency=Cached"),
    case("mount-tmpfs", "--mount", "type=tmpfs,dst=/t,tmpfs-size=64m,tmpfs-mode=1770", "--mount",
         "type=tmpfs,dst=/t0,tmpfs-size=0"),
    case("mount-relative-source", "--mount", "type=bind,src=./some/../dir,dst=/rel",
         "--mount", "type=volume,src=plainname,dst=/plain"),
    case("mount-npipe", "--mount", "type=npipe,src=/pipe,dst=/pipe"),
    # networking
    case("network-names", "--network", "{net2}", "--network", "{net1}"),
    case("network-name-padded", "--network", " {net1}\n"),  # docker's client trims it
    case("network-csv", "--network", "name={net1_upper},alias=WebAlias,alias=other,"
         "driver-opt=Key=Value"),
    case("endpoint-dnsrr", "--endpoint-mode", "DNSRR"),
    case("endpoint-vip-empty", "--endpoint-mode", ""),
    case("publish-host-mode", "--publish", "published=30311,target=81,mode=host,protocol=udp",
         "-p", "mode=host,target=82"),
    case("publish-ingress", "-p", "30301:80", "--publish", "30302:81/udp", "-p", "83",
         "-p", "target=84,published=30304", exclusive=True),
    case("publish-range", "-p", "30305-30307:100-102", unordered=("Ports",), exclusive=True),
    case("publish-range-to-one", "-p", "30308-30309:90", unordered=("Ports",), exclusive=True),
    # secrets and configs
    case("secret-short", "--secret", "{secret1}"),
    case("secrets-long", "--secret", "source={secret1},target=/run/s1,uid=100,gid=101,mode=0400",
         "--secret", "src={secret2},target=t2,mode=400"),
    case("config-short", "--config", "{config1}"),
    case("configs-long", "--config", "source={config1},target=/etc/c1,mode=0600", "--config",
         "src={config2},uid=5"),
    # placement
    case("constraints", "--constraint", "node.role==manager", "--constraint",
         "node.labels.a!=b"),
    case("placement-prefs", "--placement-pref", "spread=node.labels.zone", "--placement-pref",
         "spread=node.labels.rack"),
    case("max-per-node", "--replicas-max-per-node", "2"),
    case("max-per-node-zero", "--replicas-max-per-node", "0"),
    # mode
    case("replicas", "--replicas", "3"),
    case("replicas-zero", "--replicas", "0"),
    case("replicas-octal", "--replicas", "010"),
    case("mode-replicated", "--mode", "replicated", "--replicas", "0x2"),
    case("mode-global", "--mode", "global"),
    case("mode-replicated-job", "--mode", "replicated-job", args=("true",)),
    case("mode-replicated-job-replicas", "--mode", "replicated-job", "--replicas", "3",
         args=("true",)),
    case("mode-replicated-job-concurrent", "--mode", "replicated-job", "--max-concurrent", "2",
         "--replicas", "5", args=("true",)),
    case("mode-replicated-job-concurrent-only", "--mode", "replicated-job", "--max-concurrent",
         "2", args=("true",)),
    case("mode-replicated-job-zero", "--mode", "replicated-job", "--replicas", "0",
         args=("true",)),
    case("mode-global-job", "--mode", "global-job", args=("true",)),
    # resources
    case("limits", "--limit-cpu", "1.5", "--limit-memory", "64MiB", "--limit-pids", "100"),
    case("reservations", "--reserve-cpu", "1/2", "--reserve-memory", "8192 kb"),
    case("resources-zero", "--limit-cpu", "0", "--reserve-memory", "0", "--limit-pids", "0"),
    case("generic-resources", "--generic-resource", "gpu=2", "--generic-resource", " fpga = 1 "),
    # restart, update, rollback
    case("restart-condition", "--restart-condition", "on-failure"),
    case("restart-all", "--restart-condition", "none", "--restart-delay", "3s",
         "--restart-max-attempts", "0x3", "--restart-window", "1m"),
    case("restart-delay-only", "--restart-delay", "0s"),
    case("restart-window-zero", "--restart-window", "0", "--restart-max-attempts", "0"),
    case("update-parallelism", "--update-parallelism", "0"),
    case("update-all", "--update-parallelism", "3", "--update-delay", "2s", "--update-monitor",
         "1m", "--update-failure-action", "rollback", "--update-max-failure-ratio", "0.3",
         "--update-order", "start-first"),
    case("update-delay-only", "--update-delay", "500ms"),
    case("update-failure-continue", "--update-failure-action", "continue"),
    case("update-ratio-only", "--update-max-failure-ratio", "1"),
    case("update-monitor-order", "--update-monitor", "0", "--update-order", "stop-first"),
    case("rollback-parallelism", "--rollback-parallelism", "5"),
    case("rollback-all", "--rollback-parallelism", "0", "--rollback-delay", "1s",
         "--rollback-monitor", "10s", "--rollback-failure-action", "continue",
         "--rollback-max-failure-ratio", "0.1", "--rollback-order", "start-first"),
    case("rollback-delay-only", "--rollback-delay", "3s"),
    case("rollback-failure-rollback", "--rollback-failure-action", "rollback"),
    case("rollback-ratio-monitor-order", "--rollback-max-failure-ratio", "0.25",
         "--rollback-monitor", "2s", "--rollback-order", "stop-first"),
    # health
    case("health-cmd", "--health-cmd", "wget -q -O- localhost || exit 1"),
    case("health-all", "--health-cmd", "true", "--health-interval", "10s", "--health-timeout",
         "3s", "--health-retries", "0x5", "--health-start-period", "1m"),
    case("health-retries-only", "--health-retries", "3"),
    case("health-zero-interval", "--health-interval", "0s"),
    case("health-retries-zero", "--health-retries", "0"),
    case("health-empty-cmd", "--health-cmd", ""),
    case("no-healthcheck", "--no-healthcheck"),
    case("no-healthcheck-false", "--no-healthcheck=false", "--health-cmd", "true"),
    # logging
    case("log-driver", "--log-driver", "json-file", "--log-opt", "max-size=10m",
         "--log-opt", "max-file=3"),
    case("log-opt-without-driver", "--log-opt", "max-size=10m"),
    case("log-opt-bare-from-env", "--log-driver", "json-file", "--log-opt", "SWARMCTL_T_SET",
         "--log-opt", "labels"),
    case("log-driver-empty", "--log-driver", "", "--log-opt", "a=b"),
    # combinations
    case("web-service", "--replicas", "2", "-e", "MODE=prod", "-l", "tier=web",
         "--container-label", "app=web", "--network", "{net1}", "--secret", "{secret1}",
         "--config", "source={config1},target=/etc/app.conf", "--mount",
         "type=volume,src=data,dst=/data", "--limit-memory", "128m", "--reserve-cpu", "0.25",
         "--restart-condition", "on-failure", "--restart-max-attempts", "3", "--update-delay",
         "10s", "--update-parallelism", "1", "--update-failure-action", "rollback",
         "--rollback-parallelism", "2", "--health-cmd", "true", "--health-interval", "5s",
         "--stop-grace-period", "20s", "--placement-pref", "spread=node.labels.zone",
         "--log-driver", "json-file", "--log-opt", "max-size=1m", "--init", "--read-only",
         "--user", "1000:1000", "-w", "/srv", "--hostname", "web-{{.Task.Slot}}",
         "--dns-search", "svc.local", "--host", "db:10.0.0.5", "--cap-drop", "ALL",
         "--cap-add", "NET_BIND_SERVICE", "--ulimit", "nofile=1024", "--sysctl",
         "net.ipv4.ip_forward=1", "--group", "www", "--entrypoint", "/bin/sh",
         args=("-c", "sleep 600")),
    case("job-service", "--mode", "replicated-job", "--replicas", "4", "--max-concurrent", "2",
         "--restart-condition", "none", "-e", "JOB=1", "--secret", "{secret1}", "--secret",
         "{secret2}", "--config", "{config1}", "--config", "{config2}", "--generic-resource",
         "gpu=1", "--generic-resource", "ssd=2", args=("true",)),
    case("global-service", "--mode", "global", "--network", "{net1}", "--network", "{net2}",
         "--endpoint-mode", "dnsrr", "--publish", "mode=host,target=9100,published=30399",
         "--constraint", "node.platform.os==linux", "--no-resolve-image", "--tty",
         "--credential-spec", "file://x.json", "--isolation", "default"),
]


@pytest.mark.parametrize("flags, args, unordered, exclusive, image", CREATE_CASES)
def test_create_stores_what_docker_stores(lab, objects, env_files, flags, args, unordered,
                                          exclusive, image):
    flags = format_flags(flags, {**objects, **env_files})
    docker_service, our_service = create_pair(lab, flags, args=args, exclusive=exclusive,
                                              image=image)
    assert_same_spec(docker_service, our_service, unordered)
    assert_round_trip(lab, docker_service, our_service, unordered, exclusive)
    lab.remove(docker_service["Spec"]["Name"], our_service["Spec"]["Name"])


def test_every_create_flag_has_a_case():
    gated = {"health-start-interval", "oom-score-adj"}  # refused at API 1.41: see the errors test
    covered = {"name"}  # the harness names every service
    for param in CREATE_CASES:
        for token in param.values[0]:
            if token.startswith("--"):
                covered.add(token[2:].split("=", 1)[0])
            elif token.startswith("-") and len(token) == 2:
                covered.update(f.name for f in flags_for("create") if f.short == token[1])
    expected = {f.name for f in flags_for("create")} - gated
    assert sorted(expected - covered) == []


def test_with_registry_auth_sends_credentials(engine, tmp_path):
    """The X-Registry-Auth header: config.json credentials, e30= without; never printed."""
    from tests.recproxy import RecordingProxy

    auth = {"auths": {"registry.example:5000": {"auth": "dXNlcjpzM2NyZXQ="}}}
    (tmp_path / "config.json").write_text(json.dumps(auth))
    upstream = urllib.parse.urlparse(engine.host).path
    with RecordingProxy(upstream, str(tmp_path / "proxy.sock")) as proxy:
        env = {"DOCKER_HOST": f"unix://{proxy.path}", "DOCKER_CONTEXT": None,
               "DOCKER_CONFIG": str(tmp_path), "DOCKER_API_VERSION": None}
        names = [f"auth-{RUN}-{i}" for i in range(3)]
        try:
            results = [
                invoke(["create", "-d", "--with-registry-auth", "--name", names[0], "--constraint",
                        NEVER, "registry.example:5000/app:1", "sleep", "1"], env=env),
                invoke(["create", "-d", "--with-registry-auth", "--name", names[1], "--constraint",
                        NEVER, IMAGE], env=env),
                invoke(["create", "-d", "--name", names[2], "--constraint", NEVER, IMAGE], env=env),
            ]
        finally:
            engine.docker("service", "rm", *names, check=False)
        creates = [r for r in proxy.requests if r.path.endswith("/services/create")]
    for result in results:
        assert result.code == 0, result.stderr
        assert "s3cret" not in result.stdout + result.stderr
    headers = [r.headers.get("X-Registry-Auth") for r in creates]
    # docker's AuthConfig: its JSON names and field order, compact.
    assert base64.urlsafe_b64decode(headers[0]) == (
        b'{"username":"user","password":"s3cret","serveraddress":"registry.example:5000"}')
    assert headers[1:] == ["e30=", None]
    # The distribution look-up carries the same credentials.
    lookups = [r for r in proxy.requests if "/distribution/" in r.path]
    assert lookups[0].headers.get("X-Registry-Auth") == headers[0]
    assert "X-Registry-Auth" not in lookups[-1].headers



DIGEST = "sha256:" + "5" * 64


def _registry_answer(request):
    if "/distribution/" not in request.path:
        return None
    return 200, json.dumps({
        "Descriptor": {"mediaType": "application/vnd.oci.image.index.v1+json",
                       "digest": DIGEST, "size": 1},
        "Platforms": [{"architecture": "amd64", "os": "linux"},
                      {"architecture": "arm", "os": "linux", "variant": "v7"}]}).encode()


@pytest.mark.parametrize("image, flags", [
    (IMAGE, []),
    ("busybox", ["--placement-pref", "spread=node.labels.zone"]),
    ("busybox@" + DIGEST, []),
])
def test_image_digest_is_pinned_like_docker(engine, lab, tmp_path, image, flags):
    """With a registry that answers, both CLIs pin name:tag@digest and record the platforms."""
    from tests.recproxy import RecordingProxy

    upstream = urllib.parse.urlparse(engine.host).path
    with RecordingProxy(upstream, str(tmp_path / "registry.sock"), answer=_registry_answer) as proxy:
        proxied = Lab(engine, {"DOCKER_HOST": f"unix://{proxy.path}"})
        try:
            docker_service, our_service = create_pair(proxied, flags, image=image)
            assert_same_spec(docker_service, our_service)
            names = [docker_service["Spec"]["Name"], our_service["Spec"]["Name"]]
            # update --image resolves too
            docker = proxied.docker("service", "update", "-d", "--image", "busybox:other", names[0])
            ours = proxied.swarmctl("update", "-d", "--image", "busybox:other", names[1])
            assert (docker.returncode, ours.code) == (0, 0), ours.stderr
            assert_same_spec(stored_service(engine, names[0]), stored_service(engine, names[1]))
        finally:
            proxied.cleanup()
    template = our_service["Spec"]["TaskTemplate"]
    assert template["ContainerSpec"]["Image"].endswith("@" + DIGEST)
    assert template["Placement"]["Platforms"] == [
        {"Architecture": "amd64", "OS": "linux"}, {"OS": "linux"}]


class _NewerEngine:
    """An API client stand-in for an engine newer than the lab's (no I/O)."""

    api_version = "1.46"

    def inspect_distribution(self, image, auth_config=None):
        from swarmctl.errors import DockerException

        raise DockerException("no registry here")


def test_flags_of_newer_apis_are_sent_when_the_engine_has_them():
    """--health-start-interval (1.44) and --oom-score-adj (1.46) cannot reach the 1.41 lab
    engine; check what create would send for them."""
    from swarmctl.service import build as servicebuild
    from swarmctl.service.flags import version_gate_errors

    flags = {"health-start-interval": 2 * 10**9, "oom-score-adj": -500,
             "health-cmd": "true", "no-resolve-image": True}
    assert version_gate_errors(flags, "1.46") == []
    built = servicebuild._create_arguments(_NewerEngine(), None, flags, "busybox", [])
    assert built.image == "busybox:latest"
    assert built.kwargs["oom_score_adj"] == -500
    assert built.kwargs["healthcheck"]["StartInterval"] == 2 * 10**9
    assert built.kwargs["healthcheck"]["Test"] == ["CMD-SHELL", "true"]
    assert built.warnings == []
    # and the digest warning when the registry cannot be asked
    built = servicebuild._create_arguments(_NewerEngine(), None, {}, "busybox", [])
    assert built.warnings == [servicebuild.digest_warning("busybox:latest")]
