"""``swarmctl ps`` against ``docker service ps`` on the same live tasks: byte for byte.

Relative times ("Failed 5 seconds ago") are compared exactly: swarmctl's clock is pinned to
the instants at which docker could have rendered them (see ``ReadLab.golden``).
"""
from __future__ import annotations

import io
import re

import pytest

pytest.register_assert_rewrite("tests.cli._readlab")
from tests.cli import _readlab  # noqa: E402

pytestmark = pytest.mark.engine


@pytest.fixture(scope="session")
def lab(engine):
    yield _readlab.acquire(engine)
    _readlab.release()


def _all(lab):
    return [lab.name(s) for s in ("web", "two", "glob", "job", "gjob", "crash", "pend",
                                  "a-rather-long-service-name-to-widen-columns-0123456789",
                                  "full", "upd")]


# -- tables ---------------------------------------------------------------------------------------

def test_every_kind_of_service_in_one_table(lab):
    out = lab.golden("ps", *_all(lab)).stdout
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["ID", "NAME", "IMAGE"]
    # history rows of the crash-looping and the updated service are prefixed
    assert sum(" \\_ " + lab.name("crash") + ".1" in line for line in lines) == 2
    assert any(" \\_ " + lab.name("upd") + ".1" in line for line in lines)
    assert '"task: non-zero exit (3)"' in out
    # global and slot-0 job tasks are named after the node ID
    assert re.search(re.escape(lab.name("glob")) + r"\.[a-z0-9]{25} ", out)
    # host-mode ports of the task; ingress ports never show here
    assert f"*:{lab.port_base + 10}->90/tcp" in out and "->80/tcp" not in out


@pytest.mark.parametrize("which", ["web", "two", "glob", "job", "gjob", "crash", "pend", "upd"])
def test_each_service(lab, which):
    lab.golden("ps", lab.name(which))


@pytest.mark.parametrize("flags", [
    ("--no-trunc",), ("--no-resolve",), ("-q",), ("-q", "--no-resolve"),
    ("--no-trunc", "--no-resolve"), ("-q", "--no-trunc"),
])
def test_flags(lab, flags):
    lab.golden("ps", *flags, *_all(lab))


def test_references_by_id_prefix_full_id_and_name(lab):
    web, job = lab.ids[lab.name("web")], lab.ids[lab.name("job")]
    lab.golden("ps", web)
    lab.golden("ps", web[:7], lab.name("job"))
    lab.golden("ps", job, job)  # the same service twice
    lab.golden("ps", lab.name("crash"), web[:7], job[:10])


def test_unknown_services(lab):
    result = lab.golden("ps", "nosuch-a")
    assert (result.code, result.stdout, result.stderr) == (1, "", "no such service: nosuch-a\n")
    lab.golden("ps", lab.name("web"), "nosuch-a", lab.name("job"), "nosuch-b")
    lab.golden("ps", "nosuch-a", "nosuch-b")
    lab.golden("ps", lab.prefix + "-we")  # a name prefix does not match


def test_ambiguous_id_prefix(lab):
    shared = [lab.shared_id_prefix()]
    result = lab.golden_moving("ps", lab.name("web"), shared[0])
    assert result.code == 1


@pytest.mark.parametrize("flt", [
    "desired-state=running", "desired-state=shutdown", "desired-state=Running",
    "desired-state=complete", "desired-state=ready", "desired-state=bogus",
    "label=tier", "label=tier=front", "runtime=container",
    "node=self", "node=nonode",
])
def test_filters(lab, flt):
    lab.golden("ps", "-f", flt, *_all(lab))


def test_filters_that_need_ids(lab):
    tasks = lab.client.api.tasks(filters={"service": [lab.ids[lab.name("crash")]]})
    node = lab.client.api.nodes()[0]
    lab.golden("ps", "-f", f"id={tasks[0]['ID'][:5]}", lab.name("crash"))
    lab.golden("ps", "-f", f"name={lab.name('job')}.1", lab.name("job"))
    lab.golden("ps", "-f", f"node={node['ID']}", lab.name("web"))
    lab.golden("ps", "-f", f"node={node['ID'][:6]}", lab.name("web"))
    lab.golden("ps", "-f", f"node={node['Description']['Hostname']}", lab.name("web"))
    lab.golden("ps", "-f", "desired-state=running", "-f", "desired-state=shutdown", lab.name("crash"),
               lab.name("upd"))
    # a service= filter is merged with the arguments
    lab.golden("ps", "-f", f"service={lab.name('glob')}", lab.name("web"))


@pytest.mark.parametrize("args", [("-f", "foo"), ("-f", "foo=bar"), ("-f", " =x"), ("-f", "")])
def test_bad_filters(lab, args):
    lab.golden("ps", *args, lab.name("web"))


