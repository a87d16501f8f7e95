"""The meeting workspace: header, agenda with attendance, the live discussion, and addenda.

It owns the meeting snapshot: on every announced change that touches the meeting it rereads it
once and hands it to its parts. It also opens presentation mode (F5) and takes the board back
to the same case when presentation mode ends.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from netboard.domain.board.open_meeting import MeetingCases, OpenMeeting
from netboard.domain.snapshot import CaseDiscussion, CaseSnapshot, MeetingSnapshot
from netboard.domain.vocab import MeetingStatus
from netboard.ui.actions import ActionRegistry
from netboard.ui.change_bus import Change
from netboard.ui.context import AppContext
from netboard.ui.meetings.addenda import AddendaView, AddendumDialog
from netboard.ui.meetings.agenda_panel import AgendaPanel
from netboard.ui.meetings.attendance import AttendancePanel
from netboard.ui.meetings.case_timer import CaseTimer
from netboard.ui.meetings.discussion_panel import DiscussionPanel
from netboard.ui.meetings.meeting_editor import MeetingEditor

if TYPE_CHECKING:
    from netboard.ui.meetings.presentation import PresentationWindow

TAB_AGENDA, TAB_DISCUSSION, TAB_ADDENDA = range(3)


def _as_listed(disc: CaseDiscussion) -> CaseDiscussion:
    """What the agenda shows of a discussion (not its decision, options, actions)."""
    return replace(disc, decision=None, options=(), actions=(), addenda=())


def meeting_cases(context: AppContext) -> MeetingCases:
    """The agenda's cases, read through ``queries.get_case`` and assessed with the catalog."""

    def read(patient_id: str) -> CaseSnapshot:
        from netboard.db import queries

        return queries.get_case(context.store, patient_id)

    def assess(case: CaseSnapshot, today: date, question: str) -> Any:
        from netboard.domain.considerations import considerations

        return considerations(case, today, context.catalog, question=question)

    return MeetingCases(read, assess)


