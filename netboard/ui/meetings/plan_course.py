"""Turn a recommended option into a planned therapy course: which option, starting when."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QWidget,
)


class PlanCourseDialog(QDialog):
    """Choose one of the recommended options and a planned start date."""

    chosen = Signal(str, object)
    """(catalog option id, planned start date)"""

    def __init__(
        self, options: list[tuple[str, str]], start: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("planCourseDialog")
        self.setWindowTitle("Plan therapy course")
        self.option = QComboBox()
        self.option.setObjectName("planOption")
        for option_id, name in options:
            self.option.addItem(name, option_id)
        self.start = QDateEdit()
        self.start.setObjectName("planStart")
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("d MMM yyyy")
        self.start.setDate(QDate(start.year, start.month, start.day))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setText("Create planned course")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Option", self.option)
        form.addRow("Planned start", self.start)
        form.addRow(buttons)
        self.accepted.connect(self._emit)

    def _emit(self) -> None:
        day = self.start.date()
        self.chosen.emit(str(self.option.currentData()), date(day.year(), day.month(), day.day()))
