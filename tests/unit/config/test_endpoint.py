"""Endpoint resolution (swarmctl.config) and its precedence, checked against the real Docker CLI.

The context store is written by ``docker context create``; for each combination of -H,
--context, DOCKER_HOST, DOCKER_CONTEXT, currentContext and the TLS flags/variables, the
endpoint swarmctl picks is compared with what ``docker [flags] context inspect`` reports for
the same invocation (name, host, SkipTLSVerify, TLS files). Nothing connects to an engine.
The last tests check what the library and the CLI make of a resolved endpoint.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from swarmctl.config.configfile import load_config_file
from swarmctl.config.contextstore import ContextStore, context_id
from swarmctl.config.endpoint import TLSOptions, resolve_context_name, resolve_endpoint
from swarmctl.config.errors import (
    ConflictingOptions,
    EndpointResolutionError,
    StoreContextNotFound,
)
from tests.helpers import invoke

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
DOCKER = shutil.which("docker")


def _need_docker():
    if DOCKER is None:
        if IN_CI:
            pytest.fail("the Docker CLI is needed (scripts/bootstrap installs docker.io)")
        pytest.skip("the Docker CLI is not installed")


def _clean_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOCKER_")}
    env.update({k: str(v) for k, v in extra.items() if v is not None})
    return env


def _docker(args, env):
    return subprocess.run([DOCKER, *args], env=env, capture_output=True, text=True, timeout=60)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """A config folder with contexts made by the Docker CLI, plus TLS files."""
    _need_docker()
    root = tmp_path_factory.mktemp("contexts")
    config = root / "config"
    certs = root / "certs"
    certs.mkdir()
    # docker checks the PEM files it stores: a real (throwaway) CA, certificate and key.
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                    "key.pem", "-out", "cert.pem", "-days", "1", "-subj", "/CN=test"],
                   cwd=certs, check=True, capture_output=True, timeout=60)
    shutil.copy(certs / "cert.pem", certs / "ca.pem")
    only_ca = root / "only-ca"
    only_ca.mkdir()
    shutil.copy(certs / "ca.pem", only_ca / "ca.pem")
    env = _clean_env(DOCKER_CONFIG=config)
    specs = {
        "alpha": f"host=tcp://alpha.example:2376,ca={certs}/ca.pem,cert={certs}/cert.pem,key={certs}/key.pem",
        "beta": "host=unix:///run/beta.sock",
        "gamma": f"host=tcp://gamma.example:2376,cert={certs}/cert.pem,key={certs}/key.pem,skip-tls-verify=true",
        "remote": "host=ssh://deploy@build.example:2222",
        "Mixed.Case_name+1": "host=tcp://mixed.example:2375",
    }
    for name, spec in specs.items():
        result = _docker(["context", "create", name, "--description", f"the {name} one",
                          "--docker", spec], env)
        assert result.returncode == 0, result.stderr
    return {"config": config, "certs": certs, "only_ca": only_ca, "root": root}


def _with_current(store, tmp_path, current):
    """A copy of the store whose config.json has currentContext (set by `docker context use`)."""
    config = tmp_path / "config"
    shutil.copytree(store["config"], config)
    if current == "nosuch":  # docker refuses to `use` it; a hand-edited config.json can
        (config / "config.json").write_text(json.dumps({"currentContext": current}))
    elif current:
        result = _docker(["context", "use", current], _clean_env(DOCKER_CONFIG=config))
        assert result.returncode == 0, result.stderr
    return config


def _docker_view(flags, env):
    """docker's pick for this invocation: (name, host, skip, sorted TLS files) or its error."""
    result = _docker([*flags, "context", "inspect"], env)
    if result.returncode != 0:
        return ("error", result.stderr.strip())
    [context] = json.loads(result.stdout)
    endpoint = context["Endpoints"]["docker"]
    files = sorted((context.get("TLSMaterial") or {}).get("docker") or [])
    return (context["Name"], endpoint["Host"], endpoint.get("SkipTLSVerify", False), files)


