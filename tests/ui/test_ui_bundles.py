"""File → Take cases offline / Bring offline work back: conflict dialog and import report."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QRadioButton

from netboard.db import operations as ops
from netboard.db import queries
from netboard.interchange.bundles import open_working_copy, save_working_copy
from netboard.ui.actions import ActionId

SHOTS = os.environ.get("NETBOARD_SHOTS")
"""Set to a folder to keep the dialog screenshots (the README's come from here)."""


def _decision(store, decision_id):  # type: ignore[no-untyped-def]
    for item in queries.list_meetings(store):
        for entry in queries.get_meeting(store, item.id).agenda:
            if entry.discussion.decision and entry.discussion.decision.id == decision_id:
                return entry.discussion.decision
    raise AssertionError("decision not found")


def _offline_edit(path: Path, edit) -> None:  # type: ignore[no-untyped-def]
    offline = open_working_copy(path, user="dr-laptop")
    try:
        edit(offline)
        save_working_copy(offline, path)
    finally:
        offline.close()


def _shot(widget, name: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    if SHOTS:  # the README's pictures carry the application's style sheet
        from PySide6.QtWidgets import QApplication

        from netboard.ui.app import apply_style

        apply_style(QApplication.instance())  # type: ignore[arg-type]
    widget.resize(*size)
    image = widget.grab()
    assert not image.isNull()
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        image.save(str(Path(SHOTS) / name))


def test_file_menu_offers_both_flows(main_window) -> None:  # type: ignore[no-untyped-def]
    texts = [a.text() for a in main_window.menu("File").actions()]
    assert main_window.actions.action(ActionId.TAKE_OFFLINE).text() in texts
    assert main_window.actions.action(ActionId.BRING_BACK).text() in texts


def test_conflicts_are_chosen_per_field_then_imported_with_a_report(  # type: ignore[no-untyped-def]
    qtbot, main_window, ui_store, ui_ids, tmp_path
):
    flows = main_window.bundles
    path = flows.export_to(tmp_path / "prep.nbx", meeting_id=None, patient_id=ui_ids.alpha)
    flows.message_box.close()
    decision = _decision(ui_store, ui_ids.alpha_decision)

    def offline(store):  # type: ignore[no-untyped-def]
        ops.update(
            store,
            "decision",
            decision.id,
            {
                "recommendation": "Offline wording.",
                "follow_up_weeks": 8,
                "dissent_note": "Surgeon prefers PRRT first.",
            },
            expected_version=decision.version,
        )
        ops.update(
            store,
            "patient",
            ui_ids.alpha,
            {"notes": "Offline note."},
            expected_version=queries.get_patient(store, ui_ids.alpha).version,
        )

    _offline_edit(path, offline)
    ops.update(
        ui_store,
        "decision",
        decision.id,
        {"recommendation": "Board wording.", "follow_up_weeks": 26},
        expected_version=decision.version,
    )

    flows.review(path)
    dialog = flows.conflict_dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.import_button.isEnabled()  # two contested fields, no choice yet
    _shot(dialog, "bundle-conflict.png", (1300, 620))
    dialog.findChild(QRadioButton, "pick_theirs_recommendation").click()
    assert not dialog.import_button.isEnabled()
    dialog.findChild(QRadioButton, "pick_ours_follow_up_weeks").click()
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted):
        dialog.import_button.click()
    report = flows.report_dialog
    assert report is not None and report.isVisible()
    text = report.text.toPlainText()
    assert "Offline note" not in text and "changed Patient" in text and "resolved Decision" in text
    _shot(report, "bundle-import-report.png", (1100, 520))
    after = _decision(ui_store, ui_ids.alpha_decision)
    assert (after.recommendation, after.follow_up_weeks) == ("Offline wording.", 26)
    assert after.dissent_note == "Surgeon prefers PRRT first."  # one side only: taken
    assert queries.get_patient(ui_store, ui_ids.alpha).notes == "Offline note."


def test_a_tampered_bundle_is_refused_with_a_message(  # type: ignore[no-untyped-def]
    qtbot, main_window, ui_ids, tmp_path
):
    flows = main_window.bundles
    path = flows.export_to(tmp_path / "prep.nbx", meeting_id=None, patient_id=ui_ids.alpha)
    data = bytearray(path.read_bytes())
    path.write_bytes(bytes(data[: len(data) // 2]))
    flows.review(path)
    box = flows.message_box
    assert isinstance(box, QMessageBox) and box.objectName() == "bundleRefused"
    assert "bundle" in box.text()


def test_without_conflicts_a_preview_is_confirmed(  # type: ignore[no-untyped-def]
    qtbot, main_window, ui_store, ui_ids, tmp_path
):
    flows = main_window.bundles
    path = flows.export_to(tmp_path / "prep.nbx", meeting_id=None, patient_id=ui_ids.alpha)
    _offline_edit(
        path,
        lambda s: ops.update(
            s,
            "patient",
            ui_ids.alpha,
            {"notes": "Offline."},
            expected_version=queries.get_patient(s, ui_ids.alpha).version,
        ),
    )
    flows.review(path)
    preview = flows.report_dialog
    assert preview is not None and "changed Patient" in preview.text.toPlainText()
    assert queries.get_patient(ui_store, ui_ids.alpha).notes != "Offline."
    with qtbot.waitSignal(preview.accepted):
        preview.accept()
    assert queries.get_patient(ui_store, ui_ids.alpha).notes == "Offline."
    assert flows.report_dialog is not preview


def test_a_working_copy_saves_itself_into_its_bundle_when_the_window_closes(  # type: ignore[no-untyped-def]
    qtbot, ui_store, ui_ids, ui_settings, tmp_path
):
    from netboard.interchange.bundles import export_bundle, read_bundle
    from netboard.ui.app import build_main_window
    from netboard.ui.context import build_context

    path = export_bundle(ui_store, tmp_path / "prep.nbx", patient_ids=[ui_ids.alpha]).path
    offline = open_working_copy(path, user="dr-laptop")
    try:
        context = build_context(offline, settings=ui_settings)
        window = build_main_window(context)
        qtbot.addWidget(window)
        window.show()
        ops.update(
            offline,
            "patient",
            ui_ids.alpha,
            {"notes": "Written on the train."},
            expected_version=queries.get_patient(offline, ui_ids.alpha).version,
        )
        window.close()
        context.undo_stack.clear()
    finally:
        offline.close()
    saved = read_bundle(path)
    (alpha,) = [r for r in saved.records["patient"] if r["id"] == ui_ids.alpha]
    assert alpha["notes"] == "Written on the train."
    assert saved.manifest["edited_by"] == "dr-laptop"


JENNY = Path(__file__).resolve().parents[2] / ".." / "shared" / "fixtures" / "fhir"


def test_fhir_import_previews_its_report_then_imports(  # type: ignore[no-untyped-def]
    qtbot, main_window, ui_store, tmp_path
):
    fixture = JENNY / "mcode-jenny-m-transaction.json"
    if not fixture.exists():
        import pytest

        pytest.skip("../shared/fixtures missing")
    flows = main_window.bundles.fhir
    flows.preview(fixture)
    preview = flows.report_dialog
    assert preview is not None and "skipped" in preview.text.toPlainText()
    assert queries.find_patient(ui_store, "MRN1234") is None
    _shot(preview, "fhir-import-report.png", (1100, 520))
    with qtbot.waitSignal(preview.accepted):
        preview.accept()
    assert queries.find_patient(ui_store, "MRN1234") is not None
    written = flows.export_to("MRN1234", tmp_path / "jenny.json")
    flows.message_box.close()
    assert written.exists()


def test_patient_list_import_maps_columns_and_lists_row_errors(  # type: ignore[no-untyped-def]
    qtbot, main_window, ui_store, tmp_path
):
    path = tmp_path / "list.csv"
    path.write_text(
        "Hospital number,Surname,Forename,Born\n"
        "ZZ-UI-1,Listperson,Ada,1960-05-01\n"
        "ZZ-UI-2,,Bea,1961-01-01\n"
        "ZZ-UI-3,Dateperson,Cy,yesterday\n",
        encoding="utf-8",
    )
    lists = main_window.bundles.lists
    lists.review_list(path)
    dialog = lists.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.mapping()["mrn"] == "Hospital number"
    errors = dialog.errors.toPlainText()
    assert "row 3, column 'Surname'" in errors and "row 4, column 'Born'" in errors
    _shot(dialog, "patient-list-import.png", (1200, 640))
    dialog.combos["birth_date"].setCurrentText("(not imported)")  # the user drops a column
    assert "row 4" not in dialog.errors.toPlainText()
    with qtbot.waitSignal(dialog.accepted):
        dialog.import_button.click()
    assert queries.find_patient(ui_store, "ZZ-UI-1") is not None
    assert queries.find_patient(ui_store, "ZZ-UI-3") is not None
    assert queries.find_patient(ui_store, "ZZ-UI-2") is None
    lists.message_box.close()
    written = lists.export_to("followup", tmp_path / "followup.xlsx")
    assert written.exists()


def test_file_open_takes_a_bundle_as_its_working_copy(  # type: ignore[no-untyped-def]
    qtbot, main_window, ui_ids, tmp_path
):
    from PySide6.QtWidgets import QApplication

    from netboard.interchange.bundles import read_bundle, working_copy_path
    from netboard.ui.main_window import MainWindow

    path = main_window.bundles.export_to(
        tmp_path / "prep.nbx", meeting_id=None, patient_id=ui_ids.alpha
    )
    main_window.bundles.message_box.close()
    main_window.open_database_file(str(path))
    windows = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, MainWindow) and w is not main_window and w.isVisible()
    ]
    assert len(windows) == 1
    offline = windows[0]
    qtbot.addWidget(offline)
    assert offline.context.store.path == working_copy_path(path)
    store = offline.context.store
    ops.update(
        store,
        "patient",
        ui_ids.alpha,
        {"notes": "Prepared in the window."},
        expected_version=queries.get_patient(store, ui_ids.alpha).version,
    )
    offline.close()
    (alpha,) = [r for r in read_bundle(path).records["patient"] if r["id"] == ui_ids.alpha]
    assert alpha["notes"] == "Prepared in the window."


def test_a_damaged_bundle_is_not_opened(qtbot, main_window, tmp_path):  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.nbx"
    bad.write_bytes(b"garbage")
    main_window.open_database_file(str(bad))
    box = main_window.findChild(QMessageBox, "openBundleError")
    assert box is not None and box.isVisible() and "bad.nbx" in box.text()
