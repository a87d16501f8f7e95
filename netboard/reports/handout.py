"""The patient plan handout: one patient, one meeting, plain words, large print (14 pt body).

What it prints: what the team recommends and what that treatment is (the catalog's plain-language
text), how it is given, how often and how long, its usual side effects and where it happens (near
home or at a specialized center: netboard.reports.handout_plan), the plan as an addendum corrected
it, what happens next and when (after such a correction: not the replaced plan's steps, see
netboard.domain.board.followup.next_steps), the patient's own navigator with a phone number,
and a glossary of the words it used. What it never prints: the board's own decision text
(written for colleagues), internal notes, other patients, dissent, rationale, options the team did
not recommend.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from netboard.domain.board.followup import REPLACED_STEPS, next_steps
from netboard.domain.catalog import Catalog, load_catalog
from netboard.domain.demo_data import is_demo_patient
from netboard.domain.snapshot import CaseDiscussion, CaseSnapshot
from netboard.domain.wording import fmt_long_date, local_day
from netboard.reports.case_text import esc
from netboard.reports.document import DEFAULT_PROGRAM, Frame, Progress, write_report
from netboard.reports.glossary import terms_in
from netboard.reports.handout_plan import NO_CATALOG_PLAN, UNVERIFIED_NOTE, Plan, plan_of
from netboard.reports.parts import bullets, para
from netboard.reports.styles import Styles, make_styles

BODY_PT = 14.0


def choose_discussion(case: CaseSnapshot, meeting_id: str | None = None) -> CaseDiscussion:
    """The discussion a handout is about: that meeting's, or the latest one with a decision.

    ValueError (with a message for the user) when there is none.
    """
    who = case.patient.display_name
    if meeting_id is not None:
        for d in case.discussions:
            if d.meeting_id == meeting_id:
                if d.decision is None:
                    raise ValueError(f"{who} has no recorded decision at meeting {meeting_id}")
                return d
        raise ValueError(f"{who} was not on the agenda of meeting {meeting_id}")
    decided = [d for d in case.discussions if d.decision is not None]
    if not decided:
        raise ValueError(f"{who} has no board decision yet, so there is no plan to print")
    return max(decided, key=lambda d: (d.meeting_date or datetime.min, d.position))


def build_handout(
    case: CaseSnapshot,
    out: Path,
    *,
    meeting_id: str | None = None,
    catalog: Catalog | None = None,
    generated_at: datetime | None = None,
    program_name: str = DEFAULT_PROGRAM,
    progress: Progress | None = None,
    reproducible: bool = False,
) -> Path:
    """Write the plan handout for ``case`` after a board decision (see ``choose_discussion``)."""
    generated_at = generated_at or datetime.now().astimezone()
    catalog = catalog if catalog is not None else load_catalog()
    if progress:
        progress(0, 2)
    discussion = choose_discussion(case, meeting_id)
    styles = make_styles(BODY_PT)
    words: list[str] = []
    story = _opening(case, discussion, program_name, styles)
    story.append(Paragraph("What the team recommends", styles.h2))
    story += _plan_story(plan_of(discussion, case.patient, catalog), styles, words)
    story.append(Paragraph("What happens next", styles.h2))
    steps = _steps(discussion)
    story += bullets(steps, styles)
    words += steps
    story.append(Paragraph("Who to call", styles.h2))
    contact = _contact(case)
    story.append(para(contact, styles.body))
    words.append(contact)
    story += _glossary(words, styles)
    frame = _frame(case, program_name, generated_at, reproducible)
    return write_report(out, story, frame, progress, 2)


def _full_name(case: CaseSnapshot) -> str:
    return f"{case.patient.given_name} {case.patient.family_name}".strip()


def _opening(
    case: CaseSnapshot, discussion: CaseDiscussion, program_name: str, styles: Styles
) -> list[Flowable]:
    """Program, title, whom the plan is for and the day the board looked at it."""
    story: list[Flowable] = [
        para(program_name, styles.body),
        Paragraph("Your care plan", styles.h1),
        para(f"For {_full_name(case)}", styles.h3),
    ]
    day = local_day(discussion.meeting_date) if discussion.meeting_date else None
    if day:
        story.append(
            para(
                f"The tumor board, a meeting of specialists from several fields, looked at your "
                f"tests and history on {fmt_long_date(day)}.",
                styles.body,
            )
        )
    return story


def _glossary(words: list[str], styles: Styles) -> list[Flowable]:
    """The glossary entries of the words the handout used, on one page with their heading
    (nothing when it used none)."""
    glossary = terms_in("\n".join(words))
    if not glossary:
        return []
    # Kept whole: an entry alone at the top of the next page reads as a stray line.
    return [
        Spacer(1, BODY_PT * 0.5),
        KeepTogether(
            [
                Paragraph("Words used in this plan", styles.h2),
                *(
                    Paragraph(f"<b>{esc(t.term)}</b>: {esc(t.meaning)}", styles.body)
                    for t in glossary
                ),
            ]
        ),
    ]


def _frame(
    case: CaseSnapshot, program_name: str, generated_at: datetime, reproducible: bool
) -> Frame:
    return Frame(
        header=f"{program_name} \u00b7 care plan",
        footer=f"Personal health information for {_full_name(case)}",
        generated_at=generated_at,
        title="Your care plan",
        author=program_name,
        reproducible=reproducible,
        footer_size=9,
        demo=is_demo_patient(case.patient),
    )


def _plan_story(plan: Plan, styles: Styles, words: list[str]) -> list[Flowable]:
    """Each recommended option: name, what it is, then how, how often, side effects, where."""
    story: list[Flowable] = []
    if plan.corrected_on is not None:
        note = (
            f"This plan was updated on {fmt_long_date(plan.corrected_on)}, after the meeting; "
            "it replaces what was first agreed."
        )
        story.append(para(note, styles.body))
        words.append(note)
    if not plan.parts:
        story.append(para(NO_CATALOG_PLAN, styles.body))
    for part in plan.parts:
        block: list[Flowable] = [para(part.name, styles.h3)]
        if part.plain_language:
            block.append(para(part.plain_language, styles.body))
        block += [
            Paragraph(f"<b>{esc(label)}:</b> {esc(text)}", styles.body)
            for label, text in part.details
        ]
        story.append(KeepTogether(block))
        words += [part.name, part.plain_language, *(text for _, text in part.details)]
    if any(part.unverified for part in plan.parts):
        story.append(para(UNVERIFIED_NOTE, styles.body))
    return story


def _steps(discussion: CaseDiscussion) -> list[str]:
    """'What happens next': the review and open actions of the plan in force
    (``domain.board.followup.next_steps``; a corrected plan's replaced steps are not listed)."""
    found = next_steps(discussion)
    if found.replaced_by is not None:
        return [REPLACED_STEPS]
    steps = []
    if found.review:
        review = fmt_long_date(found.review)
        steps.append(f"The team plans to look at your care again around {review}.")
    for action in found.actions:
        when = f" (by {fmt_long_date(action.due_date)})" if action.due_date else ""
        who = f" \u2014 arranged by {action.owner}" if action.owner else ""
        steps.append(f"{action.description}{who}{when}")
    return steps or ["Your care team will contact you about the next steps."]


def _contact(case: CaseSnapshot) -> str:
    """The patient's own navigator with the phone number, else the doctor, else the team."""
    p = case.patient
    welcome = "Questions about this plan are welcome."
    place = f" at {p.home_institution}" if p.home_institution else ""
    if p.nurse_navigator:
        phone = (
            f", phone {p.navigator_phone}"
            if p.navigator_phone
            else " (the clinic can give you the direct number)"
        )
        return f"Your nurse navigator: {p.nurse_navigator}{phone}. {welcome}"
    if p.treating_physician:
        return f"Your doctor: {p.treating_physician}{place}. {welcome}"
    return f"Your care team{place}. {welcome}"
