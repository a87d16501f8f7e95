"""PDF reports (reportlab, headless): meeting summary, patient plan handout, case preparation sheet.

From the database: ``netboard.reports.api`` (what the window and ``netboard report`` call). From
snapshots: ``meeting_summary.build_meeting_summary``, ``handout.build_handout``,
``case_sheet.build_case_sheets``. Nothing is imported here, so importing the package stays cheap.
"""
