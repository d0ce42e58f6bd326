"""The check-in form's words: each field's title and hint, and the line said on saving."""

from __future__ import annotations

from pendulum import DateTime
from textual.content import Content
from textual.widgets import Static

from kindcheck.domain.checkin_draft import describe_saved_at
from kindcheck.domain.dates import Understood
from kindcheck.domain.model import FollowUp

# Each field's title and its one-line hint, read together as one sentence.
LABELS = {
    "how": ("How are they doing?", "Start with the human, and the people around them."),
    "progress": ("Progress", "not just problems: what is going well? One item per line."),
    "missing": ("What is missing", "not what is wrong: what is in their way? One per line."),
    "their_words": ("In their own words", "how they see it, and what they will own next."),
    "help": ("How can I help?", "one promise per line, like tools: new laptop by fri."),
    "follow_up": ("Next follow-up", "end with when you talk again, or none, by choice."),
}
STATUS_NEW = "Everything you type is kept as a draft, so nothing gets lost."
STATUS_DISCARDED = "Draft discarded: a fresh start."
OPEN_BEFORE = "From before: space ticks what got resolved today; the rest stays open."


def field_label(key: str) -> Static:
    """The title of a form field and its hint, as one line."""
    title, hint = LABELS[key]
    text = Content.assemble((title, "bold"), "  ", (hint, "italic $text-muted"))
    return Static(text, classes="field-label")


def saved_message(name: str, followup: FollowUp | None, now: DateTime) -> str:
    """A warm line confirming the save and naming the next step."""
    if followup is None:
        return f"Check-in with {name} saved. No follow-up planned, by your choice."
    when = Understood(followup.at, has_time=True).describe(now)
    return f"Check-in with {name} saved. Next: {when}."


def status_on_open(blank: bool, restored_from: DateTime | None, now: DateTime) -> str:
    """The form's first line: a promise that nothing is lost, or a welcome back to a draft."""
    if blank:
        return STATUS_NEW
    if restored_from is None:
        return "Draft restored: welcome back. ctrl+d starts over."
    when = describe_saved_at(restored_from, now)
    return f"Draft restored from {when}: welcome back. ctrl+d starts over."
