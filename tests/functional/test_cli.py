"""The command line, used the way a leader would: in-process through `main`, and a few real
processes through `python -m kindcheck`."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import orjson
import pendulum
import pytest
from pendulum import DateTime

from kindcheck.cli import clock_from_environment, main
from kindcheck.domain.agenda import build_agenda
from kindcheck.domain.clock import system_clock
from kindcheck.domain.model import Cadence, CheckIn, FollowUp, NoteKind, Person
from kindcheck.paths import DATA_ENV, NOW_ENV, data_path, default_data_path
from kindcheck.settings import Settings
from kindcheck.store.store import Store
from kindcheck.today import ALL_CLEAR, EMPTY_TEAM, render_agenda, today_report
from tests.conftest import NOW

Result = tuple[int, str, str]


@pytest.fixture(autouse=True)
def _fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NOW_ENV, NOW.isoformat())


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], store_path: Path):
    """Run `kindcheck --data <the test store> ARGS...` in-process."""

    def run(*args: str, data: bool = True) -> Result:
        argv = ["--data", str(store_path), *args] if data else list(args)
        code = main(argv)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def reopen(path: Path) -> Store:
    return Store.open(path, clock=lambda: NOW)


# -- help ---------------------------------------------------------------------------------------


def test_help_documents_every_command_and_setting(run: Any) -> None:
    code, out, err = run("--help", data=False)
    assert code == 0 and err == ""
    for word in (
        "demo",
        "add-person",
        "note",
        "today",
        "export",
        "--data",
        "KINDCHECK_DATA",
        "KINDCHECK_NOW",
        "for testing only",
        "exit codes",
        "examples:",
    ):
        assert word in out


@pytest.mark.parametrize("command", ["demo", "add-person", "note", "today", "export"])
def test_every_command_has_help_with_examples(run: Any, command: str) -> None:
    code, out, _ = run(command, "--help", data=False)
    assert code == 0
    assert out.startswith(f"usage: kindcheck {command}")
    assert "example" in out


def test_version(run: Any) -> None:
    code, out, _ = run("--version", data=False)
    assert code == 0 and out.startswith("kindcheck 0.")


# -- add-person and note ------------------------------------------------------------------------


def test_add_person_with_everything(run: Any, store_path: Path) -> None:
    code, out, err = run(
        "add-person",
        "Mika Tanaka",
        "--role",
        "Designer",
        "--cadence",
        "10d",
        "--timezone",
        "Asia/Tokyo",
    )
    assert (code, err) == (0, "")
    assert out == "Added Mika Tanaka (Designer, check-ins every 10 days).\n"
    [mika] = reopen(store_path).people()
    assert (mika.name, mika.role, mika.cadence, mika.timezone) == (
        "Mika Tanaka",
        "Designer",
        Cadence("days", 10),
        "Asia/Tokyo",
    )


def test_add_person_takes_an_unquoted_name_and_defaults(run: Any, store_path: Path) -> None:
    code, out, _ = run("add-person", "Ada", "Lovelace")
    assert code == 0
    assert out == "Added Ada Lovelace (weekly check-ins).\n"
    [ada] = reopen(store_path).people()
    assert ada.cadence == Cadence.parse("weekly") and ada.timezone == ""
    # A successful write also keeps the day's backup copy.
    assert (store_path.parent / "kindcheck.backups" / "2026-11-23" / "kindcheck.json").exists()


def test_note_defaults_to_progress_and_finds_people_by_prefix(
    run: Any, team: dict[str, Person], store_path: Path
) -> None:
    code, out, _ = run("note", "mi", "Great", "design", "review")
    assert code == 0
    assert out == "Noted progress for Mika Tanaka.\n"
    notes = reopen(store_path).history(team["mika"].id).notes
    latest = max(notes, key=lambda n: n.at)
    assert (latest.kind, latest.text, latest.at, latest.checkin_id) == (
        NoteKind.PROGRESS,
        "Great design review",
        NOW,
        None,
    )


def test_a_missing_note_stays_open(run: Any, team: dict[str, Person], store_path: Path) -> None:
    code, out, _ = run("note", "Sam Okafor", "--missing", "No access to the ticket system")
    assert code == 0
    assert "stays open until it is resolved" in out
    summary = reopen(store_path).summary(team["sam"].id)
    assert [n.text for n in summary.open_missing] == ["No access to the ticket system"]


def test_an_exact_name_wins_over_a_longer_one(run: Any, store: Store, store_path: Path) -> None:
    store.add_person(Person("Jo"))
    store.add_person(Person("Joanna"))
    assert run("note", "jo", "hello")[0] == 0
    jo = next(p for p in reopen(store_path).people() if p.name == "Jo")
    assert reopen(store_path).summary(jo.id).progress_count == 1


# -- today --------------------------------------------------------------------------------------


def test_today_prints_the_agenda(run: Any, team: dict[str, Person]) -> None:
    code, out, err = run("today")
    assert (code, err) == (0, "")
    expected = "\n".join([
        "Today · Mon 23 Nov 2026, 09:30",
        "",
        "Follow-ups today",
        "  14:00  Ada Lovelace  Staging access",
        "",
        "Check-ins due",
        "  Ada Lovelace  overdue by 3 days · last check-in 10 days ago",
        "  Sam Okafor    no check-in yet",
        "",
        "My commitments",
        "  Ada Lovelace  Ask ops for log access  (tools, late, was due yesterday)",
    ])  # fmt: skip
    assert out.startswith(expected)


def test_today_on_an_empty_store_says_how_to_begin(run: Any) -> None:
    code, out, _ = run("today")
    assert code == 0
    assert out == EMPTY_TEAM + "\n"
    assert "kindcheck add-person" in out and "kindcheck demo" in out


def test_today_all_clear_is_kind(store: Store, now: DateTime) -> None:
    ada = store.add_person(Person("Ada"))
    store.save_checkin(CheckIn(ada.id, now.subtract(days=1), mood=4, no_follow_up=True))
    text = today_report(store, now, nudges=[])
    assert text == f"Today · Mon 23 Nov 2026, 09:30\n\n{ALL_CLEAR}"
    assert "ask someone how they are" in text
    assert render_agenda(build_agenda([], {}, now), now).endswith(ALL_CLEAR)


def test_today_shows_the_persons_own_time_and_missed_follow_ups(
    store: Store, team: dict[str, Person], now: DateTime
) -> None:
    mika = team["mika"]
    store.add_followup(FollowUp(mika.id, now.replace(hour=8, minute=0), "Early sync"))
    text = today_report(store, now, nudges=[])
    assert "  08:00  Mika Tanaka (16:00 in Tokyo)  Early sync  · earlier today, not done yet" in (
        text
    )
    # Same offset as the leader: no second time shown.
    paris = store.add_person(Person("Lou", timezone="Europe/Paris"))
    store.add_followup(FollowUp(paris.id, now.replace(hour=17, minute=0)))
    assert "  17:00  Lou" in today_report(store, now, nudges=[])
    assert "in Paris" not in today_report(store, now, nudges=[])


def test_today_shows_the_nudges_it_is_given(
    store: Store, team: dict[str, Person], now: DateTime
) -> None:
    text = today_report(store, now, nudges=["Sam has not had a first check-in yet."])
    assert text.endswith("Gentle nudges\n  Sam has not had a first check-in yet.")
    assert "Gentle nudges" not in today_report(store, now, nudges=[])


# -- export -------------------------------------------------------------------------------------


def test_export_json_to_stdout(run: Any, team: dict[str, Person]) -> None:
    code, out, err = run("export", "--format", "json")
    assert (code, err) == (0, "")
    document = orjson.loads(out)
    assert (document["schema"], document["version"]) == ("kindcheck-export", 5)
    assert len(document["people"]) == 3


def test_export_markdown_for_one_person_to_a_private_file(
    run: Any, team: dict[str, Person], tmp_path: Path
) -> None:
    target = tmp_path / "out" / "ada.md"
    target.parent.mkdir()
    code, out, _ = run("export", "--format", "markdown", "--person", "ada", "--out", str(target))
    assert code == 0
    assert out == f"Wrote the markdown export to {target}.\n"
    text = target.read_text()
    assert "## Ada Lovelace" in text and "Mika" not in text
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["ada.md"]  # no temp file left


def test_export_ics_to_stdout(run: Any, team: dict[str, Person]) -> None:
    code, out, _ = run("export", "--format", "ics")
    assert code == 0
    assert out.startswith("BEGIN:VCALENDAR")
    assert "SUMMARY:Check in with Ada Lovelace: Staging access" in out


# -- demo ---------------------------------------------------------------------------------------


def test_demo_fills_an_empty_store_and_says_so(run: Any, store_path: Path) -> None:
    code, out, err = run("demo")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"Added 7 people and 12 weeks of check-ins to {store_path}."
    assert lines[-1] == f"Open it with: kindcheck --data {store_path}"
    assert len(reopen(store_path).people()) == 7


def test_demo_with_options_and_data_after_the_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "elsewhere" / "team.json"
    assert main(["demo", "--people", "3", "--weeks", "4", "--seed", "9", "--data", str(path)]) == 0
    assert "Added 3 people and 4 weeks" in capsys.readouterr().out
    assert len(reopen(path).people()) == 3


def test_demo_uses_kindcheck_data_and_suggests_plain_kindcheck(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "env" / "kindcheck.json"
    monkeypatch.setenv(DATA_ENV, str(path))
    assert main(["demo", "--people", "2"]) == 0
    assert capsys.readouterr().out.endswith("Open it with: kindcheck\n")
    assert len(reopen(path).people()) == 2


def test_demo_force_adds_alongside(run: Any, team: dict[str, Person], store_path: Path) -> None:
    code, out, _ = run("demo", "--force")
    assert code == 0
    assert out.startswith("Added 7 people")
    assert len(reopen(store_path).people()) == 10


# -- where the data lives, and when "now" is ------------------------------------------------------


def test_data_path_order(tmp_path: Path) -> None:
    explicit, env = tmp_path / "a.json", tmp_path / "b.json"
    assert data_path(str(explicit), {DATA_ENV: str(env)}) == explicit
    assert data_path(None, {DATA_ENV: str(env)}) == env
    assert data_path(None, {DATA_ENV: "  "}) == default_data_path()
    assert data_path(None, {}) == default_data_path()
    assert default_data_path().parts[-2:] == ("kindcheck", "kindcheck.json")


def test_data_path_to_a_folder_means_the_file_inside(tmp_path: Path) -> None:
    assert data_path(str(tmp_path), {}) == tmp_path / "kindcheck.json"


def test_data_path_expands_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert data_path("~/notes.json", {}) == tmp_path / "notes.json"


def test_fixed_now_only_when_asked() -> None:
    assert clock_from_environment({}) is system_clock
    clock = clock_from_environment({NOW_ENV: "2026-11-23T08:30:00+00:00"})
    assert clock() == NOW
    assert clock().timezone_name == "Europe/Berlin"  # shown on the leader's own clock


def test_no_subcommand_opens_the_dashboard(
    run: Any, monkeypatch: pytest.MonkeyPatch, store_path: Path
) -> None:
    opened: dict[str, Any] = {}

    class FakeApp:
        return_code = None

        def __init__(self, store: Store, clock: Any, settings: Any) -> None:
            opened.update(store=store, clock=clock, settings=settings)

        def run(self) -> None:
            opened["ran"] = True

    fake = types.ModuleType("kindcheck.app")
    fake.KindcheckApp = FakeApp  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "kindcheck.app", fake)
    code, out, err = run()
    assert (code, out, err) == (0, "", "")
    assert opened["ran"]
    assert opened["store"].path == store_path
    assert opened["clock"]() == NOW
    assert opened["settings"].week_start == Settings().week_start


def test_interrupted_quietly(run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_: Any, **__: Any) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr("kindcheck.today.today_report", interrupted)  # imported when run
    assert run("today") == (130, "", "")


# -- real processes -----------------------------------------------------------------------------


def kindcheck(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kindcheck", *args],
        capture_output=True, text=True, timeout=60, env={**os.environ, **(env or {})},
    )  # fmt: skip


def test_a_real_process_loads_the_demo_and_prints_today(tmp_path: Path) -> None:
    path = str(tmp_path / "kindcheck.json")
    made = kindcheck("--data", path, "demo")
    assert made.returncode == 0, made.stderr
    assert made.stderr == ""
    today = kindcheck("--data", path, "today")
    assert today.returncode == 0 and today.stderr == ""
    assert today.stdout.startswith("Today · Mon 23 Nov 2026, 09:30")
    for section in ("Follow-ups today", "Check-ins due", "My commitments"):
        assert section in today.stdout
    assert "(16:30 in Tokyo)" in today.stdout


def test_a_real_process_uses_kindcheck_data(tmp_path: Path) -> None:
    path = tmp_path / "from-env" / "kindcheck.json"
    added = kindcheck("add-person", "Ada", env={DATA_ENV: str(path)})
    assert added.returncode == 0, added.stderr
    assert [p.name for p in reopen(path).people()] == ["Ada"]


def test_a_real_process_help(tmp_path: Path) -> None:
    result = kindcheck("--help")
    assert result.returncode == 0 and "kindcheck demo" in result.stdout


def test_fixed_now_reads_dst_correctly() -> None:
    clock = clock_from_environment({NOW_ENV: "2026-07-01T12:00:00+02:00"})
    assert clock() == pendulum.datetime(2026, 7, 1, 12, tz="Europe/Berlin")
