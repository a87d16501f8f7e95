"""Widgets of the workspace: patient list, case workspace, timeline canvas, board history."""
