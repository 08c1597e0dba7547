"""Host strings, TLS settings and the ssh transport, without an engine.

The ssh transport runs against a fake ``ssh`` (a Python script on PATH) that speaks HTTP/1.1
on its stdin/stdout the way ``docker system dial-stdio`` relays the engine, or fails the
way ssh fails.
"""
from __future__ import annotations

import os
import ssl
import sys
import textwrap

import pytest

from swarmctl.utils.hosts import kwargs_from_env, parse_host

# -- docker-py's parse_host (what APIClient(base_url=...) accepts) ---------------------------

@pytest.mark.parametrize("value, tls, expected", [
    ("0.0.0.1:5555", False, "http://0.0.0.1:5555"),
    (":6666", False, "http://127.0.0.1:6666"),
    ("unix://", False, "http+unix:///var/run/docker.sock"),
    ("somehost.net:80/service/swarm", False, "http://somehost.net:80/service/swarm"),
    ("[fd12::82d1]:2375", False, "http://[fd12::82d1]:2375"),
    ("ssh://", False, "ssh://127.0.0.1:22"),
    ("tcp://h:2376/", False, "http://h:2376"),
    ("h:3348", True, "https://h:3348"),
    ("https://h:2376", False, "https://h:2376"),
    ("ssh://me@h:2222", False, "ssh://me@h:2222"),
    # The Docker CLI's ssh path (the remote socket), which docker-py refuses.
    ("ssh://me@h/run/user/1000/docker.sock", False, "ssh://me@h:22/run/user/1000/docker.sock"),
])
def test_parse_host(value, tls, expected):
    assert parse_host(value, tls=tls) == expected


def test_kwargs_from_env_keeps_docker_py_semantics(tmp_path):
    for name in ("ca.pem", "cert.pem", "key.pem"):
        (tmp_path / name).write_text("x")
    assert kwargs_from_env(environment={}) == {}
    params = kwargs_from_env(environment={"DOCKER_HOST": "tcp://h:2376", "DOCKER_TLS_VERIFY": "1",
                                          "DOCKER_CERT_PATH": str(tmp_path)})
    assert params["base_url"] == "tcp://h:2376"
    assert params["tls"].verify is True
    assert params["tls"].ca_cert == str(tmp_path / "ca.pem")
    assert params["tls"].cert == (str(tmp_path / "cert.pem"), str(tmp_path / "key.pem"))
    # docker-py: a cert path alone means TLS without verification; '' means no verification.
    params = kwargs_from_env(environment={"DOCKER_CERT_PATH": str(tmp_path), "DOCKER_TLS_VERIFY": ""})
    assert params["tls"].verify is False


# -- TLS settings on a session --------------------------------------------------------------

def _ca_files(tmp_path):
    for name in ("ca.pem", "cert.pem", "key.pem"):
        (tmp_path / name).write_text("x")
    return str(tmp_path / "ca.pem"), (str(tmp_path / "cert.pem"), str(tmp_path / "key.pem"))


def test_tls_config_pins_verification_against_requests_environment(tmp_path, monkeypatch):
    import requests

    from swarmctl.tls import TLSConfig

    ca, client_cert = _ca_files(tmp_path)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt")
    session = requests.Session()
    TLSConfig(client_cert=client_cert, ca_cert=ca, verify=True).configure_client(session)
    assert (session.verify, session.cert) == (ca, client_cert)
    adapter = session.get_adapter("https://h:2376/version")
    seen = {}

    def fake_send(self, request, **kwargs):
        seen.update(kwargs)
        raise RuntimeError("stop")

    monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", fake_send)
    with pytest.raises(RuntimeError):
        session.get("https://h:2376/version")
    # requests would have handed over REQUESTS_CA_BUNDLE; the engine's CA wins, as in docker.
    assert (seen["verify"], seen["cert"]) == (ca, client_cert)
    assert type(adapter).__name__ == "EngineHTTPSAdapter"


def test_tls_config_without_verification_is_quiet(tmp_path):
    import requests

    from swarmctl.tls import TLSConfig

    session = requests.Session()
    TLSConfig(verify=False).configure_client(session)
    assert session.verify is False
    adapter = session.get_adapter("https://h:2376/")
    pool_class = adapter.poolmanager.pool_classes_by_scheme["https"]
    assert pool_class.__name__ == "QuietHTTPSConnectionPool"


