"""The live discussion panel: stances toggle, dissent, planned course from the decision, the case
clock and typing that meets another change of the same record."""

from __future__ import annotations

from datetime import timedelta

from meetings_helpers import FakeClock
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from netboard.db import queries
from netboard.domain.vocab import Agreement, DiscussionStatus, MeetingStatus, Stance


def _alpha_discussion(window, ui_ids):  # type: ignore[no-untyped-def]
    window.meetings.open_meeting(ui_ids.next_meeting)
    ws = window.meetings.workspace
    ws.agenda.add_patients([ui_ids.alpha])
    disc = next(i.discussion for i in ws.snapshot.agenda if i.discussion.patient_id == ui_ids.alpha)
    ws.open_discussion(disc.id)
    return ws, ws.discussion


def _current(ws):  # type: ignore[no-untyped-def]
    return ws.discussion.item.discussion


def test_clicking_the_set_stance_again_clears_it(qtbot, main_window, ui_ids, ui_context):  # type: ignore[no-untyped-def]
    ws, panel = _alpha_discussion(main_window, ui_ids)
    key = panel.options.visible_entries()[0].key
    card = panel.options.cards[key]
    qtbot.mouseClick(card.buttons[Stance.LATER], Qt.MouseButton.LeftButton)
    assert [o.stance for o in _current(ws).options] == [Stance.LATER]
    card = panel.options.cards[key]
    assert card.buttons[Stance.LATER].isChecked() and card.rationale.isVisible()
    qtbot.mouseClick(card.buttons[Stance.ALTERNATIVE], Qt.MouseButton.LeftButton)
    assert [o.stance for o in _current(ws).options] == [Stance.ALTERNATIVE]
    qtbot.mouseClick(
        panel.options.cards[key].buttons[Stance.ALTERNATIVE], Qt.MouseButton.LeftButton
    )
    assert _current(ws).options == ()
    ui_context.undo_stack.undo()
    assert [o.stance for o in _current(ws).options] == [Stance.ALTERNATIVE]


def test_dissent_opens_the_note_and_both_are_saved(qtbot, main_window, ui_ids):  # type: ignore[no-untyped-def]
    ws, panel = _alpha_discussion(main_window, ui_ids)
    dec = panel.decision
    assert not dec.dissent_note.isEnabled() and not dec.dissent_note.isVisibleTo(dec)
    qtbot.mouseClick(dec.dissent, Qt.MouseButton.LeftButton)
    assert dec.dissent_note.isEnabled() and dec.dissent_note.isVisibleTo(dec)
    qtbot.keyClicks(dec.dissent_note, "Surgery favours resection first")
    dec.flush()
    decision = _current(ws).decision
    assert decision.agreement == Agreement.DISSENT
    assert decision.dissent_note == "Surgery favours resection first"
    # the whole placeholder shows in its own row, even in a laptop's narrow column
    dec.dissent_note.clear()
    hint = dec.dissent_note.fontMetrics().horizontalAdvance(dec.dissent_note.placeholderText())
    assert dec.dissent_note.width() > hint


def test_a_recommended_option_becomes_a_planned_course(
    qtbot, main_window, ui_ids, ui_store, ui_context
):  # type: ignore[no-untyped-def]
    ws, panel = _alpha_discussion(main_window, ui_ids)
    dec = panel.decision
    dec.plan_course_dialog()
    assert "No option is marked 'Recommended'" in dec.error.text()
    key = next(e.key for e in panel.options.entries if e.option_id == "prrt_lu177_dotatate")
    panel.options.set_stance(key, Stance.RECOMMENDED)
    dec.recommendation.setPlainText("PRRT")
    dec.plan_course_dialog()
    dialog = dec.findChild(QDialog, "planCourseDialog")
    assert dialog is not None
    buttons = dialog.findChild(QDialogButtonBox)
    buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    case = queries.get_case(ui_store, ui_ids.alpha)
    planned = [c for c in case.therapies if c.option_id == "prrt_lu177_dotatate"]
    assert len(planned) == 1
    assert planned[0].decision_id == _current(ws).decision.id
    assert planned[0].start_date == ui_context.today() + timedelta(days=14)
    ui_context.undo_stack.undo()
    case = queries.get_case(ui_store, ui_ids.alpha)
    assert not [c for c in case.therapies if c.option_id == "prrt_lu177_dotatate"]


