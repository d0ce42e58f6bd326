"""Today's agenda: follow-ups today, people due or overdue, my commitments due or late."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from pendulum import DateTime

from kindcheck.domain.cadence import CadenceState, CadenceStatus, cadence_status
from kindcheck.domain.clock import zone_of
from kindcheck.domain.model import Commitment, FollowUp, Person
from kindcheck.domain.summary import PersonSummary


@dataclass(frozen=True, slots=True)
class AgendaFollowUp:
    person: Person
    followup: FollowUp
    missed: bool  # its time has passed today and no check-in happened yet


@dataclass(frozen=True, slots=True)
class AgendaPerson:
    person: Person
    status: CadenceStatus


@dataclass(frozen=True, slots=True)
class AgendaCommitment:
    person: Person
    commitment: Commitment
    late: bool


@dataclass(slots=True)
class Agenda:
    followups: list[AgendaFollowUp] = field(default_factory=list)
    people: list[AgendaPerson] = field(default_factory=list)
    commitments: list[AgendaCommitment] = field(default_factory=list)

    @property
    def is_clear(self) -> bool:
        return not (self.followups or self.people or self.commitments)


def build_agenda(
    people: Iterable[Person], summaries: Mapping[str, PersonSummary], now: DateTime
) -> Agenda:
    """Everything that asks for the leader's attention today, for active people."""
    today = now.date()
    agenda = Agenda()
    for person in people:
        if person.archived:
            continue
        summary = summaries.get(person.id) or PersonSummary(person.id)
        for followup in summary.planned_followups:
            if followup.at.in_timezone(zone_of(now)).date() == today:
                agenda.followups.append(AgendaFollowUp(person, followup, followup.at < now))
        status = cadence_status(person, summary.last_checkin_at, now)
        if status.state is not CadenceState.FINE:
            agenda.people.append(AgendaPerson(person, status))
        for commitment in summary.open_commitments:
            if commitment.due is not None and commitment.due <= today:
                agenda.commitments.append(
                    AgendaCommitment(person, commitment, commitment.is_late(today))
                )
    agenda.followups.sort(key=lambda item: item.followup.at)
    state_rank = {CadenceState.OVERDUE: 0, CadenceState.DUE: 1, CadenceState.NEVER: 2}
    agenda.people.sort(
        key=lambda item: (
            state_rank[item.status.state], -item.status.days_overdue, item.person.name.casefold()
        )
    )
    agenda.commitments.sort(key=lambda item: (item.commitment.due, item.person.name.casefold()))
    return agenda
