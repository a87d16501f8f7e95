"""How wide a piece of chart text is, without drawing it (margins, labels, tick spacing)."""

from __future__ import annotations

from functools import lru_cache

from matplotlib.font_manager import FontProperties
from matplotlib.textpath import text_to_path


@lru_cache(maxsize=4096)
def text_width_pt(text: str, size: float) -> float:
    """The width of ``text`` in points at ``size`` (the chart's font; cached: names repeat)."""
    width, _height, _descent = text_to_path.get_text_width_height_descent(
        text, FontProperties(size=size), ismath=False
    )
    return float(width)
