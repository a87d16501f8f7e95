"""The timeline chart on a plain Figure with an Agg canvas: what is drawn, hit testing, privacy."""

from __future__ import annotations

from datetime import date

import pytest
from matplotlib.backend_bases import MouseEvent
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from netboard.charts.artists import TimelineArtists
from netboard.charts.axes_kit import date_ticks
from netboard.charts.palette import OKABE_ITO, text_colour_on
from netboard.charts.timeline_figure import draw_timeline, figure_height
from netboard.domain.snapshot import CaseSnapshot
from netboard.domain.timeline import Timeline, build_timeline
from tests.factories import sample_meeting

TODAY = date(2025, 11, 20)


@pytest.fixture(scope="module")
def case() -> CaseSnapshot:
    _meeting, cases = sample_meeting(3, TODAY)
    return list(cases.values())[1]  # SSA, PRRT, everolimus, urine 5-HIAA: every track


def drawn(timeline: Timeline, style: str = "screen", **kw: object) -> TimelineArtists:
    figure = Figure(figsize=(16, 6) if style == "screen" else (7, figure_height(timeline)), dpi=80)
    FigureCanvasAgg(figure)
    artists = draw_timeline(figure, timeline, style=style, **kw)  # type: ignore[arg-type]
    figure.canvas.draw()
    return artists


def click(artists: TimelineArtists, item_id: str) -> str | None:
    x, y = artists.display_point(item_id)
    event = MouseEvent("motion_notify_event", artists.figure.canvas, x, y)
    return artists.item_at(event)


@pytest.mark.parametrize("style", ["screen", "paper"])
def test_tracks_lanes_bars_and_markers_are_drawn(case: CaseSnapshot, style: str) -> None:
    timeline = build_timeline(case, TODAY)
    artists = drawn(timeline, style)
    assert set(artists.axes) == {"therapy", "pathology", "markers"}
    texts = artists.texts()
    for lane in (
        "Imaging",
        "Surgery & local",
        "Nuclear medicine",
        "Somatostatin analogs",
        "Targeted",
    ):
        assert lane in texts
    for agent in (
        "Primary resection",
        "Lanreotide",
        "177Lu-DOTATATE",
        "Octreotide LAR",
        "Everolimus",
    ):
        assert agent in texts
    assert {"SD", "PR", "PD"} <= set(texts)
    assert {"G1", "G2", "G3"} <= set(texts)
    assert "Today " in texts and " Diagnosis" in texts
    bars = [
        a
        for a in artists.axes["therapy"].get_children()
        if isinstance(a, Rectangle)
        and a in {x for s in timeline.spans for x in artists.artists_of(s.id)}
    ]
    assert len(bars) == sum(1 for s in timeline.spans if s.end != s.start)
    legend = artists.axes["markers"].get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == [
        "Chromogranin A, ng/mL",
        "5-HIAA (urine), mg/24 h",
    ]


def test_ongoing_courses_end_in_an_arrow_at_today(case: CaseSnapshot) -> None:
    timeline = build_timeline(case, TODAY)
    artists = drawn(timeline)
    for span in timeline.spans:
        arrows = [
            a
            for a in artists.artists_of(span.id)
            if isinstance(a, Line2D) and a.get_marker() == ">"
        ]
        assert len(arrows) == (1 if span.ongoing else 0), span.label


def test_every_item_maps_back_from_a_pointer_event(case: CaseSnapshot) -> None:
    timeline = build_timeline(case, TODAY)
    artists = drawn(timeline)
    wanted = [s.id for s in timeline.spans]
    wanted += [m.id for m in timeline.imaging if m.response is not None]
    wanted += [p.id for p in timeline.pathology]
    wanted += [p.id for s in timeline.labs for p in s.points][-3:]
    wanted += [m.id for m in timeline.meetings]
    assert set(wanted) <= artists.item_ids()
    for item_id in wanted:
        assert click(artists, item_id) == item_id


def test_empty_space_hits_nothing(case: CaseSnapshot) -> None:
    artists = drawn(build_timeline(case, TODAY))
    ax = artists.axes["therapy"]
    box = ax.get_window_extent()
    x = box.x0 + 3
    y = box.y0 + 2
    assert artists.item_at(MouseEvent("motion_notify_event", artists.figure.canvas, x, y)) is None


def test_select_outlines_a_bar_and_clears(case: CaseSnapshot) -> None:
    timeline = build_timeline(case, TODAY)
    artists = drawn(timeline)
    span = next(s for s in timeline.spans if s.end != s.start)
    bar = next(a for a in artists.artists_of(span.id) if isinstance(a, Rectangle))
    before = bar.get_linewidth()
    artists.select(span.id)
    assert artists.selected == span.id and bar.get_linewidth() > before
    artists.select(None)
    assert artists.selected is None and bar.get_linewidth() == before


def test_no_patient_identifier_in_any_text_even_with_identifying_free_text(
    case: CaseSnapshot,
) -> None:
    p = case.patient
    timeline = build_timeline(case, TODAY)
    for style in ("screen", "paper"):
        texts = "\n".join(drawn(timeline, style, privacy_label="Case 2 \u00b7 ZD").texts())
        assert "Case 2 \u00b7 ZD" in texts
        for secret in (p.family_name, p.given_name, p.mrn, p.birth_date.isoformat()):
            assert secret not in texts


