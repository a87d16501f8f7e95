"""The audit log is a hash chain: edits, removals and insertions made directly in the database are
found, and the first broken link is named (issue 13)."""

from __future__ import annotations

from datetime import datetime

import pytest
import sqlalchemy as sa
from db_helpers import make_case, patient_values

from netboard.db import operations as ops
from netboard.db.audit_chain import GENESIS, entry_digest
from netboard.db.queries_audit import patient_history, verify_audit
from netboard.db.store import Store


def _seq_of(store: Store, entity_id: str, action: str) -> int:
    with store.read() as conn:
        return int(
            conn.execute(
                sa.text("SELECT min(seq) FROM audit_entry WHERE entity_id = :e AND action = :a"),
                {"e": entity_id, "a": action},
            ).scalar_one()
        )


def _execute(store: Store, sql: str, **params: object) -> None:
    with store.engine.begin() as conn:
        conn.execute(sa.text(sql), params)


def test_untouched_log_verifies(store: Store) -> None:
    make_case(store)
    check = verify_audit(store)
    assert check.ok and check.checked >= 15


def test_an_edited_entry_is_the_first_broken_link(store: Store) -> None:
    pid = ops.create(store, "patient", patient_values("ZZ-1"))
    ops.update(store, "patient", pid, {"notes": "first"}, expected_version=1)
    ops.update(store, "patient", pid, {"notes": "second"}, expected_version=2)
    target = _seq_of(store, pid, "update")
    _execute(store, "UPDATE audit_entry SET who = 'someone-else' WHERE seq = :s", s=target)
    check = verify_audit(store)
    assert check.broken is not None
    assert check.broken.seq == target
    assert "someone-else" in check.broken.text and "changed" in check.broken.text


def test_a_removed_entry_is_found(store: Store) -> None:
    pid = ops.create(store, "patient", patient_values("ZZ-1"))
    ops.update(store, "patient", pid, {"notes": "first"}, expected_version=1)
    ops.update(store, "patient", pid, {"notes": "second"}, expected_version=2)
    target = _seq_of(store, pid, "update")
    _execute(store, "DELETE FROM audit_entry WHERE seq = :s", s=target)
    check = verify_audit(store)
    assert check.broken is not None and check.broken.seq == target + 1
    assert "missing" in check.broken.text


def test_a_forged_entry_without_the_chain_is_found(store: Store) -> None:
    pid = ops.create(store, "patient", patient_values("ZZ-1"))
    forged = entry_digest(
        GENESIS, 2, datetime(2026, 1, 1), "forger", "patient", pid, "update", {"notes": [None, "x"]}
    )
    _execute(
        store,
        "INSERT INTO audit_entry (id, at, who, entity, entity_id, action, changes, seq, digest) "
        "VALUES ('forged-1', '2026-01-01 00:00:00', 'forger', 'patient', :p, 'update', "
        "'{\"notes\": [null, \"x\"]}', 2, :d)",
        p=pid,
        d=forged,
    )
    check = verify_audit(store)
    assert check.broken is not None and check.broken.seq == 2


def test_patient_history_covers_the_whole_record(store: Store) -> None:
    ids = make_case(store)
    history = patient_history(store, ids.patient)
    entities = {entry.entity for entry in history}
    assert {"patient", "tumor", "pathology", "therapy", "discussion", "decision"} <= entities
    assert [e.at for e in history] == sorted(e.at for e in history)
    other = ops.create(store, "patient", patient_values("ZZ-OTHER"))
    assert all(e.entity_id != other for e in history)


def test_upgrade_chains_entries_written_before_the_chain(store: Store) -> None:
    make_case(store)
    store.downgrade("0007")
    _execute(
        store,
        "INSERT INTO audit_entry (id, at, who, entity, entity_id, action, changes) "
        "VALUES ('late-1', '2030-01-01 00:00:00', 'dr-old', 'patient', 'x', 'update', '{}')",
    )
    store.upgrade()
    check = verify_audit(store)
    assert check.ok and check.checked >= 16


@pytest.mark.postgres
def test_postgresql_author_is_the_database_role(pg_url: str) -> None:
    from netboard import cli

    store = cli._open(pg_url)
    try:
        assert store.user == "postgres"
    finally:
        store.close()
