"""The action registry: one QAction per id, shortcuts listed for Help, re-registration."""

from __future__ import annotations

import pytest

from netboard.ui.actions import ActionId, ActionRegistry


def test_registry_creates_actions_and_lists_shortcuts(qapp) -> None:
    registry = ActionRegistry()
    placed = []
    registry.registered.connect(placed.append)
    hits = []
    action = registry.register(ActionId.FIND, lambda: hits.append("find"))
    registry.register(ActionId.ABOUT)
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
    first = registry.register(ActionId.RELOAD_CASE, lambda: hits.append(1))
    again = registry.register(ActionId.RELOAD_CASE, lambda: hits.append(2))
    registry.action(ActionId.RELOAD_CASE).trigger()
    assert hits == [2]
    assert again is first
    assert registry.action(ActionId.RELOAD_CASE).text() == "Reload case"


def test_the_menus_are_the_action_table(main_window, ui_ids) -> None:
    """Every command of the table is registered once the window, a case and the meetings part
    are up, and each menu lists the table's commands of that menu in the table's order."""
    from PySide6.QtWidgets import QWidget

    from netboard.ui.action_table import ACTIONS, MENU_ORDER

    main_window.open_case(ui_ids.alpha)
    registry = main_window.actions
    assert set(registry.ids()) == set(ActionId) == set(ACTIONS)
    by_action = {registry.action(a): a for a in ActionId}
    for name in MENU_ORDER:
        shown = [by_action[a] for a in main_window.menu(name).actions() if a in by_action]
        assert shown == [a for a, spec in ACTIONS.items() if spec.menu == name], name
    window_actions = QWidget.actions(main_window)
    for action_id, spec in ACTIONS.items():
        action = registry.action(action_id)
        assert action.text() == spec.text
        assert (spec.menu is None) == (action not in window_actions)  # presentation keys only