def _our_view(flags, env):
    """swarmctl's pick for the same flags and environment."""
    hosts, context, config_dir, tls = [], None, None, TLSOptions()
    args = list(flags)
    while args:
        flag = args.pop(0)
        if flag == "-H":
            hosts.append(args.pop(0))
        elif flag == "--context":
            context = args.pop(0)
        elif flag == "--config":
            config_dir = args.pop(0)
        elif flag == "--tls":
            tls.tls = True
        elif flag == "--tlsverify":
            tls.verify = True
        elif flag == "--tlscacert":
            tls.ca_cert = args.pop(0)
        elif flag == "--tlscert":
            tls.cert = args.pop(0)
        elif flag == "--tlskey":
            tls.key = args.pop(0)
        else:
            raise AssertionError(flag)
    try:
        endpoint = resolve_endpoint(context=context, hosts=hosts, tls_options=tls,
                                    environment=env, config_directory=config_dir)
    except (EndpointResolutionError, ConflictingOptions) as error:
        return ("error", str(error))
    files = sorted(os.path.basename(p) for p in (endpoint.ca_cert, endpoint.cert, endpoint.key) if p)
    return (endpoint.context, endpoint.host, endpoint.skip_tls_verify, files)


NOSUCH = ('error', 'context "nosuch": context not found: open {config}/contexts/meta/'
          f'{context_id("nosuch")}/meta.json: no such file or directory')
ALPHA = ("alpha", "tcp://alpha.example:2376", False, ["ca.pem", "cert.pem", "key.pem"])
BETA = ("beta", "unix:///run/beta.sock", False, [])
DEFAULT_SOCKET = ("default", "unix:///var/run/docker.sock", False, [])

# (flags, environment, currentContext, what docker 28.2 picks: (context, host, skip, TLS files))
PRECEDENCE = [
    ([], {}, None, DEFAULT_SOCKET),
    ([], {}, "alpha", ALPHA),
    # DOCKER_CONTEXT beats currentContext...
    ([], {"DOCKER_CONTEXT": "beta"}, "alpha", BETA),
    # ...DOCKER_HOST beats both (the default context, with that host)...
    ([], {"DOCKER_HOST": "tcp://h.example:1"}, "alpha", ("default", "tcp://h.example:1", False, [])),
    ([], {"DOCKER_HOST": "unix:///x.sock", "DOCKER_CONTEXT": "beta"}, None,
     ("default", "unix:///x.sock", False, [])),
    # ...unless it is empty (docker 20.10 still counted an empty DOCKER_HOST).
    ([], {"DOCKER_HOST": "", "DOCKER_CONTEXT": "beta"}, None, BETA),
    ([], {"DOCKER_CONTEXT": "default"}, "alpha", DEFAULT_SOCKET),
    # --context beats everything, and "default" still reads DOCKER_HOST.
    (["--context", "beta"], {"DOCKER_HOST": "tcp://h.example:1", "DOCKER_CONTEXT": "gamma"}, "alpha", BETA),
    (["--context", "default"], {"DOCKER_HOST": "unix:///y.sock"}, "alpha",
     ("default", "unix:///y.sock", False, [])),
    (["--context", ""], {}, "alpha", ALPHA),
    # -H beats DOCKER_HOST, DOCKER_CONTEXT and currentContext; tcp without a port is 2375.
    (["-H", "tcp://h.example"], {"DOCKER_CONTEXT": "beta"}, "alpha", ("default", "tcp://h.example:2375", False, [])),
    (["-H", "h.example:5555"], {"DOCKER_HOST": "unix:///ignored.sock"}, None,
     ("default", "tcp://h.example:5555", False, [])),
    (["-H", "unix://"], {}, "alpha", DEFAULT_SOCKET),
    (["-H", "ssh://me@ssh.example"], {}, None, ("default", "ssh://me@ssh.example", False, [])),
    ([], {"DOCKER_HOST": "ssh://me@ssh.example:2200"}, None, ("default", "ssh://me@ssh.example:2200", False, [])),
    ([], {"DOCKER_CONTEXT": "remote"}, None, ("remote", "ssh://deploy@build.example:2222", False, [])),
    ([], {"DOCKER_CONTEXT": "gamma"}, None, ("gamma", "tcp://gamma.example:2376", True, ["cert.pem", "key.pem"])),
    ([], {"DOCKER_CONTEXT": "Mixed.Case_name+1"}, None, ("Mixed.Case_name+1", "tcp://mixed.example:2375", False, [])),
    # TLS flags and variables shape the default context only.
    (["--context", "alpha", "--tlsverify", "--tlscacert", "/nonexistent/ca.pem"], {}, None, ALPHA),
    ([], {"DOCKER_CONTEXT": "beta", "DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": "/nonexistent"}, None, BETA),
    ([], {"DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": "{certs}"}, None,
     ("default", "tcp://localhost:2376", False, ["ca.pem", "cert.pem", "key.pem"])),
    ([], {"DOCKER_TLS_VERIFY": "", "DOCKER_CERT_PATH": "{certs}", "DOCKER_HOST": "tcp://h:2376"}, None,
     ("default", "tcp://h:2376", False, [])),
    ([], {"DOCKER_CERT_PATH": "{certs}", "DOCKER_HOST": "tcp://h:2376"}, None, ("default", "tcp://h:2376", False, [])),
    ([], {"DOCKER_TLS": "1", "DOCKER_CERT_PATH": "{certs}", "DOCKER_HOST": "tcp://h:2376"}, None,
     ("default", "tcp://h:2376", True, ["ca.pem", "cert.pem", "key.pem"])),
    (["--tls", "-H", "tcp://h:2376"], {"DOCKER_CERT_PATH": "{only_ca}"}, None, ("default", "tcp://h:2376", True, ["ca.pem"])),
    (["--tlsverify", "-H", "tcp://h:2376", "--tlscacert", "{certs}/ca.pem"],
     {"DOCKER_CERT_PATH": "{only_ca}"}, None, ("default", "tcp://h:2376", False, ["ca.pem"])),
    (["--tlsverify", "--tlscacert", "{certs}/ca.pem", "--tlscert", "{certs}/cert.pem",
      "--tlskey", "{certs}/key.pem", "-H", "tcp://h:2376"], {}, None,
     ("default", "tcp://h:2376", False, ["ca.pem", "cert.pem", "key.pem"])),
    # Errors, in docker's words: a missing context is an error wherever it is named.
    ([], {"DOCKER_CONTEXT": "nosuch"}, None, NOSUCH),
    ([], {}, "nosuch", NOSUCH),
    (["--context", "nosuch"], {"DOCKER_HOST": "unix:///x.sock"}, None, NOSUCH),
    ([], {"DOCKER_CONTEXT": "nosuch", "DOCKER_HOST": "unix:///x.sock"}, None, ("default", "unix:///x.sock", False, [])),
    (["--tlsverify", "-H", "tcp://h:2376"], {"DOCKER_CERT_PATH": "{root}/empty"}, None,
     ("error", "open {root}/empty/ca.pem: no such file or directory")),
    (["-H", "udp://h"], {}, None, ("error", "invalid bind address format: udp://h")),
]


