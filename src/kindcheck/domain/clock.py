"""Where "now" comes from. Everything that needs the time takes a Clock, so tests can fix it."""

from __future__ import annotations

from collections.abc import Callable

import pendulum
from pendulum import DateTime

Clock = Callable[[], DateTime]


def system_clock() -> DateTime:
    """The wall clock in the leader's local timezone."""
    return pendulum.now(pendulum.local_timezone())


def fixed_clock(moment: DateTime) -> Clock:
    """A clock that always answers `moment` (for tests and screenshots)."""
    return lambda: moment


class ManualClock:
    """A clock a test can move forward, e.g. to fire a reminder."""

    def __init__(self, moment: DateTime) -> None:
        self.moment = moment

    def __call__(self) -> DateTime:
        return self.moment

    def advance(self, **delta: int) -> None:
        self.moment = self.moment.add(**delta)
