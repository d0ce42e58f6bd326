"""Progress vs. missing for one person: what is going well beside what is in their way."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pendulum import DateTime
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from kindcheck.domain.heard import heard_through
from kindcheck.domain.model import Note, NoteKind, Person, PersonHistory
from kindcheck.widgets import css_beside
from kindcheck.widgets.literal import shown
from kindcheck.widgets.privacy import veil
from kindcheck.widgets.tones import Tones, tones

# Years of notes would make a long list; the newest ones are the ones that matter here.
MAX_SHOWN = 100


def missing_notes(history: PersonHistory) -> list[Note]:
    """Open missing items first (oldest first: they have waited longest), then resolved ones."""
    missing = [n for n in history.notes if n.kind is NoteKind.MISSING]
    still_open = sorted((n for n in missing if n.is_open), key=lambda n: n.at)
    resolved = sorted(
        (n for n in missing if not n.is_open),
        key=lambda n: n.resolved_at or n.at,
        reverse=True,
    )
    return still_open + resolved[: max(0, MAX_SHOWN - len(still_open))]


def progress_notes(history: PersonHistory) -> list[Note]:
    """Progress items, newest first."""
    progress = [n for n in history.notes if n.kind is NoteKind.PROGRESS]
    return sorted(progress, key=lambda n: n.at, reverse=True)[:MAX_SHOWN]


def _day(moment: DateTime, now: DateTime) -> str:
    local = moment.in_timezone(now.timezone) if now.timezone else moment
    return local.format("D MMM") if local.year == now.year else local.format("D MMM YYYY")


def note_line(
    note: Note, now: DateTime, masked: bool, tone: Tones, names: Mapping[str, str] | None = None
) -> Text:
    """One note as a list row; resolved missing items are dimmed; heard ones say via whom."""
    text = shown(veil(note.text, masked))
    if note.heard_from is not None:
        who = shown(heard_through(note, names or {}), one_line=True)
        return Text.assemble(("~ ", tone.success), (f"via {who}: ", "italic"), text,
                             (f"  {_day(note.at, now)}", "dim"))
    if note.kind is NoteKind.MISSING and note.resolved_at is not None:
        resolved = f"  resolved {_day(note.resolved_at, now)}"
        return Text.assemble(("✓ ", tone.success), (text, "dim"), (resolved, "dim italic"))
    marker = ("○ ", tone.warning) if note.kind is NoteKind.MISSING else ("+ ", tone.success)
    return Text.assemble(marker, text, (f"  {_day(note.at, now)}", "dim"))


class NoteList(OptionList):
    """A list of notes that moves with arrows or j/k."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="notes.down"),
        Binding("k", "cursor_up", "Up", show=False, id="notes.up"),
    ]


class MissingList(NoteList):
    """Missing items; `x` resolves the highlighted one, or reopens it."""

    BINDINGS = [
        Binding(
            "x",
            "toggle_resolved",
            "Resolve/reopen",
            tooltip="Resolve the highlighted missing item, or reopen it",
            id="missing.toggle",
        )
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_resolved":
            return self.highlighted_option is not None or None
        return True

    def action_toggle_resolved(self) -> None:
        option = self.highlighted_option
        if option is not None and option.id:
            self.post_message(ProgressMissing.ResolveToggled(option.id))


class ProgressMissing(Vertical):
    """Two columns for the selected person: missing items (open ones first) and progress."""

    DEFAULT_CSS = css_beside(__file__)

    @dataclass
    class ResolveToggled(Message):
        """The leader resolved a missing item, or reopened a resolved one."""

        note_id: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Progress vs. missing"
        self.person: Person | None = None
        self._notes: dict[str, Note] = {}
        self._shown = 0  # which call of show() the progress list, filled a turn later, is for

    def compose(self) -> ComposeResult:
        with Horizontal(id="pm-columns"):
            with Vertical(classes="pm-column"):
                yield Label("Missing", classes="pm-heading")
                yield MissingList(id="missing")
            with Vertical(classes="pm-column"):
                yield Label("Progress", classes="pm-heading")
                yield NoteList(id="progress")

    def note(self, note_id: str) -> Note | None:
        return self._notes.get(note_id)

    def show(
        self,
        person: Person | None,
        history: PersonHistory | None,
        now: DateTime,
        *,
        masked: bool,
        names: Mapping[str, str] | None = None,
    ) -> None:
        """Show `person`'s notes; keeps the highlight on the same note after a change.

        `names` are everyone's, to say whom a note was heard through.
        """
        self.person = person
        missing_list = self.query_one("#missing", MissingList)
        progress_list = self.query_one("#progress", NoteList)
        self._shown += 1
        if person is None or history is None:
            self.border_title = "Progress vs. missing"
            self._notes = {}
            missing_list.clear_options()
            progress_list.clear_options()
            return
        name = shown(person.name, one_line=True)
        self.border_title = Content.assemble("Progress vs. missing — ", name)
        missing, progress = missing_notes(history), progress_notes(history)
        self._notes = {n.id: n for n in missing + progress}
        _fill(missing_list, missing, now, masked, "Nothing missing. Lovely.")
        # The progress list a turn later: with years of notes the two lists (every row wrapped
        # to know its height) would keep the app from answering keys for several frames.
        this_show = self._shown

        def fill_progress() -> None:
            if this_show == self._shown:  # not shown someone else (or no one) since
                _fill(progress_list, progress, now, masked,
                      "No progress noted yet: press n to add some.", names)

        self.call_after_refresh(fill_progress)


def _fill(
    target: OptionList, notes: list[Note], now: DateTime, masked: bool, empty: str,
    names: Mapping[str, str] | None = None,
) -> None:
    previous = target.highlighted_option.id if target.highlighted_option else None
    if not notes:
        target.set_options([Option(Text(empty, style="italic dim"), disabled=True)])
        return
    tone = tones(target)
    target.set_options([Option(note_line(n, now, masked, tone, names), id=n.id) for n in notes])
    ids = [n.id for n in notes]
    target.highlighted = ids.index(previous) if previous in ids else 0
