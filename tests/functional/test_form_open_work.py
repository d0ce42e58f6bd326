"""Opening the check-in form restyles its widgets once, not once more for the screen's width."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.dom import DOMNode

from kindcheck.domain.model import Person
from kindcheck.screens.checkin import CheckInScreen
from tests.functional.harness import NoticingApp, settle, wait_until


async def _whole_form_restyles(app: NoticingApp, pilot: Any) -> int:
    restyled: list[DOMNode] = []
    update_styles = app.update_styles

    def counting(node: DOMNode, animate: bool = True) -> None:
        restyled.append(node)
        update_styles(node, animate=animate)

    app.update_styles = counting  # type: ignore[method-assign]
    await pilot.press("c")
    await wait_until(pilot, lambda: isinstance(app.screen, CheckInScreen), "the form open")
    await settle(pilot)
    return sum(isinstance(node, CheckInScreen) for node in restyled)


async def test_a_wide_form_is_restyled_once_as_it_opens(
    make_app: Callable[[], NoticingApp], team: dict[str, Person]
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        # Textual restyles a screen as it comes up; the "-wide" class must not cost another.
        assert await _whole_form_restyles(app, pilot) == 1
        assert app.screen.has_class("-wide") and not app.screen.has_class("-narrow")


async def test_a_narrow_form_is_restyled_once_as_it_opens(
    make_app: Callable[[], NoticingApp], team: dict[str, Person]
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 34)) as pilot:
        await settle(pilot)
        assert await _whole_form_restyles(app, pilot) == 1
        assert app.screen.has_class("-narrow") and not app.screen.has_class("-wide")


async def test_the_fields_sit_straight_in_the_form(
    make_app: Callable[[], NoticingApp], team: dict[str, Person]
) -> None:
    # Every widget is styled, laid out and drawn on open, and the whole form redrawn on Tab:
    # no container per field (there were six), only what shows something.
    app = make_app()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, CheckInScreen), "the form open")
        form = app.screen.query_one("#checkin-form")
        assert len(list(form.walk_children())) <= 26
        assert [label.parent for label in app.screen.query(".field-label")] == [form] * 6
