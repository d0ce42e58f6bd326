"""Skip-level check-ins: someone whose manager is also in kindcheck starts on their own cadence
(`skip_level_cadence`, monthly unless set), and what the leader chose always wins."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kindcheck.domain.cadence import CadenceState, cadence_status, starting_cadence
from kindcheck.domain.model import WEEKLY, Cadence, Person
from kindcheck.settings import Settings, load_settings
from kindcheck.store.store import Store
from tests.conftest import NOW
from tests.functional.test_cli_shell_commands import ok, reopen

GRACE = Person("Grace Hopper", id="grace")
MONTHLY = Cadence.parse("monthly")
TEN_DAYS = Cadence.parse("10d")


def start(chosen: Cadence | None, manager_id: str | None) -> Cadence:
    return starting_cadence(chosen, manager_id, [GRACE], default=WEEKLY, skip_level=TEN_DAYS)


def test_someone_with_a_manager_here_starts_as_a_skip_level() -> None:
    assert start(None, "grace") == TEN_DAYS


def test_a_direct_report_starts_on_the_default() -> None:
    assert start(None, None) == WEEKLY


def test_a_manager_who_is_not_in_kindcheck_makes_no_skip_level() -> None:
    assert start(None, "somebody-else") == WEEKLY


def test_a_chosen_cadence_always_wins() -> None:
    assert start(Cadence.parse("biweekly"), "grace") == Cadence.parse("biweekly")


def test_the_setting_is_monthly_unless_set(tmp_path: Path) -> None:
    assert Settings().skip_level_cadence == MONTHLY
    path = tmp_path / "settings.toml"
    path.write_text('skip_level_cadence = "10d"\n', encoding="utf-8")
    assert load_settings(path).skip_level_cadence == TEN_DAYS


def test_an_unreadable_setting_falls_back_to_monthly_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('default_cadence = "weekly"\nskip_level_cadence = "now and then"\n',
                    encoding="utf-8")
    settings = load_settings(path)
    assert settings.skip_level_cadence == MONTHLY
    [problem] = settings.problems
    assert "line 2" in problem and "skip_level_cadence" in problem and "using monthly" in problem


def test_a_skip_level_is_fine_for_a_month_where_a_direct_is_overdue() -> None:
    last = NOW.subtract(days=20)
    skip = Person("Sam Okafor", cadence=start(None, "grace"), manager_id="grace")
    direct = Person("Ada Lovelace", cadence=start(None, None))
    monthly = Person("Sam Okafor", cadence=MONTHLY, manager_id="grace")
    assert cadence_status(direct, last, NOW).state is CadenceState.OVERDUE
    assert cadence_status(skip, last, NOW).state is CadenceState.OVERDUE  # 10d, from settings
    status = cadence_status(monthly, last, NOW)
    assert status.state is CadenceState.FINE
    assert status.due_on == last.date().add(months=1)


@pytest.mark.slow  # three runs of the real command
def test_add_person_with_a_manager_uses_skip_level_cadence(
    store: Store, store_path: Path
) -> None:
    store.add_person(GRACE)
    Path(os.environ["KINDCHECK_CONFIG"]).parent.mkdir(parents=True, exist_ok=True)
    Path(os.environ["KINDCHECK_CONFIG"]).write_text('skip_level_cadence = "10d"\n')
    out = ok(store_path, "add-person", "Sam", "Okafor", "--manager", "grace")
    assert out.startswith("Added Sam Okafor (check-ins every 10 days, reporting to Grace")
    ok(store_path, "add-person", "Lee", "Chen", "--manager", "grace", "--cadence", "weekly")
    ok(store_path, "add-person", "Ada", "Lovelace")
    again = reopen(store_path)
    assert {p.name: str(p.cadence) for p in again.people()} == {
        "Grace Hopper": "weekly", "Sam Okafor": "10d", "Lee Chen": "weekly",
        "Ada Lovelace": "weekly",
    }
