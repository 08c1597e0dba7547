"""Table-driven tests for swarmctl.service.values.

The expected values and messages were checked against Go (strconv, time,
math/big, encoding/csv, google/shlex, go-units) and against the Docker CLI
28.2.2 itself (``docker service create`` with each value, reading the flag
error or the request body).
"""

import math
import os

import pytest

from swarmctl.service import values as V
from swarmctl.service.errors import FlagValueError, GoNumError, GoPanic, SpecError
from swarmctl.golang import strconv
from swarmctl.golang import time as gotime

DURATION_OK = [
    ('0', 0),
    ('-0', 0),
    ('+0', 0),
    ('1h2m3.5s', 3723500000000),
    ('1500ms', 1500000000),
    ('10us', 10000),
    ('10µs', 10000),
    ('10μs', 10000),
    ('5ns', 5),
    ('1.5h', 5400000000000),
    ('.5s', 500000000),
    ('1.s', 1000000000),
    ('-1.5s', -1500000000),
    ('+2m', 120000000000),
    ('3m0.5ms', 180000500000),
    ('9223372036854775807ns', 9223372036854775807),
    ('-9223372036854775808ns', -9223372036854775808),
    ('2562047h47m16.854775807s', 9223372036854775807),
    ('0.000000001s', 1),
    ('0.0000000001s', 0),
    ('1.0000000000000000000000001s', 1000000000),
    ('1h1h', 7200000000000),
]
DURATION_ERR = [
    ('1h-1m', 'time: unknown unit "h-" in duration "1h-1m"'),
    ('', 'time: invalid duration ""'),
    ('-', 'time: invalid duration "-"'),
    ('5', 'time: missing unit in duration "5"'),
    ('5x', 'time: unknown unit "x" in duration "5x"'),
    ('x', 'time: invalid duration "x"'),
    ('.s', 'time: invalid duration ".s"'),
    ('-.s', 'time: invalid duration "-.s"'),
    ('1e3s', 'time: unknown unit "e" in duration "1e3s"'),
    ('1 s', 'time: unknown unit " s" in duration "1 s"'),
    ('5é', 'time: unknown unit "\\xc3\\xa9" in duration "5\\xc3\\xa9"'),
    ('9223372036854775808ns', 'time: invalid duration "9223372036854775808ns"'),
    ('2562047h47m16.854775808s', 'time: invalid duration "2562047h47m16.854775808s"'),
    ('99999999999999999999h', 'time: invalid duration "99999999999999999999h"'),
    ('1h2', 'time: missing unit in duration "1h2"'),
    ('s', 'time: invalid duration "s"'),
    ('--1s', 'time: invalid duration "--1s"'),
    (' 1s', 'time: invalid duration " 1s"'),
]

FORMAT_DURATION = [
    (0, '0s'),
    (1, '1ns'),
    (999, '999ns'),
    (1000, '1µs'),
    (1500, '1.5µs'),
    (999999, '999.999µs'),
    (1000000, '1ms'),
    (1500000, '1.5ms'),
    (1000000000, '1s'),
    (1500000000, '1.5s'),
    (60000000000, '1m0s'),
    (61000000000, '1m1s'),
    (3600000000000, '1h0m0s'),
    (3723500000000, '1h2m3.5s'),
    (3600000000001, '1h0m0.000000001s'),
    (-1500000000, '-1.5s'),
    (-1, '-1ns'),
    (9223372036854775807, '2562047h47m16.854775807s'),
    (-9223372036854775808, '-2562047h47m16.854775808s'),
]

