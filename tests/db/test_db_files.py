"""The files of an SQLite store: opening what SQLite can recover, read-only opens that change
nothing, refusing what is not a regular file, owner-only permissions, partial copies, checked
backups (issue 13)."""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from netboard import cli
from netboard.db import queries as q
from netboard.db.errors import StoreError
from netboard.db.models import PatientRow
from netboard.db.store import Store

ROOT = Path(__file__).resolve().parents[2]


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def _add_patients(store: Store, count: int, prefix: str = "ZZ") -> None:
    with store.unit_of_work() as session:
        session.add_all(
            PatientRow(mrn=f"{prefix}-{i:05d}", family_name="Testperson", given_name=f"Fict {i}")
            for i in range(count)
        )


def _count(store: Store) -> int:
    with store.read() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(PatientRow)).scalar_one())


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _mode(path: Path | str) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def umask_022() -> Iterator[None]:
    """The common default umask, under which files come out world-readable unless set."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _crash_copy(tmp_path: Path, extra: int = 400) -> Path:
    """A database as a crash leaves it: the newest rows only in the -wal (no -shm)."""
    source = tmp_path / "live" / "cases.db"
    with Store.open(_url(source), user="dr-tester") as store:
        _add_patients(store, 5, "AA")
        with store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_autocheckpoint = 0")
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        store.engine.pool.dispose()
        holder = sqlite3.connect(source)  # keeps the -wal from being checkpointed on close
        holder.execute("PRAGMA wal_autocheckpoint = 0")
        columns = [row[1] for row in holder.execute("PRAGMA table_info(patient)")]
        copied = ", ".join("?" if c in ("id", "mrn", "search_key") else c for c in columns)
        insert = (
            f"INSERT INTO patient ({', '.join(columns)}) SELECT {copied} FROM patient "
            "WHERE mrn = 'AA-00000'"
        )
        for i in range(extra // 100):
            holder.executemany(
                insert, [(f"b{i}-{j}", f"BB-{i}-{j:03d}", f"bb {i} {j}") for j in range(100)]
            )
            holder.commit()
        crashed = tmp_path / "crashed"
        crashed.mkdir()
        shutil.copy(source, crashed / "cases.db")
        shutil.copy(f"{source}-wal", crashed / "cases.db-wal")
        holder.close()
    return crashed / "cases.db"


def _checkpoint_page_one(path: Path) -> None:
    """What a checkpoint killed after its first page leaves: the main file's header from the
    WAL (with the new, larger page count) but not yet the pages it counts."""
    wal = Path(f"{path}-wal").read_bytes()
    page_size = int.from_bytes(wal[8:12], "big")
    newest = None
    offset = 32
    while offset + 24 + page_size <= len(wal):
        if int.from_bytes(wal[offset : offset + 4], "big") == 1:
            newest = wal[offset + 24 : offset + 24 + page_size]
        offset += 24 + page_size
    assert newest is not None
    with path.open("r+b") as fh:
        fh.write(newest)
    size = path.stat().st_size
    assert size < int.from_bytes(newest[28:32], "big") * page_size  # what used to be refused


# --- SQLite's recovery is trusted ----------------------------------------------------------


def test_interrupted_checkpoint_opens_with_every_row(tmp_path: Path) -> None:
    path = _crash_copy(tmp_path)
    _checkpoint_page_one(path)
    with Store.open(_url(path), user="dr-tester", read_only=True) as store:
        assert _count(store) == 405
    with Store.open(_url(path), user="dr-tester") as store:
        assert _count(store) == 405
        with store.read() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def test_crash_with_a_wal_and_no_shm_opens_read_only_and_for_writing(tmp_path: Path) -> None:
    path = _crash_copy(tmp_path, extra=100)
    with Store.open(_url(path), user="dr-tester", read_only=True) as store:
        assert _count(store) == 105
    with Store.open(_url(path), user="dr-tester") as store:
        _add_patients(store, 1, "CC")
        assert _count(store) == 106


def test_truncated_database_without_a_wal_is_refused_as_damaged(tmp_path: Path) -> None:
    path = _crash_copy(tmp_path)
    _checkpoint_page_one(path)
    Path(f"{path}-wal").unlink()  # the newest pages are gone for good
    with pytest.raises(StoreError, match="truncated or damaged"):
        Store.open(_url(path), user="dr-tester")


def test_refusing_another_programs_wal_database_creates_no_shm(tmp_path: Path) -> None:
    live = tmp_path / "live.db"
    holder = sqlite3.connect(live)
    holder.execute("PRAGMA journal_mode = WAL")
    holder.execute("PRAGMA wal_autocheckpoint = 0")
    holder.execute("CREATE TABLE notes (body TEXT)")
    holder.commit()
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(live, other / "notes.db")
    shutil.copy(f"{live}-wal", other / "notes.db-wal")
    holder.close()
    before = _listing(other)
    with pytest.raises(StoreError, match="another program"):
        Store.open(_url(other / "notes.db"), user="dr-tester")
    assert _listing(other) == before


# --- read-only commands -------------------------------------------------------------------


def _netboard_file(tmp_path: Path) -> Path:
    path = tmp_path / "db" / "cases.db"
    with Store.open(_url(path), user="dr-tester") as store:
        from netboard.db import operations

        operations.create(store, "patient", {"mrn": "ZZ-7", "family_name": "Testperson"})
    assert _listing(path.parent) == ["cases.db"]
    return path


def test_read_only_commands_change_no_byte_and_create_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _netboard_file(tmp_path)
    backup = tmp_path / "backup.db"
    assert cli.main(["--db", _url(path), "backup", str(backup)]) == 0
    for target in (path, backup):
        digest, listing = _digest(target), _listing(target.parent)
        assert cli.main(["--db", _url(target), "db", "current"]) == 0
        assert cli.main(["--db", _url(target), "audit", "verify"]) == 0
        if target == backup:  # on the live database a report is an audited export (a write)
            pdf = tmp_path / "backup-case.pdf"
            assert cli.main(["--db", _url(target), "report", "case", "ZZ-7", "-o", str(pdf)]) == 0
        assert _digest(target) == digest
        listing_now = [n for n in _listing(target.parent) if not n.endswith(".pdf")]
        assert listing_now == [n for n in listing if not n.endswith(".pdf")]
    capsys.readouterr()


@pytest.mark.parametrize("kind", ["fifo", "device", "empty"])
def test_read_only_command_refuses_a_non_database_and_leaves_it(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cases.db"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/null")
    else:
        path.touch()
    assert cli.main(["--db", _url(path), "db", "current"]) == 1
    message = capsys.readouterr().err
    assert str(path) in message
    assert "regular file" in message or "empty file" in message
    if kind == "fifo":
        assert stat.S_ISFIFO(path.lstat().st_mode)
    elif kind == "device":
        assert path.is_symlink() and stat.S_ISCHR(path.stat().st_mode)
    else:
        assert path.stat().st_size == 0
    assert _listing(tmp_path) == ["cases.db"]


def test_window_open_refuses_a_fifo(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    os.mkfifo(path)
    with pytest.raises(StoreError, match="not a regular file"):
        Store.open(_url(path), user="dr-tester")
    assert stat.S_ISFIFO(path.lstat().st_mode)


def _read_only_folder_command(folder: Path, command: list[str]) -> list[str]:
    """``command`` run where ``folder`` cannot be written: a read-only bind mount when the tests
    run as root (root ignores folder modes), else the folder's mode 0555."""
    if os.getuid() != 0:
        folder.chmod(0o555)
        return command
    if shutil.which("unshare") is None:
        pytest.skip("running as root without unshare: no way to make a read-only folder")
    script = 'mount --bind -o ro "$0" "$0" && exec "$@"'
    return ["unshare", "-m", "sh", "-c", script, str(folder), *command]


