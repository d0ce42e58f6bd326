"""Opening the person editor must not change how the check-in form is laid out."""

from __future__ import annotations

from kindcheck.app import KindcheckApp
from kindcheck.domain.clock import ManualClock
from kindcheck.screens.checkin import CheckInScreen
from kindcheck.store.store import Store


async def test_form_labels_keep_their_width_after_the_editor_was_open(
    store: Store, clock: ManualClock
) -> None:
    app = KindcheckApp(store, clock, poll_seconds=0, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Ada", "ctrl+s")
        await pilot.pause()
        assert [p.name for p in store.people()] == ["Ada"]
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        label = app.screen.query(".field-label").first()
        assert label.region.width == label.parent.scrollable_content_region.width
        assert label.region.height == 1
