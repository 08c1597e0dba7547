"""``swarmctl ls`` against ``docker service ls`` on the same live services: byte for byte.

Every comparison goes through ``ReadLab.golden`` (stdout, stderr and exit code must be
identical; docker's program name is the only thing rewritten). Listings are restricted to
this run's services with ``--filter``, except where the whole engine is compared at one
moment (``golden_moving``).
"""
from __future__ import annotations

import os
import re
import sys
import tempfile

import pytest

pytest.register_assert_rewrite("tests.cli._readlab")
from tests.cli import _readlab  # noqa: E402

pytestmark = pytest.mark.engine


@pytest.fixture(scope="session")
def lab(engine):
    yield _readlab.acquire(engine)
    _readlab.release()


@pytest.fixture
def mine(lab):
    return f"name={lab.prefix}-"


# -- the default table and its variants --------------------------------------------------------

def test_default_table_of_every_kind_of_service(lab, mine):
    out = lab.golden("ls", "--filter", mine).stdout
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "NAME", "MODE", "REPLICAS", "IMAGE", "PORTS"]
    assert len(lines) == 1 + 10
    web = next(line for line in lines if f"{lab.prefix}-web " in line)
    base = lab.port_base
    assert web.endswith(f"*:{base}-{base + 1}->80-81/tcp, *:{base + 3}->80/tcp, *:{base + 2}->82/udp")
    assert "2/2 (max 2 per node)" in out
    assert "global job" in out and "replicated job" in out
    # rows without ports end with the padding of the IMAGE column, as docker's do
    assert any(line.endswith("busybox:local   ") for line in lines)


def test_alias_list(lab, mine):
    lab.golden("list", "-f", mine)


def test_quiet_prints_short_ids_in_name_order(lab, mine):
    out = lab.golden("ls", "-q", "--filter", mine).stdout
    assert all(len(line) == 12 for line in out.splitlines())


def test_whole_engine_at_one_moment(lab):
    lab.golden_moving("ls")
    lab.golden_moving("ls", "-q")


def test_empty_result_prints_only_the_header(lab):
    out = lab.golden("ls", "-f", f"name={lab.prefix}-nothing-here").stdout
    assert out == "ID        NAME      MODE      REPLICAS   IMAGE     PORTS\n"


# -- filters ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("flt", [
    "mode=replicated", "mode=global", "mode=replicated-job", "mode=global-job", "mode=bogus",
    "label=tier", "label=tier=front", "label=html=<a&b>", "runtime=container",
])
def test_filter_keys(lab, mine, flt):
    lab.golden("ls", "-f", mine, "-f", flt)


def test_filter_by_id_prefix_and_several_values(lab, mine):
    web, job = lab.ids[lab.name("web")], lab.ids[lab.name("job")]
    lab.golden("ls", "-f", f"id={web[:6]}")
    lab.golden("ls", "-f", f"id={web}", "-f", f"id={job[:4]}", "-f", mine)
    lab.golden("ls", "-f", f"name={lab.name('web')}", "-f", f"name={lab.name('glob')}")


def test_filter_several_labels_must_all_match(lab, mine):
    lab.golden("ls", "-f", mine, "-f", "label=tier", "-f", "label=html")
    lab.golden("ls", "-f", mine, "-f", f"label={lab.label}", "-f", "label=tier=back")


def test_filter_key_and_value_are_trimmed_and_key_lowercased(lab):
    lab.golden("ls", "-f", f" NAME = {lab.prefix}-g ")
    lab.golden("ls", "-f", "", "-f", f"name={lab.prefix}-j")


@pytest.mark.parametrize("args", [
    ("-f", "foo"),            # no '=': flag error, 125 + usage
    ("--filter", "foo"),
    ("-f", "foo=bar"),        # unknown key: the engine's error, 1
    ("-f", " =x"),            # empty key
])
def test_bad_filters(lab, args):
    lab.golden("ls", *args)


# -- --format -----------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", [
    "table",
    "json",
    "raw",
    "{{.ID}}: {{.Name}}",
    r"table {{.Name}}\t{{.Replicas}}\t{{.Ports}}",
    "table {{.Name}}\t{{.Mode}}",
    r"  {{.Name}}\t{{.ID}}\n  ",
    "{{json .}}",
    "table {{json .}}",
    "tablefoo {{.Name}}",
    "table ",
    " json ",
    "{{upper .Name}} {{lower .Mode}} {{title .Mode}} {{pad .ID 1 2}}|{{truncate .Name 4}}",
    "{{split .Ports \", \"}} {{join (split .Name \"-\") \"+\"}} {{len .Ports}}",
    "{{.Name | printf \"%-70s\"}}|{{if eq .Mode \"global\"}}G{{else}}-{{end}}",
    "table {{upper .Name}} {{pad .ID 1 2}} {{truncate .Mode 3}}",
    "{{range $i, $p := split .Ports \", \"}}{{$i}}={{$p}};{{end}}",
])
def test_formats(lab, mine, fmt):
    lab.golden("ls", "-f", mine, "--format", fmt)


