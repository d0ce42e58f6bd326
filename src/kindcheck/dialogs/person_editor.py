"""Add a person, or edit one: name, role, team, manager, cadence, timezone, what matters,
birthday."""

from __future__ import annotations

from functools import cache

import pendulum
from pendulum import Date
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Static, TextArea

from kindcheck.dialogs.confirm import ConfirmDialog
from kindcheck.dialogs.person_org import (
    check_reporting,
    manager_name,
    manager_names,
    new_person_cadence,
    read_manager,
    read_team,
    team_names,
)
from kindcheck.domain.clock import Clock
from kindcheck.domain.model import (
    Cadence,
    Person,
    ValidationError,
    check_name,
    check_timezone,
    known_timezones,
)
from kindcheck.key_order import TypingGoesToText
from kindcheck.store.errors import StoreError
from kindcheck.store.store import Store
from kindcheck.widgets.app_link import kindcheck_app
from kindcheck.widgets.literal import shown, user_text

CADENCES = ["weekly", "biweekly", "monthly"]
FIELDS = ("name", "role", "cadence", "timezone", "birthday", "team", "manager")


@cache
def zone_names() -> list[str]:
    """Every IANA zone name like Europe/Berlin, sorted, for completion as the leader types."""
    return sorted(name for name in known_timezones() if "/" in name)


def archive_question(person: Person) -> str:
    """What to ask before archiving someone."""
    return f"Archive {person.name}? They leave the roster; everything written about them is kept."


def canonical_zone(text: str) -> str:
    """A zone name in its proper case ("europe/berlin" -> "Europe/Berlin"), checked."""
    wanted = text.strip()
    for name in zone_names():
        if name.casefold() == wanted.casefold():
            return name
    return check_timezone(wanted)


def parse_birthday(text: str, today: Date) -> Date | None:
    """A birthday typed as YYYY-MM-DD, or None when left empty."""
    text = text.strip()
    if not text:
        return None
    try:
        day = pendulum.Date.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            f"I can't read the birthday {text!r}: please type it like 1990-04-27."
        ) from None
    if day > today:
        raise ValidationError("That birthday is in the future: please check the year.")
    return pendulum.Date(day.year, day.month, day.day)


def _prefill(text: str) -> str:
    # Input and TextArea send their text to the terminal as it is: a control character an
    # old store kept is put in the field as its visible stand-in instead.
    return shown(text, one_line=True)


