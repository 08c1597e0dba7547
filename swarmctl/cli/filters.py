"""``-f/--filter key=value`` as docker parses it, turned into the engine's filter form.

Docker's rules (``opts.FilterOpt``): an empty argument is ignored; an argument without
``=`` is a flag error (exit 125); the key is trimmed and lower-cased, the value trimmed.
Values of one key are OR-ed by the engine, different keys AND-ed. Unknown keys are left
for the engine to reject (``Invalid filter 'foo'``), as docker does.
"""
from __future__ import annotations

import click

from swarmctl.cli.options import FlagError

BAD_FORMAT = "bad format of filter (expected name=value)"


class FilterParam(click.ParamType):
    """One ``--filter`` value: ``(key, value)``, or ``None`` for an empty argument."""

    name = "filter"

    def convert(self, value, param, ctx):
        if value is None or isinstance(value, tuple):
            return value
        if value == "":
            return None
        if "=" not in value:
            flag = "-f, --filter"
            raise FlagError(f'invalid argument "{value}" for "{flag}" flag: {BAD_FORMAT}')
        key, _, val = value.partition("=")
        return key.strip().lower(), val.strip()


def filter_option(f):
    """The ``-f, --filter`` option (repeatable), delivered as ``filters``."""
    return click.option(
        "-f", "--filter", "filters", type=FilterParam(), multiple=True, metavar="filter",
        help="Filter output based on conditions provided (key=value, repeatable)",
    )(f)


class Filters:
    """An ordered ``key -> [values]`` set, like docker's ``filters.Args``."""

    def __init__(self, pairs=()):
        self._values = {}
        for pair in pairs:
            if pair is not None:
                self.add(*pair)

    def add(self, key, value):
        values = self._values.setdefault(key, [])
        if value not in values:
            values.append(value)

    def remove(self, key, value):
        values = self._values.get(key)
        if values and value in values:
            values.remove(value)
            if not values:
                del self._values[key]

    def get(self, key):
        return list(self._values.get(key, ()))

    def __contains__(self, key):
        return key in self._values

    def __bool__(self):
        return bool(self._values)

    def as_engine(self):
        """The form the API client sends (``{"name": ["web"], ...}``), or None if empty."""
        if not self._values:
            return None
        return {key: list(values) for key, values in self._values.items()}


def parse_filters(pairs):
    """``Filters`` from the converted option values (``None`` entries are skipped)."""
    return Filters(pairs)
