"""Citation strings the rules carry, as the program's reference states them.

The reference is /work/shared/reference/net-clinical-facts.md (sections 1-4) and
tumor-board-practice.md; "§" numbers below point into the clinical facts reference.
"""

from __future__ import annotations

WHO_2019 = "WHO 2019 classification of GEP neoplasms (reference §1)"
LUNG_CRITERIA = "WHO lung NET criteria: typical / atypical carcinoid (reference §1)"
GRADE_DRIFT = (
    "Grillo, Neuroendocrinology 2016 (grade differs between sites); "
    "Byun, NANETS 2022 abstract (10 % became G3); reference §3"
)
KRENNING = "Krenning score (radiopaedia); reference §1"
FDG = "FDG PET avidity suggests more aggressive biology (reference §1, §3)"
RECIST = "RECIST 1.1 (Eisenhauer, Eur J Cancer 2009)"
ECOG = "ECOG performance status (Oken, Am J Clin Oncol 1982)"
CTCAE = "CTCAE adverse-event grades (reference §1)"
CARCINOID_HEART = "Carcinoid syndrome: 5-HIAA and echocardiography for carcinoid heart disease (§1)"
SYNDROMES = "Functional syndromes (reference §1)"
PPGL = "PPGL: metastatic potential, >= 30 % hereditary, SDHB (reference §1)"

READINESS = (
    "Missing information causes repeat discussion (PMC3817328); "
    "NHS MDT minimum dataset (tumor-board-practice reference)"
)
QUESTION = "NHS Streamlining MDT meetings: the clinical question in the minimum dataset"

PROMID = "PROMID (Rinke, J Clin Oncol 2009)"
CLARINET = "CLARINET (Caplin, N Engl J Med 2014)"
CLARINET_FORTE = "CLARINET FORTE (Pavel, Eur J Cancer 2021)"
SSA_KI67 = "SSA PFS by Ki-67 < 5 % vs >= 5 %: 89 vs 35 months (PMC4868704)"
SSA_CONTINUES = (
    "SSA may continue across later lines (reference §3; everolimus, cabozantinib, PRRT labels)"
)
SSA_SYNDROME = "SSA for carcinoid syndrome symptom control (octreotide and lanreotide labels)"
TELESTAR = "TELESTAR (Kulke, J Clin Oncol 2017)"

RADIANT_3 = "RADIANT-3 (Yao, N Engl J Med 2011)"
RADIANT_4 = "RADIANT-4 (Yao, Lancet 2016)"
RADIANT = "RADIANT-3 (Yao, N Engl J Med 2011); RADIANT-4 (Yao, Lancet 2016)"
SUNITINIB = "Sunitinib phase III in pancreatic NET (Raymond, N Engl J Med 2011)"
CABINET = "CABINET (Chan, N Engl J Med 2025)"
KEYNOTE_158 = "KEYNOTE-158 (Strosberg, Clin Cancer Res 2020)"

E2211 = "ECOG-ACRIN E2211 (Kunz, J Clin Oncol 2023)"
CAPTEM_ELIGIBILITY = (
    "CAPTEM: no prior temozolomide or capecitabine; MGMT deficiency and response (§2)"
)
NEC_FIRST_LINE = "Platinum-etoposide: standard first line for NEC (reference §2)"
NEC_SECOND_LINE = "NEC second line: FOLFIRI / FOLFOX, no standard (reference §2)"

NETTER_1 = "NETTER-1 (Strosberg, N Engl J Med 2017)"
NETTER_2 = "NETTER-2 (Singh, Lancet 2024)"
PRRT_LABEL = "177Lu-DOTATATE label: SSA washout, renal protection, blood counts (reference §2)"
NETTER_R = "NETTER-R registry: prior chemotherapy and shorter PFS after PRRT in pNET (reference §3)"
MARROW = "Bone marrow reserve before PRRT (reference §3); MDS / leukemia risk (reference §2)"
HEPATIC_RESERVE = "Hepatic reserve; radioembolization after PRRT (PMC6965040); reference §3"
PRRT_RETREATMENT = "PRRT retreatment (van der Zwan, 2019)"
MIBG = "I-131 MIBG (iobenguane) for MIBG-avid, unresectable PPGL (reference §2)"
MIBG_SUPPLY = "Azedra discontinuation (announced August 2023, last doses Q1 2024; reference §2)"

