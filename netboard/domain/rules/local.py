"""Localized options: surgery, transplant, ablation, external radiation, liver-directed therapy.

Includes the local-disease size rules (rectal, appendiceal, small pancreatic NET).
"""

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
from netboard.domain.rules.criteria import judge
from netboard.domain.rules.dates import add_months, day
from netboard.domain.rules.facts import ABLATION_IDS, LIVER_DIRECTED_IDS, PRRT_IDS, CaseFacts
from netboard.domain.rules.sites import completion_point
from netboard.domain.rules.texts import (
    course_text,
    extent_text,
    resected_text,
    staging_text,
)
from netboard.domain.vocab import FunctionalSyndrome, Intent, Modality, PrimarySite
from netboard.domain.wording import num

PRIMARY = "surgery_primary_resection"
ABLATIONS = tuple(sorted(ABLATION_IDS))
LIVER_DIRECTED = tuple(sorted(LIVER_DIRECTED_IDS))
ABLATION_MAX_MM = 30.0
MILAN_MAX_BURDEN = 50.0
MILAN_STABLE_MONTHS = 6
PORTAL_DRAINED = frozenset(
    {
        PrimarySite.PANCREAS,
        PrimarySite.SMALL_INTESTINE,
        PrimarySite.DUODENUM,
        PrimarySite.STOMACH,
        PrimarySite.APPENDIX,
        PrimarySite.COLON,
    }
)


@rule("surgery.localized", source=src.PROGRAM, options=(PRIMARY,), strength=Strength.GUIDELINE)
def localized(facts: CaseFacts) -> Sequence[Finding]:
    """Without metastases, surgery is considered first; a resected primary is on record."""
    resected = facts.courses_of(PRIMARY)
    if resected:
        if completion_point(facts):
            return NOTHING  # the completion operation is weighed by site.completion_surgery
        text = f"Primary already resected: {course_text(facts, resected[-1])}"
        return (Finding(AGAINST, text, blocking=True, source=src.HISTORY),)
    if facts.metastatic is False and not facts.extent.advanced:
        definitive = [
            c
            for c in facts.courses
            if c.modality == Modality.RADIATION and c.intent == Intent.CURATIVE
        ]
        if definitive:
            text = (
                f"No metastases on {staging_text(facts)}; curative-intent "
                f"{course_text(facts, definitive[-1])} on record as the local therapy"
            )
            return (Finding(INFORMATION, text, source=src.HISTORY),)
        text = f"No metastases on {staging_text(facts)}: surgery is considered first"
        return (Finding(SUPPORTS, text),)
    return NOTHING


@rule(
    "surgery.small_bowel_primary",
    source=src.NANETS_SMALL_BOWEL,
    options=(PRIMARY,),
    strength=Strength.GUIDELINE,
)
def small_bowel_primary(facts: CaseFacts) -> Sequence[Finding]:
    """Small-bowel primaries are resected even with unresectable metastases (NANETS 2017)."""
    if facts.site != PrimarySite.SMALL_INTESTINE or not facts.metastatic:
        return NOTHING
    if facts.courses_of(PRIMARY):
        return NOTHING
    text = (
        f"Small-intestine primary in place with metastases ({staging_text(facts)}): NANETS "
        "describes resection of the primary even with unresectable metastases"
    )
    return (Finding(SUPPORTS, text),)


@rule(
    "surgery.insulinoma",
    source=src.INSULINOMA,
    options=(PRIMARY, "surveillance"),
    strength=Strength.GUIDELINE,
)
def insulinoma(facts: CaseFacts) -> Sequence[Finding]:
    """Insulinoma: about 90 % are under 2 cm and resected."""
    if facts.functional != FunctionalSyndrome.INSULINOMA:
        return NOTHING
    resected = Finding(
        SUPPORTS, "Insulinoma: about 90 % are under 2 cm and resected", options=(PRIMARY,)
    )
    if facts.courses_of(PRIMARY):
        return _done(facts, (resected,))
    return (
        resected,
        Finding(
            AGAINST,
            "Insulinoma: hormone excess (hypoglycemia) is not controlled by watching",
            options=("surveillance",),
        ),
    )


