"""Busy times: the leader's own meetings, read from the vdirs in `[calendar] read`.

Each folder is a vdir (one `.ics` file per event, as vdirsyncer keeps it). Every timed
VEVENT becomes busy stretches in the leader's zone; recurring ones (RRULE, RDATE, EXDATE and
moved occurrences with RECURRENCE-ID) are expanded by `recurring-ical-events`, the library
khal relies on too. What does not make the leader busy is left out: all-day events (a
holiday, someone's birthday), events marked free (TRANSP:TRANSPARENT), cancelled ones, and
kindcheck's own follow-ups (they are on the calendar already, should a folder be listed
twice).

Only read, never written. A file that cannot be read is skipped and named with its reason
(`unreadable`, for `kindcheck calendar status`); the rest still count. Parsed files are kept
until their mtime or size changes, and a week already expanded is kept until any file in the
folders changes (one scandir per folder tells), so drawing the week again costs nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pendulum
from pendulum import Date, DateTime

from kindcheck.domain.clock import zone_of
from kindcheck.domain.free_time import Busy
from kindcheck.domain.text import printable
from kindcheck.store.files import TEMP_MARK
from kindcheck.vdir.events import FOLLOWUP_PROPERTY
from kindcheck.vdir.folder import SUFFIX

if TYPE_CHECKING:
    from pendulum import FixedTimezone, Timezone

    Zone = Timezone | FixedTimezone

# How many expanded windows to keep (a few weeks either side of the one shown).
KEPT_WINDOWS = 16


@dataclass(frozen=True, slots=True)
class _Parsed:
    """One file as last read: its calendar, or why it could not be read."""

    key: tuple[int, int]  # mtime_ns, size
    calendar: Any | None
    problem: str = ""


def _short(error: BaseException) -> str:
    return " ".join(str(error).split())[:80] or type(error).__name__


def _parse(data: bytes) -> tuple[Any | None, str]:
    import icalendar

    try:
        calendar = icalendar.Calendar.from_ical(data)
    except (ValueError, KeyError, IndexError, TypeError) as error:
        return None, f"not a calendar file ({_short(error)})"
    if not hasattr(calendar, "walk") or not calendar.walk("VEVENT"):
        return None, "no event in it"
    return calendar, ""


def _moment(value: object, zone: Zone) -> DateTime | None:
    """A timed moment in the leader's zone; None for a whole day (or nothing)."""
    if not isinstance(value, dt.datetime):
        return None  # a date alone: all-day, never busy
    if value.tzinfo is None:  # floating time: the leader's own wall clock
        return pendulum.instance(value, tz=zone)
    return pendulum.instance(value).in_timezone(zone)


def _blocks_of(calendar: Any, start: DateTime, end: DateTime, zone: Zone) -> list[Busy]:
    import recurring_ical_events  # type: ignore[import-untyped]

    found: list[Busy] = []
    for event in recurring_ical_events.of(calendar).between(start, end):
        if str(event.get("transp", "")).upper() == "TRANSPARENT":
            continue
        if str(event.get("status", "")).upper() == "CANCELLED":
            continue
        if event.get(FOLLOWUP_PROPERTY) is not None:
            continue
        begins = _moment(getattr(event.get("dtstart"), "dt", None), zone)
        ends = _moment(getattr(event.get("dtend"), "dt", None), zone)
        if begins is None or ends is None or ends <= begins:
            continue  # all-day, or no length: nothing to keep clear
        title = printable(" ".join(str(event.get("summary", "")).split()))
        found.append(Busy(begins, ends, title=title))
    return found