class MeetingWorkspace(QWidget):
    """One meeting, start to finish."""

    message = Signal(str)
    meeting_gone = Signal(str)
    """The meeting shown was deleted (e.g. its creation undone); carries its id."""
    presentation_opened = Signal(object)
    presentation_closed = Signal(str)

    def __init__(
        self,
        context: AppContext,
        registry: ActionRegistry | None = None,
        current_patient: Callable[[], str | None] = lambda: None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("meetingWorkspace")
        self.context = context
        self.registry = registry
        self.snapshot: MeetingSnapshot | None = None
        self.cases = meeting_cases(context)
        self.timer = CaseTimer(context, self)
        self.presentation: PresentationWindow | None = None
        self._watched: list[QWidget] = []
        self._parts: dict[str, tuple[object, ...]] = {}

        self.editor = MeetingEditor(context)
        self.agenda = AgendaPanel(context, self.cases, current_patient)
        self.attendance = AttendancePanel(context)
        self.discussion = DiscussionPanel(context, self.cases)
        self.addenda = AddendaView()
        prep = QSplitter(Qt.Orientation.Vertical)
        prep.setObjectName("agendaSplitter")
        prep.addWidget(self.agenda)
        prep.addWidget(self.attendance)
        prep.setStretchFactor(0, 3)
        prep.setStretchFactor(1, 2)
        prep.setSizes([520, 300])
        prep.setChildrenCollapsible(False)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("meetingTabs")
        self.tabs.addTab(prep, "&Agenda && attendance")
        self.tabs.addTab(self.discussion, "&Discussion")
        self.tabs.addTab(self.addenda, "Add&enda")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(self.editor)
        layout.addWidget(self.tabs, 1)

        self.agenda.case_activated.connect(self.open_discussion)
        self.editor.present_requested.connect(self.present)
        self.editor.addendum_requested.connect(self.add_addendum)
        self.editor.finalizing.connect(self._before_finalize)
        self.discussion.current_changed.connect(self._discussion_shown)
        self.timer.tick.connect(self._tick)
        self.timer.failed.connect(self.message)
        for part in (self.agenda, self.attendance, self.discussion, self.editor):
            part.message.connect(self.message)
        context.bus.changed.connect(self._on_change)

    # -- opening ------------------------------------------------------------------------------

    @property
    def meeting_id(self) -> str | None:
        return self.snapshot.meeting.id if self.snapshot else None

    @property
    def read_only(self) -> bool:
        return self.snapshot is not None and self.snapshot.meeting.status == MeetingStatus.FINALIZED

    def open_meeting(self, meeting_id: str, discussion_id: str | None = None) -> None:
        """Show ``meeting_id`` (on the Discussion tab at ``discussion_id`` when given)."""
        from netboard.db import queries

        if meeting_id != self.meeting_id:
            self.flush()
            self.timer.stop()
            self.cases.clear()
            self.snapshot = None
        self.reload(queries.get_meeting(self.context.store, meeting_id), discussion_id)
        if discussion_id is not None:
            self.tabs.setCurrentIndex(TAB_DISCUSSION)
        elif not self.snapshot or not self.snapshot.agenda:
            self.tabs.setCurrentIndex(TAB_AGENDA)

    def _before_finalize(self) -> None:
        self.discussion.flush()
        self.timer.stop()  # its time is written while the record can still take it

    def reload(self, snapshot: MeetingSnapshot, discussion_id: str | None = None) -> None:
        """Show ``snapshot``; each part is set again only when what it shows changed (a
        decision typed live leaves the header, agenda, attendance and addenda as they are)."""
        self.snapshot = snapshot
        self.cases.set_meeting(snapshot.meeting)
        read_only = self.read_only
        if read_only and self.timer.running:
            self.timer.stop()  # e.g. finalized from another window: no clock on a closed record
        names = tuple(i.patient.display_name for i in snapshot.agenda)
        agenda = tuple((i.patient, i.primary_site, i.grade, _as_listed(i.discussion))
                       for i in snapshot.agenda)  # fmt: skip
        # A part redraws only when what it shows changed; either way it keeps the newest
        # snapshot (what its buttons act on, e.g. Finalize counting undecided cases).
        if self._part_changed("editor", snapshot.meeting, bool(snapshot.agenda)):
            self.editor.set_meeting(snapshot)
        if self._part_changed("agenda", agenda, read_only, self.cases.generation):
            self.agenda.set_meeting(snapshot, read_only=read_only)
        if self._part_changed("attendance", snapshot.meeting, snapshot.attendance, read_only):
            self.attendance.set_meeting(snapshot, read_only=read_only)
        self.editor.snapshot = self.agenda.snapshot = self.attendance.snapshot = snapshot
        self.discussion.set_meeting(snapshot, discussion_id)
        if self._part_changed("addenda", snapshot.addenda, names):
            self.addenda.set_meeting(snapshot)
            self.tabs.setTabText(TAB_ADDENDA, f"Add&enda ({len(snapshot.addenda)})")
        if self.presentation is not None:
            self.presentation.set_snapshot(snapshot)

    def _part_changed(self, part: str, *shown: object) -> bool:
        key = (self.snapshot.meeting.id if self.snapshot else None, *shown)
        if self._parts.get(part) == key:
            return False
        self._parts[part] = key
        return True

    def open_discussion(self, discussion_id: str) -> None:
        if self.snapshot is None:
            return
        self.discussion.show_discussion(discussion_id)
        self.tabs.setCurrentIndex(TAB_DISCUSSION)

    # -- changes ------------------------------------------------------------------------------

    def _on_change(self, change: Change) -> None:
        if change.action == "reload":
            self.cases.clear()
        else:
            self.cases.changed(change.changes, change.patient_id, change.touches_patient)
        if self.snapshot is None:
            return
        touches = change.touches_meeting(self.meeting_id) or any(
            change.touches_patient(i.discussion.patient_id) for i in self.snapshot.agenda
        )
        if not touches:
            return
        known = change.changes
        if known is not None and not known.empty:
            state = OpenMeeting(self.snapshot)
            if state.apply(known):  # field updates written in place: nothing read again
                self.reload(state.snapshot)
                return
        from netboard.db import queries
        from netboard.db.errors import NotFoundError

        try:
            snapshot = queries.get_meeting(self.context.store, self.snapshot.meeting.id)
        except NotFoundError:
            gone = self.snapshot.meeting.id
            self.editor.saver.discard()
            self.timer.stop()
            self.close_presentation()
            self.snapshot = None
            self.cases.clear()
            self.message.emit("The meeting that was open no longer exists (deleted or undone).")
            self.meeting_gone.emit(gone)
            return
        self.reload(snapshot)

    def _discussion_shown(self, discussion_id: str) -> None:
        if self.snapshot is None or self.presentation is not None:
            return
        if self.snapshot.meeting.status != MeetingStatus.IN_SESSION:
            return
        item = next(i for i in self.snapshot.agenda if i.discussion.id == discussion_id)
        disc = item.discussion
        self.timer.start(disc.id, disc.patient_id, disc.meeting_id, disc.time_spent_s)

    def _tick(self, discussion_id: str, seconds: int) -> None:
        if discussion_id == self.discussion.discussion_id:
            self.discussion.show_time(seconds)

    # -- presentation -------------------------------------------------------------------------

    def present(self, *, show: bool = True, private: bool = True) -> PresentationWindow | None:
        """Open presentation mode at the current case; returns the window."""
        from netboard.ui.meetings.presentation import PresentationWindow

        if self.snapshot is None or not self.snapshot.agenda:
            self.message.emit("Add cases to the agenda before presenting.")
            return None
        if self.presentation is not None:
            self.presentation.raise_()
            return self.presentation
        self.flush()
        window = PresentationWindow(
            self.context,
            self.snapshot,
            self.cases,
            start_discussion_id=self.discussion.discussion_id,
            timer=self.timer if not self.read_only else None,
            registry=self.registry,
            private=private,
        )
        window.closed_at.connect(self._presentation_closed)
        window.case_changed.connect(self._presented_case)
        self.presentation = window
        self.presentation_opened.emit(window)
        if show:
            window.present(self.window())
        return window

    def _presented_case(self, discussion_id: str) -> None:
        if self.snapshot is not None and discussion_id != self.discussion.discussion_id:
            self.discussion.show_discussion(discussion_id)

    def _presentation_closed(self, discussion_id: str) -> None:
        window = self.presentation
        self.presentation = None
        if window is not None:
            window.deleteLater()
        if discussion_id and self.snapshot is not None:
            self.open_discussion(discussion_id)
        self.window().activateWindow()
        self.presentation_closed.emit(discussion_id)

    def close_presentation(self) -> None:
        if self.presentation is not None:
            self.presentation.close()

    # -- addenda ------------------------------------------------------------------------------

    def add_addendum(self) -> AddendumDialog | None:
        if self.snapshot is None:
            return None
        dialog = AddendumDialog(self.context, self.snapshot, self.discussion.discussion_id, self)
        dialog.added.connect(lambda _id: self.message.emit("Addendum recorded"))
        dialog.open()
        return dialog

    # -- saving before anything is lost -------------------------------------------------------

    def flush(self) -> bool:
        """Save every staged edit now (meeting details, discussion, decision, rationales)."""
        ok = self.editor.saver.flush()
        return self.discussion.flush() and ok

    def watch_window(self, window: QWidget) -> None:
        """Flush when ``window`` closes or hides (the program is being closed)."""
        if window not in self._watched:
            window.installEventFilter(self)
            self._watched.append(window)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.Close, QEvent.Type.Hide) and watched in self._watched:
            self.flush()
            self.timer.stop()
            if event.type() == QEvent.Type.Close:
                self.close_presentation()  # the slides do not outlive the chair's window
        return False
