"""Insights that keep a leader honest: who is waiting, whether chats start with the human,
where attention turns into hovering, which promises slipped. The nudges these figures call
for are in `nudges`.

Everything here is pure and cheap: people and their summaries go in, plain figures come out.
"Now" is always passed in. Views over whole histories are in `trends`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from pendulum import Date, DateTime

from kindcheck.domain.cadence import CadenceState, CadenceStatus, cadence_status
from kindcheck.domain.model import Commitment, Person
from kindcheck.domain.summary import PersonSummary
from kindcheck.domain.trends import MOOD_WEEKS, PROGRESS_MONTHS

HOVER_WINDOW_DAYS = 28
HOVER_RATIO = 2.0
# One extra chat in a quiet month is care, not hovering: ask for a handful of moments first.
HOVER_MIN_MOMENTS = 4
STATUS_ONLY_RUN = 3
LOW_MOOD = 2
LOW_MOOD_RUN = 2


class Attention(StrEnum):
    """How a person's cadence looks: fine (green), due (yellow), long overdue (red)."""

    FINE = "fine"
    DUE = "due"
    LONG_OVERDUE = "long overdue"


def attention(person: Person, status: CadenceStatus) -> Attention:
    """Due (or never seen) is yellow; overdue by more than a whole cadence is red."""
    if status.state is CadenceState.FINE:
        return Attention.FINE
    if status.state is CadenceState.OVERDUE and status.days_overdue > person.cadence.approx_days:
        return Attention.LONG_OVERDUE
    return Attention.DUE


@dataclass(frozen=True, slots=True)
class HumanFirst:
    """Recent check-ins that asked how the person is, against status-only ones."""

    asked: int = 0
    total: int = 0
    status_only_run: int = 0  # status-only check-ins in a row, counting back from the latest

    @property
    def status_only(self) -> int:
        return self.total - self.asked

    @property
    def share(self) -> float | None:
        """Asked / total, or None when there is nothing to judge yet."""
        return self.asked / self.total if self.total else None

    @property
    def needs_a_nudge(self) -> bool:
        return self.status_only_run >= STATUS_ONLY_RUN


def human_first(summary: PersonSummary) -> HumanFirst:
    """From the summary's recent check-ins (oldest first)."""
    glances = summary.recent_checkins
    asked = sum(1 for glance in glances if glance.asked_how_they_are)
    run = 0
    for glance in reversed(glances):
        if glance.asked_how_they_are:
            break
        run += 1
    return HumanFirst(asked, len(glances), run)


@dataclass(frozen=True, slots=True)
class Hovering:
    """Conversations and notes in the last four weeks against what the cadence expects."""

    moments: int
    expected: float  # moments the current cadence plans for in the window

    @property
    def ratio(self) -> float:
        return self.moments / self.expected if self.expected else 0.0

    @property
    def is_hovering(self) -> bool:
        return self.moments >= HOVER_MIN_MOMENTS and self.ratio >= HOVER_RATIO


def hovering(person: Person, summary: PersonSummary, now: DateTime) -> Hovering:
    """Check-ins plus standalone notes within the window, judged by the *current* cadence."""
    start = now.subtract(days=HOVER_WINDOW_DAYS)
    moments = sum(1 for moment in summary.recent_activity if start < moment <= now)
    return Hovering(moments, HOVER_WINDOW_DAYS / person.cadence.approx_days)


@dataclass(frozen=True, slots=True)
class OpenPromise:
    """An open commitment and who it was made to."""

    person_name: str
    commitment: Commitment


@dataclass(frozen=True, slots=True)
class FollowThrough:
    """The leader's own promises: kept on time, kept late, still open (and open past due)."""

    kept_on_time: int = 0
    kept_late: int = 0
    open: int = 0
    open_late: int = 0
    oldest_open: OpenPromise | None = None  # the earliest made
    most_late: OpenPromise | None = None  # the one past due the longest

    @property
    def kept(self) -> int:
        return self.kept_on_time + self.kept_late

    @property
    def on_time_share(self) -> float | None:
        """Kept on time / kept, or None when nothing was kept yet."""
        return self.kept_on_time / self.kept if self.kept else None

    def __add__(self, other: FollowThrough) -> FollowThrough:
        oldest = [p for p in (self.oldest_open, other.oldest_open) if p is not None]
        late = [p for p in (self.most_late, other.most_late) if p is not None]
        return FollowThrough(
            self.kept_on_time + other.kept_on_time,
            self.kept_late + other.kept_late,
            self.open + other.open,
            self.open_late + other.open_late,
            min(oldest, key=lambda p: p.commitment.created_at, default=None),
            min(late, key=_late_order, default=None),
        )


def _late_order(promise: OpenPromise) -> tuple[Date, DateTime]:
    commitment = promise.commitment
    assert commitment.due is not None  # only late promises, which always have a due day
    return (commitment.due, commitment.created_at)


