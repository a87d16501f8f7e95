"""The therapy course form: a catalog option plus the agent as given, checked against the catalog.

The agent must belong to a catalog option (and to the option chosen); typing a known agent picks
its option, and choosing an option fills in its usual agent and modality.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QCompleter, QWidget

from netboard.domain.course_checks import agent_problems, ended_problems
from netboard.domain.snapshot import CaseSnapshot
from netboard.domain.vocab import Intent, Modality, ReasonEnded, Response
from netboard.ui.dialogs.fields import (
    ChoiceField,
    DateField,
    Field,
    NoteField,
    NumberField,
    TextField,
)
from netboard.ui.dialogs.form import RecordForm
from netboard.ui.dialogs.record_base import build_form

if TYPE_CHECKING:
    from netboard.domain.catalog import Catalog
    from netboard.ui.context import AppContext


def therapy_form(
    context: AppContext, case: CaseSnapshot, record: Any, parent: QWidget | None
) -> RecordForm:
    catalog = context.catalog
    fields = _therapy_fields(catalog, context.today())
    option, agent, modality = fields[0], fields[1], fields[2]
    assert isinstance(option, ChoiceField) and isinstance(agent, TextField)
    assert isinstance(modality, ChoiceField)
    _link_option_and_agent(catalog, option, agent, modality)

    def describe(values: Mapping[str, Any]) -> str:
        return f"therapy course {values.get('agent', '')}".strip()

    form = build_form(context, "therapy", case, record, fields, describe, parent)
    form.extra_checks.append(lambda full: agent_problems(catalog, full))
    form.extra_checks.append(ended_problems)
    return form


def _therapy_fields(catalog: Catalog, today: date) -> list[Field]:
    """Option, agent (completed from the catalog's agents), modality, then the rest."""
    option = ChoiceField(
        "option_id",
        "Therapy option",
        catalog.options,
        empty="(choose the catalog option)",
        text_of=lambda o: f"{o.name}  \u2014 {o.group.label.lower()}",
        value_of=lambda o: o.id,
        hint="From the therapy catalog. Typing a known agent below chooses it for you.",
    )
    agent = TextField(
        "agent", "Agent", required=True, placeholder="e.g. octreotide LAR, everolimus, Lu-177"
    )
    agents = sorted(
        {a for o in catalog.options for a in o.agents} | {o.name for o in catalog.options}
    )
    completer = QCompleter(agents, agent.line)
    completer.setCaseSensitivity(completer.caseSensitivity().CaseInsensitive)
    completer.setFilterMode(completer.filterMode().MatchContains)
    agent.line.setCompleter(completer)
    modality = ChoiceField("modality", "Modality", Modality)
    intent = ChoiceField("intent", "Intent", Intent, empty="(not stated)")
    start = DateField("start_date", "Start date", default=today)
    end = DateField("end_date", "End date", default=None, optional_text="ongoing")
    return [
        option,
        agent,
        modality,
        intent,
        start,
        end,
        TextField("dose", "Dose", placeholder="e.g. 120 mg"),
        TextField("schedule", "Schedule", placeholder="e.g. every 28 days"),
        NumberField("cycles", "Cycles", integer=True),
        TextField("site_of_care", "Site of care"),
        ChoiceField("best_response", "Best response", Response, empty="(not assessed)"),
        ChoiceField("reason_ended", "Reason ended", ReasonEnded, empty="(not ended)"),
        TextField("trial_id", "Trial identifier", max_length=60, placeholder="e.g. NCT number"),
        NoteField("notes", "Notes"),
    ]


def _link_option_and_agent(
    catalog: Catalog, option: ChoiceField, agent: TextField, modality: ChoiceField
) -> None:
    """Choosing an option sets the modality (and an empty agent); a known agent chooses it."""

    def option_chosen() -> None:
        chosen = catalog.find(option.read())
        if chosen is None:
            return
        modality.set_value(chosen.modality)
        if not agent.line.text().strip():
            agent.line.setText(chosen.agents[0] if chosen.agents else chosen.label)

    def agent_typed() -> None:
        if option.read() is None:
            found = catalog.by_agent(agent.line.text())
            if found is not None:
                option.set_value(found.id)

    option.combo.currentIndexChanged.connect(lambda _i: option_chosen())
    agent.line.editingFinished.connect(agent_typed)
