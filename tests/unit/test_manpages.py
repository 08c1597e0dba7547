"""The man pages in man/: current with the command definitions, complete, rendered by
``man`` without warnings, and shipped in the wheel."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import click
import pytest

from swarmctl.cli.app import cli
from swarmctl.cli.commandtable import ALIASES, COMMANDS
from swarmctl.cli.manpages import pages

ROOT = Path(__file__).resolve().parents[2]
MAN = ROOT / "man"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="module")
def generated():
    return pages()


def test_pages_are_current(generated):
    stale = [name for name, text in generated.items()
             if not (MAN / name).exists() or (MAN / name).read_text() != text]
    extra = sorted(p.name for p in MAN.glob("*.1") if p.name not in generated)
    assert not stale and not extra, (
        f"man pages out of date: {stale + extra}; run scripts/gen-man")


def test_generator_check_mode_agrees():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen-man"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_one_page_per_command(generated):
    assert set(generated) == {"swarmctl.1", *(f"swarmctl-{name}.1" for name in COMMANDS)}
    main = generated["swarmctl.1"]
    for name in COMMANDS:
        assert f"\\fBswarmctl\\-{name}\\fR(1)" in main


def test_every_option_is_documented(generated):
    root = click.Context(cli, info_name="swarmctl")
    for param in cli.params:
        for opt in param.opts:
            assert opt.replace("-", "\\-") in generated["swarmctl.1"], opt
    for name in COMMANDS:
        command = cli.get_command(root, name)
        page = generated[f"swarmctl-{name}.1"]
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden:
                for opt in param.opts:
                    assert opt.replace("-", "\\-") in page, (name, opt)


def test_docker_usage_and_aliases(generated):
    assert "\\fBswarmctl scale\\fR SERVICE=REPLICAS [SERVICE=REPLICAS...]" in generated["swarmctl-scale.1"]
    for alias, target in ALIASES.items():
        assert f"Alias: swarmctl {alias}." in generated[f"swarmctl-{target}.1"]


def _need(tool):
    path = shutil.which(tool)
    if path is None:
        if IN_CI:
            pytest.fail(f"{tool} is needed (scripts/bootstrap installs man-db)")
        pytest.skip(f"{tool} is not installed")
    return path


def _render(page, *options):
    man = _need("man")
    env = dict(os.environ, MANWIDTH="80", LC_ALL="C.UTF-8")
    env.pop("MANPAGER", None)
    env.pop("PAGER", None)
    result = subprocess.run([man, *options, "-E", "UTF-8", "-l", str(page)], capture_output=True,
                            text=True, env=env, timeout=60)
    return result.returncode, re.sub(".\b", "", result.stdout), result.stderr


def test_warnings_are_caught(tmp_path):
    """The check below can fail: a broken page does make man warn."""
    broken = tmp_path / "broken.1"
    broken.write_text('.TH BROKEN 1\n.SH NAME\nbroken \\- a page\n.XX oops\n\\q\n')
    _code, _out, stderr = _render(broken, "--warnings")
    assert "warning" in stderr


@pytest.mark.parametrize("name", sorted(p.name for p in MAN.glob("*.1")))
def test_man_renders_without_warnings(name):
    for options in ((), ("--warnings",)):
        code, out, stderr = _render(MAN / name, *options)
        assert code == 0, stderr
        assert stderr == "", (options, stderr)
    title = name.removesuffix(".1")
    assert out.startswith(f"{title.upper()}(1)")
    for section in ("NAME", "SYNOPSIS", "DESCRIPTION", "SEE ALSO"):
        assert f"\n{section}\n" in out
    groff = shutil.which("groff")
    if groff:  # every warning groff knows (-ww), not only man's default set
        result = subprocess.run([groff, "-man", "-ww", "-z", "-Tutf8", str(MAN / name)],
                                capture_output=True, text=True, timeout=60)
        assert result.stderr == ""


def test_whatis_can_index_every_page():
    lexgrog = _need("lexgrog")
    names = sorted(str(p) for p in MAN.glob("*.1"))
    result = subprocess.run([lexgrog, *names], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "parse failed" not in result.stdout


def test_wheel_ships_man_pages_and_completions():
    data_files = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["data-files"]
    assert data_files["share/man/man1"] == ["man/*.1"]
    assert data_files["share/bash-completion/completions"] == ["completions/swarmctl.bash"]
    assert data_files["share/zsh/site-functions"] == ["completions/_swarmctl"]
    assert data_files["share/fish/vendor_completions.d"] == ["completions/swarmctl.fish"]
