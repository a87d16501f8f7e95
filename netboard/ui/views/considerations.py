"""The considerations for a case, as a readable list: per option, what speaks for and against,
each with its source, and an 'unverified' mark where the engine flags one.

This is decision support: the text explains and cites; the ranking orders the list, it does not
choose. The heading says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from netboard.domain.considerations import CaseAssessment, OptionAssessment, Signal
from netboard.domain.rules.history import ReturnCandidate
from netboard.domain.vocab import SignalDirection
from netboard.ui.format import fmt_date

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


def signal_html(signal: Signal) -> str:
    """One signal as a line: direction mark and word, text, source (and unverified tag)."""
    mark, word, colour = DIRECTION_MARK.get(signal.direction, ("\u2022", "", "#333"))
    blocking = " <b>(weighs heavily)</b>" if signal.blocking else ""
    unverified = f" {UNVERIFIED_TAG}" if signal.unverified else ""
    source = escape(signal.source or "source not given")
    return (
        f"<li><span style='color:{colour};font-weight:bold'>{mark} {word}</span> "
        f"{escape(str(signal.text))}{blocking}{unverified}"
        f"<br><span style='color:#5f6b76;font-size:small'>Source: {source}</span></li>"
    )


def _signals(signals: Iterable[Signal]) -> str:
    items = "".join(signal_html(s) for s in signals)
    return f"<ul style='margin-left:-20px'>{items}</ul>" if items else ""


def _return_html(candidate: ReturnCandidate) -> str:
    course = candidate.course
    span = fmt_date(course.start_date)
    span += f" \u2013 {fmt_date(course.end_date)}" if course.end_date else " (ongoing)"
    response = f", best response {candidate.best_response.label}" if candidate.best_response else ""
    return (
        f"<li><b>{escape(candidate.option.name)}</b> ({escape(course.agent)}, {span}{response})"
        f"<br>{escape(candidate.reason)}</li>"
    )


def _option_html(assessed: OptionAssessment) -> str:
    option = assessed.option
    flag = f" {UNVERIFIED_TAG}" if option.unverified else ""
    reason = (
        f"<br><span style='color:#5f6b76'>{escape(assessed.rank_reason)}</span>"
        if assessed.rank_reason
        else ""
    )
    return (
        f"<p style='margin-bottom:0'><b>{assessed.rank}. {escape(option.name)}</b>"
        f" <span style='color:#5f6b76'>({escape(option.group.label.lower())})</span>{flag}"
        f"{reason}</p>" + _signals(assessed.signals)
    )


def assessment_html(assessment: CaseAssessment) -> str:
    """The whole assessment as HTML (readiness, grade drift, case signals, returns, options)."""
    parts = [f"<p style='color:#5f6b76'><i>{escape(INTRO)}</i></p>"]
    if assessment.readiness:
        parts.append("<h3>Before the board weighs options</h3>" + _signals(assessment.readiness))
    if assessment.drift:
        lines = "".join(
            f"<li style='color:#b00020'>\u2191 {escape(d.text)}</li>" for d in assessment.drift
        )
        parts.append(f"<h3>Grade drift</h3><ul style='margin-left:-20px'>{lines}</ul>")
    if assessment.case_signals:
        parts.append("<h3>About this case</h3>" + _signals(assessment.case_signals))
    if assessment.returns:
        lines = "".join(_return_html(r) for r in assessment.returns)
        parts.append(
            "<h3>Earlier options that could be revisited</h3>"
            f"<ul style='margin-left:-20px'>{lines}</ul>"
        )
    with_signals = [a for a in assessment.options if a.signals]
    quiet = [a for a in assessment.options if not a.signals]
    parts.append("<h3>Options</h3>")
    parts.extend(_option_html(a) for a in with_signals)
    if quiet:
        names = ", ".join(escape(a.option.name) for a in quiet)
        parts.append(
            f"<p style='color:#5f6b76'>Also in the catalog, with no signal for this case: "
            f"{names}.</p>"
        )
    return "".join(parts)


class ConsiderationsView(QTextBrowser):
    """A read-only rich-text view of the engine's assessment of the open case."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("considerations")
        self.setOpenLinks(False)
        self.assessment: CaseAssessment | None = None

    def set_assessment(self, assessment: CaseAssessment) -> None:
        self.assessment = assessment
        self.setHtml(assessment_html(assessment))

    def show_error(self, message: str) -> None:
        self.assessment = None
        self.setHtml(f"<p style='color:#b00020'>{escape(message)}</p>")
