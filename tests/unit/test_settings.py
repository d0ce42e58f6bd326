"""Tests for reading the settings file (kindcheck.settings)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pendulum import WeekDay

from kindcheck.domain.calendar import WorkingHours
from kindcheck.domain.model import WEEKLY, Cadence
from kindcheck.settings import DEFAULT_THEME, Settings, load_settings, settings_path


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_missing_file_means_the_defaults(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "nowhere" / "settings.toml")
    assert settings == Settings()
    assert settings.week_start is WeekDay.MONDAY
    assert settings.working_hours == WorkingHours((9, 0), (17, 0))
    assert settings.default_cadence == WEEKLY
    assert settings.theme == DEFAULT_THEME
    assert settings.problems == ()


def test_the_path_comes_from_the_environment_or_the_config_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert settings_path() == tmp_path / "env-config" / "settings.toml"  # conftest sets it
    monkeypatch.delenv("KINDCHECK_CONFIG")
    path = settings_path()
    assert path.name == "settings.toml" and path.parent.name == "kindcheck"
    # With no path given, load_settings reads the environment's file.
    monkeypatch.setenv("KINDCHECK_CONFIG", str(write(tmp_path, 'week_start = "sunday"\n')))
    assert load_settings().week_start is WeekDay.SUNDAY


def test_a_valid_file_is_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '# mine\nweek_start = "Sunday"\nworking_hours = "08:30 - 16:30"\n'
        'default_cadence = "biweekly"\ntheme = "nord"\n',
    )
    settings = load_settings(path)
    assert settings.problems == ()
    assert settings.path == path
    assert settings.week_start is WeekDay.SUNDAY
    assert settings.working_hours == WorkingHours((8, 30), (16, 30))
    assert str(settings.working_hours) == "08:30-16:30"
    assert settings.default_cadence == Cadence.parse("biweekly")
    assert settings.theme == "nord"


def test_short_weekday_names_and_day_cadences(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, 'week_start = "sat"\ndefault_cadence = "10d"\n'))
    assert settings.week_start is WeekDay.SATURDAY
    assert settings.default_cadence == Cadence("days", 10)


def test_broken_toml_names_the_file_and_line_and_uses_the_defaults(tmp_path: Path) -> None:
    path = write(tmp_path, 'week_start = "sunday"\ntheme = \n')
    settings = load_settings(path)
    assert settings.week_start is WeekDay.MONDAY  # nothing from a broken file is trusted
    [problem] = settings.problems
    assert problem.startswith(f"{path}, line 2, column 9: this is not valid TOML")
    assert problem.endswith("using the defaults.")


def test_a_bad_value_names_its_line_and_keeps_the_good_ones(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'theme = "nord"\n\n  week_start = "funday"\nworking_hours = "17:00-09:00"\n',
    )
    settings = load_settings(path)
    assert settings.theme == "nord"
    assert settings.week_start is WeekDay.MONDAY
    assert settings.working_hours == WorkingHours()
    assert settings.problems == (
        f"{path}, line 3: week_start should be a weekday like \"monday\" or \"sunday\", "
        "not 'funday'; using monday.",
        f"{path}, line 4: working_hours '17:00-09:00' end before they start; "
        "using 09:00-17:00.",
    )


@pytest.mark.parametrize(
    ("line", "needle"),
    [
        ("working_hours = 9", "working_hours should be text"),
        ('working_hours = "25:00-26:00"', "not a time on the clock"),
        ('working_hours = "nine to five"', 'should look like "09:00-17:00"'),
        ('default_cadence = "sometimes"', "default_cadence: I can't read the cadence"),
        ("default_cadence = 7", "default_cadence should be text"),
        ('theme = ""', "theme should be the name of a theme"),
        ("week_start = 1", "week_start should be a weekday"),
    ],
)
def test_each_bad_value_says_what_was_expected(tmp_path: Path, line: str, needle: str) -> None:
    path = write(tmp_path, f"# settings\n{line}\n")
    [problem] = load_settings(path).problems
    assert problem.startswith(f"{path}, line 2: ")
    assert needle in problem


def test_unknown_settings_and_tables_are_named(tmp_path: Path) -> None:
    # [calendar] is a real table now (issue #13): an unknown one is still named.
    path = write(tmp_path, 'weekstart = "sunday"\n[weather]\nweek_start = "sunday"\n')
    settings = load_settings(path)
    assert settings.week_start is WeekDay.MONDAY
    assert [p.split(":", 1)[0] for p in settings.problems] == [
        f"{path}, line 1", f"{path}, line 2"
    ]
    assert "no setting called 'weekstart'" in settings.problems[0]
    assert "no setting called 'weather'" in settings.problems[1]


def test_an_unreadable_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.mkdir()  # a folder where the file should be
    settings = load_settings(path)
    assert settings.week_start is WeekDay.MONDAY
    [problem] = settings.problems
    assert problem.startswith(f"{path}: could not read the settings")


def test_a_file_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(b'theme = "\xff"\n')
    [problem] = load_settings(path).problems
    assert problem.startswith(f"{path}: could not read the settings")
