"""Somatostatin analogs (octreotide LAR, lanreotide, escalated lanreotide) and telotristat."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

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
from netboard.domain.rules.criteria import Fit, Met, judge
from netboard.domain.rules.dates import day
from netboard.domain.rules.facts import SSA_IDS, STANDARD_SSA_IDS, CaseFacts
from netboard.domain.rules.nuclear import netter1_criteria
from netboard.domain.rules.texts import (
    course_text,
    ki67_text,
    krenning_text,
    resected_text,
)
from netboard.domain.vocab import GEP_SITES, FunctionalSyndrome, PrimarySite, SymptomControl
from netboard.domain.wording import num

STANDARD = tuple(sorted(STANDARD_SSA_IDS))
ALL_SSA = tuple(sorted(SSA_IDS))
OCTREOTIDE = "ssa_octreotide_lar"
LANREOTIDE = "ssa_lanreotide"
ESCALATED = "ssa_lanreotide_escalated"
CLARINET_KI67 = 10.0
HIGH_PFS_KI67 = 5.0
PROMID_LIVER_BURDEN = 10.0
SYMPTOM_SYNDROMES = frozenset(
    {
        FunctionalSyndrome.CARCINOID_SYNDROME,
        FunctionalSyndrome.VIPOMA,
        FunctionalSyndrome.GLUCAGONOMA,
        FunctionalSyndrome.GASTRINOMA,
    }
)
"""Hormone syndromes whose symptoms SSAs are used to control."""


@rule("ssa.sstr_uptake", source=src.KRENNING, options=ALL_SSA, strength=Strength.GUIDELINE)
def sstr_uptake(facts: CaseFacts) -> Sequence[Finding]:
    """SSTR-positive disease (Krenning >= 2) is the target of an SSA; no uptake speaks against."""
    study = facts.sstr
    if study is None or study.krenning is None:
        return NOTHING
    if study.krenning >= 2:
        text = f"{krenning_text(study)} (SSTR-positive: the receptor an SSA binds)"
        return (Finding(SUPPORTS, text, strength=Strength.PLAUSIBILITY),)
    if study.krenning == 1:
        return (Finding(CAUTION, f"{krenning_text(study)} (weak SSTR expression)"),)
    return (Finding(AGAINST, f"{krenning_text(study)} (SSTR-negative)"),)


@rule("ssa.ki67_range", source=src.SSA_KI67, options=STANDARD, strength=Strength.SERIES)
def ki67_range(facts: CaseFacts) -> Sequence[Finding]:
    """Ki-67 < 5 %: longest SSA PFS in one series; G2 upper range a caution; G3 / NEC against."""
    if facts.nec:
        text = pop.nec_text(facts, "somatostatin analogs were studied in")
        return (Finding(AGAINST, text, source=src.CLARINET, strength=Strength.GUIDELINE),)
    result = facts.ki67_result
    if result is None or result.ki67 is None:
        return NOTHING
    ki67 = result.ki67
    if ki67 < HIGH_PFS_KI67:
        text = (
            f"{ki67_text(result)}: in one series SSA PFS was 89 vs 35 months for Ki-67 < 5 % vs "
            ">= 5 %"
        )
        return (Finding(SUPPORTS, text),)
    if ki67 < CLARINET_KI67:
        return NOTHING
    if ki67 <= 20:
        text = f"{ki67_text(result)}: above CLARINET's Ki-67 < 10 % (G2 upper range)"
        return (Finding(CAUTION, text, source=src.CLARINET, strength=Strength.PHASE_III),)
    text = f"{ki67_text(result)}: G3 range, outside the SSA trial populations"
    return (Finding(AGAINST, text, source=src.CLARINET, strength=Strength.GUIDELINE),)


@rule(
    "ssa.clarinet_population",
    source=src.CLARINET,
    options=(LANREOTIDE,),
    strength=Strength.PHASE_III,
    kind=Kind.POPULATION,
)
def clarinet_population(facts: CaseFacts) -> Sequence[Finding]:
    """CLARINET: advanced non-functioning GEP / unknown-primary NET, Ki-67 < 10 %, SSTR-positive."""
    sites = {*GEP_SITES, PrimarySite.UNKNOWN_PRIMARY}
    criteria = (
        pop.advanced(facts),
        pop.well_differentiated(facts),
        pop.ki67_between(facts, None, CLARINET_KI67 - 0.001, "Ki-67 < 10 %"),
        pop.sstr_positive(facts),
        pop.site_in(facts, sites, "GEP or unknown primary"),
        pop.no_progression_on_ssa(facts, "not progressing on an SSA (SSA against placebo)"),
        judge(
            "non-functioning",
            facts.functional == FunctionalSyndrome.NONE,
            f"functional syndrome: {facts.functional.label.lower()}",
            key=False,
        ),
        pop.ecog_0_2(facts),
    )
    return (pop.population("CLARINET", criteria),)


@rule(
    "ssa.promid_population",
    source=src.PROMID,
    options=(OCTREOTIDE,),
    strength=Strength.PHASE_III,
    kind=Kind.POPULATION,
)
def promid_population(facts: CaseFacts) -> Sequence[Finding]:
    """PROMID: treatment-naive, well-differentiated metastatic midgut NET."""
    criteria = (
        pop.advanced(facts),
        pop.well_differentiated(facts),
        pop.site_in(facts, (PrimarySite.SMALL_INTESTINE,), "midgut (small intestine) primary"),
        pop.no_course_of(facts, SSA_IDS, "treatment-naive (no earlier SSA)"),
        pop.no_prior_systemic(facts, "treatment-naive (no earlier systemic therapy)"),
        pop.ecog_0_2(facts),
    )
    return (pop.population("PROMID", criteria),)


@rule("ssa.trial_population", source=src.PROMID, options=(OCTREOTIDE,), kind=Kind.INFORMATION)
def trial_population(facts: CaseFacts) -> Sequence[Finding]:
    """PROMID saw the most benefit with a liver tumor burden of at most 10 %."""
    staging = facts.staging
    midgut = facts.site in (PrimarySite.SMALL_INTESTINE, PrimarySite.UNKNOWN_PRIMARY)
    if not midgut or staging is None or staging.liver_burden_pct is None:
        return NOTHING
    burden = staging.liver_burden_pct
    when = f"Liver tumor burden {num(burden)} % on {day(staging.date)}"
    if burden <= PROMID_LIVER_BURDEN:
        return (
            Finding(
                INFORMATION, f"{when}: low burden (<= 10 %), where PROMID saw the most benefit"
            ),
        )
    text = f"{when}: above 10 %, where PROMID saw less benefit"
    return (Finding(CAUTION, text, strength=Strength.PHASE_III),)


@rule(
    "ssa.hormone_syndrome",
    source=src.SSA_SYNDROME,
    options=STANDARD,
    unverified=True,
    strength=Strength.GUIDELINE,
)
def hormone_syndrome(facts: CaseFacts) -> Sequence[Finding]:
    """A hormone syndrome (carcinoid, VIPoma, glucagonoma, gastrinoma) supports SSA for symptoms."""
    if facts.functional not in SYMPTOM_SYNDROMES:
        return NOTHING
    text = f"{facts.functional.label} on record: SSAs are used to control hormone symptoms"
    resected = resected_text(facts)
    if resected:
        # The hormone source was removed; the syndrome on record may be history.
        text += f"; {resected}, so hormone excess is expected only if symptoms persist or recur"
        return (Finding(INFORMATION, text),)
    return (Finding(SUPPORTS, text),)


@rule(
    "ssa.escalation",
    source=src.CLARINET_FORTE,
    options=(ESCALATED,),
    strength=Strength.SERIES,
    kind=Kind.POPULATION,
)
def escalation(facts: CaseFacts) -> Sequence[Finding]:
    """CLARINET FORTE (single arm): escalated lanreotide after progression on standard dosing."""
    standard = facts.courses_of(*STANDARD)
    progressed = pop.progression_on_ssa(facts, "progression on standard-dose lanreotide")
    if progressed.met == Met.MET and not facts.courses_of(LANREOTIDE):
        progressed = replace(
            progressed, name="progression on another standard-dose SSA", unverified=True
        )
    if not standard:
        progressed = replace(progressed, value="no standard-dose SSA course on record")
    criteria = (
        pop.advanced(facts),
        progressed,
        pop.sstr_positive(facts),
        pop.ki67_between(facts, None, 20, "Ki-67 <= 20 %"),
    )
    return (pop.population("CLARINET FORTE", criteria, strength=Strength.SERIES),)


@rule(
    "ssa.netter1_control",
    source=src.NETTER_1,
    options=(ESCALATED,),
    strength=Strength.PHASE_III,
    kind=Kind.CAUTION,
)
def netter1_control(facts: CaseFacts) -> Sequence[Finding]:
    """In NETTER-1's population, high-dose SSA was the control arm that PRRT beat (HR 0.21)."""
    if facts.site != PrimarySite.SMALL_INTESTINE or facts.nec:
        return NOTHING
    fit = Fit(netter1_criteria(facts))
    if fit.met == Met.NOT_MET:
        return NOTHING
    progressed = pop.progression_on_ssa(facts, "progression on an SSA")
    text = (
        f"Midgut NET progressing on an SSA ({progressed.value}): NETTER-1's control arm in this "
        "population was high-dose octreotide LAR 60 mg, and PRRT had the longer PFS (HR 0.21)"
    )
    if fit.unknown_key:
        text += "; NETTER-1 criteria still to find out: " + ", ".join(
            c.name for c in fit.unknown_key
        )
    return (Finding(CAUTION, text),)


