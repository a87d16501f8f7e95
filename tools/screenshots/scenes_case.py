"""The case screenshots: main-window.png (1600x1000: patient list and an open case),
main-window-dark.png (the same in the dark scheme, chart included), case-long-history.png
(1920x1080: the demo patient with the longest history, as the board sees it), timeline.png
(that case's timeline alone, 1600x900) and board-history.png."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from tools.screenshots.session import Session, demo_window, longest_history

SCREENSHOTS = (
    "main-window.png",
    "case-long-history.png",
    "timeline.png",
    "board-history.png",
    "main-window-dark.png",
)
PATIENTS = 400


def render(
    out_dir: Path, *, patients: int = PATIENTS, seed: int = 1, today: date | None = None
) -> list[Path]:
    with demo_window(out_dir, patients=patients, seed=seed, user="demo", size=(1600, 1000),
                     today=today) as s:  # fmt: skip
        window = s.window
        window.open_case(longest_history(s.store, living=True))
        s.save(window, SCREENSHOTS[0])
        _dark(s, window)

        window.resize(1920, 1080)
        window.toggle_navigator()  # the board's view: the case, full width
        workspace = window.open_case(longest_history(s.store))
        s.settle()
        workspace.timeline_canvas.fit()
        s.save(window, SCREENSHOTS[1])
        _timeline_alone(s, workspace)
        workspace.tabs.setCurrentWidget(workspace.history)
        s.save(window, SCREENSHOTS[3])
        return s.written


def _dark(s: Session, window: Any) -> None:
    """The same window in the dark scheme (switched live, as when the desktop switches), then
    back to the scheme the run started in."""
    import os

    from PySide6.QtWidgets import QApplication

    from netboard.ui.app import apply_style
    from netboard.ui.theme import SCHEME_ENV, wants_dark

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = os.environ.get(SCHEME_ENV)
    started = "dark" if wants_dark(app) else "light"
    os.environ[SCHEME_ENV] = "dark"
    try:
        apply_style(app)
        s.settle()
        s.save(window, SCREENSHOTS[4])
    finally:
        os.environ[SCHEME_ENV] = started
        apply_style(app)
        s.settle()
        if before is None:
            del os.environ[SCHEME_ENV]
        else:
            os.environ[SCHEME_ENV] = before


def _timeline_alone(s: Session, workspace: Any) -> None:
    """The case's timeline on its own at 1600x900, as it fills a board screen's chart area."""
    from netboard.ui.views.timeline_canvas import TimelineCanvas

    canvas = TimelineCanvas()
    canvas.resize(1600, 900)
    canvas.show()
    s.settle()
    canvas.set_timeline(workspace.timeline)
    s.save(canvas, SCREENSHOTS[2])
    canvas.close()
