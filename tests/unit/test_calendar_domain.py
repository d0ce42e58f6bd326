"""Tests for assembling weeks and months of the calendar (kindcheck.domain.calendar)."""

from __future__ import annotations

import pendulum
from pendulum import Date, DateTime, WeekDay

from kindcheck.domain.calendar import (
    Calendar,
    CalendarItem,
    ItemKind,
    WorkingHours,
    read_planned_time,
    short_names,
    span_title,
    week_start_of,
)
from kindcheck.domain.model import (
    Cadence,
    CheckIn,
    Commitment,
    FollowUp,
    FollowUpStatus,
    Person,
    PersonHistory,
)
from kindcheck.domain.summary import summarize
from kindcheck.store.store import Store

BERLIN = "Europe/Berlin"


def at(*parts: int, tz: str = BERLIN) -> DateTime:
    return pendulum.datetime(*parts, tz=tz)


def calendar_of(
    now: DateTime, *histories: tuple[Person, PersonHistory], full: bool = False
) -> Calendar:
    """A calendar from people and their histories, summarised as the store would."""
    people = [person for person, _ in histories]
    summaries = {person.id: summarize(history) for person, history in histories}
    loaded = {person.id: history for person, history in histories} if full else None
    return Calendar(people, summaries, now, loaded)


def with_followups(person: Person, *moments: DateTime, topic: str = "") -> PersonHistory:
    return PersonHistory(person.id, followups=[FollowUp(person.id, m, topic) for m in moments])


def kinds_on(plan_items: tuple[CalendarItem, ...]) -> list[tuple[ItemKind, str]]:
    return [(item.kind, item.person.name) for item in plan_items]


# --- weeks from the shared team ----------------------------------------------------------


def test_week_starting_monday_puts_the_teams_followups_on_their_days(
    store: Store, team: dict[str, Person], now: DateTime
) -> None:
    week = Calendar(store.people(), store.summaries(), now).week(now.date())
    assert [d.day for d in week.days] == [Date(2026, 11, 23).add(days=i) for i in range(7)]
    assert week.title() == "23 – 29 Nov 2026"
    monday, friday = week.days[0], week.days[4]
    assert monday.is_today and not friday.is_today
    assert kinds_on(monday.items) == [(ItemKind.FOLLOWUP, "Ada Lovelace")]
    assert monday.items[0].time_label == "14:00"
    assert monday.items[0].text == "Staging access"
    assert kinds_on(friday.items) == [(ItemKind.FOLLOWUP, "Mika Tanaka")]
    # Mika lives in Tokyo: the card says her time too.
    assert friday.items[0].time_label == "10:00 · 18:00 for Mika"
    for plan in (week.days[1], week.days[2], week.days[3], week.days[5], week.days[6]):
        assert plan.items == ()


def test_week_starting_sunday_shows_the_late_commitment_on_sunday(
    store: Store, team: dict[str, Person], now: DateTime
) -> None:
    week = Calendar(store.people(), store.summaries(), now).week(now.date(), WeekDay.SUNDAY)
    assert week.start == Date(2026, 11, 22) and week.end == Date(2026, 11, 28)
    sunday = week.days[0]
    assert kinds_on(sunday.items) == [(ItemKind.COMMITMENT, "Ada Lovelace")]
    assert sunday.items[0].late and sunday.items[0].text == "Ask ops for log access"
    assert kinds_on(week.days[1].items) == [(ItemKind.FOLLOWUP, "Ada Lovelace")]
    assert kinds_on(week.days[5].items) == [(ItemKind.FOLLOWUP, "Mika Tanaka")]


def test_check_ins_done_come_from_the_summaries_until_histories_load(
    store: Store, team: dict[str, Person], now: DateTime
) -> None:
    calendar = Calendar(store.people(), store.summaries(), now)
    last_week = calendar.week(now.date().subtract(weeks=1))
    friday = last_week.days[4]
    assert kinds_on(friday.items) == [(ItemKind.CHECKIN, "Mika Tanaka")]
    assert friday.items[0].mood == 5
    two_weeks_ago = calendar.week(now.date().subtract(weeks=2))
    assert kinds_on(two_weeks_ago.days[4].items) == [(ItemKind.CHECKIN, "Ada Lovelace")]


