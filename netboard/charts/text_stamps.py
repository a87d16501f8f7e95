"""Screen chart text from kept pixels: each glyph and each label is rasterised once.

Drawing text was most of the cost of showing a case's chart the first time: matplotlib lays out
and rasterises (with FreeType's auto-hinter) every glyph of every label at each draw, and the same
glyphs and mostly the same strings come back on every chart (lane names, agents, dates, grades,
"Today", digits). ``StampingRenderer`` is the Agg renderer of the window's chart canvas:

- a string met before in the same font at the same resolution is stamped from its kept coverage
  (alpha, 0-255) in the text's colour, as Agg stamps each glyph;
- a new string is laid out by matplotlib (glyphs and their positions) and composed from kept
  glyph bitmaps, each rendered by FreeType once per font, size, resolution and position within
  a pixel (in 64ths, as matplotlib places them);
- it keeps the strings' measurements too, which matplotlib forgets with each new renderer (the
  canvas gets one whenever its size changes: nearly every case).

The one difference from a direct draw: a label's baseline starts on a whole pixel (as all text
did before matplotlib 3.10); a direct draw starts at a fraction of one. Where the text starts on
a whole pixel the result is the same, pixel for pixel (tests/charts/test_text_stamps.py). Turned
text, math text, text without antialiasing or with font features is drawn directly. Paper (PDF)
is vector and does not come here.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.backends.backend_agg import RendererAgg, get_hinting_flag
from matplotlib.font_manager import FontProperties, fontManager, get_font
from matplotlib.ft2font import FT2Font, RenderMode

STAMPS_KEPT = 4096
"""Strings (and separately measurements) kept: every label of many cases, a few hundred bytes
to a few KB each."""
GLYPHS_KEPT = 16384
"""Glyph bitmaps kept (about 100 bytes each): a glyph comes in up to 64 positions in a pixel."""
_UPRIGHT = np.array([[0x10000, 0], [0, 0x10000]])
"""FreeType's 16.16 transform of level, unslanted text."""
_GLYPH_API = all(hasattr(FT2Font, name) for name in ("_layout", "_render_glyph", "_set_transform"))
"""matplotlib's (private) glyph-by-glyph text API, which Agg itself draws with since 3.11."""

Key = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Stamp:
    """A string's coverage (0-255, rows top down) and where its baseline origin sits in it."""

    coverage: Any
    """uint8 array, rows by columns (0 x 0 for blank text)."""
    origin_x: int
    origin_y: int
    """The baseline origin in the array: columns from the left edge, rows from the top row."""


class _Kept(OrderedDict[Key, Any]):
    """At most ``size`` entries; the least recently used goes first."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def find(self, key: Key) -> Any:
        found = self.get(key)
        if found is not None:
            self.move_to_end(key)
        return found

    def keep(self, key: Key, value: Any) -> Any:
        self[key] = value
        while len(self) > self.size:
            self.popitem(last=False)
        return value


class TextStamps:
    """The kept strings, glyphs and measurements of one window's charts."""

    def __init__(self, size: int = STAMPS_KEPT, glyphs: int = GLYPHS_KEPT) -> None:
        self.strings = _Kept(size)
        self.glyphs = _Kept(glyphs)
        self.metrics = _Kept(size)
        self.heights = _Kept(size)

    def __len__(self) -> int:
        return len(self.strings)


def font_key(prop: FontProperties) -> Key:
    """What decides a string's glyphs (FontProperties' own hash fields, as a plain tuple)."""
    return (
        tuple(prop.get_family()),
        prop.get_slant(),
        prop.get_variant(),
        prop.get_weight(),
        prop.get_stretch(),
        prop.get_size_in_points(),
        prop.get_file(),
    )


