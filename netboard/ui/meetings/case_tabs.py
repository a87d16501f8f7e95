"""The case beside the discussion: overview and timeline, the revisit list, the board history."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QSplitter, QTabWidget, QWidget

from netboard.domain.snapshot import CaseDiscussion, CaseSnapshot
from netboard.ui.context import AppContext
from netboard.ui.meetings.revisit_panel import RevisitPanel

if TYPE_CHECKING:
    from netboard.ui.views.timeline_canvas import TimelineCanvas


class CaseTabs(QTabWidget):
    """Tabs 'Case' (overview card over the timeline), 'Revisit' and 'Board history'.

    The overview, history and timeline are redrawn only when what they show has changed, so
    saving the decision every few seconds does not redraw the chart. The timeline canvas (and
    with it matplotlib) is made when the first case is shown, not when the window starts.
    """

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        from netboard.ui.views.board_history import BoardHistoryView
        from netboard.ui.views.overview import OverviewCard

        super().__init__(parent)
        self.setObjectName("discussionLeftTabs")
        self.context = context
        self.overview = OverviewCard(context.catalog)
        self.timeline: TimelineCanvas | None = None
        self._timeline_slot = QWidget()
        self.revisit = RevisitPanel(context)
        self.history = BoardHistoryView(context.catalog)
        overview_scroll = QScrollArea()
        overview_scroll.setWidgetResizable(True)
        overview_scroll.setFrameShape(QFrame.Shape.NoFrame)
        overview_scroll.setWidget(self.overview)
        case_page = QSplitter(Qt.Orientation.Vertical)
        case_page.addWidget(overview_scroll)
        case_page.addWidget(self._timeline_slot)
        case_page.setSizes([400, 400])
        case_page.setChildrenCollapsible(False)
        self._case_page = case_page
        self.addTab(case_page, "Case")
        self.addTab(self.revisit, "Revisit")
        self.addTab(self.history, "Board history")
        self._record: tuple[Any, ...] = ()
        self._history: tuple[Any, ...] = ()
        self._discussions: tuple[Any, ...] = ()
        self._revisit: tuple[Any, ...] = ()

    def set_case(
        self, discussion: CaseDiscussion, case: CaseSnapshot, *, changed: bool, read_only: bool
    ) -> None:
        """Show ``case`` for ``discussion``; ``changed`` when another case than before."""
        from netboard.domain.timeline import build_timeline

        earlier = tuple(d for d in case.discussions if d.id != discussion.id)
        revisit = (discussion.id, discussion.meeting_date, discussion.options, earlier,
                   case.therapies, read_only)  # fmt: skip
        if changed or revisit != self._revisit:  # not rebuilt for the decision being typed
            self.revisit.set_discussion(discussion, case, read_only=read_only)
        self._revisit = revisit
        record = (case.patient, case.tumors, case.pathology, case.staging, case.imaging,
                  case.labs, case.performance, case.therapies)  # fmt: skip
        history = tuple((d.id, d.meeting_date, d.meeting_title) for d in case.discussions)
        today = self.context.today()
        if changed or record != self._record or history != self._history:
            self.overview.set_case(case, today)
            timeline = build_timeline(case, today, catalog=self.context.catalog)
            self._canvas().set_timeline(timeline, keep_view=not changed)
        if changed or case.discussions != self._discussions:
            self.history.set_case(case)
        self._record, self._history, self._discussions = record, history, case.discussions

    def _canvas(self) -> TimelineCanvas:
        """The timeline canvas, made in place of its placeholder on first use."""
        if self.timeline is None:
            from netboard.ui.views.timeline_canvas import TimelineCanvas

            self.timeline = TimelineCanvas()
            slot = self._case_page.indexOf(self._timeline_slot)
            self._case_page.replaceWidget(slot, self.timeline)
            self._timeline_slot.deleteLater()
        return self.timeline
