"""``Healthcheck``: the container health test of a service (``ContainerSpec.Healthcheck``)."""
from __future__ import annotations

from swarmctl.types.base import DictType

# Names for type checkers only: typing itself stays out of start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _shell_test(test: str | list[str] | None) -> list[str] | None:
    # A plain string is a shell command line, which the engine wants tagged CMD-SHELL.
    if isinstance(test, str):
        return ["CMD-SHELL", test]
    return test


class Healthcheck(DictType):
    """How the engine checks that a task's container is healthy.

    Every argument may be given in snake case or in the API's spelling (``start_period`` or
    ``StartPeriod``), which lets an inspected Healthcheck be fed back in.

    Args:
        test (str or list): ``['NONE']`` disables the image's check; ``['CMD', ...]`` runs
            a command directly; ``['CMD-SHELL', cmd]`` or a plain string runs it through the
            shell.
        interval (int): Nanoseconds between checks.
        timeout (int): Nanoseconds before one check counts as failed.
        retries (int): Consecutive failures before the container is unhealthy.
        start_period (int): Nanoseconds of start-up during which failures do not count.
        start_interval (int): swarmctl extension. Nanoseconds between checks during the
            start period (engine API 1.44). The ``StartInterval`` key is present only when
            this is given, so docker-py-style calls give docker-py's five keys.
    """

    def __init__(self, **kwargs: Any) -> None:
        fields = {
            "Test": _shell_test(kwargs.get("test", kwargs.get("Test"))),
            "Interval": kwargs.get("interval", kwargs.get("Interval")),
            "Timeout": kwargs.get("timeout", kwargs.get("Timeout")),
            "Retries": kwargs.get("retries", kwargs.get("Retries")),
            "StartPeriod": kwargs.get("start_period", kwargs.get("StartPeriod")),
        }
        start_interval = kwargs.get("start_interval", kwargs.get("StartInterval"))
        if start_interval is not None:
            fields["StartInterval"] = start_interval
        super().__init__(fields)

    @property
    def test(self) -> str | list[str] | None:
        """The test command (``Test``); setting a plain string makes it ``CMD-SHELL``."""
        return self["Test"]

    @test.setter
    def test(self, value: str | list[str] | None) -> None:
        self["Test"] = _shell_test(value)

    @property
    def interval(self) -> int | None:
        """Nanoseconds between checks (``Interval``)."""
        return self["Interval"]

    @interval.setter
    def interval(self, value: int | None) -> None:
        self["Interval"] = value

    @property
    def timeout(self) -> int | None:
        """Nanoseconds before one check counts as failed (``Timeout``)."""
        return self["Timeout"]

    @timeout.setter
    def timeout(self, value: int | None) -> None:
        self["Timeout"] = value

    @property
    def retries(self) -> int | None:
        """Consecutive failures before unhealthy (``Retries``)."""
        return self["Retries"]

    @retries.setter
    def retries(self, value: int | None) -> None:
        self["Retries"] = value

    @property
    def start_period(self) -> int | None:
        """Nanoseconds of start-up grace (``StartPeriod``)."""
        return self["StartPeriod"]

    @start_period.setter
    def start_period(self, value: int | None) -> None:
        self["StartPeriod"] = value

    @property
    def start_interval(self) -> int | None:
        """swarmctl extension: ``StartInterval``, or None when unset."""
        return self.get("StartInterval")

    @start_interval.setter
    def start_interval(self, value: int | None) -> None:
        # None removes the key, keeping the "absent unless given" rule.
        if value is None:
            self.pop("StartInterval", None)
        else:
            self["StartInterval"] = value
