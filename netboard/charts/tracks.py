"""The Ki-67 / grade track and the tumor marker track of the timeline chart (and shared helpers).

Artists are made directly (Line2D, Rectangle, add_artist) rather than through ``plot``:
limits are set by the caller, and skipping autoscaling keeps a 20-chart report fast. Text that
comes from data is drawn with ``parse_math=False`` so a '$' in an agent name stays a '$'.
"""

from __future__ import annotations

from collections.abc import Sequence
from math import log10, sqrt
from typing import Any

from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from netboard.charts import palette as pal
from netboard.charts.artists import TimelineArtists
from netboard.charts.axes_kit import day_number, figure_size, y_labels
from netboard.domain.timeline import KI67_BANDS, Timeline
from netboard.domain.vocab import Grade
from netboard.domain.wording import num

GRADE_MID = {Grade.G1: 1.5, Grade.G2: 8.0, Grade.G3: 45.0}
KI67_RANGE = (0.5, 100.0)
KI67_TICKS = (1, 3, 10, 20, 100)
KI67_DOT = 0.8
KI67_EDGE = 0.8
"""A Ki-67 point's diameter and edge width, as fractions of the style's marker size and line."""
TIMES = "\u00d7"  # multiplication sign: "2x first value"


def plottable(timeline: Timeline) -> list[Any]:
    """Pathology results the Ki-67 track can place: a Ki-67 value or a G1-G3 grade."""
    return [s for s in timeline.pathology if s.ki67 is not None or s.grade in GRADE_MID]


def points(ax: Axes, xs: Sequence[float], ys: Sequence[float], **style: Any) -> Line2D:
    """A markers-only (or styled) line added without autoscaling."""
    style.setdefault("linestyle", "none")
    line = Line2D(list(xs), list(ys), **style)
    ax.add_artist(line)  # not add_line: limits are set by the caller, autoscaling is wasted work
    return line


def pathology(result: TimelineArtists, ax: Axes, timeline: Timeline, spec: pal.ChartStyle) -> None:
    """Ki-67 % as a step line over the WHO grade bands (log scale)."""
    _log_scale(ax)
    ax.set_ylim(*KI67_RANGE)
    c = spec.colours
    y_labels(ax, KI67_TICKS, [str(t) for t in KI67_TICKS], spec.small, c.ink)
    track_title(ax, "Ki-67 %", spec)
    _grade_bands(ax, spec)
    steps = plottable(timeline)
    values = [
        min(max(s.ki67, KI67_RANGE[0]), KI67_RANGE[1])
        if s.ki67 is not None
        else GRADE_MID.get(s.grade, 8.0)
        for s in steps
    ]
    xs = [day_number(s.date) for s in steps]
    measured = [(x, v) for x, v, s in zip(xs, values, steps, strict=True) if s.ki67 is not None]
    if measured:
        line_x = [x for x, _ in measured] + [day_number(max(timeline.today, steps[-1].date))]
        line_y = [v for _, v in measured] + [measured[-1][1]]
        points(
            ax,
            line_x,
            line_y,
            linestyle="-",
            drawstyle="steps-post",
            color=c.ink,
            linewidth=spec.line,
        )
    dots = points(
        ax,
        xs,
        values,
        marker="o",
        markersize=spec.marker * KI67_DOT,
        color=c.ink,
        markerfacecolor=c.background,
        markeredgewidth=spec.line * KI67_EDGE,
    )
    result.add(dots, tuple(s.id for s in steps), priority=0)
    _ki67_labels(ax, xs, values, steps, spec)


def _grade_bands(ax: Axes, spec: pal.ChartStyle) -> None:
    """The WHO grade bands behind the Ki-67 line, each labelled at the right edge."""
    band_label = ax.get_yaxis_transform()
    for grade, low, high in KI67_BANDS:
        bottom = max(low, KI67_RANGE[0])
        band = Rectangle(
            (0, bottom),
            1,
            high - bottom,
            transform=band_label,
            color=spec.colours.band(grade),
            zorder=0,
            linewidth=0,
        )
        ax.add_artist(band)  # what axhspan draws, without its data-limit bookkeeping
        ax.text(
            0.995,
            sqrt(bottom * high),
            grade.label,
            transform=band_label,
            ha="right",
            va="center",
            fontsize=spec.small,
            color=spec.colours.muted,
        )


def _ki67_labels(
    ax: Axes, xs: list[float], values: list[float], steps: Sequence[Any], spec: pal.ChartStyle
) -> None:
    """Each value beside its point, clear of the circle and of the step line: right of the
    point, above the line when the next step goes down or stays, below it when it goes up (the
    line rises there). A label right beside the last one is left out (its hover text says it)."""
    x_min, x_max = ax.get_xlim()
    pt_per_day = ax.get_position().width * figure_size(ax)[0] * 72 / max(x_max - x_min, 1)
    clear = ki67_dot_radius_pt(spec) + 1.5
    last: float | None = None
    for k, (x, v, step) in enumerate(zip(xs, values, steps, strict=True)):
        if last is not None and (x - last) * pt_per_day < 6 * spec.small:
            continue
        text = f"{num(step.ki67)} %" if step.ki67 is not None else step.grade.label
        rises = k + 1 < len(values) and values[k + 1] > v
        ax.annotate(
            text,
            (x, v),
            xytext=(clear, -clear if rises else clear),
            textcoords="offset points",
            va="top" if rises else "bottom",
            fontsize=spec.small,
            color=spec.colours.ink,
            clip_on=True,
        )
        last = x