def test_database_in_a_read_only_folder_can_be_read(tmp_path: Path) -> None:
    path = _netboard_file(tmp_path)
    folder = tmp_path / "ro"
    folder.mkdir()
    shutil.copy(path, folder / "cases.db")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETBOARD_")}
    env.update({"NETBOARD_DATA_DIR": str(tmp_path / "data"), "NETBOARD_USER": "reader"})
    command = [sys.executable, "-m", "netboard", "--db", _url(folder / "cases.db"), "db", "current"]
    try:
        result = subprocess.run(
            _read_only_folder_command(folder, command),
            capture_output=True, text=True, env=env, cwd=ROOT, timeout=120, check=False,
        )  # fmt: skip
    finally:
        folder.chmod(0o755)
    assert result.returncode == 0, result.stderr
    assert "up to date" in result.stdout
    assert _listing(folder) == ["cases.db"]


# --- owner-only files ---------------------------------------------------------------------


def test_new_database_wal_shm_backup_and_bak_are_owner_only(
    tmp_path: Path, umask_022: None
) -> None:
    folder = tmp_path / "data"
    path = folder / "cases.db"
    with Store.open(_url(path), user="dr-tester") as store:
        _add_patients(store, 2)
        with store.read():
            for name in (path, f"{path}-wal", f"{path}-shm"):
                assert _mode(name) == 0o600, name
        backup = store.backup(tmp_path / "backups" / "copy.db")
    assert _mode(folder) == 0o700
    assert _mode(backup) == 0o600
    assert _mode(backup.parent) == 0o700


