"""The therapy timeline on screen: ``charts.timeline_figure`` draws, this widget embeds it.

Hover shows the details of the item under the pointer; the wheel zooms the date axis around the
pointer; dragging pans; 'Fit' shows the whole history again; a click on an item emits its id
(the case workspace selects that course in the therapy table). matplotlib is imported here, and
this module is imported only when the first case opens, so start-up does not pay for it.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from netboard.charts.artists import TimelineArtists
from netboard.charts.axes_kit import day_number
from netboard.charts.text_stamps import StampingRenderer, TextStamps
from netboard.charts.timeline_figure import draw_timeline, figure_height
from netboard.domain.timeline import Timeline
from netboard.ui.theme import chart_colours

ZOOM_STEP = 1.25
MIN_SPAN_DAYS = 14.0
DRAG_THRESHOLD_PX = 4
MAX_DPI = 96.0
MIN_DPI = 58.0
FULL_SIZE_WIDTH_IN = 11.5
"""At this width (inches of the screen style) and more the chart draws at full size; a narrower
canvas lowers the resolution instead, so the large 'screen' type still fits on a laptop."""
RECENT_CHARTS = 4
"""How many recently drawn charts keep their pixels (a few MB each) to be shown again at once."""
HOVER_HINT = "Point at a bar or mark for details \u00b7 wheel: zoom \u00b7 drag: pan"


def chart_dpi(width_px: float, height_px: float, height_in: float) -> float:
    """Dots per inch that fit the chart into the visible area, within [MIN_DPI, MAX_DPI].

    Full size on a wide, tall screen; on a smaller one the whole chart shrinks (type included)
    rather than losing its date axis below the fold. Below MIN_DPI the area scrolls instead.
    """
    by_width = width_px / FULL_SIZE_WIDTH_IN
    by_height = height_px / height_in if height_in > 0 else MAX_DPI
    return max(MIN_DPI, min(MAX_DPI, by_width, by_height))


class RecentPixels:
    """The rendered canvas of the last few chart states, newest last."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._regions: OrderedDict[Hashable, Any] = OrderedDict()

    def get(self, key: Hashable) -> Any:
        region = self._regions.get(key)
        if region is not None:
            self._regions.move_to_end(key)
        return region

    def put(self, key: Hashable, region: Any) -> None:
        self._regions[key] = region
        self._regions.move_to_end(key)
        while len(self._regions) > self._size:
            self._regions.popitem(last=False)


_STAMPS = TextStamps()
"""The chart text of every canvas in the window, rasterised once per string (charts.text_stamps)."""


class _Canvas(FigureCanvasQTAgg):
    """The Qt canvas; its resolution is set by the TimelineCanvas around it. Its renderer
    draws text from kept pixels (``charts.text_stamps``)."""

    def get_renderer(self) -> StampingRenderer:
        width, height = self.get_width_height(physical=True)
        key = (width, height, self.figure.dpi)
        if self._lastKey != key:  # what FigureCanvasAgg.get_renderer does, with our renderer
            self.renderer: StampingRenderer = StampingRenderer(
                width, height, self.figure.dpi, _STAMPS
            )
            self._lastKey = key
        return self.renderer

    def set_resolution(self, dpi: float, height_in: float) -> None:
        """Use ``dpi`` from now on and be tall enough for a chart ``height_in`` inches high."""
        if abs(dpi - self.figure._original_dpi) > 0.5:  # type: ignore[attr-defined]
            self.figure._original_dpi = dpi  # type: ignore[attr-defined]
            self.figure._set_dpi(dpi * self.device_pixel_ratio, forward=False)  # type: ignore[attr-defined]
            # matplotlib sizes the figure from the widget on the next resize event
            self.figure.set_size_inches(self.width() / dpi, self.height() / dpi, forward=False)
        height = int(height_in * dpi)
        if height != self.minimumHeight():  # a resize means one more full redraw
            self.setMinimumHeight(height)


