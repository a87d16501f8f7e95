"""Every record kind goes in through db.operations and comes back unchanged through db.queries."""

from __future__ import annotations

from datetime import date

import pytest
from db_helpers import SAMPLES, make_case, patient_values, soon

from netboard.db import operations as ops
from netboard.db import queries as q
from netboard.db.store import Store
from netboard.domain import snapshot as s
from netboard.domain import vocab as v


def _assert_fields(snapshot: object, expected: dict[str, object]) -> None:
    for name, value in expected.items():
        assert getattr(snapshot, name) == value, name


def test_every_kind_round_trips(store: Store) -> None:
    ids = make_case(store)
    case = q.get_case(store, ids.patient)

    _assert_fields(case.patient, patient_values())
    assert case.patient.id == ids.patient and case.patient.version == 1
    (tumor,) = case.tumors
    _assert_fields(tumor, {**SAMPLES["tumor"], "id": ids.tumor, "patient_id": ids.patient})
    (path,) = case.pathology
    _assert_fields(path, {**SAMPLES["pathology"], "id": ids.pathology, "tumor_id": ids.tumor})
    assert path.grade == v.Grade.G2  # derived: pancreas, Ki-67 7.5 %
    (stage,) = case.staging
    _assert_fields(stage, {**SAMPLES["staging"], "id": ids.staging, "tumor_id": ids.tumor})
    assert stage.metastatic
    (img,) = case.imaging
    _assert_fields(img, {**SAMPLES["imaging"], "id": ids.imaging, "patient_id": ids.patient})
    (lab,) = case.labs
    _assert_fields(lab, {**SAMPLES["lab"], "id": ids.lab})
    (perf,) = case.performance
    _assert_fields(perf, {**SAMPLES["performance"], "id": ids.performance})
    (course,) = case.therapies
    _assert_fields(course, {**SAMPLES["therapy"], "id": ids.therapy, "decision_id": None})
    assert course.toxicities == (
        s.Toxicity(ids.toxicity, ids.therapy, "Diarrhea", 2, date(2019, 6, 1)),
    )

    (discussion,) = case.discussions
    _assert_fields(
        discussion,
        {**SAMPLES["discussion"], "id": ids.discussion, "meeting_id": ids.meeting,
         "patient_id": ids.patient, "position": 0},
    )  # fmt: skip
    assert discussion.meeting_title == SAMPLES["meeting"]["title"]
    assert discussion.meeting_status == v.MeetingStatus.PLANNED
    (option,) = discussion.options
    _assert_fields(
        option, {**SAMPLES["option"], "id": ids.option, "revisits_course_id": ids.therapy}
    )
    assert discussion.decision is not None
    _assert_fields(discussion.decision, {**SAMPLES["decision"], "id": ids.decision})
    (action,) = discussion.actions
    _assert_fields(action, {**SAMPLES["action"], "id": ids.action})

    meeting = q.get_meeting(store, ids.meeting)
    _assert_fields(meeting.meeting, SAMPLES["meeting"])
    assert meeting.meeting.starts_at == discussion.meeting_date
    assert meeting.meeting.starts_at.tzinfo is not None
    assert meeting.attendance == (
        s.Attendance(ids.attendance, ids.meeting, "Dr. Path Example", v.Discipline.PATHOLOGY),
    )
    (item,) = meeting.agenda
    assert item.discussion == discussion
    assert item.patient == case.patient
    assert (item.primary_site, item.grade) == (v.PrimarySite.PANCREAS, v.Grade.G2)


def test_addenda_round_trip(store: Store) -> None:
    ids = make_case(store)
    ops.set_meeting_status(store, ids.meeting, v.MeetingStatus.FINALIZED)
    general = ops.add_addendum(store, ids.meeting, "Attendance list corrected.")
    specific = ops.add_addendum(
        store, ids.meeting, "Dose in the recommendation corrected.", discussion_id=ids.discussion
    )
    meeting = q.get_meeting(store, ids.meeting)
    assert [(a.id, a.text, a.author) for a in meeting.addenda] == [
        (general, "Attendance list corrected.", "dr-tester"),
        (specific, "Dose in the recommendation corrected.", "dr-tester"),
    ]
    assert meeting.meeting.status == v.MeetingStatus.FINALIZED
    assert meeting.meeting.finalized_at is not None
    (discussion,) = q.get_case(store, ids.patient).discussions
    assert [a.id for a in discussion.addenda] == [specific]


