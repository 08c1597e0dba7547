#!/usr/bin/env python3
"""swarmctl start-up and throughput benchmarks, against the Docker CLI and a stdlib floor.

Run as root (it starts a private swarm with tests/swarmlab.py), one command:

    sudo .venv/bin/python bench/run.py [--repeat 9] [--quick] [--output bench/RESULTS.md]

Every case runs each contender in the same session against the same engine and reports the
median wall time of --repeat runs (after one warm-up), stdout into a pipe (``| cat``), and
the ratios the targets speak of. This is a benchmark, not a test: nothing here fails on a
slow machine; the results file says which targets were met.

Bytecode: installed packages have .pyc files, so swarmctl is measured with bytecode caching
on: PYTHONDONTWRITEBYTECODE is removed from the environment of every measured process and
``compileall`` runs on the tree first (a machine that sets PYTHONDONTWRITEBYTECODE=1 would
otherwise recompile every swarmctl module on every run and measure the compiler).
"""
from __future__ import annotations

import argparse
import compileall
import datetime
import importlib.metadata
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
import swarmlab  # noqa: E402

PYTHON = sys.executable
FLOOR = [PYTHON, str(ROOT / "bench" / "floor.py")]
# What pip's console script does (no runpy, unlike `python -m swarmctl`): bench/swarmctl.
SWARMCTL = [PYTHON, str(ROOT / "bench" / "swarmctl")]
# The proposed fix, prototyped: the same CLI with a stdlib transport for ls and ps
# (http.client, or one bare HTTP/1.0 GET per request on the socket).
STDLIB_CLI = [PYTHON, str(ROOT / "bench" / "stdlib_cli.py")]
BARE_CLI = [*STDLIB_CLI, "--bare-socket"]
PROTO = "prototype: stdlib http.client transport"
BARE = "prototype: bare socket transport"


PROPOSALS = [
    "## Proposals",
    "",
    "- **Transport (the `ls` target).** requests + requests-unixsocket alone cost more than the "
    "whole stdlib floor (see the start-up table): no amount of work elsewhere brings `ls` within "
    "1.5× of the floor while the CLI's read path imports them. Fix: a stdlib `http.client` "
    "transport over the unix socket for the CLI's read paths (`ls`, `ps`, `inspect`, `logs`), "
    "behind the existing `APIClient` methods, with requests loaded only for what needs it "
    "(TLS client certificates, ssh, or when the library is used as docker-py). "
    "`swarmctl.errors` imports requests at module level (APIError subclasses "
    "`requests.HTTPError` for docker-py compatibility) and `swarmctl.context` imports "
    "`swarmctl.errors`, so the CLI pays for requests even before a request: the CLI path "
    "needs errors that do not import requests until an HTTP error is raised (e.g. a lazily "
    "built APIError class, or CLI-side error types). `bench/stdlib_cli.py` is a working "
    "prototype (same commands and output) with two stdlib transports; its rows above are "
    "measured, not projected. http.client itself costs ~25 ms to import (email, ssl): one bare "
    "HTTP/1.0 GET per request on the socket, as the completion path does, is the cheaper of "
    "the two for the read paths (streaming `logs` would read the body until the engine closes "
    "it).",
    "- **Rendering (done).** Per-cell work in `swarmctl/output/tables.py` used to cost over "
    "100 ms of `ps` for 500 tasks (every `…` cell through the pure-Python grapheme segmenter, "
    "task ordering through `cmp_to_key`). `display_width` now segments only strings with "
    "characters that can join a neighbour, and tasks sort by a precomputed natural key; the "
    "profile above is after that change. What is left of `ps` is the transport.",
    "- **Completion** meets its target by not importing requests at all: a bare HTTP/1.0 GET "
    "on the socket (`swarmctl/cli/complete.py`), with the endpoint resolved by a stdlib mirror "
    "of `swarmctl.context` (kept equal by a test).",
]


