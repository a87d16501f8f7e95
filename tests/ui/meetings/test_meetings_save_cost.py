"""What one debounced save of live typing costs in a running meeting window.

Counted from outside the code under test: SQLAlchemy's ``before_cursor_execute`` event sees every
statement the store sends, and the considerations engine is wrapped wherever a module holds it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from PySide6.QtWidgets import QApplication
from sqlalchemy import event

from netboard.db import operations as ops
from netboard.db import queries
from netboard.domain import considerations as engine_module
from netboard.domain.vocab import Analyte, MeetingStatus
from netboard.ui.meetings.autosave import DEBOUNCE_MS

TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


@contextmanager
def counted(store: Any) -> Iterator[tuple[list[str], list[int]]]:
    """(statements sent, considerations runs) while the block runs."""
    statements: list[str] = []
    runs: list[int] = []

    def on_execute(_conn, _cursor, statement, _params, _context, _many):  # type: ignore[no-untyped-def]
        if not statement.lstrip().upper().startswith(TRANSACTION_CONTROL):
            statements.append(" ".join(statement.split())[:120])

    original = engine_module.considerations

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        runs.append(1)
        return original(*args, **kwargs)

    holders = [
        module
        for module in list(sys.modules.values())
        if module is not None and getattr(module, "considerations", None) is original
    ]
    event.listen(store.engine, "before_cursor_execute", on_execute)
    for module in holders:
        module.considerations = wrapped  # type: ignore[attr-defined]
    try:
        yield statements, runs
    finally:
        for module in holders:
            module.considerations = original  # type: ignore[attr-defined]
        event.remove(store.engine, "before_cursor_execute", on_execute)


def _settle() -> None:
    """Let every event already posted run (deferred refreshes included)."""
    for _ in range(3):
        QApplication.processEvents()


def _running_meeting(qtbot, window, ui_ids, ui_store):  # type: ignore[no-untyped-def]
    ops.set_meeting_status(ui_store, ui_ids.next_meeting, MeetingStatus.IN_SESSION)
    window.meetings.open_meeting(ui_ids.next_meeting)
    ws = window.meetings.workspace
    disc = ws.snapshot.agenda[0].discussion
    ws.open_discussion(disc.id)
    panel = ws.discussion
    editor = panel.decision.recommendation
    editor.setFocus()
    qtbot.keyClicks(editor, "PRRT")
    assert panel.decision.decision_saver.flush()  # the decision exists from here on
    _settle()
    return panel, editor


def test_one_debounced_decision_save_costs_three_statements_and_no_engine_run(  # type: ignore[no-untyped-def]
    qtbot, main_window, ui_ids, ui_store
):
    panel, editor = _running_meeting(qtbot, main_window, ui_ids, ui_store)
    saver = panel.decision.decision_saver
    with counted(ui_store) as (statements, runs):
        qtbot.keyClicks(editor, " after renal work-up")
        with qtbot.waitSignal(saver.saved, timeout=DEBOUNCE_MS * 10):
            pass
        _settle()
    assert len(statements) <= 3, statements
    assert runs == [], f"the considerations engine ran {len(runs)} times for a decision text"
    stored = queries.get_meeting(ui_store, ui_ids.next_meeting).agenda[0].discussion.decision
    assert stored.recommendation == "PRRT after renal work-up"
    assert panel.item.discussion.decision.recommendation == "PRRT after renal work-up"
    assert panel.item.discussion.decision.version == stored.version


def test_a_clinical_change_reruns_the_engine_for_the_case_shown(  # type: ignore[no-untyped-def]
    qtbot, main_window, ui_ids, ui_store, ui_context
):
    _panel, _editor = _running_meeting(qtbot, main_window, ui_ids, ui_store)
    with counted(ui_store) as (_statements, runs):
        ui_context.operations.create(
            "lab",
            {"patient_id": ui_ids.gamma, "date": date(2025, 5, 1),
             "analyte": Analyte.CHROMOGRANIN_A, "value": 90.0, "unit": "ng/mL"},
            text="Add lab", patient_id=ui_ids.gamma,
        )  # fmt: skip
        _settle()
    assert runs, "a new lab result must reach the considerations shown for the case"


def test_a_case_open_behind_the_meeting_waits_until_it_is_shown(  # type: ignore[no-untyped-def]
    qtbot, main_window, ui_ids, ui_store
):
    main_window.open_case(ui_ids.gamma)  # the chair looked at the case before the meeting
    panel, editor = _running_meeting(qtbot, main_window, ui_ids, ui_store)
    saver = panel.decision.decision_saver
    with counted(ui_store) as (statements, runs):
        qtbot.keyClicks(editor, " now")
        saver.flush()
        _settle()
    assert len(statements) <= 3, statements
    assert runs == []
    case_view = main_window.open_case(ui_ids.gamma)
    _settle()
    decided = [d.decision.recommendation for d in case_view.case.discussions if d.decision]
    assert "PRRT now" in decided
