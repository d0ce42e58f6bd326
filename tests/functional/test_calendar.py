"""Pilot tests for the calendar screen: moving around, planning, rescheduling, cancelling."""

from __future__ import annotations

import pendulum
import pytest
from pendulum import DateTime
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, Static

from kindcheck.dialogs.confirm import ConfirmDialog
from kindcheck.dialogs.plan_followup import PlanFollowUpDialog
from kindcheck.dialogs.reschedule import RescheduleDialog
from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import CheckIn, FollowUp, FollowUpStatus, Person
from kindcheck.screens.calendar import CalendarScreen
from kindcheck.screens.dashboard import DashboardScreen
from kindcheck.settings import Settings
from kindcheck.store.errors import StoreWriteFailed
from kindcheck.store.store import Store
from kindcheck.widgets.month_view import MonthCell, MonthView
from kindcheck.widgets.week_view import DayColumn, ItemCard, WeekView
from tests.functional.harness import OpenedOnto

SIZE = (120, 34)


class CalendarHost(OpenedOnto):
    """The real App, opened onto the calendar (as `w` on the dashboard does)."""

    def __init__(self, store: Store, clock: ManualClock, settings: Settings | None = None):
        super().__init__(
            store, clock, lambda app: CalendarScreen(store, clock, app.settings), settings
        )


async def settle(pilot: Pilot) -> None:
    """Let the histories worker finish and its news arrive."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def calendar(app: App) -> CalendarScreen:
    screen = app.screen
    assert isinstance(screen, CalendarScreen)
    return screen


def text_of(app: App, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def cards_by_day(app: App) -> dict[int, list[str]]:
    """Day of the month -> the people on that day's cards, as the week view shows them."""
    return {
        column.plan.day.day: [card.item.person.name for card in column.query(ItemCard)]
        for column in app.screen.query(DayColumn)
    }


def selected_card(app: App) -> ItemCard:
    [card] = app.screen.query("DayColumn.-selected ItemCard.-selected").results(ItemCard)
    return card


@pytest.fixture
def host(store: Store, team: dict[str, Person], clock: ManualClock) -> CalendarHost:
    return CalendarHost(store, clock)


async def test_the_week_shows_the_teams_follow_ups_on_their_days(host: CalendarHost) -> None:
    async with host.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.pause()
        assert text_of(host, "#calendar-title") == "Week 48 · 23 – 29 Nov 2026 · this week"
        days = cards_by_day(host)
        assert list(days) == [23, 24, 25, 26, 27, 28, 29]
        assert days[23] == ["Ada Lovelace"]
        assert days[27] == ["Mika Tanaka"]
        assert days[24] == days[25] == days[26] == days[28] == days[29] == []
        friday_card = host.screen.query("DayColumn ItemCard")[1]
        assert "18:00 for Mika" in str(friday_card.render())
        today = host.screen.query_one("DayColumn.-today", DayColumn)
        assert today.plan.day.day == 23 and today.has_class("-selected")
        assert selected_card(host).item.person.name == "Ada Lovelace"
        assert text_of(host, "#calendar-plan") == "Plan: Sam (no check-in yet)"
        assert text_of(host, "#calendar-detail").startswith(
            "14:00 follow-up with Ada Lovelace: Staging access"
        )


