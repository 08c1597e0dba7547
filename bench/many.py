#!/usr/bin/env python3
"""Many objects at once (issue #14): swarmctl against the Docker CLI on a big swarm.

Run as root (it starts a private 3-node swarm with tests/swarmlab.py and fills it with the
scale rig of bench/rig.py), holding the engine lock so that no engine test runs meanwhile:

    sudo flock /tmp/swarmctl-engine.lock .venv/bin/python bench/many.py [--repeat 7] [--quick]
        [--before TREE]    # also time another checkout's swarmctl: git archive main | tar -x -C TREE

The cases (sizes with --quick in brackets, for a smoke run):

- ``ls`` of 2,000 [200] services (``--replicas 0``: services without tasks);
- ``inspect`` of 500 [50] of them, every name on one command line;
- ``rm`` of 500 [50] services, made anew (not timed) before every run;
- ``ps`` of 50 [10] services at once, 2 pending tasks each;
- ``ps`` of one service with 3,000 [300] tasks, all pending (an unsatisfiable constraint);
- on the 3 nodes: ``ps`` of a global service (a running task per node) and ``logs --tail all``
  of a service with a task on each node, 5,000 [500] lines each.

Method: the contenders of a case run in turn (swarmctl, docker, swarmctl, docker, ...),
--repeat runs each after one warm-up round, stdout into a pipe (``| cat``); wall time from
start to reaping. Peak memory (``ls``, ``ps`` of one service) comes from 3 more, untimed
runs under ``/usr/bin/time -f %M``. Ratios are swarmctl / docker: the ratio of the medians
and, as a check on drift during the case, the median of the per-round ratios. swarmctl
runs from this tree through ``bench/swarmctl`` (what pip's console script does), bytecode
cached as in bench/run.py. Every round, swarmctl's stdout and exit code are compared with
those of the docker run right after it (``logs`` of several tasks: the same lines, as the
tasks' lines interleave as they arrive); the first pair that differs is kept under
$TMPDIR/swarmctl-bench-diffs. Times in a table ("5 seconds ago") can tick between the
two runs.

What stands in the way of a ratio is measured too, in the same session:

- fixed start-up: ``ls --filter name=<nothing>`` (one request with an empty answer) for
  both, and the stdlib floor (bench/floor.py) fetching the same answer as a command;
- per request: ``inspect`` of 500 services minus ``inspect`` of one, divided by 499, for
  both (swarmctl with its concurrent requests; docker's are one after another);
- cProfile of the slow swarmctl commands (the thread that renders; the requests of
  ``inspect`` run in worker threads, which cProfile does not see).

The results replace the section ``## Issue #14: many objects`` of bench/RESULTS.md. This
is a benchmark, not a test: nothing fails on a slow machine.
"""
from __future__ import annotations

import argparse
import compileall
import datetime
import http.client
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
import rig  # noqa: E402
import run  # noqa: E402  (its helpers; importing it runs nothing)

ROOT = run.ROOT
swarmlab = run.swarmlab
SWARMCTL = run.SWARMCTL
DOCKER = ["docker"]
SECTION = "Issue #14: many objects"
BEFORE = None  # --before: how to run the other checkout's swarmctl
BEFORE_LABEL = "swarmctl before"


def run_once(argv, env):
    """(wall seconds, exit code, stdout bytes) of one run, stdout into a pipe."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               stdin=subprocess.DEVNULL)
    output = process.stdout.read()
    status = process.wait()
    return time.perf_counter() - start, status, output


def peak_memory(argv, env):
    """Maximum resident set size (KiB) of one run, as ``/usr/bin/time -f %M`` reports it.
    Not the ``ru_maxrss`` of a child of this process: Linux carries the forking
    process's peak (this Python's) over into its child's figure."""
    with tempfile.NamedTemporaryFile(mode="r", suffix=".rss") as out:
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", out.name, *argv], env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        return int(out.read().split()[-1])


