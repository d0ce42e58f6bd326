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
