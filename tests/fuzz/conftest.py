"""Hypothesis profiles of the fuzz tier.

The default profile ("ci") runs 300 examples per parser with a fixed seed, so the
default suite stays fast and every run checks the same inputs. ``SWARMCTL_FUZZ=deep`` selects
the long profile: at least 10,000 fresh random examples per parser.
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_RELAXED = [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large]

settings.register_profile("ci", max_examples=300, deadline=None, derandomize=True,
                          database=None, suppress_health_check=_RELAXED)
settings.register_profile("deep", max_examples=10_000, deadline=None, database=None,
                          suppress_health_check=_RELAXED)
settings.load_profile(os.environ.get("SWARMCTL_FUZZ") or "ci")
