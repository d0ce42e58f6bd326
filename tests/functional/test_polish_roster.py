"""The roster's small defects: a team called like the no-team group, and grouped mode keeping
every column the flat roster shows."""

from __future__ import annotations

from kindcheck.demo import load_demo
from kindcheck.domain.model import Person
from kindcheck.screens.dashboard import DashboardScreen
from kindcheck.store.store import Store
from kindcheck.widgets.roster import Roster
from kindcheck.widgets.team_chooser import TeamChooser
from tests.conftest import NOW
from tests.functional.conftest import OpenApp, screen_text, settle, wait_until


def columns(app: object) -> list[str]:
    assert isinstance(app.screen, DashboardScreen)  # type: ignore[attr-defined]
    table = app.screen.query_one(Roster)  # type: ignore[attr-defined]
    return [str(column.key.value) for column in table.ordered_columns]


async def test_grouped_roster_keeps_every_column_the_flat_one_shows(
    open_app: OpenApp, store: Store
) -> None:
    # The director's sample: three teams and someone with none, at 120 wide.
    load_demo(store, NOW, seed=7, org=True)
    async with open_app() as pilot:
        await settle(pilot)
        grouped = columns(pilot.app)
        await pilot.press("g")  # flat
        await wait_until(pilot, lambda: len(pilot.app.screen.query_one(Roster).rows) == 7,
                         "the flat roster")
        flat = columns(pilot.app)
    assert {"next", "mood"} <= set(flat)
    assert grouped == flat


async def test_a_team_called_like_the_no_team_group_stays_apart(
    open_app: OpenApp, store: Store
) -> None:
    store.add_person(Person("Ada Lovelace", team="No team yet"))
    store.add_person(Person("Bo Berg"))
    async with open_app() as pilot:
        await settle(pilot)
        text = screen_text(pilot.app)
        assert "▾ No team yet  1" in text
        assert "▾ (no team)  1" in text
        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, TeamChooser), "chooser")
        await settle(pilot)
        chooser = screen_text(pilot.app)
        assert chooser.count("No team yet") == 1 and chooser.count("(no team)") == 1
