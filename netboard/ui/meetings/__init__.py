"""Tumor board meetings: agenda, attendance, live discussion, revisit, presentation, follow-up.

``install(window, context)`` plugs the part into the main window (``netboard.ui.app`` calls it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netboard.ui.context import AppContext
    from netboard.ui.main_window import MainWindow
    from netboard.ui.meetings.controller import MeetingsController


def install(window: MainWindow, context: AppContext) -> MeetingsController:
    """Add the Meetings tab, the meeting workspace, follow-up, the Meeting menu and F5."""
    from netboard.ui.meetings.controller import install as _install

    return _install(window, context)
