"""Words for the timeline: hover details, durations, numbers (de-identification: ``privacy``).

Kept apart from ``timeline.py`` so the layout logic stays short; pure Python like the rest of
``netboard.domain``.
"""

from __future__ import annotations

from datetime import date

from netboard.domain.snapshot import ImagingStudy, TherapyCourse


def course_detail(course: TherapyCourse, catalog_name: str, today: date) -> str:
    lines: list[str] = []
    if catalog_name:
        lines.append(catalog_name)
    dosing = ", ".join(p for p in (course.dose, course.schedule) if p)
    if course.cycles:
        dosing = f"{dosing}, {course.cycles} cycles" if dosing else f"{course.cycles} cycles"
    if dosing:
        lines.append(dosing)
    if course.start_date > today:
        lines.append(f"planned from {course.start_date.isoformat()}")
    elif course.end_date is None:
        since = duration(course.start_date, today)
        lines.append(f"since {course.start_date.isoformat()}, ongoing ({since})")
    elif course.end_date == course.start_date:
        lines.append(course.start_date.isoformat())
    else:
        span = duration(course.start_date, course.end_date)
        lines.append(f"{course.start_date.isoformat()} to {course.end_date.isoformat()} ({span})")
    facts = []
    if course.intent:
        facts.append(f"intent: {course.intent.label.lower()}")
    if course.best_response:
        facts.append(f"best response: {course.best_response.label}")
    if course.reason_ended:
        facts.append(f"ended: {course.reason_ended.label.lower()}")
    if facts:
        lines.append("; ".join(facts))
    if course.toxicities:
        lines.append("Toxicity: " + ", ".join(f"{t.term} G{t.grade}" for t in course.toxicities))
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


def duration(start: date, end: date) -> str:
    """'3 weeks', '7 months', '2 y 4 mo': the length a clinician reads at a glance."""
    days = (end - start).days
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 61:
        return f"{days // 7} weeks"
    months = round(days / 30.44)
    if months < 24:
        return f"{months} months"
    years, rest = divmod(months, 12)
    return f"{years} y {rest} mo" if rest else f"{years} years"


def num(value: float) -> str:
    """A number without a needless '.0' (12.0 -> '12', 2.5 -> '2.5')."""
    return f"{value:g}" if abs(value) < 1e6 else f"{value:,.0f}"
