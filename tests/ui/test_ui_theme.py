"""Dark mode: the palette, the application style sheet and inline colours follow the scheme."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel

from netboard.ui import theme
from netboard.ui.style import PALETTE, STYLE_SHEET

UI = Path(__file__).resolve().parents[2] / "netboard" / "ui"
DARK_BASE = theme.DARK_ROLES[QPalette.ColorRole.Base]


def _luminance(hex_color: str) -> float:
    """WCAG 2 relative luminance."""
    text = hex_color.lstrip("#")
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    channels = [int(text[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _colours_in_the_ui() -> set[str]:
    found: set[str] = set()
    for path in UI.rglob("*.py"):
        found.update(c.lower() for c in re.findall(r"#[0-9a-fA-F]{6}\b", path.read_text()))
    return found


def test_dark_counterparts_stay_readable() -> None:
    colours = _colours_in_the_ui()
    assert len(colours) > 10
    for colour in colours:
        dark = theme.dark_color(colour)
        if _luminance(colour) < 0.2:  # text and accents on light backgrounds
            assert _contrast(dark, DARK_BASE) >= 4.5, (colour, dark)
        elif _luminance(colour) > 0.75:  # pale backgrounds become deep ones
            assert _luminance(dark) < 0.08, (colour, dark)
            assert _contrast(theme.DARK_ROLES[QPalette.ColorRole.Text], dark) >= 7, (colour, dark)


@pytest.fixture
def restore_app(qapp, monkeypatch: pytest.MonkeyPatch) -> Iterator[QApplication]:  # type: ignore[no-untyped-def]
    sheet, palette = qapp.styleSheet(), QPalette(qapp.palette())
    yield qapp
    inline = qapp.findChild(theme.InlineColours)
    if inline is not None:
        qapp.removeEventFilter(inline)
        inline.setParent(None)
    qapp.setProperty("netboardDarkPalette", False)
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)


def test_dark_scheme_darkens_window_style_sheet_and_inline_colours(  # type: ignore[no-untyped-def]
    qtbot, restore_app, monkeypatch
):
    app = restore_app
    label = QLabel("muted note")
    label.setStyleSheet("color:#5f6b76; background:#fff3c4;")
    qtbot.addWidget(label)
    label.show()

    monkeypatch.setenv(theme.SCHEME_ENV, "dark")
    assert theme.apply_scheme(app, STYLE_SHEET)
    assert app.palette().color(QPalette.ColorRole.Window).lightness() < 80
    assert PALETTE["card_bg"] not in app.styleSheet()
    assert theme.dark_color(PALETTE["card_bg"]) in app.styleSheet()
    assert label.styleSheet() == theme.for_dark("color:#5f6b76; background:#fff3c4;")
    label.setStyleSheet("color:#b00020;")  # a screen changes its colours while dark
    assert label.styleSheet() == f"color:{theme.dark_color('#b00020')};"

    monkeypatch.setenv(theme.SCHEME_ENV, "light")
    assert not theme.apply_scheme(app, STYLE_SHEET)
    assert app.palette().color(QPalette.ColorRole.Window).lightness() > 180
    assert label.styleSheet() == "color:#b00020;"
    assert app.styleSheet() == STYLE_SHEET


def test_the_timeline_follows_the_scheme_live(  # type: ignore[no-untyped-def]
    qtbot, restore_app, monkeypatch
):
    """The chart takes the window's colours: dark background and light ink in the dark scheme
    (with readable contrast), back to black on white (the paper look) when the desktop switches
    back, redrawn on the switch without reopening the case."""
    from datetime import date

    from matplotlib.colors import to_hex
    from matplotlib.patches import Rectangle
    from matplotlib.text import Text

    from netboard.domain.timeline import build_timeline
    from netboard.ui.views.timeline_canvas import TimelineCanvas
    from tests.factories import sample_case

    app = restore_app
    today = date(2025, 11, 20)
    canvas = TimelineCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(1200, 700)
    canvas.show()
    canvas.set_timeline(build_timeline(sample_case(1, today), today))

    def shown() -> tuple[str, set[str]]:
        """The figure's background and the colours of the text on it (not on a bar)."""
        canvas.canvas.draw()
        figure = canvas.figure
        renderer = canvas.canvas.get_renderer()
        bars = [r.get_window_extent(renderer) for r in figure.findobj(Rectangle)]
        bars = [b for b in bars if b.width < figure.bbox.width / 2]  # not the axes or bands
        inks = set()
        for t in figure.findobj(Text):
            if not (t.get_text() and t.get_visible() and t.get_text()[0].isalpha()):
                continue
            box = t.get_window_extent(renderer)
            if not any(bar.contains(*box.min) and bar.contains(*box.max) for bar in bars):
                inks.add(to_hex(t.get_color()))
        return to_hex(figure.get_facecolor()), inks

    background, inks = shown()
    assert background == "#ffffff" and "#000000" in inks

    monkeypatch.setenv(theme.SCHEME_ENV, "dark")
    theme.apply_scheme(app, STYLE_SHEET)
    qtbot.waitUntil(lambda: shown()[0] != "#ffffff", timeout=3000)
    background, inks = shown()
    assert background == DARK_BASE.lower()
    for ax in canvas.figure.axes:
        if ax.get_visible():
            assert to_hex(ax.get_facecolor()) == background
    text = theme.DARK_ROLES[QPalette.ColorRole.Text].lower()
    assert text in inks and "#000000" not in inks
    for ink in inks:  # every piece of text reads on the dark background
        assert _contrast(ink, background) >= 3.0, ink

    monkeypatch.setenv(theme.SCHEME_ENV, "light")
    theme.apply_scheme(app, STYLE_SHEET)
    qtbot.waitUntil(lambda: shown()[0] == "#ffffff", timeout=3000)
    assert "#000000" in shown()[1]
