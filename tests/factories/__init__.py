"""The one place tests build synthetic snapshots (no database); all names and values are invented.

``records``: one record at a time and ``make_case()`` (a complete, board-ready case that every
argument overrides piece by piece) for the domain rules. ``meetings``: whole patients, cases with
years of history and finalized meetings (names in several scripts) for the charts, PDFs and
benchmarks. Import from here: ``from tests.factories import make_case, sample_meeting, TODAY``.
Two modules are imported by name, their builders being of another kind: ``board`` (positional
builders and a patient with three boards, for the board logic; its own ``TODAY``) and
``strategies`` (Hypothesis strategies of any valid CaseSnapshot, for the property tests).
"""

from tests.factories.meetings import (
    NAMES,
    sample_case,
    sample_discussion,
    sample_meeting,
    sample_patient,
)
from tests.factories.records import (
    TODAY,
    course,
    ct,
    days_ago,
    discussion,
    ecog,
    fdg_pet,
    imaging,
    lab,
    make_case,
    mibg_scan,
    months_ago,
    new_id,
    pathology,
    patient,
    resection,
    sstr_pet,
    staging,
    toxicity,
)

__all__ = [
    "NAMES",
    "TODAY",
    "course",
    "ct",
    "days_ago",
    "discussion",
    "ecog",
    "fdg_pet",
    "imaging",
    "lab",
    "make_case",
    "mibg_scan",
    "months_ago",
    "new_id",
    "pathology",
    "patient",
    "resection",
    "sample_case",
    "sample_discussion",
    "sample_meeting",
    "sample_patient",
    "sstr_pet",
    "staging",
    "toxicity",
]
