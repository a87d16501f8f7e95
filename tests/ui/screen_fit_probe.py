"""Run in a subprocess by test_screen_fit.py on an offscreen screen of a given size.

Opens the real window over a real SQLite demo database, runs the chair's meeting (agenda and
attendance, start, the discussion with its decision panel and actions) and prints one JSON
object: the screen, the window's frame, and for every widget the chair needs whether all of it
is visible (not clipped by a parent, inside the window and inside the screen).
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, time
from typing import Any

from probe_window import demo_window, settle
from PySide6.QtCore import QPoint, QRect, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QWidget

from netboard.db import queries
from netboard.demo import DEMO_TODAY
from netboard.domain.vocab import Stance
from netboard.ui.app import apply_style


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
    too_big = len(sys.argv) > 1 and sys.argv[1] == "remembered-too-big"
    with demo_window(app, 60, _remember_huge_geometry if too_big else None) as (window, store):
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
        note = ws.attendance.coverage  # 'core disciplines not present': squeezed on a laptop
        seen["attendance.note_whole"] = note.height() >= note.heightForWidth(note.width())
        seen["attendance.no_sideways_scroll"] = not (
            ws.attendance.side.horizontalScrollBar().isVisible())
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
        seen.update(rationale_in_view(app, panel))
        seen.update(revisit_readable(app, panel, screen))
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
            seen[f"slide{index + 1}.facts_whole"] = facts_whole(slides)
            viewport = slides.facts_scroll.viewport()  # all in view: nobody scrolls a slide
            seen[f"slide{index + 1}.facts_in_view"] = getattr(slides, "facts_size", 0) == (
                slides.scale.small) or (
                slides.facts_box.heightForWidth(viewport.width()) <= viewport.height())
        slides.close()
        out["visible"] = seen
    print(json.dumps(out))
    return 0


def inside(widget: QWidget, viewport: QWidget) -> bool:
    top_left = widget.mapTo(viewport, widget.rect().topLeft())
    return widget.isVisible() and viewport.rect().contains(QRect(top_left, widget.size()))


def facts_whole(slides: Any) -> bool:
    """Every fact of the slide (the earlier therapies too) has the height its text needs and no
    two overlap: on a 768 px screen the facts were squeezed into the space left and their lines
    ran over each other; now they scroll in their column instead."""
    labels = [w for w in slides.facts_box.findChildren(QLabel) if w.isVisible()]
    rects = []
    for label in labels:
        need = label.heightForWidth(label.width()) if label.wordWrap() else (
            label.sizeHint().height())
        if label.height() < need:
            return False
        rects.append(QRect(label.mapTo(slides.facts_box, QPoint(0, 0)), label.size()))
    return bool(labels) and not any(
        a.intersects(b) for n, a in enumerate(rects) for b in rects[n + 1:])


def rationale_in_view(app: QApplication, panel: Any) -> dict[str, bool]:
    """A stance on the second card: its rationale box (opened under the buttons, below the fold
    on a laptop) comes into view with the cursor in it; typing a long rationale does not scroll
    the column sideways, and the option's name stays in view."""
    options = panel.options
    entries = options.visible_entries()
    key = entries[min(1, len(entries) - 1)].key
    QTest.mouseClick(options.cards[key].buttons[Stance.LATER], Qt.MouseButton.LeftButton)
    settle(app)
    card = options.cards[key]
    viewport = options.scroll_area.viewport()
    seen = {"options.rationale_in_view": inside(card.rationale, viewport),
            "options.rationale_has_cursor": card.rationale.window().focusWidget() is card.rationale}
    QTest.keyClicks(card.rationale, "Kept for later: a durable response to the first line is "
                    "expected, and PRRT stays open at progression after review of the marrow.")
    settle(app)
    seen["options.no_sideways_scroll"] = options.scroll_area.horizontalScrollBar().value() == 0
    title = card.title.mapTo(viewport, card.title.rect().topLeft()).x()
    seen["options.name_after_typing"] = 0 <= title and title + card.title.width() <= (
        viewport.width())
    return seen


def revisit_readable(app: QApplication, panel: Any, screen: QRect) -> dict[str, bool]:
    """The Revisit tab: the option and what became of it gets most of the table's width (it was
    squeezed to a word per line on the laptop), and each row's button shows whole."""
    panel.left_tabs.setCurrentWidget(panel.revisit)
    settle(app)
    table = panel.revisit.option_table
    seen = {"revisit.has_rows": table.rowCount() > 0}
    if table.rowCount():
        width = table.viewport().width()
        seen["revisit.option_column"] = table.columnWidth(1) >= max(160, 0.45 * width)
        seen["revisit.no_sideways_scroll"] = not table.horizontalScrollBar().isVisible()
        seen["revisit.button"] = fully_visible(table.cellWidget(0, 2).button, screen)
    panel.left_tabs.setCurrentIndex(0)
    return seen


def _remember_huge_geometry(settings: QSettings) -> None:
    """A geometry saved on a 2560x1440 screen, at its far corner."""
    window = QWidget()
    window.setGeometry(1200, 700, 2400, 1400)
    settings.setValue("window/geometry", window.saveGeometry())


if __name__ == "__main__":
    raise SystemExit(main())
