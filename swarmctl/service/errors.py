"""The errors of docker's service rules: one base class, one subclass per way docker fails.

* :class:`FlagValueError` -- docker refuses a flag value while parsing flags (exit 125).
  ``str(err)`` is the message docker prints *after* its
  ``invalid argument "X" for "--flag" flag: `` prefix (pflag adds that prefix, with ``X``
  quoted by :func:`swarmctl.golang.strconv.quote`).
* :class:`GoNumError` -- a :class:`FlagValueError` raised by the ``strconv`` look-alikes; it
  also carries Go's ``NumError`` fields (``func``, ``num``, ``err``), because some docker
  messages embed only ``err``.
* :class:`SpecError` -- docker refuses the service after flag parsing, without any prefix
  (exit 1): a validation error, a flag the engine's API is too old for, a reference the
  engine does not know.
* :class:`GoPanic` -- docker itself panics (exit 2).

Exit codes are the CLI's business (``swarmctl.cli``); the classes only say which failure it
was. Each keeps the builtin base existing callers catch (``ValueError`` or ``RuntimeError``).
"""
from __future__ import annotations

from swarmctl.golang.strconv import NumError

__all__ = ["ServiceRuleError", "FlagValueError", "GoNumError", "SpecError", "GoPanic"]


class ServiceRuleError(Exception):
    """Docker's service rules refuse the input; ``str()`` is docker's message."""


class FlagValueError(ServiceRuleError, ValueError):
    """A flag value refused by docker while parsing flags (exit status 125).

    ``str()`` is docker's message without the
    ``invalid argument "X" for "--flag" flag: `` prefix.
    """


class GoNumError(FlagValueError, NumError):
    """Go's ``*strconv.NumError`` as a flag value error:
    ``strconv.<func>: parsing "<num>": <err>``.

    ``err`` is ``"invalid syntax"`` or ``"value out of range"`` (what
    ``errors.As(err, &numErr); numErr.Err`` yields in docker's code).
    """

    @classmethod
    def from_num_error(cls, error: NumError) -> "GoNumError":
        return cls(error.func, error.num, error.err)


class SpecError(ServiceRuleError, ValueError):
    """Docker refuses the service after flag parsing (exit status 1).

    ``str()`` is the complete message docker prints (no prefix is added).
    """


class GoPanic(ServiceRuleError, RuntimeError):
    """The Docker CLI panics on this input (exit status 2).

    ``str()`` is the panic value as Go prints it after ``panic: ``, e.g.
    ``runtime error: slice bounds out of range [2:1]``; :attr:`stderr_line`
    is the first line docker writes to stderr.
    """

    @property
    def stderr_line(self) -> str:
        return "panic: " + str(self)
