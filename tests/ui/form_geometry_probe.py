"""Run in a subprocess by test_form_geometry.py on an offscreen screen of a given size.

Opens every entry form at its default size over a real SQLite demo database (each record form,
new and edit patient, plan a course) and prints one JSON object: per form, whether it is inside
the screen, whether it scrolls, and per labelled row whether the field shows whole and how far
the label sits from it.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from probe_window import demo_window, settle
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QDialog, QFormLayout, QScrollArea, QWidget

from netboard.db import queries
from netboard.db.store import Store
from netboard.demo import DEMO_TODAY
from netboard.ui.app import apply_style

KINDS = ("tumor", "pathology", "staging", "imaging", "lab", "performance", "therapy")


def whole(widget: QWidget) -> bool:
    return widget.isVisible() and widget.visibleRegion().boundingRect() == widget.rect()


def rows(dialog: QDialog) -> dict[str, dict[str, Any]]:
    """Each labelled row: the field shown whole; label-to-field gaps across and down."""
    found: dict[str, dict[str, Any]] = {}
    for form in dialog.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label_item is None or field_item is None or field_item.widget() is None:
                continue
            label, field = label_item.widget(), field_item.widget()
            first = getattr(field, "editor", field)  # a form field's input, under it its hint
            text_right = label.mapTo(dialog, QPoint(label.width(), 0)).x()
            found[label.text()] = {
                "whole": whole(field) and whole(first),
                "across": field.mapTo(dialog, QPoint(0, 0)).x() - text_right,
                "down": abs(label.mapTo(dialog, QPoint(0, 0)).y()
                            - first.mapTo(dialog, QPoint(0, 0)).y()),
            }
    return found


def measure(app: QApplication, dialog: QDialog, screen: QRect) -> dict[str, Any]:
    dialog.show()
    settle(app)
    scrolls = [a for a in dialog.findChildren(QScrollArea)
               if a.horizontalScrollBar().isVisible() or a.verticalScrollBar().isVisible()]
    seen = {"size": [dialog.width(), dialog.height()],
            "inside": screen.contains(dialog.frameGeometry()),
            "scrolls": bool(scrolls), "rows": rows(dialog)}
    dialog.reject()
    settle(app)
    return seen


def main() -> int:
    app = QApplication(sys.argv[:1])
    apply_style(app)
    out: dict[str, Any] = {}
    with demo_window(app, 8) as (window, store):
        screen = window.screen().availableGeometry()
        out["screen"] = [screen.width(), screen.height()]
        out["forms"] = forms(app, window, store, screen)
    print(json.dumps(out))
    return 0


def forms(app: QApplication, window: Any, store: Store, screen: QRect) -> dict[str, Any]:
    from netboard.ui.dialogs.patient_form import PatientForm
    from netboard.ui.dialogs.record_forms import open_record_form
    from netboard.ui.meetings.plan_course import PlanCourseDialog

    page = queries.list_patients(store, limit=50)
    cases = [queries.get_case(store, row.id) for row in page.rows]
    case = max((c for c in cases if c.tumors),
               key=lambda c: max(len(t.primary_site.label + t.histology.label) for t in c.tumors))
    seen = {kind: measure(app, open_record_form(window.context, kind, case, None, parent=window),
                          screen) for kind in KINDS}
    seen["new patient"] = measure(app, PatientForm(window.context, None, parent=window), screen)
    seen["edit patient"] = measure(
        app, PatientForm(window.context, case.patient, parent=window), screen)
    seen["plan course"] = measure(app, PlanCourseDialog(
        [("a", "Lutetium-177 DOTATATE (PRRT), 4 cycles")], DEMO_TODAY, window), screen)
    return seen


if __name__ == "__main__":
    raise SystemExit(main())
