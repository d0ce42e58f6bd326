"""What a terminal cannot show: key-to-focus for Tab and the longest pauses of the event loop.

Run by bench.py in a process of its own, started the way the `kindcheck` command starts
(`kindcheck.garbage.paused_for_start`, or, for older code, as `__main__` did):

    python benchmarks/in_app.py STORE SAVES    # prints one line of JSON

Everything is driven through the real App with Textual's Pilot, at 120x40, and measured from
the outside: a key is pressed, and we wait until its effect can be seen (focus moved, a screen
opened or closed, a search status line changed). A task that wakes every millisecond records
how long the event loop went without a turn: how long the app could not have answered a key.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

NOW = "2026-11-23T09:30:00+01:00"
SIZE = (120, 40)
FIELDS = ("#how-they-are", "#progress", "#missing", "#follow-up")
QUERY = "laptop"
# A fast typist: 35 ms from key to key is about 340 words a minute in a burst.
TYPING_GAP = 0.035


def start_like_the_command() -> None:
    """Start as the measured kindcheck's `kindcheck` command starts (garbage collection too)."""
    import importlib

    garbage = importlib.import_module("kindcheck.garbage")
    paused = getattr(garbage, "paused_for_start", None)
    if paused is not None:
        _STARTED.enter_context(paused())  # for the rest of the process, as cli.main does
        return
    # Older kindcheck: only `python -m kindcheck` turned collection off for start-up.
    main = Path(garbage.__file__).with_name("__main__.py").read_text("utf-8")
    if "gc.disable()" in main:
        gc.disable()


_STARTED = contextlib.ExitStack()


class _NoStacks:
    """Stands in for stall_stacks.StallSampler when no stacks are wanted."""

    phase: str | None = None

    def start(self) -> None: ...

    def stop(self) -> None: ...

    def turn(self, now: float) -> None: ...

    def collection(self, stage: str, info: dict[str, int]) -> None: ...


class LoopWatch:
    """The longest the event loop went without a turn, per named phase."""

    def __init__(self, sampler: Any = None) -> None:
        # stall_stacks.StallSampler when stacks are wanted; otherwise one that does nothing.
        self.sampler = sampler if sampler is not None else _NoStacks()
        self.worst: dict[str, float] = {}
        self.phase: str | None = None
        self.collections: dict[str, float] = {}
        self._collecting = 0.0
        self._running = True
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._watch())
        gc.callbacks.append(self._collection)
        gc.callbacks.append(self.sampler.collection)
        self.sampler.start()

    def _collection(self, stage: str, info: dict[str, int]) -> None:
        # The longest garbage collection of each generation, per phase: why a pause was long.
        if stage == "start":
            self._collecting = time.perf_counter()
        elif self.phase is not None:
            name = f"{self.phase}_gen{info['generation']}"
            took = time.perf_counter() - self._collecting
            self.collections[name] = max(self.collections.get(name, 0.0), took)

    async def stop(self) -> None:
        self._running = False
        gc.callbacks.remove(self._collection)
        if self._task is not None:
            await self._task
        gc.callbacks.remove(self.sampler.collection)
        self.sampler.stop()

    @contextlib.contextmanager
    def during(self, phase: str) -> Iterator[None]:
        self.phase = phase
        self.worst.setdefault(phase, 0.0)
        self.sampler.phase = phase
        try:
            yield
        finally:
            self.phase = None
            self.sampler.phase = None

    async def _watch(self) -> None:
        last = time.perf_counter()
        while self._running:
            await asyncio.sleep(0.001)
            now = time.perf_counter()
            self.sampler.turn(now)
            if self.phase is not None:
                gap = now - last - 0.001
                self.worst[self.phase] = max(self.worst[self.phase], gap)
            last = now


