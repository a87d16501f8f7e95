"""What became of the options weighed at earlier meetings, and how to bring one back (no Qt).

A board may return to an earlier option when a therapy stops working. This module lists, for the
case under discussion, every option considered at an earlier meeting with its fate (chosen and how
it went, deferred, not now, alternative) and every earlier therapy course, and builds the values
of a new OptionConsidered that revisits one of them so today's discussion carries its history.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from netboard.domain.board.courses import course_from
from netboard.domain.snapshot import (
    CaseDiscussion,
    CaseSnapshot,
    OptionConsidered,
    TherapyCourse,
)
from netboard.domain.vocab import Stance
from netboard.domain.wording import course_outcome, course_span, fmt_date, local_day

Namer = Callable[[str], str]
"""Catalog option id → display name."""


@dataclass(frozen=True, slots=True)
class EarlierOption:
    """An option weighed at an earlier meeting and what became of it."""

    option: OptionConsidered
    discussion: CaseDiscussion
    fate: str
    """'Chosen', 'Continued', 'Recommended', 'Deferred', 'Not now' or 'Alternative'."""
    outcome: str
    """One line on how it went (the course it led to, or the rationale it was put aside for)."""
    course: TherapyCourse | None
    brought_back: bool
    """Already revisited in the current discussion."""

    @property
    def can_return(self) -> bool:
        return not self.brought_back


@dataclass(frozen=True, slots=True)
class EarlierCourse:
    """A therapy course the board might return to."""

    course: TherapyCourse
    summary: str
    brought_back: bool


def course_summary(course: TherapyCourse, today: date) -> str:
    """'05 Jan 2021 to 02 Feb 2022 (13 months), 4 cycles, best PR, progression,
    worst toxicity diarrhoea G3' (``wording``'s course words, as on the slide and the PDF)."""
    facts = course_outcome(course)
    if course.toxicities:
        worst = max(course.toxicities, key=lambda t: t.grade)
        facts.append(f"worst toxicity {worst.term} G{worst.grade}")
    text = course_span(course, today) + "".join(f", {fact}" for fact in facts)
    return text[0].upper() + text[1:]


def _as_of(current: CaseDiscussion) -> date:
    """The day the current board looks back from (its meeting's day)."""
    return local_day(current.meeting_date) if current.meeting_date else date.today()


def earlier_discussions(case: CaseSnapshot, current: CaseDiscussion) -> list[CaseDiscussion]:
    """Discussions of this patient before the current one, newest first."""
    ref = current.meeting_date or datetime.max.replace(tzinfo=None)
    found = []
    for disc in case.discussions:
        if disc.id == current.id:
            continue
        when = disc.meeting_date
        if when is None or _comparable(when) <= _comparable(ref):
            found.append(disc)
    found.sort(key=lambda d: _comparable(d.meeting_date) if d.meeting_date else datetime.min)
    return list(reversed(found))


def _comparable(value: datetime) -> datetime:
    return value.replace(tzinfo=None) if value.tzinfo else value


def _fate(
    case: CaseSnapshot, disc: CaseDiscussion, opt: OptionConsidered, as_of: date
) -> tuple[str, str, TherapyCourse | None]:
    reason = f" — {opt.rationale}" if opt.rationale else ""
    if opt.stance == Stance.RECOMMENDED:
        decision_id = disc.decision.id if disc.decision else None
        day = local_day(disc.meeting_date) if disc.meeting_date else None
        followed = course_from(decision_id, opt.option_id, case.therapies, day)
        if followed is not None:
            fate = "Continued" if followed.continued else "Chosen"
            return fate, course_summary(followed.course, as_of), followed.course
        return "Recommended", "No therapy course recorded" + reason, None
    if opt.stance == Stance.LATER:
        return "Deferred", "Kept for later" + reason, None
    if opt.stance == Stance.NOT_NOW:
        return "Not now", "Put aside" + reason, None
    return "Alternative", "Weighed as an alternative" + reason, None


def earlier_options(case: CaseSnapshot, current: CaseDiscussion) -> list[EarlierOption]:
    """Options considered at earlier meetings, newest meeting first, with their fate."""
    revisited = {o.revisits_option_id for o in current.options if o.revisits_option_id}
    found = []
    as_of = _as_of(current)
    for disc in earlier_discussions(case, current):
        for opt in disc.options:
            fate, outcome, course = _fate(case, disc, opt, as_of)
            found.append(EarlierOption(opt, disc, fate, outcome, course, opt.id in revisited))
    return found


def earlier_courses(case: CaseSnapshot, current: CaseDiscussion) -> list[EarlierCourse]:
    """Therapy courses of this patient, newest first, marked when already brought back."""
    revisited = {o.revisits_course_id for o in current.options if o.revisits_course_id}
    courses = sorted(case.therapies, key=lambda c: c.start_date, reverse=True)
    as_of = _as_of(current)
    return [EarlierCourse(c, course_summary(c, as_of), c.id in revisited) for c in courses]


def revisit_option_values(
    entry: EarlierOption, discussion_id: str, name: Namer
) -> dict[str, object]:
    """Values for a new OptionConsidered bringing an earlier option into today's discussion."""
    when = fmt_date(entry.discussion.meeting_date)
    history = (
        f"Revisits {name(entry.option.option_id)} from the board of {when} "
        f"({entry.fate.lower()}: {entry.outcome})."
    )
    if entry.option.details:
        history += f" Earlier details: {entry.option.details}"
    return {
        "discussion_id": discussion_id,
        "option_id": entry.option.option_id,
        "details": history,
        "stance": Stance.ALTERNATIVE,
        "rationale": "",
        "revisits_option_id": entry.option.id,
    }


def revisit_course_values(
    entry: EarlierCourse, discussion_id: str, name: Namer
) -> dict[str, object]:
    """Values for a new OptionConsidered that returns to an earlier therapy course."""
    history = f"Return to {entry.course.agent} ({name(entry.course.option_id)}): {entry.summary}."
    return {
        "discussion_id": discussion_id,
        "option_id": entry.course.option_id,
        "details": history,
        "stance": Stance.ALTERNATIVE,
        "rationale": "",
        "revisits_course_id": entry.course.id,
    }
