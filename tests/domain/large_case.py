"""A long synthetic case history (~300 records) for the speed test and the benchmark."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from netboard.domain.snapshot import CaseSnapshot
from netboard.domain.vocab import (
    Analyte,
    DiscussionStatus,
    FunctionalSyndrome,
    ImagingModality,
    ReasonEnded,
    Response,
)
from tests.factories import (
    TODAY,
    course,
    discussion,
    ecog,
    imaging,
    lab,
    make_case,
    pathology,
    staging,
    toxicity,
)


def make_large_case(rows: int = 300, today: date = TODAY) -> CaseSnapshot:
    """A long synthetic history of about ``rows`` records (for benchmarks and speed tests).

    Mix: 4 % pathology, 27 % imaging, 40 % labs, 7 % ECOG, 3 % staging, 13 % therapy courses,
    6 % board discussions, spread over the ten years before ``today``.
    """
    share = {
        "pathology": 0.04,
        "imaging": 0.27,
        "labs": 0.40,
        "performance": 0.07,
        "staging": 0.03,
        "therapies": 0.13,
        "discussions": 0.06,
    }
    count = {k: max(1, round(rows * v)) for k, v in share.items()}
    span_days = 3650

    def when(i: int, n: int) -> date:
        return today - timedelta(days=span_days - (span_days * i) // max(n, 1))

    options = [
        "ssa_octreotide_lar",
        "ssa_lanreotide",
        "everolimus",
        "captem",
        "prrt_lu177_dotatate",
        "liver_chemoembolization",
        "radiation_sbrt",
        "ablation_rfa",
        "cabozantinib",
        "surveillance",
    ]
    responses = [Response.SD, Response.PR, Response.PD, Response.SD, None]
    reasons = [ReasonEnded.COMPLETED, ReasonEnded.PROGRESSION, ReasonEnded.TOXICITY, None]
    therapies = []
    for i in range(count["therapies"]):
        start = when(i, count["therapies"])
        ongoing = i == count["therapies"] - 1
        therapies.append(
            course(
                options[i % len(options)],
                start,
                None if ongoing else start + timedelta(days=60),
                best_response=responses[i % len(responses)],
                reason_ended=None if ongoing else reasons[i % len(reasons)],
                toxicities=[toxicity("fatigue", 1 + i % 3)] if i % 4 == 0 else [],
            )
        )
    modalities = [ImagingModality.CT, ImagingModality.MRI, ImagingModality.SSTR_PET]
    studies = [
        imaging(
            when(i, count["imaging"]),
            modalities[i % 3],
            krenning=3 if modalities[i % 3] == ImagingModality.SSTR_PET else None,
            response=[Response.SD, Response.PD, Response.PR][i % 3],
            lesion_mm=10 + i % 30,
        )
        for i in range(count["imaging"])
    ]
    analytes = [Analyte.CHROMOGRANIN_A, Analyte.URINE_5HIAA, Analyte.PLATELETS, Analyte.CREATININE]
    labs = [
        lab(when(i, count["labs"]), analytes[i % 4], 50 + i, "unit") for i in range(count["labs"])
    ]
    paths = [
        pathology(when(i, count["pathology"]), 2 + 2 * i, specimen_site=f"specimen {i}")
        for i in range(count["pathology"])
    ]
    case = make_case(
        ki67=None,
        krenning=None,
        with_ct=False,
        metastatic_sites=None,
        ecog_value=None,
        question=None,
        functional=FunctionalSyndrome.CARCINOID_SYNDROME,
        therapies=therapies,
        extra_pathology=paths,
        extra_imaging=studies,
        labs=labs,
        discussions=[
            discussion(f"Question {i}", DiscussionStatus.DISCUSSED, when(i, count["discussions"]))
            for i in range(count["discussions"])
        ],
        today=today,
    )
    return replace(
        case,
        staging=tuple(
            staging(when(i, count["staging"]), ("liver", "bone"), burden=10 + i)
            for i in range(count["staging"])
        ),
        performance=tuple(
            ecog(when(i, count["performance"]), i % 3) for i in range(count["performance"])
        ),
    )


def row_count(case: CaseSnapshot) -> int:
    """How many records a case holds (tumors, results, courses, discussions)."""
    return (
        len(case.tumors)
        + len(case.pathology)
        + len(case.staging)
        + len(case.imaging)
        + len(case.labs)
        + len(case.performance)
        + len(case.therapies)
        + sum(len(c.toxicities) for c in case.therapies)
        + len(case.discussions)
    )
