"""The CLI and the library against a real engine on tcp with TLS (dockerd --tlsverify).

The test makes its own CA, server and client certificates with openssl, starts its own
single-node swarm whose dockerd also listens on 127.0.0.1:2376 and 127.0.0.2:2376 inside the
engine's private network namespace, and runs swarmctl (and, as the oracle, the Docker CLI)
inside that namespace with ``nsenter --net``. Contexts are written by the real
``docker context create``.
"""
from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys

import pytest

from tests.helpers import IMAGE, clean_env, one_error_line, running_lab

pytestmark = pytest.mark.engine

TLS_HOST = "tcp://127.0.0.1:2376"
OTHER_NAME_HOST = "tcp://127.0.0.2:2376"  # same engine, an address its certificate lacks


def _openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


def make_ca(directory, name):
    """A CA plus a client certificate it signs: ca.pem, cert.pem, key.pem (docker's names)."""
    directory.mkdir(parents=True)
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca-key.pem",
             "-out", "ca.pem", "-days", "2", "-subj", f"/CN={name}", cwd=directory)
    (directory / "client.ext").write_text("extendedKeyUsage=clientAuth\n")
    _openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "client.csr",
             "-subj", "/CN=swarmctl-test-client", cwd=directory)
    _openssl("x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem",
             "-CAcreateserial", "-out", "cert.pem", "-days", "2", "-extfile", "client.ext",
             cwd=directory)
    return directory


def make_server_cert(ca_dir):
    (ca_dir / "server.ext").write_text(
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n")
    _openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server-key.pem",
             "-out", "server.csr", "-subj", "/CN=localhost", cwd=ca_dir)
    _openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem",
             "-CAcreateserial", "-out", "server-cert.pem", "-days", "2", "-extfile", "server.ext",
             cwd=ca_dir)
    return ca_dir / "server-cert.pem", ca_dir / "server-key.pem"


class TLSLab:
    def __init__(self, lab, root, good, other):
        self.lab, self.root, self.good, self.other = lab, root, good, other
        self.netns = lab.manager.netns
        self.unix_host = lab.manager.host

    def env(self, config=None, **extra):
        """A clean environment: no DOCKER_* from outside, a private config folder."""
        return clean_env(config or self.root / "config-empty", **extra)

    def run(self, argv, env, timeout=60):
        return subprocess.run(["nsenter", f"--net=/var/run/netns/{self.netns}", *argv],
                              env=env, capture_output=True, text=True, timeout=timeout)

    def swarmctl(self, *args, env):
        return self.run([sys.executable, "-m", "swarmctl", *args], env)

    def docker(self, *args, env):
        return self.run(["docker", *args], env)

    def python(self, code, env):
        return self.run([sys.executable, "-c", code], env)

    def good_flags(self, ca=None):
        return ["--tlsverify", "--tlscacert", str(ca or self.good / "ca.pem"),
                "--tlscert", str(self.good / "cert.pem"), "--tlskey", str(self.good / "key.pem")]


@pytest.fixture(scope="module")
def tls(tmp_path_factory):
    root = tmp_path_factory.mktemp("remote-tls")
    good = make_ca(root / "good", "swarmctl test CA")
    other = make_ca(root / "other", "swarmctl other CA")
    server_cert, server_key = make_server_cert(good)
    (root / "config-empty").mkdir()
    (root / "certs-empty").mkdir()
    with running_lab(nodes=1, engine_args=[
        "--host", TLS_HOST, "--host", OTHER_NAME_HOST,
        "--tlsverify", "--tlscacert", str(good / "ca.pem"),
        "--tlscert", str(server_cert), "--tlskey", str(server_key),
    ]) as lab:
        yield TLSLab(lab, root, good, other)


# -- verified TLS -----------------------------------------------------------------------------

def test_verified_tls_create_ls_rm_with_flags(tls):
    env = tls.env()
    name = f"tls-{secrets.token_hex(4)}"
    created = tls.swarmctl("-H", TLS_HOST, *tls.good_flags(), "create", "-d", "--name", name,
                           IMAGE, "sleep", "600", env=env)
    try:
        assert created.returncode == 0, created.stderr
        assert "Traceback" not in created.stderr  # only docker's image-digest warning
        service_id = created.stdout.strip()
        listed = tls.swarmctl("-H", TLS_HOST, *tls.good_flags(), "ls", "-q",
                              "--filter", f"name={name}", env=env)
        assert (listed.returncode, listed.stderr) == (0, "")
        [listed_id] = listed.stdout.split()
        assert service_id.startswith(listed_id)
    finally:
        removed = tls.swarmctl("-H", TLS_HOST, *tls.good_flags(), "rm", name, env=env)
    assert (removed.returncode, removed.stdout, removed.stderr) == (0, f"{name}\n", "")


