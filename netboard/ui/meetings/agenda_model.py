"""The agenda as a Qt table model: a thin adapter over MeetingSnapshot.agenda and readiness.

The model never writes to the store. An edit in a cell, a drag to another row, or a patient dropped
from the patient list becomes a signal; the agenda panel runs the operation and the next snapshot
comes back through ``set_agenda``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from netboard.domain.board import readiness as rd
from netboard.domain.board.privacy import case_label
from netboard.domain.snapshot import AgendaItem
from netboard.domain.vocab import CaseTiming, DiscussionStatus, Triage
from netboard.domain.wording import DASH, clock_text, diagnosis_line
from netboard.ui.models.table_base import TitledTableModel

AGENDA_MIME = "application/x-netboard-agenda-item"
PATIENT_MIME = "application/x-netboard-patient-ids"
"""Patient ids, one per line, as the patient list drags them."""

Index = QModelIndex | QPersistentModelIndex

COLUMNS = (
    "#",
    "Patient",
    "Diagnosis",
    "Triage",
    "Timing",
    "Presenter",
    "Question for the board",
    "Readiness",
    "Status",
)
COL_NUMBER, COL_PATIENT, COL_DIAG, COL_TRIAGE, COL_TIMING = range(5)
COL_PRESENTER, COL_QUESTION, COL_READY, COL_STATUS = range(5, 9)
EDITABLE = {
    COL_TRIAGE: "triage",
    COL_TIMING: "timing",
    COL_PRESENTER: "presenter",
    COL_QUESTION: "question",
}
"""Column → CaseDiscussion field the cell edits."""

ChoiceRole = Qt.ItemDataRole.UserRole + 1
"""For triage and timing cells: the vocabulary members a combo box offers."""
DiscussionIdRole = Qt.ItemDataRole.UserRole + 2
PatientIdRole = Qt.ItemDataRole.UserRole + 3

_BLOCKING = QColor("#fdecea")
_GAPS = QColor("#fff6e0")
_READY = QColor("#eaf6ec")


@dataclass(frozen=True, slots=True)
class AgendaRow:
    item: AgendaItem
    issues: tuple[rd.ReadinessIssue, ...] | None = None
    """None while not checked (e.g. the engine could not read the case)."""


class AgendaModel(TitledTableModel):
    """Rows are agenda items in agenda order; the first column is the agenda number."""

    edit_requested = Signal(str, str, object)
    """(discussion id, field, new value) for an edited cell."""
    move_requested = Signal(str, int)
    """(discussion id, new 0-based index) for a row dragged elsewhere."""
    add_requested = Signal(list, int)
    """(patient ids, 0-based index to insert at; -1 = the end) for patients dropped in."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[AgendaRow] = []
        self.private = False
        self.read_only = False
        self.today: date | None = None

    # -- content ------------------------------------------------------------------------------

    def set_agenda(self, rows: Sequence[AgendaRow], *, read_only: bool = False) -> None:
        """Show ``rows``; same ids in the same order only repaint (selection survives)."""
        self.read_only = read_only
        same = [r.item.discussion.id for r in rows] == [r.item.discussion.id for r in self._rows]
        if same and rows:
            self._rows = list(rows)
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(COLUMNS) - 1))
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def set_private(self, private: bool) -> None:
        self.private = private
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, COL_PATIENT))

    def row_of(self, discussion_id: str) -> int:
        for i, row in enumerate(self._rows):
            if row.item.discussion.id == discussion_id:
                return i
        return -1

    def item_at(self, row: int) -> AgendaItem:
        return self._rows[row].item

    def rows(self) -> list[AgendaRow]:
        return list(self._rows)

    # -- QAbstractItemModel -------------------------------------------------------------------

    def row_total(self) -> int:
        return len(self._rows)

    def titles(self) -> tuple[str, ...]:
        return COLUMNS

    def header_tip(self, section: int) -> str | None:
        if section == COL_READY:
            return "What the record lacks for the board (considerations engine readiness check)"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base | Qt.ItemFlag.ItemIsDropEnabled
        base |= Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        if index.column() in EDITABLE and not self.read_only:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        disc = row.item.discussion
        col = index.column()
        if role == DiscussionIdRole:
            return disc.id
        if role == PatientIdRole:
            return disc.patient_id
        if role == ChoiceRole:
            return {COL_TRIAGE: list(Triage), COL_TIMING: list(CaseTiming)}.get(col)
        if role == Qt.ItemDataRole.EditRole and col in EDITABLE:
            return getattr(disc, EDITABLE[col])
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(index.row(), row, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_READY and row.issues is not None:
                return rd.tooltip(row.issues)
            if col == COL_QUESTION:
                return disc.question or "No question recorded yet"
            if col == COL_TRIAGE:
                return "Full discussion, or confirmation of a standard-of-care pathway"
        if role == Qt.ItemDataRole.BackgroundRole and col == COL_READY and row.issues is not None:
            if not row.issues:
                return QBrush(_READY)
            return QBrush(_BLOCKING if any(i.blocking for i in row.issues) else _GAPS)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_NUMBER:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _display(self, number: int, row: AgendaRow, col: int) -> str:
        item = row.item
        disc = item.discussion
        if col == COL_NUMBER:
            return str(number + 1)
        if col == COL_PATIENT:
            return case_label(number + 1, item.patient, private=self.private).split(" · ", 1)[1]
        if col == COL_DIAG:
            return diagnosis_line(item.primary_site, item.grade) or DASH
        if col == COL_TRIAGE:
            return (
                "Full discussion" if disc.triage == Triage.FULL_DISCUSSION else "SoC confirmation"
            )
        if col == COL_TIMING:
            return disc.timing.label
        if col == COL_PRESENTER:
            return disc.presenter
        if col == COL_QUESTION:
            return disc.question.replace("\n", " ")
        if col == COL_READY:
            return "not checked" if row.issues is None else rd.summary(row.issues)
        if col == COL_STATUS:
            status = disc.status.label if disc.status != DiscussionStatus.PENDING else "To discuss"
            if disc.time_spent_s:
                status += f" · {clock_text(disc.time_spent_s)}"
            return status
        return ""

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.read_only:
            return False
        field = EDITABLE.get(index.column())
        if field is None:
            return False
        disc = self._rows[index.row()].item.discussion
        if isinstance(value, str) and field in ("presenter", "question"):
            value = value.strip()
        if getattr(disc, field) == value:
            return False
        self.edit_requested.emit(disc.id, field, value)
        return True

    # -- drag and drop ------------------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [AGENDA_MIME, PATIENT_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            disc_id = self._rows[rows[0]].item.discussion.id
            data.setData(AGENDA_MIME, QByteArray(disc_id.encode()))
        return data

    def canDropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if self.read_only:
            return False
        return data.hasFormat(AGENDA_MIME) or data.hasFormat(PATIENT_MIME)

    def dropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        target = row if row >= 0 else (parent.row() if parent.isValid() else -1)
        if data.hasFormat(AGENDA_MIME):
            disc_id = bytes(data.data(AGENDA_MIME).data()).decode()
            source = self.row_of(disc_id)
            if source < 0:
                return False
            if row >= 0:  # dropped between rows: "before row N", counted without the dragged row
                dest = row - 1 if row > source else row
            elif parent.isValid():  # dropped onto a row: take its place
                dest = parent.row()
            else:  # dropped below the last row
                dest = len(self._rows) - 1
            if dest != source:
                self.move_requested.emit(disc_id, dest)
            return True
        ids = [
            line.strip()
            for line in bytes(data.data(PATIENT_MIME).data()).decode().splitlines()
            if line.strip()
        ]
        if ids:
            self.add_requested.emit(ids, target)
        return bool(ids)
