"""User text shows as written on every screen: brackets are text, never markup, and a stray
control character from an old store is shown as a stand-in, never sent to the terminal."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pendulum import DateTime
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input

from kindcheck.app import KindcheckApp
from kindcheck.dialogs.confirm import ConfirmDialog
from kindcheck.dialogs.person_editor import PersonEditor
from kindcheck.dialogs.plan_followup import PlanFollowUpDialog
from kindcheck.dialogs.quick_note import QuickNote
from kindcheck.dialogs.reschedule import RescheduleDialog
from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import (
    Category,
    CheckIn,
    Commitment,
    FollowUp,
    Note,
    NoteKind,
    Person,
)
from kindcheck.domain.text import is_control
from kindcheck.screens.calendar import CalendarScreen
from kindcheck.screens.checkin import CheckInScreen
from kindcheck.screens.dashboard import DashboardScreen
from kindcheck.screens.help import HelpScreen
from kindcheck.screens.insights import InsightsScreen
from kindcheck.screens.search import SearchScreen
from kindcheck.store.store import Store
from tests.conftest import NOW
from tests.functional.conftest import SIZE, screen_text, settle, wait_until
from tests.functional.harness import NoticingApp

AppFactory = Callable[[], NoticingApp]

BO = "Bo [/]"
BOLD_BO = "[bold]Bo[/bold] [link=x]y"
ROLE = "[dim]lead[/dim] [/]"
MATTERS = "[@click=app.quit]her kids[/]"
HOW = "[red]tired[/red] but [b]ok"
PROGRESS = "[b]shipped[/b] the [/] docs"
MISSING = "[i]no access[/i] [/]"
PROMISE = "[u]new laptop[/u] [/]"
TOPIC = "[reverse]roadmap[/]"


def build_hostile_team(store: Store, now: DateTime = NOW) -> dict[str, Person]:
    """Two people whose every text looks like markup, each with a check-in behind them and a
    follow-up today ("[bold]Bo..." at 14:00, "Bo [/]" at 15:00)."""
    team = {}
    for key, name, hour in (("bo", BO, 15), ("bold", BOLD_BO, 14)):
        person = store.add_person(Person(name, role=ROLE, what_matters=MATTERS))
        last = now.subtract(days=10)
        checkin = CheckIn(person.id, last, mood=3, how_they_are=HOW)
        store.save_checkin(
            checkin,
            notes=[
                Note(person.id, NoteKind.PROGRESS, PROGRESS, last, checkin.id),
                Note(person.id, NoteKind.MISSING, MISSING, last, checkin.id),
            ],
            commitments=[
                Commitment(person.id, PROMISE, last, Category.TOOLS, due=now.date(),
                           checkin_id=checkin.id),
            ],
            followup=FollowUp(
                person.id, now.replace(hour=hour, minute=0), TOPIC, checkin_id=checkin.id
            ),
        )
        team[key] = person
    return team


@pytest.fixture
def hostile(store: Store) -> dict[str, Person]:
    return build_hostile_team(store)


async def opened(pilot: Pilot[object], screen_type: type, *keys: str) -> str:
    """Press `keys`, wait for `screen_type` to be on top and settled, return its text."""
    await pilot.press(*keys)
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, screen_type))
    await settle(pilot)
    return screen_text(pilot.app)


async def back_to_dashboard(pilot: Pilot[object]) -> None:
    for _ in range(len(pilot.app.screen_stack)):
        if isinstance(pilot.app.screen, DashboardScreen):
            return
        await pilot.app.pop_screen()
        await pilot.pause()
    assert isinstance(pilot.app.screen, DashboardScreen), "the dashboard is not under this screen"


def select(app: App[object], person: Person) -> None:
    dashboard = app.screen
    assert isinstance(dashboard, DashboardScreen)
    dashboard.select_person(person.id)


async def test_dashboard_shows_bracketed_names_and_notes_as_written(
    make_app: AppFactory, hostile: dict[str, Person]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        select(app, hostile["bo"])
        await settle(pilot)
        text = screen_text(app)
        assert BO in text
        assert BOLD_BO in text
        assert f"Progress vs. missing — {BO}" in text

        select(app, hostile["bold"])
        await settle(pilot)
        text = screen_text(app)
        assert f"Progress vs. missing — {BOLD_BO}" in text
        assert PROGRESS in text
        assert MISSING in text
        assert TOPIC in text  # Today: the follow-up's topic
        assert PROMISE in text  # Today: my commitment

        # Help and the palette open over it (and the palette lists actions, never notes).
        select(app, hostile["bo"])
        text = await opened(pilot, HelpScreen, "question_mark")
        assert "The four follow-up tips" in text
        await back_to_dashboard(pilot)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "CommandPalette")
        await pilot.press(*"check")
        await settle(pilot)
        assert "Check in" in screen_text(app)
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen))


async def test_checkin_form_brings_back_bracketed_text_as_written(
    make_app: AppFactory, hostile: dict[str, Person]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        select(app, hostile["bo"])
        text = await opened(pilot, CheckInScreen, "c")
        assert f"Check-in with {BO} · [dim]lead[/dim]" in text  # the role wraps there
        for written in (MATTERS, HOW, MISSING, PROMISE):
            assert written in text, written

        # Typed text that looks like markup is said back literally in the previews.
        await pilot.press("ctrl+d")  # nothing typed, no draft: a plain "nothing to discard"
        app.screen.query_one("#follow-up-topic", Input).value = TOPIC
        app.screen.query_one("#help").insert("tools: [b]dock[/b] by fri")
        await settle(pilot)
        assert "[b]dock[/b]" in screen_text(app)

        text = await opened(pilot, ConfirmDialog, "ctrl+d")
        assert f"Everything typed for {BO} so far" in text


async def test_calendar_week_and_month_show_bracketed_text_as_written(
    make_app: AppFactory, hostile: dict[str, Person]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = await opened(pilot, CalendarScreen, "w")
        # The detail bar under the week names the selected follow-up in full.
        assert f"follow-up with {BOLD_BO}: {TOPIC}" in text
        assert "[bold]Bo" in text  # the card's short name (the column is narrow)
        await pilot.press("j")
        await settle(pilot)
        assert f"follow-up with {BO}: {TOPIC}" in screen_text(app)
        await pilot.press("k")
        await settle(pilot)

        await pilot.press("m")
        await settle(pilot)
        assert "14:00 [bold]B" in screen_text(app)  # a month cell, cut to fit

        await pilot.press("m")
        await settle(pilot)
        text = await opened(pilot, RescheduleDialog, "r")
        assert f"Reschedule the follow-up with {BOLD_BO}" in text
        assert TOPIC in text
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, CalendarScreen))

        text = await opened(pilot, ConfirmDialog, "x")
        assert f"Cancel the follow-up with {BOLD_BO}" in text
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, CalendarScreen))

        text = await opened(pilot, PlanFollowUpDialog, "f")
        assert f"{BOLD_BO}, {ROLE}" in text  # who the plan is with, said back under the name


async def test_insights_show_bracketed_names_and_promises_as_written(
    make_app: AppFactory, hostile: dict[str, Person]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = await opened(pilot, InsightsScreen, "i")
        assert BO in text
        assert PROMISE in text  # the team's oldest open promise
        # The person panel is titled with the highlighted person's name.
        assert f"╭─ {BOLD_BO} ─" in text
        await pilot.press("j")
        await settle(pilot)
        assert f"╭─ {BO} ─" in screen_text(app)


async def test_search_with_a_bracketed_query_shows_results_as_written(
    make_app: AppFactory, hostile: dict[str, Person]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await opened(pilot, SearchScreen, "slash")
        await pilot.press(*"[/] docs")
        search = app.screen
        assert isinstance(search, SearchScreen)
        await wait_until(pilot, lambda: bool(search.result.hits))
        await settle(pilot)
        text = screen_text(app)
        assert "[/] docs" in text  # the query, in its field
        assert BOLD_BO in text
        assert "the [/] docs" in text  # the snippet, with the match highlighted
        chosen = search.highlighted_hit
        assert chosen is not None
        await pilot.press("enter")  # to that person, on the dashboard
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen))
        await settle(pilot)
        assert f"Progress vs. missing — {chosen.entry.person_name}" in screen_text(app)


async def test_dialogs_and_notifications_show_bracketed_names_as_written(
    make_app: AppFactory, hostile: dict[str, Person]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        select(app, hostile["bold"])
        text = await opened(pilot, PersonEditor, "e")
        assert f"Edit {BOLD_BO}" in text
        assert app.screen.query_one("#name", Input).value == BOLD_BO
        # A refusal that names someone else: said under the field, literally.
        app.screen.query_one("#name", Input).value = BO
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert BO in screen_text(app)
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen))

        text = await opened(pilot, QuickNote, "n")
        assert f"A note about {BOLD_BO}" in text
        await pilot.press(*"[b]it [/] works")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen))
        await settle(pilot)
        assert f"Noted for {BOLD_BO}." in app.notice_texts()
        assert f"Noted for {BOLD_BO}." in screen_text(app)
        assert "[b]it [/] works" in screen_text(app)

        await app.screen.run_action("archive_person")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await settle(pilot)
        assert f"Archive {BOLD_BO}?" in screen_text(app)
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen))
        await settle(pilot)
        archived = f"{BOLD_BO} is archived. Their notes are kept."
        assert archived in app.notice_texts()
        assert f"{BOLD_BO} is" in screen_text(app)  # the toast wraps after the name


# -- stray control characters from an old store --------------------------------------------

# What an old store (or another tool) may hold: an OSC 52 clipboard write, a bell, a C1
# control and a right-to-left override. Written into the files directly, as the model
# refuses them where text is typed.
OSC52 = "\x1b]52;c;aGk=\x07"
STRAY = {
    "ZQNAMEZQ": f"Eve{OSC52}",
    "ZQROLEZQ": "ops\x9b31m",
    "ZQMATTERSZQ": "\u202etxt.exe",
    "ZQNOTEZQ": f"note{OSC52}",
    "ZQTOPICZQ": "bell\x07",
}


def _json_escaped(text: str) -> str:
    return "".join(c if 0x20 <= ord(c) < 0x7F else f"\\u{ord(c):04x}" for c in text)


def _plant(folder: Path) -> None:
    for path in folder.rglob("*.json"):
        raw = path.read_text(encoding="utf-8")
        for marker, stray in STRAY.items():
            raw = raw.replace(marker, _json_escaped(stray))
        path.write_text(raw, encoding="utf-8")


@pytest.fixture
def stray_store(store_path: Path, clock: ManualClock) -> Iterator[Store]:
    """A store whose texts hold control characters, as an older kindcheck may have left."""
    store = Store.open(store_path, clock=clock)
    eve = store.add_person(Person("ZQNAMEZQ", role="ZQROLEZQ", what_matters="ZQMATTERSZQ"))
    last = NOW.subtract(days=3)
    checkin = CheckIn(eve.id, last, mood=4, how_they_are="ZQNOTEZQ")
    store.save_checkin(
        checkin,
        notes=[Note(eve.id, NoteKind.MISSING, "ZQNOTEZQ", last, checkin.id)],
        commitments=[Commitment(eve.id, "ZQNOTEZQ", last, Category.TOOLS, due=NOW.date())],
        followup=FollowUp(eve.id, NOW.replace(hour=15, minute=0), "ZQTOPICZQ"),
    )
    _plant(store_path.parent)
    reopened = Store.open(store_path, clock=clock)
    assert reopened.people()[0].name == f"Eve{OSC52}"  # the old store really holds them
    yield reopened


def controls_on_screen(app: App[object]) -> list[str]:
    """Every control character the screen would write to the terminal as text."""
    return [c for line in screen_text(app).splitlines() for c in line if is_control(c)]


async def test_stray_control_characters_never_reach_the_terminal(
    stray_store: Store, clock: ManualClock
) -> None:
    app = KindcheckApp(stray_store, clock, poll_seconds=0, cursor_blink=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Eve␛]52;c;aGk=␇" in text  # seen as stand-ins, not obeyed
        assert controls_on_screen(app) == []
        for keys, screen_type in (
            (["c"], CheckInScreen),
            (["w"], CalendarScreen),
            (["w", "m"], CalendarScreen),
            (["i"], InsightsScreen),
            (["slash", *"note"], SearchScreen),
            (["e"], PersonEditor),
            (["n"], QuickNote),
        ):
            await opened(pilot, screen_type, *keys)
            await settle(pilot)
            assert controls_on_screen(app) == [], keys
            assert "Eve␛" in screen_text(app), keys
            await back_to_dashboard(pilot)
        await opened(pilot, RescheduleDialog, "w", "r")
        assert controls_on_screen(app) == []
