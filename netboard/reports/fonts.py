"""The fonts every report uses: DejaVu Sans from netboard/resources/fonts, embedded in each PDF.

reportlab's built-in Helvetica covers Latin-1 only and is not embedded; DejaVu Sans prints Polish,
Czech, Norwegian, Greek and Cyrillic names and keeps them in the text layer. Registration is global
in reportlab, so it happens once per process, under a lock (reports may build in a worker thread).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from importlib.resources.abc import Traversable

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from netboard.resources import resource_file, resources_dir

REGULAR = "NetboardSans"
BOLD = "NetboardSans-Bold"
OBLIQUE = "NetboardSans-Oblique"
FAMILY = "NetboardSans"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    OBLIQUE: "DejaVuSans-Oblique.ttf",
}

_lock = threading.Lock()
_registered = False


@dataclass(frozen=True, slots=True)
class FontNames:
    regular: str = REGULAR
    bold: str = BOLD
    oblique: str = OBLIQUE


def fonts_dir() -> Traversable:
    return resources_dir() / "fonts"


def register_fonts() -> FontNames:
    """Register the DejaVu faces with reportlab (idempotent, thread-safe) and name them.

    Raises FileNotFoundError naming the missing font file when the resources are incomplete.
    """
    global _registered
    with _lock:
        if not _registered:
            for name, filename in _FILES.items():
                if not (fonts_dir() / filename).is_file():
                    raise FileNotFoundError(
                        f"{fonts_dir() / filename}: report font missing (netboard/resources/fonts)"
                    )
                with resource_file("fonts", filename) as path:  # reportlab reads it whole
                    pdfmetrics.registerFont(TTFont(name, str(path)))
            # <b> and <i> in paragraphs pick the right face.
            addMapping(FAMILY, 0, 0, REGULAR)
            addMapping(FAMILY, 1, 0, BOLD)
            addMapping(FAMILY, 0, 1, OBLIQUE)
            addMapping(FAMILY, 1, 1, BOLD)
            _registered = True
    return FontNames()


def _utf16_hex(value: object) -> str:
    text = chr(value) if isinstance(value, int) else str(value)
    return text.encode("utf-16-be").hex().upper()


def _to_unicode_cmap(fontname: str, subset: list[object]) -> str:
    """reportlab's ToUnicode map, with each character as UTF-16 as the PDF format requires.

    reportlab 5.1 writes a code point above U+FFFF as five hex digits, so an emoji's text reads
    back as another character; a surrogate pair keeps it (copy, search, screen readers).
    """
    pairs = [f"<{i:02X}> <{_utf16_hex(v)}>" for i, v in enumerate(subset)]
    lines = [
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo", f"<< /Registry ({fontname})", f"/Ordering ({fontname})",
        "/Supplement 0", ">> def", f"/CMapName /{fontname} def", "/CMapType 2 def",
        "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>", "endcodespacerange",
        f"{len(subset)} beginbfchar", *pairs, "endbfchar", "endcmap",
        "CMapName currentdict /CMap defineresource pop", "end", "end",
    ]
    return "\n".join(lines)


ttfonts.makeToUnicodeCMap = _to_unicode_cmap