def test_verified_tls_from_environment(tls):
    env = tls.env(DOCKER_HOST=TLS_HOST, DOCKER_TLS_VERIFY="1", DOCKER_CERT_PATH=tls.good)
    result = tls.swarmctl("rm", "no-such-service", env=env)
    assert result.returncode == 1
    assert one_error_line(result) == "Error response from daemon: service no-such-service not found"
    # Without a host, TLS defaults to tcp://localhost:2376, as docker's does.
    env.pop("DOCKER_HOST")
    result = tls.swarmctl("rm", "no-such-service", env=env)
    assert one_error_line(result) == "Error response from daemon: service no-such-service not found"


def test_library_from_env_and_explicit_tls(tls):
    code = f"""
import swarmctl
from swarmctl.tls import TLSConfig
client = swarmctl.from_env()
print(client.api.base_url, client.ping(), client.api.api_version)
client.close()
good = {str(tls.good)!r}
tls_config = TLSConfig(client_cert=(good + "/cert.pem", good + "/key.pem"),
                       ca_cert=good + "/ca.pem", verify=True)
explicit = swarmctl.DockerClient(base_url={TLS_HOST!r}, tls=tls_config)
print(explicit.api.base_url, explicit.ping())
explicit.close()
"""
    env = tls.env(DOCKER_HOST=TLS_HOST, DOCKER_TLS_VERIFY="1", DOCKER_CERT_PATH=tls.good)
    result = tls.python(code, env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        "https://127.0.0.1:2376 True 1.41", "https://127.0.0.1:2376 True"]


# -- refused: wrong CA, wrong name, no client certificate ---------------------------------------

def test_wrong_ca_is_refused_inone_error_line(tls):
    env = tls.env()
    flags = tls.good_flags(ca=tls.other / "ca.pem")
    result = tls.swarmctl("-H", TLS_HOST, *flags, "ls", env=env)
    assert result.returncode == 1 and result.stdout == ""
    line = one_error_line(result)
    assert line.startswith('error during connect: Get "https://127.0.0.1:2376/')
    assert "tls: failed to verify certificate: certificate verify failed" in line
    # The Docker CLI refuses it too.
    assert tls.docker("-H", TLS_HOST, *flags, "service", "ls", env=env).returncode == 1


def test_certificate_for_another_name_is_refused(tls):
    result = tls.swarmctl("-H", OTHER_NAME_HOST, *tls.good_flags(), "ls", env=tls.env())
    assert result.returncode == 1
    line = one_error_line(result)
    assert "certificate verify failed" in line and "127.0.0.2" in line
    assert tls.docker("-H", OTHER_NAME_HOST, *tls.good_flags(), "service", "ls",
                      env=tls.env()).returncode == 1


@pytest.mark.parametrize("client_files", ["none", "other-ca"])
def test_engine_requires_a_client_certificate(tls, client_files):
    env = tls.env(DOCKER_CERT_PATH=tls.root / "certs-empty")
    flags = ["--tlsverify", "--tlscacert", str(tls.good / "ca.pem")]
    if client_files == "other-ca":
        flags += ["--tlscert", str(tls.other / "cert.pem"), "--tlskey", str(tls.other / "key.pem")]
    result = tls.swarmctl("-H", TLS_HOST, *flags, "ls", env=env)
    assert result.returncode == 1
    line = one_error_line(result)
    assert line.startswith("the server probably has client authentication (--tlsverify) enabled; "
                           "check your TLS client certification settings: ")
    assert "remote error: tls: bad certificate" in line
    docker = tls.docker("-H", TLS_HOST, *flags, "service", "ls", env=env)
    assert "the server probably has client authentication" in docker.stderr


def test_tls_without_verification_is_quiet(tls):
    # --tls alone: encrypted, not verified (the CA file is read but not used to verify).
    env = tls.env(DOCKER_CERT_PATH=tls.good)
    for flags in (["--tls"], ["--tls", "--tlscacert", str(tls.other / "ca.pem")]):
        result = tls.swarmctl("-H", TLS_HOST, *flags, "ls", "-q", env=env)
        assert (result.returncode, result.stderr) == (0, ""), flags
        assert tls.docker("-H", TLS_HOST, *flags, "service", "ls", "-q", env=env).returncode == 0


def test_plain_http_to_the_tls_port(tls):
    result = tls.swarmctl("-H", TLS_HOST, "ls", env=tls.env())
    assert result.returncode == 1
    assert one_error_line(result) == "Error response from daemon: Client sent an HTTP request to an HTTPS server."
    docker = tls.docker("-H", TLS_HOST, "service", "ls", env=tls.env())
    assert docker.stderr.strip() == one_error_line(result)


