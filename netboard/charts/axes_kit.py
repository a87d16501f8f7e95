"""Axes plumbing for the timeline: stacked, reused track axes with computed margins, date ticks.

matplotlib's per-tick objects were most of the drawing time, so no axes here has any. On screen
the chart pans and zooms along time: a ``DateGrid`` per axes works the dates out at each draw.
On paper nothing moves (a 20-case summary draws 20 charts): dates are plain text and one line
collection per axes. The y axes never zoom: their labels are plain text in both media. There is
no layout engine either: the margins come from the text they hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from matplotlib.axes import Axes
from matplotlib.axes._base import _AxesBase
from matplotlib.collections import LineCollection
from matplotlib.dates import date2num, get_epoch
from matplotlib.figure import Figure
from matplotlib.ticker import NullLocator
from matplotlib.transforms import Bbox

from netboard.charts import palette as pal
from netboard.charts.date_grid import KEEP, DateGrid, DateTicks

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_number(day: date) -> float:
    """matplotlib's number for a date (days since its epoch), typed. Plain dates (all the
    timeline has) take a shortcut: a chart converts thousands of them, and ``date2num`` goes
    through numpy for each."""
    if type(day) is date:
        return day.toordinal() + _ordinal_offset(get_epoch())  # type: ignore[no-untyped-call]
    return float(date2num(day))  # type: ignore[no-untyped-call]


@lru_cache(maxsize=2)
def _ordinal_offset(epoch: str) -> float:
    """``date2num(d) - d.toordinal()`` for the epoch in force (matplotlib fixes it at first use)."""
    probe = date(2000, 1, 1)
    return float(date2num(probe)) - probe.toordinal()  # type: ignore[no-untyped-call]


def figure_size(ax: Axes) -> tuple[float, float]:
    """Width and height (inches) of the figure an axes is on."""
    figure = ax.get_figure(root=True)
    assert figure is not None, "the axes is not on a figure"
    width, height = figure.get_size_inches()
    return float(width), float(height)


def date_ticks(start: date, end: date) -> list[tuple[date, str]]:
    """Round dates between ``start`` and ``end`` with short labels ('2024', 'Jul')."""
    years = (end - start).days / 365.25
    if years > 8:
        step = 24 if years > 16 else 12
    elif years > 3:
        step = 12
    elif years > 1.5:
        step = 6
    elif years > 0.5:
        step = 3
    else:
        step = 1
    ticks: list[tuple[date, str]] = []
    year, month = start.year, 1
    while True:
        day = date(year, month, 1)
        if day > end:
            return ticks
        if day >= start and (year * 12 + month - 1) % step == 0:
            ticks.append((day, str(year) if month == 1 else _MONTHS[month - 1]))
        month += 1
        if month > 12:
            year, month = year + 1, 1


Rect = tuple[float, float, float, float]
ROLES = ("therapy", "pathology", "markers")
_SHELL = "_netboard_track_axes"


def stacked_rects(
    size_in: tuple[float, float],
    ratios: Sequence[float],
    gaps_in: Sequence[float],
    margins_in: tuple[float, float, float, float],
) -> list[Rect]:
    """Figure-fraction rectangles stacked top to bottom; margins (left, right, top, bottom)."""
    width, height = size_in
    left, right, top, bottom = margins_in
    scale = (height - top - bottom - sum(gaps_in)) / sum(ratios)
    rects: list[Rect] = []
    y = height - top
    for k, ratio in enumerate(ratios):
        h = max(ratio * scale, 0.05)
        y -= h
        rects.append((left / width, y / height, max(width - left - right, 0.5) / width, h / height))
        if k < len(gaps_in):
            y -= gaps_in[k]
    return rects


@dataclass(frozen=True, slots=True)
class Stack:
    """Track heights (ratios), gaps and margins in inches: rectangles for any figure size."""

    ratios: tuple[float, ...]
    gaps_in: tuple[float, ...]
    margins_in: tuple[float, float, float, float]

    def rects(self, figure: Figure) -> list[Rect]:
        size = figure.get_size_inches()
        return stacked_rects(
            (float(size[0]), float(size[1])), self.ratios, self.gaps_in, self.margins_in
        )


@dataclass(frozen=True, slots=True)
class _StackLocator:
    """An axes locator: the k-th rectangle of the stack for the figure's size at drawing time,
    so a resized screen canvas keeps its margins without a layout engine."""

    stack: Stack
    index: int

    def __call__(self, ax: _AxesBase, renderer: Any) -> Bbox:
        figure = ax.get_figure(root=True)
        assert figure is not None
        return Bbox.from_bounds(*self.stack.rects(figure)[self.index])


def track_axes(
    figure: Figure, names: Sequence[str], stack: Stack, spec: pal.ChartStyle, *, live: bool
) -> list[Axes]:
    """Axes for the named tracks, reusing the figure's previous track axes when it has them.

    Creating matplotlib axes is over half the cost of drawing a chart; the window draws case after
    case on one canvas and a report one chart per case on one figure per thread, so the three
    track axes are made once (sharing x), emptied of what the last case drew, moved and shown or
    hidden. ``live`` axes (the screen) follow the figure's size and carry a DateGrid.
    """
    kind = (spec, live)
    held: tuple[object, dict[str, Axes]] | None = getattr(figure, _SHELL, None)
    if held is None or held[0] != kind or list(figure.axes) != list(held[1].values()):
        figure.clear()
        first = figure.add_axes((0, 0, 1, 1))
        shell = {ROLES[0]: first}
        for role in ROLES[1:]:
            shell[role] = figure.add_axes((0, 0, 1, 1), sharex=first)
        ticks = DateTicks()  # the tracks share x: their dates are worked out once a draw
        for ax in shell.values():
            _style(ax, spec)
            if live:
                ax.add_artist(DateGrid(ax, spec, ticks))
        setattr(figure, _SHELL, (kind, shell))
    else:
        shell = held[1]
        for text in list(figure.texts):
            text.remove()
        for ax in shell.values():
            _empty(ax)
    rects = stack.rects(figure)
    for k, name in enumerate(names):
        ax = shell[name]
        ax.set_position(rects[k])
        if live:
            ax.set_axes_locator(_StackLocator(stack, k))
    for role, ax in shell.items():
        ax.set_visible(role in names)
        for grid in ax.artists:
            if isinstance(grid, DateGrid):
                grid.labelled = role == names[-1]
    return [shell[name] for name in names]


def forget_track_axes(figure: Figure) -> None:
    """The figure is about to be cleared for something else: do not reuse its axes."""
    if hasattr(figure, _SHELL):
        delattr(figure, _SHELL)


def _style(ax: Axes, spec: pal.ChartStyle) -> None:
    """No tick machinery on either axis: labels are plain text, dates come from a DateGrid
    (screen) or ``x_dates`` (paper)."""
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_locator(NullLocator())
        axis.set_minor_locator(NullLocator())
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_facecolor(spec.colours.background)
    for side in ("left", "bottom"):
        ax.spines[side].set_edgecolor(spec.colours.ink)


def _empty(ax: Axes) -> None:
    for artist in [*ax.lines, *ax.patches, *ax.texts, *ax.collections, *ax.artists]:
        if not getattr(artist, KEEP, False):
            artist.remove()
    if ax.legend_ is not None:
        ax.legend_.remove()


def rules(ax: Axes, at: Sequence[float], *, vertical: bool, **style: Any) -> LineCollection:
    """Lines across the whole axes at ``at`` (x values when ``vertical``, else y values): what
    ``vlines`` / ``hlines`` draw, without their data-limit bookkeeping (limits are set here)."""
    if vertical:
        segments = [[(v, 0.0), (v, 1.0)] for v in at]
        where = ax.get_xaxis_transform()
    else:
        segments = [[(0.0, v), (1.0, v)] for v in at]
        where = ax.get_yaxis_transform()
    lines = LineCollection(segments, transform=where, **style)
    ax.add_collection(lines, autolim=False)
    return lines


def x_dates(axes: Sequence[Axes], spec: pal.ChartStyle, start: date, end: date) -> None:
    """Paper: round-date labels under the bottom axes and a light vertical grid on all of them,
    as plain text and one line collection per axes (the screen's track axes have a DateGrid)."""
    ticks = date_ticks(start, end)
    xs = [day_number(day) for day, _ in ticks]
    for ax in axes:
        ax.xaxis.set_major_locator(NullLocator())
        ax.xaxis.set_minor_locator(NullLocator())
        if xs:
            rules(ax, xs, vertical=True, colors=spec.colours.grid, linewidths=0.5, zorder=0)
    bottom = axes[-1]
    for x, (_, label) in zip(xs, ticks, strict=True):
        bottom.text(
            x,
            -0.04,
            label,
            transform=bottom.get_xaxis_transform(),
            ha="center",
            va="top",
            fontsize=spec.small,
            fontweight="bold" if label[0].isdigit() else "normal",
            color=spec.colours.ink,
        )


def y_labels(
    ax: Axes, positions: Sequence[float], labels: Sequence[str], fontsize: float, ink: str
) -> None:
    """Labels at given y positions, left of the axes, as plain text (the y axis never zooms, so
    matplotlib's tick objects would be work for nothing)."""
    ax.yaxis.set_major_locator(NullLocator())  # again: a change of scale brings tick locators back
    ax.yaxis.set_minor_locator(NullLocator())
    where = ax.get_yaxis_transform()
    for y, label in zip(positions, labels, strict=True):
        ax.text(
            -0.008,
            y,
            label,
            transform=where,
            ha="right",
            va="center",
            fontsize=fontsize,
            color=ink,
            parse_math=False,
        )
