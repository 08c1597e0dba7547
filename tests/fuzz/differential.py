"""Differential fuzzing of `create`'s flag values, with the Docker CLI as the oracle.

For each example (tests/fuzz/grammar.py), `docker service create` and `swarmctl create`
run with the same flags against a real engine, through a recording proxy
(tests/recproxy.py) that forwards everything. The verdict of each CLI is whether a
``POST /services/create`` went out; they agree when both sent one or neither did, and when
both sent one, the two request bodies are the same once normalised (the service name, and
the order of lists docker builds from Go maps). Exit codes of two refusals are compared
and reported, not counted (docker exits 125 or 1 by where it refuses, and so does swarmctl).
Services are created with ``--replicas 0`` (no task ever runs) and removed in batches.

    python -m tests.fuzz.differential [--examples N] [--seed S] [--syntax NAME ...]

starts a private single-node swarm (or uses SWARMCTL_TEST_DOCKER_HOST), runs N examples
per syntax (200; fresh random ones unless --seed) and prints the agreement per syntax and
every disagreement. tests/fuzz/test_differential.py runs a fixed-seed sample in CI.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed

from tests.fuzz.grammar import SYNTAXES, examples
from tests.helpers import IMAGE, NEVER, invoke
from tests.recproxy import RecordingProxy

CREATE_PATH = re.compile(r"^(/v[0-9.]+)?/services/create(\?|$)")
# Lists docker fills from Go maps (random order): compared as sets, as in test_create_spec.
UNORDERED = (("TaskTemplate", "ContainerSpec", "Secrets"), ("TaskTemplate", "ContainerSpec", "Configs"),
             ("TaskTemplate", "Resources", "Reservations", "GenericResources"),
             ("EndpointSpec", "Ports"))
# Numbers the swarm API declares as plain `int64 json:",omitempty"` (zero = absent), by the
# object holding them; the others (Replicas, RestartPolicy's, StopGracePeriod) are pointers.
_POLICY = ("Delay", "Monitor")
PLAIN_NUMBERS = {
    "UpdateConfig": _POLICY, "RollbackConfig": _POLICY,
    "Healthcheck": ("Interval", "Timeout", "StartPeriod", "StartInterval", "Retries"),
    "Limits": ("NanoCPUs", "MemoryBytes", "Pids"), "Reservations": ("NanoCPUs", "MemoryBytes"),
    "Ports": ("TargetPort", "PublishedPort"),
}
# Refusals that name one of several objects docker keeps in a Go map: which one it names
# is random, so only the words before the name are compared.
RANDOM_PICK = ("secret not found: ", "config not found: ",
               "invalid generic resource specification: ")
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
BASE = ("-d", "--no-resolve-image", "--replicas=0")
# Examples that set the mode or the replicas themselves: tasks that can go nowhere instead.
BASE_WITH_MODE = ("-d", "--no-resolve-image", f"--constraint={NEVER}")
REMOVE_EVERY = 40


def draw_examples(syntax, count, seed=None):
    """``count`` distinct examples of one syntax (fewer if the grammar has fewer)."""
    drawn = []

    @settings(max_examples=count, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(examples(syntax))
    def collect(value):
        if value not in drawn:
            drawn.append(value)

    if seed is not None:
        collect = hypothesis_seed(seed)(collect)
    collect()
    return drawn[:count]


def normalised_body(body):
    """A create request's body without what differs legitimately between the two CLIs."""
    try:
        spec = json.loads(body)
    except ValueError:
        return {"<not JSON>": body.decode("latin-1")}
    if not isinstance(spec, dict):
        return spec
    spec.pop("Name", None)
    # The engine reads JSON field names case-insensitively; swarmctl sends docker-py's
    # ServiceMode keys ("replicated"), docker its Go field names ("Replicated").
    if isinstance(spec.get("Mode"), dict):
        spec["Mode"] = {_go_field(k): v for k, v in spec["Mode"].items()}
    # An endpoint mode the engine does not know by name is its enum's zero, "vip".
    endpoint = spec.get("EndpointSpec")
    if isinstance(endpoint, dict) and not endpoint.get("Mode"):
        endpoint["Mode"] = "vip"
    for path in UNORDERED:
        holder = spec
        for key in path[:-1]:
            holder = holder.get(key) if isinstance(holder, dict) else None
        if isinstance(holder, dict) and isinstance(holder.get(path[-1]), list):
            holder[path[-1]] = sorted(holder[path[-1]], key=lambda v: json.dumps(v, sort_keys=True))
    return _without_empty(spec)


