"""Pilot tests: the week view shows the leader's meetings as busy blocks (#13)."""

from __future__ import annotations

from pathlib import Path

from kindcheck.calendar_settings import CalendarSettings
from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import Person
from kindcheck.screens.calendar import CalendarScreen
from kindcheck.settings import Settings
from kindcheck.store.store import Store
from kindcheck.widgets.week_view import BusyCard, DayColumn, ItemCard
from tests.functional.harness import OpenedOnto, screen_text, settle, wait_until

SIZE = (120, 34)


def meeting(uid: str, summary: str, start: str, end: str, *extra: str) -> str:
    lines = "".join(f"{line}\r\n" for line in extra)
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//week//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nDTSTAMP:20261101T000000Z\r\nSUMMARY:{summary}\r\n"
        f"DTSTART;TZID=Europe/Berlin:{start}\r\nDTEND;TZID=Europe/Berlin:{end}\r\n"
        f"{lines}END:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def work_calendar(tmp_path: Path) -> Path:
    """Monday 23 Nov: a budget review before Ada's 14:00 follow-up and a 1:1 after it;
    a weekly planning meeting on Wednesdays; an all-day event that must not show."""
    folder = tmp_path / "calendars" / "work"
    folder.mkdir(parents=True)
    files = {
        "budget.ics": meeting("b", "Budget review", "20261123T110000", "20261123T120000"),
        "kim.ics": meeting("k", "1:1 with Kim [b]VP[/b]", "20261123T150000", "20261123T153000"),
        "plan.ics": meeting("p", "Sprint planning", "20261104T090000", "20261104T100000",
                            "RRULE:FREQ=WEEKLY"),
        "trip.ics": ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:t\r\n"
                     "DTSTAMP:20261101T000000Z\r\nSUMMARY:Conference trip\r\n"
                     "DTSTART;VALUE=DATE:20261124\r\nDTEND;VALUE=DATE:20261125\r\n"
                     "END:VEVENT\r\nEND:VCALENDAR\r\n"),
    }
    for name, text in files.items():
        (folder / name).write_text(text, newline="")
    return folder


def host_for(store: Store, clock: ManualClock, folder: Path) -> OpenedOnto:
    settings = Settings(calendar=CalendarSettings(read=(folder,)))
    return OpenedOnto(store, clock, lambda app: CalendarScreen(store, clock, app.settings),
                      settings)


def column(app: OpenedOnto, day: int) -> DayColumn:
    [found] = [c for c in app.screen.query(DayColumn) if c.plan.day.day == day]
    return found


def cards(app: OpenedOnto, day: int) -> list[str]:
    """What a day's column holds, top to bottom: "busy 11:00" or a person's name."""
    shown = []
    for card in column(app, day).query("ItemCard, BusyCard"):
        if isinstance(card, BusyCard):
            shown.append(f"busy {card.block.start:%H:%M}")
        else:
            assert isinstance(card, ItemCard)
            shown.append(card.item.person.name)
    return shown


def has_busy(app: OpenedOnto) -> bool:
    return bool(app.screen.query(BusyCard))


async def test_meetings_show_at_their_times_among_follow_ups(
    store: Store, team: dict[str, Person], clock: ManualClock, tmp_path: Path
) -> None:
    app = host_for(store, clock, work_calendar(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: has_busy(app), "the meetings on screen")
        assert cards(app, 23) == ["busy 11:00", "Ada Lovelace", "busy 15:00"]
        assert cards(app, 25) == ["busy 09:00"]
        assert cards(app, 24) == []  # an all-day event keeps nobody busy
        text = screen_text(app)
        assert "11:00–12:00" in text and "Budget review" in text
        kim = column(app, 23).query(BusyCard)[1]
        assert str(kim.render()) == "15:00–15:30\n1:1 with Kim [b]VP[/b]"  # never markup
        # The cursor is on Ada's follow-up, not on a meeting, and down stays on items.
        [selected] = app.screen.query("DayColumn.-selected ItemCard.-selected")
        assert isinstance(selected, ItemCard) and selected.item.person.name == "Ada Lovelace"
        await pilot.press("down")
        await pilot.pause()
        assert not app.screen.query("BusyCard.-selected")


async def test_the_privacy_mask_hides_the_titles_and_says_busy(
    store: Store, team: dict[str, Person], clock: ManualClock, tmp_path: Path
) -> None:
    app = host_for(store, clock, work_calendar(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: has_busy(app), "the meetings on screen")
        await pilot.press("p")
        await pilot.pause()
        text = screen_text(app)
        assert "Budget" not in text and "Kim" not in text and "Sprint" not in text
        assert "11:00–12:00" in text
        assert [str(card.render()) for card in column(app, 23).query(BusyCard)] == [
            "11:00–12:00\nbusy", "15:00–15:30\nbusy",
        ]
        await pilot.press("p")
        await pilot.pause()
        assert "Budget review" in screen_text(app)


async def test_moving_to_next_week_reads_its_meetings(
    store: Store, team: dict[str, Person], clock: ManualClock, tmp_path: Path
) -> None:
    app = host_for(store, clock, work_calendar(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: has_busy(app), "the meetings on screen")
        await pilot.press("right_square_bracket")
        await settle(pilot)
        await wait_until(pilot, lambda: [c.plan.day.day for c in app.screen.query(DayColumn)
                                         if c.query(BusyCard)] == [2], "next week's meeting")
        assert cards(app, 2) == ["busy 09:00"]  # the weekly planning, on Wednesday 2 Dec
