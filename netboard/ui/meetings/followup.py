"""Follow-up across meetings: open action items, overdue reviews, and concordance.

Open actions: not done yet, earliest due first (overdue ones marked). Overdue reviews: patients
whose next review date has passed without a discussion since. Concordance: for each
recommendation, whether a matching therapy course was started afterwards.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from netboard.domain.board import concordance as cc
from netboard.domain.board.followup import due_text, overdue_days
from netboard.domain.snapshot import ActionItem
from netboard.domain.wording import fmt_date
from netboard.ui.change_bus import Change
from netboard.ui.context import AppContext
from netboard.ui.meetings.common import STORE_ERRORS, Note, describe_error, heading, row_table

IdRole = Qt.ItemDataRole.UserRole
OVERDUE = QColor("#b00020")
STATUS_COLOURS = {
    cc.STARTED: "#1b6e3a",
    cc.PLANNED: "#0b5cad",
    cc.OTHER: "#8a5300",
    cc.NOT_STARTED: "#b00020",
    cc.NO_OPTION: "#5f6b76",
    cc.WATCHFUL: "#5f6b76",
}


def _table(headers: list[str], stretch: int) -> QTableWidget:
    table = row_table(headers, stretch)
    table.setAlternatingRowColors(True)
    table.setSortingEnabled(False)
    return table


def _item(text: str, data: object = None, colour: QColor | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setToolTip(text)
    if data is not None:
        item.setData(IdRole, data)
    if colour is not None:
        item.setForeground(QBrush(colour))
    return item


class FollowUpView(QWidget):
    """Three tabs; double-click opens the meeting (actions, concordance) or the case (reviews)."""

    meeting_requested = Signal(str, str)
    """(meeting id, discussion id)"""
    case_requested = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._actions: list[tuple[ActionItem, str, str]] = []
        self._build_tables()
        self._lay_out()
        self.actions_table.itemDoubleClicked.connect(self._open_action)
        self.reviews.itemDoubleClicked.connect(self._open_review)
        self.concordance.itemDoubleClicked.connect(self._open_concordance)
        self.done_button.clicked.connect(self.mark_selected_done)
        context.bus.changed.connect(self._on_change)
        self._stale = True

    def _build_tables(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.setObjectName("followupTabs")
        self.actions_table = _table(["Due", "Action", "Owner", "Patient", "Meeting"], 1)
        self.actions_table.setObjectName("openActions")
        self.reviews = _table(["Review was due", "Overdue by", "Patient", "MRN"], 2)
        self.reviews.setObjectName("overdueReviews")
        self.concordance = _table(
            ["Board", "Patient", "Recommended option", "Status", "What happened"], 4
        )
        self.concordance.setObjectName("concordanceTable")
        self.done_button = QPushButton("Mark done")
        self.done_button.setObjectName("markActionDone")
        self.concordance_summary = QLabel()
        self.concordance_summary.setObjectName("concordanceSummary")
        self.concordance_summary.setWordWrap(True)
        self.error = Note(self, "error")

    def _lay_out(self) -> None:
        actions_page = QWidget()
        al = QVBoxLayout(actions_page)
        row = QHBoxLayout()
        row.addWidget(
            QLabel(
                "Action items not done yet, earliest due first. Double-click opens the meeting."
            ),
            1,
        )
        row.addWidget(self.done_button)
        al.addLayout(row)
        al.addWidget(self.actions_table, 1)
        reviews_page = QWidget()
        rl = QVBoxLayout(reviews_page)
        rl.addWidget(
            QLabel(
                "Patients whose next review date has passed without a board discussion "
                "since. Double-click opens the case."
            )
        )
        rl.addWidget(self.reviews, 1)
        conc_page = QWidget()
        cl = QVBoxLayout(conc_page)
        cl.addWidget(self.concordance_summary)
        cl.addWidget(
            QLabel(
                "For each option a board recommended: was a course of it started "
                "afterwards? (A course counts when it has the same option: linked to the "
                "decision, started after the board, or running then and continued.)"
            )
        )
        cl.addWidget(self.concordance, 1)
        self.tabs.addTab(actions_page, "Open actions")
        self.tabs.addTab(reviews_page, "Overdue reviews")
        self.tabs.addTab(conc_page, "Concordance")
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Follow-up", size=15))
        layout.addWidget(self.error)
        layout.addWidget(self.tabs, 1)

    # -- loading ------------------------------------------------------------------------------

    def reload(self) -> None:
        from netboard.db import queries

        today = self.context.today()
        store = self.context.store
        self._fill_actions(queries.open_action_items(store), today)
        self._fill_reviews(queries.overdue_reviews(store, today), today)
        decided = queries.decided_discussions(store)
        rows = cc.concordance(decided, today, self._name, self._surveillance)
        self._fill_concordance(rows)
        self.tabs.setTabText(0, f"Open actions ({self.actions_table.rowCount()})")
        self.tabs.setTabText(1, f"Overdue reviews ({self.reviews.rowCount()})")
        self._stale = False

    def _surveillance(self, option_id: str) -> bool:
        from netboard.domain.vocab import Modality

        found = self.context.catalog.find(option_id)
        return found is not None and found.modality == Modality.SURVEILLANCE

    def _name(self, option_id: str) -> str:
        found = self.context.catalog.find(option_id)
        return found.name if found is not None else option_id

    def _fill_actions(self, found: list, today: date) -> None:  # type: ignore[type-arg]
        self.actions_table.setRowCount(len(found))
        self._actions = []
        for row, (action, patient, meeting) in enumerate(found):
            colour = OVERDUE if overdue_days(action, today) else None
            cells = [
                _item(due_text(action, today), action.id, colour),
                _item(action.description, action.id),
                _item(action.owner or "—", action.id),
                _item(patient.display_name, patient.id),
                _item(f"{fmt_date(meeting.starts_at)} · {meeting.title}", meeting.id),
            ]
            for col, cell in enumerate(cells):
                self.actions_table.setItem(row, col, cell)
            self._actions.append((action, meeting.id, action.discussion_id))

    def _fill_reviews(self, found: list, today: date) -> None:  # type: ignore[type-arg]
        self.reviews.setRowCount(len(found))
        for row, (patient, due) in enumerate(found):
            cells = [
                _item(fmt_date(due), patient.id, OVERDUE),
                _item(f"{(today - due).days} days", patient.id),
                _item(patient.display_name, patient.id),
                _item(patient.mrn, patient.id),
            ]
            for col, cell in enumerate(cells):
                self.reviews.setItem(row, col, cell)

    def _fill_concordance(self, rows: list[cc.ConcordanceRow]) -> None:
        self.concordance.setRowCount(len(rows))
        for row, entry in enumerate(rows):
            key = (entry.meeting.id, entry.discussion_id)
            colour = QColor(STATUS_COLOURS.get(entry.status, "#333"))
            cells = [
                _item(fmt_date(entry.meeting.starts_at), key),
                _item(entry.patient.display_name, key),
                _item(entry.option_name, key),
                _item(entry.status, key, colour),
                _item(entry.detail, key),
            ]
            cells[0].setToolTip(entry.meeting.title)
            cells[2].setToolTip(entry.recommendation or entry.option_name)
            for col, cell in enumerate(cells):
                self.concordance.setItem(row, col, cell)
        self.concordance_summary.setText(cc.concordance_summary(rows))

    # -- acting -------------------------------------------------------------------------------

    def mark_selected_done(self) -> bool:
        """Mark the selected action done: a status change, also for a finalized meeting (whose
        record otherwise stays as it was); undoable, and recorded in the audit log."""
        row = self.actions_table.currentRow()
        if not 0 <= row < len(self._actions):
            self.error.show_text("Select an action first, then mark it done.")
            return False
        action, meeting_id, _disc = self._actions[row]
        try:
            self.context.operations.set_action_done(
                action.id,
                True,
                expected_version=action.version,
                text="Mark action done",
                meeting_id=meeting_id,
            )
        except STORE_ERRORS as exc:
            self.error.show_text(describe_error(exc))
            return False
        self.error.show_text("")
        return True

    def _open_action(self, item: QTableWidgetItem) -> None:
        row = item.row()
        if 0 <= row < len(self._actions):
            _action, meeting_id, disc_id = self._actions[row]
            self.meeting_requested.emit(meeting_id, disc_id)

    def _open_review(self, item: QTableWidgetItem) -> None:
        first = self.reviews.item(item.row(), 0)
        patient_id = first.data(IdRole) if first is not None else None
        if patient_id:
            self.case_requested.emit(patient_id)

    def _open_concordance(self, item: QTableWidgetItem) -> None:
        first = self.concordance.item(item.row(), 0)
        key = first.data(IdRole) if first is not None else None
        if key:
            self.meeting_requested.emit(key[0], key[1])

    def _on_change(self, change: Change) -> None:
        if change.kind in (
            "action",
            "decision",
            "option",
            "therapy",
            "discussion",
            "meeting",
            "database",
            "patient",
        ):
            self._stale = True
            if self.isVisible():
                self.reload()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.reload()
