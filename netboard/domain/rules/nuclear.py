"""Nuclear medicine: 177Lu-DOTATATE PRRT, PRRT retreatment and I-131 MIBG therapy."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

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
from netboard.domain.rules.criteria import Criterion, Met
from netboard.domain.rules.dates import day, whole_months
from netboard.domain.rules.facts import ABLATION_IDS, LIVER_DIRECTED_IDS, CaseFacts
from netboard.domain.rules.texts import course_text, krenning_text, lab_text
from netboard.domain.snapshot import LabResult, TherapyCourse
from netboard.domain.vocab import GEP_SITES, Analyte, Avidity, Grade, PrimarySite

PRRT = "prrt_lu177_dotatate"
RETREATMENT = "prrt_retreatment"
BOTH_PRRT = (PRRT, RETREATMENT)
MIBG = "mibg_i131"
NETTER2_KI67 = (10.0, 55.0)
RETREATMENT_PFS_MONTHS = 18
MIBG_PLATELETS_PER_UL = 80_000
MIBG_ANC_PER_UL = 1_200
MIBG_LAST_DOSES = date(2024, 4, 1)
MIBG_ANNOUNCED = date(2023, 8, 1)


@rule("prrt.sstr_uptake", source=src.KRENNING, options=BOTH_PRRT, strength=Strength.GUIDELINE)
def prrt_sstr_uptake(facts: CaseFacts) -> Sequence[Finding]:
    """PRRT is usually considered at Krenning >= 3; the EU label asks for uptake >= liver."""
    study = facts.sstr
    if study is None or study.krenning is None:
        text = "No Krenning score on record: PRRT needs SSTR uptake at least as high as liver"
        return (Finding(CAUTION, text),)
    if study.krenning >= 3:
        return (Finding(SUPPORTS, krenning_text(study)),)
    if study.krenning == 2:
        text = (
            f"{krenning_text(study)}: the EU label asks for uptake at least as high as normal "
            "liver; PRRT is usually considered at Krenning 3 or more"
        )
        return (Finding(CAUTION, text),)
    text = f"{krenning_text(study)}: too little SSTR uptake for PRRT to target"
    return (Finding(AGAINST, text, blocking=True),)


@rule(
    "prrt.ssa_washout",
    source=src.PRRT_LABEL,
    options=BOTH_PRRT,
    kind=Kind.INFORMATION,
)
def ssa_washout(facts: CaseFacts) -> Sequence[Finding]:
    """A long-acting SSA is paused at least 4 weeks before each PRRT dose."""
    course = facts.current_ssa
    if course is None:
        return NOTHING
    text = (
        f"On {course_text(facts, course)}: a long-acting SSA is paused at least 4 weeks before "
        "each PRRT dose (short-acting at least 24 hours); it may resume after"
    )
    return (Finding(CAUTION, text),)


@rule(
    "prrt.netter2_first_line",
    source=src.NETTER_2,
    options=(PRRT,),
    strength=Strength.PHASE_III,
    kind=Kind.POPULATION,
)
def netter2(facts: CaseFacts) -> Sequence[Finding]:
    """NETTER-2: newly diagnosed advanced SSTR-positive G2/G3 GEP-NET, Ki-67 10-55 %, first line."""
    if not facts.gep or facts.nec or facts.prrt_courses:
        return NOTHING
    result = facts.ki67_result
    if result is None or result.ki67 is None or result.ki67 < NETTER2_KI67[0]:
        return NOTHING  # a Ki-67 under 10 % is NETTER-1 / SSA territory, not a NETTER-2 question
    progressed = facts.last_progression
    criteria = (
        pop.advanced(facts),
        pop.well_differentiated(facts, (Grade.G2, Grade.G3)),
        pop.ki67_between(facts, *NETTER2_KI67, "Ki-67 10-55 %"),
        pop.site_in(facts, GEP_SITES, "GEP primary"),
        pop.newly_diagnosed(facts),
        pop.no_prior_systemic(facts, "first line (no earlier non-SSA systemic therapy)"),
        Criterion(
            "no earlier progression on treatment",
            Met.NOT_MET if progressed is not None else Met.MET,
            progressed.text if progressed is not None else "none recorded",
        ),
        pop.no_course_of(facts, BOTH_PRRT, "no earlier PRRT"),
        pop.sstr_positive(facts),
        pop.ecog_0_2(facts),
    )
    found = [pop.population("NETTER-2", criteria)]
    local = facts.courses_of(*LIVER_DIRECTED_IDS, *ABLATION_IDS)
    if local and found[0].direction == SUPPORTS:
        text = (
            f"Earlier {course_text(facts, local[-1])}: NETTER-2 excluded patients with prior "
            "TARE, TACE or RFA"
        )
        found.append(Finding(INFORMATION, text))
    return tuple(found)


@rule(
    "prrt.netter1_midgut",
    source=src.NETTER_1,
    options=(PRRT,),
    strength=Strength.PHASE_III,
    kind=Kind.POPULATION,
)
def netter1(facts: CaseFacts) -> Sequence[Finding]:
    """NETTER-1: well-differentiated metastatic midgut NET, Ki-67 <= 20 %, progressing on
    octreotide LAR (within 3 years), uptake >= liver, creatinine clearance >= 50 mL/min."""
    if facts.site != PrimarySite.SMALL_INTESTINE or facts.nec or facts.prrt_courses:
        return NOTHING  # after PRRT: prrt.prior_course and retreatment speak
    return (pop.population("NETTER-1", netter1_criteria(facts)),)


def netter1_criteria(facts: CaseFacts) -> tuple[Criterion, ...]:
    """The NETTER-1 population's criteria for this case (also read by ssa.netter1_control)."""
    return (
        pop.advanced(facts),
        pop.well_differentiated(facts),
        pop.site_in(facts, (PrimarySite.SMALL_INTESTINE,), "midgut primary"),
        pop.ki67_between(facts, None, 20, "Ki-67 <= 20 %"),
        pop.progression_on_ssa(facts, "progression on an SSA within 3 years", within_years=3),
        pop.sstr_positive(facts),
        pop.no_course_of(facts, BOTH_PRRT, "no earlier PRRT"),
        pop.kidney_clearance(facts),
        pop.ecog_0_2(facts),
    )


