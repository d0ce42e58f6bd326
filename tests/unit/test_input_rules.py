"""What a leader can type: control characters refused with the field and the character named,
one-line fields kept to one line, every field limited, names compared as NFC, and only time
zones from the zone data kindcheck ships with. Stored text is still read as it was written."""

from __future__ import annotations

import pytest
from pendulum import DateTime

from kindcheck.domain.model import (
    TEXT_RULES,
    CheckIn,
    Commitment,
    FollowUp,
    Note,
    NoteKind,
    Person,
    ValidationError,
    check_name,
    check_timezone,
    known_timezones,
)
from kindcheck.store import codec, people_codec
from kindcheck.store.store import Store

ESC, BEL, CSI_C1, RLO = "\x1b", "\x07", "\x9b", "\u202e"
OSC52 = "\x1b]52;c;aGk=\x07"


def _makers(now: DateTime) -> dict[str, object]:
    """One way to put `text` into each field, through its constructor."""
    return {
        "name": lambda t: Person(t),
        "role": lambda t: Person("Ada", role=t),
        "what_matters": lambda t: Person("Ada", what_matters=t),
        "note": lambda t: Note("p1", NoteKind.PROGRESS, t, now),
        "commitment": lambda t: Commitment("p1", t, now),
        "topic": lambda t: FollowUp("p1", now, t),
        "how_they_are": lambda t: CheckIn("p1", now, how_they_are=t),
        "their_words": lambda t: CheckIn("p1", now, their_words=t),
    }


FIELDS = ["name", "role", "what_matters", "note", "commitment", "topic", "how_they_are",
          "their_words"]
ONE_LINE = ["name", "role", "commitment", "topic"]
MANY_LINES = ["what_matters", "note", "how_they_are", "their_words"]


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("bad", [ESC, BEL, CSI_C1, RLO, "\x00", "\x7f", "\u2066"])
def test_a_control_character_is_refused_naming_the_field_and_character(
    field: str, bad: str, now: DateTime
) -> None:
    make = _makers(now)[field]
    with pytest.raises(ValidationError) as refused:
        make(f"Tired{bad}but upbeat")  # type: ignore[operator]
    message = str(refused.value)
    assert f"U+{ord(bad):04X}" in message
    assert message.startswith(TEXT_RULES[field].label)
    assert "\n" not in message and bad not in message


def test_an_osc52_clipboard_sequence_is_refused_in_a_note(now: DateTime) -> None:
    with pytest.raises(ValidationError, match=r"control characters \(U\+001B, U\+0007\)"):
        Note("p1", NoteKind.PROGRESS, f"hello {OSC52}", now)


@pytest.mark.parametrize("field", ONE_LINE)
@pytest.mark.parametrize("brk", ["\n", "\r\n", "\u2028"])
def test_one_line_fields_refuse_line_breaks(field: str, brk: str, now: DateTime) -> None:
    with pytest.raises(ValidationError, match="must fit on one line"):
        _makers(now)[field](f"Ada{brk}Lovelace")  # type: ignore[operator]


@pytest.mark.parametrize("field", MANY_LINES)
def test_many_line_fields_keep_newlines_and_tabs(field: str, now: DateTime) -> None:
    record = _makers(now)[field]("First line\n\tindented second\r\nthird")  # type: ignore[operator]
    stored = {
        "what_matters": lambda r: r.what_matters, "note": lambda r: r.text,
        "how_they_are": lambda r: r.how_they_are, "their_words": lambda r: r.their_words,
    }[field](record)
    assert stored == "First line\n\tindented second\nthird"


@pytest.mark.parametrize("field", FIELDS)
def test_every_field_has_a_limit_with_a_clear_message(field: str, now: DateTime) -> None:
    limit = TEXT_RULES[field].limit
    make = _makers(now)[field]
    make("x" * limit)  # type: ignore[operator]
    with pytest.raises(ValidationError, match=f"keep it to {limit:,} characters") as refused:
        make("x" * (limit + 1))  # type: ignore[operator]
    assert str(refused.value).startswith(TEXT_RULES[field].label)


