"""Saving typing as it happens: debounced, flushed on focus-out and on window close.

A clinician types a decision while the board talks; nothing may be lost if the program is closed
mid-sentence. Each ``AutoSaver`` edits one record (a decision or a case discussion). A change is
staged and saved ~400 ms after the last keystroke, or at once when the editor loses focus or the
window closes. Saves go through ``UiOperations.set_fields`` (a compare-and-set per field: one
UPDATE, one audit entry) with a ``merge_key`` per field, so one burst of typing in one field is one
undo step. A record that does not exist yet (a decision before the
first word) is created by the ``creator`` on the first save.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from netboard.ui.context import AppContext
from netboard.ui.meetings.common import STORE_ERRORS, describe_error

DEBOUNCE_MS = 400

Creator = Callable[[dict[str, Any]], str]
"""Creates the record from the first staged values and returns its id."""


class AutoSaver(QObject):
    """Debounced, undoable saving of staged field values for one record."""

    saved = Signal(str)
    """The record id after a save (or a creation)."""
    failed = Signal(str)
    """A message saying what went wrong and what to do."""

    def __init__(self, context: AppContext, kind: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.kind = kind
        self.entity_id: str | None = None
        self.version = 0
        self.saved_values: dict[str, Any] = {}
        self.pending: dict[str, Any] = {}
        self.patient_id: str | None = None
        self.meeting_id: str | None = None
        self.creator: Creator | None = None
        self.label = kind
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)
        self._windows: list[QWidget] = []
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.flush)

    # -- what is edited -----------------------------------------------------------------------

    def set_target(
        self,
        entity_id: str | None,
        version: int,
        values: Mapping[str, Any],
        *,
        patient_id: str | None,
        meeting_id: str | None,
        creator: Creator | None = None,
        label: str = "",
    ) -> None:
        """Edit another record (the pending changes of the previous one are saved first)."""
        if entity_id != self.entity_id or self.pending:
            self.flush()
        self.entity_id = entity_id
        self.version = version
        self.saved_values = dict(values)
        self.patient_id = patient_id
        self.meeting_id = meeting_id
        self.creator = creator
        self.label = label or self.kind

    def refresh(self, entity_id: str | None, version: int, values: Mapping[str, Any]) -> None:
        """The store's current state of the record (after an undo or someone else's save)."""
        if self.pending and entity_id == self.entity_id:
            return  # our own newer text wins; its save will meet any conflict honestly
        self.entity_id = entity_id
        self.version = version
        self.saved_values = dict(values)

    # -- staging and saving -------------------------------------------------------------------

    def stage(self, field: str, value: Any) -> None:
        """Remember a new value and (re)start the debounce timer."""
        if self.saved_values.get(field) == value and field not in self.pending:
            return
        self.pending[field] = value
        self._timer.start()

    def set_delay(self, milliseconds: int) -> None:
        """The pause after the last keystroke before a save (DEBOUNCE_MS by default)."""
        self._timer.setInterval(milliseconds)

    def has_pending(self, field: str | None = None) -> bool:
        return bool(self.pending) if field is None else field in self.pending

    def flush(self) -> bool:
        """Save what is staged now; True when nothing is left unsaved."""
        self._timer.stop()
        if not self.pending:
            return True
        changes = dict(self.pending)
        self.pending.clear()
        try:
            if self.entity_id is None:
                if self.creator is None:
                    return True
                self.entity_id = self.creator(changes)
                self.version = 1
            else:
                self._update(changes)
        except STORE_ERRORS as exc:  # every store error is reported, none is fatal
            from netboard.db.errors import ConflictError

            if isinstance(exc, ConflictError):
                # Keep the typed text on screen (a reload must not wipe it); it is not written
                # over the other person's change: the next save meets the same conflict.
                for field, value in changes.items():
                    self.pending.setdefault(field, value)
            self.failed.emit(describe_error(exc))
            return False
        self.saved_values.update(changes)
        self.saved.emit(self.entity_id)
        return True

    def _update(self, changes: dict[str, Any]) -> None:
        """Compare-and-set of the staged fields: someone else's change of *other* fields of the
        record (the case clock, an agenda cell) is no conflict; a change of the same field is,
        and the error names it (nothing of theirs is overwritten)."""
        assert self.entity_id is not None
        fields = ",".join(sorted(changes))
        written = self.context.operations.set_fields(
            self.kind,
            self.entity_id,
            changes,
            before={k: self.saved_values.get(k) for k in changes},
            text=f"Edit {self.label}",
            patient_id=self.patient_id,
            meeting_id=self.meeting_id,
            merge_key=f"{self.entity_id}:{fields}",
        )
        self.version = written.version_of(self.entity_id) or self.version

    def discard(self) -> None:
        """Forget staged values (the record became read-only or was deleted)."""
        self._timer.stop()
        self.pending.clear()

    # -- flush triggers -----------------------------------------------------------------------

    def watch_focus(self, editor: QWidget) -> None:
        """Save at once when ``editor`` loses focus."""
        editor.installEventFilter(self)

    def watch_window(self, window: QWidget) -> None:
        """Save at once when ``window`` closes (or hides, e.g. minimised to quit)."""
        if window not in self._windows:
            window.installEventFilter(self)
            self._windows.append(window)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.FocusOut:
            self.flush()
        elif kind in (QEvent.Type.Close, QEvent.Type.Hide) and watched in self._windows:
            self.flush()
        return False
