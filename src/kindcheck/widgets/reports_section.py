"""The check-in form's "How are your people doing?": one optional line per report.

Shown only for someone who manages others. Each line typed here is kept, on saving, as a note
about that report, heard through this manager (see domain/heard.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from kindcheck.domain.model import Person
from kindcheck.widgets import css_beside
from kindcheck.widgets.literal import user_text

TITLE = "How are your people doing?"
HINT = "a line each, kept in their history."


def line_id(person_id: str) -> str:
    """The Input's id for a report's line (person ids are letters, digits, - and _)."""
    return f"report-line-{person_id}"


class ReportLine(Input):
    """One report's line. A pasted paragraph joins into the line, instead of all but its
    first line being dropped (what a one-line Input does with a paste)."""

    def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # Input's own handler would keep only the first line
        event.stop()
        joined = " ".join(part.strip() for part in event.text.splitlines() if part.strip())
        if not joined:
            return
        if self.selection.is_empty:
            self.insert_text_at_cursor(joined)
        else:
            self.replace(joined, *self.selection)


class ReportsSection(Vertical):
    """A title and, for each report, their name above one line of text."""

    DEFAULT_CSS = css_beside(__file__)

    def __init__(
        self,
        reports: Sequence[Person],
        lines: Mapping[str, str],
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._reports = list(reports)
        self._initial = dict(lines)

    def compose(self) -> ComposeResult:
        title = Content.assemble((TITLE, "bold"), "  ", (HINT, "italic $text-muted"))
        yield Static(title, classes="field-label")
        for person in self._reports:
            yield Static(user_text(person.name, one_line=True), classes="report-name")
            yield ReportLine(
                self._initial.get(person.id, ""),
                placeholder="how they are, in a line (optional)",
                id=line_id(person.id),
                classes="report-line",
                # Selecting on focus would let the next key replace a line kept from a draft,
                # or the first letter typed on the mood picker and handed on here.
                select_on_focus=False,
            )

    @property
    def report_ids(self) -> list[str]:
        """The reports shown, in order."""
        return [person.id for person in self._reports]

    @property
    def lines(self) -> dict[str, str]:
        """Each report's line as typed, for reports with something typed."""
        found: dict[str, str] = {}
        for person in self._reports:
            value = self.query_one(f"#{line_id(person.id)}", Input).value
            if value:
                found[person.id] = value
        return found

    def clear(self, keep: Mapping[str, str] | None = None) -> None:
        """Empty every line, or set each to what `keep` holds for it."""
        keep = keep or {}
        for person in self._reports:
            self.query_one(f"#{line_id(person.id)}", Input).value = keep.get(person.id, "")
