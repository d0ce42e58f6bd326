"""Drafts that a saved check-in already used never come back, even after a crash."""

from __future__ import annotations

from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import CheckIn, Person
from kindcheck.store.store import Store


def test_a_draft_older_than_the_last_check_in_is_not_offered(
    store: Store, clock: ManualClock, team: dict[str, Person]
) -> None:
    sam = team["sam"]
    store.save_draft(sam.id, {"how_they_are": "Busy week"})
    clock.advance(minutes=20)
    # As if kindcheck died after writing the check-in but before dropping the draft.
    real_discard = store.discard_draft
    store.discard_draft = lambda person_id: None  # type: ignore[method-assign]
    store.save_checkin(CheckIn(sam.id, clock(), how_they_are="Busy week", no_follow_up=True))
    store.discard_draft = real_discard  # type: ignore[method-assign]

    reopened = Store.open(store.path, clock=clock)
    assert reopened.load_draft(sam.id) is None
    assert sam.id not in reopened.draft_people()


def test_a_draft_begun_after_the_last_check_in_is_kept(
    store: Store, clock: ManualClock, team: dict[str, Person]
) -> None:
    ada = team["ada"]  # last check-in ten days ago
    store.save_draft(ada.id, {"how_they_are": "Better"})
    reopened = Store.open(store.path, clock=clock)
    assert reopened.load_draft(ada.id) == {"how_they_are": "Better"}
    assert reopened.draft_people() == [ada.id]
    reopened.discard_draft(ada.id)
    assert Store.open(store.path, clock=clock).load_draft(ada.id) is None
