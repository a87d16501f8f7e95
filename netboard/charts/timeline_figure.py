"""Draw a case timeline on a matplotlib Figure: one drawing for the shared screen and for paper.

No pyplot: the caller owns the Figure (a Qt canvas in the window, an SVG buffer in the reports), so
this works offscreen and in worker threads. The chart never draws patient names or MRNs; a title
appears only when the caller passes ``privacy_label``.
"""

from __future__ import annotations

from datetime import date
from math import sqrt

from matplotlib.axes import Axes
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import (
    FixedLocator,
    FuncFormatter,
    LogLocator,
    NullFormatter,
    NullLocator,
)

from netboard.charts import palette as pal
from netboard.charts.artists import TimelineArtists
from netboard.domain.timeline import KI67_BANDS, Lane, Timeline
from netboard.domain.timeline_text import num
from netboard.domain.vocab import Grade

_GRADE_MID = {Grade.G1: 1.5, Grade.G2: 8.0, Grade.G3: 45.0}
_KI67_RANGE = (0.5, 100.0)
_KI67_TICKS = (1, 3, 10, 20, 50, 100)
_TIMES = "\u00d7"  # multiplication sign: "2x first value"


def figure_height(timeline: Timeline, style: str = "paper") -> float:
    """A figure height (inches) that gives every therapy row and track room to read."""
    spec = pal.style(style)
    rows = 1 + sum(lane.rows for lane in timeline.lanes)
    tracks = bool(timeline.pathology) + bool(timeline.labs)
    chrome = 0.75 if style == "paper" else 1.4  # date axis, top labels, title
    return rows * spec.row_height_in + tracks * spec.track_height_in + chrome


def draw_timeline(
    figure: Figure,
    timeline: Timeline,
    *,
    style: str = "screen",
    privacy_label: str | None = None,
) -> TimelineArtists:
    """Draw ``timeline`` onto ``figure`` (cleared first) and return what was drawn for which id."""
    spec = pal.style(style)
    figure.clear()
    figure.set_layout_engine("constrained", h_pad=0.02, w_pad=0.02, hspace=0.02)
    result = TimelineArtists(figure, timeline)
    if privacy_label:
        figure.suptitle(privacy_label, x=0.01, ha="left", fontsize=spec.title, fontweight="bold")
    if timeline.is_empty:
        ax = figure.add_subplot()
        ax.set_axis_off()
        ax.text(
            0.5,
            0.5,
            "No dated history recorded yet",
            ha="center",
            va="center",
            fontsize=spec.font,
            color=pal.GREY,
            transform=ax.transAxes,
        )
        result.axes["therapy"] = ax
        return result

    names = ["therapy"]
    therapy_rows = 1 + sum(lane.rows for lane in timeline.lanes)
    ratios = [therapy_rows * spec.row_height_in]
    for name, present in (("pathology", timeline.pathology), ("markers", timeline.labs)):
        if present:
            names.append(name)
            ratios.append(spec.track_height_in)
    axes = figure.subplots(
        len(names), 1, sharex=True, squeeze=False, gridspec_kw={"height_ratios": ratios}
    )[:, 0]
    result.axes.update(zip(names, axes, strict=True))
    x0, x1 = date2num(timeline.view_start), date2num(timeline.view_end)
    for ax in axes:
        ax.set_xlim(x0, x1)
        ax.tick_params(labelsize=spec.small, length=3)
        ax.grid(axis="x", color=pal.LIGHT_GREY, linewidth=0.6)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)

    _therapy(result, axes[0], timeline, spec, figure)
    if "pathology" in result.axes:
        _pathology(result, result.axes["pathology"], timeline, spec)
    if "markers" in result.axes:
        _markers(result, result.axes["markers"], timeline, spec)
    _vertical_marks(result, list(axes), timeline, spec)

    locator = AutoDateLocator(minticks=4, maxticks=10)
    axes[-1].xaxis.set_major_locator(locator)
    axes[-1].xaxis.set_major_formatter(ConciseDateFormatter(locator))
    for ax in axes[:-1]:
        ax.tick_params(labelbottom=False)
    return result


