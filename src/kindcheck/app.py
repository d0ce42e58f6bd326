"""The kindcheck App: small on purpose. It wires the store and the clock to the screens."""

from __future__ import annotations

from pathlib import Path

from textual import events, on, work
from textual.app import App
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.command import Provider
from textual.events import DescendantFocus
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.signal import Signal
from textual.timer import Timer

from kindcheck import garbage
from kindcheck.calendar_app import CalendarAppMixin
from kindcheck.closing_signals import close_on_signals
from kindcheck.desktop_notify import TerminalNotifier, terminal_writer
from kindcheck.domain.clock import Clock, system_clock
from kindcheck.key_order import KeysInOrder
from kindcheck.keymap import user_keymap
from kindcheck.messages import StartCheckIn, StoreChanged
from kindcheck.paste_guard import install as install_paste_guard
from kindcheck.reminder_watcher import ReminderWatcher
from kindcheck.screens.dashboard import DashboardScreen
from kindcheck.settings import Settings
from kindcheck.store.errors import StoreError
from kindcheck.store.store import Store
from kindcheck.sync_app import SyncAppMixin
from kindcheck.widgets.literal import shown
from kindcheck.widgets.privacy import BANNER_TEXT

HERE = Path(__file__).parent


def _palette_commands() -> type[Provider]:
    # The command palette's entries are imported when the palette first opens.
    from kindcheck.commands import KindcheckCommands

    return KindcheckCommands


# How often the open App notes that it is still open (see store/seen.py): a crash or a closed
# terminal then loses at most this much of "when was kindcheck last open".
SEEN_EVERY_SECONDS = 300.0


