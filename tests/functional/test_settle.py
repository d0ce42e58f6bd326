"""Settling a text changed on two machines: a line in Today, a dialog with both texts, keys
to keep one, the other, or both (Pilot: keys pressed, the screen and the store checked)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kindcheck.dialogs.settle import SettleDialog
from kindcheck.domain.model import Person
from kindcheck.store.files import write_atomic
from kindcheck.store.merge import merge_index, merge_person_file
from kindcheck.store.store import Store
from kindcheck.widgets.today import SETTLE, TodayPane
from tests.functional.conftest import OpenApp, screen_text, wait_until

OURS = "Shipped the export [bold]at last[/]"  # user text is never markup
THEIRS = "Shipped the CSV export"


def edited(path: Path, table: str, field: str, text: str) -> dict[str, Any]:
    document = json.loads(path.read_text())
    row = next(iter(document[table].values()))
    row[field] = text
    return document


def conflict_in_note(store: Store, person: Person) -> str:
    """Both machines changed the first note of `person`: merged, as `kindcheck sync` would."""
    path = store.person_file(person.id)
    base = json.loads(path.read_text())
    merged = merge_person_file(base, edited(path, "notes", "text", OURS),
                               edited(path, "notes", "text", THEIRS))
    write_atomic(path, json.dumps(merged.document).encode())
    [note_id] = merged.flagged
    return note_id


def today_rows(app: Any) -> list[str]:
    """Today's rows as plain text (the pane wraps them on screen)."""
    today = app.screen.query_one(TodayPane)
    return [str(today.get_option_at_index(n).prompt) for n in range(today.option_count)]


async def go_to_settle_row(pilot: Any) -> TodayPane:
    today = pilot.app.screen.query_one(TodayPane)
    await pilot.press("tab")
    await wait_until(pilot, lambda: today.highlighted_item is not None
                     and today.highlighted_item.kind == SETTLE, "the settle row highlighted")
    return today


def stored_note(store: Store, person: Person, note_id: str) -> dict[str, Any]:
    document = json.loads(store.person_file(person.id).read_text())
    return next(r for r in document["notes"].values() if r["id"] == note_id)


async def test_today_says_a_note_changed_on_two_machines_and_b_keeps_both(
    open_app: OpenApp, store: Store, team: dict[str, Person]
) -> None:
    ada = team["ada"]
    note_id = conflict_in_note(store, ada)
    async with open_app() as pilot:
        app = pilot.app
        text = screen_text(app)
        assert "Changed on two machines" in text
        assert "A note was changed on two machines: settle it · Ada Lovelace" in today_rows(app)
        await go_to_settle_row(pilot)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, SettleDialog), "the dialog")
        shown = screen_text(app)
        assert "A note about Ada Lovelace was changed on two machines" in shown
        assert OURS in shown and THEIRS in shown  # literally, markup and all
        await pilot.press("b")
        await wait_until(pilot, lambda: not isinstance(app.screen, SettleDialog), "closed")
        await wait_until(pilot, lambda: not any("settle it" in r for r in today_rows(app)),
                         "Today updated")
    row = stored_note(store, ada, note_id)
    assert row["text"] in (f"{THEIRS}\n\n{OURS}", f"{OURS}\n\n{THEIRS}")
    assert "conflict" not in row
    assert store.to_settle() == []


async def test_2_keeps_the_second_text_and_escape_leaves_it_for_later(
    open_app: OpenApp, store: Store, team: dict[str, Person]
) -> None:
    ada = team["ada"]
    note_id = conflict_in_note(store, ada)
    [item] = store.to_settle()
    async with open_app() as pilot:
        app = pilot.app
        await go_to_settle_row(pilot)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, SettleDialog), "the dialog")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, SettleDialog), "closed")
        assert "conflict" in stored_note(store, ada, note_id)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, SettleDialog), "again")
        await pilot.press("2")
        await wait_until(pilot, lambda: not isinstance(app.screen, SettleDialog), "closed")
    row = stored_note(store, ada, note_id)
    assert row["text"] == item.texts[1] and "conflict" not in row
    assert [n.text for n in store.history(ada.id).notes if n.id == note_id] == [item.texts[1]]


async def test_what_matters_changed_on_two_machines_is_settled_in_the_index(
    open_app: OpenApp, store: Store, store_path: Path, team: dict[str, Person]
) -> None:
    ada = team["ada"]
    base = json.loads(store_path.read_text())

    def with_what_matters(text: str) -> dict[str, Any]:
        document = json.loads(store_path.read_text())
        for row in document["people"].values():
            if row["id"] == ada.id:
                row["what_matters"] = text
        return document

    merged = merge_index(base, with_what_matters("Her climbing trip"),
                         with_what_matters("Her daughter's school"))
    write_atomic(store_path, json.dumps(merged.document).encode())
    store.refresh()
    async with open_app() as pilot:
        app = pilot.app
        assert "What matters was changed on two machines: settle it · Ada Lovelace" in (
            today_rows(app))
        await go_to_settle_row(pilot)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, SettleDialog), "the dialog")
        assert "What matters to Ada Lovelace was changed on two machines" in screen_text(app)
        await pilot.press("1")
        await wait_until(pilot, lambda: not isinstance(app.screen, SettleDialog), "closed")
    kept = sorted(["Her climbing trip", "Her daughter's school"])[0]
    assert store.person(ada.id).what_matters == kept
    row = next(r for r in json.loads(store_path.read_text())["people"].values()
               if r["id"] == ada.id)
    assert row["what_matters"] == kept and "conflict" not in row
    assert Store.open(store_path).person(ada.id).what_matters == kept