def test_the_case_clock_runs_in_session_and_typing_survives_its_save(  # type: ignore[no-untyped-def]
    qtbot, main_window, ui_ids
):
    ws, panel = _alpha_discussion(main_window, ui_ids)
    clock = FakeClock()
    ws.timer.clock = clock
    assert ws.editor.start_meeting()
    assert ws.snapshot.meeting.status == MeetingStatus.IN_SESSION
    gamma, alpha = (i.discussion.id for i in ws.snapshot.agenda)
    panel.show_discussion(gamma)  # the clock starts for Gamma
    clock.advance(125)
    assert ws.timer.total_s() == 125
    ws.timer._emit_tick()
    assert panel.timer_label.text().endswith("02:05")
    panel.question.setFocus()
    panel.saver.set_delay(60_000)
    qtbot.keyClicks(panel.question, " Also: timing of restaging?")
    assert panel.saver.has_pending("question")
    ws.timer.stop()  # the clock writes time_spent_s: the discussion's version moves on
    assert _current(ws).time_spent_s == 125
    assert panel.saver.flush()  # the typed question still saves (other field changed, retried)
    assert _current(ws).question == "Role of PRRT? Also: timing of restaging?"
    assert _current(ws).time_spent_s == 125
    assert not panel.error.isVisibleTo(panel)
    panel.show_discussion(alpha)
    assert ws.timer.discussion_id == alpha


def test_alt_arrows_step_through_cases_and_finalizing_names_open_cases(  # type: ignore[no-untyped-def]
    qtbot, main_window, ui_ids
):
    from PySide6.QtWidgets import QMessageBox

    ws, panel = _alpha_discussion(main_window, ui_ids)
    gamma, alpha = (i.discussion.id for i in ws.snapshot.agenda)
    assert panel.discussion_id == alpha
    panel.question.setFocus()
    qtbot.keyClick(panel.question, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert panel.discussion_id == gamma
    qtbot.keyClick(panel.question, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert panel.discussion_id == alpha
    panel.decision.recommendation.setPlainText("Lanreotide")
    assert panel.set_status(DiscussionStatus.DISCUSSED)  # saves the typing first
    ws.editor.confirm_finalize()
    box = ws.editor.findChild(QMessageBox, "finalizeConfirm")
    assert box is not None and "Case(s) 1 have no recommendation" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    assert ws.snapshot.meeting.status == MeetingStatus.FINALIZED
    assert not ws.editor.finalize_button.isVisible() and ws.editor.addendum_button.isVisibleTo(ws)


def test_finalizing_stops_the_clock_ends_undo_and_shows_fields_as_read_only(  # type: ignore[no-untyped-def]
    qtbot, main_window, ui_ids, ui_context
):
    """Issue 12: after Finalize the clock kept running, Undo was offered (then refused) and the
    fields looked editable while ignoring typing."""
    from netboard.ui.actions import ActionId
    from netboard.ui.style import STYLE_SHEET

    app = qtbot_app()
    before = app.styleSheet()
    app.setStyleSheet(STYLE_SHEET)  # the real look (restored below for the other tests)
    try:
        _finalize_and_check(qtbot, main_window, ui_ids, ui_context, ActionId.UNDO)
    finally:
        app.setStyleSheet(before)


def _finalize_and_check(qtbot, main_window, ui_ids, ui_context, undo_id):  # type: ignore[no-untyped-def]
    ws, panel = _alpha_discussion(main_window, ui_ids)
    clock = FakeClock()
    ws.timer.clock = clock
    assert ws.editor.start_meeting()
    panel.show_discussion(panel.discussion_id)
    ws._discussion_shown(panel.discussion_id)
    assert ws.timer.running
    editable = panel.question.grab().toImage()
    qtbot.keyClicks(panel.decision.recommendation, "Lanreotide")
    panel.flush()
    clock.advance(90)
    assert ui_context.undo_stack.canUndo()
    assert ws.editor.finalize()
    assert not ws.timer.running
    assert _current(ws).time_spent_s == 90  # written before the record froze
    assert not ui_context.undo_stack.canUndo()
    assert not main_window.actions.action(undo_id).isEnabled()
    assert panel.question.isReadOnly() and panel.decision.recommendation.isReadOnly()
    frozen = panel.question.grab().toImage()
    y = frozen.height() // 2
    assert frozen.pixelColor(4, y) != editable.pixelColor(4, y)  # it looks read-only too


def qtbot_app():  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app


def test_a_typed_owner_does_not_carry_over_to_the_next_case(qtbot, main_window, ui_ids):  # type: ignore[no-untyped-def]
    """Issue 12: the owner typed for one case's action appeared in the next case's new action."""
    ws, panel = _alpha_discussion(main_window, ui_ids)
    gamma, _alpha = (i.discussion.id for i in ws.snapshot.agenda)
    actions = panel.actions_editor
    qtbot.keyClicks(actions.description, "Request SSTR PET")
    qtbot.keyClicks(actions.owner, "Dr Fictional Owner")
    qtbot.mouseClick(actions.add_button, Qt.MouseButton.LeftButton)
    assert [a.owner for a in _current(ws).actions] == ["Dr Fictional Owner"]
    qtbot.keyClicks(actions.owner, "Half-typed for Alpha")
    panel.show_discussion(gamma)
    assert actions.owner.text() == "" and actions.description.text() == ""
