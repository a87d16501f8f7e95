"""What every flat table model of the window shares: a row count, titled columns and their
header tooltips (the Qt overrides, written once)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

AnyIndex = QModelIndex | QPersistentModelIndex


class TitledTableModel(QAbstractTableModel):
    """A table without child rows; a subclass says how many rows it has (``row_total``), the
    titles of its columns (``titles``) and, where one helps, a column's header tooltip."""

    def row_total(self) -> int:  # pragma: no cover - abstract
        raise NotImplementedError

    def titles(self) -> Sequence[str]:  # pragma: no cover - abstract
        raise NotImplementedError

    def header_tip(self, section: int) -> str | None:
        return None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self.row_total()

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.titles())

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        titles = self.titles()
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(titles):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return titles[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.header_tip(section)
        return None
