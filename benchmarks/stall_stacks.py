"""What the event loop was doing during each long pause: stacks sampled from a second thread.

Used by `in_app.py --stacks FILE` (and `profiles.py`, which writes benchmarks/profiles/stalls.txt).
The loop's watcher (in_app.LoopWatch) marks every turn it gets; a timer signal (SIGALRM, every
millisecond) interrupts the main thread, and while the loop has gone without a turn for longer
than `AFTER` seconds the handler keeps the stack it interrupted. (A second thread reading the
main thread's frames hung and crashed Python 3.11 here; a signal handler runs on the main
thread itself, between two bytecodes, so it is safe.) A garbage collection runs no bytecode,
so no sample lands inside one: the collections are timed apart (gc.callbacks) and shown
beside each pause. The handler costs a few microseconds a millisecond, so the measured pauses
are a little longer than in bench.py's run, which does not sample.
"""

from __future__ import annotations

import collections
import signal
import time
from dataclasses import dataclass, field
from types import FrameType

# A turn missing for this long starts a stall worth sampling.
AFTER = 0.004
# Paths that say what kindcheck, Textual, Rich or the interpreter were doing.
KEEP = ("kindcheck", "textual", "rich", "tinydb", "asyncio", "orjson", "pendulum", "threading")


@dataclass
class Stall:
    phase: str
    started: float
    ended: float = 0.0
    samples: list[tuple[str, ...]] = field(default_factory=list)
    collections: list[tuple[int, float]] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return self.ended - self.started


class StallSampler:
    """Samples the main thread's stack, from a timer signal, while the loop is stalled."""

    def __init__(self) -> None:
        self.tick = time.perf_counter()
        self.phase: str | None = None
        self.stalls: list[Stall] = []
        self._current: Stall | None = None
        self._gc_started = 0.0

    def start(self) -> None:
        self.tick = time.perf_counter()  # nothing before the watch started counts
        signal.signal(signal.SIGALRM, self._sample)
        signal.setitimer(signal.ITIMER_REAL, 0.001, 0.001)

    def stop(self) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)

    def turn(self, now: float) -> None:
        """The loop got a turn (called from the loop's watcher)."""
        stall = self._current
        if stall is not None:
            stall.ended = now
            self.stalls.append(stall)
            self._current = None
        self.tick = now

    def collection(self, stage: str, info: dict[str, int]) -> None:
        if stage == "start":
            self._gc_started = time.perf_counter()
            return
        took = time.perf_counter() - self._gc_started
        stall = self._current
        if stall is None and self.phase is not None and took > AFTER:
            # The whole stall was the collection: the thread never got in to start one.
            stall = self._current = Stall(self.phase, self.tick)
        if stall is not None:
            stall.collections.append((info["generation"], took))

    def _sample(self, _signal: int, frame: FrameType | None) -> None:
        now = time.perf_counter()
        if self.phase is None or frame is None or now - self.tick < AFTER:
            return
        if self._current is None:
            self._current = Stall(self.phase, self.tick)
        self._current.samples.append(_stack(frame))


def _stack(frame: FrameType) -> tuple[str, ...]:
    """Outermost first, only the frames of the packages worth naming."""
    frames = []
    current: FrameType | None = frame
    while current is not None:  # names only: reading source lines here would be slow
        code = current.f_code
        path = code.co_filename
        if any(f"/{name}/" in path for name in KEEP):
            short = path.split("site-packages/")[-1].split("src/")[-1]
            frames.append(f"{short}:{code.co_name}")
        current = current.f_back
    return tuple(reversed(frames))


def report(sampler: StallSampler, longer_than: dict[str, float]) -> str:
    """Each phase's stalls over its target, longest first, and where their samples fell."""
    lines = [
        "Stalls of the event loop longer than each phase's target, with sampled stacks.",
        f"A sample is taken every ~1 ms once the loop has missed a turn for {AFTER * 1000:.0f} ms;",
        "garbage collections hold the interpreter, so they show as 'gc' with their own time.",
        "",
    ]
    by_phase: dict[str, list[Stall]] = collections.defaultdict(list)
    for stall in sampler.stalls:
        by_phase[stall.phase].append(stall)
    for phase, stalls in by_phase.items():
        # "typing #follow-up" has typing's target.
        limit = longer_than.get(phase.split()[0], 0.016)
        long_ones = sorted((s for s in stalls if s.seconds > limit), key=lambda s: -s.seconds)
        longest = max(s.seconds for s in stalls) * 1000
        lines.append(
            f"== {phase}: {len(long_ones)} of {len(stalls)} stalls over "
            f"{limit * 1000:.0f} ms (longest {longest:.1f} ms)"
        )
        lines += _functions(long_ones)
        for stall in long_ones[:6]:
            lines += _one(stall)
        lines.append("")
    return "\n".join(lines) + "\n"


def _functions(stalls: list[Stall]) -> list[str]:
    """Share of the long stalls' samples that were inside each function (inclusive)."""
    inside: collections.Counter[str] = collections.Counter()
    total = 0
    for stall in stalls:
        for sample in stall.samples:
            total += 1
            inside.update(set(sample))
    if not total:
        return ["   (no samples: only garbage collections)"] if stalls else []
    lines = [f"   where {total} samples of these stalls fell (inclusive share):"]
    for name, count in inside.most_common(40):
        if count / total >= 0.05:
            lines.append(f"   {count / total:6.0%}  {name}")
    return lines


def _one(stall: Stall) -> list[str]:
    gc_ms = sum(took for _, took in stall.collections) * 1000
    by_generation: dict[int, list[float]] = collections.defaultdict(list)
    for generation, took in stall.collections:
        by_generation[generation].append(took * 1000)
    gens = (
        ", ".join(
            f"{len(times)} × gen{generation} ({sum(times):.1f} ms)"
            for generation, times in sorted(by_generation.items())
        )
        or "none"
    )
    lines = [
        f"-- {stall.seconds * 1000:.1f} ms, {len(stall.samples)} samples, "
        f"gc {gc_ms:.1f} ms ({gens})"
    ]
    # The deepest common stacks, each cut to its innermost frames.
    counted = collections.Counter(sample[-7:] for sample in stall.samples)
    for sample, count in counted.most_common(3):
        lines.append(f"   {count} ×")
        lines += [f"      {frame}" for frame in sample]
    return lines
