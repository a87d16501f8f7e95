"""Chart text stamped from kept pixels looks as matplotlib draws it (the oracle: matplotlib's own
Agg renderer drawing the same text), and a string met again is not rasterised again."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.font_manager import FontProperties

from netboard.charts.text_stamps import StampingRenderer, TextStamps

TEXTS = (
    "Octreotide LAR",
    "177Lu-DOTATATE retreatment",
    "Ki-67 %",
    "2024",
    "3699.6 ng/mL",
    "\u00d7 first value",
    "AVAWAT office",
    "Belovby, \u1f08\u03bb\u03ad\u03be\u03b1\u03bd\u03b4\u03c1\u03bf\u03c2",
)


def _pixels(renderer: RendererAgg) -> np.ndarray:
    return np.asarray(renderer.buffer_rgba()).astype(int)  # type: ignore[no-untyped-call]


def _draw(renderer: RendererAgg, texts: tuple[str, ...], *, x: float, y: float, size: float,
          colour: str = "#1b3a5c", angle: float = 0.0) -> None:  # fmt: skip
    gc = renderer.new_gc()
    gc.set_foreground(colour)
    for k, text in enumerate(texts):
        renderer.draw_text(gc, x, y + 26 * k, text, FontProperties(size=size), angle)  # type: ignore[no-untyped-call]
    gc.restore()


@pytest.mark.parametrize(("size", "dpi"), [(7.5, 58.0), (9.0, 72.17), (13.0, 96.0)])
def test_text_on_whole_pixels_is_drawn_as_matplotlib_draws_it(size: float, dpi: float) -> None:
    direct = RendererAgg(520, 260, dpi)  # type: ignore[no-untyped-call]
    stamped = StampingRenderer(520, 260, dpi, TextStamps())
    for renderer in (direct, stamped):
        _draw(renderer, TEXTS, x=7, y=24, size=size)
    expected, drawn = _pixels(direct), _pixels(stamped)
    assert (expected[..., 3] > 0).sum() > 1000  # there is text to compare
    difference = np.abs(expected - drawn).max(axis=2)
    # Where two glyphs touch, one composed coverage and two blends round apart by one level.
    assert difference.max() <= 1
    assert (difference > 0).sum() <= 0.05 * (expected[..., 3] > 0).sum()


def test_text_between_pixels_moves_less_than_half_a_pixel() -> None:
    """A direct draw at x.3 equals the stamp at x (rounded) better than at x + 1."""
    stamps = TextStamps()
    direct = RendererAgg(400, 60, 80.0)  # type: ignore[no-untyped-call]
    _draw(direct, ("Octreotide LAR 2024",), x=20.3, y=40.0, size=11)
    errors = {}
    for whole in (20, 21):
        stamped = StampingRenderer(400, 60, 80.0, stamps)
        _draw(stamped, ("Octreotide LAR 2024",), x=whole, y=40.0, size=11)
        errors[whole] = np.abs(_pixels(direct) - _pixels(stamped)).sum()
    assert errors[20] < errors[21]


def test_a_string_met_again_is_stamped_not_rasterised() -> None:
    stamps = TextStamps()
    first = StampingRenderer(300, 60, 72.0, stamps)
    _draw(first, ("Lanreotide",), x=5, y=30, size=10)
    assert len(stamps) == 1
    glyphs = len(stamps.glyphs)
    again = StampingRenderer(300, 60, 72.0, stamps)  # a new renderer: the canvas was resized
    _draw(again, ("Lanreotide",), x=5, y=30, size=10)
    assert len(stamps) == 1 and len(stamps.glyphs) == glyphs
    assert np.array_equal(_pixels(first), _pixels(again))
    _draw(again, ("Lanreotide",), x=5, y=30, size=12)  # another size: its own pixels
    assert len(stamps) == 2


def test_a_stamp_takes_the_colour_of_each_text() -> None:
    renderer = StampingRenderer(300, 80, 72.0, TextStamps())
    _draw(renderer, ("G2",), x=5, y=30, size=14, colour="#cc0000")
    _draw(renderer, ("G2",), x=5, y=60, size=14, colour="#0000cc")
    pixels = _pixels(renderer)
    red, blue = pixels[:40], pixels[40:]
    inked_red, inked_blue = red[red[..., 3] > 200], blue[blue[..., 3] > 200]
    assert len(inked_red) and len(inked_blue)
    assert (inked_red[:, 0] > inked_red[:, 2]).all()
    assert (inked_blue[:, 2] > inked_blue[:, 0]).all()


def test_turned_text_and_math_are_drawn_directly() -> None:
    direct = RendererAgg(200, 200, 72.0)  # type: ignore[no-untyped-call]
    stamps = TextStamps()
    stamped = StampingRenderer(200, 200, 72.0, stamps)
    for renderer in (direct, stamped):
        _draw(renderer, ("Ki-67 %",), x=100.4, y=150.6, size=10, angle=90)
    assert np.array_equal(_pixels(direct), _pixels(stamped))
    assert len(stamps) == 0


def test_measurements_are_matplotlibs_and_outlive_the_renderer() -> None:
    stamps = TextStamps()
    direct = RendererAgg(10, 10, 72.0)  # type: ignore[no-untyped-call]
    prop = FontProperties(size=9)
    for text in TEXTS:
        expected = direct.get_text_width_height_descent(text, prop, ismath=False)  # type: ignore[no-untyped-call]
        assert StampingRenderer(10, 10, 72.0, stamps).get_text_width_height_descent(
            text, prop, ismath=False
        ) == expected
    assert len(stamps.metrics) == len(TEXTS)


def test_texts_are_placed_where_matplotlib_places_them() -> None:
    """The font heights the renderer supplies (read once per font) give every text the box
    matplotlib's own layout gives it, alignments and line breaks included."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(6, 4), dpi=72.17)
    FigureCanvasAgg(figure)
    texts = [
        figure.text(0.1 + 0.1 * (k % 8), 0.1 + 0.2 * (k // 8), text, fontsize=size, ha=ha, va=va)
        for k, (text, size, ha, va) in enumerate(
            (t, s, h, v)
            for t in ("Today", "G2", "two\nlines", "3699.6 ng/mL")
            for s in (7.5, 13.0)
            for h, v in (("left", "baseline"), ("right", "center"), ("center", "top"))
        )
    ]
    direct = RendererAgg(433, 289, 72.17)  # type: ignore[no-untyped-call]
    stamped = StampingRenderer(433, 289, 72.17, TextStamps())
    for text in texts:
        assert text.get_window_extent(stamped).bounds == text.get_window_extent(direct).bounds