class KindcheckApp(SyncAppMixin, CalendarAppMixin, KeysInOrder, App[None]):
    """The dashboard and everything reachable from it."""

    TITLE = "kindcheck"
    # Beside this module, also for a subclass defined elsewhere (tests open screens that way).
    # The dashboard's own stylesheet is read with the App's: a screen that brings a new
    # stylesheet makes Textual parse every stylesheet again and restyle the App.
    CSS_PATH = [HERE / "global.tcss", HERE / "app.tcss", HERE / "screens" / "dashboard.tcss"]
    COMMANDS = App.COMMANDS | {_palette_commands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding(
            "p",
            "toggle_privacy",
            "Privacy",
            tooltip="Privacy mask: hide personal text while sharing your screen",
            id="app.privacy",
        ),
        Binding(
            "question_mark",
            "help",
            "Help",
            key_display="?",
            tooltip="Every key on one page",
            id="app.help",
        ),
    ]

    privacy_mask: reactive[bool] = reactive(False)
    """Hide personal text (roles, notes, what matters, topics, commitments); names stay."""

    def __init__(
        self,
        store: Store,
        clock: Clock = system_clock,
        *,
        poll_seconds: float = 2.0,
        cursor_blink: bool = True,
        settings: Settings | None = None,
    ) -> None:
        super().__init__()
        self._keys_init()  # see kindcheck.key_order
        install_paste_guard()  # codes copied into a paste never become keys
        self.store = store
        self.clock = clock
        self.settings = settings or Settings()
        self.poll_seconds = poll_seconds
        self.cursor_blink = cursor_blink
        # When kindcheck was last open: "missed while closed" starts there.
        outside = TerminalNotifier(self.settings.calendar.notify, terminal_writer(self))
        self.reminders = ReminderWatcher(store, clock, store.last_open(), outside)
        self._calendar_init()  # the leader's calendar, read back (see kindcheck.calendar_app)
        self._last_problem = ""
        self.pacer = garbage.Pacer()  # full collections only when the leader pauses
        self._tidy_timer: Timer | None = None
        self.keymap: dict[str, str] = {}  # the leader's own keys (see kindcheck.keymap)
        # What screens follow (see kindcheck.widgets.app_link): the id of the person whose
        # notes changed, if it was one person; and whether the mask is on.
        self.store_changed: Signal[str | None] = Signal(self, "store-changed")
        self.privacy_changed: Signal[bool] = Signal(self, "privacy-changed")

    def on_mount(self) -> None:
        # Setting the theme re-reads every stylesheet, even when it is the same theme.
        if self.settings.theme != self.theme and self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.keymap, key_problems = user_keymap(self.settings.keys)
        if self.keymap:
            self.set_keymap(self.keymap)
        self.push_screen(DashboardScreen(self.store, self.clock))
        close_on_signals(self)  # SIGTERM, SIGHUP: close as quitting does, drafts kept
        for problem in (*self.settings.problems, *key_problems):
            self.notify(problem, title="Settings", severity="warning", timeout=15)
        # Permissions tightened on open, a person's file gone missing (see Store.notices).
        for notice in self.store.notices():
            self.notify(notice, title="Your notes", severity="warning", timeout=20)
        self._daily_backup()
        if self.poll_seconds > 0:
            self.set_interval(self.poll_seconds, self.check_outside_changes)
            self.set_interval(self.poll_seconds, self.check_calendar)
            # Reminders are minute-grained; a few seconds late is still on time.
            self.set_interval(max(self.poll_seconds, 5.0), self.check_reminders)
            self.set_interval(SEEN_EVERY_SECONDS, self._note_open)

    def on_ready(self) -> None:
        # The first frame is on screen (the roster fills its rows in the next one): after
        # that, the slower parts.
        self.call_after_refresh(self._after_first_frames)

    def _after_first_frames(self) -> None:
        if self.pacer.resume_after_start():
            self.set_interval(garbage.TIDY_EVERY_SECONDS, self.forget_closed_screens)
        dashboard = self.dashboard
        if dashboard is not None:
            dashboard.first_frame_shown()
        self._say_missed_followups()
        self.check_calendar()  # what was moved or deleted in the calendar while closed
        self._sync_init()  # the last sync in the title; sync on open (see kindcheck.sync_app)
        self.call_after_refresh(self._read_ahead_form)

    def _read_ahead_form(self) -> None:
        # The check-in form's module now, its stylesheets a moment later (see
        # kindcheck.stylesheets): short steps while the dashboard is read, instead of one
        # long pause when `c` is pressed.
        from kindcheck import stylesheets
        from kindcheck.screens import checkin

        form = checkin.CheckInScreen, checkin.FORM_WIDGETS
        self.set_timer(0.05, lambda: stylesheets.read_ahead(self, *form))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification, shown literally: names, notes and error messages (which quote
        names and paths) are never markup, and a stray control character is made visible.

        Widgets' `notify` lands here too, so no call site can forget; `markup` is ignored.
        """
        super().notify(
            shown(message), title=shown(title), severity=severity, timeout=timeout, markup=False
        )

    def action_help_quit(self) -> None:
        """ctrl+c: say which key quits. Textual's own hint is markup, which `notify` above
        would show as "[b]q[/b]"."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(f"Press {key} to quit the app.", title="Do you want to quit?")
                return

    # -- reminders ------------------------------------------------------------------------------

    def _say_missed_followups(self) -> None:
        try:
            missed = self.reminders.missed()
        except StoreError as error:
            self._report_once(error)
            return
        # Today's passed follow-ups already stand in the Today pane; name the older ones.
        start_of_today = self.clock().start_of("day")
        missed = [reminder for reminder in missed if reminder.at < start_of_today]
        if missed:
            lines = "\n".join(reminder.message() for reminder in missed)
            self.notify(lines, title="Missed while kindcheck was closed", timeout=20)

    @work(thread=True, exclusive=True, group="seen", exit_on_error=False)
    def _note_open(self) -> None:
        self.reminders.note_open()

    def on_unmount(self) -> None:
        # The last moment kindcheck was open: the next start names what was missed after it.
        self.reminders.note_open()

    def check_reminders(self) -> int:
        """Notify (with a bell) about follow-ups 5 minutes away or starting now."""
        try:
            fresh = self.reminders.check()
        except StoreError as error:
            self._report_once(error)
            return 0
        for reminder in fresh:
            self.notify(reminder.message(), title="Follow-up", timeout=30)
            self.bell()
            self.reminders.send_outside(reminder)  # [calendar] notify: OSC 9 / 777
        return len(fresh)

    @property
    def dashboard(self) -> DashboardScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, DashboardScreen):
                return screen
        return None

    # -- other processes ------------------------------------------------------------------------

    def check_outside_changes(self) -> bool:
        """If another kindcheck wrote to the store, re-read it and redraw every screen."""
        try:
            if not self.store.changed_on_disk() or not self.store.refresh():
                return False
        except StoreError as error:
            self._report_once(error)
            return False
        self._last_problem = ""
        self.reload_screens()
        return True

    def reload_screens(self, person_id: str | None = None) -> None:
        """Ask every open screen to show fresh data (typed text in forms is kept)."""
        self.store_changed.publish(person_id)

    def _report_once(self, error: StoreError) -> None:
        # The poll runs every few seconds; one clear message is kinder than a stream of them.
        if str(error) != self._last_problem:
            self._last_problem = str(error)
            self.notify(str(error), severity="error", timeout=15)

    @work(thread=True, exclusive=True, group="backup", exit_on_error=False)
    def _daily_backup(self) -> None:
        try:
            self.store.daily_backup()
        except (StoreError, OSError) as error:
            self.call_from_thread(
                self.notify, f"Today's backup could not be made: {error}", severity="warning"
            )

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self.pacer.key_pressed()  # no full collection while the leader types
        await super().on_event(event)

    def pop_screen(self) -> AwaitComplete:
        """Close the top screen; what it leaves behind is let go of at the next pause."""
        closing = super().pop_screen()
        self.pacer.screen_closed()
        self._tidy_after(garbage.QUIET_SECONDS)
        return closing

    def _tidy_after(self, seconds: float) -> None:
        if self._tidy_timer is not None:
            self._tidy_timer.stop()
        self._tidy_timer = self.set_timer(seconds, self.forget_closed_screens)

    def forget_closed_screens(self) -> None:
        """Let go of what closed screens left: Textual's render cache, and, when kindcheck
        paces the garbage collector, one full collection once the leader pauses."""
        garbage.forget_closed_render_caches()
        wait = self.pacer.collect_when_quiet(writing=self._leader_is_writing())
        if wait > 0:  # typing: try again when it has been quiet long enough
            self._tidy_after(wait)

    def _leader_is_writing(self) -> bool:
        """A check-in form is open, or a text field has the focus (see kindcheck.garbage)."""
        from textual.widgets import Input, TextArea

        if not self.screen_stack:  # closing: the last screen has gone
            return False
        return getattr(self.screen, "WRITING", False) or isinstance(self.focused, (Input, TextArea))

    # -- app-wide messages ----------------------------------------------------------------------

    @on(StoreChanged)
    def _store_changed(self, message: StoreChanged) -> None:
        self.reload_screens(message.person_id)

    @on(StartCheckIn)
    def _start_checkin(self, message: StartCheckIn) -> None:
        from kindcheck.screens.checkin import CheckInScreen

        # After the form has gone from the screen: one long stretch of work would keep the
        # app from answering keys for a moment.
        self.push_screen(
            CheckInScreen(self.store, self.clock, message.person_id),
            lambda _: self.call_after_refresh(self.reload_screens),
        )

    # -- keys -----------------------------------------------------------------------------------

    def action_toggle_privacy(self) -> None:
        self.privacy_mask = not self.privacy_mask

    def watch_privacy_mask(self, masked: bool) -> None:
        self.sub_title = BANNER_TEXT if masked else ""
        self.privacy_changed.publish(masked)

    def action_help(self) -> None:
        from kindcheck.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        # A steady cursor keeps screenshots and snapshot tests the same from run to run.
        if not self.cursor_blink and hasattr(event.widget, "cursor_blink"):
            event.widget.cursor_blink = False
