"""Another kindcheck (say `kindcheck note` in another pane) writes: the dashboard catches up."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kindcheck.app import KindcheckApp
from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import Note, NoteKind, Person
from kindcheck.store.store import Store
from kindcheck.widgets.roster import Roster
from tests.conftest import NOW
from tests.functional.conftest import SIZE, screen_text, wait_until
from tests.functional.harness import NoticingApp

AppFactory = Callable[[], NoticingApp]


async def test_a_note_written_elsewhere_shows_after_a_check(
    make_app: AppFactory, store_path: Path, team: dict[str, Person]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert app.check_outside_changes() is False
        other = Store.open(store_path, clock=ManualClock(NOW))
        other.add_note(Note(team["ada"].id, NoteKind.MISSING, "Needs a quieter desk", NOW))

        assert app.check_outside_changes() is True
        await pilot.pause()
        assert "Needs a quieter desk" in screen_text(app)
        assert app.check_outside_changes() is False


async def test_a_person_added_elsewhere_joins_the_roster(
    make_app: AppFactory, store_path: Path, team: dict[str, Person]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        other = Store.open(store_path, clock=ManualClock(NOW))
        zoe = other.add_person(Person("Zoe Park", role="Analyst"))
        app.check_outside_changes()
        await pilot.pause()
        assert zoe.id in app.screen.query_one(Roster).person_ids
        assert "Zoe Park" in screen_text(app)


async def test_our_writes_never_undo_theirs(
    make_app: AppFactory, store: Store, store_path: Path, team: dict[str, Person]
) -> None:
    ada = team["ada"]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        other = Store.open(store_path, clock=ManualClock(NOW))
        other.add_note(Note(ada.id, NoteKind.PROGRESS, "Written elsewhere", NOW))
        # Before any poll, a quick note from the app itself.
        await pilot.press("n", *"Written here", "enter")
        await pilot.pause()
        texts = {n.text for n in Store.open(store_path).history(ada.id).notes}
        assert {"Written elsewhere", "Written here"} <= texts
        await pilot.pause()
        assert "Written elsewhere" in screen_text(app)


async def test_the_poll_notices_by_itself(
    store: Store, clock: ManualClock, store_path: Path, team: dict[str, Person]
) -> None:
    app = KindcheckApp(store, clock, poll_seconds=0.05, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        other = Store.open(store_path, clock=ManualClock(NOW))
        other.add_note(Note(team["ada"].id, NoteKind.PROGRESS, "Seen by the poll", NOW))
        await wait_until(pilot, lambda: "Seen by the poll" in screen_text(app))


async def test_a_damaged_index_is_reported_once_and_the_screen_stays(
    make_app: AppFactory, store_path: Path, team: dict[str, Person]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await app.workers.wait_for_complete()  # today's backup is made before the damage
        store_path.write_text("{ this is not json")
        assert app.check_outside_changes() is False
        assert app.check_outside_changes() is False
        await pilot.pause()
        problems = [text for text in app.notice_texts() if str(store_path) in text]
        assert len(problems) == 1
        assert "Ada Lovelace" in screen_text(app)
