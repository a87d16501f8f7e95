"""The sort orders of the patient list, written as index ranges ("segments") for keyset paging.

Every order is a sequence of segments; each segment is one contiguous range of one index, read in
one direction:

* name: (family, given, id); mrn: (mrn);
* birth date, Ki-67, next review: the rows that have a value by (value, family, given, id), then
  the rows without one by name (empty values last in both directions);
* site, grade, status: one segment per vocabulary value in vocabulary order (grade by
  aggressiveness), then the rows without a value, each by name.

A page that continues after a row (``after``) starts in that row's segment with a row-value
comparison (``(value, family, given, id) > (...)``), which both SQLite and PostgreSQL answer as an
index range, so page 5,000 costs what page 1 costs.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from sqlalchemy import ColumnElement, and_, case, literal, or_, true, tuple_

from netboard.db.queries_rows import PATIENT
from netboard.domain import snapshot as s
from netboard.domain.vocab import GRADE_RANK, Grade, PatientStatus, PrimarySite

P = PATIENT.c
SORT_KEYS = ("name", "mrn", "birth_date", "site", "grade", "ki67", "next_review", "status")

GRADE_ORDER: tuple[Grade, ...] = tuple(
    sorted(Grade, key=lambda g: (GRADE_RANK[g] or 99, list(Grade).index(g)))
)
"""G1, typical carcinoid, G2, atypical carcinoid, G3, NEC, unknown: by aggressiveness."""

NAME_KEYS = (P.family_name, P.given_name, P.id)
SCALAR_SORTS: dict[str, tuple[Any, str]] = {
    "birth_date": (P.birth_date, "birth_date"),
    "ki67": (P.list_ki67, "ki67"),
    "next_review": (P.list_next_review, "next_review"),
}
"""Sort key -> (column, PatientRow attribute)."""
BUCKET_SORTS: dict[str, tuple[Any, tuple[Enum, ...], str]] = {
    "site": (P.list_site, tuple(PrimarySite), "primary_site"),
    "grade": (P.list_grade, GRADE_ORDER, "grade"),
    "status": (P.status, tuple(PatientStatus), "status"),
}


@dataclass(frozen=True)
class Segment:
    """Rows where ``cond`` holds, ordered by ``keys`` (all ascending or all descending)."""

    cond: ColumnElement[bool]
    keys: tuple[Any, ...]


@dataclass(frozen=True)
class Order:
    sort: str
    descending: bool

    def segments(self) -> list[Segment]:
        if self.sort == "name":
            return [Segment(true(), NAME_KEYS)]
        if self.sort == "mrn":
            return [Segment(true(), (P.mrn,))]
        if self.sort in SCALAR_SORTS:
            column, _attr = SCALAR_SORTS[self.sort]
            return [Segment(column.is_not(None), (column, *NAME_KEYS)),
                    Segment(column.is_(None), NAME_KEYS)]  # fmt: skip
        column, members, _attr = BUCKET_SORTS[self.sort]
        return [Segment(column == m, NAME_KEYS) for m in self._members(members)] + [
            Segment(column.is_(None), NAME_KEYS)
        ]

    def bucket_values(self) -> list[Enum | None]:
        """The value of each segment of an enumerated sort (None: rows without a value)."""
        _column, members, _attr = BUCKET_SORTS[self.sort]
        return [*self._members(members), None]

    def _members(self, members: tuple[Enum, ...]) -> list[Enum]:
        return list(reversed(members)) if self.descending else list(members)

    def position(self, row: s.PatientRow) -> tuple[int, tuple[Any, ...]]:
        """The segment of ``row`` and its key values there."""
        names = (row.family_name, row.given_name, row.id)
        if self.sort == "name":
            return 0, names
        if self.sort == "mrn":
            return 0, (row.mrn,)
        if self.sort in SCALAR_SORTS:
            _column, attr = SCALAR_SORTS[self.sort]
            value = getattr(row, attr)
            return (1, names) if value is None else (0, (value, *names))
        _column, members, attr = BUCKET_SORTS[self.sort]
        value = getattr(row, attr)
        ordered = self._members(members)
        return (len(ordered) if value is None else ordered.index(value)), names

    def rank(self) -> Any:
        """The segment number of a row as an SQL expression (for sorting a few rows at once)."""
        if self.sort in SCALAR_SORTS:
            column, _attr = SCALAR_SORTS[self.sort]
            return case((column.is_(None), 1), else_=0)
        if self.sort in BUCKET_SORTS:
            column, members, _attr = BUCKET_SORTS[self.sort]
            ordered = self._members(members)
            return case({m: i for i, m in enumerate(ordered)}, value=column, else_=len(ordered))
        return literal(0)

    def order_by(self, keys: tuple[Any, ...], wrap: Any = None) -> list[Any]:
        wrapped = [wrap(k) for k in keys] if wrap is not None else list(keys)
        return [k.desc() if self.descending else k for k in wrapped]

    def beyond(
        self, keys: tuple[Any, ...], values: tuple[Any, ...], wrap: Any = None
    ) -> ColumnElement[bool]:
        """Rows after ``values`` in the order of ``keys`` (a row-value comparison)."""
        bound = tuple_(*(literal(v, k.type) for k, v in zip(keys, values, strict=True)))
        row = tuple_(*(wrap(k) for k in keys)) if wrap is not None else tuple_(*keys)
        return row < bound if self.descending else row > bound

    def after_row(self, row: s.PatientRow, wrap: Any = None) -> ColumnElement[bool]:
        """Rows after ``row`` in the whole order (for sorting a few rows at once)."""
        number, values = self.position(row)
        keys = self.segments()[number].keys
        rank = self.rank()
        return or_(rank > number, and_(rank == number, self.beyond(keys, values, wrap)))

    def full_order(self, wrap: Any = None) -> list[Any]:
        """ORDER BY terms of the whole order: segment number, then the keys (``wrap``: e.g.
        ``+column`` so that SQLite sorts a few rows instead of walking an index)."""
        if self.sort in SCALAR_SORTS:
            column, _attr = SCALAR_SORTS[self.sort]
            return [self.rank(), *self.order_by((column, *NAME_KEYS), wrap)]
        return [self.rank(), *self.order_by(self.segments()[0].keys, wrap)]
