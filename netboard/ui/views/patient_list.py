"""The patient navigator: search as you type, filters, a sortable lazily-paged table."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from netboard.domain.patient_list_text import (
    AGENDA,
    BORN,
    GRADE,
    KI67,
    MRN,
    NAME,
    REVIEW,
    SITE,
    STATUS,
)
from netboard.domain.vocab import Grade, PatientStatus, PrimarySite, Vocab
from netboard.ui.change_bus import Change
from netboard.ui.models.patient_list import (
    LIST_KINDS,
    PatientFilter,
    PatientListModel,
)

if TYPE_CHECKING:
    from netboard.ui.context import AppContext

V = TypeVar("V", bound=Vocab)

SEARCH_DELAY_MS = 150
"""Debounce: the query runs once typing pauses this long."""


class PatientTable(QTableView):
    """The table; Enter opens the current patient (double-click does too)."""

    enter_pressed = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.enter_pressed.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class PatientListView(QWidget):
    """Search box, filter row and the patient table."""

    patient_activated = Signal(str)
    new_patient_requested = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = PatientListModel(context.store, self)
        self.model.today = context.today()

        self._build_search_and_filters()
        self._build_table()
        self._lay_out()

        self.model.applied.connect(self._update_count)
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)
        context.bus.changed.connect(self._on_change)
        self._update_count()

    def _build_search_and_filters(self) -> None:
        """The search box (applied after a pause in typing) and the filter row."""
        self.search = QLineEdit()
        self.search.setObjectName("patientSearch")
        self.search.setPlaceholderText("Search name or MRN  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._schedule_search)
        self.search.returnPressed.connect(self._search_enter)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)

        self.site_filter = _vocab_combo("All sites", PrimarySite, "siteFilter")
        self.grade_filter = _vocab_combo("All grades", Grade, "gradeFilter")
        self.status_filter = _vocab_combo("Any status", PatientStatus, "statusFilter")
        self.agenda_filter = QCheckBox("On next agenda")
        self.agenda_filter.setObjectName("agendaFilter")
        for combo in (self.site_filter, self.grade_filter, self.status_filter):
            combo.currentIndexChanged.connect(self._filters_changed)
        self.agenda_filter.toggled.connect(self._filters_changed)

    def _build_table(self) -> None:
        self.table = PatientTable()
        self.table.setObjectName("patientTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list; arrows move within it
        # The indicator first: enabling sorting sorts by it, and the model already holds the
        # name order, so the list is read once at start (not three times).
        self.table.horizontalHeader().setSortIndicator(NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        self._size_columns()
        self.table.doubleClicked.connect(self._activate)
        self.table.enter_pressed.connect(self._activate)

    def _lay_out(self) -> None:
        """Search and agenda filter, filters, the table, the count and New patient."""
        self.count_label = QLabel()
        self.count_label.setObjectName("patientCount")
        new_button = QPushButton("New patient\u2026")
        new_button.setObjectName("newPatientButton")
        new_button.setToolTip("Add a patient (Ctrl+N)")
        new_button.clicked.connect(self.new_patient_requested)

        filters = QHBoxLayout()
        filters.addWidget(self.site_filter, 2)
        filters.addWidget(self.grade_filter, 1)
        filters.addWidget(self.status_filter, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(new_button)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.agenda_filter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    def _size_columns(self) -> None:
        """Widths from the font (sampling rows would fetch pages of a 100,000-row list)."""
        metrics = self.table.fontMetrics()
        samples = {
            NAME: "Bramenwickson, Sabetha",
            MRN: "DEMO-000000",
            SITE: "Small intestine",
            GRADE: "Grade",
            KI67: "Ki-67",
            REVIEW: "Next review",
            BORN: "30 Sep 2000",
            STATUS: "In follow-up",
            AGENDA: "Agenda",
        }
        for column, sample in samples.items():
            self.table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 24)

    # -- behaviour ------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def show_selected(self, patient_id: str) -> None:
        """Highlight the patient's row when it is among the rows already read (no extra query)."""
        row = self.model.row_of(patient_id)
        if row is not None:
            self.table.selectRow(row)

    def apply_search(self) -> None:
        """Run the search now (the debounce timer calls this)."""
        self._search_timer.stop()
        self.model.set_search(self.search.text())

    def current_filter(self) -> PatientFilter:
        return PatientFilter(
            search=self.search.text().strip(),
            site=_member(PrimarySite, self.site_filter.currentData()),
            grade=_member(Grade, self.grade_filter.currentData()),
            status=_member(PatientStatus, self.status_filter.currentData()),
            on_next_agenda=self.agenda_filter.isChecked(),
        )

    def _schedule_search(self, _text: str) -> None:
        self._search_timer.start()

    def _search_enter(self) -> None:
        """Enter in the search box: apply now; a single hit opens directly."""
        self.apply_search()
        if self.model.total == 1:
            patient_id = self.model.patient_id(0)
            if patient_id is not None:
                self.patient_activated.emit(patient_id)
        elif self.model.total:
            self.table.setFocus()
            self.table.selectRow(0)

    def _filters_changed(self, *_args: object) -> None:
        self._search_timer.stop()
        self.model.set_filter(self.current_filter())

    def _activate(self, index: QModelIndex) -> None:
        patient_id = self.model.patient_id(index.row())
        if patient_id is not None:
            self.patient_activated.emit(patient_id)

    def _update_count(self) -> None:
        total = self.model.total
        narrowed = self.current_filter() != PatientFilter()
        verb = " match" if narrowed else ""
        if self.model.capped:
            # Counting stops at a bound: a million patients are never counted on a keystroke.
            self.count_label.setText(f"more than {self.model.counted:,} patients{verb}")
            self.count_label.setToolTip(
                f"Counting stops at {self.model.counted:,}; scroll down to read further, or "
                "type more to narrow the list."
            )
            return
        noun = "patient" if total == 1 else "patients"
        self.count_label.setText(f"{total:,} {noun}{verb}")
        self.count_label.setToolTip("")

    def _on_change(self, change: Change) -> None:
        if change.action != "reload" and (change.kind not in LIST_KINDS or not change.lists):
            return  # e.g. a decision's text: nothing the list shows
        rows_changed = change.kind == "patient" and change.action in ("create", "delete")
        self.model.refresh(rows_changed=rows_changed or change.action == "reload")


def _member(vocab: type[V], value: object) -> V | None:
    """The vocabulary member a combo holds (Qt hands a StrEnum back as a plain str)."""
    return None if value is None else vocab(str(value))


def _vocab_combo(everything: str, vocab: type[Vocab], name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    # Long labels ("Paraganglioma / pheochromocytoma") must not widen the navigator.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(6)
    combo.addItem(everything, None)
    for member in vocab:
        # The value, not the member: handing Qt a Python enum member makes PySide create ~100
        # Qt enumeration types looking for its type (~40 ms of start-up). ``_member`` reads it.
        combo.addItem(member.label, member.value)
    return combo