def test_title_only_when_a_privacy_label_is_given(case: CaseSnapshot) -> None:
    artists = drawn(build_timeline(case, TODAY))
    assert artists.figure.get_suptitle() == ""


def test_dollar_signs_in_agent_names_stay_literal(case: CaseSnapshot) -> None:
    from dataclasses import replace

    odd = replace(case, therapies=(replace(case.therapies[1], agent="Trial $A$ drug"),))
    artists = drawn(build_timeline(odd, TODAY), "paper")
    assert "Trial $A$ drug" in artists.texts()


def test_empty_timeline_says_so() -> None:
    _m, cases = sample_meeting(1, TODAY)
    bare = CaseSnapshot(patient=next(iter(cases.values())).patient)
    artists = drawn(build_timeline(bare, TODAY))
    assert "No dated history recorded yet" in artists.texts()
    assert artists.item_ids() == set()


def test_unknown_style_is_refused(case: CaseSnapshot) -> None:
    with pytest.raises(ValueError, match="style"):
        draw_timeline(Figure(), build_timeline(case, TODAY), style="poster")


def test_paper_height_grows_with_lanes(case: CaseSnapshot) -> None:
    full = build_timeline(case, TODAY)
    bare = build_timeline(CaseSnapshot(patient=case.patient, therapies=case.therapies[:1]), TODAY)
    assert figure_height(full) > figure_height(bare) > 0


def test_date_ticks_pick_round_dates() -> None:
    assert date_ticks(date(2019, 11, 1), date(2025, 2, 1)) == [
        (date(y, 1, 1), str(y)) for y in range(2020, 2026)
    ]
    quarterly = date_ticks(date(2024, 11, 15), date(2026, 2, 1))
    assert [label for _, label in quarterly] == ["2025", "Apr", "Jul", "Oct", "2026"]
    assert all(day.month in (1, 4, 7, 10) for day, _ in quarterly)


def test_palette_is_okabe_ito_and_text_contrast_is_chosen() -> None:
    assert len(set(OKABE_ITO)) == 8
    assert text_colour_on("#000000") == "#FFFFFF"
    assert text_colour_on("#F0E442") == "#000000"  # yellow
    assert text_colour_on("#0072B2") == "#FFFFFF"  # blue


def test_planned_courses_are_outlined_and_labelled(case: CaseSnapshot) -> None:
    from dataclasses import replace
    from datetime import timedelta

    later = replace(
        case.therapies[2], id="planned", start_date=TODAY + timedelta(days=20), end_date=None
    )
    timeline = build_timeline(replace(case, therapies=(*case.therapies, later)), TODAY)
    artists = drawn(timeline, "paper")
    marked = [t for t in artists.texts() if t.endswith("(planned)")]
    assert len(marked) == 1  # the name may be shortened in a tight row; the mark stays
    bar = next(a for a in artists.artists_of("planned") if isinstance(a, Rectangle))
    assert bar.get_facecolor()[:3] == (1.0, 1.0, 1.0) and bar.get_linestyle() == "--"
    assert not [a for a in artists.artists_of("planned") if isinstance(a, Line2D)]


def test_labels_in_a_tight_row_are_shortened_not_overlapped() -> None:
    from netboard.charts.lanes import _shortened
    from netboard.charts.text_size import text_width_pt

    assert text_width_pt("Octreotide LAR", 7.5) == pytest.approx(56.6, abs=1.0)
    short = _shortened("Lanreotide escalated", "", 50.0, 7.5)
    assert short.endswith("\u2026") and text_width_pt(short, 7.5) <= 50.0
    assert _shortened("Everolimus", " (planned)", 10.0, 7.5) == ""


def test_paper_figure_reused_for_another_case_keeps_nothing_of_the_first() -> None:
    from tests.factories import sample_case

    first = build_timeline(sample_case(1, TODAY), TODAY)  # every track
    second = build_timeline(sample_case(2, TODAY), TODAY)  # no 5-HIAA, other lanes

    def state(artists: TimelineArtists) -> list[object]:
        fig = artists.figure
        shown = [ax for ax in fig.axes if ax.get_visible()]
        return [
            sorted(artists.texts()),
            [
                (
                    ax.get_yscale(),
                    ax.get_ylim(),
                    ax.get_xlim(),
                    tuple(ax.get_position().bounds),
                    len(ax.lines),
                    len(ax.patches),
                    len(ax.collections),
                    len(ax.texts),
                    ax.get_legend() is not None,
                )
                for ax in shown
            ],
        ]

    reused = Figure(figsize=(7, figure_height(first)))
    draw_timeline(reused, first, style="paper", privacy_label="Case 1")
    reused.set_size_inches(7, figure_height(second))
    again = draw_timeline(reused, second, style="paper")
    fresh = draw_timeline(Figure(figsize=(7, figure_height(second))), second, style="paper")
    assert state(again) == state(fresh)
    assert "Case 1" not in again.texts()
    bare_case = sample_case(3, TODAY)
    bare = build_timeline(
        CaseSnapshot(patient=bare_case.patient, therapies=bare_case.therapies), TODAY
    )
    reused.set_size_inches(7, figure_height(bare))
    third = draw_timeline(reused, bare, style="paper")
    assert set(third.axes) == {"therapy"}
    assert [ax.get_visible() for ax in reused.axes] == [True, False, False]
    assert state(third) == state(
        draw_timeline(Figure(figsize=(7, figure_height(bare))), bare, style="paper")
    )