class Case:
    """One case's runs: per contender the wall times and peak RSS of every counted run."""

    def __init__(self, name, contenders, target=None):
        self.name = name
        self.target = target  # the bound on swarmctl / docker, or None
        self.contenders = contenders
        self.walls = {label: [] for label in contenders}
        self.peaks = {label: [] for label in contenders}
        self.matches = []  # per round: swarmctl's output and exit code were docker's
        self.size = 0
        self.kept = None
        self.unordered = False

    def compare(self, ours, theirs):
        """Record whether one round's swarmctl run (exit code, stdout) matched docker's;
        keep the first pair that did not under DIFFS."""
        same = ours[0] == theirs[0] and (
            ours[1] == theirs[1] if not self.unordered
            else sorted(ours[1].splitlines()) == sorted(theirs[1].splitlines()))
        self.matches.append(same)
        self.size = len(ours[1])
        if not same and self.kept is None:
            DIFFS.mkdir(exist_ok=True)
            stem = "".join(c if c.isalnum() else "-" for c in self.name)[:60]
            for label, (code, output) in (("swarmctl", ours), ("docker", theirs)):
                (DIFFS / f"{stem}.{label}.{code}").write_bytes(output)
            self.kept = f"{DIFFS}/{stem}.*"

    def median(self, label):
        return statistics.median(self.walls[label])

    def peak(self, label):
        return statistics.median(self.peaks[label])

    def ratio(self, a="swarmctl", b="docker"):
        return self.median(a) / self.median(b)

    def pair_ratio(self, a="swarmctl", b="docker"):
        return statistics.median(x / y for x, y in zip(self.walls[a], self.walls[b]))


def measure(name, contenders, env, repeat, prepare=None, target=None, memory=False, unordered=False):
    """Run the contenders (label -> argv) in turn, ``repeat`` counted rounds after one
    warm-up round. ``prepare(label)`` runs untimed before every run (``rm`` remakes its
    services)."""
    if BEFORE and "swarmctl" in contenders:
        contenders = dict(contenders)
        contenders[BEFORE_LABEL] = [*BEFORE, *contenders["swarmctl"][len(SWARMCTL):]]
    case = Case(name, contenders, target)
    case.unordered = unordered
    for round_ in range(repeat + 1):
        outputs = {}
        for label, argv in contenders.items():
            if prepare is not None:
                prepare(label)
            wall, code, output = run_once(argv, env)
            outputs[label] = (code, output)
            if round_:
                case.walls[label].append(wall)
        if "swarmctl" in outputs and "docker" in outputs:
            case.compare(outputs["swarmctl"], outputs["docker"])
    for _ in range(3 if memory else 0):  # untimed: /usr/bin/time is in the way
        for label, argv in contenders.items():
            if prepare is not None:
                prepare(label)
            case.peaks[label].append(peak_memory(argv, env))
    cells = ", ".join(f"{label} {case.median(label) * 1000:.1f} ms" for label in contenders)
    print(f"{name}: {cells}" + (f" — {case.ratio():.2f}× (pairs {case.pair_ratio():.2f}×)"
                                if "docker" in contenders and "swarmctl" in contenders else ""),
          flush=True)
    return case


DIFFS = Path(tempfile.gettempdir()) / "swarmctl-bench-diffs"


def same_output(case):
    """Whether swarmctl printed docker's bytes and exit code, run by run (each round's
    swarmctl run against the docker run right after it)."""
    rounds = len(case.matches)
    same = sum(case.matches)
    kind = "the same lines (tasks interleave as they arrive)" if case.unordered else "identical"
    text = f"{kind} in {same} of {rounds} rounds ({case.size:,} bytes)"
    if same < rounds:
        text = f"**{text}**; first difference kept in `{case.kept}`"
    return text


def wait_until(predicate, what, timeout=300):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise RuntimeError(f"bench: {what} not reached within {timeout}s")
        time.sleep(0.5)


def running_tasks(api, service):
    return [t for t in api.tasks(filters={"service": service, "desired-state": "running"})
            if (t.get("Status") or {}).get("State") == "running"]


