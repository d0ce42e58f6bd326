"""The leader's settings: a small TOML file, read once at start.

    week_start = "monday"          # or "sunday", or any other weekday
    working_hours = "09:00-17:00"
    default_cadence = "weekly"     # weekly, biweekly, monthly or a number of days like 10d
    skip_level_cadence = "monthly" # for someone added with a manager who is in kindcheck
    theme = "textual-dark"

    [keys]                         # binding id = key(s); `?` in kindcheck lists the ids
    "dashboard.check_in" = "enter"
    "checkin.save" = "ctrl+s,f2"   # several keys, comma-separated

The file lives at `user_config_dir("kindcheck")/settings.toml`; `KINDCHECK_CONFIG` points
elsewhere. A missing file means the defaults. A file kindcheck cannot read, or a value it does
not understand, never stops the app: the default is used instead and `Settings.problems` says
what was wrong, naming the file and the line, so the app can show it once.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pendulum import WeekDay
from platformdirs import user_config_dir

from kindcheck.calendar_settings import CalendarSettings, read_calendar
from kindcheck.domain.cadence import MONTHLY
from kindcheck.domain.model import WEEKLY, Cadence, ValidationError
from kindcheck.domain.working_hours import WorkingHours
from kindcheck.sync_settings import SyncSettings, read_sync

if TYPE_CHECKING:
    import tomllib
from collections.abc import Callable

CONFIG_ENV = "KINDCHECK_CONFIG"
DEFAULT_THEME = "textual-dark"

_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_HOURS = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")
_TOML_WHERE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def parse_working_hours(text: str) -> WorkingHours:
    """Read "09:00-17:00"; raise ValueError with a reason fit to show."""
    match = _HOURS.match(text)
    if match is None:
        raise ValueError(f"working_hours should look like \"09:00-17:00\", not {text!r}")
    start = (int(match.group(1)), int(match.group(2)))
    end = (int(match.group(3)), int(match.group(4)))
    for hour, minute in (start, end):
        if hour > 24 or minute > 59 or (hour == 24 and minute):
            raise ValueError(f"{hour}:{minute:02d} in working_hours is not a time on the clock")
    if end <= start:
        raise ValueError(f"working_hours {text!r} end before they start")
    return WorkingHours(start, end)


@dataclass(frozen=True, slots=True)
class KeyChoice:
    """One line of the `[keys]` table: a binding id and the keys the leader wants for it.

    Only read here (this module never loads Textual); kindcheck.keymap checks the id and the
    keys against the real bindings when the app starts.
    """

    binding_id: str
    keys: str  # as written, comma-separated
    where: str  # "settings.toml, line 7", for messages


@dataclass(frozen=True, slots=True)
class Settings:
    """What the leader chose, with defaults for anything missing or unreadable."""

    week_start: WeekDay = WeekDay.MONDAY
    working_hours: WorkingHours = field(default_factory=WorkingHours)
    default_cadence: Cadence = WEEKLY
    skip_level_cadence: Cadence = MONTHLY  # see domain/cadence.py, starting_cadence
    theme: str = DEFAULT_THEME
    keys: tuple[KeyChoice, ...] = ()  # the [keys] table, in file order
    calendar: CalendarSettings = field(default_factory=CalendarSettings)  # [calendar]
    sync: SyncSettings = field(default_factory=SyncSettings)  # [sync]
    path: Path | None = None  # where they were read from, if a file was there
    problems: tuple[str, ...] = ()  # one line each, naming the file and line


def settings_path() -> Path:
    """Where the settings file is: `KINDCHECK_CONFIG`, else the user's config folder."""
    override = os.environ.get(CONFIG_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    return Path(user_config_dir("kindcheck")) / "settings.toml"


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings file (default: `settings_path()`); never raises for a bad file."""
    path = path if path is not None else settings_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        return Settings(problems=(f"{path}: could not read the settings ({reason}); "
                                  "using the defaults.",))
    import tomllib  # only when there is a file to read: most leaders never write one

    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return Settings(path=path, problems=(_toml_problem(path, error),))
    return _read_table(table, text, path)


def _toml_problem(path: Path, error: tomllib.TOMLDecodeError) -> str:
    message = str(error)
    where = _TOML_WHERE.search(message)
    if where is None:
        return f"{path}: this is not valid TOML ({message}); using the defaults."
    what = message[: where.start()].strip().rstrip(".")
    return (
        f"{path}, line {where.group(1)}, column {where.group(2)}: this is not valid TOML "
        f"({what[:1].lower() + what[1:]}); using the defaults."
    )


def _read_table(table: dict[str, Any], text: str, path: Path) -> Settings:
    values: dict[str, Any] = {}
    problems: list[str] = []
    readers = {
        "week_start": _read_week_start,
        "working_hours": _read_working_hours,
        "default_cadence": _read_cadence,
        "skip_level_cadence": _read_skip_level_cadence,
        "theme": _read_theme,
    }
    for key, raw in table.items():
        reader = readers.get(key)
        where = _where(path, text, key)
        if key == "keys":
            values["keys"] = _read_keys(raw, text, path, problems)
            continue
        if key == "calendar":
            values["calendar"] = _read_calendar(raw, text, path, problems)
            continue
        if key == "sync":
            values["sync"] = _read_sync(raw, text, path, problems)
            continue
        if reader is None:
            known = ", ".join([*readers, "[keys]", "[calendar]", "[sync]"])
            problems.append(f"{where}: kindcheck has no setting called {key!r} (it knows {known}).")
            continue
        try:
            values[key] = reader(raw)
        except ValueError as error:
            default = _describe_default(key)
            problems.append(f"{where}: {error}; using {default}.")
    return Settings(**values, path=path, problems=tuple(problems))


def _read_keys(raw: object, text: str, path: Path, problems: list[str]) -> tuple[KeyChoice, ...]:
    if not isinstance(raw, dict):
        problems.append(f"{_where(path, text, 'keys')}: keys should be a table, like [keys] "
                        "with lines such as \"dashboard.check_in\" = \"enter\"; using the "
                        "usual keys.")
        return ()
    choices: list[KeyChoice] = []
    for binding_id, keys in _flattened(raw).items():
        line = _line_in_table(text, "keys", binding_id)
        where = f"{path}, line {line}" if line else str(path)
        if not isinstance(keys, str) or not [k for k in keys.split(",") if k.strip()]:
            problems.append(f"{where}: the key for {binding_id!r} should be text like "
                            "\"ctrl+e\" (several keys comma-separated); keeping the usual key.")
            continue
        choices.append(KeyChoice(binding_id, keys, where))
    return tuple(choices)


def _table_where(text: str, path: Path, table: str) -> Callable[[str | None], str]:
    """Where a key of `table` (or the table itself, for None) is written, for messages."""

    def where(key: str | None) -> str:
        line = _line_in_table(text, table, key) if key else _line_of(text, table)
        return f"{path}, line {line}" if line else str(path)

    return where


def _read_calendar(raw: object, text: str, path: Path, problems: list[str]) -> CalendarSettings:
    calendar = read_calendar(raw, _table_where(text, path, "calendar"))
    problems.extend(calendar.problems)
    return calendar


def _read_sync(raw: object, text: str, path: Path, problems: list[str]) -> SyncSettings:
    sync = read_sync(raw, _table_where(text, path, "sync"))
    problems.extend(sync.problems)
    return sync


def _flattened(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    # `dashboard.check_in = "enter"` without quotes is a dotted key: a table in TOML.
    flat: dict[str, Any] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            flat.update(_flattened(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def _line_in_table(text: str, table: str, key: str) -> int | None:
    """The line where `key` is set inside `[table]`."""
    header = re.compile(rf"""^\s*\[\s*(?:{re.escape(table)}|"{re.escape(table)}")\s*\]""")
    name = re.escape(key)
    assignment = re.compile(rf"""^\s*(?:{name}|"{name}"|'{name}')\s*=""")
    inside = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("["):
            inside = bool(header.match(line))
        elif inside and assignment.match(line):
            return number
    return None


def _where(path: Path, text: str, key: str) -> str:
    line = _line_of(text, key)
    return f"{path}, line {line}" if line else str(path)


def _line_of(text: str, key: str) -> int | None:
    """The line where `key` is set at the top level (or opened as a table)."""
    name = re.escape(key)
    assignment = re.compile(rf"""^\s*(?:{name}|"{name}"|'{name}')\s*=""")
    header = re.compile(rf"""^\s*\[\[?\s*(?:{name}|"{name}"|'{name}')\s*\]""")
    in_table = False
    for number, line in enumerate(text.splitlines(), start=1):
        if header.match(line):
            return number
        if line.lstrip().startswith("["):
            in_table = True  # keys below a table header belong to that table
        elif not in_table and assignment.match(line):
            return number
    return None


def _describe_default(key: str) -> str:
    default = Settings()
    value = getattr(default, key)
    if isinstance(value, WeekDay):
        return _WEEKDAY_NAMES[value]
    return str(value)


def _read_week_start(raw: object) -> WeekDay:
    if isinstance(raw, str):
        word = raw.strip().lower()
        for index, name in enumerate(_WEEKDAY_NAMES):
            if word in (name, name[:3]):
                return WeekDay(index)
    raise ValueError(f"week_start should be a weekday like \"monday\" or \"sunday\", not {raw!r}")


def _read_working_hours(raw: object) -> WorkingHours:
    if not isinstance(raw, str):
        raise ValueError(f"working_hours should be text like \"09:00-17:00\", not {raw!r}")
    return parse_working_hours(raw)


def _read_cadence(raw: object, key: str = "default_cadence") -> Cadence:
    if not isinstance(raw, str):
        raise ValueError(f"{key} should be text like \"weekly\", not {raw!r}")
    try:
        return Cadence.parse(raw)
    except ValidationError as error:
        raise ValueError(f"{key}: {error}".rstrip(".")) from error


def _read_skip_level_cadence(raw: object) -> Cadence:
    return _read_cadence(raw, "skip_level_cadence")


def _read_theme(raw: object) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise ValueError(f"theme should be the name of a theme, like \"{DEFAULT_THEME}\"")
    return raw.strip()
