"""The action registry: one QAction per id, shortcuts listed for Help, re-registration."""

from __future__ import annotations

import pytest

from netboard.ui.actions import ActionId, ActionRegistry


def test_registry_creates_actions_and_lists_shortcuts(qapp) -> None:
    registry = ActionRegistry()
    placed = []
    registry.registered.connect(placed.append)
    hits = []
    action = registry.register(
        ActionId.FIND,
        "&Find patient",
        shortcut="Ctrl+F",
        slot=lambda: hits.append("find"),
        menu="Edit",
    )
    registry.register(ActionId.ABOUT, "&About", menu="Help")
    assert registry.action(ActionId.FIND) is action
    assert placed == [ActionId.FIND, ActionId.ABOUT]
    action.trigger()
    assert hits == ["find"]
    assert registry.shortcut_table() == [("Edit", "Find patient", "Ctrl+F")]
    with pytest.raises(KeyError, match="NEW_MEETING"):
        registry.action(ActionId.NEW_MEETING)


def test_registering_again_replaces_the_slot(qapp) -> None:
    registry = ActionRegistry()
    hits = []
    registry.register(ActionId.RELOAD_CASE, "Reload", slot=lambda: hits.append(1))
    registry.register(ActionId.RELOAD_CASE, "Reload case", slot=lambda: hits.append(2))
    registry.action(ActionId.RELOAD_CASE).trigger()
    assert hits == [2]
    assert registry.action(ActionId.RELOAD_CASE).text() == "Reload case"
