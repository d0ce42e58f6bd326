"""Long names, topics and team names stay on one line on the dashboard, cut with "…"."""

from __future__ import annotations

import re

from kindcheck.domain.model import CheckIn, FollowUp, Person
from kindcheck.store.store import Store
from kindcheck.widgets.team_pane import TeamPane
from tests.conftest import NOW
from tests.functional.conftest import OpenApp, screen_text, settle, wait_until

LONG_NAME = "Bo [b]" + " Berg-Lindqvist" * 13  # 201 characters would be refused: 201 > 200
LONG_TOPIC = "Staging [/]" + " access for the team" * 9


def today_lines(text: str) -> list[str]:
    """The Today pane's lines (the right of the top row of panes), stripped."""
    return [line.split("││")[1].strip("│╯ ") for line in text.splitlines() if "││" in line]


async def test_a_long_name_and_topic_take_one_line_in_today(
    open_app: OpenApp, store: Store
) -> None:
    person = store.add_person(Person(LONG_NAME[:200], team="Platform " * 11))
    store.save_checkin(CheckIn(person.id, NOW.subtract(days=30), mood=3, no_follow_up=True))
    store.add_followup(FollowUp(person.id, NOW.add(hours=1), topic=LONG_TOPIC[:200]))
    store.add_person(Person("Ada", team="Apps"))
    async with open_app() as pilot:
        await settle(pilot)
        text = screen_text(pilot.app)
    # Literal and cut: each row takes two lines at most, then the next row follows.
    today = today_lines(text)
    at = today.index("Follow-ups today")
    first, second, after = today[at + 1 : at + 4]
    assert first.startswith("10:30  Bo [b] Berg") and "…" in first, today
    assert "Staging [/] access" in second and second.endswith("…") and after == "", today
    at = today.index("Due for a check-in")
    first, second, after = today[at + 1 : at + 4]
    assert first.startswith("Bo [b] Berg") and "…" in first, today
    assert "by 23 days" in second and after == "Ada — no check-in yet", today

async def test_the_team_pane_cuts_a_long_team_and_name(open_app: OpenApp, store: Store) -> None:
    person = store.add_person(Person(LONG_NAME[:200], team="Platform " * 11))
    store.save_checkin(CheckIn(person.id, NOW.subtract(days=30), mood=3, no_follow_up=True))
    store.add_person(Person("Ada", team="Apps"))
    async with open_app("down") as pilot:  # from Ada to the Platform header
        await wait_until(pilot, lambda: bool(pilot.app.screen.query(TeamPane)), "the team pane")
        await settle(pilot)
        text = screen_text(pilot.app)
    assert re.search(r"Team — Platform Platform\S* ?\S*…", text), text
    assert re.search(r"• Bo \[b\] Berg[^—\n]{0,20}… — overdue by 23 days", text), text
    assert not re.search(r"│ *(Berg|Lindqvist|Platform)", text), text


async def test_the_check_in_header_cuts_a_long_name_and_role(
    open_app: OpenApp, store: Store
) -> None:
    person = store.add_person(Person(LONG_NAME[:200], role="Staff [b]" + " engineer" * 20))
    store.save_checkin(CheckIn(person.id, NOW.subtract(days=30), mood=3, no_follow_up=True))
    async with open_app("c") as pilot:
        await settle(pilot)
        text = screen_text(pilot.app)
    left = [line.split("▕")[0].strip() for line in text.splitlines() if "▕" in line]
    at = next(i for i, line in enumerate(left) if line.startswith("Check-in with Bo [b] Berg"))
    header = " ".join(left[at : left.index("What matters to them")])
    assert "…" in header and "Staff [b] engineer" in header, left
    assert len(header) < 140, left  # a few lines, not a dozen
