"""When the window meets an error nobody expected: log it, say so in a dialog, keep running.

Python calls ``sys.excepthook`` for an exception that escapes a slot or an event handler (and
``threading.excepthook`` for one that ends a worker thread). Without a hook a clinician would see
nothing, or the program would vanish; with it the error goes to the log (type and code locations
only, see :mod:`netboard.logs`) and a dialog says what happened, that saved records are safe
(each change is committed whole or not at all), and where the log file is.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

log = logging.getLogger("netboard.ui.crash")

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def crash_text(exc: BaseException, log_path: Path | None) -> str:
    """The dialog's words: what happened, that data is safe, where the log is."""
    where = (
        f"The technical details are in the log file:\n{log_path}"
        if log_path is not None
        else "No log file could be written on this computer."
    )
    return (
        f"NETboard hit an unexpected problem ({type(exc).__name__}) and stopped what it was "
        "doing.\n\nRecords saved before are not affected: every change is saved whole or not "
        f"at all. Please check the last change you made.\n\n{where}\n\nYou can keep working. "
        "If the problem comes back, close and reopen NETboard and send the log file to your "
        "support contact (it holds no patient names or values)."
    )


class CrashReporter(QObject):
    """Installs the hooks; shows one dialog at a time on the GUI thread."""

    _report = Signal(object)

    def __init__(self, parent: QWidget | None, log_path: Path | None) -> None:
        super().__init__()  # outlives a window that File → Open replaces
        self._parent, self.log_path = parent, log_path
        self.dialog: QMessageBox | None = None
        self._previous: ExceptHook | None = None
        self._report.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self.handle
        threading.excepthook = lambda a: self.handle(a.exc_type, a.exc_value or Exception(),
                                                     a.exc_traceback)

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook = self._previous
            threading.excepthook = threading.__excepthook__
            self._previous = None

    def handle(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        log.error("Unexpected error in the window", exc_info=(kind, exc, tb))
        try:
            self._report.emit(exc)  # queued: safe from any thread
        except RuntimeError:  # the reporter is gone (window closed): print as Python would
            sys.__excepthook__(kind, exc, tb)

    def _show(self, exc: BaseException) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            return  # one dialog at a time; the log has every error
        try:
            parent = QApplication.activeWindow() or self._parent
            parent.objectName() if parent is not None else None
        except RuntimeError:  # that window is gone
            parent = None
        box = QMessageBox(QMessageBox.Icon.Critical, "Unexpected problem",
                          crash_text(exc, self.log_path), QMessageBox.StandardButton.Ok, parent)
        box.setObjectName("crashDialog")
        box.setDetailedText(f"{type(exc).__module__}.{type(exc).__qualname__}: {exc}")
        if self.log_path is not None:
            folder = box.addButton("Open log folder", QMessageBox.ButtonRole.ActionRole)
            folder.clicked.connect(self._open_log_folder)
        self.dialog = box
        box.open()

    def _open_log_folder(self) -> None:
        if self.log_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_path.parent)))
