"""The therapy options the demo uses: catalog id, modality, agent wording, dose and schedule.

The ids are the fixed catalog ids of the shipped catalog.toml; the demo keeps its own small table
so that generating data never depends on loading the catalog (a test checks the two agree).
"""

from __future__ import annotations

from dataclasses import dataclass

from netboard.domain.vocab import Modality


@dataclass(frozen=True, slots=True)
class DemoOption:
    """How the demo writes one catalog option into a therapy course."""

    option_id: str
    modality: Modality
    agents: tuple[str, ...]
    dose: str = ""
    schedule: str = ""
    name: str = ""


_M = Modality

OPTIONS: dict[str, DemoOption] = {
    o.option_id: o
    for o in (
        DemoOption("surgery_primary_resection", _M.SURGERY, ("Primary resection",),
                   name="resection of the primary tumor"),
        DemoOption("surgery_cytoreduction", _M.SURGERY, ("Cytoreductive surgery",),
                   name="cytoreductive surgery"),
        DemoOption("surgery_liver_resection", _M.SURGERY, ("Liver resection",),
                   name="liver resection of metastases"),
        DemoOption("liver_transplant", _M.SURGERY, ("Liver transplantation",),
                   name="liver transplantation"),
        DemoOption("ablation_rfa", _M.ABLATION, ("Radiofrequency ablation",),
                   name="radiofrequency ablation"),
        DemoOption("ablation_microwave", _M.ABLATION, ("Microwave ablation",),
                   name="microwave ablation"),
        DemoOption("ablation_cryo", _M.ABLATION, ("Cryoablation",), name="cryoablation"),
        DemoOption("radiation_photon", _M.RADIATION, ("External beam radiotherapy",),
                   "20 Gy in 5 fractions", "daily, weekdays", "palliative radiotherapy"),
        DemoOption("radiation_sbrt", _M.RADIATION, ("SBRT",), "35 Gy in 5 fractions",
                   "every other day", "stereotactic radiotherapy"),
        DemoOption("radiation_proton", _M.RADIATION, ("Proton beam therapy",),
                   "50.4 Gy(RBE) in 28 fractions", "daily, weekdays", "proton beam therapy"),
        DemoOption("liver_bland_embolization", _M.LIVER_DIRECTED, ("Bland embolization",),
                   name="bland embolization"),
        DemoOption("liver_chemoembolization", _M.LIVER_DIRECTED, ("TACE",),
                   name="chemoembolization"),
        DemoOption("liver_radioembolization", _M.LIVER_DIRECTED, ("Y-90 radioembolization",),
                   name="radioembolization"),
        DemoOption("ssa_octreotide_lar", _M.SOMATOSTATIN_ANALOG, ("Octreotide LAR",),
                   "30 mg IM", "every 4 weeks", "octreotide LAR"),
        DemoOption("ssa_lanreotide", _M.SOMATOSTATIN_ANALOG, ("Lanreotide",),
                   "120 mg deep SC", "every 28 days", "lanreotide"),
        DemoOption("ssa_lanreotide_escalated", _M.SOMATOSTATIN_ANALOG,
                   ("Lanreotide escalated",), "120 mg deep SC", "every 14 days",
                   "escalated lanreotide"),
        DemoOption("telotristat", _M.SOMATOSTATIN_ANALOG, ("Telotristat ethyl",),
                   "250 mg PO", "three times daily with SSA", "telotristat ethyl"),
        DemoOption("everolimus", _M.TARGETED, ("Everolimus",), "10 mg PO", "daily",
                   "everolimus"),
        DemoOption("sunitinib", _M.TARGETED, ("Sunitinib",), "37.5 mg PO", "daily", "sunitinib"),
        DemoOption("cabozantinib", _M.TARGETED, ("Cabozantinib",), "60 mg PO", "daily",
                   "cabozantinib"),
        DemoOption("captem", _M.CHEMOTHERAPY, ("Capecitabine + temozolomide",),
                   "capecitabine 750 mg/m² twice daily d1-14, temozolomide 200 mg/m² d10-14",
                   "every 28 days", "CAPTEM"),
        DemoOption("platinum_etoposide", _M.CHEMOTHERAPY,
                   ("Cisplatin + etoposide", "Carboplatin + etoposide"),
                   "platinum d1, etoposide 100 mg/m² d1-3", "every 21 days",
                   "platinum with etoposide"),
        DemoOption("folfox", _M.CHEMOTHERAPY, ("FOLFOX",), "mFOLFOX6", "every 14 days", "FOLFOX"),
        DemoOption("folfiri", _M.CHEMOTHERAPY, ("FOLFIRI",), "FOLFIRI", "every 14 days",
                   "FOLFIRI"),
        DemoOption("prrt_lu177_dotatate", _M.NUCLEAR_MEDICINE, ("177Lu-DOTATATE",),
                   "7.4 GBq (200 mCi) IV per cycle", "every 8 weeks, 4 cycles",
                   "177Lu-DOTATATE PRRT"),
        DemoOption("prrt_retreatment", _M.NUCLEAR_MEDICINE, ("177Lu-DOTATATE retreatment",),
                   "7.4 GBq IV per cycle (14.8 GBq total)", "every 8 weeks, 2 cycles",
                   "PRRT retreatment"),
        DemoOption("mibg_i131", _M.NUCLEAR_MEDICINE, ("I-131 MIBG",),
                   "dosimetric dose, then 2 therapeutic doses", "90 days apart",
                   "I-131 MIBG therapy"),
        DemoOption("pembrolizumab", _M.IMMUNOTHERAPY, ("Pembrolizumab",), "200 mg IV",
                   "every 3 weeks", "pembrolizumab"),
        DemoOption("surveillance", _M.SURVEILLANCE, ("Surveillance",), "",
                   "imaging every 6-12 months", "active surveillance"),
        DemoOption("clinical_trial", _M.CLINICAL_TRIAL, ("Clinical trial",),
                   name="a clinical trial"),
        DemoOption("best_supportive_care", _M.SUPPORTIVE_CARE, ("Best supportive care",),
                   name="best supportive care"),
    )
}

