"""Pure parsers for the scalar value syntaxes of ``docker service create/update``.

Every function here reproduces what the Docker CLI 28.2 (built with Go 1.24)
does for one value syntax, including the text of its error messages.

Errors are those of :mod:`swarmctl.service.errors` (:class:`FlagValueError`, its
:class:`GoNumError`, :class:`SpecError`, :class:`GoPanic`).

The Go standard-library behaviour underneath (strconv, time, go-units, shlex, encoding/csv,
math/big) lives in :mod:`swarmctl.golang`; this module adds docker's rules.
"""

from __future__ import annotations

import os
from typing import Iterable, Mapping, Optional

from swarmctl.golang import big, csv, shlex, strconv, units
from swarmctl.golang import json as gojson
from swarmctl.golang import time as gotime
from swarmctl.golang.strconv import NumError
from swarmctl.golang.strings import is_space
from swarmctl.service.errors import FlagValueError, GoNumError, GoPanic, SpecError

__all__ = [
    "parse_go_int", "parse_go_bool", "parse_go_float",
    "parse_go_float32", "float32_json_value", "float32_json_text",
    "parse_go_duration", "parse_positive_duration",
    "parse_ram_in_bytes", "parse_nano_cpus",
    "validate_label", "validate_env", "kv_list_to_map", "parse_key_value_list",
    "make_env", "read_env_file", "parse_shell_words", "read_csv_record",
]


def _slice_panic(low: int, length: int) -> GoPanic:
    return GoPanic("runtime error: slice bounds out of range [%d:%d]" % (low, length))


# ---------------------------------------------------------------------------
# strconv parsers, failing as flag values


def parse_go_int(s: str, bits: int = 64, signed: bool = True, base: int = 0) -> int:
    """Go's ``strconv.ParseInt``/``ParseUint`` (see :func:`swarmctl.golang.strconv.parse_int`);
    errors are :class:`GoNumError`."""
    try:
        return strconv.parse_int(s, bits, signed, base)
    except NumError as error:
        raise GoNumError.from_num_error(error) from None


def parse_go_bool(s: str) -> bool:
    """Go's ``strconv.ParseBool``; errors are :class:`GoNumError`."""
    try:
        return strconv.parse_bool(s)
    except NumError as error:
        raise GoNumError.from_num_error(error) from None


def parse_go_float(s: str, bits: int = 64) -> float:
    """Go's ``strconv.ParseFloat(s, bits)``; errors are :class:`GoNumError`."""
    try:
        return strconv.parse_float(s, bits)
    except NumError as error:
        raise GoNumError.from_num_error(error) from None


def parse_go_float32(s: str) -> float:
    """``strconv.ParseFloat(s, 32)`` as used by docker's ``floatValue``
    (``--update-max-failure-ratio``, ``--rollback-max-failure-ratio``).

    Returns the float32 value as a Python float (exactly representable).
    NaN and infinities parse, but docker then fails to marshal the request
    (Go's ``json: unsupported value: NaN``).
    """
    return parse_go_float(s, 32)


def float32_json_text(s: str) -> str:
    """The JSON text Go's encoding/json writes for the float32 parsed from
    ``s`` (``--update-max-failure-ratio 0.3`` is sent as ``0.3``).

    NaN and infinities raise :class:`SpecError` with the error docker exits 1 with when it
    marshals the request (``json: unsupported value: NaN``).
    """
    try:
        return gojson.format_float(parse_go_float32(s), 32)
    except gojson.UnsupportedValueError as error:
        raise SpecError(str(error)) from None


def float32_json_value(s: str) -> float:
    """A Python float for ``json.dumps`` standing in for the float32 parsed
    from ``s``.

    What the Docker CLI sends for ``--update-max-failure-ratio 0.3`` is the
    float32 nearest to 0.3 (0.30000001192092896...), which Go marshals with
    the *shortest float32* digits: ``"MaxFailureRatio":0.3``.  Sending the
    float32 value itself from Python would print
    ``0.30000001192092896``; this function returns ``float("0.3")`` instead,
    whose ``repr`` is Go's text.  (The engine parses the text back into a
    float32, so both denote the same stored value.)  Integral values are
    returned as ``int`` (Go writes ``1``, ``json.dumps(1.0)`` would write
    ``1.0``).

    ``json.dumps`` of the result equals Go's JSON text for integral values
    below 1e21 and other values whose magnitude is in [1e-4, 1e16); outside
    that range Python switches to exponent notation at other thresholds (see
    :func:`float32_json_text` for Go's exact text).
    """
    f = parse_go_float32(s)
    if f != f or f in (float("inf"), float("-inf")):
        return f
    if f == 0:
        return f if str(f).startswith("-") else 0
    text = strconv.format_float(f, "f", 32)
    if "." not in text and abs(f) < 1e21:
        # Go writes integral values without a fraction ("1"); a Python int
        # is written the same way by json.dumps.
        return int(text)
    return float(text)




