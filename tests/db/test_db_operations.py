"""Writes: audit entries, conflicts between two editors, finalized meetings, delete and restore."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from db_helpers import SAMPLES, make_case, patient_values, soon
from sqlalchemy.orm import Session

from netboard.db import operations as ops
from netboard.db import queries as q
from netboard.db.errors import (
    BusyError,
    ConflictError,
    FinalizedError,
    InUseError,
    NotFoundError,
)
from netboard.db.store import Store
from netboard.domain import vocab as v
from netboard.domain.validation import ValidationError

# --- audit ------------------------------------------------------------------------------------


def test_each_write_leaves_an_audit_entry(store: Store) -> None:
    before = datetime.now(UTC) - timedelta(seconds=1)
    pid = ops.create(store, "patient", patient_values())
    ops.update(store, "patient", pid, {"given_name": "Adelaide", "notes": ""}, expected_version=1)
    update, create = q.audit_log(store, entity_id=pid)
    assert (create.action, create.who, create.entity, create.entity_id) == (
        "create", "dr-tester", "patient", pid,
    )  # fmt: skip
    assert create.changes["mrn"] == (None, "ZZ-TEST-0001")
    assert create.changes["birth_date"] == (None, "1961-04-12")
    assert create.changes["status"] == (None, "follow_up")
    assert before <= create.at <= update.at <= datetime.now(UTC) + timedelta(seconds=1)
    assert update.action == "update"
    assert update.changes == {
        "given_name": ("Ada", "Adelaide"),
        "notes": ("Synthetic test patient.", ""),
    }
    json.dumps([e.changes for e in (create, update)])  # stored as JSON, readable as JSON


def test_audit_entry_is_in_the_same_transaction(store: Store) -> None:
    with pytest.raises(ValidationError):
        ops.create(store, "patient", patient_values(birth_date=date(1850, 1, 1)))
    assert q.audit_log(store) == []
    assert q.list_patients(store).total == 0


def test_update_without_change_writes_nothing(store: Store) -> None:
    pid = ops.create(store, "patient", patient_values())
    assert ops.update(store, "patient", pid, {"given_name": "Ada"}, expected_version=1) == 1
    assert len(q.audit_log(store, entity_id=pid)) == 1


# --- conflicts ----------------------------------------------------------------------------------


def test_conflicting_edit_from_two_stores_on_one_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    with Store.open(url, user="dr-alpha") as alpha, Store.open(url, user="dr-beta") as beta:
        pid = ops.create(alpha, "patient", patient_values())
        seen_by_beta = q.get_case(beta, pid).patient
        ops.update(alpha, "patient", pid, {"given_name": "Alpha's edit"}, expected_version=1)
        with pytest.raises(ConflictError) as caught:
            ops.update(
                beta, "patient", pid, {"given_name": "Beta's edit"},
                expected_version=seen_by_beta.version,
            )  # fmt: skip
        error = caught.value
        assert (error.entity, error.entity_id, error.who) == ("patient", pid, "dr-alpha")
        assert error.when is not None and abs(datetime.now(UTC) - error.when) < timedelta(minutes=1)
        assert "dr-alpha" in str(error) and pid in str(error)
        assert q.get_case(beta, pid).patient.given_name == "Alpha's edit"
        assert [e.who for e in q.audit_log(beta, entity_id=pid)] == ["dr-alpha", "dr-alpha"]


def test_conflicting_edit_on_either_backend(db_url: str) -> None:
    with Store.open(db_url, user="dr-alpha") as alpha, Store.open(db_url, user="dr-beta") as beta:
        ids = make_case(alpha)
        ops.update(alpha, "decision", ids.decision, {"follow_up_weeks": 8}, expected_version=1)
        with pytest.raises(ConflictError, match="dr-alpha"):
            ops.update(beta, "decision", ids.decision, {"follow_up_weeks": 4}, expected_version=1)
        with pytest.raises(ConflictError):
            ops.delete(beta, "decision", ids.decision, expected_version=1)
        decision = q.get_case(beta, ids.patient).discussions[0].decision
        assert decision is not None and decision.follow_up_weeks == 8 and decision.version == 2


@pytest.mark.postgres
def test_writes_serialize_on_postgresql_too(pg_url: str) -> None:
    """A write cannot slip in between another write unit's read and its write: every unit holds
    PostgreSQL's write lock (an advisory lock) from its first statement, as BEGIN IMMEDIATE does
    on SQLite. The writer that tries waits, then gets BusyError; the first unit's write lands."""
    db_url = pg_url
    with (
        Store.open(db_url, user="dr-alpha", busy_timeout=0.3) as alpha,
        Store.open(db_url, user="dr-beta") as beta,
    ):
        pid = ops.create(alpha, "patient", patient_values())
        caught: list[BaseException] = []

        def interleave(session: Session, *_: object) -> None:
            bind = session.get_bind()
            if not caught and getattr(bind, "pool", None) is beta.engine.pool:
                try:
                    ops.update(alpha, "patient", pid, {"notes": "alpha"}, expected_version=1)
                except BusyError as exc:
                    caught.append(exc)

        sa.event.listen(Session, "before_flush", interleave)
        try:
            ops.update(beta, "patient", pid, {"notes": "beta"}, expected_version=1)
        finally:
            sa.event.remove(Session, "before_flush", interleave)
        assert len(caught) == 1 and "Another program is writing" in str(caught[0])
        assert q.get_case(beta, pid).patient.notes == "beta"
        with pytest.raises(ConflictError, match="dr-beta"):
            ops.update(alpha, "patient", pid, {"notes": "alpha"}, expected_version=1)


