"""meta.json values of the wrong JSON type: docker's 'cannot unmarshal' errors, not a crash.

Found by fuzzing (tests/fuzz/test_config.py): ``"Host": true`` was an internal error. The
expected lines are the Docker CLI 28's for the same files."""
from __future__ import annotations

import json

import pytest

from swarmctl.config.contextstore import ContextStore, context_id
from swarmctl.config.errors import EndpointResolutionError

SOCKET = "unix:///run/x.sock"


@pytest.mark.parametrize("meta, reason", [
    ({"Name": "ctx", "Endpoints": {"docker": {"Host": True}}},
     "json: cannot unmarshal bool into Go struct field EndpointMetaBase.Host of type string"),
    ({"Name": "ctx", "Endpoints": {"docker": {"Host": SOCKET, "SkipTLSVerify": 1}}},
     "json: cannot unmarshal number into Go struct field EndpointMetaBase.SkipTLSVerify of type bool"),
    ({"Name": 5, "Endpoints": {"docker": {"Host": SOCKET}}},
     "json: cannot unmarshal number into Go struct field untypedContextMetadata.name of type string"),
    ({"Name": "ctx", "Metadata": "x", "Endpoints": {"docker": {"Host": SOCKET}}},
     "json: cannot unmarshal string into Go value of type map[string]interface {}"),
    ({"Name": "ctx", "Endpoints": {"docker": []}},
     "json: cannot unmarshal array into Go value of type context.EndpointMetaBase"),
    ({"Name": "ctx", "Endpoints": 5}, "json: cannot unmarshal number into Go struct field "
                                      "untypedContextMetadata.endpoints of type map[string]json.RawMessage"),
    ({"Name": "ctx", "Endpoints": {"docker": {"Host": SOCKET}, "k8s": 5}},
     "json: cannot unmarshal number into Go value of type map[string]interface {}"),
    ([1], "json: cannot unmarshal array into Go value of type store.untypedContextMetadata"),
    # The first mismatch in the file's order is the one reported.
    ({"Endpoints": {"docker": {"Host": 5}}, "Name": 5},
     "json: cannot unmarshal number into Go struct field untypedContextMetadata.name of type string"),
])
def test_wrong_types_are_dockers_errors(tmp_path, meta, reason):
    path = tmp_path / "contexts" / "meta" / context_id("ctx") / "meta.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(meta))
    store = ContextStore(str(tmp_path))
    with pytest.raises(EndpointResolutionError) as caught:
        store.get("ctx")
    assert str(caught.value) == (f'unable to resolve docker endpoint: context "ctx": '
                                 f"parsing {path}: {reason}")
    for listed in store.list():   # listing (for completion) stays lenient, never fails
        assert isinstance(listed.host, str)


def test_nulls_and_odd_descriptions_are_accepted(tmp_path):
    path = tmp_path / "contexts" / "meta" / context_id("ctx") / "meta.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"Name": "ctx", "Metadata": {"Description": 5},
                                "Endpoints": {"docker": {"Host": SOCKET, "SkipTLSVerify": None}}}))
    found = ContextStore(str(tmp_path)).get("ctx")
    assert (found.host, found.skip_tls_verify, found.description) == (SOCKET, False, "")


def test_json_nested_too_deep_is_a_parse_error(tmp_path):
    # Found by fuzzing: Python's parser ran out of recursion (an internal error); docker says
    # its parser's words.
    path = tmp_path / "contexts" / "meta" / context_id("ctx") / "meta.json"
    path.parent.mkdir(parents=True)
    path.write_text('{"Name": ' + "[" * 20000 + "]" * 20000 + "}")
    with pytest.raises(EndpointResolutionError) as caught:
        ContextStore(str(tmp_path)).get("ctx")
    assert str(caught.value) == (f'unable to resolve docker endpoint: context "ctx": '
                                 f"parsing {path}: invalid character '[' exceeded max depth")
    assert ContextStore(str(tmp_path)).list() == []
