"""Drag patients from the patient list onto an agenda.

The patient list belongs to the case workspace; rather than change its model, this filter on the
list's viewport starts a drag carrying the selected patient ids (``PATIENT_MIME``) once the
pointer has moved far enough with the button held. The agenda table accepts that drop.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QEvent, QMimeData, QObject, QPoint, Qt
from PySide6.QtGui import QDrag, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication

from netboard.ui.meetings.agenda_model import PATIENT_MIME


def patient_mime(patient_ids: list[str]) -> QMimeData:
    """Mime data for a drag of patients (one id per line)."""
    data = QMimeData()
    data.setData(PATIENT_MIME, QByteArray("\n".join(patient_ids).encode()))
    data.setText(", ".join(patient_ids))
    return data


class PatientDragSource(QObject):
    """Starts a patient drag from ``view``; ``id_of(row)`` gives the patient id of a row."""

    def __init__(self, view: QAbstractItemView, id_of: Callable[[int], str | None]) -> None:
        super().__init__(view)
        self.view = view
        self.id_of = id_of
        self._press: QPoint | None = None
        view.viewport().installEventFilter(self)

    def selected_ids(self) -> list[str]:
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        return [pid for pid in (self.id_of(r) for r in rows) if pid]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            if event.button() == Qt.MouseButton.LeftButton:
                self._press = event.position().toPoint()
        elif kind == QEvent.Type.MouseButtonRelease:
            self._press = None
        elif (
            kind == QEvent.Type.MouseMove
            and isinstance(event, QMouseEvent)
            and self._press is not None
            and event.buttons() & Qt.MouseButton.LeftButton
        ):
            moved = (event.position().toPoint() - self._press).manhattanLength()
            if moved >= QApplication.startDragDistance():
                self._press = None
                return self.start_drag()
        return False

    def start_drag(self) -> bool:
        """Drag the selected patients (True when a drag started)."""
        ids = self.selected_ids()
        if not ids:
            return False
        drag = QDrag(self.view)
        drag.setMimeData(patient_mime(ids))
        drag.exec(Qt.DropAction.CopyAction)
        return True
