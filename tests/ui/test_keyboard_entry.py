"""New patient by keyboard (issue 12 audit, tried under Xvfb): Ctrl+N opened the form with the
keys on its scroll area, so the MRN typed first went nowhere."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from netboard.ui.actions import ActionId
from netboard.ui.dialogs.form import RecordForm


def test_the_new_patient_form_opens_with_the_keys_in_its_first_field(
    qtbot, main_window  # type: ignore[no-untyped-def]
) -> None:
    main_window.activateWindow()
    main_window.actions.action(ActionId.NEW_PATIENT).trigger()
    form = main_window.findChild(RecordForm, "patientForm")
    qtbot.waitExposed(form)
    form.activateWindow()  # as the window manager does for a new dialog
    qtbot.waitUntil(lambda: form.isAncestorOf(QApplication.focusWidget()))
    mrn = form.fields["mrn"].line
    qtbot.keyClicks(QApplication.focusWidget(), "T-0042")
    assert mrn.text() == "T-0042"
    qtbot.keyClick(mrn, Qt.Key.Key_Tab)
    assert form.fields["family_name"].line.hasFocus()
