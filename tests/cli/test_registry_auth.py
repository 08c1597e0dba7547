"""--with-registry-auth when config.json cannot give the credentials: a credential helper
that fails stops create/update with docker's words before anything is written; an inline
``auth`` docker cannot decode is a warning, as with docker. The Docker CLI is the oracle."""
from __future__ import annotations

import json
import subprocess
import urllib.parse

import pytest

from tests.helpers import IMAGE, NEVER, cli_env, docker_create, invoke, write_requests

pytestmark = pytest.mark.engine

REGISTRY_IMAGE = "127.0.0.1:5999/app:1"
HELPER_FAILS = ('error getting credentials - err: exec: "docker-credential-alsonosuch": '
                'executable file not found in $PATH, out: ``')


@pytest.fixture
def proxied(engine, tmp_path):
    """(run swarmctl, run docker, the requests swarmctl sent) with tmp_path as DOCKER_CONFIG."""
    from tests.recproxy import RecordingProxy

    upstream = urllib.parse.urlparse(engine.host).path
    with RecordingProxy(upstream, str(tmp_path / "proxy.sock")) as proxy:
        env = cli_env(engine, host=f"unix://{proxy.path}", config=tmp_path)

        def docker(*args):
            return subprocess.run(["docker", *args], capture_output=True, text=True, timeout=60,
                                  env=dict(engine.env(), DOCKER_CONFIG=str(tmp_path)))

        yield (lambda *args: invoke(args, env=env)), docker, proxy


def exists(engine, name):
    return engine.docker("service", "inspect", name, check=False).returncode == 0


def test_a_failing_credential_helper_stops_create_and_update(engine, proxied, names, tmp_path):
    run, docker, proxy = proxied
    (tmp_path / "config.json").write_text(json.dumps(
        {"credsStore": "nosuch", "credHelpers": {"127.0.0.1:5999": "alsonosuch"}}))
    created = names("auth")
    docker_create(engine, created, "--constraint", NEVER)
    version = json.loads(engine.docker("service", "inspect", created).stdout)[0]["Version"]
    new = names("auth")
    create = ["create", "--with-registry-auth", "--no-resolve-image", "--name", new,
              "--constraint", NEVER, REGISTRY_IMAGE]
    update = ["update", "--with-registry-auth", "--image", REGISTRY_IMAGE, created]

    oracle = docker("service", *create[:1], "-d", *create[1:])
    assert (oracle.returncode, oracle.stderr.strip()) == (1, HELPER_FAILS)
    oracle = docker("service", *update[:1], "-d", *update[1:])
    assert (oracle.returncode, oracle.stderr.strip()) == (1, HELPER_FAILS)

    for args, code in [(create, 1), (create[:1] + ["--dry-run"] + create[1:], 1),
                       (update, 1), (update[:1] + ["--dry-run"] + update[1:], 2)]:
        result = run(*args)
        assert (result.code, result.stderr.strip(), result.stdout) == (code, HELPER_FAILS, ""), args
    # docker.io images go to credsStore, which fails the same way.
    result = run("update", "--with-registry-auth", "--image", IMAGE, created)
    assert result.code == 1 and '"docker-credential-nosuch"' in result.stderr
    assert write_requests(proxy) == []
    assert not exists(engine, new)
    assert json.loads(engine.docker("service", "inspect", created).stdout)[0]["Version"] == version


def test_an_undecodable_inline_auth_warns_and_goes_on(engine, proxied, names, tmp_path):
    run, docker, proxy = proxied
    path = tmp_path / "config.json"
    path.write_text(json.dumps({"auths": {"127.0.0.1:5999": {"auth": "%%%notb64"}}}))
    warning = f"WARNING: Error parsing config file ({path}): illegal base64 data at input byte 0"
    oracle = docker("service", "ls", "--filter", "name=nosuch-auth-")
    assert oracle.stderr.strip() == warning
    name = names("auth")
    result = run("create", "-d", "--with-registry-auth", "--no-resolve-image", "--name", name,
                 "--constraint", NEVER, REGISTRY_IMAGE)
    assert result.code == 0, result.stderr
    assert result.stderr.strip() == warning
    assert exists(engine, name)
    result = run("ls", "--filter", "name=nosuch-auth-")
    assert (result.code, result.stderr.strip()) == (0, warning)