RAM_OK = [
    ('0', 0),
    ('1', 1),
    ('1.5g', 1610612736),
    ('1.5G', 1610612736),
    ('64MiB', 67108864),
    ('64mib', 67108864),
    ('8192 kb', 8388608),
    ('12 ', 12),
    ('1b', 1),
    ('1B', 1),
    ('1k', 1024),
    ('1kb', 1024),
    ('1kib', 1024),
    ('1KiB', 1024),
    ('1m', 1048576),
    ('1g', 1073741824),
    ('1t', 1099511627776),
    ('1p', 1125899906842624),
    ('8pib', 9007199254740992),
    ('1e3', 1000),
    ('1e3k', 1024000),
    ('0x1p3', 8),
    ('-0', 0),
    ('1.9', 1),
    ('9999999pb', -9223372036854775808),
    ('1 k', 1024),
]
RAM_ERR = [
    ('12x', "invalid suffix: 'x'"),
    ('-1m', "invalid size: '-1m'"),
    ('', "invalid size: ''"),
    ('b', "invalid size: 'b'"),
    ('kb', "invalid size: 'kb'"),
    ('1bb', "invalid suffix: 'bb'"),
    ('1kbb', "invalid suffix: 'kbb'"),
    ('1kibb', "invalid suffix: 'kibb'"),
    ('1xb', "invalid suffix: 'xb'"),
    ('1kx', "invalid suffix: 'kx'"),
    ('1kix', "invalid suffix: 'kix'"),
    ('8192  kb', 'strconv.ParseFloat: parsing "8192 ": invalid syntax'),
    (' 12', 'strconv.ParseFloat: parsing " 12": invalid syntax'),
    ('1.5.5', 'strconv.ParseFloat: parsing "1.5.5": invalid syntax'),
    ('1e400', 'strconv.ParseFloat: parsing "1e400": value out of range'),
    ('1é', "invalid suffix: 'é'"),
    ('abc', "invalid size: 'abc'"),
    ('1 k b', 'strconv.ParseFloat: parsing "1 k": invalid syntax'),
]

INT_OK = [
    (('0', 64, True, 0), 0),
    (('10', 64, True, 0), 10),
    (('-10', 64, True, 0), -10),
    (('+10', 64, True, 0), 10),
    (('010', 64, True, 0), 8),
    (('0x10', 64, True, 0), 16),
    (('0X1f', 64, True, 0), 31),
    (('0b11', 64, True, 0), 3),
    (('0o17', 64, True, 0), 15),
    (('0O17', 64, True, 0), 15),
    (('1_000', 64, True, 0), 1000),
    (('0x_ff', 64, True, 0), 255),
    (('-9223372036854775808', 64, True, 0), -9223372036854775808),
    (('9223372036854775807', 64, True, 0), 9223372036854775807),
    (('18446744073709551615', 64, False, 0), 18446744073709551615),
    (('0', 64, False, 0), 0),
    (('32767', 16, True, 0), 32767),
    (('-32768', 16, True, 0), -32768),
    (('65535', 16, False, 10), 65535),
    (('1770', 32, False, 8), 1016),
    (('4294967295', 32, False, 0), 4294967295),
]
INT_ERR = [
    (('', 64, True, 0), 'strconv.ParseInt: parsing "": invalid syntax'),
    (('', 64, False, 0), 'strconv.ParseUint: parsing "": invalid syntax'),
    (('x', 64, True, 0), 'strconv.ParseInt: parsing "x": invalid syntax'),
    (('-1', 64, False, 0), 'strconv.ParseUint: parsing "-1": invalid syntax'),
    (('+1', 64, False, 0), 'strconv.ParseUint: parsing "+1": invalid syntax'),
    (('9223372036854775808', 64, True, 0), 'strconv.ParseInt: parsing "9223372036854775808": value out of range'),
    (('-9223372036854775809', 64, True, 0), 'strconv.ParseInt: parsing "-9223372036854775809": value out of range'),
    (('18446744073709551616', 64, False, 0), 'strconv.ParseUint: parsing "18446744073709551616": value out of range'),
    (('0x', 64, True, 0), 'strconv.ParseInt: parsing "0x": invalid syntax'),
    (('0b', 64, True, 0), 'strconv.ParseInt: parsing "0b": invalid syntax'),
    (('08', 64, True, 0), 'strconv.ParseInt: parsing "08": invalid syntax'),
    (('1__0', 64, True, 0), 'strconv.ParseInt: parsing "1__0": invalid syntax'),
    (('_1', 64, True, 0), 'strconv.ParseInt: parsing "_1": invalid syntax'),
    (('1_', 64, True, 0), 'strconv.ParseInt: parsing "1_": invalid syntax'),
    (('1_000', 64, True, 10), 'strconv.ParseInt: parsing "1_000": invalid syntax'),
    (('99999999999999999999x', 64, True, 0), 'strconv.ParseInt: parsing "99999999999999999999x": value out of range'),
    (('32768', 16, True, 0), 'strconv.ParseInt: parsing "32768": value out of range'),
    (('65536', 16, False, 10), 'strconv.ParseUint: parsing "65536": value out of range'),
    (('999', 32, False, 8), 'strconv.ParseUint: parsing "999": invalid syntax'),
    (('0o7', 32, False, 8), 'strconv.ParseUint: parsing "0o7": invalid syntax'),
    (('4294967296', 32, False, 0), 'strconv.ParseUint: parsing "4294967296": value out of range'),
    (('1.5', 64, True, 0), 'strconv.ParseInt: parsing "1.5": invalid syntax'),
    ((' 1', 64, True, 0), 'strconv.ParseInt: parsing " 1": invalid syntax'),
]

