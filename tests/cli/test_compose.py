"""The compose mapping against its executor: ``docker stack deploy`` with the real Docker CLI.

Services are created with swarmctl (``create -d``), written out with ``swarmctl export
--format compose`` (``swarmctl.service.compose.compose_file``, through the CLI), deployed as
one stack by the Docker CLI, and each stack service's stored spec is compared with its
original, field by field. Only what the stack adds of its own is ignored: the
``com.docker.stack.namespace`` label (service and container labels), the
``com.docker.stack.image`` service label and the ``STACK_`` name prefix; and empty values
(``null``, ``{}``, ``[]``), which the engine treats as unset. Every other difference must
be a field export reported as unexpressible (exit 6, one stderr line per service and field).
"""
from __future__ import annotations

import json
import re
import pytest

import swarmctl
from swarmctl.service.diff import diff, format_change
from tests.helpers import FAST, IMAGE, wait_for

pytestmark = pytest.mark.timeout(240)

STACK_LABELS = ("com.docker.stack.namespace", "com.docker.stack.image")


def _prune(value):
    """The spec without empty values (the engine stores unset and empty alike)."""
    if isinstance(value, dict):
        pruned = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v not in (None, {}, [])}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def _without_stack(spec):
    spec = json.loads(json.dumps(spec))
    for labels in (spec.get("Labels") or {},
                   spec.get("TaskTemplate", {}).get("ContainerSpec", {}).get("Labels") or {}):
        for key in STACK_LABELS:
            labels.pop(key, None)
    spec.pop("Name", None)
    return _prune(spec)


