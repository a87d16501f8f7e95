"""Table of synthetic cases for the ranking, the trial-population checks, the site and syndrome
points, the running therapy and sequencing (issue 10): signals that must and must not appear, and
rank constraints a NET specialist would insist on.

Rank constraints, written as tuples:
- ("above", a, b): option a ranks above option b;
- ("first", a): option a ranks first;
- ("top", n, a): option a is among the first n;
- ("not_top", n, a): option a is not among the first n;
- ("folded", a): option a is 'not applicable now' (still listed);
- ("open", a): option a is not folded;
- ("folded_at_least", n): at least n options are folded;
- ("unverified", a, rule): that signal on option a is marked unverified.
The oracle is the clinical reference (§5-7), written apart from the engine.
"""

from __future__ import annotations

from dataclasses import dataclass

from netboard.domain.vocab import (
    Analyte,
    FunctionalSyndrome,
    HereditarySyndrome,
    Histology,
    Margin,
    Presence,
    PrimarySite,
    ReasonEnded,
    Response,
    Sex,
    SymptomControl,
)
from tests.domain.table import TableCase
from tests.factories import (
    TODAY,
    course,
    ct,
    lab,
    make_case,
    months_ago,
    resection,
    sstr_pet,
)

P = PrimarySite
PRRT = "prrt_lu177_dotatate"
ESC = "ssa_lanreotide_escalated"
LAN = "ssa_lanreotide"
OCT = "ssa_octreotide_lar"
BSC = "best_supportive_care"
PRIMARY = "surgery_primary_resection"


@dataclass(frozen=True)
class RankCase(TableCase):
    ranks: tuple[tuple[object, ...], ...] = ()


def _progressed(option: str, start: int, end: int) -> object:
    return course(
        option,
        months_ago(start),
        months_ago(end),
        best_response=Response.SD,
        reason_ended=ReasonEnded.PROGRESSION,
    )


def _midgut_after_ssa(**extra: object) -> object:
    values: dict[str, object] = {
        "ki67": 4,
        "krenning": 3,
        "therapies": [_progressed(OCT, 30, 2)],
        "extra_imaging": [ct(months_ago(2), response=Response.PD)],
    }
    values.update(extra)
    return make_case(**values)  # type: ignore[arg-type]


def _nec(**extra: object) -> object:
    values: dict[str, object] = {
        "site": P.PANCREAS,
        "histology": Histology.NEC_LARGE_CELL,
        "ki67": 70,
        "krenning": None,
        "liver_burden": 30,
    }
    values.update(extra)
    return make_case(**values)  # type: ignore[arg-type]


def _appendectomy(size: float, ki67: float) -> object:
    return make_case(
        site=P.APPENDIX,
        primary_size_mm=size,
        ki67=ki67,
        krenning=None,
        metastatic_sites=(),
        therapies=[resection(months_ago(2), agent="Appendectomy")],
        extra_imaging=[ct(months_ago(1), finding="No residual disease.")],
    )


def _rectal(size: float, ki67: float, resected: bool = True) -> object:
    therapies = [resection(months_ago(2), agent="Endoscopic resection")] if resected else []
    return make_case(
        site=P.RECTUM,
        primary_size_mm=size,
        ki67=ki67,
        krenning=None,
        metastatic_sites=(),
        therapies=therapies,
    )


def _specimen(margin: Margin | None, lvi: Presence | None, ki67: float = 1.0) -> object:
    """The resection specimen of a local excision, with its margin and LVI."""
    from dataclasses import replace

    from tests.factories import pathology

    found = pathology(months_ago(2), ki67, specimen_site="endoscopic resection specimen")
    return replace(found, margin=margin, lymphovascular_invasion=lvi)


def _netter2(**extra: object) -> object:
    values: dict[str, object] = {
        "ki67": 30,
        "krenning": 4,
        "diagnosed": months_ago(2),
    }
    values.update(extra)
    return make_case(**values)  # type: ignore[arg-type]


