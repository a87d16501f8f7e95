"""The Meetings tab of the navigator: upcoming and past meetings, a new meeting, follow-up."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netboard.domain.board.meetings import new_meeting_values
from netboard.domain.snapshot import Meeting
from netboard.domain.wording import fmt_datetime
from netboard.ui.change_bus import Change
from netboard.ui.context import AppContext
from netboard.ui.meetings.common import STORE_ERRORS, Note, describe_error

IdRole = Qt.ItemDataRole.UserRole


class _Tree(QTreeWidget):
    """Enter opens the current meeting, like a double click."""

    enter_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter_pressed.emit()
            return
        super().keyPressEvent(event)


class MeetingNavigator(QWidget):
    """Lists meetings (upcoming soonest first, past newest first); opens and creates them."""

    meeting_activated = Signal(str)
    followup_requested = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.new_button = QPushButton("New meeting")
        self.new_button.setObjectName("newMeetingButton")
        self.new_button.setToolTip("Plan a meeting: next weekday at 16:00, you as chair")
        self.followup_button = QPushButton("Follow-up")
        self.followup_button.setObjectName("followupButton")
        self.followup_button.setToolTip(
            "Open action items, overdue reviews and whether recommendations were followed"
        )
        self.tree = _Tree()
        self.tree.setObjectName("meetingTree")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["When", "Meeting", "Status"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.empty = QLabel("No meetings yet. Press “New meeting” to plan one.")
        self.empty.setWordWrap(True)
        self.error = Note(self, "error")

        self.new_button.clicked.connect(self.create_meeting)
        self.followup_button.clicked.connect(self.followup_requested)
        self.tree.itemDoubleClicked.connect(lambda item, _col: self._activate(item))
        self.tree.enter_pressed.connect(lambda: self._activate(self.tree.currentItem()))

        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.followup_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(buttons)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.error)
        context.bus.changed.connect(self._on_change)
        self._stale = True  # read when first shown or asked (the window's start does not wait)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        self._ensure()
        super().showEvent(event)

    def _ensure(self) -> None:
        if self._stale:
            self.reload()

    def reload(self) -> None:
        """Re-read the meeting list (keeps the current meeting selected)."""
        from netboard.db import queries

        self._stale = False
        current = self.current_meeting_id()
        now = self.context.now()
        upcoming = queries.list_meetings(self.context.store, upcoming=True, now=now)
        past = queries.list_meetings(self.context.store, upcoming=False, now=now)
        self.tree.clear()
        self._group("Upcoming", sorted(upcoming, key=lambda m: m.starts_at), current)
        self._group("Past", sorted(past, key=lambda m: m.starts_at, reverse=True), current)
        self.empty.setVisible(not upcoming and not past)

    def _group(self, title: str, meetings: list[Meeting], current: str | None) -> None:
        if not meetings:
            return
        top = QTreeWidgetItem(self.tree, [f"{title} ({len(meetings)})", "", ""])
        top.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = top.font(0)
        font.setBold(True)
        top.setFont(0, font)
        top.setFirstColumnSpanned(True)
        for meeting in meetings:
            when = fmt_datetime(meeting.starts_at, weekday=True)
            item = QTreeWidgetItem(self.tree, [when, meeting.title, meeting.status.label])
            item.setData(0, IdRole, meeting.id)
            item.setToolTip(1, meeting.location or "No location or video link set")
            if meeting.id == current:
                self.tree.setCurrentItem(item)

    def current_meeting_id(self) -> str | None:
        self._ensure()
        item = self.tree.currentItem()
        return item.data(0, IdRole) if item is not None else None

    def select(self, meeting_id: str) -> None:
        self._ensure()
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item is not None and item.data(0, IdRole) == meeting_id:
                self.tree.setCurrentItem(item)
                return

    def meeting_ids(self) -> list[str]:
        """Ids in the order listed (upcoming, then past)."""
        self._ensure()
        ids = []
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            found = item.data(0, IdRole) if item is not None else None
            if found:
                ids.append(found)
        return ids

    def create_meeting(self) -> str | None:
        """Create a meeting with the defaults and open it; returns its id."""
        values = new_meeting_values(datetime.now().astimezone(), self.context.store.user)
        try:
            meeting_id = self.context.operations.create("meeting", values, text="New meeting")
        except STORE_ERRORS as exc:
            self.error.show_text(describe_error(exc))
            return None
        self.error.show_text("")
        self.reload()
        self.select(meeting_id)
        self.meeting_activated.emit(meeting_id)
        return meeting_id

    def _activate(self, item: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        meeting_id = item.data(0, IdRole)
        if meeting_id:
            self.meeting_activated.emit(meeting_id)

    def _on_change(self, change: Change) -> None:
        if change.action == "reload" or change.kind == "meeting":
            self._stale = True
            if self.isVisible():
                self.reload()
