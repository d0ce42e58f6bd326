"""`kindcheck delete-person` takes the person's events out of the vdir at once: through the
installed command, with a real vdir under tmp_path; no `calendar sync` needed."""

from __future__ import annotations

from pathlib import Path

from kindcheck.domain.model import Person
from kindcheck.store.store import Store
from kindcheck.vdir.events import file_name
from tests.functional.test_cli_shell_commands import ok, reopen


def test_delete_person_removes_their_events_at_once(
    store_path: Path, store: Store, ada: Person, vdir: Path, calendar_on: Path
) -> None:
    store.add_person(Person("Sam Okafor"))
    ok(store_path, "follow-up", "ada", "fri", "14:00")
    ok(store_path, "follow-up", "sam", "fri", "15:00")
    [sams] = reopen(store_path).history(reopen(store_path).find_person("sam").id).followups
    assert len(list(vdir.glob("*.ics"))) == 2
    ok(store_path, "delete-person", "ada", "--yes")
    assert [p.name for p in vdir.glob("*.ics")] == [file_name(sams.id)]