@pytest.mark.parametrize("fmt", ["{{.Nope}}", "{{", "{{.Name", "{{nofunc .Name}}",
                                 "{{.Name.Foo}}", "table {{.ID}}\t{{.Nope}}"])
def test_template_errors_print_one_line_and_nothing_on_stdout(lab, mine, fmt):
    result = lab.golden("ls", "-f", mine, "--format", fmt)
    assert result.code == 1 and result.stdout == ""
    assert result.stderr.startswith("template parsing error: ")


@pytest.mark.parametrize("fmt", ["table {{.Nope}}", "table {{json .}}\t{{.ID}}", "table {{.Name"])
def test_header_of_an_empty_table(lab, fmt):
    # with no rows only the header is rendered; docker ignores errors there
    lab.golden("ls", "-f", f"name={lab.prefix}-nothing", "--format", fmt)


@pytest.mark.parametrize("fmt", ["{{.Name}} {{.Replicas}}", "raw", "table", "json",
                                 "table {{.Name}}"])
def test_quiet_with_a_format(lab, mine, fmt):
    # -q only changes the built-in formats; without status the replicas read 0/0
    lab.golden("ls", "-q", "-f", mine, "--format", fmt)


def test_config_file_formats(lab, mine):
    try:
        lab.write_config(servicesFormat="table {{.Name}}\\t{{.Replicas}}")
        lab.golden("ls", "-f", mine)
        lab.golden("ls", "-f", mine, "-q")  # ignored with -q
        lab.golden("ls", "-f", mine, "--format", "{{.ID}}")  # --format wins
        lab.write_config(servicesFormat="raw")
        lab.golden("ls", "-f", mine)
        lab.write_config(ServicesFormat="{{.Name}}", tasksFormat="{{.ID}}")  # keys fold case
        lab.golden("ls", "-f", mine)
    finally:
        lab.write_config()


# -- command line errors -------------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ("ls", "extra"),
    ("ls", "--bogus"),
    ("ls", "-z"),
    ("ls", "-q", "a", "b"),
])
def test_command_line_errors(lab, args):
    lab.golden(*args)


@pytest.mark.parametrize("args", [("ls", "--format"), ("ls", "-f")])
def test_missing_flag_value(lab, args):
    lab.golden(*args)


def test_unreachable_engine(lab):
    sock = os.path.join(tempfile.gettempdir(), "swarmctl-nothing-here.sock")
    result = lab.swarmctl("ls", env={"DOCKER_HOST": f"unix://{sock}"})
    expected = lab.docker("ls", env={"DOCKER_HOST": f"unix://{sock}"})
    assert (result.code, result.stdout, result.stderr) == (expected.code, expected.stdout,
                                                            expected.stderr)


# -- round trips and import cost -----------------------------------------------------------------

def test_one_request_for_the_list(lab, mine):
    got, calls = lab.through_proxy("swarmctl", "ls", "-f", mine)
    expected, theirs = lab.through_proxy("docker", "ls", "-f", mine)
    assert got.stdout == expected.stdout
    assert len(calls) == 1 and calls[0][0] == "GET"
    assert calls[0][1].startswith("/services?") and "status=" in calls[0][1]
    assert len(calls) == len(theirs)


def test_quiet_lists_without_status(lab, mine):
    _, calls = lab.through_proxy("swarmctl", "ls", "-q", "-f", mine)
    assert len(calls) == 1 and calls[0][1].startswith("/services") and "status" not in calls[0][1]


def test_piped_output_does_not_import_rich(lab, mine):
    import subprocess

    result = lab.swarmctl_reporting_rich("ls", "-f", mine)
    assert result.returncode == 0, result.stderr
    assert "RICH=False" in result.stderr
    assert result.stdout == lab.docker("ls", "-f", mine).stdout
    timed = subprocess.run([sys.executable, "-X", "importtime", "-m", "swarmctl", "ls", "-q", "-f", mine],
                           env=lab.piped_env(), capture_output=True, text=True, timeout=60)
    assert timed.returncode == 0
    assert not re.search(r"\|\s+rich(\.|$)", timed.stderr, re.M)


