"""The check-in form's stylesheets are read while the dashboard is up, not when the form opens.

Textual re-parses every stylesheet and restyles every widget of the app when a screen brings a
stylesheet file it has not seen, and parses again for each widget class new to it: on the first
form of a session, a pause of several frames just as the leader starts typing.
"""

from __future__ import annotations

from collections.abc import Callable

from kindcheck.domain.model import Person
from kindcheck.screens.checkin import CheckInScreen
from kindcheck.stylesheets import css_paths
from tests.functional.harness import NoticingApp, settle, wait_until

CHECKIN_CSS = str(css_paths(CheckInScreen)[0])


async def test_the_first_form_finds_every_stylesheet_read_and_parses_nothing(
    make_app: Callable[[], NoticingApp], team: dict[str, Person]
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        stylesheet = app.stylesheet
        await wait_until(
            pilot,
            lambda: stylesheet.has_source(CHECKIN_CSS) and not stylesheet._require_parse,
            "the form's stylesheet read ahead",
        )
        sources_before = dict(stylesheet.source)
        rules_before = stylesheet.rules
        dashboard = app.screen
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, CheckInScreen), "the form open")
        await settle(pilot)
        assert app.screen is not dashboard
        # Not one new source (a widget class missing from the list read ahead would add its
        # DEFAULT_CSS here), and no re-parse (it would replace the rules).
        assert set(stylesheet.source) - set(sources_before) == set()
        assert stylesheet.source == sources_before
        assert stylesheet.rules is rules_before


async def test_reading_ahead_changes_nothing_the_dashboard_shows(
    make_app: Callable[[], NoticingApp], team: dict[str, Person]
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        stylesheet = app.stylesheet
        await wait_until(pilot, lambda: stylesheet.has_source(CHECKIN_CSS), "read ahead")
        await settle(pilot)
        shown_styles = {
            node: node.styles.base.css_lines for node in app.screen.walk_children(with_self=True)
        }
        # What Textual itself would have done on the first form: restyle everything.
        stylesheet.update(app)
        assert {
            node: node.styles.base.css_lines for node in app.screen.walk_children(with_self=True)
        } == shown_styles