OPTION_IDS: tuple[str, ...] = tuple(OPTIONS)
"""Every option id the demo may write (all of them exist in the catalog)."""

SSA_IDS = frozenset({"ssa_octreotide_lar", "ssa_lanreotide", "ssa_lanreotide_escalated"})
PRRT_IDS = frozenset({"prrt_lu177_dotatate", "prrt_retreatment"})
ADJUNCT_IDS = frozenset(
    {"telotristat", "radiation_photon", "radiation_sbrt", "ablation_microwave", "ablation_rfa",
     "ablation_cryo"}
)
"""Courses given alongside the main line (they do not end it)."""

TOXICITIES: dict[str, tuple[tuple[str, int, int], ...]] = {
    # option id -> (CTCAE term, lowest grade, highest grade)
    "ssa_octreotide_lar": (("Diarrhea", 1, 2), ("Cholelithiasis", 1, 2),
                           ("Injection site reaction", 1, 1)),
    "ssa_lanreotide": (("Diarrhea", 1, 2), ("Abdominal pain", 1, 2), ("Cholelithiasis", 1, 2)),
    "ssa_lanreotide_escalated": (("Diarrhea", 1, 2), ("Steatorrhea", 1, 2)),
    "telotristat": (("Nausea", 1, 2), ("Constipation", 1, 1)),
    "everolimus": (("Oral mucositis", 1, 3), ("Pneumonitis", 1, 3), ("Hyperglycemia", 1, 3),
                   ("Rash maculo-papular", 1, 2)),
    "sunitinib": (("Hypertension", 2, 3), ("Palmar-plantar erythrodysesthesia syndrome", 1, 3),
                  ("Fatigue", 1, 2)),
    "cabozantinib": (("Hypertension", 2, 3), ("Diarrhea", 1, 3), ("Fatigue", 1, 3)),
    "captem": (("Platelet count decreased", 1, 3), ("Nausea", 1, 2), ("Fatigue", 1, 2)),
    "platinum_etoposide": (("Neutrophil count decreased", 2, 4), ("Anemia", 1, 3),
                           ("Alopecia", 1, 2), ("Febrile neutropenia", 3, 3)),
    "folfiri": (("Diarrhea", 1, 3), ("Neutrophil count decreased", 1, 3)),
    "folfox": (("Peripheral sensory neuropathy", 1, 3), ("Neutrophil count decreased", 1, 3)),
    "prrt_lu177_dotatate": (("Platelet count decreased", 1, 3), ("Nausea", 1, 2),
                            ("Lymphocyte count decreased", 1, 3)),
    "prrt_retreatment": (("Platelet count decreased", 1, 3), ("Anemia", 1, 2)),
    "mibg_i131": (("Platelet count decreased", 1, 4), ("Nausea", 1, 2)),
    "liver_bland_embolization": (("Postembolization syndrome", 1, 2),),
    "liver_chemoembolization": (("Postembolization syndrome", 1, 3),),
    "liver_radioembolization": (("Fatigue", 1, 2), ("Blood bilirubin increased", 1, 3)),
    "pembrolizumab": (("Hypothyroidism", 1, 2), ("Colitis", 2, 3)),
    "radiation_photon": (("Fatigue", 1, 1),),
    "radiation_sbrt": (("Fatigue", 1, 1),),
}
