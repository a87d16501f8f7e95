"""Action items of one case discussion: what, who, by when, done."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netboard.domain.board.followup import status_text
from netboard.domain.board.meetings import default_due
from netboard.domain.date_text import DateTextError
from netboard.domain.snapshot import ActionItem, CaseDiscussion, Meeting
from netboard.ui.context import AppContext
from netboard.ui.date_edit import DateEdit
from netboard.ui.meetings.common import (
    STORE_ERRORS,
    MeetingPart,
    Note,
    clear_cell_widgets,
    describe_error,
    heading,
    row_table,
)

IdRole = Qt.ItemDataRole.UserRole
COL_DONE, COL_TEXT, COL_OWNER, COL_DUE = range(4)


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


class ActionsEditor(MeetingPart):
    """Table of action items plus an entry line; every change is an undoable operation."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.discussion: CaseDiscussion | None = None
        self.meeting: Meeting | None = None
        self._loading = False
        self._actions: dict[str, ActionItem] = {}

        self.table = row_table(["Done", "Action", "Owner", "Due"], COL_TEXT, editable=True)
        self.table.setObjectName("actionsTable")
        self.description = QLineEdit()
        self.description.setObjectName("actionDescription")
        self.description.setPlaceholderText("New action, e.g. 'Request SSTR PET'")
        self.owner = QLineEdit()
        self.owner.setObjectName("actionOwner")
        self.owner.setPlaceholderText("Owner")
        self.due = DateEdit(today=context.today)
        self.due.setObjectName("actionDue")
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("dd MMM yyyy")
        self.add_button = QPushButton("Add")
        self.add_button.setToolTip("Add this action (Enter in its text or owner)")
        self.add_button.setObjectName("addActionButton")
        self.remove_button = QPushButton("Remove")
        self.error = Note(self, "error")

        self.add_button.clicked.connect(self.add_from_form)
        self.description.returnPressed.connect(self.add_from_form)
        self.owner.returnPressed.connect(self.add_from_form)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.itemChanged.connect(self._item_changed)

        # the action and its Add button, then who and by when: in a laptop's narrow column the
        # owner's box keeps room for a name (beside the date and the button it kept a word)
        entry = QHBoxLayout()
        entry.addWidget(self.description, 1)
        entry.addWidget(self.add_button)
        who = QHBoxLayout()
        who.addWidget(self.owner, 1)
        who.addWidget(self.due)
        top = QHBoxLayout()
        top.addWidget(heading("Actions"))
        top.addStretch(1)
        top.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        # The entry line first: on a small screen the list shrinks, never the new action's fields.
        layout.addLayout(entry)
        layout.addLayout(who)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)

    def set_discussion(
        self,
        discussion: CaseDiscussion,
        meeting: Meeting,
        people: list[str],
        *,
        read_only: bool,
    ) -> None:
        new_case = self.discussion is None or self.discussion.id != discussion.id
        self.discussion, self.meeting, self.read_only = discussion, meeting, read_only
        self._actions = {a.id: a for a in discussion.actions}
        self._loading = True
        try:
            clear_cell_widgets(self.table)
            self.table.setRowCount(len(discussion.actions))
            for row, action in enumerate(discussion.actions):
                self._fill_row(row, action)
        finally:
            self._loading = False
        completer = QCompleter(sorted(set(people)), self.owner)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.owner.setCompleter(completer)
        if new_case:  # what was typed for the previous case's action stays with that case
            self.description.clear()
            self.owner.clear()
            self.due.setDate(_qdate(default_due(meeting, self.context.today())))
            self.error.show_text("")
        for widget in (self.description, self.owner, self.due, self.add_button, self.remove_button):
            widget.setEnabled(not read_only)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers
            if read_only
            else QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )

    def _fill_row(self, row: int, action: ActionItem) -> None:
        done = QTableWidgetItem()
        done.setData(IdRole, action.id)
        # Ticking done stays possible after finalization: it is follow-up, not the record.
        done.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                      | Qt.ItemFlag.ItemIsUserCheckable)
        status = status_text(action)
        done.setToolTip(
            f"{status[:1].upper()}{status[1:]}. "
            "Tick when the task is done (also after the meeting is finalized)"
        )
        done.setCheckState(Qt.CheckState.Checked if action.done else Qt.CheckState.Unchecked)
        self.table.setItem(row, COL_DONE, done)
        for col, text in ((COL_TEXT, action.description), (COL_OWNER, action.owner)):
            item = QTableWidgetItem(text)
            item.setData(IdRole, action.id)
            self.table.setItem(row, col, item)
        due = DateEdit(today=self.context.today)
        due.setCalendarPopup(True)
        due.setDisplayFormat("dd MMM yyyy")
        due.setMinimumDate(QDate(2000, 1, 1))
        due.setSpecialValueText("no date")
        if action.due_date is not None:
            due.setDate(_qdate(action.due_date))
        else:
            due.setDate(QDate(2000, 1, 1))
        due.setEnabled(not self.read_only)
        due.dateChanged.connect(lambda value, a=action.id: self._due_changed(a, value))
        self.table.setCellWidget(row, COL_DUE, due)

    # -- changing -----------------------------------------------------------------------------

    def _where(self) -> dict[str, str]:
        assert self.discussion is not None
        return {"patient_id": self.discussion.patient_id, "meeting_id": self.discussion.meeting_id}

    def add(self, description: str, owner: str, due: date | None) -> str | None:
        """Add an action item to the current discussion; returns its id."""
        if self.discussion is None or self.read_only:
            return None
        if not description.strip():
            self.error.show_text(
                "Describe the action first (e.g. 'Request SSTR PET'), then add it."
            )
            self.description.setFocus()
            return None
        try:
            new_id = self.context.operations.create(
                "action",
                {
                    "discussion_id": self.discussion.id,
                    "description": description.strip(),
                    "owner": owner.strip(),
                    "due_date": due,
                    "done": False,
                },
                text="Add action item",
                **self._where(),
            )
        except STORE_ERRORS as exc:
            self.error.show_text(describe_error(exc))
            return None
        self.error.show_text("")
        return new_id

    def add_from_form(self) -> None:
        try:
            due = self.due.value()
        except DateTextError as exc:  # a typed due date that is no date: say so, add nothing
            self.error.show_text(f"Due date: {exc}.")
            return
        if self.add(self.description.text(), self.owner.text(), due):
            self.description.clear()
            self.description.setFocus()

    def update_action(self, action_id: str, changes: dict[str, object]) -> bool:
        action = self._actions.get(action_id)
        if action is None or self.read_only:
            return False
        before = {k: getattr(action, k) for k in changes}
        try:
            self.context.operations.update(
                "action",
                action_id,
                changes,
                expected_version=action.version,
                text="Edit action item",
                before=before,
                **self._where(),
            )
        except STORE_ERRORS as exc:
            self.error.show_text(describe_error(exc))
            return False
        return True

    def set_done(self, action_id: str, done: bool) -> bool:
        """Tick an action done or open again (an audited status change; undoable)."""
        action = self._actions.get(action_id)
        if action is None:
            return False
        try:
            self.context.operations.set_action_done(
                action_id,
                done,
                expected_version=action.version,
                text="Mark action done" if done else "Mark action not done",
                **self._where(),
            )
        except STORE_ERRORS as exc:
            self.error.show_text(describe_error(exc))
            return False
        return True

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        action_id = item.data(IdRole)
        if item.column() == COL_DONE:
            self.set_done(action_id, item.checkState() == Qt.CheckState.Checked)
        elif item.column() == COL_TEXT:
            self.update_action(action_id, {"description": item.text().strip()})
        elif item.column() == COL_OWNER:
            self.update_action(action_id, {"owner": item.text().strip()})

    def _due_changed(self, action_id: str, value: QDate) -> None:
        if self._loading:
            return
        due = None if value == QDate(2000, 1, 1) else date(value.year(), value.month(), value.day())
        self.update_action(action_id, {"due_date": due})

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        for row in rows:
            cell = self.table.item(row, COL_DONE)
            action = self._actions.get(cell.data(IdRole)) if cell is not None else None
            if action is None:
                continue
            action_id = action.id
            try:
                self.context.operations.delete(
                    "action",
                    action_id,
                    expected_version=action.version,
                    text="Remove action item",
                    **self._where(),
                )
            except STORE_ERRORS as exc:
                self.error.show_text(describe_error(exc))
                return
