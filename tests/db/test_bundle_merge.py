"""Offline case bundles: export -> edit both sides -> import, on SQLite and PostgreSQL.

The oracle is what each side wrote (kept in the test), read back through db.queries on the board.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from db_helpers import CaseIds, make_case, patient_values

from netboard.db import operations as ops
from netboard.db import queries
from netboard.db.errors import NotFoundError
from netboard.db.store import Store
from netboard.domain import vocab as v
from netboard.interchange.bundles import (
    BundleError,
    export_bundle,
    import_bundle,
    open_working_copy,
    save_working_copy,
)

# One field per record kind that a physician may change offline, with the new value.
EDITS: dict[str, tuple[str, object]] = {
    "patient": ("notes", "Offline note."),
    "tumor": ("notes", "Offline tumor note."),
    "pathology": ("ki67", 12.0),
    "staging": ("stage_group", "IIIB"),
    "imaging": ("finding", "Offline finding."),
    "lab": ("value", 321.0),
    "performance": ("ecog", 2),
    "therapy": ("dose", "90 mg"),
    "toxicity": ("grade", 3),
    "meeting": ("location", "Room 9"),
    "attendance": ("person", "Dr. Other Example"),
    "discussion": ("question", "Offline question?"),
    "option": ("rationale", "Offline rationale."),
    "decision": ("recommendation", "Offline recommendation."),
    "action": ("owner", "Dr. Offline"),
}


class Flow:
    """A board database, one case, and a bundle of its meeting taken offline."""

    def __init__(self, board: Store, tmp: Path) -> None:
        self.board = board
        self.ids: CaseIds = make_case(board)
        self.path = tmp / "prep.nbx"
        export_bundle(board, self.path, meeting_id=self.ids.meeting)
        self.offline = open_working_copy(self.path, user="dr-laptop")

    def id_of(self, kind: str) -> str:
        return str(getattr(self.ids, kind))

    def version(self, store: Store, kind: str, entity_id: str) -> int:
        table = kind_row_version(store, kind, entity_id)
        assert table is not None
        return table

    def edit(self, store: Store, kind: str, field: str, value: object) -> None:
        entity_id = self.id_of(kind)
        ops.update(
            store,
            kind,
            entity_id,
            {field: value},
            expected_version=self.version(store, kind, entity_id),
        )

    def check_in(self, **kw: object):  # type: ignore[no-untyped-def]
        save_working_copy(self.offline, self.path)
        self.offline.close()
        return import_bundle(self.board, self.path, **kw)  # type: ignore[arg-type]


def kind_row_version(store: Store, kind: str, entity_id: str) -> int | None:
    from netboard.db import bundle_rows as br

    row = br.rows_by_id(store, {kind: [entity_id]})[kind].get(entity_id)
    return None if row is None else int(row.get("version", 1))


def value_of(store: Store, kind: str, entity_id: str, field: str) -> object:
    from netboard.db import bundle_rows as br

    row = br.rows_by_id(store, {kind: [entity_id]})[kind].get(entity_id)
    return None if row is None else row[field]


@pytest.fixture
def flow(store: Store, tmp_path: Path) -> Flow:
    made = Flow(store, tmp_path)
    yield made
    made.offline.close()


def audit_count(store: Store) -> int:
    return len(queries.audit_log(store, limit=100_000))


# --- add, one-side change, both-side conflict ---------------------------------------------


def test_records_added_offline_arrive_with_their_ids(flow: Flow) -> None:
    off, ids = flow.offline, flow.ids
    pid = ops.create(off, "patient", patient_values("ZZ-TEST-0002", "Offlineperson"))
    tid = ops.create(
        off, "tumor", {"patient_id": pid, "primary_site": "small_intestine", "histology": "net"}
    )
    new = {
        "pathology": ops.create(
            off, "pathology", {"tumor_id": ids.tumor, "date": date(2026, 1, 5), "ki67": 4.0}
        ),
        "staging": ops.create(
            off, "staging", {"tumor_id": tid, "date": date(2026, 1, 6), "t": "T3"}
        ),
        "imaging": ops.create(
            off,
            "imaging",
            {
                "patient_id": ids.patient,
                "date": date(2026, 1, 7),
                "modality": "ct",
                "finding": "New lesion.",
            },
        ),
        "lab": ops.create(
            off,
            "lab",
            {
                "patient_id": ids.patient,
                "date": date(2026, 1, 8),
                "analyte": "urine_5hiaa",
                "value": 12.0,
                "unit": "mg/24h",
            },
        ),
        "performance": ops.create(
            off, "performance", {"patient_id": pid, "date": date(2026, 1, 9), "ecog": 0}
        ),
        "therapy": ops.create(
            off,
            "therapy",
            {
                "patient_id": pid,
                "option_id": "ssa_octreotide_lar",
                "agent": "Octreotide LAR",
                "modality": "somatostatin_analog",
                "start_date": date(2026, 1, 10),
            },
        ),
        "attendance": ops.create(
            off,
            "attendance",
            {"meeting_id": ids.meeting, "person": "Dr. New", "discipline": "radiology"},
        ),
        "option": ops.create(
            off,
            "option",
            {"discussion_id": ids.discussion, "option_id": "everolimus", "stance": "alternative"},
        ),
        "action": ops.create(
            off, "action", {"discussion_id": ids.discussion, "description": "Offline action."}
        ),
    }
    new["toxicity"] = ops.create(
        off, "toxicity", {"course_id": new["therapy"], "term": "Nausea", "grade": 1}
    )
    new["discussion"] = ops.add_to_agenda(off, ids.meeting, pid, question="New case?")
    new["decision"] = ops.create(
        off, "decision", {"discussion_id": new["discussion"], "recommendation": "Offline decision."}
    )
    new["addendum"] = ops.add_addendum(off, ids.meeting, "Offline addendum.")
    new["patient"], new["tumor"] = pid, tid
    result = flow.check_in()
    assert result.applied
    for kind, entity_id in new.items():
        assert kind_row_version(flow.board, kind, entity_id) is not None, kind
    case = queries.get_case(flow.board, pid)
    assert case.patient.family_name == "Offlineperson"
    assert [t.agent for t in case.therapies] == ["Octreotide LAR"]
    agenda = queries.get_meeting(flow.board, ids.meeting).agenda
    assert [item.patient.id for item in agenda] == [ids.patient, pid]
    entry = queries.audit_log(flow.board, entity_id=None, limit=1)[0]
    assert (entry.entity, entry.action, entry.who) == ("bundle", "import", "dr-tester")


@pytest.mark.parametrize("kind", sorted(EDITS))
def test_a_change_on_one_side_only_takes_that_change(flow: Flow, kind: str) -> None:
    field, value = EDITS[kind]
    flow.edit(flow.offline, kind, field, value)
    # the board meanwhile edits another record: kept
    flow.edit(
        flow.board,
        "lab" if kind != "lab" else "imaging",
        "unit" if kind != "lab" else "finding",
        "board edit",
    )
    result = flow.check_in()
    assert result.plan.conflicts == ()
    assert value_of(flow.board, kind, flow.id_of(kind), field) == value
    other, other_field = ("lab", "unit") if kind != "lab" else ("imaging", "finding")
    assert value_of(flow.board, other, flow.id_of(other), other_field) == "board edit"


def test_different_fields_of_one_record_changed_on_both_sides_both_kept(flow: Flow) -> None:
    flow.edit(flow.offline, "decision", "recommendation", "Offline recommendation.")
    flow.edit(flow.board, "decision", "dissent_note", "Board note.")
    result = flow.check_in()
    assert result.plan.conflicts == ()
    decision = flow.id_of("decision")
    assert value_of(flow.board, "decision", decision, "recommendation") == "Offline recommendation."
    assert value_of(flow.board, "decision", decision, "dissent_note") == "Board note."


@pytest.mark.parametrize("kind", ["patient", "pathology", "therapy", "discussion", "decision"])
@pytest.mark.parametrize("prefer", ["ours", "theirs"])
def test_both_sides_changed_a_field_is_a_conflict_resolved_each_way(
    flow: Flow, kind: str, prefer: str
) -> None:
    field, value = EDITS[kind]
    board_value: object = {"ki67": 30.0}.get(field, "Board value.")
    flow.edit(flow.offline, kind, field, value)
    flow.edit(flow.board, kind, field, board_value)
    save_working_copy(flow.offline, flow.path)
    before = audit_count(flow.board)
    dry = import_bundle(flow.board, flow.path, dry_run=True)
    assert [c.choices for c in dry.plan.conflicts] == [(field,)]
    assert any(line.startswith("CONFLICT") for line in dry.report())
    with pytest.raises(ValueError, match="need a choice"):
        import_bundle(flow.board, flow.path)
    assert audit_count(flow.board) == before  # nothing written by either
    import_bundle(flow.board, flow.path, prefer=prefer)  # type: ignore[arg-type]
    expected = value if prefer == "theirs" else board_value
    assert value_of(flow.board, kind, flow.id_of(kind), field) == expected


def test_per_field_choices_override_the_preference(flow: Flow) -> None:
    flow.edit(flow.offline, "decision", "recommendation", "Offline recommendation.")
    flow.edit(flow.offline, "decision", "follow_up_weeks", 8)
    flow.edit(flow.board, "decision", "recommendation", "Board recommendation.")
    flow.edit(flow.board, "decision", "follow_up_weeks", 26)
    save_working_copy(flow.offline, flow.path)
    from netboard.interchange.bundles import plan_import, read_bundle

    plan = plan_import(flow.board, read_bundle(flow.path))
    (conflict,) = plan.conflicts
    choices = {conflict.key: {"recommendation": "theirs", "follow_up_weeks": "ours"}}
    import_bundle(flow.board, flow.path, choices=choices)  # type: ignore[arg-type]
    decision = flow.id_of("decision")
    assert value_of(flow.board, "decision", decision, "recommendation") == "Offline recommendation."
    assert value_of(flow.board, "decision", decision, "follow_up_weeks") == 26


# --- deletions ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["imaging", "lab", "therapy", "option", "action", "attendance"])
def test_a_deletion_offline_of_an_untouched_record_is_applied(flow: Flow, kind: str) -> None:
    ops.delete(flow.offline, kind, flow.id_of(kind))
    result = flow.check_in()
    assert any(c.description.startswith("deleted") for c in result.plan.changes)
    assert kind_row_version(flow.board, kind, flow.id_of(kind)) is None


@pytest.mark.parametrize("prefer", ["ours", "theirs"])
def test_deleted_offline_but_edited_on_the_board_is_a_conflict(flow: Flow, prefer: str) -> None:
    ops.delete(flow.offline, "imaging", flow.ids.imaging)
    flow.edit(flow.board, "imaging", "finding", "Board finding.")
    save_working_copy(flow.offline, flow.path)
    dry = import_bundle(flow.board, flow.path, dry_run=True)
    assert [(c.kind, c.deleted_by) for c in dry.plan.conflicts] == [("imaging", "theirs")]
    assert kind_row_version(flow.board, "imaging", flow.ids.imaging) is not None
    import_bundle(flow.board, flow.path, prefer=prefer)  # type: ignore[arg-type]
    kept = value_of(flow.board, "imaging", flow.ids.imaging, "finding")
    assert kept == ("Board finding." if prefer == "ours" else None)


def test_deleting_a_tumor_offline_never_takes_a_result_added_on_the_board(flow: Flow) -> None:
    ops.delete(flow.offline, "tumor", flow.ids.tumor)
    added = ops.create(
        flow.board, "pathology", {"tumor_id": flow.ids.tumor, "date": date(2026, 2, 1), "ki67": 9.0}
    )
    save_working_copy(flow.offline, flow.path)
    dry = import_bundle(flow.board, flow.path, dry_run=True)
    assert [(c.kind, c.deleted_by) for c in dry.plan.conflicts] == [("tumor", "theirs")]
    import_bundle(flow.board, flow.path, prefer="ours")
    assert kind_row_version(flow.board, "pathology", added) is not None
    assert kind_row_version(flow.board, "tumor", flow.ids.tumor) is not None


@pytest.mark.parametrize("prefer", ["ours", "theirs"])
def test_deleted_on_the_board_but_edited_offline_is_a_conflict(flow: Flow, prefer: str) -> None:
    flow.edit(flow.offline, "lab", "value", 999.0)
    ops.delete(flow.board, "lab", flow.ids.lab)
    save_working_copy(flow.offline, flow.path)
    dry = import_bundle(flow.board, flow.path, dry_run=True)
    assert [(c.kind, c.deleted_by) for c in dry.plan.conflicts] == [("lab", "ours")]
    import_bundle(flow.board, flow.path, prefer=prefer)  # type: ignore[arg-type]
    restored = value_of(flow.board, "lab", flow.ids.lab, "value")
    assert restored == (999.0 if prefer == "theirs" else None)


def test_deleted_on_the_board_and_untouched_offline_stays_deleted(flow: Flow) -> None:
    ops.delete(flow.board, "performance", flow.ids.performance)
    result = flow.check_in()
    assert result.plan.conflicts == ()
    assert any("deleted on the board" in note for note in result.plan.notes)
    assert kind_row_version(flow.board, "performance", flow.ids.performance) is None


# --- finalized meetings ---------------------------------------------------------------------


def test_a_finalized_meeting_is_never_changed_its_changes_become_proposed_addenda(
    flow: Flow,
) -> None:
    flow.edit(flow.offline, "decision", "recommendation", "Offline recommendation.")
    ops.create(
        flow.offline,
        "action",
        {"discussion_id": flow.ids.discussion, "description": "Offline action."},
    )
    flow.edit(flow.offline, "imaging", "finding", "Offline finding.")  # not meeting-scoped
    ops.set_meeting_status(flow.board, flow.ids.meeting, v.MeetingStatus.FINALIZED)
    before = queries.get_meeting(flow.board, flow.ids.meeting)
    flow.check_in()
    after = queries.get_meeting(flow.board, flow.ids.meeting)

    def discussions(m):  # type: ignore[no-untyped-def]
        return [replace(i.discussion, addenda=()) for i in m.agenda]

    assert discussions(after) == discussions(before)
    decision = flow.ids.decision
    assert value_of(flow.board, "decision", decision, "recommendation") == (
        "PRRT discussed as the preferred next option."
    )
    from netboard.db import bundle_rows as br

    rows = br.bundle_rows(flow.board, [flow.ids.patient], flow.ids.meeting)
    assert [a["id"] for a in rows["action"]] == [flow.ids.action]  # no action added
    texts = [a.text for a in after.addenda]
    assert len(texts) == 2
    assert any("Offline recommendation." in t and "Proposed" in t for t in texts)
    assert any("Offline action." in t for t in texts)
    assert value_of(flow.board, "imaging", flow.ids.imaging, "finding") == "Offline finding."


# --- refused bundles: nothing changes ---------------------------------------------------------


def _rewrite(path: Path, name: str, change) -> None:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    parts[name] = change(parts[name])
    with zipfile.ZipFile(path, "w") as archive:
        for n, data in parts.items():
            archive.writestr(n, data)


def _refused(flow: Flow, match: str) -> None:
    before = audit_count(flow.board)
    with pytest.raises(BundleError, match=match):
        import_bundle(flow.board, flow.path, prefer="theirs")
    assert audit_count(flow.board) == before
    assert value_of(flow.board, "imaging", flow.ids.imaging, "finding") != "Offline finding."


def test_a_tampered_part_is_refused(flow: Flow) -> None:
    flow.edit(flow.offline, "imaging", "finding", "Offline finding.")
    save_working_copy(flow.offline, flow.path)
    _rewrite(flow.path, "records.json", lambda b: b.replace(b"Offline", b"Altered"))
    _refused(flow, "SHA-256")


def test_a_bundle_of_a_newer_schema_is_refused(flow: Flow) -> None:
    flow.edit(flow.offline, "imaging", "finding", "Offline finding.")
    save_working_copy(flow.offline, flow.path)

    def newer(blob: bytes) -> bytes:
        manifest = json.loads(blob)
        manifest["schema_revision"] = "9999"
        return json.dumps(manifest).encode()

    _rewrite(flow.path, "manifest.json", newer)
    _refused(flow, "newer NETboard")


def test_a_corrupt_zip_is_refused(flow: Flow) -> None:
    flow.path.write_bytes(flow.path.read_bytes()[:200])
    _refused(flow, "not a readable case bundle|not a NETboard case bundle")


def test_a_bundle_imported_twice_is_refused_the_second_time(flow: Flow) -> None:
    flow.edit(flow.offline, "lab", "unit", "offline unit")
    flow.check_in()
    flow.edit(flow.board, "lab", "unit", "board unit")
    before = audit_count(flow.board)
    with pytest.raises(BundleError, match="already imported"):
        import_bundle(flow.board, flow.path, prefer="theirs")
    assert audit_count(flow.board) == before
    assert value_of(flow.board, "lab", flow.ids.lab, "unit") == "board unit"


def test_a_bundle_from_another_database_is_refused(flow: Flow, tmp_path: Path) -> None:
    other = Store.open(f"sqlite:///{tmp_path / 'other.db'}", user="dr-other")
    try:
        with pytest.raises(BundleError, match="another database"):
            import_bundle(other, flow.path)
    finally:
        other.close()


def test_an_import_that_fails_midway_leaves_nothing(flow: Flow) -> None:
    """A record the board cannot take (an MRN now used by another patient) aborts everything."""
    ops.create(flow.offline, "patient", patient_values("ZZ-TEST-0009", "Clash"))
    flow.edit(flow.offline, "imaging", "finding", "Offline finding.")
    ops.create(flow.board, "patient", patient_values("ZZ-TEST-0009", "Boardside"))
    save_working_copy(flow.offline, flow.path)
    before = audit_count(flow.board)
    with pytest.raises(ValueError, match="MRN"):
        import_bundle(flow.board, flow.path)
    assert audit_count(flow.board) == before
    assert value_of(flow.board, "imaging", flow.ids.imaging, "finding") != "Offline finding."
    with pytest.raises(NotFoundError):
        queries.get_patient(flow.board, "00000000-0000-0000-0000-000000000000")
