"""Surveillance, clinical trial, best supportive care, and performance-status limits."""

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
    Kind,
    Strength,
    rule,
)
from netboard.domain.rules.dates import add_months, day
from netboard.domain.rules.extent_facts import Extent
from netboard.domain.rules.facts import (
    ABLATION_IDS,
    CHEMO_IDS,
    LIVER_DIRECTED_IDS,
    PRRT_IDS,
    SSA_IDS,
    CaseFacts,
)
from netboard.domain.rules.texts import course_text, ki67_text
from netboard.domain.vocab import Grade, Modality

INDOLENT_MONTHS = 12
ECOG_MEANING = {
    0: "fully active",
    1: "restricted in strenuous activity, able to walk and do light work",
    2: "able to walk and care for self, unable to work, up more than half of waking hours",
    3: "capable of only limited self-care, in bed or chair more than half of waking hours",
    4: "completely disabled, no self-care, confined to bed or chair",
    5: "dead",
}
INTENSIVE = (
    *sorted(CHEMO_IDS),
    *sorted(PRRT_IDS),
    "mibg_i131",
    "everolimus",
    "sunitinib",
    "surgery_primary_resection",
    "surgery_cytoreduction",
    "surgery_liver_resection",
    "liver_transplant",
)
TUMOR_DIRECTED = (
    *INTENSIVE,
    *sorted(SSA_IDS),
    *sorted(LIVER_DIRECTED_IDS),
    *sorted(ABLATION_IDS),
    "cabozantinib",
    "pembrolizumab",
    "radiation_photon",
    "radiation_sbrt",
    "radiation_proton",
)
"""Options that treat the tumor (not surveillance, a trial, supportive care or telotristat)."""


@rule("surveillance.indolent", source=src.SURVEILLANCE, options=("surveillance",))
def indolent(facts: CaseFacts) -> Sequence[Finding]:
    """Small indolent disease suits surveillance; recent progression or NEC speaks against."""
    if facts.extent.kind == Extent.NO_EVIDENCE:
        return NOTHING  # follow-up after a complete resection: surveillance.after_resection
    if facts.nec:
        return (Finding(AGAINST, f"{facts.grade.label}: high-grade carcinoma, not indolent"),)
    last = facts.last_progression
    window = add_months(facts.today, -INDOLENT_MONTHS)
    if last is not None and last.date >= window:
        return (Finding(AGAINST, f"Progression within {INDOLENT_MONTHS} months: {last.text}"),)
    if facts.grade in (Grade.G1, Grade.TYPICAL_CARCINOID):
        basis = f", {ki67_text(facts.ki67_result)}," if facts.ki67_result else ""
        text = (
            f"{facts.grade.label}{basis} with no progression on record in the last "
            f"{INDOLENT_MONTHS} months: slow-growing disease, where surveillance fits"
        )
        return (Finding(SUPPORTS, text),)
    return NOTHING


@rule(
    "trial.always_considered",
    source=src.TRIAL,
    options=("clinical_trial",),
    strength=Strength.SERIES,
)
def trial(facts: CaseFacts) -> Sequence[Finding]:
    """A clinical trial is always a considered option; more so where no standard exists."""
    found = [
        Finding(
            INFORMATION,
            "A clinical trial is always a considered option; the trial "
            "identifier is recorded with the course",
        )
    ]
    on_trial = [c for c in facts.ongoing if c.trial_id or c.modality == Modality.CLINICAL_TRIAL]
    if on_trial:
        course = on_trial[-1]
        ident = f" {course.trial_id}" if course.trial_id else ""
        found.append(Finding(INFORMATION, f"On trial{ident}: {course_text(facts, course)}"))
    platinum = facts.courses_of("platinum_etoposide")
    if facts.nec and platinum and not facts.extent.without_advanced_disease:
        text = f"NEC after {course_text(facts, platinum[-1])}: no standard second line exists"
        found.append(Finding(SUPPORTS, text, source=src.NEC_SECOND_LINE))
    return tuple(found)


@rule(
    "ecog.limits",
    source=f"{src.ECOG}; {src.PERFORMANCE}",
    options=TUMOR_DIRECTED,
    strength=Strength.GUIDELINE,
)
def ecog_limits(facts: CaseFacts) -> Sequence[Finding]:
    """ECOG 2 a caution for intensive options; ECOG 3 against them; ECOG 4 against every
    tumor-directed option (the pivotal trials enrolled ECOG 0-2)."""
    ecog = facts.ecog
    if ecog is None or ecog.ecog < 2:
        return NOTHING
    said = f"ECOG {ecog.ecog} on {day(ecog.date)}: {ECOG_MEANING.get(ecog.ecog, '')}"
    gentle = tuple(o for o in TUMOR_DIRECTED if o not in INTENSIVE)
    if ecog.ecog == 2:
        return (Finding(CAUTION, f"{said}; a caution for intensive therapy", options=INTENSIVE),)
    if ecog.ecog == 3:
        text = f"{said}; supportive care is the first consideration"
        return (
            Finding(AGAINST, text, options=INTENSIVE),
            Finding(CAUTION, text, options=gentle),
        )
    text = f"{said}; supportive care is the first consideration"
    return (Finding(AGAINST, text, options=TUMOR_DIRECTED),)


@rule(
    "supportive.performance",
    source=f"{src.ECOG}; {src.PERFORMANCE}",
    options=("best_supportive_care",),
    strength=Strength.GUIDELINE,
)
def supportive_performance(facts: CaseFacts) -> Sequence[Finding]:
    """Poor performance status (ECOG 3-4) supports care focused on symptoms."""
    ecog = facts.ecog
    if ecog is None or ecog.ecog < 3:
        return NOTHING
    text = (
        f"ECOG {ecog.ecog} on {day(ecog.date)}: {ECOG_MEANING.get(ecog.ecog, '')}; supportive "
        "care is the first consideration at ECOG 3-4"
    )
    return (Finding(SUPPORTS, text),)


@rule(
    "supportive.symptoms",
    source=src.SUPPORTIVE,
    options=("best_supportive_care",),
    kind=Kind.INFORMATION,
)
def supportive_symptoms(facts: CaseFacts) -> Sequence[Finding]:
    """A hormone syndrome means symptom management runs alongside any tumor therapy."""
    if facts.tumor is None or facts.functional.value == "none":
        return NOTHING
    text = (
        f"{facts.functional.label}: symptom management (nurse navigator, GI support) runs "
        "alongside any tumor therapy"
    )
    return (Finding(INFORMATION, text),)


RULES = (
    indolent,
    trial,
    ecog_limits,
    supportive_performance,
    supportive_symptoms,
)
