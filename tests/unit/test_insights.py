"""Insights and trends, checked against values worked out by hand."""

from __future__ import annotations

import pendulum
import pytest
from pendulum import Date, DateTime

from kindcheck.domain.cadence import CadenceState
from kindcheck.domain.insights import (
    HOW_COMPUTED,
    Attention,
    FollowThrough,
    OpenPromise,
    follow_through,
    hovering,
    human_first,
    person_insight,
    person_insights,
    team_insight,
)
from kindcheck.domain.model import (
    Cadence,
    CheckIn,
    Commitment,
    Note,
    NoteKind,
    Person,
    PersonHistory,
)
from kindcheck.domain.nudges import NudgeKind, nudges, roster_signal, top_nudges
from kindcheck.domain.summary import CheckInGlance, PersonSummary, summarize
from kindcheck.domain.trends import mood_by_week, progress_by_month
from kindcheck.store.store import Store
from tests.conftest import NOW


def ago(days: int, hour: int = 10) -> DateTime:
    return NOW.subtract(days=days).replace(hour=hour, minute=0)


def person(name: str = "Ada", cadence: str = "weekly", **extra: object) -> Person:
    return Person(name, cadence=Cadence.parse(cadence), **extra)  # type: ignore[arg-type]


def history_of(who: Person, *, checkins: list[CheckIn] | None = None,
               notes: list[Note] | None = None,
               commitments: list[Commitment] | None = None) -> PersonSummary:
    return summarize(PersonHistory(who.id, checkins or [], notes or [], commitments or []))


def talks(who: Person, days_ago: list[int], **fields: object) -> list[CheckIn]:
    return [CheckIn(who.id, ago(days), **fields) for days in days_ago]  # type: ignore[arg-type]


# -- cadence: neglected -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_ago", "attention", "state"),
    [
        (3, Attention.FINE, CadenceState.FINE),  # due in 4 days
        (7, Attention.DUE, CadenceState.DUE),  # due today: yellow
        (14, Attention.DUE, CadenceState.OVERDUE),  # overdue by 7 = one cadence: still yellow
        (15, Attention.LONG_OVERDUE, CadenceState.OVERDUE),  # overdue by 8 > 7: red
    ],
)
def test_attention_follows_the_cadence(
    days_ago: int, attention: Attention, state: CadenceState
) -> None:
    ada = person()
    insight = person_insight(ada, history_of(ada, checkins=talks(ada, [days_ago], mood=4)), NOW)
    assert insight.status.state is state
    assert insight.attention is attention
    assert insight.status.days_since == days_ago


def test_never_checked_in_counts_as_due() -> None:
    ada = person()
    insight = person_insight(ada, PersonSummary(ada.id), NOW)
    assert insight.status.state is CadenceState.NEVER
    assert insight.attention is Attention.DUE
    assert insight.moods == ()


def test_a_monthly_cadence_turns_red_only_after_a_whole_month_overdue() -> None:
    noor = person("Noor", "monthly")
    # Last talk 23 Aug; due 23 Sep; overdue by 61 days on 23 Nov: more than 30.
    long_ago = person_insight(noor, history_of(noor, checkins=talks(noor, [92])), NOW)
    assert long_ago.attention is Attention.LONG_OVERDUE
    # Last talk 12 Oct: due 12 Nov, overdue by 11 days: yellow.
    recent = person_insight(noor, history_of(noor, checkins=talks(noor, [42])), NOW)
    assert recent.status.days_overdue == 11
    assert recent.attention is Attention.DUE


# -- human first ----------------------------------------------------------------------------


def test_human_first_with_no_check_ins_has_no_share() -> None:
    figure = human_first(PersonSummary("x"))
    assert (figure.asked, figure.total, figure.status_only_run) == (0, 0, 0)
    assert figure.share is None
    assert not figure.needs_a_nudge


