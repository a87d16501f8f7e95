"""Start the window: the QApplication, the context around the store, the main window.

``run_gui`` is what ``netboard`` (no sub-command) calls; tests call ``build_main_window`` with a
context whose QSettings point into tmp_path.
"""

from __future__ import annotations

import gc
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from netboard.ui.context import AppContext, build_context
from netboard.ui.crash import CrashReporter
from netboard.ui.main_window import MainWindow
from netboard.ui.window_parts import remember_database

if TYPE_CHECKING:
    from netboard.db.cipher import Passphrase
    from netboard.db.store import Store

log = logging.getLogger("netboard.ui")


YOUNG_COLLECTION_EVERY = 20_000
"""Net allocations between collections of Python's youngest generation (its default is 700)."""


def build_main_window(context: AppContext) -> MainWindow:
    """The main window for ``context`` (patients, cases and meetings)."""
    window = MainWindow(context, open_database=lambda path: _switch_database(window, path))
    pace_collector()
    return window


def pace_collector() -> None:
    """Collect garbage less often in the window's process. Drawing a case's chart makes tens of
    thousands of short-lived objects; at Python's default pace that was about 50 collections of
    the young generations per 8 first views of a case, and the full collections that follow them
    walk the whole start-up heap (modules, Qt wrappers, matplotlib), 60-100 ms in one case's
    opening. Objects that die young are freed by reference counting either way; cycles are
    collected a little later. Idempotent."""
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_EVERY, middle, old)


def run_gui(store: Store, *, is_demo: bool) -> int:
    """Show the window over ``store`` and run the event loop until it closes."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    QCoreApplication.setOrganizationName("NETboard")
    QCoreApplication.setApplicationName("NETboard")
    app.setApplicationDisplayName("NETboard")
    apply_style(app)
    context = build_context(store, is_demo=is_demo, settings=QSettings())
    path = _sqlite_path(store.url)
    if path and not is_demo:
        remember_database(context.settings, path)
    window = build_main_window(context)
    reporter = install_crash_reporter(window)
    window.show()
    code = app.exec()
    reporter.uninstall()
    _close_store(window.context)
    return int(code)


def install_crash_reporter(window: MainWindow) -> CrashReporter:
    """Unexpected errors go to the log file and a dialog instead of ending the program."""
    import platform

    from PySide6 import __version__ as qt_version

    from netboard import version
    from netboard.logs import start_logging

    reporter = CrashReporter(window, start_logging(crash_log=True))
    reporter.install()
    log.info("window started: NETboard %s, Qt %s, Python %s, %s", version(), qt_version,
             platform.python_version(), platform.platform())
    return reporter


def apply_style(app: QApplication) -> None:
    """The application style sheet (large enough type to read across a room) in the desktop's
    colour scheme, and names for screen readers on every control."""
    from netboard.ui.accessibility import install_accessible_names
    from netboard.ui.style import STYLE_SHEET, add_script_fonts, base_font
    from netboard.ui.theme import apply_scheme

    app.setFont(base_font())
    if not app.property("netboardScriptFonts"):
        add_script_fonts(app.font().family())  # names in any script, on screen as on paper
        app.setProperty("netboardScriptFonts", True)
    apply_scheme(app, STYLE_SHEET)  # light or dark, following the desktop
    install_accessible_names(app)


def _switch_database(window: MainWindow, path: str) -> MainWindow | None:
    """Open ``path`` in a new window over a new store and close the old one.

    On failure the old window stays and a message says what was wrong with the file.
    """
    from netboard.db.errors import DbError
    from netboard.db.store import INTERACTIVE_BUSY_TIMEOUT, Store

    old = window.context
    url = path if "://" in path else f"sqlite:///{path}"
    try:
        key = _passphrase(window, url)
        window.statusBar().showMessage(f"Opening {path} \u2026")
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # an upgrade can take a while
        store = Store.open(
            url, user=old.store.user, busy_timeout=INTERACTIVE_BUSY_TIMEOUT, key=key
        )
    except DbError as exc:
        QApplication.restoreOverrideCursor()
        window.statusBar().clearMessage()
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Cannot open database",
            str(exc),
            QMessageBox.StandardButton.Ok,
            window,
        )
        box.setObjectName("openDatabaseError")
        box.open()
        return None
    QApplication.restoreOverrideCursor()
    context = build_context(
        store, is_demo=False, settings=old.settings, catalog=old.given_catalog, today=old.today
    )
    remember_database(context.settings, _sqlite_path(url) or url)
    new_window = build_main_window(context)
    new_window.show()
    window.close()
    window.deleteLater()
    _close_store(old)
    return new_window


def _passphrase(window: MainWindow, url: str) -> Passphrase | None:
    """The passphrase of an encrypted file: the one this window used for the same file, the
    variable, the keyring, else the dialog."""
    from netboard import passphrase
    from netboard.ui.passphrase_dialog import ask_passphrase

    old = window.context.store
    path = _sqlite_path(url)
    if old.key is not None and path is not None and old.path == Path(path).expanduser():
        return old.key
    return passphrase.for_url(url, lambda file: ask_passphrase(file, window))


def _close_store(context: AppContext) -> None:
    context.undo_stack.clear()
    context.store.close()


def _sqlite_path(url: str) -> str | None:
    return url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else None
