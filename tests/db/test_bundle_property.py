"""Property: random edit sequences on the board and on an offline copy merge with no acknowledged
edit lost. The oracle is the log of what each side wrote, not the merge code."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

from db_helpers import CaseIds, make_case
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netboard.db import bundle_rows as br
from netboard.db import operations as ops
from netboard.db.store import Store
from netboard.interchange.bundles import (
    export_bundle,
    import_bundle,
    open_working_copy,
    save_working_copy,
)

TEXT_FIELDS = [
    ("patient", "notes"),
    ("tumor", "notes"),
    ("imaging", "finding"),
    ("lab", "unit"),
    ("therapy", "dose"),
    ("discussion", "question"),
    ("decision", "recommendation"),
    ("option", "rationale"),
    ("action", "owner"),
    ("attendance", "person"),
]
DELETABLE = ["imaging", "lab", "action"]
WORDS = ["alpha", "beta", "gamma", "delta"]
SIDES = ("ours", "theirs")

edit = st.one_of(
    st.tuples(
        st.just("edit"),
        st.sampled_from(SIDES),
        st.sampled_from(TEXT_FIELDS),
        st.sampled_from(WORDS),
    ),
    st.tuples(st.just("delete"), st.sampled_from(SIDES), st.sampled_from(DELETABLE), st.none()),
    st.tuples(st.just("add"), st.sampled_from(SIDES), st.just("lab"), st.sampled_from(WORDS)),
)

_counter = itertools.count()


def _row(store: Store, kind: str, entity_id: str) -> dict[str, object] | None:
    return br.rows_by_id(store, {kind: [entity_id]})[kind].get(entity_id)


def _apply(store: Store, ids: CaseIds, op: tuple, log: dict) -> None:  # type: ignore[type-arg]
    action, _side, what, value = op
    if action == "add":
        new = ops.create(
            store,
            "lab",
            {
                "patient_id": ids.patient,
                "date": date(2026, 1, 1),
                "analyte": "nse",
                "value": 1.0,
                "unit": value,
            },
        )
        log["added"].append(new)
        return
    kind = what[0] if action == "edit" else what
    entity_id = str(getattr(ids, kind))
    if kind in log["deleted"]:
        return  # this side deleted it already: nothing to edit
    if action == "delete":
        ops.delete(store, kind, entity_id)
        log["deleted"].add(kind)
        return
    row = _row(store, kind, entity_id)
    assert row is not None
    ops.update(store, kind, entity_id, {what[1]: value}, expected_version=int(row["version"]))
    log["edits"][what] = value


def _expected(base: object, ours: dict, theirs: dict, key: tuple, prefer: str):  # type: ignore[no-untyped-def,type-arg]
    """(present, value) the board must show for one field, from the two sides' logs."""
    kind = key[0]
    o_del, t_del = kind in ours["deleted"], kind in theirs["deleted"]
    o_val, t_val = ours["edits"].get(key, base), theirs["edits"].get(key, base)
    o_changed, t_changed = o_val != base, t_val != base
    o_any = any(k[0] == kind for k, val in ours["edits"].items() if val != base) or False
    t_any = any(k[0] == kind for k, val in theirs["edits"].items() if val != base) or False
    if o_del and t_del:
        return False, None
    if t_del:
        gone = not o_any or prefer == "theirs"
        return (False, None) if gone else (True, o_val)
    if o_del:
        back = t_any and prefer == "theirs"
        return (True, t_val) if back else (False, None)
    if o_changed and t_changed and o_val != t_val:
        return True, (o_val if prefer == "ours" else t_val)
    return True, (t_val if t_changed else o_val)


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops_list=st.lists(edit, min_size=2, max_size=12), prefer=st.sampled_from(SIDES))
def test_random_edits_on_both_sides_merge_without_losing_an_acknowledged_edit(
    store: Store,
    tmp_path: Path,
    ops_list: list,
    prefer: str,  # type: ignore[type-arg]
) -> None:
    n = next(_counter)
    ids = make_case(store, f"ZZ-PROP-{n:04d}")
    path = tmp_path / f"prop-{n}.nbx"
    export_bundle(store, path, meeting_id=ids.meeting)
    base = {key: _row(store, key[0], str(getattr(ids, key[0])))[key[1]] for key in TEXT_FIELDS}  # type: ignore[index]
    offline = open_working_copy(path, user="dr-laptop")
    logs = {side: {"edits": {}, "deleted": set(), "added": []} for side in SIDES}
    try:
        for op in ops_list:
            _apply(store if op[1] == "ours" else offline, ids, op, logs[op[1]])
        save_working_copy(offline, path)
    finally:
        offline.close()
    import_bundle(store, path, prefer=prefer)  # type: ignore[arg-type]
    for key in TEXT_FIELDS:
        present, value = _expected(base[key], logs["ours"], logs["theirs"], key, prefer)
        row = _row(store, key[0], str(getattr(ids, key[0])))
        assert (row is not None) == present, (key, logs)
        if row is not None:
            assert row[key[1]] == value, (key, logs)
    for side in SIDES:
        for added in logs[side]["added"]:
            assert _row(store, "lab", added) is not None
