"""The board's side of the demo: the meeting calendar, attendance, and each case's discussions.

Past meetings are held every two weeks (a holiday break skipped) for two years before ``today``
and are all finalized; one planned meeting follows a few days after ``today``. A discussion that
comes just before a therapy course records the decision that led to it (the course's
``decision_id``); other discussions are restaging reviews. An option kept for ``later`` at one
meeting is linked when a later meeting takes it up (``revisits_option_id``).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from random import Random
from typing import Any

from netboard.demo import wording as w
from netboard.demo.case import Case, Course, IdSource, randint
from netboard.demo.questions import (
    active_course,
    cap,
    decision_question,
    had_prrt_before,
    option_name,
    rationale,
)
from netboard.demo.therapy import ADJUNCT_IDS, OPTIONS, SSA_IDS
from netboard.domain.vocab import (
    CORE_DISCIPLINES,
    Agreement,
    CaseTiming,
    Discipline,
    DiscussionStatus,
    FunctionalSyndrome,
    MeetingStatus,
    Stance,
    Triage,
)

Row = dict[str, Any]
MEETING_TIME = time(15, 30, tzinfo=UTC)
MIN_AGENDA, MAX_AGENDA = 8, 15
EXTRA_ATTENDANCE = (
    (Discipline.NUCLEAR_MEDICINE, 0.95), (Discipline.INTERVENTIONAL_RADIOLOGY, 0.8),
    (Discipline.GASTROENTEROLOGY, 0.6), (Discipline.ENDOCRINOLOGY, 0.6),
    (Discipline.GENETICS, 0.2), (Discipline.NURSE_NAVIGATOR, 0.95),
)


@dataclass(slots=True)
class Slot:
    """One meeting and how many agenda places it has left."""

    meeting_id: str
    day: date
    starts_at: datetime
    capacity: int
    used: int = 0


@dataclass(slots=True)
class Calendar:
    past: list[Slot]
    upcoming: Slot
    staff: dict[Discipline, tuple[str, ...]]
    rows: dict[str, list[Row]]

    past_days: list[int]
    """Ordinals of the past meetings' days (for bisect)."""
    free: int
    """Agenda places still open at past meetings (kept current by ``choose_meetings``)."""


def build_calendar(rng: Random, today: date, staff: dict[Discipline, tuple[str, ...]]) -> Calendar:
    """Two years of fortnightly finalized meetings and the next planned one."""
    new_id = IdSource(rng)
    upcoming_day = today + timedelta(days=3)
    while upcoming_day.weekday() != 1:  # the board meets on Tuesdays
        upcoming_day += timedelta(days=1)
    days = []
    day = upcoming_day - timedelta(days=14)
    while day > today - timedelta(days=730):
        holiday = (day.month == 12 and day.day >= 22) or (day.month == 1 and day.day <= 3)
        if not holiday:
            days.append(day + timedelta(days=1) if rng.random() < 0.05 else day)
        day -= timedelta(days=14)
    days.reverse()
    chair = staff[Discipline.MEDICAL_ONCOLOGY][0]
    meetings: list[Row] = []
    attendance: list[Row] = []
    past: list[Slot] = []
    for d in [*days, upcoming_day]:
        starts = datetime.combine(d, MEETING_TIME)
        planned = d == upcoming_day
        slot = Slot(new_id(), d, starts, 10 if planned else randint(rng, MIN_AGENDA, MAX_AGENDA))
        meetings.append({
            "id": slot.meeting_id, "starts_at": starts,
            "title": "Neuroendocrine tumor board", "chair": chair,
            "location": "Marrowvale University Hospital, room 4.12 and video link",
            "status": MeetingStatus.PLANNED if planned else MeetingStatus.FINALIZED,
            "finalized_at": None if planned else starts + timedelta(hours=2, minutes=10),
        })
        if planned:
            upcoming = slot
            continue
        past.append(slot)
        missing = rng.choice(CORE_DISCIPLINES[1:]) if rng.random() < 0.15 else None
        present = [(Discipline.MEDICAL_ONCOLOGY, chair)]
        if rng.random() < 0.7:
            present.append((Discipline.MEDICAL_ONCOLOGY,
                            rng.choice(staff[Discipline.MEDICAL_ONCOLOGY][1:])))
        for discipline in CORE_DISCIPLINES[1:]:
            if discipline != missing:
                present.append((discipline, rng.choice(staff[discipline])))
        for discipline, share in EXTRA_ATTENDANCE:
            if rng.random() < share:
                present.append((discipline, rng.choice(staff[discipline])))
        for discipline, person in present:
            attendance.append({"id": new_id(), "meeting_id": slot.meeting_id, "person": person,
                               "discipline": discipline})
    return Calendar(past, upcoming, staff, {"meeting": meetings, "attendance": attendance},
                    [s.day.toordinal() for s in past], sum(s.capacity for s in past))