def test_human_first_with_one_check_in() -> None:
    ada = person()
    figure = human_first(history_of(ada, checkins=talks(ada, [2], how_they_are="Good")))
    assert (figure.asked, figure.total, figure.share) == (1, 1, 1.0)


def test_a_mood_alone_counts_as_asking() -> None:
    ada = person()
    assert human_first(history_of(ada, checkins=talks(ada, [2], mood=3))).asked == 1


def test_all_status_only_check_ins() -> None:
    sam = person("Sam")
    figure = human_first(history_of(sam, checkins=talks(sam, [20, 13, 6, 1])))
    assert (figure.asked, figure.total, figure.status_only, figure.share) == (0, 4, 4, 0.0)
    assert figure.status_only_run == 4
    assert figure.needs_a_nudge


def test_the_status_only_run_counts_back_from_the_latest() -> None:
    sam = person("Sam")
    checkins = [
        *talks(sam, [30, 25]),  # status only, but long before the last warm chat
        CheckIn(sam.id, ago(20), how_they_are="Fine"),
        *talks(sam, [13, 6]),  # only two in a row: no nudge yet
    ]
    figure = human_first(history_of(sam, checkins=checkins))
    assert (figure.asked, figure.total, figure.status_only_run) == (1, 5, 2)
    assert figure.share == pytest.approx(0.2)
    assert not figure.needs_a_nudge


def test_human_first_looks_at_the_summary_window_only() -> None:
    # 15 warm chats then none: the summary keeps the latest 12 glances.
    ada = person()
    figure = human_first(history_of(ada, checkins=talks(ada, list(range(15, 0, -1)), mood=4)))
    assert (figure.asked, figure.total) == (12, 12)


# -- hovering -------------------------------------------------------------------------------


def test_eight_chats_and_a_note_in_four_weeks_on_a_weekly_cadence_is_hovering() -> None:
    ada = person()
    summary = history_of(
        ada,
        checkins=talks(ada, [24, 20, 16, 13, 9, 6, 3, 1], mood=4),
        notes=[Note(ada.id, NoteKind.PROGRESS, "Led the review", ago(2))],
    )
    figure = hovering(ada, summary, NOW)
    assert figure.moments == 9
    assert figure.expected == 4.0  # 28 / 7
    assert figure.ratio == pytest.approx(2.25)
    assert figure.is_hovering


def test_exactly_twice_the_cadence_is_hovering_and_just_under_is_not() -> None:
    ada = person()
    twice = hovering(ada, history_of(ada, checkins=talks(ada, [27, 24, 20, 16, 12, 8, 4, 1])), NOW)
    assert (twice.moments, twice.ratio, twice.is_hovering) == (8, 2.0, True)
    under = hovering(ada, history_of(ada, checkins=talks(ada, [24, 20, 16, 12, 8, 4, 1])), NOW)
    assert (under.moments, under.ratio, under.is_hovering) == (7, 1.75, False)


def test_the_window_is_the_last_28_days_and_not_the_future() -> None:
    ada = person()
    checkins = [
        CheckIn(ada.id, NOW.subtract(days=28)),  # exactly 28 days ago: outside
        CheckIn(ada.id, NOW.subtract(days=27, hours=23)),  # just inside
        CheckIn(ada.id, NOW.add(days=1)),  # a mistyped future date does not count
    ]
    assert hovering(ada, history_of(ada, checkins=checkins), NOW).moments == 1


def test_a_note_taken_during_a_check_in_is_not_counted_twice() -> None:
    ada = person()
    checkin = CheckIn(ada.id, ago(2), mood=4)
    note = Note(ada.id, NoteKind.PROGRESS, "Shipped", ago(2), checkin_id=checkin.id)
    assert hovering(ada, history_of(ada, checkins=[checkin], notes=[note]), NOW).moments == 1