BOOL_OK = [
    ('1', True),
    ('t', True),
    ('T', True),
    ('TRUE', True),
    ('true', True),
    ('True', True),
    ('0', False),
    ('f', False),
    ('F', False),
    ('FALSE', False),
    ('false', False),
    ('False', False),
]
BOOL_ERR = [
    ('yes', 'strconv.ParseBool: parsing "yes": invalid syntax'),
    ('', 'strconv.ParseBool: parsing "": invalid syntax'),
    ('tRUE', 'strconv.ParseBool: parsing "tRUE": invalid syntax'),
    ('2', 'strconv.ParseBool: parsing "2": invalid syntax'),
]

CPUS_OK = [
    ('1.5', 1500000000),
    ('0.25', 250000000),
    ('2', 2000000000),
    ('1/2', 500000000),
    ('1e-3', 1000000),
    ('0.001', 1000000),
    ('010/1', 8000000000),
    ('0x10/2', 8000000000),
    ('0b11', 3000000000),
    ('0x1p-1', 500000000),
    ('1_000', 1000000000000),
    ('-1', -1000000000),
    ('+1', 1000000000),
    ('.5', 500000000),
    ('5.', 5000000000),
    ('00.5', 500000000),
    ('0e99999', 0),
    ('1.5e0', 1500000000),
    ('0.000000001', 1),
    ('0', 0),
    ('0b1.', 1000000000),
]
CPUS_ERR = [
    ('1e-10', 'value is too precise'),
    ('0.0000000001', 'value is too precise'),
    ('1/3', 'value is too precise'),
    ('x', 'failed to parse x as a rational number'),
    ('', 'failed to parse  as a rational number'),
    ('1/0', 'failed to parse 1/0 as a rational number'),
    ('/2', 'failed to parse /2 as a rational number'),
    ('1/', 'failed to parse 1/ as a rational number'),
    ('1/-2', 'failed to parse 1/-2 as a rational number'),
    ('--1', 'failed to parse --1 as a rational number'),
    ('1__0', 'failed to parse 1__0 as a rational number'),
    ('1e', 'failed to parse 1e as a rational number'),
    ('0x', 'failed to parse 0x as a rational number'),
    ('4_.', 'failed to parse 4_. as a rational number'),
    ('1.2.3', 'failed to parse 1.2.3 as a rational number'),
]

F32_OK = [
    ('0.3', 0.30000001192092896),
    ('0.1', 0.10000000149011612),
    ('1', 1.0),
    ('0', 0.0),
    ('-0', -0.0),
    ('1e-7', 1.0000000116860974e-07),
    ('3.4028235e38', 3.4028234663852886e+38),
    ('1e-46', 0.0),
    ('0x1p-149', 1.401298464324817e-45),
    ('inf', float('inf')),
    ('-Inf', float('-inf')),
    ('infinity', float('inf')),
    ('NaN', float('nan')),
    ('1_000', 1000.0),
    ('0x1.8p1', 3.0),
    ('.5', 0.5),
    ('16777217', 16777216.0),
]
F32_ERR = [
    ('x', 'strconv.ParseFloat: parsing "x": invalid syntax'),
    ('', 'strconv.ParseFloat: parsing "": invalid syntax'),
    ('3.4028236e38', 'strconv.ParseFloat: parsing "3.4028236e38": value out of range'),
    ('1e39', 'strconv.ParseFloat: parsing "1e39": value out of range'),
    ('infin', 'strconv.ParseFloat: parsing "infin": invalid syntax'),
    ('+nan', 'strconv.ParseFloat: parsing "+nan": invalid syntax'),
    ('1__0', 'strconv.ParseFloat: parsing "1__0": invalid syntax'),
    ('0x1', 'strconv.ParseFloat: parsing "0x1": invalid syntax'),
    ('1e', 'strconv.ParseFloat: parsing "1e": invalid syntax'),
    ('1.5x', 'strconv.ParseFloat: parsing "1.5x": invalid syntax'),
]

