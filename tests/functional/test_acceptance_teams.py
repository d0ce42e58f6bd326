"""Issue #12's "Done when", walked on the installed command in a real terminal: `kindcheck demo
--org`, the grouped roster, a check-in with a manager whose line about one of their people shows
in that person's history, the month view's initiative with its missing follow-ups planned, and a
day's work from the shell alone."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kindcheck.domain.model import NoteKind
from kindcheck.store.store import Store
from tests.conftest import NOW
from tests.functional.terminal import KINDCHECK, Terminal, kindcheck_in_tmux
from tests.functional.test_cli_shell_commands import kindcheck

pytestmark = [
    pytest.mark.skipif(
        shutil.which("tmux") is None and not os.environ.get("CI"),
        reason="needs tmux (apt-get install tmux); in CI it is required",
    ),
    pytest.mark.slow,  # the installed command, a real terminal: seconds
]

LINE = "Stretched thin by [bold]on-call[/] \\[x]"  # markup a careless line might hold


def demo_org(store_path: Path) -> None:
    done = subprocess.run(
        [str(KINDCHECK), "--data", str(store_path), "demo", "--org"],
        capture_output=True, text=True, check=False, timeout=60,
        env={**os.environ, "KINDCHECK_NOW": NOW.isoformat()},
    )
    assert done.returncode == 0, done.stderr


def roster_rows(screen: str) -> list[str]:
    """The roster's lines as drawn, headers and people, top to bottom."""
    lines = screen.splitlines()
    start = next(i for i, line in enumerate(lines) if "Last check-in" in line) + 1
    rows = []
    for line in lines[start:]:
        if line.startswith("╰"):
            break
        rows.append(line.split("││")[0].strip("│ "))
    return rows


def select(term: Terminal, name: str) -> None:
    """Move the roster's cursor to `name`, counting rows on the screen as a reader would; once
    more if the roster was still re-sorting (after a save) when it was counted."""
    for _ in range(3):
        screen = term.screen()
        current = re.search(r"Progress vs\. missing — (.+?) ─", screen)
        assert current, screen
        rows = roster_rows(screen)
        here = next(i for i, row in enumerate(rows) if row.startswith(current.group(1)))
        there = next(i for i, row in enumerate(rows) if row.startswith(name))
        if there != here:
            term.burst(*["<Down>" if there > here else "<Up>"] * abs(there - here))
        try:
            term.wait_for(lambda s: f"Progress vs. missing — {name}" in s, name, deadline=3)
            return
        except AssertionError:
            continue
    term.wait_for(lambda s: f"Progress vs. missing — {name}" in s, f"{name} selected", 1)


def test_a_director_checks_in_with_a_manager_and_plans_an_initiative(
    tmp_path: Path, store_path: Path
) -> None:
    demo_org(store_path)
    with kindcheck_in_tmux(tmp_path, store_path) as term:
        screen = term.wait_for(lambda s: "▾ Platform" in s, "the grouped roster")
        assert "▾ Mobile" in screen and "▾ Support" in screen

        # g flattens and groups again; space on a header folds its team.
        term.burst("g")
        term.wait_for(lambda s: "▾ Platform" not in s, "the flat roster")
        term.burst("g")
        term.wait_for(lambda s: "▾ Platform" in s, "the roster grouped again")

        select(term, "Priya Raman")
        term.burst("c")
        form = term.wait_for(lambda s: "How are your people doing?" in s, "the managers' section")
        reports = form.split("How are your people doing?")[1].splitlines()
        report = next(line.split("▕")[-1].strip() for line in reports[1:]
                      if line.split("▕")[-1].strip())
        assert report in ("Grace Mensah", "Leila Brooks", "Omar Haddad")

        term.burst("Busy but steady", "<Tab>", "4", "<Tab>", LINE, "<C-s>")
        term.wait_for(lambda s: "ends with the next follow-up" in s, "the follow-up asked for")
        term.burst("none", "<C-s>")
        term.wait_for(lambda s: "Check-in with Priya Raman saved" in s, "the check-in saved")

        select(term, report)
        term.wait_for(lambda s: "via Priya Raman" in s and "[bold]on-call[/]" in s,
                      "the line in the report's history, literally")
        term.burst("c")
        term.wait_for(lambda s: "Heard via Priya Raman" in s, "the line in the next header")
        term.burst("<Escape>")
        term.wait_for(lambda s: "Progress vs. missing" in s, "the dashboard again")

        term.burst("w")
        term.wait_for(lambda s: "m Week/Month" in s, "the calendar")
        term.burst("m")
        term.wait_for(lambda s: "have nothing planned before it" in s
                      or "has nothing planned before it" in s, "an initiative's gaps")
        term.burst("i")
        dialog = term.wait_for(lambda s: "Plan all" in s, "the initiative's planner")
        planned_for = re.search(r"Plan (\d+) follow-ups? for (.+?) +│", dialog)
        assert planned_for, dialog
        initiative = planned_for.group(2)
        term.burst("a")
        term.wait_for(lambda s: f"{initiative} (Mon 30 Nov): everyone has a follow-up" in s,
                      "the initiative covered")
        term.burst("<Escape>", "q")

    store = Store.open(store_path, clock=lambda: NOW)
    people = {p.name: p for p in store.people()}
    [heard] = [n for n in store.history(people[report].id).notes
               if n.heard_from == people["Priya Raman"].id]
    assert (heard.text, heard.kind) == (LINE, NoteKind.PROGRESS)
    topics = [f.topic for p in store.people() for f in store.history(p.id).planned_followups]
    assert topics.count(initiative) == int(planned_for.group(1))


def test_a_days_work_from_the_shell_alone(store_path: Path) -> None:
    demo_org(store_path)

    def ok(*args: str) -> str:
        done = kindcheck(store_path, *args)
        assert (done.returncode, done.stderr) == (0, ""), (args, done.stderr)
        return done.stdout

    assert "team Platform · reports to Priya Raman" in ok("people", "--team", "platform")
    assert "Grace Mensah" in ok("prep", "priya")  # a manager's prep lists their reports
    ok("note", "grace", "Unblocked the release [ci]")
    ok("promise", "grace", "Ask for a staging box", "--category", "tools", "--due", "fri")
    assert "Ask for a staging box" in ok("prep", "grace")
    ok("done", "grace", "ask for")
    assert "Ask for a staging box" not in ok("prep", "grace").split("My open promises")[1]
    ok("follow-up", "grace", "thu", "10:00", "--topic", "Release retro")
    assert "Unblocked the release [ci]" in ok("search", "unblocked")
    assert "Release retro" in ok("prep", "grace")
    assert "Today" in ok("today")
