"""What the subprocess probes (screen_fit_probe.py, form_geometry_probe.py) share: the real main
window over a fresh SQLite demo database, shown on the offscreen screen the test configured."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from netboard.db.store import Store
from netboard.demo import DEMO_TODAY, write_demo
from netboard.ui.app import build_main_window
from netboard.ui.context import build_context


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


@contextmanager
def demo_window(
    app: QApplication, patients: int, prepare: Callable[[QSettings], None] | None = None
) -> Iterator[tuple[Any, Store]]:
    """The main window (shown, settled) over a demo of ``patients``, and its store; ``prepare``
    may put values into the window's settings first (a remembered geometry)."""
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(f"sqlite:///{Path(tmp) / 'demo.sqlite'}", user="chair")
        write_demo(store, patients, 1, DEMO_TODAY)
        settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
        if prepare is not None:
            prepare(settings)
        context = build_context(store, is_demo=True, settings=settings, today=lambda: DEMO_TODAY)
        window = build_main_window(context)
        window.show()
        settle(app)
        try:
            yield window, store
        finally:
            window.close()
            store.close()
