"""Site- and syndrome-specific points (reference §7): NEC, appendix, rectum, PPGL, MEN1, lung,
and the completion operation after a local resection of the primary.
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
from netboard.domain.rules.dates import day
from netboard.domain.rules.facts import ABLATION_IDS, LIVER_DIRECTED_IDS, PRRT_IDS, CaseFacts
from netboard.domain.rules.texts import course_text
from netboard.domain.snapshot import PathologyResult, TherapyCourse
from netboard.domain.vocab import Analyte, Grade, HereditarySyndrome, Margin, Presence, PrimarySite
from netboard.domain.wording import num

PRIMARY = "surgery_primary_resection"
LOCAL_FOR_NEC = (
    PRIMARY,
    "surgery_cytoreduction",
    "surgery_liver_resection",
    "liver_transplant",
    *sorted(LIVER_DIRECTED_IDS),
    *sorted(ABLATION_IDS),
)
PROCEDURES = (
    PRIMARY,
    "surgery_cytoreduction",
    "surgery_liver_resection",
    *sorted(LIVER_DIRECTED_IDS),
    *sorted(ABLATION_IDS),
    *sorted(PRRT_IDS),
    "mibg_i131",
)
LOCAL_EXCISION = ("appendectomy", "endoscopic", "polypectomy", "emr", "esd", "transanal", "local")


def local_excision(facts: CaseFacts) -> TherapyCourse | None:
    """The latest resection of the primary when it was a local one (appendectomy, endoscopic)."""
    resected = facts.courses_of(PRIMARY)
    if not resected:
        return None
    latest = resected[-1]
    text = f"{latest.agent} {latest.notes}".lower()
    if "hemicolectomy" in text or "anterior resection" in text or "tme" in text.split():
        return None
    return latest if any(word in text for word in LOCAL_EXCISION) else None


def completion_point(facts: CaseFacts) -> str:
    """Why a completion operation is the point to discuss after a local excision (or empty)."""
    excision = local_excision(facts)
    size = facts.primary_size_mm
    if excision is None or size is None:
        return ""
    done = course_text(facts, excision)
    if facts.site == PrimarySite.APPENDIX:
        if size > 20:
            return (
                f"Appendiceal NET {num(size)} mm after {done}: over 2 cm, completion right "
                "hemicolectomy is the point to discuss (the appendectomy is no reason against it)"
            )
        risks = _risks(facts, size, with_size=False)
        if size >= 10 and risks:
            return (
                f"Appendiceal NET {num(size)} mm after {done} with {', '.join(risks)}: 1-2 cm "
                "with risk factors, completion right hemicolectomy is discussed"
            )
    if facts.site == PrimarySite.RECTUM:
        risks = _risks(facts, size, with_size=True)
        if risks:
            return (
                f"Rectal NET after {done} with {', '.join(risks)}: radical surgery (TME / "
                "anterior resection) or re-resection is discussed; surveillance is not first"
            )
    return ""


def _risks(facts: CaseFacts, size: float, *, with_size: bool) -> list[str]:
    """Risk features after a local excision: G2, R1 / R2 / Rx margin, lymphovascular invasion,
    and for the rectum a size of 1 cm or more."""
    risks = []
    if facts.grade == Grade.G2:
        risks.append("grade G2")
    specimen = _specimen(facts)
    if specimen is not None and specimen.margin in (Margin.R1, Margin.R2, Margin.RX):
        assert specimen.margin is not None
        risks.append(f"margin {specimen.margin.label} ({day(specimen.date)})")
    if specimen is not None and specimen.lymphovascular_invasion == Presence.PRESENT:
        risks.append(f"lymphovascular invasion ({day(specimen.date)})")
    if with_size and size >= 10:
        risks.append(f"size {num(size)} mm (1 cm or more)")
    return risks


def _specimen(facts: CaseFacts) -> PathologyResult | None:
    """The latest pathology result with a margin or lymphovascular invasion recorded."""
    found = [
        p for p in facts.pathology if p.margin is not None or p.lymphovascular_invasion is not None
    ]
    return found[-1] if found else None


@rule(
    "site.completion_surgery",
    source=f"{src.APPENDIX_2023}; {src.RECTAL_2023}",
    options=(PRIMARY,),
    strength=Strength.GUIDELINE,
)
def completion_surgery(facts: CaseFacts) -> Sequence[Finding]:
    """After appendectomy or endoscopic resection with risk features: completion surgery."""
    point = completion_point(facts)
    return (Finding(SUPPORTS, point),) if point else NOTHING


@rule(
    "nec.metastatic_local",
    source=src.NEC_LOCAL,
    options=LOCAL_FOR_NEC,
    unverified=True,
    strength=Strength.GUIDELINE,
)
def nec_metastatic_local(facts: CaseFacts) -> Sequence[Finding]:
    """Metastatic NEC: surgery and liver-directed therapy have no established role outside
    selected cases [verify wording]."""
    if not facts.nec or not facts.extent.advanced:
        return NOTHING
    text = (
        f"Metastatic {facts.grade.label}: surgery and liver-directed therapy have no established "
        "role in metastatic NEC outside selected cases; platinum-etoposide is first line [verify]"
    )
    return (Finding(AGAINST, text),)


@rule("ppgl.procedure_preparation", source=src.PPGL_PREP, options=PROCEDURES, kind=Kind.INFORMATION)
def ppgl_preparation(facts: CaseFacts) -> Sequence[Finding]:
    """PPGL: metanephrines and alpha-blockade are checked before procedures."""
    if not facts.ppgl:
        return NOTHING
    text = (
        "Pheochromocytoma / paraganglioma: before surgery, ablation, embolization or "
        "radionuclide therapy of a catecholamine-secreting tumor, metanephrines and "
        "alpha-blockade are checked"
    )
    return (Finding(INFORMATION, text),)


@rule("readiness.ppgl_metanephrines", source=src.PPGL_PREP, scope="readiness")
def ppgl_metanephrines(facts: CaseFacts) -> Sequence[Finding]:
    """PPGL without plasma or urine metanephrines on record."""
    if not facts.ppgl or facts.lab(Analyte.METANEPHRINES) is not None:
        return NOTHING
    text = (
        "No metanephrines on record for this pheochromocytoma / paraganglioma: they are checked "
        "(with alpha-blockade) before procedures"
    )
    return (Finding(CAUTION, text),)


@rule("site.men1", source=src.MEN1, scope="case")
def men1(facts: CaseFacts) -> Sequence[Finding]:
    """MEN1: genetics referral, relatives, other MEN1 organs; small NF pNET usually observed."""
    if facts.hereditary != HereditarySyndrome.MEN1:
        return NOTHING
    text = (
        "MEN1 on record: genetics referral, screening of relatives and the other MEN1 organs "
        "(parathyroid, pituitary) belong to the care; non-functioning pancreatic NET under 2 cm "
        "are usually observed"
    )
    return (Finding(INFORMATION, text),)


@rule("site.lung_biopsy_grade", source=src.LUNG_CARCINOID, scope="case")
def lung_biopsy_grade(facts: CaseFacts) -> Sequence[Finding]:
    """Lung carcinoid graded on a biopsy: typical vs atypical is best decided on a resection."""
    result = facts.grade_result
    if facts.site != PrimarySite.LUNG or result is None or facts.nec:
        return NOTHING
    if facts.courses_of(PRIMARY) or "biops" not in result.specimen_site.lower():
        return NOTHING
    text = (
        f"Lung carcinoid graded {facts.grade.label} on a biopsy ({result.specimen_site}): typical "
        "vs atypical is best decided on a resection specimen; a small biopsy may under-count "
        "mitoses and miss necrosis"
    )
    return (Finding(INFORMATION, text),)


RULES = (completion_surgery, nec_metastatic_local, ppgl_preparation, men1, lung_biopsy_grade)
READINESS = (ppgl_metanephrines,)
