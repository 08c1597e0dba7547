"""Shared set-up for the differential tests of ``ls``, ``ps`` and ``inspect``.

:class:`ReadLab` creates one set of services (every mode, a crash-looping service with
task history, ingress port ranges and a host-mode port, long names, labels with HTML and
wide characters, a pending task, an updated service, an overlay network), waits until the
engine stops changing them, and compares the real Docker CLI with swarmctl:

* :meth:`ReadLab.golden` runs ``docker service ARGS`` and ``swarmctl ARGS`` against the
  same engine and asserts identical stdout, stderr and exit code. Docker's stderr is
  rewritten for our program name (``docker service ls`` → ``swarmctl ls``), nothing else.
* Relative times ("Running 5 seconds ago") are the only time-dependent output. Instead of
  masking them (which would also hide column widths), swarmctl runs in-process with its
  clock pinned to instants inside the window in which docker ran: every instant where a
  relative time can change is tried, so the outputs must match byte for byte for one of
  them (exactly the instant docker used).

Services are created once per test session (shared by the three test modules) and
removed at the end.
"""
from __future__ import annotations

import contextlib
import json
import os
import random
import re
import secrets
import subprocess
import sys
import tempfile
import time

from tests.helpers import IMAGE, Outcome, invoke

_ADDRESS = re.compile(r"0x[0-9a-f]{4,}")


def docker_to_swarmctl(text):
    """Docker's messages name ``docker service X``; ours ``swarmctl X``."""
    text = text.replace("docker service ", "swarmctl ")
    return re.sub(r"^docker: ", "swarmctl: ", text, flags=re.M)


def mask_addresses(text):
    """Go prints nested non-nil pointers as (random) addresses."""
    return _ADDRESS.sub("0xADDR", text)


@contextlib.contextmanager
def pinned_clock(now_ns):
    """Make swarmctl's relative times use ``now_ns`` (Unix ns)."""
    from swarmctl.golang import time as gotime
    from swarmctl.output import tables

    saved = gotime.now_ns, tables._now_ns
    gotime.now_ns = tables._now_ns = (lambda: now_ns)
    try:
        yield
    finally:
        gotime.now_ns, tables._now_ns = saved


