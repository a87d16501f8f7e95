"""Typing is saved as it happens: debounced, on focus-out and when the window closes; a burst of
typing is one undo step."""

from __future__ import annotations

from netboard.db import queries
from netboard.db.store import Store
from netboard.ui.meetings.autosave import DEBOUNCE_MS

HALF_SENTENCE = "PRRT after renal work-up, then re-sta"


def _gamma_discussion(window, ui_ids):  # type: ignore[no-untyped-def]
    window.meetings.open_meeting(ui_ids.next_meeting)
    ws = window.meetings.workspace
    disc = ws.snapshot.agenda[0].discussion
    ws.open_discussion(disc.id)
    return ws.discussion, disc


def test_closing_the_window_mid_sentence_keeps_the_text(  # type: ignore[no-untyped-def]
    qtbot, main_window, ui_ids, ui_db_path, ui_settings
):
    panel, disc = _gamma_discussion(main_window, ui_ids)
    editor = panel.decision.recommendation
    panel.decision.decision_saver.set_delay(60_000)  # a slow machine must not save it first
    editor.setFocus()
    qtbot.keyClicks(editor, HALF_SENTENCE)
    assert panel.decision.decision_saver.has_pending()  # still inside the debounce interval
    main_window.close()

    from netboard.ui.app import build_main_window
    from netboard.ui.context import build_context

    reopened = Store.open(f"sqlite:///{ui_db_path}", user="dr-ui-test")
    try:
        context = build_context(reopened, settings=ui_settings)
        window = build_main_window(context)
        qtbot.addWidget(window)
        again, _disc = _gamma_discussion(window, ui_ids)
        assert again.decision.recommendation.toPlainText() == HALF_SENTENCE
        stored = queries.get_meeting(reopened, ui_ids.next_meeting).agenda[0].discussion
        assert stored.id == disc.id
        assert stored.decision.recommendation == HALF_SENTENCE
        window.close()
    finally:
        reopened.close()


def test_typing_saves_after_a_pause_and_on_focus_out(qtbot, main_window, ui_ids, ui_store):  # type: ignore[no-untyped-def]
    panel, _disc = _gamma_discussion(main_window, ui_ids)
    saver = panel.decision.decision_saver
    editor = panel.decision.recommendation
    editor.setFocus()
    qtbot.keyClicks(editor, "Lanreotide")
    with qtbot.waitSignal(saver.saved, timeout=DEBOUNCE_MS * 5):
        pass
    saver.set_delay(60_000)  # from here on only the focus change can save
    qtbot.keyClicks(editor, " 120 mg")
    assert saver.has_pending()
    panel.question.setFocus()  # focus-out saves at once
    qtbot.waitUntil(lambda: not saver.has_pending(), timeout=1000)
    stored = queries.get_meeting(ui_store, ui_ids.next_meeting).agenda[0].discussion
    assert stored.decision.recommendation == "Lanreotide 120 mg"


def test_a_burst_of_typing_is_one_undo_step(qtbot, main_window, ui_ids, ui_context):  # type: ignore[no-untyped-def]
    panel, _disc = _gamma_discussion(main_window, ui_ids)
    saver = panel.decision.decision_saver
    editor = panel.decision.recommendation
    stack = ui_context.undo_stack
    editor.setFocus()
    qtbot.keyClicks(editor, "Surveillance")
    saver.flush()  # creates the decision: one step
    steps = stack.count()
    for words in (" with MRI", " every 6 months"):
        qtbot.keyClicks(editor, words)
        saver.flush()
    assert stack.count() == steps + 1  # both saves merged into one step
    stack.undo()
    assert editor.toPlainText() == "Surveillance"
    assert panel.item.discussion.decision.recommendation == "Surveillance"
    stack.undo()
    assert editor.toPlainText() == "" and panel.item.discussion.decision is None
    stack.redo()
    stack.redo()
    assert editor.toPlainText() == "Surveillance with MRI every 6 months"


def test_someone_elses_change_of_the_same_text_is_never_overwritten(  # type: ignore[no-untyped-def]
    qtbot, main_window, ui_ids, ui_store
):
    from netboard.db import operations as ops

    panel, _disc = _gamma_discussion(main_window, ui_ids)
    saver = panel.decision.decision_saver
    editor = panel.decision.recommendation
    editor.setFocus()
    qtbot.keyClicks(editor, "Lanreotide")
    saver.flush()
    decision = queries.get_meeting(ui_store, ui_ids.next_meeting).agenda[0].discussion.decision
    # a colleague on another machine rewrites the recommendation (no announcement reaches us)
    ops.update(ui_store, "decision", decision.id, {"recommendation": "Octreotide LAR"},
               expected_version=decision.version)  # fmt: skip
    saver.set_delay(60_000)
    qtbot.keyClicks(editor, " 120 mg")
    assert not saver.flush()
    assert "changed Recommendation meanwhile" in panel.decision.error.text()  # names the field
    assert editor.toPlainText() == "Lanreotide 120 mg"  # our text stays on screen
    stored = queries.get_meeting(ui_store, ui_ids.next_meeting).agenda[0].discussion.decision
    assert stored.recommendation == "Octreotide LAR"  # theirs is not overwritten
