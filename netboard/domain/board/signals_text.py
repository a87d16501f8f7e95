"""Signals of the considerations engine as short text and HTML (no Qt; screen and slides)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from html import escape
from typing import Any

from netboard.domain.vocab import SignalDirection

DIRECTION_MARKS = {
    SignalDirection.SUPPORTS: ("\u2714", "for", "#1b6e3a"),
    SignalDirection.AGAINST: ("\u2716", "against", "#b00020"),
    SignalDirection.CAUTION: ("\u26a0", "caution", "#8a5300"),
    SignalDirection.INFORMATION: ("\u2139", "note", "#3b5a7a"),
}


def signal_counts(signals: Sequence[Any]) -> str:
    """'2 for · 1 against · 1 caution' (directions in a fixed order)."""
    counts = Counter(s.direction for s in signals)
    parts = [
        f"{DIRECTION_MARKS[d][0]} {counts[d]} {DIRECTION_MARKS[d][1]}"
        for d in DIRECTION_MARKS
        if counts[d]
    ]
    return "   ".join(parts) or "No specific signals for this case"


def signals_html(signals: Sequence[Any]) -> str:
    """Signals as an HTML list with direction, text, source and the unverified flag."""
    lines = []
    for s in signals:
        mark, word, colour = DIRECTION_MARKS.get(s.direction, ("\u2022", "", "#333"))
        flag = (
            " <span style='background:#fde68a;color:#5c4400'><b>&nbsp;unverified&nbsp;</b></span>"
            if getattr(s, "unverified", False)
            else ""
        )
        lines.append(
            f"<li><span style='color:{colour}'><b>{mark} {word}</b></span> {escape(s.text)}"
            f"{flag}<br><span style='color:#5f6b76'>Source: "
            f"{escape(s.source or 'not given')}</span></li>"
        )
    return f"<ul style='margin:0 0 0 -24px'>{''.join(lines)}</ul>" if lines else ""
