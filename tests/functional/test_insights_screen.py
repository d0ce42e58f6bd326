"""The insights screen: figures shown from the store, nudges on top, escape back."""

from __future__ import annotations

from pathlib import Path

import pytest
from pendulum import DateTime
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import Collapsible, DataTable, Static

from kindcheck.domain.clock import Clock, ManualClock
from kindcheck.domain.model import (
    Cadence,
    Category,
    CheckIn,
    Commitment,
    Note,
    NoteKind,
    Person,
    PersonHistory,
)
from kindcheck.screens.dashboard import DashboardScreen
from kindcheck.screens.insights import InsightsScreen
from kindcheck.store.errors import CorruptStore
from kindcheck.store.store import Store
from kindcheck.widgets.privacy import MASK
from tests.functional.harness import OpenedOnto


def build_insight_team(store: Store, now: DateTime) -> dict[str, Person]:
    """Five active people (each showing one figure clearly) and one archived person."""
    ada = store.add_person(Person("Ada Lovelace", role="Engineer"))
    sam = store.add_person(Person("Sam Okafor", role="Support lead"))
    biweekly, monthly = Cadence.parse("biweekly"), Cadence.parse("monthly")
    mika = store.add_person(Person("Mika Tanaka", role="Designer", cadence=biweekly))
    noor = store.add_person(Person("Noor Haddad", role="Analyst", cadence=monthly))
    lee = store.add_person(Person("Lee Chen", role="Intern"))
    gone = store.add_person(Person("Old Friend", role="Moved on", archived=True))

    def day(days_ago: int, hour: int = 10) -> DateTime:
        return now.subtract(days=days_ago).replace(hour=hour, minute=0, second=0)

    # Ada: weekly, but 8 check-ins and a note in four weeks — hovering.
    ada_moods = [4, 4, 5, 3, 4, 4, 5, 4]
    store.add_history(
        PersonHistory(
            ada.id,
            checkins=[
                CheckIn(ada.id, day(ago), mood=mood, how_they_are="Good")
                for ago, mood in zip([24, 20, 16, 13, 9, 6, 3, 1], ada_moods, strict=True)
            ],
            notes=[
                Note(ada.id, NoteKind.PROGRESS, "Led the design review", day(2)),
                Note(ada.id, NoteKind.PROGRESS, "Mentored Lee", day(70)),
            ],
        )
    )
    # Sam: weekly; the last three chats were status only; one promise is late.
    sam_checkins = [
        CheckIn(sam.id, day(33), mood=3, how_they_are="Busy but fine"),
        CheckIn(sam.id, day(26), mood=2, how_they_are="Worried about the rota"),
        CheckIn(sam.id, day(19)),
        CheckIn(sam.id, day(12)),
        CheckIn(sam.id, day(5)),
    ]
    store.add_history(
        PersonHistory(
            sam.id,
            checkins=sam_checkins,
            notes=[
                Note(sam.id, NoteKind.MISSING, "No on-call handbook", day(26)),
                Note(sam.id, NoteKind.MISSING, "Rota tool keeps crashing", day(40)),
                Note(sam.id, NoteKind.PROGRESS, "Cleared the ticket backlog", day(100)),
            ],
            commitments=[
                Commitment(
                    sam.id, "Order a second monitor", day(19), Category.TOOLS, due=day(4).date()
                ),
                Commitment(
                    sam.id,
                    "Book the support course",
                    day(60),
                    Category.TRAINING,
                    due=day(50).date(),
                    done_at=day(52),
                ),
                Commitment(
                    sam.id,
                    "Write the rota rules",
                    day(45),
                    Category.STANDARDS,
                    due=day(40).date(),
                    done_at=day(35),
                ),
            ],
        )
    )
    # Mika: biweekly, last talk 40 days ago — long overdue; moods were low.
    store.add_history(
        PersonHistory(
            mika.id,
            checkins=[
                CheckIn(mika.id, day(68), mood=3, how_they_are="Okay"),
                CheckIn(mika.id, day(54), mood=2, how_they_are="Tired"),
                CheckIn(mika.id, day(40), mood=2, how_they_are="Still tired"),
            ],
            notes=[Note(mika.id, NoteKind.MISSING, "Unclear brief for the app", day(54))],
        )
    )
    # Noor: monthly and fine, with progress noted across the months.
    store.add_history(
        PersonHistory(
            noor.id,
            checkins=[
                CheckIn(noor.id, day(70), mood=4, how_they_are="Enjoying the project"),
                CheckIn(noor.id, day(40), mood=4, how_they_are="Good"),
                CheckIn(noor.id, day(10), mood=5, how_they_are="Great, new flat"),
            ],
            notes=[
                Note(noor.id, NoteKind.PROGRESS, "First dashboard live", day(130)),
                Note(noor.id, NoteKind.PROGRESS, "Data model agreed", day(70)),
                Note(noor.id, NoteKind.MISSING, "Access to the warehouse", day(40)),
                Note(noor.id, NoteKind.PROGRESS, "Report automated", day(10)),
            ],
            commitments=[
                Commitment(
                    noor.id,
                    "Share the Q1 plan",
                    day(10),
                    Category.DIRECTIONS,
                    due=now.date().add(days=5),
                ),
            ],
        )
    )
    # The archived person has plenty that would nudge, and must not show anywhere.
    store.add_history(
        PersonHistory(
            gone.id,
            checkins=[CheckIn(gone.id, day(200)), CheckIn(gone.id, day(190))],
            notes=[Note(gone.id, NoteKind.MISSING, "Never got the badge", day(3))],
            commitments=[Commitment(gone.id, "Send the reference", day(200), due=day(180).date())],
        )
    )
    return {"ada": ada, "sam": sam, "mika": mika, "noor": noor, "lee": lee, "gone": gone}


