"""Somatostatin analogs (octreotide LAR, lanreotide, escalated lanreotide) and telotristat."""

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
from netboard.domain.rules.facts import SSA_IDS, STANDARD_SSA_IDS, CaseFacts
from netboard.domain.rules.texts import (
    course_text,
    ki67_text,
    krenning_text,
    num,
    resected_text,
)
from netboard.domain.vocab import GEP_SITES, FunctionalSyndrome, PrimarySite

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


@rule("ssa.sstr_uptake", source=src.KRENNING, options=ALL_SSA)
def sstr_uptake(facts: CaseFacts) -> Sequence[Finding]:
    """SSTR-positive disease (Krenning >= 2) supports an SSA; no uptake speaks against."""
    study = facts.sstr
    if study is None or study.krenning is None:
        return NOTHING
    if study.krenning >= 2:
        return (Finding(SUPPORTS, f"{krenning_text(study)} (SSTR-positive)"),)
    if study.krenning == 1:
        return (Finding(CAUTION, f"{krenning_text(study)} (weak SSTR expression)"),)
    return (Finding(AGAINST, f"{krenning_text(study)} (SSTR-negative)"),)


@rule("ssa.ki67_range", source=src.CLARINET, options=STANDARD)
def ki67_range(facts: CaseFacts) -> Sequence[Finding]:
    """CLARINET enrolled G1/G2 with Ki-67 < 10 %; higher grade speaks against SSA first line."""
    if facts.nec:
        text = f"{facts.grade.label}: somatostatin analogs were studied in well-differentiated NET"
        return (Finding(AGAINST, text),)
    result = facts.ki67_result
    if result is None or result.ki67 is None:
        return NOTHING
    ki67 = result.ki67
    if ki67 < HIGH_PFS_KI67:
        text = (
            f"{ki67_text(result)}: within CLARINET's Ki-67 < 10 %; in one series SSA PFS was "
            "89 vs 35 months for Ki-67 < 5 % vs >= 5 %"
        )
        return (Finding(SUPPORTS, text, source=f"{src.CLARINET}; {src.SSA_KI67}"),)
    if ki67 < CLARINET_KI67:
        return (Finding(SUPPORTS, f"{ki67_text(result)}: within CLARINET's Ki-67 < 10 %"),)
    if ki67 <= 20:
        text = f"{ki67_text(result)}: above CLARINET's Ki-67 < 10 % (G2 upper range)"
        return (Finding(CAUTION, text),)
    return (Finding(AGAINST, f"{ki67_text(result)}: G3 range, outside the SSA trial populations"),)


@rule("ssa.trial_population", source=src.CLARINET, options=STANDARD)
def trial_population(facts: CaseFacts) -> Sequence[Finding]:
    """CLARINET: GEP or unknown primary; PROMID: midgut, best with liver burden <= 10 %."""
    found: list[Finding] = []
    if facts.site is not None:
        label = facts.site.label
        if facts.site in GEP_SITES or facts.site == PrimarySite.UNKNOWN_PRIMARY:
            text = f"Primary site {label}: within CLARINET's GEP / unknown-primary population"
            found.append(Finding(INFORMATION, text, options=(LANREOTIDE,)))
        else:
            text = f"Primary site {label}: outside CLARINET's GEP / unknown-primary population"
            found.append(Finding(CAUTION, text, options=(LANREOTIDE,)))
        if facts.site == PrimarySite.SMALL_INTESTINE:
            text = "Midgut (small intestine) primary: the PROMID population"
            found.append(Finding(INFORMATION, text, options=(OCTREOTIDE,), source=src.PROMID))
    staging = facts.staging
    midgut = facts.site in (PrimarySite.SMALL_INTESTINE, PrimarySite.UNKNOWN_PRIMARY)
    if midgut and staging is not None and staging.liver_burden_pct is not None:
        burden = staging.liver_burden_pct
        when = f"Liver tumor burden {num(burden)} % on {staging.date}"
        if burden <= PROMID_LIVER_BURDEN:
            text = f"{when}: low burden (<= 10 %), where PROMID saw the most benefit"
            found.append(Finding(SUPPORTS, text, options=(OCTREOTIDE,), source=src.PROMID))
        else:
            text = f"{when}: above 10 %, where PROMID saw less benefit"
            found.append(Finding(CAUTION, text, options=(OCTREOTIDE,), source=src.PROMID))
    return tuple(found)


@rule("ssa.hormone_syndrome", source=src.SSA_SYNDROME, options=STANDARD, unverified=True)
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


@rule("ssa.escalation", source=src.CLARINET_FORTE, options=(ESCALATED,))
def escalation(facts: CaseFacts) -> Sequence[Finding]:
    """CLARINET FORTE studied escalated lanreotide after progression on standard dosing."""
    standard = facts.courses_of(*STANDARD)
    for course in reversed(standard):
        event = facts.progression_during(course)
        if event is not None:
            text = (
                f"Progression on standard-dose {course_text(facts, course)}: {event.text}; "
                "CLARINET FORTE studied escalation after such progression"
            )
            return (Finding(SUPPORTS, text),)
    if standard:
        text = (
            f"No progression recorded on {course_text(facts, standard[-1])}; CLARINET FORTE "
            "studied escalation after progression on standard dosing"
        )
        return (Finding(AGAINST, text),)
    text = "No standard-dose SSA course on record; CLARINET FORTE studied escalation after one"
    return (Finding(AGAINST, text),)


@rule("ssa.class_progression", source=src.HISTORY, options=STANDARD)
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


@rule("ssa.continues", source=src.SSA_CONTINUES, options=("everolimus", "cabozantinib"))
def ssa_continues(facts: CaseFacts) -> Sequence[Finding]:
    """An ongoing SSA may continue alongside later lines."""
    course = facts.current_ssa
    if course is None:
        return NOTHING
    text = f"On {course_text(facts, course)}: an SSA may continue alongside this option"
    return (Finding(INFORMATION, text),)


@rule("telotristat.carcinoid_syndrome", source=src.TELESTAR, options=("telotristat",))
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
    text = (
        f"Carcinoid syndrome on {course_text(facts, course)}: TELESTAR studied diarrhea not "
        "controlled by an SSA"
    )
    return (Finding(SUPPORTS, text),)


RULES = (
    sstr_uptake,
    ki67_range,
    trial_population,
    hormone_syndrome,
    escalation,
    class_progression,
    ssa_continues,
    telotristat_syndrome,
)
