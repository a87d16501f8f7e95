"""A matplotlib Figure as a reportlab Drawing: vector paths and real text, no raster image.

Two engines turn the same ``draw_timeline`` figure into a drawing for the PDF:

- ``"direct"`` (default): a small matplotlib renderer that emits reportlab shapes while matplotlib
  draws. About four times faster than the SVG route, which matters for a 20-case summary.
- ``"svg"``: ``figure.savefig(format="svg")`` then ``svglib.svg2rlg``; kept as a cross-check.

Both keep text as text (DejaVu Sans, embedded), so chart labels are searchable and testable.
"""

from __future__ import annotations

import io
import math
import re
import threading
from collections.abc import Sequence
from typing import Any, cast

from matplotlib.backend_bases import GraphicsContextBase, RendererBase
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.path import Path as MplPath
from matplotlib.transforms import Transform
from reportlab.graphics.shapes import FILL_NON_ZERO, Drawing, Group, Path, String
from reportlab.lib.colors import Color

from netboard.reports import fonts
from netboard.resources import resource_file

_CAPS = {"butt": 0, "round": 1, "projecting": 2}
_JOINS = {"miter": 0, "round": 1, "bevel": 2}
_BOLD_WEIGHTS = {"semibold", "demibold", "demi", "bold", "heavy", "extra bold", "black"}


class _DrawingRenderer(RendererBase):
    """Receives matplotlib's drawing calls (in points, origin bottom left) as reportlab shapes."""

    def __init__(self, width: float, height: float, names: fonts.FontNames) -> None:
        super().__init__()
        self.width = width
        self.height = height
        self.names = names
        self.drawing = Drawing(width, height)
        self._group: Group = Group()
        self._clip_key: tuple[Any, ...] | None = None
        self.drawing.add(self._group)

    # -- what matplotlib asks of a renderer
    def flipy(self) -> bool:
        return False

    def get_canvas_width_height(self) -> tuple[float, float]:
        return self.width, self.height

    def points_to_pixels(self, points: Any) -> Any:
        return points  # the figure is drawn at 72 dpi: one pixel is one point

    def new_gc(self) -> GraphicsContextBase:
        return GraphicsContextBase()

    def draw_image(self, gc: Any, x: float, y: float, im: Any, transform: Any = None) -> None:
        raise NotImplementedError("report charts are vector only; an image was drawn")

    def draw_path(
        self,
        gc: GraphicsContextBase,
        path: MplPath,
        transform: Transform,
        rgbFace: Any = None,  # noqa: N803 (matplotlib's name)
    ) -> None:
        shape = Path(fillMode=FILL_NON_ZERO, autoclose="svg")
        current = (0.0, 0.0)
        for vertices, code in path.iter_segments(transform, remove_nans=True, simplify=False):
            if code == MplPath.MOVETO:
                current = (vertices[0], vertices[1])
                shape.moveTo(*current)
            elif code == MplPath.LINETO:
                current = (vertices[0], vertices[1])
                shape.lineTo(*current)
            elif code == MplPath.CURVE3:
                (cx, cy, x, y), (x0, y0) = vertices, current
                shape.curveTo(
                    x0 + 2 / 3 * (cx - x0),
                    y0 + 2 / 3 * (cy - y0),
                    x + 2 / 3 * (cx - x),
                    y + 2 / 3 * (cy - y),
                    x,
                    y,
                )
                current = (x, y)
            elif code == MplPath.CURVE4:
                shape.curveTo(*vertices[:6])
                current = (vertices[4], vertices[5])
            elif code == MplPath.CLOSEPOLY:
                shape.closePath()
        if not shape.operators:
            return
        self._style(shape, gc, rgbFace)
        if shape.strokeColor is None and shape.fillColor is None:
            return
        self._add(shape, gc)

    def draw_text(
        self,
        gc: GraphicsContextBase,
        x: float,
        y: float,
        s: str,
        prop: FontProperties,
        angle: float,
        ismath: bool | str = False,
        mtext: Any = None,
    ) -> None:
        if not s.strip():
            return
        weight = prop.get_weight()
        bold = (weight >= 600) if isinstance(weight, int | float) else weight in _BOLD_WEIGHTS
        italic = prop.get_style() in ("italic", "oblique")
        font = self.names.bold if bold else self.names.oblique if italic else self.names.regular
        r, g, b, a = gc.get_rgb()
        alpha = gc.get_alpha() if gc.get_forced_alpha() else a
        text = String(
            0,
            0,
            s,
            fontName=font,
            fontSize=prop.get_size_in_points(),
            fillColor=Color(r, g, b, alpha=alpha),
        )
        rad = math.radians(angle)
        cos, sin = math.cos(rad), math.sin(rad)
        placed = Group(text, transform=(cos, sin, -sin, cos, x, y))
        self._add(placed, gc)

    # -- helpers
    def _style(self, shape: Path, gc: GraphicsContextBase, face: Sequence[float] | None) -> None:
        forced = gc.get_forced_alpha()
        if face is not None and (len(face) < 4 or face[3] > 0):
            fa = gc.get_alpha() if forced else (face[3] if len(face) > 3 else 1.0)
            shape.fillColor = Color(face[0], face[1], face[2], alpha=fa)
        else:
            shape.fillColor = None
        r, g, b, a = gc.get_rgb()
        width = gc.get_linewidth()
        alpha = gc.get_alpha() if forced else a
        if width > 0 and alpha > 0:
            shape.strokeColor = Color(r, g, b, alpha=alpha)
            shape.strokeWidth = width
            shape.strokeLineCap = _CAPS.get(gc.get_capstyle(), 0)
            shape.strokeLineJoin = _JOINS.get(gc.get_joinstyle(), 0)
            dashes: Any = gc.get_dashes()[1]
            if dashes is not None and len(dashes):
                shape.strokeDashArray = [float(d) for d in dashes]
        else:
            shape.strokeColor = None

    def _add(self, node: Any, gc: GraphicsContextBase) -> None:
        """Add to the group of the current clip region, opening a new group when it changes."""
        rect = gc.get_clip_rectangle()
        clip_path, clip_transform = gc.get_clip_path()
        key = (
            tuple(round(v, 3) for v in rect.bounds) if rect is not None else None,
            id(clip_path) if clip_path is not None else None,
        )
        if key != self._clip_key:
            self._clip_key = key
            self._group = Group()
            self.drawing.add(self._group)
            if rect is not None:
                x0, y0, w, h = rect.bounds
                clip = Path(isClipPath=1, strokeColor=None, fillColor=None)
                clip.moveTo(x0, y0)
                clip.lineTo(x0 + w, y0)
                clip.lineTo(x0 + w, y0 + h)
                clip.lineTo(x0, y0 + h)
                clip.closePath()
                self._group.add(clip)
            if clip_path is not None:
                outline = Path(isClipPath=1, strokeColor=None, fillColor=None)
                segments = cast(MplPath, clip_path).iter_segments(clip_transform, simplify=False)
                for vertices, code in segments:
                    if code == MplPath.MOVETO:
                        outline.moveTo(*vertices[:2])
                    elif code == MplPath.CLOSEPOLY:
                        outline.closePath()
                    else:
                        outline.lineTo(*vertices[-2:])
                self._group.add(outline)
        self._group.add(node)