# --- rules that need the database ---------------------------------------------------------------


def test_mrn_is_unique(store: Store) -> None:
    ops.create(store, "patient", patient_values("ZZ-1"))
    other = ops.create(store, "patient", patient_values("ZZ-2", family="Otherperson"))
    with pytest.raises(ValidationError) as caught:
        ops.create(store, "patient", patient_values("ZZ-1", family="Thirdperson"))
    assert [(e.field, e.message) for e in caught.value.errors] == [
        ("mrn", "MRN: ZZ-1 is already used by another patient")
    ]
    with pytest.raises(ValidationError, match="MRN: ZZ-1 is already used"):
        ops.update(store, "patient", other, {"mrn": " ZZ-1 "}, expected_version=1)
    assert q.list_patients(store).total == 2


def test_references_must_exist(store: Store) -> None:
    with pytest.raises(NotFoundError, match="patient no-such-id"):
        ops.create(store, "tumor", {**SAMPLES["tumor"], "patient_id": "no-such-id"})
    with pytest.raises(NotFoundError, match="tumor missing"):
        ops.update(store, "tumor", "missing", {"notes": "x"}, expected_version=1)
    with pytest.raises(NotFoundError):
        q.get_case(store, "missing")
    with pytest.raises(ValueError, match="unknown record kind 'spleen'"):
        ops.create(store, "spleen", {})


def test_one_decision_per_discussion_and_one_agenda_item_per_patient(store: Store) -> None:
    ids = make_case(store)
    with pytest.raises(ValidationError, match="already has a decision"):
        ops.create(store, "decision", {"discussion_id": ids.discussion})
    with pytest.raises(ValidationError, match="already on this meeting's agenda"):
        ops.add_to_agenda(store, ids.meeting, ids.patient)


def test_validation_error_names_fields(store: Store) -> None:
    pid = ops.create(store, "patient", patient_values())
    with pytest.raises(ValidationError) as caught:
        ops.create(store, "performance", {"patient_id": pid, "date": "2024-13-01", "ecog": "x"})
    assert {e.field for e in caught.value.errors} == {"date", "ecog"}
    with pytest.raises(ValidationError) as caught:
        ops.create(store, "performance", {"patient_id": pid, "date": "2024-01-01", "ecog": 7})
    assert str(caught.value) == "ECOG: must be between 0 and 5 (got 7)"


