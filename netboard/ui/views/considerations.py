"""The considerations for a case, as a readable list: per option, what speaks for and against,
each with its source, and an 'unverified' mark where the engine flags one.

This is decision support: the text explains and cites; the ranking orders the list, it does not
choose. The heading says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

from PySide6.QtWidgets import QTextBrowser, QWidget

from netboard.domain.vocab import SignalDirection

DIRECTION_MARK = {
    SignalDirection.SUPPORTS: ("\u2714", "for", "#1b6e3a"),
    SignalDirection.AGAINST: ("\u2716", "against", "#b00020"),
    SignalDirection.CAUTION: ("\u26a0", "caution", "#8a5300"),
    SignalDirection.INFORMATION: ("\u2139", "note", "#3b5a7a"),
}
UNVERIFIED_TAG = (
    "<span style='background:#fde68a;color:#5c4400;font-weight:bold'>&nbsp;unverified&nbsp;</span>"
)
INTRO = (
    "Decision support: each line explains itself and cites its source. The order follows the "
    "signals below; the board decides."
)


def signal_html(signal: Any) -> str:
    """One signal as a line: direction mark and word, text, source (and unverified tag)."""
    mark, word, colour = DIRECTION_MARK.get(signal.direction, ("\u2022", "", "#333"))
    blocking = " <b>(weighs heavily)</b>" if getattr(signal, "blocking", False) else ""
    unverified = f" {UNVERIFIED_TAG}" if getattr(signal, "unverified", False) else ""
    source = escape(str(getattr(signal, "source", "") or "source not given"))
    return (
        f"<li><span style='color:{colour};font-weight:bold'>{mark} {word}</span> "
        f"{escape(str(signal.text))}{blocking}{unverified}"
        f"<br><span style='color:#5f6b76;font-size:small'>Source: {source}</span></li>"
    )


def _signals(signals: Iterable[Any]) -> str:
    items = "".join(signal_html(s) for s in signals)
    return f"<ul style='margin-left:-20px'>{items}</ul>" if items else ""


def _text_of(item: Any) -> str:
    for name in ("text", "reason", "summary"):
        value = getattr(item, name, None)
        if isinstance(value, str) and value:
            return value
    return str(item)


def assessment_html(assessment: Any) -> str:
    """The whole assessment as HTML (readiness, case signals, grade drift, returns, options)."""
    parts = [f"<p style='color:#5f6b76'><i>{escape(INTRO)}</i></p>"]
    readiness = tuple(getattr(assessment, "readiness", ()))
    if readiness:
        parts.append("<h3>Before the board weighs options</h3>" + _signals(readiness))
    drift = tuple(getattr(assessment, "drift", ()))
    if drift:
        lines = "".join(
            f"<li style='color:#b00020'>\u2191 {escape(_text_of(d))}</li>" for d in drift
        )
        parts.append(f"<h3>Grade drift</h3><ul style='margin-left:-20px'>{lines}</ul>")
    case_signals = tuple(getattr(assessment, "case_signals", ()))
    if case_signals:
        parts.append("<h3>About this case</h3>" + _signals(case_signals))
    returns = tuple(getattr(assessment, "returns", ()))
    if returns:
        lines = "".join(f"<li>{escape(_text_of(r))}</li>" for r in returns)
        parts.append(
            f"<h3>Earlier options that could be revisited</h3><ul style='margin-left:-20px'>"
            f"{lines}</ul>"
        )
    options = tuple(getattr(assessment, "options", ()))
    if options:
        parts.append("<h3>Options</h3>")
        for assessed in options:
            option = assessed.option
            flag = f" {UNVERIFIED_TAG}" if getattr(option, "unverified", False) else ""
            group = escape(option.group.label) if getattr(option, "group", None) else ""
            parts.append(
                f"<p style='margin-bottom:0'><b>{assessed.rank}. {escape(option.name)}</b>"
                f" <span style='color:#5f6b76'>({group})</span>{flag}</p>"
                + (_signals(assessed.signals) or "<p style='color:#5f6b76'>No signals.</p>")
            )
    else:
        parts.append("<p>No options in the catalog apply.</p>")
    return "".join(parts)


class ConsiderationsView(QTextBrowser):
    """A read-only rich-text view of the engine's assessment of the open case."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("considerations")
        self.setOpenLinks(False)
        self.assessment: Any = None

    def set_assessment(self, assessment: Any) -> None:
        self.assessment = assessment
        self.setHtml(assessment_html(assessment))

    def show_error(self, message: str) -> None:
        self.assessment = None
        self.setHtml(f"<p style='color:#b00020'>{escape(message)}</p>")