NANETS_SMALL_BOWEL = "NANETS small bowel NET guideline (Howe, Pancreas 2017)"
PROGRAM = "NET program practice: surgery considered first; without limiting future options"
DEBULKING = "Debulking when >= 70 % is removable (reference §2) [verify]"
MILAN_NET = "Milan-NET transplant criteria (Mazzaferro); reference §2"
LIVER_DIRECTED = "Liver-directed therapy for liver-dominant disease (reference §2)"
ABLATION = "Ablation of small metastases in liver, lung, bone; lesion <= ~3 cm (§2) [verify]"
ABLATION_TARGET = "Ablation treats small metastases in liver, lung and bone (reference §2)"
RADIATION = (
    "External radiation: bone metastases, lung NET, residual disease (§2) [verify specifics]"
)
PROTON_PGL = "Proton therapy for head-and-neck paraganglioma (Kang 2020)"
ENETS_RECTAL = "ENETS 2023 guidance: rectal NET size rules (reference §2)"
ENETS_APPENDIX = "ENETS 2023 guidance: appendiceal NET size rules (reference §2)"
ENETS_SMALL_PNET = "ENETS: surveillance of asymptomatic non-functioning pNET < 2 cm (reference §2)"
INSULINOMA = "Insulinoma: about 90 % under 2 cm, resection (reference §1)"
SURVEILLANCE = "Surveillance for small indolent disease (reference §2)"
FOLLOW_UP = (
    "Follow-up after resection (reference §4): resected pNET per Singh, JAMA Oncol 2018; "
    "rectal NET per ENETS 2023"
)
CHEMO_SPREAD = "NET program: chemotherapy for spread or aggressive NETs (program description)"
ADVANCED_TRIALS = (
    "Pivotal trials in advanced (metastatic or unresectable) disease: CLARINET, PROMID, "
    "CLARINET FORTE, RADIANT-3/4, sunitinib phase III, CABINET, E2211, NETTER-1/2, "
    "KEYNOTE-158, PRRT retreatment (van der Zwan 2019); reference §2"
)
TRIAL = "A clinical trial is always a considered option (reference §2)"
SUPPORTIVE = "NET program: nurse navigator, GI management of symptoms (program description)"
RETURNS = "Rechallenge of an option that controlled disease (reference §3)"
HISTORY = "This patient's therapy history (recorded courses)"

# Added with reference §5-7 (trial populations, evidence strength, site and syndrome points)
INSULINOMA_SSA = (
    "ENETS 2023 functioning pNET guidance (Hofland, J Neuroendocrinol 2023): SSAs and "
    "hypoglycemia in insulinoma"
)
INSULINOMA_EVEROLIMUS = "Everolimus in malignant insulinoma (Kulke, N Engl J Med 2009)"
FIRSTMAPPP = "FIRSTMAPPP (Baudin, Lancet 2024)"
SUN_1111 = "SUN-1111 (Raymond, N Engl J Med 2011)"
PPGL_PREP = (
    "Endocrine Society PPGL guideline (Lenders, J Clin Endocrinol Metab 2014): metanephrines "
    "and alpha-blockade before procedures"
)
SDHB_TEMOZOLOMIDE = "Temozolomide in SDHB-related PPGL (Hadoux, Int J Cancer 2014) [verify]"
NEC_LOCAL = (
    "ENETS 2023 digestive NEC guidance (Sorbye, J Neuroendocrinol 2023): surgery and "
    "liver-directed therapy in metastatic NEC [verify wording]"
)
G3_NET = "ENETS 2023 G3 NET / NEC guidance: well-differentiated G3 NET is not NEC (reference §7)"
APPENDIX_2023 = "ENETS 2023 appendiceal NET guidance (Kaltsas, J Neuroendocrinol 2023)"
RECTAL_2023 = "ENETS 2023 colorectal NET guidance (Rinke, J Neuroendocrinol 2023)"
KIDNEY_PRRT = (
    "NETTER-1: creatinine clearance >= 50 mL/min (reference §7); eGFR by CKD-EPI 2021 "
    "(Inker, N Engl J Med 2021)"
)
SSTR_AGE = "SSTR PET before PRRT: procedure guidelines, about 6 months [verify interval] (§7)"
PERFORMANCE = (
    "Performance status and pivotal trials (reference §7): ECOG 3-4, supportive care first"
)
CONTINUE = "Continuing the current therapy (reference §7); RECIST 1.1 progression"
SEQUENCING = "Sequencing without limiting future options (reference §3)"
MEN1 = "MEN1 guideline (Thakker, J Clin Endocrinol Metab 2012); ENETS 2023"
LUNG_CARCINOID = "ESMO lung and thymic carcinoids guideline (Baudin, Ann Oncol 2021)"