def _differences(listed, inspected, path=""):
    """Paths where two decoded JSON values differ."""
    if isinstance(listed, dict) and isinstance(inspected, dict):
        found = []
        for key in sorted(set(listed) | set(inspected)):
            if key not in listed:
                found.append(f"{path}{key} (only with insertDefaults)")
            elif key not in inspected:
                found.append(f"{path}{key} (only in the list)")
            else:
                found += _differences(listed[key], inspected[key], f"{path}{key}.")
        return found
    return [] if listed == inspected else [path.rstrip(".")]


def list_versus_inspect(api, name):
    """Can ``inspect`` of many names be answered from one ``GET /services``? Only if the
    list's entry equals ``GET /services/NAME?insertDefaults=true``: what differs."""
    listed = [s for s in api.services(filters={"name": name}) if s["Spec"]["Name"] == name][0]
    inspected = api.inspect_service(name, insert_defaults=True)
    found = _differences(listed, inspected)
    return (f"`GET /services` entry vs `GET /services/{name}?insertDefaults=true`: "
            + ("the same" if not found else "differ in " + ", ".join(f"`{p}`" for p in found)))


class _UnixHTTP(http.client.HTTPConnection):
    def __init__(self, path):
        super().__init__("localhost")
        self.socket_path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(self.socket_path)


def _cpu_and_wall(function, rounds=5):
    """Median (wall ms, this process's CPU ms) of ``rounds`` calls."""
    walls, cpus = [], []
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        function()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def per_request(api, socket_path, names):
    """In this process: ``GET /services/NAME?insertDefaults=true`` of every name through
    swarmctl's client one after another and side by side, and through bare http.client on
    one keep-alive connection (no requests, no urllib3): what a request costs swarmctl's
    client against the least Python can do, and what the engine takes."""
    def through_client():
        for name in names:
            api.inspect_service(name, insert_defaults=True)

    def side_by_side():
        for _ in api.concurrently(lambda name: api.inspect_service(name, insert_defaults=True), names):
            pass

    def bare():
        connection = _UnixHTTP(socket_path)
        for name in names:
            connection.request("GET", f"/v1.41/services/{name}?insertDefaults=true")
            json.loads(connection.getresponse().read())
        connection.close()

    lines = [f"In-process, `GET /services/NAME?insertDefaults=true` of {len(names)} services "
             "(median of 5 rounds; CPU is this process's):", "",
             "| how | wall | CPU | per request (wall / CPU) |", "|---|---|---|---|"]
    for label, function in (("swarmctl's client, one after another", through_client),
                            ("swarmctl's client, side by side (`concurrently`)", side_by_side),
                            ("bare http.client, one after another", bare)):
        wall, cpu = _cpu_and_wall(function)
        lines.append(f"| {label} | {wall:.0f} ms | {cpu:.0f} ms | "
                     f"{wall / len(names):.2f} / {cpu / len(names):.2f} ms |")
    return lines


def in_process_work(api, crowd, names):
    """In this process, on the engine's own answers: decoding, rows and table of ``ls`` and
    ``ps``, and the JSON of ``inspect`` (median of 9, CPU ms)."""
    from swarmctl.output import formatting, tables
    from swarmctl.output.inspect import render_inspect_json

    def cpu(function):
        return _cpu_and_wall(function, 9)[1]

    services_body = api._get(api._url("/services"), params={"status": "true"}).content
    tasks_body = api._get(api._url("/tasks"),
                          params={"filters": json.dumps({"service": [crowd]})}).content
    services, tasks = json.loads(services_body), json.loads(tasks_body)
    inspected = [api.inspect_service(name, insert_defaults=True) for name in names]
    service_rows = tables.service_rows(services)
    task_rows = tables.task_rows(tasks, {tasks[0]["ServiceID"]: crowd}, {})
    figures = [
        (f"`ls`: decode {len(services_body) / 2**20:.1f} MiB of {len(services):,} services",
         cpu(lambda: json.loads(services_body.decode()))),
        ("`ls`: rows", cpu(lambda: tables.service_rows(services))),
        ("`ls`: table", cpu(lambda: formatting.render_rows(tables.LS_DEFAULT_TABLE_FORMAT,
                                                           service_rows, tables.ServiceRow))),
        (f"`ps`: decode {len(tasks_body) / 2**20:.1f} MiB of {len(tasks):,} tasks",
         cpu(lambda: json.loads(tasks_body.decode()))),
        ("`ps`: rows", cpu(lambda: tables.task_rows(tasks, {tasks[0]["ServiceID"]: crowd}, {}))),
        ("`ps`: table", cpu(lambda: formatting.render_rows(tables.PS_DEFAULT_TABLE_FORMAT,
                                                           task_rows, tables.TaskRow))),
        (f"`inspect`: the JSON of {len(inspected)} services", cpu(lambda: render_inspect_json(inspected))),
    ]
    return ["In-process work on the engine's answers (this tree; median of 9, CPU ms):", "",
            "| step | CPU |", "|---|---|"] + [f"| {label} | {ms:.1f} ms |" for label, ms in figures]


