"""File → Restore from backup… and Patient → Audit history… in the window (issue 13)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from netboard.db import operations as db_ops
from netboard.db import queries
from netboard.db.store import Store
from netboard.ui.actions import ActionId
from netboard.ui.main_window import MainWindow
from netboard.ui.store_actions import AuditViewer, restore_from_backup, show_audit

SHOTS = os.environ.get("NETBOARD_SHOTS")
"""Set to a folder to keep screenshots of the audit viewer at two window sizes."""


def _other_windows(window: MainWindow) -> list[MainWindow]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, MainWindow) and w is not window and w.isVisible()
    ]


def test_menu_entries_exist(main_window) -> None:  # type: ignore[no-untyped-def]
    restore = main_window.actions.action(ActionId.RESTORE_BACKUP)
    audit = main_window.actions.action(ActionId.AUDIT_HISTORY)
    assert restore.text().startswith("Restore from")
    assert audit.text().startswith("Audit")


def test_restore_from_backup_reopens_the_restored_database(  # type: ignore[no-untyped-def]
    qtbot, main_window, ui_store: Store, ui_db_path: Path, tmp_path: Path
) -> None:
    backup = ui_store.backup(tmp_path / "backup.sqlite")
    before = {row.mrn for row in queries.list_patients(ui_store, limit=100).rows}
    db_ops.create(ui_store, "patient", {"mrn": "AFTER-1", "family_name": "Laterperson"})
    assert restore_from_backup(main_window, str(backup), confirm=False)
    (new,) = _other_windows(main_window)
    qtbot.addWidget(new)
    mrns = {row.mrn for row in queries.list_patients(new.context.store, limit=100).rows}
    assert mrns == before
    assert "Restored from backup.sqlite" in new.statusBar().currentMessage()
    aside = list(ui_db_path.parent.glob(f"{ui_db_path.name}.before-restore-*.bak"))
    assert len(aside) == 1
    new.context.store.close()


def test_restore_refuses_a_file_that_is_not_a_backup(  # type: ignore[no-untyped-def]
    qtbot, main_window, tmp_path: Path
) -> None:
    bogus = tmp_path / "notes.sqlite"
    bogus.write_text("not a database")
    assert not restore_from_backup(main_window, str(bogus), confirm=False)
    box = main_window.findChild(QMessageBox, "restoreMessage")
    assert box is not None and "not a NETboard database" in box.text()
    assert _other_windows(main_window) == []
    assert queries.list_patients(main_window.context.store, limit=5).rows  # still works


def test_audit_viewer_shows_who_when_before_after(  # type: ignore[no-untyped-def]
    qtbot, main_window, ui_store: Store, ui_ids
) -> None:
    patient = queries.get_patient(ui_store, ui_ids.alpha)
    db_ops.update(ui_store, "patient", patient.id, {"notes": "Viewer check"},
                  expected_version=patient.version)  # fmt: skip
    main_window.open_case(ui_ids.alpha)
    viewer = show_audit(main_window)
    qtbot.addWidget(viewer)
    assert isinstance(viewer, AuditViewer)
    assert patient.mrn in viewer.heading.text()
    rows = [
        [viewer.table.item(r, c).text() for c in range(viewer.table.columnCount())]
        for r in range(viewer.table.rowCount())
    ]
    changed = [r for r in rows if r[2] == "changed" and r[4] == "Notes"]
    assert changed and changed[-1][6] == "Viewer check"
    assert any(r[2] == "created" and r[3] == "tumor" for r in rows)
    viewer.verify()
    assert "intact" in viewer.chain.text()
    if SHOTS:
        for width, height in ((1366, 768), (1920, 1080)):
            main_window.resize(width, height)
            viewer.resize(int(width * 0.75), int(height * 0.7))
            QApplication.processEvents()
            viewer.grab().save(str(Path(SHOTS) / f"audit-viewer-{width}.png"))
            main_window.grab().save(str(Path(SHOTS) / f"main-window-{width}.png"))