def test_world_readable_database_is_tightened_on_open(tmp_path: Path, umask_022: None) -> None:
    path = _netboard_file(tmp_path)
    path.chmod(0o644)
    with Store.open(_url(path), user="dr-tester") as store:
        _add_patients(store, 1)
        with store.read():
            assert _mode(path) == _mode(f"{path}-wal") == 0o600


def test_pdf_is_owner_only(tmp_path: Path, umask_022: None) -> None:
    path = _netboard_file(tmp_path)
    pdf = tmp_path / "case.pdf"
    assert cli.main(["--db", _url(path), "report", "case", "ZZ-7", "-o", str(pdf)]) == 0
    assert _mode(pdf) == 0o600


# --- partial files and checked backups ----------------------------------------------------


def test_abandoned_partial_is_removed_on_next_open_and_a_live_one_kept(tmp_path: Path) -> None:
    path = _netboard_file(tmp_path)
    dead = path.with_name(".copy.db.0123abcd.partial")
    dead.write_bytes(b"SQLite format 3\x00 fictional patient data")
    live = path.with_name(".other.db.4567ef.partial")
    live.write_bytes(b"being written")
    with live.open("rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        Store.open(_url(path), user="dr-tester").close()
        assert not dead.exists()
        assert live.exists()


def test_a_database_named_like_a_partial_is_opened_not_removed(tmp_path: Path) -> None:
    """A database whose own name looks like an abandoned partial copy (".name.partial") is the
    one being opened: it keeps its patients (it used to be removed and opened empty)."""
    path = _netboard_file(tmp_path)
    odd = path.with_name(".kept.db.partial")
    shutil.copyfile(path, odd)
    with Store.open(_url(odd), user="dr-tester") as store:
        assert [r.mrn for r in q.list_patients(store).rows] == ["ZZ-7"]
    assert odd.exists()


def test_backup_onto_a_full_disk_fails_clearly_and_leaves_no_partial(tmp_path: Path) -> None:
    if os.getuid() != 0 or shutil.which("unshare") is None:
        pytest.skip("a small full file system needs root and unshare (mount namespace)")
    path = _netboard_file(tmp_path)
    with Store.open(_url(path), user="dr-tester") as store:
        _add_patients(store, 3000)
    full = tmp_path / "full"
    full.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETBOARD_")}
    env.update({"NETBOARD_DATA_DIR": str(tmp_path / "data"), "NETBOARD_USER": "backer"})
    script = (
        'mount -t tmpfs -o size=128k tmpfs "$0" && "$@"; rc=$?; echo "left: $(ls -A "$0")"; '
        "exit $rc"
    )
    command = [sys.executable, "-m", "netboard", "--db", _url(path), "backup", str(full / "c.db")]
    result = subprocess.run(
        ["unshare", "-m", "sh", "-c", script, str(full), *command],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr
    assert "disk is full" in result.stderr
    assert result.stdout.strip() == "left:"


def _damage_a_table_page(path: Path) -> None:
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'patient'").fetchone()[0]
    conn.close()
    with path.open("r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\x0d" + b"\xff" * 40)  # a leaf page whose cell pointers point nowhere


def test_backup_of_a_damaged_database_is_refused(tmp_path: Path) -> None:
    path = _netboard_file(tmp_path)
    _damage_a_table_page(path)
    with Store.open(_url(path), user="dr-tester", read_only=True) as store:
        with pytest.raises(StoreError, match="damaged"):
            store.backup(tmp_path / "copies" / "copy.db")
    assert _listing(tmp_path / "copies") == []
