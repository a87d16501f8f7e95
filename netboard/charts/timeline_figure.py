"""Draw a case timeline on a matplotlib Figure: one drawing for the shared screen and for paper.

No pyplot: the caller owns the Figure (a Qt canvas in the window, an SVG buffer in the reports), so
this works offscreen and in worker threads. The chart never draws patient names or MRNs; a title
appears only when the caller passes ``privacy_label``.
"""

from __future__ import annotations

from datetime import date
from math import sqrt

from matplotlib.axes import Axes
from matplotlib.dates import date2num
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from netboard.charts import palette as pal
from netboard.charts.artists import TimelineArtists
from netboard.charts.axes_kit import stacked_axes, style_axes, x_dates, y_labels
from netboard.domain.timeline import KI67_BANDS, Lane, Timeline
from netboard.domain.timeline_text import num
from netboard.domain.vocab import Grade

_GRADE_MID = {Grade.G1: 1.5, Grade.G2: 8.0, Grade.G3: 45.0}
_KI67_RANGE = (0.5, 100.0)
_KI67_TICKS = (1, 3, 10, 20, 100)
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
    today_label: str = "Today",
) -> TimelineArtists:
    """Draw ``timeline`` onto ``figure`` (cleared first) and return what was drawn for which id.

    ``today_label`` names the line at ``timeline.today`` (a meeting summary says "Meeting").
    """
    spec = pal.style(style)
    figure.clear()
    if style == "screen":
        # The canvas resizes with the window: let matplotlib keep the margins right.
        figure.set_layout_engine("constrained", h_pad=0.02, w_pad=0.02, hspace=0.02)
    else:
        # Paper has a fixed size; fixed margins are several times faster than constrained layout.
        figure.set_layout_engine("none")
    result = TimelineArtists(figure, timeline)
    if privacy_label:
        figure.suptitle(
            privacy_label,
            x=0.01,
            y=0.995,
            ha="left",
            va="top",
            fontsize=spec.title,
            fontweight="bold",
        )
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

    static = style != "screen"
    names = _track_names(timeline)
    therapy_rows = 1 + sum(lane.rows for lane in timeline.lanes)
    ratios = [therapy_rows * spec.row_height_in] + [spec.track_height_in] * (len(names) - 1)
    if static:
        axes = _fixed_axes(figure, timeline, ratios, spec, bool(privacy_label))
    else:
        axes = list(
            figure.subplots(
                len(names), 1, sharex=True, squeeze=False, gridspec_kw={"height_ratios": ratios}
            )[:, 0]
        )
    result.axes.update(zip(names, axes, strict=True))
    style_axes(axes, spec, (date2num(timeline.view_start), date2num(timeline.view_end)))
    _therapy(result, axes[0], timeline, spec, static)
    if "pathology" in result.axes:
        _pathology(result, result.axes["pathology"], timeline, spec, static)
    if "markers" in result.axes:
        _markers(result, result.axes["markers"], timeline, spec, static)
    _vertical_marks(result, axes, timeline, spec, today_label)
    x_dates(axes, spec, timeline.view_start, timeline.view_end, static=static)
    return result


def _fixed_axes(
    figure: Figure,
    timeline: Timeline,
    ratios: list[float],
    spec: pal.ChartStyle,
    titled: bool,
) -> list[Axes]:
    """Stacked axes with margins computed from the text they must hold (inches)."""
    line = spec.small / 72 * 1.35  # one line of small text, inches
    longest = max([len("Imaging")] + [len(lane.label) for lane in timeline.lanes])
    left = 0.56 * spec.lane_label / 72 * longest + 0.12
    if timeline.pathology or timeline.labs:
        left = max(left, 2.6 * line + 0.3)  # track title plus tick labels
    right = 0.1 + (0.75 if timeline.labs else 0.35)  # room for the last marker value
    top = 1.3 * line + (spec.title / 72 * 1.6 if titled else 0)
    bottom = 1.6 * line
    gaps = [
        0.5 * line if name == "pathology" else 1.7 * line for name in _track_names(timeline)[1:]
    ]
    return stacked_axes(figure, ratios, gaps, (left, right, top, bottom))