def profile(args, env, limit=8):
    total, rows = run.profile_top(args, env, limit)
    lines = [f"Total profiled time {total * 1000:.0f} ms (main thread); swarmctl's own functions "
             "with the most self time:", "",
             "| self | cumulative | calls | function |", "|---|---|---|---|"]
    lines += [f"| {tot * 1000:.1f} ms | {cum * 1000:.1f} ms | {calls} | `{name}` |"
              for tot, cum, calls, name in rows]
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes, for a smoke run")
    parser.add_argument("--output", default=str(BENCH / "RESULTS.md"))
    parser.add_argument("--no-write", action="store_true", help="print the results only")
    parser.add_argument("--before", metavar="TREE",
                        help="also time the swarmctl of another checkout (e.g. `git archive main`)")
    args = parser.parse_args()
    global BEFORE
    if args.before:
        tree = str(Path(args.before).resolve())
        compileall.compile_dir(str(Path(tree) / "swarmctl"), quiet=1)
        BEFORE = [run.PYTHON, "-c", f"import sys; sys.path[0:0] = [{tree!r}]; sys.argv[0] = 'swarmctl'; "
                  "from swarmctl.cli.main import console_main; sys.exit(console_main())"]
    scale = 10 if args.quick else 1
    n_ls, n_inspect, n_rm = 2000 // scale, 500 // scale, 500 // scale
    n_ps_services, n_tasks, n_lines = 50 // (5 if args.quick else 1), 3000 // scale, 5000 // scale

    compileall.compile_dir(str(ROOT / "swarmctl"), quiet=1)
    load = [os.getloadavg()[0]]
    cases, notes, profiles = [], [], {}
    with swarmlab.Lab(nodes=3) as lab:
        engine = lab.manager
        env = engine.env()
        env["PYTHONPATH"] = str(ROOT)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for name in [k for k in env if k.startswith(("_SWARMCTL", "COMP_", "TTY_", "FORCE_COLOR"))]:
            env.pop(name)
        api = rig.client(engine.host)
        floor = [*run.FLOOR, str(engine.socket)]

        started = time.monotonic()
        listed = rig.ensure_services(api, "ls-", n_ls)
        print(f"rig: {n_ls} services in {time.monotonic() - started:.1f}s", flush=True)

        cases.append(measure("start-up: `ls --filter name=nothing` (one request, empty answer)", {
            "swarmctl": [*SWARMCTL, "ls", "--filter", "name=nothing-is-called-this"],
            "docker": [*DOCKER, "service", "ls", "--filter", "name=nothing-is-called-this"],
            "stdlib floor": [*floor, "/v1.41/services?filters=%7B%22name%22%3A%7B%22nothing%22%3Atrue%7D%7D"],
        }, env, args.repeat))
        cases.append(measure(f"`ls` of {n_ls:,} services", {
            "swarmctl": [*SWARMCTL, "ls"],
            "docker": [*DOCKER, "service", "ls"],
            "stdlib floor (the one GET, as a command)": [*floor, "/v1.41/services?status=true"],
        }, env, args.repeat, target=1.3, memory=True))
        profiles[f"ls of {n_ls:,} services"] = profile(["ls"], env)

        picked = listed[:n_inspect]
        engine.docker("service", "create", "-d", "--quiet", "--no-resolve-image", "--name",
                      "cli-made", "--replicas", "0", "busybox:local", "sleep", "1")
        for name in (picked[0], "cli-made"):
            notes.append(list_versus_inspect(api, name))
        engine.docker("service", "rm", "cli-made")
        cases.append(measure("`inspect` of one service", {
            "swarmctl": [*SWARMCTL, "inspect", picked[0]],
            "docker": [*DOCKER, "service", "inspect", picked[0]],
        }, env, args.repeat))
        cases.append(measure(f"`inspect` of {n_inspect} services", {
            "swarmctl": [*SWARMCTL, "inspect", *picked],
            "docker": [*DOCKER, "service", "inspect", *picked],
        }, env, args.repeat, target=0.7))
        profiles[f"inspect of {n_inspect} services"] = profile(["inspect", *picked], env)
        costs = per_request(api, str(engine.socket), picked)

        def remake(_label):
            rig.ensure_services(api, "rm-", n_rm)

        removed = rig.names("rm-", n_rm)
        cases.append(measure(f"`rm` of {n_rm} services (remade before every run)", {
            "swarmctl": [*SWARMCTL, "rm", *removed],
            "docker": [*DOCKER, "service", "rm", *removed],
        }, env, args.repeat, prepare=remake, target=0.7))

        several = rig.ensure_services(api, "ps-", n_ps_services, replicas=2)
        wait_until(lambda: len(api.tasks(filters={"service": several})) >= 2 * n_ps_services,
                   "the ps services' tasks")
        cases.append(measure(f"`ps` of {n_ps_services} services at once (2 tasks each)", {
            "swarmctl": [*SWARMCTL, "ps", *several],
            "docker": [*DOCKER, "service", "ps", *several],
        }, env, args.repeat, target=0.8))

        started = time.monotonic()
        crowd = rig.ensure_pending_tasks(api, "tasks-crowd", n_tasks)
        print(f"rig: {n_tasks} pending tasks in {time.monotonic() - started:.1f}s", flush=True)
        crowd_id = api.inspect_service(crowd)["ID"]
        task_query = ("/v1.41/tasks?filters=%7B%22service%22%3A%7B%22" + crowd_id
                      + "%22%3Atrue%7D%7D")
        cases.append(measure(f"`ps` of one service with {n_tasks:,} tasks", {
            "swarmctl": [*SWARMCTL, "ps", crowd],
            "docker": [*DOCKER, "service", "ps", crowd],
            "stdlib floor (the GET /tasks, as a command)": [*floor, task_query],
        }, env, args.repeat, target=1.3, memory=True))
        profiles[f"ps of one service with {n_tasks:,} tasks"] = profile(["ps", crowd], env)
        costs += ["", *in_process_work(api, crowd, picked)]

        # The 3-node cases on a quieter engine: the rig's services go first.
        rig.down(api)
        engine.docker("service", "create", "-d", "--quiet", "--no-resolve-image", "--name",
                      "global-ps", "--mode", "global", "busybox:local", "sleep", "600")
        engine.docker("service", "create", "-d", "--quiet", "--no-resolve-image", "--name",
                      "spread-logs", "--replicas", "3", "--replicas-max-per-node", "1",
                      "--restart-condition", "none", "busybox:local", "seq", "1", str(n_lines))
        wait_until(lambda: len(running_tasks(api, "global-ps")) == 3, "3 running global tasks")
        wait_until(lambda: sum((t.get("Status") or {}).get("State") == "complete"
                               for t in api.tasks(filters={"service": "spread-logs"})) == 3,
                   "3 finished log tasks")
        nodes_used = {t.get("NodeID") for t in api.tasks(filters={"service": "spread-logs"})}
        notes.append(f"`spread-logs` ran on {len(nodes_used)} distinct nodes.")
        cases.append(measure("3 nodes: `ps` of a global service (3 running tasks)", {
            "swarmctl": [*SWARMCTL, "ps", "global-ps"],
            "docker": [*DOCKER, "service", "ps", "global-ps"],
        }, env, args.repeat))
        cases.append(measure(f"3 nodes: `logs --tail all` of 3 tasks on 3 nodes "
                             f"({3 * n_lines:,} lines)", {
            "swarmctl": [*SWARMCTL, "logs", "--tail", "all", "spread-logs"],
            "docker": [*DOCKER, "service", "logs", "--tail", "all", "spread-logs"],
        }, env, args.repeat, unordered=True))
        engine.docker("service", "rm", "global-ps", "spread-logs")
        load.append(os.getloadavg()[0])

    body = report(cases, profiles, notes, load, args) + ["", *costs]
    print("\n".join(body))
    if not args.no_write:
        run.write_section(Path(args.output), SECTION, body)
        print(f"wrote section {SECTION!r} of {args.output}")


