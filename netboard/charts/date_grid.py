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
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.lines import Line2D
from matplotlib.markers import TICKDOWN, MarkerStyle
from matplotlib.text import Text
from matplotlib.transforms import ScaledTranslation

from netboard.charts import palette as pal

TICK_PT = 3.0
LABEL_PAD_PT = 3.5
"""Tick length and the gap below it, as matplotlib's own ticks have them."""
KEEP = "_netboard_keep"
"""Attribute that marks an artist to keep when the axes are emptied for the next case."""


class DateGrid(Artist):
    """Grid lines at round dates within the visible range; with ``labelled``, tick marks and
    concise labels below the axes (and the year or month they share, at the right)."""

    zorder = 0.5  # over the grade bands (zorder 0), under everything drawn for the case

    def __init__(self, ax: Axes, spec: pal.ChartStyle) -> None:
        super().__init__()
        setattr(self, KEEP, True)
        self.labelled = False
        self._ax = ax
        self._locator = AutoDateLocator(minticks=4, maxticks=10)  # type: ignore[no-untyped-call]
        self._locator.create_dummy_axis()
        self._formatter = ConciseDateFormatter(self._locator)  # type: ignore[no-untyped-call]
        self._memo: tuple[tuple[float, float], list[float], list[str], str] | None = None
        figure = ax.get_figure(root=True)
        assert figure is not None, "the axes is not on a figure"
        self._figure = figure
        lines_at = ax.get_xaxis_transform()
        self._lines = LineCollection([], colors=pal.LIGHT_GREY, linewidths=0.6)
        self._lines.set_transform(lines_at)
        self._marks = Line2D(
            [],
            [],
            linestyle="none",
            marker=MarkerStyle(TICKDOWN),
            markersize=TICK_PT,
            color=pal.BLACK,
        )
        self._marks.set_transform(lines_at)
        pad = TICK_PT + LABEL_PAD_PT
        below = ScaledTranslation(0, -pad / 72, figure.dpi_scale_trans)
        self._label_at = lines_at + below
        self._size = spec.small
        self._labels: list[Text] = []
        lower = ScaledTranslation(0, -(pad + spec.small * 1.3) / 72, figure.dpi_scale_trans)
        self._offset = Text(1.0, 0.0, "", ha="right", va="top", fontsize=spec.small)
        self._offset.set_transform(ax.transAxes + lower)
        for child in (self._lines, self._marks, self._offset):
            child.set_figure(figure)

    def dates(self) -> tuple[list[float], list[str], str]:
        """Tick positions (date numbers) in the visible range, their labels and the offset."""
        lo, hi = sorted(float(v) for v in self._ax.get_xlim())
        if self._memo is None or self._memo[0] != (lo, hi):
            axis: Any = self._locator.axis
            axis.set_view_interval(lo, hi)
            axis.set_data_interval(lo, hi)
            ticks = [float(t) for t in self._locator() if lo <= t <= hi]
            labels = list(self._formatter.format_ticks(ticks))  # type: ignore[no-untyped-call]
            offset = str(self._formatter.get_offset())  # type: ignore[no-untyped-call]
            self._memo = ((lo, hi), ticks, labels, offset)
        _view, ticks, labels, offset = self._memo
        return ticks, labels, offset

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
            text = Text(0, 0, "", ha="center", va="top", fontsize=self._size)
            text.set_transform(self._label_at)
            text.set_figure(self._figure)
            self._labels.append(text)
        for text, x, label in zip(self._labels, xs, labels, strict=False):
            text.set_x(x)
            text.set_text(label)
            text.draw(renderer)
        if offset:
            self._offset.set_text(offset)
            self._offset.draw(renderer)
        self.stale = False
