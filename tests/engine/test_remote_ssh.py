"""The CLI and the library over ssh:// against a real sshd in front of a real engine.

Setup (all inside the test's own lab, removed with it):

- a single-node swarm (tests/swarmlab.py) in its own network namespace;
- a private ``/usr/sbin/sshd`` on 127.0.0.1:22 *inside that namespace*, with a host key
  made here, ``AuthorizedKeysFile`` listing the test's keys, and
  ``SetEnv DOCKER_HOST=unix://<engine socket>`` so the remote ``docker system dial-stdio``
  reaches the lab engine (one key carries ``environment="PATH=/nonexistent"`` in
  authorized_keys, ``PermitUserEnvironment yes``: a remote without docker);
- the client's "~/.ssh/config": an ``ssh`` wrapper first on PATH that logs each start and
  runs ``/usr/bin/ssh -F <test ssh_config>`` (OpenSSH reads ~ from the password database,
  not $HOME, so a private config needs -F). The config maps host aliases to 127.0.0.1
  with the right key and known_hosts: swarmctl only ever names the alias.

swarmctl (and the Docker CLI as the oracle) run inside the namespace with ``nsenter --net``.
"""
from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
import time

import pytest

from tests import swarmlab
from tests.helpers import IMAGE, REPO, clean_env, engine_unavailable, one_error_line, running_lab

pytestmark = pytest.mark.engine

REMOTE = "ssh://swarmctl-remote"


def _has_command(name):
    return (REPO / "swarmctl" / "cli" / "commands" / f"{name}.py").exists()