def _go_field(key):
    return {"replicated": "Replicated", "global": "Global", "replicatedjob": "ReplicatedJob",
            "globaljob": "GlobalJob"}.get(key.lower().replace("-", ""), key)


def _without_empty(value, key=None):
    """What the engine reads the same: Go's omitempty drops empty strings, lists, objects,
    false booleans and the zero of the plain (not pointer) numbers in PLAIN_NUMBERS, and an
    explicit null is no value either (``Init`` is a pointer: false there is a value); Go's
    JSON decoder reads an escaped lone surrogate (swarmctl sends bytes of argv that are not
    UTF-8 so) as U+FFFD, the character docker sends."""
    if isinstance(value, dict):
        cleaned = {_go_string(k): _without_empty(v, k) for k, v in value.items()}
        plain = PLAIN_NUMBERS.get(key, ())
        return {k: v for k, v in cleaned.items()
                if v not in (None, {}, [], "") and (v is not False or k == "Init")
                and not (v == 0 and k in plain)}
    if isinstance(value, list):
        return [_without_empty(v, key) for v in value]
    if isinstance(value, str):
        return _go_string(value)
    return value


def _go_string(text):
    return LONE_SURROGATE.sub("\ufffd", text)


@dataclass
class Run:
    sent: bool
    code: int
    first_line: str
    body: object = None


@dataclass
class Verdict:
    example: object
    docker: Run
    swarmctl: Run
    # both bodies sent but different: whether the engine stored the same spec for both
    stored_same: bool = False

    @property
    def same_verdict(self):
        return self.docker.sent == self.swarmctl.sent

    @property
    def same_spec(self):
        return (not (self.docker.sent and self.swarmctl.sent) or self.stored_same
                or self.docker.body == self.swarmctl.body)

    @property
    def agrees(self):
        return self.same_verdict and self.same_spec

    @property
    def same_code(self):
        return self.docker.sent or self.swarmctl.sent or self.docker.code == self.swarmctl.code

    @property
    def same_message(self):
        """Both refused with the same first line (docker's with its program name ours)."""
        if self.docker.sent or self.swarmctl.sent:
            return True
        docker_line = self.docker.first_line.replace("docker service ", "swarmctl ")
        for prefix in RANDOM_PICK:
            if docker_line.startswith(prefix) and self.swarmctl.first_line.startswith(prefix):
                return True
        return docker_line == self.swarmctl.first_line

    def describe(self):
        def side(run):
            return "sent" if run.sent else f"refused ({run.code}: {run.first_line})"
        text = (f"[{self.example.syntax}] {self.example.describe()}\n"
                f"    docker:   {side(self.docker)}\n    swarmctl: {side(self.swarmctl)}")
        for name, data in self.example.files:
            text += f"\n    {name}: {data!r}"
        if self.same_verdict and not self.same_spec:
            text += ("\n    docker body:   " + json.dumps(self.docker.body, sort_keys=True)
                     + "\n    swarmctl body: " + json.dumps(self.swarmctl.body, sort_keys=True))
        return text


