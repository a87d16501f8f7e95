"""Readiness: what is missing for the board to weigh the options for this case today.

Missing information is a common reason a case comes back to the board a second time; each rule
names the gap with the patient's own dates so it can be filled before the meeting.
"""

from __future__ import annotations

from collections.abc import Sequence

from netboard.domain.rules import sources as src
from netboard.domain.rules.base import CAUTION, NOTHING, Finding, rule
from netboard.domain.rules.dates import add_months, day, months_between
from netboard.domain.rules.facts import CaseFacts
from netboard.domain.vocab import Grade, PrimarySite

IMAGING_MAX_AGE_MONTHS = 3
SMALL_RECTAL_MM = 10.0


def small_rectal(facts: CaseFacts) -> bool:
    """A rectal NET G1 under 1 cm without metastases: SSTR imaging is not part of its work-up."""
    size = facts.primary_size_mm
    return (
        facts.site == PrimarySite.RECTUM
        and facts.grade == Grade.G1
        and size is not None
        and size < SMALL_RECTAL_MM
        and not facts.metastatic
    )


@rule("readiness.tumor", source=src.READINESS, scope="readiness")
def tumor_recorded(facts: CaseFacts) -> Sequence[Finding]:
    """No tumor (primary site and histology) on record."""
    if facts.tumor is not None:
        return NOTHING
    return (Finding(CAUTION, "No tumor on record: primary site and histology unknown"),)


@rule("readiness.ki67", source=src.READINESS, scope="readiness")
def ki67_recorded(facts: CaseFacts) -> Sequence[Finding]:
    """No Ki-67 on record."""
    if facts.ki67_result is not None:
        return NOTHING
    if facts.pathology:
        last = facts.pathology[-1]
        where = last.specimen_site or "site not recorded"
        text = f"No Ki-67 on record: the latest pathology ({where}, {day(last.date)}) has none"
        return (Finding(CAUTION, text),)
    return (Finding(CAUTION, "No Ki-67 on record: no pathology result entered"),)


@rule("readiness.sstr_imaging", source=src.READINESS, scope="readiness")
def sstr_imaging_recorded(facts: CaseFacts) -> Sequence[Finding]:
    """No SSTR imaging (or no Krenning score) on record. Not asked for a small G1 rectal NET
    without metastases (reference §7) nor for NEC, where platinum-etoposide is first line and
    no SSTR-based trial population applies (reference §5, §7)."""
    if small_rectal(facts) or facts.nec:
        return NOTHING
    if facts.sstr is None:
        text = "No SSTR imaging on record: somatostatin receptor status (Krenning score) unknown"
        return (Finding(CAUTION, text),)
    if facts.sstr.krenning is None:
        text = f"SSTR PET on {day(facts.sstr.date)} has no Krenning score recorded"
        return (Finding(CAUTION, text),)
    return NOTHING


@rule("readiness.imaging_age", source=src.READINESS, scope="readiness")
def imaging_current(facts: CaseFacts) -> Sequence[Finding]:
    """No imaging, or the latest imaging is older than 3 months."""
    latest = facts.latest_imaging
    if latest is None:
        return (Finding(CAUTION, "No imaging on record"),)
    if latest.date >= add_months(facts.today, -IMAGING_MAX_AGE_MONTHS):
        return NOTHING
    age = months_between(latest.date, facts.today)
    text = (
        f"Latest imaging is {latest.modality.label} on {day(latest.date)}, {age:.1f} months before "
        f"{day(facts.today)} (older than {IMAGING_MAX_AGE_MONTHS} months)"
    )
    return (Finding(CAUTION, text),)


@rule("readiness.ecog", source=src.READINESS, scope="readiness")
def ecog_recorded(facts: CaseFacts) -> Sequence[Finding]:
    """No ECOG performance status on record."""
    if facts.ecog is not None:
        return NOTHING
    return (Finding(CAUTION, "No ECOG performance status on record"),)


@rule("readiness.staging", source=src.READINESS, scope="readiness")
def staging_recorded(facts: CaseFacts) -> Sequence[Finding]:
    """No staging on record."""
    if facts.staging is not None:
        return NOTHING
    return (
        Finding(CAUTION, "No staging on record: extent of disease (TNM, metastatic sites) unknown"),
    )


@rule("readiness.question", source=src.QUESTION, scope="readiness")
def question_recorded(facts: CaseFacts) -> Sequence[Finding]:
    """No question for the board."""
    if facts.question:
        return NOTHING
    return (Finding(CAUTION, "No question for the board recorded for this discussion"),)


RULES = (
    tumor_recorded,
    ki67_recorded,
    sstr_imaging_recorded,
    imaging_current,
    ecog_recorded,
    staging_recorded,
    question_recorded,
)
