"""Table rows (Core result mappings) -> domain snapshots. Nothing here touches a session;
``by_id`` reads through the connection it is given."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import fields
from typing import Any, TypeVar

from sqlalchemy import Connection, RowMapping, Table, select

from netboard.db import models as m
from netboard.domain import snapshot as s

Row = RowMapping
T = TypeVar("T")

PATIENT: Table = m.PatientRow.__table__  # type: ignore[assignment]
TUMOR: Table = m.TumorRow.__table__  # type: ignore[assignment]
PATHOLOGY: Table = m.PathologyRow.__table__  # type: ignore[assignment]
STAGING: Table = m.StagingRow.__table__  # type: ignore[assignment]
IMAGING: Table = m.ImagingRow.__table__  # type: ignore[assignment]
LAB: Table = m.LabRow.__table__  # type: ignore[assignment]
PERFORMANCE: Table = m.PerformanceRow.__table__  # type: ignore[assignment]
THERAPY: Table = m.TherapyCourseRow.__table__  # type: ignore[assignment]
TOXICITY: Table = m.ToxicityRow.__table__  # type: ignore[assignment]
MEETING: Table = m.MeetingRow.__table__  # type: ignore[assignment]
ATTENDANCE: Table = m.AttendanceRow.__table__  # type: ignore[assignment]
DISCUSSION: Table = m.CaseDiscussionRow.__table__  # type: ignore[assignment]
OPTION: Table = m.OptionConsideredRow.__table__  # type: ignore[assignment]
DECISION: Table = m.DecisionRow.__table__  # type: ignore[assignment]
ACTION: Table = m.ActionItemRow.__table__  # type: ignore[assignment]
ADDENDUM: Table = m.AddendumRow.__table__  # type: ignore[assignment]
AUDIT: Table = m.AuditRow.__table__  # type: ignore[assignment]


def by_id(
    conn: Connection, table: Table, ids: Collection[str], convert: Callable[[Row], T]
) -> dict[str, T]:
    """The rows of ``table`` with these ids, each converted, by id."""
    found = conn.execute(select(table).where(table.c.id.in_(ids))).mappings()
    return {r["id"]: convert(r) for r in found}


def split_sites(text: str) -> tuple[str, ...]:
    """The stored comma-separated metastatic sites as a tuple."""
    return tuple(part.strip() for part in text.split(",") if part.strip())


def join_sites(sites: tuple[str, ...] | list[str]) -> str:
    return ", ".join(site.strip() for site in sites if site.strip())


_FIELDS: dict[type, tuple[str, ...]] = {}


def _column_fields(cls: type) -> tuple[str, ...]:
    """The fields of a snapshot class, in order (each is a column of the same name)."""
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in fields(cls))
    return names


def _build(cls: type[T], r: Row, **derived: Any) -> T:
    """A snapshot from a row: every field read from the column of its name, except ``derived``."""
    values = {name: r[name] for name in _column_fields(cls) if name not in derived}
    return cls(**values, **derived)


def _plain(cls: type[T]) -> Callable[[Row], T]:
    """The converter of a snapshot class whose every field is the column of its name."""

    def convert(r: Row) -> T:
        return _build(cls, r)

    return convert


patient = _plain(s.Patient)


def patient_row(r: Row, on_next_agenda: bool) -> s.PatientRow:
    """A list line: site, grade, Ki-67 and review date come from the denormalised list columns."""
    return _build(
        s.PatientRow,
        r,
        primary_site=r["list_site"],
        grade=r["list_grade"],
        ki67=r["list_ki67"],
        next_review=r["list_next_review"],
        on_next_agenda=on_next_agenda,
    )


tumor = _plain(s.Tumor)
pathology = _plain(s.PathologyResult)


def staging(r: Row) -> s.StagingAssessment:
    return _build(s.StagingAssessment, r, metastatic_sites=split_sites(r["metastatic_sites"]))


imaging = _plain(s.ImagingStudy)
lab = _plain(s.LabResult)
performance = _plain(s.PerformanceStatus)
toxicity = _plain(s.Toxicity)


def therapy(r: Row, toxicities: tuple[s.Toxicity, ...]) -> s.TherapyCourse:
    return _build(s.TherapyCourse, r, toxicities=toxicities)


meeting = _plain(s.Meeting)
attendance = _plain(s.Attendance)
option = _plain(s.OptionConsidered)
decision = _plain(s.Decision)
action = _plain(s.ActionItem)
addendum = _plain(s.Addendum)


def discussion(
    r: Row,
    meeting_row: Mapping[str, Any],
    options: tuple[s.OptionConsidered, ...],
    decision_: s.Decision | None,
    actions: tuple[s.ActionItem, ...],
    addenda: tuple[s.Addendum, ...],
) -> s.CaseDiscussion:
    return _build(
        s.CaseDiscussion,
        r,
        meeting_date=meeting_row["starts_at"],
        meeting_title=meeting_row["title"],
        meeting_status=meeting_row["status"],
        options=options,
        decision=decision_,
        actions=actions,
        addenda=addenda,
    )


def audit(r: Row) -> s.AuditEntry:
    changes = r["changes"] or {}
    return s.AuditEntry(
        id=r["id"],
        at=r["at"],
        who=r["who"],
        entity=r["entity"],
        entity_id=r["entity_id"],
        action=r["action"],
        changes={
            str(k): (pair[0], pair[1])
            if isinstance(pair, list | tuple) and len(pair) == 2
            else (None, pair)
            for k, pair in changes.items()
        },
    )
