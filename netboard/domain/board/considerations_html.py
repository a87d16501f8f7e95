"""The considerations engine's assessment of a case as HTML (no Qt): the case workspace's
Considerations tab shows it. Per option what speaks for and against, each with its source and
an 'unverified' mark where the engine flags one; decision support that explains and cites.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from netboard.domain.board.signals_text import DIRECTION_MARKS
from netboard.domain.catalog import CatalogOption
from netboard.domain.considerations import CaseAssessment, OptionAssessment, Signal
from netboard.domain.ranking import SILENT
from netboard.domain.rules.history import ReturnCandidate
from netboard.domain.wording import span_text

UNVERIFIED_TAG = (
    "<span style='background:#fde68a;color:#5c4400;font-weight:bold'>&nbsp;unverified&nbsp;</span>"
)
INTRO = (
    "Decision support: each line explains itself and cites its source. Options that fit this "
    "patient come first, by the strength of the evidence behind them; the board decides. "
    "Right-click for details (rule ids, trial criteria)."
)


def signal_html(signal: Signal, *, details: bool = False) -> str:
    """One signal as a line: direction mark and word, text, source (and unverified tag); with
    ``details`` also the rule id, the strength behind it and each trial criterion."""
    mark, word, colour = DIRECTION_MARKS.get(signal.direction, ("\u2022", "", "#333"))
    unverified = f" {UNVERIFIED_TAG}" if signal.unverified else ""
    source = escape(signal.source or "source not given")
    extra = ""
    if details:
        strength = getattr(signal, "strength", None)
        said = f"rule {escape(signal.rule_id)}"
        if strength is not None:
            said += f" \u00b7 {escape(strength.value)}"
        extra = f"<br><span style='color:#5f6b76;font-size:small'>{said}</span>"
        criteria = getattr(signal, "criteria", ())
        if criteria:
            items = "".join(f"<li>{escape(c.text)}</li>" for c in criteria)
            extra += f"<ul style='margin-left:-10px;font-size:small'>{items}</ul>"
    return (
        f"<li><span style='color:{colour};font-weight:bold'>{mark} {word}</span> "
        f"{escape(str(signal.text))}{unverified}"
        f"<br><span style='color:#5f6b76;font-size:small'>Source: {source}</span>{extra}</li>"
    )


def _signals(signals: Iterable[Signal], details: bool = False) -> str:
    items = "".join(signal_html(s, details=details) for s in signals)
    return f"<ul style='margin-left:-20px'>{items}</ul>" if items else ""


def _return_html(candidate: ReturnCandidate) -> str:
    course = candidate.course
    span = span_text(course.start_date, course.end_date, ongoing=course.end_date is None)
    response = f", best response {candidate.best_response.label}" if candidate.best_response else ""
    return (
        f"<li><b>{escape(candidate.option.name)}</b> ({escape(course.agent)}, {span}{response})"
        f"<br>{escape(candidate.reason)}</li>"
    )


def burden_html(option: CatalogOption) -> str:
    """What the option asks of the patient, one small line: route, how often, side effects and
    where it is available; facts the reference does not state carry the unverified tag."""
    burden = option.burden
    if burden is None:
        return ""

    def part(field: str, text: str) -> str:
        tag = f" {UNVERIFIED_TAG}" if burden.flagged(field) else ""
        return f"{escape(text)}{tag}"

    where = f"<b>{escape(burden.where.label.capitalize())}</b>: {escape(burden.where_note)}"
    if burden.flagged("where"):
        where += f" {UNVERIFIED_TAG}"
    return (
        "<br><span style='color:#44505c;font-size:small'>For the patient: "
        f"{part('route', burden.route)} {part('schedule', burden.schedule)} "
        f"Side effects: {part('side_effects', burden.side_effects)} {where}</span>"
    )


def _option_html(assessment: CaseAssessment, assessed: OptionAssessment, details: bool) -> str:
    option = assessed.option
    return (
        f"<p style='margin-bottom:0'><b>{assessed.rank}. {escape(option.name)}</b>"
        f" <span style='color:#5f6b76'>({escape(option.group.label.lower())})</span>"
        f"<br><span style='color:#5f6b76'><i>{escape(assessed.rank_reason)}</i></span>"
        f"{burden_html(option)}</p>" + _signals(assessment.own_signals(assessed), details)
    )


def _shared_html(assessment: CaseAssessment, details: bool) -> str:
    """Reasons said alike for several options, once, with the options they concern."""
    if not assessment.shared:
        return ""
    items = []
    for signal in assessment.shared:
        names = [a.option.label for a in assessment.options if signal in a.signals]
        line = signal_html(signal, details=details)
        concerns = escape(", ".join(names))
        items.append(line.replace("</li>", f"<br><i>For: {concerns}</i></li>", 1))
    return "<h3>Said once for several options</h3>" + (
        f"<ul style='margin-left:-20px'>{''.join(items)}</ul>"
    )


def _folded_html(folded: list[OptionAssessment]) -> str:
    dash = " \u2014 "
    lines = "".join(
        f"<li><b>{escape(a.option.name)}</b>{dash}{escape(a.rank_reason.split(dash, 1)[-1])}</li>"
        for a in folded
    )
    return (
        f"<h3>Not applicable now ({len(folded)})</h3>"
        "<p style='color:#5f6b76'>Still choosable; one reason each.</p>"
        f"<ul style='margin-left:-20px;color:#44505c'>{lines}</ul>"
    )


def assessment_html(assessment: CaseAssessment, *, details: bool = False) -> str:
    """The whole assessment as HTML: readiness, grade drift, the case, reasons said once, returns,
    then the options that apply (fit first), the silent ones in a line, those not applicable now
    folded at the end with one reason each."""
    parts = [f"<p style='color:#5f6b76'><i>{escape(INTRO)}</i></p>"]
    if assessment.readiness:
        parts.append(
            "<h3>Before the board weighs options</h3>" + _signals(assessment.readiness, details)
        )
    if assessment.drift:
        lines = "".join(
            f"<li style='color:#b00020'>\u2191 {escape(d.text)}</li>" for d in assessment.drift
        )
        parts.append(f"<h3>Grade drift</h3><ul style='margin-left:-20px'>{lines}</ul>")
    if assessment.case_signals:
        parts.append("<h3>About this case</h3>" + _signals(assessment.case_signals, details))
    if assessment.returns:
        lines = "".join(_return_html(r) for r in assessment.returns)
        parts.append(
            "<h3>Earlier options that could be revisited</h3>"
            f"<ul style='margin-left:-20px'>{lines}</ul>"
        )
    shown = [a for a in assessment.options if a.applicable and a.tier != SILENT]
    silent = [a for a in assessment.options if a.tier == SILENT]
    folded = [a for a in assessment.options if not a.applicable]
    parts.append("<h3>Options</h3>")
    parts.extend(_option_html(assessment, a, details) for a in shown)
    if silent:
        names = ", ".join(escape(a.option.name) for a in silent)
        parts.append(f"<p style='color:#5f6b76'>Nothing specific on record for: {names}.</p>")
    parts.append(_shared_html(assessment, details))
    if folded:
        parts.append(_folded_html(folded))
    return "".join(parts)