def _docker_major():
    if DOCKER is None:
        return 0
    out = subprocess.run([DOCKER, "--version"], capture_output=True, text=True).stdout
    try:
        return int(out.split("version ", 1)[1].split(".", 1)[0])
    except (IndexError, ValueError):
        return 0


# The rules above are docker 23+'s (checked live with 28.2); 20.10 differs in corner cases.
LIVE_ORACLE = _docker_major() >= 23


@pytest.mark.parametrize("flags, environment, current, expected", PRECEDENCE,
                         ids=[f"case{i}" for i in range(len(PRECEDENCE))])
def test_same_endpoint_as_docker(store, tmp_path, flags, environment, current, expected):
    config = _with_current(store, tmp_path, current)
    values = {"certs": store["certs"], "only_ca": store["only_ca"], "root": store["root"],
              "config": config}
    flags = [f.format(**values) for f in flags]
    env = _clean_env(DOCKER_CONFIG=config, **{k: v.format(**values) for k, v in environment.items()})
    ours = _our_view(flags, env)
    if ours[0] == "error":
        # As `docker context inspect` says it (after "unable to resolve docker endpoint: ").
        ours = ("error", ours[1].removeprefix("unable to resolve docker endpoint: "))
    expected = tuple(e.format(**values) if isinstance(e, str) else e for e in expected)
    assert ours == expected
    if LIVE_ORACLE:
        theirs = _docker_view(flags, env)
        if theirs[0] == "error":
            theirs = ("error", theirs[1].removeprefix("unable to resolve docker endpoint: "))
        assert ours == theirs


