"""Differential fuzzing against the real Docker CLI (tests/fuzz/differential.py): for
examples of every value syntax, swarmctl create sends a create exactly when docker does,
and the same spec.

CI runs a small fixed-seed sample (a few seconds); ``SWARMCTL_FUZZ=deep`` runs 400 fresh
examples per syntax, about 10,000 in all (5 minutes; `python -m tests.fuzz.differential`
prints the agreement table and every disagreement).
"""
from __future__ import annotations

import os

import pytest

from tests.fuzz.differential import Differ, draw_examples, fuzz, table
from tests.fuzz.grammar import SYNTAXES

DEEP = os.environ.get("SWARMCTL_FUZZ") == "deep"
# A fixed seed: every CI run checks the same examples.
CI_SEED, CI_EXAMPLES = 12, 2
DEEP_EXAMPLES = 400


@pytest.fixture(scope="module")
def differ(engine):
    with Differ(engine) as differ:
        yield differ


def test_grammar_gives_distinct_examples_of_every_syntax():
    for syntax in SYNTAXES:
        drawn = draw_examples(syntax, 5, seed=CI_SEED)
        assert len(drawn) >= 3, syntax
        assert drawn == draw_examples(syntax, 5, seed=CI_SEED), "a fixed seed draws the same"


def test_swarmctl_sends_a_create_exactly_when_docker_does(differ):
    if DEEP:
        tallies = fuzz(differ, SYNTAXES, DEEP_EXAMPLES)
    else:
        tallies = fuzz(differ, SYNTAXES, CI_EXAMPLES, seed=CI_SEED)
    print(table(tallies))
    disagreements = [v.describe() for t in tallies.values() for v in t.disagreements]
    assert disagreements == []
    if not DEEP:
        # the fixed sample also refuses in docker's words (a fresh one may meet words that
        # differ: the table counts them)
        assert [v.describe() for t in tallies.values() for v in t.other_messages] == []
        assert sum(t.examples for t in tallies.values()) >= 2 * len(SYNTAXES) - 2
