"""The fonts every report uses: DejaVu Sans from resources/fonts, embedded in each PDF.

reportlab's built-in Helvetica covers Latin-1 only and is not embedded; DejaVu Sans prints Polish,
Czech, Norwegian, Greek and Cyrillic names and keeps them in the text layer. Registration is global
in reportlab, so it happens once per process, under a lock (reports may build in a worker thread).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from netboard.domain.catalog import resources_dir

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


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def register_fonts() -> FontNames:
    """Register the DejaVu faces with reportlab (idempotent, thread-safe) and name them.

    Raises FileNotFoundError naming the missing font file when the resources are incomplete.
    """
    global _registered
    with _lock:
        if not _registered:
            for name, filename in _FILES.items():
                path = fonts_dir() / filename
                if not path.is_file():
                    raise FileNotFoundError(f"{path}: report font missing (resources/fonts)")
                pdfmetrics.registerFont(TTFont(name, str(path)))
            # <b> and <i> in paragraphs pick the right face.
            addMapping(FAMILY, 0, 0, REGULAR)
            addMapping(FAMILY, 1, 0, BOLD)
            addMapping(FAMILY, 0, 1, OBLIQUE)
            addMapping(FAMILY, 1, 1, BOLD)
            _registered = True
    return FontNames()
