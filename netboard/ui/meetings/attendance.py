"""Attendance by person and discipline, with a visible note when a core discipline is absent."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netboard.domain.board.meetings import coverage_note, missing_core
from netboard.domain.snapshot import MeetingSnapshot
from netboard.domain.vocab import CORE_DISCIPLINES, Discipline
from netboard.ui.context import AppContext
from netboard.ui.meetings.common import (
    STORE_ERRORS,
    MeetingPart,
    Note,
    describe_error,
    heading,
    row_table,
)
from netboard.ui.window_parts import fitting_scroll_area


class AttendancePanel(MeetingPart):
    """Who is at the meeting. Adds and removals are undoable operations on the store."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.snapshot: MeetingSnapshot | None = None

        self.table = row_table(["Person", "Discipline"], 0, parent=self)
        self.table.setObjectName("attendance_table")

        self.person = QLineEdit(self)
        self.person.setObjectName("attendance_person")
        self.person.setPlaceholderText("Name of attendee")
        self.discipline = QComboBox(self)
        self.discipline.setObjectName("attendance_discipline")
        for member in Discipline:
            self.discipline.addItem(member.label, member)
        self.add_button = QPushButton("&Add attendee", self)
        self.remove_button = QPushButton("Remove", self)
        self.copy_button = QPushButton("Copy from previous meeting", self)
        self.copy_button.setToolTip("Adds everyone who attended the most recent earlier meeting")
        self.coverage = Note(self, "warning")
        self.coverage.setObjectName("attendance_coverage")
        self.error = Note(self, "error")

        self.person.returnPressed.connect(self.add_attendee)
        self.add_button.clicked.connect(self.add_attendee)
        self.remove_button.clicked.connect(self.remove_selected)
        self.copy_button.clicked.connect(self.copy_previous)

        form = QFormLayout()
        form.addRow("Name", self.person)
        form.addRow("Discipline", self.discipline)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        side_page = QWidget(self)
        side = QVBoxLayout(side_page)
        side.setContentsMargins(0, 0, 0, 0)
        side.addLayout(form)
        side.addLayout(buttons)
        side.addWidget(self.copy_button)
        side.addWidget(self.coverage)
        side.addWidget(self.error)
        side.addStretch(1)
        # on a laptop the agenda leaves this column less height than its note needs: it scrolls
        # then, instead of squeezing the note's lines into each other
        self.side = fitting_scroll_area(side_page, "attendanceSide", wrap=True)
        listing = QVBoxLayout()
        listing.addWidget(heading("Attendance"))
        listing.addWidget(self.table, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(listing, 3)
        layout.addWidget(self.side, 2)

    # -- showing ------------------------------------------------------------------------------

    def set_meeting(self, snapshot: MeetingSnapshot, *, read_only: bool) -> None:
        self.snapshot = snapshot
        self.read_only = read_only
        rows = sorted(snapshot.attendance, key=lambda a: (a.discipline.label, a.person.lower()))
        self.table.setRowCount(len(rows))
        for row, att in enumerate(rows):
            person = QTableWidgetItem(att.person)
            person.setData(Qt.ItemDataRole.UserRole, att.id)
            self.table.setItem(row, 0, person)
            disc = QTableWidgetItem(att.discipline.label)
            if att.discipline in CORE_DISCIPLINES:
                disc.setToolTip("Core discipline")
            self.table.setItem(row, 1, disc)
        missing = missing_core(snapshot.attendance)
        self.coverage.show_text(coverage_note(missing), "warning" if missing else "ok")
        for widget in (self.person, self.discipline, self.add_button, self.remove_button):
            widget.setEnabled(not read_only)
        self.copy_button.setEnabled(not read_only)
        self.error.show_text("")

    # -- changing -----------------------------------------------------------------------------

    def add_attendee(self) -> str | None:
        """Add the person in the entry line with the chosen discipline; returns the new id."""
        if self.snapshot is None or self.read_only:
            return None
        person = self.person.text().strip()
        if not person:
            self.error.show_text("Type the attendee's name first, then press Enter.")
            self.person.setFocus()
            return None
        discipline = Discipline(self.discipline.currentData())
        meeting_id = self.snapshot.meeting.id
        try:
            new_id = self.context.operations.create(
                "attendance",
                {"meeting_id": meeting_id, "person": person, "discipline": discipline},
                text=f"Add attendee {person}",
                meeting_id=meeting_id,
            )
        except STORE_ERRORS as exc:
            self.error.show_text(describe_error(exc))
            return None
        self.person.clear()
        self.person.setFocus()
        self.message.emit(f"Added {person} ({discipline.label})")
        return new_id

    def remove_selected(self) -> None:
        if self.snapshot is None or self.read_only:
            return
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        items = [self.table.item(r, 0) for r in rows]
        ids = [item.data(Qt.ItemDataRole.UserRole) for item in items if item is not None]
        names = [item.text() for item in items if item is not None]
        meeting_id = self.snapshot.meeting.id
        try:
            with self.context.operations.macro(f"Remove {len(ids)} attendee(s)"):
                for att_id in ids:
                    self.context.operations.delete(
                        "attendance",
                        att_id,
                        expected_version=None,
                        text="Remove attendee",
                        meeting_id=meeting_id,
                    )
        except STORE_ERRORS as exc:
            self.error.show_text(describe_error(exc))
            return
        if names:
            self.message.emit("Removed " + ", ".join(names))

    def copy_previous(self) -> int:
        """Add the latest earlier meeting's attendees who are not here yet; returns how many."""
        from netboard.db import queries

        if self.snapshot is None or self.read_only:
            return 0
        meeting = self.snapshot.meeting
        earlier = [
            m
            for m in queries.list_meetings(self.context.store)
            if m.id != meeting.id and m.starts_at < meeting.starts_at
        ]
        earlier.sort(key=lambda m: m.starts_at)
        present = {(a.person.lower(), a.discipline) for a in self.snapshot.attendance}
        for previous in reversed(earlier):
            people = queries.get_meeting(self.context.store, previous.id).attendance
            if people:
                break
        else:
            self.error.show_text("No earlier meeting has attendance to copy.")
            return 0
        added = 0
        try:
            with self.context.operations.macro("Copy attendance from previous meeting"):
                for att in people:
                    if (att.person.lower(), att.discipline) in present:
                        continue
                    self.context.operations.create(
                        "attendance",
                        {
                            "meeting_id": meeting.id,
                            "person": att.person,
                            "discipline": att.discipline,
                        },
                        text=f"Add attendee {att.person}",
                        meeting_id=meeting.id,
                    )
                    added += 1
        except STORE_ERRORS as exc:
            self.error.show_text(describe_error(exc))
        self.message.emit(f"Copied {added} attendee(s) from {previous.title}")
        return added
