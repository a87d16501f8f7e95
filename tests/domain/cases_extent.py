"""Table cases about disease extent, follow-up after resection, returns to earlier options, and
what the demo spot-check found (class progression on SSAs, definitive radiation of the primary).

The builders are named so test_extent.py can check texts and ranking on the same cases. Dates are
relative to the fixed TODAY of the domain tests; all values are synthetic.
"""

from __future__ import annotations

from netboard.domain.snapshot import CaseSnapshot
from netboard.domain.vocab import (
    FunctionalSyndrome,
    Histology,
    Intent,
    PrimarySite,
    ReasonEnded,
    Response,
)
from tests.domain.table import TableCase
from tests.factories import course, ct, make_case, mibg_scan, months_ago, resection

P = PrimarySite
NED = "No evidence of recurrence."
SYSTEMIC = (
    "ssa_octreotide_lar",
    "ssa_lanreotide",
    "ssa_lanreotide_escalated",
    "everolimus",
    "sunitinib",
    "cabozantinib",
    "captem",
    "platinum_etoposide",
    "folfox",
    "folfiri",
    "prrt_lu177_dotatate",
    "prrt_retreatment",
    "pembrolizumab",
)
EXTENT = "extent.advanced_trials"


def resected_stomach_g2() -> CaseSnapshot:
    """Stomach NET G2 (Ki-67 6.5 %), T2 N0 M0, resected 61 months ago, on surveillance, NED."""
    return make_case(
        site=P.STOMACH,
        primary_size_mm=14,
        ki67=6.5,
        pathology_date=months_ago(61),
        krenning=3,
        krenning_date=months_ago(63),
        with_ct=False,
        metastatic_sites=(),
        staging_date=months_ago(62),
        tnm=("T2", "N0"),
        extra_imaging=[
            ct(months_ago(64), lesion_mm=14, finding="Primary tumor 14 mm; no metastases."),
            ct(months_ago(13), finding=NED),
            ct(months_ago(1), finding=NED),
        ],
        therapies=[
            resection(months_ago(61), "Endoscopic resection"),
            course("surveillance", months_ago(60)),
        ],
    )


def resected_small_intestine_g1() -> CaseSnapshot:
    """Ileal NET G1 (Ki-67 2 %), Krenning 3, T2 N1 M0, resected 30 months ago, NED."""
    return make_case(
        ki67=2,
        pathology_date=months_ago(30),
        krenning=3,
        krenning_date=months_ago(32),
        with_ct=False,
        metastatic_sites=(),
        staging_date=months_ago(31),
        tnm=("T2", "N1"),
        extra_imaging=[
            ct(months_ago(33), lesion_mm=12, finding="Ileal mass 12 mm."),
            ct(months_ago(2), finding=NED),
        ],
        therapies=[resection(months_ago(30), "Small bowel resection")],
    )


def metastatic_pancreas_g2() -> CaseSnapshot:
    """Pancreatic NET G2 resected 40 months ago (45 mm), now liver metastases (burden 20 %)."""
    return make_case(
        site=P.PANCREAS,
        ki67=8,
        krenning=3,
        with_ct=False,
        liver_burden=20,
        tnm=("T3", "N1"),
        extra_imaging=[
            ct(months_ago(42), lesion_mm=45, finding="Pancreatic tail mass 45 mm."),
            ct(months_ago(1), lesion_mm=18, finding="Liver metastases, largest 18 mm."),
        ],
        therapies=[resection(months_ago(40), "Distal pancreatectomy")],
    )


def carcinoid_without_metastases() -> CaseSnapshot:
    """Ileal NET G1 with carcinoid syndrome, M0, primary in place."""
    return make_case(
        ki67=2,
        functional=FunctionalSyndrome.CARCINOID_SYNDROME,
        metastatic_sites=(),
        tnm=("T2", "N1"),
    )


