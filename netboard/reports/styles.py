"""Paragraph and table styles as data: clinical documents, and large print for patients.

Built per document (cheap) rather than shared, so documents built in parallel threads never share
mutable style objects.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from netboard.reports.fonts import BOLD, REGULAR, register_fonts

INK = colors.HexColor("#1A1A1A")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#BBBBBB")
SHADE = colors.HexColor("#F2F2F2")
ACCENT = colors.HexColor("#0072B2")  # Okabe-Ito blue, as the charts
WARN_HEX = "#D55E00"  # Okabe-Ito vermillion: "unverified" marks, drafts
WARN = colors.HexColor(WARN_HEX)


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    bullet: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    base_size: float

    def table(self, *, header: bool = True, zebra: bool = False) -> TableStyle:
        commands: list[tuple[object, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
        if header:
            commands += [
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, INK),
            ]
        if zebra:
            commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, SHADE]))
        return TableStyle(commands)


def make_styles(base_size: float = 9.0) -> Styles:
    """Styles scaled from one body size (9 pt clinical papers; 14 pt or more for patients)."""
    register_fonts()
    lead = base_size * 1.3
    body = ParagraphStyle(
        "body",
        fontName=REGULAR,
        fontSize=base_size,
        leading=lead,
        textColor=INK,
        alignment=TA_LEFT,
        spaceAfter=base_size * 0.35,
    )
    return Styles(
        body=body,
        small=ParagraphStyle(
            "small",
            parent=body,
            fontSize=base_size * 0.85,
            leading=base_size * 1.1,
            spaceAfter=0,
        ),
        muted=ParagraphStyle(
            "muted",
            parent=body,
            fontSize=base_size * 0.85,
            leading=base_size * 1.1,
            textColor=MUTED,
            spaceAfter=0,
        ),
        h1=ParagraphStyle(
            "h1",
            parent=body,
            fontName=BOLD,
            fontSize=base_size * 1.75,
            leading=base_size * 2.1,
            spaceAfter=base_size * 0.4,
        ),
        h2=ParagraphStyle(
            "h2",
            parent=body,
            fontName=BOLD,
            fontSize=base_size * 1.35,
            leading=base_size * 1.7,
            spaceBefore=base_size * 0.6,
            spaceAfter=base_size * 0.3,
            textColor=ACCENT,
            keepWithNext=1,
        ),
        h3=ParagraphStyle(
            "h3",
            parent=body,
            fontName=BOLD,
            fontSize=base_size * 1.05,
            leading=base_size * 1.35,
            spaceBefore=base_size * 0.5,
            spaceAfter=base_size * 0.15,
            keepWithNext=1,
        ),
        bullet=ParagraphStyle(
            "bullet",
            parent=body,
            leftIndent=base_size * 1.2,
            bulletIndent=base_size * 0.3,
            spaceAfter=base_size * 0.15,
            bulletFontName=REGULAR,
            bulletFontSize=base_size,
        ),
        cell=ParagraphStyle(
            "cell",
            parent=body,
            fontSize=base_size * 0.92,
            leading=base_size * 1.15,
            spaceAfter=0,
        ),
        cell_bold=ParagraphStyle(
            "cell_bold",
            parent=body,
            fontName=BOLD,
            fontSize=base_size * 0.92,
            leading=base_size * 1.15,
            spaceAfter=0,
        ),
        base_size=base_size,
    )
