"""File → Import patient list… (column mapping, preview, per-row errors), Export patient list…,
Export follow-up lists…, Meeting invitation (.ics)…"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netboard.domain.validation import label
from netboard.interchange import spreadsheet as ss
from netboard.ui.actions import ActionId, ActionRegistry
from netboard.ui.bundle_dialogs import show_message
from netboard.ui.change_bus import RELOAD_ALL
from netboard.ui.context import AppContext
from netboard.ui.form_layout import add_row, form_layout

NOT_IMPORTED = "(not imported)"
PREVIEW_ROWS = 8


class PatientListDialog(QDialog):
    """Which column holds which field (guessed from the headers), the first rows, and every
    problem per row; Import takes the good rows only."""

    def __init__(self, context: AppContext, path: Path, table: ss.Table, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("patientListImport")
        self.setWindowTitle(f"Import patient list: {path.name}")
        self.context, self.path, self.table = context, path, table
        self.plan: ss.PatientImport | None = None
        guessed = ss.guess_mapping(table.headers)
        form = form_layout()
        self.combos: dict[str, QComboBox] = {}
        for name in ss.PATIENT_FIELDS:
            combo = QComboBox()
            combo.setObjectName(f"map_{name}")
            combo.addItems([NOT_IMPORTED, *table.headers])
            if name in guessed:
                combo.setCurrentText(guessed[name])
            combo.currentTextChanged.connect(self.refresh)
            self.combos[name] = combo
            add_row(form, label("patient", name), combo)
        mapping = QWidget()
        mapping.setLayout(form)
        self.preview = QTableWidget(min(PREVIEW_ROWS, len(table.rows)), len(table.headers))
        self.preview.setObjectName("listPreview")
        self.preview.setTabKeyNavigation(False)
        self.preview.setHorizontalHeaderLabels(list(table.headers))
        self.preview.setVerticalHeaderLabels([str(n + 2) for n in range(self.preview.rowCount())])
        for r, row in enumerate(table.rows[:PREVIEW_ROWS]):
            for col, cell in enumerate(row):
                self.preview.setItem(r, col, QTableWidgetItem(cell))
        self.preview.resizeColumnsToContents()
        self.summary = QLabel()
        self.summary.setObjectName("listSummary")
        self.errors = QPlainTextEdit()
        self.errors.setObjectName("rowErrors")
        self.errors.setReadOnly(True)
        top = QHBoxLayout()
        top.addWidget(mapping)
        top.addWidget(self.preview, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 2)
        layout.addWidget(self.summary)
        layout.addWidget(self.errors, 1)
        layout.addWidget(self.buttons)
        self.resize(1200, 640)
        self.refresh()

    def mapping(self) -> dict[str, str]:
        return {
            n: c.currentText() for n, c in self.combos.items() if c.currentText() != NOT_IMPORTED
        }

    def refresh(self) -> None:
        try:
            self.plan = ss.plan_patients(self.context.store, self.table, self.mapping())
        except ss.SpreadsheetError as exc:
            self.plan = None
            self.summary.setText(f"Cannot import: {exc}.")
            self.errors.setPlainText("")
            self.import_button.setEnabled(False)
            return
        lines = self.plan.report()
        self.summary.setText(lines[0] + " (rows with a problem are skipped, never half-written)")
        self.errors.setPlainText("\n".join(lines[1:]) or "No problems found.")
        self.import_button.setEnabled(bool(self.plan.good))


class ListActions(QObject):
    def __init__(
        self, window: QWidget, context: AppContext, current_meeting: Callable[[], str | None]
    ) -> None:
        super().__init__(window)
        self.window, self.context, self.current_meeting = window, context, current_meeting
        self.dialog: PatientListDialog | None = None
        self.message_box: QMessageBox | None = None

    def choose_list(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            "Import patient list",
            str(Path.home()),
            "Spreadsheets (*.csv *.xlsx);;All files (*)",
        )
        if path:
            self.review_list(Path(path))

    def review_list(self, path: Path) -> None:
        try:
            table = ss.read_table(path)
        except ss.SpreadsheetError as exc:
            self._tell("Patient list not read", str(exc), warning=True)
            return
        dialog = PatientListDialog(self.context, path, table, self.window)
        dialog.accepted.connect(lambda: self._import(dialog))
        self.dialog = dialog
        dialog.open()

    def _import(self, dialog: PatientListDialog) -> None:
        if dialog.plan is None:
            return
        count = ss.import_patients(self.context.store, dialog.plan, dialog.path.name)
        self.context.bus.announce(RELOAD_ALL)
        skipped = len(dialog.plan.skipped_rows)
        self._tell(
            "Patient list imported",
            f"Imported {count} patient(s); {skipped} row(s) "
            "with problems were skipped (listed in the import window).",
        )

    def export_list(self, which: str) -> None:
        title = "Export patient list" if which == "patients" else "Export follow-up lists"
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            title,
            str(Path.home() / f"{which}.xlsx"),
            "Excel workbook (*.xlsx);;CSV (*.csv)",
        )
        if path:
            self.export_to(which, Path(path))

    def export_to(self, which: str, path: Path) -> Path:
        written, count = ss.export_list(self.context.store, which, path, self.context.today())
        self._tell("Exported", f"Wrote {written} ({count} rows).")
        return written

    def invitation(self) -> None:
        from netboard.db import queries

        meeting_id = self.current_meeting()
        meeting = (
            queries.get_meeting(self.context.store, meeting_id).meeting
            if meeting_id
            else queries.next_meeting(self.context.store)
        )
        if meeting is None:
            self._tell("Meeting invitation", "Open a meeting first (or plan the next one).")
            return
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            "Meeting invitation",
            str(Path.home() / "tumor-board.ics"),
            "Calendar invitation (*.ics)",
        )
        if path:
            from netboard.interchange.invitation import export_invitation

            written = export_invitation(self.context.store, meeting, Path(path))
            self._tell(
                "Invitation written",
                f"Wrote {written}: title, time and place only, no patient data.",
            )

    def _tell(self, title: str, text: str, *, warning: bool = False) -> None:
        self.message_box = show_message(
            self.window, title, text, warning=warning, name="listMessage"
        )


def install_list_actions(
    actions: ActionRegistry,
    window: QWidget,
    context: AppContext,
    current_meeting: Callable[[], str | None],
) -> ListActions:
    flows = ListActions(window, context, current_meeting)
    actions.register(ActionId.IMPORT_PATIENT_LIST, flows.choose_list)
    actions.register(ActionId.EXPORT_PATIENT_LIST, lambda: flows.export_list("patients"))
    actions.register(ActionId.EXPORT_FOLLOWUP, lambda: flows.export_list("followup"))
    actions.register(ActionId.MEETING_INVITATION, flows.invitation)
    return flows
