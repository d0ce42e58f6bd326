"""The privacy mask: personal text disappears, names stay, and it is plain to see it is on."""

from __future__ import annotations

from collections.abc import Callable

from kindcheck.app import KindcheckApp
from kindcheck.domain.model import Person
from kindcheck.screens.search import SearchScreen
from kindcheck.widgets.privacy import BANNER_TEXT, MASK
from tests.functional.conftest import SIZE, screen_text, settle, wait_until

AppFactory = Callable[[], KindcheckApp]

PRIVATE_WORDS = (
    "Engineer",  # a role
    "No access to the staging logs",  # a missing item
    "Shipped the export",  # a progress item
    "Staging access",  # a follow-up topic
    "Ask ops for log access",  # a commitment
)


async def test_p_hides_personal_text_but_keeps_names(
    make_app: AppFactory, team: dict[str, Person]
) -> None:
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await pilot.pause()  # Today and the notes are filled in just after the first frame
        before = screen_text(app)
        for words in PRIVATE_WORDS:
            assert words in before, words
        assert BANNER_TEXT not in before

        await pilot.press("p")
        await pilot.pause()
        masked = screen_text(app)
        for words in PRIVATE_WORDS:
            assert words not in masked, words
        for name in ("Ada Lovelace", "Sam Okafor", "Mika Tanaka"):
            assert name in masked
        assert BANNER_TEXT in masked
        assert MASK in masked
        assert app.sub_title == BANNER_TEXT

        await pilot.press("p")
        await pilot.pause()
        again = screen_text(app)
        assert BANNER_TEXT not in again
        assert "No access to the staging logs" in again


async def test_the_mask_follows_the_selection_and_other_screens(
    make_app: AppFactory, team: dict[str, Person]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "j", "j")
        await pilot.pause()
        assert "New onboarding flow" not in screen_text(app)
        assert "Progress vs. missing — Mika Tanaka" in screen_text(app)

        await pilot.press("slash")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"onboarding")
        await wait_until(pilot, lambda: "1 match" in screen_text(app))
        text = screen_text(app)
        assert "Mika Tanaka" in text
        assert "New onboarding flow" not in text
        assert BANNER_TEXT in text


async def test_the_mask_shows_on_the_help_screen_too(
    make_app: AppFactory, team: dict[str, Person]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "question_mark")
        assert BANNER_TEXT in screen_text(app)
