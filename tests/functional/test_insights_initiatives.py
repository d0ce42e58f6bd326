"""The insights screen, per initiative: each person's last and next conversation, and a flag
when nothing is planned before the target (the shared team, Monday 23 Nov 2026, 09:30)."""

from __future__ import annotations

import pendulum
from textual.widgets import DataTable

from kindcheck.domain.clock import ManualClock
from kindcheck.domain.initiatives import Initiative
from kindcheck.domain.model import Person
from kindcheck.store.store import Store
from kindcheck.widgets.privacy import MASK
from tests.functional.harness import wait_until
from tests.functional.test_insights_screen import InsightsHost

SIZE = (120, 34)


def rows(host: InsightsHost) -> list[list[str]]:
    table = host.screen.query_one("#initiatives-table", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_each_person_in_an_initiative_with_last_and_next_talk(
    store: Store, team: dict[str, Person], clock: ManualClock
) -> None:
    people = [team["ada"].id, team["mika"].id, team["sam"].id]
    store.initiatives.add(Initiative("Q1 launch", people, pendulum.date(2026, 11, 26)))
    store.initiatives.add(Initiative("Hiring", [team["sam"].id]))
    finished = store.initiatives.add(Initiative("Old plan", [team["ada"].id]))
    store.initiatives.mark_done(finished.id)
    host = InsightsHost(store, clock)
    async with host.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: bool(rows(host)), "the initiatives table")
        assert rows(host) == [
            ["Q1 launch · Thu 26 Nov", "Ada Lovelace", "10 days ago", "today 14:00",
             "✓ planned"],
            ["", "Mika Tanaka", "3 days ago", "Fri", "needs one sooner"],
            ["", "Sam Okafor", "never", "nothing planned", "needs a follow-up"],
            ["Hiring", "Sam Okafor", "never", "nothing planned", "needs a follow-up"],
        ]
        await pilot.press("p")
        await wait_until(pilot, lambda: rows(host)[0][0].startswith(MASK), "the mask")
        assert rows(host)[1][1] == "Mika Tanaka"


async def test_no_initiatives_no_table(
    store: Store, team: dict[str, Person], clock: ManualClock
) -> None:
    host = InsightsHost(store, clock)
    async with host.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not host.screen.query_one("#initiatives-table", DataTable).display
