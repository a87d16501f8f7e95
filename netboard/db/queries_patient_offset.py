"""A patient-list page addressed by position (``offset``) when many patients match.

The list itself pages with keys (``after``; see ``queries_patient_order``); a page by position is
for callers that jump. Scalar sorts read the sort index with OFFSET; enumerated sorts count each
value first and read the page from the index ranges of the values it falls in.
"""

from __future__ import annotations

from sqlalchemy import Connection, func, select

from netboard.db.queries_patient_filter import Request, Wrap
from netboard.db.queries_patient_order import BUCKET_SORTS, NAME_KEYS, SCALAR_SORTS, Order
from netboard.db.queries_rows import PATIENT

P = PATIENT.c


def offset_page(
    conn: Connection, request: Request, order: Order, offset: int, limit: int, wrap: Wrap
) -> list[str]:
    """The ids of rows ``offset`` .. ``offset + limit`` of the whole order."""
    if order.sort in BUCKET_SORTS:
        return _bucket_page(conn, request, order, offset, limit, wrap)
    if order.sort in SCALAR_SORTS:
        column, _attr = SCALAR_SORTS[order.sort]
        key = column.desc() if order.descending else column
        terms = [key.nulls_last(), *order.order_by(NAME_KEYS)]
    else:
        terms = order.order_by(order.segments()[0].keys)
    query = select(P.id).where(*request.conds(wrap)).order_by(*terms).offset(offset).limit(limit)
    return [str(i) for i in conn.execute(query).scalars()]


def _bucket_page(
    conn: Connection, request: Request, order: Order, offset: int, limit: int, wrap: Wrap
) -> list[str]:
    column, _members, _attr = BUCKET_SORTS[order.sort]
    segments = order.segments()
    if request:
        # One pass with a count per value; on SQLite the +column terms leave only a full scan,
        # which reads the narrow ix_patient_search_key (it covers every filter column).
        tallies = conn.execute(
            select(*(func.count().filter(seg.cond) for seg in segments)).where(*request.conds(wrap))
        ).one()
        counts = [int(n) for n in tallies]
    else:
        # Unfiltered: the column's own index gives the groups.
        grouped: dict[object, int] = dict(
            conn.execute(select(column, func.count()).group_by(column)).all()
        )
        counts = [int(grouped.get(value, 0)) for value in order.bucket_values()]
    ids: list[str] = []
    skip, need = offset, limit
    for seg, n in zip(segments, counts, strict=True):
        if need <= 0:
            break
        if skip >= n:
            skip -= n
            continue
        query = (
            select(P.id)
            .where(seg.cond, *request.conds(wrap))
            .order_by(*order.order_by(seg.keys))
            .offset(skip)
            .limit(need)
        )
        got = [str(i) for i in conn.execute(query).scalars()]
        ids.extend(got)
        need -= len(got)
        skip = 0
    return ids