def ki67_dot_radius_pt(spec: pal.ChartStyle) -> float:
    """The outer radius of a Ki-67 point (marker and its edge), in points."""
    return (KI67_DOT * spec.marker + KI67_EDGE * spec.line) / 2


def markers(result: TimelineArtists, ax: Axes, timeline: Timeline, spec: pal.ChartStyle) -> None:
    """Chromogranin A and 5-HIAA as multiples of their first value (log), last value labelled."""
    _log_scale(ax)
    track_title(ax, f"{TIMES} first value", spec)
    ax.axhline(1.0, color=spec.colours.muted, linewidth=0.8, linestyle=":")
    lows, highs = [1.0], [1.0]
    ends: list[tuple[float, float, str, str]] = []
    handles: list[Line2D] = []
    for k, series in enumerate(timeline.labs):
        colour = pal.MARKER_COLOURS[k % len(pal.MARKER_COLOURS)]
        shown = [p for p in series.points if p.value > 0]
        if not shown:
            continue
        base = shown[0].value
        xs = [day_number(p.date) for p in shown]
        ys = [p.value / base for p in shown]
        lows.append(min(ys))
        highs.append(max(ys))
        handles.append(
            points(ax, xs, ys, linestyle="-", color=colour, linewidth=spec.line, label=series.label)
        )
        dots = points(ax, xs, ys, marker="os^D"[k % 4], markersize=spec.marker * 0.7, color=colour)
        result.add(dots, tuple(p.id for p in shown), priority=0)
        ends.append((xs[-1], ys[-1], _end_text(shown[-1]), colour))
    low, high = min(lows) / 1.6, max(highs) * 1.6
    ax.set_ylim(low, high)
    ticks = log_ticks(low, high)
    y_labels(ax, ticks, [f"{t:g}{TIMES}" for t in ticks], spec.small, spec.colours.ink)
    _end_labels(ax, ends, low, high, spec)
    # The legend sits above the track, as its heading, so it never hides a point.
    ax.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(0.0, 1.0),
        fontsize=spec.small,
        frameon=False,
        ncols=max(len(handles), 1),
        handlelength=1.5,
        borderaxespad=0.1,
        labelcolor=spec.colours.ink,
    )


def end_labels(timeline: Timeline) -> list[str]:
    """The texts ``markers`` writes beside each series' last point (to size the right margin)."""
    texts = []
    for series in timeline.labs:
        shown = [p for p in series.points if p.value > 0]
        if shown:
            texts.append(_end_text(shown[-1]))
    return texts


def _end_text(point: Any) -> str:
    return f"{num(point.value)} {point.unit}"


def _end_labels(
    ax: Axes,
    ends: list[tuple[float, float, str, str]],
    low: float,
    high: float,
    spec: pal.ChartStyle,
) -> None:
    """Each series' last value beside its last point, nudged apart so labels never overlap."""
    height_pt = ax.get_position().height * figure_size(ax)[1] * 72
    span = log10(high) - log10(low)
    wanted = [(log10(y) - log10(low)) / span * height_pt for _, y, _, _ in ends]
    order = sorted(range(len(ends)), key=lambda i: wanted[i])
    placed: dict[int, float] = {}
    floor = -1e9
    for i in order:
        placed[i] = max(wanted[i], floor)
        floor = placed[i] + spec.small * 1.15
    for i, (x, y, text, colour) in enumerate(ends):
        ax.annotate(
            text,
            (x, y),
            xytext=(5, placed[i] - wanted[i]),
            textcoords="offset points",
            va="center",
            fontsize=spec.small,
            color=colour,
            clip_on=False,
            parse_math=False,
        )


def log_ticks(low: float, high: float) -> list[float]:
    """1-2-5 steps within the range, thinned to at most six (always keeping 1x when shown)."""
    ticks = [m * 10.0**e for e in range(-4, 5) for m in (1, 2, 5) if low <= m * 10.0**e <= high]
    while len(ticks) > 6:
        ticks = ticks[::2] if 1.0 in ticks[::2] or 1.0 not in ticks else ticks[1::2]
    return ticks or [1.0]


def track_title(ax: Axes, text: str, spec: pal.ChartStyle) -> None:
    """The track's name, turned on its side left of the tick labels (at most five characters)."""
    ax.annotate(
        text,
        (0, 0.5),
        xycoords="axes fraction",
        xytext=(-4.2 * spec.small, 0),
        textcoords="offset points",
        rotation=90,
        ha="center",
        va="center",
        fontsize=spec.small,
        color=spec.colours.ink,
    )


def _log_scale(ax: Axes) -> None:
    if ax.get_yscale() != "log":  # a reused axes already has it; setting it again costs a reset
        ax.set_yscale("log")
