"""What a rule is: a small named function with an id, a source, a strength and a kind.

A rule reads the precomputed CaseFacts and says, in this patient's own values, what speaks for or
against options (scope "option"), what the board should know about the case as a whole ("case"),
or what is missing for the board to weigh the options ("readiness"). The engine turns findings into
Signals, adding the rule's id, source, strength and unverified flag, so no signal can lack a source.

Strength (reference §6) says what stands behind a statement, strongest first: a randomized phase III
trial whose population the patient fits, a guideline statement, a series, a plausibility rule. The
patient's own record (progression or toxicity on a therapy) weighs like a guideline statement. Kind
says what the rule does: checks a trial population, states a fact that makes an option not
applicable now, cautions, or informs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Literal

from netboard.domain.rules.criteria import Criterion
from netboard.domain.vocab import SignalDirection

if TYPE_CHECKING:
    from netboard.domain.rules.facts import CaseFacts

Scope = Literal["option", "case", "readiness"]

SUPPORTS = SignalDirection.SUPPORTS
AGAINST = SignalDirection.AGAINST
CAUTION = SignalDirection.CAUTION
INFORMATION = SignalDirection.INFORMATION


class Strength(Enum):
    """What stands behind a signal (reference §6), with its weight in the ranking."""

    PHASE_III = "phase III trial, population fits"
    GUIDELINE = "guideline statement"
    RECORD = "this patient's record"
    SERIES = "single-arm or retrospective series"
    PLAUSIBILITY = "plausibility (pattern of disease)"
    OUTSIDE = "outside a trial population"

    @property
    def weight(self) -> int:
        return _WEIGHTS[self]


_WEIGHTS = {
    Strength.PHASE_III: 4,
    Strength.GUIDELINE: 3,
    Strength.RECORD: 3,
    Strength.SERIES: 2,
    Strength.PLAUSIBILITY: 1,
    Strength.OUTSIDE: 1,
}


class Kind(Enum):
    """What a rule does."""

    POPULATION = "trial population"
    INDICATION = "indication"
    BLOCKING = "blocking fact"
    CAUTION = "caution"
    INFORMATION = "information"


@dataclass(frozen=True, slots=True)
class Finding:
    """One statement a rule makes; the engine adds the rule id and source."""

    direction: SignalDirection
    text: str
    blocking: bool = False
    """A fact that makes the option not applicable now (it ranks last and is still shown)."""
    options: tuple[str, ...] = ()
    """The option ids it concerns; empty means the rule's own options."""
    unverified: bool | None = None
    """Overrides the rule's flag when only this branch rests on a fact marked [verify]."""
    source: str = ""
    """Overrides the rule's source when this branch cites something else."""
    strength: Strength | None = None
    """Overrides the rule's strength for this statement."""
    criteria: tuple[Criterion, ...] = ()
    """A trial population's criteria, each met / not met / unknown with the patient's value."""
    partial: bool = False
    """A population fit with a secondary criterion unknown: weighs one point less (at least 1)."""


Evaluate = Callable[["CaseFacts"], Sequence[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A named rule: id (e.g. 'prrt.sstr_uptake'), its source, and the options it speaks to."""

    id: str
    source: str
    scope: Scope
    options: tuple[str, ...]
    unverified: bool
    evaluate: Evaluate
    summary: str = ""
    """What the rule checks (the first paragraph of its docstring), for a reviewer."""
    strength: Strength = Strength.PLAUSIBILITY
    kind: Kind = Kind.INDICATION


def rule(
    rule_id: str,
    *,
    source: str,
    options: Sequence[str] = (),
    scope: Scope = "option",
    unverified: bool = False,
    strength: Strength = Strength.PLAUSIBILITY,
    kind: Kind = Kind.INDICATION,
) -> Callable[[Evaluate], Rule]:
    """Decorator: turn an evaluate function into a Rule (its docstring becomes the summary)."""

    def wrap(function: Evaluate) -> Rule:
        paragraph = (function.__doc__ or "").strip().split("\n\n")[0]
        summary = " ".join(paragraph.split())
        return Rule(
            rule_id, source, scope, tuple(options), unverified, function, summary, strength, kind
        )

    return wrap


NOTHING: tuple[Finding, ...] = ()
