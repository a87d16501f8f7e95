"""Trial populations as eligibility checks: each criterion met, not met or unknown, with the
patient's own value, like a trial-screening sheet (reference §5).

A trial speaks for an option only as far as the patient fits its population: support when every
key criterion is met (weaker when a secondary one is unknown, saying what to find out); no support
while a key criterion is unknown (the population is unknown, not met); a key criterion not met puts
the patient outside the population, which is said with the value that does not fit.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Met(Enum):
    MET = "met"
    NOT_MET = "not met"
    UNKNOWN = "unknown"

    @property
    def mark(self) -> str:
        return _MARKS[self]


_MARKS = {Met.MET: "\u2713", Met.NOT_MET: "\u2717", Met.UNKNOWN: "?"}


@dataclass(frozen=True, slots=True)
class Criterion:
    """One eligibility criterion of a trial population, judged against this patient."""

    name: str
    """The criterion as the trial states it: 'Ki-67 10-55 %'."""
    met: Met
    value: str
    """The patient's value: 'Ki-67 30 % (liver biopsy, 02 Apr 2026)', or what is missing."""
    key: bool = True
    """A key criterion: the support rests on it (a secondary one only weakens the support)."""
    unverified: bool = False
    """The criterion itself is marked [verify] in the reference."""

    @property
    def text(self) -> str:
        """'Ki-67 30 % (liver biopsy, 02 Apr 2026) - Ki-67 10-55 % ✓'."""
        flag = " [verify]" if self.unverified else ""
        return f"{self.value} \u2014 {self.name}{flag} {self.met.mark}"


def judge(name: str, ok: bool | None, value: str, *, key: bool = True) -> Criterion:
    """A criterion from a yes / no / unknown answer (None: not on record)."""
    met = Met.UNKNOWN if ok is None else (Met.MET if ok else Met.NOT_MET)
    return Criterion(name, met, value, key)


@dataclass(frozen=True, slots=True)
class Fit:
    """How a patient fits a population, summarised from its criteria."""

    criteria: tuple[Criterion, ...]

    @property
    def not_met(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.key and c.met == Met.NOT_MET)

    @property
    def unknown_key(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.key and c.met == Met.UNKNOWN)

    @property
    def unknown_other(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if not c.key and c.met != Met.MET)

    @property
    def met(self) -> Met:
        """Met (every key criterion met), not met (a key one not met) or unknown."""
        if self.not_met:
            return Met.NOT_MET
        if self.unknown_key:
            return Met.UNKNOWN
        return Met.MET

    @property
    def unverified(self) -> bool:
        return any(c.unverified and c.met == Met.MET for c in self.criteria)


def listed(criteria: tuple[Criterion, ...]) -> str:
    return "; ".join(c.text for c in criteria)
