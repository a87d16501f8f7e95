"""What an option asks of the patient: route, how often and how long, side effects, and where.

Each catalog option carries a ``[option.burden]`` table (netboard/resources/catalog.toml). The
words are for a patient to read. A burden fact that the program's reference does not state is
listed in the entry's ``unverified`` list and is shown flagged wherever it is printed.

``where`` says where the option can be given: ``near_home`` (a clinic or hospital close to the
patient's home can give it: somatostatin analog injections, tablets, some chemotherapy, supportive
care) or ``center`` (only a specialized center: PRRT, MIBG therapy, major surgery, liver-directed
therapy). The program shares care with sites closer to home; this is what the considerations and
the patient handout use to say which parts of a plan can happen near home.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

BURDEN_TEXT = ("route", "schedule", "side_effects", "where_note")
"""The plain-language fields of a burden table (all required, non-empty)."""
BURDEN_FIELDS = frozenset((*BURDEN_TEXT, "where", "sources", "unverified"))
FLAGGABLE = ("route", "schedule", "side_effects", "where")
"""The burden facts an entry may mark as not stated in the reference."""


class Setting(Enum):
    """Where an option can be given."""

    NEAR_HOME = "near_home"
    CENTER = "center"

    @property
    def label(self) -> str:
        return _SETTING_LABELS[self]


_SETTING_LABELS = {
    Setting.NEAR_HOME: "available near home",
    Setting.CENTER: "specialized center only",
}


@dataclass(frozen=True, slots=True)
class Burden:
    """The burden of one option for the patient, in plain words, with its sources."""

    route: str
    """How it is given ('An injection into a muscle')."""
    schedule: str
    """How often and how long ('Every 4 weeks, for as long as it holds the disease')."""
    side_effects: str
    """Typical side effects in plain words."""
    where: Setting
    where_note: str
    """Where exactly, in plain words ('A nurse at a clinic near home does the injection')."""
    sources: tuple[str, ...]
    unverified: tuple[str, ...] = ()
    """Which of route, schedule, side_effects, where the reference does not state."""

    @property
    def near_home(self) -> bool:
        return self.where == Setting.NEAR_HOME

    def flagged(self, field: str) -> bool:
        """True when this burden fact is not stated in the reference (show it as unverified)."""
        return field in self.unverified


class BurdenError(ValueError):
    """A malformed burden table; the message names the field (the catalog adds the option)."""


def parse_burden(raw: object) -> Burden:
    """Read one ``[option.burden]`` table; BurdenError names the field and the problem."""
    if raw is None:
        raise BurdenError("field 'burden' is missing (route, schedule, side_effects, where)")
    if not isinstance(raw, Mapping):
        raise BurdenError("field 'burden' must be a table")
    unknown = sorted(set(raw) - BURDEN_FIELDS)
    if unknown:
        raise BurdenError(f"burden has unknown field(s) {', '.join(unknown)}")
    text = {name: _text(raw, name) for name in BURDEN_TEXT}
    where = raw.get("where")
    allowed = ", ".join(s.value for s in Setting)
    if where not in {s.value for s in Setting}:
        shown = "is missing" if where is None else f"is '{where}'"
        raise BurdenError(f"burden field 'where' {shown}, not one of {allowed}")
    sources = _strings(raw, "sources")
    if not sources:
        raise BurdenError("burden field 'sources' needs at least one source")
    unverified = _strings(raw, "unverified")
    wrong = [name for name in unverified if name not in FLAGGABLE]
    if wrong:
        raise BurdenError(
            f"burden field 'unverified' names {', '.join(wrong)}; allowed: {', '.join(FLAGGABLE)}"
        )
    return Burden(
        route=text["route"],
        schedule=text["schedule"],
        side_effects=text["side_effects"],
        where=Setting(where),
        where_note=text["where_note"],
        sources=sources,
        unverified=unverified,
    )


def _text(raw: Mapping[str, Any], name: str) -> str:
    value = raw.get(name)
    if not isinstance(value, str) or not value.strip():
        problem = "is missing" if value is None else "must be non-empty text"
        raise BurdenError(f"burden field '{name}' {problem}")
    return " ".join(value.split())


def _strings(raw: Mapping[str, Any], name: str) -> tuple[str, ...]:
    value = raw.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise BurdenError(f"burden field '{name}' must be a list of non-empty strings")
    return tuple(v.strip() for v in value)
