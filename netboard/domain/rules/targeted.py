"""Targeted therapy (everolimus, sunitinib, cabozantinib) and immunotherapy (pembrolizumab)."""

from __future__ import annotations

from collections.abc import Sequence

from netboard.domain.rules import population as pop
from netboard.domain.rules import sources as src
from netboard.domain.rules.base import (
    AGAINST,
    CAUTION,
    INFORMATION,
    NOTHING,
    SUPPORTS,
    Finding,
    Kind,
    Strength,
    rule,
)
from netboard.domain.rules.criteria import Criterion, Met, judge
from netboard.domain.rules.facts import CaseFacts
from netboard.domain.rules.texts import course_text
from netboard.domain.vocab import GEP_SITES, FunctionalSyndrome, Grade, PrimarySite

TARGETED = ("everolimus", "sunitinib", "cabozantinib")


@rule(
    "everolimus.population",
    source=src.RADIANT,
    options=("everolimus",),
    strength=Strength.PHASE_III,
    kind=Kind.POPULATION,
)
def everolimus_population(facts: CaseFacts) -> Sequence[Finding]:
    """RADIANT-3: G1-G2 pancreatic NET; RADIANT-4: non-functional lung and GI NET; each
    with recent progression."""
    site = facts.site
    if site is None:
        return NOTHING
    if site == PrimarySite.PANCREAS:
        criteria: tuple[Criterion, ...] = (*pop.progressive_pancreatic(facts), pop.ecog_0_2(facts))
        return (pop.population("RADIANT-3", criteria, source=src.RADIANT_3),)
    if site == PrimarySite.LUNG or site in GEP_SITES:
        criteria = (
            pop.advanced(facts),
            pop.well_differentiated(facts),
            pop.site_in(facts, {PrimarySite.LUNG, *GEP_SITES}, "lung or GI primary"),
            judge(
                "non-functional",
                facts.functional == FunctionalSyndrome.NONE,
                f"functional syndrome: {facts.functional.label.lower()}",
            ),
            pop.progressive(facts, 6),
            pop.ecog_0_2(facts),
        )
        return (pop.population("RADIANT-4", criteria, source=src.RADIANT_4),)
    text = f"Primary site {site.label}: outside the RADIANT-3 and RADIANT-4 populations"
    return (Finding(INFORMATION, text),)


@rule(
    "everolimus.insulinoma",
    source=src.INSULINOMA_EVEROLIMUS,
    options=("everolimus",),
    strength=Strength.SERIES,
)
def everolimus_insulinoma(facts: CaseFacts) -> Sequence[Finding]:
    """Everolimus raises glucose and improved hypoglycemia in malignant insulinoma."""
    if facts.functional != FunctionalSyndrome.INSULINOMA:
        return NOTHING
    text = (
        "Insulinoma: everolimus raises blood glucose and improved hypoglycemia in malignant "
        "insulinoma (a benefit specific to insulinoma)"
    )
    return (Finding(SUPPORTS, text),)


@rule(
    "sunitinib.population",
    source=src.SUNITINIB,
    options=("sunitinib",),
    strength=Strength.PHASE_III,
    kind=Kind.POPULATION,
)
def sunitinib_population(facts: CaseFacts) -> Sequence[Finding]:
    """SUN-1111: progressive pancreatic NET; FIRSTMAPPP: progressive metastatic PPGL; not
    studied in other GI or lung NET."""
    if facts.ppgl:
        criteria: tuple[Criterion, ...] = (
            pop.advanced(facts),
            judge("pheochromocytoma / paraganglioma", True, "PPGL on record"),
            pop.progressive(facts, 12),
        )
        return (pop.population("FIRSTMAPPP", criteria, source=src.FIRSTMAPPP),)
    if facts.site is None:
        return (
            Finding(
                CAUTION,
                "Primary site not recorded: sunitinib was studied in pancreatic NET and PPGL",
            ),
        )
    if facts.site == PrimarySite.PANCREAS:
        criteria = (*pop.progressive_pancreatic(facts), pop.ecog_0_2(facts))
        return (pop.population("SUN-1111", criteria, source=src.SUN_1111),)
    text = (
        f"Primary site {facts.site.label}: sunitinib was studied in pancreatic NET (SUN-1111) and "
        "PPGL (FIRSTMAPPP), not in other GI or lung NET"
    )
    return (Finding(AGAINST, text, blocking=True, strength=Strength.GUIDELINE),)


@rule(
    "cabozantinib.prior_line",
    source=src.CABINET,
    options=("cabozantinib",),
    strength=Strength.PHASE_III,
    kind=Kind.POPULATION,
)
def cabozantinib_prior_line(facts: CaseFacts) -> Sequence[Finding]:
    """CABINET: well-differentiated NET progressing after at least one non-SSA systemic therapy,
    ECOG 0-2."""
    prior = facts.prior_systemic
    if not prior:
        text = "No earlier non-SSA systemic therapy on record; CABINET enrolled patients after one"
        return (Finding(AGAINST, text, blocking=True, strength=Strength.PLAUSIBILITY),)
    criteria = (
        pop.advanced(facts),
        pop.well_differentiated(facts, (*pop.LOW_GRADES, Grade.G3)),
        Criterion(
            "at least one earlier non-SSA systemic therapy",
            Met.MET,
            course_text(facts, prior[-1]),
        ),
        pop.progressive(facts, 12),
        pop.ecog_0_2(facts),
    )
    return (pop.population("CABINET", criteria),)


@rule(
    "targeted.well_differentiated",
    source=f"{src.RADIANT}; {src.SUNITINIB}; {src.CABINET}",
    options=TARGETED,
    strength=Strength.GUIDELINE,
)
def targeted_nec(facts: CaseFacts) -> Sequence[Finding]:
    """The targeted-therapy trials enrolled well-differentiated NET."""
    return pop.nec_outside(facts, "the targeted-therapy trials enrolled")


@rule(
    "pembrolizumab.activity",
    source=src.KEYNOTE_158,
    options=("pembrolizumab",),
    strength=Strength.SERIES,
    kind=Kind.CAUTION,
)
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
    everolimus_insulinoma,
    sunitinib_population,
    cabozantinib_prior_line,
    targeted_nec,
    pembrolizumab_activity,
)
