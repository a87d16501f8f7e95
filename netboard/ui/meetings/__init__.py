"""Tumor board meetings: agenda, attendance, live discussion, revisit, presentation, follow-up.

``MeetingsController`` (``controller.py``) is built by the main window (``MainWindow.meetings``):
the Meetings tab, the meeting workspace, follow-up, the Meeting menu and F5.
"""
