"""Audit entries for what leaves the database: exports and prints of patient data, bulk loads.

Reading a record changes nothing, but a PDF of it is patient data outside NETboard's reach: each
export or print is an audit entry per patient (what document, which file, by whom), in the same
hash chain as every change.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from netboard.db.operations_kinds import audit
from netboard.db.store import Store

log = logging.getLogger(__name__)

EXPORT = "export"
PRINT = "print"
BULK = "bulk"


def record_export(
    store: Store,
    patient_ids: Iterable[str],
    document: str,
    path: Path | str,
    *,
    action: str = EXPORT,
    entity: str = "patient",
) -> bool:
    """One audit entry per patient whose data went into ``document`` (written to ``path``, or
    sent to a printer); False when the database is open read-only and nothing could be noted.
    ``entity`` names another kind of record the ids belong to (a meeting's invitation)."""
    ids = list(dict.fromkeys(patient_ids))
    if not ids:
        return True
    if store.read_only:
        log.warning(
            "%s was opened read-only: the %s of %s is not recorded in its audit log",
            store.display_url, action, document,
        )  # fmt: skip
        return False
    with store.unit_of_work() as session:
        for patient_id in ids:
            audit(
                session, store.user, entity, patient_id, action,
                {"document": (None, document), "file": (None, str(path))},
            )  # fmt: skip
    return True


def record_bulk_load(store: Store, source: str, patient_ids: Iterable[str]) -> int:
    """One audit entry per patient a bulk loader added (the demo writer, an import)."""
    ids = list(patient_ids)
    with store.unit_of_work() as session:
        for patient_id in ids:
            audit(session, store.user, "patient", patient_id, BULK, {"source": (None, source)})
    return len(ids)


def record_print(store: Store, path: Path | str, printer: str) -> int:
    """Note that the PDF at ``path`` went to ``printer``: one entry per patient of the export
    that wrote that file (found among the latest exports); returns how many were noted."""
    from sqlalchemy import select

    from netboard.db.queries_rows import AUDIT

    wanted = str(path)
    with store.read() as conn:
        recent = conn.execute(
            select(AUDIT.c.entity_id, AUDIT.c.changes)
            .where(AUDIT.c.action == EXPORT)
            .order_by(AUDIT.c.seq.desc())
            .limit(2000)
        ).all()
    found = [(pid, changes) for pid, changes in recent if _file_of(changes) == wanted]
    if not found:
        return 0
    document = str((found[0][1].get("document") or [None, "document"])[1])
    record_export(store, [pid for pid, _ in found], document, f"{wanted} -> {printer}",
                  action=PRINT)  # fmt: skip
    return len(found)


def _file_of(changes: object) -> str | None:
    if not isinstance(changes, dict):
        return None
    pair = changes.get("file")
    return str(pair[1]) if isinstance(pair, list | tuple) and len(pair) == 2 else None