# ---------------------------------------------------------------------------
# durations


def parse_go_duration(s: str) -> int:
    """Go's ``time.ParseDuration`` (integer nanoseconds); errors are :class:`FlagValueError`
    with Go's text, e.g. ``time: invalid duration "x"``."""
    try:
        return gotime.parse_duration(s)
    except gotime.DurationError as error:
        raise FlagValueError(str(error)) from None


def parse_positive_duration(s: str) -> int:
    """docker's ``PositiveDurationOpt`` (the ``--health-*`` durations):
    ParseDuration, then ``duration cannot be negative`` for values < 0."""
    v = parse_go_duration(s)
    if v < 0:
        raise FlagValueError("duration cannot be negative")
    return v


def parse_ram_in_bytes(s: str) -> int:
    """go-units ``RAMInBytes``, as used by ``--limit-memory``, ``--reserve-memory`` and
    ``tmpfs-size`` (see :func:`swarmctl.golang.units.ram_in_bytes`)."""
    try:
        return units.ram_in_bytes(s)
    except NumError as error:
        raise GoNumError.from_num_error(error) from None
    except units.SizeError as error:
        raise FlagValueError(str(error)) from None


# ---------------------------------------------------------------------------
# docker's NanoCPUs

_U64 = 1 << 64
_MIN_I64 = -(1 << 63)


def parse_nano_cpus(s: str) -> int:
    """docker's ``NanoCPUs.Set`` (``--limit-cpu``, ``--reserve-cpu``).

    The value is read with ``big.Rat.SetString`` -- so ``1.5``, ``1e-3``,
    ``1/2`` (a fraction, each part may use base prefixes, ``010/1`` is 8),
    ``0x1p-1`` -- and multiplied by 1e9.  Errors:
    ``failed to parse X as a rational number`` and ``value is too precise``.
    Negative values are accepted here (the engine refuses them); very large
    ones wrap around like Go's ``big.Int.Int64``.
    """
    cpu = big.rat_set_string(s)
    if cpu is None:
        raise FlagValueError("failed to parse %s as a rational number" % s)
    nano = cpu * 10 ** 9
    if nano.denominator != 1:
        raise FlagValueError("value is too precise")
    n = nano.numerator
    low = abs(n) % _U64
    if low >= 1 << 63:
        low -= _U64
    if n < 0:
        low = -low
        if low == 1 << 63:
            low = _MIN_I64
    return low


# ---------------------------------------------------------------------------
# labels, env, key=value lists

_WHITESPACES = " \t"


def validate_label(value: str) -> str:
    """docker's ``ValidateLabel`` (``--label``, ``--container-label``,
    ``--label-add``, ``--container-label-add``); returns the value unchanged.

    Errors: ``invalid label 'X': empty name`` and
    ``label 'KEY' contains whitespaces`` (KEY with leading blanks removed).
    """
    key = value.split("=", 1)[0].lstrip(_WHITESPACES)
    if key == "":
        raise FlagValueError("invalid label '%s': empty name" % value)
    if any(c in _WHITESPACES for c in key):
        raise FlagValueError("label '%s' contains whitespaces" % key)
    return value


def validate_env(value: str, environ: Optional[Mapping[str, str]] = None) -> str:
    """docker's ``ValidateEnv`` (``-e/--env``, ``--env-add``, ``--log-opt``).

    A bare ``KEY`` becomes ``KEY=<value>`` when ``KEY`` is set in ``environ``
    (default ``os.environ``); otherwise it stays bare.
    Error: ``invalid environment variable: =x`` (empty key).
    """
    if environ is None:
        environ = os.environ
    key, sep, _ = value.partition("=")
    if key == "":
        raise FlagValueError("invalid environment variable: " + value)
    if sep:
        return value
    if key in environ:
        return key + "=" + environ[key]
    return value


def kv_list_to_map(values: Iterable[str]) -> dict:
    """docker's ``ConvertKVStringsToMap``: split each entry at the first ``=``
    (a bare key maps to ``""``); later entries win.  The dict is returned with
    sorted keys, the order in which Go marshals a map."""
    result = {}
    for v in values:
        k, _, val = v.partition("=")
        result[k] = val
    return dict(sorted(result.items()))


def parse_key_value_list(values: Iterable[str], kind: str = "label",
                         environ: Optional[Mapping[str, str]] = None) -> dict:
    """Validate a repeatable ``key[=value]`` flag and build its map.

    ``kind``: ``"label"`` (--label, --container-label: :func:`validate_label`),
    ``"env"`` (--log-opt: :func:`validate_env`, bare keys expanded from
    ``environ``) or ``"plain"`` (--sysctl: no validation).
    Raises :class:`FlagValueError` for the first bad value.
    """
    checked = []
    for v in values:
        if kind == "label":
            checked.append(validate_label(v))
        elif kind == "env":
            checked.append(validate_env(v, environ))
        elif kind == "plain":
            checked.append(v)
        else:
            raise ValueError("unknown kind %r" % kind)
    return kv_list_to_map(checked)


