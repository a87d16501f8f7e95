"""``netboard restore``, ``netboard audit`` and ``netboard db encrypt|decrypt``: putting a backup
back, checking the audit log, showing one patient's history, encryption at rest.

``restore`` and ``encrypt``/``decrypt`` work on files, not on an opened store (the current file
may be the damaged one; a file being converted must not be open), so they set ``path_func``; the
audit commands open the database read-only.
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
    _register_cipher(subparsers)


def _register_cipher(subparsers: Any) -> None:
    """``db encrypt`` and ``db decrypt``, beside the other ``db`` actions."""
    db = subparsers.choices["db"]
    actions = next(a for a in db._actions if isinstance(a, argparse._SubParsersAction))
    encrypt = actions.add_parser(
        "encrypt",
        help="encrypt the SQLite database with a passphrase (SQLCipher)",
        description="Encrypt the database file in place (a new file is written, checked, and "
        "only then put in place of the plain one). The passphrase comes from "
        "NETBOARD_PASSPHRASE or is asked twice; it is kept in the system keyring unless "
        "--no-keyring. Without the passphrase the data cannot be read by anyone.",
    )
    encrypt.add_argument("--no-keyring", action="store_true",
                         help="do not keep the passphrase in the system keyring")  # fmt: skip
    encrypt.set_defaults(path_func=_cmd_encrypt)
    decrypt = actions.add_parser(
        "decrypt",
        help="write an encrypted database back as a plain file",
        description="Decrypt the database file in place (checked before it replaces the "
        "encrypted one) and remove its passphrase from the system keyring.",
    )
    decrypt.set_defaults(path_func=_cmd_decrypt)


def _cmd_restore(args: argparse.Namespace, url: str) -> int:
    from netboard import passphrase
    from netboard.db.cipher import looks_encrypted
    from netboard.db.errors import StoreError
    from netboard.db.store import known_revisions
    from netboard.db.store_files import restore_database

    target = config.sqlite_path(url)
    if target is None:
        raise StoreError(
            f"{url} is not an SQLite file; restore a server database with the server's tools "
            "(for PostgreSQL: pg_restore)."
        )
    backup, target = Path(args.backup).expanduser(), target.expanduser()
    key = None
    if looks_encrypted(backup) or looks_encrypted(target):
        key = passphrase.known(target) or passphrase.known(backup)
        key = key or passphrase.ask_terminal(backup)
    aside = restore_database(backup, target, known_revisions(), key=key)
    kept = f" The previous file is kept as {aside}." if aside is not None else ""
    print(f"Restored {target} from {args.backup}.{kept}")
    return 0


def _sqlite_file(url: str, verb: str) -> Path:
    from netboard.db.errors import StoreError

    path = config.sqlite_path(url)
    if path is None:
        raise StoreError(
            f"{url} is a server database; only an SQLite file can be {verb} here (protect a "
            "server's data with the server's own disk encryption and TLS)."
        )
    demo = config.sqlite_path(config.demo_database_url())
    if demo is not None and path.expanduser().resolve() == demo.expanduser().resolve():
        raise StoreError("The demo database stays plain (its patients are fictional).")
    return path.expanduser()


def _cmd_encrypt(args: argparse.Namespace, url: str) -> int:
    from netboard import passphrase
    from netboard.db.cipher_files import encrypt_database
    from netboard.db.errors import StoreError

    path = _sqlite_file(url, "encrypted")
    key = passphrase.from_environment() or passphrase.ask_terminal(path, confirm=True)
    if key is None:
        raise StoreError(
            f"A passphrase is needed to encrypt {path}: type it when asked (on a terminal) or "
            f"set {passphrase.ENV}. Nothing was changed."
        )
    encrypt_database(path, key)
    print(f"Encrypted {path}.")
    why = "--no-keyring" if args.no_keyring else passphrase.save_in_keyring(path, key)
    if why is None:
        print(f"The passphrase is kept in the system keyring ({passphrase.SERVICE}, {path}).")
    else:
        print(f"The passphrase is not kept anywhere ({why}): without it nobody can read the "
              "data, so keep it safe.")  # fmt: skip
    print("Backups made before now are not encrypted; new backups are.")
    return 0


def _cmd_decrypt(args: argparse.Namespace, url: str) -> int:
    from netboard import passphrase
    from netboard.db.cipher_files import decrypt_database
    from netboard.db.errors import StoreError

    path = _sqlite_file(url, "decrypted")
    key = passphrase.known(path) or passphrase.ask_terminal(path)
    if key is None:
        raise StoreError(f"The passphrase of {path} is needed (asked on a terminal, or "
                         f"{passphrase.ENV}). Nothing was changed.")  # fmt: skip
    decrypt_database(path, key)
    passphrase.forget_in_keyring(path)
    print(f"Decrypted {path}: it is a plain SQLite file again (owner-only, 0600).")
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