@rule(
    "prrt.prior_course",
    source=f"{src.NETTER_1}; {src.NETTER_2}; {src.PRRT_RETREATMENT}",
    options=(PRRT,),
    strength=Strength.RECORD,
)
def prior_course(facts: CaseFacts) -> Sequence[Finding]:
    """After an ended PRRT course, a further series is PRRT retreatment, not a first course."""
    ended = [c for c in facts.prrt_courses if not facts.is_ongoing(c)]
    if not ended:
        return NOTHING
    text = (
        f"PRRT already on record: {course_text(facts, ended[-1])}; NETTER-1 and NETTER-2 "
        "studied a first PRRT course, and a further series after one is PRRT retreatment "
        "(van der Zwan 2019)"
    )
    return (Finding(AGAINST, text),)


@rule(
    "prrt.prior_chemotherapy",
    source=src.NETTER_R,
    options=BOTH_PRRT,
    strength=Strength.SERIES,
    kind=Kind.CAUTION,
)
def prior_chemotherapy(facts: CaseFacts) -> Sequence[Finding]:
    """In pancreatic NET, prior chemotherapy was linked to shorter PFS after PRRT."""
    if facts.site != PrimarySite.PANCREAS or not facts.chemo_courses:
        return NOTHING
    course = facts.chemo_courses[-1]
    text = (
        f"Earlier chemotherapy {course_text(facts, course)} in a pancreatic NET: NETTER-R linked "
        "prior chemotherapy with shorter PFS after PRRT (HR 3.67)"
    )
    return (Finding(CAUTION, text),)


@rule(
    "prrt.marrow",
    source=src.MARROW,
    options=BOTH_PRRT,
    strength=Strength.SERIES,
    kind=Kind.CAUTION,
)
def marrow(facts: CaseFacts) -> Sequence[Finding]:
    """Marrow reserve: PRRT after marrow-toxic chemotherapy or extensive bone radiation."""
    found: list[Finding] = []
    if facts.chemo_courses:
        text = (
            f"Marrow-toxic chemotherapy before: {course_text(facts, facts.chemo_courses[-1])}; "
            "long-term MDS about 1.5 % and acute leukemia about 0.7 % after PRRT"
        )
        found.append(Finding(CAUTION, text))
    if facts.bone_radiation:
        course = facts.bone_radiation[-1]
        text = (
            f"Bone radiation before: {course_text(facts, course)}; radiation to more than 25 % "
            "of the marrow is a caution before PRRT"
        )
        found.append(Finding(CAUTION, text))
    return tuple(found)


