"""The shared vocabulary: every enumeration NETboard stores, shows and prints.

Values are readable lower-case strings (they are what the database stores and what an export
contains); ``label`` gives the wording a clinician reads on screen and on paper.
"""

from __future__ import annotations

from enum import StrEnum


class Vocab(StrEnum):
    """A StrEnum whose members carry a display label (the value with a readable form)."""

    @property
    def label(self) -> str:
        return _LABELS.get(self, self.value.replace("_", " ").capitalize())

    @classmethod
    def parse(cls, text: str, field: str) -> Vocab:
        """The member for ``text`` (its value or label, any case); ValueError names the field."""
        wanted = text.strip().lower()
        for member in cls:
            if wanted in (member.value, member.label.lower()):
                return member
        allowed = ", ".join(m.value for m in cls)
        raise ValueError(f"{field}: '{text}' is not one of {allowed}")


class Sex(Vocab):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"


class PatientStatus(Vocab):
    ACTIVE = "active"
    FOLLOW_UP = "follow_up"
    TRANSFERRED = "transferred"
    DECEASED = "deceased"


class PrimarySite(Vocab):
    PANCREAS = "pancreas"
    SMALL_INTESTINE = "small_intestine"
    DUODENUM = "duodenum"
    STOMACH = "stomach"
    APPENDIX = "appendix"
    COLON = "colon"
    RECTUM = "rectum"
    LUNG = "lung"
    THYMUS = "thymus"
    UNKNOWN_PRIMARY = "unknown_primary"
    PARAGANGLIOMA = "paraganglioma"
    OTHER = "other"


GEP_SITES = frozenset(
    {
        PrimarySite.PANCREAS,
        PrimarySite.SMALL_INTESTINE,
        PrimarySite.DUODENUM,
        PrimarySite.STOMACH,
        PrimarySite.APPENDIX,
        PrimarySite.COLON,
        PrimarySite.RECTUM,
    }
)
"""Gastroenteropancreatic primary sites (the WHO GEP grading table applies)."""


class Histology(Vocab):
    NET = "net"
    NEC_SMALL_CELL = "nec_small_cell"
    NEC_LARGE_CELL = "nec_large_cell"
    MINEN = "minen"
    PPGL = "ppgl"


class Differentiation(Vocab):
    WELL = "well"
    POOR = "poor"
    MIXED = "mixed"


class Grade(Vocab):
    """WHO grade category; lung carcinoids use typical/atypical instead of G1/G2."""

    G1 = "g1"
    G2 = "g2"
    G3 = "g3"
    NEC = "nec"
    TYPICAL_CARCINOID = "typical_carcinoid"
    ATYPICAL_CARCINOID = "atypical_carcinoid"
    UNKNOWN = "unknown"


GRADE_RANK: dict[Grade, int] = {
    Grade.G1: 1,
    Grade.TYPICAL_CARCINOID: 1,
    Grade.G2: 2,
    Grade.ATYPICAL_CARCINOID: 2,
    Grade.G3: 3,
    Grade.NEC: 4,
    Grade.UNKNOWN: 0,
}
"""Order of aggressiveness used for grade drift (a higher rank is a rise)."""


class Margin(Vocab):
    """Resection margin (R classification)."""

    R0 = "r0"
    R1 = "r1"
    R2 = "r2"
    RX = "rx"


class Presence(Vocab):
    """A finding present or absent (None: not stated)."""

    PRESENT = "present"
    ABSENT = "absent"


class SymptomControl(Vocab):
    """Symptoms of a functional syndrome: controlled or not (None: not stated)."""

    CONTROLLED = "controlled"
    UNCONTROLLED = "uncontrolled"


class FunctionalSyndrome(Vocab):
    NONE = "none"
    CARCINOID_SYNDROME = "carcinoid_syndrome"
    INSULINOMA = "insulinoma"
    GASTRINOMA = "gastrinoma"
    VIPOMA = "vipoma"
    GLUCAGONOMA = "glucagonoma"
    CATECHOLAMINE_EXCESS = "catecholamine_excess"
    OTHER = "other"


