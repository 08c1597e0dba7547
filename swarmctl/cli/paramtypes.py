"""Flag values in docker's syntaxes, for click: one way to parse and one way to fail.

A value docker would refuse raises :class:`FlagError` with docker's message
(``invalid argument "X" for "--flag" flag: <reason>``); the CLI exits 125 on it.
"""
from __future__ import annotations

import click


class FlagError(click.BadParameter):
    """A flag value docker would refuse: docker's message, exit 125."""

    def __init__(self, docker_message):
        super().__init__(docker_message)
        self.docker_message = docker_message


def flag_error(value, flag_name, reason):
    from swarmctl.golang.strconv import quote

    return FlagError(f'invalid argument {quote(value)} for "{flag_name}" flag: {reason}')


class DockerValue(click.ParamType):
    """A click type parsing with one of swarmctl.service.values' docker parsers."""

    def __init__(self, name, parse):
        self.name = name
        self.parse = parse

    def flag_name(self, param):
        return ", ".join(param.opts) if param is not None else self.name

    def convert(self, value, param, ctx):
        if not isinstance(value, str):
            return value
        from swarmctl.service.values import FlagValueError

        try:
            return self.parse(value)
        except FlagValueError as error:
            raise flag_error(value, self.flag_name(param), error) from None


def go_duration():
    """A Go duration (``30s``, ``1m30s``), in nanoseconds."""
    from swarmctl.service import values

    return DockerValue("duration", values.parse_go_duration)


def go_uint():
    """An unsigned integer with strconv's base prefixes, as pflag's uint flags."""
    from swarmctl.service import values

    return DockerValue("uint", lambda v: values.parse_go_int(v, 64, signed=False, base=0))