def test_host_and_context_conflict(store):
    env = _clean_env(DOCKER_CONFIG=store["config"])
    with pytest.raises(ConflictingOptions) as info:
        resolve_endpoint(context="beta", hosts=["unix:///x.sock"], environment=env)
    assert str(info.value) == "conflicting options: cannot specify both --host and --context"
    if LIVE_ORACLE:
        docker = _docker(["-H", "unix:///x.sock", "--context", "beta", "context", "inspect"], env)
        assert docker.stderr.strip() == str(info.value)


def test_config_flag_beats_docker_config(store, tmp_path):
    env = _clean_env(DOCKER_CONFIG=tmp_path / "elsewhere")
    endpoint = resolve_endpoint(context="beta", environment=env, config_directory=str(store["config"]))
    assert endpoint.host == "unix:///run/beta.sock"
    assert _docker_view(["--config", str(store["config"]), "--context", "beta"], env)[1] == endpoint.host


def test_store_layout_matches_docker(store):
    contexts = ContextStore(str(store["config"]))
    alpha = contexts.get("alpha")
    assert alpha.meta_path == str(store["config"] / "contexts" / "meta" / context_id("alpha") / "meta.json")
    assert sorted(alpha.tls_files) == ["ca.pem", "cert.pem", "key.pem"]
    assert all(p.startswith(str(store["config"] / "contexts" / "tls" / context_id("alpha") / "docker"))
               for p in alpha.tls_files.values())
    assert (alpha.host, alpha.skip_tls_verify, alpha.description) == \
        ("tcp://alpha.example:2376", False, "the alpha one")
    assert contexts.get("gamma").skip_tls_verify is True
    assert [c.name for c in contexts.list()] == ["Mixed.Case_name+1", "alpha", "beta", "gamma", "remote"]
    with pytest.raises(StoreContextNotFound) as info:
        contexts.get("nosuch")
    assert "context not found" in str(info.value)


def test_endpoint_client_settings(store):
    # swarmctl.context's endpoint: the resolved one, able to make client settings.
    from swarmctl.context import resolve_endpoint

    env = _clean_env(DOCKER_CONFIG=store["config"])
    alpha = resolve_endpoint(context="alpha", environment=env).client_kwargs()
    assert alpha["base_url"] == "tcp://alpha.example:2376"
    tls = alpha["tls"]
    assert tls.verify is True and tls.ca_cert.endswith("/docker/ca.pem")
    assert tls.cert[0].endswith("/docker/cert.pem") and tls.cert[1].endswith("/docker/key.pem")
    gamma = resolve_endpoint(context="gamma", environment=env).client_kwargs()
    assert gamma["tls"].verify is False and gamma["tls"].ca_cert is None
    assert resolve_endpoint(context="beta", environment=env).client_kwargs() == \
        {"base_url": "unix:///run/beta.sock", "tls": False}
    remote = resolve_endpoint(context="remote", environment=env).client_kwargs()
    assert remote == {"base_url": "ssh://deploy@build.example:2222", "tls": False}
    # A tcp context without TLS material speaks plain HTTP, as docker does.
    plain = resolve_endpoint(context="Mixed.Case_name+1", environment=env).client_kwargs()
    assert plain == {"base_url": "tcp://mixed.example:2375", "tls": False}


# -- pure rules ----------------------------------------------------------------------------

@pytest.mark.parametrize("context, hosts, env, config, expected", [
    (None, (), {}, {}, "default"),
    (None, (), {}, {"currentContext": "a"}, "a"),
    (None, (), {"DOCKER_CONTEXT": "b"}, {"currentContext": "a"}, "b"),
    (None, (), {"DOCKER_HOST": "x", "DOCKER_CONTEXT": "b"}, {"currentContext": "a"}, "default"),
    (None, ("x",), {"DOCKER_CONTEXT": "b"}, {}, "default"),
    ("c", (), {"DOCKER_HOST": "x", "DOCKER_CONTEXT": "b"}, {"currentContext": "a"}, "c"),
    (None, (), {"DOCKER_HOST": ""}, {"currentContext": "a"}, "a"),
])
def test_resolve_context_name(context, hosts, env, config, expected):
    assert resolve_context_name(context, hosts, env, config) == expected