def follow_through(person: Person, summary: PersonSummary, now: DateTime) -> FollowThrough:
    """Promises to one person; "late" means open past its due day."""
    today = now.date()
    promises = summary.open_commitments
    late = [OpenPromise(person.name, c) for c in promises if c.is_late(today)]
    oldest = min(promises, key=lambda c: c.created_at, default=None)
    return FollowThrough(
        kept_on_time=summary.kept_on_time,
        kept_late=summary.kept_late,
        open=len(promises),
        open_late=len(late),
        oldest_open=OpenPromise(person.name, oldest) if oldest else None,
        most_late=min(late, key=_late_order, default=None),
    )


@dataclass(frozen=True, slots=True)
class PersonInsight:
    """Every figure for one person, from their summary alone."""

    person: Person
    status: CadenceStatus
    attention: Attention
    human_first: HumanFirst
    hovering: Hovering
    follow_through: FollowThrough
    progress_noted: int
    missing_noted: int
    moods: tuple[int, ...]  # recent check-ins with a mood, oldest first

    @property
    def low_mood(self) -> bool:
        recent = self.moods[-LOW_MOOD_RUN:]
        return len(recent) == LOW_MOOD_RUN and all(mood <= LOW_MOOD for mood in recent)


def person_insight(person: Person, summary: PersonSummary, now: DateTime) -> PersonInsight:
    """All figures for `person`."""
    status = cadence_status(person, summary.last_checkin_at, now)
    return PersonInsight(
        person=person,
        status=status,
        attention=attention(person, status),
        human_first=human_first(summary),
        hovering=hovering(person, summary, now),
        follow_through=follow_through(person, summary, now),
        progress_noted=summary.progress_count,
        missing_noted=summary.missing_count,
        moods=tuple(summary.moods),
    )


def person_insights(
    people: Iterable[Person], summaries: Mapping[str, PersonSummary], now: DateTime
) -> list[PersonInsight]:
    """Figures for every active person, by name. Archived people are left out."""
    active = sorted((p for p in people if not p.archived), key=lambda p: p.name.casefold())
    return [person_insight(p, summaries.get(p.id) or PersonSummary(p.id), now) for p in active]


@dataclass(frozen=True, slots=True)
class TeamInsight:
    """The same figures added up for the whole (active) team."""

    people: int = 0
    fine: int = 0
    due: int = 0
    long_overdue: int = 0
    human_first: HumanFirst = HumanFirst()
    hovering: int = 0  # people being hovered over
    follow_through: FollowThrough = FollowThrough()
    progress_noted: int = 0
    missing_noted: int = 0


def team_insight(insights: Sequence[PersonInsight]) -> TeamInsight:
    """Add up the per-person figures."""
    follow = FollowThrough()
    for insight in insights:
        follow = follow + insight.follow_through
    return TeamInsight(
        people=len(insights),
        fine=sum(1 for i in insights if i.attention is Attention.FINE),
        due=sum(1 for i in insights if i.attention is Attention.DUE),
        long_overdue=sum(1 for i in insights if i.attention is Attention.LONG_OVERDUE),
        human_first=HumanFirst(
            asked=sum(i.human_first.asked for i in insights),
            total=sum(i.human_first.total for i in insights),
        ),
        hovering=sum(1 for i in insights if i.hovering.is_hovering),
        follow_through=follow,
        progress_noted=sum(i.progress_noted for i in insights),
        missing_noted=sum(i.missing_noted for i in insights),
    )


HOW_COMPUTED: list[tuple[str, str]] = [
    (
        "Cadence",
        "Days since the last check-in, against each person's cadence. Yellow: due, or overdue "
        "by less than one cadence. Red: overdue by more than a whole cadence.",
    ),
    (
        "Human first",
        "Of the latest 12 check-ins, how many began with the person — a mood or a few words on "
        f"how they are — rather than status only. {STATUS_ONLY_RUN} status-only chats in a row "
        "bring a gentle note.",
    ),
    (
        "Hovering",
        f"Check-ins and quick notes in the last {HOVER_WINDOW_DAYS} days, divided by what the "
        f"current cadence plans for ({HOVER_WINDOW_DAYS} ÷ cadence days). {HOVER_RATIO:g}× or "
        f"more, with at least {HOVER_MIN_MOMENTS} moments, counts as hovering.",
    ),
    (
        "Promises",
        "Your commitments: kept on time, kept late (done after the due day), still open, and "
        "open past their due day.",
    ),
    (
        "Progress vs missing",
        "Progress notes against missing notes: all time in the table, per month for the last "
        f"{PROGRESS_MONTHS} months in the panels below.",
    ),
    (
        "Mood",
        "Each person's mood (1 low – 5 great) across their recent check-ins; the team line is "
        f"the average mood per week over the last {MOOD_WEEKS} weeks.",
    ),
    (
        "Nudges",
        "Most important first: a low mood, a long gap, late promises, status-only chats, "
        "hovering, a first chat, then noticing progress.",
    ),
]
