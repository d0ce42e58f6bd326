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
import time
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
from kindcheck.vdir.folder import SUFFIX

if TYPE_CHECKING:
    from pendulum import FixedTimezone, Timezone

    Zone = Timezone | FixedTimezone

# How many expanded windows to keep (a few weeks either side of the one shown).
KEPT_WINDOWS = 16
# How long the folders' listing is trusted before it is looked at again.
FRESH_SECONDS = 2.0


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

    from kindcheck.vdir.events import FOLLOWUP_PROPERTY

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
    """The busy stretches in some vdir folders, cached by their files' mtimes.

    `between` reads (and may take a while the first time: every file is parsed);
    `cached_between` never waits, answering None when a read is needed, so a screen can
    draw at once and read in a thread. The folders are looked at again at most every
    `fresh_seconds`, so a screen drawn on every key press costs one dictionary look-up.
    """

    def __init__(self, folders: Sequence[Path], *, fresh_seconds: float = FRESH_SECONDS) -> None:
        self.folders = tuple(folders)
        self.fresh_seconds = fresh_seconds
        self._files: dict[Path, _Parsed] = {}
        self._windows: dict[tuple[str, str, int], list[Busy]] = {}
        self._seen: dict[Path, tuple[int, int]] = {}  # the folders' files at the last look
        self._seen_key = 0
        self._looked_at: float | None = None
        self._lock = threading.Lock()  # the planner and the week view may ask from threads

    def _scan(self) -> None:
        """Every event file's (mtime, size), unless looked at a moment ago."""
        now = time.monotonic()
        if self._looked_at is not None and now - self._looked_at < self.fresh_seconds:
            return
        found: dict[Path, tuple[int, int]] = {}
        for folder in self.folders:
            try:
                with os.scandir(folder) as entries:
                    infos = {entry.name: entry.stat() for entry in entries}
            except OSError:
                continue  # a missing folder holds no meetings
            for name, info in infos.items():
                if _is_event_file(name):
                    found[folder / name] = (info.st_mtime_ns, info.st_size)
        self._seen = found
        self._seen_key = hash(tuple(sorted((str(path), key) for path, key in found.items())))
        self._looked_at = now

    def _read(self) -> None:
        files = self._seen
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

    def _window(self, start: DateTime, end: DateTime) -> tuple[str, str, int]:
        return (start.isoformat(), end.isoformat(), self._seen_key)

    def look(self) -> int | None:
        """Look at the folders now (one scandir each, no file read) and return a stamp that
        changes whenever an event file is added, removed, replaced or rewritten in place;
        None while a read holds the reader (ask again at the next poll)."""
        if not self.folders:
            return 0
        if not self._lock.acquire(blocking=False):
            return None
        try:
            self._looked_at = None
            self._scan()
            return self._seen_key
        finally:
            self._lock.release()

    @property
    def stamp(self) -> int:
        """The stamp of the folders as they were at the last look (see `look`)."""
        return self._seen_key

    def cached_between(self, start: DateTime, end: DateTime) -> list[Busy] | None:
        """What `between` would answer, if known without reading; None otherwise."""
        if not self.folders:
            return []
        if not self._lock.acquire(blocking=False):
            return None  # a read is under way: its result will come
        try:
            self._scan()
            kept = self._windows.get(self._window(start, end))
            return list(kept) if kept is not None else None
        finally:
            self._lock.release()

    def between(self, start: DateTime, end: DateTime) -> list[Busy]:
        """Busy stretches overlapping [start, end), in `start`'s zone, soonest first."""
        if not self.folders:
            return []
        zone = zone_of(start)
        with self._lock:
            self._scan()
            window = self._window(start, end)
            kept = self._windows.get(window)
            if kept is not None:
                return list(kept)
            self._read()
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

    def unreadable(self, around: DateTime | None = None) -> list[tuple[str, str]]:
        """Every file that could not be read, as (path, reason), after reading them all;
        with `around`, also those whose rules break when the week from it is expanded."""
        if around is not None:
            self.between(around.start_of("day"), around.start_of("day").add(days=7))
        with self._lock:
            self._looked_at = None  # asked on purpose: look now
            self._scan()
            self._read()
            return [(str(path), parsed.problem) for path, parsed in sorted(self._files.items())
                    if parsed.problem]

    def by_day(self, first: Date, days: int, zone: Zone, *, wait: bool = True
               ) -> dict[Date, tuple[Busy, ...]] | None:
        """The busy stretches of `days` days from `first`, by day (one that runs past
        midnight shows on each day it touches). With `wait=False`, None when a read is
        needed."""
        start = _starts_day(first, zone)
        last = first.add(days=days)
        end = _starts_day(last, zone)
        blocks = self.between(start, end) if wait else self.cached_between(start, end)
        if blocks is None:
            return None
        found: dict[Date, list[Busy]] = {}
        for block in blocks:
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


@dataclass(frozen=True, slots=True)
class BusyWeeks:
    """The leader's meetings week by week, on their own clock (what the week view asks)."""

    reader: BusyCalendars
    zone: Zone

    def week(self, first: Date, *, wait: bool = True) -> dict[Date, tuple[Busy, ...]] | None:
        """The seven days from `first`; with `wait=False`, None when a read is needed."""
        return self.reader.by_day(first, 7, self.zone, wait=wait)


def busy_weeks(folders: Iterable[Path], now: DateTime) -> BusyWeeks | None:
    """Busy weeks from these folders in `now`'s zone; None when there are none to read."""
    folders = tuple(folders)
    return BusyWeeks(busy_calendars(folders), zone_of(now)) if folders else None


def meetings_until(folders: Iterable[Path], now: DateTime, last_day: Date, *,
                   wait: bool = True) -> list[Busy] | None:
    """The leader's meetings from `now` to the end of `last_day`, on `now`'s clock; with
    `wait=False`, None when a read is needed (read them in a thread with `wait=True`)."""
    folders = tuple(folders)
    if not folders:
        return []
    zone = zone_of(now)
    end = _starts_day(last_day.add(days=1), zone)
    if end <= now:
        return []
    # From the start of today, so asking again later today finds the same window kept.
    start = _starts_day(now.date(), zone)
    reader = busy_calendars(folders)
    found = reader.between(start, end) if wait else reader.cached_between(start, end)
    return None if found is None else [b for b in found if b.overlaps(now, end)]


_readers: dict[tuple[Path, ...], BusyCalendars] = {}


def busy_calendars(folders: Iterable[Path]) -> BusyCalendars:
    """The reader for these folders, shared so its cache outlives a screen."""
    key = tuple(folders)
    reader = _readers.get(key)
    if reader is None:
        reader = _readers[key] = BusyCalendars(key)
    return reader