class ReadLab:
    def __init__(self, engine, prefix=None):
        self.engine = engine
        self.run = secrets.token_hex(3)
        self.prefix = prefix or f"rd{self.run}"
        self.label = f"rdlab={self.run}"
        self.config_dir = tempfile.mkdtemp(prefix="swarmctl-read-")
        self.services = []  # names, in creation order
        self.networks = []
        self.stamps = []  # Unix ns of every timestamp shown as a relative time
        self.ids = {}  # name -> full ID
        self._client = None

    # -- running the two tools -------------------------------------------------------

    def docker_env(self, **extra):
        env = dict(self.engine.env())
        env["DOCKER_CONFIG"] = self.config_dir
        for key in ("DOCKER_CONTEXT", "TTY_COMPATIBLE", "FORCE_COLOR"):
            env.pop(key, None)
        for key, value in extra.items():
            if value is None:
                env.pop(key, None)
            else:
                env[key] = value
        return env

    def cli_env(self, **extra):
        env = {"DOCKER_HOST": self.engine.host, "DOCKER_CONTEXT": None,
               "DOCKER_CONFIG": self.config_dir, "TTY_COMPATIBLE": None, "FORCE_COLOR": None,
               "NO_COLOR": None, "DOCKER_API_VERSION": None}
        env.update(extra)
        return env

    def docker(self, *args, env=None):
        """``docker service ARGS`` (stderr rewritten for our program name)."""
        result = subprocess.run(["docker", "service", *args], env=self.docker_env(**(env or {})),
                                capture_output=True, text=True, timeout=60)
        return Outcome(result.returncode, result.stdout, docker_to_swarmctl(result.stderr))

    def docker_raw(self, *args):
        return subprocess.run(["docker", *args], env=self.docker_env(), capture_output=True,
                              text=True, timeout=60)

    def swarmctl(self, *args, env=None, now=None):
        """swarmctl in this process (clock pinned to ``now`` when given)."""
        with pinned_clock(now) if now is not None else contextlib.nullcontext():
            return invoke(args, env=self.cli_env(**(env or {})))

    def swarmctl_process(self, *args, env=None):
        full = dict(os.environ)
        full.update({"DOCKER_HOST": self.engine.host, "DOCKER_CONFIG": self.config_dir})
        for key in ("DOCKER_CONTEXT", "TTY_COMPATIBLE", "FORCE_COLOR", "NO_COLOR", "TERM",
                    "DOCKER_API_VERSION"):
            full.pop(key, None)
        for key, value in (env or {}).items():
            if value is None:
                full.pop(key, None)
            else:
                full[key] = value
        result = subprocess.run([sys.executable, "-m", "swarmctl", *args], env=full,
                                capture_output=True, text=True, timeout=60)
        return Outcome(result.returncode, result.stdout, result.stderr)

    def piped_env(self):
        """A whole environment for a swarmctl subprocess writing to a pipe, nothing forcing
        the terminal form."""
        env = dict(os.environ, DOCKER_HOST=self.engine.host, DOCKER_CONFIG=self.config_dir)
        for key in ("TTY_COMPATIBLE", "FORCE_COLOR"):
            env.pop(key, None)
        return env

    def swarmctl_reporting_rich(self, *args):
        """swarmctl ARGS piped, in a fresh interpreter that then writes ``RICH=True`` or
        ``RICH=False`` on stderr: whether anything imported rich."""
        probe = (
            "import sys\n"
            "from swarmctl.cli.main import run\n"
            f"code = run({list(args)!r})\n"
            "sys.stdout.flush()\n"
            "sys.stderr.write('RICH=%s\\n' % any(m == 'rich' or m.startswith('rich.') for m in sys.modules))\n"
            "sys.exit(code)\n"
        )
        return subprocess.run([sys.executable, "-c", probe], env=self.piped_env(),
                              capture_output=True, text=True, timeout=60)

    def through_proxy(self, tool, *args):
        """Run ``docker service ARGS`` (tool "docker") or swarmctl ARGS through a recording proxy:
        (the outcome, the (method, path) of each request it sent to the engine, the path without
        its /vX.Y and the version handshake left out: docker pings, we ask /version)."""
        from tests.recproxy import RecordingProxy

        upstream = self.engine.host[len("unix://"):]
        with tempfile.TemporaryDirectory(prefix="swarmctl-rp-") as folder, \
                RecordingProxy(upstream, os.path.join(folder, "p.sock")) as proxy:
            env = {"DOCKER_HOST": f"unix://{proxy.path}"}
            result = self.docker(*args, env=env) if tool == "docker" else self.swarmctl(*args, env=env)
        return result, [(r.method, re.sub(r"^/v[0-9.]+", "", r.path)) for r in proxy.requests
                        if r.path not in ("/_ping", "/version")]

    def _instants(self, t0, t1):
        """``t0`` and every instant in (t0, t1] where a relative time changes."""
        out = {t0}
        for stamp in self.stamps:
            # go-units boundaries all fall on whole seconds after the timestamp
            k = -(-(t0 - stamp) // 1_000_000_000)
            b = stamp + k * 1_000_000_000
            while b <= t1:
                if b > t0:
                    out.add(b)
                    out.add(b + 1)
                b += 1_000_000_000
        out.add(t1)
        return sorted(out)

    def golden(self, *args, env=None, mask=None):
        """Assert swarmctl prints what docker prints for ``ARGS``; returns docker's outcome."""
        t0 = time.time_ns()
        expected = self.docker(*args, env=env)
        t1 = time.time_ns()
        got = None
        for now in self._instants(t0, t1):
            got = self.swarmctl(*args, env=env, now=now)
            if mask:
                got = Outcome(got.code, mask(got.stdout), mask(got.stderr))
            if got == expected or mask and got == Outcome(expected.code, mask(expected.stdout),
                                                          mask(expected.stderr)):
                return expected
        if mask:
            expected = Outcome(expected.code, mask(expected.stdout), mask(expected.stderr))
        assert got == expected, f"swarmctl {' '.join(args)}"
        return expected

    def golden_moving(self, *args, env=None, tries=20):
        """For output that includes services of other test runs (which may change at any
        moment): docker, swarmctl, docker again; compare when both docker runs agree. A
        change can still slip in and out between them, so three such agreeing rounds must
        all differ from swarmctl before this fails."""
        import pytest

        mismatches = []
        for _ in range(tries):
            first = self.docker(*args, env=env)
            got = self.swarmctl(*args, env=env)
            second = self.docker(*args, env=env)
            if first == second:
                if got == first:
                    return first
                mismatches.append((got, first))
                if len(mismatches) >= 3:
                    got, first = mismatches[0]
                    assert got == first, f"swarmctl {' '.join(args)}"
            time.sleep(0.2)
        pytest.skip(f"docker service {' '.join(args)}: other runs kept changing the engine")

    # -- the services ------------------------------------------------------------------

    @property
    def client(self):
        if self._client is None:
            import swarmctl

            self._client = swarmctl.DockerClient(base_url=self.engine.host)
        return self._client

    def name(self, suffix):
        return f"{self.prefix}-{suffix}"

    def create(self, suffix, *flags, command=("sleep", "600"), name=None):
        """Create ``PREFIX-SUFFIX`` (or exactly ``name``) with the lab's label."""
        name = name or (self.name(suffix) if not suffix.startswith(self.prefix) else suffix)
        result = self.docker_raw("service", "create", "-d", "-q", "--name", name, "--label", self.label,
                                 *flags, IMAGE, *command)
        assert result.returncode == 0, result.stderr
        self.services.append(name)
        return name

    def shared_id_prefix(self, limit=60):
        """A one-character prefix that two services' IDs share, creating task-less services
        (0 replicas) until there is one: IDs are random, so this is quick and never skips.
        Their names lie outside ``PREFIX-``, so listings filtered to the lab's fixed set of
        services never see them, whichever test module ran first."""
        for attempt in range(limit):
            ids = self.docker_raw("service", "ls", "-q").stdout.split()
            firsts = [i[0] for i in ids]
            shared = [c for c in sorted(set(firsts)) if firsts.count(c) >= 2]
            if shared:
                return shared[0]
            self.create("", "--replicas", "0", name=f"amb{self.run}-{attempt}")
        raise AssertionError(f"no shared ID prefix after {limit} services")

    def setup(self):
        base = 20000 + random.randrange(0, 900) * 10
        self.port_base = base
        net = self.name("ovl")
        self.docker_raw("network", "create", "-d", "overlay", "--label", self.label, net)
        self.networks.append(net)
        fast_stop = ("--stop-grace-period", "1s")
        self.create("web", "--label", "tier=front", "--label", "html=<a&b>",
                    "-p", f"{base}:80", "-p", f"{base + 1}:81", "-p", f"{base + 3}:80",
                    "-p", f"{base + 2}:82/udp",
                    "--publish", f"mode=host,target=90,published={base + 10}",
                    "--update-delay", "10s", "--env", "A=1", *fast_stop)
        self.create("two", "--replicas", "2", "--replicas-max-per-node", "2", "--label", "tier=back",
                    "-p", f"{base + 20}-{base + 22}:{base + 20}-{base + 22}", *fast_stop)
        self.create("glob", "--mode", "global", "--label", "tier", *fast_stop)
        self.create("job", "--mode", "replicated-job", "--replicas", "3", "--max-concurrent", "2",
                    command=("true",))
        self.create("gjob", "--mode", "global-job", command=("true",))
        self.create("crash", "--restart-delay", "100ms", "--restart-max-attempts", "2",
                    command=("sh", "-c", "exit 3"))
        self.create("pend", "--constraint", "node.labels.nope==1", *fast_stop)
        self.create("a-rather-long-service-name-to-widen-columns-0123456789",
                    "--label", "note=héllo ✓ 日本語", "--label", "long=" + "x" * 80, *fast_stop)
        self.create("full", "--network", net, "--mount", "type=tmpfs,target=/data",
                    "--log-driver", "json-file", "--log-opt", "max-file=2",
                    "--cap-add", "NET_ADMIN", "--cap-drop", "MKNOD",
                    "--sysctl", "net.core.somaxconn=1024", "--ulimit", "nofile=1024:2048",
                    "--dns", "8.8.8.8", "--user", "65534:65534", "--workdir", "/tmp",
                    "--restart-window", "10s", "--constraint", "node.role==manager",
                    "--placement-pref", "spread=node.labels.zone", "--limit-cpu", "0.5",
                    "--reserve-memory", "16M", "--limit-pids", "100", "--health-cmd", "true",
                    "--health-interval", "1s", "--env", "B=two words", *fast_stop)
        upd = self.create("upd", "--update-monitor", "100ms", *fast_stop)
        self.wait_stable(updated=None)
        self.docker_raw("service", "update", "-d", "-q", "--env-add", "X=1", upd)
        self.wait_stable(updated=upd)
        for service in self.client.api.services(filters={"label": self.label}):
            self.ids[service["Spec"]["Name"]] = service["ID"]

    def _snapshot(self):
        api = self.client.api
        tasks = api.tasks(filters={"label": self.label})
        services = api.services(filters={"label": self.label})
        return tasks, services

    def setup_multinode(self):
        """A global service and a spread replicated one on a multi-node swarm."""
        fast_stop = ("--stop-grace-period", "1s")
        self.create("glob", "--mode", "global", *fast_stop)
        self.create("rep", "--replicas", "4", *fast_stop)
        self.wait_stable(crash=False)
        for service in self.client.api.services(filters={"label": self.label}):
            self.ids[service["Spec"]["Name"]] = service["ID"]

    def wait_stable(self, updated=None, timeout=60, crash=True):
        """Until every task is in a final state, the update (if any) completed, and
        nothing changed for a second."""
        final = {"running", "complete", "failed", "shutdown", "rejected", "pending"}
        deadline = time.monotonic() + timeout
        previous = None
        quiet_since = None
        while True:
            tasks, services = self._snapshot()
            key = sorted((t["ID"], t["DesiredState"], t["Status"]["State"], t["Status"].get("Timestamp"))
                         for t in tasks)
            settled = all(t["Status"]["State"] in final for t in tasks)
            settled = settled and all(
                not (t["Status"]["State"] == "running" and t["DesiredState"] != "running")
                for t in tasks)
            by_name = {s["Spec"]["Name"]: s for s in services}
            if crash:
                crashed = [t for t in tasks
                           if t["ServiceID"] == (by_name.get(self.name("crash")) or {}).get("ID")]
                settled = settled and len(crashed) == 3 and all(
                    t["Status"]["State"] == "failed" for t in crashed)
            if updated is not None:
                state = ((by_name.get(updated) or {}).get("UpdateStatus") or {}).get("State")
                settled = settled and state == "completed"
            else:
                state = None
            now = time.monotonic()
            if settled and key == previous:
                if quiet_since is None:
                    quiet_since = now
                elif now - quiet_since >= 1.0:
                    break
            else:
                quiet_since = now if settled else None
            previous = key
            if now > deadline:
                raise AssertionError("services did not settle (update %s): %s"
                                     % (state, json.dumps(key)[:3000]))
            time.sleep(0.25)
        self.stamps = self._stamps(tasks, services)

    @staticmethod
    def _stamps(tasks, services):
        from swarmctl.golang.time import parse_rfc3339_nano

        out = set()
        for t in tasks:
            if t["Status"].get("Timestamp"):
                out.add(parse_rfc3339_nano(t["Status"]["Timestamp"]))
        for s in services:
            for key in ("StartedAt", "CompletedAt"):
                value = (s.get("UpdateStatus") or {}).get(key)
                if value:
                    out.add(parse_rfc3339_nano(value))
        return sorted(out)

    def teardown(self):
        if self.services:
            self.docker_raw("service", "rm", *self.services)
            self.services = []
        deadline = time.monotonic() + 20
        while self.networks and time.monotonic() < deadline:
            left = [n for n in self.networks
                    if self.docker_raw("network", "rm", n).returncode != 0]
            self.networks = left
            if left:
                time.sleep(0.5)
        if self._client is not None:
            self._client.close()
        with contextlib.suppress(OSError):
            for name in os.listdir(self.config_dir):
                os.unlink(os.path.join(self.config_dir, name))
            os.rmdir(self.config_dir)

    # -- helpers for tests -----------------------------------------------------------------

    def write_config(self, **formats):
        """Write ``config.json`` with the given formats (empty call: remove it)."""
        path = os.path.join(self.config_dir, "config.json")
        if formats:
            with open(path, "w", encoding="utf-8") as handle:
                json.dump(formats, handle)
        elif os.path.exists(path):
            os.unlink(path)


_LAB = None
_USERS = 0


def acquire(engine):
    """The session's lab (created on first use)."""
    global _LAB, _USERS
    if _LAB is None:
        lab = ReadLab(engine)
        try:
            lab.setup()
        except BaseException:
            lab.teardown()
            raise
        _LAB = lab
    _USERS += 1
    return _LAB


def release():
    global _LAB, _USERS
    _USERS -= 1
    if _USERS <= 0 and _LAB is not None:
        _LAB.teardown()
        _LAB = None
