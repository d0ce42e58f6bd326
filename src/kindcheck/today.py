"""Today's agenda as plain text, for `kindcheck today` (and anything else that wants words).

Sections: follow-ups today (with the person's own time when their zone differs), people due
or overdue, my commitments due or late, follow-ups the leader's calendar cancelled (with how
to bring one back), then optional nudges. A kind line when all is clear.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from pendulum import DateTime

from kindcheck.domain.agenda import Agenda, AgendaCommitment, AgendaFollowUp, build_agenda
from kindcheck.domain.cadence import CadenceState
from kindcheck.domain.calendar import their_clock, their_time
from kindcheck.domain.dates import format_relative_day
from kindcheck.domain.model import Person
from kindcheck.domain.nudges import top_nudges
from kindcheck.domain.text import printable
from kindcheck.store.store import Store

if TYPE_CHECKING:
    from kindcheck.vdir.watch import CancelledInCalendar

INDENT = "  "
NAME_WIDTH_MAX = 24
ALL_CLEAR = (
    "All clear today: no follow-ups, nobody overdue, no promises due.\n"
    "A good day to simply ask someone how they are."
)
CANCELLED_HEADING = "Cancelled in your calendar"
RESTORE_HINT = "Bring one back with: kindcheck calendar restore PERSON"
EMPTY_TEAM = (
    "Nobody here yet.\n"
    "Add someone with:        kindcheck add-person \"Their Name\"\n"
    "Or load a sample team:   kindcheck demo"
)


def today_report(store: Store, now: DateTime, *, nudges: Sequence[str] | None = None,
                 cancelled: Sequence[CancelledInCalendar] = ()) -> str:
    """Today's agenda for everyone in `store`, as text ready to print.

    `nudges` defaults to the most important gentle insights about the team; `cancelled` are
    the follow-ups whose events were deleted in the leader's calendar (vdir/watch.py).
    """
    if store.is_empty:
        return EMPTY_TEAM
    people = store.people()
    summaries = store.summaries()
    if nudges is None:
        nudges = top_nudges(people, summaries, now)
    return render_agenda(build_agenda(people, summaries, now), now, nudges=nudges,
                         cancelled=cancelled)


def render_agenda(agenda: Agenda, now: DateTime, *, nudges: Sequence[str] = (),
                  cancelled: Sequence[CancelledInCalendar] = ()) -> str:
    """Render `agenda` as plain text.

    `nudges` is the hook for gentle insights (e.g. "You have not asked Sam how they are in
    a while"): each line is shown under its own heading after the agenda, as given.
    """
    lines = [f"Today · {now.format('ddd D MMM YYYY, HH:mm')}"]
    if agenda.followups:
        lines += ["", "Follow-ups today", *_followup_lines(agenda.followups, now)]
    if agenda.people:
        lines += ["", "Check-ins due", *_people_lines(agenda, now)]
    if agenda.commitments:
        lines += ["", "My commitments", *_commitment_lines(agenda.commitments, now)]
    if agenda.is_clear:
        lines += ["", ALL_CLEAR]
    if cancelled:
        lines += ["", CANCELLED_HEADING, *cancelled_lines(cancelled, now),
                  f"{INDENT}{RESTORE_HINT}"]
    # The nudges hook: lines come from the insights (domain/insights.py), shown as given.
    if nudges:
        lines += ["", "Gentle nudges", *(f"{INDENT}{_one_line(n)}" for n in nudges)]
    # Names, topics and promises come from the store, where an older version or another tool
    # may have left a control character: print a visible stand-in, never the character.
    return printable("\n".join(lines))


def _followup_lines(items: Sequence[AgendaFollowUp], now: DateTime) -> list[str]:
    whos = []
    for item in items:
        their_time = their_local_time(item.person, item.followup.at, now)
        whos.append(f"{item.person.name} ({their_time})" if their_time else item.person.name)
    width = min(max(len(who) for who in whos), NAME_WIDTH_MAX + 24)
    lines = []
    for item, who in zip(items, whos, strict=True):
        at = item.followup.at.in_timezone(now.timezone).format("HH:mm")
        text = f"{INDENT}{at}  {who.ljust(width)}  {_one_line(item.followup.topic)}".rstrip()
        if item.missed:
            text += "  · earlier today, not done yet"
        lines.append(text)
    return lines


def their_local_time(person: Person, moment: DateTime, now: DateTime) -> str:
    """"09:00 in New York" when the person's clock differs from the leader's, else ""."""
    ours = moment.in_timezone(now.timezone)
    theirs = their_time(person, ours)
    if theirs is None:
        return ""
    place = person.timezone.rsplit("/", 1)[-1].replace("_", " ")
    return f"{their_clock(theirs, ours)} in {place}"


def _people_lines(agenda: Agenda, now: DateTime) -> list[str]:
    width = _name_width(item.person for item in agenda.people)
    lines = []
    for item in agenda.people:
        status = item.status.describe()
        if item.status.state is not CadenceState.NEVER and item.status.days_since is not None:
            last = now.date().subtract(days=item.status.days_since)
            status += f" · last check-in {format_relative_day(last, now.date())}"
        lines.append(f"{INDENT}{item.person.name.ljust(width)}  {status}")
    return lines


def _commitment_lines(items: Sequence[AgendaCommitment], now: DateTime) -> list[str]:
    width = _name_width(item.person for item in items)
    lines = []
    for item in items:
        commitment = item.commitment
        assert commitment.due is not None  # the agenda only holds commitments with a due day
        when = format_relative_day(commitment.due, now.date())
        due = f"late, was due {when}" if item.late else f"due {when}"
        lines.append(
            f"{INDENT}{item.person.name.ljust(width)}  {_one_line(commitment.text)}"
            f"  ({commitment.category.value}, {due})"
        )
    return lines


def cancelled_lines(items: Sequence[CancelledInCalendar], now: DateTime) -> list[str]:
    """One line per follow-up the calendar cancelled: when, who, and the topic."""
    width = _name_width(item.person for item in items)
    lines = []
    for item in items:
        at = item.followup.at.in_timezone(now.timezone).format("ddd D MMM HH:mm")
        text = f"{INDENT}{at}  {item.person.name.ljust(width)}  {_one_line(item.followup.topic)}"
        lines.append(text.rstrip())
    return lines


def _name_width(people: Iterable[Person]) -> int:
    return min(max((len(p.name) for p in people), default=0), NAME_WIDTH_MAX)


def _one_line(text: str) -> str:
    return " ".join(text.split())