def test_unplanned_people_are_named_in_the_week_they_fall_due(
    store: Store, team: dict[str, Person], now: DateTime
) -> None:
    # Sam has never had a check-in and nothing is planned: he needs a plan this week.
    # Ada is overdue but has a follow-up today; Mika is fine with one on Friday.
    lee = store.add_person(Person("Lee Chen"))
    store.save_checkin(CheckIn(lee.id, now.subtract(days=5), no_follow_up=True))
    calendar = Calendar(store.people(), store.summaries(), now)
    week = calendar.week(now.date())
    assert [u.describe() for u in week.unplanned] == ["Sam (no check-in yet)", "Lee (due Wed)"]
    assert week.unplanned[1].due_on == Date(2026, 11, 25)
    assert calendar.week(now.date().subtract(weeks=1)).unplanned == ()  # the past is past
    assert calendar.week(now.date().add(weeks=1)).unplanned == ()


def test_unplanned_overdue_people_show_how_late_and_go_once_planned(now: DateTime) -> None:
    kim = Person("Kim Park", cadence=Cadence.parse("weekly"))
    history = PersonHistory(kim.id, checkins=[CheckIn(kim.id, now.subtract(days=10))])
    week = calendar_of(now, (kim, history)).week(now.date())
    assert [u.describe() for u in week.unplanned] == ["Kim (overdue 3 days)"]
    assert week.unplanned[0].due_on == now.date()
    history.followups.append(FollowUp(kim.id, at(2026, 11, 29, 10)))
    assert calendar_of(now, (kim, history)).week(now.date()).unplanned == ()


def test_a_follow_up_after_the_week_does_not_count_as_planned(now: DateTime) -> None:
    kim = Person("Kim Park", cadence=Cadence.parse("biweekly"))
    history = PersonHistory(
        kim.id,
        checkins=[CheckIn(kim.id, at(2026, 11, 16, 10))],
        followups=[FollowUp(kim.id, at(2026, 12, 15, 10))],
    )
    calendar = calendar_of(now, (kim, history))
    assert calendar.week(now.date()).unplanned == ()
    next_week = calendar.week(now.date().add(weeks=1))
    assert [u.describe() for u in next_week.unplanned] == ["Kim (due Mon)"]


# --- clocks changing, months and years ending ----------------------------------------------


def test_week_holding_the_spring_clock_change_keeps_items_on_their_days() -> None:
    now = at(2027, 3, 22, 9)
    mika = Person("Mika Tanaka", timezone="Asia/Tokyo")
    history = with_followups(
        mika,
        at(2027, 3, 26, 10),  # Friday, Berlin on winter time: Tokyo is 8 hours ahead
        pendulum.datetime(2027, 3, 27, 23, 30, tz="UTC"),  # 00:30 Sunday in Berlin
        at(2027, 3, 28, 10),  # Sunday, Berlin on summer time: 7 hours ahead
    )
    week = calendar_of(now, (mika, history)).week(now.date())
    assert [d.day.day for d in week.days] == [22, 23, 24, 25, 26, 27, 28]
    friday, saturday, sunday = week.days[4], week.days[5], week.days[6]
    assert [i.time_label for i in friday.items] == ["10:00 · 18:00 for Mika"]
    assert saturday.items == ()
    assert [i.time_label for i in sunday.items] == [
        "00:30 · 08:30 for Mika", "10:00 · 17:00 for Mika"
    ]


def test_week_holding_the_autumn_clock_change_with_either_week_start() -> None:
    now = at(2026, 10, 19, 9)
    mika = Person("Mika Tanaka", timezone="Asia/Tokyo")
    history = with_followups(
        mika,
        pendulum.datetime(2026, 10, 24, 22, 30, tz="UTC"),  # 00:30 Sunday 25th in Berlin
        at(2026, 10, 23, 10),
        at(2026, 10, 26, 10),
    )
    calendar = calendar_of(now, (mika, history))
    monday_week = calendar.week(Date(2026, 10, 21))
    assert (monday_week.start, monday_week.end) == (Date(2026, 10, 19), Date(2026, 10, 25))
    assert [i.time_label for i in monday_week.days[4].items] == ["10:00 · 17:00 for Mika"]
    assert [i.time_label for i in monday_week.days[6].items] == ["00:30 · 07:30 for Mika"]
    sunday_week = calendar.week(Date(2026, 10, 26), WeekDay.SUNDAY)
    assert (sunday_week.start, sunday_week.end) == (Date(2026, 10, 25), Date(2026, 10, 31))
    assert [i.time_label for i in sunday_week.days[0].items] == ["00:30 · 07:30 for Mika"]
    # After the change Berlin is an hour further from Tokyo.
    assert [i.time_label for i in sunday_week.days[1].items] == ["10:00 · 18:00 for Mika"]


