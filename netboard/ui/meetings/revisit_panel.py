"""Revisit: what earlier boards weighed for this patient, what became of it, and one click back.

A deferred option or an earlier therapy course is brought into today's discussion as a new
OptionConsidered that links to its origin (revisits_option_id / revisits_course_id) and carries
its history in its details.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netboard.domain.board import revisit_logic as rl
from netboard.domain.snapshot import CaseDiscussion, CaseSnapshot
from netboard.domain.wording import fmt_date
from netboard.ui.context import AppContext
from netboard.ui.meetings.common import (
    STORE_ERRORS,
    MeetingPart,
    Note,
    clear_cell_widgets,
    describe_error,
    heading,
    row_table,
)

FATE_COLOURS = {
    "Chosen": "#1b6e3a",
    "Continued": "#1b6e3a",
    "Recommended": "#1b6e3a",
    "Deferred": "#8a5300",
    "Not now": "#6b6b6b",
    "Alternative": "#0b5cad",
}


class RevisitPanel(MeetingPart):
    """Options from earlier boards and earlier therapy courses, each with 'Bring back'."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.discussion: CaseDiscussion | None = None
        self.options: list[rl.EarlierOption] = []
        self.courses: list[rl.EarlierCourse] = []
        # fate and board date share the first column, the option and its outcome take the rest
        # (four columns squeezed the option's text to a word per line on a 1366x768 laptop)
        self.option_table = self._table(["Fate, board", "Option, outcome", ""], 1)
        self.option_table.setObjectName("revisitOptions")
        self.course_table = self._table(["Therapy course", ""], 0)
        self.course_table.setObjectName("revisitCourses")
        self.none_options = QLabel("No earlier board discussed options for this patient.")
        self.none_courses = QLabel("No therapy courses on record.")
        self.error = Note(self, "error")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading("Options weighed at earlier boards"))
        layout.addWidget(self.none_options)
        layout.addWidget(self.option_table, 3)
        layout.addWidget(heading("Earlier therapy courses"))
        layout.addWidget(self.none_courses)
        layout.addWidget(self.course_table, 2)
        layout.addWidget(self.error)

    @staticmethod
    def _table(headers: list[str], stretch: int) -> QTableWidget:
        table = row_table(headers, stretch)
        table.setWordWrap(True)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return table

    def name(self, option_id: str) -> str:
        found = self.context.catalog.find(option_id)
        return found.name if found is not None else option_id

    def set_discussion(
        self, discussion: CaseDiscussion, case: CaseSnapshot, *, read_only: bool
    ) -> None:
        self.discussion, self.read_only = discussion, read_only
        self.options = rl.earlier_options(case, discussion)
        self.courses = rl.earlier_courses(case, discussion)
        clear_cell_widgets(self.option_table)
        self.option_table.setRowCount(len(self.options))
        for row, entry in enumerate(self.options):
            when = fmt_date(entry.discussion.meeting_date)
            fate = QTableWidgetItem(f"{entry.fate}\n{when}")
            fate.setForeground(_colour(FATE_COLOURS.get(entry.fate, "#333")))
            cells = [
                fate,
                QTableWidgetItem(f"{self.name(entry.option.option_id)}\n{entry.outcome}"),
            ]
            for col, cell in enumerate(cells):
                cell.setToolTip(entry.option.rationale or entry.outcome)
                self.option_table.setItem(row, col, cell)
            self.option_table.setCellWidget(
                row,
                2,
                self._button(
                    entry.brought_back,
                    lambda _c=False, e=entry: self.bring_back_option(e),
                    repeatable=self._repeatable(entry.option.option_id),
                ),
            )
        clear_cell_widgets(self.course_table)
        self.course_table.setRowCount(len(self.courses))
        for row, course in enumerate(self.courses):
            self.course_table.setItem(
                row, 0, QTableWidgetItem(f"{course.course.agent}\n{course.summary}")
            )
            self.course_table.setCellWidget(
                row,
                1,
                self._button(
                    course.brought_back,
                    lambda _c=False, e=course: self.bring_back_course(e),
                    repeatable=self._repeatable(course.course.option_id),
                ),
            )
        self.none_options.setVisible(not self.options)
        self.option_table.setVisible(bool(self.options))
        self.none_courses.setVisible(not self.courses)
        self.course_table.setVisible(bool(self.courses))
        self.option_table.resizeRowsToContents()
        self.course_table.resizeRowsToContents()

    def _button(self, brought_back: bool, slot: object, *, repeatable: bool = True) -> QWidget:
        """A 'Bring back' button, centred in its cell (the row may be several lines high)."""
        if brought_back:
            text = "In today's list"
        elif not repeatable:
            text = "Done once"
        else:
            text = "Bring back"
        button = QPushButton(text)
        button.setObjectName("bringBack")
        button.setEnabled(not brought_back and repeatable and not self.read_only)
        button.setToolTip(
            "Already among today's options"
            if brought_back
            else "Add it to today's options with its history"
            if repeatable
            else "A one-time procedure: the catalog marks it as done once; it is not offered again"
        )
        button.clicked.connect(slot)
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        holder.button = button  # type: ignore[attr-defined]
        return holder

    def _repeatable(self, option_id: str) -> bool:
        found = self.context.catalog.find(option_id)
        return found is None or found.repeatable

    def _create(self, values: dict[str, object], text: str) -> str | None:
        assert self.discussion is not None
        try:
            new_id = self.context.operations.create(
                "option",
                values,
                text=text,
                patient_id=self.discussion.patient_id,
                meeting_id=self.discussion.meeting_id,
            )
        except STORE_ERRORS as exc:
            self.error.show_text(describe_error(exc))
            return None
        self.error.show_text("")
        self.message.emit(text)
        return new_id

    def bring_back_option(self, entry: rl.EarlierOption) -> str | None:
        """Bring an option from an earlier board into today's discussion; returns the new id."""
        if self.discussion is None or self.read_only or entry.brought_back:
            return None
        if not self._repeatable(entry.option.option_id):
            self.error.show_text(
                "The catalog marks this option as done once; it is not offered again."
            )
            return None
        values = rl.revisit_option_values(entry, self.discussion.id, self.name)
        return self._create(values, f"Revisit {self.name(entry.option.option_id)}")

    def bring_back_course(self, entry: rl.EarlierCourse) -> str | None:
        """Bring an earlier therapy course back as an option for today; returns the new id."""
        if self.discussion is None or self.read_only or entry.brought_back:
            return None
        if not self._repeatable(entry.course.option_id):
            self.error.show_text(
                "The catalog marks this therapy as done once; it is not offered again."
            )
            return None
        values = rl.revisit_course_values(entry, self.discussion.id, self.name)
        return self._create(values, f"Return to {entry.course.agent}")


def _colour(hex_colour: str):  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QBrush, QColor

    return QBrush(QColor(hex_colour))
