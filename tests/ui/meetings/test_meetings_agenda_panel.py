"""The agenda panel in the window: drag patients in, remove with confirmation, reorder by keys."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QMessageBox

from netboard.db import queries
from netboard.ui.meetings.patient_drag import patient_mime


def _agenda(window, ui_ids):  # type: ignore[no-untyped-def]
    window.meetings.open_meeting(ui_ids.next_meeting)
    return window.meetings.workspace


def test_patients_dragged_from_the_patient_list_join_the_agenda(  # type: ignore[no-untyped-def]
    qtbot, main_window, ui_ids
):
    ws = _agenda(main_window, ui_ids)
    patients = main_window.patient_list
    qtbot.waitUntil(lambda: patients.model.rowCount() >= 4, timeout=3000)
    row = next(r for r in range(patients.model.rowCount())
               if patients.model.patient_id(r) == ui_ids.beta)  # fmt: skip
    patients.table.selectRow(row)
    source = main_window.meetings.patient_drag
    assert source.selected_ids() == [ui_ids.beta]
    model = ws.agenda.model
    assert model.canDropMimeData(patient_mime([ui_ids.beta]), Qt.DropAction.CopyAction, 0, 0,
                                 QModelIndex())  # fmt: skip
    model.dropMimeData(patient_mime(source.selected_ids()), Qt.DropAction.CopyAction, 0, 0,
                       QModelIndex())  # fmt: skip
    qtbot.waitUntil(lambda: len(ws.snapshot.agenda) == 2, timeout=3000)
    assert [i.patient.given_name for i in ws.snapshot.agenda] == ["Beta", "Gamma"]  # dropped on top


def test_removing_a_case_with_a_record_asks_first_and_undo_restores_it(  # type: ignore[no-untyped-def]
    qtbot, main_window, ui_ids, ui_context, ui_store
):
    ws = _agenda(main_window, ui_ids)
    ws.agenda.add_patients([ui_ids.alpha])
    gamma = ws.snapshot.agenda[0].discussion
    ws.open_discussion(gamma.id)
    ws.discussion.decision.recommendation.setPlainText("Repeat SSTR PET first")
    ws.discussion.decision.flush()
    ws.tabs.setCurrentIndex(0)
    ws.agenda.select(gamma.id)
    ws.agenda.remove_selected()
    box = ws.agenda.findChild(QMessageBox, "removeCaseConfirm")
    assert box is not None and "Samplecase, Gamma" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    assert [i.patient.given_name for i in ws.snapshot.agenda] == ["Alpha"]
    ui_context.undo_stack.undo()
    restored = queries.get_meeting(ui_store, ui_ids.next_meeting).agenda
    assert [i.patient.given_name for i in restored] == ["Gamma", "Alpha"]
    assert restored[0].discussion.decision.recommendation == "Repeat SSTR PET first"


def test_keyboard_reorders_the_agenda(qtbot, main_window, ui_ids):  # type: ignore[no-untyped-def]
    ws = _agenda(main_window, ui_ids)
    ws.agenda.add_patients([ui_ids.alpha, ui_ids.beta])
    ws.tabs.setCurrentIndex(0)
    view = ws.agenda.view
    view.setFocus()
    ws.agenda.select(ws.snapshot.agenda[2].discussion.id)
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert [i.patient.given_name for i in ws.snapshot.agenda] == ["Gamma", "Beta", "Alpha"]
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert [i.patient.given_name for i in ws.snapshot.agenda] == ["Beta", "Gamma", "Alpha"]
    assert ws.agenda.selected_discussion_id() == ws.snapshot.agenda[0].discussion.id
    with qtbot.waitSignal(ws.agenda.case_activated) as opened:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened.args == [ws.snapshot.agenda[0].discussion.id]


def test_readiness_ages_are_measured_at_the_meeting_date(  # type: ignore[no-untyped-def]
    qtbot, main_window, ui_store, ui_ids
):
    """Issue 12: imaging 85 days old today is 106 days old when the board meets in three weeks;
    the check (and its tooltip, wrapped) must say so."""
    from datetime import UTC, datetime, time, timedelta

    from netboard.db import operations as ops
    from netboard.domain.vocab import ImagingModality
    from tests.ui.conftest import TODAY

    day = TODAY + timedelta(days=21)
    meeting = ops.create(ui_store, "meeting", {
        "starts_at": datetime.combine(day, time(15, 0), tzinfo=UTC), "title": "Later board"})
    patient = ops.create(ui_store, "patient", {"mrn": "T-AGE", "family_name": "Testperson",
                                               "given_name": "Aged"})  # fmt: skip
    ops.create(ui_store, "imaging", {"patient_id": patient, "date": TODAY - timedelta(days=85),
                                     "modality": ImagingModality.CT, "finding": "Stable."})
    ops.add_to_agenda(ui_store, meeting, patient, question="Continue?")
    main_window.meetings.open_meeting(meeting)
    model = main_window.meetings.workspace.agenda.model
    from netboard.ui.meetings import agenda_model as am

    cell = model.index(0, am.COL_READY)
    assert "Latest imaging is CT" in model.data(cell)
    tip = model.data(cell, Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("<qt>") and "<li>" in tip  # rich text: Qt wraps it
