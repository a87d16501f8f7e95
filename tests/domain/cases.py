"""The table of synthetic cases: each with the signals that must and must not appear.

A signal is written ``(where, rule_id, direction)``: ``where`` is a catalog option id, "case" or
"readiness"; the direction is supports / against / caution / information, and "against!" means a
blocking 'against'. ``must_not`` entries may omit the direction (no signal of that rule at all).
Used by test_considerations_table.py and by the wording scan (every text these cases produce).
The cases about disease extent live in cases_extent.py and are part of CASES.
"""

from __future__ import annotations

from netboard.domain.vocab import (
    Analyte,
    Avidity,
    FunctionalSyndrome,
    HereditarySyndrome,
    Histology,
    PrimarySite,
    ReasonEnded,
    Response,
)
from tests.domain.cases_extent import EXTENT_CASES
from tests.domain.table import Expectation, TableCase
from tests.factories import (
    TODAY,
    course,
    ct,
    days_ago,
    fdg_pet,
    lab,
    make_case,
    mibg_scan,
    months_ago,
    pathology,
    toxicity,
)

__all__ = ["CASES", "Expectation", "TableCase"]

P = PrimarySite
SI = P.SMALL_INTESTINE


def _progressed(option: str, start: int, end: int) -> object:
    return course(
        option,
        months_ago(start),
        months_ago(end),
        best_response=Response.SD,
        reason_ended=ReasonEnded.PROGRESSION,
    )


