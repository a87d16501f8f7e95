"""What was drawn for which timeline item: hit testing for hover and click, and selection highlight.

The Qt canvas (``netboard.ui``) passes its matplotlib mouse events to ``item_at``; the same object
works offscreen, so tests can click on a figure without a window.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from netboard.domain.timeline import Timeline

GLYPHS = "_netboard_glyphs"
"""Attribute of a marker line whose markers are the glyphs of a short text (its value)."""


class PointerEvent(Protocol):
    """The part of a matplotlib MouseEvent that hit testing needs (display pixels)."""

    x: float | None
    y: float | None


@dataclass(slots=True)
class _Target:
    artist: Artist
    ids: tuple[str, ...]
    """One id, or one per data point of a markers-only line (in the line's point order)."""
    priority: int
    """Lower wins when two artists are under the pointer (points before bars before lines)."""


@dataclass
class TimelineArtists:
    """The drawn timeline: its axes and the artist behind every item id."""

    figure: Figure
    timeline: Timeline
    axes: dict[str, Axes] = field(default_factory=dict)
    """'therapy' always; 'pathology' and 'markers' when the case has them."""
    _targets: list[_Target] = field(default_factory=list)
    _saved: dict[int, dict[str, Any]] = field(default_factory=dict)
    selected: str | None = None
    outline: str = "#000000"
    """The colour that outlines the selected item (the chart's ink)."""

    def add(self, artist: Artist, ids: str | tuple[str, ...], priority: int) -> None:
        self._targets.append(_Target(artist, (ids,) if isinstance(ids, str) else ids, priority))
        self._targets.sort(key=lambda t: t.priority)

    def item_ids(self) -> set[str]:
        return {i for t in self._targets for i in t.ids}

    def artists_of(self, item_id: str) -> list[Artist]:
        return [t.artist for t in self._targets if item_id in t.ids]

    def item_at(self, event: PointerEvent) -> str | None:
        """The id of the item under a mouse event (display coordinates), or None.

        Needs a drawn figure (``canvas.draw()``), as any matplotlib hit test does.
        """
        if event.x is None or event.y is None:
            return None
        inaxes = getattr(event, "inaxes", None)
        for target in self._targets:
            artist = target.artist
            if inaxes is not None and artist.axes is not None and artist.axes is not inaxes:
                # Marks drawn outside their axes (meeting triangles) still count.
                if artist.get_clip_on():
                    continue
            hit, info = artist.contains(event)  # type: ignore[arg-type]
            if not hit:
                continue
            if len(target.ids) == 1:
                return target.ids[0]
            indices = list(info.get("ind", ()))
            if indices:
                return target.ids[_nearest(artist, indices, event)]
        return None

    def display_point(self, item_id: str) -> tuple[float, float]:
        """Where an item sits on the canvas (display pixels), e.g. to click it in a test."""
        for target in self._targets:
            if item_id not in target.ids:
                continue
            artist = target.artist
            if isinstance(artist, Rectangle):
                # A patch's transform maps its unit square to the canvas: (0.5, 0.5) is the middle.
                px, py = artist.get_transform().transform((0.5, 0.5))
                return float(px), float(py)
            if isinstance(artist, Line2D):
                k = target.ids.index(item_id) if len(target.ids) > 1 else 0
                xy = artist.get_xydata()[k]  # type: ignore[index]
                px, py = artist.get_transform().transform(xy)
                return float(px), float(py)
            if isinstance(artist, Text):
                box = artist.get_window_extent(self.figure.canvas.get_renderer())  # type: ignore[attr-defined]
                return float((box.x0 + box.x1) / 2), float((box.y0 + box.y1) / 2)
        raise KeyError(item_id)

    def select(self, item_id: str | None) -> None:
        """Outline the item (a therapy bar or a point) as selected; None clears the selection.

        The caller redraws (``canvas.draw_idle()``).
        """
        for artist_key, saved in self._saved.items():
            artist = next(t.artist for t in self._targets if id(t.artist) == artist_key)
            artist.set(**saved)
        self._saved.clear()
        self.selected = item_id
        if item_id is None:
            return
        for artist in self.artists_of(item_id):
            if isinstance(artist, Rectangle):
                self._saved[id(artist)] = {
                    "edgecolor": artist.get_edgecolor(),
                    "linewidth": artist.get_linewidth(),
                }
                artist.set(edgecolor=self.outline, linewidth=max(2.5, artist.get_linewidth() * 2))
            elif isinstance(artist, Line2D) and len(self._ids_of(artist)) == 1:
                self._saved[id(artist)] = {
                    "markeredgecolor": artist.get_markeredgecolor(),
                    "markeredgewidth": artist.get_markeredgewidth(),
                }
                artist.set(markeredgecolor=self.outline, markeredgewidth=2.5)

    def _ids_of(self, artist: Artist) -> tuple[str, ...]:
        return next(t.ids for t in self._targets if t.artist is artist)

    def texts(self) -> list[str]:
        """Every piece of text drawn on the figure (titles, labels, ticks, annotations), and the
        text of glyph markers (the screen's response letters) once per mark."""
        found = [t.get_text() for t in self.figure.findobj(Text)]
        for line in self.figure.findobj(Line2D):
            text = getattr(line, GLYPHS, None)
            if text:
                found.extend([text] * len(line.get_xdata()))  # type: ignore[arg-type]
        return [t for t in found if t]


def _nearest(artist: Artist, indices: list[int], event: PointerEvent) -> int:
    if not isinstance(artist, Line2D) or len(indices) == 1:
        return indices[0]
    pixels = artist.get_transform().transform(artist.get_xydata())
    assert event.x is not None and event.y is not None
    ex, ey = event.x, event.y
    return min(indices, key=lambda i: (pixels[i][0] - ex) ** 2 + (pixels[i][1] - ey) ** 2)
