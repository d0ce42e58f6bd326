"""The leader's own keys: the `[keys]` table of settings.toml, checked against kindcheck's keys.

settings.py reads the table (it never loads Textual); here each line is checked before the App
applies it with Textual's keymap (`App.set_keymap`, keyed by `Binding.id`). A line is left out,
and named with its line so the usual key is kept, when its id is no binding of kindcheck's,
a key is not one a terminal sends, or the new key clashes on some screen: with another of
kindcheck's keys there (a key shared by design, like `j` in two lists, is fine as it is), with
a text field's own editing keys, or, on a screen with text fields, is a plain letter that would
be typed instead.
"""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from textual.binding import Binding, BindingType
from textual.keys import Keys, _character_to_key

from kindcheck.settings import KeyChoice

if TYPE_CHECKING:
    from textual.app import App

APP = "kindcheck.app:KindcheckApp"
_INPUT, _TEXT_AREA = "textual.widgets:Input", "textual.widgets:TextArea"


@dataclass(frozen=True, slots=True)
class Scope:
    """One screen and the keys that can be live on it at the same time."""

    name: str  # "on the dashboard"
    screen: str  # "module:Class"
    # Focusable widgets with keys of their own; never two of them focused at once.
    widgets: tuple[str, ...] = ()
    modal: bool = False  # the App's keys do not reach a modal dialog
    takes_text: bool = False  # has text fields: a plain letter would be typed, not run


SCOPES: tuple[Scope, ...] = (
    Scope("on the dashboard", "kindcheck.screens.dashboard:DashboardScreen", (
        "kindcheck.widgets.roster:Roster", "kindcheck.widgets.today:TodayPane",
        "kindcheck.widgets.progress_missing:MissingList",
        "kindcheck.widgets.progress_missing:NoteList", "kindcheck.widgets.welcome:Welcome",
    )),
    Scope("in the check-in form", "kindcheck.screens.checkin:CheckInScreen",
          ("kindcheck.widgets.mood_picker:MoodPicker", _TEXT_AREA, _INPUT), takes_text=True),
    Scope("in the calendar", "kindcheck.screens.calendar:CalendarScreen"),
    Scope("in insights", "kindcheck.screens.insights:InsightsScreen"),
    Scope("in search", "kindcheck.screens.search:SearchScreen", (_INPUT,), takes_text=True),
    Scope("on the help page", "kindcheck.screens.help:HelpScreen"),
    Scope("in the person editor", "kindcheck.dialogs.person_editor:PersonEditor",
          (_INPUT, _TEXT_AREA), modal=True, takes_text=True),
    Scope("in the quick note", "kindcheck.dialogs.quick_note:QuickNote", (_INPUT,),
          modal=True, takes_text=True),
    Scope("when planning a follow-up", "kindcheck.dialogs.plan_followup:PlanFollowUpDialog",
          (_INPUT,), modal=True, takes_text=True),
    Scope("when rescheduling", "kindcheck.dialogs.reschedule:RescheduleDialog", (_INPUT,),
          modal=True, takes_text=True),
    Scope("in a yes/no question", "kindcheck.dialogs.confirm:ConfirmDialog", modal=True),
    Scope("when deleting someone", "kindcheck.dialogs.delete_person:DeletePersonDialog",
          (_INPUT,), modal=True, takes_text=True),
    Scope("when planning for an initiative",
          "kindcheck.dialogs.plan_initiative:PlanInitiativeDialog", modal=True),
    Scope("when planning for an initiative one by one",
          "kindcheck.dialogs.plan_initiative_step:PlanInitiativeStep", (_INPUT,), modal=True,
          takes_text=True),
    Scope("when choosing a team", "kindcheck.widgets.team_chooser:TeamChooser", (_INPUT,),
          modal=True, takes_text=True),
    Scope("when settling a change made on two machines", "kindcheck.dialogs.settle:SettleDialog",
          modal=True),
)  # fmt: skip

# Bindings that do the same thing from two places: one key for both is no clash.
_SAME_THING = (frozenset({"dashboard.check_in", "roster.check_in"}),)

_MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})


@dataclass(frozen=True, slots=True)
class _Live:
    """A binding live in a scope: where it sits decides what it can clash with."""

    binding: Binding
    owner: str  # "module:Class"
    layer: int  # 0 a focused widget, 1 the screen, 2 the App


def load_class(target: str) -> type:
    """The class `target` ("module:Class") names."""
    module_name, _, attribute = target.partition(":")
    found = getattr(importlib.import_module(module_name), attribute)
    assert isinstance(found, type), target
    return found


def own_bindings(cls: type) -> list[Binding]:
    """The bindings a class declares itself (not those it inherits)."""
    return [_as_binding(b) for b in cls.__dict__.get("BINDINGS", [])]


def _as_binding(binding: BindingType) -> Binding:
    return binding if isinstance(binding, Binding) else Binding(*binding)


def _live_in(scope: Scope) -> list[_Live]:
    live = [_Live(b, w, 0) for w in scope.widgets for b in own_bindings(load_class(w))]
    live += [_Live(b, scope.screen, 1) for b in own_bindings(load_class(scope.screen))]
    if not scope.modal:
        live += [_Live(b, APP, 2) for b in own_bindings(load_class(APP))]
    return live


@cache
def bindings_by_id() -> dict[str, Binding]:
    """Every kindcheck binding a leader can give a key to, by id."""
    found: dict[str, Binding] = {}
    for scope in SCOPES:
        for live in _live_in(scope):
            if live.binding.id:
                found.setdefault(live.binding.id, live.binding)
    return found


