"""The agenda: add patients (button or drag), reorder, remove, triage, presenter, question, timing.

Each row shows the considerations engine's readiness check so gaps (missing Ki-67, stale imaging,
no SSTR imaging, no question) are fixed before the meeting.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from netboard.db.errors import DbError
from netboard.domain.board.open_meeting import MeetingCases
from netboard.domain.board.readiness import ReadinessIssue, as_of, issues_of
from netboard.domain.snapshot import CaseDiscussion, MeetingSnapshot
from netboard.domain.vocab import CaseTiming, Triage
from netboard.ui.context import AppContext
from netboard.ui.meetings import agenda_model as am
from netboard.ui.meetings.agenda_delegate import ChoiceDelegate
from netboard.ui.meetings.commands import AddToAgendaCommand, MoveAgendaCommand
from netboard.ui.meetings.common import STORE_ERRORS, Note, describe_error, heading

Index = QModelIndex | QPersistentModelIndex


class AgendaPanel(QWidget):
    """The agenda table with its buttons; every change is an undoable operation."""

    case_activated = Signal(str)
    """A discussion id to open in the discussion panel."""
    message = Signal(str)

    def __init__(
        self,
        context: AppContext,
        cases: MeetingCases,
        current_patient: Callable[[], str | None] = lambda: None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.cases = cases
        self.current_patient = current_patient
        self.snapshot: MeetingSnapshot | None = None
        self.read_only = False

        self._build_table()
        self._build_buttons()
        self._connect()
        self._lay_out()

    def _build_table(self) -> None:
        """The agenda table: drag and drop, in-place editing, column widths and order."""
        self.model = am.AgendaModel(self)
        self.view = QTableView()
        self.view.setObjectName("agendaTable")
        self.view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
        self.view.setModel(self.model)
        self.view.setItemDelegate(ChoiceDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        widths = {
            am.COL_NUMBER: 34,
            am.COL_PATIENT: 180,
            am.COL_DIAG: 150,
            am.COL_TRIAGE: 130,
            am.COL_TIMING: 100,
            am.COL_PRESENTER: 120,
            am.COL_READY: 300,
            am.COL_STATUS: 120,
        }
        for col, width in widths.items():
            self.view.setColumnWidth(col, width)
        header.setSectionResizeMode(am.COL_QUESTION, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(36)
        # What the chair scans first sits next to the name, visible on a laptop's width too.
        header.moveSection(header.visualIndex(am.COL_READY), 2)
        header.moveSection(header.visualIndex(am.COL_STATUS), 3)

    def _build_buttons(self) -> None:
        self.add_button = QPushButton("Add patients…")
        self.add_button.setObjectName("agendaAddButton")
        self.add_button.setToolTip("Search patients and add them at the end (Ctrl+Shift+A)")
        self.add_open_button = QPushButton("Add open case")
        self.add_open_button.setToolTip("Add the patient open in the case workspace")
        self.up_button = QPushButton("Move up")
        self.up_button.setToolTip("Ctrl+Up")
        self.down_button = QPushButton("Move down")
        self.down_button.setToolTip("Ctrl+Down")
        self.remove_button = QPushButton("Remove")
        self.remove_button.setToolTip("Take the selected case off the agenda (Delete)")
        # what changes the agenda (the left of the button row): off on a finalized meeting
        self.edit_buttons = (
            self.add_button, self.add_open_button, self.up_button, self.down_button,
            self.remove_button,
        )  # fmt: skip
        self.open_button = QPushButton("Discuss")
        self.open_button.setToolTip("Open the selected case in the discussion panel (Enter)")
        self.summary = QLabel()
        self.summary.setObjectName("agendaSummary")
        self.hint = QLabel(
            "Double-click a cell to set triage, timing, presenter or question. Drag rows to "
            "reorder; drag patients here from the patient list."
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color:#5f6b76;")
        self.error = Note(self, "error")

    def _connect(self) -> None:
        self.add_button.clicked.connect(self.pick_patients)
        self.add_open_button.clicked.connect(self.add_open_case)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.remove_button.clicked.connect(self.remove_selected)
        self.open_button.clicked.connect(self._open_selected)
        self.view.doubleClicked.connect(self._double_clicked)
        self.model.edit_requested.connect(self.edit, Qt.ConnectionType.QueuedConnection)
        self.model.move_requested.connect(self.move_to, Qt.ConnectionType.QueuedConnection)
        self.model.add_requested.connect(self.add_patients, Qt.ConnectionType.QueuedConnection)
        for keys, slot in (
            ("Ctrl+Up", lambda: self.move_selected(-1)),
            ("Ctrl+Down", lambda: self.move_selected(1)),
            (QKeySequence.StandardKey.Delete, self.remove_selected),
            ("Return", self._open_selected),
        ):
            shortcut = QShortcut(QKeySequence(keys), self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        for button in self.edit_buttons:
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(heading("Agenda"))
        top.addWidget(self.summary, 1)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)

    # -- showing ------------------------------------------------------------------------------

    def set_meeting(self, snapshot: MeetingSnapshot, *, read_only: bool) -> None:
        self.snapshot = snapshot
        self.read_only = read_only
        today = as_of(snapshot.meeting)  # ages as they will be when the board meets
        rows = []
        for item in snapshot.agenda:
            rows.append(am.AgendaRow(item, self._readiness(item.discussion, today)))
        self.model.set_agenda(rows, read_only=read_only)
        for button in self.edit_buttons:
            button.setEnabled(not read_only)
        self.view.setDragEnabled(not read_only)
        self.view.setAcceptDrops(not read_only)
        self.hint.setVisible(not read_only)
        self._update_summary(rows)

    def _readiness(self, disc: CaseDiscussion, today: date) -> tuple[ReadinessIssue, ...] | None:
        """The readiness gaps of one case (the assessment is computed once per record, day and
        question: see ``MeetingCases.assessment``)."""
        try:
            assessment = self.cases.assessment(disc.patient_id, today, disc.question)
        except DbError:  # a case that cannot be read shows "not checked"
            return None
        return issues_of(assessment, disc.question)

    def _update_summary(self, rows: list[am.AgendaRow]) -> None:
        if not rows:
            self.summary.setText("No cases yet — add patients to prepare the meeting.")
            return
        full = sum(1 for r in rows if r.item.discussion.triage == Triage.FULL_DISCUSSION)
        gaps = sum(1 for r in rows if r.issues)
        prospective = sum(1 for r in rows if r.item.discussion.timing == CaseTiming.PROSPECTIVE)
        self.summary.setText(
            f"{len(rows)} case(s) · {full} full discussion · {len(rows) - full} standard-of-care "
            f"confirmation · {prospective} prospective · {gaps} with readiness gaps"
        )

    def selected_discussion_id(self) -> str | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.item_at(index.row()).discussion.id

    def select(self, discussion_id: str) -> None:
        row = self.model.row_of(discussion_id)
        if row >= 0:
            self.view.selectRow(row)

    # -- changing -----------------------------------------------------------------------------

    def _meeting_id(self) -> str:
        assert self.snapshot is not None
        return self.snapshot.meeting.id

    def pick_patients(self) -> None:
        from netboard.ui.meetings.patient_picker import PatientPicker

        if self.snapshot is None or self.read_only:
            return
        on_agenda = {i.discussion.patient_id for i in self.snapshot.agenda}
        picker = PatientPicker(self.context, on_agenda, self)
        picker.accepted.connect(lambda: self.add_patients(picker.chosen(), -1))
        picker.open()

    def add_open_case(self) -> None:
        patient_id = self.current_patient()
        if patient_id is None:
            self.error.show_text("No case is open. Open a patient from the Patients tab first.")
            return
        self.add_patients([patient_id], -1)

    def add_patients(self, patient_ids: list[str], index: int = -1) -> list[str]:
        """Append patients (those already on the agenda are skipped); returns new discussion ids."""
        if self.snapshot is None or self.read_only:
            return []
        on_agenda = {i.discussion.patient_id for i in self.snapshot.agenda}
        wanted = [p for p in dict.fromkeys(patient_ids) if p not in on_agenda]
        skipped = len(patient_ids) - len(wanted)
        meeting_id = self._meeting_id()
        added: list[str] = []
        try:
            with self.context.operations.macro(f"Add {len(wanted)} case(s) to the agenda"):
                for offset, patient_id in enumerate(wanted):
                    command = AddToAgendaCommand(
                        meeting_id, patient_id, {}, text="Add case to the agenda"
                    )
                    self.context.operations.run(command)
                    assert command.discussion_id is not None
                    added.append(command.discussion_id)
                    if index >= 0:
                        count = len(self.snapshot.agenda) + offset
                        self._run_move(command.discussion_id, patient_id, count, index + offset)
        except STORE_ERRORS as exc:
            self.error.show_text(describe_error(exc))
            return added
        self.error.show_text("")
        note = f"Added {len(added)} case(s) to the agenda"
        if skipped:
            note += f"; {skipped} already on it"
        self.message.emit(note)
        return added

    def _run_move(self, discussion_id: str, patient_id: str, old: int, new: int) -> None:
        self.context.operations.run(
            MoveAgendaCommand(
                discussion_id,
                old,
                new,
                patient_id=patient_id,
                meeting_id=self._meeting_id(),
                text="Reorder the agenda",
            )
        )

    def move_to(self, discussion_id: str, new_index: int) -> bool:
        """Move an agenda item to ``new_index`` (0-based agenda order)."""
        if self.snapshot is None or self.read_only:
            return False
        ids = [i.discussion.id for i in self.snapshot.agenda]
        if discussion_id not in ids:
            return False
        old_index = ids.index(discussion_id)
        new_index = max(0, min(len(ids) - 1, new_index))
        if new_index == old_index:
            return False
        patient_id = self.snapshot.agenda[old_index].discussion.patient_id
        try:
            self._run_move(discussion_id, patient_id, old_index, new_index)
        except STORE_ERRORS as exc:
            self.error.show_text(describe_error(exc))
            return False
        self.select(discussion_id)
        return True

    def move_selected(self, delta: int) -> None:
        disc_id = self.selected_discussion_id()
        if disc_id is None or self.snapshot is None:
            return
        row = self.model.row_of(disc_id)
        if self.move_to(disc_id, row + delta):
            self.select(disc_id)

    def remove_selected(self) -> None:
        disc_id = self.selected_discussion_id()
        if disc_id is None or self.snapshot is None or self.read_only:
            return
        item = self.model.item_at(self.model.row_of(disc_id))
        disc = item.discussion
        recorded = bool(disc.options or disc.decision or disc.actions)
        if recorded:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                "Remove case",
                f"{item.patient.display_name} already has options or a decision recorded at "
                "this meeting. Removing the case removes them too (Undo brings them back).",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                self,
            )
            box.setObjectName("removeCaseConfirm")
            yes = box.button(QMessageBox.StandardButton.Yes)
            yes.setText("Remove")
            box.buttonClicked.connect(
                lambda button: self.remove(disc_id) if button is yes else None
            )
            box.open()
            return
        self.remove(disc_id)

    def remove(self, discussion_id: str) -> bool:
        """Take a case off the agenda (undoable)."""
        if self.snapshot is None or self.read_only:
            return False
        row = self.model.row_of(discussion_id)
        if row < 0:
            return False
        item = self.model.item_at(row)
        try:
            self.context.operations.delete(
                "discussion",
                discussion_id,
                expected_version=item.discussion.version,
                text=f"Remove {item.patient.display_name} from the agenda",
                patient_id=item.discussion.patient_id,
                meeting_id=self._meeting_id(),
            )
        except STORE_ERRORS as exc:
            self.error.show_text(describe_error(exc))
            return False
        self.message.emit(f"Removed {item.patient.display_name} from the agenda")
        return True

    def edit(self, discussion_id: str, field: str, value: object) -> bool:
        """Change one agenda field of a case (triage, timing, presenter, question)."""
        if self.snapshot is None or self.read_only:
            return False
        row = self.model.row_of(discussion_id)
        if row < 0:
            return False
        disc = self.model.item_at(row).discussion
        try:
            self.context.operations.update(
                "discussion",
                discussion_id,
                {field: value},
                expected_version=disc.version,
                text=f"Change {field.replace('_', ' ')}",
                patient_id=disc.patient_id,
                meeting_id=self._meeting_id(),
                before={field: getattr(disc, field)},
            )
        except STORE_ERRORS as exc:
            self.error.show_text(describe_error(exc))
            return False
        self.error.show_text("")
        return True

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.column() in am.EDITABLE and not self.read_only:
            return  # the cell editor opens
        self._open_selected()

    def _open_selected(self) -> None:
        disc_id = self.selected_discussion_id()
        if disc_id is not None:
            self.case_activated.emit(disc_id)
