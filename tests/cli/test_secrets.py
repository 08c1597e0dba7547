"""Secrets never leave swarmctl through its output: a session of commands runs with canary
credentials and canary secret/config contents, and no stdout or stderr of it holds a canary,
raw or base64-encoded.

The canaries: a password in config.json's ``auths``, the secret a credential helper gives,
an identity token, and the contents of a swarm secret and a swarm config that
``--secret``/``--config`` name (the engine returns a config's data to whoever lists configs:
swarmctl reads it when it resolves ``--config`` names). The session covers ``create`` and
``update`` with ``--with-registry-auth`` (for real, ``--dry-run``, ``--debug``, ``-l debug``),
the read commands, and errors: bad flags, engine refusals, broken config.json entries.
The registry credentials must reach the engine (the ``X-Registry-Auth`` header, checked
through a recording proxy): that is their purpose, and it shows the session used them.
"""
from __future__ import annotations

import base64
import json
import os
import secrets
import stat
import subprocess
import sys
import urllib.parse

import pytest

from tests.helpers import IMAGE, NEVER, invoke
from tests.recproxy import RecordingProxy

pytestmark = pytest.mark.engine

AUTHS_REGISTRY = "127.0.0.1:5999"  # credentials inline in config.json
HELPER_REGISTRY = "127.0.0.1:5998"  # credentials from docker-credential-canary
TOKEN_REGISTRY = "127.0.0.1:5997"  # an identity token inline in config.json
DIGEST = "sha256:" + "7" * 64


