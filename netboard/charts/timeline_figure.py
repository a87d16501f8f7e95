"""Draw a case timeline on a matplotlib Figure: one drawing for the shared screen and for paper.

No pyplot: the caller owns the Figure (a Qt canvas in the window, a vector drawing in a PDF), so
this works offscreen and in worker threads. The chart never draws patient names or MRNs; a title
appears only when the caller passes ``privacy_label``.
"""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from netboard.charts import lanes, tracks
from netboard.charts import palette as pal
from netboard.charts.artists import TimelineArtists
from netboard.charts.axes_kit import (
    Stack,
    day_number,
    forget_track_axes,
    rules,
    track_axes,
    x_dates,
)
from netboard.charts.text_size import text_width_pt
from netboard.charts.tracks import points
from netboard.domain.timeline import Timeline

MEETING_KEY = "Board meeting"
"""The legend of the meeting marks (dashed line, triangle on top)."""
LEGEND_HANDLE_EM = 1.6
LEGEND_PAD_EM = 0.5


def figure_height(timeline: Timeline, style: str = "paper") -> float:
    """A figure height (inches) that gives every therapy row and track room to read."""
    spec = pal.style(style)
    rows = 1 + sum(lane.rows for lane in timeline.lanes)
    tracks_shown = len(_track_names(timeline)) - 1
    chrome = 0.75 if style == "paper" else 1.4  # date axis, top labels, title
    return rows * spec.row_height_in + tracks_shown * spec.track_height_in + chrome


def draw_timeline(
    figure: Figure,
    timeline: Timeline,
    *,
    style: str = "screen",
    privacy_label: str | None = None,
    today_label: str = "Today",
    colours: pal.Colours | None = None,
) -> TimelineArtists:
    """Draw ``timeline`` onto ``figure`` (what it showed before is removed) and return what was
    drawn for which id.

    ``today_label`` names the line at ``timeline.today`` (a meeting summary says "Meeting").
    ``colours`` are the surroundings' (the window's palette; default: black on white paper).
    The figure's track axes are reused from one call to the next (``axes_kit.track_axes``).
    """
    spec = pal.style(style, colours)
    figure.set_facecolor(spec.colours.background)
    live = style == "screen"
    # Margins are computed from the text they hold: several times faster than a layout engine.
    figure.set_layout_engine("none")
    result = TimelineArtists(figure, timeline, outline=spec.colours.ink)
    if timeline.is_empty:
        forget_track_axes(figure)
        figure.clear()
        _title(figure, spec, privacy_label)
        ax = figure.add_subplot()
        ax.set_axis_off()
        ax.text(
            0.5,
            0.5,
            "No dated history recorded yet",
            ha="center",
            va="center",
            fontsize=spec.font,
            color=spec.colours.muted,
            transform=ax.transAxes,
        )
        result.axes["therapy"] = ax
        return result

    names = _track_names(timeline)
    stack = _stack(timeline, spec, bool(privacy_label), live)
    axes = track_axes(figure, names, stack, spec, live=live)
    _title(figure, spec, privacy_label)
    result.axes.update(zip(names, axes, strict=True))
    axes[0].set_xlim(day_number(timeline.view_start), day_number(timeline.view_end))  # shared x
    lanes.therapy(result, axes[0], timeline, spec, live)
    if "pathology" in result.axes:
        tracks.pathology(result, result.axes["pathology"], timeline, spec)
    if "markers" in result.axes:
        tracks.markers(result, result.axes["markers"], timeline, spec)
    _vertical_marks(result, axes, timeline, spec, today_label)
    if not live:
        x_dates(axes, spec, timeline.view_start, timeline.view_end)
    return result


def _title(figure: Figure, spec: pal.ChartStyle, privacy_label: str | None) -> None:
    """The de-identified case label, top left (plain figure text: there is no layout engine)."""
    if privacy_label:
        figure.text(
            0.01,
            0.995,
            privacy_label,
            ha="left",
            va="top",
            fontsize=spec.title,
            fontweight="bold",
            color=spec.colours.ink,
            parse_math=False,
        )


def _stack(timeline: Timeline, spec: pal.ChartStyle, titled: bool, live: bool) -> Stack:
    """Track heights, gaps and margins (inches) computed from the text they must hold."""
    names = _track_names(timeline)
    therapy_rows = 1 + sum(lane.rows for lane in timeline.lanes)
    ratios = (therapy_rows * spec.row_height_in,) + (spec.track_height_in,) * (len(names) - 1)
    line = spec.small / 72 * 1.35  # one line of small text, inches
    top = 1.3 * line + (spec.title / 72 * 1.6 if titled else 0.0)
    gaps = tuple(0.5 * line if name == "pathology" else 1.7 * line for name in names[1:])
    if not live:  # paper: rules of thumb that suit its fixed size (and keep reports unchanged)
        longest = max(len(label) for label in _lane_labels(timeline))
        left = 0.56 * spec.lane_label / 72 * longest + 0.12
        if len(names) > 1:
            left = max(left, 2.6 * line + 0.3)  # track title plus tick labels
        right = 0.1 + (0.75 if timeline.labs else 0.35)  # room for the last marker value
        left = max(left, _legend_width_in(timeline, spec))
        return Stack(ratios, gaps, (left, right, top, 1.6 * line))
    # Screen: measured text. Lane names right-aligned left of the axes, or the turned track
    # title and its tick labels; the last marker values right of the axes; dates below (tick,
    # labels and the line of the concise formatter's offset, e.g. the year when zoomed in).
    widest = max(text_width_pt(label, spec.lane_label) for label in _lane_labels(timeline))
    left = widest / 72 + 0.2
    if len(names) > 1:
        left = max(left, 4.9 * spec.small / 72 + 0.05)
    ends = [text_width_pt(text, spec.small) for text in tracks.end_labels(timeline)]
    right = (5 + max(ends)) / 72 + 0.12 if ends else 0.35
    bottom = (6.5 + 2.5 * spec.small * 1.2) / 72
    left = max(left, _legend_width_in(timeline, spec))
    return Stack(ratios, gaps, (left, right, top, bottom))


