"""Insights: how the leader is showing up for each person, and for the team.

The table and the nudges come from the store's summaries and show at once; the monthly
progress and the team's weekly mood need whole histories, which load in a thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Collapsible, DataTable, Footer, Static

from kindcheck.domain.clock import Clock
from kindcheck.domain.initiatives import Coverage, coverages, involvements
from kindcheck.domain.insights import (
    HOW_COMPUTED,
    PersonInsight,
    TeamInsight,
    person_insights,
    team_insight,
)
from kindcheck.domain.model import PersonHistory
from kindcheck.domain.nudges import Nudge, nudges
from kindcheck.domain.summary import PersonSummary
from kindcheck.domain.trends import MonthTally, WeekMood, mood_by_week, progress_by_month
from kindcheck.store.errors import StoreError
from kindcheck.store.store import Store
from kindcheck.widgets.app_link import ShowsPersonalText, ShowsStore
from kindcheck.widgets.insight_table import (
    COLUMNS,
    INITIATIVE_COLUMNS,
    initiative_cells,
    insight_cells,
    insight_styles,
    months_line,
    promises_line,
)
from kindcheck.widgets.literal import shown, user_rich
from kindcheck.widgets.mood_chart import MoodChart
from kindcheck.widgets.privacy import MASK, PrivacyBanner, is_masked, veil

NUDGES_SHOWN = 3
class InsightsScreen(ShowsStore, ShowsPersonalText, Screen[None]):
    """Figures that keep a leader honest, with gentle nudges at the top."""

    CSS_PATH = "insights.tcss"

    BINDINGS = [
        Binding("escape", "back", "Back", id="insights.back"),
        Binding("j", "cursor_down", "Down", show=False, id="insights.down"),
        Binding("k", "cursor_up", "Up", show=False, id="insights.up"),
        Binding("n", "toggle_nudges", "All nudges", id="insights.nudges"),
        Binding("h", "toggle_how", "How computed", id="insights.how"),
        Binding("r", "refresh", "Refresh", id="insights.refresh"),
    ]

    @dataclass
    class HistoriesLoaded(Message):
        """Whole histories arrived from the worker (or the error that stopped them)."""

        generation: int  # which reload asked; older answers are dropped
        histories: dict[str, PersonHistory]
        error: str = ""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.store = store
        self.clock = clock
        self._insights: list[PersonInsight] = []
        self._team = TeamInsight()
        self._nudges: list[Nudge] = []
        self._coverages: list[Coverage] = []
        self._summaries: dict[str, PersonSummary] = {}
        self._months: dict[str, list[MonthTally]] | None = None  # None while loading
        self._team_months: list[MonthTally] | None = None
        self._team_weeks: list[WeekMood] = []
        self._selected: str | None = None
        self._all_nudges = False
        self._generation = 0
        self._history_note = "loading…"  # shown where whole histories are needed

    def compose(self) -> ComposeResult:
        yield PrivacyBanner()
        with VerticalScroll(id="insights-body"):
            yield Static(id="insights-title")
            yield Static(id="nudges", classes="panel")
            yield DataTable(id="people-table", cursor_type="row", zebra_stripes=True)
            yield DataTable(id="initiatives-table", cursor_type="row", zebra_stripes=True)
            with Horizontal(id="insights-panels"):
                with Vertical(id="team-panel", classes="panel"):
                    yield Static(id="team-figures")
                    yield MoodChart("Mood by week", id="team-mood")
                with Vertical(id="person-panel", classes="panel"):
                    yield Static(id="person-figures")
                    yield MoodChart("Mood", id="person-mood")
            with Collapsible(title="How these are computed", id="how-computed"):
                yield Static(self._how_text(), id="how-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#nudges").border_title = "Gentle nudges"
        self.query_one("#team-panel").border_title = "The team"
        table = self.query_one("#people-table", DataTable)
        for label, key in COLUMNS:
            table.add_column(label, key=key)
        initiatives = self.query_one("#initiatives-table", DataTable)
        for label, key in INITIATIVE_COLUMNS:
            initiatives.add_column(label, key=key)
        self.reload()
        table.focus()

    # -- data -----------------------------------------------------------------------------------

    def reload(self) -> None:
        """Recompute everything from the store (summaries now, histories in a worker)."""
        now = self.clock()
        people = self.store.people()
        summaries = self.store.summaries()
        self._insights = person_insights(people, summaries, now)
        self._team = team_insight(self._insights)
        self._nudges = nudges(people, summaries, now)
        try:
            open_ones = self.store.initiatives.all(include_done=False)
        except StoreError as error:
            self.notify(str(error), severity="error")
            open_ones = []
        self._coverages = coverages(open_ones, people, summaries, now)
        self._summaries = summaries
        self._months = None
        self._team_months = None
        self._generation += 1
        self._history_note = "loading…"
        # Until histories arrive, the summaries' recent check-ins give a first team mood line.
        active = [summaries[i.person.id] for i in self._insights if i.person.id in summaries]
        glances = chain.from_iterable(summary.recent_checkins for summary in active)
        self._team_weeks = mood_by_week(glances, now)
        self._show_all()
        self._load_histories(self._generation)

    @work(thread=True, exclusive=True, group="insights-histories")
    def _load_histories(self, generation: int) -> None:
        try:
            histories = self.store.histories(include_archived=False)
        except StoreError as error:
            self.post_message(self.HistoriesLoaded(generation, {}, str(error)))
            return
        self.post_message(self.HistoriesLoaded(generation, histories))

    @on(HistoriesLoaded)
    def _histories_loaded(self, message: HistoriesLoaded) -> None:
        if message.generation != self._generation:
            return
        if message.error:
            self.notify(message.error, severity="error")
            self._history_note = "history could not be read just now"
            self._show_team()
            self._show_person()
            return
        now = self.clock()
        active = {i.person.id for i in self._insights}
        histories = {pid: h for pid, h in message.histories.items() if pid in active}
        self._months = {pid: progress_by_month(h.notes, now) for pid, h in histories.items()}
        all_notes = chain.from_iterable(h.notes for h in histories.values())
        self._team_months = progress_by_month(all_notes, now)
        all_checkins = chain.from_iterable(h.checkins for h in histories.values())
        self._team_weeks = mood_by_week(all_checkins, now)
        self._show_team()
        self._show_person()

    # -- showing ------------------------------------------------------------------------------

    @property
    def _masked(self) -> bool:
        return is_masked(self)

    def _show_all(self) -> None:
        now = self.clock()
        title = Text.assemble(
            ("Insights", "bold"),
            f"  ·  {now.format('ddd D MMM YYYY')}  ·  how you are showing up for your team",
        )
        self.query_one("#insights-title", Static).update(title)
        self._show_nudges()
        self._show_table()
        self._show_initiatives()
        self._show_team()
        self._show_person()

    def _show_initiatives(self) -> None:
        """Each open initiative's people: the last and next talk, and whether it is in time."""
        table = self.query_one("#initiatives-table", DataTable)
        table.display = bool(self._coverages)
        table.clear()
        now, styles = self.clock(), insight_styles(self)
        for coverage in self._coverages:
            for index, row in enumerate(involvements(coverage, self._summaries, now)):
                cells = initiative_cells(coverage, row, index == 0, now, styles,
                                         masked=self._masked)
                table.add_row(*cells, key=f"{coverage.initiative.id}:{row.person.id}")

    def _show_nudges(self) -> None:
        masked = self._masked
        if not self._insights:
            body = Text("Nobody here yet — add a person, and insights will grow with your "
                        "check-ins.")
        elif not self._nudges:
            body = Text("Nothing to nudge about — your check-ins look balanced and kind.")
        else:
            few = self._nudges if self._all_nudges else self._nudges[:NUDGES_SHOWN]
            body = user_rich("\n".join(f"• {n.veiled(MASK) if masked else n.text}" for n in few))
        more = len(self._nudges) - NUDGES_SHOWN
        panel = self.query_one("#nudges", Static)
        if more <= 0:
            panel.border_subtitle = ""
        else:
            panel.border_subtitle = "n: fewer" if self._all_nudges else f"{more} more · n: show all"
        panel.update(body)

    def _show_table(self) -> None:
        table = self.query_one("#people-table", DataTable)
        styles = insight_styles(self)
        table.clear()
        for insight in self._insights:
            table.add_row(*insight_cells(insight, styles), key=insight.person.id)
        ids = [i.person.id for i in self._insights]
        if self._selected not in ids:
            self._selected = ids[0] if ids else None
        if self._selected is not None:
            table.move_cursor(row=ids.index(self._selected), animate=False)

    def _show_team(self) -> None:
        team = self._team
        hovering = {0: "nobody", 1: "1 person"}.get(team.hovering, f"{team.hovering} people")
        human = team.human_first
        human_line = (
            "no check-ins yet" if human.share is None
            else f"{human.asked} of {human.total} recent check-ins ({human.share:.0%})"
        )
        lines = [
            f"{team.people} people · {team.fine} fine · {team.due} due · "
            f"{team.long_overdue} long overdue",
            f"Human first: {human_line}",
            f"Hovering: {hovering}",
            f"Promises: {promises_line(team.follow_through)}",
        ]
        oldest = team.follow_through.oldest_open
        if oldest is not None:
            words = veil(oldest.commitment.text, self._masked)
            lines.append(f"Oldest open: “{words}” for {oldest.person_name}")
        lines.append(
            f"Progress:missing {team.progress_noted}:{team.missing_noted} all time, by month:"
        )
        lines.append(
            f"  {self._history_note}" if self._team_months is None
            else f"  {months_line(self._team_months)}"
        )
        self.query_one("#team-figures", Static).update(user_rich("\n".join(lines)))
        weeks = self._team_weeks
        count = sum(week.count for week in weeks)
        total = sum(week.average * week.count for week in weeks if week.average is not None)
        caption = f"{total / count:.1f} over {len(weeks)} weeks" if count else ""
        self.query_one("#team-mood", MoodChart).show([w.average for w in weeks], caption)

    def _show_person(self) -> None:
        panel = self.query_one("#person-panel")
        figures = self.query_one("#person-figures", Static)
        chart = self.query_one("#person-mood", MoodChart)
        insight = next((i for i in self._insights if i.person.id == self._selected), None)
        if insight is None:
            panel.border_title = "Person"
            figures.update(Text("Pick someone in the table to see their figures."))
            chart.show([])
            return
        person = insight.person
        panel.border_title = Content(shown(person.name, one_line=True))
        hover = insight.hovering
        human = insight.human_first
        lines = [
            f"{person.cadence} · {insight.status.describe()}",
            "Human first: "
            + ("no check-ins yet" if human.share is None
               else f"{human.asked} of {human.total} recent check-ins ({human.share:.0%})"),
            f"Last 4 weeks: {hover.moments} check-ins and notes, plan {hover.expected:.1f} "
            f"({hover.ratio:.1f}×)",
            f"Promises: {promises_line(insight.follow_through)}",
        ]
        oldest = insight.follow_through.oldest_open
        if oldest is not None:
            due = oldest.commitment.due
            when = f", due {due.format('ddd D MMM')}" if due else ""
            lines.append(f"Oldest open: “{veil(oldest.commitment.text, self._masked)}”{when}")
        lines.append(
            f"Progress:missing {insight.progress_noted}:{insight.missing_noted} all time, by month:"
        )
        months = None if self._months is None else self._months.get(person.id)
        lines.append(f"  {self._history_note}" if months is None else f"  {months_line(months)}")
        figures.update(user_rich("\n".join(lines)))
        latest = insight.moods[-1] if insight.moods else None
        chart.show(list(insight.moods), f"{latest} last time" if latest else "")

    def _how_text(self) -> Text:
        text = Text()
        for index, (title, explanation) in enumerate(HOW_COMPUTED):
            if index:
                text.append("\n")
            text.append(f"{title}: ", "bold")
            text.append(explanation)
        return text

    def privacy_changed(self, masked: bool) -> None:
        self._show_nudges()
        self._show_initiatives()
        self._show_team()
        self._show_person()

    # -- events and actions ---------------------------------------------------------------------

    @on(DataTable.RowHighlighted, "#people-table")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._selected = event.row_key.value
        self._show_person()

    def action_back(self) -> None:
        """Leave the insights for the screen below."""
        self.dismiss()

    def action_cursor_down(self) -> None:
        self.query_one("#people-table", DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one("#people-table", DataTable).action_cursor_up()

    def action_toggle_nudges(self) -> None:
        """Show every nudge, or just the most important few."""
        self._all_nudges = not self._all_nudges
        self._show_nudges()

    def action_toggle_how(self) -> None:
        """Show or hide how the figures are computed."""
        how = self.query_one("#how-computed", Collapsible)
        how.collapsed = not how.collapsed
        if not how.collapsed:
            self.query_one("#insights-body", VerticalScroll).scroll_to_widget(how, animate=False)

    def action_refresh(self) -> None:
        """Read the store again."""
        self.reload()
