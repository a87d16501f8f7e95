"""Words for the timeline's hover details (de-identification: ``privacy``; dates, durations and
numbers: ``wording``, as everywhere else).

Kept apart from ``timeline.py`` so the layout logic stays short; pure Python like the rest of
``netboard.domain``.
"""

from __future__ import annotations

from datetime import date

from netboard.domain.snapshot import ImagingStudy, TherapyCourse
from netboard.domain.wording import course_outcome, course_span, dosing_text, num, toxicity_text


def course_detail(course: TherapyCourse, catalog_name: str, today: date) -> str:
    """The lines of a course's hover: catalog name, dosing, when and how long, how it went."""
    lines: list[str] = [catalog_name] if catalog_name else []
    dosing = dosing_text(course)
    if dosing:
        lines.append(dosing)
    lines.append(course_span(course, today))
    facts = course_outcome(course)
    if course.intent:
        facts.insert(0, f"intent: {course.intent.label.lower()}")
    if facts:
        lines.append("; ".join(facts))
    if course.toxicities:
        lines.append("Toxicity: " + toxicity_text(course))
    if course.trial_id:
        lines.append(f"Trial: {course.trial_id}")
    if course.site_of_care:
        lines.append(f"Site of care: {course.site_of_care}")
    return "\n".join(lines)


def imaging_detail(study: ImagingStudy) -> str:
    parts = []
    if study.krenning is not None:
        parts.append(f"Krenning {study.krenning}")
    if study.avidity is not None:
        parts.append(f"avidity {study.avidity.label.lower()}")
    if study.largest_lesion_mm is not None:
        parts.append(f"largest lesion {num(study.largest_lesion_mm)} mm")
    head = ", ".join(parts)
    return "\n".join(p for p in (head, study.finding) if p)
