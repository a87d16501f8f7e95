"""Any script on paper: the right font for each run of text, and right-to-left text in order.

DejaVu Sans (the report font) covers Latin, Greek, Cyrillic, Hebrew and Arabic. Chinese and
Japanese come from Droid Sans Fallback and Korean from NanumGothic, both shipped in
netboard/resources/fonts with their licences; a run of text the body font cannot draw is set in the
first shipped font that can. What no shipped font covers (emoji, rare scripts) stays in the body
font: it prints as an empty box, and the PDF's text layer still holds the character.

Arabic letters are joined (initial, medial, final forms, lam-alef) by HarfBuzz (``uharfbuzz``)
over the body font, written as the font's contextual forms; then each line is put in display
order by the Unicode bidirectional algorithm (``python-bidi``), so right-to-left runs read right
to left inside left-to-right text and numbers keep their order. reportlab draws the result as it
draws Latin text (its own shaping switch would kern and ligate every Latin word as well).
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterator
from itertools import groupby
from typing import Any
from xml.sax.saxutils import escape

import uharfbuzz as hb
from bidi import get_display
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from netboard.reports.fonts import BOLD, REGULAR, register_fonts
from netboard.resources import resource_file

CJK = "NetboardCJK"
KOREAN = "NetboardKorean"
FALLBACKS = ((CJK, "DroidSansFallbackFull.ttf"), (KOREAN, "NanumGothic.ttf"))
"""Fonts tried in order for characters the body font lacks."""

_lock = threading.Lock()
_coverage: dict[str, frozenset[int]] = {}
_shaper: tuple[hb.Font, dict[int, str]] | None = None


def _covered(name: str) -> frozenset[int]:
    font = pdfmetrics.getFont(name)
    return frozenset(font.face.charToGlyph)


def coverage() -> dict[str, frozenset[int]]:
    """Which code points each report font draws (fallback fonts registered on first use)."""
    with _lock:
        if not _coverage:
            register_fonts()
            for name, filename in FALLBACKS:
                with resource_file("fonts", filename) as path:
                    pdfmetrics.registerFont(TTFont(name, str(path)))
            for name in (REGULAR, BOLD, *(n for n, _ in FALLBACKS)):
                _coverage[name] = _covered(name)
    return _coverage


def font_for(char: str, body: str = REGULAR) -> str:
    """The font that draws ``char``: the body font when it can, else the first fallback that can."""
    fonts = coverage()
    code = ord(char)
    if code in fonts.get(body, fonts[REGULAR]) or unicodedata.category(char)[0] in "ZC":
        return body
    for name, _file in FALLBACKS:
        if code in fonts[name]:
            return name
    return body


def runs(text: str, body: str = REGULAR) -> Iterator[tuple[str, str]]:
    """``text`` as (font, run) pairs, each run drawable by its font."""
    current, start = body, 0
    for index, char in enumerate(text):
        font = font_for(char, body)
        if font != current and index > start:
            yield current, text[start:index]
            start = index
        current = font
    if start < len(text):
        yield current, text[start:]


def has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def _is_arabic_letter(char: str) -> bool:
    return unicodedata.bidirectional(char) == "AL" and unicodedata.category(char)[0] in "LM"


def _arabic_shaper() -> tuple[hb.Font, dict[int, str]]:
    """HarfBuzz over the body font, and each of its glyphs as one character (a base letter when
    the glyph is the letter's isolated form, else its Arabic presentation form)."""
    global _shaper
    with _lock:
        if _shaper is None:
            with resource_file("fonts", "DejaVuSans.ttf") as path:
                data = path.read_bytes()
            font = hb.Font(hb.Face(hb.Blob(data)))
            char_to_glyph = pdfmetrics.getFont(REGULAR).face.charToGlyph
            glyph_chars: dict[int, str] = {}
            for code, glyph in sorted(char_to_glyph.items(), key=lambda item: item[0] >= 0xFB50):
                glyph_chars.setdefault(glyph, chr(code))
            _shaper = (font, glyph_chars)
    return _shaper


def join_arabic(run: str) -> str:
    """An Arabic run in joined (contextual) forms, still in logical order."""
    font, glyph_chars = _arabic_shaper()
    buffer = hb.Buffer()
    buffer.add_str(run)
    buffer.guess_segment_properties()  # right to left: glyphs come out in display order
    hb.shape(font, buffer, {"kern": False})
    glyphs = reversed(buffer.glyph_infos)  # back to logical order; the bidi step reorders lines
    return "".join(glyph_chars.get(info.codepoint, run[info.cluster]) for info in glyphs)


def visual_order(line: str) -> str:
    """A line in display order for left-to-right drawing: Arabic letters joined, right-to-left
    runs reversed by the Unicode bidirectional algorithm."""
    if not has_rtl(line):
        return line
    coverage()
    pieces: list[str] = []
    for arabic, group in groupby(line, key=_is_arabic_letter):
        text = "".join(group)
        pieces.append(join_arabic(text) if arabic else text)
    return str(get_display("".join(pieces)))


def markup(text: str, body: str = REGULAR) -> str:
    """Plain text as paragraph markup: escaped, bidi-ordered, fallback fonts where needed."""
    lines = []
    for line in text.split("\n"):
        parts = [
            escape(run) if font == body else f'<font name="{font}">{escape(run)}</font>'
            for font, run in runs(visual_order(line), body)
        ]
        lines.append("".join(parts))
    return "<br/>".join(lines)


def draw_text(canvas: Any, x: float, y: float, text: str, body: str, size: float) -> None:
    """One line on a reportlab canvas (page headers, footers) in any script."""
    if text.isascii():
        canvas.setFont(body, size)
        canvas.drawString(x, y, text)
        return
    for font, run in runs(visual_order(text), body):
        canvas.setFont(font, size)
        canvas.drawString(x, y, run)
        x += pdfmetrics.stringWidth(run, font, size)
