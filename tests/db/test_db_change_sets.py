"""Writes say what changed (change sets) and live typing is a compare-and-set per field."""

from __future__ import annotations

from datetime import date

import pytest
from db_helpers import SAMPLES, make_case
from sqlalchemy import event

from netboard.db import operations as ops
from netboard.db import queries
from netboard.db.errors import ConflictError, FieldConflictError, FinalizedError, NotFoundError
from netboard.db.queries_audit import verify_audit
from netboard.db.store import Store
from netboard.domain.validation import ValidationError
from netboard.domain.vocab import Analyte, MeetingStatus

CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "SELECT PG_ADVISORY_XACT_LOCK")


def _decision(store: Store, ids) -> object:  # type: ignore[no-untyped-def]
    return queries.get_meeting(store, ids.meeting).agenda[0].discussion.decision


def test_set_fields_writes_one_field_and_says_what_changed(store: Store) -> None:
    ids = make_case(store)
    before = _decision(store, ids)
    changed = ops.set_fields(store, "decision", ids.decision, {"recommendation": "PRRT, 4 cycles"},
                             expected={"recommendation": before.recommendation})  # fmt: skip
    after = _decision(store, ids)
    assert after.recommendation == "PRRT, 4 cycles"
    assert after.version == before.version + 1
    [record] = changed.records
    assert (record.kind, record.entity_id, record.action) == ("decision", ids.decision, "update")
    assert record.version == after.version and changed.version_of(ids.decision) == after.version
    assert dict(record.values) == {"recommendation": "PRRT, 4 cycles"}
    assert changed.patients == {ids.patient} and changed.meetings == {ids.meeting}
    assert not changed.clinical and not changed.lists
    entry = queries.audit_log(store, entity_id=ids.decision, limit=1)[0]
    assert entry.action == "update" and entry.who == store.user
    assert entry.changes == {"recommendation": (before.recommendation, "PRRT, 4 cycles")}
    assert verify_audit(store).broken is None


@pytest.mark.parametrize(
    ("kind", "field", "value"),
    [("discussion", "question", "PRRT or everolimus?"), ("option", "rationale", "Renal reserve"),
     ("decision", "dissent_note", "Dr B: surgery first"), ("action", "owner", "Dr C")],
)  # fmt: skip
def test_set_fields_costs_three_statements(store: Store, kind: str, field: str, value: str) -> None:
    ids = make_case(store)
    entity_id = getattr(ids, kind)
    seen: list[str] = []

    def count(_c, _cur, statement, _p, _ctx, _many):  # type: ignore[no-untyped-def]
        if not statement.lstrip().upper().startswith(CONTROL):
            seen.append(statement)

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        changed = ops.set_fields(store, kind, entity_id, {field: value},
                                 expected={field: SAMPLES[kind].get(field, "")})  # fmt: skip
    finally:
        event.remove(store.engine, "before_cursor_execute", count)
    assert len(seen) == 3, seen
    assert changed.patients == {ids.patient} and changed.meetings == {ids.meeting}
    disc = queries.get_meeting(store, ids.meeting).agenda[0].discussion
    stored = {"discussion": disc, "option": disc.options[0], "decision": disc.decision,
              "action": disc.actions[0]}[kind]  # fmt: skip
    assert getattr(stored, field) == value


def test_a_change_of_the_same_field_is_a_conflict_naming_it(store: Store) -> None:
    ids = make_case(store)
    old = _decision(store, ids)
    ops.update(store, "decision", ids.decision, {"recommendation": "Octreotide LAR"},
               expected_version=old.version)  # fmt: skip
    with pytest.raises(FieldConflictError) as raised:
        ops.set_fields(store, "decision", ids.decision, {"recommendation": "Mine"},
                       expected={"recommendation": old.recommendation})  # fmt: skip
    assert raised.value.field == "recommendation"
    assert raised.value.label == "Recommendation"
    assert raised.value.current == "Octreotide LAR"
    assert raised.value.who == store.user
    assert isinstance(raised.value, ConflictError)
    assert _decision(store, ids).recommendation == "Octreotide LAR"


def test_someone_elses_change_of_another_field_is_no_conflict(store: Store) -> None:
    ids = make_case(store)
    old = _decision(store, ids)
    ops.update(store, "decision", ids.decision, {"dissent_note": "Dr B prefers surgery"},
               expected_version=old.version)  # fmt: skip
    ops.set_fields(store, "decision", ids.decision, {"recommendation": "Mine"},
                   expected={"recommendation": old.recommendation})  # fmt: skip
    now = _decision(store, ids)
    assert (now.recommendation, now.dissent_note) == ("Mine", "Dr B prefers surgery")


def test_set_fields_refuses_a_finalized_meeting_a_missing_record_and_bad_text(
    store: Store,
) -> None:
    ids = make_case(store)
    old = _decision(store, ids)
    with pytest.raises(ValidationError) as bad:
        ops.set_fields(store, "decision", ids.decision, {"recommendation": "x\x00y"},
                       expected={"recommendation": old.recommendation})  # fmt: skip
    assert bad.value.errors[0].field == "recommendation"
    with pytest.raises(NotFoundError):
        ops.set_fields(store, "decision", "no-such-id", {"recommendation": "x"},
                       expected={"recommendation": ""})  # fmt: skip
    ops.set_meeting_status(store, ids.meeting, MeetingStatus.FINALIZED)
    with pytest.raises(FinalizedError):
        ops.set_fields(store, "decision", ids.decision, {"recommendation": "late"},
                       expected={"recommendation": old.recommendation})  # fmt: skip
    assert _decision(store, ids).recommendation == old.recommendation


def test_list_fields_take_the_full_update_and_mark_the_list(store: Store) -> None:
    ids = make_case(store)
    old = _decision(store, ids)
    changed = ops.set_fields(store, "decision", ids.decision, {"next_review": date(2031, 1, 6)},
                             expected={"next_review": old.next_review})  # fmt: skip
    assert changed.lists
    assert queries.get_patient(store, ids.patient) is not None
    row = queries.list_patients(store, search="ZZ-TEST-0001").rows[0]
    assert row.next_review == date(2031, 1, 6)


def test_tracked_collects_what_each_write_changed(store: Store) -> None:
    ids = make_case(store)
    with ops.tracked() as log:
        lab = ops.create(store, "lab", {**SAMPLES["lab"], "patient_id": ids.patient,
                                        "analyte": Analyte.CHROMOGRANIN_A})  # fmt: skip
    created = log.result
    assert created.clinical and created.patients == {ids.patient}
    assert [(r.kind, r.entity_id, r.action) for r in created.records] == [("lab", lab, "create")]
    with ops.tracked() as log:
        ops.delete(store, "lab", lab)
    assert log.result.records[0].action == "delete" and log.result.patients == {ids.patient}
    with ops.tracked() as log, pytest.raises(ValidationError):
        ops.update(store, "lab", ids.lab, {"value": -5}, expected_version=1)
    assert log.result.empty  # rolled back: nothing to report
