"""Targeted therapy (everolimus, sunitinib, cabozantinib) and immunotherapy (pembrolizumab)."""

from __future__ import annotations

from collections.abc import Sequence

from netboard.domain.rules import sources as src
from netboard.domain.rules.base import (
    AGAINST,
    CAUTION,
    INFORMATION,
    NOTHING,
    SUPPORTS,
    Finding,
    rule,
)
from netboard.domain.rules.facts import CaseFacts
from netboard.domain.rules.texts import course_text
from netboard.domain.vocab import GEP_SITES, FunctionalSyndrome, PrimarySite

TARGETED = ("everolimus", "sunitinib", "cabozantinib")
CABINET_MAX_ECOG = 2


@rule("everolimus.population", source=src.RADIANT, options=("everolimus",))
def everolimus_population(facts: CaseFacts) -> Sequence[Finding]:
    """RADIANT-3: pancreatic NET; RADIANT-4: non-functional lung and GI NET."""
    site = facts.site
    if site is None:
        return NOTHING
    if site == PrimarySite.PANCREAS:
        text = "Pancreatic primary: the RADIANT-3 population (PFS 11.0 vs 4.6 months)"
        return (Finding(SUPPORTS, text, source=src.RADIANT_3),)
    if site == PrimarySite.LUNG or site in GEP_SITES:
        if facts.functional != FunctionalSyndrome.NONE:
            text = (
                f"{site.label} primary with {facts.functional.label.lower()}: RADIANT-4 enrolled "
                "non-functional lung and GI NET"
            )
            return (Finding(CAUTION, text, source=src.RADIANT_4),)
        text = f"Non-functional {site.label.lower()} primary: the RADIANT-4 population"
        return (Finding(SUPPORTS, text, source=src.RADIANT_4),)
    text = f"Primary site {site.label}: outside the RADIANT-3 and RADIANT-4 populations"
    return (Finding(INFORMATION, text),)


@rule("sunitinib.pancreatic_only", source=src.SUNITINIB, options=("sunitinib",))
def sunitinib_pancreatic(facts: CaseFacts) -> Sequence[Finding]:
    """Sunitinib was studied in well-differentiated pancreatic NET only."""
    if facts.site is None:
        return (Finding(CAUTION, "Primary site not recorded: sunitinib is for pancreatic NET"),)
    if facts.site == PrimarySite.PANCREAS:
        text = "Pancreatic primary: the sunitinib phase III population (PFS 11.4 vs 5.5 months)"
        return (Finding(SUPPORTS, text),)
    text = f"Primary site {facts.site.label}: sunitinib was studied in pancreatic NET only"
    return (Finding(AGAINST, text, blocking=True),)


@rule("cabozantinib.prior_line", source=src.CABINET, options=("cabozantinib",))
def cabozantinib_prior_line(facts: CaseFacts) -> Sequence[Finding]:
    """CABINET enrolled patients after at least one non-SSA systemic therapy."""
    prior = facts.prior_systemic
    if prior:
        text = (
            f"Earlier non-SSA systemic therapy: {course_text(facts, prior[-1])}; CABINET "
            "enrolled patients after at least one such line"
        )
        return (Finding(SUPPORTS, text),)
    text = "No earlier non-SSA systemic therapy on record; CABINET enrolled patients after one"
    return (Finding(AGAINST, text, blocking=True),)


@rule("cabozantinib.ecog", source=src.CABINET, options=("cabozantinib",))
def cabozantinib_ecog(facts: CaseFacts) -> Sequence[Finding]:
    """CABINET enrolled ECOG 0-2."""
    ecog = facts.ecog
    if ecog is None or ecog.ecog <= CABINET_MAX_ECOG:
        return NOTHING
    text = f"ECOG {ecog.ecog} on {ecog.date}: CABINET enrolled ECOG 0-2"
    return (Finding(AGAINST, text),)


@rule(
    "targeted.well_differentiated",
    source=f"{src.RADIANT}; {src.SUNITINIB}; {src.CABINET}",
    options=TARGETED,
)
def targeted_nec(facts: CaseFacts) -> Sequence[Finding]:
    """The targeted-therapy trials enrolled well-differentiated NET."""
    if not facts.nec:
        return NOTHING
    text = f"{facts.grade.label}: the targeted-therapy trials enrolled well-differentiated NET"
    return (Finding(AGAINST, text),)


@rule("pembrolizumab.activity", source=src.KEYNOTE_158, options=("pembrolizumab",))
def pembrolizumab_activity(facts: CaseFacts) -> Sequence[Finding]:
    """KEYNOTE-158: objective response 3.7 % in well-differentiated NET (trial setting)."""
    if facts.nec or facts.tumor is None:
        return NOTHING
    text = (
        "Well-differentiated NET: objective response 3.7 % in KEYNOTE-158; mostly used within "
        "a trial"
    )
    return (Finding(CAUTION, text),)


RULES = (
    everolimus_population,
    sunitinib_pancreatic,
    cabozantinib_prior_line,
    cabozantinib_ecog,
    targeted_nec,
    pembrolizumab_activity,
)
