"""The case screenshots: main-window.png (1600x1000: patient list and an open case),
case-long-history.png (1920x1080: the demo patient with the longest history, as the board sees
it), timeline.png (that case's timeline alone, 1600x900) and board-history.png."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from tools.screenshots.session import Session, demo_window, longest_history

SCREENSHOTS = ("main-window.png", "case-long-history.png", "timeline.png", "board-history.png")
PATIENTS = 400


def render(
    out_dir: Path, *, patients: int = PATIENTS, seed: int = 1, today: date | None = None
) -> list[Path]:
    with demo_window(out_dir, patients=patients, seed=seed, user="demo", size=(1600, 1000),
                     today=today) as s:  # fmt: skip
        window = s.window
        window.open_case(longest_history(s.store, living=True))
        s.save(window, SCREENSHOTS[0])

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
