"""The option cards of a discussion, in the order the board sees them (no Qt).

Each entry is a catalog option with the engine's assessment of it (rank, its own signals, why it
stands where it does) and the board's record of it (an OptionConsidered), or an option the board
considered that the engine did not list (those come last).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from netboard.domain.snapshot import CaseDiscussion, OptionConsidered
from netboard.domain.vocab import Stance

STANCE_COLOURS = {
    Stance.RECOMMENDED: "#1b6e3a",
    Stance.ALTERNATIVE: "#0b5cad",
    Stance.LATER: "#8a5300",
    Stance.NOT_NOW: "#6b6b6b",
}
"""The colour of each stance wherever an option's stance is shown: discussion, slides, history."""


@dataclass(frozen=True, slots=True)
class OptionEntry:
    """One card: a catalog option, its engine assessment (if any) and the board's record of it."""

    key: str
    option_id: str
    name: str
    group_text: str
    rank: int | None
    signals: tuple[Any, ...]
    """The option's own signals (reasons said alike for several options are shown once above)."""
    considered: OptionConsidered | None
    reason: str = ""
    """One line: why it is where it is in the engine's order."""
    applicable: bool = True
    """False: 'not applicable now' (still choosable; folded below the others)."""


def build_entries(
    assessment: Any, discussion: CaseDiscussion, name: Callable[[str], str], catalog: Any
) -> list[OptionEntry]:
    """Cards in engine rank order; considered options the engine did not list come last."""
    considered = list(discussion.options)
    entries: list[OptionEntry] = []
    used: set[str] = set()
    ranked = list(assessment.options) if assessment is not None else []
    for assessed in ranked:
        own = assessment.own_signals(assessed) if hasattr(assessment, "own_signals") else ()
        option = assessed.option
        match = next((o for o in considered if o.option_id == option.id and o.id not in used), None)
        if match is not None:
            used.add(match.id)
        group = f"{option.group.label} · {option.modality.label}"
        entries.append(
            OptionEntry(
                option.id,
                option.id,
                option.name,
                group,
                assessed.rank,
                tuple(own),
                match,
                getattr(assessed, "rank_reason", ""),
                getattr(assessed, "applicable", True),
            )
        )
    for opt in considered:
        if opt.id in used:
            continue
        found = catalog.find(opt.option_id) if catalog is not None else None
        group = f"{found.group.label} · {found.modality.label}" if found is not None else ""
        entries.append(
            OptionEntry(opt.id, opt.option_id, name(opt.option_id), group, None, (), opt)
        )
    return entries
