"""One registry of actions keyed by an enum: menus, toolbar, shortcuts and Help read it.

A part of the window registers the actions it handles (``registry.register(ActionId.X, ...)``);
the main window places them in menus and on the toolbar; Help -> Keyboard shortcuts lists them;
presentation mode looks up its keys here too. Actions not registered yet simply do not appear.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum, auto

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence


class ActionId(Enum):
    """Every command the window offers (some are registered by the meetings part)."""

    # File
    OPEN_DATABASE = auto()
    TAKE_OFFLINE = auto()
    BRING_BACK = auto()
    FHIR_EXPORT = auto()
    FHIR_IMPORT = auto()
    IMPORT_PATIENT_LIST = auto()
    EXPORT_PATIENT_LIST = auto()
    EXPORT_FOLLOWUP = auto()
    MEETING_INVITATION = auto()
    RESTORE_BACKUP = auto()
    QUIT = auto()
    # Edit
    UNDO = auto()
    REDO = auto()
    FIND = auto()
    # Patient / case
    NEW_PATIENT = auto()
    EDIT_PATIENT = auto()
    ADD_TUMOR = auto()
    ADD_THERAPY = auto()
    ADD_PATHOLOGY = auto()
    ADD_STAGING = auto()
    ADD_IMAGING = auto()
    ADD_LAB = auto()
    ADD_ECOG = auto()
    EDIT_SELECTED = auto()
    DELETE_SELECTED = auto()
    RELOAD_CASE = auto()
    CLOSE_CASE = auto()
    AUDIT_HISTORY = auto()
    # View
    SHOW_PATIENTS = auto()
    SHOW_MEETINGS = auto()
    TOGGLE_NAVIGATOR = auto()
    TIMELINE_FIT = auto()
    TIMELINE_ZOOM_IN = auto()
    TIMELINE_ZOOM_OUT = auto()
    # Meetings (registered by netboard.ui.meetings)
    NEW_MEETING = auto()
    OPEN_NEXT_MEETING = auto()
    ADD_TO_AGENDA = auto()
    START_MEETING = auto()
    FINALIZE_MEETING = auto()
    ADD_ADDENDUM = auto()
    MEETING_SUMMARY_PDF = auto()
    MEETING_SUMMARY_DEIDENTIFIED_PDF = auto()
    MEETING_PAPERS_PDF = auto()
    PATIENT_HANDOUT_PDF = auto()
    CASE_SHEET_PDF = auto()
    PRESENTATION_MODE = auto()
    NEXT_CASE = auto()
    PREVIOUS_CASE = auto()
    TOGGLE_PRIVACY = auto()
    TOGGLE_TIMER = auto()
    EXIT_PRESENTATION = auto()
    # Help
    SHORTCUTS = auto()
    ABOUT = auto()


MENU_ORDER = ("File", "Edit", "Patient", "View", "Meeting", "Help")
"""Menus in the order the menu bar shows them."""

Shortcut = str | QKeySequence | QKeySequence.StandardKey


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """Where an action appears: its menu (None: nowhere), toolbar or not, and its help group."""

    action_id: ActionId
    menu: str | None
    toolbar: bool
    separator_before: bool


class ActionRegistry(QObject):
    """Holds one QAction per ActionId; announces each registration so menus can place it."""

    registered = Signal(object)
    """Emitted with the ActionId after ``register`` (the main window adds it to its menu)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._actions: dict[ActionId, QAction] = {}
        self._specs: dict[ActionId, ActionSpec] = {}

    def register(
        self,
        action_id: ActionId,
        text: str,
        *,
        shortcut: Shortcut | Iterable[Shortcut] | None = None,
        slot: Callable[..., object] | None = None,
        tip: str = "",
        menu: str | None = None,
        toolbar: bool = False,
        separator_before: bool = False,
        checkable: bool = False,
        enabled: bool = True,
    ) -> QAction:
        """Create (or re-target) the action for ``action_id`` and return it.

        Registering an id twice replaces its slot and text, so a part of the window rebuilt for
        another database does not leave a stale connection behind.
        """
        action = self._actions.get(action_id)
        if action is None:
            action = QAction(text, self)
            action.setObjectName(f"action_{action_id.name.lower()}")
            self._actions[action_id] = action
        else:
            action.setText(text)
            try:
                action.triggered.disconnect()
            except (RuntimeError, TypeError):
                pass
        if shortcut is not None:
            keys: list[Shortcut]
            if isinstance(shortcut, str | QKeySequence | QKeySequence.StandardKey):
                keys = [shortcut]
            else:
                keys = list(shortcut)
            action.setShortcuts([_sequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        action.setCheckable(checkable)
        action.setEnabled(enabled)
        if slot is not None:
            action.triggered.connect(slot)
        self._specs[action_id] = ActionSpec(action_id, menu, toolbar, separator_before)
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
        return self._specs[action_id]

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
                menu = self._specs[action_id].menu or "Presentation"
                rows.append((menu, action.text().replace("&", ""), keys))
        order = {name: i for i, name in enumerate((*MENU_ORDER, "Presentation"))}
        rows.sort(key=lambda row: order.get(row[0], len(order)))
        return rows


def _sequence(key: Shortcut) -> QKeySequence:
    return key if isinstance(key, QKeySequence) else QKeySequence(key)
