"""The words of the demo's board records: rationales, recommendations, actions, preferences.

Rationales explain and cite (study, guideline, reference section); they never instruct. Action
items are written as the task recorded, not as an order. All of it is synthetic demo text.
"""

from __future__ import annotations

RATIONALE: dict[str, str] = {
    "surgery_primary_resection": (
        "Complete removal of the primary is possible; surgery is considered first in this "
        "program (net-clinical-facts.md, section 2; NANETS 2017)."),
    "surgery_cytoreduction": (
        "Most of the liver disease appears removable; debulking can ease hormone symptoms "
        "(threshold of about 70 % removable [verify])."),
    "surgery_liver_resection": "Limited liver disease that appears completely resectable.",
    "liver_transplant": (
        "Milan-NET criteria reviewed: portal-drained primary resected, liver-only disease, "
        "low grade."),
    "ablation_rfa": "Single small liver lesion (under 3 cm) suited to ablation.",
    "ablation_microwave": "Single small liver lesion (under 3 cm) suited to ablation.",
    "ablation_cryo": "Small lesion next to a structure at risk from heat-based ablation.",
    "radiation_photon": "Painful bone metastasis; short-course radiotherapy relieves pain.",
    "radiation_sbrt": "Single bone or lung lesion suited to stereotactic treatment.",
    "radiation_proton": (
        "Head-and-neck paraganglioma; proton therapy reported 97 % five-year recurrence-free "
        "control (Kang 2020)."),
    "liver_bland_embolization": (
        "Liver-dominant disease ({burden}); embolization treats the liver while keeping systemic "
        "options open."),
    "liver_chemoembolization": (
        "Liver-dominant disease ({burden}); chemoembolization treats the liver while keeping "
        "systemic options open."),
    "liver_radioembolization": (
        "Liver-dominant disease ({burden}); radioembolization treats the liver while keeping "
        "systemic options open."),
    "ssa_octreotide_lar": (
        "SSTR-positive (Krenning {krenning}), Ki-67 {ki67}: PROMID showed a longer time to "
        "progression with octreotide LAR (14.3 vs 6 months)."),
    "ssa_lanreotide": (
        "SSTR-positive (Krenning {krenning}), Ki-67 {ki67}: CLARINET showed longer "
        "progression-free survival with lanreotide (HR 0.47)."),
    "ssa_lanreotide_escalated": (
        "Progression on standard lanreotide; CLARINET FORTE reported a PFS of 5.6 (pancreatic) "
        "and 8.3 months (midgut) with 14-day dosing."),
    "telotristat": (
        "Carcinoid-syndrome diarrhea persists on SSA; TELESTAR showed 0.81 fewer bowel "
        "movements per day with telotristat."),
    "everolimus": (
        "RADIANT-3 and RADIANT-4: progression-free survival 11.0 months with everolimus in "
        "pancreatic and lung/GI non-functional NET."),
    "sunitinib": (
        "Well-differentiated pancreatic NET; the phase III trial showed PFS 11.4 vs 5.5 "
        "months."),
    "cabozantinib": (
        "After prior non-SSA systemic therapy; CABINET showed PFS 13.8 months (pancreatic) and "
        "8.5 months (extra-pancreatic)."),
    "captem": (
        "E2211 showed PFS 22.7 vs 14.4 months with capecitabine and temozolomide in pancreatic "
        "NET."),
    "platinum_etoposide": (
        "Poorly differentiated carcinoma (Ki-67 {ki67}); platinum with etoposide is the usual "
        "first line for NEC."),
    "folfox": "Second line after platinum-etoposide; no standard, FOLFOX and FOLFIRI reported.",
    "folfiri": "Second line after platinum-etoposide; no standard, FOLFIRI and FOLFOX reported.",
    "prrt_lu177_dotatate": (
        "Uptake above liver (Krenning {krenning}); NETTER-1 showed longer progression-free "
        "survival with 177Lu-DOTATATE (HR 0.21); NETTER-2 in first line for Ki-67 10-55 %."),
    "prrt_retreatment": (
        "First PRRT controlled disease for {months} months; retreatment gave a median PFS of "
        "14.6 months after a first PFS of at least 18 months (van der Zwan 2019)."),
    "mibg_i131": (
        "MIBG-avid metastatic PPGL. Availability: the commercial product was discontinued "
        "(last doses Q1 2024)."),
    "pembrolizumab": "KEYNOTE-158 reported an ORR of 3.7 % in well-differentiated NET.",
    "surveillance": (
        "Small, slowly growing disease without symptoms; interval imaging shows the pace before "
        "any change of therapy."),
    "clinical_trial": "Trial eligibility reviewed ({trial}).",
    "best_supportive_care": (
        "ECOG {ecog} after {lines} lines of therapy; symptom control and quality of life come "
        "first."),
}

