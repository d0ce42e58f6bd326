"""A person's summary: the little the dashboard needs, derived from their whole history.

The store keeps one summary per person in its small index file, so the dashboard, the agenda
and the insights open fast without reading years of notes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pendulum import DateTime

from kindcheck.domain.model import Commitment, FollowUp, Note, NoteKind, PersonHistory

# How many of the latest check-ins and activity moments a summary keeps.
RECENT_CHECKINS = 12
RECENT_ACTIVITY = 40


@dataclass(frozen=True, slots=True)
class CheckInGlance:
    """One past check-in, just enough for trends and insights."""

    at: DateTime
    mood: int | None
    asked_how_they_are: bool


@dataclass(slots=True)
class PersonSummary:
    person_id: str
    checkin_count: int = 0
    recent_checkins: list[CheckInGlance] = field(default_factory=list)  # oldest first
    # Check-ins and notes, latest RECENT_ACTIVITY moments, oldest first (for "hovering").
    recent_activity: list[DateTime] = field(default_factory=list)
    open_missing: list[Note] = field(default_factory=list)
    open_commitments: list[Commitment] = field(default_factory=list)
    planned_followups: list[FollowUp] = field(default_factory=list)
    progress_count: int = 0
    missing_count: int = 0
    kept_on_time: int = 0
    kept_late: int = 0

    @property
    def last_checkin_at(self) -> DateTime | None:
        return self.recent_checkins[-1].at if self.recent_checkins else None

    @property
    def next_followup(self) -> FollowUp | None:
        return self.planned_followups[0] if self.planned_followups else None

    @property
    def moods(self) -> list[int]:
        return [c.mood for c in self.recent_checkins if c.mood is not None]


def summarize(history: PersonHistory) -> PersonSummary:
    """Boil a person's history down to their summary."""
    checkins = sorted(history.checkins, key=lambda c: c.at)
    glances = [CheckInGlance(c.at, c.mood, c.asked_how_they_are) for c in checkins]
    moments = sorted([c.at for c in checkins] + [n.at for n in history.notes if not n.checkin_id])
    kept_on_time = kept_late = 0
    for commitment in history.commitments:
        if commitment.done_at is None:
            continue
        if commitment.due is not None and commitment.done_at.date() > commitment.due:
            kept_late += 1
        else:
            kept_on_time += 1
    return PersonSummary(
        person_id=history.person_id,
        checkin_count=len(checkins),
        recent_checkins=glances[-RECENT_CHECKINS:],
        recent_activity=moments[-RECENT_ACTIVITY:],
        open_missing=history.open_missing,
        open_commitments=history.open_commitments,
        planned_followups=history.planned_followups,
        progress_count=sum(1 for n in history.notes if n.kind is NoteKind.PROGRESS),
        missing_count=sum(1 for n in history.notes if n.kind is NoteKind.MISSING),
        kept_on_time=kept_on_time,
        kept_late=kept_late,
    )
