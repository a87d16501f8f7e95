"""Disease extent for one case today: advanced, no evidence after resection, localized, unknown.

The therapy trials behind most systemic options enrolled advanced (metastatic or unresectable)
disease, and the local options for metastases need a metastasis to treat, so the rules weigh every
option against the extent on record. It is computed once in ``build_facts`` from the latest staging,
the resections of the primary, the progression events and any note that names the disease
unresectable:

- advanced: latest staging M1 or with metastatic sites, a liver tumor burden above 0 %, or a tumor,
  imaging or course note (on or before today) calling the disease unresectable or inoperable;
- no evidence after resection: a completed resection of the primary, latest staging M0 without
  metastatic sites, and no progression (imaging PD or a course ended for progression) since;
- localized: latest staging M0 without metastatic sites otherwise (primary in place, or a
  progression after the resection that a later M0 staging has restaged);
- unknown: no staging on record, or a progression after the latest M0 staging (not restaged).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum

from netboard.domain.rules.dates import day
from netboard.domain.snapshot import ImagingStudy, StagingAssessment, TherapyCourse, Tumor
from netboard.domain.vocab import ReasonEnded

PRIMARY_RESECTION = "surgery_primary_resection"
_UNRESECTABLE = re.compile(
    r"\b(unresectable|irresectable|non-?resectable|not resectable|inoperable)\b", re.IGNORECASE
)
_DONE = (None, ReasonEnded.COMPLETED)


class Extent(Enum):
    ADVANCED = "advanced"
    NO_EVIDENCE = "no evidence of disease after resection"
    LOCALIZED = "localized"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class DiseaseExtent:
    """The extent of disease on record, with the records it rests on (for the rules' texts)."""

    kind: Extent
    staging: StagingAssessment | None
    resection: TherapyCourse | None
    """The latest completed resection of the primary (on or before today), if any."""
    since_imaging: ImagingStudy | None
    """The latest imaging after that resection (no evidence after resection only)."""
    unresectable_note: str = ""
    """The note that called the disease unresectable, quoted (advanced only)."""

    @property
    def advanced(self) -> bool:
        return self.kind == Extent.ADVANCED

    @property
    def without_advanced_disease(self) -> bool:
        """Staging on record shows neither metastases nor unresectable disease."""
        return self.kind in (Extent.NO_EVIDENCE, Extent.LOCALIZED)


def latest_resection(
    courses: Iterable[TherapyCourse], option_of: dict[str, str], today: date
) -> TherapyCourse | None:
    """The latest completed resection of the primary that ended on or before today."""
    found = None
    for course in courses:
        if option_of.get(course.id) != PRIMARY_RESECTION or course.reason_ended not in _DONE:
            continue
        if course.end_date is None or course.end_date > today:
            continue
        if found is None or course.start_date >= found.start_date:
            found = course
    return found


def unresectable_note(
    tumor: Tumor | None,
    imaging: Sequence[ImagingStudy],
    courses: Sequence[TherapyCourse],
) -> str:
    """The latest note naming the disease unresectable or inoperable, quoted with its date."""
    notes: list[tuple[date, str]] = []
    if tumor is not None and _UNRESECTABLE.search(tumor.notes):
        notes.append((tumor.diagnosis_date or date.min, f'tumor note "{_clip(tumor.notes)}"'))
    for study in imaging:
        if _UNRESECTABLE.search(study.finding):
            said = f'{study.modality.label} on {day(study.date)}: "{_clip(study.finding)}"'
            notes.append((study.date, said))
    for course in courses:
        if _UNRESECTABLE.search(course.notes):
            said = f'course note of {day(course.start_date)}: "{_clip(course.notes)}"'
            notes.append((course.start_date, said))
    return max(notes, key=lambda pair: pair[0])[1] if notes else ""


def disease_extent(
    staging: StagingAssessment | None,
    resection: TherapyCourse | None,
    imaging: Sequence[ImagingStudy],
    progression_dates: Sequence[date],
    note: str,
) -> DiseaseExtent:
    """Classify the extent (see the module docstring); ``imaging`` is sorted, up to today."""
    burden = staging.liver_burden_pct if staging is not None else None
    if note or (staging is not None and (staging.metastatic or (burden or 0) > 0)):
        return DiseaseExtent(Extent.ADVANCED, staging, resection, None, note)
    if staging is None:
        return DiseaseExtent(Extent.UNKNOWN, None, resection, None)
    if resection is not None and resection.end_date is not None:
        ended = resection.end_date
        if not any(day > ended for day in progression_dates):
            after = [s for s in imaging if s.date > ended]
            since = after[-1] if after else None
            return DiseaseExtent(Extent.NO_EVIDENCE, staging, resection, since)
    if any(day > staging.date for day in progression_dates):
        return DiseaseExtent(Extent.UNKNOWN, staging, resection, None)
    return DiseaseExtent(Extent.LOCALIZED, staging, resection, None)


def _clip(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
