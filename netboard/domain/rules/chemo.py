"""Chemotherapy: CAPTEM, platinum-etoposide, FOLFOX and FOLFIRI."""

from __future__ import annotations

from collections.abc import Sequence

from netboard.domain.rules import sources as src
from netboard.domain.rules.base import (
    AGAINST,
    CAUTION,
    INFORMATION,
    NOTHING,
    SUPPORTS,
    Finding,
    rule,
)
from netboard.domain.rules.facts import CaseFacts
from netboard.domain.rules.texts import course_text
from netboard.domain.snapshot import TherapyCourse
from netboard.domain.vocab import Grade, PrimarySite

SECOND_LINE = ("folfox", "folfiri")


@rule("captem.population", source=src.E2211, options=("captem",))
def captem_population(facts: CaseFacts) -> Sequence[Finding]:
    """E2211 studied CAPTEM in pancreatic NET; chemotherapy is for spread or aggressive NET."""
    found: list[Finding] = []
    if facts.site == PrimarySite.PANCREAS:
        text = "Pancreatic primary: the E2211 population (PFS 22.7 vs 14.4 months)"
        found.append(Finding(SUPPORTS, text))
    elif facts.site is not None:
        text = f"Primary site {facts.site.label}: E2211 enrolled pancreatic NET"
        found.append(Finding(INFORMATION, text))
    if facts.grade in (Grade.G1, Grade.TYPICAL_CARCINOID):
        text = f"{facts.grade.label}: chemotherapy is mostly used for spread or aggressive NET"
        found.append(Finding(CAUTION, text, source=src.PROGRAM))
    return tuple(found)


@rule("captem.prior_temozolomide", source=src.CAPTEM_ELIGIBILITY, options=("captem",))
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


@rule("captem.mgmt", source=src.CAPTEM_ELIGIBILITY, options=("captem",))
def captem_mgmt(facts: CaseFacts) -> Sequence[Finding]:
    """A pathology note on MGMT (MGMT deficiency goes with response to temozolomide)."""
    for result in reversed(facts.pathology):
        if "mgmt" in result.notes.lower():
            text = (
                f'Pathology {result.date} notes: "{result.notes.strip()[:120]}"; MGMT '
                "deficiency goes with response to temozolomide"
            )
            return (Finding(INFORMATION, text),)
    return NOTHING


@rule("chemo.nec_first_line", source=src.NEC_FIRST_LINE, options=("platinum_etoposide",))
def nec_first_line(facts: CaseFacts) -> Sequence[Finding]:
    """Platinum-etoposide is the standard first line for NEC."""
    platinum = facts.courses_of("platinum_etoposide")
    if facts.nec:
        if platinum:
            text = f"NEC; platinum-etoposide already on record: {course_text(facts, platinum[-1])}"
            return (Finding(INFORMATION, text),)
        text = f"{_nec_text(facts)}: platinum-etoposide is the standard first line for NEC"
        return (Finding(SUPPORTS, text),)
    if facts.grade == Grade.G3:
        text = "Well-differentiated G3 NET: platinum-etoposide is the standard for NEC, not NET G3"
        return (Finding(INFORMATION, text),)
    if facts.grade != Grade.UNKNOWN:
        text = f"{facts.grade.label} NET: platinum-etoposide is the first-line standard for NEC"
        return (Finding(AGAINST, text),)
    return NOTHING


@rule("chemo.nec_second_line", source=src.NEC_SECOND_LINE, options=SECOND_LINE)
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