async def until(condition: Callable[[], bool], seconds: float = 30.0) -> None:
    """Give the loop turns until `condition` holds (RuntimeError after `seconds`)."""
    deadline = time.perf_counter() + seconds
    while not condition():
        if time.perf_counter() > deadline:
            raise RuntimeError("the app never got there")
        await asyncio.sleep(0)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def measure(data: Path, saves: int, sampler: Any = None) -> dict[str, Any]:
    import pendulum
    from textual import events

    from kindcheck.app import KindcheckApp
    from kindcheck.domain.clock import fixed_clock
    from kindcheck.settings import Settings
    from kindcheck.store.store import Store

    clock = fixed_clock(pendulum.parse(NOW))
    app = KindcheckApp(Store.open(data, clock=clock), clock, settings=Settings())
    watch = LoopWatch(sampler)
    tabs: list[float] = []
    back: list[float] = []  # ctrl+s until the dashboard is the screen again
    first_search: list[float] = []
    further_keys: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        dashboard = app.screen
        await pilot.pause(1.5)  # the dashboard fills in after its first frame
        watch.start()
        for index in range(saves):
            # The first form of a session also reads its stylesheet: shown on its own.
            with watch.during("open" if index else "first_open"):
                await pilot.press("c")
                await until(lambda: app.screen is not dashboard and app.focused is not None)
                await pilot.pause()
            form = app.screen
            for field, text in zip(FIELDS, _conversation(index), strict=True):
                widget = form.query_one(field)
                widget.focus()  # a focus change: measured with Tab, below
                await pilot.pause()
                with watch.during(f"typing {field}"):
                    await _type(app, widget, text)
            # Tab through every field and back to the first: key to focus (its own target).
            with watch.during("tabs"):
                tabs.extend(await _tabs(app, pilot, 12))
                await pilot.pause()
            with watch.during("save"):
                started = time.perf_counter()
                app.post_message(events.Key("ctrl+s", None))  # Pilot's press waits on idle
                await until(lambda: app.screen is dashboard)
                back.append(time.perf_counter() - started)
                # The frames that finish the dashboard (the person's notes come a turn
                # later), and no more: Pilot's pause can last past the quiet second after
                # which the App tidies up on purpose, and that is not part of saving.
                await asyncio.sleep(0.3)
            await app.workers.wait_for_complete()
            # A leader reads the dashboard for a moment before the next conversation.
            with watch.during("between"):
                await pilot.pause(1.5)
        first_search, further_keys = await _search(app, pilot, dashboard, watch)
        await watch.stop()
    return {
        "tab_median_ms": statistics.median(tabs) * 1000,
        "tab_p99_ms": percentile(tabs, 0.99) * 1000,
        "typing_pause_ms": max(watch.worst[f"typing {field}"] for field in FIELDS) * 1000,
        "tabs_pause_ms": watch.worst["tabs"] * 1000,
        "first_open_pause_ms": watch.worst["first_open"] * 1000,
        "open_pause_ms": watch.worst.get("open", 0.0) * 1000,
        "save_pause_ms": watch.worst["save"] * 1000,
        "save_to_dashboard_max_ms": max(back) * 1000,
        "between_pause_ms": watch.worst["between"] * 1000,
        "search_first_ms": first_search[0] * 1000,
        "search_key_pause_ms": max(further_keys) * 1000,
        "search_pause_ms": watch.worst["search"] * 1000,
        "collections_ms": {k: round(v * 1000, 1) for k, v in sorted(watch.collections.items())},
    }


async def _tabs(app: Any, pilot: Any, count: int) -> list[float]:
    """Tab `count` times as a typist does, each key sent as soon as the last one has moved
    the focus: seconds from each key until focus has moved (work a key leaves for after its
    frame, like redrawing the footer, delays the next key's)."""
    took: list[float] = []
    pressing = []
    for _ in range(count):
        before = app.focused
        started = time.perf_counter()
        pressing.append(asyncio.create_task(pilot.press("tab")))
        await until(lambda before=before: app.focused is not before)
        took.append(time.perf_counter() - started)
    await asyncio.gather(*pressing)
    return took


