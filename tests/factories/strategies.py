"""Hypothesis strategies for valid CaseSnapshots (values within the ranges the forms accept).

Free text comes from small fixed vocabularies so that a generated agent or specimen name can never
itself contain an instructing word (the wording property checks the engine's own text).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import strategies as st

from netboard.domain.catalog import load_catalog
from netboard.domain.snapshot import (
    CaseDiscussion,
    CaseSnapshot,
    ImagingStudy,
    LabResult,
    PathologyResult,
    Patient,
    PerformanceStatus,
    StagingAssessment,
    TherapyCourse,
    Toxicity,
    Tumor,
)
from netboard.domain.vocab import (
    Analyte,
    Avidity,
    Differentiation,
    DiscussionStatus,
    FunctionalSyndrome,
    Grade,
    HereditarySyndrome,
    Histology,
    ImagingModality,
    Intent,
    Modality,
    PatientStatus,
    PrimarySite,
    ReasonEnded,
    Response,
    Sex,
)

FIRST = date(2012, 1, 1)
LAST = date(2028, 12, 31)
dates = st.dates(min_value=FIRST, max_value=LAST)
ids = st.uuids().map(str)
words = st.sampled_from(
    ["", "liver", "ileum", "segment 6", "bone", "pancreatic tail", "lymph node", "MGMT loss"]
)
percent = st.floats(min_value=0, max_value=100, allow_nan=False)


def maybe(strategy: st.SearchStrategy) -> st.SearchStrategy:  # type: ignore[type-arg]
    return st.none() | strategy


def _agents() -> st.SearchStrategy[str]:
    agents = [a for option in load_catalog() for a in option.agents]
    return st.sampled_from(["", "Study drug X", "unlisted agent", *agents])


def _option_ids() -> st.SearchStrategy[str]:
    return st.sampled_from(["", "retired_option", *load_catalog().ids])


pathology = st.builds(
    PathologyResult,
    id=ids,
    tumor_id=ids,
    date=dates,
    specimen_site=words,
    ki67=maybe(percent),
    mitoses=maybe(st.floats(min_value=0, max_value=200, allow_nan=False)),
    differentiation=maybe(st.sampled_from(Differentiation)),
    grade=st.sampled_from(Grade),
    necrosis=st.booleans(),
    notes=words,
)

imaging = st.builds(
    ImagingStudy,
    id=ids,
    patient_id=ids,
    date=dates,
    modality=st.sampled_from(ImagingModality),
    krenning=maybe(st.integers(min_value=0, max_value=4)),
    avidity=maybe(st.sampled_from(Avidity)),
    response=maybe(st.sampled_from(Response)),
    finding=words,
    largest_lesion_mm=maybe(st.floats(min_value=1, max_value=300, allow_nan=False)),
)

staging = st.builds(
    StagingAssessment,
    id=ids,
    tumor_id=ids,
    date=dates,
    t=st.sampled_from(["", "T1", "T2", "T3", "T4"]),
    n=st.sampled_from(["", "N0", "N1"]),
    m=st.sampled_from(["", "M0", "M1", "M1a"]),
    metastatic_sites=st.lists(
        st.sampled_from(["liver", "bone", "lung", "peritoneum", "hepatic", "lymph nodes"]),
        max_size=4,
        unique=True,
    ).map(tuple),
    liver_burden_pct=maybe(percent),
)

labs = st.builds(
    LabResult,
    id=ids,
    patient_id=ids,
    date=dates,
    analyte=st.sampled_from(Analyte),
    value=st.floats(min_value=0, max_value=1e6, allow_nan=False),
    unit=st.sampled_from(["", "ng/mL", "10^9/L", "/µL", "mg/24 h"]),
)

performance = st.builds(
    PerformanceStatus,
    id=ids,
    patient_id=ids,
    date=dates,
    ecog=st.integers(min_value=0, max_value=5),
)


@st.composite
def therapy(draw: st.DrawFn) -> TherapyCourse:
    start = draw(dates)
    end = draw(maybe(st.dates(min_value=start, max_value=LAST)))
    toxicities = draw(
        st.lists(
            st.builds(
                Toxicity,
                id=ids,
                course_id=ids,
                term=st.sampled_from(["fatigue", "stomatitis", "neutropenia"]),
                grade=st.integers(min_value=1, max_value=5),
                date=maybe(dates),
            ),
            max_size=2,
        )
    )
    return TherapyCourse(
        id=draw(ids),
        patient_id="p",
        option_id=draw(_option_ids()),
        agent=draw(_agents()),
        modality=draw(st.sampled_from(Modality)),
        intent=draw(maybe(st.sampled_from(Intent))),
        start_date=start,
        end_date=end,
        cycles=draw(maybe(st.integers(min_value=1, max_value=12))),
        best_response=draw(maybe(st.sampled_from(Response))),
        reason_ended=draw(maybe(st.sampled_from(ReasonEnded))),
        trial_id=draw(st.sampled_from(["", "NCT-TEST-0001"])),
        notes=draw(words),
        toxicities=tuple(toxicities),
    )


discussions = st.builds(
    CaseDiscussion,
    id=ids,
    meeting_id=ids,
    patient_id=ids,
    position=st.integers(min_value=1, max_value=20),
    question=st.sampled_from(["", "What next?", "Is PRRT an option?"]),
    status=st.sampled_from(DiscussionStatus),
    meeting_date=maybe(
        st.datetimes(min_value=datetime(2012, 1, 1), max_value=datetime(2028, 12, 31))
    ),
)

tumor = st.builds(
    Tumor,
    id=ids,
    patient_id=ids,
    primary_site=st.sampled_from(PrimarySite),
    histology=st.sampled_from(Histology),
    diagnosis_date=maybe(dates),
    functional_syndrome=st.sampled_from(FunctionalSyndrome),
    hereditary_syndrome=st.sampled_from(HereditarySyndrome),
    primary_size_mm=maybe(st.floats(min_value=1, max_value=200, allow_nan=False)),
)

PATIENT = Patient(
    id="00000000-0000-0000-0000-00000000beef",
    mrn="TEST-PROP",
    family_name="Hypothesis",
    given_name="Case",
    birth_date=date(1970, 1, 1),
    sex=Sex.UNKNOWN,
    status=PatientStatus.ACTIVE,
)


def _sorted(items: list, key: str) -> tuple:  # type: ignore[type-arg]
    return tuple(sorted(items, key=lambda item: getattr(item, key)))


@st.composite
def cases(draw: st.DrawFn) -> CaseSnapshot:
    """A valid CaseSnapshot with 0-2 tumors and up to a few dozen records."""
    return CaseSnapshot(
        patient=PATIENT,
        tumors=tuple(draw(st.lists(tumor, max_size=2))),
        pathology=_sorted(draw(st.lists(pathology, max_size=5)), "date"),
        staging=_sorted(draw(st.lists(staging, max_size=3)), "date"),
        imaging=_sorted(draw(st.lists(imaging, max_size=8)), "date"),
        labs=_sorted(draw(st.lists(labs, max_size=6)), "date"),
        performance=_sorted(draw(st.lists(performance, max_size=3)), "date"),
        therapies=_sorted(draw(st.lists(therapy(), max_size=8)), "start_date"),
        discussions=tuple(draw(st.lists(discussions, max_size=3))),
    )


todays = st.dates(min_value=FIRST - timedelta(days=100), max_value=LAST + timedelta(days=100))
