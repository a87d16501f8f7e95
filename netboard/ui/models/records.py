"""Read-only tables of one kind of clinical record (therapies, pathology, imaging, ...).

One model class; what differs per kind is a tuple of ``RecordColumn`` (title and how to read a
cell: ``domain.record_columns``). Rows are snapshot records, newest first, as clinicians scan them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from netboard.domain.record_columns import RecordColumn
from netboard.ui.models.table_base import TitledTableModel

ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""The record id of a row."""
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2
"""The snapshot record of a row."""

AnyIndex = QModelIndex | QPersistentModelIndex


class RecordTableModel(TitledTableModel):
    """Rows of snapshot records shown through a column spec."""

    def __init__(self, columns: Sequence[RecordColumn], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self._titles = tuple(c.title for c in self.columns)
        self._records: tuple[Any, ...] = ()

    def set_records(self, records: Sequence[Any]) -> None:
        self.beginResetModel()
        self._records = tuple(records)
        self.endResetModel()

    @property
    def records(self) -> tuple[Any, ...]:
        return self._records

    def record(self, row: int) -> Any | None:
        return self._records[row] if 0 <= row < len(self._records) else None

    def row_of(self, record_id: str) -> int | None:
        for row, record in enumerate(self._records):
            if getattr(record, "id", None) == record_id:
                return row
        return None

    def row_total(self) -> int:
        return len(self._records)

    def titles(self) -> tuple[str, ...]:
        return self._titles

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self.record(index.row())
        if record is None or not 0 <= index.column() < len(self.columns):
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(record)
        if role == ID_ROLE:
            return getattr(record, "id", None)
        if role == RECORD_ROLE:
            return record
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(record) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column.highlight is not None:
            colour = column.highlight(record)
            return QBrush(QColor(colour)) if colour else None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
