"""A child process for the fault tests: adds notes to one person, one after another.

    python note_writer.py STORE PERSON_ID COUNT [--wait]

Prints `ready` once the store is open (then, with --wait, waits for a line on stdin), and after
each `add_note` returns prints the note's id, flushed: an id on stdout is an acknowledged,
saved note. COUNT 0 means write until killed. A store error is printed as `error: ...`.
"""

from __future__ import annotations

import itertools
import os
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    from kindcheck.domain.model import Note, NoteKind
    from kindcheck.store.errors import StoreError
    from kindcheck.store.store import Store

    path, person_id, count = Path(argv[0]), argv[1], int(argv[2])
    store = Store.open(path, lock_timeout=30)
    print("ready", flush=True)
    if "--wait" in argv:
        sys.stdin.readline()
    numbers = itertools.count() if count == 0 else range(count)
    try:
        for n in numbers:
            kind = NoteKind.MISSING if n % 3 == 0 else NoteKind.PROGRESS
            note = Note(person_id, kind, f"pid {os.getpid()} note {n} ✓", store.clock())
            store.add_note(note)
            print(note.id, flush=True)
    except StoreError as error:
        print(f"error: {error}", flush=True)
        return 3
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