async def _type(app: Any, widget: Any, text: str) -> None:
    """Type `text` as a fast typist does: a key every `TYPING_GAP` seconds, whatever the app
    is doing (Pilot's press waits for the whole process to look idle after every key, which
    the loop's own watcher keeps it from; its typing came in fits, with pauses of a second or
    more, and a pause of a second is when kindcheck tidies up). Then wait until it is all in."""
    from textual import events
    from textual.keys import _character_to_key

    for letter in text:
        key = letter if letter.isalnum() else _character_to_key(letter)
        app.post_message(events.Key(key, letter))
        await asyncio.sleep(TYPING_GAP)
    def typed() -> str:
        return str(getattr(widget, "text", getattr(widget, "value", "")))

    try:
        await until(lambda: typed().endswith(text), seconds=10)
    except RuntimeError:
        raise RuntimeError(f"typed {text!r} into #{widget.id}, it holds {typed()!r}") from None


def _conversation(index: int) -> tuple[str, str, str, str]:
    return (
        f"fine, round {index}",
        f"shipped part {index} of the export",
        f"waiting on a review for part {index}",
        "+1w",
    )


async def _search(app: Any, pilot: Any, dashboard: Any, watch: LoopWatch) -> tuple[list, list]:
    """The first query after opening search (the word sent in one burst, timed until the status
    line says what was found, less any typing delay), then one more letter at a time."""
    from textual.widgets import Static

    from kindcheck.screens import search as search_screen

    # The screen waits for a pause in typing before it searches: that wait is by design.
    delay = float(getattr(search_screen, "DEBOUNCE_SECONDS", 0.0))

    def status() -> str:
        try:
            return str(app.screen.query_one("#search-status", Static).render())
        except Exception:  # not on screen yet
            return ""

    first: list[float] = []
    further: list[float] = []
    with watch.during("search"):
        await pilot.press("slash")
        await until(lambda: app.screen is not dashboard)
        await pilot.pause()
        # The whole word at once, as a typist's burst reaches the app: Pilot's press would
        # add its own wait for idle after every letter.
        from textual import events

        started = time.perf_counter()
        for letter in QUERY:
            app.post_message(events.Key(letter, letter))
        screen = app.screen
        await until(
            lambda: screen.query_text == QUERY
            and not screen._search_due  # the search for the whole word has been drawn
            and ("match" in status() or "Nothing" in status())
        )
        first.append(time.perf_counter() - started - delay)
    # Each further letter: the longest the loop stalls from the key until its search is shown.
    for letter in "s review":
        with watch.during("search_key"):
            watch.worst["search_key"] = 0.0
            await pilot.press("space" if letter == " " else letter)
            await pilot.pause(delay + 0.1)
        further.append(watch.worst["search_key"])
    await pilot.press("escape")
    await until(lambda: app.screen is dashboard)
    return first, further


# Each phase's target: stalls longer than this are listed with their stacks.
TARGETS_S = {"typing": 0.016, "tabs": 0.016, "search_key": 0.016, "open": 0.05, "first_open": 0.05,
             "save": 0.05, "between": 0.05, "search": 0.05}


def main(argv: list[str]) -> None:
    """STORE SAVES [--stacks FILE]: the figures as JSON; with --stacks, the long stalls'
    sampled stacks written to FILE (benchmarks/stall_stacks.py)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    start_like_the_command()
    store, count = argv[0], int(argv[1])
    sampler = None
    if "--stacks" in argv:
        from stall_stacks import StallSampler

        sampler = StallSampler()
    print(json.dumps(asyncio.run(measure(Path(store), count, sampler))))
    if sampler is not None:
        from stall_stacks import report

        out = Path(argv[argv.index("--stacks") + 1])
        out.write_text(report(sampler, TARGETS_S), encoding="utf-8")
    _STARTED.close()  # as cli.main leaves its start-up context, before Python shuts down


if __name__ == "__main__":
    main(sys.argv[1:])