def _drop(spec, dotted):
    """Remove the field at a dotted path (``A.B[0].C``) from the spec, if it is there."""
    parts = [int(p) if p.isdigit() else p for p in re.findall(r"[^.\[\]]+", dotted)]
    node = spec
    for part in parts[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return
    if isinstance(node, dict):
        node.pop(parts[-1], None)
    elif isinstance(node, list) and isinstance(parts[-1], int) and parts[-1] < len(node):
        node[parts[-1]] = None


def _inspect(engine, *names):
    # As stored: `docker service inspect` shows the engine's defaults inserted.
    api = swarmctl.APIClient(base_url=engine.host)
    try:
        return {name: api.inspect_service(name) for name in names}
    finally:
        api.close()


@pytest.fixture
def objects(engine, unique_name):
    """An overlay network, a secret, a config and a volume name, removed afterwards."""
    made = {"network": unique_name("cnet"), "secret": unique_name("csec"),
            "config": unique_name("ccfg"), "volume": unique_name("cvol")}
    engine.docker("network", "create", "-d", "overlay", made["network"])
    engine.docker("secret", "create", made["secret"], "-", input="s3cret")
    engine.docker("config", "create", made["config"], "-", input="conf")
    yield made
    wait_for(lambda: engine.docker("network", "rm", made["network"], check=False).returncode == 0
             or made["network"] not in engine.docker("network", "ls", "--format", "{{.Name}}").stdout,
             timeout=60, message="the test network to be free")
    engine.docker("secret", "rm", made["secret"], check=False)
    engine.docker("config", "rm", made["config"], check=False)
    engine.docker("volume", "rm", made["volume"], check=False)


def _cases(o, stack):
    def net(case):
        # The stack adds the compose service name (the service's own) as the last alias:
        # the exact case.
        return ["--network", f"name={o['network']},alias=a-{case},alias={stack}-{case}"]
    return {
        "replicated": [
            "--replicas", "2", "--env", "A=1", "--env", "B=x: #y $HOME", "--label", "tier=web",
            "--container-label", "role=front", "--user", "nobody", "--workdir", "/tmp",
            "--hostname", "h-{{.Task.Slot}}", "--stop-signal", "SIGUSR1", "--init",
            "--read-only", "--cap-add", "CAP_NET_ADMIN", "--cap-drop", "CAP_CHOWN",
            "--sysctl", "net.core.somaxconn=1024", "--ulimit", "nofile=1024:2048",
            "--dns", "10.0.0.2", "--dns-search", "example.com", "--host", "db:10.0.0.3",
            "--log-driver", "json-file", "--log-opt", "max-size=1m",
            "--update-parallelism", "2", "--update-delay", "3s", "--update-order", "start-first",
            "--update-failure-action", "continue", "--update-max-failure-ratio", "0.25",
            "--rollback-parallelism", "0", "--rollback-monitor", "2s",
            "--restart-condition", "on-failure", "--restart-delay", "2s",
            "--restart-max-attempts", "3", "--restart-window", "10s", "--tty",
            "--network", f"name={o['network']},alias=extra"],
        "global": ["--mode", "global", "--constraint", "node.role==manager",
                   "--placement-pref", "spread=node.labels.zone", "--health-cmd", "true",
                   "--health-interval", "5s", "--health-timeout", "2s", "--health-retries", "2",
                   "--health-start-period", "1s", *net("global")],
        "replicated-job": ["--mode", "replicated-job", "--replicas", "2",
                           "--max-concurrent", "2", *net("replicated-job")],
        "global-job": ["--mode", "global-job", *net("global-job")],
        "ports": ["--publish", "published=18080,target=80",
                  "--publish", "published=18081,target=81,protocol=udp,mode=host",
                  "--endpoint-mode", "vip", *net("ports")],
        "mounts": ["--mount", f"type=volume,source={o['volume']},target=/data,volume-nocopy",
                   "--mount", "type=bind,source=/tmp,target=/host,readonly,bind-propagation=rslave",
                   "--mount", "type=tmpfs,target=/scratch,tmpfs-size=1048576", *net("mounts")],
        "objects": ["--secret", f"source={o['secret']},target=app.key,uid=1,gid=2,mode=0400",
                    "--config", f"source={o['config']},target=/etc/app.conf,mode=0440", *net("objects")],
        "resources": ["--limit-cpu", "0.5", "--limit-memory", "64m", "--limit-pids", "100",
                      "--reserve-cpu", "0.25", "--reserve-memory", "32m",
                      "--replicas-max-per-node", "1", *net("resources")],
        "no-network": ["--no-healthcheck"],
        "lossy": ["--group", "1234", "--dns-option", "ndots:2", "--publish", "target=82",
                  "--mount", f"type=volume,source={o['volume']},target=/v,volume-label=a=b",
                  "--network", f"name={o['network']}"],
    }


def test_stack_deploy_reproduces_the_specs(engine, cli, unique_name, objects, tmp_path):
    stack = unique_name("cst")
    cases = _cases(objects, stack)
    originals = {}
    try:
        for case, flags in cases.items():
            name = f"{stack}-{case}"
            fast = FAST if "job" not in case else ["--stop-grace-period", "1s"]
            out = cli("create", "-d", "--no-resolve-image", "--name", name, *fast, *flags,
                      IMAGE, "sleep", "600")
            assert out.code == 0, (case, out.stderr)
            originals[case] = name
        stored = _inspect(engine, *originals.values())
        exported = cli("export", "--format", "compose", *originals.values())
        assert exported.code == 6, exported.stderr
        lost = {}
        for line in exported.stderr.splitlines():
            service, path, reason = re.fullmatch(
                r"(\S+): compose cannot express (\S+) \((.+)\)", line).groups()
            lost.setdefault(service.removeprefix(f"{stack}-"), []).append(path)
        lost = {service: sorted(paths) for service, paths in lost.items()}
        assert lost == {
            "replicated": ["TaskTemplate.Networks[0].Aliases"],
            "no-network": ["TaskTemplate.Networks"],
            "lossy": ["TaskTemplate.ContainerSpec.DNSConfig.Options",
                      "TaskTemplate.ContainerSpec.Groups",
                      "TaskTemplate.ContainerSpec.Mounts[0].VolumeOptions.Labels",
                      "TaskTemplate.Networks[0].Aliases"],
        }, exported.stderr
        # The copies publish the same ports: the originals go first (their specs are read).
        engine.docker("service", "rm", *originals.values())
        compose_path = tmp_path / "stack.yml"
        compose_path.write_text(exported.stdout)
        deployed = engine.docker("stack", "deploy", "--resolve-image", "never", "-c",
                                 str(compose_path), stack, check=False)
        assert deployed.returncode == 0, (deployed.stderr, exported.stdout)
        copies = _inspect(engine, *(f"{stack}_{name}" for name in originals.values()))
        for case, name in originals.items():
            original, copy = stored[name]["Spec"], copies[f"{stack}_{name}"]["Spec"]
            for field in lost.get(case, []):
                _drop(original, field)
                _drop(copy, field)
            changes = diff(_without_stack(original), _without_stack(copy))
            assert not changes, (case, [format_change(c) for c in changes], exported.stdout)
    finally:
        engine.docker("stack", "rm", stack, check=False)
        if originals:
            engine.docker("service", "rm", *originals.values(), check=False)
        wait_for(lambda: _stack_gone(engine, stack), timeout=60,
                 message=f"stack {stack} to be removed")


def _stack_gone(engine, stack):
    label = f"label=com.docker.stack.namespace={stack}"
    if engine.docker("service", "ls", "-q", "--filter", label).stdout.strip():
        return False
    networks = engine.docker("network", "ls", "-q", "--filter", label).stdout.split()
    if networks:
        # removable once the last task has left it
        engine.docker("network", "rm", *networks, check=False)
        return False
    return True
