"""The files of an SQLite store: owner-only permissions, partial copies that never outlive a
failure, checked backups and restore.

Patient data is readable by its owner only: the data folder is 0700, the database, its -wal and
-shm, backups, pre-upgrade copies and partial files 0600, whatever the umask. A copy is written
to a hidden ``.NAME.<random>.partial`` file beside its target, held locked while it is written,
and renamed over the target only once it passed ``integrity_check``; partial files whose writer
died are removed the next time a store opens in that folder or a backup is made there.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path

from netboard.db import cipher
from netboard.db.cipher import Passphrase
from netboard.db.errors import StoreError

log = logging.getLogger(__name__)

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
SIDE_FILES = ("-wal", "-shm", "-journal")
PARTIAL_SUFFIXES = (".partial", ".creating", ".converting")
"""Endings of NETboard's own unfinished files (always hidden: they start with a dot)."""

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: a partial is left to its age
    fcntl = None  # type: ignore[assignment]
STALE_SECONDS = 3600.0
"""Without file locks, a partial file this old is taken as abandoned."""


def make_private_dir(folder: Path) -> None:
    """Create ``folder`` (and parents) with mode 0700; a folder that exists is left as it is."""
    if not folder.exists():
        folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
        with suppress(OSError):
            os.chmod(folder, PRIVATE_DIR)  # mkdir's mode is filtered by the umask


def make_private(path: Path) -> None:
    """Make ``path`` and its -wal/-shm owner-only (0600) when they exist and are ours."""
    for name in (str(path), *(f"{path}{side}" for side in SIDE_FILES)):
        with suppress(OSError):  # absent, or owned by someone else: nothing to tighten
            info = os.stat(name)
            if info.st_mode & 0o077 and info.st_uid == os.getuid():
                os.chmod(name, PRIVATE_FILE)


def new_private_file(path: Path) -> None:
    """Create ``path`` empty with mode 0600 (never replacing an existing file)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    os.close(fd)
    os.chmod(path, PRIVATE_FILE)  # the umask may have taken bits away, never added any


def partial_name(target: Path, suffix: str = ".partial") -> Path:
    return target.with_name(f".{target.name}.{uuid.uuid4().hex}{suffix}")


@contextmanager
def held_partial(target: Path, suffix: str = ".partial") -> Iterator[Path]:
    """A new private partial file beside ``target``, locked while the caller writes it and
    removed (with its side files) unless the caller moved it into place."""
    partial = partial_name(target, suffix)
    new_private_file(partial)
    lock = os.open(partial, os.O_RDONLY)
    try:
        if fcntl is not None:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield partial
    finally:
        os.close(lock)
        for name in (str(partial), *(f"{partial}{side}" for side in SIDE_FILES)):
            Path(name).unlink(missing_ok=True)


def remove_stale_partials(folder: Path, keep: Path | None = None) -> list[Path]:
    """Remove NETboard partial files in ``folder`` whose writer is gone; returns them. ``keep``
    (the database being opened) is never removed, whatever its name looks like."""
    removed: list[Path] = []
    try:
        candidates = [p for p in folder.iterdir() if _is_partial(p.name) and p.name != (
            keep.name if keep is not None else None)]  # fmt: skip
    except OSError:
        return removed
    for path in candidates:
        if _abandoned(path):
            for name in (str(path), *(f"{path}{side}" for side in SIDE_FILES)):
                with suppress(OSError):
                    Path(name).unlink(missing_ok=True)
            removed.append(path)
            log.info("Removed %s, left behind by an interrupted copy", path)
    return removed


def _is_partial(name: str) -> bool:
    return name.startswith(".") and name.endswith(PARTIAL_SUFFIXES)


def _abandoned(path: Path) -> bool:
    try:
        if fcntl is None:
            age = datetime.now(UTC).timestamp() - path.stat().st_mtime
            return age > STALE_SECONDS
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # its writer still holds it
    finally:
        os.close(fd)
    return True


# --- checks, backup, restore ---------------------------------------------------------------


def check_integrity(conn: sqlite3.Connection, *, quick: bool = False) -> list[str]:
    """SQLite's own verdict on a database: [] when it is sound, else the first problems."""
    pragma = "quick_check" if quick else "integrity_check"
    found = [str(row[0]) for row in conn.execute(f"PRAGMA {pragma}(5)")]
    return [] if found == ["ok"] else found


def _open_to_read(path: Path, key: Passphrase | None, timeout: float = 15) -> sqlite3.Connection:
    """``path`` opened without changing it (plain, or encrypted with ``key``)."""
    encrypted = key is not None and cipher.looks_encrypted(path)
    mode = cipher.read_mode(path, encrypted=encrypted)
    conn: sqlite3.Connection = cipher.connect(path, key, mode=mode, timeout=timeout)
    return conn


