"""The screen chart's own machinery: reused axes, computed margins that follow a resize, the live
date grid, bar labels that neither overlap nor run out of the axes, glyph-marker letters."""

from __future__ import annotations

from datetime import date

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from netboard.charts.artists import TimelineArtists
from netboard.charts.date_grid import DateGrid
from netboard.charts.timeline_figure import draw_timeline
from netboard.domain.snapshot import CaseSnapshot
from netboard.domain.timeline import Timeline, build_timeline
from tests.factories import sample_case

TODAY = date(2025, 11, 20)


def screen_figure(width: float = 11.5, height: float = 7.5) -> Figure:
    figure = Figure(figsize=(width, height), dpi=60)
    FigureCanvasAgg(figure)
    return figure


def drawn(figure: Figure, timeline: Timeline) -> TimelineArtists:
    artists = draw_timeline(figure, timeline, style="screen")
    figure.canvas.draw()
    return artists


def state(artists: TimelineArtists) -> list[object]:
    shown = [ax for ax in artists.figure.axes if ax.get_visible()]
    return [
        sorted(artists.texts()),
        [
            (
                ax.get_yscale(),
                ax.get_ylim(),
                ax.get_xlim(),
                tuple(round(v, 6) for v in ax.get_position().bounds),
                len(ax.lines),
                len(ax.patches),
                len(ax.collections),
                len(ax.texts),
                ax.get_legend() is not None,
            )
            for ax in shown
        ],
    ]


@pytest.fixture(scope="module")
def cases() -> list[CaseSnapshot]:
    return [sample_case(n, TODAY) for n in (1, 2, 3)]


def test_no_layout_engine_and_one_set_of_axes_reused_case_after_case(
    cases: list[CaseSnapshot],
) -> None:
    figure = screen_figure()
    first = drawn(figure, build_timeline(cases[0], TODAY))
    axes_before = list(figure.axes)
    assert figure.get_layout_engine() is None
    second_timeline = build_timeline(cases[1], TODAY)
    second = drawn(figure, second_timeline)
    assert list(figure.axes) == axes_before  # emptied and refilled, not made again
    assert first.axes["therapy"] is second.axes["therapy"]
    fresh = drawn(screen_figure(), second_timeline)
    assert state(second) == state(fresh)
    # Only the tracks the case has are shown; the others are hidden, not left with old content.
    bare = cases[2]
    bare_timeline = build_timeline(
        CaseSnapshot(patient=bare.patient, therapies=bare.therapies), TODAY
    )
    third = drawn(figure, bare_timeline)
    assert set(third.axes) == {"therapy"}
    assert [ax.get_visible() for ax in figure.axes] == [True, False, False]
    assert state(third) == state(drawn(screen_figure(), bare_timeline))


def test_margins_stay_the_same_in_inches_when_the_canvas_is_resized(
    cases: list[CaseSnapshot],
) -> None:
    figure = screen_figure(11.5, 7.5)
    artists = drawn(figure, build_timeline(cases[0], TODAY))
    therapy = artists.axes["therapy"]

    def margins_in() -> tuple[float, float]:
        box = therapy.get_window_extent()
        width_px = figure.get_size_inches()[0] * figure.dpi
        return box.x0 / figure.dpi, (width_px - box.x1) / figure.dpi

    before, width_before = margins_in(), therapy.get_window_extent().width
    figure.set_size_inches(16, 9)
    figure.canvas.draw()
    assert margins_in() == pytest.approx(before, abs=0.02)
    assert therapy.get_window_extent().width == pytest.approx(width_before + 4.5 * figure.dpi)
    # Lane names fit left of the axes: none starts left of the figure's edge.
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    for text in therapy.texts:
        if text.get_text() in {"Imaging", *(lane.label for lane in artists.timeline.lanes)}:
            assert text.get_window_extent(renderer).x0 >= 0


def test_date_grid_follows_zoom_and_labels_only_the_bottom_track(
    cases: list[CaseSnapshot],
) -> None:
    figure = screen_figure()
    artists = drawn(figure, build_timeline(cases[0], TODAY))
    grids = {
        name: next(a for a in ax.artists if isinstance(a, DateGrid))
        for name, ax in artists.axes.items()
    }
    bottom = list(artists.axes)[-1]
    assert [g.labelled for g in grids.values()] == [n == bottom for n in grids]
    _ticks, labels, _offset = grids[bottom].dates()
    assert any(label.isdigit() and len(label) == 4 for label in labels)  # years at full view
    assert set(labels) <= set(artists.texts())
    # Zoom to two months: the ticks become days and months, the year moves to the offset text.
    from matplotlib.dates import date2num

    artists.axes["therapy"].set_xlim(date2num(date(2024, 3, 1)), date2num(date(2024, 5, 1)))
    figure.canvas.draw()
    ticks, labels, offset = grids[bottom].dates()
    assert {"Apr", "May"} & set(labels) and "2024" in offset
    assert all(date2num(date(2024, 3, 1)) <= t <= date2num(date(2024, 5, 1)) for t in ticks)
    assert grids["therapy"].dates()[0] == ticks  # every track has the same grid


def test_bar_labels_neither_overlap_nor_leave_the_axes(cases: list[CaseSnapshot]) -> None:
    for case in cases:
        figure = screen_figure(9.0, 7.0)
        artists = drawn(figure, build_timeline(case, TODAY))
        ax = artists.axes["therapy"]
        renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
        inside = ax.get_window_extent()
        labels = [
            t.get_window_extent(renderer)
            for t in ax.texts
            if isinstance(t, Text) and t.get_clip_on() and t.get_text()
        ]
        assert labels, "every sample case has labelled courses"
        for box in labels:
            assert inside.x0 - 0.5 <= box.x0 and box.x1 <= inside.x1 + 0.5
        for k, one in enumerate(labels):
            for other in labels[k + 1 :]:
                assert not one.overlaps(other), (one, other)


def test_response_letters_are_one_marker_line_per_response(cases: list[CaseSnapshot]) -> None:
    from matplotlib.lines import Line2D

    from netboard.charts.artists import GLYPHS

    figure = screen_figure()
    timeline = build_timeline(cases[0], TODAY)
    artists = drawn(figure, timeline)
    letter_lines = [
        line for line in artists.axes["therapy"].lines if getattr(line, GLYPHS, None) is not None
    ]
    responses = {m.response.label for m in timeline.imaging if m.response is not None}
    assert letter_lines and {getattr(line, GLYPHS) for line in letter_lines} <= responses
    assert len(letter_lines) == len({getattr(line, GLYPHS) for line in letter_lines})
    assert all(isinstance(line, Line2D) and line.get_zorder() > 2 for line in letter_lines)
    lettered = sum(len(line.get_xdata()) for line in letter_lines)  # type: ignore[arg-type]
    assert 0 < lettered <= len([m for m in timeline.imaging if m.response is not None])
    # No Text artist is made for a response letter on screen.
    assert not [t for t in artists.axes["therapy"].texts if t.get_text() in responses]
