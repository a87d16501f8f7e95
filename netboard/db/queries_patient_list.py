"""The patient list: one page, searched, filtered and sorted, fast on 100,000 patients.

Only the patient table is read (its denormalised ``list_*`` columns and ``search_key``), with Core
selects, in three ways chosen by how many patients match:

* no search or filter: every sort key leads an index ending in (family, given, id), so the ids of
  a page come from one index range at any offset;
* at most ``FEW`` matches: they are found first (a search reads the narrow (search_key, id)
  index) and only they are sorted;
* more matches: the sort index is walked and each row tested; matches are then dense enough that
  a page fills quickly. On SQLite the filter terms are written ``+column`` so the planner cannot
  pick the filter's own index and sort everything instead.

Enumerated keys (site, grade, status) sort in vocabulary order (grade by aggressiveness), not by
their stored text: per value, counted and read from that value's index range.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from enum import Enum
from typing import Any

from sqlalchemy import ColumnElement, Connection, case, func, nulls_last, select
from sqlalchemy.sql import operators
from sqlalchemy.sql.expression import UnaryExpression

from netboard.db import queries_rows as rows
from netboard.db.queries_meetings import next_meeting_id
from netboard.db.queries_rows import DISCUSSION, PATIENT
from netboard.db.queries_search import search_words
from netboard.db.store import Store
from netboard.domain import snapshot as s
from netboard.domain.vocab import GRADE_RANK, Grade, PatientStatus, PrimarySite

P = PATIENT.c
SORT_KEYS = ("name", "mrn", "birth_date", "site", "grade", "ki67", "next_review", "status")

GRADE_ORDER: tuple[Grade, ...] = tuple(
    sorted(Grade, key=lambda g: (GRADE_RANK[g] or 99, list(Grade).index(g)))
)
"""G1, typical carcinoid, G2, atypical carcinoid, G3, NEC, unknown: by aggressiveness."""

FEW = 2000
"""Up to this many matches a page is sorted from the matches alone."""

_SCALAR_SORTS: dict[str, Any] = {
    "birth_date": P.birth_date,
    "ki67": P.list_ki67,
    "next_review": P.list_next_review,
}
_BUCKET_SORTS: dict[str, tuple[Any, tuple[Enum, ...]]] = {
    "site": (P.list_site, tuple(PrimarySite)),
    "grade": (P.list_grade, GRADE_ORDER),
    "status": (P.status, tuple(PatientStatus)),
}
_LIST_COLUMNS = (
    P.id, P.mrn, P.family_name, P.given_name, P.birth_date, P.sex, P.status,
    P.list_site, P.list_grade, P.list_ki67, P.list_next_review,
)  # fmt: skip

Wrap = Callable[[Any], Any]


def _as_is(column: Any) -> Any:
    return column


def _no_index(column: Any) -> Any:
    """``+column``: the same value, but SQLite may not use an index for this term."""
    return UnaryExpression(column, operator=operators.custom_op("+"), type_=column.type)


def _members(enum: type[Enum], value: object) -> list[Enum]:
    """One member or several (a member, its value, or an iterable of them)."""
    items: Iterable[object]
    if isinstance(value, str | Enum) or not isinstance(value, Iterable):
        items = (value,)
    else:
        items = value
    return [item if isinstance(item, enum) else enum(item) for item in items]


class _Filter:
    """The search and filters of one request, written with or without index use."""

    def __init__(
        self, search: str, site: object, grade: object, status: object, agenda: Any
    ) -> None:
        self.words = search_words(search)
        self.site = None if site is None else _members(PrimarySite, site)
        self.grade = None if grade is None else _members(Grade, grade)
        self.status = None if status is None else _members(PatientStatus, status)
        self.agenda = agenda

    @property
    def kinds(self) -> int:
        """How many kinds of condition (search, site, grade, status, agenda) are set."""
        return bool(self.words) + sum(
            x is not None for x in (self.site, self.grade, self.status, self.agenda)
        )

    def __bool__(self) -> bool:
        return self.kinds > 0

    def conds(self, wrap: Wrap = _as_is) -> list[ColumnElement[bool]]:
        out: list[ColumnElement[bool]] = [
            wrap(P.search_key).contains(word, autoescape=True) for word in self.words
        ]
        for column, values in ((P.list_site, self.site), (P.list_grade, self.grade),
                               (P.status, self.status)):  # fmt: skip
            if values is not None:
                out.append(wrap(column).in_(values))
        if self.agenda is not None:
            out.append(P.id.in_(self.agenda))
        return out


def _name_order(descending: bool, wrap: Wrap = _as_is) -> list[Any]:
    cols = (P.family_name, P.given_name, P.id)
    return [wrap(c).desc() if descending else wrap(c) for c in cols]


def _order(sort: str, descending: bool, wrap: Wrap = _as_is) -> list[Any]:
    """ORDER BY terms for a scalar sort (empty values last in both directions)."""
    if sort == "name":
        return _name_order(descending, wrap)
    if sort == "mrn":
        return [wrap(P.mrn).desc() if descending else wrap(P.mrn)]
    if sort in _BUCKET_SORTS:
        column, members = _BUCKET_SORTS[sort]
        ranked = list(reversed(members)) if descending else list(members)
        rank = case({m: i for i, m in enumerate(ranked)}, value=column, else_=len(ranked))
        return [rank, *_name_order(descending, wrap)]
    key = wrap(_SCALAR_SORTS[sort])
    return [nulls_last(key.desc() if descending else key), *_name_order(descending, wrap)]


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
    with store.read() as conn:
        next_id = next_meeting_id(conn, now)
        agenda = select(DISCUSSION.c.patient_id).where(DISCUSSION.c.meeting_id == next_id)
        on_agenda = set(conn.execute(agenda).scalars()) if next_id else set()
        if on_next_agenda and next_id is None:
            return s.PatientPage(rows=(), total=0, offset=offset)
        request = _Filter(search, site, grade, status, agenda if on_next_agenda else None)
        wrap = _no_index if store.is_sqlite else _as_is
        ids, total = _page(conn, request, sort, descending, offset, limit, wrap)
        found = {
            r["id"]: r for r in conn.execute(select(*_LIST_COLUMNS).where(P.id.in_(ids))).mappings()
        }
    page = tuple(rows.patient_row(found[i], i in on_agenda) for i in ids if i in found)
    return s.PatientPage(rows=page, total=total, offset=offset)


def _page(
    conn: Connection,
    request: _Filter,
    sort: str,
    descending: bool,
    offset: int,
    limit: int,
    wrap: Wrap,
) -> tuple[list[str], int]:
    if request:
        # One filter kind: its own index finds the matches. Several: a scan of the covering
        # ix_patient_search_key beats an index range plus a table lookup per row.
        conds = request.conds(wrap if request.kinds > 1 else _as_is)
        matches = [
            str(i) for i in conn.execute(select(P.id).where(*conds).limit(FEW + 1)).scalars()
        ]
        if len(matches) <= FEW:
            # Sort just the matches (primary-key lookups); +column keeps SQLite from walking a
            # sort index past every row that does not match.
            query = (
                select(P.id)
                .where(P.id.in_(matches))
                .order_by(*_order(sort, descending, wrap))
                .offset(offset)
                .limit(limit)
            )
            return ([str(i) for i in conn.execute(query).scalars()], len(matches))
    if sort in _BUCKET_SORTS:
        return _bucket_page(conn, request, sort, descending, offset, limit, wrap)
    query = (
        select(P.id)
        .where(*request.conds(wrap))
        .order_by(*_order(sort, descending))
        .offset(offset)
        .limit(limit)
    )
    ids = [str(i) for i in conn.execute(query).scalars()]
    if limit > 0 and (0 < len(ids) < limit or (offset == 0 and not ids)):
        return ids, offset + len(ids)
    count = select(func.count()).select_from(PATIENT).where(*request.conds())
    return ids, int(conn.execute(count).scalar_one())


def _bucket_page(
    conn: Connection,
    request: _Filter,
    sort: str,
    descending: bool,
    offset: int,
    limit: int,
    wrap: Wrap,
) -> tuple[list[str], int]:
    """A page sorted by an enumerated column: count each value, then read the page from the
    index ranges of the values it falls in."""
    column, members = _BUCKET_SORTS[sort]
    values: list[object] = [*(reversed(members) if descending else members), None]
    if request:
        # One pass with a count per value; on SQLite the +column terms leave only a full scan,
        # which reads the narrow ix_patient_search_key (it covers every filter column).
        tallies = conn.execute(
            select(
                *(
                    func.count().filter(column.is_(None) if value is None else column == value)
                    for value in values
                )
            ).where(*request.conds(wrap))
        ).one()
        counts = {value: int(n) for value, n in zip(values, tallies, strict=True)}
    else:
        # Unfiltered: the column's own index gives the groups in order.
        grouped = conn.execute(select(column, func.count()).group_by(column)).all()
        counts = {value: int(n) for value, n in grouped}
    total = sum(counts.values())
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
            .where(match, *request.conds(wrap))
            .order_by(*_name_order(descending))
            .offset(skip)
            .limit(need)
        )
        got = [str(i) for i in conn.execute(query).scalars()]
        ids.extend(got)
        need -= len(got)
        skip = 0
    return ids, total