async def test_brackets_move_by_week_and_t_comes_back_to_today(host: CalendarHost) -> None:
    async with host.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket")
        assert text_of(host, "#calendar-title") == "Week 49 · 30 Nov – 6 Dec 2026"
        assert calendar(host).selected == pendulum.date(2026, 11, 30)
        await pilot.press("left_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert text_of(host, "#calendar-title") == "Week 47 · 16 – 22 Nov 2026"
        await settle(pilot)
        await pilot.pause()
        # Last week: Mika's check-in on Friday and Ada's commitment due on Sunday.
        days = cards_by_day(host)
        assert days[20] == ["Mika Tanaka"] and days[22] == ["Ada Lovelace"]
        assert text_of(host, "#calendar-plan") == ""
        await pilot.press("t")
        await pilot.pause()
        assert text_of(host, "#calendar-title").endswith("· this week")
        assert calendar(host).selected == pendulum.date(2026, 11, 23)


async def test_arrows_move_between_days_and_items(
    store: Store, team: dict[str, Person], clock: ManualClock
) -> None:
    store.add_followup(
        FollowUp(team["sam"].id, pendulum.datetime(2026, 11, 23, 16, tz="Europe/Berlin"))
    )
    host = CalendarHost(store, clock)
    async with host.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.pause()
        assert selected_card(host).item.person.name == "Ada Lovelace"
        await pilot.press("down")
        assert selected_card(host).item.person.name == "Sam Okafor"
        await pilot.press("down")  # stays on the last item
        assert selected_card(host).item.person.name == "Sam Okafor"
        await pilot.press("k")
        assert selected_card(host).item.person.name == "Ada Lovelace"
        await pilot.press("right", "right", "right", "right")
        assert calendar(host).selected == pendulum.date(2026, 11, 27)
        assert selected_card(host).item.person.name == "Mika Tanaka"
        await pilot.press("right", "right", "right")  # past Sunday into next week
        await pilot.pause()
        assert calendar(host).selected == pendulum.date(2026, 11, 30)
        assert text_of(host, "#calendar-title").startswith("Week 49")


async def test_month_view_and_enter_opens_the_days_week(host: CalendarHost) -> None:
    async with host.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await pilot.pause()
        assert host.screen.query_one(MonthView).display
        assert not host.screen.query_one(WeekView).display
        assert text_of(host, "#calendar-title") == "November 2026 · this month"
        cells = {cell.plan.day: cell for cell in host.screen.query(MonthCell)}
        assert len(cells) == 42
        today = cells[pendulum.date(2026, 11, 23)]
        assert today.has_class("-selected") and today.has_class("-today")
        assert "14:00 Ada" in str(today.render())
        assert "10:00 Mika" in str(cells[pendulum.date(2026, 11, 27)].render())
        await pilot.press("down")  # a week later
        await pilot.pause()
        assert cells[pendulum.date(2026, 11, 30)].has_class("-selected")
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert text_of(host, "#calendar-title") == "December 2026"
        await pilot.press("left_square_bracket", "enter")
        await pilot.pause()
        assert host.screen.query_one(WeekView).display
        assert text_of(host, "#calendar-title") == "Week 49 · 30 Nov – 6 Dec 2026"


async def test_planning_a_follow_up_on_the_selected_day(
    host: CalendarHost, store: Store, team: dict[str, Person]
) -> None:
    async with host.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("right", "f")
        await pilot.pause()
        dialog = host.screen
        assert isinstance(dialog, PlanFollowUpDialog)
        # Sam still needs a plan this week, so he is suggested.
        assert dialog.query_one("#plan-person", Input).value == "Sam Okafor"
        assert dialog.query_one("#plan-when", Input).value == "2026-11-24 10:00"
        assert text_of(host, "#plan-when-hint") == "Tue 24 Nov 10:00, tomorrow"
        await pilot.press("tab", *"Support rota", "tab", "enter")
        await pilot.pause()
        assert isinstance(host.screen, CalendarScreen)
        [planned] = store.summary(team["sam"].id).planned_followups
        assert planned.topic == "Support rota"
        assert planned.at == pendulum.datetime(2026, 11, 24, 10, tz="Europe/Berlin")
        assert cards_by_day(host)[24] == ["Sam Okafor"]
        assert selected_card(host).item.followup == planned
        assert text_of(host, "#calendar-plan") == "Everyone due this week has a follow-up planned."


async def test_planning_says_what_it_cannot_read_and_keeps_the_text(
    host: CalendarHost, store: Store, team: dict[str, Person]
) -> None:
    async with host.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await pilot.pause()
        await pilot.press(*"Zed", "tab", "tab", *"someday", "enter")
        await pilot.pause()
        dialog = host.screen
        assert isinstance(dialog, PlanFollowUpDialog)
        assert text_of(host, "#plan-person-hint").startswith("Nobody called 'Zed'.")
        assert dialog.query_one("#plan-when", Input).value == "someday"
        dialog.query_one("#plan-person", Input).value = "mi"
        await pilot.pause()
        assert text_of(host, "#plan-person-hint") == "Mika Tanaka, Designer"
        dialog.query_one("#plan-when", Input).value = "wed 9:00"
        await pilot.pause()
        assert text_of(host, "#plan-when-hint") == (
            "Wed 25 Nov 09:00, in 2 days · 17:00 for Mika, outside their working hours"
        )
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(host.screen, CalendarScreen)
        assert len(store.summary(team["mika"].id).planned_followups) == 1


async def test_planning_late_in_the_day_offers_the_last_half_hour_that_fits(
    host: CalendarHost, clock: ManualClock
) -> None:
    # Issue #13: the time offered lies inside working hours, end and all (it was 17:00).
    clock.advance(hours=6, minutes=50)  # 16:20
    async with host.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await pilot.pause()
        assert host.screen.query_one("#plan-when", Input).value == "2026-11-23 16:30"
        assert text_of(host, "#plan-when-hint") == "Mon 23 Nov 16:30, today"


async def test_a_failed_save_keeps_the_dialog_and_what_was_typed(
    host: CalendarHost, store: Store, team: dict[str, Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(followup: FollowUp) -> FollowUp:
        raise StoreWriteFailed(store.path, OSError(28, "No space left on device"))

    monkeypatch.setattr(store, "add_followup", refuse)
    async with host.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("f", "tab", *"Rota", "ctrl+s")
        await pilot.pause()
        dialog = host.screen
        assert isinstance(dialog, PlanFollowUpDialog)
        assert dialog.query_one("#plan-topic", Input).value == "Rota"
        assert any("No space left" in text for text in host.notice_texts())


async def test_rescheduling_to_friday_keeps_the_hour(
    host: CalendarHost, store: Store, team: dict[str, Person]
) -> None:
    async with host.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(host.screen, RescheduleDialog)
        await pilot.press(*"fri")
        await pilot.pause()
        assert text_of(host, "#reschedule-hint") == "Fri 27 Nov 14:00, in 4 days"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(host.screen, CalendarScreen)
        [moved] = store.summary(team["ada"].id).planned_followups
        assert moved.at == pendulum.datetime(2026, 11, 27, 14, tz="Europe/Berlin")
        assert store.history(team["ada"].id).planned_followups[0].at == moved.at
        days = cards_by_day(host)
        assert days[23] == [] and days[27] == ["Mika Tanaka", "Ada Lovelace"]
        assert calendar(host).selected == pendulum.date(2026, 11, 27)
        assert selected_card(host).item.person.name == "Ada Lovelace"


async def test_cancelling_asks_first_then_cancels(
    host: CalendarHost, store: Store, team: dict[str, Person]
) -> None:
    ada = team["ada"]
    async with host.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(host.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert len(store.summary(ada.id).planned_followups) == 1
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(host.screen, CalendarScreen)
        assert store.summary(ada.id).planned_followups == []
        [followup] = store.history(ada.id).followups
        assert followup.status is FollowUpStatus.CANCELLED
        assert cards_by_day(host)[23] == []
        # Now Ada is overdue with nothing planned: the week says so.
        assert text_of(host, "#calendar-plan") == (
            "Plan: Ada (overdue 3 days) · Sam (no check-in yet)"
        )


async def test_follow_up_keys_do_nothing_on_an_empty_day(
    host: CalendarHost, store: Store, team: dict[str, Person]
) -> None:
    async with host.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("right", "r", "x", "enter")
        await pilot.pause()
        assert isinstance(host.screen, CalendarScreen)
        assert text_of(host, "#calendar-detail") == "Tue 24: nothing here yet. f plans a follow-up."
        assert len(store.summary(team["ada"].id).planned_followups) == 1


async def test_w_opens_the_calendar_and_enter_starts_the_check_in(
    store: Store, team: dict[str, Person], clock: ManualClock
) -> None:
    from kindcheck.app import KindcheckApp
    from kindcheck.screens.checkin import CheckInScreen

    app = KindcheckApp(store, clock, poll_seconds=0, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, CalendarScreen)
        assert selected_card(app).item.person.name == "Ada Lovelace"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)


async def test_the_privacy_mask_veils_topics_but_keeps_names_and_times(
    store: Store, team: dict[str, Person], clock: ManualClock
) -> None:
    from kindcheck.app import KindcheckApp
    from kindcheck.widgets.privacy import MASK

    app = KindcheckApp(store, clock, poll_seconds=0, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await settle(pilot)
        card = selected_card(app)
        assert "Staging access" in str(card.render())
        await pilot.press("p")
        await pilot.pause()
        shown = str(selected_card(app).render())
        assert "Staging access" not in shown and MASK in shown and "14:00 Ada" in shown
        detail = text_of(app, "#calendar-detail")
        assert "Staging access" not in detail and "Ada Lovelace" in detail
        await pilot.press("p")
        await pilot.pause()
        assert "Staging access" in str(selected_card(app).render())


async def test_escape_goes_back(host: CalendarHost) -> None:
    async with host.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(host.screen, CalendarScreen)
        assert isinstance(host.screen, DashboardScreen)


async def test_old_check_ins_fill_in_once_histories_load(
    store: Store, team: dict[str, Person], clock: ManualClock, now: DateTime
) -> None:
    ada = team["ada"]
    for weeks in range(3, 30):
        store.save_checkin(CheckIn(ada.id, now.subtract(weeks=weeks), no_follow_up=True))
    host = CalendarHost(store, clock)
    async with host.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.pause()
        assert "reading earlier" not in text_of(host, "#calendar-title")
        for _ in range(29):
            await pilot.press("left_square_bracket")
        await pilot.pause()
        assert text_of(host, "#calendar-title").startswith("Week 19")
        assert cards_by_day(host)[4] == ["Ada Lovelace"]  # Mon 4 May 2026, from her file


async def test_reload_shows_what_another_process_wrote(
    host: CalendarHost, store: Store, team: dict[str, Person], clock: ManualClock
) -> None:
    async with host.run_test(size=SIZE) as pilot:
        await settle(pilot)
        other = Store.open(store.path, clock=clock)
        other.add_followup(
            FollowUp(team["sam"].id, pendulum.datetime(2026, 11, 26, 11, tz="Europe/Berlin"))
        )
        assert store.refresh()
        calendar(host).reload()
        await settle(pilot)
        await pilot.pause()
        assert cards_by_day(host)[26] == ["Sam Okafor"]


async def test_a_sunday_week_start_from_settings(
    store: Store, team: dict[str, Person], clock: ManualClock
) -> None:
    from pendulum import WeekDay

    host = CalendarHost(store, clock, Settings(week_start=WeekDay.SUNDAY))
    async with host.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.pause()
        assert list(cards_by_day(host)) == [22, 23, 24, 25, 26, 27, 28]
        assert text_of(host, "#calendar-title") == "Week of 22 – 28 Nov 2026 · this week"


@pytest.mark.parametrize("size", [(80, 24), (120, 34), (200, 60)])
async def test_the_week_fits_small_and_large_terminals(
    host: CalendarHost, size: tuple[int, int]
) -> None:
    async with host.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.pause()
        columns = list(host.screen.query(DayColumn))
        assert len(columns) == 7
        assert all(column.region.width >= 9 for column in columns)
        assert columns[-1].region.right <= size[0]
        card = selected_card(host)
        assert card.region.height >= 2 and card.region.width >= 7


def test_every_key_has_an_id_and_a_description() -> None:
    for binding in CalendarScreen.BINDINGS:
        assert binding.id and binding.id.startswith("calendar.")
        assert binding.description
