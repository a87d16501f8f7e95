"""matplotlib figures as reportlab drawings: vector shapes, real text, clipping, never an image."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure
from report_checks import TODAY, all_text, image_xobjects
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.graphics.shapes import Path as RlPath
from reportlab.platypus import SimpleDocTemplate

from netboard.domain.timeline import build_timeline
from netboard.reports.fonts import BOLD, REGULAR
from netboard.reports.parts import timeline_chart
from netboard.reports.vector import figure_to_drawing
from tests.factories import sample_case


def walk(node: object) -> list[object]:
    found = [node]
    if isinstance(node, Group | Drawing):
        for child in node.contents:
            found += walk(child)
    return found


def small_figure() -> Figure:
    figure = Figure(figsize=(4, 2))
    ax = figure.add_axes((0.1, 0.2, 0.8, 0.7))
    ax.plot([0, 1, 2], [0, 1, 0], color="#0072B2")
    ax.bar([0.5], [5], color="#D55E00")  # taller than the axes: must be clipped
    ax.set_ylim(0, 2)
    ax.text(1, 0.5, "Ἀλέξανδρος Наталья", fontweight="bold")
    ax.set_title("Dvořák")
    return figure


def pdf_of(drawing: Drawing, path: Path) -> Path:
    SimpleDocTemplate(str(path)).build([drawing])
    return path


@pytest.mark.parametrize("engine", ["direct", "svg"])
def test_text_stays_text_in_our_fonts(engine: str, tmp_path: Path) -> None:
    drawing = figure_to_drawing(small_figure(), engine=engine)
    assert (drawing.width, drawing.height) == pytest.approx((288, 144))
    out = pdf_of(drawing, tmp_path / f"{engine}.pdf")
    text = all_text(out)
    assert "Ἀλέξανδρος Наталья" in text and "Dvořák" in text
    assert image_xobjects(out) == 0
    fonts = {s.fontName for s in walk(drawing) if isinstance(s, String)}
    assert fonts <= {REGULAR, BOLD} and BOLD in fonts


def test_direct_engine_clips_to_the_axes() -> None:
    nodes = walk(figure_to_drawing(small_figure()))
    clips = [n for n in nodes if isinstance(n, RlPath) and n.isClipPath]
    assert clips, "drawing inside the axes is clipped to the axes"


def test_images_are_refused_so_nothing_is_silently_rasterized() -> None:
    figure = Figure(figsize=(2, 2))
    figure.add_subplot().imshow(np.zeros((4, 4)))
    with pytest.raises(NotImplementedError, match="vector only"):
        figure_to_drawing(figure)


def test_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="engine"):
        figure_to_drawing(Figure(), engine="png")


def test_timeline_chart_matches_the_screen_chart_labels(tmp_path: Path) -> None:
    case = sample_case(1, TODAY)
    timeline = build_timeline(case, TODAY)
    out = pdf_of(timeline_chart(timeline, privacy_label="Case 7 \u00b7 ZD"), tmp_path / "c.pdf")
    text = all_text(out)
    for label in (
        "Case 7 \u00b7 ZD",
        "Imaging",
        "Nuclear medicine",
        "Lanreotide",
        "Ki-67 %",
        "G2",
        "Chromogranin A, ng/mL",
        "Today",
        "Diagnosis",
    ):
        assert label in text, label
    assert case.patient.family_name not in text and case.patient.mrn not in text
    assert image_xobjects(out) == 0
