"""Dates typed at the meeting (issue 12): the next review and an action's due date take
"3/2/2027" as a clinician types it; an emptied next review is 'not set'; a text that is no date
says so and saves nothing."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt


def _open(main_window, ui_ids):  # type: ignore[no-untyped-def]
    main_window.meetings.open_meeting(ui_ids.next_meeting)
    ws = main_window.meetings.workspace
    ws.agenda.add_patients([ui_ids.alpha])
    disc = next(i.discussion for i in ws.snapshot.agenda if i.discussion.patient_id == ui_ids.alpha)
    ws.open_discussion(disc.id)
    return ws


def _type(qtbot, line, text: str) -> None:  # type: ignore[no-untyped-def]
    line.setFocus()
    line.selectAll()
    if text:
        qtbot.keyClicks(line, text)
    else:
        qtbot.keyClick(line, Qt.Key.Key_Delete)
    qtbot.keyClick(line, Qt.Key.Key_Tab)


def test_next_review_typed_emptied_and_refused(qtbot, main_window, ui_ids) -> None:  # type: ignore[no-untyped-def]
    ws = _open(main_window, ui_ids)
    dec = ws.discussion.decision
    assert dec.next_review.text() == "" and dec.next_review.line.placeholderText() == "not set"
    _type(qtbot, dec.next_review.line, "3/2/2027")
    dec.flush()
    assert dec.next_review.text() == "03 Feb 2027"
    assert ws.discussion.item.discussion.decision.next_review == date(2027, 2, 3)
    _type(qtbot, dec.next_review.line, "30/2/2027")
    assert "Next review: \u201c30/2/2027\u201d is not a date" in dec.error.text()
    dec.flush()
    assert ws.discussion.item.discussion.decision.next_review == date(2027, 2, 3)
    _type(qtbot, dec.next_review.line, "")
    dec.flush()
    assert ws.discussion.item.discussion.decision.next_review is None


def test_an_action_due_date_typed_as_a_clinician_types_it(qtbot, main_window, ui_ids) -> None:  # type: ignore[no-untyped-def]
    ws = _open(main_window, ui_ids)
    actions = ws.discussion.actions_editor
    qtbot.keyClicks(actions.description, "Book the restaging CT")
    _type(qtbot, actions.due.line, "31/2/2027")
    actions.add_from_form()
    assert "Due date:" in actions.error.text() and "February 2027 has 28 days" in (
        actions.error.text())
    assert ws.discussion.item.discussion.actions == ()
    _type(qtbot, actions.due.line, "15 Mar 2027")
    actions.add_from_form()
    assert [a.due_date for a in ws.discussion.item.discussion.actions] == [date(2027, 3, 15)]


def _start_in_store(main_window, ui_ids):  # type: ignore[no-untyped-def]
    from netboard.db import queries

    starts = queries.get_meeting(main_window.context.store, ui_ids.next_meeting).meeting.starts_at
    return starts.astimezone().replace(tzinfo=None)


def test_the_meeting_start_typed_as_a_chair_types_it(qtbot, main_window, ui_ids) -> None:  # type: ignore[no-untyped-def]
    """Issue 12: the meeting's date-time box took no typed date ('today' is 02 Jun 2025)."""
    main_window.meetings.open_meeting(ui_ids.next_meeting)
    editor = main_window.meetings.workspace.editor
    box = editor.starts
    _type(qtbot, box.line, "9/6 14:30")  # no year: the nearest 9 June
    assert box.text() == "Mon 09 Jun 2025, 14:30"
    editor.saver.flush()
    assert _start_in_store(main_window, ui_ids) == datetime(2025, 6, 9, 14, 30)
    _type(qtbot, box.line, "2025-06-10 8:15")
    _type(qtbot, box.line, "16:00")  # the time only: the same day
    editor.saver.flush()
    assert _start_in_store(main_window, ui_ids) == datetime(2025, 6, 10, 16, 0)
    _type(qtbot, box.line, "31/6 14:00")
    refused = "When: \u201c31/6 14:00\u201d is not a date: June 2025 has 30 days"
    assert refused in editor.error.text()
    editor.saver.flush()
    assert _start_in_store(main_window, ui_ids) == datetime(2025, 6, 10, 16, 0)
    assert box.text() == "31/6 14:00"  # kept for the chair to correct
    _type(qtbot, box.line, "tomorrow 9am")
    assert editor.error.text() == ""
    editor.saver.flush()
    assert _start_in_store(main_window, ui_ids) == datetime(2025, 6, 3, 9, 0)


def test_a_start_typed_then_finalized_without_leaving_the_box_is_saved_and_then_frozen(
    qtbot, main_window, ui_ids  # type: ignore[no-untyped-def]
) -> None:
    main_window.meetings.open_meeting(ui_ids.next_meeting)
    editor = main_window.meetings.workspace.editor
    box = editor.starts
    box.line.setFocus()
    box.line.selectAll()
    qtbot.keyClicks(box.line, "11 Jun 2025 13:00")
    assert editor.finalize()
    assert _start_in_store(main_window, ui_ids) == datetime(2025, 6, 11, 13, 0)
    assert box.line.isReadOnly() and not box.button.isEnabled()
    qtbot.keyClick(box.line, Qt.Key.Key_Up)  # no stepping a finalized meeting's day
    assert box.text() == "Wed 11 Jun 2025, 13:00"
