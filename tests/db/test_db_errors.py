"""Database failures a user can meet arrive as typed DbErrors with one clear sentence: busy,
disk full, read-only; control characters are refused by validation on both backends (issue 13)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from netboard.db import operations
from netboard.db.errors import BusyError, ReadOnlyError, StoreError
from netboard.db.store import INTERACTIVE_BUSY_TIMEOUT, Store
from netboard.domain.validation import ValidationError

ROOT = Path(__file__).resolve().parents[2]


def _patient(mrn: str, **extra: object) -> dict[str, object]:
    return {"mrn": mrn, "family_name": "Testperson", "given_name": "Ada", **extra}


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [("family_name", "Test\x00person", "U+0000"), ("notes", "line\x1bone", "U+001B")],
)
def test_control_characters_are_refused_on_both_backends(
    store: Store, field: str, value: str, code: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        operations.create(store, "patient", _patient("ZZ-CTRL", **{field: value}))
    (problem,) = caught.value.errors
    assert problem.field == field
    assert code in problem.message
    operations.create(store, "patient", _patient("ZZ-OK", notes="tab\there\r\nnew line"))


def test_busy_database_is_a_busy_error_within_the_window_timeout(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    Store.open(f"sqlite:///{path}", user="dr-tester").close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program in the middle of a long write
    try:
        with Store.open(
            f"sqlite:///{path}", user="dr-tester", busy_timeout=INTERACTIVE_BUSY_TIMEOUT
        ) as store:
            started = time.monotonic()
            with pytest.raises(BusyError) as caught:
                operations.create(store, "patient", _patient("ZZ-BUSY"))
            assert time.monotonic() - started < 2.0
    finally:
        holder.rollback()
        holder.close()
    assert "Another program is writing" in str(caught.value)
    assert str(path) in str(caught.value)


def test_window_store_waits_only_a_moment(tmp_path: Path) -> None:
    from netboard import cli

    path = tmp_path / "cases.db"
    args = cli.build_parser().parse_args(["--db", f"sqlite:///{path}"])
    store, _demo = cli.open_for_window(args)
    with store.read() as conn:
        timeout_ms = conn.exec_driver_sql("PRAGMA busy_timeout").scalar()
    store.close()
    assert 0 < int(timeout_ms) <= 1000


@pytest.mark.postgres
def test_read_only_postgresql_session_is_a_read_only_error(pg_url: str) -> None:
    name = sa.make_url(pg_url).database
    admin = sa.create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
    admin.dispose()
    with Store.open(pg_url, user="dr-tester") as store:
        with pytest.raises(ReadOnlyError, match="cannot be written"):
            operations.create(store, "patient", _patient("ZZ-RO"))


def test_read_only_store_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    Store.open(f"sqlite:///{path}", user="dr-tester").close()
    with Store.open(f"sqlite:///{path}", user="dr-tester", read_only=True) as store:
        with pytest.raises(StoreError, match="read-only"):
            operations.create(store, "patient", _patient("ZZ-RO"))


_WRITER = """
import sys
from netboard.db import operations
from netboard.db.errors import DbError
from netboard.db.store import Store
url = sys.argv[1]
try:
    with Store.open(url, user="dr-tester") as store:
        for i in range(100000):
            operations.create(store, "patient", {"mrn": f"ZZ-{i}", "family_name": "Testperson",
                                                 "notes": "fictional " * 400})
except DbError as exc:
    print(type(exc).__name__ + ": " + str(exc))
"""


def _in_namespace(setup: str, folder: Path, url: str) -> subprocess.CompletedProcess[str]:
    if os.getuid() != 0 or shutil.which("unshare") is None:
        pytest.skip("needs root and unshare for a private mount (full or read-only disk)")
    script = f'{setup} && exec "$@"'
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETBOARD_")}
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", script, str(folder),
         sys.executable, "-c", _WRITER, url],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120, check=False,
    )  # fmt: skip


def test_full_disk_is_a_disk_full_error_naming_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "small"
    folder.mkdir()
    result = _in_namespace(
        'mount -t tmpfs -o size=1m tmpfs "$0"', folder, f"sqlite:///{folder}/cases.db"
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stdout.startswith("DiskFullError: "), result
    assert f"The disk holding {folder} is full" in result.stdout


def test_read_only_disk_is_a_read_only_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    path = folder / "cases.db"
    Store.open(f"sqlite:///{path}", user="dr-tester").close()
    result = _in_namespace('mount --bind -o ro "$0" "$0"', folder, f"sqlite:///{path}")
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stdout.startswith("ReadOnlyError: "), result
    assert f"{path} cannot be written" in result.stdout