def copy_database(source_path: Path, target: Path, *, key: Passphrase | None = None) -> None:
    """Copy a database (SQLite online backup: safe while in use) to the new file ``target``.

    The source is checked first (``quick_check``) and the copy after (``integrity_check``); the
    copy is private (0600), a rollback-journal file that opens anywhere, and appears under its
    name only when it is sound. Nothing is left behind on failure. The copy of an encrypted
    source (``key``) is encrypted with the same passphrase (and a salt of its own).
    """
    make_private_dir(target.parent)
    remove_stale_partials(target.parent)
    encrypted = key is not None and cipher.looks_encrypted(source_path)
    source = _open_to_read(source_path, key)
    failures: tuple[type[Exception], ...] = (*cipher.errors(), OSError)  # drivers now loaded
    try:
        damage = check_integrity(source, quick=True)
        if damage:
            raise StoreError(
                f"{source_path} is damaged ({'; '.join(damage)}); no backup was made. "
                "Restore the newest good backup (netboard restore)."
            )
        with held_partial(target) as partial:
            dest = cipher.connect(partial, key if encrypted else None)
            try:
                source.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")
                damage = check_integrity(dest)
            finally:
                dest.close()
            if damage:
                found = "; ".join(damage)
                raise StoreError(f"The copy of {source_path} failed its check ({found}).")
            os.chmod(partial, PRIVATE_FILE)
            os.replace(partial, target)
    except failures as exc:
        if encrypted and isinstance(exc, cipher.database_errors()) and "not a database" in str(exc):
            raise cipher.WrongPassphraseError(source_path) from exc
        raise StoreError(f"Backup of {source_path} to {target} failed: {_why(exc)}.") from exc
    finally:
        source.close()


def _why(exc: Exception) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    text = str(exc)
    if "disk is full" in text or "SQLITE_FULL" in text:
        return "the disk is full"
    return text


def restore_database(
    backup: Path, target: Path, known: set[str], *, key: Passphrase | None = None
) -> Path | None:
    """Put the NETboard database ``backup`` in place of ``target``; returns where the file that
    was there is kept (0600, beside it), or None when there was none.

    The backup must be a sound NETboard database of a known schema revision (``known``); the
    current file must not be in use (its -wal is checkpointed away first, so no stale -wal can
    ever be read with the restored file). On any failure the current file is put back. ``key``
    opens an encrypted backup (and current file); the restored file stays encrypted.
    """
    from netboard.db.store_sqlite import inspect_sqlite_file

    backup, target = backup.expanduser(), target.expanduser()
    revision = inspect_sqlite_file(backup, read_only=True, key=key)
    if revision not in known:
        raise StoreError(f"{backup} was written by a newer NETboard (schema {revision}).")
    if target.exists() and backup.resolve() == target.resolve():
        raise StoreError("The backup is the database itself; choose a backup file.")
    _check_backup(backup, key)
    aside = _move_aside(target, key) if target.exists() else None
    try:
        copy_database(backup, target, key=key)
    except BaseException:
        if aside is not None:
            os.replace(aside, target)
        raise
    return aside


def _check_backup(backup: Path, key: Passphrase | None) -> None:
    conn = _open_to_read(backup, key)
    try:
        damage = check_integrity(conn)
    except cipher.database_errors() as exc:
        damage = [str(exc)]
    finally:
        conn.close()
    if damage:
        found = "; ".join(damage)
        raise StoreError(f"{backup} is damaged ({found}); it was not restored. Choose another one.")


def _move_aside(target: Path, key: Passphrase | None) -> Path:
    """Checkpoint ``target`` (refusing when another program has it open) and move it aside."""
    try:
        conn = cipher.connect(target, key, timeout=1, isolation_level=None)
        try:
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")  # fails while anyone has it open
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            conn.execute("COMMIT")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except cipher.database_errors() as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise StoreError(
                f"{target} is open in another program (or window); close it, then restore."
            ) from exc
        # otherwise a damaged current file (or one of another key): moved aside as it is
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    aside = target.with_name(f"{target.name}.before-restore-{stamp}.bak")
    os.replace(target, aside)
    wal = Path(f"{target}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        os.replace(wal, f"{aside}-wal")
    for side in SIDE_FILES:
        Path(f"{target}{side}").unlink(missing_ok=True)
    make_private(aside)
    log.info("Kept %s as %s before restoring", target, aside)
    return aside
