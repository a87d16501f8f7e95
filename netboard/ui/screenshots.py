"""Render the documentation screenshots offscreen from a fresh demo database.

    python -m netboard.ui.screenshots docs/screenshots

Writes main-window.png (1600x1000: patient list and an open case), case-long-history.png
(1920x1080: the demo patient with the longest history, as the board sees it), timeline.png (the
timeline of that case alone, 1600x900) and board-history.png. Everything shown is synthetic
demo data.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

SCREENSHOTS = ("main-window.png", "case-long-history.png", "timeline.png", "board-history.png")


def _history_size(case: object) -> int:
    """Therapies weigh most (the timeline's lanes), then board discussions, then the rest."""
    weights = {"therapies": 10, "discussions": 3, "pathology": 2, "imaging": 1, "labs": 0}
    return sum(len(getattr(case, name)) * weight for name, weight in weights.items())


def longest_history(store: object, limit: int = 600, *, living: bool = False) -> str:
    """The id of the patient with the longest history (``living``: not deceased)."""
    from netboard.db import queries
    from netboard.domain.vocab import PatientStatus

    page = queries.list_patients(store, limit=limit)  # type: ignore[arg-type]
    best, best_size = page.rows[0].id, -1
    for row in page.rows:
        if living and row.status == PatientStatus.DECEASED:
            continue
        case = queries.get_case(store, row.id)  # type: ignore[arg-type]
        size = _history_size(case)
        if size > best_size:
            best, best_size = row.id, size
    return best


def render(out_dir: Path, *, patients: int = 400, seed: int = 1) -> list[Path]:
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
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(f"sqlite:///{Path(tmp) / 'demo.sqlite'}", user="demo")
        write_demo(store, patients, seed)
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        context = build_context(store, is_demo=True, settings=settings, today=lambda: DEMO_TODAY)
        window = build_main_window(context)
        window.resize(1600, 1000)
        window.show()
        workspace = window.open_case(longest_history(store, living=True))
        _settle(app)
        written.append(_save(window, out_dir / "main-window.png", app))

        window.resize(1920, 1080)
        window.toggle_navigator()  # the board's view: the case, full width
        workspace = window.open_case(longest_history(store))
        _settle(app)
        workspace.timeline_canvas.fit()
        written.append(_save(window, out_dir / "case-long-history.png", app))
        written.append(_timeline_alone(workspace, out_dir / "timeline.png", app))
        workspace.tabs.setCurrentWidget(workspace.history)
        written.append(_save(window, out_dir / "board-history.png", app))
        window.close()
        store.close()
    return written


def _timeline_alone(workspace: object, path: Path, app: object) -> Path:
    """The case's timeline on its own at 1600x900, as it fills a board screen's chart area."""
    from netboard.ui.views.timeline_canvas import TimelineCanvas

    timeline = workspace.timeline  # type: ignore[attr-defined]
    canvas = TimelineCanvas()
    canvas.resize(1600, 900)
    canvas.show()
    _settle(app)
    canvas.set_timeline(timeline)
    saved = _save(canvas, path, app)
    canvas.close()
    return saved


def _settle(app: object) -> None:
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    for _ in range(5):
        app.processEvents()


def _save(widget: object, path: Path, app: object) -> Path:
    from PySide6.QtWidgets import QWidget

    assert isinstance(widget, QWidget)
    _settle(app)
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", nargs="?", default="docs/screenshots", type=Path)
    parser.add_argument("--patients", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    for path in render(args.out_dir, patients=args.patients, seed=args.seed):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
