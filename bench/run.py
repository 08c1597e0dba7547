#!/usr/bin/env python3
"""swarmctl start-up and throughput benchmarks, against a docker-py script, the Docker CLI
and a stdlib floor.

Run as root (it starts a private swarm with tests/swarmlab.py), one command:

    sudo .venv/bin/python bench/run.py [--repeat 9] [--quick] [--section before|after|NAME]

Every case runs each contender in the same session against the same engine and reports the
median wall time of --repeat runs (after one warm-up), stdout into a pipe (``| cat``), the
contenders of a case interleaved, and the ratios the targets speak of. This is a
benchmark, not a test: nothing here fails on a slow machine; the results say which
targets were met. The results go into one section of bench/RESULTS.md (``## Issue #10:
<section>``), replacing a section of that name and keeping the others.

The contenders:

- ``swarmctl``: this tree run through ``bench/swarmctl``, which does what pip's console
  script does: ``swarmctl.cli.main.console_main``, with the cyclic garbage collector off
  while modules load and no interpreter teardown after the command;
- ``docker-py``: ``bench/dockerpy_peer.py``, the same reads written with docker-py 7 as a
  Python user would (the yardstick of issue #10: ls, ps and inspect at most 0.9x of it);
- ``docker``: the Docker CLI (Go), and the stdlib floor (``bench/floor.py``) for reference.

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
import re
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
BENCH = ROOT / "bench"
FLOOR = [PYTHON, str(BENCH / "floor.py")]
# What pip's console script does (no runpy, unlike `python -m swarmctl`): bench/swarmctl.
SWARMCTL = [PYTHON, str(BENCH / "swarmctl")]
DOCKER_PY = [PYTHON, str(BENCH / "dockerpy_peer.py")]
PEER_TARGET = "≤ 0.9"  # issue #10: swarmctl ls, ps, inspect each at most 0.9x docker-py


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


def _ratio_text(label, value, target, bold=""):
    verdict = "" if target is None else (
        f" (target {target}: {'met' if _met(value, target) else bold + 'missed' + bold})")
    return f"{label}: {bold}{value:.2f}×{bold}{verdict}"


class Report:
    def __init__(self):
        self.rows = []

    def add(self, case, results, ratios=()):
        """``ratios``: (label, value, target or None) for each ratio worth showing."""
        self.rows.append((case, results, ratios))
        cells = ", ".join(f"{name} {value * 1000:.1f} ms" for name, value in results.items())
        ratio_text = "; ".join(_ratio_text(*ratio) for ratio in ratios)
        print(f"{case}: {cells}" + (f" — {ratio_text}" if ratio_text else ""), flush=True)

    def table(self):
        lines = ["| case | timings (median) | ratios |", "|---|---|---|"]
        for case, results, ratios in self.rows:
            cells = "<br>".join(f"{name}: {value * 1000:.1f} ms" for name, value in results.items())
            ratio_text = "<br>".join(_ratio_text(*ratio, bold="**") for ratio in ratios)
            lines.append(f"| {case} | {cells} | {ratio_text} |")
        return lines


def peer_ratios(times):
    """The issue's ratios: swarmctl over the docker-py script."""
    return [("swarmctl / docker-py", times["swarmctl"] / times["docker-py"], PEER_TARGET),
            ("swarmctl / docker CLI", times["swarmctl"] / times["docker"], None)]


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


