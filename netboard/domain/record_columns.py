"""What each record table shows: the column specs for therapies, pathology, imaging, ... (no Qt).

A column is its title and how to read a cell from a snapshot record; the case workspace's table
model (``ui.models.records``) only displays them. Labels come from the vocabulary (clinician
wording, never raw stored values); dates, numbers and courses from ``domain.wording``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from netboard.domain.snapshot import (
    ImagingStudy,
    PathologyResult,
    StagingAssessment,
    TherapyCourse,
)
from netboard.domain.wording import (
    DASH,
    duration,
    fmt_date,
    fmt_label,
    fmt_number,
    fmt_percent,
    tnm_text,
    toxicity_text,
)

if TYPE_CHECKING:
    from netboard.domain.catalog import Catalog

DRIFT_COLOUR = "#b00020"


@dataclass(frozen=True, slots=True)
class RecordColumn:
    title: str
    text: Callable[[Any], str]
    tooltip: Callable[[Any], str] | None = None
    align_right: bool = False
    highlight: Callable[[Any], str | None] | None = None
    """A colour for the cell's text when the value deserves attention (e.g. grade drift)."""

ECOG_TEXT = {
    0: "Fully active",
    1: "Restricted in strenuous activity; ambulatory, light work",
    2: "Ambulatory, self-care; unable to work; up > 50 % of waking hours",
    3: "Limited self-care; in bed or chair > 50 % of waking hours",
    4: "Completely disabled; no self-care",
    5: "Dead",
}
"""ECOG performance status scale (Oken et al., Am J Clin Oncol 1982)."""


@dataclass
class CaseFacts:
    """Per-case lookups the column functions need (refreshed whenever the case is reread)."""

    today: date = field(default_factory=date.today)
    decision_dates: dict[str, date] = field(default_factory=dict)
    """Decision id -> date of the meeting that made it."""
    drift_ids: set[str] = field(default_factory=set)
    """Pathology results whose grade rose compared with the result before."""


def option_name(catalog: Catalog, option_id: str) -> str:
    try:
        return catalog.get(option_id).name
    except (KeyError, LookupError, ValueError):
        return option_id or DASH


def _end(course: TherapyCourse) -> str:
    return "ongoing" if course.end_date is None else fmt_date(course.end_date)


def _toxicities(course: TherapyCourse) -> str:
    return toxicity_text(course) or DASH


def therapy_columns(catalog: Catalog, facts: CaseFacts) -> tuple[RecordColumn, ...]:
    def how_long(c: TherapyCourse) -> str:
        return duration(c.start_date, c.end_date or facts.today)

    def from_board(c: TherapyCourse) -> str:
        if c.decision_id is None:
            return ""
        when = facts.decision_dates.get(c.decision_id)
        return f"board {fmt_date(when)}" if when else "board decision"

    def dose(c: TherapyCourse) -> str:
        return " ".join(p for p in (c.dose, c.schedule) if p) or DASH

    return (
        RecordColumn("Agent", lambda c: c.agent or DASH, tooltip=lambda c: c.notes),
        RecordColumn("Option", lambda c: option_name(catalog, c.option_id)),
        RecordColumn("Modality", lambda c: c.modality.label),
        RecordColumn("Intent", lambda c: fmt_label(c.intent)),
        RecordColumn("Start", lambda c: fmt_date(c.start_date)),
        RecordColumn("End", _end),
        RecordColumn("Duration", how_long),
        RecordColumn("Dose / schedule", dose),
        RecordColumn("Cycles", lambda c: fmt_number(c.cycles), align_right=True),
        RecordColumn("Best response", lambda c: fmt_label(c.best_response)),
        RecordColumn("Ended because", lambda c: fmt_label(c.reason_ended)),
        RecordColumn("Toxicities", _toxicities, tooltip=_toxicities),
        RecordColumn(
            "From",
            from_board,
            tooltip=lambda c: (
                "Came from a board decision: see Board history" if c.decision_id else ""
            ),
        ),
    )


