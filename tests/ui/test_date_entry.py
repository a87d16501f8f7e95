"""Typing a date into a form the way a clinician types it, keyboard only (issue 12: typing a date
took four tries), and a clear message naming the field when the text is not a date."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from netboard.db import queries
from netboard.ui.dialogs.form import RecordForm
from tests.ui.conftest import TODAY


def open_form(qtbot, window, ui_ids, kind: str) -> RecordForm:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.case_opened, timeout=5000):
        window.open_case(ui_ids.alpha)
    window.case_workspace.add_record(kind)
    form = window.findChild(RecordForm, f"{kind}Form")
    assert form is not None
    return form


def type_date(qtbot, form: RecordForm, name: str, text: str) -> None:  # type: ignore[no-untyped-def]
    line = form.fields[name].date_edit.line
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Tab)


@pytest.mark.parametrize(
    ("typed", "meant", "shown"),
    [
        ("3/4/2024", date(2024, 4, 3), "03 Apr 2024"),
        ("03 Mar 2024", date(2024, 3, 3), "03 Mar 2024"),
        ("2024-03-03", date(2024, 3, 3), "03 Mar 2024"),
    ],
)
def test_a_typed_date_is_taken_first_time_and_shown_as_read(
    qtbot, main_window, ui_ids, typed: str, meant: date, shown: str
) -> None:
    form = open_form(qtbot, main_window, ui_ids, "lab")
    type_date(qtbot, form, "date", typed)
    field = form.fields["date"]
    assert field.date_edit.text() == shown
    assert field.read() == meant
    assert form.errors() == {}
    form.reject()


def test_a_date_typed_and_saved_without_leaving_the_box_is_the_date_saved(
    qtbot, main_window, ui_ids, ui_store
) -> None:
    form = open_form(qtbot, main_window, ui_ids, "lab")
    line = form.fields["date"].date_edit.line
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "5/1/2025")
    qtbot.keyClicks(form.fields["value"].line, "88")
    assert form.save()
    labs = queries.get_case(ui_store, ui_ids.alpha).labs
    assert date(2025, 1, 5) in {lab.date for lab in labs}


def test_a_text_that_is_no_date_says_so_beside_the_field_and_saves_nothing(
    qtbot, main_window, ui_ids, ui_store
) -> None:
    before = len(queries.get_case(ui_store, ui_ids.alpha).labs)
    form = open_form(qtbot, main_window, ui_ids, "lab")
    type_date(qtbot, form, "date", "31/02/2024")
    field = form.fields["date"]
    message = "Date: \u201c31/02/2024\u201d is not a date: February 2024 has 29 days."
    assert field.error.isVisibleTo(form) and field.error.text() == message
    assert field.date_edit.text() == "31/02/2024"  # what was typed stays, to be corrected
    qtbot.keyClicks(form.fields["value"].line, "88")
    assert not form.save()
    assert form.errors()["date"] == message
    assert len(queries.get_case(ui_store, ui_ids.alpha).labs) == before
    type_date(qtbot, form, "date", "29/2/2024")
    assert form.errors() == {}
    assert form.save()
    assert len(queries.get_case(ui_store, ui_ids.alpha).labs) == before + 1


def test_arrow_keys_step_the_date_and_the_calendar_opens_from_the_keyboard(
    qtbot, main_window, ui_ids
) -> None:
    form = open_form(qtbot, main_window, ui_ids, "lab")
    edit = form.fields["date"].date_edit
    assert edit.date().toPython() == TODAY
    edit.line.setFocus()
    qtbot.keyClick(edit.line, Qt.Key.Key_Up)
    assert form.fields["date"].read() == date(TODAY.year, TODAY.month, TODAY.day + 1)
    qtbot.keyClick(edit.line, Qt.Key.Key_PageDown)
    assert form.fields["date"].read() == date(TODAY.year, TODAY.month - 1, TODAY.day + 1)
    qtbot.keyClick(edit.line, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert edit.calendar is not None and edit.calendar.isVisible()
    qtbot.keyClick(edit.calendar, Qt.Key.Key_Escape)
    form.reject()