class PersonEditor(TypingGoesToText, ModalScreen[Person | None]):
    """A form for one person. Saves itself; stays open (text kept) if saving fails."""

    CSS_PATH = "person_editor.tcss"
    AUTO_FOCUS = "#name"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="person_editor.save"),
        Binding(
            "escape", "cancel", "Cancel", tooltip="Close without saving", id="person_editor.cancel"
        ),
        Binding(
            "ctrl+r",
            "archive",
            "Archive",
            tooltip="Archive this person (asks first; notes are kept)",
            id="person_editor.archive",
        ),
        Binding(
            "ctrl+g",
            "delete",
            "Delete",
            tooltip="Delete this person for good (asks for their name first)",
            id="person_editor.delete",
        ),
    ]

    def __init__(self, store: Store, clock: Clock, person: Person | None = None) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.person = person
        # A new person's cadence as kindcheck chose it (not typed): a manager picked while it
        # still reads so makes it the skip-level one, as `kindcheck add-person` does.
        self._cadence_chosen_for_them: str | None = None

    def _default_cadence(self) -> Cadence:
        return kindcheck_app(self).settings.default_cadence

    def _new_cadence(self, manager: Person | None) -> Cadence:
        settings = kindcheck_app(self).settings
        return new_person_cadence(None, manager, default=settings.default_cadence,
                                  skip_level=settings.skip_level_cadence)


    def compose(self) -> ComposeResult:
        person = self.person
        everyone = self.store.people(include_archived=True)
        if person is None:
            self._cadence_chosen_for_them = str(self._default_cadence())
        with Vertical(id="editor") as editor:
            editor.border_title = (
                Content(f"Edit {shown(person.name, one_line=True)}") if person else "Add a person"
            )
            yield from self._row("Name", Input(
                _prefill(person.name if person else ""), id="name", placeholder="Their name",
                compact=True,
            ))
            yield from self._row("Role", Input(
                _prefill(person.role if person else ""), id="role", placeholder="Optional",
                compact=True,
            ))
            yield from self._row(
                "Cadence",
                Input(
                    str(person.cadence if person else self._default_cadence()),
                    id="cadence",
                    placeholder="weekly, biweekly, monthly or 10d",
                    suggester=SuggestFromList(CADENCES, case_sensitive=False),
                    compact=True,
                ),
            )
            yield from self._row(
                "Timezone",
                Input(
                    _prefill(person.timezone if person else ""),
                    id="timezone",
                    placeholder="Blank means your own zone",
                    suggester=SuggestFromList(zone_names(), case_sensitive=False),
                    compact=True,
                ),
            )
            yield from self._row(
                "Birthday",
                Input(
                    person.birthday.isoformat() if person and person.birthday else "",
                    id="birthday",
                    placeholder="YYYY-MM-DD, optional",
                    compact=True,
                ),
            )
            yield Label("What matters to them", classes="field-label wide")
            yield TextArea(
                shown(person.what_matters) if person else "",
                id="what-matters",
                soft_wrap=True,
                compact=True,
                placeholder="Family, hobbies, goals… what to ask about next time",
            )
            # Last, so the fields a leader types ahead through keep their order.
            yield from self._row("Team", Input(
                _prefill(person.team if person else ""), id="team",
                placeholder="Optional, like Platform",
                suggester=SuggestFromList(team_names(everyone), case_sensitive=False),
                compact=True,
            ))
            yield from self._row("Manager", Input(
                _prefill(manager_name(self.store, person)), id="manager",
                placeholder="Who they report to, if they are here",
                suggester=SuggestFromList(manager_names(self.store.people(), person),
                                          case_sensitive=False),
                compact=True,
            ))
            yield Static(
                "ctrl+s save · esc cancel · → takes a suggestion"
                + (" · ^r archive · ^g delete" if person else ""),
                id="editor-hint",
            )
            with Horizontal(id="editor-buttons"):
                if person:
                    yield Button("Archive…", id="archive", variant="warning", compact=True)
                    yield Button("Delete…", id="delete", variant="error", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Save", id="save", variant="primary", compact=True)

    def _row(self, label: str, field: Input) -> ComposeResult:
        with Horizontal(classes="field-row"):
            yield Label(label, classes="field-label")
            yield field
        yield Static("", id=f"{field.id}-error", classes="field-error")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("archive", "delete"):
            return self.person is not None
        return True

    def reload(self) -> None:
        """The form keeps what was typed, even if the store changed meanwhile."""

    # -- reading the form -------------------------------------------------------------------

    def _value(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value

    def show_error(self, field: str, message: str) -> None:
        """Show a message under a field, kindly, and mark the field."""
        error = self.query_one(f"#{field}-error", Static)
        error.update(user_text(message))
        error.set_class(bool(message), "-shown")
        self.query_one(f"#{field}", Input).set_class(bool(message), "-invalid")

    def _read_form(self) -> Person | None:
        """The person the form describes, or None after showing what needs fixing."""
        errors: dict[str, str] = {}
        name = cadence = timezone = birthday = manager = None
        try:
            name = check_name(self._value("name"))
        except ValidationError as error:
            errors["name"] = str(error)
        try:
            cadence = Cadence.parse(self._value("cadence") or "weekly")
        except ValidationError as error:
            errors["cadence"] = str(error)
        try:
            timezone = canonical_zone(self._value("timezone"))
        except ValidationError as error:
            errors["timezone"] = str(error)
        try:
            birthday = parse_birthday(self._value("birthday"), self.clock().date())
        except ValidationError as error:
            errors["birthday"] = str(error)
        try:
            manager = read_manager(self.store, self._value("manager"))
        except ValidationError as error:
            errors["manager"] = str(error)
        for field in FIELDS:
            self.show_error(field, errors.get(field, ""))
        if errors:
            self.query_one(f"#{next(iter(errors))}", Input).focus()
            return None
        assert name is not None and cadence is not None and timezone is not None
        original = self.person
        try:
            person = Person(
                name,
                role=self._value("role"),
                cadence=cadence,
                timezone=timezone,
                what_matters=self.query_one("#what-matters", TextArea).text.strip(),
                birthday=birthday,
                archived=original.archived if original else False,
                team=read_team(self.store.people(include_archived=True), self._value("team")),
                manager_id=manager.id if manager else None,
                **({"id": original.id} if original else {}),
            )
        except ValidationError as error:  # the role or what matters breaks an input rule
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return None
        try:  # the domain's words for a loop: "Ada can't report to Sam: that would make…"
            check_reporting(self.store.people(include_archived=True), person)
        except ValidationError as error:
            self.show_error("manager", str(error))
            self.query_one("#manager", Input).focus()
            return None
        return person

    def _write(self, person: Person) -> Person | None:
        """Save, keeping the dialog (and every typed letter) open when it fails."""
        try:
            if self.person is None:
                return self.store.add_person(person)
            return self.store.update_person(person)
        except ValidationError as error:
            # The store knows about the other names (e.g. someone already called that).
            self.show_error("name", str(error))
            self.query_one("#name", Input).focus()
        except StoreError as error:
            self.notify(str(error), title="Not saved", severity="error", timeout=10)
        return None

    # -- actions ------------------------------------------------------------------------------

    def action_save(self) -> None:
        person = self._read_form()
        if person is None:
            return
        saved = self._write(person)
        if saved is not None:
            self.dismiss(saved)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_archive(self) -> None:
        if self.person is None:
            return
        question = archive_question(self.person)

        def answered(yes: bool | None) -> None:
            if yes:
                self._archive()

        self.app.push_screen(ConfirmDialog(question, yes="Archive", no="Keep"), answered)

    def _archive(self) -> None:
        assert self.person is not None
        # The store changes its own copy (a failed save leaves the person as they were), and
        # builds no new Person: an old name the input rules now refuse can still be archived.
        try:
            archived = self.store.set_archived(self.person.id)
        except (StoreError, ValidationError) as error:
            self.notify(str(error), title="Not archived", severity="error", timeout=10)
            return
        self.notify(f"{archived.name} is archived. Their notes are kept.")
        self.dismiss(archived)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if event.input.id in FIELDS:
            self.show_error(event.input.id, "")
        if event.input.id == "manager":
            self._manager_changed()

    def _manager_changed(self) -> None:
        """A new person with no cadence typed starts as a skip-level under a manager here."""
        cadence = self.query_one("#cadence", Input)
        if self._cadence_chosen_for_them is None or cadence.value != self._cadence_chosen_for_them:
            return  # someone being edited, or a cadence the leader typed: theirs
        try:
            manager = read_manager(self.store, self._value("manager"))
        except ValidationError:
            manager = None  # not (yet) someone here: said under the field on saving
        self._cadence_chosen_for_them = cadence.value = str(self._new_cadence(manager))

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Button.Pressed, "#archive")
    def _archive_pressed(self) -> None:
        self.action_archive()

    def action_delete(self) -> None:
        if self.person is None:
            return
        from kindcheck.dialogs.delete_person import DeletePersonDialog

        def answered(deleted: bool | None) -> None:
            if deleted:
                self.dismiss(None)  # nobody left to show; the dashboard has reloaded

        self.app.push_screen(DeletePersonDialog(self.store, self.person), answered)

    @on(Button.Pressed, "#delete")
    def _delete_pressed(self) -> None:
        self.action_delete()