@rule(
    "prrt.liver_reserve",
    source=src.HEPATIC_RESERVE,
    options=BOTH_PRRT,
    strength=Strength.SERIES,
    kind=Kind.CAUTION,
)
def liver_reserve(facts: CaseFacts) -> Sequence[Finding]:
    """Cumulative liver-directed therapy and PRRT are weighed together."""
    courses = facts.courses_of(*LIVER_DIRECTED_IDS)
    if not courses:
        return NOTHING
    listed = "; ".join(course_text(facts, c) for c in courses[-3:])
    text = f"Earlier liver-directed therapy ({listed}): liver reserve is weighed together with PRRT"
    return (Finding(CAUTION, text),)


@rule(
    "prrt.well_differentiated",
    source=f"{src.NETTER_1}; {src.NETTER_2}",
    options=BOTH_PRRT,
    strength=Strength.GUIDELINE,
)
def prrt_nec(facts: CaseFacts) -> Sequence[Finding]:
    """The PRRT trials enrolled well-differentiated NET."""
    return pop.nec_outside(facts, "NETTER-1 and NETTER-2 enrolled")


@rule(
    "prrt.organ_function",
    source=src.PRRT_LABEL,
    options=BOTH_PRRT,
    kind=Kind.INFORMATION,
)
def organ_function(facts: CaseFacts) -> Sequence[Finding]:
    """Blood counts, kidney and liver function are checked before each PRRT dose."""
    analytes = (Analyte.PLATELETS, Analyte.NEUTROPHILS, Analyte.CREATININE, Analyte.BILIRUBIN)
    latest = [lab for lab in (facts.lab(a) for a in analytes) if lab is not None]
    if not latest:
        text = "No blood counts, creatinine or bilirubin on record; they are checked before PRRT"
        return (Finding(INFORMATION, text),)
    values = "; ".join(lab_text(lab, lab.analyte.label.lower()) for lab in latest)
    return (Finding(INFORMATION, f"Latest {values} (checked before each PRRT dose)"),)


def prrt_pfs(facts: CaseFacts, course: TherapyCourse) -> PrrtFollowUp | None:
    """Months without progression after an ended PRRT course (to the first progression after
    its end, or to today when none), and whether that reached 18 months; a progression during
    the course (or a course ended for progression) counts as none."""
    if course.end_date is None or facts.is_ongoing(course):
        return None
    during = facts.progression_during(course)
    if during is not None:
        return PrrtFollowUp(0.0, False, True, f"progression during the course ({during.text})")
    event = facts.progression_after(course.end_date)
    until = event.date if event is not None else facts.today
    months = whole_months(course.end_date, until)  # calendar months, as the 18-month test
    durable = months >= RETREATMENT_PFS_MONTHS
    ending = f"until {event.text}" if event is not None else f"none recorded to {day(facts.today)}"
    text = f"{months} months without progression after it ({ending})"
    return PrrtFollowUp(float(months), durable, event is not None, text)


@dataclass(frozen=True, slots=True)
class PrrtFollowUp:
    months: float
    durable: bool
    """At least 18 months without progression after the course."""
    progressed: bool
    text: str


@rule(
    "prrt_retreatment.first_pfs",
    source=src.PRRT_RETREATMENT,
    options=(RETREATMENT,),
    strength=Strength.SERIES,
    kind=Kind.POPULATION,
)
def retreatment(facts: CaseFacts) -> Sequence[Finding]:
    """Retreatment after a first PRRT followed by at least 18 months without progression."""
    courses = facts.prrt_courses
    if not courses:
        text = "No earlier PRRT course on record: retreatment follows a first PRRT"
        return (Finding(AGAINST, text, blocking=True),)
    course = courses[-1]
    follow_up = prrt_pfs(facts, course)
    if follow_up is None:
        text = f"PRRT ongoing ({course_text(facts, course)})"
        return (Finding(AGAINST, text, blocking=True),)
    said = f"{course_text(facts, course)}, {follow_up.text}"
    if follow_up.durable:
        text = f"{said}: at least 18 months, the group in which retreatment reached PFS 14.6 months"
        return (Finding(SUPPORTS, text),)
    if follow_up.progressed:
        text = f"{said}: under the 18 months after which retreatment was studied"
        return (Finding(AGAINST, text),)
    text = f"{said}: 18 months not yet reached"
    return (Finding(INFORMATION, text),)