F32_REPR_JSON = [
    ('0.3', '0.3', '0.3', 0.3),
    ('0.1', '0.1', '0.1', 0.1),
    ('1', '1', '1', 1),
    ('0', '0', '0', 0),
    ('0.123456789', '0.12345679', '0.12345679', 0.12345679),
    ('1e-7', '1e-07', '1e-7', 1e-07),
    ('0.00001', '1e-05', '0.00001', 1e-05),
    ('1e21', '1e+21', '1e+21', 1e+21),
    ('1e20', '1e+20', '100000000000000000000', 100000000000000000000),
    ('123456', '123456', '123456', 123456),
    ('1234567', '1.234567e+06', '1234567', 1234567),
    ('3.0304577148e+06', '3.0304578e+06', '3030457.8', 3030457.8),
    ('16777217', '1.6777216e+07', '16777216', 16777216),
    ('0.000001', '1e-06', '0.000001', 1e-06),
    ('1e-6', '1e-06', '0.000001', 1e-06),
    ('2.5e-5', '2.5e-05', '0.000025', 2.5e-05),
    ('-0.75', '-0.75', '-0.75', -0.75),
    ('100', '100', '100', 100),
]


LABEL_OK = [
    ('a=b', 'a=b'),
    ('a', 'a'),
    ('a=x=y', 'a=x=y'),
    (' a=b', ' a=b'),
    ('a=', 'a='),
    ('a=b c', 'a=b c'),
]
LABEL_ERR = [
    ('=b', "invalid label '=b': empty name"),
    (' =b', "invalid label ' =b': empty name"),
    ('a b=c', "label 'a b' contains whitespaces"),
    ('a\tb', "label 'a\tb' contains whitespaces"),
    ('\ta\tb=1', "label 'a\tb' contains whitespaces"),
]

SHELL_OK = [
    ('', []),
    ('a b', ['a', 'b']),
    ('  a   b  ', ['a', 'b']),
    ("sh -c 'echo hi'", ['sh', '-c', 'echo hi']),
    ("'a b' c", ['a b', 'c']),
    ('"a\\"b"', ['a"b']),
    ('"a\\b"', ['ab']),
    ('a\\ b', ['a b']),
    ('a\\\nb', ['a\nb']),
    ("''", ['']),
    ('""', ['']),
    ("a'b'c", ['abc']),
    ('#c\nx', ['x']),
    ('a #c', ['a']),
    ('a#b', ['a#b']),
    ('x # y\nz', ['x', 'z']),
    ('\ta\rb\nc', ['a', 'b', 'c']),
    ('a\x0bb', ['a\x0bb']),
]
SHELL_ERR = [
    ("'abc", 'EOF found when expecting closing quote'),
    ('"abc', 'EOF found when expecting closing quote'),
    ('a\\', 'EOF found after escape character'),
    ('"a\\', 'EOF found after escape character'),
]

