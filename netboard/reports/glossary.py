"""A short glossary for patient handouts: plain explanations of words a plan may use.

Only the terms that appear in a given handout are printed. Explanations describe; they never tell
the reader what to do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Term:
    term: str
    meaning: str
    spellings: tuple[str, ...]
    """Words that count as this term in the text (whole words, case-insensitive)."""


TERMS: tuple[Term, ...] = (
    Term(
        "Tumor board",
        "A meeting where doctors from different specialties look at your tests "
        "together and agree on a recommendation.",
        ("tumor board", "tumour board", "board"),
    ),
    Term(
        "Neuroendocrine tumor (NET)",
        "A tumor that starts in cells that release hormones into the blood. Many grow slowly.",
        ("neuroendocrine", "NET", "NETs"),
    ),
    Term(
        "Grade",
        "How quickly the tumor cells appear to be growing under the microscope: G1 is "
        "slowest, G3 fastest.",
        ("grade", "G1", "G2", "G3"),
    ),
    Term(
        "Ki-67",
        "A lab measure of how many tumor cells are dividing, given as a percentage. It "
        "helps decide the grade.",
        ("Ki-67", "Ki67"),
    ),
    Term(
        "Somatostatin analog",
        "A medicine that acts like the body's hormone somatostatin. It "
        "can slow tumor growth and ease hormone symptoms. It is usually given as an injection "
        "every few weeks.",
        ("somatostatin", "octreotide", "lanreotide", "SSA"),
    ),
    Term(
        "PRRT",
        "Peptide receptor radionuclide therapy: a radioactive medicine, given into a "
        "vein, that attaches to tumor cells and treats them from the inside.",
        ("PRRT", "Lutathera", "DOTATATE", "177Lu-DOTATATE", "radionuclide"),
    ),
    Term(
        "Targeted therapy",
        "Medicines, often tablets, that block signals tumor cells use to "
        "grow, such as everolimus, sunitinib or cabozantinib.",
        ("targeted", "everolimus", "sunitinib", "cabozantinib"),
    ),
    Term(
        "Chemotherapy",
        "Medicines that kill cells that divide quickly, including tumor cells.",
        (
            "chemotherapy",
            "CAPTEM",
            "capecitabine",
            "temozolomide",
            "etoposide",
            "cisplatin",
            "carboplatin",
        ),
    ),
    Term(
        "CT scan", "An X-ray scan that makes detailed pictures of the inside of the body.", ("CT",)
    ),
    Term(
        "MRI",
        "A scan that uses a strong magnet and radio waves to make pictures of the body.",
        ("MRI",),
    ),
    Term(
        "PET scan",
        "A scan after a small injection of a tracer that shows where tumor cells are active.",
        ("PET",),
    ),
    Term(
        "Metastasis",
        "Tumor that has spread from where it started to another part of the "
        "body, such as the liver.",
        ("metastasis", "metastases", "metastatic"),
    ),
    Term(
        "Embolization",
        "A treatment through a thin tube in a blood vessel that blocks the "
        "blood supply of liver tumors, sometimes with medicine or tiny radioactive beads.",
        ("embolization", "chemoembolization", "radioembolization", "TACE", "TARE", "Y-90"),
    ),
    Term(
        "Ablation",
        "Destroying a small tumor with heat or cold through a needle, without an open operation.",
        ("ablation", "RFA", "microwave", "cryoablation"),
    ),
    Term(
        "Radiation therapy",
        "Treatment with targeted high-energy rays.",
        ("radiation", "radiotherapy", "SBRT", "proton"),
    ),
    Term(
        "Resection",
        "An operation to remove a tumor or part of an organ.",
        ("resection", "resect", "debulking", "surgery", "operation"),
    ),
    Term(
        "Clinical trial",
        "A research study that tests a new treatment or a new way of using "
        "one. Taking part is always a choice.",
        ("trial", "clinical trial"),
    ),
    Term(
        "Surveillance",
        "Regular check-ups and scans without treatment, to notice any change early.",
        ("surveillance", "watchful waiting"),
    ),
    Term(
        "Chromogranin A",
        "A protein made by neuroendocrine cells. Its level in the blood can "
        "help follow the tumor over time.",
        ("chromogranin", "CgA"),
    ),
    Term(
        "5-HIAA",
        "A substance the body makes when it breaks down serotonin; measured in urine "
        "or blood to follow some tumors.",
        ("5-HIAA",),
    ),
    Term(
        "Nurse navigator",
        "A nurse who helps you through appointments, tests and questions during your care.",
        ("nurse navigator", "navigator"),
    ),
    Term(
        "Side effect",
        "An unwanted effect of a treatment, such as tiredness or mouth sores.",
        ("side effect", "side effects", "stomatitis", "toxicity"),
    ),
)


def _pattern(spellings: tuple[str, ...]) -> re.Pattern[str]:
    """Whole words; acronyms ('CT', 'NET', 'PET') only in capitals ('a pet' does not count)."""

    def one(word: str) -> str:
        escaped = re.escape(word)
        return f"(?-i:{escaped})" if word.isupper() else escaped

    words = "|".join(one(s) for s in sorted(spellings, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{words})(?![\w-])", re.IGNORECASE)


_PATTERNS = tuple((term, _pattern(term.spellings)) for term in TERMS)


def terms_in(text: str) -> tuple[Term, ...]:
    """The glossary terms that ``text`` uses, in glossary order."""
    return tuple(term for term, pattern in _PATTERNS if pattern.search(text))