class Differ:
    """Runs examples with both CLIs against ``engine`` (a tests.swarmlab.Engine or the
    conftest's ExternalEngine). Use as a context manager: it makes a secret, a config and an
    overlay network the examples may name, and removes them and every service at the end."""

    def __init__(self, engine):
        self.engine = engine
        self.run_id = secrets.token_hex(3)
        self.objects = {"secret": f"df-secret-{self.run_id}", "config": f"df-config-{self.run_id}",
                        "network": f"df-net-{self.run_id}"}
        for kind in ("secret", "config", "network"):  # names that differ only in case
            self.objects[kind.upper()] = self.objects[kind].upper()
        self.counter = 0
        self.pending = []
        self._folder = tempfile.TemporaryDirectory(prefix="difffuzz-")
        self.proxy = RecordingProxy(engine.host[len("unix://"):],
                                    os.path.join(self._folder.name, "proxy.sock"))

    def __enter__(self):
        self.engine.docker("secret", "create", self.objects["secret"], "-", input="s")
        self.engine.docker("config", "create", self.objects["config"], "-", input="c")
        self.engine.docker("network", "create", "-d", "overlay", self.objects["network"])
        self.proxy.__enter__()
        return self

    def __exit__(self, *exc):
        try:
            self.proxy.__exit__(*exc)
            self.flush()
            for kind in ("network", "config", "secret"):
                for _ in range(20):
                    if self.engine.docker(kind, "rm", self.objects[kind], check=False).returncode == 0:
                        break
                    time.sleep(0.25)
        finally:
            self._folder.cleanup()

    def flush(self):
        """Remove the services made so far (one `docker service rm` for all of them)."""
        if self.pending:
            self.engine.docker("service", "rm", *self.pending, check=False)
            self.pending = []

    def _arguments(self, example):
        args = []
        for arg in example.args:
            for key, name in self.objects.items():
                arg = arg.replace("{" + key + "}", name)
            for name, data in example.files:
                path = os.path.join(self._folder.name, f"{name}-{self.counter}")
                with open(path, "wb") as handle:
                    handle.write(data)
                arg = arg.replace("{" + name + "}", path)
            args.append(arg)
        return args

    def _recorded(self, start):
        creates = [r for r in self.proxy.requests[start:] if r.method == "POST"
                   and CREATE_PATH.match(r.path)]
        return normalised_body(creates[-1].body) if creates else None

    def run(self, example):
        self.counter += 1
        args = self._arguments(example)
        names = (f"df-d-{self.run_id}-{self.counter}", f"df-s-{self.run_id}-{self.counter}")
        self.pending += names
        env = self.engine.env()
        env["DOCKER_HOST"] = f"unix://{self.proxy.path}"
        base = BASE
        if any(arg.startswith(("--mode=", "--replicas=", "--max-concurrent=")) for arg in args):
            base = BASE_WITH_MODE
        start = len(self.proxy.requests)
        docker = subprocess.run(["docker", "service", "create", *base, f"--name={names[0]}", *args,
                                 IMAGE], env=env, capture_output=True, timeout=60)
        docker_body = self._recorded(start)
        start = len(self.proxy.requests)
        ours = invoke(["create", *base, f"--name={names[1]}", *args, IMAGE],
                      env={"DOCKER_HOST": env["DOCKER_HOST"], "DOCKER_CONTEXT": None,
                           "DOCKER_API_VERSION": None, "NO_COLOR": "1",
                           "DOCKER_CONFIG": env.get("DOCKER_CONFIG")})
        our_body = self._recorded(start)
        # A byte of argv that is not UTF-8 as the in-process run shows it: "\\udcff".
        docker_err = docker.stderr.decode("utf-8", "surrogateescape").encode(
            "utf-8", "backslashreplace").decode()
        verdict = Verdict(
            example,
            Run(docker_body is not None, docker.returncode, _first_line(docker_err), docker_body),
            Run(our_body is not None, ours.code, _first_line(ours.stderr), our_body))
        if docker_body is not None and our_body is not None and docker_body != our_body:
            verdict.stored_same = self._stored_alike(*names)
        if len(self.pending) >= REMOVE_EVERY:
            self.flush()
        return verdict

    def _stored_alike(self, *names):
        """Whether the engine stored the same spec for both services (a field one CLI sends
        as its zero value and the other leaves out is the same spec to the engine), as
        tests/cli/test_create_spec.py compares them."""
        specs = []
        for name in names:
            shown = self.engine.docker("service", "inspect", "--format", "{{json .Spec}}", name,
                                       check=False)
            if shown.returncode != 0:
                return False
            spec = json.loads(shown.stdout)
            spec.pop("Name", None)
            specs.append(normalised_body(json.dumps(spec).encode()))
        return specs[0] == specs[1]


