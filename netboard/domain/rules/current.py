"""The therapy that is running now: continuing it (or completing the planned course) is always an
option while a course runs (reference §7). Its own signals are the response so far, the time on
it, toxicity and progression on it (progression and toxicity come from history.*).

While a course runs, the question for its option is whether to continue it, so the engine sets
aside that option's trial-population checks (they described the patient at its start).
"""

from __future__ import annotations

from collections.abc import Sequence

from netboard.domain.rules import sources as src
from netboard.domain.rules.base import (
    CAUTION,
    INFORMATION,
    NOTHING,
    SUPPORTS,
    Finding,
    Kind,
    Strength,
    rule,
)
from netboard.domain.rules.dates import whole_months
from netboard.domain.rules.facts import CONTROL, PRRT_IDS, SSA_IDS, SYSTEMIC_MODALITIES, CaseFacts
from netboard.domain.rules.texts import course_text
from netboard.domain.snapshot import TherapyCourse
from netboard.domain.vocab import Modality

PLANNED_PRRT_CYCLES = 4
SEVERE = 3
ANTI_TUMOR = frozenset({Modality.SOMATOSTATIN_ANALOG, *SYSTEMIC_MODALITIES})
SYSTEMIC_OPTIONS = (
    "ssa_octreotide_lar",
    "ssa_lanreotide",
    "ssa_lanreotide_escalated",
    "everolimus",
    "sunitinib",
    "cabozantinib",
    "captem",
    "platinum_etoposide",
    "folfox",
    "folfiri",
    "prrt_lu177_dotatate",
    "pembrolizumab",
)


def running(facts: CaseFacts) -> tuple[TherapyCourse, ...]:
    """Anti-tumor courses running today with a catalog option."""
    return tuple(c for c in facts.ongoing if c.modality in ANTI_TUMOR and facts.option_id(c) != "")


@rule(
    "current.continue",
    source=src.CONTINUE,
    strength=Strength.RECORD,
    kind=Kind.INDICATION,
)
def continue_current(facts: CaseFacts) -> Sequence[Finding]:
    """Continuing the running therapy: controlled disease and acceptable toxicity speak for it."""
    found: list[Finding] = []
    for course in running(facts):
        option = facts.option_id(course)
        months = whole_months(course.start_date, facts.today)
        said = f"Running now: {course_text(facts, course)}, {months} months on it"
        if facts.progression_during(course) is not None:
            continue  # history.progression says it, against
        if course.best_response in CONTROL:
            assert course.best_response is not None
            text = f"{said}; best response so far {course.best_response.label}"
            found.append(Finding(SUPPORTS, text, options=(option,)))
        else:
            text = f"{said}; no response assessment recorded on it yet"
            found.append(Finding(INFORMATION, text, options=(option,)))
        if not any(t.grade >= SEVERE for t in course.toxicities):
            text = (
                f"No progression and no grade 3 or higher toxicity recorded on "
                f"{facts.name_of(course)} so far"
            )
            found.append(Finding(SUPPORTS, text, options=(option,), source=src.CTCAE))
        if option in PRRT_IDS:
            found.extend(_planned_course(facts, course, option))
    return tuple(found)


def _planned_course(facts: CaseFacts, course: TherapyCourse, option: str) -> tuple[Finding, ...]:
    given = course.cycles
    if given is not None and given >= PLANNED_PRRT_CYCLES:
        return NOTHING
    done = f"{given} of {PLANNED_PRRT_CYCLES} cycles recorded" if given else "cycles not recorded"
    text = (
        f"PRRT course under way ({done}): the labelled course is 7.4 GBq every 8 weeks x 4; "
        "completing the planned course is the option to weigh"
    )
    return (
        Finding(
            SUPPORTS, text, options=(option,), source=src.PRRT_LABEL, strength=Strength.GUIDELINE
        ),
    )


@rule(
    "current.other_running",
    source=src.CONTINUE,
    options=SYSTEMIC_OPTIONS,
    strength=Strength.GUIDELINE,
    kind=Kind.CAUTION,
)
def other_running(facts: CaseFacts) -> Sequence[Finding]:
    """Another anti-tumor course is running without progression: a new line would replace or
    join it (an SSA may continue alongside later lines)."""
    current = [c for c in running(facts) if facts.progression_during(c) is None]
    if not current:
        return NOTHING
    course = current[-1]
    own = facts.option_id(course)
    ssa = own in SSA_IDS
    others = tuple(o for o in SYSTEMIC_OPTIONS if o != own and not (ssa and o not in SSA_IDS))
    if not others:
        return NOTHING
    text = (
        f"{course_text(facts, course)} is running with no progression recorded on it: this "
        "option would replace it"
    )
    return (Finding(CAUTION, text, options=others),)


RULES = (continue_current, other_running)
