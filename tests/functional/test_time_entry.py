"""One time-entry widget: an Input read with the domain's date grammar, said back under it."""

from __future__ import annotations

import inspect

import pytest
from pendulum import DateTime
from textual import on
from textual.app import App, ComposeResult
from textual.widgets import Input, Static

from kindcheck.dialogs import plan_followup, reschedule
from kindcheck.domain.calendar import read_planned_time
from kindcheck.domain.clock import ManualClock
from kindcheck.widgets import followup_field
from kindcheck.widgets.time_entry import TimeEntry, TimeHint, TimeValidator


class EntryHost(App[None]):
    def __init__(self, clock: ManualClock) -> None:
        super().__init__()
        self.clock = clock
        self.submitted: list[TimeHint] = []

    def read(self, typed: str) -> TimeHint:
        return TimeHint.planned(read_planned_time(typed, self.clock()))

    def compose(self) -> ComposeResult:
        yield TimeEntry(self.read, "tomorrow 14:30", input_id="when", hint_id="when-hint")

    @on(TimeEntry.Submitted)
    def _submitted(self, event: TimeEntry.Submitted) -> None:
        self.submitted.append(event.hint)


def _hint(app: App[None]) -> Static:
    return app.query_one("#when-hint", Static)


async def test_it_says_what_was_understood_and_validates_with_the_same_reading(
    clock: ManualClock, now: DateTime
) -> None:
    app = EntryHost(clock)
    async with app.run_test(size=(80, 10)) as pilot:
        field = app.query_one("#when", Input)
        assert str(_hint(app).render()) == "Tue 24 Nov 14:30, tomorrow"
        assert field.validate(field.value) is not None and field.is_valid
        field.value = "someday"
        await pilot.pause()
        result = field.validate(field.value)
        assert result is not None and not result.is_valid
        assert result.failure_descriptions == [str(_hint(app).render())]
        assert "can't read 'someday'" in result.failure_descriptions[0]
        assert _hint(app).has_class("-error")
        field.value = "today 20:00"
        await pilot.pause()
        assert _hint(app).has_class("-warning") and field.is_valid
        field.focus()
        await pilot.press("enter")
        assert [hint.at for hint in app.submitted] == [now.at(20, 0)]


async def test_an_unreadable_field_keeps_its_usual_frame(clock: ManualClock) -> None:
    app = EntryHost(clock)
    async with app.run_test(size=(80, 10)) as pilot:
        field = app.query_one("#when", Input)
        frame = field.styles.border
        field.value = "someday"
        await pilot.pause()
        assert field.has_class("-invalid") and field.styles.border == frame


def test_the_validator_answers_from_the_reader(clock: ManualClock) -> None:
    validator = TimeValidator(lambda typed: TimeHint.planned(read_planned_time(typed, clock())))
    assert validator.validate("fri 10:00").is_valid
    refused = validator.validate("none")
    assert not refused.is_valid and "leave with escape" in refused.failure_descriptions[0]


def test_every_place_a_time_is_typed_uses_it() -> None:
    for module in (plan_followup, reschedule, followup_field):
        source = inspect.getsource(module)
        assert "TimeEntry(" in source, module.__name__
        assert "Input.Changed, \"#plan-when\"" not in source


async def test_the_hint_grows_and_shrinks_with_its_text_and_only_then_lays_out_again(
    clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Laying out is most of a key's cost here: one-line hint to one-line hint needs none."""
    app = EntryHost(clock)
    async with app.run_test(size=(40, 12)) as pilot:
        field, hint = app.query_one("#when", Input), _hint(app)
        await pilot.pause()
        assert hint.size.height == 1
        layouts: list[bool] = []
        update = Static.update

        def counted(self: Static, content: object = "", *, layout: bool = True) -> None:
            if self is hint:
                layouts.append(layout)
            update(self, content, layout=layout)  # type: ignore[arg-type]

        monkeypatch.setattr(Static, "update", counted)
        field.value = "tomorrow 9:00"
        await pilot.pause()
        assert str(hint.render()) == "Tue 24 Nov 09:00, tomorrow" and layouts == [False]
        field.value = "a day nobody has heard of at all"  # the reason is longer than a line
        await pilot.pause()
        assert layouts[-1] is True and hint.size.height > 1
        assert "can't read" in str(hint.render())
        field.value = "fri 10:00"
        await pilot.pause()
        assert layouts[-1] is True and hint.size.height == 1  # back to one line, laid out
        assert str(hint.render()).startswith("Fri 27 Nov 10:00")
