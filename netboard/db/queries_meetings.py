"""Meeting reads: lists, one meeting and its agenda, the next meeting, open actions, audit."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TypeVar

from sqlalchemy import Connection, ScalarSelect, Select, Table, false, nulls_last, select

from netboard.db import queries_rows as rows
from netboard.db.errors import NotFoundError
from netboard.db.queries_discussions import load_discussions
from netboard.db.queries_rows import (
    ACTION,
    ADDENDUM,
    ATTENDANCE,
    AUDIT,
    DISCUSSION,
    MEETING,
    PATIENT,
)
from netboard.db.store import Store
from netboard.domain import snapshot as s
from netboard.domain.vocab import MeetingStatus

T = TypeVar("T")


def _aware(now: datetime | None) -> datetime:
    now = now or datetime.now(UTC)
    return now if now.tzinfo is not None else now.astimezone()


def start_of_day(now: datetime) -> datetime:
    """Midnight (local wall clock of ``now``) of the day ``now`` falls on, as an aware datetime."""
    local = _aware(now).astimezone()
    return datetime.combine(local.date(), time.min, tzinfo=local.tzinfo)


def next_meeting_id(conn: Connection, now: datetime | None = None) -> str | None:
    """The next meeting: the earliest one not finalized that starts today (local day) or later."""
    found = conn.execute(_next_meeting(now)).scalar_one_or_none()
    return str(found) if found is not None else None


def next_meeting_select(now: datetime | None = None) -> ScalarSelect[Any]:
    """``next_meeting_id`` as a scalar subquery (NULL when there is none), for one statement."""
    return _next_meeting(now).scalar_subquery()


def _next_meeting(now: datetime | None) -> Select[Any]:
    return (
        select(MEETING.c.id)
        .where(MEETING.c.status != MeetingStatus.FINALIZED)
        .where(MEETING.c.starts_at >= start_of_day(_aware(now)))
        .order_by(MEETING.c.starts_at, MEETING.c.id)
        .limit(1)
    )


def list_meetings(
    store: Store, *, upcoming: bool | None = None, now: datetime | None = None
) -> list[s.Meeting]:
    """Meetings: ``upcoming=True`` from today on, soonest first; ``False`` before today, latest
    first; ``None`` all of them in date order."""
    cutoff = start_of_day(_aware(now))
    query = select(MEETING)
    if upcoming is True:
        query = query.where(MEETING.c.starts_at >= cutoff).order_by(MEETING.c.starts_at)
    elif upcoming is False:
        query = query.where(MEETING.c.starts_at < cutoff).order_by(MEETING.c.starts_at.desc())
    else:
        query = query.order_by(MEETING.c.starts_at)
    with store.read() as conn:
        return [rows.meeting(r) for r in conn.execute(query).mappings()]


def get_meeting(store: Store, meeting_id: str) -> s.MeetingSnapshot:
    """A meeting with attendance, its agenda in order (with each patient) and its addenda."""
    with store.read() as conn:
        found = conn.execute(select(MEETING).where(MEETING.c.id == meeting_id)).mappings().first()
        if found is None:
            raise NotFoundError("meeting", meeting_id)
        attendance = _of_meeting(conn, ATTENDANCE, meeting_id, rows.attendance)
        discussions = load_discussions(
            conn, DISCUSSION.c.meeting_id == meeting_id, by_meeting_date=False
        )
        patient_ids = sorted({d.patient_id for d in discussions})
        patients = rows.by_id(conn, PATIENT, patient_ids, lambda r: r)
        agenda = tuple(
            s.AgendaItem(
                discussion=d,
                patient=rows.patient(patients[d.patient_id]),
                primary_site=patients[d.patient_id]["list_site"],
                grade=patients[d.patient_id]["list_grade"],
            )
            for d in discussions
        )
        addenda = _of_meeting(conn, ADDENDUM, meeting_id, rows.addendum)
    return s.MeetingSnapshot(
        meeting=rows.meeting(found), attendance=attendance, agenda=agenda, addenda=addenda
    )


def _of_meeting(
    conn: Connection, table: Table, meeting_id: str, convert: Callable[[rows.Row], T]
) -> tuple[T, ...]:
    """The meeting's records in ``table`` (attendance, addenda) in the order they were made."""
    query = (
        select(table)
        .where(table.c.meeting_id == meeting_id)
        .order_by(table.c.created_at, table.c.id)
    )
    return tuple(convert(r) for r in conn.execute(query).mappings())


def find_meeting(store: Store, id_or_date: str) -> s.Meeting | None:
    """The meeting with this id, or the first meeting on this day (YYYY-MM-DD, local time)."""
    text = id_or_date.strip()
    with store.read() as conn:
        try:
            day = date.fromisoformat(text)
        except ValueError:
            try:
                uuid.UUID(text)
            except ValueError:
                return None
            query = select(MEETING).where(MEETING.c.id == text)
        else:
            start = datetime.combine(day, time.min).astimezone()
            query = (
                select(MEETING)
                .where(
                    MEETING.c.starts_at >= start, MEETING.c.starts_at < start + timedelta(days=1)
                )
                .order_by(MEETING.c.starts_at, MEETING.c.id)
                .limit(1)
            )
        found = conn.execute(query).mappings().first()
    return rows.meeting(found) if found is not None else None


def next_meeting(store: Store, now: datetime | None = None) -> s.Meeting | None:
    """The earliest meeting that is not finalized and starts today or later."""
    with store.read() as conn:
        meeting_id = next_meeting_id(conn, now)
        if meeting_id is None:
            return None
        found = conn.execute(select(MEETING).where(MEETING.c.id == meeting_id)).mappings().one()
    return rows.meeting(found)


def open_action_items(store: Store) -> list[tuple[s.ActionItem, s.Patient, s.Meeting]]:
    """Actions not yet done, with the patient and meeting they came from (earliest due first)."""
    query = (
        select(ACTION, DISCUSSION.c.patient_id, DISCUSSION.c.meeting_id)
        .join(DISCUSSION, DISCUSSION.c.id == ACTION.c.discussion_id)
        .where(ACTION.c.done == false())
        .order_by(nulls_last(ACTION.c.due_date), ACTION.c.created_at, ACTION.c.id)
    )
    with store.read() as conn:
        found = conn.execute(query).mappings().all()
        patient_ids = sorted({r["patient_id"] for r in found})
        meeting_ids = sorted({r["meeting_id"] for r in found})
        patients = rows.by_id(conn, PATIENT, patient_ids, rows.patient)
        meetings = rows.by_id(conn, MEETING, meeting_ids, rows.meeting)
    return [(rows.action(r), patients[r["patient_id"]], meetings[r["meeting_id"]]) for r in found]


def audit_log(
    store: Store, *, entity_id: str | None = None, limit: int = 200
) -> list[s.AuditEntry]:
    """The newest audit entries first (of one record when ``entity_id`` is given)."""
    query = select(AUDIT).order_by(AUDIT.c.at.desc(), AUDIT.c.id.desc()).limit(limit)
    if entity_id is not None:
        query = query.where(AUDIT.c.entity_id == entity_id)
    with store.read() as conn:
        return [rows.audit(r) for r in conn.execute(query).mappings()]
