"""For one case today: every catalog option with what speaks for and against it, and why.

The engine informs; it never decides. Every option appears exactly once (the board may choose
anything); the ranking only orders them so the options with support and no blocking signal come
first. Each signal names its rule, its source, and whether it rests on a fact marked [verify].
When no metastatic or unresectable disease is on record, a rule's 'supports' for an
antiproliferative option is shown as information (see netboard.domain.rules.extent).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from netboard.domain.catalog import Catalog, CatalogOption, load_catalog
from netboard.domain.grading import GradeDrift
from netboard.domain.rules import ALL_RULES, Rule
from netboard.domain.rules.extent import QUIET_NOTE, quiet_support
from netboard.domain.rules.facts import CaseFacts, build_facts
from netboard.domain.rules.history import ReturnCandidate, return_candidates
from netboard.domain.snapshot import CaseSnapshot
from netboard.domain.vocab import SignalDirection

__all__ = [
    "CaseAssessment",
    "GradeDrift",
    "OptionAssessment",
    "ReturnCandidate",
    "Signal",
    "considerations",
]

_DIRECTION_ORDER = {
    SignalDirection.SUPPORTS: 0,
    SignalDirection.AGAINST: 1,
    SignalDirection.CAUTION: 2,
    SignalDirection.INFORMATION: 3,
}


@dataclass(frozen=True, slots=True)
class Signal:
    """One reason for or against, in this patient's values, with the rule and source behind it."""

    rule_id: str
    direction: SignalDirection
    text: str
    source: str
    unverified: bool = False
    """The rule rests on a fact the reference marks [verify]; screen and paper flag it."""
    blocking: bool = False
    """A strong 'against' (the option ranks last; it is still shown)."""


@dataclass(frozen=True, slots=True)
class OptionAssessment:
    """One catalog option with its signals (supports first) and its place in the ranking."""

    option: CatalogOption
    signals: tuple[Signal, ...]
    rank: int
    """1-based position in the ranked list."""
    rank_reason: str = ""

    def count(self, direction: SignalDirection) -> int:
        return sum(1 for s in self.signals if s.direction == direction)

    @property
    def supports(self) -> int:
        return self.count(SignalDirection.SUPPORTS)

    @property
    def against(self) -> int:
        return self.count(SignalDirection.AGAINST)

    @property
    def blocked(self) -> bool:
        return any(s.blocking for s in self.signals)

    @property
    def unverified(self) -> bool:
        """Any signal, or the option's catalog entry, rests on a fact marked [verify]."""
        return self.option.unverified or any(s.unverified for s in self.signals)


@dataclass(frozen=True, slots=True)
class CaseAssessment:
    """The whole answer for one case on one day."""

    options: tuple[OptionAssessment, ...]
    """Every catalog option exactly once, ranked."""
    case_signals: tuple[Signal, ...]
    readiness: tuple[Signal, ...]
    """What is missing for the board to weigh the options; empty when ready."""
    returns: tuple[ReturnCandidate, ...]
    drift: tuple[GradeDrift, ...]
    today: date
    question: str = ""
    """The question for the board this assessment was made for (may be empty)."""

    @property
    def ready(self) -> bool:
        return not self.readiness

    def option(self, option_id: str) -> OptionAssessment:
        """The assessment of one option; KeyError when the catalog has no such option."""
        for assessed in self.options:
            if assessed.option.id == option_id:
                return assessed
        raise KeyError(option_id)


def considerations(
    case: CaseSnapshot,
    today: date,
    catalog: Catalog | None = None,
    question: str | None = None,
) -> CaseAssessment:
    """Assess every catalog option for ``case`` as of ``today``.

    ``question`` is the board's question for the current discussion; None takes the question of
    the latest pending discussion in ``case.discussions``. Records dated after ``today`` are left
    out (planned courses are shown as planned).
    """
    catalog = catalog if catalog is not None else load_catalog()
    facts = build_facts(case, today, catalog, question)
    per_option, case_signals, readiness = _evaluate(facts, ALL_RULES, catalog)
    options = _rank(catalog, per_option)
    return CaseAssessment(
        options=options,
        case_signals=tuple(case_signals),
        readiness=tuple(readiness),
        returns=return_candidates(facts),
        drift=facts.drift,
        today=today,
        question=facts.question,
    )


def _evaluate(
    facts: CaseFacts, rules: tuple[Rule, ...], catalog: Catalog
) -> tuple[dict[str, list[Signal]], list[Signal], list[Signal]]:
    per_option: dict[str, list[Signal]] = {option_id: [] for option_id in catalog.ids}
    case_signals: list[Signal] = []
    readiness: list[Signal] = []
    for current in rules:
        for finding in current.evaluate(facts):
            signal = Signal(
                rule_id=current.id,
                direction=finding.direction,
                text=finding.text,
                source=finding.source or current.source,
                unverified=current.unverified if finding.unverified is None else finding.unverified,
                blocking=finding.blocking,
            )
            if current.scope == "readiness":
                readiness.append(signal)
            elif current.scope == "case":
                case_signals.append(signal)
            else:
                for option_id in finding.options or current.options:
                    bucket = per_option.get(option_id)
                    if bucket is None:
                        continue
                    if quiet_support(facts, current.id, option_id, finding):
                        bucket.append(_quieted(signal))
                    else:
                        bucket.append(signal)
    return per_option, case_signals, readiness


def _quieted(signal: Signal) -> Signal:
    """A 'supports' for tumor control read as information (no advanced disease on record)."""
    return replace(signal, direction=SignalDirection.INFORMATION, text=signal.text + QUIET_NOTE)


def _rank(catalog: Catalog, per_option: dict[str, list[Signal]]) -> tuple[OptionAssessment, ...]:
    """Supported and unblocked first by (supports - against), then neutral (fewest 'against'
    first, so an option with nothing said against it reads before one with reasons against),
    then blocked.

    Ties keep catalog order, so the ranking is stable and the same case always reads the same.
    """
    keyed = []
    for index, option in enumerate(catalog.options):
        signals = sorted(
            per_option[option.id],
            key=lambda s: (_DIRECTION_ORDER[s.direction], not s.blocking),
        )
        supports = sum(1 for s in signals if s.direction == SignalDirection.SUPPORTS)
        against = sum(1 for s in signals if s.direction == SignalDirection.AGAINST)
        blocking = [s.rule_id for s in signals if s.blocking]
        if blocking:
            tier, reason = 2, "blocking signal: " + ", ".join(dict.fromkeys(blocking))
        elif supports:
            tier = 0
            reason = f"{supports} for, {against} against, no blocking signal"
        else:
            tier = 1
            reason = f"no supporting signal ({against} against)" if against else "no signal for"
        score = supports - against if tier < 2 else 0
        keyed.append(((tier, -score, index), option, tuple(signals), reason))
    keyed.sort(key=lambda item: item[0])
    return tuple(
        OptionAssessment(option, signals, rank, reason)
        for rank, (_, option, signals, reason) in enumerate(keyed, start=1)
    )
