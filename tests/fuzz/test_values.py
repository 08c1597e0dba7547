"""Fuzzing the scalar value syntaxes of create/update (swarmctl.service.values)."""
from __future__ import annotations

import os
import tempfile

from hypothesis import given
from hypothesis import strategies as st

from swarmctl.service import values
from tests.fuzz.checks import rule_value
from tests.fuzz.strategies import ANY_TEXT, NUMBER_TEXT, syntax


@given(NUMBER_TEXT, st.sampled_from([8, 16, 32, 64]), st.booleans(), st.sampled_from([0, 10]))
def test_go_integers(text, bits, signed, base):
    result = rule_value(values.parse_go_int, text, bits, signed, base)
    if isinstance(result, int):
        assert result.bit_length() <= bits


@given(syntax(["true", "false", "t", "F", "1", "0", "TRUE", "True", "yes"], max_size=3))
def test_go_bools(text):
    assert isinstance(rule_value(values.parse_go_bool, text), (bool, Exception))


@given(NUMBER_TEXT)
def test_go_floats(text):
    rule_value(values.parse_go_float, text)
    rule_value(values.parse_go_float, text, 32)
    rule_value(values.parse_go_float32, text)
    rule_value(values.float32_json_text, text)
    rule_value(values.float32_json_value, text)


@given(NUMBER_TEXT)
def test_durations(text):
    result = rule_value(values.parse_go_duration, text)
    if isinstance(result, int):
        assert -(1 << 63) <= result < 1 << 63
    result = rule_value(values.parse_positive_duration, text)
    if isinstance(result, int):
        assert 0 <= result < 1 << 63


@given(NUMBER_TEXT)
def test_sizes(text):
    result = rule_value(values.parse_ram_in_bytes, text)
    if isinstance(result, int):
        assert -(1 << 63) <= result < 1 << 63


@given(syntax(["1", "0", ".", "/", "e", "-", "0x", "p", "9" * 20, "1/0", "0/0", "_"], max_size=6))
def test_cpus(text):
    result = rule_value(values.parse_nano_cpus, text)
    if isinstance(result, int):
        assert -(1 << 63) <= result < 1 << 63


LABEL_PIECES = ["=", "a", "com.example", " ", "\t", "\x00", "\x1b[31m", "\u202e", "\n", "é", "\udcff"]


@given(st.lists(syntax(LABEL_PIECES, max_size=6), max_size=4))
def test_labels_and_env_values(entries):
    for entry in entries:
        rule_value(values.validate_label, entry)
        rule_value(values.validate_env, entry, {"a": "x"})
    for kind in ("label", "env", "plain"):
        result = rule_value(values.parse_key_value_list, entries, kind, {"a": "x"})
        if isinstance(result, dict):
            assert list(result) == sorted(result)
    rule_value(values.make_env, entries)


# --env-file contents: lines of arbitrary bytes (invalid UTF-8, NUL, BOM, CR, long lines).
ENV_FILE_LINES = st.one_of(
    st.binary(max_size=30),
    syntax(["A=1", "=", "#", " ", "\t", "\ufeff", "\r", "export ", "a b=", "é", "\x00"],
           max_size=5).map(lambda s: s.encode("utf-8", "surrogateescape")),
    st.sampled_from([b"\xff\xfe", b"\xef\xbb\xbfA=1", b"A=" + b"x" * 70000, b"\xc3", b"\xed\xa0\x80"]),
)


@given(st.lists(ENV_FILE_LINES, max_size=6), st.sampled_from([b"\n", b"\r\n", b"\r"]))
def test_env_files(lines, newline):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "env")
        with open(path, "wb") as handle:
            handle.write(newline.join(lines))
        result = rule_value(values.read_env_file, path, {"A": "1", "PATH": "/bin"})
        if isinstance(result, list):
            assert all("=" in line for line in result)


@given(syntax(["'", '"', "\\", " ", "#", "a", "\n", "$x", "\t"], max_size=10))
def test_shell_words(text):
    rule_value(values.parse_shell_words, text)


@given(syntax(['"', ",", "a", "\n", "\r", " ", '""', "\x00"], max_size=10))
def test_csv_records(text):
    result = rule_value(values.read_csv_record, text)
    if isinstance(result, list):
        assert all(isinstance(field, str) for field in result)


@given(ANY_TEXT)
def test_any_text_anywhere(text):
    for parse in (values.parse_go_int, values.parse_go_bool, values.parse_go_float,
                  values.parse_go_duration, values.parse_ram_in_bytes, values.parse_nano_cpus,
                  values.parse_shell_words, values.read_csv_record):
        rule_value(parse, text)
