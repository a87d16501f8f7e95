"""Follow-up across meetings: open actions, overdue reviews, concordance of recommendations."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from netboard.db import operations as ops
from netboard.db import queries
from netboard.domain.board import concordance as cc
from netboard.domain.vocab import MeetingStatus, Stance

TODAY_OFFSET = timedelta(days=100)


@pytest.fixture
def spring_board(ui_store, ui_ids, ui_context):  # type: ignore[no-untyped-def]
    """A finalized board for Beta: lanreotide recommended (no course since), an overdue action,
    and a review date that has passed."""
    today = ui_context.today()
    meeting = ops.create(ui_store, "meeting", {
        "starts_at": datetime.now(UTC) - TODAY_OFFSET, "title": "NET board (spring)",
        "chair": "Dr Chair",
    })  # fmt: skip
    disc = ops.add_to_agenda(ui_store, meeting, ui_ids.beta, question="Start an SSA?")
    ops.create(ui_store, "option", {"discussion_id": disc, "option_id": "ssa_lanreotide",
                                    "stance": Stance.RECOMMENDED, "details": ""})  # fmt: skip
    ops.create(ui_store, "decision", {"discussion_id": disc, "recommendation": "Lanreotide",
                                      "next_review": today - timedelta(days=10)})  # fmt: skip
    ops.create(
        ui_store,
        "action",
        {
            "discussion_id": disc,
            "description": "Request urine 5-HIAA",
            "owner": "Dr Fictus",
            "due_date": today - timedelta(days=5),
        },
    )
    ops.set_meeting_status(ui_store, meeting, MeetingStatus.FINALIZED)
    return meeting, disc


def test_followup_lists_actions_reviews_and_concordance(  # type: ignore[no-untyped-def]
    qtbot, spring_board, main_window
):
    meeting_id, disc_id = spring_board
    ctrl = main_window.meetings
    ctrl.show_followup()
    view = ctrl.followup
    assert main_window.workspace.currentWidget() is view

    assert view.actions_table.rowCount() == 1
    assert view.actions_table.item(0, 1).text() == "Request urine 5-HIAA"
    assert view.actions_table.item(0, 0).text().endswith("(overdue 5 d)")
    assert view.actions_table.item(0, 3).text() == "Testperson, Beta"

    reviews = [view.reviews.item(r, 2).text() for r in range(view.reviews.rowCount())]
    assert reviews == ["Testperson, Beta"]
    assert view.reviews.item(0, 1).text() == "10 days"

    statuses = {
        view.concordance.item(r, 1).text(): view.concordance.item(r, 3).text()
        for r in range(view.concordance.rowCount())
    }
    assert statuses == {"Testperson, Alpha": cc.STARTED, "Testperson, Beta": cc.NOT_STARTED}
    assert view.concordance_summary.text().startswith(
        "1 of 2 recommended options became a started therapy course (50 %)"
    )

    # a double-click takes the chair to that case in its meeting
    row = next(r for r in range(view.concordance.rowCount())
               if view.concordance.item(r, 1).text() == "Testperson, Beta")  # fmt: skip
    view.concordance.itemDoubleClicked.emit(view.concordance.item(row, 0))
    ws = ctrl.workspace
    assert main_window.workspace.currentWidget() is ws
    assert ws.meeting_id == meeting_id and ws.discussion.discussion_id == disc_id

    ctrl.show_followup()
    view.actions_table.setCurrentCell(0, 1)
    # Finalized meeting: ticked done as an audited status change, not an edit or an addendum.
    assert view.mark_selected_done()
    assert view.actions_table.rowCount() == 0
    assert view.tabs.tabText(0) == "Open actions (0)"
    store = ctrl.context.store
    snapshot = queries.get_meeting(store, meeting_id)
    assert snapshot.addenda == ()
    action = next(a for i in snapshot.agenda if i.discussion.id == disc_id
                  for a in i.discussion.actions)  # fmt: skip
    assert action.done and action.description == "Request urine 5-HIAA"
    assert queries.audit_log(store, entity_id=action.id)[0].action == "status"
    assert not queries.open_action_items(store)  # the lists agree: the query says the same
    ws.open_meeting(meeting_id, disc_id)  # the meeting's own table shows it ticked
    table = ws.discussion.actions_editor.table
    assert table.item(0, 0).checkState() == Qt.CheckState.Checked
    who = store.user
    assert action.done_by == who and action.done_at is not None
    assert table.item(0, 0).toolTip().startswith(f"Done by {who} on ")
    table.item(0, 0).setCheckState(Qt.CheckState.Unchecked)  # ticked by mistake: open again
    assert [a.description for a, _p, _m in queries.open_action_items(store)] == [
        "Request urine 5-HIAA"]
    main_window.context.undo_stack.undo()
    assert not queries.open_action_items(store)


def test_an_open_meetings_action_is_marked_done_in_place(  # type: ignore[no-untyped-def]
    qtbot, main_window, ui_store, ui_ids
):
    disc = queries.get_meeting(ui_store, ui_ids.next_meeting).agenda[0].discussion
    ops.create(ui_store, "action", {"discussion_id": disc.id, "description": "Repeat CT"})
    ctrl = main_window.meetings
    ctrl.show_followup()
    view = ctrl.followup
    assert [view.actions_table.item(r, 1).text() for r in range(view.actions_table.rowCount())] == [
        "Repeat CT"
    ]
    view.actions_table.setCurrentCell(0, 1)
    assert view.mark_selected_done()
    assert queries.get_meeting(ui_store, ui_ids.next_meeting).agenda[0].discussion.actions[0].done
    assert view.actions_table.rowCount() == 0
    assert queries.get_meeting(ui_store, ui_ids.next_meeting).addenda == ()


def test_marking_done_needs_a_selection(qtbot, spring_board, main_window):  # type: ignore[no-untyped-def]
    ctrl = main_window.meetings
    ctrl.show_followup()
    view = ctrl.followup
    view.actions_table.setCurrentCell(-1, -1)
    assert not view.mark_selected_done()
    assert "Select an action first" in view.error.text()
    assert view.actions_table.item(0, 0).foreground().color().name() == "#b00020"
    assert view.actions_table.item(0, 0).data(Qt.ItemDataRole.UserRole)
