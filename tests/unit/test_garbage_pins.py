"""Garbage collection is paced (kindcheck.garbage), and what kindcheck relies on inside Textual
is pinned here: a Textual upgrade that changes it fails these tests loudly."""

from __future__ import annotations

import gc
import inspect
from collections.abc import Iterator

import pytest
import textual
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from kindcheck import garbage
from kindcheck.store.shard import garbage_collection_paused

UPGRADE = (
    "Textual changed under kindcheck: re-check garbage.forget_closed_render_caches "
    "(https://github.com/Textualize/textual/issues/6665) and widgets/key_footer.py, then "
    "update this pin."
)


def test_the_textual_these_pins_were_checked_against() -> None:
    assert textual.__version__ == "8.2.8", UPGRADE


def test_the_render_cache_that_keeps_closed_widgets_is_still_an_lru_cache() -> None:
    from textual._styles_cache import StylesCache

    cached = StylesCache.get_inner_outer
    assert callable(getattr(cached, "cache_clear", None)), UPGRADE
    assert cached.cache_info().maxsize == 1024, UPGRADE
    garbage.forget_closed_render_caches()
    assert cached.cache_info().currsize == 0


def test_footer_hooks_that_key_footer_overrides() -> None:
    # KeyFooter replaces `bindings_changed` and `compose`; Footer must still call the one
    # from the screen's signal, and make its keys with these arguments.
    assert "bindings_updated_signal.subscribe(self, self.bindings_changed)" in inspect.getsource(
        Footer.on_mount
    ), UPGRADE
    parameters = list(inspect.signature(FooterKey.__init__).parameters)
    assert parameters == [
        "self", "key", "key_display", "description", "action", "disabled", "tooltip", "classes",
    ], UPGRADE  # fmt: skip
    assert "compact" in FooterKey._reactives, UPGRADE


def test_start_up_runs_without_collection_and_gives_it_back() -> None:
    thresholds = gc.get_threshold()
    with garbage.paused_for_start():
        assert not gc.isenabled()
    assert gc.isenabled() and gc.get_threshold() == thresholds


def test_the_pacer_stays_out_when_collection_was_on_all_along() -> None:
    thresholds = gc.get_threshold()
    pacer = garbage.Pacer(now=0.0)
    assert pacer.resume_after_start() is False
    assert gc.get_threshold() == thresholds
    assert pacer.collect_when_quiet(now=100.0) == 0.0


def test_a_reader_pausing_collection_is_not_taken_for_start_up() -> None:
    # A worker reading a person file turns collection off for a moment (store.shard). An app
    # started some other way (a test) that comes up just then must leave the thresholds
    # alone: once it did, and every later test in the process ran without full collections.
    thresholds = gc.get_threshold()
    pacer = garbage.Pacer(now=0.0)
    with garbage_collection_paused():
        assert pacer.resume_after_start() is False
    assert gc.isenabled() and gc.get_threshold() == thresholds and not pacer.active


def test_python_never_starts_a_full_collection_once_the_dashboard_is_up() -> None:
    thresholds = gc.get_threshold()
    with garbage.paused_for_start():  # as cli.main starts
        pacer = garbage.Pacer(now=0.0)
        assert pacer.resume_after_start() is True
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0  # start-up's objects are out of later collections
        young, middle, oldest = gc.get_threshold()
        assert oldest == garbage.NEVER and young > 0 and middle > 0
    assert gc.isenabled() and gc.get_threshold() == thresholds  # pytest gets its own back


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The generations of every collection asked for (none is run)."""
    asked: list[int] = []
    monkeypatch.setattr(gc, "collect", lambda generation=2: asked.append(generation) or 0)
    return asked


@pytest.fixture
def pacer(runs: list[int]) -> Iterator[garbage.Pacer]:
    """Pacing as the dashboard starts it, a screen just closed."""
    with garbage.paused_for_start():
        pacer = garbage.Pacer(now=0.0)
        assert pacer.resume_after_start()
        pacer.screen_closed()
        yield pacer


def test_the_full_collection_waits_until_the_leader_pauses(
    pacer: garbage.Pacer, runs: list[int]
) -> None:
    pacer.key_pressed(now=10.0)
    assert pacer.collect_when_quiet(now=10.4) == pytest.approx(garbage.QUIET_SECONDS - 0.4)
    assert runs == [] and pacer.due
    pacer.key_pressed(now=10.8)  # still typing: the wait starts again
    assert pacer.collect_when_quiet(now=11.5) == pytest.approx(0.3)
    assert pacer.collect_when_quiet(now=11.8) == 0.0
    assert runs == [2] and not pacer.due


def test_no_full_collection_while_the_leader_is_writing(
    pacer: garbage.Pacer, runs: list[int]
) -> None:
    # Quiet for a minute, but a form is open: ask again in a moment, collect nothing.
    assert pacer.collect_when_quiet(now=60.0, writing=True) == garbage.QUIET_SECONDS
    assert runs == [] and pacer.due
    assert pacer.collect_when_quiet(now=61.0) == 0.0  # the form closed
    assert runs == [2]
