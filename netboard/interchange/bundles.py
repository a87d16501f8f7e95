"""Offline case bundles: check cases out of the board database, work on them in a working copy,
and merge the work back (``merge.plan_merge``) in one audited transaction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from netboard.db import bundle_rows as br
from netboard.db import queries
from netboard.db.bundle_apply import apply_steps
from netboard.db.operations import record_export
from netboard.db.store import Store
from netboard.interchange.bundle_file import (
    BUNDLE_FILE_KEY,
    SUFFIX,
    Bundle,
    BundleError,
    bundle_of_working_copy,
    new_manifest,
    read_bundle,
    write_bundle,
)
from netboard.interchange.merge import MergePlan, Rows, Side, plan_merge

__all__ = [
    "SUFFIX",
    "Bundle",
    "BundleError",
    "ImportResult",
    "bundle_of_working_copy",
    "export_bundle",
    "import_bundle",
    "open_working_copy",
    "plan_import",
    "prepare_working_copy",
    "read_bundle",
    "save_working_copy",
    "working_copy_path",
]


def patients_of_meeting(store: Store, meeting_id: str) -> list[str]:
    return [item.patient.id for item in queries.get_meeting(store, meeting_id).agenda]


def export_bundle(
    store: Store,
    path: Path,
    *,
    meeting_id: str | None = None,
    patient_ids: Iterable[str] = (),
) -> Bundle:
    """Write the patients' whole records (and the meeting with its discussions) to ``path``."""
    wanted = list(patient_ids)
    if meeting_id is not None:
        wanted += [p for p in patients_of_meeting(store, meeting_id) if p not in wanted]
    if not wanted and meeting_id is None:
        raise ValueError("Nothing to take offline: name a meeting or at least one patient")
    rows = br.bundle_rows(store, wanted, meeting_id)
    scope = {"meeting_id": meeting_id, "patient_ids": wanted}
    manifest = new_manifest(
        source_database_id=br.database_id(store), exported_by=store.user, scope=scope, base=rows
    )
    manifest["source"] = store.display_url.rsplit("/", 1)[-1]
    written = write_bundle(Path(path), manifest, rows, rows)
    exported = [str(r["id"]) for r in rows.get("patient", [])]
    record_export(store, exported, "offline case bundle (.nbx)", written)
    return Bundle(written, manifest, rows, rows)


# --- the working copy ---------------------------------------------------------------------------


def working_copy_path(bundle_path: Path) -> Path:
    """Where the offline working database of a bundle lives (beside it)."""
    bundle_path = Path(bundle_path).expanduser()
    stem = (
        bundle_path.name[: -len(SUFFIX)] if bundle_path.name.endswith(SUFFIX) else bundle_path.name
    )
    return bundle_path.with_name(f"{stem}.offline.sqlite")


def open_working_copy(bundle_path: Path, *, user: str) -> Store:
    """The bundle as a working SQLite database (made on first open, reused after)."""
    bundle = read_bundle(bundle_path)
    target = working_copy_path(bundle.path)
    existed = target.exists()
    store = Store.open(f"sqlite:///{target}", user=user)
    try:
        if existed:
            found = br.info_value(store, br.BUNDLE_ID_KEY)
            if found != bundle.bundle_id:
                raise BundleError(
                    f"{target} belongs to another bundle ({found}); "
                    f"move it away to open {bundle.path}"
                )
            return store
        br.load_rows(store, bundle.records)
        br.set_info(store, br.BUNDLE_ID_KEY, bundle.bundle_id)
        br.set_info(store, BUNDLE_FILE_KEY, str(bundle.path.resolve()))
    except BaseException:
        store.close()
        if not existed:
            target.unlink(missing_ok=True)
        raise
    return store


def prepare_working_copy(bundle_path: Path, *, user: str) -> Path:
    """Make (or check) the bundle's working copy and return its path (for the window to open)."""
    store = open_working_copy(bundle_path, user=user)
    store.close()
    return working_copy_path(bundle_path)


def save_working_copy(store: Store, bundle_path: Path) -> Path:
    """Write the working copy's records back into its bundle (the base stays as exported)."""
    bundle = read_bundle(bundle_path)
    if br.info_value(store, br.BUNDLE_ID_KEY) != bundle.bundle_id:
        raise BundleError(f"{store.display_url} is not the working copy of {bundle.path}")
    manifest = {**bundle.manifest, "edited_by": store.user}
    return write_bundle(bundle.path, manifest, bundle.base, br.all_rows(store))


# --- check in -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    plan: MergePlan
    applied: bool
    steps: int

    def report(self) -> list[str]:
        return self.plan.report()


def _by_id(rows: Mapping[str, list[br.Row]]) -> Rows:
    return {kind: {str(r["id"]): r for r in items} for kind, items in rows.items()}


def check_importable(store: Store, bundle: Bundle) -> None:
    source = br.database_id(store)
    if bundle.source_database_id != source:
        raise BundleError(
            f"{bundle.path} was taken from another database "
            f"({bundle.manifest.get('source', '?')}); "
            "bring it back to the database it came from. Nothing was changed."
        )
    done = br.applied_at(store, bundle.bundle_id)
    if done is not None:
        who, when = done
        raise BundleError(
            f"{bundle.path} was already imported by {who} on {when:%Y-%m-%d %H:%M} UTC; "
            "nothing was changed (take the cases offline again for new work)"
        )


def plan_import(store: Store, bundle: Bundle) -> MergePlan:
    """The merge of ``bundle`` into ``store`` as it is now (nothing written)."""
    check_importable(store, bundle)
    base, theirs = _by_id(bundle.base), _by_id(bundle.records)
    wanted = {k: set(base.get(k, {})) | set(theirs.get(k, {})) for k in br.KIND_ORDER}
    ours = br.rows_by_id(store, wanted)
    finalized = {
        mid for mid, row in ours.get("meeting", {}).items() if row.get("status") == "finalized"
    }
    discussion_meeting = {
        did: str(row["meeting_id"])
        for rows in (base, theirs, ours)
        for did, row in rows.get("discussion", {}).items()
    }
    deleted = [
        (kind, rid)
        for kind in br.KIND_ORDER
        for rid in base.get(kind, {})
        if rid not in theirs.get(kind, {}) and rid in ours.get(kind, {})
    ]
    cascades = br.cascades(store, deleted)
    extra = {
        k: {i for _, i in members if _ == k} for k in br.KIND_ORDER for members in cascades.values()
    }
    for kind, ids in br.rows_by_id(store, {k: v for k, v in extra.items() if v}).items():
        ours.setdefault(kind, {}).update(ids)
    return plan_merge(
        base,
        theirs,
        ours,
        finalized=finalized,
        discussion_meeting=discussion_meeting,
        cascades=cascades,
        source=bundle.path.name,
    )


def import_bundle(
    store: Store,
    path: Path,
    *,
    prefer: Side | None = None,
    choices: Mapping[str, Mapping[str, Side]] | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Merge the bundle at ``path`` into ``store`` (one transaction), or only plan it."""
    bundle = read_bundle(path)
    plan = plan_import(store, bundle)
    if dry_run:
        return ImportResult(plan, False, 0)
    steps = plan.steps(prefer, choices)
    records = sorted({f"{s.kind} {s.entity_id}" for s in steps})
    summary = {
        "bundle": bundle.path.name,
        "exported_by": bundle.manifest.get("exported_by"),
        "exported_at": bundle.manifest.get("exported_at"),
        "edited_by": bundle.manifest.get("edited_by"),
        "records": records,
    }
    apply_steps(store, bundle.bundle_id, steps, summary)
    return ImportResult(plan, True, len(steps))