# --- the agenda and meeting status ---------------------------------------------------------------


def test_agenda_order(store: Store) -> None:
    mid = ops.create(store, "meeting", {"starts_at": soon(), "title": "Board"})
    pids = [ops.create(store, "patient", patient_values(f"ZZ-{i}")) for i in range(3)]
    items = [ops.add_to_agenda(store, mid, pid, question=f"Q{i}") for i, pid in enumerate(pids)]
    agenda = q.get_meeting(store, mid).agenda
    assert [a.discussion.id for a in agenda] == items
    assert [a.discussion.position for a in agenda] == [0, 1, 2]
    ops.move_agenda_item(store, items[2], 0)
    agenda = q.get_meeting(store, mid).agenda
    assert [a.discussion.id for a in agenda] == [items[2], items[0], items[1]]
    assert [a.discussion.position for a in agenda] == [0, 1, 2]
    assert {a.discussion.version for a in agenda} == {1}
    assert q.audit_log(store, entity_id=items[2])[0].changes == {"position": (2, 0)}
    ops.move_agenda_item(store, items[2], 99)
    assert [a.discussion.id for a in q.get_meeting(store, mid).agenda][-1] == items[2]


def test_meeting_status_steps(store: Store) -> None:
    mid = ops.create(store, "meeting", {"starts_at": soon(), "title": "Board"})
    ops.set_meeting_status(store, mid, "in_session")
    ops.set_meeting_status(store, mid, v.MeetingStatus.PLANNED)
    ops.set_meeting_status(store, mid, v.MeetingStatus.FINALIZED)
    meeting = q.get_meeting(store, mid).meeting
    assert meeting.status == v.MeetingStatus.FINALIZED
    assert meeting.finalized_at is not None
    with pytest.raises(FinalizedError):
        ops.set_meeting_status(store, mid, v.MeetingStatus.IN_SESSION)
    actions = [e.changes.get("status") for e in reversed(q.audit_log(store, entity_id=mid))]
    assert actions[1:] == [
        ("planned", "in_session"), ("in_session", "planned"), ("planned", "finalized"),
    ]  # fmt: skip


def test_finalized_meeting_refuses_edits_but_takes_addenda(store: Store) -> None:
    ids = make_case(store)
    ops.set_meeting_status(store, ids.meeting, v.MeetingStatus.FINALIZED)
    snapshot = q.get_meeting(store, ids.meeting)
    refused = [
        lambda: ops.update(store, "decision", ids.decision, {"follow_up_weeks": 1},
                           expected_version=1),
        lambda: ops.update(store, "discussion", ids.discussion, {"notes": "x"},
                           expected_version=1),
        lambda: ops.update(store, "option", ids.option, {"stance": "later"}, expected_version=1),
        lambda: ops.update(store, "action", ids.action, {"done": True}, expected_version=1),
        lambda: ops.update(store, "attendance", ids.attendance, {"person": "X"},
                           expected_version=1),
        lambda: ops.update(store, "meeting", ids.meeting, {"title": "X"}, expected_version=2),
        lambda: ops.create(store, "option", {**SAMPLES["option"], "discussion_id": ids.discussion}),
        lambda: ops.create(store, "action", {"discussion_id": ids.discussion, "description": "x"}),
        lambda: ops.create(store, "attendance", {**SAMPLES["attendance"],
                                                 "meeting_id": ids.meeting}),
        lambda: ops.add_to_agenda(store, ids.meeting,
                                  ops.create(store, "patient", patient_values("ZZ-2"))),
        lambda: ops.delete(store, "decision", ids.decision),
        lambda: ops.delete(store, "attendance", ids.attendance),
        lambda: ops.delete(store, "patient", ids.patient),
        lambda: ops.move_agenda_item(store, ids.discussion, 0),
    ]  # fmt: skip
    for attempt in refused:
        with pytest.raises(FinalizedError) as caught:
            attempt()
        assert caught.value.meeting_id == ids.meeting
        assert "addendum" in str(caught.value)
    assert q.get_meeting(store, ids.meeting) == snapshot
    # The patient's own clinical record stays editable.
    ops.update(store, "lab", ids.lab, {"value": 300.0}, expected_version=1)
    addendum = ops.add_addendum(
        store, ids.meeting, "Follow-up interval corrected to 8 weeks.", discussion_id=ids.discussion
    )
    after = q.get_meeting(store, ids.meeting)
    assert [a.id for a in after.addenda] == [addendum]
    assert after.agenda[0].discussion.addenda[0].text.startswith("Follow-up interval corrected")
    assert q.audit_log(store, entity_id=addendum)[0].action == "create"