def test_tls_true_verifies_with_default_bundle():
    from swarmctl.api.client import APIClient

    client = APIClient(base_url="tcp://127.0.0.1:9", tls=True, version="1.41")
    assert client.base_url == "https://127.0.0.1:9"
    assert client.verify is True
    client.close()


def test_tls_without_base_url_is_refused():
    from swarmctl.api.client import APIClient
    from swarmctl.errors import TLSParameterError

    with pytest.raises(TLSParameterError):
        APIClient(tls=True)


# -- one-line TLS messages ----------------------------------------------------------------------

def _ssl_failure(kind):
    if kind == "verify":
        error = ssl.SSLCertVerificationError(
            1, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local "
               "issuer certificate (_ssl.c:1006)")
        error.reason = "CERTIFICATE_VERIFY_FAILED"
        return error
    error = ssl.SSLError(1, "[SSL: SSLV3_ALERT_BAD_CERTIFICATE] sslv3 alert bad certificate (_ssl.c:2580)")
    error.reason = "SSLV3_ALERT_BAD_CERTIFICATE"
    return error


@pytest.mark.parametrize("kind, expected", [
    ("verify", 'error during connect: Get "https://h:2376/version": tls: failed to verify '
               "certificate: certificate verify failed: unable to get local issuer certificate"),
    ("client", "the server probably has client authentication (--tlsverify) enabled; check your "
               'TLS client certification settings: Get "https://h:2376/version": remote error: '
               "tls: bad certificate"),
])
def test_tls_failures_read_like_docker(kind, expected):
    import requests
    import urllib3

    from swarmctl.api.client import APIClient

    client = APIClient(base_url="tcp://h:2376", tls=True, version="1.41")
    request = requests.Request("GET", "https://h:2376/version").prepare()
    inner = urllib3.exceptions.SSLError(_ssl_failure(kind))
    retry = urllib3.exceptions.MaxRetryError(None, "/version", inner)
    error = requests.exceptions.SSLError(retry, request=request)
    unreachable = client._unreachable(error)
    assert str(unreachable) == expected
    assert isinstance(unreachable, requests.exceptions.ConnectionError)
    client.close()


# -- ssh URLs ---------------------------------------------------------------------------------

@pytest.mark.parametrize("url, args", [
    ("ssh://host", ["--", "host", "docker", "system", "dial-stdio"]),
    ("ssh://me@host", ["-l", "me", "--", "host", "docker", "system", "dial-stdio"]),
    ("ssh://me@host:2222", ["-l", "me", "-p", "2222", "--", "host", "docker", "system", "dial-stdio"]),
    ("ssh://My-Alias", ["--", "My-Alias", "docker", "system", "dial-stdio"]),
    ("ssh://[::1]:22", ["-p", "22", "--", "::1", "docker", "system", "dial-stdio"]),
    ("ssh://host/run/docker.sock",
     ["--", "host", "docker", "--host", "unix:///run/docker.sock", "system", "dial-stdio"]),
])
def test_ssh_command_line_is_dockers(url, args):
    from swarmctl.transport.sshconn import SSHSpec

    assert SSHSpec(url).args() == ["ssh", "-o", "ConnectTimeout=30", "-T", *args]


@pytest.mark.parametrize("url, reason", [
    ("ssh://", "hostname is empty"),
    ("ssh://me:secret@host", "plain-text password is not supported"),
    ("ssh://host?x=1", 'query parameters are not allowed: "x=1"'),
    ("ssh://host#frag", 'fragments are not allowed: "frag"'),
])
def test_invalid_ssh_urls(url, reason):
    from swarmctl.errors import DockerException
    from swarmctl.transport.sshconn import SSHSpec

    with pytest.raises(DockerException) as info:
        SSHSpec(url)
    assert str(info.value) == f"ssh host connection is not valid: invalid SSH URL: {reason}"


# -- the ssh transport against a fake ssh ---------------------------------------------------------

