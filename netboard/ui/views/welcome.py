"""What the workspace shows before a case is open: how to start, and reviews that are due."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from netboard.domain.wording import fmt_date
from netboard.ui.change_bus import Change

if TYPE_CHECKING:
    from netboard.ui.context import AppContext

MAX_DUE = 30
REVIEW_KINDS = frozenset({"decision", "patient", "discussion", "meeting"})
"""Changes that can move a review date or a patient's status."""


class WelcomePage(QWidget):
    """A short start page with the patients whose review date has passed."""

    patient_requested = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        title = QLabel("<h2>Choose a patient</h2>")
        hint = QLabel(
            "Search by name or MRN on the left (Ctrl+F), then press Enter or double-click to "
            "open the case. Ctrl+N adds a patient; F1 lists every keyboard shortcut."
        )
        hint.setWordWrap(True)
        self.due_title = QLabel()
        self.due_list = QListWidget()
        self.due_list.setObjectName("overdueReviews")
        self.due_list.itemActivated.connect(self._open)
        self.due_list.itemDoubleClicked.connect(self._open)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addSpacing(12)
        layout.addWidget(self.due_title)
        layout.addWidget(self.due_list, 1)
        self._stale = False
        context.bus.changed.connect(self._on_change)
        self.refresh()

    def _on_change(self, change: Change) -> None:
        if (change.kind in REVIEW_KINDS and change.lists) or change.action == "reload":
            self._stale = True
            if self.isVisible():
                self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        from netboard.db import queries

        self._stale = False
        today = self.context.today()
        due = queries.overdue_reviews(self.context.store, today)
        self.due_list.clear()
        for patient, review in due[:MAX_DUE]:
            item = QListWidgetItem(
                f"{patient.display_name}  \u00b7  MRN {patient.mrn}  "
                f"\u00b7  review was due {fmt_date(review)}"
            )
            item.setData(Qt.ItemDataRole.UserRole, patient.id)
            self.due_list.addItem(item)
        more = f" (first {MAX_DUE} of {len(due):,})" if len(due) > MAX_DUE else ""
        self.due_title.setText(
            f"<b>Reviews past their date: {len(due):,}</b>{more}"
            if due
            else "<b>No reviews are past their date.</b>"
        )

    def _open(self, item: QListWidgetItem) -> None:
        self.patient_requested.emit(item.data(Qt.ItemDataRole.UserRole))
