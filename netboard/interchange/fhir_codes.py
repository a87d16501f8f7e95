"""Code systems, mCODE profiles and the NETboard extensions of the FHIR export and import.

Standard codes used here are the ones the mCODE example patient itself carries (LOINC for ECOG,
TNM categories and stage group, disease status; SNOMED CT for the radiotherapy course summary) and
the NCI Thesaurus code the tumor-board reference names for a tumor board review. NETboard's own
vocabularies travel in ``urn:netboard:*`` code systems: no SNOMED or LOINC code is guessed for a
site, histology or marker. Every resource also carries its NETboard record (``urn:netboard:record``)
so a NETboard → FHIR → NETboard round trip is exact; other systems may ignore that extension.
"""

from __future__ import annotations

MCODE = "http://hl7.org/fhir/us/mcode/StructureDefinition/"
PROFILE = {
    "patient": MCODE + "mcode-cancer-patient",
    "condition": MCODE + "mcode-primary-cancer-condition",
    "stage_group": MCODE + "mcode-tnm-stage-group",
    "t": MCODE + "mcode-tnm-primary-tumor-category",
    "n": MCODE + "mcode-tnm-regional-nodes-category",
    "m": MCODE + "mcode-tnm-distant-metastases-category",
    "marker": MCODE + "mcode-tumor-marker-test",
    "ecog": MCODE + "mcode-ecog-performance-status",
    "disease_status": MCODE + "mcode-cancer-disease-status",
    "medication": MCODE + "mcode-cancer-related-medication-request",
    "surgery": MCODE + "mcode-cancer-related-surgical-procedure",
    "radiotherapy": MCODE + "mcode-radiotherapy-course-summary",
}

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
NCIT = "http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl#"

ECOG_LOINC = "89247-1"
STAGE_LOINC = {"stage_group": "21908-9", "t": "21905-5", "n": "21906-3", "m": "21907-1"}
"""Clinical TNM (as in the mCODE example); the pathological ones below are read on import."""
STAGE_LOINC_PATHOLOGIC = {"t": "21899-0", "n": "21900-6", "m": "21901-4"}
DISEASE_STATUS_LOINC = "97509-4"
RADIOTHERAPY_SNOMED = "1217123003"
TUMOR_BOARD_NCIT = "C93304"
NEUTROPHILS_LOINC = "26499-4"

NB = "urn:netboard:"
RECORD_EXTENSION = NB + "record"
"""valueString: JSON {"kind": ..., "values": {...}} of the NETboard record behind the resource."""
MRN_SYSTEM = NB + "mrn"
SITE_SYSTEM = NB + "primary-site"
HISTOLOGY_SYSTEM = NB + "histology"
ANALYTE_SYSTEM = NB + "analyte"
GRADE_SYSTEM = NB + "grade"
RESPONSE_SYSTEM = NB + "recist-response"

MARKER_ANALYTES = ("chromogranin_a", "urine_5hiaa", "plasma_5hiaa", "nse")
SYSTEMIC_MODALITIES = ("somatostatin_analog", "targeted", "chemotherapy", "immunotherapy")

DISEASE_STATUS = {"cr": "improved", "pr": "improved", "sd": "stable", "pd": "worsened"}
"""RECIST response → mCODE disease status wording (NE: not evaluable → undetermined)."""

GENDER = {"female": "female", "male": "male", "other": "other", "unknown": "unknown"}

CHEMOTHERAPY_AGENTS = {
    "doxorubicin",
    "paclitaxel",
    "cyclophosphamide",
    "cisplatin",
    "carboplatin",
    "etoposide",
    "capecitabine",
    "temozolomide",
    "fluorouracil",
    "oxaliplatin",
    "irinotecan",
    "docetaxel",
    "streptozocin",
}
"""Agents an import from another system may name; mapped to chemotherapy (others: skipped)."""
