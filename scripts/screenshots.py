"""Regenerate the SVG screenshots in screenshots/ from the real app.

The sample team (fixed seed) lives in a throwaway folder, and the clock stands still on
Monday 23 November 2026, 09:30 in Berlin, so the pictures only change when the app does.

    python scripts/screenshots.py            # all of them
    python scripts/screenshots.py dashboard  # just the ones named
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

import pendulum
from textual.pilot import Pilot

from kindcheck.app import KindcheckApp
from kindcheck.demo import load_demo
from kindcheck.domain.clock import fixed_clock
from kindcheck.store.store import Store

NOW = pendulum.datetime(2026, 11, 23, 9, 30, tz="Europe/Berlin")
SIZE = (120, 34)
SEED = 7
OUT = Path(__file__).resolve().parent.parent / "screenshots"

Steps = Callable[[Pilot[None]], Awaitable[None]]


async def keys(pilot: Pilot[None], *pressed: str) -> None:
    await pilot.press(*pressed)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def search_for(pilot: Pilot[None], words: str) -> None:
    await keys(pilot, "slash")
    await pilot.press(*words)
    for _ in range(60):  # the search waits for a pause in typing
        await pilot.pause(0.05)
        if "match" in str(pilot.app.screen.query_one("#search-status").render()):
            break


SHOTS: dict[str, tuple[bool | str, Steps]] = {
    # name: (on the sample team? "org": the director's sample, what to do before the picture)
    "welcome": (False, lambda pilot: pilot.pause()),
    "dashboard": (True, lambda pilot: pilot.pause()),
    "today": (True, lambda pilot: keys(pilot, "tab", "down", "down")),
    "quick-note": (True, lambda pilot: keys(pilot, "n", *"Untangled the release checklist")),
    "person-editor": (True, lambda pilot: keys(pilot, "e")),
    "check-in": (True, lambda pilot: keys(pilot, "c")),
    "calendar": (True, lambda pilot: keys(pilot, "w")),
    "calendar-month": (True, lambda pilot: keys(pilot, "w", "m")),
    "insights": (True, lambda pilot: keys(pilot, "i")),
    "search": (True, lambda pilot: search_for(pilot, "clear docs")),
    "help": (True, lambda pilot: keys(pilot, "question_mark")),
    "privacy-mask": (True, lambda pilot: keys(pilot, "p")),
    "teams": ("org", lambda pilot: pilot.pause()),
    "initiatives-month": ("org", lambda pilot: keys(pilot, "w", "m")),
}


async def take(name: str, with_team: bool | str, steps: Steps, folder: Path) -> Path:
    """Open a fresh store, run the steps, and save what the screen shows."""
    store = Store.open(folder / name / "kindcheck.json", clock=fixed_clock(NOW))
    if with_team:
        load_demo(store, NOW, seed=SEED, org=with_team == "org")
    app = KindcheckApp(store, fixed_clock(NOW), poll_seconds=0, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await steps(pilot)
        await pilot.pause()
        svg = app.export_screenshot(title=f"kindcheck — {name}")
    target = OUT / f"{name}.svg"
    target.write_text(svg, encoding="utf-8")
    return target


async def main(names: list[str]) -> int:
    unknown = [n for n in names if n not in SHOTS]
    if unknown:
        print(f"Unknown screenshot(s): {', '.join(unknown)}. Known: {', '.join(SHOTS)}.")
        return 2
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kindcheck-shots-") as folder:
        for name in names or list(SHOTS):
            with_team, steps = SHOTS[name]
            print(f"wrote {await take(name, with_team, steps, Path(folder))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main(sys.argv[1:])))
