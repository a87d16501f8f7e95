"""File → "Export patient as FHIR…" and "Import FHIR bundle…" (with a preview of the report)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from netboard.ui.actions import ActionId, ActionRegistry
from netboard.ui.bundle_dialogs import ImportReportDialog, show_message
from netboard.ui.change_bus import RELOAD_ALL
from netboard.ui.context import AppContext

FILTER = "FHIR Bundle (*.json)"


class FhirActions(QObject):
    def __init__(
        self, window: QWidget, context: AppContext, current_patient: Callable[[], str | None]
    ) -> None:
        super().__init__(window)
        self.window, self.context, self.current_patient = window, context, current_patient
        self.report_dialog: ImportReportDialog | None = None
        self.message_box: QMessageBox | None = None

    def export_current(self) -> None:
        from netboard.db import queries

        patient_id = self.current_patient()
        if patient_id is None:
            self._tell("Export as FHIR", "Open a patient's case first.")
            return
        mrn = queries.get_patient(self.context.store, patient_id).mrn
        path, _ = QFileDialog.getSaveFileName(
            self.window, "Export patient as FHIR", str(Path.home() / f"{mrn}.fhir.json"), FILTER
        )
        if path:
            self.export_to(mrn, Path(path))

    def export_to(self, mrn: str, path: Path) -> Path:
        from netboard.interchange.fhir_export import export_patient

        written = export_patient(self.context.store, mrn, path)
        self._tell("Exported as FHIR", f"Wrote {written} (an mCODE FHIR R4 Bundle).")
        return written

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, "Import FHIR bundle", str(Path.home()), FILTER
        )
        if path:
            self.preview(Path(path))

    def preview(self, path: Path) -> None:
        """The report of what an import would do; Import writes it (disabled if invalid)."""
        from netboard.interchange.fhir_import import FhirImportError, import_fhir

        try:
            result = import_fhir(self.context.store, path, dry_run=True)
        except (FhirImportError, OSError) as exc:
            self._tell("FHIR import refused", str(exc), warning=True)
            return
        invalid = len(result.invalid)
        summary = (
            f"{path.name}: {invalid} invalid resource(s); nothing can be imported until they "
            "are fixed."
            if invalid
            else f"Importing {path.name} will:"
        )
        dialog = ImportReportDialog(
            "Import FHIR bundle", summary, result.report(), preview=True, parent=self.window
        )
        dialog.findChild(QWidget, "importButton").setEnabled(not invalid)  # type: ignore[union-attr]
        dialog.accepted.connect(lambda: self.run_import(path))
        self.report_dialog = dialog
        dialog.open()

    def run_import(self, path: Path) -> None:
        from netboard.db.errors import DbError
        from netboard.domain.validation import ValidationError
        from netboard.interchange.fhir_import import import_fhir

        try:
            result = import_fhir(self.context.store, path)
        except (ValidationError, DbError, ValueError, OSError) as exc:
            self._tell("FHIR import not done", f"Nothing was imported: {exc}", warning=True)
            return
        self.context.undo_stack.clear()
        self.context.bus.announce(RELOAD_ALL)
        dialog = ImportReportDialog(
            "FHIR bundle imported",
            f"Imported {path.name}.",
            result.report(),
            preview=False,
            parent=self.window,
        )
        self.report_dialog = dialog
        dialog.open()

    def _tell(self, title: str, text: str, *, warning: bool = False) -> None:
        self.message_box = show_message(
            self.window, title, text, warning=warning, name="fhirMessage"
        )


def install_fhir_actions(
    actions: ActionRegistry,
    window: QWidget,
    context: AppContext,
    current_patient: Callable[[], str | None],
) -> FhirActions:
    flows = FhirActions(window, context, current_patient)
    actions.register(ActionId.FHIR_EXPORT, flows.export_current)
    actions.register(ActionId.FHIR_IMPORT, flows.choose_import)
    return flows
