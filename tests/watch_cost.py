"""What ``ps --watch`` and ``ls --watch`` cost the engine, counted request by request.

    python -m tests.watch_cost [--seconds 30]

starts a private single-node swarm (root; or uses SWARMCTL_TEST_DOCKER_HOST), creates a
service of 3 replicas, and runs ``swarmctl ps --watch`` and ``swarmctl ls --watch`` piped,
each through its own recording proxy (tests/recproxy.py), which passes the engine's answers
on as they come (the ``/events`` stream included). It counts the requests each watch sends
in two windows of ``--seconds``: idle, then during a rolling update (``--update-parallelism
1`` with a delay, so the update lasts longer than the window), and prints them per second
and per endpoint, with the number of tables each watch printed. The requests made before
the first table (version, the service look-up, names) are counted apart. The README's
figures come from this tool.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time

from tests import swarmlab
from tests.helpers import IMAGE
from tests.recproxy import RecordingProxy

SWARMCTL = [sys.executable, "-m", "swarmctl"]
SERVICE = "watchcost"
_VERSION_PREFIX = re.compile(r"^/v[0-9.]+")


class _Watch:
    """``swarmctl ARGS`` with stdout on a pipe, through a proxy of its own."""

    def __init__(self, socket, directory, args, env):
        self.proxy = RecordingProxy(socket, os.path.join(directory, f"{args[0]}-watch.sock"))
        self.proxy.__enter__()
        self.process = subprocess.Popen(
            [*SWARMCTL, *args], env={**env, "DOCKER_HOST": f"unix://{self.proxy.path}"},
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.writes = []  # (time, bytes) of each read of stdout
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self):
        fd = self.process.stdout.fileno()
        for chunk in iter(lambda: os.read(fd, 1 << 16), b""):
            self.writes.append((time.monotonic(), chunk))

    def tables_between(self, start, end):
        text = b"".join(c for t, c in self.writes if start <= t < end)
        return text.count(b"\n\nID ") + (1 if text.startswith(b"ID ") else 0)

    def requests_between(self, start, end):
        return [r for r in list(self.proxy.requests) if start <= r.at < end]

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            code = self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = self.process.wait()
        self.proxy.__exit__(None, None, None)
        return code, self.process.stderr.read().decode()


def _endpoint(request):
    path, _, query = request.path.partition("?")
    path = _VERSION_PREFIX.sub("", path)
    keys = sorted({part.split("=")[0] for part in query.split("&") if part})
    return f"{request.method} {path}" + ("?" + "&".join(keys) if keys else "")


def _report(label, watch, start, end, rate=True):
    requests = watch.requests_between(start, end)
    seconds = end - start
    by_endpoint = collections.Counter(_endpoint(r) for r in requests)
    detail = ", ".join(f"{count} {name}" for name, count in by_endpoint.most_common())
    per_second = f" in {seconds:4.1f} s = {len(requests) / seconds:4.2f}/s" if rate else ""
    print(f"  {label:<22} {len(requests):4d} requests{per_second}, "
          f"{watch.tables_between(start, end)} tables  ({detail or 'none'})")


def _update_state(engine):
    service = json.loads(engine.docker("service", "inspect", SERVICE).stdout)[0]
    return (service.get("UpdateStatus") or {}).get("State", "")


def measure(engine, directory, seconds):
    env = engine.env()
    env.pop("DOCKER_API_VERSION", None)
    delay = max(2, int(seconds / 3) + 2)  # 3 slots: the update outlasts the window
    engine.docker("service", "rm", SERVICE, check=False)
    engine.docker("service", "create", "--quiet", "--no-resolve-image", "--name", SERVICE,
                  "--replicas", "3", "--update-parallelism", "1", "--update-delay", f"{delay}s",
                  "--update-monitor", "1s", "--stop-grace-period", "1s", IMAGE, "sleep", "3600")
    watches = {}
    try:
        watches["ps --watch"] = _Watch(str(engine.socket), directory, ["ps", "--watch", SERVICE],
                                       env)
        watches["ls --watch"] = _Watch(str(engine.socket), directory, ["ls", "--watch"], env)
        begun = time.monotonic()
        deadline = begun + 60
        while not all(w.writes for w in watches.values()):
            if time.monotonic() > deadline:
                raise RuntimeError("a watch printed nothing within 60 s")
            time.sleep(0.1)
        time.sleep(1.5)  # past the first table and its look-ups
        idle = time.monotonic()
        time.sleep(seconds)
        updating = time.monotonic()
        engine.docker("service", "update", "--detach", "--force", SERVICE)
        time.sleep(seconds)
        ended = time.monotonic()
        state = _update_state(engine)
        api = engine.docker("version", "--format", "{{.Server.APIVersion}}").stdout.strip()
        print(f"engine API {api}, service {SERVICE}: 3 replicas, update parallelism 1, "
              f"delay {delay}s (update state at the end of the window: {state or 'none'})")
        for label, watch in watches.items():
            print(label)
            _report("until the 1st table", watch, 0, watch.writes[0][0] + 0.001, rate=False)
            _report(f"idle, {seconds} s", watch, idle, updating)
            _report(f"rolling update, {seconds} s", watch, updating, ended)
        if state != "updating":
            print("note: the update ended inside the window; take a longer delay")
    finally:
        for label, watch in watches.items():
            code, stderr = watch.stop()
            if code != 0:
                print(f"{label} exited {code}: {stderr}", file=sys.stderr)
        engine.docker("service", "rm", SERVICE, check=False)


class _External:
    """The engine SWARMCTL_TEST_DOCKER_HOST names, shaped like a lab's Engine."""

    def __init__(self, host):
        self.socket = host[len("unix://"):]

    def env(self):
        env = dict(os.environ)
        env["DOCKER_HOST"] = f"unix://{self.socket}"
        env.pop("DOCKER_CONTEXT", None)
        return env

    def docker(self, *args, check=True):
        return subprocess.run(["docker", *args], env=self.env(), capture_output=True, text=True,
                              check=check, timeout=120)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=30, help="length of each window")
    options = parser.parse_args(argv)
    host = os.environ.get("SWARMCTL_TEST_DOCKER_HOST", "")
    if host.startswith("unix://"):
        import tempfile

        with tempfile.TemporaryDirectory() as directory:
            measure(_External(host), directory, options.seconds)
        return 0
    with swarmlab.Lab(nodes=1) as lab:
        measure(lab.manager, str(lab.dir), options.seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