def test_addenda_are_append_only(store: Store) -> None:
    ids = make_case(store)
    ops.set_meeting_status(store, ids.meeting, v.MeetingStatus.FINALIZED)
    addendum = ops.create(
        store, "addendum", {"meeting_id": ids.meeting, "text": "Late note.", "author": "someone"}
    )
    (stored,) = q.get_meeting(store, ids.meeting).addenda
    assert (stored.id, stored.author, stored.text) == (addendum, "dr-tester", "Late note.")
    with pytest.raises(ValidationError, match="add another one"):
        ops.update(store, "addendum", addendum, {"text": "Edited"}, expected_version=1)
    with pytest.raises(FinalizedError):
        ops.delete(store, "addendum", addendum)
    assert q.get_meeting(store, ids.meeting).addenda == (stored,)


def test_addendum_must_name_a_discussion_of_that_meeting(store: Store) -> None:
    first = make_case(store, "ZZ-1")
    second = make_case(store, "ZZ-2")
    with pytest.raises(ValidationError, match="not on this meeting's agenda"):
        ops.add_addendum(store, first.meeting, "x", discussion_id=second.discussion)
    with pytest.raises(ValidationError, match="Addendum: is required"):
        ops.add_addendum(store, first.meeting, "   ")


def test_addendum_may_correct_the_plan_to_a_catalog_option(store: Store) -> None:
    ids = make_case(store)
    ops.set_meeting_status(store, ids.meeting, v.MeetingStatus.FINALIZED)
    fixed = ops.add_addendum(
        store,
        ids.meeting,
        "Plan corrected: lanreotide, not PRRT.",
        discussion_id=ids.discussion,
        plan_option_id="ssa_lanreotide",
    )
    (stored,) = q.get_meeting(store, ids.meeting).agenda[0].discussion.addenda
    assert (stored.id, stored.plan_option_id) == (fixed, "ssa_lanreotide")
    with pytest.raises(ValidationError, match="Corrected plan: 'magic' is not in the therapy"):
        ops.add_addendum(store, ids.meeting, "x", discussion_id=ids.discussion,
                         plan_option_id="magic")  # fmt: skip
    with pytest.raises(ValidationError, match="Corrected plan: a corrected plan concerns one"):
        ops.add_addendum(store, ids.meeting, "x", plan_option_id="ssa_lanreotide")
    plain = ops.add_addendum(store, ids.meeting, "A note.", discussion_id=ids.discussion)
    notes = q.get_meeting(store, ids.meeting).addenda
    assert next(a for a in notes if a.id == plain).plan_option_id is None


def test_navigator_phone_is_stored_and_checked(store: Store) -> None:
    ids = make_case(store)
    ops.update(store, "patient", ids.patient, {"navigator_phone": "+1 (555) 0123 ext 4"},
               expected_version=1)  # fmt: skip
    assert q.get_patient(store, ids.patient).navigator_phone == "+1 (555) 0123 ext 4"
    with pytest.raises(ValidationError, match=r"Navigator phone: digits, spaces .* got 'call Ann'"):
        ops.update(store, "patient", ids.patient, {"navigator_phone": "call Ann"},
                   expected_version=2)  # fmt: skip


