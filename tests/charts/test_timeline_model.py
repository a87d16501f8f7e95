"""The timeline model (netboard.domain.timeline): lanes, spans, markers, table rows, privacy."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from netboard.domain.catalog import load_catalog
from netboard.domain.snapshot import (
    CaseDiscussion,
    CaseSnapshot,
    Decision,
    ImagingStudy,
    LabResult,
    PathologyResult,
    Patient,
    TherapyCourse,
    Tumor,
)
from netboard.domain.timeline import LabPoint, Lane, Span, build_timeline
from netboard.domain.vocab import (
    Agreement,
    Analyte,
    Grade,
    Histology,
    ImagingModality,
    Modality,
    PatientStatus,
    PrimarySite,
    ReasonEnded,
    Response,
    Sex,
)
from netboard.domain.wording import duration

TODAY = date(2025, 6, 1)
PATIENT = Patient(
    id="p1",
    mrn="SYN-777001",
    family_name="Żółć",
    given_name="Łukasz",
    birth_date=date(1961, 4, 9),
    sex=Sex.MALE,
    status=PatientStatus.ACTIVE,
)


def course(
    cid: str,
    modality: Modality,
    start: date,
    end: date | None,
    agent: str,
    option_id: str = "",
    **kw: object,
) -> TherapyCourse:
    return TherapyCourse(cid, "p1", option_id, agent, modality, None, start, end, **kw)  # type: ignore[arg-type]


def make_case(**overrides: object) -> CaseSnapshot:
    values: dict[str, object] = {
        "patient": PATIENT,
        "tumors": (Tumor("t1", "p1", PrimarySite.PANCREAS, Histology.NET, date(2020, 3, 1)),),
        "pathology": (
            PathologyResult("path1", "t1", date(2020, 3, 2), "pancreas", 2.0, None, None, Grade.G1),
            PathologyResult("path2", "t1", date(2023, 5, 2), "liver", 12.0, None, None, Grade.G2),
        ),
        "imaging": (
            ImagingStudy(
                "img1",
                "p1",
                date(2020, 2, 20),
                ImagingModality.SSTR_PET,
                krenning=3,
                finding="Uptake in liver; patient Żółć tolerated the scan.",
            ),
            ImagingStudy("img2", "p1", date(2021, 1, 5), ImagingModality.CT, response=Response.SD),
            ImagingStudy("img3", "p1", date(2023, 4, 1), ImagingModality.CT, response=Response.PD),
        ),
        "labs": (
            LabResult("lab1", "p1", date(2020, 3, 1), Analyte.CHROMOGRANIN_A, 300, "ng/mL"),
            LabResult("lab2", "p1", date(2021, 3, 1), Analyte.CHROMOGRANIN_A, 150, "ng/mL"),
            LabResult("lab3", "p1", date(2021, 3, 1), Analyte.URINE_5HIAA, 40, "mg/24 h"),
            LabResult("lab4", "p1", date(2021, 3, 1), Analyte.CREATININE, 80, "umol/L"),
            LabResult("lab5", "p1", date(2022, 3, 1), Analyte.CHROMOGRANIN_A, 2.1, "nmol/L"),
        ),
        "therapies": (
            course(
                "c-ssa1",
                Modality.SOMATOSTATIN_ANALOG,
                date(2020, 4, 1),
                date(2023, 4, 10),
                "Lanreotide",
                "ssa_lanreotide",
                best_response=Response.SD,
                reason_ended=ReasonEnded.PROGRESSION,
            ),
            course(
                "c-ssa2",
                Modality.SOMATOSTATIN_ANALOG,
                date(2023, 3, 1),
                None,
                "Octreotide LAR",
                "ssa_octreotide_lar",
            ),
            course(
                "c-op",
                Modality.SURGERY,
                date(2020, 3, 20),
                date(2020, 3, 20),
                "Distal pancreatectomy",
                "surgery_primary_resection",
            ),
            course("c-evr", Modality.TARGETED, date(2023, 6, 1), None, "Everolimus", "everolimus"),
        ),
        "discussions": (
            CaseDiscussion(
                "d1",
                "m1",
                "p1",
                1,
                question="Next line for Łukasz Żółć (SYN-777001)?",
                meeting_date=datetime(2023, 5, 10, 15, 0, tzinfo=UTC),
                meeting_title="NET board",
                decision=Decision(
                    "dec1",
                    "d1",
                    "Everolimus",
                    Agreement.CONSENSUS,
                    next_review=TODAY + timedelta(days=40),
                ),
            ),
        ),
    }
    values.update(overrides)
    return CaseSnapshot(**values)  # type: ignore[arg-type]


def test_lanes_in_fixed_order_only_those_with_courses() -> None:
    timeline = build_timeline(make_case(), TODAY)
    assert [lane.lane for lane in timeline.lanes] == [
        Lane.SURGERY_LOCAL,
        Lane.SOMATOSTATIN_ANALOG,
        Lane.TARGETED,
    ]
    assert [lane.label for lane in timeline.lanes] == [
        "Surgery & local",
        "Somatostatin analogs",
        "Targeted",
    ]


def test_overlapping_courses_in_one_lane_get_separate_rows() -> None:
    timeline = build_timeline(make_case(), TODAY)
    ssa = {s.id: s for s in timeline.spans_in(Lane.SOMATOSTATIN_ANALOG)}
    assert ssa["c-ssa1"].row != ssa["c-ssa2"].row  # octreotide started before lanreotide ended
    assert next(i for i in timeline.lanes if i.lane == Lane.SOMATOSTATIN_ANALOG).rows == 2


def test_spans_carry_record_ids_labels_and_ongoing_state() -> None:
    timeline = build_timeline(make_case(), TODAY)
    spans = {s.id: s for s in timeline.spans}
    assert set(spans) == {"c-ssa1", "c-ssa2", "c-op", "c-evr"}
    assert spans["c-evr"].ongoing and spans["c-evr"].end is None
    assert spans["c-ssa1"].label == "Lanreotide"
    assert spans["c-ssa1"].best_response == Response.SD
    assert spans["c-ssa1"].reason_ended == ReasonEnded.PROGRESSION
    assert "ongoing" in spans["c-evr"].describe()
    assert "best SD" in spans["c-ssa1"].describe()
    assert "best SD; progression" in spans["c-ssa1"].describe()


def test_catalog_names_enter_the_hover_text() -> None:
    timeline = build_timeline(make_case(), TODAY, catalog=load_catalog())
    span = timeline.item("c-op")
    assert isinstance(span, Span)
    assert "Resection of the primary tumor" in span.describe()
    assert span.label == "Distal pancreatectomy"  # the bar keeps the agent as recorded


def test_unknown_option_ids_do_not_break_the_catalog_lookup() -> None:
    unknown = course("x", Modality.SUPPORTIVE_CARE, date(2021, 1, 1), None, "", "no_such_option")
    case = make_case(therapies=(unknown,))
    timeline = build_timeline(case, TODAY, catalog=load_catalog())
    assert timeline.spans[0].label == "no_such_option"
    assert timeline.lanes[0].lane == Lane.OTHER


def test_markers_imaging_pathology_labs_meetings() -> None:
    timeline = build_timeline(make_case(), TODAY)
    assert [(m.id, m.response) for m in timeline.imaging] == [
        ("img1", None),
        ("img2", Response.SD),
        ("img3", Response.PD),
    ]
    assert [(p.id, p.ki67, p.grade) for p in timeline.pathology] == [
        ("path1", 2.0, Grade.G1),
        ("path2", 12.0, Grade.G2),
    ]
    series = {(s.analyte, s.unit): [p.id for p in s.points] for s in timeline.labs}
    # creatinine is not a trend marker; a change of unit starts a separate series
    assert series == {
        (Analyte.CHROMOGRANIN_A, "ng/mL"): ["lab1", "lab2"],
        (Analyte.CHROMOGRANIN_A, "nmol/L"): ["lab5"],
        (Analyte.URINE_5HIAA, "mg/24 h"): ["lab3"],
    }
    assert timeline.labs[0].analyte == Analyte.CHROMOGRANIN_A
    assert [(m.id, m.meeting_id, m.date) for m in timeline.meetings] == [
        ("d1", "m1", date(2023, 5, 10))
    ]
    assert timeline.next_review is not None
    assert timeline.next_review.date == TODAY + timedelta(days=40)
    assert timeline.diagnosis is not None and timeline.diagnosis.date == date(2020, 3, 1)


def test_view_starts_shortly_before_diagnosis_and_ends_after_today() -> None:
    timeline = build_timeline(make_case(), TODAY)
    assert timedelta(days=1) <= date(2020, 3, 1) - timeline.view_start <= timedelta(days=120)
    assert timeline.view_end > TODAY + timedelta(days=40)  # the planned review is in view


def test_rows_list_every_item_once_oldest_first_with_ids() -> None:
    timeline = build_timeline(make_case(), TODAY)
    rows = timeline.rows()
    ids = [r.item_id for r in rows]
    assert sorted(ids) == sorted(item.id for item in timeline.items())
    assert len(ids) == len(set(ids))
    assert [r.date for r in rows] == sorted(r.date for r in rows)
    lab = next(r for r in rows if r.item_id == "lab2")
    assert (lab.track, lab.item, lab.detail) == ("Markers", "Chromogranin A", "150 ng/mL")
    ssa = next(r for r in rows if r.item_id == "c-ssa1")
    assert ssa.track == "Somatostatin analogs" and ssa.item == "Lanreotide"


def test_item_lookup_and_unknown_id() -> None:
    timeline = build_timeline(make_case(), TODAY)
    assert isinstance(timeline.item("lab1"), LabPoint)
    with pytest.raises(KeyError):
        timeline.item("nope")


def test_empty_case_is_empty() -> None:
    timeline = build_timeline(CaseSnapshot(patient=PATIENT), TODAY)
    assert timeline.is_empty
    assert timeline.rows() == ()
    assert timeline.view_start < TODAY < timeline.view_end


def test_deidentify_removes_names_mrn_and_birth_date_from_texts() -> None:
    case = make_case()
    plain = build_timeline(case, TODAY)
    private = build_timeline(case, TODAY, deidentify=True)
    plain_text = "\n".join(i.describe() for i in plain.items())
    private_text = "\n".join(i.describe() for i in private.items())
    assert "Żółć" in plain_text and "SYN-777001" in plain_text
    for secret in ("Żółć", "Łukasz", "SYN-777001", "1961-04-09"):
        assert secret not in private_text
    assert "the patient" in private_text


def test_immunotherapy_shares_the_targeted_lane_with_a_label_that_says_so() -> None:
    case = make_case(
        therapies=(course("i1", Modality.IMMUNOTHERAPY, date(2022, 1, 1), None, "Pembrolizumab"),)
    )
    timeline = build_timeline(case, TODAY)
    assert timeline.lanes[0].lane == Lane.TARGETED
    assert timeline.lanes[0].label == "Targeted & immunotherapy"


@pytest.mark.parametrize(
    ("days", "text"),
    [
        (0, "0 days"),
        (1, "1 day"),
        (20, "2 weeks"),
        (200, "7 months"),
        (800, "2 years 2 months"),
        (731, "2 years"),
        (760, "2 years 1 month"),
        (-1, "not started yet"),
    ],
)
def test_duration_wording(days: int, text: str) -> None:
    assert duration(date(2020, 1, 1), date(2020, 1, 1) + timedelta(days=days)) == text


def test_a_planned_course_says_so() -> None:
    planned = course("c-plan", Modality.NUCLEAR_MEDICINE, TODAY + timedelta(days=30), None, "PRRT")
    timeline = build_timeline(make_case(therapies=(planned,)), TODAY)
    span = timeline.item("c-plan")
    assert isinstance(span, Span)
    assert "planned from 01 Jul 2025" in span.describe()
    assert timeline.view_end > TODAY + timedelta(days=30)
