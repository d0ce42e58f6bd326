"""The check-in form: one conversation, walked through the four follow-up tips.

Everything typed is kept as a draft (at most about a second behind, written off the event
loop, and on disk before the form closes: checkin_drafts.py), so a crash or a closed terminal
loses nothing. Saving needs a next follow-up, or an explicit
`none`, and writes the whole conversation in one go.
"""

from __future__ import annotations

from pendulum import DateTime
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Label, SelectionList, Static, TextArea
from textual.widgets._footer import FooterKey
from textual.widgets.selection_list import Selection

from kindcheck.domain.checkin_draft import (
    CheckInFields,
    NoFollowUpChosen,
    build_records,
    draft_saved_at,
)
from kindcheck.domain.clock import Clock
from kindcheck.domain.heard import names_by_id
from kindcheck.domain.model import CheckIn, Note, Person, PersonHistory, ValidationError
from kindcheck.draft_writer import draft_writer
from kindcheck.external_editor import open_in_editor
from kindcheck.key_order import TypingGoesToText
from kindcheck.screens.checkin_discard import DiscardsDraft
from kindcheck.screens.checkin_drafts import KeepsDraft
from kindcheck.screens.checkin_reports import (
    current_reports,
    keep_unsaved,
    not_kept_message,
    save_heard,
)
from kindcheck.store.errors import StoreError
from kindcheck.store.store import Store
from kindcheck.widgets.app_link import ShowsPersonalText, ShowsStore
from kindcheck.widgets.checkin_header import CheckInHeader
from kindcheck.widgets.checkin_labels import (
    OPEN_BEFORE,
    field_label,
    saved_message,
    status_on_open,
)
from kindcheck.widgets.followup_field import FollowUpField
from kindcheck.widgets.help_lines import HelpLines
from kindcheck.widgets.key_footer import KeyFooter
from kindcheck.widgets.literal import shown, user_text
from kindcheck.widgets.mood_picker import MoodPicker
from kindcheck.widgets.privacy import PrivacyBanner, is_masked, veil
from kindcheck.widgets.reports_section import ReportLine, ReportsSection
from kindcheck.widgets.time_entry import TimeEntry

NARROW_WIDTH = 100


# Every widget class the form mounts: the App reads their CSS before the form first opens.
FORM_WIDGETS = (
    PrivacyBanner, Horizontal, CheckInHeader, VerticalScroll, Static, Label, TextArea, MoodPicker,
    SelectionList, HelpLines, FollowUpField, TimeEntry, Input, KeyFooter, FooterKey,
    ReportsSection, ReportLine,
)


class _FormParts(KeepsDraft, DiscardsDraft, ShowsStore, ShowsPersonalText, TypingGoesToText):
    """What the form mixes in: its draft, starting over, the store's signals, typing that
    lands."""


