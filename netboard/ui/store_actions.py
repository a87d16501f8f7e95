"""File → Restore from backup…, and Patient → Audit history… (who changed, exported or printed
what in a record, before → after; and whether the audit chain is intact)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netboard.domain.audit_text import audit_rows
from netboard.ui.actions import ActionId

if TYPE_CHECKING:
    from netboard.domain.snapshot import AuditEntry
    from netboard.ui.context import AppContext
    from netboard.ui.main_window import MainWindow

COLUMNS = ("When", "Who", "Action", "Record", "Field", "Before", "After")


def install_store_actions(window: MainWindow) -> None:
    window.actions.register(ActionId.RESTORE_BACKUP, lambda: choose_backup(window))
    window.actions.register(ActionId.AUDIT_HISTORY, lambda: show_audit(window))


# --- restore -----------------------------------------------------------------------------


def choose_backup(window: MainWindow) -> None:
    store = window.context.store
    start = str(store.path.parent) if store.path is not None else str(Path.home())
    path, _ = QFileDialog.getOpenFileName(
        window, "Restore from backup", start, "NETboard backup (*.db *.sqlite *.bak);;All files (*)"
    )
    if path:
        restore_from_backup(window, path)


def restore_from_backup(window: MainWindow, backup: str, *, confirm: bool = True) -> bool:
    """Check ``backup``, keep the current file aside, put the backup in place, reopen."""
    from netboard.db.errors import DbError
    from netboard.db.store import known_revisions
    from netboard.db.store_files import restore_database

    store = window.context.store
    if store.path is None:
        _say(window, "Only a database file can be restored here; for a server database use its "
             "own tools (for PostgreSQL: pg_restore).")  # fmt: skip
        return False
    if confirm and not _confirmed(window, store.path, Path(backup)):
        return False
    window.exporter.wait()
    store.close()  # this window's connections go, so nothing of ours holds the file
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        aside = restore_database(Path(backup), store.path, known_revisions(), key=store.key)
    except DbError as exc:
        QApplication.restoreOverrideCursor()
        _say(window, str(exc), warning=True)
        return False
    QApplication.restoreOverrideCursor()
    reopened = window.open_database_file(str(store.path))
    kept = f"; the previous file is kept as {aside.name}" if aside is not None else ""
    target = reopened if reopened is not None else window
    target.statusBar().showMessage(f"Restored from {Path(backup).name}{kept}.", 15000)
    return True


def _confirmed(window: QWidget, current: Path, backup: Path) -> bool:
    answer = QMessageBox.question(
        window,
        "Restore from backup",
        f"Replace {current.name} with the backup {backup.name}?\n\nThe current file is kept "
        "beside it as a .before-restore-….bak copy; changes made since the backup are only "
        "in that copy.",
    )
    return answer == QMessageBox.StandardButton.Yes


def _say(window: QWidget, text: str, *, warning: bool = False) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information,
        "Restore from backup",
        text,
        QMessageBox.StandardButton.Ok,
        window,
    )
    box.setObjectName("restoreMessage")
    box.open()


# --- the audit viewer ---------------------------------------------------------------------


def show_audit(window: MainWindow) -> AuditViewer:
    viewer = AuditViewer(window.context, window.current_patient_id, window)
    viewer.open()
    return viewer


class AuditViewer(QDialog):
    """A record's history: one row per changed field (who, when, before → after)."""

    def __init__(self, context: AppContext, patient_id: str | None, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("auditViewer")
        self.setWindowTitle("Audit history")
        self.context = context
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setTabKeyNavigation(False)  # Tab reaches the dialog's buttons
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.chain = QLabel(self)
        self.chain.setObjectName("auditChain")
        self.chain.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.verify_button = QPushButton("Check the audit chain", self)
        buttons.addButton(self.verify_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.verify_button.clicked.connect(self.verify)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.table, self.chain, buttons):
            layout.addWidget(widget)
        self.resize(1000, 560)
        self.load(patient_id)

    def load(self, patient_id: str | None) -> None:
        from netboard.db import queries

        store = self.context.store
        if patient_id is None:
            entries = list(reversed(queries.audit_log(store, limit=300)))
            self.heading.setText("The latest changes in this database (open a patient to see "
                                 "the history of their record).")  # fmt: skip
        else:
            patient = queries.get_patient(store, patient_id)
            entries = queries.patient_history(store, patient_id)
            name = ", ".join(p for p in (patient.family_name, patient.given_name) if p)
            self.heading.setText(f"History of the record of {name} (MRN {patient.mrn}): every "
                                 "change, export and print, oldest first.")  # fmt: skip
        self._fill(entries)

    def _fill(self, entries: list[AuditEntry]) -> None:
        rows = [row for entry in entries for row in audit_rows(entry)]
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()

    def verify(self) -> None:
        from netboard.db import queries

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            check = queries.verify_audit(self.context.store)
        finally:
            QApplication.restoreOverrideCursor()
        if check.broken is None:
            self.chain.setText(f"Audit chain intact: {check.checked} entries checked.")
        else:
            self.chain.setText(f"Audit chain BROKEN at {check.broken.text}. Entries from there "
                               "on cannot be trusted.")  # fmt: skip
