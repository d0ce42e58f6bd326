"""The roster grouped by team: headers, folding, one team, one list, and redrawing only what
changed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rich.text import Text

from kindcheck.app import KindcheckApp
from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import CheckIn, Note, NoteKind, Person
from kindcheck.screens.dashboard import DashboardScreen
from kindcheck.store.store import Store
from kindcheck.widgets.roster import Roster
from kindcheck.widgets.roster_lines import HEADER_PREFIX, TeamHeader
from kindcheck.widgets.team_chooser import TeamChooser
from kindcheck.widgets.team_pane import TeamPane
from tests.conftest import NOW
from tests.functional.conftest import NoticingApp, OpenApp, screen_text, settle, wait_until
from tests.store_state import digest

TEAMS = ("Platform", "Apps", "Data", "Design", "Support", "Sales", "Ops", "Security")


def build_teams(store: Store) -> dict[str, Person]:
    """Two teams and one person with none: Ada overdue and Bo fine in Platform, Cy never
    checked in in Apps, Di fine with no team."""
    ada = store.add_person(Person("Ada Lovelace", role="Engineer", team="Platform"))
    bo = store.add_person(Person("Bo Berg", role="Engineer", team="Platform"))
    cy = store.add_person(Person("Cy Chen", role="Designer", team="Apps"))
    di = store.add_person(Person("Di Diaz", role="Coach"))
    store.save_checkin(CheckIn(ada.id, NOW.subtract(days=12), mood=2, no_follow_up=True))
    store.save_checkin(CheckIn(bo.id, NOW.subtract(days=2), mood=4, no_follow_up=True))
    store.save_checkin(CheckIn(di.id, NOW.subtract(days=1), mood=5, no_follow_up=True))
    return {"ada": ada, "bo": bo, "cy": cy, "di": di}


def roster(app: object) -> Roster:
    assert isinstance(app, KindcheckApp) and isinstance(app.screen, DashboardScreen)
    return app.screen.query_one(Roster)


def keys(table: Roster) -> list[str]:
    return [str(row.key.value) for row in table.ordered_rows]


def header(team: str) -> str:
    return HEADER_PREFIX + team


async def test_people_are_grouped_under_a_header_per_team_no_team_last(
    open_app: OpenApp, store: Store
) -> None:
    team = build_teams(store)
    async with open_app() as pilot:
        table = roster(pilot.app)
        assert keys(table) == [
            header("Apps"), team["cy"].id,
            header("Platform"), team["ada"].id, team["bo"].id,
            header(""), team["di"].id,
        ]  # fmt: skip
        text = screen_text(pilot.app)
        assert "▾ Apps  1" in text and "▾ Platform  2" in text and "▾ (no team)  1" in text
        assert "1 needs attention" in text and "all fine" in text
        # The cursor starts on the first person; up is their team's header, to fold from.
        assert table.highlighted_person_id == team["cy"].id
        assert "t One team" in text and "g Group" in text and "Fold" not in text
        assert "Everyone" not in text
        await pilot.press("up")
        await settle(pilot)
        assert table.highlighted_team is not None
        assert "space Fold" in screen_text(pilot.app)


async def test_a_flat_team_has_no_headers(open_app: OpenApp, store: Store) -> None:
    ada = store.add_person(Person("Ada Lovelace", team="Platform"))
    bo = store.add_person(Person("Bo Berg", team="Platform"))
    async with open_app() as pilot:
        table = roster(pilot.app)
        assert sorted(keys(table)) == sorted([ada.id, bo.id])
        assert "One team" not in screen_text(pilot.app)  # no team keys for one team


async def test_space_and_enter_fold_and_unfold_a_team(open_app: OpenApp, store: Store) -> None:
    team = build_teams(store)
    async with open_app("down") as pilot:  # from Cy onto Platform's header
        table = roster(pilot.app)
        assert table.highlighted_team is not None
        assert table.highlighted_team.status.team == "Platform"
        await pilot.press("space")
        await settle(pilot)
        assert team["ada"].id not in keys(table) and header("Platform") in keys(table)
        assert "▸ Platform" in screen_text(pilot.app)
        assert table.highlighted_team is not None  # still on the header
        await pilot.press("enter")
        await settle(pilot)
        assert team["ada"].id in keys(table)
        assert not isinstance(pilot.app.screen, type(None)) and roster(pilot.app) is table


async def test_keys_for_a_person_on_a_header_do_no_harm(
    open_app: OpenApp, store: Store, store_path: Path
) -> None:
    build_teams(store)
    async with open_app("up", notifications=True) as pilot:  # from Cy to Apps' header
        before = digest(store_path.parent)
        await pilot.press("c", "n", "e")
        await settle(pilot)
        assert isinstance(pilot.app.screen, DashboardScreen)
        assert roster(pilot.app).highlighted_team is not None
        # The header's team summary shows where a person's notes would.
        assert pilot.app.screen.query_one(TeamPane).display
        assert "Cy Chen — no check-in yet" in screen_text(pilot.app)
        assert digest(store_path.parent) == before
        assert isinstance(pilot.app, NoticingApp)
        hints = [text for text in pilot.app.notice_texts() if "Pick someone" in text]
        assert len(hints) == 3  # each key says why it did nothing


async def test_the_team_pane_names_who_needs_attention(open_app: OpenApp, store: Store) -> None:
    team = build_teams(store)
    store.add_note(Note(team["bo"].id, NoteKind.MISSING, "No test rig", NOW))
    async with open_app("down") as pilot:  # Platform's header
        text = screen_text(pilot.app)
        assert "2 people · 2 need attention:" in text
        assert "Ada Lovelace — overdue by" in text
        assert "Bo Berg — 1 thing missing" in text
        await pilot.press("down")  # onto Ada: her notes again
        await settle(pilot)
        assert not pilot.app.screen.query_one(TeamPane).display
        assert "Progress vs. missing — Ada Lovelace" in screen_text(pilot.app)


async def test_t_shows_one_team_and_escape_or_t_shows_everyone(
    open_app: OpenApp, store: Store
) -> None:
    team = build_teams(store)
    async with open_app("t") as pilot:
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, TeamChooser), "the chooser")
        await pilot.press(*"plat", "enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, DashboardScreen), "back")
        await settle(pilot)
        table = roster(pilot.app)
        assert keys(table) == [team["ada"].id, team["bo"].id]
        text = screen_text(pilot.app)
        assert "Team: Platform — esc shows everyone" in text
        assert "esc Everyone" in text  # the footer offers the way back only now
        await pilot.press("escape")
        await settle(pilot)
        assert len(keys(table)) == 7
        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, TeamChooser), "the chooser")
        await pilot.press("down", "down", "enter")  # Apps, Platform, (no team)
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, DashboardScreen), "back")
        await settle(pilot)
        assert keys(table) == [team["di"].id]
        await pilot.press("t")  # the same key shows everyone again
        await settle(pilot)
        assert len(keys(table)) == 7 and table.border_title == "Team"


async def test_g_toggles_one_list_and_is_remembered(open_app: OpenApp, store: Store) -> None:
    team = build_teams(store)
    async with open_app() as pilot:  # on Cy
        table = roster(pilot.app)
        await pilot.press("g")
        await settle(pilot)
        assert not any(key.startswith(HEADER_PREFIX) for key in keys(table))
        assert table.highlighted_person_id == team["cy"].id
        pilot.app.reload_screens(team["ada"].id)  # a redraw keeps one list
        await settle(pilot)
        assert len(keys(table)) == 4
        await pilot.press("g")
        await settle(pilot)
        assert len(keys(table)) == 7 and table.highlighted_person_id == team["cy"].id


async def test_a_change_to_one_person_redraws_only_their_row_and_team_header(
    open_app: OpenApp, store: Store
) -> None:
    team = build_teams(store)
    async with open_app() as pilot:
        table = roster(pilot.app)
        assert table.select_person(team["bo"].id)
        await settle(pilot)
        before = {key: list(table.get_row(key)) for key in keys(table)}
        # Something missing for Bo: nobody moves, Platform's header counts one more.
        store.add_note(Note(team["bo"].id, NoteKind.MISSING, "No test rig", NOW))
        pilot.app.reload_screens(team["bo"].id)
        await settle(pilot)
        after = {key: list(table.get_row(key)) for key in keys(table)}
        assert list(after) == list(before)
        changed = {key for key in before if any(
            old is not new for old, new in zip(before[key], after[key], strict=True))}
        assert changed <= {team["bo"].id, header("Platform")}
        assert header("Platform") in changed
        cadence = [c for c in after[header("Platform")] if isinstance(c, Text)]
        assert any("2 need attention" in c.plain for c in cadence)
        assert table.highlighted_person_id == team["bo"].id


async def test_a_team_change_moves_the_person_and_keeps_the_highlight(
    open_app: OpenApp, store: Store
) -> None:
    team = build_teams(store)
    async with open_app() as pilot:
        table = roster(pilot.app)
        table.select_person(team["di"].id)
        await settle(pilot)
        moved = store.person(team["di"].id)
        moved.team = "Apps"
        store.update_person(moved)
        pilot.app.reload_screens(team["di"].id)
        await settle(pilot)
        assert keys(table).index(team["di"].id) < keys(table).index(header("Platform"))
        assert table.highlighted_person_id == team["di"].id


@pytest.fixture
def big_org(store: Store, clock: ManualClock) -> dict[str, list[Person]]:
    org: dict[str, list[Person]] = {}
    for index in range(60):
        name = TEAMS[index % len(TEAMS)]
        person = store.add_person(Person(f"Person {index:02d}", team=name))
        org.setdefault(name, []).append(person)
        if index % 3:
            store.save_checkin(CheckIn(person.id, NOW.subtract(days=index % 9), mood=index % 5 + 1,
                                       no_follow_up=True))
    return org


@pytest.mark.slow
async def test_sixty_people_in_eight_teams_page_and_keep_the_highlight(
    make_app: Callable[[], NoticingApp], big_org: dict[str, list[Person]]
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        table = roster(app)
        assert len(keys(table)) == 68
        await pilot.press("pagedown", "pagedown")
        await settle(pilot)
        assert table.cursor_row > 20
        landed = table.highlighted_line
        assert landed is not None
        await pilot.press("pageup", "pageup", "pageup")
        await settle(pilot)
        assert table.cursor_row == 0
        for _ in range(5):
            await pilot.press("j")
        await settle(pilot)
        chosen = table.highlighted_line
        assert chosen is not None and not isinstance(chosen, TeamHeader)
        app.reload_screens(None)  # a full redraw
        await settle(pilot)
        assert table.highlighted_line == chosen
        assert isinstance(app.screen, DashboardScreen)
        assert app.screen.selected_person_id == chosen.person.id


async def test_the_chooser_puts_teams_starting_with_the_typed_letters_first(
    open_app: OpenApp, store: Store
) -> None:
    team = build_teams(store)
    async with open_app("t") as pilot:
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, TeamChooser), "the chooser")
        await pilot.press("p", "enter")  # "Apps" has a p too, but Platform starts with it
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, DashboardScreen), "back")
        await settle(pilot)
        assert keys(roster(pilot.app)) == [team["ada"].id, team["bo"].id]


async def test_clicking_a_highlighted_header_folds_the_team_and_checks_in_with_nobody(
    open_app: OpenApp, store: Store
) -> None:
    team = build_teams(store)
    async with open_app(notifications=True) as pilot:
        table = roster(pilot.app)
        # Rows start under the border and the column titles: Apps, Cy, then Platform's header.
        assert await pilot.click(Roster, offset=(4, 4))  # the first click highlights it
        await settle(pilot)
        assert table.highlighted_team is not None and len(keys(table)) == 7
        assert await pilot.click(Roster, offset=(4, 4))  # a click on the highlight chooses it
        await settle(pilot)
        assert isinstance(pilot.app.screen, DashboardScreen)
        assert team["ada"].id not in keys(table) and header("Platform") in keys(table)
        assert isinstance(pilot.app, NoticingApp) and not pilot.app.notice_texts()


async def test_choosing_someone_hidden_in_a_folded_team_or_behind_a_filter_shows_them(
    open_app: OpenApp, store: Store
) -> None:
    team = build_teams(store)
    async with open_app("down", "space") as pilot:  # Platform folded
        screen = pilot.app.screen
        assert isinstance(screen, DashboardScreen)
        table = roster(pilot.app)
        assert team["ada"].id not in keys(table)
        screen.select_person(team["ada"].id)  # as a search result or Today would
        await settle(pilot)
        assert table.highlighted_person_id == team["ada"].id
        assert screen.selected_person_id == team["ada"].id
        table.set_team_filter("")  # only the people with no team
        await settle(pilot)
        screen.select_person(team["cy"].id)
        await settle(pilot)
        assert table.team_filter is None and table.highlighted_person_id == team["cy"].id


async def test_team_names_are_shown_literally_in_headers_chooser_and_title(
    open_app: OpenApp, store: Store
) -> None:
    odd = "[b]Ops[/] [red]"
    store.add_person(Person("Ada Lovelace", team=odd))
    store.add_person(Person("Bo Berg", team="Apps"))
    async with open_app("t") as pilot:
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, TeamChooser), "the chooser")
        assert "[b]Ops[/]" in screen_text(pilot.app)
        await pilot.press(*"ops", "enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, DashboardScreen), "back")
        await settle(pilot)
        text = screen_text(pilot.app)
        assert "Team: [b]Ops[/]" in text and "\x1b" not in text
        await pilot.press("escape")
        await settle(pilot)
        assert "▾ [b]Ops[/]" in screen_text(pilot.app)


def first_palette_hit(app: object) -> str:
    assert isinstance(app, KindcheckApp)
    lists = app.screen.query("OptionList")
    if not lists or not lists.first().option_count:
        return ""
    return str(lists.first().get_option_at_index(0).prompt)


async def test_the_command_palette_shows_one_team_and_groups(
    open_app: OpenApp, store: Store
) -> None:
    build_teams(store)
    async with open_app() as pilot:
        table = roster(pilot.app)
        await pilot.press("ctrl+p", *"show one team")
        await wait_until(pilot, lambda: "Show one team" in first_palette_hit(pilot.app), "hit")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, TeamChooser), "the chooser")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, DashboardScreen), "back")
        await pilot.press("ctrl+p", *"group by team")
        await wait_until(pilot, lambda: "Group by team" in first_palette_hit(pilot.app), "hit")
        await pilot.press("enter")
        await wait_until(pilot, lambda: not table.grouped, "one list")


async def test_showing_a_team_that_empties_shows_everyone_again(
    open_app: OpenApp, store: Store
) -> None:
    team = build_teams(store)
    async with open_app() as pilot:
        table = roster(pilot.app)
        table.set_team_filter("Apps")
        await settle(pilot)
        assert keys(table) == [team["cy"].id]
        moved = store.person(team["cy"].id)
        moved.team = "Platform"
        store.update_person(moved)
        pilot.app.reload_screens(team["cy"].id)
        await settle(pilot)
        assert table.team_filter is None and table.border_title == "Team"
        assert table.highlighted_person_id == team["cy"].id
