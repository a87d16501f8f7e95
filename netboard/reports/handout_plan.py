"""The plan part of the patient handout: what the board recommended, in plain words.

It reads the recommended catalog options (or the option an addendum corrected the plan to), never
the board's own decision text: that is written for colleagues ("if Krenning >= 3 and marrow
reserve adequate"). Each option says what it is, how it is given, how often and how long, its
usual side effects and where it happens (near home, or at a specialized center); a burden fact the
program's reference does not state carries a mark and a footnote.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from netboard.domain.board.followup import plan_correction
from netboard.domain.burden import Burden, Setting
from netboard.domain.catalog import Catalog, CatalogOption
from netboard.domain.snapshot import CaseDiscussion, Patient
from netboard.domain.vocab import Stance

UNVERIFIED_MARK = "*"
UNVERIFIED_NOTE = (
    "* Your care team will confirm the points marked with a star: the program's reference "
    "does not state them."
)
NO_CATALOG_PLAN = "The team agreed on a plan that your care team will explain to you in person."


@dataclass(frozen=True, slots=True)
class PlanPart:
    """One recommended option as the patient reads it."""

    name: str
    plain_language: str
    details: tuple[tuple[str, str], ...]
    """(label, text) lines: how it is given, how often, side effects, where."""
    unverified: bool
    """Some line carries the unverified mark (the footnote is printed)."""


@dataclass(frozen=True, slots=True)
class Plan:
    parts: tuple[PlanPart, ...]
    corrected_on: date | None = None
    """The day an addendum corrected the plan (None: the plan as decided at the meeting)."""


def plan_of(discussion: CaseDiscussion, patient: Patient, catalog: Catalog) -> Plan:
    """The plan of ``discussion``: its recommended catalog options, or the option an addendum
    corrected it to (the latest such addendum wins)."""
    corrected = plan_correction(discussion)
    if corrected is not None and corrected.plan_option_id:
        option = catalog.find(corrected.plan_option_id)
        options = [option] if option is not None else []
        return Plan(tuple(_part(o, patient) for o in options), corrected.created_at.date())
    chosen: list[CatalogOption] = []
    for considered in discussion.options:
        entry = catalog.find(considered.option_id)
        if considered.stance == Stance.RECOMMENDED and entry is not None and entry not in chosen:
            chosen.append(entry)
    return Plan(tuple(_part(o, patient) for o in chosen))


def _part(option: CatalogOption, patient: Patient) -> PlanPart:
    burden = option.burden
    if burden is None:
        return PlanPart(option.name, option.plain_language, (), False)
    lines = (
        ("How it is given", _marked(burden, "route", burden.route)),
        ("How often and how long", _marked(burden, "schedule", burden.schedule)),
        ("Common side effects", _marked(burden, "side_effects", burden.side_effects)),
        ("Where", _marked(burden, "where", where_text(burden, patient))),
    )
    return PlanPart(option.name, option.plain_language, lines, bool(burden.unverified))


def where_text(burden: Burden, patient: Patient) -> str:
    """Where this part of the plan happens, naming the patient's home institution when near."""
    if burden.where == Setting.NEAR_HOME:
        home = patient.home_institution.strip()
        place = f" (your home institution: {home})" if home else ""
        return f"Near your home{place}. {burden.where_note}"
    return f"At a specialized center. {burden.where_note}"


def _marked(burden: Burden, field: str, text: str) -> str:
    return f"{text} {UNVERIFIED_MARK}" if burden.flagged(field) else text