def figure_to_drawing(figure: Figure, *, engine: str = "direct") -> Drawing:
    """The figure as a vector reportlab Drawing, the figure's size in points."""
    names = fonts.register_fonts()
    if engine == "svg":
        return _via_svg(figure, names)
    if engine != "direct":
        raise ValueError(f"engine: '{engine}' is not one of direct, svg")
    figure.set_dpi(72)
    width, height = (float(v) * 72 for v in figure.get_size_inches())
    renderer = _DrawingRenderer(width, height, names)
    figure.draw(renderer)
    return renderer.drawing


_svg_lock = threading.Lock()
_svg_ready = False
_FONT_LIST = re.compile(r"font-family: *'DejaVu Sans'[^;\"]*")


def _via_svg(figure: Figure, names: fonts.FontNames) -> Drawing:
    from matplotlib import rc_context
    from svglib.fonts import register_font
    from svglib.svglib import svg2rlg

    global _svg_ready
    with _svg_lock:
        if not _svg_ready:
            for weight, style, name in (
                ("normal", "normal", names.regular),
                ("bold", "normal", names.bold),
                ("normal", "italic", names.oblique),
            ):
                file = fonts._FILES[name]  # same files the direct engine embeds
                with resource_file("fonts", file) as path:
                    register_font("DejaVu Sans", str(path), weight, style, name)
            _svg_ready = True
    buffer = io.BytesIO()
    with rc_context({"svg.fonttype": "none", "svg.hashsalt": "netboard"}):
        figure.savefig(buffer, format="svg")
    # svglib knows "bold", not CSS weight 700; and one family name parses faster than ten.
    svg = buffer.getvalue().decode()
    svg = _FONT_LIST.sub("font-family: 'DejaVu Sans'", svg)
    svg = svg.replace("font-weight: 700", "font-weight: bold")
    drawing = svg2rlg(io.BytesIO(svg.encode()))
    if drawing is None:
        raise ValueError("svglib could not read the chart SVG")
    return drawing
