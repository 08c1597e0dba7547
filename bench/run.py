#!/usr/bin/env python3
"""swarmctl start-up and throughput benchmarks, against the Docker CLI and a stdlib floor.

Run as root (it starts a private swarm with tests/swarmlab.py):

    sudo .venv/bin/python bench/run.py [--repeat 7] [--quick] [--output bench/RESULTS.md]

Every case runs each contender in the same session against the same engine and reports the
median wall time of --repeat runs (after one warm-up) and the ratios the targets speak of.
This is a benchmark, not a test: nothing here fails on a slow machine.
"""
from __future__ import annotations

import argparse
import datetime
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
SWARMCTL = [PYTHON, "-m", "swarmctl"]


def run_once(argv, env, stdin=None):
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


class Report:
    def __init__(self):
        self.rows = []

    def add(self, case, results, ratios=()):
        self.rows.append((case, results, ratios))
        cells = ", ".join(f"{name} {value * 1000:.0f} ms" for name, value in results.items())
        ratio_text = "; ".join(f"{label} {value:.2f}× (target {target})" for label, value, target in ratios)
        print(f"{case}: {cells}" + (f" — {ratio_text}" if ratio_text else ""), flush=True)

    def markdown(self, extra):
        lines = [
            "# swarmctl benchmark results",
            "",
            f"- date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M UTC}",
            f"- machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}",
            f"- engine: Docker Engine 20.10 (API 1.41) in a private network namespace; "
            f"Docker CLI: {subprocess.run(['docker', '--version'], capture_output=True, text=True).stdout.strip()}",
            "- method: median wall time of repeated runs after a warm-up, stdout into a pipe",
            "",
            "| case | timings (median) | ratios |",
            "|---|---|---|",
        ]
        for case, results, ratios in self.rows:
            cells = "<br>".join(f"{name}: {value * 1000:.0f} ms" for name, value in results.items())
            ratio_text = "<br>".join(
                f"{label}: **{value:.2f}×** (target {target})" for label, value, target in ratios)
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="fewer services and lines, for a smoke run")
    parser.add_argument("--output", default=str(ROOT / "bench" / "RESULTS.md"))
    args = parser.parse_args()
    if shutil.which("docker") is None:
        sys.exit("bench: the docker CLI is needed as the comparison")

    many_services = 100 if args.quick else 1000
    ps_tasks = 50 if args.quick else 500
    log_lines = 20000 if args.quick else 200000
    report = Report()
    extra = []
    with swarmlab.Lab(nodes=1) as lab:
        engine = lab.manager
        env = engine.env()
        env["PYTHONPATH"] = str(ROOT)
        socket_path = str(engine.socket)
        docker = ["docker"]

        help_swarmctl = measure([*SWARMCTL, "--help"], env, args.repeat)
        import_click = measure([PYTHON, "-c", "import click"], env, args.repeat)
        help_docker = measure([*docker, "service", "--help"], env, args.repeat)
        report.add("`--help`", {"swarmctl": help_swarmctl, "python -c 'import click'": import_click,
                                "docker service --help": help_docker},
                   [("swarmctl / import click", help_swarmctl / import_click, "≤ 1.3")])

        for count in (10, many_services):
            prefix = f"ls{count}-"
            create_services(engine, prefix, count)
            ours = measure([*SWARMCTL, "ls"], env, args.repeat)
            theirs = measure([*docker, "service", "ls"], env, args.repeat)
            floor = measure([*FLOOR, socket_path, "/v1.41/services?status=true"], env, args.repeat)
            report.add(f"`ls` with {count} services",
                       {"swarmctl": ours, "docker": theirs, "stdlib floor": floor},
                       [("swarmctl / floor", ours / floor, "≤ 1.5"),
                        ("swarmctl / docker", ours / theirs, "≤ 1.5")])
            engine.docker("service", "rm", *[f"{prefix}{i:04d}" for i in range(count)])

        engine.docker("service", "create", "-d", "--quiet", "--no-resolve-image", "--name", "bench-ps",
                      "--replicas", str(ps_tasks), "--constraint", "node.labels.bench==none",
                      "busybox:local", "sleep", "1")
        time.sleep(2)
        ours = measure([*SWARMCTL, "ps", "bench-ps"], env, args.repeat)
        theirs = measure([*docker, "service", "ps", "bench-ps"], env, args.repeat)
        report.add(f"`ps` of {ps_tasks} tasks", {"swarmctl": ours, "docker": theirs},
                   [("swarmctl / docker", ours / theirs, "≤ 1.5")])

        completion_env = dict(env, _SWARMCTL_COMPLETE="bash_complete", COMP_WORDS="swarmctl rm bench",
                              COMP_CWORD="2")
        ours = measure([*SWARMCTL], completion_env, args.repeat)
        floor = measure([*FLOOR, socket_path, "/v1.41/services"], env, args.repeat)
        report.add("completion of a service name", {"swarmctl": ours, "stdlib floor": floor},
                   [("swarmctl / floor", ours / floor, "≤ 1.5")])
        engine.docker("service", "rm", "bench-ps")

        engine.docker("service", "create", "-d", "--quiet", "--no-resolve-image", "--name", "bench-logs",
                      "--restart-condition", "none", "busybox:local", "seq", "1", str(log_lines))
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            tail = engine.docker("service", "logs", "--tail", "1", "bench-logs", check=False).stdout
            if tail.rstrip().endswith(f"| {log_lines}"):
                break
            time.sleep(1)
        ours = measure([*SWARMCTL, "logs", "--tail", "all", "bench-logs"], env, max(3, args.repeat // 2))
        theirs = measure([*docker, "service", "logs", "--tail", "all", "bench-logs"], env,
                         max(3, args.repeat // 2))
        report.add(f"`logs --tail all` of {log_lines:,} lines", {"swarmctl": ours, "docker": theirs},
                   [("throughput swarmctl / docker", theirs / ours, "≥ 0.8")])
        engine.docker("service", "rm", "bench-logs")

        samples, received = logs_rss_profile(engine, env, 10 if args.quick else 30)
        if samples:
            extra += [
                "## `logs -f` memory",
                "",
                f"RSS of `swarmctl logs -f` sampled once a second while {received / 2**20:.0f} MiB "
                f"streamed through it: first {samples[0]} KiB, last {samples[-1]} KiB, "
                f"peak {max(samples)} KiB (target: flat).",
            ]
            print(extra[-1])

    Path(args.output).write_text(report.markdown(extra))
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
