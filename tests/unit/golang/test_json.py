"""Go's encoding/json encoder: string escaping and Marshal/MarshalIndent layout."""

import pytest

from swarmctl.golang import json as gojson


@pytest.mark.parametrize("value,escape_html,out", [
    ("plain", True, '"plain"'),
    ("<a&b>", True, '"\\u003ca\\u0026b\\u003e"'),  # reference §4
    ("<a&b>", False, '"<a&b>"'),
    ("q\"b\\", True, '"q\\"b\\\\"'),
    ("\b\f\n\r\t\x00\x1b\x7f", True, '"\\b\\f\\n\\r\\t\\u0000\\u001b\x7f"'),
    ("h\u00e9llo \u2713", True, '"h\u00e9llo \u2713"'),  # non-ASCII stays UTF-8
    ("\u2028\u2029", False, '"\\u2028\\u2029"'),
])
def test_go_json_string(value, escape_html, out):
    assert gojson.quote_string(value, escape_html) == out


def test_go_json_dumps_layout():
    v = {"a": [], "b": {}, "c": [1, {"d": None}], "e": True, "f": gojson.Float32(0.2), "g": 1e-7}
    assert gojson.marshal(v) == '{"a":[],"b":{},"c":[1,{"d":null}],"e":true,"f":0.2,"g":1e-7}'
    assert gojson.marshal(v, indent="    ") == (
        '{\n    "a": [],\n    "b": {},\n    "c": [\n        1,\n        {\n            "d": null\n'
        '        }\n    ],\n    "e": true,\n    "f": 0.2,\n    "g": 1e-7\n}'
    )