def test_course_from_decision(store: Store) -> None:
    ids = make_case(store)
    course_id = ops.course_from_decision(store, ids.decision, ids.option, date(2026, 9, 15))
    course = next(c for c in q.get_case(store, ids.patient).therapies if c.id == course_id)
    assert course.option_id == "prrt_lu177_dotatate"
    assert course.modality == v.Modality.NUCLEAR_MEDICINE
    assert course.decision_id == ids.decision
    assert course.start_date == date(2026, 9, 15) and course.ongoing
    assert course.agent == "Lu-177 PRRT" or "177" in course.agent
    by_catalog_id = ops.course_from_decision(store, ids.decision, "everolimus", date(2026, 9, 1))
    other = next(c for c in q.get_case(store, ids.patient).therapies if c.id == by_catalog_id)
    assert other.modality == v.Modality.TARGETED
    with pytest.raises(ValidationError, match="'no_such_option' is not in the catalog"):
        ops.course_from_decision(store, ids.decision, "no_such_option", date(2026, 9, 1))


# --- delete and restore ----------------------------------------------------------------------


def test_delete_and_restore_a_patient(store: Store) -> None:
    ids = make_case(store)
    other = make_case(store, "ZZ-OTHER", meeting_days=5)
    ops.add_addendum(store, ids.meeting, "Note on the case.", discussion_id=ids.discussion)
    case = q.get_case(store, ids.patient)
    row = q.list_patients(store, search="ZZ-TEST").rows[0]
    deleted = ops.delete(store, "patient", ids.patient, expected_version=1)
    assert deleted.dependents == 13
    assert sorted(name for name, _row in deleted.rows) == sorted(
        ["patient", "tumor", "pathology_result", "staging_assessment", "imaging_study",
         "lab_result", "performance_status", "therapy_course", "toxicity", "case_discussion",
         "option_considered", "decision", "action_item", "addendum"]
    )  # fmt: skip
    assert deleted.rows[0][0] == "patient"
    with pytest.raises(NotFoundError):
        q.get_case(store, ids.patient)
    assert [r.id for r in q.list_patients(store).rows] == [other.patient]
    assert q.get_meeting(store, ids.meeting).agenda == ()
    assert q.get_case(store, other.patient).therapies  # nothing else went
    log = q.audit_log(store, entity_id=ids.patient)
    assert log[0].action == "delete" and log[0].changes["mrn"] == ("ZZ-TEST-0001", None)
    assert q.audit_log(store, entity_id=ids.pathology)[0].changes == {
        "deleted with": (None, f"patient {ids.patient}")
    }
    ops.restore(store, deleted)
    assert q.get_case(store, ids.patient) == case
    assert q.list_patients(store, search="ZZ-TEST").rows[0] == row
    assert q.audit_log(store, entity_id=ids.patient)[0].action == "restore"
    with pytest.raises(ConflictError):
        ops.restore(store, deleted)


def test_delete_restores_references_set_to_null(store: Store) -> None:
    ids = make_case(store)
    course_id = ops.course_from_decision(store, ids.decision, ids.option, date(2026, 9, 15))
    case = q.get_case(store, ids.patient)
    deleted_course = ops.delete(store, "therapy", ids.therapy)
    after = q.get_case(store, ids.patient)
    assert after.discussions[0].options[0].revisits_course_id is None
    assert after.discussions[0].options[0].version == 1  # a database-side SET NULL
    ops.restore(store, deleted_course)
    assert q.get_case(store, ids.patient) == case
    deleted_decision = ops.delete(store, "decision", ids.decision)
    linked = next(c for c in q.get_case(store, ids.patient).therapies if c.id == course_id)
    assert linked.decision_id is None
    ops.restore(store, deleted_decision)
    assert q.get_case(store, ids.patient) == case


