"""Registry credentials from config.json: credential helpers and inline entries, with the
Docker CLI's words when a helper fails (checked against Docker CLI 28)."""
from __future__ import annotations

import base64

import pytest

from swarmctl.auth import CredentialHelperError, resolve_authconfig
from swarmctl.config.errors import DockerException

REGISTRY = "127.0.0.1:5999"


@pytest.fixture
def helpers(tmp_path, monkeypatch):
    """Writes docker-credential-NAME scripts into a folder at the front of PATH."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", f"{folder}:/usr/bin:/bin")

    def write(name, script, executable=True):
        path = folder / f"docker-credential-{name}"
        path.write_text("#!/bin/sh\n" + script)
        path.chmod(0o755 if executable else 0o644)

    return write


def test_a_helper_that_is_not_installed_fails_as_docker():
    config = {"credsStore": "nosuch", "credHelpers": {REGISTRY: "alsonosuch"}}
    with pytest.raises(CredentialHelperError) as caught:
        resolve_authconfig(config, REGISTRY)
    assert str(caught.value) == ('error getting credentials - err: exec: '
                                 '"docker-credential-alsonosuch": executable file not found '
                                 'in $PATH, out: ``')
    assert isinstance(caught.value, DockerException)
    with pytest.raises(CredentialHelperError, match='"docker-credential-nosuch"'):
        resolve_authconfig(config, None)


def test_the_helper_name_is_quoted_as_go_quotes_it():
    # Found by fuzzing: a line break in credsStore made a two-line error.
    with pytest.raises(CredentialHelperError) as caught:
        resolve_authconfig({"credsStore": "a\nb"}, REGISTRY)
    assert str(caught.value).startswith('error getting credentials - err: exec: '
                                        '"docker-credential-a\\nb": executable file not found')


def test_a_nul_in_the_helper_name():
    # Found while fuzzing the config file's JSON ("\u0000"): Python refuses such a program
    # name with a ValueError; Go looks it up and does not find it.
    with pytest.raises(CredentialHelperError) as caught:
        resolve_authconfig({"credsStore": "a\0b"}, REGISTRY)
    assert str(caught.value) == ('error getting credentials - err: exec: "docker-credential-a\\x00b": '
                                 'executable file not found in $PATH, out: ``')


def test_a_helper_that_cannot_be_executed_counts_as_not_installed(helpers):
    helpers("noexec", "exit 0\n", executable=False)
    with pytest.raises(CredentialHelperError, match="executable file not found in"):
        resolve_authconfig({"credsStore": "noexec"}, REGISTRY)


def test_a_failing_helper_shows_its_exit_status_and_output(helpers, capfd):
    helpers("fail", "echo ' some output '; echo on-stderr >&2; exit 3\n")
    with pytest.raises(CredentialHelperError) as caught:
        resolve_authconfig({"credsStore": "fail"}, REGISTRY)
    assert str(caught.value) == "error getting credentials - err: exit status 3, out: `some output`"
    assert "on-stderr" in capfd.readouterr().err   # the helper's stderr is the user's


def test_a_helper_killed_by_a_signal(helpers):
    helpers("killed", "kill -9 $$\n")
    with pytest.raises(CredentialHelperError, match="err: signal: killed, out: ``"):
        resolve_authconfig({"credsStore": "killed"}, REGISTRY)


@pytest.mark.parametrize("answer, reason", [
    ("notjson", "invalid character 'o' in literal null (expecting 'u')"),
    ("", "EOF"),
    ("<x>", "invalid character '<' looking for beginning of value"),
    ("[]", "json: cannot unmarshal array into Go value of type credentials.Credentials"),
    ('{"Username": 1}', "json: cannot unmarshal number into Go struct field "
                        "Credentials.Username of type string"),
])
def test_a_helper_answering_garbage(helpers, answer, reason):
    helpers("bad", f"printf '%s' '{answer}'\n")
    with pytest.raises(CredentialHelperError) as caught:
        resolve_authconfig({"credsStore": "bad"}, REGISTRY)
    assert str(caught.value) == reason


def test_not_found_falls_back_to_the_inline_entry(helpers):
    helpers("nf", "echo 'credentials not found in native keychain'; exit 1\n")
    config = {"credsStore": "nf", "auths": {REGISTRY: {"auth": base64.b64encode(b"u:p").decode()}}}
    assert resolve_authconfig(config, REGISTRY) == {
        "username": "u", "password": "p", "serveraddress": REGISTRY}


def test_helper_answers(helpers):
    helpers("good", 'read server; printf \'{"Username":"u","Secret":"s-%s"}\' "$server"\n')
    helpers("tok", 'echo \'{"Username":"<token>","Secret":"t"}\'\n')
    assert resolve_authconfig({"credHelpers": {REGISTRY: "good"}}, REGISTRY) == {
        "username": "u", "password": f"s-{REGISTRY}", "serveraddress": REGISTRY}
    assert resolve_authconfig({"credsStore": "tok"}, None) == {
        "serveraddress": "https://index.docker.io/v1/", "identitytoken": "t"}


@pytest.mark.parametrize("entry, sent", [
    # docker warns when it loads the file, then sends the entry undecoded.
    ({"auth": "%%%notb64", "email": "e@x"}, {"auth": "%%%notb64", "email": "e@x"}),
    ({"auth": "dXNlcg=="}, {"auth": "dXNlcg=="}),
    # Bytes that are not UTF-8 go out as U+FFFD, as Go's JSON encoder writes them.
    ({"auth": base64.b64encode(b"u\xff\xfe:p").decode()},
     {"username": "u\ufffd\ufffd", "password": "p", "serveraddress": REGISTRY}),
    # Fields of the wrong JSON type count as absent.
    ({"auth": 12, "username": ["x"], "email": None}, {}),
])
def test_inline_entries_docker_cannot_decode(entry, sent):
    assert resolve_authconfig({"auths": {REGISTRY: entry}}, REGISTRY) == sent


def test_malformed_helper_settings_are_ignored():
    assert resolve_authconfig({"credHelpers": ["x"], "credsStore": 5, "auths": []}, REGISTRY) is None


def test_a_helper_answering_json_nested_too_deep(helpers):
    helpers("deep", "python3 -c 'print(\"[\" * 20000)'\n")
    with pytest.raises(CredentialHelperError, match=r"^invalid character '\[' exceeded max depth$"):
        resolve_authconfig({"credsStore": "deep"}, REGISTRY)
