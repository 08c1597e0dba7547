"""The property every fuzz test checks: a value, or the module's own error, never another
exception (which the CLI would print as an internal error)."""
from __future__ import annotations

from swarmctl.service.errors import ServiceRuleError


def value_or(errors, parse, *args, **kwargs):
    """``parse(*args, **kwargs)``, or the exception when it is one of ``errors``.

    Any other exception propagates and fails the test. An accepted error must say
    something, and on one line unless an argument had a line break of its own (docker
    quotes some inputs into its messages as they are).
    """
    try:
        return parse(*args, **kwargs)
    except errors as error:
        message = str(error)
        assert message.strip(), f"{type(error).__name__} without a message"
        if not any(_has_line_break(arg) for arg in (*args, *kwargs.values())):
            assert "\n" not in message.rstrip("\n"), message
        return error


def rule_value(parse, *args, **kwargs):
    """:func:`value_or` with docker's service rule errors (FlagValueError, SpecError,
    GoPanic...)."""
    return value_or(ServiceRuleError, parse, *args, **kwargs)


def _has_line_break(arg):
    if isinstance(arg, (bytes, str)):
        return any(c in arg for c in ("\n", "\r", b"\n", b"\r") if type(c) is type(arg))
    if isinstance(arg, (list, tuple)):
        return any(_has_line_break(a) for a in arg)
    if isinstance(arg, dict):
        return any(_has_line_break(a) for item in arg.items() for a in item)
    return False
