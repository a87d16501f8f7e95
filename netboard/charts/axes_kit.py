"""Axes plumbing for the timeline: stacked layout, date ticks, and tick labels two ways.

On screen the chart pans and zooms, so it uses matplotlib's live tick machinery. On paper nothing
moves, and matplotlib's per-tick objects are most of the drawing time (a 20-case summary draws 20
charts), so paper charts get "static" labels: plain text and one line collection per axes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from matplotlib.axes import Axes
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, NullLocator

from netboard.charts import palette as pal

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_number(day: date) -> float:
    """matplotlib's number for a date (days since its epoch), typed."""
    return float(date2num(day))  # type: ignore[no-untyped-call]


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
_SHELL = "_netboard_paper_axes"


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


def paper_axes(figure: Figure, names: Sequence[str], rects: Sequence[Rect]) -> list[Axes]:
    """Axes for the named tracks, reusing the figure's previous paper axes when it has them.

    Creating matplotlib axes is over half the cost of drawing a paper chart; a report draws one
    chart per case on one figure per thread, so the three track axes are made once, emptied of
    what the last case drew, moved and shown or hidden.
    """
    shell: dict[str, Axes] | None = getattr(figure, _SHELL, None)
    if shell is None or list(figure.axes) != list(shell.values()):
        figure.clear()
        first = figure.add_axes((0, 0, 1, 1))
        shell = {ROLES[0]: first}
        for role in ROLES[1:]:
            shell[role] = figure.add_axes((0, 0, 1, 1), sharex=first)
        setattr(figure, _SHELL, shell)
    else:
        for text in list(figure.texts):
            text.remove()
        for ax in shell.values():
            _empty(ax)
    for role, ax in shell.items():
        ax.set_visible(role in names)
    for name, rect in zip(names, rects, strict=True):
        shell[name].set_position(rect)
    return [shell[name] for name in names]


def forget_paper_axes(figure: Figure) -> None:
    """The figure is about to be cleared for something else: do not reuse its axes."""
    if hasattr(figure, _SHELL):
        delattr(figure, _SHELL)


def _empty(ax: Axes) -> None:
    for artist in [*ax.lines, *ax.patches, *ax.texts, *ax.collections, *ax.artists]:
        artist.remove()
    if ax.legend_ is not None:
        ax.legend_.remove()


def style_axes(axes: Sequence[Axes], spec: pal.ChartStyle, x_range: tuple[float, float]) -> None:
    for ax in axes:
        ax.set_xlim(*x_range)
        ax.tick_params(labelsize=spec.small, length=3)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)


def x_dates(
    axes: Sequence[Axes], spec: pal.ChartStyle, start: date, end: date, *, static: bool
) -> None:
    """Date labels under the bottom axes and a light vertical grid on all of them."""
    if not static:
        locator = AutoDateLocator(minticks=4, maxticks=10)  # type: ignore[no-untyped-call]
        axes[-1].xaxis.set_major_locator(locator)
        formatter = ConciseDateFormatter(locator)  # type: ignore[no-untyped-call]
        axes[-1].xaxis.set_major_formatter(formatter)
        for ax in axes:
            ax.grid(axis="x", color=pal.LIGHT_GREY, linewidth=0.6)
            ax.set_axisbelow(True)
        for ax in axes[:-1]:
            ax.tick_params(labelbottom=False)
        return
    ticks = date_ticks(start, end)
    xs = [day_number(day) for day, _ in ticks]
    for ax in axes:
        ax.xaxis.set_major_locator(NullLocator())
        ax.xaxis.set_minor_locator(NullLocator())
        if xs:
            ax.vlines(
                xs,
                0,
                1,
                transform=ax.get_xaxis_transform(),
                colors=pal.LIGHT_GREY,
                linewidth=0.5,
                zorder=0,
            )
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
        )


def y_labels(
    ax: Axes,
    positions: Sequence[float],
    labels: Sequence[str],
    fontsize: float,
    *,
    static: bool,
) -> None:
    """Labels at given y positions, left of the axes."""
    ax.yaxis.set_minor_locator(NullLocator())
    if not static:
        ax.yaxis.set_major_locator(FixedLocator(list(positions)))
        ax.set_yticklabels(list(labels), fontsize=fontsize)
        return
    ax.yaxis.set_major_locator(NullLocator())
    where = ax.get_yaxis_transform()
    for y, label in zip(positions, labels, strict=True):
        ax.text(-0.008, y, label, transform=where, ha="right", va="center", fontsize=fontsize)
