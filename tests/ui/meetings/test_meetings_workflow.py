"""A whole tumor board meeting, run through the window on a real SQLite database.

Create the meeting, put three cases on the agenda, record attendance, present each case by
keyboard, weigh options with stances, revisit an option an earlier board deferred, decide, assign
actions, plan a course from the decision, finalize; then the record refuses edits and accepts an
addendum.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from meetings_helpers import FakeClock, leaked_identifiers
from PySide6.QtCore import Qt

from netboard.db import operations as ops
from netboard.db import queries
from netboard.db.errors import FinalizedError
from netboard.domain.vocab import Discipline, DiscussionStatus, MeetingStatus, Stance, Triage
from netboard.ui.meetings import agenda_model as am
from netboard.ui.meetings.patient_picker import PatientPicker
from netboard.ui.meetings.workspace import TAB_DISCUSSION

ATTENDEES = (
    ("Dr Fictus Onco", Discipline.MEDICAL_ONCOLOGY),
    ("Dr Imago Ray", Discipline.RADIOLOGY),
    ("Dr Scalpel Invent", Discipline.SURGERY),
    ("Dr Beam Madeup", Discipline.RADIATION_ONCOLOGY),
    ("Dr Slide Pretend", Discipline.PATHOLOGY),
    ("Dr Nuclea Sample", Discipline.NUCLEAR_MEDICINE),
)


@pytest.fixture
def deferred_option(ui_store, ui_ids) -> str:  # type: ignore[no-untyped-def]
    """At the earlier board, PRRT was kept for later for patient Alpha."""
    past = queries.get_meeting(ui_store, ui_ids.past_meeting)
    return ops.create(ui_store, "option", {
        "discussion_id": past.agenda[0].discussion.id, "option_id": "prrt_lu177_dotatate",
        "stance": Stance.LATER, "details": "", "rationale": "Keep PRRT for the next progression",
    })  # fmt: skip


def _discussion(ws, given_name: str):  # type: ignore[no-untyped-def]
    return next(i.discussion for i in ws.snapshot.agenda if i.patient.given_name == given_name)


def _saved(*savers) -> bool:  # type: ignore[no-untyped-def]
    return not any(s.has_pending() for s in savers)


def test_whole_meeting_on_a_real_database(  # type: ignore[no-untyped-def]
    qtbot, deferred_option, main_window, ui_store, ui_ids, ui_context
):
    window = main_window
    ctrl = window.meetings
    ws = ctrl.workspace
    clock = FakeClock()
    ws.timer.clock = clock

    # -- 1. a new meeting with sensible defaults --------------------------------------------
    meeting_id = ctrl.navigator.create_meeting()
    assert window.workspace.currentWidget() is ws
    meeting = ws.snapshot.meeting
    local = meeting.starts_at.astimezone()
    assert (meeting.title, meeting.chair, meeting.status) == (
        "NET tumor board", "dr-ui-test", MeetingStatus.PLANNED,
    )  # fmt: skip
    assert local.weekday() < 5 and (local.hour, local.minute) == (16, 0)
    assert meeting_id in ctrl.navigator.meeting_ids()
    ws.editor.title.setFocus()
    ws.editor.title.end(False)
    qtbot.keyClicks(ws.editor.title, " (June)")
    qtbot.waitUntil(lambda: ws.snapshot.meeting.title == "NET tumor board (June)", timeout=3000)

    # -- 2. three cases on the agenda: two chosen in the picker, one more by id ---------------
    ws.agenda.pick_patients()
    picker = ws.agenda.findChild(PatientPicker)
    assert picker is not None
    picker.search.setText("Testperson")
    picker.refresh()
    names = [picker.list.item(i).text() for i in range(picker.list.count())]
    assert len(names) == 2 and all("Testperson" in n for n in names)
    for i in range(picker.list.count()):
        picker.list.item(i).setSelected(True)
    picker.accept()
    qtbot.waitUntil(lambda: len(ws.snapshot.agenda) == 2, timeout=3000)
    ws.agenda.add_patients([ui_ids.delta, ui_ids.alpha])  # Alpha is already there: skipped
    assert [i.patient.given_name for i in ws.snapshot.agenda] == ["Alpha", "Beta", "Delta"]
    model = ws.agenda.model
    assert model.rowCount() == 3
    beta_ready = model.index(1, am.COL_READY).data()
    assert "gaps" in beta_ready and "No question" in model.index(1, am.COL_READY).data(
        Qt.ItemDataRole.ToolTipRole
    )

    # questions, triage and presenter through the agenda cells
    model.setData(model.index(0, am.COL_QUESTION), "Progression on everolimus: PRRT now?")
    model.setData(model.index(1, am.COL_QUESTION), "Surveillance interval?")
    model.setData(model.index(2, am.COL_QUESTION), "Confirm follow-up pathway")
    model.setData(model.index(2, am.COL_TRIAGE), Triage.STANDARD_OF_CARE)
    model.setData(model.index(0, am.COL_PRESENTER), "Dr Fictus Onco")
    qtbot.waitUntil(
        lambda: _discussion(ws, "Delta").triage == Triage.STANDARD_OF_CARE, timeout=3000
    )
    assert _discussion(ws, "Alpha").question == "Progression on everolimus: PRRT now?"
    assert _discussion(ws, "Alpha").presenter == "Dr Fictus Onco"

    # reorder: Delta first; undo and redo the move
    assert ws.agenda.move_to(_discussion(ws, "Delta").id, 0)
    assert [i.patient.given_name for i in ws.snapshot.agenda] == ["Delta", "Alpha", "Beta"]
    ui_context.undo_stack.undo()
    assert [i.patient.given_name for i in ws.snapshot.agenda] == ["Alpha", "Beta", "Delta"]
    ui_context.undo_stack.redo()
    assert [i.patient.given_name for i in ws.snapshot.agenda] == ["Delta", "Alpha", "Beta"]

    # -- 3. attendance, with the note on absent core disciplines ----------------------------
    att = ws.attendance
    for person, discipline in ATTENDEES[:2]:
        att.person.setText(person)
        att.discipline.setCurrentIndex(att.discipline.findData(discipline))
        qtbot.keyClick(att.person, Qt.Key.Key_Return)
    assert att.table.rowCount() == 2
    note = att.coverage.text()
    assert "Surgery, Radiation oncology, Pathology" in note and att.coverage.isVisibleTo(att)
    for person, discipline in ATTENDEES[2:]:
        att.person.setText(person)
        att.discipline.setCurrentIndex(att.discipline.findData(discipline))
        att.add_attendee()
    assert att.coverage.text() == "All core disciplines are present."
    assert {a.discipline for a in ws.snapshot.attendance} == {d for _, d in ATTENDEES}

    # -- 4. in session; each case on the shared screen, by keyboard -------------------------
    assert ws.editor.start_meeting()
    assert ws.snapshot.meeting.status == MeetingStatus.IN_SESSION
    ws.tabs.setCurrentIndex(0)
    ws.agenda.select(_discussion(ws, "Delta").id)
    ws.discussion.show_discussion(_discussion(ws, "Delta").id)
    slides = ws.present()
    qtbot.waitExposed(slides)
    patients = [i.patient for i in ws.snapshot.agenda]
    seen = [slides.heading.text()]
    assert not leaked_identifiers(slides.visible_texts(), patients)
    for key in (Qt.Key.Key_Right, Qt.Key.Key_PageDown):
        clock.advance(60)
        qtbot.keyClick(slides, key)
        seen.append(slides.heading.text())
        assert not leaked_identifiers(slides.visible_texts(), patients)
    assert seen == ["Case 1 · DM", "Case 2 · AT", "Case 3 · BT"]
    qtbot.keyClick(slides, Qt.Key.Key_Space)  # the last case stays the last
    assert slides.heading.text() == "Case 3 · BT"
    qtbot.keyClick(slides, Qt.Key.Key_PageUp)
    qtbot.keyClick(slides, Qt.Key.Key_Left)
    assert slides.heading.text() == "Case 1 · DM"
    qtbot.keyClick(slides, Qt.Key.Key_Down)
    assert slides.heading.text() == "Case 2 · AT"
    assert "Progression on everolimus" in slides.question.text()
    qtbot.keyClick(slides, Qt.Key.Key_P)  # privacy off: names for the chair's own check
    assert slides.heading.text() == "Case 2 · Testperson, Alpha"
    qtbot.keyClick(slides, Qt.Key.Key_P)
    assert slides.heading.text() == "Case 2 · AT"
    clock.advance(30)
    with qtbot.waitSignal(ws.presentation_closed) as closed:
        qtbot.keyClick(slides, Qt.Key.Key_Escape)
    alpha_id = _discussion(ws, "Alpha").id
    assert closed.args == [alpha_id]
    assert ws.presentation is None and ws.tabs.currentIndex() == TAB_DISCUSSION
    assert ws.discussion.discussion_id == alpha_id  # back at the same case
    assert _discussion(ws, "Delta").time_spent_s == 60
    assert _discussion(ws, "Alpha").time_spent_s == 90

    # -- 5. the live discussion of Alpha -----------------------------------------------------
    panel = ws.discussion
    panel.left_tabs.setCurrentWidget(panel.revisit)
    entries = panel.revisit.options
    row = next(i for i, e in enumerate(entries) if e.option.id == deferred_option)
    assert entries[row].fate == "Deferred"
    assert panel.revisit.option_table.item(row, 0).text().startswith("Deferred\n")
    chosen = next(e for e in entries if e.option.option_id == "everolimus")
    assert chosen.fate == "Chosen" and chosen.outcome.startswith("Since 01 Oct 2024, ongoing (")
    qtbot.mouseClick(
        panel.revisit.option_table.cellWidget(row, 2).button, Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(
        lambda: any(
            o.revisits_option_id == deferred_option for o in _discussion(ws, "Alpha").options
        ),
        timeout=3000,
    )
    revisited = next(o for o in _discussion(ws, "Alpha").options if o.revisits_option_id)
    assert "Keep PRRT for the next progression" in revisited.details
    button = panel.revisit.option_table.cellWidget(row, 2).button
    assert button.text() == "In today's list" and not button.isEnabled()

    prrt = panel.options.cards["prrt_lu177_dotatate"]
    assert prrt.entry.considered is not None and prrt.entry.considered.id == revisited.id
    qtbot.mouseClick(prrt.buttons[Stance.RECOMMENDED], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: _option(ws, "prrt_lu177_dotatate").stance == Stance.RECOMMENDED, timeout=3000
    )
    prrt = panel.options.cards["prrt_lu177_dotatate"]
    qtbot.keyClicks(prrt.rationale, "Uptake above liver; deferred at the earlier board")
    qtbot.waitUntil(
        lambda: _option(ws, "prrt_lu177_dotatate").rationale.startswith("Uptake"), timeout=3000
    )
    # Alpha progressed on everolimus: it ranks below the fold, so show all options first.
    if "everolimus" not in panel.options.cards:
        panel.options.show_all.setChecked(True)
    evero = panel.options.cards["everolimus"]
    qtbot.mouseClick(evero.buttons[Stance.NOT_NOW], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _option(ws, "everolimus") is not None, timeout=3000)
    evero = panel.options.cards["everolimus"]
    qtbot.keyClicks(evero.rationale, "Progressing on it")
    evero.saver.flush()
    assert _option(ws, "everolimus").stance == Stance.NOT_NOW

    dec = panel.decision
    dec.recommendation.setFocus()
    qtbot.keyClicks(dec.recommendation, "177Lu-DOTATATE PRRT, 4 cycles")
    dec.follow_up.setValue(12)
    dec.guideline.setCurrentText("ENETS guidance")
    dec.trial.setChecked(True)
    qtbot.keyClicks(dec.preferences, "Prefers treatment close to home")
    qtbot.waitUntil(lambda: _saved(dec.decision_saver, panel.saver), timeout=3000)
    alpha = _discussion(ws, "Alpha")
    meeting_day = ws.snapshot.meeting.starts_at.astimezone().date()
    assert alpha.decision is not None
    assert alpha.decision.recommendation == "177Lu-DOTATATE PRRT, 4 cycles"
    assert alpha.decision.follow_up_weeks == 12
    assert alpha.decision.next_review == meeting_day + timedelta(weeks=12)
    assert (alpha.guideline_cited, alpha.trial_eligibility_discussed) == ("ENETS guidance", True)
    assert alpha.patient_preferences == "Prefers treatment close to home"

    actions = panel.actions_editor
    actions.description.setText("Book PRRT work-up (kidney function, blood counts)")
    actions.owner.setText("Dr Nuclea Sample")
    actions.add_from_form()
    assert actions.table.rowCount() == 1
    assert _discussion(ws, "Alpha").actions[0].due_date == meeting_day + timedelta(days=14)

    course_id = dec.plan_course("prrt_lu177_dotatate", date(2025, 7, 1))
    assert course_id is not None
    case = queries.get_case(ui_store, ui_ids.alpha)
    course = next(c for c in case.therapies if c.id == course_id)
    assert course.decision_id == alpha.decision.id and course.option_id == "prrt_lu177_dotatate"
    assert panel.set_status(DiscussionStatus.DISCUSSED)

    # the other two cases, briefly
    for name, text in (("Delta", "Standard follow-up confirmed"), ("Beta", "Imaging in 6 months")):
        panel.show_discussion(_discussion(ws, name).id)
        panel.decision.recommendation.setFocus()
        qtbot.keyClicks(panel.decision.recommendation, text)
        panel.set_status(DiscussionStatus.DISCUSSED)  # saves the typing first
        assert _discussion(ws, name).decision.recommendation == text

    # -- 6. finalize: read-only, edits refused, addendum accepted ---------------------------
    panel.show_discussion(alpha.id)
    assert ws.editor.finalize()
    assert ws.snapshot.meeting.status == MeetingStatus.FINALIZED
    assert "read-only" in ws.editor.banner.text()
    assert dec.recommendation.isReadOnly() and not att.add_button.isEnabled()
    assert (
        not ws.agenda.add_button.isEnabled()
        and not panel.options.cards["prrt_lu177_dotatate"].buttons[Stance.LATER].isEnabled()
    )
    qtbot.keyClicks(dec.recommendation, " EDITED")
    assert dec.recommendation.toPlainText() == "177Lu-DOTATATE PRRT, 4 cycles"
    decision = _discussion(ws, "Alpha").decision
    with pytest.raises(FinalizedError):
        ui_context.operations.update(
            "decision", decision.id, {"recommendation": "changed"},
            expected_version=decision.version, text="try",
        )  # fmt: skip
    with pytest.raises(FinalizedError):
        ops.move_agenda_item(ui_store, alpha.id, 0)

    dialog = ws.add_addendum()
    assert dialog.target.currentData() == alpha.id
    dialog.text.setPlainText("Correction: 3 cycles planned, not 4 (renal function)")
    dialog.save()
    snapshot = queries.get_meeting(ui_store, meeting_id)
    assert len(snapshot.addenda) == 1
    addendum = snapshot.addenda[0]
    assert (addendum.author, addendum.discussion_id) == ("dr-ui-test", alpha.id)
    assert "Correction: 3 cycles" in panel.addenda.text() and "dr-ui-test" in panel.addenda.text()
    assert _discussion(ws, "Alpha").decision.recommendation == "177Lu-DOTATATE PRRT, 4 cycles"
    assert "Correction" in ws.addenda.toPlainText()

    fix = ws.add_addendum()
    assert fix.plan.isEnabled() and fix.plan.currentData() is None
    fix.plan.setCurrentIndex(fix.plan.findData("ssa_lanreotide"))
    fix.text.setPlainText("Plan corrected after the meeting: lanreotide first")
    fix.save()
    corrected = queries.get_meeting(ui_store, meeting_id).addenda[-1]
    assert (corrected.discussion_id, corrected.plan_option_id) == (alpha.id, "ssa_lanreotide")
    assert "Plan corrected: now recommended Lanreotide" in ws.addenda.toPlainText()
    whole = ws.add_addendum()
    whole.target.setCurrentIndex(0)  # the whole meeting: no plan to correct
    assert not whole.plan.isEnabled() and whole.plan.currentData() is None
    whole.reject()


def _option(ws, option_id: str):  # type: ignore[no-untyped-def]
    alpha = _discussion(ws, "Alpha")
    return next((o for o in alpha.options if o.option_id == option_id), None)


def test_undoing_a_new_meeting_closes_its_workspace(qtbot, main_window, ui_context):  # type: ignore[no-untyped-def]
    ctrl = main_window.meetings
    meeting_id = ctrl.navigator.create_meeting()
    assert main_window.workspace.currentWidget() is ctrl.workspace
    ui_context.undo_stack.undo()
    assert ctrl.workspace.snapshot is None
    assert main_window.workspace.currentWidget() is main_window.welcome
    assert meeting_id not in ctrl.navigator.meeting_ids()
