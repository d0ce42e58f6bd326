"""The `[calendar]` table of settings.toml (kindcheck.calendar_settings via load_settings)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kindcheck.calendar_settings import CalendarSettings
from kindcheck.settings import load_settings


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_table_means_the_calendar_is_off(tmp_path: Path) -> None:
    calendar = load_settings(write(tmp_path, 'theme = "nord"\n')).calendar
    assert calendar == CalendarSettings() and not calendar.enabled


def test_every_setting_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, '[calendar]\nvdir = "~/cal/kindcheck"\nread = ["~/cal/work", "/x"]\n'
                 'duration = "1h30m"\nalarm = "none"\ndetails = "Topics"\ncommitments = true\n'
                 'notify = "osc9"\n')
    settings = load_settings(path)
    assert settings.problems == ()
    calendar = settings.calendar
    assert calendar.enabled and calendar.vdir == Path("~/cal/kindcheck").expanduser()
    assert calendar.read == (Path("~/cal/work").expanduser(), Path("/x"))
    assert (calendar.duration_minutes, calendar.alarm_minutes) == (90, None)
    assert (calendar.details, calendar.commitments, calendar.notify) == ("topics", True, "osc9")


def test_the_defaults(tmp_path: Path) -> None:
    calendar = load_settings(write(tmp_path, '[calendar]\nvdir = "/cal"\n')).calendar
    assert (calendar.duration_minutes, calendar.alarm_minutes, calendar.details) == (
        30, 10, "names")
    assert (calendar.commitments, calendar.notify, calendar.read) == (False, "off", ())


@pytest.mark.parametrize(("line", "needle"), [
    ('duration = "half an hour"', 'duration should be a length like "30m"'),
    ('duration = "2m"', "between 5 minutes and 8 hours"),
    ('alarm = "soon"', 'alarm should be a length like "30m"'),
    ('details = "everything"', 'details should be one of "names", "topics", "prep"'),
    ('notify = "loud"', 'notify should be one of "off", "bell", "osc9", "osc777"'),
    ("commitments = 1", "commitments should be true or false"),
    ('read = ["~/a", 3]', "each folder in read should be the path of a folder"),
    ('read = "~/a"\nreads = 1', "no setting called 'reads'"),
])
def test_a_bad_value_names_the_line_and_keeps_the_calendar_off(
    tmp_path: Path, line: str, needle: str
) -> None:
    text = f'theme = "nord"\n[calendar]\nvdir = "/cal"\n{line}\n'
    path = write(tmp_path, text)
    settings = load_settings(path)
    [problem] = settings.problems
    bad_line = text.splitlines().index(line.splitlines()[-1]) + 1
    assert problem.startswith(f"{path}, line {bad_line}: ")
    assert needle in problem and problem.endswith("the calendar stays off.")
    assert not settings.calendar.enabled
    assert settings.theme == "nord"  # the rest of the file still counts


def test_a_vdir_that_is_not_a_path(tmp_path: Path) -> None:
    path = write(tmp_path, "[calendar]\nvdir = 3\n")
    [problem] = load_settings(path).problems
    assert problem.startswith(f"{path}, line 2: vdir should be the path of a folder")


def test_calendar_not_a_table(tmp_path: Path) -> None:
    path = write(tmp_path, 'calendar = "~/cal"\n')
    [problem] = load_settings(path).problems
    assert problem.startswith(f"{path}, line 1: calendar should be a table")
