"""Turn a recommended option into a planned therapy course: which option, starting when."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from netboard.domain.date_text import DateTextError
from netboard.ui.date_edit import DateEdit
from netboard.ui.form_layout import add_row, form_layout


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
        self.start = DateEdit()
        self.start.setObjectName("planStart")
        self.start.line.setAccessibleName("Planned start")
        self.start.set_date(start)
        self.problem = QLabel()
        self.problem.setProperty("role", "fieldError")
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)
        self.start.problem_changed.connect(self._show_problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setText("Create planned course")
        buttons.accepted.connect(self._accept_if_date)
        buttons.rejected.connect(self.reject)
        start_box = QWidget()
        stack = QVBoxLayout(start_box)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.addWidget(self.start)
        stack.addWidget(self.problem)
        form = form_layout(self)
        add_row(form, "Option", self.option)
        add_row(form, "Planned start", start_box)
        form.addRow(buttons)
        self.accepted.connect(self._emit)

    def _accept_if_date(self) -> None:
        """A typed start that is no date is said so; nothing is planned until it is one."""
        try:
            self.start.value()
        except DateTextError as exc:
            self._show_problem(str(exc))
            return
        self.accept()

    def _show_problem(self, problem: str) -> None:
        self.problem.setText(f"Planned start: {problem}." if problem else "")
        self.problem.setVisible(bool(problem))
        self.adjustSize()

    def _emit(self) -> None:
        self.chosen.emit(str(self.option.currentData()), self.start.value())
