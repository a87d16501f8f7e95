"""The ranking: a documented function of evidence strength, fit, blocking facts and cautions.

Every signal weighs by the strength of what stands behind it (reference §6): a phase III trial
whose population the patient fits 4, a guideline statement or this patient's own record 3, a series
2, a plausibility rule 1, being outside a trial's population 1 (a population fit with a secondary
criterion not on record weighs one point less).
A 'supports' adds its weight, an 'against' subtracts it, a caution subtracts half of it, information
counts nothing. The sum is the option's score. Options then fall into tiers, in this order:

0. fits this patient: score above 0 and no blocking fact;
1. to weigh: reasons for and against balance (score 0);
2. nothing specific on record: no signal for, against or cautioning;
3. more against than for: score below 0;
4. not applicable now: a blocking fact (the option cannot help or cannot be given now); it is
   still listed and still choosable.

Within a tier the higher score comes first, then the stronger best support, then catalog order, so
the same case always reads the same; options not applicable now keep catalog order. The disease
extent enters through the rules: without metastatic or unresectable disease, the options whose
evidence is in advanced disease carry a blocking fact; trial populations check the extent as a
criterion. While a course runs, its option is weighed on the course itself (current.continue),
not on the trial population it was started in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from netboard.domain.rules.base import Strength
from netboard.domain.vocab import SignalDirection

TIER_LABELS = (
    "Fits this patient",
    "To weigh",
    "Nothing specific on record",
    "More against than for",
    "Not applicable now",
)
FITS, WEIGH, SILENT, AGAINST_MORE, NOT_APPLICABLE = range(5)


class Weighed(Protocol):
    @property
    def direction(self) -> SignalDirection: ...
    @property
    def strength(self) -> Strength: ...
    @property
    def weight(self) -> int: ...
    @property
    def blocking(self) -> bool: ...
    @property
    def text(self) -> str: ...


def weight(signal: Weighed) -> float:
    """The signal's contribution to the score (see the module docstring)."""
    value = float(signal.weight)
    if signal.direction == SignalDirection.SUPPORTS:
        return value
    if signal.direction == SignalDirection.AGAINST:
        return -value
    if signal.direction == SignalDirection.CAUTION:
        return -value / 2
    return 0.0


@dataclass(frozen=True, slots=True)
class Standing:
    tier: int
    score: float
    best: int
    """Weight of the strongest support (0 without one): the first tie-breaker."""
    reason: str

    @property
    def label(self) -> str:
        return TIER_LABELS[self.tier]

    def key(self, index: int) -> tuple[int, float, int, int]:
        if self.tier == NOT_APPLICABLE:
            return (self.tier, 0.0, 0, index)  # folded: catalog order
        return (self.tier, -self.score, -self.best, index)


def standing(signals: Sequence[Weighed]) -> Standing:
    """The tier, score and one-line reason of one option from its signals."""
    score = sum(weight(s) for s in signals)
    supports = [s for s in signals if s.direction == SignalDirection.SUPPORTS]
    against = [s for s in signals if s.direction == SignalDirection.AGAINST]
    cautions = [s for s in signals if s.direction == SignalDirection.CAUTION]
    best = max((s.weight for s in supports), default=0)
    blocking = next((s for s in signals if s.blocking), None)
    if blocking is not None:
        return Standing(
            NOT_APPLICABLE, score, best, f"{TIER_LABELS[NOT_APPLICABLE]} \u2014 {blocking.text}"
        )
    if score > 0:
        tier = FITS
    elif supports or against or cautions:
        tier = WEIGH if score == 0 else AGAINST_MORE
    else:
        tier = SILENT
    if tier == SILENT:
        said = f"{TIER_LABELS[SILENT]} \u2014 nothing speaks for or against it here"
        return Standing(tier, score, best, said)
    parts = [_strongest("for", supports), _strongest("against", against)]
    if cautions:
        parts.append(f"{len(cautions)} caution" + ("s" if len(cautions) > 1 else ""))
    said = "; ".join(p for p in parts if p) or "nothing for or against"
    return Standing(tier, score, best, f"{TIER_LABELS[tier]} \u2014 {said} (score {score:+g})")


def _strongest(word: str, signals: Sequence[Weighed]) -> str:
    if not signals:
        return ""
    top = max(signals, key=lambda s: s.weight)
    more = f" (+{len(signals) - 1} more)" if len(signals) > 1 else ""
    partial = ", partly on record" if getattr(top, "partial", False) else ""
    return f"{word}: {top.strength.value}{partial}{more}"