class InsightsHost(OpenedOnto):
    """The real App, opened onto the insights screen (as `i` on the dashboard does)."""

    def __init__(self, store: Store, clock: Clock) -> None:
        super().__init__(store, clock, lambda app: InsightsScreen(store, clock))


# The real App has the privacy switch itself.
MaskableHost = InsightsHost


def cell(table: DataTable, person: Person, column: str) -> str:
    value = table.get_cell(person.id, column)
    return value.plain if isinstance(value, Text) else str(value)


def static_text(screen: InsightsScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def open_insights(app: InsightsHost, pilot: Pilot[None]) -> InsightsScreen:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, InsightsScreen)
    return app.screen


@pytest.fixture
def insight_team(store: Store, now: DateTime) -> dict[str, Person]:
    return build_insight_team(store, now)


async def test_the_figures_are_shown_for_each_active_person(
    store: Store, clock: ManualClock, insight_team: dict[str, Person]
) -> None:
    app = InsightsHost(store, clock)
    async with app.run_test(size=(120, 34)) as pilot:
        screen = await open_insights(app, pilot)
        table = screen.query_one("#people-table", DataTable)
        names = [cell(table, p, "person") for p in insight_team.values() if not p.archived]
        assert table.row_count == 5
        assert sorted(names) == [
            "Ada Lovelace",
            "Lee Chen",
            "Mika Tanaka",
            "Noor Haddad",
            "Sam Okafor",
        ]
        ada, sam, mika = insight_team["ada"], insight_team["sam"], insight_team["mika"]
        assert cell(table, ada, "hovering") == "↑ 2.2× (9)"
        assert cell(table, ada, "human") == "8/8 100%"
        assert cell(table, sam, "human") == "2/5 40%"
        assert cell(table, sam, "promises") == "1/1/1 · 1 late"
        assert cell(table, sam, "progress") == "1 : 2"
        assert cell(table, mika, "checkin") == "26d overdue · 40d ago"
        assert cell(table, insight_team["lee"], "checkin") == "no check-in yet"
        assert cell(table, ada, "mood") == "▆▆█▅▆▆█▆"
        # The same figures the store holds.
        assert store.summary(sam.id).kept_on_time == 1
        assert store.summary(sam.id).kept_late == 1

        nudges = static_text(screen, "#nudges")
        assert nudges.startswith("• Mika Tanaka's mood was low")
        assert "Order a second monitor" in nudges
        assert "Old Friend" not in nudges

        team = static_text(screen, "#team-figures")
        assert "5 people · 3 fine · 1 due · 1 long overdue" in team
        assert "Jun 0:0  Jul 1:0  Aug 1:0  Sep 2:1  Oct 0:3  Nov 2:0" in team  # from histories
        person = static_text(screen, "#person-figures")
        assert "9 check-ins and notes, plan 4.0 (2.2×)" in person
        assert screen.query_one("#person-panel").border_title == "Ada Lovelace"


async def test_looking_changes_nothing_on_disk(
    store: Store, clock: ManualClock, insight_team: dict[str, Person]
) -> None:
    def on_disk() -> dict[Path, bytes]:
        return {path: path.read_bytes() for path in sorted(store.folder.rglob("*"))
                if path.is_file()}

    app = InsightsHost(store, clock)
    async with app.run_test(size=(120, 34)) as pilot:
        await open_insights(app, pilot)
        before = on_disk()  # after the App's own start (today's backup is made then)
        await pilot.press("j", "n", "h", "r")
        await app.workers.wait_for_complete()
        assert on_disk() == before


async def test_escape_goes_back(store: Store, clock: ManualClock, team: dict[str, Person]) -> None:
    app = InsightsHost(store, clock)
    async with app.run_test(size=(120, 34)) as pilot:
        await open_insights(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, InsightsScreen)
        assert isinstance(app.screen, DashboardScreen)


