"""The meeting by keyboard (issue 12 audit): Tab was trapped in the agenda table as it was in the
patient list (moving cell by cell, never leaving), and no table of the window may trap it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView


def test_tab_leaves_the_agenda_and_no_table_of_the_window_traps_it(
    qtbot, main_window, ui_ids  # type: ignore[no-untyped-def]
) -> None:
    main_window.meetings.open_meeting(ui_ids.next_meeting)
    ws = main_window.meetings.workspace
    table = ws.agenda.view
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert not table.hasFocus()
    ws.open_discussion(ws.snapshot.agenda[0].discussion.id)
    main_window.open_case(ui_ids.alpha)
    views = main_window.findChildren(QAbstractItemView)
    trapping = [v.objectName() or type(v).__name__ for v in views if v.tabKeyNavigation()]
    assert trapping == [], trapping


def test_tab_goes_through_the_option_cards_before_the_decision(
    qtbot, main_window, ui_ids  # type: ignore[no-untyped-def]
) -> None:
    """Under Xvfb the cards came last: Tab went from 'Show all options' to 'Other option', the
    decision and the actions, and only then to the cards' stance buttons."""
    main_window.meetings.open_meeting(ui_ids.next_meeting)
    ws = main_window.meetings.workspace
    ws.open_discussion(ws.snapshot.agenda[0].discussion.id)
    options = ws.discussion.options
    cards = [options.cards[e.key] for e in options.visible_entries()]
    assert cards
    seen = []
    widget = options.show_all
    for _ in range(200):
        widget = widget.nextInFocusChain()
        if widget is options.other:
            break
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(main_window):
            seen.append(next((n for n, c in enumerate(cards) if c.isAncestorOf(widget)), None))
    assert seen and None not in seen, seen  # only the cards' own controls lie between
    assert seen == sorted(seen) and set(seen) == set(range(len(cards)))  # card by card, in order


def test_opening_the_next_meeting_by_keyboard_puts_the_keys_on_it(
    qtbot, main_window, ui_ids  # type: ignore[no-untyped-def]
) -> None:
    """Ctrl+Shift+M left the focus in the patient list: the chair's next Tab went through the
    list's search and filters before reaching the meeting."""
    from netboard.ui.actions import ActionId

    main_window.activateWindow()
    main_window.patient_list.table.setFocus()
    main_window.actions.action(ActionId.OPEN_NEXT_MEETING).trigger()
    ws = main_window.meetings.workspace
    assert ws.agenda.view.hasFocus()