CHANGES: dict[str, dict[str, object]] = {
    "patient": {"given_name": "Adelaide", "status": v.PatientStatus.DECEASED},
    "tumor": {"primary_size_mm": 25.0},
    "pathology": {"ki67": 25.0},
    "staging": {"metastatic_sites": ("liver",)},
    "imaging": {"response": v.Response.PD},
    "lab": {"value": 310.0},
    "performance": {"ecog": 2},
    "therapy": {"end_date": None, "reason_ended": None},
    "toxicity": {"grade": 3},
    "meeting": {"title": "NET board (moved)", "starts_at": soon(10)},
    "discussion": {"question": "Revised question"},
    "option": {"stance": v.Stance.LATER},
    "decision": {"follow_up_weeks": 24},
    "action": {"done": True},
}


@pytest.mark.parametrize("kind", sorted(CHANGES))
def test_every_kind_updates(store: Store, kind: str) -> None:
    ids = make_case(store)
    entity_id = getattr(ids, kind)
    version = ops.update(store, kind, entity_id, CHANGES[kind], expected_version=1)
    assert version == 2
    case = q.get_case(store, ids.patient)
    found: object
    if kind == "meeting":
        found = q.get_meeting(store, ids.meeting).meeting
    elif kind == "patient":
        found = case.patient
    else:
        found = _find(case, entity_id)
    _assert_fields(found, CHANGES[kind])
    assert getattr(found, "version", 2) == 2


def _find(case: s.CaseSnapshot, entity_id: str) -> object:
    pools: list[tuple[object, ...]] = [
        case.tumors, case.pathology, case.staging, case.imaging, case.labs, case.performance,
        case.therapies, tuple(t for c in case.therapies for t in c.toxicities), case.discussions,
        tuple(o for d in case.discussions for o in d.options),
        tuple(d.decision for d in case.discussions if d.decision),
        tuple(a for d in case.discussions for a in d.actions),
    ]  # fmt: skip
    for pool in pools:
        for item in pool:
            if getattr(item, "id", None) == entity_id:
                return item
    raise AssertionError(f"{entity_id} not in the case")


def test_pathology_grade_follows_its_values(store: Store) -> None:
    ids = make_case(store)
    ops.update(store, "pathology", ids.pathology, {"ki67": 35.0}, expected_version=1)
    assert q.get_case(store, ids.patient).pathology[0].grade == v.Grade.G3
    ops.update(
        store, "pathology", ids.pathology,
        {"differentiation": v.Differentiation.POOR}, expected_version=2,
    )  # fmt: skip
    assert q.get_case(store, ids.patient).pathology[0].grade == v.Grade.NEC
    # A supplied grade is ignored: the grade is always derived.
    ops.update(
        store, "pathology", ids.pathology,
        {"differentiation": v.Differentiation.WELL, "ki67": 1.0, "mitoses": 0.0,
         "grade": v.Grade.G3},
        expected_version=3,
    )  # fmt: skip
    assert q.get_case(store, ids.patient).pathology[0].grade == v.Grade.G1


def test_tumor_site_change_regrades_its_specimens(store: Store) -> None:
    ids = make_case(store)  # pancreas, Ki-67 7.5, mitoses 1, necrosis -> G2
    ops.update(store, "tumor", ids.tumor, {"primary_site": v.PrimarySite.LUNG}, expected_version=1)
    case = q.get_case(store, ids.patient)
    assert case.pathology[0].grade == v.Grade.ATYPICAL_CARCINOID  # necrosis present
    row = q.list_patients(store, search="ZZ-TEST-0001").rows[0]
    assert (row.primary_site, row.grade) == (v.PrimarySite.LUNG, v.Grade.ATYPICAL_CARCINOID)
    log = q.audit_log(store, entity_id=ids.pathology)
    assert log[0].changes == {"grade": ("g2", "atypical_carcinoid")}
