"""Case discussions with what was weighed and decided, read in bulk (one query per table)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Connection, Table, nulls_last, select

from netboard.db import queries_rows as rows
from netboard.db.queries_rows import ACTION, ADDENDUM, DECISION, DISCUSSION, MEETING, OPTION
from netboard.domain import snapshot as s

T = TypeVar("T")


def load_discussions(
    conn: Connection, where: ColumnElement[bool], *, by_meeting_date: bool
) -> list[s.CaseDiscussion]:
    """The discussions matching ``where`` with their options, decision, actions and addenda.

    Ordered by meeting date (board history) or by agenda position (a meeting's agenda).
    """
    order = (
        (MEETING.c.starts_at, DISCUSSION.c.position, DISCUSSION.c.id)
        if by_meeting_date
        else (DISCUSSION.c.position, DISCUSSION.c.created_at, DISCUSSION.c.id)
    )
    found = (
        conn.execute(
            select(
                DISCUSSION, MEETING.c.starts_at, MEETING.c.title, MEETING.c.status.label("m_status")
            )
            .join(MEETING, MEETING.c.id == DISCUSSION.c.meeting_id)
            .where(where)
            .order_by(*order)
        )
        .mappings()
        .all()
    )
    if not found:
        return []
    ids = [r["id"] for r in found]
    options = _grouped(conn, OPTION, ids, (OPTION.c.created_at, OPTION.c.id), rows.option)
    actions = _grouped(
        conn, ACTION, ids, (nulls_last(ACTION.c.due_date), ACTION.c.created_at, ACTION.c.id),
        rows.action,
    )  # fmt: skip
    addenda = _grouped(conn, ADDENDUM, ids, (ADDENDUM.c.created_at, ADDENDUM.c.id), rows.addendum)
    decisions = {
        r["discussion_id"]: rows.decision(r)
        for r in conn.execute(select(DECISION).where(DECISION.c.discussion_id.in_(ids))).mappings()
    }
    result = []
    for r in found:
        meeting_row = {"starts_at": r["starts_at"], "title": r["title"], "status": r["m_status"]}
        result.append(
            rows.discussion(
                r,
                meeting_row,
                tuple(options.get(r["id"], ())),
                decisions.get(r["id"]),
                tuple(actions.get(r["id"], ())),
                tuple(addenda.get(r["id"], ())),
            )
        )
    return result


def _grouped(
    conn: Connection,
    table: Table,
    discussion_ids: Sequence[str],
    order: tuple[Any, ...],
    convert: Callable[[rows.Row], T],
) -> dict[str, list[T]]:
    grouped: dict[str, list[T]] = defaultdict(list)
    query = select(table).where(table.c.discussion_id.in_(discussion_ids)).order_by(*order)
    for r in conn.execute(query).mappings():
        grouped[r["discussion_id"]].append(convert(r))
    return grouped
