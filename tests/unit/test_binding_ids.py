"""Every key binding in kindcheck, found by walking the package, has an id users can remap.

A hand-kept list of classes goes stale the day someone adds a screen; walking the package
cannot miss one.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator

import pytest
from textual.binding import Binding

import kindcheck
from kindcheck.keymap import own_bindings
from kindcheck.screens.help import _SECTIONS

# Classes whose keys the help screen leaves out on purpose: a yes/no question says its own
# keys, and the mood picker's digits are named by the form's field label.
NOT_ON_HELP = {
    "kindcheck.dialogs.confirm:ConfirmDialog",
    "kindcheck.widgets.mood_picker:MoodPicker",
}


def _modules() -> Iterator[str]:
    yield kindcheck.__name__
    for info in pkgutil.walk_packages(kindcheck.__path__, prefix=f"{kindcheck.__name__}."):
        if not info.name.endswith("__main__"):
            yield info.name


def classes_with_bindings() -> dict[str, type]:
    """Every kindcheck class that declares BINDINGS itself, keyed `module:Class`."""
    found: dict[str, type] = {}
    for name in _modules():
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == name and "BINDINGS" in cls.__dict__:
                found[f"{name}:{cls.__qualname__}"] = cls
    return found


CLASSES = classes_with_bindings()


def test_the_walk_finds_every_screen_and_dialog() -> None:
    # The ones the old hand-kept list missed are here too.
    for target in (
        "kindcheck.app:KindcheckApp",
        "kindcheck.screens.calendar:CalendarScreen",
        "kindcheck.screens.checkin:CheckInScreen",
        "kindcheck.screens.insights:InsightsScreen",
        "kindcheck.dialogs.plan_followup:PlanFollowUpDialog",
        "kindcheck.dialogs.reschedule:RescheduleDialog",
    ):
        assert target in CLASSES, sorted(CLASSES)


@pytest.mark.parametrize("target", sorted(CLASSES))
def test_every_binding_has_an_id_and_a_description(target: str) -> None:
    for binding in own_bindings(CLASSES[target]):
        assert isinstance(binding, Binding)
        assert binding.id, f"{target}: {binding.key!r} has no id"
        assert binding.description, f"{target}: {binding.key!r} has no description"


def test_binding_ids_are_unique_across_the_app() -> None:
    owners: dict[str, list[str]] = {}
    for target, cls in CLASSES.items():
        for binding in own_bindings(cls):
            owners.setdefault(str(binding.id), []).append(target)
    shared = {bid: where for bid, where in owners.items() if len(where) > 1}
    assert not shared


def test_binding_ids_are_not_reused_within_a_class() -> None:
    for target, cls in CLASSES.items():
        ids = [binding.id for binding in own_bindings(cls)]
        assert len(ids) == len(set(ids)), target


def test_binding_ids_say_where_they_belong() -> None:
    # "screen.action": one dot, lower case, so a [keys] table in settings.toml reads plainly.
    for target, cls in CLASSES.items():
        for binding in own_bindings(cls):
            area, dot, action = str(binding.id).partition(".")
            assert dot and area and action, (target, binding.id)
            assert str(binding.id) == str(binding.id).lower(), (target, binding.id)
            assert " " not in str(binding.id), (target, binding.id)


def test_the_help_screen_lists_every_class_with_keys() -> None:
    on_help = {target for _, targets in _SECTIONS for target in targets}
    missing = set(CLASSES) - on_help - NOT_ON_HELP
    assert not missing, f"keys not on the help screen: {sorted(missing)}"
    assert on_help <= set(CLASSES), sorted(on_help - set(CLASSES))