CSV_OK = [
    ('a', ['a']),
    ('a,b', ['a', 'b']),
    ('a,"b,c"', ['a', 'b,c']),
    ('"a""b",c', ['a"b', 'c']),
    ('""', ['']),
    (',', ['', '']),
    ('a,', ['a', '']),
    ('\n\na,b', ['a', 'b']),
    ('a,b\nc,d', ['a', 'b']),
    ('"a\nb",c', ['a\nb', 'c']),
    ('a,\r\nb', ['a', '']),
    ('a\r', ['a']),
    ('"a\r\nb"', ['a\nb']),
    ('a b , c', ['a b ', ' c']),
]
CSV_ERR = [
    ('', 'EOF'),
    ('\n', 'EOF'),
    ('a"b', 'parse error on line 1, column 2: bare " in non-quoted-field'),
    ('"abc', 'parse error on line 1, column 5: extraneous or missing " in quoted-field'),
    ('"a"b', 'parse error on line 1, column 3: extraneous or missing " in quoted-field'),
    ('"a\nb"x', 'record on line 1; parse error on line 2, column 2: extraneous or missing " in quoted-field'),
    ('"a\n', 'parse error on line 1, column 4: extraneous or missing " in quoted-field'),
    ('x,"y\nz', 'record on line 1; parse error on line 2, column 2: extraneous or missing " in quoted-field'),
]



# ---------------------------------------------------------------------------
# durations


@pytest.mark.parametrize("s,expected", DURATION_OK)
def test_parse_go_duration(s, expected):
    assert V.parse_go_duration(s) == expected


@pytest.mark.parametrize("s,message", DURATION_ERR)
def test_parse_go_duration_errors(s, message):
    with pytest.raises(FlagValueError) as exc:
        V.parse_go_duration(s)
    assert str(exc.value) == message


@pytest.mark.parametrize("ns,expected", FORMAT_DURATION)
def test_format_go_duration(ns, expected):
    assert gotime.format_duration(ns) == expected


@pytest.mark.parametrize("ns", [0, 1, 1500, 10**9, 3723500000000, -1500000000, 2**63 - 1, -(2**63)])
def test_format_then_parse_round_trips(ns):
    assert V.parse_go_duration(gotime.format_duration(ns)) == ns


@pytest.mark.parametrize("s,expected", [("10s", 10 * 10**9), ("0", 0), ("-0s", 0), ("1ms", 10**6)])
def test_parse_positive_duration(s, expected):
    assert V.parse_positive_duration(s) == expected


@pytest.mark.parametrize("s,message", [
    ("-1s", "duration cannot be negative"),
    ("-1ns", "duration cannot be negative"),
    ("x", 'time: invalid duration "x"'),
    ("5", 'time: missing unit in duration "5"'),
])
def test_parse_positive_duration_errors(s, message):
    with pytest.raises(FlagValueError, match="^" + message.replace('"', '.') + "$"):
        V.parse_positive_duration(s)


# ---------------------------------------------------------------------------
# bytes


@pytest.mark.parametrize("s,expected", RAM_OK)
def test_parse_ram_in_bytes(s, expected):
    assert V.parse_ram_in_bytes(s) == expected


@pytest.mark.parametrize("s,message", RAM_ERR)
def test_parse_ram_in_bytes_errors(s, message):
    with pytest.raises(FlagValueError) as exc:
        V.parse_ram_in_bytes(s)
    assert str(exc.value) == message


# ---------------------------------------------------------------------------
# integers, booleans


@pytest.mark.parametrize("args,expected", INT_OK)
def test_parse_go_int(args, expected):
    s, bits, signed, base = args
    assert V.parse_go_int(s, bits, signed, base) == expected


@pytest.mark.parametrize("args,message", INT_ERR)
def test_parse_go_int_errors(args, message):
    s, bits, signed, base = args
    with pytest.raises(GoNumError) as exc:
        V.parse_go_int(s, bits, signed, base)
    assert str(exc.value) == message
    assert exc.value.num == s
    assert exc.value.func == ("ParseInt" if signed else "ParseUint")
    assert message.endswith(exc.value.err)


def test_go_num_error_is_flag_value_error():
    with pytest.raises(FlagValueError):
        V.parse_go_int("-1", signed=False)
    assert issubclass(GoNumError, ValueError)


@pytest.mark.parametrize("s,expected", BOOL_OK)
def test_parse_go_bool(s, expected):
    assert V.parse_go_bool(s) is expected


@pytest.mark.parametrize("s,message", BOOL_ERR)
def test_parse_go_bool_errors(s, message):
    with pytest.raises(GoNumError) as exc:
        V.parse_go_bool(s)
    assert str(exc.value) == message


# ---------------------------------------------------------------------------
# CPUs


