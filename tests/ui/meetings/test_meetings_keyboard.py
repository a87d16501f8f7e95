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