FAKE_DIAL_STDIO = textwrap.dedent('''\
    #!{python}
    """Fake `ssh ... docker system dial-stdio`: a tiny HTTP/1.1 engine on stdin/stdout."""
    import json, os, sys
    with open({log!r}, "a") as log:
        log.write(" ".join(sys.argv[1:]) + "\\n")
    mode = {mode!r}
    if mode == "refused":
        sys.stderr.write("ssh: connect to host nowhere port 22: Connection refused\\r\\n")
        sys.exit(255)
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    served = 0
    while True:
        line = stdin.readline()
        if not line:
            break
        method, path, _ = line.decode().split(" ", 2)
        length = 0
        while True:
            header = stdin.readline()
            if header in (b"\\r\\n", b""):
                break
            if header.lower().startswith(b"content-length:"):
                length = int(header.split(b":")[1])
        stdin.read(length)
        served += 1
        if path.startswith("/v1.41/stream"):
            stdout.write(b"HTTP/1.1 200 OK\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n")
            for i in range(3):
                chunk = f"chunk-{{i}}\\n".encode()
                stdout.write(b"%x\\r\\n%s\\r\\n" % (len(chunk), chunk))
                stdout.flush()
            stdout.write(b"0\\r\\n\\r\\n")
            stdout.flush()
            continue
        body = json.dumps({{"ApiVersion": "1.41", "pid": os.getpid(), "served": served}}).encode()
        stdout.write(b"HTTP/1.1 200 OK\\r\\nContent-Type: application/json\\r\\n"
                     b"Content-Length: %d\\r\\n\\r\\n%s" % (len(body), body))
        stdout.flush()
''')


@pytest.fixture
def fake_ssh(tmp_path, monkeypatch):
    def install(mode="serve"):
        bin_dir = tmp_path / f"bin-{mode}"
        bin_dir.mkdir()
        log = tmp_path / f"starts-{mode}.log"
        log.write_text("")
        script = bin_dir / "ssh"
        script.write_text(FAKE_DIAL_STDIO.format(python=sys.executable, log=str(log), mode=mode))
        script.chmod(0o755)
        monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
        return log
    return install


def test_one_process_serves_every_request(fake_ssh):
    from swarmctl.api.client import APIClient

    log = fake_ssh()
    client = APIClient(base_url="ssh://me@remote:2222")
    try:
        assert client.api_version == "1.41"
        answers = [client._result(client._get(client._url("/version", versioned_api=False)),
                                  json=True) for _ in range(5)]
        assert len({a["pid"] for a in answers}) == 1
        assert [a["served"] for a in answers] == [2, 3, 4, 5, 6]
        assert log.read_text().splitlines() == [
            "-o ConnectTimeout=30 -T -l me -p 2222 -- remote docker system dial-stdio"]
        [process] = client._ssh_adapter.processes
        assert process.poll() is None
    finally:
        client.close()
    assert process.poll() is not None
    assert client._ssh_adapter.processes == []


def test_streaming_response_over_the_process(fake_ssh):
    from swarmctl.api.client import APIClient

    fake_ssh()
    client = APIClient(base_url="ssh://remote", version="1.41")
    try:
        response = client._get(client._url("/stream"), stream=True)
        assert list(response.iter_content(chunk_size=None)) == [b"chunk-0\n", b"chunk-1\n", b"chunk-2\n"]
        # The connection is reused after the stream ends.
        again = client._result(client._get(client._url("/version", versioned_api=False)), json=True)
        assert again["served"] == 2
    finally:
        client.close()


def test_ssh_failure_is_one_docker_like_line(fake_ssh):
    from swarmctl.api.client import APIClient
    from swarmctl.errors import DaemonUnreachable

    fake_ssh("refused")
    with pytest.raises(DaemonUnreachable) as info:
        APIClient(base_url="ssh://nowhere")
    assert str(info.value) == (
        'error during connect: Get "http+docker://ssh/version": command [ssh -o ConnectTimeout=30 '
        "-T -- nowhere docker system dial-stdio] has exited with exit status 255, make sure the "
        "URL is valid, and Docker 18.09 or later is installed on the remote host: "
        "stderr=ssh: connect to host nowhere port 22: Connection refused")


def test_missing_ssh_executable(tmp_path, monkeypatch):
    from swarmctl.api.client import APIClient
    from swarmctl.errors import DaemonUnreachable

    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(DaemonUnreachable) as info:
        APIClient(base_url="ssh://remote")
    assert str(info.value) == ('error during connect: Get "http+docker://ssh/version": '
                               'exec: "ssh": executable file not found in $PATH')
