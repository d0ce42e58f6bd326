"""The month's initiatives, a line each under the month: the target, and who has nothing
planned before it ("Q1 launch (Fri 18 Dec): Ada, Linus have nothing planned before it")."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from pendulum import Date
from rich.text import Text
from textual.widgets import Static

from kindcheck.domain.calendar import CalendarMonth, short_names
from kindcheck.domain.dates import LOCALE
from kindcheck.domain.initiatives import Coverage
from kindcheck.widgets import css_beside
from kindcheck.widgets.literal import shown
from kindcheck.widgets.privacy import veil

LINES_SHOWN = 3


def names_list(names: Sequence[str]) -> str:
    """"Ada", "Ada and Linus", "Ada, Linus and Grace"."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def target_words(day: Date) -> str:
    """"Fri 18 Dec"."""
    return day.format("ddd D MMM", locale=LOCALE)


def coverage_line(coverage: Coverage, today: Date, *, masked: bool = False) -> str:
    """One plain line saying where an initiative stands (names go through `shown` later)."""
    initiative = coverage.initiative
    name = veil(initiative.name, masked)
    head = f"{name} ({target_words(initiative.target)})" if initiative.target else name
    if not coverage.people:
        return f"{head}: nobody in it yet"
    if coverage.target_passed(today):
        return f"{head}: its day has come"
    if not coverage.uncovered:
        return f"{head}: everyone has a follow-up planned before it"
    shorts = short_names(coverage.people)
    names = [shorts[p.id] for p in coverage.uncovered]
    verb = "has" if len(names) == 1 else "have"
    when = " before it" if initiative.target else ""
    return f"{head}: {names_list(names)} {verb} nothing planned{when}"


def in_month(coverages: Iterable[Coverage], month: CalendarMonth) -> list[Coverage]:
    """The initiatives worth a line in `month`: due in it or later, or with no target."""
    first = (month.year, month.month)
    return [c for c in coverages if c.initiative.target is None
            or (c.initiative.target.year, c.initiative.target.month) >= first]


def day_marks(coverages: Iterable[Coverage], *, masked: bool = False
              ) -> Mapping[Date, tuple[tuple[str, bool], ...]]:
    """For each target day: the initiatives due then, and whether someone is uncovered."""
    marks: dict[Date, list[tuple[str, bool]]] = {}
    for coverage in coverages:
        target = coverage.initiative.target
        if target is not None:
            name = veil(coverage.initiative.name, masked)
            marks.setdefault(target, []).append((name, bool(coverage.uncovered)))
    return {day: tuple(found) for day, found in marks.items()}


class InitiativeList(Static):
    """A line per initiative under the month; hidden when the month has none."""

    DEFAULT_CSS = css_beside(__file__)

    def show(self, coverages: Sequence[Coverage], today: Date, *, masked: bool = False) -> None:
        """Say where each initiative stands, the ones with people to plan for in colour."""
        self.display = bool(coverages)
        text = Text()
        for index, coverage in enumerate(coverages[:LINES_SHOWN]):
            if index:
                text.append("\n")
            todo = bool(coverage.uncovered) and not coverage.target_passed(today)
            text.append("◆ ", "bold")
            text.append(shown(coverage_line(coverage, today, masked=masked), one_line=True),
                        "bold" if todo else "dim")
        more = len(coverages) - LINES_SHOWN
        if more > 0:
            text.append(f"\n+{more} more initiatives", "italic")
        self.update(text)