AFTER_PRRT: dict[str, str] = {
    # option id -> the rationale when the patient has had PRRT before the discussion
    "liver_radioembolization": (
        "Liver-dominant disease ({burden}). Radioembolization after PRRT carries a rare risk of "
        "fatal liver injury (about 2 %, PMC6965040)."),
}

LOW_UPTAKE_SSA = (
    "Little somatostatin-receptor uptake (Krenning {krenning}), Ki-67 {ki67}: an SSA was chosen "
    "for its low toxicity in slow disease; PROMID and CLARINET enrolled mostly SSTR-positive "
    "patients, so the expected benefit here is less certain."
)
"""SSA rationale when uptake is below Krenning 2 (never 'SSTR-positive' then)."""

NOT_NOW: dict[str, str] = {
    "liver_radioembolization": (
        "Radioembolization after PRRT carries a rare risk of fatal liver injury (about 2 %, "
        "PMC6965040)."),
    "pembrolizumab": "KEYNOTE-158 reported an ORR of 3.7 % in well-differentiated NET.",
    "everolimus": "Daily tablets with stomatitis risk; kept for a later line.",
    "captem": "Prior chemotherapy was associated with shorter PFS after PRRT (NETTER-R).",
    "clinical_trial": "No open trial matched at the time of discussion.",
    "surgery_cytoreduction": "Less than about 70 % of the disease appears removable [verify].",
}

LATER = (
    "Kept for a later line: using the options in this order keeps more of them open "
    "(net-clinical-facts.md, section 3)."
)

RECOMMENDATION: dict[str, str] = {
    "surveillance": "Active surveillance with cross-sectional imaging in {weeks} weeks.",
    "best_supportive_care": "Best supportive care with the palliative care team.",
    "clinical_trial": "Referral for clinical trial {trial}.",
}
DEFAULT_RECOMMENDATION = "{name} ({details}); restaging in {weeks} weeks."
CONTINUE = "Continuation of {name}; restaging in {weeks} weeks."
AT_PROGRESSION = "; back to the board at progression or a change of symptoms."

ACTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    # option id -> (task, discipline value of the owner)
    "surgery_primary_resection": (("Surgical consultation booked", "surgery"),),
    "surgery_cytoreduction": (("Surgical consultation booked", "surgery"),),
    "surgery_liver_resection": (("Liver surgery consultation booked", "surgery"),),
    "prrt_lu177_dotatate": (("PRRT cycle 1 scheduled with amino-acid infusion", "nuclear_medicine"),
                            ("SSA pause before cycle 1 explained to the patient",
                             "nurse_navigator")),
    "prrt_retreatment": (("PRRT retreatment scheduled", "nuclear_medicine"),),
    "liver_bland_embolization": (("Embolization slot requested", "interventional_radiology"),),
    "liver_chemoembolization": (("TACE slot requested", "interventional_radiology"),),
    "liver_radioembolization": (("Mapping angiography requested", "interventional_radiology"),),
    "captem": (("Chemotherapy consent and first-cycle date", "medical_oncology"),),
    "platinum_etoposide": (("Chemotherapy consent and first-cycle date", "medical_oncology"),),
    "clinical_trial": (("Trial screening visit arranged", "medical_oncology"),),
    "radiation_photon": (("Radiation oncology consultation", "radiation_oncology"),),
    "radiation_sbrt": (("Radiation oncology consultation", "radiation_oncology"),),
    "ssa_lanreotide": (("Home injections arranged with the local clinic", "nurse_navigator"),),
    "ssa_octreotide_lar": (("Injection appointments booked", "nurse_navigator"),),
}
COMMON_ACTIONS = (
    ("Plan letter sent to the referring physician", "nurse_navigator"),
    ("Restaging CT ordered", "radiology"),
    ("Genetic counselling referral", "genetics"),
    ("Echocardiogram for carcinoid heart disease", "medical_oncology"),
    ("Re-biopsy of a liver lesion requested", "interventional_radiology"),
)

PREFERENCES = (
    "Prefers treatment closer to home ({home}).",
    "Wishes to avoid daily tablets if possible.",
    "Keen to keep working part-time during treatment.",
    "Concerned about hair loss; values time with family.",
    "Prefers monthly injections to hospital visits.",
)

BEFORE_SURGERY = "Would like a second opinion before surgery."
"""A preference that only fits a discussion that decides on surgery."""

GUIDELINES = (
    "ENETS 2023 guidance",
    "NCCN Neuroendocrine and Adrenal Tumors",
    "ESMO 2020 GEP-NEN guideline",
    "NANETS 2017 consensus",
)

DISSENT = (
    "Surgery favoured cytoreduction first.",
    "Nuclear medicine favoured PRRT at this point.",
    "One member favoured continuing the current line until clear progression.",
)
