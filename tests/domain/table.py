"""The shape of a table case: a synthetic case with the signals it must and must not show.

A signal is written ``(where, rule_id, direction)``: ``where`` is a catalog option id, "case" or
"readiness"; the direction is supports / against / caution / information, and "against!" means a
blocking 'against'. ``must_not`` entries may omit the direction (no signal of that rule at all).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from netboard.domain.snapshot import CaseSnapshot

Expectation = tuple[str, ...]


@dataclass(frozen=True)
class TableCase:
    name: str
    build: Callable[[], CaseSnapshot]
    must: tuple[Expectation, ...]
    must_not: tuple[Expectation, ...] = ()
