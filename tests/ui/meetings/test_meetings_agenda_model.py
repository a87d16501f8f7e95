"""The agenda model: a thin, well-behaved Qt model over agenda items and readiness."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt

from netboard.domain.board.readiness import ReadinessIssue
from netboard.domain.vocab import Triage
from netboard.ui.meetings import agenda_model as am
from tests.factories.board import agenda_item, history_case, person


def _rows() -> list[am.AgendaRow]:
    case, current = history_case()
    first = agenda_item(case, replace(current, question="PRRT now?", presenter="Dr Fictive"))
    other = replace(
        first,
        discussion=replace(first.discussion, id="d-2", question=""),
        patient=person("Brightwater", "Oskar", "ZZ-5"),
    )
    third = replace(
        first,
        discussion=replace(first.discussion, id="d-3"),
        patient=person("Hollowmere", "Ines", "ZZ-6"),
    )
    gaps = (
        ReadinessIssue("No Ki-67 on record", False, "readiness"),
        ReadinessIssue("No question for the board recorded", True),
    )
    return [am.AgendaRow(first, ()), am.AgendaRow(other, gaps), am.AgendaRow(third, None)]


def test_agenda_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = am.AgendaModel()
    model.set_agenda(_rows())
    qtmodeltester.check(model)


def test_cells_show_number_patient_readiness_and_privacy() -> None:
    model = am.AgendaModel()
    model.set_agenda(_rows())
    text = lambda r, c: model.index(r, c).data()  # noqa: E731
    assert [text(r, am.COL_NUMBER) for r in range(3)] == ["1", "2", "3"]
    assert text(0, am.COL_PATIENT) == "Quillfeather, Marisol"
    assert text(0, am.COL_READY) == "Ready"
    assert text(1, am.COL_READY).startswith("2 gaps: No Ki-67 on record")
    assert text(2, am.COL_READY) == "not checked"
    assert "No question" in model.index(1, am.COL_READY).data(Qt.ItemDataRole.ToolTipRole)
    model.set_private(True)
    assert text(0, am.COL_PATIENT) == "MQ"


def test_editing_a_cell_requests_the_change_without_writing(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = am.AgendaModel()
    model.set_agenda(_rows())
    index = model.index(0, am.COL_TRIAGE)
    assert index.flags() & Qt.ItemFlag.ItemIsEditable
    with qtbot.waitSignal(model.edit_requested) as blocker:
        assert model.setData(index, Triage.STANDARD_OF_CARE)
    assert blocker.args[1:] == ["triage", Triage.STANDARD_OF_CARE]
    model.set_agenda(model.rows(), read_only=True)
    assert not model.index(0, am.COL_TRIAGE).flags() & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(index, Triage.FULL_DISCUSSION)


def test_dropping_rows_and_patients_requests_moves_and_additions(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = am.AgendaModel()
    rows = _rows()
    model.set_agenda(rows)
    data = model.mimeData([model.index(0, 0)])
    with qtbot.waitSignal(model.move_requested) as moved:
        model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    assert moved.args == [rows[0].item.discussion.id, 2]
    patients = QMimeData()
    patients.setData(am.PATIENT_MIME, QByteArray(b"p-1\np-2\n"))
    with qtbot.waitSignal(model.add_requested) as added:
        model.dropMimeData(patients, Qt.DropAction.CopyAction, 1, 0, QModelIndex())
    assert added.args == [["p-1", "p-2"], 1]
