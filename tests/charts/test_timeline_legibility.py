"""Issue 12's chart defects, each checked on the drawn pixels: date labels that never run
together on a narrow (laptop) canvas, Ki-67 values clear of their points and of the step line,
and a key for the board-meeting marks."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

from netboard.charts import palette as pal
from netboard.charts.artists import TimelineArtists
from netboard.charts.date_grid import DateGrid
from netboard.charts.timeline_figure import draw_timeline, figure_height
from netboard.domain.timeline import Timeline, build_timeline
from tests.factories import sample_case

TODAY = date(2025, 11, 20)


@pytest.fixture(scope="module")
def timelines() -> list[Timeline]:
    return [build_timeline(sample_case(n, TODAY), TODAY) for n in (1, 2, 3)]


def drawn(timeline: Timeline, width_in: float, dpi: float) -> TimelineArtists:
    figure = Figure(figsize=(width_in, figure_height(timeline, "screen")), dpi=dpi)
    FigureCanvasAgg(figure)
    artists = draw_timeline(figure, timeline, style="screen")
    figure.canvas.draw()
    return artists


def date_label_boxes(artists: TimelineArtists) -> list[Bbox]:
    renderer = artists.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    grid = next(
        g
        for ax in artists.figure.axes
        for g in ax.artists
        if isinstance(g, DateGrid) and g.labelled
    )
    texts = [c for c in grid.get_children() if isinstance(c, Text) and c.get_text()]
    texts = [t for t in texts if t.get_ha() == "center"]  # the labels, not the offset line
    return sorted((t.get_window_extent(renderer) for t in texts), key=lambda b: b.x0)


# A 1366 px laptop gives the chart about 470-800 px at 58 dpi (8-14 in); a 1920 px board
# screen 11.5 in at 96 dpi. Narrower still: the chart pane dragged small.
@pytest.mark.parametrize(("width_in", "dpi"), [(6, 58), (8, 58), (9, 58), (7, 96), (11.5, 96)])
def test_date_labels_never_run_together(
    timelines: list[Timeline], width_in: float, dpi: float
) -> None:
    for timeline in timelines:
        artists = drawn(timeline, width_in, dpi)
        for view in (None, 400.0, 60.0):  # whole history, then zoomed in around the middle
            if view is not None:
                x0, x1 = artists.axes["therapy"].get_xlim()
                mid = (x0 + x1) / 2
                artists.axes["therapy"].set_xlim(mid - view / 2, mid + view / 2)
                artists.figure.canvas.draw()
            boxes = date_label_boxes(artists)
            assert len(boxes) >= 2, (width_in, dpi, view)
            for left, right in pairwise(boxes):
                assert right.x0 - left.x1 >= 2, (width_in, dpi, view, left, right)


def _segments(line: Line2D) -> list[tuple[float, float, float, float]]:
    """The drawn step line (steps-post) as axis-aligned segments in display pixels."""
    points = line.get_transform().transform(line.get_xydata())
    segments = []
    for (x0, y0), (x1, y1) in pairwise(points):
        segments.append((x0, y0, x1, y0))  # along, at the old value
        segments.append((x1, y0, x1, y1))  # then up or down to the new one
    return segments


@pytest.mark.parametrize(("width_in", "dpi"), [(8, 58), (11.5, 96)])
def test_ki67_values_clear_their_points_and_the_line(
    timelines: list[Timeline], width_in: float, dpi: float
) -> None:
    for timeline in timelines:
        artists = drawn(timeline, width_in, dpi)
        ax = artists.axes["pathology"]
        renderer = artists.figure.canvas.get_renderer()  # type: ignore[attr-defined]
        labels = [t for t in ax.texts if isinstance(t, Annotation) and t.get_rotation() == 0]
        assert labels, "every sample case has a Ki-67 value"
        dots = next(line for line in ax.lines if line.get_marker() == "o")
        steps = next(line for line in ax.lines if line.get_drawstyle() == "steps-post")
        px = dpi / 72
        radius = (dots.get_markersize() + dots.get_markeredgewidth()) / 2 * px
        half_line = steps.get_linewidth() / 2 * px
        obstacles = [
            Bbox.from_extents(x - radius, y - radius, x + radius, y + radius)
            for x, y in dots.get_transform().transform(dots.get_xydata())
        ] + [
            Bbox.from_extents(
                min(a, c) - half_line,
                min(b, d) - half_line,
                max(a, c) + half_line,
                max(b, d) + half_line,
            )
            for a, b, c, d in _segments(steps)
        ]
        for label in labels:
            box = label.get_window_extent(renderer).shrunk(0.98, 0.9)
            hit = [o for o in obstacles if box.overlaps(o)]
            assert not hit, (label.get_text(), box, hit)


def test_board_meetings_have_a_key_that_hides_nothing(timelines: list[Timeline]) -> None:
    with_meetings = [t for t in timelines if t.meetings]
    assert with_meetings
    for timeline in with_meetings:
        for width_in, dpi in ((8, 58), (11.5, 96)):
            artists = drawn(timeline, width_in, dpi)
            figure = artists.figure
            renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
            legend = artists.axes["therapy"].get_legend()
            assert legend is not None
            assert [t.get_text() for t in legend.get_texts()] == ["Board meeting"]
            handle = legend.legend_handles[0]
            assert isinstance(handle, Line2D)
            assert handle.get_marker() == "v" and handle.get_color() == pal.MEETING_COLOUR
            box = legend.get_window_extent(renderer).padded(-1)  # touching is fine
            assert box.x0 >= 0 and box.y1 <= figure.bbox.y1  # on the figure
            for ax in figure.axes:
                if ax.get_visible():
                    assert not box.overlaps(ax.bbox)
                    for text in ax.texts:
                        if text.get_text():
                            assert not box.overlaps(text.get_window_extent(renderer)), text


def test_no_key_without_meetings(timelines: list[Timeline]) -> None:
    from dataclasses import replace

    artists = drawn(replace(timelines[0], meetings=()), 11.5, 96)
    assert artists.axes["therapy"].get_legend() is None


def test_two_short_courses_do_not_both_claim_the_gap_between_them(
    timelines: list[Timeline],
) -> None:
    """Seen on the demo's longest case: two short PRRT courses years apart in one row; the first
    one's name went right, the second one's left, into the same gap, one over the other."""
    from dataclasses import replace
    from datetime import timedelta

    from netboard.domain.timeline import Lane, Span

    base = timelines[0]
    start = base.view_start + timedelta(days=200)

    def course(n: int, at: date) -> Span:
        return Span(
            f"c{n}",
            Lane.NUCLEAR_MEDICINE,
            0,
            "177Lu-DOTATATE",
            at,
            at + timedelta(days=40),
            None,
            None,
            "",
        )

    lanes = tuple(info for info in base.lanes if info.lane == Lane.NUCLEAR_MEDICINE)
    assert lanes
    span_days = (base.view_end - start).days
    for share in (0.3, 0.4, 0.5, 0.6):  # gaps that hold one name but not two, at some width
        at = start + timedelta(days=int(span_days * share))
        timeline = replace(
            base,
            spans=(course(1, start), course(2, at)),
            lanes=tuple(replace(info, rows=1) for info in lanes),
        )
        for width_in in (8.0, 10.0, 12.0):
            artists = drawn(timeline, width_in, 72)
            ax = artists.axes["therapy"]
            renderer = artists.figure.canvas.get_renderer()  # type: ignore[attr-defined]
            names = [
                t.get_window_extent(renderer) for t in ax.texts if t.get_text().startswith("177Lu")
            ]
            assert names
            for k, one in enumerate(names):
                for other in names[k + 1 :]:
                    assert not one.overlaps(other), (share, width_in, one, other)
