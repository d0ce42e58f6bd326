"""Teams on the roster: status per team, grouping order, with a fixed clock."""

from __future__ import annotations

from kindcheck.domain.model import Note, NoteKind, Person
from kindcheck.domain.summary import CheckInGlance, PersonSummary
from kindcheck.domain.teams import (
    NO_TEAM,
    group_by_team,
    team_names,
    team_statuses,
    worth_grouping,
)
from tests.conftest import NOW


def checked_in(person: Person, *moods_days_ago: tuple[int, int]) -> PersonSummary:
    glances = [
        CheckInGlance(NOW.subtract(days=days), mood, True)
        for mood, days in sorted(moods_days_ago, key=lambda pair: -pair[1])
    ]
    return PersonSummary(person.id, checkin_count=len(glances), recent_checkins=glances)


def test_teams_come_alphabetically_with_no_team_last_and_order_kept_inside() -> None:
    items = [("zoe", "platform"), ("al", ""), ("bo", "Apps"), ("cy", "platform"), ("di", "")]
    groups = group_by_team(items, lambda item: item[1])
    assert [team for team, _ in groups] == ["Apps", "platform", NO_TEAM]
    assert [name for name, _ in groups[1][1]] == ["zoe", "cy"]
    assert [name for name, _ in groups[2][1]] == ["al", "di"]


def test_grouping_only_helps_with_more_than_one_group() -> None:
    assert not worth_grouping([])
    assert not worth_grouping(["", ""])
    assert not worth_grouping(["Platform", "Platform"])
    assert worth_grouping(["Platform", ""])
    assert worth_grouping(["Platform", "Apps"])


def test_team_names_leave_out_archived_people() -> None:
    people = [Person("Ada", team="Platform"), Person("Bo", team="Apps"),
              Person("Cy", team="Old", archived=True), Person("Di")]
    assert team_names(people) == ["Apps", "Platform", NO_TEAM]


def test_a_team_counts_who_needs_attention_overdue_due_never_or_missing() -> None:
    fine = Person("Fine Fay", team="Platform")
    overdue = Person("Late Lu", team="Platform")
    never = Person("New Ned", team="Platform")
    missing = Person("Blocked Bea", team="Platform")
    other = Person("Other Oz", team="Apps")
    summaries = {
        fine.id: checked_in(fine, (4, 2)),
        overdue.id: checked_in(overdue, (2, 20)),
        missing.id: checked_in(missing, (3, 1)),
        other.id: checked_in(other, (5, 1)),
    }
    blocker = Note(missing.id, NoteKind.MISSING, "No test machine", NOW.subtract(days=1))
    summaries[missing.id].open_missing.append(blocker)
    apps, platform = team_statuses([fine, overdue, never, missing, other], summaries, NOW)
    assert platform.team == "Platform" and platform.size == 4
    assert set(platform.needing_attention) == {overdue.id, never.id, missing.id}
    assert platform.describe_attention() == "3 need attention"
    assert apps.needing_attention == ()
    assert apps.describe_attention() == "all fine"


def test_the_team_mood_trend_is_the_latest_moods_across_the_team_by_time() -> None:
    ada = Person("Ada", team="Platform")
    bo = Person("Bo", team="Platform")
    summaries = {
        ada.id: checked_in(ada, (1, 30), (2, 20), (3, 10), (4, 3)),
        bo.id: checked_in(bo, (5, 25), (5, 15), (1, 5), (2, 1)),
    }
    (platform,) = team_statuses([ada, bo], summaries, NOW)
    # By day: 30:1 25:5 20:2 15:5 10:3 5:1 3:4 1:2 — the latest six, oldest first.
    assert platform.moods == (2, 5, 3, 1, 4, 2)


def test_one_person_needing_attention_reads_singular() -> None:
    ada = Person("Ada", team="Platform")
    (platform,) = team_statuses([ada], {}, NOW)
    assert platform.describe_attention() == "1 needs attention"
    assert platform.title == "Platform"
    (nobody,) = team_statuses([Person("Bo")], {}, NOW)
    assert nobody.title == "(no team)"


def test_roster_lines_put_headers_over_teams_fold_and_filter() -> None:
    from kindcheck.widgets.roster_lines import TeamHeader, roster_lines
    from kindcheck.widgets.roster_row import roster_rows

    people = [Person("Ada", team="Platform"), Person("Bo", team="Apps"), Person("Cy")]
    rows = roster_rows(people, {}, NOW)

    def shown(lines: list) -> list[str]:
        return [f"[{line.status.title}]" if isinstance(line, TeamHeader) else line.person.name
                for line in lines]

    grouped = roster_lines(rows, grouped=True, folded=(), team_filter=None)
    assert shown(grouped) == ["[Apps]", "Bo", "[Platform]", "Ada", "[(no team)]", "Cy"]
    folded = roster_lines(rows, grouped=True, folded={"Platform"}, team_filter=None)
    assert shown(folded) == ["[Apps]", "Bo", "[Platform]", "[(no team)]", "Cy"]
    assert [line.folded for line in folded if isinstance(line, TeamHeader)] == [
        False, True, False]
    flat = roster_lines(rows, grouped=False, folded={"Platform"}, team_filter=None)
    assert shown(flat) == ["Ada", "Bo", "Cy"]
    assert shown(roster_lines(rows, grouped=True, folded=(), team_filter="")) == ["Cy"]
    one_team = roster_rows([Person("Ada", team="Platform"), Person("Bo", team="Platform")], {}, NOW)
    assert shown(roster_lines(one_team, grouped=True, folded=(), team_filter=None)) == ["Ada", "Bo"]
