"""Turning domain records into plain JSON-able dicts and back.

People and initiatives, the index's records, are in people_codec.py.
Moments are stored as ISO 8601 text with their UTC offset and zone name, days as `YYYY-MM-DD`.
A record of the wrong shape raises `ShapeError`, which the store reports as a damaged file.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, NamedTuple

import pendulum
from pendulum import Date, DateTime

from kindcheck.domain.model import (
    CheckIn,
    Commitment,
    FollowUp,
    Note,
    PersonHistory,
    stored_records,
)
from kindcheck.domain.summary import CheckInGlance, PersonSummary

Record = dict[str, Any]


class ShapeError(ValueError):
    """A stored record does not look like kindcheck wrote it."""


def dump_moment(moment: DateTime | None) -> list[str] | None:
    if moment is None:
        return None
    # The zone name is kept so a follow-up planned in a person's zone stays in it.
    return [moment.isoformat(), moment.timezone_name or "UTC"]


_zones: dict[str, Any] = {}


def _zone(name: str) -> Any:
    """The pendulum zone called `name`, or None when it is no zone name (e.g. "+05:30")."""
    if name not in _zones:
        try:
            _zones[name] = pendulum.timezone(name)
        except Exception:
            _zones[name] = None
    return _zones[name]


def load_moment(raw: Any) -> DateTime | None:
    """A stored moment, or None where the record has none (a note not resolved, say)."""
    if raw is None:
        return None
    return required_moment(raw)


def required_moment(raw: Any) -> DateTime:
    """A moment the record cannot be without (when a note was written, say)."""
    try:
        text, zone_name = raw
        # The stdlib parser is several times faster than pendulum.parse; years of notes
        # hold tens of thousands of moments.
        parsed = datetime.fromisoformat(text)
        offset = parsed.utcoffset()
        if offset is None:
            raise ValueError("no UTC offset")
        # A fixed offset, or a zone this machine does not know: the text's own offset is exact.
        zone = _zone(zone_name) or pendulum.FixedTimezone(int(offset.total_seconds()))
        moment = parsed.astimezone(zone)
        return DateTime(
            moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second,
            moment.microsecond, tzinfo=zone, fold=moment.fold,
        )
    except Exception as error:
        raise ShapeError(f"not a moment: {raw!r}") from error


def dump_day(day: Date | None) -> str | None:
    return None if day is None else day.isoformat()


def load_day(raw: Any) -> Date | None:
    if raw is None:
        return None
    try:
        year, month, day = (int(part) for part in str(raw).split("-"))
        return Date(year, month, day)
    except Exception as error:
        raise ShapeError(f"not a day: {raw!r}") from error


def dump_note(note: Note) -> Record:
    return {
        "id": note.id,
        "person_id": note.person_id,
        "kind": note.kind.value,
        "text": note.text,
        "at": dump_moment(note.at),
        "checkin_id": note.checkin_id,
        "resolved_at": dump_moment(note.resolved_at),
        "heard_from": note.heard_from,
    }


def load_note(raw: Record) -> Note:
    return load_checked(
        raw,
        lambda r: Note(
            id=r["id"],
            person_id=r["person_id"],
            kind=r["kind"],
            text=r["text"],
            at=required_moment(r["at"]),
            checkin_id=r.get("checkin_id"),
            resolved_at=load_moment(r.get("resolved_at")),
            heard_from=_heard_from(r.get("heard_from")),
        ),
    )


def _heard_from(raw: Any) -> str | None:
    # Stores older than heard-through notes have no such key: first-hand, as they were.
    if raw is None or isinstance(raw, str):
        return raw
    raise ShapeError(f"not a person's id: {raw!r}")


def dump_commitment(commitment: Commitment) -> Record:
    return {
        "id": commitment.id,
        "person_id": commitment.person_id,
        "text": commitment.text,
        "category": commitment.category.value,
        "created_at": dump_moment(commitment.created_at),
        "due": dump_day(commitment.due),
        "done_at": dump_moment(commitment.done_at),
        "checkin_id": commitment.checkin_id,
    }


def load_commitment(raw: Record) -> Commitment:
    return load_checked(
        raw,
        lambda r: Commitment(
            id=r["id"],
            person_id=r["person_id"],
            text=r["text"],
            category=r.get("category", "other"),
            created_at=required_moment(r["created_at"]),
            due=load_day(r.get("due")),
            done_at=load_moment(r.get("done_at")),
            checkin_id=r.get("checkin_id"),
        ),
    )


def dump_followup(followup: FollowUp) -> Record:
    return {
        "id": followup.id,
        "person_id": followup.person_id,
        "at": dump_moment(followup.at),
        "topic": followup.topic,
        "status": followup.status.value,
        "checkin_id": followup.checkin_id,
        "changed_at": dump_moment(followup.changed_at),
    }


def load_followup(raw: Record) -> FollowUp:
    return load_checked(
        raw,
        lambda r: FollowUp(
            id=r["id"],
            person_id=r["person_id"],
            at=required_moment(r["at"]),
            topic=r.get("topic", ""),
            status=r.get("status", "planned"),
            checkin_id=r.get("checkin_id"),
            changed_at=load_moment(r.get("changed_at")),
        ),
    )


def dump_checkin(checkin: CheckIn) -> Record:
    return {
        "id": checkin.id,
        "person_id": checkin.person_id,
        "at": dump_moment(checkin.at),
        "mood": checkin.mood,
        "how_they_are": checkin.how_they_are,
        "their_words": checkin.their_words,
        "no_follow_up": checkin.no_follow_up,
    }


def load_checkin(raw: Record) -> CheckIn:
    return load_checked(
        raw,
        lambda r: CheckIn(
            id=r["id"],
            person_id=r["person_id"],
            at=required_moment(r["at"]),
            mood=r.get("mood"),
            how_they_are=r.get("how_they_are", ""),
            their_words=r.get("their_words", ""),
            no_follow_up=bool(r.get("no_follow_up", False)),
        ),
    )


def dump_summary(summary: PersonSummary) -> Record:
    return {
        "person_id": summary.person_id,
        "checkin_count": summary.checkin_count,
        "recent_checkins": [
            [dump_moment(g.at), g.mood, g.asked_how_they_are] for g in summary.recent_checkins
        ],
        "recent_activity": [dump_moment(m) for m in summary.recent_activity],
        "open_missing": [dump_note(n) for n in summary.open_missing],
        "open_commitments": [dump_commitment(c) for c in summary.open_commitments],
        "planned_followups": [dump_followup(f) for f in summary.planned_followups],
        "progress_count": summary.progress_count,
        "missing_count": summary.missing_count,
        "kept_on_time": summary.kept_on_time,
        "kept_late": summary.kept_late,
    }


def load_summary(raw: Record) -> PersonSummary:
    return load_checked(
        raw,
        lambda r: PersonSummary(
            person_id=r["person_id"],
            checkin_count=int(r["checkin_count"]),
            recent_checkins=[
                CheckInGlance(required_moment(at), mood, bool(asked))
                for at, mood, asked in r["recent_checkins"]
            ],
            recent_activity=[required_moment(m) for m in r["recent_activity"]],
            open_missing=[load_note(n) for n in r["open_missing"]],
            open_commitments=[load_commitment(c) for c in r["open_commitments"]],
            planned_followups=[load_followup(f) for f in r["planned_followups"]],
            progress_count=int(r["progress_count"]),
            missing_count=int(r["missing_count"]),
            kept_on_time=int(r["kept_on_time"]),
            kept_late=int(r["kept_late"]),
        ),
    )


class ParsedCache:
    """Records already parsed, reused while their stored form is unchanged.

    Parsing years of notes on every save would make writes grow with history; comparing a
    stored dict with the copy we parsed is far cheaper than parsing it again.
    """

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], tuple[Record, Any]] = {}

    def load(self, table: str, key: str, raw: Record, loader: Any) -> Any:
        hit = self._entries.get((table, key))
        if hit is not None and hit[0] == raw:
            return hit[1]
        parsed = loader(raw)
        # A copy: TinyDB updates stored dicts in place.
        self._entries[(table, key)] = (dict(raw), parsed)
        return parsed


def load_history(
    person_id: str, tables: dict[str, dict[str, Record]], cache: ParsedCache | None = None
) -> PersonHistory:
    """Build a history from a person file's TinyDB tables (table name → {doc id: record})."""
    cache = cache or ParsedCache()

    def rows(name: str, loader: Any) -> list[Any]:
        return [cache.load(name, key, raw, loader) for key, raw in tables.get(name, {}).items()]

    return PersonHistory(
        person_id=person_id,
        checkins=rows("checkins", load_checkin),
        notes=rows("notes", load_note),
        commitments=rows("commitments", load_commitment),
        followups=rows("followups", load_followup),
    )


