"""Light or dark: the window follows the desktop's colour scheme, every colour included.

Qt gives the dark palette (or we build one where the platform does not, e.g. offscreen); the
application style sheet is generated for the scheme; and the colours screens set inline
(``setStyleSheet("color:#5f6b76")``, note banners, status chips) are turned into their dark
counterparts by one application-wide filter, so no screen has to know about dark mode. The dark
counterpart keeps a colour's hue and saturation and mirrors its lightness: pale card backgrounds
become deep ones, dark text becomes light text, and contrast against the background is kept.

``NETBOARD_COLOR_SCHEME=dark|light`` overrides the desktop (``auto``, the default, follows it).
"""

from __future__ import annotations

import colorsys
import os
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:  # the charts' palette loads with the first chart, not at start-up
    from netboard.charts.palette import Colours

SCHEME_ENV = "NETBOARD_COLOR_SCHEME"
_HEX = re.compile(r"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")
_LIGHT_SHEET = "netboardLightStyleSheet"
_DARK_SHEET = "netboardDarkStyleSheet"
_INLINE_ATTRIBUTE = "_netboard_inline_colours"
_FOLLOWING = "netboardFollowsScheme"

DARK_ROLES = {
    QPalette.ColorRole.Window: "#26282b",
    QPalette.ColorRole.WindowText: "#e8eaed",
    QPalette.ColorRole.Base: "#1c1d20",
    QPalette.ColorRole.AlternateBase: "#2a2c30",
    QPalette.ColorRole.Text: "#e8eaed",
    QPalette.ColorRole.Button: "#33363b",
    QPalette.ColorRole.ButtonText: "#e8eaed",
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Highlight: "#2f6db5",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#33363b",
    QPalette.ColorRole.ToolTipText: "#e8eaed",
    QPalette.ColorRole.PlaceholderText: "#9aa0a6",
    QPalette.ColorRole.Link: "#8ab4f8",
    QPalette.ColorRole.LinkVisited: "#c58af9",
    QPalette.ColorRole.Light: "#4a4d52",
    QPalette.ColorRole.Midlight: "#3c3f44",
    QPalette.ColorRole.Mid: "#2e3034",
    QPalette.ColorRole.Dark: "#151618",
    QPalette.ColorRole.Shadow: "#000000",
}
DARK_DISABLED = "#7c8188"


def dark_color(hex_color: str) -> str:
    """The dark-scheme counterpart of a light-scheme colour: same hue, mirrored lightness."""
    text = hex_color.lstrip("#")
    if len(text) == 3:
        text = "".join(ch * 2 for ch in text)
    r, g, b = (int(text[i:i + 2], 16) / 255 for i in (0, 2, 4))
    hue, lightness, saturation = colorsys.rgb_to_hls(r, g, b)
    mirrored = 1.0 - lightness
    if lightness < 0.5:  # text and accents: light enough to read on a dark background
        mirrored = max(mirrored, 0.68)
        saturation = min(saturation, 0.75)
    else:  # backgrounds and borders: deep, a little calmer
        if lightness > 0.7:  # deep but not pitch black
            mirrored = min(max(mirrored, 0.16), 0.2)
        saturation *= 0.6
    r, g, b = colorsys.hls_to_rgb(hue, mirrored, saturation)
    return "#{:02x}{:02x}{:02x}".format(*(round(v * 255) for v in (r, g, b)))


def for_dark(css: str) -> str:
    """``css`` with every hex colour replaced by its dark counterpart."""
    return _HEX.sub(lambda m: dark_color(m.group(0)), css)


def wants_dark(app: QApplication) -> bool:
    """Dark when asked (NETBOARD_COLOR_SCHEME) or when the desktop is dark."""
    choice = os.environ.get(SCHEME_ENV, "auto").strip().lower()
    if choice in ("dark", "light"):
        return choice == "dark"
    scheme = app.styleHints().colorScheme()
    if scheme != Qt.ColorScheme.Unknown:
        return scheme == Qt.ColorScheme.Dark
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, color in DARK_ROLES.items():
        palette.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(DARK_DISABLED))
    return palette


