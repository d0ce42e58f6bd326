"""Tab in the check-in form redraws what changed, not the whole screen, and the footer's keys
are not moved about (a move lays out the whole screen)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget

from kindcheck.domain.model import Person
from kindcheck.screens.checkin import CheckInScreen
from kindcheck.widgets.key_footer import KeyFooter
from tests.functional.harness import NoticingApp, settle, wait_until

UPGRADE = "Textual changed how a screen's focus is drawn: re-check CheckInScreen.focused."


async def _open_form(app: NoticingApp, pilot: Any) -> CheckInScreen:
    await settle(pilot)
    await pilot.press("c")
    await wait_until(pilot, lambda: isinstance(app.screen, CheckInScreen), "the form open")
    await settle(pilot)
    form = app.screen
    assert isinstance(form, CheckInScreen)
    return form


async def test_tab_does_not_repaint_the_whole_form(
    make_app: Callable[[], NoticingApp], team: dict[str, Person]
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 34)) as pilot:
        form = await _open_form(app, pilot)
        whole: list[str] = []
        refresh = form.refresh

        def counting(*regions: Any, **flags: Any) -> Screen[Any]:
            if not regions and flags.get("repaint", True):
                whole.append(str(app.focused))
            return refresh(*regions, **flags)

        form.refresh = counting  # type: ignore[method-assign]
        visited = []
        for _ in range(9):  # every field, the mood picker and the tick list among them
            await pilot.press("tab")
            await pilot.pause()
            visited.append(app.focused)
        assert len(set(visited)) >= 7
        # Each field redraws itself as it gains or loses focus; the screen need not.
        assert whole == []


async def test_tab_moves_no_footer_key(
    make_app: Callable[[], NoticingApp], team: dict[str, Person]
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 34)) as pilot:
        form = await _open_form(app, pilot)
        footer = form.query_one(KeyFooter)
        moved: list[Widget] = []
        move_child = footer.move_child

        def counting(child: Any, **where: Any) -> None:
            moved.append(child)
            move_child(child, **where)

        footer.move_child = counting  # type: ignore[method-assign]
        for _ in range(9):
            await pilot.press("tab")
            await pilot.pause()
        assert moved == []


def test_a_screens_focus_still_repaints_by_default_in_textual() -> None:
    # CheckInScreen turns this off for itself: if Textual stops repainting, the override can go;
    # if it stops being a Reactive, the override no longer means anything.
    focused = Screen.__dict__["focused"]
    assert isinstance(focused, Reactive), UPGRADE
    assert focused._repaint is True, UPGRADE
    ours = CheckInScreen.__dict__["focused"]
    assert isinstance(ours, Reactive) and ours._repaint is False
    # The binding refresh that moves the footer still comes from the inherited watcher.
    assert "_watch_focused" in Screen.__dict__, UPGRADE