def _therapy(
    result: TimelineArtists, ax: Axes, timeline: Timeline, spec: pal.ChartStyle, figure: Figure
) -> None:
    lane_top: dict[Lane, int] = {}
    ticks, labels = [0.0], ["Imaging"]
    y = 1
    for info in timeline.lanes:
        lane_top[info.lane] = y
        ticks.append(y + (info.rows - 1) / 2)
        labels.append(info.label)
        ax.axhline(y - 0.5, color=pal.LIGHT_GREY, linewidth=0.8, zorder=0)
        y += info.rows
    ax.set_ylim(y - 0.5, -0.6)
    ax.yaxis.set_major_locator(FixedLocator(ticks))
    ax.set_yticklabels(labels, fontsize=spec.lane_label)
    ax.tick_params(axis="y", length=0)

    x_min, x_max = ax.get_xlim()
    axes_width_pt = figure.get_figwidth() * 72 * 0.78
    pt_per_day = axes_width_pt / max(x_max - x_min, 1.0)
    pad = 4 / pt_per_day
    height = 0.68
    today = date2num(timeline.today)
    for span in timeline.spans:
        colour = pal.LANE_COLOURS[span.lane]
        row_y = lane_top[span.lane] + span.row
        start = date2num(span.start)
        if span.end == span.start:
            (point,) = ax.plot(
                [start],
                [row_y],
                marker="D",
                markersize=spec.marker,
                color=colour,
                markeredgecolor=pal.BLACK,
                markeredgewidth=0.6,
                linestyle="none",
            )
            result.add(point, span.id, priority=1)
            ax.text(
                start + 2 * pad, row_y, span.label, va="center", fontsize=spec.font, clip_on=True
            )
            continue
        end = today if span.end is None else date2num(span.end)
        width = max(end - start, 1.0)
        bar = Rectangle(
            (start, row_y - height / 2),
            width,
            height,
            facecolor=colour,
            edgecolor="none",
            linewidth=0,
        )
        ax.add_patch(bar)
        result.add(bar, span.id, priority=2)
        label_end = start + width
        if span.ongoing:
            (arrow,) = ax.plot(
                [end],
                [row_y],
                marker=">",
                markersize=spec.marker * 1.3,
                color=colour,
                markeredgecolor=pal.BLACK,
                markeredgewidth=0.6,
                linestyle="none",
            )
            result.add(arrow, span.id, priority=1)
            label_end = end + 3 * pad
        text_pt = 0.6 * spec.font * (len(span.label) + 1)
        if text_pt < (width - 2 * pad) * pt_per_day:
            ax.text(
                start + pad,
                row_y,
                span.label,
                va="center",
                fontsize=spec.font,
                color=pal.text_colour_on(colour),
                clip_on=True,
            )
        elif (
            text_pt < (x_max - label_end - pad) * pt_per_day
            or text_pt > (start - x_min - pad) * pt_per_day
        ):
            ax.text(
                label_end + pad, row_y, span.label, va="center", fontsize=spec.font, clip_on=True
            )
        else:  # no room inside or after the bar (ongoing at the right edge): before it
            ax.text(
                start - pad,
                row_y,
                span.label,
                va="center",
                ha="right",
                fontsize=spec.font,
                clip_on=True,
            )

    for mark in timeline.imaging:
        x = date2num(mark.date)
        if mark.response is None:
            (tick,) = ax.plot(
                [x],
                [0],
                marker="|",
                markersize=spec.marker * 1.2,
                color=pal.GREY,
                markeredgewidth=spec.line,
                linestyle="none",
            )
            result.add(tick, mark.id, priority=1)
            continue
        colour = pal.RESPONSE_COLOURS[mark.response]
        text = ax.text(
            x,
            0,
            mark.response.label,
            ha="center",
            va="center",
            fontsize=spec.small,
            fontweight="bold",
            color=pal.text_colour_on(colour),
            clip_on=True,
            bbox={"boxstyle": "round,pad=0.25", "facecolor": colour, "edgecolor": "none"},
        )
        result.add(text, mark.id, priority=0)


def _pathology(result: TimelineArtists, ax: Axes, timeline: Timeline, spec: pal.ChartStyle) -> None:
    ax.set_yscale("log")
    ax.set_ylim(*_KI67_RANGE)
    ax.yaxis.set_major_locator(FixedLocator(_KI67_TICKS))
    ax.yaxis.set_minor_locator(NullLocator())
    ax.set_yticklabels([str(t) for t in _KI67_TICKS])
    ax.set_ylabel("Ki-67 %", fontsize=spec.small)
    band_label = ax.get_yaxis_transform()
    for grade, low, high in KI67_BANDS:
        ax.axhspan(
            max(low, _KI67_RANGE[0]),
            high,
            color=pal.GRADE_BAND_COLOURS[grade],
            zorder=0,
            linewidth=0,
        )
        middle = sqrt(max(low, _KI67_RANGE[0]) * high)
        ax.text(
            0.995,
            middle,
            grade.label,
            transform=band_label,
            ha="right",
            va="center",
            fontsize=spec.small,
            color=pal.GREY,
        )
    steps = timeline.pathology
    values = [
        min(max(s.ki67, _KI67_RANGE[0]), _KI67_RANGE[1])
        if s.ki67 is not None
        else _GRADE_MID.get(s.grade, 8.0)
        for s in steps
    ]
    xs = [date2num(s.date) for s in steps]
    if any(s.ki67 is not None for s in steps):
        measured = [(x, v) for x, v, s in zip(xs, values, steps, strict=True) if s.ki67 is not None]
        line_x = [x for x, _ in measured] + [date2num(max(timeline.today, steps[-1].date))]
        line_y = [v for _, v in measured] + [measured[-1][1]]
        ax.plot(line_x, line_y, drawstyle="steps-post", color=pal.BLACK, linewidth=spec.line)
    (points,) = ax.plot(
        xs,
        values,
        marker="o",
        markersize=spec.marker * 0.8,
        linestyle="none",
        color=pal.BLACK,
        markerfacecolor="white",
        markeredgewidth=spec.line * 0.8,
    )
    result.add(points, tuple(s.id for s in steps), priority=0)
    for x, v, step in zip(xs, values, steps, strict=True):
        text = f"{num(step.ki67)} %" if step.ki67 is not None else step.grade.label
        ax.annotate(
            text,
            (x, v),
            xytext=(4, 5),
            textcoords="offset points",
            fontsize=spec.small,
            clip_on=True,
        )


