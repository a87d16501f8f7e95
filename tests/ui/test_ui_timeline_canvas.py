"""The timeline canvas in the case workspace: hover details, click to select, zoom, pan, fit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from netboard.charts.axes_kit import day_number
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


def shown_canvas(qtbot, width: int, height: int):  # type: ignore[no-untyped-def]
    """A timeline canvas on its own, shown at ``width`` x ``height``."""
    from netboard.ui.views.timeline_canvas import TimelineCanvas

    canvas = TimelineCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(width, height)
    canvas.show()
    qtbot.waitExposed(canvas)
    return canvas


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


def test_a_new_patient_s_first_record_draws_on_its_own_dates(qtbot, main_window, ui_store) -> None:
    """Issue 12: a new patient's chart is empty (no date axis); after the first dated record
    the refresh (which keeps the zoom) must show that record's dates, not 1970-01-01..02, and
    drawing must not fail (it raised FreeType's 'raster overflow' for text ~20,000 days away)."""
    from datetime import date

    from matplotlib.dates import num2date

    from netboard.db import operations as ops
    from netboard.domain.vocab import Histology, PatientStatus, PrimarySite, Sex

    patient = ops.create(
        ui_store,
        "patient",
        {
            "mrn": "T-0999",
            "family_name": "Newcomer",
            "given_name": "Fictive",
            "sex": Sex.UNKNOWN,
            "status": PatientStatus.ACTIVE,
        },
    )
    ws, canvas = open_case(qtbot, main_window, patient)
    assert canvas.timeline is not None and canvas.timeline.is_empty
    ops.create(
        ui_store,
        "tumor",
        {
            "patient_id": patient,
            "primary_site": PrimarySite.PANCREAS,
            "histology": Histology.NET,
            "diagnosis_date": date(2024, 5, 6),
        },
    )
    with qtbot.waitSignal(ws.case_loaded, timeout=5000):
        ws.reload()  # what the window does after a save (keep_view=True)
    canvas.canvas.draw()
    first, last = (num2date(v).date() for v in canvas.view_range())
    assert first <= date(2024, 5, 6) <= last
    assert first.year >= 2020  # not the epoch


def test_refresh_after_an_empty_chart_draws_without_freetype_errors(qtbot) -> None:
    """Issue 12: three 'FT_Render_Glyph ... raster overflow' tracebacks came from
    ``set_timeline(keep_view=True)`` after an empty chart: the kept 0..1 view put every label
    tens of millions of pixels away, which FreeType cannot rasterise."""
    from dataclasses import replace
    from datetime import date

    from netboard.domain.timeline import build_timeline
    from tests.factories import sample_case

    today = date(2025, 11, 20)
    full = build_timeline(sample_case(1, today), today)
    empty = replace(
        full,
        lanes=(),
        spans=(),
        imaging=(),
        pathology=(),
        labs=(),
        meetings=(),
        diagnosis=None,
        next_review=None,
    )
    canvas = shown_canvas(qtbot, 1300, 700)
    canvas.set_timeline(empty)
    canvas.set_timeline(full, keep_view=True)  # raised RuntimeError (raster overflow)
    canvas.canvas.draw()
    assert canvas.view_range() == pytest.approx(
        (day_number(full.view_start), day_number(full.view_end))
    )


def test_a_case_shown_again_shows_the_same_pixels_as_a_fresh_drawing(qtbot) -> None:
    """Opening a case again (unchanged) puts back its rendered pixels instead of rasterising the
    chart again; what is shown must be exactly what a full drawing gives, and an edited case
    (a new timeline) is drawn afresh."""
    from dataclasses import replace
    from datetime import date

    import numpy as np

    from netboard.domain.timeline import build_timeline
    from tests.factories import sample_case

    today = date(2025, 11, 20)
    one, two = (build_timeline(sample_case(n, today), today) for n in (1, 2))
    canvas = shown_canvas(qtbot, 1100, 650)
    canvas.set_timeline(one)
    canvas.canvas.draw()  # settle the size (the first drawing may resize the canvas)

    def pixels() -> np.ndarray:
        return np.array(canvas.canvas.buffer_rgba(), copy=True)

    draws: list[int] = []
    canvas.canvas.mpl_connect("draw_event", lambda _e: draws.append(1))
    canvas.set_timeline(one)
    first = pixels()
    canvas.set_timeline(two)
    assert not np.array_equal(pixels(), first)
    draws.clear()
    canvas.set_timeline(one)  # shown again, unchanged: no drawing
    assert draws == []
    again = pixels()
    canvas.canvas.draw()  # the oracle: a full drawing of the same figure
    assert np.array_equal(again, pixels())
    edited = replace(one, meetings=one.meetings[:-1])
    draws.clear()
    canvas.set_timeline(edited)  # changed: drawn afresh
    assert draws
    assert not np.array_equal(pixels(), again)


def test_bar_labels_are_fitted_again_when_the_canvas_is_resized(qtbot) -> None:
    """The chart is laid out for the canvas it has; when the window (or the splitter) makes it
    narrower, the bar names are fitted again: none runs into another or out of the chart."""
    from datetime import date

    from matplotlib.text import Text

    from netboard.domain.timeline import build_timeline
    from tests.factories import sample_case

    today = date(2025, 11, 20)
    canvas = shown_canvas(qtbot, 1500, 700)
    for n in (1, 2, 3):
        canvas.resize(1500, 700)
        canvas.set_timeline(build_timeline(sample_case(n, today), today))
        wide = canvas.canvas.width()
        canvas.resize(640, 700)
        qtbot.waitUntil(lambda w=wide: canvas.canvas.width() < w * 0.6)
        canvas.canvas.draw()
        ax = canvas.artists.axes["therapy"]
        renderer = canvas.canvas.get_renderer()
        inside = ax.get_window_extent()
        names = [
            t.get_window_extent(renderer)
            for t in ax.texts
            if isinstance(t, Text) and t.get_clip_on() and t.get_text()
        ]
        assert names
        for box in names:
            assert inside.x0 - 0.5 <= box.x0 and box.x1 <= inside.x1 + 0.5, (n, box, inside)
        for k, one in enumerate(names):
            for other in names[k + 1 :]:
                assert not one.overlaps(other), (n, one, other)


def test_the_window_chart_draws_its_text_from_kept_pixels(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The screen chart's renderer stamps text (charts.text_stamps); the same labels drawn on a
    plain Agg canvas of the same size look the same (within the half pixel a stamp may move)."""
    from datetime import date

    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from netboard.charts.text_stamps import StampingRenderer
    from netboard.charts.timeline_figure import draw_timeline
    from netboard.domain.timeline import build_timeline
    from tests.factories import sample_case

    today = date(2025, 11, 20)
    timeline = build_timeline(sample_case(2, today), today)
    canvas = shown_canvas(qtbot, 1200, 700)
    canvas.set_timeline(timeline)
    assert isinstance(canvas.canvas.get_renderer(), StampingRenderer)
    screen = np.asarray(canvas.canvas.buffer_rgba()).astype(int)

    plain = Figure(figsize=canvas.figure.get_size_inches(), dpi=canvas.figure.dpi)
    agg = FigureCanvasAgg(plain)
    draw_timeline(plain, timeline, style="screen", colours=canvas.colours)
    agg.draw()
    direct = np.asarray(agg.buffer_rgba()).astype(int)
    assert direct.shape == screen.shape
    inked = (direct[..., :3].min(axis=2) < 128).sum()  # dark pixels: text, lines, marks
    assert abs(int((screen[..., :3].min(axis=2) < 128).sum()) - int(inked)) < 0.02 * inked
    assert np.abs(screen - direct).mean() < 1.0  # levels of 255, over the whole chart
