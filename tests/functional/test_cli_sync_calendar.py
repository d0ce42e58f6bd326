"""A sync that brings another machine's follow-up changes moves this machine's calendar too:
the merged files are written by the sync, not through the store's hooks, so without this the
vdir kept the old time until the next `kindcheck calendar sync`."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest
from icalendar import Calendar

from kindcheck.domain.model import FollowUp
from tests.conftest import NOW
from tests.functional.test_cli_sync import Machine, pair, remote  # noqa: F401 (fixtures)


def start_of_event(vdir: Path) -> pendulum.DateTime:
    (event_file,) = sorted(vdir.glob("*.ics"))
    event = Calendar.from_ical(event_file.read_bytes()).walk("VEVENT")[0]
    return pendulum.instance(event.decoded("DTSTART"))


@pytest.mark.slow
def test_a_follow_up_moved_elsewhere_moves_here_after_sync(
    pair: tuple[Machine, Machine], tmp_path: Path  # noqa: F811 (fixture)
) -> None:
    a, b = pair
    vdir = tmp_path / "b-calendars" / "kindcheck"
    b.config.parent.mkdir(parents=True, exist_ok=True)
    b.config.write_text(f'[calendar]\nvdir = "{vdir}"\n', encoding="utf-8")
    first = NOW.add(days=3).at(10, 0)
    b.ok("follow-up", "ada", first.format("YYYY-MM-DD HH:mm"))
    assert start_of_event(vdir) == first
    b.ok("sync")
    a.ok("sync")

    store = a.store()
    ada = store.find_person("ada")
    (planned,) = [f for f in store.history(ada.id).followups if f.is_planned]
    moved = first.add(days=1).at(15, 30)
    store.reschedule_followup(ada.id, planned.id, moved)
    a.ok("sync")

    said = b.ok("sync")
    assert "Calendar in step: 1 event written, 0 events removed." in said
    assert start_of_event(vdir) == moved


@pytest.mark.slow
def test_a_sync_with_the_calendar_off_says_nothing_of_it(
    pair: tuple[Machine, Machine]  # noqa: F811 (fixture)
) -> None:
    a, b = pair
    store = a.store()
    ada = store.find_person("ada")
    store.add_followup(FollowUp(ada.id, NOW.add(days=2).at(11, 0)))
    a.ok("sync")
    assert "Calendar" not in b.ok("sync")