def _markers(result: TimelineArtists, ax: Axes, timeline: Timeline, spec: pal.ChartStyle) -> None:
    ax.set_yscale("log")
    ax.set_ylabel(f"{_TIMES} first value", fontsize=spec.small)
    ax.axhline(1.0, color=pal.GREY, linewidth=0.8, linestyle=":")
    lows, highs = [1.0], [1.0]
    for k, series in enumerate(timeline.labs):
        colour = pal.MARKER_COLOURS[k % len(pal.MARKER_COLOURS)]
        base = next((p.value for p in series.points if p.value > 0), None)
        if base is None:
            continue
        shown = [p for p in series.points if p.value > 0]
        xs = [date2num(p.date) for p in shown]
        ys = [p.value / base for p in shown]
        lows.append(min(ys))
        highs.append(max(ys))
        ax.plot(xs, ys, color=colour, linewidth=spec.line, label=series.label)
        (points,) = ax.plot(
            xs,
            ys,
            marker="os^D"[k % 4],
            markersize=spec.marker * 0.7,
            linestyle="none",
            color=colour,
        )
        result.add(points, tuple(p.id for p in shown), priority=0)
        last = shown[-1]
        ax.annotate(
            f"{num(last.value)} {last.unit}",
            (xs[-1], ys[-1]),
            xytext=(5, 0),
            textcoords="offset points",
            va="center",
            fontsize=spec.small,
            color=colour,
            clip_on=False,
        )
    ax.set_ylim(min(lows) / 1.6, max(highs) * 1.6)
    ax.yaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0), numticks=8))
    ax.yaxis.set_major_formatter(FuncFormatter(_times))
    ax.yaxis.set_minor_formatter(NullFormatter())
    # The legend sits above the track, as its heading, so it never hides a point.
    ax.legend(
        loc="lower left",
        bbox_to_anchor=(0.0, 1.0),
        fontsize=spec.small,
        frameon=False,
        ncols=len(timeline.labs),
        handlelength=1.5,
        borderaxespad=0.1,
    )


def _times(value: float, _pos: int | None = None) -> str:
    return f"{value:g}{_TIMES}"


def _vertical_marks(
    result: TimelineArtists, axes: list[Axes], timeline: Timeline, spec: pal.ChartStyle
) -> None:
    top = axes[0]
    label_at = top.get_xaxis_transform()

    def line(day: date, colour: str, style: str, width: float) -> None:
        for ax in axes:
            ax.axvline(date2num(day), color=colour, linestyle=style, linewidth=width, zorder=1)

    today = date2num(timeline.today)
    line(timeline.today, pal.TODAY_COLOUR, "-", spec.line * 0.8)
    top.text(
        today,
        1.01,
        "Today ",
        transform=label_at,
        ha="right",
        va="bottom",
        fontsize=spec.small,
        fontweight="bold",
    )
    if timeline.diagnosis is not None:
        line(timeline.diagnosis.date, pal.DIAGNOSIS_COLOUR, ":", spec.line * 0.8)
        dx = top.text(
            date2num(timeline.diagnosis.date),
            1.01,
            " Diagnosis",
            transform=label_at,
            ha="left",
            va="bottom",
            fontsize=spec.small,
            color=pal.GREY,
        )
        result.add(dx, timeline.diagnosis.id, priority=3)
    if timeline.next_review is not None:
        review = date2num(timeline.next_review.date)
        line(timeline.next_review.date, pal.GREY, "--", spec.line * 0.6)
        text = top.text(
            review,
            1.01,
            " Next review",
            transform=label_at,
            ha="left",
            va="bottom",
            fontsize=spec.small,
            color=pal.GREY,
        )
        result.add(text, timeline.next_review.id, priority=3)
    for mark in timeline.meetings:
        line(mark.date, pal.MEETING_COLOUR, "--", spec.line * 0.6)
        (flag,) = top.plot(
            [date2num(mark.date)],
            [1.0],
            marker="v",
            markersize=spec.marker,
            color=pal.MEETING_COLOUR,
            transform=label_at,
            clip_on=False,
            linestyle="none",
        )
        result.add(flag, mark.id, priority=0)
