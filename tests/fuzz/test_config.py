"""Fuzzing what swarmctl reads from the configuration folder (swarmctl.config, swarmctl.auth):
config.json (any bytes, any JSON), the context store's meta.json files, and the registry
credentials looked up in them. Property: a value (with docker's warning for a broken file),
or a configuration error (DockerException family) with its one-line message."""
from __future__ import annotations

import json
import os
import tempfile

from hypothesis import given
from hypothesis import strategies as st

from swarmctl import auth
from swarmctl.config.contextstore import ContextStore, context_id
from swarmctl.context import resolve_endpoint
from swarmctl.config.errors import DockerException
from swarmctl.output.formatting import config_format
from tests.fuzz.checks import value_or
from tests.fuzz.strategies import ANY_TEXT

KEYS = ["auths", "auth", "credsStore", "credHelpers", "currentContext", "servicesFormat",
        "tasksFormat", "serviceInspectFormat", "username", "password", "email", "identitytoken",
        "serveraddress", "registry.example:5000", "https://index.docker.io/v1/", "docker.io",
        "Name", "Metadata", "Description", "Endpoints", "docker", "Host", "SkipTLSVerify", "ctx"]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), ANY_TEXT,
                    st.sampled_from(["dTpw", "a\0b", "a/b", "dXNlcjpwYXNz", "%%%", "dTpwZA", "OnA=", "nosuch",
                                     "unix:///x.sock", "tcp://[::1", "ssh://u@h", "{{.ID}}",
                                     "ctx"]))
JSON_VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), ANY_TEXT), children, max_size=4)),
    max_leaves=16)
ANY_JSON = st.one_of(SCALARS, JSON_VALUES)
REGISTRY_KEYS = st.sampled_from(["registry.example:5000", "https://index.docker.io/v1/",
                                 "docker.io", "r", "http://r/v2/"])
# Files shaped like docker's, with any JSON where docker expects one type.
CONFIG_FILE = st.fixed_dictionaries({}, optional={
    "auths": st.one_of(ANY_JSON, st.dictionaries(REGISTRY_KEYS, st.one_of(ANY_JSON, st.fixed_dictionaries(
        {}, optional={f: st.one_of(SCALARS, ANY_JSON) for f in (
            "auth", "username", "password", "email", "identitytoken", "serveraddress")})),
        max_size=3)),
    "credsStore": ANY_JSON,
    "credHelpers": st.one_of(ANY_JSON, st.dictionaries(REGISTRY_KEYS, ANY_JSON, max_size=2)),
    "currentContext": st.one_of(ANY_JSON, st.just("ctx")),
    "servicesFormat": ANY_JSON, "tasksFormat": ANY_JSON, "serviceInspectFormat": ANY_JSON,
})
META_FILE = st.fixed_dictionaries({}, optional={
    "Name": st.one_of(ANY_JSON, st.just("ctx")),
    "Metadata": st.one_of(ANY_JSON, st.fixed_dictionaries({"Description": ANY_JSON})),
    "Endpoints": st.one_of(ANY_JSON, st.fixed_dictionaries({"docker": st.one_of(
        ANY_JSON, st.fixed_dictionaries({}, optional={"Host": ANY_JSON,
                                                      "SkipTLSVerify": ANY_JSON}))})),
})
# The bytes of a file: valid JSON of any shape, or any bytes at all (broken JSON, not UTF-8).
FILE_BYTES = st.one_of(
    CONFIG_FILE.map(lambda v: json.dumps(v).encode()),
    META_FILE.map(lambda v: json.dumps(v).encode()),
    JSON_VALUES.map(lambda v: json.dumps(v).encode()),
    JSON_VALUES.map(lambda v: json.dumps(v).encode()[:-1]),
    st.binary(max_size=60),
    # JSON escapes of surrogates, paired or not.
    st.lists(st.sampled_from(["\\ud800", "\\udcff", "\\ud83d\\ude00", "{{.ID}}", "x"]),
             max_size=4).map(lambda parts: ('{"servicesFormat": "%s", "auths": {"%s": {}}}'
                                            % ("".join(parts), "".join(parts))).encode()),
    # Nesting deeper than Python's parser goes.
    st.tuples(st.integers(500, 12000), st.sampled_from([b"[", b'{"a":'])).map(
        lambda t: t[1] * t[0]),
    st.binary(max_size=20).map(lambda b: b'{"auths": {"r": {"auth": "' + b + b'"}}}'),
)


def _write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)


@given(FILE_BYTES, st.sampled_from([None, "registry.example:5000", "docker.io", "r"]))
def test_config_json_and_credentials(data, registry):
    with tempfile.TemporaryDirectory() as folder:
        _write(os.path.join(folder, "config.json"), data)
        warnings = []
        config = value_or(DockerException, auth.load_config_file, folder, warnings.append)
        assert isinstance(config, dict)
        assert all(w.startswith("WARNING: Error") and "\n" not in w for w in warnings)
        for key in ("servicesFormat", "tasksFormat", "serviceInspectFormat"):
            config_format(key, folder).encode("utf-8")   # printable as it is
        # No credential helper can run: PATH is an empty folder.
        found = value_or(DockerException, auth.resolve_authconfig, config, registry,
                         {"PATH": folder})
        if isinstance(found, dict):
            auth.encode_header(found)
        else:
            assert found is None or isinstance(found, auth.CredentialHelperError)


@given(FILE_BYTES, FILE_BYTES, st.sampled_from(["ctx", "default", "other"]),
       st.sampled_from([None, "ctx"]))
def test_context_store(config_data, meta_data, current, flag):
    with tempfile.TemporaryDirectory() as folder:
        _write(os.path.join(folder, "config.json"),
               config_data if current == "other" else json.dumps({"currentContext": current}).encode())
        _write(os.path.join(folder, "contexts", "meta", context_id("ctx"), "meta.json"), meta_data)
        warnings = []
        endpoint = value_or(DockerException, resolve_endpoint, context=flag, environment={},
                            config_directory=folder, warn=warnings.append)
        if not isinstance(endpoint, Exception):
            assert isinstance(endpoint.host, str)
            assert isinstance(endpoint.uses_tls, bool)
            value_or(DockerException, endpoint.client_kwargs)
        for context in value_or(DockerException, ContextStore(folder).list):
            assert isinstance(context.name, str) and isinstance(context.host, str)


HOST_TEXT = st.one_of(ANY_TEXT, st.lists(st.one_of(st.sampled_from(
    ["tcp://", "unix://", "ssh://", "fd://", "npipe://", "http://", "[", "]", "::1", ":", "2375",
     "-1", "99999999", "localhost", "/", "?", "#", "%", "@", " "]), ANY_TEXT), max_size=6).map("".join))


@given(HOST_TEXT, st.booleans())
def test_docker_host_values(host, tls):
    with tempfile.TemporaryDirectory() as folder:
        environment = {"DOCKER_HOST": host, "DOCKER_CONFIG": folder}
        if tls:
            environment["DOCKER_TLS"] = "1"
        endpoint = value_or(DockerException, resolve_endpoint, environment=environment,
                            config_directory=folder)
        if not isinstance(endpoint, Exception):
            assert isinstance(endpoint.host, str)