def test_bytes_the_terminal_could_not_decode_are_refused(now: DateTime) -> None:
    # sys.argv holds undecodable bytes as lone surrogates, which no JSON file can hold.
    with pytest.raises(ValidationError, match="not text"):
        Note("p1", NoteKind.PROGRESS, "caf\udce9", now)


# -- names ---------------------------------------------------------------------------------------


def test_a_name_is_stored_in_nfc() -> None:
    assert Person("Jose\u0301 Pe\u0301rez").name == "Jos\u00e9 P\u00e9rez"


def test_precomposed_and_combining_names_are_one_person(store: Store) -> None:
    store.add_person(Person("Jos\u00e9 Garc\u00eda"))
    with pytest.raises(ValidationError, match="already someone called"):
        store.add_person(Person("Jose\u0301 Garci\u0301a"))
    assert store.find_person("jose\u0301").name == "Jos\u00e9 Garc\u00eda"
    assert store.find_person("Jose\u0301 Garci\u0301a").name == "Jos\u00e9 Garc\u00eda"


@pytest.mark.parametrize("name", ["\u200b", "\u200b\u200d\ufeff", " \u00ad ", "\u0301"])
def test_a_name_of_only_invisible_characters_is_refused(name: str) -> None:
    with pytest.raises(ValidationError, match="nothing one can see"):
        check_name(name)


@pytest.mark.parametrize("name", ["李雷", "Zoë", "🦊", "\U0001fae8", "אבי כהן", "O'Brien-Smith"])
def test_real_names_in_any_script_are_welcome(name: str) -> None:
    assert Person(name).name == name


# -- time zones ---------------------------------------------------------------------------------


@pytest.mark.parametrize("zone", ["right/UTC", "posix/Europe/Berlin", "localtime", "Factory",
                                  "posixrules"])
def test_zones_only_this_machine_knows_are_refused(zone: str) -> None:
    with pytest.raises(ValidationError) as refused:
        check_timezone(zone)
    assert "Europe/Berlin" in str(refused.value) or "use UTC" in str(refused.value)


def test_a_system_only_zone_suggests_the_real_name() -> None:
    with pytest.raises(ValidationError, match="please use Europe/Berlin instead"):
        check_timezone("posix/Europe/Berlin")


@pytest.mark.parametrize(("typed", "stored"), [
    ("Europe/Berlin", "Europe/Berlin"), ("asia/tokyo", "Asia/Tokyo"),
    ("  America/New_York ", "America/New_York"), ("UTC", "UTC"), ("", ""),
])
def test_real_zones_are_accepted_in_their_proper_spelling(typed: str, stored: str) -> None:
    assert check_timezone(typed) == stored


def test_known_zones_come_from_the_tzdata_package() -> None:
    zones = known_timezones()
    assert {"Europe/Berlin", "Asia/Tokyo", "UTC"} <= zones
    assert not any(z.startswith(("right/", "posix/")) for z in zones)
    assert not {"localtime", "Factory", "posixrules"} & zones


# -- stored text still opens ----------------------------------------------------------------------


def test_an_old_note_with_a_control_character_still_loads(now: DateTime) -> None:
    row = codec.dump_note(Note("p1", NoteKind.MISSING, "placeholder", now))
    row["text"] = f"old {OSC52} note\r\nsecond"
    assert codec.load_note(row).text == f"old {OSC52} note\r\nsecond"


def test_an_old_person_with_odd_text_still_loads() -> None:
    row = people_codec.dump_person(Person("Ada"))
    row.update(name=f"Ada{ESC}[1mL", role="Eng\nineer", what_matters="x" * 30_000)
    person = people_codec.load_person(row)
    assert person.name == f"Ada{ESC}[1mL"
    assert person.role == "Eng\nineer"


def test_validation_is_back_on_after_loading(now: DateTime) -> None:
    codec.load_note(codec.dump_note(Note("p1", NoteKind.PROGRESS, "fine", now)))
    with pytest.raises(ValidationError):
        Note("p1", NoteKind.PROGRESS, f"bad{ESC}", now)