# --- which meetings discuss a patient -----------------------------------------------------------


def choose_meetings(case: Case, calendar: Calendar, wanted: int,
                    rng: Random) -> list[tuple[Slot, Course | None]]:
    """Up to ``wanted`` past meetings for this patient: first those that decided a new course
    (planned courses first), then restaging reviews at moments worth a discussion."""
    if wanted <= 0:
        return []
    past = calendar.past
    days = calendar.past_days
    chosen: dict[str, tuple[Slot, Course | None]] = {}
    decisions: list[tuple[Slot, Course]] = []
    for course in case.courses:
        x = course.start.toordinal()
        i = bisect.bisect_right(days, x - 2) - 1
        # A planned course is never left without its decision: the meeting may run long.
        window, room = (70, MAX_AGENDA) if course.planned else (35, past[i].capacity)
        if i >= 0 and x - days[i] <= window and past[i].used < room:
            if past[i].day > case.diagnosis:
                decisions.append((past[i], course))
    rng.shuffle(decisions)
    decisions.sort(key=lambda pair: not pair[1].planned)  # stable: planned ones first
    for slot, course in decisions:
        if len(chosen) >= wanted:
            break
        if slot.meeting_id not in chosen:
            chosen[slot.meeting_id] = (slot, course)
    if len(chosen) < wanted:
        first = case.diagnosis + timedelta(days=10)
        reviews = [s for s in past if first < s.day < case.horizon
                   and s.used < s.capacity and s.meeting_id not in chosen
                   and worth_reviewing(case, s.day, rng)]
        # Meetings still short of a full agenda first, otherwise at random.
        reviews.sort(key=lambda s: (s.used >= MIN_AGENDA, rng.random()))
        for slot in reviews[: max(0, wanted - len(chosen))]:
            chosen[slot.meeting_id] = (slot, None)
    picked = sorted(chosen.values(), key=lambda pair: pair[0].day)
    for slot, _ in picked:
        slot.used += 1
        if slot.used <= slot.capacity:
            calendar.free -= 1
    return picked


QUIET_REVIEW = 0.15
"""Quiet follow-up is seldom re-listed: the chance that a board reviews it."""


def worth_reviewing(case: Case, day: date, rng: Random) -> bool:
    """Boards re-review active treatment; long quiet follow-up is rarely re-listed."""
    return drawn(review_chance(case, day), rng)


def review_chance(case: Case, day: date) -> float:
    """The chance that the case is worth reviewing on ``day``: 1, 0 or QUIET_REVIEW."""
    current = active_course(case, day)
    if current is None:
        return 1.0
    if current.option_id == "best_supportive_care":
        return 0.0
    if current.option_id == "surveillance":
        resected = case.curative_surgery is not None and current.start > case.curative_surgery
        if resected or (day - current.start).days > 730:
            return QUIET_REVIEW
    return 1.0


def drawn(chance: float, rng: Random) -> bool:
    """True with ``chance``; ``rng`` is drawn from only when the answer is not certain."""
    if chance >= 1.0 or chance <= 0.0:
        return chance >= 1.0
    return rng.random() < chance


# --- the discussions --------------------------------------------------------------------------


def _main_after(case: Case, course: Course | None, day: date) -> Course | None:
    """The next line of treatment after ``day`` that differs from ``course``."""
    skip = course.option_id if course is not None else None
    for c in case.courses:
        if c.main and c.start > day and c is not course and c.option_id != skip:
            return c
    return None


def _alternatives(case: Case, chosen: str) -> list[str]:
    if case.is_nec:
        pool = ["folfiri", "folfox", "clinical_trial"]
    elif case.site.value == "pancreas":
        pool = ["everolimus", "sunitinib", "captem", "prrt_lu177_dotatate", "ssa_lanreotide"]
    elif chosen in SSA_IDS:
        pool = ["ssa_octreotide_lar", "ssa_lanreotide", "surveillance"]
    else:
        pool = ["everolimus", "cabozantinib", "prrt_lu177_dotatate", "clinical_trial"]
    if case.liver_dominant:
        pool.append("liver_chemoembolization")
    return [o for o in pool if o != chosen]


