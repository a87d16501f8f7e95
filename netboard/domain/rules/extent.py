"""Rules that read the disease extent: trial populations of advanced disease, follow-up after
resection, and how support for tumor control reads when no advanced disease is on record.

The pivotal trials of the antiproliferative options enrolled advanced (metastatic or unresectable)
disease. When the latest staging shows neither metastases nor unresectable disease (after a complete
resection, or a localized primary in place), each of those options carries an 'against' from
``extent.advanced_trials`` with the staging quoted, and the engine reads the other rules' 'supports'
for them (SSTR uptake, Ki-67 range, trial site) as information via ``quiet_support``: they describe
the tumor but do not by themselves speak for tumor control. Symptom control (an SSA for a hormone
syndrome) and the NEC first-line standard keep their support. Nothing here blocks an option.
"""

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
from netboard.domain.rules.dates import add_months
from netboard.domain.rules.extent_facts import Extent
from netboard.domain.rules.facts import CaseFacts
from netboard.domain.rules.sites import completion_point
from netboard.domain.rules.ssa import SYMPTOM_SYNDROMES
from netboard.domain.rules.texts import extent_text, imaging_text, staging_text
from netboard.domain.vocab import Grade, PrimarySite
from netboard.domain.wording import num

ADVANCED = "enrolled advanced (metastatic or unresectable) disease"
TRIALS: dict[str, tuple[str, str]] = {
    "ssa_octreotide_lar": (f"PROMID {ADVANCED}", src.PROMID),
    "ssa_lanreotide": (f"CLARINET {ADVANCED}", src.CLARINET),
    "ssa_lanreotide_escalated": (f"CLARINET FORTE {ADVANCED}", src.CLARINET_FORTE),
    "everolimus": (f"RADIANT-3 and RADIANT-4 {ADVANCED}", src.RADIANT),
    "sunitinib": (f"the sunitinib phase III trial {ADVANCED}", src.SUNITINIB),
    "cabozantinib": (f"CABINET {ADVANCED}", src.CABINET),
    "captem": (f"E2211 {ADVANCED}", src.E2211),
    "prrt_lu177_dotatate": (f"NETTER-1 and NETTER-2 {ADVANCED}", f"{src.NETTER_1}; {src.NETTER_2}"),
    "prrt_retreatment": (
        f"the PRRT retreatment series (van der Zwan 2019) {ADVANCED}",
        src.PRRT_RETREATMENT,
    ),
    "pembrolizumab": (f"KEYNOTE-158 {ADVANCED}", src.KEYNOTE_158),
    "mibg_i131": ("I-131 MIBG therapy is described for MIBG-avid, unresectable PPGL", src.MIBG),
}
"""Antiproliferative options with what their evidence rests on (all in advanced disease)."""
SSA_OPTIONS = frozenset({"ssa_octreotide_lar", "ssa_lanreotide", "ssa_lanreotide_escalated"})
CHEMOTHERAPY = ("platinum_etoposide", "folfox", "folfiri")
TUMOR_CONTROL = frozenset({*TRIALS, *CHEMOTHERAPY})
"""The options whose support is read against the extent (see the module docstring)."""
KEEP_SUPPORT = frozenset({"ssa.hormone_syndrome", "chemo.nec_first_line"})
"""Rules whose support does not rest on advanced disease (symptom control; NEC standard)."""
QUIET_NOTE = (
    "; with no metastatic or unresectable disease on record this describes the tumor and does "
    "not by itself speak for tumor control"
)
PNET_FOLLOW_UP_YEARS = 10
RECTAL_NONE_MM = 10.0
RECTAL_SHORT_MM = 20.0


def quiet_support(facts: CaseFacts, rule_id: str, option_id: str, finding: Finding) -> bool:
    """Whether the engine reads this 'supports' as information (no advanced disease on record)."""
    return (
        finding.direction == SUPPORTS
        and option_id in TUMOR_CONTROL
        and rule_id not in KEEP_SUPPORT
        and facts.extent.without_advanced_disease
    )


