"""Meeting operations: the agenda, the meeting's status, addenda, and courses from decisions."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm.exc import StaleDataError

from netboard.db import models as m
from netboard.db.errors import NotFoundError
from netboard.db.operations_kinds import StaleError, audit, check_open, conflict, get_row
from netboard.db.operations_write import create_in, mark_done, update_in
from netboard.db.queries_rows import DISCUSSION
from netboard.db.store import Store
from netboard.domain.catalog import Catalog, load_catalog
from netboard.domain.validation import FieldError, ValidationError
from netboard.domain.vocab import MeetingStatus


def add_to_agenda(store: Store, meeting_id: str, patient_id: str, **values: object) -> str:
    """Put a patient on a meeting's agenda, at the end; returns the agenda item (discussion) id."""
    with store.unit_of_work() as session:
        return create_in(
            session,
            store.user,
            "discussion",
            {**values, "meeting_id": meeting_id, "patient_id": patient_id},
        )


def move_agenda_item(store: Store, discussion_id: str, new_position: int) -> None:
    """Move an agenda item to ``new_position`` (0 = first); the others close up in order.

    Positions are renumbered without changing the items' versions: the order of the agenda is
    not an edit of anyone's discussion.
    """
    with store.unit_of_work() as session:
        item = get_row(session, "discussion", discussion_id)
        check_open(session, item.meeting_id, "This agenda")
        table = DISCUSSION
        ids = list(
            session.execute(
                select(table.c.id)
                .where(table.c.meeting_id == item.meeting_id)
                .order_by(table.c.position, table.c.created_at, table.c.id)
            ).scalars()
        )
        old = ids.index(discussion_id)
        ids.remove(discussion_id)
        new = min(max(new_position, 0), len(ids))
        ids.insert(new, discussion_id)
        conn = session.connection()
        for position, row_id in enumerate(ids):
            conn.execute(
                update(table)
                .where(table.c.id == row_id, table.c.position != position)
                .values(position=position)
            )
        if new != old:
            audit(session, store.user, "discussion", discussion_id, "update",
                  {"position": (old, new)})  # fmt: skip
        session.expire_all()


def set_meeting_status(store: Store, meeting_id: str, status: MeetingStatus | str) -> None:
    """planned <-> in session -> finalized; a finalized meeting can only receive addenda."""
    with store.unit_of_work() as session:
        update_in(session, store.user, "meeting", meeting_id, {"status": status}, None)


def set_action_done(
    store: Store, action_id: str, done: bool, *, expected_version: int | None = None
) -> int:
    """Tick an action item done (or open again); returns its new version.

    Whether a task was carried out is follow-up, not part of what the board decided, so this
    works on a finalized meeting too (where ``update`` is refused). Only ``done`` changes, with
    who ticked it and when (``done_by``, ``done_at``; cleared when opened again); the audit
    entry's action is "status". ConflictError when the item changed since
    ``expected_version``.
    """
    try:
        with store.unit_of_work() as session:
            row = get_row(session, "action", action_id)
            if expected_version is not None and row.version != expected_version:
                raise StaleError()
            if bool(row.done) == bool(done):
                return int(row.version)
            row.done = bool(done)
            mark_done(row, store.user)
            session.flush()
            audit(session, store.user, "action", action_id, "status", {"done": (not done, done)})
            return int(row.version)
    except (StaleError, StaleDataError):
        raise conflict(store, "action", action_id) from None


def add_addendum(
    store: Store,
    meeting_id: str,
    text: str,
    *,
    discussion_id: str | None = None,
    plan_option_id: str | None = None,
) -> str:
    """Append a correction or note to a meeting (the one change a finalized meeting accepts).

    ``plan_option_id``: the addendum corrects the plan of that case; the catalog option the
    recommendation now is (the patient handout follows it). Needs ``discussion_id``.
    """
    if plan_option_id:
        problem = ""
        if discussion_id is None:
            problem = "a corrected plan concerns one case; choose the case"
        elif load_catalog().find(plan_option_id) is None:
            problem = f"'{plan_option_id}' is not in the therapy catalog"
        if problem:
            raise ValidationError([FieldError("plan_option_id", f"Corrected plan: {problem}")])
    values = {"meeting_id": meeting_id, "discussion_id": discussion_id, "text": text}
    if plan_option_id:
        values["plan_option_id"] = plan_option_id
    with store.unit_of_work() as session:
        return create_in(session, store.user, "addendum", values)


def course_from_decision(
    store: Store,
    decision_id: str,
    option_id: str,
    start_date: date,
    *,
    catalog: Catalog | None = None,
) -> str:
    """A therapy course planned from a board decision (linked to it), starting ``start_date``.

    ``option_id`` is an option considered in that discussion or a catalog option id; the agent
    and modality come from the therapy catalog.
    """
    catalog = catalog or load_catalog()
    with store.unit_of_work() as session:
        decision = get_row(session, "decision", decision_id)
        discussion = get_row(session, "discussion", decision.discussion_id)
        considered = session.get(m.OptionConsideredRow, option_id)
        if considered is not None and considered.discussion_id == discussion.id:
            catalog_id = considered.option_id
        elif considered is not None:
            raise NotFoundError("option considered in this discussion", option_id)
        else:
            catalog_id = option_id
        option = catalog.find(catalog_id)
        if option is None:
            raise ValidationError(
                [FieldError("option_id", f"Therapy option: '{catalog_id}' is not in the catalog")]
            )
        agent = option.name  # the catalog's agents are search synonyms, not one agent
        return create_in(
            session,
            store.user,
            "therapy",
            {
                "patient_id": discussion.patient_id,
                "option_id": option.id,
                "agent": agent[:200],
                "modality": option.modality,
                "start_date": start_date,
                "decision_id": decision_id,
            },
        )
