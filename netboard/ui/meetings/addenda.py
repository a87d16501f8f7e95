"""Addenda: corrections to a finalized meeting, with author and time, beside the original.

An addendum is append-only (no undo, no edit): it is how the record changes after finalization.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from netboard.domain.snapshot import MeetingSnapshot
from netboard.domain.wording import fmt_datetime
from netboard.ui.change_bus import Change
from netboard.ui.context import AppContext
from netboard.ui.meetings.common import STORE_ERRORS, Note, describe_error


def add_addendum(
    context: AppContext,
    snapshot: MeetingSnapshot,
    text: str,
    discussion_id: str | None,
    plan_option_id: str | None = None,
) -> str:
    """Write an addendum (author: the store's user) and announce it; errors reach the caller.
    ``plan_option_id``: the addendum corrects that case's plan to this catalog option."""
    from netboard.db import operations as db_ops

    meeting_id = snapshot.meeting.id
    addendum_id = db_ops.add_addendum(
        context.store,
        meeting_id,
        text.strip(),
        discussion_id=discussion_id,
        plan_option_id=plan_option_id,
    )
    patient_id = next(
        (i.discussion.patient_id for i in snapshot.agenda if i.discussion.id == discussion_id),
        None,
    )
    context.bus.announce(Change("addendum", addendum_id, "create", patient_id, meeting_id))
    return addendum_id


class AddendumDialog(QDialog):
    """Text of the correction and what it concerns (the whole meeting or one case)."""

    added = Signal(str)

    def __init__(
        self,
        context: AppContext,
        snapshot: MeetingSnapshot,
        discussion_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("addendumDialog")
        self.setWindowTitle("Add addendum")
        self.context = context
        self.snapshot = snapshot
        self.target = QComboBox()
        self.target.setObjectName("addendumTarget")
        self.target.addItem("The whole meeting", None)
        for number, item in enumerate(snapshot.agenda, start=1):
            self.target.addItem(f"Case {number}: {item.patient.display_name}", item.discussion.id)
        if discussion_id is not None:
            self.target.setCurrentIndex(max(0, self.target.findData(discussion_id)))
        self.plan = QComboBox()
        self.plan.setObjectName("addendumPlan")
        self.plan.addItem("No change to the recommended treatment", None)
        for option in context.catalog:
            self.plan.addItem(f"Now recommended: {option.name}", option.id)
        self.plan.setToolTip(
            "When the addendum corrects a case's plan: the treatment now recommended "
            "(the patient's plan handout follows it)"
        )
        self.target.currentIndexChanged.connect(self._plan_for_case_only)
        self._plan_for_case_only()
        self.text = QPlainTextEdit()
        self.text.setObjectName("addendumText")
        self.text.setPlaceholderText("The correction, in full (the original stays as it was)")
        self.error = Note(self, "error")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add addendum")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(f"Author: {context.store.user} · time: now (recorded by the program)")
        )
        layout.addWidget(QLabel("Concerns"))
        layout.addWidget(self.target)
        layout.addWidget(self.plan)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(620, 360)

    def save(self) -> None:
        text = self.text.toPlainText().strip()
        if not text:
            self.error.show_text("Write the correction first; an empty addendum is not recorded.")
            return
        try:
            new_id = add_addendum(
                self.context,
                self.snapshot,
                text,
                self.target.currentData(),
                self.plan.currentData() if self.plan.isEnabled() else None,
            )
        except STORE_ERRORS as exc:
            self.error.show_text(describe_error(exc))
            return
        self.added.emit(new_id)
        self.accept()

    def _plan_for_case_only(self) -> None:
        """A corrected plan concerns one case: the choice is open only when a case is chosen."""
        one_case = self.target.currentData() is not None
        self.plan.setEnabled(one_case)
        if not one_case:
            self.plan.setCurrentIndex(0)


class AddendaView(QTextBrowser):
    """All addenda of a meeting, oldest first, each naming its author, time and case."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addendaView")

    def set_meeting(self, snapshot: MeetingSnapshot) -> None:
        from html import escape

        names = {
            item.discussion.id: f"Case {n}: {item.patient.display_name}"
            for n, item in enumerate(snapshot.agenda, start=1)
        }
        if not snapshot.addenda:
            self.setHtml("<p><i>No addenda.</i></p>")
            return
        parts = []
        for add in snapshot.addenda:
            about = names.get(add.discussion_id or "", "Whole meeting")
            corrected = self._snapshot_plan(add.plan_option_id)
            parts.append(
                f"<p><b>{escape(fmt_datetime(add.created_at))} — {escape(add.author)}</b> "
                f"<span style='color:#5f6b76'>({escape(about)})</span>{corrected}"
                f"<br>{escape(add.text)}</p>"
            )
        self.setHtml("".join(parts))

    @staticmethod
    def _snapshot_plan(option_id: str | None) -> str:
        if not option_id:
            return ""
        from html import escape

        from netboard.domain.catalog import load_catalog

        option = load_catalog().find(option_id)
        name = option.name if option is not None else option_id
        return f"<br><b>Plan corrected: now recommended {escape(name)}</b>"
