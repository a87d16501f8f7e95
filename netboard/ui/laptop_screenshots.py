"""Render the 1366x768 screenshots: what a chair sees on a laptop (synthetic demo data only).

    python -m netboard.ui.laptop_screenshots docs/screenshots

Writes laptop-main-window.png (the window as it first opens on a 1366x768 screen, a case open),
laptop-meeting.png (the meeting in session, discussion tab, navigator hidden with F9) and
laptop-presentation.png (presentation mode). The window is sized by the program itself for that
screen (run on an offscreen screen of exactly 1366x768), never resized by this script.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime, time
from pathlib import Path

SCREEN = (1366, 768)
SCREENSHOTS = ("laptop-main-window.png", "laptop-meeting.png", "laptop-presentation.png")


def use_offscreen_screen(folder: Path, size: tuple[int, int] = SCREEN) -> None:
    """Make Qt's offscreen platform show one screen of ``size`` (before the QApplication)."""
    config = folder / "screen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "laptop", "x": 0, "y": 0, "width": size[0], "height": size[1],
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def render(out_dir: Path, *, patients: int = 300, seed: int = 1) -> list[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        if os.environ.get("QT_QPA_PLATFORM", "offscreen").startswith("offscreen"):
            use_offscreen_screen(Path(tmp))
        return _render(out_dir, Path(tmp), patients, seed)


def _render(out_dir: Path, tmp: Path, patients: int, seed: int) -> list[Path]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from netboard.db import queries
    from netboard.db.store import Store
    from netboard.demo import DEMO_TODAY, write_demo
    from netboard.ui.actions import ActionId
    from netboard.ui.app import apply_style, build_main_window
    from netboard.ui.context import build_context
    from netboard.ui.meetings.screenshots import _run_discussion, _save, _settle
    from netboard.ui.screenshots import longest_history

    out_dir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    apply_style(app)
    written: list[Path] = []
    store = Store.open(f"sqlite:///{tmp / 'demo.sqlite'}", user="demo-chair")
    write_demo(store, patients, seed, DEMO_TODAY)
    settings = QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat)
    context = build_context(store, is_demo=True, settings=settings, today=lambda: DEMO_TODAY)
    window = build_main_window(context)
    window.show()
    window.open_case(longest_history(store, living=True))
    written.append(_save(window, out_dir / SCREENSHOTS[0], app))

    meeting = queries.next_meeting(store, datetime.combine(DEMO_TODAY, time(9), tzinfo=UTC))
    if meeting is None:
        raise RuntimeError("the demo database has no upcoming meeting")
    controller = window.meetings  # type: ignore[attr-defined]
    controller.open_meeting(meeting.id)
    ws = controller.workspace
    ws.attendance.copy_previous()
    ws.editor.start_meeting()
    window.actions.action(ActionId.TOGGLE_NAVIGATOR).trigger()  # F9: the meeting, full width
    ws.tabs.setCurrentIndex(1)
    _settle(app)
    _run_discussion(ws, app)
    written.append(_save(window, out_dir / SCREENSHOTS[1], app))

    slides = ws.present(show=False)
    slides.setGeometry(window.screen().geometry())
    slides.show()
    _settle(app)
    slides.show_case(slides.index, restart_timer=False)
    written.append(_save(slides, out_dir / SCREENSHOTS[2], app))
    slides.close()
    window.close()
    store.close()
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("out_dir", nargs="?", default="docs/screenshots", type=Path)
    parser.add_argument("--patients", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    for path in render(args.out_dir, patients=args.patients, seed=args.seed):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