def _track_names(timeline: Timeline) -> list[str]:
    names = ["therapy"]
    if timeline.pathology:
        names.append("pathology")
    if timeline.labs:
        names.append("markers")
    return names


def _therapy(
    result: TimelineArtists, ax: Axes, timeline: Timeline, spec: pal.ChartStyle, static: bool
) -> None:
    lane_top: dict[Lane, int] = {}
    ticks, labels = [0.0], ["Imaging"]
    y = 1
    for info in timeline.lanes:
        lane_top[info.lane] = y
        ticks.append(y + (info.rows - 1) / 2)
        labels.append(info.label)
        y += info.rows
    separators = [top - 0.5 for top in lane_top.values()]
    ax.hlines(
        separators,
        0,
        1,
        transform=ax.get_yaxis_transform(),
        colors=pal.LIGHT_GREY,
        linewidth=0.8,
        zorder=0,
    )
    ax.set_ylim(y - 0.5, -0.6)
    y_labels(ax, ticks, labels, spec.lane_label, static=static)
    ax.tick_params(axis="y", length=0)

    x_min, x_max = ax.get_xlim()
    axes_width_pt = ax.get_position().width * ax.figure.get_figwidth() * 72
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


def _pathology(
    result: TimelineArtists, ax: Axes, timeline: Timeline, spec: pal.ChartStyle, static: bool
) -> None:
    ax.set_yscale("log")
    ax.set_ylim(*_KI67_RANGE)
    y_labels(ax, _KI67_TICKS, [str(t) for t in _KI67_TICKS], spec.small, static=static)
    _track_title(ax, "Ki-67 %", spec, static)
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


def _markers(
    result: TimelineArtists, ax: Axes, timeline: Timeline, spec: pal.ChartStyle, static: bool
) -> None:
    ax.set_yscale("log")
    _track_title(ax, f"{_TIMES} first value", spec, static)
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
    low, high = min(lows) / 1.6, max(highs) * 1.6
    ax.set_ylim(low, high)
    ticks = _log_ticks(low, high)
    y_labels(ax, ticks, [_times(t) for t in ticks], spec.small, static=static)
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


def _times(value: float) -> str:
    return f"{value:g}{_TIMES}"


def _log_ticks(low: float, high: float) -> list[float]:
    """1-2-5 steps within the range, thinned to at most six."""
    ticks = [m * 10.0**e for e in range(-4, 5) for m in (1, 2, 5) if low <= m * 10.0**e <= high]
    while len(ticks) > 6:
        ticks = ticks[::2] if 1.0 not in ticks[::2] or len(ticks) % 2 else ticks[1::2]
    return ticks or [1.0]


def _track_title(ax: Axes, text: str, spec: pal.ChartStyle, static: bool) -> None:
    if not static:
        ax.set_ylabel(text, fontsize=spec.small)
        return
    # Left of the tick labels (at most five characters wide).
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
    )


def _vertical_marks(
    result: TimelineArtists,
    axes: list[Axes],
    timeline: Timeline,
    spec: pal.ChartStyle,
    today_label: str,
) -> None:
    top = axes[0]
    label_at = top.get_xaxis_transform()

    def line(day: date | list[date], colour: str, style: str, width: float) -> None:
        xs = [date2num(d) for d in (day if isinstance(day, list) else [day])]
        for ax in axes:
            ax.vlines(
                xs,
                0,
                1,
                transform=ax.get_xaxis_transform(),
                colors=colour,
                linestyles=style,
                linewidth=width,
                zorder=1,
            )

    today = date2num(timeline.today)
    line(timeline.today, pal.TODAY_COLOUR, "-", spec.line * 0.8)
    top.text(
        today,
        1.01,
        f"{today_label} ",
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
    if timeline.meetings:
        line([m.date for m in timeline.meetings], pal.MEETING_COLOUR, "--", spec.line * 0.6)
    for mark in timeline.meetings:
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
