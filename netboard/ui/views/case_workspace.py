"""The case workspace: overview card and considerations on the left; the timeline (over the
therapy table), the record tables and the board history in tabs on the right.

It reads the case once per change that touches this patient (``Change.touches_patient``) and
updates its parts from that one snapshot; other patients' changes leave it alone.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from netboard.db import queries
from netboard.db.errors import NotFoundError
from netboard.domain import record_columns as cols
from netboard.domain.grading import grade_drift
from netboard.domain.snapshot import CaseSnapshot
from netboard.domain.timeline import Span, Timeline, build_timeline
from netboard.domain.wording import age_on, fmt_date
from netboard.ui.actions import ActionRegistry
from netboard.ui.change_bus import Change
from netboard.ui.models.records import RecordTableModel
from netboard.ui.models.timeline_table import ID_ROLE as TIMELINE_ID_ROLE
from netboard.ui.models.timeline_table import TimelineTableModel
from netboard.ui.views.board_history import BoardHistoryView
from netboard.ui.views.case_actions import RECORD_KINDS, PhaseClock, register_case_actions
from netboard.ui.views.considerations import ConsiderationsView
from netboard.ui.views.overview import OverviewCard
from netboard.ui.views.record_table import RecordTable
from netboard.ui.views.timeline_canvas import TimelineCanvas

if TYPE_CHECKING:
    from netboard.ui.context import AppContext


class CaseWorkspace(QWidget):
    """Everything about one patient: read from one CaseSnapshot, edited through forms."""

    closed = Signal()
    patient_edit_requested = Signal(str)
    case_loaded = Signal(str)
    """The case was (re)read and every part shows it (tests wait for this)."""

    def __init__(self, context: AppContext, actions: ActionRegistry) -> None:
        super().__init__()
        self.setObjectName("caseWorkspace")
        self.context = context
        self.catalog = context.catalog
        self.case: CaseSnapshot | None = None
        self.assessment: Any = None
        self.timeline: Timeline | None = None
        self.last_load_ms = 0.0
        self.last_load_breakdown: dict[str, float] = {}
        self._fitted: dict[str, bool] = {}
        self.facts = cols.CaseFacts(today=context.today())

        self._build_header()
        self._build_overview()
        self._build_tables()
        self._build_timeline()
        self._build_tabs()
        self._lay_out()
        self._register_actions(actions)
        self._stale = False
        context.bus.changed.connect(self._on_change)
        self.restore_layout(context.settings)

    # -- building -----------------------------------------------------------------------------

    def _build_header(self) -> None:
        """Name, record line, Edit patient, Add record, Close case."""
        self.heading = QLabel()
        self.heading.setObjectName("caseHeading")
        self.subheading = QLabel()
        self.subheading.setObjectName("caseSubheading")
        self.subheading.setWordWrap(True)
        edit_button = QPushButton("Edit patient\u2026")
        edit_button.clicked.connect(lambda: self._emit_edit_patient())
        self.add_button = QToolButton()
        self.add_button.setObjectName("addRecordButton")
        self.add_button.setText("Add record")
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.add_menu = QMenu(self.add_button)
        self.add_button.setMenu(self.add_menu)
        close_button = QPushButton("Close case")
        close_button.setToolTip("Close this case (Ctrl+W)")
        close_button.clicked.connect(self.closed)
        header = self._header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.subheading)
        header.addLayout(titles, 1)
        header.addWidget(edit_button)
        header.addWidget(self.add_button)
        header.addWidget(close_button)

    def _build_overview(self) -> None:
        """Left column: the overview card over the considerations."""
        self.overview = OverviewCard(self.catalog)
        self.considerations = ConsiderationsView()
        considerations_title = QLabel("Considerations for this case")
        considerations_title.setProperty("role", "sectionTitle")
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 4, 0, 0)
        lower_layout.addWidget(considerations_title)
        lower_layout.addWidget(self.considerations, 1)
        overview_scroll = QScrollArea()
        overview_scroll.setWidgetResizable(True)
        overview_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        overview_scroll.setWidget(self.overview)
        left = QSplitter(Qt.Orientation.Vertical)
        left.setObjectName("overviewSplit")
        left.addWidget(overview_scroll)
        left.addWidget(lower)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)
        self.left_split = left

    def _build_tables(self) -> None:
        """One record table per kind."""
        specs = {
            "therapy": cols.therapy_columns(self.catalog, self.facts),
            "pathology": cols.pathology_columns(self.facts),
            "staging": cols.staging_columns(),
            "imaging": cols.imaging_columns(),
            "lab": cols.lab_columns(),
            "performance": cols.ecog_columns(),
            "tumor": cols.tumor_columns(),
        }
        self.models: dict[str, RecordTableModel] = {}
        self.tables: dict[str, RecordTable] = {}
        for kind, _title in RECORD_KINDS:
            model = RecordTableModel(specs[kind], self)
            table = RecordTable(model, f"{kind}Table")
            table.edit_requested.connect(lambda rid, k=kind: self.edit_record(k, rid))
            table.delete_requested.connect(lambda rid, k=kind: self.delete_record(k, rid))
            self.models[kind] = model
            self.tables[kind] = table
        self.tables["therapy"].record_selected.connect(self._therapy_selected)
        show_decision = QMenu(self).addAction("Show the board decision")
        show_decision.triggered.connect(self._show_decision_of_selected)
        self.tables["therapy"].extra_menu_actions.append(show_decision)

    def _build_timeline(self) -> None:
        """The timeline over the therapy table, and the timeline as a table."""
        self.timeline_canvas = TimelineCanvas()
        self.timeline_canvas.item_clicked.connect(self._timeline_clicked)
        self.timeline_split = QSplitter(Qt.Orientation.Vertical)
        self.timeline_split.setObjectName("timelineSplit")
        self.timeline_split.addWidget(self.timeline_canvas)
        self.timeline_split.addWidget(self.tables["therapy"])
        self.timeline_split.setStretchFactor(0, 3)
        self.timeline_split.setStretchFactor(1, 1)
        self.timeline_split.setSizes([560, 190])

        self.timeline_model = TimelineTableModel(self)
        self.timeline_table = QTableView()
        self.timeline_table.setObjectName("timelineTable")
        self.timeline_table.setTabKeyNavigation(False)
        self.timeline_table.setModel(self.timeline_model)
        self.timeline_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.timeline_table.verticalHeader().setVisible(False)
        self.timeline_table.horizontalHeader().setStretchLastSection(True)
        self.timeline_table.horizontalHeader().setResizeContentsPrecision(40)
        self.timeline_table.setAlternatingRowColors(True)
        self.timeline_table.doubleClicked.connect(self._timeline_row_activated)

    def _build_tabs(self) -> None:
        self.history = BoardHistoryView(self.catalog)
        self.history.course_link_activated.connect(self.select_course)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("caseTabs")
        self.tabs.addTab(self.timeline_split, "Timeline && therapies")
        self.tabs.addTab(self.timeline_table, "Timeline as table")
        for kind, title in RECORD_KINDS[1:]:
            self.tabs.addTab(self.tables[kind], title)
        self.tabs.addTab(self.history, "Board history")

        self.body = QSplitter(Qt.Orientation.Horizontal)
        self.body.setObjectName("caseSplit")
        self.body.addWidget(self.left_split)
        self.body.addWidget(self.tabs)
        self.body.setStretchFactor(0, 0)
        self.body.setStretchFactor(1, 1)
        self.body.setSizes([380, 900])

    def _lay_out(self) -> None:
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 6)
        layout.addLayout(self._header)
        layout.addWidget(rule)
        layout.addWidget(self.body, 1)

    # -- loading --------------------------------------------------------------------------------

    @property
    def patient_id(self) -> str | None:
        return self.case.patient.id if self.case is not None else None

    def show_patient(self, patient_id: str) -> None:
        """Read and show the case (query, considerations, timeline drawn)."""
        same = self.case is not None and self.case.patient.id == patient_id
        self._load(patient_id, keep_view=same)

    def reload(self) -> None:
        if self.case is not None:
            self._load(self.case.patient.id, keep_view=True)

    def _load(self, patient_id: str, *, keep_view: bool) -> None:
        self._stale = False
        clock = PhaseClock()
        try:
            case = queries.get_case(self.context.store, patient_id)
        except NotFoundError:
            self.case = None
            self.heading.setText("This patient no longer exists")
            self.subheading.setText("Someone deleted the record. Choose another patient.")
            self.closed.emit()
            return
        clock.lap("query")
        today = self.context.today()
        self.case = case
        self._update_facts(case, today)
        self._show_header(case)
        self.overview.set_case(case, today)
        clock.lap("overview")
        self._show_considerations(case)
        clock.lap("considerations")
        self._fill_tables(case, keep_view=keep_view)
        clock.lap("tables")
        timeline = build_timeline(case, today, catalog=self.catalog)
        self.timeline = timeline
        self.timeline_model.set_timeline(timeline)
        if not self._fitted.get("timeline") and self.timeline_model.rowCount():
            self.timeline_table.resizeColumnsToContents()
            self._fitted["timeline"] = True
        clock.lap("timeline")
        self.timeline_canvas.set_timeline(timeline, keep_view=keep_view)
        clock.lap("chart")
        self.history.set_case(case)
        clock.lap("history")
        self.last_load_ms = clock.total_ms()
        self.last_load_breakdown = clock.laps
        self.case_loaded.emit(patient_id)

    def _update_facts(self, case: CaseSnapshot, today: date) -> None:
        self.facts.today = today
        self.facts.decision_dates = {
            d.decision.id: d.meeting_date.date()
            for d in case.discussions
            if d.decision is not None and d.meeting_date is not None
        }
        tumor = case.primary_tumor
        self.facts.drift_ids = {
            drift.later.id
            for drift in grade_drift(case.pathology, tumor.primary_site if tumor else None)
        }

    def _fill_tables(self, case: CaseSnapshot, *, keep_view: bool) -> None:
        newest_first = {
            "therapy": tuple(reversed(case.therapies)),
            "pathology": tuple(reversed(case.pathology)),
            "staging": tuple(reversed(case.staging)),
            "imaging": tuple(reversed(case.imaging)),
            "lab": tuple(reversed(case.labs)),
            "performance": tuple(reversed(case.performance)),
            "tumor": case.tumors,
        }
        selected_course = self.tables["therapy"].selected_id() if keep_view else None
        for kind, records in newest_first.items():
            self.models[kind].set_records(records)
            # Fit the columns to the first case with rows, then keep them: widths that jump
            # from patient to patient are hard to scan (and fitting costs time on every open).
            if records and not self._fitted.get(kind):
                self.tables[kind].fit_columns()
                self._fitted[kind] = True
        if selected_course:
            self.tables["therapy"].select_id(selected_course)

    def _show_header(self, case: CaseSnapshot) -> None:
        p = case.patient
        self.heading.setText(p.display_name)
        age = age_on(p.birth_date, self.context.today())
        born = f"born {fmt_date(p.birth_date)}" + (f" ({age} y)" if age is not None else "")
        parts = [f"MRN {p.mrn}", born, p.sex.label, p.status.label]
        if p.treating_physician:
            parts.append(f"physician {p.treating_physician}")
        if p.nurse_navigator:
            phone = f" ({p.navigator_phone})" if p.navigator_phone else ""
            parts.append(f"navigator {p.nurse_navigator}{phone}")
        if p.home_institution:
            parts.append(p.home_institution)
        self.subheading.setText("  \u00b7  ".join(parts))

    def _show_considerations(self, case: CaseSnapshot) -> None:
        from netboard.domain.considerations import considerations

        self.assessment = considerations(case, self.context.today(), self.catalog)
        self.considerations.set_assessment(self.assessment)

    # -- editing --------------------------------------------------------------------------------

    def add_record(self, kind: str) -> None:
        from netboard.ui.dialogs.record_forms import open_record_form

        if self.case is None:
            return
        open_record_form(self.context, kind, self.case, None, parent=self)

    def edit_record(self, kind: str, record_id: str) -> None:
        from netboard.ui.dialogs.record_forms import open_record_form

        if self.case is None:
            return
        record = self.models[kind].record(self.models[kind].row_of(record_id) or 0)
        if record is None or record.id != record_id:
            return
        open_record_form(self.context, kind, self.case, record, parent=self)

    def delete_record(self, kind: str, record_id: str) -> QMessageBox | None:
        """Ask, then delete (undoable). Returns the question box (tests answer it)."""
        from netboard.ui.dialogs.record_forms import delete_record

        if self.case is None:
            return None
        model = self.models[kind]
        row = model.row_of(record_id)
        record = model.record(row) if row is not None else None
        if record is None:
            return None
        return delete_record(self.context, kind, self.case, record, parent=self)

    def edit_selected(self) -> None:
        kind = self._current_kind()
        if kind is None:
            return
        record_id = self.tables[kind].selected_id()
        if record_id is not None:
            self.edit_record(kind, record_id)

    def delete_selected(self) -> None:
        kind = self._current_kind()
        if kind is None:
            return
        record_id = self.tables[kind].selected_id()
        if record_id is not None:
            self.delete_record(kind, record_id)

    def _current_kind(self) -> str | None:
        current = self.tabs.currentWidget()
        if current is self.timeline_split:
            return "therapy"
        for kind, table in self.tables.items():
            if table is current:
                return kind
        return None

    def _emit_edit_patient(self) -> None:
        if self.case is not None:
            self.patient_edit_requested.emit(self.case.patient.id)

    # -- timeline <-> tables ------------------------------------------------------------------

    def select_course(self, course_id: str) -> None:
        """Show the course in the therapy table (and outline its bar)."""
        self.tabs.setCurrentWidget(self.timeline_split)
        self.tables["therapy"].select_id(course_id)
        self.timeline_canvas.select(course_id)

    def _timeline_clicked(self, item_id: str) -> None:
        if self.timeline is None:
            return
        try:
            item = self.timeline.item(item_id)
        except KeyError:
            return
        if isinstance(item, Span):
            self.select_course(item_id)
            return
        for kind in ("pathology", "imaging", "lab"):
            if self.models[kind].row_of(item_id) is not None:
                self.tables[kind].select_id(item_id)
        self.timeline_canvas.select(item_id)

    def _therapy_selected(self, course_id: str) -> None:
        self.timeline_canvas.select(course_id)

    def _timeline_row_activated(self, index: Any) -> None:
        item_id = self.timeline_model.data(index, TIMELINE_ID_ROLE)
        if item_id:
            self.tabs.setCurrentWidget(self.timeline_split)
            self._timeline_clicked(item_id)

    def _show_decision_of_selected(self) -> None:
        course_id = self.tables["therapy"].selected_id()
        if self.case is None or course_id is None:
            return
        course = next((c for c in self.case.therapies if c.id == course_id), None)
        if course is None or course.decision_id is None:
            return
        self.tabs.setCurrentWidget(self.history)
        self.history.show_discussion_of_decision(self.case, course.decision_id)

    # -- change announcements -----------------------------------------------------------------

    def _on_change(self, change: Change) -> None:
        if self.case is None or not change.touches_patient(self.case.patient.id):
            return
        if change.kind == "patient" and change.action == "delete":
            self.case = None
            self.closed.emit()
            return
        if not self.isVisible() and change.changes is not None and not change.clinical:
            self._stale = True  # e.g. a decision typed in the meeting: read when shown again
            return
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        if self._stale:
            self._stale = False
            self.reload()
        super().showEvent(event)

    # -- actions and layout -------------------------------------------------------------------

    def _register_actions(self, actions: ActionRegistry) -> None:
        self._actions = actions
        self._case_action_ids = register_case_actions(self, actions)

    def set_actions_enabled(self, enabled: bool) -> None:
        for action_id in self._case_action_ids:
            self._actions.action(action_id).setEnabled(enabled)

    def save_layout(self, settings: QSettings) -> None:
        settings.setValue("case/body", self.body.saveState())
        settings.setValue("case/timeline", self.timeline_split.saveState())
        settings.setValue("case/left", self.left_split.saveState())

    def restore_layout(self, settings: QSettings) -> None:
        for key, splitter in (
            ("case/body", self.body),
            ("case/timeline", self.timeline_split),
            ("case/left", self.left_split),
        ):
            state = settings.value(key)
            if state is not None:
                splitter.restoreState(state)
