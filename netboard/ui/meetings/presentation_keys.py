"""The presentation's default keys, apart from the presentation window so that registering its
actions at start-up does not load the window's chart machinery (matplotlib)."""

from __future__ import annotations

from netboard.ui.actions import ActionId

PRESENTATION_KEYS: dict[ActionId, tuple[str, ...]] = {
    ActionId.NEXT_CASE: ("Right", "Down", "PgDown", "Space"),
    ActionId.PREVIOUS_CASE: ("Left", "Up", "PgUp", "Backspace"),
    ActionId.TOGGLE_PRIVACY: ("P",),
    ActionId.TOGGLE_TIMER: ("T",),
    ActionId.EXIT_PRESENTATION: ("Esc",),
}
"""Default keys; the registry's shortcuts for these ids win when a registry is given."""