@pytest.mark.parametrize("s,expected", CPUS_OK)
def test_parse_nano_cpus(s, expected):
    assert V.parse_nano_cpus(s) == expected


@pytest.mark.parametrize("s,message", CPUS_ERR)
def test_parse_nano_cpus_errors(s, message):
    with pytest.raises(FlagValueError) as exc:
        V.parse_nano_cpus(s)
    assert str(exc.value) == message


def test_parse_nano_cpus_wraps_like_big_int_int64():
    # 2**64 + 5 nano-CPUs: Go's Int64() keeps the low 64 bits
    assert V.parse_nano_cpus("%d/1000000000" % (2**64 + 5)) == 5
    assert V.parse_nano_cpus("-%d/1000000000" % (2**63)) == -(2**63)


# ---------------------------------------------------------------------------
# floats


@pytest.mark.parametrize("s,expected", F32_OK)
def test_parse_go_float32(s, expected):
    got = V.parse_go_float32(s)
    if math.isnan(expected):
        assert math.isnan(got)
    else:
        assert got == expected
        assert math.copysign(1, got) == math.copysign(1, expected)


@pytest.mark.parametrize("s,message", F32_ERR)
def test_parse_go_float32_errors(s, message):
    with pytest.raises(GoNumError) as exc:
        V.parse_go_float32(s)
    assert str(exc.value) == message


@pytest.mark.parametrize("s,repr_,json_text,json_value", F32_REPR_JSON)
def test_float32_repr_and_json(s, repr_, json_text, json_value):
    f = V.parse_go_float32(s)
    assert strconv.float32_repr(f) == repr_
    assert V.float32_json_text(s) == json_text
    got = V.float32_json_value(s)
    assert got == json_value and type(got) is type(json_value)


@pytest.mark.parametrize("s", ["0.3", "0.1", "0.7", "1", "0.5", "0.123456789", "0.0001", "12345.678"])
def test_float32_json_value_dumps_like_go(s):
    import json
    assert json.dumps(V.float32_json_value(s)) == V.float32_json_text(s)


def test_float32_rounds_directly_to_float32():
    # 1.00000005960464477539 is just above the halfway point between the
    # float32 values 1 and 1+2**-23; rounding through float64 first gives 1.
    assert V.parse_go_float32("1.00000005960464477539062501") == 1 + 2**-23
    assert V.parse_go_float32("0.3") == 0.30000001192092896


def test_float32_json_text_refuses_nan_and_inf():
    for s in ("nan", "inf", "-inf"):
        with pytest.raises(ValueError, match="json: unsupported value"):
            V.float32_json_text(s)


def test_float32_json_text_refuses_nan_with_dockers_exit_1_error():
    # Found by fuzzing: the golang.json error escaped the service rules' error family.
    with pytest.raises(SpecError, match=r"^json: unsupported value: -Inf$"):
        V.float32_json_text("-inf")


@pytest.mark.parametrize("s,expected", [
    ("1.5", 1.5), ("1e3", 1000.0), ("0x1p-2", 0.25), ("1_0.5", 10.5),
    ("-0", -0.0), ("4.9e-324", 5e-324), ("1e-400", 0.0), ("Infinity", float("inf")),
])
def test_parse_go_float64(s, expected):
    assert V.parse_go_float(s) == expected


@pytest.mark.parametrize("s,message", [
    ("1e400", 'strconv.ParseFloat: parsing "1e400": value out of range'),
    ("0x10", 'strconv.ParseFloat: parsing "0x10": invalid syntax'),
    ("1.5.5", 'strconv.ParseFloat: parsing "1.5.5": invalid syntax'),
    ("_1", 'strconv.ParseFloat: parsing "_1": invalid syntax'),
])
def test_parse_go_float64_errors(s, message):
    with pytest.raises(GoNumError) as exc:
        V.parse_go_float(s)
    assert str(exc.value) == message


# ---------------------------------------------------------------------------
# labels, env


@pytest.mark.parametrize("s,expected", LABEL_OK)
def test_validate_label(s, expected):
    assert V.validate_label(s) == expected


