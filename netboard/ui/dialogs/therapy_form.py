"""The therapy course form: a catalog option plus the agent as given, checked against the catalog.

The agent must belong to a catalog option (and to the option chosen); typing a known agent picks
its option, and choosing an option fills in its usual agent and modality.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QCompleter, QWidget

from netboard.domain.snapshot import CaseSnapshot
from netboard.domain.validation import FieldError
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
    from netboard.domain.catalog import Catalog, CatalogOption
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
    form.extra_checks.append(lambda full: _agent_problems(catalog, full))
    form.extra_checks.append(_ended_problems)
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


def _agent_problems(catalog: Catalog, full: Mapping[str, Any]) -> list[FieldError]:
    """The agent must belong to a catalog option, and to the option chosen."""
    text = str(full.get("agent") or "").strip()
    chosen = catalog.find(full.get("option_id"))
    if not text:
        return []
    if chosen is not None and _names(chosen, text):
        return []
    found = catalog.by_agent(text)
    if found is None:
        example = ", ".join(chosen.agents[:3]) if chosen and chosen.agents else "octreotide LAR"
        return [
            FieldError(
                "agent",
                f"Unknown agent \u201c{text}\u201d: it matches no therapy in the catalog. "
                f"Type an agent the chosen option lists (e.g. {example}) or choose the option "
                "and use its name.",
            )
        ]
    if chosen is not None and found.id != chosen.id:
        return [
            FieldError(
                "agent",
                f"\u201c{text}\u201d is an agent of {found.name}, not of {chosen.name}. "
                "Choose that option or correct the agent.",
            )
        ]
    return []


def _names(option: CatalogOption, text: str) -> bool:
    wanted = text.casefold()
    names = {option.name, option.short_name, option.id, *option.agents}
    return any(wanted == n.casefold() for n in names if n)


def _ended_problems(full: Mapping[str, Any]) -> list[FieldError]:
    if full.get("reason_ended") is not None and full.get("end_date") is None:
        return [
            FieldError(
                "reason_ended",
                "Reason ended: the course is marked ongoing. Give its end date, or leave the "
                "reason empty.",
            )
        ]
    return []
