"""Initiative coverage and proposed follow-ups, on a fixed clock (Monday 23 Nov 2026, Berlin)."""

from __future__ import annotations

from itertools import pairwise

import pendulum
from pendulum import DateTime

from kindcheck.domain.initiative_plan import SLOT, propose
from kindcheck.domain.initiatives import Initiative, coverages, involvements, uncovered
from kindcheck.domain.model import FollowUp, FollowUpStatus, Person
from kindcheck.domain.summary import CheckInGlance, PersonSummary
from kindcheck.domain.working_hours import WorkingHours
from tests.conftest import NOW

ADA, LINUS, GRACE = Person("Ada Lovelace"), Person("Linus Torvalds"), Person("Grace Hopper")
TARGET = pendulum.date(2026, 12, 4)  # Friday of next week


def berlin(month: int, day: int, hour: int, minute: int = 0) -> DateTime:
    return pendulum.datetime(2026, month, day, hour, minute, tz="Europe/Berlin")


def launch(*people: Person, target: pendulum.Date | None = TARGET) -> Initiative:
    return Initiative("Q1 launch", [p.id for p in people], target)


def test_a_follow_up_before_the_target_covers_its_person() -> None:
    followups = [FollowUp(ADA.id, berlin(12, 1, 10))]
    assert uncovered(launch(ADA, LINUS), followups, NOW) == [LINUS.id]


def test_a_follow_up_on_the_target_day_or_later_comes_too_late() -> None:
    followups = [FollowUp(ADA.id, berlin(12, 4, 9)), FollowUp(LINUS.id, berlin(12, 7, 9))]
    assert uncovered(launch(ADA, LINUS), followups, NOW) == [ADA.id, LINUS.id]


def test_missed_and_cancelled_follow_ups_do_not_cover() -> None:
    followups = [
        FollowUp(ADA.id, NOW.subtract(hours=1)),
        FollowUp(LINUS.id, berlin(12, 1, 10), status=FollowUpStatus.CANCELLED),
    ]
    assert uncovered(launch(ADA, LINUS), followups, NOW) == [ADA.id, LINUS.id]


def test_without_a_target_any_follow_up_ahead_covers() -> None:
    followups = [FollowUp(ADA.id, berlin(12, 30, 10))]
    assert uncovered(launch(ADA, LINUS, target=None), followups, NOW) == [LINUS.id]


def test_a_done_initiative_needs_nothing() -> None:
    done = launch(ADA)
    done.done_at = NOW
    assert uncovered(done, [], NOW) == []
    assert coverages([done], [ADA], {}, NOW) == []


def test_coverage_leaves_archived_people_out() -> None:
    gone = Person("Old Timer", archived=True)
    [coverage] = coverages([launch(ADA, gone)], [ADA, gone], {}, NOW)
    assert coverage.people == (ADA,)
    assert coverage.uncovered == (ADA,)


def test_involvement_gives_last_and_next_conversation() -> None:
    last = NOW.subtract(days=3)
    summaries = {
        ADA.id: PersonSummary(ADA.id, 1, [CheckInGlance(last, 4, True)],
                              planned_followups=[FollowUp(ADA.id, berlin(11, 26, 14))]),
    }
    [coverage] = coverages([launch(ADA, LINUS)], [ADA, LINUS], summaries, NOW)
    ada, linus = involvements(coverage, summaries, NOW)
    assert (ada.last, ada.next, ada.uncovered) == (last, berlin(11, 26, 14), False)
    assert (linus.last, linus.next, linus.uncovered) == (None, None, True)


def test_proposals_are_free_within_hours_and_apart() -> None:
    busy = [berlin(11, 23, 10), berlin(11, 23, 11, 15)]
    proposals, left = propose([ADA, LINUS, GRACE], busy, NOW, TARGET)
    assert left == []
    times = [p.at for p in proposals]
    assert times == [berlin(11, 23, 10, 30), berlin(11, 23, 12), berlin(11, 23, 12, 30)]
    for at in times:
        assert WorkingHours().contains(at) and (at + SLOT).hour <= 17
        assert all(abs((at - b).total_seconds()) >= SLOT.total_seconds() for b in busy)
        assert at.date() < TARGET
    assert all(later - earlier >= SLOT for earlier, later in pairwise(times))


def test_proposals_spread_over_days_and_skip_weekends() -> None:
    people = [Person(f"Person {n}") for n in range(4)]
    friday_evening = berlin(11, 27, 16, 45)
    proposals, _ = propose(people, [], friday_evening, TARGET)
    days = [p.at.date() for p in proposals]
    assert days == [pendulum.date(2026, 11, 30)] * 3 + [pendulum.date(2026, 12, 1)]


def test_no_room_before_the_target_leaves_people_unproposed() -> None:
    proposals, left = propose([ADA], [], berlin(11, 27, 17), pendulum.date(2026, 11, 30))
    assert (proposals, left) == ([], [ADA])


def test_their_working_hours_are_kept_when_a_time_fits_both() -> None:
    new_york = Person("Sam Okafor", timezone="America/New_York")  # 6 hours behind Berlin
    [proposal], _ = propose([new_york], [], NOW, TARGET)
    assert proposal.at == berlin(11, 23, 15)  # 09:00 for Sam


def test_when_no_time_fits_both_the_leaders_hours_decide() -> None:
    tokyo = Person("Mika Tanaka", timezone="Asia/Tokyo")  # working days barely meet
    [proposal], _ = propose([tokyo], [], NOW, TARGET)
    assert proposal.at == berlin(11, 23, 10)


def test_a_week_changing_to_winter_time_keeps_wall_clock_hours() -> None:
    # Berlin leaves summer time on Sunday 25 Oct 2026.
    friday = berlin(10, 23, 16, 45)
    proposals, _ = propose([ADA, LINUS, GRACE, Person("Alan Turing")], [], friday,
                           pendulum.date(2026, 10, 31))
    assert [p.at.hour for p in proposals] == [9, 9, 10, 9]
    assert proposals[0].at.utcoffset() == pendulum.duration(hours=1)
    assert [p.at.date().day for p in proposals] == [26, 26, 26, 27]


def test_the_months_line_for_each_state() -> None:
    from kindcheck.widgets.initiative_list import coverage_line

    today = NOW.date()
    [both] = coverages([launch(ADA, LINUS)], [ADA, LINUS], {}, NOW)
    assert coverage_line(both, today) == (
        "Q1 launch (Fri 4 Dec): Ada and Linus have nothing planned before it")
    assert coverage_line(both, today, masked=True).startswith("•")
    [nobody] = coverages([launch()], [], {}, NOW)
    assert coverage_line(nobody, today) == "Q1 launch (Fri 4 Dec): nobody in it yet"
    [open_ended] = coverages([launch(ADA, target=None)], [ADA], {}, NOW)
    assert coverage_line(open_ended, today) == "Q1 launch: Ada has nothing planned"
    [passed] = coverages([launch(ADA, target=today)], [ADA], {}, NOW)
    assert coverage_line(passed, today) == "Q1 launch (Mon 23 Nov): its day has come"
    summaries = {ADA.id: PersonSummary(ADA.id, planned_followups=[FollowUp(ADA.id,
                                                                          berlin(12, 1, 10))])}
    [covered] = coverages([launch(ADA)], [ADA], summaries, NOW)
    assert coverage_line(covered, today) == (
        "Q1 launch (Fri 4 Dec): everyone has a follow-up planned before it")
