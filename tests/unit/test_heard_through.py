"""Notes heard through a manager: kept, read back, exported, restored, and said as such."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from pendulum import DateTime

from kindcheck.domain.checkin_draft import CheckInFields, build_records
from kindcheck.domain.clock import ManualClock
from kindcheck.domain.heard import heard_since_last_checkin, heard_through, names_by_id
from kindcheck.domain.model import CheckIn, Note, NoteKind, Person, stored_records
from kindcheck.export import export
from kindcheck.export.json_import import read_document, restore
from kindcheck.prep import prep_page
from kindcheck.store import codec
from kindcheck.store.store import Store
from tests.conftest import NOW


@pytest.fixture
def org(store: Store) -> dict[str, Person]:
    grace = store.add_person(Person("Grace Hopper", role="Manager", id="grace"))
    sam = store.add_person(Person("Sam Okafor", manager_id=grace.id, id="sam"))
    lee = store.add_person(Person("Lee Chen", manager_id=grace.id, id="lee"))
    return {"grace": grace, "sam": sam, "lee": lee}


def heard(text: str = "Stretched thin since the launch", at: DateTime = NOW) -> Note:
    return Note("sam", NoteKind.PROGRESS, text, at, heard_from="grace")


def test_codec_keeps_whom_a_note_was_heard_through() -> None:
    note = heard()
    raw = codec.dump_note(note)
    assert raw["heard_from"] == "grace"
    assert codec.load_note(raw) == note


def test_a_note_from_an_older_store_loads_as_first_hand() -> None:
    raw = codec.dump_note(Note("sam", NoteKind.PROGRESS, "Shipped it", NOW))
    del raw["heard_from"]  # as every store before heard-through notes wrote them
    assert codec.load_note(raw).heard_from is None


def test_a_heard_from_that_is_no_id_is_refused() -> None:
    raw = codec.dump_note(heard())
    raw["heard_from"] = 42
    with pytest.raises(codec.ShapeError):
        codec.load_note(raw)


def test_the_store_keeps_it_in_the_reports_file(
    store: Store, org: dict[str, Person], store_path: Path
) -> None:
    note = store.add_note(heard())
    again = Store.open(store_path, clock=ManualClock(NOW))
    assert again.history("sam").notes == [note]
    assert again.history("grace").notes == []


def test_json_export_and_import_round_trip(
    store: Store, org: dict[str, Person], tmp_path: Path
) -> None:
    store.add_note(heard())
    data = export(store, "json", NOW)
    sam = next(p for p in orjson.loads(data)["people"] if p["id"] == "sam")
    assert sam["notes"][0]["heard_from"] == "grace"
    fresh = Store.open(tmp_path / "fresh" / "kindcheck.json", clock=ManualClock(NOW))
    found = read_document(data, "export.json")
    restore(fresh, found.people, found.initiatives)
    assert fresh.history("sam").notes == store.history("sam").notes
    assert export(fresh, "json", NOW) == data


def test_an_older_export_without_heard_from_still_reads(
    store: Store, org: dict[str, Person]
) -> None:
    store.add_note(Note("sam", NoteKind.MISSING, "No laptop", NOW))
    document = orjson.loads(export(store, "json", NOW))
    for person in document["people"]:
        for note in person["notes"]:
            del note["heard_from"]
    found = read_document(orjson.dumps(document), "old.json")
    sam = next(r for r in found.people if r.person.id == "sam")
    assert [n.heard_from for n in sam.history.notes] == [None]


def test_build_records_makes_one_note_per_filled_line() -> None:
    fields = CheckInFields(follow_up="none", reports={"sam": "  Tired, but proud  ", "lee": "  "})
    records = build_records(fields, "grace", NOW, report_ids=["sam", "lee"])
    assert [(n.person_id, n.text, n.heard_from, n.kind) for n in records.heard] == [
        ("sam", "Tired, but proud", "grace", NoteKind.PROGRESS)
    ]
    assert records.notes == []  # nothing about the reports lands in the manager's own file


def test_a_line_for_someone_who_no_longer_reports_makes_no_note() -> None:
    fields = CheckInFields(follow_up="none", reports={"sam": "Doing well"})
    assert build_records(fields, "grace", NOW, report_ids=["lee"]).heard == []


def test_draft_keeps_the_lines_and_reads_odd_ones_as_empty() -> None:
    fields = CheckInFields(reports={"sam": "Doing well"})
    assert not fields.is_blank
    assert CheckInFields.from_dict(fields.to_dict()) == fields
    assert CheckInFields.from_dict({"reports": ["not", "a", "map"]}).reports == {}
    assert CheckInFields.from_dict({"reports": {"sam": 3}}).reports == {}
    assert CheckInFields(reports={"sam": "   "}).is_blank


def test_heard_since_last_checkin_only(store: Store, org: dict[str, Person]) -> None:
    old = store.add_note(heard("Before we talked", NOW.subtract(days=3)))
    store.save_checkin(CheckIn("sam", NOW.subtract(days=2), no_follow_up=True))
    new = store.add_note(heard("After we talked", NOW.subtract(days=1)))
    history = store.history("sam")
    assert heard_since_last_checkin(history) == [new]
    assert old in history.notes


def test_heard_through_names_the_manager_or_says_their_manager(org: dict[str, Person]) -> None:
    names = names_by_id(org.values())
    assert heard_through(heard(), names) == "Grace Hopper"
    assert heard_through(heard(), {}) == "their manager"
    assert heard_through(Note("sam", NoteKind.PROGRESS, "first-hand", NOW), names) == ""


def test_prep_shows_what_was_heard(store: Store, org: dict[str, Person]) -> None:
    with stored_records():  # as an old file could hold it; new input refuses the escape
        store.add_note(heard("Stretched \x1b[31mthin", NOW.subtract(days=1)))
    names = names_by_id(store.people())
    page = prep_page(org["sam"], store.history("sam"), NOW, names=names)
    assert "Heard since last time (1)" in page
    assert "via Grace Hopper, yesterday: Stretched" in page
    assert "\x1b" not in page
    assert "Heard since" not in prep_page(org["lee"], store.history("lee"), NOW, names=names)


def test_the_markdown_export_says_whom_it_was_heard_through(
    store: Store, org: dict[str, Person]
) -> None:
    store.add_note(heard("Stretched *thin*"))
    everyone = export(store, "markdown", NOW).decode()
    assert "· heard via Grace Hopper: Stretched \\*thin\\*" in everyone
    only_sam = export(store, "markdown", NOW, "sam").decode()
    assert "· heard via their manager: Stretched" in only_sam
