"""Restore, audit and authorship from the command line (issue 13): `netboard restore`, `netboard
audit verify|MRN`, exports and prints in the audit log, the OS login (not NETBOARD_USER) as
author of changes to a real database."""

from __future__ import annotations

import os
import pwd
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from netboard import cli
from netboard.db import operations as ops
from netboard.db import queries as q
from netboard.db.errors import StoreError
from netboard.db.store import Store, known_revisions
from netboard.db.store_files import restore_database

LOGIN = pwd.getpwuid(os.getuid()).pw_name


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def _patient(store: Store, mrn: str) -> str:
    return ops.create(store, "patient", {"mrn": mrn, "family_name": "Testperson"})


def _mrns(path: Path) -> set[str]:
    with Store.open(_url(path), user="dr-check", read_only=True) as store:
        return {row.mrn for row in q.list_patients(store, limit=100).rows}


@pytest.fixture
def live(tmp_path: Path) -> Path:
    path = tmp_path / "db" / "cases.db"
    with Store.open(_url(path), user="dr-tester") as store:
        _patient(store, "ZZ-A")
    return path


# --- restore ------------------------------------------------------------------------------


def test_restore_puts_the_backup_back_and_keeps_the_current_file(
    live: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "backup.db"
    assert cli.main(["--db", _url(live), "backup", str(backup)]) == 0
    with Store.open(_url(live), user="dr-tester") as store:
        _patient(store, "ZZ-B")
        holder = sqlite3.connect(live)  # leaves a -wal with ZZ-B's page beside the file...
        holder.execute("PRAGMA wal_autocheckpoint = 0")
        holder.execute("UPDATE patient SET notes = 'in the wal' WHERE mrn = 'ZZ-B'")
        holder.commit()
        holder.close()
    capsys.readouterr()
    assert cli.main(["--db", _url(live), "restore", str(backup)]) == 0
    out = capsys.readouterr().out
    assert f"Restored {live}" in out and "kept as" in out
    assert _mrns(live) == {"ZZ-A"}
    aside = next(live.parent.glob("cases.db.before-restore-*.bak"))
    assert _mrns(aside) == {"ZZ-A", "ZZ-B"}
    assert stat.S_IMODE(aside.stat().st_mode) == 0o600
    assert stat.S_IMODE(live.stat().st_mode) == 0o600
    with Store.open(_url(live), user="dr-tester") as store:
        _patient(store, "ZZ-C")  # the restored file is a working database
        with store.read() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def test_restore_refuses_a_damaged_backup_and_leaves_the_database(
    live: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "backup.db"
    with Store.open(_url(live), user="dr-tester") as store:
        store.backup(backup)
    conn = sqlite3.connect(backup)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'patient'").fetchone()[0]
    conn.close()
    with backup.open("r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\x0d" + b"\xff" * 40)
    before = live.read_bytes()
    with pytest.raises(StoreError, match="damaged"):
        restore_database(backup, live, known_revisions())
    assert live.read_bytes() == before
    assert sorted(p.name for p in live.parent.iterdir()) == ["cases.db"]


def test_restore_refuses_while_the_database_is_open(live: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backup.db"
    with Store.open(_url(live), user="dr-tester") as store:
        store.backup(backup)
        with store.read() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM patient").scalar()
            with pytest.raises(StoreError, match="open in another program"):
                restore_database(backup, live, known_revisions())
    assert _mrns(live) == {"ZZ-A"}


# --- the audit log ------------------------------------------------------------------------


def test_audit_verify_and_a_tampered_entry(
    live: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(_url(live), user="dr-tester") as store:
        pid = _patient(store, "ZZ-B")
        ops.update(store, "patient", pid, {"notes": "checked"}, expected_version=1)
    assert cli.main(["--db", _url(live), "audit", "verify"]) == 0
    assert "3 entries, chain intact" in capsys.readouterr().out
    conn = sqlite3.connect(live)
    conn.execute("UPDATE audit_entry SET who = 'nobody' WHERE seq = 2")
    conn.commit()
    conn.close()
    assert cli.main(["--db", _url(live), "audit", "verify"]) == 2
    out = capsys.readouterr().out
    assert "BROKEN at audit entry #2" in out and "nobody" in out


def test_audit_mrn_lists_changes_and_exports_with_authors(
    live: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(_url(live), user="dr-tester") as store:
        pid = q.find_patient(store, "ZZ-A").id  # type: ignore[union-attr]
        ops.update(store, "patient", pid, {"notes": "first note"}, expected_version=1)
    pdf = tmp_path / "sheet.pdf"
    assert cli.main(["--db", _url(live), "report", "case", "ZZ-A", "-o", str(pdf)]) == 0
    capsys.readouterr()
    assert cli.main(["--db", _url(live), "audit", "ZZ-A"]) == 0
    out = capsys.readouterr().out
    assert "dr-tester  create patient" in out
    assert "notes: \u2014 -> first note" in out
    assert f"{LOGIN}  export patient" in out
    assert "case preparation sheet" in out and str(pdf) in out


def test_report_from_a_backup_leaves_it_unchanged_and_says_it_was_not_recorded(
    live: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    backup = tmp_path / "backup.db"
    assert cli.main(["--db", _url(live), "backup", str(backup)]) == 0
    before = backup.read_bytes()
    pdf = tmp_path / "sheet.pdf"
    assert cli.main(["--db", _url(backup), "report", "case", "ZZ-A", "-o", str(pdf)]) == 0
    assert backup.read_bytes() == before
    assert "not recorded in its audit log" in caplog.text


def test_changes_to_a_real_database_are_authored_by_the_login(
    live: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETBOARD_USER", "Dr. Pretend")
    pdf = tmp_path / "sheet.pdf"
    assert cli.main(["--db", _url(live), "report", "case", "ZZ-A", "-o", str(pdf)]) == 0
    with Store.open(_url(live), user="dr-check", read_only=True) as store:
        who = {entry.who for entry in q.audit_log(store) if entry.action == "export"}
    assert who == {LOGIN}


def test_demo_force_records_every_added_patient(
    live: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--db", _url(live), "demo", "--patients", "3", "--force"]
    assert cli.main(args) == 0
    with Store.open(_url(live), user="dr-check", read_only=True) as store:
        bulk = [e for e in q.audit_log(store) if e.action == "bulk"]
        patients = q.list_patients(store, limit=100).rows
    assert len(patients) == 4
    assert len(bulk) == 3 and {e.entity_id for e in bulk} < {p.id for p in patients}
    capsys.readouterr()


def test_restore_of_a_server_database_points_to_its_tools(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    backup = tmp_path / "b.db"
    shutil.copy(__file__, backup)
    code = cli.main(["--db", "postgresql+psycopg://u@127.0.0.1:1/x", "restore", str(backup)])
    assert code == 1
    assert "pg_restore" in capsys.readouterr().err