def _first_line(text):
    return text.splitlines()[0] if text.strip() else ""


@dataclass
class Tally:
    examples: int = 0
    agree: int = 0
    verdicts_differ: int = 0
    specs_differ: int = 0
    codes_differ: int = 0
    messages_differ: int = 0
    disagreements: list = field(default_factory=list)
    other_messages: list = field(default_factory=list)

    def add(self, verdict):
        self.examples += 1
        self.agree += verdict.agrees
        self.verdicts_differ += not verdict.same_verdict
        self.specs_differ += verdict.same_verdict and not verdict.same_spec
        self.codes_differ += not verdict.same_code
        self.messages_differ += not verdict.same_message
        if not verdict.agrees:
            self.disagreements.append(verdict)
        elif not (verdict.same_code and verdict.same_message):
            self.other_messages.append(verdict)


def table(tallies):
    """The agreement per syntax, as aligned text."""
    rows = [("syntax", "examples", "agree", "rate", "accept/reject", "spec", "exit code",
             "message")]
    total = Tally()
    for syntax, tally in tallies.items():
        rows.append((syntax, tally.examples, tally.agree, _rate(tally), tally.verdicts_differ,
                     tally.specs_differ, tally.codes_differ, tally.messages_differ))
        for name in ("examples", "agree", "verdicts_differ", "specs_differ", "codes_differ",
                     "messages_differ"):
            setattr(total, name, getattr(total, name) + getattr(tally, name))
    rows.append(("total", total.examples, total.agree, _rate(total), total.verdicts_differ,
                 total.specs_differ, total.codes_differ, total.messages_differ))
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(str(v).ljust(w) if i == 0 else str(v).rjust(w)
                               for i, (v, w) in enumerate(zip(row, widths))) for row in rows)


def _rate(tally):
    return f"{100 * tally.agree / tally.examples:.1f}%" if tally.examples else "-"


def fuzz(differ, syntaxes, count, seed=None, progress=None):
    tallies = {}
    for syntax in syntaxes:
        tally = tallies[syntax] = Tally()
        for example in draw_examples(syntax, count, seed):
            tally.add(differ.run(example))
        if progress:
            progress(f"{syntax}: {tally.agree}/{tally.examples}")
    return tallies


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=200, help="examples per syntax")
    parser.add_argument("--seed", type=int, default=None, help="a fixed seed (default: random)")
    parser.add_argument("--syntax", nargs="*", default=list(SYNTAXES), choices=list(SYNTAXES))
    options = parser.parse_args(argv)

    from tests import swarmlab
    from tests.conftest import ExternalEngine

    external = os.environ.get("SWARMCTL_TEST_DOCKER_HOST")
    lab = None
    if external:
        engine = ExternalEngine(external)
    else:
        lab = swarmlab.Lab(nodes=1)
        lab.up()
        engine = lab.manager
    started = time.monotonic()
    try:
        with Differ(engine) as differ:
            tallies = fuzz(differ, options.syntax, options.examples, options.seed,
                           progress=lambda line: print(line, file=sys.stderr, flush=True))
    finally:
        if lab is not None:
            lab.down()
    for tally in tallies.values():
        for verdict in tally.disagreements:
            print(verdict.describe())
    for tally in tallies.values():
        for verdict in tally.other_messages:
            print("(both refused, in other words) " + verdict.describe())
    print(table(tallies))
    print(f"({time.monotonic() - started:.0f} s, seed {options.seed})")
    return 0 if all(not t.disagreements for t in tallies.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
