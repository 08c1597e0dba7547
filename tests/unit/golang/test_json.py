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


_LEAVES = ("", "a", "<x>", "a&b", 'q"', "b\\s", "\n\t\x01", "\u2028", "\ud800", "\u00e9", "\x7f",
           0, -5, 2**70, 1.5, 1e21, 1e-7, gojson.Float32(0.1), True, False, None, 3.0)


class _Map(dict):
    """A mapping of another type than dict: written by the general encoder."""


def _random_value(rng, depth=0):
    roll = rng.random()
    if depth > 4 or roll < 0.4:
        return rng.choice(_LEAVES)
    if roll < 0.6:
        return [_random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    if roll < 0.65:
        return tuple(_random_value(rng, depth + 1) for _ in range(rng.randint(0, 3)))
    if roll < 0.7:
        return _Map({str(rng.choice(_LEAVES)): _random_value(rng, depth + 1) for _ in range(3)})
    return {str(rng.choice(_LEAVES)) if rng.random() < 0.3 else rng.choice("ABCD"):
            _random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))}


@pytest.mark.parametrize("seed", range(4))
def test_marshal_shortcut_writes_what_the_general_encoder_writes(seed):
    """marshal() writes plain dicts, lists, strings and ints itself (inspect of hundreds
    of services); every value, nested anyhow, comes out as the general encoder writes it."""
    import random

    rng = random.Random(seed)
    for _ in range(300):
        value = _random_value(rng)
        for indent in (None, "    ", "\t"):
            for escape_html in (True, False):
                general = []
                gojson._encode(value, general, indent, 0, escape_html, None, None)
                assert gojson.marshal(value, indent=indent, escape_html=escape_html) == "".join(general)