def report(cases, profiles, notes, load, args):
    docker_version = subprocess.run(["docker", "--version"], capture_output=True, text=True).stdout.strip()
    lines = [
        f"- date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M UTC}",
        f"- machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}",
        f"- packages: {run._versions()}",
        f"- engine: Docker Engine 20.10 (API 1.41), a 3-node swarm in private network namespaces "
        f"on this machine (the manager answers every request); Docker CLI: {docker_version}",
        f"- load average (1 min) at start / end: {load[0]:.2f} / {load[-1]:.2f} on "
        f"{os.cpu_count()} cores (other helpers' unit tests ran meanwhile; no engine test)",
        f"- method: see bench/many.py's docstring; {args.repeat} counted rounds a case, "
        "contenders in turn, medians",
        *([f"- swarmctl before: the checkout at `{args.before}`, run the same way"] if args.before else []),
        f"- reproduce: `sudo flock /tmp/swarmctl-engine.lock .venv/bin/python bench/many.py"
        f"{' --quick' if args.quick else ''} --repeat {args.repeat}"
        f"{' --before ' + args.before if args.before else ''}`",
        "",
        "| case | swarmctl | docker | other | swarmctl / docker (pairs) | target | output |",
        "|---|---|---|---|---|---|---|",
    ]
    for case in cases:
        others = [f"{label}: {case.median(label) * 1000:.1f} ms"
                  + (f" ({case.ratio(label):.2f}×)" if label == BEFORE_LABEL else "")
                  for label in case.contenders if label not in ("swarmctl", "docker")]
        ratio = case.ratio()
        verdict = "—" if case.target is None else (
            f"≤ {case.target}: {'met' if ratio <= case.target else '**missed**'}")
        lines.append(f"| {case.name} | {case.median('swarmctl') * 1000:.1f} ms | "
                     f"{case.median('docker') * 1000:.1f} ms | {'<br>'.join(others) or ''} | "
                     f"**{ratio:.2f}×** ({case.pair_ratio():.2f}×) | {verdict} | {same_output(case)} |")
    lines += ["", "Peak memory (maximum resident set size, `/usr/bin/time -f %M`, median of 3 "
              "untimed runs):", ""]
    for case in cases:
        if case.peaks.get("swarmctl"):
            lines.append(f"- {case.name}: " + ", ".join(
                f"{label} {case.peak(label) / 1024:.1f} MiB" for label in case.contenders))
    by_name = {case.name: case for case in cases}
    one = next(c for n, c in by_name.items() if n.startswith("`inspect` of one"))
    many = next(c for n, c in by_name.items() if n.startswith("`inspect` of") and c is not one)
    count = int(many.name.split()[2])
    startup = cases[0]
    lines += ["", "What the ratios are made of:", "",
              f"- fixed start-up (one request, empty answer): swarmctl "
              f"{startup.median('swarmctl') * 1000:.1f} ms, docker {startup.median('docker') * 1000:.1f} ms, "
              f"stdlib floor {startup.median('stdlib floor') * 1000:.1f} ms"]
    for label in ("swarmctl", "docker"):
        per = (many.median(label) - one.median(label)) / (count - 1)
        lines.append(f"- `inspect`, each further service: {label} {per * 1000:.2f} ms "
                     f"({many.median(label) * 1000:.0f} ms for {count} − {one.median(label) * 1000:.0f} ms "
                     "for one)")
    lines += [f"- {note}" for note in notes]
    for title, rows in profiles.items():
        lines += ["", f"### cProfile: swarmctl {title} (one run)", "", *rows]
    return lines


if __name__ == "__main__":
    main()
