"""Run in a subprocess by test_meeting_day_flows.py on an offscreen screen of a given size.

The chair's day on the real window over a real SQLite demo database, counting the user's
actions (each click, key or typed field is one): (1) a new patient with diagnosis, Ki-67, SSTR
PET and a question onto the next meeting's agenda; (2) the meeting: attendance, three cases
with stances, a decision and an action, finalize; (3) the summary and every handout from the
meeting screen. Prints one JSON object with the counts, timings and what was checked.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time as clock
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from netboard.db import queries
from netboard.db.store import Store
from netboard.demo import DEMO_TODAY, write_demo
from netboard.domain.vocab import PrimarySite, Stance
from netboard.ui.actions import ActionId
from netboard.ui.app import apply_style, build_main_window
from netboard.ui.context import build_context


class User:
    """Drives the window the way a person does and counts each action."""

    def __init__(self, app: QApplication, screen: QRect) -> None:
        self.app, self.screen = app, screen
        self.actions = 0
        self.typed: list[str] = []
        self.hidden: list[str] = []

    def settle(self) -> None:
        for _ in range(5):
            self.app.processEvents()

    def see(self, name: str, widget: QWidget) -> None:
        """The widget the user is about to use must be fully on the screen."""
        self.settle()
        top_left = widget.mapToGlobal(widget.rect().topLeft())
        visible = widget.isVisible() and widget.visibleRegion().boundingRect() == widget.rect()
        if not (visible and self.screen.contains(QRect(top_left, widget.size()))):
            self.hidden.append(name)

    def click(self, name: str, widget: QWidget) -> None:
        self.see(name, widget)
        self.actions += 1
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
        self.settle()

    def type(self, name: str, widget: QWidget, text: str) -> None:
        self.see(name, widget)
        self.actions += 1
        self.typed.append(text)
        widget.setFocus()
        QTest.keyClicks(widget, text)
        self.settle()

    def choose(self, name: str, field: Any, value: Any) -> None:
        self.see(name, field.editor)
        self.actions += 1
        field.set_value(value)
        self.settle()

    def key(self, action: Any) -> None:
        self.actions += 1
        action.trigger()
        self.settle()


def new_case(user: User, window: Any, store: Store, meeting_id: str) -> dict[str, Any]:
    from netboard.domain.board.readiness import as_of, readiness
    from netboard.ui.dialogs.patient_form import PatientForm

    start = user.actions
    user.key(window.actions.action(ActionId.NEW_PATIENT))  # Ctrl+N
    form = window.findChild(PatientForm, "patientForm")
    f = form.fields
    user.type("MRN", f["mrn"].line, "FLOW-0001")
    user.type("family name", f["family_name"].line, "Flowtestperson")
    user.choose("primary site", f["_primary_site"], PrimarySite.PANCREAS)
    user.click("diagnosis date known", f["_diagnosis_date"].none_box)
    diagnosed = DEMO_TODAY.replace(day=1)  # typed the way a clinician types it: 1/11/2026
    user.type("diagnosis date", f["_diagnosis_date"].date_edit.line,
              f"{diagnosed.day}/{diagnosed.month}/{diagnosed.year}")
    user.type("Ki-67", f["_ki67"].line, "8")
    user.choose("Krenning", f["_krenning"], 3)
    user.choose("ECOG", f["_ecog"], 1)
    user.type("stage", f["_stage"].line, "IV")
    user.type("question", f["_question"].line, "First treatment: SSA or PRRT?")
    user.see("form fits the screen", form)
    user.click("Save", form.save_button)
    patient = queries.find_patient(store, "FLOW-0001")
    snapshot = queries.get_meeting(store, meeting_id)
    item = next((i for i in snapshot.agenda if patient and i.patient.id == patient.id), None)
    gaps, typed_date_kept = [], False
    if patient is not None and item is not None:
        case = queries.get_case(store, patient.id)
        typed_date_kept = [t.diagnosis_date for t in case.tumors] == [diagnosed]
        gaps = [g.text for g in readiness(case, as_of(snapshot.meeting), None,
                                          item.discussion.question)]
    return {"actions": user.actions - start, "on_agenda": item is not None,
            "readiness_gaps": gaps, "typed_date_kept": typed_date_kept}


def run_meeting(user: User, window: Any, meeting_id: str) -> dict[str, Any]:
    start = user.actions
    controller = window.meetings
    controller.open_meeting(meeting_id)  # (opened from the Meetings tab: one double-click)
    user.actions += 1
    ws = controller.workspace
    ws.tabs.setCurrentIndex(0)
    user.click("copy attendance", ws.attendance.copy_button)
    user.click("Start meeting", ws.editor.start_button)
    if user.screen.width() < 1600:
        user.key(window.actions.action(ActionId.TOGGLE_NAVIGATOR))  # F9
    ws.tabs.setCurrentIndex(1)
    user.actions += 1  # the Discussion tab
    panel = ws.discussion
    for number in range(3):
        entries = panel.options.visible_entries()
        card = panel.options.cards[entries[0].key]
        user.click(f"case {number + 1}: stance", card.buttons[Stance.RECOMMENDED])
        dec = panel.decision
        user.type(f"case {number + 1}: recommendation", dec.recommendation,
                  f"Plan {number + 1}: {entries[0].name}; restaging in 12 weeks.")
        user.click(f"case {number + 1}: consensus", dec.consensus)  # chosen, never assumed
        if number == 0:
            actions = panel.actions_editor
            user.type("action", actions.description, "Book the first cycle")
            user.click("Add action", actions.add_button)
        user.click(f"case {number + 1}: Next", panel.next)
    panel.flush()
    user.see("Finalize", ws.editor.finalize_button)
    user.actions += 1  # Finalize…
    user.actions += 1  # Yes in the confirmation
    ok = ws.editor.finalize()
    return {"actions": user.actions - start, "finalized": ok, "hidden": list(user.hidden)}


def papers(user: User, window: Any, store: Store, meeting_id: str, folder: Path) -> dict[str, Any]:
    from netboard.domain.export_names import meeting_papers_names
    from netboard.ui.export import start_meeting_papers

    start, began, cpu_began = user.actions, clock.perf_counter(), clock.process_time()
    user.actions += 2  # File → Export meeting summary and handouts…, then the folder: OK
    exporter = window.exporter
    exporter.ask_after = False
    assert start_meeting_papers(exporter, meeting_id, folder)
    while exporter.busy and clock.perf_counter() - began < 60:
        user.app.processEvents()
        clock.sleep(0.01)
    seconds, cpu = clock.perf_counter() - began, clock.process_time() - cpu_began
    summary, handouts = meeting_papers_names(queries.get_meeting(store, meeting_id))
    files = [summary, *handouts.values()]
    missing = [n for n in files if not (folder / n).is_file()]
    return {"actions": user.actions - start, "seconds": round(seconds, 2),
            "cpu_seconds": round(cpu, 2), "load": os.getloadavg()[0], "cores": os.cpu_count(),
            "files": len(files), "missing": missing,
            "summary": read_back(folder / summary) if not missing else {}}


def read_back(pdf: Path) -> dict[str, Any]:
    """What the summary made from the demo database says, page by page (pypdf)."""
    from pypdf import PdfReader

    pages = [" ".join((page.extract_text() or "").split()) for page in PdfReader(pdf).pages]
    return {"pages": len(pages), "demo_on_every_page": all("DEMO" in p for p in pages),
            "rule_on_page_1": "Records: each case as it stood on the meeting day" in pages[0],
            "consensus_lines": sum(p.count("Consensus of the board") for p in pages)}


def main() -> int:
    app = QApplication(sys.argv[:1])
    apply_style(app)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = Store.open(f"sqlite:///{folder / 'demo.sqlite'}", user="chair")
        write_demo(store, 60, 1, DEMO_TODAY)
        settings = QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)
        context = build_context(store, is_demo=True, settings=settings, today=lambda: DEMO_TODAY)
        window = build_main_window(context)
        window.show()
        screen = window.screen().availableGeometry()
        user = User(app, screen)
        user.settle()
        meeting = queries.next_meeting(store, datetime.combine(DEMO_TODAY, time(9), tzinfo=UTC))
        assert meeting is not None
        out: dict[str, Any] = {"screen": [screen.width(), screen.height()]}
        out["new_case"] = new_case(user, window, store, meeting.id)
        out["meeting"] = run_meeting(user, window, meeting.id)
        (folder / "papers").mkdir()
        out["papers"] = papers(user, window, store, meeting.id, folder / "papers")
        out["hidden"] = user.hidden
        out["typed_twice"] = sorted({t for t in user.typed if user.typed.count(t) > 1})
        window.close()
        store.close()
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