class StampingRenderer(RendererAgg):
    """RendererAgg that draws level, plain, antialiased text from ``stamps``."""

    def __init__(self, width: float, height: float, dpi: float, stamps: TextStamps) -> None:
        super().__init__(width, height, dpi)  # type: ignore[no-untyped-call]
        self.stamps = stamps

    def get_text_width_height_descent(
        self, s: str, prop: FontProperties, ismath: bool | str
    ) -> tuple[float, float, float]:
        key = (s, font_key(prop), self.dpi, ismath, get_hinting_flag())  # type: ignore[no-untyped-call]
        extent = self.stamps.metrics.find(key)
        if extent is None:
            measured = super().get_text_width_height_descent(s, prop, ismath)  # type: ignore[no-untyped-call]
            extent = self.stamps.metrics.keep(key, measured)
        return extent  # type: ignore[no-any-return]

    def _get_font_height_metrics(
        self, prop: FontProperties
    ) -> tuple[float | None, float | None, float | None]:
        """A font's ascent, descent and line gap in pixels, which matplotlib's text layout reads
        from the font file for every text it places unless the renderer knows them (the hook
        its PDF backend uses); read here once per font and resolution."""
        key = (font_key(prop), self.dpi)
        found = self.stamps.heights.find(key)
        if found is None:
            found = self.stamps.heights.keep(key, _height_metrics(prop, self.dpi))
        return found  # type: ignore[no-any-return]

    def draw_text(
        self,
        gc: Any,
        x: float,
        y: float,
        s: str,
        prop: FontProperties,
        angle: float,
        ismath: bool | str = False,
        mtext: Any = None,
    ) -> None:
        if not _GLYPH_API or ismath or angle or not gc.get_antialiased() or _shaped(mtext):
            super().draw_text(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)  # type: ignore[no-untyped-call]
            return
        key = (s, font_key(prop), self.dpi, get_hinting_flag())  # type: ignore[no-untyped-call]
        stamp: Stamp | None = self.stamps.strings.find(key)
        if stamp is None:
            stamp = self.stamps.strings.keep(key, self._compose(s, prop))
        rows = stamp.coverage.shape[0]
        if not rows:
            return
        # y runs down the canvas; draw_text_image puts the image's bottom row at its y.
        left = round(x) - stamp.origin_x
        bottom = round(y) - stamp.origin_y + rows
        self._renderer.draw_text_image(stamp.coverage, left, bottom, 0, gc)

    def _compose(self, s: str, prop: FontProperties) -> Stamp:
        """``s`` as matplotlib lays it out, from kept glyph bitmaps, its origin on a pixel."""
        flags = get_hinting_flag()  # type: ignore[no-untyped-call]
        size = prop.get_size_in_points()
        font = self._prepare_font(prop)  # type: ignore[no-untyped-call]
        placed = []  # (left, top, bitmap): pixels right of and above the origin
        for item in font._layout(s, flags=flags):
            x64, y64 = round(0x40 * item.x), round(0x40 * item.y)
            left, top, bitmap = self._glyph(item.ft_object, size, item.glyph_index, flags,
                                            x64 & 0x3F, y64 & 0x3F)  # fmt: skip
            if bitmap.size:
                placed.append((left + (x64 >> 6), top + (y64 >> 6), bitmap))
        if not placed:
            return Stamp(np.zeros((0, 0), np.uint8), 0, 0)
        x0 = min(left for left, _, _ in placed)
        x1 = max(left + b.shape[1] for left, _, b in placed)
        y1 = max(top for _, top, _ in placed)
        y0 = min(top - b.shape[0] for _, top, b in placed)
        coverage = np.zeros((y1 - y0, x1 - x0), np.uint8)
        for left, top, bitmap in placed:
            rows, columns = bitmap.shape
            area = coverage[y1 - top : y1 - top + rows, left - x0 : left - x0 + columns]
            # Where glyphs touch, coverage adds as Agg's blending of one glyph over another.
            np.copyto(area, 255 - (255 - area.astype(np.uint16)) * (255 - bitmap) // 255,
                      casting="unsafe")  # fmt: skip
        return Stamp(coverage, -x0, y1)

    def _glyph(
        self, font: Any, size: float, index: int, flags: Any, phase_x: int, phase_y: int
    ) -> tuple[int, int, Any]:
        """One glyph rendered as matplotlib renders it, at a 64th-of-a-pixel position."""
        key = (font.fname, size, self.dpi, index, flags, phase_x, phase_y)
        found = self.stamps.glyphs.find(key)
        if found is None:
            font.set_size(size, self.dpi)
            font._set_transform(_UPRIGHT, [phase_x, phase_y])
            rendered = font._render_glyph(index, flags, RenderMode.NORMAL)
            found = self.stamps.glyphs.keep(
                key, (rendered.left, rendered.top, np.array(rendered.buffer, np.uint8))
            )
        return found  # type: ignore[no-any-return]


def _height_metrics(
    prop: FontProperties, dpi: float
) -> tuple[float | None, float | None, float | None]:
    """The font's typographic ascent, descent and line gap (its OS/2 table, else hhea) scaled to
    ``dpi`` pixels, in the order of operations matplotlib's layout uses, so positions match to
    the bit; (None, None, None) for a font without them (matplotlib then measures "lp")."""
    font: Any = get_font(fontManager._find_fonts_by_props(prop))
    head = font.get_sfnt_table("head")
    for table_name, gap_key, ascent_key, descent_key in (
        ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
        ("hhea", "lineGap", "ascent", "descent"),
    ):
        table = font.get_sfnt_table(table_name)
        if table is None or head is None:
            continue
        scale = 1 / head["unitsPerEm"] * prop.get_size_in_points() * dpi / 72
        return table[ascent_key] * scale, -table[descent_key] * scale, table[gap_key] * scale
    return None, None, None


def _shaped(mtext: Any) -> bool:
    """Text that asks for font features or a language is shaped its own way: drawn directly."""
    if mtext is None:
        return False
    features = getattr(mtext, "get_fontfeatures", None)
    language = getattr(mtext, "get_language", None)
    return bool((features and features()) or (language and language()))
