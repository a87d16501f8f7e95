"""Chemotherapy: CAPTEM, platinum-etoposide, FOLFOX and FOLFIRI."""

from __future__ import annotations

from collections.abc import Sequence

from netboard.domain.rules import population as pop
from netboard.domain.rules import sources as src
from netboard.domain.rules.base import (
    AGAINST,
    CAUTION,
    INFORMATION,
    NOTHING,
    SUPPORTS,
    Finding,
    Kind,
    Strength,
    rule,
)
from netboard.domain.rules.dates import day
from netboard.domain.rules.facts import CaseFacts
from netboard.domain.rules.texts import course_text
from netboard.domain.snapshot import TherapyCourse
from netboard.domain.vocab import Grade, HereditarySyndrome, Histology, PrimarySite

SECOND_LINE = ("folfox", "folfiri")


@rule(
    "captem.population",
    source=src.E2211,
    options=("captem",),
    strength=Strength.PHASE_III,
    kind=Kind.POPULATION,
)
def captem_population(facts: CaseFacts) -> Sequence[Finding]:
    """E2211: progressive G1-G2 pancreatic NET without earlier temozolomide or capecitabine."""
    found: list[Finding] = []
    if facts.site == PrimarySite.PANCREAS:
        criteria = (
            *pop.progressive_pancreatic(facts),
            pop.none_of(
                facts, facts.temozolomide_courses, "no earlier temozolomide or capecitabine"
            ),
            pop.ecog_0_2(facts),
        )
        found.append(pop.population("E2211", criteria))
    elif facts.site is not None:
        text = f"Primary site {facts.site.label}: E2211 enrolled pancreatic NET"
        found.append(Finding(INFORMATION, text))
    if facts.nec:
        text = pop.nec_text(facts, "E2211 enrolled") + ", not NEC"
        found.append(Finding(AGAINST, text, strength=Strength.GUIDELINE))
    elif facts.grade == Grade.G3:
        text = (
            "Well-differentiated G3 NET: temozolomide-based chemotherapy is used in G3 NET "
            "(ENETS 2023)"
        )
        found.append(Finding(SUPPORTS, text, source=src.G3_NET, strength=Strength.GUIDELINE))
    if facts.grade in (Grade.G1, Grade.TYPICAL_CARCINOID):
        text = f"{facts.grade.label}: chemotherapy is mostly used for spread or aggressive NET"
        found.append(Finding(CAUTION, text, source=src.PROGRAM, strength=Strength.GUIDELINE))
    if facts.ppgl and facts.hereditary == HereditarySyndrome.SDHX:
        text = (
            "SDHx-related PPGL: temozolomide has reported activity in SDHB-related disease [verify]"
        )
        found.append(
            Finding(
                SUPPORTS,
                text,
                source=src.SDHB_TEMOZOLOMIDE,
                unverified=True,
                strength=Strength.SERIES,
            )
        )
    return tuple(found)


@rule(
    "captem.prior_temozolomide",
    source=src.CAPTEM_ELIGIBILITY,
    options=("captem",),
    strength=Strength.RECORD,
)
def captem_prior_temozolomide(facts: CaseFacts) -> Sequence[Finding]:
    """CAPTEM data come from patients without prior temozolomide or capecitabine."""
    courses = facts.temozolomide_courses
    if not courses:
        return NOTHING
    progressed: TherapyCourse | None = next(
        (c for c in reversed(courses) if facts.progression_during(c) is not None), None
    )
    if progressed is not None:
        event = facts.progression_during(progressed)
        assert event is not None
        text = (
            f"Progression on {course_text(facts, progressed)} ({event.text}); CAPTEM data come "
            "from patients without prior temozolomide or capecitabine"
        )
        return (Finding(AGAINST, text, blocking=True),)
    text = (
        f"Earlier {course_text(facts, courses[-1])} without progression on it; CAPTEM data come "
        "from patients without prior temozolomide or capecitabine"
    )
    return (Finding(AGAINST, text),)


@rule("captem.mgmt", source=src.CAPTEM_ELIGIBILITY, options=("captem",), kind=Kind.INFORMATION)
def captem_mgmt(facts: CaseFacts) -> Sequence[Finding]:
    """A pathology note on MGMT (MGMT deficiency goes with response to temozolomide)."""
    for result in reversed(facts.pathology):
        if "mgmt" in result.notes.lower():
            text = (
                f'Pathology {day(result.date)} notes: "{result.notes.strip()[:120]}"; MGMT '
                "deficiency goes with response to temozolomide"
            )
            return (Finding(INFORMATION, text),)
    return NOTHING


@rule(
    "chemo.nec_first_line",
    source=src.NEC_FIRST_LINE,
    options=("platinum_etoposide",),
    strength=Strength.GUIDELINE,
)
def nec_first_line(facts: CaseFacts) -> Sequence[Finding]:
    """Platinum-etoposide is the standard first line for NEC; once it is on record, the reference
    names FOLFIRI / FOLFOX for the second line, so a repeat of it carries a caution."""
    platinum = facts.courses_of("platinum_etoposide")
    if facts.nec:
        if platinum:
            text = (
                f"NEC; platinum-etoposide already on record: {course_text(facts, platinum[-1])}; "
                "after it the reference names FOLFIRI / FOLFOX for the second line (no standard)"
            )
            return (Finding(CAUTION, text, source=src.NEC_SECOND_LINE, strength=Strength.SERIES),)
        text = f"{_nec_text(facts)}: platinum-etoposide is the standard first line for NEC"
        return (Finding(SUPPORTS, text),)
    if facts.grade == Grade.G3:
        text = (
            "Well-differentiated G3 NET is not NEC: platinum-etoposide is not its standard "
            "first line (ENETS 2023)"
        )
        return (Finding(AGAINST, text, source=src.G3_NET),)
    if facts.grade != Grade.UNKNOWN:
        text = f"{facts.grade.label} NET: platinum-etoposide is the first-line standard for NEC"
        return (Finding(AGAINST, text),)
    if facts.histology == Histology.NET:
        text = (
            "Well-differentiated NET on record (grade not recorded): platinum-etoposide is the "
            "first-line standard for NEC"
        )
        return (Finding(AGAINST, text),)
    return NOTHING


@rule(
    "chemo.nec_second_line",
    source=src.NEC_SECOND_LINE,
    options=SECOND_LINE,
    strength=Strength.SERIES,
)
def nec_second_line(facts: CaseFacts) -> Sequence[Finding]:
    """After platinum-etoposide for NEC, FOLFOX / FOLFIRI are used; no standard exists."""
    if not facts.nec:
        return NOTHING
    platinum = facts.courses_of("platinum_etoposide")
    if platinum:
        text = (
            f"NEC after {course_text(facts, platinum[-1])}: FOLFIRI or FOLFOX in second line, "
            "where no standard exists"
        )
        return (Finding(SUPPORTS, text),)
    text = "NEC without platinum-etoposide on record: FOLFOX / FOLFIRI are second-line options"
    return (Finding(INFORMATION, text),)


def _nec_text(facts: CaseFacts) -> str:
    if facts.histology is not None and facts.histology.value.startswith("nec"):
        return facts.histology.label
    return facts.grade.label


RULES = (
    captem_population,
    captem_prior_temozolomide,
    captem_mgmt,
    nec_first_line,
    nec_second_line,
)