# -- on a terminal -----------------------------------------------------------------------------------

_SGR = re.compile(r"\x1b\[[0-9;]*m")


def test_terminal_rendering_shows_the_same_values_with_colour(lab, mine):
    plain = lab.docker("ls", "-f", mine).stdout
    colour = lab.swarmctl_process("ls", "-f", mine, env={"TTY_COMPATIBLE": "1", "FORCE_COLOR": "1",
                                                         "COLUMNS": "300", "TERM": "xterm-256color"})
    assert colour.code == 0, colour.stderr
    assert _SGR.search(colour.stdout)
    assert re.search(r"\x1b\[[0-9;]*3[1-6]m", colour.stdout)  # a colour, not only bold
    text = _SGR.sub("", colour.stdout)
    # the same cells in the same order: compare the rows cell by cell
    assert _cells(text) == _cells(plain)
    # replicas short of their target are highlighted (0/1 of the crash-looping service)
    crash = next(line for line in colour.stdout.splitlines() if lab.name("crash") in line)
    assert re.search(r"\x1b\[[0-9;]*(31|33)m0/1", crash)


def test_terminal_rendering_honours_no_color_and_dumb_terminals(lab, mine):
    plain = lab.docker("ls", "-f", mine).stdout
    no_color = lab.swarmctl_process("ls", "-f", mine, env={"TTY_COMPATIBLE": "1", "NO_COLOR": "1",
                                                           "COLUMNS": "300",
                                                           "TERM": "xterm-256color"})
    assert not re.search(r"\x1b\[[0-9;]*3[0-7]m", no_color.stdout)
    assert _cells(_SGR.sub("", no_color.stdout)) == _cells(plain)
    dumb = lab.swarmctl_process("ls", "-f", mine, env={"TTY_COMPATIBLE": "1", "TERM": "dumb"})
    assert dumb.stdout == plain
    # a custom format is for scripts: never rich
    fmt = lab.swarmctl_process("ls", "-f", mine, "--format", "table {{.Name}}",
                               env={"TTY_COMPATIBLE": "1", "FORCE_COLOR": "1", "TERM": "xterm"})
    assert fmt.stdout == lab.docker("ls", "-f", mine, "--format", "table {{.Name}}").stdout


def _cells(text):
    """Rows as lists of cells (cells are separated by 3+ blanks in both renderings; a
    cell never contains two blanks in a row)."""
    rows = []
    for line in text.splitlines():
        rows.append([c for c in re.split(r" {3,}", line.strip()) if c])
    return rows


def test_real_terminal_with_tmux(lab, mine):
    import shutil
    import subprocess
    import time

    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    session = f"swarmctl-{lab.run}"
    socket_name = f"swarmctl-{lab.run}"
    env_cmd = (f"env -u NO_COLOR -u TTY_COMPATIBLE DOCKER_HOST={lab.engine.host} "
               f"DOCKER_CONFIG={lab.config_dir} TERM=xterm-256color "
               f"{sys.executable} -m swarmctl ls -f {mine}; echo DONE-$?; sleep 30")
    tmux = ["tmux", "-L", socket_name]
    subprocess.run(tmux + ["new-session", "-d", "-s", session, "-x", "250", "-y", "50",
                           "sh", "-c", env_cmd], check=True, cwd=os.getcwd(),
                   env=dict(os.environ, PYTHONPATH=os.getcwd()))
    try:
        screen = ""
        for _ in range(100):
            screen = subprocess.run(tmux + ["capture-pane", "-p", "-e", "-t", session],
                                    capture_output=True, text=True).stdout
            if "DONE-" in screen:
                break
            time.sleep(0.1)
        assert "DONE-0" in screen, screen
        assert _SGR.search(screen)  # coloured on a real terminal
        table = _SGR.sub("", screen.split("DONE-")[0]).rstrip("\n")
        assert _cells(table) == _cells(lab.docker("ls", "-f", mine).stdout)
    finally:
        subprocess.run(tmux + ["kill-server"], capture_output=True)


def test_engine_api_without_service_status(lab, mine):
    # API < 1.41: no ServiceStatus in the list; replicas are counted from the tasks
    for version in ("1.40", "1.39"):
        lab.golden("ls", "-f", mine, env={"DOCKER_API_VERSION": version})
        lab.golden("ls", "-f", mine, "-q", env={"DOCKER_API_VERSION": version})
