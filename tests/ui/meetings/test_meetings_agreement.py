"""The decision's agreement is the board's deliberate choice (issue 12: 'Consensus' was the form's
silent default and the summary printed it for decisions where nobody chose it)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from netboard.domain.vocab import Agreement


def test_agreement_is_shown_as_not_chosen_until_the_chair_chooses(  # type: ignore[no-untyped-def]
    qtbot, main_window, ui_ids
) -> None:
    main_window.meetings.open_meeting(ui_ids.next_meeting)
    ws = main_window.meetings.workspace
    ws.agenda.add_patients([ui_ids.alpha])
    disc = next(i.discussion for i in ws.snapshot.agenda if i.discussion.patient_id == ui_ids.alpha)
    ws.open_discussion(disc.id)
    dec = ws.discussion.decision
    assert not dec.consensus.isChecked() and not dec.dissent.isChecked()
    assert dec.agreement_label.text() == "Agreement: not yet chosen"
    dec.recommendation.setFocus()
    qtbot.keyClicks(dec.recommendation, "Surveillance imaging in 6 months")
    dec.flush()
    decision = ws.discussion.item.discussion.decision
    assert decision is not None and decision.recommendation.startswith("Surveillance")
    assert decision.agreement is None  # typed a recommendation: nothing assumed
    assert not dec.consensus.isChecked() and "not yet chosen" in dec.agreement_label.text()
    qtbot.mouseClick(dec.consensus, Qt.MouseButton.LeftButton)
    dec.flush()
    assert ws.discussion.item.discussion.decision.agreement == Agreement.CONSENSUS
    assert dec.agreement_label.text() == "Agreement"