class CheckInScreen(_FormParts, Screen[CheckIn | None]):
    """Check in with one person. Dismisses with the saved CheckIn, or None when left."""

    CSS_PATH = "checkin.tcss"
    AUTO_FOCUS = "#how-they-are"
    WRITING = True  # no full garbage collection while it is open (see kindcheck.garbage)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW_WIDTH, "-wide")]

    BINDINGS = [
        Binding("ctrl+s", "save", "Save check-in", id="checkin.save", priority=True),
        Binding("escape", "leave", "Leave (draft kept)", id="checkin.leave"),
        Binding("ctrl+d", "discard_draft", "Discard draft", id="checkin.discard", priority=True),
        Binding("ctrl+o", "editor", "Editor", tooltip="Write the focused field in your $EDITOR",
                id="checkin.editor"),
    ]

    # Textual repaints a whole screen when its focus moves; each field already redraws itself
    # as it gains or loses focus, so here that was a full redraw of the form on every Tab.
    # tests/functional/test_form_tab_work.py pins what this relies on.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def __init__(self, store: Store, clock: Clock, person_id: str) -> None:
        super().__init__()
        self._store = store
        self._clock = clock
        self._person_id = person_id
        self._person: Person | None = None
        self._history: PersonHistory | None = None
        self._reports: list[Person] = []  # who reports to them: the managers' section
        self._names: dict[str, str] = {}  # everyone's name, for notes heard through someone
        self._initial = CheckInFields()
        self._restored_from: DateTime | None = None
        self._problems: list[str] = []
        self._start_drafts(draft_writer(store), CheckInFields().to_dict())
        self._leave_anyway = False
        self._finished = False
        self._latest: CheckInFields | None = None

    # -- building ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # The width class now: set by the first Resize, it would restyle every widget again.
        wide = self.app.size.width >= NARROW_WIDTH
        self.set_class(wide, "-wide", update=False).set_class(not wide, "-narrow", update=False)
        self._load()
        fields = self._initial
        yield PrivacyBanner()
        with Horizontal(id="checkin-body"):
            yield CheckInHeader(
                self._person,
                self._history,
                self._clock(),
                masked=is_masked(self),
                names=self._names,
                id="checkin-header",
            )
            with VerticalScroll(id="checkin-form"):
                status = status_on_open(fields.is_blank, self._restored_from, self._clock())
                yield Static(status, id="checkin-status")
                yield field_label("how")
                yield TextArea(fields.how_they_are, id="how-they-are", classes="field-text")
                with Horizontal(id="mood-row"):
                    yield Label("Mood ", id="mood-label")
                    yield MoodPicker(fields.mood, id="mood")
                if self._reports:
                    yield ReportsSection(self._reports, fields.reports, id="reports-section")
                yield field_label("progress")
                yield TextArea(fields.progress, id="progress", classes="field-text")
                yield field_label("missing")
                yield TextArea(fields.missing, id="missing", classes="field-text")
                yield Static(OPEN_BEFORE, id="open-before-label")
                yield SelectionList[str](id="resolve-missing")
                yield field_label("their_words")
                yield TextArea(fields.their_words, id="their-words", classes="field-text")
                yield field_label("help")
                yield HelpLines(self._clock, fields.help, id="help-lines")
                yield field_label("follow_up")
                yield FollowUpField(
                    self._clock, fields.follow_up, fields.topic, id="follow-up-field"
                )
        yield KeyFooter()  # changed in place on each focus move

    def on_mount(self) -> None:
        form = self.query_one("#checkin-form", VerticalScroll)
        form.can_focus = False
        # Focusing the first field may scroll past the status line and the first hint while
        # the layout settles; the form should open at its top.
        self.call_after_refresh(form.scroll_home, animate=False)
        self._show_open_missing(set(self._initial.resolved))
        for problem in self._problems:
            self.notify(problem, severity="error", markup=False)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        picker = event.widget
        if isinstance(picker, SelectionList) and picker.highlighted is None and picker.option_count:
            # Space should tick the first item straight away, without an arrow key first.
            picker.highlighted = 0

    def _load(self) -> None:
        """Read the person, their history and any draft; problems are shown once mounted."""
        try:
            self._person = self._store.person(self._person_id)
            self._history = self._store.history(self._person_id)
            self._reports = current_reports(self._store, self._person_id)
            self._names = names_by_id(self._store.people(include_archived=True))
        except StoreError as error:
            self._problems.append(str(error))
        try:
            draft = self._store.load_draft(self._person_id)
        except StoreError as error:
            self._problems.append(str(error))
            draft = None
        if draft:
            # The fields send their text to the terminal as it is: a stray control character
            # in an old draft comes back as its visible stand-in.
            draft = {k: shown(v) if isinstance(v, str) else v for k, v in draft.items()}
            self._initial = CheckInFields.from_dict(draft)
            self._restored_from = draft_saved_at(draft)
            self._kept = self._initial.to_dict()

    def _show_open_missing(self, resolved: set[str]) -> None:
        """List the open missing items from before, ticking those marked resolved."""
        items: list[Note] = self._history.open_missing if self._history else []
        picker: SelectionList[str] = self.query_one("#resolve-missing", SelectionList)
        picker.clear_options()
        masked = is_masked(self)
        picker.add_options(
            Selection(user_text(veil(note.text, masked)), note.id, note.id in resolved)
            for note in items
        )
        picker.display = bool(items)
        self.query_one("#open-before-label").display = bool(items)

    # -- reading the form ----------------------------------------------------------------------

    def fields(self) -> CheckInFields:
        """Everything typed so far, as plain data."""
        follow_up = self.query_one(FollowUpField)
        picker: SelectionList[str] = self.query_one("#resolve-missing", SelectionList)
        return CheckInFields(
            how_they_are=self.query_one("#how-they-are", TextArea).text,
            mood=self.query_one(MoodPicker).mood,
            progress=self.query_one("#progress", TextArea).text,
            missing=self.query_one("#missing", TextArea).text,
            their_words=self.query_one("#their-words", TextArea).text,
            help=self.query_one(HelpLines).text,
            follow_up=follow_up.when,
            topic=follow_up.topic,
            resolved=sorted(picker.selected),
            reports=self._report_lines(),
        )

    def _report_lines(self) -> dict[str, str]:
        sections = self.query(ReportsSection).results(ReportsSection)
        return next((section.lines for section in sections), {})

    # -- drafts --------------------------------------------------------------------------------

    @on(TextArea.Changed)
    @on(Input.Changed)
    @on(MoodPicker.Changed)
    @on(SelectionList.SelectedChanged)
    def _field_changed(self) -> None:
        self._leave_anyway = False
        self._typed()

    def _set_status(self, text: str) -> None:
        self.query_one("#checkin-status", Static).update(text)

    # -- actions -------------------------------------------------------------------------------

    def action_save(self) -> None:
        """Save the check-in with everything it produced, or say kindly what is still needed."""
        fields = self.fields()
        now = self._clock()
        try:
            history = self._store.history(self._person_id)
            self._history = history
            open_ids = {note.id for note in history.open_missing}
            records = build_records(
                fields, self._person_id, now, open_missing_ids=open_ids,
                report_ids=[p.id for p in self._reports],
            )
        except NoFollowUpChosen as refusal:
            self.query_one(FollowUpField).refuse(str(refusal))
            self.notify(str(refusal), title="One more thing", severity="warning", markup=False)
            return
        except (StoreError, ValidationError) as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return
        # A draft written after the check-in would count as typed after it: none may be left.
        self._writer.drop(self._person_id)
        self._kept = {}  # should saving fail, the draft is written again
        try:
            self._store.save_checkin(
                records.checkin,
                notes=records.notes,
                commitments=records.commitments,
                followup=records.followup,
                resolve_note_ids=records.resolve_note_ids,
                drop_draft=False,  # removed behind the dashboard instead, below
            )
        except (StoreError, ValidationError) as error:
            self.notify(str(error), title="Check-in not saved", severity="error", markup=False)
            self._set_status("Not saved yet: your text is still here. Try ctrl+s again.")
            self.save_draft()
            return
        self._stop_draft_timer()
        self._finished = True
        failed = save_heard(self._store, records.heard)  # after the check-in: other files
        if not failed:
            # The check-in has made the draft moot (store/drafts.py, `checkins_seen`): it can
            # go once the dashboard is drawn again, so its reading waits for no write's lock.
            self.app.call_after_refresh(self._writer.put, self._person_id, None)
        else:
            kept = keep_unsaved(self._store, self._person_id, failed, now)
            message = not_kept_message(failed, self._reports, kept)
            self.notify(message, title="Not all kept", severity="error", markup=False)
        # Earlier warnings ("one more thing") are answered now; don't leave them standing.
        if not failed:
            self.app.clear_notifications()
        name = self._person.name if self._person else "them"
        self.notify(saved_message(name, records.followup, now), title="Saved", markup=False)
        self.dismiss(records.checkin)

    def action_editor(self) -> None:
        open_in_editor(self)  # the text comes back through TextArea.Changed: the draft too

    def action_leave(self) -> None:
        """Leave the form; the draft is kept (written now, not a second later)."""
        if not self.save_draft() and not self._leave_anyway:
            self._leave_anyway = True
            self.notify(
                "Your draft could not be kept, so the form stays open. "
                "Press escape again to leave without it.",
                severity="warning",
            )
            return
        self._finished = True
        self.dismiss(None)

    # -- the store changed ---------------------------------------------------------------------

    def reload(self) -> None:
        """Another process wrote: refresh the header and open items; typed text stays as is."""
        try:
            self._person = self._store.person(self._person_id)
            self._history = self._store.history(self._person_id)
            self._names = names_by_id(self._store.people(include_archived=True))
        except StoreError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self._show_latest()

    def privacy_changed(self, masked: bool) -> None:
        self._show_latest()

    def _show_latest(self) -> None:
        masked = is_masked(self)
        header = self.query_one(CheckInHeader)
        header.show(self._person, self._history, self._clock(), masked=masked, names=self._names)
        picker: SelectionList[str] = self.query_one("#resolve-missing", SelectionList)
        self._show_open_missing(set(picker.selected))

    def on_unmount(self) -> None:
        self._keep_on_closing()  # the app may be closing with the form open

