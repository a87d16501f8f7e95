"""A read-only table of one record kind, with edit on double-click and a context menu."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from netboard.ui.models.records import RecordTableModel

FIT_SAMPLE_ROWS = 40
"""Rows sampled when fitting columns to their contents (Qt's default reads 1,000)."""


class RecordTable(QTableView):
    """Rows of one record kind; emits the record id to edit or delete."""

    edit_requested = Signal(str)
    delete_requested = Signal(str)
    record_selected = Signal(str)

    def __init__(self, model: RecordTableModel, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
        self.setModel(model)
        self.records = model
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(26)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setResizeContentsPrecision(FIT_SAMPLE_ROWS)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.doubleClicked.connect(self._edit_index)
        self.selectionModel().currentRowChanged.connect(self._current_changed)
        self.extra_menu_actions: list[QAction] = []

    def selected_id(self) -> str | None:
        index = self.currentIndex()
        if not index.isValid() or not self.selectionModel().isRowSelected(index.row()):
            return None
        record = self.records.record(index.row())
        return getattr(record, "id", None)

    def select_id(self, record_id: str) -> bool:
        row = self.records.row_of(record_id)
        if row is None:
            return False
        self.selectRow(row)
        self.scrollTo(self.records.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def fit_columns(self) -> None:
        self.resizeColumnsToContents()
        header = self.horizontalHeader()
        for column in range(self.records.columnCount()):
            header.resizeSection(column, min(header.sectionSize(column) + 12, 320))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        record_id = self.selected_id()
        if record_id and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
            self.edit_requested.emit(record_id)
            return
        if record_id and event.key() == Qt.Key.Key_Delete:
            self.delete_requested.emit(record_id)
            return
        super().keyPressEvent(event)

    def _edit_index(self, index: QModelIndex) -> None:
        record = self.records.record(index.row())
        if record is not None:
            self.edit_requested.emit(record.id)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        record = self.records.record(current.row())
        if record is not None:
            self.record_selected.emit(record.id)

    def _menu(self, pos: QPoint) -> None:
        index = self.indexAt(pos)
        record = self.records.record(index.row()) if index.isValid() else None
        if record is None:
            return
        self.selectRow(index.row())
        menu = QMenu(self)
        menu.addAction("Edit\u2026", lambda: self.edit_requested.emit(record.id))
        menu.addAction("Delete\u2026", lambda: self.delete_requested.emit(record.id))
        for action in self.extra_menu_actions:
            menu.addAction(action)
        menu.popup(self.viewport().mapToGlobal(pos))