class HereditarySyndrome(Vocab):
    NONE = "none"
    MEN1 = "men1"
    VHL = "vhl"
    NF1 = "nf1"
    SDHX = "sdhx"
    OTHER = "other"


class ImagingModality(Vocab):
    CT = "ct"
    MRI = "mri"
    SSTR_PET = "sstr_pet"
    FDG_PET = "fdg_pet"
    MIBG_SCAN = "mibg_scan"
    ULTRASOUND = "ultrasound"
    ENDOSCOPIC_ULTRASOUND = "endoscopic_ultrasound"
    OTHER = "other"


class Avidity(Vocab):
    POSITIVE = "positive"
    NEGATIVE = "negative"
    EQUIVOCAL = "equivocal"


class Response(Vocab):
    """RECIST 1.1 response categories (NE: not evaluable)."""

    CR = "cr"
    PR = "pr"
    SD = "sd"
    PD = "pd"
    NE = "ne"


class Analyte(Vocab):
    CHROMOGRANIN_A = "chromogranin_a"
    URINE_5HIAA = "urine_5hiaa"
    PLASMA_5HIAA = "plasma_5hiaa"
    NSE = "nse"
    GASTRIN = "gastrin"
    INSULIN = "insulin"
    METANEPHRINES = "metanephrines"
    CREATININE = "creatinine"
    PLATELETS = "platelets"
    NEUTROPHILS = "neutrophils"
    BILIRUBIN = "bilirubin"
    OTHER = "other"


class Modality(Vocab):
    """Therapy modality; also the timeline lane a course is drawn in."""

    SURGERY = "surgery"
    ABLATION = "ablation"
    RADIATION = "radiation"
    LIVER_DIRECTED = "liver_directed"
    SOMATOSTATIN_ANALOG = "somatostatin_analog"
    TARGETED = "targeted"
    CHEMOTHERAPY = "chemotherapy"
    NUCLEAR_MEDICINE = "nuclear_medicine"
    IMMUNOTHERAPY = "immunotherapy"
    CLINICAL_TRIAL = "clinical_trial"
    SURVEILLANCE = "surveillance"
    SUPPORTIVE_CARE = "supportive_care"


class OptionGroup(Vocab):
    """How clinicians group the catalog: local, systemic, other."""

    LOCALIZED = "localized"
    SYSTEMIC = "systemic"
    OTHER = "other"


class Intent(Vocab):
    CURATIVE = "curative"
    ADJUVANT = "adjuvant"
    NEOADJUVANT = "neoadjuvant"
    PALLIATIVE = "palliative"
    DISEASE_CONTROL = "disease_control"
    SYMPTOM_CONTROL = "symptom_control"


class ReasonEnded(Vocab):
    COMPLETED = "completed"
    PROGRESSION = "progression"
    TOXICITY = "toxicity"
    PATIENT_CHOICE = "patient_choice"
    DEATH = "death"
    OTHER = "other"


class Discipline(Vocab):
    MEDICAL_ONCOLOGY = "medical_oncology"
    SURGERY = "surgery"
    RADIATION_ONCOLOGY = "radiation_oncology"
    NUCLEAR_MEDICINE = "nuclear_medicine"
    INTERVENTIONAL_RADIOLOGY = "interventional_radiology"
    PATHOLOGY = "pathology"
    RADIOLOGY = "radiology"
    GASTROENTEROLOGY = "gastroenterology"
    ENDOCRINOLOGY = "endocrinology"
    GENETICS = "genetics"
    NURSE_NAVIGATOR = "nurse_navigator"
    OTHER = "other"


CORE_DISCIPLINES = (
    Discipline.MEDICAL_ONCOLOGY,
    Discipline.SURGERY,
    Discipline.RADIATION_ONCOLOGY,
    Discipline.PATHOLOGY,
    Discipline.RADIOLOGY,
)
"""Commission on Cancer core attendance list (tumor-board-practice.md)."""


