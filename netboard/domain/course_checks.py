"""Checks of a therapy course as the form enters it, beyond each field's own (no Qt).

The agent typed must be one the catalog knows, and one of the option chosen; a course that gives
a reason it ended must give its end date. Each problem names the field it belongs to.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from netboard.domain.catalog import Catalog, CatalogOption
from netboard.domain.validation import FieldError


def agent_problems(catalog: Catalog, full: Mapping[str, Any]) -> list[FieldError]:
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


def ended_problems(full: Mapping[str, Any]) -> list[FieldError]:
    """A reason the course ended needs its end date (without one the course is ongoing)."""
    if full.get("reason_ended") is not None and full.get("end_date") is None:
        return [
            FieldError(
                "reason_ended",
                "Reason ended: the course is marked ongoing. Give its end date, or leave the "
                "reason empty.",
            )
        ]
    return []
