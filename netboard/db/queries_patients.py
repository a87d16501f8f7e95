"""Reads about patients: the list (paged, searched, filtered, sorted), one whole case, reviews due.

The list reads only the patient table (its denormalised ``list_*`` columns and ``search_key``) with
Core selects. Each sort key leads an index that ends in (family, given, id), so the ids of a page
come from one index range at any offset; enumerated keys (site, grade, status) are sorted in
vocabulary order by counting each value and reading the page from the right value ranges.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import ColumnElement, Connection, func, nulls_last, select

from netboard.db import queries_rows as rows
from netboard.db.errors import NotFoundError
from netboard.db.queries_discussions import load_discussions
from netboard.db.queries_meetings import next_meeting_id
from netboard.db.queries_rows import (
    DISCUSSION,
    IMAGING,
    LAB,
    MEETING,
    PATHOLOGY,
    PATIENT,
    PERFORMANCE,
    STAGING,
    THERAPY,
    TOXICITY,
    TUMOR,
)
from netboard.db.queries_search import search_words
from netboard.db.store import Store
from netboard.domain import snapshot as s
from netboard.domain.vocab import GRADE_RANK, Grade, MeetingStatus, PatientStatus, PrimarySite

P = PATIENT.c
SORT_KEYS = ("name", "mrn", "birth_date", "site", "grade", "ki67", "next_review", "status")

_SCALAR_SORTS: dict[str, Any] = {
    "mrn": P.mrn,
    "birth_date": P.birth_date,
    "ki67": P.list_ki67,
    "next_review": P.list_next_review,
}

GRADE_ORDER: tuple[Grade, ...] = tuple(
    sorted(Grade, key=lambda g: (GRADE_RANK[g] or 99, list(Grade).index(g)))
)
"""G1, typical carcinoid, G2, atypical carcinoid, G3, NEC, unknown: by aggressiveness."""

_BUCKET_SORTS: dict[str, tuple[Any, tuple[Enum, ...]]] = {
    "site": (P.list_site, tuple(PrimarySite)),
    "grade": (P.list_grade, GRADE_ORDER),
    "status": (P.status, tuple(PatientStatus)),
}

_LIST_COLUMNS = (
    P.id, P.mrn, P.family_name, P.given_name, P.birth_date, P.sex, P.status,
    P.list_site, P.list_grade, P.list_ki67, P.list_next_review,
)  # fmt: skip


def _name_order(descending: bool) -> list[Any]:
    cols = (P.family_name, P.given_name, P.id)
    return [c.desc() if descending else c for c in cols]


def _members(enum: type[Enum], value: object) -> list[Enum]:
    """One member or several (a member, its value, or an iterable of them)."""
    if isinstance(value, str | Enum):
        items: Iterable[object] = (value,)
    elif isinstance(value, Iterable):
        items = value
    else:
        items = (value,)
    return [item if isinstance(item, enum) else enum(item) for item in items]


def _conditions(
    search: str, site: object, grade: object, status: object
) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = [
        P.search_key.contains(word, autoescape=True) for word in search_words(search)
    ]
    if site is not None:
        conds.append(P.list_site.in_(_members(PrimarySite, site)))
    if grade is not None:
        conds.append(P.list_grade.in_(_members(Grade, grade)))
    if status is not None:
        conds.append(P.status.in_(_members(PatientStatus, status)))
    return conds


def list_patients(
    store: Store,
    *,
    search: str = "",
    site: PrimarySite | str | Iterable[PrimarySite | str] | None = None,
    grade: Grade | str | Iterable[Grade | str] | None = None,
    status: PatientStatus | str | Iterable[PatientStatus | str] | None = None,
    on_next_agenda: bool = False,
    sort: str = "name",
    descending: bool = False,
    offset: int = 0,
    limit: int = 50,
    now: datetime | None = None,
) -> s.PatientPage:
    """One page of the patient list and the number of patients that match.

    ``search`` matches every word against name and MRN (case and accents ignored). Filters take one
    value or several. Empty values sort last in either direction; ties sort by name.
    """
    if sort not in SORT_KEYS:
        raise ValueError(f"unknown sort '{sort}' (one of {', '.join(SORT_KEYS)})")
    offset, limit = max(offset, 0), max(limit, 0)
    conds = _conditions(search, site, grade, status)
    with store.read() as conn:
        next_id = next_meeting_id(conn, now)
        on_agenda: set[str] = set()
        if next_id is not None:
            on_agenda = set(
                conn.execute(
                    select(DISCUSSION.c.patient_id).where(DISCUSSION.c.meeting_id == next_id)
                ).scalars()
            )
        if on_next_agenda:
            if next_id is None:
                return s.PatientPage(rows=(), total=0, offset=offset)
            agenda = select(DISCUSSION.c.patient_id).where(DISCUSSION.c.meeting_id == next_id)
            conds.append(P.id.in_(agenda))
        if sort in _BUCKET_SORTS:
            ids, total = _bucket_page(conn, conds, sort, descending, offset, limit)
        else:
            ids = _scalar_page(conn, conds, sort, descending, offset, limit)
            if limit > 0 and (0 < len(ids) < limit or (offset == 0 and not ids)):
                total = offset + len(ids)
            else:
                total = int(conn.execute(select(func.count()).where(*conds).select_from(PATIENT))
                            .scalar_one())  # fmt: skip
        found = {
            r["id"]: r for r in conn.execute(select(*_LIST_COLUMNS).where(P.id.in_(ids))).mappings()
        }
    page = tuple(rows.patient_row(found[i], i in on_agenda) for i in ids if i in found)
    return s.PatientPage(rows=page, total=total, offset=offset)


def _scalar_page(
    conn: Connection,
    conds: Sequence[ColumnElement[bool]],
    sort: str,
    descending: bool,
    offset: int,
    limit: int,
) -> list[str]:
    order: list[Any]
    if sort == "name":
        order = _name_order(descending)
    elif sort == "mrn":
        order = [P.mrn.desc() if descending else P.mrn]
    else:
        key = _SCALAR_SORTS[sort]
        order = [nulls_last(key.desc() if descending else key), *_name_order(descending)]
    query = select(P.id).where(*conds).order_by(*order).offset(offset).limit(limit)
    return [str(i) for i in conn.execute(query).scalars()]


def _bucket_page(
    conn: Connection,
    conds: Sequence[ColumnElement[bool]],
    sort: str,
    descending: bool,
    offset: int,
    limit: int,
) -> tuple[list[str], int]:
    column, members = _BUCKET_SORTS[sort]
    counts: dict[object, int] = {
        value: int(n)
        for value, n in conn.execute(
            select(column, func.count()).where(*conds).group_by(column)
        ).all()
    }
    total = sum(counts.values())
    values: list[object] = [*(reversed(members) if descending else members), None]
    ids: list[str] = []
    skip, need = offset, limit
    for value in values:
        if need <= 0:
            break
        n = counts.get(value, 0)
        if skip >= n:
            skip -= n
            continue
        match = column.is_(None) if value is None else column == value
        query = (
            select(P.id)
            .where(*conds, match)
            .order_by(*_name_order(descending))
            .offset(skip)
            .limit(need)
        )
        got = [str(i) for i in conn.execute(query).scalars()]
        ids.extend(got)
        need -= len(got)
        skip = 0
    return ids, total


def get_patient(store: Store, patient_id: str) -> s.Patient:
    with store.read() as conn:
        found = conn.execute(select(PATIENT).where(P.id == patient_id)).mappings().first()
    if found is None:
        raise NotFoundError("patient", patient_id)
    return rows.patient(found)


def find_patient(store: Store, mrn: str) -> s.Patient | None:
    """The patient with exactly this MRN (surrounding spaces ignored), if any."""
    with store.read() as conn:
        found = conn.execute(select(PATIENT).where(P.mrn == mrn.strip())).mappings().first()
    return rows.patient(found) if found is not None else None


def get_case(store: Store, patient_id: str) -> s.CaseSnapshot:
    """Everything recorded about one patient, each collection oldest first."""
    with store.read() as conn:
        found = conn.execute(select(PATIENT).where(P.id == patient_id)).mappings().first()
        if found is None:
            raise NotFoundError("patient", patient_id)
        tumor_ids = select(TUMOR.c.id).where(TUMOR.c.patient_id == patient_id).scalar_subquery()

        def fetch(table: Any, where: Any, *order: Any) -> Sequence[rows.Row]:
            query = select(table).where(where).order_by(*order, table.c.created_at, table.c.id)
            return conn.execute(query).mappings().all()

        tumors = fetch(TUMOR, TUMOR.c.patient_id == patient_id, nulls_last(TUMOR.c.diagnosis_date))
        pathology = fetch(PATHOLOGY, PATHOLOGY.c.tumor_id.in_(tumor_ids), PATHOLOGY.c.date)
        staging = fetch(STAGING, STAGING.c.tumor_id.in_(tumor_ids), STAGING.c.date)
        imaging = fetch(IMAGING, IMAGING.c.patient_id == patient_id, IMAGING.c.date)
        labs = fetch(LAB, LAB.c.patient_id == patient_id, LAB.c.date)
        performance = fetch(PERFORMANCE, PERFORMANCE.c.patient_id == patient_id,
                            PERFORMANCE.c.date)  # fmt: skip
        therapies = fetch(THERAPY, THERAPY.c.patient_id == patient_id, THERAPY.c.start_date)
        course_ids = select(THERAPY.c.id).where(THERAPY.c.patient_id == patient_id)
        toxicities: dict[str, list[s.Toxicity]] = defaultdict(list)
        for r in fetch(TOXICITY, TOXICITY.c.course_id.in_(course_ids.scalar_subquery()),
                       nulls_last(TOXICITY.c.date)):  # fmt: skip
            toxicities[r["course_id"]].append(rows.toxicity(r))
        discussions = load_discussions(
            conn, DISCUSSION.c.patient_id == patient_id, by_meeting_date=True
        )
    return s.CaseSnapshot(
        patient=rows.patient(found),
        tumors=tuple(rows.tumor(r) for r in tumors),
        pathology=tuple(rows.pathology(r) for r in pathology),
        staging=tuple(rows.staging(r) for r in staging),
        imaging=tuple(rows.imaging(r) for r in imaging),
        labs=tuple(rows.lab(r) for r in labs),
        performance=tuple(rows.performance(r) for r in performance),
        therapies=tuple(rows.therapy(r, tuple(toxicities.get(r["id"], ()))) for r in therapies),
        discussions=tuple(discussions),
    )


def overdue_reviews(store: Store, today: date) -> list[tuple[s.Patient, date]]:
    """Active or followed-up patients whose board review date has passed and who are not on the
    agenda of a meeting still to come or in progress (most overdue first)."""
    scheduled = (
        select(DISCUSSION.c.patient_id)
        .join(MEETING, MEETING.c.id == DISCUSSION.c.meeting_id)
        .where(MEETING.c.status != MeetingStatus.FINALIZED)
    )
    query = (
        select(PATIENT)
        .where(P.list_next_review < today)
        .where(P.status.in_([PatientStatus.ACTIVE, PatientStatus.FOLLOW_UP]))
        .where(P.id.not_in(scheduled))
        .order_by(P.list_next_review, *_name_order(False))
    )
    with store.read() as conn:
        return [(rows.patient(r), r["list_next_review"]) for r in conn.execute(query).mappings()]