_GENERAL: tuple[TableCase, ...] = (
    TableCase(
        "pancreatic G2 SSTR-positive, Ki-67 8 %, untreated and stable",
        lambda: make_case(site=P.PANCREAS, ki67=8, krenning=3),
        must=(
            ("sunitinib", "sunitinib.population", "against"),
            ("everolimus", "everolimus.population", "against"),
            ("captem", "captem.population", "against"),
            ("ssa_lanreotide", "ssa.clarinet_population", "supports"),
            ("ssa_lanreotide", "ssa.sstr_uptake", "supports"),
            ("prrt_lu177_dotatate", "prrt.sstr_uptake", "supports"),
            ("cabozantinib", "cabozantinib.prior_line", "against!"),
        ),
        must_not=(
            ("prrt_lu177_dotatate", "prrt.netter2_first_line"),
            ("sunitinib", "sunitinib.population", "supports"),
            ("sunitinib", "sunitinib.population", "against!"),
            ("readiness", "readiness.ki67"),
            ("readiness", "readiness.question"),
        ),
    ),
    TableCase(
        "midgut NET progressing on octreotide LAR",
        lambda: make_case(ki67=4, therapies=[_progressed("ssa_octreotide_lar", 30, 2)]),
        must=(
            ("prrt_lu177_dotatate", "prrt.netter1_midgut", "supports"),
            ("ssa_lanreotide_escalated", "ssa.escalation", "supports"),
            ("ssa_octreotide_lar", "history.progression", "against"),
            ("sunitinib", "sunitinib.population", "against!"),
            ("surveillance", "surveillance.indolent", "against"),
        ),
        must_not=(("ssa_lanreotide_escalated", "ssa.escalation", "against"),),
    ),
    TableCase(
        "small-intestine NET G3 (Ki-67 25 %), Krenning 4, newly diagnosed: NETTER-2 range",
        lambda: make_case(ki67=25, krenning=4, diagnosed=months_ago(3)),
        must=(
            ("prrt_lu177_dotatate", "prrt.netter2_first_line", "supports"),
            ("ssa_lanreotide", "ssa.ki67_range", "against"),
            ("platinum_etoposide", "chemo.nec_first_line", "against"),
            ("case", "grade.current", "information"),
        ),
        must_not=(("platinum_etoposide", "chemo.nec_first_line", "supports"),),
    ),
    TableCase(
        "pancreatic NET G3 with Ki-67 60 %: above NETTER-2",
        lambda: make_case(site=P.PANCREAS, ki67=60, krenning=3),
        must=(("prrt_lu177_dotatate", "prrt.netter2_first_line", "against"),),
        must_not=(("prrt_lu177_dotatate", "prrt.netter2_first_line", "supports"),),
    ),
    TableCase(
        "Krenning 1: PRRT blocked, SSA cautioned",
        lambda: make_case(krenning=1),
        must=(
            ("prrt_lu177_dotatate", "prrt.sstr_uptake", "against!"),
            ("prrt_retreatment", "prrt.sstr_uptake", "against!"),
            ("ssa_lanreotide", "ssa.sstr_uptake", "caution"),
        ),
        must_not=(("prrt_lu177_dotatate", "prrt.sstr_uptake", "supports"),),
    ),
    TableCase(
        "Krenning 2: PRRT cautioned (EU label: at least liver)",
        lambda: make_case(krenning=2),
        must=(
            ("prrt_lu177_dotatate", "prrt.sstr_uptake", "caution"),
            ("ssa_octreotide_lar", "ssa.sstr_uptake", "supports"),
        ),
        must_not=(("prrt_lu177_dotatate", "prrt.sstr_uptake", "against"),),
    ),
    TableCase(
        "no SSTR imaging on record",
        lambda: make_case(krenning=None),
        must=(
            ("readiness", "readiness.sstr_imaging", "caution"),
            ("prrt_lu177_dotatate", "prrt.sstr_uptake", "caution"),
        ),
        must_not=(("ssa_lanreotide", "ssa.sstr_uptake"),),
    ),
    TableCase(
        "ongoing lanreotide: SSA washout before PRRT, SSA continues with everolimus",
        lambda: make_case(therapies=[course("ssa_lanreotide", months_ago(14))]),
        must=(
            ("prrt_lu177_dotatate", "prrt.ssa_washout", "caution"),
            ("ssa_lanreotide", "history.current", "information"),
            ("everolimus", "ssa.continues", "information"),
            ("cabozantinib", "ssa.continues", "information"),
        ),
        must_not=(("returns", "returns.earlier_course"),),
    ),
    TableCase(
        "lung atypical carcinoid: sunitinib blocked, everolimus per RADIANT-4",
        lambda: make_case(
            site=P.LUNG,
            ki67=None,
            mitoses=4,
            metastatic_sites=("liver", "bone"),
            extra_imaging=[ct(months_ago(2), response=Response.PD)],
        ),
        must=(
            ("sunitinib", "sunitinib.population", "against!"),
            ("everolimus", "everolimus.population", "supports"),
            ("ssa_lanreotide", "ssa.clarinet_population", "against"),
            ("radiation_photon", "radiation.indications", "supports"),
            ("readiness", "readiness.ki67", "caution"),
        ),
        must_not=(("prrt_lu177_dotatate", "prrt.netter2_first_line"),),
    ),
    TableCase(
        "cabozantinib after everolimus progression",
        lambda: make_case(site=P.PANCREAS, ki67=12, therapies=[_progressed("everolimus", 20, 1)]),
        must=(
            ("cabozantinib", "cabozantinib.prior_line", "supports"),
            ("everolimus", "history.progression", "against"),
        ),
        must_not=(("cabozantinib", "cabozantinib.prior_line", "against"),),
    ),
    TableCase(
        "ECOG 3 after a prior line: cabozantinib against, supportive care supported",
        lambda: make_case(ecog_value=3, therapies=[_progressed("everolimus", 20, 1)]),
        must=(
            ("cabozantinib", "cabozantinib.prior_line", "against"),
            ("captem", "ecog.limits", "against"),
            ("ssa_lanreotide", "ecog.limits", "caution"),
            ("best_supportive_care", "supportive.performance", "supports"),
        ),
        must_not=(("cabozantinib", "cabozantinib.prior_line", "against!"),),
    ),
    TableCase(
        "ECOG 4: every tumor-directed option against",
        lambda: make_case(ecog_value=4),
        must=(
            ("captem", "ecog.limits", "against"),
            ("surgery_liver_resection", "ecog.limits", "against"),
            ("everolimus", "ecog.limits", "against"),
            ("ssa_lanreotide", "ecog.limits", "against"),
        ),
    ),
    TableCase(
        "pancreatic NET progressing on CAPTEM: CAPTEM again is blocked",
        lambda: make_case(site=P.PANCREAS, ki67=15, therapies=[_progressed("captem", 18, 3)]),
        must=(
            ("captem", "captem.prior_temozolomide", "against!"),
            ("prrt_lu177_dotatate", "prrt.prior_chemotherapy", "caution"),
            ("prrt_lu177_dotatate", "prrt.marrow", "caution"),
        ),
        must_not=(("captem", "returns.earlier_course"),),
    ),
    TableCase(
        "CAPTEM completed with PR, stopped by choice: a return candidate",
        lambda: make_case(
            site=P.PANCREAS,
            ki67=15,
            therapies=[
                course(
                    "captem",
                    months_ago(40),
                    months_ago(30),
                    best_response=Response.PR,
                    reason_ended=ReasonEnded.PATIENT_CHOICE,
                )
            ],
        ),
        must=(
            ("captem", "returns.earlier_course", "supports"),
            ("captem", "captem.prior_temozolomide", "against"),
        ),
        must_not=(("captem", "captem.prior_temozolomide", "against!"),),
    ),
    TableCase(
        "small-cell NEC of the lung, untreated",
        lambda: make_case(site=P.LUNG, histology=Histology.NEC_SMALL_CELL, ki67=80, krenning=None),
        must=(
            ("platinum_etoposide", "chemo.nec_first_line", "supports"),
            ("ssa_lanreotide", "ssa.ki67_range", "against"),
            ("everolimus", "targeted.well_differentiated", "against"),
            ("prrt_lu177_dotatate", "prrt.well_differentiated", "against"),
            ("surveillance", "surveillance.indolent", "against"),
            ("folfox", "chemo.nec_second_line", "information"),
        ),
        must_not=(
            ("pembrolizumab", "pembrolizumab.activity"),
            ("surveillance", "surveillance.indolent", "supports"),
        ),
    ),
    TableCase(
        "large-cell NEC of the colon after platinum-etoposide",
        lambda: make_case(
            site=P.COLON,
            histology=Histology.NEC_LARGE_CELL,
            ki67=70,
            therapies=[_progressed("platinum_etoposide", 8, 1)],
        ),
        must=(
            ("folfiri", "chemo.nec_second_line", "supports"),
            ("folfox", "chemo.nec_second_line", "supports"),
            ("clinical_trial", "trial.always_considered", "supports"),
            ("platinum_etoposide", "chemo.nec_first_line", "caution"),
            ("platinum_etoposide", "history.progression", "against"),
        ),
    ),
    TableCase(
        "metastatic paraganglioma, MIBG-avid",
        lambda: make_case(
            site=P.PARAGANGLIOMA,
            histology=Histology.PPGL,
            ki67=3,
            krenning=2,
            hereditary=HereditarySyndrome.SDHX,
            extra_imaging=[mibg_scan(months_ago(1))],
            metastatic_sites=("bone",),
        ),
        must=(
            ("mibg_i131", "mibg.ppgl", "supports"),
            ("mibg_i131", "mibg.avidity", "supports"),
            ("mibg_i131", "mibg.availability", "caution"),
            ("case", "ppgl.features", "information"),
            ("radiation_proton", "radiation.proton_paraganglioma", "supports"),
            ("surgery_liver_resection", "surgery.liver_metastases", "against!"),
        ),
    ),
    TableCase(
        "paraganglioma with a negative MIBG scan and low platelets",
        lambda: make_case(
            site=P.PARAGANGLIOMA,
            histology=Histology.PPGL,
            extra_imaging=[mibg_scan(months_ago(1), Avidity.NEGATIVE)],
            labs=[lab(days_ago(10), Analyte.PLATELETS, 60, "10^9/L")],
        ),
        must=(
            ("mibg_i131", "mibg.avidity", "against!"),
            ("mibg_i131", "mibg.blood_counts", "against"),
            ("prrt_lu177_dotatate", "prrt.organ_function", "information"),
        ),
    ),
    TableCase(
        "midgut NET after PRRT: radioembolization cautioned",
        lambda: make_case(
            therapies=[
                course(
                    "prrt_lu177_dotatate",
                    months_ago(20),
                    months_ago(14),
                    best_response=Response.SD,
                    reason_ended=ReasonEnded.COMPLETED,
                )
            ],
            extra_imaging=[ct(months_ago(4), Response.PD)],
        ),
        must=(
            ("liver_radioembolization", "liver.tare_after_prrt", "caution"),
            ("prrt_retreatment", "prrt_retreatment.first_pfs", "against"),
        ),
        # 10 months without progression after PRRT: neither a plain second PRRT nor a
        # retreatment (studied after a first PFS of at least 18 months) is a return.
        must_not=(
            ("prrt_retreatment", "prrt_retreatment.first_pfs", "supports"),
            ("prrt_retreatment", "returns.earlier_course"),
            ("prrt_lu177_dotatate", "returns.earlier_course"),
        ),
    ),
    TableCase(
        "pancreatic NET after TARE: liver reserve weighed with PRRT, NETTER-2 note",
        lambda: make_case(
            site=P.PANCREAS,
            ki67=14,
            diagnosed=months_ago(5),
            therapies=[course("liver_radioembolization", months_ago(3), months_ago(3))],
        ),
        must=(
            ("prrt_lu177_dotatate", "prrt.liver_reserve", "caution"),
            ("prrt_lu177_dotatate", "prrt.netter2_first_line", "supports"),
            ("prrt_lu177_dotatate", "prrt.netter2_first_line", "information"),
        ),
    ),
    TableCase(
        "PRRT 30 months ago with durable control: retreatment supported",
        lambda: make_case(
            therapies=[
                course(
                    "prrt_lu177_dotatate",
                    months_ago(36),
                    months_ago(30),
                    best_response=Response.PR,
                    reason_ended=ReasonEnded.COMPLETED,
                    cycles=4,
                )
            ],
            extra_imaging=[ct(months_ago(3), Response.PD)],
        ),
        must=(
            ("prrt_retreatment", "prrt_retreatment.first_pfs", "supports"),
            ("prrt_retreatment", "returns.earlier_course", "supports"),
            ("prrt_retreatment", "prrt.sstr_uptake", "supports"),
        ),
        must_not=(("prrt_retreatment", "prrt_retreatment.first_pfs", "against"),),
    ),
    TableCase(
        "carcinoid syndrome on octreotide: telotristat supported",
        lambda: make_case(
            functional=FunctionalSyndrome.CARCINOID_SYNDROME,
            therapies=[course("ssa_octreotide_lar", months_ago(10))],
            labs=[lab(days_ago(20), Analyte.URINE_5HIAA, 95, "mg/24 h")],
        ),
        must=(
            ("telotristat", "telotristat.carcinoid_syndrome", "supports"),
            ("case", "syndrome.carcinoid", "information"),
            ("everolimus", "everolimus.population", "against"),
            ("ssa_lanreotide", "ssa.hormone_syndrome", "supports"),
        ),
        must_not=(("telotristat", "telotristat.carcinoid_syndrome", "against"),),
    ),
    TableCase(
        "no hormone syndrome: telotristat blocked",
        lambda: make_case(),
        must=(("telotristat", "telotristat.carcinoid_syndrome", "against!"),),
        must_not=(("case", "syndrome.carcinoid"), ("readiness", "readiness.ecog")),
    ),
    TableCase(
        "rectal NET 8 mm without metastases",
        lambda: make_case(site=P.RECTUM, ki67=1, primary_size_mm=8, metastatic_sites=()),
        must=(
            ("surgery_primary_resection", "local.rectal_size", "supports"),
            ("surgery_primary_resection", "surgery.localized", "supports"),
            ("liver_bland_embolization", "liver.liver_dominant", "against!"),
            ("surveillance", "surveillance.indolent", "supports"),
        ),
        must_not=(("surgery_cytoreduction", "surgery.cytoreduction", "information"),),
    ),
    TableCase(
        "rectal NET 15 mm: extent by risk factors",
        lambda: make_case(site=P.RECTUM, ki67=2, primary_size_mm=15, metastatic_sites=()),
        must=(("surgery_primary_resection", "local.rectal_size", "information"),),
        must_not=(("surgery_primary_resection", "local.rectal_size", "supports"),),
    ),
    TableCase(
        "appendiceal NET 25 mm: right hemicolectomy",
        lambda: make_case(site=P.APPENDIX, ki67=2, primary_size_mm=25, metastatic_sites=()),
        must=(("surgery_primary_resection", "local.appendiceal_size", "supports"),),
    ),
    TableCase(
        "appendiceal NET 12 mm G1: appendectomy may suffice",
        lambda: make_case(site=P.APPENDIX, ki67=1, primary_size_mm=12, metastatic_sites=()),
        must=(("surgery_primary_resection", "local.appendiceal_size", "information"),),
        must_not=(("surgery_primary_resection", "local.appendiceal_size", "supports"),),
    ),
    TableCase(
        "non-functioning pancreatic NET 14 mm, localized: surveillance",
        lambda: make_case(site=P.PANCREAS, ki67=1, primary_size_mm=14, metastatic_sites=()),
        must=(
            ("surveillance", "local.small_pancreatic", "supports"),
            ("surveillance", "surveillance.indolent", "supports"),
        ),
        must_not=(("sunitinib", "sunitinib.population", "supports"),),
    ),
    TableCase(
        "insulinoma 12 mm: resection, not surveillance",
        lambda: make_case(
            site=P.PANCREAS,
            ki67=2,
            primary_size_mm=12,
            metastatic_sites=(),
            functional=FunctionalSyndrome.INSULINOMA,
        ),
        must=(
            ("surgery_primary_resection", "surgery.insulinoma", "supports"),
            ("surveillance", "surgery.insulinoma", "against"),
        ),
        must_not=(("surveillance", "local.small_pancreatic", "supports"),),
    ),
    TableCase(
        "grade drift G1 to G3 between ileal primary and liver metastasis",
        lambda: make_case(
            ki67=24,
            extra_pathology=[pathology(months_ago(40), 2, specimen_site="ileum")],
        ),
        must=(("case", "grade.drift", "caution"),),
    ),
    TableCase(
        "lower grade on a later specimen is not drift",
        lambda: make_case(
            ki67=2,
            extra_pathology=[pathology(months_ago(40), 10, specimen_site="ileum")],
        ),
        must=(("case", "grade.current", "information"),),
        must_not=(("case", "grade.drift"),),
    ),
    TableCase(
        "bare referral: everything missing",
        lambda: make_case(
            ki67=None,
            krenning=None,
            ecog_value=None,
            metastatic_sites=None,
            question=None,
            with_ct=False,
        ),
        must=(
            ("readiness", "readiness.ki67", "caution"),
            ("readiness", "readiness.sstr_imaging", "caution"),
            ("readiness", "readiness.imaging_age", "caution"),
            ("readiness", "readiness.ecog", "caution"),
            ("readiness", "readiness.staging", "caution"),
            ("readiness", "readiness.question", "caution"),
        ),
        must_not=(("readiness", "readiness.tumor"),),
    ),
    TableCase(
        "no tumor on record",
        lambda: make_case(site=None, ki67=None),
        must=(
            ("readiness", "readiness.tumor", "caution"),
            ("sunitinib", "sunitinib.population", "caution"),
        ),
    ),
    TableCase(
        "imaging 5 months old",
        lambda: make_case(krenning_date=months_ago(6), ct_date=months_ago(5)),
        must=(("readiness", "readiness.imaging_age", "caution"),),
        must_not=(("readiness", "readiness.sstr_imaging"),),
    ),
    TableCase(
        "liver-only, low-grade, resected primary, stable: within Milan-NET",
        lambda: make_case(
            ki67=4,
            liver_burden=30,
            therapies=[course("surgery_primary_resection", months_ago(24), months_ago(24))],
        ),
        must=(
            ("liver_transplant", "transplant.milan_net", "supports"),
            ("surgery_primary_resection", "surgery.localized", "against"),
            ("ssa_octreotide_lar", "ssa.trial_population", "caution"),
        ),
        must_not=(
            ("liver_transplant", "transplant.milan_net", "against"),
            ("surgery_primary_resection", "returns.earlier_course"),
        ),
    ),
    TableCase(
        "extrahepatic disease: outside Milan-NET; liver-directed cautioned",
        lambda: make_case(ki67=4, liver_burden=8, metastatic_sites=("liver", "bone", "lung")),
        must=(
            ("liver_transplant", "transplant.milan_net", "against"),
            ("liver_chemoembolization", "liver.liver_dominant", "caution"),
            ("ssa_octreotide_lar", "ssa.trial_population", "information"),
            ("ssa_octreotide_lar", "ssa.promid_population", "supports"),
            ("radiation_sbrt", "radiation.indications", "supports"),
        ),
    ),
    TableCase(
        "FDG-avid disease with recent progression",
        lambda: make_case(
            ki67=15,
            extra_imaging=[fdg_pet(months_ago(1)), ct(months_ago(2), Response.PD)],
        ),
        must=(("case", "imaging.fdg_avid", "caution"),),
    ),
    TableCase(
        "duodenal gastrinoma with MEN1",
        lambda: make_case(
            site=P.DUODENUM,
            ki67=3,
            functional=FunctionalSyndrome.GASTRINOMA,
            hereditary=HereditarySyndrome.MEN1,
        ),
        must=(
            ("case", "syndrome.gastrinoma", "information"),
            ("ssa_lanreotide", "ssa.hormone_syndrome", "supports"),
            ("ssa_lanreotide", "ssa.clarinet_population", "supports"),
        ),
    ),
    TableCase(
        "small liver lesion 25 mm: ablation (unverified size rule)",
        lambda: make_case(ki67=3, extra_imaging=[ct(months_ago(1), lesion_mm=25)]),
        must=(("ablation_rfa", "ablation.lesion_size", "supports"),),
    ),
    TableCase(
        "large liver lesion 45 mm: ablation cautioned",
        lambda: make_case(ki67=3, extra_imaging=[ct(months_ago(1), lesion_mm=45)]),
        must=(("ablation_microwave", "ablation.lesion_size", "caution"),),
        must_not=(("ablation_microwave", "ablation.lesion_size", "supports"),),
    ),
    TableCase(
        "everolimus stopped for grade 3 stomatitis",
        lambda: make_case(
            site=P.STOMACH,
            ki67=6,
            therapies=[
                course(
                    "everolimus",
                    months_ago(12),
                    months_ago(9),
                    best_response=Response.SD,
                    reason_ended=ReasonEnded.TOXICITY,
                    toxicities=[toxicity("stomatitis", 3)],
                )
            ],
        ),
        must=(("everolimus", "history.toxicity", "against"),),
        must_not=(("everolimus", "returns.earlier_course"),),
    ),
    TableCase(
        "lanreotide stopped after years of stable disease: return candidate",
        lambda: make_case(
            site=P.UNKNOWN_PRIMARY,
            ki67=2,
            therapies=[
                course(
                    "ssa_lanreotide",
                    months_ago(60),
                    months_ago(20),
                    best_response=Response.SD,
                    reason_ended=ReasonEnded.OTHER,
                )
            ],
        ),
        must=(
            ("ssa_lanreotide", "returns.earlier_course", "supports"),
            ("ssa_lanreotide", "ssa.clarinet_population", "supports"),
            ("ssa_lanreotide_escalated", "ssa.escalation", "against"),
        ),
    ),
    TableCase(
        "lung NET: PROMID liver burden does not apply; a death ends the history",
        lambda: make_case(
            site=P.LUNG,
            mitoses=1,
            liver_burden=40,
            therapies=[
                course(
                    "best_supportive_care",
                    months_ago(6),
                    months_ago(1),
                    reason_ended=ReasonEnded.DEATH,
                )
            ],
        ),
        must=(("case", "patient.status", "caution"),),
        must_not=(
            ("ssa_octreotide_lar", "ssa.trial_population"),
            ("best_supportive_care", "returns.earlier_course"),
        ),
    ),
    TableCase(
        "thymic NET with a planned course",
        lambda: make_case(
            site=P.THYMUS,
            ki67=None,
            mitoses=3,
            therapies=[course("everolimus", TODAY.replace(day=20))],
        ),
        must=(
            ("everolimus", "history.current", "information"),
            ("ssa_lanreotide", "ssa.clarinet_population", "against"),
            ("case", "grade.current", "information"),
        ),
        must_not=(("cabozantinib", "cabozantinib.prior_line", "supports"),),
    ),
)

CASES: tuple[TableCase, ...] = (*_GENERAL, *EXTENT_CASES)
