"""Stylesheets read ahead, while the leader looks at the dashboard, not when a form opens.

Textual (8.2) reads a screen's CSS_PATH the first time the screen is pushed, and then
re-parses every stylesheet of the app and restyles every widget on every screen
(`App._load_screen_css`: `reparse()` and `update(app)`). Each widget class brings its own
DEFAULT_CSS the first time one is mounted, which sends the stylesheet to the parser again.
On the first check-in form of a session that was a pause of several frames, just as the leader
starts to type.

`preload` does that work once, in small steps after the dashboard is drawn: it adds the
screens' files and their widgets' DEFAULT_CSS to the App's stylesheet, and parses only what is
new (Textual keeps every parsed source in a cache). When the form opens, Textual finds every
source already there, identical, and re-parses and restyles nothing.

Nothing on screen changes: each screen's rules name that screen (`CheckInScreen #id ...`), and
each widget's DEFAULT_CSS is scoped to its own type, so none of it applies to a widget until it
is mounted, exactly as before. tests/functional/test_stylesheet_preload.py checks that opening
the form adds no new source, and so fails loudly if an upgrade or a new widget changes that.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from pathlib import Path
from types import SimpleNamespace

from textual.app import App
from textual.dom import DOMNode
from textual.screen import Screen


def css_paths(screen_class: type[Screen[object]]) -> list[Path]:
    """The files a screen's CSS_PATH names, resolved as Textual resolves them (beside the
    module that defines the class)."""
    paths = screen_class.CSS_PATH
    if paths is None:
        return []
    listed = [paths] if isinstance(paths, (str, Path)) else list(paths)
    here = Path(inspect.getfile(screen_class)).parent
    return [(here / path).resolve() for path in listed]


def add_screen(app: App[object], screen_class: type[Screen[object]]) -> bool:
    """Add a screen's stylesheet files to the App's (not parsed yet). True if any was new."""
    stylesheet = app.stylesheet
    new = False
    for path in css_paths(screen_class):
        if not stylesheet.has_source(str(path), ""):
            stylesheet.read(path)
            new = True
    return new


def add_widgets(app: App[object], widget_classes: Iterable[type[DOMNode]]) -> bool:
    """Add each widget class's DEFAULT_CSS (and its bases') as Textual adds it on mount.
    True if any was new."""
    stylesheet = app.stylesheet
    new = False
    for widget_class in widget_classes:
        for read_from, css, tie_breaker, scope in _default_css(widget_class):
            if read_from in stylesheet.source and stylesheet.source[read_from].content == css:
                continue
            stylesheet.add_source(
                css,
                read_from=read_from,
                is_default_css=True,
                tie_breaker=tie_breaker,
                scope=scope,
            )
            new = True
    return new


def _default_css(widget_class: type[DOMNode]) -> list[tuple[tuple[str, str], str, int, str]]:
    """What `Widget._post_register` adds for an instance of `widget_class`, asked of Textual's
    own `_get_default_css`, which reads nothing of the instance but its class's bases."""
    bases = SimpleNamespace(_node_bases=DOMNode._css_bases(widget_class))
    return DOMNode._get_default_css(bases)  # type: ignore[arg-type]


def parse_new(app: App[object]) -> None:
    """Parse the sources added since the last parse (those parsed before come from cache)."""
    stylesheet = app.stylesheet
    stylesheet.parse()
    # Building the selector index now spares the next screen that opens.
    stylesheet.rules_map  # noqa: B018


def read_ahead(
    app: App[object], screen_class: type[Screen[object]], widgets: Iterable[type[DOMNode]]
) -> None:
    """Add a screen's stylesheet and its widgets' DEFAULT_CSS, and parse what is new."""
    new_screen = add_screen(app, screen_class)
    new_widgets = add_widgets(app, widgets)
    if new_screen or new_widgets:
        parse_new(app)
