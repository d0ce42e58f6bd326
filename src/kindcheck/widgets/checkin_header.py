"""The top of the check-in form: what to remember about a person before the conversation."""

from __future__ import annotations

from collections.abc import Mapping

from pendulum import DateTime
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from kindcheck.domain.checkin_draft import describe_day
from kindcheck.domain.dates import format_ago
from kindcheck.domain.heard import heard_since_last_checkin, heard_through
from kindcheck.domain.model import Person, PersonHistory
from kindcheck.widgets import css_beside
from kindcheck.widgets.cut import HEADER_NAME_CELLS, HEADER_ROLE_CELLS, cut
from kindcheck.widgets.literal import shown
from kindcheck.widgets.mood_picker import MOOD_WORDS
from kindcheck.widgets.privacy import veil


class CheckInHeader(VerticalScroll, can_focus=False):
    """Name and role, what matters to them, last time's "how they were", what is still open.

    Not focusable: it is something to glance at while typing, so tab skips it. With the
    privacy mask on, everything but the name is veiled.
    """

    DEFAULT_CSS = css_beside(__file__)

    def __init__(
        self,
        person: Person | None,
        history: PersonHistory | None,
        now: DateTime,
        *,
        masked: bool = False,
        names: Mapping[str, str] | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._person = person
        self._history = history
        self._now = now
        self._masked = masked
        self._names: Mapping[str, str] = names or {}

    def compose(self) -> ComposeResult:
        yield Static(id="header-name")
        yield Static(id="header-matters")
        yield Static(id="header-last")
        yield Static(id="header-heard")
        yield Static(id="header-missing")
        yield Static(id="header-commitments")

    def on_mount(self) -> None:
        self._render_parts()

    def show(
        self,
        person: Person | None,
        history: PersonHistory | None,
        now: DateTime,
        *,
        masked: bool = False,
        names: Mapping[str, str] | None = None,
    ) -> None:
        """Bring the header up to date (another process wrote, or the mask changed)."""
        self._person, self._history, self._now = person, history, now
        self._masked = masked
        if names is not None:
            self._names = names
        if self.is_mounted:
            self._render_parts()

    def _render_parts(self) -> None:
        person, history, now, masked = self._person, self._history, self._now, self._masked
        self.query_one("#header-name", Static).update(_name(person, masked))
        self.query_one("#header-matters", Static).update(_what_matters(person, masked))
        self.query_one("#header-last", Static).update(_last_time(history, now, masked))
        heard = self.query_one("#header-heard", Static)
        heard.update(_heard(history, now, masked, self._names))
        heard.display = bool(history and heard_since_last_checkin(history))
        self.query_one("#header-missing", Static).update(_open_missing(history, now, masked))
        self.query_one("#header-commitments", Static).update(
            _open_commitments(history, now, masked)
        )


def _name(person: Person | None, masked: bool) -> Content:
    if person is None:
        return Content("Check-in")
    if person.role:
        return Content.from_markup(
            "[b]Check-in with $name[/b] [dim]· $role[/dim]",
            name=cut(person.name, HEADER_NAME_CELLS),
            role=cut(veil(person.role, masked), HEADER_ROLE_CELLS),
        )
    return Content.from_markup(
        "[b]Check-in with $name[/b]", name=cut(person.name, HEADER_NAME_CELLS)
    )


def _what_matters(person: Person | None, masked: bool) -> Content:
    if person is None or not person.what_matters.strip():
        return Content.from_markup(
            "[b]What matters to them[/b]\n[dim]Not noted yet: perhaps ask today.[/dim]"
        )
    return Content.from_markup(
        "[b]What matters to them[/b]\n$matters",
        matters=shown(veil(person.what_matters.strip(), masked)),
    )


def _last_time(history: PersonHistory | None, now: DateTime, masked: bool) -> Content:
    last = history.last_checkin if history else None
    if last is None:
        return Content.from_markup(
            "[b]Last time[/b]\n[dim]Your first check-in: start with how they are.[/dim]"
        )
    mood = f" · mood {last.mood}/5, {MOOD_WORDS[last.mood]}" if last.mood else ""
    how = shown(veil(last.how_they_are.strip(), masked)) or "(how they were was not noted)"
    return Content.from_markup(
        "[b]Last time[/b] [dim]$ago$mood[/dim]\n$how",
        ago=format_ago(last.at, now),
        mood=mood,
        how=how,
    )


def _heard(
    history: PersonHistory | None, now: DateTime, masked: bool, names: Mapping[str, str]
) -> Content:
    # What their manager said about them since we last talked: worth asking about today.
    notes = heard_since_last_checkin(history) if history else []
    lines = [Content.from_markup("[b]Heard since last time[/b]")]
    lines += [
        Content.from_markup(
            "Heard via $who on $day: $text",
            who=shown(heard_through(note, names), one_line=True),
            day=note.at.format("ddd" if (now - note.at).in_days() < 6 else "ddd D MMM"),
            text=shown(veil(note.text, masked)),
        )
        for note in notes
    ]
    return Content("\n").join(lines)


def _open_missing(history: PersonHistory | None, now: DateTime, masked: bool) -> Content:
    items = history.open_missing if history else []
    if not items:
        return Content.from_markup("[b]Still missing[/b]\n[dim]Nothing open.[/dim]")
    lines = [Content.from_markup("[b]Still missing[/b] [dim]($count)[/dim]", count=len(items))]
    lines += [
        Content.from_markup(
            "• $text [dim]· $ago[/dim]",
            text=shown(veil(note.text, masked)),
            ago=format_ago(note.at, now),
        )
        for note in items
    ]
    return Content("\n").join(lines)


def _open_commitments(history: PersonHistory | None, now: DateTime, masked: bool) -> Content:
    items = history.open_commitments if history else []
    if not items:
        return Content.from_markup("[b]My open promises[/b]\n[dim]None open.[/dim]")
    today = now.date()
    lines = [Content.from_markup("[b]My open promises[/b] [dim]($count)[/dim]", count=len(items))]
    for commitment in items:
        detail = commitment.category.value
        if commitment.due is not None:
            detail += f" · due {describe_day(commitment.due, today)}"
        line = Content.from_markup(
            "• $text [dim]· $detail[/dim]",
            text=shown(veil(commitment.text, masked)),
            detail=detail,
        )
        if commitment.is_late(today):
            line += Content.styled(" · late", "bold $text-warning")
        lines.append(line)
    return Content("\n").join(lines)