class SSHRemote:
    def __init__(self, lab):
        self.lab = lab
        self.engine = lab.manager
        self.netns = lab.manager.netns
        # Under the lab folder: swarmlab's teardown (and clean_stale after a killed run)
        # ends every process whose command line names it, sshd included.
        self.root = lab.dir / "ssh"
        self.bin = self.root / "bin"
        self.log = self.root / "ssh-starts.log"
        self.sshd = None

    # -- setup ----------------------------------------------------------------------------

    def _keygen(self, name):
        path = self.root / name
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(path)],
                       check=True, capture_output=True, timeout=30)
        return path, (self.root / f"{name}.pub").read_text().strip()

    def start(self):
        self.root.mkdir(parents=True)
        self.bin.mkdir()
        host_key, host_pub = self._keygen("host_key")
        _other_host_key, other_host_pub = self._keygen("other_host_key")
        good, good_pub = self._keygen("id_good")
        nodocker, nodocker_pub = self._keygen("id_nodocker")
        stranger, _ = self._keygen("id_stranger")
        (self.root / "authorized_keys").write_text(
            f"{good_pub}\nenvironment=\"PATH=/nonexistent\" {nodocker_pub}\n")
        (self.root / "known_hosts").write_text(f"127.0.0.1 {host_pub}\n")
        (self.root / "known_hosts_wrong").write_text(f"127.0.0.1 {other_host_pub}\n")
        (self.root / "sshd_config").write_text(f"""\
ListenAddress 127.0.0.1:22
HostKey {host_key}
PidFile {self.root}/sshd.pid
AuthorizedKeysFile {self.root}/authorized_keys
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
PermitUserEnvironment yes
SetEnv DOCKER_HOST={self.engine.host}
LogLevel VERBOSE
""")
        (self.root / "ssh_config").write_text(f"""\
Host swarmctl-remote swarmctl-remote-path
    HostName 127.0.0.1
    User root
    IdentityFile {good}
Host swarmctl-nodocker
    HostName 127.0.0.1
    User root
    IdentityFile {nodocker}
Host swarmctl-stranger
    HostName 127.0.0.1
    User root
    IdentityFile {stranger}
Host swarmctl-badhostkey
    HostName 127.0.0.1
    User root
    IdentityFile {good}
    UserKnownHostsFile {self.root}/known_hosts_wrong
Host 127.0.0.1
    IdentityFile {good}
Host *
    UserKnownHostsFile {self.root}/known_hosts
    GlobalKnownHostsFile /dev/null
    StrictHostKeyChecking yes
    IdentitiesOnly yes
    BatchMode yes
""")
        wrapper = self.bin / "ssh"
        wrapper.write_text(f"""#!/bin/sh
echo "$$ $*" >> {self.log}
exec {shutil.which('ssh', path='/usr/bin:/bin') or '/usr/bin/ssh'} -F {self.root}/ssh_config "$@"
""")
        wrapper.chmod(0o755)
        os.makedirs("/run/sshd", mode=0o755, exist_ok=True)  # sshd's privilege-separation dir
        sshd_log = open(self.root / "sshd.log", "ab")
        self.sshd = subprocess.Popen(
            ["nsenter", f"--net=/var/run/netns/{self.netns}", "/usr/sbin/sshd", "-D", "-e",
             "-f", str(self.root / "sshd_config")],
            stdout=sshd_log, stderr=sshd_log, stdin=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.sshd.poll() is not None:
                raise swarmlab.LabError(f"sshd exited: {self._sshd_log()}")
            probe = self.run(["ssh", "swarmctl-remote", "true"], self.env(), timeout=15)
            if probe.returncode == 0:
                self.log.write_text("")
                return self
            time.sleep(0.2)
        raise swarmlab.LabError(f"sshd did not accept the test key: {probe.stderr} {self._sshd_log()}")

    def _sshd_log(self):
        try:
            return (self.root / "sshd.log").read_text(errors="replace")[-1500:]
        except OSError:
            return ""

    def stop(self):
        if self.sshd is not None and self.sshd.poll() is None:
            self.sshd.terminate()
            try:
                self.sshd.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.sshd.kill()
                self.sshd.wait()

    # -- running things "on the client" -------------------------------------------------------

    def env(self, **extra):
        path = f"{self.bin}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}"
        return clean_env(self.root / "docker-config", **{"PATH": path, **extra})

    def command(self, argv):
        nsenter = shutil.which("nsenter") or "/usr/bin/nsenter"
        return [nsenter, f"--net=/var/run/netns/{self.netns}", *argv]

    def run(self, argv, env, timeout=90):
        return subprocess.run(self.command(argv), env=env, capture_output=True, text=True,
                              timeout=timeout)

    def swarmctl(self, *args, env=None):
        return self.run([sys.executable, "-m", "swarmctl", *args], env or self.env(DOCKER_HOST=REMOTE))

    def docker(self, *args, env=None):
        return self.run(["docker", *args], env or self.env(DOCKER_HOST=REMOTE))

    def python(self, code, env=None):
        return self.run([sys.executable, "-c", code], env or self.env(DOCKER_HOST=REMOTE))

    def starts(self):
        """ssh processes started since the last reset, and reset."""
        lines = self.log.read_text().splitlines()
        self.log.write_text("")
        return lines

    def live_ssh_processes(self):
        """Client ssh processes (our wrapper's -F config) still running."""
        needle = f"-F {self.root}/ssh_config".encode()
        found = []
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as handle:
                    cmdline = handle.read().replace(b"\0", b" ")
            except OSError:
                continue
            if needle in cmdline and b"dial-stdio" in cmdline and b"sshd" not in cmdline:
                found.append(int(entry))
        return found

    def wait_no_ssh(self, timeout=10):
        deadline = time.monotonic() + timeout
        while self.live_ssh_processes() and time.monotonic() < deadline:
            time.sleep(0.1)
        return self.live_ssh_processes()


@pytest.fixture(scope="module")
def remote():
    reason = None
    if not os.path.exists("/usr/sbin/sshd"):
        reason = "openssh-server is not installed (apt-get install openssh-server)"
    elif shutil.which("ssh-keygen") is None:
        reason = "openssh-client is not installed (apt-get install openssh-client)"
    if reason:
        engine_unavailable(reason)
    with running_lab(nodes=1) as lab:
        server = SSHRemote(lab)
        try:
            server.start()
        except (swarmlab.LabError, OSError, subprocess.SubprocessError) as err:
            server.stop()  # an sshd that started but never answered
            engine_unavailable(str(err))
        try:
            yield server
        finally:
            server.stop()


@pytest.fixture
def service(remote):
    """A running service whose task prints a numbered line every 0.2s."""
    name = f"ssh-{secrets.token_hex(4)}"
    remote.engine.docker("service", "create", "-d", "--name", name, IMAGE, "sh", "-c",
                         "i=0; while true; do echo line-$i; i=$((i+1)); sleep 0.2; done")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        states = remote.engine.docker("service", "ps", "-q", "--filter", "desired-state=running",
                                      "--format", "{{.CurrentState}}", name).stdout
        if states.startswith("Running"):
            break
        time.sleep(0.2)
    yield name
    remote.engine.docker("service", "rm", name, check=False)


# -- the CLI over ssh ------------------------------------------------------------------------

def test_cli_create_ls_rm_one_ssh_process_per_run(remote):
    name = f"ssh-{secrets.token_hex(4)}"
    remote.starts()
    created = remote.swarmctl("create", "-d", "--name", name, IMAGE, "sleep", "600")
    try:
        assert created.returncode == 0, created.stderr
        assert "Traceback" not in created.stderr
        service_id = created.stdout.strip()
        inspected = remote.engine.docker("service", "inspect", "--format", "{{.ID}}", name)
        assert inspected.stdout.strip() == service_id
        # create asks the engine several things (version, image, create): one ssh process.
        assert len(remote.starts()) == 1

        listed = remote.swarmctl("ls", "-q", "--filter", f"name={name}")
        assert (listed.returncode, listed.stderr) == (0, "")
        assert service_id.startswith(listed.stdout.strip())
        assert len(remote.starts()) == 1
    finally:
        removed = remote.swarmctl("rm", name)
    assert (removed.returncode, removed.stdout, removed.stderr) == (0, f"{name}\n", "")
    # The ssh process ends with the run.
    assert remote.wait_no_ssh() == []


def test_cli_create_waits_for_convergence_over_ssh(remote):
    name = f"ssh-{secrets.token_hex(4)}"
    remote.starts()
    created = remote.swarmctl("create", "--name", name, IMAGE, "sleep", "600")
    try:
        assert created.returncode == 0, created.stderr
        # Progress polls the engine many times: still one ssh process.
        assert len(remote.starts()) == 1
    finally:
        remote.engine.docker("service", "rm", name, check=False)


@pytest.mark.skipif(not _has_command("ps"), reason="swarmctl ps is not implemented yet")
def test_cli_ps_over_ssh(remote, service):
    remote.starts()
    result = remote.swarmctl("ps", "-q", service)
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    expected = remote.engine.docker("service", "ps", "-q", service).stdout
    assert result.stdout == expected
    assert len(remote.starts()) == 1


@pytest.mark.skipif(not _has_command("logs"), reason="swarmctl logs is not implemented yet")
@pytest.mark.parametrize("flags, most_processes", [
    # --raw: the stream alone, one process.
    (["--raw"], 1),
    # With task prefixes the command looks up nodes and tasks while the stream is open, and
    # HTTP/1.1 cannot share a connection with an unfinished stream: a second process serves
    # every look-up (docker's own http.Transport opens a second ssh here too).
    ([], 2),
])
def test_cli_logs_follow_streams_over_ssh(remote, service, flags, most_processes):
    remote.starts()
    process = subprocess.Popen(
        remote.command([sys.executable, "-m", "swarmctl", "logs", "-f", *flags, service]),
        env=remote.env(DOCKER_HOST=REMOTE), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True)
    try:
        seen, started = [], time.monotonic()
        while len(seen) < 15 and time.monotonic() - started < 30:
            line = process.stdout.readline()
            if not line:
                break
            seen.append(line)
        # Lines keep coming while the command runs: a stream, not a buffered answer.
        assert len(seen) == 15, (seen, process.stderr.read() if process.poll() is not None else "")
        assert all("line-" in line for line in seen)
        assert process.poll() is None
        assert 1 <= len(remote.live_ssh_processes()) <= most_processes
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=15)
    assert "Traceback" not in process.stderr.read()
    assert 1 <= len(remote.starts()) <= most_processes
    # Interrupted or not, no ssh process outlives the run.
    assert remote.wait_no_ssh() == []