def _done(facts: CaseFacts, found: tuple[Finding, ...]) -> tuple[Finding, ...]:
    """A size rule once the primary is resected: its 'supports' read as information, with the
    resection named (whether more surgery is needed rests on margins not recorded here)."""
    resected = facts.courses_of(PRIMARY)
    if not resected:
        return found
    done = f"; resection of the primary on record: {course_text(facts, resected[-1])}"
    return tuple(
        replace(f, direction=INFORMATION, text=f.text + done) if f.direction == SUPPORTS else f
        for f in found
    )


@rule("local.rectal_size", source=src.ENETS_RECTAL, options=(PRIMARY,), strength=Strength.GUIDELINE)
def rectal_size(facts: CaseFacts) -> Sequence[Finding]:
    """Rectal NET: < 10 mm endoscopic resection; 10-20 mm on risk factors; > 20 mm oncologic."""
    size = facts.primary_size_mm
    if facts.site != PrimarySite.RECTUM or size is None:
        return NOTHING
    return _done(facts, _rectal(size))


def _rectal(size: float) -> tuple[Finding, ...]:
    """The ENETS 2023 rectal size paths (before the resection-on-record check)."""
    said = f"Rectal primary {num(size)} mm"
    if size < 10:
        text = f"{said}: under 10 mm without risk factors, endoscopic resection is the ENETS path"
        return (Finding(SUPPORTS, text),)
    if size <= 20:
        text = f"{said}: 10-20 mm, the extent of resection depends on risk factors (ENETS 2023)"
        return (Finding(INFORMATION, text),)
    text = f"{said}: over 20 mm, oncologic resection is the ENETS path"
    return (Finding(SUPPORTS, text),)


@rule(
    "local.appendiceal_size",
    source=src.ENETS_APPENDIX,
    options=(PRIMARY,),
    strength=Strength.GUIDELINE,
)
def appendiceal_size(facts: CaseFacts) -> Sequence[Finding]:
    """Appendiceal NET: < 2 cm G1-2 R0 appendectomy suffices; > 2 cm right hemicolectomy."""
    size = facts.primary_size_mm
    if facts.site != PrimarySite.APPENDIX or size is None:
        return NOTHING
    said = f"Appendiceal primary {num(size)} mm"
    if size > 20:
        text = f"{said}: over 2 cm, right hemicolectomy is the ENETS path"
        return _done(facts, (Finding(SUPPORTS, text),))
    margins = [p.margin for p in facts.pathology if p.margin is not None]
    margin = f"margin {margins[-1].label}" if margins else "margin not recorded"
    text = (
        f"{said}, {facts.grade.label}, {margin}: under 2 cm, G1-2, R0 with mesoappendix invasion "
        "under 3 mm, appendectomy suffices (mesoappendix invasion is not recorded here)"
    )
    return (Finding(INFORMATION, text),)


@rule(
    "local.small_pancreatic",
    source=src.ENETS_SMALL_PNET,
    options=("surveillance", PRIMARY),
    strength=Strength.GUIDELINE,
)
def small_pancreatic(facts: CaseFacts) -> Sequence[Finding]:
    """Asymptomatic non-functioning pancreatic NET < 2 cm: surveillance (ENETS)."""
    size = facts.primary_size_mm
    if facts.site != PrimarySite.PANCREAS or size is None or facts.metastatic:
        return NOTHING
    if facts.courses_of(PRIMARY):
        return NOTHING  # resected: follow-up is surveillance.after_resection
    if facts.functional != FunctionalSyndrome.NONE or size >= 20:
        return NOTHING
    text = (
        f"Non-functioning pancreatic primary {num(size)} mm without metastases on record: "
        "ENETS describes surveillance for asymptomatic tumors under 2 cm"
    )
    return (
        Finding(SUPPORTS, text, options=("surveillance",)),
        Finding(INFORMATION, text, options=(PRIMARY,)),
    )


@rule(
    "surgery.cytoreduction",
    source=src.DEBULKING,
    options=("surgery_cytoreduction",),
    unverified=True,
    strength=Strength.SERIES,
)
def cytoreduction(facts: CaseFacts) -> Sequence[Finding]:
    """Debulking is weighed when at least 70 % of the disease is removable [verify]."""
    if facts.extent.without_advanced_disease:
        text = f"{extent_text(facts)}: debulking is for disease beyond complete removal"
        return (Finding(AGAINST, text, blocking=True, unverified=False),)
    if not facts.metastatic:
        return NOTHING
    burden = facts.staging.liver_burden_pct if facts.staging is not None else None
    said = f"liver burden {num(burden)} %" if burden is not None else "liver burden not recorded"
    text = (
        f"Metastatic disease ({said}): debulking is weighed when at least 70 % is removable "
        "[verify]"
    )
    return (Finding(INFORMATION, text),)