class BusyCalendars:
    """The busy stretches in some vdir folders, cached by their files' mtimes."""

    def __init__(self, folders: Sequence[Path]) -> None:
        self.folders = tuple(folders)
        self._files: dict[Path, _Parsed] = {}
        self._windows: dict[tuple, list[Busy]] = {}
        self._lock = threading.Lock()  # the planner and the week view may ask from threads

    def _scan(self) -> dict[Path, tuple[int, int]]:
        """Every event file's (mtime, size); a folder that is missing holds none."""
        found: dict[Path, tuple[int, int]] = {}
        for folder in self.folders:
            try:
                with os.scandir(folder) as entries:
                    names = {entry.name: entry.stat() for entry in entries}
            except OSError:
                continue
            for name, info in names.items():
                if _is_event_file(name):
                    found[folder / name] = (info.st_mtime_ns, info.st_size)
        return found

    def _read(self, files: dict[Path, tuple[int, int]]) -> None:
        for path in list(self._files):
            if path not in files:
                del self._files[path]
        for path, key in files.items():
            known = self._files.get(path)
            if known is not None and known.key == key:
                continue
            try:
                data = path.read_bytes()
            except OSError as error:
                self._files[path] = _Parsed(key, None, f"cannot be read ({_short(error)})")
                continue
            calendar, problem = _parse(data)
            self._files[path] = _Parsed(key, calendar, problem)

    def between(self, start: DateTime, end: DateTime) -> list[Busy]:
        """Busy stretches overlapping [start, end), in `start`'s zone, soonest first."""
        if not self.folders:
            return []
        zone = zone_of(start)
        with self._lock:
            files = self._scan()
            window = (start.isoformat(), end.isoformat(), tuple(sorted(files.items())))
            kept = self._windows.get(window)
            if kept is not None:
                return list(kept)
            self._read(files)
            blocks: list[Busy] = []
            for path in sorted(self._files):
                parsed = self._files[path]
                if parsed.calendar is None:
                    continue
                try:
                    blocks.extend(_blocks_of(parsed.calendar, start, end, zone))
                # Foreign data: whatever one file's rules do, it never stops the rest.
                except Exception as error:
                    self._files[path] = _Parsed(parsed.key, None,
                                                f"its times cannot be read ({_short(error)})")
            blocks = [b for b in blocks if b.overlaps(start, end)]
            blocks.sort(key=lambda b: (b.start, b.end, b.title))
            if len(self._windows) >= KEPT_WINDOWS:
                self._windows.clear()
            self._windows[window] = blocks
            return list(blocks)

    def unreadable(self) -> list[tuple[str, str]]:
        """Every file that could not be read, as (path, reason), after reading them all."""
        with self._lock:
            self._read(self._scan())
            return [(str(path), parsed.problem) for path, parsed in sorted(self._files.items())
                    if parsed.problem]

    def by_day(self, first: Date, days: int, zone: Zone) -> dict[Date, tuple[Busy, ...]]:
        """The busy stretches of `days` days from `first`, by day (one that runs past
        midnight shows on each day it touches)."""
        start = DateTime.create(first.year, first.month, first.day, tz=zone)
        last = first.add(days=days)
        end = DateTime.create(last.year, last.month, last.day, tz=zone)
        found: dict[Date, list[Busy]] = {}
        for block in self.between(start, end):
            day = block.start.date()
            while day < last and (day == block.start.date() or _starts_day(day, zone) < block.end):
                if day >= first:
                    found.setdefault(day, []).append(block)
                day = day.add(days=1)
        return {day: tuple(blocks) for day, blocks in found.items()}


def _is_event_file(name: str) -> bool:
    # As Vdir.names: hidden files and half-written temp files are not events.
    return name.endswith(SUFFIX) and not name.startswith(".") and TEMP_MARK not in name


def _starts_day(day: Date, zone: Zone) -> DateTime:
    return DateTime.create(day.year, day.month, day.day, tz=zone)


_readers: dict[tuple[Path, ...], BusyCalendars] = {}


def busy_calendars(folders: Iterable[Path]) -> BusyCalendars:
    """The reader for these folders, shared so its cache outlives a screen."""
    key = tuple(folders)
    reader = _readers.get(key)
    if reader is None:
        reader = _readers[key] = BusyCalendars(key)
    return reader