def test_one_extra_chat_in_a_quiet_month_is_not_hovering() -> None:
    noor = person("Noor", "monthly")
    summary = history_of(noor, checkins=talks(noor, [20, 10, 2]))
    figure = hovering(noor, summary, NOW)
    assert figure.expected == pytest.approx(28 / 30)
    assert figure.ratio == pytest.approx(3 / (28 / 30))  # 3.2×, yet only 3 moments
    assert not figure.is_hovering
    four = hovering(noor, history_of(noor, checkins=talks(noor, [20, 10, 5, 2])), NOW)
    assert four.is_hovering


def test_hovering_uses_the_current_cadence() -> None:
    ada = person()
    summary = history_of(ada, checkins=talks(ada, [24, 20, 16, 13, 9, 6, 3, 1]))
    assert hovering(ada, summary, NOW).is_hovering
    ada.cadence = Cadence.parse("2d")  # agreed to talk every other day now
    figure = hovering(ada, summary, NOW)
    assert figure.expected == 14.0
    assert figure.ratio == pytest.approx(8 / 14)
    assert not figure.is_hovering


def test_no_activity_is_zero_not_an_error() -> None:
    ada = person()
    figure = hovering(ada, PersonSummary(ada.id), NOW)
    assert (figure.moments, figure.ratio, figure.is_hovering) == (0, 0.0, False)


# -- follow-through -------------------------------------------------------------------------


def test_commitments_kept_on_time_late_and_open() -> None:
    sam = person("Sam")
    commitments = [
        Commitment(sam.id, "On time", ago(30), due=ago(20).date(), done_at=ago(21)),
        Commitment(sam.id, "Due day itself", ago(30), due=ago(20).date(), done_at=ago(20, 23)),
        Commitment(sam.id, "No due day", ago(30), done_at=ago(3)),
        Commitment(sam.id, "Late", ago(30), due=ago(20).date(), done_at=ago(18)),
        Commitment(sam.id, "Open, past due", ago(15), due=ago(1).date()),
        Commitment(sam.id, "Open, very late", ago(12), due=ago(9).date()),
        Commitment(sam.id, "Open, due today", ago(40), due=NOW.date()),
        Commitment(sam.id, "Open, no due day", ago(5)),
    ]
    figure = follow_through(sam, history_of(sam, commitments=commitments), NOW)
    assert (figure.kept_on_time, figure.kept_late, figure.open, figure.open_late) == (3, 1, 4, 2)
    assert figure.kept == 4
    assert figure.on_time_share == pytest.approx(0.75)
    assert figure.oldest_open is not None
    assert figure.oldest_open.commitment.text == "Open, due today"  # made 40 days ago
    assert figure.oldest_open.person_name == "Sam"
    assert figure.most_late is not None
    assert figure.most_late.commitment.text == "Open, very late"


def test_nothing_kept_yet_has_no_on_time_share() -> None:
    figure = FollowThrough(open=2)
    assert figure.kept == 0
    assert figure.on_time_share is None


def test_follow_through_adds_up_across_people() -> None:
    early = OpenPromise("Ada", Commitment("a", "Early", ago(30), due=ago(2).date()))
    later = OpenPromise("Sam", Commitment("s", "Later", ago(10), due=ago(5).date()))
    total = FollowThrough(1, 0, 1, 1, early, early) + FollowThrough(2, 1, 1, 1, later, later)
    assert (total.kept_on_time, total.kept_late, total.open, total.open_late) == (3, 1, 2, 2)
    assert total.oldest_open is early  # made first
    assert total.most_late is later  # due first
    assert FollowThrough() + FollowThrough() == FollowThrough()


# -- the team -------------------------------------------------------------------------------


def test_archived_people_are_left_out(store: Store, team: dict[str, Person]) -> None:
    store.set_archived(team["mika"].id)
    insights = person_insights(store.people(include_archived=True), store.summaries(), NOW)
    assert [i.person.name for i in insights] == ["Ada Lovelace", "Sam Okafor"]
    everyone = store.people(include_archived=True)
    assert all(n.person_id != team["mika"].id for n in nudges(everyone, store.summaries(), NOW))
    assert roster_signal(store.person(team["mika"].id), store.summary(team["mika"].id), NOW) == ""


