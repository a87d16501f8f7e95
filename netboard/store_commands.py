"""``netboard restore`` and ``netboard audit``: putting a backup back, checking the audit log and
showing one patient's history.

``restore`` works on files, not on an opened store (the current file may be the damaged one), so
it sets ``path_func``; the audit commands open the database read-only.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netboard import config

if TYPE_CHECKING:
    from netboard.db.store import Store


def register(subparsers: Any) -> None:
    restore = subparsers.add_parser(
        "restore",
        help="put a backup in place of the database (the current file is kept aside)",
        description="Check the backup (integrity_check), keep the current database aside as "
        "<file>.before-restore-<time>.bak (owner-only), and copy the backup into its place. "
        "Close NETboard windows on that database first.",
    )
    restore.add_argument("backup", type=Path, metavar="BACKUP", help="the backup file")
    restore.set_defaults(path_func=_cmd_restore)

    audit = subparsers.add_parser(
        "audit",
        help="check the audit log's hash chain, or show one patient's history",
        description="`netboard audit verify` recomputes the hash chain of the audit log and names "
        "the first entry that does not follow (edited, removed or inserted directly in the "
        "database). `netboard audit MRN` lists every change, export and print of that "
        "patient's record, deleted records (and a deleted patient) included: who, when, "
        "before -> after.",
    )
    audit.add_argument("target", metavar="verify|MRN", help="'verify', or a patient's MRN")
    audit.add_argument("--json", action="store_true", help="history as JSON lines")
    audit.set_defaults(func=_cmd_audit, existing=True, read_only=True, upgrade=False)


def _cmd_restore(args: argparse.Namespace, url: str) -> int:
    from netboard.db.errors import StoreError
    from netboard.db.store import known_revisions
    from netboard.db.store_files import restore_database

    target = config.sqlite_path(url)
    if target is None:
        raise StoreError(
            f"{url} is not an SQLite file; restore a server database with the server's tools "
            "(for PostgreSQL: pg_restore)."
        )
    aside = restore_database(Path(args.backup), target.expanduser(), known_revisions())
    kept = f" The previous file is kept as {aside}." if aside is not None else ""
    print(f"Restored {target} from {args.backup}.{kept}")
    return 0


def _cmd_audit(args: argparse.Namespace, store: Store) -> int:
    if args.target == "verify":
        return _verify(store)
    return _history(store, args.target, as_json=args.json)


def _verify(store: Store) -> int:
    from netboard.db.queries_audit import verify_audit

    check = verify_audit(store)
    if check.broken is None:
        print(f"Audit log of {store.display_url}: {check.checked} entries, chain intact.")
        return 0
    print(f"Audit log of {store.display_url}: BROKEN at {check.broken.text}.")
    print(f"Entries before #{check.broken.seq} are intact; from there on they cannot be trusted.")
    return 2


def _history(store: Store, mrn: str, *, as_json: bool) -> int:
    from netboard.db.errors import NotFoundError
    from netboard.db.queries_audit import (
        deleted_patient_history,
        patient_history,
        patient_id_for_mrn,
    )

    patient_id = patient_id_for_mrn(store, mrn)
    entries = {e.id: e for e in deleted_patient_history(store, mrn)}
    if patient_id is not None:
        entries.update((e.id, e) for e in patient_history(store, patient_id))
    elif not entries:
        raise NotFoundError("patient with MRN", mrn)
    for entry in sorted(entries.values(), key=lambda e: (e.at, e.id)):
        if as_json:
            print(json.dumps({
                "at": entry.at.isoformat(), "who": entry.who, "entity": entry.entity,
                "entity_id": entry.entity_id, "action": entry.action,
                "changes": {k: list(v) for k, v in entry.changes.items()},
            }, ensure_ascii=False, default=str))  # fmt: skip
            continue
        print(f"{entry.at:%Y-%m-%d %H:%M:%S} UTC  {entry.who}  {entry.action} {entry.entity}")
        for name, (before, after) in sorted(entry.changes.items()):
            print(f"    {name}: {_shown(before)} -> {_shown(after)}")
    return 0


def _shown(value: object) -> str:
    if value is None or value == "":
        return "\u2014"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 120 else text[:117] + "..."
