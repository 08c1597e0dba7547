#!/usr/bin/env python3
"""Real Docker engines in swarm mode, each in its own network (and UTS) namespace.

The test suite and the README's demo both use this module; it needs root, Debian's docker.io
and busybox-static. It uses the stdlib only, so it can run before swarmctl is installed.

    python3 tests/swarmlab.py up [--nodes 3]      # prints the DOCKER_HOST to use, keeps running
    python3 tests/swarmlab.py down RUN_DIR
    python3 tests/swarmlab.py clean               # removes what killed runs left behind

Every run gets a unique id; its folder (``/tmp/swarmctl-lab/<id>``), namespaces (``swl-<id>-*``)
and veth names derive from it, so concurrent runs cannot clash. ``clean_stale()`` removes the
leftovers of runs whose owning process is gone, so a killed run never blocks the next one.
"""
from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

LAB_ROOT = Path(os.environ.get("SWARMCTL_LAB_ROOT", "/tmp/swarmctl-lab"))
NETNS_PREFIX = "swl-"
IMAGE = "busybox:local"
# Tags docker-py style tests expect to find locally; nothing can be pulled here.
IMAGE_ALIASES = ("busybox:latest", "alpine:latest", "alpine:3.10")
BUSYBOX_APPLETS = (
    "sh", "ash", "sleep", "echo", "cat", "ls", "true", "false", "env", "ps", "printf", "seq",
    "yes", "head", "tail", "wc", "date", "hostname", "kill", "test", "[", "id", "grep", "sed",
    "awk", "nc", "wget", "ping", "touch", "mkdir", "rm", "uname", "expr", "exit", "top", "dd",
    "mount", "ip", "pwd", "tr", "xargs", "timeout", "trap", "read", "stat", "nslookup", "find",
)
# Link-local-style test subnet used only inside the lab's own namespaces.
MULTINODE_SUBNET = "10.213.0"


class LabError(RuntimeError):
    pass


def _run(cmd, check=True, capture=True, env=None, timeout=120, input=None):
    result = subprocess.run(
        cmd, check=False, text=True, env=env, timeout=timeout, input=input,
        stdout=subprocess.PIPE if capture else None,
        stderr=subprocess.PIPE if capture else None,
    )
    if check and result.returncode != 0:
        raise LabError(f"{' '.join(cmd)} failed ({result.returncode}): {result.stderr.strip()}")
    return result