def test_the_small_team_from_the_store(store: Store, team: dict[str, Person]) -> None:
    insights = {i.person.name: i for i in person_insights(store.people(), store.summaries(), NOW)}
    ada, mika, sam = insights["Ada Lovelace"], insights["Mika Tanaka"], insights["Sam Okafor"]
    # Ada: weekly, last talk 10 days ago: overdue by 3 days, which is yellow.
    assert (ada.attention, ada.status.days_overdue) == (Attention.DUE, 3)
    assert (ada.human_first.asked, ada.human_first.total) == (1, 1)
    assert (ada.follow_through.open, ada.follow_through.open_late) == (1, 1)
    assert (ada.progress_noted, ada.missing_noted, ada.moods) == (1, 1, (3,))
    assert mika.attention is Attention.FINE
    assert sam.status.state is CadenceState.NEVER
    team_figures = team_insight(list(insights.values()))
    assert (team_figures.people, team_figures.fine, team_figures.due) == (3, 1, 2)
    assert team_figures.long_overdue == 0
    assert (team_figures.human_first.asked, team_figures.human_first.total) == (2, 2)
    assert (team_figures.progress_noted, team_figures.missing_noted) == (2, 1)
    assert team_figures.follow_through.oldest_open is not None
    assert team_figures.follow_through.oldest_open.person_name == "Ada Lovelace"


def test_an_empty_team_divides_by_nothing() -> None:
    figures = team_insight([])
    assert figures.people == 0
    assert figures.human_first.share is None
    assert figures.follow_through.on_time_share is None
    assert nudges([], {}, NOW) == []
    assert top_nudges([], {}, NOW) == []


# -- progress and mood over time ------------------------------------------------------------


def test_progress_and_missing_per_month_for_six_months() -> None:
    notes = [
        Note("a", NoteKind.PROGRESS, "p", pendulum.datetime(2026, 11, 20, tz="Europe/Berlin")),
        Note("a", NoteKind.PROGRESS, "p", pendulum.datetime(2026, 11, 2, tz="Europe/Berlin")),
        Note("a", NoteKind.MISSING, "m", pendulum.datetime(2026, 9, 15, tz="Europe/Berlin")),
        # 23:30 UTC on 31 Oct is already 1 Nov in Berlin: the leader's calendar decides.
        Note("a", NoteKind.MISSING, "m", pendulum.datetime(2026, 10, 31, 23, 30, tz="UTC")),
        Note("a", NoteKind.PROGRESS, "p", pendulum.datetime(2026, 6, 1, tz="Europe/Berlin")),
        Note("a", NoteKind.PROGRESS, "too old", pendulum.datetime(2026, 5, 31, tz="Europe/Berlin")),
        Note("a", NoteKind.PROGRESS, "future", pendulum.datetime(2026, 11, 30, tz="Europe/Berlin")),
    ]
    tallies = progress_by_month(notes, NOW)
    assert [(t.month, t.progress, t.missing) for t in tallies] == [
        (Date(2026, 6, 1), 1, 0),
        (Date(2026, 7, 1), 0, 0),
        (Date(2026, 8, 1), 0, 0),
        (Date(2026, 9, 1), 0, 1),
        (Date(2026, 10, 1), 0, 0),
        (Date(2026, 11, 1), 2, 1),
    ]


def test_progress_by_month_with_no_notes_is_all_zero() -> None:
    tallies = progress_by_month([], NOW, months=3)
    assert [(t.month.month, t.progress, t.missing) for t in tallies] == [
        (9, 0, 0), (10, 0, 0), (11, 0, 0),
    ]