def _mid_prrt(**extra: object) -> object:
    prrt = course(PRRT, months_ago(4), None, cycles=2, best_response=Response.SD)
    values: dict[str, object] = {
        "ki67": 8,
        "krenning": 4,
        "therapies": [_progressed(OCT, 30, 6), prrt],
        "question": "Continue to the remaining PRRT cycles?",
    }
    values.update(extra)
    return make_case(**values)  # type: ignore[arg-type]


RANK_CASES: tuple[RankCase, ...] = (
    # ---------------------------------------------------------------- evidence and ranking
    RankCase(
        "rank: SSTR+ midgut after SSA progression, PRRT above escalated SSA",
        _midgut_after_ssa,  # type: ignore[arg-type]
        must=(
            (PRRT, "prrt.netter1_midgut", "supports"),
            (ESC, "ssa.netter1_control", "caution"),
            (ESC, "ssa.escalation", "supports"),
        ),
        ranks=(("above", PRRT, ESC), ("first", PRRT), ("above", "everolimus", OCT)),
    ),
    RankCase(
        "rank: SSA the patient progressed on ranks below the alternatives",
        _midgut_after_ssa,  # type: ignore[arg-type]
        must=((OCT, "history.progression", "against"),),
        ranks=(("above", PRRT, OCT), ("above", ESC, OCT), ("above", "clinical_trial", OCT)),
    ),
    RankCase(
        "rank: metastatic NEC, platinum-etoposide first",
        _nec,  # type: ignore[arg-type]
        must=(
            ("platinum_etoposide", "chemo.nec_first_line", "supports"),
            ("liver_chemoembolization", "nec.metastatic_local", "against"),
            ("surgery_liver_resection", "nec.metastatic_local", "against"),
            ("captem", "captem.population", "against"),
        ),
        must_not=(("captem", "captem.population", "supports"),),
        ranks=(
            ("first", "platinum_etoposide"),
            ("above", "platinum_etoposide", "liver_radioembolization"),
            ("above", "platinum_etoposide", "captem"),
            ("unverified", "liver_chemoembolization", "nec.metastatic_local"),
        ),
    ),
    RankCase(
        # reference: platinum + etoposide is the standard first line for NEC; after it, FOLFIRI /
        # FOLFOX (no standard) - the demo's metastatic NEC (docs/considerations.md, example 3)
        "rank: metastatic NEC progressing after platinum-etoposide, FOLFOX/FOLFIRI above it",
        lambda: _nec(
            therapies=[
                course(
                    "platinum_etoposide",
                    months_ago(11),
                    months_ago(8),
                    best_response=Response.PR,
                    reason_ended=ReasonEnded.COMPLETED,
                )
            ],
            extra_imaging=[ct(months_ago(1), response=Response.PD)],
        ),
        must=(
            ("folfox", "chemo.nec_second_line", "supports"),
            ("platinum_etoposide", "chemo.nec_first_line", "caution"),
        ),
        must_not=(("platinum_etoposide", "chemo.nec_first_line", "supports"),),
        ranks=(
            ("above", "folfox", "platinum_etoposide"),
            ("above", "folfiri", "platinum_etoposide"),
            ("top", 3, "folfox"),
        ),
    ),
    RankCase(
        "rank: ECOG 4, best supportive care first",
        lambda: make_case(ecog_value=4, ki67=3),
        must=(
            (BSC, "supportive.performance", "supports"),
            (LAN, "ecog.limits", "against"),
            (PRRT, "ecog.limits", "against"),
        ),
        must_not=((LAN, "ssa.clarinet_population", "supports"),),
        ranks=(("first", BSC),),
    ),
    RankCase(
        "rank: ECOG 3, best supportive care first, intensive options against",
        lambda: make_case(ecog_value=3, ki67=3),
        must=(("everolimus", "ecog.limits", "against"), (LAN, "ecog.limits", "caution")),
        ranks=(("first", BSC),),
    ),
    RankCase(
        "rank: ECOG 2 cautions intensive therapy only",
        lambda: make_case(ecog_value=2, ki67=3),
        must=(("captem", "ecog.limits", "caution"),),
        must_not=((LAN, "ecog.limits"), (BSC, "supportive.performance")),
    ),
    RankCase(
        "rank: liver-only metastases alone do not put liver resection first",
        lambda: make_case(site=P.PANCREAS, ki67=5, krenning=3),
        must=(("surgery_liver_resection", "surgery.liver_metastases", "supports"),),
        ranks=(
            ("above", LAN, "surgery_liver_resection"),
            ("not_top", 1, "surgery_liver_resection"),
        ),
    ),
    RankCase(
        "rank: brand-new case without staging, no systemic drug leads on trial support",
        lambda: make_case(site=P.PANCREAS, ki67=None, krenning=None, metastatic_sites=None),
        must=(("readiness", "readiness.staging", "caution"),),
        must_not=(
            ("everolimus", "everolimus.population", "supports"),
            ("sunitinib", "sunitinib.population", "supports"),
            ("captem", "captem.population", "supports"),
        ),
        ranks=(("not_top", 3, "everolimus"), ("not_top", 3, "sunitinib"), ("not_top", 3, "captem")),
    ),
    RankCase(
        "rank: an option with a relevant support ranks above silent options",
        lambda: make_case(site=P.PANCREAS, ki67=5, krenning=3),
        must=((LAN, "ssa.clarinet_population", "supports"),),
        ranks=(("above", LAN, "radiation_photon"), ("top", 3, LAN)),
    ),
    # ---------------------------------------------------------------- trial populations
    RankCase(
        "NETTER-2 fits: newly diagnosed SSTR+ small-intestine NET G3, Ki-67 30 %",
        _netter2,  # type: ignore[arg-type]
        must=((PRRT, "prrt.netter2_first_line", "supports"),),
        ranks=(("first", PRRT), ("above", PRRT, LAN)),
    ),
    RankCase(
        "NETTER-2: no first-line support after progression on an SSA",
        lambda: _netter2(
            site=P.PANCREAS,
            ki67=20,
            therapies=[_progressed(LAN, 5, 1)],
        ),
        must=((PRRT, "prrt.netter2_first_line", "against"),),
        must_not=((PRRT, "prrt.netter2_first_line", "supports"),),
    ),
    RankCase(
        "NETTER-2: no first-line support after CAPTEM",
        lambda: _netter2(site=P.PANCREAS, ki67=20, therapies=[_progressed("captem", 5, 1)]),
        must=((PRRT, "prrt.netter2_first_line", "against"),),
        must_not=((PRRT, "prrt.netter2_first_line", "supports"),),
    ),
    RankCase(
        "NETTER-2: no support at Krenning 1 (PRRT not applicable)",
        lambda: _netter2(krenning=1),
        must=((PRRT, "prrt.sstr_uptake", "against!"),),
        must_not=((PRRT, "prrt.netter2_first_line", "supports"),),
        ranks=(("folded", PRRT),),
    ),
    RankCase(
        "NETTER-2: no support at ECOG 4",
        lambda: _netter2(ecog_value=4),
        must=(),
        must_not=((PRRT, "prrt.netter2_first_line", "supports"),),
        ranks=(("first", BSC),),
    ),
    RankCase(
        "NETTER-2: diagnosed 3 years ago is not newly diagnosed",
        lambda: make_case(ki67=30, krenning=4),
        must=((PRRT, "prrt.netter2_first_line", "against"),),
        must_not=((PRRT, "prrt.netter2_first_line", "supports"),),
    ),
    RankCase(
        "NETTER-2: the population is not assessable without SSTR imaging",
        lambda: _netter2(krenning=None),
        must=(
            (PRRT, "prrt.netter2_first_line", "information"),
            ("readiness", "readiness.trial_criteria", "caution"),
        ),
        must_not=((PRRT, "prrt.netter2_first_line", "supports"),),
    ),
    RankCase(
        "RADIANT-3 / SUN-1111 / E2211 do not cover a pancreatic NEC",
        lambda: _nec(krenning=3),
        must=(
            ("everolimus", "everolimus.population", "against"),
            ("sunitinib", "sunitinib.population", "against"),
            ("everolimus", "targeted.well_differentiated", "against"),
        ),
        must_not=(("everolimus", "everolimus.population", "supports"),),
    ),
    RankCase(
        "RADIANT-3 fits a progressing pancreatic NET G2",
        lambda: make_case(
            site=P.PANCREAS,
            ki67=12,
            krenning=1,
            extra_imaging=[ct(months_ago(3), response=Response.PD)],
        ),
        must=(
            ("everolimus", "everolimus.population", "supports"),
            ("sunitinib", "sunitinib.population", "supports"),
            ("captem", "captem.population", "supports"),
        ),
    ),
    RankCase(
        "RADIANT-3 does not cover a stable pancreatic NET (no progression)",
        lambda: make_case(site=P.PANCREAS, ki67=8, krenning=3),
        must=(("everolimus", "everolimus.population", "against"),),
        must_not=(("everolimus", "everolimus.population", "supports"),),
    ),
    RankCase(
        "CLARINET FORTE after octreotide: support rests on an unverified allowance",
        _midgut_after_ssa,  # type: ignore[arg-type]
        must=((ESC, "ssa.escalation", "supports"),),
        ranks=(("unverified", ESC, "ssa.escalation"),),
    ),
    RankCase(
        "CLARINET FORTE: no support at Krenning 1",
        lambda: _midgut_after_ssa(krenning=1),
        must=((ESC, "ssa.escalation", "against"),),
        must_not=((ESC, "ssa.escalation", "supports"),),
    ),
    RankCase(
        "CLARINET: not the population of a patient progressing on an SSA",
        _midgut_after_ssa,  # type: ignore[arg-type]
        must=((LAN, "ssa.clarinet_population", "against"),),
        must_not=((LAN, "ssa.clarinet_population", "supports"),),
    ),
    RankCase(
        "PROMID: treatment-naive midgut NET fits; after lanreotide it does not",
        lambda: make_case(ki67=3, therapies=[course(LAN, months_ago(20), months_ago(8))]),
        must=((OCT, "ssa.promid_population", "against"),),
        must_not=((OCT, "ssa.promid_population", "supports"),),
    ),
    RankCase(
        "CABINET: after everolimus with progression; ECOG 3 puts it outside",
        lambda: make_case(
            site=P.PANCREAS,
            ki67=12,
            ecog_value=3,
            therapies=[_progressed("everolimus", 14, 1)],
        ),
        must=(("cabozantinib", "cabozantinib.prior_line", "against"),),
        must_not=(("cabozantinib", "cabozantinib.prior_line", "against!"),),
        ranks=(("open", "cabozantinib"),),
    ),
    RankCase(
        "CABINET fits after everolimus with progression at ECOG 1",
        lambda: make_case(site=P.PANCREAS, ki67=12, therapies=[_progressed("everolimus", 14, 1)]),
        must=(("cabozantinib", "cabozantinib.prior_line", "supports"),),
    ),
    # ---------------------------------------------------------------- site and syndrome
    RankCase(
        "appendix 25 mm after appendectomy: completion hemicolectomy supported",
        lambda: _appendectomy(25, 2),
        must=((PRIMARY, "site.completion_surgery", "supports"),),
        must_not=((PRIMARY, "surgery.localized", "against"),),
        ranks=(("above", PRIMARY, "surveillance"), ("first", PRIMARY)),
    ),
    RankCase(
        "appendix 15 mm G2 after appendectomy: completion discussed",
        lambda: _appendectomy(15, 5),
        must=((PRIMARY, "site.completion_surgery", "supports"),),
        ranks=(("open", PRIMARY),),
    ),
    RankCase(
        "appendix 12 mm G1 after appendectomy: no completion, resection not applicable now",
        lambda: _appendectomy(12, 1),
        must=((PRIMARY, "surgery.localized", "against!"),),
        must_not=((PRIMARY, "site.completion_surgery"),),
        ranks=(("folded", PRIMARY), ("above", "surveillance", PRIMARY)),
    ),
    RankCase(
        "rectal 15 mm after endoscopic resection: radical surgery discussed before surveillance",
        lambda: _rectal(15, 1),
        must=(
            (PRIMARY, "site.completion_surgery", "supports"),
            ("surveillance", "surveillance.after_resection", "information"),
        ),
        must_not=(("surveillance", "surveillance.after_resection", "supports"),),
        ranks=(("above", PRIMARY, "surveillance"),),
    ),
    RankCase(
        "rectal 6 mm G2 after endoscopic resection: grade G2 is a risk factor",
        lambda: _rectal(6, 5),
        must=((PRIMARY, "site.completion_surgery", "supports"),),
    ),
    RankCase(
        "rectal 6 mm G1 after endoscopic resection: no completion, no SSTR imaging asked",
        lambda: _rectal(6, 1),
        must=(),
        must_not=((PRIMARY, "site.completion_surgery"), ("readiness", "readiness.sstr_imaging")),
    ),
    RankCase(
        "rectal 6 mm G1 in place: SSTR imaging not asked in its work-up",
        lambda: _rectal(6, 1, resected=False),
        must=((PRIMARY, "local.rectal_size", "supports"),),
        must_not=(("readiness", "readiness.sstr_imaging"),),
    ),
    RankCase(
        "paraganglioma: sunitinib per FIRSTMAPPP, not blocked",
        lambda: make_case(
            site=P.PARAGANGLIOMA,
            histology=Histology.PPGL,
            ki67=None,
            krenning=3,
            metastatic_sites=("bone",),
            extra_imaging=[ct(months_ago(3), response=Response.PD)],
        ),
        must=(
            ("sunitinib", "sunitinib.population", "supports"),
            ("surgery_cytoreduction", "ppgl.procedure_preparation", "information"),
            ("readiness", "readiness.ppgl_metanephrines", "caution"),
        ),
        must_not=(("sunitinib", "sunitinib.population", "against!"),),
        ranks=(("open", "sunitinib"),),
    ),
    RankCase(
        "paraganglioma with metanephrines on record: no readiness gap for them",
        lambda: make_case(
            site=P.PARAGANGLIOMA,
            histology=Histology.PPGL,
            ki67=None,
            labs=[lab(months_ago(1), Analyte.METANEPHRINES, 3.2, "nmol/L")],
        ),
        must=(),
        must_not=(("readiness", "readiness.ppgl_metanephrines"),),
    ),
    RankCase(
        "insulinoma: SSA hypoglycemia caution; everolimus glycemic benefit",
        lambda: make_case(site=P.PANCREAS, functional=FunctionalSyndrome.INSULINOMA, ki67=8),
        must=(
            (LAN, "ssa.insulinoma", "caution"),
            (OCT, "ssa.insulinoma", "caution"),
            ("everolimus", "everolimus.insulinoma", "supports"),
        ),
    ),
    RankCase(
        "well-differentiated G3 NET is not NEC: platinum against, temozolomide supported",
        lambda: make_case(site=P.PANCREAS, ki67=30, krenning=3),
        must=(
            ("platinum_etoposide", "chemo.nec_first_line", "against"),
            ("captem", "captem.population", "supports"),
        ),
        must_not=(("platinum_etoposide", "chemo.nec_first_line", "supports"),),
    ),
    RankCase(
        "MEN1: genetics and other MEN1 organs said at case level",
        lambda: make_case(site=P.PANCREAS, hereditary=HereditarySyndrome.MEN1, ki67=3),
        must=(("case", "site.men1", "information"),),
    ),
    RankCase(
        "lung carcinoid graded on a biopsy: resection specimen decides",
        lambda: make_case(site=P.LUNG, ki67=None, mitoses=3),
        must=(("case", "site.lung_biopsy_grade", "information"),),
    ),
    RankCase(
        "rectal 6 mm G1 after endoscopic resection with an R1 margin: radical surgery discussed",
        lambda: make_case(
            site=P.RECTUM,
            primary_size_mm=6,
            ki67=None,
            krenning=None,
            metastatic_sites=(),
            therapies=[resection(months_ago(2), agent="Endoscopic resection")],
            extra_pathology=[_specimen(Margin.R1, Presence.ABSENT)],
        ),
        must=(
            (PRIMARY, "site.completion_surgery", "supports"),
            ("surveillance", "surveillance.after_resection", "information"),
        ),
        ranks=(("above", PRIMARY, "surveillance"),),
    ),
    RankCase(
        "rectal 6 mm G1 after endoscopic resection, R0, no LVI: surveillance, no completion",
        lambda: make_case(
            site=P.RECTUM,
            primary_size_mm=6,
            ki67=None,
            krenning=None,
            metastatic_sites=(),
            therapies=[resection(months_ago(2), agent="Endoscopic resection")],
            extra_pathology=[_specimen(Margin.R0, Presence.ABSENT)],
        ),
        must=(),
        must_not=((PRIMARY, "site.completion_surgery"),),
        ranks=(("folded", PRIMARY),),
    ),
    RankCase(
        "appendix 15 mm G1 after appendectomy with lymphovascular invasion: completion discussed",
        lambda: make_case(
            site=P.APPENDIX,
            primary_size_mm=15,
            ki67=None,
            krenning=None,
            metastatic_sites=(),
            therapies=[resection(months_ago(2), agent="Appendectomy")],
            extra_pathology=[_specimen(Margin.R0, Presence.PRESENT)],
        ),
        must=((PRIMARY, "site.completion_surgery", "supports"),),
        ranks=(("first", PRIMARY),),
    ),
    RankCase(
        "carcinoid syndrome controlled on an SSA: outside TELESTAR",
        lambda: make_case(
            functional=FunctionalSyndrome.CARCINOID_SYNDROME,
            symptom_control=SymptomControl.CONTROLLED,
            therapies=[course(OCT, months_ago(10))],
        ),
        must=(("telotristat", "telotristat.carcinoid_syndrome", "against"),),
        must_not=(("telotristat", "telotristat.carcinoid_syndrome", "supports"),),
    ),
    RankCase(
        "carcinoid syndrome uncontrolled on an SSA: the TELESTAR situation",
        lambda: make_case(
            functional=FunctionalSyndrome.CARCINOID_SYNDROME,
            symptom_control=SymptomControl.UNCONTROLLED,
            therapies=[course(OCT, months_ago(10))],
        ),
        must=(("telotristat", "telotristat.carcinoid_syndrome", "supports"),),
    ),
    # ---------------------------------------------------------------- before PRRT
    RankCase(
        "SSTR PET five years old: caution before PRRT (unverified interval)",
        lambda: _midgut_after_ssa(krenning_date=months_ago(60)),
        must=((PRRT, "prrt.sstr_age", "caution"),),
        ranks=(("unverified", PRRT, "prrt.sstr_age"),),
    ),
    RankCase(
        "SSTR PET two months old: no age caution",
        lambda: _midgut_after_ssa(krenning_date=months_ago(2)),
        must=(),
        must_not=((PRRT, "prrt.sstr_age"),),
    ),
    RankCase(
        "low kidney function: caution before PRRT, outside NETTER-1",
        lambda: _midgut_after_ssa(
            sex=Sex.MALE, labs=[lab(months_ago(1), Analyte.CREATININE, 2.6, "mg/dL")]
        ),
        must=((PRRT, "prrt.kidney", "caution"), (PRRT, "prrt.netter1_midgut", "against")),
    ),
    RankCase(
        "weight recorded: creatinine clearance by Cockcroft-Gault, low: outside NETTER-1",
        lambda: _midgut_after_ssa(
            sex=Sex.FEMALE,
            weight_kg=45,
            labs=[lab(months_ago(1), Analyte.CREATININE, 1.3, "mg/dL")],
        ),
        must=((PRRT, "prrt.kidney", "caution"), (PRRT, "prrt.netter1_midgut", "against")),
    ),
    RankCase(
        "normal kidney function: NETTER-1 fits in full",
        lambda: _midgut_after_ssa(
            sex=Sex.FEMALE, labs=[lab(months_ago(1), Analyte.CREATININE, 70, "µmol/L")]
        ),
        must=((PRRT, "prrt.netter1_midgut", "supports"),),
        must_not=((PRRT, "prrt.kidney"),),
    ),
    # ---------------------------------------------------------------- sequencing
    RankCase(
        "TARE weighed while PRRT is a likely later line",
        lambda: make_case(ki67=4, krenning=4),
        must=(("liver_radioembolization", "sequencing.liver_before_prrt", "caution"),),
    ),
    RankCase(
        "chemotherapy weighed while PRRT is a likely later line",
        lambda: make_case(site=P.PANCREAS, ki67=12, krenning=4),
        must=(("captem", "sequencing.chemo_before_prrt", "caution"),),
    ),
    RankCase(
        "NETTER-2 candidate: TACE / TARE / RFA now would leave that population",
        _netter2,  # type: ignore[arg-type]
        must=(
            ("liver_chemoembolization", "sequencing.netter2_naive", "caution"),
            ("ablation_rfa", "sequencing.netter2_naive", "caution"),
        ),
        must_not=(("liver_bland_embolization", "sequencing.netter2_naive"),),
    ),
    # ---------------------------------------------------------------- the running therapy
    RankCase(
        "in the middle of PRRT: continue / complete the planned course first",
        _mid_prrt,  # type: ignore[arg-type]
        must=(
            (PRRT, "current.continue", "supports"),
            (LAN, "current.other_running", "caution"),
        ),
        must_not=((PRRT, "prrt.netter1_midgut"), (PRRT, "prrt.prior_course")),
        ranks=(("first", PRRT),),
    ),
    RankCase(
        "running everolimus with progression on it: no continue support",
        lambda: make_case(
            site=P.PANCREAS,
            ki67=12,
            therapies=[course("everolimus", months_ago(10), None, best_response=Response.PD)],
            extra_imaging=[ct(months_ago(1), response=Response.PD)],
        ),
        must=(("everolimus", "history.progression", "against"),),
        must_not=(("everolimus", "current.continue", "supports"),),
    ),
    RankCase(
        "running lanreotide with stable disease: continue it; another SSA would replace it",
        lambda: make_case(
            ki67=3, therapies=[course(LAN, months_ago(14), None, best_response=Response.SD)]
        ),
        must=((LAN, "current.continue", "supports"), (OCT, "current.other_running", "caution")),
        must_not=(("everolimus", "current.other_running"),),
        ranks=(("first", LAN),),
    ),
    # ---------------------------------------------------------------- a list that reads well
    RankCase(
        "resected, on surveillance: surveillance first, advanced-disease options folded",
        lambda: make_case(
            site=P.STOMACH,
            ki67=4,
            krenning=None,
            metastatic_sites=(),
            tnm=("T2", "N0"),
            therapies=[resection(months_ago(8), agent="Partial gastrectomy")],
            extra_imaging=[sstr_pet(months_ago(10), 3)],
        ),
        must=(("surveillance", "surveillance.after_resection", "supports"),),
        ranks=(
            ("first", "surveillance"),
            ("folded", LAN),
            ("folded", PRRT),
            ("folded", "everolimus"),
            ("folded", PRIMARY),
            ("folded_at_least", 18),
        ),
    ),
)

assert TODAY  # the fixed 'today' these cases are built for