@rule(
    "extent.advanced_trials",
    source=src.ADVANCED_TRIALS,
    options=tuple(sorted(TUMOR_CONTROL)),
    strength=Strength.GUIDELINE,
    kind=Kind.BLOCKING,
)
def advanced_trials(facts: CaseFacts) -> Sequence[Finding]:
    """Without metastatic or unresectable disease, the antiproliferative trials do not apply."""
    if not facts.extent.without_advanced_disease:
        return NOTHING
    said = extent_text(facts)
    found: list[Finding] = []
    for option_id, (basis, source) in TRIALS.items():
        text = f"{said}: {basis}"
        symptoms = option_id in SSA_OPTIONS and facts.functional in SYMPTOM_SYNDROMES
        if symptoms:
            syndrome = facts.functional.label.lower()
            text += f"; symptom control of the {syndrome} is weighed separately"
        found.append(
            Finding(AGAINST, text, blocking=not symptoms, options=(option_id,), source=source)
        )
    spread = "chemotherapy is described for spread or aggressive NETs"
    if facts.nec:
        text = (
            f"{said}: platinum-etoposide is the NEC first-line standard; the reference has no "
            "data on its use without metastatic or unresectable disease (e.g. after resection)"
        )
        found.append(
            Finding(CAUTION, text, options=("platinum_etoposide",), source=src.NEC_FIRST_LINE)
        )
    else:
        text = f"{said}: {spread}; platinum-etoposide is the first-line standard for NEC"
        found.append(
            Finding(
                AGAINST,
                text,
                blocking=True,
                options=("platinum_etoposide",),
                source=src.CHEMO_SPREAD,
            )
        )
    text = f"{said}: {spread}; FOLFOX / FOLFIRI are second-line options in NEC"
    source = f"{src.CHEMO_SPREAD}; {src.NEC_SECOND_LINE}"
    found.append(
        Finding(AGAINST, text, blocking=True, options=("folfox", "folfiri"), source=source)
    )
    return tuple(found)


@rule(
    "surveillance.after_resection",
    source=src.FOLLOW_UP,
    options=("surveillance",),
    strength=Strength.GUIDELINE,
)
def after_resection(facts: CaseFacts) -> Sequence[Finding]:
    """After complete resection with no evidence of disease since, follow-up is surveillance."""
    extent = facts.extent
    resection = extent.resection
    if extent.kind != Extent.NO_EVIDENCE or resection is None or resection.end_date is None:
        return NOTHING
    since = (
        f"latest imaging {imaging_text(extent.since_imaging)}"
        if extent.since_imaging is not None
        else "no imaging recorded since the resection"
    )
    said = (
        f"Primary resected {facts.span(resection)} ({facts.name_of(resection)}); "
        f"{staging_text(facts)} without metastases and no progression recorded since; {since}"
    )
    size = facts.primary_size_mm
    point = completion_point(facts)
    if point:
        text = f"{said}; surveillance follows once the completion operation is settled"
        return (Finding(INFORMATION, text),)
    if facts.site == PrimarySite.PANCREAS:
        text = (
            f"{said}; resected pancreatic NET: CT or MRI yearly for 3 years, then every 1-2 "
            "years to 10 years; G1 node-negative tumors under 2 cm may need none"
        )
        staging = facts.staging
        node_negative = staging is not None and staging.n.upper().startswith("N0")
        if facts.grade == Grade.G1 and node_negative and size is not None and size < 20:
            text += f" (this G1 N0 {num(size)} mm tumor is in that group)"
        if facts.today >= add_months(resection.end_date, 12 * PNET_FOLLOW_UP_YEARS):
            text += "; more than 10 years have passed since the resection"
            return (Finding(INFORMATION, text),)
        return (Finding(SUPPORTS, text),)
    if facts.site == PrimarySite.RECTUM:
        if size is not None and size < RECTAL_NONE_MM:
            text = f"{said}; rectal NET of {num(size)} mm: under 1 cm, no follow-up is described"
            return (Finding(INFORMATION, text),)
        if size is not None and size <= RECTAL_SHORT_MM:
            text = f"{said}; rectal NET of {num(size)} mm (1-2 cm): MRI or EUS at 6-12 months"
            return (Finding(SUPPORTS, text),)
        text = f"{said}; the reference states rectal NET intervals up to 2 cm only"
        return (Finding(SUPPORTS, text),)
    text = (
        f"{said}; the reference states follow-up intervals after resection for pancreatic and "
        "rectal NET only"
    )
    return (Finding(SUPPORTS, text),)


RULES = (advanced_trials, after_resection)
