"""The timeline canvas in the case workspace: hover details, click to select, zoom, pan, fit."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from netboard.domain.timeline import Span


def open_case(qtbot, window, patient_id):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.case_opened, timeout=5000):
        window.open_case(patient_id)
    ws = window.case_workspace
    ws.tabs.setCurrentWidget(ws.timeline_split)
    canvas = ws.timeline_canvas
    qtbot.waitUntil(lambda: canvas.canvas.isVisible() and canvas.canvas.width() > 100)
    canvas.canvas.draw()
    return ws, canvas


def widget_point(canvas, item_id: str) -> QPoint:  # type: ignore[no-untyped-def]
    """The Qt widget position of an item (matplotlib display pixels start at the bottom)."""
    x, y = canvas.artists.display_point(item_id)
    ratio = canvas.canvas.device_pixel_ratio
    return QPoint(round(x / ratio), round(canvas.canvas.height() - y / ratio))


def test_hover_shows_details_of_the_item_under_the_pointer(qtbot, main_window, ui_ids) -> None:
    _ws, canvas = open_case(qtbot, main_window, ui_ids.alpha)
    point = widget_point(canvas, ui_ids.alpha_course)
    with qtbot.waitSignal(canvas.hovered, timeout=2000) as hovered:
        qtbot.mouseMove(canvas.canvas, point)
    assert hovered.args == [ui_ids.alpha_course]
    assert canvas.hover_text.startswith("octreotide LAR")
    assert "octreotide LAR" in canvas.detail.text()
    with qtbot.waitSignal(canvas.hovered, timeout=2000) as left:
        qtbot.mouseMove(canvas.canvas, QPoint(2, 2))
    assert left.args == [""]
    assert canvas.hover_text == ""


def test_clicking_a_bar_selects_the_course_in_the_therapy_table(qtbot, main_window, ui_ids) -> None:
    ws, canvas = open_case(qtbot, main_window, ui_ids.alpha)
    table = ws.tables["therapy"]
    table.clearSelection()
    point = widget_point(canvas, ui_ids.alpha_course)
    with qtbot.waitSignal(canvas.item_clicked, timeout=2000) as clicked:
        qtbot.mouseClick(canvas.canvas, Qt.MouseButton.LeftButton, pos=point)
    assert clicked.args == [ui_ids.alpha_course]
    assert table.selected_id() == ui_ids.alpha_course
    assert canvas.artists.selected == ui_ids.alpha_course
    # and the other way: choosing a row in the table outlines its bar
    other = next(s.id for s in ws.timeline.spans if s.id != ui_ids.alpha_course)
    table.select_id(other)
    assert canvas.artists.selected == other
    assert isinstance(ws.timeline.item(other), Span)


def test_wheel_zooms_the_date_axis_and_fit_restores(qtbot, main_window, ui_ids) -> None:
    _ws, canvas = open_case(qtbot, main_window, ui_ids.alpha)
    x0, x1 = canvas.view_range()
    centre = QPointF(canvas.canvas.width() / 2, canvas.canvas.height() / 3)
    event = QWheelEvent(
        centre,
        canvas.canvas.mapToGlobal(centre),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    with qtbot.waitSignal(canvas.view_changed, timeout=2000):
        QApplication.sendEvent(canvas.canvas, event)
    z0, z1 = canvas.view_range()
    assert (z1 - z0) < (x1 - x0) * 0.85
    assert x0 < z0 and z1 < x1
    canvas.fit_button.click()
    assert canvas.view_range() == (x0, x1)


def test_dragging_pans_without_selecting(qtbot, main_window, ui_ids) -> None:
    ws, canvas = open_case(qtbot, main_window, ui_ids.alpha)
    ws.tables["therapy"].clearSelection()
    x0, x1 = canvas.view_range()
    start = widget_point(canvas, ui_ids.alpha_course)
    end = start + QPoint(120, 0)
    qtbot.mousePress(canvas.canvas, Qt.MouseButton.LeftButton, pos=start)
    with qtbot.assertNotEmitted(canvas.item_clicked):
        qtbot.mouseMove(canvas.canvas, start + QPoint(40, 0))
        qtbot.mouseMove(canvas.canvas, end)
        qtbot.mouseRelease(canvas.canvas, Qt.MouseButton.LeftButton, pos=end)
    p0, p1 = canvas.view_range()
    assert p0 < x0 and abs((p1 - p0) - (x1 - x0)) < 1e-6  # moved back in time, same span
    canvas.zoom(0.5)
    assert abs((canvas.view_range()[1] - canvas.view_range()[0]) - (x1 - x0) / 2) < 1e-6


def test_keep_view_after_an_edit(qtbot, main_window, ui_ids) -> None:
    ws, canvas = open_case(qtbot, main_window, ui_ids.alpha)
    canvas.zoom(0.5)
    zoomed = canvas.view_range()
    with qtbot.waitSignal(ws.case_loaded, timeout=5000):
        ws.reload()
    assert canvas.view_range() == zoomed


def test_board_history_course_link_selects_the_course(qtbot, main_window, ui_ids) -> None:
    ws, canvas = open_case(qtbot, main_window, ui_ids.alpha)
    course = next(c for c in ws.case.therapies if c.decision_id == ui_ids.alpha_decision)
    ws.tabs.setCurrentWidget(ws.history)
    assert f"course:{course.id}" in ws.history.toHtml()
    from PySide6.QtCore import QUrl

    ws.history.anchorClicked.emit(QUrl(f"course:{course.id}"))
    assert ws.tabs.currentWidget() is ws.timeline_split
    assert ws.tables["therapy"].selected_id() == course.id
    assert canvas.artists.selected == course.id
    therapy = ws.models["therapy"]
    from_col = [c.title for c in therapy.columns].index("From")
    row = therapy.row_of(course.id)
    assert therapy.data(therapy.index(row, from_col)).startswith("board ")


def test_a_course_from_a_decision_links_back_to_it(qtbot, main_window, ui_ids) -> None:
    ws, _canvas = open_case(qtbot, main_window, ui_ids.alpha)
    course = next(c for c in ws.case.therapies if c.decision_id == ui_ids.alpha_decision)
    table = ws.tables["therapy"]
    table.select_id(course.id)
    show_decision = next(a for a in table.extra_menu_actions if "board decision" in a.text())
    show_decision.trigger()
    assert ws.tabs.currentWidget() is ws.history
    cursor_text = ws.history.toPlainText()
    assert "Decided (consensus): Everolimus 10 mg daily" in cursor_text