def profile_top(args, env, limit=6):
    """The functions of swarmctl's own code that take the most time in one run of the
    command ``args`` (cProfile). The run goes through ``run()``, not the console entry
    point: that one ends with ``os._exit``, before cProfile could write its file."""
    import pstats
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".prof") as out:
        profiled = ("import cProfile, sys\n"
                    "out, sys.argv = sys.argv[1], ['swarmctl', *sys.argv[2:]]\n"
                    "cProfile.run('from swarmctl.cli.main import run; run()', out)\n")
        subprocess.run([PYTHON, "-c", profiled, out.name, *args], env=env,
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


def import_tree(argv, env, runs=5):
    """Where one command's imports go: the top-level entries of ``python -X importtime``
    (each with everything it pulled in first), median over ``runs`` runs, in ms, and the
    number of modules loaded. importtime's own bookkeeping makes every figure a little
    larger than in a plain run; read them for their relative size."""
    cumulative = {}
    counts = []
    for _ in range(runs):
        done = subprocess.run([PYTHON, "-X", "importtime", *argv[1:]], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        count = 0
        for line in done.stderr.splitlines():
            found = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)$", line)
            if not found:
                continue
            count += 1
            if len(found.group(3)) == 1:  # one space: a top-level import, not one nested under another
                cumulative.setdefault(found.group(4), []).append(int(found.group(2)) / 1000)
        counts.append(count)
    tree = {name: statistics.median(values) for name, values in cumulative.items()
            if len(values) * 2 > runs}
    return statistics.median(counts), dict(sorted(tree.items(), key=lambda kv: -kv[1]))


def _versions():
    found = []
    for package in ("click", "requests", "urllib3", "requests-unixsocket", "charset-normalizer",
                    "idna", "docker", "rich"):
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


def startup_anatomy(env, repeat):
    """What interpreter start, each layer's import and interpreter teardown cost, as whole
    interpreter runs (median, ms). ``os._exit`` skips the teardown; ``gc.disable()`` the
    collector passes while modules load."""
    snippets = {
        "python -S -c pass (no site)": ["-S", "-c", "pass"],
        "python -c pass": ["-c", "pass"],
        "import click": ["-c", "import click"],
        "import requests": ["-c", "import requests"],
        "import requests, then os._exit": ["-c", "import os, requests; os._exit(0)"],
        "gc.disable(), import requests": ["-c", "import gc; gc.disable(); import requests"],
        "import requests_unixsocket": ["-c", "import requests_unixsocket"],
        "import docker (docker-py)": ["-c", "import docker"],
        "import docker, then os._exit": ["-c", "import docker, os; os._exit(0)"],
        "import swarmctl.cli.app (the click app, lazy)": ["-c", "import swarmctl.cli.app"],
        "import swarmctl.api.client (the engine client, loads requests)":
            ["-c", "import swarmctl.api.client"],
    }
    cases = {name: ([PYTHON, *args], None) for name, args in snippets.items()}
    return measure_group(cases, env, repeat)


def _import_tree_section(trees):
    lines = ["### Where the imports go", "",
             "`python -X importtime`, top-level imports of each command (each with what it "
             "loaded first), median of 5 runs, ms; importtime's own overhead inflates every "
             "figure a little. Modules a contender shares (requests, urllib3, site) are "
             "charged to whichever import reached them first.", ""]
    for label, (count, tree) in trees.items():
        shown = [(name, ms) for name, ms in tree.items() if ms >= 0.5]
        total = sum(tree.values())
        lines.append(f"- {label}: {count:.0f} modules, {total:.1f} ms in imports: "
                     + ", ".join(f"`{name}` {ms:.1f}" for name, ms in shown))
    return lines


def write_section(path, title, body):
    """Put ``## title`` with ``body`` into the results file, replacing a section of that
    title and keeping the others."""
    heading = f"## {title}"
    text = path.read_text() if path.exists() else "# swarmctl benchmark results\n"
    parts = re.split(r"(?m)^(?=## )", text)
    section = "\n".join([heading, "", *body]).rstrip("\n") + "\n\n"
    kept = [part for part in parts if part.split("\n", 1)[0].strip() != heading]
    replaced = len(kept) != len(parts)
    if replaced:
        index = next(i for i, part in enumerate(parts) if part.split("\n", 1)[0].strip() == heading)
        kept.insert(index, section)
    else:
        kept.append(section)
    path.write_text("".join(kept).rstrip("\n") + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--quick", action="store_true", help="fewer services and lines, for a smoke run")
    parser.add_argument("--output", default=str(BENCH / "RESULTS.md"))
    parser.add_argument("--section", default="after",
                        help="the section of the results file to (re)write: ## Issue #10: SECTION")
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
    trees = {}
    with swarmlab.Lab(nodes=1) as lab:
        engine = lab.manager
        env = engine.env()
        env["PYTHONPATH"] = str(ROOT)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for name in [k for k in env if k.startswith(("_SWARMCTL", "COMP_", "TTY_", "FORCE_COLOR"))]:
            env.pop(name)
        socket_path = str(engine.socket)
        docker = ["docker"]

        anatomy = startup_anatomy(env, args.repeat)
        bare = anatomy["python -c pass"]
        for name, value in anatomy.items():
            print(f"start-up: {name}: {value * 1000:.1f} ms ({(value - bare) * 1000:+.1f} ms over python -c pass)")

        help_times = measure_group({
            "swarmctl --help": ([*SWARMCTL, "--help"], None),
            "python -c 'import click'": ([PYTHON, "-c", "import click"], None),
            "docker service --help": ([*docker, "service", "--help"], None),
        }, env, args.repeat)
        click_alone = help_times["python -c 'import click'"]
        report.add("`--help`", help_times,
                   [("swarmctl / import click", help_times["swarmctl --help"] / click_alone, "≤ 1.3")])

        for count in (10, many_services):
            prefix = f"ls{count}-"
            create_services(engine, prefix, count)
            times = measure_group({
                "swarmctl": ([*SWARMCTL, "ls"], None),
                "docker-py": ([*DOCKER_PY, "ls"], None),
                "docker": ([*docker, "service", "ls"], None),
                "stdlib floor": ([*FLOOR, socket_path, "/v1.41/services?status=true"], None),
            }, env, args.repeat)
            report.add(f"`ls \\| cat` with {count} services", times,
                       [*peer_ratios(times),
                        ("swarmctl / stdlib floor", times["swarmctl"] / times["stdlib floor"], None)])
            if count == 10:
                trees["swarmctl ls"] = import_tree([*SWARMCTL, "ls"], env)
                trees["docker-py ls"] = import_tree([*DOCKER_PY, "ls"], env)
            engine.docker("service", "rm", *[f"{prefix}{i:04d}" for i in range(count)])

        engine.docker("service", "create", "-d", "--quiet", "--no-resolve-image", "--name", "bench-ps",
                      "--replicas", str(ps_tasks), "--constraint", "node.labels.bench==none",
                      "busybox:local", "sleep", "1")
        time.sleep(2)
        times = measure_group({
            "swarmctl": ([*SWARMCTL, "ps", "bench-ps"], None),
            "docker-py": ([*DOCKER_PY, "ps", "bench-ps"], None),
            "docker": ([*docker, "service", "ps", "bench-ps"], None),
        }, env, args.repeat)
        ps_total, ps_top = profile_top(["ps", "bench-ps"], env)
        report.add(f"`ps \\| cat` of {ps_tasks} tasks", times, peer_ratios(times))

        times = measure_group({
            "swarmctl": ([*SWARMCTL, "inspect", "bench-ps"], None),
            "docker-py": ([*DOCKER_PY, "inspect", "bench-ps"], None),
            "docker": ([*docker, "service", "inspect", "bench-ps"], None),
        }, env, args.repeat)
        report.add("`inspect \\| cat` of one service", times, peer_ratios(times))

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
                "### `logs -f` memory",
                "",
                f"RSS of `swarmctl logs -f` sampled once a second while {received / 2**20:.0f} MiB "
                f"streamed through it: first {samples[0]} KiB, middle {samples[len(samples) // 2]} KiB, "
                f"last {samples[-1]} KiB, peak {max(samples)} KiB; second half growth {growth:+d} KiB "
                f"(target: flat).",
                "",
                "Samples (KiB): " + " ".join(str(s) for s in samples),
                "",
            ]
            print(extra[-4])

        extra += [
            "### Start-up anatomy",
            "",
            "Whole interpreter runs (median); the last column is what the run adds to a bare "
            "`python -c pass`. `os._exit` skips the interpreter's teardown; `gc.disable()` the "
            "garbage collector's passes while the modules load.",
            "",
            "| run | wall time | added |",
            "|---|---|---|",
        ]
        extra += [f"| {name} | {value * 1000:.1f} ms | {(value - bare) * 1000:+.1f} ms |"
                  for name, value in anatomy.items()]
        extra += ["", *_import_tree_section(trees), ""]
        extra += [
            f"### Where `ps` of {ps_tasks} tasks spends its time (cProfile, one run)",
            "",
            f"Total profiled time {ps_total * 1000:.0f} ms; swarmctl's own functions with the most "
            "self time:",
            "",
            "| self | cumulative | calls | function |",
            "|---|---|---|---|",
        ]
        extra += [f"| {tot * 1000:.1f} ms | {cum * 1000:.1f} ms | {calls} | `{name}` |"
                  for tot, cum, calls, name in ps_top]

    header = [
        f"- date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M UTC}",
        f"- machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}",
        f"- packages: {_versions()}",
        f"- interpreter start-up hooks (.pth files that import at every start, paid by every "
        f"Python contender alike): {', '.join(_startup_hooks()) or 'none'}",
        f"- engine: Docker Engine 20.10 (API 1.41) in a private network namespace; "
        f"Docker CLI: {subprocess.run(['docker', '--version'], capture_output=True, text=True).stdout.strip()}",
        f"- load average (1 min) at start / end: {load_before[0]:.2f} / {os.getloadavg()[0]:.2f} "
        f"on {os.cpu_count()} cores (other work on the machine inflates every contender's time)",
        f"- method: median wall time of {args.repeat} runs after a warm-up, contenders of a case "
        "interleaved, stdout into a pipe; swarmctl runs from this tree through `bench/swarmctl`, "
        "which does what pip's console script does (`console_main`: no garbage collection while "
        "modules load, no interpreter teardown); docker-py is `bench/dockerpy_peer.py`",
        "- bytecode caching **on**: PYTHONDONTWRITEBYTECODE removed from the environment and "
        "`compileall` run on `swarmctl/` first (installed packages have .pyc files; without them "
        "every run recompiles every module)",
        f"- reproduce: `sudo .venv/bin/python bench/run.py --section {args.section}`",
    ]
    output = Path(args.output)
    write_section(output, f"Issue #10: {args.section}", [*header, "", *report.table(), "", *extra])
    print(f"wrote section {args.section!r} of {output}")


if __name__ == "__main__":
    main()