def run_once(argv, env):
    """Wall time and peak RSS (KiB) of one run, its output sent to a pipe like `| cat`."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               stdin=subprocess.DEVNULL)
    for _chunk in iter(lambda: process.stdout.read(1 << 16), b""):
        pass
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise RuntimeError(f"{argv} exited {process.returncode}")
    return elapsed, usage.ru_maxrss


def measure(argv, env, repeat):
    run_once(argv, env)  # warm caches (page cache, .pyc files)
    times = [run_once(argv, env)[0] for _ in range(repeat)]
    return statistics.median(times)


def measure_group(cases, env, repeat):
    """Median wall time of each case, the cases interleaved so that background load on the
    machine hits them all alike. ``cases`` maps a name to (argv, env or None)."""
    for argv, case_env in cases.values():
        run_once(argv, case_env or env)
    times = {name: [] for name in cases}
    for _ in range(repeat):
        for name, (argv, case_env) in cases.items():
            times[name].append(run_once(argv, case_env or env)[0])
    return {name: statistics.median(values) for name, values in times.items()}


def _met(value, target):
    op, number = target.split()
    number = float(number)
    return value <= number if op == "≤" else value >= number


class Report:
    def __init__(self):
        self.rows = []

    def add(self, case, results, ratios=()):
        self.rows.append((case, results, ratios))
        cells = ", ".join(f"{name} {value * 1000:.1f} ms" for name, value in results.items())
        ratio_text = "; ".join(f"{label} {value:.2f}× (target {target}: "
                               f"{'met' if _met(value, target) else 'MISSED'})"
                               for label, value, target in ratios)
        print(f"{case}: {cells}" + (f" — {ratio_text}" if ratio_text else ""), flush=True)

    def markdown(self, header, extra):
        lines = ["# swarmctl benchmark results", "", *header, "",
                 "| case | timings (median) | ratios |", "|---|---|---|"]
        for case, results, ratios in self.rows:
            cells = "<br>".join(f"{name}: {value * 1000:.1f} ms" for name, value in results.items())
            ratio_text = "<br>".join(
                f"{label}: **{value:.2f}×** (target {target}: "
                f"{'met' if _met(value, target) else '**missed**'})"
                for label, value, target in ratios)
            lines.append(f"| {case} | {cells} | {ratio_text} |")
        lines += ["", *extra, ""]
        return "\n".join(lines)


def create_services(engine, prefix, count, **extra):
    """Services whose tasks never start (an unsatisfiable constraint): cheap to have 1,000."""
    for index in range(count):
        engine.docker("service", "create", "-d", "--quiet", "--no-resolve-image", "--name",
                      f"{prefix}{index:04d}", "--constraint", "node.labels.bench==none",
                      *extra.get("flags", ()), "busybox:local", "sleep", "1")


def logs_rss_profile(engine, env, seconds):
    """Peak RSS of `swarmctl logs -f` sampled while a service streams lines continuously."""
    name = "bench-stream"
    engine.docker("service", "create", "-d", "--quiet", "--no-resolve-image", "--name", name,
                  "busybox:local", "sh", "-c", "yes bench-line-with-some-padding-to-be-realistic")
    time.sleep(3)
    process = subprocess.Popen([*SWARMCTL, "logs", "-f", "--tail", "0", name], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    samples = []
    received = 0
    deadline = time.monotonic() + seconds
    next_sample = time.monotonic() + 1
    os.set_blocking(process.stdout.fileno(), False)
    while time.monotonic() < deadline:
        chunk = process.stdout.read(1 << 20)
        if chunk:
            received += len(chunk)
        else:
            time.sleep(0.01)
        if time.monotonic() >= next_sample:
            next_sample += 1
            with open(f"/proc/{process.pid}/status") as status:
                rss = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
            samples.append(rss)
    process.terminate()
    process.wait()
    engine.docker("service", "rm", name)
    return samples, received


def profile_top(argv, env, limit=6):
    """The functions of swarmctl's own code that take the most time in one run (cProfile)."""
    import pstats
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".prof") as out:
        subprocess.run([PYTHON, "-m", "cProfile", "-o", out.name, *argv[1:]], env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        stats = pstats.Stats(out.name)
    rows = []
    for (filename, line, function), (_cc, calls, tottime, cumtime, _callers) in stats.stats.items():
        if "/swarmctl/" in filename and "/swarmctl/cli/main.py" not in filename:
            where = filename.split("/swarmctl/", 1)[1]
            rows.append((tottime, cumtime, calls, f"swarmctl/{where}:{line} {function}"))
    rows.sort(reverse=True)
    total = sum(t for (_f, _l, _n), (_c, _k, t, _u, _r) in stats.stats.items())
    return total, rows[:limit]


def _versions():
    found = []
    for package in ("click", "requests", "urllib3", "requests-unixsocket", "rich"):
        try:
            found.append(f"{package} {importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{package} (not installed)")
    return ", ".join(found)


def _startup_hooks():
    """.pth files run by every interpreter start (they cost the floor and swarmctl alike)."""
    import site

    hooks = []
    for folder in site.getsitepackages():
        for pth in sorted(Path(folder).glob("*.pth")):
            if any(line.startswith("import") for line in pth.read_text(errors="replace").splitlines()):
                hooks.append(pth.name)
    return hooks


def import_costs(env, repeat):
    """What each layer costs to import, as whole interpreter runs (median, ms)."""
    snippets = {
        "python -c pass": "pass",
        "stdlib http (http.client, json, socket)": "import http.client, json, socket",
        "click": "import click",
        "requests": "import requests",
        "requests_unixsocket": "import requests_unixsocket",
        "swarmctl.cli.app (the click app, lazy)": "import swarmctl.cli.app",
        "swarmctl.client (requests transport)": "import swarmctl.client, swarmctl.context",
    }
    cases = {name: ([PYTHON, "-c", code], None) for name, code in snippets.items()}
    return measure_group(cases, env, repeat)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--quick", action="store_true", help="fewer services and lines, for a smoke run")
    parser.add_argument("--output", default=str(ROOT / "bench" / "RESULTS.md"))
    args = parser.parse_args()
    if shutil.which("docker") is None:
        sys.exit("bench: the docker CLI is needed as the comparison")

    # bytecode caching on, as for installed packages (see the module docstring)
    compileall.compile_dir(str(ROOT / "swarmctl"), quiet=1)
    load_before = os.getloadavg()
    many_services = 100 if args.quick else 1000
    ps_tasks = 50 if args.quick else 500
    log_lines = 20000 if args.quick else 200000
    report = Report()
    extra = []
    with swarmlab.Lab(nodes=1) as lab:
        engine = lab.manager
        env = engine.env()
        env["PYTHONPATH"] = str(ROOT)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for name in [k for k in env if k.startswith(("_SWARMCTL", "COMP_", "TTY_", "FORCE_COLOR"))]:
            env.pop(name)
        socket_path = str(engine.socket)
        docker = ["docker"]

        costs = import_costs(env, args.repeat)
        bare = costs["python -c pass"]
        for name, value in costs.items():
            print(f"import cost: {name}: {value * 1000:.1f} ms ({(value - bare) * 1000:+.1f} ms over bare)")

        help_times = measure_group({
            "swarmctl --help": ([*SWARMCTL, "--help"], None),
            "python -c 'import click'": ([PYTHON, "-c", "import click"], None),
            "docker service --help": ([*docker, "service", "--help"], None),
        }, env, args.repeat)
        report.add("`--help`", help_times,
                   [("swarmctl / import click",
                     help_times["swarmctl --help"] / help_times["python -c 'import click'"], "≤ 1.3")])

        ls_results = {}
        for count in (10, many_services):
            prefix = f"ls{count}-"
            create_services(engine, prefix, count)
            times = measure_group({
                "swarmctl": ([*SWARMCTL, "ls"], None),
                "docker": ([*docker, "service", "ls"], None),
                "stdlib floor": ([*FLOOR, socket_path, "/v1.41/services?status=true"], None),
                PROTO: ([*STDLIB_CLI, "ls"], None),
                BARE: ([*BARE_CLI, "ls"], None),
            }, env, args.repeat)
            ls_results[count] = times
            report.add(f"`ls \\| cat` with {count} services", times,
                       [("swarmctl / floor", times["swarmctl"] / times["stdlib floor"], "≤ 1.5"),
                        ("swarmctl / docker", times["swarmctl"] / times["docker"], "≤ 1.5"),
                        ("http.client prototype / floor", times[PROTO] / times["stdlib floor"], "≤ 1.5"),
                        ("http.client prototype / docker", times[PROTO] / times["docker"], "≤ 1.5"),
                        ("bare socket prototype / floor", times[BARE] / times["stdlib floor"], "≤ 1.5"),
                        ("bare socket prototype / docker", times[BARE] / times["docker"], "≤ 1.5")])
            engine.docker("service", "rm", *[f"{prefix}{i:04d}" for i in range(count)])

        engine.docker("service", "create", "-d", "--quiet", "--no-resolve-image", "--name", "bench-ps",
                      "--replicas", str(ps_tasks), "--constraint", "node.labels.bench==none",
                      "busybox:local", "sleep", "1")
        time.sleep(2)
        times = measure_group({
            "swarmctl": ([*SWARMCTL, "ps", "bench-ps"], None),
            "docker": ([*docker, "service", "ps", "bench-ps"], None),
            PROTO: ([*STDLIB_CLI, "ps", "bench-ps"], None),
            BARE: ([*BARE_CLI, "ps", "bench-ps"], None),
        }, env, args.repeat)
        ps_total, ps_top = profile_top([*SWARMCTL, "ps", "bench-ps"], env)
        report.add(f"`ps \\| cat` of {ps_tasks} tasks", times,
                   [("swarmctl / docker", times["swarmctl"] / times["docker"], "≤ 1.5"),
                    ("http.client prototype / docker", times[PROTO] / times["docker"], "≤ 1.5"),
                    ("bare socket prototype / docker", times[BARE] / times["docker"], "≤ 1.5")])

        # One Tab press: `swarmctl rm bench<Tab>` as the bash script sends it.
        completion_env = dict(env, _SWARMCTL_COMPLETE="bash_complete", COMP_LINE="swarmctl rm bench",
                              COMP_WORDBREAKS=" \t\n\"'><=;|&(:")
        flag_env = dict(env, _SWARMCTL_COMPLETE="bash_complete", COMP_LINE="swarmctl update --rollback-m")
        times = measure_group({
            "swarmctl (service name)": ([*SWARMCTL], completion_env),
            "swarmctl (flag name, no request)": ([*SWARMCTL], flag_env),
            "stdlib floor": ([*FLOOR, socket_path, "/v1.41/services"], None),
        }, env, args.repeat)
        report.add("completion (one Tab press)", times,
                   [("service name / floor", times["swarmctl (service name)"] / times["stdlib floor"], "≤ 1.5")])
        engine.docker("service", "rm", "bench-ps")

        engine.docker("service", "create", "-d", "--quiet", "--no-resolve-image", "--name", "bench-logs",
                      "--restart-condition", "none", "busybox:local", "seq", "1", str(log_lines))
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            tail = engine.docker("service", "logs", "--tail", "1", "bench-logs", check=False).stdout
            if tail.rstrip().endswith(f"| {log_lines}"):
                break
            time.sleep(1)
        times = measure_group({
            "swarmctl": ([*SWARMCTL, "logs", "--tail", "all", "bench-logs"], None),
            "docker": ([*docker, "service", "logs", "--tail", "all", "bench-logs"], None),
        }, env, max(3, args.repeat // 2))
        report.add(f"`logs --tail all \\| cat` of {log_lines:,} lines", times,
                   [("throughput swarmctl / docker", times["docker"] / times["swarmctl"], "≥ 0.8")])
        engine.docker("service", "rm", "bench-logs")

        samples, received = logs_rss_profile(engine, env, 10 if args.quick else 30)
        if samples:
            growth = samples[-1] - samples[len(samples) // 2]
            extra += [
                "## `logs -f` memory",
                "",
                f"RSS of `swarmctl logs -f` sampled once a second while {received / 2**20:.0f} MiB "
                f"streamed through it: first {samples[0]} KiB, middle {samples[len(samples) // 2]} KiB, "
                f"last {samples[-1]} KiB, peak {max(samples)} KiB; second half growth {growth:+d} KiB "
                f"(target: flat).",
                "",
                "Samples (KiB): " + " ".join(str(s) for s in samples),
            ]
            print(extra[-3])

        # What requests costs at start-up, and what a stdlib transport would save.
        transport = costs["swarmctl.client (requests transport)"] - bare
        stdlib_http = costs["stdlib http (http.client, json, socket)"] - bare
        saving = transport - stdlib_http
        extra += [
            "",
            "## Start-up cost of each layer",
            "",
            "Whole interpreter runs of `python -c 'import X'` (median); the last column is what the "
            "import adds to a bare `python -c pass`.",
            "",
            "| import | wall time | added |",
            "|---|---|---|",
        ]
        extra += [f"| {name} | {value * 1000:.1f} ms | {(value - bare) * 1000:+.1f} ms |"
                  for name, value in costs.items()]
        extra += ["", "## requests / requests-unixsocket and the `ls` target", ""]
        extra.append(
            f"Importing the requests transport (`swarmctl.client` + `swarmctl.context`, which pull "
            f"in requests, urllib3, requests_unixsocket) adds {transport * 1000:.1f} ms to an "
            f"interpreter start; `requests_unixsocket` alone adds "
            f"{(costs['requests_unixsocket'] - bare) * 1000:.1f} ms; the stdlib modules the floor "
            f"uses add {stdlib_http * 1000:.1f} ms. That difference ({saving * 1000:.1f} ms) is "
            f"{saving / ls_results[10]['stdlib floor']:.0%} of the whole floor for 10 services: "
            "requests alone breaks the `ls` target.")
        extra.append("")
        for count, times in ls_results.items():
            floor_time = times["stdlib floor"]
            extra.append(
                f"- `ls` of {count} services: swarmctl {times['swarmctl'] * 1000:.1f} ms = "
                f"**{times['swarmctl'] / floor_time:.2f}×** the floor; the same CLI with an "
                f"http.client transport (measured, `bench/stdlib_cli.py`) "
                f"{times[PROTO] * 1000:.1f} ms = **{times[PROTO] / floor_time:.2f}×**; with one bare "
                f"HTTP/1.0 GET per request on the socket (no http.client import) "
                f"{times[BARE] * 1000:.1f} ms = **{times[BARE] / floor_time:.2f}×**; docker "
                f"{times['docker'] * 1000:.1f} ms.")

        extra += [
            "",
            f"## Where `ps` of {ps_tasks} tasks spends its time (cProfile, one run)",
            "",
            f"Total profiled time {ps_total * 1000:.0f} ms; swarmctl's own functions with the most "
            "self time:",
            "",
            "| self | cumulative | calls | function |",
            "|---|---|---|---|",
        ]
        extra += [f"| {tot * 1000:.1f} ms | {cum * 1000:.1f} ms | {calls} | `{name}` |"
                  for tot, cum, calls, name in ps_top]
        extra += ["", *PROPOSALS]

    header = [
        f"- date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M UTC}",
        f"- machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()} ({PYTHON})",
        f"- packages: {_versions()}",
        f"- interpreter start-up hooks (.pth files that import at every start, paid by every "
        f"Python contender alike): {', '.join(_startup_hooks()) or 'none'}",
        f"- engine: Docker Engine 20.10 (API 1.41) in a private network namespace; "
        f"Docker CLI: {subprocess.run(['docker', '--version'], capture_output=True, text=True).stdout.strip()}",
        f"- load average (1 min) at start / end: {load_before[0]:.2f} / {os.getloadavg()[0]:.2f} "
        f"on {os.cpu_count()} cores (other work on the machine inflates every contender's time)",
        f"- method: median wall time of {args.repeat} runs after a warm-up, contenders of a case "
        "interleaved, stdout into a pipe; swarmctl runs from this tree through `bench/swarmctl`, "
        "which does what pip's console script does",
        "- bytecode caching **on**: PYTHONDONTWRITEBYTECODE removed from the environment and "
        "`compileall` run on `swarmctl/` first (installed packages have .pyc files; without them "
        "every run recompiles every module)",
        "- reproduce: `sudo .venv/bin/python bench/run.py` (writes this file)",
    ]
    Path(args.output).write_text(report.markdown(header, extra))
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