def test_team_mood_is_the_average_per_week() -> None:
    checkins = [
        CheckIn("a", pendulum.datetime(2026, 11, 23, 9, tz="Europe/Berlin"), mood=4),  # Mon
        CheckIn("b", pendulum.datetime(2026, 11, 22, 18, tz="Europe/Berlin"), mood=2),  # Sun
        CheckIn("c", pendulum.datetime(2026, 11, 16, 9, tz="Europe/Berlin"), mood=5),  # Mon
        CheckIn("d", pendulum.datetime(2026, 11, 18, 9, tz="Europe/Berlin"), mood=None),
        CheckIn("e", pendulum.datetime(2026, 11, 23, 15, tz="Europe/Berlin"), mood=1),  # later
    ]
    glances = [CheckInGlance(pendulum.datetime(2026, 11, 9, 9, tz="Europe/Berlin"), 3, True)]
    weeks = mood_by_week([*checkins, *glances], NOW, weeks=4)
    assert [(w.week, w.average, w.count) for w in weeks] == [
        (Date(2026, 11, 2), None, 0),
        (Date(2026, 11, 9), 3.0, 1),
        (Date(2026, 11, 16), 3.5, 2),  # 5 and 2: the Sunday belongs to the week before
        (Date(2026, 11, 23), 4.0, 1),  # the 15:00 check-in is still in the future
    ]


# -- nudges ---------------------------------------------------------------------------------


def build_honest_team() -> tuple[list[Person], dict[str, PersonSummary]]:
    """One person for each kind of nudge, plus someone doing fine and an archived person."""
    low = person("Lou")
    gap = person("Gus", "biweekly")
    late = person("Lina")
    status = person("Sam")
    hover = person("Ada")
    new = person("Nia")
    problems = person("Pat")
    fine = person("Fay")
    gone = person("Old", archived=True)
    summaries = {
        low.id: history_of(low, checkins=[CheckIn(low.id, ago(8), mood=3),
                                          CheckIn(low.id, ago(5), mood=2),
                                          CheckIn(low.id, ago(1), mood=1)]),
        gap.id: history_of(gap, checkins=talks(gap, [40], mood=4),
                           notes=[Note(gap.id, NoteKind.PROGRESS, "ok", ago(40))]),
        late.id: history_of(late, checkins=talks(late, [2], mood=4), commitments=[
            Commitment(late.id, "Order a chair", ago(20), due=Date(2026, 11, 19)),
            Commitment(late.id, "Fix the rota", ago(20), due=Date(2026, 11, 21)),
        ]),
        status.id: history_of(status, checkins=[CheckIn(status.id, ago(22), mood=4),
                                                *talks(status, [15, 8, 1])]),
        hover.id: history_of(hover, checkins=talks(hover, [24, 20, 16, 13, 9, 6, 3, 1], mood=4),
                             notes=[Note(hover.id, NoteKind.PROGRESS, "Led it", ago(2))]),
        new.id: PersonSummary(new.id),
        problems.id: history_of(problems, checkins=talks(problems, [2], mood=4), notes=[
            Note(problems.id, NoteKind.MISSING, "No laptop", ago(2)),
            Note(problems.id, NoteKind.MISSING, "No access", ago(9)),
        ]),
        fine.id: history_of(fine, checkins=talks(fine, [2], mood=4),
                            notes=[Note(fine.id, NoteKind.PROGRESS, "Shipped", ago(2))]),
        gone.id: history_of(gone, checkins=talks(gone, [300]), commitments=[
            Commitment(gone.id, "Send the reference", ago(300), due=ago(290).date()),
        ]),
    }
    people = [low, gap, late, status, hover, new, problems, fine, gone]
    return people, summaries