class MeetingStatus(Vocab):
    PLANNED = "planned"
    IN_SESSION = "in_session"
    FINALIZED = "finalized"


class DiscussionStatus(Vocab):
    PENDING = "pending"
    DISCUSSED = "discussed"
    DEFERRED = "deferred"


class Triage(Vocab):
    FULL_DISCUSSION = "full_discussion"
    STANDARD_OF_CARE = "standard_of_care"


class CaseTiming(Vocab):
    PROSPECTIVE = "prospective"
    RETROSPECTIVE = "retrospective"


class Stance(Vocab):
    RECOMMENDED = "recommended"
    ALTERNATIVE = "alternative"
    LATER = "later"
    NOT_NOW = "not_now"


class Agreement(Vocab):
    CONSENSUS = "consensus"
    DISSENT = "dissent"


class SignalDirection(Vocab):
    SUPPORTS = "supports"
    AGAINST = "against"
    CAUTION = "caution"
    INFORMATION = "information"


_LABELS: dict[Vocab, str] = {
    PatientStatus.FOLLOW_UP: "In follow-up",
    PrimarySite.SMALL_INTESTINE: "Small intestine",
    PrimarySite.UNKNOWN_PRIMARY: "Unknown primary",
    PrimarySite.PARAGANGLIOMA: "Paraganglioma / pheochromocytoma",
    Histology.NET: "NET (well differentiated)",
    Histology.NEC_SMALL_CELL: "NEC, small cell",
    Histology.NEC_LARGE_CELL: "NEC, large cell",
    Histology.MINEN: "MiNEN",
    Histology.PPGL: "PPGL",
    Margin.R0: "R0 (clear margin)",
    Margin.R1: "R1 (microscopic residual)",
    Margin.R2: "R2 (macroscopic residual)",
    Margin.RX: "Rx (not assessable)",
    SymptomControl.UNCONTROLLED: "Uncontrolled",
    Grade.G1: "G1",
    Grade.G2: "G2",
    Grade.G3: "G3",
    Grade.NEC: "NEC (high grade)",
    Grade.TYPICAL_CARCINOID: "Typical carcinoid",
    Grade.ATYPICAL_CARCINOID: "Atypical carcinoid",
    FunctionalSyndrome.VIPOMA: "VIPoma",
    HereditarySyndrome.MEN1: "MEN1",
    HereditarySyndrome.VHL: "VHL",
    HereditarySyndrome.NF1: "NF1",
    HereditarySyndrome.SDHX: "SDHx",
    ImagingModality.CT: "CT",
    ImagingModality.MRI: "MRI",
    ImagingModality.SSTR_PET: "SSTR PET",
    ImagingModality.FDG_PET: "FDG PET",
    ImagingModality.MIBG_SCAN: "MIBG scan",
    ImagingModality.ENDOSCOPIC_ULTRASOUND: "Endoscopic ultrasound",
    Response.CR: "CR",
    Response.PR: "PR",
    Response.SD: "SD",
    Response.PD: "PD",
    Response.NE: "NE",
    Analyte.CHROMOGRANIN_A: "Chromogranin A",
    Analyte.URINE_5HIAA: "5-HIAA (urine)",
    Analyte.PLASMA_5HIAA: "5-HIAA (plasma)",
    Analyte.NSE: "NSE",
    Modality.SURGERY: "Surgery",
    Modality.LIVER_DIRECTED: "Liver-directed",
    Modality.SOMATOSTATIN_ANALOG: "Somatostatin analog",
    Modality.NUCLEAR_MEDICINE: "Nuclear medicine",
    Intent.DISEASE_CONTROL: "Disease control",
    Discipline.NURSE_NAVIGATOR: "Nurse navigator",
    MeetingStatus.IN_SESSION: "In session",
    Triage.STANDARD_OF_CARE: "Standard-of-care confirmation",
    Stance.NOT_NOW: "Not now",
}