def pathology_columns(facts: CaseFacts) -> tuple[RecordColumn, ...]:
    def grade(p: PathologyResult) -> str:
        return p.grade.label + ("  \u2191 rose" if p.id in facts.drift_ids else "")

    def drift(p: PathologyResult) -> str | None:
        return DRIFT_COLOUR if p.id in facts.drift_ids else None

    return (
        RecordColumn("Date", lambda p: fmt_date(p.date)),
        RecordColumn("Specimen", lambda p: p.specimen_site or DASH),
        RecordColumn("Ki-67", lambda p: fmt_percent(p.ki67), align_right=True, highlight=drift),
        RecordColumn("Mitoses /2 mm\u00b2", lambda p: fmt_number(p.mitoses), align_right=True),
        RecordColumn("Differentiation", lambda p: fmt_label(p.differentiation)),
        RecordColumn(
            "WHO grade",
            grade,
            highlight=drift,
            tooltip=lambda p: (
                "Grade higher than the previous specimen" if p.id in facts.drift_ids else ""
            ),
        ),
        RecordColumn("Necrosis", lambda p: "yes" if p.necrosis else "no"),
    )


def staging_columns() -> tuple[RecordColumn, ...]:
    def tnm(s: StagingAssessment) -> str:
        return tnm_text(s) or DASH

    return (
        RecordColumn("Date", lambda s: fmt_date(s.date)),
        RecordColumn("TNM", tnm),
        RecordColumn("Stage", lambda s: s.stage_group or DASH),
        RecordColumn("Metastatic sites", lambda s: ", ".join(s.metastatic_sites) or "none"),
        RecordColumn("Liver burden", lambda s: fmt_percent(s.liver_burden_pct), align_right=True),
    )


def imaging_columns() -> tuple[RecordColumn, ...]:
    def krenning(s: ImagingStudy) -> str:
        return str(s.krenning) if s.krenning is not None else DASH

    return (
        RecordColumn("Date", lambda s: fmt_date(s.date)),
        RecordColumn("Modality", lambda s: s.modality.label),
        RecordColumn("Krenning", krenning, align_right=True),
        RecordColumn("Avidity", lambda s: fmt_label(s.avidity)),
        RecordColumn("Response", lambda s: fmt_label(s.response)),
        RecordColumn(
            "Largest lesion", lambda s: fmt_number(s.largest_lesion_mm, "mm"), align_right=True
        ),
        RecordColumn("Finding", lambda s: s.finding or DASH, tooltip=lambda s: s.finding),
    )


def lab_columns() -> tuple[RecordColumn, ...]:
    return (
        RecordColumn("Date", lambda r: fmt_date(r.date)),
        RecordColumn("Analyte", lambda r: r.analyte.label),
        RecordColumn("Value", lambda r: fmt_number(r.value), align_right=True),
        RecordColumn("Unit", lambda r: r.unit or DASH),
    )


def ecog_columns() -> tuple[RecordColumn, ...]:
    return (
        RecordColumn("Date", lambda p: fmt_date(p.date)),
        RecordColumn("ECOG", lambda p: str(p.ecog), align_right=True),
        RecordColumn("Meaning", lambda p: ECOG_TEXT.get(p.ecog, DASH)),
    )


def tumor_columns() -> tuple[RecordColumn, ...]:
    return (
        RecordColumn("Primary site", lambda t: t.primary_site.label),
        RecordColumn("Histology", lambda t: t.histology.label),
        RecordColumn("Diagnosed", lambda t: fmt_date(t.diagnosis_date)),
        RecordColumn("Functional syndrome", lambda t: t.functional_syndrome.label),
        RecordColumn("Hereditary syndrome", lambda t: t.hereditary_syndrome.label),
        RecordColumn("Size", lambda t: fmt_number(t.primary_size_mm, "mm"), align_right=True),
    )

