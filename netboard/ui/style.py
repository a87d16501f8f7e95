"""The look: one style sheet and the base font (legible at 1920x1080 from across a room)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

SCRIPT_FONTS = ("DroidSansFallbackFull.ttf", "NanumGothic.ttf")
"""Shipped fonts for Chinese, Japanese and Korean (the reports use the same files)."""

BASE_POINT_SIZE = 11

PALETTE = {
    "banner_bg": "#fff3c4",
    "banner_fg": "#5c4400",
    "accent": "#0b5cad",
    "muted": "#5f6b76",
    "warn": "#9a3412",
    "card_bg": "#f6f8fa",
    "card_border": "#d0d7de",
}

STYLE_SHEET = f"""
QLabel#demoBanner {{
    background: {PALETTE["banner_bg"]}; color: {PALETTE["banner_fg"]};
    font-weight: bold; padding: 6px; border-bottom: 1px solid #e0c060;
}}
QFrame#overviewCard, QFrame#considerationsCard {{
    background: {PALETTE["card_bg"]}; border: 1px solid {PALETTE["card_border"]};
    border-radius: 6px;
}}
QLabel#caseHeading {{ font-size: 17pt; font-weight: bold; }}
QLabel#caseSubheading {{ color: {PALETTE["muted"]}; }}
QLabel.fieldName {{ color: {PALETTE["muted"]}; }}
QLabel[role="fieldName"] {{ color: {PALETTE["muted"]}; }}
QLabel[role="fieldError"] {{ color: #b00020; }}
QLabel[role="sectionTitle"] {{ font-weight: bold; font-size: 12pt; }}
QTableView {{ gridline-color: #e1e4e8; }}
QHeaderView::section {{ padding: 4px 6px; font-weight: bold; }}
QTabBar::tab {{ padding: 6px 14px; }}
QLineEdit[readOnly="true"], QPlainTextEdit[readOnly="true"], QTextEdit[readOnly="true"] {{
    background: palette(window);
}}
"""


def base_font() -> QFont:
    font = QFont()
    font.setPointSize(BASE_POINT_SIZE)
    return font


def add_script_fonts(base_family: str) -> list[str]:
    """Let ``base_family`` fall back to the shipped CJK fonts (a desktop without them shows
    empty boxes for such names otherwise); returns the families added."""
    from netboard.resources import resource_file

    families: list[str] = []
    for filename in SCRIPT_FONTS:
        with resource_file("fonts", filename) as path:
            font_id = QFontDatabase.addApplicationFont(str(path))
        families += QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    known = set(QFont.substitutes(base_family))
    QFont.insertSubstitutions(base_family, [f for f in families if f not in known])
    return families
