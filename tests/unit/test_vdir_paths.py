"""A `[calendar] vdir` that cannot hold events: a file, under a file, or not writable.

`kindcheck calendar status|sync` say so in one line (exit 2 when the setting points at a
file, 1 when the folder cannot be written) and write nothing; the open app says it once,
not at every poll.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from kindcheck.calendar_settings import CalendarSettings
from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import Person
from kindcheck.store.store import Store
from kindcheck.vdir.folder import UnusableVdir, Vdir
from kindcheck.vdir.watch import CalendarWatch
from tests.functional.harness import NoticingApp, wait_until
from tests.functional.test_cli_shell_commands import ok, refused

# A superuser may write into a read-only folder: that case can only be seen by others.
as_root = pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                             reason="a superuser may write anywhere")


@pytest.fixture
def a_file(tmp_path: Path) -> Path:
    path = tmp_path / "calendars" / "kindcheck"
    path.parent.mkdir(parents=True)
    path.write_text("my notes, not a calendar\n", encoding="utf-8")
    return path


@pytest.fixture
def read_only(tmp_path: Path) -> Path:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)


def calendar_at(vdir: Path) -> None:
    settings = Path(os.environ["KINDCHECK_CONFIG"])
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(f'[calendar]\nvdir = "{vdir}"\n', encoding="utf-8")


# -- the folder itself ------------------------------------------------------------------------

def test_a_folder_there_or_one_that_can_be_made_is_fine(tmp_path: Path) -> None:
    assert Vdir(tmp_path).unusable() is None
    assert Vdir(tmp_path / "not" / "made" / "yet").unusable() is None


def test_a_file_is_named_as_a_file(a_file: Path) -> None:
    problem = Vdir(a_file).unusable()
    assert isinstance(problem, UnusableVdir) and problem.errno == errno.ENOTDIR
    assert str(problem) == f"{a_file} is a file, not a folder"
    with pytest.raises(UnusableVdir):
        Vdir(a_file).write("x.ics", b"BEGIN:VCALENDAR\r\n")
    assert a_file.read_text(encoding="utf-8") == "my notes, not a calendar\n"


def test_a_folder_under_a_file_cannot_be_made(a_file: Path) -> None:
    problem = Vdir(a_file / "work").unusable()
    assert problem is not None and problem.errno == errno.ENOTDIR
    assert str(problem) == f"{a_file / 'work'} cannot be made: {a_file} is a file"


@as_root
def test_a_read_only_folder_is_not_writable(read_only: Path) -> None:
    problem = Vdir(read_only).unusable()
    assert problem is not None and problem.errno == errno.EACCES
    assert str(problem) == f"{read_only} is not writable"
    assert str(Vdir(read_only / "cal").unusable()) == (
        f"{read_only / 'cal'} cannot be made: {read_only} is not writable")


# -- the shell --------------------------------------------------------------------------------

@pytest.mark.parametrize("step", ["status", "sync"])
def test_the_shell_says_the_vdir_is_a_file_and_writes_nothing(
    store_path: Path, store: Store, a_file: Path, step: str
) -> None:
    store.add_person(Person("Ada Lovelace"))
    calendar_at(a_file)
    line = refused(store_path, 2, "calendar", step)
    assert line.startswith(f"kindcheck: The calendar's vdir {a_file} is a file, not a folder "
                           "(set [calendar] vdir in ")
    assert a_file.read_text(encoding="utf-8") == "my notes, not a calendar\n"


def test_the_shell_says_a_vdir_under_a_file_cannot_be_made(
    store_path: Path, store: Store, a_file: Path
) -> None:
    store.add_person(Person("Ada Lovelace"))
    calendar_at(a_file / "work")
    line = refused(store_path, 2, "calendar", "sync")
    assert f"{a_file / 'work'} cannot be made: {a_file} is a file" in line


@as_root
@pytest.mark.parametrize("step", ["status", "sync"])
def test_the_shell_says_the_vdir_is_not_writable(
    store_path: Path, store: Store, read_only: Path, step: str
) -> None:
    store.add_person(Person("Ada Lovelace"))
    calendar_at(read_only)
    line = refused(store_path, 1, "calendar", step)
    assert line == f"kindcheck: The calendar's vdir {read_only} is not writable."


def test_a_good_folder_still_works(store_path: Path, store: Store, tmp_path: Path) -> None:
    store.add_person(Person("Ada Lovelace"))
    calendar_at(tmp_path / "calendars" / "kindcheck")
    assert "Calendar in step" in ok(store_path, "calendar", "sync")


# -- the app ----------------------------------------------------------------------------------

def test_the_watch_says_it_once_and_reads_again_once_mended(
    store: Store, clock: ManualClock, a_file: Path
) -> None:
    watch = CalendarWatch(store, clock, CalendarSettings(vdir=a_file), lambda line: None)
    with pytest.raises(UnusableVdir, match="is a file, not a folder"):
        watch.check()
    assert watch.check() is None  # the next poll stays quiet
    assert watch.check() is None
    a_file.unlink()
    assert watch.check() is not None  # a folder it can make: read back and written
    assert a_file.is_dir()


async def test_the_app_says_it_once(
    store: Store, clock: ManualClock, a_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kindcheck.settings import Settings

    polls = []
    real = CalendarWatch.check

    def counted(watch: CalendarWatch) -> object:
        polls.append(1)
        return real(watch)

    monkeypatch.setattr(CalendarWatch, "check", counted)
    app = NoticingApp(store, clock, poll_seconds=0.05, cursor_blink=False,
                      settings=Settings(calendar=CalendarSettings(vdir=a_file)))
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: len(polls) >= 5, "a few polls")
    said = [text for text in app.notice_texts() if "not a folder" in text]
    assert said == [f"The calendar could not be read back ({a_file} is a file, not a folder)."]
