"""The board's decision for one case, typed during the meeting and saved as it is typed.

Recommendation, consensus or dissent (with a note), stage discussed, guideline cited, trial
eligibility discussed, patient preferences, follow-up interval and next review date. The decision
record is created with the first word typed. A recommended option becomes a planned therapy
course in one step, linked to this decision.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from netboard.domain.board.meetings import review_date, stage_on_record
from netboard.domain.snapshot import CaseDiscussion, CaseSnapshot, Meeting
from netboard.domain.vocab import Agreement, Stance
from netboard.ui.context import AppContext
from netboard.ui.date_edit import DateEdit
from netboard.ui.meetings.autosave import AutoSaver
from netboard.ui.meetings.commands import CourseFromDecisionCommand
from netboard.ui.meetings.common import STORE_ERRORS, Note, describe_error, heading, set_read_only
from netboard.ui.meetings.plan_course import PlanCourseDialog

GUIDELINES = (
    "ENETS guidance",
    "NCCN Guidelines: Neuroendocrine and Adrenal Tumors",
    "ESMO Clinical Practice Guideline (GEP-NEN)",
    "NANETS consensus guidelines",
)
"""Suggestions only; the field takes any text (name the version the board looked at)."""

NO_DATE = QDate(2000, 1, 1)


def _qdate(value: date | None) -> QDate:
    return QDate(value.year, value.month, value.day) if value is not None else NO_DATE


def _pydate(value: QDate) -> date | None:
    return None if value == NO_DATE else date(value.year(), value.month(), value.day())


AGREEMENT_UNSET = "Agreement: not yet chosen"


class DecisionEditor(QWidget):
    """Form for the decision and the discussion fields that go with it."""

    message = Signal(str)

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        *,
        discussion_saver: AutoSaver | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.discussion: CaseDiscussion | None = None
        self.case: CaseSnapshot | None = None
        self.meeting: Meeting | None = None
        self.read_only = False
        self._loading = False
        self.decision_saver = AutoSaver(context, "decision", self)
        self._owns_discussion_saver = discussion_saver is None
        self.discussion_saver = discussion_saver or AutoSaver(context, "discussion", self)
        self.error = Note(self, "error")
        for saver in (self.decision_saver, self.discussion_saver):
            saver.failed.connect(self.error.show_text)
        self.decision_saver.saved.connect(lambda _id: self.error.show_text(""))

        self._build_decision_fields()
        self._build_discussion_fields()
        self._connect()
        self._lay_out()

    def _build_decision_fields(self) -> None:
        """The recommendation, agreement, and the stage discussed."""
        self.recommendation = QPlainTextEdit()
        self.recommendation.setObjectName("recommendation")
        self.recommendation.setPlaceholderText("The board's recommendation, in the words agreed")
        self.recommendation.setTabChangesFocus(True)
        self.recommendation.setMinimumHeight(90)
        self.consensus = QRadioButton("Consensus")
        self.consensus.setObjectName("consensus")
        self.dissent = QRadioButton("Dissent")
        self.dissent.setObjectName("dissent")
        self.dissent_note = QLineEdit()
        self.dissent_note.setObjectName("dissentNote")
        self.dissent_note.setPlaceholderText("Who dissented, and why")
        self.agreement_label = QLabel("Agreement")
        self.agreement_label.setObjectName("agreementLabel")
        self.agreement_label.setToolTip(
            "Choose Consensus or Dissent: the summary prints only what the board chose"
        )
        self.stage = QLineEdit()
        self.stage.setObjectName("stageDiscussed")
        self.stage_fill = QPushButton("From record")
        self.stage_fill.setToolTip("Fill in the latest staging on record")

    def _build_discussion_fields(self) -> None:
        """Guideline, trial, preferences, follow-up and next review, and Plan therapy course."""
        self.guideline = QComboBox()
        self.guideline.setObjectName("guidelineCited")
        self.guideline.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.guideline.setMinimumContentsLength(14)
        self.guideline.setEditable(True)
        self.guideline.addItem("")
        self.guideline.addItems(GUIDELINES)
        line = self.guideline.lineEdit()
        if line is not None:
            line.setPlaceholderText("Guideline the board referred to")
        self.trial = QCheckBox("Clinical-trial eligibility discussed")
        self.trial.setObjectName("trialDiscussed")
        self.preferences = QPlainTextEdit()
        self.preferences.setObjectName("patientPreferences")
        self.preferences.setPlaceholderText("What the patient wants, as reported to the board")
        self.preferences.setTabChangesFocus(True)
        self.preferences.setFixedHeight(54)
        self.follow_up = QSpinBox()
        self.follow_up.setObjectName("followUpWeeks")
        self.follow_up.setRange(0, 520)
        self.follow_up.setSpecialValueText("not set")
        self.follow_up.setSuffix(" weeks")
        self.next_review = DateEdit(today=self.context.today)
        self.next_review.setObjectName("nextReview")
        self.next_review.setCalendarPopup(True)
        self.next_review.setMinimumDate(NO_DATE)
        self.next_review.setSpecialValueText("not set")
        self.next_review.setDisplayFormat("dd MMM yyyy")
        self.plan_button = QPushButton("Plan therapy course…")
        self.plan_button.setObjectName("planCourseButton")
        self.plan_button.setToolTip(
            "Create a planned therapy course for a recommended option, linked to this decision"
        )

    def _connect(self) -> None:
        self.recommendation.textChanged.connect(
            lambda: self._stage_decision("recommendation", self.recommendation.toPlainText())
        )
        self.consensus.toggled.connect(self._agreement_changed)
        self.dissent.toggled.connect(self._agreement_changed)
        self.dissent_note.textEdited.connect(lambda t: self._stage_decision("dissent_note", t))
        self.stage.textEdited.connect(
            lambda t: self._stage_discussion("stage_discussed", t.strip())
        )
        self.stage_fill.clicked.connect(self._fill_stage)
        self.guideline.currentTextChanged.connect(
            lambda t: self._stage_discussion("guideline_cited", t.strip())
        )
        self.trial.toggled.connect(self._trial_changed)
        self.preferences.textChanged.connect(
            lambda: self._stage_discussion("patient_preferences", self.preferences.toPlainText())
        )
        self.follow_up.valueChanged.connect(self._follow_up_changed)
        self.next_review.dateChanged.connect(self._next_review_changed)
        self.plan_button.clicked.connect(self.plan_course_dialog)
        for editor in (self.recommendation, self.dissent_note, self.follow_up,
                       self.next_review.line):
            self.decision_saver.watch_focus(editor)
        self.next_review.problem_changed.connect(
            lambda text: self.error.show_text(f"Next review: {text}." if text else "")
        )
        for other in (self.stage, self.guideline, self.preferences):
            self.discussion_saver.watch_focus(other)

    def _lay_out(self) -> None:
        # wide enough to read a staging ('T2 N1 M1c'): in a laptop's narrow column the row then
        # wraps under its label instead of squeezing the field to a word
        self.stage.setMinimumWidth(self.stage.fontMetrics().horizontalAdvance("T2 N1 M1c") + 16)
        agreement = QHBoxLayout()
        agreement.addWidget(self.consensus)
        agreement.addWidget(self.dissent)
        agreement.addStretch(1)
        stage = QHBoxLayout()
        stage.addWidget(self.stage, 1)
        stage.addWidget(self.stage_fill)
        review = QHBoxLayout()
        review.addWidget(self.follow_up)
        review.addWidget(self.next_review, 1)
        form = self.form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.agreement_label, agreement)
        # its own row, shown when needed (``_dissent_note_shown``): beside the two choices a
        # laptop's column left it a few letters wide
        form.addRow(self.dissent_note)
        form.addRow("Stage discussed", stage)
        form.addRow("Guideline cited", self.guideline)
        form.addRow("", self.trial)
        form.addRow("Patient preferences", self.preferences)
        form.addRow("Follow-up / next review", review)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading("Decision"))
        layout.addWidget(self.recommendation, 1)
        layout.addLayout(form)
        layout.addWidget(self.plan_button)
        layout.addWidget(self.error)

    # -- showing ------------------------------------------------------------------------------

    def set_discussion(
        self,
        discussion: CaseDiscussion,
        case: CaseSnapshot | None,
        meeting: Meeting,
        *,
        read_only: bool,
    ) -> None:
        new_case = self.discussion is None or self.discussion.id != discussion.id
        self.discussion, self.case, self.meeting = discussion, case, meeting
        self.read_only = read_only
        dec = discussion.decision
        dec_values: dict[str, Any] = {
            "recommendation": dec.recommendation if dec else "",
            "agreement": dec.agreement if dec else None,  # never a silent consensus
            "dissent_note": dec.dissent_note if dec else "",
            "follow_up_weeks": dec.follow_up_weeks if dec else None,
            "next_review": dec.next_review if dec else None,
        }
        disc_values: dict[str, Any] = {
            "stage_discussed": discussion.stage_discussed,
            "guideline_cited": discussion.guideline_cited,
            "trial_eligibility_discussed": discussion.trial_eligibility_discussed,
            "patient_preferences": discussion.patient_preferences,
        }
        if new_case:
            self.decision_saver.set_target(
                dec.id if dec else None,
                dec.version if dec else 0,
                dec_values,
                creator=self._create_decision,
                label="decision",
                patient_id=discussion.patient_id,
                meeting_id=discussion.meeting_id,
            )
            if self._owns_discussion_saver:
                self.discussion_saver.set_target(
                    discussion.id,
                    discussion.version,
                    disc_values,
                    label="case discussion",
                    patient_id=discussion.patient_id,
                    meeting_id=discussion.meeting_id,
                )
            self.error.show_text("")
        else:
            self.decision_saver.refresh(
                dec.id if dec else None, dec.version if dec else 0, dec_values
            )
            if self._owns_discussion_saver:
                self.discussion_saver.refresh(discussion.id, discussion.version, disc_values)
        if read_only:
            self.decision_saver.discard()
            self.discussion_saver.discard()
        self._loading = True
        try:
            self._show(dec_values, disc_values)
        finally:
            self._loading = False
        self._set_read_only(read_only)

    def _show(self, dec: dict[str, Any], disc: dict[str, Any]) -> None:
        dsv, csv = self.decision_saver, self.discussion_saver
        if not dsv.has_pending("recommendation") and (
            self.recommendation.toPlainText() != dec["recommendation"]
        ):
            self.recommendation.setPlainText(dec["recommendation"])
        if not dsv.has_pending("agreement"):
            self._show_agreement(dec["agreement"])
        if not dsv.has_pending("dissent_note") and (
            self.dissent_note.text().strip() != dec["dissent_note"].strip()
        ):
            self.dissent_note.setText(dec["dissent_note"])
        if not dsv.has_pending("follow_up_weeks"):
            self.follow_up.setValue(dec["follow_up_weeks"] or 0)
        if not dsv.has_pending("next_review"):
            self.next_review.setDate(_qdate(dec["next_review"]))
        if not csv.has_pending("stage_discussed") and (
            self.stage.text().strip() != disc["stage_discussed"]
        ):
            self.stage.setText(disc["stage_discussed"])
        if stage_on_record(self.case):
            self.stage.setPlaceholderText(f"On record: {stage_on_record(self.case)}")
        if not csv.has_pending("guideline_cited") and (
            self.guideline.currentText().strip() != disc["guideline_cited"]
        ):
            self.guideline.setCurrentText(disc["guideline_cited"])
        if not csv.has_pending("trial_eligibility_discussed"):
            self.trial.setChecked(bool(disc["trial_eligibility_discussed"]))
        if not csv.has_pending("patient_preferences") and (
            self.preferences.toPlainText() != disc["patient_preferences"]
        ):
            self.preferences.setPlainText(disc["patient_preferences"])
        self._dissent_note_shown()

    def _set_read_only(self, read_only: bool) -> None:
        for editor in (self.recommendation, self.preferences, self.dissent_note, self.stage):
            set_read_only(editor, read_only)
        for widget in (
            self.consensus,
            self.dissent,
            self.stage_fill,
            self.guideline,
            self.trial,
            self.follow_up,
            self.next_review,
            self.plan_button,
        ):
            widget.setEnabled(not read_only)
        self._dissent_note_shown()

    # -- saving -------------------------------------------------------------------------------

    def _create_decision(self, values: dict[str, Any]) -> str:
        assert self.discussion is not None
        disc = self.discussion
        full: dict[str, Any] = {"discussion_id": disc.id, "recommendation": ""}
        full.update(values)
        return self.context.operations.create(
            "decision",
            full,
            text="Record decision",
            patient_id=disc.patient_id,
            meeting_id=disc.meeting_id,
        )

    def _stage_decision(self, field: str, value: Any) -> None:
        if not self._loading and not self.read_only and self.discussion is not None:
            self.decision_saver.stage(field, value)

    def _stage_discussion(self, field: str, value: Any) -> None:
        if not self._loading and not self.read_only and self.discussion is not None:
            self.discussion_saver.stage(field, value)

    def _show_agreement(self, agreement: Agreement | None) -> None:
        """The board's choice, or neither button checked and 'not yet chosen' beside them."""
        for button, value in ((self.consensus, Agreement.CONSENSUS),
                              (self.dissent, Agreement.DISSENT)):
            button.setAutoExclusive(False)  # (an exclusive button cannot be unchecked)
            button.setChecked(agreement == value)
            button.setAutoExclusive(True)
        self._agreement_shown()

    def _agreement_shown(self) -> None:
        """'Agreement: not yet chosen' (amber) until the board chooses one."""
        chosen = self.consensus.isChecked() or self.dissent.isChecked()
        self.agreement_label.setText("Agreement" if chosen else AGREEMENT_UNSET)
        self.agreement_label.setStyleSheet("" if chosen else "color:#8a5a00")

    def _dissent_note_shown(self) -> None:
        """The note's row only when the board dissented (or a note is on record): a laptop's
        narrow column has no room for a field nobody uses. (Read-only shows it read-only.)"""
        dissent = self.dissent.isChecked()
        self.dissent_note.setEnabled(dissent)
        self.form.setRowVisible(self.dissent_note, dissent or bool(self.dissent_note.text()))

    def _agreement_changed(self, _checked: bool) -> None:
        self._dissent_note_shown()
        self._agreement_shown()
        if not (self.consensus.isChecked() or self.dissent.isChecked()):
            return
        agreement = Agreement.DISSENT if self.dissent.isChecked() else Agreement.CONSENSUS
        self._stage_decision("agreement", agreement)
        if not self._loading:
            self.decision_saver.flush()

    def _trial_changed(self, checked: bool) -> None:
        self._stage_discussion("trial_eligibility_discussed", checked)
        if not self._loading:
            self.discussion_saver.flush()

    def _follow_up_changed(self, weeks: int) -> None:
        if self._loading or self.meeting is None:
            return
        self._stage_decision("follow_up_weeks", weeks or None)
        suggested = review_date(self.meeting, weeks)
        if suggested is not None:
            self.next_review.setDate(_qdate(suggested))  # stages next_review too

    def _next_review_changed(self, value: QDate) -> None:
        self._stage_decision("next_review", _pydate(value))

    def _fill_stage(self) -> None:
        text = stage_on_record(self.case)
        if text and not self.read_only:
            self.stage.setText(text)
            self._stage_discussion("stage_discussed", text)
            self.discussion_saver.flush()

    def flush(self) -> bool:
        return self.decision_saver.flush() & self.discussion_saver.flush()

    def watch_window(self, window: QWidget) -> None:
        self.decision_saver.watch_window(window)
        self.discussion_saver.watch_window(window)

    # -- therapy course from the decision -----------------------------------------------------

    def recommended_options(self) -> list[tuple[str, str]]:
        """(option id, name) of the options this discussion marked recommended."""
        if self.discussion is None:
            return []
        found = []
        for opt in self.discussion.options:
            if opt.stance == Stance.RECOMMENDED:
                cat = self.context.catalog.find(opt.option_id)
                found.append((opt.option_id, cat.name if cat else opt.option_id))
        return found

    def plan_course(self, option_id: str, start: date) -> str | None:
        """Create the planned course (undoable); returns its id."""
        if self.discussion is None or self.read_only:
            return None
        self.flush()
        disc = self.discussion
        decision_id = self.decision_saver.entity_id
        if decision_id is None:
            self.error.show_text(
                "Type the recommendation first: the course is linked to the board's decision."
            )
            return None
        command = CourseFromDecisionCommand(
            decision_id,
            option_id,
            start,
            patient_id=disc.patient_id,
            meeting_id=disc.meeting_id,
            text="Plan therapy course from decision",
        )
        try:
            self.context.operations.run(command)
        except STORE_ERRORS as exc:
            self.error.show_text(describe_error(exc))
            return None
        self.message.emit("Planned therapy course created from the decision")
        return command.course_id

    def plan_course_dialog(self) -> PlanCourseDialog | None:
        """Ask which recommended option and when; the dialog then calls ``plan_course``."""
        options = self.recommended_options()
        if not options:
            self.error.show_text(
                "No option is marked 'Recommended' for this case yet. Mark one in the options "
                "list, then plan its course here."
            )
            return None
        dialog = PlanCourseDialog(options, self.context.today() + timedelta(days=14), self)
        dialog.chosen.connect(self.plan_course)
        dialog.open()
        return dialog