async def test_moving_through_people_shows_each_one(
    store: Store, clock: ManualClock, insight_team: dict[str, Person]
) -> None:
    app = InsightsHost(store, clock)
    async with app.run_test(size=(120, 34)) as pilot:
        screen = await open_insights(app, pilot)
        panel = screen.query_one("#person-panel")
        await pilot.press("j", "j")
        await pilot.pause()
        assert panel.border_title == "Mika Tanaka"
        assert "biweekly · overdue by 26 days" in static_text(screen, "#person-figures")
        await pilot.press("j", "j")
        await pilot.pause()
        assert panel.border_title == "Sam Okafor"
        person = static_text(screen, "#person-figures")
        assert "Promises: 1 on time · 1 late · 1 open (1 past due)" in person
        assert "Oldest open: “Order a second monitor”, due Thu 19 Nov" in person
        await pilot.press("k")
        await pilot.pause()
        assert panel.border_title == "Noor Haddad"
        # 130 days back is 16 Jul, 70 days 14 Sep, 40 days 14 Oct, 10 days 13 Nov.
        assert "Jun 0:0  Jul 1:0  Aug 0:0  Sep 1:0  Oct 0:1  Nov 1:0" in static_text(
            screen, "#person-figures"
        )


async def test_all_nudges_and_how_they_are_computed(
    store: Store, clock: ManualClock, insight_team: dict[str, Person]
) -> None:
    app = InsightsHost(store, clock)
    async with app.run_test(size=(120, 34)) as pilot:
        screen = await open_insights(app, pilot)
        nudges = screen.query_one("#nudges", Static)
        assert static_text(screen, "#nudges").count("•") == 3
        assert nudges.border_subtitle == "3 more · n: show all"
        await pilot.press("n")
        assert static_text(screen, "#nudges").count("•") == 6
        assert "Lee Chen yet" in static_text(screen, "#nudges")
        how = screen.query_one("#how-computed", Collapsible)
        assert how.collapsed
        await pilot.press("h")
        await pilot.pause()
        assert not how.collapsed
        assert "counts as hovering" in static_text(screen, "#how-text")


async def test_reload_picks_up_what_another_process_wrote(
    store: Store, clock: ManualClock, insight_team: dict[str, Person]
) -> None:
    app = InsightsHost(store, clock)
    async with app.run_test(size=(120, 34)) as pilot:
        screen = await open_insights(app, pilot)
        table = screen.query_one("#people-table", DataTable)
        lee = insight_team["lee"]
        other = Store.open(store.path, clock=clock)
        earlier = clock().subtract(hours=1)
        other.save_checkin(
            CheckIn(lee.id, earlier, mood=5, how_they_are="Loving it", no_follow_up=True),
            notes=[Note(lee.id, NoteKind.PROGRESS, "First PR merged", earlier)],
        )
        assert store.refresh()
        screen.reload()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert cell(table, lee, "checkin") == "fine · 0d ago"
        assert cell(table, lee, "progress") == "1 : 0"
        assert "Lee Chen yet" not in " ".join(n.text for n in screen._nudges)
        assert "Nov 3:0" in static_text(screen, "#team-figures")


async def test_the_privacy_mask_hides_promises(
    store: Store, clock: ManualClock, insight_team: dict[str, Person]
) -> None:
    app = MaskableHost(store, clock)
    async with app.run_test(size=(120, 34)) as pilot:
        screen = await open_insights(app, pilot)
        assert "Order a second monitor" in static_text(screen, "#nudges")
        app.privacy_mask = True
        await pilot.pause()
        assert "Order a second monitor" not in static_text(screen, "#nudges")
        assert f"“{MASK}”" in static_text(screen, "#nudges")
        assert "Order a second monitor" not in static_text(screen, "#team-figures")
        assert "Sam Okafor" in static_text(screen, "#nudges")  # names stay visible


async def test_a_store_problem_is_told_kindly(
    store: Store,
    clock: ManualClock,
    insight_team: dict[str, Person],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(**_: object) -> None:
        raise CorruptStore(store.path, "not JSON")

    monkeypatch.setattr(store, "histories", broken)
    app = InsightsHost(store, clock)
    async with app.run_test(size=(120, 34), notifications=True) as pilot:
        screen = await open_insights(app, pilot)
        messages = app.notice_texts()
        assert any("is damaged (not JSON)" in m for m in messages)
        # What the summaries know is still shown.
        assert screen.query_one("#people-table", DataTable).row_count == 5
        assert "history could not be read just now" in static_text(screen, "#team-figures")


async def test_an_empty_store_says_how_insights_grow(store: Store, clock: ManualClock) -> None:
    app = InsightsHost(store, clock)
    async with app.run_test(size=(120, 34)) as pilot:
        screen = await open_insights(app, pilot)
        assert static_text(screen, "#nudges").startswith("Nobody here yet")
        assert screen.query_one("#people-table", DataTable).row_count == 0
        assert "0 people" in static_text(screen, "#team-figures")
        assert screen.query_one("#person-panel").border_title == "Person"


async def test_an_answer_from_an_older_reload_is_dropped(
    store: Store, clock: ManualClock, insight_team: dict[str, Person]
) -> None:
    app = InsightsHost(store, clock)
    async with app.run_test(size=(120, 34), notifications=True) as pilot:
        screen = await open_insights(app, pilot)
        before = static_text(screen, "#team-figures")
        stale = InsightsScreen.HistoriesLoaded(screen._generation - 1, {}, "old trouble")
        screen.post_message(stale)
        await pilot.pause()
        assert static_text(screen, "#team-figures") == before
        assert not [text for text in app.notice_texts() if "old trouble" in text]