@pytest.mark.parametrize("s,message", LABEL_ERR)
def test_validate_label_errors(s, message):
    with pytest.raises(FlagValueError) as exc:
        V.validate_label(s)
    assert str(exc.value) == message


ENVIRON = {"HOME": "/root", "EMPTY": "", "X": "a=b"}


@pytest.mark.parametrize("s,expected", [
    ("A=1", "A=1"), ("A=", "A="), ("A==", "A=="), ("HOME", "HOME=/root"), ("EMPTY", "EMPTY="),
    ("X", "X=a=b"), ("UNSET", "UNSET"), (" HOME", " HOME"), ("A B", "A B"),
])
def test_validate_env(s, expected):
    assert V.validate_env(s, ENVIRON) == expected


@pytest.mark.parametrize("s", ["=x", "=", ""])
def test_validate_env_errors(s):
    with pytest.raises(FlagValueError) as exc:
        V.validate_env(s, ENVIRON)
    assert str(exc.value) == "invalid environment variable: " + s


def test_validate_env_defaults_to_os_environ(monkeypatch):
    monkeypatch.setenv("SWARMCTL_TEST_VAR", "v1")
    assert V.validate_env("SWARMCTL_TEST_VAR") == "SWARMCTL_TEST_VAR=v1"


@pytest.mark.parametrize("values,expected", [
    ([], {}),
    (["a=1", "b", "a=2"], {"a": "2", "b": ""}),
    (["z=1", "a=x=y", " k=v"], {" k": "v", "a": "x=y", "z": "1"}),
])
def test_kv_list_to_map(values, expected):
    got = V.kv_list_to_map(values)
    assert got == expected
    assert list(got) == sorted(got)


@pytest.mark.parametrize("values,kind,expected", [
    (["a=1", "b"], "label", {"a": "1", "b": ""}),
    (["max-size=10m", "HOME"], "env", {"HOME": "/root", "max-size": "10m"}),
    (["net.a=1", "k", "=x"], "plain", {"": "x", "k": "", "net.a": "1"}),
])
def test_parse_key_value_list(values, kind, expected):
    assert V.parse_key_value_list(values, kind, ENVIRON) == expected


@pytest.mark.parametrize("values,kind,message", [
    (["a=1", "=b"], "label", "invalid label '=b': empty name"),
    (["a b=1"], "label", "label 'a b' contains whitespaces"),
    (["=x"], "env", "invalid environment variable: =x"),
])
def test_parse_key_value_list_errors(values, kind, message):
    with pytest.raises(FlagValueError) as exc:
        V.parse_key_value_list(values, kind, ENVIRON)
    assert str(exc.value) == message


# Results checked with docker service create -e ... (request body, or the
# panic on stderr).
@pytest.mark.parametrize("entries,expected", [
    ([], []),
    (["A=1"], ["A=1"]),
    (["A=1", "B=2", "A=3"], ["B=2", "A=3"]),
    (["B", "B=1", "B=2", "C=1", "C"], ["B", "B=2", "C"]),
    (["K=v", "K=v", "Z=1", "K=w"], ["K=v", "Z=1", "K=w"]),
    (["A=1", "A=1"], ["A=1", "A=1"]),
    (["A", "A"], ["A", "A"]),
    (["A=1", "A"], ["A"]),
    (["A", "A=1"], ["A", "A=1"]),
    (["A=1", "B=1", "A=2", "B=2"], ["A=2", "B=2"]),
    (["A=1", "A=2", "A=3"], ["A=3"]),
    (["A=1", "A=1", "B=1", "A=2"], ["A=1", "B=1", "A=2"]),
])
def test_make_env(entries, expected):
    assert V.make_env(entries) == expected


@pytest.mark.parametrize("entries,message", [
    (["K=v", "K=v", "K=w"], "runtime error: slice bounds out of range [2:1]"),
    (["A=1", "A=1", "A=1", "A=2"], "runtime error: slice bounds out of range [3:1]"),
    (["A=1", "B=1", "A=1", "A=2"], "runtime error: slice bounds out of range [3:1]"),
])
def test_make_env_panics(entries, message):
    with pytest.raises(GoPanic) as exc:
        V.make_env(entries)
    assert str(exc.value) == message
    assert exc.value.stderr_line == "panic: " + message