def test_meeting_with_an_agenda_is_not_deleted(store: Store) -> None:
    ids = make_case(store)
    with pytest.raises(InUseError, match="1 agenda item"):
        ops.delete(store, "meeting", ids.meeting)
    assert q.get_meeting(store, ids.meeting).agenda
    empty = ops.create(store, "meeting", {"starts_at": soon(9), "title": "Spare"})
    attendance = ops.create(store, "attendance", {**SAMPLES["attendance"], "meeting_id": empty})
    snapshot = q.get_meeting(store, empty)
    deleted = ops.delete(store, "meeting", empty, expected_version=1)
    assert [name for name, _row in deleted.rows] == ["meeting", "attendance"]
    with pytest.raises(NotFoundError):
        q.get_meeting(store, empty)
    ops.restore(store, deleted)
    assert q.get_meeting(store, empty) == snapshot
    assert snapshot.attendance[0].id == attendance


def test_stale_delete_is_refused(store: Store) -> None:
    ids = make_case(store)
    ops.update(store, "lab", ids.lab, {"unit": "µg/L"}, expected_version=1)
    with pytest.raises(ConflictError, match="dr-tester"):
        ops.delete(store, "lab", ids.lab, expected_version=1)
    assert q.get_case(store, ids.patient).labs[0].unit == "µg/L"


def test_restore_refused_when_its_meeting_was_finalized_since(store: Store) -> None:
    ids = make_case(store)
    deleted = ops.delete(store, "action", ids.action)
    ops.set_meeting_status(store, ids.meeting, v.MeetingStatus.FINALIZED)
    with pytest.raises(FinalizedError):
        ops.restore(store, deleted)
    assert q.get_case(store, ids.patient).discussions[0].actions == ()


# --- the patient list columns stay current --------------------------------------------------------


def test_list_columns_follow_the_record(store: Store) -> None:
    pid = ops.create(store, "patient", patient_values())

    def row() -> tuple[object, ...]:
        r = q.list_patients(store).rows[0]
        return (r.primary_site, r.grade, r.ki67, r.next_review)

    assert row() == (None, None, None, None)
    tid = ops.create(store, "tumor", {**SAMPLES["tumor"], "patient_id": pid})
    assert row() == (v.PrimarySite.PANCREAS, None, None, None)
    ops.create(store, "pathology", {"tumor_id": tid, "date": date(2020, 1, 1), "ki67": 2.0})
    later = ops.create(
        store, "pathology", {"tumor_id": tid, "date": date(2023, 1, 1), "ki67": 30.0}
    )
    assert row() == (v.PrimarySite.PANCREAS, v.Grade.G3, 30.0, None)
    ops.delete(store, "pathology", later)
    assert row() == (v.PrimarySite.PANCREAS, v.Grade.G1, 2.0, None)
    old_meeting = ops.create(store, "meeting", {"starts_at": soon(-30), "title": "Earlier"})
    new_meeting = ops.create(store, "meeting", {"starts_at": soon(2), "title": "Later"})
    early = ops.add_to_agenda(store, old_meeting, pid)
    late = ops.add_to_agenda(store, new_meeting, pid)
    ops.create(store, "decision", {"discussion_id": late, "next_review": date(2026, 12, 1)})
    ops.create(store, "decision", {"discussion_id": early, "next_review": date(2026, 2, 1)})
    assert row()[3] == date(2026, 12, 1)  # the latest meeting's decision
    ops.update(store, "meeting", new_meeting, {"starts_at": soon(-60)}, expected_version=1)
    assert row()[3] == date(2026, 2, 1)
    ops.update(store, "patient", pid, {"family_name": "Renamed"}, expected_version=1)
    assert q.list_patients(store, search="renamed").total == 1
    assert q.list_patients(store, search="testperson").total == 0
    first_tumor = q.get_case(store, pid).tumors[0].id
    ops.delete(store, "tumor", first_tumor)
    assert row()[:3] == (None, None, None)
