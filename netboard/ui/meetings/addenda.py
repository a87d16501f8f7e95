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
from netboard.ui.change_bus import Change
from netboard.ui.context import AppContext
from netboard.ui.meetings.common import Note, describe_error
from netboard.ui.meetings.format import fmt_datetime


def add_addendum(
    context: AppContext, snapshot: MeetingSnapshot, text: str, discussion_id: str | None
) -> str:
    """Write an addendum (author: the store's user) and announce it; errors reach the caller."""
    from netboard.db import operations as db_ops

    meeting_id = snapshot.meeting.id
    addendum_id = db_ops.add_addendum(
        context.store, meeting_id, text.strip(), discussion_id=discussion_id
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
            new_id = add_addendum(self.context, self.snapshot, text, self.target.currentData())
        except Exception as exc:
            self.error.show_text(describe_error(exc))
            return
        self.added.emit(new_id)
        self.accept()


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
            parts.append(
                f"<p><b>{escape(fmt_datetime(add.created_at))} — {escape(add.author)}</b> "
                f"<span style='color:#5f6b76'>({escape(about)})</span><br>{escape(add.text)}</p>"
            )
        self.setHtml("".join(parts))