def _legend_width_in(timeline: Timeline, spec: pal.ChartStyle) -> float:
    """The meeting key's width (it sits left of the chart, above the lane names), or 0."""
    if not timeline.meetings:
        return 0.0
    handle_em = LEGEND_HANDLE_EM + LEGEND_PAD_EM
    return (text_width_pt(MEETING_KEY, spec.small) + handle_em * spec.small) / 72 + 0.1


def _lane_labels(timeline: Timeline) -> list[str]:
    return ["Imaging"] + [lane.label for lane in timeline.lanes]


def _track_names(timeline: Timeline) -> list[str]:
    names = ["therapy"]
    if tracks.plottable(timeline):
        names.append("pathology")
    if timeline.labs:
        names.append("markers")
    return names


def _mark_lines(
    timeline: Timeline, spec: pal.ChartStyle
) -> tuple[list[float], list[str], list[str], list[float]]:
    """Where the vertical lines go and how each is drawn (today first)."""
    xs: list[float] = [day_number(timeline.today)]
    c = spec.colours
    colours: list[str] = [c.ink]
    styles: list[str] = ["-"]
    widths: list[float] = [spec.line * 0.8]
    if timeline.diagnosis is not None:
        xs.append(day_number(timeline.diagnosis.date))
        colours.append(c.muted)
        styles.append(":")
        widths.append(spec.line * 0.8)
    if timeline.next_review is not None:
        xs.append(day_number(timeline.next_review.date))
        colours.append(c.muted)
        styles.append("--")
        widths.append(spec.line * 0.6)
    for mark in timeline.meetings:
        xs.append(day_number(mark.date))
        colours.append(pal.MEETING_COLOUR)
        styles.append("--")
        widths.append(spec.line * 0.6)
    return xs, colours, styles, widths


def _vertical_marks(
    result: TimelineArtists,
    axes: list[Axes],
    timeline: Timeline,
    spec: pal.ChartStyle,
    today_label: str,
) -> None:
    """Today, diagnosis, next review and board meetings: one line collection per axes."""
    xs, colours, styles, widths = _mark_lines(timeline, spec)
    c = spec.colours
    for ax in axes:
        rules(ax, xs, vertical=True, colors=colours, linestyles=styles, linewidths=widths, zorder=1)

    top = axes[0]
    label_at = top.get_xaxis_transform()
    top.text(
        xs[0],
        1.01,
        f"{today_label} ",
        transform=label_at,
        ha="right",
        va="bottom",
        fontsize=spec.small,
        fontweight="bold",
        color=c.ink,
        parse_math=False,
    )
    for event, text in ((timeline.diagnosis, " Diagnosis"), (timeline.next_review, " Next review")):
        if event is not None:
            label = top.text(
                day_number(event.date),
                1.01,
                text,
                transform=label_at,
                ha="left",
                va="bottom",
                fontsize=spec.small,
                color=c.muted,
            )
            result.add(label, event.id, priority=3)
    if timeline.meetings:
        flags = points(
            top,
            [day_number(m.date) for m in timeline.meetings],
            [1.0] * len(timeline.meetings),
            marker="v",
            markersize=spec.marker,
            color=pal.MEETING_COLOUR,
            transform=label_at,
            clip_on=False,
        )
        result.add(flags, tuple(m.id for m in timeline.meetings), priority=0)
        _meeting_key(top, spec, widths[-1])


def _meeting_key(ax: Axes, spec: pal.ChartStyle, width: float) -> None:
    """What the dashed line and the triangle mean, left of the chart's top edge (in the margin
    the lane names leave free), so the marks need no label of their own."""
    key = Line2D(
        [],
        [],
        color=pal.MEETING_COLOUR,
        linestyle="--",
        linewidth=width,
        marker="v",
        markersize=spec.marker * 0.8,
    )
    ax.legend(
        handles=[key],
        labels=[MEETING_KEY],
        loc="lower right",
        bbox_to_anchor=(0.0, 1.0),
        frameon=False,
        fontsize=spec.small,
        handlelength=LEGEND_HANDLE_EM,
        handletextpad=LEGEND_PAD_EM,
        borderaxespad=0.0,
        borderpad=0.0,
        labelcolor=spec.colours.ink,
    )