@rule("ssa.class_progression", source=src.HISTORY, options=STANDARD, strength=Strength.RECORD)
def class_progression(facts: CaseFacts) -> Sequence[Finding]:
    """Progression on one standard-dose SSA speaks against the other (same drug class)."""
    latest: dict[str, Finding] = {}
    for course in facts.courses_of(*STANDARD):
        event = facts.progression_during(course)
        if event is None:
            continue
        text = (
            f"Progression on {course_text(facts, course)}: {event.text}; octreotide LAR and "
            "lanreotide are somatostatin analogs of the same class"
        )
        for other in STANDARD:
            if other != facts.option_id(course):
                latest[other] = Finding(AGAINST, text, options=(other,))
    return tuple(latest.values())


@rule(
    "ssa.continues",
    source=src.SSA_CONTINUES,
    options=("everolimus", "cabozantinib"),
    kind=Kind.INFORMATION,
)
def ssa_continues(facts: CaseFacts) -> Sequence[Finding]:
    """An ongoing SSA may continue alongside later lines."""
    course = facts.current_ssa
    if course is None:
        return NOTHING
    text = f"On {course_text(facts, course)}: an SSA may continue alongside this option"
    return (Finding(INFORMATION, text),)


@rule(
    "telotristat.carcinoid_syndrome",
    source=src.TELESTAR,
    options=("telotristat",),
    strength=Strength.PHASE_III,
    kind=Kind.POPULATION,
)
def telotristat_syndrome(facts: CaseFacts) -> Sequence[Finding]:
    """Telotristat treats carcinoid syndrome diarrhea as an add-on to an SSA."""
    if facts.functional != FunctionalSyndrome.CARCINOID_SYNDROME:
        text = (
            f"Functional syndrome on record: {facts.functional.label.lower()}; telotristat "
            "treats carcinoid syndrome diarrhea, not the tumor"
        )
        return (Finding(AGAINST, text, blocking=True),)
    course = facts.current_ssa
    if course is None:
        text = (
            "Carcinoid syndrome without an ongoing SSA; TELESTAR studied telotristat as an add-on"
        )
        return (Finding(CAUTION, text),)
    control = facts.tumor.symptom_control if facts.tumor is not None else None
    if control == SymptomControl.CONTROLLED:
        text = (
            f"Carcinoid syndrome on {course_text(facts, course)}, symptoms recorded as controlled: "
            "TELESTAR enrolled diarrhea not controlled by an SSA (4 or more bowel movements a day)"
        )
        return (Finding(AGAINST, text),)
    said = ", symptoms recorded as uncontrolled" if control == SymptomControl.UNCONTROLLED else ""
    text = (
        f"Carcinoid syndrome on {course_text(facts, course)}{said}: TELESTAR studied diarrhea not "
        "controlled by an SSA"
    )
    return (Finding(SUPPORTS, text),)


@rule(
    "ssa.insulinoma",
    source=src.INSULINOMA_SSA,
    options=ALL_SSA,
    strength=Strength.GUIDELINE,
    kind=Kind.CAUTION,
)
def insulinoma_hypoglycemia(facts: CaseFacts) -> Sequence[Finding]:
    """Insulinoma: SSAs can worsen hypoglycemia (glucose monitored early on)."""
    if facts.functional != FunctionalSyndrome.INSULINOMA:
        return NOTHING
    text = (
        "Insulinoma: somatostatin analogs can worsen hypoglycemia (they also suppress glucagon "
        "and growth hormone, and some insulinomas lack SSTR2); glucose is monitored early on"
    )
    return (Finding(CAUTION, text),)


RULES = (
    sstr_uptake,
    ki67_range,
    clarinet_population,
    promid_population,
    trial_population,
    hormone_syndrome,
    escalation,
    netter1_control,
    class_progression,
    ssa_continues,
    telotristat_syndrome,
    insulinoma_hypoglycemia,
)
