"""Fuzzing the -f/--filter syntax (swarmctl.cli.filters): a (key, value) pair, nothing for
an empty argument, or docker's flag error."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from swarmctl.cli.filters import FilterParam, parse_filters
from swarmctl.cli.options import FlagError
from tests.fuzz.checks import value_or
from tests.fuzz.strategies import syntax

FILTER = syntax(["=", "name", "label", "id", "mode", "NAME", " ", "\t", "\n", "a=b", "==",
                 "replicated", "\x00", "\udcff", "é"], max_size=6)


@given(st.lists(FILTER, max_size=5))
def test_filters(values):
    param = FilterParam()
    pairs = []
    for value in values:
        pair = value_or(FlagError, param.convert, value, None, None)
        if isinstance(pair, FlagError):
            assert pair.docker_message.startswith(f'invalid argument "{value}" for "-f, --filter"')
            continue
        assert pair is None or (isinstance(pair, tuple) and len(pair) == 2)
        pairs.append(pair)
    engine = parse_filters(pairs).as_engine()
    assert engine is None or all(isinstance(v, list) and v for v in engine.values())
