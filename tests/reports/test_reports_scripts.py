"""Any script on paper: CJK names in real glyphs, Arabic joined, right-to-left text in order.

Each handout is read back with poppler's pdftotext, which puts right-to-left text back into
logical order from the glyph positions: an independent check of the visual order. Glyphs are
checked against the shipped font files' own character maps (fontTools), not reportlab's.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from report_checks import GENERATED

from netboard.domain.snapshot import CaseSnapshot, MeetingSnapshot
from netboard.reports.handout import build_handout

FONTS = Path(__file__).resolve().parents[2] / "netboard" / "resources" / "fonts"
BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))
NAMES = {  # given, family: synthetic, common names
    "chinese": ("小明", "王", "DroidSansFallbackFull.ttf"),
    "japanese": ("さくら", "山田", "DroidSansFallbackFull.ttf"),
    "korean": ("민준", "김", "NanumGothic.ttf"),
    "arabic": ("محمد", "العلي", "DejaVuSans.ttf"),
    "hebrew": ("דוד", "כהן", "DejaVuSans.ttf"),
    "emoji": ("Ana 😀", "Testperson", "DejaVuSans.ttf"),
}

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


@pytest.fixture(scope="module")
def handouts(
    tmp_path_factory: pytest.TempPathFactory,
    meeting: tuple[MeetingSnapshot, dict[str, CaseSnapshot]],
) -> dict[str, Path]:
    _snapshot, cases = meeting
    case = next(c for c in cases.values() if any(d.decision for d in c.discussions))
    folder = tmp_path_factory.mktemp("scripts")
    written = {}
    for script, (given, family, _font) in NAMES.items():
        named = replace(case, patient=replace(case.patient, given_name=given, family_name=family))
        written[script] = build_handout(named, folder / f"{script}.pdf", generated_at=GENERATED)
    return written


def _text(path: Path) -> str:
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                            check=True, capture_output=True, text=True)
    return result.stdout.translate(BIDI_MARKS)


def _embedded_fonts(path: Path) -> set[str]:
    found = set()
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            found.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return found


@pytest.mark.parametrize("script", ["chinese", "japanese", "korean"])
def test_cjk_names_print_in_real_glyphs_and_read_back(
    handouts: dict[str, Path], script: str
) -> None:
    given, family, font_file = NAMES[script]
    text = _text(handouts[script])
    assert f"{given} {family}" in text
    font = TTFont(FONTS / font_file)
    assert font["name"].getDebugName(6) in _embedded_fonts(handouts[script])  # PostScript name
    cmap = font.getBestCmap()
    assert all(ord(ch) in cmap for ch in given + family)  # a real glyph, not the empty box


def test_arabic_is_joined_and_in_order(handouts: dict[str, Path]) -> None:
    given, family, _font = NAMES["arabic"]
    text = _text(handouts["arabic"])
    joined = [ch for ch in text if 0xFE70 <= ord(ch) <= 0xFEFF]
    assert len(joined) >= len(given + family) - 2  # contextual forms, not isolated letters
    assert f"{given} {family}" in unicodedata.normalize("NFKC", text)


def test_hebrew_reads_back_in_logical_order(handouts: dict[str, Path]) -> None:
    given, family, _font = NAMES["hebrew"]
    assert f"{given} {family}" in _text(handouts["hebrew"])


def test_an_emoji_keeps_its_character_in_the_text_layer(handouts: dict[str, Path]) -> None:
    assert "Ana 😀 Testperson" in _text(handouts["emoji"])


def test_latin_text_is_unchanged(handouts: dict[str, Path]) -> None:
    text = _text(handouts["korean"])
    assert "Your care plan" in text and "What the team recommends" in text
