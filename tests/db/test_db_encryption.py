"""Encryption at rest (issue 13): `netboard db encrypt|decrypt`, an encrypted file's bytes hold no
patient name and no SQLite header, and every store feature works on it: open, read-only open,
backup (which stays encrypted), restore, audit verify. A wrong or missing passphrase is a clear
typed error. The keyring is keyring's own API with an in-memory backend installed
(tests/keyring_memory.py); elsewhere the suite runs on keyring's null backend."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from keyring_memory import MemoryKeyring

from netboard import cli, config, passphrase
from netboard.db import operations as ops
from netboard.db import queries as q
from netboard.db.cipher import Passphrase, PassphraseNeededError, WrongPassphraseError
from netboard.db.store import Store

SECRET = "board-room 7 plum"
MARKER = "Zorbulonperson"  # a fictional family name to look for in the file's bytes


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


@pytest.fixture
def plain_db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "cases.db"
    with Store.open(_url(path), user="dr-tester") as store:
        pid = ops.create(store, "patient", {"mrn": "ZZ-ENC-1", "family_name": MARKER})
        ops.update(store, "patient", pid, {"notes": "seen by the board"}, expected_version=1)
        ops.create(store, "patient", {"mrn": "ZZ-ENC-2", "family_name": "Plumperson"})
    return path


@pytest.fixture
def encrypted_db(
    plain_db: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> Path:
    monkeypatch.setenv(passphrase.ENV, SECRET)
    assert cli.main(["--db", _url(plain_db), "db", "encrypt"]) == 0
    monkeypatch.delenv(passphrase.ENV)  # from here on the keyring holds it
    return plain_db


def _mrns(path: Path, key: Passphrase | None = None, *, read_only: bool = True) -> set[str]:
    with Store.open(_url(path), user="dr-check", read_only=read_only, key=key) as store:
        return {row.mrn for row in q.list_patients(store, limit=100).rows}


def _assert_encrypted(path: Path) -> None:
    data = path.read_bytes()
    assert not data.startswith(b"SQLite format 3")
    for needle in (MARKER, MARKER.lower(), "ZZ-ENC-1", "seen by the board"):
        assert needle.encode() not in data, needle
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_encrypt_leaves_no_name_and_no_header_in_the_file(
    plain_db: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    assert MARKER.encode() in plain_db.read_bytes()  # the oracle sees names in a plain file
    monkeypatch.setenv(passphrase.ENV, SECRET)
    assert cli.main(["--db", _url(plain_db), "db", "encrypt"]) == 0
    assert "kept in the system keyring" in capsys.readouterr().out
    _assert_encrypted(plain_db)
    assert sorted(p.name for p in plain_db.parent.iterdir()) == ["cases.db"]  # no -wal, partial
    user = passphrase.keyring_user(plain_db)
    assert memory_keyring.entries == {(passphrase.SERVICE, user): SECRET}
    assert _mrns(plain_db, Passphrase(SECRET)) == {"ZZ-ENC-1", "ZZ-ENC-2"}


def test_every_store_feature_works_on_an_encrypted_database(
    encrypted_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _url(encrypted_db)
    assert cli.main(["--db", url, "db", "current"]) == 0  # read-only open, key from the keyring
    assert "up to date" in capsys.readouterr().out
    key = Passphrase(SECRET)
    with Store.open(url, user="dr-tester", key=key) as store:  # read-write
        assert store.encrypted
        ops.create(store, "patient", {"mrn": "ZZ-ENC-3", "family_name": "Laterperson"})
        found = q.list_patients(store, search="laterpers").rows  # the trigram index came along
        assert [row.mrn for row in found] == ["ZZ-ENC-3"]
        with store.read() as conn:
            assert conn.exec_driver_sql("PRAGMA cipher_version").scalar()  # SQLCipher itself
    _assert_encrypted(encrypted_db)
    backup = tmp_path / "backup.db"
    assert cli.main(["--db", url, "backup", str(backup)]) == 0
    _assert_encrypted(backup)
    assert _mrns(backup, key) == {"ZZ-ENC-1", "ZZ-ENC-2", "ZZ-ENC-3"}
    with Store.open(url, user="dr-tester", key=key) as store:
        ops.create(store, "patient", {"mrn": "ZZ-ENC-4", "family_name": "Afterperson"})
    assert cli.main(["--db", url, "restore", str(backup)]) == 0
    _assert_encrypted(encrypted_db)
    assert _mrns(encrypted_db, key) == {"ZZ-ENC-1", "ZZ-ENC-2", "ZZ-ENC-3"}
    capsys.readouterr()
    assert cli.main(["--db", url, "audit", "verify"]) == 0
    assert "chain intact" in capsys.readouterr().out


def test_read_only_open_changes_no_byte_of_an_encrypted_file(encrypted_db: Path) -> None:
    before = hashlib.sha256(encrypted_db.read_bytes()).hexdigest()
    listing = sorted(p.name for p in encrypted_db.parent.iterdir())
    assert _mrns(encrypted_db, Passphrase(SECRET)) == {"ZZ-ENC-1", "ZZ-ENC-2"}
    assert hashlib.sha256(encrypted_db.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in encrypted_db.parent.iterdir()) == listing


def test_a_report_on_an_encrypted_backup_leaves_it_unchanged(
    encrypted_db: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    backup = tmp_path / "backup.db"
    assert cli.main(["--db", _url(encrypted_db), "backup", str(backup)]) == 0
    before = backup.read_bytes()
    pdf = tmp_path / "sheet.pdf"
    args = ["--db", _url(backup), "report", "case", "ZZ-ENC-1", "-o", str(pdf)]
    monkeypatch.setenv(passphrase.ENV, SECRET)  # the keyring knows the database, not the copy
    assert cli.main(args) == 0
    monkeypatch.delenv(passphrase.ENV)
    assert backup.read_bytes() == before
    assert "not recorded in its audit log" in caplog.text
    live = ["--db", _url(encrypted_db), "report", "case", "ZZ-ENC-1", "-o", str(pdf)]
    assert cli.main(live) == 0  # the live file is written: the export is audited there
    with Store.open(_url(encrypted_db), user="dr-check", read_only=True,
                    key=Passphrase(SECRET)) as store:  # fmt: skip
        assert any(e.action == "export" for e in q.audit_log(store))


def test_a_wrong_or_missing_passphrase_is_a_clear_error_and_changes_nothing(
    encrypted_db: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    before = encrypted_db.read_bytes()
    with pytest.raises(WrongPassphraseError, match="passphrase does not open"):
        Store.open(_url(encrypted_db), user="dr-tester", key=Passphrase("not it"))
    monkeypatch.setenv(passphrase.ENV, "not it either")
    assert cli.main(["--db", _url(encrypted_db), "db", "current"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "The passphrase does not open" in err
    monkeypatch.delenv(passphrase.ENV)
    memory_keyring.entries.clear()
    with pytest.raises(PassphraseNeededError, match="no passphrase was given"):
        Store.open(_url(encrypted_db), user="dr-tester")
    assert cli.main(["--db", _url(encrypted_db), "db", "current"]) == 1  # no terminal to ask
    assert "no passphrase was given" in capsys.readouterr().err
    assert encrypted_db.read_bytes() == before


def test_decrypt_gives_back_the_plain_file_and_forgets_the_passphrase(
    encrypted_db: Path, memory_keyring: MemoryKeyring
) -> None:
    assert cli.main(["--db", _url(encrypted_db), "db", "decrypt"]) == 0
    assert encrypted_db.read_bytes().startswith(b"SQLite format 3\x00")
    assert stat.S_IMODE(encrypted_db.stat().st_mode) == 0o600
    assert memory_keyring.entries == {}
    assert _mrns(encrypted_db, read_only=False) == {"ZZ-ENC-1", "ZZ-ENC-2"}


def test_without_a_working_keyring_the_passphrase_is_said_to_be_kept_nowhere(
    plain_db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(passphrase.ENV, SECRET)  # keyring's null backend: it keeps nothing
    assert cli.main(["--db", _url(plain_db), "db", "encrypt"]) == 0
    out = capsys.readouterr().out
    assert "not kept anywhere (the system keyring did not keep it)" in out


def test_the_demo_database_stays_plain(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(passphrase.ENV, SECRET)
    demo = config.sqlite_path(config.demo_database_url())
    assert demo is not None
    assert cli.main(["--demo", "db", "encrypt"]) == 1
    assert "demo database stays plain" in capsys.readouterr().err
    assert not demo.exists() or demo.read_bytes().startswith(b"SQLite format 3")


_HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN")
conn.execute("SELECT count(*) FROM patient").fetchone()
print("holding", flush=True)
sys.stdin.readline()
"""


def test_encrypt_is_refused_while_another_program_has_the_file_open(
    plain_db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Another process: two SQLite libraries in one process (sqlite3 and SQLCipher's) cannot see
    each other's POSIX locks, so "another program" has to be one."""
    monkeypatch.setenv(passphrase.ENV, SECRET)
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(plain_db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "holding\n"
        assert cli.main(["--db", _url(plain_db), "db", "encrypt"]) == 1
    finally:
        holder.communicate("done\n", timeout=30)
    assert "open in another program" in capsys.readouterr().err
    assert plain_db.read_bytes().startswith(b"SQLite format 3")
    assert _mrns(plain_db) == {"ZZ-ENC-1", "ZZ-ENC-2"}
    assert not [p for p in plain_db.parent.iterdir() if p.name.startswith(".")]  # no partial


def test_passphrase_text_stays_out_of_reprs() -> None:
    key = Passphrase(SECRET)
    assert SECRET not in repr(key) and SECRET not in str(key)
    with pytest.raises(ValueError, match="passphrase"):
        Passphrase("")
    assert os.environ.get(passphrase.ENV) is None
