"""The live-discussion options read like medicine: fit first with one line why, reasons alike
for several options said once, options not applicable now folded (still choosable)."""

from __future__ import annotations

from dataclasses import replace

from netboard.db import queries
from netboard.domain.considerations import considerations
from netboard.ui.meetings.options_panel import OptionsPanel
from tests.factories import discussion
from tests.ui.conftest import TODAY


def test_options_fold_and_say_why(qtbot, ui_store, ui_ids, ui_context) -> None:
    case = queries.get_case(ui_store, ui_ids.alpha)
    assessment = considerations(case, TODAY, ui_context.catalog)
    talk = replace(discussion("Next line?"), patient_id=case.patient.id)
    panel = OptionsPanel(ui_context)
    qtbot.addWidget(panel)
    panel.set_discussion(talk, assessment, read_only=True)

    folded = [a.option.id for a in assessment.options if not a.applicable]
    assert folded, "the sample case is expected to have options not applicable now"
    shown = [e.option_id for e in panel.visible_entries()]
    assert not set(shown) & set(folded)
    first = assessment.options[0]
    card = panel.cards[first.option.id]
    assert card.reason.text() == first.rank_reason
    rule_ids = {s.rule_id for s in assessment.own_signals(first)}
    assert all(rule_id not in card.signals.text() for rule_id in rule_ids)
    assert all(rule_id in card.signals.toolTip() for rule_id in rule_ids)

    if assessment.shared:
        assert not panel.shared.isVisibleTo(panel)
        panel.shared_toggle.setChecked(True)
        assert panel.shared.isVisibleTo(panel)
        assert assessment.shared[0].text[:40] in panel.shared.text()

    panel.show_all.setChecked(True)
    assert set(folded) <= set(panel.cards)
    assert panel.folded_heading.isVisibleTo(panel)
    assert panel.folded_heading.text().startswith(f"Not applicable now ({len(folded)})")
    index = panel.card_layout.indexOf(panel.folded_heading)
    assert panel.card_layout.indexOf(panel.cards[folded[0]]) == index + 1
