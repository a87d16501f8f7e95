"""The live discussion panel: one case at a time, as the board discusses it.

Top: which case (previous / next), its question, presenter, triage and timing, its status and the
clock. Left: the case overview and timeline, the revisit list and the board history. Middle: the
options with their considerations and the board's stances. Right: the decision and the actions.
Typing is saved as it happens (see ``autosave``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from netboard.domain.board import readiness as rd
from netboard.domain.board.open_meeting import MeetingCases
from netboard.domain.board.privacy import patient_line
from netboard.domain.snapshot import AgendaItem, CaseDiscussion, CaseSnapshot, MeetingSnapshot
from netboard.domain.vocab import CaseTiming, DiscussionStatus, MeetingStatus, Triage
from netboard.domain.wording import clock_text, diagnosis_line, fmt_datetime
from netboard.ui.context import AppContext
from netboard.ui.meetings.actions_editor import ActionsEditor
from netboard.ui.meetings.autosave import AutoSaver
from netboard.ui.meetings.case_tabs import CaseTabs
from netboard.ui.meetings.common import STORE_ERRORS, Note, describe_error, set_read_only
from netboard.ui.meetings.decision_editor import DecisionEditor
from netboard.ui.meetings.options_panel import OptionsPanel
from netboard.ui.window_parts import fitting_scroll_area

DISCUSSION_FIELDS = (
    "question",
    "presenter",
    "triage",
    "timing",
    "status",
    "stage_discussed",
    "guideline_cited",
    "trial_eligibility_discussed",
    "patient_preferences",
)


def discussion_values(disc: CaseDiscussion) -> dict[str, Any]:
    return {name: getattr(disc, name) for name in DISCUSSION_FIELDS}


class DiscussionPanel(QWidget):
    """Everything the board records for the current case."""

    current_changed = Signal(str)
    """The discussion id now shown."""
    message = Signal(str)

    def __init__(
        self, context: AppContext, cases: MeetingCases, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.cases = cases
        self.snapshot: MeetingSnapshot | None = None
        self.item: AgendaItem | None = None
        self.case: CaseSnapshot | None = None
        self.assessment: Any = None
        self.read_only = False
        self._loading = False
        self.saver = AutoSaver(context, "discussion", self)

        self._build_header()
        self._build_fields()
        self._build_body()
        self._lay_out()
        self._connect()
        self._set_empty(True)

    # -- building -----------------------------------------------------------------------------

    def _build_header(self) -> None:
        """Previous / next, the case chooser, the patient line, status buttons and the clock."""
        self.previous = QPushButton("◀ Previous")
        self.previous.setObjectName("previousCase")
        self.previous.setToolTip("Previous case (Alt+Left or Ctrl+PgUp)")
        self.next = QPushButton("Next ▶")
        self.next.setObjectName("nextCase")
        self.next.setToolTip("Next case (Alt+Right or Ctrl+PgDown)")
        self.chooser = QComboBox()
        self.chooser.setObjectName("caseChooser")
        self.chooser.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.chooser.setMinimumContentsLength(18)
        self.chooser.setMinimumWidth(260)
        self.patient_info = QLabel()
        self.patient_info.setObjectName("discussionPatient")
        self.patient_info.setWordWrap(True)  # a long line wraps rather than widening the window
        self.status_buttons: dict[DiscussionStatus, QPushButton] = {}
        self._status_row = QHBoxLayout()
        self._status_row.setSpacing(0)
        for status, text in (
            (DiscussionStatus.PENDING, "To discuss"),
            (DiscussionStatus.DISCUSSED, "Discussed"),
            (DiscussionStatus.DEFERRED, "Deferred"),
        ):
            button = QPushButton(text)
            button.setCheckable(True)
            button.setObjectName(f"status_{status.value}")
            button.clicked.connect(lambda _c=False, s=status: self.set_status(s))
            self.status_buttons[status] = button
            self._status_row.addWidget(button)
        self.timer_label = QLabel()
        self.timer_label.setObjectName("caseTimer")
        self.timer_label.setToolTip("Time the board has spent on this case")
        self.timer_label.setStyleSheet("font-size:13pt; font-weight:bold; color:#0b5cad;")

    def _build_fields(self) -> None:
        """The question, presenter, triage and timing, and the notes above the body."""
        self.question = QLineEdit()
        self.question.setObjectName("discussionQuestion")
        self.question.setPlaceholderText("The question for the board (what is to be decided)")
        self.presenter = QLineEdit()
        self.presenter.setObjectName("discussionPresenter")
        self.presenter.setPlaceholderText("Presenter")
        self.triage = QComboBox()
        for member in Triage:
            self.triage.addItem(member.label, member)
        self.timing = QComboBox()
        for timing in CaseTiming:
            self.timing.addItem(timing.label, timing)
        self.readiness = Note(self, "warning")
        self.readiness.setObjectName("discussionReadiness")
        self.addenda = Note(self, "info")
        self.addenda.setObjectName("discussionAddenda")
        self.error = Note(self, "error")
        self.empty = QLabel("The agenda is empty. Add patients on the Agenda tab.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def _build_body(self) -> None:
        """Case tabs, options, and the decision over the actions, side by side."""
        self.case_tabs = CaseTabs(self.context)
        self.left_tabs = self.case_tabs
        self.revisit = self.case_tabs.revisit
        self.options = OptionsPanel(self.context)
        self.decision = DecisionEditor(self.context, discussion_saver=self.saver)
        self.actions_editor = ActionsEditor(self.context)
        right = QSplitter(Qt.Orientation.Vertical)
        right.setObjectName("decisionSplitter")
        # Each scrolls inside its own pane on a small screen instead of being cut off.
        right.addWidget(fitting_scroll_area(self.decision, "decisionScroll"))
        right.addWidget(fitting_scroll_area(self.actions_editor, "actionsScroll"))
        right.setSizes([560, 260])
        right.setChildrenCollapsible(False)
        self.body = QSplitter(Qt.Orientation.Horizontal)
        self.body.setObjectName("discussionSplitter")
        self.body.addWidget(self.case_tabs)
        self.body.addWidget(self.options)
        self.body.addWidget(right)
        for index, stretch in enumerate((4, 3, 3)):
            self.body.setStretchFactor(index, stretch)
        self.body.setChildrenCollapsible(False)
        self._sized = False
        self._shown: dict[str, tuple[object, ...]] = {}

    def _lay_out(self) -> None:
        nav = QHBoxLayout()
        nav.addWidget(self.previous)
        nav.addWidget(self.chooser, 1)
        nav.addWidget(self.next)
        nav.addSpacing(16)
        nav.addLayout(self._status_row)
        nav.addSpacing(16)
        nav.addWidget(self.timer_label)
        ask = QHBoxLayout()
        ask.addWidget(QLabel("Question"))
        ask.addWidget(self.question, 4)
        ask.addWidget(self.presenter, 1)
        ask.addWidget(self.triage)
        ask.addWidget(self.timing)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(nav)
        layout.addWidget(self.patient_info)
        layout.addLayout(ask)
        layout.addWidget(self.readiness)
        layout.addWidget(self.addenda)
        layout.addWidget(self.error)
        layout.addWidget(self.empty)
        layout.addWidget(self.body, 1)

    def _connect(self) -> None:
        self.previous.clicked.connect(lambda: self.step(-1))
        self.next.clicked.connect(lambda: self.step(1))
        for keys, delta in (
            ("Alt+Left", -1),
            ("Alt+Right", 1),
            ("Ctrl+PgUp", -1),
            ("Ctrl+PgDown", 1),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda d=delta: self.step(d))
        self.chooser.activated.connect(self._chosen)
        self.question.textEdited.connect(lambda t: self._stage("question", t))
        self.presenter.textEdited.connect(lambda t: self._stage("presenter", t.strip()))
        self.triage.activated.connect(
            lambda _i: self._set_field("triage", Triage(self.triage.currentData()))
        )
        self.timing.activated.connect(
            lambda _i: self._set_field("timing", CaseTiming(self.timing.currentData()))
        )
        for editor in (self.question, self.presenter):
            self.saver.watch_focus(editor)
        self.saver.failed.connect(self.error.show_text)
        self.saver.saved.connect(lambda _id: self.error.show_text(""))
        for part in (self.options, self.decision, self.actions_editor, self.revisit):
            part.message.connect(self.message)

    # -- showing ------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._sized and self.body.width() > 0:
            total = sum(self.body.sizes()) or self.body.width()
            self.body.setSizes([total * 4 // 10, total * 3 // 10, total * 3 // 10])
            self._sized = True

    @property
    def discussion_id(self) -> str | None:
        return self.item.discussion.id if self.item is not None else None

    def _set_empty(self, empty: bool) -> None:
        self.empty.setVisible(empty)
        self.body.setVisible(not empty)
        for widget in (
            self.previous,
            self.next,
            self.chooser,
            self.question,
            self.presenter,
            self.triage,
            self.timing,
            *self.status_buttons.values(),
        ):
            widget.setEnabled(not empty)

    def set_meeting(self, snapshot: MeetingSnapshot, discussion_id: str | None = None) -> None:
        """Show ``snapshot``; stay on the current case unless another is named (or it is gone)."""
        self.snapshot = snapshot
        self.read_only = snapshot.meeting.status == MeetingStatus.FINALIZED
        ids = [i.discussion.id for i in snapshot.agenda]
        wanted = discussion_id or self.discussion_id
        if wanted not in ids:
            wanted = ids[0] if ids else None
        entries = [(f"{n}. {i.patient.display_name}", i.discussion.id)
                   for n, i in enumerate(snapshot.agenda, start=1)]  # fmt: skip
        shown = [(self.chooser.itemText(r), self.chooser.itemData(r))
                 for r in range(self.chooser.count())]  # fmt: skip
        if entries != shown:
            self.chooser.blockSignals(True)
            self.chooser.clear()
            for text, disc_id in entries:
                self.chooser.addItem(text, disc_id)
            self.chooser.blockSignals(False)
        if wanted is None:
            self.item = None
            self._set_empty(True)
            return
        self._set_empty(False)
        self.show_discussion(wanted)

    def show_discussion(self, discussion_id: str) -> None:
        assert self.snapshot is not None
        ids = [i.discussion.id for i in self.snapshot.agenda]
        index = ids.index(discussion_id)
        changed = self.discussion_id != discussion_id
        if changed:
            self.flush()
        self.item = self.snapshot.agenda[index]
        disc = self.item.discussion
        self.chooser.setCurrentIndex(index)
        self.previous.setEnabled(index > 0)
        self.next.setEnabled(index < len(ids) - 1)
        if changed:
            self.saver.set_target(
                disc.id,
                disc.version,
                discussion_values(disc),
                label="case discussion",
                patient_id=disc.patient_id,
                meeting_id=disc.meeting_id,
            )
            self.error.show_text("")
        else:
            self.saver.refresh(disc.id, disc.version, discussion_values(disc))
        today = self.context.today()
        try:
            self.case = self.cases.get(disc.patient_id)
        except STORE_ERRORS as exc:
            self.case = None
            self.error.show_text(f"The case record could not be read: {exc}")
        self.assessment = self._assess(disc)
        self._loading = True
        try:
            self._show_header(disc, today)
        finally:
            self._loading = False
        meeting = self.snapshot.meeting
        people = [a.person for a in self.snapshot.attendance]
        if self._inputs_changed("options", disc.options, disc.question, disc.status,
                                id(self.assessment), self.read_only, force=changed):  # fmt: skip
            self.options.set_discussion(disc, self.assessment, read_only=self.read_only)
        self.decision.set_discussion(disc, self.case, meeting, read_only=self.read_only)
        if self._inputs_changed("actions", disc.actions, meeting, tuple(people), self.read_only,
                                force=changed):  # fmt: skip
            self.actions_editor.set_discussion(disc, meeting, people, read_only=self.read_only)
        if self.case is not None:
            self.case_tabs.set_case(disc, self.case, changed=changed, read_only=self.read_only)
        if changed:
            self.current_changed.emit(disc.id)

    def _inputs_changed(self, part: str, *inputs: object, force: bool) -> bool:
        """Whether a part's inputs differ from what it shows (a decision's text saved as it is
        typed changes neither the options nor the actions: they are not rebuilt)."""
        if not force and self._shown.get(part) == inputs:
            return False
        self._shown[part] = inputs
        return True

    def _assess(self, disc: CaseDiscussion) -> Any:
        if self.case is None:
            return None
        return self.cases.assessment(disc.patient_id, self.context.today(), disc.question)

    def _show_header(self, disc: CaseDiscussion, today: Any) -> None:
        assert self.item is not None
        patient = self.item.patient
        diag = diagnosis_line(self.item.primary_site, self.item.grade)
        self.patient_info.setText(
            f"<b style='font-size:15pt'>{patient.display_name}</b> &nbsp; "
            f"{patient_line(patient, today, private=False)}"
            + (f" &nbsp;·&nbsp; {diag}" if diag else "")
        )
        if not self.saver.has_pending("question") and self.question.text() != disc.question:
            self.question.setText(disc.question)
        if not self.saver.has_pending("presenter") and (
            self.presenter.text().strip() != disc.presenter
        ):
            self.presenter.setText(disc.presenter)
        self.triage.setCurrentIndex(self.triage.findData(disc.triage))
        self.timing.setCurrentIndex(self.timing.findData(disc.timing))
        for status, button in self.status_buttons.items():
            button.setChecked(disc.status == status)
        self.show_time(disc.time_spent_s)
        for editor in (self.question, self.presenter):
            set_read_only(editor, self.read_only)
        for widget in (self.triage, self.timing, *self.status_buttons.values()):
            widget.setEnabled(not self.read_only)
        issues: tuple[rd.ReadinessIssue, ...] = ()
        if self.case is not None:
            day = rd.as_of(self.snapshot.meeting) if self.snapshot else today
            assessment = self.cases.assessment(disc.patient_id, day, disc.question)
            issues = rd.issues_of(assessment, disc.question)
        self.readiness.show_text(
            "Readiness — " + rd.summary(issues) if issues and not self.read_only else ""
        )
        addenda = [
            a
            for a in (self.snapshot.addenda if self.snapshot else ())
            if a.discussion_id == disc.id
        ]
        addenda = addenda or list(disc.addenda)
        self.addenda.show_text(
            "\n".join(
                f"Addendum by {a.author}, {fmt_datetime(a.created_at)}: {a.text}" for a in addenda
            )
        )

    def show_time(self, seconds: int) -> None:
        self.timer_label.setText(f"◷ {clock_text(seconds)}")

    # -- navigation ---------------------------------------------------------------------------

    def step(self, delta: int) -> None:
        if self.snapshot is None or self.item is None:
            return
        ids = [i.discussion.id for i in self.snapshot.agenda]
        index = ids.index(self.item.discussion.id) + delta
        if 0 <= index < len(ids):
            self.show_discussion(ids[index])

    def _chosen(self, index: int) -> None:
        disc_id = self.chooser.itemData(index)
        if disc_id:
            self.show_discussion(disc_id)

    # -- saving -------------------------------------------------------------------------------

    def _stage(self, field: str, value: Any) -> None:
        if not self._loading and not self.read_only and self.item is not None:
            self.saver.stage(field, value)

    def _set_field(self, field: str, value: Any) -> bool:
        """Save a non-text field of the discussion at once (through the shared saver)."""
        if self._loading or self.read_only or self.item is None:
            return False
        self.saver.stage(field, value)
        return self.saver.flush()

    def set_status(self, status: DiscussionStatus) -> bool:
        """Mark the case to discuss / discussed / deferred (what was typed is saved first)."""
        self.decision.flush()
        self.options.flush()
        ok = self._set_field("status", status)
        if ok:
            self.message.emit(f"Case marked '{status.label.lower()}'")
        elif self.item is not None:
            for s, button in self.status_buttons.items():
                button.setChecked(self.item.discussion.status == s)
        return ok

    def flush(self) -> bool:
        ok = self.saver.flush()
        ok = self.decision.flush() and ok
        self.options.flush()
        return ok

    def watch_window(self, window: QWidget) -> None:
        self.saver.watch_window(window)
        self.decision.watch_window(window)
        self.options.watch_window(window)

    def show_error(self, text: str) -> None:
        self.error.show_text(text)

    def describe(self, exc: Exception) -> str:
        return describe_error(exc)
