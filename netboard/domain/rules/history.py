"""This patient's own therapy history, per option: ongoing, planned, progressed, toxic, returnable.

A return candidate is an ended, repeatable course that either

- controlled disease: best response CR, PR or SD, not stopped for progression, toxicity or death,
  and no progression recorded while it ran or within 6 months after it ended (a progression that
  soon after is read as the disease escaping the therapy, not as control; a course that ended less
  than 6 months ago counts on what is recorded so far); or
- is a PRRT course followed by at least 18 months without progression.

A PRRT course is offered only the second way, and always as PRRT retreatment
(``prrt_retreatment``: two cycles after a first PFS of at least 18 months, van der Zwan 2019), never
as a plain second PRRT; a shorter interval is not the situation retreatment was studied in. One-time
procedures (catalog ``repeatable = false``) and options already ongoing are not offered again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from netboard.domain.catalog import CatalogOption
from netboard.domain.rules import sources as src
from netboard.domain.rules.base import (
    AGAINST,
    CAUTION,
    INFORMATION,
    SUPPORTS,
    Finding,
    Kind,
    Strength,
    rule,
)
from netboard.domain.rules.dates import add_months, day
from netboard.domain.rules.facts import CONTROL, PRRT_IDS, CaseFacts
from netboard.domain.rules.nuclear import RETREATMENT, prrt_pfs
from netboard.domain.rules.texts import course_text
from netboard.domain.snapshot import TherapyCourse
from netboard.domain.vocab import ReasonEnded, Response

SEVERE_TOXICITY = 3
CONTROL_WINDOW_MONTHS = 6
NOT_RETURNABLE = frozenset({ReasonEnded.PROGRESSION, ReasonEnded.TOXICITY, ReasonEnded.DEATH})


@dataclass(frozen=True, slots=True)
class ReturnCandidate:
    """An earlier course the board may return to, with why it qualifies."""

    course: TherapyCourse
    option: CatalogOption
    reason: str
    best_response: Response | None

    @property
    def text(self) -> str:
        return self.reason


def return_candidates(facts: CaseFacts) -> tuple[ReturnCandidate, ...]:
    """Every earlier course that qualifies as a return (see the module docstring), oldest first."""
    ongoing_options = {facts.option_id(c) for c in facts.ongoing}
    found: list[ReturnCandidate] = []
    for course in facts.courses:
        if facts.is_ongoing(course):
            continue
        option_id = facts.option_id(course)
        option = facts.catalog.find(option_id)
        if option is None or not option.repeatable:
            continue
        reasons: list[str] = []
        if controlled_disease(facts, course):
            ended = course.reason_ended.label.lower() if course.reason_ended else "not recorded"
            assert course.best_response is not None
            reasons.append(f"best response {course.best_response.label}, ended: {ended}")
        if option_id in PRRT_IDS:
            follow_up = prrt_pfs(facts, course)
            if follow_up is None or not follow_up.durable:
                continue
            reasons.append(f"{follow_up.text}, at least 18 months")
            option = facts.catalog.find(RETREATMENT) or option
        if not reasons or option.id in ongoing_options:
            continue
        reason = f"{course_text(facts, course)}: " + "; ".join(reasons)
        found.append(ReturnCandidate(course, option, reason, course.best_response))
    return tuple(found)


def controlled_disease(facts: CaseFacts, course: TherapyCourse) -> bool:
    """CR/PR/SD, not ended for progression, toxicity or death, and no progression while it ran
    or within 6 months after it ended (see the module docstring)."""
    if course.best_response not in CONTROL or course.reason_ended in NOT_RETURNABLE:
        return False
    if facts.progression_during(course) is not None or course.end_date is None:
        return False
    soon = facts.progression_after(course.end_date)
    return soon is None or soon.date > add_months(course.end_date, CONTROL_WINDOW_MONTHS)


@rule("returns.earlier_course", source=src.RETURNS, strength=Strength.SERIES)
def returns(facts: CaseFacts) -> Sequence[Finding]:
    """An earlier course that controlled disease is a candidate to return to."""
    found: list[Finding] = []
    for candidate in return_candidates(facts):
        severe = [t for t in candidate.course.toxicities if t.grade >= SEVERE_TOXICITY]
        text = f"Return candidate: {candidate.reason}"
        found.append(Finding(SUPPORTS, text, options=(candidate.option.id,)))
        if severe and candidate.option.id != facts.option_id(candidate.course):
            terms = ", ".join(f"{t.term} grade {t.grade}" for t in severe)
            found.append(
                Finding(
                    CAUTION,
                    f"Severe toxicity on that course: {terms}",
                    options=(candidate.option.id,),
                    source=src.CTCAE,
                )
            )
    return tuple(found)


@rule("history.current", source=src.HISTORY, kind=Kind.INFORMATION)
def current(facts: CaseFacts) -> Sequence[Finding]:
    """Ongoing and planned courses of an option."""
    found: list[Finding] = []
    for course in facts.ongoing:
        response = f", best response {course.best_response.label}" if course.best_response else ""
        text = f"Ongoing: {course_text(facts, course)}{response}"
        found.append(Finding(INFORMATION, text, options=(facts.option_id(course),)))
    for course in facts.planned:
        text = f"Planned from {day(course.start_date)}: {facts.name_of(course)}"
        found.append(Finding(INFORMATION, text, options=(facts.option_id(course),)))
    return tuple(found)


@rule("history.progression", source=src.HISTORY, strength=Strength.RECORD)
def progression(facts: CaseFacts) -> Sequence[Finding]:
    """Progression during an earlier or ongoing course of the same option."""
    found: list[Finding] = []
    for course in facts.courses:
        event = facts.progression_during(course)
        if event is None:
            continue
        text = f"Progression on {course_text(facts, course)}: {event.text}"
        found.append(Finding(AGAINST, text, options=(facts.option_id(course),)))
    return tuple(found)


@rule("history.toxicity", source=src.CTCAE, strength=Strength.RECORD)
def toxicity(facts: CaseFacts) -> Sequence[Finding]:
    """An earlier course stopped for toxicity, or with grade 3+ toxicity."""
    found: list[Finding] = []
    for course in facts.courses:
        severe = [t for t in course.toxicities if t.grade >= SEVERE_TOXICITY]
        terms = ", ".join(f"{t.term} grade {t.grade}" for t in severe)
        option = (facts.option_id(course),)
        if course.reason_ended == ReasonEnded.TOXICITY and not facts.is_ongoing(course):
            detail = f" ({terms})" if terms else ""
            text = f"Stopped for toxicity: {course_text(facts, course)}{detail}"
            found.append(Finding(AGAINST, text, options=option))
        elif severe:
            text = f"Severe toxicity on {course_text(facts, course)}: {terms}"
            found.append(Finding(CAUTION, text, options=option))
    return tuple(found)


RULES = (current, progression, toxicity, returns)
