"""The database itself refuses bad values (CHECK, NOT NULL, UNIQUE, foreign keys), so a write
that bypasses validation (a script, a bulk import, a bug) still cannot store nonsense."""

from __future__ import annotations

import sqlalchemy as sa
from db_helpers import CaseIds, make_case

from netboard.db.models import Base
from netboard.db.store import Store

# Constraint name -> (table, SET clause that breaks it). Every CHECK of the schema is listed (the
# enumeration CHECKs are generated below), and test_every_check_is_covered keeps it that way.
BAD_VALUES: dict[str, tuple[str, str]] = {
    "ck_tumor_size_nonneg": ("tumor", "primary_size_mm = -1"),
    "ck_pathology_result_ki67_range": ("pathology_result", "ki67 = 100.5"),
    "ck_pathology_result_mitoses_nonneg": ("pathology_result", "mitoses = -0.5"),
    "ck_staging_assessment_liver_burden_range": ("staging_assessment", "liver_burden_pct = 101"),
    "ck_imaging_study_krenning": ("imaging_study", "krenning = 5"),
    "ck_imaging_study_lesion": ("imaging_study", "largest_lesion_mm = -3"),
    "ck_lab_result_value_nonneg": ("lab_result", "value = -1"),
    "ck_performance_status_ecog_range": ("performance_status", "ecog = 6"),
    "ck_performance_status_weight_range": ("performance_status", "weight_kg = 0"),
    "ck_staging_assessment_lesion_count_nonneg": ("staging_assessment", "lesion_count = -1"),
    "ck_therapy_course_end_after_start": ("therapy_course", "end_date = '2019-03-31'"),
    "ck_therapy_course_cycles_nonneg": ("therapy_course", "cycles = -1"),
    "ck_toxicity_ctcae_range": ("toxicity", "grade = 0"),
    "ck_case_discussion_time_nonneg": ("case_discussion", "time_spent_s = -5"),
    "ck_decision_follow_up": ("decision", "follow_up_weeks = -2"),
}
ALSO_BAD: list[tuple[str, str]] = [
    ("pathology_result", "ki67 = -0.1"),
    ("toxicity", "grade = 6"),
    ("performance_status", "ecog = -1"),
    ("imaging_study", "krenning = -1"),
]

ENUM_COLUMNS: list[tuple[str, str, str]] = [
    (table.name, column.name, f"ck_{table.name}_{column.type.name}")
    for table in Base.metadata.sorted_tables
    for column in table.columns
    if isinstance(column.type, sa.Enum)
]

TABLE_ID = {
    "patient": "patient", "tumor": "tumor", "pathology_result": "pathology",
    "staging_assessment": "staging", "imaging_study": "imaging", "lab_result": "lab",
    "performance_status": "performance", "therapy_course": "therapy", "toxicity": "toxicity",
    "meeting": "meeting", "attendance": "attendance", "case_discussion": "discussion",
    "option_considered": "option", "decision": "decision", "action_item": "action",
}  # fmt: skip


def _accepted(store: Store, sql: str, params: dict[str, object]) -> bool:
    """True when the database took the statement (the transaction is rolled back either way)."""
    with store.engine.connect() as conn:
        transaction = conn.begin()
        try:
            conn.execute(sa.text(sql), params)
        except sa.exc.IntegrityError:
            return False
        finally:
            transaction.rollback()
    return True


def _refused(store: Store, sql: str, params: dict[str, object]) -> None:
    assert not _accepted(store, sql, params), sql


def _breaks(store: Store, ids: CaseIds, table: str, assignment: str) -> bool:
    row_id = getattr(ids, TABLE_ID[table])
    return not _accepted(store, f"UPDATE {table} SET {assignment} WHERE id = :id", {"id": row_id})


def _break(store: Store, ids: CaseIds, table: str, assignment: str) -> None:
    assert _breaks(store, ids, table, assignment), f"{table}: {assignment} was accepted"


def test_every_check_is_covered(store: Store) -> None:
    with store.engine.connect() as conn:
        inspector = sa.inspect(conn)
        names = {
            check["name"]
            for table in inspector.get_table_names()
            for check in inspector.get_check_constraints(table)
        }
    covered = set(BAD_VALUES) | {name for _t, _c, name in ENUM_COLUMNS}
    assert names == covered


def test_check_constraints_refuse_bad_values(store: Store) -> None:
    ids = make_case(store)
    accepted = [
        name for name, (table, assignment) in BAD_VALUES.items()
        if not _breaks(store, ids, table, assignment)
    ]  # fmt: skip
    accepted += [f"{t}: {a}" for t, a in ALSO_BAD if not _breaks(store, ids, t, a)]
    assert accepted == []
    # The valid row itself is accepted (the statements above fail for their values only).
    assert _accepted(store, "UPDATE toxicity SET grade = 5 WHERE id = :id", {"id": ids.toxicity})


def test_enumeration_checks_refuse_unknown_values(store: Store) -> None:
    ids = make_case(store)
    assert {table for table, _c, _n in ENUM_COLUMNS} <= set(TABLE_ID)
    accepted = [
        f"{table}.{column}" for table, column, _name in ENUM_COLUMNS
        if not _breaks(store, ids, table, f"{column} = 'not-a-value'")
    ]  # fmt: skip
    assert accepted == []


def test_required_unique_and_referenced(store: Store) -> None:
    ids = make_case(store)
    _break(store, ids, "patient", "family_name = NULL")
    _break(store, ids, "lab_result", "value = NULL")
    _refused(
        store,
        "INSERT INTO patient (id, mrn, family_name, given_name, sex, status, home_institution, "
        "treating_physician, nurse_navigator, notes, search_key, version, created_at, updated_at) "
        "VALUES ('x1', 'ZZ-TEST-0001', 'Copy', '', 'female', 'active', '', '', '', '', '', 1, "
        "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
        {},
    )
    _break(store, ids, "tumor", "patient_id = 'no-such-patient'")
    # RESTRICT: a meeting with an agenda stays.
    _refused(store, "DELETE FROM meeting WHERE id = :id", {"id": ids.meeting})
    _refused(
        store,
        "INSERT INTO decision (id, discussion_id, recommendation, agreement, dissent_note, "
        "version, created_at, updated_at) VALUES ('d2', :d, '', 'consensus', '', 1, "
        "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
        {"d": ids.discussion},
    )


def test_cascade_goes_no_further_than_the_patient(store: Store) -> None:
    ids = make_case(store)
    with store.engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM patient WHERE id = :id"), {"id": ids.patient})
    with store.engine.connect() as conn:
        remaining = {
            table: conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()
            for table in ("tumor", "pathology_result", "toxicity", "case_discussion", "decision",
                          "option_considered", "action_item", "meeting", "attendance")
        }  # fmt: skip
    assert remaining == {
        "tumor": 0, "pathology_result": 0, "toxicity": 0, "case_discussion": 0, "decision": 0,
        "option_considered": 0, "action_item": 0, "meeting": 1, "attendance": 1,
    }  # fmt: skip
