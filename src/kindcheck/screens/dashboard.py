"""The dashboard: the team roster, today's agenda, and progress vs. missing for one person."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import ContentSwitcher, DataTable, Header, OptionList

from kindcheck.domain.clock import Clock
from kindcheck.domain.heard import names_by_id
from kindcheck.domain.model import Note, NoteKind, Person, PersonHistory, ValidationError
from kindcheck.messages import StartCheckIn
from kindcheck.screens.dashboard_keys import DASHBOARD_BINDINGS, NEEDS_PERSON, NEEDS_TEAM
from kindcheck.screens.dashboard_search import PreparesSearch
from kindcheck.screens.dashboard_teams import TEAM_ACTIONS, TeamRoster
from kindcheck.store.errors import StoreError
from kindcheck.store.store import Store
from kindcheck.widgets.app_link import ShowsPersonalText, ShowsStore, kindcheck_app
from kindcheck.widgets.key_footer import KeyFooter
from kindcheck.widgets.privacy import PrivacyBanner, is_masked
from kindcheck.widgets.progress_missing import MissingList, ProgressMissing
from kindcheck.widgets.roster import Roster, roster_rows
from kindcheck.widgets.team_pane import TeamPane
from kindcheck.widgets.today import TodayPane
from kindcheck.widgets.welcome import Welcome

if TYPE_CHECKING:
    from kindcheck.store.search_index import SearchIndex

# The dialogs and the other screens are imported when first opened, and what only Today and
# search need once the team is on screen: none of it is needed for the first paint.

class DashboardScreen(TeamRoster, PreparesSearch, ShowsStore, ShowsPersonalText, Screen[None]):
    """Where the leader lives all day. Moving through the roster (or Today) picks a person."""

    CSS_PATH = "dashboard.tcss"
    BINDINGS = DASHBOARD_BINDINGS

    selected_person_id: reactive[str | None] = reactive(None, init=False)

    def __init__(self, store: Store, clock: Clock) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        # The team comes first: Today and the selected person's notes (which need their whole
        # file) wait until the App has the first frame on screen.
        self._first_frame_pending = True
        # Kept across searches: the notes are read once, in a thread while nobody waits (see
        # `_prepare_search_soon`), and only what changed is read again. Made after the first
        # frame (see `search_index`).
        self._search_index: SearchIndex | None = None
        self._search_timer: Timer | None = None
        self._footer_state: tuple[bool, ...] | None = None
        self._person_due = False  # the selected person's notes are about to be shown again

    def compose(self) -> ComposeResult:
        yield Header()
        yield PrivacyBanner()
        with ContentSwitcher(initial="panes", id="main"):
            yield Welcome(id="welcome")
            with Grid(id="panes"):
                yield Roster(id="roster")
                yield TodayPane(id="today")
                yield ProgressMissing(id="progress-missing")
                yield TeamPane(id="team-pane")
        footer = KeyFooter(compact=True)
        footer.hold()  # until the first frame is on screen: see `first_frame_shown`
        yield footer

    def on_mount(self) -> None:
        # The roster and Today colour what needs attention with the theme's own colours.
        self.app.theme_changed_signal.subscribe(self, lambda _: self.reload())
        self.reload()
        if self.has_people:
            self.roster.focus()

    # -- parts ----------------------------------------------------------------------------------

    @property
    def roster(self) -> Roster:
        return self.query_one("#roster", Roster)

    @property
    def today(self) -> TodayPane:
        return self.query_one("#today", TodayPane)

    @property
    def progress_missing(self) -> ProgressMissing:
        return self.query_one("#progress-missing", ProgressMissing)

    @property
    def has_people(self) -> bool:
        return bool(self.roster.person_ids)

    @property
    def selected_person(self) -> Person | None:
        if self.selected_person_id is None:
            return None
        try:
            return self.store.person(self.selected_person_id)
        except StoreError:
            return None

    # -- showing --------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the store again and redraw every pane, keeping the selection where it was."""
        now = self.clock()
        masked = is_masked(self)
        people = self.store.people()
        summaries = self.store.summaries()
        try:
            drafts = self.store.draft_people()
        except StoreError:
            drafts = []  # a damaged drafts file must not hide the team
        switcher = self.query_one("#main", ContentSwitcher)
        rows = roster_rows(people, summaries, now, drafts)
        self.roster.show(rows, now, masked=masked, keep=self.selected_person_id)
        if not rows:
            switcher.current = "welcome"
            self.selected_person_id = None
            self.query_one(Welcome).focus()
            self._refresh_footer()
            return
        if switcher.current != "panes":
            switcher.current = "panes"
            self.roster.focus()
        if not self._first_frame_pending:
            from kindcheck.domain.agenda import build_agenda

            self.today.show(build_agenda(people, summaries, now), now, masked=masked)
        if self.selected_person_id not in self.roster.person_ids:
            self.selected_person_id = self.roster.highlighted_person_id
        elif not self._person_due:
            # The notes in the next turn: together with the roster they would keep the app
            # from answering keys for longer than it should with years of notes.
            self._person_due = True
            self.call_after_refresh(self._show_person)
        self.show_team_pane()
        self._refresh_footer()
        self._prepare_search_soon()

    def privacy_changed(self, masked: bool) -> None:
        self.reload()

    def _refresh_footer(self) -> None:
        # Which keys are enabled depends only on these two; every needless refresh makes the
        # Footer rebuild all its keys, which costs more than a frame.
        state = (self.has_people, self.selected_person_id is None, self.roster.has_teams)
        if state != self._footer_state:
            self._footer_state = state
            self.refresh_bindings()

    def watch_selected_person_id(self) -> None:
        self._show_person()
        self.show_team_pane()
        self._refresh_footer()

    def first_frame_shown(self) -> None:
        """Fill in the rest (Today, the selected person's notes, the keys) now that the team
        is on screen."""
        self.query_one(KeyFooter).release()
        if self._first_frame_pending:
            self._first_frame_pending = False
            self.reload()

    def _show_person(self) -> None:
        self._person_due = False
        if self._first_frame_pending:
            return
        person = self.selected_person
        history: PersonHistory | None = None
        names: dict[str, str] = {}
        if person is not None:
            try:
                history = self.store.history(person.id)
                names = names_by_id(self.store.people(include_archived=True))  # "via Grace"
            except StoreError as error:
                self.notify(str(error), severity="error", timeout=10)
        self.progress_missing.show(person, history, self.clock(), masked=is_masked(self),
                                   names=names)

    def select_person(self, person_id: str) -> None:
        """Select someone on the roster (e.g. from a search result) and focus the roster."""
        if self.roster.select_person(person_id):
            self.selected_person_id = person_id
            self.roster.focus()
            return
        try:
            name = self.store.person(person_id).name
        except StoreError:
            return
        self.notify(f"{name} is archived, so they are not on the roster.")

    # -- following the cursor -------------------------------------------------------------------

    @on(DataTable.RowHighlighted, "#roster")
    def _roster_moved(self) -> None:
        # Read the cursor rather than the message: a message may be stale after a redraw.
        self.selected_person_id = self.roster.highlighted_person_id
        self.show_team_pane()

    @on(DataTable.RowSelected, "#roster")
    def _roster_chosen(self) -> None:
        self.action_check_in()

    @on(OptionList.OptionHighlighted, "#today")
    def _today_moved(self) -> None:
        item = self.today.highlighted_item
        if item is not None and self.today.has_focus:
            self.selected_person_id = item.person_id

    def on_descendant_focus(self) -> None:
        # Coming back to the roster, its cursor is the selection again.
        if self.focused is self.roster:
            self.selected_person_id = self.roster.highlighted_person_id
        elif self.focused is self.today and self.today.highlighted_item is not None:
            self.selected_person_id = self.today.highlighted_item.person_id

    @on(TodayPane.PersonChosen)
    def _today_chosen(self, event: TodayPane.PersonChosen) -> None:
        self.select_person(event.person_id)

    # -- ticking things off ---------------------------------------------------------------------

    @on(TodayPane.CommitmentDone)
    def _commitment_done(self, event: TodayPane.CommitmentDone) -> None:
        try:
            self.store.set_commitment_done(event.person_id, event.commitment_id)
        except (StoreError, ValidationError) as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        self.notify("Marked done. Thank you for following through.")
        self.reload()

    @on(ProgressMissing.ResolveToggled)
    def _resolve_toggled(self, event: ProgressMissing.ResolveToggled) -> None:
        person = self.progress_missing.person
        note = self.progress_missing.note(event.note_id)
        if person is None or note is None:
            return
        resolve = note.resolved_at is None
        try:
            self.store.set_note_resolved(person.id, note.id, resolve)
        except (StoreError, ValidationError) as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        self.notify("Resolved. One thing less in their way." if resolve else "Reopened.")
        self.reload()

    # -- actions --------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in NEEDS_TEAM and not self.has_people:
            return False
        if action in TEAM_ACTIONS:
            return self.team_action_allowed(action)
        if action in NEEDS_PERSON and self.selected_person_id is None:
            return self.on_team_header() or None  # on a header: a hint, not silence
        return True

    def _person_or_hint(self) -> Person | None:
        person = self.selected_person
        if person is None:
            self.notify("Pick someone on the roster first (or press a to add a person).")
        return person

    def action_check_in(self) -> None:
        person = self._person_or_hint()
        if person is not None:
            self.post_message(StartCheckIn(person.id))

    def action_quick_note(self) -> None:
        person = self._person_or_hint()
        if person is None:
            return
        # From the missing column, a missing item is the likelier note.
        kind = NoteKind.MISSING if isinstance(self.focused, MissingList) else NoteKind.PROGRESS
        from kindcheck.dialogs.quick_note import QuickNote

        dialog = QuickNote(self.store, self.clock, person, kind)
        self.app.push_screen(dialog, self._after_note)

    def _after_note(self, note: Note | None) -> None:
        if note is not None:
            self.notify(f"Noted for {self.store.person(note.person_id).name}.")
            self.reload()

    def action_add_person(self) -> None:
        from kindcheck.dialogs.person_editor import PersonEditor

        self.app.push_screen(PersonEditor(self.store, self.clock), self._after_edit)

    def action_edit_person(self) -> None:
        person = self._person_or_hint()
        if person is None:
            return
        from kindcheck.dialogs.person_editor import PersonEditor

        self.app.push_screen(PersonEditor(self.store, self.clock, person), self._after_edit)

    def _after_edit(self, person: Person | None) -> None:
        if person is None:
            return
        self.reload()
        if not person.archived:
            self.select_person(person.id)

    def action_archive_person(self) -> None:
        person = self._person_or_hint()
        if person is None:
            return

        from kindcheck.dialogs.confirm import ConfirmDialog
        from kindcheck.dialogs.person_editor import archive_question

        def answered(yes: bool | None) -> None:
            if yes:
                self._archive(person)

        self.app.push_screen(
            ConfirmDialog(archive_question(person), yes="Archive", no="Keep"), answered
        )

    def _archive(self, person: Person) -> None:
        try:
            # No new Person is built, so an old name the input rules refuse can be archived.
            self.store.set_archived(person.id)
        except (StoreError, ValidationError) as error:
            self.notify(str(error), title="Not archived", severity="error", timeout=10)
            return
        self.notify(f"{person.name} is archived. Their notes are kept.")
        self.selected_person_id = None
        self.reload()

    def action_search(self) -> None:
        from kindcheck.screens.search import SearchScreen

        screen = SearchScreen(self.store, self.clock, self._search_index)
        self._search_index = screen.index  # its own when opened before the first frame
        self.app.push_screen(screen, self._after_search)

    def _after_search(self, person_id: str | None) -> None:
        self.reload()
        if person_id is not None:
            self.select_person(person_id)

    def action_open_calendar(self) -> None:
        from kindcheck.screens.calendar import CalendarScreen

        settings = kindcheck_app(self).settings
        self.app.push_screen(
            CalendarScreen(self.store, self.clock, settings), lambda _: self.reload()
        )

    def action_open_insights(self) -> None:
        from kindcheck.screens.insights import InsightsScreen

        self.app.push_screen(InsightsScreen(self.store, self.clock), lambda _: self.reload())

    # -- the sample team ------------------------------------------------------------------------

    @on(Welcome.SampleTeamLoaded)
    def _sample_team_loaded(self, event: Welcome.SampleTeamLoaded) -> None:
        if event.error:
            self.notify(event.error, severity="error", timeout=10)
        else:
            self.notify(f"Added {event.added} people. Have a look around.")
        self.reload()