def test_nudges_are_ordered_by_importance_and_worded_kindly() -> None:
    people, summaries = build_honest_team()
    found = nudges(people, summaries, NOW)
    assert [(n.kind, n.person_name) for n in found] == [
        (NudgeKind.LOW_MOOD, "Lou"),
        (NudgeKind.LONG_GAP, "Gus"),
        (NudgeKind.LATE_PROMISE, "Lina"),
        (NudgeKind.STATUS_ONLY, "Sam"),
        (NudgeKind.HOVERING, "Ada"),
        (NudgeKind.FIRST_CHAT, "Nia"),
        (NudgeKind.ONLY_PROBLEMS, "Pat"),
    ]
    words = {n.kind: n.text for n in found}
    assert words[NudgeKind.LOW_MOOD] == (
        "Lou's mood was low in the last 2 check-ins — maybe ask what would make things lighter."
    )
    assert words[NudgeKind.LONG_GAP] == (
        "It's been 40 days since you talked with Gus (plan: biweekly) — a short check-in soon "
        "could mean a lot."
    )
    assert words[NudgeKind.LATE_PROMISE] == (
        "2 promises to Lina are past due, the oldest “Order a chair” (Thu 19 Nov) — finishing "
        "them, or saying when, keeps their trust."
    )
    assert words[NudgeKind.STATUS_ONLY] == (
        "Your last 3 chats with Sam were about status only — next time, maybe start with how "
        "they are."
    )
    assert words[NudgeKind.HOVERING] == (
        "You've checked in with Ada 9 times in 4 weeks while the plan is weekly — some room to "
        "work shows your trust."
    )
    assert "Nia" in words[NudgeKind.FIRST_CHAT]
    assert words[NudgeKind.ONLY_PROBLEMS] == (
        "You've noted 2 missing items for Pat but no progress yet — what is going well?"
    )
    for text in words.values():
        assert "should" not in text and "fail" not in text and "!" not in text


def test_one_late_promise_is_named() -> None:
    lina = person("Lina")
    summary = history_of(lina, checkins=talks(lina, [2], mood=4), commitments=[
        Commitment(lina.id, "Order a chair", ago(20), due=Date(2026, 11, 19)),
    ])
    [nudge] = nudges([lina], {lina.id: summary}, NOW)
    assert nudge.text == (
        "You promised Lina “Order a chair” by Thu 19 Nov — finishing it, or saying when, keeps "
        "their trust."
    )
    assert nudge.veiled("••••") == (
        "You promised Lina “••••” by Thu 19 Nov — finishing it, or saying when, keeps their trust."
    )


def test_within_a_kind_the_heavier_nudge_comes_first() -> None:
    a, b = person("Ann"), person("Bob")
    summaries = {
        a.id: history_of(a, checkins=talks(a, [24, 20, 16, 13, 9, 6, 3, 1], mood=4)),  # 2.0×
        b.id: history_of(b, checkins=talks(b, [25, 22, 19, 16, 13, 10, 7, 4, 1], mood=4)),  # 2.25×
    }
    assert [n.person_name for n in nudges([a, b], summaries, NOW)] == ["Bob", "Ann"]


def test_top_nudges_gives_the_first_few_texts() -> None:
    people, summaries = build_honest_team()
    top = top_nudges(people, summaries, NOW)
    assert len(top) == 3
    assert top[0].startswith("Lou's mood")
    assert top_nudges(people, summaries, NOW, limit=1) == top[:1]


def test_roster_signal_is_the_most_important_short_word() -> None:
    people, summaries = build_honest_team()
    signals = {p.name: roster_signal(p, summaries[p.id], NOW) for p in people}
    assert signals == {
        "Lou": "↓ low mood",
        "Gus": "! long gap",
        "Lina": "late promise",
        "Sam": "status only",
        "Ada": "↑ hovering",
        "Nia": "new",
        "Pat": "no progress noted",
        "Fay": "",
        "Old": "",
    }


def test_how_computed_names_every_figure() -> None:
    titles = [title for title, _ in HOW_COMPUTED]
    assert titles == [
        "Cadence", "Human first", "Hovering", "Promises", "Progress vs missing", "Mood", "Nudges",
    ]
    assert all(text.endswith(".") for _, text in HOW_COMPUTED)
