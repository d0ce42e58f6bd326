"""The open app's eye on the vdir: read back on start and whenever the folder changes.

One stat of the folder per poll (the same timer that notices other processes writing the
store); only when it changed are the event files read. Nothing here knows Textual: the app
shows what `check` returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kindcheck.store.errors import StoreError
from kindcheck.vdir.link import link_for

if TYPE_CHECKING:
    from kindcheck.calendar_settings import CalendarSettings
    from kindcheck.domain.clock import Clock
    from kindcheck.domain.model import FollowUp, Person
    from kindcheck.store.store import Store
    from kindcheck.vdir.link import Warn
    from kindcheck.vdir.mirror import CalendarMirror, SyncReport


@dataclass(frozen=True, slots=True)
class CancelledInCalendar:
    """A follow-up cancelled because its event was deleted in the calendar."""

    person: Person
    followup: FollowUp


class CalendarWatch:
    """Read-back for the app; inert when the calendar is off."""

    def __init__(self, store: Store, clock: Clock, settings: CalendarSettings,
                 warn: Warn) -> None:
        self.store = store
        self._link = link_for(store, clock, warn)
        self._link.settings = settings
        self._stamp: int | str | None = "never read"
        self._said_unreadable: set[tuple[str, str]] = set()
        self._said_problem: str | None = None  # the vdir's own problem, said once

    @property
    def mirror(self) -> CalendarMirror | None:
        return self._link.mirror

    def check(self) -> SyncReport | None:
        """Sync when the vdir changed since the last look (always the first time).

        Returns what to tell the leader, or None when nothing was read. Unreadable files
        are reported once each, not at every poll; so is a vdir that cannot be used (a
        file, not writable): raised as `UnusableVdir` the first time, quiet after.
        """
        mirror = self.mirror
        if mirror is None:
            return None
        problem = mirror.vdir.unusable()
        if problem is not None:  # said once (raised), not at every poll while it lasts
            if str(problem) == self._said_problem:
                return None
            self._said_problem = str(problem)
            raise problem
        if self._said_problem is not None:  # mended: read it all again
            self._said_problem, self._stamp = None, "never read"
        stamp = mirror.vdir.stamp()
        if stamp == self._stamp:
            return None
        report = mirror.sync()
        self._stamp = mirror.vdir.stamp()  # our own writes are not news
        fresh = [u for u in report.unreadable if u not in self._said_unreadable]
        self._said_unreadable.update(fresh)
        report.unreadable = fresh
        return report

    def cancelled(self) -> list[CancelledInCalendar]:
        """Follow-ups the calendar cancelled that are still cancelled, soonest first."""
        mirror = self.mirror
        if mirror is None:
            return []
        found: list[CancelledInCalendar] = []
        for followup_id, person_id in mirror.cancelled_in_calendar().items():
            try:
                person = self.store.person(person_id)
                history = self.store.history(person_id)
            except StoreError:
                continue
            for followup in history.followups:
                if followup.id == followup_id and not followup.is_planned:
                    found.append(CancelledInCalendar(person, followup))
        return sorted(found, key=lambda item: item.followup.at)

    def restore(self, person_id: str, followup_id: str) -> bool:
        """Plan the follow-up again and write its event; False when the calendar is off."""
        mirror = self.mirror
        if mirror is None:
            return False
        mirror.restore(person_id, followup_id)
        return True