def _encodings(canary):
    """The canary and every base64 form it can take inside a longer encoded value: the
    characters fixed by the canary's bytes alone, at each of the three alignments."""
    raw = canary.encode()
    forms = {canary}
    for offset in range(3):
        encoded = base64.b64encode(b"\0" * offset + raw).decode()
        fixed = encoded[4 if offset else 0:4 * ((offset + len(raw)) // 3)]
        forms |= {fixed, fixed.replace("+", "-").replace("/", "_")}
    return forms


class Session:
    """Runs swarmctl commands, keeps every output, and finds canaries in them."""

    def __init__(self, env, canaries):
        self.env = env
        self.outputs = []
        self.forms = {form: name for name, canary in canaries.items()
                      for form in _encodings(canary)}

    def run(self, *args, codes=(0,), env=None):
        result = invoke(args, env=dict(self.env, **(env or {})))
        self._keep(args, result.code, result.stdout, result.stderr, codes)
        return result

    def run_process(self, *args, codes=(0,)):
        """As a real process: whatever reaches its file descriptors (a logger, a warning,
        a child's output) is seen too."""
        env = {k: v for k, v in dict(os.environ, **self.env).items() if v is not None}
        result = subprocess.run([sys.executable, "-m", "swarmctl", *args], env=env,
                                capture_output=True, text=True, timeout=60)
        self._keep(args, result.returncode, result.stdout, result.stderr, codes)
        return result

    def _keep(self, args, code, stdout, stderr, codes):
        assert code in codes, (args, code, stderr)
        self.outputs.append((args, stdout, stderr))

    def leaks(self):
        return [(name, args, stream[max(0, stream.find(form) - 60):stream.find(form) + 60])
                for args, *streams in self.outputs for stream in streams
                for form, name in self.forms.items() if form in stream]


def _registry_answer(request):
    """The registry look-up (create without --no-resolve-image): answered here, as the
    registry behind the engine does not exist."""
    if "/distribution/" not in request.path:
        return None
    return 200, json.dumps({
        "Descriptor": {"mediaType": "application/vnd.oci.image.index.v1+json",
                       "digest": DIGEST, "size": 1},
        "Platforms": [{"architecture": "amd64", "os": "linux"}]}).encode()


def _credential_helper(directory, registry, secret):
    helper = directory / "docker-credential-canary"
    answer = json.dumps({"ServerURL": registry, "Username": "helper-user", "Secret": secret})
    helper.write_text(f"#!/bin/sh\n[ \"$1\" = get ] || exit 1\ncat >/dev/null\nprintf '%s' '{answer}'\n")
    helper.chmod(helper.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def canary_objects(engine):
    """A swarm secret and a swarm config whose contents are canaries: (names, canaries).
    Set up before ``names``, so removed after the services that use them."""
    made = {kind: f"canary-{kind}-{secrets.token_hex(4)}" for kind in ("secret", "config")}
    contents = {kind: f"{kind}-canary-{secrets.token_hex(12)}" for kind in made}
    for kind, name in made.items():
        engine.docker(kind, "create", name, "-", input=contents[kind])
    yield made, contents
    for kind, name in made.items():
        engine.docker(kind, "rm", name, check=False)


def test_no_output_of_a_session_holds_a_secret(engine, canary_objects, names, tmp_path):
    made, contents = canary_objects
    canaries = {
        "auths password": f"auth-canary-{secrets.token_hex(12)}",
        "helper secret": f"helper-canary-{secrets.token_hex(12)}",
        "identity token": f"token-canary-{secrets.token_hex(12)}",
        "secret contents": contents["secret"],
        "config contents": contents["config"],
    }
    config_dir, helper_dir, home = (tmp_path / "config", tmp_path / "bin", tmp_path / "home")
    for directory in (config_dir, helper_dir, home):
        directory.mkdir()
    login = base64.b64encode(f"canary-user:{canaries['auths password']}".encode()).decode()
    (config_dir / "config.json").write_text(json.dumps({
        "auths": {AUTHS_REGISTRY: {"auth": login},
                  TOKEN_REGISTRY: {"auth": base64.b64encode(b"<token>:").decode(),
                                   "identitytoken": canaries["identity token"]}},
        "credHelpers": {HELPER_REGISTRY: "canary"}}))
    _credential_helper(helper_dir, HELPER_REGISTRY, canaries["helper secret"])

    service, other, refused = names("canary"), names("canary"), names("canary")
    secret, config = made["secret"], made["config"]
    upstream = urllib.parse.urlparse(engine.host).path
    with RecordingProxy(upstream, str(tmp_path / "proxy.sock"), answer=_registry_answer) as proxy:
        session = Session({"DOCKER_HOST": f"unix://{proxy.path}", "DOCKER_CONTEXT": None,
                           "DOCKER_CONFIG": str(config_dir), "DOCKER_API_VERSION": None,
                           "HOME": str(home), "NO_COLOR": "1",
                           "PATH": f"{helper_dir}{os.pathsep}{os.environ['PATH']}"}, canaries)
        run, run_process = session.run, session.run_process
        auths_image, helper_image = f"{AUTHS_REGISTRY}/app:1", f"{HELPER_REGISTRY}/app:2"
        objects = ["--secret", secret, "--config", config]

        # create: a dry run, for real (the registry look-up and the header), with --debug
        run("create", "--dry-run", "--with-registry-auth", *objects, "--name", service, auths_image)
        run("--debug", "-l", "debug", "create", "--dry-run", "--with-registry-auth", *objects,
            "--name", service, helper_image)
        run_process("--debug", "-l", "debug", "create", "-d", "--with-registry-auth", *objects,
                    "--constraint", NEVER, "--name", service, auths_image)
        run("create", "-d", "--with-registry-auth", "--no-resolve-image", "--constraint", NEVER,
            "--name", other, f"{TOKEN_REGISTRY}/app:3")
        # update: a dry run (exit 1: changes), for real, rollback
        run("update", "--dry-run", "--with-registry-auth", "--image", helper_image,
            "--secret-rm", secret, "--secret-add", f"source={secret},target=again", service,
            codes=(1,))
        run("--debug", "update", "-d", "--with-registry-auth", "--no-resolve-image",
            "--image", helper_image, "--config-rm", config,
            "--config-add", f"source={config},target=/again", service)
        run("rollback", "-d", service)
        run("scale", "-d", f"{service}=2")
        # everything that shows a service
        for args in (["inspect", service], ["inspect", "--pretty", service],
                     ["inspect", "--format", "{{json .}}", service], ["ls"],
                     ["ps", "--no-trunc", service], ["export", service], ["export", other]):
            run(*args)
        run("why", service, codes=(0, 5))
        run("logs", service, codes=(1,))  # no task was scheduled: the engine says so
        # errors: bad flags, engine refusals, unknown objects, a wait that times out
        run("create", "--with-registry-auth", *objects, "--replicas", "x", auths_image, codes=(125,))
        run("update", "--dry-run", "--with-registry-auth", "--replicas", "x", service, codes=(125,))
        run("--debug", "create", "-d", "--with-registry-auth", "--no-resolve-image", *objects,
            "--name", service, auths_image, codes=(1,))  # the name is taken
        run("update", "--with-registry-auth", "--secret-add", "nosuch-canary-secret", service,
            codes=(1,))
        run("update", "--dry-run", "--with-registry-auth", "--config-add", "nosuch-canary-config",
            service, codes=(2,))
        run("create", "--with-registry-auth", "--no-resolve-image", "--config", "nosuch-config",
            auths_image, codes=(1,))
        run("update", "--with-registry-auth", "--image", helper_image, "nosuch-canary-service",
            codes=(1,))
        run("create", "-d", "--with-registry-auth", "--no-resolve-image", "--name", refused,
            "--constraint", "junk", helper_image, codes=(1,))  # the engine refuses it
        run_process("--debug", "update", "--with-registry-auth", "--timeout", "1s",
                    "--image", auths_image, service, codes=(124,))
        # config.json entries docker cannot read: a warning, never the entry
        broken = {"no colon": {"auths": {AUTHS_REGISTRY: {"auth": base64.b64encode(
                      canaries["auths password"].encode()).decode()}}},
                  "not base64": {"auths": {AUTHS_REGISTRY: {
                      "auth": "%" + canaries["auths password"]}}}}
        for case, content in broken.items():
            directory = tmp_path / case.replace(" ", "-")
            directory.mkdir()
            (directory / "config.json").write_text(json.dumps(content))
            run("create", "--dry-run", "--with-registry-auth", "--name", refused, auths_image,
                env={"DOCKER_CONFIG": str(directory)})
        invalid = tmp_path / "invalid"
        invalid.mkdir()
        (invalid / "config.json").write_text(
            '{"auths": {"%s": {"auth": "%s"}}' % (AUTHS_REGISTRY, login) + canaries["auths password"])
        run("ls", env={"DOCKER_CONFIG": str(invalid)})
        sent = [r.headers.get("X-Registry-Auth") for r in proxy.requests
                if r.method == "POST" and r.headers.get("X-Registry-Auth")]

    assert session.leaks() == []
    # swarmctl wrote no file of its own holding one (a log, a cache) in its folders
    for directory in (config_dir, home):
        for path in directory.rglob("*"):
            if path.is_file() and path != config_dir / "config.json":
                text = path.read_bytes().decode("latin-1")
                assert not [form for form in session.forms if form in text], path
    # ... and the credentials did reach the engine, where they belong
    decoded = [json.loads(base64.urlsafe_b64decode(header)) for header in sent]
    assert {"username": "canary-user", "password": canaries["auths password"],
            "serveraddress": AUTHS_REGISTRY} in decoded
    assert any(auth.get("password") == canaries["helper secret"] for auth in decoded)
    assert any(auth.get("identitytoken") == canaries["identity token"] for auth in decoded)
