"""A case as a timeline: therapy lanes, spans and dated markers, computed without drawing.

The chart (``netboard.charts.timeline_figure``), the timeline-as-table view and the PDF reports
all read this one model, so what is drawn, listed and printed agrees. Every item keeps the id of
the record it came from, so a click on the chart can select that record.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, Protocol

from netboard.domain.privacy import Scrub, keep, patient_deidentifier
from netboard.domain.snapshot import CaseSnapshot, TherapyCourse
from netboard.domain.timeline_text import course_detail, imaging_detail
from netboard.domain.vocab import (
    Analyte,
    Grade,
    ImagingModality,
    Intent,
    Modality,
    ReasonEnded,
    Response,
)
from netboard.domain.wording import fmt_date, ki67_text, local_day, num


class Lane(StrEnum):
    """Therapy lanes, in the order the chart stacks them (top to bottom)."""

    SURGERY_LOCAL = "surgery_local"
    LIVER_DIRECTED = "liver_directed"
    RADIATION = "radiation"
    NUCLEAR_MEDICINE = "nuclear_medicine"
    SOMATOSTATIN_ANALOG = "somatostatin_analog"
    TARGETED = "targeted"
    CHEMOTHERAPY = "chemotherapy"
    TRIALS = "trials"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _LANE_LABELS[self]


_LANE_LABELS = {
    Lane.SURGERY_LOCAL: "Surgery & local",
    Lane.LIVER_DIRECTED: "Liver-directed",
    Lane.RADIATION: "Radiation",
    Lane.NUCLEAR_MEDICINE: "Nuclear medicine",
    Lane.SOMATOSTATIN_ANALOG: "Somatostatin analogs",
    Lane.TARGETED: "Targeted",
    Lane.CHEMOTHERAPY: "Chemotherapy",
    Lane.TRIALS: "Trials",
    Lane.OTHER: "Other care",
}

LANE_OF_MODALITY: dict[Modality, Lane] = {
    Modality.SURGERY: Lane.SURGERY_LOCAL,
    Modality.ABLATION: Lane.SURGERY_LOCAL,
    Modality.LIVER_DIRECTED: Lane.LIVER_DIRECTED,
    Modality.RADIATION: Lane.RADIATION,
    Modality.NUCLEAR_MEDICINE: Lane.NUCLEAR_MEDICINE,
    Modality.SOMATOSTATIN_ANALOG: Lane.SOMATOSTATIN_ANALOG,
    Modality.TARGETED: Lane.TARGETED,
    Modality.IMMUNOTHERAPY: Lane.TARGETED,
    Modality.CHEMOTHERAPY: Lane.CHEMOTHERAPY,
    Modality.CLINICAL_TRIAL: Lane.TRIALS,
    Modality.SURVEILLANCE: Lane.OTHER,
    Modality.SUPPORTIVE_CARE: Lane.OTHER,
}
"""Immunotherapy shares the targeted lane; surveillance and supportive care go to 'Other care'."""

TREND_ANALYTES = (Analyte.CHROMOGRANIN_A, Analyte.URINE_5HIAA, Analyte.PLASMA_5HIAA)
"""Markers drawn on the trend track."""

KI67_BANDS: tuple[tuple[Grade, float, float], ...] = (
    (Grade.G1, 0.0, 3.0),
    (Grade.G2, 3.0, 20.0),
    (Grade.G3, 20.0, 100.0),
)
"""WHO 2019 GEP Ki-67 bands (G1 < 3 %, G2 3-20 %, G3 > 20 %), as grading.py applies them."""


class OptionNames(Protocol):
    """What the timeline needs from the therapy catalog: a name for an option id."""

    def get(self, option_id: str) -> Any: ...


@dataclass(frozen=True, slots=True)
class LaneInfo:
    lane: Lane
    label: str
    rows: int
    """Sub-rows needed so that overlapping courses in the lane do not cover each other."""


@dataclass(frozen=True, slots=True)
class Span:
    """One therapy course as a bar: ``end`` None means ongoing."""

    id: str
    lane: Lane
    row: int
    label: str
    start: date
    end: date | None
    best_response: Response | None
    reason_ended: ReasonEnded | None
    detail: str
    option_id: str = ""
    intent: Intent | None = None
    track = "Therapy"

    @property
    def ongoing(self) -> bool:
        return self.end is None

    @property
    def date(self) -> date:
        return self.start

    def describe(self) -> str:
        return f"{self.label}\n{self.detail}"


@dataclass(frozen=True, slots=True)
class ImagingMark:
    """An imaging study; ``response`` set when the study was read for response (RECIST)."""

    id: str
    date: date
    modality: ImagingModality
    response: Response | None
    detail: str
    track = "Imaging"

    @property
    def label(self) -> str:
        return self.response.label if self.response else self.modality.label

    def describe(self) -> str:
        head = f"{self.modality.label} {fmt_date(self.date)}"
        if self.response:
            head += f": {self.response.label}"
        return f"{head}\n{self.detail}" if self.detail else head


@dataclass(frozen=True, slots=True)
class PathologyStep:
    """A pathology result: Ki-67 % and grade hold from this date until the next result."""

    id: str
    date: date
    ki67: float | None
    grade: Grade
    specimen_site: str
    mitoses: float | None = None
    track = "Pathology"

    @property
    def label(self) -> str:
        ki = ki67_text(self.ki67)
        return f"{ki} ({self.grade.label})"

    def describe(self) -> str:
        parts = [self.label, f"{fmt_date(self.date)}"]
        if self.specimen_site:
            parts.append(f"Specimen: {self.specimen_site}")
        if self.mitoses is not None:
            parts.append(f"Mitoses: {num(self.mitoses)} per 2 mm²")
        return "\n".join(parts)


@dataclass(frozen=True, slots=True)
class LabPoint:
    id: str
    date: date
    analyte: Analyte
    value: float
    unit: str
    track = "Markers"

    @property
    def label(self) -> str:
        return self.analyte.label

    def describe(self) -> str:
        return f"{self.analyte.label}: {num(self.value)} {self.unit}\n{fmt_date(self.date)}"


@dataclass(frozen=True, slots=True)
class LabSeries:
    """One analyte in one unit, oldest first (values in different units are never joined)."""

    analyte: Analyte
    unit: str
    points: tuple[LabPoint, ...]

    @property
    def label(self) -> str:
        return f"{self.analyte.label}, {self.unit}" if self.unit else self.analyte.label


@dataclass(frozen=True, slots=True)
class MeetingMark:
    """A board discussion of this case; ``id`` is the discussion id."""

    id: str
    meeting_id: str
    date: date
    title: str
    detail: str
    track = "Board"

    @property
    def label(self) -> str:
        return self.title or "Tumor board"

    def describe(self) -> str:
        head = f"{self.label} {fmt_date(self.date)}"
        return f"{head}\n{self.detail}" if self.detail else head


@dataclass(frozen=True, slots=True)
class EventMark:
    """A single dated event: diagnosis, planned review."""

    id: str
    date: date
    label: str
    detail: str = ""
    track = "Case"

    def describe(self) -> str:
        head = f"{self.label} {fmt_date(self.date)}"
        return f"{head}\n{self.detail}" if self.detail else head


TimelineItem = Span | ImagingMark | PathologyStep | LabPoint | MeetingMark | EventMark


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """One line of the timeline-as-table view."""

    date: date
    track: str
    item: str
    detail: str
    item_id: str


@dataclass(frozen=True, slots=True)
class Timeline:
    today: date
    lanes: tuple[LaneInfo, ...]
    spans: tuple[Span, ...]
    imaging: tuple[ImagingMark, ...]
    pathology: tuple[PathologyStep, ...]
    labs: tuple[LabSeries, ...]
    meetings: tuple[MeetingMark, ...]
    diagnosis: EventMark | None
    next_review: EventMark | None
    view_start: date
    view_end: date

    def items(self) -> Iterator[TimelineItem]:
        yield from self.spans
        yield from self.imaging
        yield from self.pathology
        for series in self.labs:
            yield from series.points
        yield from self.meetings
        for event in (self.diagnosis, self.next_review):
            if event is not None:
                yield event

    def item(self, item_id: str) -> TimelineItem:
        """The item with this id (KeyError if the timeline has none)."""
        for found in self.items():
            if found.id == item_id:
                return found
        raise KeyError(item_id)

    def spans_in(self, lane: Lane) -> tuple[Span, ...]:
        return tuple(s for s in self.spans if s.lane == lane)

    @property
    def is_empty(self) -> bool:
        return next(self.items(), None) is None

    def rows(self) -> tuple[TimelineRow, ...]:
        """Every item as a table row (date, track, item, detail), oldest first."""
        rows: list[TimelineRow] = []
        for item in self.items():
            if isinstance(item, Span):
                rows.append(
                    TimelineRow(item.start, item.lane.label, item.label, item.detail, item.id)
                )
            elif isinstance(item, LabPoint):
                rows.append(
                    TimelineRow(
                        item.date, item.track, item.label, f"{num(item.value)} {item.unit}", item.id
                    )
                )
            else:
                lines = item.describe().split("\n", 1)
                detail = lines[1].replace("\n", "; ") if len(lines) > 1 else ""
                rows.append(TimelineRow(item.date, item.track, item.label, detail, item.id))
        return tuple(sorted(rows, key=lambda r: (r.date, r.track)))


def build_timeline(
    case: CaseSnapshot,
    today: date,
    *,
    catalog: OptionNames | None = None,
    deidentify: bool | Scrub = False,
) -> Timeline:
    """Lay out a case for the chart and the table view.

    ``deidentify`` scrubs every free text the timeline carries (agents, findings, questions,
    recommendations): ``True`` of this patient's identifiers, or pass the document's de-identifier
    (``netboard.domain.privacy``) to scrub those of every patient on the document.
    """
    if callable(deidentify):
        scrub: Scrub = deidentify
    else:
        scrub = patient_deidentifier(case.patient) if deidentify else keep
    spans, lanes = _spans(case.therapies, catalog, today, scrub)
    imaging = tuple(
        ImagingMark(s.id, s.date, s.modality, s.response, scrub(imaging_detail(s)))
        for s in sorted(case.imaging, key=lambda s: s.date)
    )
    pathology = tuple(
        PathologyStep(p.id, p.date, p.ki67, p.grade, scrub(p.specimen_site), p.mitoses)
        for p in sorted(case.pathology, key=lambda p: p.date)
    )
    meetings = tuple(_meeting_marks(case, scrub))
    diagnosis = _diagnosis(case)
    next_review = _next_review(case, today)
    timeline = Timeline(
        today=today,
        lanes=lanes,
        spans=spans,
        imaging=imaging,
        pathology=pathology,
        labs=_lab_series(case),
        meetings=meetings,
        diagnosis=diagnosis,
        next_review=next_review,
        view_start=today,
        view_end=today,
    )
    start, end = _view_range(timeline)
    return replace(timeline, view_start=start, view_end=end)


def _spans(
    courses: tuple[TherapyCourse, ...],
    catalog: OptionNames | None,
    today: date,
    scrub: Scrub,
) -> tuple[tuple[Span, ...], tuple[LaneInfo, ...]]:
    row_ends: dict[Lane, list[date]] = {}
    spans: list[Span] = []
    for course in sorted(courses, key=lambda c: (c.start_date, c.id)):
        lane = LANE_OF_MODALITY.get(course.modality, Lane.OTHER)
        ends = row_ends.setdefault(lane, [])
        last = course.end_date or date.max
        row = next((i for i, end in enumerate(ends) if end < course.start_date), len(ends))
        if row == len(ends):
            ends.append(last)
        else:
            ends[row] = last
        name = _option_name(catalog, course.option_id)
        label = course.agent or name or course.option_id
        spans.append(
            Span(
                id=course.id,
                lane=lane,
                row=row,
                label=scrub(label),
                start=course.start_date,
                end=course.end_date,
                best_response=course.best_response,
                reason_ended=course.reason_ended,
                detail=scrub(course_detail(course, name if name != label else "", today)),
                option_id=course.option_id,
                intent=course.intent,
            )
        )
    lanes = tuple(
        LaneInfo(lane, lane.label, len(row_ends[lane])) for lane in Lane if lane in row_ends
    )
    if any(s.lane == Lane.TARGETED for s in spans) and any(
        c.modality == Modality.IMMUNOTHERAPY for c in courses
    ):
        lanes = tuple(
            LaneInfo(i.lane, "Targeted & immunotherapy", i.rows) if i.lane == Lane.TARGETED else i
            for i in lanes
        )
    return tuple(spans), lanes


def _option_name(catalog: OptionNames | None, option_id: str) -> str:
    if catalog is None or not option_id:
        return ""
    try:
        option = catalog.get(option_id)
    except (KeyError, LookupError, ValueError):
        return ""
    return str(getattr(option, "name", "") or "")


def _lab_series(case: CaseSnapshot) -> tuple[LabSeries, ...]:
    series: dict[tuple[Analyte, str], list[LabPoint]] = {}
    for lab in sorted(case.labs, key=lambda lab: lab.date):
        if lab.analyte in TREND_ANALYTES:
            point = LabPoint(lab.id, lab.date, lab.analyte, lab.value, lab.unit)
            series.setdefault((lab.analyte, lab.unit), []).append(point)
    order = {a: i for i, a in enumerate(TREND_ANALYTES)}
    keys = sorted(series, key=lambda k: (order[k[0]], -len(series[k]), k[1]))
    return tuple(LabSeries(a, u, tuple(series[(a, u)])) for a, u in keys)


def _meeting_marks(case: CaseSnapshot, scrub: Scrub) -> Iterator[MeetingMark]:
    for d in case.discussions:
        if d.meeting_date is None:
            continue
        lines = []
        if d.question:
            lines.append(f"Question: {d.question}")
        if d.decision and d.decision.recommendation:
            lines.append(f"Recommendation: {d.decision.recommendation}")
        yield MeetingMark(
            d.id,
            d.meeting_id,
            local_day(d.meeting_date),
            scrub(d.meeting_title),
            scrub("\n".join(lines)),
        )


def _diagnosis(case: CaseSnapshot) -> EventMark | None:
    dated = [t for t in case.tumors if t.diagnosis_date is not None]
    if not dated:
        return None
    first = min(dated, key=lambda t: t.diagnosis_date or date.max)
    assert first.diagnosis_date is not None
    return EventMark(
        first.id,
        first.diagnosis_date,
        "Diagnosis",
        f"{first.primary_site.label}, {first.histology.label}",
    )


def _next_review(case: CaseSnapshot, today: date) -> EventMark | None:
    for d in reversed(case.discussions):
        if d.decision and d.decision.next_review:
            if d.decision.next_review >= today:
                return EventMark(
                    d.decision.id, d.decision.next_review, "Next review", "Planned board review"
                )
            return None
    return None


def _view_range(timeline: Timeline) -> tuple[date, date]:
    """Start shortly before diagnosis (or the first item), end a little after today."""
    dates = [timeline.today]
    for item in timeline.items():
        dates.append(item.date)
        if isinstance(item, Span) and item.end is not None:
            dates.append(item.end)
    first = timeline.diagnosis.date if timeline.diagnosis else min(dates)
    last = max(dates)
    pad = max(timedelta(days=30), (last - first) * 0.04)
    return first - pad, last + pad