class InlineColours(QObject):
    """Keeps each widget's own style sheet in the current scheme (filter on the application)."""

    def __init__(self, parent: QObject, *, dark: bool) -> None:
        super().__init__(parent)
        self.dark = dark

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.Polish) and isinstance(
            watched, QWidget
        ):
            self.restyle(watched)
        return False

    def restyle(self, widget: QWidget) -> None:
        if not self.dark and widget.property(_DARK_SHEET) is None:
            return  # light scheme, never darkened: nothing to do
        sheet = widget.styleSheet()
        if not sheet and widget.property(_LIGHT_SHEET) is None:
            return
        if sheet != widget.property(_DARK_SHEET):
            widget.setProperty(_LIGHT_SHEET, sheet)  # the screen set a new (light) sheet
            widget.setProperty(_DARK_SHEET, None)
        light = str(widget.property(_LIGHT_SHEET) or "")
        wanted = for_dark(light) if self.dark else light
        if self.dark:
            widget.setProperty(_DARK_SHEET, wanted)
        if "#" in light and sheet != wanted:
            widget.setStyleSheet(wanted)


def chart_colours(widget: QWidget) -> Colours:
    """The charts' colours inside ``widget``: its palette's content background and text (black
    on white in the light scheme, so the screen chart matches the printed one)."""
    from netboard.charts.palette import colours_for

    palette = widget.palette()
    return colours_for(
        palette.color(QPalette.ColorRole.Base).name(),
        palette.color(QPalette.ColorRole.Text).name(),
    )


def surface_colours(background: str, ink: str) -> Colours:
    """The charts' colours on a surface whose (light) style sheet sets ``background`` and
    ``ink``, e.g. a slide: in the dark scheme the same counterparts the inline filter gives it."""
    from netboard.charts.palette import colours_for

    app = QApplication.instance()
    inline = _inline_colours(app) if isinstance(app, QApplication) else None
    if inline is not None and inline.dark:
        return colours_for(dark_color(background), dark_color(ink))
    return colours_for(background, ink)


def apply_scheme(app: QApplication, light_sheet: str) -> bool:
    """Palette, application style sheet and inline colours for the current scheme; True if dark.

    Called again when the desktop switches scheme (the application's colorSchemeChanged).
    """
    dark = wants_dark(app)
    ours = bool(app.property("netboardDarkPalette"))
    if dark and not ours and app.palette().color(QPalette.ColorRole.Window).lightness() >= 128:
        app.setPalette(dark_palette())  # the platform gave no dark palette (offscreen, X11)
        app.setProperty("netboardDarkPalette", True)
    elif not dark and ours:
        app.setPalette(app.style().standardPalette())
        app.setProperty("netboardDarkPalette", False)
    app.setStyleSheet(for_dark(light_sheet) if dark else light_sheet)
    if not app.property(_FOLLOWING):
        app.setProperty(_FOLLOWING, True)
        app.styleHints().colorSchemeChanged.connect(lambda _s: apply_scheme(app, light_sheet))
    inline = _inline_colours(app)
    if inline is None and dark:
        # Only once dark: in the light scheme every inline colour is already what the screen
        # wrote, and an application-wide Python filter costs each event a call (and start-up
        # ~25 ms). Once installed it stays, to turn darkened sheets back when the scheme does.
        inline = InlineColours(app, dark=False)  # widgets made so far are light: restyled below
        setattr(app, _INLINE_ATTRIBUTE, inline)
        app.installEventFilter(inline)
    if inline is not None and inline.dark != dark:
        inline.dark = dark
        for widget in app.allWidgets():
            inline.restyle(widget)
    return dark


def _inline_colours(app: QApplication) -> InlineColours | None:
    """The application's inline-colour filter, if installed. Kept on the application object:
    ``findChild`` would wrap each of its children (the style, the session manager) and cost
    ~10 ms of start-up in Python types for their enumerations."""
    found = getattr(app, _INLINE_ATTRIBUTE, None)
    return found if isinstance(found, InlineColours) and found.parent() is not None else None
