"""Choose patients to put on an agenda: search as you type, several at once."""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netboard.domain.wording import fmt_date
from netboard.ui.context import AppContext

LIMIT = 50
IdRole = Qt.ItemDataRole.UserRole


class PatientPicker(QDialog):
    """A search box and the matching patients; those already on the agenda cannot be chosen."""

    def __init__(
        self, context: AppContext, on_agenda: Collection[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("patientPicker")
        self.setWindowTitle("Add patients to the agenda")
        self.context = context
        self.on_agenda = set(on_agenda)
        self.search = QLineEdit()
        self.search.setObjectName("pickerSearch")
        self.search.setPlaceholderText("Name or MRN")
        self.list = QListWidget()
        self.list.setObjectName("pickerList")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.count = QLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add to agenda")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.buttons)
        self.resize(560, 520)
        self.refresh()

    def refresh(self) -> None:
        from netboard.db import queries

        page = queries.list_patients(
            self.context.store, search=self.search.text().strip(), limit=LIMIT
        )
        self.list.clear()
        for row in page.rows:
            born = fmt_date(row.birth_date) if row.birth_date else "birth date unknown"
            site = f" · {row.primary_site.label}" if row.primary_site else ""
            item = QListWidgetItem(f"{row.display_name}  ({row.mrn}, {born}){site}")
            item.setData(IdRole, row.id)
            if row.id in self.on_agenda:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                item.setText(item.text() + "  — already on this agenda")
            self.list.addItem(item)
        more = f" (first {LIMIT} shown; type to narrow)" if page.total > len(page.rows) else ""
        counted = f"more than {page.total:,}" if page.capped else f"{page.total:,}"
        self.count.setText(f"{counted} patient(s){more}")

    def chosen(self) -> list[str]:
        """Ids of the selected patients, in list order."""
        return [
            self.list.item(i).data(IdRole)
            for i in range(self.list.count())
            if self.list.item(i).isSelected()
            and self.list.item(i).flags() & Qt.ItemFlag.ItemIsEnabled
        ]
