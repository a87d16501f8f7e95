"""The offline case bundle file (``.nbx``): a zip of JSON parts and a manifest.

``manifest.json`` names the format, the schema revision, the source database id, when and by whom
it was exported, the exported records with their versions, and the SHA-256 of every part.
``base.json`` holds the records as exported (the common ancestor of a three-way merge) and
``records.json`` the records as they are now (after offline work). Reading checks everything and
refuses a bundle with one clear line (``BundleError``).
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netboard.db.bundle_rows import RowsByKind, info_value
from netboard.db.migrations.head import REVISIONS
from netboard.db.store_files import new_private_file

if TYPE_CHECKING:
    from netboard.db.store import Store

FORMAT = "netboard-bundle"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
BASE = "base.json"
RECORDS = "records.json"
PARTS = (BASE, RECORDS)
SUFFIX = ".nbx"
BUNDLE_FILE_KEY = "bundle_file"
"""The working copy's info entry naming the bundle it belongs to."""


class BundleError(ValueError):
    """The bundle cannot be used (corrupt, tampered, newer, already applied, foreign)."""


@dataclass(frozen=True)
class Bundle:
    path: Path
    manifest: dict[str, Any]
    base: RowsByKind
    records: RowsByKind

    @property
    def bundle_id(self) -> str:
        return str(self.manifest["bundle_id"])

    @property
    def source_database_id(self) -> str:
        return str(self.manifest["source_database_id"])


def bundle_of_working_copy(store: Store) -> Path | None:
    """The bundle a working copy belongs to (None for an ordinary database). Here, not in
    ``bundles``, so the window can ask at start-up without loading the merge and its writes."""
    found = info_value(store, BUNDLE_FILE_KEY)
    return Path(found) if found else None


def _dump(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def new_manifest(
    *, source_database_id: str, exported_by: str, scope: dict[str, Any], base: RowsByKind
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "bundle_id": str(uuid.uuid4()),
        "schema_revision": REVISIONS[-1],
        "source_database_id": source_database_id,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "exported_by": exported_by,
        "scope": scope,
        "versions": {
            kind: {str(r["id"]): r.get("version") for r in rows} for kind, rows in base.items()
        },
    }


def write_bundle(
    path: Path, manifest: dict[str, Any], base: RowsByKind, records: RowsByKind
) -> Path:
    """Write the zip beside ``path`` and move it into place only once complete."""
    path = Path(path).expanduser()
    parts = {BASE: _dump(base), RECORDS: _dump(records)}
    manifest = {**manifest, "parts": {name: sha256(data) for name, data in parts.items()}}
    manifest["saved_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex}.partial")
    new_private_file(partial)  # patient data: owner only (0600), whatever the umask
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(MANIFEST, _dump(manifest))
            for name, data in parts.items():
                archive.writestr(name, data)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def read_bundle(path: Path) -> Bundle:
    """Read and check a bundle; BundleError (one line) if it is unusable."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise BundleError(f"{path}: no such bundle file")
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if MANIFEST not in names:
                raise BundleError(f"{path} is not a NETboard case bundle (no {MANIFEST})")
            manifest = _json(path, MANIFEST, archive.read(MANIFEST))
            _check_manifest(path, manifest)
            data = {}
            for name in PARTS:
                if name not in names:
                    raise BundleError(f"{path}: the part {name} is missing; the bundle was refused")
                data[name] = archive.read(name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as exc:
        raise BundleError(f"{path} is not a readable case bundle (damaged zip: {exc})") from exc
    for name, blob in data.items():
        if sha256(blob) != manifest["parts"].get(name):
            raise BundleError(
                f"{path}: the part {name} does not match its SHA-256 in the manifest (changed "
                "after it was written); the bundle was refused and nothing was changed"
            )
    return Bundle(
        path, manifest, _json(path, BASE, data[BASE]), _json(path, RECORDS, data[RECORDS])
    )


def _json(path: Path, name: str, blob: bytes) -> Any:
    try:
        return json.loads(blob.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BundleError(f"{path}: the part {name} is not valid JSON ({exc})") from exc


def _check_manifest(path: Path, manifest: Any) -> None:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BundleError(f"{path} is not a NETboard case bundle (unknown manifest)")
    if int(manifest.get("format_version", 0)) > FORMAT_VERSION:
        raise BundleError(
            f"{path} was written in bundle format {manifest.get('format_version')}; this "
            f"NETboard reads up to {FORMAT_VERSION}. Update NETboard to import it."
        )
    revision = str(manifest.get("schema_revision"))
    if revision not in REVISIONS:
        raise BundleError(
            f"{path} was written by a newer NETboard (schema {revision}); this version knows "
            f"up to {REVISIONS[-1]}. Update NETboard to import it; nothing was changed."
        )
    for key in ("bundle_id", "source_database_id", "parts", "versions"):
        if key not in manifest:
            raise BundleError(f"{path}: the manifest has no {key}; the bundle was refused")
