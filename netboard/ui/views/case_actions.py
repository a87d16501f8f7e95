"""The case workspace's actions (add each kind of record, edit, delete, reload, close, timeline
zoom) in the window's registry, and the record kinds the workspace shows."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from netboard.ui.actions import ActionId, ActionRegistry

if TYPE_CHECKING:
    from netboard.ui.views.case_workspace import CaseWorkspace

RECORD_KINDS: tuple[tuple[str, str], ...] = (
    # kind, tab title (the Add actions' texts are in netboard.ui.action_table)
    ("therapy", "Therapies"),
    ("pathology", "Pathology"),
    ("staging", "Staging"),
    ("imaging", "Imaging"),
    ("lab", "Labs"),
    ("performance", "ECOG"),
    ("tumor", "Tumors"),
)
ADD_ACTIONS = {
    "therapy": ActionId.ADD_THERAPY,
    "pathology": ActionId.ADD_PATHOLOGY,
    "staging": ActionId.ADD_STAGING,
    "imaging": ActionId.ADD_IMAGING,
    "lab": ActionId.ADD_LAB,
    "performance": ActionId.ADD_ECOG,
    "tumor": ActionId.ADD_TUMOR,
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


def register_case_actions(ws: CaseWorkspace, actions: ActionRegistry) -> list[ActionId]:
    """Register the workspace's actions; returns their ids (enabled only while a case shows)."""
    for kind, _title in RECORD_KINDS:
        action = actions.register(ADD_ACTIONS[kind], lambda _=False, k=kind: ws.add_record(k))
        ws.add_menu.addAction(action)
    slots = {
        ActionId.EDIT_SELECTED: ws.edit_selected,
        ActionId.DELETE_SELECTED: ws.delete_selected,
        ActionId.RELOAD_CASE: ws.reload,
        ActionId.CLOSE_CASE: ws.closed.emit,
        ActionId.TIMELINE_FIT: ws.timeline_canvas.fit,
        ActionId.TIMELINE_ZOOM_IN: lambda: ws.timeline_canvas.zoom(0.8),
        ActionId.TIMELINE_ZOOM_OUT: lambda: ws.timeline_canvas.zoom(1.25),
    }
    for action_id, slot in slots.items():
        actions.register(action_id, slot)
    return [*ADD_ACTIONS.values(), *slots]
