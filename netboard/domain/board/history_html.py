"""A case's board history as HTML (no Qt): every earlier discussion, newest first, with the
options weighed (stance and rationale), what was decided, actions and addenda; courses that came
from a decision link back to it (``course:<id>``) and the decision links to them."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from netboard.domain.board.followup import status_text
from netboard.domain.board.option_entries import STANCE_COLOURS
from netboard.domain.record_columns import option_name
from netboard.domain.snapshot import (
    ActionItem,
    CaseDiscussion,
    CaseSnapshot,
    Decision,
    OptionConsidered,
    TherapyCourse,
)
from netboard.domain.wording import fmt_date

if TYPE_CHECKING:
    from netboard.domain.catalog import Catalog



def discussion_anchor(discussion_id: str) -> str:
    return f"discussion-{discussion_id}"


def history_html(case: CaseSnapshot, catalog: Catalog) -> str:
    if not case.discussions:
        return (
            "<p>This case has not been discussed at a board yet. Add it to a meeting's agenda "
            "from the Meetings tab.</p>"
        )
    courses_by_decision: dict[str, list[TherapyCourse]] = {}
    for course in case.therapies:
        if course.decision_id:
            courses_by_decision.setdefault(course.decision_id, []).append(course)
    blocks = [
        _discussion_html(d, catalog, courses_by_decision)
        for d in sorted(case.discussions, key=_when, reverse=True)
    ]
    return "<hr>".join(blocks)


def _when(discussion: CaseDiscussion) -> str:
    return discussion.meeting_date.isoformat() if discussion.meeting_date else ""


def _discussion_html(
    d: CaseDiscussion, catalog: Catalog, courses_by_decision: dict[str, list[TherapyCourse]]
) -> str:
    when = fmt_date(d.meeting_date.date()) if d.meeting_date else "date not set"
    title = escape(d.meeting_title or "Tumor board")
    parts = [
        f"<a name='{discussion_anchor(d.id)}'></a>"
        f"<h3 style='margin-bottom:2px'>{when} \u2014 <a href='meeting:{d.meeting_id}'>{title}</a>"
        f" <span style='color:#5f6b76;font-weight:normal'>({escape(d.meeting_status.label)}; "
        f"{escape(d.status.label.lower())}, {escape(d.timing.label.lower())})</span></h3>"
    ]
    if d.question:
        parts.append(f"<p><b>Question:</b> {escape(d.question)}</p>")
    facts = _facts(d)
    if facts:
        parts.append(f"<p style='color:#5f6b76'>{'; '.join(facts)}</p>")
    if d.patient_preferences:
        parts.append(f"<p><b>Patient preferences:</b> {escape(d.patient_preferences)}</p>")
    if d.options:
        rows = "".join(_option_html(option, catalog) for option in d.options)
        parts.append(f"<p style='margin-bottom:0'><b>Options weighed</b></p><ul>{rows}</ul>")
    if d.decision is not None:
        parts.append(_decision_html(d.decision, courses_by_decision.get(d.decision.id, [])))
    elif d.status.value == "deferred":
        parts.append("<p><b>Deferred</b> \u2014 no decision recorded.</p>")
    if d.actions:
        items = "".join(_action_html(a) for a in d.actions)
        parts.append(f"<p style='margin-bottom:0'><b>Actions</b></p><ul>{items}</ul>")
    for addendum in d.addenda:
        parts.append(
            f"<p style='background:#fff7e0'><b>Addendum</b> by {escape(addendum.author)}, "
            f"{fmt_date(addendum.created_at.date())}: {escape(addendum.text)}</p>"
        )
    return "".join(parts)


def _facts(d: CaseDiscussion) -> list[str]:
    """Presenter, stage, guideline and trial eligibility, as far as recorded."""
    facts = []
    if d.presenter:
        facts.append(f"presented by {escape(d.presenter)}")
    if d.stage_discussed:
        facts.append(f"stage discussed: {escape(d.stage_discussed)}")
    if d.guideline_cited:
        facts.append(f"guideline: {escape(d.guideline_cited)}")
    if d.trial_eligibility_discussed:
        facts.append("trial eligibility discussed")
    return facts


def _option_html(option: OptionConsidered, catalog: Catalog) -> str:
    colour = STANCE_COLOURS.get(option.stance, "#333")
    revisit = (
        " (returns to an earlier option)"
        if (option.revisits_option_id or option.revisits_course_id)
        else ""
    )
    details = f" \u2014 {escape(option.details)}" if option.details else ""
    rationale = (
        f"<br><span style='color:#5f6b76'>{escape(option.rationale)}</span>"
        if option.rationale
        else ""
    )
    return (
        f"<li><span style='color:{colour};font-weight:bold'>"
        f"{escape(option.stance.label)}</span>: "
        f"{escape(option_name(catalog, option.option_id))}"
        f"{details}{revisit}{rationale}</li>"
    )


def _decision_html(decision: Decision, courses: list[TherapyCourse]) -> str:
    """The decision, its dissent and follow-up, and the courses started from it."""
    agreement = (decision.agreement.label.lower() if decision.agreement is not None
                 else "agreement not recorded")
    text = f"<p><b>Decided ({agreement}):</b> {escape(decision.recommendation or '(no text)')}"
    if decision.dissent_note:
        text += f"<br><i>Dissent: {escape(decision.dissent_note)}</i>"
    follow = []
    if decision.follow_up_weeks:
        follow.append(f"follow-up in {decision.follow_up_weeks} weeks")
    if decision.next_review:
        follow.append(f"next review {fmt_date(decision.next_review)}")
    if follow:
        text += "<br>" + "; ".join(follow)
    text += "</p>"
    if courses:
        links = "".join(
            f"<li><a href='course:{c.id}'>{escape(c.agent)}</a> from "
            f"{fmt_date(c.start_date)}{' (ongoing)' if c.ongoing else ''}</li>"
            for c in courses
        )
        text += (
            f"<p style='margin-bottom:0'>Courses started from this decision:</p><ul>{links}</ul>"
        )
    return text


def _action_html(action: ActionItem) -> str:
    box = "\u2611" if action.done else "\u2610"
    owner = f" \u2014 {escape(action.owner)}" if action.owner else ""
    due = f", due {fmt_date(action.due_date)}" if action.due_date else ""
    closed = f" ({escape(status_text(action))})" if action.done else ""
    return f"<li>{box} {escape(action.description)}{owner}{due}{closed}</li>"
