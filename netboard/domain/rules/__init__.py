"""The considerations rules, one module per family of options; ALL_RULES in evaluation order."""

from __future__ import annotations

from netboard.domain.rules import (
    case_level,
    chemo,
    extent,
    history,
    local,
    nuclear,
    other,
    readiness,
    ssa,
    targeted,
)
from netboard.domain.rules.base import Finding, Rule, rule

ALL_RULES: tuple[Rule, ...] = (
    *readiness.RULES,
    *case_level.RULES,
    *history.RULES,
    *local.RULES,
    *ssa.RULES,
    *targeted.RULES,
    *chemo.RULES,
    *nuclear.RULES,
    *other.RULES,
    *extent.RULES,
)

__all__ = ["ALL_RULES", "Finding", "Rule", "rule"]
