"""UiOperations: every change goes to the real store, is announced, and undoes/redoes."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QUndoStack

from netboard.db import queries
from netboard.db.store import Store
from netboard.domain.validation import ValidationError
from netboard.domain.vocab import Analyte
from netboard.ui.change_bus import Change, ChangeBus
from netboard.ui.operations import OperationFailed, UiOperations


@pytest.fixture
def ui_ops(qapp, ui_store, ui_ids):  # type: ignore[no-untyped-def]
    bus = ChangeBus()
    stack = QUndoStack()
    seen: list[Change] = []
    bus.changed.connect(seen.append)
    yield UiOperations(ui_store, stack, bus), stack, seen
    stack.clear()


def labs(store: Store, patient_id: str) -> list[float]:
    return [lab.value for lab in queries.get_case(store, patient_id).labs]


def test_create_is_announced_undone_and_redone(ui_ops, ui_store, ui_ids) -> None:
    ops, stack, seen = ui_ops
    before = labs(ui_store, ui_ids.beta)
    new_id = ops.create(
        "lab",
        {
            "patient_id": ui_ids.beta,
            "date": date(2025, 5, 1),
            "analyte": Analyte.NSE,
            "value": 12.5,
            "unit": "ng/mL",
        },
        text="Add lab",
        patient_id=ui_ids.beta,
    )
    assert labs(ui_store, ui_ids.beta) == [*before, 12.5]
    assert seen == [Change("lab", new_id, "create", ui_ids.beta)]
    assert stack.canUndo() and stack.undoText() == "Add lab"
    stack.undo()
    assert labs(ui_store, ui_ids.beta) == before
    assert seen[-1] == Change("lab", new_id, "delete", ui_ids.beta)
    stack.redo()
    case = queries.get_case(ui_store, ui_ids.beta)
    assert [lab.id for lab in case.labs if lab.value == 12.5] == [new_id]


def test_update_undo_restores_the_earlier_value(ui_ops, ui_store, ui_ids) -> None:
    ops, stack, seen = ui_ops
    patient = queries.get_case(ui_store, ui_ids.beta).patient
    ops.update(
        "patient",
        patient.id,
        {"given_name": "Bettina"},
        expected_version=patient.version,
        text="Rename",
        patient_id=patient.id,
        before={"given_name": patient.given_name},
    )
    assert queries.get_case(ui_store, patient.id).patient.given_name == "Bettina"
    stack.undo()
    assert queries.get_case(ui_store, patient.id).patient.given_name == "Beta"
    stack.redo()
    assert queries.get_case(ui_store, patient.id).patient.given_name == "Bettina"
    assert [c.action for c in seen] == ["update", "update", "update"]


def test_update_without_before_reads_the_audit_entry(ui_ops, ui_store, ui_ids) -> None:
    ops, stack, _seen = ui_ops
    patient = queries.get_case(ui_store, ui_ids.beta).patient
    ops.update(
        "patient",
        patient.id,
        {"notes": "seen in clinic"},
        expected_version=patient.version,
        text="Note",
    )
    stack.undo()
    assert queries.get_case(ui_store, patient.id).patient.notes == ""


def test_typing_merges_into_one_undo_step(ui_ops, ui_store, ui_ids) -> None:
    ops, stack, _seen = ui_ops
    patient = queries.get_case(ui_store, ui_ids.beta).patient
    version = patient.version
    for text in ("s", "se", "see"):
        version = ops.update(
            "patient",
            patient.id,
            {"notes": text},
            expected_version=version,
            text="Edit notes",
            merge_key="notes",
            before={"notes": ""} if text == "s" else {"notes": text[:-1]},
        )
    assert stack.count() == 1
    stack.undo()
    assert queries.get_case(ui_store, patient.id).patient.notes == ""


def test_bad_value_raises_and_pushes_nothing(ui_ops, ui_store, ui_ids) -> None:
    ops, stack, seen = ui_ops
    with pytest.raises(ValidationError):
        ops.create(
            "performance",
            {"patient_id": ui_ids.beta, "date": date(2025, 1, 1), "ecog": 9},
            text="Add ECOG",
        )
    assert stack.count() == 0 and seen == []
    assert queries.get_case(ui_store, ui_ids.beta).performance == ()


def test_delete_undo_restores_with_children(ui_ops, ui_store, ui_ids) -> None:
    ops, stack, _seen = ui_ops
    case = queries.get_case(ui_store, ui_ids.alpha)
    tumor = case.primary_tumor
    assert tumor is not None
    ops.delete(
        "tumor",
        tumor.id,
        expected_version=tumor.version,
        text="Delete tumor",
        patient_id=case.patient.id,
    )
    assert queries.get_case(ui_store, ui_ids.alpha).pathology == ()
    stack.undo()
    again = queries.get_case(ui_store, ui_ids.alpha)
    assert [p.id for p in again.pathology] == [p.id for p in case.pathology]


def test_undo_after_someone_else_changed_reports_and_clears(
    ui_ops, ui_store, ui_ids, ui_db_path, qtbot
) -> None:
    ops, stack, _seen = ui_ops
    patient = queries.get_case(ui_store, ui_ids.beta).patient
    ops.update(
        "patient",
        patient.id,
        {"given_name": "Bettina"},
        expected_version=patient.version,
        text="Rename",
        before={"given_name": "Beta"},
    )
    other = Store.open(f"sqlite:///{ui_db_path}", user="dr-other")
    try:
        from netboard.db import operations as db_ops

        current = queries.get_case(other, patient.id).patient
        db_ops.update(
            other, "patient", patient.id, {"given_name": "Bea"}, expected_version=current.version
        )
    finally:
        other.close()
    failures: list[OperationFailed] = []
    ops.failed.connect(failures.append)
    stack.undo()
    assert len(failures) == 1 and failures[0].undoing
    assert "dr-other" in str(failures[0].error)
    qtbot.waitUntil(lambda: stack.count() == 0)
    assert queries.get_case(ui_store, patient.id).patient.given_name == "Bea"