def test_missing_default_ca_file(tls):
    env = tls.env(DOCKER_CERT_PATH=tls.root / "certs-empty")
    result = tls.swarmctl("-H", TLS_HOST, "--tlsverify", "ls", env=env)
    expected = ("Failed to initialize: unable to resolve docker endpoint: open "
                f"{tls.root / 'certs-empty' / 'ca.pem'}: no such file or directory")
    assert (result.returncode, one_error_line(result)) == (1, expected)
    docker = tls.docker("-H", TLS_HOST, "--tlsverify", "service", "ls", env=env)
    # docker 28: the same line; docker 20.10 leaves out "Failed to initialize: ".
    assert docker.stderr.strip().endswith(expected.removeprefix("Failed to initialize: "))


def test_docker_tls_verify_empty_means_no_tls(tls):
    env = tls.env(DOCKER_HOST=TLS_HOST, DOCKER_TLS_VERIFY="", DOCKER_CERT_PATH=tls.good)
    result = tls.swarmctl("ls", env=env)
    assert "Client sent an HTTP request to an HTTPS server." in one_error_line(result)


# -- contexts written by the Docker CLI ---------------------------------------------------------

@pytest.fixture(scope="module")
def tls_contexts(tls):
    """A config folder whose contexts were made by `docker context create`."""
    config = tls.root / "config-contexts"
    config.mkdir()
    env = tls.env(config=config)
    good, other = tls.good, tls.other

    def create(name, spec):
        result = tls.docker("context", "create", name, "--docker", spec, env=env)
        assert result.returncode == 0, result.stderr

    create("tls-good", f"host={TLS_HOST},ca={good}/ca.pem,cert={good}/cert.pem,key={good}/key.pem")
    create("tls-wrong-ca", f"host={TLS_HOST},ca={other}/ca.pem,cert={good}/cert.pem,key={good}/key.pem")
    create("tls-skip", f"host={TLS_HOST},cert={good}/cert.pem,key={good}/key.pem,skip-tls-verify=true")
    create("tls-no-client-cert", f"host={TLS_HOST},ca={good}/ca.pem")
    create("plain", f"host={TLS_HOST}")
    create("unix", f"host={tls.unix_host}")
    return config


@pytest.mark.parametrize("context, ok, phrase", [
    ("tls-good", True, None),
    ("tls-skip", True, None),
    ("unix", True, None),
    ("tls-wrong-ca", False, "certificate verify failed"),
    ("tls-no-client-cert", False, "the server probably has client authentication"),
    ("plain", False, "Client sent an HTTP request to an HTTPS server."),
])
def test_context_flag_uses_the_store(tls, tls_contexts, context, ok, phrase):
    env = tls.env(config=tls_contexts)
    result = tls.swarmctl("--context", context, "ls", "-q", env=env)
    docker = tls.docker("--context", context, "service", "ls", "-q", env=env)
    assert result.returncode == docker.returncode == (0 if ok else 1), (result.stderr, docker.stderr)
    if ok:
        assert result.stderr == ""
    else:
        assert phrase in one_error_line(result)


def test_docker_context_and_current_context(tls, tls_contexts, tmp_path):
    env = tls.env(config=tls_contexts, DOCKER_CONTEXT="tls-good")
    assert tls.swarmctl("ls", "-q", env=env).returncode == 0
    # DOCKER_HOST beats DOCKER_CONTEXT (docker: the default context then).
    env["DOCKER_HOST"] = TLS_HOST
    assert "HTTP request to an HTTPS server" in one_error_line(tls.swarmctl("ls", env=env))

    # `docker context use` writes currentContext; a private copy of the store keeps the
    # module's config folder untouched.
    config = tmp_path / "config"
    subprocess.run(["cp", "-a", str(tls_contexts), str(config)], check=True)
    env = tls.env(config=config)
    assert tls.docker("context", "use", "tls-good", env=env).returncode == 0
    assert json.loads((config / "config.json").read_text())["currentContext"] == "tls-good"
    assert tls.swarmctl("ls", "-q", env=env).returncode == 0
    # The library's from_env() follows the same rules.
    code = "import swarmctl; c = swarmctl.from_env(); print(c.api.base_url, c.ping()); c.close()"
    result = tls.python(code, env)
    assert (result.returncode, result.stdout) == (0, "https://127.0.0.1:2376 True\n"), result.stderr
    # ...and use_context=False ignores the context store.
    code = ("import swarmctl; c = swarmctl.from_env(use_context=False, version='1.41'); "
            "print(c.api.daemon_host)")
    result = tls.python(code, env)
    assert (result.returncode, result.stdout) == (0, "unix:///var/run/docker.sock\n"), result.stderr