def discussions(case: Case, picked: list[tuple[Slot, Course | None]], calendar: Calendar,
                today: date, presenter: str) -> dict[str, list[Row]]:
    """Rows for the patient's past discussions; courses decided there get their decision id."""
    rng = case.rng
    memory: dict[str, str] = {}  # option id -> an earlier OptionConsidered kept for later
    out: dict[str, list[Row]] = {"case_discussion": [], "option_considered": [], "decision": [],
                                 "action_item": []}
    for slot, course in picked:
        disc_id = case.new_id()
        review = course is None
        current = active_course(case, slot.day)
        option = course.option_id if course is not None else (
            current.option_id if current is not None else "surveillance")
        trial = rng.random() < 0.3
        out["case_discussion"].append({
            "id": disc_id, "meeting_id": slot.meeting_id, "patient_id": case.patient_id,
            "position": slot.used - 1, "presenter": presenter,
            "question": decision_question(case, course, slot.day),
            "timing": CaseTiming.RETROSPECTIVE if rng.random() < 0.08 else CaseTiming.PROSPECTIVE,
            "triage": (Triage.STANDARD_OF_CARE if review and rng.random() < 0.4
                       else Triage.FULL_DISCUSSION),
            "stage_discussed": ("Stage IV" if case.metastatic_since is not None
                                and slot.day >= case.metastatic_since else "Stage I-III"),
            "guideline_cited": rng.choice(w.GUIDELINES),
            "trial_eligibility_discussed": trial,
            "patient_preferences": _preference(case, option),
            "notes": "No open trial matched." if trial and option != "clinical_trial" else "",
            "time_spent_s": randint(rng, 2, 15) * 60 + randint(rng, 0, 59),
            "status": DiscussionStatus.DISCUSSED,
        })
        _options(case, disc_id, option, course, memory, out["option_considered"], slot.day)
        weeks_ = 8 if case.is_nec else 26 if option == "surveillance" else rng.choice((12, 12, 16))
        decision_id = case.new_id()
        dissent = rng.random() < 0.08
        details = OPTIONS[option].schedule or OPTIONS[option].dose or "as planned"
        text = (w.CONTINUE if review else w.RECOMMENDATION.get(option, w.DEFAULT_RECOMMENDATION))
        trial_id = course.trial_id if course is not None and course.trial_id else "DEMO-NET-101"
        recommendation = text.format(name=cap(option_name(option)), details=details, weeks=weeks_,
                                     trial=trial_id)
        # Slow disease on a long-term plan returns to the board when something changes.
        at_progression = (option in SSA_IDS or option == "surveillance") and rng.random() < 0.6
        if at_progression:
            recommendation = recommendation.rstrip(".") + w.AT_PROGRESSION
        out["decision"].append({
            "id": decision_id, "discussion_id": disc_id, "recommendation": recommendation,
            "agreement": Agreement.DISSENT if dissent else Agreement.CONSENSUS,
            "dissent_note": rng.choice(w.DISSENT) if dissent else "",
            "follow_up_weeks": None if at_progression else weeks_,
            "next_review": None if at_progression else slot.day + timedelta(weeks=weeks_),
        })
        if course is not None:
            course.decision_id = decision_id
        _actions(case, disc_id, option, slot.day, today, calendar, out["action_item"])
    _settle_old_reviews(out["decision"], today)
    return out


def _preference(case: Case, option: str) -> str:
    """A patient's stated preference for some discussions (surgery ones may ask for a second
    opinion before surgery; never once the operation is behind them)."""
    rng = case.rng
    if rng.random() >= 0.4:
        return ""
    choices = list(w.PREFERENCES)
    if option.startswith("surgery_"):
        choices.append(w.BEFORE_SURGERY)
    return rng.choice(choices).format(home=case.home_institution)


def _settle_old_reviews(decisions: list[Row], today: date) -> None:
    """A re-review due long ago was held in clinic: the last decision then reads 'at
    progression', so only recently due reviews show as overdue."""
    if not decisions:
        return
    last = decisions[-1]
    due = last["next_review"]
    if due is not None and due < today - timedelta(weeks=8):
        last["next_review"] = last["follow_up_weeks"] = None
        last["recommendation"] = last["recommendation"].rstrip(".") + w.AT_PROGRESSION


