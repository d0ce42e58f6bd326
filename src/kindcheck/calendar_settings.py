"""The `[calendar]` table of settings.toml: where follow-ups go as a vdir, and how much of them.

    [calendar]
    vdir = "~/.local/share/calendars/kindcheck"   # turns the calendar on
    read = ["~/.local/share/calendars/work"]      # other vdirs, read for busy times
    duration = "30m"                              # how long a follow-up's event lasts
    alarm = "10m"                                 # reminder before it, or "none"
    details = "names"                             # "names", "topics" or "prep"
    commitments = false                           # open promises with a due day as well
    notify = "off"                                # "off", "bell", "osc9" or "osc777"

Only read here: nothing is written and no folder is made (the vdir writer makes it). A value
kindcheck does not understand is one problem line naming the file and the line, and the
calendar stays off, so a typo never sends more about people than the leader chose.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DETAILS = ("names", "topics", "prep")
NOTIFY = ("off", "bell", "osc9", "osc777")
KNOWN = ("vdir", "read", "duration", "alarm", "details", "commitments", "notify")

_SPAN = re.compile(r"^\s*(?:(\d{1,3})\s*h)?\s*(?:(\d{1,4})\s*m(?:in)?)?\s*$")


@dataclass(frozen=True, slots=True)
class CalendarSettings:
    """What the leader chose for their calendar; off unless `vdir` is set."""

    vdir: Path | None = None
    read: tuple[Path, ...] = ()
    duration_minutes: int = 30
    alarm_minutes: int | None = 10  # None: no reminder in the event
    details: str = "names"
    commitments: bool = False
    notify: str = "off"
    problems: tuple[str, ...] = field(default=(), compare=False)

    @property
    def enabled(self) -> bool:
        """Whether follow-ups are written to a vdir at all."""
        return self.vdir is not None


def parse_span(text: str, what: str) -> int:
    """Minutes in "30m", "1h", "1h30m" or "90"; raise ValueError with a reason fit to show."""
    stripped = text.strip().lower()
    if stripped.isdigit():
        return int(stripped)
    match = _SPAN.match(stripped)
    if not stripped or match is None or not any(match.groups()):
        raise ValueError(f"{what} should be a length like \"30m\" or \"1h\", not {text!r}")
    hours, minutes = (int(part) if part else 0 for part in match.groups())
    return hours * 60 + minutes


def read_calendar(raw: object, where: Callable[[str | None], str]) -> CalendarSettings:
    """Read the `[calendar]` table; `where(key)` names the file and line for a message.

    Any problem turns the calendar off and is listed in `problems`.
    """
    if not isinstance(raw, dict):
        return CalendarSettings(problems=(
            f"{where(None)}: calendar should be a table, like [calendar] with a line "
            "vdir = \"~/.local/share/calendars/kindcheck\"; the calendar stays off.",
        ))
    values: dict[str, Any] = {}
    problems: list[str] = []
    for key, value in raw.items():
        reader = _READERS.get(key)
        if reader is None:
            problems.append(f"{where(key)}: the calendar has no setting called {key!r} "
                            f"(it knows {', '.join(KNOWN)}); the calendar stays off.")
            continue
        try:
            values[key] = reader(value)
        except ValueError as error:
            problems.append(f"{where(key)}: {error}; the calendar stays off.")
    if problems:
        return CalendarSettings(problems=tuple(problems))
    if "duration" in values:
        values["duration_minutes"] = values.pop("duration")
    if "alarm" in values:
        values["alarm_minutes"] = values.pop("alarm")
    return CalendarSettings(**values)


def _folder(raw: object, what: str) -> Path:
    if not isinstance(raw, str) or not raw.strip():
        raise ValueError(f"{what} should be the path of a folder, like "
                         "\"~/.local/share/calendars/kindcheck\"")
    return Path(raw.strip()).expanduser()


def _read_vdir(raw: object) -> Path:
    return _folder(raw, "vdir")


def _read_read(raw: object) -> tuple[Path, ...]:
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list):
        raise ValueError("read should be a list of folders, like "
                         "[\"~/.local/share/calendars/work\"]")
    return tuple(_folder(item, "each folder in read") for item in raw)


def _read_duration(raw: object) -> int:
    if not isinstance(raw, str | int) or isinstance(raw, bool):
        raise ValueError(f"duration should be a length like \"30m\", not {raw!r}")
    minutes = parse_span(str(raw), "duration")
    if not 5 <= minutes <= 8 * 60:
        raise ValueError(f"duration {raw!r} should be between 5 minutes and 8 hours")
    return minutes


def _read_alarm(raw: object) -> int | None:
    if isinstance(raw, str) and raw.strip().lower() in ("none", "off", "no"):
        return None
    if raw is False:
        return None
    if not isinstance(raw, str | int) or isinstance(raw, bool):
        raise ValueError(f"alarm should be a length like \"10m\", or \"none\", not {raw!r}")
    minutes = parse_span(str(raw), "alarm")
    if minutes > 7 * 24 * 60:
        raise ValueError(f"alarm {raw!r} is more than a week ahead")
    return minutes


def _one_of(raw: object, what: str, choices: tuple[str, ...]) -> str:
    word = raw.strip().lower() if isinstance(raw, str) else None
    if word not in choices:
        listed = ", ".join(f'"{choice}"' for choice in choices)
        raise ValueError(f"{what} should be one of {listed}, not {raw!r}")
    return word


def _read_details(raw: object) -> str:
    return _one_of(raw, "details", DETAILS)


def _read_notify(raw: object) -> str:
    return _one_of(raw, "notify", NOTIFY)


def _read_commitments(raw: object) -> bool:
    if not isinstance(raw, bool):
        raise ValueError(f"commitments should be true or false, not {raw!r}")
    return raw


_READERS: dict[str, Callable[[object], Any]] = {
    "vdir": _read_vdir,
    "read": _read_read,
    "duration": _read_duration,
    "alarm": _read_alarm,
    "details": _read_details,
    "commitments": _read_commitments,
    "notify": _read_notify,
}
