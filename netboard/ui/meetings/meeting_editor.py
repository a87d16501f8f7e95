"""The meeting's header: when, where, who chairs, its state, and the steps between states.

Planned -> in session -> finalized. A finalized meeting is read-only (the store refuses edits too);
corrections after that are addenda. Title, place and chair are saved as they are typed.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from netboard.domain.board.meetings import undecided
from netboard.domain.snapshot import MeetingSnapshot
from netboard.domain.vocab import MeetingStatus
from netboard.domain.wording import fmt_datetime
from netboard.ui.change_bus import Change
from netboard.ui.context import AppContext
from netboard.ui.date_time_edit import DateTimeEdit
from netboard.ui.meetings.autosave import AutoSaver
from netboard.ui.meetings.common import STORE_ERRORS, Note, describe_error, set_read_only

STATUS_STYLE = {
    MeetingStatus.PLANNED: "background:#eef4fb; color:#1d3557;",
    MeetingStatus.IN_SESSION: "background:#e6f4ea; color:#1e4d27; font-weight:bold;",
    MeetingStatus.FINALIZED: "background:#ececec; color:#333;",
}


class MeetingEditor(QWidget):
    """Title, date and time, place or video link, chair; start and finalize buttons."""

    present_requested = Signal()
    addendum_requested = Signal()
    message = Signal(str)
    finalizing = Signal()
    """About to finalize: whatever is still running (the case clock) is saved now."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.snapshot: MeetingSnapshot | None = None
        self.saver = AutoSaver(context, "meeting", self)
        self.saver.failed.connect(self._show_error)

        self._build_fields()
        self._connect()
        self._lay_out()
        self._loading = False

    def _build_fields(self) -> None:
        """Title, start, place, chair, status, the meeting's buttons and notes."""
        self.title = QLineEdit()
        self.title.setObjectName("meetingTitle")
        self.starts = DateTimeEdit(today=self.context.today)
        self.starts.setObjectName("meetingStart")
        self.starts.line.setObjectName("meetingStartText")
        self.starts.line.setAccessibleName("Meeting date and time")
        self.location = QLineEdit()
        self.location.setObjectName("meetingLocation")
        self.location.setPlaceholderText("Room, or a video link")
        self.chair = QLineEdit()
        self.chair.setObjectName("meetingChair")
        self.status = QLabel()
        self.status.setObjectName("meetingStatus")
        self.start_button = QPushButton("Start meeting")
        self.start_button.setObjectName("startMeetingButton")
        self.start_button.setToolTip("Mark the meeting as in session (the record stays editable)")
        self.finalize_button = QPushButton("Finalize…")
        self.finalize_button.setObjectName("finalizeMeetingButton")
        self.finalize_button.setToolTip(
            "Close the record: it becomes read-only; later corrections are addenda"
        )
        self.present_button = QPushButton("Present (F5)")
        self.present_button.setObjectName("presentButton")
        self.addendum_button = QPushButton("Add addendum…")
        self.addendum_button.setObjectName("addAddendumButton")
        self.banner = Note(self, "info")
        self.banner.setObjectName("finalizedBanner")
        self.error = Note(self, "error")

    def _connect(self) -> None:
        for field, editor in (
            ("title", self.title),
            ("location", self.location),
            ("chair", self.chair),
        ):
            editor.textEdited.connect(lambda text, f=field: self.saver.stage(f, text.strip()))
            self.saver.watch_focus(editor)
        self.starts.moment_changed.connect(self._start_changed)
        self.starts.problem_changed.connect(
            lambda text: self.error.show_text(f"When: {text}." if text else "")
        )
        self.saver.watch_focus(self.starts.line)
        self.start_button.clicked.connect(self.start_meeting)
        self.finalize_button.clicked.connect(self.confirm_finalize)
        self.present_button.clicked.connect(self.present_requested)
        self.addendum_button.clicked.connect(self.addendum_requested)

    def _lay_out(self) -> None:
        grid = QGridLayout()
        grid.addWidget(QLabel("Title"), 0, 0)
        grid.addWidget(self.title, 0, 1)
        grid.addWidget(QLabel("When"), 0, 2)
        grid.addWidget(self.starts, 0, 3)
        grid.addWidget(QLabel("Chair"), 0, 4)
        grid.addWidget(self.chair, 0, 5)
        grid.addWidget(QLabel("Where"), 1, 0)
        grid.addWidget(self.location, 1, 1, 1, 3)
        grid.addWidget(self.status, 1, 4, 1, 2)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(5, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.finalize_button)
        buttons.addWidget(self.addendum_button)
        buttons.addStretch(1)
        buttons.addWidget(self.present_button)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid, 0, 0)
        layout.addLayout(buttons, 1, 0)
        layout.addWidget(self.banner, 2, 0)
        layout.addWidget(self.error, 3, 0)

    # -- showing ------------------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return self.snapshot is not None and (
            self.snapshot.meeting.status == MeetingStatus.FINALIZED
        )

    def set_meeting(self, snapshot: MeetingSnapshot) -> None:
        meeting = snapshot.meeting
        first = self.snapshot is None or self.snapshot.meeting.id != meeting.id
        self.snapshot = snapshot
        values: dict[str, str | datetime] = {
            "title": meeting.title,
            "location": meeting.location,
            "chair": meeting.chair,
            "starts_at": meeting.starts_at,
        }
        if first:
            self.saver.set_target(
                meeting.id,
                meeting.version,
                values,
                patient_id=None,
                meeting_id=meeting.id,
                label="meeting details",
            )
        else:
            self.saver.refresh(meeting.id, meeting.version, values)
        self._loading = True
        for field, editor in (
            ("title", self.title),
            ("location", self.location),
            ("chair", self.chair),
        ):
            if not self.saver.has_pending(field) and editor.text().strip() != values[field]:
                editor.setText(str(values[field]))
        if first or not (self.saver.has_pending("starts_at") or self.starts.problem):
            self.starts.set_moment(meeting.starts_at.astimezone())
        self._loading = False
        finalized = meeting.status == MeetingStatus.FINALIZED
        for editor in (self.title, self.location, self.chair, self.starts.line):
            set_read_only(editor, finalized)
        self.starts.button.setEnabled(not finalized)
        self.status.setText(f"  {meeting.status.label}  ")
        self.status.setStyleSheet(f"QLabel {{ {STATUS_STYLE[meeting.status]} padding:3px; }}")
        self.start_button.setVisible(meeting.status == MeetingStatus.PLANNED)
        self.finalize_button.setVisible(not finalized)
        self.addendum_button.setVisible(finalized)
        self.present_button.setEnabled(bool(snapshot.agenda))
        if finalized:
            self.saver.discard()
            when = fmt_datetime(meeting.finalized_at) if meeting.finalized_at else "earlier"
            self.banner.show_text(
                f"Finalized {when}. This record is read-only; a correction is added as an "
                "addendum with its author and time, shown beside the original."
            )
        else:
            self.banner.show_text("")

    def _start_changed(self, value: datetime) -> None:
        """A typed, stepped or picked start (local wall clock) is saved as an aware moment."""
        if not self._loading and not self.read_only:
            self.saver.stage("starts_at", value.astimezone())

    def _show_error(self, text: str) -> None:
        self.error.show_text(text)

    # -- state changes ------------------------------------------------------------------------

    def _set_status(self, status: MeetingStatus) -> bool:
        from netboard.db import operations as db_ops

        if self.snapshot is None:
            return False
        self.starts.commit()  # a start typed but not yet left is taken (or refused) first
        self.saver.flush()
        if status == MeetingStatus.FINALIZED:
            self.finalizing.emit()  # the clock and every staged edit are saved first
        meeting_id = self.snapshot.meeting.id
        try:
            db_ops.set_meeting_status(self.context.store, meeting_id, status)
        except STORE_ERRORS as exc:
            self.error.show_text(describe_error(exc))
            return False
        self.error.show_text("")
        self.context.bus.announce(Change("meeting", meeting_id, "update", meeting_id=meeting_id))
        return True

    def start_meeting(self) -> bool:
        """Planned -> in session."""
        ok = self._set_status(MeetingStatus.IN_SESSION)
        if ok:
            self.message.emit("Meeting in session")
        return ok

    def finalize(self) -> bool:
        """In session (or planned) -> finalized, without asking (tests and the dialog call this).

        The undo history is cleared: its steps edited a record that is now frozen, so Undo would
        only be refused."""
        ok = self._set_status(MeetingStatus.FINALIZED)
        if ok:
            self.context.undo_stack.clear()
            self.message.emit("Meeting finalized; the record is now read-only")
        return ok

    def confirm_finalize(self) -> None:
        """Ask before finalizing, naming cases still open."""
        if self.snapshot is None:
            return
        open_cases = undecided(self.snapshot)
        text = "Finalize this meeting? Its record becomes read-only; corrections are addenda."
        if open_cases:
            numbers = ", ".join(str(n) for n in open_cases)
            text += (
                f"\n\nCase(s) {numbers} have no recommendation or are still marked 'to discuss'; "
                "they are recorded as they are."
            )
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Finalize meeting",
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("finalizeConfirm")
        yes = box.button(QMessageBox.StandardButton.Yes)
        yes.setText("Finalize")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(lambda button: self.finalize() if button is yes else None)
        box.open()