def dump_history(history: PersonHistory) -> dict[str, dict[str, Record]]:
    """A history as a person file's tables (table name → {doc id: record})."""

    def table(records: list[Any], dump: Any) -> dict[str, Record]:
        return {str(number): dump(record) for number, record in enumerate(records, start=1)}

    return {
        "checkins": table(history.checkins, dump_checkin),
        "notes": table(history.notes, dump_note),
        "commitments": table(history.commitments, dump_commitment),
        "followups": table(history.followups, dump_followup),
    }


class WrittenText(NamedTuple):
    """One text written about a person, straight from their file (see `written_texts`)."""

    field: str  # how_they_are, their_words, progress, missing, commitment or topic
    text: str
    order: float  # the moment as a POSIX timestamp: sorts exactly as the moments do
    stored: Any  # the moment as stored (a pair of strings); `load_moment` reads it


def written_texts(tables: Mapping[str, Mapping[str, Record]]) -> list[WrittenText]:
    """Every non-blank text in a person file's tables, in file order, without building records.

    Searching years of notes needs only the words and when they were written; building every
    record costs ten times more. Raises ShapeError for a record kindcheck did not write (read
    the file the careful way, with `load_history`, to report it).
    """
    found: list[WrittenText] = []
    add = found.append
    # A check-in's notes and commitments share its moment: each is read once, and kept as
    # one tuple of two strings, which the garbage collector soon stops looking at.
    moments: dict[tuple[str, str], tuple[float, tuple[str, str]]] = {}

    def when(stored: Any) -> tuple[float, tuple[str, str]]:
        text, zone_name = stored
        key = (text, zone_name)
        known = moments.get(key)
        if known is None:
            parsed = datetime.fromisoformat(text)
            if parsed.tzinfo is None:  # the stdlib parser gives a fixed offset if there is one
                raise ShapeError(f"not a moment: {stored!r}")
            known = moments[key] = (parsed.timestamp(), key)
        return known

    try:
        for raw in tables.get("checkins", {}).values():
            moment = when(raw["at"])
            for field in ("how_they_are", "their_words"):
                text = raw.get(field, "")
                if text.strip():
                    add(WrittenText(field, text, *moment))
        for raw in tables.get("notes", {}).values():
            kind, text, at = raw["kind"], raw["text"], raw["at"]
            if kind not in ("progress", "missing"):
                raise ShapeError(f"not a kind of note: {kind!r}")
            if text.strip():
                add(WrittenText(kind, text, *when(at)))
        for raw in tables.get("commitments", {}).values():
            text, at = raw["text"], raw["created_at"]
            if text.strip():
                add(WrittenText("commitment", text, *when(at)))
        for raw in tables.get("followups", {}).values():
            text, at = raw.get("topic", ""), raw["at"]
            if text.strip():
                add(WrittenText("topic", text, *when(at)))
    except ShapeError:
        raise
    except Exception as error:  # a missing key, a wrong type
        raise ShapeError(f"a record kindcheck cannot read ({error!r})") from error
    return found


def load_checked(raw: Any, build: Any) -> Any:
    """`build(raw)` for a stored record, its failures as ShapeError."""
    if not isinstance(raw, dict):
        raise ShapeError(f"expected a record, found {type(raw).__name__}")
    try:
        # Stored text is kept as it was written: the rules for new input would refuse an
        # old note with a stray control character and lock the leader out of the rest.
        with stored_records():
            return build(raw)
    except ShapeError:
        raise
    except Exception as error:  # a missing key, a wrong type, a failed validation
        raise ShapeError(f"a record kindcheck cannot read ({error})") from error
