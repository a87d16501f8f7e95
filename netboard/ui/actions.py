"""One registry of actions keyed by an enum: menus, toolbar, shortcuts and Help read it.

What each action is (text, keys, menu, tip) is in ``netboard.ui.action_table``; a part of the
window registers the actions it handles with their slot (``registry.register(ActionId.X, slot)``),
the main window places them in menus and on the toolbar; Help -> Keyboard shortcuts lists them;
presentation mode looks up its keys here too. Actions not registered yet simply do not appear.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence

from netboard.ui.action_table import ACTIONS, MENU_ORDER, ActionId, ActionSpec, Shortcut

__all__ = ["ACTIONS", "MENU_ORDER", "ActionId", "ActionRegistry", "ActionSpec"]


class ActionRegistry(QObject):
    """Holds one QAction per ActionId; announces each registration so menus can place it."""

    registered = Signal(object)
    """Emitted with the ActionId after ``register`` (the main window adds it to its menu)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._actions: dict[ActionId, QAction] = {}

    def register(
        self, action_id: ActionId, slot: Callable[..., object] | None = None
    ) -> QAction:
        """Create (or re-target) the action for ``action_id`` as the table describes it.

        Registering an id twice replaces its slot, so a part of the window rebuilt for another
        database does not leave a stale connection behind.
        """
        spec = ACTIONS[action_id]
        action = self._actions.get(action_id)
        if action is None:
            action = QAction(spec.text, self)
            action.setObjectName(f"action_{action_id.name.lower()}")
            self._actions[action_id] = action
        else:
            try:
                action.triggered.disconnect()
            except (RuntimeError, TypeError):
                pass
        if spec.keys:
            action.setShortcuts([_sequence(k) for k in spec.keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if spec.tip:
            action.setToolTip(spec.tip)
            action.setStatusTip(spec.tip)
        action.setEnabled(spec.enabled)
        if slot is not None:
            action.triggered.connect(slot)
        self.registered.emit(action_id)
        return action

    def action(self, action_id: ActionId) -> QAction:
        """The registered QAction; KeyError names the id when nobody registered it."""
        try:
            return self._actions[action_id]
        except KeyError:
            raise KeyError(f"action {action_id.name} is not registered") from None

    def has(self, action_id: ActionId) -> bool:
        return action_id in self._actions

    def spec(self, action_id: ActionId) -> ActionSpec:
        return ACTIONS[action_id]

    def ids(self) -> list[ActionId]:
        """Registered ids in registration order."""
        return list(self._actions)

    def shortcut_table(self) -> list[tuple[str, str, str]]:
        """(menu, command, keys) for every action with a shortcut, as Help shows them."""
        rows = []
        for action_id, action in self._actions.items():
            keys = ", ".join(
                s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()
            )
            if keys:
                menu = ACTIONS[action_id].menu or "Presentation"
                rows.append((menu, action.text().replace("&", ""), keys))
        order = {name: i for i, name in enumerate((*MENU_ORDER, "Presentation"))}
        rows.sort(key=lambda row: order.get(row[0], len(order)))
        return rows


def _sequence(key: Shortcut) -> QKeySequence:
    return key if isinstance(key, QKeySequence) else QKeySequence(key)