def test_cli_context_created_by_docker(remote):
    env = remote.env()
    result = remote.docker("context", "create", "over-ssh", "--docker", f"host={REMOTE}", env=env)
    assert result.returncode == 0, result.stderr
    listed = remote.swarmctl("--context", "over-ssh", "ls", "-q", env=env)
    assert (listed.returncode, listed.stderr) == (0, "")
    assert listed.stdout == remote.docker("--context", "over-ssh", "service", "ls", "-q", env=env).stdout
    env["DOCKER_CONTEXT"] = "over-ssh"
    assert remote.swarmctl("ls", "-q", env=env).returncode == 0


def test_explicit_user_port_and_socket_path(remote):
    # ssh://user@host:port gives -l/-p; a path names the remote socket (docker --host).
    url = f"ssh://root@127.0.0.1:22{remote.engine.socket}"
    remote.starts()
    result = remote.swarmctl("-H", url, "ls", "-q", env=remote.env(DOCKER_HOST=None))
    assert (result.returncode, result.stderr) == (0, "")
    [start] = remote.starts()
    assert start.split(" ", 1)[1] == (f"-o ConnectTimeout=30 -T -l root -p 22 -- 127.0.0.1 docker "
                                      f"--host unix://{remote.engine.socket} system dial-stdio")