def key_name(key: str) -> str | None:
    """`key` the way Textual names it ("?" -> "question_mark"), or None if no terminal sends it."""
    parts = key.strip().split("+")
    *modifiers, last = parts
    if not last or any(m.lower() not in _MODIFIERS for m in modifiers):
        return None
    if len(last) == 1:
        if not last.isprintable():
            return None
        last = _character_to_key(last)
    elif last not in _named_keys():
        return None
    return "+".join([*(m.lower() for m in modifiers), last])


@cache
def _named_keys() -> frozenset[str]:
    names = {key.value for key in Keys if "+" not in key.value}
    names |= {_character_to_key(chr(code)) for code in range(32, 127)}
    return frozenset(names)


def _keys_of(binding: Binding, keymap: Mapping[str, str]) -> set[str]:
    return {key_name(key) or key for key in keys_for(binding, keymap)}


def _typed(key: str) -> bool:
    """True for a key a text field takes as typing: a letter, a digit, "?", space..."""
    return len(key) == 1 or key in _typed_names()


@cache
def _typed_names() -> frozenset[str]:
    return frozenset(_character_to_key(chr(code)) for code in range(32, 127))


def user_keymap(choices: Sequence[KeyChoice]) -> tuple[dict[str, str], list[str]]:
    """The keymap to apply for the leader's `[keys]` lines, and one problem per line left out."""
    keymap: dict[str, str] = {}
    problems: list[str] = []
    where: dict[str, KeyChoice] = {}
    known = bindings_by_id() if choices else {}
    for choice in choices:
        binding = known.get(choice.binding_id)
        if binding is None:
            problems.append(_unknown(choice, known))
            continue
        names = [key_name(key) for key in choice.keys.split(",") if key.strip()]
        if None in names:
            bad = next(k.strip() for k in choice.keys.split(",") if k.strip() and not key_name(k))
            problems.append(f"{choice.where}: {bad!r} is not a key kindcheck can tell apart "
                            "(try ctrl+e, f2, enter or a single letter); keeping "
                            f"{_usual(binding)} for {choice.binding_id}.")
            continue
        keymap[choice.binding_id] = ",".join(dict.fromkeys(n for n in names if n))
        where[choice.binding_id] = choice
    while (clash := _first_clash(keymap, where)) is not None:
        binding_id, message = clash
        del keymap[binding_id]
        problems.append(message)
    # In the order of the file, as the leader reads it.
    lines = {choice.where: index for index, choice in enumerate(choices)}
    problems.sort(key=lambda problem: lines.get(problem.split(": ", 1)[0], len(lines)))
    return keymap, problems


def _first_clash(
    keymap: Mapping[str, str], where: Mapping[str, KeyChoice]
) -> tuple[str, str] | None:
    order = {binding_id: index for index, binding_id in enumerate(where)}
    for scope in SCOPES if keymap else ():
        live = _live_in(scope)
        for mine in live:
            mine_id = mine.binding.id
            if mine_id not in keymap:
                continue
            keys = _keys_of(mine.binding, keymap)
            choice = where[mine_id]
            if scope.takes_text and mine.layer == 1:
                typed = sorted(k for k in keys if _typed(k))
                if typed:
                    return mine_id, (
                        f"{choice.where}: {typed[0]!r} for {mine_id} would be typed into the "
                        f"text fields {scope.name}; keeping {_usual(mine.binding)}.")
            for other in live:
                other_id = other.binding.id
                if other.binding is mine.binding or (other_id and other_id == mine_id):
                    continue
                if other.owner != mine.owner and other.layer == mine.layer:
                    continue  # two lists side by side: never focused at once
                if frozenset({mine_id, other_id}) in _SAME_THING:
                    continue
                shared = keys & _keys_of(other.binding, keymap)
                if not shared or shared <= _keys_of(mine.binding, {}) & _keys_of(other.binding, {}):
                    continue  # no key in common, or one they share by design
                # Of two lines that clash, the later one is left out.
                if other_id in keymap and order[other_id] > order[mine_id]:
                    mine_id, choice, other = other_id, where[other_id], mine
                what = (f"{other.binding.id} ({other.binding.description.lower()})"
                        if other.binding.id else "a text field's own editing key")
                return mine_id, (
                    f"{choice.where}: {sorted(shared)[0]!r} for {mine_id} is already "
                    f"{what} {scope.name}; keeping {_usual(bindings_by_id()[mine_id])}.")
    return None


def _usual(binding: Binding) -> str:
    return binding.key_display or binding.key


def _unknown(choice: KeyChoice, known: Mapping[str, Binding]) -> str:
    close = difflib.get_close_matches(choice.binding_id, list(known), n=1)
    hint = f"did you mean {close[0]}?" if close else "the ids look like dashboard.check_in"
    return (f"{choice.where}: kindcheck has no key called {choice.binding_id!r} ({hint}); "
            "left as it was.")


def keys_for(binding: Binding, keymap: Mapping[str, str]) -> list[str]:
    """The keys `binding` answers to now: the leader's, else its own."""
    if binding.id and binding.id in keymap:
        return [key for key in keymap[binding.id].split(",") if key]
    return [key.strip() for key in binding.key.split(",") if key.strip()]


def key_display(app: App[object], binding: Binding, keymap: Mapping[str, str]) -> str:
    """What the footer shows for `binding` with the leader's keys, all of them: "ctrl+s / f2"."""
    keys = keys_for(binding, keymap)
    # A binding's own display ("?" for question_mark) fits its own single key only.
    display = binding.key_display if len(keys) == 1 and binding.id not in keymap else None
    return " / ".join(app.get_key_display(binding.with_key(key, display)) for key in keys)


def active_keymap(app: App[object]) -> Mapping[str, str]:
    """The keymap the App applied at start (empty for another App, as in some tests)."""
    from kindcheck.app import KindcheckApp

    return app.keymap if isinstance(app, KindcheckApp) else {}
