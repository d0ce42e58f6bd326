"""The `[keys]` table of settings.toml: read with its lines, then checked against the bindings."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import kindcheck
from kindcheck.keymap import bindings_by_id, user_keymap
from kindcheck.settings import KeyChoice, load_settings


def settings_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def choice(binding_id: str, keys: str, line: int = 3) -> KeyChoice:
    return KeyChoice(binding_id, keys, f"settings.toml, line {line}")


# -- reading ------------------------------------------------------------------------------------


def test_the_keys_table_is_read_with_the_line_of_each_choice(tmp_path: Path) -> None:
    path = settings_file(tmp_path, 'theme = "nord"\n\n[keys]\n"dashboard.check_in" = "enter"\n'
                                   'app.help = "f1, ?"\n')
    settings = load_settings(path)
    assert settings.problems == ()
    assert settings.theme == "nord"
    assert settings.keys == (
        KeyChoice("dashboard.check_in", "enter", f"{path}, line 4"),
        KeyChoice("app.help", "f1, ?", f"{path}, line 5"),  # a dotted key is a table in TOML
    )


def test_a_sub_table_of_keys_is_read_too(tmp_path: Path) -> None:
    path = settings_file(tmp_path, '[keys.calendar]\ntoday = "T"\n')
    assert [(c.binding_id, c.keys) for c in load_settings(path).keys] == [("calendar.today", "T")]


def test_a_key_that_is_not_text_is_named_with_its_line(tmp_path: Path) -> None:
    path = settings_file(tmp_path, '[keys]\n"app.help" = "f1"\n"app.privacy" = 3\n')
    settings = load_settings(path)
    assert [c.binding_id for c in settings.keys] == ["app.help"]
    [problem] = settings.problems
    assert problem.startswith(f"{path}, line 3: the key for 'app.privacy' should be text")


def test_keys_that_is_no_table_is_named(tmp_path: Path) -> None:
    path = settings_file(tmp_path, 'keys = "ctrl+e"\n')
    settings = load_settings(path)
    assert settings.keys == ()
    assert settings.problems[0].startswith(f"{path}, line 1: keys should be a table")


# -- checking -----------------------------------------------------------------------------------


def test_good_choices_become_the_keymap_in_textual_names() -> None:
    keymap, problems = user_keymap([choice("dashboard.calendar", "v"),
                                    choice("app.help", "f1,?")])
    assert problems == []
    assert keymap == {"dashboard.calendar": "v", "app.help": "f1,question_mark"}


def test_an_unknown_id_is_named_with_a_suggestion_and_left_out() -> None:
    keymap, [problem] = user_keymap([choice("dashboard.serch", "x", line=7)])
    assert keymap == {}
    assert problem.startswith("settings.toml, line 7: kindcheck has no key called "
                              "'dashboard.serch' (did you mean dashboard.search?)")


def test_a_key_no_terminal_sends_is_named() -> None:
    keymap, [problem] = user_keymap([choice("roster.up", "ctlr+u")])
    assert keymap == {}
    assert "'ctlr+u' is not a key" in problem and "keeping k for roster.up" in problem


def test_a_clash_on_one_screen_keeps_the_usual_key() -> None:
    keymap, [problem] = user_keymap([choice("dashboard.add_person", "c", line=9)])
    assert keymap == {}
    assert problem == ("settings.toml, line 9: 'c' for dashboard.add_person is already "
                       "dashboard.check_in (check in) on the dashboard; keeping a.")


def test_of_two_lines_that_clash_the_later_one_is_left_out() -> None:
    keymap, [problem] = user_keymap([choice("dashboard.calendar", "v", line=2),
                                     choice("dashboard.insights", "v", line=5)])
    assert keymap == {"dashboard.calendar": "v"}
    assert problem.startswith("settings.toml, line 5: 'v' for dashboard.insights is already "
                              "dashboard.calendar")


def test_swapping_two_keys_is_no_clash() -> None:
    keymap, problems = user_keymap([choice("dashboard.check_in", "a"),
                                    choice("dashboard.add_person", "c")])
    assert problems == []
    assert keymap == {"dashboard.check_in": "a", "dashboard.add_person": "c"}


def test_keys_shared_by_design_stay_fine() -> None:
    # j moves in every list of the dashboard; ? is help and, on the help page, closes it.
    keymap, problems = user_keymap([choice("roster.down", "j"), choice("today.down", "j"),
                                    choice("help.close", "escape,q,?")])
    assert problems == []
    assert keymap["help.close"] == "escape,q,question_mark"


def test_one_key_for_two_bindings_that_do_the_same_is_no_clash() -> None:
    # enter on the roster checks in already; on the Today pane it is another key's.
    keymap, problems = user_keymap([choice("dashboard.check_in", "c,enter")])
    assert keymap == {}
    assert "'enter' for dashboard.check_in is already today.select" in problems[0]
    assert user_keymap([choice("roster.check_in", "c,enter")]) == (
        {"roster.check_in": "c,enter"}, [])


def test_a_widget_key_that_hides_a_screen_key_is_a_clash() -> None:
    _, [problem] = user_keymap([choice("roster.down", "n")])
    assert "'n' for roster.down is already dashboard.quick_note" in problem


def test_a_text_fields_editing_key_is_a_clash_in_forms() -> None:
    _, [problem] = user_keymap([choice("checkin.leave", "ctrl+e")])
    assert problem.endswith("'ctrl+e' for checkin.leave is already a text field's own editing "
                            "key in the check-in form; keeping escape.")


def test_a_letter_for_a_form_key_would_be_typed_instead() -> None:
    _, [problem] = user_keymap([choice("checkin.save", "s")])
    assert "'s' for checkin.save would be typed into the text fields in the check-in form" \
        in problem
    assert user_keymap([choice("checkin.save", "ctrl+s,f2")]) == (
        {"checkin.save": "ctrl+s,f2"}, [])


def test_every_binding_in_the_package_can_be_given_a_key() -> None:
    ids = set()
    for info in pkgutil.walk_packages(kindcheck.__path__, prefix="kindcheck."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == info.name and "BINDINGS" in cls.__dict__:
                ids |= {getattr(b, "id", None) for b in cls.__dict__["BINDINGS"]}
    assert ids - {None} <= set(bindings_by_id())
    assert "checkin.editor" in ids and "quick_note.editor" in ids


@pytest.mark.parametrize("key", ["ctrl+e", "f2", "pagedown", "~", "shift+tab", "space", "W"])
def test_keys_a_terminal_sends_are_taken(key: str) -> None:
    keymap, problems = user_keymap([choice("calendar.today", key)])
    assert problems == [] and keymap
