"""The timeline as a table: the same items the chart draws, one per row (Timeline.rows())."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from netboard.domain.timeline import Timeline, TimelineRow
from netboard.domain.wording import fmt_date
from netboard.ui.models.table_base import TitledTableModel

ID_ROLE = Qt.ItemDataRole.UserRole + 1
HEADERS = ("Date", "Track", "Item", "Detail")

AnyIndex = QModelIndex | QPersistentModelIndex


class TimelineTableModel(TitledTableModel):
    """Rows of ``Timeline.rows()``, oldest first."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[TimelineRow, ...] = ()

    def set_timeline(self, timeline: Timeline | None) -> None:
        self.beginResetModel()
        self._rows = timeline.rows() if timeline is not None else ()
        self.endResetModel()

    def row_of(self, item_id: str) -> int | None:
        for row, item in enumerate(self._rows):
            if item.item_id == item_id:
                return row
        return None

    def row_total(self) -> int:
        return len(self._rows)

    def titles(self) -> tuple[str, ...]:
        return HEADERS

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (fmt_date(item.date), item.track, item.item, item.detail)[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == 3 and item.detail:
            return item.detail
        if role == ID_ROLE:
            return item.item_id
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
