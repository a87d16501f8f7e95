"""What a rule is: a small named function with an id and a source, returning findings.

A rule reads the precomputed CaseFacts and says, in this patient's own values, what speaks for or
against options (scope "option"), what the board should know about the case as a whole ("case"),
or what is missing for the board to weigh the options ("readiness"). The engine turns findings into
Signals, adding the rule's id, source and unverified flag, so no signal can lack a source.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from netboard.domain.vocab import SignalDirection

if TYPE_CHECKING:
    from netboard.domain.rules.facts import CaseFacts

Scope = Literal["option", "case", "readiness"]

SUPPORTS = SignalDirection.SUPPORTS
AGAINST = SignalDirection.AGAINST
CAUTION = SignalDirection.CAUTION
INFORMATION = SignalDirection.INFORMATION


@dataclass(frozen=True, slots=True)
class Finding:
    """One statement a rule makes; the engine adds the rule id and source."""

    direction: SignalDirection
    text: str
    blocking: bool = False
    """A strong 'against' (e.g. sunitinib for a non-pancreatic primary); ranks the option last."""
    options: tuple[str, ...] = ()
    """The option ids it concerns; empty means the rule's own options."""
    unverified: bool | None = None
    """Overrides the rule's flag when only this branch rests on a fact marked [verify]."""
    source: str = ""
    """Overrides the rule's source when this branch cites something else."""


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
    """What the rule checks, for a reviewer reading the rule list."""


def rule(
    rule_id: str,
    *,
    source: str,
    options: Sequence[str] = (),
    scope: Scope = "option",
    unverified: bool = False,
) -> Callable[[Evaluate], Rule]:
    """Decorator: turn an evaluate function into a Rule (its docstring becomes the summary)."""

    def wrap(function: Evaluate) -> Rule:
        summary = (function.__doc__ or "").strip().splitlines()[0] if function.__doc__ else ""
        return Rule(rule_id, source, scope, tuple(options), unverified, function, summary)

    return wrap


NOTHING: tuple[Finding, ...] = ()