# -- ssh failures: one line each --------------------------------------------------------------

@pytest.mark.parametrize("alias, status, phrase", [
    ("swarmctl-badhostkey", "exit status 255", "Host key verification failed."),
    ("swarmctl-stranger", "exit status 255", "Permission denied (publickey)"),
    ("swarmctl-nodocker", "exit status 127", "docker: command not found"),
])
def test_ssh_failures_areone_error_line(remote, alias, status, phrase):
    env = remote.env(DOCKER_HOST=f"ssh://{alias}")
    result = remote.swarmctl("ls", env=env)
    assert result.returncode == 1 and result.stdout == ""
    line = one_error_line(result)
    assert line.startswith("error during connect: ")
    assert (f"command [ssh -o ConnectTimeout=30 -T -- {alias} docker system dial-stdio] has "
            f"exited with {status}, make sure the URL is valid") in line
    assert phrase in line
    docker = remote.docker("service", "ls", env=env)
    assert docker.returncode == 1 and phrase in docker.stderr
    assert remote.wait_no_ssh() == []


def test_missing_ssh_binary(remote):
    env = remote.env(DOCKER_HOST=REMOTE, PATH=remote.root / "no-such-bin")
    result = remote.swarmctl("ls", env=env)
    line = one_error_line(result)
    assert line.startswith("error during connect: ") and 'exec: "ssh": executable file not found' in line


def test_invalid_ssh_url(remote):
    result = remote.swarmctl("-H", "ssh://", "ls", env=remote.env())
    assert one_error_line(result) == "ssh host connection is not valid: invalid SSH URL: hostname is empty"


# -- the library over ssh ----------------------------------------------------------------------

def test_library_keeps_one_process_and_streams_logs(remote, service):
    code = f"""
import time, swarmctl
client = swarmctl.from_env()
adapter = client.api._ssh_adapter
first = list(adapter.processes)
svc = client.services.get({service!r})
assert client.ping() and svc.tasks()
stream = svc.logs(stdout=True, follow=True)
lines, started = b"", time.monotonic()
while lines.count(b"\\n") < 10:
    lines += next(stream)
elapsed = time.monotonic() - started
print("processes", len(first), len(adapter.processes))
print("lines", lines.count(b"\\n") >= 10, lines.startswith(b"line-"))
stream.close()
client.close()
print("after close", [p for p in adapter.processes])
"""
    remote.starts()
    result = remote.python(code)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines() == ["processes 1 1", "lines True True", "after close []"]
    assert len(remote.starts()) == 1
    assert remote.wait_no_ssh() == []


def test_process_ends_at_exit_and_with_its_parent(remote):
    # No close(): the interpreter's exit ends ssh.
    result = remote.python("import swarmctl; c = swarmctl.from_env(); print(c.ping())")
    assert (result.returncode, result.stdout, result.stderr) == (0, "True\n", "")
    assert remote.wait_no_ssh() == []
    # A parent killed outright takes ssh with it.
    process = subprocess.Popen(
        remote.command([sys.executable, "-c",
                        "import sys, time, swarmctl; c = swarmctl.from_env(); c.ping(); "
                        "print('up', flush=True); time.sleep(60)"]),
        env=remote.env(DOCKER_HOST=REMOTE), stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline() == "up\n"
        assert len(remote.live_ssh_processes()) == 1
    finally:
        process.kill()
        process.wait()
    assert remote.wait_no_ssh() == []


def test_engine_socket_reached_through_dial_stdio(remote):
    # The same engine answers: IDs over ssh match those over the unix socket.
    code = "import swarmctl; c = swarmctl.DockerClient(base_url='ssh://swarmctl-remote'); print(c.info()['ID'])"
    result = remote.python(code, env=remote.env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == remote.engine.docker("info", "--format", "{{.ID}}").stdout.strip()