# -- --format -----------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", [
    "table", "json", "raw", "{{.Name}}", "table {{.Name}}",
    r"table {{.ID}}\t{{.Name}}\t{{.Node}}\t{{.CurrentState}}",
    "{{json .}}", "{{.Name}}|{{.Node}}|{{.DesiredState}}|{{.Error}}|{{.Ports}}",
    "{{.Error | len}} {{upper .DesiredState}} {{truncate .CurrentState 7}}",
])
def test_formats(lab, fmt):
    lab.golden("ps", "--format", fmt, *_all(lab))


@pytest.mark.parametrize("fmt", ["table", "raw", "{{.Name}}", "json"])
def test_quiet_with_formats(lab, fmt):
    lab.golden("ps", "-q", "--format", fmt, lab.name("crash"), lab.name("web"))


@pytest.mark.parametrize("fmt", ["{{.Nope}}", "{{", "table {{.ID}} {{.Nope}}", "{{.Node.Foo}}"])
def test_template_errors(lab, fmt):
    result = lab.golden("ps", "--format", fmt, lab.name("web"))
    assert result.code == 1 and result.stdout == ""


def test_empty_result_and_its_header(lab):
    lab.golden("ps", "-f", "desired-state=orphaned", lab.name("web"))
    lab.golden("ps", "-f", "desired-state=orphaned", "--format", "table {{.Nope}}", lab.name("web"))


def test_config_file_format(lab):
    try:
        lab.write_config(tasksFormat="table {{.Name}}\\t{{.Node}}\\t{{.Error}}")
        lab.golden("ps", lab.name("crash"), lab.name("web"))
        lab.golden("ps", "-q", lab.name("crash"))  # ignored with -q
        lab.write_config(tasksFormat="raw")
        lab.golden("ps", lab.name("crash"))
    finally:
        lab.write_config()


@pytest.mark.parametrize("args", [("ps",), ("ps", "--bogus", "x"), ("ps", "-x", "y")])
def test_command_line_errors(lab, args):
    lab.golden(*args)


# -- round trips --------------------------------------------------------------------------------------

def _kinds(calls):
    return [path.split("?")[0] for _method, path in calls]


def test_requests_do_not_grow_with_tasks(lab):
    few, few_calls = lab.through_proxy("swarmctl", "ps", lab.name("web"))
    many, many_calls = lab.through_proxy("swarmctl", "ps", *_all(lab))
    assert few.code == many.code == 0
    assert _kinds(few_calls) == ["/services", "/services", "/tasks", "/nodes"]
    assert _kinds(many_calls) == ["/services", "/services", "/tasks", "/nodes"]
    _, docker_calls = lab.through_proxy("docker", "ps", *_all(lab))
    # docker: 2 lists + tasks + one GET per distinct service and node
    assert len(docker_calls) == 3 + len(_all(lab)) + 1
    _, quiet = lab.through_proxy("swarmctl", "ps", "-q", *_all(lab))
    assert _kinds(quiet) == ["/services", "/services", "/tasks"]
    _, bare = lab.through_proxy("swarmctl", "ps", "--no-resolve", *_all(lab))
    assert _kinds(bare) == ["/services", "/services", "/tasks"]
    # a service known only from a service= filter costs one more list call
    _, merged = lab.through_proxy("swarmctl", "ps", "-f", f"service={lab.name('glob')}", lab.name("web"))
    assert _kinds(merged) == ["/services", "/services", "/tasks", "/services", "/nodes"]
    _, selfnode = lab.through_proxy("swarmctl", "ps", "-f", "node=self", lab.name("web"))
    assert _kinds(selfnode) == ["/services", "/services", "/info", "/tasks", "/nodes"]


def test_piped_output_does_not_import_rich(lab):
    result = lab.swarmctl_reporting_rich("ps", lab.name("crash"))
    assert result.returncode == 0, result.stderr
    assert "RICH=False" in result.stderr
    assert lab.name("crash") + ".1" in result.stdout


# -- on a terminal -----------------------------------------------------------------------------------

_SGR = re.compile(r"\x1b\[[0-9;]*m")


def _rows(lab, *names):
    from swarmctl.cli.commands import ps
    from swarmctl.output import tables

    api = lab.client.api
    ids = [lab.ids[n] for n in names]
    tasks = api.tasks(filters={"service": ids})
    services = {s["ID"]: s for s in api.services(filters={"id": ids})}
    return tables.task_rows(tasks, ps._service_names(api, tasks, services), ps._node_names(api, tasks),
                            now=10**9 * 2_000_000_000)


def _cells(text):
    return [[c for c in re.split(r" {3,}", line.strip()) if c] for line in text.splitlines()]


