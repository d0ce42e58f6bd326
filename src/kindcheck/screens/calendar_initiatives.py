"""The calendar's initiatives: where each stands, and planning follow-ups for the people in one.

Mixed into CalendarScreen (which had no room left). Coverage is read with the rest of the
calendar on each rebuild; planning proposes a free time for each uncovered person, then
plans them all at once or one by one through the planner (escape skips one, ctrl+g stops).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from pendulum import Date
from textual.screen import Screen

from kindcheck.dialogs.plan_initiative import Answer, PlanInitiativeDialog
from kindcheck.dialogs.plan_initiative_step import PlanInitiativeStep
from kindcheck.domain.clock import Clock
from kindcheck.domain.free_time import Busy
from kindcheck.domain.initiative_plan import HORIZON_DAYS, Proposal, propose
from kindcheck.domain.initiatives import Coverage, coverages
from kindcheck.domain.model import FollowUp, ValidationError
from kindcheck.messages import StoreChanged
from kindcheck.store.errors import StoreError
from kindcheck.vdir.busy import meetings_until
from kindcheck.widgets.privacy import is_masked, veil

if TYPE_CHECKING:
    from textual.app import App

    from kindcheck.settings import Settings
    from kindcheck.store.store import Store

NEAR_DAYS = 7  # `f` in the month plans for an initiative due within a week of the day


class PlansForInitiatives(Screen[None]):
    """What the calendar screen adds for initiatives; it provides store, clock and settings."""

    store: Store
    clock: Clock
    settings: Settings
    selected: Date
    _coverages: Sequence[Coverage] = ()
    _reading_meetings = False  # the meetings up to an initiative's target are read now

    if TYPE_CHECKING:

        def _rebuild(self) -> None: ...

    def _read_initiatives(self) -> None:
        """Coverage of every open initiative, from the store as it is now."""
        try:
            initiatives = self.store.initiatives.all(include_done=False)
            self._coverages = coverages(
                initiatives, self.store.people(), self.store.summaries(), self.clock()
            )
        except StoreError as error:
            self._coverages = ()
            self.notify(str(error), severity="error")

    def initiative_to_plan(self, near: Date | None = None) -> Coverage | None:
        """An initiative with people to plan for: due on or soon after `near` if given,
        otherwise the soonest from the selected day on (or any, failing that)."""
        today = self.clock().date()
        waiting = [c for c in self._coverages if c.uncovered and not c.target_passed(today)]
        if near is not None:
            close = [c for c in waiting if c.initiative.target is not None
                     and 0 <= (c.initiative.target - near).days <= NEAR_DAYS]
            return min(close, key=lambda c: c.initiative.target or near, default=None)
        ahead = [c for c in waiting
                 if c.initiative.target is None or c.initiative.target >= self.selected]
        choice = ahead or waiting
        return choice[0] if choice else None

    def plan_hint(self, day: Date) -> str:
        """What `f` does on `day` in the month: "f plans for Q1 launch", or a plain follow-up."""
        coverage = self.initiative_to_plan(near=day)
        if coverage is None:
            return "f plans a follow-up"
        return f"f plans for {veil(coverage.initiative.name, is_masked(self))}"

    def action_plan_initiative(self) -> None:
        """Propose follow-ups for the people of an initiative who have none before it."""
        coverage = self.initiative_to_plan()
        if coverage is None:
            self.notify("Every open initiative has its people's follow-ups planned.")
            return
        self.plan_for(coverage)

    def plan_for(self, coverage: Coverage, meetings: Sequence[Busy] | None = None) -> None:
        """Propose a time for each uncovered person, and plan as the leader chooses.

        The leader's meetings up to the target (#13) come from the shared reader's cache;
        when they are not known yet they are read in a thread and the proposals open once
        they are: the event loop never waits on calendars."""
        initiative = coverage.initiative
        last = initiative.target or self.clock().date().add(days=HORIZON_DAYS)
        if meetings is None:
            meetings = meetings_until(self.settings.calendar.read, self.clock(), last,
                                      wait=False)
        if meetings is None:
            self._read_meetings_then_plan(coverage, last)
            return
        busy = [f.at for s in self.store.summaries().values() for f in s.planned_followups]
        proposals, left = propose(coverage.uncovered, busy, self.clock(), initiative.target,
                                  self.settings.working_hours, meetings)
        if not proposals:
            # A plain str: notify shows it literally.
            name = veil(initiative.name, is_masked(self))
            self.notify(f"No free time in your working hours before {name}.",
                        severity="warning")
            return

        def answered(answer: Answer | None) -> None:
            if answer == "all":
                self._plan_all(initiative.name, proposals)
            elif answer == "one":
                self._plan_one_by_one(initiative.name, list(proposals), 0)

        dialog = PlanInitiativeDialog(initiative.name, proposals, left, masked=is_masked(self))
        self.app.push_screen(dialog, answered)

    def _read_meetings_then_plan(self, coverage: Coverage, last: Date) -> None:
        if not self._reading_meetings:  # a second `f` meanwhile waits for the same read
            self._reading_meetings = True
            # The app is taken here: a screen left meanwhile has none to answer through.
            self.run_worker(partial(self._read_meetings, self.app, coverage, last),
                            thread=True, group="initiative-busy", exit_on_error=False)
        self.notify("Looking at your calendar…", timeout=3)

    def _read_meetings(self, app: App[object], coverage: Coverage, last: Date) -> None:
        try:
            found: Sequence[Busy] = meetings_until(self.settings.calendar.read, self.clock(),
                                                   last) or []
        except OSError:  # a calendar folder unreadable right now: propose as if free
            found = []
        app.call_from_thread(self._meetings_read, coverage, found)

    def _meetings_read(self, coverage: Coverage, found: Sequence[Busy]) -> None:
        self._reading_meetings = False
        if not self.is_attached or self.app.screen is not self:
            return  # the leader went elsewhere while the calendars were read
        same = [c for c in self._coverages if c.initiative.id == coverage.initiative.id]
        self.plan_for(same[0] if same else coverage, found)

    def _plan_all(self, topic: str, proposals: Sequence[Proposal]) -> None:
        planned = 0
        for proposal in proposals:
            try:
                self.store.add_followup(FollowUp(proposal.person.id, proposal.at, topic))
            except (StoreError, ValidationError) as error:
                self.notify(str(error), severity="error")
                break
            planned += 1
        self._planned(topic, planned)

    def _plan_one_by_one(
        self, topic: str, proposals: list[Proposal], planned: int, steps: int = 0
    ) -> None:
        if not proposals:
            self._planned(topic, planned)
            return
        proposal, rest = proposals[0], proposals[1:]

        def done(followup: FollowUp | None) -> None:
            # Escape skips this person and goes on with the next; "Stop here" ends the run.
            count = planned + (followup is not None)
            if dialog.stopped:
                self._planned(topic, count)
            else:
                self._plan_one_by_one(topic, rest, count, steps)

        steps = steps or len(proposals)
        dialog = PlanInitiativeStep(
            self.store, self.clock, proposal.at.date(), proposal.person,
            self.settings.working_hours, topic=topic, at=proposal.at,
            step=steps - len(rest), steps=steps,
        )
        self.app.push_screen(dialog, done)

    def _planned(self, topic: str, count: int) -> None:
        if count:
            self.post_message(StoreChanged())
            chats = "a follow-up" if count == 1 else f"{count} follow-ups"
            self.notify(f"Planned {chats} for {veil(topic, is_masked(self))}.")
        self._rebuild()

