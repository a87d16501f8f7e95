"""Run in a subprocess by test_screen_fit.py on an offscreen screen of a given size.

Opens the real window over a real SQLite demo database, runs the chair's meeting (agenda and
attendance, start, the discussion with its decision panel and actions) and prints one JSON
object: the screen, the window's frame, and for every widget the chair needs whether all of it
is visible (not clipped by a parent, inside the window and inside the screen).
"""

from __future__ import annotations

import json
import sys
import tempfile
from datetime import UTC, datetime, time
from pathlib import Path

from PySide6.QtCore import QRect, QSettings
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from netboard.db import queries
from netboard.db.store import Store
from netboard.demo import DEMO_TODAY, write_demo
from netboard.ui.app import apply_style, build_main_window
from netboard.ui.context import build_context


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def fully_visible(widget: QWidget, screen: QRect) -> bool:
    """All of ``widget`` shows: not hidden, not clipped by a scroll area or splitter, on screen."""
    if not widget.isVisible() or widget.width() <= 0 or widget.height() <= 0:
        return False
    if widget.visibleRegion().boundingRect() != widget.rect():
        return False
    top_left = widget.mapToGlobal(widget.rect().topLeft())
    return screen.contains(QRect(top_left, widget.size()))


def column_visible(view: QAbstractItemView, column: int) -> bool:
    header = view.horizontalHeader()  # type: ignore[attr-defined]
    x = header.sectionViewportPosition(column)
    return x >= 0 and x + header.sectionSize(column) <= view.viewport().width()


def main() -> int:
    app = QApplication(sys.argv[:1])
    apply_style(app)
    out: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(f"sqlite:///{Path(tmp) / 'demo.sqlite'}", user="chair")
        write_demo(store, 60, 1, DEMO_TODAY)
        settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
        if len(sys.argv) > 1 and sys.argv[1] == "remembered-too-big":
            settings.setValue("window/geometry", _huge_geometry(store, settings))
        context = build_context(store, is_demo=True, settings=settings, today=lambda: DEMO_TODAY)
        window = build_main_window(context)
        window.show()
        settle(app)
        screen = window.screen().availableGeometry()
        out["screen"] = [screen.width(), screen.height()]
        frame = window.frameGeometry()
        out["window"] = [frame.x(), frame.y(), frame.width(), frame.height()]
        out["window_inside"] = screen.contains(frame)
        meeting = queries.next_meeting(store, datetime.combine(DEMO_TODAY, time(9), tzinfo=UTC))
        assert meeting is not None
        controller = window.meetings  # type: ignore[attr-defined]
        controller.open_meeting(meeting.id)
        ws = controller.workspace
        ws.tabs.setCurrentIndex(0)
        settle(app)
        seen: dict[str, bool] = {}
        editor = ws.editor
        for name in ("title", "starts", "location", "chair", "start_button", "present_button"):
            seen[f"editor.{name}"] = fully_visible(getattr(editor, name), screen)
        seen["agenda.table"] = fully_visible(ws.agenda.view, screen)
        from netboard.ui.meetings import agenda_model as am

        for col, label in ((am.COL_PATIENT, "patient"), (am.COL_READY, "readiness"),
                           (am.COL_STATUS, "status")):
            seen[f"agenda.column.{label}"] = column_visible(ws.agenda.view, col)
        seen["attendance"] = fully_visible(ws.attendance, screen)
        editor.start_meeting()
        if screen.width() < 1600:  # on a laptop the chair hides the navigator (F9, one key)
            from netboard.ui.actions import ActionId

            window.actions.action(ActionId.TOGGLE_NAVIGATOR).trigger()
        ws.tabs.setCurrentIndex(1)
        settle(app)
        panel = ws.discussion
        for name in ("previous", "next", "chooser", "timer_label", "question"):
            seen[f"discussion.{name}"] = fully_visible(getattr(panel, name), screen)
        for status, button in panel.status_buttons.items():
            seen[f"discussion.status.{status.value}"] = fully_visible(button, screen)
        seen["decision.recommendation"] = fully_visible(panel.decision.recommendation, screen)
        seen["decision.consensus"] = fully_visible(panel.decision.consensus, screen)
        seen["options"] = fully_visible(panel.options, screen)
        actions = panel.actions_editor
        for name in ("description", "owner", "add_button"):
            seen[f"actions.{name}"] = fully_visible(getattr(actions, name), screen)
        seen["editor.finalize_button"] = fully_visible(editor.finalize_button, screen)
        slides = ws.present(show=False)
        slides.setGeometry(window.screen().geometry())
        slides.show()
        settle(app)
        for index in range(slides.count):  # every case's slide keeps its bottom lines on screen
            slides.show_case(index, restart_timer=False)
            settle(app)
            for name in ("footer", "recommendation", "options", "question"):
                widget = getattr(slides, name)
                if widget.isVisible():
                    seen[f"slide{index + 1}.{name}"] = fully_visible(widget, screen)
        slides.close()
        out["visible"] = seen
        window.close()
        store.close()
    print(json.dumps(out))
    return 0


def _huge_geometry(store: Store, settings: QSettings) -> object:
    """A geometry saved on a 2560x1440 screen, at its far corner."""
    window = QWidget()
    window.setGeometry(1200, 700, 2400, 1400)
    return window.saveGeometry()


if __name__ == "__main__":
    raise SystemExit(main())