def test_terminal_rendering_of_tasks(lab):
    from rich.console import Console

    from swarmctl.output import richtables, tables

    rows = _rows(lab, lab.name("crash"), lab.name("web"), lab.name("pend"))
    plain = tables.render_default_table(rows, tables.PS_COLUMNS)
    buffer = io.StringIO()
    # Wide enough for every column (a narrower one drops some: tests/unit/test_richtables.py).
    console = Console(file=buffer, force_terminal=True, color_system="standard", width=300,
                      highlight=False, soft_wrap=True)
    richtables.print_tasks(rows, out=console, full_errors=False)
    drawn = buffer.getvalue()
    # With docker's cut errors the terminal shows exactly the piped values...
    assert _cells(_SGR.sub("", drawn)) == _cells(plain)
    # ...and by default it shows whole errors, which docker cuts to 30 columns.
    whole = io.StringIO()
    richtables.print_tasks(rows, out=Console(file=whole, force_terminal=True, width=300,
                                             color_system=None, soft_wrap=True))
    errors = [(r.raw.get("Status") or {}).get("Err") for r in rows]
    assert all(f'"{e}"' in whole.getvalue() for e in errors if e)
    lines = drawn.splitlines()

    def state_cell(name_part, state_word):
        line = next(line for line in lines if name_part in _SGR.sub("", line)
                    and state_word in _SGR.sub("", line))
        return re.search(r"\x1b\[([0-9;]*)m" + state_word, line).group(1)

    assert "32" in state_cell(lab.name("web") + ".1", "Running")  # green
    assert "31" in state_cell(lab.name("crash") + ".1", "Failed")  # red
    assert "33" in state_cell(lab.name("pend") + ".1", "Pending")  # yellow
    assert re.search(r"\x1b\[[0-9;]*31m\"task: non-zero exit \(3\)\"", drawn)  # errors red

    no_color = io.StringIO()
    richtables.print_tasks(rows, out=Console(file=no_color, force_terminal=True, width=300,
                                             color_system="standard", _environ={"NO_COLOR": "1"}),
                           full_errors=False)
    assert not re.search(r"\x1b\[[0-9;]*3[0-7]m", no_color.getvalue())
    assert _cells(_SGR.sub("", no_color.getvalue())) == _cells(plain)


def test_terminal_subprocess_and_dumb_terminal(lab):
    names = (lab.name("crash"), lab.name("web"))
    relative = re.compile(r"(less than a second|about (a|an) \w+|\d+ \w+) ago")
    coloured = lab.swarmctl_process("ps", *names, env={"TTY_COMPATIBLE": "1", "FORCE_COLOR": "1",
                                                       "COLUMNS": "300", "TERM": "xterm-256color"})
    plain = lab.docker("ps", *names).stdout
    assert coloured.code == 0 and _SGR.search(coloured.stdout)
    mask = lambda text: relative.sub("T ago", text)  # noqa: E731 - (two processes, two clocks)
    assert _cells(mask(_SGR.sub("", coloured.stdout))) == _cells(mask(plain))
    dumb = lab.swarmctl_process("ps", *names, env={"TTY_COMPATIBLE": "1", "TERM": "dumb"})
    assert "\x1b[" not in dumb.stdout
    assert _cells(mask(dumb.stdout)) == _cells(mask(plain))


# -- three nodes ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def lab3(swarm3):
    lab = _readlab.ReadLab(swarm3.manager)
    try:
        lab.setup_multinode()
        yield lab
    finally:
        lab.teardown()


@pytest.mark.multinode
def test_node_names_on_three_nodes(lab3):
    services = (lab3.name("glob"), lab3.name("rep"))
    out = lab3.golden("ps", *services).stdout
    for n in (1, 2, 3):
        assert f"swarmctl-node{n}" in out
    lab3.golden("ps", "--no-resolve", *services)
    lab3.golden("ps", "-f", "node=swarmctl-node2", *services)
    lab3.golden("ps", "-f", "node=self", "--format", "{{.Name}} {{.Node}}", *services)
    lab3.golden("ps", "--format", "json", *services)


@pytest.mark.multinode
def test_requests_on_three_nodes(lab3):
    services = (lab3.name("glob"), lab3.name("rep"))
    ours, calls = lab3.through_proxy("swarmctl", "ps", *services)
    theirs, docker_calls = lab3.through_proxy("docker", "ps", *services)
    assert _SGR.sub("", ours.stdout).count("swarmctl-node") == 7
    assert _kinds(calls) == ["/services", "/services", "/tasks", "/nodes"]
    # docker: 2 lists + tasks + 2 services + 3 nodes
    assert len(docker_calls) == 3 + 2 + 3