@rule("mibg.ppgl", source=src.MIBG, options=(MIBG,), strength=Strength.SERIES)
def mibg_ppgl(facts: CaseFacts) -> Sequence[Finding]:
    """I-131 MIBG is used for MIBG-avid, unresectable PPGL."""
    if facts.ppgl:
        text = "Pheochromocytoma / paraganglioma: the disease I-131 MIBG therapy is used for"
        return (Finding(SUPPORTS, text),)
    if facts.site is None:
        return NOTHING
    text = f"Primary site {facts.site.label}: I-131 MIBG therapy is used for PPGL"
    return (Finding(AGAINST, text, blocking=True),)


@rule("mibg.avidity", source=src.MIBG, options=(MIBG,), strength=Strength.GUIDELINE)
def mibg_avidity(facts: CaseFacts) -> Sequence[Finding]:
    """MIBG therapy needs MIBG-avid disease on an MIBG scan."""
    scan = facts.mibg
    if scan is None or scan.avidity is None:
        return (Finding(CAUTION, "No MIBG scan avidity on record"),)
    said = f"MIBG scan on {day(scan.date)}: {scan.avidity.label.lower()}"
    if scan.avidity == Avidity.POSITIVE:
        return (Finding(SUPPORTS, f"{said} (MIBG-avid)"),)
    if scan.avidity == Avidity.NEGATIVE:
        return (Finding(AGAINST, f"{said}: no MIBG target", blocking=True),)
    return (Finding(CAUTION, said),)


@rule(
    "mibg.availability",
    source=src.MIBG_SUPPLY,
    options=(MIBG,),
    strength=Strength.GUIDELINE,
    kind=Kind.CAUTION,
)
def mibg_availability(facts: CaseFacts) -> Sequence[Finding]:
    """The commercial I-131 MIBG product was discontinued (last doses Q1 2024)."""
    if facts.today >= MIBG_LAST_DOSES:
        text = (
            "Commercial iobenguane I-131 (Azedra) is discontinued: announced August 2023, last "
            "doses in the first quarter of 2024"
        )
        return (Finding(CAUTION, text),)
    if facts.today >= MIBG_ANNOUNCED:
        text = "Discontinuation of iobenguane I-131 (Azedra) announced: last doses in Q1 2024"
        return (Finding(CAUTION, text),)
    return NOTHING


def per_microlitre(lab: LabResult) -> float:
    """A blood count as cells/µL: values under 1,000 are read as 10^9/L (x 1,000)."""
    return lab.value * 1000 if lab.value < 1000 else lab.value


@rule("mibg.blood_counts", source=src.MIBG, options=(MIBG,), strength=Strength.GUIDELINE)
def mibg_counts(facts: CaseFacts) -> Sequence[Finding]:
    """MIBG therapy asks for platelets >= 80,000/µL and ANC >= 1,200/µL."""
    found: list[Finding] = []
    for analyte, floor, name in (
        (Analyte.PLATELETS, MIBG_PLATELETS_PER_UL, "platelets"),
        (Analyte.NEUTROPHILS, MIBG_ANC_PER_UL, "ANC"),
    ):
        lab = facts.lab(analyte)
        if lab is None:
            continue
        if per_microlitre(lab) < floor:
            text = (
                f"{lab_text(lab, name.capitalize())}: below {floor:,}/µL asked for MIBG therapy"
            )
            found.append(Finding(AGAINST, text))
    return tuple(found)


RULES = (
    prrt_sstr_uptake,
    ssa_washout,
    netter2,
    netter1,
    prior_course,
    prior_chemotherapy,
    marrow,
    liver_reserve,
    prrt_nec,
    organ_function,
    retreatment,
    mibg_ppgl,
    mibg_avidity,
    mibg_availability,
    mibg_counts,
)
