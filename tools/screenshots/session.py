"""What every screenshot set shares: a throwaway demo database, the styled window over it on the
demo's fixed day, and a way to save a widget once Qt has settled (synthetic demo data only)."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

LAPTOP_SCREEN = (1366, 768)
SETTLE_ROUNDS = 6


@dataclass
class Session:
    """One set's demo database, QApplication and main window."""

    app: Any
    store: Any
    context: Any
    window: Any
    out_dir: Path
    written: list[Path]
    day: date
    """The demo's 'today' (the data and the window's day)."""

    def settle(self) -> None:
        for _ in range(SETTLE_ROUNDS):
            self.app.processEvents()

    def save(self, widget: Any, name: str) -> Path:
        """``widget`` as it shows now, written to ``out_dir/name``."""
        self.settle()
        path = self.out_dir / name
        if not widget.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        self.written.append(path)
        return path

    def next_meeting(self) -> Any:
        """The demo's next meeting as of 09:00 on the session's day."""
        from netboard.db import queries

        now = datetime.combine(self.day, time(9, 0), tzinfo=UTC)
        meeting = queries.next_meeting(self.store, now)
        if meeting is None:
            raise RuntimeError("the demo database has no upcoming meeting")
        return meeting


@contextmanager
def demo_window(
    out_dir: Path,
    *,
    patients: int,
    seed: int,
    user: str,
    size: tuple[int, int] | None = None,
    today: date | None = None,
) -> Iterator[Session]:
    """A demo database of ``patients`` (``seed``) made for ``today`` (default the demo's fixed
    day) in a temporary folder and the main window over it on that day; ``size`` None leaves the
    window at the size the program picks for the screen."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from netboard.db.store import Store
    from netboard.demo import DEMO_TODAY, write_demo
    from netboard.ui.app import apply_style, build_main_window
    from netboard.ui.context import build_context

    out_dir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    apply_style(app)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(f"sqlite:///{Path(tmp) / 'demo.sqlite'}", user=user)
        try:
            day = today or DEMO_TODAY
            write_demo(store, patients, seed, day)
            settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
            context = build_context(store, is_demo=True, settings=settings, today=lambda: day)
            window = build_main_window(context)
            if size is not None:
                window.resize(*size)
            window.show()
            yield Session(app, store, context, window, out_dir, [], day)
            window.close()
        finally:
            store.close()


def use_offscreen_screen(folder: Path, size: tuple[int, int] = LAPTOP_SCREEN) -> None:
    """Make Qt's offscreen platform show one screen of ``size`` (before the QApplication)."""
    config = folder / "screen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "laptop", "x": 0, "y": 0, "width": size[0], "height": size[1],
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def _history_size(case: Any) -> int:
    """Therapies weigh most (the timeline's lanes), then board discussions, then the rest."""
    weights = {"therapies": 10, "discussions": 3, "pathology": 2, "imaging": 1, "labs": 0}
    return sum(len(getattr(case, name)) * weight for name, weight in weights.items())


def longest_history(store: Any, limit: int = 600, *, living: bool = False) -> str:
    """The id of the patient with the longest history (``living``: not deceased)."""
    from netboard.db import queries
    from netboard.domain.vocab import PatientStatus

    page = queries.list_patients(store, limit=limit)
    best, best_size = page.rows[0].id, -1
    for row in page.rows:
        if living and row.status == PatientStatus.DECEASED:
            continue
        size = _history_size(queries.get_case(store, row.id))
        if size > best_size:
            best, best_size = row.id, size
    return best
