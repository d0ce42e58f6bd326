"""khal, the terminal calendar, reads kindcheck's vdir directly: a follow-up planned with the
installed `kindcheck` shows in `khal list` with its title, its time and its alarm."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.functional.test_cli_shell_commands import ok
from tests.integration.engines import khal_list


@pytest.mark.slow
@pytest.mark.usefixtures("calendar_on")
def test_khal_lists_a_planned_follow_up(store_path: Path, vdir: Path, khal: Path) -> None:
    vdir.mkdir(parents=True)  # as `vdirsyncer discover` or the leader would have made it
    ok(store_path, "add-person", "Ada", "Lovelace")
    ok(store_path, "follow-up", "ada", "fri 10:00", "--topic", "Staging access")
    ok(store_path, "follow-up", "ada", "tue 14:00")

    # Each on its own day, 30 minutes long, with its alarm; the topic stays out ("names").
    lines = ["14:00-14:30 Check-in with Ada Lovelace ⏰"]
    assert khal_list(khal, "2026-11-24").splitlines() == lines
    assert khal_list(khal, "2026-11-27").splitlines() == [lines[0].replace("14:", "10:")]
    assert khal_list(khal, "2026-11-25").splitlines() == []


@pytest.mark.slow
@pytest.mark.usefixtures("calendar_on")
def test_khal_keeps_the_time_across_the_change_to_summer_time(
    store_path: Path, vdir: Path, khal: Path
) -> None:
    """Planned in winter for after the clocks go forward (28 March 2027 in Berlin): khal must
    read the event's zone, not a fixed offset, to show 10:00 rather than 11:00."""
    vdir.mkdir(parents=True)
    ok(store_path, "add-person", "Ada", "Lovelace")
    ok(store_path, "follow-up", "ada", "2027-03-29 10:00")
    line = "10:00-10:30 Check-in with Ada Lovelace ⏰"
    assert khal_list(khal, "2027-03-29").splitlines() == [line]
