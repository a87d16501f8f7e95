"""An action item's status is data: done, who ticked it and when (schema 0005), on SQLite and
PostgreSQL; revision 0005 turns the older "Action done: ..." addenda into that status."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from db_helpers import SAMPLES, make_case

from netboard.db import operations as ops
from netboard.db import queries as q
from netboard.db.store import Store
from netboard.domain.snapshot import ActionItem


def _action(store: Store, meeting_id: str, action_id: str) -> ActionItem:
    agenda = q.get_meeting(store, meeting_id).agenda
    return next(a for item in agenda for a in item.discussion.actions if a.id == action_id)


def _near_now(moment: datetime | None) -> bool:
    return moment is not None and abs(datetime.now(UTC) - moment) < timedelta(minutes=5)


def test_ticking_done_records_who_and_when_and_opening_clears_them(store: Store) -> None:
    ids = make_case(store, meeting_days=-10)
    ops.set_meeting_status(store, ids.meeting, "finalized")
    assert _action(store, ids.meeting, ids.action).done_by is None
    ops.set_action_done(store, ids.action, True, expected_version=1)
    item = _action(store, ids.meeting, ids.action)
    assert (item.done, item.done_by) == (True, "dr-tester")
    assert _near_now(item.done_at)
    ops.set_action_done(store, ids.action, False, expected_version=2)
    item = _action(store, ids.meeting, ids.action)
    assert (item.done, item.done_by, item.done_at) == (False, None, None)


def test_an_edit_that_ticks_done_records_it_too_and_other_edits_keep_it(store: Store) -> None:
    ids = make_case(store)
    ops.update(store, "action", ids.action, {"done": True}, expected_version=1)
    first = _action(store, ids.meeting, ids.action)
    assert first.done_by == "dr-tester" and _near_now(first.done_at)
    ops.update(store, "action", ids.action, {"owner": "Dr Other"}, expected_version=2)
    again = _action(store, ids.meeting, ids.action)
    assert (again.done_by, again.done_at) == ("dr-tester", first.done_at)
    made_done = ops.create(
        store, "action", {"discussion_id": ids.discussion, "description": "Done.", "done": True}
    )
    assert _action(store, ids.meeting, made_done).done_by == "dr-tester"
    assert made_done not in {a.id for a, _p, _m in q.open_action_items(store)}


def test_revision_0005_closes_actions_that_an_addendum_said_were_done(store: Store) -> None:
    ids = make_case(store, meeting_days=-10)
    other = ops.create(
        store, "action", {"discussion_id": ids.discussion, "description": "Book SSTR PET."}
    )
    ticked = ops.create(
        store, "action", {"discussion_id": ids.discussion, "description": "Call the GP."}
    )
    ops.set_meeting_status(store, ids.meeting, "finalized")
    ops.set_action_done(store, ticked, True, expected_version=1)
    ticked_at = q.audit_log(store, entity_id=ticked)[0].at
    description = SAMPLES["action"]["description"]
    ops.add_addendum(
        store, ids.meeting, f"Action done: {description}", discussion_id=ids.discussion
    )
    ops.add_addendum(
        store, ids.meeting, "Action done: something else", discussion_id=ids.discussion
    )
    written = next(a for a in q.get_meeting(store, ids.meeting).addenda if description in a.text)

    store.downgrade("0011")  # the columns go; the addenda and the done flags stay
    store.upgrade()
    assert store.current_revision() == store.head_revision()

    closed = _action(store, ids.meeting, ids.action)
    assert (closed.done, closed.done_by, closed.done_at) == (True, "dr-tester", written.created_at)
    assert _action(store, ids.meeting, ticked).done_by == "dr-tester"
    assert _action(store, ids.meeting, ticked).done_at == ticked_at
    still_open = _action(store, ids.meeting, other)
    assert (still_open.done, still_open.done_by, still_open.done_at) == (False, None, None)
    assert [a.id for a, _p, _m in q.open_action_items(store)] == [other]
    assert len(q.get_meeting(store, ids.meeting).addenda) == 2  # the history stays
