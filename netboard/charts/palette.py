"""Colours and type sizes for the charts: one colour-blind-safe palette, two styles (screen, paper).

Colours are the Okabe-Ito set (Okabe & Ito, "Color Universal Design", 2008), distinguishable with
the common colour-vision deficiencies. Nothing is told apart by colour alone: responses also carry
their letters, lanes their names.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from netboard.domain.timeline import Lane
from netboard.domain.vocab import Grade, Response

BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
GREY = "#8C8C8C"
LIGHT_GREY = "#E6E6E6"

OKABE_ITO = (BLACK, ORANGE, SKY_BLUE, BLUISH_GREEN, YELLOW, BLUE, VERMILLION, REDDISH_PURPLE)

LANE_COLOURS: dict[Lane, str] = {
    Lane.SURGERY_LOCAL: ORANGE,
    Lane.LIVER_DIRECTED: REDDISH_PURPLE,
    Lane.RADIATION: YELLOW,
    Lane.NUCLEAR_MEDICINE: BLUISH_GREEN,
    Lane.SOMATOSTATIN_ANALOG: SKY_BLUE,
    Lane.TARGETED: BLUE,
    Lane.CHEMOTHERAPY: VERMILLION,
    Lane.TRIALS: BLACK,
    Lane.OTHER: GREY,
}

RESPONSE_COLOURS: dict[Response, str] = {
    Response.CR: BLUISH_GREEN,
    Response.PR: BLUISH_GREEN,
    Response.SD: BLUE,
    Response.PD: VERMILLION,
    Response.NE: GREY,
}

GRADE_BAND_COLOURS: dict[Grade, str] = {
    Grade.G1: "#EAF4FB",  # sky blue, very light
    Grade.G2: "#FDF3DC",  # orange, very light
    Grade.G3: "#FBE5D9",  # vermillion, very light
}

MARKER_COLOURS = (BLUE, VERMILLION, REDDISH_PURPLE, BLUISH_GREEN)
"""Tumour marker series, in the order the timeline lists them (chromogranin A first)."""

MEETING_COLOUR = REDDISH_PURPLE
TODAY_COLOUR = BLACK
DIAGNOSIS_COLOUR = GREY


def text_colour_on(fill: str) -> str:
    """Black or white, whichever reads better on ``fill`` (WCAG relative luminance)."""
    r, g, b = (int(fill[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    contrast_white = 1.05 / (luminance + 0.05)
    contrast_black = (luminance + 0.05) / 0.05
    return "#FFFFFF" if contrast_white >= contrast_black else BLACK


@dataclass(frozen=True, slots=True)
class Colours:
    """The colours a chart takes from its surroundings: white paper, or the window's light or
    dark palette. The Okabe-Ito hues stay the same on both (bars, responses, markers)."""

    background: str
    ink: str
    """Text, the today line, outlines; the black of the Okabe-Ito set on a dark background."""
    muted: str
    """Secondary text and rules: diagnosis, next review, grade names, the 1x line."""
    grid: str
    """The date grid and the rules between lanes."""
    bands: tuple[tuple[Grade, str], ...]
    """The WHO grade bands behind the Ki-67 track."""

    def band(self, grade: Grade) -> str:
        return dict(self.bands)[grade]

    def lane(self, lane: Lane) -> str:
        colour = LANE_COLOURS[lane]
        return self.ink if colour == BLACK else colour


PAPER = Colours("#FFFFFF", BLACK, GREY, LIGHT_GREY, tuple(GRADE_BAND_COLOURS.items()))
"""Black on white: paper, and the window in its light scheme."""

_BAND_HUES = {Grade.G1: SKY_BLUE, Grade.G2: ORANGE, Grade.G3: VERMILLION}


def colours_for(background: str, ink: str) -> Colours:
    """The chart's colours for a window whose content area is ``background`` with ``ink`` text
    (e.g. the palette's Base and Text). Black on white gives exactly ``PAPER``; otherwise the
    greys are mixed from the two and the grade bands are their hue washed into the background."""
    if (background.upper(), ink.upper()) == (PAPER.background, PAPER.ink):
        return PAPER
    dark = _luminance(background) < _luminance(ink)
    wash = 0.22 if dark else 0.12
    return Colours(
        background=background.upper(),
        ink=ink.upper(),
        muted=mix(ink, background, 0.45 if dark else 0.55),
        grid=mix(ink, background, 0.84 if dark else 0.9),
        bands=tuple((g, mix(hue, background, 1 - wash)) for g, hue in _BAND_HUES.items()),
    )


def mix(a: str, b: str, share_of_b: float) -> str:
    """The colour ``share_of_b`` of the way from ``a`` to ``b`` (both '#RRGGBB')."""
    ca, cb = _rgb(a), _rgb(b)
    return "#" + "".join(
        f"{round(x + (y - x) * share_of_b):02X}" for x, y in zip(ca, cb, strict=True)
    )


def _rgb(colour: str) -> tuple[int, int, int]:
    text = colour.lstrip("#")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def _luminance(colour: str) -> float:
    r, g, b = (c / 255 for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


StyleName = Literal["screen", "paper"]


@dataclass(frozen=True, slots=True)
class ChartStyle:
    """Type sizes (points) and line weights for one medium."""

    font: float
    small: float
    lane_label: float
    title: float
    line: float
    marker: float
    row_height_in: float
    """Height of one therapy row, in inches, for ``figure_height``."""
    track_height_in: float
    colours: Colours = PAPER


STYLES: dict[str, ChartStyle] = {
    # A 1920x1080 shared screen read from across a room.
    "screen": ChartStyle(
        font=15,
        small=13,
        lane_label=15,
        title=17,
        line=2.2,
        marker=11,
        row_height_in=0.5,
        track_height_in=1.5,
    ),
    # A4/Letter page, chart about 17 cm wide.
    "paper": ChartStyle(
        font=7.5,
        small=6.5,
        lane_label=7,
        title=8.5,
        line=1.0,
        marker=5,
        row_height_in=0.22,
        track_height_in=0.75,
    ),
}


def style(name: str, colours: Colours | None = None) -> ChartStyle:
    """The type sizes of ``name`` ('screen' or 'paper') with ``colours`` (default: ``PAPER``)."""
    try:
        spec = STYLES[name]
    except KeyError:
        raise ValueError(f"style: '{name}' is not one of {', '.join(STYLES)}") from None
    return spec if colours is None else replace(spec, colours=colours)