def _pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def preflight():
    """Return None when this machine can run a lab, else the reason it cannot."""
    if os.geteuid() != 0:
        return "the swarm lab needs root (dockerd, network namespaces)"
    for tool in ("dockerd", "docker", "ip", "nsenter", "unshare"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (apt-get install docker.io iproute2 util-linux)"
    if not _busybox_path():
        return "busybox-static is not installed (apt-get install busybox-static)"
    return None


def _busybox_path():
    for candidate in ("/bin/busybox", "/usr/bin/busybox"):
        if os.path.exists(candidate):
            return candidate
    return None


class Engine:
    """One dockerd in its own network and UTS namespace."""

    def __init__(self, lab, name, hostname):
        self.lab = lab
        self.name = name
        self.hostname = hostname
        self.netns = f"{NETNS_PREFIX}{lab.run_id}-{name}"
        self.dir = lab.dir / name
        self.socket = self.dir / "docker.sock"
        self.host = f"unix://{self.socket}"
        self.address = "127.0.0.1"
        self.process = None

    @property
    def pid(self):
        try:
            return int((self.dir / "docker.pid").read_text().strip())
        except (OSError, ValueError):
            return None

    def env(self):
        """Environment for running the Docker CLI (or swarmctl) against this engine."""
        env = dict(os.environ)
        env["DOCKER_HOST"] = self.host
        env.pop("DOCKER_CONTEXT", None)
        env["DOCKER_CONFIG"] = str(self.lab.dir / "docker-config")
        return env

    def docker(self, *args, check=True, timeout=120, input=None):
        return _run(["docker", *args], check=check, env=self.env(), timeout=timeout, input=input)

    def start(self, extra_args=()):
        """Start dockerd. ``extra_args`` go to dockerd as they are, e.g. more ``--host``
        addresses with ``--tlsverify --tlscacert ...`` (they listen in this engine's own
        network namespace; reach them with ``nsenter --net=/var/run/netns/<netns>``)."""
        self.dir.mkdir(parents=True, exist_ok=True)
        log = open(self.dir / "dockerd.log", "ab")
        dockerd = [
            "dockerd", "--host", self.host,
            "--data-root", str(self.dir / "data"), "--exec-root", str(self.dir / "exec"),
            "--pidfile", str(self.dir / "docker.pid"),
            # No registry is reachable: fail pulls fast instead of retrying.
            "--max-download-attempts", "1",
            *extra_args,
        ]
        # unshare gives the engine its own hostname (node names in `ps`); nsenter (not
        # `ip netns exec`) keeps the host's cgroup mounts visible, which dockerd needs.
        script = 'hostname "$0" && exec nsenter --net="$1" "${@:2}"'
        self.process = subprocess.Popen(
            ["unshare", "--uts", "bash", "-c", script, self.hostname,
             f"/var/run/netns/{self.netns}", *dockerd],
            stdout=log, stderr=log, stdin=subprocess.DEVNULL, start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise LabError(f"dockerd for {self.name} exited: {self._log_tail()}")
            if self.socket.exists() and self.docker("version", check=False, timeout=10).returncode == 0:
                return
            time.sleep(0.2)
        raise LabError(f"dockerd for {self.name} did not answer within 60s: {self._log_tail()}")

    def _log_tail(self):
        try:
            return (self.dir / "dockerd.log").read_text(errors="replace")[-2000:]
        except OSError:
            return "(no log)"

    def import_image(self):
        rootfs = self.lab.dir / "rootfs"
        if not rootfs.exists():
            (rootfs / "bin").mkdir(parents=True)
            shutil.copy(_busybox_path(), rootfs / "bin" / "busybox")
            for applet in BUSYBOX_APPLETS:
                link = rootfs / "bin" / applet
                if not link.exists():
                    link.symlink_to("busybox")
            (rootfs / "tmp").mkdir()
            (rootfs / "etc").mkdir()
        tar = subprocess.Popen(["tar", "-C", str(rootfs), "-c", "."], stdout=subprocess.PIPE)
        result = subprocess.run(
            ["docker", "import", "-c", 'CMD ["sh"]', "-c", "ENV PATH=/bin", "-", IMAGE],
            stdin=tar.stdout, env=self.env(), capture_output=True, text=True, timeout=120,
        )
        tar.wait()
        if result.returncode != 0:
            raise LabError(f"docker import failed: {result.stderr.strip()}")
        for alias in IMAGE_ALIASES:
            self.docker("tag", IMAGE, alias)

    def stop(self, grace=15):
        pid = self.pid
        if pid and _pid_alive(pid):
            os.kill(pid, signal.SIGTERM)
            deadline = time.monotonic() + grace
            while time.monotonic() < deadline:
                # dockerd is our own child (unshare and nsenter exec it): reap it, or its
                # zombie would look alive for the whole grace period.
                if self.process is not None:
                    self.process.poll()
                if not _pid_alive(pid):
                    break
                time.sleep(0.2)
        if self.process is not None:
            try:
                self.process.wait(timeout=1)
            except subprocess.TimeoutExpired:
                pass


class Lab:
    """A swarm of one or more engines. Use as a context manager or call up()/down()."""

    def __init__(self, nodes=1, run_id=None, engine_args=(), init_args=()):
        self.run_id = run_id or f"{os.getpid() % 100000}{secrets.token_hex(2)}"
        # Extra dockerd arguments for every engine (e.g. a TLS tcp listener).
        self.engine_args = tuple(engine_args)
        # Extra `docker swarm init` arguments (e.g. a short --dispatcher-heartbeat: set
        # before the workers join, it holds for them from the start).
        self.init_args = tuple(init_args)
        self.dir = LAB_ROOT / self.run_id
        self.node_count = nodes
        self.engines = [Engine(self, f"n{i + 1}", f"swarmctl-node{i + 1}") for i in range(nodes)]
        self.bridge_netns = f"{NETNS_PREFIX}{self.run_id}-br"

    @property
    def manager(self):
        return self.engines[0]

    def __enter__(self):
        try:
            self.up()
        except BaseException:
            self.down()
            raise
        return self

    def __exit__(self, *exc):
        self.down()

    def up(self):
        reason = preflight()
        if reason:
            raise LabError(reason)
        clean_stale()
        self.dir.mkdir(parents=True, exist_ok=True)
        (self.dir / "docker-config").mkdir(exist_ok=True)
        (self.dir / "owner.json").write_text(json.dumps({"pid": os.getpid(), "nodes": self.node_count}))
        for engine in self.engines:
            _run(["ip", "netns", "add", engine.netns])
            _run(["ip", "-n", engine.netns, "link", "set", "lo", "up"])
        if self.node_count > 1:
            self._wire_bridge()
        for engine in self.engines:
            engine.start(extra_args=self.engine_args)
        manager = self.manager
        manager.docker("swarm", "init", "--advertise-addr", manager.address, *self.init_args)
        if self.node_count > 1:
            token = manager.docker("swarm", "join-token", "-q", "worker").stdout.strip()
            for worker in self.engines[1:]:
                worker.docker("swarm", "join", "--token", token,
                              "--advertise-addr", worker.address, f"{manager.address}:2377")
            self._wait_for_nodes_ready()
        for engine in self.engines:
            engine.import_image()
        return self

    def _wire_bridge(self):
        _run(["ip", "netns", "add", self.bridge_netns])
        _run(["ip", "-n", self.bridge_netns, "link", "set", "lo", "up"])
        _run(["ip", "-n", self.bridge_netns, "link", "add", "br0", "type", "bridge"])
        _run(["ip", "-n", self.bridge_netns, "link", "set", "br0", "up"])
        for index, engine in enumerate(self.engines, start=1):
            outside = f"v{self.run_id[-8:]}{index}"[:15]
            _run(["ip", "link", "add", outside, "type", "veth", "peer", "name", "eth0",
                  "netns", engine.netns])
            _run(["ip", "link", "set", outside, "netns", self.bridge_netns])
            _run(["ip", "-n", self.bridge_netns, "link", "set", outside, "master", "br0", "up"])
            engine.address = f"{MULTINODE_SUBNET}.{index}"
            _run(["ip", "-n", engine.netns, "addr", "add", f"{engine.address}/24", "dev", "eth0"])
            _run(["ip", "-n", engine.netns, "link", "set", "eth0", "up"])

    def _wait_for_nodes_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            out = self.manager.docker("node", "ls", "--format", "{{.Status}}", check=False).stdout.split()
            if len(out) == self.node_count and all(s == "Ready" for s in out):
                return
            time.sleep(0.3)
        raise LabError("swarm nodes did not become Ready in time")

    def down(self):
        teardown(self.dir, self.run_id)


def _processes_under(path):
    """PIDs of processes whose command line mentions path (dockerd, containerd, shims)."""
    needle = str(path).encode()
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as handle:
                if needle in handle.read():
                    pids.append(int(entry))
        except OSError:
            continue
    return [pid for pid in pids if pid != os.getpid()]


def teardown(run_dir, run_id):
    run_dir = Path(run_dir)
    for pidfile in run_dir.glob("*/docker.pid"):
        try:
            pid = int(pidfile.read_text().strip())
            os.kill(pid, signal.SIGTERM)
        except (OSError, ValueError):
            pass
    deadline = time.monotonic() + 15
    while _processes_under(run_dir) and time.monotonic() < deadline:
        time.sleep(0.2)
    for pid in _processes_under(run_dir):
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    time.sleep(0.2)
    _unmount_under(run_dir)
    for name in _run(["ip", "netns", "list"], check=False).stdout.split("\n"):
        name = name.split(" ")[0]
        if name.startswith(f"{NETNS_PREFIX}{run_id}-"):
            _run(["ip", "netns", "del", name], check=False)
    shutil.rmtree(run_dir, ignore_errors=True)


def _unmount_under(path):
    prefix = str(path).rstrip("/") + "/"
    with open("/proc/mounts") as handle:
        points = [line.split()[1] for line in handle]
    points = [p.encode().decode("unicode_escape") for p in points]
    for point in sorted((p for p in points if p.startswith(prefix) or p == prefix[:-1]), reverse=True):
        subprocess.run(["umount", "-l", point], capture_output=True)


def clean_stale(include_detached=False):
    """Remove the folders, processes and namespaces of lab runs whose owner has died."""
    live_ids = set()
    if LAB_ROOT.exists():
        for run_dir in LAB_ROOT.iterdir():
            try:
                info = json.loads((run_dir / "owner.json").read_text())
            except (OSError, ValueError):
                info = {}
            owner = info.get("pid")
            if (info.get("detached") and not include_detached) or (owner and _pid_alive(owner)):
                live_ids.add(run_dir.name)
                continue
            teardown(run_dir, run_dir.name)
    for line in _run(["ip", "netns", "list"], check=False).stdout.splitlines():
        name = line.split(" ")[0]
        if name.startswith(NETNS_PREFIX):
            run_id = name[len(NETNS_PREFIX):].rsplit("-", 1)[0]
            if run_id not in live_ids:
                _run(["ip", "netns", "del", name], check=False)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    up = sub.add_parser("up", help="start a swarm and wait until interrupted")
    up.add_argument("--nodes", type=int, default=1)
    up.add_argument("--detach", action="store_true",
                    help="print the environment and exit, leaving the swarm running")
    down = sub.add_parser("down", help="stop a detached swarm")
    down.add_argument("run_dir")
    clean = sub.add_parser("clean", help="remove leftovers of killed runs")
    clean.add_argument("--all", action="store_true", help="also remove detached swarms")
    args = parser.parse_args(argv)
    if args.command == "clean":
        clean_stale(include_detached=args.all)
        return 0
    if args.command == "down":
        run_dir = Path(args.run_dir)
        teardown(run_dir, run_dir.name)
        return 0
    lab = Lab(nodes=args.nodes)
    try:
        lab.up()
    except LabError as err:
        lab.down()
        print(f"swarmlab: {err}", file=sys.stderr)
        return 1
    if args.detach:
        # A detached swarm outlives this process: only `down` (or `clean --all`) removes it.
        (lab.dir / "owner.json").write_text(json.dumps({"detached": True, "nodes": args.nodes}))
        print(f"export DOCKER_HOST={lab.manager.host}")
        print(f"export SWARMLAB_DIR={lab.dir}")
        return 0
    print(f"export DOCKER_HOST={lab.manager.host}", flush=True)
    try:
        signal.pause()
    except KeyboardInterrupt:
        pass
    finally:
        lab.down()
    return 0


if __name__ == "__main__":
    sys.exit(main())
