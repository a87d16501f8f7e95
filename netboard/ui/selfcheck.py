"""``netboard selfcheck``: start the window, open a case, export its PDF, close — for installers.

A packaged build (wheel, PyInstaller folder) proves it works with one command and exit status 0:
the window starts (offscreen unless a display platform is chosen), the first patient's case opens
with its timeline, the case sheet is exported through the window's own export path (worker thread,
fonts, charts), a screenshot is saved, and the window closes. With ``--demo`` on an empty data
folder it writes the demo patients first. Settings go to a throwaway file, never the user's.

This module is imported when the command line is parsed, so Qt loads only when the command runs.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netboard.db.store import Store

TIMEOUT_MS = 120_000
"""An export that has not finished by then counts as a failure (a hung worker thread)."""


def register(subparsers: Any) -> None:
    """Add ``selfcheck``."""
    check = subparsers.add_parser(
        "selfcheck",
        help="start the window offscreen, open a case, export its PDF, exit (install check)",
        description="Check an installation: start the window (offscreen unless QT_QPA_PLATFORM "
        "says otherwise), open the first patient's case, export its case sheet as PDF, save a "
        "screenshot, close. Exit status 0 when everything worked. With --demo an empty demo "
        "database is filled first.",
    )
    check.add_argument("-o", "--output", type=Path, required=True, metavar="FOLDER",
                       help="folder for case-sheet.pdf and window.png")
    check.set_defaults(func=_selfcheck, fill_demo=True)


def _selfcheck(args: argparse.Namespace, store: Store) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out: Path = args.output
    out.mkdir(parents=True, exist_ok=True)
    patient_id = _first_patient(store)  # --demo: the CLI filled an empty demo database
    pdf = out / "case-sheet.pdf"
    pdf.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="netboard-selfcheck-") as scratch:
        error = _run_window(store, patient_id, pdf, out / "window.png", Path(scratch))
    if error:
        print(f"selfcheck: {error}", file=sys.stderr)
        return 1
    if not pdf.is_file() or not pdf.read_bytes().startswith(b"%PDF"):
        print(f"selfcheck: {pdf} was not written", file=sys.stderr)
        return 1
    print(f"selfcheck: window, case and PDF OK ({pdf}, {pdf.stat().st_size:,} bytes)")
    return 0


def _first_patient(store: Store) -> str:
    from netboard.db import queries

    page = queries.list_patients(store, limit=1)
    if not page.rows:
        raise ValueError(f"{store.display_url}: no patients to open (try --demo)")
    return page.rows[0].id


def _run_window(store: Store, patient_id: str, pdf: Path, png: Path, scratch: Path) -> str:
    """Drive the window; an empty string when all went well, else what failed."""
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from netboard.ui.app import apply_style, build_main_window, install_crash_reporter
    from netboard.ui.context import build_context

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    apply_style(app)
    settings = QSettings(str(scratch / "settings.ini"), QSettings.Format.IniFormat)
    window = build_main_window(build_context(store, is_demo=True, settings=settings))
    reporter = install_crash_reporter(window)  # as the real start does: log file, crash.log
    window.resize(1366, 768)
    window.show()
    window.open_case(patient_id)
    app.processEvents()
    outcome: list[str] = []
    loop = QEventLoop()
    exporter = window.exporter
    exporter.ask_after = False

    def finished(message: str) -> None:
        outcome.append(message)
        loop.quit()

    exporter.exported.connect(lambda _path: finished(""))
    exporter.failed.connect(finished)
    QTimer.singleShot(TIMEOUT_MS, loop.quit)

    def build(path: Path, progress: Any) -> Path:
        from netboard.reports.api import case_sheet

        return case_sheet(store, patient_id, path, progress=progress)

    exporter.start("Self-check", pdf, build)
    loop.exec()
    if not outcome:  # the worker is stuck: say so rather than wait for it forever
        return f"the export did not finish within {TIMEOUT_MS // 1000} s"
    exporter.wait()
    window.grab().save(str(png))
    window.close()
    app.processEvents()
    reporter.uninstall()
    return outcome[0]
