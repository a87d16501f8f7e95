"""Table of synthetic cases for the rules added with issue 10 item 7 and the partials: care close
to home (where each option is available), the number of metastatic lesions, and the readiness
check that no longer asks for SSTR imaging in NEC or a small G1 rectal NET.

Same shape as tests/domain/cases_ranking.py (must / must-not signals and rank constraints). The
oracle is the catalog's burden table as the program describes it (near home: SSA injections,
tablets, some chemotherapy; specialized center only: PRRT, MIBG, major surgery, liver-directed
therapy) and the clinical reference §2, §5, §7, written apart from the engine.
"""

from __future__ import annotations

from dataclasses import replace

from netboard.domain.snapshot import CaseSnapshot
from netboard.domain.vocab import DiscussionStatus, Histology, PrimarySite, ReasonEnded, Response
from tests.domain.cases_ranking import RankCase
from tests.factories import course, discussion, make_case, months_ago

P = PrimarySite
HOME = "Fictional Valley Clinic"
CENTER = "Fictional University Hospital"
LAN = "ssa_lanreotide"
PRRT = "prrt_lu177_dotatate"


def _with_preferences(text: str, **values: object) -> CaseSnapshot:
    """A midgut NET case whose pending discussion states the patient's preferences."""
    talk = replace(
        discussion("Next line?", status=DiscussionStatus.PENDING), patient_preferences=text
    )
    case = make_case(question=None, discussions=[talk], **values)  # type: ignore[arg-type]
    return replace(case, patient=replace(case.patient, home_institution=HOME))


def _home_elsewhere(site_of_care: str) -> CaseSnapshot:
    """No stated preferences; an earlier course at ``site_of_care``, home institution HOME."""
    ssa = replace(
        course("ssa_octreotide_lar", months_ago(20), None, best_response=Response.SD),
        site_of_care=site_of_care,
    )
    case = make_case(therapies=[ssa])
    return replace(case, patient=replace(case.patient, home_institution=HOME))


def _lesions(count: int, sites: tuple[str, ...] = ("liver",)) -> CaseSnapshot:
    case = make_case(ki67=4, metastatic_sites=sites)
    staging = replace(case.staging[0], lesion_count=count)
    return replace(case, staging=(staging,))


NEAR = ("ssa_octreotide_lar", LAN, "everolimus", "captem", "best_supportive_care")
CENTER_ONLY = (PRRT, "mibg_i131", "surgery_liver_resection", "liver_chemoembolization")

HOME_CASES: tuple[RankCase, ...] = (
    RankCase(
        "preferences ask for care closer to home: where each option is available",
        lambda: _with_preferences(f"Prefers treatment closer to home ({HOME})."),
        must=(
            ("case", "care.close_to_home", "information"),
            *((o, "care.where_available", "information") for o in NEAR + CENTER_ONLY),
        ),
    ),
    RankCase(
        "preferences about travel distance count as care close to home",
        lambda: _with_preferences("Long drive to the center; would rather travel less."),
        must=(("case", "care.close_to_home", "information"),),
    ),
    RankCase(
        "preferences that do not concern the place of care: nothing about where",
        lambda: _with_preferences("Wishes to avoid daily tablets if possible."),
        must=(),
        must_not=(("case", "care.close_to_home"), (LAN, "care.where_available")),
    ),
    RankCase(
        "home institution differs from where earlier treatment took place",
        lambda: _home_elsewhere(CENTER),
        must=(("case", "care.close_to_home", "information"),),
    ),
    RankCase(
        "home institution is where earlier treatment took place: nothing about where",
        lambda: _home_elsewhere(HOME),
        must=(),
        must_not=(("case", "care.close_to_home"),),
    ),
    RankCase(
        "care close to home informs only: PRRT still above escalated SSA after SSA progression",
        lambda: _with_preferences(
            "Prefers treatment closer to home.",
            ki67=4,
            therapies=[
                course(
                    "ssa_octreotide_lar",
                    months_ago(30),
                    months_ago(2),
                    best_response=Response.SD,
                    reason_ended=ReasonEnded.PROGRESSION,
                )
            ],
        ),
        must=((PRRT, "care.where_available", "information"),),
        ranks=(("above", PRRT, "ssa_lanreotide_escalated"),),
    ),
    # ---------------------------------------------------------------- lesion count
    RankCase(
        "two liver lesions: few, for liver resection and ablation (unverified threshold)",
        lambda: _lesions(2),
        must=(
            ("surgery_liver_resection", "local.lesion_count", "supports"),
            ("ablation_rfa", "local.lesion_count", "supports"),
        ),
        ranks=(
            ("unverified", "ablation_rfa", "local.lesion_count"),
            ("above", "surgery_liver_resection", "liver_transplant"),
        ),
    ),
    RankCase(
        "twelve liver lesions: many, a caution for liver resection and ablation",
        lambda: _lesions(12),
        must=(
            ("surgery_liver_resection", "local.lesion_count", "caution"),
            ("ablation_microwave", "local.lesion_count", "caution"),
        ),
        must_not=(("surgery_liver_resection", "local.lesion_count", "supports"),),
    ),
    RankCase(
        "lesion count not recorded: no count signal",
        lambda: make_case(ki67=4),
        must=(),
        must_not=(("surgery_liver_resection", "local.lesion_count"),),
    ),
    RankCase(
        "six lesions: neither few nor many, no count signal",
        lambda: _lesions(6),
        must=(),
        must_not=(("surgery_liver_resection", "local.lesion_count"),),
    ),
    RankCase(
        "bone-only lesions: the count speaks to ablation, not liver resection",
        lambda: _lesions(2, ("bone",)),
        must=(("ablation_cryo", "local.lesion_count", "supports"),),
        must_not=(("surgery_liver_resection", "local.lesion_count"),),
    ),
    # ---------------------------------------------------------------- readiness
    RankCase(
        "metastatic NEC without SSTR imaging: readiness does not ask for it",
        lambda: make_case(histology=Histology.NEC_LARGE_CELL, ki67=70, krenning=None),
        must=(),
        must_not=(("readiness", "readiness.sstr_imaging"),),
        ranks=(("first", "platinum_etoposide"),),
    ),
    RankCase(
        "small G1 rectal NET without metastases: readiness does not ask for SSTR imaging",
        lambda: make_case(
            site=P.RECTUM, ki67=1, primary_size_mm=7, krenning=None, metastatic_sites=()
        ),
        must=(),
        must_not=(("readiness", "readiness.sstr_imaging"),),
    ),
    RankCase(
        "G2 midgut NET without SSTR imaging: readiness still asks for it",
        lambda: make_case(ki67=8, krenning=None),
        must=(("readiness", "readiness.sstr_imaging", "caution"),),
    ),
)
