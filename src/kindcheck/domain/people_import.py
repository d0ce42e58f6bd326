"""Reading a list of people to import (`kindcheck import people`): pure, no store, no files.

A file becomes `RawRow`s (a line number and text cells by field), from a CSV here or from a
vCard file (export/people_vcard.py); `check_rows` then turns them into `ImportedPerson`s,
collecting every bad row so the leader can fix the file in one go.

CSV column names are matched the forgiving way an HR system's export needs: any case, spaces
and punctuation ignored, and the usual other names ("Full Name", "Job Title", "Department",
"Reports To", "Date of Birth"...). A file with "First Name" and "Last Name" columns gets the
two joined. Columns kindcheck has no field for are left out and named.

Bytes are read as UTF-8 (with or without a byte order mark) or UTF-16 with a byte order mark;
failing that, as Windows-1252 (what a spreadsheet saves as "CSV" on Windows, a superset of
Latin-1 for everything printable), but only when the text it gives has no control characters;
otherwise the file is refused with a clear line.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pendulum
from pendulum import Date

from kindcheck.domain.model import Cadence, Person, ValidationError

FIELDS = ("name", "role", "team", "manager", "cadence", "timezone", "birthday", "what_matters")
MAX_SHOWN = 5  # bad rows named in the error; the rest are counted

# Column names, squashed (lower case, letters and digits only), and the field each fills.
ALIASES: dict[str, str] = {
    **dict.fromkeys(("name", "fullname", "displayname", "employee", "employeename",
                     "person", "formattedname", "fn"), "name"),
    **dict.fromkeys(("role", "title", "jobtitle", "position", "job", "jobrole"), "role"),
    **dict.fromkeys(("team", "department", "dept", "group", "unit", "org",
                     "organization", "organisation"), "team"),
    **dict.fromkeys(("manager", "managername", "reportsto", "reportingto", "supervisor",
                     "linemanager", "lead", "teamlead"), "manager"),
    **dict.fromkeys(("cadence", "checkincadence", "frequency", "checkins"), "cadence"),
    **dict.fromkeys(("timezone", "tz", "zone", "timezonename"), "timezone"),
    **dict.fromkeys(("birthday", "birthdate", "dateofbirth", "dob", "bday"), "birthday"),
    **dict.fromkeys(("whatmatters", "whatmatterstothem", "notes", "note", "interests",
                     "about"), "what_matters"),
}
FIRST_NAMES = ("firstname", "givenname", "forename")
LAST_NAMES = ("lastname", "surname", "familyname")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class ImportRefused(ValidationError):
    """The file cannot be imported: every problem found, on one line."""

    def __init__(self, source: str, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        shown = [f"{source}, {p}" for p in self.problems[:MAX_SHOWN]]
        more = len(self.problems) - MAX_SHOWN
        tail = f" (and {more} more)" if more > 0 else ""
        super().__init__("; ".join(shown) + tail + ". Nothing was imported.")


@dataclass(frozen=True, slots=True)
class RawRow:
    """One person as the file gives them: text cells by field, and where they start."""

    line: int
    cells: dict[str, str]


@dataclass(frozen=True, slots=True)
class ImportedPerson:
    """One checked row. A field is None when the file leaves it empty: importing leaves
    that field as it is for someone already here."""

    line: int
    name: str
    role: str | None = None
    team: str | None = None
    manager: str | None = None  # a name, resolved against the file and the store later
    cadence: Cadence | None = None
    timezone: str | None = None
    birthday: Date | None = None
    what_matters: str | None = None


@dataclass(slots=True)
class CsvTable:
    """What a CSV file holds: its rows, and the columns no field was found for."""

    rows: list[RawRow] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)


def decode(data: bytes, source: str) -> str:
    """The file's text: UTF-8 (any BOM dropped), UTF-16 with a BOM, else Windows-1252 when
    that reads as plain text; ImportRefused when it is none of these."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    else:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = None
        if text is not None and not _CONTROL.search(text):
            return text
    raise ImportRefused(source, ["the file is not text kindcheck can read: save it as CSV "
                                 "in UTF-8 (or Windows-1252/Latin-1)"])


def squash(header: str) -> str:
    """A column name as it is matched: lower case, letters and digits only."""
    return "".join(c for c in header.casefold() if c.isalnum())


