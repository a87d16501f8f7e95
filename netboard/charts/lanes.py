"""The therapy track: an imaging row on top, then one lane per modality group.

Bars are labelled with the agent inside when it fits, else beside the bar where the row is free,
else shortened with an ellipsis (the hover text has it whole), so labels never run over each other.
Response reads keep their letters while there is room; in a crowded stretch the colour squares
remain and the letters of the squeezed ones are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Rectangle
from matplotlib.path import Path as MplPath
from matplotlib.textpath import TextPath

from netboard.charts import palette as pal
from netboard.charts.artists import GLYPHS, TimelineArtists
from netboard.charts.axes_kit import day_number, figure_size, rules, y_labels
from netboard.charts.text_size import text_width_pt
from netboard.charts.tracks import points
from netboard.domain.timeline import Lane, Span, Timeline
from netboard.domain.vocab import Response

BAR_HEIGHT = 0.68
PLANNED_DAYS = 60
"""Length drawn for a planned course with no end date (an outline stub)."""
ELLIPSIS = "\u2026"


@dataclass(frozen=True, slots=True)
class _Placed:
    span: Span
    y: float
    start: float
    end: float
    """Where the bar (or the diamond, plus its width) ends, in date numbers."""
    planned: bool


def therapy(
    result: TimelineArtists, ax: Axes, timeline: Timeline, spec: pal.ChartStyle, live: bool
) -> None:
    """Lanes and their names, bars with agent labels, ongoing arrows, the imaging row."""
    lane_top: dict[Lane, int] = {}
    ticks, labels = [0.0], ["Imaging"]
    y = 1
    for info in timeline.lanes:
        lane_top[info.lane] = y
        ticks.append(y + (info.rows - 1) / 2)
        labels.append(info.label)
        y += info.rows
    between = [top - 0.5 for top in lane_top.values()]
    rules(ax, between, vertical=False, colors=spec.colours.grid, linewidths=0.8, zorder=0)
    ax.set_ylim(y - 0.5, -0.6)
    y_labels(ax, ticks, labels, spec.lane_label, spec.colours.ink)

    x_min, x_max = ax.get_xlim()
    pt_per_day = ax.get_position().width * figure_size(ax)[0] * 72 / max(x_max - x_min, 1.0)
    placed = [
        _draw_span(result, ax, s, lane_top, timeline, spec, pt_per_day, x_max)
        for s in timeline.spans
    ]
    rows: dict[float, list[_Placed]] = {}
    for p in placed:
        rows.setdefault(p.y, []).append(p)
    for row in rows.values():
        row.sort(key=lambda p: p.start)
        written = x_min  # where the last label (or bar) in this row ends
        for k, p in enumerate(row):
            before = max(row[k - 1].end, written) if k > 0 else x_min
            after = row[k + 1].start if k + 1 < len(row) else x_max
            written = max(p.end, _label(ax, p, before, after, spec, pt_per_day))
    _imaging(result, ax, timeline, spec, pt_per_day, live)


def _draw_span(
    result: TimelineArtists,
    ax: Axes,
    span: Span,
    lane_top: dict[Lane, int],
    timeline: Timeline,
    spec: pal.ChartStyle,
    pt_per_day: float,
    x_max: float,
) -> _Placed:
    c = spec.colours
    colour = c.lane(span.lane)
    row_y = lane_top[span.lane] + span.row
    start = day_number(span.start)
    if span.end == span.start:  # a one-day procedure: a diamond, not a bar
        mark = points(
            ax,
            [start],
            [row_y],
            marker="D",
            markersize=spec.marker,
            color=colour,
            markeredgecolor=c.ink,
            markeredgewidth=0.6,
        )
        result.add(mark, span.id, priority=1)
        half = spec.marker / 2 / pt_per_day
        return _Placed(span, row_y, start - half, start + half, planned=False)
    planned = span.start > timeline.today
    if planned:  # not started yet: an outline, as long as planned (or a short stub)
        end = day_number(span.end) if span.end is not None else min(start + PLANNED_DAYS, x_max)
    else:
        end = day_number(timeline.today) if span.end is None else day_number(span.end)
    width = max(end - start, 1.0)
    bar = Rectangle(
        (start, row_y - BAR_HEIGHT / 2),
        width,
        BAR_HEIGHT,
        facecolor=c.background if planned else colour,
        edgecolor=colour if planned else "none",
        linewidth=spec.line if planned else 0,
        linestyle="--" if planned else "-",
    )
    ax.add_artist(bar)
    result.add(bar, span.id, priority=2)
    if span.ongoing and not planned:  # open end: an arrow head at today
        arrow = points(
            ax,
            [end],
            [row_y],
            marker=">",
            markersize=spec.marker * 1.3,
            color=colour,
            markeredgecolor=c.ink,
            markeredgewidth=0.6,
        )
        result.add(arrow, span.id, priority=1)
        end += spec.marker * 0.8 / pt_per_day
    return _Placed(span, row_y, start, start + width if not span.ongoing else end, planned)


def _label(
    ax: Axes, p: _Placed, before: float, after: float, spec: pal.ChartStyle, pt_per_day: float
) -> float:
    """Inside the bar, after it, before it, or shortened into the widest of those spaces.
    Returns where the label ends (date number), so the next one in the row starts after it."""
    suffix = " (planned)" if p.planned else ""
    text = p.span.label + suffix
    pad_pt = 4.0
    is_point = p.span.end == p.span.start
    spaces = {
        "inside": 0.0 if is_point else (p.end - p.start) * pt_per_day - 2 * pad_pt,
        "right": (after - p.end) * pt_per_day - 2 * pad_pt,
        "left": (p.start - before) * pt_per_day - 2 * pad_pt,
    }
    need = text_width_pt(text, spec.font)
    where = next((w for w in ("inside", "right", "left") if need <= spaces[w]), None)
    if where is None:  # shorten the name (never the "planned" mark) into the widest space
        where = max(spaces, key=lambda w: spaces[w])
        text = _shortened(p.span.label, suffix, spaces[where], spec.font)
        if not text:
            return p.end  # no room at all: the hover text and the table view carry the name
    style: dict[str, Any] = {
        "va": "center",
        "fontsize": spec.font,
        "clip_on": True,
        "parse_math": False,
        "color": spec.colours.ink,
    }
    pad = pad_pt / pt_per_day
    if where == "inside":
        if not p.planned:
            style["color"] = pal.text_colour_on(spec.colours.lane(p.span.lane))
        ax.text(p.start + pad, p.y, text, **style)
    elif where == "right":
        ax.text(p.end + pad, p.y, text, **style)
        return p.end + pad + text_width_pt(text, spec.font) / pt_per_day
    else:
        ax.text(p.start - pad, p.y, text, ha="right", **style)
    return p.end


def _shortened(label: str, suffix: str, room: float, size: float) -> str:
    """The longest 'Octreot… (planned)' that fits ``room`` points, or '' below three letters.
    A shorter name is never wider, so the longest fitting one is found by halving (each width
    measured is a string never seen before: a few measures, not one per letter)."""

    def cut(chars: int) -> str:
        return label[:chars].rstrip() + ELLIPSIS + suffix

    low, high = 2, len(label)  # cut(low) is the empty answer; cut(high) would be too long
    while high - low > 1:
        middle = (low + high) // 2
        if text_width_pt(cut(middle), size) <= room:
            low = middle
        else:
            high = middle
    if low > 2:
        return cut(low)
    return suffix.strip() if suffix and text_width_pt(suffix.strip(), size) <= room else ""


def _imaging(
    result: TimelineArtists,
    ax: Axes,
    timeline: Timeline,
    spec: pal.ChartStyle,
    pt_per_day: float,
    live: bool,
) -> None:
    """Response reads as lettered squares (colour and letters); other studies as grey ticks."""
    plain = [m for m in timeline.imaging if m.response is None]
    if plain:
        ticks = points(
            ax,
            [day_number(m.date) for m in plain],
            [0] * len(plain),
            marker="|",
            markersize=spec.marker * 1.2,
            color=spec.colours.muted,
            markeredgewidth=spec.line,
        )
        result.add(ticks, tuple(m.id for m in plain), priority=1)
    reads = [m for m in timeline.imaging if m.response is not None]
    box_pt = spec.small * 2.3
    lettered: set[str] = set()
    last = -1e12
    for m in reads:  # oldest first: a letter only where the previous letter leaves room
        x = day_number(m.date) * pt_per_day
        if x - last >= box_pt * 1.05:
            lettered.add(m.id)
            last = x
    for response in Response:
        marks = [m for m in reads if m.response == response]
        if not marks:
            continue
        colour = pal.RESPONSE_COLOURS[response]
        xs = [day_number(m.date) for m in marks]
        boxes = points(
            ax,
            xs,
            [0] * len(marks),
            marker="s",
            markersize=box_pt,
            color=colour,
            markeredgewidth=0.5,
            markeredgecolor=spec.colours.background,
        )
        result.add(boxes, tuple(m.id for m in marks), priority=0)
        at = [x for m, x in zip(marks, xs, strict=True) if m.id in lettered]
        _letters(ax, at, response.label, spec.small * 0.9, pal.text_colour_on(colour), live)


def _letters(ax: Axes, xs: list[float], label: str, size: float, ink: str, live: bool) -> None:
    """The response letters in their squares. Paper: real text (searchable in the PDF). Screen:
    the same glyphs as one marker line, which draws many times faster than a Text per square."""
    if not xs:
        return
    if live:
        glyphs, extent = _glyph_marker(label, size)
        letters = points(
            ax,
            xs,
            [0] * len(xs),
            marker=glyphs,
            markersize=extent,
            markerfacecolor=ink,
            markeredgewidth=0,
            clip_on=True,
            zorder=3,  # over every square, as text is
        )
        setattr(letters, GLYPHS, label)
        return
    for x in xs:
        ax.text(
            x,
            0,
            label,
            ha="center",
            va="center_baseline",
            fontsize=size,
            fontweight="bold",
            color=ink,
            clip_on=True,
        )


@lru_cache(maxsize=32)
def _glyph_marker(label: str, size: float) -> tuple[MplPath, float]:
    """``label`` in bold at ``size`` points as a path centred on (0, 0), and the marker size that
    draws it at that size (matplotlib scales a path marker by its largest coordinate)."""
    glyphs = TextPath((0, 0), label, size=size, prop=FontProperties(weight="bold"))
    box = glyphs.get_extents()
    centre = ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)
    path = MplPath(glyphs.vertices - centre, glyphs.codes)
    return path, 2 * float(np.abs(path.vertices).max())