@rule("surgery.liver_metastases", source=src.PROGRAM, options=("surgery_liver_resection",))
def liver_resection(facts: CaseFacts) -> Sequence[Finding]:
    """Liver resection needs liver metastases; extrahepatic disease is a caution."""
    if facts.staging is None:
        return NOTHING
    if not facts.liver_mets:
        return (_no_liver_target(facts, "liver resection removes liver metastases"),)
    if facts.extrahepatic:
        text = f"Liver and extrahepatic metastases on {staging_text(facts)}"
        return (Finding(CAUTION, text),)
    text = f"Liver-only metastases on {staging_text(facts)}"
    return (Finding(SUPPORTS, text),)


@rule(
    "transplant.milan_net",
    source=src.MILAN_NET,
    options=("liver_transplant",),
    strength=Strength.GUIDELINE,
    kind=Kind.POPULATION,
)
def milan_net(facts: CaseFacts) -> Sequence[Finding]:
    """Milan-NET: portal-drained primary resected, <= 50 % liver, stable >= 6 months, low grade,
    no extrahepatic disease."""
    if facts.staging is not None and not facts.liver_mets:
        return (_no_liver_target(facts, "Milan-NET concerns liver metastases"),)
    staged = facts.staging is not None
    burden = facts.staging.liver_burden_pct if facts.staging is not None else None
    last = facts.last_progression
    recent = last is not None and last.date > add_months(facts.today, -MILAN_STABLE_MONTHS)
    known_site = facts.site not in (None, PrimarySite.UNKNOWN_PRIMARY)
    criteria = (
        judge("liver metastases", True if staged else None, staging_text(facts) or "no staging"),
        judge(
            "portal-drained primary",
            facts.site in PORTAL_DRAINED if known_site else None,
            f"{facts.site.label.lower()} primary" if facts.site else "primary site not on record",
        ),
        judge("primary resected", bool(facts.courses_of(PRIMARY)), _resected(facts)),
        judge(
            "liver burden at most 50 %",
            None if burden is None else burden <= MILAN_MAX_BURDEN,
            f"liver burden {num(burden)} %" if burden is not None else "liver burden not on record",
        ),
        judge("stable for at least 6 months", not recent, last.text if last else "no progression"),
        pop.well_differentiated(facts),
        judge(
            "no extrahepatic disease",
            None if not staged else not facts.extrahepatic,
            staging_text(facts) or "no staging",
        ),
    )
    return (
        pop.population(
            "Milan-NET", criteria, strength=Strength.GUIDELINE, outside=Strength.GUIDELINE
        ),
    )


def _resected(facts: CaseFacts) -> str:
    resected = facts.courses_of(PRIMARY)
    return course_text(facts, resected[-1]) if resected else "no resection of the primary on record"


@rule("liver.liver_dominant", source=src.LIVER_DIRECTED, options=LIVER_DIRECTED)
def liver_dominant(facts: CaseFacts) -> Sequence[Finding]:
    """Liver-directed therapy is for liver-dominant disease."""
    if facts.staging is None:
        return NOTHING
    if not facts.liver_mets:
        return (_no_liver_target(facts, "no liver target for liver-directed therapy"),)
    burden = facts.staging.liver_burden_pct
    said = f", liver burden {num(burden)} %" if burden is not None else ""
    if facts.extrahepatic:
        text = f"Liver and extrahepatic metastases on {staging_text(facts)}{said}"
        return (Finding(CAUTION, text),)
    text = f"Liver-only metastases on {staging_text(facts)}{said}: liver-dominant disease"
    return (Finding(SUPPORTS, text),)


