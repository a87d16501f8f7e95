"""Two writers at once, 50 trials per race, on SQLite and PostgreSQL (issue 13): a finalized
meeting's decision never changes after the finalization committed, a patient is on an agenda once,
a discussion gets one decision, and clients creating a new database at once all succeed.
The 50-trial runs are in the stress tier (`make test-stress`); `make test` runs 5 of each.

The oracle for "after the finalization committed" is the server's own commit timestamps
(``track_commit_timestamp`` is on in the test server); on SQLite, the times the rows record.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack

import pytest
import sqlalchemy as sa
from db_helpers import SAMPLES, patient_values, soon
from pg_server import PgServer

from netboard.db import operations as ops
from netboard.db.errors import DbError, FinalizedError
from netboard.db.store import Store, head_revision
from netboard.domain import vocab as v
from netboard.domain.validation import ValidationError

TRIALS = 50  # the stress tier; `make test` runs each race QUICK times
QUICK = 5


@pytest.fixture(params=[
    pytest.param(QUICK, id="quick"),
    pytest.param(TRIALS, id="50-trials", marks=pytest.mark.stress),
])
def trials(request: pytest.FixtureRequest) -> int:
    return int(request.param)


def _race(*calls: Callable[[], object]) -> list[BaseException | None]:
    """Run the calls at the same moment in threads; each one's exception (or None)."""
    barrier = threading.Barrier(len(calls))
    results: list[BaseException | None] = [None] * len(calls)

    def run(i: int) -> None:
        barrier.wait()
        try:
            calls[i]()
        except BaseException as exc:  # collected and judged by the test
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture
def clients(db_url: str) -> Iterator[tuple[Store, Store, Store]]:
    """A setup store and two clients (separate engines: separate connections, as two programs)."""
    with ExitStack() as stack:
        stores = [stack.enter_context(Store.open(db_url, user=f"dr-{n}")) for n in "sab"]
        yield stores[0], stores[1], stores[2]


def _meeting_with_decision(store: Store) -> tuple[str, str, str]:
    pid = ops.create(store, "patient", patient_values(f"ZZ-{uuid.uuid4().hex[:10]}"))
    mid = ops.create(store, "meeting", {**SAMPLES["meeting"], "starts_at": soon()})
    did = ops.add_to_agenda(store, mid, pid)
    dec = ops.create(store, "decision", {**SAMPLES["decision"], "discussion_id": did})
    ops.set_meeting_status(store, mid, v.MeetingStatus.IN_SESSION)
    return pid, mid, dec


def _decision_changed_after_finalization(store: Store, meeting_id: str, decision_id: str) -> bool:
    with store.engine.connect() as conn:
        if store.is_sqlite:
            finalized = conn.execute(
                sa.text("SELECT finalized_at FROM meeting WHERE id = :id"), {"id": meeting_id}
            ).scalar_one()
            changed = conn.execute(
                sa.text("SELECT updated_at FROM decision WHERE id = :id"), {"id": decision_id}
            ).scalar_one()
            return finalized is not None and str(changed) > str(finalized)
        row = conn.execute(
            sa.text(
                "SELECT pg_xact_commit_timestamp(m.xmin) AS fin, "
                "pg_xact_commit_timestamp(d.xmin) AS dec, m.status FROM meeting m, decision d "
                "WHERE m.id = :m AND d.id = :d"
            ),
            {"m": meeting_id, "d": decision_id},
        ).one()
        return bool(row.status == "finalized" and row.dec > row.fin)


def test_finalization_and_a_decision_edit_serialize(
    clients: tuple[Store, Store, Store], trials: int
) -> None:
    setup, first, second = clients
    violations = edits_refused = 0
    for trial in range(trials):
        _pid, mid, dec = _meeting_with_decision(setup)
        results = _race(
            lambda: ops.set_meeting_status(first, mid, v.MeetingStatus.FINALIZED),  # noqa: B023
            lambda: ops.update(
                second, "decision", dec, {"recommendation": f"edit {trial}"},  # noqa: B023
                expected_version=1,
            ),
        )  # fmt: skip
        assert results[0] is None, results[0]
        assert results[1] is None or isinstance(results[1], FinalizedError), results[1]
        edits_refused += results[1] is not None
        violations += _decision_changed_after_finalization(setup, mid, dec)
    assert violations == 0
    assert 0 <= edits_refused <= trials


def test_a_patient_is_put_on_an_agenda_once(
    clients: tuple[Store, Store, Store], trials: int
) -> None:
    setup, first, second = clients
    for _ in range(trials):
        pid = ops.create(setup, "patient", patient_values(f"ZZ-{uuid.uuid4().hex[:10]}"))
        mid = ops.create(setup, "meeting", {**SAMPLES["meeting"], "starts_at": soon()})
        results = _race(
            lambda: ops.add_to_agenda(first, mid, pid),  # noqa: B023
            lambda: ops.add_to_agenda(second, mid, pid),  # noqa: B023
        )
        errors = [r for r in results if r is not None]
        assert len(errors) == 1, results
        assert isinstance(errors[0], ValidationError), errors[0]
        assert "already on this meeting's agenda" in str(errors[0])
        with setup.read() as conn:
            count = conn.execute(
                sa.text("SELECT count(*) FROM case_discussion WHERE meeting_id = :m"), {"m": mid}
            ).scalar_one()
        assert count == 1


def test_a_discussion_gets_one_decision(clients: tuple[Store, Store, Store], trials: int) -> None:
    setup, first, second = clients
    for _ in range(trials):
        pid = ops.create(setup, "patient", patient_values(f"ZZ-{uuid.uuid4().hex[:10]}"))
        mid = ops.create(setup, "meeting", {**SAMPLES["meeting"], "starts_at": soon()})
        did = ops.add_to_agenda(setup, mid, pid)
        values = {**SAMPLES["decision"], "discussion_id": did}
        results = _race(
            lambda: ops.create(first, "decision", values),  # noqa: B023
            lambda: ops.create(second, "decision", values),  # noqa: B023
        )
        errors = [r for r in results if r is not None]
        assert len(errors) == 1, results
        assert isinstance(errors[0], ValidationError), errors[0]
        assert "already has a decision" in str(errors[0])


@pytest.mark.postgres
def test_clients_creating_a_new_database_at_once_all_succeed(
    pg_server: PgServer, trials: int
) -> None:
    for trial in range(trials):  # each trial migrates a new database (about half a second)
        url = pg_server.create_database(f"race_new_{trial}_{uuid.uuid4().hex[:6]}")
        stores: list[Store] = []

        def open_one() -> None:
            stores.append(Store.open(url, user="dr-race"))  # noqa: B023

        results = _race(*[open_one] * 5)
        try:
            assert all(r is None for r in results), [r for r in results if r is not None]
            assert {s.current_revision() for s in stores} == {head_revision()}
        finally:
            for store in stores:
                store.close()
        assert not any(isinstance(r, DbError) for r in results)
