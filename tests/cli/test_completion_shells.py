"""Tab completion in real interactive bash, zsh and fish, against a live engine.

Each shell runs in a private tmux server with the checked-in script installed the way
completions/README.md says (bash: sourced, and through bash-completion's loader; zsh: from
$fpath with compinit; fish: from $fish_complete_path). Keys are typed with ``send-keys``,
and the command line is read back from the screen with ``capture-pane``.

What is checked in every shell: command names, flag names, service names, ``SERVICE=``
(no space after it) for scale, secret names after ``--secret``, network names and node
hostnames after ``--constraint node.hostname==``. Further cases go through the protocol
directly (one ``_SWARMCTL_COMPLETE`` run each).
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from swarmctl.cli.completion.engine import TIMEOUT_VAR
from swarmctl.cli.completion.protocol import WORD_SEPARATOR
from tests.helpers import IMAGE

ROOT = Path(__file__).resolve().parents[2]
COMPLETIONS = ROOT / "completions"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
PROMPT = "$ "

pytestmark = pytest.mark.engine


def _need(tool, package):
    path = shutil.which(tool)
    if path is None:
        if IN_CI:
            pytest.fail(f"{tool} is needed (scripts/bootstrap installs {package})")
        pytest.skip(f"{tool} is not installed")
    return path


# -- objects to complete ----------------------------------------------------------------------

class Names:
    def __init__(self, prefix):
        self.prefix = prefix
        self.service = f"{prefix}-web"
        self.other = f"{prefix}-api"
        self.secret = f"{prefix}-sec"
        self.config = f"{prefix}-cfg"
        self.network = f"{prefix}-net"
        self.service_id = ""
        self.hostname = ""
        self.label = f"cmpl{prefix[-6:]}"


@pytest.fixture(scope="module")
def names(engine):
    made = Names(f"cmpl-{secrets.token_hex(3)}")
    created = []
    try:
        engine.docker("network", "create", "-d", "overlay", made.network)
        created.append(("network", made.network))
        engine.docker("secret", "create", made.secret, "-", input="s3cret")
        created.append(("secret", made.secret))
        engine.docker("config", "create", made.config, "-", input="conf")
        created.append(("config", made.config))
        for name in (made.service, made.other):
            engine.docker("service", "create", "-d", "--quiet", "--no-resolve-image", "--name", name,
                          "--replicas", "0", IMAGE, "sleep", "1d")
            created.append(("service", name))
        made.service_id = engine.docker("service", "inspect", "-f", "{{.ID}}",
                                        made.service).stdout.strip()
        node = engine.docker("node", "ls", "-q", "--filter", "role=manager").stdout.split()[0]
        made.hostname = engine.docker("node", "inspect", "-f", "{{.Description.Hostname}}",
                                      node).stdout.strip()
        yield made
    finally:
        for kind, name in reversed(created):
            engine.docker(kind, "rm", name, check=False)


@pytest.fixture(scope="module")
def bin_dir(tmp_path_factory):
    """A ``swarmctl`` on PATH that runs this checkout with this interpreter."""
    folder = tmp_path_factory.mktemp("bin")
    wrapper = folder / "swarmctl"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m swarmctl "$@"\n')
    wrapper.chmod(0o755)
    return folder


def _shell_env(engine, bin_dir, home):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DOCKER_", "COMP_", "_SWARMCTL", "SWARMCTL_", "TMUX", "BASH_COMPLETION",
                                "XDG_"))}
    env.update({
        "DOCKER_HOST": engine.host,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": str(ROOT),
        "HOME": str(home),
        "TERM": "xterm-256color",
        # a loaded CI machine must not turn a slow answer into a flaky test; the default
        # budget is tested with a hung engine in tests/unit/test_completion_scripts.py
        TIMEOUT_VAR: "5",
    })
    return env


# -- a shell in tmux --------------------------------------------------------------------------

class Terminal:
    def __init__(self, argv, env, cwd):
        self.tmux = [_need("tmux", "tmux"), "-L", f"swarmctl-test-{os.getpid()}-{secrets.token_hex(3)}",
                     "-f", "/dev/null"]
        self.env = env
        subprocess.run([*self.tmux, "new-session", "-d", "-x", "200", "-y", "50", "-c", str(cwd),
                        "--", *argv], env=env, check=True, timeout=30)
        self.socket_path = subprocess.run(
            [*self.tmux, "display-message", "-p", "#{socket_path}"], env=env, capture_output=True,
            text=True, timeout=30).stdout.strip()
        self.wait(lambda: self.line() is not None, what="the first prompt")
        self.reset()

    def keys(self, *keys):
        subprocess.run([*self.tmux, "send-keys", "-t", "0", *keys], env=self.env, check=True, timeout=30)

    def type(self, text):
        subprocess.run([*self.tmux, "send-keys", "-t", "0", "-l", text], env=self.env, check=True,
                       timeout=30)

    def screen(self):
        return subprocess.run([*self.tmux, "capture-pane", "-p", "-t", "0"], env=self.env,
                              capture_output=True, text=True, check=True, timeout=30).stdout

    def line(self):
        """The command line being edited: the last line that starts with the prompt."""
        lines = [line.rstrip() for line in self.screen().splitlines()]
        prompts = [line for line in lines if line.startswith(PROMPT.rstrip())]
        return prompts[-1][len(PROMPT):] if prompts else None

    def wait(self, predicate, timeout=20.0, what="the screen"):
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if predicate():
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; screen:\n{screen}")
            time.sleep(0.1)

    def reset(self):
        """An empty command line on a clear screen."""
        self.keys("C-c")
        time.sleep(0.1)
        self.keys("C-l")
        self.wait(lambda: [line for line in self.screen().splitlines() if line.strip()]
                  == [PROMPT.rstrip()], what="a clear prompt")

    def complete(self, text, then=None):
        """Type ``text``, press Tab once, and return the command line once it changed (and,
        with ``then``, once ``then`` was typed after the completion)."""
        self.reset()
        self.type(text)
        self.wait(lambda: self.line() == text.rstrip(), what=f"{text!r} to be typed")
        self.keys("Tab")
        self.wait(lambda: self.line() not in (text, text.rstrip()), what=f"completion of {text!r}")
        if then is not None:
            before = self.line()
            self.type(then)
            self.wait(lambda: self.line() != before, what=f"{then!r} after the completion")
        return self.line()

    def listing(self, text, expected, presses=1):
        """Type ``text``, press Tab ``presses`` times and wait until the candidates show."""
        self.reset()
        self.type(text)
        self.wait(lambda: self.line() == text.rstrip(), what=f"{text!r} to be typed")
        for _ in range(presses):
            self.keys("Tab")
            time.sleep(0.3)
        self.wait(lambda: all(word in self.screen() for word in expected),
                  what=f"candidates {expected}")
        return self.screen()

    def close(self):
        subprocess.run([*self.tmux, "kill-server"], env=self.env, capture_output=True, timeout=30)
        if self.socket_path:
            Path(self.socket_path).unlink(missing_ok=True)


SHELLS = ("bash", "bash-completion", "zsh", "fish")


def _start(shell, env, home):
    """The shell, set up by its start-up file as a user would (completions/README.md)."""
    if shell in ("bash", "bash-completion"):
        binary = _need("bash", "bash")
        rc = [f"PS1='{PROMPT}'"]
        if shell == "bash":
            rc.append(f"source {COMPLETIONS / 'swarmctl.bash'}")
        else:
            loader = Path("/usr/share/bash-completion/bash_completion")
            if not loader.exists():
                if IN_CI:
                    pytest.fail("bash-completion is needed (scripts/bootstrap installs it)")
                pytest.skip("bash-completion is not installed")
            # installed as the README says; the loader finds it on the first Tab
            user_dir = home / ".local" / "share" / "bash-completion" / "completions"
            user_dir.mkdir(parents=True)
            shutil.copy(COMPLETIONS / "swarmctl.bash", user_dir / "swarmctl")
            rc.append(f"source {loader}")
        (home / "bashrc").write_text("\n".join(rc) + "\n")
        return Terminal([binary, "--noprofile", "--rcfile", str(home / "bashrc"), "-i"], env, home)
    if shell == "zsh":
        binary = _need("zsh", "zsh")
        (home / ".zshrc").write_text(
            f"PS1='{PROMPT}'\nfpath=({COMPLETIONS} $fpath)\nautoload -Uz compinit\ncompinit -u -D\n")
        return Terminal([binary, "-i"], dict(env, ZDOTDIR=str(home)), home)
    binary = _need("fish", "fish")
    init = "; ".join([
        f"function fish_prompt; echo -n '{PROMPT}'; end", "set -g fish_autosuggestion_enabled 0",
        "set -g fish_greeting", f"set -p fish_complete_path {COMPLETIONS}"])
    return Terminal([binary, "--no-config", "-i", "-C", init], env, home)


@pytest.fixture(scope="module", params=SHELLS)
def term(request, engine, bin_dir, tmp_path_factory):
    home = tmp_path_factory.mktemp(f"home-{request.param}")
    terminal = _start(request.param, _shell_env(engine, bin_dir, home), home)
    terminal.name = request.param
    yield terminal
    terminal.close()


# -- the shells -------------------------------------------------------------------------------

def test_command_name(term):
    assert term.complete("swarmctl rollb", then="X") == "swarmctl rollback X"


def test_command_names_listed_with_help(term):
    screen = term.listing("swarmctl ", ["rollback", "inspect", "scale"], presses=2 if "bash" in term.name else 1)
    if term.name in ("zsh", "fish"):  # these show the short help next to each name
        assert "Revert changes to a service's configuration" in screen


def test_flag_name(term):
    assert term.complete("swarmctl update --rollback-mon", then="X") == \
        "swarmctl update --rollback-monitor X"


def test_service_name(term, names):
    assert term.complete(f"swarmctl rm {names.prefix}-w", then="X") == f"swarmctl rm {names.service} X"


def test_service_names_listed(term, names):
    # (fish elides the common part of the candidates: look for their ends)
    screen = term.listing(f"swarmctl inspect {names.prefix}-", [names.service[-10:], names.other[-10:]],
                          presses=2 if "bash" in term.name else 1)
    if term.name in ("zsh", "fish"):
        assert "replicated (0) busybox:local" in screen


def test_scale_offers_service_equals_without_space(term, names):
    assert term.complete(f"swarmctl scale {names.prefix}-a", then="3") == \
        f"swarmctl scale {names.other}=3"


def test_secret_after_secret_flag(term, names):
    assert term.complete(f"swarmctl create --secret {names.prefix}-s", then="X") == \
        f"swarmctl create --secret {names.secret} X"


def test_network_after_network_flag(term, names):
    assert term.complete(f"swarmctl update --network-add {names.prefix}-n", then="X") == \
        f"swarmctl update --network-add {names.network} X"


def test_hostname_after_constraint(term, names):
    line = "swarmctl create --constraint node.hostname=="
    assert term.complete(line, then="X") == f"{line}{names.hostname} X"


def test_fixed_list_after_equals(term):
    assert term.complete("swarmctl create --restart-condition=on-", then="X") == \
        "swarmctl create --restart-condition=on-failure X"


def test_file_names_are_left_to_the_shell(term):
    # the shells run in their home folder; an --env-file value is a path
    home = Path(term.env["HOME"])
    (home / "service-abc.env").write_text("A=1\n")
    assert term.complete("swarmctl create --env-file service-a", then="X") == \
        "swarmctl create --env-file service-abc.env X"


def test_format_values(term):
    """--format: the fixed words and config.json's format (bash gets it escaped; zsh and
    fish quote what they insert)."""
    config = Path(term.env["HOME"]) / ".docker" / "config.json"
    config.parent.mkdir(exist_ok=True)
    config.write_text(json.dumps({"servicesFormat": "{{.Name}} {{.Mode}}"}))
    try:
        assert term.complete("swarmctl ps --format j", then="X") == "swarmctl ps --format json X"
        if term.name.startswith("bash"):
            assert term.complete("swarmctl ls --format {", then="X") == \
                "swarmctl ls --format {{.Name}}\\ {{.Mode}} X"
        else:  # zsh and fish list it (and quote it themselves when it is picked)
            term.listing("swarmctl ls --format ", ["table", "{{.Name}} {{.Mode}}"])
    finally:
        config.unlink()


# -- the protocol against the engine (one program run each) -----------------------------------

@pytest.fixture
def ask(engine):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DOCKER_", "COMP_", "_SWARMCTL", "SWARMCTL_"))}
    env.update(DOCKER_HOST=engine.host, PYTHONPATH=str(ROOT), **{TIMEOUT_VAR: "5"})

    def run(line, shell="bash"):
        extra = {"COMP_LINE": line}
        if shell != "bash":
            words = line.split(" ")
            separator = "\n" if shell == "zsh" else WORD_SEPARATOR
            extra = {"COMP_WORDS": separator.join(words[1:-1]), "COMP_CUR": words[-1]}
        result = subprocess.run([sys.executable, "-m", "swarmctl"], capture_output=True, text=True,
                                env=dict(env, _SWARMCTL_COMPLETE=f"{shell}_complete", **extra),
                                timeout=60)
        assert result.returncode == 0 and result.stderr == ""
        lines = [line.split("\t") for line in result.stdout.splitlines()]
        if shell == "zsh":  # "value:help" with the value's colons escaped, for _describe
            lines = [[kind, *_split_zsh(entry)] for kind, entry in lines]
        return lines

    return run


def _split_zsh(entry):
    value, index = "", 0
    while index < len(entry):
        char = entry[index]
        if char == "\\" and index + 1 < len(entry):
            value += entry[index + 1]
            index += 2
            continue
        if char == ":":
            return value, entry[index + 1:]
        value += char
        index += 1
    return value, ""


def _values(lines):
    return [fields[1] for fields in lines]


@pytest.mark.parametrize("command", ["ps", "logs", "inspect", "rm", "update", "rollback",
                                     "export", "diff"])
def test_every_service_command_completes_names(ask, names, command):
    assert _values(ask(f"swarmctl {command} {names.prefix}-")) == [names.other, names.service]


def test_services_already_given_are_not_offered_again(ask, names):
    assert _values(ask(f"swarmctl rm {names.service} {names.prefix}-")) == [names.other]
    assert ask(f"swarmctl update {names.service} {names.prefix}-") == []


def test_diff_offers_a_second_service_then_nothing(ask, names):
    assert _values(ask(f"swarmctl diff {names.service} {names.prefix}-")) == [names.other]
    assert ask(f"swarmctl diff {names.service} {names.other} {names.prefix}-") == []
    assert ask(f"swarmctl diff --previous {names.service} {names.prefix}-") == []


def test_service_ids_for_an_id_like_prefix(ask, names):
    lines = ask(f"swarmctl inspect {names.service_id[:6]}")
    assert [names.service_id, names.service] in [fields[1:] for fields in lines]


def test_task_ids_for_logs(ask, names, one_task):
    lines = ask(f"swarmctl logs {one_task[:5]}")
    assert [one_task, f"task {names.other}.1"] in [[f[1], f[2].rsplit(" ", 1)[0]] for f in lines
                                                  if f[1] == one_task]


@pytest.fixture
def one_task(engine, names):
    """One task of a service of ours (scaled to 1, then back to 0)."""
    engine.docker("service", "scale", "-d", f"{names.other}=1")
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            ids = engine.docker("service", "ps", "-q", "--no-trunc", names.other).stdout.split()
            if ids:
                yield ids[0]
                break
            time.sleep(0.3)
        else:
            raise AssertionError("no task appeared")
    finally:
        engine.docker("service", "scale", "-d", f"{names.other}=0", check=False)


def test_config_and_secret_forms(ask, names):
    assert _values(ask(f"swarmctl update --config-add {names.prefix}-c")) == [names.config]
    assert _values(ask(f"swarmctl update --config-rm {names.prefix}-c")) == [names.config]
    assert _values(ask(f"swarmctl update --secret-rm {names.prefix}-")) == [names.secret]
    assert _values(ask(f"swarmctl create --config source={names.prefix}", shell="zsh")) == [
        f"source={names.config}"]
    assert ask(f"swarmctl create --secret {names.secret},target=") == []


def test_networks_skip_ingress(ask, names):
    values = _values(ask("swarmctl create --network "))
    assert names.network in values and "ingress" not in values
    assert _values(ask(f"swarmctl update --network-rm={names.prefix}", shell="fish")) == [
        f"--network-rm={names.network}"]


def test_constraint_keys_labels_and_values(ask, engine, names):
    node = engine.docker("node", "ls", "-q", "--filter", "role=manager").stdout.split()[0]
    engine.docker("node", "update", "--label-add", f"{names.label}=blue", node)
    try:
        assert f"node.labels.{names.label}==" in _values(
            ask("swarmctl create --constraint node.labels.", shell="zsh"))
        assert _values(ask(f"swarmctl create --constraint node.labels.{names.label}==",
                           shell="fish")) == [f"node.labels.{names.label}==blue"]
        assert _values(ask("swarmctl create --constraint node.hostname!=", shell="zsh")) == [
            f"node.hostname!={names.hostname}"]
    finally:
        engine.docker("node", "update", "--label-rm", names.label, node, check=False)


def test_modes_and_restart_conditions(ask):
    assert _values(ask("swarmctl create --mode ")) == [
        "replicated", "global", "replicated-job", "global-job"]
    assert _values(ask("swarmctl update --restart-condition ")) == ["none", "on-failure", "any"]


def test_a_stopped_engine_completes_nothing(ask, tmp_path, names):
    # the same request, pointed at a socket nobody listens on
    result = subprocess.run(
        [sys.executable, "-m", "swarmctl"],
        capture_output=True, text=True, timeout=60,
        env=dict(os.environ, PYTHONPATH=str(ROOT), _SWARMCTL_COMPLETE="bash_complete",
                 COMP_LINE=f"swarmctl -H unix://{tmp_path}/gone.sock rm {names.prefix}-"))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