@rule(
    "liver.tare_after_prrt",
    source=src.HEPATIC_RESERVE,
    options=("liver_radioembolization",),
    strength=Strength.SERIES,
    kind=Kind.CAUTION,
)
def tare_after_prrt(facts: CaseFacts) -> Sequence[Finding]:
    """Radioembolization after PRRT: fatal radioembolization-induced liver disease in about 2 %."""
    prrt = facts.courses_of(*PRRT_IDS)
    if not prrt:
        return NOTHING
    text = (
        f"Earlier PRRT ({course_text(facts, prrt[-1])}): fatal radioembolization-induced liver "
        "disease in about 2 % after PRRT"
    )
    return (Finding(CAUTION, text),)


def _no_liver_target(facts: CaseFacts, why: str) -> Finding:
    """The one 'no liver metastases' signal of the liver options (blocking, as before)."""
    return Finding(AGAINST, f"No liver metastases on {staging_text(facts)}: {why}", blocking=True)


@rule(
    "ablation.metastatic_target",
    source=src.ABLATION_TARGET,
    options=ABLATIONS,
    kind=Kind.BLOCKING,
)
def ablation_target(facts: CaseFacts) -> Sequence[Finding]:
    """Ablation treats metastases in liver, lung or bone; none on record speaks against it."""
    if facts.staging is None or facts.metastasis_target:
        return NOTHING
    text = (
        f"No liver, lung or bone metastases on {staging_text(facts)}: ablation treats small "
        "metastases in liver, lung or bone"
    )
    return (Finding(AGAINST, text, blocking=True),)


@rule(
    "ablation.lesion_size",
    source=src.ABLATION,
    options=ABLATIONS,
    unverified=True,
    strength=Strength.SERIES,
)
def ablation_size(facts: CaseFacts) -> Sequence[Finding]:
    """Ablation suits small metastases, lesion up to about 3 cm [verify].

    The size counts only from imaging after the latest resection of the primary, and only while
    the latest staging shows metastases: a pre-operative size of the primary is no metastasis.
    """
    study = facts.metastatic_lesion
    if study is None or study.largest_lesion_mm is None or facts.staging is None:
        return NOTHING
    size = study.largest_lesion_mm
    count = facts.staging.lesion_count
    lesions = f", {count} lesion{'s' if count != 1 else ''} counted" if count is not None else ""
    said = (
        f"Largest lesion {num(size)} mm on {day(study.date)} {study.modality.label} (metastases on "
        f"staging {day(facts.staging.date)}{lesions})"
    )
    if size <= ABLATION_MAX_MM:
        return (Finding(SUPPORTS, f"{said}: within the ~3 cm suited to ablation [verify]"),)
    return (Finding(CAUTION, f"{said}: above the ~3 cm suited to ablation [verify]"),)


@rule(
    "radiation.indications",
    source=src.RADIATION,
    unverified=True,
    options=("radiation_photon", "radiation_sbrt"),
)
def radiation_indications(facts: CaseFacts) -> Sequence[Finding]:
    """External radiation for bone metastases, some lung NETs, residual disease [verify]."""
    found: list[Finding] = []
    if facts.bone_mets:
        text = f"Bone metastases on {staging_text(facts)}: an indication for external radiation"
        found.append(Finding(SUPPORTS, text))
    if facts.site == PrimarySite.LUNG:
        found.append(Finding(INFORMATION, "Lung primary: radiation is used for some lung NETs"))
    return tuple(found)


@rule(
    "radiation.proton_paraganglioma",
    source=src.PROTON_PGL,
    options=("radiation_proton",),
    strength=Strength.SERIES,
)
def proton_paraganglioma(facts: CaseFacts) -> Sequence[Finding]:
    """Proton therapy for head-and-neck paraganglioma: 5-year recurrence-free 97 %."""
    if not facts.ppgl:
        return NOTHING
    text = (
        "Paraganglioma: in head-and-neck paraganglioma, proton therapy reached 5-year "
        "recurrence-free survival of 97 %"
    )
    resected = resected_text(facts)
    if resected:
        return (Finding(INFORMATION, f"{text}; {resected}"),)
    return (Finding(SUPPORTS, text),)


RULES = (
    localized,
    small_bowel_primary,
    insulinoma,
    rectal_size,
    appendiceal_size,
    small_pancreatic,
    cytoreduction,
    liver_resection,
    milan_net,
    liver_dominant,
    tare_after_prrt,
    ablation_target,
    ablation_size,
    radiation_indications,
    proton_paraganglioma,
)
