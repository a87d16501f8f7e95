"""For one case today: every catalog option with what speaks for and against it, and why.

The engine informs; it never decides. Every option appears exactly once (the board may choose
anything); the ranking (netboard.domain.ranking) only orders them: options that fit this patient
first, by the strength of the evidence behind them, options not applicable now last. Each signal
names its rule, its source, its strength, and whether it rests on a fact marked [verify].
When no metastatic or unresectable disease is on record, a rule's 'supports' for an
antiproliferative option is shown as information (see netboard.domain.rules.extent).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from netboard.domain.catalog import Catalog, CatalogOption, load_catalog
from netboard.domain.grading import GradeDrift
from netboard.domain.ranking import NOT_APPLICABLE, TIER_LABELS, standing
from netboard.domain.rules import ALL_RULES, Rule
from netboard.domain.rules.base import Kind, Strength
from netboard.domain.rules.criteria import Criterion, Met
from netboard.domain.rules.current import running
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
    """A fact that makes the option not applicable now (it ranks last; it is still shown)."""
    strength: Strength = Strength.PLAUSIBILITY
    """What stands behind it (reference §6); its weight in the ranking."""
    kind: Kind = Kind.INDICATION
    criteria: tuple[Criterion, ...] = ()
    """For a trial population: each criterion met / not met / unknown with the patient's value."""
    partial: bool = False
    """A population fit with a secondary criterion not on record (weighs one point less)."""

    @property
    def weight(self) -> int:
        """The strength's weight, one point less for a partial fit (at least 1)."""
        return max(1, self.strength.weight - 1) if self.partial else self.strength.weight


@dataclass(frozen=True, slots=True)
class OptionAssessment:
    """One catalog option with its signals (supports first) and its place in the ranking."""

    option: CatalogOption
    signals: tuple[Signal, ...]
    rank: int
    """1-based position in the ranked list."""
    rank_reason: str = ""
    """One line: why it is where it is (tier, strongest reasons, cautions, score)."""
    tier: int = 0
    """0 fits, 1 to weigh, 2 nothing specific, 3 more against, 4 not applicable now (ranking)."""
    score: float = 0.0

    @property
    def applicable(self) -> bool:
        return self.tier != NOT_APPLICABLE

    @property
    def tier_label(self) -> str:
        return TIER_LABELS[self.tier]

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
    shared: tuple[Signal, ...] = ()
    """Signals said the same way on several options: shown once, at case level."""

    @property
    def ready(self) -> bool:
        return not self.readiness

    def own_signals(self, assessed: OptionAssessment) -> tuple[Signal, ...]:
        """The option's signals without the ones said once at case level (``shared``)."""
        return tuple(s for s in assessed.signals if s not in self.shared)

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
        readiness=(*readiness, *_to_find_out(options)),
        returns=return_candidates(facts),
        drift=facts.drift,
        today=today,
        question=facts.question,
        shared=_shared(options),
    )


def _evaluate(
    facts: CaseFacts, rules: tuple[Rule, ...], catalog: Catalog
) -> tuple[dict[str, list[Signal]], list[Signal], list[Signal]]:
    per_option: dict[str, list[Signal]] = {option_id: [] for option_id in catalog.ids}
    case_signals: list[Signal] = []
    readiness: list[Signal] = []
    now = {facts.option_id(course) for course in running(facts)}
    for current in rules:
        for finding in current.evaluate(facts):
            signal = Signal(
                rule_id=current.id,
                direction=finding.direction,
                text=finding.text,
                source=finding.source or current.source,
                unverified=current.unverified if finding.unverified is None else finding.unverified,
                blocking=finding.blocking,
                strength=finding.strength or current.strength,
                kind=current.kind,
                criteria=finding.criteria,
                partial=finding.partial,
            )
            if current.scope == "readiness":
                readiness.append(signal)
            elif current.scope == "case":
                case_signals.append(signal)
            else:
                for option_id in finding.options or current.options:
                    bucket = per_option.get(option_id)
                    if bucket is None or (current.kind == Kind.POPULATION and option_id in now):
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
    """Order the options by netboard.domain.ranking (tier, score, best support, catalog order)."""
    keyed = []
    for index, option in enumerate(catalog.options):
        signals = tuple(
            sorted(
                per_option[option.id],
                key=lambda s: (_DIRECTION_ORDER[s.direction], not s.blocking, -s.weight),
            )
        )
        place = standing(signals)
        keyed.append((place.key(index), option, signals, place))
    keyed.sort(key=lambda item: item[0])
    return tuple(
        OptionAssessment(option, signals, rank, place.reason, place.tier, place.score)
        for rank, (_, option, signals, place) in enumerate(keyed, start=1)
    )


SHARED_MIN_OPTIONS = 3


def _shared(options: tuple[OptionAssessment, ...]) -> tuple[Signal, ...]:
    """Signals with the same rule and text on at least three options that apply now (said once at
    case level; an option not applicable now shows its one reason anyway)."""
    seen: dict[Signal, int] = {}
    for assessed in options:
        if not assessed.applicable:
            continue
        for signal in dict.fromkeys(assessed.signals):
            seen[signal] = seen.get(signal, 0) + 1
    return tuple(s for s, count in seen.items() if count >= SHARED_MIN_OPTIONS)


def _to_find_out(options: tuple[OptionAssessment, ...]) -> tuple[Signal, ...]:
    """Key trial criteria not on record for an option that is otherwise open: what to find out."""
    found: dict[str, list[str]] = {}
    sources: dict[str, str] = {}
    for assessed in options:
        if not assessed.applicable:
            continue
        for signal in assessed.signals:
            if signal.kind != Kind.POPULATION or signal.direction != SignalDirection.INFORMATION:
                continue
            for criterion in signal.criteria:
                if criterion.key and criterion.met == Met.UNKNOWN:
                    found.setdefault(criterion.value, []).append(assessed.option.label)
                    sources.setdefault(criterion.value, signal.source)
    return tuple(
        Signal(
            rule_id="readiness.trial_criteria",
            direction=SignalDirection.CAUTION,
            text=f"{missing.capitalize()}: needed to check the trial population of "
            + ", ".join(dict.fromkeys(names)),
            source=sources[missing],
            kind=Kind.INFORMATION,
        )
        for missing, names in found.items()
    )