def make_env(entries: Iterable[str]) -> list:
    """docker's ``serviceOptions.makeEnv`` de-duplication loop, exactly.

    ``entries`` = env-file lines (files in order) followed by the validated
    ``-e`` values.  The Go code deletes from a slice while ranging over it;
    this reproduces its results, the stale reads and the panic
    (``-e K=v -e K=v -e K=w`` raises :class:`GoPanic`
    ``runtime error: slice bounds out of range [2:1]``).
    """
    arr: list = []  # Go backing array
    n = 0           # slice length
    for env in entries:
        key = env.split("=", 1)[0]
        prefix = key + "="
        for i in range(n):  # range evaluates len once
            cur = arr[i]    # may be a stale element past the new length
            if cur == env:
                continue
            if cur.startswith(prefix):
                if i + 1 > n:
                    raise _slice_panic(i + 1, n)
                arr[i:n - 1] = arr[i + 1:n]
                n -= 1
        if n < len(arr):
            arr[n] = env
        else:
            arr.append(env)
        n += 1
    return arr[:n]


def read_env_file(path: str, environ: Optional[Mapping[str, str]] = None) -> list:
    """docker's ``kvfile.Parse`` for one ``--env-file`` (relative paths are
    relative to the process cwd).

    Lines are split like ``bufio.ScanLines`` (a trailing ``\\r`` dropped),
    a UTF-8 BOM on line 1 is dropped, leading Unicode white space is trimmed,
    empty lines and ``#`` lines are skipped, ``KEY=VALUE`` lines are kept
    verbatim (quotes included, trailing blanks kept), and a bare ``KEY`` is
    replaced by ``KEY=<value>`` from ``environ`` (default ``os.environ``) or
    dropped when unset.

    Errors (:class:`SpecError`, docker exits 1):
    ``open PATH: no such file or directory`` (any ``OSError``: Go's
    ``*PathError`` text), ``invalid env file (PATH): no variable name on line
    '=x'``, ``invalid env file (PATH): variable 'A B' contains whitespaces``,
    ``invalid env file (PATH): invalid utf8 bytes at line N: [..bytes..]``,
    ``invalid env file (PATH): bufio.Scanner: token too long`` (line >= 64 KiB).
    """
    if environ is None:
        environ = os.environ

    def fail(msg):
        return SpecError("invalid env file (%s): %s" % (path, msg))

    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except IsADirectoryError:
        # os.Open succeeds on a directory; the first read fails.
        raise fail("read %s: is a directory" % path) from None
    except OSError as exc:
        msg = exc.strerror or str(exc)
        msg = msg[:1].lower() + msg[1:]
        raise SpecError("open %s: %s" % (path, msg)) from None

    lines = []
    pos = 0
    lineno = 0
    while pos < len(data):
        lineno += 1
        nl = data.find(b"\n", pos)
        raw = data[pos:] if nl < 0 else data[pos:nl]
        if len(raw) >= 65536:  # bufio.MaxScanTokenSize
            raise fail("bufio.Scanner: token too long")
        pos = len(data) if nl < 0 else nl + 1
        if raw.endswith(b"\r"):
            raw = raw[:-1]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise fail("invalid utf8 bytes at line %d: [%s]"
                       % (lineno, " ".join(str(b) for b in raw))) from None
        if lineno == 1 and text.startswith("\ufeff"):
            text = text[1:]
        i = 0
        while i < len(text) and is_space(text[i]):
            i += 1
        line = text[i:]
        if line == "" or line[0] == "#":
            continue
        key, sep, _ = line.partition("=")
        if key == "":
            raise fail("no variable name on line '%s'" % line)
        if any(c in _WHITESPACES for c in key):
            raise fail("variable '%s' contains whitespaces" % key)
        if sep:
            lines.append(line)
            continue
        if line in environ:
            lines.append(key + "=" + environ[line])
    return lines


# ---------------------------------------------------------------------------
# google/shlex


def parse_shell_words(s: str) -> list:
    """google/shlex ``Split`` (``--entrypoint``, ``--args``; ``--health-cmd`` is *not*
    split); errors are :class:`FlagValueError` (see :func:`swarmctl.golang.shlex.split`)."""
    try:
        return shlex.split(s)
    except shlex.SplitError as error:
        raise FlagValueError(str(error)) from None


def read_csv_record(value: str) -> list:
    """The first record of ``value`` read by Go's ``encoding/csv`` -- how docker reads
    ``--mount``, ``--publish``, ``--network``, ``--secret``/``--config``; errors are
    :class:`FlagValueError` (see :func:`swarmctl.golang.csv.read_record`)."""
    try:
        return csv.read_record(value)
    except csv.ParseError as error:
        raise FlagValueError(str(error)) from None