def _options(case: Case, disc_id: str, option: str, course: Course | None, memory: dict[str, str],
             rows: list[Row], day: date) -> None:
    rng = case.rng
    months_ = 0
    if option == "prrt_retreatment":
        first = next((c for c in case.courses if c.option_id == "prrt_lu177_dotatate"), None)
        if first is not None and first.progression is not None:
            months_ = (first.progression - first.start).days // 30
    chosen_id = case.new_id()
    rows.append({
        "id": chosen_id, "discussion_id": disc_id, "option_id": option,
        "details": OPTIONS[option].schedule, "stance": Stance.RECOMMENDED,
        "rationale": rationale(case, option, day, months_=months_),
        "revisits_option_id": memory.pop(option, None),
        "revisits_course_id": (course.revisits.id if course is not None and course.revisits
                               is not None else None),
    })
    if option in ADJUNCT_IDS:
        return
    for alt in rng.sample(_alternatives(case, option), k=1 if rng.random() < 0.5 else 2)[:2]:
        alt_id = case.new_id()
        rows.append({"id": alt_id, "discussion_id": disc_id, "option_id": alt, "details": "",
                     "stance": Stance.ALTERNATIVE, "rationale": rationale(case, alt, day),
                     "revisits_option_id": None, "revisits_course_id": None})
        memory.setdefault(alt, alt_id)
    later = _main_after(case, course, day)
    if later is not None and later.option_id not in (option, "best_supportive_care"):
        later_id = case.new_id()
        rows.append({"id": later_id, "discussion_id": disc_id, "option_id": later.option_id,
                     "details": "", "stance": Stance.LATER, "rationale": w.LATER,
                     "revisits_option_id": None, "revisits_course_id": None})
        memory[later.option_id] = later_id
    if rng.random() < 0.3:
        not_now = rng.choice(tuple(w.NOT_NOW))
        fits = not_now not in w.AFTER_PRRT or had_prrt_before(case, day)
        if fits and not_now != option and all(r["option_id"] != not_now for r in rows[-3:]):
            rows.append({"id": case.new_id(), "discussion_id": disc_id, "option_id": not_now,
                         "details": "", "stance": Stance.NOT_NOW,
                         "rationale": w.NOT_NOW[not_now], "revisits_option_id": None,
                         "revisits_course_id": None})


def _actions(case: Case, disc_id: str, option: str, day: date, today: date, calendar: Calendar,
             rows: list[Row]) -> None:
    rng = case.rng
    tasks = list(w.ACTIONS.get(option, ()))
    common = list(w.COMMON_ACTIONS[:2])
    if case.hereditary.value != "none":
        common.append(w.COMMON_ACTIONS[2])
    if case.functional == FunctionalSyndrome.CARCINOID_SYNDROME:
        common.append(w.COMMON_ACTIONS[3])
    if case.drift_dates and any(abs((d - day).days) < 40 for d in case.drift_dates):
        common.append(w.COMMON_ACTIONS[4])
    tasks.append(rng.choice(common))
    for text, discipline in tasks[:3]:
        due = day + timedelta(days=randint(rng, 7, 28))
        done = not ((today - due).days < 21 and rng.random() < 0.6) and rng.random() > 0.04
        owner = rng.choice(calendar.staff[Discipline(discipline)])
        if Discipline(discipline) == Discipline.NURSE_NAVIGATOR and case.navigator:
            owner = case.navigator  # the patient's own navigator, never another patient's
        closed = datetime.combine(min(due, today), time(12), tzinfo=UTC) if done else None
        rows.append({"id": case.new_id(), "discussion_id": disc_id, "description": text,
                     "owner": owner, "due_date": due, "done": done,
                     "done_by": owner if done else None, "done_at": closed})


def agenda_weight(case: Case, today: date) -> float:
    """How strongly a case calls for the next meeting: decisions due weigh more than follow-up."""
    if any(c.planned for c in case.courses):
        return 3.0
    if case.drift_dates and (today - case.drift_dates[-1]).days < 240:
        return 3.0
    if any((today - p).days < 90 for p in case.progressions):
        return 3.0
    current = active_course(case, today)
    if current is None:
        return 2.0 if not case.courses else 1.0
    if current.option_id == "surveillance":
        return 0.25
    return 1.0


def upcoming_discussion(case: Case, slot: Slot, question: str, presenter: str) -> Row:
    slot.used += 1
    return {
        "id": case.new_id(), "meeting_id": slot.meeting_id, "patient_id": case.patient_id,
        "position": slot.used - 1, "presenter": presenter, "question": question,
        "timing": CaseTiming.PROSPECTIVE, "triage": Triage.FULL_DISCUSSION,
        "stage_discussed": "", "guideline_cited": "", "trial_eligibility_discussed": False,
        "patient_preferences": "", "notes": "", "time_spent_s": 0,
        "status": DiscussionStatus.PENDING,
    }
