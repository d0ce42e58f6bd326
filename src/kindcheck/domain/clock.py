"""Where "now" comes from. Everything that needs the time takes a Clock, so tests can fix it."""

from __future__ import annotations

from collections.abc import Callable

import pendulum
from pendulum import DateTime, FixedTimezone, Timezone
from pendulum.tz import local_timezone

Clock = Callable[[], DateTime]


def system_clock() -> DateTime:
    """The wall clock in the leader's local timezone."""
    return pendulum.now("local")


def zone_of(moment: DateTime) -> Timezone | FixedTimezone:
    """The zone `moment` is in. Pendulum types it as optional; a moment made with a plain
    tzinfo reads as the local zone, as `in_timezone(None)` would."""
    return moment.timezone or local_timezone()


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
