"""The configuration folder and the config.json loader every part of swarmctl shares."""
from __future__ import annotations

import base64
import errno
import json
import os

import pytest

from swarmctl.config.configfile import (
    AuthDecodeError, config_dir, decode_auth, load_config_file, read_config_file,
)


def test_config_dir_precedence(monkeypatch):
    monkeypatch.setenv("HOME", "/home/someone")
    assert config_dir({}) == "/home/someone/.docker"
    assert config_dir({"DOCKER_CONFIG": ""}) == "/home/someone/.docker"
    assert config_dir({"DOCKER_CONFIG": "/etc/dc"}) == "/etc/dc"
    assert config_dir({"DOCKER_CONFIG": "/etc/dc"}, override="/flag") == "/flag"
    monkeypatch.setenv("DOCKER_CONFIG", "/from/os")
    assert config_dir() == "/from/os"


def test_missing_and_empty_files_are_empty_configs(tmp_path):
    warnings = []
    assert load_config_file(str(tmp_path), warnings.append) == {}
    (tmp_path / "config.json").write_text("  \n")
    assert load_config_file(str(tmp_path), warnings.append) == {}
    (tmp_path / "config.json").write_text("[1, 2]")
    assert load_config_file(str(tmp_path), warnings.append) == {}
    assert warnings == []


def test_folder_from_the_environment(tmp_path):
    (tmp_path / "config.json").write_text('{"servicesFormat": "{{.Name}}"}')
    assert load_config_file(environment={"DOCKER_CONFIG": str(tmp_path)}) == \
        {"servicesFormat": "{{.Name}}"}


def test_parsed_once_and_again_when_the_file_changes(tmp_path):
    path = tmp_path / "config.json"
    path.write_text('{"currentContext": "a"}')
    first = read_config_file(str(path))
    assert first == {"currentContext": "a"}
    assert read_config_file(str(path)) is first
    path.write_text('{"currentContext": "bb"}')
    assert read_config_file(str(path)) == {"currentContext": "bb"}
    path.unlink()
    assert read_config_file(str(path)) == {}


def test_a_broken_file_warns_at_every_reading(tmp_path):
    (tmp_path / "config.json").write_text("{nope")
    warnings = []
    for _ in range(2):
        assert load_config_file(str(tmp_path), warnings.append) == {}
    assert len(warnings) == 2 and warnings[0] == warnings[1]
    assert warnings[0].startswith(f"WARNING: Error parsing config file ({tmp_path}/config.json): ")
    assert load_config_file(str(tmp_path)) == {}  # silent without a callback


def test_invalid_utf8_inside_strings_is_replaced_as_go_does(tmp_path):
    (tmp_path / "config.json").write_bytes(b'{"tasksFormat": "\xff{{.ID}}"}')
    assert load_config_file(str(tmp_path)) == {"tasksFormat": "\ufffd{{.ID}}"}


def test_unreadable_file_warns(tmp_path):
    (tmp_path / "config.json").mkdir()
    warnings = []
    assert load_config_file(str(tmp_path), warnings.append) == {}
    assert warnings == [f"WARNING: Error loading config file: {tmp_path}/config.json: "
                        f"{os.strerror(errno.EISDIR)}"]


# docker's words for each inline credential it cannot decode (checked against Docker CLI 28).
BROKEN_AUTHS = [
    ("%%%notb64", "illegal base64 data at input byte 0"),
    ("dTpwZA", "illegal base64 data at input byte 4"),       # padding missing
    ("dTpwZA=", "illegal base64 data at input byte 7"),
    ("dTpwZA==x", "illegal base64 data at input byte 8"),    # something after the padding
    ("dXNlcg==", "Invalid auth configuration file"),         # "user": no colon
    ("OnA=", "Invalid auth configuration file"),             # ":p": no user
]


@pytest.mark.parametrize("encoded, reason", BROKEN_AUTHS)
def test_an_undecodable_auth_warns_and_keeps_the_rest_of_the_file(tmp_path, encoded, reason):
    path = tmp_path / "config.json"
    config = {"auths": {"r.example": {"auth": encoded}}, "servicesFormat": "{{.ID}}"}
    path.write_text(json.dumps(config))
    warnings = []
    assert load_config_file(str(tmp_path), warnings.append) == config
    assert warnings == [f"WARNING: Error parsing config file ({path}): {reason}"]


def test_decode_auth_as_docker_does():
    assert decode_auth("dTpw\nZA==") == ("u", "pd")             # newlines are skipped
    assert decode_auth(base64.b64encode(b"u:p\0\0").decode()) == ("u", "p")
    assert decode_auth(base64.b64encode(b"u\xff:p").decode()) == ("u\ufffd", "p")
    with pytest.raises(AuthDecodeError, match="input byte 0"):
        decode_auth("\udcff")


@pytest.mark.parametrize("text, bracket", [
    ('{"a":' * 20000 + "1" + "}" * 20000, "{"),
    ("[" * 20000 + "]" * 20000, "["),
    ('{"a": "[[[[", "b": ' + "[" * 3000 + "]" * 3000 + "}", "["),
])
def test_json_nested_too_deep_warns_as_go_does(tmp_path, text, bracket):
    # Found by fuzzing: a RecursionError escaped as an internal error.
    path = tmp_path / "config.json"
    path.write_text(text)
    warnings = []
    assert load_config_file(str(tmp_path), warnings.append) == {}
    assert warnings == [f"WARNING: Error parsing config file ({path}): "
                        f"invalid character '{bracket}' exceeded max depth"]


def test_unpaired_surrogate_escapes_decode_as_go_does(tmp_path):
    # Found by fuzzing: "\ud800" in servicesFormat made every ls an internal error when the
    # output was encoded; Go decodes it as U+FFFD (checked with docker service ls).
    (tmp_path / "config.json").write_text('{"servicesFormat": "\\ud800{{.ID}}\\udcff\\ud83d\\ude00"}')
    assert load_config_file(str(tmp_path)) == {"servicesFormat": "\ufffd{{.ID}}\ufffd\U0001F600"}
