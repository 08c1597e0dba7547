"""``Healthcheck``: the container health test of a service (``ContainerSpec.Healthcheck``)."""
from __future__ import annotations

from swarmctl.types.base import DictType


def _shell_test(test):
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

    def __init__(self, **kwargs):
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
    def test(self):
        return self["Test"]

    @test.setter
    def test(self, value):
        self["Test"] = _shell_test(value)

    @property
    def interval(self):
        return self["Interval"]

    @interval.setter
    def interval(self, value):
        self["Interval"] = value

    @property
    def timeout(self):
        return self["Timeout"]

    @timeout.setter
    def timeout(self, value):
        self["Timeout"] = value

    @property
    def retries(self):
        return self["Retries"]

    @retries.setter
    def retries(self, value):
        self["Retries"] = value

    @property
    def start_period(self):
        return self["StartPeriod"]

    @start_period.setter
    def start_period(self, value):
        self["StartPeriod"] = value

    @property
    def start_interval(self):
        """swarmctl extension: ``StartInterval``, or None when unset."""
        return self.get("StartInterval")

    @start_interval.setter
    def start_interval(self, value):
        # None removes the key, keeping the "absent unless given" rule.
        if value is None:
            self.pop("StartInterval", None)
        else:
            self["StartInterval"] = value
