"""The considerations rules, one module per family of options; ALL_RULES in evaluation order."""

from __future__ import annotations

from netboard.domain.rules import (
    case_level,
    chemo,
    current,
    extent,
    history,
    home,
    lesions,
    local,
    nuclear,
    other,
    readiness,
    sequencing,
    sites,
    ssa,
    targeted,
)
from netboard.domain.rules.base import Finding, Rule, rule

ALL_RULES: tuple[Rule, ...] = (
    *readiness.RULES,
    *sites.READINESS,
    *case_level.RULES,
    *home.CASE_RULES,
    *history.RULES,
    *current.RULES,
    *local.RULES,
    *lesions.RULES,
    *ssa.RULES,
    *targeted.RULES,
    *chemo.RULES,
    *nuclear.RULES,
    *other.RULES,
    *home.RULES,
    *sites.RULES,
    *sequencing.RULES,
    *extent.RULES,
)

__all__ = ["ALL_RULES", "Finding", "Rule", "rule"]
