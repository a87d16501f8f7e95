"""The screen chart's date axis: a light grid on every track and date labels under the bottom one.

The screen chart zooms and pans along time, so the dates are worked out at each draw for what is
visible (matplotlib's automatic date ticks and concise labels). They are drawn by one artist per
axes instead of matplotlib's tick machinery, whose objects, shared-axis bookkeeping and layout
passes were a large part of every redraw.
"""

from __future__ import annotations

from typing import Any

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.dates import MONTHLY, AutoDateLocator, ConciseDateFormatter
from matplotlib.lines import Line2D
from matplotlib.markers import TICKDOWN, MarkerStyle
from matplotlib.text import Text
from matplotlib.transforms import ScaledTranslation

from netboard.charts import palette as pal
from netboard.charts.text_size import text_width_pt

TICK_PT = 3.0
LABEL_PAD_PT = 3.5
"""Tick length and the gap below it, as matplotlib's own ticks have them."""
MAX_LABELS = 10
"""At most this many dates on the axis, however wide the screen."""
KEEP = "_netboard_keep"
"""Attribute that marks an artist to keep when the axes are emptied for the next case."""


class DateTicks:
    """Round dates and their concise labels for a visible range, worked out once for all the
    tracks that share the date axis (each draws its grid from the same dates)."""

    def __init__(self) -> None:
        self._tickers: dict[int, tuple[AutoDateLocator, ConciseDateFormatter]] = {}
        self._memo: tuple[tuple[float, float, int], list[float], list[str], str] | None = None

    def dates(self, lo: float, hi: float, most: int) -> tuple[list[float], list[str], str]:
        """Tick positions within [lo, hi] (at most ``most``), their labels and the offset."""
        if self._memo is None or self._memo[0] != (lo, hi, most):
            locator, formatter = self._ticker(most)
            axis: Any = locator.axis
            axis.set_view_interval(lo, hi)
            axis.set_data_interval(lo, hi)
            ticks = [float(t) for t in locator() if lo <= t <= hi]
            labels = list(formatter.format_ticks(ticks))  # type: ignore[no-untyped-call]
            offset = str(formatter.get_offset())  # type: ignore[no-untyped-call]
            self._memo = ((lo, hi, most), ticks, labels, offset)
        _view, ticks, labels, offset = self._memo
        return ticks, labels, offset

    def _ticker(self, most: int) -> tuple[AutoDateLocator, ConciseDateFormatter]:
        if most not in self._tickers:
            locator = AutoDateLocator(minticks=min(4, most - 1), maxticks=most)  # type: ignore[no-untyped-call]
            locator.create_dummy_axis()
            locator.intervald[MONTHLY] = [1, 2, 3, 4, 6, 12]  # 12: yearly ticks when few fit
            formatter = ConciseDateFormatter(locator)  # type: ignore[no-untyped-call]
            self._tickers[most] = (locator, formatter)
        return self._tickers[most]


class DateGrid(Artist):
    """Grid lines at round dates within the visible range; with ``labelled``, tick marks and
    concise labels below the axes (and the year or month they share, at the right)."""

    zorder = 0.5  # over the grade bands (zorder 0), under everything drawn for the case

    def __init__(self, ax: Axes, spec: pal.ChartStyle, ticks: DateTicks | None = None) -> None:
        super().__init__()
        setattr(self, KEEP, True)
        self.labelled = False
        self._ax = ax
        self._ticks = ticks if ticks is not None else DateTicks()
        """Shared by the tracks of one chart: their date axis is one."""
        # Room one date label needs: the widest short label and a gap of one letter each side.
        self._label_room_pt = text_width_pt("2026", spec.small) + 0.9 * spec.small
        figure = ax.get_figure(root=True)
        assert figure is not None, "the axes is not on a figure"
        self._figure = figure
        lines_at = ax.get_xaxis_transform()
        colours = spec.colours
        self._lines = LineCollection([], colors=colours.grid, linewidths=0.6)
        self._lines.set_transform(lines_at)
        self._marks = Line2D(
            [],
            [],
            linestyle="none",
            marker=MarkerStyle(TICKDOWN),
            markersize=TICK_PT,
            color=colours.ink,
        )
        self._marks.set_transform(lines_at)
        pad = TICK_PT + LABEL_PAD_PT
        below = ScaledTranslation(0, -pad / 72, figure.dpi_scale_trans)
        self._label_at = lines_at + below
        self._size = spec.small
        self._labels: list[Text] = []
        lower = ScaledTranslation(0, -(pad + spec.small * 1.3) / 72, figure.dpi_scale_trans)
        self._ink = colours.ink
        self._offset = Text(
            1.0, 0.0, "", ha="right", va="top", fontsize=spec.small, color=self._ink
        )
        self._offset.set_transform(ax.transAxes + lower)
        for child in (self._lines, self._marks, self._offset):
            child.set_figure(figure)

    def dates(self) -> tuple[list[float], list[str], str]:
        """Tick positions (date numbers) in the visible range, their labels and the offset."""
        lo, hi = sorted(float(v) for v in self._ax.get_xlim())
        return self._ticks.dates(lo, hi, self.most_labels())

    def most_labels(self) -> int:
        """How many date labels the axes' width holds side by side (4 to MAX_LABELS): on a
        narrow canvas fewer, wider-spaced dates, so the labels never run together."""
        width_pt = self._ax.bbox.width / self._figure.dpi * 72
        return max(4, min(MAX_LABELS, int(width_pt // self._label_room_pt)))

    def _fitting(self, xs: list[float], labels: list[str]) -> list[bool]:
        """Which labels to write: left to right, each one clear of the last one written by a
        letter's width (the locator's count is an estimate; a very narrow axes holds fewer)."""
        to_px = self._figure.dpi / 72
        gap = 0.6 * self._size * to_px
        centres = [float(self._label_at.transform((x, 0.0))[0]) for x in xs]
        shown: list[bool] = []
        right = float("-inf")
        for centre, label in zip(centres, labels, strict=True):
            half = text_width_pt(label, self._size) * to_px / 2
            fits = centre - half >= right + gap
            shown.append(fits)
            if fits:
                right = centre + half
        return shown

    def get_children(self) -> list[Artist]:
        """What the last draw showed (the date labels of the bottom track only)."""
        if not self.labelled:
            return [self._lines]
        _ticks, labels, offset = self.dates()
        shown: list[Artist] = [self._lines, self._marks, *self._labels[: len(labels)]]
        return [*shown, self._offset] if offset else shown

    def draw(self, renderer: Any) -> None:
        if not self.get_visible():
            return
        xs, labels, offset = self.dates()
        self._lines.set_segments([[(x, 0.0), (x, 1.0)] for x in xs])
        self._lines.draw(renderer)
        if not self.labelled:
            return
        self._marks.set_data(xs, [0.0] * len(xs))
        self._marks.draw(renderer)
        while len(self._labels) < len(xs):
            text = Text(0, 0, "", ha="center", va="top", fontsize=self._size, color=self._ink)
            text.set_transform(self._label_at)
            text.set_figure(self._figure)
            self._labels.append(text)
        room = self._fitting(xs, labels)
        for text, x, label, fits in zip(self._labels, xs, labels, room, strict=False):
            text.set_x(x)
            text.set_text(label if fits else "")
            text.draw(renderer)
        if offset:
            self._offset.set_text(offset)
            self._offset.draw(renderer)
        self.stale = False
