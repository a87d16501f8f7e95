"""Plugs the meetings part into the main window: navigator tab, workspace pages, actions, F5."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from netboard.ui.action_table import PRESENTATION_ACTIONS
from netboard.ui.actions import ActionId, ActionRegistry
from netboard.ui.context import AppContext
from netboard.ui.meetings.meeting_list import MeetingNavigator
from netboard.ui.meetings.patient_drag import PatientDragSource

if TYPE_CHECKING:
    from netboard.ui.main_window import MainWindow
    from netboard.ui.meetings.followup import FollowUpView
    from netboard.ui.meetings.workspace import MeetingWorkspace


class MeetingsController(QObject):
    """Owns the navigator, the meeting workspace and the follow-up page of one main window."""

    def __init__(self, window: MainWindow, context: AppContext) -> None:
        super().__init__(window)
        self.window = window
        self.context = context
        self.navigator = MeetingNavigator(context)
        self._workspace: MeetingWorkspace | None = None
        self._followup: FollowUpView | None = None
        window.set_meetings_navigator(self.navigator)
        self.patient_drag = PatientDragSource(
            window.patient_list.table, window.patient_list.model.patient_id
        )
        self.navigator.meeting_activated.connect(self.open_meeting)
        self.navigator.followup_requested.connect(self.show_followup)
        self._register_actions()
        context.bus.changed.connect(self._on_change)
        self._update_actions()

    # -- pages, made on first use (start-up builds neither) --------------------------------------

    @property
    def workspace(self) -> MeetingWorkspace:
        """The meeting workspace (built the first time a meeting is opened)."""
        if self._workspace is None:
            from netboard.ui.meetings.workspace import MeetingWorkspace

            window = self.window
            workspace = MeetingWorkspace(
                self.context, registry_of(window), current_patient=lambda: window.current_patient_id
            )
            window.add_workspace_page(workspace)
            workspace.watch_window(window)
            workspace.message.connect(self._status)
            workspace.presentation_closed.connect(self._presentation_closed)
            workspace.meeting_gone.connect(self._meeting_gone)
            self._workspace = workspace
        return self._workspace

    @property
    def built_workspace(self) -> MeetingWorkspace | None:
        """The meeting workspace if a meeting was opened (asking does not build it)."""
        return self._workspace

    @property
    def followup(self) -> FollowUpView:
        """The follow-up page (built the first time it is shown)."""
        if self._followup is None:
            from netboard.ui.meetings.followup import FollowUpView

            view = FollowUpView(self.context)
            self.window.add_workspace_page(view)
            view.meeting_requested.connect(self.open_meeting)
            view.case_requested.connect(self.window.open_case)
            self._followup = view
        return self._followup

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 5000)

    def _meeting_gone(self, _meeting_id: str) -> None:
        if self.window.workspace.currentWidget() is self._workspace:
            self.window.show_workspace_page(self.window.welcome)
        self._update_actions()

    def _presentation_closed(self, _discussion_id: str) -> None:
        self._show(self.workspace)

    # -- navigation ---------------------------------------------------------------------------

    def _show(self, page: QWidget) -> None:
        self.window.show_workspace_page(page)
        self._update_actions()

    def open_meeting(self, meeting_id: str, discussion_id: str | None = None) -> None:
        self.workspace.open_meeting(meeting_id, discussion_id or None)
        self.navigator.select(meeting_id)
        self._show(self.workspace)

    def show_followup(self) -> None:
        self.followup.reload()
        self._show(self.followup)

    def new_meeting(self) -> None:
        self.window.navigator.setCurrentWidget(self.navigator)
        self.navigator.create_meeting()

    def open_next_meeting(self) -> None:
        from netboard.db import queries

        found = queries.next_meeting(self.context.store, self.context.now())
        if found is None:
            self.window.statusBar().showMessage(
                "No upcoming meeting. Plan one with Meeting → New meeting.", 6000
            )
            return
        self.open_meeting(found.id)
        # from the keyboard (Ctrl+Shift+M): the keys work on the meeting now, not the list left
        ws = self.workspace
        (ws.agenda.view if ws.tabs.currentIndex() == 0 else ws.discussion.chooser).setFocus()

    def present(self) -> None:
        """F5: present the meeting that is open, or else the next meeting."""
        if (
            self.workspace.snapshot is None
            or self.window.workspace.currentWidget() is not self.workspace
        ):
            if self.workspace.snapshot is None:
                self.open_next_meeting()
            else:
                self._show(self.workspace)
        if self.workspace.snapshot is not None:
            self.workspace.present()

    def add_to_agenda(self) -> None:
        if self.workspace.snapshot is None:
            self.open_next_meeting()
        if self.workspace.snapshot is None:
            return
        patient_id = self.window.current_patient_id
        if patient_id is not None and self.window.workspace.currentWidget() is not self.workspace:
            self.workspace.agenda.add_patients([patient_id])
            return
        self._show(self.workspace)
        self.workspace.agenda.pick_patients()

    # -- actions ------------------------------------------------------------------------------

    def _register_actions(self) -> None:
        reg = registry_of(self.window)
        for action_id, slot in (
            (ActionId.NEW_MEETING, self.new_meeting),
            (ActionId.OPEN_NEXT_MEETING, self.open_next_meeting),
            (ActionId.ADD_TO_AGENDA, self.add_to_agenda),
            (ActionId.START_MEETING, lambda: self.workspace.editor.start_meeting()),
            (ActionId.FINALIZE_MEETING, lambda: self.workspace.editor.confirm_finalize()),
            (ActionId.ADD_ADDENDUM, lambda: self.workspace.add_addendum()),
            (ActionId.PRESENTATION_MODE, self.present),
        ):
            reg.register(action_id, slot)
        presentation = {
            ActionId.NEXT_CASE: lambda: self._in_presentation("step", 1),
            ActionId.PREVIOUS_CASE: lambda: self._in_presentation("step", -1),
            ActionId.TOGGLE_PRIVACY: lambda: self._in_presentation("toggle_privacy"),
            ActionId.TOGGLE_TIMER: lambda: self._in_presentation("toggle_timer"),
            ActionId.EXIT_PRESENTATION: lambda: self._in_presentation("close"),
        }
        for action_id in PRESENTATION_ACTIONS:
            action = reg.register(action_id, presentation[action_id])
            # These keys belong to the presentation window only: arrows and space must keep
            # working in the main window's tables and text fields.
            self.window.removeAction(action)
        self.followup_action = reg.register(ActionId.FOLLOW_UP, self.show_followup)

    def _in_presentation(self, method: str, *args: int) -> None:
        window = self._workspace.presentation if self._workspace is not None else None
        if window is not None:
            getattr(window, method)(*args)

    def _on_change(self, _change: object) -> None:
        self._update_actions()

    def _update_actions(self) -> None:
        reg = registry_of(self.window)
        snap = self._workspace.snapshot if self._workspace is not None else None
        status = snap.meeting.status if snap is not None else None
        from netboard.domain.vocab import MeetingStatus

        reg.action(ActionId.START_MEETING).setEnabled(status == MeetingStatus.PLANNED)
        reg.action(ActionId.FINALIZE_MEETING).setEnabled(
            status in (MeetingStatus.PLANNED, MeetingStatus.IN_SESSION)
        )
        reg.action(ActionId.ADD_ADDENDUM).setEnabled(status == MeetingStatus.FINALIZED)


def registry_of(window: MainWindow) -> ActionRegistry:
    """The window's action registry (``MainWindow.actions`` hides ``QWidget.actions``)."""
    registry = window.actions
    assert isinstance(registry, ActionRegistry)
    return registry
