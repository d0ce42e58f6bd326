"""Nudges: the gentle suggestions a person's figures call for (see `insights`), most
important first, with the short signal the roster shows next to a name.

Pure: people, their summaries and "now" go in, kindly worded sentences come out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from pendulum import DateTime

from kindcheck.domain.cadence import CadenceState
from kindcheck.domain.insights import (
    LOW_MOOD_RUN,
    Attention,
    PersonInsight,
    person_insight,
    person_insights,
)
from kindcheck.domain.model import Person
from kindcheck.domain.summary import PersonSummary


class NudgeKind(StrEnum):
    """What a nudge is about, most important first."""

    LOW_MOOD = "low mood"
    LONG_GAP = "long gap"
    LATE_PROMISE = "late promise"
    STATUS_ONLY = "status only"
    HOVERING = "hovering"
    FIRST_CHAT = "first chat"
    ONLY_PROBLEMS = "only problems"


_RANK = {kind: rank for rank, kind in enumerate(NudgeKind)}

# The short words the roster shows next to a name.
SIGNALS: dict[NudgeKind, str] = {
    NudgeKind.LOW_MOOD: "↓ low mood",
    NudgeKind.LONG_GAP: "! long gap",
    NudgeKind.LATE_PROMISE: "late promise",
    NudgeKind.STATUS_ONLY: "status only",
    NudgeKind.HOVERING: "↑ hovering",
    NudgeKind.FIRST_CHAT: "new",
    NudgeKind.ONLY_PROBLEMS: "no progress noted",
}


@dataclass(frozen=True, slots=True)
class Nudge:
    """A gentle suggestion about one person."""

    kind: NudgeKind
    person_id: str
    person_name: str
    text: str
    weight: float = 0.0  # within a kind, heavier comes first
    private: str = ""  # personal words quoted in `text` (a promise), hidden under the mask

    @property
    def signal(self) -> str:
        return SIGNALS[self.kind]

    def veiled(self, mask: str) -> str:
        """The text with its personal words replaced by `mask`, for screen sharing."""
        return self.text.replace(self.private, mask) if self.private else self.text


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def person_nudges(insight: PersonInsight) -> list[Nudge]:
    """The nudges one person's figures call for, most important first."""
    person, name = insight.person, insight.person.name
    found: list[Nudge] = []

    def nudge(kind: NudgeKind, text: str, weight: float = 0.0, private: str = "") -> None:
        found.append(Nudge(kind, person.id, name, text, weight, private))

    if insight.low_mood:
        recent = insight.moods[-LOW_MOOD_RUN:]
        nudge(
            NudgeKind.LOW_MOOD,
            f"{name}'s mood was low in the last {len(recent)} check-ins — "
            "maybe ask what would make things lighter.",
            weight=-sum(recent) / len(recent),
        )
    status = insight.status
    if insight.attention is Attention.LONG_OVERDUE:
        nudge(
            NudgeKind.LONG_GAP,
            f"It's been {status.days_since} days since you talked with {name} "
            f"(plan: {person.cadence}) — a short check-in soon could mean a lot.",
            weight=status.days_overdue / person.cadence.approx_days,
        )
    follow = insight.follow_through
    if follow.most_late is not None:
        first = follow.most_late.commitment
        due = first.due.format("ddd D MMM") if first.due else "its day"
        if follow.open_late == 1:
            text = f"You promised {name} “{first.text}” by {due} — finishing it, or saying when, "
        else:
            text = (
                f"{follow.open_late} promises to {name} are past due, the oldest “{first.text}” "
                f"({due}) — finishing them, or saying when, "
            )
        nudge(
            NudgeKind.LATE_PROMISE,
            text + "keeps their trust.",
            weight=follow.open_late,
            private=first.text,
        )
    human = insight.human_first
    if human.needs_a_nudge:
        nudge(
            NudgeKind.STATUS_ONLY,
            f"Your last {human.status_only_run} chats with {name} were about status only — "
            "next time, maybe start with how they are.",
            weight=human.status_only_run,
        )
    hover = insight.hovering
    if hover.is_hovering:
        nudge(
            NudgeKind.HOVERING,
            f"You've checked in with {name} {hover.moments} times in 4 weeks while the plan is "
            f"{person.cadence} — some room to work shows your trust.",
            weight=hover.ratio,
        )
    if status.state is CadenceState.NEVER:
        nudge(
            NudgeKind.FIRST_CHAT,
            f"You haven't had a check-in with {name} yet — a first chat about how they are "
            "is a lovely start.",
        )
    if insight.progress_noted == 0 and insight.missing_noted >= 2:
        nudge(
            NudgeKind.ONLY_PROBLEMS,
            f"You've noted {_plural(insight.missing_noted, 'missing item')} for {name} but no "
            "progress yet — what is going well?",
            weight=insight.missing_noted,
        )
    return found


def nudges(
    people: Iterable[Person], summaries: Mapping[str, PersonSummary], now: DateTime
) -> list[Nudge]:
    """Every nudge for the active team, ordered by importance, then by weight, then by name."""
    found = [
        nudge
        for insight in person_insights(people, summaries, now)
        for nudge in person_nudges(insight)
    ]
    found.sort(key=lambda n: (_RANK[n.kind], -n.weight, n.person_name.casefold()))
    return found


def top_nudges(
    people: Iterable[Person], summaries: Mapping[str, PersonSummary], now: DateTime, limit: int = 3
) -> list[str]:
    """The words of the most important nudges, for `kindcheck today`."""
    return [nudge.text for nudge in nudges(people, summaries, now)[:limit]]


def roster_signal(person: Person, summary: PersonSummary, now: DateTime) -> str:
    """A short word or glyph for the roster ("↑ hovering", "status only"), or "" if all is well."""
    if person.archived:
        return ""
    found = person_nudges(person_insight(person, summary, now))
    if not found:
        return ""
    return min(found, key=lambda n: (_RANK[n.kind], -n.weight)).signal