def _write(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data)
    return str(p)


@pytest.mark.parametrize("data,expected", [
    (b"", []),
    (b"A=1\nB=2\n", ["A=1", "B=2"]),
    (b"# comment\n\n   \nA=1", ["A=1"]),
    (b"  \t A=1  \n", ["A=1  "]),
    (b'A="quoted"\n', ['A="quoted"']),
    (b"A=1\r\nB=2\r\n", ["A=1", "B=2"]),
    (b"\xef\xbb\xbfA=1\n", ["A=1"]),
    (b"HOME\nUNSET\nEMPTY\n", ["HOME=/root", "EMPTY="]),
    (b"A=\n", ["A="]),
    (b"A=x y z\n", ["A=x y z"]),
    (b"  #x\nA=#v\n", ["A=#v"]),
])
def test_read_env_file(tmp_path, data, expected):
    assert V.read_env_file(_write(tmp_path, "env", data), ENVIRON) == expected


@pytest.mark.parametrize("data,suffix", [
    (b"A=1\n=x\n", "no variable name on line '=x'"),
    (b"A B=1\n", "variable 'A B' contains whitespaces"),
    (b"A\tB\n", "variable 'A\tB' contains whitespaces"),
    (b"A=1\nB=\xff\n", "invalid utf8 bytes at line 2: [66 61 255]"),
    (b"A=" + b"x" * 70000 + b"\n", "bufio.Scanner: token too long"),
])
def test_read_env_file_errors(tmp_path, data, suffix):
    path = _write(tmp_path, "env", data)
    with pytest.raises(SpecError) as exc:
        V.read_env_file(path, ENVIRON)
    assert str(exc.value) == "invalid env file (%s): %s" % (path, suffix)


def test_read_env_file_missing_and_directory(tmp_path):
    missing = str(tmp_path / "nope")
    with pytest.raises(SpecError) as exc:
        V.read_env_file(missing, ENVIRON)
    assert str(exc.value) == "open %s: no such file or directory" % missing
    with pytest.raises(SpecError) as exc:
        V.read_env_file(str(tmp_path), ENVIRON)
    assert str(exc.value) == "invalid env file (%s): read %s: is a directory" % (tmp_path, tmp_path)


def test_read_env_file_relative_path(tmp_path, monkeypatch):
    _write(tmp_path, "rel.env", b"A=1\n")
    monkeypatch.chdir(tmp_path)
    assert V.read_env_file("rel.env", {}) == ["A=1"]


# ---------------------------------------------------------------------------
# shell words, CSV


@pytest.mark.parametrize("s,expected", SHELL_OK)
def test_parse_shell_words(s, expected):
    assert V.parse_shell_words(s) == expected


@pytest.mark.parametrize("s,message", SHELL_ERR)
def test_parse_shell_words_errors(s, message):
    with pytest.raises(FlagValueError) as exc:
        V.parse_shell_words(s)
    assert str(exc.value) == message


@pytest.mark.parametrize("s,expected", CSV_OK)
def test_read_csv_record(s, expected):
    assert V.read_csv_record(s) == expected


@pytest.mark.parametrize("s,message", CSV_ERR)
def test_read_csv_record_errors(s, message):
    with pytest.raises(FlagValueError) as exc:
        V.read_csv_record(s)
    assert str(exc.value) == message


# ---------------------------------------------------------------------------
# module hygiene


def test_module_imports_only_stdlib():
    import ast
    tree = ast.parse(open(V.__file__).read())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module.split(".")[0])
    # swarmctl.golang is itself stdlib-only (Go's strconv, time, units, ...).
    assert names <= {"__future__", "os", "re", "unicodedata", "fractions", "typing", "swarmctl"}
    own = {node.module for node in ast.walk(tree)
           if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("swarmctl")}
    assert all(module in ("swarmctl.golang", "swarmctl.service.errors")
               or module.startswith("swarmctl.golang.") for module in own)


def test_error_classes():
    assert issubclass(FlagValueError, ValueError)
    assert issubclass(SpecError, ValueError)
    assert not issubclass(SpecError, FlagValueError)
    assert issubclass(GoPanic, RuntimeError)