def test_broken_config_file_warns_and_counts_as_empty(tmp_path):
    (tmp_path / "config.json").write_text('{"currentContext": ')
    warnings = []
    assert load_config_file(str(tmp_path), warnings.append) == {}
    assert warnings == [f"WARNING: Error parsing config file ({tmp_path}/config.json): unexpected EOF"]
    endpoint = resolve_endpoint(environment={"DOCKER_CONFIG": str(tmp_path)}, warn=warnings.append)
    assert endpoint.host == "unix:///var/run/docker.sock"
    if LIVE_ORACLE:
        docker = _docker(["context", "inspect"], _clean_env(DOCKER_CONFIG=tmp_path))
        assert warnings[0] in docker.stderr


def test_from_env_uses_the_context(store, tmp_path):
    import swarmctl

    config = _with_current(store, tmp_path, "beta")
    env = {"DOCKER_CONFIG": str(config)}
    client = swarmctl.from_env(environment=env, version="1.41")
    assert (client.api.daemon_host, client.api.base_url) == ("unix:///run/beta.sock", "http+docker://localhost")
    client.close()
    client = swarmctl.from_env(environment=dict(env, DOCKER_HOST="tcp://h.example"), version="1.41")
    assert client.api.base_url == "http://h.example:2375"
    client.close()
    client = swarmctl.from_env(environment=env, version="1.41", use_context=False)
    assert client.api.daemon_host == "unix:///var/run/docker.sock"
    client.close()
    with pytest.raises(StoreContextNotFound):
        swarmctl.from_env(environment=dict(env, DOCKER_CONTEXT="nosuch"), version="1.41")


def test_cli_reports_resolution_errors_in_one_line(store, tmp_path):
    env = {"DOCKER_CONFIG": str(store["config"]), "DOCKER_HOST": None, "DOCKER_CONTEXT": "nosuch"}
    result = invoke(["ls"], env=env)
    meta = store["config"] / "contexts" / "meta" / context_id("nosuch") / "meta.json"
    assert (result.code, result.stdout) == (1, "")
    assert result.stderr == (f'Failed to initialize: unable to resolve docker endpoint: context "nosuch": '
                             f"context not found: open {meta}: no such file or directory\n")
    result = invoke(["-H", "unix:///x.sock", "--context", "beta", "ls"], env=env)
    assert (result.code, result.stderr) == (1, "conflicting options: cannot specify both --host and --context\n")
    result = invoke(["-H", "unix:///a.sock", "-H", "unix:///b.sock", "ls"], env=env)
    assert result.stderr == "Failed to initialize: unable to resolve docker endpoint: Specify only one -H\n"


def test_store_lists_what_it_can_read(tmp_path):
    meta = tmp_path / "contexts" / "meta"
    for folder, content in {"a": '{"Name": "good", "Endpoints": {"docker": {"Host": "unix:///g.sock"}}}',
                            "b": '{"Name": "no-endpoint", "Metadata": {"Description": "k8s"}}',
                            "c": '{"Name": "odd", "Endpoints": ["docker"]}',
                            "d": "{broken", "e": '{"Name": 7}'}.items():
        (meta / folder).mkdir(parents=True)
        (meta / folder / "meta.json").write_text(content)
    listed = ContextStore(str(tmp_path)).list()
    assert [(c.name, c.host, c.description) for c in listed] == \
        [("good", "unix:///g.sock", ""), ("no-endpoint", "", "k8s"), ("odd", "", "")]


def test_cli_reports_resolution_errors_before_anything_loaded_requests(tmp_path):
    # A fresh process: resolution fails before a client (and swarmctl.errors) exists.
    env = _clean_env(DOCKER_CONFIG=tmp_path, DOCKER_CONTEXT="nosuch")
    result = subprocess.run([sys.executable, "-m", "swarmctl", "ls"], env=env, capture_output=True,
                            text=True, timeout=60)
    meta = tmp_path / "contexts" / "meta" / context_id("nosuch") / "meta.json"
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (f'Failed to initialize: unable to resolve docker endpoint: context "nosuch": '
                             f"context not found: open {meta}: no such file or directory\n")