def read_csv(text: str, source: str) -> CsvTable:
    """The rows of a CSV with a header row (comma, semicolon or tab separated)."""
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        raise ImportRefused(source, ["the file is empty: it needs a header row, e.g. name,team"])
    first = next(line for line in lines if line.strip())
    delimiter = max(",;\t", key=lambda d: first.count(d)) if any(
        d in first for d in ",;\t") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    header: list[str] | None = None
    table = CsvTable()
    columns: dict[int, str] = {}
    firsts: int | None = None
    lasts: int | None = None
    started = 1
    for cells in reader:
        line, started = started, reader.line_num + 1
        if not any(cell.strip() for cell in cells):
            continue
        if header is None:
            header = cells
            columns, firsts, lasts, table.ignored = _columns(header, source, line)
            continue
        row: dict[str, str] = {}
        for index, name in columns.items():
            if index < len(cells) and cells[index].strip():
                row[name] = cells[index]
        if "name" not in row and (firsts is not None or lasts is not None):
            parts = [cells[i].strip() for i in (firsts, lasts)
                     if i is not None and i < len(cells) and cells[i].strip()]
            if parts:
                row["name"] = " ".join(parts)
        table.rows.append(RawRow(line, row))
    return table


def _columns(
    header: list[str], source: str, line: int
) -> tuple[dict[int, str], int | None, int | None, list[str]]:
    columns: dict[int, str] = {}
    ignored: list[str] = []
    firsts = lasts = None
    for index, title in enumerate(header):
        key = squash(title)
        name = ALIASES.get(key)
        if name is not None:
            if name in columns.values():
                raise ImportRefused(source, [f"line {line}: two columns give the {name} "
                                             f"(one is {title.strip()!r})"])
            columns[index] = name
        elif key in FIRST_NAMES:
            firsts = index
        elif key in LAST_NAMES:
            lasts = index
        elif title.strip():
            ignored.append(title.strip())
    if "name" not in columns.values() and firsts is None and lasts is None:
        raise ImportRefused(source, [f"line {line}: no column gives the name (the header "
                                     "needs one called name, full name or first/last name)"])
    return columns, firsts, lasts, ignored


def parse_birthday(text: str) -> Date:
    """A birthday as a file gives it: 1985-03-12, 1985/03/12 or 19850312; ValueError else."""
    cleaned = text.strip().replace("/", "-")
    if re.fullmatch(r"\d{8}", cleaned):
        cleaned = f"{cleaned[:4]}-{cleaned[4:6]}-{cleaned[6:]}"
    if not re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", cleaned):
        raise ValueError(cleaned)
    year, month, day = (int(part) for part in cleaned.split("-"))
    return pendulum.date(year, month, day)  # ValueError for 31 February


def check_rows(rows: Iterable[RawRow], source: str) -> list[ImportedPerson]:
    """The rows as people, each field checked the way a new person's are; ImportRefused
    naming every bad row (with its line) if any is bad."""
    people: list[ImportedPerson] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for row in rows:
        try:
            person = _checked(row)
        except ValidationError as error:
            problems.append(f"line {row.line}: {str(error).rstrip('.')}")
            continue
        key = person.name.casefold()
        if key in seen:
            problems.append(f"line {row.line}: {person.name} is already on line {seen[key]}")
            continue
        seen[key] = row.line
        people.append(person)
    if problems:
        raise ImportRefused(source, problems)
    if not people:
        raise ImportRefused(source, ["nobody is in the file (only a header row?)"])
    return people


def _checked(row: RawRow) -> ImportedPerson:
    cells = {k: v for k, v in row.cells.items() if v.strip()}
    if "name" not in cells:
        raise ValidationError("no name")
    cadence = None
    if "cadence" in cells:
        try:
            cadence = Cadence.parse(cells["cadence"].strip())
        except ValidationError:
            raise ValidationError(f"cadence {cells['cadence'].strip()!r} is not weekly, "
                                  "biweekly, monthly or a number of days like 10d") from None
    birthday = None
    if "birthday" in cells:
        try:
            birthday = parse_birthday(cells["birthday"])
        except ValueError:
            raise ValidationError(f"birthday {cells['birthday'].strip()!r} is not a date "
                                  "(write it as YYYY-MM-DD)") from None
    # A Person checks every text the way the app and add-person do.
    probe = Person(
        cells["name"], role=cells.get("role", ""), team=cells.get("team", ""),
        timezone=cells.get("timezone", ""), what_matters=cells.get("what_matters", ""),
    )  # fmt: skip
    manager = " ".join(cells["manager"].split()) if "manager" in cells else None
    return ImportedPerson(
        row.line, probe.name,
        role=probe.role if "role" in cells else None,
        team=probe.team if "team" in cells else None,
        manager=manager or None,
        cadence=cadence,
        timezone=probe.timezone if "timezone" in cells else None,
        birthday=birthday,
        what_matters=probe.what_matters if "what_matters" in cells else None,
    )  # fmt: skip