def test_week_crossing_the_year_end() -> None:
    now = at(2026, 12, 28, 9)
    ada = Person("Ada Lovelace")
    history = with_followups(ada, at(2027, 1, 2, 11), at(2026, 12, 31, 15))
    history.commitments.append(
        Commitment(ada.id, "New laptop", now.subtract(days=3), due=Date(2027, 1, 3))
    )
    week = calendar_of(now, (ada, history)).week(Date(2027, 1, 1))
    assert week.start == Date(2026, 12, 28) and week.end == Date(2027, 1, 3)
    assert week.title() == "28 Dec 2026 – 3 Jan 2027"
    assert [i.time_label for i in week.days[3].items] == ["15:00"]
    assert [i.time_label for i in week.days[5].items] == ["11:00"]
    assert [i.kind for i in week.days[6].items] == [ItemKind.COMMITMENT]


def test_month_grid_borrows_whole_weeks_from_its_neighbours(
    store: Store, team: dict[str, Person], now: DateTime
) -> None:
    calendar = Calendar(store.people(), store.summaries(), now)
    november = calendar.month(2026, 11)
    assert november.title() == "November 2026"
    assert len(november.weeks) == 6
    assert november.weeks[0][0].day == Date(2026, 10, 26)
    assert not november.weeks[0][0].in_month and november.weeks[0][6].in_month
    assert november.weeks[-1][0].day == Date(2026, 11, 30)
    days = {plan.day: plan for week in november.weeks for plan in week}
    assert kinds_on(days[Date(2026, 11, 23)].items) == [(ItemKind.FOLLOWUP, "Ada Lovelace")]
    assert days[Date(2026, 11, 23)].is_today
    january = calendar.month(2027, 1, WeekDay.SUNDAY)
    assert january.weeks[0][0].day == Date(2026, 12, 27)
    assert all(len(week) == 7 for week in january.weeks)


def test_week_start_and_titles() -> None:
    wednesday = Date(2026, 11, 25)
    assert week_start_of(wednesday) == Date(2026, 11, 23)
    assert week_start_of(wednesday, WeekDay.SUNDAY) == Date(2026, 11, 22)
    assert week_start_of(Date(2026, 11, 22), WeekDay.SUNDAY) == Date(2026, 11, 22)
    assert week_start_of(wednesday, WeekDay.SATURDAY) == Date(2026, 11, 21)
    assert span_title(Date(2026, 11, 30), Date(2026, 12, 6)) == "30 Nov – 6 Dec 2026"


# --- far away people, histories, items -----------------------------------------------------


def test_a_person_in_auckland_sees_the_next_day(now: DateTime) -> None:
    kiri = Person("Kiri Walker", timezone="Pacific/Auckland")
    history = with_followups(kiri, at(2026, 11, 23, 14), topic="Roadmap")
    item = calendar_of(now, (kiri, history)).week(now.date()).days[0].items[0]
    assert item.time_label == "14:00 · 02:00 Tue for Kiri"
    assert item.describe() == "14:00 · 02:00 Tue for Kiri follow-up with Kiri Walker: Roadmap"


def test_a_person_on_the_same_clock_gets_no_second_time(now: DateTime) -> None:
    noor = Person("Noor Haddad", timezone="Europe/Paris")
    history = with_followups(noor, at(2026, 11, 24, 10))
    item = calendar_of(now, (noor, history)).week(now.date()).days[1].items[0]
    assert item.their_time is None and item.time_label == "10:00"


def test_full_histories_add_old_check_ins_and_kept_commitments(now: DateTime) -> None:
    ada = Person("Ada Lovelace")
    old = [CheckIn(ada.id, now.subtract(weeks=w), mood=4) for w in range(1, 21)]
    kept = Commitment(ada.id, "Book the course", now.subtract(weeks=19), due=Date(2026, 7, 9),
                      done_at=now.subtract(weeks=19))
    history = PersonHistory(ada.id, checkins=old, commitments=[kept])
    oldest_week = now.date().subtract(weeks=20)
    quick = calendar_of(now, (ada, history)).week(oldest_week)
    assert all(not plan.items for plan in quick.days)  # beyond the summary's recent check-ins
    full = calendar_of(now, (ada, history), full=True)
    assert kinds_on(full.week(oldest_week).days[0].items) == [(ItemKind.CHECKIN, "Ada Lovelace")]
    july = full.week(Date(2026, 7, 9)).days[3].items
    assert [(i.kind, i.done) for i in july] == [(ItemKind.COMMITMENT, True)]


