"""PDF export from the window: the build runs in a worker thread behind a progress dialog, so the
window never freezes; afterwards the user can open the file or print it.

The reports themselves are headless (``netboard.reports.api``); this module only chooses the file,
runs the build off the GUI thread and offers what to do with the result. Printing goes through
Qt's print dialog (printer, copies) and hands the PDF to the system spooler (``lp``), because Qt
cannot rasterise a PDF without the QtPdf add-on.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QThread, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from netboard.domain.export_names import (
    case_sheet_name,
    handout_name,
    meeting_papers_names,
    summary_name,
)
from netboard.ui.actions import ActionId, ActionRegistry
from netboard.ui.context import AppContext

if TYPE_CHECKING:
    from netboard.db.store import Store

Progress = Callable[[int, int], None]
Build = Callable[[Path, Progress], Path]
"""Writes the PDF at the given path, reporting (done, total); returns the path written."""


def describe_failure(exc: BaseException) -> str:
    """One sentence for the user: what failed and what to do."""
    from netboard.db.errors import NotFoundError

    if isinstance(exc, NotFoundError):
        return f"Nothing to export: {exc}"
    if isinstance(exc, PermissionError | IsADirectoryError | FileNotFoundError):
        return f"The PDF could not be written ({exc}). Choose a folder you can write to."
    return f"The PDF could not be made: {exc}"


class _Worker(QObject):
    progress = Signal(int, int)
    finished = Signal(str)
    failed = Signal(str)

    def __init__(self, build: Build, path: Path) -> None:
        super().__init__()
        self._build, self._path = build, path

    @Slot()
    def run(self) -> None:
        try:
            written = self._build(self._path, lambda done, total: self.progress.emit(done, total))
        except Exception as exc:  # every failure becomes a message, never a crash
            self.failed.emit(describe_failure(exc))
        else:
            self.finished.emit(str(written))


class PdfExporter(QObject):
    """One export at a time: file chooser, worker thread, progress dialog, open or print."""

    exported = Signal(str)
    failed = Signal(str)

    def __init__(self, parent: QWidget, context: AppContext) -> None:
        super().__init__(parent)
        self._parent, self.context = parent, context
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self.progress_dialog: QProgressDialog | None = None
        self.result_box: QMessageBox | None = None
        self.ask_after = True
        """Whether to offer Open / Print when a file is written (tests switch it off)."""

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def export(self, title: str, suggested_name: str, build: Build) -> None:
        """Ask where to save, then :meth:`start` the build there."""
        folder = Path(str(self.context.settings.value("export/folder", str(Path.home()))))
        chosen, _filter = QFileDialog.getSaveFileName(
            self._parent, title, str(folder / suggested_name), "PDF documents (*.pdf)"
        )
        if chosen:
            path = Path(chosen if chosen.lower().endswith(".pdf") else f"{chosen}.pdf")
            self.context.settings.setValue("export/folder", str(path.parent))
            self.start(title, path, build)

    def start(self, title: str, path: Path, build: Build) -> bool:
        """Build ``path`` in a worker thread; False when an export is already running."""
        if self.busy:
            return False
        dialog = QProgressDialog(f"{title}\u2026", "", 0, 0, self._parent)
        dialog.setWindowTitle(title)
        dialog.setCancelButton(None)  # a half-written PDF is never left behind, so no cancel
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        self.progress_dialog = dialog
        thread = QThread(self)
        worker = _Worker(build, path)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progress.connect(self._progress)
        worker.finished.connect(self._finished)
        worker.failed.connect(self._failed)
        # Direct: the thread ends as soon as the build does, even before the window's event
        # loop gets to the queued results, so wait() never waits for a quit still in the queue.
        worker.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        worker.failed.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        thread.finished.connect(self._cleanup)
        self._thread, self._worker = thread, worker
        thread.start()
        return True

    def _progress(self, done: int, total: int) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.setMaximum(max(total, 1))
            self.progress_dialog.setValue(done)
            self.progress_dialog.setLabelText(f"Page part {done} of {total}\u2026")

    def _close_progress(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None

    def _finished(self, path: str) -> None:
        self._close_progress()
        self.exported.emit(path)
        if self.ask_after:
            self._offer(Path(path))

    def _failed(self, message: str) -> None:
        self._close_progress()
        self.failed.emit(message)
        box = QMessageBox(QMessageBox.Icon.Warning, "Export failed", message, parent=self._parent)
        box.open()
        self.result_box = box

    def _cleanup(self) -> None:
        if self._worker is not None:
            self._worker.deleteLater()
        if self._thread is not None:
            self._thread.deleteLater()
        self._thread, self._worker = None, None

    def wait(self) -> None:
        """Block until the running export has finished (used on shutdown)."""
        if self._thread is not None:
            self._thread.wait()

    def _offer(self, path: Path) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            "PDF written",
            f"Saved {path.name} in {path.parent}.",
            parent=self._parent,
        )
        open_button = box.addButton("Open", QMessageBox.ButtonRole.AcceptRole)
        print_button = box.addButton("Print\u2026", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)

        def clicked(button: object) -> None:
            if button is open_button:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
            elif button is print_button:
                print_pdf(path, self._parent, store=self.context.store)

        box.buttonClicked.connect(clicked)
        box.open()
        self.result_box = box


def print_pdf(path: Path, parent: QWidget | None = None, *, store: Store | None = None) -> str:
    """Qt's print dialog, then the PDF to the chosen printer; returns what happened, in words.

    With ``store``, the print is noted in the audit log for the patients of that export."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter()
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return "Printing cancelled."
    spooler = shutil.which("lp")
    if spooler is None:
        message = "No print spooler (lp) on this computer: open the PDF and print it from there."
        QMessageBox.information(parent, "Print", message)
        return message
    command = [spooler, "-n", str(max(printer.copyCount(), 1))]
    if printer.printerName():
        command += ["-d", printer.printerName()]
    result = subprocess.run([*command, str(path)], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        message = f"The printer refused the document: {result.stderr.strip() or result.returncode}"
        QMessageBox.warning(parent, "Print", message)
        return message
    where = printer.printerName() or "the default printer"
    if store is not None:
        _record_print(store, path, where, parent)
    return f"Sent {path.name} to {where}."


def _record_print(store: Store, path: Path, printer: str, parent: QWidget | None) -> None:
    from netboard.db.errors import DbError
    from netboard.db.operations import record_print

    try:
        record_print(store, path, printer)
    except DbError as exc:
        QMessageBox.warning(parent, "Print", f"Printed, but not recorded in the audit log: {exc}")


def _reports() -> ModuleType:
    from netboard.reports import api

    return api


def install_export_actions(
    actions: ActionRegistry,
    exporter: PdfExporter,
    *,
    current_meeting: Callable[[], str | None],
    current_patient: Callable[[], str | None],
    show_message: Callable[[str], None],
) -> None:
    """File → Export…: meeting summary (also de-identified), patient handout, case sheet.

    reportlab is imported only when an export starts (``netboard.reports.api`` inside the build),
    so start-up stays free of it.
    """
    flows = _ExportFlows(exporter, current_meeting, current_patient, show_message)
    actions.register(ActionId.MEETING_SUMMARY_PDF, lambda: flows.meeting_summary(False))
    actions.register(ActionId.MEETING_SUMMARY_DEIDENTIFIED_PDF, lambda: flows.meeting_summary(True))
    actions.register(ActionId.MEETING_PAPERS_PDF, flows.meeting_papers)
    actions.register(ActionId.PATIENT_HANDOUT_PDF, lambda: flows.patient_document("handout"))
    actions.register(ActionId.CASE_SHEET_PDF, lambda: flows.patient_document("case"))


class _ExportFlows:
    """What each export action does: pick the meeting or patient, name the file, export."""

    def __init__(
        self,
        exporter: PdfExporter,
        current_meeting: Callable[[], str | None],
        current_patient: Callable[[], str | None],
        show_message: Callable[[str], None],
    ) -> None:
        self.exporter = exporter
        self.store = exporter.context.store
        self.current_meeting = current_meeting
        self.current_patient = current_patient
        self.show_message = show_message

    def meeting_summary(self, deidentified: bool) -> None:
        meeting_id = self.current_meeting()
        if meeting_id is None:
            self.show_message("Open a meeting first (Meetings tab), then export its summary.")
            return
        from netboard.db import queries

        store = self.store
        found = queries.find_meeting(store, meeting_id)
        self.exporter.export(
            "Export meeting summary",
            summary_name(found, deidentified=deidentified),
            lambda path, progress: _reports().meeting_summary(
                store, meeting_id, path, deidentified=deidentified, progress=progress
            ),
        )

    def patient_document(self, kind: str) -> None:
        patient_id = self.current_patient()
        if patient_id is None:
            self.show_message(
                "Open a patient's case first (or a case on the meeting screen), then export."
            )
            return
        from netboard.db import queries

        store = self.store
        mrn = queries.get_patient(store, patient_id).mrn
        if kind == "handout":
            self.exporter.export(
                "Export patient plan handout",
                handout_name(mrn),
                lambda path, progress: _reports().patient_handout(
                    store, patient_id, path, progress=progress
                ),
            )
        else:
            self.exporter.export(
                "Export case preparation sheet",
                case_sheet_name(mrn),
                lambda path, progress: _reports().case_sheet(
                    store, patient_id, path, progress=progress
                ),
            )

    def meeting_papers(self) -> None:
        meeting_id = self.current_meeting()
        if meeting_id is None:
            self.show_message("Open a meeting first (Meetings tab), then export its papers.")
            return
        settings = self.exporter.context.settings
        start = str(settings.value("export/folder", str(Path.home())))
        folder = QFileDialog.getExistingDirectory(
            self.exporter._parent, "Export meeting summary and handouts into", start
        )
        if folder:
            settings.setValue("export/folder", folder)
            start_meeting_papers(self.exporter, meeting_id, Path(folder))


def start_meeting_papers(exporter: PdfExporter, meeting_id: str, folder: Path) -> bool:
    """The meeting summary and the plan handout of every decided case, into ``folder``, in one
    worker-thread build (nothing typed twice: names and dates come from the record)."""
    from netboard.db import queries

    store = exporter.context.store
    summary_name, handouts = meeting_papers_names(queries.get_meeting(store, meeting_id))

    def build(path: Path, progress: Progress) -> Path:
        reports = _reports()
        reports.meeting_summary(store, meeting_id, path, progress=progress)
        for patient_id, name in handouts.items():
            reports.patient_handout(store, patient_id, folder / name, meeting_id=meeting_id)
        return path

    return exporter.start("Export meeting summary and handouts", folder / summary_name, build)
