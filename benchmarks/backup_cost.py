"""What the daily backup costs at five years, now that it is a real copy.

    python benchmarks/backup_cost.py            # 50 people, 260 weeks (takes a minute or two)
    python benchmarks/backup_cost.py --quick    # 10 people, 52 weeks, fewer repeats

Builds `kindcheck demo --people 50 --weeks 260 --seed 1` in a temporary folder, then times the
installed `kindcheck note` command (a new process each time, as a user runs it):

- a normal note: the day's backup already exists, so none is taken;
- the first note of a day: it takes the day's backup, copying the index, the drafts and every
  person file changed since yesterday's backup (unchanged ones are hard links between
  backups, never to the live file);
- the first note ever (no backup yet): every file is copied.

The three are measured turn about, so a busy machine slows them alike. Also timed in-process:
`Store.daily_backup()` alone, with a previous day's backup and without. Each figure is printed
with its target and whether it was met.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pendulum

from kindcheck.store.store import Store

DAY0 = pendulum.datetime(2026, 11, 23, 9, 30, tz="Europe/Berlin")


def command() -> list[str]:
    script = Path(sys.executable).with_name("kindcheck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "kindcheck"]


def run(data: Path, day: int, *args: str) -> float:
    """Seconds one `kindcheck --data DATA ARGS` took, on day DAY0 + `day`."""
    env = {**os.environ, "KINDCHECK_NOW": DAY0.add(days=day).isoformat()}
    started = time.perf_counter()
    done = subprocess.run([*command(), "--data", str(data), *args], env=env,
                          capture_output=True, text=True, timeout=600)
    took = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"kindcheck failed: {done.stderr.strip()}")
    return took


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def verdict(label: str, value: float, unit: str, target: str, met: bool) -> str:
    return f"{label:<52} {value:9.1f} {unit:<3} target {target:<28} {'met' if met else 'MISSED'}"


def in_process(data: Path, day: int, fresh: bool) -> float:
    """Milliseconds `daily_backup()` takes on day `day` (with no backups at all if `fresh`)."""
    store = Store.open(data, clock=lambda: DAY0.add(days=day))
    if fresh:
        shutil.rmtree(store.backups_folder, ignore_errors=True)
    started = time.perf_counter()
    store.daily_backup()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    people, weeks, repeats = (10, 52, 3) if args.quick else (50, 260, 7)

    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "kindcheck.json"
        print(f"Building {people} people x {weeks} weeks ...", flush=True)
        run(data, 0, "demo", "--people", str(people), "--weeks", str(weeks), "--seed", "1")
        store = Store.open(data)
        name = store.people()[0].name
        backups = store.backups_folder
        print(f"Store: {size_of(Path(folder)) / 1e6:.1f} MB on disk with its backups, "
              f"{len(list(store.people_folder.glob('*.json')))} person files\n")

        normal: list[float] = []
        first_of_day: list[float] = []
        first_ever: list[float] = []
        day = 0
        for index in range(repeats):
            # Turn about: a note on a day already backed up, the first note of a new day,
            # the first note with no backup at all.
            normal.append(run(data, day, "note", name, f"normal {index}"))
            day += 1
            first_of_day.append(run(data, day, "note", name, f"first of day {index}"))
            day += 1
            shutil.rmtree(backups)
            first_ever.append(run(data, day, "note", name, f"first ever {index}"))

        incremental = [in_process(data, day + 1 + i, fresh=False) for i in range(repeats)]
        full = [in_process(data, day + 100 + i, fresh=True) for i in range(repeats)]

    median: Callable[[list[float]], float] = statistics.median
    ms = [median(normal) * 1000, median(first_of_day) * 1000, median(first_ever) * 1000]
    print(f"{'figure (median of ' + str(repeats) + ')':<52} {'value':>9}")
    print(verdict("kindcheck note, day already backed up", ms[0], "ms", "(the baseline)", True))
    print(verdict("kindcheck note, first of the day (incremental copy)", ms[1], "ms",
                  "<= 1.5x baseline", ms[1] <= 1.5 * ms[0]))
    ratio = ms[1] / ms[0]
    print(verdict("  ... ratio to the baseline", ratio, "x", "<= 1.5", ratio <= 1.5))
    print(verdict("kindcheck note, first ever (copies every file)", ms[2], "ms", "<= 1000 ms",
                  ms[2] <= 1000))
    inc, whole = median(incremental), median(full)
    print(verdict("Store.daily_backup(), previous day's backup there", inc, "ms", "<= 50 ms",
                  inc <= 50))
    print(verdict("Store.daily_backup(), no backup yet (full copy)", whole, "ms", "<= 500 ms",
                  whole <= 500))


if __name__ == "__main__":
    main()