class TimelineCanvas(QWidget):
    """The timeline figure with Fit / zoom buttons and a hover detail line."""

    item_clicked = Signal(str)
    """The id of the item a click landed on (a therapy course id for bars)."""
    hovered = Signal(str)
    """The id under the pointer ('' when none); ``hover_text`` holds its details."""
    view_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure = Figure(dpi=MAX_DPI)
        self.canvas = _Canvas(self.figure)  # type: ignore[no-untyped-call]
        self.canvas.setObjectName("timelineCanvas")
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.canvas.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.timeline: Timeline | None = None
        self.artists: TimelineArtists | None = None
        self.colours = chart_colours(self)
        self._pixels = RecentPixels(RECENT_CHARTS)
        self._laid_out_width = 0.0
        self._recolour_pending = False
        self.hover_id: str | None = None
        self.hover_text = ""
        self._press: tuple[float, tuple[float, float]] | None = None
        self._dragged = False

        self.fit_button = QPushButton("Fit")
        self.fit_button.setObjectName("timelineFit")
        self.fit_button.setToolTip("Show the whole history")
        self.fit_button.clicked.connect(self.fit)
        self.zoom_in_button = QPushButton("Zoom in")
        self.zoom_in_button.clicked.connect(lambda: self.zoom(1 / ZOOM_STEP))
        self.zoom_out_button = QPushButton("Zoom out")
        self.zoom_out_button.clicked.connect(lambda: self.zoom(ZOOM_STEP))
        self.detail = QLabel(HOVER_HINT)
        self.detail.setObjectName("timelineDetail")
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        buttons = QHBoxLayout()
        buttons.addWidget(self.fit_button)
        buttons.addWidget(self.zoom_in_button)
        buttons.addWidget(self.zoom_out_button)
        buttons.addSpacing(12)
        buttons.addWidget(self.detail, 1)

        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setWidget(self.canvas)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.scroll_area, 1)

        self.canvas.mpl_connect("motion_notify_event", self._on_motion)
        self.canvas.mpl_connect("button_press_event", self._on_press)
        self.canvas.mpl_connect("button_release_event", self._on_release)
        self.canvas.mpl_connect("scroll_event", self._on_scroll)
        self.canvas.mpl_connect("figure_leave_event", lambda _e: self._set_hover(None))
        self.canvas.mpl_connect("resize_event", self._on_canvas_resized)

    # -- drawing --------------------------------------------------------------------------------

    def set_timeline(self, timeline: Timeline, *, keep_view: bool = False) -> None:
        """Draw ``timeline``; ``keep_view`` keeps the current zoom (a refresh after an edit)."""
        view = self._view_to_keep(timeline) if keep_view else None
        self.timeline = timeline
        self._fit_resolution()
        self._lay_out(timeline, view)
        self._set_hover(None)
        self._render()

    def _lay_out(self, timeline: Timeline, view: tuple[float, float] | None) -> None:
        """Place everything for the figure's present size (bar labels are fitted in points)."""
        selected = self.artists.selected if self.artists is not None else None
        self.colours = chart_colours(self)
        self.artists = draw_timeline(self.figure, timeline, style="screen", colours=self.colours)
        self._laid_out_width = self.figure.get_figwidth()
        if view is not None:  # set directly: the draw below shows it (no second, idle draw)
            self.artists.axes["therapy"].set_xlim(*view)
        if selected is not None and selected in self.artists.item_ids():
            self.artists.select(selected)

    def _on_canvas_resized(self, _event: Any) -> None:
        """A wider or narrower canvas: lay the chart out again before matplotlib redraws it,
        or labels fitted for the old width would run into each other (or leave room unused)."""
        if self.timeline is None or self.artists is None:
            return
        if abs(self.figure.get_figwidth() - self._laid_out_width) > 0.01:
            self._lay_out(self.timeline, self.view_range())

    def _render(self) -> None:
        """Draw the figure, or put back the pixels of the same chart drawn before (a case shown
        again, unchanged, at the same size, zoom and selection): rasterising is most of the cost
        of showing a case, and flipping between cases at a board shows the same ones again."""
        assert self.timeline is not None
        width, height = self.canvas.get_width_height(physical=True)
        selected = self.artists.selected if self.artists is not None else None
        view = self.view_range() if self.artists is not None else None
        key = (self.timeline, self.colours, width, height, self.figure.dpi, view, selected)
        region = self._pixels.get(key)
        if region is not None:
            self.canvas.restore_region(region)  # type: ignore[no-untyped-call]
            self.canvas.update()
            return
        self.canvas.draw()  # type: ignore[no-untyped-call]
        self._pixels.put(key, self.canvas.copy_from_bbox(self.figure.bbox))  # type: ignore[no-untyped-call]

    def _view_to_keep(self, timeline: Timeline) -> tuple[float, float] | None:
        """The zoom to keep across a redraw, or None to show the whole history: an empty chart
        has no date axis to keep (its 0..1 would be 1970), and a view that no longer overlaps
        the history, or is narrower than the zoom allows, is not worth keeping."""
        if self.artists is None or self.timeline is None or self.timeline.is_empty:
            return None
        if timeline.is_empty:
            return None
        x0, x1 = self.view_range()
        start, end = day_number(timeline.view_start), day_number(timeline.view_end)
        if x1 - x0 < MIN_SPAN_DAYS or x1 < start or x0 > end:
            return None
        return x0, x1

    def select(self, item_id: str | None) -> None:
        """Outline the item (e.g. the course selected in the therapy table)."""
        if self.artists is None:
            return
        if item_id is not None and item_id not in self.artists.item_ids():
            item_id = None
        if item_id == self.artists.selected:
            return
        self.artists.select(item_id)
        self.canvas.draw_idle()  # type: ignore[no-untyped-call]

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """The desktop switched light/dark (a new palette): redraw in its colours, once the
        event loop is back (never inside Qt's restyling of every widget)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and not self._recolour_pending:
            self._recolour_pending = True
            QTimer.singleShot(0, self, self._recolour)

    def _recolour(self) -> None:
        self._recolour_pending = False
        if self.timeline is not None and chart_colours(self) != self.colours:
            self.set_timeline(self.timeline, keep_view=True)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_resolution()

    def _fit_resolution(self) -> None:
        if self.timeline is None:
            return
        viewport = self.scroll_area.viewport()
        height_in = figure_height(self.timeline, "screen")
        dpi = chart_dpi(viewport.width(), viewport.height(), height_in)
        self.canvas.set_resolution(dpi, height_in)

    # -- zoom and pan ---------------------------------------------------------------------------

    def view_range(self) -> tuple[float, float]:
        """The date axis limits (matplotlib date numbers: days)."""
        assert self.artists is not None
        x0, x1 = self.artists.axes["therapy"].get_xlim()
        return float(x0), float(x1)

    def fit(self) -> None:
        if self.timeline is None:
            return
        self._set_xlim(day_number(self.timeline.view_start), day_number(self.timeline.view_end))

    def zoom(self, factor: float, center: float | None = None) -> None:
        """Scale the visible span by ``factor`` (< 1 zooms in) around ``center`` (a date number)."""
        if self.artists is None:
            return
        x0, x1 = self.view_range()
        mid = (x0 + x1) / 2 if center is None else center
        span = max((x1 - x0) * factor, MIN_SPAN_DAYS)
        left = mid - (mid - x0) * span / (x1 - x0)
        self._set_xlim(left, left + span)

    def pan(self, days: float) -> None:
        if self.artists is None:
            return
        x0, x1 = self.view_range()
        self._set_xlim(x0 + days, x1 + days)

    def _set_xlim(self, x0: float, x1: float) -> None:
        assert self.artists is not None
        # The axes share x; setting the therapy axes moves the tracks too.
        self.artists.axes["therapy"].set_xlim(x0, x1)
        self.canvas.draw_idle()  # type: ignore[no-untyped-call]
        self.view_changed.emit()

    # -- pointer --------------------------------------------------------------------------------

    def _on_scroll(self, event: Any) -> None:
        if self.artists is None:
            return
        step = getattr(event, "step", 0) or 0
        center = event.xdata if event.inaxes is not None else None
        self.zoom(ZOOM_STEP ** (-step), center)

    def _on_press(self, event: Any) -> None:
        if event.button == 1 and event.x is not None:
            self._press = (event.x, self.view_range() if self.artists else (0.0, 1.0))
            self._dragged = False

    def _on_release(self, event: Any) -> None:
        pressed, self._press = self._press, None
        if pressed is None or self._dragged or self.artists is None or event.button != 1:
            return
        item_id = self.artists.item_at(event)
        if item_id is not None:
            self.item_clicked.emit(item_id)

    def _on_motion(self, event: Any) -> None:
        if self.artists is None:
            return
        if self._press is not None and event.x is not None:
            start_x, (x0, x1) = self._press
            if self._dragged or abs(event.x - start_x) > DRAG_THRESHOLD_PX:
                self._dragged = True
                ax = self.artists.axes["therapy"]
                width_px = ax.bbox.width or 1.0
                days = (start_x - event.x) * (x1 - x0) / width_px
                ax.set_xlim(x0 + days, x1 + days)
                self.canvas.draw_idle()  # type: ignore[no-untyped-call]
                self.view_changed.emit()
            return
        self._set_hover(self.artists.item_at(event))

    def _set_hover(self, item_id: str | None) -> None:
        if item_id == self.hover_id:
            return
        self.hover_id = item_id
        if item_id is None or self.timeline is None:
            self.hover_text = ""
            self.detail.setText(HOVER_HINT)
            QToolTip.hideText()
        else:
            try:
                self.hover_text = self.timeline.item(item_id).describe()
            except KeyError:
                self.hover_text = ""
            self.detail.setText(self.hover_text.replace("\n", "  \u00b7  "))
            if self.isVisible():
                QToolTip.showText(QCursor.pos(), self.hover_text, self.canvas)
        self.hovered.emit(item_id or "")
