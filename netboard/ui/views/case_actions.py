"""The case workspace's actions (add each kind of record, edit, delete, reload, close, timeline
zoom) in the window's registry, and the record kinds the workspace shows."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence

from netboard.ui.actions import ActionId, ActionRegistry

if TYPE_CHECKING:
    from netboard.ui.views.case_workspace import CaseWorkspace

RECORD_KINDS: tuple[tuple[str, str, str], ...] = (
    # kind, tab title, menu text
    ("therapy", "Therapies", "Therapy course"),
    ("pathology", "Pathology", "Pathology result"),
    ("staging", "Staging", "Staging assessment"),
    ("imaging", "Imaging", "Imaging study"),
    ("lab", "Labs", "Lab result"),
    ("performance", "ECOG", "ECOG performance status"),
    ("tumor", "Tumors", "Tumor"),
)
ADD_ACTIONS = {
    "therapy": (ActionId.ADD_THERAPY, "Ctrl+Shift+T"),
    "pathology": (ActionId.ADD_PATHOLOGY, "Ctrl+Shift+P"),
    "staging": (ActionId.ADD_STAGING, "Ctrl+Shift+S"),
    "imaging": (ActionId.ADD_IMAGING, "Ctrl+Shift+I"),
    "lab": (ActionId.ADD_LAB, "Ctrl+Shift+L"),
    "performance": (ActionId.ADD_ECOG, "Ctrl+Shift+E"),
    "tumor": (ActionId.ADD_TUMOR, None),
}


class PhaseClock:
    """Milliseconds spent per phase of opening a case (the benchmark reports them)."""

    def __init__(self) -> None:
        self.started = self.last = time.perf_counter()
        self.laps: dict[str, float] = {}

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = round((now - self.last) * 1000, 2)
        self.last = now

    def total_ms(self) -> float:
        return (time.perf_counter() - self.started) * 1000


def lower_keeping_acronyms(text: str) -> str:
    """'ECOG performance status' -> 'ECOG performance status'; 'Lab result' -> 'lab result'."""
    return " ".join(w if len(w) > 1 and w.isupper() else w.lower() for w in text.split(" "))


def register_case_actions(ws: CaseWorkspace, actions: ActionRegistry) -> list[ActionId]:
    """Register the workspace's actions; returns their ids (enabled only while a case shows)."""
    first = True
    for kind, _title, menu_text in RECORD_KINDS:
        action_id, shortcut = ADD_ACTIONS[kind]
        action = actions.register(
            action_id,
            f"Add {lower_keeping_acronyms(menu_text)}\u2026",
            shortcut=shortcut,
            slot=lambda _=False, k=kind: ws.add_record(k),
            menu="Patient",
            separator_before=first,
        )
        first = False
        ws.add_menu.addAction(action)
    actions.register(
        ActionId.EDIT_SELECTED,
        "Edit selected record\u2026",
        shortcut="F2",
        slot=ws.edit_selected,
        menu="Patient",
        separator_before=True,
    )
    actions.register(
        ActionId.DELETE_SELECTED,
        "Delete selected record\u2026",
        shortcut=QKeySequence.StandardKey.Delete,
        slot=ws.delete_selected,
        menu="Patient",
    )
    actions.register(
        ActionId.RELOAD_CASE,
        "Reload case",
        shortcut="Ctrl+R",
        slot=ws.reload,
        menu="Patient",
        separator_before=True,
    )
    actions.register(
        ActionId.CLOSE_CASE,
        "Close case",
        shortcut="Ctrl+W",
        slot=ws.closed.emit,
        menu="Patient",
    )
    actions.register(
        ActionId.TIMELINE_FIT,
        "Timeline: fit all",
        shortcut="Ctrl+0",
        slot=ws.timeline_canvas.fit,
        menu="View",
        separator_before=True,
    )
    actions.register(
        ActionId.TIMELINE_ZOOM_IN,
        "Timeline: zoom in",
        shortcut=["Ctrl++", "Ctrl+="],
        slot=lambda: ws.timeline_canvas.zoom(0.8),
        menu="View",
    )
    actions.register(
        ActionId.TIMELINE_ZOOM_OUT,
        "Timeline: zoom out",
        shortcut="Ctrl+-",
        slot=lambda: ws.timeline_canvas.zoom(1.25),
        menu="View",
    )
    return [
        *(a for a, _ in ADD_ACTIONS.values()),
        ActionId.EDIT_SELECTED,
        ActionId.DELETE_SELECTED,
        ActionId.RELOAD_CASE,
        ActionId.CLOSE_CASE,
        ActionId.TIMELINE_FIT,
        ActionId.TIMELINE_ZOOM_IN,
        ActionId.TIMELINE_ZOOM_OUT,
    ]
