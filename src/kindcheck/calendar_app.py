"""The app's side of the leader's calendar (issue #13): read back on start and at each poll,
say what the calendar changed, bring back a follow-up the calendar cancelled, and plan
follow-ups for an initiative from anywhere (the palette on the dashboard).

Mixed into KindcheckApp (app.py has no room); the work is in kindcheck.vdir.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kindcheck.store.errors import StoreError
from kindcheck.vdir.watch import CalendarWatch

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel
    from textual.screen import Screen

    from kindcheck.domain.clock import Clock
    from kindcheck.settings import Settings
    from kindcheck.store.store import Store
    from kindcheck.widgets.today import TodayPane

CALENDAR_TITLE = "Calendar"


class CalendarAppMixin:
    """Read-back and restore for the App."""

    if TYPE_CHECKING:
        store: Store
        clock: Clock
        settings: Settings

        def notify(self, message: str, *, title: str = "", severity: SeverityLevel = ...,
                   timeout: float | None = None, markup: bool = True) -> None: ...

        def reload_screens(self, person_id: str | None = None) -> None: ...

        @property
        def screen(self) -> Screen[object]: ...

        async def push_screen(self, screen: Screen[object]) -> object: ...

    calendar: CalendarWatch

    def _calendar_init(self) -> None:
        self.calendar = CalendarWatch(self.store, self.clock, self.settings.calendar,
                                      self._calendar_warn)

    def _calendar_warn(self, line: str) -> None:
        self.notify(line, title=CALENDAR_TITLE, severity="warning", timeout=15)

    def check_calendar(self) -> bool:
        """Read the vdir back if it changed; True when the store changed because of it."""
        try:
            report = self.calendar.check()
        except (OSError, StoreError) as error:
            self._calendar_warn(f"The calendar could not be read back ({error}).")
            return False
        if report is None:
            return False
        for line in report.said:
            self.notify(line, title=CALENDAR_TITLE, timeout=20)
        for name, reason in report.unreadable:
            self._calendar_warn(f"Could not read {name} in your calendar: {reason}")
        if report.said:
            self.reload_screens()
        return bool(report.said)

    def on_today_pane_restore_follow_up(self, event: TodayPane.RestoreFollowUp) -> None:
        """`r` on a follow-up the calendar cancelled: plan it again, event and all."""
        try:
            restored = self.calendar.restore(event.person_id, event.followup_id)
        except (OSError, StoreError) as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        if restored:
            self.notify("Brought back, and back in your calendar.", title=CALENDAR_TITLE)
            self.reload_screens(event.person_id)

    async def action_plan_initiative(self) -> None:
        """Plan follow-ups for an initiative from any screen: the calendar opens in the month
        (where initiatives and their targets show) and proposes times for the people of the
        initiative it would choose there (the soonest still uncovered)."""
        from kindcheck.screens.calendar import CalendarScreen

        calendar = self.screen
        if not isinstance(calendar, CalendarScreen):
            calendar = CalendarScreen(self.store, self.clock, self.settings)
            calendar.view = "month"
            await self.push_screen(calendar)
        elif calendar.view != "month":
            calendar.action_toggle_view()
        calendar.reload()  # the initiatives as the store has them now
        calendar.action_plan_initiative()