def prrt_durable() -> CaseSnapshot:
    """PRRT ended 24 months ago, stable disease, no progression since."""
    return make_case(
        therapies=[
            course(
                "prrt_lu177_dotatate",
                months_ago(30),
                months_ago(24),
                best_response=Response.SD,
                reason_ended=ReasonEnded.COMPLETED,
                cycles=4,
            )
        ]
    )


def prrt_progressed_soon() -> CaseSnapshot:
    """PRRT ended 6 months ago with stable disease; progression on CT 3 months after."""
    return make_case(
        therapies=[
            course(
                "prrt_lu177_dotatate",
                months_ago(12),
                months_ago(6),
                best_response=Response.SD,
                reason_ended=ReasonEnded.COMPLETED,
                cycles=4,
            )
        ],
        extra_imaging=[ct(months_ago(3), Response.PD, lesion_mm=22)],
    )


def _against_systemic() -> tuple[tuple[str, ...], ...]:
    return tuple((option, EXTENT, "against") for option in SYSTEMIC)


EXTENT_CASES: tuple[TableCase, ...] = (
    TableCase(
        "resected stomach NET G2 M0 on surveillance: no advanced disease",
        resected_stomach_g2,
        must=(
            *_against_systemic(),
            ("surveillance", "surveillance.after_resection", "supports"),
            ("ssa_lanreotide", "ssa.sstr_uptake", "information"),
            ("ssa_lanreotide", "ssa.clarinet_population", "against"),
            ("ablation_rfa", "ablation.metastatic_target", "against"),
            ("ablation_cryo", "ablation.metastatic_target", "against"),
            ("liver_chemoembolization", "liver.liver_dominant", "against!"),
            ("surgery_liver_resection", "surgery.liver_metastases", "against!"),
            ("surgery_cytoreduction", "surgery.cytoreduction", "against"),
            ("liver_transplant", "transplant.milan_net", "against!"),
        ),
        must_not=(
            ("ablation_rfa", "ablation.lesion_size"),
            ("ablation_microwave", "ablation.lesion_size"),
            ("ssa_lanreotide", "ssa.sstr_uptake", "supports"),
            ("ssa_lanreotide", "ssa.ki67_range", "supports"),
            ("prrt_lu177_dotatate", "prrt.sstr_uptake", "supports"),
            ("everolimus", "everolimus.population", "supports"),
            ("surveillance", "surveillance.indolent"),
            ("ssa_lanreotide", "ssa.hormone_syndrome"),
        ),
    ),
    TableCase(
        "resected small-intestine NET G1, Krenning 3, M0: no advanced disease",
        resected_small_intestine_g1,
        must=(
            ("ssa_octreotide_lar", EXTENT, "against"),
            ("ssa_lanreotide", EXTENT, "against"),
            ("prrt_lu177_dotatate", EXTENT, "against"),
            ("everolimus", EXTENT, "against"),
            ("surveillance", "surveillance.after_resection", "supports"),
            ("prrt_lu177_dotatate", "prrt.sstr_uptake", "information"),
            ("surgery_primary_resection", "surgery.localized", "against"),
        ),
        must_not=(
            ("ssa_octreotide_lar", "ssa.sstr_uptake", "supports"),
            ("prrt_lu177_dotatate", "prrt.sstr_uptake", "supports"),
            ("prrt_lu177_dotatate", "prrt.netter1_midgut", "supports"),
            ("surgery_primary_resection", "surgery.small_bowel_primary"),
            ("ablation_rfa", "ablation.lesion_size"),
            ("surveillance", "surveillance.indolent"),
        ),
    ),
    TableCase(
        "metastatic pancreatic NET G2, liver burden 20 %: advanced disease",
        metastatic_pancreas_g2,
        must=(
            ("ablation_rfa", "ablation.lesion_size", "supports"),
            ("ssa_lanreotide", "ssa.sstr_uptake", "supports"),
            ("ssa_lanreotide", "ssa.clarinet_population", "supports"),
            ("sunitinib", "sunitinib.population", "against"),
            ("prrt_lu177_dotatate", "prrt.sstr_uptake", "supports"),
            ("liver_chemoembolization", "liver.liver_dominant", "supports"),
        ),
        must_not=(
            ("sunitinib", "sunitinib.population", "against!"),
            *((option, EXTENT) for option in SYSTEMIC),
            ("ablation_rfa", "ablation.metastatic_target"),
            ("ablation_rfa", "ablation.lesion_size", "caution"),
            ("surveillance", "surveillance.after_resection"),
        ),
    ),
    TableCase(
        "carcinoid syndrome without metastases: SSA for symptoms, not tumor control",
        carcinoid_without_metastases,
        must=(
            ("ssa_lanreotide", "ssa.hormone_syndrome", "supports"),
            ("ssa_octreotide_lar", "ssa.hormone_syndrome", "supports"),
            ("ssa_lanreotide", EXTENT, "against"),
            ("ssa_lanreotide", "ssa.sstr_uptake", "information"),
            ("telotristat", "telotristat.carcinoid_syndrome", "caution"),
            ("surgery_primary_resection", "surgery.localized", "supports"),
        ),
        must_not=(
            ("ssa_lanreotide", "ssa.hormone_syndrome", "information"),
            ("ssa_lanreotide", "ssa.sstr_uptake", "supports"),
            ("surveillance", "surveillance.after_resection"),
            ("telotristat", EXTENT),
        ),
    ),
    TableCase(
        "PRRT 2 years without progression: return offered as PRRT retreatment",
        prrt_durable,
        must=(
            ("prrt_retreatment", "returns.earlier_course", "supports"),
            ("prrt_retreatment", "prrt_retreatment.first_pfs", "supports"),
            ("prrt_lu177_dotatate", "prrt.prior_course", "against"),
        ),
        must_not=(
            ("prrt_lu177_dotatate", "returns.earlier_course"),
            ("prrt_lu177_dotatate", "prrt.netter1_midgut"),
            ("prrt_retreatment", "prrt.prior_course"),
            ("prrt_retreatment", EXTENT),
        ),
    ),
    TableCase(
        "PRRT with progression 3 months after it ended: no return",
        prrt_progressed_soon,
        must=(("prrt_retreatment", "prrt_retreatment.first_pfs", "against"),),
        must_not=(
            ("prrt_lu177_dotatate", "returns.earlier_course"),
            ("prrt_retreatment", "returns.earlier_course"),
            ("prrt_retreatment", "prrt_retreatment.first_pfs", "supports"),
        ),
    ),
    TableCase(
        "lanreotide stopped by choice, progression 4 months later: not controlled, no return",
        lambda: make_case(
            ki67=3,
            therapies=[
                course(
                    "ssa_lanreotide",
                    months_ago(30),
                    months_ago(8),
                    best_response=Response.SD,
                    reason_ended=ReasonEnded.PATIENT_CHOICE,
                )
            ],
            extra_imaging=[ct(months_ago(4), Response.PD)],
        ),
        must=(("surveillance", "surveillance.indolent", "against"),),
        must_not=(("ssa_lanreotide", "returns.earlier_course"),),
    ),
    TableCase(
        "resected rectal NET 8 mm: no follow-up described",
        lambda: make_case(
            site=P.RECTUM,
            ki67=1,
            primary_size_mm=8,
            metastatic_sites=(),
            staging_date=months_ago(14),
            tnm=("T1", "N0"),
            therapies=[resection(months_ago(13), "Endoscopic resection")],
        ),
        must=(
            ("surveillance", "surveillance.after_resection", "information"),
            ("ssa_lanreotide", EXTENT, "against"),
            ("surgery_primary_resection", "local.rectal_size", "information"),
            ("surgery_primary_resection", "surgery.localized", "against"),
        ),
        must_not=(
            ("surveillance", "surveillance.after_resection", "supports"),
            ("surgery_primary_resection", "local.rectal_size", "supports"),
        ),
    ),
    TableCase(
        "resected VIPoma without evidence of disease: hormone support reads as history",
        lambda: make_case(
            site=P.PANCREAS,
            ki67=4,
            functional=FunctionalSyndrome.VIPOMA,
            metastatic_sites=(),
            staging_date=months_ago(50),
            therapies=[resection(months_ago(48), "Distal pancreatectomy")],
        ),
        must=(
            ("ssa_lanreotide", "ssa.hormone_syndrome", "information"),
            ("ssa_lanreotide", EXTENT, "against"),
            ("surveillance", "surveillance.after_resection", "supports"),
        ),
        must_not=(("ssa_lanreotide", "ssa.hormone_syndrome", "supports"),),
    ),
    TableCase(
        "resected paraganglioma without evidence of disease: no MIBG or proton support",
        lambda: make_case(
            site=P.PARAGANGLIOMA,
            histology=Histology.PPGL,
            ki67=None,
            metastatic_sites=(),
            staging_date=months_ago(20),
            therapies=[resection(months_ago(19), "Adrenalectomy")],
            extra_imaging=[mibg_scan(months_ago(21))],
        ),
        must=(
            ("mibg_i131", EXTENT, "against"),
            ("mibg_i131", "mibg.ppgl", "information"),
            ("mibg_i131", "mibg.avidity", "information"),
            ("radiation_proton", "radiation.proton_paraganglioma", "information"),
            ("surveillance", "surveillance.after_resection", "supports"),
        ),
        must_not=(
            ("mibg_i131", "mibg.ppgl", "supports"),
            ("radiation_proton", "radiation.proton_paraganglioma", "supports"),
        ),
    ),
    TableCase(
        "resected insulinoma: surveillance not spoken against",
        lambda: make_case(
            site=P.PANCREAS,
            ki67=2,
            primary_size_mm=12,
            functional=FunctionalSyndrome.INSULINOMA,
            metastatic_sites=(),
            staging_date=months_ago(8),
            therapies=[resection(months_ago(7), "Enucleation")],
        ),
        must=(
            ("surgery_primary_resection", "surgery.insulinoma", "information"),
            ("surveillance", "surveillance.after_resection", "supports"),
        ),
        must_not=(
            ("surveillance", "surgery.insulinoma"),
            ("surgery_primary_resection", "surgery.insulinoma", "supports"),
        ),
    ),
    TableCase(
        "resected pancreatic NET G1 N0 15 mm: yearly imaging, may need none",
        lambda: make_case(
            site=P.PANCREAS,
            ki67=1,
            primary_size_mm=15,
            metastatic_sites=(),
            staging_date=months_ago(20),
            tnm=("T1", "N0"),
            therapies=[resection(months_ago(18), "Distal pancreatectomy")],
        ),
        must=(
            ("surveillance", "surveillance.after_resection", "supports"),
            ("sunitinib", EXTENT, "against"),
            ("sunitinib", "sunitinib.population", "against"),
            ("captem", EXTENT, "against"),
        ),
        must_not=(
            ("sunitinib", "sunitinib.population", "supports"),
            ("surveillance", "local.small_pancreatic", "supports"),
        ),
    ),
    TableCase(
        "recurrence after resection, not restaged: extent unknown",
        lambda: make_case(
            ki67=4,
            metastatic_sites=(),
            staging_date=months_ago(40),
            therapies=[resection(months_ago(38))],
            extra_imaging=[ct(months_ago(2), Response.PD, lesion_mm=16)],
        ),
        must=(("ssa_lanreotide", "ssa.sstr_uptake", "supports"),),
        must_not=(
            ("ssa_lanreotide", EXTENT),
            ("surveillance", "surveillance.after_resection"),
            ("ablation_rfa", "ablation.lesion_size"),
        ),
    ),
    TableCase(
        "M0 but imaging calls the primary unresectable: advanced disease",
        lambda: make_case(
            site=P.PANCREAS,
            ki67=6,
            metastatic_sites=(),
            extra_imaging=[
                ct(months_ago(1), finding="Pancreatic head mass encasing the SMA; unresectable.")
            ],
        ),
        must=(
            ("ssa_lanreotide", "ssa.clarinet_population", "supports"),
            ("ssa_lanreotide", "ssa.sstr_uptake", "supports"),
        ),
        must_not=(
            ("sunitinib", EXTENT),
            ("surgery_primary_resection", "surgery.localized", "supports"),
        ),
    ),
    TableCase(
        "small-cell NEC resected, M0: platinum-etoposide cautioned, not against",
        lambda: make_case(
            site=P.LUNG,
            histology=Histology.NEC_SMALL_CELL,
            ki67=80,
            krenning=None,
            metastatic_sites=(),
            staging_date=months_ago(5),
            tnm=("T1", "N0"),
            therapies=[resection(months_ago(4), "Lobectomy")],
        ),
        must=(
            ("platinum_etoposide", EXTENT, "caution"),
            ("platinum_etoposide", "chemo.nec_first_line", "supports"),
            ("folfox", EXTENT, "against"),
            ("surveillance", "surveillance.after_resection", "supports"),
        ),
        must_not=(
            ("platinum_etoposide", EXTENT, "against"),
            ("surveillance", "surveillance.indolent"),
        ),
    ),
    TableCase(
        "large-cell NEC after resection and adjuvant platinum-etoposide: no second-line support",
        lambda: make_case(
            site=P.LUNG,
            histology=Histology.NEC_LARGE_CELL,
            ki67=70,
            krenning=None,
            metastatic_sites=(),
            staging_date=months_ago(12),
            tnm=("T2", "N1"),
            therapies=[
                resection(months_ago(11), "Lobectomy"),
                course(
                    "platinum_etoposide",
                    months_ago(10),
                    months_ago(7),
                    best_response=Response.CR,
                    reason_ended=ReasonEnded.COMPLETED,
                ),
            ],
        ),
        must=(
            ("folfox", "chemo.nec_second_line", "information"),
            ("folfox", EXTENT, "against"),
            ("platinum_etoposide", EXTENT, "caution"),
            ("surveillance", "surveillance.after_resection", "supports"),
        ),
        must_not=(
            ("folfox", "chemo.nec_second_line", "supports"),
            ("clinical_trial", "trial.always_considered", "supports"),
        ),
    ),
    TableCase(
        "progression on lanreotide: octreotide LAR is the same class",
        lambda: make_case(
            ki67=3,
            therapies=[
                course(
                    "ssa_lanreotide",
                    months_ago(30),
                    months_ago(3),
                    best_response=Response.SD,
                    reason_ended=ReasonEnded.PROGRESSION,
                )
            ],
        ),
        must=(
            ("ssa_octreotide_lar", "ssa.class_progression", "against"),
            ("ssa_lanreotide", "history.progression", "against"),
            ("ssa_lanreotide_escalated", "ssa.escalation", "supports"),
        ),
        must_not=(
            ("ssa_lanreotide", "ssa.class_progression"),
            ("ssa_lanreotide_escalated", "ssa.class_progression"),
        ),
    ),
    TableCase(
        "paraganglioma after curative proton therapy: surgery not put first",
        lambda: make_case(
            site=P.PARAGANGLIOMA,
            histology=Histology.PPGL,
            ki67=None,
            metastatic_sites=(),
            therapies=[
                course(
                    "radiation_proton",
                    months_ago(14),
                    months_ago(13),
                    intent=Intent.CURATIVE,
                    best_response=Response.SD,
                    reason_ended=ReasonEnded.COMPLETED,
                ),
                course("surveillance", months_ago(13)),
            ],
        ),
        must=(("surgery_primary_resection", "surgery.localized", "information"),),
        must_not=(
            ("surgery_primary_resection", "surgery.localized", "supports"),
            ("radiation_proton", "returns.earlier_course"),
        ),
    ),
)
