"""How the slides look: colours, the style sheet for a type scale, the options as a table."""

from __future__ import annotations

from html import escape

from netboard.domain.board.option_entries import STANCE_COLOURS
from netboard.domain.board.presentation_layout import TypeScale
from netboard.domain.board.slide import Slide

BACKGROUND = "#ffffff"
INK = "#111111"
MUTED = "#4b5563"


def style_sheet(scale: TypeScale) -> str:
    """Font sizes in pixels from the screen's type scale; high contrast on white."""
    px = {
        "slideHeading": (scale.heading, "bold", INK),
        "slidePosition": (scale.body, "normal", MUTED),
        "slideTimer": (scale.timer, "bold", "#0b5cad"),
        "privacyBadge": (scale.small, "bold", "#1e4d27"),
        "slideSubheading": (scale.body, "normal", MUTED),
        "slideQuestion": (scale.question, "bold", INK),
        "slideOptions": (scale.body, "normal", INK),
        "slideRecommendation": (scale.body, "bold", "#1b6e3a"),
        "slideFooter": (scale.small, "normal", MUTED),
    }
    rules = [f"QWidget#presentationWindow {{ background:{BACKGROUND}; }}"]
    for name, (size, weight, colour) in px.items():
        rules.append(
            f"QLabel#{name} {{ font-size:{size}px; font-weight:{weight}; color:{colour}; }}"
        )
    rules.append(
        f"QLabel#slideQuestion {{ background:#f1f5f9; border:1px solid #cbd5e1; "
        f"border-radius:6px; padding:{scale.small // 2}px {scale.small}px; }}"
    )
    rules.append(f'QLabel[role="factName"] {{ font-size:{scale.small}px; color:{MUTED}; }}')
    rules.append(f'QLabel[role="factValue"] {{ font-size:{scale.body}px; color:{INK}; }}')
    return "\n".join(rules)


def options_html(slide: Slide) -> str:
    if not slide.options:
        return "<i>No options recorded yet.</i>"
    rows = []
    for opt in slide.options:
        if opt.stance is None:
            chip = f"<span style='color:{MUTED}'>under consideration</span>"
        else:
            colour = STANCE_COLOURS[opt.stance]
            chip = f"<span style='color:{colour}'><b>{escape(opt.stance.label)}</b></span>"
        text = f" — {escape(opt.text)}" if opt.text else ""
        rows.append(
            f"<tr><td style='padding-right:18px'>{chip}</td>"
            f"<td><b>{escape(opt.name)}</b>{text}</td></tr>"
        )
    return "<table cellspacing='2'>" + "".join(rows) + "</table>"