def test_missed_and_cancelled_follow_ups(now: DateTime) -> None:
    ada = Person("Ada Lovelace")
    history = with_followups(ada, at(2026, 11, 23, 8), at(2026, 11, 23, 16))
    history.followups.append(
        FollowUp(ada.id, at(2026, 11, 23, 12), status=FollowUpStatus.CANCELLED)
    )
    items = calendar_of(now, (ada, history)).week(now.date()).days[0].items
    assert [(i.time_label, i.missed) for i in items] == [("08:00", True), ("16:00", False)]
    assert "(missed)" in items[0].describe()


def test_archived_people_stay_off_the_calendar(now: DateTime) -> None:
    gone = Person("Old Friend", archived=True)
    week = calendar_of(now, (gone, with_followups(gone, at(2026, 11, 24, 10)))).week(now.date())
    assert all(not plan.items for plan in week.days) and week.unplanned == ()


def test_items_sort_by_time_with_commitments_last(now: DateTime) -> None:
    ada, bo = Person("Ada Lovelace"), Person("Bo Berg")
    ada_history = with_followups(ada, at(2026, 11, 24, 15))
    ada_history.commitments.append(Commitment(ada.id, "Send notes", now, due=Date(2026, 11, 24)))
    bo_history = with_followups(bo, at(2026, 11, 24, 9))
    items = calendar_of(now, (ada, ada_history), (bo, bo_history)).week(now.date()).days[1].items
    assert [(i.kind, i.short_name) for i in items] == [
        (ItemKind.FOLLOWUP, "Bo"), (ItemKind.FOLLOWUP, "Ada"), (ItemKind.COMMITMENT, "Ada"),
    ]


def test_short_names_tell_people_with_one_first_name_apart() -> None:
    sam_o, sam_k, ada = Person("Sam Okafor"), Person("sam Kim"), Person("Ada")
    names = short_names([sam_o, sam_k, ada])
    assert names == {sam_o.id: "Sam O.", sam_k.id: "sam K.", ada.id: "Ada"}


# --- reading a planned time ----------------------------------------------------------------


def test_planned_time_is_said_back_with_the_persons_clock(now: DateTime) -> None:
    mika = Person("Mika Tanaka", timezone="Asia/Tokyo")
    reading = read_planned_time("wed 10:00", now, mika)
    assert reading.at == at(2026, 11, 25, 10)
    assert reading.message == "Wed 25 Nov 10:00, in 2 days · 18:00 for Mika, outside their " \
        "working hours"
    assert reading.warning
    jo = Person("Jo Bright", timezone="Europe/London")
    fine = read_planned_time("wed", now, jo)
    assert fine.message == "Wed 25 Nov 10:00, in 2 days · 09:00 for Jo" and not fine.warning


def test_planned_time_refuses_none_the_past_and_nonsense(now: DateTime) -> None:
    assert read_planned_time("none", now).at is None
    past = read_planned_time("today 08:00", now)
    assert past.at is None and "has passed" in past.message
    assert read_planned_time("someday", now).at is None
    late = read_planned_time("today 19:00", now, working_hours=WorkingHours((9, 0), (17, 0)))
    assert late.warning and late.message.endswith("outside your working hours (09:00-17:00)")


def test_a_history_read_a_moment_ago_and_fresh_summaries_merge(now: DateTime) -> None:
    ada = Person("Ada Lovelace")
    older = CheckIn(ada.id, now.subtract(weeks=30), mood=2)
    newest = CheckIn(ada.id, now.subtract(hours=1), mood=4)
    stale = PersonHistory(ada.id, checkins=[older])
    fresh = summarize(PersonHistory(ada.id, checkins=[older, newest]))
    calendar = Calendar([ada], {ada.id: fresh}, now, {ada.id: stale})
    today = calendar.day(now.date()).items
    assert [(i.kind, i.mood) for i in today] == [(ItemKind.CHECKIN, 4)]
    assert today[0].describe() == "08:30 checked in with Ada Lovelace, mood 4"
    back_then = calendar.day(older.at.date()).items
    assert [(i.kind, i.mood) for i in back_then] == [(ItemKind.CHECKIN, 2)]  # once, not twice


def test_commitments_say_whether_they_are_due_late_or_kept(now: DateTime) -> None:
    ada = Person("Ada Lovelace")
    due = Commitment(ada.id, "Send notes", now, due=now.date())
    kept = Commitment(ada.id, "Book course", now, due=now.date(), done_at=now)
    calendar = calendar_of(now, (ada, PersonHistory(ada.id, commitments=[due, kept])), full=True)
    items = calendar.day(now.date()).items
    assert [i.describe() for i in items] == [
        "For Ada Lovelace (due): Send notes", "For Ada Lovelace (kept): Book course"
    ]
